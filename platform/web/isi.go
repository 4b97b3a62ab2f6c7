package web

import (
	"fmt"
	"html/template"
	"strings"
)

// Contents is the in-page contents list of a long page: its sections, so a
// phone user jumps to the form or the history instead of scrolling past
// every card (on a wide screen it stands in the right margin). A page opts
// in by calling it in its template with pairs of section id and label,
// right under its heading:
//
//	{{daftarIsi "menjabat" "Sedang menjabat" "angkat" "Angkat perangkat"}}
//
// An id given as "" skips its pair, so a section shown only to some users
// is listed only for them: {{daftarIsi "a" "A" (ifThen .BisaTulis "b") "B"}}.
// Fewer than two sections make no list: one link is no contents.
func Contents(pairs ...string) (template.HTML, error) {
	if len(pairs)%2 != 0 {
		return "", fmt.Errorf("web: daftarIsi takes pairs of id and label, got %d values", len(pairs))
	}
	n, plain := 0, true
	for i := 0; i < len(pairs); i += 2 {
		id := strings.TrimPrefix(pairs[i], "#")
		if id != "" {
			n++
			plain = plain && plainID(id)
		}
	}
	if n < 2 {
		return "", nil
	}
	if !plain {
		// An id html/template would percent-encode in the href (a space,
		// a letter outside ASCII) goes through the partial, which does.
		var items []summaryItem
		for i := 0; i < len(pairs); i += 2 {
			if id := strings.TrimPrefix(pairs[i], "#"); id != "" {
				items = append(items, summaryItem{Href: "#" + id, Message: pairs[i+1]})
			}
		}
		return execPartial("isi", items), nil
	}
	// Written directly, not through the partial: every long page calls
	// Contents, and executing a template per call showed in the perangkat
	// page's profile (issue 9). TestContentsMatchesItsMarkup holds it to
	// the partial's markup.
	var b strings.Builder
	b.WriteString(`<nav class="isi-halaman" aria-label="Isi halaman"><p>Di halaman ini</p>` + "\n<ul>")
	for i := 0; i < len(pairs); i += 2 {
		id := strings.TrimPrefix(pairs[i], "#")
		if id == "" {
			continue
		}
		b.WriteString(`<li><a href="#`)
		b.WriteString(id) // plainID: nothing to escape
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(pairs[i+1]))
		b.WriteString(`</a></li>`)
	}
	b.WriteString("</ul>\n</nav>")
	return template.HTML(b.String()), nil //nolint:gosec // every part escaped above
}

// plainID reports whether id needs no escaping in an href or in HTML:
// letters and digits of ASCII, '-', '_', '.' and ':'.
func plainID(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

// ContentsOf is Contents for a page whose sections are data (one per
// lembaga, say): pairs holds id, label, id, label… as Contents takes them.
//
//	{{daftarIsiDari .Isi}}
func ContentsOf(pairs []string) (template.HTML, error) { return Contents(pairs...) }

// ifThen is s when cond is true as a template's if sees it (a non-empty
// list, true, a non-zero number), else "": for a section a page shows only
// sometimes (see Contents).
func ifThen(cond any, s string) string {
	if ok, _ := template.IsTrue(cond); ok {
		return s
	}
	return ""
}
