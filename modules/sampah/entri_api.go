package sampah

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
)

// API of the bank sampah journal.

func (m *Module) registerEntriAPI(api huma.API) {
	huma.Register(api, apiOp("create-sampah-setoran", http.MethodPost, "/desa/{kode}/sampah/setoran",
		"Catat setoran nasabah",
		"Berat per jenis sampah dari nasabah aktif bank sampah aktif; harga disalin dari daftar harga yang berlaku pada tanggal setoran "+
			"dan nilainya menambah saldo nasabah. Tanggal kosong berarti hari ini; tidak boleh di masa depan atau sebelum 1 Januari tahun lalu. "+
			"id (UUIDv7 buatan klien) membuat kiriman ulang aman: id yang sama mengembalikan entri yang sama. Jawaban memuat saldo baru.",
		PermEntri), m.apiSetoran)
	huma.Register(api, apiOp("create-sampah-penarikan", http.MethodPost, "/desa/{kode}/sampah/penarikan",
		"Catat penarikan saldo nasabah", "Paling banyak sebesar saldo; dua penarikan bersamaan tidak pernah melampaui saldo.",
		PermEntri), m.apiPenarikan)
	huma.Register(api, apiOp("create-sampah-penjualan", http.MethodPost, "/desa/{kode}/sampah/penjualan",
		"Catat penjualan ke pengepul", "Jumlah dan harga jual per satuan per jenis; pendapatan unit, tanpa nasabah.",
		PermEntri), m.apiPenjualan)
	huma.Register(api, apiOp("koreksi-sampah-entri", http.MethodPost, "/desa/{kode}/sampah/entri/{id}/koreksi",
		"Koreksi entri dengan entri pembalik",
		"Mencatat entri berlawanan tanda yang menyebut entri asal dan alasannya; keduanya tetap tercatat. Satu entri dikoreksi sekali. "+
			"Koreksi setoran tidak boleh membuat saldo negatif: koreksi penarikannya lebih dahulu.",
		PermEntri), m.apiKoreksi)
	huma.Register(api, apiOp("get-sampah-entri", http.MethodGet, "/desa/{kode}/sampah/entri/{id}",
		"Satu entri (struk)", "Entri dengan rincian per jenis, nama nasabah dan saldo setelah entri.", PermNasabah), m.apiGetEntri)
	huma.Register(api, apiOp("list-sampah-entri", http.MethodGet, "/desa/{kode}/sampah/entri",
		"Jurnal bank sampah", "Terbaru lebih dahulu. Lanjutkan dengan next_cursor sampai kosong.", PermNasabah), m.apiListEntri)
	huma.Register(api, apiOp("get-sampah-penjualan-rekap", http.MethodGet, "/desa/{kode}/sampah/penjualan/rekap",
		"Rekap penjualan ke pengepul", "Jumlah dan pendapatan per jenis per bulan dalam setahun; penjualan yang dikoreksi tidak dihitung.",
		PermRead), m.apiRekap)
}

type entriOutput struct{ Body EntriDetail }

type setoranInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body SetoranBaru
}

func (m *Module) apiSetoran(ctx context.Context, in *setoranInput) (*entriOutput, error) {
	e, err := m.CatatSetoran(ctx, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &entriOutput{Body: e}, nil
}

type penarikanInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body PenarikanBaru
}

func (m *Module) apiPenarikan(ctx context.Context, in *penarikanInput) (*entriOutput, error) {
	e, err := m.CatatPenarikan(ctx, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &entriOutput{Body: e}, nil
}

type penjualanInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body PenjualanBaru
}

func (m *Module) apiPenjualan(ctx context.Context, in *penjualanInput) (*entriOutput, error) {
	e, err := m.CatatPenjualan(ctx, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &entriOutput{Body: e}, nil
}

type koreksiInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id entri yang dikoreksi"`
	Body KoreksiEntri
}

func (m *Module) apiKoreksi(ctx context.Context, in *koreksiInput) (*entriOutput, error) {
	e, err := m.Koreksi(ctx, in.ID, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &entriOutput{Body: e}, nil
}

type entriIDInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id"`
}

func (m *Module) apiGetEntri(ctx context.Context, in *entriIDInput) (*entriOutput, error) {
	e, err := m.GetEntri(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &entriOutput{Body: e}, nil
}

type listEntriInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	page.Params
	Fasilitas string `query:"fasilitas" doc:"Id bank sampah; kosong: semua"`
	Dari      string `query:"dari" doc:"Tanggal awal (TTTT-BB-HH)"`
	Sampai    string `query:"sampai" doc:"Tanggal akhir (TTTT-BB-HH)"`
	Jenis     string `query:"jenis" enum:"setoran,penarikan,penjualan,koreksi" doc:"Jenis entri; kosong: semua"`
}

type entriPageOutput struct{ Body page.Page[EntriJurnal] }

type entriKey struct {
	ID string `json:"id"`
}

func (m *Module) apiListEntri(ctx context.Context, in *listEntriInput) (*entriPageOutput, error) {
	var after entriKey
	has, err := page.Decode(in.Cursor, &after)
	if err != nil {
		return nil, err
	}
	if has && after.ID == "" {
		return nil, fault.Field("query.cursor", "Cursor tidak sah.")
	}
	limit := in.Size()
	rows, err := m.ListJurnal(ctx, JurnalQuery{FasilitasID: in.Fasilitas, Dari: civil.Date(in.Dari), Sampai: civil.Date(in.Sampai),
		Jenis: in.Jenis, Sebelum: after.ID, Limit: limit})
	if err != nil {
		return nil, err
	}
	return &entriPageOutput{Body: page.Of(rows, limit, func(j EntriJurnal) entriKey { return entriKey{j.ID} })}, nil
}

type rekapInput struct {
	Kode      string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Fasilitas string `query:"fasilitas" required:"true" doc:"Id bank sampah"`
	Tahun     int    `query:"tahun" minimum:"2000" maximum:"2100" doc:"Kosong: tahun berjalan"`
}

type rekapOutput struct{ Body RekapPenjualan }

func (m *Module) apiRekap(ctx context.Context, in *rekapInput) (*rekapOutput, error) {
	r, err := m.Rekap(ctx, in.Fasilitas, in.Tahun)
	if err != nil {
		return nil, err
	}
	return &rekapOutput{Body: r}, nil
}
