package administration

import (
	"context"
	"html/template"
	"net/http"
	"strings"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The desa sub-navigation sits on top of every administration page,
// written by renderNav (the template function navDesa): web.Pages parses
// each page file on its own, with no shared partials. navTmpl is its
// markup as a template, which renderNav follows (TestNavMatchesItsTemplate).
var navTmpl = template.Must(template.ParseFS(templateFS, "templates/bagian/nav_desa.html"))

// navDesa is what the sub-navigation needs: the desa, its name for the
// back link and which page is open.
type navDesa struct {
	Kode   tenancy.Kode
	Nama   string // from the profil; "" before one is saved
	Tautan []tautan
}

type tautan struct {
	Href, Label string
	Aktif       bool
}

// Page keys for navDesa's current page.
const (
	navAdministrasi = "administrasi"
	navPerangkat    = "perangkat"
	navBagan        = "bagan"
	navLembaga      = "lembaga"
	navProfil       = "profil"
)

// nav builds the sub-navigation with aktif as the open page. The letters
// live in another module; the link is to its register all the same, since
// the perbekel's day moves between the two.
func (m *Module) nav(ctx context.Context, pc pageCtx, aktif string) navDesa {
	return navWith(ctx, pc, aktif, m.namaDesa(ctx))
}

// navWith is nav for a page that has read the desa's name (namaDesaTx)
// in its own transaction.
func navWith(ctx context.Context, pc pageCtx, aktif, nama string) navDesa {
	b := base(pc)
	n := navDesa{Kode: pc.Kode, Nama: nama}
	for _, t := range []struct{ key, path, label string }{
		{navAdministrasi, "/administrasi", "Administrasi"},
		{navPerangkat, "/perangkat", "Perangkat"},
		{navBagan, "/perangkat/bagan", "Bagan"},
		{navLembaga, "/lembaga", "Lembaga"},
		{navProfil, "/profil", "Profil"},
		{"surat", "/surat/keluar", "Surat"},
	} {
		// Only pages the user may open: a tab leading to "Akses
		// ditolak" is a dead end (a kaur keuangan reads perangkat but
		// not letters).
		if pc.m != nil && pc.m.web != nil && !pc.m.web.May(ctx, http.MethodGet, b+t.path) {
			continue
		}
		n.Tautan = append(n.Tautan, tautan{Href: b + t.path, Label: t.label, Aktif: t.key == aktif})
	}
	return n
}

// renderNav writes the sub-navigation. It writes the markup directly,
// escaping each value, rather than executing a template: every
// administration page calls it, and a template execution per page was a
// visible part of the perangkat page's CPU (issue 9).
// TestNavMatchesItsTemplate holds it to the markup the template wrote.
func renderNav(n navDesa) (template.HTML, error) {
	plain := plainHref(string(n.Kode))
	for _, t := range n.Tautan {
		plain = plain && plainHref(t.Href)
	}
	if !plain {
		return renderNavTemplate(n)
	}
	var b strings.Builder
	b.Grow(512)
	b.WriteString(`<nav class="sub" aria-label="Menu desa">` + "\n" + `  <a class="kembali" href="/wilayah/`)
	b.WriteString(string(n.Kode))
	b.WriteString(`">← `)
	if n.Nama != "" {
		b.WriteString("Desa ")
		b.WriteString(template.HTMLEscapeString(n.Nama))
	} else {
		b.WriteString("Halaman desa")
	}
	b.WriteString(`</a>`)
	for _, t := range n.Tautan {
		b.WriteString("\n  <a href=\"")
		b.WriteString(t.Href)
		b.WriteString(`"`)
		if t.Aktif {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(`>`)
		b.WriteString(template.HTMLEscapeString(t.Label))
		b.WriteString(`</a>`)
	}
	b.WriteString("\n</nav>")
	return template.HTML(b.String()), nil //nolint:gosec // every value escaped above
}

// plainHref reports whether an href needs no escaping: the nav's paths
// are built from a parsed kode and fixed segments, so they always are.
func plainHref(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// renderNavTemplate executes the nav's template: renderNav's markup for
// an href plainHref refuses (html/template percent-encodes it).
func renderNavTemplate(n navDesa) (template.HTML, error) {
	var b strings.Builder
	if err := navTmpl.Execute(&b, n); err != nil {
		return "", err
	}
	return template.HTML(strings.TrimSpace(b.String())), nil //nolint:gosec // output of html/template
}

// funcs are the template functions of the module's pages.
var funcs = template.FuncMap{
	"navDesa": renderNav,
	"sk":      judulSK,
	// alasanBerhenti are the reasons the end-of-term form offers
	// (Permendagri 67/2017 Pasal 5).
	"alasanBerhenti": func() []string {
		return []string{"masa jabatan berakhir", "permintaan sendiri", "meninggal dunia", "diberhentikan"}
	},
	// iso is a date as a date input takes it (YYYY-MM-DD); a Tanggal
	// printed plainly is "5 Maret 2026", which the input cannot read.
	"iso": func(d Tanggal) string { return string(d) },
	"peran": func(r authz.Role) string {
		if l, ok := peranLabel[r]; ok {
			return l
		}
		return string(r)
	},
}

// peranLabel names the roles an appointment gives, for a page.
var peranLabel = map[authz.Role]string{
	authz.Perbekel: "perbekel/kepala desa", authz.Sekdes: "sekretaris desa", authz.KaurKeuangan: "kaur keuangan",
	authz.Kasi: "kepala seksi", authz.Operator: "operator desa", authz.PetugasSampah: "petugas TPS3R/bank sampah",
}

// judulSK names a decree for a page. A nomor typed in full ("Keputusan
// Perbekel Bengkel Nomor 5/2022") is shown as it is; a bare number gets
// "SK Nomor" in front, so neither reads "SK Keputusan …".
func judulSK(nomor string) string {
	n := strings.TrimSpace(nomor)
	if n == "" {
		return ""
	}
	l := strings.ToLower(n)
	for _, p := range []string{"keputusan ", "peraturan ", "sk ", "surat keputusan "} {
		if strings.HasPrefix(l, p) {
			return n
		}
	}
	return "SK Nomor " + n
}
