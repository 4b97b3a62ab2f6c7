package persuratan_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
)

func TestSuratNumberingRestartsEachYear(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		steps := []struct {
			tanggal persuratan.Tanggal
			want    string
		}{
			{"2025-11-20", "000.1/001/2001/XI/2025"},
			{"2025-12-31", "000.1/002/2001/XII/2025"},
			{"2026-01-02", "000.1/001/2001/I/2026"},
			{"2025-12-31", "000.1/003/2001/XII/2025"}, // a late entry for last year continues last year's book
			{"2026-03-05", "000.1/002/2001/III/2026"},
		}
		for _, st := range steps {
			s, err := m.CreateKeluar(ctx, persuratan.SuratKeluarBaru{Tanggal: st.tanggal, Klasifikasi: "000.1", Tujuan: "BPD", Perihal: "Undangan"}, "u")
			if err != nil {
				t.Fatal(err)
			}
			if s.Nomor != st.want {
				t.Fatalf("letter of %s numbered %q, want %q", st.tanggal, s.Nomor, st.want)
			}
		}
	})
}

func TestSuratNumberingFollowsSequencePolicy(t *testing.T) {
	tests := []struct {
		name       string
		pengaturan persuratan.Pengaturan
		wantKeluar []string
		wantAgenda int64
	}{
		{"one sequence per register", persuratan.Pengaturan{Format: persuratan.DefaultFormat, Kebijakan: persuratan.KebijakanRegister, KodeDesa: "Bkl"},
			[]string{"000.1/001/Bkl/III/2026", "400.12.2/002/Bkl/III/2026"}, 1},
		{"one shared agenda", persuratan.Pengaturan{Format: "{nomor:3}/{kode}/{tahun}", Kebijakan: persuratan.KebijakanBersama, KodeDesa: "Bkl"},
			[]string{"001/000.1/2026", "002/400.12.2/2026"}, 3},
		{"per letter type", persuratan.Pengaturan{Format: "{jenis}/{nomor:3}/{tahun}", Kebijakan: persuratan.KebijakanJenis, KodeDesa: "Bkl"},
			[]string{"UM/001/2026", "SKD/001/2026"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbtest.Run(t, func(t *testing.T, d *db.DB) {
				m := newModule(t, d)
				ctx := desaCtx(bengkel)
				if _, err := m.SetPengaturan(ctx, tt.pengaturan, "u"); err != nil {
					t.Fatal(err)
				}
				a, err := m.CreateKeluar(ctx, persuratan.SuratKeluarBaru{Klasifikasi: "000.1", Tujuan: "BPD", Perihal: "Undangan"}, "u")
				if err != nil {
					t.Fatal(err)
				}
				b, err := m.IssueLayanan(ctx, domisili("Ni Luh Ayu", "5102064107900001"), "u")
				if err != nil {
					t.Fatal(err)
				}
				if got := []string{a.Nomor, b.Nomor}; !slices.Equal(got, tt.wantKeluar) {
					t.Fatalf("numbers %v, want %v", got, tt.wantKeluar)
				}
				in, err := m.CreateMasuk(ctx, persuratan.SuratMasukBaru{NomorSurat: "100/1", TanggalSurat: "2026-03-01",
					Pengirim: "Camat", Perihal: "Rapat", Klasifikasi: "100.2"}, "u")
				if err != nil {
					t.Fatal(err)
				}
				if in.NomorAgenda != tt.wantAgenda {
					t.Fatalf("agenda number %d, want %d", in.NomorAgenda, tt.wantAgenda)
				}
			})
		})
	}
}

func TestSequencePolicyChangesOnlyBeforeTheYearsFirstNumber(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		bersama := persuratan.Pengaturan{Format: persuratan.DefaultFormat, Kebijakan: persuratan.KebijakanBersama, KodeDesa: "2001"}
		if _, err := m.SetPengaturan(ctx, bersama, "u"); err != nil {
			t.Fatalf("before any letter: %v", err)
		}
		if _, err := m.CreateKeluar(ctx, persuratan.SuratKeluarBaru{Klasifikasi: "000.1", Tujuan: "BPD", Perihal: "Undangan"}, "u"); err != nil {
			t.Fatal(err)
		}
		register := bersama
		register.Kebijakan = persuratan.KebijakanRegister
		if _, err := m.SetPengaturan(ctx, register, "u"); !fault.Is(err, fault.Conflict) {
			t.Fatalf("mid-year policy change: %v, want conflict", err)
		}
		bersama.KodeDesa = "Bkl"
		if _, err := m.SetPengaturan(ctx, bersama, "u"); err != nil {
			t.Fatalf("format change mid-year: %v", err)
		}
	})
}

func TestPengaturanRefusesPerTypeSequenceWithoutTypeInFormat(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		_, err := m.SetPengaturan(desaCtx(bengkel), persuratan.Pengaturan{Format: persuratan.DefaultFormat,
			Kebijakan: persuratan.KebijakanJenis, KodeDesa: "2001"}, "u")
		if !fault.Is(err, fault.Invalid) {
			t.Fatalf("err %v, want invalid", err)
		}
	})
}

// TestFiftyParallelIssuesAreNumberedOneToFifty issues 50 service letters at
// once through the HTTP edge: the numbers must be exactly 1..50.
func TestFiftyParallelIssuesAreNumberedOneToFifty(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPI(t, d)
		const n = 50
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			urut  []int64
			nomor = map[string]bool{}
			fails []string
		)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body := domisili(fmt.Sprintf("Warga %d", i), fmt.Sprintf("51020641079%05d", i+1))
				raw := mustJSON(body)
				req := httptest.NewRequest(http.MethodPost, "https://ngantor.example/api/v1/desa/"+string(bengkel)+"/surat-layanan", bytes.NewReader(raw))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer operator-2001")
				rec := httptest.NewRecorder()
				a.srv.Mux().ServeHTTP(rec, req)
				mu.Lock()
				defer mu.Unlock()
				if rec.Code != http.StatusCreated {
					fails = append(fails, fmt.Sprintf("%d %s", rec.Code, rec.Body))
					return
				}
				v := decodeBytes[persuratan.SuratKeluarView](rec.Body.Bytes())
				urut = append(urut, v.Urut)
				nomor[v.Nomor] = true
			}()
		}
		wg.Wait()
		if len(fails) > 0 {
			t.Fatalf("%d requests failed, first: %s", len(fails), fails[0])
		}
		slices.Sort(urut)
		for i, u := range urut {
			if u != int64(i+1) {
				t.Fatalf("numbers %v: want exactly 1..%d", urut, n)
			}
		}
		if len(nomor) != n {
			t.Fatalf("%d distinct numbers, want %d", len(nomor), n)
		}
		p, err := a.m.ListKeluar(desaCtx(bengkel), persuratan.ListQuery{Params: page.Params{Limit: 100}})
		if err != nil || len(p.Items) != n {
			t.Fatalf("register holds %d letters (%v), want %d", len(p.Items), err, n)
		}
	})
}

func TestLetterKeepsKlasifikasiAsIssuedAfterTableChanges(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		first, err := m.CreateKeluar(ctx, persuratan.SuratKeluarBaru{Tanggal: "2026-02-10", Klasifikasi: "400.12.2", Tujuan: "Disdukcapil", Perihal: "Data penduduk"}, "u")
		if err != nil {
			t.Fatal(err)
		}
		if first.KlasifikasiUraian != "Pendaftaran Penduduk" {
			t.Fatalf("uraian %q, want the national one", first.KlasifikasiUraian)
		}
		// The kabupaten reissues the code with another uraian from 1 March,
		// and the national row is rewritten (a corrected regulation).
		if _, err := m.AddKlasifikasi(context.Background(), "51.02", persuratan.KlasifikasiBaru{
			Kode: "400.12.2", Uraian: "Pendaftaran dan Pendataan Penduduk", ValidFrom: "2026-03-01"}, "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := d.NewUpdate().Table("klasifikasi_surat").Set("uraian = ?", "Uraian lama yang diganti").
			Where("kode = ? AND wilayah_kode = ''", "400.12.2").Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
		second, err := m.CreateKeluar(ctx, persuratan.SuratKeluarBaru{Klasifikasi: "400.12.2", Tujuan: "Disdukcapil", Perihal: "Data penduduk"}, "u")
		if err != nil {
			t.Fatal(err)
		}
		if second.KlasifikasiUraian != "Pendaftaran dan Pendataan Penduduk" {
			t.Fatalf("new letter uraian %q, want the kabupaten's from 1 March", second.KlasifikasiUraian)
		}
		again, err := m.SuratKeluar(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again.KlasifikasiKode != "400.12.2" || again.KlasifikasiUraian != "Pendaftaran Penduduk" {
			t.Fatalf("old letter now %s %q, want it as issued", again.KlasifikasiKode, again.KlasifikasiUraian)
		}
	})
}

func TestUnknownOrExpiredKlasifikasiIsRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		if _, err := m.AddKlasifikasi(context.Background(), "51.02", persuratan.KlasifikasiBaru{
			Kode: "400.10.9", Uraian: "Kode sementara", ValidFrom: "2025-01-01", ValidTo: "2025-12-31"}, "admin"); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name    string
			kode    string
			tanggal persuratan.Tanggal
			ok      bool
		}{
			{"national code", "500.3", "2026-01-05", true},
			{"kabupaten code while valid", "400.10.9", "2025-06-01", true},
			{"kabupaten code after it ended", "400.10.9", "2026-01-05", false},
			{"code that does not exist", "999.9", "2026-01-05", false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := m.CreateKeluar(desaCtx(bengkel), persuratan.SuratKeluarBaru{Tanggal: tt.tanggal, Klasifikasi: tt.kode, Tujuan: "x", Perihal: "y"}, "u")
				if tt.ok != (err == nil) {
					t.Fatalf("err %v, want ok=%v", err, tt.ok)
				}
				if err != nil && !fault.Is(err, fault.Invalid) {
					t.Fatalf("err %v, want invalid", err)
				}
			})
		}
	})
}

func TestTenantNeverSeesAnotherDesasLetters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		a, b := desaCtx(bengkel), desaCtx(tetangga)
		sk, err := m.IssueLayanan(a, domisili("Ni Luh Ayu", "5102064107900001"), "u")
		if err != nil {
			t.Fatal(err)
		}
		sm, err := m.CreateMasuk(a, persuratan.SuratMasukBaru{NomorSurat: "1", TanggalSurat: "2026-03-01", Pengirim: "Camat", Perihal: "Rapat", Klasifikasi: "100.2"}, "u")
		if err != nil {
			t.Fatal(err)
		}
		if p, err := m.ListKeluar(b, persuratan.ListQuery{}); err != nil || len(p.Items) != 0 {
			t.Fatalf("desa B lists %d surat keluar (%v), want 0", len(p.Items), err)
		}
		if p, err := m.ListMasuk(b, persuratan.ListQuery{}); err != nil || len(p.Items) != 0 {
			t.Fatalf("desa B lists %d surat masuk (%v), want 0", len(p.Items), err)
		}
		if _, err := m.SuratKeluar(b, sk.ID); !fault.Is(err, fault.NotFound) {
			t.Fatalf("desa B reads A's letter: %v", err)
		}
		if _, _, err := m.PDF(b, sk.ID, persuratan.Pengunduh{ID: "u"}); !fault.Is(err, fault.NotFound) {
			t.Fatalf("desa B reads A's PDF: %v", err)
		}
		if _, _, err := m.SuratMasuk(b, sm.ID); !fault.Is(err, fault.NotFound) {
			t.Fatalf("desa B reads A's surat masuk: %v", err)
		}
		if _, err := m.AddDisposisi(b, sm.ID, persuratan.DisposisiBaru{KepadaNama: "x", Catatan: "y"}, "u"); !fault.Is(err, fault.NotFound) {
			t.Fatalf("desa B directs A's letter: %v", err)
		}
		if _, err := m.ListKeluar(context.Background(), persuratan.ListQuery{}); err == nil {
			t.Fatal("a list without a tenant succeeded")
		}
	})
}

func TestPDFStartsWithMagicAndCarriesNumber(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		s, err := m.IssueLayanan(ctx, persuratan.SuratLayananBaru{Jenis: "keterangan_usaha", Pemohon: persuratan.Pemohon{
			Nama: "Ni Wayan Sukerti", NIK: "5102064508800001", Alamat: "Banjar Tengah", Keperluan: "KUR",
			Rincian: map[string]string{"nama_usaha": "Warung Sukerti", "jenis_usaha": "warung makan", "alamat_usaha": "Jalan Raya Bengkel"},
		}}, "u")
		if err != nil {
			t.Fatal(err)
		}
		if s.Nomor != "500.3/001/2001/III/2026" {
			t.Fatalf("nomor %q", s.Nomor)
		}
		_, b, err := m.PDF(ctx, s.ID, persuratan.Pengunduh{ID: "u"})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte(s.Nomor)) {
			t.Fatalf("PDF of %d bytes lacks the magic or the number %q", len(b), s.Nomor)
		}
	})
}

func TestServiceLetterNeedsASigner(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		_, err := m.IssueLayanan(desaCtx("51.02.06.2003"), domisili("Ni Luh Ayu", "5102064107900001"), "u")
		if !fault.Is(err, fault.Conflict) {
			t.Fatalf("err %v, want conflict", err)
		}
	})
}

func TestSeedDemoIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := context.Background()
		count := func() (years map[int]int, masuk int) {
			years = map[int]int{}
			for _, k := range []string{string(bengkel), string(tetangga)} {
				p, err := m.ListKeluar(desaCtx(tenancyKode(k)), persuratan.ListQuery{Params: page.Params{Limit: 100}})
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range p.Items {
					years[s.Tahun]++
				}
				pm, err := m.ListMasuk(desaCtx(tenancyKode(k)), persuratan.ListQuery{Params: page.Params{Limit: 100}})
				if err != nil {
					t.Fatal(err)
				}
				masuk += len(pm.Items)
			}
			return years, masuk
		}
		if err := m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		y1, m1 := count()
		if y1[2025] == 0 || y1[2026] == 0 || m1 == 0 {
			t.Fatalf("demo letters per year %v, surat masuk %d: want both years and some incoming", y1, m1)
		}
		if err := m.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		y2, m2 := count()
		if fmt.Sprint(y1) != fmt.Sprint(y2) || m1 != m2 {
			t.Fatalf("second seed changed counts: %v/%d → %v/%d", y1, m1, y2, m2)
		}
	})
}

func TestNIKMustBeSixteenDigits(t *testing.T) {
	tests := []struct {
		nik string
		ok  bool
	}{
		{"5102064107900001", true},
		{"510206410790000", false},
		{"51020641079000011", false},
		{"51020641079O0001", false},
		{"0000001234567890", false},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		for _, tt := range tests {
			t.Run(tt.nik, func(t *testing.T) {
				_, err := m.IssueLayanan(desaCtx(bengkel), domisili("Ni Luh Ayu", tt.nik), "u")
				if tt.ok != (err == nil) || (err != nil && !strings.Contains(err.Error(), "NIK")) {
					t.Fatalf("NIK %s: err %v, want ok=%v", tt.nik, err, tt.ok)
				}
			})
		}
	})
}

// The register reads newest date first; in the demo, numbers must agree:
// within a year and a sequence, a later date never has a lower number.
func TestSeedDemoNumbersRiseWithDates(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		if err := m.SeedDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{string(bengkel), string(tetangga)} {
			p, err := m.ListKeluar(desaCtx(tenancyKode(k)), persuratan.ListQuery{Params: page.Params{Limit: 100}})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range p.Items {
				for _, b := range p.Items {
					if a.Tahun == b.Tahun && a.Lingkup == b.Lingkup && a.Tanggal < b.Tanggal && a.Urut > b.Urut {
						t.Errorf("%s: %s dated %s is numbered after %s dated %s", k, a.Nomor, a.Tanggal, b.Nomor, b.Tanggal)
					}
				}
			}
			pm, err := m.ListMasuk(desaCtx(tenancyKode(k)), persuratan.ListQuery{Params: page.Params{Limit: 100}})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range pm.Items {
				for _, b := range pm.Items {
					if a.Tahun == b.Tahun && a.TanggalTerima < b.TanggalTerima && a.NomorAgenda > b.NomorAgenda {
						t.Errorf("%s: agenda %d received %s is after agenda %d received %s", k, a.NomorAgenda, a.TanggalTerima, b.NomorAgenda, b.TanggalTerima)
					}
				}
			}
		}
	})
}
