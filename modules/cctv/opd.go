package cctv

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// OPD is a perangkat daerah a camera's live link may be opened by.
type OPD struct {
	Kode string `json:"kode" example:"SATPOLPP"`
	Nama string `json:"nama"`
}

//go:embed data/perangkat_daerah_tabanan_2023.csv
var opdCSV []byte

// opdDaftar is the OPD list, parsed once at start; a broken shipped file
// is a build defect and fails the first call loudly (tests read it).
var opdDaftar, opdErr = parseOPD(opdCSV)

// DaftarOPD lists the OPD an access list may name, sorted by code (see
// data/SOURCE.md for where the list and the codes come from).
func DaftarOPD() ([]OPD, error) {
	if opdErr != nil {
		return nil, opdErr
	}
	return append([]OPD(nil), opdDaftar...), nil
}

func parseOPD(b []byte) ([]OPD, error) {
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("cctv: OPD list: %w", err)
	}
	if len(rows) < 2 || len(rows[0]) != 5 || rows[0][2] != "nama_dinormalisasi" || rows[0][4] != "singkatan_umum_belum_terverifikasi" {
		return nil, fmt.Errorf("cctv: OPD list: unexpected header %v", rows[0])
	}
	seen := map[string]bool{}
	var out []OPD
	for _, r := range rows[1:] {
		if r[3] == "kecamatan" {
			continue // a camat is granted as role:camat
		}
		kode := opdKode(r[4])
		if kode == "" {
			continue // no verified abbreviation: cannot be named yet
		}
		if seen[kode] {
			return nil, fmt.Errorf("cctv: OPD list: code %s twice", kode)
		}
		seen[kode] = true
		out = append(out, OPD{Kode: kode, Nama: r[2]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kode < out[j].Kode })
	return out, nil
}

// opdKode is an abbreviation's letters and digits in upper case.
func opdKode(singkatan string) string {
	return strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return unicode.ToUpper(r)
		}
		return -1
	}, singkatan)
}

// opdAda reports whether kode names an OPD of the list.
func opdAda(kode string) bool {
	i := sort.Search(len(opdDaftar), func(i int) bool { return opdDaftar[i].Kode >= kode })
	return i < len(opdDaftar) && opdDaftar[i].Kode == kode
}
