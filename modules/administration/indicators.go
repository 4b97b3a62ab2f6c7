package administration

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The module's indicators (platform/indicator), as the kecamatan and
// kabupaten tables show them.
const (
	IndKepalaDesa       = "kepala_desa"
	IndStatusKepalaDesa = "status_kepala_desa"
	IndJabatanTerisi    = "jabatan_terisi"
	IndJabatanKosong    = "jabatan_kosong"
	IndMasaJabatan      = "masa_jabatan_berakhir"
	IndPenduduk         = "penduduk"
)

const source = "administration"

// Definitions lists the module's indicators. The kepala desa's name needs
// PermPerangkatRead; the counts are aggregates (PermProfilAgregat), which
// the forum perbekel may compare.
func (m *Module) Definitions() []indicator.Definition {
	return []indicator.Definition{
		{Source: source, Code: IndKepalaDesa, Nama: "Kepala desa", Kind: indicator.Text, Permission: PermPerangkatRead, Personal: true},
		{Source: source, Code: IndStatusKepalaDesa, Nama: "Status", Kind: indicator.Text, Permission: PermPerangkatRead, Personal: true},
		{Source: source, Code: IndJabatanTerisi, Nama: "Jabatan terisi", Kind: indicator.Count, Satuan: "jabatan", HigherIsBetter: true, Kini: true, Permission: PermProfilAgregat},
		{Source: source, Code: IndJabatanKosong, Nama: "Jabatan kosong", Kind: indicator.Count, Satuan: "jabatan", Kini: true, Permission: PermProfilAgregat},
		{Source: source, Code: IndMasaJabatan, Nama: "Masa jabatan berakhir ≤ 60 hari", Kind: indicator.Count, Satuan: "orang", Kini: true, Permission: PermProfilAgregat},
		{Source: source, Code: IndPenduduk, Nama: "Penduduk", Kind: indicator.Count, Satuan: "jiwa", HigherIsBetter: true, Kini: true, Permission: PermProfilAgregat},
		{Source: source, Code: indicator.Diperbarui, Nama: "Terakhir diperbarui", Kind: indicator.Time, Permission: PermProfilAgregat},
	}
}

// inPost is the SQL of an appointment or a seat held on date ?: not ended
// (or ending on a later date), and its term not run out. A term whose end
// date has passed with nobody recording a successor leaves the post
// vacant, as the masa-jabatan flag reads it.
const inPost = "(%[1]s.ended_at IS NULL OR %[1]s.tanggal_berhenti > ?) AND (%[1]s.selesai IS NULL OR %[1]s.selesai >= ?)"

// Indicators answers for every desa inside wilayah in one query per family:
// appointments with the dusun (kepala desa, posts filled and vacant),
// terms ending within peringatanHari days of today, the latest population,
// and when the desa's records last changed. Posts are counted as the org
// chart draws them (NewBagan), for desa that have recorded any appointment
// or dusun; a desa with nothing recorded has no values.
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, _ indicator.Period, codes []string) ([]indicator.Value, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	today := m.today(wilayah)
	want := func(cs ...string) bool {
		for _, c := range cs {
			if indicator.Wants(codes, c) {
				return true
			}
		}
		return false
	}
	var out []indicator.Value
	add := func(desa int64, code string, v indicator.Value) {
		if indicator.Wants(codes, code) {
			v.Desa, v.Source, v.Code = tenancy.KodeOfDesaID(desa), source, code
			out = append(out, v)
		}
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if want(IndKepalaDesa, IndStatusKepalaDesa, IndJabatanTerisi, IndJabatanKosong) {
			if err := postIndicators(ctx, tx, today, add); err != nil {
				return err
			}
		}
		if want(IndMasaJabatan) {
			if err := endingIndicators(ctx, tx, today, add); err != nil {
				return err
			}
		}
		if want(IndPenduduk) {
			var rows []struct {
				DesaID   int64 `bun:"desa_id"`
				Penduduk int64 `bun:"penduduk"`
			}
			q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("profil_penduduk AS pp").
				ColumnExpr("pp.desa_id, "+penduduk+" AS penduduk").
				Where("pp.tahun = (SELECT max(p2.tahun) FROM profil_penduduk AS p2 WHERE p2.desa_id = pp.desa_id)"), "pp.desa_id")
			if err != nil {
				return err
			}
			if err := q.Scan(ctx, &rows); err != nil {
				return err
			}
			for _, r := range rows {
				add(r.DesaID, IndPenduduk, indicator.Value{Number: r.Penduduk})
			}
		}
		if want(indicator.Diperbarui) {
			return updatedIndicators(ctx, tx, add)
		}
		return nil
	})
	return out, err
}

type addFunc func(desa int64, code string, v indicator.Value)

func postIndicators(ctx context.Context, tx bun.Tx, today Tanggal, add addFunc) error {
	perangkat := []Perangkat{}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&perangkat).
		Column("desa_id", "id", "jabatan", "dusun_id", "nama", "status", "mulai").
		Where(fmt.Sprintf(inPost, "p"), today, today).Order("p.desa_id", "p.mulai", "p.id"))
	if err != nil {
		return err
	}
	if err := q.Scan(ctx); err != nil {
		return err
	}
	dusun := []Dusun{}
	dq, err := tenancy.Scope(ctx, tx.NewSelect().Model(&dusun).Order("d.desa_id", "d.nama", "d.id"))
	if err != nil {
		return err
	}
	if err := dq.Scan(ctx); err != nil {
		return err
	}
	// Desa whose every appointment has ended still have a SOTK to fill.
	var recorded []int64
	rq, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("perangkat AS p").ColumnExpr("DISTINCT p.desa_id"), "p.desa_id")
	if err != nil {
		return err
	}
	if err := rq.Scan(ctx, &recorded); err != nil {
		return err
	}
	byDesa := map[int64]*struct {
		aktif []Perangkat
		dusun []Dusun
	}{}
	get := func(id int64) *struct {
		aktif []Perangkat
		dusun []Dusun
	} {
		if byDesa[id] == nil {
			byDesa[id] = &struct {
				aktif []Perangkat
				dusun []Dusun
			}{}
		}
		return byDesa[id]
	}
	for _, id := range recorded {
		get(id)
	}
	for _, p := range perangkat {
		get(p.DesaID).aktif = append(get(p.DesaID).aktif, p)
	}
	for _, d := range dusun {
		get(d.DesaID).dusun = append(get(d.DesaID).dusun, d)
	}
	for id, d := range byDesa {
		var terisi, kosong int64
		for _, u := range NewBagan(tenancy.KodeOfDesaID(id), d.aktif, d.dusun).Unsur {
			for _, p := range u.Posisi {
				if p.Pejabat != nil {
					terisi++
				} else {
					kosong++
				}
				if p.Jabatan == KepalaDesa && p.Pejabat != nil {
					add(id, IndKepalaDesa, indicator.Value{Text: p.Pejabat.Nama})
					add(id, IndStatusKepalaDesa, indicator.Value{Text: p.Pejabat.Status.Short()})
				}
			}
		}
		add(id, IndJabatanTerisi, indicator.Value{Number: terisi})
		add(id, IndJabatanKosong, indicator.Value{Number: kosong})
	}
	return nil
}

// endingIndicators counts the appointments and lembaga seats held today
// whose term ends within peringatanHari days (today included).
func endingIndicators(ctx context.Context, tx bun.Tx, today Tanggal, add addFunc) error {
	horizon := today.AddDate(0, 0, peringatanHari)
	var rows []struct {
		DesaID int64 `bun:"desa_id"`
		Jumlah int64 `bun:"jumlah"`
	}
	lo, hi, err := tenantRange(ctx)
	if err != nil {
		return err
	}
	ending := func(table, alias string) string {
		return "SELECT " + alias + ".desa_id FROM " + table + " AS " + alias +
			" WHERE " + alias + ".desa_id BETWEEN ? AND ? AND " + fmt.Sprintf(inPost, alias) +
			" AND " + alias + ".selesai <= ?"
	}
	err = tx.NewRaw("SELECT t.desa_id, count(*) AS jumlah FROM ("+ending("perangkat", "p")+
		" UNION ALL "+ending("lembaga_anggota", "a")+") AS t GROUP BY t.desa_id",
		lo, hi, today, today, horizon, lo, hi, today, today, horizon).Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		add(r.DesaID, IndMasaJabatan, indicator.Value{Number: r.Jumlah})
	}
	return nil
}

// updatedIndicators is when anything of a desa's records last changed.
func updatedIndicators(ctx context.Context, tx bun.Tx, add addFunc) error {
	lo, hi, err := tenantRange(ctx)
	if err != nil {
		return err
	}
	var parts []string
	var args []any
	for _, table := range []string{"perangkat", "dusun", "lembaga", "lembaga_anggota", "profil_desa", "profil_penduduk"} {
		parts = append(parts, "SELECT desa_id, max(updated_at) AS diperbarui FROM "+table+
			" WHERE desa_id BETWEEN ? AND ? GROUP BY desa_id")
		args = append(args, lo, hi)
	}
	var rows []struct {
		DesaID     int64     `bun:"desa_id"`
		Diperbarui time.Time `bun:"diperbarui"`
	}
	err = tx.NewRaw("SELECT t.desa_id, max(t.diperbarui) AS diperbarui FROM ("+strings.Join(parts, " UNION ALL ")+
		") AS t GROUP BY t.desa_id", args...).Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		add(r.DesaID, indicator.Diperbarui, indicator.Value{Time: r.Diperbarui.UTC()})
	}
	return nil
}

// tenantRange is the desa ids of the tenant in ctx, for raw SQL that
// cannot go through tenancy.Scope.
func tenantRange(ctx context.Context) (lo, hi int64, err error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return 0, 0, tenancy.ErrNoTenant
	}
	lo, hi = t.Kode.Range()
	return lo, hi, nil
}
