package audiensi

import (
	"context"
	"net/http"
	"sort"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// /wilayah/{kode}/audiensi/opd is the kabupaten page's way into the OPD
// queues: an OPD member goes straight to their own; the bupati and the
// kabupaten's staff see every OPD with what waits for it and what is
// overdue, each leading to its queue.

type opdRingkas struct {
	OPD
	Menunggu, Terlambat int
	Href                string
}

type antrianOPDPage struct {
	Kabupaten string
	Items     []opdRingkas
}

// menungguPerPenerima counts the waiting parts per recipient in the
// tenant wilayah, and those past due on hariIni.
func (m *Module) menungguPerPenerima(ctx context.Context, hariIni civil.Date) (map[string][2]int, error) {
	var ds []DisposisiAudiensi
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&ds).Column("desa_id", "penerima", "tenggat").
			Where("d.status = ?", Menunggu), "d.desa_id")
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	out := map[string][2]int{}
	for _, d := range ds {
		c := out[d.Penerima]
		c[0]++
		if d.Tenggat.Before(hariIni) {
			c[1]++
		}
		out[d.Penerima] = c
	}
	return out, err
}

func (m *Module) pageAntrianOPD(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	if o, ok := m.opdOf(ctx); ok && o.Kabupaten == t.Kode {
		http.Redirect(rw, r, "/opd/"+o.ID+"/audiensi", http.StatusSeeOther)
		return
	}
	if !m.allowed(ctx, t.Kode, PermBaca) {
		m.pages.Error(rw, r, http.StatusNotFound, "Akun Anda bukan anggota OPD di kabupaten ini.")
		return
	}
	opds, err := m.opdAktif(ctx, t.Kode)
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	counts, err := m.menungguPerPenerima(ctx, m.hariIni(ctx))
	if err != nil {
		m.pages.ServerError(rw, r, err)
		return
	}
	d := antrianOPDPage{}
	if m.regions != nil {
		d.Kabupaten, _ = m.regions.Nama(ctx, t.Kode)
	}
	for _, o := range opds {
		c := counts[o.ID]
		d.Items = append(d.Items, opdRingkas{OPD: o, Menunggu: c[0], Terlambat: c[1], Href: "/opd/" + o.ID + "/audiensi"})
	}
	// What waits longest first: overdue, then waiting, then by name.
	sort.SliceStable(d.Items, func(i, j int) bool {
		a, b := d.Items[i], d.Items[j]
		if a.Terlambat != b.Terlambat {
			return a.Terlambat > b.Terlambat
		}
		return a.Menunggu > b.Menunggu
	})
	m.pages.Render(rw, r, http.StatusOK, "antrian_opd", "Antrian audiensi OPD", d)
}

func (m *Module) routesAntrianOPD(mux *http.ServeMux) {
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/audiensi/opd", PermOPD, []tenancy.Level{tenancy.Kabupaten}, m.pageAntrianOPD)
}

// TerlambatPerPenerima counts, per recipient (an OPD id, or "desa"), the
// parts of audiensi in wilayah that still wait for an answer past their
// deadline today: the overdue column of the statistics, for the
// dashboards of other modules (kunjungan), without text or person.
func (m *Module) TerlambatPerPenerima(ctx context.Context, wilayah tenancy.Kode) (map[string]int64, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	counts, err := m.menungguPerPenerima(ctx, m.hariIni(ctx))
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(counts))
	for p, c := range counts {
		if c[1] > 0 {
			out[p] = int64(c[1])
		}
	}
	return out, nil
}
