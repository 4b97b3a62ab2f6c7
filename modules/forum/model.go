package forum

import (
	"time"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// Indikator is one yardstick of the panel: a provider's indicator
// ("sumber.kode"), an IDM score ("idm.nilai") or a saved composite
// ("komposit:<id>").
type Indikator struct {
	Kunci  string `json:"kunci" example:"idm.nilai"`
	Sumber string `json:"sumber"`
	Kode   string `json:"kode"`
	Nama   string `json:"nama"`
	// Satuan is the unit as shown ("%", "jiwa", "indeks"); Desimal the
	// decimals a value is written with.
	Satuan               string `json:"satuan"`
	Desimal              int    `json:"desimal"`
	LebihTinggiLebihBaik bool   `json:"lebih_tinggi_lebih_baik"`
	// Komposit lists a composite's parts with their weights.
	Komposit []Bobot `json:"komposit,omitempty"`
}

// Bobot is one part of a composite: an indicator and its weight (1–100).
type Bobot struct {
	Indikator string `json:"indikator" maxLength:"80" example:"idm.nilai"`
	Bobot     int    `json:"bobot" minimum:"1" maximum:"100"`
}

// Kelompok names how desa are grouped into peers.
type Kelompok string

const (
	// KelompokSemua ranks every desa of the wilayah together.
	KelompokSemua Kelompok = ""
	// KelompokKecamatan ranks desa within their kecamatan.
	KelompokKecamatan Kelompok = "kecamatan"
	// KelompokStatusIDM ranks desa with the same IDM status of the year.
	KelompokStatusIDM Kelompok = "status_idm"
	// KelompokPenduduk ranks desa of similar population: the wilayah's
	// quartiles of population make four bands.
	KelompokPenduduk Kelompok = "penduduk"
)

// StatistikNilai summarises the values of a set of desa. Quartiles are read
// by linear interpolation between the ordered values (as spreadsheets'
// QUARTILE.INC does).
type StatistikNilai struct {
	Jumlah int     `json:"jumlah"`
	Min    float64 `json:"min"`
	Q1     float64 `json:"q1"`
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"`
	Max    float64 `json:"max"`
	Rerata float64 `json:"rerata"`
}

// KelompokStat is one peer group's summary.
type KelompokStat struct {
	Kunci          string         `json:"kunci"`
	Nama           string         `json:"nama"`
	StatistikNilai StatistikNilai `json:"statistik"`
}

// BarisPeringkat is one desa in a ranking.
type BarisPeringkat struct {
	// Peringkat is the rank within the desa's peer group (competition
	// ranking: equal values share a rank, the next rank skips);
	// PeringkatWilayah the rank in the whole wilayah.
	Peringkat        int          `json:"peringkat"`
	PeringkatWilayah int          `json:"peringkat_wilayah"`
	Desa             tenancy.Kode `json:"desa"`
	Nama             string       `json:"nama"`
	Kecamatan        string       `json:"kecamatan"`
	Kelompok         string       `json:"kelompok,omitempty"`
	Nilai            float64      `json:"nilai"`
	Teks             string       `json:"teks"`
	// Kuartil is the quarter of the wilayah the value lies in, 1 the best.
	Kuartil int `json:"kuartil"`
	// NilaiLalu and PeringkatLalu are the year before's (absent when that
	// year has no value); Arah is naik / turun / tetap of the value and
	// Membaik whether the change is for the better.
	NilaiLalu     *float64 `json:"nilai_lalu,omitempty"`
	PeringkatLalu *int     `json:"peringkat_lalu,omitempty"`
	Arah          string   `json:"arah,omitempty" enum:"naik,turun,tetap"`
	Membaik       bool     `json:"membaik"`
	StatusIDM     string   `json:"status_idm,omitempty"`
}

// Peringkat is a ranked table of the desa of a wilayah on one yardstick.
type Peringkat struct {
	Wilayah     tenancy.Kode `json:"wilayah"`
	NamaWilayah string       `json:"nama_wilayah"`
	Tahun       int          `json:"tahun"`
	Indikator   Indikator    `json:"indikator"`
	Kelompok    Kelompok     `json:"kelompok" enum:",kecamatan,status_idm,penduduk"`
	// Dihitung is when the figures were last copied from the modules
	// (the rollup); absent when never.
	Dihitung       *time.Time     `json:"dihitung,omitempty"`
	StatistikNilai StatistikNilai `json:"statistik"`
	Kelompoks      []KelompokStat `json:"kelompok_statistik"`
	// Total counts the ranked desa (of the peer group of Desa when asked);
	// TanpaData the desa of the wilayah without a value.
	Total     int              `json:"total"`
	TanpaData int              `json:"tanpa_data"`
	Baris     []BarisPeringkat `json:"baris"`
	// Berikutnya is the offset of the next page; 0 at the end.
	Berikutnya int `json:"berikutnya,omitempty"`
}
