package persuratan

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/web"
)

// The attachment pages: the upload form on each letter's detail page posts
// here, and the detail page links the download. Both go through the same
// PutLampiran and GetLampiran the API uses, so the limits, the type check
// on the content and the audit of downloads are one.

// pageLampiranUpload stores the file of the form's "berkas" field. The
// body is read as a stream: a 10 MiB scan never sits in memory whole.
func (m *Module) pageLampiranUpload(reg string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		ctx, d, ok := m.desaPage(rw, r)
		if !ok {
			return
		}
		id := r.PathValue("id")
		fail := func(err error) {
			// "berkas" is listed so the summary links to the file input;
			// a file is never typed back.
			f := web.NewForm("lampiran", url.Values{"berkas": {""}})
			if status, ok := m.pages.Failed(rw, r, err, &f); ok {
				m.renderDetail(rw, r, reg, status, d, id, f)
			}
		}
		if r.ContentLength > maxUploadBody {
			fail(fault.Field("body.berkas", "berkas terlalu besar: maksimal 10 MiB"))
			return
		}
		r.Body = http.MaxBytesReader(rw, r.Body, maxUploadBody)
		part, err := web.FilePart(r, "berkas", web.FileErrors{
			NoFile:     fault.Field("body.berkas", "pilih berkas yang akan diunggah"),
			TooBig:     fault.Field("body.berkas", "berkas terlalu besar: maksimal 10 MiB"),
			Unreadable: fault.Field("body.berkas", "berkas tidak dapat dibaca; pilih berkas lalu kirim lagi"),
		})
		if err != nil {
			fail(err)
			return
		}
		defer part.Close()
		if _, err := m.PutLampiran(ctx, reg, id, part.FileName(), -1, part); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				err = fault.Field("body.berkas", "berkas terlalu besar: maksimal 10 MiB")
			}
			fail(err)
			return
		}
		http.Redirect(rw, r, d.Base+"/"+reg+"/"+id+"?lampiran=1#lampiran", http.StatusSeeOther)
	}
}

// pageLampiranDownload hands the attachment over as a download: declared
// type, nosniff (a browser must not guess HTML from the bytes), and never
// cached on a shared computer.
func (m *Module) pageLampiranDownload(reg string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		ctx, _, ok := m.desaPage(rw, r)
		if !ok {
			return
		}
		l, rc, err := m.GetLampiran(ctx, reg, r.PathValue("id"), pengunduh(ctx, SaluranWeb))
		if err != nil {
			m.pageError(rw, r, err)
			return
		}
		defer rc.Close()
		h := rw.Header()
		h.Set("Content-Type", l.Tipe)
		h.Set("Content-Disposition", `attachment; filename="`+l.Nama+`"`)
		h.Set("Cache-Control", "private, no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		if l.Ukuran > 0 {
			h.Set("Content-Length", strconv.FormatInt(l.Ukuran, 10))
		}
		if _, err := io.Copy(rw, rc); err != nil {
			m.log.ErrorContext(ctx, "persuratan: send attachment", "err", err)
		}
	}
}

// renderDetail shows the detail page of a letter of register reg with its
// refused attachment form f.
func (m *Module) renderDetail(rw http.ResponseWriter, r *http.Request, reg string, status int, d desaView, id string, f web.Form) {
	if reg == RegisterMasuk {
		m.renderMasukDetail(rw, r, status, d, id, disposisiFormOf(nil), "", f)
		return
	}
	m.renderKeluarDetail(rw, r, status, d, id, web.NewForm("", nil), "", f)
}

// ukuranBerkas writes a file size as a page shows it: "1,2 MiB", "830 KiB".
func ukuranBerkas(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", ",", 1) + " MiB"
	case n >= 1<<10:
		return strconv.FormatInt((n+512)>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bita"
}
