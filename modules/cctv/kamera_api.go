package cctv

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
)

// API of the registry. No answer carries the stream URL or the
// credentials: a reader learns only that credentials are stored.

const kameraAPI = "/desa/{kode}/cctv"

func (m *Module) registerKameraAPI(api huma.API) {
	huma.Register(api, apiOp("list-cctv-kamera", http.MethodGet, kameraAPI,
		"Kamera CCTV desa",
		"Daftar kamera desa urut nama: letak, yang dipantau, tujuan, pemilik, pendanaan, retensi rekaman dan status. "+
			"Alamat stream dan kredensial tidak pernah disertakan; kredensial_tersimpan menyatakan ada tidaknya kredensial. "+
			"Saring dengan status= dan tujuan=. Lanjutkan dengan next_cursor sampai kosong.", PermRead), m.apiListKamera)
	huma.Register(api, apiOp("get-cctv-kamera", http.MethodGet, kameraAPI+"/{id}",
		"Satu kamera", "Data registri satu kamera, tanpa alamat stream dan kredensial.", PermRead), m.apiGetKamera)
	huma.Register(api, apiOp("create-cctv-kamera", http.MethodPost, kameraAPI,
		"Catat kamera",
		"Nama 3–100 karakter, unik di desa. Koordinat dalam derajat desimal di wilayah Indonesia. Pemilik swasta wajib "+
			"dengan catatan perjanjian; kode kegiatan APBDes (bidang.sub bidang.kegiatan) wajib dengan tahun anggarannya dan "+
			"diperiksa pada daftar kegiatan keuangan desa. Retensi 0–365 hari; bila merekam, tempat rekaman wajib. Alamat stream "+
			"rtsp, rtsps, http atau https tanpa nama pengguna dan kata sandi: kredensial dikirim terpisah dalam kredensial "+
			"{pengguna, sandi}, disimpan terenkripsi dan tidak pernah dikembalikan.", PermKelola), m.apiCreateKamera)
	huma.Register(api, apiOp("update-cctv-kamera", http.MethodPut, kameraAPI+"/{id}",
		"Ubah kamera",
		"Aturan isian sama dengan pencatatan; kamera tidak dihapus, ubah status menjadi nonaktif. Kredensial: kirim "+
			"kredensial {pengguna, sandi} untuk menggantinya, hapus_kredensial true untuk menghapusnya, atau tidak keduanya "+
			"untuk mempertahankannya. Kirim diubah persis seperti yang dibaca: bila kamera sudah diubah orang lain sejak itu, "+
			"perubahan ditolak dengan 409 dan tidak ada yang tertimpa.", PermKelola), m.apiUpdateKamera)
}

// KameraInfo is a camera as the registry's API answers it: its record
// (never the stream URL or the credentials) and whether credentials are
// stored.
type KameraInfo struct {
	Kamera
	Lintang             string `json:"lintang" example:"-8.5401" doc:"Derajat desimal"`
	Bujur               string `json:"bujur" example:"115.1234" doc:"Derajat desimal"`
	KredensialTersimpan bool   `json:"kredensial_tersimpan" doc:"Ada kredensial stream tersimpan (terenkripsi; tidak pernah ditampilkan)"`
}

func kameraInfo(k Kamera) KameraInfo {
	d := kameraDataDari(k)
	return KameraInfo{Kamera: k, Lintang: d.Lintang, Bujur: d.Bujur, KredensialTersimpan: k.Kredensial != ""}
}

type listKameraInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	page.Params
	Status string `query:"status" enum:"aktif,nonaktif" doc:"Hanya kamera berstatus ini"`
	Tujuan string `query:"tujuan" enum:"keamanan,lalu_lintas,sampah_liar,bencana,fasilitas_umum" doc:"Hanya kamera dengan tujuan ini"`
}

type kameraPageOutput struct{ Body page.Page[KameraInfo] }

// DaftarKamera is one page of the tenant desa's cameras.
func (m *Module) DaftarKamera(ctx context.Context, q KameraQuery, cursor string) (page.Page[KameraInfo], error) {
	var after kameraKunciHalaman
	has, err := page.Decode(cursor, &after)
	if err != nil {
		return page.Page[KameraInfo]{}, err
	}
	if has && after.ID == "" {
		return page.Page[KameraInfo]{}, fault.Field("query.cursor", "Cursor tidak sah.")
	}
	if q.Limit <= 0 || q.Limit > page.MaxLimit {
		q.Limit = page.DefaultLimit
	}
	var rows []Kamera
	err = m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var a *kameraKunciHalaman
		if has {
			a = &after
		}
		rows, err = kameraHalaman(ctx, tx, q, a)
		return err
	})
	if err != nil {
		return page.Page[KameraInfo]{}, err
	}
	p := page.Of(rows, q.Limit, func(k Kamera) kameraKunciHalaman { return kameraKunciHalaman{Nama: k.Nama, ID: k.ID} })
	out := page.Page[KameraInfo]{Items: make([]KameraInfo, len(p.Items)), NextCursor: p.NextCursor}
	for i, k := range p.Items {
		out.Items[i] = kameraInfo(k)
	}
	return out, nil
}

func (m *Module) apiListKamera(ctx context.Context, in *listKameraInput) (*kameraPageOutput, error) {
	p, err := m.DaftarKamera(ctx, KameraQuery{Status: in.Status, Tujuan: in.Tujuan, Limit: in.Size()}, in.Cursor)
	if err != nil {
		return nil, err
	}
	return &kameraPageOutput{Body: p}, nil
}

type kameraPath struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id kamera (UUID)"`
}

type kameraOutput struct{ Body KameraInfo }

func (m *Module) apiGetKamera(ctx context.Context, in *kameraPath) (*kameraOutput, error) {
	k, err := m.BacaKamera(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &kameraOutput{Body: kameraInfo(k)}, nil
}

type createKameraInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body KameraBaru
}

func (m *Module) apiCreateKamera(ctx context.Context, in *createKameraInput) (*kameraOutput, error) {
	k, err := m.TambahKamera(ctx, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &kameraOutput{Body: kameraInfo(k)}, nil
}

type updateKameraInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"64" doc:"Id kamera (UUID)"`
	Body KameraUbah
}

func (m *Module) apiUpdateKamera(ctx context.Context, in *updateKameraInput) (*kameraOutput, error) {
	k, err := m.UbahKamera(ctx, in.ID, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &kameraOutput{Body: kameraInfo(k)}, nil
}
