package umkm

import (
	"context"
	"embed"
	"html/template"
	"net/http"

	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageFuncs are the template functions of the module's pages.
var pageFuncs = template.FuncMap{
	"fotoURL":       FotoURL,
	"produkFotoURL": ProdukFotoURL,
}

// Routes registers the module's pages; each part registers its own in its
// own file (part_*.go).
func (m *Module) Routes(mux *http.ServeMux) {
	if m.web == nil {
		return
	}
	m.routesUmkm(mux)
	m.routesFoto(mux)
	m.routesBumdes(mux)
	m.routesPublik(mux)
}

// Content types of the module's downloads.
const (
	tipePDF  = "application/pdf"
	tipeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// served says whether href is a page this deployment serves (another
// part's page may not be wired: no link may lead to a 404).
func (m *Module) served(href string) bool {
	_, _, ok := m.web.Guard(http.MethodGet, href)
	return ok
}

// Photo addresses. Every photo is served by the foto part in two sizes: the
// JPEG as stored (EXIF stripped, longest side bounded) and its thumbnail.
// Signed-in pages use the /desa/ address (PermRead); the public catalogue
// uses the /publik/ one, which serves photos of aktif UMKM only.

// FotoURL is the address of a photo of an UMKM; kecil asks for the
// thumbnail, publik for the catalogue's address.
func FotoURL(publik bool, desa, umkmID, fotoID string, kecil bool) string {
	return fotoBase(publik, desa) + umkmID + "/foto/" + fotoID + ukuran(kecil)
}

// ProdukFotoURL is the address of a product's photo.
func ProdukFotoURL(publik bool, desa, umkmID, produkID string, kecil bool) string {
	return fotoBase(publik, desa) + umkmID + "/produk/" + produkID + "/foto" + ukuran(kecil)
}

func fotoBase(publik bool, desa string) string {
	if publik {
		return "/publik/desa/" + desa + "/umkm/"
	}
	return "/desa/" + desa + "/umkm/"
}

func ukuran(kecil bool) string {
	if kecil {
		return "/kecil"
	}
	return ""
}

// desaView is the header of every desa page of the module.
type desaView = web.DesaHeader

func (m *Module) desaView(ctx context.Context) desaView {
	return web.DesaHeaderOf(ctx, m.names, "umkm")
}

// navTab is one tab of the module's desa pages.
type navTab = web.Tab

// Tabs of a desa's pages, as paths under /desa/{kode}.
const (
	TabUmkm   = "/umkm"
	TabBumdes = "/bumdes"
)

var tabs = []web.TabDef{{Key: TabUmkm, Label: "UMKM"}, {Key: TabBumdes, Label: "BUMDes"}}

// nav is the tab row of a desa page (template "umkm-nav"): only tabs whose
// page is served; the template hides those the user may not open.
func (m *Module) nav(desa tenancy.Kode, aktif string) []navTab {
	return web.Tabs("/desa/"+string(desa), tabs, aktif, m.served)
}
