package forum

import (
	"fmt"
	"github.com/ngantor/ngantor/platform/impor"
	"math"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The IDM (Indeks Desa Membangun, Kemendesa) of each desa per year,
// imported from the Kemendesa layout as CSV or XLSX (idm_baca.go), checked
// row by row (idm_periksa.go) and stored in forum_idm (idm_store.go).
//
// The import is per year: a file with a tahun column may hold several
// years (Kemendesa's downloads do); only the rows of the year asked are
// taken, the others are counted as skipped. Every row is checked first;
// when any row is wrong nothing is written and every wrong row is listed
// with its line. A row whose stated status disagrees with the one computed
// from its nilai is not wrong: it is taken with the computed status and
// flagged (beda). A repeated import of a year replaces that year's values
// of the desa in the file.

// The statuses of Permendesa PDTT 2/2016, written as Kemendesa writes them.
const (
	IDMSangatTertinggal = "SANGAT TERTINGGAL"
	IDMTertinggal       = "TERTINGGAL"
	IDMBerkembang       = "BERKEMBANG"
	IDMMaju             = "MAJU"
	IDMMandiri          = "MANDIRI"
)

// IDMStatuses are the statuses from the lowest to the highest.
var IDMStatuses = []string{IDMSangatTertinggal, IDMTertinggal, IDMBerkembang, IDMMaju, IDMMandiri}

// idmSkala: scores are compared as whole ten-thousandths (four decimals),
// never as floats: 0.4907 must be SANGAT TERTINGGAL and 0.4908 TERTINGGAL
// whatever binary fraction a float gives them.
const idmSkala = 10000

// idmAmbang are the official cut-offs, Permendesa PDTT 2/2016 (copied in
// data/idm/idm_ambang_status.csv, which a test holds this table to): the
// upper bound of each status, inclusive, in ten-thousandths; the lower
// bound is the previous one, exclusive; above the last is MANDIRI. The
// rounded figures often quoted (0.491, 0.599, 0.707, 0.815 with "<")
// misclassify 0.4908 and 0.8155.
var idmAmbang = []struct {
	atas   int
	status string
}{
	{4907, IDMSangatTertinggal},
	{5989, IDMTertinggal},
	{7072, IDMBerkembang},
	{8155, IDMMaju},
}

// idmStatusDari is the status of a score in ten-thousandths.
func idmStatusDari(n int) string {
	for _, a := range idmAmbang {
		if n <= a.atas {
			return a.status
		}
	}
	return IDMMandiri
}

// StatusIDM is the official status of an IDM score, rounded to four
// decimals first.
func StatusIDM(nilai float64) string { return idmStatusDari(idmKeSkala(nilai)) }

// idmKeSkala rounds a score to whole ten-thousandths.
func idmKeSkala(v float64) int { return int(math.Round(v * idmSkala)) }

func idmDariSkala(n int) float64 { return float64(n) / idmSkala }

// idmNormalStatus reads a status as a file writes it ("Sangat
// Tertinggal", "sangat_tertinggal", "MANDIRI"); false when it is none.
func idmNormalStatus(s string) (string, bool) {
	s = strings.ToUpper(strings.Join(strings.Fields(strings.NewReplacer("_", " ", "-", " ").Replace(s)), " "))
	for _, st := range IDMStatuses {
		if s == st {
			return st, true
		}
	}
	return "", false
}

// IDM is the IDM of one desa for one year.
type IDM struct {
	Desa  tenancy.Kode `json:"kode_desa" doc:"Kode desa Kemendagri" example:"51.02.01.2001"`
	Tahun int          `json:"tahun"`
	IKS   float64      `json:"iks" doc:"Indeks Ketahanan Sosial (0–1, empat desimal)"`
	IKE   float64      `json:"ike" doc:"Indeks Ketahanan Ekonomi"`
	IKL   float64      `json:"ikl" doc:"Indeks Ketahanan Lingkungan (ekologi)"`
	Nilai float64      `json:"nilai" doc:"Nilai IDM"`
	// Status is computed from Nilai with the official cut-offs.
	Status string `json:"status" enum:"SANGAT TERTINGGAL,TERTINGGAL,BERKEMBANG,MAJU,MANDIRI"`
	// StatusBerkas is what the imported file said ("" when it said
	// nothing); Beda marks a file whose status disagreed with Status.
	StatusBerkas string `json:"status_berkas" doc:"Status menurut berkas impor; kosong bila berkas tidak menyebutnya"`
	Beda         bool   `json:"beda" doc:"true bila status berkas berbeda dari status hasil hitung"`
	Demo         bool   `json:"demo" doc:"true untuk nilai contoh (data demo), bukan data Kemendesa"`
}

// Limits of one import.
const (
	MaxIDMBytes = 5 << 20 // the file, CSV or XLSX
	// MaxIDMBaris bounds the data rows of a file, every year counted: a
	// kabupaten has at most a few hundred desa, a file of ten years of
	// the largest fits.
	MaxIDMBaris = 20000
	// TahunIDMMin and TahunIDMMax bound the year (IDM exists since 2015).
	TahunIDMMin = 2015
	TahunIDMMax = 2100
	// maxIDMKesalahan bounds the error list of a file wrong throughout.
	maxIDMKesalahan = 1000
	// maxIDMNamaBerkas bounds the file name kept with an import.
	maxIDMNamaBerkas = 200
)

// KesalahanIDM is one problem of an IDM file (platform/impor).
type KesalahanIDM = impor.Kesalahan

// ImporIDMError is a refused import: every problem found, wrapped in the
// Invalid fault (422 problem+json on the API) that lists them.
type ImporIDMError struct {
	Kesalahan []KesalahanIDM
	Lainnya   int // problems beyond the list's bound
	Dibaca    int // data rows of the year asked
	fault     *fault.Error
}

func (e *ImporIDMError) Error() string { return e.fault.Error() }
func (e *ImporIDMError) Unwrap() error { return e.fault }

func newImporIDMError(list []KesalahanIDM, more, dibaca int) *ImporIDMError {
	total := len(list) + more
	msg := fmt.Sprintf("Berkas IDM berisi %d kesalahan; tidak ada nilai yang disimpan. Perbaiki baris yang disebut lalu unggah lagi.", total)
	if total == 1 {
		msg = "Berkas IDM berisi 1 kesalahan; tidak ada nilai yang disimpan. " + list[0].Teks()
	}
	return &ImporIDMError{Kesalahan: list, Lainnya: more, Dibaca: dibaca, fault: impor.Fault(msg, list, more)}
}

// TandaIDM is a row taken with a flag: the file's status disagreed with
// the one its nilai gives.
type TandaIDM struct {
	Baris        int          `json:"baris"`
	Desa         tenancy.Kode `json:"kode_desa"`
	Nilai        float64      `json:"nilai"`
	Status       string       `json:"status" doc:"Status hasil hitung (yang disimpan)"`
	StatusBerkas string       `json:"status_berkas" doc:"Status menurut berkas"`
	Pesan        string       `json:"pesan"`
}

// RekapIDM is how many desa of an import or a year have one status.
type RekapIDM struct {
	Status string `json:"status"`
	Jumlah int    `json:"jumlah"`
}

// HasilImporIDM is what an import did.
type HasilImporIDM struct {
	ImporID string       `json:"impor_id"`
	Wilayah tenancy.Kode `json:"wilayah"`
	Tahun   int          `json:"tahun"`
	Berkas  string       `json:"berkas" doc:"Nama berkas yang diunggah (bila diketahui)"`
	Format  string       `json:"format" enum:"csv,xlsx"`
	// Dibaca counts the data rows of the file, every year; Dilewati those
	// of another year than Tahun (not imported).
	Dibaca   int `json:"baris_dibaca"`
	Dilewati int `json:"baris_tahun_lain" doc:"Baris tahun lain yang dilewati (berkas berkolom tahun)"`
	Diterima int `json:"diterima" doc:"Desa yang nilainya disimpan (termasuk yang ditandai)"`
	Ditandai int `json:"ditandai" doc:"Baris yang status berkasnya berbeda dari status hasil hitung"`
	Ditolak  int `json:"ditolak" doc:"Selalu 0 pada impor yang berhasil: satu baris salah menolak seluruh berkas (422)"`
	// Diganti counts the desa whose value of the year existed and was
	// replaced.
	Diganti int        `json:"diganti"`
	Tandai  []TandaIDM `json:"ditandai_baris"`
	Rekap   []RekapIDM `json:"rekap_status"`
}

// idmRekap counts rows per status, every status listed.
func idmRekap(statuses []string) []RekapIDM {
	n := map[string]int{}
	for _, s := range statuses {
		n[s]++
	}
	out := make([]RekapIDM, len(IDMStatuses))
	for i, s := range IDMStatuses {
		out[i] = RekapIDM{Status: s, Jumlah: n[s]}
	}
	return out
}

// registerIDM adds the IDM operations (idm_api.go) to the /api/v1 group.
func (m *Module) registerIDM(api huma.API) { m.registerIDMAPI(api) }

// routesIDM adds the IDM pages (idm_web.go).
func (m *Module) routesIDM(mux *http.ServeMux) { m.routesIDMWeb(mux) }

// NilaiTeks is the score as a page writes it: four decimals, decimal comma.
func (t TandaIDM) NilaiTeks() string { return idmTeksNilai(t.Nilai) }
