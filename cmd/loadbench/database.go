package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// benchDB is one throw-away PostgreSQL database with its own owner and
// runtime roles, named so that parallel runs and the test suite's
// ngantor_app never collide: ngantor_bench_<id>, _<id>_owner, _<id>_app.
type benchDB struct {
	admin    string // the admin URL it was made from
	name     string
	owner    string // role names
	app      string
	password string
	ownerURL string
	appURL   string
}

func newBenchDB(ctx context.Context, adminURL string) (*benchDB, error) {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	id := hex.EncodeToString(b)
	pw := make([]byte, 12)
	_, _ = rand.Read(pw)
	d := &benchDB{admin: adminURL, name: "ngantor_bench_" + id, owner: "ngantor_bench_" + id + "_owner",
		app: "ngantor_bench_" + id + "_app", password: hex.EncodeToString(pw)}
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return nil, fmt.Errorf("admin connection: %w", err)
	}
	defer conn.Close(ctx)
	// The README's two roles: an owner for migrations, a runtime role that
	// owns nothing and cannot bypass row-level security.
	for _, stmt := range []string{
		fmt.Sprintf("CREATE ROLE %s LOGIN PASSWORD '%s'", d.owner, d.password),
		fmt.Sprintf("CREATE ROLE %s LOGIN NOBYPASSRLS PASSWORD '%s'", d.app, d.password),
		fmt.Sprintf("CREATE DATABASE %s OWNER %s", d.name, d.owner),
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			d.drop(context.WithoutCancel(ctx))
			return nil, fmt.Errorf("%s: %w", stmt[:min(len(stmt), 40)], err)
		}
	}
	u, err := url.Parse(adminURL)
	if err != nil {
		return nil, err
	}
	u.Path = "/" + d.name
	u.User = url.UserPassword(d.owner, d.password)
	d.ownerURL = u.String()
	u.User = url.UserPassword(d.app, d.password)
	d.appURL = u.String()
	return d, nil
}

// adminDBURL is the admin's URL on the bench database (the reference
// handler reads through it: a superuser is not subject to RLS, so its one
// SELECT is the floor the app is compared with).
func (d *benchDB) adminDBURL() string {
	u, _ := url.Parse(d.admin)
	u.Path = "/" + d.name
	return u.String()
}

// drop removes the database and both roles; it reports nothing, because it
// runs on the way out of every path.
func (d *benchDB) drop(ctx context.Context) {
	conn, err := pgx.Connect(ctx, d.admin)
	if err != nil {
		return
	}
	defer conn.Close(ctx)
	for _, stmt := range []string{
		"DROP DATABASE IF EXISTS " + d.name + " WITH (FORCE)",
		"DROP ROLE IF EXISTS " + d.app,
		"DROP ROLE IF EXISTS " + d.owner,
	} {
		_, _ = conn.Exec(ctx, stmt)
	}
}

// tabanan is the demo kabupaten; its 133 desa get the generated rows.
const tabanan tenancy.Kode = "51.02"

// bulkRows adds n rows to each of perangkat and surat_keluar, spread evenly
// over every desa of Tabanan, in two INSERT … SELECT statements as the
// owner. Perangkat rows are ended appointments (history), so the SOTK's
// one-holder-per-post rule is untouched; surat keluar rows are past years'
// register entries, so this year's numbering continues from the demo data.
// ids are UUIDv7-shaped and older than the demo rows, as history would be.
func bulkRows(ctx context.Context, ownerURL string, n int) (desa int, err error) {
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM wilayah WHERE tingkat = 'desa' AND kode LIKE $1", string(tabanan)+".%").Scan(&desa); err != nil {
		return 0, err
	}
	if desa == 0 {
		return 0, errors.New("no desa of Tabanan in wilayah: was `seed wilayah` run?")
	}
	per := (n + desa - 1) / desa
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback(ctx) }()
	lo, hi := tabanan.Range()
	// The owner is subject to the policies too (FORCE ROW LEVEL SECURITY).
	if _, err := tx.Exec(ctx, "SELECT set_config('app.desa_min', $1, true), set_config('app.desa_max', $2, true)",
		strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)); err != nil {
		return 0, err
	}
	// uuid7 of a timestamp: 48 bits of milliseconds, version 7, random rest.
	const uuid7 = `(lpad(to_hex((extract(epoch FROM %[1]s) * 1000)::bigint), 12, '0') || '7' ||
		substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid`
	perangkat := `INSERT INTO perangkat (desa_id, id, jabatan, nama, nik, nip, status, sk_nomor, sk_tanggal, mulai, selesai,
		tanggal_berhenti, alasan_berhenti, ended_at, created_at, updated_at)
	SELECT w.id, ` + fmt.Sprintf(uuid7, "t.mulai") + `,
		(ARRAY['kepala_desa','sekretaris_desa','kaur_tata_usaha_umum','kaur_keuangan','kaur_perencanaan',
			'kasi_pemerintahan','kasi_kesejahteraan','kasi_pelayanan'])[1 + g % 8],
		'Perangkat Riwayat ' || g,
		substr(w.id::text, 1, 6) || lpad((1 + g % 28)::text, 2, '0') || lpad((1 + g % 12)::text, 2, '0') ||
			lpad((70 + g % 25)::text, 2, '0') || lpad((g % 10000)::text, 4, '0'),
		'', (ARRAY['definitif','pj','plt'])[1 + g % 3],
		'141/' || g || '/SK/' || extract(year FROM t.mulai), t.mulai, t.mulai, t.mulai + 2190,
		t.mulai + 1000, 'Mengundurkan diri', t.mulai + 1000, t.mulai, t.mulai + 1000
	FROM wilayah w CROSS JOIN generate_series(1, $2::int) g
	CROSS JOIN LATERAL (SELECT (date '2000-01-01' + (g * 7919) % 8000) AS mulai) t
	WHERE w.tingkat = 'desa' AND w.kode LIKE $1`
	surat := `INSERT INTO surat_keluar (desa_id, id, tahun, lingkup, urut, nomor, tanggal, jenis, klasifikasi_kode,
		klasifikasi_uraian, tujuan, perihal, penandatangan_nama, penandatangan_jabatan, kop, created_by, created_at)
	SELECT w.id, ` + fmt.Sprintf(uuid7, "t.tanggal") + `, extract(year FROM t.tanggal)::int, 'keluar', g,
		'000.1/' || g || '/' || right(w.id::text, 4) || '/' || extract(year FROM t.tanggal), t.tanggal, 'umum', '000.1',
		'Umum', 'Camat', 'Surat riwayat ' || g, 'Perbekel', 'Perbekel',
		jsonb_build_object('kabupaten', 'Tabanan', 'kecamatan', '-', 'desa', w.nama), 'loadbench', t.tanggal
	FROM wilayah w CROSS JOIN generate_series(1, $2::int) g
	CROSS JOIN LATERAL (SELECT (date '2018-01-01' + (g * 7919) % 2500) AS tanggal) t
	WHERE w.tingkat = 'desa' AND w.kode LIKE $1`
	for _, q := range []string{perangkat, surat} {
		if _, err := tx.Exec(ctx, q, string(tabanan)+".%", per); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, err
	}
	_, err = conn.Exec(ctx, "ANALYZE perangkat; ANALYZE surat_keluar")
	return desa, err
}

// fixtures are what the targets need from the seeded database.
type fixtures struct {
	perangkat []string // ids of Bengkel's perangkat (the perbekel may read them)
	userID    string   // the demo perbekel of Bengkel
	// Rows in the tables read (perangkat, surat keluar): in all, in the
	// desa with the fewest, and how many desa have any.
	total, fewest, desa [2]int
	// sampah: the bank sampah of the setoran target (-targets setoran).
	sampah sampahFixtures
	// audiensi: the OPD queue and the public form (-targets antrian,publik).
	audiensi audiensiFixtures
	// dasborToken: a session of the demo bupati (-targets dasbor).
	dasborToken string
	// forumToken: a session of the demo forum perbekel (-targets peringkat).
	forumToken string
}

func loadFixtures(ctx context.Context, ownerURL string, desa tenancy.Kode, email string) (fixtures, error) {
	var f fixtures
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return f, err
	}
	defer conn.Close(ctx)
	if err := conn.QueryRow(ctx, "SELECT id FROM users WHERE email = $1", email).Scan(&f.userID); err != nil {
		return f, fmt.Errorf("demo user %s: %w", email, err)
	}
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		lo, hi := tabanan.Range()
		if _, err := tx.Exec(ctx, "SELECT set_config('app.desa_min', $1, true), set_config('app.desa_max', $2, true)",
			strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT id::text FROM perangkat WHERE desa_id = $1 ORDER BY id", desa.ID())
		if err != nil {
			return err
		}
		if f.perangkat, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
			return err
		}
		for i, table := range []string{"perangkat", "surat_keluar"} {
			q := "SELECT coalesce(sum(n), 0), coalesce(min(n), 0), count(*) FROM (SELECT count(*) n FROM " + table + " GROUP BY desa_id) c"
			if err := tx.QueryRow(ctx, q).Scan(&f.total[i], &f.fewest[i], &f.desa[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil && len(f.perangkat) == 0 {
		err = fmt.Errorf("no perangkat in %s", desa)
	}
	return f, err
}

// letterCheck is what the create target left in the register.
type letterCheck struct {
	rows       int // letters made by the run
	duplicates int // numbers given twice in the desa
}

func checkLetters(ctx context.Context, ownerURL string, desa tenancy.Kode, userID string, since int64) (letterCheck, error) {
	var c letterCheck
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return c, err
	}
	defer conn.Close(ctx)
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		lo, hi := desa.Range()
		if _, err := tx.Exec(ctx, "SELECT set_config('app.desa_min', $1, true), set_config('app.desa_max', $2, true)",
			strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM surat_keluar
			WHERE desa_id = $1 AND created_by = $2 AND created_at >= to_timestamp($3::double precision / 1e9)`,
			desa.ID(), userID, since).Scan(&c.rows); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM surat_keluar WHERE desa_id = $1
			GROUP BY lingkup, tahun, urut HAVING count(*) > 1 UNION ALL
			SELECT 1 FROM surat_keluar WHERE desa_id = $1 GROUP BY nomor HAVING count(*) > 1) d`, desa.ID()).Scan(&c.duplicates)
	})
	return c, err
}
