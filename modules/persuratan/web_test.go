package persuratan_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

type pageAuthz map[string]grant

func (p pageAuthz) Allowed(_ context.Context, userID string, target tenancy.Kode, perm authz.Permission) (bool, error) {
	g, ok := p[userID]
	return ok && g.kode.Contains(target) && slices.Contains(persuratan.Templates()[g.role], perm), nil
}

type site struct {
	t     *testing.T
	mux   *http.ServeMux
	audit *recordedAudit
}

// newSite serves the module's pages with real sessions; it returns the
// site and a session token per role name.
func newSite(t *testing.T, d *db.DB) (*site, map[string]string) {
	t.Helper()
	client := redistest.Memory(t).Client()
	t.Cleanup(func() { client.Close() })
	a := auth.New(auth.Deps{DB: d, Redis: client, Logger: discard, Params: auth.Params{Memory: 64, Time: 1, Threads: 1}})
	grants := pageAuthz{}
	w := web.New(web.Deps{Auth: a, Logger: discard, Authz: grants, Wilayah: web.WilayahListerFunc(func(context.Context, string) ([]web.WilayahItem, error) { return nil, nil })})
	tokens := map[string]string{}
	for name, g := range map[string]grant{"operator": {authz.Operator, bengkel}, "tetangga": {authz.Perbekel, tetangga}} {
		u, err := a.CreateUser(context.Background(), auth.NewUser{Email: name + "@desa.example", Name: name, Password: "sawah-subak-2026"})
		if err != nil {
			t.Fatal(err)
		}
		grants[u.ID] = g
		tok, _, _, err := a.Login(context.Background(), name+"@desa.example", "sawah-subak-2026", "203.0.113.7", "test")
		if err != nil {
			t.Fatal(err)
		}
		tokens[name] = tok
	}
	rec := &recordedAudit{}
	m := newModule(t, d, func(deps *persuratan.Deps) {
		deps.Web, deps.Authz, deps.Audit = w, grants, rec
	})
	mux := http.NewServeMux()
	m.Routes(mux)
	return &site{t: t, mux: mux, audit: rec}, tokens
}

func (s *site) do(method, path, session string, form url.Values) (*http.Response, string) {
	s.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, "https://ngantor.example"+path, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if method == http.MethodPost {
		r.Header.Set("Sec-Fetch-Site", "same-origin")
		r.Header.Set("Origin", "https://ngantor.example")
	}
	if session != "" {
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: session})
	}
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, r)
	resp := rec.Result()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestPagesIssueALetterAndOpenItsVerification(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		base := "/desa/" + string(bengkel) + "/surat"

		resp, body := s.do(http.MethodGet, base+"/layanan?jenis=keterangan_domisili", tok["operator"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `id="terbitkan"`) || !strings.Contains(body, `id="nik"`) {
			t.Fatalf("form: %d %s", resp.StatusCode, body)
		}
		form := url.Values{"jenis": {"keterangan_domisili"}, "nama": {"Ni Made Rahasia"}, "nik": {"5102064107900001"},
			"alamat": {"Banjar Dinas Kaja"}, "keperluan": {"Melamar kerja"}, "rincian_domisili_sejak": {"2019"}}

		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("nik", "12345")
		resp, body = s.do(http.MethodPost, base+"/layanan", tok["operator"], bad)
		if resp.StatusCode != 422 || !strings.Contains(body, "NIK harus 16 angka") || !strings.Contains(body, "Ni Made Rahasia") {
			t.Fatalf("bad NIK: %d, want the form again with the message and the input kept: %s", resp.StatusCode, body)
		}

		resp, _ = s.do(http.MethodPost, base+"/layanan", tok["operator"], form)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, base+"/keluar/") {
			t.Fatalf("issue: %d to %q", resp.StatusCode, loc)
		}
		if len(s.audit.recs) != 1 || s.audit.recs[0].Action != "issue-surat-layanan" || s.audit.recs[0].Wilayah != bengkel {
			t.Fatalf("audit %+v, want one issue record", s.audit.recs)
		}

		resp, body = s.do(http.MethodGet, loc, tok["operator"], nil)
		pdf := regexp.MustCompile(`id="unduh-pdf" href="([^"]+)"`).FindStringSubmatch(body)
		verif := regexp.MustCompile(`id="tautan-verifikasi" href="([^"]+)"`).FindStringSubmatch(body)
		if resp.StatusCode != 200 || pdf == nil || verif == nil {
			t.Fatalf("result page lacks its links: %d %s", resp.StatusCode, body)
		}
		resp, body = s.do(http.MethodGet, pdf[1], tok["operator"], nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
			t.Fatalf("pdf: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}

		resp, body = s.do(http.MethodGet, verif[1], "", nil)
		if resp.StatusCode != 200 || !strings.Contains(body, "400.12.2/001/2001/III/2026") || !strings.Contains(body, "I Wayan Sudarma") {
			t.Fatalf("verification: %d %s", resp.StatusCode, body)
		}
		for _, secret := range []string{"Rahasia", "5102064107900001", "Banjar Dinas Kaja", "Melamar"} {
			if strings.Contains(body, secret) {
				t.Fatalf("verification page shows %q", secret)
			}
		}
		if resp, _ := s.do(http.MethodGet, "/verifikasi/0190f3c2-0000-7000-8000-000000000000", "", nil); resp.StatusCode != 404 {
			t.Fatalf("unknown letter: %d, want 404", resp.StatusCode)
		}

		resp, body = s.do(http.MethodGet, base+"/keluar", tok["operator"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, "400.12.2/001/2001/III/2026") {
			t.Fatalf("register: %d %s", resp.StatusCode, body)
		}
	})
}

func TestPagesCheckPermission(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		base := "/desa/" + string(bengkel) + "/surat"
		tests := []struct {
			name, method, path, session string
			status                      int
		}{
			{"not signed in", http.MethodGet, base + "/keluar", "", http.StatusSeeOther},
			{"other desa's perbekel", http.MethodGet, base + "/keluar", tok["tetangga"], http.StatusForbidden},
			{"other desa's perbekel issues", http.MethodPost, base + "/layanan", tok["tetangga"], http.StatusForbidden},
			{"kelurahan", http.MethodGet, "/desa/51.71.01.1001/surat/keluar", tok["operator"], http.StatusNotFound},
			{"own register", http.MethodGet, base + "/masuk", tok["operator"], http.StatusOK},
			{"unknown letter", http.MethodGet, base + "/keluar/0190f3c2-0000-7000-8000-000000000000", tok["operator"], http.StatusNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var form url.Values
				if tt.method == http.MethodPost {
					form = url.Values{"jenis": {"pengantar"}}
				}
				if resp, body := s.do(tt.method, tt.path, tt.session, form); resp.StatusCode != tt.status {
					t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
				}
			})
		}
	})
}
