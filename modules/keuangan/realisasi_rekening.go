package keuangan

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// RealisasiRekening is what a desa's journal realised in fiscal year tahun
// on every kode rekening under prefix (the prefix itself and its
// descendants: "6.2.2" takes 6.2.2.01 and any objek below it): the sum of
// penerimaan, pengeluaran and SPJ entries, corrections included, as the
// LRA counts them. ada is false when the desa has no APBDes for tahun at
// all, so a consumer tells "nothing realised" from "no budget recorded".
//
// Other modules read it through an interface of their own (umkm: the
// penyertaan modal to the BUMDes, 6.2.2, and its bagi hasil, 4.1.1.01);
// it answers for one desa and returns a sum only, never an entry.
func (m *Module) RealisasiRekening(ctx context.Context, desa tenancy.Kode, tahun int, prefix string) (jumlah int64, ada bool, err error) {
	if !desa.IsDesa() {
		return 0, false, fmt.Errorf("keuangan: realisasi of rekening %s: %s is not a desa", prefix, desa)
	}
	kode, err := ParseKodeRekening("prefix", prefix)
	if err != nil {
		return 0, false, err
	}
	if tahun < 1900 || tahun > 9999 {
		return 0, false, fmt.Errorf("keuangan: realisasi of rekening %s: year %d", prefix, tahun)
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*APBDes)(nil)).Where("a.tahun = ?", tahun))
		if err != nil {
			return err
		}
		if ada, err = q.Exists(ctx); err != nil || !ada {
			return err
		}
		// The kode is parsed: digits and dots only, so it cannot carry a
		// LIKE wildcard.
		var sum struct {
			Jumlah int64 `bun:"jumlah"`
		}
		q2, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Transaksi)(nil)).
			ColumnExpr("COALESCE(SUM(t.jumlah), 0) AS jumlah").
			Where("t.tahun = ?", tahun).
			Where("t.jenis IN (?)", bun.In([]string{JenisPenerimaan, JenisPengeluaran, JenisSPJ})).
			Where("(t.kode_rekening = ? OR t.kode_rekening LIKE ?)", string(kode), string(kode)+".%"))
		if err != nil {
			return err
		}
		if err := q2.Scan(ctx, &sum); err != nil {
			return err
		}
		jumlah = sum.Jumlah
		return nil
	})
	if err != nil {
		return 0, false, fmt.Errorf("keuangan: realisasi of rekening %s: %w", prefix, err)
	}
	return jumlah, ada, nil
}
