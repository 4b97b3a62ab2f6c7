package administration_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
	"github.com/ngantor/ngantor/platform/web"
)

// auditLog keeps the entries the page wrapper records (platform/web).
type auditLog struct {
	mu   sync.Mutex
	recs []audit.Entry
}

func (l *auditLog) Append(_ context.Context, e audit.Entry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recs = append(l.recs, e)
	return nil
}

func (l *auditLog) AppendTx(ctx context.Context, _ bun.Tx, e audit.Entry) error {
	return l.Append(ctx, e)
}

type site struct {
	t       testing.TB
	mux     *http.ServeMux
	m       *a.Module
	audit   *auditLog
	session map[string]string // user name → session token
	id      map[string]string // user name → account id
	authz   *authz.Enforcer
}

// newSite serves the module's pages behind the real sign-in (platform/web,
// platform/auth) and the real enforcer, on SQLite: the pages add no query of
// their own, so the engine matrix is the service tests' job.
func newSite(t *testing.T) *site {
	t.Helper()
	return newSiteTTL(t, -1)
}

// newSiteTTL is newSite with the enforcer's decision cache at ttl
// (negative: none), as serve runs it when ttl is authz.DefaultCacheTTL.
func newSiteTTL(t testing.TB, ttl time.Duration) *site {
	t.Helper()
	return newSiteWith(t, ttl, nil)
}

// newSiteWith is newSiteTTL with a training history (nil: none).
func newSiteWith(t testing.TB, ttl time.Duration, pel a.Pelatihan) *site {
	t.Helper()
	d := dbtest.SQLite(t)
	client := redistest.Memory(t).Client()
	t.Cleanup(func() { client.Close() })
	as := auth.New(auth.Deps{DB: d, Redis: client, Logger: quiet(), Params: auth.Params{Memory: 64, Time: 1, Threads: 1}})
	e := enforcerTTL(t, d, ttl)
	s := &site{t: t, mux: http.NewServeMux(), audit: &auditLog{}, session: map[string]string{}, id: map[string]string{}, authz: e}
	w := web.New(web.Deps{Auth: as, Logger: quiet(), Secure: true, Authz: e, Audit: s.audit})
	s.m = a.New(a.Deps{DB: d, Grants: e, Users: as, Accounts: siteAccounts{e, as}, Authz: e, Web: w, Logger: quiet(), Clock: newClock().Now,
		Pelatihan: pel})
	s.m.Routes(s.mux)
	for _, u := range []struct {
		name string
		role authz.Role
	}{{"made", authz.Perbekel}, {"ketut", authz.Perbekel}, {"luh", authz.Sekdes}} {
		user, err := as.CreateUser(context.Background(), auth.NewUser{Email: u.name + "@desa.id", Name: u.name, Password: "sawah-subak-2026"})
		if err != nil {
			t.Fatal(err)
		}
		desa := bengkel
		if u.name == "ketut" {
			desa = pangkung
		}
		if err := e.Grant(context.Background(), authz.Grant{UserID: user.ID, Role: u.role, Wilayah: desa}); err != nil {
			t.Fatal(err)
		}
		tok, _, _, err := as.Login(context.Background(), u.name+"@desa.id", "sawah-subak-2026", "203.0.113.7", "test")
		if err != nil {
			t.Fatal(err)
		}
		s.session[u.name] = tok
		s.id[u.name] = user.ID
	}
	return s
}

func (s *site) do(user, method, path string, form url.Values, crossSite bool) (int, string, http.Header) {
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
		if crossSite {
			r.Header.Set("Sec-Fetch-Site", "cross-site")
		}
	}
	if tok := s.session[user]; tok != "" {
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: tok})
	}
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, r)
	return rec.Code, rec.Body.String(), rec.Header()
}

func TestPagesCheckPermissionAndWriteThroughTheRules(t *testing.T) {
	s := newSite(t)
	form := url.Values{"jabatan": {"kepala_desa"}, "status": {"definitif"}, "nama": {"I Made Sudarsana"},
		"nik": {"5102061208850001"}, "sk_nomor": {"180/1/HK/2021"}, "sk_tanggal": {"2021-12-15"}, "mulai": {"2021-12-20"}}
	badNIK := url.Values{}
	for k, v := range form {
		badNIK[k] = v
	}
	badNIK.Set("nik", "5102061208")
	second := url.Values{}
	for k, v := range form {
		second[k] = v
	}
	second.Set("nik", "5102061208850002")
	bpd, err := s.m.CreateLembaga(at(bengkel), a.LembagaInput{Jenis: a.BPD, Nama: "BPD Desa Bengkel"})
	if err != nil {
		t.Fatal(err)
	}
	anggotaPath := "/desa/51.02.06.2001/lembaga/" + bpd.ID.String() + "/anggota"
	anggota := url.Values{"nama": {"I Gusti Ngurah Oka"}, "jabatan": {"Ketua"}, "mulai": {"2026-01-06"}, "selesai": {"2034-01-06"}}
	anggotaTanpaAkhir := url.Values{"nama": {"Ni Nyoman Sariasih"}, "jabatan": {"Anggota"}, "mulai": {"2026-01-06"}}

	tests := []struct {
		name, user, method, path string
		form                     url.Values
		crossSite                bool
		status                   int
		contains, absent         string
	}{
		{"not signed in goes to sign-in", "", "GET", "/desa/51.02.06.2001/perangkat", nil, false, 303, "", ""},
		{"other desa's perbekel is refused", "ketut", "GET", "/desa/51.02.06.2001/perangkat", nil, false, 403, "tidak berwenang", ""},
		{"kelurahan is no desa", "made", "GET", "/desa/51.02.06.1001/perangkat", nil, false, 404, "", ""},
		{"empty list with form", "made", "GET", "/desa/51.02.06.2001/perangkat", nil, false, 200, "Angkat perangkat", ""},
		{"appoint through the form", "made", "POST", "/desa/51.02.06.2001/perangkat", form, false, 303, "", ""},
		{"list masks NIK", "made", "GET", "/desa/51.02.06.2001/perangkat", nil, false, 200, "5102**********01", "5102061208850001"},
		{"bad NIK re-renders with the message and keeps it to correct", "made", "POST", "/desa/51.02.06.2001/perangkat", badNIK, false, 422, "NIK harus 16 angka", ""},
		{"rule broken is 409 on the page", "made", "POST", "/desa/51.02.06.2001/perangkat", second, false, 409, "masih dijabat", ""},
		{"cross-site form is refused", "made", "POST", "/desa/51.02.06.2001/perangkat", second, true, 403, "situs lain", ""},
		{"neighbour cannot post at Bengkel", "ketut", "POST", "/desa/51.02.06.2001/perangkat", second, false, 403, "", ""},
		{"org chart", "made", "GET", "/desa/51.02.06.2001/perangkat/bagan", nil, false, 200, "I Made Sudarsana", ""},
		{"profil empty", "made", "GET", "/desa/51.02.06.2001/profil", nil, false, 200, "belum diisi", ""},
		{"profil saved", "made", "POST", "/desa/51.02.06.2001/profil", url.Values{"nama": {"Bengkel"}, "lintang": {"-8,5957"}, "bujur": {"115,0925"}, "misi": {"Satu\nDua"}}, false, 303, "", ""},
		{"profil swapped coordinates", "made", "POST", "/desa/51.02.06.2001/profil", url.Values{"nama": {"Bengkel"}, "lintang": {"115"}, "bujur": {"-8"}}, false, 422, "Lintang", ""},
		{"profil saved with a decimal dot and area", "made", "POST", "/desa/51.02.06.2001/profil", url.Values{"nama": {"Bengkel"}, "lintang": {"-8.5957"}, "bujur": {"115.0925"}, "luas_km2": {"4,21"}}, false, 303, "", ""},
		{"profil shows decimals with a comma", "made", "GET", "/desa/51.02.06.2001/profil", nil, false, 200, "<dd>-8,5957</dd>", "-8.5957"},
		{"profil shows area with a comma", "made", "GET", "/desa/51.02.06.2001/profil", nil, false, 200, "4,21 km²", ""},
		{"profil form offers what it accepts", "made", "GET", "/desa/51.02.06.2001/profil/ubah", nil, false, 200, `value="115,0925"`, ""},
		{"a word is no number", "made", "POST", "/desa/51.02.06.2001/profil", url.Values{"nama": {"Bengkel"}, "lintang": {"delapan"}, "bujur": {"115"}}, false, 422, "desimal dengan koma", ""},
		{"population saved", "made", "POST", "/desa/51.02.06.2001/profil/penduduk", url.Values{"tahun": {"2025"}, "laki_laki": {"2.437"}, "perempuan": {"2476"}, "kk": {"1519"}}, false, 303, "", ""},
		{"population refuses decimals", "made", "POST", "/desa/51.02.06.2001/profil/penduduk", url.Values{"tahun": {"2025"}, "laki_laki": {"2,5"}, "perempuan": {"2476"}, "kk": {"1519"}}, false, 422, "bilangan bulat", ""},
		{"profil shows population with thousands dots", "made", "GET", "/desa/51.02.06.2001/profil", nil, false, 200, "4.913", ""},
		{"lembaga page", "made", "GET", "/desa/51.02.06.2001/lembaga", nil, false, 200, "Tambah anggota", ""},
		{"member added through the form", "made", "POST", anggotaPath, anggota, false, 303, "", ""},
		{"BPD member needs a term end", "made", "POST", anggotaPath, anggotaTanpaAkhir, false, 422, "wajib diisi", ""},
		{"neighbour cannot add a member at Bengkel", "ketut", "POST", anggotaPath, anggota, false, 403, "", ""},
		{"lembaga page lists the member", "made", "GET", "/desa/51.02.06.2001/lembaga", nil, false, 200, "I Gusti Ngurah Oka", ""},
		{"lembaga page lists its lembaga in its contents", "made", "GET", "/desa/51.02.06.2001/lembaga", nil, false, 200, `<li><a href="#tambah-lembaga">Tambah lembaga</a></li>`, ""},
		{"banjar added through the form", "made", "POST", "/desa/51.02.06.2001/dusun", url.Values{"nama_dusun": {"Bengkel Kangin"}, "sebutan": {"banjar"}}, false, 303, "", ""},
		{"banjar twice is a conflict", "made", "POST", "/desa/51.02.06.2001/dusun", url.Values{"nama_dusun": {"Bengkel Kangin"}, "sebutan": {"banjar"}}, false, 409, "sudah ada", ""},
		{"perangkat page lists the banjar", "made", "GET", "/desa/51.02.06.2001/perangkat", nil, false, 200, "Banjar Dinas Bengkel Kangin", ""},
		{"perangkat page names the desa from its profil", "made", "GET", "/desa/51.02.06.2001/perangkat", nil, false, 200, `href="/wilayah/51.02.06.2001">← Desa Bengkel</a>`, ""},
		{"perangkat page with the history", "made", "GET", "/desa/51.02.06.2001/perangkat?riwayat=1", nil, false, 200, "I Made Sudarsana", ""},
		{"desa page", "made", "GET", "/desa/51.02.06.2001/administrasi", nil, false, 200, "Masa jabatan segera berakhir", ""},
		{"sub-navigation marks the open page", "made", "GET", "/desa/51.02.06.2001/lembaga", nil, false, 200, `href="/desa/51.02.06.2001/lembaga" aria-current="page"`, ""},
		{"sub-navigation links the letters", "made", "GET", "/desa/51.02.06.2001/perangkat/bagan", nil, false, 200, `href="/desa/51.02.06.2001/surat/keluar"`, ""},
		{"sub-navigation leads back to the desa", "made", "GET", "/desa/51.02.06.2001/administrasi", nil, false, 200, `href="/wilayah/51.02.06.2001">← Desa Bengkel</a>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, _ := s.do(tt.user, tt.method, tt.path, tt.form, tt.crossSite)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, body)
			}
			if !strings.Contains(body, tt.contains) {
				t.Fatalf("page lacks %q: %s", tt.contains, body)
			}
			if tt.absent != "" && strings.Contains(body, tt.absent) {
				t.Fatalf("page shows %q", tt.absent)
			}
		})
	}
	ctx := at(bengkel)
	list, err := s.m.ListPerangkat(ctx, a.PerangkatQuery{Params: page.Params{Limit: 10}})
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("appointments after the page session: %+v %v", list.Items, err)
	}
	var actions []string
	for _, r := range s.audit.recs {
		if r.Kode != bengkel || r.Actor == "" || r.Actor == "anon" {
			t.Errorf("audit record %+v", r)
		}
		actions = append(actions, r.Action)
	}
	want := []string{"POST /desa/{kode}/perangkat", "POST /desa/{kode}/profil", "POST /desa/{kode}/profil",
		"POST /desa/{kode}/profil/penduduk", "POST /desa/{kode}/lembaga/{id}/anggota", "POST /desa/{kode}/dusun"}
	for i := range want {
		want[i] = web.PageAction(want[i])
	}
	if strings.Join(actions, ",") != strings.Join(want, ",") {
		t.Fatalf("audited %v", actions)
	}
}

// TestSekdesCannotEndThePostOfTheLinkedPerbekel: ending a post linked to an
// account revokes that account's role, so the page needs the permission that
// links accounts, like the API; the sekdes sees no end form for it.
func TestSekdesCannotEndThePostOfTheLinkedPerbekel(t *testing.T) {
	s := newSite(t)
	ctx := auth.WithUser(at(bengkel), auth.User{ID: s.id["made"]})
	kades, err := s.m.Appoint(ctx, appointment(a.KepalaDesa, "I Made Sudarsana", 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.m.LinkUser(ctx, kades.ID, s.id["made"]); err != nil {
		t.Fatal(err)
	}
	endPath := "/desa/51.02.06.2001/perangkat/" + kades.ID.String() + "/berhenti"

	pagePath := "/desa/51.02.06.2001/perangkat/" + kades.ID.String()
	status, body, _ := s.do("luh", "GET", pagePath, nil, false)
	if status != 200 || strings.Contains(body, endPath) || !strings.Contains(body, "tertaut ke akun") {
		t.Fatalf("sekdes's page of the post: status %d, end form shown=%v", status, strings.Contains(body, endPath))
	}
	status, body, _ = s.do("luh", "POST", endPath, url.Values{"tanggal": {"2026-10-01"}}, false)
	if status != 403 || !strings.Contains(body, "tertaut ke akun") {
		t.Fatalf("sekdes ending the linked post: status %d: %s", status, body)
	}
	if p, err := s.m.GetPerangkat(at(bengkel), kades.ID); err != nil || !p.Active() {
		t.Fatalf("post after the refused end: %+v, %v", p, err)
	}
	if ok, _ := s.authz.Allowed(context.Background(), s.id["made"], bengkel, a.PermPerangkatAkun); !ok {
		t.Fatal("the perbekel lost their role")
	}

	// The perbekel (who links accounts) sees the form and may end it.
	if status, body, _ = s.do("made", "GET", pagePath, nil, false); !strings.Contains(body, endPath) {
		t.Fatalf("perbekel's page of the post lacks the end form (status %d)", status)
	}
	if status, body, _ = s.do("made", "POST", endPath, url.Values{"tanggal": {"2026-10-01"}}, false); status != 303 {
		t.Fatalf("perbekel ending the post: status %d: %s", status, body)
	}
}

// TestDusunNamesCarryTheirKindOnce: an operator who types the kind into
// the name ("Banjar Dinas Bengkel Kangin") sees it once on the page and in
// the kelian's title, never "Banjar Dinas Banjar Dinas Bengkel Kangin".
func TestDusunNamesCarryTheirKindOnce(t *testing.T) {
	s := newSite(t)
	for _, d := range []url.Values{
		{"nama_dusun": {"Banjar Dinas Bengkel Kangin"}, "sebutan": {"banjar"}},
		{"nama_dusun": {"banjar Bengkel Kawan"}, "sebutan": {"banjar"}},
		{"nama_dusun": {"Kaja"}, "sebutan": {"banjar"}},
		{"nama_dusun": {"DUSUN Krajan"}, "sebutan": {"dusun"}},
	} {
		if status, body, _ := s.do("made", "POST", "/desa/51.02.06.2001/dusun", d, false); status != 303 {
			t.Fatalf("add %v: %d %s", d, status, body)
		}
	}
	_, body, _ := s.do("made", "GET", "/desa/51.02.06.2001/perangkat", nil, false)
	for _, want := range []string{">Banjar Dinas Bengkel Kangin</span>", ">Banjar Dinas Bengkel Kawan</span>", ">Banjar Dinas Kaja</span>", ">Dusun Krajan</span>",
		`value="Bengkel Kangin"`, `value="Krajan"`} {
		if !strings.Contains(body, want) {
			t.Errorf("perangkat page lacks %q", want)
		}
	}
	for _, doubled := range []string{"Banjar Dinas Banjar", "Banjar Dinas banjar", "Dusun DUSUN"} {
		if strings.Contains(body, doubled) {
			t.Errorf("perangkat page shows %q", doubled)
		}
	}
	for _, tt := range []struct {
		d    a.Dusun
		want string
	}{
		{a.Dusun{Nama: "Banjar Dinas Bengkel Kangin", Sebutan: a.SebutanBanjar}, "Kelian Banjar Dinas Bengkel Kangin"},
		{a.Dusun{Nama: "banjar dinas Bengkel Kangin", Sebutan: a.SebutanBanjar}, "Kelian Banjar Dinas Bengkel Kangin"},
		{a.Dusun{Nama: "Kaja", Sebutan: a.SebutanBanjar}, "Kelian Banjar Dinas Kaja"},
		{a.Dusun{Nama: "Dusun Krajan", Sebutan: a.SebutanDusun}, "Kepala Dusun Krajan"},
		{a.Dusun{Nama: "Dusunan", Sebutan: a.SebutanDusun}, "Kepala Dusun Dusunan"},
	} {
		if got := a.KepalaKewilayahan.Sebutan(bengkel, &tt.d); got != tt.want {
			t.Errorf("Sebutan for %q = %q, want %q", tt.d.Nama, got, tt.want)
		}
	}
}
