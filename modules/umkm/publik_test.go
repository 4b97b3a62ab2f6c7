package umkm_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// The fixture of the publik part: Bengkel with 28 aktif businesses and a
// closed one, Pangkung Tibah (same kecamatan) with one, a kelurahan of
// Kediri and a desa of another kecamatan with one each that no Kediri page
// may show.
const (
	publikKelurahan tenancy.Kode = "51.02.06.1001"
	publikLain      tenancy.Kode = "51.02.05.2001"
	publikSari                   = "Ni Made Sariasih"
	publikSariNIK                = "5102065203850001"
	publikNIB                    = "9120001234567"
	publikNPWP                   = "123456789012345"
	publikFotoID                 = "01937a6e-0000-7000-8000-0000000000f1"
	publikKeripikID              = "01937a6e-0000-7000-8000-0000000000a1"
)

type publikNames map[tenancy.Kode]string

func (n publikNames) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	if s, ok := n[k]; ok {
		return s, nil
	}
	return "", fault.New(fault.NotFound, "Wilayah tidak ditemukan.")
}

var publikWilayah = publikNames{"51.02": "Tabanan", "51.02.06": "Kediri", "51.02.05": "Baturiti",
	bengkel: "Bengkel", tetangga: "Pangkung Tibah", publikKelurahan: "Abian Tuwung", publikLain: "Lain Kecamatan"}

// publikDesa lists the desa (no kelurahan) inside a code.
type publikDesa struct{}

func (publikDesa) DesaIn(_ context.Context, k tenancy.Kode) ([]umkm.DesaInfo, error) {
	all := []umkm.DesaInfo{{Kode: publikLain, Nama: "Lain Kecamatan", NamaKecamatan: "Baturiti"},
		{Kode: bengkel, Nama: "Bengkel", NamaKecamatan: "Kediri"}, {Kode: tetangga, Nama: "Pangkung Tibah", NamaKecamatan: "Kediri"}}
	if _, err := publikWilayah.Nama(context.Background(), k); err != nil {
		return nil, err
	}
	var out []umkm.DesaInfo
	for _, d := range all {
		if k.Contains(d.Kode) {
			out = append(out, d)
		}
	}
	return out, nil
}

var publikAccounts = map[string]webtest.Grant{
	"camat":     {Role: authz.Camat, Kode: "51.02.06"},
	"camatlain": {Role: authz.Camat, Kode: "51.02.05"},
	"forum":     {Role: authz.ForumPerbekel, Kode: "51.02"},
	"diskop":    {Role: authz.OPD, Kode: "51.02", OPD: "DISKOPUKM"},
	"bupati":    {Role: authz.Bupati, Kode: "51.02"},
	"perbekel":  {Role: authz.Perbekel, Kode: bengkel},
}

type publikEnv struct {
	site *webtest.Site
	api  *webtest.API
	m    *umkm.Module
}

func newPublik(t *testing.T, d *db.DB) publikEnv {
	t.Helper()
	az := &webtest.Accounts{Users: publikAccounts, Templates: umkm.Templates()}
	site := webtest.NewSite(t, d, az)
	m := umkm.New(umkm.Deps{DB: d, Web: site.Web, Authz: az, Audit: site.Audit, Names: publikWilayah, Desa: publikDesa{},
		Logger: webtest.Discard, Clock: func() time.Time { return now }})
	m.Routes(site.Mux)
	return publikEnv{site: site, m: m, api: webtest.NewAPI(m.Register, az, func() time.Time { return now })}
}

func publikUsaha(desa tenancy.Kode, id, nama, sektor, kbli, status string) *umkm.Umkm {
	u := usaha(desa, id, "")
	u.Nama, u.Sektor, u.KBLI, u.Status = nama, sektor, kbli, status
	u.PemilikNama, u.PemilikNIK = "I Ketut Pemilik Lain", "5102061203800002"
	u.WhatsApp, u.Dusun = "", "Sedahan"
	return u
}

func publikID(n int) string { return fmt.Sprintf("01937a6e-0000-7000-8000-%012d", n) }

func publikSeed(t *testing.T, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	keripik := usaha(bengkel, publikKeripikID, publikNIB)
	keripik.PemilikNama, keripik.PemilikNIK, keripik.NPWP, keripik.Dusun = publikSari, publikSariNIK, publikNPWP, "Bengkel Kangin"
	keripik.Nama = "Keripik Singkong Bu Sari"
	rows := []any{keripik,
		&umkm.Produk{DesaID: bengkel.ID(), ID: publikID(9001), UmkmID: publikKeripikID, Nama: "Keripik singkong pedas", Harga: 15_000, Satuan: "bungkus", FotoKey: "umkm/p.jpg", CreatedAt: now, UpdatedAt: now},
		&umkm.Foto{DesaID: bengkel.ID(), ID: publikFotoID, UmkmID: publikKeripikID, BlobKey: "umkm/a.jpg", ThumbnailKey: "umkm/a-kecil.jpg", CreatedAt: now},
		&umkm.Bantuan{DesaID: bengkel.ID(), ID: publikID(9002), UmkmID: publikKeripikID, OPDKode: "DISKOPUKM", Tahun: 2025, Uraian: "Pelatihan pengemasan rahasia", CreatedAt: now},
		publikUsaha(bengkel, publikID(9010), "Bengkel Motor Jaya", "G", "45405", umkm.StatusAktif),
		&umkm.Produk{DesaID: bengkel.ID(), ID: publikID(9011), UmkmID: publikID(9010), Nama: "Ganti oli mesin", Harga: 55_000, Satuan: "kali", CreatedAt: now, UpdatedAt: now},
		publikUsaha(bengkel, publikID(9020), "Warung Tutup Lama", "I", "56102", umkm.StatusTutup),
	}
	for i := range 26 {
		rows = append(rows, publikUsaha(bengkel, publikID(100+i), fmt.Sprintf("Usaha Nomor %02d", i), "I", "56102", umkm.StatusAktif))
	}
	if err := insert(ctx, d, bengkel, rows...); err != nil {
		t.Fatal(err)
	}
	bd := &umkm.BUMDes{DesaID: bengkel.ID(), Nama: "BUM Desa Bengkel Sejahtera", Klasifikasi: "berkembang", KlasifikasiTahun: 2024,
		KlasifikasiSumber: "Kepmendesa PDTT 7/2023", TenagaKerja: 5, CreatedAt: now, UpdatedAt: now}
	if err := insert(ctx, d, bengkel, bd,
		&umkm.TahunBUMDes{DesaID: bengkel.ID(), Tahun: 2024, Omzet: 100_000_000, PADes: 5_000_000, UpdatedAt: now},
		&umkm.TahunBUMDes{DesaID: bengkel.ID(), Tahun: 2025, Omzet: 240_000_000, Laba: 30_000_000, PADes: 12_000_000, PenyertaanModal: 50_000_000, Aset: 900_000_000, UpdatedAt: now},
	); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		desa tenancy.Kode
		nama string
	}{{tetangga, "Tenun Tetangga Asri"}, {publikKelurahan, "Usaha Kelurahan Terlarang"}, {publikLain, "Usaha Kecamatan Lain"}} {
		if err := insert(ctx, d, s.desa, publikUsaha(s.desa, publikID(int(s.desa.ID()%100000)), s.nama, "C", "13121", umkm.StatusAktif)); err != nil {
			t.Fatal(err)
		}
	}
}

// personal is what no public page may print of the fixture's owners.
var publikPersonal = []string{publikSari, valid.MaskName(publikSari), publikSariNIK, valid.MaskNIK(publikSariNIK),
	publikNIB, publikNPWP, "I Ketut Pemilik Lain", "5102061203800002", "Pelatihan pengemasan rahasia"}

func TestKatalogDesaShowsBusinessesAndNoPersonalData(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		publikSeed(t, d)
		e := newPublik(t, d)
		resp, body := e.site.Do(http.MethodGet, "/publik/desa/51.02.06.2001/umkm", "", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public, max-age=") {
			t.Errorf("Cache-Control %q", cc)
		}
		webtest.MustContain(t, "catalogue", body, "UMKM Desa Bengkel", "Keripik Singkong Bu Sari", "Keripik singkong pedas",
			"Rp 15.000", "/bungkus", "Bengkel Kangin", "Industri Pengolahan", "https://wa.me/6281234567890",
			umkm.FotoURL(true, string(bengkel), publikKeripikID, publikFotoID, true),
			umkm.ProdukFotoURL(true, string(bengkel), publikKeripikID, publikID(9001), true), "Bengkel Motor Jaya", "Ganti oli mesin")
		webtest.MustNotContain(t, "catalogue", body, publikPersonal...)
		webtest.MustNotContain(t, "catalogue", body, "Warung Tutup Lama", "Tenun Tetangga Asri", "Usaha Kelurahan Terlarang",
			"Usaha Kecamatan Lain", `"/desa/51.02.06.2001/umkm/`)
		// Bengkel Motor has no photo: no photo address names it.
		webtest.MustNotContain(t, "catalogue", body, "/publik/desa/51.02.06.2001/umkm/"+publikID(9010)+"/foto")
		if n := strings.Count(body, `<li class="kartu">`); n != 20 {
			t.Errorf("first page shows %d businesses, want 20", n)
		}
		webtest.MustContain(t, "catalogue", body, `href="/publik/desa/51.02.06.2001/umkm?hal=2"`)
		webtest.MustNotContain(t, "catalogue", body, `rel="prev"`)

		_, body = e.site.Want(http.StatusOK, http.MethodGet, "/publik/desa/51.02.06.2001/umkm?hal=2", "", nil)
		// 28 aktif: 8 on page 2, which links back and not on.
		if n := strings.Count(body, `<li class="kartu">`); n != 8 {
			t.Errorf("second page shows %d businesses, want 8", n)
		}
		webtest.MustContain(t, "page 2", body, `rel="prev"`, "Usaha Nomor 25", "Halaman 2")
		webtest.MustNotContain(t, "page 2", body, `rel="next"`, "Keripik Singkong Bu Sari")
	})
}

func TestKatalogSearchesNameAndProductAndFiltersSektor(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		publikSeed(t, d)
		e := newPublik(t, d)
		for _, c := range []struct {
			query     string
			want, not []string
		}{
			{"q=pedas", []string{"Keripik Singkong Bu Sari"}, []string{"Bengkel Motor Jaya", "Usaha Nomor"}},
			{"q=OLI", []string{"Bengkel Motor Jaya"}, []string{"Keripik Singkong Bu Sari"}},
			{"q=keripik", []string{"Keripik Singkong Bu Sari"}, []string{"Bengkel Motor Jaya"}},
			{"q=100%25", []string{"Tidak ada usaha yang cocok"}, []string{"Keripik Singkong Bu Sari"}},
			{"q=tutup", []string{"Tidak ada usaha yang cocok"}, []string{"Warung Tutup Lama"}},
			{"sektor=G", []string{"Bengkel Motor Jaya", `<option value="G" selected>`}, []string{"Keripik Singkong Bu Sari", "Usaha Nomor"}},
			{"sektor=C&q=motor", []string{"Tidak ada usaha yang cocok"}, []string{"Bengkel Motor Jaya"}},
			{"sektor=zz", []string{"Keripik Singkong Bu Sari", "Bengkel Motor Jaya"}, nil},
			{"hal=-3", []string{"Keripik Singkong Bu Sari", "Halaman 1"}, nil},
		} {
			_, body := e.site.Want(http.StatusOK, http.MethodGet, "/publik/desa/51.02.06.2001/umkm?"+c.query, "", nil)
			webtest.MustContain(t, c.query, body, c.want...)
			webtest.MustNotContain(t, c.query, body, c.not...)
		}
		// The sektor filter offers the sektor in use by aktif businesses only.
		_, body := e.site.Want(http.StatusOK, http.MethodGet, "/publik/desa/51.02.06.2001/umkm", "", nil)
		webtest.MustContain(t, "filter", body, `<option value="C">Industri Pengolahan</option>`, `<option value="G">`, `<option value="I">`)
		webtest.MustNotContain(t, "filter", body, `<option value="A">`)
	})
}

func TestKatalogUnknownWilayahIs404InBahasa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newPublik(t, d)
		for _, path := range []string{"/publik/desa/51.02.06.2099/umkm", "/publik/desa/" + string(publikKelurahan) + "/umkm",
			"/publik/desa/bukan-kode/umkm", "/publik/desa/51.02.06/umkm", "/publik/kecamatan/51.02.06.2001/umkm",
			"/publik/kecamatan/51.02.99/umkm"} {
			resp, body := e.site.Do(http.MethodGet, path, "", nil)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, resp.StatusCode)
			}
			webtest.MustContain(t, path, body, "Wilayah tidak ditemukan", `lang="id"`)
			if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("%s: Cache-Control %q", path, cc)
			}
		}
	})
}

func TestKatalogKecamatanCoversOnlyItsDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		publikSeed(t, d)
		e := newPublik(t, d)
		_, body := e.site.Want(http.StatusOK, http.MethodGet, "/publik/kecamatan/51.02.06/umkm?sektor=C", "", nil)
		webtest.MustContain(t, "kecamatan", body, "UMKM Kecamatan Kediri", "Keripik Singkong Bu Sari", "Tenun Tetangga Asri",
			"Desa Pangkung Tibah", `<option value="51.02.06.2002">Pangkung Tibah</option>`)
		webtest.MustNotContain(t, "kecamatan", body, "Usaha Kelurahan Terlarang", "Usaha Kecamatan Lain", "Lain Kecamatan")
		webtest.MustNotContain(t, "kecamatan", body, publikPersonal...)

		_, body = e.site.Want(http.StatusOK, http.MethodGet, "/publik/kecamatan/51.02.06/umkm?desa=51.02.06.2002", "", nil)
		webtest.MustContain(t, "one desa", body, "Tenun Tetangga Asri", `<option value="51.02.06.2002" selected>`)
		webtest.MustNotContain(t, "one desa", body, "Keripik Singkong Bu Sari")
		// A desa of another kecamatan named in the filter is ignored.
		_, body = e.site.Want(http.StatusOK, http.MethodGet, "/publik/kecamatan/51.02.06/umkm?desa=51.02.05.2001&sektor=C", "", nil)
		webtest.MustNotContain(t, "foreign desa", body, "Usaha Kecamatan Lain")
		webtest.MustContain(t, "foreign desa", body, "Tenun Tetangga Asri")
	})
}
