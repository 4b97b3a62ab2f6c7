package sampah_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// allowAll signs in any token and grants it every permission everywhere,
// so that garbage reaches each operation's own checks.
type allowAll struct{}

func (allowAll) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	return auth.WithUser(ctx, auth.User{ID: token, Name: "Uji " + token}), httpserver.Identity{UserID: token}, nil
}

func (allowAll) Allowed(context.Context, string, tenancy.Kode, authz.Permission) (bool, error) {
	return true, nil
}

// garbage is what a careless or hostile client sends in place of an id,
// a date, a month, a year, a number or a cursor.
var garbage = []string{"x", "2026-13-45", "abc", "99999", "-1", "###", "0", "2026-02-30", "' OR 1=1 --",
	"00000000-0000-0000-0000-000000000000", strings.Repeat("9", 40), "%00", "1e9"}

// kodeGarbage replaces a desa or wilayah kode.
var kodeGarbage = []string{"x", "51.02.06.9999", "99.99", "51.02.06.2001.1", "###"}

// Every sampah operation answers garbage in each path parameter and each
// query parameter with a 4xx problem (Bahasa detail), never a 5xx, and
// never the internal text of an error. A body, where one is taken, is a
// valid empty object so that the parameters are what is at fault.
func TestGarbageInputNeverFails500(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		srv := apiServer(m, allowAll{})
		type probe struct{ method, path string }
		var ops []struct {
			method, path string
			op           *huma.Operation
		}
		for p, item := range srv.API().OpenAPI().Paths {
			for method, op := range map[string]*huma.Operation{http.MethodGet: item.Get, http.MethodPost: item.Post,
				http.MethodPut: item.Put, http.MethodPatch: item.Patch, http.MethodDelete: item.Delete} {
				if op != nil {
					ops = append(ops, struct {
						method, path string
						op           *huma.Operation
					}{method, p, op})
				}
			}
		}
		if len(ops) < 10 {
			t.Fatalf("only %d operations registered", len(ops))
		}
		sort.Slice(ops, func(i, j int) bool { return ops[i].path+ops[i].method < ops[j].path+ops[j].method })
		sent, codes, details := 0, map[int]int{}, map[string]int{}
		for _, o := range ops {
			var pathParams, queryParams []*huma.Param
			for _, prm := range o.op.Parameters {
				switch prm.In {
				case "path":
					pathParams = append(pathParams, prm)
				case "query":
					queryParams = append(queryParams, prm)
				}
			}
			// valid fills every path parameter: the desa or wilayah kode
			// with a real one, any other with garbage "x".
			fill := func(override string, val string) string {
				p := o.path
				for _, prm := range pathParams {
					v := "x"
					if strings.Contains(strings.ToLower(prm.Name), "kode") {
						v = bengkel
						if strings.Contains(o.path, "kabupaten") {
							v = "51.02"
						} else if strings.Contains(o.path, "kecamatan") {
							v = "51.02.06"
						}
					}
					if prm.Name == override {
						v = val
					}
					p = strings.ReplaceAll(p, "{"+prm.Name+"}", url.PathEscape(v))
				}
				return p
			}
			var probes []probe
			for _, prm := range pathParams {
				list := garbage
				if strings.Contains(strings.ToLower(prm.Name), "kode") {
					list = kodeGarbage
				}
				for _, g := range list {
					probes = append(probes, probe{o.method, fill(prm.Name, g)})
				}
			}
			for _, prm := range queryParams {
				for _, g := range garbage {
					probes = append(probes, probe{o.method, fill("", "") + "?" + url.Values{prm.Name: {g}}.Encode()})
				}
			}
			for _, pr := range probes {
				var body any
				if o.op.RequestBody != nil {
					body = map[string]any{}
				}
				rec := apiRequest(srv, pr.method, strings.TrimPrefix(pr.path, "/api/v1"), "uji", body)
				sent++
				codes[rec.Code]++
				if rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden {
					t.Errorf("%s %s: %d: garbage must reach the operation: %s", pr.method, pr.path, rec.Code, rec.Body)
					continue
				}
				if rec.Code >= 500 || rec.Code < 400 && pr.method != http.MethodGet {
					t.Errorf("%s %s: %d %s", pr.method, pr.path, rec.Code, rec.Body)
					continue
				}
				if rec.Code < 400 {
					continue // a GET may ignore a parameter it does not need or read garbage as nothing
				}
				var prob struct {
					Detail string `json:"detail"`
				}
				if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
					t.Errorf("%s %s: %d with %q, want problem+json", pr.method, pr.path, rec.Code, ct)
				} else if err := json.Unmarshal(rec.Body.Bytes(), &prob); err != nil || prob.Detail == "" {
					t.Errorf("%s %s: %d problem without detail: %s", pr.method, pr.path, rec.Code, rec.Body)
				} else if leak := internalText(prob.Detail); leak != "" {
					t.Errorf("%s %s: detail shows %q: %s", pr.method, pr.path, leak, prob.Detail)
				} else {
					details[prob.Detail]++
				}
			}
		}
		t.Logf("%d operations, %d garbage requests, answers %v", len(ops), sent, codes)
		for k := range details {
			t.Log(k)
		}
	})
}

// internalText is a fragment of a database or Go error in a detail
// meant for users, or "".
func internalText(detail string) string {
	for _, s := range []string{"sql", "SQL", "pq:", "invalid input syntax", "strconv.", "uuid", "panic", "runtime error", "bun:"} {
		if strings.Contains(detail, s) {
			return s
		}
	}
	return ""
}
