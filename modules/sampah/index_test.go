package sampah_test

import (
	"net/http"
	"testing"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

const bengkel = "51.02.06.2001"

// The landing page opens for the desa's roles and the readers above it,
// and to nobody who holds figures only or another desa.
func TestLandingPageWalls(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d, map[string]grant{
			"perbekel": {authz.Perbekel, bengkel},
			"petugas":  {authz.PetugasSampah, bengkel},
			"dlh":      {authz.OPD, "51.02"},
			"forum":    {authz.ForumPerbekel, "51.02"},
			"lain":     {authz.Perbekel, "51.02.06.2002"},
		}, "Uji ")
		for user, want := range map[string]int{"perbekel": 200, "petugas": 200, "dlh": 200, "forum": 403, "lain": 403} {
			code, body := s.page(http.MethodGet, "/desa/"+bengkel+"/sampah", user, nil)
			if code != want {
				t.Errorf("%s: %d, want %d: %.300s", user, code, want, body)
			}
			if code == 200 {
				mustContain(t, user, body, "Pengelolaan sampah", "Belum ada fasilitas tercatat.")
			}
		}
	})
}
