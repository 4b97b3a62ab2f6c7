package cctv

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The module's indicators (platform/indicator) for the kecamatan and
// kabupaten tables, the dashboards and the forum panel. All are states as
// of now (not Periodic): the period asked for is not used, since the
// probes answer for the last 30 days only. Every figure is an integer:
//
//   - uptime: the share of the 30 days' probes that found a camera up,
//     in basis points (9750 is 97,50 %), like sampah's shares;
//   - cameras per 1,000 residents: in thousandths (1333 is 1,333 cameras
//     per 1,000 residents), rounded half up, from the population the
//     desa's profil records (PendudukSource);
//   - cameras aktif and cameras down for more than BatasMati: counts.
//
// One query per family for the whole wilayah (Uptime for the first three,
// DownSince for the last; the population in one call), never one per desa.
// A desa with no camera has no value for any of them; a desa whose
// cameras had no probe in 30 days has no uptime; a desa without a
// recorded population has no per-1,000 figure: nothing is invented.
const (
	IndUptime30Hari = "uptime_cctv_30_hari"    // bp of probes up, 30 days
	IndPerSeribu    = "kamera_per_1000_jiwa"   // thousandths of a camera per 1,000 residents
	IndKameraAktif  = "kamera_cctv_aktif"      // cameras with status aktif
	IndKameraMati   = "kamera_cctv_mati_24jam" // aktif cameras down for more than 24 h
	sourceCCTV      = "cctv"

	// SatuanBP is the unit of a share in basis points.
	SatuanBP = "bp (1/100 %)"
	// SatuanPerSeribu is the unit of IndPerSeribu.
	SatuanPerSeribu = "1/1000 kamera per 1.000 jiwa (1333 = 1,333)"
)

// Definitions lists the module's indicators: health figures without any
// link (PermStatus), which the forum perbekel may compare too.
func (m *Module) Definitions() []indicator.Definition {
	d := func(code, nama, satuan string, higher bool) indicator.Definition {
		return indicator.Definition{Source: sourceCCTV, Code: code, Nama: nama, Satuan: satuan, Kind: indicator.Count,
			HigherIsBetter: higher, Kini: true, Permission: PermStatus}
	}
	return []indicator.Definition{
		d(IndUptime30Hari, "Uptime CCTV 30 hari", SatuanBP, true),
		d(IndPerSeribu, "Kamera CCTV per 1.000 penduduk", SatuanPerSeribu, true),
		d(IndKameraAktif, "Kamera CCTV aktif", "kamera", true),
		d(IndKameraMati, "Kamera CCTV mati lebih dari 24 jam", "kamera", false),
	}
}

// Indicators answers for every desa inside wilayah (see the constants).
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, _ indicator.Period, codes []string) ([]indicator.Value, error) {
	if !indicator.Wants(codes, IndUptime30Hari) && !indicator.Wants(codes, IndPerSeribu) &&
		!indicator.Wants(codes, IndKameraAktif) && !indicator.Wants(codes, IndKameraMati) {
		return nil, nil
	}
	u, err := m.Uptime(ctx, wilayah, m.now().Add(-Jendela30Hari))
	if err != nil {
		return nil, err
	}
	if len(u.Desa) == 0 {
		return nil, nil
	}
	aktif := map[tenancy.Kode]int64{}
	for _, k := range u.Kamera {
		if k.Status == StatusAktif {
			aktif[k.Desa]++
		}
	}
	var penduduk map[tenancy.Kode]int64
	if indicator.Wants(codes, IndPerSeribu) && m.penduduk != nil {
		if penduduk, err = m.penduduk.Penduduk(ctx, wilayah); err != nil {
			return nil, err
		}
	}
	var mati map[tenancy.Kode]int64
	if indicator.Wants(codes, IndKameraMati) {
		ms, err := m.DownSince(ctx, wilayah)
		if err != nil {
			return nil, err
		}
		mati = map[tenancy.Kode]int64{}
		for _, x := range ms {
			mati[x.Desa]++
		}
	}
	var out []indicator.Value
	add := func(desa tenancy.Kode, code string, n int64) {
		out = append(out, indicator.Value{Desa: desa, Source: sourceCCTV, Code: code, Number: n})
	}
	for _, d := range u.Desa {
		if bp, ok := d.PersenBP(); ok && indicator.Wants(codes, IndUptime30Hari) {
			add(d.Desa, IndUptime30Hari, bp)
		}
		if n, ok := PerSeribuMili(int64(d.Kamera), penduduk[d.Desa]); ok && indicator.Wants(codes, IndPerSeribu) {
			add(d.Desa, IndPerSeribu, n)
		}
		if indicator.Wants(codes, IndKameraAktif) {
			add(d.Desa, IndKameraAktif, aktif[d.Desa])
		}
		if mati != nil {
			add(d.Desa, IndKameraMati, mati[d.Desa])
		}
	}
	return out, nil
}

// PerSeribuMili is kamera cameras per 1,000 of penduduk residents in
// thousandths (kamera × 1,000,000 / penduduk, rounded half up); ok is
// false without a population.
func PerSeribuMili(kamera, penduduk int64) (int64, bool) {
	if penduduk <= 0 || kamera < 0 {
		return 0, false
	}
	n := new(big.Int).Mul(big.NewInt(kamera), big.NewInt(1_000_000))
	n.Add(n, big.NewInt(penduduk/2))
	n.Quo(n, big.NewInt(penduduk))
	if !n.IsInt64() {
		return 0, false
	}
	return n.Int64(), true
}

// FormatPerSeribu prints thousandths as a decimal with a comma ("1,333").
func FormatPerSeribu(mili int64) string {
	if mili < 0 {
		return "–"
	}
	return valid.Angka(mili/1000) + "," + fmt.Sprintf("%03d", mili%1000)
}

var _ indicator.Provider = (*Module)(nil)
