package persuratan_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
)

func TestSequenceStartContinuesThePaperBook(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		u, err := m.SetUrutanMulai(ctx, persuratan.UrutanMulai{Tahun: 2026, Lingkup: "keluar", Mulai: 58}, "u")
		if err != nil {
			t.Fatal(err)
		}
		if !u.Tetap || u.Urutan[0].Berikutnya != 58 || u.Urutan[0].Contoh != "000.1/058/2001/III/2026" {
			t.Fatalf("after setting the start: %+v", u)
		}
		s, err := m.CreateKeluar(ctx, persuratan.SuratKeluarBaru{Jenis: "undangan", Klasifikasi: "000.1.5", Tujuan: "BPD", Perihal: "Rapat"}, "u")
		if err != nil {
			t.Fatal(err)
		}
		if s.Nomor != "000.1.5/058/2001/III/2026" {
			t.Fatalf("first letter after the start: %s", s.Nomor)
		}
		for _, tc := range []struct {
			in    persuratan.UrutanMulai
			field string
		}{
			{persuratan.UrutanMulai{Tahun: 2026, Lingkup: "keluar", Mulai: 58}, "body.mulai"},
			{persuratan.UrutanMulai{Tahun: 2026, Lingkup: "keluar", Mulai: 0}, "body.mulai"},
			{persuratan.UrutanMulai{Tahun: 2026, Lingkup: "agenda", Mulai: 90}, "body.lingkup"},
			{persuratan.UrutanMulai{Tahun: 1999, Lingkup: "keluar", Mulai: 90}, "body.tahun"},
		} {
			_, err := m.SetUrutanMulai(ctx, tc.in, "u")
			f, ok := fault.As(err)
			if !ok || f.Code != fault.Invalid || !strings.Contains(faultFields(f), tc.field) {
				t.Errorf("%+v: %v, want invalid %s", tc.in, err, tc.field)
			}
		}
		// Above the numbers given, the start may still move.
		if _, err := m.SetUrutanMulai(ctx, persuratan.UrutanMulai{Tahun: 2026, Lingkup: "keluar", Mulai: 59}, "u"); err != nil {
			t.Fatal(err)
		}
		// The year has started: its policy is fixed.
		if _, err := m.SetPengaturan(ctx, persuratan.Pengaturan{Format: persuratan.DefaultFormat, Kebijakan: persuratan.KebijakanBersama, KodeDesa: "2001"}, "u"); !fault.Is(err, fault.Conflict) {
			t.Fatalf("policy change after the start: %v, want conflict", err)
		}
		contoh, err := m.Pratinjau(ctx, persuratan.Pengaturan{Format: "{nomor:4}/{kode}/Bkl/{tahun}", Kebijakan: persuratan.KebijakanRegister, KodeDesa: "2001"})
		if err != nil || contoh != "0059/000.1/Bkl/2026" {
			t.Fatalf("preview %q %v", contoh, err)
		}
		// The neighbour's sequences are its own.
		other, err := m.Urutan(desaCtx(tetangga), 2026)
		if err != nil || other.Urutan[0].Berikutnya != 1 {
			t.Fatalf("neighbour: %+v %v", other, err)
		}
	})
}

func faultFields(f *fault.Error) string {
	var out []string
	out = append(out, f.Field)
	for _, x := range f.Fields {
		out = append(out, x.Field)
	}
	return strings.Join(out, " ")
}

func TestUrutanAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		bk := "/desa/" + string(bengkel) + "/pengaturan-surat/"
		wantStatus(t, a.do(http.MethodPut, bk+"urutan", "perbekel-2001", persuratan.UrutanMulai{Tahun: 2026, Lingkup: "masuk", Mulai: 12}), 200)
		got := decode[persuratan.DaftarUrutan](t, a.do(http.MethodGet, bk+"urutan?tahun=2026", "camat", nil))
		if len(got.Urutan) != 2 || got.Urutan[1].Lingkup != "masuk" || got.Urutan[1].Berikutnya != 12 {
			t.Fatalf("urutan %+v", got)
		}
		wantStatus(t, a.do(http.MethodPut, bk+"urutan", "operator-2001", persuratan.UrutanMulai{Tahun: 2026, Lingkup: "masuk", Mulai: 20}), 403)
		wantStatus(t, a.do(http.MethodPut, "/desa/"+string(tetangga)+"/pengaturan-surat/urutan", "perbekel-2001",
			persuratan.UrutanMulai{Tahun: 2026, Lingkup: "masuk", Mulai: 20}), 403)
		rec := a.do(http.MethodGet, bk+"pratinjau?"+url.Values{"format": {"{nomor}"}, "kebijakan": {"register"}, "kode_desa": {"2001"}}.Encode(), "camat", nil)
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "format nomor harus memuat {nomor} dan {tahun}") {
			t.Fatalf("bad preview: %d %s", rec.Code, rec.Body)
		}
		rec = a.do(http.MethodGet, bk+"pratinjau?"+url.Values{"format": {"{nomor:3}/{kode_desa}/{tahun}"}, "kebijakan": {"register"}, "kode_desa": {"BKL"}}.Encode(), "camat", nil)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"contoh":"001/BKL/2026"`) {
			t.Fatalf("preview: %d %s", rec.Code, rec.Body)
		}
	})
}

func TestPagesChangeTheNumberFormatWithAPreview(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		base := "/desa/" + string(bengkel) + "/surat"
		resp, body := s.do(http.MethodGet, base+"/pengaturan", tok["camat"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, persuratan.DefaultFormat) || strings.Contains(body, `id="form-pengaturan"`) ||
			strings.Contains(body, `id="form-urutan"`) || !strings.Contains(body, "000.1/001/2001/III/2026") {
			t.Fatalf("camat's view: %d %s", resp.StatusCode, body)
		}
		// The operator issues but does not configure; the perbekel does.
		resp, body = s.do(http.MethodGet, base+"/pengaturan", tok["operator"], nil)
		if resp.StatusCode != 200 || strings.Contains(body, `id="form-pengaturan"`) {
			t.Fatalf("operator's view: %d %s", resp.StatusCode, body)
		}
		if resp, _ := s.do(http.MethodPost, base+"/pengaturan", tok["operator"], url.Values{"format": {"{nomor}/{tahun}"}}); resp.StatusCode != 403 {
			t.Fatalf("operator saves: %d", resp.StatusCode)
		}
		resp, body = s.do(http.MethodGet, base+"/pengaturan?"+url.Values{"pratinjau": {"1"}, "format": {"{nomor:4}/{kode}/{tahun}"},
			"kebijakan": {"register"}, "kode_desa": {"2001"}}.Encode(), tok["sekdes"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `id="pratinjau"`) || !strings.Contains(body, "0001/000.1/2026") ||
			!strings.Contains(body, `value="{nomor:4}/{kode}/{tahun}"`) {
			t.Fatalf("preview: %d %s", resp.StatusCode, body)
		}
		resp, body = s.do(http.MethodPost, base+"/pengaturan", tok["sekdes"], url.Values{"format": {"{kode}/{bulan}"}, "kebijakan": {"register"}, "kode_desa": {"2001"}})
		if resp.StatusCode != 422 || !strings.Contains(body, "Format nomor harus memuat {nomor} dan {tahun}.") || !strings.Contains(body, `value="{kode}/{bulan}"`) {
			t.Fatalf("bad format: %d %s", resp.StatusCode, body)
		}
		resp, _ = s.do(http.MethodPost, base+"/pengaturan", tok["sekdes"], url.Values{"format": {"{nomor:4}/{kode}/{tahun}"}, "kebijakan": {"register"}, "kode_desa": {"2001"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		resp, body = s.do(http.MethodPost, base+"/pengaturan/urutan", tok["sekdes"], url.Values{"tahun": {"2026"}, "lingkup": {"keluar"}, "mulai": {"tiga"}})
		if resp.StatusCode != 422 || !strings.Contains(body, "Nomor awal harus angka bulat") || !strings.Contains(body, `value="tiga"`) {
			t.Fatalf("bad start: %d %s", resp.StatusCode, body)
		}
		resp, _ = s.do(http.MethodPost, base+"/pengaturan/urutan", tok["sekdes"], url.Values{"tahun": {"2026"}, "lingkup": {"keluar"}, "mulai": {"1234"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("start: %d", resp.StatusCode)
		}
		_, body = s.do(http.MethodGet, resp.Header.Get("Location"), tok["sekdes"], nil)
		if !strings.Contains(body, "berikutnya <strong>1.234</strong>") || !strings.Contains(body, "1234/000.1/2026") {
			t.Fatalf("after start: %s", body)
		}
	})
}

func TestSuratDinasTypesNumberPerType(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		bk := "/desa/" + string(bengkel)
		wantStatus(t, a.do(http.MethodPut, bk+"/pengaturan-surat", "perbekel-2001",
			persuratan.Pengaturan{Format: "{jenis}/{nomor:3}/{tahun}", Kebijakan: persuratan.KebijakanJenis, KodeDesa: "2001"}), 200)
		var got []string
		for _, jenis := range []string{"undangan", "laporan", "undangan", "pemberitahuan", ""} {
			rec := a.do(http.MethodPost, bk+"/surat-keluar", "operator-2001",
				map[string]string{"jenis": jenis, "klasifikasi": "000.1.5", "tujuan": "BPD", "perihal": "Rapat"})
			if jenis == "" {
				rec = a.do(http.MethodPost, bk+"/surat-keluar", "operator-2001",
					persuratan.SuratKeluarBaru{Klasifikasi: "000.1.5", Tujuan: "BPD", Perihal: "Rapat"})
			}
			wantStatus(t, rec, 201)
			v := decode[persuratan.SuratKeluarView](t, rec)
			got = append(got, v.Nomor+" "+v.JenisJudul)
		}
		want := "UND/001/2026 Surat Undangan|LAP/001/2026 Laporan|UND/002/2026 Surat Undangan|PBT/001/2026 Surat Pemberitahuan|UM/001/2026 Surat Dinas"
		if strings.Join(got, "|") != want {
			t.Fatalf("numbers %q, want %q", strings.Join(got, "|"), want)
		}
		rec := a.do(http.MethodPost, bk+"/surat-keluar", "operator-2001",
			map[string]string{"jenis": "surat-cinta", "klasifikasi": "000.1.5", "tujuan": "BPD", "perihal": "Rapat"})
		wantStatus(t, rec, 422)
		// Service letters are counted apart from surat dinas.
		st := a.do(http.MethodGet, "/wilayah/51.02.06/surat/statistik?tahun=2026", "camat", nil)
		if !strings.Contains(st.Body.String(), `"keluar":5,"layanan":0`) {
			t.Fatalf("statistik: %s", st.Body)
		}
	})
}
