package auth

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
)

// GrantLister lists a user's grants for GET /me.
type GrantLister interface {
	Grants(ctx context.Context, userID string) ([]authz.Grant, error)
}

type loginInput struct {
	Body struct {
		Email    string `json:"email" format:"email" maxLength:"254" doc:"Alamat email akun"`
		Password string `json:"password" minLength:"1" maxLength:"1024" doc:"Kata sandi"`
	}
	ip        string
	userAgent string
}

// Resolve captures what the rate limits and the session record need.
func (in *loginInput) Resolve(ctx huma.Context) []error {
	in.ip = ctx.RemoteAddr()
	if host, _, err := net.SplitHostPort(in.ip); err == nil {
		in.ip = host
	}
	in.userAgent = ctx.Header("User-Agent")
	return nil
}

type loginOutput struct {
	Body struct {
		Token     string    `json:"token" doc:"Token sesi; kirim sebagai Authorization: Bearer <token>"`
		ExpiresAt time.Time `json:"expires_at" doc:"Batas mutlak sesi (12 jam); sesi juga berakhir setelah 30 menit tanpa aktivitas"`
		User      User      `json:"user"`
	}
}

type logoutInput struct {
	Authorization string `header:"Authorization" doc:"Bearer <token>"`
	Cookie        string `cookie:"ngantor_session"`
}

type grantView struct {
	Role    string `json:"role" example:"perbekel"`
	Wilayah string `json:"wilayah" example:"51.02.06.2001"`
	Source  string `json:"source" example:"manual" doc:"Asal izin: manual (diberikan admin) atau perangkat:<id> (dari jabatan perangkat desa); satu peran dapat tercantum sekali per asal"`
}

type meOutput struct {
	Body struct {
		User   User        `json:"user"`
		Grants []grantView `json:"grants"`
	}
}

// Register adds POST /auth/login, POST /auth/logout and GET /me to api (the
// /api/v1 group).
func (s *Service) Register(api huma.API, grants GrantLister) {
	huma.Register(api, huma.Operation{
		OperationID: "auth-login", Method: http.MethodPost, Path: "/auth/login",
		Summary:     "Masuk",
		Description: "Menukar email dan kata sandi dengan token sesi. Gagal berulang dibatasi per akun dan per alamat IP (429 dengan Retry-After). Bila batas itu tidak dapat diperiksa, jawabannya 503 dengan Retry-After dan kata sandi tidak diperiksa.",
		Tags:        []string{"Sesi"}, Metadata: authz.Public(),
		Errors: []int{http.StatusUnauthorized, http.StatusUnprocessableEntity, http.StatusTooManyRequests, http.StatusServiceUnavailable},
	}, func(ctx context.Context, in *loginInput) (*loginOutput, error) {
		token, exp, u, err := s.Login(ctx, in.Body.Email, in.Body.Password, in.ip, in.userAgent)
		if err != nil {
			return nil, err
		}
		out := &loginOutput{}
		out.Body.Token, out.Body.ExpiresAt, out.Body.User = token, exp, u
		return out, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "auth-logout", Method: http.MethodPost, Path: "/auth/logout",
		Summary: "Keluar", Description: "Mengakhiri sesi token ini.",
		Tags: []string{"Sesi"}, Metadata: authz.Authenticated(), DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *logoutInput) (*struct{}, error) {
		token := in.Cookie
		if t, ok := strings.CutPrefix(in.Authorization, "Bearer "); ok {
			token = strings.TrimSpace(t)
		}
		if token == "" {
			return nil, fault.New(fault.Unauthorized, "Silakan masuk terlebih dahulu.")
		}
		return nil, s.Logout(ctx, token)
	})
	huma.Register(api, huma.Operation{
		OperationID: "me", Method: http.MethodGet, Path: "/me",
		Summary: "Akun saya", Description: "Pengguna yang sedang masuk beserta perannya di tiap wilayah.",
		Tags: []string{"Sesi"}, Metadata: authz.Authenticated(),
	}, func(ctx context.Context, _ *struct{}) (*meOutput, error) {
		u, ok := UserFrom(ctx)
		if !ok {
			return nil, fault.New(fault.Unauthorized, "Silakan masuk terlebih dahulu.")
		}
		gs, err := grants.Grants(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		out := &meOutput{}
		out.Body.User = u
		out.Body.Grants = make([]grantView, 0, len(gs))
		for _, g := range gs {
			out.Body.Grants = append(out.Body.Grants, grantView{Role: string(g.Role), Wilayah: string(g.Wilayah), Source: g.Source})
		}
		return out, nil
	})
}
