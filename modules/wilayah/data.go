package wilayah

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// data holds the official region list. SOURCE.md is embedded with the CSV
// files because the MIT licence of cahyadsn/wilayah asks that its notice
// travel with every copy, and the binary is one.
//
//go:embed data/wilayah.csv data/kabupaten.csv data/SOURCE.md
var data embed.FS

// SourceNotice is the provenance and licence notice of the region data, for
// an "about" page or `ngantor seed --help`.
func SourceNotice() string {
	b, _ := data.ReadFile("data/SOURCE.md")
	return string(b)
}

// dataset is the parsed region list, in code order (parents first).
type dataset struct {
	rows []Wilayah
}

// loadDataset parses the embedded CSV files. They are checked here rather
// than trusted: a code in the wrong format, a tier that contradicts the code
// or an orphan row would otherwise surface as a foreign-key failure halfway
// through a seed.
func loadDataset() (*dataset, error) {
	rows, err := readWilayah()
	if err != nil {
		return nil, err
	}
	if err := addStatistics(rows); err != nil {
		return nil, err
	}
	return &dataset{rows: rows}, nil
}

func readWilayah() ([]Wilayah, error) {
	f, err := data.Open("data/wilayah.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = 3
	r.ReuseRecord = true
	if err := expectHeader(r, "wilayah.csv", "kode", "nama", "tingkat"); err != nil {
		return nil, err
	}
	rows := make([]Wilayah, 0, 92_000)
	seen := make(map[tenancy.Kode]bool, 92_000)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("wilayah.csv: %w", err)
		}
		k, err := tenancy.ParseKode(rec[0])
		if err != nil {
			return nil, fmt.Errorf("wilayah.csv: %w", err)
		}
		w := Wilayah{Kode: k, ID: k.ID(), ParentKode: k.Parent(), Nama: rec[1], Tingkat: rec[2]}
		if want := tingkatOf(k, w.Tingkat); want != w.Tingkat {
			return nil, fmt.Errorf("wilayah.csv: %s is %q, its code says %q", k, w.Tingkat, want)
		}
		if w.ParentKode != "" && !seen[w.ParentKode] {
			return nil, fmt.Errorf("wilayah.csv: %s comes before its parent or has none", k)
		}
		if seen[k] {
			return nil, fmt.Errorf("wilayah.csv: %s twice", k)
		}
		seen[k] = true
		rows = append(rows, w)
	}
	return rows, nil
}

// tingkatOf is the tier a code must have. Kabupaten and kota share a level;
// the file's word is kept when it is one of the two.
func tingkatOf(k tenancy.Kode, written string) string {
	switch k.Level() {
	case tenancy.Provinsi:
		return TingkatProvinsi
	case tenancy.Kabupaten:
		if written == TingkatKota {
			return TingkatKota
		}
		return TingkatKabupaten
	case tenancy.Kecamatan:
		return TingkatKecamatan
	}
	if k.IsDesa() {
		return TingkatDesa
	}
	return TingkatKelurahan
}

// addStatistics fills population and area from kabupaten.csv.
func addStatistics(rows []Wilayah) error {
	f, err := data.Open("data/kabupaten.csv")
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = 7
	if err := expectHeader(r, "kabupaten.csv", "kode", "nama", "tingkat",
		"penduduk_laki", "penduduk_perempuan", "penduduk_total", "luas_km2"); err != nil {
		return err
	}
	index := make(map[tenancy.Kode]int, 600)
	for i, w := range rows {
		if w.Kode.Level() <= tenancy.Kabupaten {
			index[w.Kode] = i
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("kabupaten.csv: %w", err)
		}
		i, found := index[tenancy.Kode(rec[0])]
		if !found {
			return fmt.Errorf("kabupaten.csv: %s is not a provinsi or kabupaten/kota of wilayah.csv", rec[0])
		}
		w := &rows[i]
		if w.PendudukLaki, err = optionalInt(rec[3]); err != nil {
			return fmt.Errorf("kabupaten.csv %s: %w", rec[0], err)
		}
		if w.PendudukPerempuan, err = optionalInt(rec[4]); err != nil {
			return fmt.Errorf("kabupaten.csv %s: %w", rec[0], err)
		}
		if w.PendudukTotal, err = optionalInt(rec[5]); err != nil {
			return fmt.Errorf("kabupaten.csv %s: %w", rec[0], err)
		}
		if rec[6] != "" {
			v, err := strconv.ParseFloat(rec[6], 64)
			if err != nil {
				return fmt.Errorf("kabupaten.csv %s: %w", rec[0], err)
			}
			w.LuasKm2 = &v
		}
	}
}

func optionalInt(s string) (*int64, error) {
	if s == "" {
		return nil, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

func expectHeader(r *csv.Reader, file string, want ...string) error {
	got, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", file, err)
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("%s: header %v, want %v", file, got, want)
	}
	return nil
}
