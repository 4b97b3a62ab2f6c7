package keuangan

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// API of the realisasi part: the journal (entries and their corrections),
// the books and reports derived from it. The year of a book is a query
// parameter; the LRA keeps the year in its path as its contract says.

func (m *Module) registerRealisasiAPI(api huma.API) {
	huma.Register(api, apiOp("create-keuangan-transaksi", http.MethodPost, "/desa/{kode}/transaksi",
		"Catat transaksi realisasi",
		"Penerimaan, pengeluaran (dengan PPN/PPh dipungut), panjar kepada pelaksana, SPJ panjar, setor pajak, atau mutasi kas tunai ↔ bank. "+
			"Tahun anggaran mengikuti tanggal; APBDes tahun itu harus sudah ditetapkan. Pengeluaran dan panjar tidak boleh melebihi sisa anggaran "+
			"baris (termasuk panjar yang belum di-SPJ-kan) maupun saldo kas. Transaksi tidak pernah diubah: koreksi dengan transaksi pembalik.",
		PermWrite), m.apiCreateTransaksi)
	huma.Register(api, apiOp("koreksi-keuangan-transaksi", http.MethodPost, "/desa/{kode}/transaksi/{id}/koreksi",
		"Koreksi transaksi dengan transaksi pembalik",
		"Mencatat transaksi berlawanan tanda yang menyebut transaksi asal; keduanya tetap tercatat di buku.", PermWrite), m.apiKoreksiTransaksi)
	huma.Register(api, apiOp("list-keuangan-transaksi", http.MethodGet, "/desa/{kode}/transaksi",
		"Jurnal transaksi realisasi satu tahun", "Urut waktu pencatatan. Lanjutkan dengan next_cursor sampai kosong.", PermRead), m.apiListTransaksi)
	huma.Register(api, apiOp("get-keuangan-lra", http.MethodGet, "/desa/{kode}/lra/{tahun}",
		"Laporan Realisasi Anggaran",
		"Anggaran, realisasi, sisa dan persen per kelompok, bidang, sub bidang, kegiatan, rekening dan baris APBDes, serta belanja per sumber dana. "+
			"semester=1 menghitung realisasi Januari–Juni, semester=2 Juli–Desember; tanpa semester setahun penuh.", PermRead), m.apiLRA)
	huma.Register(api, apiOp("get-keuangan-bku", http.MethodGet, "/desa/{kode}/bku",
		"Buku Kas Umum", "Diturunkan dari jurnal, dengan saldo berjalan kas tunai dan bank.", PermRead), m.apiBKU)
	huma.Register(api, apiOp("get-keuangan-buku-pajak", http.MethodGet, "/desa/{kode}/buku-pajak",
		"Buku pembantu pajak", "PPN/PPh dipungut dan disetor, dengan sisa yang belum disetor.", PermRead), m.apiBukuPajak)
	huma.Register(api, apiOp("get-keuangan-buku-kegiatan", http.MethodGet, "/desa/{kode}/buku-kegiatan",
		"Buku pembantu kegiatan", "Per kegiatan: anggaran, panjar, realisasi kumulatif dan sisa anggaran.", PermRead), m.apiBukuKegiatan)
	huma.Register(api, apiOp("get-keuangan-dana-desa", http.MethodGet, "/desa/{kode}/dana-desa",
		"Dana Desa per tahap",
		"Bagian tiap tahap, jumlah dan tanggal diterima di RKD, serta syarat penyaluran tahap berikutnya (terpenuhi atau belum, dengan angkanya).", PermRead), m.apiDanaDesa)
	m.registerAturanTahapAPI(api)
}

func pelakuID(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return "anon"
}

type createTransaksiInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body TransaksiBaru
}

type transaksiOutput struct{ Body Transaksi }

func (m *Module) apiCreateTransaksi(ctx context.Context, in *createTransaksiInput) (*transaksiOutput, error) {
	t, err := m.CatatTransaksi(ctx, in.Body, pelakuID(ctx))
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &transaksiOutput{Body: t}, nil
}

type koreksiInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id transaksi yang dikoreksi"`
	Body KoreksiBaru
}

func (m *Module) apiKoreksiTransaksi(ctx context.Context, in *koreksiInput) (*transaksiOutput, error) {
	t, err := m.KoreksiTransaksi(ctx, in.ID, in.Body, pelakuID(ctx))
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &transaksiOutput{Body: t}, nil
}

type tahunQuery struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `query:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran; kosong berarti tahun berjalan" example:"2026"`
}

func (m *Module) tahunAtauKini(ctx context.Context, tahun int) int {
	if tahun == 0 {
		return m.hariIniDesa(ctx).Year()
	}
	return tahun
}

type listTransaksiInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	page.Params
	Tahun int `query:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran; kosong berarti tahun berjalan" example:"2026"`
}

type transaksiPageOutput struct{ Body page.Page[Transaksi] }

type transaksiKey struct {
	ID string `json:"id"`
}

func (m *Module) apiListTransaksi(ctx context.Context, in *listTransaksiInput) (*transaksiPageOutput, error) {
	var after transaksiKey
	has, err := page.Decode(in.Cursor, &after)
	if err != nil {
		return nil, err
	}
	if has && after.ID == "" {
		return nil, fault.Field("query.cursor", "Cursor tidak sah.")
	}
	limit := in.Size()
	rows := []Transaksi{}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows).Where("t.tahun = ?", m.tahunAtauKini(ctx, in.Tahun)))
		if err != nil {
			return err
		}
		if has {
			sel = sel.Where("t.id > ?", after.ID)
		}
		return sel.Order("t.id").Limit(int64(limit) + 1).Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	return &transaksiPageOutput{Body: page.Of(rows, limit, func(t Transaksi) transaksiKey { return transaksiKey{t.ID} })}, nil
}

type lraInput struct {
	Kode     string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun    string `path:"tahun" doc:"Tahun anggaran" example:"2026"`
	Semester int    `query:"semester" minimum:"0" maximum:"2" doc:"1 atau 2; kosong berarti setahun"`
}

type lraOutput struct{ Body LRA }

// tahunDariPath reads a year in a path; anything else is no such page
// (404), as an unknown id is.
func tahunDariPath(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < TahunMin || n > TahunMax {
		return 0, fault.New(fault.NotFound, "Tahun anggaran %q tidak dikenal.", s)
	}
	return n, nil
}

func (m *Module) apiLRA(ctx context.Context, in *lraInput) (*lraOutput, error) {
	tahun, err := tahunDariPath(in.Tahun)
	if err != nil {
		return nil, err
	}
	l, err := m.LRA(ctx, tahun, in.Semester)
	if err != nil {
		return nil, err
	}
	return &lraOutput{Body: l}, nil
}

type bkuOutput struct{ Body BKU }

func (m *Module) apiBKU(ctx context.Context, in *tahunQuery) (*bkuOutput, error) {
	b, err := m.BKU(ctx, m.tahunAtauKini(ctx, in.Tahun))
	if err != nil {
		return nil, err
	}
	return &bkuOutput{Body: b}, nil
}

type bukuPajakOutput struct{ Body BukuPajak }

func (m *Module) apiBukuPajak(ctx context.Context, in *tahunQuery) (*bukuPajakOutput, error) {
	b, err := m.BukuPajak(ctx, m.tahunAtauKini(ctx, in.Tahun))
	if err != nil {
		return nil, err
	}
	return &bukuPajakOutput{Body: b}, nil
}

type bukuKegiatanOutput struct {
	Body struct {
		Kegiatan []BukuKegiatan `json:"kegiatan"`
	}
}

func (m *Module) apiBukuKegiatan(ctx context.Context, in *tahunQuery) (*bukuKegiatanOutput, error) {
	b, err := m.BukuKegiatan(ctx, m.tahunAtauKini(ctx, in.Tahun))
	if err != nil {
		return nil, err
	}
	out := &bukuKegiatanOutput{}
	out.Body.Kegiatan = b
	return out, nil
}

type danaDesaOutput struct{ Body DanaDesa }

func (m *Module) apiDanaDesa(ctx context.Context, in *tahunQuery) (*danaDesaOutput, error) {
	d, err := m.DanaDesa(ctx, m.tahunAtauKini(ctx, in.Tahun))
	if err != nil {
		return nil, err
	}
	return &danaDesaOutput{Body: d}, nil
}
