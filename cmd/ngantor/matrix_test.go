package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The cross-tenant matrix: every operation in /openapi.json, called by the
// perbekel of Desa Bengkel against every other desa of Tabanan (in and
// outside Kecamatan Kediri), against wider wilayah, and with ids harvested
// from a neighbour desa's own lists. The answer must be 403 or 404 (422 for
// a body the handler rejects before looking anything up) — never data. New
// operations join the matrix by existing: nothing here names a module.

const (
	ownDesa       = "51.02.06.2001" // Bengkel
	neighbourDesa = "51.02.06.2011" // Nyitdah, same kecamatan
)

type matrixOp struct {
	Method, Path, Permission string
	// Target marks an operation whose wilayah comes from an id in its
	// path (httpserver.OperationAt), e.g. /opd/{id}/… at the OPD's
	// kabupaten.
	Target bool
}

func operations(t *testing.T, srv *httptest.Server) []matrixOp {
	t.Helper()
	status, raw := call(t, srv, http.MethodGet, "/openapi.json", "", nil)
	if status != 200 {
		t.Fatalf("/openapi.json: %d", status)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Permission string `json:"x-permission"`
			Target     string `json:"x-target"`
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var ops []matrixOp
	for path, item := range doc.Paths {
		for method, op := range item {
			ops = append(ops, matrixOp{strings.ToUpper(method), path, op.Permission, op.Target != ""})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].Path+ops[i].Method < ops[j].Path+ops[j].Method })
	return ops
}

func TestEveryOperationDeclaresAPermission(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	ops := operations(t, srv)
	if len(ops) == 0 {
		t.Fatal("no operations in /openapi.json")
	}
	for _, op := range ops {
		if op.Permission == "" || op.Permission == "undeclared" {
			t.Errorf("%s %s declares no permission (authz.Require, authz.Authenticated or authz.Public)", op.Method, op.Path)
		}
		if op.Permission != "public" && op.Permission != "session:self" && !strings.Contains(op.Path, "{kode}") && !op.Target {
			t.Errorf("%s %s needs a permission but names no {kode} target nor resolves one", op.Method, op.Path)
		}
	}
}

func TestCrossTenantMatrix(t *testing.T) {
	t.Parallel() // see TestRoleCrawlMeetsNoDeadEnds
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		ops := operations(t, srv)
		own := login(t, srv, "perbekel.bengkel@tabanan.test")
		// The ids come from two neighbours with demo data in every module:
		// one in the same kecamatan with its own perbekel account, one more
		// through a test account that is perbekel at both.
		harvester := matrixHarvester(t, a, srv)
		var allDesa []string
		for q := (wilayah.DesaQuery{Limit: wilayah.MaxLimit}); ; {
			page, err := a.wilayah.ListDesa(t.Context(), demoKabupaten, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range page.Items {
				allDesa = append(allDesa, string(w.Kode))
			}
			if q.Cursor = page.NextCursor; q.Cursor == "" {
				break
			}
		}
		if len(allDesa) != 133 {
			t.Fatalf("Tabanan has %d desa loaded, want 133", len(allDesa))
		}
		// Wider wilayah a perbekel holds no grant at, and a desa of
		// another kabupaten that is not loaded at all.
		wider := []string{"51.02.06", "51.02.10", "51.02", "51", "35.23.12.2001"}
		byDesa := map[string][]string{}
		var ids []string
		for _, d := range harvestDesa {
			byDesa[d] = harvestIDs(t, srv, ops, harvester, d)
			ids = append(ids, byDesa[d]...)
		}
		checkIDsReachData(t, srv, ops, harvester, byDesa)

		var tested int
		body := []byte(`{}`)
		for _, op := range ops {
			if op.Permission == "public" || !strings.Contains(op.Path, "{kode}") {
				continue
			}
			tested++
			var targets []string
			if strings.HasPrefix(op.Path, "/api/v1/desa/{kode}") {
				targets = append(targets, allDesa...)
			} else {
				targets = append(targets, allDesa...)
				targets = append(targets, wider...)
			}
			extra := idParams(op.Path) > 0
			for _, kode := range targets {
				if kode == ownDesa {
					continue
				}
				path := fill(op.Path, kode, "01937a6e-0000-7000-8000-000000000000")
				status, raw := call(t, srv, op.Method, path, own, bodyFor(op.Method, body))
				expectNoData(t, op, path, status, raw)
				if extra && byDesa[kode] != nil {
					for _, id := range ids {
						path := fill(op.Path, kode, id)
						status, raw := call(t, srv, op.Method, path, own, bodyFor(op.Method, body))
						expectNoData(t, op, path, status, raw)
					}
				}
			}
			// The neighbour's ids through Bengkel's own desa path: the
			// guard lets this through, so only the store's scope stands
			// between the caller and the neighbour's rows.
			if extra && strings.HasPrefix(op.Path, "/api/v1/desa/{kode}") {
				for _, id := range ids {
					path := fill(op.Path, ownDesa, id)
					status, raw := call(t, srv, op.Method, path, own, bodyFor(op.Method, body))
					expectNoData(t, op, path, status, raw)
				}
			}
		}
		if tested == 0 {
			t.Fatal("the matrix tested no operation")
		}
		t.Logf("matrix: %d operations × %d wilayah, %d harvested ids", tested, len(allDesa)+len(wider), len(ids))

		// The camat of Kediri, against every desa outside the kecamatan
		// and every wilayah wider than it: a kecamatan grant must not leak
		// into the neighbouring kecamatan or up to the kabupaten.
		camat := login(t, srv, "camat.kediri@tabanan.test")
		kediri := tenancy.Kode("51.02.06")
		var outside []string
		for _, d := range allDesa {
			if !kediri.Contains(tenancy.Kode(d)) {
				outside = append(outside, d)
			}
		}
		outside = append(outside, "51.02.10", "51.02", "51", "35.23.12")
		for _, op := range ops {
			if op.Permission == "public" || !strings.Contains(op.Path, "{kode}") {
				continue
			}
			for _, kode := range outside {
				if strings.HasPrefix(op.Path, "/api/v1/desa/{kode}") && !tenancy.Kode(kode).IsDesa() {
					continue // the desa-only shapes were walked above
				}
				path := fill(op.Path, kode, "01937a6e-0000-7000-8000-000000000000")
				status, raw := call(t, srv, op.Method, path, camat, bodyFor(op.Method, body))
				expectNoData(t, op, path, status, raw)
			}
		}

		// Operations that resolve their wilayah from an id (an OPD's
		// queue at its kabupaten): the perbekel and the camat reach no
		// OPD's, and an OPD user reaches no other OPD's.
		opds, err := a.opd.Daftar(t.Context(), demoKabupaten)
		if err != nil || len(opds) == 0 {
			t.Fatalf("OPD of Tabanan: %d, %v", len(opds), err)
		}
		dlh := login(t, srv, "dlh@tabanan.test")
		targeted := 0
		for _, op := range ops {
			if !op.Target {
				continue
			}
			targeted++
			for _, o := range opds {
				path := fill(op.Path, "", o.ID)
				for _, who := range []string{own, camat} {
					status, raw := call(t, srv, op.Method, path, who, bodyFor(op.Method, body))
					expectNoData(t, op, path, status, raw)
				}
				if o.Kode != "DLH" {
					status, raw := call(t, srv, op.Method, path, dlh, bodyFor(op.Method, body))
					expectNoData(t, op, path, status, raw)
				}
			}
			path := fill(op.Path, "", "01937a6e-0000-7000-8000-000000000000")
			status, raw := call(t, srv, op.Method, path, dlh, bodyFor(op.Method, body))
			expectNoData(t, op, path, status, raw)
		}
		if targeted == 0 {
			t.Fatal("no operation resolves its target from an id: the OPD queue is missing from /openapi.json")
		}
	})
}

// matrixTahun fills {tahun}: a fiscal year is part of a desa's address
// (its APBDes of that year), not an id to replay across desa.
const matrixTahun = "2026"

// idParams counts the id parameters of path: every {param} but {kode}
// and {tahun}.
func idParams(path string) int {
	return strings.Count(path, "{") - strings.Count(path, "{kode}") - strings.Count(path, "{tahun}")
}

func bodyFor(method string, body []byte) []byte {
	if method == http.MethodGet || method == http.MethodDelete || method == http.MethodHead {
		return nil
	}
	return body
}

func expectNoData(t *testing.T, op matrixOp, path string, status int, raw []byte) {
	t.Helper()
	switch status {
	case http.StatusForbidden, http.StatusNotFound:
		return
	case http.StatusUnprocessableEntity:
		// A body rejected before any lookup; fine for writes only.
		if op.Method != http.MethodGet {
			return
		}
	}
	t.Errorf("%s %s (%s): status %d, want 403/404; body %.200s", op.Method, path, op.Permission, status, raw)
}

// harvestIDs lists every id the neighbour perbekel sees in their own
// desa's lists (GET operations with {kode} as the only parameter).
func harvestIDs(t *testing.T, srv *httptest.Server, ops []matrixOp, token, desa string) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, op := range ops {
		if op.Method != http.MethodGet || idParams(op.Path) != 0 || !strings.HasPrefix(op.Path, "/api/v1/desa/{kode}") {
			continue
		}
		status, raw := call(t, srv, op.Method, fill(op.Path, desa, ""), token, nil)
		if status != 200 {
			continue
		}
		var v any
		if json.Unmarshal(raw, &v) == nil {
			collectIDs(v, seen)
		}
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// harvestDesa are the neighbours whose ids the matrix replays against
// Bengkel: Nyitdah (administration demo data) and Desa 51.02.06.2002
// (letters as well).
var harvestDesa = []string{neighbourDesa, "51.02.06.2002"}

func matrixHarvester(t *testing.T, a *app, srv *httptest.Server) string {
	t.Helper()
	ctx := t.Context()
	u, err := a.auth.CreateUser(ctx, auth.NewUser{Email: "matrix@test.invalid", Name: "Matrix", Password: demoPassword})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range harvestDesa {
		if err := a.authz.Grant(ctx, authz.Grant{UserID: u.ID, Role: authz.Perbekel, Wilayah: tenancy.Kode(d)}); err != nil {
			t.Fatal(err)
		}
	}
	token := login(t, srv, "matrix@test.invalid")
	matrixSampah(t, srv, token)
	matrixCctvKamera(t, srv, token)
	matrixCCTVAkses(t, a)
	return token
}

// matrixSampah gives each harvested desa a bank sampah with a priced jenis
// (sampah has no demo data yet), so the facility operations with an id
// reach data at their own desa (checkIDsReachData).
func matrixSampah(t *testing.T, srv *httptest.Server, token string) {
	t.Helper()
	for _, d := range harvestDesa {
		base := "/api/v1/desa/" + d + "/sampah/fasilitas"
		status, raw := call(t, srv, http.MethodPost, base, token, []byte(`{"jenis":"bank_sampah","nama":"Bank Sampah Matrix"}`))
		var f struct{ ID string }
		if status != http.StatusCreated || json.Unmarshal(raw, &f) != nil {
			t.Fatalf("matrix bank sampah at %s: %d %s", d, status, raw)
		}
		status, raw = call(t, srv, http.MethodPost, base+"/"+f.ID+"/jenis", token, []byte(`{"kode":"PET","nama":"Botol PET","kelompok":"anorganik","satuan":"kg"}`))
		var j struct{ ID string }
		if status != http.StatusCreated || json.Unmarshal(raw, &j) != nil {
			t.Fatalf("matrix jenis at %s: %d %s", d, status, raw)
		}
		if status, raw = call(t, srv, http.MethodPost, base+"/"+f.ID+"/jenis/"+j.ID+"/harga", token,
			[]byte(`{"berlaku_mulai":"2025-01-01","harga":2500}`)); status != http.StatusCreated {
			t.Fatalf("matrix harga at %s: %d %s", d, status, raw)
		}
	}
}

// notProvable are GET operations with an id parameter that the demo data
// cannot reach with a harvested id; each says why.
var notProvable = map[string]string{
	"GET /api/v1/desa/{kode}/surat-keluar/{id}/lampiran": "demo letters carry no attachment",
	"GET /api/v1/desa/{kode}/surat-masuk/{id}/lampiran":  "demo letters carry no attachment",
	"GET /api/v1/desa/{kode}/apbdes/{tahun}/komentar":    "{tahun} is a year, not an id: a harvested id is no year (404)",
	"GET /api/v1/desa/{kode}/lra/{tahun}":                "{tahun} is a year, never a harvested id (modules/keuangan TestRealisasiAPI… reaches it)",
	"GET /api/v1/desa/{kode}/sampah/fasilitas/{id}/jenis/{jenisId}/harga": "two ids (a jenis under its bank sampah): one harvested id fills both, so none reaches " +
		"data (modules/sampah TestJenisDanHarga reaches it)",
	"GET /api/v1/desa/{kode}/pembinaan/{id}/materi/{mid}": "two ids (a material under its session): one harvested id fills both, so none " +
		"reaches data (TestPembinaanSesiAPI and modules/pembinaan TestSesiMateri reach it)",
	"GET /api/v1/desa/{kode}/konsultasi/{id}/lampiran/{lid}": "two ids (a file under its thread) and demo threads carry no file " +
		"(cmd TestKonsultasiAPI downloads one, and another desa's perbekel and another camat are refused)",
}

// checkIDsReachData is the matrix's positive control: every GET operation
// with an id parameter must return data for some harvested id at that id's
// own desa. Otherwise its 404s for foreign ids prove nothing — a path
// parameter that never binds answers 404 to everyone.
func checkIDsReachData(t *testing.T, srv *httptest.Server, ops []matrixOp, token string, byDesa map[string][]string) {
	t.Helper()
	for _, op := range ops {
		if op.Method != http.MethodGet || idParams(op.Path) < 1 || !strings.HasPrefix(op.Path, "/api/v1/desa/{kode}") {
			continue
		}
		if _, skip := notProvable[op.Method+" "+op.Path]; skip {
			continue
		}
		reached := false
		for d, ids := range byDesa {
			for _, id := range ids {
				if status, _ := call(t, srv, op.Method, fill(op.Path, d, id), token, nil); status == 200 {
					reached = true
					break
				}
			}
			if reached {
				break
			}
		}
		if !reached {
			t.Errorf("%s %s: no harvested id reaches data at its own desa, so its cross-tenant 404s prove nothing (does the path parameter bind?)", op.Method, op.Path)
		}
	}
}

func collectIDs(v any, seen map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && (k == "id" || strings.HasSuffix(k, "_id")) && s != "" {
				seen[s] = true
			}
			collectIDs(val, seen)
		}
	case []any:
		for _, e := range x {
			collectIDs(e, seen)
		}
	}
}

func TestOwnDesaIsReachable(t *testing.T) {
	// The matrix's 403/404s mean something only if the same calls succeed
	// for the desa's own perbekel.
	_, srv := testApp(t, dbtest.SQLite(t))
	own := login(t, srv, "perbekel.bengkel@tabanan.test")
	for _, path := range []string{"/api/v1/wilayah/" + ownDesa, "/api/v1/me"} {
		if status, raw := call(t, srv, http.MethodGet, path, own, nil); status != 200 {
			t.Errorf("GET %s: %d %s", path, status, raw)
		}
	}
	camat := login(t, srv, "camat.kediri@tabanan.test")
	status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.06/desa?limit=100", camat, nil)
	if status != 200 || !strings.Contains(string(raw), ownDesa) {
		t.Errorf("camat lists own kecamatan: %d %s", status, raw)
	}
	if status, _ := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.10/desa", camat, nil); status != 403 {
		t.Errorf("camat lists another kecamatan: %d, want 403", status)
	}
}
