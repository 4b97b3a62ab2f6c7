package kalender

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/ngantor/ngantor/platform/civil"
)

// Baris is one holiday of the shipped lists.
type Baris struct {
	Tanggal civil.Date
	Jenis   Jenis
	Nama    string
}

//go:embed data/*.csv
var dataFS embed.FS

// Nasional is the shipped national list (libur nasional and cuti bersama,
// 2025–2026; data/SOURCE.md).
func Nasional() ([]Baris, error) {
	return readCSV("data/libur_nasional_cuti_bersama_2025_2026.csv", func(r []string) (Baris, error) {
		if len(r) < 5 {
			return Baris{}, fmt.Errorf("%d columns", len(r))
		}
		return Baris{Tanggal: civil.Date(r[0]), Jenis: Jenis(r[3]), Nama: r[4]}, nil
	})
}

// HariRayaBali is the shipped starting list of Bali's hari raya (2025–2027),
// offered to Bali's kabupaten as libur daerah to confirm.
func HariRayaBali() ([]Baris, error) {
	return readCSV("data/hari_raya_bali_2025_2027.csv", func(r []string) (Baris, error) {
		if len(r) < 4 {
			return Baris{}, fmt.Errorf("%d columns", len(r))
		}
		return Baris{Tanggal: civil.Date(r[0]), Jenis: LiburDaerah, Nama: r[3]}, nil
	})
}

func readCSV(name string, row func([]string) (Baris, error)) ([]Baris, error) {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(b))
	if _, err := r.Read(); err != nil { // header
		return nil, fmt.Errorf("kalender: %s: %w", name, err)
	}
	var out []Baris
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("kalender: %s: %w", name, err)
		}
		b, err := row(rec)
		if err == nil {
			if _, perr := civil.ParseDate(string(b.Tanggal)); perr != nil {
				err = perr
			} else if !b.Jenis.Valid() || b.Nama == "" {
				err = fmt.Errorf("jenis %q, nama %q", b.Jenis, b.Nama)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("kalender: %s line %d: %w", name, line, err)
		}
		out = append(out, b)
	}
}
