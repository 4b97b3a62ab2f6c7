package keuangan_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	desaA           tenancy.Kode = "51.02.06.2001"
	desaB           tenancy.Kode = "51.02.06.2002"
	desaC           tenancy.Kode = "51.02.06.2003"
	desaD           tenancy.Kode = "51.02.01.2001"
	penerimaRahasia              = "Ni Made Rahasiawati"
	buktiRahasia                 = "BKT-RAHASIA-77"
)

// wilayahDesa is a fake wilayah module: two kecamatan of Tabanan.
type wilayahDesa struct{}

var semuaDesa = []keuangan.DesaInfo{
	{Kode: desaD, Nama: "Abiantuwung", NamaKecamatan: "Kediri Barat"},
	{Kode: desaA, Nama: "Bengkel", NamaKecamatan: "Kediri"},
	{Kode: desaB, Nama: "Cepaka", NamaKecamatan: "Kediri"},
	{Kode: desaC, Nama: "Diara", NamaKecamatan: "Kediri"},
}

func (wilayahDesa) DesaIn(_ context.Context, k tenancy.Kode) ([]keuangan.DesaInfo, error) {
	var out []keuangan.DesaInfo
	for _, d := range semuaDesa {
		if k.Contains(d.Kode) {
			out = append(out, d)
		}
	}
	return out, nil
}

func (wilayahDesa) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	n := map[tenancy.Kode]string{"51.02": "Kabupaten Tabanan", "51.02.06": "Kediri", "51.02.01": "Kediri Barat"}[k]
	for _, d := range semuaDesa {
		if d.Kode == k {
			n = d.Nama
		}
	}
	if n == "" {
		return "", fault.New(fault.NotFound, "Wilayah %s tidak ditemukan.", string(k))
	}
	return n, nil
}

var wilayahUsers = map[string]grant{
	"camat":    {authz.Camat, "51.02.06"},
	"forum":    {authz.ForumPerbekel, "51.02.06"},
	"bupati":   {authz.Bupati, "51.02"},
	"perbekel": {authz.Perbekel, desaA},
}

// wilayahAuth signs in wilayahUsers.
var wilayahAuth = accounts{users: wilayahUsers}

// seeder writes APBDes, lines and entries straight into the core tables.
type seeder struct {
	t *testing.T
	d *db.DB
}

func (s seeder) tx(desa tenancy.Kode, fn func(ctx context.Context, tx bun.Tx) error) {
	s.t.Helper()
	if err := s.d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: desa}), fn); err != nil {
		s.t.Fatal(err)
	}
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func (s seeder) apbdes(desa tenancy.Kode, tahun int, versi, status string, murni string) string {
	id := newID()
	a := &keuangan.APBDes{DesaID: desa.ID(), ID: id, Tahun: tahun, Versi: versi, Status: status, MurniID: murni,
		CreatedAt: now, UpdatedAt: now}
	if status == keuangan.StatusDitetapkan {
		a.PerdesNomor, a.PerdesTanggal = "3", civil.Date(fmt.Sprintf("%d-01-15", tahun))
	}
	s.tx(desa, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(a).Exec(ctx)
		return err
	})
	return id
}

func (s seeder) baris(desa tenancy.Kode, apbdes, rek, keg, sumber string, jumlah keuangan.Rupiah) string {
	id := newID()
	b := &keuangan.Baris{DesaID: desa.ID(), ID: id, APBDesID: apbdes, Kelompok: keuangan.KelompokOf(keuangan.KodeRekening(rek)),
		KodeRekening: keuangan.KodeRekening(rek), KodeKegiatan: keuangan.KodeKegiatan(keg), Uraian: "Uraian " + rek,
		Jumlah: jumlah, SumberDana: sumber, CreatedAt: now, UpdatedAt: now}
	s.tx(desa, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(b).Exec(ctx)
		return err
	})
	return id
}

func (s seeder) entry(desa tenancy.Kode, tanggal, jenis, baris, rek, keg string, jumlah keuangan.Rupiah, tahap int) {
	e := &keuangan.Transaksi{DesaID: desa.ID(), ID: newID(), Tahun: 2026, Tanggal: civil.Date(tanggal), Jenis: jenis,
		Kas: keuangan.KasBank, BarisID: baris, KodeRekening: keuangan.KodeRekening(rek), KodeKegiatan: keuangan.KodeKegiatan(keg),
		Jumlah: jumlah, DDTahap: tahap, Uraian: "entri", Penerima: penerimaRahasia, NomorBukti: buktiRahasia, CreatedAt: now}
	s.tx(desa, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(e).Exec(ctx)
		return err
	})
}

// seedWilayah writes the fixture the table tests compute by hand:
//
//	A (Bengkel): murni ditetapkan; belanja 1.000.000 + 500.000; pendapatan
//	  PAD 200.000 + DDS 1.300.000; SiLPA 100.000. Pengeluaran 300.000, SPJ
//	  100.000, koreksi −50.000 → realisasi 350.000 (23,33 %); DD tahap I
//	  520.000 (10 Feb), II 520.000 (1 Jun); PAD 50.000 → diterima 1.090.000.
//	B (Cepaka): murni ditetapkan 2.000.000, perubahan draft 3.000.000 → pagu
//	  2.000.000, status perubahan draft, no entry.
//	C (Diara): nothing.  D (Abiantuwung, other kecamatan): murni draft 700.000.
func seedWilayah(t *testing.T, d *db.DB) {
	s := seeder{t, d}
	a := s.apbdes(desaA, 2026, keuangan.VersiMurni, keuangan.StatusDitetapkan, "")
	b1 := s.baris(desaA, a, "5.2.1.01", "02.01.06", "DDS", 1_000_000)
	s.baris(desaA, a, "5.1.1.01", "01.01.01", "ADD", 500_000)
	pad := s.baris(desaA, a, "4.1.1.01", "", "PAD", 200_000)
	dds := s.baris(desaA, a, "4.2.1.01", "", "DDS", 1_300_000)
	s.baris(desaA, a, "6.1.1.01", "", "SiLPA", 100_000)
	s.entry(desaA, "2026-03-02", keuangan.JenisPengeluaran, b1, "5.2.1.01", "02.01.06", 300_000, 0)
	s.entry(desaA, "2026-04-02", keuangan.JenisSPJ, b1, "5.2.1.01", "02.01.06", 100_000, 0)
	s.entry(desaA, "2026-04-03", keuangan.JenisPengeluaran, b1, "5.2.1.01", "02.01.06", -50_000, 0)
	s.entry(desaA, "2026-02-10", keuangan.JenisPenerimaan, dds, "4.2.1.01", "", 520_000, 1)
	s.entry(desaA, "2026-06-01", keuangan.JenisPenerimaan, dds, "4.2.1.01", "", 520_000, 2)
	s.entry(desaA, "2026-03-01", keuangan.JenisPenerimaan, pad, "4.1.1.01", "", 50_000, 0)
	s.entry(desaA, "2026-04-05", keuangan.JenisPanjar, b1, "5.2.1.01", "02.01.06", 400_000, 0) // not realisasi

	mb := s.apbdes(desaB, 2026, keuangan.VersiMurni, keuangan.StatusDitetapkan, "")
	s.baris(desaB, mb, "5.2.1.01", "02.01.06", "DDS", 2_000_000)
	pb := s.apbdes(desaB, 2026, keuangan.VersiPerubahan, keuangan.StatusDraft, mb)
	s.baris(desaB, pb, "5.2.1.01", "02.01.06", "DDS", 3_000_000)

	dd := s.apbdes(desaD, 2026, keuangan.VersiMurni, keuangan.StatusDraft, "")
	s.baris(desaD, dd, "5.2.1.01", "02.01.06", "DDS", 700_000)
}

// wilayahDeps give the module the desa of semuaDesa.
func wilayahDeps(deps *keuangan.Deps) { deps.Desa, deps.Names = wilayahDesa{}, wilayahDesa{} }

func wilayahAPI(t *testing.T, d *db.DB) (*keuangan.Module, func(path, user string) *httptest.ResponseRecorder) {
	m := newModule(t, d, wilayahDeps, func(deps *keuangan.Deps) { deps.Authz = wilayahAuth })
	srv := apiServer(m, wilayahAuth)
	return m, func(path, user string) *httptest.ResponseRecorder {
		return apiRequest(srv, http.MethodGet, path, user, nil)
	}
}

type tabelBody struct {
	Items      []keuangan.RingkasanDesa `json:"items"`
	Kecamatan  []map[string]string      `json:"kecamatan"`
	NextCursor string                   `json:"next_cursor"`
}

func tabel(t *testing.T, get func(string, string) *httptest.ResponseRecorder, path, user string) tabelBody {
	t.Helper()
	rec := get(path, user)
	if rec.Code != 200 {
		t.Fatalf("%s as %s: %d %s", path, user, rec.Code, rec.Body)
	}
	var b tabelBody
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	return b
}

func kodes(b tabelBody) string {
	var s []string
	for _, r := range b.Items {
		s = append(s, string(r.Desa))
	}
	return strings.Join(s, ",")
}

func TestWilayahTableFiguresAreTheHandComputedSums(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		seedWilayah(t, d)
		_, get := wilayahAPI(t, d)
		b := tabel(t, get, "/wilayah/51.02.06/keuangan/2026", "camat")
		if kodes(b) != "51.02.06.2001,51.02.06.2002,51.02.06.2003" {
			t.Fatalf("rows %s", kodes(b))
		}
		a, bb, c := b.Items[0], b.Items[1], b.Items[2]
		if a.Pagu != 1_500_000 || a.Realisasi != 350_000 || a.RealisasiBP == nil || *a.RealisasiBP != 2333 ||
			a.PendapatanDiterima != 1_090_000 || a.PendapatanAnggaran != 1_500_000 || a.DDTahapDiterima != 2 ||
			a.Status != "ditetapkan" || a.Versi != "murni" || a.TransaksiTerakhir != "2026-06-01" {
			t.Errorf("Bengkel: %+v", a)
		}
		if len(a.DDTahap) != 2 || a.DDTahap[0].Tanggal != "2026-02-10" || a.DDTahap[1].Jumlah != 520_000 || a.DDTahap[1].Tahap != 2 {
			t.Errorf("Bengkel tahap: %+v", a.DDTahap)
		}
		if bb.Pagu != 2_000_000 || bb.Status != "draft" || bb.Versi != "perubahan" || bb.VersiBerlaku != "murni" || bb.Realisasi != 0 ||
			bb.RealisasiBP == nil || *bb.RealisasiBP != 0 || bb.TransaksiTerakhir != "" {
			t.Errorf("Cepaka (perubahan still draft: the murni is in force): %+v", bb)
		}
		if c.Status != "belum_ada" || c.Pagu != 0 || c.RealisasiBP != nil || len(c.DDTahap) != 0 {
			t.Errorf("Diara: %+v", c)
		}
		if raw := get("/wilayah/51.02.06/keuangan/2026", "camat").Body.String(); strings.Contains(raw, penerimaRahasia) ||
			strings.Contains(raw, buktiRahasia) || strings.Contains(raw, "Uraian") {
			t.Errorf("the table leaks an entry or a line: %s", raw)
		}
	})
}

func TestWilayahTableSortsFiltersAndPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		seedWilayah(t, d)
		_, get := wilayahAPI(t, d)
		for _, tc := range []struct{ q, want string }{
			{"urut=pagu&arah=turun", "51.02.06.2002,51.02.06.2001,51.02.06.2003"},
			{"urut=pagu", "51.02.06.2003,51.02.06.2001,51.02.06.2002"},
			{"urut=realisasi_persen&arah=turun", "51.02.06.2001,51.02.06.2002,51.02.06.2003"},
			{"urut=realisasi_persen", "51.02.06.2002,51.02.06.2001,51.02.06.2003"}, // no percentage: last both ways
			{"urut=status&arah=turun", "51.02.06.2002,51.02.06.2001,51.02.06.2003"},
			{"urut=transaksi_terakhir", "51.02.06.2001,51.02.06.2002,51.02.06.2003"},
			{"arah=turun", "51.02.06.2003,51.02.06.2002,51.02.06.2001"},
			{"urut=nama&arah=turun", "51.02.06.2003,51.02.06.2002,51.02.06.2001"},
		} {
			if got := kodes(tabel(t, get, "/wilayah/51.02.06/keuangan/2026?"+tc.q, "camat")); got != tc.want {
				t.Errorf("%s: %s, want %s", tc.q, got, tc.want)
			}
		}
		all := tabel(t, get, "/wilayah/51.02/keuangan/2026", "bupati")
		if kodes(all) != "51.02.01.2001,51.02.06.2001,51.02.06.2002,51.02.06.2003" || len(all.Kecamatan) != 2 {
			t.Errorf("kabupaten: %s %v", kodes(all), all.Kecamatan)
		}
		kec := tabel(t, get, "/wilayah/51.02/keuangan/2026?kecamatan=51.02.01", "bupati")
		if kodes(kec) != "51.02.01.2001" || kec.Items[0].Pagu != 700_000 || kec.Items[0].Status != "draft" {
			t.Errorf("kecamatan filter: %+v", kec.Items)
		}
		p1 := tabel(t, get, "/wilayah/51.02/keuangan/2026?limit=3", "bupati")
		p2 := tabel(t, get, "/wilayah/51.02/keuangan/2026?limit=3&cursor="+p1.NextCursor, "bupati")
		if len(p1.Items) != 3 || p1.NextCursor == "" || kodes(p2) != "51.02.06.2003" || p2.NextCursor != "" {
			t.Errorf("pages: %s | %s (%q)", kodes(p1), kodes(p2), p2.NextCursor)
		}
		for _, tc := range []struct {
			path, user string
			status     int
		}{
			{"/wilayah/51.02/keuangan/2026?kecamatan=51.03.01", "bupati", 422},
			{"/wilayah/51.02/keuangan/2026?urut=penerima", "bupati", 422},
			{"/wilayah/51.02/keuangan/1999", "bupati", 422},
			{"/wilayah/51.02/keuangan/2026?cursor=99", "bupati", 422},
			{"/wilayah/51.03/keuangan/2026", "bupati", 403},      // a foreign kabupaten
			{"/wilayah/51.02/keuangan/2026", "camat", 403},       // wider than the grant
			{"/wilayah/51.02.01/keuangan/2026", "camat", 403},    // another kecamatan
			{"/wilayah/51.02.06/keuangan/2026", "perbekel", 403}, // a desa role sees no table
			{"/wilayah/51.02.06.2001/keuangan/2026", "perbekel", 422},
		} {
			if rec := get(tc.path, tc.user); rec.Code != tc.status {
				t.Errorf("%s as %s: %d, want %d: %s", tc.path, tc.user, rec.Code, tc.status, rec.Body)
			}
		}
	})
}

func TestWilayahForumSeesTheTableButNoLines(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		seedWilayah(t, d)
		_, get := wilayahAPI(t, d)
		if b := tabel(t, get, "/wilayah/51.02.06/keuangan/2026", "forum"); len(b.Items) != 3 || b.Items[0].Pagu != 1_500_000 {
			t.Errorf("forum table: %+v", b.Items)
		}
		if ok, _ := wilayahAuth.Allowed(context.Background(), "forum", desaA, keuangan.PermRead); ok {
			t.Fatal("forum perbekel holds PermRead: it would read lines and payees")
		}
		// The APBDes lines are another part's operation; once it is
		// registered, the forum perbekel is refused there.
		switch rec := get("/desa/51.02.06.2001/apbdes/2026", "forum"); rec.Code {
		case http.StatusForbidden:
		case http.StatusNotFound:
			if strings.Contains(rec.Body.String(), "APBDes") {
				t.Errorf("forum reached the APBDes lines: %s", rec.Body)
			}
		default:
			t.Errorf("forum on the APBDes lines: %d %s", rec.Code, rec.Body)
		}
	})
}

func TestWilayahDownloads(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		seedWilayah(t, d)
		_, get := wilayahAPI(t, d)
		rec := get("/wilayah/51.02.06/keuangan/unduh/2026?format=csv&urut=pagu&arah=turun", "forum")
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/csv; charset=utf-8" ||
			!strings.Contains(rec.Header().Get("Content-Disposition"), "keuangan-desa-510206-2026.csv") {
			t.Fatalf("csv: %d %v", rec.Code, rec.Header())
		}
		recs, err := csv.NewReader(rec.Body).ReadAll()
		if err != nil || len(recs) != 4 {
			t.Fatalf("csv rows %v %v", recs, err)
		}
		if got := recs[2]; got[0] != "51.02.06.2001" || got[4] != "1500000" || got[5] != "350000" || got[6] != "23.33" ||
			got[7] != "1090000" || got[8] != "2" || got[9] != "520000" || got[10] != "2026-02-10" {
			t.Errorf("Bengkel in csv: %v", got)
		}
		if recs[1][0] != "51.02.06.2002" || strings.Contains(strings.Join(recs[2], ","), penerimaRahasia) {
			t.Errorf("csv order or leak: %v", recs)
		}
		if _, err := report.XLSX(report.Document{}); err != nil {
			t.Skipf("the XLSX renderer is not built on this branch yet: %v", err)
		}
		rec = get("/wilayah/51.02.06/keuangan/unduh/2026?format=xlsx", "camat")
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
			!strings.HasPrefix(rec.Body.String(), "PK") {
			t.Errorf("xlsx: %d %v", rec.Code, rec.Header())
		}
	})
}

func TestWilayahIndicators(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		seedWilayah(t, d)
		m := newModule(t, d, wilayahDeps, func(deps *keuangan.Deps) { deps.Authz = wilayahAuth })
		vals, err := m.Indicators(context.Background(), "51.02", indicator.Period{From: "2026-01-01", To: "2026-12-31"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, v := range vals {
			if v.Code != indicator.Diperbarui {
				got[string(v.Desa)+" "+v.Code] = v.Number
			}
		}
		want := map[string]int64{
			"51.02.06.2001 realisasi_belanja": 2333, "51.02.06.2001 pades_pendapatan": 1333, // 200.000 / 1.500.000
			"51.02.06.2001 dd_tahap_diterima": 2, "51.02.06.2001 silpa_belanja": 667, // 100.000 / 1.500.000
			"51.02.06.2002 realisasi_belanja": 0, "51.02.06.2002 dd_tahap_diterima": 0,
			"51.02.01.2001 realisasi_belanja": 0, "51.02.01.2001 dd_tahap_diterima": 0,
		}
		for k, w := range want {
			if g, ok := got[k]; !ok || g != w {
				t.Errorf("%s = %d (%v), want %d", k, g, ok, w)
			}
		}
		if _, ok := got["51.02.06.2003 realisasi_belanja"]; ok {
			t.Error("Diara has no APBDes but got a value")
		}
		// As of 31 March only the March entries count: 300.000 / 1.500.000.
		vals, _ = m.Indicators(context.Background(), "51.02.06", indicator.Period{From: "2026-03-01", To: "2026-03-31"}, []string{keuangan.IndRealisasiBelanja, keuangan.IndDDTahap})
		for _, v := range vals {
			if v.Desa == desaA && ((v.Code == keuangan.IndRealisasiBelanja && v.Number != 2000) || (v.Code == keuangan.IndDDTahap && v.Number != 1)) {
				t.Errorf("as of March: %+v", v)
			}
			if v.Code != keuangan.IndRealisasiBelanja && v.Code != keuangan.IndDDTahap {
				t.Errorf("a code not asked for: %+v", v)
			}
		}
		for _, def := range m.Definitions() {
			if def.Permission != keuangan.PermRingkasan || def.Nama == "" || def.Source != "keuangan" {
				t.Errorf("definition %+v", def)
			}
		}
	})
}

func TestWilayahDossierSection(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		seedWilayah(t, d)
		m := newModule(t, d, wilayahDeps, func(deps *keuangan.Deps) { deps.Authz = wilayahAuth })
		ctx := context.Background()
		s, err := m.DossierSection(ctx, desaC, report.Audience{Bupati: true}, indicator.Period{From: "2026-01-01", To: "2026-11-30"})
		if err != nil || s.Empty != "Belum ada data." || len(s.Figures)+len(s.Tables)+len(s.Charts) != 0 {
			t.Fatalf("no APBDes: %+v %v", s, err)
		}
		s, err = m.DossierSection(ctx, desaA, report.Audience{OPD: "DPMD"}, indicator.Period{From: "2026-01-01", To: "2026-11-30"})
		if err != nil || s.Empty != "" {
			t.Fatalf("%+v %v", s, err)
		}
		text := fmt.Sprintf("%+v", s)
		if strings.Contains(text, penerimaRahasia) || strings.Contains(text, buktiRahasia) {
			t.Errorf("the dossier names a payee or a bukti: %s", text)
		}
		fig := map[string]string{}
		for _, f := range s.Figures {
			fig[f.Label] = f.Value
		}
		if fig["Belanja"] != "Rp 1.500.000" || fig["Realisasi belanja"] != "23,33 %" || fig["Pendapatan"] != "Rp 1.500.000" {
			t.Errorf("figures %v", fig)
		}
		titles := map[string]report.Table{}
		for _, tb := range s.Tables {
			titles[strings.SplitN(tb.Title, " (", 2)[0]] = tb
		}
		bid := titles["Realisasi belanja per bidang"]
		if len(bid.Rows) != 2 || bid.Rows[1].Cells[2].Number != 350_000 || bid.Rows[1].Cells[3].Number != 3500 ||
			bid.Rows[0].Cells[3].Number != 0 || len(s.Charts) != 1 {
			t.Errorf("bidang %+v charts %d", bid.Rows, len(s.Charts))
		}
		if tahap := titles["Dana Desa diterima di RKD"]; len(tahap.Rows) != 2 || tahap.Rows[1].Cells[1].Number != 520_000 {
			t.Errorf("tahap %+v", tahap.Rows)
		}
		// Both belanja lines are below 50 % in November; the larger
		// unspent one (1.000.000 − 350.000 vs 500.000) first.
		low := titles["Belanja dengan realisasi di bawah 50 %"]
		if len(low.Rows) != 2 || low.Rows[0].Cells[1].Number != 1_000_000 {
			t.Errorf("low realisasi %+v", low.Rows)
		}
		s, _ = m.DossierSection(ctx, desaA, report.Audience{Bupati: true}, indicator.Period{From: "2026-01-01", To: "2026-06-30"})
		for _, tb := range s.Tables {
			if strings.HasPrefix(tb.Title, "Belanja dengan realisasi") {
				t.Error("low-realisasi lines listed in June")
			}
		}
		if _, err := report.SVG(s.Charts[0]); err != nil {
			t.Error(err)
		}
	})
}

// wilayahSite serves the module's pages with real sessions of wilayahUsers.
func wilayahSite(t *testing.T, d *db.DB) *site {
	t.Helper()
	return newSite(t, d, wilayahUsers, "", wilayahDeps)
}

func TestWilayahPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		seedWilayah(t, d)
		s := wilayahSite(t, d)
		get := func(path, user string) (*http.Response, string) { return s.do(http.MethodGet, path, user, nil) }
		resp, body := get("/wilayah/51.02/keuangan/2026?urut=pagu&arah=turun", "bupati")
		if resp.StatusCode != 200 || !strings.Contains(body, `id="tabel-keuangan"`) || !strings.Contains(body, "Bengkel") ||
			!strings.Contains(body, "23,33 %") || !strings.Contains(body, `aria-sort="descending"`) ||
			!strings.Contains(body, `<option value="51.02.01">Kediri Barat</option>`) || strings.Contains(body, penerimaRahasia) {
			t.Fatalf("kabupaten page: %d %s", resp.StatusCode, body)
		}
		if strings.Index(body, "Cepaka") > strings.Index(body, "Bengkel") {
			t.Error("pagu descending: Cepaka (2.000.000) should come before Bengkel")
		}
		if !strings.Contains(body, "/wilayah/51.02/keuangan/unduh/2026?arah=turun&amp;format=csv&amp;urut=pagu") {
			t.Errorf("download link keeps the order: %s", body)
		}
		resp, body = get("/wilayah/51.02/keuangan/unduh/2026?format=csv&kecamatan=51.02.01", "bupati")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(body, "51.02.01.2001") || strings.Contains(body, "51.02.06.2001") {
			t.Errorf("page csv: %d %s", resp.StatusCode, body)
		}
		if resp, _ := get("/wilayah/51.02.06/keuangan/2026", "forum"); resp.StatusCode != 200 {
			t.Errorf("forum page: %d", resp.StatusCode)
		}
		if resp, _ := get("/wilayah/51.02/keuangan/2026", "camat"); resp.StatusCode != 403 {
			t.Errorf("camat on the kabupaten: %d", resp.StatusCode)
		}
		if resp, _ := get("/wilayah/51.02.06/keuangan", "camat"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/wilayah/51.02.06/keuangan/2026" {
			t.Errorf("current year: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}

		// The public page: no sign-in, sums only, only a ditetapkan APBDes.
		resp, body = get("/publik/desa/51.02.06.2001/apbdes/2026", "")
		if resp.StatusCode != 200 || !strings.Contains(body, "<svg") || !strings.Contains(body, "Rp 1.500.000") ||
			!strings.Contains(body, "23,33 %") || !strings.Contains(body, "Dana Desa") || strings.Contains(body, "<script") ||
			!strings.Contains(body, ">Pelaksanaan Pembangunan Desa<") {
			t.Fatalf("public page: %d %s", resp.StatusCode, body)
		}
		for _, secret := range []string{penerimaRahasia, buktiRahasia, "Uraian 5.2.1.01"} {
			if strings.Contains(body, secret) {
				t.Errorf("the public page shows %q", secret)
			}
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
			t.Errorf("headers %v", resp.Header)
		}
		for _, path := range []string{"/publik/desa/51.02.01.2001/apbdes/2026", "/publik/desa/51.02.06.2003/apbdes/2026", "/publik/desa/51.02.06.2001/apbdes/2025"} {
			resp, body := get(path, "")
			if resp.StatusCode != 404 || !strings.Contains(body, "belum ditetapkan") || resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s: %d %s", path, resp.StatusCode, body)
			}
		}
		if resp, _ := get("/publik/desa/51.99.99.2999/apbdes/2026", ""); resp.StatusCode != 404 {
			t.Errorf("unknown desa: %d", resp.StatusCode)
		}
		if resp, body := get("/publik/keuangan.css", ""); resp.StatusCode != 200 || !strings.Contains(body, "@media print") {
			t.Errorf("css: %d", resp.StatusCode)
		}
	})
}

func TestKegiatanWilayahIsTheAPBDesInForcePerKegiatan(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		seedWilayah(t, d)
		s := seeder{t, d}
		// Cepaka's perubahan, once ditetapkan, is in force instead of its murni.
		e := s.apbdes(desaC, 2026, keuangan.VersiMurni, keuangan.StatusDitetapkan, "")
		s.baris(desaC, e, "5.3.5.03", "02.03.10", "DDS", 9_000_000)
		p := s.apbdes(desaC, 2026, keuangan.VersiPerubahan, keuangan.StatusDitetapkan, e)
		s.baris(desaC, p, "5.3.5.03", "02.03.10", "DDS", 7_000_000)
		s.baris(desaC, p, "5.3.5.02", "02.03.10", "DDS", 1_000_000)
		m := newModule(t, d, wilayahDeps)
		got, err := m.KegiatanWilayah(context.Background(), "51.02.06", 2026)
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		for _, k := range got {
			rows = append(rows, fmt.Sprintf("%s %s %s %d %d", k.Desa, k.Kode, k.SubBidang, k.Pagu, k.Realisasi))
		}
		want := []string{
			"51.02.06.2001 01.01.01 01.01 500000 0",
			"51.02.06.2001 02.01.06 02.01 1000000 350000", // the panjar is no realisasi
			"51.02.06.2002 02.01.06 02.01 2000000 0",      // the perubahan is a draft: the murni is in force
			"51.02.06.2003 02.03.10 02.03 8000000 0",
		}
		if strings.Join(rows, "\n") != strings.Join(want, "\n") {
			t.Errorf("got\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
		}
		if got[0].Nama == "" || got[0].Nama == "01.01.01" {
			t.Errorf("a Lampiran kegiatan has its name: %+v", got[0])
		}
		desa, err := m.KegiatanWilayah(context.Background(), desaB, 2026)
		if err != nil || len(desa) != 1 || desa[0].Desa != desaB {
			t.Errorf("one desa: %+v %v", desa, err)
		}
		if none, err := m.KegiatanWilayah(context.Background(), "51.02.06", 2030); err != nil || len(none) != 0 {
			t.Errorf("a year without APBDes: %+v %v", none, err)
		}
	})
}
