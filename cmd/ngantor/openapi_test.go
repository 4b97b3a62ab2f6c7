package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// The API contract a client generator relies on, read from the built
// server's /openapi.json: every operation says which problem+json errors it
// can give and whether it needs the bearer token. CI also lints the same
// document with Redocly (.ci/openapi-lint.sh).
func TestOpenAPIContractOfEveryOperation(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	status, raw := call(t, srv, http.MethodGet, "/openapi.json", "", nil)
	if status != http.StatusOK {
		t.Fatalf("/openapi.json: %d", status)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Permission string `json:"x-permission"`
			// Raw, to tell an explicit empty list from none at all.
			Security  *json.RawMessage `json:"security"`
			Responses map[string]struct {
				Content map[string]struct {
					Schema struct {
						Ref string `json:"$ref"`
					} `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	n, public := 0, 0
	for path, item := range doc.Paths {
		for method, op := range item {
			n++
			name := strings.ToUpper(method) + " " + path
			var client []string
			for code, r := range op.Responses {
				if code == "default" {
					t.Errorf("%s: a catch-all default response instead of its errors", name)
				}
				if code < "400" {
					continue
				}
				if code < "500" {
					client = append(client, code)
				}
				if ref := r.Content["application/problem+json"].Schema.Ref; ref != "#/components/schemas/Problem" {
					t.Errorf("%s %s: not the shared Problem as application/problem+json (schema %q)", name, code, ref)
				}
			}
			sort.Strings(client)
			if len(client) == 0 {
				t.Errorf("%s declares no 4xx response", name)
			}
			var sec string
			if op.Security != nil {
				sec = string(*op.Security)
			}
			switch op.Permission {
			case "public":
				public++
				if sec != "[]" {
					t.Errorf("%s is public but its security is %q, want an explicit []", name, sec)
				}
			default:
				if sec != `[{"bearer":[]}]` {
					t.Errorf("%s (%s) has security %q, want the bearer scheme", name, op.Permission, sec)
				}
				if !strings.Contains(strings.Join(client, ","), "401") {
					t.Errorf("%s (%s) does not declare 401 (responses %v)", name, op.Permission, client)
				}
			}
		}
	}
	if n == 0 || public == 0 {
		t.Fatalf("%d operations, %d public: the document is not the app's", n, public)
	}
}

// TestOpenAPICommandPrintsTheServedDocument: `ngantor openapi` (what CI
// lints and clients generate from) is byte for byte what a server serves.
func TestOpenAPICommandPrintsTheServedDocument(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	_, served := call(t, srv, http.MethodGet, "/openapi.json", "", nil)
	c := &cliRun{env: map[string]string{"NGANTOR_DATABASE_URL": "postgres://ignored.invalid/x"}}
	if err := c.run(t, "", "openapi"); err != nil {
		t.Fatalf("ngantor openapi: %v\n%s", err, c.stderr.String())
	}
	if !bytes.Equal(c.stdout.Bytes(), served) {
		t.Errorf("ngantor openapi printed %d bytes, /openapi.json serves %d; they differ", c.stdout.Len(), len(served))
	}
}
