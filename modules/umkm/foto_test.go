package umkm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/gambar/gambartest"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// fotoRig is the foto part on a test database: the pages behind real
// sessions, the API, a blob folder, and UMKM rows inserted directly.
type fotoRig struct {
	t     *testing.T
	d     *db.DB
	m     *umkm.Module
	site  *webtest.Site
	api   *webtest.API
	dir   string
	store *fotoGagalStore
}

// fotoGagalStore is a blob store that can be told to refuse writes.
type fotoGagalStore struct {
	blob.Store
	gagalPut atomic.Int32 // refuse the nth Put from now (1 = the next)
}

func (s *fotoGagalStore) Put(ctx context.Context, key string, r io.Reader, ct string) error {
	if n := s.gagalPut.Load(); n > 0 {
		if s.gagalPut.Add(-1) == 0 {
			return errors.New("disk full")
		}
	}
	return s.Store.Put(ctx, key, r, ct)
}

const kediri tenancy.Kode = "51.02.06"

func fotoSetup(t *testing.T, d *db.DB) *fotoRig {
	t.Helper()
	az := &webtest.Accounts{Templates: umkm.Templates(), Title: "Nama ", Users: map[string]webtest.Grant{
		"operator": {Role: authz.Operator, Kode: bengkel},
		"camat":    {Role: authz.Camat, Kode: kediri},
		"tetangga": {Role: authz.Operator, Kode: tetangga},
	}}
	site := webtest.NewSite(t, d, az)
	dir := t.TempDir()
	st, err := blob.Open(context.Background(), "file://"+dir)
	if err != nil {
		t.Fatal(err)
	}
	store := &fotoGagalStore{Store: st}
	clock := func() time.Time { return now }
	m := umkm.New(umkm.Deps{DB: d, Web: site.Web, Authz: az, Audit: site.Audit, Blob: store, Logger: webtest.Discard, Clock: clock})
	m.Routes(site.Mux)
	site.Web.Routes(site.Mux)
	api := webtest.NewAPI(m.Register, az, clock, func(deps *httpserver.Deps) { deps.Audit = site.Audit })
	return &fotoRig{t: t, d: d, m: m, site: site, api: api, dir: dir, store: store}
}

// usahaBaru inserts an UMKM of desa with status and a product; it returns
// their ids.
func (r *fotoRig) usahaBaru(desa tenancy.Kode, status string) (umkmID, produkID string) {
	r.t.Helper()
	umkmID, produkID = uuid.Must(uuid.NewV7()).String(), uuid.Must(uuid.NewV7()).String()
	u := usaha(desa, umkmID, "")
	u.Status = status
	p := &umkm.Produk{DesaID: desa.ID(), ID: produkID, UmkmID: umkmID, Nama: "Keripik pedas", Harga: 15_000, Satuan: "bungkus",
		CreatedAt: now, UpdatedAt: now}
	if err := insert(context.Background(), r.d, desa, u, p); err != nil {
		r.t.Fatal(err)
	}
	return umkmID, produkID
}

// multipart builds a form with the file field "berkas".
func fotoMultipart(t testing.TB, b []byte) (string, *bytes.Buffer) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	// An empty second file input first, as a phone sends the unused one.
	if _, err := w.CreateFormFile("berkas", ""); err != nil {
		t.Fatal(err)
	}
	fw, err := w.CreateFormFile("berkas", "IMG_0001.jpg")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(b)
	_ = w.Close()
	return w.FormDataContentType(), &body
}

// unggahPage posts b to a page as user.
func (r *fotoRig) unggahPage(path, user string, b []byte) (*http.Response, string) {
	r.t.Helper()
	ct, body := fotoMultipart(r.t, b)
	return r.site.DoBody(http.MethodPost, path, user, ct, body, true)
}

// unggahAPI sends b to an /api/v1 path as user with method.
func (r *fotoRig) unggahAPI(method, path, user string, b []byte) (int, map[string]any) {
	r.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("berkas", "foto.jpg")
	_, _ = fw.Write(b)
	_ = w.Close()
	req := httptest.NewRequest(method, "https://ngantor.example/api/v1"+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+user)
	rec := httptest.NewRecorder()
	r.api.Server.Mux().ServeHTTP(rec, req)
	out := map[string]any{}
	if rec.Body.Len() > 0 {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			r.t.Fatalf("%s %s: %v: %s", method, path, err, rec.Body)
		}
	}
	return rec.Code, out
}

// get fetches a path of the site (an image) as user.
func (r *fotoRig) get(path, user string, header ...string) *http.Response {
	r.t.Helper()
	req := httptest.NewRequest(http.MethodGet, "https://ngantor.example"+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if user != "" {
		// Through the site's own sessions.
		resp, body := r.site.Do(http.MethodGet, path, user, nil)
		resp.Body = io.NopCloser(strings.NewReader(body))
		return resp
	}
	rec := httptest.NewRecorder()
	r.site.Mux.ServeHTTP(rec, req)
	return rec.Result()
}

// fotoRows counts the photo rows of an UMKM behind every wall.
func (r *fotoRig) fotoRows(desa tenancy.Kode, umkmID string) int {
	r.t.Helper()
	var n int
	err := r.d.Tx(webtest.DesaCtx(desa), func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw("SELECT count(*) FROM umkm_foto WHERE desa_id = ? AND umkm_id = ?", desa.ID(), umkmID).Scan(ctx, &n)
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}

// blobs lists the files in the blob folder.
func (r *fotoRig) blobs() []string {
	r.t.Helper()
	var out []string
	_ = filepath.WalkDir(r.dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func bacaSemua(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The operator uploads a phone photo on the photo page; the gallery shows
// its thumbnail; both sizes are served signed-in (private) and, while the
// UMKM is aktif, at the public address (public, a day, ETag, nosniff),
// without EXIF; deleting removes the row and both blobs; upload and delete
// are audited.
func TestFotoUnggahTampilHapus(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := fotoSetup(t, d)
		u, _ := r.usahaBaru(bengkel, umkm.StatusAktif)
		page := "/desa/" + string(bengkel) + "/umkm/" + u + "/foto"

		resp, body := r.unggahPage(page, "operator", gambartest.JPEG(t, 2400, 1800, 6))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", resp.StatusCode, body)
		}
		_, fs, err := r.m.DaftarFoto(webtest.DesaCtx(bengkel), u)
		if err != nil || len(fs) != 1 {
			t.Fatalf("photos after upload: %v %v", fs, err)
		}
		f := fs[0]
		kecil := umkm.FotoURL(false, string(bengkel), u, f.ID, true)
		_, body = r.site.Want(http.StatusOK, http.MethodGet, page+"?pesan=unggah", "operator", nil)
		webtest.MustContain(t, "gallery", body, `src="`+kecil+`"`, "Foto sudah diunggah", `capture="environment"`,
			`accept="image/jpeg,image/png"`, `action="`+page+"/"+f.ID+`/hapus"`, "1 dari 8")

		for _, c := range []struct {
			path, user, cache string
			w, h              int
		}{
			{umkm.FotoURL(false, string(bengkel), u, f.ID, false), "operator", "private", 1200, 1600},
			{kecil, "camat", "private", 240, 320},
			{umkm.FotoURL(true, string(bengkel), u, f.ID, false), "", "public, max-age=86400", 1200, 1600},
			{umkm.FotoURL(true, string(bengkel), u, f.ID, true), "", "public, max-age=86400", 240, 320},
		} {
			resp := r.get(c.path, c.user)
			b := bacaSemua(t, resp)
			h := resp.Header
			if resp.StatusCode != 200 || h.Get("Content-Type") != "image/jpeg" || h.Get("X-Content-Type-Options") != "nosniff" ||
				!strings.HasPrefix(h.Get("Cache-Control"), c.cache) || h.Get("ETag") == "" {
				t.Errorf("GET %s as %q: %d %v", c.path, c.user, resp.StatusCode, h)
				continue
			}
			gambartest.TanpaMetadata(t, c.path, b)
			img := gambartest.Ukuran(t, b)
			if img.Bounds().Dx() != c.w || img.Bounds().Dy() != c.h {
				t.Errorf("GET %s: %v, want %d × %d (turned upright)", c.path, img.Bounds().Size(), c.w, c.h)
			}
			if c.user == "" {
				again := r.get(c.path, "", "If-None-Match", h.Get("ETag"))
				if again.StatusCode != http.StatusNotModified {
					t.Errorf("GET %s with its ETag: %d, want 304", c.path, again.StatusCode)
				}
			}
		}
		if n := len(r.blobs()); n != 2 {
			t.Errorf("%d blobs after one upload, want 2", n)
		}

		if loc, _ := r.site.Want(http.StatusSeeOther, http.MethodPost, page+"/"+f.ID+"/hapus", "operator", nil); !strings.HasPrefix(loc, page) {
			t.Errorf("delete leads to %q", loc)
		}
		if n := r.fotoRows(bengkel, u); n != 0 {
			t.Errorf("%d rows after delete", n)
		}
		if b := r.blobs(); len(b) != 0 {
			t.Errorf("blobs left after delete: %v", b)
		}
		if resp := r.get(kecil, "operator"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("deleted thumbnail: %d", resp.StatusCode)
		}
		acts := r.site.Audit.Actions()
		for _, want := range []string{"web:POST /desa/{kode}/umkm/{id}/foto", "web:POST /desa/{kode}/umkm/{id}/foto/{fid}/hapus"} {
			if !slices.Contains(acts, want) {
				t.Errorf("audit lacks %s: %v", want, acts)
			}
		}
	})
}

// The camat reads the gallery but gets neither the upload form nor delete
// buttons, and a post anyway is refused.
func TestFotoCamatMelihatTanpaUnggah(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := fotoSetup(t, d)
		u, _ := r.usahaBaru(bengkel, umkm.StatusAktif)
		page := "/desa/" + string(bengkel) + "/umkm/" + u + "/foto"
		if resp, body := r.unggahPage(page, "operator", gambartest.JPEG(t, 300, 200, 0)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", resp.StatusCode, body)
		}
		_, body := r.site.Want(http.StatusOK, http.MethodGet, page, "camat", nil)
		webtest.MustContain(t, "camat's gallery", body, "/foto/", "/kecil", "Foto usaha (1 dari 8)")
		webtest.MustNotContain(t, "camat's gallery", body, `type="file"`, "/hapus", "Unggah foto", "Pasang foto", "Ni Made Sari")
		if resp, _ := r.unggahPage(page, "camat", gambartest.JPEG(t, 300, 200, 0)); resp.StatusCode != http.StatusForbidden {
			t.Errorf("camat uploads: %d", resp.StatusCode)
		}
		if code, _ := r.unggahAPI(http.MethodPost, "/desa/"+string(bengkel)+"/umkm/"+u+"/foto", "camat", gambartest.JPEG(t, 300, 200, 0)); code != http.StatusForbidden {
			t.Errorf("camat uploads through the API: %d", code)
		}
	})
}

// Eight photos is the limit: the ninth is refused on the page (the form
// again, with the field's message) and through the API, and nothing of it
// is stored or audited.
func TestFotoKesembilanDitolak(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := fotoSetup(t, d)
		u, _ := r.usahaBaru(bengkel, umkm.StatusAktif)
		path := "/desa/" + string(bengkel) + "/umkm/" + u + "/foto"
		img := gambartest.JPEG(t, 120, 90, 0)
		for i := range umkm.MaksFotoUmkm {
			if code, out := r.unggahAPI(http.MethodPost, path, "operator", img); code != http.StatusCreated {
				t.Fatalf("photo %d: %d %v", i+1, code, out)
			}
		}
		before := len(r.site.Audit.Entries())
		code, out := r.unggahAPI(http.MethodPost, path, "operator", img)
		if code != http.StatusUnprocessableEntity || !strings.Contains(fotoDetail(out), "sudah punya 8 foto") {
			t.Errorf("ninth photo through the API: %d %v", code, out)
		}
		resp, body := r.unggahPage(path, "operator", img)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("ninth photo on the page: %d", resp.StatusCode)
		}
		webtest.MustContain(t, "refused page", body, "Formulir belum tersimpan", "sudah punya 8 foto", `href="#unggah-berkas"`)
		if n := r.fotoRows(bengkel, u); n != umkm.MaksFotoUmkm {
			t.Errorf("%d rows", n)
		}
		if n := len(r.blobs()); n != 2*umkm.MaksFotoUmkm {
			t.Errorf("%d blobs, want %d", n, 2*umkm.MaksFotoUmkm)
		}
		if after := len(r.site.Audit.Entries()); after != before {
			t.Errorf("refused uploads were audited: %v", r.site.Audit.Actions()[before:])
		}
		code, out = r.api.JSON(t, http.MethodGet, path+"?limit=5", "operator", nil)
		items, _ := out["items"].([]any)
		if code != 200 || len(items) != 5 || out["next_cursor"] == nil {
			t.Fatalf("first page: %d %v", code, out)
		}
		code, out = r.api.JSON(t, http.MethodGet, path+"?limit=5&cursor="+out["next_cursor"].(string), "operator", nil)
		if items, _ := out["items"].([]any); code != 200 || len(items) != 3 || out["next_cursor"] != nil {
			t.Errorf("second page: %d %v", code, out)
		}
		first := items[0].(map[string]any)
		if !strings.HasPrefix(first["url_publik_kecil"].(string), "/publik/desa/"+string(bengkel)+"/umkm/"+u+"/foto/") {
			t.Errorf("list item %v", first)
		}
	})
}

func fotoDetail(out map[string]any) string {
	s, _ := json.Marshal(out)
	return string(s)
}

// Garbage and bombs come back as field errors in Bahasa on the page (the
// form again) and through the API (problem+json), never a 500.
func TestFotoSampahDanBomDitolak(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := fotoSetup(t, d)
		u, p := r.usahaBaru(bengkel, umkm.StatusAktif)
		page := "/desa/" + string(bengkel) + "/umkm/" + u + "/foto"
		for name, c := range map[string]struct {
			b    []byte
			want string
		}{
			"text": {[]byte("bukan foto sama sekali"), "bukan foto JPEG atau PNG"},
			"bomb": {gambartest.PNGHeader(50000, 50000), "terlalu besar"},
			"cut":  {gambartest.JPEG(t, 300, 200, 0)[:300], "tidak dapat dibaca"},
		} {
			resp, body := r.unggahPage(page, "operator", c.b)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) {
				t.Errorf("%s on the page: %d", name, resp.StatusCode)
			}
			code, out := r.unggahAPI(http.MethodPost, page, "operator", c.b)
			if code != http.StatusUnprocessableEntity || !strings.Contains(fotoDetail(out), c.want) || !strings.Contains(fotoDetail(out), "body.berkas") {
				t.Errorf("%s through the API: %d %v", name, code, out)
			}
			code, out = r.unggahAPI(http.MethodPut, "/desa/"+string(bengkel)+"/umkm/"+u+"/produk/"+p+"/foto", "operator", c.b)
			if code != http.StatusUnprocessableEntity || !strings.Contains(fotoDetail(out), c.want) {
				t.Errorf("%s as a product photo: %d %v", name, code, out)
			}
		}
		// A product form keeps its own messages.
		resp, body := r.unggahPage("/desa/"+string(bengkel)+"/umkm/"+u+"/produk/"+p+"/foto", "operator", []byte("teks"))
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("product page garbage: %d", resp.StatusCode)
		}
		webtest.MustContain(t, "product form", body, `href="#produk-`+p+`-berkas"`, "bukan foto JPEG atau PNG")
		if n := r.fotoRows(bengkel, u); n != 0 || len(r.blobs()) != 0 {
			t.Errorf("refused uploads left %d rows and %v", n, r.blobs())
		}
	})
}

// A blob write that fails leaves no row (and takes back the first blob).
func TestFotoBlobGagalTanpaBaris(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := fotoSetup(t, d)
		u, p := r.usahaBaru(bengkel, umkm.StatusAktif)
		r.store.gagalPut.Store(2) // the thumbnail's write
		code, _ := r.unggahAPI(http.MethodPost, "/desa/"+string(bengkel)+"/umkm/"+u+"/foto", "operator", gambartest.JPEG(t, 300, 200, 0))
		if code != http.StatusInternalServerError {
			t.Errorf("upload with a failing store: %d", code)
		}
		r.store.gagalPut.Store(1)
		code, _ = r.unggahAPI(http.MethodPut, "/desa/"+string(bengkel)+"/umkm/"+u+"/produk/"+p+"/foto", "operator", gambartest.JPEG(t, 300, 200, 0))
		if code != http.StatusInternalServerError {
			t.Errorf("product photo with a failing store: %d", code)
		}
		if n := r.fotoRows(bengkel, u); n != 0 {
			t.Errorf("%d rows without their blobs", n)
		}
		if b := r.blobs(); len(b) != 0 {
			t.Errorf("blobs left: %v", b)
		}
		if resp := r.get(umkm.ProdukFotoURL(false, string(bengkel), u, p, false), "operator"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("product photo after a failed write: %d", resp.StatusCode)
		}
		if acts := r.site.Audit.Actions(); len(acts) != 0 {
			t.Errorf("failed uploads audited: %v", acts)
		}
	})
}

// A product has one photo: set, replaced (a new key, the old blobs gone),
// served in both sizes, deleted; each write audited.
func TestFotoProdukGantiHapus(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := fotoSetup(t, d)
		u, p := r.usahaBaru(bengkel, umkm.StatusAktif)
		path := "/desa/" + string(bengkel) + "/umkm/" + u + "/produk/" + p + "/foto"
		code, out := r.unggahAPI(http.MethodPut, path, "operator", gambartest.JPEG(t, 800, 600, 0))
		if code != 200 || out["url_kecil"] != umkm.ProdukFotoURL(false, string(bengkel), u, p, true) || out["produk_id"] != p {
			t.Fatalf("set: %d %v", code, out)
		}
		first := r.get(umkm.ProdukFotoURL(true, string(bengkel), u, p, true), "")
		if first.StatusCode != 200 {
			t.Fatalf("public product thumbnail: %d", first.StatusCode)
		}
		// Replaced on the page.
		if resp, body := r.unggahPage(path, "operator", gambartest.JPEG(t, 600, 800, 0)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("replace: %d %s", resp.StatusCode, body)
		}
		second := r.get(umkm.ProdukFotoURL(true, string(bengkel), u, p, false), "")
		if second.StatusCode != 200 || second.Header.Get("ETag") == first.Header.Get("ETag") {
			t.Errorf("replaced photo: %d, ETag %q (was %q)", second.StatusCode, second.Header.Get("ETag"), first.Header.Get("ETag"))
		}
		if img := gambartest.Ukuran(t, bacaSemua(t, second)); img.Bounds().Dx() != 600 {
			t.Errorf("replaced photo is %v", img.Bounds().Size())
		}
		if n := len(r.blobs()); n != 2 {
			t.Errorf("%d blobs after replacing, want 2 (old ones deleted)", n)
		}
		_, body := r.site.Want(http.StatusOK, http.MethodGet, "/desa/"+string(bengkel)+"/umkm/"+u+"/foto", "operator", nil)
		webtest.MustContain(t, "photo page", body, "Keripik pedas", "Rp15.000", umkm.ProdukFotoURL(false, string(bengkel), u, p, true), "Ganti foto", path+"/hapus")

		if code, _ := r.api.JSON(t, http.MethodDelete, path, "operator", nil); code != http.StatusNoContent {
			t.Errorf("delete: %d", code)
		}
		if code, out := r.api.JSON(t, http.MethodDelete, path, "operator", nil); code != http.StatusNotFound {
			t.Errorf("delete again: %d %v", code, out)
		}
		if resp := r.get(umkm.ProdukFotoURL(false, string(bengkel), u, p, false), "operator"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("deleted product photo: %d", resp.StatusCode)
		}
		if b := r.blobs(); len(b) != 0 {
			t.Errorf("blobs left: %v", b)
		}
		acts := r.site.Audit.Actions()
		for _, want := range []string{"put-umkm-produk-foto", "web:POST /desa/{kode}/umkm/{id}/produk/{pid}/foto", "delete-umkm-produk-foto"} {
			if !slices.Contains(acts, want) {
				t.Errorf("audit lacks %s: %v", want, acts)
			}
		}
	})
}

// The public addresses serve aktif UMKM only: a tutup business's photos
// are 404 there (and look like any unknown photo), while its desa still
// sees them signed in.
func TestFotoPublikUmkmTutup404(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := fotoSetup(t, d)
		u, p := r.usahaBaru(bengkel, umkm.StatusTutup)
		code, out := r.unggahAPI(http.MethodPost, "/desa/"+string(bengkel)+"/umkm/"+u+"/foto", "operator", gambartest.JPEG(t, 300, 200, 0))
		if code != http.StatusCreated || out["url_publik"] != nil {
			t.Fatalf("upload to a tutup UMKM: %d %v", code, out)
		}
		fid := out["id"].(string)
		if code, _ := r.unggahAPI(http.MethodPut, "/desa/"+string(bengkel)+"/umkm/"+u+"/produk/"+p+"/foto", "operator", gambartest.JPEG(t, 300, 200, 0)); code != 200 {
			t.Fatalf("product photo: %d", code)
		}
		unknown := r.get(umkm.FotoURL(true, string(bengkel), u, uuid.Must(uuid.NewV7()).String(), false), "")
		unknownBody := string(bacaSemua(t, unknown))
		for _, path := range []string{
			umkm.FotoURL(true, string(bengkel), u, fid, false), umkm.FotoURL(true, string(bengkel), u, fid, true),
			umkm.ProdukFotoURL(true, string(bengkel), u, p, false), umkm.ProdukFotoURL(true, string(bengkel), u, p, true),
		} {
			resp := r.get(path, "")
			body := string(bacaSemua(t, resp))
			if resp.StatusCode != http.StatusNotFound || body != unknownBody || strings.Contains(body, "tutup") {
				t.Errorf("public %s of a tutup UMKM: %d", path, resp.StatusCode)
			}
			// The signed-in address, same ids.
			signed := strings.Replace(path, "/publik/desa/", "/desa/", 1)
			if resp := r.get(signed, "camat"); resp.StatusCode != 200 {
				t.Errorf("signed-in %s: %d", signed, resp.StatusCode)
			}
		}
		for _, bad := range []string{"/publik/desa/51.02.06/umkm/" + u + "/foto/" + fid, "/publik/desa/bukan-kode/umkm/" + u + "/foto/" + fid + "/kecil"} {
			if resp := r.get(bad, ""); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d", bad, resp.StatusCode)
			}
		}
	})
}

// The tenant walls: a neighbour desa's UMKM and photo ids are not found
// under Bengkel's path, whatever the door; Bengkel's operator cannot
// upload or delete at the neighbour's path; the neighbour's public photo
// is not reachable under Bengkel's code.
func TestFotoLintasDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := fotoSetup(t, d)
		own, ownP := r.usahaBaru(bengkel, umkm.StatusAktif)
		their, theirP := r.usahaBaru(tetangga, umkm.StatusAktif)
		code, out := r.unggahAPI(http.MethodPost, "/desa/"+string(tetangga)+"/umkm/"+their+"/foto", "tetangga", gambartest.JPEG(t, 300, 200, 0))
		if code != http.StatusCreated {
			t.Fatalf("neighbour's upload: %d %v", code, out)
		}
		fid := out["id"].(string)
		if code, _ := r.unggahAPI(http.MethodPut, "/desa/"+string(tetangga)+"/umkm/"+their+"/produk/"+theirP+"/foto", "tetangga", gambartest.JPEG(t, 300, 200, 0)); code != 200 {
			t.Fatalf("neighbour's product photo: %d", code)
		}
		b := string(bengkel)
		// Their ids under Bengkel's code.
		for _, path := range []string{
			umkm.FotoURL(false, b, their, fid, false), umkm.FotoURL(false, b, their, fid, true),
			umkm.FotoURL(false, b, own, fid, true), umkm.ProdukFotoURL(false, b, their, theirP, false),
			umkm.ProdukFotoURL(false, b, own, theirP, true), "/desa/" + b + "/umkm/" + their + "/foto",
		} {
			if resp := r.get(path, "operator"); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
			}
		}
		for _, path := range []string{
			umkm.FotoURL(true, b, their, fid, false), umkm.FotoURL(true, b, own, fid, true), umkm.ProdukFotoURL(true, b, their, theirP, true),
		} {
			if resp := r.get(path, ""); resp.StatusCode != http.StatusNotFound {
				t.Errorf("public GET %s: %d, want 404", path, resp.StatusCode)
			}
		}
		for _, c := range []struct{ method, path string }{
			{http.MethodGet, "/desa/" + b + "/umkm/" + their + "/foto"},
			{http.MethodDelete, "/desa/" + b + "/umkm/" + their + "/foto/" + fid},
			{http.MethodDelete, "/desa/" + b + "/umkm/" + own + "/foto/" + fid},
			{http.MethodDelete, "/desa/" + b + "/umkm/" + their + "/produk/" + theirP + "/foto"},
		} {
			if code, out := r.api.JSON(t, c.method, c.path, "operator", nil); code != http.StatusNotFound {
				t.Errorf("%s %s: %d %v", c.method, c.path, code, out)
			}
		}
		if code, _ := r.unggahAPI(http.MethodPost, "/desa/"+b+"/umkm/"+their+"/foto", "operator", gambartest.JPEG(t, 300, 200, 0)); code != http.StatusNotFound {
			t.Errorf("upload to their UMKM under Bengkel: %d", code)
		}
		if code, _ := r.unggahAPI(http.MethodPut, "/desa/"+b+"/umkm/"+own+"/produk/"+theirP+"/foto", "operator", gambartest.JPEG(t, 300, 200, 0)); code != http.StatusNotFound {
			t.Errorf("their product under Bengkel's UMKM: %d", code)
		}
		// At the neighbour's path: refused by the guard.
		tg := string(tetangga)
		if code, _ := r.unggahAPI(http.MethodPost, "/desa/"+tg+"/umkm/"+their+"/foto", "operator", gambartest.JPEG(t, 300, 200, 0)); code != http.StatusForbidden {
			t.Errorf("cross-desa API upload: %d", code)
		}
		if resp, _ := r.unggahPage("/desa/"+tg+"/umkm/"+their+"/foto", "operator", gambartest.JPEG(t, 300, 200, 0)); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-desa page upload: %d", resp.StatusCode)
		}
		if resp, _ := r.site.Do(http.MethodPost, "/desa/"+tg+"/umkm/"+their+"/foto/"+fid+"/hapus", "operator", nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-desa page delete: %d", resp.StatusCode)
		}
		if resp := r.get(umkm.FotoURL(false, tg, their, fid, true), "operator"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-desa signed-in image: %d", resp.StatusCode)
		}
		if resp, _ := r.site.Do(http.MethodPost, "/desa/"+b+"/umkm/"+own+"/foto/"+fid+"/hapus", "operator", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("their photo id deleted under Bengkel's UMKM: %d", resp.StatusCode)
		}
		if n := r.fotoRows(tetangga, their); n != 1 {
			t.Errorf("neighbour's photos: %d", n)
		}
		_ = ownP
	})
}
