package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/pembinaan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

type psSesi struct {
	ID            string   `json:"id"`
	Wilayah       string   `json:"wilayah"`
	OPDID         string   `json:"opd_id"`
	Penyelenggara string   `json:"penyelenggara"`
	Desa          []string `json:"desa"`
	Status        string   `json:"status"`
}

type psUndangan struct {
	PembinaanID string `json:"pembinaan_id"`
	Judul       string `json:"judul"`
	Materi      []struct {
		ID string `json:"id"`
	} `json:"materi"`
	Hadir []struct {
		Nama string `json:"nama"`
	} `json:"hadir"`
}

type psDaftarHadir struct {
	Desa []struct {
		Desa  string `json:"desa"`
		Hadir []struct {
			PerangkatID string `json:"perangkat_id"`
			Nama        string `json:"nama"`
		} `json:"hadir"`
	} `json:"desa"`
}

// Sessions through the real app on the demo data: the camat plans a
// pembinaan at Bengkel, its perbekel sees the invitation, a perbekel of
// another kecamatan is walled off, DLH cannot touch DPMD's bimtek, and
// the door's attendance and the daftar hadir work. Both engines.
func TestPembinaanSesiAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := testApp(t, d)
		camat := login(t, srv, "camat.kediri@tabanan.test")
		perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
		nyitdah := login(t, srv, "perbekel.nyitdah@tabanan.test")
		belimbing := login(t, srv, "perbekel.belimbing@tabanan.test")
		dlh := login(t, srv, "dlh@tabanan.test")
		dpmd := login(t, srv, "dpmd@tabanan.test")

		mulai := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Hour)
		body, _ := json.Marshal(pembinaan.PembinaanSesiInput{Judul: "Pembinaan SOTK dan tupoksi", Jenis: "pembinaan",
			Topik: []string{"sotk", "kesra_pendidikan"}, Mulai: mulai, Selesai: mulai.Add(2 * time.Hour), Tempat: "Kantor Perbekel Bengkel",
			Narasumber: []pembinaan.PembinaanNarasumber{{Nama: "Ni Made Sriasih", Jabatan: "Kasi Tapem"}},
			Desa:       []string{"51.02.06.2001"}, JabatanWajib: []string{"kepala_desa", "sekretaris_desa"}})
		status, raw := call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02.06/pembinaan", camat, body)
		if status != 201 {
			t.Fatalf("create: %d %s", status, raw)
		}
		s := kjDecode[psSesi](t, raw)
		if s.Wilayah != "51.02.06" || len(s.Desa) != 1 || s.Status != "rencana" || !strings.Contains(s.Penyelenggara, "Kediri") {
			t.Fatalf("created %s", raw)
		}
		// Invalid input: a desa outside the kecamatan.
		bad := strings.Replace(string(body), "51.02.06.2001", "51.02.10.2001", 1)
		if status, raw := call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02.06/pembinaan", camat, []byte(bad)); status != 422 ||
			!strings.Contains(string(raw), "body.desa[0]") {
			t.Errorf("desa of another kecamatan: %d %s", status, raw)
		}

		// The perbekel of Bengkel sees it, on the API and the page.
		status, raw = call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2001/pembinaan", perbekel, nil)
		if status != 200 || !strings.Contains(string(raw), s.ID) {
			t.Fatalf("Bengkel's invitations: %d %s", status, raw)
		}
		if status, html := page(t, srv, "/desa/51.02.06.2001/pembinaan", perbekel); status != 200 || !strings.Contains(html, "Pembinaan SOTK dan tupoksi") ||
			!strings.Contains(html, "SOTK dan tupoksi") || !strings.Contains(html, "Sekretaris desa") {
			t.Errorf("invitation page: %d", status)
		}
		// Nyitdah was not invited; a perbekel of another kecamatan reads
		// neither the session nor Bengkel's invitations.
		if status, raw := call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2011/pembinaan", nyitdah, nil); status != 200 || strings.Contains(string(raw), s.ID) {
			t.Errorf("Nyitdah: %d %s", status, raw)
		}
		for _, path := range []string{"/api/v1/wilayah/51.02.06/pembinaan/" + s.ID, "/api/v1/desa/51.02.06.2001/pembinaan",
			"/api/v1/wilayah/51.02.06/pembinaan"} {
			if status, _ := call(t, srv, http.MethodGet, path, belimbing, nil); status != 403 && status != 404 {
				t.Errorf("%s as a perbekel of another kecamatan: %d", path, status)
			}
		}
		if status, _ := page(t, srv, "/desa/51.02.06.2001/pembinaan", belimbing); status != 403 {
			t.Errorf("Bengkel's page as Belimbing: %d", status)
		}
		// The perbekel reads, but plans nothing.
		if status, _ := call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02.06/pembinaan", perbekel, body); status != 403 {
			t.Errorf("perbekel planned: %d", status)
		}

		// DLH cannot change DPMD's bimtek; DPMD can.
		bimtek := "/api/v1/wilayah/51.02/pembinaan/" + pembinaan.DemoSesiBimtekKediri
		status, raw = call(t, srv, http.MethodGet, bimtek, dpmd, nil)
		if status != 200 {
			t.Fatalf("DPMD's bimtek: %d %s", status, raw)
		}
		if b := kjDecode[psSesi](t, raw); b.OPDID == "" || b.Status != "selesai" || len(b.Desa) < 2 {
			t.Errorf("demo bimtek: %s", raw)
		}
		if status, raw := call(t, srv, http.MethodPost, bimtek+"/status", dlh, []byte(`{"status":"rencana"}`)); status != 403 {
			t.Errorf("DLH changed DPMD's bimtek: %d %s", status, raw)
		}
		if status, raw := call(t, srv, http.MethodPost, bimtek+"/status", dpmd, []byte(`{"status":"selesai"}`)); status != 200 {
			t.Errorf("DPMD marks its bimtek: %d %s", status, raw)
		}

		// Attendance at the demo pembinaan at Bengkel: untick, tick again.
		bengkel := "/api/v1/wilayah/51.02.06/pembinaan/" + pembinaan.DemoSesiBengkel
		status, raw = call(t, srv, http.MethodGet, bengkel+"/daftar-hadir", camat, nil)
		if status != 200 {
			t.Fatalf("daftar hadir: %d %s", status, raw)
		}
		dh := kjDecode[psDaftarHadir](t, raw)
		if len(dh.Desa) != 1 || len(dh.Desa[0].Hadir) == 0 {
			t.Fatalf("demo attendance: %s", raw)
		}
		who := dh.Desa[0].Hadir[0]
		one := bengkel + "/hadir/51.02.06.2001/" + who.PerangkatID
		if status, raw := call(t, srv, http.MethodDelete, one, camat, nil); status != 204 {
			t.Fatalf("untick: %d %s", status, raw)
		}
		if status, raw := call(t, srv, http.MethodPut, one, camat, nil); status != 200 || !strings.Contains(string(raw), who.Nama) {
			t.Fatalf("tick: %d %s", status, raw)
		}
		if status, _ := call(t, srv, http.MethodPut, one, perbekel, nil); status != 403 {
			t.Errorf("perbekel ticked: %d", status)
		}
		// The desa sees who of it attended and the material, and opens it.
		status, raw = call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2001/pembinaan", perbekel, nil)
		var us struct{ Items []psUndangan }
		_ = json.Unmarshal(raw, &us)
		var found bool
		for _, u := range us.Items {
			if u.PembinaanID == pembinaan.DemoSesiBengkel {
				found = true
				if len(u.Hadir) == 0 || len(u.Materi) != 1 {
					t.Errorf("Bengkel's copy of the demo pembinaan: %+v", u)
					continue
				}
				p := "/api/v1/desa/51.02.06.2001/pembinaan/" + u.PembinaanID + "/materi/" + u.Materi[0].ID
				if status, raw := call(t, srv, http.MethodGet, p, perbekel, nil); status != 200 || !strings.Contains(string(raw), "PEMBINAAN PELAYANAN") {
					t.Errorf("material download: %d %.80s", status, raw)
				}
				if status, _ := call(t, srv, http.MethodGet, strings.Replace(p, "51.02.06.2001", "51.02.06.2011", 1), nyitdah, nil); status != 404 {
					t.Errorf("Nyitdah opened Bengkel's material: %d", status)
				}
			}
		}
		if status != 200 || !found {
			t.Errorf("demo pembinaan not among Bengkel's invitations: %d %s", status, raw)
		}

		// The pages: the door (search), the printable list, the session.
		for path, want := range map[string]string{
			"/wilayah/51.02.06/pembinaan":                                                 "Pembinaan pelayanan administrasi",
			"/wilayah/51.02.06/pembinaan/" + pembinaan.DemoSesiBengkel:                    "Catat kehadiran",
			"/wilayah/51.02.06/pembinaan/" + pembinaan.DemoSesiBengkel + "/hadir":         "Batalkan hadir",
			"/wilayah/51.02.06/pembinaan/" + pembinaan.DemoSesiBengkel + "/daftar-hadir":  "Tanda tangan",
			"/wilayah/51.02.06/pembinaan/" + pembinaan.DemoSesiBengkel + "/hadir?q=zzzzz": "Tidak ada nama yang cocok",
			"/wilayah/51.02.06/pembinaan/baru":                                            "Rencanakan sesi",
		} {
			if status, html := page(t, srv, path, camat); status != 200 || !strings.Contains(html, want) {
				t.Errorf("%s: %d, want %q", path, status, want)
			}
		}
		if status, _ := page(t, srv, "/wilayah/51.02.06/pembinaan/"+pembinaan.DemoSesiBengkel+"/hadir", perbekel); status != 403 {
			t.Errorf("the door as a perbekel: %d", status)
		}
	})
}
