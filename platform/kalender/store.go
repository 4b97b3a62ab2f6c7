package kalender

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// HariLibur is one stored non-working day. WilayahKode is "" for a
// national day, a kabupaten's code for its libur daerah, a provinsi's code
// for a starting-list day its kabupaten may confirm.
type HariLibur struct {
	bun.BaseModel `bun:"table:hari_libur,alias:hl"`

	WilayahKode string     `bun:"wilayah_kode,pk" json:"wilayah_kode"`
	Tanggal     civil.Date `bun:"tanggal,pk" json:"tanggal"`
	Jenis       Jenis      `bun:"jenis" json:"jenis"`
	Nama        string     `bun:"nama" json:"nama"`
	Sumber      string     `bun:"sumber" json:"sumber"`
	CreatedBy   string     `bun:"created_by" json:"-"`
	CreatedAt   time.Time  `bun:"created_at" json:"created_at"`
}

// TahunDimuat records a year whose national list is loaded.
type TahunDimuat struct {
	bun.BaseModel `bun:"table:kalender_tahun,alias:kt"`

	Tahun     int       `bun:"tahun,pk" json:"tahun"`
	Sumber    string    `bun:"sumber" json:"sumber"`
	CreatedBy string    `bun:"created_by" json:"-"`
	CreatedAt time.Time `bun:"created_at" json:"created_at"`
}

// Sources of the shipped lists (data/SOURCE.md).
const (
	SumberSKB       = "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB (data: vacanza/holidays)"
	SumberKalender  = "Kalender Bali (data: kresnasatya/api-harilibur), menunggu penetapan admin kabupaten"
	provinsiBali    = "51"
	maxNama         = 200
	shippedCreateBy = "ngantor"
)

// Store keeps the calendar's days in the database.
type Store struct {
	db    *db.DB
	clock func() time.Time
}

// NewStore returns a Store on d; clock stamps created_at (time.Now when nil).
func NewStore(d *db.DB, clock func() time.Time) *Store {
	if clock == nil {
		clock = time.Now
	}
	return &Store{db: d, clock: clock}
}

// Seed loads the shipped lists: the national days of 2025–2026 with their
// years, and Bali's hari raya under the provinsi as a starting list. It
// adds what is missing and changes nothing an admin loaded or set.
func (s *Store) Seed(ctx context.Context) error {
	nasional, err := Nasional()
	if err != nil {
		return err
	}
	bali, err := HariRayaBali()
	if err != nil {
		return err
	}
	now := s.clock().UTC()
	var rows []HariLibur
	years := map[int]bool{}
	for _, b := range nasional {
		rows = append(rows, HariLibur{Tanggal: b.Tanggal, Jenis: b.Jenis, Nama: b.Nama, Sumber: SumberSKB,
			CreatedBy: shippedCreateBy, CreatedAt: now})
		years[b.Tanggal.Year()] = true
	}
	for _, b := range bali {
		rows = append(rows, HariLibur{WilayahKode: provinsiBali, Tanggal: b.Tanggal, Jenis: LiburDaerah, Nama: b.Nama,
			Sumber: SumberKalender, CreatedBy: shippedCreateBy, CreatedAt: now})
	}
	var tahun []TahunDimuat
	for y := range years {
		tahun = append(tahun, TahunDimuat{Tahun: y, Sumber: SumberSKB, CreatedBy: shippedCreateBy, CreatedAt: now})
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&rows).On("CONFLICT (wilayah_kode, tanggal) DO NOTHING").Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(&tahun).On("CONFLICT (tahun) DO NOTHING").Exec(ctx)
		return err
	})
}

// Kalender reads the calendar of the kabupaten of k (any wilayah inside
// it): the national days and the kabupaten's own libur daerah (a
// starting-list day counts only once the kabupaten has it).
func (s *Store) Kalender(ctx context.Context, k tenancy.Kode) (Kalender, error) {
	kab, err := kabupatenOf(k)
	if err != nil {
		return Kalender{}, err
	}
	var rows []HariLibur
	var tahun []int
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := tx.NewSelect().Model(&rows).Where("hl.wilayah_kode IN (?)", bun.In([]string{"", string(kab)})).
			Scan(ctx); err != nil {
			return err
		}
		return tx.NewSelect().Model((*TahunDimuat)(nil)).Column("tahun").Scan(ctx, &tahun)
	})
	if err != nil {
		return Kalender{}, err
	}
	libur := make(map[civil.Date]string, len(rows))
	for _, r := range rows {
		if prev, ok := libur[r.Tanggal]; ok && prev != r.Nama {
			libur[r.Tanggal] = prev + "; " + r.Nama // a national day that is also a libur daerah
			continue
		}
		libur[r.Tanggal] = r.Nama
	}
	return New(libur, tahun...), nil
}

// Daftar lists the days of one year as the admin of k's kabupaten sees
// them: national, the kabupaten's own, and the starting list of its
// provinsi not yet set for it.
func (s *Store) Daftar(ctx context.Context, k tenancy.Kode, tahun int) (nasional, daerah, usulan []HariLibur, err error) {
	kab, err := kabupatenOf(k)
	if err != nil {
		return nil, nil, nil, err
	}
	from, to := civil.Date(fmt.Sprintf("%04d-01-01", tahun)), civil.Date(fmt.Sprintf("%04d-12-31", tahun))
	var rows []HariLibur
	err = s.db.NewSelect().Model(&rows).
		Where("hl.wilayah_kode IN (?)", bun.In([]string{"", string(kab), string(kab.Up(tenancy.Provinsi))})).
		Where("hl.tanggal BETWEEN ? AND ?", from, to).Order("hl.tanggal", "hl.wilayah_kode").Scan(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	own := map[civil.Date]bool{}
	for _, r := range rows {
		if r.WilayahKode == string(kab) {
			own[r.Tanggal] = true
		}
	}
	for _, r := range rows {
		switch r.WilayahKode {
		case "":
			nasional = append(nasional, r)
		case string(kab):
			daerah = append(daerah, r)
		default:
			if !own[r.Tanggal] {
				usulan = append(usulan, r)
			}
		}
	}
	return nasional, daerah, usulan, nil
}

// MaxHariTahun bounds one year's national list: the SKB of 2025 named 27
// days, that of 2026 25; twice that is a list pasted wrong.
const MaxHariTahun = 60

// PeriksaTahun checks a year's national list as the SKB gives it, the one
// rule the API and the page share: the year 2000–2100, a source, 1 to
// MaxHariTahun days, each inside the year, a libur nasional or cuti
// bersama, named (1–200 characters, no control characters) and listed
// once. Fields are named sumber, tahun and hari[i].tanggal|jenis|nama.
func PeriksaTahun(tahun int, sumber string, days []Baris) error {
	if tahun < 2000 || tahun > 2100 {
		return fault.Field("tahun", "Tahun harus antara 2000 dan 2100.")
	}
	if err := validSumber(sumber, "Sebutkan dasar penetapannya (mis. nomor SKB), 1–200 karakter tanpa karakter kendali."); err != nil {
		return err
	}
	if len(days) == 0 {
		return fault.Field("hari", "Daftar hari libur tahun itu kosong.")
	}
	if len(days) > MaxHariTahun {
		return fault.Field("hari", "Daftar hari libur setahun paling banyak %d hari; yang dikirim %d.", MaxHariTahun, len(days))
	}
	var errs []*fault.Error
	seen := map[civil.Date]bool{}
	for i, d := range days {
		field := "hari[" + strconv.Itoa(i) + "]"
		if _, err := civil.ParseDate(string(d.Tanggal)); err != nil || d.Tanggal.Year() != tahun {
			errs = append(errs, fault.Field(field+".tanggal", "Hari ke-%d: tanggal %q harus tanggal yang sah di tahun %d (TTTT-BB-HH).", i+1, d.Tanggal, tahun))
		} else if seen[d.Tanggal] {
			errs = append(errs, fault.Field(field+".tanggal", "Hari ke-%d: tanggal %s tercantum dua kali.", i+1, d.Tanggal))
		}
		seen[d.Tanggal] = true
		if d.Jenis != LiburNasional && d.Jenis != CutiBersama {
			errs = append(errs, fault.Field(field+".jenis", "Hari ke-%d: jenis harus libur_nasional atau cuti_bersama.", i+1))
		}
		if err := validNama(field+".nama", d.Nama); err != nil {
			errs = append(errs, fault.Field(field+".nama", "Hari ke-%d: nama hari libur wajib, 1–200 karakter, tanpa karakter kendali.", i+1))
		}
	}
	if len(errs) > 0 {
		return fault.Invalids(errs)
	}
	return nil
}

// BacaDaftar reads a year's national list typed or pasted as lines of
// "tanggal,jenis,nama" (the name may hold commas; blank lines are
// skipped), for the page that loads a year. Its refusals name the field
// "hari".
func BacaDaftar(text string) ([]Baris, error) {
	var out []Baris
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		parts := strings.SplitN(line, ",", 3)
		if len(parts) != 3 {
			return nil, fault.Field("hari", "Baris %d: tulis tanggal,jenis,nama (mis. 2027-01-01,libur_nasional,Tahun Baru Masehi).", i+1)
		}
		if len(out) == MaxHariTahun {
			return nil, fault.Field("hari", "Daftar hari libur setahun paling banyak %d hari.", MaxHariTahun)
		}
		out = append(out, Baris{Tanggal: civil.Date(strings.TrimSpace(parts[0])), Jenis: Jenis(strings.TrimSpace(parts[1])),
			Nama: strings.TrimSpace(parts[2])})
	}
	return out, nil
}

// MuatTahun loads the national list of a year not loaded yet (its SKB
// published), checked by PeriksaTahun. A loaded year is fault.Conflict: the
// list is shared by every kabupaten, so one kabupaten's admin may add a
// missing year but not change another's answer. It enqueues TaskBerubah
// for every kabupaten (Perubahan.Kabupaten "") in the same transaction.
func (s *Store) MuatTahun(ctx context.Context, tahun int, days []Baris, sumber, by string) error {
	if err := PeriksaTahun(tahun, sumber, days); err != nil {
		return err
	}
	sumber = strings.TrimSpace(sumber)
	now := s.clock().UTC()
	rows := make([]HariLibur, 0, len(days))
	for _, d := range days {
		rows = append(rows, HariLibur{Tanggal: d.Tanggal, Jenis: d.Jenis, Nama: strings.TrimSpace(d.Nama), Sumber: sumber,
			CreatedBy: by, CreatedAt: now})
	}
	from, to := civil.Date(fmt.Sprintf("%04d-01-01", tahun)), civil.Date(fmt.Sprintf("%04d-12-31", tahun))
	loaded := fault.New(fault.Conflict, "Daftar libur nasional tahun %d sudah dimuat; daftar yang sudah dimuat tidak dapat diganti dari sini.", tahun)
	err := s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if ok, err := tx.NewSelect().Model((*TahunDimuat)(nil)).Where("tahun = ?", tahun).Exists(ctx); err != nil {
			return err
		} else if ok {
			return loaded
		}
		if _, err := tx.NewInsert().Model(&TahunDimuat{Tahun: tahun, Sumber: sumber, CreatedBy: by, CreatedAt: now}).
			Exec(ctx); err != nil {
			return err
		}
		// No national day of an unloaded year should exist; one left by
		// hand must not block the load.
		if _, err := tx.NewDelete().Model((*HariLibur)(nil)).Where("wilayah_kode = ''").
			Where("tanggal BETWEEN ? AND ?", from, to).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(&rows).Exec(ctx); err != nil {
			return err
		}
		return enqueueBerubah(ctx, tx, Perubahan{Tahun: tahun})
	})
	if db.IsUniqueViolation(err) {
		return loaded // loaded by another request meanwhile
	}
	return err
}

// TetapkanLiburDaerah makes tanggal a libur daerah of k's kabupaten (or
// renames it): how an admin confirms a day of the starting list, or adds a
// day of their own. It enqueues TaskBerubah for the kabupaten and the
// day's year in the same transaction.
func (s *Store) TetapkanLiburDaerah(ctx context.Context, k tenancy.Kode, tanggal civil.Date, nama, sumber, by string) error {
	kab, err := kabupatenOf(k)
	if err != nil {
		return err
	}
	if err := PeriksaLiburDaerah(tanggal, nama, sumber); err != nil {
		return err
	}
	row := HariLibur{WilayahKode: string(kab), Tanggal: tanggal, Jenis: LiburDaerah, Nama: strings.TrimSpace(nama),
		Sumber: strings.TrimSpace(sumber), CreatedBy: by, CreatedAt: s.clock().UTC()}
	return s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&row).On("CONFLICT (wilayah_kode, tanggal) DO UPDATE").
			Set("nama = EXCLUDED.nama, sumber = EXCLUDED.sumber, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at").
			Exec(ctx); err != nil {
			return err
		}
		return enqueueBerubah(ctx, tx, Perubahan{Kabupaten: kab, Tahun: tanggal.Year()})
	})
}

// PeriksaLiburDaerah checks a libur daerah as the API and the page take
// it: a real date in 2000–2100, a name (1–200 characters, no control
// characters) and its source.
func PeriksaLiburDaerah(tanggal civil.Date, nama, sumber string) error {
	var errs []*fault.Error
	if _, err := civil.ParseDate(string(tanggal)); err != nil || tanggal.Year() < 2000 || tanggal.Year() > 2100 {
		errs = append(errs, fault.Field("tanggal", "Tanggal tidak sah: tulis TTTT-BB-HH, tahun 2000–2100."))
	}
	if err := validNama("nama", nama); err != nil {
		errs = append(errs, err.(*fault.Error))
	}
	if err := validSumber(sumber, "Sebutkan dasar penetapannya (mis. surat edaran gubernur), 1–200 karakter tanpa karakter kendali."); err != nil {
		errs = append(errs, err.(*fault.Error))
	}
	if len(errs) > 0 {
		return fault.Invalids(errs)
	}
	return nil
}

// HapusLiburDaerah makes tanggal a working day again in k's kabupaten
// (national days are changed with MuatTahun only) and enqueues
// TaskBerubah in the same transaction.
func (s *Store) HapusLiburDaerah(ctx context.Context, k tenancy.Kode, tanggal civil.Date) error {
	kab, err := kabupatenOf(k)
	if err != nil {
		return err
	}
	if _, err := civil.ParseDate(string(tanggal)); err != nil {
		return fault.Field("tanggal", "Tanggal tidak sah: tulis TTTT-BB-HH.")
	}
	return s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewDelete().Model((*HariLibur)(nil)).Where("wilayah_kode = ?", string(kab)).
			Where("tanggal = ?", tanggal).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fault.New(fault.NotFound, "Tanggal %s bukan libur daerah kabupaten ini.", tanggal)
		}
		return enqueueBerubah(ctx, tx, Perubahan{Kabupaten: kab, Tahun: tanggal.Year()})
	})
}

func validSumber(sumber, msg string) error {
	sumber = strings.TrimSpace(sumber)
	if sumber == "" || utf8.RuneCountInString(sumber) > maxNama || strings.ContainsFunc(sumber, isControl) {
		return fault.Field("sumber", "%s", msg)
	}
	return nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

func validNama(field, nama string) error {
	nama = strings.TrimSpace(nama)
	if nama == "" || utf8.RuneCountInString(nama) > maxNama || strings.ContainsFunc(nama, isControl) {
		return fault.Field(field, "Nama hari libur wajib, 1–200 karakter, tanpa karakter kendali.")
	}
	return nil
}

// kabupatenOf is the kabupaten of a wilayah at or below that level.
func kabupatenOf(k tenancy.Kode) (tenancy.Kode, error) {
	if _, err := tenancy.ParseKode(string(k)); err != nil || k.Level() < tenancy.Kabupaten {
		return "", fault.Field("kabupaten", "Kalender kerja berlaku per kabupaten.")
	}
	return k.Up(tenancy.Kabupaten), nil
}
