package web

import (
	"context"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
)

// Pages renders a module's own templates inside the shared layout. Each
// template file defines {{define "content"}}…{{end}} and reads its data as
// .Data; the layout reads .Title and .User.
type Pages struct {
	w     *Web
	pages map[string]*template.Template
}

// ModulePage is what a module page template receives.
type ModulePage struct {
	Title string
	CSS   string
	User  *auth.User
	Data  any
	// Notifikasi is the header's inbox link (nil: none).
	Notifikasi *Lencana

	ctx context.Context
	w   *Web
}

// Boleh says whether the user may follow the link href, so a template shows
// only links that lead somewhere: {{if $.Boleh $href}}<a href="{{$href}}">…
// It asks the permission the linked desa page's route checks (Web.May).
func (p ModulePage) Boleh(href string) bool {
	return p.w == nil || p.w.May(p.ctx, http.MethodGet, href)
}

// BolehKirim is Boleh for a form posted to action.
func (p ModulePage) BolehKirim(action string) bool {
	return p.w == nil || p.w.May(p.ctx, http.MethodPost, action)
}

// Pages parses every file matching pattern in fsys (e.g. "templates/*.html")
// as one page each, named by its base name without extension. A file whose
// name starts with "_" is no page: it holds {{define}}s that every page of
// the set may use (a form two registers share). funcs may be nil. A
// template error is a bug: it panics at startup.
func (w *Web) Pages(fsys fs.FS, pattern string, funcs template.FuncMap) *Pages {
	files, err := fs.Glob(fsys, pattern)
	if err != nil || len(files) == 0 {
		panic("web: no templates match " + pattern)
	}
	var pages, shared []string
	for _, f := range files {
		if strings.HasPrefix(path.Base(f), "_") {
			shared = append(shared, f)
		} else {
			pages = append(pages, f)
		}
	}
	p := &Pages{w: w, pages: map[string]*template.Template{}}
	for _, f := range pages {
		name := strings.TrimSuffix(path.Base(f), path.Ext(f))
		t := template.New(name).Funcs(commonFuncs)
		if funcs != nil {
			t = t.Funcs(funcs)
		}
		t = template.Must(t.ParseFS(templateFS, "templates/layout.html"))
		if len(shared) > 0 {
			t = template.Must(t.ParseFS(fsys, shared...))
		}
		p.pages[name] = template.Must(t.ParseFS(fsys, f))
	}
	return p
}

// commonFuncs are the template functions every module's pages have.
var commonFuncs = template.FuncMap{
	"angka":         Angka,
	"daftarIsi":     Contents,
	"daftarIsiDari": ContentsOf,
	"ifThen":        ifThen,
}

// Render writes page name with data; the signed-in user (from RequireUser)
// fills the header.
func (p *Pages) Render(rw http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := p.pages[name]
	if !ok {
		p.w.serverError(rw, r, errMissingPage(name))
		return
	}
	mp := ModulePage{Title: title, CSS: p.w.cssPath, Data: data, ctx: r.Context(), w: p.w}
	if u, ok := auth.UserFrom(r.Context()); ok {
		mp.User = &u
	}
	mp.Notifikasi = p.w.lencana(r, mp.User)
	p.w.write(rw, r, status, name, t, mp)
}

// Error renders the shared error page with a Bahasa message.
func (p *Pages) Error(rw http.ResponseWriter, r *http.Request, status int, message string) {
	p.w.errorPage(rw, r, status, message)
}

// Fault answers a page that could not be made: a NotFound fault is the
// 404 page and an Invalid one the 422 page, each with its Bahasa message;
// anything else is the plain 500 (ServerError).
func (p *Pages) Fault(rw http.ResponseWriter, r *http.Request, err error) {
	if e, ok := fault.As(err); ok {
		switch e.Code {
		case fault.NotFound:
			p.Error(rw, r, http.StatusNotFound, e.Message)
			return
		case fault.Invalid:
			p.Error(rw, r, http.StatusUnprocessableEntity, e.Message)
			return
		}
	}
	p.ServerError(rw, r, err)
}

type errMissingPage string

func (e errMissingPage) Error() string { return "web: no page " + string(e) }

// Handle registers a signed-in page on mux with cross-origin protection:
// anyone not signed in is sent to /masuk. A form it receives is audited
// (see audited).
func (w *Web) Handle(mux *http.ServeMux, pattern string, h http.HandlerFunc) {
	w.handle(mux, pattern, w.audited(pattern, h))
}

func (w *Web) handle(mux *http.ServeMux, pattern string, h http.HandlerFunc) {
	mux.Handle(pattern, w.cop.Handler(w.RequireUser(h)))
}

// HandlePublic registers a page anyone may open (e.g. a letter's
// verification page), still with cross-origin protection on forms.
func (w *Web) HandlePublic(mux *http.ServeMux, pattern string, h http.HandlerFunc) {
	mux.Handle(pattern, w.cop.Handler(h))
}

// HandlePublicForm registers a form anyone may send, signed in or not (a
// resident's complaint, a rating): like HandlePublic, and recorded in the
// audit log like a signed-in page's form (actor anon without a session),
// in the transaction of the change it made.
func (w *Web) HandlePublicForm(mux *http.ServeMux, pattern string, h http.HandlerFunc) {
	mux.Handle(pattern, w.cop.Handler(w.audited(pattern, h)))
}
