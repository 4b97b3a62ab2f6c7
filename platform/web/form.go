package web

import (
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
)

// Form is the state of one form on a page: every value the user typed (the
// NIK too — retyping sixteen digits to fix a date is how typos are made;
// pages are no-store, so it stays in the user's own answer) and, after a
// refused submission, one message per field at fault plus any message that
// belongs to no field (a conflict, a refusal).
//
// A page's data carries a Form per form it shows (or one Form and For, for
// a form repeated per row). The template reads it through the methods
// below; nothing in it is written as raw HTML by the module:
//
//	{{$f := .Angkat}}
//	<form class="formulir" method="post" action="…">
//	  {{$f.Summary}}
//	  {{$f.Label "nik" "NIK (16 angka)"}}
//	  <input {{$f.Attrs "nik"}} required inputmode="numeric" value="{{$f.Get "nik"}}">
//	  …
//	</form>
//
// Summary is the list at the top of the form, each message a link to its
// field; Label is the label with the field's message under it; Attrs gives
// the input its id, name, aria-invalid and aria-describedby. The page opens
// at the summary: it carries autofocus, which browsers honour without any
// script (the pages' Content-Security-Policy allows none), so a refused
// form at the bottom of a long page is on screen, not 7,000 px below.
type Form struct {
	// Name tells the forms of a page apart ("angkat", "berhenti-<id>").
	// It prefixes every id the form's fields get, so two forms may have a
	// field of the same name.
	Name string
	// Values are what the form shows in its fields.
	Values url.Values

	errs    map[string]string // form field → its first message
	order   []string          // fields at fault, in the order the rules found them
	general []string          // messages of no field
	renames []rename
}

type rename struct{ from, to string }

// NewForm is form name holding values (what was posted, or a record's
// current values for an edit form). values may be nil.
func NewForm(name string, values url.Values) Form {
	if values == nil {
		values = url.Values{}
	}
	return Form{Name: name, Values: values}
}

// Rename maps API field names to the form's: after the location ("body.",
// "path.", "query.") is dropped, a name starting with from has from
// replaced by to. The longest matching from wins. Without a rule an API
// field "body.sk_tanggal" is the form field "sk_tanggal".
//
//	web.NewForm("layanan", r.PostForm).
//		Rename("pemohon.rincian.", "rincian_").
//		Rename("pemohon.", "")
func (f Form) Rename(from, to string) Form {
	f.renames = append(append([]rename(nil), f.renames...), rename{from, to})
	return f
}

// field is the form field behind an API field name.
func (f Form) field(api string) string {
	name := api
	for _, loc := range []string{"body.", "path.", "query.", "header.", "cookie."} {
		if rest, ok := strings.CutPrefix(api, loc); ok {
			name = rest
			break
		}
	}
	best := -1
	for i, r := range f.renames {
		if strings.HasPrefix(name, r.from) && (best < 0 || len(r.from) > len(f.renames[best].from)) {
			best = i
		}
	}
	if best >= 0 {
		name = f.renames[best].to + strings.TrimPrefix(name, f.renames[best].from)
	}
	return name
}

// Fail records err on the form. It reports the status the page answers
// with and true when err is the user's to fix on this form: invalid input
// (each field's first message, in the order the rules found them), a
// conflict, a refusal, too many tries or a dependency briefly down. Any
// other error (not found, no code at all) is not the form's: false, and
// the caller shows the error page (Pages.Failed does).
func (f *Form) Fail(err error) (status int, ok bool) {
	fe, coded := fault.As(err)
	if !coded {
		return 0, false
	}
	switch fe.Code {
	case fault.Invalid:
		status = http.StatusUnprocessableEntity
	case fault.Conflict:
		status = http.StatusConflict
	case fault.Forbidden:
		status = http.StatusForbidden
	case fault.TooMany:
		status = http.StatusTooManyRequests
	case fault.Unavailable:
		status = http.StatusServiceUnavailable
	default:
		return 0, false
	}
	if f.Values == nil {
		f.Values = url.Values{}
	}
	list := fe.Fields
	if len(list) == 0 {
		list = []*fault.Error{fe}
	}
	for _, e := range list {
		msg := sentence(e.Message)
		if e.Field == "" || fe.Code != fault.Invalid {
			f.general = append(f.general, msg)
			continue
		}
		name := f.field(e.Field)
		if _, seen := f.errs[name]; seen {
			continue // a date the form could not read is not also "wajib diisi"
		}
		if f.errs == nil {
			f.errs = map[string]string{}
		}
		f.errs[name] = msg
		f.order = append(f.order, name)
	}
	return status, true
}

// AddError puts a message on a field (or, with field "", on the whole
// form) — for a check only the page makes.
func (f *Form) AddError(field, message string) {
	message = sentence(message)
	if field == "" {
		f.general = append(f.general, message)
		return
	}
	if _, seen := f.errs[field]; seen {
		return
	}
	if f.errs == nil {
		f.errs = map[string]string{}
	}
	f.errs[field] = message
	f.order = append(f.order, field)
}

// For is f when it is the form called name, else an empty form of that
// name: a page with one Form field and a form repeated per row (an end
// form under each appointment) gives only the submitted one its state.
func (f Form) For(name string) Form {
	if f.Name == name {
		return f
	}
	return NewForm(name, nil)
}

// Failed reports whether the form has any message.
func (f Form) Failed() bool { return len(f.order) > 0 || len(f.general) > 0 }

// Get is the value of a field, as typed.
func (f Form) Get(field string) string { return f.Values.Get(field) }

// Is reports whether field holds v (a select's option, a radio button).
func (f Form) Is(field, v string) bool { return f.Values.Get(field) == v }

// FieldError is the message of a field, or "".
func (f Form) FieldError(field string) string { return f.errs[field] }

// Messages are every message, the form's own first, then each field's in
// the order the rules found them — what the API's errors[] lists.
func (f Form) Messages() []string {
	out := append([]string(nil), f.general...)
	for _, name := range f.order {
		out = append(out, f.errs[name])
	}
	return out
}

// Fields are the fields at fault, sorted (for tests and logs).
func (f Form) Fields() []string {
	out := append([]string(nil), f.order...)
	sort.Strings(out)
	return out
}

// ID is the id of a field's input: the form's name, a dash, the field.
func (f Form) ID(field string) string {
	if f.Name == "" {
		return field
	}
	return f.Name + "-" + field
}

func (f Form) messageID(field string) string { return f.ID(field) + "-galat" }

// SummaryID is the id of the form's summary of errors.
func (f Form) SummaryID() string {
	if f.Name == "" {
		return "galat"
	}
	return f.Name + "-galat"
}

// Attrs are the attributes of a field's input, select or textarea: id,
// name and, when it is at fault, aria-invalid and aria-describedby naming
// its message.
func (f Form) Attrs(field string) template.HTMLAttr {
	var b strings.Builder
	b.WriteString(`id="`)
	b.WriteString(template.HTMLEscapeString(f.ID(field)))
	b.WriteString(`" name="`)
	b.WriteString(template.HTMLEscapeString(field))
	b.WriteString(`"`)
	if _, bad := f.errs[field]; bad {
		b.WriteString(` aria-invalid="true" aria-describedby="`)
		b.WriteString(template.HTMLEscapeString(f.messageID(field)))
		b.WriteString(`"`)
	}
	return template.HTMLAttr(b.String())
}

// Label is a field's label and, when it is at fault, its message right
// under it — above the input, where the phone's keyboard does not cover it.
func (f Form) Label(field, text string) template.HTML {
	// Written directly, not through a partial: a page calls Label once per
	// input, and executing a template per label cost 7% of the perangkat
	// page's CPU under load (issue 9). TestLabelMatchesItsMarkup holds it
	// to the markup the partial wrote.
	var b strings.Builder
	b.WriteString(`<label for="`)
	b.WriteString(template.HTMLEscapeString(f.ID(field)))
	b.WriteString(`">`)
	b.WriteString(template.HTMLEscapeString(text))
	b.WriteString(`</label>`)
	f.writeMessage(&b, field)
	return template.HTML(b.String())
}

// writeMessage writes a field's message paragraph, if it has one.
func (f Form) writeMessage(b *strings.Builder, field string) {
	msg := f.errs[field]
	if msg == "" {
		return
	}
	b.WriteString(`<p class="galat-isian" id="`)
	b.WriteString(template.HTMLEscapeString(f.messageID(field)))
	b.WriteString(`"><span class="tersembunyi">Galat: </span>`)
	b.WriteString(template.HTMLEscapeString(msg))
	b.WriteString(`</p>`)
}

// Message is only the message paragraph of a field ("" when none), for a
// field whose label a template writes itself (a fieldset's legend).
func (f Form) Message(field string) template.HTML {
	var b strings.Builder
	f.writeMessage(&b, field)
	return template.HTML(b.String())
}

// Summary is the box at the top of the form listing every message, each
// one about a field linking to it ("" when nothing failed). It takes the
// focus when the page opens, so the browser scrolls it into view and a
// screen reader reads it.
func (f Form) Summary() template.HTML {
	if !f.Failed() {
		return ""
	}
	v := summaryView{ID: f.SummaryID(), General: f.general}
	for _, name := range f.order {
		it := summaryItem{Message: f.errs[name]}
		// A field the form did not post (the rules named a field this
		// form has no input for) gets no link that leads nowhere.
		if _, posted := f.Values[name]; posted {
			it.Href = "#" + f.ID(name)
		}
		v.Items = append(v.Items, it)
	}
	return execPartial("ringkasan", v)
}

type summaryItem struct{ Message, Href string }

type summaryView struct {
	ID      string
	General []string
	Items   []summaryItem
}

// partials are the markup of Summary and Contents, escaped by
// html/template like every page.
var partials = template.Must(template.New("").Parse(`
{{- define "ringkasan"}}<div class="ringkasan-galat" id="{{.ID}}" role="alert" tabindex="-1" autofocus>
<p class="ringkasan-judul">Formulir belum tersimpan. Periksa isian berikut:</p>
<ul>
{{- range .General}}<li>{{.}}</li>{{end}}
{{- range .Items}}<li>{{if .Href}}<a href="{{.Href}}">{{.Message}}</a>{{else}}{{.Message}}{{end}}</li>{{end}}
</ul>
</div>{{end}}
{{- define "isi"}}<nav class="isi-halaman" aria-label="Isi halaman"><p>Di halaman ini</p>
<ul>{{range .}}<li><a href="{{.Href}}">{{.Message}}</a></li>{{end}}</ul>
</nav>{{end}}`))

func execPartial(name string, data any) template.HTML {
	var b strings.Builder
	if err := partials.ExecuteTemplate(&b, name, data); err != nil {
		// The partials are fixed and their data plain strings: an error
		// here is a bug, caught by the package's tests.
		panic(err)
	}
	return template.HTML(b.String())
}

// Failed records err on the form f and reports the status to show the
// form again with. When err is not the user's to fix on this form it
// answers the request itself — the 404 page for something gone, a plain
// 500 (logged) for anything else — and reports false.
func (p *Pages) Failed(rw http.ResponseWriter, r *http.Request, err error, f *Form) (status int, ok bool) {
	if status, ok := f.Fail(err); ok {
		return status, true
	}
	if fe, coded := fault.As(err); coded {
		switch fe.Code {
		case fault.NotFound:
			p.Error(rw, r, http.StatusNotFound, sentence(fe.Message))
			return 0, false
		case fault.Unauthorized:
			p.Error(rw, r, http.StatusUnauthorized, sentence(fe.Message))
			return 0, false
		}
	}
	p.ServerError(rw, r, err)
	return 0, false
}

// Refill shows a page again after its form f failed with err: load reads
// the page's data afresh, put places the form (with its messages and every
// typed value) into it, and the page is rendered with the fault's status.
// An error that is not the form's is answered as Failed does.
//
//	web.Refill(m.pages, w, r, err, form, "perangkat", "Perangkat desa",
//		func() (perangkatData, error) { return m.perangkatData(r, pc) },
//		func(d *perangkatData, f web.Form) { d.Angkat = f })
func Refill[D any](p *Pages, rw http.ResponseWriter, r *http.Request, err error, f Form, page, title string,
	load func() (D, error), put func(*D, Form)) {
	status, ok := p.Failed(rw, r, err, &f)
	if !ok {
		return
	}
	d, lerr := load()
	if lerr != nil {
		p.ServerError(rw, r, lerr)
		return
	}
	put(&d, f)
	p.Render(rw, r, status, page, title, d)
}
