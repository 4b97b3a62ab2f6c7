package persuratan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	bengkel  tenancy.Kode = "51.02.06.2001"
	tetangga tenancy.Kode = "51.02.06.2002"
)

// now is 5 March 2026, 10:00 WITA.
var now = time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

type fakeSigners map[tenancy.Kode]persuratan.Signer

func (f fakeSigners) Signer(_ context.Context, desa tenancy.Kode) (persuratan.Signer, error) {
	s, ok := f[desa]
	if !ok {
		return persuratan.Signer{}, fault.New(fault.NotFound, "belum ada kepala desa")
	}
	return s, nil
}

var signers = fakeSigners{
	bengkel:  {Nama: "I Wayan Sudarma", Jabatan: "Perbekel Bengkel"},
	tetangga: {Nama: "I Nyoman Karsa", Jabatan: "Perbekel Tetangga"},
}

type fakeLetterheads struct{}

func (fakeLetterheads) Letterhead(_ context.Context, desa tenancy.Kode) (persuratan.Letterhead, error) {
	names := map[tenancy.Kode]string{bengkel: "Bengkel", tetangga: "Tetangga", "51.02.06.2003": "Tanpa Perbekel"}
	n, ok := names[desa]
	if !ok {
		return persuratan.Letterhead{}, fault.New(fault.NotFound, "desa %s tidak ditemukan", string(desa))
	}
	return persuratan.Letterhead{Kabupaten: "Kabupaten Tabanan", Kecamatan: "Kediri", Desa: n, Alamat: "Jalan Raya " + n}, nil
}

type grant struct {
	role authz.Role
	kode tenancy.Kode
}

// users are the test accounts; the token is the user id.
var users = map[string]grant{
	"perbekel-2001": {authz.Perbekel, bengkel},
	"operator-2001": {authz.Operator, bengkel},
	"perbekel-2002": {authz.Perbekel, tetangga},
	"perbekel-2003": {authz.Perbekel, "51.02.06.2003"},
	"camat":         {authz.Camat, "51.02.06"},
	"forum":         {authz.ForumPerbekel, "51.02.06"},
	"admin-kab":     {authz.AdminKabupaten, "51.02"},
}

// fakeAuth checks grants against the module's own Templates, so the tests
// exercise policy.go as a real enforcer would.
type fakeAuth struct{}

func (fakeAuth) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	if _, ok := users[token]; !ok {
		return ctx, httpserver.Identity{}, fault.New(fault.Unauthorized, "sesi tidak dikenal")
	}
	return auth.WithUser(ctx, auth.User{ID: token, Name: token}), httpserver.Identity{UserID: token}, nil
}

func (fakeAuth) Allowed(_ context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error) {
	g, ok := users[userID]
	if !ok || !g.kode.Contains(target) {
		return false, nil
	}
	return slices.Contains(persuratan.Templates()[g.role], p), nil
}

// recordedAudit keeps the entries the page wrapper records (platform/web).
type recordedAudit struct{ recs []audit.Entry }

func (a *recordedAudit) Append(_ context.Context, e audit.Entry) error {
	a.recs = append(a.recs, e)
	return nil
}

func (a *recordedAudit) AppendTx(ctx context.Context, _ bun.Tx, e audit.Entry) error {
	return a.Append(ctx, e)
}

func newModule(t *testing.T, d *db.DB, extra ...func(*persuratan.Deps)) *persuratan.Module {
	t.Helper()
	store, err := blob.Open(context.Background(), "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	deps := persuratan.Deps{
		DB: d, Blob: store, Signers: signers, Letterheads: fakeLetterheads{}, Authz: fakeAuth{},
		Logger: discard, Clock: func() time.Time { return now }, BaseURL: "https://ngantor.example",
	}
	for _, f := range extra {
		f(&deps)
	}
	m := persuratan.New(deps)
	if err := m.SeedReference(context.Background()); err != nil {
		t.Fatal(err)
	}
	return m
}

func desaCtx(k tenancy.Kode) context.Context {
	return tenancy.With(context.Background(), tenancy.Tenant{Kode: k})
}

// api is the module behind the platform's real HTTP edge (guard, problem
// mapping) with fake sign-in and grants.
type api struct {
	t   *testing.T
	m   *persuratan.Module
	srv *httpserver.Server
}

func newAPI(t *testing.T, d *db.DB) *api {
	t.Helper()
	m := newModule(t, d)
	srv := httpserver.New(httpserver.Deps{Logger: discard, Auth: fakeAuth{}, Authz: fakeAuth{}, Clock: func() time.Time { return now }})
	m.Register(srv.V1())
	return &api{t: t, m: m, srv: srv}
}

// do sends a request as user (no Authorization when ""). The mux is used
// directly: the outer 1 MiB cap of Handler() is the platform's business.
func (a *api) do(method, path, user string, body any, header ...string) *httptest.ResponseRecorder {
	a.t.Helper()
	var r io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		r, ct = bytes.NewReader(raw), "application/json"
	}
	req := httptest.NewRequest(method, "https://ngantor.example/api/v1"+path, r)
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+user)
	}
	rec := httptest.NewRecorder()
	a.srv.Mux().ServeHTTP(rec, req)
	return rec
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %T: %v: %s", v, err, rec.Body)
	}
	return v
}

func wantStatus(t *testing.T, rec *httptest.ResponseRecorder, status int) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %s", rec.Code, status, rec.Body)
	}
}

func domisili(nama, nik string) persuratan.SuratLayananBaru {
	return persuratan.SuratLayananBaru{Jenis: "keterangan_domisili", Pemohon: persuratan.Pemohon{
		Nama: nama, NIK: nik, Alamat: "Banjar Dinas Kaja Nomor 7", Keperluan: "Melamar pekerjaan di Denpasar",
	}}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func decodeBytes[T any](b []byte) T {
	var v T
	_ = json.Unmarshal(b, &v)
	return v
}

func tenancyKode(s string) tenancy.Kode { return tenancy.Kode(s) }

func openFileBlob(dir string) (blob.Store, error) {
	return blob.Open(context.Background(), "file://"+dir)
}
