package wilayah_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

var (
	permNama   = authz.Permission{Object: "perangkat", Action: "read"}
	permAngka  = authz.Permission{Object: "agregat", Action: "read"}
	permSurat  = authz.Permission{Object: "surat", Action: "read"}
	permStatis = authz.Permission{Object: "surat", Action: "statistik"}
)

// fakeProvider answers with fixed values and counts its calls.
type fakeProvider struct {
	defs  []indicator.Definition
	vals  []indicator.Value
	calls atomic.Int32
	asked [][]string
}

func (f *fakeProvider) Definitions() []indicator.Definition { return f.defs }

func (f *fakeProvider) Indicators(_ context.Context, w tenancy.Kode, _ indicator.Period, codes []string) ([]indicator.Value, error) {
	f.calls.Add(1)
	f.asked = append(f.asked, codes)
	var out []indicator.Value
	for _, v := range f.vals {
		if w.Contains(v.Desa) && indicator.Wants(codes, v.Code) {
			out = append(out, v)
		}
	}
	return out, nil
}

// grants: user → permissions held at 51.02.
type grants map[string][]authz.Permission

func (g grants) Allowed(_ context.Context, user string, target tenancy.Kode, p authz.Permission) (bool, error) {
	if !tenancy.Kode("51.02").Contains(target) {
		return false, nil
	}
	for _, q := range g[user] {
		if q == p {
			return true, nil
		}
	}
	return false, nil
}

func tabelFixture(t *testing.T) (*wilayah.Module, *fakeProvider, *fakeProvider) {
	t.Helper()
	d := dbtest.SQLite(t)
	adm := &fakeProvider{
		defs: []indicator.Definition{
			{Source: "adm", Code: "kepala_desa", Nama: "Kepala desa", Kind: indicator.Text, Permission: permNama, Personal: true},
			{Source: "adm", Code: "penduduk", Nama: "Penduduk", Kind: indicator.Count, Permission: permAngka},
			{Source: "adm", Code: indicator.Diperbarui, Kind: indicator.Time, Permission: permAngka},
		},
		vals: []indicator.Value{
			{Desa: "51.02.06.2001", Source: "adm", Code: "kepala_desa", Text: "I Made Sudarsana"},
			{Desa: "51.02.06.2001", Source: "adm", Code: "penduduk", Number: 4913},
			{Desa: "51.02.06.2002", Source: "adm", Code: "penduduk", Number: 3213},
			{Desa: "51.02.10.2001", Source: "adm", Code: "penduduk", Number: 5000},
			{Desa: "51.02.06.2001", Source: "adm", Code: indicator.Diperbarui, Time: time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)},
			{Desa: "51.03.01.2001", Source: "adm", Code: "penduduk", Number: 1}, // outside: never shown
		},
	}
	surat := &fakeProvider{
		defs: []indicator.Definition{
			{Source: "surat", Code: "surat_keluar", Nama: "Surat keluar", Kind: indicator.Count, Periodic: true, Permission: permSurat},
			{Source: "surat", Code: indicator.Diperbarui, Kind: indicator.Time, Permission: permStatis},
		},
		vals: []indicator.Value{
			{Desa: "51.02.06.2001", Source: "surat", Code: "surat_keluar", Number: 2},
			{Desa: "51.02.06.2001", Source: "surat", Code: indicator.Diperbarui, Time: time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)},
			{Desa: "51.02.06.2002", Source: "surat", Code: indicator.Diperbarui, Time: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)},
		},
	}
	g := grants{
		"bupati": {permNama, permAngka, permSurat, permStatis},
		"forum":  {permAngka, permStatis},
	}
	m := wilayah.New(wilayah.Deps{DB: d, Authz: g, Indicators: func() []indicator.Provider { return []indicator.Provider{adm, surat} },
		Clock: func() time.Time { return time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC) }})
	if _, err := m.Store().Seed(context.Background(), []tenancy.Kode{"51.02"}); err != nil {
		t.Fatal(err)
	}
	return m, adm, surat
}

func TestTabelAsksEachProviderOnceAndSortsMissingLast(t *testing.T) {
	m, adm, surat := tabelFixture(t)
	ctx := context.Background()
	for _, turun := range []bool{false, true} {
		tb, err := m.Tabel(ctx, "bupati", "51.02", wilayah.TabelQuery{Urut: "penduduk", Turun: turun})
		if err != nil {
			t.Fatal(err)
		}
		if len(tb.Baris) != 133 {
			t.Fatalf("%d rows, want 133", len(tb.Baris))
		}
		var top []string
		for _, b := range tb.Baris[:4] {
			top = append(top, b.Nama)
		}
		want := "Pangkung Tibah,Bengkel,Belimbing,Bajera" // 3.213, 4.913, 5.000, then no data in code order
		if turun {
			want = "Belimbing,Bengkel,Pangkung Tibah,Bajera"
		}
		if strings.Join(top, ",") != want {
			t.Errorf("turun=%v: %v, want %s", turun, top, want)
		}
	}
	if adm.calls.Load() != 2 || surat.calls.Load() != 2 {
		t.Errorf("providers called %d and %d times for two tables, want once per table", adm.calls.Load(), surat.calls.Load())
	}

	tb, err := m.Tabel(ctx, "bupati", "51.02", wilayah.TabelQuery{Kecamatan: "51.02.06", Urut: wilayah.UrutNama})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tb.Judul(), "|"); got != "Desa|Kecamatan|Kepala desa|Penduduk|Surat keluar bulan ini|Terakhir diperbarui|Kode" {
		t.Errorf("headings %s", got)
	}
	for _, b := range tb.Baris {
		if b.Nama != "Bengkel" {
			continue
		}
		var cells []string
		for _, s := range tb.Sel(b) {
			cells = append(cells, s.Teks)
		}
		// The latest of the two sources' updates, as a date in WITA.
		if got := strings.Join(cells, "|"); got != "Bengkel|Kediri|I Made Sudarsana|4913|2|1 Desember 2026|51.02.06.2001" {
			t.Errorf("Bengkel's cells %s", got)
		}
	}
	if tb.Periode.From != "2026-12-01" || tb.Periode.To != "2026-12-31" {
		t.Errorf("period %+v, want December 2026", tb.Periode)
	}
}

func TestTabelShowsAggregatesOnlyToTheForum(t *testing.T) {
	m, adm, surat := tabelFixture(t)
	tb, err := m.Tabel(context.Background(), "forum", "51.02.06", wilayah.TabelQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if !tb.Agregat {
		t.Error("the forum's table is not marked aggregate")
	}
	if got := strings.Join(tb.Judul(), "|"); got != "Desa|Penduduk|Terakhir diperbarui|Kode" {
		t.Errorf("forum headings %s", got)
	}
	// The providers were never asked for the name or the letters.
	if strings.Join(adm.asked[0], ",") != "penduduk,diperbarui" || strings.Join(surat.asked[0], ",") != "diperbarui" {
		t.Errorf("asked adm %v, surat %v", adm.asked, surat.asked)
	}
	var sb strings.Builder
	if err := tb.WriteCSV(&sb); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sb.String(), "Sudarsana") {
		t.Error("the forum's CSV names the kepala desa")
	}
}

func TestTabelRefusesWhatItCannotShow(t *testing.T) {
	m, _, _ := tabelFixture(t)
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		kode  tenancy.Kode
		q     wilayah.TabelQuery
		field string
	}{
		{"a desa", "51.02.06.2001", wilayah.TabelQuery{}, "path.kode"},
		{"a provinsi", "51", wilayah.TabelQuery{}, "path.kode"},
		{"a kecamatan of another kabupaten", "51.02", wilayah.TabelQuery{Kecamatan: "51.03.01"}, "query.kecamatan"},
		{"a desa as kecamatan", "51.02", wilayah.TabelQuery{Kecamatan: "51.02.06.2001"}, "query.kecamatan"},
		{"a filter under a kecamatan", "51.02.06", wilayah.TabelQuery{Kecamatan: "51.02.06"}, "query.kecamatan"},
		{"an unknown column", "51.02", wilayah.TabelQuery{Urut: "nik"}, "query.urut"},
		{"a column the user may not see", "51.02", wilayah.TabelQuery{Urut: "kepala_desa"}, "query.urut"},
	} {
		t.Run(c.name, func(t *testing.T) {
			user := "bupati"
			if c.name == "a column the user may not see" {
				user = "forum"
			}
			_, err := m.Tabel(ctx, user, c.kode, c.q)
			fe, ok := fault.As(err)
			if !ok || fe.Code != fault.Invalid || fe.Field != c.field {
				t.Fatalf("err %v, want Invalid on %s", err, c.field)
			}
		})
	}
}
