package web

import (
	"context"
	"net/http"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Authorizer decides page access exactly as the API guard does.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// Regions says whether a wilayah code exists (fault.NotFound otherwise).
type Regions interface {
	Exists(ctx context.Context, kode tenancy.Kode) error
}

// HandleDesa registers a page of one desa; pattern names it as {kode}. The
// page opens only for a signed-in user who holds p at that desa, and runs
// with the desa as tenant in the request context — the page-side twin of
// the API guard, so every module's pages are walled the same way.
func (w *Web) HandleDesa(mux *http.ServeMux, pattern string, p authz.Permission, h http.HandlerFunc) {
	w.guards.add(pattern, p)
	w.handleAt(mux, pattern, p, tenancy.Kode.IsDesa, "desa", "Desa tidak ditemukan.", "Desa tidak ditemukan.", h)
}

// HandleWilayah registers a page of a kecamatan or kabupaten (whichever of
// levels it serves); pattern names the wilayah as {kode}. Like HandleDesa
// it opens only for a signed-in user who holds p at that wilayah, answers
// 404 for a code of another level or none, and runs with the wilayah as
// tenant; its links are known to $.Boleh as a desa page's are.
func (w *Web) HandleWilayah(mux *http.ServeMux, pattern string, p authz.Permission, levels []tenancy.Level, h http.HandlerFunc) {
	if len(levels) == 0 {
		panic("web: HandleWilayah " + pattern + " names no level")
	}
	w.guards.addAt(pattern, p, levels)
	g := guard{levels: levels}
	w.handleAt(mux, pattern, p, g.takes, "wilayah", "Wilayah tidak ditemukan untuk halaman ini.", "Wilayah tidak ditemukan.", h)
}

// handleAt is the wall of HandleDesa and HandleWilayah: the {kode} of the
// path must be one takes accepts (else 404 badKode), the signed-in user
// must hold p there (else 403 naming the noun and the code), and the
// region must exist (else 404 missing); h then runs with it as tenant.
func (w *Web) handleAt(mux *http.ServeMux, pattern string, p authz.Permission, takes func(tenancy.Kode) bool,
	noun, badKode, missing string, h http.HandlerFunc) {
	h = w.audited(pattern, h)
	w.handle(mux, pattern, func(rw http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		kode, err := tenancy.ParseKode(r.PathValue("kode"))
		if err != nil || !takes(kode) {
			w.errorPage(rw, r, http.StatusNotFound, badKode)
			return
		}
		u, _ := auth.UserFrom(ctx)
		ok, err := w.authz.Allowed(ctx, u.ID, kode, p)
		if err != nil {
			w.serverError(rw, r, err)
			return
		}
		if !ok {
			w.errorPage(rw, r, http.StatusForbidden, "Anda tidak berwenang membuka halaman ini untuk "+noun+" "+string(kode)+".")
			return
		}
		if w.regions != nil {
			if err := w.regions.Exists(ctx, kode); fault.Is(err, fault.NotFound) {
				w.errorPage(rw, r, http.StatusNotFound, missing)
				return
			} else if err != nil {
				w.serverError(rw, r, err)
				return
			}
		}
		h(rw, r.WithContext(tenancy.With(ctx, tenancy.Tenant{Kode: kode})))
	})
}

// errorPage shows message on the shared error page. Inside a desa page
// (its guard passed, so the tenant is set) it links back to the desa.
func (w *Web) errorPage(rw http.ResponseWriter, r *http.Request, status int, message string) {
	w.galat(rw, r, status, message, desaOfContext(r))
}

// galat renders the error page: its title names the status in Bahasa, the
// header keeps the signed-in user, and desa ("" for none) is the desa page
// it links back to besides the beranda.
func (w *Web) galat(rw http.ResponseWriter, r *http.Request, status int, message, desa string) {
	p := page{Title: errorTitle(status), Error: message, Desa: desa}
	if status >= http.StatusInternalServerError {
		p.RequestID = httpserver.RequestID(r.Context())
	}
	if u, ok := auth.UserFrom(r.Context()); ok {
		p.User = &u
	}
	w.render(rw, r, status, "galat", p)
}

// desaOfContext is the page of the desa a request works in, or "" outside
// one.
func desaOfContext(r *http.Request) string {
	if t, ok := tenancy.From(r.Context()); ok && t.Kode.IsDesa() {
		return "/wilayah/" + string(t.Kode)
	}
	return ""
}

// errorTitles name an error page; http.StatusText is English.
var errorTitles = map[int]string{
	http.StatusBadRequest:          "Permintaan tidak dapat dibaca",
	http.StatusForbidden:           "Akses ditolak",
	http.StatusNotFound:            "Halaman tidak ditemukan",
	http.StatusMethodNotAllowed:    "Cara membuka tidak didukung",
	http.StatusConflict:            "Data bertabrakan",
	http.StatusUnprocessableEntity: "Data tidak sah",
	http.StatusTooManyRequests:     "Terlalu banyak permintaan",
	http.StatusInternalServerError: "Terjadi kesalahan",
	http.StatusServiceUnavailable:  "Layanan sedang tidak tersedia",
}

func errorTitle(status int) string {
	if t, ok := errorTitles[status]; ok {
		return t
	}
	if status >= 500 {
		return errorTitles[http.StatusInternalServerError]
	}
	return "Permintaan tidak dapat dipenuhi"
}

// ServerError logs err and shows the plain 500 page.
func (p *Pages) ServerError(rw http.ResponseWriter, r *http.Request, err error) {
	p.w.serverError(rw, r, err)
}
