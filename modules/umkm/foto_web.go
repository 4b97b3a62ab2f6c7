package umkm

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Pages of the foto part: an UMKM's photo page (its gallery, and for the
// desa roles that keep the registry the upload form, a delete button per
// photo and a photo form per product) and the images themselves at
// FotoURL and ProdukFotoURL, signed-in and public.

const fotoPage = "/desa/{kode}/umkm/{id}/foto"

func (m *Module) routesFotoWeb(mux *http.ServeMux) {
	m.web.HandleDesa(mux, "GET "+fotoPage, PermRead, m.pageFoto)
	m.web.HandleDesa(mux, "POST "+fotoPage, PermTulis, m.pageFotoUnggah)
	m.web.HandleDesa(mux, "POST "+fotoPage+"/{fid}/hapus", PermTulis, m.pageFotoHapus)
	m.web.HandleDesa(mux, "POST /desa/{kode}/umkm/{id}/produk/{pid}/foto", PermTulis, m.pageFotoProduk)
	m.web.HandleDesa(mux, "POST /desa/{kode}/umkm/{id}/produk/{pid}/foto/hapus", PermTulis, m.pageFotoProdukHapus)

	// The images: FotoURL and ProdukFotoURL, both sizes.
	for _, kecil := range []string{"", "/kecil"} {
		k := kecil != ""
		m.web.HandleDesa(mux, "GET "+fotoPage+"/{fid}"+kecil, PermRead, func(w http.ResponseWriter, r *http.Request) {
			fb, err := m.bukaFoto(r.Context(), false, r.PathValue("id"), r.PathValue("fid"), k)
			m.fotoKirim(w, r, fb, err, false)
		})
		m.web.HandleDesa(mux, "GET /desa/{kode}/umkm/{id}/produk/{pid}/foto"+kecil, PermRead, func(w http.ResponseWriter, r *http.Request) {
			fb, err := m.bukaFotoProduk(r.Context(), false, r.PathValue("id"), r.PathValue("pid"), k)
			m.fotoKirim(w, r, fb, err, false)
		})
		m.web.HandlePublic(mux, "GET /publik/desa/{kode}/umkm/{id}/foto/{fid}"+kecil, func(w http.ResponseWriter, r *http.Request) {
			ctx, ok := m.fotoPublik(w, r)
			if !ok {
				return
			}
			fb, err := m.bukaFoto(ctx, true, r.PathValue("id"), r.PathValue("fid"), k)
			m.fotoKirim(w, r, fb, err, true)
		})
		m.web.HandlePublic(mux, "GET /publik/desa/{kode}/umkm/{id}/produk/{pid}/foto"+kecil, func(w http.ResponseWriter, r *http.Request) {
			ctx, ok := m.fotoPublik(w, r)
			if !ok {
				return
			}
			fb, err := m.bukaFotoProduk(ctx, true, r.PathValue("id"), r.PathValue("pid"), k)
			m.fotoKirim(w, r, fb, err, true)
		})
	}
}

// fotoPublik is the context of a public image request: the desa of the
// path as tenant (the store's scope and RLS need one), or a 404.
func (m *Module) fotoPublik(w http.ResponseWriter, r *http.Request) (context.Context, bool) {
	kode, err := tenancy.ParseKode(r.PathValue("kode"))
	if err != nil || !kode.IsDesa() {
		m.pages.Error(w, r, http.StatusNotFound, "Foto tidak ditemukan.")
		return nil, false
	}
	return tenancy.With(r.Context(), tenancy.Tenant{Kode: kode}), true
}

// fotoKirim sends an image: a JPEG the module encoded itself (never what
// was uploaded), nosniff, and cached by its ETag — publicly for a day on
// the catalogue's addresses (only aktif UMKM are served there), privately
// in the signed-in browser otherwise. A product's address stays the same
// when its photo is replaced (ProdukFotoURL names no version), so a cache
// may show the old photo for up to that day; the ETag changes with the
// key, so a revalidating cache gets the new one at once.
func (m *Module) fotoKirim(w http.ResponseWriter, r *http.Request, fb fotoBlob, err error, publik bool) {
	if err != nil {
		if publik && fault.Is(err, fault.NotFound) {
			m.pages.Error(w, r, http.StatusNotFound, "Foto tidak ditemukan.")
			return
		}
		m.pages.Fault(w, r, err)
		return
	}
	defer fb.Body.Close()
	h := w.Header()
	etag := fotoETag(fb.Key)
	h.Set("ETag", etag)
	if publik {
		h.Set("Cache-Control", "public, max-age=86400")
	} else {
		h.Set("Cache-Control", "private, max-age=3600")
	}
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "image/jpeg")
	if _, err := io.Copy(w, fb.Body); err != nil {
		m.log.ErrorContext(r.Context(), "umkm: send photo", "err", err)
	}
}

// fotoBaris is one photo of the gallery.
type fotoBaris struct {
	ID, Kecil, Penuh, Hapus string
	Nomor                   int
}

// fotoProdukBaris is one product with its photo and forms.
type fotoProdukBaris struct {
	Produk
	Kecil, Penuh, Aksi, Hapus string
	Harga                     string
}

// fotoHalaman is the photo page.
type fotoHalaman struct {
	Desa    desaView
	Nav     []navTab
	Umkm    Umkm
	Kembali string // the UMKM's page, when served
	Aksi    string // the upload form's action
	Foto    []fotoBaris
	Produk  []fotoProdukBaris
	Penuh   bool
	Maks    int
	Unggah  web.Form
	Form    web.Form // a product's form that failed (For)
	Pesan   string
}

var fotoPesan = map[string]string{
	"unggah":       "Foto sudah diunggah. Data EXIF dan lokasinya sudah dihapus.",
	"hapus":        "Foto sudah dihapus.",
	"produk":       "Foto produk sudah disimpan.",
	"produk-hapus": "Foto produk sudah dihapus.",
}

func (m *Module) fotoData(ctx context.Context, umkmID string) (fotoHalaman, error) {
	t, _ := tenancy.From(ctx)
	d := fotoHalaman{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabUmkm), Maks: MaksFotoUmkm,
		Unggah: web.NewForm("unggah", nil), Form: web.NewForm("", nil)}
	base := d.Desa.Base + "/" + umkmID
	d.Aksi = base + "/foto"
	if m.served(base) {
		d.Kembali = base
	}
	var (
		fs []Foto
		ps []Produk
	)
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if d.Umkm, err = fotoCariUmkm(ctx, tx, umkmID, false); err != nil {
			return err
		}
		if fs, err = fotoDaftar(ctx, tx, umkmID, nil, 0); err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&ps).Where("p.umkm_id = ?", umkmID).OrderExpr("p.nama, p.id").Limit(200))
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	if err != nil {
		return d, err
	}
	d.Umkm = d.Umkm.Tersamar()
	kode := string(t.Kode)
	for i, f := range fs {
		d.Foto = append(d.Foto, fotoBaris{ID: f.ID, Nomor: i + 1, Kecil: FotoURL(false, kode, umkmID, f.ID, true),
			Penuh: FotoURL(false, kode, umkmID, f.ID, false), Hapus: d.Aksi + "/" + f.ID + "/hapus"})
	}
	d.Penuh = len(fs) >= MaksFotoUmkm
	for _, p := range ps {
		b := fotoProdukBaris{Produk: p, Aksi: base + "/produk/" + p.ID + "/foto", Harga: "Rp" + fotoRupiah(p.Harga)}
		b.Hapus = b.Aksi + "/hapus"
		if p.FotoKey != "" {
			b.Kecil, b.Penuh = ProdukFotoURL(false, kode, umkmID, p.ID, true), ProdukFotoURL(false, kode, umkmID, p.ID, false)
		}
		d.Produk = append(d.Produk, b)
	}
	return d, nil
}

// fotoRupiah writes n with dots between thousands ("15.000").
func fotoRupiah(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func (m *Module) fotoRender(w http.ResponseWriter, r *http.Request, status int, d fotoHalaman) {
	m.pages.Render(w, r, status, "foto", "Foto "+d.Umkm.Nama, d)
}

func (m *Module) pageFoto(w http.ResponseWriter, r *http.Request) {
	d, err := m.fotoData(r.Context(), r.PathValue("id"))
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	d.Pesan = fotoPesan[r.URL.Query().Get("pesan")]
	m.fotoRender(w, r, http.StatusOK, d)
}

// fotoGagal shows the photo page again with form f refused by err.
func (m *Module) fotoGagal(w http.ResponseWriter, r *http.Request, err error, f web.Form, produk bool) {
	web.Refill(m.pages, w, r, err, f, "foto", "Foto UMKM",
		func() (fotoHalaman, error) { return m.fotoData(r.Context(), r.PathValue("id")) },
		func(d *fotoHalaman, f web.Form) {
			if produk {
				d.Form = f
			} else {
				d.Unggah = f
			}
		})
}

// fotoBerkasPage reads the photo of a multipart form: the first non-empty
// file field "berkas" (the page offers two — the gallery and the camera —
// and a phone sends the one not used empty).
func fotoBerkasPage(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > fotoMaksBody {
		return nil, fault.Field(fotoFieldBerkas, "%s", fotoPesanTerlaluBesar)
	}
	r.Body = http.MaxBytesReader(w, r.Body, fotoMaksBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fault.Field(fotoFieldBerkas, "formulir tidak dapat dibaca; pilih foto lalu kirim lagi")
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil, fault.Field(fotoFieldBerkas, fotoPesanKosong)
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return nil, fault.Field(fotoFieldBerkas, "%s", fotoPesanTerlaluBesar)
			}
			return nil, fault.Field(fotoFieldBerkas, "formulir tidak dapat dibaca; pilih foto lalu kirim lagi")
		}
		if p.FormName() != "berkas" || p.FileName() == "" {
			p.Close()
			continue
		}
		defer p.Close()
		b, err := fotoBacaBerkas(p)
		if err == nil && len(b) == 0 {
			continue
		}
		return b, err
	}
}

func (m *Module) pageFotoUnggah(w http.ResponseWriter, r *http.Request) {
	f := web.NewForm("unggah", url.Values{"berkas": {""}})
	b, err := fotoBerkasPage(w, r)
	if err == nil {
		_, err = m.TambahFoto(r.Context(), r.PathValue("id"), b, fotoOleh(r.Context()))
	}
	if err != nil {
		m.fotoGagal(w, r, err, f, false)
		return
	}
	http.Redirect(w, r, fotoPageOf(r)+"?pesan=unggah#galeri", http.StatusSeeOther)
}

func (m *Module) pageFotoHapus(w http.ResponseWriter, r *http.Request) {
	if err := m.HapusFoto(r.Context(), r.PathValue("id"), r.PathValue("fid")); err != nil {
		m.fotoGagal(w, r, err, web.NewForm("unggah", nil), false)
		return
	}
	http.Redirect(w, r, fotoPageOf(r)+"?pesan=hapus#galeri", http.StatusSeeOther)
}

func (m *Module) pageFotoProduk(w http.ResponseWriter, r *http.Request) {
	f := web.NewForm("produk-"+r.PathValue("pid"), url.Values{"berkas": {""}})
	b, err := fotoBerkasPage(w, r)
	if err == nil {
		_, err = m.GantiFotoProduk(r.Context(), r.PathValue("id"), r.PathValue("pid"), b, fotoOleh(r.Context()))
	}
	if err != nil {
		m.fotoGagal(w, r, err, f, true)
		return
	}
	http.Redirect(w, r, fotoPageOf(r)+"?pesan=produk#produk-"+r.PathValue("pid"), http.StatusSeeOther)
}

func (m *Module) pageFotoProdukHapus(w http.ResponseWriter, r *http.Request) {
	err := m.HapusFotoProduk(r.Context(), r.PathValue("id"), r.PathValue("pid"), fotoOleh(r.Context()))
	if err != nil {
		m.fotoGagal(w, r, err, web.NewForm("produk-"+r.PathValue("pid"), nil), true)
		return
	}
	http.Redirect(w, r, fotoPageOf(r)+"?pesan=produk-hapus#produk-"+r.PathValue("pid"), http.StatusSeeOther)
}

// fotoPageOf is the photo page of the request's UMKM.
func fotoPageOf(r *http.Request) string {
	t, _ := tenancy.From(r.Context())
	return "/desa/" + string(t.Kode) + "/umkm/" + url.PathEscape(r.PathValue("id")) + "/foto"
}
