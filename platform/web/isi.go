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
	var items []summaryItem
	for i := 0; i < len(pairs); i += 2 {
		id := strings.TrimPrefix(pairs[i], "#")
		if id == "" {
			continue
		}
		items = append(items, summaryItem{Href: "#" + id, Message: pairs[i+1]})
	}
	if len(items) < 2 {
		return "", nil
	}
	return execPartial("isi", items), nil
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
