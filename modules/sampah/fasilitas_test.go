package sampah_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// kegiatanPalsu is keuangan's kegiatan list per year, as NamaKegiatan
// answers it.
type kegiatanPalsu map[int]map[string]string

func (k kegiatanPalsu) NamaKegiatan(_ context.Context, kode string, tahun int) (string, bool, error) {
	n, ok := k[tahun][kode]
	return n, ok, nil
}

// The 2026 list offers the waste kegiatan; 2019 has a list without it and
// 2018 none at all (keuangan answers not found for both).
var kegiatan2026 = kegiatanPalsu{
	2026: {"02.04.15": "Pengelolaan Persampahan"},
	2019: {"01.01.01": "Penyelenggaraan Belanja Siltap"},
	2020: {"02.04.16": "Pembangunan TPS3R (2020)"},
}

func withKegiatan(k sampah.KegiatanSource) func(*sampah.Deps) {
	return func(d *sampah.Deps) { d.Kegiatan = k }
}

type apiCall func(method, path, user string, body any) (int, map[string]any)

// fasilitasAPI serves the module's API to test accounts; call reaches
// Bengkel's facilities by a path under them.
func fasilitasAPI(t *testing.T, d *db.DB, opts ...func(*sampah.Deps)) (*sampah.Module, apiCall) {
	t.Helper()
	m, call, _ := fasilitasAPIRaw(t, d, opts...)
	return m, call
}

// fasilitasAPIRaw is fasilitasAPI with raw, which takes a full path.
func fasilitasAPIRaw(t *testing.T, d *db.DB, opts ...func(*sampah.Deps)) (*sampah.Module, apiCall, apiCall) {
	t.Helper()
	m := newModule(t, d, opts...)
	az := accounts{users: map[string]grant{
		"perbekel": {authz.Perbekel, bengkel},
		"petugas":  {authz.PetugasSampah, bengkel},
		"dlh":      {authz.OPD, "51.02"},
		"forum":    {authz.ForumPerbekel, "51.02"},
		"lain":     {authz.Perbekel, "51.02.06.2002"},
	}}
	srv := apiServer(m, az)
	raw := func(method, path, user string, body any) (int, map[string]any) {
		t.Helper()
		return apiJSON(t, srv, method, path, user, body)
	}
	return m, func(method, path, user string, body any) (int, map[string]any) {
		t.Helper()
		return raw(method, "/desa/"+bengkel+"/sampah/fasilitas"+path, user, body)
	}, raw
}

func items(body map[string]any) []map[string]any {
	var out []map[string]any
	list, _ := body["items"].([]any)
	for _, it := range list {
		out = append(out, it.(map[string]any))
	}
	return out
}

// errorFields are the locations of a problem+json's errors.
func errorFields(body map[string]any) []string {
	var out []string
	list, _ := body["errors"].([]any)
	for _, e := range list {
		if loc, _ := e.(map[string]any)["location"].(string); loc != "" {
			out = append(out, loc)
		}
	}
	return out
}

func TestFasilitasAPICreateReadUpdate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, call := fasilitasAPI(t, d, withKegiatan(kegiatan2026))
		status, f := call(http.MethodPost, "", "perbekel", map[string]any{
			"jenis": "tps3r", "nama": "TPS3R Bestari", "kapasitas_kg": "2.500", "lahan": "desa_adat",
			"pengelola_jenis": "ksm", "pengelola_nama": "KSM Bestari", "petugas": 12, "lintang": "-8,5401", "bujur": "115.1234",
			"tahun_dibangun": 2019, "kegiatan_kode": "02.04.15", "sumber_dana": "Dana Desa", "densitas_kg_m3": "250"})
		if status != http.StatusCreated {
			t.Fatalf("create: %d %v", status, f)
		}
		id := f["id"].(string)
		// 2019's list lacks the code: the current year's names it.
		if f["kapasitas_gram_hari"] != float64(2_500_000) || f["lintang_e6"] != float64(-8_540_100) || f["bujur_e6"] != float64(115_123_400) ||
			f["densitas_gram_m3"] != float64(250_000) || f["status"] != "aktif" || f["kegiatan_nama"] != "Pengelolaan Persampahan" {
			t.Errorf("created: %v", f)
		}

		status, got := call(http.MethodGet, "/"+id, "dlh", nil)
		if status != 200 || got["nama"] != "TPS3R Bestari" || got["kegiatan_nama"] != "Pengelolaan Persampahan" || got["diubah"] != f["diubah"] {
			t.Fatalf("read: %d %v", status, got)
		}

		// An edit carrying what it read is saved; status left empty stays.
		status, upd := call(http.MethodPut, "/"+id, "perbekel", map[string]any{
			"nama": "TPS3R Bestari Bengkel", "kapasitas_kg": "3000", "petugas": 14, "diubah": got["diubah"]})
		if status != 200 || upd["nama"] != "TPS3R Bestari Bengkel" || upd["kapasitas_gram_hari"] != float64(3_000_000) ||
			upd["status"] != "aktif" || upd["lintang_e6"] != float64(0) || upd["jenis"] != "tps3r" {
			t.Fatalf("update: %d %v", status, upd)
		}
		if upd["diubah"] == got["diubah"] {
			t.Errorf("diubah did not move: %v", upd["diubah"])
		}
		// A second editor who read before the first saved is refused, and
		// the first edit stands.
		status, conflict := call(http.MethodPut, "/"+id, "perbekel", map[string]any{"nama": "TPS3R Lama", "diubah": got["diubah"]})
		if status != http.StatusConflict || !strings.Contains(conflict["detail"].(string), "sudah diubah orang lain") {
			t.Fatalf("stale edit: %d %v", status, conflict)
		}
		if _, now := call(http.MethodGet, "/"+id, "perbekel", nil); now["nama"] != "TPS3R Bestari Bengkel" {
			t.Errorf("stale edit overwrote: %v", now["nama"])
		}
		// Status change with a reason; without one it is refused at the field.
		status, bad := call(http.MethodPut, "/"+id, "perbekel", map[string]any{"nama": "TPS3R Bestari Bengkel", "status": "tidak_aktif", "diubah": upd["diubah"]})
		if status != http.StatusUnprocessableEntity || !contains(errorFields(bad), "body.alasan_tidak_aktif") {
			t.Fatalf("inactive without reason: %d %v", status, bad)
		}
		status, off := call(http.MethodPut, "/"+id, "perbekel", map[string]any{"nama": "TPS3R Bestari Bengkel", "status": "tidak_aktif",
			"alasan_tidak_aktif": "Menunggu perbaikan atap", "diubah": upd["diubah"]})
		if status != 200 || off["status"] != "tidak_aktif" || off["alasan_tidak_aktif"] != "Menunggu perbaikan atap" {
			t.Fatalf("inactive: %d %v", status, off)
		}
		// diubah is required.
		if status, body := call(http.MethodPut, "/"+id, "perbekel", map[string]any{"nama": "TPS3R X"}); status != http.StatusUnprocessableEntity {
			t.Errorf("edit without diubah: %d %v", status, body)
		}
		// Unknown kegiatan: refused at its field, in Bahasa.
		status, bad = call(http.MethodPost, "", "perbekel", map[string]any{"jenis": "tps", "nama": "TPS Banjar Delod", "kegiatan_kode": "09.09.09"})
		if status != http.StatusUnprocessableEntity || !contains(errorFields(bad), "body.kegiatan_kode") || !strings.Contains(bad["detail"].(string), "tidak ada dalam daftar kegiatan") {
			t.Errorf("unknown kegiatan: %d %v", status, bad)
		}
		// The year built's list is asked first.
		status, older := call(http.MethodPost, "", "perbekel", map[string]any{"jenis": "depo", "nama": "Depo Lama", "tahun_dibangun": 2020, "kegiatan_kode": "02.04.16"})
		if status != http.StatusCreated || older["kegiatan_nama"] != "Pembangunan TPS3R (2020)" {
			t.Errorf("year built's kegiatan: %d %v", status, older)
		}
		// Same name, same jenis (letter case aside): a Bahasa conflict.
		status, dup := call(http.MethodPost, "", "perbekel", map[string]any{"jenis": "tps3r", "nama": "tps3r bestari bengkel"})
		if status != http.StatusConflict || !strings.Contains(dup["detail"].(string), "sudah memiliki TPS3R bernama") {
			t.Errorf("duplicate name: %d %v", status, dup)
		}
		// The same name for another jenis is fine.
		if status, body := call(http.MethodPost, "", "perbekel", map[string]any{"jenis": "tps", "nama": "TPS3R Bestari Bengkel"}); status != http.StatusCreated {
			t.Errorf("same name, other jenis: %d %v", status, body)
		}
		// Bad input: every field named.
		status, bad = call(http.MethodPost, "", "perbekel", map[string]any{"jenis": "tps", "nama": "AB", "lintang": "-30", "bujur": "115", "petugas": 9})
		if status != http.StatusUnprocessableEntity || !contains(errorFields(bad), "body.nama") || !contains(errorFields(bad), "body.lintang") {
			t.Errorf("bad input: %d %v", status, bad)
		}
		if status, _ := call(http.MethodGet, "/01937a6e-0000-7000-8000-000000000000", "perbekel", nil); status != 404 {
			t.Errorf("unknown id: %d", status)
		}
		if status, _ := call(http.MethodGet, "/bukan-uuid", "perbekel", nil); status != 404 {
			t.Errorf("malformed id: %d", status)
		}
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Without keuangan wired, a kegiatan code is checked for its shape only.
func TestFasilitasKegiatanWithoutSource(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, call := fasilitasAPI(t, d)
		if status, body := call(http.MethodPost, "", "perbekel", map[string]any{"jenis": "tps", "nama": "TPS Satu", "kegiatan_kode": "09.09.09"}); status != http.StatusCreated || body["kegiatan_nama"] != nil {
			t.Errorf("well-formed code: %d %v", status, body)
		}
		if status, body := call(http.MethodPost, "", "perbekel", map[string]any{"jenis": "tps", "nama": "TPS Dua", "kegiatan_kode": "9.9.9"}); status != http.StatusUnprocessableEntity {
			t.Errorf("malformed code: %d %v", status, body)
		}
	})
}

func TestFasilitasListPagesAndFilters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, call := fasilitasAPI(t, d)
		for _, f := range []map[string]any{
			{"jenis": "tps", "nama": "TPS Banjar Kaja"}, {"jenis": "tps", "nama": "TPS Banjar Delod"},
			{"jenis": "bank_sampah", "nama": "Bank Sampah Sari"}, {"jenis": "depo", "nama": "Depo Pasar", "status": "tidak_aktif", "alasan_tidak_aktif": "Tutup"},
			{"jenis": "tps3r", "nama": "TPS3R Bestari"},
		} {
			if status, body := call(http.MethodPost, "", "perbekel", f); status != http.StatusCreated {
				t.Fatalf("create %v: %d %v", f["nama"], status, body)
			}
		}
		var names []string
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("the cursor never ends")
			}
			path := "?limit=2"
			if cursor != "" {
				path += "&cursor=" + cursor
			}
			status, body := call(http.MethodGet, path, "petugas", nil)
			if status != 200 {
				t.Fatalf("list: %d %v", status, body)
			}
			for _, it := range items(body) {
				names = append(names, it["nama"].(string))
			}
			next, _ := body["next_cursor"].(string)
			if next == "" {
				break
			}
			cursor = next
		}
		want := "Bank Sampah Sari|Depo Pasar|TPS Banjar Delod|TPS Banjar Kaja|TPS3R Bestari"
		if got := strings.Join(names, "|"); got != want {
			t.Errorf("pages: %s, want %s", got, want)
		}
		_, body := call(http.MethodGet, "?jenis=tps", "perbekel", nil)
		if n := len(items(body)); n != 2 {
			t.Errorf("jenis=tps: %d items", n)
		}
		_, body = call(http.MethodGet, "?status=tidak_aktif", "perbekel", nil)
		if it := items(body); len(it) != 1 || it[0]["nama"] != "Depo Pasar" {
			t.Errorf("status=tidak_aktif: %v", it)
		}
		if status, _ := call(http.MethodGet, "?cursor=bukan", "perbekel", nil); status != http.StatusUnprocessableEntity {
			t.Errorf("bad cursor: %d", status)
		}
	})
}

func TestJenisDanHarga(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, call := fasilitasAPI(t, d)
		_, bank := call(http.MethodPost, "", "perbekel", map[string]any{"jenis": "bank_sampah", "nama": "Bank Sampah Sari"})
		_, tps3r := call(http.MethodPost, "", "perbekel", map[string]any{"jenis": "tps3r", "nama": "TPS3R Bestari"})
		b := "/" + bank["id"].(string)

		// Only a bank sampah buys jenis.
		status, body := call(http.MethodPost, "/"+tps3r["id"].(string)+"/jenis", "perbekel", map[string]any{"kode": "PET", "nama": "Botol PET", "kelompok": "anorganik", "satuan": "kg"})
		if status != http.StatusConflict || !strings.Contains(body["detail"].(string), "hanya dicatat untuk bank sampah") {
			t.Errorf("jenis on a TPS3R: %d %v", status, body)
		}
		status, pet := call(http.MethodPost, b+"/jenis", "perbekel", map[string]any{"kode": "pet", "nama": "Botol plastik PET", "kelompok": "anorganik", "satuan": "kg"})
		if status != http.StatusCreated || pet["kode"] != "PET" || pet["aktif"] != true {
			t.Fatalf("jenis: %d %v", status, pet)
		}
		status, body = call(http.MethodPost, b+"/jenis", "perbekel", map[string]any{"kode": "PET", "nama": "Lain", "kelompok": "anorganik", "satuan": "kg"})
		if status != http.StatusConflict || !strings.Contains(body["detail"].(string), "Kode PET sudah dipakai") {
			t.Errorf("duplicate kode: %d %v", status, body)
		}
		status, body = call(http.MethodPost, b+"/jenis", "perbekel", map[string]any{"kode": "PET 1", "nama": "X", "kelompok": "anorganik", "satuan": "kg"})
		if status != http.StatusUnprocessableEntity || !contains(errorFields(body), "body.kode") || !contains(errorFields(body), "body.nama") {
			t.Errorf("bad jenis: %d %v", status, body)
		}
		_, kaleng := call(http.MethodPost, b+"/jenis", "perbekel", map[string]any{"kode": "KALENG", "nama": "Kaleng", "kelompok": "anorganik", "satuan": "pcs"})
		petPath := b + "/jenis/" + pet["id"].(string)

		// Prices: one in the past, one today, one announced for next month.
		for _, h := range []map[string]any{
			{"berlaku_mulai": "2025-01-01", "harga": 2000}, {"berlaku_mulai": "2026-03-05", "harga": 2500}, {"berlaku_mulai": "2026-04-01", "harga": 2800},
		} {
			if status, body := call(http.MethodPost, petPath+"/harga", "perbekel", h); status != http.StatusCreated {
				t.Fatalf("harga %v: %d %v", h, status, body)
			}
		}
		status, body = call(http.MethodPost, petPath+"/harga", "perbekel", map[string]any{"berlaku_mulai": "2026-03-05", "harga": 9999})
		if status != http.StatusConflict || !strings.Contains(body["detail"].(string), "sudah tercatat (Rp 2.500 per kg)") {
			t.Errorf("second price on a date: %d %v", status, body)
		}
		status, body = call(http.MethodPost, petPath+"/harga", "perbekel", map[string]any{"berlaku_mulai": "2027-03-07", "harga": 1})
		if status != http.StatusUnprocessableEntity || !contains(errorFields(body), "body.berlaku_mulai") {
			t.Errorf("price too far ahead: %d %v", status, body)
		}
		status, body = call(http.MethodGet, petPath+"/harga", "petugas", nil)
		var dates []string
		for _, h := range items(body) {
			dates = append(dates, h["berlaku_mulai"].(string))
		}
		if status != 200 || strings.Join(dates, ",") != "2026-04-01,2026-03-05,2025-01-01" {
			t.Errorf("history: %d %v", status, dates)
		}

		// The list shows today's price, not next month's; a jenis without
		// a price has none.
		_, body = call(http.MethodGet, b+"/jenis", "petugas", nil)
		byKode := map[string]map[string]any{}
		for _, j := range items(body) {
			byKode[j["kode"].(string)] = j
		}
		if j := byKode["PET"]; j["harga"] != float64(2500) || j["harga_berlaku_mulai"] != "2026-03-05" {
			t.Errorf("PET today: %v", j)
		}
		if j := byKode["KALENG"]; j == nil || j["harga"] != nil {
			t.Errorf("KALENG: %v", j)
		}
		// A TPS3R has no jenis: an empty list.
		if status, body := call(http.MethodGet, "/"+tps3r["id"].(string)+"/jenis", "perbekel", nil); status != 200 || len(items(body)) != 0 {
			t.Errorf("TPS3R jenis: %d %v", status, body)
		}

		// HargaBerlaku, which a setoran copies, picks the price in force on
		// the entry's date.
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel})
		ids := []string{pet["id"].(string), kaleng["id"].(string)}
		for date, want := range map[civil.Date]int64{"2024-12-31": -1, "2025-01-01": 2000, "2026-03-04": 2000, "2026-03-05": 2500, "2026-03-31": 2500, "2026-04-01": 2800, "2030-01-01": 2800} {
			var got map[string]int64
			if err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
				var err error
				got, err = sampah.HargaBerlaku(ctx, tx, ids, date)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			price, ok := got[ids[0]]
			if (want < 0 && ok) || (want >= 0 && price != want) {
				t.Errorf("HargaBerlaku on %s: %v, want %d", date, got, want)
			}
			if _, ok := got[ids[1]]; ok {
				t.Errorf("HargaBerlaku on %s priced KALENG", date)
			}
		}

		// The satuan of a priced jenis stays; the rest changes.
		status, body = call(http.MethodPut, petPath, "perbekel", map[string]any{"nama": "Botol PET", "kelompok": "anorganik", "satuan": "pcs", "aktif": true})
		if status != http.StatusConflict || !strings.Contains(body["detail"].(string), "tidak dapat diubah") {
			t.Errorf("satuan of a priced jenis: %d %v", status, body)
		}
		status, body = call(http.MethodPut, petPath, "perbekel", map[string]any{"nama": "Botol PET bening", "kelompok": "anorganik", "satuan": "kg", "aktif": false})
		if status != 200 || body["nama"] != "Botol PET bening" || body["aktif"] != false || body["kode"] != "PET" {
			t.Errorf("edit jenis: %d %v", status, body)
		}
		status, body = call(http.MethodPut, b+"/jenis/"+kaleng["id"].(string), "perbekel", map[string]any{"nama": "Kaleng", "kelompok": "anorganik", "satuan": "kg", "aktif": true})
		if status != 200 || body["satuan"] != "kg" {
			t.Errorf("satuan of an unpriced jenis: %d %v", status, body)
		}
		// A jenis is reached only under its own facility.
		if status, _ := call(http.MethodGet, "/"+tps3r["id"].(string)+"/jenis/"+pet["id"].(string)+"/harga", "perbekel", nil); status != 404 {
			t.Errorf("jenis under another facility: %d", status)
		}
	})
}

// The walls of the API: the petugas reads but does not manage; another
// desa's perbekel and the forum get nothing.
func TestFasilitasAPIWalls(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, call, raw := fasilitasAPIRaw(t, d)
		_, bank := call(http.MethodPost, "", "perbekel", map[string]any{"jenis": "bank_sampah", "nama": "Bank Sampah Sari"})
		id := "/" + bank["id"].(string)
		_, pet := call(http.MethodPost, id+"/jenis", "perbekel", map[string]any{"kode": "PET", "nama": "Botol PET", "kelompok": "anorganik", "satuan": "kg"})
		jenis := id + "/jenis/" + pet["id"].(string)
		for _, c := range []struct {
			user, method, path string
			body               any
			want               int
		}{
			{"petugas", http.MethodGet, "", nil, 200},
			{"petugas", http.MethodGet, id, nil, 200},
			{"petugas", http.MethodGet, id + "/jenis", nil, 200},
			{"petugas", http.MethodPost, "", map[string]any{"jenis": "tps", "nama": "TPS Petugas"}, 403},
			{"petugas", http.MethodPut, id, map[string]any{"nama": "Bank X", "diubah": bank["diubah"]}, 403},
			{"petugas", http.MethodPost, id + "/jenis", map[string]any{"kode": "KRD", "nama": "Kardus", "kelompok": "anorganik", "satuan": "kg"}, 403},
			{"petugas", http.MethodPost, jenis + "/harga", map[string]any{"berlaku_mulai": "2026-03-05", "harga": 1}, 403},
			{"dlh", http.MethodGet, id, nil, 200},
			{"dlh", http.MethodPost, "", map[string]any{"jenis": "tps", "nama": "TPS DLH"}, 403},
			{"lain", http.MethodGet, "", nil, 403},
			{"lain", http.MethodGet, id, nil, 403},
			{"lain", http.MethodGet, jenis + "/harga", nil, 403},
			{"lain", http.MethodPost, "", map[string]any{"jenis": "tps", "nama": "TPS Lain"}, 403},
			{"forum", http.MethodGet, "", nil, 403},
			{"forum", http.MethodGet, id + "/jenis", nil, 403},
		} {
			if status, body := call(c.method, c.path, c.user, c.body); status != c.want {
				t.Errorf("%s %s %s: %d, want %d: %v", c.user, c.method, c.path, status, c.want, body)
			}
		}
		// Another desa's facility answers 404 through one's own desa.
		status, other := raw(http.MethodPost, "/desa/51.02.06.2002/sampah/fasilitas", "lain", map[string]any{"jenis": "tps", "nama": "TPS Tetangga"})
		if status != http.StatusCreated {
			t.Fatalf("neighbour: %d %v", status, other)
		}
		for _, p := range []string{"/" + other["id"].(string), "/" + other["id"].(string) + "/jenis"} {
			if status, body := call(http.MethodGet, p, "perbekel", nil); status != 404 {
				t.Errorf("neighbour's %s through Bengkel: %d %v", p, status, body)
			}
		}
		if status, body := call(http.MethodPut, "/"+other["id"].(string), "perbekel", map[string]any{"nama": "Diambil", "diubah": other["diubah"]}); status != 404 {
			t.Errorf("neighbour's facility edited through Bengkel: %d %v", status, body)
		}
	})
}
