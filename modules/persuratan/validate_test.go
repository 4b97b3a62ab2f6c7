package persuratan_test

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

type problemDetails struct {
	Status int `json:"status"`
	Errors []struct {
		Location string `json:"location"`
		Message  string `json:"message"`
	} `json:"errors"`
}

// TestInputRulesAreTheSameForAPIAndPages sends the same bad input through
// the API and through the page form: both refuse it with the same status,
// the API names every field at fault in errors[], the page shows the very
// same messages and keeps what was typed. Text with NUL or other control
// characters is a 422, never a 500 (PostgreSQL refuses NUL in text).
func TestInputRulesAreTheSameForAPIAndPages(t *testing.T) {
	long := strings.Repeat("a", 60_000)
	usaha := func(mod func(p *persuratan.Pemohon)) persuratan.SuratLayananBaru {
		in := persuratan.SuratLayananBaru{Jenis: "keterangan_tidak_mampu", Pemohon: persuratan.Pemohon{
			Nama: "Ni Luh Ayu", NIK: "5102064107900001", Alamat: "Banjar Dinas Kaja", Keperluan: "Beasiswa",
			Rincian: map[string]string{}}}
		mod(&in.Pemohon)
		return in
	}
	layananForm := func(in persuratan.SuratLayananBaru) url.Values {
		p := in.Pemohon
		f := url.Values{"jenis": {in.Jenis}, "nama": {p.Nama}, "nik": {p.NIK}, "tempat_lahir": {p.TempatLahir},
			"tanggal_lahir": {string(p.TanggalLahir)}, "jenis_kelamin": {p.JenisKelamin}, "pekerjaan": {p.Pekerjaan},
			"alamat": {p.Alamat}, "keperluan": {p.Keperluan}}
		for k, v := range p.Rincian {
			f.Set("rincian_"+k, v)
		}
		return f
	}
	masuk := func(mod func(m *persuratan.SuratMasukBaru)) persuratan.SuratMasukBaru {
		in := persuratan.SuratMasukBaru{TanggalTerima: "2026-03-04", NomorSurat: "100.2/215/Kec.Kdr", TanggalSurat: "2026-03-02",
			Pengirim: "Camat Kediri", Perihal: "Rapat koordinasi", Klasifikasi: "100.2"}
		mod(&in)
		return in
	}
	masukForm := func(in persuratan.SuratMasukBaru) url.Values {
		return url.Values{"tanggal_terima": {string(in.TanggalTerima)}, "nomor_surat": {in.NomorSurat},
			"tanggal_surat": {string(in.TanggalSurat)}, "pengirim": {in.Pengirim}, "perihal": {in.Perihal}, "klasifikasi": {in.Klasifikasi}}
	}
	type tc struct {
		name   string
		api    string // path under /desa/{kode}
		body   any
		page   string // path under /desa/{kode}/surat
		form   url.Values
		status int
		fields []string // every field the answer must name
		kept   string   // a typed value the page must show again
	}
	cases := []tc{}
	layanan := func(name string, mod func(p *persuratan.Pemohon), fields ...string) {
		in := usaha(mod)
		cases = append(cases, tc{name, "/surat-layanan", in, "/layanan", layananForm(in), 422, fields, "Banjar Dinas Kaja"})
	}
	layanan("a name of 60,000 characters", func(p *persuratan.Pemohon) { p.Nama = long }, "body.pemohon.nama")
	layanan("NUL in the address", func(p *persuratan.Pemohon) { p.Alamat = "Banjar Dinas Kaja\x00" }, "body.pemohon.alamat")
	layanan("control character in a detail", func(p *persuratan.Pemohon) { p.Rincian["penghasilan"] = "Rp 900.000\x1b" }, "body.pemohon.rincian.penghasilan")
	layanan("NIK outside any kecamatan", func(p *persuratan.Pemohon) { p.NIK = "0002064107900001" }, "body.pemohon.nik")
	layanan("NIK with an impossible birth day", func(p *persuratan.Pemohon) { p.NIK = "5102067207900001" }, "body.pemohon.nik")
	layanan("NIK of a woman, form says man", func(p *persuratan.Pemohon) { p.JenisKelamin = "L" }, "body.pemohon.jenis_kelamin")
	layanan("born in 2030", func(p *persuratan.Pemohon) { p.TanggalLahir = "2030-01-01" }, "body.pemohon.tanggal_lahir")
	layanan("birth date against the NIK", func(p *persuratan.Pemohon) { p.TanggalLahir = "1990-07-02" }, "body.pemohon.tanggal_lahir")
	layanan("dependants out of range", func(p *persuratan.Pemohon) { p.Rincian["tanggungan"] = "9999" }, "body.pemohon.rincian.tanggungan")
	layanan("income out of range", func(p *persuratan.Pemohon) { p.Rincian["penghasilan"] = "Rp 5.000.000.000.000" }, "body.pemohon.rincian.penghasilan")
	layanan("every field at once", func(p *persuratan.Pemohon) { p.Nama, p.NIK, p.Keperluan = "", "123", long },
		"body.pemohon.nama", "body.pemohon.nik", "body.pemohon.keperluan")
	surat := func(name string, mod func(m *persuratan.SuratMasukBaru), status int, fields ...string) {
		in := masuk(mod)
		cases = append(cases, tc{name, "/surat-masuk", in, "/masuk", masukForm(in), status, fields, in.NomorSurat})
	}
	surat("received before it was dated", func(m *persuratan.SuratMasukBaru) { m.TanggalTerima = "2026-03-01" }, 422, "body.tanggal_terima")
	surat("received tomorrow", func(m *persuratan.SuratMasukBaru) { m.TanggalTerima = "2026-03-06" }, 422, "body.tanggal_terima")
	surat("NUL and length in two fields", func(m *persuratan.SuratMasukBaru) { m.Pengirim, m.Perihal = "Camat\x00", long },
		422, "body.pengirim", "body.perihal")
	surat("the same letter twice", func(*persuratan.SuratMasukBaru) {}, 409, "body.nomor_surat")
	surat("no sender", func(m *persuratan.SuratMasukBaru) { m.Pengirim = "" }, 422, "body.pengirim")

	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		s, tok := newSite(t, d)
		bk := "/desa/" + string(bengkel)
		// The letter "the same letter twice" repeats.
		wantStatus(t, a.do(http.MethodPost, bk+"/surat-masuk", "operator-2001", masuk(func(*persuratan.SuratMasukBaru) {})), 201)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				rec := a.do(http.MethodPost, bk+c.api, "operator-2001", c.body)
				wantStatus(t, rec, c.status)
				p := decode[problemDetails](t, rec)
				got := map[string]string{}
				for _, e := range p.Errors {
					got[e.Location] = e.Message
				}
				for _, f := range c.fields {
					if got[f] == "" {
						t.Errorf("API names no %s: %s", f, rec.Body)
					}
				}
				for f, msg := range got {
					if w := doubledWord(msg); w != "" {
						t.Errorf("%s: %q says %q twice", f, msg, w)
					}
				}
				resp, body := s.do(http.MethodPost, bk+"/surat"+c.page, tok["operator"], c.form)
				if resp.StatusCode != c.status {
					t.Fatalf("page: %d, want %d: %.500s", resp.StatusCode, c.status, body)
				}
				for _, f := range c.fields {
					if msg := template.HTMLEscapeString(got[f]); !strings.Contains(body, msg) {
						t.Errorf("page lacks the API's message for %s, %q", f, got[f])
					}
				}
				if !strings.Contains(body, template.HTMLEscapeString(c.kept)) {
					t.Errorf("page lost the typed %q", c.kept)
				}
			})
		}
		// No letter date: the API's schema check answers in Bahasa, the
		// page names the field once ("Tanggal surat surat" was reported).
		noDate := masuk(func(m *persuratan.SuratMasukBaru) { m.TanggalSurat, m.NomorSurat = "", "100.2/216/Kec.Kdr" })
		rec := a.do(http.MethodPost, bk+"/surat-masuk", "operator-2001", noDate)
		wantStatus(t, rec, 422)
		if p := decode[problemDetails](t, rec); len(p.Errors) != 1 || p.Errors[0].Location != "body.tanggal_surat" ||
			!strings.Contains(p.Errors[0].Message, "TTTT-BB-HH") {
			t.Errorf("API, no letter date: %s", rec.Body)
		}
		resp, body := s.do(http.MethodPost, bk+"/surat/masuk", tok["operator"], masukForm(noDate))
		if resp.StatusCode != 422 || !strings.Contains(body, "Tanggal surat wajib diisi") || strings.Contains(body, "surat surat") {
			t.Errorf("page, no letter date: %d %.300s", resp.StatusCode, body)
		}
		// A disposisi note with NUL: 422 on both doors, never a 500.
		rec = a.do(http.MethodGet, bk+"/surat-masuk", "operator-2001", nil)
		id := decode[struct {
			Items []persuratan.SuratMasukView `json:"items"`
		}](t, rec).Items[0].ID
		wantStatus(t, a.do(http.MethodPost, bk+"/surat-masuk/"+id+"/disposisi", "operator-2001",
			persuratan.DisposisiBaru{KepadaNama: "Kasi", Catatan: "Hadiri\x00"}), 422)
		if resp, _ := s.do(http.MethodPost, bk+"/surat/masuk/"+id+"/disposisi", tok["operator"],
			url.Values{"kepada": {"Kasi"}, "catatan": {"Hadiri\x00"}}); resp.StatusCode != 422 {
			t.Fatalf("page disposisi with NUL: %d, want 422", resp.StatusCode)
		}
	})
}

func TestServiceLetterPrintsNumbersAsTheDesaWritesThem(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		s, err := m.IssueLayanan(desaCtx(bengkel), persuratan.SuratLayananBaru{Jenis: "keterangan_tidak_mampu", Pemohon: persuratan.Pemohon{
			Nama: "Ni Luh Ayu", NIK: "5102064107900001", Alamat: "Banjar Dinas Kaja", Keperluan: "Beasiswa",
			Rincian: map[string]string{"penghasilan": "rp1500000,-", "tanggungan": "3 orang"}}}, "u")
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Pemohon.Rincian; got["penghasilan"] != "Rp 1.500.000" || got["tanggungan"] != "3" {
			t.Fatalf("stored %v, want Rp 1.500.000 and 3", got)
		}
	})
}

// doubledWord is a word a message repeats back to back ("Tanggal surat
// surat wajib diisi"), or "".
func doubledWord(msg string) string {
	words := strings.Fields(strings.ToLower(msg))
	for i := 1; i < len(words); i++ {
		if w := strings.TrimRightFunc(words[i], unicode.IsPunct); w != "" && w == words[i-1] {
			return w
		}
	}
	return ""
}

func TestDoubledWordFindsARepeat(t *testing.T) {
	if w := doubledWord("Tanggal surat surat wajib diisi."); w != "surat" {
		t.Fatalf("doubledWord = %q, want surat", w)
	}
	if w := doubledWord("Antara Rp 0 dan Rp 1.000.000; sudah di buku agenda (agenda 1/2026)."); w != "" {
		t.Fatalf("doubledWord = %q, want none", w)
	}
}
