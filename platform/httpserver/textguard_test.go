package httpserver_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/httpserver"
)

// noteIn is an input whose module forgot every text rule.
type noteIn struct {
	Kode string `path:"kode"`
	Q    string `query:"q"`
	Body struct {
		Judul string `json:"judul"`
		Butir []struct {
			Catatan string `json:"catatan"`
		} `json:"butir,omitempty"`
		Lain map[string]any `json:"lain,omitempty"`
	}
}

type noteOut struct {
	Body struct {
		Judul string `json:"judul"`
		Q     string `json:"q"`
	}
}

func textGuardServer(t *testing.T) *httptest.Server {
	t.Helper()
	s := httpserver.New(httpserver.Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	s.V1().UseMiddleware(httpserver.TextGuard(s.V1()))
	huma.Register(s.V1(), huma.Operation{
		OperationID: "create-note", Method: http.MethodPost, Path: "/notes/{kode}", Metadata: authz.Public(),
		MaxBodyBytes: 4 << 10,
	}, func(_ context.Context, in *noteIn) (*noteOut, error) {
		out := &noteOut{}
		out.Body.Judul, out.Body.Q = in.Body.Judul, in.Q
		return out, nil
	})
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

func TestTextGuardRefusesControlCharactersAnywhereInTheInput(t *testing.T) {
	srv := textGuardServer(t)
	tests := []struct {
		name, path, contentType, body string
		status                        int
		location                      string
	}{
		{"clean input reaches the handler intact", "/notes/x?q=cari", "application/json", `{"judul":"Rapat\nbanjar","butir":[{"catatan":"ok"}]}`, 200, ""},
		{"NUL in a field", "/notes/x", "application/json", `{"judul":"a\u0000b"}`, 422, "body.judul"},
		{"escape deep in a list", "/notes/x", "application/json", `{"judul":"ok","butir":[{"catatan":"ok"},{"catatan":"\u001b[2J"}]}`, 422, "body.butir[1].catatan"},
		{"invalid UTF-8 in a field", "/notes/x", "application/json", "{\"judul\":\"rusak \xff\xfe\"}", 422, "body.judul"},
		{"control character in an untyped map", "/notes/x", "", `{"judul":"ok","lain":{"k":["\u0007"]}}`, 422, "body.lain.k[0]"},
		{"NUL in a query parameter", "/notes/x?q=a%00b", "application/json", `{"judul":"ok"}`, 422, "query.q"},
		{"invalid UTF-8 in a path parameter", "/notes/%FF", "application/json", `{"judul":"ok"}`, 422, "path.kode"},
		{"malformed JSON is huma's to answer", "/notes/x", "application/json", `{"judul":`, 400, ""},
		{"too large a body is still 413", "/notes/x", "application/json", `{"judul":"` + strings.Repeat("a", 5<<10) + `"}`, 413, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1"+tt.path, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			raw, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, raw)
			}
			if tt.status == 200 {
				var out struct{ Judul, Q string }
				if err := json.Unmarshal(raw, &out); err != nil || out.Judul != "Rapat\nbanjar" || out.Q != "cari" {
					t.Fatalf("handler saw %+v (%v)", out, err)
				}
				return
			}
			if tt.location == "" {
				return
			}
			var p struct {
				Detail string `json:"detail"`
				Errors []struct{ Location, Message string }
			}
			if err := json.Unmarshal(raw, &p); err != nil {
				t.Fatal(err)
			}
			if len(p.Errors) != 1 || p.Errors[0].Location != tt.location || !strings.Contains(p.Errors[0].Message, "karakter yang tidak diizinkan") {
				t.Fatalf("errors %+v, want one naming %s", p.Errors, tt.location)
			}
			if !strings.Contains(p.Detail, "tidak diizinkan") {
				t.Fatalf("detail %q is not the Bahasa message", p.Detail)
			}
		})
	}
}
