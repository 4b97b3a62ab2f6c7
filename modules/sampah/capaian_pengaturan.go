package sampah

import (
	"context"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// A kabupaten's own timbulan rate and targets (sampah_pengaturan,
// sampah_target with wilayah_kode = the kabupaten's code). Not tenant
// tables; the write runs with the kabupaten as tenant so its audit entry
// belongs to the kabupaten.

// BacaPengaturan reads the kabupaten's rate (the default when none) and
// the targets it and the nation recorded.
func (m *Module) BacaPengaturan(ctx context.Context, kab tenancy.Kode) (PengaturanBody, error) {
	var b PengaturanBody
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kab})
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if b.Pengaturan, err = PengaturanKabupaten(ctx, tx, kab); err != nil {
			return err
		}
		var ts []Target
		if err := tx.NewSelect().Model(&ts).Where("t.wilayah_kode IN (?, '')", string(kab)).
			OrderExpr("t.wilayah_kode DESC, t.tahun, t.indikator DESC").Scan(ctx); err != nil {
			return err
		}
		for _, t := range ts {
			if t.WilayahKode == "" {
				b.Nasional = append(b.Nasional, t)
			} else {
				b.Target = append(b.Target, t)
			}
		}
		return nil
	})
	if b.Target == nil {
		b.Target = []Target{}
	}
	if b.Nasional == nil {
		b.Nasional = []Target{}
	}
	return b, err
}

// check validates a change the same way for the API and the page.
func (u PengaturanUbah) check() error {
	var p valid.Problems
	p.Int("body.timbulan_gram_orang_hari", "Timbulan (gram/orang/hari)", int64(u.TimbulanGramOrangHari), 1, 5000)
	p.Text("body.sumber", "Sumber angka timbulan", u.Sumber, 5, 300)
	if len(u.Target) > 50 {
		p.Add("body.target", "Paling banyak 50 target sekaligus.")
	}
	seen := map[string]bool{}
	for i, t := range u.Target {
		f := "body.target[" + strconv.Itoa(i) + "]"
		p.Int(f+".tahun", "Tahun", int64(t.Tahun), TahunMin, TahunMax)
		if t.Indikator != IndikatorPengurangan && t.Indikator != IndikatorPenanganan {
			p.Add(f+".indikator", "Indikator harus pengurangan atau penanganan.")
		}
		p.Int(f+".persen_bp", "Target", int64(t.PersenBP), 0, 10000)
		p.Text(f+".dasar_hukum", "Dasar hukum", t.DasarHukum, 5, 300)
		k := strconv.Itoa(t.Tahun) + t.Indikator
		if seen[k] {
			p.Add(f+".tahun", "Target %s tahun %d tertulis dua kali.", t.Indikator, t.Tahun)
		}
		seen[k] = true
	}
	return p.Err()
}

// UbahPengaturan records the kabupaten's rate and the given targets.
func (m *Module) UbahPengaturan(ctx context.Context, kab tenancy.Kode, u PengaturanUbah) error {
	if err := u.check(); err != nil {
		return err
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kab})
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p := Pengaturan{WilayahKode: string(kab), TimbulanGramOrangHari: u.TimbulanGramOrangHari, Sumber: u.Sumber,
			UpdatedBy: pelakuID(ctx), UpdatedAt: m.now().UTC().Truncate(time.Microsecond)}
		if _, err := tx.NewInsert().Model(&p).On("CONFLICT (wilayah_kode) DO UPDATE").
			Set("timbulan_gram_orang_hari = EXCLUDED.timbulan_gram_orang_hari, sumber = EXCLUDED.sumber").
			Set("updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at").Exec(ctx); err != nil {
			return err
		}
		for _, t := range u.Target {
			row := Target{WilayahKode: string(kab), Tahun: t.Tahun, Indikator: t.Indikator, PersenBP: t.PersenBP, DasarHukum: t.DasarHukum}
			if _, err := tx.NewInsert().Model(&row).On("CONFLICT (wilayah_kode, tahun, indikator) DO UPDATE").
				Set("persen_bp = EXCLUDED.persen_bp, dasar_hukum = EXCLUDED.dasar_hukum").Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}
