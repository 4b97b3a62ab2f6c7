package administration_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// indicatorsOf runs the provider for wilayah and writes its answer as
// "desa code=value" lines, sorted, for one comparison.
func indicatorsOf(t *testing.T, f *fixture, wilayah tenancy.Kode, codes []string) map[string]string {
	t.Helper()
	vals, err := f.m.Indicators(context.Background(), wilayah, indicator.Month("2026-11-23"), codes)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, v := range vals {
		key := string(v.Desa) + " " + v.Code
		if _, dup := out[key]; dup {
			t.Errorf("two values for %s", key)
		}
		switch v.Code {
		case indicator.Diperbarui:
			out[key] = v.Time.Format("2006-01-02T15:04")
		case a.IndKepalaDesa, a.IndStatusKepalaDesa:
			out[key] = v.Text
		default:
			out[key] = fmt.Sprint(v.Number)
		}
	}
	return out
}

func dump(m map[string]string) string {
	var lines []string
	for k, v := range m {
		lines = append(lines, k+"="+v)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestIndicatorsCountPostsAsHeldToday: the table's figures for a kecamatan.
// Today at the desa is 2026-11-23, so the 60-day window ends 2027-01-22.
// A post whose appointment has ended, or whose term ran out yesterday, is
// vacant; a term ending on day 60 counts, one ending on day 61 does not;
// the population is the latest year's; a desa with nothing recorded and a
// desa of another kecamatan have no values.
func TestIndicatorsCountPostsAsHeldToday(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		kades := appointment(a.KepalaDesa, "I Made Sudarsana", 1)
		kades.SKTanggal, kades.Mulai, kades.Selesai = "2019-01-18", "2019-01-22", "2027-01-22" // day 60
		mustAppoint(t, f, bengkel, kades)
		kasi := appointment(a.KasiPemerintahan, "I Nyoman Artawan", 2)
		kasi.Selesai = "2027-01-23" // day 61
		mustAppoint(t, f, bengkel, kasi)
		pelayanan := appointment(a.KasiPelayanan, "I Gede Putra", 3)
		pelayanan.Selesai = "2026-11-22" // ran out yesterday, nobody recorded a successor
		mustAppoint(t, f, bengkel, pelayanan)
		kaur := mustAppoint(t, f, bengkel, appointment(a.KaurKeuangan, "I Wayan Sudira", 4))
		if _, err := f.m.EndPerangkat(at(bengkel), kaur.ID, a.Pemberhentian{Tanggal: "2026-11-20"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.m.CreateDusun(at(bengkel), a.DusunInput{Nama: "Bengkel Kangin", Sebutan: "banjar"}); err != nil {
			t.Fatal(err)
		}
		bpd, err := f.m.CreateLembaga(at(bengkel), a.LembagaInput{Jenis: a.BPD, Nama: "BPD Bengkel"})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []struct{ nama, jabatan, selesai string }{
			{"I Gusti Ngurah Oka", "Ketua", "2027-01-01"}, // counted
			{"Ni Nyoman Sariasih", "Anggota", "2027-06-01"},
		} {
			if _, err := f.m.AddAnggota(at(bengkel), bpd.ID, a.AnggotaInput{Nama: s.nama, Jabatan: s.jabatan,
				Mulai: "2021-06-01", Selesai: a.Tanggal(s.selesai)}); err != nil {
				t.Fatal(err)
			}
		}
		for tahun, n := range map[int]int{2025: 4_000, 2026: 4_913} {
			if _, err := f.m.SavePenduduk(at(bengkel), tahun, a.PendudukInput{LakiLaki: n / 2, Perempuan: n - n/2, KK: 1_000}); err != nil {
				t.Fatal(err)
			}
		}
		pj := appointment(a.KepalaDesa, "I Gusti Made Suryawan", 5)
		pj.Status = a.Pj
		mustAppoint(t, f, pangkung, pj)
		mustAppoint(t, f, marga, appointment(a.KepalaDesa, "Perbekel Marga", 6))

		got := indicatorsOf(t, f, kediri, nil)
		now := f.clock.Now().UTC().Format("2006-01-02T15:04")
		want := map[string]string{
			"51.02.06.2001 kepala_desa":           "I Made Sudarsana",
			"51.02.06.2001 status_kepala_desa":    "Definitif",
			"51.02.06.2001 jabatan_terisi":        "2", // kepala desa, kasi pemerintahan
			"51.02.06.2001 jabatan_kosong":        "7", // 6 of the SOTK's 8 and the banjar's kelian
			"51.02.06.2001 masa_jabatan_berakhir": "2", // the perbekel (day 60) and the BPD ketua
			"51.02.06.2001 penduduk":              "4913",
			"51.02.06.2001 diperbarui":            now,
			"51.02.06.2002 kepala_desa":           "I Gusti Made Suryawan",
			"51.02.06.2002 status_kepala_desa":    "Pj",
			"51.02.06.2002 jabatan_terisi":        "1",
			"51.02.06.2002 jabatan_kosong":        "7",
			"51.02.06.2002 diperbarui":            now,
		}
		if dump(got) != dump(want) {
			t.Errorf("indicators of Kediri:\n%s\nwant:\n%s", dump(got), dump(want))
		}

		// A consumer that may not read names asks for the aggregates only,
		// and gets nothing else.
		agg := indicatorsOf(t, f, kediri, []string{a.IndJabatanKosong, a.IndPenduduk})
		if dump(agg) != "51.02.06.2001 jabatan_kosong=7\n51.02.06.2001 penduduk=4913\n51.02.06.2002 jabatan_kosong=7" {
			t.Errorf("aggregates only:\n%s", dump(agg))
		}

		// The kabupaten sees Marga too; one desa sees itself.
		if kab := indicatorsOf(t, f, "51.02", []string{a.IndKepalaDesa}); kab["51.02.07.2001 kepala_desa"] != "Perbekel Marga" || len(kab) != 3 {
			t.Errorf("kabupaten: %v", kab)
		}
		if own := indicatorsOf(t, f, pangkung, []string{a.IndKepalaDesa}); len(own) != 1 {
			t.Errorf("one desa: %v", own)
		}
	})
}
