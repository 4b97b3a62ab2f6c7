package cctv

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Windows the issue asks uptime for.
const (
	Jendela24Jam  = 24 * time.Hour
	Jendela7Hari  = 7 * 24 * time.Hour
	Jendela30Hari = 30 * 24 * time.Hour
	// JendelaMax bounds a window: a calendar month for the dossier.
	JendelaMax = 31 * 24 * time.Hour
	// BatasMati is how long a camera must have been down to be listed
	// (desa page, the camat's and DLH/Satpol PP's lists, the dossier).
	BatasMati = 24 * time.Hour
)

// UptimeAngka is the probes of a camera, a desa or a wilayah in a
// window: how many ran and how many found the camera up.
type UptimeAngka struct {
	Probe int64 `json:"probe"`
	Naik  int64 `json:"naik"`
}

// PersenBP is the share of probes that found the camera up, in basis
// points (10000 = 100 %); ok is false when no probe ran in the window
// (uptime unknown, never shown as 0 %).
func (a UptimeAngka) PersenBP() (bp int64, ok bool) { return valid.BasisPoin(a.Naik, a.Probe) }

// UptimeKamera is one camera's uptime.
type UptimeKamera struct {
	Desa     tenancy.Kode `json:"desa"`
	KameraID string       `json:"kamera_id"`
	Nama     string       `json:"nama"`
	Status   string       `json:"status"`
	UptimeAngka
}

// UptimeDesa is a desa's uptime: its cameras' probes together, so a
// camera probed more often weighs more.
type UptimeDesa struct {
	Desa   tenancy.Kode `json:"desa"`
	Kamera int          `json:"kamera"`
	UptimeAngka
}

// Uptime is the uptime of every camera of a wilayah since a moment, per
// camera, per desa (desa with cameras only) and in total.
type Uptime struct {
	Wilayah tenancy.Kode   `json:"wilayah"`
	Sejak   time.Time      `json:"sejak"`
	Kamera  []UptimeKamera `json:"kamera"`
	Desa    []UptimeDesa   `json:"desa"`
	Total   UptimeDesa     `json:"total"`
}

// Uptime reads the probes of every camera in wilayah (a desa, a
// kecamatan or a kabupaten) since sejak, in one query; cameras without a
// probe in the window are listed with none. Cameras are ordered by desa
// and name.
func (m *Module) Uptime(ctx context.Context, wilayah tenancy.Kode, sejak time.Time) (Uptime, error) {
	if now := m.now(); sejak.IsZero() || sejak.After(now) || now.Sub(sejak) > JendelaMax {
		return Uptime{}, fault.Field("query.sejak", "Jendela uptime harus berakhir sekarang dan paling lama 31 hari.")
	}
	sejak = sejak.UTC()
	u := Uptime{Wilayah: wilayah, Sejak: sejak, Total: UptimeDesa{Desa: wilayah}}
	var rows []struct {
		DesaID   int64  `bun:"desa_id"`
		KameraID string `bun:"kamera_id"`
		Nama     string `bun:"nama"`
		Status   string `bun:"status"`
		Probe    int64  `bun:"probe"`
		Naik     int64  `bun:"naik"`
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		probe, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("cctv_probe AS p").
			ColumnExpr("p.desa_id, p.kamera_id, count(*) AS probe, sum(CASE WHEN p.up THEN 1 ELSE 0 END) AS naik").
			Where("p.checked_at >= ?", sejak).
			GroupExpr("p.desa_id, p.kamera_id"), "p.desa_id")
		if err != nil {
			return err
		}
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("cctv_kamera AS k").
			ColumnExpr("k.desa_id, k.id AS kamera_id, k.nama, k.status").
			ColumnExpr("coalesce(p.probe, 0) AS probe, coalesce(p.naik, 0) AS naik").
			Join("LEFT JOIN (?) AS p ON p.desa_id = k.desa_id AND p.kamera_id = k.id", probe).
			OrderExpr("k.desa_id, k.nama"), "k.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx, &rows)
	})
	if err != nil {
		return Uptime{}, err
	}
	u.Kamera = make([]UptimeKamera, 0, len(rows))
	for _, r := range rows {
		desa := tenancy.KodeOfDesaID(r.DesaID)
		a := UptimeAngka{Probe: r.Probe, Naik: r.Naik}
		u.Kamera = append(u.Kamera, UptimeKamera{Desa: desa, KameraID: r.KameraID, Nama: r.Nama, Status: r.Status, UptimeAngka: a})
		if n := len(u.Desa); n == 0 || u.Desa[n-1].Desa != desa {
			u.Desa = append(u.Desa, UptimeDesa{Desa: desa})
		}
		d := &u.Desa[len(u.Desa)-1]
		d.Kamera++
		d.Probe += a.Probe
		d.Naik += a.Naik
		u.Total.Kamera++
		u.Total.Probe += a.Probe
		u.Total.Naik += a.Naik
	}
	return u, nil
}

// Mati is a camera down for longer than BatasMati.
type Mati struct {
	Desa     tenancy.Kode `json:"desa"`
	KameraID string       `json:"kamera_id"`
	Nama     string       `json:"nama"`
	Dusun    string       `json:"dusun,omitempty"`
	// Sejak is the first failed probe after the last one that found the
	// camera up (or the first probe ever, when none did).
	Sejak time.Time `json:"sejak"`
	// TerakhirNaik is the last probe that found it up; nil when none did.
	TerakhirNaik *time.Time `json:"terakhir_naik,omitempty"`
}

// DownSince lists the aktif cameras of wilayah whose latest probe failed
// and that have been down since before now − BatasMati, longest down
// first, in one query. A camera never probed is not listed: nothing is
// known about it.
func (m *Module) DownSince(ctx context.Context, wilayah tenancy.Kode) ([]Mati, error) {
	batas := m.now().UTC().Add(-BatasMati)
	var rows []struct {
		DesaID       int64      `bun:"desa_id"`
		KameraID     string     `bun:"kamera_id"`
		Nama         string     `bun:"nama"`
		Dusun        string     `bun:"dusun"`
		TerakhirNaik *time.Time `bun:"terakhir_naik"`
		Sejak        time.Time  `bun:"sejak"`
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		// The latest probe, and the latest that found the camera up.
		last, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("cctv_probe AS p").
			ColumnExpr("p.desa_id, p.kamera_id").
			ColumnExpr("max(CASE WHEN p.up THEN p.checked_at END) AS terakhir_naik, max(p.checked_at) AS terakhir").
			GroupExpr("p.desa_id, p.kamera_id"), "p.desa_id")
		if err != nil {
			return err
		}
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("cctv_kamera AS k").
			ColumnExpr("k.desa_id, k.id AS kamera_id, k.nama, k.dusun, t.terakhir_naik").
			ColumnExpr(`(SELECT min(p2.checked_at) FROM cctv_probe AS p2
				WHERE p2.desa_id = t.desa_id AND p2.kamera_id = t.kamera_id
				AND (t.terakhir_naik IS NULL OR p2.checked_at > t.terakhir_naik)) AS sejak`).
			Join("JOIN (?) AS t ON t.desa_id = k.desa_id AND t.kamera_id = k.id", last).
			Where("k.status = ?", StatusAktif).
			Where("(t.terakhir_naik IS NULL OR t.terakhir_naik < t.terakhir)"), "k.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx, &rows)
	})
	if err != nil {
		return nil, err
	}
	var out []Mati
	for _, r := range rows {
		if r.Sejak.After(batas) {
			continue
		}
		mt := Mati{Desa: tenancy.KodeOfDesaID(r.DesaID), KameraID: r.KameraID, Nama: r.Nama, Dusun: r.Dusun, Sejak: r.Sejak.UTC()}
		if r.TerakhirNaik != nil {
			t := r.TerakhirNaik.UTC()
			mt.TerakhirNaik = &t
		}
		out = append(out, mt)
	}
	slices.SortFunc(out, func(a, b Mati) int {
		if c := a.Sejak.Compare(b.Sejak); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.Desa), string(b.Desa)); c != 0 {
			return c
		}
		return strings.Compare(a.Nama, b.Nama)
	})
	return out, nil
}
