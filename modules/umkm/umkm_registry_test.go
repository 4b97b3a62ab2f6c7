package umkm_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// penulis is a role of these tests only: it writes the registry without
// seeing the owners in full, so the masked edit form can be proven.
const penulis authz.Role = "penulis_uji"

type registri struct {
	m     *umkm.Module
	api   *webtest.API
	site  *webtest.Site
	audit *webtest.Audit
}

func siapkanRegistri(t *testing.T, d *db.DB) registri {
	t.Helper()
	tpl := umkm.Templates()
	tpl[penulis] = []authz.Permission{umkm.PermRead, umkm.PermTulis}
	az := &webtest.Accounts{Templates: tpl, Users: map[string]webtest.Grant{
		"operator": {Role: authz.Operator, Kode: bengkel},
		"kasi":     {Role: authz.Kasi, Kode: bengkel},
		"kaur":     {Role: authz.KaurKeuangan, Kode: bengkel},
		"camat":    {Role: authz.Camat, Kode: "51.02.06"},
		"opd":      {Role: authz.OPD, Kode: "51.02", OPD: "DISKOPUKM"},
		"forum":    {Role: authz.ForumPerbekel, Kode: "51.02.06"},
		"tetangga": {Role: authz.Operator, Kode: tetangga},
		"penulis":  {Role: penulis, Kode: bengkel},
	}}
	site := webtest.NewSite(t, d, az)
	clock := func() time.Time { return now }
	m := umkm.New(umkm.Deps{DB: d, Web: site.Web, Authz: az, Audit: site.Audit, Logger: webtest.Discard, Clock: clock})
	m.Routes(site.Mux)
	api := webtest.NewAPI(m.Register, az, clock, func(h *httpserver.Deps) { h.Audit = site.Audit })
	return registri{m: m, api: api, site: site, audit: site.Audit}
}

const nikSari = "5102065203850001"

func dataSari() map[string]any {
	return map[string]any{"nama": "Keripik Singkong Bu Sari", "pemilik_nama": "Ni Made Sari", "pemilik_nik": nikSari,
		"nib": "9120 0012 34567", "kbli": "10794", "tenaga_kerja": 3, "skala": "mikro", "dusun": "Banjar Tegal",
		"whatsapp": "0812-3456-7890"}
}

func formSari() url.Values {
	return url.Values{"nama": {"Keripik Singkong Bu Sari"}, "pemilik_nama": {"Ni Made Sari"}, "pemilik_nik": {nikSari},
		"nib": {"9120001234567"}, "kbli": {"10794"}, "tenaga_kerja": {"3"}, "skala": {"mikro"}, "dusun": {"Banjar Tegal"},
		"whatsapp": {"0812-3456-7890"}, "status": {"aktif"}}
}

func (r registri) buat(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	code, out := r.api.JSON(t, http.MethodPost, "/desa/"+string(bengkel)+"/umkm", "operator", body)
	if code != http.StatusCreated {
		t.Fatalf("create: %d %v", code, out)
	}
	return out
}

func lokasi(body map[string]any) []string {
	var out []string
	list, _ := body["errors"].([]any)
	for _, e := range list {
		if loc, _ := e.(map[string]any)["location"].(string); loc != "" {
			out = append(out, loc)
		}
	}
	return out
}

func pesan(body map[string]any) []string {
	var out []string
	list, _ := body["errors"].([]any)
	for _, e := range list {
		if msg, _ := e.(map[string]any)["message"].(string); msg != "" {
			out = append(out, msg)
		}
	}
	return out
}

// The API and the page refuse the same input with the same Bahasa
// messages, field by field: one validation (UmkmData.Validate).
func TestUmkmSameValidationOnPageAndAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := siapkanRegistri(t, d)
		body := dataSari()
		body["nib"], body["kbli"], body["pemilik_nik"], body["whatsapp"], body["skala"] = "912000123456", "1079", "12345", "12", "besar"
		code, out := r.api.JSON(t, http.MethodPost, "/desa/"+string(bengkel)+"/umkm", "operator", body)
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("API: %d %v", code, out)
		}
		for _, f := range []string{"body.nib", "body.kbli", "body.pemilik_nik", "body.whatsapp", "body.skala"} {
			if !slices.Contains(lokasi(out), f) {
				t.Errorf("API errors %v lack %s", lokasi(out), f)
			}
		}
		form := formSari()
		form.Set("nib", "912000123456")
		form.Set("kbli", "1079")
		form.Set("pemilik_nik", "12345")
		form.Set("whatsapp", "12")
		form.Set("skala", "besar")
		_, page := r.site.Want(http.StatusUnprocessableEntity, http.MethodPost, "/desa/"+string(bengkel)+"/umkm", "operator", form)
		page = html.UnescapeString(page)
		for _, msg := range pesan(out) {
			if !strings.Contains(page, strings.TrimSuffix(msg, ".")) {
				t.Errorf("page lacks the API's message %q", msg)
			}
		}
		webtest.MustContain(t, "refilled form", page, `value="912000123456"`, `value="Keripik Singkong Bu Sari"`)
		// A number the page cannot read is its own message, with the rest.
		form.Set("tenaga_kerja", "tiga")
		_, page = r.site.Want(http.StatusUnprocessableEntity, http.MethodPost, "/desa/"+string(bengkel)+"/umkm", "operator", form)
		webtest.MustContain(t, "unreadable number", page, "Tenaga kerja harus bilangan bulat", "NIB harus 13 angka")
		if len(r.audit.Entries()) != 0 {
			t.Errorf("refused forms were recorded: %v", r.audit.Actions())
		}
	})
}

// The owner is shown in full to the desa roles that keep the registry
// and masked to every other reader; forum_perbekel reads nothing; the
// full NIK through the API needs pribadi=true, which only they may ask and
// which is recorded.
func TestUmkmOwnerMaskedPerRole(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := siapkanRegistri(t, d)
		u := r.buat(t, dataSari())
		id := u["id"].(string)
		path := "/desa/" + string(bengkel) + "/umkm/" + id
		if u["sektor"] != "C" || u["nib"] != "9120001234567" || u["whatsapp"] != "+6281234567890" {
			t.Errorf("created: %v", u)
		}
		for _, c := range []struct {
			user  string
			penuh bool
		}{{"operator", true}, {"kasi", true}, {"camat", false}, {"opd", false}, {"kaur", false}} {
			code, out := r.api.JSON(t, http.MethodGet, path, c.user, nil)
			if code != http.StatusOK {
				t.Fatalf("%s: %d %v", c.user, code, out)
			}
			if got := out["pemilik_nama"] == "Ni Made Sari"; got != c.penuh {
				t.Errorf("%s sees owner %q", c.user, out["pemilik_nama"])
			}
			if out["pemilik_nik"] == nikSari || out["pemilik_nik_lengkap"] != nil {
				t.Errorf("%s sees the NIK without pribadi=true: %v", c.user, out)
			}
			_, list := r.api.JSON(t, http.MethodGet, "/desa/"+string(bengkel)+"/umkm", c.user, nil)
			if strings.Contains(fmt.Sprint(list), "Ni Made Sari") != c.penuh || strings.Contains(fmt.Sprint(list), nikSari) {
				t.Errorf("%s list: %v", c.user, list)
			}
			_, page := r.site.Want(http.StatusOK, http.MethodGet, path, c.user, nil)
			if strings.Contains(page, nikSari) != c.penuh || strings.Contains(page, "Ni Made Sari") != c.penuh {
				t.Errorf("%s page shows the owner in full: %v", c.user, !c.penuh)
			}
			if !c.penuh {
				webtest.MustContain(t, c.user+" page", page, "5102**********01", "disamarkan")
			}
			code, _ = r.api.JSON(t, http.MethodGet, path+"?pribadi=true", c.user, nil)
			if (code == http.StatusOK) != c.penuh || (!c.penuh && code != http.StatusForbidden) {
				t.Errorf("%s pribadi=true: %d", c.user, code)
			}
		}
		before := len(r.audit.Entries())
		_, out := r.api.JSON(t, http.MethodGet, path+"?pribadi=true", "kasi", nil)
		if out["pemilik_nik_lengkap"] != nikSari {
			t.Errorf("pribadi=true: %v", out)
		}
		_, list := r.api.JSON(t, http.MethodGet, "/desa/"+string(bengkel)+"/umkm?pribadi=true", "kasi", nil)
		if !strings.Contains(fmt.Sprint(list), nikSari) {
			t.Errorf("list pribadi=true: %v", list)
		}
		got := r.audit.Entries()[before:]
		if len(got) != 2 || got[0].Action != "get-umkm-pribadi" || got[1].Action != "list-umkm-pribadi" || got[0].Kode != bengkel {
			t.Errorf("pribadi reads recorded as %+v", got)
		}
		for _, p := range []string{path, "/desa/" + string(bengkel) + "/umkm"} {
			if code, _ := r.api.JSON(t, http.MethodGet, p, "forum", nil); code != http.StatusForbidden {
				t.Errorf("forum API %s: %d", p, code)
			}
			if resp, _ := r.site.Do(http.MethodGet, p, "forum", nil); resp.StatusCode != http.StatusForbidden {
				t.Errorf("forum page %s: %d", p, resp.StatusCode)
			}
		}
	})
}

// Another desa's operator reads and writes nothing of Bengkel; Bengkel's
// operator cannot reach the neighbour's UMKM through Bengkel's address.
func TestUmkmCrossDesaRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := siapkanRegistri(t, d)
		id := r.buat(t, dataSari())["id"].(string)
		base := "/desa/" + string(bengkel) + "/umkm"
		for _, c := range []struct {
			method, path string
			body         any
		}{{http.MethodGet, base, nil}, {http.MethodGet, base + "/" + id, nil}, {http.MethodPost, base, dataSari()},
			{http.MethodPost, base + "/" + id + "/produk", map[string]any{"nama": "Keripik", "harga": 1000, "satuan": "bungkus"}}} {
			if code, _ := r.api.JSON(t, c.method, c.path, "tetangga", c.body); code != http.StatusForbidden {
				t.Errorf("tetangga %s %s: %d", c.method, c.path, code)
			}
		}
		if resp, _ := r.site.Do(http.MethodGet, base+"/"+id, "tetangga", nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("tetangga page: %d", resp.StatusCode)
		}
		// the neighbour's own UMKM, asked for under Bengkel's code
		code, out := r.api.JSON(t, http.MethodPost, "/desa/"+string(tetangga)+"/umkm", "tetangga", dataSari())
		if code != http.StatusCreated {
			t.Fatalf("tetangga create: %d %v", code, out)
		}
		asing := out["id"].(string)
		for _, p := range []string{base + "/" + asing, base + "/" + asing + "/produk", base + "/" + asing + "/bantuan", base + "/bukan-uuid"} {
			if code, _ := r.api.JSON(t, http.MethodGet, p, "operator", nil); code != http.StatusNotFound {
				t.Errorf("operator GET %s: %d", p, code)
			}
		}
		if resp, _ := r.site.Do(http.MethodGet, base+"/"+asing, "operator", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("operator page of the neighbour's UMKM: %d", resp.StatusCode)
		}
	})
}

// The list page searches by business or product name, filters by sektor,
// skala and status, counts per status and pages by 25.
func TestUmkmListSearchFilterPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := siapkanRegistri(t, d)
		ctx := webtest.DesaCtx(bengkel)
		for i := range 30 {
			in := umkm.UmkmData{Nama: fmt.Sprintf("Warung %02d", i), PemilikNama: "Ni Made Sari", PemilikNIK: nikSari,
				KBLI: "47111", Skala: umkm.SkalaMikro, Status: umkm.StatusAktif}
			if i%10 == 0 {
				in.Status = umkm.StatusTutup
			}
			if _, err := r.m.TambahUmkm(ctx, in); err != nil {
				t.Fatal(err)
			}
		}
		kopi, err := r.m.TambahUmkm(ctx, umkm.UmkmData{Nama: "Kedai Bali", PemilikNama: "I Wayan Sudi", PemilikNIK: nikSari,
			Sektor: "I", Skala: umkm.SkalaKecil})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.m.TambahProduk(ctx, kopi.ID, umkm.ProdukData{Nama: "Kopi Robusta Pupuan", Harga: 25_000, Satuan: "bungkus"}); err != nil {
			t.Fatal(err)
		}
		base := "/desa/" + string(bengkel) + "/umkm"
		_, page := r.site.Want(http.StatusOK, http.MethodGet, base, "camat", nil)
		if n := strings.Count(page, `<li>`); n != 25 {
			t.Errorf("first page has %d rows", n)
		}
		webtest.MustContain(t, "list", page, "Semua (31)", "Aktif (28)", "Tutup (3)", `id="lanjut"`, "Kedai Bali")
		webtest.MustNotContain(t, "camat list", page, "Tambah UMKM", "Ni Made Sari")
		next := html.UnescapeString(page[strings.Index(page, `id="lanjut"`)-200:])
		next = next[strings.Index(next, `href="`)+6:]
		next = next[:strings.Index(next, `"`)]
		_, page2 := r.site.Want(http.StatusOK, http.MethodGet, next, "camat", nil)
		if n := strings.Count(page2, `<li>`); n != 6 {
			t.Errorf("second page has %d rows", n)
		}
		webtest.MustNotContain(t, "second page", page2, `id="lanjut"`)
		_, page = r.site.Want(http.StatusOK, http.MethodGet, base+"?q=robusta", "kaur", nil)
		if strings.Count(page, "<li>") != 1 || !strings.Contains(page, "Kedai Bali") {
			t.Errorf("search by product: %s", page)
		}
		_, page = r.site.Want(http.StatusOK, http.MethodGet, base+"?sektor=I&skala=kecil", "kaur", nil)
		if strings.Count(page, "<li>") != 1 {
			t.Errorf("filter sektor+skala: %d rows", strings.Count(page, "<li>"))
		}
		webtest.MustContain(t, "filtered counts", page, "Semua (1)", "Tutup (0)")
		_, page = r.site.Want(http.StatusOK, http.MethodGet, base+"?status=tutup", "kaur", nil)
		if strings.Count(page, "<li>") != 3 {
			t.Errorf("status tutup: %d rows", strings.Count(page, "<li>"))
		}
		_, page = r.site.Want(http.StatusOK, http.MethodGet, base+"?q=tidak-ada", "kaur", nil)
		webtest.MustContain(t, "empty search", page, "Tidak ada UMKM yang cocok")
		_, page = r.site.Want(http.StatusOK, http.MethodGet, base+"?cursor=rusak", "kaur", nil)
		if strings.Count(page, "<li>") != 25 {
			t.Errorf("a mangled cursor: %d rows", strings.Count(page, "<li>"))
		}
		// the API pages the same way
		code, out := r.api.JSON(t, http.MethodGet, base+"?limit=20&status=aktif", "opd", nil)
		items, _ := out["items"].([]any)
		if code != http.StatusOK || len(items) != 20 || out["next_cursor"] == nil {
			t.Errorf("API page: %d %d %v", code, len(items), out["next_cursor"])
		}
		if code, _ := r.api.JSON(t, http.MethodGet, base+"?sektor=Z", "opd", nil); code != http.StatusUnprocessableEntity {
			t.Errorf("sektor Z: %d", code)
		}
	})
}

// An edit based on a stale read is refused, on the API and the page; a
// masked NIK or name sent back never replaces the stored owner.
func TestUmkmConcurrencyAndMaskedNIKKept(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := siapkanRegistri(t, d)
		u := r.buat(t, dataSari())
		id := u["id"].(string)
		path := "/desa/" + string(bengkel) + "/umkm/" + id
		body := dataSari()
		body["diubah"] = u["diubah"]
		body["tenaga_kerja"] = 5
		body["pemilik_nik"] = "5102**********01"
		code, out := r.api.JSON(t, http.MethodPut, path, "operator", body)
		if code != http.StatusOK || out["tenaga_kerja"] != float64(5) {
			t.Fatalf("PUT: %d %v", code, out)
		}
		body["tenaga_kerja"] = 6
		if code, out := r.api.JSON(t, http.MethodPut, path, "operator", body); code != http.StatusConflict ||
			!strings.Contains(fmt.Sprint(out["detail"]), "baru saja diubah") {
			t.Errorf("stale PUT: %d %v", code, out)
		}
		_, full := r.api.JSON(t, http.MethodGet, path+"?pribadi=true", "operator", nil)
		if full["pemilik_nik_lengkap"] != nikSari || full["tenaga_kerja"] != float64(5) {
			t.Errorf("after masked PUT: %v", full)
		}

		// the page of a writer without PermPribadi: masked owner, kept
		_, form := r.site.Want(http.StatusOK, http.MethodGet, path+"/ubah", "penulis", nil)
		webtest.MustNotContain(t, "masked edit form", form, nikSari, "Ni Made Sari")
		diubah := html.UnescapeString(form[strings.Index(form, `name="diubah" value="`)+21:])
		diubah = diubah[:strings.Index(diubah, `"`)]
		f := formSari()
		f.Set("pemilik_nik", "5102**********01")
		f.Set("pemilik_nama", "N* M*** S***")
		f.Set("nama", "Keripik Bu Sari")
		f.Set("diubah", diubah)
		if code, loc := r.site.Page(http.MethodPost, path, "penulis", f); code != http.StatusSeeOther || !strings.Contains(loc, "tersimpan=ubah") {
			t.Fatalf("masked page edit: %d %s", code, loc)
		}
		_, full = r.api.JSON(t, http.MethodGet, path+"?pribadi=true", "kasi", nil)
		if full["pemilik_nik_lengkap"] != nikSari || full["pemilik_nama"] != "Ni Made Sari" || full["nama"] != "Keripik Bu Sari" {
			t.Errorf("after the masked page edit: %v", full)
		}
		// the same form again is stale now
		_, page := r.site.Want(http.StatusConflict, http.MethodPost, path, "penulis", f)
		webtest.MustContain(t, "stale page edit", page, "baru saja diubah")

		// a pribadi holder edits the NIK in full
		_, form = r.site.Want(http.StatusOK, http.MethodGet, path+"/ubah", "kasi", nil)
		webtest.MustContain(t, "full edit form", form, nikSari, "Ni Made Sari")
		diubah = html.UnescapeString(form[strings.Index(form, `name="diubah" value="`)+21:])
		diubah = diubah[:strings.Index(diubah, `"`)]
		f = formSari()
		f.Set("pemilik_nik", "5102061203900002")
		f.Set("diubah", diubah)
		r.site.Want(http.StatusSeeOther, http.MethodPost, path, "kasi", f)
		_, full = r.api.JSON(t, http.MethodGet, path+"?pribadi=true", "kasi", nil)
		if full["pemilik_nik_lengkap"] != "5102061203900002" {
			t.Errorf("NIK edit: %v", full["pemilik_nik_lengkap"])
		}
	})
}

// Every write of the registry, products and assistance is recorded,
// from the API and the pages; products show their price in rupiah and
// assistance its OPD.
func TestUmkmProdukBantuanAndAudit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := siapkanRegistri(t, d)
		base := "/desa/" + string(bengkel) + "/umkm"
		loc, _ := r.site.Want(http.StatusSeeOther, http.MethodPost, base, "operator", formSari())
		path := strings.SplitN(loc, "?", 2)[0]
		id := path[strings.LastIndex(path, "/")+1:]
		r.site.Want(http.StatusSeeOther, http.MethodPost, path+"/produk", "operator",
			url.Values{"nama": {"Keripik pedas 250 g"}, "harga": {"Rp 15.000"}, "satuan": {"bungkus"}})
		_, page := r.site.Want(http.StatusUnprocessableEntity, http.MethodPost, path+"/produk", "operator",
			url.Values{"nama": {"X"}, "harga": {"lima ribu"}, "satuan": {""}})
		webtest.MustContain(t, "bad product", page, "Harga harus bilangan bulat", `value="lima ribu"`)
		code, out := r.api.JSON(t, http.MethodPost, "/desa/"+string(bengkel)+"/umkm/"+id+"/produk", "operator",
			map[string]any{"nama": "Keripik manis", "harga": umkm.MaxHarga + 1, "satuan": "bungkus"})
		if code != http.StatusUnprocessableEntity {
			t.Errorf("price above bound: %d %v", code, out)
		}
		_, out = r.api.JSON(t, http.MethodPost, "/desa/"+string(bengkel)+"/umkm/"+id+"/produk", "operator",
			map[string]any{"nama": "Keripik manis", "harga": 12000, "satuan": "bungkus"})
		pid := out["id"].(string)
		if code, out := r.api.JSON(t, http.MethodPut, "/desa/"+string(bengkel)+"/umkm/"+id+"/produk/"+pid, "operator",
			map[string]any{"nama": "Keripik manis", "harga": 13000, "satuan": "bungkus"}); code != http.StatusOK || out["harga"] != float64(13000) {
			t.Errorf("update product: %d %v", code, out)
		}
		r.site.Want(http.StatusSeeOther, http.MethodPost, path+"/bantuan", "operator",
			url.Values{"opd_kode": {"DISKOPUKM"}, "tahun": {"2025"}, "uraian": {"Pelatihan pengemasan"}})
		_, page = r.site.Want(http.StatusUnprocessableEntity, http.MethodPost, path+"/bantuan", "operator",
			url.Values{"opd_kode": {"DISPAR"}, "tahun": {"2027"}, "uraian": {"Pameran"}})
		webtest.MustContain(t, "future assistance", page, "Tahun bantuan")
		_, page = r.site.Want(http.StatusOK, http.MethodGet, path, "camat", nil)
		webtest.MustContain(t, "detail", page, "Rp 15.000", "Rp 13.000", "Dinas Koperasi dan UKM (DISKOPUKM)", "Pelatihan pengemasan",
			"https://wa.me/6281234567890")
		webtest.MustNotContain(t, "camat detail", page, "Ubah data usaha", "Tambah produk", "Catat bantuan", "Hapus", "Kelola foto")
		webtest.MustContain(t, "camat detail", page, `id="kelola-foto"`, "Semua foto")
		_, page = r.site.Want(http.StatusOK, http.MethodGet, path, "operator", nil)
		webtest.MustContain(t, "operator detail", page, "Ubah data usaha", "Tambah produk", "Catat bantuan", "Hapus produk")
		code, out = r.api.JSON(t, http.MethodGet, "/desa/"+string(bengkel)+"/umkm/"+id+"/bantuan", "opd", nil)
		items, _ := out["items"].([]any)
		if code != http.StatusOK || len(items) != 1 {
			t.Fatalf("bantuan list: %d %v", code, out)
		}
		bid := items[0].(map[string]any)["id"].(string)
		r.site.Want(http.StatusSeeOther, http.MethodPost, path+"/bantuan/"+bid+"/hapus", "operator", url.Values{})
		if code := r.api.Do(http.MethodDelete, "/desa/"+string(bengkel)+"/umkm/"+id+"/produk/"+pid, "operator", nil).Code; code != http.StatusNoContent {
			t.Errorf("delete product: %d", code)
		}
		if code := r.api.Do(http.MethodDelete, "/desa/"+string(bengkel)+"/umkm/"+id+"/produk/"+pid, "operator", nil).Code; code != http.StatusNotFound {
			t.Errorf("delete product twice: %d", code)
		}
		if code, _ := r.api.JSON(t, http.MethodGet, "/desa/"+string(bengkel)+"/umkm/"+id+"/produk", "kaur", nil); code != http.StatusOK {
			t.Errorf("kaur products: %d", code)
		}
		want := []string{"web:POST /desa/{kode}/umkm", "web:POST /desa/{kode}/umkm/{id}/produk", "create-umkm-produk",
			"update-umkm-produk", "web:POST /desa/{kode}/umkm/{id}/bantuan", "web:POST /desa/{kode}/umkm/{id}/bantuan/{bid}/hapus",
			"delete-umkm-produk"}
		if got := r.audit.Actions(); !slices.Equal(got, want) {
			t.Errorf("audit = %v\nwant    %v", got, want)
		}
		for _, e := range r.audit.Entries() {
			if e.Kode != bengkel || e.Actor == "" {
				t.Errorf("entry %+v", e)
			}
		}
	})
}

// An UMKM with a photo shows its thumbnail in the list and the strip on
// its page, at the foto part's addresses, each leading to the full photo;
// a writer gets "Kelola foto". An empty registry says so.
func TestUmkmPhotosThumbnailsAndEmptyState(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := siapkanRegistri(t, d)
		base := "/desa/" + string(bengkel) + "/umkm"
		_, page := r.site.Want(http.StatusOK, http.MethodGet, base, "operator", nil)
		webtest.MustContain(t, "empty list", page, "Belum ada UMKM tercatat", "Tambah UMKM")
		ctx := webtest.DesaCtx(bengkel)
		u, err := r.m.TambahUmkm(ctx, umkm.UmkmData{Nama: "Tenun Endek", PemilikNama: "Ni Luh Ayu", PemilikNIK: nikSari,
			KBLI: "13121", Skala: umkm.SkalaMikro})
		if err != nil {
			t.Fatal(err)
		}
		const fid = "01937a6e-0000-7000-8000-0000000000f1"
		if err := insert(context.Background(), d, bengkel, &umkm.Foto{DesaID: bengkel.ID(), ID: fid, UmkmID: u.ID,
			BlobKey: "umkm/a.jpg", ThumbnailKey: "umkm/a-kecil.jpg", CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
		thumb := umkm.FotoURL(false, string(bengkel), u.ID, fid, true)
		_, page = r.site.Want(http.StatusOK, http.MethodGet, base, "camat", nil)
		webtest.MustContain(t, "list", page, `src="`+thumb+`"`, "belum ber-NIB")
		_, page = r.site.Want(http.StatusOK, http.MethodGet, base+"/"+u.ID, "operator", nil)
		webtest.MustContain(t, "detail", page, `src="`+thumb+`"`)
		webtest.MustContain(t, "detail", page, "Kelola foto", `href="`+umkm.FotoURL(false, string(bengkel), u.ID, fid, false)+`"`)
		code, out := r.api.JSON(t, http.MethodGet, base+"/"+u.ID, "opd", nil)
		if code != http.StatusOK || out["foto_id"] != fid || len(out["foto"].([]any)) != 1 {
			t.Errorf("API photos: %d %v", code, out)
		}
	})
}
