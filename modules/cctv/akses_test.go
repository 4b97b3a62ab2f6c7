package cctv_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/secret"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// The credentials sealed into every test camera; a page or answer that
// is not the opened link must never hold them.
const (
	sandi       = "rahasia-kamera"
	tautanPenuh = "rtsp://admin:" + sandi + "@10.20.0.15:554/stream1"
)

// aksesEnv is the module with its pages and API for the akses tests.
type aksesEnv struct {
	d     *db.DB
	m     *cctv.Module
	site  *webtest.Site
	api   *webtest.API
	apiAu *webtest.Audit
	kr    *secret.Keyring
}

var aksesUsers = map[string]webtest.Grant{
	"perbekel":        {Role: authz.Perbekel, Kode: bengkel},
	"sekdes":          {Role: authz.Sekdes, Kode: bengkel},
	"kasi":            {Role: authz.Kasi, Kode: bengkel},
	"perbekel_pandak": {Role: authz.Perbekel, Kode: pandak},
	"camat":           {Role: authz.Camat, Kode: "51.02.06"},
	"camat_baturiti":  {Role: authz.Camat, Kode: "51.02.05"},
	"bupati":          {Role: authz.Bupati, Kode: "51.02"},
	"satpolpp":        {Role: authz.OPD, Kode: "51.02", OPD: "SATPOLPP"},
	"dlh":             {Role: authz.OPD, Kode: "51.02", OPD: "DLH"},
	"kominfo":         {Role: authz.OPD, Kode: "51.02", OPD: "DISKOMINFO"},
	"admin":           {Role: authz.AdminKabupaten, Kode: "51.02"},
}

func newAksesEnv(t *testing.T, d *db.DB) *aksesEnv {
	t.Helper()
	k, err := secret.NewKey("k1")
	if err != nil {
		t.Fatal(err)
	}
	kr, err := secret.ParseKeyring(k)
	if err != nil {
		t.Fatal(err)
	}
	az := &webtest.Accounts{Users: aksesUsers, Templates: cctv.Templates(), Title: "Nama "}
	site := webtest.NewSite(t, d, az)
	clock := func() time.Time { return now }
	m := cctv.New(cctv.Deps{DB: d, Web: site.Web, Authz: az, Grants: az, Audit: site.Audit, Secrets: kr, Logger: discard, Clock: clock})
	m.Routes(site.Mux)
	apiAu := &webtest.Audit{}
	api := webtest.NewAPI(m.Register, az, clock, func(dp *httpserver.Deps) { dp.Audit = apiAu; dp.DB = d })
	return &aksesEnv{d: d, m: m, site: site, api: api, apiAu: apiAu, kr: kr}
}

// kameraRahasia records an aktif camera of desa whose credentials are
// sealed as the registry seals them, and returns its id.
func (e *aksesEnv) kameraRahasia(t *testing.T, desa tenancy.Kode, nama, status string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	ct, err := e.kr.Seal([]byte(`{"pengguna":"admin","sandi":"`+sandi+`"}`), cctv.KredensialContext(desa, id))
	if err != nil {
		t.Fatal(err)
	}
	k := cctv.Kamera{DesaID: desa.ID(), ID: id, Nama: nama, LintangE6: -8_540_100, BujurE6: 115_123_400,
		Tujuan: cctv.TujuanKeamanan, Pemilik: cctv.PemilikDesaDinas, TanggalPasang: "2025-06-01",
		StreamURL: "rtsp://10.20.0.15:554/stream1", Kredensial: ct, Status: status,
		CreatedBy: "u", CreatedAt: now, UpdatedBy: "u", UpdatedAt: now}
	err = e.d.Tx(webtest.DesaCtx(desa), func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&k).Exec(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// views counts the desa's cctv_lihat rows.
func (e *aksesEnv) views(t *testing.T, desa tenancy.Kode) int {
	t.Helper()
	var n int64
	err := e.d.Tx(webtest.DesaCtx(desa), func(ctx context.Context, tx bun.Tx) error {
		var err error
		n, err = tx.NewSelect().Model((*cctv.Lihat)(nil)).Where("desa_id = ?", desa.ID()).Count(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// setList sets camera id's access list through the API as the perbekel.
func (e *aksesEnv) setList(t *testing.T, id string, list ...string) {
	t.Helper()
	if list == nil {
		list = []string{}
	}
	if st, body := e.api.JSON(t, http.MethodPut, "/desa/"+string(bengkel)+"/cctv/"+id+"/akses", "perbekel", map[string]any{"penerima": list}); st != http.StatusOK {
		t.Fatalf("put akses %v: %d %v", list, st, body)
	}
}

func lihatPath(id string) string { return "/desa/" + string(bengkel) + "/cctv/" + id + "/lihat" }

// open posts the lihat page as user; it checks that exactly one view row
// and one audit entry are written when the status is 200, none otherwise.
func (e *aksesEnv) open(t *testing.T, id, user string) (int, string) {
	t.Helper()
	rows, entries := e.views(t, bengkel), len(e.site.Audit.Entries())
	st, body := e.site.Page(http.MethodPost, lihatPath(id), user, url.Values{})
	want := 0
	if st == http.StatusOK {
		want = 1
	}
	if got := e.views(t, bengkel) - rows; got != want {
		t.Errorf("%s opening: %d view rows written, want %d", user, got, want)
	}
	if got := len(e.site.Audit.Entries()) - entries; got != want {
		t.Errorf("%s opening: %d audit entries written, want %d", user, got, want)
	}
	return st, body
}

func TestLiveLinkFollowsTheAccessList(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newAksesEnv(t, d)
		id := e.kameraRahasia(t, bengkel, "Simpang Pasar", cctv.StatusAktif)
		e.setList(t, id, "opd:SATPOLPP")

		// Satpol PP: the page offers the button, the post shows the link.
		st, body := e.site.Page(http.MethodGet, lihatPath(id), "satpolpp", nil)
		if st != http.StatusOK {
			t.Fatalf("satpolpp GET: %d", st)
		}
		webtest.MustContain(t, "satpolpp page", body, "Buka tautan langsung", "Satuan Polisi Pamong Praja")
		st, body = e.open(t, id, "satpolpp")
		if st != http.StatusOK {
			t.Fatalf("satpolpp POST: %d %s", st, body)
		}
		webtest.MustContain(t, "satpolpp link", body, tautanPenuh, "VLC")

		// DLH holds PermLihat too, but the list does not name it.
		_, body = e.site.Page(http.MethodGet, lihatPath(id), "dlh", nil)
		webtest.MustContain(t, "dlh page", body, "Kamera ini tidak membagikan tautan langsung kepada Anda")
		webtest.MustNotContain(t, "dlh page", body, "Buka tautan langsung", sandi)
		if st, body = e.open(t, id, "dlh"); st != http.StatusForbidden {
			t.Errorf("dlh POST: %d, want 403", st)
		}
		webtest.MustNotContain(t, "dlh refusal", body, sandi)

		// The camat: refused until the list names role:camat.
		if st, _ = e.open(t, id, "camat"); st != http.StatusForbidden {
			t.Errorf("camat with opd:SATPOLPP only: %d, want 403", st)
		}
		e.setList(t, id, "opd:SATPOLPP", "role:camat")
		if st, _ = e.open(t, id, "camat"); st != http.StatusOK {
			t.Errorf("camat with role:camat: %d, want 200", st)
		}
		// A camat of another kecamatan holds no PermLihat at this desa.
		if st, _ = e.open(t, id, "camat_baturiti"); st != http.StatusForbidden {
			t.Errorf("camat of Baturiti: %d, want 403", st)
		}
		// The perbekel is not named by a non-empty list.
		if st, _ = e.open(t, id, "perbekel"); st != http.StatusForbidden {
			t.Errorf("perbekel with a list not naming it: %d, want 403", st)
		}

		// The API answers alike and records alike.
		for _, c := range []struct {
			user string
			want int
		}{{"satpolpp", http.StatusCreated}, {"dlh", http.StatusForbidden}, {"kasi", http.StatusForbidden}} {
			rows, entries := e.views(t, bengkel), len(e.apiAu.Entries())
			rec := e.api.Do(http.MethodPost, lihatPath(id), c.user, nil)
			if rec.Code != c.want {
				t.Errorf("API %s: %d, want %d: %s", c.user, rec.Code, c.want, rec.Body)
				continue
			}
			n := 0
			if c.want == http.StatusCreated {
				n = 1
				webtest.MustContain(t, "API link", rec.Body.String(), tautanPenuh, `"kamera":"Simpang Pasar"`, `"dicatat":"`)
				if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
					t.Errorf("API link Cache-Control = %q", cc)
				}
			} else {
				webtest.MustNotContain(t, "API refusal", rec.Body.String(), sandi)
			}
			if got := e.views(t, bengkel) - rows; got != n {
				t.Errorf("API %s: %d view rows, want %d", c.user, got, n)
			}
			if got := len(e.apiAu.Entries()) - entries; got != n {
				t.Errorf("API %s: %d audit entries, want %d", c.user, got, n)
			}
		}
		rec := e.api.Do(http.MethodPost, lihatPath(id), "dlh", nil)
		webtest.MustContain(t, "API refusal", rec.Body.String(), "tidak membagikan tautan langsung")
	})
}

func TestEmptyListMeansPerbekelAndSekdesOnly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newAksesEnv(t, d)
		id := e.kameraRahasia(t, bengkel, "Balai Banjar", cctv.StatusAktif)
		for _, c := range []struct {
			user string
			want int
		}{
			{"perbekel", http.StatusOK}, {"sekdes", http.StatusOK},
			{"kasi", http.StatusForbidden},     // no PermLihat
			{"satpolpp", http.StatusForbidden}, // not the desa's own
			{"bupati", http.StatusForbidden},
			{"perbekel_pandak", http.StatusForbidden}, // another desa's perbekel
		} {
			if st, body := e.open(t, id, c.user); st != c.want {
				t.Errorf("%s: %d, want %d: %s", c.user, st, c.want, body)
			}
		}
		// The kasi's GET is refused before the page: no PermLihat.
		if st, _ := e.site.Page(http.MethodGet, lihatPath(id), "kasi", nil); st != http.StatusForbidden {
			t.Errorf("kasi GET: %d, want 403", st)
		}
		_, body := e.site.Page(http.MethodGet, lihatPath(id), "perbekel", nil)
		webtest.MustContain(t, "perbekel page", body, "Hanya perbekel dan sekretaris desa", "Buka tautan langsung")
	})
}

func TestCommandCentreIsDiskominfo(t *testing.T) {
	g := []authz.Grant{{Role: authz.OPD, Wilayah: "51.02"}}
	for _, c := range []struct {
		name   string
		opd    string
		grants []authz.Grant
		desa   tenancy.Kode
		want   bool
	}{
		{"diskominfo of the kabupaten", "DISKOMINFO", g, bengkel, true},
		{"written as on the list", "Diskominfo", g, bengkel, true},
		{"another OPD", "SATPOLPP", g, bengkel, false},
		{"diskominfo of another kabupaten", "DISKOMINFO", []authz.Grant{{Role: authz.OPD, Wilayah: "51.03"}}, bengkel, false},
		{"not an opd grant", "DISKOMINFO", []authz.Grant{{Role: authz.Camat, Wilayah: "51.02.06"}}, bengkel, false},
	} {
		if got := cctv.PusatKomando(authUser(c.opd), c.grants, c.desa); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newAksesEnv(t, d)
		id := e.kameraRahasia(t, bengkel, "Simpang Pasar", cctv.StatusAktif)
		e.setList(t, id, "kabupaten:command_centre")
		if st, _ := e.open(t, id, "kominfo"); st != http.StatusOK {
			t.Errorf("kominfo with command_centre: %d", st)
		}
		if st, _ := e.open(t, id, "satpolpp"); st != http.StatusForbidden {
			t.Errorf("satpolpp with command_centre only: %d", st)
		}
		// role:opd names every OPD.
		e.setList(t, id, "role:opd")
		if st, _ := e.open(t, id, "dlh"); st != http.StatusOK {
			t.Errorf("dlh with role:opd: %d", st)
		}
	})
}

func TestLinkNeverInAGet(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newAksesEnv(t, d)
		id := e.kameraRahasia(t, bengkel, "Simpang Pasar", cctv.StatusAktif)
		e.setList(t, id, "opd:SATPOLPP")
		if st, _ := e.open(t, id, "satpolpp"); st != http.StatusOK {
			t.Fatalf("open: %d", st)
		}
		base := "/desa/" + string(bengkel) + "/cctv"
		for _, c := range []struct{ path, user string }{
			{base + "/" + id + "/lihat", "satpolpp"}, {base + "/" + id + "/lihat", "perbekel"},
			{base + "/" + id + "/akses", "perbekel"}, {base + "/lihat", "perbekel"},
		} {
			st, body := e.site.Page(http.MethodGet, c.path, c.user, nil)
			if st != http.StatusOK {
				t.Errorf("GET %s as %s: %d", c.path, c.user, st)
			}
			webtest.MustNotContain(t, c.path, body, sandi, "rtsp://", "10.20.0.15")
		}
		for _, p := range []string{base + "/" + id + "/akses", base + "/lihat"} {
			rec := e.api.Do(http.MethodGet, p, "perbekel", nil)
			if rec.Code != http.StatusOK {
				t.Errorf("API GET %s: %d", p, rec.Code)
			}
			webtest.MustNotContain(t, "API "+p, rec.Body.String(), sandi, "rtsp://", "10.20.0.15")
		}
	})
}

func TestForeignAndInactiveCameras(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newAksesEnv(t, d)
		luar := e.kameraRahasia(t, pandak, "Pura Desa", cctv.StatusAktif)
		mati := e.kameraRahasia(t, bengkel, "Kamera Lama", cctv.StatusNonaktif)
		base := "/desa/" + string(bengkel) + "/cctv/"
		for _, p := range []string{base + luar + "/lihat", base + luar + "/akses", base + "bukan-id/lihat"} {
			if st, _ := e.site.Page(http.MethodGet, p, "perbekel", nil); st != http.StatusNotFound {
				t.Errorf("page %s: %d, want 404", p, st)
			}
		}
		if st, _ := e.open(t, luar, "perbekel"); st != http.StatusNotFound {
			t.Errorf("open Pandak's camera through Bengkel: %d", st)
		}
		for _, c := range []struct{ method, path string }{
			{http.MethodGet, base + luar + "/akses"}, {http.MethodPut, base + luar + "/akses"},
			{http.MethodPost, base + luar + "/lihat"}, {http.MethodGet, "/desa/" + string(bengkel) + "/cctv/lihat?kamera=" + luar},
		} {
			var body any
			if c.method == http.MethodPut {
				body = map[string]any{"penerima": []string{}}
			}
			rec := e.api.Do(c.method, c.path, "perbekel", body)
			if rec.Code != http.StatusNotFound && !(strings.Contains(c.path, "?kamera=") && rec.Code == http.StatusUnprocessableEntity) {
				t.Errorf("API %s %s: %d", c.method, c.path, rec.Code)
			}
		}
		// Pandak's list is untouched by the refused PUT.
		if n := e.views(t, pandak); n != 0 {
			t.Errorf("Pandak views = %d", n)
		}
		st, body := e.open(t, mati, "perbekel")
		if st != http.StatusConflict {
			t.Errorf("nonaktif camera: %d", st)
		}
		webtest.MustContain(t, "nonaktif", body, "nonaktif")
		webtest.MustNotContain(t, "nonaktif", body, sandi)
	})
}

func TestAccessListForm(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newAksesEnv(t, d)
		id := e.kameraRahasia(t, bengkel, "Simpang Pasar", cctv.StatusAktif)
		p := "/desa/" + string(bengkel) + "/cctv/" + id + "/akses"
		_, body := e.site.Want(http.StatusOK, http.MethodGet, p, "perbekel", nil)
		webtest.MustContain(t, "akses page", body, "hanya perbekel dan sekretaris desa ini", `value="opd:SATPOLPP"`,
			`value="opd:DLH"`, `value="kabupaten:command_centre"`, `value="role:camat"`, "OPD lainnya")
		if i, j := strings.Index(body, `value="opd:SATPOLPP"`), strings.Index(body, `value="opd:BKPSDM"`); i < 0 || j < i {
			t.Errorf("Satpol PP is not listed before the rest")
		}
		loc, _ := e.site.Want(http.StatusSeeOther, http.MethodPost, p, "perbekel", url.Values{"penerima": {"opd:SATPOLPP", "role:camat", "opd:SATPOLPP"}})
		if loc != p+"?disimpan=1" {
			t.Errorf("redirect = %q", loc)
		}
		a, err := e.m.BacaAkses(webtest.DesaCtx(bengkel), id)
		if err != nil || strings.Join(a.Penerima, ",") != "opd:SATPOLPP,role:camat" {
			t.Errorf("saved = %v, %v", a.Penerima, err)
		}
		if got := e.site.Audit.Actions(); len(got) != 1 || got[0] != "web:POST /desa/{kode}/cctv/{id}/akses" {
			t.Errorf("audit = %v", got)
		}
		// A bad entry is refused in Bahasa, the ticked boxes stay ticked,
		// the saved list is unchanged.
		st, body := e.site.Page(http.MethodPost, p, "perbekel", url.Values{"penerima": {"opd:DLH", "opd:TIDAKADA"}})
		if st != http.StatusUnprocessableEntity {
			t.Fatalf("bad entry: %d", st)
		}
		webtest.MustContain(t, "refused form", body, "tidak ada dalam daftar perangkat daerah", `value="opd:DLH" checked`)
		a, _ = e.m.BacaAkses(webtest.DesaCtx(bengkel), id)
		if len(a.Penerima) != 2 {
			t.Errorf("list changed by a refused form: %v", a.Penerima)
		}
		// Kasi and the camat may not set it.
		for _, u := range []string{"kasi", "camat", "satpolpp"} {
			if st, _ := e.site.Page(http.MethodGet, p, u, nil); st != http.StatusForbidden {
				t.Errorf("%s GET akses: %d", u, st)
			}
			if rec := e.api.Do(http.MethodPut, "/desa/"+string(bengkel)+"/cctv/"+id+"/akses", u, map[string]any{"penerima": []string{}}); rec.Code != http.StatusForbidden {
				t.Errorf("%s PUT akses: %d", u, rec.Code)
			}
		}
		// API: a wrong entry names its field in Bahasa; too many entries.
		st2, out := e.api.JSON(t, http.MethodPut, "/desa/"+string(bengkel)+"/cctv/"+id+"/akses", "perbekel", map[string]any{"penerima": []string{"role:kasi"}})
		if st2 != http.StatusUnprocessableEntity || !strings.Contains(stringOf(out), "body.penerima[0]") || !strings.Contains(stringOf(out), "tidak dapat diberi akses") {
			t.Errorf("role:kasi: %d %v", st2, out)
		}
	})
}

func TestViewLog(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newAksesEnv(t, d)
		pasar := e.kameraRahasia(t, bengkel, "Simpang Pasar", cctv.StatusAktif)
		balai := e.kameraRahasia(t, bengkel, "Balai Banjar", cctv.StatusAktif)
		e.setList(t, pasar, "opd:SATPOLPP")
		for i := 0; i < 22; i++ {
			if st, _ := e.open(t, pasar, "satpolpp"); st != http.StatusOK {
				t.Fatal(st)
			}
		}
		if st, _ := e.open(t, balai, "sekdes"); st != http.StatusOK {
			t.Fatal(st)
		}
		p := "/desa/" + string(bengkel) + "/cctv/lihat"
		_, body := e.site.Want(http.StatusOK, http.MethodGet, p, "perbekel", nil)
		webtest.MustContain(t, "log", body, "Nama satpolpp", "Nama sekdes", "Simpang Pasar", "5 Maret 2026 10.00 WITA", "Lebih lama")
		if strings.Index(body, "Nama sekdes") < 0 {
			t.Fatal("no sekdes row")
		}
		_, body = e.site.Want(http.StatusOK, http.MethodGet, p+"?kamera="+balai, "perbekel", nil)
		webtest.MustContain(t, "filtered log", body, "Nama sekdes")
		webtest.MustNotContain(t, "filtered log", body, "Nama satpolpp", "Lebih lama")

		// API: newest first (ids are UUIDv7 at one clock), pages of 20.
		st, out := e.api.JSON(t, http.MethodGet, p+"?limit=20", "perbekel", nil)
		items, _ := out["items"].([]any)
		next, _ := out["next_cursor"].(string)
		if st != http.StatusOK || len(items) != 20 || next == "" {
			t.Fatalf("page 1: %d, %d items, next %q", st, len(items), next)
		}
		st, out = e.api.JSON(t, http.MethodGet, p+"?limit=20&cursor="+next, "perbekel", nil)
		items2, _ := out["items"].([]any)
		if st != http.StatusOK || len(items2) != 3 || out["next_cursor"] != nil {
			t.Errorf("page 2: %d, %d items, %v", st, len(items2), out["next_cursor"])
		}
		for _, u := range []string{"kasi", "satpolpp", "camat"} {
			if st, _ := e.site.Page(http.MethodGet, p, u, nil); st != http.StatusForbidden {
				t.Errorf("%s log page: %d", u, st)
			}
		}
	})
}

func TestProbeSetting(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newAksesEnv(t, d)
		p := "/wilayah/51.02/cctv/pengaturan"
		_, body := e.site.Want(http.StatusOK, http.MethodGet, p, "admin", nil)
		webtest.MustContain(t, "setting page", body, "Izinkan pemeriksaan alamat privat (LAN desa)", "link-local", "5 menit")
		loc, _ := e.site.Want(http.StatusSeeOther, http.MethodPost, p, "admin", url.Values{"izinkan_alamat_privat": {"ya"}, "interval_probe_menit": {"10"}})
		if loc != p+"?disimpan=1" {
			t.Errorf("redirect %q", loc)
		}
		got, err := e.m.BacaPengaturan(context.Background(), bengkel)
		if err != nil || !got.IzinkanAlamatPrivat || got.IntervalProbeMenit != 10 || got.Bawaan {
			t.Errorf("saved = %+v, %v", got, err)
		}
		if a := e.site.Audit.Entries(); len(a) != 1 || a[0].Kode != "51.02" {
			t.Errorf("audit = %+v", a)
		}
		for _, bad := range []string{"0", "1441", "lima"} {
			st, body := e.site.Page(http.MethodPost, p, "admin", url.Values{"interval_probe_menit": {bad}})
			if st != http.StatusUnprocessableEntity {
				t.Errorf("interval %s: %d", bad, st)
			}
			webtest.MustContain(t, "bad interval "+bad, body, "Selang pemeriksaan", `value="`+bad+`"`)
		}
		// Desa and kecamatan codes have no setting; other roles may not.
		for _, c := range []struct {
			path, user string
			want       int
		}{
			{"/wilayah/51.02.06/cctv/pengaturan", "admin", http.StatusNotFound},
			{"/wilayah/" + string(bengkel) + "/cctv/pengaturan", "admin", http.StatusNotFound},
			{p, "bupati", http.StatusForbidden}, {p, "perbekel", http.StatusForbidden},
			{p, "camat", http.StatusForbidden}, {p, "kominfo", http.StatusForbidden},
		} {
			if st, _ := e.site.Page(http.MethodGet, c.path, c.user, nil); st != c.want {
				t.Errorf("page %s as %s: %d, want %d", c.path, c.user, st, c.want)
			}
			rec := e.api.Do(http.MethodPut, strings.TrimPrefix(c.path, ""), c.user, map[string]any{"izinkan_alamat_privat": true, "interval_probe_menit": 5})
			want := c.want
			if rec.Code != want && !(want == http.StatusNotFound && rec.Code == http.StatusForbidden) {
				t.Errorf("API PUT %s as %s: %d, want %d", c.path, c.user, rec.Code, want)
			}
		}
		// API bounds, in Bahasa.
		for _, n := range []int{0, 1441} {
			st, out := e.api.JSON(t, http.MethodPut, p, "admin", map[string]any{"interval_probe_menit": n})
			if st != http.StatusUnprocessableEntity {
				t.Errorf("API interval %d: %d %v", n, st, out)
			}
		}
		st, out := e.api.JSON(t, http.MethodPut, p, "admin", map[string]any{"izinkan_alamat_privat": false, "interval_probe_menit": 15})
		if st != http.StatusOK || out["interval_probe_menit"] != float64(15) || out["izinkan_alamat_privat"] != false {
			t.Errorf("API PUT: %d %v", st, out)
		}
		st, out = e.api.JSON(t, http.MethodGet, p, "admin", nil)
		if st != http.StatusOK || out["interval_probe_menit"] != float64(15) || out["bawaan"] != false {
			t.Errorf("API GET: %d %v", st, out)
		}
	})
}

func TestPeriksaPengaturanSpeaksBahasa(t *testing.T) {
	err := cctv.PeriksaPengaturan(cctv.Pengaturan{IntervalProbeMenit: 0})
	if err == nil || !strings.Contains(err.Error(), "Selang pemeriksaan") {
		t.Errorf("interval 0: %v", err)
	}
	if err := cctv.PeriksaPengaturan(cctv.Pengaturan{IntervalProbeMenit: 1440}); err != nil {
		t.Errorf("interval 1440: %v", err)
	}
}

func TestIdempotencyKeyRefusedOnOpening(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newAksesEnv(t, d)
		id := e.kameraRahasia(t, bengkel, "Simpang Pasar", cctv.StatusAktif)
		req := httptestRequest(http.MethodPost, "/api/v1"+lihatPath(id), "perbekel")
		req.Header.Set("Idempotency-Key", "k-1")
		rec := serve(e.api, req)
		if rec.Code != http.StatusUnprocessableEntity || strings.Contains(rec.Body.String(), sandi) {
			t.Errorf("with Idempotency-Key: %d %s", rec.Code, rec.Body)
		}
		if n := e.views(t, bengkel); n != 0 {
			t.Errorf("views = %d", n)
		}
	})
}
