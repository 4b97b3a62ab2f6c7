package wilayah

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The totals are those data/SOURCE.md states for Kepmendagri 300.2.2-2138/2025.
func TestEmbeddedDataHasEveryRegionOfTheOfficialList(t *testing.T) {
	ds, err := loadDataset()
	if err != nil {
		t.Fatal(err)
	}
	var c Counts
	ids := make(map[int64]tenancy.Kode, len(ds.rows))
	for _, w := range ds.rows {
		c.add(w.Tingkat)
		if other, dup := ids[w.ID]; dup {
			t.Fatalf("%s and %s share id %d", other, w.Kode, w.ID)
		}
		ids[w.ID] = w.Kode
		if w.IsTenant() != w.Kode.IsDesa() {
			t.Errorf("%s: tingkat %s but IsDesa %v", w.Kode, w.Tingkat, w.Kode.IsDesa())
		}
	}
	want := Counts{Provinsi: 38, Kabupaten: 416, Kota: 98, Kecamatan: 7285, Desa: 75252, Kelurahan: 8510}
	if c != want {
		t.Errorf("counts %+v, want %+v", c, want)
	}
	if c.Total() != 91_599 {
		t.Errorf("total %d, want 91599", c.Total())
	}
}

func TestEmbeddedDataKeepsQuotedNamesAndStatistics(t *testing.T) {
	ds, err := loadDataset()
	if err != nil {
		t.Fatal(err)
	}
	byKode := map[tenancy.Kode]Wilayah{}
	for _, w := range ds.rows {
		byKode[w.Kode] = w
	}
	tests := []struct {
		kode      tenancy.Kode
		nama      string
		withStats bool
	}{
		{"12.07.28.1007", "Lubuk Pakam I,II", false},
		{"14.02.09.2010", "Lambang Sari I, II, III", false},
		{"51.02.06.2001", "Bengkel", false},
		{"51.02", "Kabupaten Tabanan", true},
		{"51.71", "Kota Denpasar", true},
		{"51", "Bali", true},
	}
	for _, tt := range tests {
		w, ok := byKode[tt.kode]
		if !ok {
			t.Errorf("%s missing", tt.kode)
			continue
		}
		if w.Nama != tt.nama {
			t.Errorf("%s nama %q, want %q", tt.kode, w.Nama, tt.nama)
		}
		has := w.PendudukTotal != nil && w.LuasKm2 != nil
		if has != tt.withStats {
			t.Errorf("%s has statistics %v, want %v", tt.kode, has, tt.withStats)
		}
		if has && *w.PendudukLaki+*w.PendudukPerempuan != *w.PendudukTotal {
			t.Errorf("%s: laki %d + perempuan %d != total %d", tt.kode, *w.PendudukLaki, *w.PendudukPerempuan, *w.PendudukTotal)
		}
	}
}

func TestSourceNoticeTravelsWithTheData(t *testing.T) {
	n := SourceNotice()
	for _, s := range []string{"cahyadsn/wilayah", "MIT License", "Keep this notice"} {
		if !strings.Contains(n, s) {
			t.Errorf("notice lacks %q", s)
		}
	}
}

func TestCursorRejectsWhatItDidNotMake(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	tests := []struct {
		name   string
		cursor string
		want   tenancy.Kode
		ok     bool
	}{
		{"none", "", "", true},
		{"made by newPage", encodeCursor("51.02.06.2001"), "51.02.06.2001", true},
		{"not base64", "%%%", "", false},
		{"padded base64", base64.URLEncoding.EncodeToString([]byte("51.02.06.2001")), "", false},
		{"not a code", enc([]byte("bukan kode")), "", false},
		{"not a desa code", enc([]byte("51.02")), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeCursor(tt.cursor, parseDesaKode)
			if tt.ok {
				if err != nil || got != tt.want {
					t.Fatalf("got %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			e, isFault := fault.As(err)
			if !isFault || e.Code != fault.Invalid || e.Message != "Cursor tidak sah." {
				t.Fatalf("got %q, %v; want fault.Invalid \"Cursor tidak sah.\"", got, err)
			}
		})
	}
}

func TestNewPageServesNoEmptyLastPage(t *testing.T) {
	key := func(s string) string { return s }
	tests := []struct {
		name      string
		rows      []string
		limit     int
		wantItems int
		wantNext  string
	}{
		{"nothing", nil, 2, 0, ""},
		{"fewer than limit", []string{"a"}, 2, 1, ""},
		{"exactly limit", []string{"a", "b"}, 2, 2, ""},
		{"one more than limit", []string{"a", "b", "c"}, 2, 2, encodeCursor("b")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPage(tt.rows, tt.limit, key)
			if p.Items == nil || len(p.Items) != tt.wantItems || p.NextCursor != tt.wantNext {
				t.Fatalf("got %v next %q; want %d items next %q", p.Items, p.NextCursor, tt.wantItems, tt.wantNext)
			}
		})
	}
}
