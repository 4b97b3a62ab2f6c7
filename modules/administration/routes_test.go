package administration_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/humatest"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
)

// tokenAuth accepts "tok-<user>" as the session of <user>.
type tokenAuth struct{}

func (tokenAuth) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	u, ok := strings.CutPrefix(token, "tok-")
	if !ok {
		return ctx, httpserver.Identity{}, fault.New(fault.Unauthorized, "Sesi tidak dikenal.")
	}
	return auth.WithUser(ctx, auth.User{ID: u}), httpserver.Identity{UserID: u}, nil
}

type apiFixture struct {
	*fixture
	api    humatest.TestAPI
	server *httpserver.Server
}

// newAPI runs the module behind the real platform edge (guard, problem
// mapping) with the real enforcer and these grants.
func newAPI(t *testing.T, d *db.DB) *apiFixture {
	t.Helper()
	f := newFixture(t, d)
	s := httpserver.New(httpserver.Deps{Logger: quiet(), DB: d, Auth: tokenAuth{}, Authz: f.authz})
	f.m.Register(s.V1())
	for _, g := range []authz.Grant{
		{UserID: "made", Role: authz.Perbekel, Wilayah: bengkel},
		{UserID: "luh", Role: authz.Sekdes, Wilayah: bengkel},
		{UserID: "ketut", Role: authz.Perbekel, Wilayah: pangkung},
		{UserID: "wayan", Role: authz.Camat, Wilayah: kediri},
		{UserID: "forum", Role: authz.ForumPerbekel, Wilayah: kediri},
	} {
		if err := f.authz.Grant(context.Background(), g); err != nil {
			t.Fatal(err)
		}
	}
	return &apiFixture{fixture: f, api: humatest.Wrap(t, s.API()), server: s}
}

func (f *apiFixture) call(user, method, path string, body any) (int, string) {
	args := []any{"Authorization: Bearer tok-" + user}
	if body != nil {
		args = append(args, body)
	}
	r := f.api.Do(method, "/api/v1"+path, args...)
	return r.Code, r.Body.String()
}

func TestAPIAnswersWithTheRightStatus(t *testing.T) {
	kades := map[string]any{"jabatan": "kepala_desa", "nama": "I Made Sudarsana", "nik": "5102061208850001",
		"status": "definitif", "sk_nomor": "180/1/HK/2021", "sk_tanggal": "2021-12-15", "mulai": "2021-12-20"}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for x, y := range kades {
			m[x] = y
		}
		m[k] = v
		return m
	}
	tests := []struct {
		name, user, method, path string
		body                     any
		status                   int
		contains, absent         string
	}{
		{"create returns 201 with the object", "made", "POST", "/desa/51.02.06.2001/perangkat", kades, 201, `"sebutan":"Perbekel"`, "5102061208850001"},
		{"second kepala desa is 409", "made", "POST", "/desa/51.02.06.2001/perangkat", with("nik", "5102061208850002"), 409, "masih dijabat", ""},
		{"bad NIK is 422 naming the field", "made", "POST", "/desa/51.02.06.2001/perangkat", with("nik", "123"), 422, "body.nik", ""},
		{"bad date is 422", "made", "POST", "/desa/51.02.06.2001/perangkat", with("mulai", "20-12-2021"), 422, "mulai", ""},
		{"server-owned field is 422", "made", "POST", "/desa/51.02.06.2001/perangkat", with("ended_at", "2026-01-01T00:00:00Z"), 422, "", ""},
		{"list masks NIK", "made", "GET", "/desa/51.02.06.2001/perangkat", nil, 200, `"nik":"5102**********01"`, "5102061208850001"},
		{"camat reads", "wayan", "GET", "/desa/51.02.06.2001/perangkat/bagan", nil, 200, "I Made Sudarsana", ""},
		{"camat cannot write", "wayan", "POST", "/desa/51.02.06.2001/dusun", map[string]any{"nama": "X", "sebutan": "banjar"}, 403, "", ""},
		{"forum_perbekel cannot read personal data", "forum", "GET", "/desa/51.02.06.2001/perangkat", nil, 403, "", ""},
		{"forum_perbekel reads the profile table", "forum", "GET", "/wilayah/51.02.06/profil-desa", nil, 200, `"items"`, ""},
		{"forum_perbekel cannot read flagged terms", "forum", "GET", "/wilayah/51.02.06/masa-jabatan", nil, 403, "", ""},
		{"camat reads flagged terms", "wayan", "GET", "/wilayah/51.02.06/masa-jabatan", nil, 200, `"items"`, ""},
		{"neighbour perbekel is 403 at Bengkel", "ketut", "GET", "/desa/51.02.06.2001/perangkat", nil, 403, "", ""},
		{"malformed id is 404", "made", "GET", "/desa/51.02.06.2001/perangkat/bukan-id", nil, 404, "tidak ditemukan", ""},
		{"profil before saving is 404", "made", "GET", "/desa/51.02.06.2001/profil", nil, 404, "belum diisi", ""},
		{"sekdes cannot link accounts", "luh", "PUT", "/desa/51.02.06.2001/perangkat/00000000-0000-7000-8000-000000000000/akun", map[string]any{"user_id": "x"}, 403, "", ""},
		{"lembaga create is 201", "luh", "POST", "/desa/51.02.06.2001/lembaga", map[string]any{"jenis": "bpd", "nama": "BPD Bengkel"}, 201, `"anggota_aktif":0`, ""},
		{"second BPD is 409", "luh", "POST", "/desa/51.02.06.2001/lembaga", map[string]any{"jenis": "bpd", "nama": "BPD Lain"}, 409, "sudah memiliki", ""},
		{"population of a future year is 422", "luh", "PUT", "/desa/51.02.06.2001/profil/penduduk/2030", map[string]any{"laki_laki": 1, "perempuan": 1, "kk": 1}, 422, "Tahun", ""},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAPI(t, d)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, body := f.call(tt.user, tt.method, tt.path, tt.body)
				if status != tt.status {
					t.Fatalf("status %d, want %d: %s", status, tt.status, body)
				}
				if !strings.Contains(body, tt.contains) {
					t.Fatalf("body lacks %q: %s", tt.contains, body)
				}
				if tt.absent != "" && strings.Contains(body, tt.absent) {
					t.Fatalf("body contains %q: %s", tt.absent, body)
				}
			})
		}
	})
}

// TestForeignIDsAreNotFound is this module's share of the cross-tenant
// matrix: every id a list of Bengkel shows, sent to every operation of
// Pangkung Tibah by Pangkung Tibah's own perbekel, is 404 — never data.
// records is one row of each kind Bengkel's API lists, for tests that
// send their ids to every operation.
type records struct {
	dusun      a.Dusun
	kepalaDesa a.Perangkat
	lembaga    a.Lembaga
	anggota    a.Anggota
}

func oneOfEach(t *testing.T, f *apiFixture) records {
	t.Helper()
	ctx := at(bengkel)
	var r records
	var err error
	if r.dusun, err = f.m.CreateDusun(ctx, a.DusunInput{Nama: "Sedahan", Sebutan: a.SebutanBanjar}); err != nil {
		t.Fatal(err)
	}
	r.kepalaDesa = mustAppoint(t, f.fixture, bengkel, appointment(a.KepalaDesa, "I Made Sudarsana", 1))
	if r.lembaga, err = f.m.CreateLembaga(ctx, a.LembagaInput{Jenis: a.PKK, Nama: "TP PKK Bengkel"}); err != nil {
		t.Fatal(err)
	}
	if r.anggota, err = f.m.AddAnggota(ctx, r.lembaga.ID, a.AnggotaInput{Nama: "Ni Wayan Sukerti", Jabatan: "Ketua", Mulai: "2022-01-01"}); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestForeignIDsAreNotFound(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAPI(t, d)
		ctx := at(bengkel)
		one := oneOfEach(t, f)
		dusun, p, l, an := one.dusun, one.kepalaDesa, one.lembaga, one.anggota
		// Harvest ids from Bengkel's list responses, as the matrix does.
		ids := map[string]bool{}
		for _, path := range []string{"/desa/51.02.06.2001/dusun", "/desa/51.02.06.2001/perangkat",
			"/desa/51.02.06.2001/lembaga", "/desa/51.02.06.2001/lembaga/" + l.ID.String() + "/anggota"} {
			status, body := f.call("made", "GET", path, nil)
			if status != 200 {
				t.Fatalf("%s: %d %s", path, status, body)
			}
			var pg struct {
				Items []struct {
					ID string `json:"id"`
				} `json:"items"`
			}
			_ = json.Unmarshal([]byte(body), &pg)
			for _, it := range pg.Items {
				ids[it.ID] = true
			}
		}
		for _, want := range []string{dusun.ID.String(), p.ID.String(), l.ID.String(), an.ID.String()} {
			if !ids[want] {
				t.Fatalf("id %s not harvested from the lists", want)
			}
		}
		bodies := map[string]any{
			"update-dusun":           map[string]any{"nama": "Curian", "sebutan": "banjar"},
			"end-perangkat":          map[string]any{"tanggal": "2026-01-01"},
			"link-perangkat-akun":    map[string]any{"user_id": "ketut"},
			"create-anggota-lembaga": map[string]any{"nama": "X", "jabatan": "Anggota", "mulai": "2026-01-01"},
			"end-anggota-lembaga":    map[string]any{"tanggal": "2026-01-01"},
			"update-lembaga":         map[string]any{"jenis": "lainnya", "nama": "Curian"},
			"update-anggota-lembaga": map[string]any{"nama": "X", "jabatan": "Anggota", "mulai": "2026-01-01"},
		}
		calls := 0
		for path, item := range f.server.API().OpenAPI().Paths {
			if !strings.Contains(path, "{id}") {
				continue
			}
			for method, op := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "DELETE": item.Delete} {
				if op == nil {
					continue
				}
				for id := range ids {
					for aid := range ids {
						u := strings.NewReplacer("{kode}", string(pangkung), "{id}", id, "{anggota_id}", aid).Replace(strings.TrimPrefix(path, "/api/v1"))
						status, body := f.call("ketut", method, u, bodies[op.OperationID])
						calls++
						if status != http.StatusNotFound {
							t.Fatalf("%s %s (%s): %d %s", method, u, op.OperationID, status, body)
						}
						if !strings.Contains(path, "{anggota_id}") {
							break
						}
					}
				}
			}
		}
		// The same ids at their own desa do answer: the 404s above are the
		// tenant wall, not a broken route.
		for _, c := range []struct {
			method, path string
			body         any
		}{
			{"GET", "/desa/51.02.06.2001/perangkat/" + p.ID.String(), nil},
			{"GET", "/desa/51.02.06.2001/lembaga/" + l.ID.String(), nil},
			{"PUT", "/desa/51.02.06.2001/dusun/" + dusun.ID.String(), map[string]any{"nama": "Sedahan", "sebutan": "banjar"}},
			{"POST", "/desa/51.02.06.2001/lembaga/" + l.ID.String() + "/anggota/" + an.ID.String() + "/berhenti", map[string]any{"tanggal": "2026-01-01"}},
		} {
			if status, body := f.call("made", c.method, c.path, c.body); status != http.StatusOK {
				t.Fatalf("own desa %s %s: %d %s", c.method, c.path, status, body)
			}
		}
		if calls < 40 {
			t.Fatalf("only %d calls made; the matrix walked too little", calls)
		}
		// And nothing of Bengkel's changed.
		got, err := f.m.GetPerangkat(ctx, p.ID)
		if err != nil || !got.Active() || got.UserID != "" {
			t.Fatalf("Bengkel's appointment after the walk: %+v %v", got, err)
		}
	})
}
