package web

import (
	"context"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// Names gives the official name of a wilayah.
type Names interface {
	Nama(ctx context.Context, kode tenancy.Kode) (string, error)
}

// DesaHeader is the header of a module's desa page: the desa, the way back
// to its page and the module's base path.
type DesaHeader struct {
	Kode    string
	Nama    string
	Wilayah string // the desa's page
	Base    string // /desa/{kode}/<module>
}

// DesaHeaderOf is the header of the tenant desa of ctx for the module
// whose pages live under /desa/{kode}/<module>. names may be nil, and a
// name it cannot give leaves the code in its place.
func DesaHeaderOf(ctx context.Context, names Names, module string) DesaHeader {
	t, _ := tenancy.From(ctx)
	d := DesaHeader{Kode: string(t.Kode), Nama: string(t.Kode), Wilayah: "/wilayah/" + string(t.Kode),
		Base: "/desa/" + string(t.Kode) + "/" + module}
	if names != nil {
		if n, err := names.Nama(ctx, t.Kode); err == nil && n != "" {
			d.Nama = n
		}
	}
	return d
}

// Tab is one tab of a module's pages.
type Tab struct {
	Label string
	Href  string
	Aktif bool
}

// TabDef declares a tab: its path under the tabs' base and its label.
type TabDef struct{ Key, Label string }

// Tabs are the tabs of defs under base whose page served says this build
// serves (no tab may lead to a 404), the one keyed aktif marked; a
// template hides those its user may not open ($.Boleh).
func Tabs(base string, defs []TabDef, aktif string, served func(href string) bool) []Tab {
	var out []Tab
	for _, t := range defs {
		href := base + t.Key
		if !served(href) {
			continue
		}
		out = append(out, Tab{Label: t.Label, Href: href, Aktif: t.Key == aktif})
	}
	return out
}
