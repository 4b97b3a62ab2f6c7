package cctv_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// ktForm is a valid camera as the form posts it.
func ktForm(nama string) url.Values {
	return url.Values{
		"nama": {nama}, "dusun": {"Banjar Tegal"}, "lintang": {"-8,5401"}, "bujur": {"115.1234"},
		"pantauan": {"Simpang jalan menuju pasar"}, "tujuan": {"keamanan"}, "pemilik": {"desa_dinas"},
		"perjanjian": {""}, "kegiatan_kode": {"01.01.02"}, "tahun_anggaran": {"2025"}, "harga": {"3.500.000"},
		"tanggal_pasang": {"2025-06-01"}, "retensi_hari": {"14"}, "lokasi_rekaman": {"NVR kantor desa"},
		"stream_url": {ktStreamURL}, "status": {"aktif"}, "kredensial_pengguna": {""}, "kredensial_sandi": {""},
	}
}

var ktGalat = regexp.MustCompile(`<p class="galat-isian" id="kamera-([a-z_]+)-galat"><span class="tersembunyi">Galat: </span>([^<]*)</p>`)

// ktPageErrors are the field messages a refused form shows.
func ktPageErrors(body string) map[string]string {
	got := map[string]string{}
	for _, m := range ktGalat.FindAllStringSubmatch(body, -1) {
		got[m[1]] = html.UnescapeString(m[2])
	}
	return got
}

// ktSentence is an API message as a page prints it.
func ktSentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func TestKameraPageAndAPIRefuseAlike(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		b := ktBody("ab")
		f := ktForm("ab")
		set := func(k string, api any, form string) { b[k] = api; f.Set(k, form) }
		set("lintang", "utara", "utara")
		set("pemilik", "swasta", "swasta")
		set("kegiatan_kode", "1.2", "1.2")
		set("tahun_anggaran", 0, "")
		set("tanggal_pasang", "2030-01-01", "2030-01-01")
		set("retensi_hari", 7, "7")
		set("lokasi_rekaman", "", "")
		set("stream_url", "rtsp://admin:"+ktSandi+"@10.0.0.5/stream", "rtsp://admin:"+ktSandi+"@10.0.0.5/stream")
		b["kredensial"] = map[string]any{"pengguna": "", "sandi": ktSandi}
		f.Set("kredensial_sandi", ktSandi)

		status, out := e.api.JSON(t, http.MethodPost, "/desa/"+string(bengkel)+"/cctv", "perbekel", b)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("API: %d %v", status, out)
		}
		api := map[string]string{}
		for loc, msg := range ktErrors(t, out) {
			api[strings.Replace(strings.TrimPrefix(loc, "body."), "kredensial.", "kredensial_", 1)] = ktSentence(msg)
		}
		code, body := e.site.Page(http.MethodPost, "/desa/"+string(bengkel)+"/cctv", "perbekel", f)
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("page: %d %.300s", code, body)
		}
		page := ktPageErrors(body)
		if len(api) < 8 {
			t.Errorf("API names only %d fields: %v", len(api), api)
		}
		for field, msg := range api {
			if page[field] != msg {
				t.Errorf("%s: API %q, page %q", field, msg, page[field])
			}
		}
		for field := range page {
			if _, ok := api[field]; !ok {
				t.Errorf("%s: only the page refuses it (%q)", field, page[field])
			}
		}
		// The refused form keeps what was typed, never the password.
		webtest.MustContain(t, "refused form", body, `value="ab"`, "rtsp://10.0.0.5/stream", "ketik-ulang")
		webtest.MustNotContain(t, "refused form", body, ktSandi)

		// What only a page can get wrong (a number it cannot read) is
		// named with every other field at fault.
		f = ktForm("ab")
		f.Set("harga", "tiga juta")
		code, body = e.site.Page(http.MethodPost, "/desa/"+string(bengkel)+"/cctv", "perbekel", f)
		page = ktPageErrors(body)
		if code != http.StatusUnprocessableEntity || page["harga"] == "" || page["nama"] == "" {
			t.Errorf("unreadable price: %d %v", code, page)
		}
	})
}

// ktPost posts a form as user and returns where it redirected.
func ktPost(t *testing.T, e *ktEnv, path, user string, f url.Values) string {
	t.Helper()
	loc, _ := e.site.Want(http.StatusSeeOther, http.MethodPost, path, user, f)
	return loc
}

func TestKameraPagesNeverShowTheCredentialsAndShowTheStreamOnlyToItsEditors(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		base := "/desa/" + string(bengkel) + "/cctv"
		f := ktForm("Simpang Pasar")
		f.Set("kredensial_pengguna", ktPengguna)
		f.Set("kredensial_sandi", ktSandi)
		loc := ktPost(t, e, base, "perbekel", f)
		if !strings.HasPrefix(loc, base+"/") || !strings.HasSuffix(loc, "?pesan=baru") {
			t.Fatalf("after saving: %s", loc)
		}
		href := strings.TrimSuffix(loc, "?pesan=baru")
		id := strings.TrimPrefix(href, base+"/")
		if col := ktKredensial(t, d, bengkel, id); col == "" || strings.Contains(col, ktSandi) {
			t.Fatalf("the page stored %q", col)
		}

		_, detail := e.site.Want(http.StatusOK, http.MethodGet, loc, "perbekel", nil)
		webtest.MustContain(t, "camera page", detail, "Kamera sudah dicatat.", "Tersimpan (terenkripsi)", `href="`+href+`/ubah"`)
		_, ubah := e.site.Want(http.StatusOK, http.MethodGet, href+"/ubah", "perbekel", nil)
		webtest.MustContain(t, "edit form", ubah, ktStreamKey, "Kredensial tersimpan (terenkripsi).", `name="hapus_kredensial"`,
			`name="kredensial_sandi" type="password" autocomplete="off"`)
		for _, user := range []string{"perbekel", "sekdes", "kasi", "camat", "opd"} {
			for _, path := range []string{base, href, href + "/ubah", base + "/baru"} {
				resp, body := e.site.Do(http.MethodGet, path, user, nil)
				webtest.MustNotContain(t, user+" "+path, body, ktSandi, ktPengguna)
				if path == href+"/ubah" && resp.StatusCode == http.StatusOK {
					continue // the edit form is where an editor sees the stream
				}
				webtest.MustNotContain(t, user+" "+path, body, ktStreamKey)
			}
		}
		for _, user := range []string{"kasi", "camat", "opd"} {
			_, list := e.site.Want(http.StatusOK, http.MethodGet, base, user, nil)
			webtest.MustContain(t, user+" list", list, "Simpang Pasar", "Banjar Tegal", "Keamanan", "Desa dinas")
			webtest.MustNotContain(t, user+" list", list, "Tambah kamera", base+"/baru")
			_, page := e.site.Want(http.StatusOK, http.MethodGet, href, user, nil)
			webtest.MustNotContain(t, user+" camera", page, href+"/ubah", ">Ubah<")
			for _, path := range []string{href + "/ubah", base + "/baru"} {
				e.site.Want(http.StatusForbidden, http.MethodGet, path, user, nil)
			}
			e.site.Want(http.StatusForbidden, http.MethodPost, base, user, ktForm("Kamera "+user))
			e.site.Want(http.StatusForbidden, http.MethodPost, href, user, ktForm("Kamera "+user))
		}
		_, list := e.site.Want(http.StatusOK, http.MethodGet, base, "perbekel", nil)
		webtest.MustContain(t, "perbekel list", list, "Tambah kamera", `href="`+base+`/baru"`)
	})
}

func TestKameraEditFormKeepsReplacesOrRemovesCredentials(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		base := "/desa/" + string(bengkel) + "/cctv"
		f := ktForm("Simpang Pasar")
		f.Set("kredensial_pengguna", ktPengguna)
		f.Set("kredensial_sandi", ktSandi)
		href := strings.TrimSuffix(ktPost(t, e, base, "perbekel", f), "?pesan=baru")
		id := strings.TrimPrefix(href, base+"/")
		col := ktKredensial(t, d, bengkel, id)

		diubah := regexp.MustCompile(`name="diubah" value="([^"]+)"`)
		edit := func(change func(url.Values)) url.Values {
			t.Helper()
			_, form := e.site.Want(http.StatusOK, http.MethodGet, href+"/ubah", "perbekel", nil)
			m := diubah.FindStringSubmatch(form)
			if m == nil {
				t.Fatal("the edit form has no diubah")
			}
			v := ktForm("Simpang Pasar")
			v.Set("diubah", html.UnescapeString(m[1]))
			change(v)
			return v
		}
		v := edit(func(v url.Values) { v.Set("pantauan", "Simpang dan parkir pasar") })
		if loc := ktPost(t, e, href, "perbekel", v); loc != href+"?pesan=ubah" {
			t.Fatalf("edit: %s", loc)
		}
		if ktKredensial(t, d, bengkel, id) != col {
			t.Error("blank credential fields changed the stored ones")
		}
		// The same form again is stale.
		code, body := e.site.Page(http.MethodPost, href, "perbekel", v)
		if code != http.StatusConflict || !strings.Contains(body, "sudah diubah orang lain") {
			t.Errorf("stale form: %d %.300s", code, body)
		}
		// Both removing and replacing is one too many.
		v = edit(func(v url.Values) {
			v.Set("hapus_kredensial", "1")
			v.Set("kredensial_sandi", "baru")
		})
		code, body = e.site.Page(http.MethodPost, href, "perbekel", v)
		if code != http.StatusUnprocessableEntity || ktPageErrors(body)["hapus_kredensial"] == "" {
			t.Errorf("remove and replace: %d %v", code, ktPageErrors(body))
		}
		v = edit(func(v url.Values) { v.Set("hapus_kredensial", "1") })
		ktPost(t, e, href, "perbekel", v)
		if got := ktKredensial(t, d, bengkel, id); got != "" {
			t.Errorf("after removing: %q", got)
		}
		_, form := e.site.Want(http.StatusOK, http.MethodGet, href+"/ubah", "perbekel", nil)
		webtest.MustNotContain(t, "edit form without credentials", form, "Kredensial tersimpan", `name="hapus_kredensial"`)
		v = edit(func(v url.Values) { v.Set("status", "nonaktif") })
		ktPost(t, e, href, "perbekel", v)
		_, page := e.site.Want(http.StatusOK, http.MethodGet, href, "kasi", nil)
		webtest.MustContain(t, "deactivated camera", page, "Nonaktif (tidak diperiksa)")
		got := strings.Join(e.site.Audit.Actions(), ",")
		want := "web:POST /desa/{kode}/cctv,web:POST /desa/{kode}/cctv/{id},web:POST /desa/{kode}/cctv/{id},web:POST /desa/{kode}/cctv/{id}"
		if got != want {
			t.Errorf("audit: %s", got)
		}
	})
}

func TestKameraPagesStayInTheirDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		base := "/desa/" + string(bengkel) + "/cctv"
		own := strings.TrimSuffix(ktPost(t, e, base, "perbekel", ktForm("Simpang Pasar")), "?pesan=baru")
		asing := strings.TrimSuffix(ktPost(t, e, "/desa/"+string(pandak)+"/cctv", "perbekel_pandak", ktForm("Kamera Pandak")), "?pesan=baru")
		asingID := asing[strings.LastIndex(asing, "/")+1:]
		for _, user := range []string{"perbekel_pandak", "camat_baturiti", "kaur"} {
			for _, path := range []string{base, own} {
				e.site.Want(http.StatusForbidden, http.MethodGet, path, user, nil)
			}
		}
		for _, path := range []string{base + "/" + asingID, base + "/" + asingID + "/ubah"} {
			e.site.Want(http.StatusNotFound, http.MethodGet, path, "perbekel", nil)
		}
		e.site.Want(http.StatusNotFound, http.MethodPost, base+"/"+asingID, "perbekel", ktForm("Kamera Pandak"))
		e.site.Want(http.StatusNotFound, http.MethodGet, base+"/bukan-id", "perbekel", nil)
		_, list := e.site.Want(http.StatusOK, http.MethodGet, base, "camat", nil)
		webtest.MustNotContain(t, "Bengkel's list", list, "Kamera Pandak")
	})
}

func TestKameraLandingPageShowsHealthPagesAndFilters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		base := "/desa/" + string(bengkel) + "/cctv"
		_, body := e.site.Want(http.StatusOK, http.MethodGet, base, "perbekel", nil)
		webtest.MustContain(t, "empty registry", body, "Belum ada kamera CCTV tercatat di desa ini.", "Tambah kamera")
		_, body = e.site.Want(http.StatusOK, http.MethodGet, base, "kasi", nil)
		webtest.MustContain(t, "empty registry for kasi", body, "Belum ada kamera CCTV tercatat di desa ini.")
		webtest.MustNotContain(t, "empty registry for kasi", body, "Tambah kamera")

		ids := map[string]string{}
		for i := 1; i <= 55; i++ {
			nama := fmt.Sprintf("Kamera %02d", i)
			status := cctv.StatusAktif
			if i == 55 {
				status = cctv.StatusNonaktif
			}
			ids[nama] = kamera(t, d, bengkel, nama, status)
		}
		probes(t, e.m, bengkel, ids["Kamera 01"], 30, 1, true)
		probes(t, e.m, bengkel, ids["Kamera 03"], 40, 31, true)
		probes(t, e.m, bengkel, ids["Kamera 03"], 30, 1, false)

		_, body = e.site.Want(http.StatusOK, http.MethodGet, base, "camat", nil)
		webtest.MustContain(t, "first page", body, "55 tercatat · 54 aktif · 1 nonaktif", "Kamera 01", "Kamera 50",
			`id="kamera-mati"`, "1 kamera mati lebih dari 24 jam", base+"/"+ids["Kamera 03"], "sudah 1 hari", "mati &gt; 24 jam",
			"100,00 %", "Halaman berikutnya")
		webtest.MustNotContain(t, "first page", body, "Kamera 51")
		next := regexp.MustCompile(`id="kamera-lanjut" href="([^"]+)"`).FindStringSubmatch(body)
		if next == nil {
			t.Fatal("no next page link")
		}
		_, body = e.site.Want(http.StatusOK, http.MethodGet, html.UnescapeString(next[1]), "camat", nil)
		webtest.MustContain(t, "second page", body, "Kamera 51", "Kamera 55", "Halaman pertama")
		webtest.MustNotContain(t, "second page", body, "Kamera 50<", "Halaman berikutnya")

		_, body = e.site.Want(http.StatusOK, http.MethodGet, base+"?status=nonaktif", "kasi", nil)
		webtest.MustContain(t, "nonaktif only", body, "Kamera 55")
		webtest.MustNotContain(t, "nonaktif only", body, "Kamera 01<")
		_, body = e.site.Want(http.StatusOK, http.MethodGet, base+"?tujuan=bencana", "kasi", nil)
		webtest.MustContain(t, "no bencana camera", body, "Tidak ada kamera yang cocok dengan saringan ini.")
		_, body = e.site.Want(http.StatusOK, http.MethodGet, base+"?status=rusak&cursor=xyz", "kasi", nil)
		webtest.MustContain(t, "unknown filter", body, "Kamera 01", "Kamera 50")

		_, body = e.site.Want(http.StatusOK, http.MethodGet, base+"/"+ids["Kamera 03"], "opd", nil)
		webtest.MustContain(t, "a camera down", body, "Kamera mati sejak 4 Maret 2026 pukul 04.00 WITA", "sudah 1 hari",
			"Terakhir menyala 4 Maret 2026 pukul 03.00 WITA", "Uptime 24 jam</dt><dd>0,00 %", "Uptime 7 hari</dt><dd>25,00 %")
		_, body = e.site.Want(http.StatusOK, http.MethodGet, base+"/"+ids["Kamera 02"], "opd", nil)
		webtest.MustContain(t, "a camera never probed", body, "Uptime 24 jam</dt><dd>–", "Belum ada hasil pemeriksaan")
		webtest.MustNotContain(t, "a camera never probed", body, "Kamera mati sejak")
	})
}

func TestKameraPageShowsTheRegistryAndTheLiveLinkOnlyWhenWired(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := ktSetup(t, d, true)
		base := "/desa/" + string(bengkel) + "/cctv"
		f := ktForm("Simpang Pasar")
		f.Set("pemilik", "swasta")
		f.Set("perjanjian", "Perjanjian 12/2025 dengan Toko Sari: pemakaian kamera tanpa biaya")
		href := strings.TrimSuffix(ktPost(t, e, base, "perbekel", f), "?pesan=baru")
		lihat := href + "/lihat"
		_, body := e.site.Want(http.StatusOK, http.MethodGet, href, "camat", nil)
		webtest.MustContain(t, "camera page", body, "Banjar Tegal", "-8.5401, 115.1234",
			`href="https://www.openstreetmap.org/?mlat=-8.5401&amp;mlon=115.1234#map=18/-8.5401/115.1234"`,
			"Simpang jalan menuju pasar", "Keamanan", "Swasta (dengan perjanjian)", "Perjanjian 12/2025 dengan Toko Sari",
			"Kegiatan 01.01.02, APBDes 2025", "Rp 3.500.000", "1 Juni 2025", "Disimpan 14 hari di NVR kantor desa")
		if pattern, ok := e.site.Web.Pattern(http.MethodGet, lihat); !ok || pattern != "GET /desa/{kode}/cctv/{id}/lihat" {
			webtest.MustNotContain(t, "no live link page", body, "Tautan langsung")
			// The part that opens live links is not wired here: stand one in.
			e.site.Web.HandleDesa(e.site.Mux, "GET /desa/{kode}/cctv/{id}/lihat", cctv.PermLihat, func(w http.ResponseWriter, r *http.Request) {})
		}
		_, body = e.site.Want(http.StatusOK, http.MethodGet, href, "perbekel", nil)
		webtest.MustContain(t, "live link for perbekel", body, `href="`+lihat+`"`, "Tautan langsung")
		_, body = e.site.Want(http.StatusOK, http.MethodGet, href, "kasi", nil)
		webtest.MustNotContain(t, "live link for kasi", body, "Tautan langsung")
	})
}

// Tabs of parts not wired are not offered even though the camera page's
// {id} would match their path.
func TestKameraTabsOfferOnlyWiredPages(t *testing.T) {
	e := ktSetup(t, dbtest.SQLite(t), true)
	_, body := e.site.Want(http.StatusOK, http.MethodGet, "/desa/"+string(bengkel)+"/cctv", "perbekel", nil)
	for _, tab := range []string{"/kesehatan", "/lihat"} {
		href := "/desa/" + string(bengkel) + "/cctv" + tab
		if pattern, ok := e.site.Web.Pattern(http.MethodGet, href); ok && pattern == "GET /desa/{kode}/cctv/{id}" {
			webtest.MustNotContain(t, "tabs", body, `href="`+href+`"`)
		}
	}
}
