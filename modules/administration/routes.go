package administration

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
)

// Register adds the module's operations to api, the /api/v1 group. The
// platform guard has checked each operation's one permission against {kode}
// and put the tenant in the context before a handler runs, so handlers only
// translate between HTTP and the Module's methods.
func (m *Module) Register(api huma.API) {
	op := func(id, method, path, summary string, p authz.Permission) huma.Operation {
		return httpserver.Operation("administrasi", id, method, path, summary, p)
	}
	ok := func(o huma.Operation) huma.Operation { o.DefaultStatus = http.StatusOK; return o }

	huma.Register(api, op("list-dusun", http.MethodGet, "/desa/{kode}/dusun", "Daftar dusun/banjar", PermDusunRead), m.apiListDusun)
	huma.Register(api, op("create-dusun", http.MethodPost, "/desa/{kode}/dusun", "Tambah dusun/banjar", PermDusunWrite), m.apiCreateDusun)
	huma.Register(api, op("update-dusun", http.MethodPut, "/desa/{kode}/dusun/{id}", "Ubah dusun/banjar", PermDusunWrite), m.apiUpdateDusun)
	huma.Register(api, op("delete-dusun", http.MethodDelete, "/desa/{kode}/dusun/{id}", "Hapus dusun/banjar yang belum pernah dipimpin", PermDusunWrite), m.apiDeleteDusun)

	huma.Register(api, op("list-perangkat", http.MethodGet, "/desa/{kode}/perangkat", "Daftar jabatan perangkat desa (NIK tersamar)", PermPerangkatRead), m.apiListPerangkat)
	huma.Register(api, op("create-perangkat", http.MethodPost, "/desa/{kode}/perangkat", "Angkat perangkat desa", PermPerangkatWrite), m.apiCreatePerangkat)
	huma.Register(api, op("get-bagan-perangkat", http.MethodGet, "/desa/{kode}/perangkat/bagan", "Bagan SOTK pemerintah desa", PermPerangkatRead), m.apiBagan)
	huma.Register(api, op("get-perangkat", http.MethodGet, "/desa/{kode}/perangkat/{id}", "Satu jabatan perangkat desa", PermPerangkatRead), m.apiGetPerangkat)
	huma.Register(api, ok(op("end-perangkat", http.MethodPost, "/desa/{kode}/perangkat/{id}/berhenti", "Berhentikan perangkat desa, mulai hari ini atau tanggal ke depan (riwayat tetap tersimpan)", PermPerangkatWrite)), m.apiEndPerangkat)
	huma.Register(api, op("link-perangkat-akun", http.MethodPut, "/desa/{kode}/perangkat/{id}/akun", "Tautkan akun pengguna (memberi peran di desa)", PermPerangkatAkun), m.apiLinkAkun)
	huma.Register(api, ok(op("unlink-perangkat-akun", http.MethodDelete, "/desa/{kode}/perangkat/{id}/akun", "Lepas tautan akun (mencabut peran)", PermPerangkatAkun)), m.apiUnlinkAkun)

	huma.Register(api, op("list-lembaga", http.MethodGet, "/desa/{kode}/lembaga", "Daftar BPD dan lembaga kemasyarakatan", PermLembagaRead), m.apiListLembaga)
	huma.Register(api, op("create-lembaga", http.MethodPost, "/desa/{kode}/lembaga", "Tambah lembaga", PermLembagaWrite), m.apiCreateLembaga)
	huma.Register(api, op("get-lembaga", http.MethodGet, "/desa/{kode}/lembaga/{id}", "Satu lembaga", PermLembagaRead), m.apiGetLembaga)
	huma.Register(api, op("update-lembaga", http.MethodPut, "/desa/{kode}/lembaga/{id}", "Ubah lembaga", PermLembagaWrite), m.apiUpdateLembaga)
	huma.Register(api, op("list-anggota-lembaga", http.MethodGet, "/desa/{kode}/lembaga/{id}/anggota", "Anggota lembaga", PermLembagaRead), m.apiListAnggota)
	huma.Register(api, op("create-anggota-lembaga", http.MethodPost, "/desa/{kode}/lembaga/{id}/anggota", "Tambah anggota lembaga", PermLembagaWrite), m.apiCreateAnggota)
	huma.Register(api, op("update-anggota-lembaga", http.MethodPut, "/desa/{kode}/lembaga/{id}/anggota/{anggota_id}", "Ubah keanggotaan", PermLembagaWrite), m.apiUpdateAnggota)
	huma.Register(api, ok(op("end-anggota-lembaga", http.MethodPost, "/desa/{kode}/lembaga/{id}/anggota/{anggota_id}/berhenti", "Akhiri keanggotaan, mulai hari ini atau tanggal ke depan", PermLembagaWrite)), m.apiEndAnggota)

	huma.Register(api, op("get-profil-desa", http.MethodGet, "/desa/{kode}/profil", "Profil desa", PermProfilRead), m.apiGetProfil)
	huma.Register(api, op("put-profil-desa", http.MethodPut, "/desa/{kode}/profil", "Simpan profil desa", PermProfilWrite), m.apiPutProfil)
	huma.Register(api, op("list-penduduk-desa", http.MethodGet, "/desa/{kode}/profil/penduduk", "Jumlah penduduk per tahun", PermProfilRead), m.apiListPenduduk)
	huma.Register(api, op("put-penduduk-desa", http.MethodPut, "/desa/{kode}/profil/penduduk/{tahun}", "Simpan jumlah penduduk satu tahun", PermProfilWrite), m.apiPutPenduduk)
	huma.Register(api, op("list-desa-masa-jabatan", http.MethodGet, "/desa/{kode}/masa-jabatan", "Masa jabatan yang segera berakhir di desa", PermMasaJabatanRead), m.apiListPeringatan)

	huma.Register(api, op("list-wilayah-profil-desa", http.MethodGet, "/wilayah/{kode}/profil-desa", "Tabel profil semua desa dalam wilayah", PermProfilAgregat), m.apiListProfilDesa)
	huma.Register(api, op("list-wilayah-masa-jabatan", http.MethodGet, "/wilayah/{kode}/masa-jabatan", "Masa jabatan yang segera berakhir di desa-desa wilayah", PermMasaJabatanRead), m.apiListPeringatan)
}

// DesaPath is the {kode} of a desa operation. Path types are exported
// because huma reads only exported embedded fields.
type DesaPath struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri, mis. 51.02.06.2001" example:"51.02.06.2001"`
}

// ItemPath is {kode} and the {id} of one record from a list.
type ItemPath struct {
	DesaPath
	ID string `path:"id" doc:"id dari daftar"`
}

type body[T any] struct{ Body T }

func out[T any](v T, err error) (*body[T], error) {
	if err != nil {
		return nil, err
	}
	return &body[T]{Body: v}, nil
}

// aktif fills the today-dependent fields of what an operation answers:
// whether each appointment or seat is held on the desa's today.
func (m *Module) aktif(ctx context.Context, v any) {
	today := m.today(tenantKode(ctx))
	switch v := v.(type) {
	case *Perangkat:
		v.Aktif = v.ActiveOn(today)
	case *PerangkatResult:
		v.Aktif = v.ActiveOn(today)
	case *page.Page[Perangkat]:
		for i := range v.Items {
			v.Items[i].Aktif = v.Items[i].ActiveOn(today)
		}
	case *Anggota:
		v.Aktif, v.MenjabatHariIni = v.ActiveOn(today), v.Menjabat(today)
	case *page.Page[Anggota]:
		for i := range v.Items {
			v.Items[i].Aktif, v.Items[i].MenjabatHariIni = v.Items[i].ActiveOn(today), v.Items[i].Menjabat(today)
		}
	}
}

// outAktif is out with the today-dependent fields filled (aktif).
func outAktif[T any](m *Module, ctx context.Context, v T, err error) (*body[T], error) {
	if err == nil {
		m.aktif(ctx, &v)
	}
	return out(v, err)
}

func (m *Module) apiListDusun(ctx context.Context, in *struct {
	DesaPath
	page.Params
}) (*body[page.Page[Dusun]], error) {
	return out(m.ListDusun(ctx, in.Params))
}

func (m *Module) apiCreateDusun(ctx context.Context, in *struct {
	DesaPath
	Body DusunInput
}) (*body[Dusun], error) {
	return out(m.CreateDusun(ctx, in.Body))
}

func (m *Module) apiUpdateDusun(ctx context.Context, in *struct {
	ItemPath
	Body DusunInput
}) (*body[Dusun], error) {
	id, err := ParseID(in.ID, "Dusun/banjar")
	if err != nil {
		return nil, err
	}
	return out(m.UpdateDusun(ctx, id, in.Body))
}

func (m *Module) apiDeleteDusun(ctx context.Context, in *ItemPath) (*struct{}, error) {
	id, err := ParseID(in.ID, "Dusun/banjar")
	if err != nil {
		return nil, err
	}
	return nil, m.DeleteDusun(ctx, id)
}

func (m *Module) apiListPerangkat(ctx context.Context, in *struct {
	DesaPath
	PerangkatQuery
}) (*body[page.Page[Perangkat]], error) {
	v, err := m.ListPerangkat(ctx, in.PerangkatQuery)
	return outAktif(m, ctx, v, err)
}

func (m *Module) apiCreatePerangkat(ctx context.Context, in *struct {
	DesaPath
	Body PerangkatInput
}) (*body[Perangkat], error) {
	v, err := m.Appoint(ctx, in.Body)
	return outAktif(m, ctx, v, err)
}

func (m *Module) apiBagan(ctx context.Context, _ *DesaPath) (*body[Bagan], error) {
	return out(m.Bagan(ctx))
}

func (m *Module) apiGetPerangkat(ctx context.Context, in *ItemPath) (*body[Perangkat], error) {
	id, err := ParseID(in.ID, "Jabatan perangkat")
	if err != nil {
		return nil, err
	}
	v, err := m.GetPerangkat(ctx, id)
	return outAktif(m, ctx, v, err)
}

func (m *Module) apiEndPerangkat(ctx context.Context, in *struct {
	ItemPath
	Body Pemberhentian
}) (*body[PerangkatResult], error) {
	id, err := ParseID(in.ID, "Jabatan perangkat")
	if err != nil {
		return nil, err
	}
	v, err := m.EndPerangkat(ctx, id, in.Body)
	return outAktif(m, ctx, v, err)
}

// AkunInput names the account to link.
type AkunInput struct {
	UserID string `json:"user_id" doc:"id akun pengguna ngantor (paling panjang 100 karakter)"`
}

func (m *Module) apiLinkAkun(ctx context.Context, in *struct {
	ItemPath
	Body AkunInput
}) (*body[PerangkatResult], error) {
	id, err := ParseID(in.ID, "Jabatan perangkat")
	if err != nil {
		return nil, err
	}
	if err := in.Body.Validate(); err != nil {
		return nil, err
	}
	v, err := m.LinkUser(ctx, id, in.Body.UserID)
	return outAktif(m, ctx, v, err)
}

func (m *Module) apiUnlinkAkun(ctx context.Context, in *ItemPath) (*body[PerangkatResult], error) {
	id, err := ParseID(in.ID, "Jabatan perangkat")
	if err != nil {
		return nil, err
	}
	v, err := m.LinkUser(ctx, id, "")
	return outAktif(m, ctx, v, err)
}

func (m *Module) apiListLembaga(ctx context.Context, in *struct {
	DesaPath
	page.Params
}) (*body[page.Page[Lembaga]], error) {
	return out(m.ListLembaga(ctx, in.Params))
}

func (m *Module) apiCreateLembaga(ctx context.Context, in *struct {
	DesaPath
	Body LembagaInput
}) (*body[Lembaga], error) {
	return out(m.CreateLembaga(ctx, in.Body))
}

func (m *Module) apiGetLembaga(ctx context.Context, in *ItemPath) (*body[Lembaga], error) {
	id, err := ParseID(in.ID, "Lembaga")
	if err != nil {
		return nil, err
	}
	return out(m.GetLembaga(ctx, id))
}

func (m *Module) apiListAnggota(ctx context.Context, in *struct {
	ItemPath
	AnggotaQuery
}) (*body[page.Page[Anggota]], error) {
	id, err := ParseID(in.ID, "Lembaga")
	if err != nil {
		return nil, err
	}
	v, err := m.ListAnggota(ctx, id, in.AnggotaQuery)
	return outAktif(m, ctx, v, err)
}

func (m *Module) apiCreateAnggota(ctx context.Context, in *struct {
	ItemPath
	Body AnggotaInput
}) (*body[Anggota], error) {
	id, err := ParseID(in.ID, "Lembaga")
	if err != nil {
		return nil, err
	}
	v, err := m.AddAnggota(ctx, id, in.Body)
	return outAktif(m, ctx, v, err)
}

// AnggotaPath is {kode}, the lembaga's {id} and the seat's {anggota_id}.
type AnggotaPath struct {
	ItemPath
	AnggotaID string `path:"anggota_id" doc:"id keanggotaan dari daftar anggota"`
}

func (in AnggotaPath) ids() (lembaga, anggota uuid.UUID, err error) {
	if lembaga, err = ParseID(in.ID, "Lembaga"); err != nil {
		return
	}
	anggota, err = ParseID(in.AnggotaID, "Anggota lembaga")
	return
}

func (m *Module) apiEndAnggota(ctx context.Context, in *struct {
	AnggotaPath
	Body Berhenti
}) (*body[Anggota], error) {
	id, aid, err := in.ids()
	if err != nil {
		return nil, err
	}
	v, err := m.EndAnggota(ctx, id, aid, in.Body)
	return outAktif(m, ctx, v, err)
}

func (m *Module) apiUpdateAnggota(ctx context.Context, in *struct {
	AnggotaPath
	Body AnggotaInput
}) (*body[Anggota], error) {
	id, aid, err := in.ids()
	if err != nil {
		return nil, err
	}
	v, err := m.UpdateAnggota(ctx, id, aid, in.Body)
	return outAktif(m, ctx, v, err)
}

func (m *Module) apiUpdateLembaga(ctx context.Context, in *struct {
	ItemPath
	Body LembagaInput
}) (*body[Lembaga], error) {
	id, err := ParseID(in.ID, "Lembaga")
	if err != nil {
		return nil, err
	}
	return out(m.UpdateLembaga(ctx, id, in.Body))
}

func (m *Module) apiGetProfil(ctx context.Context, _ *DesaPath) (*body[Profil], error) {
	return out(m.GetProfil(ctx))
}

func (m *Module) apiPutProfil(ctx context.Context, in *struct {
	DesaPath
	Body ProfilInput
}) (*body[Profil], error) {
	return out(m.SaveProfil(ctx, in.Body))
}

func (m *Module) apiListPenduduk(ctx context.Context, in *struct {
	DesaPath
	page.Params
}) (*body[page.Page[Penduduk]], error) {
	return out(m.ListPenduduk(ctx, in.Params))
}

func (m *Module) apiPutPenduduk(ctx context.Context, in *struct {
	DesaPath
	Tahun int `path:"tahun" example:"2026"`
	Body  PendudukInput
}) (*body[Penduduk], error) {
	return out(m.SavePenduduk(ctx, in.Tahun, in.Body))
}

func (m *Module) apiListPeringatan(ctx context.Context, in *struct {
	DesaPath
	page.Params
}) (*body[page.Page[Peringatan]], error) {
	return out(m.ListPeringatan(ctx, in.Params))
}

func (m *Module) apiListProfilDesa(ctx context.Context, in *struct {
	Kode string `path:"kode" doc:"Kode kecamatan atau kabupaten, mis. 51.02.06" example:"51.02.06"`
	ProfilDesaQuery
}) (*body[page.Page[ProfilRingkas]], error) {
	return out(m.ListProfilDesa(ctx, in.ProfilDesaQuery))
}
