package cctv_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

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

// The registry's API and pages on one test database: the accounts the
// tests sign in as, the module with a keyring (or none), its API and its
// pages.

// Secrets a test types and then searches every answer for.
const (
	ktPengguna  = "operator-nvr-77"
	ktSandi     = "Sandi-Kamera-Rahasia-91"
	ktStreamURL = "rtsp://cctv-bengkel.example.id:554/stream1"
	ktStreamKey = "cctv-bengkel.example.id" // what would show of the URL
)

type ktEnv struct {
	d    *db.DB
	m    *cctv.Module
	api  *webtest.API
	site *webtest.Site
	kr   *secret.Keyring
}

// ktAccounts are the roles the registry serves and two outsiders.
var ktAccounts = map[string]webtest.Grant{
	"perbekel":        {Role: authz.Perbekel, Kode: bengkel},
	"sekdes":          {Role: authz.Sekdes, Kode: bengkel},
	"kasi":            {Role: authz.Kasi, Kode: bengkel},
	"camat":           {Role: authz.Camat, Kode: "51.02.06"},
	"opd":             {Role: authz.OPD, Kode: "51.02", OPD: "SATPOLPP"},
	"perbekel_pandak": {Role: authz.Perbekel, Kode: pandak},
	"camat_baturiti":  {Role: authz.Camat, Kode: "51.02.05"},
	"kaur":            {Role: authz.KaurKeuangan, Kode: bengkel},
}

// ktSetup builds the module on d; kunci gives it a keyring.
func ktSetup(t *testing.T, d *db.DB, kunci bool) *ktEnv {
	t.Helper()
	az := &webtest.Accounts{Users: ktAccounts, Templates: cctv.Templates()}
	site := webtest.NewSite(t, d, az)
	key, err := secret.NewKey("k1")
	if err != nil {
		t.Fatal(err)
	}
	kr, err := secret.ParseKeyring(key)
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return now }
	deps := cctv.Deps{DB: d, Web: site.Web, Authz: az, Grants: az, Audit: site.Audit, Logger: webtest.Discard, Clock: clock}
	if kunci {
		deps.Secrets = kr
	}
	m := cctv.New(deps)
	m.Routes(site.Mux)
	api := webtest.NewAPI(m.Register, az, clock, func(h *httpserver.Deps) { h.Audit = site.Audit })
	return &ktEnv{d: d, m: m, api: api, site: site, kr: kr}
}

// ktBody is a valid camera as the API takes it.
func ktBody(nama string) map[string]any {
	return map[string]any{
		"nama": nama, "dusun": "Banjar Tegal", "lintang": "-8,5401", "bujur": "115.1234",
		"pantauan": "Simpang jalan menuju pasar", "tujuan": "keamanan", "pemilik": "desa_dinas",
		"kegiatan_kode": "01.01.02", "tahun_anggaran": 2025, "harga": 3500000, "tanggal_pasang": "2025-06-01",
		"retensi_hari": 14, "lokasi_rekaman": "NVR kantor desa", "stream_url": ktStreamURL,
	}
}

// ktCreate records a camera through the API as the perbekel and returns
// its answer.
func ktCreate(t *testing.T, e *ktEnv, body map[string]any) map[string]any {
	t.Helper()
	status, out := e.api.JSON(t, http.MethodPost, "/desa/"+string(bengkel)+"/cctv", "perbekel", body)
	if status != http.StatusCreated {
		t.Fatalf("create: %d %v", status, out)
	}
	return out
}

// ktKredensial reads the stored credentials column of a camera.
func ktKredensial(t *testing.T, d *db.DB, desa tenancy.Kode, id string) string {
	t.Helper()
	var k cctv.Kamera
	err := d.Tx(webtest.DesaCtx(desa), func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Model(&k).Where("k.desa_id = ? AND k.id = ?", desa.ID(), id).Scan(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
	return k.Kredensial
}

func ktErrors(t *testing.T, out map[string]any) map[string]string {
	t.Helper()
	got := map[string]string{}
	list, _ := out["errors"].([]any)
	for _, x := range list {
		e, _ := x.(map[string]any)
		loc, _ := e["location"].(string)
		msg, _ := e["message"].(string)
		got[loc] = msg
	}
	return got
}

func TestKameraCredentialsAreSealedToTheirCamera(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		body := ktBody("Simpang Pasar")
		body["kredensial"] = map[string]any{"pengguna": ktPengguna, "sandi": ktSandi}
		out := ktCreate(t, e, body)
		id, _ := out["id"].(string)
		if out["kredensial_tersimpan"] != true {
			t.Fatalf("kredensial_tersimpan = %v", out["kredensial_tersimpan"])
		}
		other, _ := ktCreate(t, e, ktBody("Balai Banjar"))["id"].(string)

		col := ktKredensial(t, d, bengkel, id)
		if col == "" || strings.Contains(col, ktSandi) || strings.Contains(col, ktPengguna) {
			t.Fatalf("stored credentials are not sealed: %q", col)
		}
		raw, err := e.kr.Open(col, cctv.KredensialContext(bengkel, id))
		if err != nil {
			t.Fatal(err)
		}
		var kr cctv.KameraKredensial
		if err := json.Unmarshal(raw, &kr); err != nil || kr.Pengguna != ktPengguna || kr.Sandi != ktSandi {
			t.Fatalf("opened %q (%v)", raw, err)
		}
		for _, ctx := range []string{cctv.KredensialContext(bengkel, other), cctv.KredensialContext(pandak, id)} {
			if _, err := e.kr.Open(col, ctx); err == nil {
				t.Errorf("the ciphertext opens as %s", ctx)
			}
		}

		// Blank credentials keep the stored ones; new ones replace them;
		// hapus_kredensial removes them.
		path := "/desa/" + string(bengkel) + "/cctv/" + id
		put := func(extra map[string]any) map[string]any {
			t.Helper()
			_, cur := e.api.JSON(t, http.MethodGet, path, "perbekel", nil)
			b := ktBody("Simpang Pasar")
			b["diubah"] = cur["diubah"]
			for k, v := range extra {
				b[k] = v
			}
			status, out := e.api.JSON(t, http.MethodPut, path, "perbekel", b)
			if status != http.StatusOK {
				t.Fatalf("put %v: %d %v", extra, status, out)
			}
			return out
		}
		put(map[string]any{"kredensial": map[string]any{"pengguna": "", "sandi": ""}})
		if got := ktKredensial(t, d, bengkel, id); got != col {
			t.Errorf("blank credentials changed the stored ones")
		}
		put(map[string]any{"kredensial": map[string]any{"pengguna": "admin2", "sandi": "lain-lagi"}})
		baru := ktKredensial(t, d, bengkel, id)
		if raw, err := e.kr.Open(baru, cctv.KredensialContext(bengkel, id)); err != nil || !strings.Contains(string(raw), "lain-lagi") {
			t.Errorf("new credentials: %q %v", raw, err)
		}
		out = put(map[string]any{"hapus_kredensial": true})
		if got := ktKredensial(t, d, bengkel, id); got != "" || out["kredensial_tersimpan"] != false {
			t.Errorf("after hapus_kredensial: column %q, kredensial_tersimpan %v", got, out["kredensial_tersimpan"])
		}
	})
}

func TestKameraAPINeverAnswersTheStreamOrTheCredentials(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		body := ktBody("Simpang Pasar")
		body["kredensial"] = map[string]any{"pengguna": ktPengguna, "sandi": ktSandi}
		id, _ := ktCreate(t, e, body)["id"].(string)
		base := "/desa/" + string(bengkel) + "/cctv"
		for _, user := range []string{"perbekel", "sekdes", "kasi", "camat", "opd"} {
			for _, path := range []string{base, base + "/" + id} {
				rec := e.api.Do(http.MethodGet, path, user, nil)
				if rec.Code != http.StatusOK {
					t.Fatalf("%s GET %s: %d %s", user, path, rec.Code, rec.Body)
				}
				b := rec.Body.String()
				webtest.MustNotContain(t, user+" GET "+path, b, ktSandi, ktPengguna, ktStreamKey, "stream_url", `"kredensial"`)
				webtest.MustContain(t, user+" GET "+path, b, `"kredensial_tersimpan":true`, "Simpang Pasar")
			}
		}
		// Nor the answers to writes.
		_, cur := e.api.JSON(t, http.MethodGet, base+"/"+id, "perbekel", nil)
		b := ktBody("Simpang Pasar")
		b["diubah"] = cur["diubah"]
		b["kredensial"] = map[string]any{"pengguna": ktPengguna, "sandi": ktSandi}
		rec := e.api.Do(http.MethodPut, base+"/"+id, "perbekel", b)
		if rec.Code != http.StatusOK {
			t.Fatalf("put: %d %s", rec.Code, rec.Body)
		}
		webtest.MustNotContain(t, "PUT answer", rec.Body.String(), ktSandi, ktPengguna, ktStreamKey)
	})
}

func TestKameraAPIListPagesAndFilters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		for _, n := range []string{"Kamera A", "Kamera B", "Kamera C"} {
			ktCreate(t, e, ktBody(n))
		}
		b := ktBody("Kamera D")
		b["tujuan"], b["status"] = "bencana", "nonaktif"
		ktCreate(t, e, b)
		base := "/desa/" + string(bengkel) + "/cctv"
		var names []string
		for path := base + "?limit=2"; ; {
			status, out := e.api.JSON(t, http.MethodGet, path, "kasi", nil)
			if status != http.StatusOK {
				t.Fatalf("%s: %d %v", path, status, out)
			}
			items, _ := out["items"].([]any)
			for _, x := range items {
				names = append(names, x.(map[string]any)["nama"].(string))
			}
			next, _ := out["next_cursor"].(string)
			if next == "" {
				break
			}
			path = base + "?limit=2&cursor=" + next
		}
		if strings.Join(names, ",") != "Kamera A,Kamera B,Kamera C,Kamera D" {
			t.Errorf("pages: %v", names)
		}
		for q, want := range map[string]int{"?status=nonaktif": 1, "?status=aktif": 3, "?tujuan=bencana": 1, "?tujuan=keamanan&status=aktif": 3, "?tujuan=lalu_lintas": 0} {
			_, out := e.api.JSON(t, http.MethodGet, base+q, "camat", nil)
			if items, _ := out["items"].([]any); len(items) != want {
				t.Errorf("%s: %d items, want %d", q, len(items), want)
			}
		}
		status, out := e.api.JSON(t, http.MethodGet, base+"?cursor=bukan-cursor", "kasi", nil)
		if status != http.StatusUnprocessableEntity || out["detail"] == "" {
			t.Errorf("bad cursor: %d %v", status, out)
		}
	})
}

func TestKameraAPIRefusesWithBahasaFieldErrors(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		b := ktBody("ab")
		b["pemilik"] = "swasta"
		b["stream_url"] = "rtsp://admin:" + ktSandi + "@10.0.0.5/stream"
		b["retensi_hari"] = 7
		b["lokasi_rekaman"] = ""
		b["kredensial"] = map[string]any{"pengguna": "", "sandi": ktSandi}
		rec := e.api.Do(http.MethodPost, "/desa/"+string(bengkel)+"/cctv", "perbekel", b)
		if rec.Code != http.StatusUnprocessableEntity || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
			t.Fatalf("%d %s %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
		}
		webtest.MustNotContain(t, "refusal", rec.Body.String(), ktSandi)
		var out map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &out)
		got := ktErrors(t, out)
		for _, f := range []string{"body.nama", "body.perjanjian", "body.stream_url", "body.lokasi_rekaman", "body.kredensial.pengguna"} {
			if got[f] == "" {
				t.Errorf("no error on %s: %v", f, got)
			}
		}
		if detail, _ := out["detail"].(string); !strings.Contains(detail, "Nama kamera") {
			t.Errorf("detail %q", detail)
		}
	})
}

func TestKameraNameIsUniqueInTheDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		ktCreate(t, e, ktBody("Simpang Pasar"))
		status, out := e.api.JSON(t, http.MethodPost, "/desa/"+string(bengkel)+"/cctv", "perbekel", ktBody("simpang  pasar"))
		if msg := ktErrors(t, out)["body.nama"]; status != http.StatusUnprocessableEntity || !strings.Contains(msg, "sudah punya kamera bernama") {
			t.Errorf("same name: %d %v", status, out)
		}
		// Another desa may use the name.
		status, out = e.api.JSON(t, http.MethodPost, "/desa/"+string(pandak)+"/cctv", "perbekel_pandak", ktBody("Simpang Pasar"))
		if status != http.StatusCreated {
			t.Errorf("the name at another desa: %d %v", status, out)
		}
		// Renaming onto a taken name is refused the same way.
		id, _ := ktCreate(t, e, ktBody("Balai Banjar"))["id"].(string)
		path := "/desa/" + string(bengkel) + "/cctv/" + id
		_, cur := e.api.JSON(t, http.MethodGet, path, "perbekel", nil)
		b := ktBody("SIMPANG PASAR")
		b["diubah"] = cur["diubah"]
		status, out = e.api.JSON(t, http.MethodPut, path, "perbekel", b)
		if status != http.StatusUnprocessableEntity || ktErrors(t, out)["body.nama"] == "" {
			t.Errorf("rename onto a taken name: %d %v", status, out)
		}
	})
}

func TestKameraStaleEditIsRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		out := ktCreate(t, e, ktBody("Simpang Pasar"))
		path := "/desa/" + string(bengkel) + "/cctv/" + out["id"].(string)
		b := ktBody("Simpang Pasar Utara")
		b["diubah"] = out["diubah"]
		if status, res := e.api.JSON(t, http.MethodPut, path, "sekdes", b); status != http.StatusOK {
			t.Fatalf("first edit: %d %v", status, res)
		}
		b["nama"] = "Simpang Pasar Selatan"
		status, res := e.api.JSON(t, http.MethodPut, path, "perbekel", b)
		if detail, _ := res["detail"].(string); status != http.StatusConflict || !strings.Contains(detail, "sudah diubah orang lain") {
			t.Fatalf("stale edit: %d %v", status, res)
		}
		_, cur := e.api.JSON(t, http.MethodGet, path, "perbekel", nil)
		if cur["nama"] != "Simpang Pasar Utara" {
			t.Errorf("the stale edit overwrote: %v", cur["nama"])
		}
		delete(b, "diubah")
		if status, res := e.api.JSON(t, http.MethodPut, path, "perbekel", b); status != http.StatusUnprocessableEntity {
			t.Errorf("no diubah: %d %v", status, res)
		}
	})
}

func TestKameraWritesNeedKelolaAndStayInTheirDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		out := ktCreate(t, e, ktBody("Simpang Pasar"))
		id := out["id"].(string)
		base := "/desa/" + string(bengkel) + "/cctv"
		b := ktBody("Simpang Pasar")
		b["diubah"] = out["diubah"]
		for _, user := range []string{"kasi", "camat", "opd", "kaur", "perbekel_pandak"} {
			if rec := e.api.Do(http.MethodPost, base, user, ktBody("Kamera "+user)); rec.Code != http.StatusForbidden {
				t.Errorf("%s POST: %d", user, rec.Code)
			}
			if rec := e.api.Do(http.MethodPut, base+"/"+id, user, b); rec.Code != http.StatusForbidden {
				t.Errorf("%s PUT: %d", user, rec.Code)
			}
		}
		for _, user := range []string{"perbekel_pandak", "camat_baturiti", "kaur"} {
			for _, path := range []string{base, base + "/" + id} {
				if rec := e.api.Do(http.MethodGet, path, user, nil); rec.Code != http.StatusForbidden {
					t.Errorf("%s GET %s: %d", user, path, rec.Code)
				}
			}
		}
		// Pandak's camera through Bengkel's own path: not found.
		status, res := e.api.JSON(t, http.MethodPost, "/desa/"+string(pandak)+"/cctv", "perbekel_pandak", ktBody("Kamera Pandak"))
		if status != http.StatusCreated {
			t.Fatal(status, res)
		}
		asing := res["id"].(string)
		b["diubah"] = res["diubah"]
		if rec := e.api.Do(http.MethodGet, base+"/"+asing, "perbekel", nil); rec.Code != http.StatusNotFound {
			t.Errorf("foreign camera GET: %d", rec.Code)
		}
		if rec := e.api.Do(http.MethodPut, base+"/"+asing, "perbekel", b); rec.Code != http.StatusNotFound {
			t.Errorf("foreign camera PUT: %d %s", rec.Code, rec.Body)
		}
		if rec := e.api.Do(http.MethodGet, base+"/bukan-id", "perbekel", nil); rec.Code != http.StatusNotFound {
			t.Errorf("bad id: %d", rec.Code)
		}
		_, list := e.api.JSON(t, http.MethodGet, base, "perbekel", nil)
		if items, _ := list["items"].([]any); len(items) != 1 {
			t.Errorf("Bengkel lists %d cameras", len(items))
		}
	})
}

func TestKameraWithoutKeyringRefusesCredentialsOnly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, false)
		b := ktBody("Simpang Pasar")
		b["kredensial"] = map[string]any{"pengguna": ktPengguna, "sandi": ktSandi}
		status, out := e.api.JSON(t, http.MethodPost, "/desa/"+string(bengkel)+"/cctv", "perbekel", b)
		if msg := ktErrors(t, out)["body.kredensial.pengguna"]; status != http.StatusUnprocessableEntity || !strings.Contains(msg, "kunci enkripsi") {
			t.Errorf("credentials without a keyring: %d %v", status, out)
		}
		// The page alike: the field's message, and a notice on the form.
		f := ktForm("Simpang Pasar")
		f.Set("kredensial_pengguna", ktPengguna)
		f.Set("kredensial_sandi", ktSandi)
		code, body := e.site.Page(http.MethodPost, "/desa/"+string(bengkel)+"/cctv", "perbekel", f)
		if msg := ktPageErrors(body)["kredensial_pengguna"]; code != http.StatusUnprocessableEntity || !strings.Contains(msg, "kunci enkripsi") {
			t.Errorf("page credentials without a keyring: %d %q", code, msg)
		}
		webtest.MustContain(t, "form without a keyring", body, `id="tanpa-kunci"`)
		webtest.MustNotContain(t, "form without a keyring", body, ktSandi, ktPengguna)
		delete(b, "kredensial")
		if status, out := e.api.JSON(t, http.MethodPost, "/desa/"+string(bengkel)+"/cctv", "perbekel", b); status != http.StatusCreated {
			t.Errorf("no credentials without a keyring: %d %v", status, out)
		}
	})
}

func TestKameraWritesAreAudited(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		out := ktCreate(t, e, ktBody("Simpang Pasar"))
		b := ktBody("Simpang Pasar")
		b["diubah"] = out["diubah"]
		if status, res := e.api.JSON(t, http.MethodPut, "/desa/"+string(bengkel)+"/cctv/"+out["id"].(string), "perbekel", b); status != http.StatusOK {
			t.Fatal(status, res)
		}
		got := strings.Join(e.site.Audit.Actions(), ",")
		if got != "create-cctv-kamera,update-cctv-kamera" {
			t.Errorf("audit: %s", got)
		}
	})
}
