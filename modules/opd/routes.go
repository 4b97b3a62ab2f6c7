package opd

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// apiOp declares one operation of the module.
func apiOp(id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := httpserver.Operation("opd", id, method, path, summary, perm)
	o.Description = desc
	return o
}

// Register adds the module's operations to api, the /api/v1 group.
func (m *Module) Register(api huma.API) {
	const base = "/wilayah/{kode}/opd"
	huma.Register(api, apiOp("list-opd", http.MethodGet, base, "Daftar perangkat daerah kabupaten",
		"Semua OPD kabupaten (aktif dan tidak), urut nama, dengan jumlah anggotanya. Dengan kode kecamatan atau desa: "+
			"OPD kabupatennya (camat dan desa membaca dengan izin di wilayahnya sendiri).",
		PermRead), m.apiList)
	huma.Register(api, apiOp("create-opd", http.MethodPost, base, "Tambah perangkat daerah",
		"Kode singkat tetap dan unik di kabupaten; bila kosong dibentuk dari singkatan, atau dari huruf awal nama. "+
			"Kode yang sudah dipakai: 409. Tercatat di audit.", PermKelola), m.apiCreate)
	huma.Register(api, apiOp("get-opd", http.MethodGet, base+"/{id}", "Satu perangkat daerah",
		"Kode kabupaten, atau kecamatan/desa di dalamnya. OPD kabupaten lain atau yang tidak ada: 404.", PermRead), m.apiGet)
	huma.Register(api, apiOp("update-opd", http.MethodPut, base+"/{id}", "Ubah perangkat daerah",
		"Mengubah nama, singkatan, jenis, urusan dan status aktif; kode tidak dapat diubah. OPD tidak pernah dihapus, "+
			"hanya dinonaktifkan. Tercatat di audit.", PermKelola), m.apiUpdate)
	huma.Register(api, apiOp("list-opd-anggota", http.MethodGet, base+"/{id}/anggota", "Anggota perangkat daerah",
		"Akun yang menjadi anggota OPD (memegang peran opd untuk OPD ini).", PermKelola), m.apiListAnggota)
	huma.Register(api, apiOp("add-opd-anggota", http.MethodPost, base+"/{id}/anggota", "Tambah anggota perangkat daerah",
		"Menjadikan akun (dicari dengan email) anggota OPD: memberi peran opd di kabupaten dan mencatat kode OPD pada akun. "+
			"Seorang pengguna hanya boleh menjadi anggota satu OPD (409). Tercatat di audit.", PermKelola), m.apiAddAnggota)
	huma.Register(api, apiOp("remove-opd-anggota", http.MethodDelete, base+"/{id}/anggota/{user_id}", "Keluarkan anggota perangkat daerah",
		"Mencabut keanggotaan: peran opd yang diberikan keanggotaan ini dicabut dan kode OPD pada akun dikosongkan. "+
			"Tercatat di audit.", PermKelola), m.apiRemoveAnggota)
}

// kabupatenDari is the kabupaten whose OPD a read at s lists: a
// kabupaten's own, or that of the kecamatan or desa s names (the camat
// and the desa read their kabupaten's OPD through their own grant).
func kabupatenDari(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if err != nil || k.Level() < tenancy.Kabupaten {
		return "", fault.New(fault.NotFound, "Daftar OPD ada untuk kabupaten, kecamatan atau desa.")
	}
	return k.Up(tenancy.Kabupaten), nil
}

// kabupatenSaja refuses a code that is not a kabupaten's (writes).
func kabupatenSaja(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if err != nil || k.Level() != tenancy.Kabupaten {
		return "", fault.New(fault.NotFound, "Daftar OPD hanya ada untuk kabupaten.")
	}
	return k, nil
}

type kodeInput struct {
	Kode string `path:"kode" maxLength:"20" doc:"Kode kabupaten Kemendagri" example:"51.02"`
}

type idInput struct {
	Kode string `path:"kode" maxLength:"20" doc:"Kode kabupaten Kemendagri" example:"51.02"`
	ID   string `path:"id" maxLength:"40" doc:"id OPD"`
}

// OPDDaftar is an OPD in the list, with its member count.
type OPDDaftar struct {
	OPD
	JumlahAnggota int `json:"jumlah_anggota"`
}

type listOutput struct {
	Body struct {
		Items []OPDDaftar `json:"items"`
	}
}

func (m *Module) apiList(ctx context.Context, in *kodeInput) (*listOutput, error) {
	k, err := kabupatenDari(in.Kode)
	if err != nil {
		return nil, err
	}
	items, err := m.daftarDenganAnggota(ctx, k)
	if err != nil {
		return nil, err
	}
	out := &listOutput{}
	out.Body.Items = items
	return out, nil
}

// daftarDenganAnggota is Daftar with every OPD's member count.
func (m *Module) daftarDenganAnggota(ctx context.Context, k tenancy.Kode) ([]OPDDaftar, error) {
	list, err := m.Daftar(ctx, k)
	if err != nil {
		return nil, err
	}
	n, err := m.jumlahAnggota(ctx, k)
	if err != nil {
		return nil, err
	}
	items := make([]OPDDaftar, len(list))
	for i, o := range list {
		items[i] = OPDDaftar{OPD: o, JumlahAnggota: n[o.ID]}
	}
	return items, nil
}

type opdOutput struct{ Body OPD }

type createInput struct {
	Kode string `path:"kode" maxLength:"20" doc:"Kode kabupaten Kemendagri" example:"51.02"`
	Body OPDBaru
}

func (m *Module) apiCreate(ctx context.Context, in *createInput) (*opdOutput, error) {
	k, err := kabupatenSaja(in.Kode)
	if err != nil {
		return nil, err
	}
	u, _ := auth.UserFrom(ctx)
	o, err := m.Tambah(ctx, k, in.Body, u.ID)
	if err != nil {
		return nil, err
	}
	return &opdOutput{Body: o}, nil
}

func (m *Module) apiGet(ctx context.Context, in *idInput) (*opdOutput, error) {
	k, err := kabupatenDari(in.Kode)
	if err != nil {
		return nil, err
	}
	o, err := m.OPDDiKabupaten(ctx, k, in.ID)
	if err != nil {
		return nil, err
	}
	return &opdOutput{Body: o}, nil
}

type updateInput struct {
	Kode string `path:"kode" maxLength:"20" doc:"Kode kabupaten Kemendagri" example:"51.02"`
	ID   string `path:"id" maxLength:"40" doc:"id OPD"`
	Body OPDIsi
}

func (m *Module) apiUpdate(ctx context.Context, in *updateInput) (*opdOutput, error) {
	k, err := kabupatenSaja(in.Kode)
	if err != nil {
		return nil, err
	}
	u, _ := auth.UserFrom(ctx)
	o, err := m.Ubah(ctx, k, in.ID, in.Body, u.ID)
	if err != nil {
		return nil, err
	}
	return &opdOutput{Body: o}, nil
}

type anggotaListOutput struct {
	Body struct {
		Items []AnggotaOPD `json:"items"`
	}
}

func (m *Module) apiListAnggota(ctx context.Context, in *idInput) (*anggotaListOutput, error) {
	k, err := kabupatenSaja(in.Kode)
	if err != nil {
		return nil, err
	}
	items, err := m.DaftarAnggota(ctx, k, in.ID)
	if err != nil {
		return nil, err
	}
	out := &anggotaListOutput{}
	out.Body.Items = items
	return out, nil
}

type addAnggotaInput struct {
	Kode string `path:"kode" maxLength:"20" doc:"Kode kabupaten Kemendagri" example:"51.02"`
	ID   string `path:"id" maxLength:"40" doc:"id OPD"`
	Body AnggotaBaru
}

type anggotaOutput struct{ Body AnggotaOPD }

func (m *Module) apiAddAnggota(ctx context.Context, in *addAnggotaInput) (*anggotaOutput, error) {
	k, err := kabupatenSaja(in.Kode)
	if err != nil {
		return nil, err
	}
	u, _ := auth.UserFrom(ctx)
	a, err := m.TambahAnggota(ctx, k, in.ID, in.Body.Email, u.ID)
	if err != nil {
		return nil, err
	}
	return &anggotaOutput{Body: a}, nil
}

type removeAnggotaInput struct {
	Kode   string `path:"kode" maxLength:"20" doc:"Kode kabupaten Kemendagri" example:"51.02"`
	ID     string `path:"id" maxLength:"40" doc:"id OPD"`
	UserID string `path:"user_id" maxLength:"40" doc:"id akun anggota"`
}

func (m *Module) apiRemoveAnggota(ctx context.Context, in *removeAnggotaInput) (*struct{}, error) {
	k, err := kabupatenSaja(in.Kode)
	if err != nil {
		return nil, err
	}
	if err := m.HapusAnggota(ctx, k, in.ID, in.UserID); err != nil {
		return nil, err
	}
	return nil, nil
}
