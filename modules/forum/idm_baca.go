package forum

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"github.com/ngantor/ngantor/platform/impor"
	"io"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/fault"
)

// Reading an IDM file: CSV (comma, semicolon or tab, as Excel saves it in
// an Indonesian locale) or XLSX (the first sheet with the header), the
// header found by name within the top ten rows. Problems of the file as a
// whole are Invalid faults on body.berkas; problems of a row are left to
// idmPeriksa.

// The columns the importer knows. nama is how an error names it.
const (
	idmKolKode   = "kode_desa"
	idmKolIKS    = "iks"
	idmKolIKE    = "ike"
	idmKolIKL    = "ikl"
	idmKolNilai  = "nilai_idm"
	idmKolStatus = "status_idm"
	idmKolTahun  = "tahun"
)

var idmKolom = []struct {
	key, nama string
	wajib     bool
	// headers are the accepted headers, normalised (idmNormalJudul).
	headers []string
}{
	{idmKolKode, "kode desa", true, []string{"kode desa", "kd desa", "kode wilayah desa", "kode desa kemendagri"}},
	{idmKolIKS, "IKS", true, []string{"iks", "skor iks", "nilai iks", "indeks ketahanan sosial"}},
	{idmKolIKE, "IKE", true, []string{"ike", "skor ike", "nilai ike", "indeks ketahanan ekonomi"}},
	{idmKolIKL, "IKL", true, []string{"ikl", "skor ikl", "nilai ikl", "indeks ketahanan lingkungan", "indeks ketahanan ekologi"}},
	{idmKolNilai, "nilai IDM", true, []string{"nilai idm", "idm", "skor idm", "indeks desa membangun"}},
	{idmKolStatus, "status", false, []string{"status idm", "status", "status desa", "status idm desa"}},
	{idmKolTahun, "tahun", false, []string{"tahun", "tahun idm"}},
}

func idmNamaKolom(key string) string {
	for _, k := range idmKolom {
		if k.key == key {
			return k.nama
		}
	}
	return key
}

// idmNormalJudul is a header as compared: lower case, "_" and runs of
// spaces as one space, a unit in brackets dropped ("Nilai IDM (0-1)").
func idmNormalJudul(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "\ufeff")
	s = strings.ToLower(s)
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	s = strings.NewReplacer("_", " ", ".", " ", "-", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// idmBaris is one data row as read: its line in the file and its cells
// by column key.
type idmBaris struct {
	nomor int
	sel   map[string]string
}

// idmBerkas is a file as read.
type idmBerkas struct {
	format string // "csv" or "xlsx"
	baris  []idmBaris
	// adaTahun: the file has a tahun column.
	adaTahun bool
}

var errIDMTerlaluBanyak = errors.New("forum: too many rows")

func idmGagalBerkas(format string, args ...any) error {
	return fault.Field("body.berkas", format, args...)
}

// idmBaca reads an IDM file for tahun. XLSX is known by its zip
// signature; anything else must be text (UTF-8, no NUL) and is read as CSV.
func idmBaca(data []byte, tahun int) (idmBerkas, error) {
	if len(data) == 0 {
		return idmBerkas{}, idmGagalBerkas("Berkas kosong; pilih berkas IDM (CSV atau XLSX).")
	}
	if len(data) > MaxIDMBytes {
		return idmBerkas{}, idmGagalBerkas("Berkas terlalu besar: maksimal 5 MiB.")
	}
	var (
		rows  [][]string
		lines []int
		b     idmBerkas
		err   error
	)
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		b.format = "xlsx"
		rows, err = idmBacaXLSX(data)
		if err != nil {
			if errors.Is(err, errIDMTerlaluBanyak) {
				return b, idmTerlaluBanyak()
			}
			return b, idmGagalBerkas("Berkas XLSX tidak dapat dibaca. Simpan lembar kerja sebagai Excel Workbook (.xlsx) atau CSV lalu unggah lagi.")
		}
		lines = make([]int, len(rows))
		for i := range rows {
			lines[i] = i + 1
		}
	} else {
		b.format = "csv"
		if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
			return b, idmGagalBerkas("Berkas bukan CSV atau XLSX yang dapat dibaca. Simpan sebagai CSV (UTF-8) atau Excel Workbook (.xlsx) lalu unggah lagi.")
		}
		rows, lines, err = idmBacaCSV(data)
		if err != nil {
			if errors.Is(err, errIDMTerlaluBanyak) {
				return b, idmTerlaluBanyak()
			}
			return b, idmGagalBerkas("Berkas CSV tidak dapat dibaca (%s). Periksa tanda kutip lalu unggah lagi.", err.Error())
		}
	}
	// The header: the first row within the top ten that names the code
	// and the score.
	head, col := -1, map[string]int{}
	var lain []int
	for i := 0; i < len(rows) && i < 10 && head < 0; i++ {
		found, years, err := idmJudulBaris(rows[i], tahun, lines[i])
		if err != nil {
			return b, err
		}
		_, kode := found[idmKolKode]
		_, nilai := found[idmKolNilai]
		if kode && nilai {
			head, col = i, found
		}
		if kode && len(years) > 0 && len(lain) == 0 {
			lain = years
		}
	}
	if head < 0 && len(lain) > 0 {
		var ys []string
		for _, y := range lain {
			ys = append(ys, strconv.Itoa(y))
		}
		return b, idmGagalBerkas("Berkas tidak berisi kolom IDM tahun %d (kolomnya untuk tahun %s). Pilih tahun yang sesuai.", tahun, strings.Join(ys, ", "))
	}
	if head < 0 {
		return b, idmGagalBerkas("Baris judul kolom tidak ditemukan di sepuluh baris pertama. Berkas IDM memerlukan kolom %s.", idmDaftarKolomWajib())
	}
	var missing []string
	for _, k := range idmKolom {
		if _, ok := col[k.key]; k.wajib && !ok {
			missing = append(missing, k.nama)
		}
	}
	if len(missing) > 0 {
		return b, idmGagalBerkas("Kolom %s tidak ada di baris judul (baris %d). Berkas IDM memerlukan kolom %s.", strings.Join(missing, ", "), lines[head], idmDaftarKolomWajib())
	}
	_, b.adaTahun = col[idmKolTahun]
	for i := head + 1; i < len(rows); i++ {
		r := idmBaris{nomor: lines[i], sel: make(map[string]string, len(col))}
		empty := true
		for k, j := range col {
			if j < len(rows[i]) {
				v := strings.TrimSpace(rows[i][j])
				r.sel[k] = v
				if v != "" {
					empty = false
				}
			}
		}
		if empty {
			continue
		}
		if len(b.baris) == MaxIDMBaris {
			return b, idmTerlaluBanyak()
		}
		b.baris = append(b.baris, r)
	}
	if len(b.baris) == 0 {
		return b, idmGagalBerkas("Berkas tidak berisi baris data di bawah baris judul.")
	}
	return b, nil
}

func idmTerlaluBanyak() error {
	return idmGagalBerkas("Berkas berisi lebih dari %s baris; bagi menjadi beberapa berkas.", "20.000")
}

// idmJudulBaris matches the cells of a row to the columns. A header may
// end in a year, as in Kemendesa's downloads of several years side by side
// ("IKS 2023", "IKS 2024"): the column of tahun is taken, or one with no
// year; a column named only for other years is none. A column named twice
// for the same year is refused (which one would be meant?), on the row
// that names the code and the score.
func idmJudulBaris(row []string, tahun, line int) (map[string]int, []int, error) {
	type calon struct{ j, year int }
	cands := map[string][]calon{}
	for j, c := range row {
		k, year, ok := idmKolomDariJudul(c)
		if ok {
			cands[k] = append(cands[k], calon{j, year})
		}
	}
	found := map[string]int{}
	var dup []string
	var lain []int
	for _, cs := range cands {
		for _, c := range cs {
			if c.year != 0 && c.year != tahun && !slices.Contains(lain, c.year) {
				lain = append(lain, c.year)
			}
		}
	}
	slices.Sort(lain)
	for k, cs := range cands {
		for _, want := range []int{tahun, 0} {
			var pick []int
			for _, c := range cs {
				if c.year == want {
					pick = append(pick, c.j)
				}
			}
			if len(pick) > 1 {
				dup = append(dup, idmNamaKolom(k))
			}
			if len(pick) > 0 {
				found[k] = pick[0]
				break
			}
		}
	}
	_, kode := found[idmKolKode]
	_, nilai := found[idmKolNilai]
	if kode && nilai && len(dup) > 0 {
		slices.Sort(dup)
		return nil, nil, idmGagalBerkas("Kolom %s muncul lebih dari sekali di baris judul (baris %d); sisakan satu.", strings.Join(dup, ", "), line)
	}
	return found, lain, nil
}

// idmKolomDariJudul is the column a header names and the year it ends in
// (0 for none).
func idmKolomDariJudul(s string) (string, int, bool) {
	s = idmNormalJudul(s)
	year := 0
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if y, err := strconv.Atoi(s[i+1:]); err == nil && y >= TahunIDMMin && y <= TahunIDMMax {
			s, year = s[:i], y
		}
	}
	for _, k := range idmKolom {
		for _, h := range k.headers {
			if s == h {
				return k.key, year, true
			}
		}
	}
	return "", 0, false
}

func idmDaftarKolomWajib() string {
	var names []string
	for _, k := range idmKolom {
		if k.wajib {
			names = append(names, k.nama)
		}
	}
	return strings.Join(names, ", ") + " (status dan tahun boleh ada)"
}

// idmBacaCSV reads the records of a CSV file and the line each starts
// on. The separator is the one of , ; and tab the header line uses most.
func idmBacaCSV(data []byte) ([][]string, []int, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first := data
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	sep, most := ',', bytes.Count(first, []byte{','})
	for _, c := range []rune{';', '\t'} {
		if n := bytes.Count(first, []byte(string(c))); n > most {
			sep, most = c, n
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	var (
		rows  [][]string
		lines []int
	)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, fmt.Errorf("baris %d", pe.StartLine)
			}
			return nil, nil, errors.New("isi tidak sah")
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
		if len(rows) > MaxIDMBaris+10 {
			return nil, nil, errIDMTerlaluBanyak
		}
	}
	return rows, lines, nil
}

// The unzipped workbook is bounded against archives that expand without end.
const (
	maxIDMUnzip    = 64 << 20
	maxIDMUnzipXML = 32 << 20
)

// idmBacaXLSX reads the rows of the first sheet that has a header the
// importer knows (else the first sheet). Cells are read raw: a number
// Excel stores is "0.7125", never the shown "0,71".
func idmBacaXLSX(data []byte) (rows [][]string, err error) {
	// The zip and XML readers are third-party code fed arbitrary bytes: a
	// panic there is a refused file, never a crashed request.
	defer func() {
		if r := recover(); r != nil {
			rows, err = nil, fmt.Errorf("forum: unreadable xlsx: %v", r)
		}
	}()
	x, err := impor.BukaXLSX(data, maxIDMUnzip, maxIDMUnzipXML)
	if err != nil {
		return nil, err
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("forum: no sheet")
	}
	var firstRows [][]string
	for i, s := range sheets {
		rs, err := idmSheetRows(x, s)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			firstRows = rs
		}
		for j := 0; j < len(rs) && j < 10; j++ {
			var kode, nilai bool
			for _, c := range rs[j] {
				switch k, _, _ := idmKolomDariJudul(c); k {
				case idmKolKode:
					kode = true
				case idmKolNilai:
					nilai = true
				}
			}
			if kode && nilai {
				return rs, nil
			}
		}
		if i == 9 {
			break // a workbook of many sheets: the header is in none of the first ten
		}
	}
	return firstRows, nil
}

func idmSheetRows(x *excelize.File, sheet string) ([][]string, error) {
	it, err := x.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var rows [][]string
	for it.Next() {
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		rows = append(rows, cols)
		if len(rows) > MaxIDMBaris+10 {
			return nil, errIDMTerlaluBanyak
		}
	}
	return rows, it.Error()
}

// idmAngka reads a score ("0,7125", "0.7125", "0.71249999999999998" as
// Excel stores it, "1", "7.125E-1") and rounds it to whole ten-thousandths,
// half away from zero. Bounds 0..1.
func idmAngka(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("Wajib diisi.")
	}
	if len(s) > 40 {
		return 0, errors.New("Bukan angka.")
	}
	if strings.Contains(s, ",") {
		if strings.Contains(s, ".") || strings.Count(s, ",") > 1 {
			return 0, fmt.Errorf("%q bukan angka: tulis dengan satu tanda desimal, misalnya 0,7125.", s)
		}
		s = strings.Replace(s, ",", ".", 1)
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return 0, fmt.Errorf("%q bukan angka: tulis misalnya 0,7125.", s)
		}
	}
	// An exponent of at most two digits: "1e99999999" would make SetString
	// build a number of a hundred million digits.
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp := strings.TrimLeft(s[i+1:], "+-")
		if len(exp) == 0 || len(exp) > 2 {
			return 0, fmt.Errorf("%q bukan angka: tulis misalnya 0,7125.", s)
		}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, fmt.Errorf("%q bukan angka: tulis misalnya 0,7125.", s)
	}
	if r.Sign() < 0 {
		return 0, errors.New("Tidak boleh negatif: nilai antara 0 dan 1.")
	}
	r.Mul(r, big.NewRat(idmSkala, 1))
	r.Add(r, big.NewRat(1, 2))
	q := new(big.Int).Quo(r.Num(), r.Denom())
	if !q.IsInt64() || q.Int64() > idmSkala {
		return 0, fmt.Errorf("%s di luar rentang: nilai antara 0 dan 1 (misalnya 0,7125, bukan 71,25).", s)
	}
	return int(q.Int64()), nil
}
