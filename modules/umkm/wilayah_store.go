package umkm

import (
	"cmp"
	"context"
	"slices"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// UmkmRingkasanBUMDes is a desa's BUMDes in a wilayah's table: no person in it.
type UmkmRingkasanBUMDes struct {
	Nama        string `json:"nama"`
	BadanHukum  bool   `json:"badan_hukum"`
	Klasifikasi string `json:"klasifikasi,omitempty" doc:"Kode klasifikasi Kemendesa"`
	Tahun       int    `json:"tahun,omitempty" doc:"Tahun angka terakhir yang dicatat; 0 bila belum ada"`
	Omzet       int64  `json:"omzet" doc:"Omzet tahun itu, rupiah"`
	PADes       int64  `json:"pades" doc:"Kontribusi PADes tahun itu, rupiah"`
}

// UmkmRingkasanAngka are the UMKM counts of a desa or of a sum of desa.
type UmkmRingkasanAngka struct {
	UmkmAktif int   `json:"umkm_aktif"`
	UmkmTutup int   `json:"umkm_tutup"`
	Mikro     int   `json:"mikro" doc:"UMKM aktif skala mikro"`
	Kecil     int   `json:"kecil"`
	Menengah  int   `json:"menengah"`
	DenganNIB int   `json:"dengan_nib" doc:"UMKM aktif yang punya NIB"`
	NIBBP     int64 `json:"nib_bp" doc:"Bagian UMKM aktif yang punya NIB, basis poin (10000 = 100%); 0 bila tidak ada UMKM aktif"`
}

func (a *UmkmRingkasanAngka) add(b UmkmRingkasanAngka) {
	a.UmkmAktif += b.UmkmAktif
	a.UmkmTutup += b.UmkmTutup
	a.Mikro += b.Mikro
	a.Kecil += b.Kecil
	a.Menengah += b.Menengah
	a.DenganNIB += b.DenganNIB
}

func (a *UmkmRingkasanAngka) hitung() {
	a.NIBBP = 0
	if a.UmkmAktif > 0 {
		a.NIBBP = (int64(a.DenganNIB)*10000 + int64(a.UmkmAktif)/2) / int64(a.UmkmAktif)
	}
}

// UmkmRingkasanDesa is one desa's row.
type UmkmRingkasanDesa struct {
	Desa      tenancy.Kode `json:"desa"`
	Nama      string       `json:"nama"`
	Kecamatan string       `json:"kecamatan"`
	UmkmRingkasanAngka
	BUMDes *UmkmRingkasanBUMDes `json:"bumdes,omitempty"`
}

// UmkmRingkasanJumlah sums the desa of a kecamatan or of the whole wilayah.
type UmkmRingkasanJumlah struct {
	Kode       tenancy.Kode `json:"kode"`
	Nama       string       `json:"nama"`
	JumlahDesa int          `json:"jumlah_desa"`
	UmkmRingkasanAngka
	BUMDes int   `json:"bumdes" doc:"Desa yang mencatat BUMDes"`
	Omzet  int64 `json:"omzet" doc:"Jumlah omzet BUMDes pada tahun terakhir masing-masing, rupiah"`
	PADes  int64 `json:"pades" doc:"Jumlah kontribusi PADes pada tahun terakhir masing-masing, rupiah"`
}

func (j *UmkmRingkasanJumlah) add(d UmkmRingkasanDesa) {
	j.JumlahDesa++
	j.UmkmRingkasanAngka.add(d.UmkmRingkasanAngka)
	if d.BUMDes != nil {
		j.BUMDes++
		j.Omzet += d.BUMDes.Omzet
		j.PADes += d.BUMDes.PADes
	}
}

// UmkmRingkasanWilayah is the UMKM and BUMDes table of a kecamatan or
// kabupaten: every desa in it (kelurahan have none), kecamatan subtotals
// at kabupaten level, and the total.
type UmkmRingkasanWilayah struct {
	Wilayah   tenancy.Kode          `json:"wilayah"`
	Nama      string                `json:"nama"`
	Desa      []UmkmRingkasanDesa   `json:"desa"`
	Kecamatan []UmkmRingkasanJumlah `json:"kecamatan,omitempty" doc:"Subjumlah per kecamatan (hanya untuk kabupaten)"`
	Jumlah    UmkmRingkasanJumlah   `json:"jumlah"`
}

// wilayahDesa lists the desa of a kecamatan or kabupaten, or the desa
// itself; NotFound when the code names none.
func (m *Module) wilayahDesa(ctx context.Context, kode tenancy.Kode) (string, []DesaInfo, error) {
	nama, err := m.namaWilayah(ctx, kode)
	if err != nil {
		return "", nil, err
	}
	if kode.IsDesa() {
		kec, _ := m.namaWilayah(ctx, kode.Up(tenancy.Kecamatan))
		return nama, []DesaInfo{{Kode: kode, Nama: nama, NamaKecamatan: kec}}, nil
	}
	if m.desa == nil || (kode.Level() != tenancy.Kecamatan && kode.Level() != tenancy.Kabupaten) {
		return "", nil, fault.New(fault.NotFound, "Wilayah tidak ditemukan.")
	}
	ds, err := m.desa.DesaIn(ctx, kode)
	if err != nil {
		return "", nil, err
	}
	ds = slices.DeleteFunc(slices.Clone(ds), func(d DesaInfo) bool { return !kode.Contains(d.Kode) || !d.Kode.IsDesa() })
	slices.SortFunc(ds, func(a, b DesaInfo) int { return cmp.Compare(a.Kode, b.Kode) })
	return nama, ds, nil
}

// hitungUmkm is a desa's counts as the database sums them.
type hitungUmkm struct {
	DesaID    int64 `bun:"desa_id"`
	Aktif     int   `bun:"aktif"`
	Tutup     int   `bun:"tutup"`
	Mikro     int   `bun:"mikro"`
	Kecil     int   `bun:"kecil"`
	Menengah  int   `bun:"menengah"`
	DenganNIB int   `bun:"nib"`
}

// Ringkasan reads the table of wilayah (a kecamatan or kabupaten; a desa
// gives its own row): three queries over the wilayah's range, whatever its
// size.
func (m *Module) Ringkasan(ctx context.Context, wilayah tenancy.Kode) (UmkmRingkasanWilayah, error) {
	nama, ds, err := m.wilayahDesa(ctx, wilayah)
	if err != nil {
		return UmkmRingkasanWilayah{}, err
	}
	out := UmkmRingkasanWilayah{Wilayah: wilayah, Nama: nama, Desa: []UmkmRingkasanDesa{}}
	var (
		hs    []hitungUmkm
		bs    []BUMDes
		years []TahunBUMDes
	)
	ids := desaIDs(ds)
	if len(ids) > 0 {
		ctx := tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
		err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model((*Umkm)(nil)).Column("u.desa_id").
				ColumnExpr("SUM(CASE WHEN u.status = 'aktif' THEN 1 ELSE 0 END) AS aktif").
				ColumnExpr("SUM(CASE WHEN u.status = 'tutup' THEN 1 ELSE 0 END) AS tutup").
				ColumnExpr("SUM(CASE WHEN u.status = 'aktif' AND u.skala = 'mikro' THEN 1 ELSE 0 END) AS mikro").
				ColumnExpr("SUM(CASE WHEN u.status = 'aktif' AND u.skala = 'kecil' THEN 1 ELSE 0 END) AS kecil").
				ColumnExpr("SUM(CASE WHEN u.status = 'aktif' AND u.skala = 'menengah' THEN 1 ELSE 0 END) AS menengah").
				ColumnExpr("SUM(CASE WHEN u.status = 'aktif' AND u.nib <> '' THEN 1 ELSE 0 END) AS nib"), "u.desa_id")
			if err != nil {
				return err
			}
			if err := q.Where("u.desa_id IN (?)", bun.In(ids)).Group("u.desa_id").Scan(ctx, &hs); err != nil {
				return err
			}
			if bs, err = bumdesIn(ctx, tx, ids); err != nil {
				return err
			}
			years, err = tahunIn(ctx, tx, ids)
			return err
		})
		if err != nil {
			return UmkmRingkasanWilayah{}, err
		}
	}
	per := map[int64]hitungUmkm{}
	for _, h := range hs {
		per[h.DesaID] = h
	}
	bumdes := map[int64]*UmkmRingkasanBUMDes{}
	for _, b := range bs {
		bumdes[b.DesaID] = &UmkmRingkasanBUMDes{Nama: b.Nama, BadanHukum: b.BadanHukum, Klasifikasi: b.Klasifikasi}
	}
	for _, y := range years { // ordered by year: the last one stays
		if b := bumdes[y.DesaID]; b != nil {
			b.Tahun, b.Omzet, b.PADes = y.Tahun, y.Omzet, y.PADes
		}
	}
	out.Jumlah = UmkmRingkasanJumlah{Kode: wilayah, Nama: nama}
	var kec *UmkmRingkasanJumlah
	for _, d := range ds {
		h := per[d.Kode.ID()]
		r := UmkmRingkasanDesa{Desa: d.Kode, Nama: d.Nama, Kecamatan: d.NamaKecamatan, BUMDes: bumdes[d.Kode.ID()],
			UmkmRingkasanAngka: UmkmRingkasanAngka{UmkmAktif: h.Aktif, UmkmTutup: h.Tutup, Mikro: h.Mikro, Kecil: h.Kecil,
				Menengah: h.Menengah, DenganNIB: h.DenganNIB}}
		r.hitung()
		out.Desa = append(out.Desa, r)
		out.Jumlah.add(r)
		if wilayah.Level() == tenancy.Kabupaten {
			k := d.Kode.Up(tenancy.Kecamatan)
			if kec == nil || kec.Kode != k {
				out.Kecamatan = append(out.Kecamatan, UmkmRingkasanJumlah{Kode: k, Nama: d.NamaKecamatan})
				kec = &out.Kecamatan[len(out.Kecamatan)-1]
			}
			kec.add(r)
		}
	}
	out.Jumlah.hitung()
	for i := range out.Kecamatan {
		out.Kecamatan[i].hitung()
	}
	return out, nil
}

// bumdesIn reads the BUMDes of the desa ids, in the tenant's range.
func bumdesIn(ctx context.Context, tx bun.Tx, ids []int64) ([]BUMDes, error) {
	var bs []BUMDes
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&bs), "bd.desa_id")
	if err != nil {
		return nil, err
	}
	err = q.Where("bd.desa_id IN (?)", bun.In(ids)).OrderExpr("bd.desa_id").Scan(ctx)
	return bs, err
}

// tahunIn reads every year's figures of the BUMDes of the desa ids, by
// desa and year.
func tahunIn(ctx context.Context, tx bun.Tx, ids []int64) ([]TahunBUMDes, error) {
	var ys []TahunBUMDes
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&ys), "bt.desa_id")
	if err != nil {
		return nil, err
	}
	err = q.Where("bt.desa_id IN (?)", bun.In(ids)).OrderExpr("bt.desa_id, bt.tahun").Scan(ctx)
	return ys, err
}
