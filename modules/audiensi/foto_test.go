package audiensi_test

import (
	"bytes"
	"encoding/json"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/gambar/gambartest"
)

func (e env) unggah(t *testing.T, path, user string, b []byte) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("berkas", "IMG_0001.jpg")
	_, _ = fw.Write(b)
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, "https://ngantor.example/api/v1"+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+user)
	}
	rec := httptest.NewRecorder()
	e.api.Server.Mux().ServeHTTP(rec, req)
	out := map[string]any{}
	if rec.Body.Len() > 0 {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s: %v: %s", path, err, rec.Body)
		}
	}
	return rec.Code, out
}

func TestPhotosAreStrippedBoundedAndWalled(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		a := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("anonim"))
		id, kode := a["id"].(string), a["kode_lacak"].(string)
		phone := gambartest.DenganEXIF(gambartest.JPEG(t, 1200, 900, 6), 6)

		// The reporter adds one through the tracking code, the desa four
		// more; the sixth is refused.
		if code, out := e.unggah(t, "/publik/audiensi/"+kode+"/foto", "", phone); code != 201 {
			t.Fatalf("public upload: %d %v", code, out)
		}
		for i := 0; i < 4; i++ {
			if code, out := e.unggah(t, desaPath+"/"+id+"/foto", "kasi", phone); code != 201 {
				t.Fatalf("desa upload %d: %d %v", i, code, out)
			}
		}
		if code, out := e.unggah(t, desaPath+"/"+id+"/foto", "kasi", phone); code != 422 || !strings.Contains(out["detail"].(string), "5 foto") {
			t.Fatalf("sixth: %d %v", code, out)
		}
		if code, _ := e.unggah(t, desaPath+"/"+id+"/foto", "kasi", []byte("bukan gambar")); code != 422 {
			t.Fatalf("not an image: %d", code)
		}
		det := e.call(t, 200, http.MethodGet, desaPath+"/"+id, "perbekel", nil)
		fotos := det["foto"].([]any)
		if len(fotos) != 5 {
			t.Fatalf("photos: %d", len(fotos))
		}
		url := fotos[0].(map[string]any)["url"].(string)
		// The stored image has no EXIF and was turned upright (orientation 6).
		resp, body := e.site.Do(http.MethodGet, url, "perbekel", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/jpeg" {
			t.Fatalf("%s: %d %s", url, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		gambartest.TanpaMetadata(t, "stored photo", []byte(body))
		img, err := jpeg.Decode(strings.NewReader(body))
		if err != nil || img.Bounds().Dx() >= img.Bounds().Dy() {
			t.Fatalf("not upright: %v %v", err, img.Bounds())
		}
		// An OPD it is not disposed to sees no photo; the public page shows none.
		if resp, _ := e.site.Do(http.MethodGet, url, "dlh", nil); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("dlh opened a photo: %d", resp.StatusCode)
		}
		pub := e.api.Do(http.MethodGet, "/publik/audiensi/"+kode, "", nil)
		if raw, _ := io.ReadAll(pub.Body); strings.Contains(string(raw), "/foto/") {
			t.Fatalf("public status shows photos: %s", raw)
		}

		// Evidence: DLH's, once disposed, and only DLH's members.
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/verifikasi", "perbekel", map[string]any{})
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/disposisi", "perbekel", map[string]any{"penerima": []string{idDLH}})
		if code, _ := e.unggah(t, desaPath+"/"+id+"/foto", "kasi", phone); code != 409 {
			t.Fatalf("report photo after routing: %d", code)
		}
		if code, _ := e.unggah(t, desaPath+"/"+id+"/foto?penerima="+idDLH, "dinkes", phone); code != 404 {
			t.Fatalf("dinkes evidence for DLH: %d", code)
		}
		if code, out := e.unggah(t, desaPath+"/"+id+"/foto?penerima="+idDLH, "dlh", phone); code != 201 || out["jenis"] != "bukti" {
			t.Fatalf("DLH evidence: %d %v", code, out)
		}
		if resp, _ := e.site.Do(http.MethodGet, url+"/kecil", "dlh", nil); resp.StatusCode != 200 {
			t.Fatalf("dlh thumbnail once disposed: %d", resp.StatusCode)
		}
	})
}

func fotoForm(t *testing.T, b []byte) (string, *bytes.Buffer) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("berkas", "IMG_0002.jpg")
	_, _ = fw.Write(b)
	_ = w.Close()
	return w.FormDataContentType(), &body
}

func TestPhotoFormsOnThePages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		a := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("anonim"))
		id, kode := a["id"].(string), a["kode_lacak"].(string)
		page := desaPath[len(""):] + "/" + id
		_, body := e.site.Do(http.MethodGet, page, "kasi", nil)
		if !strings.Contains(body, `id="aksi-foto"`) {
			t.Fatal("kasi has no photo form on a new audiensi")
		}
		ct, b := fotoForm(t, gambartest.JPEG(t, 640, 480, 1))
		resp, _ := e.site.DoBody(http.MethodPost, page+"/foto", "kasi", ct, b, true)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("photo post: %d", resp.StatusCode)
		}
		if _, body := e.site.Do(http.MethodGet, page, "kasi", nil); !strings.Contains(body, `id="daftar-foto"`) || !strings.Contains(body, "/foto/") {
			t.Fatal("the photo is not on the page")
		}
		ct, b = fotoForm(t, []byte("bukan gambar"))
		if resp, body := e.site.DoBody(http.MethodPost, page+"/foto", "kasi", ct, b, true); resp.StatusCode != 422 || !strings.Contains(body, `id="aksi-foto"`) {
			t.Fatalf("a refused photo: %d", resp.StatusCode)
		}
		// The reporter, on the public status page.
		resp, body = e.site.Do(http.MethodGet, "/audiensi/lacak/"+kode, "", nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `id="form-foto"`) {
			t.Fatalf("status page has no photo form: %d", resp.StatusCode)
		}
		ct, b = fotoForm(t, gambartest.JPEG(t, 640, 480, 1))
		if resp, _ := e.site.DoBody(http.MethodPost, "/audiensi/lacak/"+kode+"/foto", "", ct, b, true); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("public photo post: %d", resp.StatusCode)
		}
		if n := len(e.call(t, 200, http.MethodGet, desaPath+"/"+id, "perbekel", nil)["foto"].([]any)); n != 2 {
			t.Fatalf("photos after both forms: %d", n)
		}
		// Once routed, the report's photo form is gone; DLH's evidence form shows for DLH only.
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/verifikasi", "perbekel", map[string]any{})
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/disposisi", "perbekel", map[string]any{"penerima": []string{idDLH}})
		if _, body := e.site.Do(http.MethodGet, page, "kasi", nil); strings.Contains(body, `id="aksi-foto"`) || strings.Contains(body, `id="aksi-bukti-`) {
			t.Fatal("kasi still has a photo form after routing to DLH")
		}
		if _, body := e.site.Do(http.MethodGet, page, "dlh", nil); !strings.Contains(body, `id="aksi-bukti-`+idDLH+`"`) {
			t.Fatal("DLH has no evidence form")
		}
		if _, body := e.site.Do(http.MethodGet, "/audiensi/lacak/"+kode, "", nil); strings.Contains(body, `id="form-foto"`) {
			t.Fatal("the reporter can still add photos after routing")
		}
	})
}
