package wilayah

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Register adds the module's operations to api, the /api/v1 group. The
// platform middleware has checked PermRead against {kode} before a handler
// runs, so handlers only validate input and read.
func (m *Module) Register(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "get-wilayah",
		Method:      http.MethodGet,
		Path:        "/wilayah/{kode}",
		Summary:     "Wilayah dan wilayah di bawahnya",
		Description: "Satu wilayah (provinsi, kabupaten/kota, kecamatan, desa atau kelurahan) beserta wilayah setingkat di bawahnya.",
		Tags:        []string{"wilayah"},
		Metadata:    authz.Require(PermRead),
	}, m.getWilayah)

	huma.Register(api, huma.Operation{
		OperationID: "list-wilayah-desa",
		Method:      http.MethodGet,
		Path:        "/wilayah/{kode}/desa",
		Summary:     "Daftar desa dalam wilayah",
		Description: "Desa (tanpa kelurahan) di dalam wilayah, urut kode, per halaman. Lanjutkan dengan next_cursor sampai kosong.",
		Tags:        []string{"wilayah"},
		Metadata:    authz.Require(PermRead),
	}, m.listDesa)
}

// parseKodeParam checks the {kode} path parameter with tenancy.ParseKode
// rather than a schema pattern, so the message is the same Bahasa Indonesia
// one everywhere a code is parsed.
func parseKodeParam(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if e, ok := fault.As(err); ok {
		e.Field = "path.kode"
	}
	return k, err
}

// WilayahDetail is a wilayah with the regions directly under it.
type WilayahDetail struct {
	Wilayah
	Children []Wilayah `json:"children" doc:"Wilayah satu tingkat di bawahnya, urut kode"`
}

type getWilayahOutput struct {
	Body WilayahDetail
}

type getWilayahInput struct {
	Kode string `path:"kode" doc:"Kode wilayah Kemendagri, mis. 51.02 atau 51.02.06.2001" example:"51.02"`
}

func (m *Module) getWilayah(ctx context.Context, in *getWilayahInput) (*getWilayahOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	w, err := m.Lookup(ctx, kode)
	if err != nil {
		return nil, err
	}
	children, err := m.Children(ctx, kode)
	if err != nil {
		return nil, err
	}
	return &getWilayahOutput{Body: WilayahDetail{Wilayah: w, Children: children}}, nil
}

type listDesaInput struct {
	Kode   string `path:"kode" doc:"Kode wilayah Kemendagri, mis. 51.02 atau 51.02.06" example:"51.02"`
	Cursor string `query:"cursor" doc:"next_cursor dari halaman sebelumnya; kosong untuk halaman pertama"`
	Limit  int    `query:"limit" default:"20" minimum:"1" maximum:"100" doc:"Banyak desa per halaman"`
	Nama   string `query:"nama" maxLength:"100" doc:"Saring nama desa (sebagian nama, huruf besar/kecil sama)"`
}

type listDesaOutput struct {
	Body Page[Wilayah]
}

func (m *Module) listDesa(ctx context.Context, in *listDesaInput) (*listDesaOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	page, err := m.ListDesa(ctx, kode, DesaQuery{Cursor: in.Cursor, Limit: in.Limit, Nama: in.Nama})
	if err != nil {
		return nil, err
	}
	return &listDesaOutput{Body: page}, nil
}
