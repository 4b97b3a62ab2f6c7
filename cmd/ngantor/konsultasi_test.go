package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

type ksUtas struct {
	ID             string `json:"id"`
	Desa           string `json:"desa"`
	Status         string `json:"status"`
	Judul          string `json:"judul"`
	HariKerjaJawab *int   `json:"hari_kerja_jawab"`
	Pesan          []struct {
		Sisi string `json:"sisi"`
		Isi  string `json:"isi"`
	} `json:"pesan"`
	Lampiran []struct {
		ID  string `json:"id"`
		URL string `json:"url"`
	} `json:"lampiran"`
}

type ksItems struct {
	Items []ksUtas `json:"items"`
}

// ksUpload posts one file as multipart field "berkas".
func ksUpload(t *testing.T, srv *httptest.Server, path, token, name string, content []byte) (int, []byte) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fw, _ := w.CreateFormFile("berkas", name)
	_, _ = fw.Write(content)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+path, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

// Konsultasi through the real app: the sekdes of Bengkel asks the
// kecamatan, the kasi tapem of Kediri sees and answers it, the desa and
// kecamatan walls hold, the bupati sees the response times and never a
// thread. Both engines.
func TestKonsultasiAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		ctx := context.Background()
		u, err := a.auth.CreateUser(ctx, auth.NewUser{Email: "camat.lain@tabanan.test", Name: "Camat Marga", Password: demoPassword})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.authz.Grant(ctx, authz.Grant{UserID: u.ID, Role: authz.Camat, Wilayah: "51.02.10"}); err != nil {
			t.Fatal(err)
		}
		sekdes := login(t, srv, demoSekdesBengkel)
		perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
		tapem := login(t, srv, "tapem.kediri@tabanan.test")
		nyitdah := login(t, srv, "perbekel.nyitdah@tabanan.test")
		camatLain := login(t, srv, "camat.lain@tabanan.test")
		bupati := login(t, srv, "bupati@tabanan.test")

		body, _ := json.Marshal(map[string]string{"bagian": "tata_pemerintahan", "topik": "tata_naskah",
			"judul": "Format buku agenda surat keluar", "isi": "Apakah buku agenda boleh dalam bentuk elektronik saja?"})
		status, raw := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/konsultasi", sekdes, body)
		if status != http.StatusCreated {
			t.Fatalf("open: %d %s", status, raw)
		}
		th := kjDecode[ksUtas](t, raw)
		if th.Status != "baru" || len(th.Pesan) != 1 {
			t.Fatalf("opened: %s", raw)
		}
		bad, _ := json.Marshal(map[string]string{"bagian": "dinas", "topik": "sotk", "judul": "Hai", "isi": "x"})
		if status, raw := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/konsultasi", sekdes, bad); status != 422 ||
			!strings.Contains(string(raw), "body.bagian") {
			t.Errorf("invalid thread: %d %s", status, raw)
		}
		if status, _ := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/konsultasi", tapem, body); status != 403 {
			t.Errorf("kecamatan staff opened a thread for the desa: %d", status)
		}

		// The kasi tapem sees it among the kecamatan's threads, the demo's
		// unanswered one first, and answers.
		status, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.06/konsultasi?status=baru", tapem, nil)
		if status != 200 {
			t.Fatalf("kecamatan list: %d %s", status, raw)
		}
		list := kjDecode[ksItems](t, raw)
		if len(list.Items) < 2 || list.Items[len(list.Items)-1].ID != th.ID || list.Items[0].Desa != "51.02.06.2011" {
			t.Fatalf("kecamatan list order: %s", raw)
		}
		ans, _ := json.Marshal(map[string]string{"isi": "Boleh, asal dicetak dan disahkan tiap akhir tahun."})
		if status, raw := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/konsultasi/"+th.ID+"/pesan", tapem, ans); status != 201 {
			t.Fatalf("answer: %d %s", status, raw)
		}
		status, raw = call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2001/konsultasi/"+th.ID, perbekel, nil)
		got := kjDecode[ksUtas](t, raw)
		if status != 200 || got.Status != "dijawab" || got.HariKerjaJawab == nil || *got.HariKerjaJawab != 0 || len(got.Pesan) != 2 || got.Pesan[1].Sisi != "kecamatan" {
			t.Fatalf("answered thread: %d %s", status, raw)
		}

		// A file, both ways.
		pdf := []byte("%PDF-1.4\n%%EOF\n")
		status, raw = ksUpload(t, srv, "/api/v1/desa/51.02.06.2001/konsultasi/"+th.ID+"/lampiran", sekdes, "agenda.pdf", pdf)
		if status != 201 {
			t.Fatalf("upload: %d %s", status, raw)
		}
		if status, raw := ksUpload(t, srv, "/api/v1/desa/51.02.06.2001/konsultasi/"+th.ID+"/lampiran", sekdes, "agenda.pdf", []byte("<html>x</html>")); status != 422 {
			t.Errorf("html as pdf: %d %s", status, raw)
		}
		lid := kjDecode[struct {
			ID string `json:"id"`
		}](t, raw).ID
		status, raw = call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2001/konsultasi/"+th.ID+"/lampiran/"+lid, tapem, nil)
		if status != 200 || !bytes.Equal(raw, pdf) {
			t.Errorf("download: %d %q", status, raw)
		}

		// The walls: another desa's perbekel and another kecamatan's camat.
		for _, p := range []string{"/api/v1/desa/51.02.06.2001/konsultasi/" + th.ID, "/api/v1/desa/51.02.06.2001/konsultasi",
			"/api/v1/desa/51.02.06.2001/konsultasi/" + th.ID + "/lampiran/" + lid} {
			for name, who := range map[string]string{"nyitdah": nyitdah, "camat lain": camatLain, "bupati": bupati} {
				if status, _ := call(t, srv, http.MethodGet, p, who, nil); status != 403 && status != 404 {
					t.Errorf("%s reads %s: %d", name, p, status)
				}
			}
		}
		if status, _ := call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2011/konsultasi/"+th.ID, nyitdah, nil); status != 404 {
			t.Errorf("Bengkel's thread under Nyitdah's code: %d", status)
		}
		for _, who := range []string{nyitdah, camatLain} {
			if status, _ := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/konsultasi/"+th.ID+"/pesan", who, ans); status != 403 {
				t.Errorf("outsider wrote: %d", status)
			}
		}
		if status, _ := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.06/konsultasi", camatLain, nil); status != 403 {
			t.Errorf("another camat lists Kediri's threads: %d", status)
		}

		// Closed by the desa; then no more messages.
		closeBody, _ := json.Marshal(map[string]string{"status": "selesai"})
		if status, raw := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/konsultasi/"+th.ID+"/status", sekdes, closeBody); status != 200 ||
			!strings.Contains(string(raw), `"status":"selesai"`) {
			t.Fatalf("close: %d %s", status, raw)
		}
		if status, raw := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/konsultasi/"+th.ID+"/pesan", tapem, ans); status != 409 ||
			!strings.Contains(string(raw), "sudah selesai") {
			t.Errorf("message on a closed thread: %d %s", status, raw)
		}

		// The bupati's response times: Kediri with the demo's threads, no text.
		status, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/konsultasi/statistik", bupati, nil)
		if status != 200 || !strings.Contains(string(raw), `"kode":"51.02.06"`) || strings.Contains(string(raw), "agenda") || strings.Contains(string(raw), "judul") {
			t.Errorf("statistics: %d %s", status, raw)
		}
		if status, _ := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.06/konsultasi", bupati, nil); status != 403 {
			t.Errorf("the bupati lists threads: %d", status)
		}

		// The pages show each side its own forms.
		demo := list.Items[0].ID
		status, html := page(t, srv, "/desa/51.02.06.2011/konsultasi/"+demo, tapem)
		if status != 200 || !strings.Contains(html, "Kirim jawaban") || !strings.Contains(html, "Jadikan tindak lanjut") {
			t.Errorf("thread page for the kecamatan: %d", status)
		}
		status, html = page(t, srv, "/desa/51.02.06.2011/konsultasi/"+demo, nyitdah)
		if status != 200 || !strings.Contains(html, "Kirim balasan") || strings.Contains(html, "Jadikan tindak lanjut") {
			t.Errorf("thread page for the desa: %d", status)
		}
		if status, html := page(t, srv, "/desa/51.02.06.2001/konsultasi", perbekel); status != 200 || !strings.Contains(html, "Buka konsultasi baru") ||
			!strings.Contains(html, "Kode klasifikasi surat") {
			t.Errorf("desa list page: %d", status)
		}
		if status, html := page(t, srv, "/wilayah/51.02.06/konsultasi?bagian=camat", tapem); status != 200 || !strings.Contains(html, "Pilkades") {
			t.Errorf("kecamatan page: %d", status)
		}
		if status, html := page(t, srv, "/wilayah/51.02/konsultasi/statistik", bupati); status != 200 || !strings.Contains(html, "Kediri") {
			t.Errorf("statistics page: %d", status)
		}
		if status, _ := page(t, srv, "/desa/51.02.06.2001/konsultasi/"+th.ID, nyitdah); status != 403 && status != 404 {
			t.Errorf("Nyitdah opens Bengkel's thread page: %d", status)
		}
	})
}
