package keuangan

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// This file reads the figures of every desa of a wilayah for one year in
// two queries whatever the number of desa: the APBDes versions with their
// sums per kelompok, and the realisasi journal grouped by desa, jenis,
// akun and Dana Desa tahap. The kecamatan and kabupaten table, the
// indicators and the public page share it. It returns aggregates only:
// never a line, a payee or an entry.

// figur is one desa's figures for a year.
type figur struct {
	// The APBDes in force (berlaku) and the newest version (terbaru): the
	// perubahan is in force once ditetapkan; before that the murni is,
	// whatever its status, and the perubahan shows as the newest.
	berlaku, terbaru *versiFigur

	realisasi       Rupiah // pengeluaran + spj against belanja (akun 5), corrections included
	pendapatanMasuk Rupiah // penerimaan against pendapatan (akun 4)
	tahap           [4]tahapFigur
	terakhir        civil.Date // date of the latest entry of any jenis
}

// versiFigur is one APBDes version with its sums.
type versiFigur struct {
	id, versi, status string
	belanja           Rupiah
	pendapatan        Rupiah
	pades             Rupiah // kelompok 4.1 Pendapatan Asli Desa
	silpa             Rupiah // jenis 6.1.1 SiLPA tahun sebelumnya
	penerimaanBiaya   Rupiah
	pengeluaranBiaya  Rupiah
}

type tahapFigur struct {
	jumlah  Rupiah
	tanggal civil.Date // first receipt of the tahap
}

// figurWilayah reads the figures of every desa inside the tenant of ctx
// (a desa, kecamatan or kabupaten) for tahun, counting entries dated up to
// sampai ("" for the whole year). Desa without an APBDes or an entry are
// absent from the map.
func figurWilayah(ctx context.Context, tx bun.IDB, tahun int, sampai civil.Date) (map[int64]*figur, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return nil, tenancy.ErrNoTenant
	}
	lo, hi := t.Kode.Range()
	out := map[int64]*figur{}
	get := func(id int64) *figur {
		f := out[id]
		if f == nil {
			f = &figur{}
			out[id] = f
		}
		return f
	}

	var versi []struct {
		DesaID     int64  `bun:"desa_id"`
		ID         string `bun:"id"`
		Versi      string `bun:"versi"`
		Status     string `bun:"status"`
		Belanja    int64  `bun:"belanja"`
		Pendapatan int64  `bun:"pendapatan"`
		PADes      int64  `bun:"pades"`
		SiLPA      int64  `bun:"silpa"`
		Terima     int64  `bun:"terima"`
		Keluar     int64  `bun:"keluar"`
	}
	sum := func(cond string) string {
		return "COALESCE(SUM(CASE WHEN " + cond + " THEN b.jumlah ELSE 0 END), 0)"
	}
	err := tx.NewRaw("SELECT a.desa_id, a.id, a.versi, a.status, "+
		sum("b.kelompok = 'belanja'")+" AS belanja, "+
		sum("b.kelompok = 'pendapatan'")+" AS pendapatan, "+
		sum("b.kode_rekening LIKE '4.1.%'")+" AS pades, "+
		sum("b.kode_rekening LIKE '6.1.1.%'")+" AS silpa, "+
		sum("b.kelompok = 'penerimaan_pembiayaan'")+" AS terima, "+
		sum("b.kelompok = 'pengeluaran_pembiayaan'")+" AS keluar "+
		"FROM apbdes AS a LEFT JOIN apbdes_baris AS b ON b.desa_id = a.desa_id AND b.apbdes_id = a.id "+
		"WHERE a.desa_id BETWEEN ? AND ? AND a.tahun = ? "+
		"GROUP BY a.desa_id, a.id, a.versi, a.status", lo, hi, tahun).Scan(ctx, &versi)
	if err != nil {
		return nil, fmt.Errorf("keuangan: figures of the APBDes: %w", err)
	}
	for _, v := range versi {
		vf := &versiFigur{id: v.ID, versi: v.Versi, status: v.Status, belanja: Rupiah(v.Belanja),
			pendapatan: Rupiah(v.Pendapatan), pades: Rupiah(v.PADes), silpa: Rupiah(v.SiLPA),
			penerimaanBiaya: Rupiah(v.Terima), pengeluaranBiaya: Rupiah(v.Keluar)}
		f := get(v.DesaID)
		switch {
		case v.Versi == VersiPerubahan:
			f.terbaru = vf
			if v.Status == StatusDitetapkan {
				f.berlaku = vf
			}
		default:
			if f.berlaku == nil || f.berlaku.versi != VersiPerubahan {
				f.berlaku = vf
			}
			if f.terbaru == nil {
				f.terbaru = vf
			}
		}
	}

	var entries []struct {
		DesaID   int64      `bun:"desa_id"`
		Jenis    string     `bun:"jenis"`
		Akun     string     `bun:"akun"`
		Tahap    int        `bun:"dd_tahap"`
		Jumlah   int64      `bun:"jumlah"`
		Pertama  civil.Date `bun:"pertama"`
		Terakhir civil.Date `bun:"terakhir"`
	}
	cond, args := "", []any{lo, hi, tahun}
	if sampai != "" {
		cond, args = " AND t.tanggal <= ?", append(args, sampai)
	}
	// Grouped in the order of keuangan_transaksi_ringkasan_idx (migration
	// 202612021500), so the engine reads the index alone and sorts nothing;
	// the akun is taken from the rekening here.
	err = tx.NewRaw("SELECT t.desa_id, t.jenis, t.kode_rekening AS akun, t.dd_tahap, "+
		"COALESCE(SUM(t.jumlah), 0) AS jumlah, MIN(t.tanggal) AS pertama, MAX(t.tanggal) AS terakhir "+
		"FROM keuangan_transaksi AS t WHERE t.desa_id BETWEEN ? AND ? AND t.tahun = ?"+cond+
		" GROUP BY t.desa_id, t.jenis, t.dd_tahap, t.kode_rekening", args...).Scan(ctx, &entries)
	if err != nil {
		return nil, fmt.Errorf("keuangan: figures of the journal: %w", err)
	}
	for _, e := range entries {
		f := get(e.DesaID)
		e.Akun = e.Akun[:min(1, len(e.Akun))]
		if e.Terakhir > f.terakhir {
			f.terakhir = e.Terakhir
		}
		switch {
		case (e.Jenis == JenisPengeluaran || e.Jenis == JenisSPJ) && e.Akun == "5":
			f.realisasi += Rupiah(e.Jumlah)
		case e.Jenis == JenisPenerimaan && e.Akun == "4":
			f.pendapatanMasuk += Rupiah(e.Jumlah)
			if e.Tahap >= 1 && e.Tahap <= 3 {
				tf := &f.tahap[e.Tahap]
				tf.jumlah += Rupiah(e.Jumlah)
				if tf.tanggal == "" || e.Pertama < tf.tanggal {
					tf.tanggal = e.Pertama
				}
			}
		}
	}
	return out, nil
}

// tahapDiterima is how many Dana Desa tahap have arrived (a positive sum
// after corrections).
func (f *figur) tahapDiterima() int {
	n := 0
	for i := 1; i <= 3; i++ {
		if f.tahap[i].jumlah > 0 {
			n++
		}
	}
	return n
}

// basisPoin is part / whole in hundredths of a percent (6240 = 62,40 %),
// rounded half up (valid.BasisPoin); ok is false when whole is not
// positive. Unlike valid.BasisPoin it takes a negative part (a realisasi
// corrected below zero) and gives the negative share, rounded the same
// way, rather than none.
func basisPoin(part, whole Rupiah) (int64, bool) {
	if part < 0 {
		bp, ok := valid.BasisPoin(-int64(part), int64(whole))
		return -bp, ok
	}
	return valid.BasisPoin(int64(part), int64(whole))
}
