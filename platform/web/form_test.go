package web_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/web"
)

// formPages is a module page with one form in the shape the package doc
// shows, behind a long block of text like the perangkat page's list.
func formPages(t *testing.T) *web.Pages {
	t.Helper()
	w := web.New(web.Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	fsys := fstest.MapFS{"t/isian.html": {Data: []byte(`{{define "content"}}<p>DAFTAR-PANJANG</p>
{{$f := .Data}}
<form class="formulir" method="post" action="/x">
{{$f.Summary}}
{{$f.Label "nama" "Nama lengkap"}}
<input {{$f.Attrs "nama"}} value="{{$f.Get "nama"}}">
{{$f.Label "nik" "NIK (16 angka)"}}
<input {{$f.Attrs "nik"}} value="{{$f.Get "nik"}}">
{{$f.Label "sk_tanggal" "Tanggal SK"}}
<input {{$f.Attrs "sk_tanggal"}} type="date" value="{{$f.Get "sk_tanggal"}}">
{{$f.Label "rincian_usaha" "Nama usaha"}}
<input {{$f.Attrs "rincian_usaha"}} value="{{$f.Get "rincian_usaha"}}">
<select {{$f.Attrs "status"}}><option value="plt"{{if $f.Is "status" "plt"}} selected{{end}}>Plt</option></select>
</form>{{end}}`)}}
	return w.Pages(fsys, "t/*.html", nil)
}

func renderForm(t *testing.T, p *web.Pages, status int, f web.Form) string {
	t.Helper()
	rec := httptest.NewRecorder()
	p.Render(rec, httptest.NewRequest(http.MethodGet, "/", nil), status, "isian", "Isian", f)
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %s", rec.Code, status, rec.Body)
	}
	return rec.Body.String()
}

// A refused form shows its summary at the top of the form (after the long
// list, not above it), each message linked to its field, each message
// again under its field's label with the input pointing at it, and every
// value as typed — the NIK too, and markup typed into a field stays text.
func TestFailedFormShowsEachMessageAtItsField(t *testing.T) {
	posted := url.Values{"nama": {`<b>Made</b> "Sudarsana"`}, "nik": {"5102063102850001"}, "sk_tanggal": {"2030-01-01"},
		"rincian_usaha": {""}, "status": {"plt"}}
	err := fault.Invalids([]*fault.Error{
		fault.Field("body.pemohon.nik", "NIK tidak sah: tanggal lahir di dalamnya keliru."),
		fault.Field("body.sk_tanggal", "tanggal SK tidak boleh setelah hari ini"), // a lower-case API message
		fault.Field("body.sk_tanggal", "Tanggal SK wajib diisi."),                 // second of one field: not shown
		fault.Field("body.pemohon.rincian.usaha", "Nama usaha wajib diisi."),
		fault.Field("body.nip", "NIP/NIAP hanya berisi angka."), // no such input on this form
	})
	f := web.NewForm("angkat", posted).Rename("pemohon.", "").Rename("pemohon.rincian.", "rincian_")
	status, ok := f.Fail(err)
	if !ok || status != http.StatusUnprocessableEntity {
		t.Fatalf("Fail: %d %v", status, ok)
	}
	if got, want := strings.Join(f.Fields(), ","), "nik,nip,rincian_usaha,sk_tanggal"; got != want {
		t.Fatalf("fields at fault %s, want %s", got, want)
	}
	body := renderForm(t, formPages(t), status, f)

	summary := regexp.MustCompile(`(?s)<div class="ringkasan-galat" id="angkat-galat" role="alert" tabindex="-1" autofocus>.*?</div>`).FindString(body)
	if summary == "" {
		t.Fatalf("no focusable summary:\n%s", body)
	}
	if strings.Index(body, "DAFTAR-PANJANG") > strings.Index(body, summary) || strings.Index(body, summary) < strings.Index(body, "<form") {
		t.Fatal("summary is not at the top of the form")
	}
	items := regexp.MustCompile(`<li>(.*?)</li>`).FindAllStringSubmatch(summary, -1)
	want := []string{
		`<a href="#angkat-nik">NIK tidak sah: tanggal lahir di dalamnya keliru.</a>`,
		`<a href="#angkat-sk_tanggal">Tanggal SK tidak boleh setelah hari ini.</a>`,
		`<a href="#angkat-rincian_usaha">Nama usaha wajib diisi.</a>`,
		`NIP/NIAP hanya berisi angka.`,
	}
	if len(items) != len(want) {
		t.Fatalf("summary items %q, want %q", items, want)
	}
	for i := range want {
		if items[i][1] != want[i] {
			t.Errorf("summary item %d is %q, want %q", i, items[i][1], want[i])
		}
	}
	for _, s := range []string{
		// The label, its message, then the input that names the message.
		`<label for="angkat-nik">NIK (16 angka)</label><p class="galat-isian" id="angkat-nik-galat"><span class="tersembunyi">Galat: </span>NIK tidak sah: tanggal lahir di dalamnya keliru.</p>`,
		`<input id="angkat-nik" name="nik" aria-invalid="true" aria-describedby="angkat-nik-galat" value="5102063102850001">`,
		`<input id="angkat-sk_tanggal" name="sk_tanggal" aria-invalid="true" aria-describedby="angkat-sk_tanggal-galat" type="date" value="2030-01-01">`,
		`<input id="angkat-rincian_usaha" name="rincian_usaha" aria-invalid="true"`,
		// A field without fault has no message and is not marked.
		`<label for="angkat-nama">Nama lengkap</label>
<input id="angkat-nama" name="nama" value="&lt;b&gt;Made&lt;/b&gt; &#34;Sudarsana&#34;">`,
		`<option value="plt" selected>`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %s", s)
		}
	}
	if strings.Contains(body, "wajib diisi.</p>") && strings.Contains(body, "Tanggal SK wajib") {
		t.Error("a field shows its second message")
	}
	if n := strings.Count(body, `aria-invalid="true"`); n != 3 {
		t.Errorf("%d fields marked invalid, want 3", n)
	}
}

// A fresh form shows no summary, no message and marks nothing; its ids
// still carry the form's name.
func TestFreshFormShowsNoErrors(t *testing.T) {
	body := renderForm(t, formPages(t), http.StatusOK, web.NewForm("angkat", nil))
	for _, s := range []string{"ringkasan-galat", "galat-isian", "aria-invalid", "autofocus"} {
		if strings.Contains(body, s) {
			t.Errorf("fresh form shows %s", s)
		}
	}
	if !strings.Contains(body, `<input id="angkat-nik" name="nik" value="">`) {
		t.Errorf("fresh form's NIK input: %s", body)
	}
}

// A conflict or a refusal is the form's whole: in the summary, on no
// field, with its own status; a gone record is the 404 page and an
// uncoded error a plain 500 that shows nothing of its text.
func TestFormFailureStatuses(t *testing.T) {
	p := formPages(t)
	tests := []struct {
		name     string
		err      error
		status   int
		form     bool
		contains string
	}{
		{"invalid", fault.Field("body.nama", "Nama wajib diisi."), 422, true, `<a href="#angkat-nama">Nama wajib diisi.</a>`},
		{"conflict", fault.New(fault.Conflict, "jabatan kepala desa masih dijabat"), 409, true, "<li>Jabatan kepala desa masih dijabat.</li>"},
		{"forbidden", fault.New(fault.Forbidden, "Jabatan ini tertaut ke akun pengguna."), 403, true, "<li>Jabatan ini tertaut ke akun pengguna.</li>"},
		{"busy", fault.New(fault.Unavailable, "Layanan sibuk; coba lagi."), 503, true, "<li>Layanan sibuk; coba lagi.</li>"},
		{"gone", fault.New(fault.NotFound, "perangkat tidak ditemukan"), 404, false, "Perangkat tidak ditemukan."},
		{"internal", errors.New("pq: relation perangkat does not exist"), 500, false, "Terjadi kesalahan pada server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			r := httptest.NewRequest(http.MethodPost, "/x", nil)
			web.Refill(p, rec, r, tt.err, web.NewForm("angkat", url.Values{"nama": {"Made"}}), "isian", "Isian",
				func() (web.Form, error) { return web.Form{}, nil },
				func(d *web.Form, f web.Form) { *d = f })
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if strings.Contains(body, `class="formulir"`) != tt.form {
				t.Fatalf("form shown: %v, want %v", !tt.form, tt.form)
			}
			if !strings.Contains(body, tt.contains) {
				t.Fatalf("page lacks %q:\n%s", tt.contains, body)
			}
			if strings.Contains(body, "pq:") {
				t.Fatal("internal error text on the page")
			}
			if tt.form && !strings.Contains(body, `value="Made"`) {
				t.Fatal("typed name lost")
			}
		})
	}
}

// For gives the submitted copy of a repeated form its state and every
// other copy a fresh one.
func TestForPicksTheSubmittedCopy(t *testing.T) {
	f := web.NewForm("berhenti-1", url.Values{"tanggal": {"2030-01-01"}})
	f.AddError("tanggal", "Tanggal berhenti tidak boleh setelah hari ini.")
	if got := f.For("berhenti-1"); got.FieldError("tanggal") == "" || got.Get("tanggal") != "2030-01-01" {
		t.Fatalf("submitted copy lost its state: %+v", got)
	}
	if got := f.For("berhenti-2"); got.Failed() || got.Get("tanggal") != "" || got.ID("tanggal") != "berhenti-2-tanggal" {
		t.Fatalf("other copy: %+v", got)
	}
}

// A long page opts into its contents list with pairs of section id and
// label; a section shown only to some users drops out with an empty id,
// and one section alone makes no list.
func TestContentsListsTheSectionsAPageNames(t *testing.T) {
	got, err := web.Contents("menjabat", "Sedang menjabat", "", "Riwayat jabatan", "#angkat", "Angkat perangkat")
	if err != nil {
		t.Fatal(err)
	}
	want := `<nav class="isi-halaman" aria-label="Isi halaman"><p>Di halaman ini</p>
<ul><li><a href="#menjabat">Sedang menjabat</a></li><li><a href="#angkat">Angkat perangkat</a></li></ul>
</nav>`
	if string(got) != want {
		t.Fatalf("contents:\n%s\nwant:\n%s", got, want)
	}
	if got, _ := web.Contents("menjabat", "Sedang menjabat", "", "Angkat perangkat"); got != "" {
		t.Fatalf("one section makes a list: %s", got)
	}
	if _, err := web.Contents("menjabat"); err == nil {
		t.Fatal("an id without its label is accepted")
	}
}
