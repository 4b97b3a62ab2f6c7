package sampah

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
)

// API of the fasilitas part: facilities, a bank sampah's jenis sampah and
// their price list.

const fasilitasAPI = "/desa/{kode}/sampah/fasilitas"

func (m *Module) registerFasilitasAPI(api huma.API) {
	huma.Register(api, apiOp("list-sampah-fasilitas", http.MethodGet, fasilitasAPI,
		"Fasilitas pengelolaan sampah desa",
		"TPS3R, bank sampah, TPS dan depo desa, urut jenis lalu nama. Saring dengan jenis= dan status=. "+
			"Lanjutkan dengan next_cursor sampai kosong.", PermRead), m.apiListFasilitas)
	huma.Register(api, apiOp("get-sampah-fasilitas", http.MethodGet, fasilitasAPI+"/{id}",
		"Satu fasilitas", "Dengan nama kegiatan APBDes pendanaannya bila kodenya dikenal daftar kegiatan keuangan desa.",
		PermRead), m.apiGetFasilitas)
	huma.Register(api, apiOp("create-sampah-fasilitas", http.MethodPost, fasilitasAPI,
		"Catat fasilitas",
		"Nama 3–100 karakter, unik per jenis di desa. Status tidak_aktif wajib beralasan. Kapasitas dan densitas ditulis "+
			"seperti di formulir (\"2.500\", \"12,5\"); koordinat dalam derajat desimal di wilayah Indonesia (kosongkan "+
			"keduanya bila belum diketahui). Kode kegiatan diperiksa pada daftar kegiatan APBDes tahun dibangun, lalu tahun "+
			"berjalan. Densitas (kg/m³) hanya untuk TPS3R: log hariannya yang dicatat dalam m³ dikonversi dengannya.",
		PermKelola), m.apiCreateFasilitas)
	huma.Register(api, apiOp("update-sampah-fasilitas", http.MethodPut, fasilitasAPI+"/{id}",
		"Ubah fasilitas",
		"Aturan isian sama dengan pencatatan; jenis fasilitas tetap. Kirim diubah persis seperti yang dibaca: bila fasilitas "+
			"sudah diubah orang lain sejak itu, perubahan ditolak dengan 409 dan tidak ada yang tertimpa.",
		PermKelola), m.apiUpdateFasilitas)
	huma.Register(api, apiOp("list-sampah-jenis", http.MethodGet, fasilitasAPI+"/{id}/jenis",
		"Jenis sampah bank sampah",
		"Jenis sampah yang dibeli bank sampah, urut kelompok lalu kode, masing-masing dengan harga yang berlaku hari ini. "+
			"Fasilitas selain bank sampah tidak punya jenis (daftar kosong).", PermRead), m.apiListJenis)
	huma.Register(api, apiOp("create-sampah-jenis", http.MethodPost, fasilitasAPI+"/{id}/jenis",
		"Tambah jenis sampah",
		"Hanya untuk bank sampah. Kode 1–10 huruf besar atau angka, unik di bank sampah itu; satuan kg, pcs atau liter.",
		PermKelola), m.apiCreateJenis)
	huma.Register(api, apiOp("update-sampah-jenis", http.MethodPut, fasilitasAPI+"/{id}/jenis/{jenisId}",
		"Ubah jenis sampah",
		"Nama, kelompok dan aktif. Satuan hanya dapat diubah selama jenis belum punya harga; kode tetap.",
		PermKelola), m.apiUpdateJenis)
	huma.Register(api, apiOp("list-sampah-harga", http.MethodGet, fasilitasAPI+"/{id}/jenis/{jenisId}/harga",
		"Riwayat harga jenis sampah", "Semua harga jenis ini, terbaru dahulu.", PermRead), m.apiListHarga)
	huma.Register(api, apiOp("create-sampah-harga", http.MethodPost, fasilitasAPI+"/{id}/jenis/{jenisId}/harga",
		"Catat harga jenis sampah",
		"Harga berlaku mulai tanggalnya (2000-01-01 sampai 366 hari ke depan), 0 sampai 10.000.000 rupiah per satuan. "+
			"Setiap setoran menyalin harga yang berlaku pada tanggal setoran itu, jadi harga yang dicatat kemudian tidak "+
			"pernah mengubah setoran yang sudah tersimpan. Harga yang tercatat tidak diubah: tanggal yang sudah punya harga "+
			"ditolak dengan 409.", PermKelola), m.apiCreateHarga)
}

type listFasilitasInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	page.Params
	Jenis  string `query:"jenis" enum:"tps3r,bank_sampah,tps,depo" doc:"Hanya fasilitas jenis ini"`
	Status string `query:"status" enum:"aktif,tidak_aktif" doc:"Hanya fasilitas berstatus ini"`
}

type fasilitasPageOutput struct{ Body page.Page[Fasilitas] }

func (m *Module) apiListFasilitas(ctx context.Context, in *listFasilitasInput) (*fasilitasPageOutput, error) {
	var after fasilitasKunciHalaman
	has, err := page.Decode(in.Cursor, &after)
	if err != nil {
		return nil, err
	}
	if has && (after.ID == "" || after.Jenis == "") {
		return nil, fault.Field("query.cursor", "Cursor tidak sah.")
	}
	q := FasilitasQuery{Jenis: in.Jenis, Status: in.Status, Limit: in.Size()}
	var rows []Fasilitas
	err = m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var a *fasilitasKunciHalaman
		if has {
			a = &after
		}
		rows, err = fasilitasHalaman(ctx, tx, q, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &fasilitasPageOutput{Body: page.Of(rows, q.Limit, func(f Fasilitas) fasilitasKunciHalaman {
		return fasilitasKunciHalaman{Jenis: f.Jenis, Nama: f.Nama, ID: f.ID}
	})}, nil
}

type fasilitasPath struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id fasilitas"`
}

// FasilitasRinci is a facility with the name of its kegiatan.
type FasilitasRinci struct {
	Fasilitas
	KegiatanNama string `json:"kegiatan_nama,omitempty" doc:"Nama kegiatan APBDes bila kodenya dikenal"`
}

type fasilitasOutput struct{ Body FasilitasRinci }

// fasilitasRinci reads a facility and names its kegiatan.
func (m *Module) fasilitasRinci(ctx context.Context, id string) (FasilitasRinci, error) {
	var r FasilitasRinci
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var err error
		r.Fasilitas, err = GetFasilitas(ctx, tx, id)
		return err
	})
	if err != nil {
		return r, err
	}
	r.KegiatanNama, _, err = m.fasilitasKegiatan(ctx, r.KegiatanKode, r.TahunDibangun, m.tahunKini(ctx))
	return r, err
}

func (m *Module) apiGetFasilitas(ctx context.Context, in *fasilitasPath) (*fasilitasOutput, error) {
	r, err := m.fasilitasRinci(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &fasilitasOutput{Body: r}, nil
}

type createFasilitasInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body FasilitasBaru
}

func (m *Module) apiCreateFasilitas(ctx context.Context, in *createFasilitasInput) (*fasilitasOutput, error) {
	f, err := m.TambahFasilitas(ctx, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return m.fasilitasSesudah(ctx, f)
}

// fasilitasSesudah answers a write with the facility as saved.
func (m *Module) fasilitasSesudah(ctx context.Context, f Fasilitas) (*fasilitasOutput, error) {
	nama, _, err := m.fasilitasKegiatan(ctx, f.KegiatanKode, f.TahunDibangun, m.tahunKini(ctx))
	if err != nil {
		return nil, err
	}
	return &fasilitasOutput{Body: FasilitasRinci{Fasilitas: f, KegiatanNama: nama}}, nil
}

type updateFasilitasInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id fasilitas"`
	Body FasilitasUbah
}

func (m *Module) apiUpdateFasilitas(ctx context.Context, in *updateFasilitasInput) (*fasilitasOutput, error) {
	f, err := m.UbahFasilitas(ctx, in.ID, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return m.fasilitasSesudah(ctx, f)
}

type jenisListOutput struct {
	Body struct {
		Items []JenisHarga `json:"items"`
	}
}

func (m *Module) apiListJenis(ctx context.Context, in *fasilitasPath) (*jenisListOutput, error) {
	out := &jenisListOutput{}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := GetFasilitas(ctx, tx, in.ID); err != nil {
			return err
		}
		js, _, err := jenisDanHarga(ctx, tx, in.ID, m.hariIni(ctx))
		out.Body.Items = js
		return err
	})
	if err != nil {
		return nil, err
	}
	if out.Body.Items == nil {
		out.Body.Items = []JenisHarga{}
	}
	return out, nil
}

type createJenisInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id bank sampah"`
	Body JenisBaru
}

type jenisOutput struct{ Body JenisSampah }

func (m *Module) apiCreateJenis(ctx context.Context, in *createJenisInput) (*jenisOutput, error) {
	j, err := m.TambahJenis(ctx, in.ID, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &jenisOutput{Body: j}, nil
}

type updateJenisInput struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID      string `path:"id" doc:"Id bank sampah"`
	JenisID string `path:"jenisId" doc:"Id jenis sampah"`
	Body    JenisUbah
}

func (m *Module) apiUpdateJenis(ctx context.Context, in *updateJenisInput) (*jenisOutput, error) {
	j, err := m.UbahJenis(ctx, in.ID, in.JenisID, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &jenisOutput{Body: j}, nil
}

type jenisPath struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID      string `path:"id" doc:"Id bank sampah"`
	JenisID string `path:"jenisId" doc:"Id jenis sampah"`
}

type hargaListOutput struct {
	Body struct {
		Items []Harga `json:"items"`
	}
}

func (m *Module) apiListHarga(ctx context.Context, in *jenisPath) (*hargaListOutput, error) {
	out := &hargaListOutput{}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		j, err := getJenis(ctx, tx, in.ID, in.JenisID)
		if err != nil {
			return err
		}
		out.Body.Items, err = listHarga(ctx, tx, j.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

type createHargaInput struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID      string `path:"id" doc:"Id bank sampah"`
	JenisID string `path:"jenisId" doc:"Id jenis sampah"`
	Body    HargaBaru
}

type hargaOutput struct{ Body Harga }

func (m *Module) apiCreateHarga(ctx context.Context, in *createHargaInput) (*hargaOutput, error) {
	h, err := m.TambahHarga(ctx, in.ID, in.JenisID, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &hargaOutput{Body: h}, nil
}
