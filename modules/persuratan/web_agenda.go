package persuratan

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/web"
)

// agendaDefault is the "Unduh buku agenda" form of a register page as it
// opens: this year.
func (m *Module) agendaDefault(d desaView) web.Form {
	return web.NewForm("agenda", url.Values{"tahun": {strconv.Itoa(m.today(desaKode(d)).Year())}})
}

// pageAgenda downloads the buku agenda of reg as XLSX or PDF. Dates, when
// given, take the place of the year: the form shows both, and a clerk who
// picks dates rarely clears the year first.
func (m *Module) pageAgenda(reg string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		ctx, d, ok := m.desaPage(rw, r)
		if !ok {
			return
		}
		v := r.URL.Query()
		af := web.NewForm("agenda", url.Values{"tahun": {strings.TrimSpace(v.Get("tahun"))},
			"dari": {strings.TrimSpace(v.Get("dari"))}, "sampai": {strings.TrimSpace(v.Get("sampai"))}})
		q := AgendaQuery{Dari: Tanggal(af.Get("dari")), Sampai: Tanggal(af.Get("sampai"))}
		var err error
		if q.Dari == "" && q.Sampai == "" && af.Get("tahun") != "" {
			q.Tahun, err = strconv.Atoi(af.Get("tahun"))
			if err != nil || q.Tahun <= 0 {
				err = fault.Field("query.tahun", "tahun harus angka, mis. %d", m.today(desaKode(d)).Year())
			}
		}
		var (
			name, tipe string
			b          []byte
		)
		if err == nil {
			// Enter in a field submits with the first button, XLSX; a
			// form sent without any button is taken the same way.
			format := strings.TrimSpace(v.Get("format"))
			if format == "" {
				format = FormatXLSX
			}
			name, tipe, b, err = m.BerkasAgenda(ctx, reg, format, q, pengunduh(ctx, SaluranWeb))
		}
		if err != nil {
			status, ok := m.pages.Failed(rw, r, err, &af)
			if !ok {
				return
			}
			// The register under the form is its first page.
			r.URL.RawQuery = ""
			if reg == RegisterMasuk {
				m.renderMasuk(rw, r, status, d, masukFormOf(url.Values{}), af)
			} else {
				m.renderKeluar(rw, r, status, d, af)
			}
			return
		}
		h := rw.Header()
		h.Set("Content-Type", tipe)
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
		h.Set("Cache-Control", "private, no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		_, _ = rw.Write(b)
	}
}
