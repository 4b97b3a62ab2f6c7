package keuangan

import (
	"strconv"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// navTab is one tab of the module's pages for a desa and year.
type navTab struct {
	Label string
	Href  string
	Aktif bool
}

// navView is the tab row every keuangan page of a desa shows
// ({{template "keuangan-nav" .}}); a tab the user may not open is hidden
// by the template ($.Boleh).
type navView struct {
	Tabs []navTab
}

// Tab keys, one per page of a desa and year.
const (
	tabAPBDes    = "apbdes"
	tabEvaluasi  = "evaluasi"
	tabRealisasi = "realisasi"
	tabBKU       = "bku"
	tabDanaDesa  = "dana-desa"
	tabLaporan   = "laporan"
)

// nav builds the tabs for desa and tahun with aktif marked. Every path here
// is a page of one part of the module: /desa/{kode}/keuangan/{tahun}/….
func nav(desa tenancy.Kode, tahun int, aktif string) navView {
	base := "/desa/" + string(desa) + "/keuangan/" + strconv.Itoa(tahun) + "/"
	tabs := []navTab{
		{Label: "APBDes", Href: base + tabAPBDes},
		{Label: "Evaluasi camat", Href: base + tabEvaluasi},
		{Label: "Realisasi", Href: base + tabRealisasi},
		{Label: "Buku kas", Href: base + tabBKU},
		{Label: "Dana Desa", Href: base + tabDanaDesa},
		{Label: "Laporan", Href: base + tabLaporan},
	}
	for i := range tabs {
		tabs[i].Aktif = tabs[i].Href == base+aktif
	}
	return navView{Tabs: tabs}
}
