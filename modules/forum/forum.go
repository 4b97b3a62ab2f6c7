// Package forum is the comparison panel of the forum perbekel: every desa
// of a kecamatan or kabupaten ranked on the same yardsticks — the other
// modules' indicators, the IDM (Indeks Desa Membangun) imported per year,
// and weighted composites the forum defines — with peer groups, medians
// and quartiles, change against the year before, a profile card per desa,
// server-drawn charts and CSV/XLSX exports.
//
// The panel never aggregates on request: a job copies the providers'
// values per desa and year into the module's own tables (forum_nilai),
// after a change in a desa (debounced) and nightly. The module reads only
// its own tables; the indicators and the region names reach it through
// the interfaces below, wired by cmd.
package forum

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/hibiken/asynq"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Authorizer answers whether a user holds a permission at a wilayah.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// Desa is one desa of a wilayah as the panel lists it.
type Desa struct {
	Kode          tenancy.Kode
	Nama          string
	NamaKecamatan string
}

// Regions names wilayah and lists the desa under one.
type Regions interface {
	Exists(ctx context.Context, k tenancy.Kode) error
	Nama(ctx context.Context, k tenancy.Kode) (string, error)
	// DesaIn lists the desa of a kecamatan or kabupaten (a desa: itself).
	DesaIn(ctx context.Context, k tenancy.Kode) ([]Desa, error)
	// KabupatenDimuat lists the kabupaten whose regions are loaded (the
	// nightly rollup covers them).
	KabupatenDimuat(ctx context.Context) ([]tenancy.Kode, error)
}

// Enqueuer puts a task on the queue (platform/jobs), for the debounced
// rollup after a change.
type Enqueuer interface {
	Enqueue(ctx context.Context, taskType string, payload any, opts ...asynq.Option) error
}

// Deps are what the module needs; cmd wires them.
type Deps struct {
	DB    *db.DB
	Web   *web.Web
	Authz Authorizer
	Audit audit.Recorder
	// Regions checks and names wilayah and lists their desa.
	Regions Regions
	// Indicators are the modules' figures per desa (read when asked: cmd
	// builds the list after the modules).
	Indicators func() []indicator.Provider
	// Jobs schedules the debounced rollup after a change (Tandai); nil
	// leaves it to the nightly run.
	Jobs   Enqueuer
	Logger *slog.Logger
	Clock  func() time.Time
}

// Module is the forum bounded context.
type Module struct {
	db         *db.DB
	web        *web.Web
	authz      Authorizer
	audit      audit.Recorder
	regions    Regions
	indicators func() []indicator.Provider
	jobs       Enqueuer
	tandaState
	pages     *web.Pages
	pagesOnce sync.Once
	log       *slog.Logger
	now       func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, audit: d.Audit, regions: d.Regions,
		indicators: d.Indicators, jobs: d.Jobs, log: d.Logger, now: d.Clock}
	m.tanda = map[tenancy.Kode]time.Time{}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.indicators == nil {
		m.indicators = func() []indicator.Provider { return nil }
	}
	return m
}
