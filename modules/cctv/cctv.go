// Package cctv is the desa's CCTV registry: each desa's cameras (where
// they stand, what they watch, who owns and paid for them, how long
// recordings are kept), which roles and OPD may open a camera's live link
// and the record of every view, and the health probes' results with the
// uptime of a camera, a desa and a whole wilayah and the cameras down for
// more than a day.
//
// The stream URL is stored without credentials; the credentials sit in
// their own column as a ciphertext (platform/secret seals them). The probe
// itself (modules/cctv/probe) and the pages and operations come with the
// module's next parts.
//
// The module reads only its own tables; the kegiatan codes of keuangan
// come through the interface below, wired by cmd.
package cctv

import (
	"context"
	"log/slog"
	"time"

	"github.com/ngantor/ngantor/platform/db"
)

// KegiatanSource names a kegiatan code of keuangan's reference (e.g.
// 01.01.02) for year tahun; ok is false for an unknown code. cmd wires
// keuangan behind it.
type KegiatanSource interface {
	NamaKegiatan(ctx context.Context, kode string, tahun int) (nama string, ok bool, err error)
}

// Deps are what the module needs; cmd wires them. All but DB may be nil in
// tests that use the store alone.
type Deps struct {
	DB       *db.DB
	Kegiatan KegiatanSource
	Logger   *slog.Logger
	Clock    func() time.Time
}

// Module is the cctv bounded context.
type Module struct {
	db       *db.DB
	kegiatan KegiatanSource
	log      *slog.Logger
	now      func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, kegiatan: d.Kegiatan, log: d.Logger, now: d.Clock}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m
}
