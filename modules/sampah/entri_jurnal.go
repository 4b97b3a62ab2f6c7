package sampah

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The journal as a list, and the unit's sales summed per jenis and month.

// EntriJurnal is an entry in the journal list.
type EntriJurnal struct {
	Entri
	NamaNasabah  string `bun:"nama_nasabah" json:"nama_nasabah,omitempty"`
	NomorNasabah int    `bun:"nomor_nasabah" json:"nomor_nasabah,omitempty"`
	// DikoreksiOleh is the koreksi that undid the entry, if any.
	DikoreksiOleh string `bun:"dikoreksi_oleh" json:"dikoreksi_oleh,omitempty"`
}

// JurnalQuery filters the journal; Sebelum is the cursor (the list runs
// newest first by id).
type JurnalQuery struct {
	FasilitasID string
	Dari        civil.Date
	Sampai      civil.Date
	Jenis       string
	NasabahID   string
	Sebelum     string
	Limit       int
}

// jurnalSah checks a journal query; field names are the API's query
// parameters.
func jurnalSah(q JurnalQuery) error {
	var p valid.Problems
	if q.FasilitasID != "" {
		if err := cekID(q.FasilitasID, "Bank sampah"); err != nil {
			p.Add("query.fasilitas", "Bank sampah tidak ditemukan.")
		}
	}
	for _, d := range []struct {
		field string
		v     civil.Date
	}{{"query.dari", q.Dari}, {"query.sampai", q.Sampai}} {
		if d.v != "" {
			if _, err := civil.ParseDate(string(d.v)); err != nil {
				p.Add(d.field, "Tanggal tidak sah (tulis TTTT-BB-HH).")
			}
		}
	}
	p.Order("Tanggal awal", q.Dari, "query.sampai", "Tanggal akhir", q.Sampai)
	switch q.Jenis {
	case "", EntriSetoran, EntriPenarikan, EntriPenjualan, EntriKoreksi:
	default:
		p.Add("query.jenis", "Jenis entri harus setoran, penarikan, penjualan atau koreksi.")
	}
	return p.Err()
}

// ListJurnal lists entries newest first, up to q.Limit+1 rows (the extra
// one tells the caller another page follows).
func (m *Module) ListJurnal(ctx context.Context, q JurnalQuery) ([]EntriJurnal, error) {
	if err := jurnalSah(q); err != nil {
		return nil, err
	}
	rows := []EntriJurnal{}
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		sel := tx.NewSelect().TableExpr("sampah_entri AS e").
			ColumnExpr("e.*").
			ColumnExpr("coalesce(n.nama, '') AS nama_nasabah, coalesce(n.nomor, 0) AS nomor_nasabah").
			ColumnExpr("coalesce((SELECT CAST(k.id AS TEXT) FROM sampah_entri AS k WHERE k.desa_id = e.desa_id AND k.koreksi_id <> '' AND k.koreksi_id = CAST(e.id AS TEXT)), '') AS dikoreksi_oleh").
			Join("LEFT JOIN sampah_nasabah AS n ON n.desa_id = e.desa_id AND CAST(n.id AS TEXT) = e.nasabah_id").
			OrderExpr("e.id DESC").Limit(int64(q.Limit) + 1)
		if q.FasilitasID != "" {
			sel = sel.Where("e.fasilitas_id = ?", q.FasilitasID)
		}
		if q.Dari != "" {
			sel = sel.Where("e.tanggal >= ?", q.Dari)
		}
		if q.Sampai != "" {
			sel = sel.Where("e.tanggal <= ?", q.Sampai)
		}
		if q.Jenis != "" {
			sel = sel.Where("e.jenis = ?", q.Jenis)
		}
		if q.NasabahID != "" {
			sel = sel.Where("e.nasabah_id = ?", q.NasabahID)
		}
		if q.Sebelum != "" {
			sel = sel.Where("e.id < ?", q.Sebelum)
		}
		sel, err := tenancy.ScopeColumn(ctx, sel, "e.desa_id")
		if err != nil {
			return err
		}
		return sel.Scan(ctx, &rows)
	})
	for i := range rows {
		if rows[i].NasabahID == koreksiTanpaNasabah {
			rows[i].NasabahID = ""
		}
	}
	return rows, err
}

// RekapBulan is one month of a jenis's sales.
type RekapBulan struct {
	Jumlah Takaran `json:"jumlah_milli" doc:"Perseribu satuan (gram untuk kg)"`
	Nilai  int64   `json:"nilai" doc:"Rupiah"`
}

// RekapJenis is a year of sales of one jenis.
type RekapJenis struct {
	JenisID string         `json:"jenis_id"`
	Kode    string         `json:"kode"`
	Nama    string         `json:"nama"`
	Satuan  string         `json:"satuan"`
	Bulan   [12]RekapBulan `json:"bulan" doc:"Januari sampai Desember"`
	Total   RekapBulan     `json:"total"`
}

// RekapPenjualan is a bank sampah's sales to pengepul in a year: tonnage
// and revenue per jenis and month, no person. A reversed sale counts
// nothing.
type RekapPenjualan struct {
	FasilitasID string       `json:"fasilitas_id"`
	Tahun       int          `json:"tahun"`
	Jenis       []RekapJenis `json:"jenis"`
	TotalNilai  int64        `json:"total_nilai"`
	TotalGram   int64        `json:"total_gram" doc:"Jenis bersatuan kg saja"`
}

// Rekap computes the sales of fasilitasID in tahun (0: this year).
func (m *Module) Rekap(ctx context.Context, fasilitasID string, tahun int) (RekapPenjualan, error) {
	today := m.hariIni(ctx)
	if tahun == 0 {
		tahun = today.Year()
	}
	out := RekapPenjualan{FasilitasID: fasilitasID, Tahun: tahun, Jenis: []RekapJenis{}}
	if tahun < TahunMin || tahun > today.Year() {
		return out, fault.Field("query.tahun", "Tahun harus antara %d dan %d.", TahunMin, today.Year())
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		f, err := GetFasilitas(ctx, tx, fasilitasID)
		if err != nil {
			return err
		}
		if err := butuhJenis(f, "query.fasilitas", FasilitasBankSampah); err != nil {
			return err
		}
		var rows []struct {
			JenisID string `bun:"jenis_id"`
			Kode    string `bun:"kode"`
			Nama    string `bun:"nama"`
			Satuan  string `bun:"satuan"`
			Bulan   int    `bun:"bulan"`
			Jumlah  int64  `bun:"jumlah"`
			Nilai   int64  `bun:"nilai"`
		}
		awal, akhir := civil.Date(strconv.Itoa(tahun)+"-01-01"), civil.Date(strconv.Itoa(tahun)+"-12-31")
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("sampah_entri AS e").
			Join("JOIN sampah_entri_rinci AS r ON r.desa_id = e.desa_id AND r.entri_id = e.id").
			Join("JOIN sampah_jenis AS j ON j.desa_id = r.desa_id AND j.id = r.jenis_id").
			ColumnExpr("CAST(r.jenis_id AS TEXT) AS jenis_id, j.kode, j.nama, j.satuan").
			ColumnExpr(bulanExpr(m.db.Engine, "e.tanggal")+" AS bulan, sum(r.jumlah_milli) AS jumlah, sum(r.nilai) AS nilai").
			Where("e.jenis = ?", EntriPenjualan).Where("e.fasilitas_id = ?", f.ID).
			Where("e.tanggal BETWEEN ? AND ?", awal, akhir).Where(notReversed).
			GroupExpr("r.jenis_id, j.kode, j.nama, j.satuan, "+bulanExpr(m.db.Engine, "e.tanggal")).
			OrderExpr("j.kode"), "e.desa_id")
		if err != nil {
			return err
		}
		if err := q.Scan(ctx, &rows); err != nil {
			return err
		}
		idx := map[string]int{}
		for _, r := range rows {
			i, ok := idx[r.JenisID]
			if !ok {
				i = len(out.Jenis)
				idx[r.JenisID] = i
				out.Jenis = append(out.Jenis, RekapJenis{JenisID: r.JenisID, Kode: r.Kode, Nama: r.Nama, Satuan: r.Satuan})
			}
			j := &out.Jenis[i]
			if r.Bulan >= 1 && r.Bulan <= 12 {
				j.Bulan[r.Bulan-1].Jumlah += Takaran(r.Jumlah)
				j.Bulan[r.Bulan-1].Nilai += r.Nilai
			}
			j.Total.Jumlah += Takaran(r.Jumlah)
			j.Total.Nilai += r.Nilai
			out.TotalNilai += r.Nilai
			if r.Satuan == "kg" {
				out.TotalGram += r.Jumlah
			}
		}
		return nil
	})
	return out, err
}
