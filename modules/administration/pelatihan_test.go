package administration_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// AktifDi reads everyone in post in the desa of a wilayah in one go:
// ended posts and other kecamatan left out, by desa in SOTK order, with
// the local title.
func TestAktifDiListsTheWilayahsPostsInOneQuery(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		mustAppoint(t, f, bengkel, appointment(a.SekretarisDesa, "Ni Luh Sekdes", 2))
		kades := mustAppoint(t, f, bengkel, appointment(a.KepalaDesa, "I Made Perbekel", 1))
		mustAppoint(t, f, nyitdah, appointment(a.KepalaDesa, "I Ketut Nyitdah", 3))
		old := mustAppoint(t, f, pangkung, appointment(a.KepalaDesa, "I Wayan Lama", 4))
		mustAppoint(t, f, marga, appointment(a.KepalaDesa, "I Gede Marga", 5))
		if _, err := f.m.EndPerangkat(as(pangkung, admin), old.ID, a.Pemberhentian{Tanggal: "2026-11-01"}); err != nil {
			t.Fatal(err)
		}
		ps, err := f.m.AktifDi(context.Background(), kediri)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, fmt.Sprintf("%s %s %s %s %s", p.Desa, p.Jabatan, p.Nama, p.Sebutan, string(p.Mulai)))
		}
		want := "51.02.06.2001 kepala_desa I Made Perbekel Perbekel 2026-01-06|" +
			"51.02.06.2001 sekretaris_desa Ni Luh Sekdes Sekretaris Desa 2026-01-06|" +
			"51.02.06.2011 kepala_desa I Ketut Nyitdah Perbekel 2026-01-06"
		if strings.Join(got, "|") != want {
			t.Errorf("AktifDi(Kediri):\n got %s\nwant %s", strings.Join(got, "|"), want)
		}
		if ps[0].ID != kades.ID.String() {
			t.Errorf("id: %s, want %s", ps[0].ID, kades.ID)
		}
		all, err := f.m.AktifDi(context.Background(), "51.02")
		if err != nil || len(all) != 4 {
			t.Errorf("the kabupaten: %d %v", len(all), err)
		}
		one, err := f.m.AktifDi(context.Background(), nyitdah)
		if err != nil || len(one) != 1 || one[0].Nama != "I Ketut Nyitdah" {
			t.Errorf("a desa: %+v %v", one, err)
		}
	})
}

// fakePelatihan answers the history of one appointment of Bengkel.
type fakePelatihan struct {
	id  string
	err error
}

func (f *fakePelatihan) Riwayat(_ context.Context, desa tenancy.Kode, id string) ([]a.RiwayatPelatihan, error) {
	if f.err != nil {
		return nil, f.err
	}
	if desa != bengkel || id != f.id {
		return nil, nil
	}
	return []a.RiwayatPelatihan{{Judul: "Bimtek keuangan desa", Jenis: "Bimtek", Topik: []string{"Keuangan desa", "Pelayanan"},
		Tanggal: "2026-09-01", Penyelenggara: "Kecamatan Kediri"}}, nil
}

func TestPerangkatPageShowsTheTrainingHistory(t *testing.T) {
	pel := &fakePelatihan{}
	s := newSiteWith(t, -1, pel)
	ctx := auth.WithUser(at(bengkel), auth.User{ID: s.id["made"]})
	kades, err := s.m.Appoint(ctx, appointment(a.KepalaDesa, "I Made Sudarsana", 1))
	if err != nil {
		t.Fatal(err)
	}
	sekdes, err := s.m.Appoint(ctx, appointment(a.SekretarisDesa, "Ni Luh Putu", 2))
	if err != nil {
		t.Fatal(err)
	}
	pel.id = kades.ID.String()
	status, body, _ := s.do("luh", "GET", "/desa/51.02.06.2001/perangkat/"+kades.ID.String(), nil, false)
	if status != 200 || !strings.Contains(body, "Riwayat pembinaan &amp; bimtek") || !strings.Contains(body, "Bimtek keuangan desa") ||
		!strings.Contains(body, "1 September 2026 · Bimtek · Kecamatan Kediri · Keuangan desa, Pelayanan") {
		t.Fatalf("kades's page: %d\n%s", status, body)
	}
	_, body, _ = s.do("luh", "GET", "/desa/51.02.06.2001/perangkat/"+sekdes.ID.String(), nil, false)
	if !strings.Contains(body, "Belum pernah tercatat hadir") || strings.Contains(body, "Bimtek keuangan desa") {
		t.Fatalf("sekdes's page:\n%s", body)
	}
	// The history is another module's: when it fails the page still shows.
	pel.err = errors.New("pembinaan mati")
	status, body, _ = s.do("luh", "GET", "/desa/51.02.06.2001/perangkat/"+kades.ID.String(), nil, false)
	if status != 200 || strings.Contains(body, "Riwayat pembinaan") || !strings.Contains(body, "I Made Sudarsana") {
		t.Fatalf("with the history failing: %d", status)
	}
}
