package umkm_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

const (
	sepi     tenancy.Kode = "51.02.06.2003" // records nothing
	seberang tenancy.Kode = "51.02.05.2001" // another kecamatan
)

func uid(n int) string { return fmt.Sprintf("01937a6e-0000-7000-8000-%012d", n) }

// seedWilayah records UMKM, assistance and BUMDes years in several desa.
func seedWilayah(t *testing.T, m *umkm.Module, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	tutup := usaha(bengkel, uid(4), "")
	tutup.Status = umkm.StatusTutup
	kecil := usaha(bengkel, uid(3), "")
	kecil.Skala, kecil.Sektor, kecil.KBLI = umkm.SkalaKecil, "I", "56101"
	if err := insert(ctx, d, bengkel, usaha(bengkel, uid(1), "9120001234567"), usaha(bengkel, uid(2), "9120001234568"), kecil, tutup,
		&umkm.Bantuan{DesaID: bengkel.ID(), ID: uid(10), UmkmID: uid(1), OPDKode: "DISKOPUKM", Tahun: 2025, Uraian: "Pelatihan pengemasan", CreatedAt: now},
		&umkm.Bantuan{DesaID: bengkel.ID(), ID: uid(11), UmkmID: uid(2), OPDKode: "DISKOPUKM", Tahun: 2025, Uraian: "Sertifikasi halal", CreatedAt: now},
		&umkm.Bantuan{DesaID: bengkel.ID(), ID: uid(12), UmkmID: uid(1), OPDKode: "DISPERINDAG", Tahun: 2026, Uraian: "Alat produksi", CreatedAt: now},
	); err != nil {
		t.Fatal(err)
	}
	if err := insert(ctx, d, tetangga, usaha(tetangga, uid(5), "")); err != nil {
		t.Fatal(err)
	}
	if err := insert(ctx, d, seberang, usaha(seberang, uid(6), "9120001234569")); err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		desa  tenancy.Kode
		years []umkm.TahunData
	}{
		{bengkel, []umkm.TahunData{{Tahun: 2024, Omzet: 368_900_000, PADes: 30_000_000}, {Tahun: 2025, Omzet: 421_750_000, PADes: 35_000_000, PenyertaanModal: 50_000_000},
			{Tahun: 2026, Omzet: 450_000_000, PADes: 40_000_000}, {Tahun: 2023, Omzet: 312_500_000, PADes: 25_000_000}}},
		{tetangga, []umkm.TahunData{{Tahun: 2023, Omzet: 96_400_000, PADes: 0}}},
		{seberang, []umkm.TahunData{{Tahun: 2025, Omzet: 1, PADes: 1}}},
	} {
		ctx := webtest.DesaCtx(x.desa)
		if _, err := m.SimpanBUMDes(ctx, umkm.BUMDesData{Nama: "BUM Desa " + string(x.desa)}); err != nil {
			t.Fatal(err)
		}
		for _, y := range x.years {
			if _, err := m.SimpanTahun(ctx, y.Tahun, y); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func values(vs []indicator.Value) []string {
	var out []string
	for _, v := range vs {
		out = append(out, fmt.Sprintf("%s %s=%d", v.Desa, v.Code, v.Number))
	}
	sort.Strings(out)
	return out
}

// Indicators answer for every desa of a kecamatan and none outside it; a
// desa with nothing recorded, or without a population or a year up to the
// period, has no value.
func TestIndicatorsAnswerEveryDesaOfTheWilayahAndInventNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		seedWilayah(t, r.m, d)
		ctx := context.Background()

		got, err := r.m.Indicators(ctx, "51.02.06", indicator.Period{From: "2025-01-01", To: "2025-12-31"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"51.02.06.2001 bumdes_omzet=421750000", "51.02.06.2001 bumdes_pades=35000000",
			"51.02.06.2001 umkm_aktif=3", "51.02.06.2001 umkm_nib=6667", "51.02.06.2001 umkm_per_1000=75",
			"51.02.06.2002 bumdes_omzet=96400000", "51.02.06.2002 bumdes_pades=0",
			"51.02.06.2002 umkm_aktif=1", "51.02.06.2002 umkm_nib=0",
		}
		if g := values(got); strings.Join(g, "\n") != strings.Join(want, "\n") {
			t.Errorf("indicators of 51.02.06:\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
		}

		got, err = r.m.Indicators(ctx, "51.02", indicator.Period{To: "2022-12-31"}, []string{umkm.IndBumdesOmzet, umkm.IndUmkmAktif})
		if err != nil {
			t.Fatal(err)
		}
		want = []string{"51.02.05.2001 umkm_aktif=1", "51.02.06.2001 umkm_aktif=3", "51.02.06.2002 umkm_aktif=1"}
		if g := values(got); strings.Join(g, "\n") != strings.Join(want, "\n") {
			t.Errorf("2022, two codes, the kabupaten:\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
		}

		got, err = r.m.Indicators(ctx, sepi, indicator.Period{To: "2026-12-31"}, nil)
		if err != nil || len(got) != 0 {
			t.Errorf("a desa with nothing: %v %v", got, err)
		}
		for _, def := range r.m.Definitions() {
			if def.Permission != umkm.PermRingkasan || def.Satuan == "" || def.Source != "umkm" {
				t.Errorf("definition %+v", def)
			}
		}
	})
}

// The dossier gives the bupati and the Dinas Koperasi & UMKM counts by
// sektor and skala, the NIB share, assistance per OPD and year, and the
// BUMDes's last three years beside the APBDes, never an owner; another
// OPD gets no section, and a desa with nothing "Belum ada data.".
func TestDossierSectionForBupatiAndDiskopWithoutOwners(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		seedWilayah(t, r.m, d)
		ctx := context.Background()
		period := indicator.Period{From: "2025-01-01", To: "2025-12-31"}

		s, err := r.m.DossierSection(ctx, bengkel, report.Audience{Bupati: true}, period)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(s)
		text := string(raw)
		webtest.MustContain(t, "bupati's section", text, "UMKM dan BUMDes", "UMKM aktif", `"Value":"3"`, "1 tutup", "66,67 %",
			"C — Industri Pengolahan", "I — ", "DISKOPUKM", "BUM Desa 51.02.06.2001", "Belum berbadan hukum",
			"2025", "2024", "2023", "Rp 421.750.000", "APBDes belum tercatat", "Rp 30.000.000",
			"kontribusi PADes menurut laporan BUMDes Rp 35.000.000")
		webtest.MustNotContain(t, "bupati's section", text, "Ni Made Sari", "5102065203850001", "510206", "DISPERINDAG", "450.000.000")
		if len(s.Tables) != 3 {
			t.Fatalf("tables: %d, want sektor×skala, bantuan, BUMDes years", len(s.Tables))
		}
		if rows := s.Tables[2].Rows; len(rows) != 3 || rows[0].Cells[0].Text != "2025" || rows[2].Cells[0].Text != "2023" {
			t.Errorf("BUMDes years: %+v", rows)
		}
		if b := s.Tables[1].Rows; len(b) != 1 || b[0].Cells[2].Text != "2" || b[0].Cells[3].Text != "2" {
			t.Errorf("assistance per OPD and year: %+v", b)
		}

		diskop, err := r.m.DossierSection(ctx, bengkel, report.Audience{OPD: umkm.OPDKoperasiUMKM}, period)
		if err != nil || diskop.Heading != s.Heading || len(diskop.Tables) != len(s.Tables) {
			t.Errorf("diskop's section: %+v %v", diskop, err)
		}
		dlh, err := r.m.DossierSection(ctx, bengkel, report.Audience{OPD: "DLH"}, period)
		if err != nil || dlh.Heading != "" || len(dlh.Figures)+len(dlh.Tables)+len(dlh.Notes) != 0 {
			t.Errorf("another OPD got a section: %+v %v", dlh, err)
		}
		kosong, err := r.m.DossierSection(ctx, sepi, report.Audience{Bupati: true}, period)
		if err != nil || kosong.Empty != "Belum ada data." {
			t.Errorf("a desa with nothing: %+v %v", kosong, err)
		}
		tanpa, err := r.m.DossierSection(ctx, tetangga, report.Audience{Bupati: true}, period)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ = json.Marshal(tanpa)
		webtest.MustContain(t, "neighbour's section", string(raw), "Bantuan OPD kepada UMKM sampai tahun 2025: belum ada data",
			"Unit usaha BUMDes aktif: belum ada data", "Angka BUMDes tahun 2025 belum tercatat")
	})
}

// The demo records Bengkel's and Nyitdah's BUMDes once: a second run
// changes nothing.
func TestSeedDemoBumdesIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		ctx := context.Background()
		for range 2 {
			if err := r.m.SeedDemo(ctx); err != nil {
				t.Fatal(err)
			}
		}
		p, ada, err := r.m.BacaProfil(webtest.DesaCtx("51.02.06.2001"))
		if err != nil || !ada || !p.Profil.BadanHukum || len(p.Unit) != 3 || len(p.Tahun) != 3 || p.Profil.KlasifikasiSumber == "" {
			t.Fatalf("Bengkel: %+v %v %v", p, ada, err)
		}
		if p.Tahun[0].Tahun != 2025 || p.Tahun[2].Tahun != 2023 || p.Tahun[0].PenyertaanModal != 50_000_000 || p.Tahun[0].PADes != 35_000_000 {
			t.Errorf("Bengkel's years: %+v", p.Tahun)
		}
		p, ada, err = r.m.BacaProfil(webtest.DesaCtx("51.02.06.2011"))
		if err != nil || !ada || len(p.Tahun) != 2 || p.Profil.BadanHukum {
			t.Errorf("Nyitdah: %+v %v %v", p, ada, err)
		}
	})
}
