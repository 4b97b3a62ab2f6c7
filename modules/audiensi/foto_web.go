package audiensi

import (
	"context"
	"net/http"
	"net/url"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/gambar"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The photo forms of the pages: the detail page's (the reporter's photos
// by the desa, a recipient's evidence beside its answer form) and the
// public status page's (the reporter's, through the tracking code). The
// file travels alone in a multipart body; whose evidence it is rides in
// the action's query (?penerima=), so the rules read it before the file.

var fotoBerkasSalah = web.FileErrors{
	NoFile:     fault.Field(gambar.FieldBerkas, gambar.PesanKosong),
	TooBig:     fault.Field(gambar.FieldBerkas, "%s", gambar.PesanTerlaluBesar(MaksFotoByte)),
	Unreadable: fault.Field(gambar.FieldBerkas, "Foto tidak terkirim utuh; coba unggah lagi."),
}

// bacaFoto reads the form's photo, at most MaksFotoByte.
func bacaFoto(rw http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(rw, r.Body, fotoMaksBody)
	p, err := web.FilePart(r, "berkas", fotoBerkasSalah)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	return berkas(p)
}

// bolehFoto says whether the viewer may add a photo of jenis to d now
// (the rules TambahFoto and apiFoto apply).
func (m *Module) bolehFoto(ctx context.Context, d Detail, penerima string) bool {
	t, _ := tenancy.From(ctx)
	if penerima == "" {
		return (d.Status == Baru || d.Status == Diverifikasi) && m.allowed(ctx, t.Kode, PermCatat)
	}
	i := indexPenerima(d.Disposisi, penerima)
	return d.Status == Didisposisikan && i >= 0 && d.Disposisi[i].Status == Menunggu && m.bolehMenjawab(ctx, penerima) == nil
}

func (m *Module) postFoto(rw http.ResponseWriter, r *http.Request) {
	ctx, id := r.Context(), r.PathValue("id")
	penerima := r.URL.Query().Get("penerima")
	form := "foto"
	if penerima != "" {
		form = "foto-" + penerima
	}
	err := func() error {
		d, err := m.Lihat(ctx, id)
		if err != nil {
			return err
		}
		if err := m.bolehLihat(ctx, d); err != nil {
			return err
		}
		jenis := FotoLaporan
		if penerima != "" {
			jenis = FotoBukti
			if err := m.bolehMenjawab(ctx, penerima); err != nil {
				return err
			}
		} else if t, _ := tenancy.From(ctx); !m.allowed(ctx, t.Kode, PermCatat) {
			return fault.New(fault.Forbidden, "Foto laporan ditambahkan oleh perangkat desa atau pelapor.")
		}
		b, err := bacaFoto(rw, r)
		if err != nil {
			return err
		}
		_, err = m.TambahFoto(ctx, id, jenis, penerima, b)
		return err
	}()
	if err != nil {
		f := web.NewForm(form, url.Values{})
		web.Refill(m.pages, rw, r, err, f, "lihat", "Audiensi",
			func() (lihatPage, error) { return m.lihatData(ctx, id, f) },
			func(d *lihatPage, f web.Form) { d.F = f })
		return
	}
	keLihat(rw, r, id, "foto")
}

func (m *Module) postFotoPelapor(rw http.ResponseWriter, r *http.Request) {
	kode := r.PathValue("kode_lacak")
	b, err := bacaFoto(rw, r)
	if err == nil {
		_, err = m.TambahFotoPelapor(r.Context(), kode, clientHost(r.RemoteAddr), b)
	}
	if err != nil {
		m.lacakGagal(rw, r, err, web.NewForm("foto", url.Values{}))
		return
	}
	k, _ := NormalKodeLacak(kode)
	http.Redirect(rw, r, "/audiensi/lacak/"+k+"?tersimpan=foto", http.StatusSeeOther)
}

func (m *Module) routesFotoForm(mux *http.ServeMux) {
	m.web.HandleDesa(mux, "POST "+base+"/{id}/foto", PermLihat, m.postFoto)
	post := "POST /audiensi/lacak/{kode_lacak}/foto"
	m.web.HandlePublicForm(mux, post, m.postFotoPelapor)
}
