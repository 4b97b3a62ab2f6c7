package sampah_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// TestIuranPageSaysWhatIssuingDid: after issuing a month's bills the page
// says how many were issued; issuing again says none were new, so a
// perbekel who clicks twice sees that nothing was billed twice.
func TestIuranPageSaysWhatIssuingDid(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d, iuranUsers, "Uji ")
		s.want(http.StatusSeeOther, http.MethodPost, iuranBase+"/kelas", "perbekel", url.Values{"nama": {"Rumah tangga"}, "tarif": {"15.000"}, "aktif": {"1"}})
		_, body := s.want(200, http.MethodGet, iuranBase, "perbekel", nil)
		kelas := between(body[strings.Index(body, "form-rumah"):], `<option value="`, `"`)
		for _, nama := range []string{"I Ketut Halaman", "Ni Luh Sawah"} {
			s.want(http.StatusSeeOther, http.MethodPost, iuranBase+"/rumah", "petugas", url.Values{"nama": {nama}, "kelas_id": {kelas}, "mulai": {"2026-01"}})
		}
		for _, c := range []struct{ want, not string }{
			{"2 tagihan bulan Maret 2026 diterbitkan.", "Tidak ada tagihan baru"},
			{"Tidak ada tagihan baru: semua rumah tangga aktif sudah ditagih bulan Maret 2026.", "diterbitkan."},
		} {
			loc, _ := s.want(http.StatusSeeOther, http.MethodPost, iuranBase+"/tagihan", "perbekel", url.Values{"periode": {"2026-03"}})
			_, body := s.want(200, http.MethodGet, loc, "perbekel", nil)
			mustContain(t, "after issuing", body, `id="pesan-terbit"`, c.want, "Terbitkan tagihan bulan Maret 2026")
			if strings.Contains(body, c.not) {
				t.Errorf("after issuing the page says %q too", c.not)
			}
		}
		if _, body := s.want(200, http.MethodGet, iuranBase+"?periode=2026-03", "perbekel", nil); strings.Contains(body, "pesan-terbit") {
			t.Error("the month's page says what issuing did without an issuing")
		}
	})
}
