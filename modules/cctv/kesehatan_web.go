package cctv

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The health pages: a desa's cameras with their uptime and last check,
// and a kecamatan's or kabupaten's uptime per kecamatan and desa with the
// cameras down for more than a day (the list the camat, DLH and Satpol
// PP work from).

// uptimeView is the three windows as printed; "" marks no probe.
type uptimeView struct {
	Jam24, Hari7, Hari30 string
}

func viewUptime(t UptimeTiga) uptimeView {
	f := func(j UptimeJendela) string {
		if j.PersenBP == nil {
			return ""
		}
		return PersenBP(*j.PersenBP, true)
	}
	return uptimeView{Jam24: f(t.Jam24), Hari7: f(t.Hari7), Hari30: f(t.Hari30)}
}

// waktuLokal prints t in the wilayah's zone ("05-03-2026 10.00 WITA").
func waktuLokal(t time.Time, k tenancy.Kode) string {
	return t.In(civil.Zone(k)).Format("02-01-2006 15.04 MST")
}

// lamaMati prints how long since t: "3 hari 4 jam".
func lamaMati(now, t time.Time) string {
	d := now.Sub(t)
	hari := int(d / (24 * time.Hour))
	jam := int(d%(24*time.Hour)) / int(time.Hour)
	switch {
	case hari == 0:
		return fmt.Sprintf("%d jam", jam)
	case jam == 0:
		return fmt.Sprintf("%d hari", hari)
	}
	return fmt.Sprintf("%d hari %d jam", hari, jam)
}

type matiView struct {
	NamaDesa, NamaKecamatan, Nama, Dusun string
	Sejak, Lama, TerakhirNaik            string
	Href                                 string // the desa's health page, when served
}

func (m *Module) viewMati(s StatusWilayah) []matiView {
	out := make([]matiView, 0, len(s.mati))
	for _, mt := range s.mati {
		v := matiView{NamaDesa: mt.NamaDesa, NamaKecamatan: mt.NamaKecamatan, Nama: mt.Nama, Dusun: mt.Dusun,
			Sejak: waktuLokal(mt.Sejak, mt.Desa), Lama: lamaMati(s.Dihitung, mt.Sejak), Href: m.hrefKesehatan(mt.Desa)}
		if mt.TerakhirNaik != nil {
			v.TerakhirNaik = waktuLokal(*mt.TerakhirNaik, mt.Desa)
		}
		out = append(out, v)
	}
	return out
}

// hrefKesehatan is the desa's health page, or "" when it is not served.
func (m *Module) hrefKesehatan(desa tenancy.Kode) string {
	href := "/desa/" + string(desa) + "/cctv" + TabKesehatan
	if !m.served(href) {
		return ""
	}
	return href
}

type kameraSehatView struct {
	ID, Nama, Status      string
	Aktif                 bool
	Terakhir, StatusCek   string
	Naik, Mati, Diperiksa bool
	Uptime                uptimeView
}

type kesehatanDesaPage struct {
	Desa     desaView
	Nav      []navTab
	Dihitung string
	Interval int
	Putaran  string
	Total    StatusBaris
	Uptime   uptimeView
	Kamera   []kameraSehatView
	Mati     []matiView
}

func (m *Module) pageKesehatanDesa(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	s, err := m.StatusWilayah(ctx, t.Kode)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	last, err := m.probeTerakhir(ctx)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	d := kesehatanDesaPage{Desa: m.desaView(ctx), Nav: m.nav(t.Kode, TabKesehatan), Dihitung: waktuLokal(s.Dihitung, t.Kode),
		Total: s.Total, Uptime: viewUptime(s.Total.UptimeTiga), Mati: m.viewMati(s)}
	d.Desa.Nama = s.Nama
	if set, err := m.BacaPengaturan(ctx, t.Kode); err == nil {
		d.Interval = set.IntervalProbeMenit
	}
	mati := map[string]bool{}
	for _, mt := range s.mati {
		mati[mt.KameraID] = true
	}
	per := [3]map[string]UptimeAngka{{}, {}, {}}
	for i, u := range s.kamera {
		for _, k := range u.Kamera {
			per[i][k.KameraID] = k.UptimeAngka
		}
	}
	for _, k := range s.kamera[2].Kamera {
		var tiga UptimeTiga
		for i := range 3 {
			setJendela(&tiga, i, jendela(per[i][k.KameraID]))
		}
		v := kameraSehatView{ID: k.KameraID, Nama: k.Nama, Status: k.Status, Aktif: k.Status == StatusAktif,
			Mati: mati[k.KameraID], Uptime: viewUptime(tiga)}
		if p, ok := last[k.KameraID]; ok {
			v.Diperiksa, v.Naik = true, p.Up
			v.Terakhir = waktuLokal(p.CheckedAt, t.Kode)
			v.StatusCek = NamaStatusProbe(p.Status)
		}
		d.Kamera = append(d.Kamera, v)
	}
	// Cameras down for more than a day first, then the rest by name.
	slices.SortStableFunc(d.Kamera, func(a, b kameraSehatView) int {
		switch {
		case a.Mati && !b.Mati:
			return -1
		case b.Mati && !a.Mati:
			return 1
		}
		return strings.Compare(a.Nama, b.Nama)
	})
	m.pages.Render(rw, r, http.StatusOK, "kesehatan", "Kesehatan CCTV "+d.Desa.Nama, d)
}

type statusBarisView struct {
	StatusBaris
	Uptime   uptimeView
	Nonaktif int
	Href     string
}

type kesehatanWilayahPage struct {
	Judul, Kode string
	Kabupaten   bool
	Dihitung    string
	Total       statusBarisView
	Kecamatan   []statusBarisView
	Desa        []statusBarisView
	Mati        []matiView
	Unduh       string // the XLSX of cameras and uptime, when served
	Pengaturan  string // the kabupaten's probe setting, when served
}

func (m *Module) pageKesehatanWilayah(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	s, err := m.StatusWilayah(ctx, t.Kode)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	judul := s.Nama
	if t.Kode.Level() == tenancy.Kecamatan {
		judul = "Kecamatan " + judul
	}
	d := kesehatanWilayahPage{Judul: judul, Kode: string(t.Kode), Kabupaten: t.Kode.Level() == tenancy.Kabupaten,
		Unduh: m.servedOr(LaporanPathXLSX(t.Kode)), Pengaturan: m.servedOr("/wilayah/" + string(t.Kode) + "/cctv/pengaturan"),
		Dihitung: waktuLokal(s.Dihitung, t.Kode), Mati: m.viewMati(s),
		Total: statusBarisView{StatusBaris: s.Total, Uptime: viewUptime(s.Total.UptimeTiga)}}
	for _, k := range s.Kecamatan {
		d.Kecamatan = append(d.Kecamatan, statusBarisView{StatusBaris: k, Uptime: viewUptime(k.UptimeTiga)})
	}
	for _, b := range s.Desa {
		v := statusBarisView{StatusBaris: b, Uptime: viewUptime(b.UptimeTiga), Nonaktif: b.Kamera - b.KameraAktif}
		if b.Kamera > 0 {
			v.Href = m.hrefKesehatan(b.Kode)
		}
		d.Desa = append(d.Desa, v)
	}
	m.pages.Render(rw, r, http.StatusOK, "kesehatan_wilayah", "Kesehatan CCTV "+judul, d)
}
