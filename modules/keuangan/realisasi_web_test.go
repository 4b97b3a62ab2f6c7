package keuangan_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/report"
)

// rzUsers are the API test accounts; the token is the user id.
var rzUsers = map[string]grant{
	"kaur":     {authz.KaurKeuangan, bengkelDesa},
	"operator": {authz.Operator, bengkelDesa},
	"camat":    {authz.Camat, "51.02.06"},
	"forum":    {authz.ForumPerbekel, "51.02.06"},
	"tetangga": {authz.Perbekel, "51.02.06.2002"},
	"admin":    {authz.AdminKabupaten, "51.02"},
}

func rzAPI(t *testing.T, d *db.DB) (*keuangan.Module, func(method, path, user string, body any) (int, []byte)) {
	t.Helper()
	m := newModule(t, d)
	srv := apiServer(m, accounts{users: rzUsers})
	return m, func(method, path, user string, body any) (int, []byte) {
		rec := apiRequest(srv, method, path, user, body)
		return rec.Code, rec.Body.Bytes()
	}
}

func TestRealisasiAPILRATotalsEqualTheEntries(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, call := rzAPI(t, d)
		f := seedAPBDes(t, d)
		base := "/desa/" + string(bengkelDesa)
		entries := []keuangan.TransaksiBaru{
			{Jenis: "penerimaan", Tanggal: "2026-01-20", Kas: "bank", BarisID: f.dd.ID, Jumlah: 400_000_000, DDTahap: 1},
			{Jenis: "penerimaan", Tanggal: "2026-02-03", Kas: "tunai", BarisID: f.pad.ID, Jumlah: 12_500_000},
			{Jenis: "pengeluaran", Tanggal: "2026-02-04", Kas: "bank", BarisID: f.jalan.ID, Jumlah: 75_000_000, PPN: 6_000_000, NomorBukti: "1", Penerima: "CV Karya"},
			{Jenis: "pengeluaran", Tanggal: "2026-02-05", Kas: "tunai", BarisID: f.seni.ID, Jumlah: 3_250_000, NomorBukti: "2", Penerima: "Warung Bu Komang"},
			{Jenis: "pengeluaran", Tanggal: "2026-03-01", Kas: "tunai", BarisID: f.sewaATK.ID, Jumlah: 1_234_567, NomorBukti: "3", Penerima: "Toko ATK"},
		}
		var belanja, pendapatan keuangan.Rupiah
		for _, e := range entries {
			status, body := call(http.MethodPost, base+"/transaksi", "kaur", e)
			if status != http.StatusCreated {
				t.Fatalf("create %+v: %d %s", e, status, body)
			}
			if e.Jenis == "pengeluaran" {
				belanja += e.Jumlah
			} else {
				pendapatan += e.Jumlah
			}
		}
		status, body := call(http.MethodGet, base+"/lra/2026", "camat", nil)
		if status != 200 {
			t.Fatalf("lra: %d %s", status, body)
		}
		var l struct {
			Belanja    struct{ Realisasi, Anggaran int64 }
			Pendapatan struct{ Realisasi int64 }
		}
		if err := json.Unmarshal(body, &l); err != nil {
			t.Fatal(err)
		}
		if l.Belanja.Realisasi != int64(belanja) || l.Pendapatan.Realisasi != int64(pendapatan) || l.Belanja.Anggaran != 330_000_000 {
			t.Fatalf("LRA totals %+v, entries: belanja %d pendapatan %d", l, belanja, pendapatan)
		}
		if !bytes.Contains(body, []byte(`"persen_bp":2500`)) { // 75 jt of 300 jt on the jalan line
			t.Fatalf("line percentage missing: %s", body)
		}
		// The API names the field at fault; errors are Bahasa.
		status, body = call(http.MethodPost, base+"/transaksi", "kaur", keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-03-02",
			BarisID: f.seni.ID, Jumlah: 99_000_000, NomorBukti: "4", Penerima: "X"})
		if status != 422 || !bytes.Contains(body, []byte(`"location":"body.jumlah"`)) || !bytes.Contains(body, []byte("melebihi sisa anggaran")) {
			t.Fatalf("over anggaran: %d %s", status, body)
		}
		// Books read the same journal.
		if status, body = call(http.MethodGet, base+"/bku?tahun=2026", "kaur", nil); status != 200 || !bytes.Contains(body, []byte(`"saldo_bank":331000000`)) {
			t.Fatalf("bku: %d %s", status, body)
		}
		if status, body = call(http.MethodGet, base+"/buku-pajak?tahun=2026", "kaur", nil); status != 200 || !bytes.Contains(body, []byte(`"sisa_ppn":6000000`)) {
			t.Fatalf("pajak: %d %s", status, body)
		}
		if status, body = call(http.MethodGet, base+"/dana-desa?tahun=2026", "kaur", nil); status != 200 || !bytes.Contains(body, []byte(`"diterima":400000000`)) {
			t.Fatalf("dana desa: %d %s", status, body)
		}
		if status, body = call(http.MethodGet, base+"/transaksi?tahun=2026&limit=2", "kaur", nil); status != 200 || !bytes.Contains(body, []byte(`"next_cursor"`)) {
			t.Fatalf("journal: %d %s", status, body)
		}
		// Who may: the operator holds no keuangan share, the forum only
		// aggregates, a neighbour's perbekel nothing here.
		for _, c := range []struct {
			user, method, path string
			want               int
		}{
			{"operator", http.MethodGet, base + "/lra/2026", 403},
			{"forum", http.MethodGet, base + "/lra/2026", 403},
			{"tetangga", http.MethodGet, base + "/bku?tahun=2026", 403},
			{"camat", http.MethodPost, base + "/transaksi", 403},
			{"kaur", http.MethodGet, base + "/lra/dua-ribu", 404},
			{"kaur", http.MethodGet, base + "/lra/2026?semester=3", 422},
		} {
			var b any
			if c.method == http.MethodPost {
				b = entries[1]
			}
			if status, body := call(c.method, c.path, c.user, b); status != c.want {
				t.Errorf("%s %s %s: %d, want %d: %s", c.user, c.method, c.path, status, c.want, body)
			}
		}
	})
}

func TestRealisasiKabupatenOverridesTheTahapRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m, call := rzAPI(t, d)
		f := seedAPBDes(t, d)
		path := "/wilayah/51.02/keuangan/aturan-tahap-dana-desa"
		dua := keuangan.AturanTahapKabupaten{Tahun: 2026, Tahap: []keuangan.AturanTahapBaru{
			{Tahap: 1, Persen: 6000, Sumber: "Perbup Tabanan (uji)"},
			{Tahap: 2, Persen: 4000, SyaratRealisasi: 7000, Sumber: "Perbup Tabanan (uji)"},
		}}
		bad := dua
		bad.Tahap = []keuangan.AturanTahapBaru{{Tahap: 1, Persen: 6000, Sumber: "x"}}
		if status, body := call(http.MethodPut, path, "admin", bad); status != 422 || !bytes.Contains(body, []byte("berjumlah 100%")) {
			t.Fatalf("sum: %d %s", status, body)
		}
		if status, _ := call(http.MethodPut, path, "camat", dua); status != 403 {
			t.Fatalf("camat sets rules: %d", status)
		}
		if status, body := call(http.MethodPut, "/wilayah/51.02.06/keuangan/aturan-tahap-dana-desa", "admin", dua); status != 404 {
			t.Fatalf("rules at a kecamatan: %d %s", status, body)
		}
		if status, body := call(http.MethodPut, path, "admin", dua); status != 200 {
			t.Fatalf("put: %d %s", status, body)
		}
		if status, body := call(http.MethodGet, "/wilayah/51.02.06/keuangan/aturan-tahap-dana-desa?tahun=2026", "camat", nil); status != 200 ||
			!bytes.Contains(body, []byte(`"persen_bp":6000`)) {
			t.Fatalf("camat reads: %d %s", status, body)
		}
		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-20", Kas: "bank", BarisID: f.dd.ID, Jumlah: 600_000_000, DDTahap: 1})
		dd, err := m.DanaDesa(bengkelCtx(), 2026)
		if err != nil || dd.Aturan != "51.02" || len(dd.Tahap) != 2 || dd.Tahap[0].Target != 600_000_000 || dd.Tahap[1].Syarat[0].Batas != "paling sedikit 70,00%" {
			t.Fatalf("override: %+v %v", dd, err)
		}
		// An empty list returns the kabupaten to the national rules.
		if status, body := call(http.MethodPut, path, "admin", keuangan.AturanTahapKabupaten{Tahun: 2026, Tahap: []keuangan.AturanTahapBaru{}}); status != 200 ||
			!bytes.Contains(body, []byte(`"persen_bp":4000`)) {
			t.Fatalf("back to national: %d %s", status, body)
		}
	})
}

func TestRealisasiDocumentsCarryTheRowsAndTotals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		f := seedAPBDes(t, d)
		ctx := bengkelCtx()
		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-20", BarisID: f.pad.ID, Jumlah: 20_000_000})
		catat(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-02-01", BarisID: f.seni.ID, Jumlah: 5_000_000, PPh: 250_000, NomorBukti: "1", Penerima: "P"})
		catat(t, m, keuangan.TransaksiBaru{Jenis: "setor_pajak", Tanggal: "2026-02-02", PPh: 250_000, NomorBukti: "NTPN"})

		l, err := m.LRA(ctx, 2026, 1)
		if err != nil {
			t.Fatal(err)
		}
		doc := m.DokumenLRA(ctx, l)
		nodes := 0
		for _, k := range []keuangan.LRABaris{l.Pendapatan, l.Belanja, l.PenerimaanPembiayaan, l.PengeluaranPembiayaan} {
			k.Walk(func(keuangan.LRABaris, int) { nodes++ })
		}
		tab := doc.Sections[1].Tables[0]
		if !strings.Contains(doc.Title, "Semester I") || len(tab.Rows) != nodes+2 {
			t.Fatalf("LRA doc: %q, %d rows, want %d", doc.Title, len(tab.Rows), nodes+2)
		}
		// The belanja kelompok row: anggaran 330 jt, realisasi 5 jt.
		var belanja report.Row
		for _, r := range tab.Rows {
			if r.Cells[0].Text == "5" {
				belanja = r
			}
		}
		if belanja.Cells[2].Number != 330_000_000 || belanja.Cells[3].Number != 5_000_000 || !belanja.Bold || belanja.Cells[5].Text != "1,51%" {
			t.Fatalf("belanja row: %+v", belanja)
		}

		b, _ := m.BKU(ctx, 2026)
		p, _ := m.BukuPajak(ctx, 2026)
		keg, _ := m.BukuKegiatan(ctx, 2026)
		doc = m.DokumenBKU(ctx, b, p, keg)
		bku := doc.Sections[0].Tables[0]
		// penerimaan, pengeluaran + its tax row, setor: 4 rows and the total
		last := bku.Rows[len(bku.Rows)-1]
		if len(bku.Rows) != 5 || last.Cells[6].Number != 20_250_000 || last.Cells[7].Number != 5_250_000 || last.Cells[8].Number != 15_000_000 {
			t.Fatalf("BKU doc: %d rows, total %+v", len(bku.Rows), last.Cells)
		}
		if pj := doc.Sections[1].Tables[0]; len(pj.Rows) != 3 || pj.Rows[2].Cells[7].Number != 0 {
			t.Fatalf("pajak doc: %+v", pj.Rows)
		}
		// Three kegiatan of the APBDes and the total: 330 jt, 5 jt realised.
		kt := doc.Sections[2].Tables[0]
		if tot := kt.Rows[len(kt.Rows)-1]; len(kt.Rows) != 4 || tot.Cells[2].Number != 330_000_000 || tot.Cells[3].Number != 5_000_000 || tot.Cells[5].Number != 325_000_000 {
			t.Fatalf("kegiatan doc: %+v", kt.Rows)
		}
	})
}

// rzSite serves the module's pages with real sessions for each role.
func rzSite(t *testing.T, d *db.DB) *site {
	t.Helper()
	return newSite(t, d, map[string]grant{"kaur": {authz.KaurKeuangan, bengkelDesa}, "camat": {authz.Camat, "51.02.06"},
		"operator": {authz.Operator, bengkelDesa}}, "")
}

func TestRealisasiPagesRecordAndShowTheBooks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := rzSite(t, d)
		rec, page := s.audit, s.page
		f := seedAPBDes(t, d)
		base := "/desa/" + string(bengkelDesa) + "/keuangan/2026"

		status, body := page(http.MethodGet, base+"/realisasi", "kaur", nil)
		if status != 200 || !strings.Contains(body, `action="`+base+`/transaksi"`) || !strings.Contains(body, "Material jalan usaha tani") ||
			!strings.Contains(body, `aria-current="page">Realisasi`) ||
			!strings.Contains(body, "0 / 100 m (0,00%)") || !strings.Contains(body, "capaian 0,00%") {
			t.Fatalf("realisasi page: %d %s", status, body)
		}
		// A refused form comes back with the message and what was typed.
		status, body = page(http.MethodPost, base+"/transaksi", "kaur", url.Values{"jenis": {"pengeluaran"}, "tanggal": {"2026-02-01"},
			"kas": {"tunai"}, "baris_id": {f.seni.ID}, "jumlah": {"Rp 1.500.000"}, "nomor_bukti": {"BKT-9"}, "penerima": {"Sekaa Gong Kebyar"}})
		if status != 422 || !strings.Contains(body, "Saldo kas tunai tidak mencukupi") || !strings.Contains(body, "Sekaa Gong Kebyar") {
			t.Fatalf("refused: %d %s", status, body)
		}
		status, body = page(http.MethodPost, base+"/transaksi", "kaur", url.Values{"jenis": {"penerimaan"}, "tanggal": {"2026-01-05"},
			"kas": {"tunai"}, "baris_id": {f.pad.ID}, "jumlah": {"1,5 jt"}})
		if status != 422 || !strings.Contains(body, "singkatan seperti jt") {
			t.Fatalf("shorthand amount: %d %s", status, body)
		}
		for _, form := range []url.Values{
			{"jenis": {"penerimaan"}, "tanggal": {"2026-01-05"}, "kas": {"tunai"}, "baris_id": {f.pad.ID}, "jumlah": {"10.000.000"}},
			{"jenis": {"pengeluaran"}, "tanggal": {"2026-02-01"}, "kas": {"tunai"}, "baris_id": {f.seni.ID}, "jumlah": {"1.500.000"},
				"pph": {"75.000"}, "nomor_bukti": {"BKT-9"}, "penerima": {"Sekaa Gong Kebyar"}},
		} {
			want := base + "/realisasi?catat=" + form.Get("jenis") + "&kas=tunai&tanggal=" + form.Get("tanggal") + "#catat-" + form.Get("jenis")
			if status, loc := page(http.MethodPost, base+"/transaksi", "kaur", form); status != http.StatusSeeOther || loc != want {
				t.Fatalf("record %v: %d %s", form, status, loc)
			}
		}
		// The next entry opens with the date and kas of the last.
		status, body = page(http.MethodGet, base+"/realisasi?catat=pengeluaran&kas=tunai&tanggal=2026-02-01", "kaur", nil)
		if status != 200 || !strings.Contains(body, `<details id="catat-pengeluaran" open>`) ||
			!regexp.MustCompile(`id="pengeluaran-tanggal" name="tanggal" type="date"[^>]*value="2026-02-01"`).MatchString(body) {
			t.Fatalf("next entry: %d %s", status, body)
		}
		// Each recorded entry is audited (in its own transaction); the refused ones are not.
		recorded := 0
		for _, e := range rec.Entries() {
			if e.Action == "web:POST /desa/{kode}/keuangan/{tahun}/transaksi" && e.Kode == bengkelDesa && e.Status == http.StatusSeeOther {
				recorded++
			}
		}
		if recorded != 2 || len(rec.Entries()) != 2 {
			t.Fatalf("audit: %+v", rec.Entries())
		}
		status, body = page(http.MethodGet, base+"/bku", "camat", nil)
		if status != 200 || !strings.Contains(body, "8.575.000") || !strings.Contains(body, "Sekaa Gong Kebyar") || !strings.Contains(body, "Buku pembantu pajak") {
			t.Fatalf("bku page: %d %s", status, body)
		}
		// The camat reads but is shown no entry form.
		if _, body = page(http.MethodGet, base+"/realisasi", "camat", nil); strings.Contains(body, `action="`+base+`/transaksi"`) || strings.Contains(body, "Catat transaksi pembalik") {
			t.Fatal("the camat is shown entry forms")
		}
		if status, _ = page(http.MethodPost, base+"/transaksi", "camat", url.Values{"jenis": {"mutasi"}}); status != 403 {
			t.Fatalf("camat posts: %d", status)
		}
		if status, _ = page(http.MethodGet, base+"/realisasi", "operator", nil); status != 403 {
			t.Fatalf("operator: %d", status)
		}
		status, body = page(http.MethodGet, base+"/laporan?semester=1", "kaur", nil)
		if status != 200 || !strings.Contains(body, base+"/lra/xlsx?semester=1") || !strings.Contains(body, base+"/lra/pdf?semester=1") || !strings.Contains(body, "7,50%") {
			t.Fatalf("laporan: %d %s", status, body)
		}
		for _, p := range []string{base + "/lra/docx", base + "/lra/xlsx?semester=3", base + "/bku/csv"} {
			if status, body := page(http.MethodGet, p, "kaur", nil); status != 404 {
				t.Fatalf("%s: %d %s", p, status, body)
			}
		}
		if status, _ := page(http.MethodGet, base+"/bku/pdf", "operator", nil); status != 403 {
			t.Fatalf("operator downloads the BKU: %d", status)
		}
		status, body = page(http.MethodGet, base+"/dana-desa", "kaur", nil)
		if status != 200 || !strings.Contains(body, "Tahap II") || !strings.Contains(body, "Belum terpenuhi") {
			t.Fatalf("dana desa: %d %s", status, body)
		}
		// A year without an APBDes still opens and says so.
		if status, body = page(http.MethodGet, "/desa/"+string(bengkelDesa)+"/keuangan/2024/bku", "kaur", nil); status != 200 || !strings.Contains(body, "belum dibuat") {
			t.Fatalf("2024: %d %s", status, body)
		}
		if status, _ = page(http.MethodGet, "/desa/"+string(bengkelDesa)+"/keuangan/abc/bku", "kaur", nil); status != 404 {
			t.Fatalf("bad year: %d", status)
		}
		// The koreksi form on the journal reverses an entry.
		tr, _ := keuangan.New(keuangan.Deps{DB: d, Logger: discard, Clock: func() time.Time { return now }}).ListTransaksiTahun(bengkelCtx(), 2026)
		if status, _ = page(http.MethodPost, base+"/transaksi/"+tr[1].ID+"/koreksi", "kaur", url.Values{"alasan": {""}}); status != 422 {
			t.Fatalf("empty koreksi: %d", status)
		}
		if status, loc := page(http.MethodPost, base+"/transaksi/"+tr[1].ID+"/koreksi", "kaur", url.Values{"alasan": {"Salah nominal"}}); status != http.StatusSeeOther {
			t.Fatalf("koreksi: %d %s", status, loc)
		}
		if _, body = page(http.MethodGet, base+"/bku", "kaur", nil); !strings.Contains(body, "Koreksi: Salah nominal") {
			t.Fatal("the correction is not in the BKU")
		}
	})
}

// A retried POST with the same Idempotency-Key records the entry once and
// answers as the first time; the audit entry commits with it.
func TestRealisasiIdempotencyKeyRecordsOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		f := seedAPBDes(t, d)
		rec := newAudit()
		srv := apiServer(m, accounts{users: rzUsers}, func(deps *httpserver.Deps) { deps.DB, deps.Audit = d, rec })
		h := srv.Handler()
		post := func(key string) (int, string) {
			raw, _ := json.Marshal(keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-05", BarisID: f.pad.ID, Jumlah: 7_500_000})
			req := httptest.NewRequest(http.MethodPost, "https://ngantor.example/api/v1/desa/"+string(bengkelDesa)+"/transaksi", bytes.NewReader(raw))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer kaur")
			req.Header.Set("Idempotency-Key", key)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			return w.Code, w.Body.String()
		}
		s1, b1 := post("catat-sewa-1")
		s2, b2 := post("catat-sewa-1")
		if s1 != 201 || s2 != 201 || b1 != b2 {
			t.Fatalf("retry: %d %s / %d %s", s1, b1, s2, b2)
		}
		tr, _ := m.ListTransaksiTahun(bengkelCtx(), 2026)
		if len(tr) != 1 {
			t.Fatalf("%d entries recorded, want 1", len(tr))
		}
		if s3, _ := post("catat-sewa-2"); s3 != 201 {
			t.Fatalf("new key: %d", s3)
		}
		n := 0
		for _, e := range rec.Entries() {
			if e.Action == "create-keuangan-transaksi" && e.Kode == bengkelDesa {
				n++
			}
		}
		if n != 2 {
			t.Fatalf("audit entries: %+v", rec.Entries())
		}
	})
}
