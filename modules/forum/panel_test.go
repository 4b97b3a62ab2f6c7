package forum_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/ngantor/ngantor/modules/forum"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// The panel's fixture: a kabupaten of two kecamatan — A with four desa,
// B with two —, fake providers (the consumer interface is ours; the real
// ones are wired and tested in cmd/ngantor) and a clock in 2026.

const (
	kab  tenancy.Kode = "51.02"
	kecA tenancy.Kode = "51.02.06"
	kecB tenancy.Kode = "51.02.07"
)

var (
	a1 = tenancy.Kode("51.02.06.2001")
	a2 = tenancy.Kode("51.02.06.2002")
	a3 = tenancy.Kode("51.02.06.2003")
	a4 = tenancy.Kode("51.02.06.2004")
	b1 = tenancy.Kode("51.02.07.2001")
	b2 = tenancy.Kode("51.02.07.2002")

	permPenduduk = authz.Permission{Object: "profil", Action: "agregat"}
	permSampah   = authz.Permission{Object: "sampah", Action: "capaian"}
	permRahasia  = authz.Permission{Object: "rahasia", Action: "baca"}
)

type regions struct{ desa []forum.Desa }

func (r regions) Exists(_ context.Context, k tenancy.Kode) error { return nil }
func (r regions) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	return map[tenancy.Kode]string{kab: "Kabupaten Uji", kecA: "Kecamatan A", kecB: "Kecamatan B"}[k], nil
}
func (r regions) DesaIn(_ context.Context, k tenancy.Kode) ([]forum.Desa, error) {
	var out []forum.Desa
	for _, d := range r.desa {
		if k.Contains(d.Kode) {
			out = append(out, d)
		}
	}
	return out, nil
}
func (r regions) KabupatenDimuat(context.Context) ([]tenancy.Kode, error) {
	return []tenancy.Kode{kab}, nil
}

// provider answers from values per year (the period's end year).
type provider struct {
	mu   sync.Mutex
	defs []indicator.Definition
	vals map[int][]indicator.Value
	fail error
}

func (p *provider) Definitions() []indicator.Definition { return p.defs }

func (p *provider) Indicators(_ context.Context, w tenancy.Kode, period indicator.Period, codes []string) ([]indicator.Value, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail != nil {
		return nil, p.fail
	}
	var out []indicator.Value
	for _, v := range p.vals[period.To.Year()] {
		if w.Contains(v.Desa) && indicator.Wants(codes, v.Code) {
			out = append(out, v)
		}
	}
	return out, nil
}

type env struct {
	m      *forum.Module
	d      *db.DB
	api    *webtest.API
	site   *webtest.Site
	sampah *provider
}

func setup(t testing.TB, d *db.DB) *env {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC) }
	tpl := forum.Templates()
	for _, r := range []authz.Role{authz.ForumPerbekel, authz.Bupati, authz.AdminKabupaten, authz.Camat} {
		tpl[r] = append(slices.Clone(tpl[r]), permPenduduk, permSampah)
	}
	tpl[authz.Bupati] = append(tpl[authz.Bupati], permRahasia)
	az := &webtest.Accounts{Templates: tpl, Users: map[string]webtest.Grant{
		"forum":    {Role: authz.ForumPerbekel, Kode: kab},
		"forum-a":  {Role: authz.ForumPerbekel, Kode: kecA},
		"bupati":   {Role: authz.Bupati, Kode: kab},
		"admin":    {Role: authz.AdminKabupaten, Kode: kab},
		"camat":    {Role: authz.Camat, Kode: kecA},
		"perbekel": {Role: authz.Perbekel, Kode: a1},
	}}
	site := webtest.NewSite(t, d, az)
	reg := regions{desa: []forum.Desa{
		{Kode: a1, Nama: "Satu", NamaKecamatan: "A"}, {Kode: a2, Nama: "Dua", NamaKecamatan: "A"},
		{Kode: a3, Nama: "Tiga", NamaKecamatan: "A"}, {Kode: a4, Nama: "Empat", NamaKecamatan: "A"},
		{Kode: b1, Nama: "Lima", NamaKecamatan: "B"}, {Kode: b2, Nama: "Enam", NamaKecamatan: "B"},
	}}
	v := func(desa tenancy.Kode, src, code string, n int64) indicator.Value {
		return indicator.Value{Desa: desa, Source: src, Code: code, Number: n}
	}
	admin := &provider{
		defs: []indicator.Definition{
			{Source: "administration", Code: "penduduk", Nama: "Penduduk", Satuan: "jiwa", Kind: indicator.Count, HigherIsBetter: true, Kini: true, Permission: permPenduduk},
			{Source: "administration", Code: "kepala_desa", Nama: "Kepala desa", Kind: indicator.Text, Permission: permPenduduk, Personal: true},
			{Source: "administration", Code: "rahasia", Nama: "Angka rahasia", Kind: indicator.Count, Permission: permRahasia},
		},
		vals: map[int][]indicator.Value{2025: {v(a1, "administration", "penduduk", 999)}, 2026: {
			v(a1, "administration", "penduduk", 1000), v(a2, "administration", "penduduk", 2000), v(a3, "administration", "penduduk", 3000),
			v(a4, "administration", "penduduk", 4000), v(b1, "administration", "penduduk", 5000), v(b2, "administration", "penduduk", 6000),
			{Desa: a1, Source: "administration", Code: "kepala_desa", Text: "I Made Rahasia"},
			v(a1, "administration", "rahasia", 7),
		}},
	}
	// Pengurangan sampah in bp: 2026 a1 50 %, a2 30 %, a3 30 %, a4 10 %, b1 80 %; b2 none.
	sampah := &provider{
		defs: []indicator.Definition{
			{Source: "sampah", Code: "pengurangan", Nama: "Pengurangan sampah", Satuan: "bp (1/100 %)", Kind: indicator.Count, HigherIsBetter: true, Permission: permSampah},
			{Source: "sampah", Code: "terlambat", Nama: "Setoran terlambat", Satuan: "setoran", Kind: indicator.Count, Permission: permSampah},
		},
		vals: map[int][]indicator.Value{
			2026: {v(a1, "sampah", "pengurangan", 5000), v(a2, "sampah", "pengurangan", 3000), v(a3, "sampah", "pengurangan", 3000),
				v(a4, "sampah", "pengurangan", 1000), v(b1, "sampah", "pengurangan", 8000),
				v(a1, "sampah", "terlambat", 4), v(a2, "sampah", "terlambat", 0), v(a3, "sampah", "terlambat", 1),
				v(a4, "sampah", "terlambat", 2), v(b1, "sampah", "terlambat", 3), v(b2, "sampah", "terlambat", 9)},
			2025: {v(a1, "sampah", "pengurangan", 6000), v(a2, "sampah", "pengurangan", 1000), v(a3, "sampah", "pengurangan", 3000),
				v(b1, "sampah", "pengurangan", 7000)},
		},
	}
	m := forum.New(forum.Deps{DB: d, Web: site.Web, Authz: az, Audit: site.Audit, Regions: reg,
		Indicators: func() []indicator.Provider { return []indicator.Provider{admin, sampah} },
		Logger:     webtest.Discard, Clock: now})
	m.Routes(site.Mux)
	api := webtest.NewAPI(m.Register, az, now)
	for _, y := range []int{2025, 2026} {
		if _, err := m.Rollup(context.Background(), kab, y); err != nil {
			t.Fatal(err)
		}
	}
	return &env{m: m, d: d, api: api, site: site, sampah: sampah}
}

func peringkat(t *testing.T, e *env, user, query string) forum.Peringkat {
	t.Helper()
	rec := e.api.Do(http.MethodGet, "/wilayah/"+query, user, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s as %s: %d %s", query, user, rec.Code, rec.Body)
	}
	var p forum.Peringkat
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

type row struct {
	desa      tenancy.Kode
	rank      int
	arah      string
	membaik   bool
	kuartil   int
	rankGroup int
}

func rows(p forum.Peringkat) []row {
	var out []row
	for _, b := range p.Baris {
		out = append(out, row{desa: b.Desa, rank: b.PeringkatWilayah, arah: b.Arah, membaik: b.Membaik, kuartil: b.Kuartil, rankGroup: b.Peringkat})
	}
	return out
}

func TestRankingReadsTheRollupWithTiesArrowsAndQuartiles(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		p := peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=sampah.pengurangan&tahun=2026")
		want := []row{
			{b1, 1, "naik", true, 1, 1},
			{a1, 2, "turun", false, 1, 2},
			{a2, 3, "naik", true, 2, 3}, // 30 % shared with a3: one rank
			{a3, 3, "tetap", false, 2, 3},
			{a4, 5, "", false, 4, 5}, // no 2025 value
		}
		if got := rows(p); !slices.Equal(got, want) {
			t.Fatalf("ranking:\n got %+v\nwant %+v", got, want)
		}
		if p.Total != 5 || p.TanpaData != 1 {
			t.Errorf("total %d, without data %d; want 5 and 1 (Enam has no value)", p.Total, p.TanpaData)
		}
		st := p.StatistikNilai
		if st.Median != 30 || st.Q1 != 30 || st.Q3 != 50 || st.Min != 10 || st.Max != 80 {
			t.Errorf("statistics %+v; want median 30, Q1 30, Q3 50, 10–80", st)
		}
		if b := p.Baris[0]; b.Teks != "80,00 %" || b.NilaiLalu == nil || *b.NilaiLalu != 70 || b.PeringkatLalu == nil || *b.PeringkatLalu != 1 {
			t.Errorf("first row %+v; want 80,00 %% up from 70 (rank 1 last year)", b)
		}

		// Lower is better: the fewest late deposits rank first.
		p = peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=sampah.terlambat&tahun=2026")
		var order []tenancy.Kode
		for _, b := range p.Baris {
			order = append(order, b.Desa)
		}
		if want := []tenancy.Kode{a2, a3, a4, b1, a1, b2}; !slices.Equal(order, want) {
			t.Errorf("lower-is-better order %v; want %v", order, want)
		}
		if p.Baris[0].Kuartil != 1 || p.Baris[5].Kuartil != 4 {
			t.Errorf("quartiles of lower-is-better: first %d, last %d; want 1 and 4", p.Baris[0].Kuartil, p.Baris[5].Kuartil)
		}
	})
}

func TestPeerGroupsRankWithinTheirGroup(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		p := peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=sampah.pengurangan&tahun=2026&kelompok=kecamatan")
		got := map[tenancy.Kode]int{}
		for _, b := range p.Baris {
			got[b.Desa] = b.Peringkat
		}
		if want := map[tenancy.Kode]int{a1: 1, a2: 2, a3: 2, a4: 4, b1: 1}; !maps(got, want) {
			t.Errorf("ranks within kecamatan %v; want %v", got, want)
		}
		if len(p.Kelompoks) != 2 || p.Kelompoks[0].Nama != "Kec. A" || p.Kelompoks[0].StatistikNilai.Jumlah != 4 {
			t.Errorf("groups %+v", p.Kelompoks)
		}
		// One desa's peers only: kecamatan B.
		p = peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=sampah.pengurangan&tahun=2026&kelompok=kecamatan&desa=51.02.07.2001")
		if p.Total != 1 || p.Baris[0].Desa != b1 {
			t.Errorf("peers of Lima: %+v", rows(p))
		}
		// Population bands: quartiles of 1000…6000 are 2250, 3500, 4750.
		p = peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=sampah.pengurangan&tahun=2026&kelompok=penduduk")
		bands := map[tenancy.Kode]string{}
		for _, b := range p.Baris {
			bands[b.Desa] = b.Kelompok
		}
		if bands[a1] != bands[a1] || bands[a1] == bands[a3] || bands[a3] == bands[b1] || !strings.HasPrefix(bands[a1], "Penduduk ≤ 2.250") {
			t.Errorf("population bands %v", bands)
		}
		// A kecamatan's forum sees its four desa only.
		p = peringkat(t, e, "forum-a", "51.02.06/forum/peringkat?indikator=sampah.pengurangan&tahun=2026")
		if p.Total != 4 || p.TanpaData != 0 {
			t.Errorf("kecamatan A: total %d without %d; want 4 and 0", p.Total, p.TanpaData)
		}
		if rec := e.api.Do(http.MethodGet, "/wilayah/51.02.07/forum/peringkat?indikator=sampah.pengurangan", "forum-a", nil); rec.Code != http.StatusForbidden {
			t.Errorf("kecamatan A's forum on kecamatan B: %d; want 403", rec.Code)
		}
	})
}

func maps(a, b map[tenancy.Kode]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestPanelShowsOnlyWhatTheUserMaySeeAndNeverPersonalValues(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		keys := func(user string) []string {
			code, body := e.api.JSON(t, http.MethodGet, "/wilayah/51.02/forum/indikator", user, nil)
			if code != http.StatusOK {
				t.Fatalf("indicators as %s: %d %v", user, code, body)
			}
			var out []string
			for _, it := range body["items"].([]any) {
				out = append(out, it.(map[string]any)["kunci"].(string))
			}
			return out
		}
		forumKeys, bupatiKeys := keys("forum"), keys("bupati")
		if slices.Contains(forumKeys, "administration.rahasia") || !slices.Contains(bupatiKeys, "administration.rahasia") {
			t.Errorf("forum sees %v, bupati %v: only the bupati holds the permission of administration.rahasia", forumKeys, bupatiKeys)
		}
		for _, k := range append(forumKeys, bupatiKeys...) {
			if k == "administration.kepala_desa" {
				t.Errorf("a personal text indicator is listed: %v", k)
			}
		}
		code, body := e.api.JSON(t, http.MethodGet, "/wilayah/51.02/forum/peringkat?indikator=administration.rahasia", "forum", nil)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body["errors"].([]any)[0].(map[string]any)["message"].(string), "tidak boleh Anda lihat") {
			t.Errorf("forum asking a hidden indicator: %d %v", code, body)
		}
		if code, _ := e.api.JSON(t, http.MethodGet, "/wilayah/51.02/forum/peringkat?indikator=administration.rahasia", "bupati", nil); code != http.StatusOK {
			t.Errorf("bupati: %d", code)
		}
		// The personal value never reaches the forum's tables.
		n, err := d.NewSelect().Table("forum_nilai").Where("kode = ?", "kepala_desa").Count(context.Background())
		if err == nil && n != 0 {
			t.Errorf("%d personal values stored", n)
		}
		// Desa roles have no panel; a desa code is not a panel.
		if code, _ := e.api.JSON(t, http.MethodGet, "/wilayah/51.02.06.2001/forum/peringkat?indikator=sampah.pengurangan", "perbekel", nil); code != http.StatusForbidden {
			t.Errorf("perbekel: %d; want 403", code)
		}
		if code, _ := e.api.JSON(t, http.MethodGet, "/wilayah/51.02.06.2001/forum/peringkat?indikator=sampah.pengurangan", "forum", nil); code != http.StatusUnprocessableEntity {
			t.Errorf("forum at a desa code: %d; want 422", code)
		}
	})
}

func TestFailingProviderKeepsItsPreviousFigures(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		e.sampah.mu.Lock()
		e.sampah.fail = errors.New("sampah: database gone")
		e.sampah.mu.Unlock()
		h, err := e.m.Rollup(context.Background(), kab, 2026)
		if err != nil || !slices.Equal(h.Gagal, []string{"sampah"}) {
			t.Fatalf("rollup: %+v %v; want sampah failed", h, err)
		}
		if p := peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=sampah.pengurangan&tahun=2026"); p.Total != 5 {
			t.Errorf("after a failed provider the ranking has %d desa; want the previous 5", p.Total)
		}
	})
}

func TestCompositeRanksScaledWeightedValues(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		body := map[string]any{"nama": "Sampah dan disiplin", "bobot": []map[string]any{
			{"indikator": "sampah.pengurangan", "bobot": 3}, {"indikator": "sampah.terlambat", "bobot": 1}}}
		code, got := e.api.JSON(t, http.MethodPost, "/wilayah/51.02/forum/komposit", "forum", body)
		if code != http.StatusCreated {
			t.Fatalf("create: %d %v", code, got)
		}
		id := got["id"].(string)
		if code, _ := e.api.JSON(t, http.MethodPost, "/wilayah/51.02/forum/komposit", "forum", body); code != http.StatusUnprocessableEntity {
			t.Errorf("same name twice: %d; want 422", code)
		}
		if code, _ := e.api.JSON(t, http.MethodPost, "/wilayah/51.02/forum/komposit", "camat", body); code != http.StatusForbidden {
			t.Errorf("camat defining a composite: %d; want 403", code)
		}
		for name, bad := range map[string]map[string]any{
			"one part":      {"nama": "Satu saja", "bobot": []map[string]any{{"indikator": "sampah.pengurangan", "bobot": 3}}},
			"hidden part":   {"nama": "Rahasia", "bobot": []map[string]any{{"indikator": "sampah.pengurangan", "bobot": 1}, {"indikator": "administration.rahasia", "bobot": 1}}},
			"weight 0":      {"nama": "Nol", "bobot": []map[string]any{{"indikator": "sampah.pengurangan", "bobot": 0}, {"indikator": "sampah.terlambat", "bobot": 1}}},
			"repeated part": {"nama": "Ulang", "bobot": []map[string]any{{"indikator": "sampah.pengurangan", "bobot": 1}, {"indikator": "sampah.pengurangan", "bobot": 1}}},
		} {
			if code, _ := e.api.JSON(t, http.MethodPost, "/wilayah/51.02/forum/komposit", "forum", bad); code != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d; want 422", name, code)
			}
		}
		// Each part is scaled over the desa having it: pengurangan 10…80,
		// terlambat 0…9 (lower better; Enam's 9 counts though Enam has no
		// pengurangan and so no composite). b1 (80, 3): (100·3 + 66,67)/4 =
		// 91,67; a1 (50, 4): (57,14·3 + 55,56)/4 = 56,75.
		p := peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=komposit:"+id+"&tahun=2026")
		if p.Total != 5 || p.TanpaData != 1 || p.Baris[0].Desa != b1 || p.Baris[0].Nilai != 91.67 {
			t.Fatalf("composite ranking %+v", p.Baris)
		}
		for _, b := range p.Baris {
			if b.Desa == a1 && b.Nilai != 56.75 {
				t.Errorf("Satu's composite %v; want 56.75", b.Nilai)
			}
		}
		// A kecamatan's panel offers the kabupaten's composite.
		if p := peringkat(t, e, "forum-a", "51.02.06/forum/peringkat?indikator=komposit:"+id+"&tahun=2026"); p.Total != 4 {
			t.Errorf("kecamatan A on the kabupaten's composite: %d desa", p.Total)
		}
		if code, _ := e.api.JSON(t, http.MethodDelete, "/wilayah/51.02/forum/komposit/"+id, "forum", nil); code != http.StatusNoContent {
			t.Errorf("delete: %d", code)
		}
		if code, _ := e.api.JSON(t, http.MethodGet, "/wilayah/51.02/forum/peringkat?indikator=komposit:"+id, "forum", nil); code != http.StatusUnprocessableEntity {
			t.Errorf("deleted composite still ranks: %d", code)
		}
	})
}

func TestProfileCardRanksTheDesaInItsKecamatanAndTheWilayah(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		code, body := e.api.JSON(t, http.MethodGet, "/wilayah/51.02/forum/desa/51.02.06.2002?tahun=2026", "forum", nil)
		if code != http.StatusOK {
			t.Fatalf("card: %d %v", code, body)
		}
		var c forum.KartuDesa
		raw, _ := json.Marshal(body)
		_ = json.Unmarshal(raw, &c)
		found := false
		for _, b := range c.Baris {
			if b.Indikator.Kunci == "sampah.pengurangan" {
				found = true
				if !b.Ada || b.PeringkatWilayah != 3 || b.JumlahWilayah != 5 || b.PeringkatKecamatan != 2 || b.JumlahKecamatan != 4 || b.Arah != "naik" {
					t.Errorf("Dua on pengurangan: %+v", b)
				}
			}
		}
		if !found || c.Nama != "Dua" {
			t.Errorf("card %+v", c)
		}
		if code, body := e.api.JSON(t, http.MethodGet, "/wilayah/51.02/forum/desa/51.02.06.2002?tahun=2025", "forum", nil); code != http.StatusOK || body["tahun"] != 2025.0 {
			t.Errorf("card of 2025: %d tahun %v", code, body["tahun"])
		}
		if code, _ := e.api.JSON(t, http.MethodGet, "/wilayah/51.02.06/forum/desa/51.02.07.2001", "forum-a", nil); code != http.StatusNotFound {
			t.Errorf("a desa outside the panel's wilayah: %d; want 404", code)
		}
	})
}

func TestExportWritesEveryRow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		rec := e.api.Do(http.MethodGet, "/wilayah/51.02/forum/ekspor/csv?indikator=sampah.pengurangan&tahun=2026", "forum", nil)
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %s", rec.Code, rec.Body)
		}
		lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
		if len(lines) != 6 || !strings.Contains(lines[1], "51.02.07.2001,Lima,B,,80.00,%,1,70.00,1,naik") {
			t.Errorf("csv lines %q", lines)
		}
		rec = e.api.Do(http.MethodGet, "/wilayah/51.02/forum/ekspor/xlsx?indikator=sampah.pengurangan&tahun=2026", "forum", nil)
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), "PK") {
			t.Errorf("xlsx: %d", rec.Code)
		}
	})
}

// enqueuer counts what Tandai schedules.
type enqueuer struct {
	mu    sync.Mutex
	tasks []string
	done  chan struct{}
}

func (q *enqueuer) Enqueue(_ context.Context, typ string, payload any, opts ...asynq.Option) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	b, _ := json.Marshal(payload)
	id := ""
	for _, o := range opts {
		if o.Type() == asynq.TaskIDOpt {
			id = o.Value().(string)
		}
	}
	q.tasks = append(q.tasks, typ+" "+string(b)+" "+id)
	q.done <- struct{}{}
	return nil
}

func TestChangesScheduleOneDebouncedRollupPerWindow(t *testing.T) {
	now := time.Date(2026, 12, 2, 1, 0, 10, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	q := &enqueuer{done: make(chan struct{}, 10)}
	m := forum.New(forum.Deps{Jobs: q, Clock: clock, Logger: webtest.Discard})
	m.Tandai(a1)
	<-q.done
	m.Tandai(a2)
	m.Tandai(kecB)
	mu.Lock()
	now = now.Add(3 * time.Minute)
	mu.Unlock()
	m.Tandai(b1)
	<-q.done
	m.Tandai("51") // a provinsi: no kabupaten to refresh
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.tasks) != 2 || !strings.HasPrefix(q.tasks[0], `forum:rollup {"kabupaten":"51.02","tahun":2026} forum-rollup:51.02:2026:`) || q.tasks[0] == q.tasks[1] {
		t.Errorf("scheduled %q; want one rollup of 51.02 per window", q.tasks)
	}
}

var _ = fault.NotFound

func TestPastYearsTakeNoFigureOfStateAsOfNow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		// Population is a state the provider tells as of now (Kini): the
		// rollup of 2025, run in 2026, leaves it out.
		if p := peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=administration.penduduk&tahun=2025"); p.Total != 0 {
			t.Errorf("2025 population of %d desa copied from a provider that answers as of now", p.Total)
		}
		if p := peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=administration.penduduk&tahun=2026"); p.Total != 6 {
			t.Errorf("2026 population: %d desa, want 6", p.Total)
		}
		// A year's own figures (sampah's, of the period) are taken for 2025.
		if p := peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=sampah.pengurangan&tahun=2025"); p.Total != 4 {
			t.Errorf("2025 pengurangan: %d desa, want 4", p.Total)
		}
	})
}

func TestPopulationBandsOfAPastYearReadTheNearestCapture(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		p := peringkat(t, e, "forum", "51.02/forum/peringkat?indikator=sampah.pengurangan&tahun=2025&kelompok=penduduk")
		for _, b := range p.Baris {
			if strings.Contains(b.Kelompok, "belum tercatat") {
				t.Errorf("%s has no population band in 2025: %q", b.Nama, b.Kelompok)
			}
		}
	})
}
