package sampah

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/ngantor/ngantor/platform/report"

	"github.com/ngantor/ngantor/platform/tenancy"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageFuncs are the template functions of the module's pages.
var pageFuncs = template.FuncMap{
	"kg":             Kg,
	"ton":            Ton,
	"jenisFasilitas": NamaJenisFasilitas,
	"namaBulan":      iuranNamaBulan,
}

// Routes registers the module's pages. Each part registers its own in its
// own file (part_*.go); the desa's landing page is the core's.
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.web.HandleDesa(mux, "GET /desa/{kode}/sampah", PermRead, m.pageIndex)
	m.routesFasilitas(mux)
	m.routesNasabah(mux)
	m.routesEntri(mux)
	m.routesLog(mux)
	m.routesCapaian(mux)
	m.routesIuran(mux)
	m.routesPublik(mux)
}

// Content types of the module's downloads.
const (
	tipePDF  = "application/pdf"
	tipeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	tipeCSV  = "text/csv; charset=utf-8"
)

// served says whether href is a page this deployment serves (another
// part's page may not be wired: no link may lead to a 404).
func (m *Module) served(href string) bool {
	_, _, ok := m.web.Guard(http.MethodGet, href)
	return ok
}

// pdfBaru starts a PDF of the given page setup with the module's
// metadata (title, creator, dates at) and the platform's fonts.
func pdfBaru(init *fpdf.InitType, title string, at time.Time) (*fpdf.Fpdf, error) {
	pdf := fpdf.NewCustom(init)
	pdf.SetTitle(title, true)
	pdf.SetCreator("ngantor", false)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.AddUTF8FontFromBytes(report.FontFamily, "", report.FontRegular)
	pdf.AddUTF8FontFromBytes(report.FontFamily, "B", report.FontBold)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("sampah: PDF font: %w", err)
	}
	return pdf, nil
}

// desaView is the header of every desa page of the module.
type desaView struct {
	Kode    string
	Nama    string
	Wilayah string // the desa's page
	Base    string // /desa/{kode}/sampah
}

func (m *Module) desaView(ctx context.Context) desaView {
	t, _ := tenancy.From(ctx)
	d := desaView{Kode: string(t.Kode), Nama: string(t.Kode), Wilayah: "/wilayah/" + string(t.Kode),
		Base: "/desa/" + string(t.Kode) + "/sampah"}
	if m.names != nil {
		if n, err := m.names.Nama(ctx, t.Kode); err == nil && n != "" {
			d.Nama = n
		}
	}
	return d
}

// navTab is one tab of the module's desa pages.
type navTab struct {
	Label string
	Href  string
	Aktif bool
}

// Tab keys: the path under /desa/{kode}/sampah of each part's main page.
const (
	TabRingkasan = ""
	TabFasilitas = "/fasilitas"
	TabNasabah   = "/nasabah"
	TabSetoran   = "/setoran"
	TabLog       = "/log"
	TabCapaian   = "/capaian"
	TabIuran     = "/iuran"
)

var tabs = []struct{ key, label string }{
	{TabRingkasan, "Ringkasan"}, {TabSetoran, "Setoran"}, {TabNasabah, "Nasabah"}, {TabLog, "Log TPS3R"},
	{TabFasilitas, "Fasilitas"}, {TabCapaian, "Capaian"}, {TabIuran, "Iuran"},
}

// nav is the tab row of a desa page (template "sampah-nav"): only tabs
// whose page is served; the template hides those the user may not open.
func (m *Module) nav(desa tenancy.Kode, aktif string) []navTab {
	base := "/desa/" + string(desa) + "/sampah"
	var out []navTab
	for _, t := range tabs {
		href := base + t.key
		if !m.served(href) {
			continue
		}
		out = append(out, navTab{Label: t.label, Href: href, Aktif: t.key == aktif})
	}
	return out
}
