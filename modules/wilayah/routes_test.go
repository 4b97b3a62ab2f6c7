package wilayah_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/humatest"

	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
)

// faultStatuses stands in for the platform's single fault → problem+json
// mapping (not written yet) so these tests see the statuses users will.
// It swaps a huma package variable, so no test here may run in parallel.
func faultStatuses(t *testing.T) {
	t.Helper()
	status := map[fault.Code]int{
		fault.Invalid:      http.StatusUnprocessableEntity,
		fault.NotFound:     http.StatusNotFound,
		fault.Conflict:     http.StatusConflict,
		fault.Forbidden:    http.StatusForbidden,
		fault.Unauthorized: http.StatusUnauthorized,
		fault.TooMany:      http.StatusTooManyRequests,
	}
	prev := huma.NewErrorWithContext
	huma.NewErrorWithContext = func(ctx huma.Context, code int, msg string, errs ...error) huma.StatusError {
		for _, err := range errs {
			if e, ok := fault.As(err); ok {
				// Built here, not with huma.NewError: another test of the
				// package may have installed the platform's mapping there.
				return &huma.ErrorModel{Status: status[e.Code], Title: http.StatusText(status[e.Code]), Detail: e.Message}
			}
		}
		return prev(ctx, code, msg, errs...)
	}
	t.Cleanup(func() { huma.NewErrorWithContext = prev })
}

func testAPI(t *testing.T, d *db.DB) humatest.TestAPI {
	t.Helper()
	faultStatuses(t)
	_, api := humatest.New(t)
	seeded(t, d, "51.02").Register(api)
	return api
}

type problem struct {
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

type detailBody struct {
	wilayah.Wilayah
	Children []wilayah.Wilayah `json:"children"`
}

func TestGetWilayah(t *testing.T) {
	tests := []struct {
		path         string
		status       int
		nama         string
		children     int
		firstChild   string
		detail       string
		wantChildren bool
	}{
		{path: "/wilayah/51.02", status: 200, nama: "Kabupaten Tabanan", children: 10, firstChild: "Selemadeg"},
		{path: "/wilayah/51.02.06", status: 200, nama: "Kediri", children: 15, firstChild: "Bengkel"},
		{path: "/wilayah/51.02.06.2001", status: 200, nama: "Bengkel", children: 0},
		{path: "/wilayah/51.02.99", status: 404, detail: "wilayah 51.02.99 tidak ditemukan"},
		{path: "/wilayah/51.2", status: 422, detail: `kode wilayah "51.2" tidak sah`},
		{path: "/wilayah/lima-satu", status: 422, detail: `kode wilayah "lima-satu" tidak sah`},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		api := testAPI(t, d)
		for _, tt := range tests {
			t.Run(tt.path, func(t *testing.T) {
				resp := api.Get(tt.path)
				if resp.Code != tt.status {
					t.Fatalf("status %d, want %d: %s", resp.Code, tt.status, resp.Body)
				}
				if tt.status != 200 {
					var p problem
					if err := json.Unmarshal(resp.Body.Bytes(), &p); err != nil || p.Detail != tt.detail {
						t.Fatalf("detail %q (%v), want %q", p.Detail, err, tt.detail)
					}
					return
				}
				var raw map[string]json.RawMessage
				if err := json.Unmarshal(resp.Body.Bytes(), &raw); err != nil {
					t.Fatal(err)
				}
				if string(raw["children"]) == "null" {
					t.Fatal(`children is null, want [] for a wilayah without children`)
				}
				var got detailBody
				if err := json.Unmarshal(resp.Body.Bytes(), &got); err != nil {
					t.Fatal(err)
				}
				if got.Nama != tt.nama || len(got.Children) != tt.children {
					t.Fatalf("got %s with %d children, want %s with %d", got.Nama, len(got.Children), tt.nama, tt.children)
				}
				if tt.children > 0 && got.Children[0].Nama != tt.firstChild {
					t.Fatalf("first child %s, want %s", got.Children[0].Nama, tt.firstChild)
				}
			})
		}
	})
}

func TestListWilayahDesa(t *testing.T) {
	tests := []struct {
		name     string
		path     string
		status   int
		items    int
		wantNext bool
		detail   string
	}{
		{"default limit", "/wilayah/51.02/desa", 200, 20, true, ""},
		{"limit", "/wilayah/51.02/desa?limit=5", 200, 5, true, ""},
		{"last page", "/wilayah/51.02.06/desa?limit=100", 200, 15, false, ""},
		{"nama filter", "/wilayah/51.02/desa?nama=KAUH", 200, 3, false, ""},
		{"unknown wilayah", "/wilayah/51.99/desa", 404, 0, false, "wilayah 51.99 tidak ditemukan"},
		{"malformed kode", "/wilayah/5102/desa", 422, 0, false, `kode wilayah "5102" tidak sah`},
		{"bad cursor", "/wilayah/51.02/desa?cursor=bukan-cursor", 422, 0, false, "Cursor tidak sah."},
		{"NUL in the name filter", "/wilayah/51.02/desa?nama=Ka%00uh", 422, 0, false, "Nama berisi karakter yang tidak diizinkan (karakter kendali atau teks yang rusak)."},
		{"escape in the name filter", "/wilayah/51.02/desa?nama=%1B%5B2J", 422, 0, false, "Nama berisi karakter yang tidak diizinkan (karakter kendali atau teks yang rusak)."},
		{"broken UTF-8 in the name filter", "/wilayah/51.02/desa?nama=Ka%FFuh", 422, 0, false, "Nama berisi karakter yang tidak diizinkan (karakter kendali atau teks yang rusak)."},
		{"limit over 100", "/wilayah/51.02/desa?limit=101", 422, 0, false, ""},
		{"limit zero", "/wilayah/51.02/desa?limit=0", 422, 0, false, ""},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		api := testAPI(t, d)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp := api.Get(tt.path)
				if resp.Code != tt.status {
					t.Fatalf("status %d, want %d: %s", resp.Code, tt.status, resp.Body)
				}
				if tt.status != 200 {
					var p problem
					if err := json.Unmarshal(resp.Body.Bytes(), &p); err != nil {
						t.Fatal(err)
					}
					if tt.detail != "" && p.Detail != tt.detail {
						t.Fatalf("detail %q, want %q", p.Detail, tt.detail)
					}
					return
				}
				var page wilayah.Page[wilayah.Wilayah]
				if err := json.Unmarshal(resp.Body.Bytes(), &page); err != nil {
					t.Fatal(err)
				}
				if len(page.Items) != tt.items || (page.NextCursor != "") != tt.wantNext {
					t.Fatalf("%d items, next %q; want %d items, next %v", len(page.Items), page.NextCursor, tt.items, tt.wantNext)
				}
				for _, w := range page.Items {
					if w.Tingkat != wilayah.TingkatDesa {
						t.Fatalf("%s is %s, want only desa", w.Kode, w.Tingkat)
					}
				}
			})
		}
	})
}

func TestListWilayahDesaCursorContinuesOverHTTP(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		api := testAPI(t, d)
		seen := map[string]bool{}
		path := "/wilayah/51.02/desa?limit=20"
		for pages := 1; ; pages++ {
			resp := api.Get(path)
			if resp.Code != 200 {
				t.Fatalf("page %d: status %d: %s", pages, resp.Code, resp.Body)
			}
			var page wilayah.Page[wilayah.Wilayah]
			if err := json.Unmarshal(resp.Body.Bytes(), &page); err != nil {
				t.Fatal(err)
			}
			for _, w := range page.Items {
				if seen[string(w.Kode)] {
					t.Fatalf("%s served twice", w.Kode)
				}
				seen[string(w.Kode)] = true
			}
			if page.NextCursor == "" {
				break
			}
			if pages > 20 {
				t.Fatal("cursor never ends")
			}
			path = "/wilayah/51.02/desa?limit=20&cursor=" + page.NextCursor
		}
		if len(seen) != 133 {
			t.Fatalf("walked %d desa, want 133", len(seen))
		}
	})
}

func TestEveryOperationDeclaresItsPermission(t *testing.T) {
	_, api := humatest.New(t)
	wilayah.New(wilayah.Deps{}).Register(api)
	want := map[string]authz.Permission{
		"get-wilayah": wilayah.PermRead, "list-wilayah-desa": wilayah.PermRead, "get-wilayah-tabel-desa": wilayah.PermRead,
		"get-kalender":                 wilayah.PermKalenderRead,
		"set-kalender-libur-daerah":    wilayah.PermKalenderKelola,
		"delete-kalender-libur-daerah": wilayah.PermKalenderKelola,
		"load-kalender-tahun":          wilayah.PermKalenderKelola,
	}
	found := map[string]bool{}
	for path, item := range api.OpenAPI().Paths {
		for _, op := range []*huma.Operation{item.Get, item.Post, item.Put, item.Patch, item.Delete} {
			if op == nil {
				continue
			}
			perm, known := want[op.OperationID]
			if !known {
				t.Errorf("unexpected operation %s", op.OperationID)
				continue
			}
			p, public, ok := authz.Declared(op)
			if !ok || public || p != perm {
				t.Errorf("%s %s declares %v (public %v, ok %v), want %v", op.Method, path, p, public, ok, perm)
			}
			found[op.OperationID] = true
		}
	}
	for id := range want {
		if !found[id] {
			t.Errorf("operation %s not registered", id)
		}
	}
}

func TestTemplatesGrantReadToEveryRoleAndTheCalendarToTheKabupatenAdmin(t *testing.T) {
	tpl := wilayah.Templates()
	for _, r := range authz.Roles {
		want := []authz.Permission{wilayah.PermRead, wilayah.PermKalenderRead}
		if r == authz.AdminKabupaten {
			want = append(want, wilayah.PermKalenderKelola)
		}
		if got := tpl[r]; !slices.Equal(got, want) {
			t.Errorf("role %s gets %v, want %v", r, got, want)
		}
	}
	if len(tpl) != len(authz.Roles) {
		t.Errorf("templates name %d roles, authz knows %d", len(tpl), len(authz.Roles))
	}
}
