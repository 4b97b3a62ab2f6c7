package wilayah_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

type kalenderFixture struct {
	m     *wilayah.Module
	api   *webtest.API
	site  *webtest.Site
	audit *webtest.Audit
	store *kalender.Store
	d     *db.DB
}

// newKalenderFixture: Tabanan and Badung loaded, the shipped calendar
// seeded, on 1 December 2026; accounts at every tier of Tabanan and the
// admin of Badung.
func newKalenderFixture(t *testing.T, d *db.DB) kalenderFixture {
	t.Helper()
	ctx := context.Background()
	clock := func() time.Time { return time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC) }
	m := wilayah.New(wilayah.Deps{DB: d, Clock: clock})
	if _, err := m.Store().Seed(ctx, []tenancy.Kode{"51.02", "51.03"}); err != nil {
		t.Fatal(err)
	}
	store := kalender.NewStore(d, clock)
	if err := store.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	az := &webtest.Accounts{Templates: wilayah.Templates(), Users: map[string]webtest.Grant{
		"admin":        {Role: authz.AdminKabupaten, Kode: "51.02"},
		"admin-badung": {Role: authz.AdminKabupaten, Kode: "51.03"},
		"bupati":       {Role: authz.Bupati, Kode: "51.02"},
		"camat":        {Role: authz.Camat, Kode: "51.02.06"},
		"perbekel":     {Role: authz.Perbekel, Kode: "51.02.06.2001"},
	}}
	rec := &webtest.Audit{}
	api := webtest.NewAPI(m.Register, az, clock, func(deps *httpserver.Deps) { deps.Audit = rec })
	site := webtest.NewSite(t, d, az)
	m.Routes(site.Web, site.Mux, az, nil)
	return kalenderFixture{m: m, api: api, site: site, audit: rec, store: store, d: d}
}

// hari finds the day of a GET kalender answer on date with kind jenis.
func hari(body map[string]any, tanggal, jenis string) map[string]any {
	list, _ := body["hari"].([]any)
	for _, h := range list {
		h := h.(map[string]any)
		if h["tanggal"] == tanggal && h["jenis"] == jenis {
			return h
		}
	}
	return nil
}

func hariKerjaJuni(body map[string]any) float64 {
	return body["bulan"].([]any)[5].(map[string]any)["hari_kerja"].(float64)
}

func (f kalenderFixture) berubah(t *testing.T) []string {
	t.Helper()
	var payloads []string
	if err := f.d.NewSelect().Table("job_outbox").Column("payload").Where("task_type = ?", kalender.TaskBerubah).
		Order("id").Scan(context.Background(), &payloads); err != nil {
		t.Fatal(err)
	}
	return payloads
}

func TestKalenderAPIConfirmsUsulanAndLoadsAYearOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newKalenderFixture(t, d)
		ctx := context.Background()

		// The camat reads Tabanan's calendar from his kecamatan.
		status, body := f.api.JSON(t, http.MethodGet, "/wilayah/51.02.06/kalender?tahun=2026", "camat", nil)
		if status != http.StatusOK || body["kabupaten"] != "51.02" || body["dimuat"] != true || body["perkiraan"] != false {
			t.Fatalf("GET as camat: %d %v", status, body)
		}
		if h := hari(body, "2026-03-19", "libur_nasional"); h == nil || h["usulan"] != false || h["nama"] != "Hari Suci Nyepi" {
			t.Errorf("Nyepi 2026: %v, want a libur nasional", h)
		}
		if h := hari(body, "2026-06-17", "libur_daerah"); h == nil || h["usulan"] != true {
			t.Errorf("Galungan 2026 before it is confirmed: %v, want an usulan", h)
		}
		juni := hariKerjaJuni(body)
		if k, _ := f.store.Kalender(ctx, "51.02"); !k.HariKerja("2026-06-17") {
			t.Fatal("an usulan already counts as a holiday")
		}

		// Only Tabanan's admin writes, at Tabanan's own code.
		galungan := map[string]any{"tanggal": "2026-06-17", "nama": "Hari Raya Galungan", "sumber": "SE Gubernur Bali"}
		tahun2027 := map[string]any{"tahun": 2027, "sumber": "SKB 2027", "hari": []map[string]any{
			{"tanggal": "2027-01-01", "jenis": "libur_nasional", "nama": "Tahun Baru Masehi"}}}
		for _, c := range []struct {
			user, method, path string
			body               any
			want               int
		}{
			{"camat", http.MethodPost, "/wilayah/51.02.06/kalender/libur-daerah", galungan, http.StatusForbidden},
			{"camat", http.MethodPost, "/wilayah/51.02/kalender/libur-daerah", galungan, http.StatusForbidden},
			{"perbekel", http.MethodPost, "/wilayah/51.02.06.2001/kalender/libur-daerah", galungan, http.StatusForbidden},
			{"bupati", http.MethodPost, "/wilayah/51.02/kalender/libur-daerah", galungan, http.StatusForbidden},
			{"admin-badung", http.MethodPost, "/wilayah/51.02/kalender/libur-daerah", galungan, http.StatusForbidden},
			{"camat", http.MethodDelete, "/wilayah/51.02.06/kalender/libur-daerah/2026-06-17", nil, http.StatusForbidden},
			{"perbekel", http.MethodDelete, "/wilayah/51.02/kalender/libur-daerah/2026-06-17", nil, http.StatusForbidden},
			{"camat", http.MethodPost, "/wilayah/51.02.06/kalender/tahun", tahun2027, http.StatusForbidden},
			{"perbekel", http.MethodPost, "/wilayah/51.02.06.2001/kalender/tahun", tahun2027, http.StatusForbidden},
			{"admin", http.MethodPost, "/wilayah/51.02.06/kalender/libur-daerah", galungan, http.StatusNotFound},
			{"admin", http.MethodGet, "/wilayah/51/kalender", nil, http.StatusForbidden},
		} {
			if rec := f.api.Do(c.method, c.path, c.user, c.body); rec.Code != c.want {
				t.Errorf("%s %s as %s: %d, want %d: %s", c.method, c.path, c.user, rec.Code, c.want, rec.Body)
			}
		}
		if n := len(f.berubah(t)); n != 0 {
			t.Fatalf("refused writes enqueued %d tasks", n)
		}

		// Confirming the usulan makes it a libur daerah that counts.
		if status, body := f.api.JSON(t, http.MethodPost, "/wilayah/51.02/kalender/libur-daerah", "admin", galungan); status != http.StatusCreated || body["jenis"] != "libur_daerah" {
			t.Fatalf("confirm Galungan: %d %v", status, body)
		}
		_, body = f.api.JSON(t, http.MethodGet, "/wilayah/51.02/kalender?tahun=2026", "admin", nil)
		if h := hari(body, "2026-06-17", "libur_daerah"); h == nil || h["usulan"] != false || h["sumber"] != "SE Gubernur Bali" {
			t.Errorf("Galungan after it is confirmed: %v", h)
		}
		if got := hariKerjaJuni(body); got != juni-1 {
			t.Errorf("June has %v working days after Galungan, want %v", got, juni-1)
		}
		if k, _ := f.store.Kalender(ctx, "51.02.06.2001"); k.HariKerja("2026-06-17") {
			t.Error("a confirmed libur daerah is still a working day in the kabupaten's desa")
		}
		if k, _ := f.store.Kalender(ctx, "51.03"); !k.HariKerja("2026-06-17") {
			t.Error("Tabanan's libur daerah reached Badung")
		}

		// Loading 2027: any kabupaten's admin, once.
		k, _ := f.store.Kalender(ctx, "51.03")
		if k.Dimuat(2027) {
			t.Fatal("2027 is loaded before the test loads it")
		}
		if rec := f.api.Do(http.MethodPost, "/wilayah/51.03/kalender/tahun", "admin-badung", tahun2027); rec.Code != http.StatusCreated {
			t.Fatalf("load 2027: %d %s", rec.Code, rec.Body)
		}
		if k, _ := f.store.Kalender(ctx, "51.02"); !k.Dimuat(2027) || k.HariKerja("2027-01-01") {
			t.Error("2027 loaded by Badung's admin is not Tabanan's calendar")
		}
		if rec := f.api.Do(http.MethodPost, "/wilayah/51.02/kalender/tahun", "admin", tahun2027); rec.Code != http.StatusConflict {
			t.Errorf("loading 2027 again: %d, want 409: %s", rec.Code, rec.Body)
		}

		// Removing it makes it a working day (and an usulan) again.
		if rec := f.api.Do(http.MethodDelete, "/wilayah/51.02/kalender/libur-daerah/2026-06-17", "admin", nil); rec.Code != http.StatusNoContent {
			t.Fatalf("delete: %d %s", rec.Code, rec.Body)
		}
		if rec := f.api.Do(http.MethodDelete, "/wilayah/51.02/kalender/libur-daerah/2026-06-17", "admin", nil); rec.Code != http.StatusNotFound {
			t.Errorf("delete twice: %d, want 404", rec.Code)
		}
		if k, _ := f.store.Kalender(ctx, "51.02"); !k.HariKerja("2026-06-17") {
			t.Error("a removed libur daerah still counts")
		}

		// One task per change that committed, in its transaction; one
		// audit entry for each.
		want := []string{`{"kabupaten":"51.02","tahun":2026}`, `{"kabupaten":"","tahun":2027}`, `{"kabupaten":"51.02","tahun":2026}`}
		if got := f.berubah(t); !slices.Equal(got, want) {
			t.Errorf("%s tasks: %v, want %v", kalender.TaskBerubah, got, want)
		}
		if got, want := f.audit.Actions(), []string{"set-kalender-libur-daerah", "load-kalender-tahun", "delete-kalender-libur-daerah"}; !slices.Equal(got, want) {
			t.Errorf("audit: %v, want %v", got, want)
		}
	})
}

func TestKalenderAPIRefusesBadInputInBahasa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newKalenderFixture(t, d)
		days := func(n int) []map[string]any {
			out := make([]map[string]any, n)
			for i := range out {
				out[i] = map[string]any{"tanggal": string(civil.Date("2028-01-03").AddDate(0, 0, i)), "jenis": "cuti_bersama", "nama": "Cuti"}
			}
			return out
		}
		one := func(tanggal, jenis, nama string) []map[string]any {
			return []map[string]any{{"tanggal": tanggal, "jenis": jenis, "nama": nama}}
		}
		for _, c := range []struct {
			name, path string
			body       any
			field, msg string
		}{
			{"date outside the year", "/tahun", map[string]any{"tahun": 2028, "sumber": "SKB", "hari": one("2027-12-31", "libur_nasional", "Tahun Baru")},
				"body.hari[0].tanggal", "di tahun 2028"},
			{"bad jenis", "/tahun", map[string]any{"tahun": 2028, "sumber": "SKB", "hari": one("2028-01-01", "libur_daerah", "Tahun Baru")},
				"body.hari[0].jenis", "libur_nasional atau cuti_bersama"},
			{"61 days", "/tahun", map[string]any{"tahun": 2028, "sumber": "SKB", "hari": days(61)}, "body.hari", "paling banyak 60"},
			{"control characters", "/tahun", map[string]any{"tahun": 2028, "sumber": "SKB", "hari": one("2028-01-01", "libur_nasional", "Tahun\x07Baru")},
				"body.hari[0].nama", "tanpa karakter kendali"},
			{"duplicate days", "/tahun", map[string]any{"tahun": 2028, "sumber": "SKB",
				"hari": append(one("2028-01-01", "libur_nasional", "a"), one("2028-01-01", "cuti_bersama", "b")...)}, "body.hari[1].tanggal", "dua kali"},
			{"libur daerah without a source", "/libur-daerah", map[string]any{"tanggal": "2026-06-17", "nama": "Galungan", "sumber": " "},
				"body.sumber", "dasar penetapan"},
			{"libur daerah name with a control character", "/libur-daerah", map[string]any{"tanggal": "2026-06-17", "nama": "Galungan\x1b", "sumber": "SE"},
				"body.nama", "tanpa karakter kendali"},
		} {
			rec := f.api.Do(http.MethodPost, "/wilayah/51.02/kalender"+c.path, "admin", c.body)
			if rec.Code != http.StatusUnprocessableEntity || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s: %d %s, want 422 problem+json: %s", c.name, rec.Code, rec.Header().Get("Content-Type"), rec.Body)
				continue
			}
			if b := rec.Body.String(); !strings.Contains(b, `"location":"`+c.field+`"`) || !strings.Contains(strings.ToLower(b), strings.ToLower(c.msg)) {
				t.Errorf("%s: %s, want %s with %q", c.name, b, c.field, c.msg)
			}
		}
		if n := len(f.berubah(t)); n != 0 {
			t.Errorf("refused input enqueued %d tasks", n)
		}
		if k, _ := f.store.Kalender(context.Background(), "51.02"); k.Dimuat(2028) {
			t.Error("a refused year is loaded")
		}
	})
}

func TestKalenderPageShowsButtonsOnlyToTheAdmin(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newKalenderFixture(t, d)
		s := f.site
		_, admin := s.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02/kalender?tahun=2026", "admin", nil)
		webtest.MustContain(t, "the admin's page", admin, "Hari Suci Nyepi", "Libur nasional", "Cuti bersama", "Usulan libur daerah",
			"Hari Raya Galungan", ">Tetapkan<", "Tambah libur daerah", "Muat libur nasional setahun",
			`action="/wilayah/51.02/kalender/libur-daerah"`)
		webtest.MustNotContain(t, "the admin's page of a loaded year", admin, "Perkiraan: hanya Sabtu/Minggu")
		for _, c := range []struct{ user, path string }{{"camat", "/wilayah/51.02.06/kalender?tahun=2026"}, {"bupati", "/wilayah/51.02/kalender?tahun=2026"}} {
			_, body := s.Want(http.StatusOK, http.MethodGet, c.path, c.user, nil)
			webtest.MustContain(t, c.user+"'s page", body, "Hari Raya Galungan", "Usulan libur daerah", "Kabupaten Tabanan")
			webtest.MustNotContain(t, c.user+"'s page", body, "/kalender/libur-daerah", "/kalender/tahun", ">Tetapkan<", ">Hapus<", "Tambah libur daerah")
		}
		for _, c := range []struct {
			user, method, path string
			want               int
		}{
			{"camat", http.MethodGet, "/wilayah/51.02/kalender", http.StatusForbidden},
			{"perbekel", http.MethodGet, "/wilayah/51.02.06/kalender", http.StatusForbidden},
			{"admin", http.MethodGet, "/wilayah/51/kalender", http.StatusNotFound},
			{"camat", http.MethodPost, "/wilayah/51.02/kalender/libur-daerah", http.StatusForbidden},
			{"bupati", http.MethodPost, "/wilayah/51.02/kalender/tahun", http.StatusForbidden},
			{"admin", http.MethodPost, "/wilayah/51.02.06/kalender/libur-daerah", http.StatusNotFound},
			{"admin", http.MethodPost, "/wilayah/51.02/kalender/libur-daerah", http.StatusUnprocessableEntity}, // sent empty
			{"admin", http.MethodPost, "/wilayah/51.02/kalender/tahun", http.StatusUnprocessableEntity},
		} {
			var form url.Values
			if c.method == http.MethodPost {
				form = url.Values{}
			}
			if resp, body := s.Do(c.method, c.path, c.user, form); resp.StatusCode != c.want {
				t.Errorf("%s %s as %s: %d, want %d: %.300s", c.method, c.path, c.user, resp.StatusCode, c.want, body)
			}
		}

		// Tetapkan, as the button posts it.
		loc, _ := s.Want(http.StatusSeeOther, http.MethodPost, "/wilayah/51.02/kalender/libur-daerah", "admin",
			url.Values{"tanggal": {"2026-06-17"}, "nama": {"Hari Raya Galungan"}, "sumber": {wilayah.SumberUsulan}})
		_, body := s.Want(http.StatusOK, http.MethodGet, loc, "admin", nil)
		webtest.MustContain(t, "the page after Tetapkan", body, "Libur daerah 17 Juni 2026 ditetapkan",
			`action="/wilayah/51.02/kalender/libur-daerah/2026-06-17/hapus"`, "lencana-daerah")
		if k, _ := f.store.Kalender(context.Background(), "51.02"); k.HariKerja("2026-06-17") {
			t.Error("the page's Tetapkan did not reach the calendar")
		}

		// A year not loaded is an estimate; its list is loaded from lines,
		// refused by the API's own rule.
		_, body = s.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02/kalender?tahun=2027", "admin", nil)
		webtest.MustContain(t, "2027 before it is loaded", body, "Perkiraan: hanya Sabtu/Minggu")
		_, body = s.Want(http.StatusUnprocessableEntity, http.MethodPost, "/wilayah/51.02/kalender/tahun", "admin",
			url.Values{"tahun": {"2027"}, "sumber": {"SKB 2027"}, "hari": {"2027-01-01,libur_nasional,Tahun Baru Masehi\n2026-12-31,cuti_bersama,Cuti"}})
		webtest.MustContain(t, "a refused list", body, "Hari ke-2", "di tahun 2027", "2026-12-31,cuti_bersama,Cuti")
		s.Want(http.StatusSeeOther, http.MethodPost, "/wilayah/51.02/kalender/tahun", "admin",
			url.Values{"tahun": {"2027"}, "sumber": {"SKB 2027"}, "hari": {"2027-01-01,libur_nasional,Tahun Baru Masehi\r\n"}})
		_, body = s.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02/kalender?tahun=2027", "admin", nil)
		webtest.MustNotContain(t, "2027 once loaded", body, "Perkiraan: hanya Sabtu/Minggu")
		webtest.MustContain(t, "2027 once loaded", body, "Tahun Baru Masehi")

		if got := f.berubah(t); len(got) != 2 {
			t.Errorf("%d %s tasks after two changes: %v", len(got), kalender.TaskBerubah, got)
		}
		if got := s.Audit.Actions(); !slices.Equal(got, []string{"web:POST /wilayah/{kode}/kalender/libur-daerah", "web:POST /wilayah/{kode}/kalender/tahun"}) {
			t.Errorf("page audit: %v", got)
		}
	})
}
