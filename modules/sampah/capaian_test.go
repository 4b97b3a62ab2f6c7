package sampah_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// A kabupaten of two kecamatan: Kediri (Bengkel with data, Pangkung
// Tibah without) and Tabanan (Dauh Peken with a little).
const (
	capaianKab      = "51.02"
	capaianPangkung = "51.02.06.2002"
	capaianDauh     = "51.02.07.2001"
)

type capaianWilayah struct{}

var capaianDesaList = []sampah.DesaInfo{
	{Kode: bengkel, Nama: "Bengkel", NamaKecamatan: "Kediri"},
	{Kode: capaianPangkung, Nama: "Pangkung Tibah", NamaKecamatan: "Kediri"},
	{Kode: capaianDauh, Nama: "Dauh Peken", NamaKecamatan: "Tabanan"},
}

func (capaianWilayah) DesaIn(_ context.Context, k tenancy.Kode) ([]sampah.DesaInfo, error) {
	var out []sampah.DesaInfo
	for _, d := range capaianDesaList {
		if k.Contains(d.Kode) {
			out = append(out, d)
		}
	}
	return out, nil
}

func (capaianWilayah) Penduduk(_ context.Context, k tenancy.Kode) (map[tenancy.Kode]int64, error) {
	out := map[tenancy.Kode]int64{}
	for kode, n := range map[tenancy.Kode]int64{bengkel: 1000, capaianDauh: 2000} {
		if k.Contains(kode) {
			out[kode] = n
		}
	}
	return out, nil
}

func (capaianWilayah) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	return map[tenancy.Kode]string{capaianKab: "Tabanan", "51": "Bali", "51.02.06": "Kediri", bengkel: "Bengkel"}[k], nil
}

func capaianDeps(d *sampah.Deps) {
	w := capaianWilayah{}
	d.Desa, d.Penduduk, d.Names = w, w, w
}

// capaianFixture writes Bengkel's TPS3R logs, a bank sampah with a kg and
// a pcs jenis, two setoran (one reversed), and a TPS3R of Dauh Peken that
// stopped.
func capaianFixture(t testing.TB, d *db.DB) {
	t.Helper()
	at := now.UTC()
	ins := func(desa tenancy.Kode, rows ...any) {
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
		if err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			for _, r := range rows {
				if _, err := tx.NewInsert().Model(r).Exec(ctx); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	id := bengkel
	did := tenancy.Kode(id).ID()
	tps := "0190a000-0000-7000-8000-000000000001"
	bank := "0190a000-0000-7000-8000-000000000002"
	pet := "0190a000-0000-7000-8000-000000000003"
	botol := "0190a000-0000-7000-8000-000000000004"
	nas := "0190a000-0000-7000-8000-000000000005"
	fas := func(desa int64, fid, jenis, nama, status, alasan string) *sampah.Fasilitas {
		return &sampah.Fasilitas{DesaID: desa, ID: fid, Jenis: jenis, Nama: nama, Status: status, AlasanTidakAktif: alasan,
			KapasitasGramHari: 2_000_000, CreatedBy: "u", CreatedAt: at, UpdatedBy: "u", UpdatedAt: at}
	}
	log := func(tgl string) *sampah.Log {
		return &sampah.Log{DesaID: did, FasilitasID: tps, Tanggal: civil.Date(tgl), Beroperasi: true, OrganikGram: 100_000,
			AnorganikGram: 20_000, ResiduGram: 30_000, KomposGram: 40_000, ResiduTPAGram: 30_000, CreatedBy: "u", CreatedAt: at}
	}
	entri := func(eid, jenis, tgl, koreksi string, jumlah int64) *sampah.Entri {
		return &sampah.Entri{DesaID: did, ID: eid, FasilitasID: bank, NasabahID: nas, Jenis: jenis, Tanggal: civil.Date(tgl),
			Jumlah: jumlah, KoreksiID: koreksi, CreatedBy: "u", CreatedAt: at}
	}
	e1, e2, e3 := "0190a000-0000-7000-8000-000000000011", "0190a000-0000-7000-8000-000000000012", "0190a000-0000-7000-8000-000000000013"
	ins(bengkel,
		fas(did, tps, sampah.FasilitasTPS3R, "TPS3R Bestari", "aktif", ""),
		fas(did, bank, sampah.FasilitasBankSampah, "Bank Sampah Bengkel Lestari", "aktif", ""),
		&sampah.JenisSampah{DesaID: did, ID: pet, FasilitasID: bank, Kode: "PET", Nama: "Botol PET", Kelompok: "anorganik", Satuan: "kg", Aktif: true},
		&sampah.JenisSampah{DesaID: did, ID: botol, FasilitasID: bank, Kode: "BTL", Nama: "Botol kaca", Kelompok: "anorganik", Satuan: "pcs", Aktif: true},
		&sampah.Nasabah{DesaID: did, ID: nas, FasilitasID: bank, Nomor: 1, Nama: "Ni Made Rahasia", Jenis: "rumah_tangga", Aktif: true, CreatedBy: "u", CreatedAt: at},
		log("2026-01-10"), log("2026-03-01"),
		entri(e1, sampah.EntriSetoran, "2026-02-02", "", 15_000),
		&sampah.Rinci{DesaID: did, EntriID: e1, JenisID: pet, Jumlah: 5_000, Harga: 2000, Nilai: 10_000},
		&sampah.Rinci{DesaID: did, EntriID: e1, JenisID: botol, Jumlah: 10_000, Harga: 500, Nilai: 5_000},
		entri(e2, sampah.EntriSetoran, "2026-02-03", "", 4_000),
		&sampah.Rinci{DesaID: did, EntriID: e2, JenisID: pet, Jumlah: 2_000, Harga: 2000, Nilai: 4_000},
		entri(e3, sampah.EntriKoreksi, "2026-02-04", e2, -4_000),
	)
	dauh := tenancy.Kode(capaianDauh).ID()
	ins(capaianDauh, fas(dauh, "0190a000-0000-7000-8000-000000000021", sampah.FasilitasTPS3R, "TPS3R Dauh Peken", "tidak_aktif", "Mesin pencacah rusak"))
}

func num(t *testing.T, m map[string]any, key string) int64 {
	t.Helper()
	v, ok := m[key].(float64)
	if !ok {
		t.Fatalf("%s: %v is not a number", key, m[key])
	}
	return int64(v)
}

// The figures sum logs and kg setoran (not pcs, not a reversed one), split
// by month, estimate timbulan for the days of the current year so far,
// list every desa of the kabupaten, and take the kabupaten's own target.
func TestCapaianKabupaten(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d, capaianDeps)
		capaianFixture(t, d)
		users := accounts{users: map[string]grant{
			"admin":    {authz.AdminKabupaten, capaianKab},
			"dlh":      {authz.OPD, capaianKab},
			"forum":    {authz.ForumPerbekel, capaianKab},
			"perbekel": {authz.Perbekel, bengkel},
		}}
		srv := apiServer(m, users)

		c, err := m.Capaian(context.Background(), capaianKab, 2026)
		if err != nil {
			t.Fatal(err)
		}
		var b sampah.CapaianDesa
		for _, x := range c.Desa {
			if x.Desa == bengkel {
				b = x
			}
		}
		// 1 Jan – 5 Mar 2026 is 64 days: 1000 × 700 g × 64.
		if b.Tahun.TimbulanGram != 44_800_000 || b.Bulan[2].TimbulanGram != 3_500_000 {
			t.Errorf("timbulan %d, March %d", b.Tahun.TimbulanGram, b.Bulan[2].TimbulanGram)
		}
		if b.Tahun.BankSampahGram != 5_000 || b.Tahun.PenguranganGram != 245_000 || b.Tahun.PenangananGram != 60_000 {
			t.Errorf("year %+v", b.Tahun)
		}
		if b.Bulan[0].PenguranganGram != 120_000 || b.Bulan[1].PenguranganGram != 5_000 || b.Bulan[2].PenguranganGram != 120_000 {
			t.Errorf("months %d %d %d", b.Bulan[0].PenguranganGram, b.Bulan[1].PenguranganGram, b.Bulan[2].PenguranganGram)
		}
		if bp, _ := b.Tahun.PenguranganBP(); bp != 55 {
			t.Errorf("pengurangan bp %d, want 55", bp)
		}
		if b.NasabahAktif != 1 || b.FasilitasAktif != 2 {
			t.Errorf("nasabah %d fasilitas %d", b.NasabahAktif, b.FasilitasAktif)
		}

		code, body := apiJSON(t, srv, http.MethodGet, "/wilayah/"+capaianKab+"/sampah/capaian?tahun=2026&urut=pengurangan&arah=turun", "dlh", nil)
		if code != 200 {
			t.Fatalf("capaian: %d %v", code, body)
		}
		rows := body["baris"].([]any)
		if len(rows) != 3 {
			t.Fatalf("rows %d, want every desa of the kabupaten", len(rows))
		}
		first := rows[0].(map[string]any)
		if first["kode"] != bengkel || num(t, first, "pengurangan_bp") != 55 || num(t, first, "penanganan_bp") != 13 {
			t.Errorf("first row %v", first)
		}
		for _, r := range rows {
			r := r.(map[string]any)
			if r["kode"] == capaianPangkung && (r["timbulan_gram"] != nil || r["pengurangan_bp"] != nil) {
				t.Errorf("desa without population: %v", r)
			}
			if r["kode"] == capaianDauh && num(t, r, "fasilitas_tidak_aktif") != 1 {
				t.Errorf("Dauh Peken: %v", r)
			}
		}
		jumlah := body["jumlah"].(map[string]any)
		if num(t, jumlah, "penduduk") != 3000 || num(t, jumlah, "pengurangan_gram") != 245_000 {
			t.Errorf("total %v", jumlah)
		}
		if len(body["kecamatan"].([]any)) != 2 {
			t.Errorf("kecamatan %v", body["kecamatan"])
		}
		// by name ascending: Bengkel, Dauh Peken, Pangkung Tibah
		_, body = apiJSON(t, srv, http.MethodGet, "/wilayah/"+capaianKab+"/sampah/capaian?urut=nama", "forum", nil)
		var names []string
		for _, r := range body["baris"].([]any) {
			names = append(names, r.(map[string]any)["nama"].(string))
		}
		if strings.Join(names, ",") != "Bengkel,Dauh Peken,Pangkung Tibah" {
			t.Errorf("sorted by name: %v", names)
		}
		raw := apiRequest(srv, http.MethodGet, "/wilayah/"+capaianKab+"/sampah/capaian", "forum", nil)
		if raw.Code != 200 || strings.Contains(raw.Body.String(), "Rahasia") {
			t.Errorf("forum: %d, nasabah name shown: %v", raw.Code, strings.Contains(raw.Body.String(), "Rahasia"))
		}
		if code, _ := apiJSON(t, srv, http.MethodGet, "/wilayah/"+capaianKab+"/sampah/capaian", "perbekel", nil); code != 403 {
			t.Errorf("perbekel on the kabupaten: %d", code)
		}
		if code, _ := apiJSON(t, srv, http.MethodGet, "/wilayah/"+capaianKab+"/sampah/capaian?tahun=2027", "dlh", nil); code != 422 {
			t.Errorf("future year: %d", code)
		}
		code, body = apiJSON(t, srv, http.MethodGet, "/desa/"+bengkel+"/sampah/capaian?tahun=2026", "perbekel", nil)
		if code != 200 || len(body["bulan"].([]any)) != 12 || num(t, body["bulan"].([]any)[1].(map[string]any), "bank_sampah_gram") != 5_000 {
			t.Errorf("desa: %d %v", code, body)
		}

		// settings: walls, validation, override
		put := map[string]any{"timbulan_gram_orang_hari": 500, "sumber": "Kajian DLH Tabanan 2025",
			"target": []map[string]any{{"tahun": 2026, "indikator": "pengurangan", "persen_bp": 3500, "dasar_hukum": "Perbup Tabanan 2026"}}}
		for user, want := range map[string]int{"dlh": 403, "forum": 403, "admin": 200} {
			if code, b := apiJSON(t, srv, http.MethodPut, "/wilayah/"+capaianKab+"/sampah/pengaturan", user, put); code != want {
				t.Errorf("PUT as %s: %d, want %d: %v", user, code, want, b)
			}
		}
		for _, bad := range []map[string]any{
			{"timbulan_gram_orang_hari": 0, "sumber": "Kajian DLH"},
			{"timbulan_gram_orang_hari": 5001, "sumber": "Kajian DLH"},
			{"timbulan_gram_orang_hari": 500, "sumber": "abc"},
			{"timbulan_gram_orang_hari": 500, "sumber": "Kajian DLH", "target": []map[string]any{{"tahun": 2026, "indikator": "pengurangan", "persen_bp": 10001, "dasar_hukum": "Perbup"}}},
		} {
			if code, b := apiJSON(t, srv, http.MethodPut, "/wilayah/"+capaianKab+"/sampah/pengaturan", "admin", bad); code != 422 {
				t.Errorf("PUT %v: %d %v", bad, code, b)
			}
		}
		if code, _ := apiJSON(t, srv, http.MethodGet, "/wilayah/51.02.06/sampah/pengaturan", "admin", nil); code != 404 {
			t.Errorf("pengaturan of a kecamatan: %d", code)
		}
		code, body = apiJSON(t, srv, http.MethodGet, "/wilayah/"+capaianKab+"/sampah/capaian", "dlh", nil)
		tp := body["target_pengurangan"].(map[string]any)
		if code != 200 || num(t, tp, "persen_bp") != 3500 || num(t, body["pengaturan"].(map[string]any), "timbulan_gram_orang_hari") != 500 {
			t.Errorf("override: %v %v", tp, body["pengaturan"])
		}
		if num(t, body["target_penanganan"].(map[string]any), "persen_bp") != 7000 {
			t.Errorf("national penanganan kept: %v", body["target_penanganan"])
		}
	})
}

// The DLH page lists every desa sortable with the total, every facility,
// and offers the SIPSN workbook; the perbekel of a desa may not open it.
func TestCapaianPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d, map[string]grant{
			"admin":    {authz.AdminKabupaten, capaianKab},
			"dlh":      {authz.OPD, capaianKab},
			"perbekel": {authz.Perbekel, bengkel},
		}, "Uji ", capaianDeps)
		capaianFixture(t, d)
		_, body := s.want(200, http.MethodGet, "/wilayah/"+capaianKab+"/sampah?urut=penduduk&arah=turun", "dlh", nil)
		mustContain(t, "wilayah page", body, "Pangkung Tibah", "Dauh Peken", "aria-sort=\"descending\"", "baris-jumlah",
			"TPS3R Bestari", "Mesin pencacah rusak", "<svg", "<desc>", "unduh-xlsx")
		if strings.Contains(body, "Rahasia") {
			t.Error("DLH sees a nasabah name")
		}
		// Each desa's name leads to its year, for a role that may read it.
		mustContain(t, "wilayah page", body, `<a href="/desa/`+bengkel+`/sampah/capaian?tahun=`)
		if i, j := strings.Index(body, "Dauh Peken</"), strings.Index(body, "Bengkel</"); i < 0 || j < 0 || i > j {
			t.Errorf("by population descending Dauh Peken (2000) comes before Bengkel (1000)")
		}
		s.want(403, http.MethodGet, "/wilayah/"+capaianKab+"/sampah", "perbekel", nil)
		_, body = s.want(200, http.MethodGet, "/desa/"+bengkel+"/sampah/capaian?tahun=2026", "perbekel", nil)
		mustContain(t, "desa page", body, "tabel-bulanan", "<svg", "<title>", "Mar")

		resp, raw := s.do(http.MethodGet, "/wilayah/"+capaianKab+"/sampah/unduh?tahun=2026", "dlh", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("xlsx: %d", resp.StatusCode)
		}
		x, err := excelize.OpenReader(bytes.NewReader([]byte(raw)))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, sh := range x.GetSheetList() {
			rows, _ := x.GetRows(sh)
			for _, r := range rows {
				if len(r) > 8 && r[0] == "Provinsi" && r[1] == "Kabupaten/Kota" && strings.HasPrefix(r[8], "Timbulan sampah tahunan") {
					found = true
				}
			}
		}
		if !found {
			t.Error("the workbook lacks the SIPSN header row")
		}

		_, body = s.want(200, http.MethodGet, "/wilayah/"+capaianKab+"/sampah/pengaturan", "dlh", nil)
		if strings.Contains(body, "action=\"/wilayah/"+capaianKab+"/sampah/pengaturan\"") {
			t.Error("DLH sees the settings form")
		}
		_, body = s.want(422, http.MethodPost, "/wilayah/"+capaianKab+"/sampah/pengaturan", "admin",
			map[string][]string{"timbulan_gram_orang_hari": {"9000"}, "sumber": {"Kajian DLH"}, "tahun": {"2026"}})
		mustContain(t, "refused form", body, "9000")
		// The message once, under the label (Label writes it), and each
		// field named once.
		if n := strings.Count(body, `id="pengaturan-timbulan_gram_orang_hari-galat"`); n != 1 {
			t.Errorf("the rate's message is written %d times, want once", n)
		}
		if n := strings.Count(body, `name="timbulan_gram_orang_hari"`); n != 1 {
			t.Errorf("the rate field's name is written %d times, want once", n)
		}
		loc, _ := s.want(303, http.MethodPost, "/wilayah/"+capaianKab+"/sampah/pengaturan", "admin",
			map[string][]string{"timbulan_gram_orang_hari": {"650"}, "sumber": {"Kajian DLH Tabanan"}, "tahun": {"2026"},
				"pengurangan": {"32,5"}, "dasar_hukum": {"Perbup Tabanan 2026"}})
		_, body = s.want(200, http.MethodGet, loc, "admin", nil)
		mustContain(t, "settings", body, "650 gram", "32,5", "Perbup Tabanan 2026")
		if !strings.Contains(strings.Join(s.audit.actions(), " "), "pengaturan") {
			t.Errorf("the settings change is not audited: %v", s.audit.actions())
		}
		s.want(403, http.MethodPost, "/wilayah/"+capaianKab+"/sampah/pengaturan", "dlh",
			map[string][]string{"timbulan_gram_orang_hari": {"650"}, "sumber": {"Kajian DLH Tabanan"}})
	})
}

// BenchmarkCapaianKabupaten: 133 desa, each with a TPS3R logging every
// day of 2025 and a bank sampah with weekly setoran; the kabupaten's
// figures of 2025.
func BenchmarkCapaianKabupaten(b *testing.B) {
	engines := []struct {
		name    string
		open    func(testing.TB) (app, owner *db.DB)
		analyze string
	}{
		{"sqlite", func(t testing.TB) (*db.DB, *db.DB) { d := dbtest.SQLite(t); return d, d }, "ANALYZE"},
		{"postgres", dbtest.Owner, "VACUUM ANALYZE"},
	}
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			d, owner := e.open(b)
			m := newModule(b, d, capaianDeps)
			capaianBenchSeed(b, d)
			if _, err := owner.ExecContext(context.Background(), e.analyze); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c, err := m.Capaian(context.Background(), capaianKab, 2025)
				if err != nil {
					b.Fatal(err)
				}
				if len(c.Desa) < 133 {
					b.Fatalf("%d desa", len(c.Desa))
				}
			}
		})
	}
}

func pad(n, w int) string {
	s := strings.Repeat("0", w) + itoa(n)
	return s[len(s)-w:]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func newUUID(i, k int) string {
	return "0190b000-" + pad(i, 4) + "-7000-8000-" + pad(k, 12)
}

// capaianBenchSeed loads 133 desa of 51.02, each with a TPS3R logging
// every day of 2025 and weekly setoran.
func capaianBenchSeed(b testing.TB, d *db.DB) {
	at := now.UTC()
	for i := 0; i < 133; i++ {
		kec := 1 + i/20
		kode := tenancy.Kode("51.02." + pad(kec, 2) + "." + pad(2001+i%20, 4))
		did := kode.ID()
		tps, bank, jenis, nas := newUUID(i, 1), newUUID(i, 2), newUUID(i, 3), newUUID(i, 4)
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: kode})
		err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			fs := []sampah.Fasilitas{
				{DesaID: did, ID: tps, Jenis: "tps3r", Nama: "TPS3R", Status: "aktif", CreatedBy: "u", CreatedAt: at, UpdatedBy: "u", UpdatedAt: at},
				{DesaID: did, ID: bank, Jenis: "bank_sampah", Nama: "Bank", Status: "aktif", CreatedBy: "u", CreatedAt: at, UpdatedBy: "u", UpdatedAt: at},
			}
			if _, err := tx.NewInsert().Model(&fs).Exec(ctx); err != nil {
				return err
			}
			j := sampah.JenisSampah{DesaID: did, ID: jenis, FasilitasID: bank, Kode: "PET", Nama: "PET", Kelompok: "anorganik", Satuan: "kg", Aktif: true}
			n := sampah.Nasabah{DesaID: did, ID: nas, FasilitasID: bank, Nomor: 1, Nama: "N", Jenis: "rumah_tangga", Aktif: true, CreatedBy: "u", CreatedAt: at}
			if _, err := tx.NewInsert().Model(&j).Exec(ctx); err != nil {
				return err
			}
			if _, err := tx.NewInsert().Model(&n).Exec(ctx); err != nil {
				return err
			}
			var logs []sampah.Log
			var es []sampah.Entri
			var rs []sampah.Rinci
			day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
			for k := 0; k < 365; k++ {
				tgl := civil.DateOf(day.AddDate(0, 0, k))
				logs = append(logs, sampah.Log{DesaID: did, FasilitasID: tps, Tanggal: tgl, Beroperasi: true, OrganikGram: 80_000,
					AnorganikGram: 15_000, ResiduGram: 25_000, KomposGram: 30_000, ResiduTPAGram: 25_000, CreatedBy: "u", CreatedAt: at})
				if k%7 == 0 {
					eid := newUUID(i, 1000+k)
					es = append(es, sampah.Entri{DesaID: did, ID: eid, FasilitasID: bank, NasabahID: nas, Jenis: "setoran", Tanggal: tgl, Jumlah: 4000, CreatedBy: "u", CreatedAt: at})
					rs = append(rs, sampah.Rinci{DesaID: did, EntriID: eid, JenisID: jenis, Jumlah: 2000, Harga: 2000, Nilai: 4000})
				}
			}
			for _, batch := range []any{&logs, &es, &rs} {
				if _, err := tx.NewInsert().Model(batch).Exec(ctx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
