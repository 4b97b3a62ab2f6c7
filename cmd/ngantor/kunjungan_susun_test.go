package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/audiensi"
	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The dossiers on the demo data through the real wiring: every wired
// module answers (no section fails), the profile comes first, the
// comparison reads the real providers, the document is the same twice and
// renders.
func TestKunjunganDossierOnDemoData(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := testApp(t, d)
		const bengkel tenancy.Kode = "51.02.06.2001"
		for _, aud := range []string{kunjungan.AudiensBupati, "DLH", "DISKOPUKM"} {
			start := time.Now()
			doc, err := a.kunjungan.Susun(t.Context(), bengkel, "", aud)
			if err != nil {
				t.Fatalf("%s: %v", aud, err)
			}
			t.Logf("%s: %d sections in %v", aud, len(doc.Sections), time.Since(start))
			again, err := a.kunjungan.Susun(t.Context(), bengkel, "", aud)
			if err != nil {
				t.Fatal(err)
			}
			b1, _ := json.Marshal(doc)
			b2, _ := json.Marshal(again)
			if string(b1) != string(b2) {
				t.Errorf("%s: two builds differ", aud)
			}
			var hs []string
			for _, s := range doc.Sections {
				hs = append(hs, s.Heading)
				if strings.Contains(s.Heading, "tidak dapat disusun") {
					t.Errorf("%s: %q", aud, s.Heading)
				}
			}
			if len(hs) < 3 || hs[0] != "Profil desa" || hs[len(hs)-2] != "Perbandingan dengan desa lain" {
				t.Errorf("%s: sections %q", aud, hs)
			}
			if len(doc.Sections[0].Figures) == 0 {
				t.Errorf("%s: empty profile: %+v", aud, doc.Sections[0])
			}
			cmp := doc.Sections[len(doc.Sections)-2]
			if len(cmp.Tables) == 0 || len(cmp.Tables[0].Rows) == 0 {
				t.Errorf("%s: no comparison: %+v", aud, cmp)
			}
			if n := len(cmp.Charts); n == 0 || n > 4 || cmp.Charts[0].Series[0].Name == cmp.Charts[1].Series[0].Name {
				t.Errorf("%s: charts %+v", aud, cmp.Charts)
			}
			for _, r := range cmp.Tables[0].Rows {
				if strings.Contains(r.Cells[0].Text, "Kepala desa") {
					t.Errorf("%s: a personal indicator in the comparison", aud)
				}
			}
			if pdf, err := report.PDF(doc); err != nil || len(pdf) < 2000 {
				t.Errorf("%s: pdf %d bytes, %v", aud, len(pdf), err)
			}
			if x, err := report.XLSX(doc); err != nil || len(x) == 0 {
				t.Errorf("%s: xlsx %d bytes, %v", aud, len(x), err)
			}
		}
	})
}

// The report of a visit lists the audiensi the audiensi module tagged with
// it (the real adapter), and only those.
func TestKunjunganReportListsTheVisitsAudiensi(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) { kunjunganReportAudiensi(t, d) })
}

func kunjunganReportAudiensi(t *testing.T, dbh *db.DB) {
	a, _ := testApp(t, dbh)
	const bengkel tenancy.Kode = "51.02.06.2001"
	ctx := tenancy.With(t.Context(), tenancy.Tenant{Kode: bengkel})
	k, err := a.kunjungan.Buat(ctx, kunjungan.KunjunganData{Tanggal: civil.Today(time.Now(), bengkel).AddDate(0, 0, 7),
		Judul: "Bupati Ngantor di Desa Bengkel", CamatHadir: true})
	if err != nil {
		t.Fatal(err)
	}
	d := audiensi.AudiensiData{Kategori: "jalan", Judul: "Jalan subak rusak di Banjar Kaja", Isi: "Jalan usaha tani berlubang sejak musim hujan.",
		PelaporMode: audiensi.Terbuka, PelaporNama: "Ni Luh Sari", PelaporTelepon: "0812 3456 7890"}
	if _, err := a.audiensi.Buat(ctx, d, audiensi.KanalKunjungan, k.ID); err != nil {
		t.Fatal(err)
	}
	d.Judul = "Audiensi di kantor desa"
	if _, err := a.audiensi.Buat(ctx, d, audiensi.KanalDesa, ""); err != nil {
		t.Fatal(err)
	}
	doc, err := a.kunjungan.Susun(t.Context(), bengkel, k.ID, kunjungan.AudiensLaporan)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, s := range doc.Sections {
		if s.Heading != "Audiensi yang diterima saat kunjungan" {
			continue
		}
		found = true
		if len(s.Tables) != 1 || len(s.Tables[0].Rows) != 1 || s.Tables[0].Rows[0].Cells[0].Text != "Jalan subak rusak di Banjar Kaja" ||
			s.Tables[0].Rows[0].Cells[1].Text != "Jalan, jembatan dan drainase" {
			t.Errorf("audiensi of the visit: %+v", s)
		}
	}
	b, _ := json.Marshal(doc)
	if !found || strings.Contains(string(b), "Ni Luh Sari") || strings.Contains(string(b), "kantor desa") {
		t.Errorf("report: %s", b)
	}
}
