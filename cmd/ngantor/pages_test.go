package main

import (
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db/dbtest"
)

func TestWilayahPagesFollowGrants(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	camat := login(t, srv, "camat.kediri@tabanan.test")
	perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
	cases := []struct {
		name, token, path string
		status            int
		want              string
	}{
		{"camat sees the desa of the kecamatan", camat, "/wilayah/51.02.06", 200, "Bengkel"},
		{"camat opens a desa", camat, "/wilayah/51.02.06.2001", 200, "Desa Bengkel"},
		{"camat cannot open another kecamatan", camat, "/wilayah/51.02.10", 403, "tidak berwenang"},
		{"perbekel opens own desa", perbekel, "/wilayah/51.02.06.2001", 200, "Desa Bengkel"},
		{"perbekel cannot open the neighbour", perbekel, "/wilayah/51.02.06.2011", 403, "tidak berwenang"},
		{"unknown code", perbekel, "/wilayah/51.02.06.2999", 403, ""},
		{"malformed code", perbekel, "/wilayah/xyz", 404, "tidak ditemukan"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := page(t, srv, tc.path, tc.token)
			if status != tc.status || !strings.Contains(body, tc.want) {
				t.Fatalf("status %d (want %d), body contains %q: %v", status, tc.status, tc.want, strings.Contains(body, tc.want))
			}
		})
	}
	if status, _ := page(t, srv, "/wilayah/51.02.06", ""); status != 303 {
		t.Fatalf("signed out: %d, want a redirect to /masuk", status)
	}
}

func TestLetterheadCarriesNamesAndProfilAddress(t *testing.T) {
	a, _ := testApp(t, dbtest.SQLite(t))
	h, err := letterheads{a.wilayah, a.administration}.Letterhead(t.Context(), ownDesa)
	if err != nil {
		t.Fatal(err)
	}
	if h.Kabupaten != "Kabupaten Tabanan" || h.Kecamatan != "Kediri" || h.Desa != "Bengkel" || !strings.Contains(h.Alamat, "Bengkel") {
		t.Fatalf("letterhead = %+v", h)
	}
	// A desa with no profil yet still gets its names.
	h, err = letterheads{a.wilayah, a.administration}.Letterhead(t.Context(), "51.02.10.2001")
	if err != nil || h.Desa != "Belimbing" || h.Alamat != "" {
		t.Fatalf("letterhead without profil = %+v, %v", h, err)
	}
}

// TestWilayahPageNamesOnceAndWritesNumbersTheIndonesianWay: the official
// name of a kabupaten carries its tier word ("Kabupaten Tabanan"), so the
// page must not add another, and its population reads 478.393, not 478393.
func TestWilayahPageNamesOnceAndWritesNumbersTheIndonesianWay(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	bupati := login(t, srv, "bupati@tabanan.test")
	cases := []struct {
		path, want, absent string
	}{
		{"/wilayah/51.02", "<h1>Kabupaten Tabanan</h1>", "Kabupaten Kabupaten"},
		{"/wilayah/51.02", "<title>Kabupaten Tabanan · ngantor</title>", ""},
		{"/wilayah/51.02", "penduduk 478.393", "478393"},
		{"/wilayah/51.02.06", "<h1>Kecamatan Kediri</h1>", ""},
		{"/wilayah/51.02.06.2001", "<h1>Desa Bengkel</h1>", ""},
	}
	for _, tc := range cases {
		status, body := page(t, srv, tc.path, bupati)
		if status != 200 || !strings.Contains(body, tc.want) || tc.absent != "" && strings.Contains(body, tc.absent) {
			t.Errorf("%s: %d, want %q and not %q", tc.path, status, tc.want, tc.absent)
		}
	}
}
