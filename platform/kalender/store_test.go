package kalender_test

import (
	"context"
	"testing"
	"time"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/kalender"
)

const tabanan = "51.02"

func TestStoreSeedsLoadsAndMovesClocks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := kalender.NewStore(d, func() time.Time { return time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC) })
		for range 2 { // idempotent
			if err := s.Seed(ctx); err != nil {
				t.Fatal(err)
			}
		}
		k, err := s.Kalender(ctx, "51.02.06.2001") // a desa of Tabanan reads its kabupaten's calendar
		if err != nil {
			t.Fatal(err)
		}
		if got, p := k.Tambah("2026-03-17", 3); got != "2026-03-27" || p {
			t.Errorf("Nyepi 2026 from the store: %s perkiraan %v", got, p)
		}
		// Bali's starting list does not count until the kabupaten sets it.
		if got, _ := k.Tambah("2026-06-15", 3); got != "2026-06-19" {
			t.Errorf("before Galungan is set: %s", got)
		}
		nas, daerah, usulan, err := s.Daftar(ctx, tabanan, 2026)
		if err != nil || len(nas) != 25 || len(daerah) != 0 || len(usulan) != 7 {
			t.Fatalf("2026 for Tabanan: %d national, %d daerah, %d usulan, %v", len(nas), len(daerah), len(usulan), err)
		}
		for _, day := range []civil.Date{"2026-06-17", "2026-06-18"} {
			if err := s.TetapkanLiburDaerah(ctx, tabanan, day, "Galungan", "SE Gubernur Bali", "admin@tabanan.test"); err != nil {
				t.Fatal(err)
			}
		}
		k, _ = s.Kalender(ctx, tabanan)
		if got, _ := k.Tambah("2026-06-15", 3); got != "2026-06-23" {
			t.Errorf("a day set late moves the clock: %s, want 2026-06-23", got)
		}
		// Another kabupaten of Bali is not touched.
		if other, _ := s.Kalender(ctx, "51.03"); !other.HariKerja("2026-06-17") {
			t.Error("Tabanan's libur daerah reached Badung")
		}
		if _, _, usulan, _ := s.Daftar(ctx, tabanan, 2026); len(usulan) != 5 {
			t.Errorf("after setting two: %d usulan left, want 5", len(usulan))
		}
		if err := s.HapusLiburDaerah(ctx, tabanan, "2026-06-18"); err != nil {
			t.Fatal(err)
		}
		if err := s.HapusLiburDaerah(ctx, tabanan, "2026-06-18"); !fault.Is(err, fault.NotFound) {
			t.Errorf("removing twice: %v", err)
		}

		// 2027 is not shipped: an estimate until its SKB is loaded.
		k, _ = s.Kalender(ctx, tabanan)
		if got, p := k.Tambah("2026-12-23", 5); got != "2027-01-01" || !p {
			t.Errorf("into 2027 unloaded: %s perkiraan %v", got, p)
		}
		skb := []kalender.Baris{{Tanggal: "2027-01-01", Jenis: kalender.LiburNasional, Nama: "Tahun Baru Masehi"}}
		if err := s.MuatTahun(ctx, 2027, skb, "SKB 2027", "admin@tabanan.test"); err != nil {
			t.Fatal(err)
		}
		k, _ = s.Kalender(ctx, tabanan)
		if got, p := k.Tambah("2026-12-23", 5); got != "2027-01-04" || p {
			t.Errorf("2027 loaded: %s perkiraan %v, want 2027-01-04", got, p)
		}
		// A loaded year is not replaced: the list is every kabupaten's.
		err = s.MuatTahun(ctx, 2027, []kalender.Baris{{Tanggal: "2027-01-04", Jenis: kalender.CutiBersama, Nama: "Cuti"}}, "SKB 2027 (ubah)", "admin@badung.test")
		if !fault.Is(err, fault.Conflict) {
			t.Errorf("loading 2027 twice: %v, want a conflict", err)
		}
		k, _ = s.Kalender(ctx, tabanan)
		if got, _ := k.Tambah("2026-12-23", 5); got != "2027-01-04" {
			t.Errorf("after the refused change: %s, want 2027-01-04", got)
		}
		// Each change that committed enqueued one task, in its transaction.
		var tasks []struct {
			Payload string `bun:"payload"`
		}
		if err := d.NewSelect().Table("job_outbox").Column("payload").Where("task_type = ?", kalender.TaskBerubah).
			Order("id").Scan(ctx, &tasks); err != nil {
			t.Fatal(err)
		}
		want := []string{`{"kabupaten":"51.02","tahun":2026}`, `{"kabupaten":"51.02","tahun":2026}`,
			`{"kabupaten":"51.02","tahun":2026}`, `{"kabupaten":"","tahun":2027}`}
		if len(tasks) != len(want) {
			t.Fatalf("%d %s tasks, want %d: %v", len(tasks), kalender.TaskBerubah, len(want), tasks)
		}
		for i, w := range want {
			if tasks[i].Payload != w {
				t.Errorf("task %d: %s, want %s", i, tasks[i].Payload, w)
			}
		}
	})
}

func TestStoreRefusesBadInput(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	s := kalender.NewStore(d, nil)
	for name, err := range map[string]error{
		"day outside the year":              s.MuatTahun(ctx, 2027, []kalender.Baris{{Tanggal: "2026-12-31", Jenis: kalender.LiburNasional, Nama: "x"}}, "SKB", "a"),
		"libur daerah in the national list": s.MuatTahun(ctx, 2027, []kalender.Baris{{Tanggal: "2027-01-01", Jenis: kalender.LiburDaerah, Nama: "x"}}, "SKB", "a"),
		"61 days":                           s.MuatTahun(ctx, 2027, sixtyOne(), "SKB", "a"),
		"twice the same day": s.MuatTahun(ctx, 2027, []kalender.Baris{{Tanggal: "2027-01-01", Jenis: kalender.LiburNasional, Nama: "a"},
			{Tanggal: "2027-01-01", Jenis: kalender.CutiBersama, Nama: "b"}}, "SKB", "a"),
		"no source":         s.MuatTahun(ctx, 2027, []kalender.Baris{{Tanggal: "2027-01-01", Jenis: kalender.LiburNasional, Nama: "a"}}, " ", "a"),
		"empty list":        s.MuatTahun(ctx, 2027, nil, "SKB", "a"),
		"year out of range": s.MuatTahun(ctx, 1999, nil, "SKB", "a"),
		"control character": s.TetapkanLiburDaerah(ctx, tabanan, "2027-01-02", "Galungan\x00", "SE", "a"),
		"bad date":          s.TetapkanLiburDaerah(ctx, tabanan, "2027-02-30", "Galungan", "SE", "a"),
		"a provinsi":        s.TetapkanLiburDaerah(ctx, "51", "2027-01-02", "Galungan", "SE", "a"),
		"not a kode":        s.TetapkanLiburDaerah(ctx, "51.xx", "2027-01-02", "Galungan", "SE", "a"),
	} {
		if msgs := fault.FieldMessages(err); len(msgs) == 0 {
			t.Errorf("%s: %v, want a field error", name, err)
		}
	}
	var n int
	if err := d.NewRaw("SELECT count(*) FROM hari_libur").Scan(ctx, &n); err != nil || n != 0 {
		t.Errorf("refused input left %d rows (%v)", n, err)
	}
}

func sixtyOne() []kalender.Baris {
	out := make([]kalender.Baris, 61)
	for i := range out {
		out[i] = kalender.Baris{Tanggal: civil.Date("2027-01-01").AddDate(0, 0, i), Jenis: kalender.CutiBersama, Nama: "Cuti"}
	}
	return out
}

func TestBacaDaftarReadsLinesForPeriksaTahun(t *testing.T) {
	got, err := kalender.BacaDaftar("2027-01-01,libur_nasional,Tahun Baru Masehi\r\n\n 2027-03-09 , cuti_bersama , Cuti, Nyepi \n")
	want := []kalender.Baris{{Tanggal: "2027-01-01", Jenis: kalender.LiburNasional, Nama: "Tahun Baru Masehi"},
		{Tanggal: "2027-03-09", Jenis: kalender.CutiBersama, Nama: "Cuti, Nyepi"}}
	if err != nil || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("BacaDaftar = %v, %v", got, err)
	}
	if err := kalender.PeriksaTahun(2027, "SKB", got); err != nil {
		t.Errorf("a good list refused: %v", err)
	}
	if _, err := kalender.BacaDaftar("2027-01-01 libur_nasional"); fault.FieldMessages(err)["hari"] == "" {
		t.Errorf("a line without commas: %v", err)
	}
	for name, c := range map[string]struct {
		days  []kalender.Baris
		field string
	}{
		"outside the year": {[]kalender.Baris{{Tanggal: "2026-12-31", Jenis: kalender.LiburNasional, Nama: "x"}}, "hari[0].tanggal"},
		"bad jenis":        {[]kalender.Baris{{Tanggal: "2027-01-01", Jenis: "libur", Nama: "x"}}, "hari[0].jenis"},
		"control char":     {[]kalender.Baris{{Tanggal: "2027-01-01", Jenis: kalender.LiburNasional, Nama: "a\tb"}}, "hari[0].nama"},
		"61 days":          {sixtyOne(), "hari"},
	} {
		if msg := fault.FieldMessages(kalender.PeriksaTahun(2027, "SKB", c.days))[c.field]; msg == "" {
			t.Errorf("%s: no message on %s", name, c.field)
		}
	}
}
