package opd_test

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/ngantor/ngantor/modules/opd"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// grantLog records grants (the pages' authorization is webtest's).
type grantLog struct {
	mu  sync.Mutex
	now map[string]authz.Grant
}

func (g *grantLog) Grant(_ context.Context, x authz.Grant) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.now[x.UserID] = x
	return nil
}

func (g *grantLog) Revoke(_ context.Context, x authz.Grant) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.now, x.UserID)
	return nil
}

func TestPagesListForReadersAndManageForTheAdmin(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		az := &webtest.Accounts{Templates: opd.Templates(), Title: "Nama ", Users: map[string]webtest.Grant{
			"admin": {Role: authz.AdminKabupaten, Kode: "51.02"},
			"camat": {Role: authz.Camat, Kode: "51.02.06"},
			"putu":  {Role: authz.Perbekel, Kode: "51.02.06.2001"},
		}}
		site := webtest.NewSite(t, d, az)
		users := auth.New(auth.Deps{DB: d, Logger: webtest.Discard})
		grants := &grantLog{now: map[string]authz.Grant{}}
		m := opd.New(opd.Deps{DB: d, Web: site.Web, Grants: grants, Users: users, Logger: webtest.Discard})
		m.Routes(site.Mux)
		if err := m.SeedReference(context.Background()); err != nil {
			t.Fatal(err)
		}
		dlh, err := m.ByKode(context.Background(), "51.02", "DLH")
		if err != nil {
			t.Fatal(err)
		}

		_, body := site.Want(200, http.MethodGet, "/wilayah/51.02/opd", "admin", nil)
		webtest.MustContain(t, "admin's list", body, "Dinas Lingkungan Hidup Kabupaten Tabanan", "kode DLH", "lingkungan hidup, persampahan",
			"Tambah OPD", "/wilayah/51.02/opd/"+dlh.ID, "0 anggota")
		_, body = site.Want(200, http.MethodGet, "/wilayah/51.02.06/opd", "camat", nil)
		webtest.MustContain(t, "camat's list", body, "Satuan Polisi Pamong Praja", "kode SATPOLPP")
		webtest.MustNotContain(t, "camat's list", body, "Tambah OPD", "Ubah dan kelola anggota")
		site.Want(403, http.MethodGet, "/wilayah/51.02/opd", "camat", nil)
		site.Want(403, http.MethodGet, "/wilayah/51.02/opd/"+dlh.ID, "camat", nil)
		site.Want(403, http.MethodPost, "/wilayah/51.02/opd", "camat", url.Values{"nama": {"Dinas X"}})

		// The form refuses what the API refuses, and keeps what was typed.
		_, body = site.Want(409, http.MethodPost, "/wilayah/51.02/opd", "admin",
			url.Values{"nama": {"Dinas Baru"}, "kode": {"DLH"}, "jenis": {"dinas"}, "aktif": {"ya"}})
		webtest.MustContain(t, "refused add", body, "sudah dipakai")
		_, body = site.Want(422, http.MethodPost, "/wilayah/51.02/opd", "admin",
			url.Values{"nama": {"Dinas Baru"}, "jenis": {"kantor"}, "aktif": {"ya"}})
		webtest.MustContain(t, "refused add", body, "Jenis OPD harus", `value="Dinas Baru"`)
		loc, _ := site.Want(303, http.MethodPost, "/wilayah/51.02/opd", "admin",
			url.Values{"nama": {"Dinas Pemadam Kebakaran"}, "singkatan": {"Damkar"}, "jenis": {"dinas"}, "urusan": {"kebakaran\npenyelamatan"}, "aktif": {"ya"}})
		if loc != "/wilayah/51.02/opd?pesan=ditambah" {
			t.Errorf("add redirects to %q", loc)
		}
		damkar, err := m.ByKode(context.Background(), "51.02", "DAMKAR")
		if err != nil || len(damkar.Urusan) != 2 {
			t.Fatalf("added %+v %v", damkar, err)
		}

		// Edit and members on the OPD's page.
		page := "/wilayah/51.02/opd/" + dlh.ID
		site.Want(303, http.MethodPost, page, "admin", url.Values{"nama": {"Dinas Lingkungan Hidup"}, "singkatan": {"DLH"}, "jenis": {"dinas"}, "urusan": {"persampahan"}, "aktif": {"ya"}})
		site.Want(303, http.MethodPost, page+"/anggota", "admin", url.Values{"email": {"putu@desa.example"}})
		_, body = site.Want(200, http.MethodGet, page, "admin", nil)
		webtest.MustContain(t, "OPD page", body, "Dinas Lingkungan Hidup", "Nama putu", "putu@desa.example", "Keluarkan")
		u, _ := users.UserByEmail(context.Background(), "putu@desa.example")
		if u.OPD != "DLH" || grants.now[u.ID].Role != authz.OPD {
			t.Errorf("after joining: OPD %q, grant %+v", u.OPD, grants.now[u.ID])
		}
		_, body = site.Want(409, http.MethodPost, "/wilayah/51.02/opd/"+damkar.ID+"/anggota", "admin", url.Values{"email": {"putu@desa.example"}})
		webtest.MustContain(t, "second OPD", body, "hanya boleh menjadi anggota satu OPD")
		site.Want(303, http.MethodPost, page+"/anggota/"+u.ID+"/hapus", "admin", nil)
		if u, _ := users.UserByEmail(context.Background(), "putu@desa.example"); u.OPD != "" {
			t.Errorf("after leaving: OPD %q", u.OPD)
		}
		if _, ok := grants.now[u.ID]; ok {
			t.Error("grant kept after leaving")
		}
	})
}
