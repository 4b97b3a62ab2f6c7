package persuratan_test

import (
	"github.com/ngantor/ngantor/platform/web"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/page"
)

// sktm is a service letter full of personal data.
var sktm = persuratan.SuratLayananBaru{Jenis: "keterangan_tidak_mampu", Pemohon: persuratan.Pemohon{
	Nama: "Ni Nyoman Rahasia", NIK: "5102064107700003", TempatLahir: "Tabanan", TanggalLahir: "1970-07-01",
	Pekerjaan: "Buruh tani", Alamat: "Banjar Dinas Kelod Rahasia", Keperluan: "Keringanan biaya sekolah",
	Rincian: map[string]string{"penghasilan": "Rp 900.000"},
}}

var secrets = []string{"Nyoman Rahasia", "Kelod Rahasia", "5102064107700003", "900.000", "Buruh tani", "Keringanan"}

// Only the desa roles that issue letters download a PDF that prints a
// resident's NIK, address and income; the camat and the kabupaten read
// the register with the resident masked. Every download is recorded and
// the desa can list the record.
func TestOnlyIssuingRolesDownloadPersonalDataAndEveryDownloadIsRecorded(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		bk := "/desa/" + string(bengkel)
		rec := a.do(http.MethodPost, bk+"/surat-layanan", "operator-2001", sktm)
		wantStatus(t, rec, 201)
		s := decode[persuratan.SuratKeluarView](t, rec)
		pdf := bk + "/surat-keluar/" + s.ID + "/pdf"

		for _, wider := range []string{"camat", "admin-kab"} {
			wantStatus(t, a.do(http.MethodGet, pdf, wider, nil), 403)
			wantStatus(t, a.do(http.MethodGet, bk+"/surat-keluar/"+s.ID+"/unduhan", wider, nil), 403)
			for _, path := range []string{bk + "/surat-keluar", bk + "/surat-keluar/" + s.ID} {
				rec := a.do(http.MethodGet, path, wider, nil)
				wantStatus(t, rec, 200)
				for _, secret := range secrets {
					if strings.Contains(rec.Body.String(), secret) {
						t.Errorf("%s reads %q at %s: %s", wider, secret, path, rec.Body)
					}
				}
				if !strings.Contains(rec.Body.String(), "N* N***** R******") {
					t.Errorf("%s sees no masked name at %s: %s", wider, path, rec.Body)
				}
			}
			if v := decode[persuratan.SuratKeluarView](t, a.do(http.MethodGet, bk+"/surat-keluar/"+s.ID, wider, nil)); v.PDF ||
				v.Pemohon == nil || v.Pemohon.NIK != "5102**********03" {
				t.Errorf("%s's view: pdf %v, pemohon %+v; want no PDF and the NIK masked", wider, v.PDF, v.Pemohon)
			}
		}
		if v := decode[persuratan.SuratKeluarView](t, a.do(http.MethodGet, bk+"/surat-keluar/"+s.ID, "perbekel-2001", nil)); !v.PDF ||
			v.Pemohon.Nama != "Ni Nyoman Rahasia" || v.Pemohon.NIK != "5102**********03" {
			t.Errorf("perbekel's view: pdf %v, pemohon %+v; want the PDF, the name, the NIK masked", v.PDF, v.Pemohon)
		}

		for range 2 {
			rec := a.do(http.MethodGet, pdf, "operator-2001", nil)
			wantStatus(t, rec, 200)
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Fatalf("PDF without nosniff: %v", rec.Header())
			}
		}
		wantStatus(t, a.do(http.MethodGet, pdf, "perbekel-2001", nil), 200)
		rec = a.do(http.MethodGet, bk+"/surat-keluar/"+s.ID+"/unduhan?limit=2", "perbekel-2001", nil)
		wantStatus(t, rec, 200)
		p := decode[page.Page[persuratan.Unduhan]](t, rec)
		if len(p.Items) != 2 || p.NextCursor == "" || p.Items[0].Oleh != "perbekel-2001" || p.Items[0].Saluran != "api" ||
			p.Items[0].SuratKeluarID != s.ID || p.Items[0].CreatedAt.IsZero() {
			t.Fatalf("downloads page 1: %+v, want the perbekel's first, newest first, and more to come", p)
		}
		rec = a.do(http.MethodGet, bk+"/surat-keluar/"+s.ID+"/unduhan?limit=2&cursor="+p.NextCursor, "perbekel-2001", nil)
		if p2 := decode[page.Page[persuratan.Unduhan]](t, rec); len(p2.Items) != 1 || p2.Items[0].Oleh != "operator-2001" {
			t.Fatalf("downloads page 2: %+v, want the operator's first download", p2)
		}
		// Another desa's perbekel, through their own desa's address.
		wantStatus(t, a.do(http.MethodGet, "/desa/"+string(tetangga)+"/surat-keluar/"+s.ID+"/unduhan", "perbekel-2002", nil), 404)
		wantStatus(t, a.do(http.MethodGet, "/desa/"+string(tetangga)+"/surat-keluar/"+s.ID+"/pdf", "perbekel-2002", nil), 404)
	})
}

func TestPagesShowPersonalDataOnlyToIssuingRoles(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		m := newModule(t, d)
		letter, err := m.IssueLayanan(desaCtx(bengkel), sktm, "u")
		if err != nil {
			t.Fatal(err)
		}
		base := "/desa/" + string(bengkel) + "/surat"
		detail := base + "/keluar/" + letter.ID

		for _, path := range []string{base + "/keluar", detail} {
			resp, body := s.do(http.MethodGet, path, tok["camat"], nil)
			if resp.StatusCode != 200 || !strings.Contains(body, "N* N***** R******") {
				t.Fatalf("camat at %s: %d, want the register with the name masked: %s", path, resp.StatusCode, body)
			}
			for _, secret := range secrets {
				if strings.Contains(body, secret) {
					t.Errorf("camat reads %q at %s", secret, path)
				}
			}
			if strings.Contains(body, `id="unduh-pdf"`) || strings.Contains(body, "/pdf") || strings.Contains(body, `id="batal-surat"`) || strings.Contains(body, "/layanan") {
				t.Errorf("camat is offered the PDF, the cancel form or the issue form at %s", path)
			}
		}
		if resp, _ := s.do(http.MethodGet, detail+"/pdf", tok["camat"], nil); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("camat downloads the PDF page: %d, want 403", resp.StatusCode)
		}

		resp, body := s.do(http.MethodGet, detail, tok["operator"], nil)
		href := regexp.MustCompile(`id="unduh-pdf" href="([^"]+)"`).FindStringSubmatch(body)
		if resp.StatusCode != 200 || href == nil || !strings.Contains(body, "Belum pernah diunduh") {
			t.Fatalf("operator's detail: %d, want the PDF link and an empty download record: %s", resp.StatusCode, body)
		}
		resp, _ = s.do(http.MethodGet, href[1], tok["operator"], nil)
		if resp.StatusCode != 200 || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("page PDF: %d %v", resp.StatusCode, resp.Header)
		}
		_, body = s.do(http.MethodGet, detail, tok["operator"], nil)
		if !regexp.MustCompile(`id="riwayat-unduhan"[\s\S]*operator · halaman web`).MatchString(body) {
			t.Fatalf("the detail page does not list the download: %s", body)
		}
	})
}

// A letter issued in error is cancelled, once, with a reason: its number
// stays used, the register and the public verification page say
// DIBATALKAN, and the verification names the holder masked so a QR code
// copied onto someone else's letter shows.
func TestCancelledLetterKeepsItsNumberAndVerificationSaysSo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		bk := "/desa/" + string(bengkel)
		rec := a.do(http.MethodPost, bk+"/surat-layanan", "operator-2001", sktm)
		wantStatus(t, rec, 201)
		s := decode[persuratan.SuratKeluarView](t, rec)
		batal := bk + "/surat-keluar/" + s.ID + "/batal"

		v := decode[persuratan.Verifikasi](t, a.do(http.MethodGet, "/verifikasi/"+s.ID, "", nil))
		if v.Dibatalkan || v.Pemegang != "N* N***** R******" {
			t.Fatalf("verification before: %+v, want valid and the holder masked", v)
		}
		rec = a.do(http.MethodPost, batal, "operator-2001", persuratan.PembatalanBaru{Alasan: " \x00 "})
		wantStatus(t, rec, 422)
		if p := decode[problemDetails](t, rec); len(p.Errors) != 1 || p.Errors[0].Location != "body.alasan" {
			t.Fatalf("cancel without reason: %s, want body.alasan named", rec.Body)
		}
		wantStatus(t, a.do(http.MethodPost, batal, "camat", persuratan.PembatalanBaru{Alasan: "x"}), 403)
		wantStatus(t, a.do(http.MethodPost, "/desa/"+string(tetangga)+"/surat-keluar/"+s.ID+"/batal", "perbekel-2002",
			persuratan.PembatalanBaru{Alasan: "x"}), 404)
		rec = a.do(http.MethodPost, batal, "operator-2001", persuratan.PembatalanBaru{Alasan: "Salah ketik alamat"})
		wantStatus(t, rec, 200)
		if got := decode[persuratan.SuratKeluarView](t, rec); !got.Dibatalkan || got.BatalAlasan != "Salah ketik alamat" || got.Nomor != s.Nomor {
			t.Fatalf("cancelled: %+v", got)
		}
		wantStatus(t, a.do(http.MethodPost, batal, "perbekel-2001", persuratan.PembatalanBaru{Alasan: "lagi"}), 409)

		list := decode[page.Page[persuratan.SuratKeluarView]](t, a.do(http.MethodGet, bk+"/surat-keluar", "camat", nil))
		if len(list.Items) != 1 || !list.Items[0].Dibatalkan {
			t.Fatalf("register: %+v, want the letter marked cancelled", list.Items)
		}
		v = decode[persuratan.Verifikasi](t, a.do(http.MethodGet, "/verifikasi/"+s.ID, "", nil))
		if !v.Dibatalkan || v.DibatalkanPada != "2026-03-05" || v.Nomor != s.Nomor {
			t.Fatalf("verification after: %+v, want cancelled on 2026-03-05", v)
		}
		next := decode[persuratan.SuratKeluarView](t, a.do(http.MethodPost, bk+"/surat-layanan", "operator-2001", domisili("Ni Luh Ayu", "5102064107900001")))
		if next.Urut != s.Urut+1 {
			t.Fatalf("next letter numbered %d, want %d: a cancelled number stays used", next.Urut, s.Urut+1)
		}
	})
}

func TestPagesCancelALetterAndVerificationSaysDibatalkan(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, tok := newSite(t, d)
		m := newModule(t, d)
		letter, err := m.IssueLayanan(desaCtx(bengkel), sktm, "u")
		if err != nil {
			t.Fatal(err)
		}
		base := "/desa/" + string(bengkel) + "/surat"
		detail := base + "/keluar/" + letter.ID
		_, body := s.do(http.MethodGet, "/verifikasi/"+letter.ID, "", nil)
		if !strings.Contains(body, "N* N***** R******") || strings.Contains(body, "DIBATALKAN") {
			t.Fatalf("verification before: %s", body)
		}
		resp, body := s.do(http.MethodPost, detail+"/batal", tok["operator"], url.Values{"alasan": {"  "}})
		if resp.StatusCode != 422 || !strings.Contains(body, "Alasan pembatalan wajib diisi.") {
			t.Fatalf("cancel without reason: %d %s", resp.StatusCode, body)
		}
		if resp, _ := s.do(http.MethodPost, detail+"/batal", tok["camat"], url.Values{"alasan": {"x"}}); resp.StatusCode != 403 {
			t.Fatalf("camat cancels: %d, want 403", resp.StatusCode)
		}
		resp, _ = s.do(http.MethodPost, detail+"/batal", tok["operator"], url.Values{"alasan": {"Salah ketik alamat"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("cancel: %d", resp.StatusCode)
		}
		_, body = s.do(http.MethodGet, resp.Header.Get("Location"), tok["operator"], nil)
		if !strings.Contains(body, `id="status-batal"`) || !strings.Contains(body, "Salah ketik alamat") || strings.Contains(body, `id="batal-surat"`) {
			t.Fatalf("detail after cancel: %s", body)
		}
		resp, _ = s.do(http.MethodPost, detail+"/batal", tok["operator"], url.Values{"alasan": {"lagi"}})
		if resp.StatusCode != http.StatusConflict {
			t.Fatalf("cancel twice: %d, want 409", resp.StatusCode)
		}
		if _, body = s.do(http.MethodGet, base+"/keluar", tok["camat"], nil); !strings.Contains(body, "DIBATALKAN") ||
			!strings.Contains(body, "Dibatalkan 5 Maret 2026: Salah ketik alamat") {
			t.Fatalf("register lacks DIBATALKAN with its reason: %s", body)
		}
		_, body = s.do(http.MethodGet, "/verifikasi/"+letter.ID, "", nil)
		if !strings.Contains(body, `id="verifikasi-batal"`) || !strings.Contains(body, "DIBATALKAN") || strings.Contains(body, "tercatat dan sah") ||
			!strings.Contains(body, "Alasan pembatalan: Salah ketik alamat") {
			t.Fatalf("verification after cancel: %s", body)
		}
		// The number stays used: the next letter takes the one after it.
		next, err := m.IssueLayanan(desaCtx(bengkel), sktm, "u")
		if err != nil {
			t.Fatal(err)
		}
		if next.Urut != letter.Urut+1 {
			t.Fatalf("after cancelling number %d the next letter got %d, want %d", letter.Urut, next.Urut, letter.Urut+1)
		}
		if actions := len(s.audit.recs); actions != 1 || s.audit.recs[0].Action != web.PageAction("POST /desa/{kode}/surat/keluar/{id}/batal") {
			t.Fatalf("audit %+v, want one cancel record", s.audit.recs)
		}
	})
}

// Replacing an attachment removes the file it replaces, also when the new
// one has another type (another key).
func TestReplacingAnAttachmentRemovesTheOldFile(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		dir := t.TempDir()
		a := newAPI(t, d)
		m := newModule(t, d, func(deps *persuratan.Deps) {
			store, err := openFileBlob(dir)
			if err != nil {
				t.Fatal(err)
			}
			deps.Blob = store
		})
		bk := "/desa/" + string(bengkel)
		ctx := desaCtx(bengkel)
		sm, err := m.CreateMasuk(ctx, persuratan.SuratMasukBaru{NomorSurat: "1", TanggalSurat: "2026-03-01", Pengirim: "Camat", Perihal: "Rapat", Klasifikasi: "100.2"}, "u")
		if err != nil {
			t.Fatal(err)
		}
		pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
		png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
		files := func() []string {
			var out []string
			_ = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
				if err == nil && !e.IsDir() {
					out = append(out, filepath.Base(p))
				}
				return nil
			})
			return out
		}
		if _, err := m.PutLampiran(ctx, persuratan.RegisterMasuk, sm.ID, "surat.pdf", int64(len(pdf)), strings.NewReader(string(pdf))); err != nil {
			t.Fatal(err)
		}
		if got := files(); len(got) != 1 || !strings.HasSuffix(got[0], ".pdf") {
			t.Fatalf("after the first upload: %v", got)
		}
		if _, err := m.PutLampiran(ctx, persuratan.RegisterMasuk, sm.ID, "foto.png", int64(len(png)), strings.NewReader(string(png))); err != nil {
			t.Fatal(err)
		}
		if got := files(); len(got) != 1 || !strings.HasSuffix(got[0], ".png") {
			t.Fatalf("after replacing the PDF with a photo the store holds %v, want the photo alone", got)
		}
		// The API download of an attachment is not sniffed either.
		body, ct := multipartBody(t, "x.pdf", pdf)
		wantStatus(t, a.do(http.MethodPost, bk+"/surat-masuk/"+mustID(t, a, bk)+"/lampiran", "operator-2001", body, "Content-Type", ct), 201)
		rec := a.do(http.MethodGet, bk+"/surat-masuk/"+mustID(t, a, bk)+"/lampiran", "operator-2001", nil)
		wantStatus(t, rec, 200)
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("attachment without nosniff: %v", rec.Header())
		}
	})
}

func mustID(t *testing.T, a *api, bk string) string {
	t.Helper()
	p := decode[page.Page[persuratan.SuratMasukView]](t, a.do(http.MethodGet, bk+"/surat-masuk", "operator-2001", nil))
	if len(p.Items) == 0 {
		t.Fatal("no surat masuk")
	}
	return p.Items[0].ID
}
