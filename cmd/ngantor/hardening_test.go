package main

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// TestNoInputReachesA500 walks every operation in /openapi.json as the
// perbekel of Bengkel, at Bengkel, with what a client may craft: cursors
// whose ids are no UUID or whose text holds a NUL (a 500 on PostgreSQL
// before, in every list that put the id into its query), a NUL in every
// string query parameter and in a JSON body. Nothing may answer 500; a
// call the guard lets through is a 422. Like the matrix, it names no module:
// an operation added later is walked by existing.
func TestNoInputReachesA500(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := testApp(t, d)
		token := login(t, srv, "perbekel.bengkel@tabanan.test")
		status, raw := call(t, srv, http.MethodGet, "/openapi.json", "", nil)
		if status != 200 {
			t.Fatalf("/openapi.json: %d", status)
		}
		var doc struct {
			Paths map[string]map[string]struct {
				OperationID string `json:"operationId"`
				Permission  string `json:"x-permission"`
				Parameters  []struct {
					Name, In string
					Schema   struct{ Type string }
				}
				RequestBody *struct{} `json:"requestBody"`
			}
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
		cursors := []string{enc(`{"i":"bukan-uuid"}`), enc(`{"t":"2026-01-31","i":"bukan-uuid"}`), enc(`{"k":"470","i":"x"}`),
			enc(`{"s":"2026-01-31","d":5102062001,"i":"x"}`), enc(`"bukan-uuid"`), enc(`{"t":"2026\u0000","i":"x"}`),
			enc("51.02.06.2001\x00"), enc(`{"i":"01936b1e-7c4a-7def-8abc-0123456789AB"}`)}
		refused := func(s int) bool {
			return s == http.StatusUnauthorized || s == http.StatusForbidden || s == http.StatusNotFound
		}
		var cursorOps, queryOps, bodyOps int
		for path, item := range doc.Paths {
			if !strings.HasPrefix(path, "/api/v1/") || strings.HasPrefix(path, "/api/v1/auth/") {
				continue
			}
			base := fill(path, ownDesa, "01936b1e-7c4a-7def-8abc-0123456789ab")
			for method, op := range item {
				method = strings.ToUpper(method)
				try := func(what, target string, body []byte, want422 bool) {
					t.Helper()
					s, out := call(t, srv, method, target, token, body)
					if s >= 500 || (want422 && !refused(s) && s != http.StatusUnprocessableEntity) {
						t.Errorf("%s %s (%s, %s): %d %s", method, target, op.OperationID, what, s, out)
					}
				}
				for _, p := range op.Parameters {
					if p.In != "query" {
						continue
					}
					if p.Name == "cursor" {
						cursorOps++
						for _, c := range cursors {
							try("cursor", base+"?cursor="+c, nil, true)
						}
						continue
					}
					if p.Schema.Type == "string" {
						queryOps++
						try("query "+p.Name, base+"?"+p.Name+"="+url.QueryEscape("a\x00b"), nil, true)
					}
				}
				if op.RequestBody != nil && method != http.MethodGet {
					bodyOps++
					try("body", base, []byte(`{"nama":"a\u0000b","catatan":"\u001b[2J"}`), true)
				}
			}
		}
		if cursorOps < 8 || bodyOps < 10 || queryOps < 3 {
			t.Fatalf("walked %d lists, %d filters and %d bodies: too few", cursorOps, queryOps, bodyOps)
		}
	})
}
