package umkm

import (
	"embed"
	"encoding/csv"
	"fmt"
	"strconv"
)

//go:embed data/*.csv data/SOURCE.md
var data embed.FS

func readCSV(name string, header ...string) ([][]string, error) {
	f, err := data.Open("data/" + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("umkm: %s: %w", name, err)
	}
	if len(recs) < 2 || fmt.Sprint(recs[0]) != fmt.Sprint(header) {
		return nil, fmt.Errorf("umkm: %s: header %q, want %q", name, recs[0], header)
	}
	return recs[1:], nil
}

// KategoriKBLI is one kategori (A–U) of KBLI 2020 and the golongan pokok
// (the first two digits of a code) it holds.
type KategoriKBLI struct {
	Kode       string `json:"kode" example:"C"`
	Nama       string `json:"nama" example:"Industri Pengolahan"`
	PokokAwal  int    `json:"golongan_pokok_awal" example:"10"`
	PokokAkhir int    `json:"golongan_pokok_akhir" example:"33"`
}

// KategoriKBLIList is the shipped list (data/kbli_2020_kategori.csv), in
// order A–U.
func KategoriKBLIList() ([]KategoriKBLI, error) {
	recs, err := readCSV("kbli_2020_kategori.csv", "kategori", "golongan_pokok_awal", "golongan_pokok_akhir", "nama")
	if err != nil {
		return nil, err
	}
	out := make([]KategoriKBLI, 0, len(recs))
	for i, r := range recs {
		lo, err1 := strconv.Atoi(r[1])
		hi, err2 := strconv.Atoi(r[2])
		if err1 != nil || err2 != nil || lo < 1 || hi > 99 || lo > hi || len(r[0]) != 1 || r[3] == "" {
			return nil, fmt.Errorf("umkm: kbli_2020_kategori.csv row %d: %q", i+2, r)
		}
		out = append(out, KategoriKBLI{Kode: r[0], Nama: r[3], PokokAwal: lo, PokokAkhir: hi})
	}
	return out, nil
}

// KelasBUMDes is one class of the Kemendesa pemeringkatan of BUM Desa.
type KelasBUMDes struct {
	Kode   string `json:"kode" example:"berkembang"`
	Nama   string `json:"nama" example:"Berkembang"`
	Urutan int    `json:"urutan" doc:"1 terendah"`
	Dasar  string `json:"dasar" doc:"Dasar hukum klasifikasi"`
}

// KelasBUMDesList is the shipped classification
// (data/klasifikasi_bumdes.csv), lowest first.
func KelasBUMDesList() ([]KelasBUMDes, error) {
	recs, err := readCSV("klasifikasi_bumdes.csv", "kode", "nama", "urutan", "dasar")
	if err != nil {
		return nil, err
	}
	out := make([]KelasBUMDes, 0, len(recs))
	for i, r := range recs {
		n, err := strconv.Atoi(r[2])
		if err != nil || r[0] == "" || r[1] == "" || r[3] == "" || n != i+1 {
			return nil, fmt.Errorf("umkm: klasifikasi_bumdes.csv row %d: %q", i+2, r)
		}
		out = append(out, KelasBUMDes{Kode: r[0], Nama: r[1], Urutan: n, Dasar: r[3]})
	}
	return out, nil
}
