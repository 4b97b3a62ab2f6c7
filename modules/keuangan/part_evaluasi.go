package keuangan

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// registerEvaluasi adds the camat's evaluation (comments and decision on a
// submitted APBDes) and the kabupaten's rules per year to the API. The
// platform guard has checked the declared permission at {kode} and put it
// in the context as tenant.
func (m *Module) registerEvaluasi(api huma.API) {
	huma.Register(api, apiOp("list-apbdes-komentar", http.MethodGet, "/desa/{kode}/apbdes/{tahun}/komentar",
		"Komentar evaluasi camat atas APBDes",
		"Komentar camat per baris dan atas APBDes seluruhnya, urut waktu, pada APBDes tahun itu yang sedang atau terakhir dievaluasi.",
		PermRead), m.apiListKomentar)
	huma.Register(api, apiOp("create-apbdes-komentar", http.MethodPost, "/desa/{kode}/apbdes/{tahun}/komentar",
		"Tulis komentar evaluasi",
		"Camat menulis komentar atas satu baris (baris_id) atau atas APBDes seluruhnya. Hanya selama APBDes diajukan; selain itu 409.",
		PermEvaluasi), m.apiTambahKomentar)
	putuskan := apiOp("evaluasi-apbdes", http.MethodPost, "/desa/{kode}/apbdes/{tahun}/evaluasi",
		"Keputusan evaluasi camat",
		"keputusan=kembalikan mengembalikan APBDes untuk diperbaiki (catatan wajib); keputusan=terima menerima hasil evaluasi sehingga desa dapat menetapkannya dengan Perdes. Hanya selama APBDes diajukan; selain itu 409.",
		PermEvaluasi)
	putuskan.DefaultStatus = http.StatusOK
	huma.Register(api, putuskan, m.apiPutuskan)
	huma.Register(api, apiOp("get-keuangan-aturan", http.MethodGet, "/wilayah/{kode}/keuangan/aturan/{tahun}",
		"Aturan APBDes kabupaten per tahun",
		"Aturan yang dipakai memeriksa APBDes desa di kabupaten pada tahun anggaran itu, masing-masing dengan dasar hukumnya. asal=nasional: kabupaten belum menyimpan aturannya sendiri dan berlaku set bawaan.",
		PermAturan), m.apiGetAturan)
	huma.Register(api, apiOp("put-keuangan-aturan", http.MethodPut, "/wilayah/{kode}/keuangan/aturan/{tahun}",
		"Ubah aturan APBDes kabupaten per tahun",
		"salin_dari=nasional atau salin_dari=<tahun> mengganti aturan tahun itu dengan salinan set nasional atau set tahun lain. "+
			"aturan: setiap aturan yang dikirim ditambahkan atau diubah menurut kodenya (aktif=false mematikannya); aturan lain tetap. "+
			"Kabupaten yang belum punya aturan sendiri mulai dari salinan set nasional.",
		PermAturan), m.apiPutAturan)
}

// tahunDariTeks reads {tahun}. It is a string in the API so that a path that
// names no year answers 404 like any unknown resource, not 422.
func tahunDariTeks(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 {
		return 0, fault.New(fault.NotFound, "Tahun anggaran %q tidak dikenal.", s)
	}
	return y, periksaTahunEv(y)
}

type komentarListInput struct {
	Kode  string `path:"kode" example:"51.02.06.2001"`
	Tahun string `path:"tahun" example:"2026" doc:"Tahun anggaran"`
}

type komentarListOutput struct {
	Body struct {
		Items []Komentar `json:"items"`
	}
}

func (m *Module) apiListKomentar(ctx context.Context, in *komentarListInput) (*komentarListOutput, error) {
	tahun, err := tahunDariTeks(in.Tahun)
	if err != nil {
		return nil, err
	}
	items, err := m.ListKomentar(ctx, tahun)
	if err != nil {
		return nil, err
	}
	out := &komentarListOutput{}
	out.Body.Items = items
	return out, nil
}

type tambahKomentarInput struct {
	Kode  string `path:"kode" example:"51.02.06.2001"`
	Tahun string `path:"tahun" example:"2026"`
	Body  KomentarBaru
}

type komentarOutput struct{ Body Komentar }

func evBodyField(name string) string { return "body." + name }

func (m *Module) apiTambahKomentar(ctx context.Context, in *tambahKomentarInput) (*komentarOutput, error) {
	tahun, err := tahunDariTeks(in.Tahun)
	if err != nil {
		return nil, err
	}
	k, err := m.TambahKomentar(ctx, tahun, in.Body, evBodyField)
	if err != nil {
		return nil, err
	}
	return &komentarOutput{Body: k}, nil
}

type putuskanInput struct {
	Kode  string `path:"kode" example:"51.02.06.2001"`
	Tahun string `path:"tahun" example:"2026"`
	Body  Keputusan
}

type keputusanOutput struct{ Body APBDes }

func (m *Module) apiPutuskan(ctx context.Context, in *putuskanInput) (*keputusanOutput, error) {
	tahun, err := tahunDariTeks(in.Tahun)
	if err != nil {
		return nil, err
	}
	a, err := m.Putuskan(ctx, tahun, in.Body, evBodyField)
	if err != nil {
		return nil, err
	}
	return &keputusanOutput{Body: a}, nil
}

type aturanInput struct {
	Kode  string `path:"kode" example:"51.02" doc:"Kode kabupaten"`
	Tahun string `path:"tahun" example:"2026"`
}

type aturanOutput struct{ Body AturanSet }

// wilayahDariCtx is the wilayah the guard put in ctx.
func wilayahDariCtx(ctx context.Context) (tenancy.Kode, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return "", tenancy.ErrNoTenant
	}
	return t.Kode, nil
}

func (m *Module) apiGetAturan(ctx context.Context, in *aturanInput) (*aturanOutput, error) {
	tahun, err := tahunDariTeks(in.Tahun)
	if err != nil {
		return nil, err
	}
	kab, err := wilayahDariCtx(ctx)
	if err != nil {
		return nil, err
	}
	set, err := m.ListAturan(ctx, kab, tahun)
	if err != nil {
		return nil, err
	}
	return &aturanOutput{Body: set}, nil
}

type putAturanInput struct {
	Kode  string `path:"kode" example:"51.02" doc:"Kode kabupaten"`
	Tahun string `path:"tahun" example:"2026"`
	Body  struct {
		SalinDari string        `json:"salin_dari,omitempty" maxLength:"9" example:"nasional" doc:"nasional, atau tahun yang disalin (misalnya 2025)"`
		Aturan    []AturanInput `json:"aturan,omitempty" maxItems:"50"`
	}
}

func (m *Module) apiPutAturan(ctx context.Context, in *putAturanInput) (*aturanOutput, error) {
	tahun, err := tahunDariTeks(in.Tahun)
	if err != nil {
		return nil, err
	}
	kab, err := wilayahDariCtx(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := kabupatenAturan(kab); err != nil {
		return nil, err
	}
	if in.Body.SalinDari == "" && len(in.Body.Aturan) == 0 {
		return nil, fault.Field("body", "Kirim salin_dari atau sedikitnya satu aturan.")
	}
	var rules []Aturan
	var errs []*fault.Error
	for i, a := range in.Body.Aturan {
		prefix := "body.aturan[" + strconv.Itoa(i) + "]."
		r, err := a.Periksa(func(name string) string {
			for _, sel := range []string{"pembilang_", "penyebut_"} {
				if rest, ok := strings.CutPrefix(name, sel); ok {
					return prefix + strings.TrimSuffix(sel, "_") + "." + rest
				}
			}
			return prefix + name
		})
		if f, ok := fault.As(err); ok {
			if len(f.Fields) > 0 {
				errs = append(errs, f.Fields...)
			} else {
				errs = append(errs, f)
			}
			continue
		}
		rules = append(rules, r)
	}
	if len(errs) > 0 {
		return nil, fault.Invalids(errs)
	}
	by := evActor(ctx)
	var set AturanSet
	if in.Body.SalinDari != "" {
		if set, err = m.SalinAturan(ctx, kab, tahun, strings.TrimSpace(in.Body.SalinDari), by); err != nil {
			if f, ok := fault.As(err); ok && f.Field == "salin_dari" {
				f.Field = "body.salin_dari"
			}
			return nil, err
		}
	}
	if len(rules) > 0 {
		if set, err = m.SimpanAturan(ctx, kab, tahun, rules, by); err != nil {
			return nil, err
		}
	}
	return &aturanOutput{Body: set}, nil
}

func evActor(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return "anon"
}
