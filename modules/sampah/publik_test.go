package sampah_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// publikValues maps desa → code → value.
func publikValues(vs []indicator.Value) map[tenancy.Kode]map[string]indicator.Value {
	out := map[tenancy.Kode]map[string]indicator.Value{}
	for _, v := range vs {
		if v.Source != "sampah" {
			continue
		}
		if out[v.Desa] == nil {
			out[v.Desa] = map[string]indicator.Value{}
		}
		out[v.Desa][v.Code] = v
	}
	return out
}

// Hand-computed: Bengkel has 1.000 jiwa × 700 g/orang/hari. Up to today
// (5 March 2026, 64 days) timbulan is 44.800.000 g; pengurangan is the
// January log's organik 100 kg + anorganik 20 kg plus the 10 kg PET
// setoran (the jelantah is in liters, the second setoran is reversed) =
// 130.000 g → 29 bp; penanganan is the 30 kg residu → 7 bp. Up to 31
// January (21.700.000 g) only January counts: 120.000 g → 55 bp, 30.000 g
// → 14 bp, and nobody deposited in the 90 days before.
func TestIndicatorsPerDesaFromTheFigures(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		publikSeed(t, d)
		m := newModule(t, d, publikDeps)
		ctx := context.Background()
		for _, def := range m.Definitions() {
			if def.Source != "sampah" || def.Permission != sampah.PermCapaian || def.Personal {
				t.Errorf("definition %+v", def)
			}
		}
		// The wilayah table asks for the whole current month: counted up
		// to today, not to 31 March.
		vs, err := m.Indicators(ctx, "51.02.06", indicator.Month("2026-03-05"), nil)
		if err != nil {
			t.Fatal(err)
		}
		got := publikValues(vs)
		if len(got[publikCepaka]) != 0 {
			t.Errorf("Cepaka has a population but no data: values %+v", got[publikCepaka])
		}
		b := got[bengkel]
		want := map[string]int64{sampah.IndPengurangan: 29, sampah.IndPenanganan: 7, sampah.IndTonase: 160,
			sampah.IndNasabahAktif: 1, sampah.IndFasilitasAktif: 2}
		for code, n := range want {
			if v, ok := b[code]; !ok || v.Number != n {
				t.Errorf("Bengkel %s = %+v (present %v), want %d", code, v, ok, n)
			}
		}
		if v := b[indicator.Diperbarui]; !v.Time.Equal(time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("diperbarui %v, want the sale of 20 February", v.Time)
		}

		vs, err = m.Indicators(ctx, "51.02", indicator.Period{From: "2026-01-01", To: "2026-01-31"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		b = publikValues(vs)[bengkel]
		want = map[string]int64{sampah.IndPengurangan: 55, sampah.IndPenanganan: 14, sampah.IndTonase: 150,
			sampah.IndNasabahAktif: 0, sampah.IndFasilitasAktif: 2}
		for code, n := range want {
			if v, ok := b[code]; !ok || v.Number != n {
				t.Errorf("January: Bengkel %s = %+v (present %v), want %d", code, v, ok, n)
			}
		}
		if v := b[indicator.Diperbarui]; !v.Time.Equal(time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("January: diperbarui %v, want the log of 10 January", v.Time)
		}

		vs, err = m.Indicators(ctx, "51.02", indicator.Month("2026-03-05"), []string{sampah.IndPenanganan})
		if err != nil || len(vs) != 1 || vs[0].Code != sampah.IndPenanganan || vs[0].Desa != bengkel {
			t.Errorf("codes limit the answer: %+v %v", vs, err)
		}
		if vs, err := m.Indicators(ctx, "51.03", indicator.Month("2026-03-05"), nil); err != nil || len(vs) != 0 {
			t.Errorf("another kabupaten: %+v %v", vs, err)
		}
	})
}

func publikTables(s report.Section) map[string]report.Table {
	out := map[string]report.Table{}
	for _, tb := range s.Tables {
		out[tb.Title] = tb
	}
	return out
}

func TestDossierSectionForBupatiAndDLH(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		publikSeed(t, d)
		m := newModule(t, d, publikDeps)
		ctx := context.Background()
		period := indicator.Period{From: "2026-03-01", To: "2026-03-31"}

		s, err := m.DossierSection(ctx, publikCepaka, report.Audience{Bupati: true}, period)
		if err != nil || s.Empty != "Belum ada data." || len(s.Figures)+len(s.Tables)+len(s.Charts) != 0 {
			t.Fatalf("empty desa: %+v %v", s, err)
		}

		s, err = m.DossierSection(ctx, bengkel, report.Audience{Bupati: true}, period)
		if err != nil || s.Empty != "" {
			t.Fatalf("%+v %v", s, err)
		}
		fig := map[string]string{}
		for _, f := range s.Figures {
			fig[f.Label] = f.Value
		}
		if fig["Fasilitas"] != "2 aktif, 1 tidak aktif" || fig["Pengurangan"] != "0,29 %" || fig["Penanganan"] != "0,07 %" {
			t.Errorf("figures %v", fig)
		}
		tb := publikTables(s)
		bulan := tb["Capaian per bulan terhadap target"]
		if len(bulan.Rows) != 12 || bulan.Rows[0].Cells[0].Text != "Apr 2025" || bulan.Rows[11].Cells[0].Text != "Mar 2026" {
			t.Fatalf("months %+v", bulan.Rows)
		}
		// June 2025: 50 kg of 21.000.000 g → 24 bp; January 2026: 120 kg of
		// 21.700.000 g → 55 bp, the residu 30 kg → 14 bp.
		if c := bulan.Rows[2].Cells; c[0].Text != "Jun 2025" || c[3].Number != 24 || c[6].Text != "30,00 % / 70,00 %" {
			t.Errorf("June 2025 %+v", c)
		}
		if c := bulan.Rows[9].Cells; c[3].Number != 55 || c[5].Number != 14 || c[2].Number != 120_000 {
			t.Errorf("January 2026 %+v", c)
		}
		if hari := tb["Hari TPS3R tidak beroperasi (12 bulan)"]; len(hari.Rows) != 1 || hari.Rows[0].Cells[0].Text != "TPS3R Bestari" ||
			hari.Rows[0].Cells[1].Number != 3 || hari.Rows[0].Cells[2].Number != 1 {
			t.Errorf("days not operating %+v", hari.Rows)
		}
		if cat := tb["Catatan log TPS3R (terbaru)"]; len(cat.Rows) != 1 || cat.Rows[0].Cells[3].Text != publikCatatanLog {
			t.Errorf("log notes %+v", cat.Rows)
		}
		text := fmt.Sprintf("%+v", s)
		if !strings.Contains(text, "Tidak aktif: TPS Banjar Kaja (TPS) — "+publikAlasan) {
			t.Errorf("the inactive facility is not among the problems: %v", s.Notes)
		}
		for _, name := range []string{"Setoran bank sampah per jenis (12 bulan)", "Penjualan ke pengepul per jenis (12 bulan)", "Log TPS3R per fasilitas dan bulan (kg)"} {
			if _, ok := tb[name]; ok {
				t.Errorf("the bupati's dossier has the DLH's table %q", name)
			}
		}
		if len(s.Charts) != 2 {
			t.Errorf("%d charts, want the shares and the tonnage", len(s.Charts))
		}
		for _, c := range s.Charts {
			if _, err := report.SVG(c); err != nil {
				t.Errorf("chart %q: %v", c.Title, err)
			}
		}

		dlh, err := m.DossierSection(ctx, bengkel, report.Audience{OPD: sampah.OPDLingkunganHidup}, period)
		if err != nil {
			t.Fatal(err)
		}
		tb = publikTables(dlh)
		if len(dlh.Tables) != len(s.Tables)+3 {
			t.Errorf("DLH has %d tables, the bupati %d", len(dlh.Tables), len(s.Tables))
		}
		setoran := tb["Setoran bank sampah per jenis (12 bulan)"]
		if len(setoran.Rows) != 2 || setoran.Rows[1].Cells[1].Text != "PET Botol plastik PET" || setoran.Rows[1].Cells[2].Number != 10_000 ||
			setoran.Rows[0].Cells[3].Text != "liter" || setoran.Rows[0].Cells[2].Number != 2_000 {
			t.Errorf("setoran per jenis (the reversed one counts nothing) %+v", setoran.Rows)
		}
		if jual := tb["Penjualan ke pengepul per jenis (12 bulan)"]; len(jual.Rows) != 1 || jual.Rows[0].Cells[2].Number != 12_000 || jual.Rows[0].Cells[4].Number != 48_000 {
			t.Errorf("penjualan per jenis %+v", jual.Rows)
		}
		// TPS3R Bestari heading, then June 2025, January and February 2026.
		if lg := tb["Log TPS3R per fasilitas dan bulan (kg)"]; len(lg.Rows) != 4 || lg.Rows[0].Cells[0].Text != "TPS3R Bestari" ||
			lg.Rows[2].Cells[0].Text != "Jan 2026" || lg.Rows[2].Cells[1].Number != 100_000 || lg.Rows[2].Cells[4].Number != 40_000 || lg.Rows[2].Cells[5].Number != 25_000 {
			t.Errorf("log per facility %+v", lg.Rows)
		}
		// The DLH's section prints as PDF and XLSX.
		doc := report.Document{Title: "Dosir kunjungan", Sections: []report.Section{dlh}}
		if _, err := report.PDF(doc); err != nil {
			t.Errorf("pdf: %v", err)
		}
		if _, err := report.XLSX(doc); err != nil {
			t.Errorf("xlsx: %v", err)
		}
		all := text + fmt.Sprintf("%+v", dlh)
		for _, secret := range []string{publikNasabahNama, publikNasabahTelp, publikPengepulNama} {
			if strings.Contains(all, secret) {
				t.Errorf("the dossier shows %q", secret)
			}
		}

		// A period in the past: the window ends with it.
		old, err := m.DossierSection(ctx, bengkel, report.Audience{Bupati: true}, indicator.Period{From: "2026-01-01", To: "2026-01-31"})
		if err != nil {
			t.Fatal(err)
		}
		ob := publikTables(old)["Capaian per bulan terhadap target"]
		if len(ob.Rows) != 12 || ob.Rows[11].Cells[0].Text != "Jan 2026" {
			t.Errorf("past window %+v", ob.Rows)
		}
		if _, ok := publikTables(old)["Catatan log TPS3R (terbaru)"]; ok {
			t.Error("a note of February is in the dossier of January")
		}
		if _, err := m.DossierSection(ctx, "51.02.06.1001", report.Audience{Bupati: true}, period); err == nil {
			t.Error("a kelurahan has a dossier section")
		}
	})
}

func TestPublicPageShowsFiguresAndNoPerson(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		publikSeed(t, d)
		s := newSite(t, d, map[string]grant{"perbekel": {authz.Perbekel, bengkel}}, "Uji ", publikDeps)
		resp, body := s.do(http.MethodGet, "/publik/desa/"+bengkel+"/sampah", "", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("public page: %d %s", resp.StatusCode, body)
		}
		mustContain(t, "public page", body, "Pengelolaan sampah Desa Bengkel", "Kecamatan Kediri, Kabupaten Tabanan", "TPS3R Bestari",
			"Bank Sampah Sari Asih", "TPS Banjar Kaja", "tidak aktif", "0,29 %", "0,07 %", "target 30,00 %", "<svg", `id="publik-bulan"`,
			`href="/publik/sampah.css"`)
		for _, secret := range []string{publikNasabahNama, publikNasabahTelp, publikCatatanLog, publikAlasan, publikPengepulNama, "<script"} {
			if strings.Contains(body, secret) {
				t.Errorf("the public page shows %q", secret)
			}
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
			t.Errorf("headers %v", resp.Header)
		}
		resp, body = s.do(http.MethodGet, "/publik/desa/"+publikCepaka+"/sampah", "", nil)
		if resp.StatusCode != 200 || !strings.Contains(body, "Belum ada fasilitas tercatat.") || strings.Contains(body, "<svg") {
			t.Errorf("desa without data: %d %s", resp.StatusCode, body)
		}
		for _, path := range []string{"/publik/desa/51.02.06.1001/sampah", "/publik/desa/51.99.99.2999/sampah", "/publik/desa/bukan-kode/sampah"} {
			resp, body := s.do(http.MethodGet, path, "", nil)
			if resp.StatusCode != 404 || !strings.Contains(body, "Desa tidak ditemukan.") || resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s: %d %s", path, resp.StatusCode, body)
			}
		}
		if resp, body := s.do(http.MethodGet, "/publik/sampah.css", "", nil); resp.StatusCode != 200 || !strings.Contains(body, "@media print") {
			t.Errorf("css: %d", resp.StatusCode)
		}
		_, body = s.want(200, http.MethodGet, "/desa/"+bengkel+"/sampah", "perbekel", nil)
		mustContain(t, "landing page", body, `href="/publik/desa/`+bengkel+`/sampah"`)
	})
}
