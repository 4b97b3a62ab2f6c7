package sampah

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The reads of the dossier section beyond CapaianSampai: one desa's logs
// per facility and month, its days not operating and log notes, and its
// bank sampah's amounts per jenis — sums and facility names, never a
// nasabah.

// bulanKunciExpr is the year and month ("2026-03") of a date column on
// both engines.
func bulanKunciExpr(col string) string { return "substr(CAST(" + col + " AS TEXT), 1, 7)" }

// dossierLogBulan is one facility's log sums of one month.
type dossierLogBulan struct {
	FasilitasID string `bun:"fasilitas_id"`
	Bulan       string `bun:"bulan"`
	Organik     int64  `bun:"organik"`
	Anorganik   int64  `bun:"anorganik"`
	Residu      int64  `bun:"residu"`
	Kompos      int64  `bun:"kompos"`
	ResiduTPA   int64  `bun:"residu_tpa"`
	HariOperasi int    `bun:"hari_operasi"`
	HariLog     int    `bun:"hari_log"`
}

func dossierLogPerBulan(ctx context.Context, tx bun.IDB, dari, sampai civil.Date) ([]dossierLogBulan, error) {
	var rows []dossierLogBulan
	q := tx.NewSelect().TableExpr("sampah_log AS l").
		ColumnExpr("CAST(l.fasilitas_id AS TEXT) AS fasilitas_id, "+bulanKunciExpr("l.tanggal")+" AS bulan").
		ColumnExpr("sum(l.organik_gram) AS organik, sum(l.anorganik_gram) AS anorganik, sum(l.residu_gram) AS residu").
		ColumnExpr("sum(l.kompos_gram) AS kompos, sum(l.residu_tpa_gram) AS residu_tpa").
		ColumnExpr("sum(CASE WHEN l.beroperasi THEN 1 ELSE 0 END) AS hari_operasi, count(*) AS hari_log").
		Where("l.tanggal BETWEEN ? AND ?", dari, sampai).
		GroupExpr("l.fasilitas_id, " + bulanKunciExpr("l.tanggal")).
		OrderExpr("1, 2")
	q, err := tenancy.ScopeColumn(ctx, q, "l.desa_id")
	if err != nil {
		return nil, err
	}
	return rows, q.Scan(ctx, &rows)
}

// dossierCatatan is one logged day with a note or not operating.
type dossierCatatan struct {
	FasilitasID string     `bun:"fasilitas_id"`
	Tanggal     civil.Date `bun:"tanggal"`
	Beroperasi  bool       `bun:"beroperasi"`
	Catatan     string     `bun:"catatan"`
}

// dossierCatatanMaks bounds the notes the dossier lists, newest first.
const dossierCatatanMaks = 15

// dossierCatatanLog lists up to dossierCatatanMaks logged days with a note
// between dari and sampai, newest first, and how many there are.
func dossierCatatanLog(ctx context.Context, tx bun.IDB, dari, sampai civil.Date) ([]dossierCatatan, int, error) {
	var rows []dossierCatatan
	q := tx.NewSelect().TableExpr("sampah_log AS l").
		ColumnExpr("CAST(l.fasilitas_id AS TEXT) AS fasilitas_id, l.tanggal, l.beroperasi, l.catatan").
		Where("l.tanggal BETWEEN ? AND ?", dari, sampai).Where("l.catatan <> ''").
		OrderExpr("l.tanggal DESC, l.fasilitas_id").Limit(dossierCatatanMaks)
	q, err := tenancy.ScopeColumn(ctx, q, "l.desa_id")
	if err != nil {
		return nil, 0, err
	}
	n, err := q.ScanAndCount(ctx, &rows)
	return rows, int(n), err
}

// dossierJenisJumlah is the amount of one jenis in setoran or penjualan.
type dossierJenisJumlah struct {
	FasilitasID string `bun:"fasilitas_id"`
	Jenis       string `bun:"jenis"` // setoran or penjualan
	Kode        string `bun:"kode"`
	Nama        string `bun:"nama"`
	Satuan      string `bun:"satuan"`
	Jumlah      int64  `bun:"jumlah"`
	Nilai       int64  `bun:"nilai"`
}

// dossierPerJenis sums setoran and penjualan per jenis between dari and
// sampai; a reversed entry counts nothing.
func dossierPerJenis(ctx context.Context, tx bun.IDB, dari, sampai civil.Date) ([]dossierJenisJumlah, error) {
	var rows []dossierJenisJumlah
	q := tx.NewSelect().TableExpr("sampah_entri AS e").
		Join("JOIN sampah_entri_rinci AS r ON r.desa_id = e.desa_id AND r.entri_id = e.id").
		Join("JOIN sampah_jenis AS j ON j.desa_id = r.desa_id AND j.id = r.jenis_id").
		ColumnExpr("CAST(e.fasilitas_id AS TEXT) AS fasilitas_id, e.jenis, j.kode, j.nama, j.satuan").
		ColumnExpr("sum(r.jumlah_milli) AS jumlah, sum(r.nilai) AS nilai").
		Where("e.jenis IN (?, ?)", EntriSetoran, EntriPenjualan).
		Where("e.tanggal BETWEEN ? AND ?", dari, sampai).Where(notReversed).
		GroupExpr("e.fasilitas_id, e.jenis, j.kode, j.nama, j.satuan").
		OrderExpr("1, 2, 3")
	q, err := tenancy.ScopeColumn(ctx, q, "e.desa_id")
	if err != nil {
		return nil, err
	}
	return rows, q.Scan(ctx, &rows)
}
