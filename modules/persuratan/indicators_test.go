package persuratan_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// TestIndicatorsCountThisMonthsLettersOnly: today is 5 March 2026. Letters
// of February do not count, a cancelled one does not, a desa that sent
// none this month has 0, and a desa that never recorded a letter has no
// value at all.
func TestIndicatorsCountThisMonthsLettersOnly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		keluar := func(k tenancy.Kode, tanggal persuratan.Tanggal) persuratan.SuratKeluar {
			t.Helper()
			s, err := m.CreateKeluar(desaCtx(k), persuratan.SuratKeluarBaru{Tanggal: tanggal, Klasifikasi: "000.1", Tujuan: "BPD", Perihal: "Undangan"}, "u")
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		keluar(bengkel, "2026-02-28") // last month
		keluar(bengkel, "2026-03-01")
		keluar(bengkel, "2026-03-05")
		batal := keluar(bengkel, "2026-03-04")
		if _, err := m.Batalkan(desaCtx(bengkel), batal.ID, persuratan.PembatalanBaru{Alasan: "Salah ketik tujuan"}, "u"); err != nil {
			t.Fatal(err)
		}
		keluar(tetangga, "2026-02-10")

		got := func(wilayah tenancy.Kode, codes []string) string {
			t.Helper()
			vals, err := m.Indicators(context.Background(), wilayah, indicator.Month("2026-03-05"), codes)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, v := range vals {
				if v.Source != "persuratan" {
					t.Errorf("value from source %q", v.Source)
				}
				switch v.Code {
				case indicator.Diperbarui:
					lines = append(lines, fmt.Sprintf("%s %s %v", v.Desa, v.Code, v.Time.Equal(now)))
				default:
					lines = append(lines, fmt.Sprintf("%s %s %d", v.Desa, v.Code, v.Number))
				}
			}
			sort.Strings(lines)
			return strings.Join(lines, "\n")
		}
		want := "51.02.06.2001 diperbarui true\n51.02.06.2001 surat_keluar 2\n51.02.06.2002 diperbarui true\n51.02.06.2002 surat_keluar 0"
		if g := got("51.02.06", nil); g != want {
			t.Errorf("Kediri:\n%s\nwant:\n%s", g, want)
		}
		if g := got("51.02.06", []string{persuratan.IndSuratKeluar}); g != "51.02.06.2001 surat_keluar 2\n51.02.06.2002 surat_keluar 0" {
			t.Errorf("letters only:\n%s", g)
		}
		if g := got(bengkel, []string{persuratan.IndSuratKeluar}); g != "51.02.06.2001 surat_keluar 2" {
			t.Errorf("one desa:\n%s", g)
		}
		// February, asked for as its own period, has one letter of each desa.
		vals, err := m.Indicators(context.Background(), "51.02.06", indicator.Month("2026-02-01"), []string{persuratan.IndSuratKeluar})
		if err != nil || len(vals) != 2 || vals[0].Number != 1 || vals[1].Number != 1 {
			t.Errorf("February: %+v %v", vals, err)
		}
	})
}
