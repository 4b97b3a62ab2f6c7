package cctv_test

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

const laporanBelalang tenancy.Kode = "51.02.06.2003" // Kediri: no camera

// laporanPenduduk is a population source with fixed figures.
type laporanPenduduk map[tenancy.Kode]int64

func (p laporanPenduduk) Penduduk(_ context.Context, w tenancy.Kode) (map[tenancy.Kode]int64, error) {
	out := map[tenancy.Kode]int64{}
	for k, n := range p {
		if w.Contains(k) {
			out[k] = n
		}
	}
	return out, nil
}

// laporanDesa lists the Kediri desa of the tests.
type laporanDesa struct{}

func (laporanDesa) DesaIn(_ context.Context, w tenancy.Kode) ([]cctv.DesaInfo, error) {
	var out []cctv.DesaInfo
	for _, d := range []cctv.DesaInfo{{Kode: bengkel, Nama: "Bengkel", NamaKecamatan: "Kediri"},
		{Kode: pandak, Nama: "Pangkung Tibah", NamaKecamatan: "Kediri"}, {Kode: laporanBelalang, Nama: "Belalang", NamaKecamatan: "Kediri"},
		{Kode: baturiti, Nama: "Baturiti", NamaKecamatan: "Baturiti"}} {
		if w.Contains(d.Kode) {
			out = append(out, d)
		}
	}
	return out, nil
}

var laporanJiwa = laporanPenduduk{bengkel: 6_000, pandak: 4_200, laporanBelalang: 3_100}

func laporanModule(d *db.DB, deps cctv.Deps) *cctv.Module {
	deps.DB, deps.Logger, deps.Clock = d, discard, func() time.Time { return now }
	deps.Penduduk, deps.Desa = laporanJiwa, laporanDesa{}
	return cctv.New(deps)
}

// laporanFixture: Bengkel with three cameras (Simpang Pasar down for the
// last 30 h, Balai Banjar up, Pantai nonaktif and never probed); Pandak
// with one camera up 3 of 4 probes; Baturiti, outside the kecamatan;
// Belalang with none.
func laporanFixture(t *testing.T, d *db.DB, m *cctv.Module) map[string]string {
	t.Helper()
	ids := map[string]string{}
	ids["pasar"] = kamera(t, d, bengkel, "Simpang Pasar", cctv.StatusAktif)
	probes(t, m, bengkel, ids["pasar"], 100, 31, true)
	probes(t, m, bengkel, ids["pasar"], 30, 1, false)
	ids["balai"] = kamera(t, d, bengkel, "Balai Banjar", cctv.StatusAktif)
	probes(t, m, bengkel, ids["balai"], 100, 1, true)
	ids["pantai"] = kamera(t, d, bengkel, "Pantai", cctv.StatusNonaktif)
	ids["pura"] = kamera(t, d, pandak, "Pura Desa", cctv.StatusAktif)
	probes(t, m, pandak, ids["pura"], 40, 31, false)
	probes(t, m, pandak, ids["pura"], 30, 1, true)
	ids["luar"] = kamera(t, d, baturiti, "Luar", cctv.StatusAktif)
	probes(t, m, baturiti, ids["luar"], 24, 1, true)
	return ids
}

// laporanHitung counts the statements that read the module's tables.
type laporanHitung struct {
	mu sync.Mutex
	n  int
}

func (c *laporanHitung) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	return ctx
}
func (c *laporanHitung) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	if strings.Contains(e.Query, "cctv_") {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
	}
}
func (c *laporanHitung) take() int { c.mu.Lock(); defer c.mu.Unlock(); n := c.n; c.n = 0; return n }

func TestIndicatorsForEveryDesaOfTheWilayah(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := laporanModule(d, cctv.Deps{})
		laporanFixture(t, d, m)
		qc := &laporanHitung{}
		d.AddQueryHook(qc)
		vs, err := m.Indicators(context.Background(), "51.02.06", indicator.Month("2026-03-05"), nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, v := range vs {
			if v.Source != "cctv" {
				t.Errorf("source %q", v.Source)
			}
			got[string(v.Desa)+" "+v.Code] = v.Number
		}
		// Bengkel 30 days: Simpang Pasar 70 up of 100, Balai Banjar 100 of
		// 100, Pantai none: 170 of 200 = 85 %. Pandak: 30 of 40 = 75 %.
		// Per 1,000: 3 cameras / 6,000 = 0,500; 1 / 4,200 = 0,238.
		want := map[string]int64{
			"51.02.06.2001 uptime_cctv_30_hari": 8500, "51.02.06.2001 kamera_per_1000_jiwa": 500,
			"51.02.06.2001 kamera_cctv_aktif": 2, "51.02.06.2001 kamera_cctv_mati_24jam": 1,
			"51.02.06.2002 uptime_cctv_30_hari": 7500, "51.02.06.2002 kamera_per_1000_jiwa": 238,
			"51.02.06.2002 kamera_cctv_aktif": 1, "51.02.06.2002 kamera_cctv_mati_24jam": 0,
		}
		if len(got) != len(want) {
			t.Errorf("values = %v, want %v (Belalang has no camera: no value; Baturiti is outside)", got, want)
		}
		for k, w := range want {
			if g, ok := got[k]; !ok || g != w {
				t.Errorf("%s = %d (%v), want %d", k, g, ok, w)
			}
		}
		n2 := qc.take()

		// One query per family, never one per desa: the kabupaten with
		// one more desa reads as many statements as the kecamatan.
		if _, err := m.Indicators(context.Background(), "51.02", indicator.Month("2026-03-05"), nil); err != nil {
			t.Fatal(err)
		}
		if n3 := qc.take(); n3 != n2 || n2 == 0 || n2 > 2 {
			t.Errorf("statements: %d for 2 desa, %d for 3 desa; want the same, at most 2 (uptime, down)", n2, n3)
		}

		// Only the codes asked for, and no down read when not asked.
		vs, err = m.Indicators(context.Background(), "51.02.06", indicator.Period{}, []string{cctv.IndKameraAktif})
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 2 || qc.take() != 1 {
			t.Errorf("aktif only = %+v", vs)
		}
		if vs, _ := m.Indicators(context.Background(), "51.02.06", indicator.Period{}, []string{"lain"}); len(vs) != 0 || qc.take() != 0 {
			t.Errorf("an unknown code answered %+v", vs)
		}
	})
}

func TestDefinitionsNeedStatusAndReadTheRightWay(t *testing.T) {
	m := cctv.New(cctv.Deps{})
	defs := m.Definitions()
	if len(defs) != 4 {
		t.Fatalf("definitions = %+v", defs)
	}
	for _, d := range defs {
		if d.Permission != cctv.PermStatus || d.Source != "cctv" || d.Kind != indicator.Count || d.Satuan == "" || d.Periodic {
			t.Errorf("definition %+v", d)
		}
		if d.HigherIsBetter != (d.Code != cctv.IndKameraMati) {
			t.Errorf("%s: higher is better = %v", d.Code, d.HigherIsBetter)
		}
	}
}

func TestPerSeribuMili(t *testing.T) {
	for _, c := range []struct {
		kamera, jiwa, want int64
		ok                 bool
		teks               string
	}{{3, 6_000, 500, true, "0,500"}, {1, 4_200, 238, true, "0,238"}, {8, 5_992, 1_335, true, "1,335"}, {2, 3, 666_667, true, "666,667"},
		{1, 0, 0, false, ""}} {
		n, ok := cctv.PerSeribuMili(c.kamera, c.jiwa)
		if n != c.want || ok != c.ok || (ok && cctv.FormatPerSeribu(n) != c.teks) {
			t.Errorf("%d per %d = %d %v %q", c.kamera, c.jiwa, n, ok, cctv.FormatPerSeribu(n))
		}
	}
}

// laporanAkses puts penerima on the access list of camera id of desa.
func laporanAkses(t *testing.T, d *db.DB, desa tenancy.Kode, id string, penerima ...string) {
	t.Helper()
	err := d.Tx(webtest.DesaCtx(desa), func(ctx context.Context, tx bun.Tx) error {
		for _, p := range penerima {
			a := cctv.Akses{DesaID: desa.ID(), KameraID: id, Penerima: p, CreatedBy: "u", CreatedAt: now}
			if _, err := tx.NewInsert().Model(&a).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// laporanTeks is every string of a section, for contains checks.
func laporanTeks(s report.Section) string {
	var b strings.Builder
	b.WriteString(s.Heading + "\n" + s.Empty + "\n")
	for _, f := range s.Figures {
		b.WriteString(f.Label + ": " + f.Value + " " + f.Note + "\n")
	}
	for _, tb := range s.Tables {
		b.WriteString("## " + tb.Title + "\n")
		for _, r := range tb.Rows {
			for _, c := range r.Cells {
				b.WriteString(c.Text + " | ")
			}
			b.WriteString("\n")
		}
	}
	for _, n := range s.Notes {
		b.WriteString(n + "\n")
	}
	return b.String()
}

func TestDossierSectionForTheBupatiAndTheOPDWhoseBusinessCamerasAre(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := laporanModule(d, cctv.Deps{})
		ids := laporanFixture(t, d, m)
		laporanAkses(t, d, bengkel, ids["balai"], "opd:SATPOLPP", "role:camat")
		ctx := context.Background()
		p := indicator.Month("2026-03-05")

		s, err := m.DossierSection(ctx, bengkel, report.Audience{Bupati: true}, p)
		if err != nil {
			t.Fatal(err)
		}
		txt := laporanTeks(s)
		webtest.MustContain(t, "bupati's section", txt, "Kamera CCTV desa", "Kamera tercatat: 3 2 aktif",
			"Uptime 30 hari: 85,00 %", "Mati lebih dari 24 jam: 1", "## Kamera per tujuan", "Keamanan | 3 | 2 |",
			"## Kamera mati lebih dari 24 jam", "Simpang Pasar |", "2026-03-04 04:00 | 1 hari |",
			"2 kamera belum memiliki daftar akses")
		webtest.MustNotContain(t, "bupati's section", txt, "rtsp://", "belum dapat dibuka")

		s, err = m.DossierSection(ctx, bengkel, report.Audience{OPD: "SATPOLPP"}, p)
		if err != nil {
			t.Fatal(err)
		}
		txt = laporanTeks(s)
		webtest.MustContain(t, "Satpol PP's section", txt, "## Kamera aktif yang belum dapat dibuka SATPOLPP", "Simpang Pasar")
		if i := strings.Index(txt, "belum dapat dibuka SATPOLPP"); strings.Contains(txt[i:], "Balai Banjar") || strings.Contains(txt[i:], "Pantai |") {
			t.Errorf("Satpol PP's list names a camera it may open or a nonaktif one:\n%s", txt)
		}
		s, _ = m.DossierSection(ctx, bengkel, report.Audience{OPD: "Dishub"}, p)
		webtest.MustContain(t, "Dishub's section", laporanTeks(s), "belum dapat dibuka DISHUB", "Balai Banjar")

		// Not its business: nothing at all.
		s, err = m.DossierSection(ctx, bengkel, report.Audience{OPD: "DPMD"}, p)
		if err != nil || s.Heading != "" || len(s.Figures)+len(s.Tables)+len(s.Notes) != 0 {
			t.Errorf("DPMD got %+v, %v", s, err)
		}
		// A desa without a camera says so.
		s, err = m.DossierSection(ctx, laporanBelalang, report.Audience{OPD: "BPBD"}, p)
		if err != nil || s.Empty != "Belum ada kamera tercatat." || len(s.Figures) != 0 {
			t.Errorf("Belalang = %+v, %v", s, err)
		}
		if _, err := m.DossierSection(ctx, "51.02.06", report.Audience{Bupati: true}, p); err == nil {
			t.Error("a kecamatan code was accepted")
		}
	})
}

func TestUnduhXLSXAsCamat(t *testing.T) {
	d := dbtest.SQLite(t)
	az := &webtest.Accounts{Templates: cctv.Templates(), Users: map[string]webtest.Grant{
		"camat":        {Role: authz.Camat, Kode: "51.02.06"},
		"camat-lain":   {Role: authz.Camat, Kode: "51.02.05"},
		"forum":        {Role: authz.ForumPerbekel, Kode: "51.02"},
		"bupati":       {Role: authz.Bupati, Kode: "51.02"},
		"perbekel-bkl": {Role: authz.Perbekel, Kode: bengkel},
	}}
	s := webtest.NewSite(t, d, az)
	m := laporanModule(d, cctv.Deps{Web: s.Web, Authz: az, Audit: s.Audit})
	m.Routes(s.Mux)
	laporanFixture(t, d, m)

	path := cctv.LaporanPathXLSX("51.02.06")
	resp, body := s.Do(http.MethodGet, path, "camat", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "cctv-5102") {
		t.Fatalf("download: %d %v", resp.StatusCode, resp.Header)
	}
	if strings.Contains(body, "rtsp://") || strings.Contains(body, "10.20.0.15") {
		t.Error("the workbook carries a stream address")
	}
	x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if !slices.Contains(sheets, "Kamera") || !slices.Contains(sheets, "Ringkasan per desa") {
		t.Fatalf("sheets = %v", sheets)
	}
	var all strings.Builder
	for _, sh := range sheets {
		rows, err := x.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			all.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	txt := all.String()
	if strings.Contains(txt, "rtsp://") || strings.Contains(txt, "10.20.0.15") {
		t.Error("a sheet shows a stream address")
	}
	// A table's sheet: its title, a blank row, the header, the rows.
	kam, _ := x.GetRows("Kamera")
	if len(kam) != 3+4 || !strings.Contains(strings.Join(kam[2], "|"), "Uptime 30 hari") {
		t.Fatalf("Kamera sheet = %v", kam)
	}
	webtest.MustContain(t, "Kamera sheet", txt, "Simpang Pasar", "Pura Desa", "Kediri|Bengkel|51.02.06.2001",
		"2026-03-04 04:00", "Belalang")
	webtest.MustNotContain(t, "workbook", txt, "Luar")
	ring, _ := x.GetRows("Ringkasan per desa")
	if len(ring) != 3+3 { // Bengkel, Pangkung Tibah, Belalang
		t.Errorf("Ringkasan per desa = %v", ring)
	}
	if got := s.Audit.Actions(); !slices.Contains(got, "unduh-cctv-wilayah") {
		t.Errorf("audit = %v", got)
	}

	// The kabupaten reads every kecamatan; another camat, the forum (no
	// registry) and a desa code do not.
	if r, _ := s.Do(http.MethodGet, cctv.LaporanPathXLSX("51.02"), "bupati", nil); r.StatusCode != http.StatusOK {
		t.Errorf("bupati: %d", r.StatusCode)
	}
	for _, c := range []struct {
		user, path string
		status     int
	}{{"camat-lain", path, http.StatusForbidden}, {"forum", path, http.StatusForbidden},
		{"perbekel-bkl", cctv.LaporanPathXLSX(bengkel), http.StatusNotFound}, {"", path, http.StatusSeeOther}} {
		if r, _ := s.Do(http.MethodGet, c.path, c.user, nil); r.StatusCode != c.status {
			t.Errorf("%s %s: %d, want %d", c.user, c.path, r.StatusCode, c.status)
		}
	}
}
