package umkm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// realisasi is keuangan's side as the tests set it: per desa, year and
// kode rekening prefix; a year absent has no APBDes.
type realisasi map[tenancy.Kode]map[int]map[string]int64

func (r realisasi) RealisasiRekening(_ context.Context, desa tenancy.Kode, tahun int, prefix string) (int64, bool, error) {
	y, ok := r[desa][tahun]
	if !ok {
		return 0, false, nil
	}
	return y[prefix], true, nil
}

// penduduk is administration's side: the population of the desa it knows.
type penduduk map[tenancy.Kode]int64

func (p penduduk) Penduduk(_ context.Context, w tenancy.Kode) (map[tenancy.Kode]int64, error) {
	out := map[tenancy.Kode]int64{}
	for k, n := range p {
		if w.Contains(k) {
			out[k] = n
		}
	}
	return out, nil
}

var akun = webtest.Accounts{Templates: umkm.Templates(), Users: map[string]webtest.Grant{
	"sekdes":  {Role: authz.Sekdes, Kode: bengkel},
	"sekdes2": {Role: authz.Sekdes, Kode: tetangga},
	"diskop":  {Role: authz.OPD, Kode: "51.02", OPD: umkm.OPDKoperasiUMKM},
	"kaur":    {Role: authz.KaurKeuangan, Kode: bengkel},
	"forum":   {Role: authz.ForumPerbekel, Kode: "51.02"},
}}

// apbdes: Bengkel's 2025 APBDes realised Rp 50 juta penyertaan modal and
// Rp 30 juta bagi hasil; 2024 has no APBDes.
var apbdes = realisasi{bengkel: {2025: {umkm.RekeningPenyertaanModal: 50_000_000, umkm.RekeningBagiHasilBUMDes: 30_000_000}}}

type rig struct {
	m    *umkm.Module
	api  *webtest.API
	site *webtest.Site
	aud  *webtest.Audit // the API's
}

func newRig(t *testing.T, d *db.DB) *rig {
	t.Helper()
	az := &webtest.Accounts{Templates: akun.Templates, Users: akun.Users}
	store, err := blob.Open(t.Context(), "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	site := webtest.NewSite(t, d, az)
	clock := func() time.Time { return now }
	m := umkm.New(umkm.Deps{DB: d, Web: site.Web, Authz: az, Audit: site.Audit, Blob: store, Realisasi: apbdes,
		Penduduk: penduduk{bengkel: 4_000}, Logger: webtest.Discard, Clock: clock})
	m.Routes(site.Mux)
	aud := &webtest.Audit{}
	api := webtest.NewAPI(m.Register, az, clock, func(deps *httpserver.Deps) { deps.Audit = aud })
	return &rig{m: m, api: api, site: site, aud: aud}
}

const pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

func (r *rig) putPDF(t *testing.T, path, user, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPut, "https://ngantor.example/api/v1"+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/pdf")
	req.Header.Set("Authorization", "Bearer "+user)
	rec := httptest.NewRecorder()
	r.api.Server.Mux().ServeHTTP(rec, req)
	return rec
}

func errorFields(body map[string]any) []string {
	var out []string
	errs, _ := body["errors"].([]any)
	for _, e := range errs {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m["location"].(string))
		}
	}
	return out
}

// The API registers a BUMDes with its units, years and report, compares
// each year with the APBDes, and keeps every desa to itself.
func TestBumdesAPIProfileYearsAgainstAPBDesAndReport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		base := "/desa/" + string(bengkel) + "/bumdes"

		code, body := r.api.JSON(t, http.MethodGet, base, "sekdes", nil)
		if code != http.StatusNotFound || !strings.Contains(body["detail"].(string), "belum mendaftarkan BUMDes") {
			t.Fatalf("no BUMDes yet: %d %v", code, body)
		}
		if code, _ := r.api.JSON(t, http.MethodPost, base+"/unit", "sekdes", umkm.UnitData{Nama: "Unit Air"}); code != http.StatusNotFound {
			t.Errorf("unit before the BUMDes: %d, want 404", code)
		}
		code, body = r.api.JSON(t, http.MethodPut, base, "sekdes", umkm.BUMDesData{Nama: "BUM Desa Bengkel Sejahtera", BadanHukum: true,
			Klasifikasi: "unggul"})
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("badan hukum without number: %d %v", code, body)
		}
		for _, f := range []string{"body.badan_hukum_nomor", "body.badan_hukum_tanggal", "body.klasifikasi"} {
			if !strings.Contains(strings.Join(errorFields(body), " "), f) {
				t.Errorf("no error on %s: %v", f, body)
			}
		}
		profil := umkm.BUMDesData{Nama: "BUM Desa Bengkel Sejahtera", BadanHukum: true, BadanHukumNomor: "AHU-00417.AH.01.33.Tahun 2022",
			BadanHukumTanggal: "2022-03-14", Klasifikasi: "berkembang", KlasifikasiTahun: 2023, KlasifikasiSumber: "Kepmendesa PDTT 7/2023", TenagaKerja: 14}
		if code, body := r.api.JSON(t, http.MethodPut, base, "sekdes", profil); code != http.StatusOK {
			t.Fatalf("profile: %d %v", code, body)
		}
		if code, _ := r.api.JSON(t, http.MethodPut, base, "diskop", profil); code != http.StatusForbidden {
			t.Errorf("the Dinas Koperasi wrote the profile: %d", code)
		}
		if code, _ := r.api.JSON(t, http.MethodGet, base, "sekdes2", nil); code != http.StatusForbidden {
			t.Errorf("another desa's sekdes read Bengkel's BUMDes: %d", code)
		}

		code, body = r.api.JSON(t, http.MethodPost, base+"/unit", "sekdes", umkm.UnitData{Nama: "Unit Air Bersih", Bidang: "Air minum"})
		if code != http.StatusCreated || body["aktif"] != true {
			t.Fatalf("unit: %d %v", code, body)
		}
		unit := body["id"].(string)
		if code, body := r.api.JSON(t, http.MethodPut, base+"/unit/"+unit, "sekdes", umkm.UnitData{Nama: "Unit Air Bersih", Aktif: false}); code != http.StatusOK || body["aktif"] != false {
			t.Errorf("deactivate: %d %v", code, body)
		}
		if code, _ := r.api.JSON(t, http.MethodPut, "/desa/"+string(tetangga)+"/bumdes/unit/"+unit, "sekdes2", umkm.UnitData{Nama: "Dicuri"}); code != http.StatusNotFound {
			t.Errorf("a unit reached through another desa: %d, want 404", code)
		}

		y2025 := umkm.TahunData{PenyertaanModal: 50_000_000, Omzet: 421_750_000, Laba: 58_600_000, PADes: 35_000_000, Aset: 756_250_000, TenagaKerja: 14}
		if code, body := r.api.JSON(t, http.MethodPut, base+"/tahun/2025", "sekdes", y2025); code != http.StatusOK {
			t.Fatalf("2025: %d %v", code, body)
		}
		if code, body := r.api.JSON(t, http.MethodPut, base+"/tahun/2024", "sekdes", umkm.TahunData{Omzet: 96_400_000, Laba: -3_200_000}); code != http.StatusOK {
			t.Fatalf("2024 with a loss: %d %v", code, body)
		}
		code, body = r.api.JSON(t, http.MethodPut, base+"/tahun/2025", "sekdes", umkm.TahunData{Omzet: umkm.MaxRupiah + 1})
		if code != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorFields(body), " "), "body.omzet") {
			t.Errorf("omzet above bound: %d %v", code, body)
		}
		if code, _ := r.api.JSON(t, http.MethodPut, base+"/tahun/2027", "sekdes", y2025); code != http.StatusUnprocessableEntity {
			t.Errorf("next year's figures: %d, want 422", code)
		}

		if rec := r.putPDF(t, base+"/laporan/2025", "sekdes", "<html>bukan pdf</html>"); rec.Code != http.StatusUnprocessableEntity ||
			!strings.Contains(rec.Body.String(), "PDF") {
			t.Errorf("non-PDF report: %d %s", rec.Code, rec.Body)
		}
		if rec := r.putPDF(t, base+"/laporan/2025?nama_berkas=LPJ%20BUMDes%202025.pdf", "sekdes", pdf); rec.Code != http.StatusOK {
			t.Fatalf("report: %d %s", rec.Code, rec.Body)
		}
		if rec := r.putPDF(t, base+"/laporan/2025", "diskop", pdf); rec.Code != http.StatusForbidden {
			t.Errorf("the Dinas Koperasi uploaded a report: %d", rec.Code)
		}

		code, body = r.api.JSON(t, http.MethodGet, base, "diskop", nil)
		if code != http.StatusOK {
			t.Fatalf("diskop reads: %d %v", code, body)
		}
		raw, _ := json.Marshal(body)
		var p umkm.ProfilBUMDes
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		if p.Profil.Nama != profil.Nama || p.KlasifikasiNama != "Berkembang" || len(p.Unit) != 1 || p.Unit[0].Aktif {
			t.Errorf("profile: %+v", p)
		}
		if len(p.Tahun) != 2 || p.Tahun[0].Tahun != 2025 || p.Tahun[1].Tahun != 2024 {
			t.Fatalf("years: %+v", p.Tahun)
		}
		y := p.Tahun[0]
		if y.APBDes == nil || !y.APBDes.Ada || y.APBDes.PenyertaanModal != 50_000_000 || y.APBDes.BagiHasil != 30_000_000 ||
			y.SelisihModal || !y.SelisihPADes {
			t.Errorf("2025 against the APBDes: %+v %+v", y, y.APBDes)
		}
		if a := p.Tahun[1].APBDes; a == nil || a.Ada || p.Tahun[1].SelisihModal || p.Tahun[1].SelisihPADes || p.Tahun[1].Laba != -3_200_000 {
			t.Errorf("2024 without APBDes: %+v", p.Tahun[1])
		}
		if len(p.Laporan) != 1 || p.Laporan[0].NamaBerkas != "LPJ-BUMDes-2025.pdf" || p.Laporan[0].Ukuran != int64(len(pdf)) {
			t.Errorf("report metadata: %+v", p.Laporan)
		}

		rec := r.api.Do(http.MethodGet, base+"/laporan/2025", "diskop", nil)
		if rec.Code != http.StatusOK || rec.Body.String() != pdf ||
			rec.Header().Get("Content-Disposition") != `attachment; filename="LPJ-BUMDes-2025.pdf"` ||
			rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Content-Type") != "application/pdf" {
			t.Errorf("download: %d %v %q", rec.Code, rec.Header(), rec.Body)
		}
		var unduh int
		for _, e := range r.site.Audit.Entries() {
			if e.Action == "get-bumdes-laporan" && e.Actor == "diskop" && e.Kode == bengkel {
				unduh++
			}
		}
		if unduh != 1 {
			t.Errorf("downloads recorded: %d, want 1: %v", unduh, r.site.Audit.Actions())
		}
		if rec := r.api.Do(http.MethodGet, base+"/laporan/2024", "diskop", nil); rec.Code != http.StatusNotFound {
			t.Errorf("a year without report: %d", rec.Code)
		}
		if rec := r.api.Do(http.MethodGet, "/desa/"+string(tetangga)+"/bumdes/laporan/2025", "sekdes2", nil); rec.Code != http.StatusNotFound {
			t.Errorf("Bengkel's report through another desa: %d", rec.Code)
		}
		for _, want := range []string{"put-bumdes", "create-bumdes-unit", "update-bumdes-unit", "put-bumdes-tahun", "put-bumdes-laporan"} {
			found := false
			for _, a := range r.aud.Actions() {
				found = found || a == want
			}
			if !found {
				t.Errorf("write %s not audited: %v", want, r.aud.Actions())
			}
		}
	})
}

func multipartPDF(t *testing.T, name, content string) (string, *bytes.Buffer) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	f, err := w.CreateFormFile("berkas", name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(content))
	w.Close()
	return w.FormDataContentType(), &b
}

// The pages: an empty state with the register form for the desa, forms
// shown again filled in with Bahasa messages, the yearly table beside the
// APBDes with its mismatch note, and readers see no edit link.
func TestBumdesPagesFormsRefillAndReadersSeeNoEditLinks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		s := r.site
		base := "/desa/" + string(bengkel) + "/bumdes"

		_, body := s.Want(http.StatusOK, http.MethodGet, base, "sekdes", nil)
		webtest.MustContain(t, "empty page (sekdes)", body, "belum mendaftarkan BUMDes", "Daftarkan BUMDes", `action="`+base+`"`)
		_, body = s.Want(http.StatusOK, http.MethodGet, base, "diskop", nil)
		webtest.MustContain(t, "empty page (diskop)", body, "belum mendaftarkan BUMDes")
		webtest.MustNotContain(t, "empty page (diskop)", body, "Daftarkan BUMDes", `class="formulir"`)

		_, body = s.Want(http.StatusUnprocessableEntity, http.MethodPost, base, "sekdes", url.Values{"nama": {"BUM Desa Bengkel Sejahtera"},
			"badan_hukum": {"1"}, "badan_hukum_tanggal": {"14-03-2022"}, "tenaga_kerja": {"dua"}})
		webtest.MustContain(t, "refused profile", body, "Formulir belum tersimpan", "Nomor badan hukum", "TTTT-BB-HH",
			"Tenaga kerja ditulis sebagai bilangan bulat", `value="BUM Desa Bengkel Sejahtera"`, `value="dua"`)
		s.Want(http.StatusSeeOther, http.MethodPost, base, "sekdes", url.Values{"nama": {"BUM Desa Bengkel Sejahtera"},
			"badan_hukum": {"1"}, "badan_hukum_nomor": {"AHU-00417.AH.01.33.Tahun 2022"}, "badan_hukum_tanggal": {"2022-03-14"},
			"klasifikasi": {"berkembang"}, "klasifikasi_tahun": {"2023"}, "klasifikasi_sumber": {"Kepmendesa PDTT 7/2023"}, "tenaga_kerja": {"14"}})
		s.Want(http.StatusSeeOther, http.MethodPost, base+"/unit", "sekdes", url.Values{"nama": {"Unit Air Bersih"}, "bidang": {"Air minum"}})
		_, body = s.Want(http.StatusUnprocessableEntity, http.MethodPost, base+"/unit", "sekdes", url.Values{"nama": {"A"}})
		webtest.MustContain(t, "refused unit", body, "Nama unit usaha")
		s.Want(http.StatusSeeOther, http.MethodPost, base+"/unit", "sekdes", url.Values{"nama": {"Unit Wisata"}})
		p, _, err := r.m.BacaProfil(webtest.DesaCtx(bengkel))
		if err != nil || len(p.Unit) != 2 {
			t.Fatalf("units: %+v %v", p.Unit, err)
		}
		for _, u := range p.Unit {
			if u.Nama == "Unit Wisata" {
				s.Want(http.StatusSeeOther, http.MethodPost, base+"/unit/"+u.ID+"/nonaktif", "sekdes", url.Values{})
				if code, _ := s.Page(http.MethodPost, base+"/unit/"+u.ID+"/nonaktif", "diskop", url.Values{}); code != http.StatusForbidden {
					t.Errorf("diskop deactivated a unit: %d", code)
				}
			}
		}
		_, body = s.Want(http.StatusOK, http.MethodGet, base+"?pesan=nonaktif", "sekdes", nil)
		webtest.MustContain(t, "after deactivating", body, "Unit usaha sudah dinonaktifkan", "Unit Wisata</strong> · <span class=\"kosong\">tidak aktif")

		_, body = s.Want(http.StatusOK, http.MethodGet, base+"/tahun/2025", "sekdes", nil)
		webtest.MustContain(t, "year page", body, "Angka tahun 2025", "Realisasi APBDes desa 2025", "Rp 50.000.000", "Unggah laporan")
		_, body = s.Want(http.StatusUnprocessableEntity, http.MethodPost, base+"/tahun/2025", "sekdes", url.Values{
			"penyertaan_modal": {"50 juta"}, "omzet": {"421.750.000"}, "laba": {"-2.000.000.000.000"}})
		webtest.MustContain(t, "refused year", body, "Penyertaan modal ditulis dalam rupiah bulat", "Laba harus", `value="50 juta"`, `value="421.750.000"`)
		s.Want(http.StatusSeeOther, http.MethodPost, base+"/tahun/2025", "sekdes", url.Values{"penyertaan_modal": {"Rp 50.000.000"},
			"omzet": {"421.750.000"}, "laba": {"58.600.000"}, "pades": {"35.000.000"}, "aset": {"756.250.000"}, "tenaga_kerja": {"14"}})
		s.Want(http.StatusSeeOther, http.MethodPost, base+"/tahun/2024", "sekdes", url.Values{"omzet": {"96.400.000"}, "laba": {"-3.200.000"}})
		if code, _ := s.Page(http.MethodGet, base+"/tahun/2030", "sekdes", nil); code != http.StatusNotFound {
			t.Errorf("a future year's page: %d", code)
		}

		ct, b := multipartPDF(t, "gambar.png", "\x89PNG\r\n")
		resp, body := s.DoBody(http.MethodPost, base+"/laporan/2025", "sekdes", ct, b, true)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Laporan harus berkas PDF") {
			t.Errorf("PNG as report: %d", resp.StatusCode)
		}
		ct, b = multipartPDF(t, "lpj 2025.pdf", pdf)
		if resp, body := s.DoBody(http.MethodPost, base+"/laporan/2025", "sekdes", ct, b, true); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("report upload: %d %s", resp.StatusCode, body)
		}

		_, body = s.Want(http.StatusOK, http.MethodGet, base, "sekdes", nil)
		webtest.MustContain(t, "page (sekdes)", body, "BUM Desa Bengkel Sejahtera", "AHU-00417.AH.01.33.Tahun 2022", "Berkembang (2023)",
			"Kepmendesa PDTT 7/2023", "Unit Air Bersih", "Rp 421.750.000", "−Rp 3.200.000", "APBDes belum tercatat", "Rp 30.000.000",
			"kontribusi PADes menurut laporan BUMDes Rp 35.000.000", "lpj-2025.pdf", "Ubah profil", base+"/tahun/2025", "Nonaktifkan unit")
		webtest.MustNotContain(t, "page (sekdes)", body, "penyertaan modal menurut laporan BUMDes")
		_, body = s.Want(http.StatusOK, http.MethodGet, base, "diskop", nil)
		webtest.MustContain(t, "page (diskop)", body, "BUM Desa Bengkel Sejahtera", "Rp 421.750.000", "lpj-2025.pdf", base+"/laporan/2025")
		webtest.MustNotContain(t, "page (diskop)", body, "Ubah profil", base+"/tahun/", `class="formulir"`, "Tambah unit", "Catat angka tahun")
		if code, _ := s.Page(http.MethodGet, base+"/ubah", "diskop", nil); code != http.StatusForbidden {
			t.Errorf("diskop opened the profile form: %d", code)
		}
		if code, _ := s.Page(http.MethodPost, base+"/tahun/2025", "diskop", url.Values{"omzet": {"1"}}); code != http.StatusForbidden {
			t.Errorf("diskop posted figures: %d", code)
		}
		if code, _ := s.Page(http.MethodGet, base, "sekdes2", nil); code != http.StatusForbidden {
			t.Errorf("another desa's sekdes opened Bengkel's BUMDes: %d", code)
		}

		resp, body = s.Do(http.MethodGet, base+"/laporan/2025", "diskop", nil)
		if resp.StatusCode != http.StatusOK || body != pdf || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") ||
			resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("page download: %d %v", resp.StatusCode, resp.Header)
		}
		var unduh, tulis int
		for _, e := range s.Audit.Entries() {
			if strings.HasPrefix(e.Action, "web:GET /desa/{kode}/bumdes/laporan") && e.Kode == bengkel {
				unduh++
			}
			if e.Action == "web:POST /desa/{kode}/bumdes/tahun/{tahun}" && e.Status == http.StatusSeeOther {
				tulis++
			}
		}
		if unduh != 1 || tulis < 2 {
			t.Errorf("audit: %d downloads, %d year writes: %v", unduh, tulis, s.Audit.Actions())
		}
	})
}
