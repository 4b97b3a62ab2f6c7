package administration

import (
	"strings"
	"testing"
)

// renderNav writes the nav by hand for speed; it must give the markup the
// nav's template gives (html/template spells "+" as "&#43;", the same
// character to a browser).
func TestNavMatchesItsTemplate(t *testing.T) {
	full := navWith(t.Context(), pageCtx{Kode: "51.02.06.2001"}, navPerangkat, "Bengkel")
	for _, n := range []navDesa{
		full,
		{Kode: "51.02.06.2001", Nama: ""},
		{Kode: "51.02.06.2001", Nama: `Bengkel <b>"Kaja"</b> & 'Kelod' + 1`, Tautan: full.Tautan[:2]},
		{Kode: "51.02.06.2001", Nama: "Bëngkel", Tautan: []tautan{{Href: "/desa/a b/ké", Label: "<x>", Aktif: true}}},
	} {
		want, err := renderNavTemplate(n)
		if err != nil {
			t.Fatal(err)
		}
		got, err := renderNav(n)
		if err != nil {
			t.Fatal(err)
		}
		if w := strings.ReplaceAll(string(want), "&#43;", "+"); string(got) != w {
			t.Errorf("nav %+v:\n got %s\nwant %s", n, got, w)
		}
	}
	if len(full.Tautan) != 6 || !full.Tautan[1].Aktif {
		t.Fatalf("nav without a guard lists every tab, perangkat open: %+v", full.Tautan)
	}
}
