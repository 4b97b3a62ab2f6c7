package administration_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/web"
)

// benchSite is the module's pages with the demo data (Bengkel's eleven
// posts, five banjar, profil) on SQLite, the decision cache as serve runs
// it, and made signed in as Bengkel's perbekel.
func benchSite(b *testing.B) *site {
	b.Helper()
	s := newSiteTTL(b, authz.DefaultCacheTTL)
	if err := s.m.SeedDemo(context.Background()); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkPerangkatPage is the server-side cost of the perangkat page as
// loadbench's page target asks for it: one signed-in GET through the real
// handler (session, permission, tenant transaction, queries, render) per
// iteration.
func BenchmarkPerangkatPage(b *testing.B) {
	s := benchSite(b)
	tok := s.session["made"]
	get := func() *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "https://ngantor.example/desa/"+string(bengkel)+"/perangkat", nil)
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: tok})
		rec := httptest.NewRecorder()
		s.mux.ServeHTTP(rec, r)
		return rec
	}
	if rec := get(); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Sedang menjabat") {
		b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if rec := get(); rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
