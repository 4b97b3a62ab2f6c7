package umkm

import (
	"bytes"
	"context"
	"net/http"
	"strings"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// The XLSX of a wilayah's (or one desa's) UMKM and BUMDes, for the Dinas
// Koperasi & UMKM, the camat and the bupati (PermRead): sheet "UMKM" with
// the owner's name masked (the NIK, NIB and NPWP are not in it; NIB only as
// present or not) and sheet "BUMDes" with one row per desa and year. Every
// download is recorded in the audit log before it is sent (UU PDP 27/2022
// Pasal 31: the owners' names, even masked, are personal data).

// AksiUnduhXLSX is the audit action of a download.
const AksiUnduhXLSX = "umkm-unduh-xlsx"

// Columns of the sheets.
var (
	kolomUmkm = []string{"Kode desa", "Desa", "Kecamatan", "Nama usaha", "Pemilik (disamarkan)", "NIB", "KBLI", "Sektor",
		"Skala", "Tenaga kerja", "Status", "Jumlah produk", "Jumlah bantuan"}
	kolomBUMDes = []string{"Kode desa", "Desa", "Kecamatan", "Nama BUMDes", "Badan hukum", "Nomor badan hukum", "Klasifikasi",
		"Tahun klasifikasi", "Tenaga kerja", "Tahun", "Omzet (Rp)", "Laba (Rp)", "PADes (Rp)", "Penyertaan modal (Rp)", "Aset (Rp)"}
)

// hitungPer is a count per UMKM.
type hitungPer struct {
	DesaID int64  `bun:"desa_id"`
	UmkmID string `bun:"umkm_id"`
	N      int    `bun:"n"`
}

// countPer counts model's rows per UMKM of the desa ids.
func countPer(ctx context.Context, tx bun.Tx, model any, alias string, ids []int64) (map[kunci]int, error) {
	var hs []hitungPer
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(model).Column(alias+".desa_id", alias+".umkm_id").
		ColumnExpr("COUNT(*) AS n"), alias+".desa_id")
	if err != nil {
		return nil, err
	}
	err = q.Where(alias+".desa_id IN (?)", bun.In(ids)).Group(alias+".desa_id", alias+".umkm_id").Scan(ctx, &hs)
	out := map[kunci]int{}
	for _, h := range hs {
		out[kunci{h.DesaID, h.UmkmID}] = h.N
	}
	return out, err
}

// EksporXLSX makes the XLSX of kode (a desa, kecamatan or kabupaten) and
// its file name.
func (m *Module) EksporXLSX(ctx context.Context, kode tenancy.Kode) (string, []byte, error) {
	_, ds, err := m.wilayahDesa(ctx, kode)
	if err != nil {
		return "", nil, err
	}
	ids := desaIDs(ds)
	var (
		us           []Umkm
		produk, bant map[kunci]int
		bs           []BUMDes
		years        []TahunBUMDes
	)
	if len(ids) > 0 {
		err = m.db.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: kode}), func(ctx context.Context, tx bun.Tx) error {
			q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&us), "u.desa_id")
			if err != nil {
				return err
			}
			if err := q.Where("u.desa_id IN (?)", bun.In(ids)).OrderExpr("u.desa_id, u.nama, u.id").Scan(ctx); err != nil {
				return err
			}
			if produk, err = countPer(ctx, tx, (*Produk)(nil), "p", ids); err != nil {
				return err
			}
			if bant, err = countPer(ctx, tx, (*Bantuan)(nil), "b", ids); err != nil {
				return err
			}
			if bs, err = bumdesIn(ctx, tx, ids); err != nil {
				return err
			}
			years, err = tahunIn(ctx, tx, ids)
			return err
		})
		if err != nil {
			return "", nil, err
		}
	}
	desa := map[int64]DesaInfo{}
	for _, d := range ds {
		desa[d.Kode.ID()] = d
	}
	sektor := namaSektor()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "UMKM"); err != nil {
		return "", nil, err
	}
	if _, err := f.NewSheet("BUMDes"); err != nil {
		return "", nil, err
	}
	var rows [][]any
	for _, u := range us {
		u = u.Tersamar()
		d := desa[u.DesaID]
		nib := "Tidak"
		if u.NIB != "" {
			nib = "Ya"
		}
		s := u.Sektor
		if n := sektor[s]; n != "" {
			s += " " + n
		}
		rows = append(rows, []any{string(d.Kode), d.Nama, d.NamaKecamatan, u.Nama, u.PemilikNama, nib, u.KBLI, s,
			u.Skala, u.TenagaKerja, u.Status, produk[kunci{u.DesaID, u.ID}], bant[kunci{u.DesaID, u.ID}]})
	}
	if err := tulisSheet(f, "UMKM", kolomUmkm, rows); err != nil {
		return "", nil, err
	}
	perDesa := map[int64][]TahunBUMDes{}
	for _, y := range years {
		perDesa[y.DesaID] = append(perDesa[y.DesaID], y)
	}
	rows = nil
	for _, b := range bs {
		d := desa[b.DesaID]
		hukum := "Belum"
		if b.BadanHukum {
			hukum = "Terdaftar"
		}
		awal := []any{string(d.Kode), d.Nama, d.NamaKecamatan, b.Nama, hukum, b.BadanHukumNomor, b.Klasifikasi,
			nolKosong(b.KlasifikasiTahun), b.TenagaKerja}
		if len(perDesa[b.DesaID]) == 0 {
			rows = append(rows, append(awal, "", "", "", "", "", ""))
		}
		for _, y := range perDesa[b.DesaID] {
			rows = append(rows, append(append([]any{}, awal...), y.Tahun, y.Omzet, y.Laba, y.PADes, y.PenyertaanModal, y.Aset))
		}
	}
	if err := tulisSheet(f, "BUMDes", kolomBUMDes, rows); err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return "", nil, err
	}
	return "umkm-bumdes-" + strings.ReplaceAll(string(kode), ".", "") + ".xlsx", buf.Bytes(), nil
}

func nolKosong(n int) any {
	if n == 0 {
		return ""
	}
	return n
}

// tulisSheet writes a header row and rows to sheet, numbers as numbers.
func tulisSheet(f *excelize.File, sheet string, kolom []string, rows [][]any) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	angka, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	if err != nil {
		return err
	}
	for i, h := range kolom {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, bold); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, float64(max(12, min(40, len(h)+4)))); err != nil {
			return err
		}
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			switch n := v.(type) {
			case string:
				err = f.SetCellStr(sheet, cell, n)
			case int:
				err = f.SetCellInt(sheet, cell, int64(n))
			case int64:
				if err = f.SetCellInt(sheet, cell, n); err == nil {
					err = f.SetCellStyle(sheet, cell, cell, angka)
				}
			default:
				err = f.SetCellValue(sheet, cell, n)
			}
			if err != nil {
				return err
			}
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// pageUnduh sends the XLSX of the page's wilayah or desa after recording
// the download.
func (m *Module) pageUnduh(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	name, b, err := m.EksporXLSX(ctx, t.Kode)
	if err != nil {
		m.pages.Fault(rw, r, err)
		return
	}
	if m.audit != nil {
		u, _ := auth.UserFrom(ctx)
		err := m.audit.Append(ctx, audit.Entry{Kode: t.Kode, Actor: u.ID, Action: AksiUnduhXLSX, Object: r.URL.Path,
			Status: http.StatusOK, RequestID: httpserver.RequestID(ctx)})
		if err != nil {
			m.pages.ServerError(rw, r, err)
			return
		}
	}
	web.Download(rw, tipeXLSX, name, b)
}
