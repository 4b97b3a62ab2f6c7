package keuangan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/ngantor/ngantor/platform/impor"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The XLSX import of an APBDes: a sheet of lines in the columns of the
// template (ImporTemplate) goes into the editable version of the year.
// Every row is checked with the one PeriksaBaris against the year's
// references, loaded once; every problem of every row is reported as
// "Baris 12, kolom harga satuan: …"; nothing is saved unless every row is
// valid, and then all lines go in one transaction (SimpanBaris, batched).

// Limits of one import.
const (
	MaxImporBytes = 5 << 20 // the XLSX file
	MaxImporBaris = 5000    // lines (an APBDes has a few hundred)
	// maxImporKesalahan bounds the error report of a file that is wrong
	// throughout; the report says how many more there are.
	maxImporKesalahan = 1000
	// The unzipped workbook, against archives that expand without end.
	maxImporUnzip    = 64 << 20
	maxImporUnzipXML = 32 << 20
)

// ImporSheet is the name of the template's sheet of lines.
const ImporSheet = "APBDes"

// imporKolom are the template's columns in order: the field PeriksaBaris
// names, the header and the name an error uses.
var imporKolom = []struct {
	field, header, nama string
}{
	{"kode_kegiatan", "Kode kegiatan", "kode kegiatan"},
	{"kode_rekening", "Kode rekening", "kode rekening"},
	{"uraian", "Uraian", "uraian"},
	{"volume", "Volume", "volume"},
	{"satuan", "Satuan", "satuan"},
	{"harga_satuan", "Harga satuan (Rp)", "harga satuan"},
	{"sumber_dana", "Sumber dana", "sumber dana"},
}

// namaKolom is the column an error of field points at. A pendapatan or
// pembiayaan line's amount ("jumlah") is written in the harga satuan
// column of the template.
func namaKolom(field string) string {
	if field == "jumlah" {
		field = "harga_satuan"
	}
	for _, k := range imporKolom {
		if k.field == field {
			return k.nama
		}
	}
	return strings.ReplaceAll(field, "_", " ")
}

// KesalahanImpor is one problem of an imported file (platform/impor).
type KesalahanImpor = impor.Kesalahan

// ImporError is a refused import: every problem found, and the Invalid
// fault (422 on the API) that lists them.
type ImporError struct {
	Kesalahan []KesalahanImpor
	Lainnya   int // problems beyond the report's bound
	fault     *fault.Error
}

func (e *ImporError) Error() string { return e.fault.Error() }
func (e *ImporError) Unwrap() error { return e.fault }

func newImporError(list []KesalahanImpor, more int) *ImporError {
	total := len(list) + more
	msg := fmt.Sprintf("Berkas berisi %d kesalahan; tidak ada baris yang disimpan. Perbaiki lalu unggah lagi.", total)
	if total == 1 {
		msg = "Berkas berisi 1 kesalahan; tidak ada baris yang disimpan. " + list[0].Teks()
	}
	return &ImporError{Kesalahan: list, Lainnya: more, fault: impor.Fault(msg, list, more)}
}

// HasilImpor is what an import did.
type HasilImpor struct {
	APBDesID string `json:"apbdes_id"`
	Tahun    int    `json:"tahun"`
	Versi    string `json:"versi" enum:"murni,perubahan"`
	Status   string `json:"status"`
	Dibuat   bool   `json:"apbdes_dibuat" doc:"true bila APBDes murni (draf) baru dibuat oleh impor ini"`
	Diimpor  int    `json:"baris_diimpor"`
	Dihapus  int    `json:"baris_dihapus" doc:"Baris lama yang diganti (ganti=true)"`
	Jumlah   int    `json:"baris_seluruhnya"`
	Total    Total  `json:"total"`
}

// barisImpor is one data row of the sheet as read.
type barisImpor struct {
	nomor int
	cells [7]string
	// angka marks volume and harga satuan cells Excel stores as numbers
	// (their text is the raw value, "2.5", never the shown "2,5").
	angka [7]bool
}

// bacaImpor reads the lines of an XLSX file. Problems of the file as a
// whole (not XLSX, no sheet, no header, too many rows) are Invalid faults.
func bacaImpor(data []byte) ([]barisImpor, error) {
	if len(data) == 0 {
		return nil, fault.Field("body.berkas", "Berkas kosong; pilih berkas XLSX dari template impor.")
	}
	if len(data) > MaxImporBytes {
		return nil, fault.Field("body.berkas", "Berkas terlalu besar: maksimal 5 MiB.")
	}
	unreadable := fault.Field("body.berkas", "Berkas bukan XLSX yang dapat dibaca. Simpan lembar kerja sebagai Excel Workbook (.xlsx) dari template impor lalu unggah lagi.")
	if !bytes.HasPrefix(data, []byte("PK")) {
		return nil, unreadable
	}
	x, err := openXLSX(data)
	if err != nil {
		return nil, unreadable
	}
	defer x.Close()
	sheet := ""
	for _, s := range x.GetSheetList() {
		if strings.EqualFold(strings.TrimSpace(s), ImporSheet) {
			sheet = s
		}
	}
	if sheet == "" {
		list := x.GetSheetList()
		if len(list) == 0 {
			return nil, unreadable
		}
		sheet = list[0]
	}
	rows, err := rowsOf(x, sheet)
	if err != nil {
		return nil, unreadable
	}
	// The header: the first row that names the columns, within the top ten.
	head, col := -1, map[string]int{}
	for i := 0; i < len(rows) && i < 10 && head < 0; i++ {
		found := map[string]int{}
		for j, c := range rows[i] {
			if k, ok := kolomOfHeader(c); ok {
				if _, dup := found[k]; !dup {
					found[k] = j
				}
			}
		}
		if len(found) >= 3 {
			head, col = i, found
		}
	}
	if head < 0 {
		return nil, fault.Field("body.berkas", "Baris judul kolom tidak ditemukan di lembar %q. Pakai template impor: kolom %s.", sheet, daftarKolom())
	}
	var missing []string
	for _, k := range imporKolom {
		if _, ok := col[k.field]; !ok {
			missing = append(missing, k.header)
		}
	}
	if len(missing) > 0 {
		return nil, fault.Field("body.berkas", "Kolom %s tidak ada di baris judul (baris %d). Pakai template impor.", strings.Join(missing, ", "), head+1)
	}
	var out []barisImpor
	for i := head + 1; i < len(rows); i++ {
		b := barisImpor{nomor: i + 1}
		empty := true
		for j, k := range imporKolom {
			c := col[k.field]
			if c < len(rows[i]) {
				b.cells[j] = strings.TrimSpace(rows[i][c])
			}
			if b.cells[j] != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		if len(out) == MaxImporBaris {
			return nil, fault.Field("body.berkas", "Berkas berisi lebih dari %s baris APBDes; bagi menjadi beberapa berkas.", strconv.Itoa(MaxImporBaris))
		}
		for _, j := range []int{3, 5} { // volume, harga satuan
			if b.cells[j] == "" {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(col[imporKolom[j].field]+1, i+1)
			if err != nil {
				continue
			}
			if t, err := x.GetCellType(sheet, cell); err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) {
				b.angka[j] = true
			}
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		return nil, fault.Field("body.berkas", "Berkas tidak berisi baris APBDes di bawah baris judul.")
	}
	return out, nil
}

// openXLSX opens data with bounds on what it may unzip to.
func openXLSX(data []byte) (*excelize.File, error) {
	return impor.BukaXLSX(data, maxImporUnzip, maxImporUnzipXML)
}

func rowsOf(x *excelize.File, sheet string) (rows [][]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			rows, err = nil, fmt.Errorf("keuangan: unreadable sheet: %v", r)
		}
	}()
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
		if len(rows) > MaxImporBaris+100 {
			break // counted as too many by the caller
		}
	}
	return rows, it.Error()
}

// kolomOfHeader matches a header cell to a column, forgiving case, spaces,
// underscores and a unit in brackets.
func kolomOfHeader(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexByte(s, '('); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " ")
	switch s {
	case "harga satuan / jumlah", "harga satuan/jumlah":
		s = "harga satuan"
	}
	for _, k := range imporKolom {
		if s == k.nama {
			return k.field, true
		}
	}
	return "", false
}

func daftarKolom() string {
	var names []string
	for _, k := range imporKolom {
		names = append(names, k.header)
	}
	return strings.Join(names, ", ")
}

// periksaImpor checks every row against ref and returns the lines, or an
// ImporError with every problem.
func periksaImpor(ref *Referensi, rows []barisImpor) ([]Baris, error) {
	var (
		lines []Baris
		list  []KesalahanImpor
		more  int
	)
	report := func(k KesalahanImpor) {
		if len(list) < maxImporKesalahan {
			list = append(list, k)
		} else {
			more++
		}
	}
	for _, r := range rows {
		in, probs := inputOf(r)
		// Field names carry the row number through PeriksaBaris.
		fields := func(name string) string { return name }
		b, err := PeriksaBaris(ref, in, fields)
		seen := map[string]bool{}
		for _, k := range probs {
			seen[k.Kolom] = true
			report(k)
		}
		if err != nil {
			f, ok := fault.As(err)
			if !ok || f.Code != fault.Invalid {
				return nil, err
			}
			list := f.Fields
			if len(list) == 0 {
				list = []*fault.Error{f}
			}
			for _, e := range list {
				kolom := namaKolom(e.Field)
				if seen[kolom] {
					continue // already reported as unreadable
				}
				report(KesalahanImpor{Baris: r.nomor, Kolom: kolom, Pesan: e.Message})
			}
			continue
		}
		if len(probs) == 0 {
			lines = append(lines, b)
		}
	}
	if len(list) > 0 {
		return nil, newImporError(list, more)
	}
	return lines, nil
}

// inputOf turns a row into a BarisInput. An amount or volume that cannot
// be read is reported here; PeriksaBaris then sees it as missing, and its
// own message for that column is dropped (the caller does).
func inputOf(r barisImpor) (BarisInput, []KesalahanImpor) {
	in := BarisInput{KodeKegiatan: r.cells[0], KodeRekening: r.cells[1], Uraian: r.cells[2],
		Satuan: r.cells[4], SumberDana: r.cells[6]}
	var probs []KesalahanImpor
	bad := func(col int, err error) {
		msg := err.Error()
		if f, ok := fault.As(err); ok {
			msg = f.Message
		}
		probs = append(probs, KesalahanImpor{Baris: r.nomor, Kolom: imporKolom[col].nama, Pesan: msg})
	}
	belanja := strings.HasPrefix(strings.TrimSpace(r.cells[1]), "5")
	if r.cells[3] != "" {
		v, err := volumeOf(r.cells[3], r.angka[3])
		if err != nil {
			bad(3, err)
		} else if !belanja && v != 0 {
			probs = append(probs, KesalahanImpor{Baris: r.nomor, Kolom: "volume",
				Pesan: "Volume hanya untuk baris belanja; pada baris pendapatan dan pembiayaan kosongkan volume dan satuan, tulis jumlahnya di kolom harga satuan."})
		} else {
			in.Volume = v
		}
	}
	if r.cells[5] != "" {
		h, err := rupiahOf(r.cells[5], r.angka[5])
		if err != nil {
			bad(5, err)
		} else if belanja {
			in.HargaSatuan = h
		} else {
			in.Jumlah = h
		}
	}
	if !belanja && r.cells[4] != "" {
		probs = append(probs, KesalahanImpor{Baris: r.nomor, Kolom: "satuan",
			Pesan: "Satuan hanya untuk baris belanja; kosongkan pada baris pendapatan dan pembiayaan."})
	}
	return in, probs
}

// volumeOf reads a volume cell: a number Excel stores ("2.5") exactly, or
// text typed the Indonesian way ("2,5").
func volumeOf(s string, angka bool) (Volume, error) {
	if !angka {
		return ParseVolume("volume", s)
	}
	n, err := desimal(s, VolumeSkala)
	if err != nil {
		return 0, fault.Field("volume", "Volume harus berupa angka dengan paling banyak tiga angka di belakang koma, misalnya 2,5.")
	}
	if n < 0 {
		return 0, fault.Field("volume", "Volume tidak boleh negatif.")
	}
	if Volume(n) > MaxVolume {
		return 0, fault.Field("volume", "Volume terlalu besar.")
	}
	return Volume(n), nil
}

// rupiahOf reads an amount cell: a whole number Excel stores, or text
// ("Rp 1.250.000").
func rupiahOf(s string, angka bool) (Rupiah, error) {
	if !angka {
		return ParseRupiah("harga_satuan", s)
	}
	n, err := desimal(s, 1)
	if err != nil {
		return 0, fault.Field("harga_satuan", "Jumlah harus rupiah penuh tanpa sen, misalnya 1250000.")
	}
	if n < 0 {
		return 0, fault.Field("harga_satuan", "Jumlah tidak boleh negatif.")
	}
	if Rupiah(n) > MaxRupiah {
		return 0, fault.Field("harga_satuan", "Jumlah terlalu besar: paling banyak %s.", MaxRupiah)
	}
	return Rupiah(n), nil
}

// desimal reads a number as Excel stores it ("162500", "2.5",
// "1.25E+6") exactly and returns it times scale as a whole number. A
// binary rounding tail of a formula (162500.00000000003) is forgiven; a
// real fraction below 1/scale is not.
func desimal(s string, scale int64) (int64, error) {
	if len(s) > 40 {
		return 0, errors.New("too long")
	}
	// Only what Excel writes: digits, one point, an exponent of at most
	// two digits ("1.25E+6"); a crafted "1e99999999" would make SetString
	// compute a number of a hundred million digits.
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp := strings.TrimLeft(s[i+1:], "+-")
		if len(exp) == 0 || len(exp) > 2 {
			return 0, errors.New("exponent")
		}
	}
	if strings.ContainsAny(s, "/") {
		return 0, errors.New("not a number")
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, errors.New("not a number")
	}
	r.Mul(r, new(big.Rat).SetInt64(scale))
	// Nearest whole number, and how far from it.
	half := big.NewRat(1, 2)
	if r.Sign() < 0 {
		half.Neg(half)
	}
	q := new(big.Int).Quo(new(big.Rat).Add(r, half).Num(), new(big.Rat).Add(r, half).Denom())
	diff := new(big.Rat).Sub(r, new(big.Rat).SetInt(q))
	if diff.Abs(diff).Cmp(big.NewRat(1, 1_000_000)) > 0 {
		return 0, errors.New("fraction")
	}
	if !q.IsInt64() || q.Int64() > int64(MaxRupiah)*VolumeSkala || q.Int64() < -int64(MaxRupiah)*VolumeSkala {
		return 0, errors.New("too large")
	}
	return q.Int64(), nil
}

// ImporAPBDes imports the lines of the XLSX file data into the editable
// APBDes of tahun of the desa in ctx: the perubahan when one is open, else
// the murni, created as a draft when the year has none. ganti replaces
// every line; otherwise the lines are appended. Refused whole with an
// ImporError when any row is wrong, with a Conflict when the APBDes is
// locked (submitted, evaluated or set).
func (m *Module) ImporAPBDes(ctx context.Context, tahun int, data []byte, ganti bool, by Pelaku) (HasilImpor, error) {
	if tahun < TahunMin || tahun > TahunMax {
		return HasilImpor{}, fault.Field("path.tahun", "Tahun anggaran harus antara %d dan %d.", TahunMin, TahunMax)
	}
	rows, err := bacaImpor(data)
	if err != nil {
		return HasilImpor{}, err
	}
	// The rows are checked before the write transaction opens: the
	// reference asks administration for the perangkat in post, in a
	// transaction of its own, which on SQLite would wait for this one.
	ref, err := m.LoadReferensi(ctx, m.db, tahun)
	if err != nil {
		return HasilImpor{}, err
	}
	lines, err := periksaImpor(ref, rows)
	if err != nil {
		return HasilImpor{}, err
	}
	var h HasilImpor
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := m.now()
		a, dibuat, err := apbdesUntukImpor(ctx, tx, tahun, by, now)
		if err != nil {
			return err
		}
		if !BolehUbahBaris(a.Status) {
			return fault.New(fault.Conflict, "APBDes %s tahun %d tidak dapat diimpor: statusnya %s. Baris hanya dapat diubah selagi draf atau dikembalikan camat.", a.Versi, a.Tahun, NamaStatus(a.Status))
		}
		if ganti {
			n, err := hapusBarisImpor(ctx, tx, a)
			if err != nil {
				return err
			}
			h.Dihapus = n
		}
		if err := SimpanBaris(ctx, tx, a, lines, by.ID, now); err != nil {
			return err
		}
		all, err := ListBaris(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		tot, ok := Hitung(all)
		if !ok {
			return fault.New(fault.Invalid, "Jumlah APBDes melebihi batas; periksa angka pada berkas.")
		}
		h = HasilImpor{APBDesID: a.ID, Tahun: a.Tahun, Versi: a.Versi, Status: a.Status, Dibuat: dibuat,
			Diimpor: len(lines), Dihapus: h.Dihapus, Jumlah: len(all), Total: tot}
		return nil
	})
	if err != nil {
		return HasilImpor{}, err
	}
	return h, nil
}

// apbdesUntukImpor is the APBDes an import of tahun writes into: the one in
// force (the perubahan when there is one), or a new murni draft.
func apbdesUntukImpor(ctx context.Context, tx bun.IDB, tahun int, by Pelaku, now time.Time) (APBDes, bool, error) {
	a, err := GetAPBDesBerlaku(ctx, tx, tahun)
	if err == nil {
		return a, false, nil
	}
	if !fault.Is(err, fault.NotFound) {
		return a, false, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return a, false, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return a, false, err
	}
	now = now.UTC()
	a = APBDes{DesaID: desaID, ID: id.String(), Tahun: tahun, Versi: VersiMurni, Status: StatusDraft,
		CreatedBy: by.ID, CreatedAt: now, UpdatedBy: by.ID, UpdatedAt: now}
	if _, err := tx.NewInsert().Model(&a).Exec(ctx); err != nil {
		if db.IsUniqueViolation(err) {
			return a, false, fault.New(fault.Conflict, "APBDes tahun %d baru saja dibuat orang lain; muat ulang lalu coba lagi.", tahun)
		}
		return a, false, err
	}
	return a, true, nil
}

// hapusBarisImpor deletes every line of a for a replacing import. Lines
// that realisasi entries already point to are never deleted: the entries
// would lose their line.
func hapusBarisImpor(ctx context.Context, tx bun.IDB, a APBDes) (int, error) {
	used, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Transaksi)(nil)).
		Where("t.baris_id IN (?)", tx.NewSelect().Model((*Baris)(nil)).ColumnExpr("CAST(b.id AS TEXT)").
			Where("b.apbdes_id = ? AND b.desa_id = ?", a.ID, a.DesaID)))
	if err != nil {
		return 0, err
	}
	has, err := used.Exists(ctx)
	if err != nil {
		return 0, err
	}
	if has {
		return 0, fault.New(fault.Conflict, "Baris APBDes %s tahun %d sudah memiliki realisasi; impor dengan ganti tidak dapat menghapusnya. Impor tanpa ganti untuk menambah baris.", a.Versi, a.Tahun)
	}
	del, err := tenancy.Scope(ctx, tx.NewDelete().Model((*Baris)(nil)).Where("b.apbdes_id = ?", a.ID))
	if err != nil {
		return 0, err
	}
	res, err := del.Exec(ctx)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
