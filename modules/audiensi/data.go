package audiensi

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"strconv"
)

//go:embed data/*.csv
var dataFS embed.FS

// Tingkat is a resolution tier: how many working days an audiensi of its
// categories may take from receipt to selesai (data/tingkat.csv).
type Tingkat struct {
	Tingkat    int    `json:"tingkat"`
	Nama       string `json:"nama"`
	HariKerja  int    `json:"hari_kerja"`
	Keterangan string `json:"keterangan"`
}

// Kategori is what an audiensi is about, with its tier and the OPD that
// usually handles it (its code in the opd registry; "" when the verifier
// chooses) (data/kategori.csv).
type Kategori struct {
	Kode      string `json:"kode"`
	Nama      string `json:"nama"`
	Tingkat   int    `json:"tingkat"`
	HariKerja int    `json:"hari_kerja"`
	OPDKode   string `json:"opd_kode,omitempty"`
}

// Referensi is the module's shipped data, parsed once by New.
type Referensi struct {
	Tingkat  []Tingkat
	Kategori []Kategori
	byKode   map[string]Kategori
}

// KategoriOf finds a category by its code.
func (r Referensi) KategoriOf(kode string) (Kategori, bool) {
	k, ok := r.byKode[kode]
	return k, ok
}

func readRows(name string, cols int) ([][]string, error) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("audiensi: %s: %w", name, err)
	}
	if len(rows) < 2 || len(rows[0]) != cols {
		return nil, fmt.Errorf("audiensi: %s: unexpected header", name)
	}
	return rows[1:], nil
}

// LoadReferensi parses the shipped tiers and categories; a broken file is
// a build defect (tests read it).
func LoadReferensi() (Referensi, error) {
	var r Referensi
	rows, err := readRows("tingkat.csv", 4)
	if err != nil {
		return r, err
	}
	hari := map[int]int{}
	for _, row := range rows {
		t, err1 := strconv.Atoi(row[0])
		h, err2 := strconv.Atoi(row[2])
		if err1 != nil || err2 != nil || h < 1 || h > 365 {
			return r, fmt.Errorf("audiensi: tingkat.csv: bad row %v", row)
		}
		hari[t] = h
		r.Tingkat = append(r.Tingkat, Tingkat{Tingkat: t, Nama: row[1], HariKerja: h, Keterangan: row[3]})
	}
	if rows, err = readRows("kategori.csv", 4); err != nil {
		return r, err
	}
	r.byKode = map[string]Kategori{}
	for _, row := range rows {
		t, err := strconv.Atoi(row[2])
		if err != nil || hari[t] == 0 || row[0] == "" || row[1] == "" {
			return r, fmt.Errorf("audiensi: kategori.csv: bad row %v", row)
		}
		if _, dup := r.byKode[row[0]]; dup {
			return r, fmt.Errorf("audiensi: kategori.csv: %s twice", row[0])
		}
		k := Kategori{Kode: row[0], Nama: row[1], Tingkat: t, HariKerja: hari[t], OPDKode: row[3]}
		r.byKode[k.Kode] = k
		r.Kategori = append(r.Kategori, k)
	}
	return r, nil
}
