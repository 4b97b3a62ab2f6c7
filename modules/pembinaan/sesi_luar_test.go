package pembinaan_test

import (
	"testing"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// A kecamatan sees the sessions the kabupaten held for its desa (from the
// desa's copies and attendance), not its own ones twice, and not a
// session for another kecamatan's desa only.
func TestDaftarSesiLuar(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := sesiModule(t, d)
		camat := sesiAt(sesiKediri, "u-camat")
		dpmd := sesiAt(sesiKab, "u-dpmd")
		if _, err := m.BuatSesi(camat, sesiInput()); err != nil {
			t.Fatal(err)
		}
		kab, err := m.BuatSesi(dpmd, sesiInput())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.CatatHadir(dpmd, kab.ID, sesiBengkel, "p-bengkel-kades"); err != nil {
			t.Fatal(err)
		}
		if _, err := m.CatatHadir(dpmd, kab.ID, sesiBengkel, "p-bengkel-sekdes"); err != nil {
			t.Fatal(err)
		}
		lain := sesiInput()
		lain.Desa = []string{string(sesiLain)}
		if _, err := m.BuatSesi(dpmd, lain); err != nil {
			t.Fatal(err)
		}
		got, err := m.DaftarSesiLuar(camat)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].PembinaanID != kab.ID || got[0].Desa != 2 || got[0].Hadir != 2 ||
			got[0].Penyelenggara != "Dinas Pemberdayaan Masyarakat dan Desa" {
			t.Fatalf("kecamatan's view of the kabupaten's sessions: %+v", got)
		}
		if got, err := m.DaftarSesiLuar(dpmd); err != nil || len(got) != 0 {
			t.Fatalf("at the kabupaten: %+v %v", got, err)
		}
	})
}
