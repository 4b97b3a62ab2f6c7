package keuangan_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// navUsers are the kabupaten and kecamatan roles of the wilayah pages.
var navUsers = map[string]grant{
	"admin":  {authz.AdminKabupaten, "51.02"},
	"bupati": {authz.Bupati, "51.02"},
	"forum":  {authz.ForumPerbekel, "51.02"},
	"camat":  {authz.Camat, "51.02.06"},
	"kaur":   {authz.KaurKeuangan, desaA},
}

// newNavSite serves the module's pages to navUsers with real sessions, over
// the wilayah test's desa and names.
func newNavSite(t *testing.T, d *db.DB) *site {
	t.Helper()
	return newSite(t, d, navUsers, "Nama ", func(deps *keuangan.Deps) {
		deps.Desa, deps.Names = wilayahDesa{}, wilayahDesa{}
	})
}

var hrefRe = regexp.MustCompile(`href="([^"]+)"`)

func hrefs(body string) map[string]bool {
	out := map[string]bool{}
	for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
		out[strings.ReplaceAll(m[1], "&amp;", "&")] = true
	}
	return out
}

// Every role reaches the wilayah's keuangan pages it may open from the
// table, sees no link to one it may not, and each page leads back.
func TestNavigasiWilayahTableLinksEachPageToWhomItOpens(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		seedWilayah(t, d)
		s := newNavSite(t, d)
		const (
			aturan    = "/wilayah/51.02/keuangan/aturan/2026"
			tahap     = "/wilayah/51.02/keuangan/aturan-tahap-dana-desa?tahun=2026"
			referensi = "/wilayah/51.02/keuangan/referensi"
			antrean   = "/wilayah/51.02.06/keuangan/evaluasi?tahun=2026"
			rapbdes   = "/wilayah/51.02.06/keuangan/evaluasi?tahun=2027"
		)
		for _, c := range []struct {
			user, tabel string
			want, not   []string
		}{
			{"admin", "/wilayah/51.02/keuangan/2026", []string{aturan, tahap, referensi}, nil},
			{"bupati", "/wilayah/51.02/keuangan/2026", []string{tahap, referensi}, []string{aturan}},
			{"forum", "/wilayah/51.02/keuangan/2026", []string{tahap}, []string{aturan, referensi}},
			{"camat", "/wilayah/51.02.06/keuangan/2026", []string{antrean, rapbdes}, []string{aturan, tahap, referensi}},
		} {
			_, body := s.want(200, http.MethodGet, c.tabel, c.user, nil)
			links := hrefs(body)
			for _, h := range c.want {
				if !links[h] {
					t.Errorf("%s's table %s does not link %s", c.user, c.tabel, h)
					continue
				}
				_, page := s.want(200, http.MethodGet, h, c.user, nil)
				base := strings.TrimSuffix(c.tabel, "/2026")
				if back := hrefs(page); !back[c.tabel] && !back[base] && !back[base+"/2027"] {
					t.Errorf("%s (as %s) does not link back to the table %s", h, c.user, c.tabel)
				}
			}
			for _, h := range c.not {
				if links[h] {
					t.Errorf("%s's table links %s, which it may not open", c.user, h)
				}
			}
		}
		// The forum's DD tahap rules page has no form; the admin's has.
		_, body := s.want(200, http.MethodGet, tahap, "forum", nil)
		if strings.Contains(body, `id="form-tahap"`) {
			t.Error("the forum sees the DD tahap form")
		}
	})
}

// The Dana Desa tahap rules page: the national default shown, the
// kabupaten admin's form with errors at their fields, the rules the desa
// follow changed, and back to the national rules.
func TestDanaDesaAturanTahapPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newNavSite(t, d)
		page := "/wilayah/51.02/keuangan/aturan-tahap-dana-desa"
		q := "?tahun=2026"

		_, body := s.want(200, http.MethodGet, page+q, "admin", nil)
		mustContain(t, "the admin's page", body, "Aturan tahap Dana Desa 2026", "berlaku aturan nasional bawaan", `id="tahap-berlaku"`,
			"paling sedikit 50 %", `id="form-tahap"`, `name="t1_persen_bp"`, `value="40"`)
		if strings.Contains(body, `id="form-nasional"`) {
			t.Error("the national rules in force offer to go back to themselves")
		}
		_, body = s.want(200, http.MethodGet, page+q, "bupati", nil)
		if !strings.Contains(body, `id="tahap-berlaku"`) || strings.Contains(body, `id="form-tahap"`) {
			t.Error("the bupati reads the rules without a form")
		}
		s.want(403, http.MethodGet, page+q, "camat", nil)
		s.want(403, http.MethodGet, page+q, "kaur", nil)
		s.want(404, http.MethodGet, "/wilayah/51.02.06/keuangan/aturan-tahap-dana-desa", "camat", nil)
		s.want(404, http.MethodGet, page+"?tahun=19", "admin", nil)

		form := func(rows ...[4]string) url.Values {
			v := url.Values{}
			for i, r := range rows {
				n := "t" + string(rune('1'+i)) + "_"
				v.Set(n+"persen_bp", r[0])
				v.Set(n+"syarat_realisasi_bp", r[1])
				v.Set(n+"syarat_output_bp", r[2])
				v.Set(n+"sumber", r[3])
			}
			return v
		}
		s.want(403, http.MethodPost, page+q, "bupati", form([4]string{"100", "", "", "Perbup"}))

		// A percent that is none, at its field, the typed value kept.
		_, body = s.want(422, http.MethodPost, page+q, "admin", form([4]string{"60", "", "", "Perbup Tabanan 2026"}, [4]string{"empat puluh", "50", "", "Perbup Tabanan 2026"}))
		mustContain(t, "a word for a percent", body, `id="tahap-t2_persen_bp-galat"`, "ditulis dalam persen", `value="empat puluh"`)
		// Shares that are not 100 %, and a tahap without its source.
		_, body = s.want(422, http.MethodPost, page+q, "admin", form([4]string{"60", "", "", "Perbup Tabanan 2026"}, [4]string{"30", "50", "35", ""}))
		mustContain(t, "sums and sources", body, "berjumlah 100% (10000 basis poin), bukan 90,00%", `id="tahap-t2_sumber-galat"`, `value="30"`)
		if rows, _ := s.m.AturanTahap(tenancy.With(context.Background(), tenancy.Tenant{Kode: desaA}), 2026); len(rows) != 3 || rows[0].Persen != 4000 {
			t.Fatalf("a refused form changed the rules: %+v", rows)
		}

		// Two tahap of the kabupaten's own.
		loc, _ := s.want(303, http.MethodPost, page+q, "admin", form([4]string{"60", "", "", "Perbup Tabanan 12/2026"}, [4]string{"40", "50", "12,5", "Perbup Tabanan 12/2026"}))
		if loc != page+q+"&pesan=simpan" {
			t.Errorf("after saving: %s", loc)
		}
		if acts := s.audit.actions(); !slices.Contains(acts, web.PageAction("POST /wilayah/{kode}/keuangan/aturan-tahap-dana-desa")) {
			t.Errorf("saving the rules is not audited: %v", acts)
		}
		rows, err := s.m.AturanTahap(tenancy.With(context.Background(), tenancy.Tenant{Kode: desaA}), 2026)
		if err != nil || len(rows) != 2 || rows[0].Persen != 6000 || rows[1].SyaratOutput != 1250 || rows[1].Wilayah != "51.02" {
			t.Fatalf("the desa's rules after saving: %+v %v", rows, err)
		}
		_, body = s.want(200, http.MethodGet, loc, "admin", nil)
		mustContain(t, "own rules", body, "disimpan", "menetapkan aturannya sendiri", `id="tahap-nasional"`, "60 %", "paling sedikit 12,5 %", `id="form-nasional"`)

		// Back to the national rules, once confirmed.
		_, body = s.want(422, http.MethodPost, page+"/nasional"+q, "admin", url.Values{})
		mustContain(t, "unconfirmed", body, `id="nasional-yakin-galat"`)
		s.want(303, http.MethodPost, page+"/nasional"+q, "admin", url.Values{"yakin": {"ya"}})
		if rows, _ := s.m.AturanTahap(tenancy.With(context.Background(), tenancy.Tenant{Kode: desaA}), 2026); len(rows) != 3 || rows[0].Wilayah != "" {
			t.Errorf("after going back: %+v", rows)
		}
		s.want(403, http.MethodPost, page+"/nasional"+q, "forum", url.Values{"yakin": {"ya"}})

		// A year without national rules says so.
		_, body = s.want(200, http.MethodGet, page+"?tahun=2030", "admin", nil)
		mustContain(t, "a year without rules", body, "Belum ada aturan tahap Dana Desa untuk tahun 2030")
	})
}

// The desa's pages lead on: the index names each year's status and its
// pages once in force, the APBDes set by Perdes links its public page, and
// a submitted one links the evaluation for the camat only.
func TestNavigasiDesaIndexAndAPBDesLinks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newAPBDesSite(t, d)
		sd := seeder{t, d}
		sd.apbdes(bengkel, 2026, keuangan.VersiMurni, keuangan.StatusDitetapkan, "")
		sd.apbdes(bengkel, 2027, keuangan.VersiMurni, keuangan.StatusDiajukan, "")
		base := "/desa/" + string(bengkel) + "/keuangan"

		_, body := s.want(200, http.MethodGet, base, "kaur", nil)
		links := hrefs(body)
		for _, h := range []string{base + "/2026/apbdes", base + "/2026/realisasi", base + "/2026/bku", base + "/2026/laporan", base + "/2027/apbdes"} {
			if !links[h] {
				t.Errorf("the index does not link %s", h)
			}
		}
		if links[base+"/2027/realisasi"] {
			t.Error("the index links realisasi of a year with no APBDes in force")
		}
		mustContain(t, "the index", body, "Murni: ditetapkan dengan Perdes", "Murni: diajukan ke camat")

		_, body = s.want(200, http.MethodGet, base+"/2026/apbdes", "kaur", nil)
		if !hrefs(body)["/publik/desa/"+string(bengkel)+"/apbdes/2026"] || !strings.Contains(body, "Lihat halaman publik / baliho") {
			t.Error("the APBDes set by Perdes does not link its public page")
		}
		_, body = s.want(200, http.MethodGet, base+"/2027/apbdes", "camat", nil)
		if !hrefs(body)[base+"/2027/evaluasi"] || !strings.Contains(body, `id="link-evaluasi"`) {
			t.Error("the camat's view of a submitted APBDes does not link the evaluation")
		}
		if strings.Contains(body, `id="link-publik"`) {
			t.Error("a submitted APBDes links a public page")
		}
		_, body = s.want(200, http.MethodGet, base+"/2027/apbdes", "kaur", nil)
		if strings.Contains(body, `id="link-evaluasi"`) {
			t.Error("the kaur is offered the camat's evaluation")
		}
	})
}
