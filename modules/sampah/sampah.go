// Package sampah is the desa waste management of ngantor (SIMASA): each
// desa's facilities (TPS3R, bank sampah, TPS/depo), the bank sampah's
// nasabah, price list and passbook journal, the TPS3R daily log, and the
// figures SIPSN asks for — timbulan, pengurangan and penanganan against the
// Jakstranas targets — rolled up to the kecamatan and the kabupaten for the
// DLH.
//
// This first part holds its foundation: the tables (migration
// 202612030100_sampah), their Go types, the strong types Berat (whole
// grams) and Takaran (thousandths of a unit) with their parsing rules, the
// value of a weighed jenis at its price, and the national targets as
// reference data. The pages, the API, the figures and the demo build on it.
//
// The module reads only its own tables.
package sampah

import (
	"log/slog"
	"time"

	"github.com/ngantor/ngantor/platform/db"
)

// Deps are what the module needs; cmd wires them.
type Deps struct {
	DB     *db.DB
	Logger *slog.Logger
	Clock  func() time.Time
}

// Module is the sampah bounded context.
type Module struct {
	db  *db.DB
	log *slog.Logger
	now func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, log: d.Logger, now: d.Clock}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	return m
}
