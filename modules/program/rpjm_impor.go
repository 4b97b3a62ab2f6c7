package program

import (
	"bytes"
	"context"
	"fmt"
	"github.com/ngantor/ngantor/platform/impor"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The XLSX import of an RPJM period's tree, in the pattern of keuangan's
// APBDes import: the file is read whole, every row is checked with the
// one check of NodeData plus the tree's (periksaPohon), every problem is
// reported as "Baris 7, kolom kode: …", and nothing is written unless
// every row is valid; then the period's tree is replaced in one
// transaction (GantiPohon).
//
// The layout (the template, RPJMTemplat, has it): a sheet "RPJM" whose
// first row names the columns Jenis, Kode, Uraian, Satuan, Baseline and
// one column per year of the period ("2021" or "Target 2021"); one row
// per node below it, parents before or after their children. Jenis is
// misi, tujuan, sasaran or indikator; the kode says where the node hangs
// (1.2 under 1). Satuan, baseline and targets are for indikator rows only.

// Limits of one import.
const (
	MaxImporRPJMBytes = 2 << 20
	MaxImporRPJMBaris = MaxNodeRPJM
	// maxImporKesalahanRPJM bounds the error report of a file wrong
	// throughout.
	maxImporKesalahanRPJM = 500
	maxImporUnzipRPJM     = 32 << 20
	maxImporUnzipXMLRPJM  = 16 << 20
)

// ImporRPJMSheet is the name of the template's sheet of nodes.
const ImporRPJMSheet = "RPJM"

const tipeXLSXRPJM = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// imporKolomRPJM are the fixed columns, in the template's order.
var imporKolomRPJM = []struct{ field, header string }{
	{"jenis", "Jenis"}, {"kode", "Kode"}, {"uraian", "Uraian"}, {"satuan", "Satuan"}, {"baseline", "Baseline"},
}

var kolomTahunRPJM = regexp.MustCompile(`^(?:target\s*)?((?:19|20|21)\d\d)$`)

// KesalahanImporRPJM is one problem of an RPJM sheet (platform/impor).
type KesalahanImporRPJM = impor.Kesalahan

// ImporRPJMError is a refused import: every problem found, as an Invalid
// fault (422 on the API) that lists them.
type ImporRPJMError struct {
	Kesalahan []KesalahanImporRPJM
	Lainnya   int
	fault     *fault.Error
}

func (e *ImporRPJMError) Error() string { return e.fault.Error() }
func (e *ImporRPJMError) Unwrap() error { return e.fault }

func newImporRPJMError(list []KesalahanImporRPJM, more int) *ImporRPJMError {
	total := len(list) + more
	msg := fmt.Sprintf("Berkas berisi %d kesalahan; tidak ada yang disimpan. Perbaiki lalu unggah lagi.", total)
	return &ImporRPJMError{Kesalahan: list, Lainnya: more, fault: impor.Fault(msg, list, more)}
}

// barisImporRPJM is one data row: its sheet row number, the node it says and
// the year of each of its targets (to name a target's column).
type barisImporRPJM struct {
	nomor int
	node  NodeData
	tahun []int
	salah []KesalahanImporRPJM // cells that are no number
}

// HasilImporRPJM is what an import did.
type HasilImporRPJM struct {
	RPJMID    string `json:"rpjm_id"`
	Misi      int    `json:"misi"`
	Tujuan    int    `json:"tujuan"`
	Sasaran   int    `json:"sasaran"`
	Indikator int    `json:"indikator"`
}

// angkaSel reads a number cell: Excel's raw value ("2.5"), or typed the
// Indonesian way ("1.234,5", "2,5").
func angkaSel(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, true
	}
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return v, true
		}
	}
	return 0, false
}

// bacaImporRPJM reads the rows of an XLSX file against period r. Problems
// of the file as a whole are Invalid faults on body.berkas.
func bacaImporRPJM(data []byte, r RPJM) ([]barisImporRPJM, error) {
	if len(data) == 0 {
		return nil, fault.Field("body.berkas", "Berkas kosong; pilih berkas XLSX dari templat impor RPJM.")
	}
	if len(data) > MaxImporRPJMBytes {
		return nil, fault.Field("body.berkas", "Berkas terlalu besar: maksimal 2 MiB.")
	}
	unreadable := fault.Field("body.berkas", "Berkas bukan XLSX yang dapat dibaca. Simpan sebagai Excel Workbook (.xlsx) dari templat impor lalu unggah lagi.")
	if !bytes.HasPrefix(data, []byte("PK")) {
		return nil, unreadable
	}
	rows, err := barisXLSX(data)
	if err != nil {
		return nil, unreadable
	}
	head, col, tahunCol := -1, map[string]int{}, map[int]int{}
	for i := 0; i < len(rows) && i < 10 && head < 0; i++ {
		found, years := map[string]int{}, map[int]int{}
		for j, c := range rows[i] {
			c = strings.ToLower(squeezeRPJM(c))
			for _, k := range imporKolomRPJM {
				if c == strings.ToLower(k.header) {
					found[k.field] = j
				}
			}
			if m := kolomTahunRPJM.FindStringSubmatch(c); m != nil {
				y, _ := strconv.Atoi(m[1])
				years[y] = j
			}
		}
		if len(found) >= 3 {
			head, col, tahunCol = i, found, years
		}
	}
	if head < 0 {
		return nil, fault.Field("body.berkas", "Baris judul kolom tidak ditemukan di lembar %s. Pakai templat impor: kolom Jenis, Kode, Uraian, Satuan, Baseline lalu satu kolom per tahun.", ImporRPJMSheet)
	}
	var missing []string
	for _, k := range imporKolomRPJM {
		if _, ok := col[k.field]; !ok {
			missing = append(missing, k.header)
		}
	}
	if len(missing) > 0 {
		return nil, fault.Field("body.berkas", "Kolom %s tidak ada di baris judul (baris %d). Pakai templat impor.", strings.Join(missing, ", "), head+1)
	}
	var years []int
	for y := range tahunCol {
		if y < r.TahunMulai || y > r.TahunAkhir {
			return nil, fault.Field("body.berkas", "Kolom target %d di luar periode RPJM %d–%d.", y, r.TahunMulai, r.TahunAkhir)
		}
	}
	for _, y := range r.Tahun() {
		if _, ok := tahunCol[y]; ok {
			years = append(years, y)
		}
	}
	cell := func(row []string, j int) string {
		if j < len(row) {
			return strings.TrimSpace(row[j])
		}
		return ""
	}
	var out []barisImporRPJM
	for i := head + 1; i < len(rows); i++ {
		row := rows[i]
		empty := true
		for _, c := range row {
			if strings.TrimSpace(c) != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		if len(out) == MaxImporRPJMBaris {
			return nil, fault.Field("body.berkas", "Berkas berisi lebih dari %d baris; satu RPJM paling banyak %d unsur.", MaxImporRPJMBaris, MaxNodeRPJM)
		}
		b := barisImporRPJM{nomor: i + 1}
		b.node.Jenis = JenisNode(strings.ToLower(cell(row, col["jenis"])))
		b.node.Kode = cell(row, col["kode"])
		b.node.Uraian = cell(row, col["uraian"])
		b.node.Satuan = cell(row, col["satuan"])
		if s := cell(row, col["baseline"]); s != "" {
			if v, ok := angkaSel(s); ok {
				b.node.Baseline = &v
			} else {
				b.salah = append(b.salah, KesalahanImporRPJM{Baris: b.nomor, Kolom: "baseline", Pesan: fmt.Sprintf("%q bukan angka.", s)})
			}
		}
		for _, y := range years {
			s := cell(row, tahunCol[y])
			if s == "" {
				continue
			}
			v, ok := angkaSel(s)
			if !ok {
				b.salah = append(b.salah, KesalahanImporRPJM{Baris: b.nomor, Kolom: "target " + strconv.Itoa(y), Pesan: fmt.Sprintf("%q bukan angka.", s)})
				continue
			}
			b.node.Target = append(b.node.Target, TargetRPJM{Tahun: y, Target: v})
			b.tahun = append(b.tahun, y)
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		return nil, fault.Field("body.berkas", "Berkas tidak berisi baris RPJM di bawah baris judul.")
	}
	return out, nil
}

// barisXLSX is the cells of the sheet RPJM (or the first sheet), bounded
// in what it may unzip and in rows.
func barisXLSX(data []byte) (rows [][]string, err error) {
	// Third-party parsers fed arbitrary bytes: a panic is a refused file.
	defer func() {
		if p := recover(); p != nil {
			rows, err = nil, fmt.Errorf("program: unreadable xlsx: %v", p)
		}
	}()
	x, err := impor.BukaXLSX(data, maxImporUnzipRPJM, maxImporUnzipXMLRPJM)
	if err != nil {
		return nil, err
	}
	defer x.Close()
	list := x.GetSheetList()
	if len(list) == 0 {
		return nil, fmt.Errorf("program: no sheet")
	}
	sheet := list[0]
	for _, s := range list {
		if strings.EqualFold(strings.TrimSpace(s), ImporRPJMSheet) {
			sheet = s
		}
	}
	it, err := x.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	for it.Next() {
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		rows = append(rows, cols)
		if len(rows) > MaxImporRPJMBaris+20 {
			break // more than the limit: counted by the caller
		}
	}
	return rows, it.Error()
}

// periksaImporRPJM checks every row; the nodes in file order, or an
// ImporRPJMError with every problem.
func periksaImporRPJM(r RPJM, rows []barisImporRPJM) ([]NodeData, error) {
	ds := make([]NodeData, len(rows))
	for i, b := range rows {
		ds[i] = b.node
	}
	prefix := func(i int) string { return "baris[" + strconv.Itoa(i) + "]." }
	p := periksaPohon(r, ds, prefix)
	var (
		list []KesalahanImporRPJM
		more int
	)
	report := func(k KesalahanImporRPJM) {
		if len(list) < maxImporKesalahanRPJM {
			list = append(list, k)
		} else {
			more++
		}
	}
	probs := fieldsOfProblems(p)
	for i, b := range rows {
		for _, k := range b.salah {
			report(k)
		}
		pre := prefix(i)
		for _, f := range probs {
			if !strings.HasPrefix(f.Field, pre) {
				continue
			}
			report(KesalahanImporRPJM{Baris: b.nomor, Kolom: kolomImpor(strings.TrimPrefix(f.Field, pre), b.tahun), Pesan: f.Message})
		}
	}
	for _, f := range probs {
		if f.Field == "body.berkas" {
			report(KesalahanImporRPJM{Baris: 1, Pesan: f.Message})
		}
	}
	if len(list) > 0 {
		return nil, newImporRPJMError(list, more)
	}
	return ds, nil
}

func fieldsOfProblems(p valid.Problems) []*fault.Error {
	f, ok := fault.As(p.Err())
	if !ok {
		return nil
	}
	if len(f.Fields) == 0 {
		return []*fault.Error{f}
	}
	return f.Fields
}

var targetFieldRPJM = regexp.MustCompile(`^target\[(\d+)\]`)

// kolomImpor names the column of a NodeData field: target[k] is the
// column of the row's k-th target year.
func kolomImpor(field string, tahun []int) string {
	if m := targetFieldRPJM.FindStringSubmatch(field); m != nil {
		if k, _ := strconv.Atoi(m[1]); k < len(tahun) {
			return "target " + strconv.Itoa(tahun[k])
		}
		return "target"
	}
	return field
}

// ImporRPJM replaces the tree of the kabupaten's period covering tahun
// with the file's rows, or refuses the whole file.
func (m *Module) ImporRPJM(ctx context.Context, kab tenancy.Kode, tahun int, data []byte) (HasilImporRPJM, error) {
	r, ok, err := m.RPJMTerkini(ctx, kab, tahun)
	if err != nil {
		return HasilImporRPJM{}, err
	}
	if !ok {
		return HasilImporRPJM{}, fault.Field("query.tahun", "Belum ada periode RPJM yang mencakup tahun %d; buat periodenya dulu.", tahun)
	}
	rows, err := bacaImporRPJM(data, r)
	if err != nil {
		return HasilImporRPJM{}, err
	}
	ds, err := periksaImporRPJM(r, rows)
	if err != nil {
		return HasilImporRPJM{}, err
	}
	n, err := m.GantiPohon(ctx, kab, r.ID, ds)
	if err != nil {
		return HasilImporRPJM{}, err
	}
	return HasilImporRPJM{RPJMID: r.ID, Misi: n[JenisMisi], Tujuan: n[JenisTujuan], Sasaran: n[JenisSasaran], Indikator: n[JenisIndikator]}, nil
}

// RPJMTemplat is the XLSX to fill for an import into the period covering
// tahun (its years as target columns; tahun and the five after it when
// the kabupaten has no such period yet): a sheet Petunjuk and the sheet
// RPJM with the header and example rows of each kind.
func (m *Module) RPJMTemplat(ctx context.Context, kab tenancy.Kode, tahun int) ([]byte, error) {
	r, ok, err := m.RPJMTerkini(ctx, kab, tahun)
	if err != nil {
		return nil, err
	}
	if !ok {
		r = RPJM{TahunMulai: tahun, TahunAkhir: tahun + 5}
	}
	x := excelize.NewFile()
	defer x.Close()
	const pet = "Petunjuk"
	if err := x.SetSheetName("Sheet1", pet); err != nil {
		return nil, err
	}
	lines := []string{
		fmt.Sprintf("Templat impor RPJM kabupaten, periode %d–%d", r.TahunMulai, r.TahunAkhir),
		"",
		"Isi lembar \"RPJM\": satu baris untuk setiap misi, tujuan, sasaran dan indikator kinerja, mulai baris 2. Jangan ubah baris judul kolom.",
		"Jenis: misi, tujuan, sasaran atau indikator.",
		"Kode menunjukkan letaknya: misi 1, tujuan 1.2 (di bawah misi 1), sasaran 1.2.3 (di bawah tujuan 1.2), indikator 1.2.3.4 (di bawah sasaran 1.2.3). Tiap bagian angka 1–99.",
		"Satuan (misalnya persen, km, unit), baseline dan kolom target per tahun hanya diisi pada baris indikator; angka boleh pecahan (2,5).",
		"Contoh di lembar RPJM boleh diganti atau dihapus.",
		"",
		"Semua baris diperiksa sebelum disimpan. Bila ada satu kesalahan saja, tidak ada yang disimpan dan setiap kesalahan disebut dengan nomor baris dan kolomnya.",
		fmt.Sprintf("Impor yang berhasil MENGGANTI seluruh pohon RPJM periode itu. Batas: %d baris dan 2 MiB.", MaxImporRPJMBaris),
	}
	for i, l := range lines {
		if err := x.SetCellValue(pet, "A"+strconv.Itoa(i+1), l); err != nil {
			return nil, err
		}
	}
	if err := x.SetColWidth(pet, "A", "A", 120); err != nil {
		return nil, err
	}
	if _, err := x.NewSheet(ImporRPJMSheet); err != nil {
		return nil, err
	}
	head := []any{}
	for _, k := range imporKolomRPJM {
		head = append(head, k.header)
	}
	for _, y := range r.Tahun() {
		head = append(head, strconv.Itoa(y))
	}
	if err := x.SetSheetRow(ImporRPJMSheet, "A1", &head); err != nil {
		return nil, err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 1)
	if err := x.SetCellStyle(ImporRPJMSheet, "A1", last, bold); err != nil {
		return nil, err
	}
	text, err := x.NewStyle(&excelize.Style{NumFmt: 49}) // "@": a kode stays text ("1.10" is no number)
	if err != nil {
		return nil, err
	}
	if err := x.SetColStyle(ImporRPJMSheet, "B", text); err != nil {
		return nil, err
	}
	contoh := [][]any{
		{"misi", "1", "Contoh misi: meningkatkan kesejahteraan masyarakat desa"},
		{"tujuan", "1.1", "Contoh tujuan: meningkatnya perekonomian desa"},
		{"sasaran", "1.1.1", "Contoh sasaran: meningkatnya usaha mikro di desa"},
		{"indikator", "1.1.1.1", "Contoh indikator: jumlah UMKM desa yang aktif", "unit", 100},
	}
	for i, c := range contoh {
		row := append([]any{}, c...)
		if len(row) == 5 {
			for k := range r.Tahun() {
				row = append(row, 100+10*(k+1))
			}
		}
		if err := x.SetSheetRow(ImporRPJMSheet, "A"+strconv.Itoa(i+2), &row); err != nil {
			return nil, err
		}
		if err := x.SetCellStr(ImporRPJMSheet, "B"+strconv.Itoa(i+2), c[1].(string)); err != nil {
			return nil, err
		}
	}
	if err := x.SetColWidth(ImporRPJMSheet, "C", "C", 70); err != nil {
		return nil, err
	}
	idx, _ := x.GetSheetIndex(ImporRPJMSheet)
	x.SetActiveSheet(idx)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// --- API

func (m *Module) registerRPJMImpor(api huma.API, op func(id, method, path, summary, desc string, perm authz.Permission) huma.Operation) {
	impor := op("impor-rpjm", http.MethodPost, "/wilayah/{kode}/rpjm/impor", "Impor pohon RPJM dari XLSX",
		"Badan permintaan adalah berkas XLSX itu sendiri (Content-Type "+tipeXLSXRPJM+", paling besar 2 MiB dan 2.000 baris), "+
			"berkolom seperti templat (get-rpjm-templat): Jenis, Kode, Uraian, Satuan, Baseline, lalu satu kolom per tahun periode (\"2021\" atau \"Target 2021\"). "+
			"Masuk ke periode RPJM kabupaten yang mencakup tahun (bawaan tahun berjalan) dan MENGGANTI seluruh pohonnya. "+
			"Semua baris diperiksa dulu: bila satu saja salah, tidak ada yang disimpan dan jawaban 422 menyebut setiap kesalahan "+
			"(errors[].message: \"Baris 7, kolom kode: …\").", PermRPJMTulis)
	impor.DefaultStatus = http.StatusOK
	impor.MaxBodyBytes = MaxImporRPJMBytes
	impor.Middlewares = huma.Middlewares{httpserver.LimitUpload(api, MaxImporRPJMBytes, fault.Field("body.berkas", "Berkas terlalu besar: maksimal 2 MiB."))}
	huma.Register(api, impor, m.apiImporRPJM)
	huma.Register(api, op("get-rpjm-templat", http.MethodGet, "/wilayah/{kode}/rpjm/templat", "Templat XLSX impor RPJM",
		"Lembar Petunjuk dan lembar RPJM (baris judul dengan kolom tahun periode yang mencakup tahun, dan contoh tiap jenis).", PermRPJMTulis), m.apiTemplat)
}

type rpjmImporInput struct {
	Kode    string `path:"kode" example:"51.02"`
	Tahun   int    `query:"tahun" minimum:"0" maximum:"2100" doc:"Tahun yang dicakup periode tujuan; bawaan tahun berjalan"`
	RawBody []byte `contentType:"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" doc:"Berkas XLSX"`
}

type rpjmImporOutput struct{ Body HasilImporRPJM }

func (m *Module) apiImporRPJM(ctx context.Context, in *rpjmImporInput) (*rpjmImporOutput, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	if err := m.bolehTulisRPJM(ctx, kode); err != nil {
		return nil, err
	}
	h, err := m.ImporRPJM(ctx, kabupatenOf(kode), m.tahunAtau(in.Tahun), in.RawBody)
	if err != nil {
		return nil, err
	}
	return &rpjmImporOutput{Body: h}, nil
}

type rpjmBerkasOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	NoSniff            string `header:"X-Content-Type-Options"`
	Body               []byte
}

func (m *Module) apiTemplat(ctx context.Context, in *pohonInput) (*rpjmBerkasOutput, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	if err := m.bolehTulisRPJM(ctx, kode); err != nil {
		return nil, err
	}
	tahun := m.tahunAtau(in.Tahun)
	b, err := m.RPJMTemplat(ctx, kabupatenOf(kode), tahun)
	if err != nil {
		return nil, err
	}
	return &rpjmBerkasOutput{ContentType: tipeXLSXRPJM, ContentDisposition: `attachment; filename="templat-impor-rpjm-` + strconv.Itoa(tahun) + `.xlsx"`,
		CacheControl: "private, no-store", NoSniff: "nosniff", Body: b}, nil
}
