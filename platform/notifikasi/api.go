package notifikasi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
)

// tag groups the operations in /docs.
const tag = "Notifikasi"

type daftarInput struct {
	page.Params
	BelumDibaca bool `query:"belum_dibaca" doc:"true: hanya yang belum dibaca"`
}

type daftarOutput struct {
	Body struct {
		Page
		BelumDibaca int `json:"belum_dibaca" doc:"Jumlah notifikasi yang belum dibaca"`
	}
}

type idInput struct {
	ID string `path:"id" format:"uuid" doc:"Id notifikasi"`
}

// Register adds the signed-in user's inbox to api (the /api/v1 group):
// GET /notifikasi, POST /notifikasi/{id}/dibaca and POST
// /notifikasi/dibaca-semua. Each works on the caller's own notifications
// (authz.Authenticated: no wilayah target, no user id in the request).
func (s *Store) Register(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "notifikasi-daftar", Method: http.MethodGet, Path: "/notifikasi",
		Summary:     "Notifikasi saya",
		Description: "Notifikasi pengguna yang sedang masuk, terbaru dahulu, beserta jumlah yang belum dibaca.",
		Tags:        []string{tag}, Metadata: authz.Authenticated(),
	}, func(ctx context.Context, in *daftarInput) (*daftarOutput, error) {
		u, err := pengguna(ctx)
		if err != nil {
			return nil, err
		}
		f := semua
		if in.BelumDibaca {
			f = belum
		}
		p, err := s.daftar(ctx, u, f, in.Size(), in.Cursor)
		if err != nil {
			return nil, err
		}
		out := &daftarOutput{}
		out.Body.Page = p
		if out.Body.BelumDibaca, err = s.BelumDibaca(ctx, u); err != nil {
			return nil, err
		}
		return out, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "notifikasi-tandai", Method: http.MethodPost, Path: "/notifikasi/{id}/dibaca",
		Summary:     "Tandai notifikasi dibaca",
		Description: "Menandai satu notifikasi milik pengguna ini sebagai sudah dibaca (mengulang tidak mengubah apa pun).",
		Tags:        []string{tag}, Metadata: authz.Authenticated(), DefaultStatus: http.StatusNoContent,
		Errors: []int{http.StatusNotFound},
	}, func(ctx context.Context, in *idInput) (*struct{}, error) {
		u, err := pengguna(ctx)
		if err != nil {
			return nil, err
		}
		return nil, s.Tandai(ctx, u, in.ID)
	})
	huma.Register(api, huma.Operation{
		OperationID: "notifikasi-tandai-semua", Method: http.MethodPost, Path: "/notifikasi/dibaca-semua",
		Summary:     "Tandai semua notifikasi dibaca",
		Description: "Menandai semua notifikasi pengguna ini yang belum dibaca sebagai sudah dibaca.",
		Tags:        []string{tag}, Metadata: authz.Authenticated(), DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, _ *struct{}) (*struct{}, error) {
		u, err := pengguna(ctx)
		if err != nil {
			return nil, err
		}
		return nil, s.TandaiSemua(ctx, u)
	})
}

// pengguna is the signed-in user's id, the only inbox a request may touch.
func pengguna(ctx context.Context) (string, error) {
	u, ok := auth.UserFrom(ctx)
	if !ok || u.ID == "" {
		return "", fault.New(fault.Unauthorized, "Silakan masuk terlebih dahulu.")
	}
	return u.ID, nil
}
