package audiensi_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

var tokenRe = regexp.MustCompile(`name="token" value="([^"]+)"`)

func tokenOf(t *testing.T, body string) string {
	t.Helper()
	m := tokenRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no proof token on the form: %s", body)
	}
	return html.UnescapeString(m[1])
}

func kiriman(token string) url.Values {
	return url.Values{"kategori": {"sampah"}, "judul": {"Sampah menumpuk di Banjar Tengah"},
		"isi": {"Sudah dua minggu sampah tidak diangkut dan mulai berbau."}, "dusun": {"Banjar Tengah"},
		"pelapor_mode": {"terbuka"}, "pelapor_nama": {"Ni Luh Sari"}, "pelapor_telepon": {"0812 3456 7890"},
		"token": {token}, "situs": {""}}
}

// jumlah is how many audiensi Bengkel has, as its perbekel's API lists them.
func (e env) jumlah(t *testing.T) int {
	t.Helper()
	return len(e.call(t, 200, http.MethodGet, desaPath, "perbekel", nil)["items"].([]any))
}

func TestPublicFormPageSendsWithProofAndRefusesTheHoneypot(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		const kirim = "/desa/51.02.06.2001/audiensi/kirim"
		_, body := e.site.Want(200, http.MethodGet, kirim, "", nil)
		webtest.MustContain(t, "public form", body, `class="audiensi-situs" aria-hidden="true"`, `name="situs" type="text" tabindex="-1" autocomplete="off"`,
			`value="rahasia"`, "Persampahan dan kebersihan", "hanya dilihat verifikator")
		tok := tokenOf(t, body)

		// A bot fills the honeypot: refused, nothing stored.
		e.jam.set("2026-03-17 09:01")
		bot := kiriman(tok)
		bot.Set("situs", "http://spam.example")
		_, body = e.site.Want(422, http.MethodPost, kirim, "", bot)
		webtest.MustContain(t, "honeypot answer", body, "Formulir kedaluwarsa atau sudah dipakai", `value="Sampah menumpuk di Banjar Tengah"`)
		webtest.MustNotContain(t, "honeypot answer", body, "spam.example")
		if n := e.jumlah(t); n != 0 {
			t.Fatalf("the honeypot stored %d audiensi", n)
		}

		// A person, three seconds or more after the form was issued.
		_, body = e.site.Want(200, http.MethodGet, kirim, "", nil)
		tok = tokenOf(t, body)
		e.jam.set("2026-03-17 09:02")
		_, body = e.site.Want(200, http.MethodPost, kirim, "", kiriman(tok))
		m := regexp.MustCompile(`id="kode-lacak">([A-Z0-9]{5}-[A-Z0-9]{5})<`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("receipt without a tracking code: %s", body)
		}
		webtest.MustContain(t, "receipt", body, `href="/audiensi/lacak/`+m[1]+`"`, "27 Maret 2026")
		if n := e.jumlah(t); n != 1 {
			t.Fatalf("stored %d audiensi, want 1", n)
		}
		// The token is spent: sent again, the form comes back with a fresh one
		// and every value typed.
		_, body = e.site.Want(422, http.MethodPost, kirim, "", kiriman(tok))
		if fresh := tokenOf(t, body); fresh == tok {
			t.Fatal("the refused form kept the spent token")
		}
		webtest.MustContain(t, "refused form", body, `value="Ni Luh Sari"`, "Sudah dua minggu sampah")
		// Invalid input is shown per field.
		bad := kiriman(tok)
		bad.Set("judul", "abc")
		_, body = e.site.Want(422, http.MethodPost, kirim, "", bad)
		webtest.MustContain(t, "invalid form", body, `id="kirim-judul" name="judul" aria-invalid="true"`)
		e.site.Want(404, http.MethodGet, "/desa/51.02.99.2001/audiensi/kirim", "", nil)
	})
}

func TestStatusPageShowsAnswersButNeverTheReporter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		a := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("terbuka"))
		id, kode := a["id"].(string), a["kode_lacak"].(string)
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/verifikasi", "perbekel", map[string]any{})
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/disposisi", "perbekel", map[string]any{"penerima": []string{idDLH}})
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/tanggapan", "dlh", map[string]any{"penerima": idDLH, "isi": "Truk dijadwalkan Jumat pagi."})

		loc, _ := e.site.Want(303, http.MethodGet, "/audiensi/lacak?kode="+url.QueryEscape(strings.ToLower(kode)), "", nil)
		if loc != "/audiensi/lacak/"+kode {
			t.Fatalf("lookup redirects to %q", loc)
		}
		e.site.Want(422, http.MethodGet, "/audiensi/lacak?kode=abc", "", nil)
		lacak := "/audiensi/lacak/" + kode
		_, body := e.site.Want(200, http.MethodGet, lacak, "", nil)
		webtest.MustContain(t, "status page", body, "17-03-2026 09:00", "Ditindaklanjuti", "Truk dijadwalkan Jumat pagi.", "Dinas Lingkungan Hidup", `id="form-info"`)
		webtest.MustNotContain(t, "status page", body, "Ni Luh Sari", "0812", "628123", "Sudah dua minggu", `id="form-nilai"`)

		e.site.Want(303, http.MethodPost, lacak+"/informasi", "", url.Values{"isi": {"Tumpukan sudah sampai ke got."}})
		_, body = e.site.Want(422, http.MethodPost, lacak+"/informasi", "", url.Values{"isi": {"ok"}})
		webtest.MustContain(t, "short info", body, `aria-invalid="true"`)

		// Closed by the verifier on its page: the reporter may now rate it.
		e.site.Want(303, http.MethodPost, desaPath+"/"+id+"/selesai", "perbekel", url.Values{"catatan": {"Sudah bersih."}})
		_, body = e.site.Want(200, http.MethodGet, lacak, "", nil)
		webtest.MustContain(t, "closed status page", body, "Selesai", "Sudah bersih.", "Tumpukan sudah sampai ke got.", `id="form-nilai"`)
		webtest.MustNotContain(t, "closed status page", body, `id="form-info"`, "Ni Luh Sari")
		e.site.Want(303, http.MethodPost, lacak+"/penilaian", "", url.Values{"nilai": {"4"}})
		_, body = e.site.Want(200, http.MethodGet, lacak, "", nil)
		webtest.MustContain(t, "rated status page", body, "4 dari 5")
		e.site.Want(404, http.MethodGet, "/audiensi/lacak/AAAAA-AAAAA", "", nil)
	})
}

func TestDesaPagesShowOnlyWhatTheViewerMayDo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		base := desaPath
		// Entered on the page: a refused form keeps its values.
		_, body := e.site.Want(200, http.MethodGet, base+"/baru", "kasi", nil)
		webtest.MustContain(t, "entry form", body, `name="kunjungan"`)
		f := kiriman("")
		f.Del("token")
		f.Del("situs")
		f.Set("judul", "abc")
		_, body = e.site.Want(422, http.MethodPost, base, "kasi", f)
		webtest.MustContain(t, "refused entry", body, `id="audiensi-judul" name="judul" aria-invalid="true"`, `value="Ni Luh Sari"`)
		f.Set("judul", "Sampah menumpuk di Banjar Tengah")
		loc, _ := e.site.Want(303, http.MethodPost, base, "kasi", f)
		id := strings.TrimSuffix(strings.TrimPrefix(loc, base+"/"), "?tersimpan=baru")
		lain := e.call(t, 201, http.MethodPost, base, "kasi", laporan("anonim"))["id"].(string)

		_, body = e.site.Want(200, http.MethodGet, base, "perbekel", nil)
		webtest.MustContain(t, "list", body, `href="`+base+"/"+id+`"`, `audiensi-jam audiensi-jam-tepat_waktu`, "27 Maret 2026", `id="catat-audiensi"`)
		webtest.MustNotContain(t, "list", body, "Ni Luh Sari")
		_, body = e.site.Want(200, http.MethodGet, base+"?status=ditolak", "perbekel", nil)
		webtest.MustContain(t, "filtered list", body, `id="audiensi-kosong"`)
		e.site.Want(403, http.MethodGet, base, "forum", nil)
		e.site.Want(403, http.MethodGet, base, "dlh", nil)

		_, body = e.site.Want(200, http.MethodGet, base+"/"+id, "kasi", nil)
		webtest.MustContain(t, "detail as kasi", body, "Ni Luh Sari")
		webtest.MustNotContain(t, "detail as kasi", body, `id="aksi-verifikasi"`, `id="aksi-tolak"`, `id="aksi-ubah"`)
		_, body = e.site.Want(200, http.MethodGet, base+"/"+id, "perbekel", nil)
		webtest.MustContain(t, "detail as perbekel", body, `id="aksi-verifikasi"`, `id="aksi-tolak"`, `id="aksi-ubah"`)
		webtest.MustNotContain(t, "detail as perbekel", body, `id="aksi-disposisi"`)
		_, body = e.site.Want(200, http.MethodGet, base+"/"+id, "camat", nil)
		webtest.MustNotContain(t, "detail as camat", body, "Ni Luh Sari", `id="aksi-verifikasi"`)

		e.site.Want(303, http.MethodPost, base+"/"+id+"/verifikasi", "perbekel", url.Values{"catatan": {""}})
		e.site.Want(403, http.MethodPost, base+"/"+id+"/verifikasi", "kasi", url.Values{})
		_, body = e.site.Want(200, http.MethodGet, base+"/"+id, "perbekel", nil)
		webtest.MustContain(t, "disposition form", body, `id="aksi-disposisi"`, `value="`+idDLH+`"`, "Ditangani desa", "biasa menangani kategori ini")
		webtest.MustNotContain(t, "disposition form", body, "DLH Badung", `id="aksi-verifikasi"`)
		_, body = e.site.Want(422, http.MethodPost, base+"/"+id+"/disposisi", "perbekel", url.Values{"catatan": {"x"}})
		webtest.MustContain(t, "empty disposition", body, "Pilih minimal satu OPD")
		e.site.Want(303, http.MethodPost, base+"/"+id+"/disposisi", "perbekel", url.Values{"penerima": {idDLH}})

		// An OPD sees only what is disposed to it, and answers its own part.
		e.site.Want(404, http.MethodGet, base+"/"+lain, "dlh", nil)
		e.site.Want(404, http.MethodGet, base+"/"+id, "dinkes", nil)
		_, body = e.site.Want(200, http.MethodGet, base+"/"+id, "dlh", nil)
		webtest.MustContain(t, "detail as dlh", body, `id="aksi-tanggapan-`+idDLH+`"`, `id="aksi-kembalikan-`+idDLH+`"`)
		webtest.MustNotContain(t, "detail as dlh", body, "Ni Luh Sari", `id="aksi-tolak"`, `href="`+base+`"`)
		_, body = e.site.Want(200, http.MethodGet, base+"/"+id, "kasi", nil)
		webtest.MustNotContain(t, "detail as kasi after disposition", body, `id="aksi-tanggapan-`)
		e.site.Want(403, http.MethodPost, base+"/"+id+"/tanggapan", "kasi", url.Values{"penerima": {idDLH}, "isi": {"Kami jawab saja ya."}})
		_, body = e.site.Want(422, http.MethodPost, base+"/"+id+"/tanggapan", "dlh", url.Values{"penerima": {idDLH}, "isi": {"ok"}})
		webtest.MustContain(t, "short answer", body, `id="tanggapan-`+idDLH+`-isi" name="isi" aria-invalid="true"`)
		e.site.Want(303, http.MethodPost, base+"/"+id+"/tanggapan", "dlh", url.Values{"penerima": {idDLH}, "isi": {"Truk dijadwalkan Jumat pagi."}})
		_, body = e.site.Want(200, http.MethodGet, base+"/"+id, "perbekel", nil)
		webtest.MustContain(t, "answered", body, "Ditindaklanjuti", "Truk dijadwalkan Jumat pagi.", `id="aksi-selesai"`)
	})
}

func TestOPDQueuePage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		id := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("terbuka"))["id"].(string)
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/verifikasi", "perbekel", map[string]any{})
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/disposisi", "perbekel", map[string]any{"penerima": []string{idDLH}})
		antrian := "/opd/" + idDLH + "/audiensi"

		_, body := e.site.Want(200, http.MethodGet, antrian, "dlh", nil)
		webtest.MustContain(t, "DLH queue", body, `href="`+desaPath+"/"+id+`"`, "Sampah menumpuk di Banjar Tengah", "audiensi-jam-")
		webtest.MustNotContain(t, "DLH queue", body, "Ni Luh Sari")
		loc, _ := e.site.Want(303, http.MethodGet, "/opd/audiensi", "dlh", nil)
		if loc != antrian {
			t.Fatalf("own queue redirects to %q", loc)
		}
		e.site.Want(403, http.MethodGet, antrian, "dinkes", nil)
		e.site.Want(403, http.MethodGet, antrian, "perbekel", nil)
		e.site.Want(403, http.MethodGet, "/opd/"+idLain+"/audiensi", "dlh", nil)
		e.site.Want(404, http.MethodGet, "/opd/01937a6e-0000-7000-8000-0000000000ff/audiensi", "dlh", nil)
		e.site.Want(404, http.MethodGet, "/opd/audiensi", "perbekel", nil)
		if loc, _ := e.site.Want(303, http.MethodGet, antrian, "", nil); loc != "/masuk" {
			t.Fatalf("anonymous queue redirects to %q", loc)
		}
		_, body = e.site.Want(200, http.MethodGet, "/opd/"+idDinkes+"/audiensi", "dinkes", nil)
		webtest.MustContain(t, "Dinkes queue", body, `id="antrian-kosong"`)
		_, body = e.site.Want(200, http.MethodGet, antrian, "admin", nil)
		webtest.MustContain(t, "queue as admin", body, "Sampah menumpuk")
		// Filters: another kecamatan is empty; a code outside the kabupaten is refused.
		_, body = e.site.Want(200, http.MethodGet, antrian+"?wilayah=51.02.05", "dlh", nil)
		webtest.MustContain(t, "other kecamatan", body, `id="antrian-kosong"`)
		_, body = e.site.Want(422, http.MethodGet, antrian+"?wilayah=51.03.01", "dlh", nil)
		webtest.MustContain(t, "foreign wilayah", body, `aria-invalid="true"`)
		e.jam.set("2026-04-02 08:00")
		_, body = e.site.Want(200, http.MethodGet, antrian+"?terlambat=1&wilayah=51.02.06", "dlh", nil)
		webtest.MustContain(t, "overdue", body, "audiensi-jam-terlambat")
	})
}

func TestStatistikPageCountsForTheForum(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		id := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("terbuka"))["id"].(string)
		e.call(t, 201, http.MethodPost, "/desa/51.02.06.2011/audiensi", "tetangga", laporan("anonim"))
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/tolak", "perbekel", map[string]any{"alasan": "Bukan kewenangan desa."})
		_, body := e.site.Want(200, http.MethodGet, "/wilayah/51.02.06/audiensi?tahun=2026", "forum", nil)
		webtest.MustContain(t, "statistics", body, `id="jumlah-diterima">2<`, "Persampahan dan kebersihan", `id="tabel-desa"`, `<option value="2026" selected>`)
		webtest.MustNotContain(t, "statistics", body, "Sampah menumpuk", "Ni Luh Sari", `href="`+desaPath+`"`)
		_, body = e.site.Want(200, http.MethodGet, "/wilayah/51.02.06/audiensi?tahun=2025", "forum", nil)
		webtest.MustContain(t, "statistics 2025", body, `id="jumlah-diterima">0<`)
		_, body = e.site.Want(200, http.MethodGet, "/wilayah/51.02.06/audiensi", "camat", nil)
		webtest.MustContain(t, "statistics as camat", body, `href="`+desaPath+`"`)
		e.site.Want(403, http.MethodGet, "/wilayah/51.02.06/audiensi", "tetangga", nil)
		e.site.Want(404, http.MethodGet, "/wilayah/51.02.06.2001/audiensi", "forum", nil)
	})
}
