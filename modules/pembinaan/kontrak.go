package pembinaan

import (
	"context"
	"time"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// What other modules may ask of pembinaan (through interfaces they
// declare, wired by cmd).

// Riwayat is one session a perangkat attended.
type Riwayat struct {
	PembinaanID   string
	Judul         string
	Jenis         string   // pembinaan, bimtek, sosialisasi
	Topik         []string // topic names, as printed
	Tanggal       time.Time
	Penyelenggara string
}

// Riwayat lists the sessions a perangkat (administration's appointment id)
// of a desa attended, newest first. The caller checks its own page's
// permission; this reads only attendance of that desa.
func (m *Module) Riwayat(ctx context.Context, desa tenancy.Kode, perangkatID string) ([]Riwayat, error) {
	return m.riwayat(ctx, desa, perangkatID)
}

// Sesi is a session a desa was invited to (a picker's entry).
type Sesi struct {
	ID      string
	Judul   string
	Tanggal time.Time
}

// SesiDesa lists the sessions a desa was invited to in the last two years,
// newest first.
func (m *Module) SesiDesa(ctx context.Context, desa tenancy.Kode) ([]Sesi, error) {
	return m.sesiDesa(ctx, desa)
}

// TindakLanjutBaru is a follow-up point raised from elsewhere (a
// konsultasi thread turned into a follow-up of a pembinaan).
type TindakLanjutBaru struct {
	PembinaanID string
	Desa        tenancy.Kode
	Uraian      string
	Tenggat     time.Time
	// Asal names where it came from, e.g. "konsultasi:<id>"; a second call
	// with the same Asal returns the first point's id and adds nothing.
	Asal string
}

// TambahTindakLanjut adds a follow-up point for a desa invited to a
// session. The user in ctx must hold PermKelola at the desa; the same
// validation as the page's applies; audited.
func (m *Module) TambahTindakLanjut(ctx context.Context, in TindakLanjutBaru) (string, error) {
	return m.tambahTindakLanjut(ctx, in)
}
