package web_test

import (
	"testing"

	"github.com/ngantor/ngantor/platform/web"
)

func TestAngkaWritesIndonesianNumbers(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	n := func(v int) *int { return &v }
	n64 := func(v int64) *int64 { return &v }
	for _, tt := range []struct {
		in   any
		want string
	}{
		{4913, "4.913"}, {1519, "1.519"}, {999, "999"}, {0, "0"}, {1_234_567, "1.234.567"}, {-4913, "-4.913"},
		{int64(478393), "478.393"}, {n64(478393), "478.393"}, {(*int64)(nil), ""},
		{4.21, "4,21"}, {-8.5957, "-8,5957"}, {-0.5, "-0,5"}, {115.0925, "115,0925"}, {1234.5, "1.234,5"}, {3.0, "3"},
		{f(4.21), "4,21"}, {(*float64)(nil), ""}, {n(4863), "4.863"}, {(*int)(nil), ""}, {nil, ""},
	} {
		if got := web.Angka(tt.in); got != tt.want {
			t.Errorf("Angka(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
