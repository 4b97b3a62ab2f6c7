package keuangan_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	evBengkel = tenancy.Kode("51.02.06.2001")
	evTabanan = tenancy.Kode("51.02")
)

// evUsers are the accounts of these tests, named "Pak " + the account.
var evUsers = accounts{title: "Pak ", users: map[string]grant{
	"camat":    {authz.Camat, "51.02.06"},
	"camat2":   {authz.Camat, "51.02.10"},
	"perbekel": {authz.Perbekel, evBengkel},
	"admin":    {authz.AdminKabupaten, evTabanan},
	"admin2":   {authz.AdminKabupaten, "35.23"},
}}

// evSeedAPBDes writes an APBDes of tahun for desa: Dana Desa Rp 1 M and ADD
// Rp 500 jt; belanja 01.01.01 (ADD) Rp 400 jt and 02.03.10 (DDS) Rp 1,1 M;
// submitted to the camat when ajukan. It returns the ids of the lines.
func evSeedAPBDes(t *testing.T, m *keuangan.Module, d *db.DB, desa tenancy.Kode, tahun int, ajukan bool) []keuangan.Baris {
	t.Helper()
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
	lines := []keuangan.Baris{
		{Kelompok: keuangan.KelompokPendapatan, KodeRekening: "4.2.1.01", Uraian: "Dana Desa", SumberDana: "DDS", Jumlah: 1_000_000_000},
		{Kelompok: keuangan.KelompokPendapatan, KodeRekening: "4.2.3.01", Uraian: "Alokasi Dana Desa", SumberDana: "ADD", Jumlah: 500_000_000},
		{Kelompok: keuangan.KelompokBelanja, KodeKegiatan: "01.01.01", KodeRekening: "5.1.1.01", Uraian: "Penghasilan tetap kepala desa",
			Volume: 12_000, Satuan: "bulan", HargaSatuan: 33_333_334, Jumlah: 400_000_008, SumberDana: "ADD"},
		{Kelompok: keuangan.KelompokBelanja, KodeKegiatan: "02.03.10", KodeRekening: "5.3.2.01", Uraian: "Pengerasan jalan desa",
			Volume: 1_000, Satuan: "paket", HargaSatuan: 1_099_999_992, Jumlah: 1_099_999_992, SumberDana: "DDS"},
	}
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		id, _ := uuid.NewV7()
		a := keuangan.APBDes{DesaID: desa.ID(), ID: id.String(), Tahun: tahun, Versi: keuangan.VersiMurni, Status: keuangan.StatusDraft,
			CreatedBy: "sekdes", CreatedAt: now, UpdatedBy: "sekdes", UpdatedAt: now}
		if _, err := tx.NewInsert().Model(&a).Exec(ctx); err != nil {
			return err
		}
		if err := keuangan.SimpanBaris(ctx, tx, a, lines, "sekdes", now); err != nil {
			return err
		}
		if ajukan {
			return keuangan.GantiStatus(ctx, tx, &a, keuangan.AksiAjukan, "", keuangan.Pelaku{ID: "sekdes", Nama: "Sekdes"}, now)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

func evServer(t *testing.T, d *db.DB) (*keuangan.Module, *httpserver.Server) {
	t.Helper()
	m := newModule(t, d)
	return m, apiServer(m, evUsers)
}

func TestEvaluasiCamatCommentsReturnsAndAccepts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m, srv := evServer(t, d)
		lines := evSeedAPBDes(t, m, d, evBengkel, 2026, true)
		base := "/desa/" + string(evBengkel) + "/apbdes/2026"
		jalan := lines[3].ID

		// The perbekel may read comments but neither write nor decide.
		if st, _ := apiJSON(t, srv, "POST", base+"/komentar", "perbekel", map[string]any{"isi": "x"}); st != 403 {
			t.Fatalf("perbekel comments: %d, want 403", st)
		}
		if st, _ := apiJSON(t, srv, "POST", base+"/evaluasi", "perbekel", map[string]any{"keputusan": "terima"}); st != 403 {
			t.Fatalf("perbekel decides: %d, want 403", st)
		}
		// Another kecamatan's camat is stopped at the guard.
		if st, _ := apiJSON(t, srv, "POST", base+"/komentar", "camat2", map[string]any{"isi": "x"}); st != 403 {
			t.Fatalf("camat of another kecamatan: %d, want 403", st)
		}

		st, body := apiJSON(t, srv, "POST", base+"/komentar", "camat", map[string]any{"baris_id": jalan, "isi": "Sertakan RAB dan gambar jalan."})
		if st != 201 || body["baris"] != "02.03.10 5.3.2.01 Pengerasan jalan desa" || body["oleh"] != "Pak camat" {
			t.Fatalf("comment on a line: %d %v", st, body)
		}
		if st, _ := apiJSON(t, srv, "POST", base+"/komentar", "camat", map[string]any{"isi": "Lampirkan berita acara musdes."}); st != 201 {
			t.Fatalf("comment on the whole: %d", st)
		}
		for _, bad := range []map[string]any{{"isi": "  "}, {"baris_id": "bukan-uuid", "isi": "x"}, {"baris_id": "01937a6e-0000-7000-8000-000000000000", "isi": "x"}} {
			if st, body := apiJSON(t, srv, "POST", base+"/komentar", "camat", bad); st != 422 {
				t.Errorf("comment %v: %d %v, want 422", bad, st, body)
			}
		}
		// Returning needs a note saying what to fix.
		st, body = apiJSON(t, srv, "POST", base+"/evaluasi", "camat", map[string]any{"keputusan": "kembalikan"})
		if st != 422 || !strings.Contains(evJSONText(body), "Catatan perbaikan") {
			t.Fatalf("return without a note: %d %v", st, body)
		}
		st, body = apiJSON(t, srv, "POST", base+"/evaluasi", "camat", map[string]any{"keputusan": "kembalikan", "catatan": "Perbaiki RAB jalan."})
		if st != 200 || body["status"] != keuangan.StatusDikembalikan || body["catatan_evaluasi"] != "Perbaiki RAB jalan." {
			t.Fatalf("return: %d %v", st, body)
		}

		// The desa sees it returned, with the note and both comments.
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: evBengkel})
		var a keuangan.APBDes
		err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) (err error) {
			a, err = keuangan.GetAPBDes(ctx, tx, 2026, keuangan.VersiMurni)
			return err
		})
		if err != nil || a.Status != keuangan.StatusDikembalikan || a.CatatanEvaluasi != "Perbaiki RAB jalan." {
			t.Fatalf("desa sees %+v %v", a, err)
		}
		st, body = apiJSON(t, srv, "GET", base+"/komentar", "perbekel", nil)
		if items, _ := body["items"].([]any); st != 200 || len(items) != 2 {
			t.Fatalf("perbekel reads comments: %d %v", st, body)
		}

		// Not diajukan any more: the camat can neither comment nor decide.
		for _, c := range []struct {
			path string
			body map[string]any
		}{{base + "/komentar", map[string]any{"isi": "lagi"}}, {base + "/evaluasi", map[string]any{"keputusan": "terima"}}} {
			st, body := apiJSON(t, srv, "POST", c.path, "camat", c.body)
			if st != 409 || !strings.Contains(evJSONText(body), "dikembalikan untuk diperbaiki") {
				t.Errorf("%s while dikembalikan: %d %v, want 409 in Bahasa", c.path, st, body)
			}
		}

		// Submitted again, then accepted.
		err = d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return keuangan.GantiStatus(ctx, tx, &a, keuangan.AksiAjukan, "", keuangan.Pelaku{ID: "sekdes", Nama: "Sekdes"}, now)
		})
		if err != nil {
			t.Fatal(err)
		}
		st, body = apiJSON(t, srv, "POST", base+"/evaluasi", "camat", map[string]any{"keputusan": "terima"})
		if st != 200 || body["status"] != keuangan.StatusDievaluasi {
			t.Fatalf("accept: %d %v", st, body)
		}
		if st, _ := apiJSON(t, srv, "GET", "/desa/"+string(evBengkel)+"/apbdes/20x6/komentar", "perbekel", nil); st != 404 {
			t.Errorf("a year that is no year: %d, want 404", st)
		}
	})
}

func evJSONText(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}

func TestEvaluasiKabupatenEditsRulesAndCekAturanFollows(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m, srv := evServer(t, d)
		lines := evSeedAPBDes(t, m, d, evBengkel, 2026, false)
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: evBengkel})
		cek := func() map[string]keuangan.HasilAturan {
			t.Helper()
			res, err := m.CekAturan(ctx, d, 2026, lines)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]keuangan.HasilAturan{}
			for _, h := range res {
				out[h.Kode] = h
			}
			return out
		}
		// The national set of 2026: the 30 % limit, met at 26,7 %.
		h := cek()
		if len(h) != 1 || !h["belanja-pemerintahan-30"].Terpenuhi || !strings.Contains(h["belanja-pemerintahan-30"].Nilai, "26,7 %") {
			t.Fatalf("national 2026: %+v", h)
		}
		path := "/wilayah/51.02/keuangan/aturan/2026"
		st, body := apiJSON(t, srv, "GET", path, "admin", nil)
		if st != 200 || body["asal"] != keuangan.AsalNasional {
			t.Fatalf("GET aturan: %d %v", st, body)
		}
		if st, _ := apiJSON(t, srv, "GET", path, "perbekel", nil); st != 403 {
			t.Errorf("perbekel reads the rules: %d, want 403", st)
		}

		rule := map[string]any{"kode": "belanja-pemerintahan-30", "nama": "Belanja pemerintahan", "jenis": "paling_banyak", "batas_bp": 2500,
			"pembilang": map[string]any{"kelompok": "belanja", "kegiatan": "01.01.01,01.01.02"},
			"penyebut":  map[string]any{"kelompok": "belanja"}, "sumber": "Perbup Tabanan (uji)", "aktif": true}
		// Another kabupaten's admin cannot touch Tabanan's rules.
		if st, _ := apiJSON(t, srv, "PUT", path, "admin2", map[string]any{"aturan": []any{rule}}); st != 403 {
			t.Fatalf("admin of another kabupaten: %d, want 403", st)
		}
		st, body = apiJSON(t, srv, "PUT", path, "admin", map[string]any{"aturan": []any{rule}})
		if st != 200 || body["asal"] != keuangan.AsalKabupaten {
			t.Fatalf("PUT rule: %d %v", st, body)
		}
		if h := cek()["belanja-pemerintahan-30"]; h.Terpenuhi || !strings.Contains(h.Nilai, "batas paling banyak 25 %") {
			t.Fatalf("after the kabupaten's 25 %%: %+v", h)
		}
		// Another kabupaten keeps the national rule.
		jember := tenancy.With(context.Background(), tenancy.Tenant{Kode: "35.09.01.2001"})
		if res, err := m.CekAturan(jember, d, 2026, lines); err != nil || len(res) != 1 || !res[0].Terpenuhi {
			t.Fatalf("another kabupaten: %+v %v", res, err)
		}

		// Copy 2025's set (the national one, with the Dana Desa rules).
		st, body = apiJSON(t, srv, "PUT", path, "admin", map[string]any{"salin_dari": "2025"})
		if items, _ := body["aturan"].([]any); st != 200 || len(items) != 4 {
			t.Fatalf("copy 2025: %d %v", st, body)
		}
		h = cek()
		// Dana Desa Rp 1 M; no ketahanan pangan line (0 % < 20 %), no BLT (0 % ≤ 15 %).
		if h["dd-ketahanan-pangan-20"].Terpenuhi || !h["dd-blt-15"].Terpenuhi || !h["belanja-pemerintahan-30"].Terpenuhi {
			t.Fatalf("after copying 2025: %+v", h)
		}
		// Switch one off: it is no longer reported.
		off := map[string]any{"kode": "dd-ketahanan-pangan-20", "nama": "Ketahanan pangan", "jenis": "paling_sedikit", "batas_bp": 2000,
			"pembilang": map[string]any{"kelompok": "belanja", "kegiatan": "04.02", "sumber_dana": "DDS"},
			"penyebut":  map[string]any{"kelompok": "pendapatan", "rekening": "4.2.1"}, "sumber": "Permendesa PDT 2/2024", "aktif": false}
		if st, body := apiJSON(t, srv, "PUT", path, "admin", map[string]any{"aturan": []any{off}}); st != 200 {
			t.Fatalf("switch off: %d %v", st, body)
		}
		if _, on := cek()["dd-ketahanan-pangan-20"]; on {
			t.Fatal("a rule switched off is still reported")
		}
		// Invalid input is refused field by field.
		bad := map[string]any{"kode": "X", "nama": "", "jenis": "paling_banyak", "batas_bp": 100,
			"pembilang": map[string]any{"kelompok": "pendapatan", "kegiatan": "01.01"}, "penyebut": map[string]any{"kelompok": "belanja"},
			"sumber": "", "aktif": true}
		st, body = apiJSON(t, srv, "PUT", path, "admin", map[string]any{"aturan": []any{bad}})
		if txt := evJSONText(body); st != 422 || !strings.Contains(txt, "body.aturan[0].kode") || !strings.Contains(txt, "body.aturan[0].pembilang.kegiatan") {
			t.Fatalf("bad rule: %d %v", st, body)
		}
		if st, _ := apiJSON(t, srv, "PUT", "/wilayah/51.02.06/keuangan/aturan/2026", "admin", map[string]any{"salin_dari": "nasional"}); st != 404 {
			t.Errorf("rules of a kecamatan: %d, want 404", st)
		}
	})
}

func TestEvaluasiAntreanListsDesaByStatus(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		evSeedAPBDes(t, m, d, evBengkel, 2026, false)
		evSeedAPBDes(t, m, d, "51.02.06.2011", 2026, true)
		evSeedAPBDes(t, m, d, "51.02.10.2001", 2026, true) // another kecamatan
		list, err := m.AntreanEvaluasi(context.Background(), "51.02.06", 2026)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].Desa != "51.02.06.2011" || list[0].APBDes.Status != keuangan.StatusDiajukan ||
			list[1].Desa != evBengkel || list[0].Belanja != 1_500_000_000 {
			t.Fatalf("queue: %+v", list)
		}
	})
}
