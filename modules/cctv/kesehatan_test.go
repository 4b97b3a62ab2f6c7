package cctv_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

const nyitdah tenancy.Kode = "51.02.06.2003" // Kediri, no camera

var namaWilayah = map[tenancy.Kode]string{
	"51.02": "Tabanan", "51.02.06": "Kediri", "51.02.05": "Baturiti",
	bengkel: "Bengkel", pandak: "Pandak Gede", nyitdah: "Nyitdah", baturiti: "Baturiti",
}

type namaPalsu struct{}

func (namaPalsu) Nama(_ context.Context, k tenancy.Kode) (string, error) { return namaWilayah[k], nil }

type desaPalsu struct{}

func (desaPalsu) DesaIn(_ context.Context, k tenancy.Kode) ([]cctv.DesaInfo, error) {
	var out []cctv.DesaInfo
	for _, d := range []tenancy.Kode{baturiti, bengkel, pandak, nyitdah} {
		if k.Contains(d) {
			out = append(out, cctv.DesaInfo{Kode: d, Nama: namaWilayah[d], NamaKecamatan: namaWilayah[d.Up(tenancy.Kecamatan)]})
		}
	}
	return out, nil
}

// kesehatanSitus is the part's pages and API with their accounts, over
// Kediri's cameras: Bengkel's Simpang Pasar down for 30 hours, its Balai
// Banjar up, Pandak's Pura Desa up, Nyitdah without a camera, and in
// Baturiti (another kecamatan) a camera down for two days.
func kesehatanSitus(t *testing.T, d *db.DB) (*webtest.Site, *webtest.API) {
	t.Helper()
	az := &webtest.Accounts{Templates: cctv.Templates(), Users: map[string]webtest.Grant{
		"perbekel":   {Role: authz.Perbekel, Kode: bengkel},
		"kaur":       {Role: authz.KaurKeuangan, Kode: bengkel},
		"camat":      {Role: authz.Camat, Kode: "51.02.06"},
		"camat-lain": {Role: authz.Camat, Kode: "51.02.05"},
		"forum":      {Role: authz.ForumPerbekel, Kode: "51.02.06"},
		"bupati":     {Role: authz.Bupati, Kode: "51.02"},
	}}
	site := webtest.NewSite(t, d, az)
	clock := func() time.Time { return now }
	m := cctv.New(cctv.Deps{DB: d, Web: site.Web, Authz: az, Grants: az, Audit: site.Audit, Names: namaPalsu{},
		Desa: desaPalsu{}, Logger: discard, Clock: clock})
	m.Routes(site.Mux)

	pasar := kamera(t, d, bengkel, "Simpang Pasar", cctv.StatusAktif)
	probes(t, m, bengkel, pasar, 48, 31, true)
	probes(t, m, bengkel, pasar, 30, 1, false)
	balai := kamera(t, d, bengkel, "Balai Banjar", cctv.StatusAktif)
	probes(t, m, bengkel, balai, 48, 1, true)
	pura := kamera(t, d, pandak, "Pura Desa", cctv.StatusAktif)
	probes(t, m, pandak, pura, 10, 1, true)
	luar := kamera(t, d, baturiti, "Pasar Baturiti", cctv.StatusAktif)
	probes(t, m, baturiti, luar, 48, 1, false)
	return site, webtest.NewAPI(m.Register, az, clock)
}

func TestStatusAPIPerRole(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, api := kesehatanSitus(t, d)

		code, body := api.JSON(t, http.MethodGet, "/wilayah/51.02.06/cctv/status", "camat", nil)
		if code != http.StatusOK {
			t.Fatalf("camat: %d %v", code, body)
		}
		desa := map[string]map[string]any{}
		for _, x := range body["desa"].([]any) {
			r := x.(map[string]any)
			desa[r["nama"].(string)] = r
		}
		if len(desa) != 3 {
			t.Errorf("desa rows %v, want Bengkel, Pandak Gede, Nyitdah", desa)
		}
		if b := desa["Bengkel"]; b["kamera"] != 2.0 || b["mati_lebih_24_jam"] != 1.0 ||
			b["uptime_24_jam"].(map[string]any)["persen_bp"] != 5000.0 {
			t.Errorf("Bengkel = %v, want 2 cameras, 1 down, 24 h 50 %%", b)
		}
		if n := desa["Nyitdah"]; n["kamera"] != 0.0 || n["uptime_24_jam"].(map[string]any)["persen_bp"] != nil {
			t.Errorf("Nyitdah = %v, want no camera and no uptime", n)
		}
		if body["kecamatan"] != nil {
			t.Errorf("kecamatan rows at kecamatan level: %v", body["kecamatan"])
		}
		items := body["mati"].(map[string]any)["items"].([]any)
		if len(items) != 1 || body["jumlah_mati"] != 1.0 {
			t.Fatalf("down list %v", body["mati"])
		}
		if x := items[0].(map[string]any); x["nama"] != "Simpang Pasar" || x["nama_desa"] != "Bengkel" || x["sejak"] != "2026-03-03T20:00:00Z" {
			t.Errorf("down camera %v", x)
		}
		raw := api.Do(http.MethodGet, "/wilayah/51.02.06/cctv/status", "camat", nil).Body.String()
		webtest.MustNotContain(t, "status", raw, "rtsp://", "10.20.0.15", "stream", "kredensial", "Pasar Baturiti")

		// The kabupaten: per kecamatan, both down cameras, paged.
		code, body = api.JSON(t, http.MethodGet, "/wilayah/51.02/cctv/status?limit=1", "bupati", nil)
		if code != http.StatusOK || len(body["kecamatan"].([]any)) != 2 || body["jumlah_mati"] != 2.0 {
			t.Fatalf("bupati: %d %v", code, body)
		}
		halaman := body["mati"].(map[string]any)
		first := halaman["items"].([]any)[0].(map[string]any)["nama"]
		next, _ := halaman["next_cursor"].(string)
		if first != "Pasar Baturiti" || next == "" {
			t.Fatalf("first page %v", halaman)
		}
		_, body = api.JSON(t, http.MethodGet, "/wilayah/51.02/cctv/status?limit=1&cursor="+url.QueryEscape(next), "bupati", nil)
		halaman = body["mati"].(map[string]any)
		if items := halaman["items"].([]any); len(items) != 1 || items[0].(map[string]any)["nama"] != "Simpang Pasar" || halaman["next_cursor"] != nil {
			t.Errorf("second page %v", halaman)
		}
		if code, _ := api.JSON(t, http.MethodGet, "/wilayah/51.02/cctv/status?cursor=bukan-cursor", "bupati", nil); code != http.StatusUnprocessableEntity {
			t.Errorf("a bad cursor: %d", code)
		}

		// A desa code answers for that desa alone.
		code, body = api.JSON(t, http.MethodGet, "/wilayah/"+string(bengkel)+"/cctv/status", "perbekel", nil)
		if code != http.StatusOK || len(body["desa"].([]any)) != 1 || body["total"].(map[string]any)["kamera"] != 2.0 {
			t.Errorf("perbekel at Bengkel: %d %v", code, body)
		}

		for _, c := range []struct {
			user, kode string
			want       int
		}{
			{"forum", "51.02.06", http.StatusOK},
			{"forum", string(bengkel), http.StatusOK},
			{"camat-lain", "51.02.06", http.StatusForbidden},
			{"camat-lain", string(bengkel), http.StatusForbidden},
			{"perbekel", "51.02.06", http.StatusForbidden},
			{"perbekel", string(pandak), http.StatusForbidden},
			{"kaur", string(bengkel), http.StatusForbidden},
			{"", "51.02.06", http.StatusUnauthorized},
			{"bupati", "51", http.StatusForbidden},
		} {
			if code, body := api.JSON(t, http.MethodGet, "/wilayah/"+c.kode+"/cctv/status", c.user, nil); code != c.want {
				t.Errorf("%s at %s: %d, want %d: %v", c.user, c.kode, code, c.want, body)
			}
		}
	})
}

func TestHealthPagesPerRole(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		site, _ := kesehatanSitus(t, d)
		halamanDesa := "/desa/" + string(bengkel) + "/cctv/kesehatan"

		_, body := site.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02.06/cctv", "camat", nil)
		webtest.MustContain(t, "camat's page", body, `id="kamera-mati"`, "Simpang Pasar", "mati sejak 04-03-2026 04.00 WITA (1 hari 6 jam)",
			`href="`+halamanDesa+`"`, "Nyitdah", "belum ada kamera", "Pandak Gede", "100,00 %", "50,00 %")
		webtest.MustNotContain(t, "camat's page", body, "Pasar Baturiti", "rtsp://", `href="/desa/`+string(nyitdah))
		if i, j := strings.Index(body, "kamera-mati"), strings.Index(body, "tabel-desa"); i < 0 || j < i {
			t.Error("the down list is not above the desa table")
		}

		_, body = site.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02/cctv", "bupati", nil)
		webtest.MustContain(t, "bupati's page", body, `id="tabel-kecamatan"`, "Baturiti", "Pasar Baturiti", "Simpang Pasar")

		_, body = site.Want(http.StatusOK, http.MethodGet, halamanDesa, "perbekel", nil)
		webtest.MustContain(t, "desa page", body, `id="kamera-mati"`, "1 kamera mati lebih dari 24 jam", "Balai Banjar",
			"Mati lebih dari 24 jam: Tidak menjawab", "<dt>Menyala 24 jam</dt><dd>100,00 %</dd>")
		webtest.MustNotContain(t, "desa page", body, "rtsp://", "Pura Desa")
		if i, j := strings.Index(body, "Simpang Pasar</h3>"), strings.Index(body, "Balai Banjar</h3>"); i < 0 || j < i {
			t.Error("the camera down for a day is not listed first")
		}

		_, body = site.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02.06/cctv", "forum", nil)
		webtest.MustContain(t, "forum's page", body, "Simpang Pasar", `href="`+halamanDesa+`"`)
		site.Want(http.StatusOK, http.MethodGet, halamanDesa, "forum", nil)

		for _, c := range []struct {
			user, path string
			want       int
		}{
			{"camat-lain", "/wilayah/51.02.06/cctv", http.StatusForbidden},
			{"camat-lain", halamanDesa, http.StatusForbidden},
			{"perbekel", "/wilayah/51.02.06/cctv", http.StatusForbidden},
			{"perbekel", "/desa/" + string(pandak) + "/cctv/kesehatan", http.StatusForbidden},
			{"kaur", halamanDesa, http.StatusForbidden},
			{"camat", "/wilayah/" + string(bengkel) + "/cctv", http.StatusNotFound},
		} {
			if code, _ := site.Page(http.MethodGet, c.path, c.user, nil); code != c.want {
				t.Errorf("%s %s: %d, want %d", c.user, c.path, code, c.want)
			}
		}
	})
}
