package konsultasi_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/konsultasi"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	kab      tenancy.Kode = "51.02"
	kediri   tenancy.Kode = "51.02.06"
	bengkel  tenancy.Kode = "51.02.06.2001"
	nyitdah  tenancy.Kode = "51.02.06.2011"
	kecLain  tenancy.Kode = "51.02.01"
	desaLain tenancy.Kode = "51.02.01.2001"
)

// wita is hour h of a March 2026 day in Bali.
func wita(day, h int) time.Time {
	return time.Date(2026, 3, day, h, 0, 0, 0, civil.Zone(bengkel))
}

// The calendar: Nyepi, Thursday 19 March 2026, is a holiday.
type fakeCal struct{}

func (fakeCal) Kalender(context.Context, tenancy.Kode) (kalender.Kalender, error) {
	return kalender.New(map[civil.Date]string{"2026-03-19": "Hari Suci Nyepi"}, 2026), nil
}

// fakeAuthz: each user holds perms at one wilayah (and inside it).
type grant struct {
	at    tenancy.Kode
	perms []authz.Permission
}
type fakeAuthz map[string]grant

func (f fakeAuthz) Allowed(_ context.Context, user string, target tenancy.Kode, p authz.Permission) (bool, error) {
	g, ok := f[user]
	if !ok || !g.at.Contains(target) {
		return false, nil
	}
	for _, x := range g.perms {
		if x == p {
			return true, nil
		}
	}
	return false, nil
}

var (
	permDesa = []authz.Permission{konsultasi.PermBaca, konsultasi.PermTanya}
	permKec  = []authz.Permission{konsultasi.PermBaca, konsultasi.PermJawab, konsultasi.PermStatistik}
	users    = fakeAuthz{
		"sekdes":    {bengkel, permDesa},
		"nyitdah":   {nyitdah, permDesa},
		"tapem":     {kediri, permKec},
		"camatLain": {kecLain, permKec},
		"bupati":    {kab, []authz.Permission{konsultasi.PermStatistik}},
	}
)

type sent struct {
	users []string
	p     konsultasi.Pesan
}
type fakeNotifier struct{ got *[]sent }

func (f fakeNotifier) Notify(_ context.Context, users []string, p konsultasi.Pesan) (int, error) {
	*f.got = append(*f.got, sent{users, p})
	return len(users), nil
}

type fakeStaff struct{}

func (fakeStaff) UsersAt(_ context.Context, k tenancy.Kode) ([]string, error) {
	if k == kediri {
		return []string{"tapem", "camat"}, nil
	}
	return nil, nil
}

type fakeRegions struct{}

func (fakeRegions) Exists(context.Context, tenancy.Kode) error { return nil }
func (fakeRegions) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	return map[tenancy.Kode]string{bengkel: "Bengkel", nyitdah: "Nyitdah", kediri: "Kediri", kecLain: "Selemadeg", kab: "Tabanan"}[k], nil
}
func (fakeRegions) DesaIn(_ context.Context, k tenancy.Kode) ([]konsultasi.Desa, error) {
	all := []konsultasi.Desa{{Kode: desaLain, Nama: "Lain", NamaKecamatan: "Selemadeg"},
		{Kode: bengkel, Nama: "Bengkel", NamaKecamatan: "Kediri"}, {Kode: nyitdah, Nama: "Nyitdah", NamaKecamatan: "Kediri"}}
	var out []konsultasi.Desa
	for _, d := range all {
		if k.Contains(d.Kode) {
			out = append(out, d)
		}
	}
	return out, nil
}

// fakeTL is pembinaan's side: Bengkel attended one session.
type fakeTL struct {
	added []konsultasi.TindakLanjutBaru
	err   error
}

func (f *fakeTL) SesiDesa(_ context.Context, desa tenancy.Kode) ([]konsultasi.Sesi, error) {
	if desa != bengkel {
		return nil, nil
	}
	return []konsultasi.Sesi{{ID: "sesi-1", Judul: "Pembinaan pelayanan", Tanggal: wita(2, 9)}}, nil
}
func (f *fakeTL) TambahTindakLanjut(_ context.Context, in konsultasi.TindakLanjutBaru) (string, error) {
	if f.err != nil {
		return "", f.err
	}
	f.added = append(f.added, in)
	return "tl-" + fmt.Sprint(len(f.added)), nil
}

type env struct {
	m     *konsultasi.Module
	clock *time.Time
	sent  *[]sent
	tl    *fakeTL
}

func newEnv(t *testing.T, d *db.DB) env {
	now := wita(16, 9) // Monday
	var got []sent
	tl := &fakeTL{}
	store, err := blob.Open(t.Context(), "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e := env{clock: &now, sent: &got, tl: tl}
	e.m = konsultasi.New(konsultasi.Deps{DB: d, Authz: users, Calendar: fakeCal{}, Regions: fakeRegions{}, Blob: store,
		Notifier: fakeNotifier{&got}, Staff: fakeStaff{}, TindakLanjut: tl, Clock: func() time.Time { return *e.clock }})
	return e
}

func as(user string, k tenancy.Kode) context.Context {
	return auth.WithUser(tenancy.With(context.Background(), tenancy.Tenant{Kode: k}), auth.User{ID: user, Name: "Nama " + user})
}

func fields(err error) string {
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid {
		return fmt.Sprintf("not invalid: %v", err)
	}
	if len(e.Fields) == 0 {
		return e.Field
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func code(err error) fault.Code {
	if e, ok := fault.As(err); ok {
		return e.Code
	}
	return "uncoded"
}

func baru(judul string) konsultasi.KonsultasiBaru {
	return konsultasi.KonsultasiBaru{Bagian: "tata_pemerintahan", Topik: "tata_naskah", Judul: judul, Isi: "Mohon petunjuk kode klasifikasi."}
}

func TestValidasi(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := as("sekdes", bengkel)
		for _, tc := range []struct {
			name string
			in   konsultasi.KonsultasiBaru
			want string
		}{
			{"sah", baru("Kode klasifikasi SK"), ""},
			{"bagian", konsultasi.KonsultasiBaru{Bagian: "dinas", Topik: "sotk", Judul: "Judul cukup", Isi: "x"}, "body.bagian"},
			{"topik", konsultasi.KonsultasiBaru{Bagian: "kesra", Topik: "olahraga", Judul: "Judul cukup", Isi: "x"}, "body.topik"},
			{"judul pendek dan isi kosong", konsultasi.KonsultasiBaru{Bagian: "camat", Topik: "lainnya", Judul: "Hai", Isi: "  "}, "body.isi,body.judul"},
			{"judul kendali", konsultasi.KonsultasiBaru{Bagian: "camat", Topik: "lainnya", Judul: "Judul\x00rusak", Isi: "x"}, "body.judul"},
			{"isi terlalu panjang", konsultasi.KonsultasiBaru{Bagian: "camat", Topik: "lainnya", Judul: "Judul cukup", Isi: strings.Repeat("a", 5001)}, "body.isi"},
		} {
			_, err := e.m.Buka(ctx, tc.in)
			if tc.want == "" {
				if err != nil {
					t.Errorf("%s: %v", tc.name, err)
				}
				continue
			}
			if got := fields(err); got != tc.want {
				t.Errorf("%s: fields %q, want %q", tc.name, got, tc.want)
			}
		}
		if _, err := e.m.Kirim(ctx, "00000000-0000-0000-0000-000000000000", konsultasi.KonsultasiPesanBaru{Isi: ""}); fields(err) != "body.isi" {
			t.Errorf("empty message: %v", err)
		}
		if _, err := e.m.Tutup(ctx, "x", konsultasi.KonsultasiUbahStatus{Status: "dijawab"}); fields(err) != "body.status" {
			t.Errorf("status dijawab asked: %v", err)
		}
	})
}

func TestAlurStatus(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		desa, kec := as("sekdes", bengkel), as("tapem", bengkel)
		u, err := e.m.Buka(desa, baru("Kode klasifikasi SK kepala dusun"))
		if err != nil {
			t.Fatal(err)
		}
		if u.Status != konsultasi.Baru || len(u.Pesan) != 1 || u.Pesan[0].Sisi != konsultasi.SisiDesa || u.DibukaNama != "Nama sekdes" {
			t.Fatalf("opened: %+v", u)
		}
		if len(*e.sent) != 1 || strings.Join((*e.sent)[0].users, ",") != "tapem,camat" || !strings.Contains((*e.sent)[0].p.Tautan, u.ID) {
			t.Fatalf("kecamatan not told: %+v", *e.sent)
		}
		// The desa adds a line before any answer: still baru.
		*e.clock = wita(17, 9)
		if _, err := e.m.Kirim(desa, u.ID, konsultasi.KonsultasiPesanBaru{Isi: "Tambahan: SK tahun 2025."}); err != nil {
			t.Fatal(err)
		}
		if got, _ := e.m.Lihat(desa, u.ID); got.Status != konsultasi.Baru || got.HariKerjaJawab != nil {
			t.Fatalf("desa reply changed the state: %+v", got)
		}
		// Nobody of another desa or kecamatan reads or writes it.
		if _, err := e.m.Lihat(as("nyitdah", nyitdah), u.ID); code(err) != fault.NotFound {
			t.Errorf("Nyitdah read Bengkel's thread: %v", err)
		}
		if _, err := e.m.Kirim(as("camatLain", bengkel), u.ID, konsultasi.KonsultasiPesanBaru{Isi: "x"}); code(err) != fault.Forbidden {
			t.Errorf("another camat wrote: %v", err)
		}
		if _, err := e.m.Kirim(as("bupati", bengkel), u.ID, konsultasi.KonsultasiPesanBaru{Isi: "x"}); code(err) != fault.Forbidden {
			t.Errorf("bupati wrote: %v", err)
		}
		// The kecamatan answers on Friday: Tue, Wed, (Nyepi), Fri = 3 working days.
		*e.clock = wita(20, 10)
		*e.sent = nil
		if _, err := e.m.Kirim(kec, u.ID, konsultasi.KonsultasiPesanBaru{Isi: "Kode 800."}); err != nil {
			t.Fatal(err)
		}
		got, err := e.m.Lihat(desa, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != konsultasi.Dijawab || got.HariKerjaJawab == nil || *got.HariKerjaJawab != 3 || !got.DijawabPertamaPada.Equal(wita(20, 10)) {
			t.Fatalf("answered: status %s hari %v pada %v", got.Status, got.HariKerjaJawab, got.DijawabPertamaPada)
		}
		if len(*e.sent) != 1 || (*e.sent)[0].users[0] != "sekdes" {
			t.Fatalf("opener not told: %+v", *e.sent)
		}
		// A second answer keeps the first answer's clock; the desa replies: dijawab.
		*e.clock = wita(24, 10)
		if _, err := e.m.Kirim(kec, u.ID, konsultasi.KonsultasiPesanBaru{Isi: "Tambahan jawaban."}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.m.Kirim(desa, u.ID, konsultasi.KonsultasiPesanBaru{Isi: "Terima kasih."}); err != nil {
			t.Fatal(err)
		}
		got, _ = e.m.Lihat(kec, u.ID)
		if got.Status != konsultasi.Dijawab || *got.HariKerjaJawab != 3 || len(got.Pesan) != 5 {
			t.Fatalf("after replies: %s %v %d messages", got.Status, *got.HariKerjaJawab, len(got.Pesan))
		}
		if got.Pesan[0].Isi != "Mohon petunjuk kode klasifikasi." || got.Pesan[2].Sisi != konsultasi.SisiKecamatan {
			t.Fatalf("messages out of order: %+v", got.Pesan)
		}
		// Closed by the desa: final.
		if got, err = e.m.Tutup(desa, u.ID, konsultasi.KonsultasiUbahStatus{Status: "selesai"}); err != nil || got.Status != konsultasi.Selesai || got.SelesaiPada == nil {
			t.Fatalf("close: %v %+v", err, got)
		}
		if _, err := e.m.Kirim(kec, u.ID, konsultasi.KonsultasiPesanBaru{Isi: "Lagi."}); code(err) != fault.Conflict {
			t.Errorf("message on a closed thread: %v", err)
		}
		if _, err := e.m.Tutup(kec, u.ID, konsultasi.KonsultasiUbahStatus{Status: "selesai"}); code(err) != fault.Conflict {
			t.Errorf("closed twice: %v", err)
		}
		// The kecamatan's list: the unanswered first, the closed last.
		*e.clock = wita(25, 9)
		b, err := e.m.Buka(as("nyitdah", nyitdah), konsultasi.KonsultasiBaru{Bagian: "kesra", Topik: "kesra_pendidikan", Judul: "Beasiswa anak petani", Isi: "Ada program?"})
		if err != nil {
			t.Fatal(err)
		}
		pg, err := e.m.Daftar(tenancy.With(context.Background(), tenancy.Tenant{Kode: kediri}), konsultasi.Saring{}, page.Params{})
		if err != nil {
			t.Fatal(err)
		}
		list := pg.Items
		if len(list) != 2 || list[0].ID != b.ID || list[1].ID != u.ID || list[0].DesaNama != "Nyitdah" {
			t.Fatalf("kecamatan list: %+v", list)
		}
		if pg, _ := e.m.Daftar(tenancy.With(context.Background(), tenancy.Tenant{Kode: kediri}), konsultasi.Saring{Bagian: "tata_pemerintahan"}, page.Params{}); len(pg.Items) != 1 || pg.Items[0].ID != u.ID {
			t.Fatalf("filter bagian: %+v", pg.Items)
		}
		if pg, _ := e.m.Daftar(tenancy.With(context.Background(), tenancy.Tenant{Kode: kecLain}), konsultasi.Saring{}, page.Params{}); len(pg.Items) != 0 {
			t.Fatalf("another kecamatan sees %d threads", len(pg.Items))
		}
		// One thread a page: the two in order, then no more.
		kctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: kediri})
		var seen []string
		for cursor, i := "", 0; i < 3; i++ {
			pg, err := e.m.Daftar(kctx, konsultasi.Saring{}, page.Params{Cursor: cursor, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range pg.Items {
				seen = append(seen, x.ID)
			}
			if cursor = pg.NextCursor; cursor == "" {
				break
			}
		}
		if len(seen) != 2 || seen[0] != b.ID || seen[1] != u.ID {
			t.Fatalf("paged one by one: %v", seen)
		}
		for _, c := range []any{map[string]int{"lewati": -1}, map[string]string{"i": "01936b1e-7c4a-7def-8abc-0123456789ab"}} {
			if _, err := e.m.Daftar(kctx, konsultasi.Saring{}, page.Params{Cursor: page.Encode(c)}); code(err) != fault.Invalid {
				t.Fatalf("cursor %v: %v", c, err)
			}
		}
	})
}

// utas opens a thread at day/hour and answers it answerDay (0: never).
func utas(t *testing.T, e env, desa tenancy.Kode, user string, day, answerDay int) string {
	t.Helper()
	*e.clock = wita(day, 9)
	u, err := e.m.Buka(as(user, desa), baru("Pertanyaan tanggal "+fmt.Sprint(day)))
	if err != nil {
		t.Fatal(err)
	}
	if answerDay > 0 {
		*e.clock = wita(answerDay, 14)
		if _, err := e.m.Kirim(as("tapem", desa), u.ID, konsultasi.KonsultasiPesanBaru{Isi: "Jawaban."}); err != nil {
			t.Fatal(err)
		}
	}
	return u.ID
}

func TestStatistikDanIndikator(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		utas(t, e, bengkel, "sekdes", 16, 20) // 3 HK (Nyepi)
		utas(t, e, bengkel, "sekdes", 16, 24) // Tue, Wed, Fri, Mon, Tue = 5 HK
		utas(t, e, bengkel, "sekdes", 17, 17) // 0 HK
		utas(t, e, nyitdah, "nyitdah", 16, 0) // unanswered, 8 HK by the 26th
		utas(t, e, nyitdah, "nyitdah", 25, 0) // unanswered, 1 HK: not yet judged
		*e.clock = wita(26, 10)
		ctx := context.Background()
		s, err := e.m.Statistik(ctx, kab, indicator.Period{From: "2026-03-01", To: "2026-03-31"})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Kecamatan) != 2 || s.Kecamatan[0].Kode != kecLain || s.Kecamatan[0].Jumlah != 0 || s.Kecamatan[1].Kode != kediri {
			t.Fatalf("kecamatan rows: %+v", s.Kecamatan)
		}
		k := s.Kecamatan[1]
		if k.Jumlah != 5 || k.Dijawab != 3 || k.TerbukaLewat != 1 {
			t.Fatalf("Kediri counts: %+v", k)
		}
		if k.MedianHari == nil || *k.MedianHari != 3 || *k.P90Hari != 5 {
			t.Fatalf("Kediri median/p90: %v %v", k.MedianHari, k.P90Hari)
		}
		// Judged: 3 answered + 1 unanswered past 3 HK; within: 2.
		if k.PersenTepat == nil || *k.PersenTepat != 50 {
			t.Fatalf("Kediri within 3 HK: %v", k.PersenTepat)
		}
		if s.Total.Jumlah != 5 || *s.Total.PersenTepat != 50 {
			t.Fatalf("total: %+v", s.Total)
		}
		// A period before the threads: none counted, the old open one still shows.
		s, err = e.m.Statistik(ctx, kediri, indicator.Period{From: "2026-02-01", To: "2026-02-28"})
		if err != nil || len(s.Kecamatan) != 1 || s.Kecamatan[0].Jumlah != 0 || s.Kecamatan[0].TerbukaLewat != 1 || s.Kecamatan[0].MedianHari != nil {
			t.Fatalf("February: %v %+v", err, s.Kecamatan)
		}

		vals, err := e.m.Indicators(ctx, kab, indicator.Period{From: "2026-03-01", To: "2026-03-31"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, v := range vals {
			got[string(v.Desa)+" "+v.Code] = v.Number
		}
		want := map[string]int64{
			"51.02.06.2001 konsultasi_dijawab_3hk": 6667, // 2 of 3
			"51.02.06.2001 konsultasi_terbuka":     3,
			"51.02.06.2011 konsultasi_dijawab_3hk": 0, // 0 of 1 judged
			"51.02.06.2011 konsultasi_terbuka":     2,
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("indicators %v, want %v", got, want)
		}
		if vals, _ := e.m.Indicators(ctx, kab, indicator.Period{From: "2026-03-01", To: "2026-03-31"}, []string{konsultasi.IndTerbuka}); len(vals) != 2 {
			t.Fatalf("only terbuka asked: %+v", vals)
		}

		// The dossier: counts and topics, never a thread's text.
		sec, err := e.m.DossierSection(ctx, bengkel, report.Audience{Bupati: true}, indicator.Period{From: "2026-03-01", To: "2026-03-31"})
		if err != nil {
			t.Fatal(err)
		}
		dump := fmt.Sprintf("%+v", sec)
		if sec.Empty != "" || len(sec.Tables) != 2 || strings.Contains(dump, "Pertanyaan tanggal") || strings.Contains(dump, "Jawaban.") ||
			!strings.Contains(dump, "Tata naskah") {
			t.Fatalf("dossier: %s", dump)
		}
		sec, err = e.m.DossierSection(ctx, desaLain, report.Audience{OPD: "DPMD"}, indicator.Period{From: "2026-03-01", To: "2026-03-31"})
		if err != nil || sec.Empty == "" {
			t.Fatalf("empty dossier: %v %+v", err, sec)
		}
	})
}

func TestTindakLanjut(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		id := utas(t, e, bengkel, "sekdes", 16, 17)
		kec := as("tapem", bengkel)
		if _, err := e.m.JadikanTindakLanjut(as("sekdes", bengkel), id, konsultasi.KonsultasiTindakLanjutInput{PembinaanID: "sesi-1", Tenggat: "2026-04-30"}); code(err) != fault.Forbidden {
			t.Errorf("desa made a follow-up: %v", err)
		}
		if _, err := e.m.JadikanTindakLanjut(kec, id, konsultasi.KonsultasiTindakLanjutInput{PembinaanID: "sesi-lain", Tenggat: "2026-04-30"}); fields(err) != "body.pembinaan_id" {
			t.Errorf("a session the desa did not attend: %v", err)
		}
		if _, err := e.m.JadikanTindakLanjut(kec, id, konsultasi.KonsultasiTindakLanjutInput{PembinaanID: "sesi-1", Tenggat: "2026-03-01"}); fields(err) != "body.tenggat" {
			t.Errorf("due date in the past: %v", err)
		}
		e.tl.err = errors.New("pembinaan: TambahTindakLanjut belum dibuat")
		if _, err := e.m.JadikanTindakLanjut(kec, id, konsultasi.KonsultasiTindakLanjutInput{PembinaanID: "sesi-1", Tenggat: "2026-04-30"}); code(err) != fault.Unavailable {
			t.Errorf("pembinaan's plain error: %v", err)
		}
		e.tl.err = fault.New(fault.Forbidden, "Anda tidak mengelola pembinaan ini.")
		if _, err := e.m.JadikanTindakLanjut(kec, id, konsultasi.KonsultasiTindakLanjutInput{PembinaanID: "sesi-1", Tenggat: "2026-04-30"}); code(err) != fault.Forbidden {
			t.Errorf("pembinaan's forbidden: %v", err)
		}
		e.tl.err = nil
		u, err := e.m.JadikanTindakLanjut(kec, id, konsultasi.KonsultasiTindakLanjutInput{PembinaanID: "sesi-1", Tenggat: "2026-04-30"})
		if err != nil {
			t.Fatal(err)
		}
		if u.TindakLanjutID != "tl-1" || u.PembinaanID != "sesi-1" {
			t.Fatalf("thread: %+v", u)
		}
		in := e.tl.added[0]
		if in.Asal != "konsultasi:"+id || in.Uraian != "Pertanyaan tanggal 16" || in.Desa != bengkel || civil.DateOf(in.Tenggat) != "2026-04-30" {
			t.Fatalf("sent to pembinaan: %+v", in)
		}
	})
}

func TestLampiran(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		id := utas(t, e, bengkel, "sekdes", 16, 0)
		desa := as("sekdes", bengkel)
		pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
		l, err := e.m.TambahLampiran(desa, id, "C:\\dok\\Rancangan SK.pdf", pdf)
		if err != nil {
			t.Fatal(err)
		}
		if l.Nama != "Rancangan SK.pdf" || l.JenisBerkas != "application/pdf" || l.Sisi != konsultasi.SisiDesa || l.Ukuran != int64(len(pdf)) {
			t.Fatalf("stored: %+v", l)
		}
		_, rc, err := e.m.BukaLampiran(as("tapem", bengkel), id, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(b, pdf) {
			t.Fatal("download differs")
		}
		if _, _, err := e.m.BukaLampiran(as("nyitdah", nyitdah), id, l.ID); code(err) != fault.NotFound {
			t.Errorf("another desa downloaded: %v", err)
		}
		for _, bad := range []struct{ nama, isi string }{
			{"halaman.html", "<html><script>alert(1)</script></html>"},
			{"palsu.pdf", "<html><body>bukan pdf</body></html>"},
			{"kosong.pdf", ""},
		} {
			if _, err := e.m.TambahLampiran(desa, id, bad.nama, []byte(bad.isi)); fields(err) != "body.berkas" {
				t.Errorf("%s accepted: %v", bad.nama, err)
			}
		}
		if _, err := e.m.TambahLampiran(desa, id, "besar.pdf", append([]byte("%PDF-"), make([]byte, konsultasi.MaksLampiranByte)...)); fields(err) != "body.berkas" {
			t.Errorf("over 5 MB: %v", err)
		}
		for i := 1; i < konsultasi.MaksLampiran; i++ {
			if _, err := e.m.TambahLampiran(as("tapem", bengkel), id, "jawaban.pdf", pdf); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.m.TambahLampiran(desa, id, "kesebelas.pdf", pdf); fields(err) != "body.berkas" {
			t.Errorf("eleventh file: %v", err)
		}
		if _, err := e.m.TambahLampiran(as("camatLain", bengkel), id, "x.pdf", pdf); code(err) != fault.Forbidden {
			t.Errorf("another camat uploaded: %v", err)
		}
		u, _ := e.m.Lihat(desa, id)
		if len(u.Lampiran) != konsultasi.MaksLampiran || u.Lampiran[1].Sisi != konsultasi.SisiKecamatan {
			t.Fatalf("files: %d", len(u.Lampiran))
		}
	})
}

func TestSeedDemo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		*e.clock = wita(26, 11) // Thursday
		akun := func(_ context.Context, email string) (konsultasi.AkunDemo, bool) {
			return konsultasi.AkunDemo{ID: "id:" + email, Nama: "Akun " + email}, email != "camat.kediri@tabanan.test"
		}
		for i := 0; i < 2; i++ {
			if err := e.m.SeedDemo(context.Background(), akun); err != nil {
				t.Fatal(err)
			}
		}
		pg, err := e.m.Daftar(tenancy.With(context.Background(), tenancy.Tenant{Kode: kediri}), konsultasi.Saring{}, page.Params{})
		if err != nil {
			t.Fatal(err)
		}
		list := pg.Items
		if len(list) != 4 {
			t.Fatalf("demo threads after two seeds: %d", len(list))
		}
		byTopik := map[string]konsultasi.KonsultasiUtas{}
		for _, u := range list {
			byTopik[u.Topik] = u
		}
		hk := func(u konsultasi.KonsultasiUtas) int {
			if u.HariKerjaJawab == nil {
				return -1
			}
			return *u.HariKerjaJawab
		}
		if u := byTopik["tata_naskah"]; u.Status != konsultasi.Selesai || hk(u) != 1 || u.DibukaNama != "Akun sekdes.bengkel@tabanan.test" {
			t.Errorf("tata naskah: %s %d %s", u.Status, hk(u), u.DibukaNama)
		}
		if u := byTopik["sotk"]; u.Status != konsultasi.Dijawab || hk(u) != 5 {
			t.Errorf("sotk: %s %d", u.Status, hk(u))
		}
		if u := byTopik["keuangan"]; u.Status != konsultasi.Baru || u.Desa != nyitdah || u.UmurHariKerja < 2 {
			t.Errorf("keuangan: %s %s %d", u.Status, u.Desa, u.UmurHariKerja)
		}
		u, err := e.m.Lihat(as("tapem", nyitdah), byTopik["pilkades"].ID)
		if err != nil || u.Status != konsultasi.Dijawab || hk(u) != 2 || u.Pesan[1].PengirimNama != "camat.kediri@tabanan.test" {
			t.Errorf("pilkades: %v %+v", err, u)
		}
		// Every opening and answer falls on a working day.
		kal, _ := fakeCal{}.Kalender(context.Background(), kab)
		for _, x := range list {
			if !kal.HariKerja(civil.Today(x.DibukaPada, x.Desa)) || (x.DijawabPertamaPada != nil && !kal.HariKerja(civil.Today(*x.DijawabPertamaPada, x.Desa))) {
				t.Errorf("%s on a day off: %v %v", x.Topik, x.DibukaPada, x.DijawabPertamaPada)
			}
		}
		if len(*e.sent) != 0 {
			t.Errorf("the demo notified: %+v", *e.sent)
		}
	})
}
