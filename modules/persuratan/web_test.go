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
	rec := &recordedAudit{}
	w := web.New(web.Deps{Auth: a, Logger: discard, Authz: grants, Audit: rec, Wilayah: web.WilayahListerFunc(func(context.Context, string) ([]web.WilayahItem, error) { return nil, nil })})
	tokens := map[string]string{}
	for name, g := range map[string]grant{"operator": {authz.Operator, bengkel}, "tetangga": {authz.Perbekel, tetangga}, "camat": {authz.Camat, "51.02.06"},
		"tanpa": {authz.Perbekel, "51.02.06.2003"}, "sekdes": {authz.Sekdes, bengkel}} {
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
		if resp.StatusCode != 200 || !strings.Contains(body, `id="terbitkan"`) || !strings.Contains(body, `id="nik"`) ||
			!strings.Contains(body, `<option value="400.12.2">400.12.2 — `) {
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
		if len(s.audit.recs) != 1 || s.audit.recs[0].Action != web.PageAction("POST /desa/{kode}/surat/layanan") || s.audit.recs[0].Kode != bengkel {
			t.Fatalf("audit %+v, want one issue record", s.audit.recs)
		}

		resp, body = s.do(http.MethodGet, loc, tok["operator"], nil)
		pdf := regexp.MustCompile(`id="unduh-pdf" href="([^"]+)"`).FindStringSubmatch(body)
		verif := regexp.MustCompile(`id="tautan-verifikasi" href="([^"]+)"`).FindStringSubmatch(body)
		if resp.StatusCode != 200 || pdf == nil || verif == nil {
			t.Fatalf("result page lacks its links: %d %s", resp.StatusCode, body)
		}
		if !strings.Contains(body, "NIK 5102**********01") || strings.Contains(body, "5102064107900001") {
			t.Fatalf("result page must mask the NIK as 5102**********01: %s", body)
		}
		if !strings.Contains(body, `href="/wilayah/`+string(bengkel)+`"`) {
			t.Fatalf("result page lacks the link back to the desa: %s", body)
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

func TestPagesWorkSuratMasukAndItsDisposisi(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		base := "/desa/" + string(bengkel) + "/surat"

		resp, body := s.do(http.MethodGet, base+"/masuk", tok["operator"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `id="catat-surat-masuk"`) || !strings.Contains(body, "Belum ada surat masuk") {
			t.Fatalf("register: %d %s", resp.StatusCode, body)
		}

		form := url.Values{"tanggal_terima": {"2026-03-04"}, "nomor_surat": {"100.2/215/Kec.Kdr"}, "tanggal_surat": {"2026-03-02"},
			"pengirim": {"Camat Kediri"}, "perihal": {"Rapat koordinasi perbekel"}, "klasifikasi": {"100.2"}}
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("tanggal_surat", "2026-04-01")
		resp, body = s.do(http.MethodPost, base+"/masuk", tok["operator"], bad)
		if resp.StatusCode != 422 || !strings.Contains(body, "Tanggal surat tidak boleh setelah hari ini (5 Maret 2026).") ||
			!strings.Contains(body, `value="Rapat koordinasi perbekel"`) || !strings.Contains(body, `value="100.2/215/Kec.Kdr"`) {
			t.Fatalf("bad date: %d, want the form again with the message and the input kept: %s", resp.StatusCode, body)
		}
		if len(s.audit.recs) != 0 {
			t.Fatalf("a refused form was audited: %+v", s.audit.recs)
		}

		resp, _ = s.do(http.MethodPost, base+"/masuk", tok["operator"], form)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, base+"/masuk/") {
			t.Fatalf("register: %d to %q", resp.StatusCode, loc)
		}
		detail, _, _ := strings.Cut(loc, "?")
		if len(s.audit.recs) != 1 || s.audit.recs[0].Action != web.PageAction("POST /desa/{kode}/surat/masuk") || s.audit.recs[0].Kode != bengkel {
			t.Fatalf("audit %+v, want one create-surat-masuk record", s.audit.recs)
		}
		resp, body = s.do(http.MethodGet, base+"/masuk", tok["operator"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `href="`+detail+`"`) || !strings.Contains(body, "Agenda 1/2026") ||
			!strings.Contains(body, "Rapat koordinasi perbekel") {
			t.Fatalf("the register lacks the new letter: %d %s", resp.StatusCode, body)
		}
		resp, body = s.do(http.MethodGet, loc, tok["operator"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, "Camat Kediri") || !strings.Contains(body, "Belum ada disposisi") ||
			!strings.Contains(body, `id="tambah-disposisi"`) || !strings.Contains(body, `id="pesan"`) {
			t.Fatalf("detail: %d %s", resp.StatusCode, body)
		}

		resp, body = s.do(http.MethodPost, detail+"/disposisi", tok["operator"], url.Values{"kepada": {"Kasi Pemerintahan"}, "catatan": {" "}})
		if resp.StatusCode != 422 || !strings.Contains(body, "Catatan disposisi wajib diisi") || !strings.Contains(body, `value="Kasi Pemerintahan"`) {
			t.Fatalf("empty note: %d, want the form again with the message and the input kept: %s", resp.StatusCode, body)
		}
		resp, _ = s.do(http.MethodPost, detail+"/disposisi", tok["operator"],
			url.Values{"kepada": {"Kasi Pemerintahan"}, "catatan": {"Hadiri dan laporkan hasilnya."}})
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), detail+"?") {
			t.Fatalf("disposisi: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, body = s.do(http.MethodGet, detail, tok["operator"], nil)
		selesai := regexp.MustCompile(`<form method="post" action="([^"]+)">\s*<button[^>]* id="selesai-([^"]+)"`).FindStringSubmatch(body)
		if resp.StatusCode != 200 || selesai == nil || !strings.Contains(body, "Kepada Kasi Pemerintahan") ||
			!strings.Contains(body, "Hadiri dan laporkan hasilnya.") || !strings.Contains(body, "belum selesai") {
			t.Fatalf("detail with disposisi: %d %s", resp.StatusCode, body)
		}

		// The foreign desa's perbekel can neither open nor work the letter,
		// by its own desa's address either.
		foreign := []struct{ method, path string }{
			{http.MethodGet, detail},
			{http.MethodPost, base + "/masuk"},
			{http.MethodPost, detail + "/disposisi"},
			{http.MethodPost, selesai[1]},
		}
		for _, f := range foreign {
			var body url.Values
			if f.method == http.MethodPost {
				body = url.Values{"kepada": {"Penyusup"}, "catatan": {"x"}}
			}
			if resp, _ := s.do(f.method, f.path, tok["tetangga"], body); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("%s %s by another desa's perbekel: %d, want 403", f.method, f.path, resp.StatusCode)
			}
		}
		own := "/desa/" + string(tetangga) + "/surat/disposisi/" + selesai[2] + "/selesai"
		if resp, _ := s.do(http.MethodPost, own, tok["tetangga"], url.Values{}); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another desa's disposisi through the own desa's address: %d, want 404", resp.StatusCode)
		}

		resp, _ = s.do(http.MethodPost, selesai[1], tok["operator"], url.Values{})
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), detail+"?") {
			t.Fatalf("selesai: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, body = s.do(http.MethodGet, detail, tok["operator"], nil)
		if resp.StatusCode != 200 || strings.Contains(body, `id="selesai-`) || !strings.Contains(body, "selesai 5 Maret 2026") {
			t.Fatalf("after selesai: %d %s", resp.StatusCode, body)
		}
		var actions []string
		for _, r := range s.audit.recs {
			actions = append(actions, r.Action)
		}
		want := []string{web.PageAction("POST /desa/{kode}/surat/masuk"), web.PageAction("POST /desa/{kode}/surat/masuk/{id}/disposisi"),
			web.PageAction("POST /desa/{kode}/surat/disposisi/{id}/selesai")}
		if !slices.Equal(actions, want) {
			t.Fatalf("audited %v, want %v", actions, want)
		}
	})
}

// TestEmptyFilterSaysNothingMatches: a register that is empty only under a
// filter says the filter found nothing, not that no letter was ever
// registered.
func TestEmptyFilterSaysNothingMatches(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		base := "/desa/" + string(bengkel) + "/surat"
		const noMatch = "Tidak ada surat yang cocok dengan saringan ini."
		for _, tc := range []struct{ path, want, absent string }{
			{"/keluar", "Belum ada surat keluar.", noMatch},
			{"/keluar?q=tidak-ada", noMatch, "Belum ada surat keluar."},
			{"/keluar?tahun=1999", noMatch, "Belum ada surat keluar."},
			{"/masuk", "Belum ada surat masuk.", noMatch},
			{"/masuk?q=tidak-ada&tahun=2026", noMatch, "Belum ada surat masuk."},
		} {
			resp, body := s.do(http.MethodGet, base+tc.path, tok["operator"], nil)
			if resp.StatusCode != 200 || !strings.Contains(body, tc.want) || strings.Contains(body, tc.absent) {
				t.Errorf("%s: %d, want %q and not %q", tc.path, resp.StatusCode, tc.want, tc.absent)
			}
		}
	})
}

// TestLayananWithoutSignerSaysSoBeforeTheForm: at a desa with no kepala
// desa recorded, issuing is refused (409) — so the page says what to do
// first and shows no form to fill in for nothing.
func TestLayananWithoutSignerSaysSoBeforeTheForm(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		for _, path := range []string{"/desa/51.02.06.2003/surat/layanan", "/desa/51.02.06.2003/surat/layanan?jenis=keterangan_domisili"} {
			resp, body := s.do(http.MethodGet, path, tok["tanpa"], nil)
			if resp.StatusCode != 200 || !strings.Contains(body, `id="tanpa-penandatangan"`) ||
				!strings.Contains(body, `href="/desa/51.02.06.2003/perangkat#angkat"`) {
				t.Fatalf("%s: %d, want the notice with a link to the perangkat page:\n%s", path, resp.StatusCode, body)
			}
			if strings.Contains(body, `method="post"`) && strings.Contains(body, `/surat/layanan"`) {
				t.Fatalf("%s shows the form that would be refused:\n%s", path, body)
			}
		}
		// With a signer the form is there.
		resp, body := s.do(http.MethodGet, "/desa/"+string(bengkel)+"/surat/layanan?jenis=keterangan_domisili", tok["operator"], nil)
		if resp.StatusCode != 200 || strings.Contains(body, `id="tanpa-penandatangan"`) || !strings.Contains(body, `id="terbitkan"`) {
			t.Fatalf("desa with a signer: %d\n%s", resp.StatusCode, body)
		}
	})
}
