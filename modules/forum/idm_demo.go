package forum

import (
	"context"
	_ "embed"
	"hash/fnv"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The demo IDM of Kabupaten Tabanan, 2021–2024: the real scores of the 8
// desa of Kec. Selemadeg that Kemendesa's open API gave (data/idm, see
// SOURCE.md), read through the importer's own checks, and for every other
// desa generated values marked demo: deterministic per desa and year,
// each index within 0.55–0.95 and rising a little each year, the score
// their mean at four decimals and the status computed from it.

//go:embed data/idm/idm_tabanan_sebagian_2021_2024.csv
var idmDemoTabanan []byte

const (
	idmDemoKabupaten tenancy.Kode = "51.02"
	// idmDemoImpor marks the rows the seed wrote (forum_idm.impor_id).
	idmDemoImpor = "demo"
)

var idmDemoTahun = []int{2021, 2022, 2023, 2024}

// SeedDemoIDM writes the demo IDM of Tabanan when the kabupaten is loaded.
// A desa and year that already has a value (imported, or seeded before)
// is left alone, so a second run changes nothing.
func (m *Module) SeedDemoIDM(ctx context.Context) error {
	if m.regions == nil {
		return nil
	}
	if err := m.regions.Exists(ctx, idmDemoKabupaten); fault.Is(err, fault.NotFound) {
		return nil
	} else if err != nil {
		return err
	}
	ctx, err := idmScope(ctx, idmDemoKabupaten)
	if err != nil {
		return err
	}
	desa, err := m.idmDesaSet(ctx, idmDemoKabupaten)
	if err != nil {
		return err
	}
	rows, err := idmDemoRows(desa)
	if err != nil {
		return err
	}
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return idmSimpan(ctx, tx, rows, false)
	})
}

// idmDemoRows are the real rows of the desa of desa the fixture has, and
// generated ones for the others.
func idmDemoRows(desa map[tenancy.Kode]bool) ([]idmRow, error) {
	b, err := idmBaca(idmDemoTabanan, 0)
	if err != nil {
		return nil, err
	}
	// Only the fixture's desa that are loaded: the checks refuse the others.
	kept := b.baris[:0:0]
	for _, r := range b.baris {
		if k, err := idmKodeDesa(r.sel[idmKolKode]); err == nil && desa[k] {
			kept = append(kept, r)
		}
	}
	b.baris = kept
	nyata := map[tenancy.Kode]bool{}
	var rows []idmRow
	for _, tahun := range idmDemoTahun {
		if len(b.baris) == 0 {
			break
		}
		p, err := idmPeriksa(b, idmDemoKabupaten, tahun, desa)
		if err != nil {
			return nil, err
		}
		for _, v := range p.rows {
			nyata[v.Desa] = true
			rows = append(rows, idmRowOf(v, idmDemoImpor))
		}
	}
	for k := range desa {
		if nyata[k] {
			continue
		}
		for i, tahun := range idmDemoTahun {
			rows = append(rows, idmRowOf(idmDemoNilai(k, tahun, i), idmDemoImpor))
		}
	}
	return rows, nil
}

// idmDemoNilai is the generated IDM of desa k in tahun, the i-th year of
// the series.
func idmDemoNilai(k tenancy.Kode, tahun, i int) IDM {
	h := func(parts ...string) int {
		f := fnv.New64a()
		for _, p := range parts {
			f.Write([]byte(p))
			f.Write([]byte{0})
		}
		return int(f.Sum64() % 1_000_000)
	}
	kode, year := string(k), strconv.Itoa(tahun)
	base := 6000 + h(kode)%2400      // 0.60–0.84
	naik := 40 + h(kode, "naik")%120 // 0.004–0.016 a year
	var n [3]int
	for j, nama := range []string{"iks", "ike", "ikl"} {
		v := base + i*naik + h(kode, nama)%1200 - 600 + h(kode, year, nama)%200 - 100
		n[j] = max(5500, min(9500, v))
	}
	nilai := (n[0] + n[1] + n[2] + 1) / 3 // the mean, rounded to the nearest
	return IDM{Desa: k, Tahun: tahun, IKS: idmDariSkala(n[0]), IKE: idmDariSkala(n[1]), IKL: idmDariSkala(n[2]),
		Nilai: idmDariSkala(nilai), Status: idmStatusDari(nilai), Demo: true}
}
