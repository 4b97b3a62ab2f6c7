package sampah_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

const fasilitasBase = "/desa/" + bengkel + "/sampah/fasilitas"

func fasilitasSite(t *testing.T, d *db.DB) *site {
	return newSite(t, d, map[string]grant{
		"perbekel": {authz.Perbekel, bengkel},
		"petugas":  {authz.PetugasSampah, bengkel},
		"dlh":      {authz.OPD, "51.02"},
		"forum":    {authz.ForumPerbekel, "51.02"},
		"lain":     {authz.Perbekel, "51.02.06.2002"},
	}, "Uji ", withKegiatan(kegiatan2026))
}

// hidden is the value of the hidden input name in the form posting to
// action on body.
func hidden(t *testing.T, body, action, name string) string {
	t.Helper()
	i := strings.Index(body, `action="`+action+`"`)
	if i < 0 {
		t.Fatalf("no form posting to %s", action)
	}
	re := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`)
	m := re.FindStringSubmatch(body[i:])
	if m == nil {
		t.Fatalf("form %s has no %s", action, name)
	}
	return strings.ReplaceAll(m[1], "&#43;", "+")
}

func TestFasilitasPagesForms(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := fasilitasSite(t, d)
		_, body := s.want(200, http.MethodGet, fasilitasBase, "perbekel", nil)
		mustContain(t, "empty list", body, "Belum ada fasilitas tercatat.", `action="`+fasilitasBase+`"`, "Simpan fasilitas")

		// A refused form comes back with every value typed and each
		// message at its field.
		form := url.Values{"jenis": {"tps3r"}, "nama": {"TP"}, "status": {"aktif"}, "kapasitas_kg": {"2.500"},
			"lintang": {"-8,5401"}, "bujur": {"15,1234"}, "petugas": {"dua"}, "kegiatan_kode": {"02.04.15"}}
		_, body = s.want(422, http.MethodPost, fasilitasBase, "perbekel", form)
		mustContain(t, "refused create", body, `id="tambah-nama-galat"`, "Nama fasilitas minimal 3 karakter",
			`id="tambah-bujur-galat"`, "Bujur harus antara 94", `id="tambah-petugas-galat"`, "bilangan bulat",
			`value="2.500"`, `value="-8,5401"`, "Formulir belum tersimpan")

		// A number the page cannot read saves nothing, even when the
		// rest is fine.
		form.Set("nama", "TPS3R Bestari")
		form.Set("bujur", "115,1234")
		_, body = s.want(422, http.MethodPost, fasilitasBase, "perbekel", form)
		mustContain(t, "unreadable staff", body, `id="tambah-petugas-galat"`)
		mustContain(t, "nothing saved", s.mustGet(fasilitasBase, "perbekel"), "Belum ada fasilitas tercatat.")
		form.Set("petugas", "12")
		form.Set("tahun_dibangun", "2019")
		form.Set("densitas_kg_m3", "250")
		loc, _ := s.want(303, http.MethodPost, fasilitasBase, "perbekel", form)
		if !strings.HasPrefix(loc, fasilitasBase+"/") || !strings.HasSuffix(loc, "?pesan=tambah") {
			t.Fatalf("after create: %s", loc)
		}
		page := strings.TrimSuffix(loc, "?pesan=tambah")
		_, body = s.want(200, http.MethodGet, loc, "perbekel", nil)
		mustContain(t, "facility page", body, "Fasilitas sudah dicatat.", "TPS3R Bestari", "2.500 kg/hari", "-8.5401, 115.1234",
			`href="https://www.openstreetmap.org/?mlat=-8.5401&amp;mlon=115.1234#map=18/-8.5401/115.1234"`,
			"Kegiatan 02.04.15 — Pengelolaan Persampahan", "250 kg/m³", "Simpan status", "Simpan perubahan")
		if strings.Contains(body, "Jenis sampah dan harga") {
			t.Error("a TPS3R shows the bank sampah's price list")
		}
		diubah := hidden(t, body, page, "diubah")

		// The edit form: a refused one keeps its values, a good one saves.
		_, body = s.want(422, http.MethodPost, page, "perbekel", url.Values{"nama": {"TPS3R Bestari"}, "lahan": {"lainnya"}, "diubah": {diubah}})
		mustContain(t, "refused edit", body, `id="ubah-lahan_keterangan-galat"`, "Keterangan lahan wajib diisi")
		loc, _ = s.want(303, http.MethodPost, page, "perbekel", url.Values{"nama": {"TPS3R Bestari Bengkel"}, "lahan": {"lainnya"},
			"lahan_keterangan": {"Sewa dari warga"}, "kapasitas_kg": {"3000"}, "diubah": {diubah}})
		_, body = s.want(200, http.MethodGet, loc, "perbekel", nil)
		mustContain(t, "edited", body, "Perubahan fasilitas sudah disimpan.", "TPS3R Bestari Bengkel", "Lainnya (Sewa dari warga)", "3.000 kg/hari")
		// The edit form emptied the coordinates it was not sent.
		if strings.Contains(body, "openstreetmap") {
			t.Error("coordinates kept although the edit sent none")
		}
		// The stale form of before the edit is refused, not saved over it.
		_, body = s.want(409, http.MethodPost, page, "perbekel", url.Values{"nama": {"TPS3R Lama"}, "diubah": {diubah}})
		mustContain(t, "stale edit", body, "sudah diubah orang lain")

		// Status: a reason is needed to close it.
		diubah = hidden(t, s.mustGet(page, "perbekel"), page+"/status", "diubah")
		_, body = s.want(422, http.MethodPost, page+"/status", "perbekel", url.Values{"status": {"tidak_aktif"}, "diubah": {diubah}})
		mustContain(t, "status without reason", body, `id="status-alasan_tidak_aktif-galat"`, "Alasan tidak aktif wajib diisi")
		loc, _ = s.want(303, http.MethodPost, page+"/status", "perbekel", url.Values{"status": {"tidak_aktif"},
			"alasan_tidak_aktif": {"Atap roboh"}, "diubah": {diubah}})
		_, body = s.want(200, http.MethodGet, loc, "perbekel", nil)
		mustContain(t, "closed", body, "Tidak aktif: Atap roboh", "Lainnya (Sewa dari warga)", "3.000 kg/hari")
		_, body = s.want(200, http.MethodGet, fasilitasBase, "perbekel", nil)
		mustContain(t, "list", body, "TPS3R Bestari Bengkel", "tidak aktif: Atap roboh", "3.000 kg/hari")

		// A bank sampah: jenis, prices and their history.
		loc, _ = s.want(303, http.MethodPost, fasilitasBase, "perbekel", url.Values{"jenis": {"bank_sampah"}, "nama": {"Bank Sampah Sari"}, "status": {"aktif"}})
		bank := strings.TrimSuffix(loc, "?pesan=tambah")
		_, body = s.want(200, http.MethodGet, bank, "perbekel", nil)
		mustContain(t, "bank page", body, "Jenis sampah dan harga", "Belum ada jenis sampah.", `action="`+bank+`/jenis"`)
		if strings.Contains(body, "densitas_kg_m3") {
			t.Error("a bank sampah's edit form asks for the density")
		}
		_, body = s.want(422, http.MethodPost, bank+"/jenis", "perbekel", url.Values{"kode": {"P E T"}, "nama": {"Botol PET"}, "kelompok": {"anorganik"}, "satuan": {"kg"}})
		mustContain(t, "refused jenis", body, `id="jenis-kode-galat"`, "tanpa spasi", `value="Botol PET"`)
		loc, _ = s.want(303, http.MethodPost, bank+"/jenis", "perbekel", url.Values{"kode": {"pet"}, "nama": {"Botol PET"}, "kelompok": {"anorganik"}, "satuan": {"kg"}})
		if !strings.HasSuffix(loc, "#jenis-sampah") {
			t.Errorf("after a jenis: %s", loc)
		}
		loc, _, _ = strings.Cut(loc, "#") // a browser keeps the fragment to itself
		_, body = s.want(200, http.MethodGet, loc, "perbekel", nil)
		mustContain(t, "jenis added", body, "Jenis sampah sudah ditambahkan.", "PET — Botol PET", "belum ada harga")
		m := regexp.MustCompile(`action="(` + regexp.QuoteMeta(bank) + `/jenis/[0-9a-f-]{36})/harga"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no price form")
		}
		jenis := m[1]
		jenisID := jenis[strings.LastIndex(jenis, "/")+1:]
		_, body = s.want(422, http.MethodPost, jenis+"/harga", "perbekel", url.Values{"berlaku_mulai": {"2026-03-05"}, "harga": {"2,5"}})
		mustContain(t, "refused price", body, `id="harga-`+jenisID+`-harga-galat"`, "tanpa desimal")
		s.want(303, http.MethodPost, jenis+"/harga", "perbekel", url.Values{"berlaku_mulai": {"2026-03-01"}, "harga": {"Rp 2.500"}})
		_, body = s.want(409, http.MethodPost, jenis+"/harga", "perbekel", url.Values{"berlaku_mulai": {"2026-03-01"}, "harga": {"3000"}})
		mustContain(t, "second price on a date", body, "sudah tercatat (Rp 2.500 per kg)")
		_, body = s.want(200, http.MethodGet, bank, "perbekel", nil)
		mustContain(t, "priced", body, "Rp 2.500 per kg", "sejak 1 Maret 2026", "Riwayat harga (1)")
		// The jenis edit form.
		_, body = s.want(409, http.MethodPost, jenis, "perbekel", url.Values{"nama": {"Botol PET"}, "kelompok": {"anorganik"}, "satuan": {"pcs"}, "aktif": {"1"}})
		mustContain(t, "satuan of a priced jenis", body, "tidak dapat diubah")
		s.want(303, http.MethodPost, jenis, "perbekel", url.Values{"nama": {"Botol PET bening"}, "kelompok": {"anorganik"}, "satuan": {"kg"}})
		_, body = s.want(200, http.MethodGet, bank, "perbekel", nil)
		mustContain(t, "jenis edited", body, "PET — Botol PET bening", "per kg · tidak aktif")

		// Forms sent empty are refused as invalid input (the crawl's rule).
		for _, action := range []string{fasilitasBase, page, page + "/status", bank + "/jenis", jenis, jenis + "/harga"} {
			if code, _ := s.page(http.MethodPost, action, "perbekel", url.Values{}); code != http.StatusUnprocessableEntity {
				t.Errorf("empty POST %s: %d, want 422", action, code)
			}
		}
	})
}

// mustGet is the body of a page that must open.
func (s *site) mustGet(path, user string) string {
	s.t.Helper()
	_, body := s.want(200, http.MethodGet, path, user, nil)
	return body
}

// The walls of the pages: the petugas reads facilities but sees no form
// and may post none; another desa's perbekel and the forum get nothing.
func TestFasilitasPagesWalls(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := fasilitasSite(t, d)
		loc, _ := s.want(303, http.MethodPost, fasilitasBase, "perbekel", url.Values{"jenis": {"bank_sampah"}, "nama": {"Bank Sampah Sari"}})
		bank := strings.TrimSuffix(loc, "?pesan=tambah")
		s.want(303, http.MethodPost, bank+"/jenis", "perbekel", url.Values{"kode": {"PET"}, "nama": {"Botol PET"}, "kelompok": {"anorganik"}, "satuan": {"kg"}})

		for _, user := range []string{"petugas", "dlh"} {
			body := s.mustGet(fasilitasBase, user)
			mustContain(t, user+" list", body, "Bank Sampah Sari", `href="`+bank+`"`)
			if strings.Contains(body, `action="/desa/`) {
				t.Errorf("%s sees a form on the list", user)
			}
			body = s.mustGet(bank, user)
			mustContain(t, user+" bank", body, "PET — Botol PET", "Riwayat harga")
			if strings.Contains(body, `action="/desa/`) {
				t.Errorf("%s sees a form on the facility page", user)
			}
		}
		s.want(403, http.MethodPost, fasilitasBase, "petugas", url.Values{"jenis": {"tps"}, "nama": {"TPS Petugas"}})
		s.want(403, http.MethodPost, bank+"/jenis", "petugas", url.Values{"kode": {"KRD"}, "nama": {"Kardus"}, "kelompok": {"anorganik"}, "satuan": {"kg"}})
		for _, user := range []string{"lain", "forum"} {
			for _, p := range []string{fasilitasBase, bank} {
				if code, _ := s.page(http.MethodGet, p, user, nil); code != http.StatusForbidden {
					t.Errorf("%s GET %s: %d, want 403", user, p, code)
				}
			}
			if code, _ := s.page(http.MethodPost, fasilitasBase, user, url.Values{"jenis": {"tps"}, "nama": {"TPS Luar"}}); code != http.StatusForbidden {
				t.Errorf("%s POST: %d, want 403", user, code)
			}
		}
		// An unknown facility is a 404 page, a malformed id too.
		for _, p := range []string{fasilitasBase + "/01937a6e-0000-7000-8000-000000000000", fasilitasBase + "/bukan-id"} {
			if code, _ := s.page(http.MethodGet, p, "perbekel", nil); code != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", p, code)
			}
		}
		// The landing page links the facility to its page.
		mustContain(t, "landing", s.mustGet("/desa/"+bengkel+"/sampah", "petugas"), `href="`+bank+`"`)
	})
}
