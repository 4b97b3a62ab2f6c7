package opd_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/opd"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// fixture is the module on a real database with real accounts
// (platform/auth) and the real enforcer: an API token is a user id.
type fixture struct {
	t     *testing.T
	m     *opd.Module
	auth  *auth.Service
	authz *authz.Enforcer
	api   *webtest.API
	audit *webtest.Audit
	users map[string]string // account name → user id
}

// sessions signs in a bearer token that is a user id, reading the account
// afresh each time (so its OPD code is the stored one).
type sessions struct{ f *fixture }

func (s sessions) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	u, err := s.f.auth.UserByID(ctx, token)
	if err != nil {
		return ctx, httpserver.Identity{}, fault.New(fault.Unauthorized, "sesi tidak dikenal")
	}
	return auth.WithUser(ctx, u), httpserver.Identity{UserID: u.ID}, nil
}

func (s sessions) Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error) {
	return s.f.authz.Allowed(ctx, userID, target, p)
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, audit: &webtest.Audit{}, users: map[string]string{}}
	f.auth = auth.New(auth.Deps{DB: d, Logger: webtest.Discard, Params: auth.Params{Memory: 64, Time: 1, Threads: 1}})
	var err error
	f.authz, err = authz.New(ctx, authz.Deps{DB: d, Templates: opd.Templates(), Logger: webtest.Discard, PollInterval: -1, CacheTTL: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.authz.Close() })
	f.m = opd.New(opd.Deps{DB: d, Grants: f.authz, Users: f.auth, Logger: webtest.Discard})
	if err := f.m.SeedReference(ctx); err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		name string
		role authz.Role
		kode tenancy.Kode
	}{
		{"admin", authz.AdminKabupaten, "51.02"},
		{"adminlain", authz.AdminKabupaten, "35.23"},
		{"bupati", authz.Bupati, "51.02"},
		{"camat", authz.Camat, "51.02.06"},
		{"perbekel", authz.Perbekel, "51.02.06.2001"},
		{"kadek", "", ""},
		{"wayan", "", ""},
	} {
		u, err := f.auth.CreateUser(ctx, auth.NewUser{Email: a.name + "@tabanan.test", Name: "Nama " + a.name, Password: webtest.Password})
		if err != nil {
			t.Fatal(err)
		}
		f.users[a.name] = u.ID
		if a.role != "" {
			if err := f.authz.Grant(ctx, authz.Grant{UserID: u.ID, Role: a.role, Wilayah: a.kode}); err != nil {
				t.Fatal(err)
			}
		}
	}
	f.api = webtest.NewAPI(f.m.Register, sessions{f}, nil, func(d *httpserver.Deps) { d.Audit = f.audit })
	return f
}

// call answers status and decoded body as account name.
func (f *fixture) call(method, path, name string, body any) (int, map[string]any) {
	f.t.Helper()
	return f.api.JSON(f.t, method, path, f.users[name], body)
}

func (f *fixture) byKode(kode string) opd.OPD {
	f.t.Helper()
	o, err := f.m.ByKode(context.Background(), "51.02", kode)
	if err != nil {
		f.t.Fatalf("ByKode %s: %v", kode, err)
	}
	return o
}

func detail(b map[string]any) string {
	s, _ := b["detail"].(string)
	if errs, ok := b["errors"].([]any); ok {
		for _, e := range errs {
			if m, ok := e.(map[string]any); ok {
				msg, _ := m["message"].(string)
				s += " | " + msg
			}
		}
	}
	return s
}

func TestSeedLoadsTabananOPDWithUniqueCodes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		list, err := f.m.Daftar(context.Background(), opd.Tabanan)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 40 {
			t.Fatalf("Tabanan has %d OPD, want 40", len(list))
		}
		kode := map[string]bool{}
		for i, o := range list {
			if kode[o.Kode] {
				t.Errorf("code %s twice", o.Kode)
			}
			kode[o.Kode] = true
			if !opd.KodeSah(o.Kode) || !o.Jenis.Valid() || len(o.Urusan) == 0 || !o.Aktif || o.Kabupaten != opd.Tabanan {
				t.Errorf("OPD %+v", o)
			}
			if i > 0 && list[i-1].Nama > o.Nama {
				t.Errorf("not sorted by name: %q before %q", list[i-1].Nama, o.Nama)
			}
		}
		for _, k := range []string{"DLH", "SATPOLPP", "DISKOPUKM", "DISKOMINFO", "CAMATKEDIRI", "DKP", "DSPPPA"} {
			if !kode[k] {
				t.Errorf("code %s missing", k)
			}
		}
		if dlh := f.byKode("DLH"); !slices.Contains(dlh.Urusan, "persampahan") || dlh.Jenis != opd.JenisDinas {
			t.Errorf("DLH %+v", dlh)
		}
		if s := f.byKode("Satpol PP"); s.Jenis != opd.JenisSatpolPP {
			t.Errorf("ByKode(Satpol PP) %+v", s)
		}
		if _, err := f.m.ByKode(context.Background(), "35.23", "DLH"); !fault.Is(err, fault.NotFound) {
			t.Errorf("another kabupaten's DLH: %v", err)
		}
		if l, _ := f.m.Daftar(context.Background(), "35.23"); len(l) != 0 {
			t.Errorf("another kabupaten lists %d OPD", len(l))
		}
	})
}

func TestReseedKeepsAnAdminEdit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		dlh := f.byKode("DLH")
		status, body := f.call(http.MethodPut, "/wilayah/51.02/opd/"+dlh.ID, "admin", map[string]any{
			"nama": "Dinas Lingkungan Hidup dan Kebersihan", "singkatan": "DLH", "jenis": "dinas", "urusan": []string{"persampahan"}, "aktif": false})
		if status != http.StatusOK {
			t.Fatalf("edit: %d %v", status, body)
		}
		if err := f.m.SeedReference(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := f.byKode("DLH")
		if got.Nama != "Dinas Lingkungan Hidup dan Kebersihan" || got.Aktif || len(got.Urusan) != 1 || got.ID != dlh.ID {
			t.Errorf("after reseed: %+v", got)
		}
		if l, _ := f.m.Daftar(context.Background(), opd.Tabanan); len(l) != 40 {
			t.Errorf("after reseed %d OPD, want 40", len(l))
		}
	})
}

func TestOPDAPICreateEditAndRefusals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		base := "/wilayah/51.02/opd"
		status, body := f.call(http.MethodPost, base, "admin", map[string]any{
			"nama": "Dinas Pemadam Kebakaran dan Penyelamatan", "singkatan": "Damkar", "jenis": "dinas",
			"urusan": []string{"pemadam kebakaran", "penyelamatan"}, "aktif": true})
		if status != http.StatusCreated || body["kode"] != "DAMKAR" || body["kabupaten"] != "51.02" {
			t.Fatalf("create: %d %v", status, body)
		}
		id, _ := body["id"].(string)
		if !slices.Contains(f.audit.Actions(), "create-opd") {
			t.Errorf("create not audited: %v", f.audit.Actions())
		}

		for _, tc := range []struct {
			name   string
			method string
			path   string
			body   map[string]any
			status int
			want   string
		}{
			{"duplicate code", http.MethodPost, base, map[string]any{"nama": "Dinas Lain", "kode": "DLH", "jenis": "dinas", "urusan": []string{}, "aktif": true}, 409, "sudah dipakai"},
			{"no name", http.MethodPost, base, map[string]any{"nama": " ", "kode": "X1", "jenis": "dinas", "urusan": []string{}, "aktif": true}, 422, "Nama OPD wajib diisi"},
			{"bad code", http.MethodPost, base, map[string]any{"nama": "Dinas Baru", "kode": "dl-h", "jenis": "dinas", "urusan": []string{}, "aktif": true}, 422, "huruf besar"},
			{"control char", http.MethodPost, base, map[string]any{"nama": "Dinas\u0007Baru", "kode": "DB", "jenis": "dinas", "urusan": []string{}, "aktif": true}, 422, "tidak diizinkan"},
			{"long urusan", http.MethodPut, base + "/" + id, map[string]any{"nama": "Dinas Damkar", "jenis": "dinas", "urusan": []string{strings.Repeat("a", 101)}, "aktif": true}, 422, "maksimal 100"},
			{"bad jenis", http.MethodPut, base + "/" + id, map[string]any{"nama": "Dinas Damkar", "jenis": "kantor", "urusan": []string{}, "aktif": true}, 422, ""},
			{"other kabupaten id", http.MethodGet, "/wilayah/35.23/opd/" + id, nil, 404, ""},
			{"kecamatan code for a write", http.MethodPost, "/wilayah/51.02.06/opd", map[string]any{"nama": "Dinas X", "jenis": "dinas", "urusan": []string{}, "aktif": true}, 404, "kabupaten"},
		} {
			who := "admin"
			if strings.Contains(tc.path, "35.23") {
				who = "adminlain"
			}
			status, body := f.call(tc.method, tc.path, who, tc.body)
			if status != tc.status || !strings.Contains(detail(body), tc.want) {
				t.Errorf("%s: %d %q, want %d with %q", tc.name, status, detail(body), tc.status, tc.want)
			}
		}
		urusan := make([]string, 21)
		for i := range urusan {
			urusan[i] = "urusan " + string(rune('a'+i))
		}
		if status, body := f.call(http.MethodPut, base+"/"+id, "admin", map[string]any{"nama": "Dinas Damkar", "jenis": "dinas", "urusan": urusan, "aktif": true}); status != 422 {
			t.Errorf("21 urusan: %d %v", status, body)
		}

		// Edit: the code stays, the rest changes.
		status, body = f.call(http.MethodPut, base+"/"+id, "admin", map[string]any{
			"nama": "Dinas Pemadam Kebakaran", "singkatan": "", "jenis": "badan", "urusan": []string{"kebakaran"}, "aktif": false})
		if status != 200 || body["kode"] != "DAMKAR" || body["nama"] != "Dinas Pemadam Kebakaran" || body["aktif"] != false || body["jenis"] != "badan" {
			t.Errorf("edit: %d %v", status, body)
		}
		if status, body := f.call(http.MethodGet, base+"/"+id, "bupati", nil); status != 200 || body["nama"] != "Dinas Pemadam Kebakaran" {
			t.Errorf("bupati reads: %d %v", status, body)
		}
		if status, body := f.call(http.MethodGet, "/wilayah/51.02.06/opd", "camat", nil); status != 200 || len(body["items"].([]any)) != 41 {
			t.Errorf("camat lists: %d", status)
		}
		// Neither the camat nor a perbekel writes; the perbekel does not
		// even read the kabupaten's list (their grant is at the desa).
		for _, who := range []string{"camat", "perbekel", "bupati"} {
			if status, _ := f.call(http.MethodPost, base, who, map[string]any{"nama": "Dinas X", "jenis": "dinas", "urusan": []string{}}); status != 403 {
				t.Errorf("%s creates: %d, want 403", who, status)
			}
			if status, _ := f.call(http.MethodPut, base+"/"+id, who, map[string]any{"nama": "Dinas X", "jenis": "dinas", "urusan": []string{}}); status != 403 {
				t.Errorf("%s edits: %d, want 403", who, status)
			}
		}
		// The perbekel reads through the desa's own code, not the
		// kabupaten's (their grant is at the desa); the camat too.
		if status, _ := f.call(http.MethodGet, base, "perbekel", nil); status != 403 {
			t.Errorf("perbekel lists at the kabupaten code: %d", status)
		}
		if status, body := f.call(http.MethodGet, "/wilayah/51.02.06.2001/opd", "perbekel", nil); status != 200 || len(body["items"].([]any)) != 41 {
			t.Errorf("perbekel lists at the desa: %d", status)
		}
		if status, body := f.call(http.MethodGet, "/wilayah/51.02.06.2001/opd/"+id, "perbekel", nil); status != 200 || body["kode"] != "DAMKAR" {
			t.Errorf("perbekel reads at the desa: %d %v", status, body)
		}
		if status, _ := f.call(http.MethodGet, "/wilayah/51.02.06.2011/opd", "perbekel", nil); status != 403 {
			t.Errorf("perbekel lists at another desa: %d", status)
		}
		if status, _ := f.call(http.MethodGet, "/wilayah/35.23.12.2001/opd/"+id, "adminlain", nil); status != 404 {
			t.Errorf("other kabupaten's desa reads Tabanan's OPD: %d", status)
		}
		if status, _ := f.call(http.MethodGet, "/wilayah/51.02/opd/"+id, "adminlain", nil); status != 403 {
			t.Errorf("other kabupaten's admin at 51.02: %d", status)
		}
	})
}

func TestMembershipGrantsTheOPDRole(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		dlh, satpol := f.byKode("DLH"), f.byKode("SATPOLPP")
		base := "/wilayah/51.02/opd/" + dlh.ID + "/anggota"

		// Before: no role, no OPD.
		if status, _ := f.call(http.MethodGet, "/wilayah/51.02/opd", "kadek", nil); status != 403 {
			t.Fatalf("non-member lists: %d, want 403", status)
		}
		status, body := f.call(http.MethodPost, base, "admin", map[string]any{"email": "Kadek@Tabanan.test"})
		if status != http.StatusCreated || body["user_id"] != f.users["kadek"] {
			t.Fatalf("add member: %d %v", status, body)
		}
		if status, _ := f.call(http.MethodGet, "/wilayah/51.02/opd", "kadek", nil); status != 200 {
			t.Errorf("member lists: %d, want 200", status)
		}
		u, _ := f.auth.UserByID(ctx, f.users["kadek"])
		if u.OPD != "DLH" {
			t.Errorf("auth.User.OPD = %q, want DLH", u.OPD)
		}
		grants, _ := f.authz.Grants(ctx, f.users["kadek"])
		if len(grants) != 1 || grants[0].Role != authz.OPD || grants[0].Wilayah != "51.02" || grants[0].Source != "opd:"+dlh.ID {
			t.Errorf("grants %+v", grants)
		}
		if o, ok, err := f.m.OPDOf(ctx, f.users["kadek"]); err != nil || !ok || o.Kode != "DLH" {
			t.Errorf("OPDOf: %+v %v %v", o, ok, err)
		}
		if ids, _ := f.m.Anggota(ctx, dlh.ID); !slices.Equal(ids, []string{f.users["kadek"]}) {
			t.Errorf("Anggota %v", ids)
		}
		if status, body := f.call(http.MethodGet, base, "admin", nil); status != 200 || !strings.Contains(stringOf(body), "kadek@tabanan.test") {
			t.Errorf("member list: %d %v", status, body)
		}

		// One OPD per user.
		status, body = f.call(http.MethodPost, "/wilayah/51.02/opd/"+satpol.ID+"/anggota", "admin", map[string]any{"email": "kadek@tabanan.test"})
		if status != http.StatusConflict || !strings.Contains(detail(body), "hanya boleh menjadi anggota satu OPD") {
			t.Errorf("second OPD: %d %q", status, detail(body))
		}
		if status, body := f.call(http.MethodPost, base, "admin", map[string]any{"email": "tidakada@tabanan.test"}); status != 422 || !strings.Contains(detail(body), "Tidak ada akun") {
			t.Errorf("unknown e-mail: %d %q", status, detail(body))
		}
		if status, _ := f.call(http.MethodPost, base, "camat", map[string]any{"email": "wayan@tabanan.test"}); status != 403 {
			t.Errorf("camat adds a member: %d", status)
		}
		if status, _ := f.call(http.MethodPost, "/wilayah/35.23/opd/"+dlh.ID+"/anggota", "adminlain", map[string]any{"email": "wayan@tabanan.test"}); status != 404 {
			t.Errorf("other kabupaten's admin adds to Tabanan's OPD: %d", status)
		}

		// Removing takes the role and the code back.
		if status, body := f.call(http.MethodDelete, base+"/"+f.users["kadek"], "admin", nil); status != http.StatusNoContent {
			t.Fatalf("remove: %d %v", status, body)
		}
		if status, _ := f.call(http.MethodGet, "/wilayah/51.02/opd", "kadek", nil); status != 403 {
			t.Errorf("removed member lists: %d, want 403", status)
		}
		if u, _ := f.auth.UserByID(ctx, f.users["kadek"]); u.OPD != "" {
			t.Errorf("OPD after removal %q", u.OPD)
		}
		if g, _ := f.authz.Grants(ctx, f.users["kadek"]); len(g) != 0 {
			t.Errorf("grants after removal %+v", g)
		}
		if status, _ := f.call(http.MethodDelete, base+"/"+f.users["kadek"], "admin", nil); status != 404 {
			t.Errorf("remove twice: %d", status)
		}
		// Free again: the other OPD may take them.
		if status, body := f.call(http.MethodPost, "/wilayah/51.02/opd/"+satpol.ID+"/anggota", "admin", map[string]any{"email": "kadek@tabanan.test"}); status != 201 {
			t.Errorf("join another OPD after leaving: %d %v", status, body)
		}
		for _, a := range []string{"add-opd-anggota", "remove-opd-anggota"} {
			if !slices.Contains(f.audit.Actions(), a) {
				t.Errorf("%s not audited: %v", a, f.audit.Actions())
			}
		}
	})
}

func stringOf(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			b.WriteString(x + " ")
		}
	}
	walk(v)
	return b.String()
}
