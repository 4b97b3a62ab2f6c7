package persuratan

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// agendaForm is the "Unduh buku agenda" form of a register page as typed.
type agendaForm struct {
	Tahun, Dari, Sampai, Hari string
}

// agendaRefusal carries a refused download back to the register page.
type agendaRefusal struct {
	form agendaForm
	msgs []string
}

func (m *Module) agendaDefault(d desaView) agendaForm {
	today := m.today(tenancy.Kode(d.Kode))
	return agendaForm{Tahun: strconv.Itoa(today.Year()), Hari: string(today)}
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
		af := agendaForm{Tahun: strings.TrimSpace(v.Get("tahun")), Dari: strings.TrimSpace(v.Get("dari")),
			Sampai: strings.TrimSpace(v.Get("sampai")), Hari: string(m.today(tenancy.Kode(d.Kode)))}
		q := AgendaQuery{Dari: Tanggal(af.Dari), Sampai: Tanggal(af.Sampai)}
		var err error
		if af.Dari == "" && af.Sampai == "" && af.Tahun != "" {
			q.Tahun, err = strconv.Atoi(af.Tahun)
			if err != nil || q.Tahun <= 0 {
				err = fault.Field("query.tahun", "tahun harus angka, mis. %d", m.today(tenancy.Kode(d.Kode)).Year())
			}
		}
		var (
			name, tipe string
			b          []byte
		)
		if err == nil {
			name, tipe, b, err = m.BerkasAgenda(ctx, reg, strings.TrimSpace(v.Get("format")), q, pengunduh(ctx, SaluranWeb))
		}
		if err != nil {
			status, msgs, ok := formFault(err)
			if !ok {
				m.pageError(rw, r, err)
				return
			}
			// The register under the form is its first page.
			r.URL.RawQuery = ""
			if reg == RegisterMasuk {
				m.renderMasuk(rw, r, status, d, masukForm{}, nil, agendaRefusal{af, msgs})
			} else {
				m.renderKeluar(rw, r, status, d, af, msgs)
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
