package httpserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestBufferedBodiesGoOutWithTheirLength(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/small", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		for range 4 { // 4 × 3 KiB: chunked without the buffer
			_, _ = io.WriteString(w, strings.Repeat("a", 3<<10))
		}
	})
	mux.HandleFunc("/large", func(w http.ResponseWriter, r *http.Request) {
		for range 3 {
			_, _ = io.WriteString(w, strings.Repeat("b", bufferMax/2))
		}
	})
	mux.HandleFunc("/flush", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "first")
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("flush through the buffer: %v", err)
		}
		_, _ = io.WriteString(w, " second")
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("/nothing", func(w http.ResponseWriter, r *http.Request) {})
	srv := httptest.NewServer(bufferBodies(mux))
	defer srv.Close()

	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, string(body)
	}

	resp, body := get("/small")
	if resp.StatusCode != http.StatusCreated || resp.ContentLength != 12<<10 || len(resp.TransferEncoding) != 0 || len(body) != 12<<10 {
		t.Errorf("small body: status %d, length %d, transfer %v, %d bytes read", resp.StatusCode, resp.ContentLength, resp.TransferEncoding, len(body))
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("small body: Content-Type %q", ct)
	}
	resp, body = get("/large")
	if resp.StatusCode != http.StatusOK || resp.ContentLength != -1 || len(body) != 3*(bufferMax/2) || strings.Trim(body, "b") != "" {
		t.Errorf("large body: status %d, length %d, %d bytes read", resp.StatusCode, resp.ContentLength, len(body))
	}
	resp, body = get("/flush")
	if resp.ContentLength != -1 || body != "first second" {
		t.Errorf("flushed body: length %d, %q", resp.ContentLength, body)
	}
	resp, _ = get("/empty")
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Content-Length") != "" {
		t.Errorf("204: status %d, Content-Length %q", resp.StatusCode, resp.Header.Get("Content-Length"))
	}
	resp, body = get("/nothing")
	if resp.StatusCode != http.StatusOK || body != "" {
		t.Errorf("handler that wrote nothing: %d %q", resp.StatusCode, body)
	}
}

// A handler that panics after writing part of its body has sent nothing:
// the recoverer around the buffer answers alone.
func TestBufferedBodyOfAPanickingHandlerIsNotSent(t *testing.T) {
	rec := httptest.NewRecorder()
	h := bufferBodies(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"items":[`)
		panic("boom")
	}))
	func() {
		defer func() { _ = recover() }()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	}()
	if rec.Body.Len() != 0 || rec.Code != http.StatusOK || rec.Result().Header.Get("Content-Length") != "" {
		t.Errorf("after a panic the client got %d %q", rec.Code, rec.Body.String())
	}
}
