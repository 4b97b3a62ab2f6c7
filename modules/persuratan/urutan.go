package persuratan

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
)

// A desa that moves to ngantor mid-year has already written numbers on
// paper: its sequences must go on from there, not restart at 1. The start
// of a sequence is set per year; it may not fall on or below a number the
// register already gave (that would print a number twice), and a number
// set aside this way and never used stays a visible gap in the book, as it
// is on paper.

// UrutanTahun is one numbering sequence of a year.
type UrutanTahun struct {
	Lingkup    string `json:"lingkup" doc:"keluar, masuk, agenda (keluar dan masuk bersama) atau keluar:<jenis>" example:"keluar"`
	Label      string `json:"label" example:"Surat keluar"`
	Terakhir   int64  `json:"terakhir" doc:"Nomor terakhir yang sudah diberikan atau disisihkan; 0 bila belum ada"`
	Berikutnya int64  `json:"berikutnya" doc:"Nomor urut surat berikutnya"`
	Contoh     string `json:"contoh,omitempty" doc:"Nomor surat keluar berikutnya menurut format sekarang, dengan kode klasifikasi contoh"`
}

// DaftarUrutan is the sequences of a year under the policy that year
// numbers by.
type DaftarUrutan struct {
	Tahun     int           `json:"tahun"`
	Kebijakan Kebijakan     `json:"kebijakan"`
	Tetap     bool          `json:"tetap" doc:"Urutan tahun ini sudah dimulai; kebijakannya tidak berubah lagi"`
	Urutan    []UrutanTahun `json:"urutan"`
}

// UrutanMulai sets where a sequence of a year starts.
type UrutanMulai struct {
	Tahun   int    `json:"tahun" minimum:"2000" maximum:"9999" example:"2026"`
	Lingkup string `json:"lingkup" maxLength:"60" doc:"Urutan yang diatur (lihat GET urutan)" example:"keluar"`
	Mulai   int64  `json:"mulai" minimum:"1" maximum:"999999" doc:"Nomor urut surat berikutnya" example:"58"`
}

// contohKlasifikasi is the code a preview number shows.
const contohKlasifikasi = "000.1"

// lingkupTahun are the sequences policy k keeps, with their labels.
func lingkupTahun(k Kebijakan) []UrutanTahun {
	switch k {
	case KebijakanBersama:
		return []UrutanTahun{{Lingkup: "agenda", Label: "Surat keluar dan surat masuk (satu urutan)"}}
	case KebijakanJenis:
		var out []UrutanTahun
		for _, j := range jenisDinas {
			out = append(out, UrutanTahun{Lingkup: k.lingkupKeluar(j.Kode), Label: "Surat keluar: " + j.Judul})
		}
		for _, j := range jenisLayanan {
			out = append(out, UrutanTahun{Lingkup: k.lingkupKeluar(j.Kode), Label: "Surat keluar: " + j.Judul})
		}
		return append(out, UrutanTahun{Lingkup: "masuk", Label: "Surat masuk (nomor agenda)"})
	}
	return []UrutanTahun{{Lingkup: "keluar", Label: "Surat keluar"}, {Lingkup: "masuk", Label: "Surat masuk (nomor agenda)"}}
}

// Urutan lists the sequences of year tahun of the desa in ctx.
func (m *Module) Urutan(ctx context.Context, tahun int) (DaftarUrutan, error) {
	desa, desaID, err := desaOf(ctx)
	if err != nil {
		return DaftarUrutan{}, err
	}
	if tahun == 0 {
		tahun = m.today(desa).Year()
	}
	var p valid.Problems
	p.Int("query.tahun", "Tahun", int64(tahun), int64(tanggalAwal.Year()), int64(m.today(desa).Year()+1))
	if err := p.Err(); err != nil {
		return DaftarUrutan{}, err
	}
	var out DaftarUrutan
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		set, err := loadPengaturan(ctx, tx, desa)
		if err != nil {
			return err
		}
		out, err = daftarUrutan(ctx, tx, desaID, tahun, set, m.today(desa))
		return err
	})
	return out, err
}

func daftarUrutan(ctx context.Context, tx bun.Tx, desaID int64, tahun int, set Pengaturan, today Tanggal) (DaftarUrutan, error) {
	out := DaftarUrutan{Tahun: tahun, Kebijakan: set.Kebijakan}
	var fixed Kebijakan
	err := tx.QueryRowContext(ctx, `SELECT kebijakan FROM surat_tahun WHERE desa_id = ? AND tahun = ?`, desaID, tahun).Scan(&fixed)
	switch {
	case err == nil:
		out.Kebijakan, out.Tetap = fixed, true
	case !errors.Is(err, sql.ErrNoRows):
		return DaftarUrutan{}, err
	}
	f, ferr := ParseFormat(set.Format)
	// The example is dated in the year shown: today if it is this year,
	// otherwise its last day.
	tanggal := today
	if tanggal.Year() != tahun {
		tanggal = Tanggal(fmt.Sprintf("%04d-12-31", tahun))
	}
	for _, u := range lingkupTahun(out.Kebijakan) {
		last, err := terakhir(ctx, tx, desaID, u.Lingkup, tahun)
		if err != nil {
			return DaftarUrutan{}, err
		}
		used, err := usedUrut(ctx, tx, desaID, u.Lingkup, tahun)
		if err != nil {
			return DaftarUrutan{}, err
		}
		u.Terakhir = max(last, used)
		u.Berikutnya = u.Terakhir + 1
		if ferr == nil && u.Lingkup != "masuk" {
			jenis, _ := strings.CutPrefix(u.Lingkup, "keluar:")
			if !strings.HasPrefix(u.Lingkup, "keluar:") {
				jenis = JenisUmum
			}
			u.Contoh = f.Render(NomorFields{Kode: contohKlasifikasi, Urut: u.Berikutnya, KodeDesa: set.KodeDesa,
				Tanggal: tanggal, Jenis: jenisSingkatan(jenis)})
		}
		out.Urutan = append(out.Urutan, u)
	}
	return out, nil
}

// terakhir is the counter of a sequence, 0 before its first number.
func terakhir(ctx context.Context, tx bun.Tx, desaID int64, lingkup string, tahun int) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT terakhir FROM surat_urutan WHERE desa_id = ? AND lingkup = ? AND tahun = ?`,
		desaID, lingkup, tahun).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// SetUrutanMulai makes in.Mulai the next number of a sequence. Setting it
// starts the year: its policy is fixed from then on, as at its first
// letter, so the start cannot land on a sequence the year will not use.
func (m *Module) SetUrutanMulai(ctx context.Context, in UrutanMulai, by string) (DaftarUrutan, error) {
	desa, desaID, err := desaOf(ctx)
	if err != nil {
		return DaftarUrutan{}, err
	}
	in.Lingkup = strings.TrimSpace(in.Lingkup)
	today := m.today(desa)
	var p valid.Problems
	p.Int("body.tahun", "Tahun", int64(in.Tahun), int64(tanggalAwal.Year()), int64(today.Year()+1))
	p.Int("body.mulai", "Nomor awal", in.Mulai, 1, 999999)
	if err := p.Err(); err != nil {
		return DaftarUrutan{}, err
	}
	var out DaftarUrutan
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		set, err := loadPengaturan(ctx, tx, desa)
		if err != nil {
			return err
		}
		cur, err := daftarUrutan(ctx, tx, desaID, in.Tahun, set, today)
		if err != nil {
			return err
		}
		var u *UrutanTahun
		for i := range cur.Urutan {
			if cur.Urutan[i].Lingkup == in.Lingkup {
				u = &cur.Urutan[i]
			}
		}
		if u == nil {
			return fault.Field("body.lingkup", "urutan “%s” tidak dipakai tahun %d (urutan %s)", in.Lingkup, in.Tahun, string(cur.Kebijakan))
		}
		used, err := usedUrut(ctx, tx, desaID, in.Lingkup, in.Tahun)
		if err != nil {
			return err
		}
		if in.Mulai <= used {
			return fault.Field("body.mulai", "nomor %s sudah diberikan tahun %d; nomor awal harus lebih dari %s",
				valid.Angka(used), in.Tahun, valid.Angka(used))
		}
		if _, err := kebijakanTahun(ctx, tx, desaID, in.Tahun, cur.Kebijakan); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO surat_urutan (desa_id, lingkup, tahun, terakhir) VALUES (?, ?, ?, ?)
			ON CONFLICT (desa_id, lingkup, tahun) DO UPDATE SET terakhir = EXCLUDED.terakhir`,
			desaID, in.Lingkup, in.Tahun, in.Mulai-1); err != nil {
			return err
		}
		out, err = daftarUrutan(ctx, tx, desaID, in.Tahun, set, today)
		return err
	})
	return out, err
}

// Pratinjau is the next surat keluar number settings p would give today,
// checked as SetPengaturan checks them, without saving anything.
func (m *Module) Pratinjau(ctx context.Context, p Pengaturan) (string, error) {
	desa, desaID, err := desaOf(ctx)
	if err != nil {
		return "", err
	}
	f, err := p.Validate()
	if err != nil {
		return "", err
	}
	today := m.today(desa)
	var contoh string
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		d, err := daftarUrutan(ctx, tx, desaID, today.Year(), p, today)
		if err != nil {
			return err
		}
		if d.Tetap && d.Kebijakan != p.Kebijakan {
			return fault.New(fault.Conflict, "urutan nomor hanya dapat diubah sebelum surat pertama tahun ini diberi nomor")
		}
		lingkup := d.Kebijakan.lingkupKeluar(JenisUmum)
		for _, u := range d.Urutan {
			if u.Lingkup == lingkup {
				contoh = f.Render(NomorFields{Kode: contohKlasifikasi, Urut: u.Berikutnya, KodeDesa: p.KodeDesa,
					Tanggal: today, Jenis: jenisSingkatan(JenisUmum)})
			}
		}
		return nil
	})
	return contoh, err
}
