package administration

import (
	"cmp"
	"context"
	"slices"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// What administration reads of pembinaan (the training history on the
// perangkat page) and what it answers pembinaan (everyone in post in a
// kecamatan or kabupaten), both wired by cmd.

// RiwayatPelatihan is one pembinaan, bimtek or sosialisasi an appointment
// attended.
type RiwayatPelatihan struct {
	Judul         string
	Jenis         string
	Topik         []string
	Tanggal       Tanggal
	Penyelenggara string
}

// Pelatihan is the training history of an appointment of a desa, newest
// first.
type Pelatihan interface {
	Riwayat(ctx context.Context, desa tenancy.Kode, perangkatID string) ([]RiwayatPelatihan, error)
}

// PerangkatDi is one person in post today in a desa of a wilayah.
type PerangkatDi struct {
	Desa    tenancy.Kode
	ID      string
	Nama    string
	Jabatan Jabatan
	Status  Status
	// Sebutan is the post's title at the desa ("Kelian Banjar Dinas
	// Kaja"), without the Pj/Plt prefix.
	Sebutan string
	Mulai   Tanggal
}

// AktifDi lists everyone in post today (as the SOTK page reads it: no
// end on or before today) in every desa of a kecamatan or kabupaten (a
// desa: its own), in one query over the wilayah's desa id range, by desa
// and in the order of the SOTK.
func (m *Module) AktifDi(ctx context.Context, wilayah tenancy.Kode) ([]PerangkatDi, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	today := m.today(wilayah)
	var rows []Perangkat
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, withDusun(tx.NewSelect().Model(&rows).
			Column("p.desa_id", "p.id", "p.jabatan", "p.dusun_id", "p.nama", "p.status", "p.mulai")).
			Where(aktifPada, today))
		if err != nil {
			return err
		}
		return q.Order("p.desa_id", "p.id").Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	sebutanFromJoin(rows)
	slices.SortStableFunc(rows, func(a, b Perangkat) int {
		if c := cmp.Compare(a.DesaID, b.DesaID); c != 0 {
			return c
		}
		if d := jabatanOf[a.Jabatan].urutan - jabatanOf[b.Jabatan].urutan; d != 0 {
			return d
		}
		return cmp.Compare(a.Sebutan, b.Sebutan)
	})
	out := make([]PerangkatDi, len(rows))
	for i, p := range rows {
		out[i] = PerangkatDi{Desa: tenancy.KodeOfDesaID(p.DesaID), ID: p.ID.String(), Nama: p.Nama, Jabatan: p.Jabatan,
			Status: p.Status, Sebutan: p.Sebutan, Mulai: p.Mulai}
	}
	return out, nil
}
