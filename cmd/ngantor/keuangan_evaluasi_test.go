package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// evPostPage posts a page form with the session cookie of token, from the
// same site, and returns the status and body without following a redirect.
func evPostPage(t *testing.T, srv *httptest.Server, path, token string, form url.Values) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "ngantor_session", Value: token})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(raw)
}

// evSubmitAPBDes writes a small APBDes 2026 for desa and submits it to the
// camat; it returns the id of its road line.
func evSubmitAPBDes(t *testing.T, d *db.DB, desa tenancy.Kode) string {
	t.Helper()
	now := time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
	lines := []keuangan.Baris{
		{Kelompok: keuangan.KelompokPendapatan, KodeRekening: "4.2.1.01", Uraian: "Dana Desa", SumberDana: "DDS", Jumlah: 1_000_000_000},
		{Kelompok: keuangan.KelompokBelanja, KodeKegiatan: "01.01.01", KodeRekening: "5.1.1.01", Uraian: "Penghasilan tetap kepala desa",
			Volume: 12_000, Satuan: "bulan", HargaSatuan: 25_000_000, Jumlah: 300_000_000, SumberDana: "DDS"},
		{Kelompok: keuangan.KelompokBelanja, KodeKegiatan: "02.03.10", KodeRekening: "5.3.2.01", Uraian: "Pengerasan jalan desa",
			Volume: 1_000, Satuan: "paket", HargaSatuan: 700_000_000, Jumlah: 700_000_000, SumberDana: "DDS"},
	}
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		// The demo data gives every Tabanan desa a 2026 APBDes; this test
		// starts from none.
		if err := evDropDemo(ctx, tx, desa); err != nil {
			return err
		}
		id, _ := uuid.NewV7()
		a := keuangan.APBDes{DesaID: desa.ID(), ID: id.String(), Tahun: 2026, Versi: keuangan.VersiMurni, Status: keuangan.StatusDraft,
			CreatedBy: "uji", CreatedAt: now, UpdatedBy: "uji", UpdatedAt: now}
		if _, err := tx.NewInsert().Model(&a).Exec(ctx); err != nil {
			return err
		}
		if err := keuangan.SimpanBaris(ctx, tx, a, lines, "uji", now); err != nil {
			return err
		}
		return keuangan.GantiStatus(ctx, tx, &a, keuangan.AksiAjukan, "", keuangan.Pelaku{ID: "uji", Nama: "Sekdes"}, now)
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines[2].ID
}

// evDropDemo deletes the demo APBDes 2026 of the desa in ctx and its entries.
func evDropDemo(ctx context.Context, tx bun.Tx, desa tenancy.Kode) error {
	for _, q := range []string{"DELETE FROM keuangan_transaksi WHERE desa_id = ? AND tahun = 2026",
		"DELETE FROM apbdes WHERE desa_id = ? AND tahun = 2026 AND versi = 'perubahan'",
		"DELETE FROM apbdes WHERE desa_id = ? AND tahun = 2026"} {
		if _, err := tx.ExecContext(ctx, q, desa.ID()); err != nil {
			return err
		}
	}
	return nil
}

// TestKeuanganEvaluasiPages walks the camat's evaluation on its pages: the
// queue of the kecamatan, the lines with the rules and a comment per line,
// a return that needs its note, the desa reading it, and the kabupaten's
// rules page.
func TestKeuanganEvaluasiPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := testApp(t, d)
		jalan := evSubmitAPBDes(t, d, ownDesa)
		// One more desa of Kediri without an APBDes 2026, for the queue.
		nyitdah := tenancy.Kode("51.02.06.2002")
		if err := d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: nyitdah}), func(ctx context.Context, tx bun.Tx) error {
			return evDropDemo(ctx, tx, nyitdah)
		}); err != nil {
			t.Fatal(err)
		}
		camat := login(t, srv, "camat.kediri@tabanan.test")
		perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
		admin := login(t, srv, "admin@tabanan.test")
		evaluasi := "/desa/" + ownDesa + "/keuangan/2026/evaluasi"

		st, body := page(t, srv, "/wilayah/51.02.06/keuangan/evaluasi?tahun=2026", camat)
		if st != 200 || !strings.Contains(body, `href="`+evaluasi+`"`) || !strings.Contains(body, "1 APBDes menunggu evaluasi") ||
			!strings.Contains(body, "belum ada APBDes") {
			t.Fatalf("camat's queue: %d\n%.3000s", st, body)
		}
		if st, _ := page(t, srv, "/wilayah/51.02.06/keuangan/evaluasi", perbekel); st != 403 {
			t.Errorf("perbekel opens the camat's queue: %d, want 403", st)
		}
		if st, _ := page(t, srv, "/wilayah/51.02.10/keuangan/evaluasi", camat); st != 403 {
			t.Errorf("camat opens another kecamatan's queue: %d, want 403", st)
		}

		st, body = page(t, srv, evaluasi, camat)
		for _, want := range []string{"Pengerasan jalan desa", "✓ Terpenuhi", "Rp 300.000.000 = 30,0 % dari belanja Rp 1.000.000.000",
			"Komentari baris ini", `id="form-keputusan"`, `id="form-komentar-umum"`} {
			if !strings.Contains(body, want) {
				t.Errorf("evaluation page lacks %q", want)
			}
		}
		if st != 200 || t.Failed() {
			t.Fatalf("evaluation page: %d\n%.4000s", st, body)
		}

		if st, _ := evPostPage(t, srv, evaluasi+"/komentar", camat, url.Values{"baris_id": {jalan}, "isi": {""}}); st != 422 {
			t.Errorf("empty comment: %d, want 422", st)
		}
		if st, _ := evPostPage(t, srv, evaluasi+"/komentar", camat, url.Values{"baris_id": {jalan}, "isi": {"Lampirkan gambar teknis."}}); st != 303 {
			t.Fatalf("comment: %d", st)
		}
		st, body = evPostPage(t, srv, evaluasi+"/keputusan", camat, url.Values{"keputusan": {"kembalikan"}})
		if st != 422 || !strings.Contains(body, "Catatan perbaikan") {
			t.Fatalf("return without a note: %d\n%.2000s", st, body)
		}
		if st, _ := evPostPage(t, srv, evaluasi+"/keputusan", perbekel, url.Values{"keputusan": {"terima"}}); st != 403 {
			t.Errorf("perbekel decides: %d, want 403", st)
		}
		if st, _ := evPostPage(t, srv, evaluasi+"/keputusan", camat, url.Values{"keputusan": {"kembalikan"}, "catatan": {"Perbaiki RAB jalan."}}); st != 303 {
			t.Fatalf("return: %d", st)
		}

		// The desa reads the evaluation: returned, the note, the comment; no forms.
		st, body = page(t, srv, evaluasi, perbekel)
		if st != 200 || !strings.Contains(body, "dikembalikan untuk diperbaiki") || !strings.Contains(body, "Perbaiki RAB jalan.") ||
			!strings.Contains(body, "Lampirkan gambar teknis.") || !strings.Contains(body, "diajukan ke camat → dikembalikan untuk diperbaiki") || strings.Contains(body, `id="form-keputusan"`) || strings.Contains(body, "Komentari baris ini") {
			t.Fatalf("the desa's view: %d\n%s", st, body[max(0, len(body)-3000):])
		}
		// No APBDes yet is a page that says so, not a dead end.
		if st, body := page(t, srv, "/desa/"+ownDesa+"/keuangan/2024/evaluasi", camat); st != 200 || !strings.Contains(body, "belum dibuat") {
			t.Errorf("no APBDes 2024: %d", st)
		}

		aturan := "/wilayah/51.02/keuangan/aturan/2026"
		st, body = page(t, srv, aturan, admin)
		if st != 200 || !strings.Contains(body, "belanja-pemerintahan-30") || !strings.Contains(body, "set nasional bawaan") {
			t.Fatalf("rules page: %d\n%.3000s", st, body)
		}
		if st, _ := page(t, srv, aturan, camat); st != 403 {
			t.Errorf("camat opens the rules page: %d, want 403", st)
		}
		if st, _ := evPostPage(t, srv, aturan+"/salin", admin, url.Values{}); st != 422 {
			t.Errorf("copy with nothing chosen: %d, want 422", st)
		}
		if st, _ := evPostPage(t, srv, aturan+"/salin", admin, url.Values{"salin_dari": {"2025"}}); st != 303 {
			t.Fatalf("copy 2025: %d", st)
		}
		form := url.Values{"kode": {"dd-blt-15"}, "nama": {"BLT Desa"}, "jenis": {"paling_banyak"}, "batas": {"12,5"},
			"pembilang_kelompok": {"belanja"}, "pembilang_kegiatan": {"05.03"}, "pembilang_sumber_dana": {"DDS"},
			"penyebut_kelompok": {"pendapatan"}, "penyebut_rekening": {"4.2.1"}, "sumber": {"Perbup Tabanan (uji)"}, "aktif": {"ya"}}
		if st, body := evPostPage(t, srv, aturan, admin, form); st != 303 {
			t.Fatalf("change a rule: %d\n%.2000s", st, body)
		}
		form.Set("batas", "120")
		if st, body := evPostPage(t, srv, aturan, admin, form); st != 422 || !strings.Contains(body, "Batas ditulis dalam persen") {
			t.Errorf("a limit over 100 %%: %d", st)
		}
		st, body = page(t, srv, evaluasi, camat)
		if st != 200 || !strings.Contains(body, "batas paling banyak 12,5 %") {
			t.Errorf("the evaluation does not follow the kabupaten's rule: %d\n%.4000s", st, body)
		}
	})
}
