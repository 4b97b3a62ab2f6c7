package persuratan_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/web"
)

// upload posts one file as the "berkas" field of a multipart form.
func (s *site) upload(path, session, name string, content []byte) (*http.Response, string) {
	s.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if name != "" || content != nil {
		fw, err := mw.CreateFormFile("berkas", name)
		if err != nil {
			s.t.Fatal(err)
		}
		_, _ = fw.Write(content)
	}
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, "https://ngantor.example"+path, &b)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	r.Header.Set("Origin", "https://ngantor.example")
	r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: session})
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, r)
	resp := rec.Result()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestPagesNumberASuratDinasPickingTheKlasifikasiByWords(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		base := "/desa/" + string(bengkel) + "/surat"

		resp, body := s.do(http.MethodGet, base+"/keluar", tok["operator"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `href="`+base+`/keluar/baru"`) {
			t.Fatalf("register lacks the surat dinas link: %d %s", resp.StatusCode, body)
		}
		resp, body = s.do(http.MethodGet, base+"/keluar", tok["camat"], nil)
		if resp.StatusCode != 200 || strings.Contains(body, `/keluar/baru"`) {
			t.Fatalf("the camat, who may not write, is shown the surat dinas link: %s", body)
		}
		resp, body = s.do(http.MethodGet, base+"/keluar/baru", tok["operator"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `<datalist id="daftar-klasifikasi">`) ||
			!strings.Contains(body, `<option value="000.1.5">000.1.5 — Rapat Pimpinan</option>`) {
			t.Fatalf("form lacks the klasifikasi list: %d %s", resp.StatusCode, body)
		}

		// Without script: the words go to the server, which lists the
		// matching codes as choices and keeps what was typed.
		q := url.Values{"jenis": {"undangan"}, "klasifikasi": {"rapat"}, "tujuan": {"Kelian Banjar Dinas se-Desa Bengkel"},
			"perihal": {"Undangan rapat persiapan Musdes"}, "cari": {"1"}}
		resp, body = s.do(http.MethodGet, base+"/keluar/baru?"+q.Encode(), tok["operator"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `name="klasifikasi_pilih" value="000.1.5" id="pilih-0" checked`) ||
			!strings.Contains(body, "Kode yang cocok dengan “rapat”") || !strings.Contains(body, `value="000.1.5"`) ||
			!strings.Contains(body, `value="Undangan rapat persiapan Musdes"`) {
			t.Fatalf("search by words: %d %s", resp.StatusCode, body)
		}

		form := url.Values{"jenis": {"undangan"}, "tanggal": {"2026-03-05"}, "klasifikasi": {"rapat pimpinan"},
			"tujuan": {"Kelian Banjar Dinas se-Desa Bengkel"}, "perihal": {"Undangan rapat persiapan Musdes"}}
		for _, tc := range []struct{ klas, want string }{
			{"999.9", "Kode klasifikasi 999.9 tidak berlaku pada 5 Maret 2026"},
			{"kata-yang-tidak-ada", "Tidak ada kode klasifikasi yang cocok dengan “kata-yang-tidak-ada”"},
			{"", "Kode klasifikasi wajib diisi"},
		} {
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad.Set("klasifikasi", tc.klas)
			resp, body = s.do(http.MethodPost, base+"/keluar", tok["operator"], bad)
			// The message is next to the field and in the summary at the
			// top, which links to it.
			if resp.StatusCode != 422 || !strings.Contains(body, tc.want) || !strings.Contains(body, `value="Undangan rapat persiapan Musdes"`) ||
				!strings.Contains(body, `<p class="galat-isian" id="klasifikasi-galat">`) || !strings.Contains(body, `aria-invalid="true" aria-describedby="klasifikasi-galat"`) ||
				!strings.Contains(body, `<a href="#klasifikasi">`) {
				t.Fatalf("klasifikasi %q: %d, want 422 with %q and the input kept: %s", tc.klas, resp.StatusCode, tc.want, body)
			}
		}
		if len(s.audit.recs) != 0 {
			t.Fatalf("refused forms were audited: %+v", s.audit.recs)
		}

		resp, _ = s.do(http.MethodPost, base+"/keluar", tok["operator"], form)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, base+"/keluar/") {
			t.Fatalf("number: %d to %q", resp.StatusCode, loc)
		}
		resp, body = s.do(http.MethodGet, loc, tok["operator"], nil)
		if resp.StatusCode != 200 || !strings.Contains(body, "000.1.5/001/2001/III/2026") || !strings.Contains(body, "Surat Undangan") ||
			!strings.Contains(body, "Rapat Pimpinan") || !strings.Contains(body, `<dl class="rincian-surat"`) {
			t.Fatalf("the new letter: %d %s", resp.StatusCode, body)
		}
		if len(s.audit.recs) != 1 || s.audit.recs[0].Action != web.PageAction("POST /desa/{kode}/surat/keluar") {
			t.Fatalf("audit %+v, want one record of the numbering", s.audit.recs)
		}
		// The camat reads but may not number.
		if resp, _ := s.do(http.MethodPost, base+"/keluar", tok["camat"], form); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("camat numbers a letter: %d, want 403", resp.StatusCode)
		}
	})
}

var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)

func TestPagesUploadAndDownloadAttachments(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		base := "/desa/" + string(bengkel) + "/surat"
		form := url.Values{"tanggal_terima": {"2026-03-04"}, "nomor_surat": {"100.2/215/Kec.Kdr"}, "tanggal_surat": {"2026-03-02"},
			"pengirim": {"Camat Kediri"}, "perihal": {"Rapat koordinasi perbekel"}, "klasifikasi": {"100.2"}}
		resp, _ := s.do(http.MethodPost, base+"/masuk", tok["operator"], form)
		masuk, _, _ := strings.Cut(resp.Header.Get("Location"), "?")
		resp, _ = s.do(http.MethodPost, base+"/keluar", tok["operator"], url.Values{"jenis": {"laporan"}, "klasifikasi": {"000.1.5"},
			"tujuan": {"Camat Kediri"}, "perihal": {"Laporan hasil rapat"}})
		keluar, _, _ := strings.Cut(resp.Header.Get("Location"), "?")
		if masuk == "" || keluar == "" {
			t.Fatal("letters not created")
		}
		s.audit.recs = nil

		for _, detail := range []string{masuk, keluar} {
			resp, body := s.do(http.MethodGet, detail, tok["operator"], nil)
			if resp.StatusCode != 200 || !strings.Contains(body, `id="unggah-lampiran"`) || !strings.Contains(body, `enctype="multipart/form-data"`) {
				t.Fatalf("%s lacks the upload form: %d %s", detail, resp.StatusCode, body)
			}
			for _, tc := range []struct {
				name    string
				content []byte
				want    string
			}{
				{"halaman.html", []byte("<html><script>alert(1)</script></html>"), "Jenis berkas tidak diizinkan: kirim PDF, JPEG atau PNG."},
				{"", nil, "Pilih berkas yang akan diunggah."},
				{"besar.pdf", append([]byte("%PDF-1.4\n"), make([]byte, persuratan.MaxLampiranBytes)...), "Berkas terlalu besar: maksimal 10 MiB."},
			} {
				resp, body := s.upload(detail+"/lampiran", tok["operator"], tc.name, tc.content)
				if resp.StatusCode != 422 || !strings.Contains(body, tc.want) || !strings.Contains(body, `id="lampiran-galat"`) ||
					!strings.Contains(body, `id="lampiran-berkas-galat"`) || !strings.Contains(body, `<a href="#lampiran-berkas">`) {
					t.Fatalf("upload %q to %s: %d, want 422 with %q: %s", tc.name, detail, resp.StatusCode, tc.want, body)
				}
			}
			resp, _ = s.upload(detail+"/lampiran", tok["operator"], "pindaian surat.png", pngBytes)
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("upload to %s: %d", detail, resp.StatusCode)
			}
			resp, body = s.do(http.MethodGet, detail, tok["operator"], nil)
			link := regexp.MustCompile(`id="unduh-lampiran" href="([^"]+)"`).FindStringSubmatch(body)
			if resp.StatusCode != 200 || link == nil || !strings.Contains(body, "pindaian_surat.png") {
				t.Fatalf("%s lacks the download link: %s", detail, body)
			}
			// The camat reads the letter and its attachment, but gets no
			// upload form.
			resp, body = s.do(http.MethodGet, detail, tok["camat"], nil)
			if resp.StatusCode != 200 || strings.Contains(body, `id="unggah-lampiran"`) || !strings.Contains(body, link[1]) {
				t.Fatalf("camat's view of %s: %d %s", detail, resp.StatusCode, body)
			}
			resp, body = s.do(http.MethodGet, link[1], tok["camat"], nil)
			h := resp.Header
			if resp.StatusCode != 200 || body != string(pngBytes) || h.Get("Content-Type") != "image/png" ||
				h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Disposition") != `attachment; filename="pindaian_surat.png"` {
				t.Fatalf("download %s: %d %v", link[1], resp.StatusCode, h)
			}
			// Another desa's perbekel cannot fetch it, through either address.
			if resp, _ := s.do(http.MethodGet, link[1], tok["tetangga"], nil); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("foreign download: %d, want 403", resp.StatusCode)
			}
			own := strings.Replace(link[1], string(bengkel), string(tetangga), 1)
			if resp, _ := s.do(http.MethodGet, own, tok["tetangga"], nil); resp.StatusCode != http.StatusNotFound {
				t.Fatalf("foreign download through own desa: %d, want 404", resp.StatusCode)
			}
			if resp, _ := s.upload(own, tok["tetangga"], "x.png", pngBytes); resp.StatusCode != http.StatusNotFound {
				t.Fatalf("foreign upload through own desa: %d, want 404", resp.StatusCode)
			}
		}
		var actions []string
		for _, r := range s.audit.recs {
			actions = append(actions, r.Action)
		}
		want := []string{web.PageAction("POST /desa/{kode}/surat/masuk/{id}/lampiran"), web.PageAction("POST /desa/{kode}/surat/keluar/{id}/lampiran"),
			persuratan.AksiUnduhLampiran(persuratan.RegisterMasuk), persuratan.AksiUnduhLampiran(persuratan.RegisterKeluar)}
		for _, w := range want {
			if !strings.Contains(strings.Join(actions, " "), w) {
				t.Fatalf("audited %v, want %s", actions, w)
			}
		}
	})
}

func TestPagesDownloadTheBukuAgenda(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		base := "/desa/" + string(bengkel) + "/surat"
		resp, _ := s.do(http.MethodPost, base+"/keluar", tok["operator"], url.Values{"jenis": {"undangan"}, "tanggal": {"2026-02-03"},
			"klasifikasi": {"000.1.5"}, "tujuan": {"Ketua BPD"}, "perihal": {"Undangan Musdes"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("number: %d", resp.StatusCode)
		}
		for _, reg := range []string{"keluar", "masuk"} {
			resp, body := s.do(http.MethodGet, base+"/"+reg, tok["camat"], nil)
			if resp.StatusCode != 200 || !strings.Contains(body, `id="form-agenda"`) || !strings.Contains(body, `action="`+base+"/"+reg+`/agenda"`) ||
				!strings.Contains(body, `id="agenda-tahun" name="tahun" inputmode="numeric" maxlength="4" value="2026"`) {
				t.Fatalf("%s register lacks the agenda form: %d %s", reg, resp.StatusCode, body)
			}
			resp, body = s.do(http.MethodGet, base+"/"+reg+"/agenda?format=xlsx&tahun=2026", tok["camat"], nil)
			if resp.StatusCode != 200 || resp.Header.Get("X-Content-Type-Options") != "nosniff" ||
				!strings.Contains(resp.Header.Get("Content-Disposition"), "buku-agenda-surat-"+reg) {
				t.Fatalf("%s xlsx: %d %v", reg, resp.StatusCode, resp.Header)
			}
			rows := readXLSX(t, []byte(body))
			if reg == "keluar" && (len(rows) != 6 || rows[5][1] != "000.1.5/001/2001/II/2026") {
				t.Fatalf("keluar rows: %q", rows)
			}
			// Dates replace the year; a reversed range comes back to the
			// page with its message and the dates kept.
			resp, body = s.do(http.MethodGet, base+"/"+reg+"/agenda?format=pdf&tahun=2026&dari=2026-03-01&sampai=2026-02-01", tok["camat"], nil)
			if resp.StatusCode != 422 || !strings.Contains(body, `id="agenda-galat"`) || !strings.Contains(body, "Tanggal akhir tidak boleh sebelum tanggal awal") ||
				!strings.Contains(body, `aria-describedby="agenda-sampai-galat"`) ||
				!strings.Contains(body, `value="2026-03-01"`) {
				t.Fatalf("%s reversed range: %d %s", reg, resp.StatusCode, body)
			}
			resp, _ = s.do(http.MethodGet, base+"/"+reg+"/agenda?format=pdf&dari=2026-02-01&sampai=2026-02-28", tok["operator"], nil)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("%s pdf: %d", reg, resp.StatusCode)
			}
			if resp, _ := s.do(http.MethodGet, base+"/"+reg+"/agenda?format=xlsx&tahun=2026", tok["tetangga"], nil); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("%s foreign download: %d, want 403", reg, resp.StatusCode)
			}
		}
	})
}

func TestPagesRecordSuratMasukPickingTheKlasifikasiByWords(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		base := "/desa/" + string(bengkel) + "/surat"
		form := url.Values{"nomor_surat": {"100.2/215/Kec.Kdr"}, "tanggal_surat": {"2026-03-02"},
			"pengirim": {"Camat Kediri"}, "perihal": {"Perbaikan kantor"}, "klasifikasi": {"pemeliharaan"}}
		resp, body := s.do(http.MethodPost, base+"/masuk", tok["operator"], form)
		if resp.StatusCode != 422 || !strings.Contains(body, "Ada 2 kode klasifikasi yang cocok dengan “pemeliharaan”") ||
			!strings.Contains(body, `name="klasifikasi_pilih" value="000.1.8"`) || !strings.Contains(body, `name="klasifikasi_pilih" value="000.2.2"`) {
			t.Fatalf("two matches: %d %s", resp.StatusCode, body)
		}
		form.Set("klasifikasi_pilih", "000.2.2")
		resp, _ = s.do(http.MethodPost, base+"/masuk", tok["operator"], form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("with a choice: %d", resp.StatusCode)
		}
		_, body = s.do(http.MethodGet, resp.Header.Get("Location"), tok["operator"], nil)
		if !strings.Contains(body, "000.2.2 — Pemeliharaan Peralatan Kantor") {
			t.Fatalf("the letter's code: %s", body)
		}
		// One match names the code at once.
		form = url.Values{"nomor_surat": {"100/9"}, "tanggal_surat": {"2026-03-02"},
			"pengirim": {"Camat Kediri"}, "perihal": {"Edaran"}, "klasifikasi": {"pemerintahan umum"}}
		if resp, _ = s.do(http.MethodPost, base+"/masuk", tok["operator"], form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("one match: %d", resp.StatusCode)
		}
		_, body = s.do(http.MethodGet, resp.Header.Get("Location"), tok["operator"], nil)
		if !strings.Contains(body, "100.2 — Pemerintahan Umum") {
			t.Fatalf("the letter's code: %s", body)
		}
	})
}
