package wilayah

import (
	"context"
	"embed"
	"net/http"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Authorizer decides page access the way the API guard does.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// Link is an entry of a desa's page menu that another module contributes;
// Path holds "{kode}" where the desa code goes.
type Link struct {
	Label string
	Path  string
	// Perm, on a link of a kecamatan or kabupaten page (areaLinks), is
	// what its user must hold at that wilayah to see it.
	Perm authz.Permission
}

//go:embed templates/*.html
var templateFS embed.FS

type wilayahPage struct {
	Wilayah  Wilayah
	Judul    string // "Desa Bengkel", "Kabupaten Tabanan"
	Tingkat  string
	Parent   *Wilayah
	Children []childView
	Links    []Link
	Tabel    *tabelView // the desa table of a kecamatan or kabupaten
}

type childView struct {
	Wilayah
	Href string
}

// Routes registers GET /wilayah/{kode}: a region with its children (a
// kecamatan lists its desa), and for a desa the menu of module pages.
//
// areaLinks are pages of other modules about a whole kecamatan or
// kabupaten (e.g. its desa's finances), shown there to users holding
// each link's Perm at that wilayah.
func (m *Module) Routes(w *web.Web, mux *http.ServeMux, az Authorizer, desaLinks []Link, areaLinks ...Link) {
	pages := w.Pages(templateFS, "templates/*.html", nil)
	m.web = w
	m.routesKalender(w, mux, pages)
	w.Handle(mux, "GET /wilayah/{kode}", func(rw http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		kode, err := tenancy.ParseKode(r.PathValue("kode"))
		if err != nil {
			pages.Error(rw, r, http.StatusNotFound, "Wilayah tidak ditemukan.")
			return
		}
		u, _ := auth.UserFrom(ctx)
		if ok, err := az.Allowed(ctx, u.ID, kode, PermRead); err != nil || !ok {
			pages.Error(rw, r, http.StatusForbidden, "Anda tidak berwenang atas wilayah ini.")
			return
		}
		wl, err := m.Lookup(ctx, kode)
		if fault.Is(err, fault.NotFound) {
			pages.Error(rw, r, http.StatusNotFound, "Wilayah tidak ditemukan.")
			return
		} else if err != nil {
			pages.ServerError(rw, r, err) // logged, with the request id
			return
		}
		p := wilayahPage{Wilayah: wl, Tingkat: label(wl.Tingkat), Judul: judul(wl)}
		code := http.StatusOK
		if wl.IsTenant() {
			for _, l := range desaLinks {
				// Only the pages this deployment serves and this user may
				// open: a menu entry that leads to "Akses ditolak" or to
				// nothing is a dead end.
				if path := strings.ReplaceAll(l.Path, "{kode}", string(kode)); served(w, path) && w.May(ctx, http.MethodGet, path) {
					p.Links = append(p.Links, Link{Label: l.Label, Path: path})
				}
			}
		} else if tv, status, err := m.tabelPage(r, u.ID, wl); err != nil {
			pages.Error(rw, r, http.StatusInternalServerError, "Terjadi kesalahan pada server. Coba lagi beberapa saat lagi.")
			return
		} else if tv != nil {
			p.Tabel = tv
			code = status
			if wl.Tingkat != TingkatKecamatan {
				children, err := m.Children(ctx, kode)
				if err != nil {
					pages.Error(rw, r, http.StatusInternalServerError, "Terjadi kesalahan pada server. Coba lagi beberapa saat lagi.")
					return
				}
				for _, c := range children {
					p.Children = append(p.Children, childView{Wilayah: c, Href: "/wilayah/" + string(c.Kode)})
				}
			}
		} else {
			children, err := m.Children(ctx, kode)
			if err != nil {
				pages.ServerError(rw, r, err) // logged, with the request id
				return
			}
			for _, c := range children {
				if c.Tingkat == TingkatKelurahan {
					continue // not a tenant: nothing of ngantor's to open there
				}
				p.Children = append(p.Children, childView{Wilayah: c, Href: "/wilayah/" + string(c.Kode)})
			}
		}
		if wl.Tingkat == TingkatKecamatan || wl.Tingkat == TingkatKabupaten || wl.Tingkat == TingkatKota {
			for _, l := range areaLinks {
				path := strings.ReplaceAll(l.Path, "{kode}", string(kode))
				if ok, err := az.Allowed(ctx, u.ID, kode, l.Perm); err == nil && ok && served(w, path) {
					p.Links = append(p.Links, Link{Label: l.Label, Path: path})
				}
			}
		}
		if parent := kode.Parent(); parent != "" {
			if ok, _ := az.Allowed(ctx, u.ID, parent, PermRead); ok {
				if pw, err := m.Lookup(ctx, parent); err == nil {
					p.Parent = &pw
				}
			}
		}
		pages.Render(rw, r, code, "wilayah", p.Judul, p)
	})
	for _, ext := range []string{"csv", "xlsx"} {
		w.Handle(mux, "GET /wilayah/{kode}/desa."+ext, func(rw http.ResponseWriter, r *http.Request) {
			m.ekspor(rw, r, pages, az, ext)
		})
	}
}

// judul names a wilayah with its tier word once: the official names of
// kabupaten and kota carry it already ("Kabupaten Tabanan"), those of
// kecamatan and desa do not ("Kediri", "Bengkel").
func judul(w Wilayah) string {
	l := label(w.Tingkat)
	if len(w.Nama) > len(l) && strings.EqualFold(w.Nama[:len(l)+1], l+" ") {
		return w.Nama
	}
	return l + " " + w.Nama
}

func label(tingkat string) string {
	switch tingkat {
	case TingkatProvinsi:
		return "Provinsi"
	case TingkatKabupaten:
		return "Kabupaten"
	case TingkatKota:
		return "Kota"
	case TingkatKecamatan:
		return "Kecamatan"
	case TingkatDesa:
		return "Desa"
	case TingkatKelurahan:
		return "Kelurahan"
	}
	return tingkat
}

// served says whether a guarded page answers path (a module part may not
// be wired in this build).
func served(w *web.Web, path string) bool {
	_, _, ok := w.Guard(http.MethodGet, path)
	return ok
}
