package cctv

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"strings"

	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageFuncs are the template functions of the module's pages.
var pageFuncs = template.FuncMap{
	"tujuan":  NamaTujuan,
	"pemilik": NamaPemilik,
	"persen":  PersenBP,
}

// Routes registers the module's pages; each part registers its own in its
// own file (part_*.go).
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.routesKamera(mux)
	m.routesAkses(mux)
	m.routesKesehatan(mux)
	m.routesLaporan(mux)
}

// Content types of the module's downloads.
const (
	tipeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	tipeCSV  = "text/csv; charset=utf-8"
)

// served says whether href is a page this deployment serves (another
// part's page may not be wired: no link may lead to a 404). A wildcard
// {id} binds only a camera id: the camera's page /desa/{kode}/cctv/{id}
// would otherwise claim /desa/{kode}/cctv/kesehatan while that page is
// not wired.
func (m *Module) served(href string) bool {
	path, _, _ := strings.Cut(href, "?")
	path, _, _ = strings.Cut(path, "#")
	if _, _, ok := m.web.Guard(http.MethodGet, path); !ok {
		return false
	}
	pattern, ok := m.web.Pattern(http.MethodGet, path)
	if !ok {
		return false
	}
	_, pola, _ := strings.Cut(pattern, " ")
	segs := strings.Split(path, "/")
	for i, s := range strings.Split(pola, "/") {
		if s == "{id}" && (i >= len(segs) || kameraCekID(segs[i]) != nil) {
			return false
		}
	}
	return true
}

// NamaTujuan is a camera purpose's label.
func NamaTujuan(t string) string {
	switch t {
	case TujuanKeamanan:
		return "Keamanan"
	case TujuanLaluLintas:
		return "Lalu lintas"
	case TujuanSampahLiar:
		return "Sampah liar"
	case TujuanBencana:
		return "Bencana"
	case TujuanFasilitasUmum:
		return "Fasilitas umum"
	}
	return t
}

// NamaPemilik is a camera owner's label.
func NamaPemilik(p string) string {
	switch p {
	case PemilikDesaDinas:
		return "Desa dinas"
	case PemilikDesaAdat:
		return "Desa adat"
	case PemilikSwasta:
		return "Swasta (dengan perjanjian)"
	}
	return p
}

// PersenBP prints basis points as a percentage with a decimal comma
// ("97,50 %"); ok false prints "–" (no probe in the window).
func PersenBP(bp int64, ok bool) string {
	if !ok {
		return "–"
	}
	return valid.FormatBP(bp)
}

// desaView is the header of every desa page of the module.
type desaView = web.DesaHeader

func (m *Module) desaView(ctx context.Context) desaView {
	return web.DesaHeaderOf(ctx, m.names, "cctv")
}

// navTab is one tab of the module's desa pages.
type navTab = web.Tab

// Tab keys: the path under /desa/{kode}/cctv of each part's main page.
const (
	TabKamera    = ""
	TabKesehatan = "/kesehatan"
	TabLihat     = "/lihat"
)

var tabs = []web.TabDef{{Key: TabKamera, Label: "Kamera"}, {Key: TabKesehatan, Label: "Kesehatan"}, {Key: TabLihat, Label: "Catatan akses"}}

// nav is the tab row of a desa page (template "cctv-nav"): only tabs whose
// page is served; the template hides those the user may not open.
func (m *Module) nav(desa tenancy.Kode, aktif string) []navTab {
	return web.Tabs("/desa/"+string(desa)+"/cctv", tabs, aktif, m.served)
}

// servedOr is href when this deployment serves it, else "" (a template
// shows a link only when it is set and $.Boleh allows it).
func (m *Module) servedOr(href string) string {
	if m.served(href) {
		return href
	}
	return ""
}
