package umkm_test

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// The wilayah page shows each role what it holds: the forum the figures
// only; the camat, the bupati and the Dinas Koperasi & UMKM also the list
// with owners masked and the XLSX; a camat of another kecamatan and a desa
// role nothing.
func TestWilayahPagePerRole(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		publikSeed(t, d)
		e := newPublik(t, d)
		masked := valid.MaskName(publikSari)

		_, body := e.site.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02.06/umkm", "camat", nil)
		// Bengkel: 28 aktif (all mikro, one with NIB: 3,57 %), 1 tutup;
		// BUMDes berkembang with 2025 as its last year.
		webtest.MustContain(t, "camat", body, "UMKM &amp; BUMDes Kediri", "Bengkel", "Pangkung Tibah", "BUM Desa Bengkel Sejahtera",
			"Berkembang", "2025", "240.000.000", "12.000.000", "Daftar UMKM", masked, "Keripik Singkong Bu Sari",
			`id="unduh-xlsx" href="/wilayah/51.02.06/umkm/unduh.xlsx"`, "hal=2#daftar")
		webtest.MustNotContain(t, "camat", body, publikSari, publikSariNIK, valid.MaskNIK(publikSariNIK), publikNIB, publikNPWP,
			"Usaha Kelurahan Terlarang", "Usaha Kecamatan Lain", "Lain Kecamatan", "Kecamatan Kediri</th>")
		if !strings.Contains(body, ">29<") || !strings.Contains(body, ">28<") {
			t.Errorf("camat: the Bengkel row or total lacks 28 aktif / 29 in the kecamatan")
		}

		_, body = e.site.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02.06/umkm?q=motor", "camat", nil)
		webtest.MustContain(t, "search", body, "Bengkel Motor Jaya")
		webtest.MustNotContain(t, "search", body, "Keripik Singkong Bu Sari</")

		_, body = e.site.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02.06/umkm?desa=51.02.06.2002", "camat", nil)
		webtest.MustContain(t, "desa filter", body, "Tenun Tetangga Asri")
		webtest.MustNotContain(t, "desa filter", body, "Usaha Nomor")

		_, body = e.site.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02/umkm", "forum", nil)
		webtest.MustContain(t, "forum", body, "BUM Desa Bengkel Sejahtera", "Kecamatan Kediri", "Kecamatan Baturiti")
		webtest.MustNotContain(t, "forum", body, "Daftar UMKM", "unduh.xlsx", masked, "Keripik Singkong Bu Sari", "Usaha Kelurahan Terlarang")

		_, body = e.site.Want(http.StatusOK, http.MethodGet, "/wilayah/51.02/umkm?desa=51.02.05.2001", "diskop", nil)
		webtest.MustContain(t, "diskop", body, "Daftar UMKM", "Usaha Kecamatan Lain", `class="subjumlah"`, "Kecamatan Kediri")
		webtest.MustNotContain(t, "diskop", body, "Usaha Kelurahan Terlarang", "I Ketut Pemilik Lain")

		for _, c := range []struct {
			user, path string
			status     int
		}{
			{"camatlain", "/wilayah/51.02.06/umkm", http.StatusForbidden},
			{"perbekel", "/wilayah/51.02.06/umkm", http.StatusForbidden},
			{"camatlain", "/wilayah/51.02.06/umkm/unduh.xlsx", http.StatusForbidden},
			{"forum", "/wilayah/51.02/umkm/unduh.xlsx", http.StatusForbidden},
			{"forum", "/desa/51.02.06.2001/umkm/unduh.xlsx", http.StatusForbidden},
			{"camat", "/wilayah/51.02.06.2001/umkm", http.StatusNotFound},
			{"camat", "/wilayah/51.02.05.2001/umkm/unduh.xlsx", http.StatusNotFound},
		} {
			resp, body := e.site.Do(http.MethodGet, c.path, c.user, nil)
			if resp.StatusCode != c.status {
				t.Errorf("%s %s: %d, want %d", c.user, c.path, resp.StatusCode, c.status)
			}
			webtest.MustNotContain(t, c.path, body, "Keripik Singkong Bu Sari", "Usaha Kecamatan Lain")
		}
		if resp, _ := e.site.Do(http.MethodGet, "/wilayah/51.02.06/umkm", "", nil); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("signed out: %d, want the sign-in redirect", resp.StatusCode)
		}
	})
}

func TestWilayahAPIFiguresPerDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		publikSeed(t, d)
		e := newPublik(t, d)
		status, got := e.api.JSON(t, http.MethodGet, "/wilayah/51.02.06/umkm", "forum", nil)
		if status != http.StatusOK {
			t.Fatalf("forum: %d %v", status, got)
		}
		desa := got["desa"].([]any)
		if len(desa) != 2 {
			t.Fatalf("desa %v, want Bengkel and Pangkung Tibah only", desa)
		}
		b := desa[0].(map[string]any)
		bd := b["bumdes"].(map[string]any)
		if b["desa"] != "51.02.06.2001" || b["umkm_aktif"] != 28.0 || b["umkm_tutup"] != 1.0 || b["mikro"] != 28.0 ||
			b["dengan_nib"] != 1.0 || b["nib_bp"] != 357.0 || bd["tahun"] != 2025.0 || bd["omzet"] != 240e6 || bd["pades"] != 12e6 {
			t.Errorf("Bengkel %v", b)
		}
		j := got["jumlah"].(map[string]any)
		if j["umkm_aktif"] != 29.0 || j["jumlah_desa"] != 2.0 || j["bumdes"] != 1.0 || j["omzet"] != 240e6 {
			t.Errorf("jumlah %v", j)
		}
		if strings.Contains(e.api.Do(http.MethodGet, "/wilayah/51.02.06/umkm", "forum", nil).Body.String(), "Sariasih") {
			t.Error("the figures name an owner")
		}

		status, got = e.api.JSON(t, http.MethodGet, "/wilayah/51.02/umkm", "diskop", nil)
		kec := got["kecamatan"].([]any)
		if status != http.StatusOK || len(kec) != 2 || kec[1].(map[string]any)["umkm_aktif"] != 29.0 {
			t.Errorf("kabupaten: %d kecamatan %v", status, kec)
		}
		for _, c := range []struct {
			user, path string
			status     int
		}{
			{"camatlain", "/wilayah/51.02.06/umkm", http.StatusForbidden},
			{"perbekel", "/wilayah/51.02.06/umkm", http.StatusForbidden},
			{"camat", "/wilayah/51.02.06.2001/umkm", http.StatusNotFound},
			{"", "/wilayah/51.02.06/umkm", http.StatusUnauthorized},
		} {
			rec := e.api.Do(http.MethodGet, c.path, c.user, nil)
			if rec.Code != c.status || strings.Contains(rec.Body.String(), "Bengkel") {
				t.Errorf("%s %s: %d %s, want %d", c.user, c.path, rec.Code, rec.Body, c.status)
			}
		}
	})
}

// The XLSX opens with its two sheets, owners masked, and every download is
// in the audit log.
func TestUnduhXLSXMasksOwnersAndIsAudited(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		publikSeed(t, d)
		e := newPublik(t, d)
		for _, c := range []struct{ user, path, desaKeripik string }{
			{"diskop", "/wilayah/51.02/umkm/unduh.xlsx", "Bengkel"},
			{"camat", "/wilayah/51.02.06/umkm/unduh.xlsx", "Bengkel"},
			{"perbekel", "/desa/51.02.06.2001/umkm/unduh.xlsx", "Bengkel"},
		} {
			before := len(e.site.Audit.Entries())
			resp, body := e.site.Do(http.MethodGet, c.path, c.user, nil)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "private, no-store" {
				t.Fatalf("%s %s: %d %q", c.user, c.path, resp.StatusCode, resp.Header.Get("Cache-Control"))
			}
			f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
			if err != nil {
				t.Fatal(err)
			}
			if got := f.GetSheetList(); !slices.Equal(got, []string{"UMKM", "BUMDes"}) {
				t.Errorf("%s: sheets %v", c.path, got)
			}
			rows, _ := f.GetRows("UMKM")
			all := ""
			var keripik []string
			for _, r := range rows {
				all += strings.Join(r, "|") + "\n"
				if len(r) > 3 && r[3] == "Keripik Singkong Bu Sari" {
					keripik = r
				}
			}
			want := []string{"51.02.06.2001", "Bengkel", "Kediri", "Keripik Singkong Bu Sari", valid.MaskName(publikSari), "Ya",
				"10794", "C Industri Pengolahan", "mikro", "3", "aktif", "1", "1"}
			if !slices.Equal(keripik, want) {
				t.Errorf("%s: keripik row %q, want %q", c.path, keripik, want)
			}
			for _, s := range []string{publikSari, publikSariNIK, publikNIB, publikNPWP, "I Ketut Pemilik Lain", "Usaha Kelurahan Terlarang"} {
				if strings.Contains(all, s) {
					t.Errorf("%s: sheet UMKM holds %q", c.path, s)
				}
			}
			if c.user == "perbekel" && (strings.Contains(all, "Tenun Tetangga Asri") || len(rows) != 30) {
				t.Errorf("desa XLSX has %d rows or another desa's business", len(rows))
			}
			if c.user == "camat" && (!strings.Contains(all, "Tenun Tetangga Asri") || strings.Contains(all, "Usaha Kecamatan Lain")) {
				t.Errorf("kecamatan XLSX rows:\n%s", all)
			}
			bs, _ := f.GetRows("BUMDes")
			if len(bs) != 3 || bs[1][3] != "BUM Desa Bengkel Sejahtera" || bs[1][9] != "2024" || bs[2][9] != "2025" ||
				bs[2][10] != "240,000,000" || bs[2][13] != "50,000,000" {
				t.Errorf("%s: BUMDes rows %q", c.path, bs)
			}
			es := e.site.Audit.Entries()[before:]
			if len(es) != 1 || es[0].Action != umkm.AksiUnduhXLSX || es[0].Object != c.path {
				t.Errorf("%s: audit %+v", c.path, es)
			}
		}
	})
}

// The demo seeds about 40 UMKM in Bengkel, some in Nyitdah and Pejaten,
// every row valid; a second run adds nothing.
func TestSeedDemoUmkmIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newPublik(t, d)
		ctx := context.Background()
		count := func() map[int64]int {
			out := map[int64]int{}
			var rows []struct {
				DesaID int64 `bun:"desa_id"`
				N      int   `bun:"n"`
			}
			err := d.Tx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
				return tx.NewSelect().Table("umkm").Column("desa_id").ColumnExpr("COUNT(*) AS n").Group("desa_id").Scan(ctx, &rows)
			})
			if err != nil && d.Engine == db.SQLite {
				t.Fatal(err)
			}
			for _, r := range rows {
				out[r.DesaID] = r.N
			}
			return out
		}
		for range 2 {
			if err := e.m.SeedDemo(ctx); err != nil {
				t.Fatal(err)
			}
		}
		r, err := e.m.Ringkasan(ctx, "51.02.06")
		if err != nil {
			t.Fatal(err)
		}
		per := map[string]umkm.UmkmRingkasanDesa{}
		for _, x := range r.Desa {
			per[x.Nama] = x
		}
		b := per["Bengkel"]
		if b.UmkmAktif+b.UmkmTutup < 38 || b.UmkmTutup < 2 || b.DenganNIB*2 < b.UmkmAktif {
			t.Errorf("Bengkel demo: %+v", b)
		}
		if d.Engine == db.SQLite {
			if n := count(); n[bengkel.ID()] != b.UmkmAktif+b.UmkmTutup || n[5102062011] != 10 || n[5102062012] != 3 {
				t.Errorf("demo rows per desa %v", n)
			}
		}
		_, body := e.site.Want(http.StatusOK, http.MethodGet, "/publik/desa/51.02.06.2001/umkm?q=endek", "", nil)
		webtest.MustContain(t, "demo catalogue", body, "Tenun Endek Sekar Jagat", "Rp 450.000")
		webtest.MustNotContain(t, "demo catalogue", body, "Suartini")
	})
}
