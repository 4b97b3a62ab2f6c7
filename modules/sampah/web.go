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
	"github.com/ngantor/ngantor/platform/web"
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
type desaView = web.DesaHeader

func (m *Module) desaView(ctx context.Context) desaView {
	return web.DesaHeaderOf(ctx, m.names, "sampah")
}

// navTab is one tab of the module's desa pages.
type navTab = web.Tab

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

var tabs = []web.TabDef{
	{Key: TabRingkasan, Label: "Ringkasan"}, {Key: TabSetoran, Label: "Setoran"}, {Key: TabNasabah, Label: "Nasabah"},
	{Key: TabLog, Label: "Log TPS3R"}, {Key: TabFasilitas, Label: "Fasilitas"}, {Key: TabCapaian, Label: "Capaian"},
	{Key: TabIuran, Label: "Iuran"},
}

// nav is the tab row of a desa page (template "sampah-nav"): only tabs
// whose page is served; the template hides those the user may not open.
func (m *Module) nav(desa tenancy.Kode, aktif string) []navTab {
	return web.Tabs("/desa/"+string(desa)+"/sampah", tabs, aktif, m.served)
}
