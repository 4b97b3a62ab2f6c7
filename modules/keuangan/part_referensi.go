package keuangan

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/page"
)

// registerReferensi adds the kabupaten's kegiatan settings (the Siskeudes
// switch, local kegiatan under the "lain-lain 90–99" ranges) and the
// kegiatan a desa is offered for its lines, each row labelled with its list.
// The platform guard has checked the declared permission at {kode}; the
// kabupaten operations refuse any {kode} that is not a kabupaten.
func (m *Module) registerReferensi(api huma.API) {
	huma.Register(api, apiOp("get-keuangan-setelan-kabupaten", http.MethodGet, "/wilayah/{kode}/keuangan/referensi/pengaturan",
		"Pengaturan daftar kegiatan kabupaten",
		"Apakah kabupaten/kota menawarkan daftar kegiatan Siskeudes di samping Lampiran Permendagri 20/2018.",
		PermRead), m.apiGetSetelan)
	huma.Register(api, apiOp("put-keuangan-setelan-kabupaten", http.MethodPut, "/wilayah/{kode}/keuangan/referensi/pengaturan",
		"Aktifkan atau matikan daftar kegiatan Siskeudes",
		"Admin kabupaten menyalakan (siskeudes=true) atau mematikan daftar Siskeudes. Daftar itu tidak pernah dilebur ke Lampiran: "+
			"kode yang juga ada di Lampiran atau di kegiatan lokal tetap dibaca menurut daftar itu. Baris yang sudah ada tidak berubah.",
		PermAturan), m.apiPutSetelan)
	huma.Register(api, apiOp("list-keuangan-kegiatan-lokal", http.MethodGet, "/wilayah/{kode}/keuangan/referensi/kegiatan-lokal",
		"Kegiatan lokal kabupaten",
		"Kegiatan yang ditambahkan kabupaten/kota di rentang lain-lain 90–99 sub bidang, per tahun anggaran. semua=true ikut menampilkan yang sudah diakhiri.",
		PermRead), m.apiListKegiatanLokal)
	huma.Register(api, apiOp("create-keuangan-kegiatan-lokal", http.MethodPost, "/wilayah/{kode}/keuangan/referensi/kegiatan-lokal",
		"Tambah kegiatan lokal",
		"Kode harus di rentang 90–99 sebuah sub bidang Lampiran yang memiliki rentang lain-lain, belum dipakai Lampiran, unik per tahun.",
		PermAturan), m.apiTambahKegiatanLokal)
	akhiri := apiOp("end-keuangan-kegiatan-lokal", http.MethodPost, "/wilayah/{kode}/keuangan/referensi/kegiatan-lokal/{tahun}/{kegiatan}/akhiri",
		"Akhiri kegiatan lokal",
		"Baris APBDes baru tidak dapat lagi memakai kegiatan ini; baris yang sudah memakainya tetap. Kodenya tidak dapat dipakai lagi tahun itu.",
		PermAturan)
	akhiri.DefaultStatus = http.StatusOK
	huma.Register(api, akhiri, m.apiAkhiriKegiatanLokal)
	huma.Register(api, apiOp("list-keuangan-pilihan-kegiatan", http.MethodGet, "/desa/{kode}/keuangan/pilihan-kegiatan",
		"Kegiatan yang dapat dipakai desa",
		"Bidang, sub bidang dan kegiatan Lampiran, lalu kegiatan lokal kabupaten desa ini, lalu — bila kabupaten mengaktifkannya — daftar Siskeudes; "+
			"setiap baris menyebut daftarnya. Kode Siskeudes yang sudah berarti lain di Lampiran atau kegiatan lokal ditandai dapat_dipakai=false.",
		PermRead), m.apiListPilihanKegiatan)
}

type kodeInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten/kota, mis. 51.02" example:"51.02"`
}

type setelanOutput struct {
	Body SetelanKabupaten
}

func (m *Module) apiGetSetelan(ctx context.Context, _ *kodeInput) (*setelanOutput, error) {
	s, err := m.Setelan(ctx)
	if err != nil {
		return nil, err
	}
	return &setelanOutput{Body: s}, nil
}

type putSetelanInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten/kota" example:"51.02"`
	Body struct {
		Siskeudes bool `json:"siskeudes" doc:"true: daftar Siskeudes ditawarkan di samping Lampiran"`
	}
}

func (m *Module) apiPutSetelan(ctx context.Context, in *putSetelanInput) (*setelanOutput, error) {
	u, _ := auth.UserFrom(ctx)
	s, err := m.SetSiskeudes(ctx, in.Body.Siskeudes, u.ID)
	if err != nil {
		return nil, err
	}
	return &setelanOutput{Body: s}, nil
}

type listKegiatanLokalInput struct {
	page.Params
	Kode  string `path:"kode" doc:"Kode kabupaten/kota" example:"51.02"`
	Tahun int    `query:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran; kosong berarti tahun berjalan" example:"2026"`
	Semua bool   `query:"semua" doc:"Ikut tampilkan kegiatan yang sudah diakhiri"`
}

type listKegiatanLokalOutput struct {
	Body page.Page[KegiatanLokal]
}

func (m *Module) apiListKegiatanLokal(ctx context.Context, in *listKegiatanLokalInput) (*listKegiatanLokalOutput, error) {
	tahun := in.Tahun
	if tahun == 0 {
		tahun = m.now().Year()
	}
	p, err := m.ListKegiatanLokal(ctx, KegiatanLokalQuery{Params: in.Params, Tahun: tahun, Semua: in.Semua})
	if err != nil {
		return nil, err
	}
	return &listKegiatanLokalOutput{Body: p}, nil
}

type tambahKegiatanLokalInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten/kota" example:"51.02"`
	Body KegiatanLokalBaru
}

type kegiatanLokalOutput struct {
	Body KegiatanLokal
}

func (m *Module) apiTambahKegiatanLokal(ctx context.Context, in *tambahKegiatanLokalInput) (*kegiatanLokalOutput, error) {
	u, _ := auth.UserFrom(ctx)
	k, err := m.TambahKegiatanLokal(ctx, in.Body, u.ID)
	if err != nil {
		return nil, err
	}
	return &kegiatanLokalOutput{Body: k}, nil
}

type akhiriKegiatanLokalInput struct {
	Kode     string `path:"kode" doc:"Kode kabupaten/kota" example:"51.02"`
	Tahun    int    `path:"tahun" minimum:"2000" maximum:"2100" example:"2026"`
	Kegiatan string `path:"kegiatan" maxLength:"8" example:"02.03.91"`
}

func (m *Module) apiAkhiriKegiatanLokal(ctx context.Context, in *akhiriKegiatanLokalInput) (*kegiatanLokalOutput, error) {
	u, _ := auth.UserFrom(ctx)
	k, err := m.AkhiriKegiatanLokal(ctx, in.Tahun, in.Kegiatan, u.ID)
	if err != nil {
		return nil, err
	}
	return &kegiatanLokalOutput{Body: k}, nil
}

type listPilihanInput struct {
	page.Params
	Kode  string `path:"kode" doc:"Kode desa" example:"51.02.06.2001"`
	Tahun int    `query:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran; kosong berarti tahun berjalan" example:"2026"`
	Q     string `query:"q" maxLength:"100" doc:"Cari pada kode dan nama"`
}

type listPilihanOutput struct {
	Body page.Page[KegiatanPilihan]
}

func (m *Module) apiListPilihanKegiatan(ctx context.Context, in *listPilihanInput) (*listPilihanOutput, error) {
	tahun := in.Tahun
	if tahun == 0 {
		tahun = m.now().Year()
	}
	p, err := m.ListPilihanKegiatan(ctx, PilihanQuery{Params: in.Params, Tahun: tahun, Q: in.Q})
	if err != nil {
		return nil, err
	}
	return &listPilihanOutput{Body: p}, nil
}
