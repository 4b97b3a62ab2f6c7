package kunjungan_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The fixtures of the dossier tests. Every name starts with sus so the
// other test files of the package keep theirs.

const (
	susBengkel  tenancy.Kode = "51.02.06.2001"
	susTetangga tenancy.Kode = "51.02.06.2002"
	susTabanan  tenancy.Kode = "51.02"
	susDLH                   = "01937a6e-0000-7000-8000-0000000000d1"
	susDinkes                = "01937a6e-0000-7000-8000-0000000000d2"
	// visits: an earlier one, the one the dossier is for, a later one.
	susLalu     = "01937a6e-0000-7000-8000-00000000a001"
	susKini     = "01937a6e-0000-7000-8000-00000000a002"
	susTetangg2 = "01937a6e-0000-7000-8000-00000000a003"
)

var susOPD = []kunjungan.OPD{
	{ID: susDinkes, Kabupaten: susTabanan, Kode: "DINKES", Nama: "Dinas Kesehatan", Aktif: true},
	{ID: susDLH, Kabupaten: susTabanan, Kode: "DLH", Nama: "Dinas Lingkungan Hidup", Aktif: true},
}

type susRegistri struct{}

func (susRegistri) OPDByID(_ context.Context, id string) (kunjungan.OPD, error) {
	for _, o := range susOPD {
		if o.ID == id {
			return o, nil
		}
	}
	return kunjungan.OPD{}, fault.New(fault.NotFound, "OPD tidak ditemukan.")
}
func (susRegistri) OPDOf(context.Context, string) (kunjungan.OPD, bool, error) {
	return kunjungan.OPD{}, false, nil
}
func (susRegistri) Anggota(context.Context, string) ([]string, error) { return nil, nil }
func (susRegistri) Daftar(_ context.Context, kab tenancy.Kode) ([]kunjungan.OPD, error) {
	if kab != susTabanan {
		return nil, nil
	}
	return susOPD, nil
}

type susRegions struct{}

func (susRegions) Exists(context.Context, tenancy.Kode) error { return nil }
func (susRegions) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	return map[tenancy.Kode]string{susBengkel: "Bengkel", susTetangga: "Nyitdah", "51.02.06": "Kediri", susTabanan: "Kabupaten Tabanan"}[k], nil
}
func (susRegions) DesaIn(context.Context, tenancy.Kode) ([]kunjungan.Desa, error) { return nil, nil }

// susBagian is a module's dossier section: something, nothing, an error,
// or (onlyOPD) a section for one OPD and the bupati only.
type susBagian struct {
	heading string
	empty   bool
	err     error
	onlyOPD string
}

func (b susBagian) DossierSection(_ context.Context, desa tenancy.Kode, aud report.Audience, _ indicator.Period) (report.Section, error) {
	if b.err != nil {
		return report.Section{}, b.err
	}
	if b.onlyOPD != "" && !aud.Bupati && aud.OPD != b.onlyOPD {
		return report.Section{}, nil
	}
	s := report.Section{Heading: b.heading}
	if b.empty {
		s.Empty = "Belum ada data."
		return s, nil
	}
	s.Figures = []report.Figure{{Label: "Untuk", Value: string(desa) + " " + aud.OPD}}
	return s, nil
}

// susPenyedia is an indicator provider with a fixed answer that counts
// the calls.
type susPenyedia struct {
	mu    sync.Mutex
	calls []tenancy.Kode
	codes [][]string
}

var (
	susPermUmum   = authz.Permission{Object: "uji", Action: "umum"}
	susPermBupati = authz.Permission{Object: "uji", Action: "bupati"}
)

func (p *susPenyedia) Definitions() []indicator.Definition {
	return []indicator.Definition{
		{Source: "uji", Code: "jumlah", Nama: "Jumlah usaha", Satuan: "usaha", Kind: indicator.Count, Permission: susPermUmum},
		{Source: "uji", Code: "persen", Nama: "Porsi tepat waktu", Satuan: "bp (1/100 %)", Kind: indicator.Count, Permission: susPermUmum},
		{Source: "uji", Code: "rahasia", Nama: "Angka khusus bupati", Satuan: "kasus", Kind: indicator.Count, Permission: susPermBupati},
		{Source: "uji", Code: "pribadi", Nama: "Angka pribadi", Kind: indicator.Count, Permission: susPermUmum, Personal: true},
		{Source: "uji", Code: "nama", Nama: "Nama kepala", Kind: indicator.Text, Permission: susPermUmum},
	}
}

func (p *susPenyedia) Indicators(_ context.Context, w tenancy.Kode, _ indicator.Period, codes []string) ([]indicator.Value, error) {
	p.mu.Lock()
	p.calls = append(p.calls, w)
	p.codes = append(p.codes, codes)
	p.mu.Unlock()
	v := func(desa tenancy.Kode, code string, n int64) indicator.Value {
		return indicator.Value{Desa: desa, Source: "uji", Code: code, Number: n}
	}
	all := []indicator.Value{
		// jumlah: Kediri 10, 20, 40 → 20; Tabanan 5, 7, 10, 20, 40 → 10.
		v("51.02.07.2002", "jumlah", 7), v(susBengkel, "jumlah", 10), v(susTetangga, "jumlah", 20),
		v("51.02.06.2003", "jumlah", 40), v("51.02.07.2001", "jumlah", 5),
		// persen: Kediri 9250, 8000 → 8625; Tabanan + 7001 → 8000.
		v(susBengkel, "persen", 9250), v(susTetangga, "persen", 8000), v("51.02.07.2001", "persen", 7001),
		// rahasia: Bengkel has none; Kediri 3, 4 → 3,5; Tabanan + 100 → 4.
		v(susTetangga, "rahasia", 3), v("51.02.06.2003", "rahasia", 4), v("51.02.07.2001", "rahasia", 100),
		v(susBengkel, "pribadi", 1), {Desa: susBengkel, Source: "uji", Code: "nama", Text: "I Made"},
		v("51.03.01.2001", "jumlah", 1000), // another kabupaten: never counted
	}
	var out []indicator.Value
	for _, x := range all {
		if indicator.Wants(codes, x.Code) {
			out = append(out, x)
		}
	}
	return out, nil
}

type susAudiensi struct{}

func (susAudiensi) JumlahAudiensiKunjungan(context.Context, tenancy.Kode, string) (int, string, error) {
	return 0, "", nil
}

func (susAudiensi) AudiensiKunjungan(_ context.Context, desa tenancy.Kode, id string) ([]kunjungan.AudiensiDiterima, error) {
	if desa != susBengkel || id != susLalu {
		return nil, nil
	}
	return []kunjungan.AudiensiDiterima{
		{Judul: "Forum perbekel: jalan kabupaten rusak", Kategori: "Jalan, jembatan dan drainase", Status: "Didisposisikan",
			Diterima: "2026-03-10", Penerima: []string{"Dinas PUPR (menunggu)"}},
		{Judul: "Warga: sampah di sungai", Kategori: "Persampahan dan kebersihan", Status: "Baru", Diterima: "2026-03-10", Penerima: []string{}},
	}, nil
}

type susEnv struct {
	m        *kunjungan.Module
	penyedia *susPenyedia
	d        *db.DB
}

var susGagal = errors.New("pq: relation sampah_log does not exist")

func susSetup(t testing.TB, d *db.DB, sections ...kunjungan.SectionSource) susEnv {
	t.Helper()
	p := &susPenyedia{}
	if sections == nil {
		sections = []kunjungan.SectionSource{
			susBagian{heading: "Keuangan desa"},
			susBagian{err: susGagal},
			susBagian{heading: "CCTV", empty: true},
			susBagian{heading: "Khusus DLH", onlyOPD: "DLH"},
		}
	}
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC) // 23 November 2026, 10:00 WITA
	m := kunjungan.New(kunjungan.Deps{DB: d, OPD: susRegistri{}, Regions: susRegions{},
		Profil: susBagian{heading: "Profil desa"}, Sections: sections, Audiensi: susAudiensi{},
		Indicators: func() []indicator.Provider { return []indicator.Provider{p} },
		RoleMay: func(r authz.Role, perm authz.Permission) bool {
			return r == authz.Bupati || (r == authz.OPD && perm == susPermUmum)
		},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Clock: func() time.Time { return now }})
	e := susEnv{m: m, penyedia: p, d: d}
	e.isi(t)
	return e
}

// isi records an earlier visit with its commitments, the visit the
// dossier is for, and a visit to the neighbour.
func (e susEnv) isi(t testing.TB) {
	t.Helper()
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ya, tidak := true, false
	visit := func(desa tenancy.Kode, id string, tanggal civil.Date, status kunjungan.Status) kunjungan.Kunjungan {
		return kunjungan.Kunjungan{DesaID: desa.ID(), ID: id, Tanggal: tanggal, Judul: "Ngantor di Desa " + string(tanggal), Status: status,
			CamatHadir: true, CreatedBy: "uji", CreatedAt: at, UpdatedBy: "uji", UpdatedAt: at}
	}
	komitmen := func(desa tenancy.Kode, kid, id, isi, penanggung, nama string, tenggat civil.Date, st kunjungan.StatusKomitmen) kunjungan.Komitmen {
		return kunjungan.Komitmen{DesaID: desa.ID(), ID: id, KunjunganID: kid, Isi: isi, Penanggung: penanggung, PenanggungNama: nama,
			Tenggat: tenggat, Status: st, CreatedBy: "uji", CreatedAt: at, UpdatedBy: "uji", UpdatedAt: at}
	}
	b := susBengkel.ID()
	lalu := visit(susBengkel, susLalu, "2026-03-10", kunjungan.Selesai)
	lalu.CatatanHasil = "Bupati meresmikan TPS3R Bestari."
	rows := []any{
		&lalu,
		&[]kunjungan.PesertaOPD{{DesaID: b, KunjunganID: susLalu, OPDID: susDLH, OPDKode: "DLH", OPDNama: "Dinas Lingkungan Hidup", Hadir: &ya},
			{DesaID: b, KunjunganID: susLalu, OPDID: susDinkes, OPDKode: "DINKES", OPDNama: "Dinas Kesehatan", Hadir: &tidak}},
		&[]kunjungan.Agenda{{DesaID: b, KunjunganID: susLalu, Urut: 1, Jenis: kunjungan.AgendaTPS3R, Judul: "Peninjauan TPS3R Bestari",
			Oleh: kunjungan.OlehKabupaten, Terlaksana: &ya, Hasil: "TPS3R diresmikan", CreatedBy: "uji", CreatedAt: at}},
		&[]kunjungan.Komitmen{
			komitmen(susBengkel, susLalu, "01937a6e-0000-7000-8000-00000000c001", "Truk sampah tambahan", susDLH, "Dinas Lingkungan Hidup", "2026-05-01", kunjungan.Belum),
			komitmen(susBengkel, susLalu, "01937a6e-0000-7000-8000-00000000c002", "Posyandu keliling", susDinkes, "Dinas Kesehatan", "2027-01-15", kunjungan.Proses),
			komitmen(susBengkel, susLalu, "01937a6e-0000-7000-8000-00000000c003", "Perdes sampah", kunjungan.PenanggungDesa, "Pemerintah Desa", "2026-04-01", kunjungan.KomitmenSelesai),
		},
		ptr(visit(susBengkel, susKini, "2026-12-10", kunjungan.Direncanakan)),
		&[]kunjungan.PesertaOPD{{DesaID: b, KunjunganID: susKini, OPDID: susDLH, OPDKode: "DLH", OPDNama: "Dinas Lingkungan Hidup"}},
		&[]kunjungan.Agenda{
			{DesaID: b, KunjunganID: susKini, Urut: 1, Jenis: kunjungan.AgendaLayanan, Judul: "Stan layanan DLH", OPDID: susDLH, Oleh: kunjungan.OlehKabupaten, CreatedBy: "uji", CreatedAt: at},
			{DesaID: b, KunjunganID: susKini, Urut: 2, Jenis: kunjungan.AgendaIsu, Judul: "Banjir di Banjar Kaja", Oleh: kunjungan.OlehDesa, CreatedBy: "uji", CreatedAt: at},
		},
		// Not earlier: the visit's own commitment never shows in its dossier.
		&[]kunjungan.Komitmen{komitmen(susBengkel, susKini, "01937a6e-0000-7000-8000-00000000c004", "Komitmen hari ini", susDLH, "Dinas Lingkungan Hidup", "2026-12-31", kunjungan.Belum)},
	}
	tet := []any{
		ptr(visit(susTetangga, susTetangg2, "2026-02-01", kunjungan.Selesai)),
		&[]kunjungan.Komitmen{komitmen(susTetangga, susTetangg2, "01937a6e-0000-7000-8000-00000000c005", "Janji di desa tetangga", susDLH, "Dinas Lingkungan Hidup", "2026-04-01", kunjungan.Belum)},
	}
	for _, set := range []struct {
		desa tenancy.Kode
		rows []any
	}{{susBengkel, rows}, {susTetangga, tet}} {
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: set.desa})
		err := e.d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			for _, r := range set.rows {
				if _, err := tx.NewInsert().Model(r).Exec(ctx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func susSection(t *testing.T, doc report.Document, heading string) report.Section {
	t.Helper()
	for _, s := range doc.Sections {
		if s.Heading == heading {
			return s
		}
	}
	var hs []string
	for _, s := range doc.Sections {
		hs = append(hs, s.Heading)
	}
	t.Fatalf("no section %q in %q", heading, hs)
	return report.Section{}
}

func susHeadings(doc report.Document) []string {
	var hs []string
	for _, s := range doc.Sections {
		hs = append(hs, s.Heading)
	}
	return hs
}

// susRows is a table's rows as text, cells joined by " | ".
func susRows(t report.Table) []string {
	var out []string
	for _, r := range t.Rows {
		var cs []string
		for _, c := range r.Cells {
			cs = append(cs, c.Text)
		}
		line := strings.Join(cs, " | ")
		if r.Bold {
			line = "*" + line
		}
		out = append(out, line)
	}
	return out
}

func susJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSusunBupatiDossierIsCompleteAndDeterministic(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := susSetup(t, d)
		ctx := context.Background()
		doc, err := e.m.Susun(ctx, susBengkel, susKini, kunjungan.AudiensBupati)
		if err != nil {
			t.Fatal(err)
		}
		again, err := e.m.Susun(ctx, susBengkel, susKini, kunjungan.AudiensBupati)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(doc, again) || susJSON(t, doc) != susJSON(t, again) {
			t.Fatalf("two builds differ:\n%s\n%s", susJSON(t, doc), susJSON(t, again))
		}
		if !strings.Contains(doc.Title, "Ngantor di Desa 2026-12-10") ||
			doc.Subtitle != "Untuk Bupati — Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan — 10 Desember 2026" {
			t.Errorf("title block: %q / %q", doc.Title, doc.Subtitle)
		}
		want := []string{"Profil desa", "Kunjungan dan agenda", "Keuangan desa", "Bagian kunjungan_test tidak dapat disusun", "CCTV",
			"Khusus DLH", "Perbandingan dengan desa lain", "Komitmen kunjungan sebelumnya yang belum selesai"}
		if got := susHeadings(doc); !reflect.DeepEqual(got, want) {
			t.Errorf("sections %q\nwant %q", got, want)
		}
		if body := susJSON(t, doc); strings.Contains(body, "sampah_log") || strings.Contains(body, "pq:") {
			t.Errorf("the cause of a failed section reached the document")
		}
		if s := susSection(t, doc, "CCTV"); s.Empty != "Belum ada data." {
			t.Errorf("module without data: %+v", s)
		}

		ag := susSection(t, doc, "Kunjungan dan agenda")
		if len(ag.Tables) != 3 || susRows(ag.Tables[0])[0] != "1 | Stan layanan OPD | Stan layanan DLH |  | DLH" ||
			susRows(ag.Tables[1])[0] != "2 | Isu yang ingin diangkat desa | Banjir di Banjar Kaja |  | " ||
			susRows(ag.Tables[2])[0] != "DLH | Dinas Lingkungan Hidup" {
			t.Errorf("agenda: %+v", ag.Tables)
		}

		// The bupati sees every count but the personal ones; medians over
		// the desa with a value; a desa without one shows "—".
		bd := susSection(t, doc, "Perbandingan dengan desa lain")
		got := susRows(bd.Tables[0])
		wantRows := []string{
			"Jumlah usaha | 10 | 20 (3) | 10 (5) | usaha",
			"Porsi tepat waktu | 92,50 | 86,25 (2) | 80,00 (3) | %",
			"Angka khusus bupati | — | 3,5 (2) | 4 (3) | kasus",
		}
		if !reflect.DeepEqual(got, wantRows) {
			t.Errorf("comparison:\n%q\nwant\n%q", got, wantRows)
		}
		if c := bd.Tables[0].Rows[2].Cells[2]; c.Number != 35 || c.Scale != 10 || !c.Numeric {
			t.Errorf("median cell keeps its exact value: %+v", c)
		}
		// The second, identical dossier reads the first one's answer from
		// the short-lived cache.
		if len(e.penyedia.calls) != 1 || e.penyedia.calls[0] != susTabanan {
			t.Errorf("provider asked %v: want once, for the kabupaten", e.penyedia.calls)
		}
		if len(bd.Charts) != 1 || !reflect.DeepEqual(bd.Charts[0].Series[0].Values, []int64{10, 20, 10}) ||
			bd.Charts[0].Labels[0] != "Desa Bengkel" {
			t.Errorf("charts: %+v", bd.Charts)
		}

		km := susSection(t, doc, "Komitmen kunjungan sebelumnya yang belum selesai")
		wantK := []string{
			"*10 Maret 2026: Ngantor di Desa 2026-03-10 | Truk sampah tambahan | Dinas Lingkungan Hidup | 1 Mei 2026 | Belum | Terlambat 206 hari",
			"10 Maret 2026: Ngantor di Desa 2026-03-10 | Posyandu keliling | Dinas Kesehatan | 15 Januari 2027 | Proses | ",
		}
		if got := susRows(km.Tables[0]); !reflect.DeepEqual(got, wantK) {
			t.Errorf("commitments:\n%q\nwant\n%q", got, wantK)
		}

		pdf, err := report.PDF(doc)
		if err != nil || len(pdf) < 1000 {
			t.Fatalf("pdf: %d bytes, %v", len(pdf), err)
		}
		if x, err := report.XLSX(doc); err != nil || len(x) == 0 {
			t.Fatalf("xlsx: %d bytes, %v", len(x), err)
		}
	})
}

func TestSusunOPDDossierShowsOnlyItsShare(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := susSetup(t, d)
		doc, err := e.m.Susun(context.Background(), susBengkel, susKini, "DINKES")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(doc.Subtitle, "Untuk DINKES — Dinas Kesehatan") {
			t.Errorf("subtitle %q", doc.Subtitle)
		}
		for _, h := range susHeadings(doc) {
			if h == "Khusus DLH" {
				t.Errorf("another OPD's section is in DINKES's dossier")
			}
		}
		if s := susSection(t, doc, "Keuangan desa"); s.Figures[0].Value != "51.02.06.2001 DINKES" {
			t.Errorf("the module was not asked for DINKES: %+v", s.Figures)
		}
		// The OPD's role lacks the bupati's permission: no such indicator,
		// and it was not even asked for.
		got := susRows(susSection(t, doc, "Perbandingan dengan desa lain").Tables[0])
		if len(got) != 2 || strings.Contains(strings.Join(got, "\n"), "khusus bupati") {
			t.Errorf("OPD comparison: %q", got)
		}
		for _, c := range e.penyedia.codes[0] {
			if c == "rahasia" || c == "pribadi" || c == "nama" {
				t.Errorf("asked the provider for %q", c)
			}
		}
		km := susSection(t, doc, "Komitmen DINKES dari kunjungan sebelumnya yang belum selesai")
		if got := susRows(km.Tables[0]); len(got) != 1 || !strings.Contains(got[0], "Posyandu keliling") {
			t.Errorf("DINKES's commitments: %q", got)
		}
		// DLH: its overdue one; the agenda stall is its own (bold).
		doc, err = e.m.Susun(context.Background(), susBengkel, susKini, "DLH")
		if err != nil {
			t.Fatal(err)
		}
		km = susSection(t, doc, "Komitmen DLH dari kunjungan sebelumnya yang belum selesai")
		if got := susRows(km.Tables[0]); len(got) != 1 || !strings.Contains(got[0], "Truk sampah tambahan") || km.Figures[1].Value != "1" {
			t.Errorf("DLH's commitments: %q %+v", got, km.Figures)
		}
		if r := susSection(t, doc, "Kunjungan dan agenda").Tables[0].Rows[0]; !r.Bold {
			t.Errorf("DLH's own stall is not marked")
		}
		susSection(t, doc, "Khusus DLH")

		if _, err := e.m.Susun(context.Background(), susBengkel, susKini, "DISHUB"); !fault.Is(err, fault.NotFound) {
			t.Errorf("an OPD not in the registry: %v", err)
		}
	})
}

func TestSusunPlanningDossierWithoutVisit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := susSetup(t, d)
		doc, err := e.m.Susun(context.Background(), susBengkel, "", kunjungan.AudiensBupati)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != "Dossier perencanaan: Desa Bengkel" {
			t.Errorf("title %q", doc.Title)
		}
		for _, h := range susHeadings(doc) {
			if h == "Kunjungan dan agenda" {
				t.Errorf("a planning dossier has no visit section")
			}
		}
		// Every open commitment of the desa, none of the neighbour's.
		got := susRows(susSection(t, doc, "Komitmen kunjungan sebelumnya yang belum selesai").Tables[0])
		if len(got) != 3 || strings.Contains(strings.Join(got, "\n"), "tetangga") {
			t.Errorf("commitments: %q", got)
		}
		if _, err := e.m.Susun(context.Background(), "51.02.06", "", kunjungan.AudiensBupati); !fault.Is(err, fault.Invalid) {
			t.Errorf("a kecamatan code: %v", err)
		}
		if _, err := e.m.Susun(context.Background(), susTetangga, susKini, kunjungan.AudiensBupati); !fault.Is(err, fault.NotFound) {
			t.Errorf("another desa's visit: %v", err)
		}
	})
}

func TestSusunWithoutProvidersOrRolesLeavesTheComparisonOut(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := kunjungan.New(kunjungan.Deps{DB: d, OPD: susRegistri{}, Regions: susRegions{},
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		doc, err := m.Susun(context.Background(), susBengkel, "", kunjungan.AudiensBupati)
		if err != nil {
			t.Fatal(err)
		}
		// Nothing wired: no profile, no module, no comparison; the
		// commitments say there are none.
		if got := susHeadings(doc); len(got) != 1 || got[0] != "Komitmen kunjungan sebelumnya yang belum selesai" || doc.Sections[0].Empty == "" {
			t.Errorf("sections %q", got)
		}
	})
}

func TestSusunReportListsAttendanceAgendaAudiensiAndCommitments(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := susSetup(t, d)
		doc, err := e.m.Susun(context.Background(), susBengkel, susLalu, kunjungan.AudiensLaporan)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := e.m.Susun(context.Background(), susBengkel, susLalu, kunjungan.AudiensLaporan)
		if susJSON(t, doc) != susJSON(t, again) {
			t.Fatal("two builds of the report differ")
		}
		want := []string{"Kehadiran", "Agenda yang dilaksanakan", "Audiensi yang diterima saat kunjungan", "Komitmen dan tindak lanjut"}
		if got := susHeadings(doc); !reflect.DeepEqual(got, want) {
			t.Fatalf("sections %q", got)
		}
		kh := susSection(t, doc, "Kehadiran")
		if kh.Figures[1].Value != "1 dari 2" || kh.Figures[2].Value != "Hadir" || kh.Figures[3].Value != "Tidak hadir" {
			t.Errorf("attendance: %+v", kh.Figures)
		}
		if got := susRows(kh.Tables[0]); !reflect.DeepEqual(got, []string{"DINKES | Dinas Kesehatan | Tidak hadir", "DLH | Dinas Lingkungan Hidup | Hadir"}) {
			t.Errorf("OPD attendance: %q", got)
		}
		ag := susSection(t, doc, "Agenda yang dilaksanakan")
		if got := susRows(ag.Tables[0]); len(got) != 1 || got[0] != "1 | TPS3R / pengelolaan sampah | Peninjauan TPS3R Bestari | Kabupaten | Ya | TPS3R diresmikan" ||
			ag.Notes[0] != "Bupati meresmikan TPS3R Bestari." {
			t.Errorf("agenda: %q %q", got, ag.Notes)
		}
		au := susSection(t, doc, "Audiensi yang diterima saat kunjungan")
		if got := susRows(au.Tables[0]); len(got) != 2 || !strings.HasSuffix(got[0], "Dinas PUPR (menunggu)") || !strings.HasSuffix(got[1], "Belum didisposisikan") {
			t.Errorf("audiensi: %q", got)
		}
		km := susSection(t, doc, "Komitmen dan tindak lanjut")
		if got := susRows(km.Tables[0]); len(got) != 3 || !strings.HasPrefix(got[1], "*Truk sampah tambahan | Dinas Lingkungan Hidup | 1 Mei 2026 | Belum | Melewati tenggat") {
			t.Errorf("commitments: %q", got)
		}
		if pdf, err := report.PDF(doc); err != nil || len(pdf) < 1000 {
			t.Fatalf("pdf: %d bytes, %v", len(pdf), err)
		}
		if _, err := e.m.Susun(context.Background(), susBengkel, "", kunjungan.AudiensLaporan); !fault.Is(err, fault.Invalid) {
			t.Errorf("a report without a visit: %v", err)
		}
	})
}

// BenchmarkSusun builds the bupati's dossier of a visit with fake modules:
// what Susun itself costs (the visit, the comparison, the commitments).
func BenchmarkSusun(b *testing.B) {
	e := susSetup(b, dbtest.SQLite(b))
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.m.Susun(ctx, susBengkel, susKini, kunjungan.AudiensBupati); err != nil {
			b.Fatal(err)
		}
	}
}
