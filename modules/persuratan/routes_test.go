package persuratan_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/page"
)

type problem struct {
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

func TestSuratHandlers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		bk := "/desa/" + string(bengkel)
		created := a.do(http.MethodPost, bk+"/surat-keluar", "perbekel-2001",
			persuratan.SuratKeluarBaru{Klasifikasi: "000.1", Tujuan: "Ketua BPD", Perihal: "Undangan rapat"})
		wantStatus(t, created, http.StatusCreated)
		sk := decode[persuratan.SuratKeluarView](t, created)
		masuk := a.do(http.MethodPost, bk+"/surat-masuk", "operator-2001",
			persuratan.SuratMasukBaru{NomorSurat: "100.2/9", TanggalSurat: "2026-03-01", Pengirim: "Camat Kediri", Perihal: "Rapat", Klasifikasi: "100.2"})
		wantStatus(t, masuk, http.StatusCreated)
		sm := decode[persuratan.SuratMasukView](t, masuk)
		unknown := "0190f3c2-0000-7000-8000-000000000000"

		tests := []struct {
			name   string
			method string
			path   string
			user   string
			body   any
			status int
			detail string
		}{
			{"create surat keluar", http.MethodPost, bk + "/surat-keluar", "operator-2001",
				persuratan.SuratKeluarBaru{Klasifikasi: "000.1", Tujuan: "Camat", Perihal: "Laporan"}, 201, ""},
			{"issue service letter", http.MethodPost, bk + "/surat-layanan", "operator-2001", domisili("Ni Luh Ayu", "5102064107900001"), 201, ""},
			{"create disposisi", http.MethodPost, bk + "/surat-masuk/" + sm.ID + "/disposisi", "perbekel-2001",
				persuratan.DisposisiBaru{KepadaNama: "Kadek", KepadaJabatan: "Kasi Pemerintahan", Catatan: "Hadiri"}, 201, ""},
			{"kabupaten adds a code", http.MethodPost, "/wilayah/51.02/klasifikasi-surat", "admin-kab",
				persuratan.KlasifikasiBaru{Kode: "400.10.2", Uraian: "Lembaga kemasyarakatan desa", ValidFrom: "2026-01-01"}, 201, ""},
			{"code added twice", http.MethodPost, "/wilayah/51.02/klasifikasi-surat", "admin-kab",
				persuratan.KlasifikasiBaru{Kode: "400.10.2", Uraian: "Lagi", ValidFrom: "2026-01-01"}, 409, ""},
			{"code added at a kecamatan", http.MethodPost, "/wilayah/51.02.06/klasifikasi-surat", "admin-kab",
				persuratan.KlasifikasiBaru{Kode: "400.10.3", Uraian: "x", ValidFrom: "2026-01-01"}, 422, ""},
			{"perbekel cannot add codes", http.MethodPost, "/wilayah/51.02/klasifikasi-surat", "perbekel-2001",
				persuratan.KlasifikasiBaru{Kode: "400.10.4", Uraian: "x", ValidFrom: "2026-01-01"}, 403, ""},
			{"get surat keluar", http.MethodGet, bk + "/surat-keluar/" + sk.ID, "camat", nil, 200, ""},
			{"unknown surat keluar", http.MethodGet, bk + "/surat-keluar/" + unknown, "perbekel-2001", nil, 404, "surat keluar tidak ditemukan"},
			{"malformed id", http.MethodGet, bk + "/surat-keluar/bukan-uuid", "perbekel-2001", nil, 404, ""},
			{"another desa's letter", http.MethodGet, "/desa/" + string(tetangga) + "/surat-keluar/" + sk.ID, "perbekel-2002", nil, 404, ""},
			{"another desa's surat masuk", http.MethodGet, "/desa/" + string(tetangga) + "/surat-masuk/" + sm.ID, "perbekel-2002", nil, 404, ""},
			{"another desa's PDF", http.MethodGet, "/desa/" + string(tetangga) + "/surat-keluar/" + sk.ID + "/pdf", "perbekel-2002", nil, 404, ""},
			{"register entry has no PDF", http.MethodGet, bk + "/surat-keluar/" + sk.ID + "/pdf", "perbekel-2001", nil, 404, ""},
			{"other desa's user on this desa", http.MethodGet, bk + "/surat-keluar", "perbekel-2002", nil, 403, ""},
			{"forum reads no letters", http.MethodGet, bk + "/surat-keluar", "forum", nil, 403, ""},
			{"forum reads aggregates", http.MethodGet, "/wilayah/51.02.06/surat/statistik?tahun=2026", "forum", nil, 200, ""},
			{"camat cannot write", http.MethodPost, bk + "/surat-keluar", "camat",
				persuratan.SuratKeluarBaru{Klasifikasi: "000.1", Tujuan: "x", Perihal: "y"}, 403, ""},
			{"operator cannot change numbering", http.MethodPut, bk + "/pengaturan-surat", "operator-2001",
				persuratan.Pengaturan{Format: persuratan.DefaultFormat, Kebijakan: "register", KodeDesa: "Bkl"}, 403, ""},
			{"perbekel changes numbering", http.MethodPut, bk + "/pengaturan-surat", "perbekel-2001",
				persuratan.Pengaturan{Format: persuratan.DefaultFormat, Kebijakan: "register", KodeDesa: "Bkl"}, 200, ""},
			{"format without year", http.MethodPut, bk + "/pengaturan-surat", "perbekel-2001",
				persuratan.Pengaturan{Format: "{nomor}", Kebijakan: "register", KodeDesa: "Bkl"}, 422, "format nomor harus memuat {nomor} dan {tahun}"},
			{"NIK of 15 digits", http.MethodPost, bk + "/surat-layanan", "operator-2001", domisili("Ni Luh Ayu", "510206410790000"), 422, "NIK harus 16 angka."},
			{"unknown letter type", http.MethodPost, bk + "/surat-layanan", "operator-2001",
				map[string]any{"jenis": "keterangan_kelakuan_baik", "pemohon": domisili("A", "5102064107900001").Pemohon}, 422, ""},
			{"usaha without its name", http.MethodPost, bk + "/surat-layanan", "operator-2001",
				persuratan.SuratLayananBaru{Jenis: "keterangan_usaha", Pemohon: domisili("A", "5102064107900001").Pemohon}, 422, "Nama usaha wajib diisi."},
			{"unknown code", http.MethodPost, bk + "/surat-keluar", "perbekel-2001",
				persuratan.SuratKeluarBaru{Klasifikasi: "999", Tujuan: "x", Perihal: "y"}, 422, ""},
			{"future date", http.MethodPost, bk + "/surat-keluar", "perbekel-2001",
				persuratan.SuratKeluarBaru{Tanggal: "2026-03-06", Klasifikasi: "000.1", Tujuan: "x", Perihal: "y"}, 422, "Tanggal surat tidak boleh setelah hari ini (5 Maret 2026)."},
			{"kelurahan is no tenant", http.MethodGet, "/desa/51.71.01.1001/surat-keluar", "admin-kab", nil, 404, ""},
			{"no session", http.MethodGet, bk + "/surat-keluar", "", nil, 401, ""},
			{"bad cursor", http.MethodGet, bk + "/surat-keluar?cursor=xyz", "perbekel-2001", nil, 422, ""},
			{"list klasifikasi from a desa", http.MethodGet, "/wilayah/" + string(bengkel) + "/klasifikasi-surat?q=penduduk", "operator-2001", nil, 200, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec := a.do(tt.method, tt.path, tt.user, tt.body)
				wantStatus(t, rec, tt.status)
				if tt.detail != "" {
					if p := decode[problem](t, rec); p.Detail != tt.detail {
						t.Fatalf("detail %q, want %q", p.Detail, tt.detail)
					}
				}
			})
		}
	})
}

func TestRegisterListsFilterAndCarryIDs(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		bk := "/desa/" + string(bengkel)
		for _, in := range []persuratan.SuratKeluarBaru{
			{Tanggal: "2025-05-01", Klasifikasi: "900.1.3", Tujuan: "Camat", Perihal: "Laporan APBDes"},
			{Tanggal: "2026-02-01", Klasifikasi: "000.1", Tujuan: "BPD", Perihal: "Undangan musdes"},
			{Tanggal: "2026-02-02", Klasifikasi: "900.1.2", Tujuan: "Camat", Perihal: "Rancangan APBDes"},
			// Registered late, dated earlier: the register still reads by date.
			{Tanggal: "2025-11-10", Klasifikasi: "000.1", Tujuan: "Kelian banjar", Perihal: "Undangan rapat"},
		} {
			wantStatus(t, a.do(http.MethodPost, bk+"/surat-keluar", "perbekel-2001", in), 201)
		}
		tests := []struct {
			query string
			want  int
		}{
			{"", 4},
			{"?tahun=2026", 2},
			{"?klasifikasi=900", 2},
			{"?klasifikasi=900.1.3", 1},
			{"?q=apbdes", 2},
			{"?tahun=2026&q=APBDES", 1},
			{"?jenis=keterangan_domisili", 0},
		}
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				rec := a.do(http.MethodGet, bk+"/surat-keluar"+tt.query, "camat", nil)
				wantStatus(t, rec, 200)
				p := decode[page.Page[map[string]any]](t, rec)
				if len(p.Items) != tt.want {
					t.Fatalf("%d items, want %d", len(p.Items), tt.want)
				}
				for _, it := range p.Items {
					if id, _ := it["id"].(string); id == "" {
						t.Fatalf("item without id: %v", it)
					}
					if _, ok := it["pemohon"]; ok {
						t.Fatalf("list item carries the resident: %v", it)
					}
				}
			})
		}
		// Paging walks every letter once, newest date first.
		seen := map[string]bool{}
		var dates []string
		path := bk + "/surat-keluar?limit=1"
		for range 5 {
			rec := a.do(http.MethodGet, path, "camat", nil)
			p := decode[page.Page[persuratan.SuratKeluarView]](t, rec)
			for _, s := range p.Items {
				seen[s.ID] = true
				dates = append(dates, string(s.Tanggal))
			}
			if p.NextCursor == "" {
				break
			}
			path = bk + "/surat-keluar?limit=1&cursor=" + p.NextCursor
		}
		if len(seen) != 4 {
			t.Fatalf("paging saw %d letters, want 4", len(seen))
		}
		if want := []string{"2026-02-02", "2026-02-01", "2025-11-10", "2025-05-01"}; !slices.Equal(dates, want) {
			t.Fatalf("register order %v, want %v", dates, want)
		}
	})
}

func multipartBody(t *testing.T, name string, content []byte) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fw, err := w.CreateFormFile("berkas", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(content)
	_ = w.Close()
	return b.Bytes(), w.FormDataContentType()
}

func TestLampiranUploadAllowsOnlyPDFJPEGPNGUpTo10MiB(t *testing.T) {
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
	tooLarge := append([]byte("%PDF-1.4\n"), make([]byte, persuratan.MaxLampiranBytes)...)
	tests := []struct {
		name    string
		file    string
		content []byte
		status  int
	}{
		{"pdf", "surat camat.pdf", pdf, 201},
		{"png", "foto.png", png, 201},
		{"text", "catatan.txt", []byte("bukan berkas yang diizinkan"), 422},
		{"windows program named pdf", "surat.pdf", append([]byte("MZ\x90\x00"), make([]byte, 100)...), 422},
		{"html", "x.pdf", []byte("<html><script>alert(1)</script></html>"), 422},
		{"larger than 10 MiB", "besar.pdf", tooLarge, 422},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		bk := "/desa/" + string(bengkel)
		rec := a.do(http.MethodPost, bk+"/surat-masuk", "perbekel-2001",
			persuratan.SuratMasukBaru{NomorSurat: "1", TanggalSurat: "2026-03-01", Pengirim: "Camat", Perihal: "Rapat", Klasifikasi: "100.2"})
		wantStatus(t, rec, 201)
		sm := decode[persuratan.SuratMasukView](t, rec)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				body, ct := multipartBody(t, tt.file, tt.content)
				rec := a.do(http.MethodPost, bk+"/surat-masuk/"+sm.ID+"/lampiran", "operator-2001", body, "Content-Type", ct)
				wantStatus(t, rec, tt.status)
				if tt.status != 201 {
					return
				}
				got := a.do(http.MethodGet, bk+"/surat-masuk/"+sm.ID+"/lampiran", "camat", nil)
				wantStatus(t, got, 200)
				if !bytes.Equal(got.Body.Bytes(), tt.content) {
					t.Fatalf("downloaded %d bytes, want the %d uploaded", got.Body.Len(), len(tt.content))
				}
			})
		}
		body, ct := multipartBody(t, "x.pdf", pdf)
		foreign := a.do(http.MethodPost, "/desa/"+string(tetangga)+"/surat-masuk/"+sm.ID+"/lampiran", "perbekel-2002", body, "Content-Type", ct)
		wantStatus(t, foreign, 404)
	})
}

func TestVerificationShowsNoPersonalData(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		in := persuratan.SuratLayananBaru{Jenis: "keterangan_tidak_mampu", Pemohon: persuratan.Pemohon{
			Nama: "Ni Nyoman Rahasia", NIK: "5102064107700003", TempatLahir: "Tabanan", TanggalLahir: "1970-07-01",
			Pekerjaan: "Buruh tani", Alamat: "Banjar Dinas Kelod Rahasia", Keperluan: "Keringanan biaya sekolah",
			Rincian: map[string]string{"penghasilan": "Rp 900.000"},
		}}
		rec := a.do(http.MethodPost, "/desa/"+string(bengkel)+"/surat-layanan", "perbekel-2001", in)
		wantStatus(t, rec, 201)
		s := decode[persuratan.SuratKeluarView](t, rec)
		if s.Pemohon == nil || s.Pemohon.NIK != "5102**********03" {
			t.Fatalf("issuer's view should mask the NIK: %+v", s.Pemohon)
		}
		v := a.do(http.MethodGet, "/verifikasi/"+s.ID, "", nil)
		wantStatus(t, v, 200)
		body := v.Body.String()
		for _, want := range []string{s.Nomor, "2026-03-05", "Bengkel", "Surat Keterangan Tidak Mampu", "I Wayan Sudarma", "Perbekel Bengkel"} {
			if !strings.Contains(body, want) {
				t.Errorf("verification lacks %q: %s", want, body)
			}
		}
		for _, secret := range []string{"Rahasia", "5102064107700003", "510206", "Tabanan,", "1970", "Buruh", "Keringanan", "900.000"} {
			if strings.Contains(body, secret) {
				t.Errorf("verification shows %q: %s", secret, body)
			}
		}
		wantStatus(t, a.do(http.MethodGet, "/verifikasi/0190f3c2-0000-7000-8000-000000000000", "", nil), 404)
		wantStatus(t, a.do(http.MethodGet, "/verifikasi/bukan-id", "", nil), 404)
	})
}

func TestStatistikCountsPerDesaOnly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		if err := a.m.SeedDemo(desaCtx(bengkel)); err != nil {
			t.Fatal(err)
		}
		rec := a.do(http.MethodGet, "/wilayah/51.02.06/surat/statistik?tahun=2026", "forum", nil)
		wantStatus(t, rec, 200)
		got := decode[struct {
			Tahun int                        `json:"tahun"`
			Desa  []persuratan.StatistikDesa `json:"desa"`
		}](t, rec)
		if got.Tahun != 2026 || len(got.Desa) != 2 {
			t.Fatalf("statistik %+v, want two desa in 2026", got)
		}
		for _, s := range got.Desa {
			if s.Keluar != 4 || s.Layanan != 2 || s.Masuk != 1 {
				t.Fatalf("%s: keluar %d layanan %d masuk %d, want 4/2/1", s.DesaKode, s.Keluar, s.Layanan, s.Masuk)
			}
		}
		if strings.Contains(rec.Body.String(), "Sukerti") || strings.Contains(rec.Body.String(), "Undangan") {
			t.Fatalf("aggregate leaks letter content: %s", rec.Body)
		}
	})
}
