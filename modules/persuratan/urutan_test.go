package persuratan_test

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/migrations"
	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/page"
)

// A desa switches its sequence policy back and forth (allowed: this year
// has no number yet) and keeps entering letters dated last year. Every
// backdated letter continues last year's own sequence: no number repeats,
// none is skipped. Before, each switch restarted last year at 001.
func TestPolicySwitchesNeverRepeatABackdatedYearsNumbers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		keluar := func(tanggal persuratan.Tanggal, kode string) persuratan.SuratKeluar {
			t.Helper()
			s, err := m.CreateKeluar(ctx, persuratan.SuratKeluarBaru{Tanggal: tanggal, Klasifikasi: kode, Tujuan: "BPD", Perihal: "Undangan"}, "u")
			if err != nil {
				t.Fatalf("letter of %s: %v", tanggal, err)
			}
			return s
		}
		masuk := func(terima persuratan.Tanggal, nomor string) persuratan.SuratMasuk {
			t.Helper()
			s, err := m.CreateMasuk(ctx, persuratan.SuratMasukBaru{TanggalTerima: terima, NomorSurat: nomor, TanggalSurat: terima,
				Pengirim: "Camat Kediri", Perihal: "Rapat", Klasifikasi: "100.2"}, "u")
			if err != nil {
				t.Fatalf("surat masuk of %s: %v", terima, err)
			}
			return s
		}
		policy := func(k persuratan.Kebijakan, format string) {
			t.Helper()
			if _, err := m.SetPengaturan(ctx, persuratan.Pengaturan{Format: format, Kebijakan: k, KodeDesa: "2001"}, "u"); err != nil {
				t.Fatalf("switch to %s: %v", k, err)
			}
		}
		// 2025 is numbered under the default policy (one sequence per register).
		keluar("2025-11-20", "000.1")
		masuk("2025-11-21", "100/1")
		policy(persuratan.KebijakanBersama, persuratan.DefaultFormat)
		keluar("2025-12-01", "400.12.2")
		masuk("2025-12-02", "100/2")
		policy(persuratan.KebijakanJenis, "{jenis}/{nomor:3}/{kode_desa}/{tahun}")
		keluar("2025-12-03", "000.1")
		if _, err := m.IssueLayananOn(ctx, domisili("Ni Luh Ayu", "5102064107900001"), "2025-12-04", "u"); err != nil {
			t.Fatal(err)
		}
		policy(persuratan.KebijakanRegister, persuratan.DefaultFormat)
		keluar("2025-12-05", "000.1")
		// This year takes the policy in force now, and keeps it.
		keluar("2026-03-01", "000.1")
		policy(persuratan.KebijakanRegister, persuratan.DefaultFormat)

		p, err := m.ListKeluar(ctx, persuratan.ListQuery{Params: page.Params{Limit: 100}, Tahun: 2025})
		if err != nil {
			t.Fatal(err)
		}
		var urut []int64
		nomor := map[string]bool{}
		for _, s := range p.Items {
			urut = append(urut, s.Urut)
			nomor[s.Nomor] = true
		}
		slices.Sort(urut)
		if want := []int64{1, 2, 3, 4, 5}; !slices.Equal(urut, want) {
			t.Fatalf("2025 surat keluar numbered %v, want %v: one sequence, no repeat, no gap", urut, want)
		}
		if len(nomor) != len(p.Items) {
			t.Fatalf("2025 numbers repeat: %v", nomor)
		}
		pm, err := m.ListMasuk(ctx, persuratan.ListQuery{Params: page.Params{Limit: 100}, Tahun: 2025})
		if err != nil {
			t.Fatal(err)
		}
		var agenda []int64
		for _, s := range pm.Items {
			agenda = append(agenda, s.NomorAgenda)
		}
		slices.Sort(agenda)
		if !slices.Equal(agenda, []int64{1, 2}) {
			t.Fatalf("2025 agenda numbers %v, want [1 2]", agenda)
		}
	})
}

// The database itself refuses a second letter with a number its register
// already holds that year, whatever sequence name the row claims, and a
// surat masuk registered twice.
func TestDatabaseRefusesDuplicateNumbers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		s, err := m.CreateKeluar(ctx, persuratan.SuratKeluarBaru{Tanggal: "2025-11-20", Klasifikasi: "000.1", Tujuan: "BPD", Perihal: "Undangan"}, "u")
		if err != nil {
			t.Fatal(err)
		}
		in, err := m.CreateMasuk(ctx, persuratan.SuratMasukBaru{TanggalTerima: "2025-11-21", NomorSurat: "100/7", TanggalSurat: "2025-11-20",
			Pengirim: "Camat Kediri", Perihal: "Rapat", Klasifikasi: "100.2"}, "u")
		if err != nil {
			t.Fatal(err)
		}
		dup := s
		dup.ID, dup.Lingkup, dup.Nomor = "0190f3c2-0000-7000-8000-000000000001", "agenda", "400.12.2/001/2001/XII/2025"
		dupMasuk := in
		dupMasuk.ID, dupMasuk.NomorAgenda = "0190f3c2-0000-7000-8000-000000000002", 99
		sameAgenda := in
		sameAgenda.ID, sameAgenda.NomorSurat, sameAgenda.Lingkup = "0190f3c2-0000-7000-8000-000000000003", "100/8", "agenda"
		for name, row := range map[string]any{
			"surat keluar, same register, year and number": &dup,
			"surat masuk, same nomor and pengirim":         &dupMasuk,
			"surat masuk, same agenda number and year":     &sameAgenda,
		} {
			err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
				_, err := tx.NewInsert().Model(row).Exec(ctx)
				return err
			})
			if !db.IsUniqueViolation(err) {
				t.Errorf("%s: insert gave %v, want a unique violation", name, err)
			}
		}
	})
}

// Existing data migrates: a database that already holds the old defect's
// duplicates (and a surat masuk registered twice) takes the new migrations,
// keeps every letter and number, and numbers the next backdated letter of
// that year above all of them.
func TestMigrationKeepsLettersNumberedBeforeAndContinuesAboveThem(t *testing.T) {
	migs, err := db.LoadMigrations(migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	cut := slices.IndexFunc(migs, func(m db.Migration) bool { return m.Version == "202612010201" })
	if cut < 0 {
		t.Fatal("migration 202612010201 not found")
	}
	run := func(t *testing.T, owner, app *db.DB) {
		ctx := context.Background()
		up := func(ms []db.Migration) {
			t.Helper()
			if _, err := (&db.Migrator{DB: owner, Migrations: ms, AppRole: dbtest.AppRole}).Up(ctx); err != nil {
				t.Fatal(err)
			}
		}
		up(migs[:cut])
		desa := bengkel.ID()
		at := time.Date(2025, 12, 1, 2, 0, 0, 0, time.UTC)
		kop := `{"kabupaten":"Kabupaten Tabanan","kecamatan":"Kediri","desa":"Bengkel"}`
		err := owner.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, owner.Engine, tx, desa, desa); err != nil {
				return err
			}
			for i, r := range []struct {
				lingkup string
				urut    int
			}{{"keluar", 1}, {"keluar", 2}, {"agenda", 1}} { // the old defect: 001 twice
				_, err := tx.ExecContext(ctx, `INSERT INTO surat_keluar (desa_id, id, tahun, lingkup, urut, nomor, tanggal, jenis,
					klasifikasi_kode, klasifikasi_uraian, tujuan, perihal, penandatangan_nama, penandatangan_jabatan, kop, created_by, created_at)
					VALUES (?, ?, 2025, ?, ?, ?, '2025-11-0`+fmt.Sprint(i+1)+`', 'umum', '000.1', 'Umum', 'BPD', 'Undangan', 'X', 'Perbekel', ?, 'u', ?)`,
					desa, fmt.Sprintf("0190f3c2-0000-7000-8000-00000000001%d", i), r.lingkup, r.urut,
					fmt.Sprintf("000.1/%03d/2001/XI/2025-%d", r.urut, i), kop, at.Add(time.Duration(i)*time.Minute))
				if err != nil {
					return err
				}
			}
			for i := range 2 { // one letter registered twice
				_, err := tx.ExecContext(ctx, `INSERT INTO surat_masuk (desa_id, id, tahun, lingkup, nomor_agenda, tanggal_terima, nomor_surat,
					tanggal_surat, pengirim, perihal, klasifikasi_kode, klasifikasi_uraian, created_by, created_at)
					VALUES (?, ?, 2025, 'masuk', ?, '2025-11-10', '100/7', '2025-11-09', 'Camat Kediri', 'Rapat', '100.2', 'Rapat', 'u', ?)`,
					desa, fmt.Sprintf("0190f3c2-0000-7000-8000-00000000002%d", i), i+1, at.Add(time.Duration(i)*time.Minute))
				if err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO surat_urutan (desa_id, lingkup, tahun, terakhir) VALUES (?, 'keluar', 2025, 2), (?, 'agenda', 2025, 1), (?, 'masuk', 2025, 2)`, desa, desa, desa)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		up(migs)

		m := newModule(t, app)
		ctx = desaCtx(bengkel)
		p, err := m.ListKeluar(ctx, persuratan.ListQuery{Params: page.Params{Limit: 100}})
		if err != nil || len(p.Items) != 3 {
			t.Fatalf("after migrating: %d letters (%v), want the 3 of before", len(p.Items), err)
		}
		s, err := m.CreateKeluar(ctx, persuratan.SuratKeluarBaru{Tanggal: "2025-12-20", Klasifikasi: "000.1", Tujuan: "BPD", Perihal: "Undangan"}, "u")
		if err != nil {
			t.Fatal(err)
		}
		if s.Urut != 3 {
			t.Fatalf("next 2025 letter numbered %d, want 3 (above every number the year holds)", s.Urut)
		}
		in, err := m.CreateMasuk(ctx, persuratan.SuratMasukBaru{TanggalTerima: "2025-12-21", NomorSurat: "100/9", TanggalSurat: "2025-12-20",
			Pengirim: "Camat Kediri", Perihal: "Rapat", Klasifikasi: "100.2"}, "u")
		// 2025 shows a shared "agenda" sequence, so it goes on as one
		// buku agenda for both registers: 4 follows surat keluar 3.
		if err != nil || in.NomorAgenda != 4 {
			t.Fatalf("next 2025 surat masuk: %+v %v, want agenda 4", in.NomorAgenda, err)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		d, err := db.Open(context.Background(), "sqlite://"+filepath.Join(t.TempDir(), "old.db"), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		run(t, d, d)
	})
	t.Run("postgres", func(t *testing.T) {
		ownerURL, appURL := dbtest.NewPostgresDatabase(t)
		owner, err := db.Open(context.Background(), ownerURL, db.Options{MaxConns: 4})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { owner.Close() })
		app, err := db.Open(context.Background(), appURL, db.Options{MaxConns: 4})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { app.Close() })
		if u, _ := url.Parse(appURL); !strings.Contains(u.User.String(), dbtest.AppRole) {
			t.Fatal("app URL does not connect as the runtime role")
		}
		run(t, owner, app)
	})
}
