package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"

	"github.com/ngantor/ngantor/migrations"
	"github.com/ngantor/ngantor/modules/opd"
	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/config"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/redisconn"
	"github.com/ngantor/ngantor/platform/tenancy"
)

func listen(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }

func quietLogger(env *environment, cfg config.Config) *slog.Logger {
	return slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: max(cfg.LogLevel, slog.LevelWarn)}))
}

func migrateURL(ctx context.Context, cfg config.Config) error {
	d, err := db.Open(ctx, cfg.DatabaseURL, db.Options{MaxConns: 2})
	if err != nil {
		return fmt.Errorf("NGANTOR_DATABASE_URL: %w", err)
	}
	defer d.Close()
	_, err = migrate(ctx, d, cfg.AppRole)
	return err
}

func runMigrate(ctx context.Context, env *environment, args []string) error {
	fs := flags(env, "migrate")
	steps := fs.Int("steps", 1, "untuk down: berapa migrasi terakhir yang dibatalkan")
	if len(args) == 0 {
		fs.Usage()
		return errors.New("migrate perlu up, down atau status")
	}
	sub, rest := args[0], args[1:]
	if sub == "-h" || sub == "--help" {
		fs.Usage()
		return nil
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	cfg, err := loadConfig(env, false)
	if err != nil {
		return err
	}
	d, err := db.Open(ctx, cfg.DatabaseURL, db.Options{MaxConns: 2})
	if err != nil {
		return fmt.Errorf("NGANTOR_DATABASE_URL: %w", err)
	}
	defer d.Close()
	migs, err := db.LoadMigrations(migrations.FS)
	if err != nil {
		return err
	}
	m := &db.Migrator{DB: d, Migrations: migs, AppRole: cfg.AppRole}
	switch sub {
	case "up":
		done, err := m.Up(ctx)
		for _, v := range done {
			fmt.Fprintln(env.stdout, "diterapkan:", v)
		}
		if err != nil {
			return err
		}
		if len(done) == 0 {
			fmt.Fprintln(env.stdout, "skema sudah mutakhir")
		}
		return nil
	case "down":
		if *steps < 1 {
			return errors.New("--steps harus ≥ 1")
		}
		undone, err := m.Down(ctx, *steps)
		for _, v := range undone {
			fmt.Fprintln(env.stdout, "dibatalkan:", v)
		}
		return err
	case "status":
		st, err := m.Status(ctx)
		if err != nil {
			return err
		}
		for _, s := range st {
			state := "menunggu"
			if s.AppliedAt != nil {
				state = "diterapkan " + s.AppliedAt.UTC().Format("2006-01-02 15:04:05")
			}
			fmt.Fprintf(env.stdout, "%s_%-40s %s\n", s.Version, s.Name, state)
		}
		return nil
	}
	return fmt.Errorf("migrate: %q bukan up, down atau status", sub)
}

func runSeed(ctx context.Context, env *environment, args []string) error {
	fs := flags(env, "seed")
	kab := fs.String("kabupaten", "", "kode kabupaten/kota, dipisah koma (mis. 51.02,35.23)")
	all := fs.Bool("all", false, "muat seluruh 91.599 wilayah Indonesia")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs.Usage()
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errors.New("seed perlu wilayah, referensi atau demo")
	}
	what := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	cfg, err := loadConfig(env, false)
	if err != nil {
		return err
	}
	switch what {
	case "wilayah":
		d, err := db.Open(ctx, cfg.DatabaseURL, db.Options{MaxConns: 2})
		if err != nil {
			return fmt.Errorf("NGANTOR_DATABASE_URL: %w", err)
		}
		defer d.Close()
		store := wilayah.NewStore(d)
		var counts wilayah.Counts
		switch {
		case *all:
			counts, err = store.SeedAll(ctx)
		case *kab != "":
			var codes []tenancy.Kode
			for _, s := range strings.Split(*kab, ",") {
				k, err := tenancy.ParseKode(strings.TrimSpace(s))
				if err != nil {
					return err
				}
				codes = append(codes, k)
			}
			counts, err = store.Seed(ctx, codes)
		default:
			return errors.New("seed wilayah perlu --kabupaten KODE[,KODE…] atau --all")
		}
		if err != nil {
			return userError(err)
		}
		fmt.Fprintf(env.stdout, "wilayah dimuat: %d baris baru (%d desa, %d kelurahan, %d kecamatan)\n",
			counts.Inserted, counts.Desa, counts.Kelurahan, counts.Kecamatan)
		return nil
	case "referensi":
		// newAppMigrated loads every module's reference data (idempotent).
		a, err := newAppMigrated(ctx, cfg, quietLogger(env, cfg), appOptions{memoryRedis: true})
		if err != nil {
			return err
		}
		a.Close()
		fmt.Fprintln(env.stdout, "data referensi dimuat (kalender hari kerja: libur nasional, cuti bersama, usulan hari raya Bali; perangkat daerah Tabanan; klasifikasi surat; kode rekening, kegiatan dan sumber dana keuangan desa; target Jakstranas pengelolaan sampah)")
		return nil
	case "demo":
		a, err := newAppMigrated(ctx, cfg, quietLogger(env, cfg), appOptions{memoryRedis: true})
		if err != nil {
			return err
		}
		defer a.Close()
		if _, err := a.wilayah.Store().Seed(ctx, []tenancy.Kode{demoKabupaten}); err != nil {
			return userError(err)
		}
		if err := a.seedDemo(ctx); err != nil {
			return err
		}
		fmt.Fprintln(env.stdout, "data demo Kabupaten Tabanan dimuat")
		return nil
	}
	return fmt.Errorf("seed: %q bukan wilayah, referensi atau demo", what)
}

// userError shows a coded error's Bahasa message rather than its Go form.
func userError(err error) error {
	if f, ok := fault.As(err); ok {
		return errors.New(f.Message)
	}
	return err
}

// accounts is the slice of the app the user command needs: no HTTP, and
// Redis only to tell running servers about grant changes.
type accounts struct {
	db    *db.DB
	auth  *auth.Service
	authz *authz.Enforcer
	opd   *opd.Module // the OPD registry: the opd role is a membership
}

func openAccounts(ctx context.Context, cfg config.Config, env *environment) (*accounts, func(), error) {
	d, err := db.Open(ctx, cfg.DatabaseURL, db.Options{MaxConns: 2})
	if err != nil {
		return nil, nil, fmt.Errorf("NGANTOR_DATABASE_URL: %w", err)
	}
	closers := []func() error{d.Close}
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			_ = closers[i]()
		}
	}
	// One change and out: no need to poll for other replicas' changes.
	deps := authz.Deps{DB: d, Logger: quietLogger(env, cfg), PollInterval: -1}
	if cfg.RedisURL != "" {
		c, err := redisconn.Parse(cfg.RedisURL)
		if err != nil {
			closeAll()
			return nil, nil, fmt.Errorf("NGANTOR_REDIS_URL: %w", err)
		}
		rdb := c.Client()
		closers = append(closers, rdb.Close)
		deps.Redis = rdb
	} else {
		fmt.Fprintf(env.stderr, "catatan: NGANTOR_REDIS_URL kosong — server yang sedang berjalan melihat perubahan izin dalam %s\n", cfg.AuthzPollInterval)
	}
	enf, err := authz.New(ctx, deps)
	if err != nil {
		closeAll()
		return nil, nil, err
	}
	closers = append(closers, enf.Close)
	as := auth.New(auth.Deps{DB: d, Logger: deps.Logger})
	reg := opd.New(opd.Deps{DB: d, Grants: enf, Users: as, Logger: deps.Logger})
	return &accounts{db: d, auth: as, authz: enf, opd: reg}, closeAll, nil
}

func runUser(ctx context.Context, env *environment, args []string) error {
	fs := flags(env, "user")
	email := fs.String("email", "", "email akun")
	name := fs.String("name", "", "nama lengkap (untuk create)")
	role := fs.String("role", "", "peran: "+rolesList())
	wil := fs.String("wilayah", "", "kode wilayah tempat peran berlaku (mis. 51.02.06.2001)")
	opdKode := fs.String("opd", "", "kode OPD dari daftar perangkat daerah kabupaten, untuk peran opd (mis. DLH): akun menjadi anggota OPD itu")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs.Usage()
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errors.New("user perlu create, grant atau revoke")
	}
	sub := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email wajib diisi")
	}
	cfg, err := loadConfig(env, false)
	if err != nil {
		return err
	}
	var grant authz.Grant
	if *role != "" || *wil != "" || sub != "create" {
		k, err := tenancy.ParseKode(*wil)
		if err != nil {
			return fmt.Errorf("--wilayah: %s", userError(err))
		}
		grant = authz.Grant{Role: authz.Role(*role), Wilayah: k}
		if !grant.Role.Valid() {
			return fmt.Errorf("--role %q tidak dikenal; pilih salah satu: %s", *role, rolesList())
		}
	}
	if *opdKode != "" && grant.Role != authz.OPD {
		return errors.New("--opd hanya untuk --role opd")
	}
	if grant.Role == authz.OPD && *opdKode == "" && sub != "revoke" {
		return fmt.Errorf("peran opd diberikan untuk satu OPD: tambahkan --opd KODE (daftar di /wilayah/%s/opd)", grant.Wilayah)
	}
	acc, closeAll, err := openAccounts(ctx, cfg, env)
	if err != nil {
		return err
	}
	defer closeAll()
	// The OPD is checked against the registry before an account is made.
	var member opd.OPD
	if *opdKode != "" {
		if grant.Wilayah.Level() != tenancy.Kabupaten {
			return fmt.Errorf("--wilayah: peran opd diberikan di kabupaten, bukan %s", grant.Wilayah)
		}
		if member, err = acc.opd.ByKode(ctx, grant.Wilayah, *opdKode); err != nil {
			return fmt.Errorf("--opd: %s (lihat daftar di /wilayah/%s/opd)", userError(err), grant.Wilayah)
		}
	}

	u, err := acc.auth.UserByEmail(ctx, *email)
	switch {
	case err == nil:
	case fault.Is(err, fault.NotFound) && sub == "create":
		pw, err := readPassword(env.stdin)
		if err != nil {
			return err
		}
		u, err = acc.auth.CreateUser(ctx, auth.NewUser{Email: *email, Name: *name, Password: pw})
		if err != nil {
			return userError(err)
		}
		fmt.Fprintf(env.stdout, "akun dibuat: %s (%s)\n", u.Email, u.ID)
	case fault.Is(err, fault.NotFound):
		return fmt.Errorf("akun %s tidak ditemukan", *email)
	default:
		return err
	}
	if grant.Role == "" {
		return nil
	}
	grant.UserID = u.ID
	if member.ID != "" {
		return opdMembership(ctx, env, acc, sub, member, u)
	}
	switch sub {
	case "create", "grant":
		if err := acc.authz.Grant(ctx, grant); err != nil {
			return userError(err)
		}
		fmt.Fprintf(env.stdout, "izin diberikan: %s sebagai %s di %s\n", u.Email, grant.Role, grant.Wilayah)
	case "revoke":
		if err := acc.authz.Revoke(ctx, grant); err != nil {
			return userError(err)
		}
		fmt.Fprintf(env.stdout, "izin dicabut: %s sebagai %s di %s\n", u.Email, grant.Role, grant.Wilayah)
	default:
		return fmt.Errorf("user: %q bukan create, grant atau revoke", sub)
	}
	return nil
}

// opdMembership grants or takes back the opd role as a membership of the
// registry's OPD o (modules/opd), never as a bare grant.
func opdMembership(ctx context.Context, env *environment, acc *accounts, sub string, o opd.OPD, u auth.User) error {
	switch sub {
	case "create", "grant":
		if _, err := acc.opd.TambahAnggota(ctx, o.Kabupaten, o.ID, u.Email, audit.ActorSystem); err != nil {
			return userError(err)
		}
		fmt.Fprintf(env.stdout, "izin diberikan: %s sebagai opd di %s, anggota %s (%s)\n", u.Email, o.Kabupaten, o.Nama, o.Kode)
	case "revoke":
		if err := acc.opd.HapusAnggota(ctx, o.Kabupaten, o.ID, u.ID); err != nil {
			return userError(err)
		}
		fmt.Fprintf(env.stdout, "izin dicabut: %s bukan lagi anggota %s (%s)\n", u.Email, o.Nama, o.Kode)
	default:
		return fmt.Errorf("user: %q bukan create, grant atau revoke", sub)
	}
	return nil
}

func rolesList() string {
	names := make([]string, 0, len(authz.Roles))
	for _, r := range authz.Roles {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}

// readPassword takes the first line of stdin, so `echo pw | ngantor user …`
// and a here-document both work without the password in argv.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("kata sandi dibaca dari stdin, tetapi stdin kosong")
	}
	return pw, nil
}

func runAudit(ctx context.Context, env *environment, args []string) error {
	fs := flags(env, "audit")
	wil := fs.String("wilayah", "", "batasi pada wilayah ini (kosong = semua)")
	if len(args) == 0 || args[0] != "verify" {
		fs.Usage()
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errors.New("audit perlu verify")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	cfg, err := loadConfig(env, false)
	if err != nil {
		return err
	}
	var k tenancy.Kode
	if *wil != "" {
		if k, err = tenancy.ParseKode(*wil); err != nil {
			return userError(err)
		}
	}
	d, err := db.Open(ctx, cfg.DatabaseURL, db.Options{MaxConns: 2})
	if err != nil {
		return fmt.Errorf("NGANTOR_DATABASE_URL: %w", err)
	}
	defer d.Close()
	rep, err := audit.New(d).Verify(ctx, k)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%d rantai, %d catatan diperiksa\n", rep.Chains, rep.Entries)
	if rep.OK() {
		fmt.Fprintln(env.stdout, "jejak audit utuh")
		return nil
	}
	for _, b := range rep.Broken {
		fmt.Fprintf(env.stdout, "RUSAK: rantai %d, urutan %d: %s\n", b.DesaID, b.Seq, b.Reason)
	}
	return fmt.Errorf("jejak audit rusak di %d tempat", len(rep.Broken))
}
