package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/danielgtaylor/huma/v2"
	"github.com/redis/go-redis/v9"

	"github.com/ngantor/ngantor/migrations"
	"github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/modules/audiensi"
	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/modules/forum"
	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/modules/konsultasi"
	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/modules/opd"
	"github.com/ngantor/ngantor/modules/pembinaan"
	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/modules/pilkades"
	"github.com/ngantor/ngantor/modules/program"
	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/config"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/notifikasi"
	paging "github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/redisconn"
	"github.com/ngantor/ngantor/platform/secret"
	"github.com/ngantor/ngantor/platform/telemetry"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// app is one process's wiring of platform and modules.
type app struct {
	cfg   config.Config
	log   *slog.Logger
	db    *db.DB
	redis redisconn.Conn
	rdb   redis.UniversalClient
	mem   *miniredis.Miniredis

	authz *authz.Enforcer
	auth  *auth.Service
	audit *audit.Log
	jobs  *jobs.Jobs
	blob  blob.Store

	// indCached: see cachedIndicators.
	indCacheOnce sync.Once
	indCached    []indicator.Provider
	// secrets seal credentials at rest (NGANTOR_SECRET_KEY); modules that
	// keep any take it in their Deps.
	secrets *secret.Keyring
	web     *web.Web
	http    *httpserver.Server
	// notifikasi is every user's inbox (and e-mail when NGANTOR_SMTP_URL
	// is set); modules that notify take it in their Deps.
	notifikasi *notifikasi.Store

	wilayah        *wilayah.Module
	administration *administration.Module
	persuratan     *persuratan.Module
	keuangan       *keuangan.Module
	sampah         *sampah.Module
	cctv           *cctv.Module
	umkm           *umkm.Module
	opd            *opd.Module
	audiensi       *audiensi.Module
	kunjungan      *kunjungan.Module
	forum          *forum.Module
	program        *program.Module
	pembinaan      *pembinaan.Module
	pilkades       *pilkades.Module
	konsultasi     *konsultasi.Module
	mods           []module

	closers []func() error
}

// module is what cmd needs from a business module. Each field is optional.
type module struct {
	name      string
	templates map[authz.Role][]authz.Permission
	register  func(api huma.API)
	routes    func(mux *http.ServeMux)
	handle    func(j *jobs.Jobs)
	periodic  []jobs.Periodic
	seedRef   func(ctx context.Context) error // reference data, every start
	seedDemo  func(ctx context.Context) error // dev mode only
	links     []wilayah.Link                  // entries of a desa's page menu
	// indicators are the module's figures per desa, for the kecamatan
	// and kabupaten tables (platform/indicator).
	indicators indicator.Provider
}

type appOptions struct {
	// memoryRedis allows an empty NGANTOR_REDIS_URL to mean in-process Redis.
	memoryRedis bool
	// db, when set, is used instead of opening NGANTOR_DATABASE_URL (tests
	// hand in a database connected as the runtime role); it is not closed.
	db *db.DB
	// authzTicks, when set, drives the grants version poll (tests).
	authzTicks <-chan time.Time
}

func newApp(ctx context.Context, cfg config.Config, log *slog.Logger, opt appOptions) (_ *app, err error) {
	a := &app{cfg: cfg, log: log}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if a.db = opt.db; a.db == nil {
		a.db, err = db.Open(ctx, cfg.DatabaseURL, db.Options{MaxConns: cfg.DBMaxConns})
		if err != nil {
			return nil, fmt.Errorf("NGANTOR_DATABASE_URL: %w", err)
		}
		a.closers = append(a.closers, a.db.Close)
		telemetry.InstrumentDB(a.db.DB)
	}

	switch {
	case cfg.RedisURL != "":
		if a.redis, err = redisconn.Parse(cfg.RedisURL); err != nil {
			return nil, fmt.Errorf("NGANTOR_REDIS_URL: %w", err)
		}
	case opt.memoryRedis:
		if a.mem, a.redis, err = redisconn.Memory(); err != nil {
			return nil, err
		}
		a.closers = append(a.closers, func() error { a.mem.Close(); return nil })
	default:
		return nil, &config.Error{Var: "NGANTOR_REDIS_URL", Reason: "is not set (redis://… or redis-sentinel://…); only `ngantor dev` runs Redis in-process"}
	}
	a.rdb = a.redis.Client()
	a.closers = append(a.closers, a.rdb.Close)

	if a.blob, err = blob.Open(ctx, cfg.BlobURL); err != nil {
		return nil, fmt.Errorf("NGANTOR_BLOB_URL: %w", err)
	}

	// config.Load requires NGANTOR_SECRET_KEY of serve, worker and
	// scheduler, so a process here without it is dev mode (dev, seed demo,
	// openapi, tests): it keeps a key of its own in its data dir, and a
	// restart still opens what it sealed.
	if a.secrets = cfg.SecretKeys; a.secrets == nil {
		if a.secrets, err = secret.LoadOrCreateFile(filepath.Join(cfg.DataDir, secret.DevKeyFile)); err != nil {
			return nil, fmt.Errorf("NGANTOR_DATA_DIR: %w", err)
		}
	}

	a.wilayah = wilayah.New(wilayah.Deps{DB: a.db, Authz: lazyAuthz{a}, Indicators: a.cachedIndicators})
	a.auth = auth.New(auth.Deps{DB: a.db, Redis: a.rdb, Logger: log})
	a.audit = audit.New(a.db)
	a.jobs = jobs.New(jobs.Deps{DB: a.db, Redis: a.redis, Logger: log})
	a.closers = append(a.closers, a.jobs.Close)
	a.notifikasi = newNotifikasi(a.db, cfg, a.auth, log)
	a.web = web.New(web.Deps{
		Auth: a.auth, Logger: log, Secure: strings.HasPrefix(cfg.BaseURL, "https://"),
		Wilayah: web.WilayahListerFunc(a.listWilayah),
		Authz:   lazyAuthz{a}, Regions: wilayahResolver{a.wilayah},
		Audit: a.perubahan(), Notifikasi: a.notifikasi,
	})

	if a.mods, err = a.modules(); err != nil {
		return nil, err
	}
	templates := map[authz.Role][]authz.Permission{}
	for _, m := range a.mods {
		for role, perms := range m.templates {
			templates[role] = append(templates[role], perms...)
		}
	}
	a.authz, err = authz.New(ctx, authz.Deps{
		DB: a.db, Redis: a.rdb, Templates: templates, Logger: log,
		PollInterval: cfg.AuthzPollInterval, Ticks: opt.authzTicks,
	})
	if err != nil {
		return nil, fmt.Errorf("authz: %w", err)
	}
	a.closers = append(a.closers, a.authz.Close)

	a.http = httpserver.New(httpserver.Deps{
		Logger: log, Version: version, DB: a.db,
		Auth:    sessionAuth{a.auth},
		Authz:   a.authz,
		Wilayah: wilayahResolver{a.wilayah},
		Audit:   a.perubahan(),
		// The API is ready with its database alone: sessions and grants
		// need no Redis, login answers 503 while the limits cannot be
		// checked, and jobs wait in the outbox. Failing readiness on a
		// Redis outage would take every replica out of the Service at
		// once. The worker's probe (serveHealth) does need Redis.
		Ready: map[string]func(context.Context) error{
			"database": a.db.PingContext,
		},
		Metrics:        telemetry.MetricsHandler(),
		Wrap:           telemetry.HTTPMiddleware,
		SessionCookie:  web.SessionCookie,
		TrustedProxies: cfg.TrustedProxies,
		ShutdownDelay:  cfg.ShutdownDelay,

		// A panic or a cross-site form on a page answers in its layout.
		PanicPage:       a.web.PanicPage,
		CrossOriginPage: a.web.CrossOriginPage,
	})
	// Before any operation registers: huma applies a group's middleware
	// when an operation is registered on it. (Its home is httpserver.New;
	// see platform/httpserver/textguard.go.)
	a.http.V1().UseMiddleware(httpserver.TextGuard(a.http.V1()))
	a.auth.Register(a.http.V1(), a.authz)
	a.web.Routes(a.http.Mux())
	a.notifikasi.Register(a.http.V1())
	a.notifikasi.Routes(a.web, a.http.Mux())
	for _, m := range a.mods {
		if m.register != nil {
			m.register(a.http.V1())
		}
		if m.routes != nil {
			m.routes(a.http.Mux())
		}
		if m.handle != nil {
			m.handle(a.jobs)
		}
	}
	a.jobs.Handle(taskPurge, a.purgeExpired)
	a.handleKalenderBerubah(a.jobs, a.audiensiKalender)
	return a, nil
}

// modules builds every business module; adding one is one entry here.
// Authorization is handed over as a lazy reference: the enforcer is built
// from the modules' templates, after this list.
func (a *app) modules() ([]module, error) {
	az := lazyAuthz{a}
	a.administration = administration.New(administration.Deps{
		DB: a.db, Grants: az, Users: a.auth, Accounts: desaAccounts{a}, Authz: az, Web: a.web, Logger: a.log,
		Pelatihan: administrationPelatihan{a},
	})
	a.persuratan = persuratan.New(persuratan.Deps{
		DB: a.db, Blob: a.blob, Authz: az, Web: a.web, Logger: a.log, BaseURL: a.cfg.BaseURL, Audit: a.audit,
		Signers: signers{a.administration}, Letterheads: letterheads{a.wilayah, a.administration},
	})
	a.keuangan = keuangan.New(keuangan.Deps{
		DB: a.db, Web: a.web, Authz: az, Audit: a.audit, Blob: a.blob, Names: wilayahNames{a.wilayah}, Logger: a.log,
		Pelaksana: pelaksana{a.administration},
		Desa:      keuanganDesa{a.wilayah},
	})
	a.sampah = sampah.New(sampah.Deps{
		DB: a.db, Web: a.web, Authz: az, Audit: a.audit, Blob: a.blob, Names: wilayahNames{a.wilayah}, Logger: a.log, BaseURL: a.cfg.BaseURL,
		Desa: sampahDesa{keuanganDesa{a.wilayah}}, Penduduk: pendudukSource{a.administration}, Kegiatan: a.keuangan,
	})
	a.cctv = cctv.New(cctv.Deps{
		DB: a.db, Web: a.web, Authz: az, Grants: az, Audit: a.audit, Secrets: a.secrets, Names: wilayahNames{a.wilayah},
		Desa: cctvDesa{keuanganDesa{a.wilayah}}, Penduduk: pendudukSource{a.administration}, Kegiatan: a.keuangan, Logger: a.log,
	})
	a.umkm = umkm.New(umkm.Deps{
		DB: a.db, Web: a.web, Authz: az, Audit: a.audit, Blob: a.blob, Names: wilayahNames{a.wilayah}, Logger: a.log,
		Desa: umkmDesa{keuanganDesa{a.wilayah}}, Penduduk: pendudukSource{a.administration}, Realisasi: a.keuangan,
		BaseURL: a.cfg.BaseURL,
	})
	a.opd = opd.New(opd.Deps{
		DB: a.db, Web: a.web, Names: wilayahNames{a.wilayah}, Grants: az, Users: a.auth, Logger: a.log,
	})
	var err error
	a.audiensi, err = audiensi.New(audiensi.Deps{
		DB: a.db, Web: a.web, Authz: az, Audit: a.audit, OPD: audiensiOPD{a.opd}, OPDList: audiensiOPD{a.opd},
		Calendar: kalender.NewStore(a.db, nil), Regions: audiensiRegions{a.wilayah}, Redis: a.rdb, Secrets: a.secrets, Blob: a.blob,
		Notifier: audiensiNotifier{a.notifikasi}, Staff: audiensiStaff{a}, Kunjungan: audiensiKunjungan{a}, Logger: a.log,
	})
	if err != nil {
		return nil, fmt.Errorf("audiensi: %w", err)
	}
	// kunjungan reads the others' dossier sections and indicators; the
	// indicator list is read from a.mods when asked, after this returns.
	a.kunjungan = kunjungan.New(kunjungan.Deps{
		DB: a.db, Web: a.web, Authz: az, Audit: a.audit, OPD: kunjunganOPD{a.opd},
		Regions: kunjunganRegions{audiensiRegions{a.wilayah}, keuanganDesa{a.wilayah}}, Blob: a.blob,
		Profil: a.administration, Audiensi: kunjunganAudiensi{a.audiensi},
		Sections: []kunjungan.SectionSource{a.keuangan, a.sampah, a.cctv, a.umkm, a.audiensi,
			pembinaanDossier{a}, pilkadesDosir{a}, konsultasiSection{a}},
		Indicators: a.indicators, RoleMay: a.roleMay,
		Notifier: kunjunganNotifier{a.notifikasi}, Staff: audiensiStaff{a}, Logger: a.log,
		Terlambat: a.audiensi,
	})
	// program holds the RPJM and the desa's and OPD's programmes tagged to
	// it; its alignment is an indicator for the forum panel.
	a.program = program.New(program.Deps{
		DB: a.db, Web: a.web, Authz: az, Audit: a.audit, OPD: programOPD{kunjunganOPD{a.opd}},
		Regions: programRegions{audiensiRegions{a.wilayah}, keuanganDesa{a.wilayah}},
		APBDes:  programAPBDes{a.keuangan}, Logger: a.log,
	})
	// forum ranks desa on every module's indicators (copied by its rollup
	// job) and on the IDM it imports.
	a.forum = forum.New(forum.Deps{
		DB: a.db, Web: a.web, Authz: az, Audit: a.audit,
		Regions:    forumRegions{audiensiRegions{a.wilayah}, keuanganDesa{a.wilayah}, a.wilayah},
		Indicators: a.indicators, Jobs: a.jobs, Logger: a.log,
	})
	// pembinaan: sessions, attendance, follow-ups and coverage; pilkades:
	// a desa's election and the elected kepala desa's appointment;
	// konsultasi: a desa's threads with its kecamatan.
	regs := desaRegions{audiensiRegions{a.wilayah}, keuanganDesa{a.wilayah}}
	a.pembinaan = pembinaan.New(pembinaan.Deps{
		DB: a.db, Web: a.web, Authz: az, Audit: a.audit, Blob: a.blob, OPD: pembinaanOPD{kunjunganOPD{a.opd}},
		Regions: pembinaanRegions{regs}, Perangkat: pembinaanPerangkat{a.administration, keuanganDesa{a.wilayah}},
		Logger: a.log,
	})
	a.pilkades = pilkades.New(pilkades.Deps{
		DB: a.db, Web: a.web, Authz: az, Audit: a.audit, Regions: pilkadesRegions{regs},
		OPD: pilkadesOPD{kunjunganOPD{a.opd}}, Pengangkatan: pilkadesAngkat{m: a.administration, audit: a.audit}, Logger: a.log,
	})
	a.konsultasi = konsultasi.New(konsultasi.Deps{
		DB: a.db, Web: a.web, Authz: az, Audit: a.audit, Blob: a.blob, Calendar: kalender.NewStore(a.db, nil),
		Regions: konsultasiRegions{regs}, Notifier: konsultasiNotifier{a.notifikasi}, Staff: audiensiStaff{a},
		TindakLanjut: konsultasiTindakLanjut{a.pembinaan}, Logger: a.log,
	})
	return []module{
		{name: "wilayah", templates: wilayah.Templates(), register: a.wilayah.Register,
			routes: func(mux *http.ServeMux) {
				a.wilayah.Routes(a.web, mux, az, a.desaLinks(),
					wilayah.Link{Label: "Kalender hari kerja", Path: "/wilayah/{kode}/kalender", Perm: wilayah.PermKalenderRead},
					wilayah.Link{Label: "Keuangan desa", Path: "/wilayah/{kode}/keuangan", Perm: keuangan.PermRingkasan},
					wilayah.Link{Label: "Pengelolaan sampah", Path: "/wilayah/{kode}/sampah", Perm: sampah.PermCapaian},
					wilayah.Link{Label: "CCTV desa", Path: "/wilayah/{kode}/cctv", Perm: cctv.PermStatus},
					wilayah.Link{Label: "UMKM & BUMDes", Path: "/wilayah/{kode}/umkm", Perm: umkm.PermRingkasan},
					wilayah.Link{Label: "Perangkat daerah (OPD)", Path: "/wilayah/{kode}/opd", Perm: opd.PermRead},
					wilayah.Link{Label: "Audiensi warga", Path: "/wilayah/{kode}/audiensi", Perm: audiensi.PermStatistik},
					wilayah.Link{Label: "Antrian audiensi OPD", Path: "/wilayah/{kode}/audiensi/opd", Perm: audiensi.PermOPD},
					wilayah.Link{Label: "Kunjungan kerja", Path: "/wilayah/{kode}/kunjungan", Perm: kunjungan.PermBaca},
					wilayah.Link{Label: "Dasbor kunjungan kerja", Path: "/wilayah/{kode}/dasbor", Perm: kunjungan.PermDasbor},
					wilayah.Link{Label: "Panel forum perbekel", Path: "/wilayah/{kode}/forum", Perm: forum.PermPanel},
					wilayah.Link{Label: "Indeks Desa Membangun (IDM)", Path: "/wilayah/{kode}/idm", Perm: forum.PermPanel},
					wilayah.Link{Label: "RPJM kabupaten", Path: "/wilayah/{kode}/rpjm", Perm: program.PermRPJMBaca},
					wilayah.Link{Label: "Program desa & keselarasan RPJM", Path: "/wilayah/{kode}/program", Perm: program.PermAnalisis},
					wilayah.Link{Label: "Pembinaan dan bimtek", Path: "/wilayah/{kode}/pembinaan", Perm: pembinaan.PermBaca},
					wilayah.Link{Label: "Cakupan pembinaan perangkat", Path: "/wilayah/{kode}/pembinaan/cakupan", Perm: pembinaan.PermCakupan},
					wilayah.Link{Label: "Tindak lanjut pembinaan", Path: "/wilayah/{kode}/pembinaan/tindak-lanjut", Perm: pembinaan.PermBaca},
					wilayah.Link{Label: "Pilkades: tahapan per desa", Path: "/wilayah/{kode}/pilkades", Perm: pilkades.PermPantau},
					wilayah.Link{Label: "Konsultasi desa", Path: "/wilayah/{kode}/konsultasi", Perm: konsultasi.PermBaca},
					wilayah.Link{Label: "Waktu jawab konsultasi", Path: "/wilayah/{kode}/konsultasi/statistik", Perm: konsultasi.PermStatistik})
			}},
		{name: "administration", templates: administration.Templates(),
			register: a.administration.Register, routes: a.administration.Routes,
			handle: a.administration.HandleJobs, periodic: administration.Periodic(),
			indicators: a.administration,
			seedDemo: func(ctx context.Context) error {
				if err := a.administration.SeedDemo(ctx); err != nil {
					return err
				}
				// The daily job would flag the demo BPD's ending term only at
				// its next run; dev mode should show it at once.
				_, err := a.administration.FlagExpiringTerms(ctx)
				return err
			},
			links: []wilayah.Link{
				{Label: "Administrasi desa", Path: "/desa/{kode}/administrasi"},
				{Label: "Perangkat desa", Path: "/desa/{kode}/perangkat"},
				{Label: "Bagan organisasi", Path: "/desa/{kode}/perangkat/bagan"},
				{Label: "Lembaga & BPD", Path: "/desa/{kode}/lembaga"},
				{Label: "Profil desa", Path: "/desa/{kode}/profil"},
			}},
		{name: "persuratan", templates: persuratan.Templates(),
			register: a.persuratan.Register, routes: a.persuratan.Routes,
			seedRef: a.persuratan.SeedReference, seedDemo: a.persuratan.SeedDemo,
			indicators: a.persuratan,
			links: []wilayah.Link{
				{Label: "Surat keluar", Path: "/desa/{kode}/surat/keluar"},
				{Label: "Surat masuk", Path: "/desa/{kode}/surat/masuk"},
				{Label: "Terbitkan surat layanan", Path: "/desa/{kode}/surat/layanan"},
			}},
		{name: "keuangan", templates: keuangan.Templates(),
			register: a.keuangan.Register, routes: a.keuangan.Routes, seedRef: a.keuangan.SeedReference,
			seedDemo:   a.keuangan.SeedDemo,
			indicators: a.keuangan,
			links:      []wilayah.Link{{Label: "Keuangan desa", Path: "/desa/{kode}/keuangan"}}},
		{name: "sampah", templates: sampah.Templates(),
			register: a.sampah.Register, routes: a.sampah.Routes, seedRef: a.sampah.SeedReference,
			seedDemo:   a.sampah.SeedDemo,
			indicators: a.sampah,
			links:      []wilayah.Link{{Label: "Pengelolaan sampah", Path: "/desa/{kode}/sampah"}}},
		{name: "cctv", templates: cctv.Templates(),
			register: a.cctv.Register, routes: a.cctv.Routes, handle: a.cctv.HandleJobs, periodic: cctv.Periodic(),
			seedDemo: a.cctv.SeedDemo, indicators: a.cctv,
			links: []wilayah.Link{{Label: "CCTV desa", Path: "/desa/{kode}/cctv"}}},
		{name: "umkm", templates: umkm.Templates(),
			register: a.umkm.Register, routes: a.umkm.Routes, seedDemo: a.umkm.SeedDemo, indicators: a.umkm,
			links: []wilayah.Link{
				{Label: "UMKM", Path: "/desa/{kode}/umkm"},
				{Label: "BUMDes", Path: "/desa/{kode}/bumdes"},
			}},
		{name: "opd", templates: opd.Templates(),
			register: a.opd.Register, routes: a.opd.Routes, seedRef: a.opd.SeedReference},
		// After opd: the demo routes audiensi to the registry's OPD.
		{name: "audiensi", templates: audiensi.Templates(),
			register: a.audiensi.Register, routes: a.audiensi.Routes, handle: a.audiensi.HandleJobs,
			periodic: audiensi.Periodic(), seedDemo: a.seedDemoAudiensi, indicators: a.audiensi,
			links: []wilayah.Link{{Label: "Audiensi warga", Path: "/desa/{kode}/audiensi"}}},
		{name: "kunjungan", templates: kunjungan.Templates(),
			register: a.kunjungan.Register, routes: a.kunjungan.Routes, handle: a.kunjungan.HandleJobs,
			periodic: kunjungan.Periodic(), // its demo runs before audiensi's: seedDemoAudiensi
			links:    []wilayah.Link{{Label: "Kunjungan kerja", Path: "/desa/{kode}/kunjungan"}}},
		{name: "program", templates: program.Templates(),
			register: a.program.Register, routes: a.program.Routes,
			seedDemo: a.program.SeedDemo, indicators: a.program,
			links: []wilayah.Link{{Label: "Program desa", Path: "/desa/{kode}/program"}}},
		// After opd and administration: the demo names DPMD and ticks the
		// perangkat in post.
		{name: "pembinaan", templates: pembinaan.Templates(),
			register: a.pembinaan.Register, routes: a.pembinaan.Routes, seedDemo: a.pembinaan.SeedDemo,
			indicators: a.pembinaan,
			links: []wilayah.Link{
				{Label: "Undangan pembinaan", Path: "/desa/{kode}/pembinaan"},
				{Label: "Tindak lanjut pembinaan", Path: "/desa/{kode}/pembinaan/tindak-lanjut", Perm: pembinaan.PermBaca},
			}},
		{name: "pilkades", templates: pilkades.Templates(),
			register: a.pilkades.Register, routes: a.pilkades.Routes, handle: a.pilkades.HandleJobs,
			seedDemo: a.pilkades.SeedDemo, indicators: a.pilkades,
			links: []wilayah.Link{{Label: "Pilkades", Path: "/desa/{kode}/pilkades"}}},
		{name: "konsultasi", templates: konsultasi.Templates(),
			register: a.konsultasi.Register, routes: a.konsultasi.Routes,
			seedDemo: a.seedDemoKonsultasi, indicators: a.konsultasi,
			links: []wilayah.Link{{Label: "Konsultasi ke kecamatan", Path: "/desa/{kode}/konsultasi"}}},
		{name: "forum", templates: forum.Templates(),
			register: a.forum.Register, routes: a.forum.Routes, handle: a.forum.HandleJobs,
			periodic: forum.Periodic(), seedDemo: a.forum.SeedDemo},
	}, nil
}

// lazyAuthz lets modules built before the enforcer reach it at call time.
type lazyAuthz struct{ a *app }

func (l lazyAuthz) Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error) {
	return l.a.authz.Allowed(ctx, userID, target, p)
}

func (l lazyAuthz) Grant(ctx context.Context, g authz.Grant) error  { return l.a.authz.Grant(ctx, g) }
func (l lazyAuthz) Revoke(ctx context.Context, g authz.Grant) error { return l.a.authz.Revoke(ctx, g) }
func (l lazyAuthz) Grants(ctx context.Context, userID string) ([]authz.Grant, error) {
	return l.a.authz.Grants(ctx, userID)
}

// wilayahNames: official names from the region codes.
type wilayahNames struct{ m *wilayah.Module }

func (n wilayahNames) Nama(ctx context.Context, kode tenancy.Kode) (string, error) {
	w, err := n.m.Lookup(ctx, kode)
	if err != nil {
		return "", err
	}
	return w.Nama, nil
}

// pelaksana: the perangkat in post today, from administration, carry out
// the kegiatan of an APBDes (keuangan's PelaksanaSource).
type pelaksana struct{ m *administration.Module }

func (p pelaksana) Pelaksana(ctx context.Context, desa tenancy.Kode) ([]keuangan.Pelaksana, error) {
	rows, err := p.m.AktifSOTK(tenancy.With(ctx, tenancy.Tenant{Kode: desa}))
	if err != nil {
		return nil, err
	}
	out := make([]keuangan.Pelaksana, len(rows))
	for i, r := range rows {
		out[i] = keuangan.Pelaksana{ID: r.ID.String(), Nama: r.Nama, Jabatan: r.Status.Prefix() + r.Sebutan}
	}
	return out, nil
}

// Dusun names the desa's dusun/banjar, offered as the lokasi of a line.
func (p pelaksana) Dusun(ctx context.Context, desa tenancy.Kode) ([]string, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	var out []string
	params := paging.Params{Limit: 100}
	for range 100 {
		pg, err := p.m.ListDusun(ctx, params)
		if err != nil {
			return nil, err
		}
		for _, d := range pg.Items {
			out = append(out, d.Judul())
		}
		if pg.NextCursor == "" {
			break
		}
		params.Cursor = pg.NextCursor
	}
	return out, nil
}

// keuanganDesa: the desa of a kecamatan or kabupaten with their
// kecamatan's names, for the keuangan table (two or three pages of
// ListDesa for a kabupaten of 133 desa, and its kecamatan).
type keuanganDesa struct{ m *wilayah.Module }

func (k keuanganDesa) DesaIn(ctx context.Context, kode tenancy.Kode) ([]keuangan.DesaInfo, error) {
	kec := map[tenancy.Kode]string{}
	if kode.Level() == tenancy.Kecamatan {
		w, err := k.m.Lookup(ctx, kode)
		if err != nil {
			return nil, err
		}
		kec[kode] = w.Nama
	} else {
		children, err := k.m.Children(ctx, kode)
		if err != nil {
			return nil, err
		}
		for _, c := range children {
			kec[c.Kode] = c.Nama
		}
	}
	var out []keuangan.DesaInfo
	for q := (wilayah.DesaQuery{Limit: wilayah.MaxLimit}); ; {
		p, err := k.m.ListDesa(ctx, kode, q)
		if err != nil {
			return nil, err
		}
		for _, d := range p.Items {
			out = append(out, keuangan.DesaInfo{Kode: d.Kode, Nama: d.Nama, NamaKecamatan: kec[d.Kode.Up(tenancy.Kecamatan)]})
		}
		if p.NextCursor == "" {
			return out, nil
		}
		q.Cursor = p.NextCursor
	}
}

// signers: the kepala desa of the administration module signs letters.
type signers struct{ m *administration.Module }

func (s signers) Signer(ctx context.Context, desa tenancy.Kode) (persuratan.Signer, error) {
	sg, err := s.m.Signer(ctx, desa)
	if err != nil {
		return persuratan.Signer{}, err
	}
	return persuratan.Signer{Nama: sg.Nama, Jabatan: sg.Sebutan}, nil
}

// letterheads: names from the official region codes, the office address
// and contacts from the desa's profil.
type letterheads struct {
	m    *wilayah.Module
	prof *administration.Module
}

func (l letterheads) Letterhead(ctx context.Context, desa tenancy.Kode) (persuratan.Letterhead, error) {
	var h persuratan.Letterhead
	for _, part := range []struct {
		kode tenancy.Kode
		dst  *string
	}{{desa.Up(tenancy.Kabupaten), &h.Kabupaten}, {desa.Up(tenancy.Kecamatan), &h.Kecamatan}, {desa, &h.Desa}} {
		w, err := l.m.Lookup(ctx, part.kode)
		if err != nil {
			return h, err
		}
		*part.dst = w.Nama
	}
	p, err := l.prof.GetProfil(tenancy.With(ctx, tenancy.Tenant{Kode: desa}))
	switch {
	case fault.Is(err, fault.NotFound):
		return h, nil // no profil yet: the letterhead carries names only
	case err != nil:
		return h, err
	}
	parts := []string{p.AlamatKantor}
	if p.Telepon != "" {
		parts = append(parts, "Telp. "+p.Telepon)
	}
	if p.Email != "" {
		parts = append(parts, p.Email)
	}
	h.Alamat = strings.Trim(strings.Join(parts, " · "), " ·")
	return h, nil
}

// indicators lists every module's indicator provider, in module order
// (the columns of the desa table follow it).
func (a *app) indicators() []indicator.Provider {
	var out []indicator.Provider
	for _, m := range a.mods {
		if m.indicators != nil {
			out = append(out, m.indicators)
		}
	}
	return out
}

// cachedIndicators are the providers of indicators() answering through
// one indicator.Cache (a minute): the desa table of a kabupaten asks every
// provider for 133 desa on each page, sort order and export. The forum's
// rollup job reads the providers themselves (a rollup copied from a
// minute-old answer would stay stale until the next).
func (a *app) cachedIndicators() []indicator.Provider {
	a.indCacheOnce.Do(func() { a.indCached = indicator.Cached(&indicator.Cache{}, a.indicators()) })
	return a.indCached
}

func (a *app) desaLinks() []wilayah.Link {
	var out []wilayah.Link
	for _, m := range a.mods {
		out = append(out, m.links...)
	}
	return out
}

func (a *app) periodic() []jobs.Periodic {
	out := platformPeriodic()
	for _, m := range a.mods {
		out = append(out, m.periodic...)
	}
	return out
}

func (a *app) seedReference(ctx context.Context) error {
	// The working-day calendar every service clock reads (platform/kalender).
	if err := kalender.NewStore(a.db, nil).Seed(ctx); err != nil {
		return fmt.Errorf("kalender kerja: %w", err)
	}
	for _, m := range a.mods {
		if m.seedRef != nil {
			if err := m.seedRef(ctx); err != nil {
				return fmt.Errorf("%s reference data: %w", m.name, err)
			}
		}
	}
	return nil
}

// Close releases everything newApp opened, newest first.
func (a *app) Close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](); err != nil && a.log != nil {
			a.log.Warn("close", "err", err)
		}
	}
	a.closers = nil
}

// migrate applies pending migrations with this process's connection (the
// owner's, in `migrate`; dev mode's single SQLite file otherwise).
func migrate(ctx context.Context, d *db.DB, appRole string) ([]string, error) {
	migs, err := db.LoadMigrations(migrations.FS)
	if err != nil {
		return nil, err
	}
	return (&db.Migrator{DB: d, Migrations: migs, AppRole: appRole}).Up(ctx)
}

// listWilayah feeds the home page: the user's grants with wilayah names.
func (a *app) listWilayah(ctx context.Context, userID string) ([]web.WilayahItem, error) {
	grants, err := a.authz.Grants(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]web.WilayahItem, 0, len(grants))
	for i, g := range grants {
		// Grants come by wilayah then role: a role held through two
		// sources (by hand and from a post) is one entry on the page.
		if i > 0 && grants[i-1].Role == g.Role && grants[i-1].Wilayah == g.Wilayah {
			continue
		}
		item := web.WilayahItem{Role: string(g.Role), Kode: string(g.Wilayah)}
		if w, err := a.wilayah.Lookup(ctx, g.Wilayah); err == nil {
			item.Nama = w.Nama
		}
		out = append(out, item)
	}
	return out, nil
}

// sessionAuth adapts auth.Service to the HTTP guard.
type sessionAuth struct{ s *auth.Service }

func (s sessionAuth) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	u, _, err := s.s.Authenticate(ctx, token)
	if err != nil {
		return ctx, httpserver.Identity{}, err
	}
	return auth.WithUser(ctx, u), httpserver.Identity{UserID: u.ID}, nil
}

type wilayahResolver struct{ m *wilayah.Module }

func (w wilayahResolver) Exists(ctx context.Context, k tenancy.Kode) error {
	_, err := w.m.Lookup(ctx, k)
	return err
}
