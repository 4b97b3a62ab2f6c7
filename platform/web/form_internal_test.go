package web

import (
	"html/template"
	"strings"
	"testing"
)

// labelMarkup is the markup Label and Message wrote through html/template
// before they were written by hand for speed; the hand-written ones must
// give the same markup for any text (html/template spells "+" as "&#43;",
// which is the same character to a browser).
var labelMarkup = template.Must(template.New("").Parse(`
{{- define "pesan"}}{{with .Message}}<p class="galat-isian" id="{{$.MessageID}}"><span class="tersembunyi">Galat: </span>{{.}}</p>{{end}}{{end}}
{{- define "label"}}<label for="{{.ID}}">{{.Text}}</label>{{template "pesan" .}}{{end}}`))

func TestLabelMatchesItsMarkup(t *testing.T) {
	type view struct{ ID, Text, Message, MessageID string }
	for _, c := range []struct{ form, field, text, msg string }{
		{"angkat", "nik", "NIK", ""},
		{"angkat", "nik", "NIK", "NIK harus 16 angka."},
		{"", "nama", `Nama <b>"Ketut"</b> & 'Made' + 1`, `Tidak boleh <script>alert("x")</script> & 'y' + z`},
		{`a"b`, `c<d`, "", "ada"},
	} {
		f := NewForm(c.form, nil)
		if c.msg != "" {
			f.errs = map[string]string{c.field: c.msg}
		}
		v := view{ID: f.ID(c.field), Text: c.text, Message: c.msg, MessageID: f.messageID(c.field)}
		for _, k := range []struct {
			name string
			got  template.HTML
		}{{"label", f.Label(c.field, c.text)}, {"pesan", f.Message(c.field)}} {
			var want strings.Builder
			if err := labelMarkup.ExecuteTemplate(&want, k.name, v); err != nil {
				t.Fatal(err)
			}
			if w := strings.ReplaceAll(want.String(), "&#43;", "+"); string(k.got) != w {
				t.Errorf("%s(%q, %q) with message %q:\n got %s\nwant %s", k.name, c.field, c.text, c.msg, k.got, w)
			}
		}
	}
}

func TestContentsMatchesItsMarkup(t *testing.T) {
	for _, pairs := range [][]string{
		{"menjabat", "Sedang menjabat", "angkat", "Angkat perangkat"},
		{"#a", "A", "", "skipped", "b-2", `<b>"x"</b> & 'y' + z`},
		{"lembaga-1", "PKK", "dua tiga", "id with a space", "ké", "not ASCII"},
		{"x:y.z", "Ünïcödé ✓"},
		{"a", "A", "b", "B", "c", "C"},
	} {
		var items []summaryItem
		for i := 0; i < len(pairs); i += 2 {
			if id := strings.TrimPrefix(pairs[i], "#"); id != "" {
				items = append(items, summaryItem{Href: "#" + id, Message: pairs[i+1]})
			}
		}
		want := ""
		if len(items) >= 2 {
			want = strings.ReplaceAll(string(execPartial("isi", items)), "&#43;", "+")
		}
		got, err := Contents(pairs...)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("Contents(%q):\n got %s\nwant %s", pairs, got, want)
		}
	}
}
