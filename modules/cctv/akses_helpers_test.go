package cctv_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

func authUser(opd string) auth.User { return auth.User{ID: "u", OPD: opd} }

func stringOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func httptestRequest(method, path, user string) *http.Request {
	r := httptest.NewRequest(method, "https://ngantor.example"+path, nil)
	r.Header.Set("Authorization", "Bearer "+user)
	return r
}

func serve(a *webtest.API, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	a.Server.Mux().ServeHTTP(rec, r)
	return rec
}
