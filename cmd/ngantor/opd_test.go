package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// The demo's OPD accounts are members of the registry's OPD: their role
// comes from the membership and their account carries the OPD's code, as
// cctv's access lists and the dossiers read it.
func TestDemoOPDAccountsAreRegistryMembers(t *testing.T) {
	a, srv := testApp(t, dbtest.SQLite(t))
	ctx := t.Context()
	n := 0
	for _, d := range demoAccounts {
		if d.opd == "" {
			continue
		}
		n++
		u, err := a.auth.UserByEmail(ctx, d.email)
		if err != nil {
			t.Fatal(err)
		}
		o, ok, err := a.opd.OPDOf(ctx, u.ID)
		if err != nil || !ok || o.Kode != d.opd || u.OPD != d.opd {
			t.Errorf("%s: member of %+v (%v %v), account OPD %q; want %s", d.email, o, ok, err, u.OPD, d.opd)
		}
		grants, err := a.authz.Grants(ctx, u.ID)
		if err != nil || len(grants) != 1 || grants[0].Source != "opd:"+o.ID {
			t.Errorf("%s grants %+v %v, want one from the membership", d.email, grants, err)
		}
		tok := login(t, srv, d.email)
		if status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/opd", tok, nil); status != 200 || !strings.Contains(string(raw), `"kode":"DISKOPUKM"`) {
			t.Errorf("%s lists the OPD: %d", d.email, status)
		}
	}
	if n != 4 { // DLH, SATPOLPP, DISKOPUKM, DPMD
		t.Errorf("%d demo OPD accounts, want 4", n)
	}
	// Every OPD a camera's access list may name is one of the registry's,
	// under the same code (cctv's opdKode and opd.KodeDari agree).
	named, err := cctv.DaftarOPD()
	if err != nil || len(named) == 0 {
		t.Fatalf("cctv OPD list: %d %v", len(named), err)
	}
	for _, c := range named {
		if o, err := a.opd.ByKode(ctx, demoKabupaten, c.Kode); err != nil || o.Kode != c.Kode || o.Nama != c.Nama {
			t.Errorf("cctv's OPD %s (%s) is not in the registry: %+v %v", c.Kode, c.Nama, o, err)
		}
	}
	// A second demo seed changes nothing (and fails on nothing).
	if err := a.seedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	admin := login(t, srv, "admin@tabanan.test")
	if status, body := page(t, srv, "/wilayah/51.02", admin); status != 200 || !strings.Contains(body, `href="/wilayah/51.02/opd"`) {
		t.Errorf("the kabupaten page lacks the OPD link: %d", status)
	}
	camat := login(t, srv, "camat.kediri@tabanan.test")
	if status, body := page(t, srv, "/wilayah/51.02.06/opd", camat); status != 200 || !strings.Contains(body, "Dinas Lingkungan Hidup") || strings.Contains(body, "Tambah OPD") {
		t.Errorf("the camat's OPD page: %d", status)
	}
}
