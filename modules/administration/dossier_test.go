package administration_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
)

func TestDossierSectionShowsTheDesaProfile(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		per := indicator.Period{From: "2025-11-24", To: "2026-11-23"}

		// Nothing recorded: the section says so and invents nothing.
		s, err := f.m.DossierSection(ctx, bengkel, report.Audience{Bupati: true}, per)
		if err != nil {
			t.Fatal(err)
		}
		if s.Heading != "Profil desa" || s.Empty != "Belum ada data profil desa." || len(s.Figures) != 0 {
			t.Fatalf("empty desa: %+v", s)
		}
		if _, err := f.m.DossierSection(ctx, kediri, report.Audience{Bupati: true}, per); err == nil {
			t.Fatal("a kecamatan code was accepted")
		}

		luas := 3.52
		if _, err := f.m.SaveProfil(at(bengkel), a.ProfilInput{Nama: "Bengkel", LuasKm2: &luas}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.m.SavePenduduk(at(bengkel), 2026, a.PendudukInput{LakiLaki: 2456, Perempuan: 2457, KK: 1200}); err != nil {
			t.Fatal(err)
		}
		mustAppoint(t, f, bengkel, appointment(a.KepalaDesa, "I Made Sudarsana", 1))
		mustAppoint(t, f, bengkel, appointment(a.SekretarisDesa, "I Ketut Wirawan", 2))
		for _, n := range []string{"Bengkel Kangin", "Bengkel Kauh"} {
			if _, err := f.m.CreateDusun(at(bengkel), a.DusunInput{Nama: n, Sebutan: "banjar"}); err != nil {
				t.Fatal(err)
			}
		}
		bpd, err := f.m.CreateLembaga(at(bengkel), a.LembagaInput{Jenis: a.BPD, Nama: "BPD Bengkel"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.m.CreateLembaga(at(bengkel), a.LembagaInput{Jenis: a.PKK, Nama: "TP PKK Bengkel"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.m.AddAnggota(at(bengkel), bpd.ID, a.AnggotaInput{Nama: "I Gusti Ngurah Oka", Jabatan: "Ketua",
			Mulai: "2021-06-01", Selesai: "2029-06-01"}); err != nil {
			t.Fatal(err)
		}
		// Another desa's records stay out.
		mustAppoint(t, f, pangkung, appointment(a.KepalaDesa, "Perbekel Pangkung", 3))

		s, err = f.m.DossierSection(ctx, bengkel, report.Audience{OPD: "DPMD"}, per)
		if err != nil {
			t.Fatal(err)
		}
		fig := map[string]report.Figure{}
		for _, x := range s.Figures {
			fig[x.Label] = x
		}
		if fig["Perbekel"].Value != "I Made Sudarsana" || !strings.Contains(fig["Perbekel"].Note, "Definitif") {
			t.Errorf("perbekel: %+v", fig["Perbekel"])
		}
		if fig["Penduduk"].Value != "4.913 jiwa" || !strings.Contains(fig["Penduduk"].Note, "1.200 KK") {
			t.Errorf("penduduk: %+v", fig["Penduduk"])
		}
		if fig["Luas wilayah"].Value != "3,52 km²" || fig["Dusun/banjar dinas"].Value != "2" {
			t.Errorf("luas, dusun: %+v", s.Figures)
		}
		// 8 SOTK posts + 2 kelian: the perbekel and the sekdes hold theirs.
		if fig["Jabatan perangkat terisi"].Value != "2" || fig["Jabatan perangkat terisi"].Note != "8 kosong" {
			t.Errorf("posts: %+v", fig["Jabatan perangkat terisi"])
		}
		if len(s.Tables) != 1 || len(s.Tables[0].Rows) != 2 || s.Tables[0].Rows[0].Cells[0].Text != "Badan Permusyawaratan Desa" ||
			s.Tables[0].Rows[0].Cells[2].Number != 1 || s.Tables[0].Rows[1].Cells[2].Number != 0 {
			t.Errorf("lembaga: %+v", s.Tables)
		}
		body, _ := json.Marshal(s)
		if strings.Contains(string(body), "Pangkung") || strings.Contains(string(body), "510206") {
			t.Errorf("another desa or a NIK leaked: %s", body)
		}
		if !strings.Contains(string(body), "Kelian Banjar Dinas Bengkel Kangin") {
			t.Errorf("vacant kelian not named: %s", body)
		}
		// The bupati's section is the same; it is deterministic.
		b, err := f.m.DossierSection(ctx, bengkel, report.Audience{Bupati: true}, per)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := json.Marshal(b)
		if string(again) != string(body) {
			t.Errorf("bupati's section differs:\n%s\n%s", again, body)
		}
	})
}
