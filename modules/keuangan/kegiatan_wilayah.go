package keuangan

import (
	"context"
	"fmt"
	"sort"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// KegiatanDesa is one kegiatan of one desa's APBDes in force for a year:
// what other modules (program: desa programmes linked to a kegiatan) read
// instead of keuangan's tables.
type KegiatanDesa struct {
	Desa tenancy.Kode
	// Kode is the kegiatan's code (Permendagri 20/2018 Lampiran, e.g.
	// "02.03.10"); SubBidang its first two parts ("02.03").
	Kode      KodeKegiatan
	SubBidang KodeKegiatan
	// Nama is the kegiatan's name in the kabupaten's list of the year
	// (Lampiran, local or Siskeudes); the code itself when the list has
	// no name for it.
	Nama string
	// Pagu is the sum of the kegiatan's belanja lines in the APBDes in
	// force; Realisasi the pengeluaran and SPJ entered against them
	// (corrections included) in the year's journal.
	Pagu, Realisasi Rupiah
}

// KegiatanWilayah lists the kegiatan of the APBDes in force of year tahun
// of every desa inside wilayah (a desa, kecamatan or kabupaten), ordered by
// desa and code. The APBDes in force is the one figurWilayah takes: the
// perubahan once ditetapkan, else the murni whatever its status. A desa
// without an APBDes that year has no row. Two queries whatever the number
// of desa (the lines, the journal) plus the kabupaten's kegiatan names
// once; the sum of a desa's Pagu is its APBDes total belanja (every
// belanja line carries a kegiatan).
func (m *Module) KegiatanWilayah(ctx context.Context, wilayah tenancy.Kode, tahun int) ([]KegiatanDesa, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	lo, hi := wilayah.Range()
	var pagu []struct {
		DesaID int64  `bun:"desa_id"`
		Kode   string `bun:"kode_kegiatan"`
		Jumlah int64  `bun:"jumlah"`
	}
	var real []struct {
		DesaID int64  `bun:"desa_id"`
		Kode   string `bun:"kode_kegiatan"`
		Jumlah int64  `bun:"jumlah"`
	}
	var nama map[KodeKegiatan]string
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewRaw("SELECT b.desa_id, b.kode_kegiatan, COALESCE(SUM(b.jumlah), 0) AS jumlah "+
			"FROM apbdes AS a JOIN apbdes_baris AS b ON b.desa_id = a.desa_id AND b.apbdes_id = a.id "+
			"WHERE a.desa_id BETWEEN ? AND ? AND a.tahun = ? AND b.kelompok = 'belanja' AND "+
			"((a.versi = ? AND a.status = ?) OR (a.versi = ? AND NOT EXISTS (SELECT 1 FROM apbdes AS p "+
			"WHERE p.desa_id = a.desa_id AND p.tahun = a.tahun AND p.versi = ? AND p.status = ?))) "+
			"GROUP BY b.desa_id, b.kode_kegiatan",
			lo, hi, tahun, VersiPerubahan, StatusDitetapkan, VersiMurni, VersiPerubahan, StatusDitetapkan).Scan(ctx, &pagu)
		if err != nil {
			return fmt.Errorf("keuangan: kegiatan of the APBDes: %w", err)
		}
		if len(pagu) == 0 {
			return nil
		}
		err = tx.NewRaw("SELECT t.desa_id, t.kode_kegiatan, COALESCE(SUM(t.jumlah), 0) AS jumlah "+
			"FROM keuangan_transaksi AS t WHERE t.desa_id BETWEEN ? AND ? AND t.tahun = ? AND t.jenis IN (?, ?) "+
			"AND t.kode_rekening LIKE '5%' AND t.kode_kegiatan <> '' GROUP BY t.desa_id, t.kode_kegiatan",
			lo, hi, tahun, JenisPengeluaran, JenisSPJ).Scan(ctx, &real)
		if err != nil {
			return fmt.Errorf("keuangan: realisasi of the kegiatan: %w", err)
		}
		nama, err = namaKegiatanKabupaten(ctx, tx, wilayah.Up(tenancy.Kabupaten), tahun)
		return err
	})
	if err != nil {
		return nil, err
	}
	type kunci struct {
		desa int64
		kode string
	}
	realisasi := make(map[kunci]int64, len(real))
	for _, r := range real {
		realisasi[kunci{r.DesaID, r.Kode}] += r.Jumlah
	}
	out := make([]KegiatanDesa, 0, len(pagu))
	for _, p := range pagu {
		k := KodeKegiatan(p.Kode)
		n := nama[k]
		if n == "" {
			n = p.Kode
		}
		out = append(out, KegiatanDesa{Desa: tenancy.KodeOfDesaID(p.DesaID), Kode: k, SubBidang: k.Induk(), Nama: n,
			Pagu: Rupiah(p.Jumlah), Realisasi: Rupiah(realisasi[kunci{p.DesaID, p.Kode}])})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Desa != out[j].Desa {
			return out[i].Desa < out[j].Desa
		}
		return out[i].Kode < out[j].Kode
	})
	return out, nil
}

// namaKegiatanKabupaten names every kegiatan code kab's desa may use in
// tahun; no list for the year names none.
func namaKegiatanKabupaten(ctx context.Context, idb bun.IDB, kab tenancy.Kode, tahun int) (map[KodeKegiatan]string, error) {
	out := map[KodeKegiatan]string{}
	if kab.Level() != tenancy.Kabupaten {
		kab = ""
	}
	keg, err := pilihanKegiatan(ctx, idb, kab, tahun)
	if fault.Is(err, fault.NotFound) {
		return out, nil // a year with no reference list: the codes stand for themselves
	} else if err != nil {
		return nil, err
	}
	for _, p := range keg {
		if p.Tingkat == TingkatKegiatan && out[p.Kode] == "" {
			out[p.Kode] = p.Nama
		}
	}
	return out, nil
}
