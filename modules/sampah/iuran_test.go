package sampah_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The iuran kebersihan ledger: classes, households, bills and payments.

const iuranBase = "/desa/" + bengkel + "/sampah/iuran"

var iuranUsers = map[string]grant{
	"perbekel": {authz.Perbekel, bengkel},
	"petugas":  {authz.PetugasSampah, bengkel},
	"camat":    {authz.Camat, "51.02.06"},
	"dlh":      {authz.OPD, "51.02"},
	"forum":    {authz.ForumPerbekel, "51.02"},
	"lain":     {authz.Perbekel, "51.02.06.2002"},
}

func iuranAPI(t *testing.T, d *db.DB) (*sampah.Module, *httpserver.Server) {
	m := newModule(t, d)
	return m, apiServer(m, accounts{users: iuranUsers})
}

// iuranSetup makes a class at tarif and n active households from
// 2026-01 through the API, returning their ids.
func iuranSetup(t *testing.T, srv *httpserver.Server, tarif int64, n int) (kelas string, rumah []string) {
	t.Helper()
	code, body := apiJSON(t, srv, http.MethodPost, iuranBase+"/kelas", "perbekel", map[string]any{"nama": "Rumah tangga", "tarif": tarif, "aktif": true})
	if code/100 != 2 {
		t.Fatalf("kelas: %d %v", code, body)
	}
	kelas = body["id"].(string)
	for i := range n {
		code, body := apiJSON(t, srv, http.MethodPost, iuranBase+"/rumah", "petugas", map[string]any{
			"nama": fmt.Sprintf("I Wayan Uji %d", i), "dusun": []string{"Kaja", "Kelod"}[i%2], "kelas_id": kelas, "mulai": "2026-01", "aktif": true})
		if code/100 != 2 {
			t.Fatalf("rumah: %d %v", code, body)
		}
		rumah = append(rumah, body["id"].(string))
	}
	return kelas, rumah
}

func problemField(body map[string]any) string {
	errs, _ := body["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	e, _ := errs[0].(map[string]any)
	s, _ := e["location"].(string)
	return s
}

func TestIuranValidationRefusesWithBahasaFields(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := iuranAPI(t, d)
		kelas, _ := iuranSetup(t, srv, 15000, 0)
		code, body := apiJSON(t, srv, http.MethodPost, iuranBase+"/kelas", "perbekel", map[string]any{"nama": "Usaha nonaktif", "tarif": 30000, "aktif": false})
		if code/100 != 2 {
			t.Fatalf("%d %v", code, body)
		}
		nonaktif := body["id"].(string)
		for _, c := range []struct {
			name, path string
			body       map[string]any
			field      string
		}{
			{"short class name", "/kelas", map[string]any{"nama": "RT", "tarif": 1}, "body.nama"},
			{"rate too high", "/kelas", map[string]any{"nama": "Hotel", "tarif": 10_000_001}, "body.tarif"},
			{"negative rate", "/kelas", map[string]any{"nama": "Hotel", "tarif": -1}, "body.tarif"},
			{"duplicate class", "/kelas", map[string]any{"nama": "rumah TANGGA", "tarif": 1}, "body.nama"},
			{"short household name", "/rumah", map[string]any{"nama": "Al", "kelas_id": kelas, "mulai": "2026-01"}, "body.nama"},
			{"long dusun", "/rumah", map[string]any{"nama": "I Made Uji", "dusun": strings.Repeat("d", 61), "kelas_id": kelas, "mulai": "2026-01"}, "body.dusun"},
			{"unknown class", "/rumah", map[string]any{"nama": "I Made Uji", "kelas_id": "01937a6e-0000-7000-8000-000000000000", "mulai": "2026-01"}, "body.kelas_id"},
			{"inactive class", "/rumah", map[string]any{"nama": "I Made Uji", "kelas_id": nonaktif, "mulai": "2026-01"}, "body.kelas_id"},
			{"start in the future", "/rumah", map[string]any{"nama": "I Made Uji", "kelas_id": kelas, "mulai": "2026-04"}, "body.mulai"},
			{"start not a month", "/rumah", map[string]any{"nama": "I Made Uji", "kelas_id": kelas, "mulai": "2026-1"}, "body.mulai"},
			{"billing next month", "/tagihan", map[string]any{"periode": "2026-04"}, "body.periode"},
			{"billing before 2000", "/tagihan", map[string]any{"periode": "1999-12"}, "body.periode"},
		} {
			code, body := apiJSON(t, srv, http.MethodPost, iuranBase+c.path, "perbekel", c.body)
			if code != 422 || problemField(body) != c.field {
				t.Errorf("%s: %d at %q, want 422 at %s: %v", c.name, code, problemField(body), c.field, body)
			}
		}
	})
}

func TestIuranBillingIsIdempotentAndCopiesTheRate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m, srv := iuranAPI(t, d)
		kelas, rumah := iuranSetup(t, srv, 15000, 3)
		// One household starts in March, one has stopped.
		if code, body := apiJSON(t, srv, http.MethodPut, iuranBase+"/rumah/"+rumah[1], "petugas", map[string]any{
			"nama": "I Wayan Uji 1", "kelas_id": kelas, "mulai": "2026-03", "aktif": true}); code/100 != 2 {
			t.Fatalf("%d %v", code, body)
		}
		if code, body := apiJSON(t, srv, http.MethodPut, iuranBase+"/rumah/"+rumah[2], "petugas", map[string]any{
			"nama": "I Wayan Uji 2", "kelas_id": kelas, "mulai": "2026-01", "aktif": false}); code/100 != 2 {
			t.Fatalf("%d %v", code, body)
		}
		for _, c := range []struct {
			periode string
			want    float64
		}{{"2026-02", 1}, {"2026-02", 0}, {"2026-03", 2}, {"2026-03", 0}} {
			code, body := apiJSON(t, srv, http.MethodPost, iuranBase+"/tagihan", "perbekel", map[string]any{"periode": c.periode})
			if code/100 != 2 || body["diterbitkan"] != c.want {
				t.Errorf("terbitkan %s: %d %v, want %v", c.periode, code, body, c.want)
			}
		}
		// A new rate bills the next month only.
		if code, body := apiJSON(t, srv, http.MethodPut, iuranBase+"/kelas/"+kelas, "perbekel", map[string]any{"nama": "Rumah tangga", "tarif": 20000, "aktif": true}); code/100 != 2 {
			t.Fatalf("%d %v", code, body)
		}
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel})
		if n, err := m.TerbitkanTagihan(ctx, "2026-01"); err != nil || n != 1 {
			t.Fatalf("2026-01: %d %v", n, err)
		}
		for periode, want := range map[string]float64{"2026-02": 15000, "2026-03": 15000, "2026-01": 20000} {
			code, body := apiJSON(t, srv, http.MethodGet, iuranBase+"/tagihan?periode="+periode, "petugas", nil)
			items, _ := body["items"].([]any)
			if code/100 != 2 || len(items) == 0 {
				t.Fatalf("%s: %d %v", periode, code, body)
			}
			for _, it := range items {
				if got := it.(map[string]any)["jumlah"]; got != want {
					t.Errorf("%s: bill of %v, want %v", periode, got, want)
				}
			}
		}
	})
}

func TestIuranPaymentsStayWithinTheBillAndReverse(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := iuranAPI(t, d)
		_, _ = iuranSetup(t, srv, 15000, 1)
		apiJSON(t, srv, http.MethodPost, iuranBase+"/tagihan", "perbekel", map[string]any{"periode": "2026-03"})
		_, list := apiJSON(t, srv, http.MethodGet, iuranBase+"/tagihan?periode=2026-03", "petugas", nil)
		tagihan := list["items"].([]any)[0].(map[string]any)["id"].(string)
		pay := func(jumlah int64, tanggal string) (int, map[string]any) {
			return apiJSON(t, srv, http.MethodPost, iuranBase+"/bayar", "petugas", map[string]any{"tagihan_id": tagihan, "jumlah": jumlah, "tanggal": tanggal})
		}
		code, first := pay(10000, "2026-03-04")
		if code/100 != 2 {
			t.Fatalf("%d %v", code, first)
		}
		for _, c := range []struct {
			jumlah  int64
			tanggal string
			want    int
		}{{6000, "2026-03-04", 422}, {0, "2026-03-04", 422}, {1000, "2026-03-06", 422}, {5000, "2026-03-05", 201}, {1, "2026-03-05", 422}} {
			if code, body := pay(c.jumlah, c.tanggal); code != c.want {
				t.Errorf("pay %d on %s: %d, want %d: %v", c.jumlah, c.tanggal, code, c.want, body)
			}
		}
		koreksi := iuranBase + "/bayar/" + first["id"].(string) + "/koreksi"
		if code, body := apiJSON(t, srv, http.MethodPost, koreksi, "petugas", map[string]any{"alasan": ""}); code != 422 || problemField(body) != "body.alasan" {
			t.Errorf("reversal without reason: %d %v", code, body)
		}
		code, rev := apiJSON(t, srv, http.MethodPost, koreksi, "petugas", map[string]any{"alasan": "Salah rumah"})
		if code/100 != 2 || rev["jumlah"] != float64(-10000) || rev["koreksi_id"] != first["id"] {
			t.Fatalf("reversal: %d %v", code, rev)
		}
		if code, _ := apiJSON(t, srv, http.MethodPost, koreksi, "petugas", map[string]any{"alasan": "Lagi"}); code != 409 {
			t.Errorf("second reversal: %d, want 409", code)
		}
		if code, _ := apiJSON(t, srv, http.MethodPost, iuranBase+"/bayar/"+rev["id"].(string)+"/koreksi", "petugas", map[string]any{"alasan": "Balik"}); code != 409 {
			t.Errorf("reversing a reversal: %d, want 409", code)
		}
		_, list = apiJSON(t, srv, http.MethodGet, iuranBase+"/tagihan?periode=2026-03", "petugas", nil)
		if got := list["items"].([]any)[0].(map[string]any)["dibayar"]; got != float64(5000) {
			t.Errorf("dibayar after reversal %v, want 5000", got)
		}
		// What the reversal freed can be paid again, and no more.
		if code, body := pay(10001, "2026-03-05"); code != 422 {
			t.Errorf("overpay after reversal: %d %v", code, body)
		}
		if code, body := pay(10000, "2026-03-05"); code/100 != 2 {
			t.Errorf("pay after reversal: %d %v", code, body)
		}
	})
}

// Concurrent payments on PostgreSQL: each tries to pay the whole bill;
// exactly one may.
func TestIuranConcurrentPaymentsNeverExceedTheBill(t *testing.T) {
	d := dbtest.Postgres(t)
	m, srv := iuranAPI(t, d)
	_, _ = iuranSetup(t, srv, 15000, 1)
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel})
	if _, err := m.TerbitkanTagihan(ctx, "2026-03"); err != nil {
		t.Fatal(err)
	}
	ts, err := m.ListTagihan(ctx, "2026-03")
	if err != nil || len(ts) != 1 {
		t.Fatal(ts, err)
	}
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = m.BayarTagihan(ctx, sampah.BayarIuranBaru{TagihanID: ts[0].ID, Tanggal: "2026-03-05", Jumlah: 10000})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !fault.Is(err, fault.Invalid):
			t.Errorf("payment failed with %v, want a refusal", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d payments of 10.000 on a bill of 15.000 went through, want 1", ok)
	}
	ts, _ = m.ListTagihan(ctx, "2026-03")
	if ts[0].Dibayar != 10000 {
		t.Errorf("dibayar %d, want 10000", ts[0].Dibayar)
	}
}

func TestIuranArrearsSumPerHousehold(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m, srv := iuranAPI(t, d)
		_, rumah := iuranSetup(t, srv, 15000, 3)
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel})
		for _, p := range []string{"2026-01", "2026-02", "2026-03"} {
			if _, err := m.TerbitkanTagihan(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		// Household 0 pays everything, 1 pays January and half of February.
		pays := map[string][]int64{rumah[0]: {15000, 15000, 15000}, rumah[1]: {15000, 7500, 0}}
		for _, p := range []string{"2026-01", "2026-02", "2026-03"} {
			ts, _ := m.ListTagihan(ctx, p)
			for _, tg := range ts {
				for id, js := range pays {
					if tg.RumahID == id && js[0] > 0 {
						if _, err := m.BayarTagihan(ctx, sampah.BayarIuranBaru{TagihanID: tg.ID, Tanggal: "2026-03-01", Jumlah: js[0]}); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			for id := range pays {
				pays[id] = pays[id][1:]
			}
		}
		code, body := apiJSON(t, srv, http.MethodGet, iuranBase+"/tunggakan", "perbekel", nil)
		items, _ := body["items"].([]any)
		if code/100 != 2 || len(items) != 2 {
			t.Fatalf("%d %v", code, body)
		}
		top := items[0].(map[string]any)
		if top["rumah_id"] != rumah[2] || top["jumlah"] != float64(45000) || top["bulan"] != float64(3) {
			t.Errorf("largest arrears %v, want household 2 owing 45.000 over 3 months", top)
		}
		second := items[1].(map[string]any)
		if second["rumah_id"] != rumah[1] || second["jumlah"] != float64(22500) || second["bulan"] != float64(2) ||
			fmt.Sprint(second["periode"]) != "[2026-02 2026-03]" {
			t.Errorf("second %v, want household 1 owing 22.500 for 2026-02 and 2026-03", second)
		}
		_, body = apiJSON(t, srv, http.MethodGet, iuranBase+"/tunggakan?dusun=Kelod", "perbekel", nil)
		if items, _ := body["items"].([]any); len(items) != 1 || items[0].(map[string]any)["rumah_id"] != rumah[1] {
			t.Errorf("Kelod only: %v", body)
		}
		_, body = apiJSON(t, srv, http.MethodGet, iuranBase+"/tunggakan?urut=nama", "perbekel", nil)
		if items, _ := body["items"].([]any); len(items) != 2 || items[0].(map[string]any)["rumah_id"] != rumah[1] {
			t.Errorf("by name: %v", body)
		}
		_, body = apiJSON(t, srv, http.MethodGet, iuranBase+"/ringkasan?tahun=2026", "dlh", nil)
		bulan, _ := body["bulan"].([]any)
		if len(bulan) != 3 {
			t.Fatalf("ringkasan: %v", body)
		}
		feb := bulan[1].(map[string]any)
		if feb["ditagih"] != float64(45000) || feb["terkumpul"] != float64(22500) || feb["tunggakan"] != float64(22500) {
			t.Errorf("February %v, want 45.000 billed, 22.500 collected and outstanding", feb)
		}
	})
}

func TestIuranAPIWalls(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := iuranAPI(t, d)
		_, _ = iuranSetup(t, srv, 15000, 1)
		for _, c := range []struct {
			user, method, path string
			body               any
			want               int
		}{
			{"petugas", http.MethodPost, "/tagihan", map[string]any{"periode": "2026-03"}, 403},
			{"perbekel", http.MethodPost, "/tagihan", map[string]any{"periode": "2026-03"}, 201},
			{"petugas", http.MethodPost, "/kelas", map[string]any{"nama": "Usaha", "tarif": 1}, 403},
			{"camat", http.MethodGet, "/rumah", nil, 403},
			{"dlh", http.MethodGet, "/tunggakan", nil, 403},
			{"forum", http.MethodGet, "/tagihan?periode=2026-03", nil, 403},
			{"lain", http.MethodGet, "/kelas", nil, 403},
			{"camat", http.MethodGet, "/ringkasan", nil, 200},
			{"dlh", http.MethodGet, "/ringkasan", nil, 200},
			{"forum", http.MethodGet, "/ringkasan", nil, 403},
			{"lain", http.MethodGet, "/ringkasan", nil, 403},
		} {
			if code, body := apiJSON(t, srv, c.method, iuranBase+c.path, c.user, c.body); code != c.want {
				t.Errorf("%s %s %s: %d, want %d: %v", c.user, c.method, c.path, code, c.want, body)
			}
		}
		// petugas_sampah records a payment.
		_, list := apiJSON(t, srv, http.MethodGet, iuranBase+"/tagihan?periode=2026-03", "petugas", nil)
		id := list["items"].([]any)[0].(map[string]any)["id"]
		if code, body := apiJSON(t, srv, http.MethodPost, iuranBase+"/bayar", "petugas", map[string]any{"tagihan_id": id, "jumlah": 15000, "tanggal": "2026-03-05"}); code/100 != 2 {
			t.Errorf("petugas pays: %d %v", code, body)
		}
		// Another desa's bill through Bengkel's path is not found.
		if code, _ := apiJSON(t, srv, http.MethodPost, "/desa/51.02.06.2002/sampah/iuran/bayar", "lain", map[string]any{"tagihan_id": id, "jumlah": 1, "tanggal": "2026-03-05"}); code != 422 && code != 404 {
			t.Errorf("foreign bill: %d", code)
		}
	})
}

func TestIuranPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d, iuranUsers, "Uji ")
		for user, want := range map[string]int{"perbekel": 200, "petugas": 200, "camat": 403, "dlh": 403, "forum": 403, "lain": 403} {
			for _, p := range []string{"", "/tunggakan", "/tunggakan.csv", "/tunggakan.xlsx"} {
				if code, body := s.page(http.MethodGet, iuranBase+p, user, nil); code != want {
					t.Errorf("%s %s: %d, want %d: %.200s", user, p, code, want, body)
				}
			}
		}
		// The perbekel adds a class; the petugas sees no class or billing form.
		s.want(http.StatusSeeOther, http.MethodPost, iuranBase+"/kelas", "perbekel", url.Values{"nama": {"Rumah tangga"}, "tarif": {"15.000"}, "aktif": {"1"}})
		_, body := s.want(200, http.MethodGet, iuranBase, "petugas", nil)
		mustContain(t, "petugas overview", body, "Rumah tangga", "15.000", "form-rumah")
		if strings.Contains(body, "form-kelas") || strings.Contains(body, "form-terbitkan") {
			t.Error("petugas is shown the class or billing form")
		}
		if code, _ := s.page(http.MethodPost, iuranBase+"/tagihan", "petugas", url.Values{"periode": {"2026-03"}}); code != 403 {
			t.Errorf("petugas bills: %d", code)
		}
		// A refused registration is shown again with its message and values.
		_, body = s.want(422, http.MethodPost, iuranBase+"/rumah", "petugas", url.Values{"nama": {"Al"}, "dusun": {"Banjar Kaja"}, "mulai": {"2026-03"}})
		mustContain(t, "refused form", body, "Nama kepala keluarga minimal 3 karakter", "Banjar Kaja")
		_, body = s.want(200, http.MethodGet, iuranBase, "perbekel", nil)
		kelas := between(body[strings.Index(body, "form-rumah"):], `<option value="`, `"`)
		loc, _ := s.want(http.StatusSeeOther, http.MethodPost, iuranBase+"/rumah", "petugas", url.Values{"nama": {"I Ketut Halaman"}, "dusun": {"Banjar Kaja"}, "kelas_id": {kelas}, "mulai": {"2026-01"}})
		s.want(http.StatusSeeOther, http.MethodPost, iuranBase+"/tagihan", "perbekel", url.Values{"periode": {"2026-03"}})
		_, body = s.want(200, http.MethodGet, loc, "petugas", nil)
		mustContain(t, "household page", body, "I Ketut Halaman", "2026-03", "belum dibayar", "Catat pembayaran")
		tagihan := between(body, `name="tagihan_id" value="`, `"`)
		_, body = s.want(422, http.MethodPost, loc+"/bayar", "petugas", url.Values{"tagihan_id": {tagihan}, "jumlah": {"20.000"}, "tanggal": {"2026-03-05"}})
		mustContain(t, "overpay", body, "melebihi sisa tagihan", "20.000")
		s.want(http.StatusSeeOther, http.MethodPost, loc+"/bayar", "petugas", url.Values{"tagihan_id": {tagihan}, "jumlah": {"15.000"}, "tanggal": {"2026-03-05"}})
		_, body = s.want(200, http.MethodGet, loc, "petugas", nil)
		mustContain(t, "paid", body, "lunas", "Balik pembayaran ini")
		// A refused change is shown again; a stop is saved.
		_, body = s.want(422, http.MethodPost, loc, "petugas", url.Values{"nama": {"I Ketut Halaman"}, "kelas_id": {kelas}, "mulai": {"2026-09"}})
		mustContain(t, "refused change", body, "Bulan mulai tidak boleh setelah bulan berjalan", "2026-09")
		s.want(http.StatusSeeOther, http.MethodPost, loc, "petugas", url.Values{"nama": {"I Ketut Halaman"}, "kelas_id": {kelas}, "mulai": {"2026-01"}})
		_, body = s.want(200, http.MethodGet, loc, "petugas", nil)
		mustContain(t, "stopped", body, "berhenti")
		// The arrears page and its download are recorded.
		before := len(s.audit.actions())
		s.want(200, http.MethodGet, iuranBase+"/tunggakan", "perbekel", nil)
		resp, csv := s.do(http.MethodGet, iuranBase+"/tunggakan.csv", "perbekel", nil)
		if resp.StatusCode != 200 || !strings.HasPrefix(csv, "Nama kepala keluarga") {
			t.Errorf("csv: %d %.100s", resp.StatusCode, csv)
		}
		if resp, x := s.do(http.MethodGet, iuranBase+"/tunggakan.xlsx?urut=bulan", "perbekel", nil); resp.StatusCode != 200 || !strings.HasPrefix(x, "PK") {
			t.Errorf("xlsx: %d", resp.StatusCode)
		}
		var recorded []string
		for _, a := range s.audit.actions()[before:] {
			if strings.Contains(a, "tunggakan") {
				recorded = append(recorded, a)
			}
		}
		if len(recorded) != 3 {
			t.Errorf("recorded %v, want the print and both downloads", recorded)
		}
	})
}

func TestIuranDemoSeedsOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := context.Background()
		for range 2 {
			if err := sampah.SeedDemoIuran(m, ctx, "2026-03-05"); err != nil {
				t.Fatal(err)
			}
		}
		tctx := tenancy.With(ctx, tenancy.Tenant{Kode: bengkel})
		ks, err := m.ListKelasIuran(tctx)
		if err != nil || len(ks) != 3 {
			t.Fatalf("%d classes, %v", len(ks), err)
		}
		bs, err := m.RingkasanIuran(tctx, 2026)
		if err != nil || len(bs) != 3 {
			t.Fatalf("%v %v", bs, err)
		}
		ts, err := m.DaftarTunggakan(tctx, "", "")
		if err != nil || len(ts) == 0 || len(ts) > 80 {
			t.Errorf("%d households in arrears, want some but not most: %v", len(ts), err)
		}
		p, err := m.ListRumahIuran(tctx, sampah.RumahIuranQuery{Limit: 100})
		if err != nil || len(p.Items) != 100 || p.NextCursor == "" {
			t.Errorf("households: %d, cursor %q, %v", len(p.Items), p.NextCursor, err)
		}
	})
}

// between is the text of s after the first from up to the next to.
func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, to)
	return v
}
