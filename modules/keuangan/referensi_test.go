package keuangan_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// csvRows counts the data rows of a shipped CSV file, by level when col
// names the level column.
func csvRows(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open("data/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[1:]
}

func all[T any](t *testing.T, list func(cursor string) (page.Page[T], error)) []T {
	t.Helper()
	var out []T
	cursor := ""
	for range 1000 {
		p, err := list(cursor)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Items...)
		if cursor = p.NextCursor; cursor == "" {
			return out
		}
	}
	t.Fatal("pages never end")
	return nil
}

func TestReferenceLoadMatchesTheCSVsAndIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		// A second and third load (every start) change nothing.
		for range 2 {
			if err := m.SeedReference(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		ctx := context.Background()
		for _, tc := range []struct{ table, csv string }{
			{"keuangan_rekening", "kode_rekening_apbdes.csv"},
			{"keuangan_kegiatan", "bidang_kegiatan_lampiran.csv"},
			{"keuangan_kegiatan_siskeudes", "kegiatan_siskeudes_opensid.csv"},
			{"keuangan_sumber_dana", "sumber_dana.csv"},
		} {
			n, err := d.NewSelect().Table(tc.table).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if want := int64(len(csvRows(t, tc.csv))); n != want || n == 0 {
				t.Errorf("%s: %d rows, want %d (%s)", tc.table, n, want, tc.csv)
			}
		}
		rek := all(t, func(c string) (page.Page[keuangan.Rekening], error) {
			return m.ListRekening(ctx, keuangan.ReferensiQuery{Params: page.Params{Cursor: c, Limit: 100}, Tahun: 2026})
		})
		byTingkat := map[string]int{}
		for _, r := range rek {
			byTingkat[r.Tingkat]++
		}
		// SOURCE.md: 3 akun, 9 kelompok, 44 jenis, 148 objek.
		if byTingkat["akun"] != 3 || byTingkat["kelompok"] != 9 || byTingkat["jenis"] != 44 || byTingkat["objek"] != 148 {
			t.Errorf("rekening by tingkat %v, want 3/9/44/148", byTingkat)
		}
		if rek[0].Kode != "4" || rek[1].Kode != "4.1" {
			t.Errorf("rekening not in the regulation's order: %s, %s", rek[0].Kode, rek[1].Kode)
		}
		keg := all(t, func(c string) (page.Page[keuangan.Kegiatan], error) {
			return m.ListKegiatan(ctx, keuangan.DaftarLampiran, keuangan.ReferensiQuery{Params: page.Params{Cursor: c, Limit: 100}, Tahun: 2026})
		})
		byTingkat = map[string]int{}
		for _, k := range keg {
			byTingkat[k.Tingkat]++
		}
		// SOURCE.md: 5 bidang, 27 sub-bidang, 175 kegiatan.
		if byTingkat["bidang"] != 5 || byTingkat["sub_bidang"] != 27 || byTingkat["kegiatan"] != 175 {
			t.Errorf("kegiatan by tingkat %v, want 5/27/175", byTingkat)
		}
	})
}

// The 8 Lampiran kegiatan that OpenSID's list lacks (SOURCE.md) are in the
// Lampiran list; the Siskeudes list is its own list, its 90–99 kegiatan are
// not in the Lampiran, and the Lampiran's lain-lain ranges not in it.
func TestLampiranHasTheKegiatanOpenSIDLacksAndSiskeudesStaysApart(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := context.Background()
		list := func(daftar string) map[keuangan.KodeKegiatan]keuangan.Kegiatan {
			out := map[keuangan.KodeKegiatan]keuangan.Kegiatan{}
			for _, k := range all(t, func(c string) (page.Page[keuangan.Kegiatan], error) {
				return m.ListKegiatan(ctx, daftar, keuangan.ReferensiQuery{Params: page.Params{Cursor: c, Limit: 100}, Tahun: 2025})
			}) {
				if k.Daftar != daftar {
					t.Fatalf("%s list holds a %s row %s", daftar, k.Daftar, k.Kode)
				}
				out[k.Kode] = k
			}
			return out
		}
		lampiran, siskeudes := list(keuangan.DaftarLampiran), list(keuangan.DaftarSiskeudes)
		if len(siskeudes) != 239 {
			t.Errorf("siskeudes list has %d kegiatan, want 239", len(siskeudes))
		}
		for _, k := range []keuangan.KodeKegiatan{"02.01.06", "02.01.07", "02.02.09", "02.03.11", "02.03.16", "02.04.07", "02.05.03", "03.01.07"} {
			if _, ok := lampiran[k]; !ok {
				t.Errorf("Lampiran kegiatan %s missing", k)
			}
			if _, ok := siskeudes[k]; ok {
				t.Errorf("%s is in the Siskeudes list, which SOURCE.md says lacks it", k)
			}
		}
		tali, ok := siskeudes["01.01.90"]
		if !ok || !strings.Contains(tali.Nama, "Tali Asih") || tali.SamaLampiran == nil || *tali.SamaLampiran {
			t.Errorf("Siskeudes 01.01.90 = %+v, want BPKP's Tali Asih kegiatan, not the Lampiran's", tali)
		}
		if l, ok := lampiran["01.01.90"]; !ok || l.RentangKode != "90-99" || strings.Contains(l.Nama, "Tali Asih") {
			t.Errorf("Lampiran 01.01.90 = %+v, want the Lampiran's lain-lain range 90-99", l)
		}
		sama := 0
		for kode, k := range siskeudes {
			if k.SamaLampiran != nil && *k.SamaLampiran {
				sama++
				if _, ok := lampiran[kode]; !ok {
					t.Errorf("Siskeudes %s says it is a Lampiran code, but the Lampiran lacks it", kode)
				}
			}
		}
		// SOURCE.md: 140 Lampiran codes (+3 of bidang 5, coded apart).
		if sama < 140 {
			t.Errorf("%d Siskeudes kegiatan share a Lampiran code, want at least 140", sama)
		}
	})
}

func TestReferenceByYearAndFilter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := context.Background()
		_, err := m.ListRekening(ctx, keuangan.ReferensiQuery{Tahun: 2018})
		if f, ok := fault.As(err); !ok || f.Code != fault.NotFound || !strings.Contains(f.Message, "2018") {
			t.Errorf("2018 (before Permendagri 20/2018 applies): %v, want NotFound naming the year", err)
		}
		p, err := m.ListRekening(ctx, keuangan.ReferensiQuery{Tahun: 2026, Q: "dana desa"})
		if err != nil {
			t.Fatal(err)
		}
		var kodes []string
		for _, r := range p.Items {
			kodes = append(kodes, string(r.Kode))
		}
		if strings.Join(kodes, " ") != "4.2.1 4.2.1.01 4.2.3 4.2.3.01" {
			t.Errorf("q=dana desa found %v, want Dana Desa and Alokasi Dana Desa (4.2.1, 4.2.3)", kodes)
		}
		p, err = m.ListRekening(ctx, keuangan.ReferensiQuery{Tahun: 2026, Q: "100%"})
		if err != nil || len(p.Items) != 0 {
			t.Errorf("q=100%%: %v %v, want nothing (matched literally)", p.Items, err)
		}
		v, err := m.VersiFor(ctx, keuangan.DaftarLampiran, 2019)
		if err != nil || v.Kode != keuangan.VersiPermendagri20 {
			t.Errorf("versi 2019 = %+v, %v", v, err)
		}
	})
}

// fakeAuth signs in any token that names a user; reference reads need no
// grant.
type fakeAuth struct{}

func (fakeAuth) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	if token != "perbekel" && token != "warga-terdaftar" {
		return ctx, httpserver.Identity{}, fault.New(fault.Unauthorized, "sesi tidak dikenal")
	}
	return auth.WithUser(ctx, auth.User{ID: token, Name: token}), httpserver.Identity{UserID: token}, nil
}

func (fakeAuth) Allowed(context.Context, string, tenancy.Kode, authz.Permission) (bool, error) {
	return false, nil // no user holds any grant: the reference reads must not need one
}

func TestReferenceAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		srv := apiServer(m, fakeAuth{})

		status, body := apiJSON(t, srv, http.MethodGet, "/keuangan/rekening?limit=3", "warga-terdaftar", nil)
		items, _ := body["items"].([]any)
		if status != 200 || len(items) != 3 || body["next_cursor"] == "" {
			t.Fatalf("rekening: %d %v", status, body)
		}
		status, body = apiJSON(t, srv, http.MethodGet, "/keuangan/rekening?limit=100&cursor="+body["next_cursor"].(string), "perbekel", nil)
		items, _ = body["items"].([]any)
		if first, _ := items[0].(map[string]any); status != 200 || first["kode"] != "4.1.1.01" {
			t.Errorf("second page starts with %v (%d), want 4.1.1.01 (after 4, 4.1, 4.1.1)", items[0], status)
		}

		status, body = apiJSON(t, srv, http.MethodGet, "/keuangan/kegiatan?tahun=2026&q=02.01.06", "perbekel", nil)
		items, _ = body["items"].([]any)
		if status != 200 || len(items) != 1 || items[0].(map[string]any)["daftar"] != "lampiran" {
			t.Errorf("kegiatan 02.01.06 in the Lampiran: %d %v", status, body)
		}
		status, body = apiJSON(t, srv, http.MethodGet, "/keuangan/kegiatan?tahun=2026&q=02.01.06&daftar=siskeudes", "perbekel", nil)
		items, _ = body["items"].([]any)
		if status != 200 || len(items) != 0 {
			t.Errorf("kegiatan 02.01.06 in the Siskeudes list: %d %v, want none", status, body)
		}
		status, body = apiJSON(t, srv, http.MethodGet, "/keuangan/kegiatan?daftar=siskeudes&q=tali+asih", "perbekel", nil)
		items, _ = body["items"].([]any)
		if status != 200 || len(items) == 0 {
			t.Errorf("Siskeudes tali asih: %d %v", status, body)
		}

		status, body = apiJSON(t, srv, http.MethodGet, "/keuangan/sumber-dana", "perbekel", nil)
		items, _ = body["items"].([]any)
		var kodes []string
		for _, it := range items {
			kodes = append(kodes, it.(map[string]any)["kode"].(string))
		}
		if status != 200 || strings.Join(kodes, ",") != "DDS,ADD,PAD,PBH,BKP,BKK,DLL,SiLPA" {
			t.Errorf("sumber dana: %d %v", status, kodes)
		}

		for _, tc := range []struct {
			path, user string
			status     int
			detail     string
		}{
			{"/keuangan/rekening", "", 401, ""},
			{"/keuangan/sumber-dana", "", 401, ""},
			{"/keuangan/kegiatan?daftar=semua", "perbekel", 422, ""},
			{"/keuangan/rekening?tahun=1999", "perbekel", 422, ""},
			{"/keuangan/rekening?tahun=2010", "perbekel", 404, "2010"},
			{"/keuangan/kegiatan?tahun=2010&daftar=siskeudes", "perbekel", 404, "Siskeudes"},
			{"/keuangan/rekening?cursor=bukan-kursor", "perbekel", 422, "Cursor"},
			{"/keuangan/rekening?limit=101", "perbekel", 422, ""},
			// A cursor of another list decodes without this list's key.
			{"/keuangan/kegiatan?cursor=eyJpIjoiYnVrYW4tdXVpZCJ9", "perbekel", 422, "Cursor"},
			{"/keuangan/sumber-dana?cursor=eyJ1IjowfQ", "perbekel", 422, "Cursor"},
		} {
			status, body := apiJSON(t, srv, http.MethodGet, tc.path, tc.user, nil)
			detail, _ := body["detail"].(string)
			if status != tc.status || detail == "" || !strings.Contains(detail, tc.detail) {
				t.Errorf("%s as %q: %d %v; want %d with a detail saying %q", tc.path, tc.user, status, body, tc.status, tc.detail)
			}
		}
	})
}
