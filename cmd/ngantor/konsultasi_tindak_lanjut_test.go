package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/pembinaan"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// A konsultasi thread becomes a follow-up point of a pembinaan through the
// real modules on both sides (konsultasi's module tests use a fake): the
// kasi tapem of Kediri turns Bengkel's thread into a point of the demo
// pembinaan pelayanan at Bengkel; a second call adds nothing; the desa
// sees the point among its follow-ups; the perbekel may not do it; a
// session the desa was not invited to is refused with a clear error.
func TestKonsultasiBecomesPembinaanFollowUp(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := testApp(t, d)
		sekdes := login(t, srv, demoSekdesBengkel)
		perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
		tapem := login(t, srv, "tapem.kediri@tabanan.test")
		buka := func(judul string) string {
			t.Helper()
			status, raw := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/konsultasi", sekdes,
				[]byte(`{"bagian":"tata_pemerintahan","topik":"pelayanan","judul":"`+judul+`","isi":"Mohon arahan alur dan syaratnya."}`))
			if status != http.StatusCreated {
				t.Fatalf("open: %d %s", status, raw)
			}
			return kjDecode[ksUtas](t, raw).ID
		}
		type hasil struct {
			TindakLanjutID string `json:"tindak_lanjut_id"`
		}

		th := buka("Alur pelayanan surat keterangan usaha")
		tenggat := civil.Today(time.Now(), "51.02.06.2001").AddDate(0, 0, 14)
		body := []byte(`{"pembinaan_id":"` + pembinaan.DemoSesiBengkel + `","tenggat":"` + string(tenggat) + `"}`)
		path := "/api/v1/desa/51.02.06.2001/konsultasi/" + th + "/tindak-lanjut"
		if status, raw := call(t, srv, http.MethodPost, path, perbekel, body); status != http.StatusForbidden {
			t.Errorf("the perbekel made a follow-up point: %d %s", status, raw)
		}
		var ids []string
		for i := 0; i < 2; i++ {
			status, raw := call(t, srv, http.MethodPost, path, tapem, body)
			if status != http.StatusOK && status != http.StatusCreated {
				t.Fatalf("follow-up %d: %d %s", i, status, raw)
			}
			h := kjDecode[hasil](t, raw)
			if h.TindakLanjutID == "" {
				t.Fatalf("follow-up %d: no tindak_lanjut_id in %s", i, raw)
			}
			ids = append(ids, h.TindakLanjutID)
		}
		if ids[0] != ids[1] {
			t.Errorf("a second call made another point: %v", ids)
		}
		status, raw := call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2001/pembinaan/tindak-lanjut", perbekel, nil)
		if status != http.StatusOK || strings.Count(string(raw), ids[0]) != 1 || !strings.Contains(string(raw), "Alur pelayanan surat keterangan usaha") {
			t.Errorf("the desa's follow-ups: %d %s", status, raw)
		}

		lain := buka("Data posyandu untuk laporan")
		bad := []byte(`{"pembinaan_id":"01938a6e-0000-7000-8000-0000000000ff","tenggat":"` + string(tenggat) + `"}`)
		status, raw = call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/konsultasi/"+lain+"/tindak-lanjut", tapem, bad)
		if status < 400 || status >= 500 || !strings.Contains(string(raw), `"detail"`) {
			t.Errorf("a session the desa was not invited to: %d %s", status, raw)
		}
	})
}
