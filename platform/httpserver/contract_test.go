package httpserver_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/httpserver"
)

type contractOp struct {
	Security  json.RawMessage `json:"security"`
	Responses map[string]struct {
		Description string `json:"description"`
		Content     map[string]struct {
			Schema struct {
				Ref string `json:"$ref"`
			} `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

// TestOpenAPIDerivesProblemResponsesFromPermissionParamsAndBody registers
// one operation of each kind and reads the document a client downloads.
func TestOpenAPIDerivesProblemResponsesFromPermissionParamsAndBody(t *testing.T) {
	s := httpserver.New(httpserver.Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	type (
		none   struct{}
		params struct {
			Kode string `path:"kode"`
			ID   string `path:"id"`
		}
		query struct {
			Q string `query:"q" maxLength:"10"`
		}
		write struct {
			Kode string `path:"kode"`
			Body struct {
				Name string `json:"name"`
			}
		}
	)
	noop := func(context.Context, *none) (*none, error) { return nil, nil }
	huma.Register(s.V1(), huma.Operation{OperationID: "open", Method: http.MethodGet, Path: "/open", Metadata: authz.Public(),
		Errors: []int{http.StatusGone}}, noop)
	huma.Register(s.V1(), huma.Operation{OperationID: "open-search", Method: http.MethodGet, Path: "/open/search", Metadata: authz.Public()},
		func(context.Context, *query) (*none, error) { return nil, nil })
	huma.Register(s.V1(), huma.Operation{OperationID: "self", Method: http.MethodGet, Path: "/self", Metadata: authz.Authenticated()}, noop)
	huma.Register(s.V1(), huma.Operation{OperationID: "get-item", Method: http.MethodGet, Path: "/desa/{kode}/items/{id}", Metadata: authz.Require(perm)},
		func(context.Context, *params) (*none, error) { return nil, nil })
	huma.Register(s.V1(), huma.Operation{OperationID: "create-item", Method: http.MethodPost, Path: "/desa/{kode}/items", Metadata: authz.Require(perm)},
		func(context.Context, *write) (*none, error) { return nil, nil })
	huma.Register(s.V1(), huma.Operation{OperationID: "put-item", Method: http.MethodPut, Path: "/desa/{kode}/item", Metadata: authz.Require(perm)},
		func(context.Context, *write) (*none, error) { return nil, nil })

	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	var doc struct {
		Paths map[string]map[string]contractOp
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("/openapi.json: %d %v", rec.Code, err)
	}
	bearer := `[{"bearer":[]}]`
	for _, tc := range []struct {
		method, path string
		security     string
		want         []string
	}{
		{"get", "/api/v1/open", `[]`, []string{"410", "500"}},
		{"get", "/api/v1/open/search", `[]`, []string{"422", "500"}},
		{"get", "/api/v1/self", bearer, []string{"401", "500"}},
		{"get", "/api/v1/desa/{kode}/items/{id}", bearer, []string{"401", "403", "404", "422", "500"}},
		{"post", "/api/v1/desa/{kode}/items", bearer, []string{"400", "401", "403", "404", "409", "413", "415", "422", "500"}},
		{"put", "/api/v1/desa/{kode}/item", bearer, []string{"400", "401", "403", "404", "409", "413", "415", "422", "500"}},
	} {
		op, ok := doc.Paths[tc.path][tc.method]
		if !ok {
			t.Errorf("%s %s missing from the document", tc.method, tc.path)
			continue
		}
		if string(op.Security) != tc.security {
			t.Errorf("%s %s: security %s, want %s", tc.method, tc.path, op.Security, tc.security)
		}
		var got []string
		for code, r := range op.Responses {
			if code[0] < '4' {
				continue
			}
			got = append(got, code)
			if ref := r.Content["application/problem+json"].Schema.Ref; ref != "#/components/schemas/Problem" {
				t.Errorf("%s %s %s: schema %q, want the shared Problem as application/problem+json", tc.method, tc.path, code, ref)
			}
			if r.Description == "" || r.Description == http.StatusText(status(code)) {
				t.Errorf("%s %s %s: description %q is not the Bahasa Indonesia one", tc.method, tc.path, code, r.Description)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s %s: error responses %v, want %v", tc.method, tc.path, got, tc.want)
		}
	}
}

func status(code string) int {
	n, _ := strconv.Atoi(code)
	return n
}
