package keuangan_test

import (
	"math"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/fault"
)

func TestParseRupiahAcceptsWhatIndonesiansType(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want keuangan.Rupiah
	}{
		{"Rp 1.250.000,00", 1_250_000},
		{"1.250.000", 1_250_000},
		{"1250000", 1_250_000},
		{"Rp1.250.000,-", 1_250_000},
		{"Rp. 1.250.000", 1_250_000},
		{"rp 500", 500},
		{"  Rp\u00a075.000  ", 75_000},
		{"0", 0},
		{"1.000,00", 1000},
		{"999.999.999.999.999", keuangan.MaxRupiah},
	} {
		got, err := keuangan.ParseRupiah("body.jumlah", tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseRupiah(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestParseRupiahRefusesWithABahasaMessage(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"1,25 jt", "singkatan seperti jt"},
		{"1,25jt", "singkatan seperti jt"},
		{"1.25", "pemisah ribuan"},
		{"1.2500.000", "pemisah ribuan"},
		{"12.50", "pemisah ribuan"},
		{"1.250.000,50", "tidak memakai sen"},
		{"1.250.000,5", "tidak memakai sen"},
		{"1250000,0", "tidak memakai sen"},
		{"1.000.000.000.000.000", "terlalu besar"},
		{"99999999999999999999999", "terlalu besar"},
		{"", "wajib diisi"},
		{"Rp", "harus berupa angka"},
		{"-5.000", "negatif"},
		{"seribu", "harus berupa angka"},
		{"12a", "harus berupa angka"},
		{"1 250 000", "harus berupa angka"},
		{"١٢٣", "harus berupa angka"},
		{"Rp 2 juta", "singkatan seperti jt"},
		{",00", "harus berupa angka"},
	} {
		_, err := keuangan.ParseRupiah("body.jumlah", tc.in)
		f, ok := fault.As(err)
		if !ok || f.Code != fault.Invalid || f.Field != "body.jumlah" {
			t.Errorf("ParseRupiah(%q): %v, want an Invalid fault on body.jumlah", tc.in, err)
			continue
		}
		if !strings.Contains(f.Message, tc.want) {
			t.Errorf("ParseRupiah(%q): message %q, want it to say %q", tc.in, f.Message, tc.want)
		}
	}
}

func TestRupiahFormat(t *testing.T) {
	for _, tc := range []struct {
		r    keuangan.Rupiah
		want string
	}{
		{1_250_000, "Rp 1.250.000"},
		{0, "Rp 0"},
		{999, "Rp 999"},
		{1000, "Rp 1.000"},
		{-75_000, "-Rp 75.000"},
		{keuangan.MaxRupiah, "Rp 999.999.999.999.999"},
		{-9223372036854775808, "-Rp 9.223.372.036.854.775.808"},
	} {
		if got := tc.r.String(); got != tc.want {
			t.Errorf("%d.String() = %q, want %q", int64(tc.r), got, tc.want)
		}
	}
	if got := keuangan.Rupiah(1_250_000).Angka(); got != "1.250.000" {
		t.Errorf("Angka() = %q", got)
	}
}

// FuzzParseRupiah: any input gives an amount within bounds or an Invalid
// fault, never a panic; every amount within bounds survives format → parse.
func FuzzParseRupiah(f *testing.F) {
	for _, s := range []string{"Rp 1.250.000,00", "1.250.000", "1250000", "Rp1.250.000,-", "1,25 jt", "1.25", "", "Rp", "-1", "9.223.372.036.854.775.807"} {
		f.Add(s, int64(1_250_000))
	}
	f.Fuzz(func(t *testing.T, s string, n int64) {
		r, err := keuangan.ParseRupiah("jumlah", s)
		if err != nil {
			if f, ok := fault.As(err); !ok || f.Code != fault.Invalid || f.Message == "" {
				t.Fatalf("ParseRupiah(%q): %v is not an Invalid fault", s, err)
			}
		} else if r < 0 || r > keuangan.MaxRupiah {
			t.Fatalf("ParseRupiah(%q) = %d, out of bounds", s, r)
		}
		if n < 0 {
			n = -(n + 1)
		}
		want := keuangan.Rupiah(n % (int64(keuangan.MaxRupiah) + 1))
		for _, text := range []string{want.String(), want.Angka(), want.String() + ",00", want.Angka() + ",-"} {
			got, err := keuangan.ParseRupiah("jumlah", text)
			if err != nil || got != want {
				t.Fatalf("ParseRupiah(%q) = %d, %v; want %d", text, got, err, want)
			}
		}
	})
}

func TestJumlahRefusesToWrapAround(t *testing.T) {
	for _, tc := range []struct {
		in   []keuangan.Rupiah
		want keuangan.Rupiah
		ok   bool
	}{
		{nil, 0, true},
		{[]keuangan.Rupiah{1_250_000, 750_000, -500_000}, 1_500_000, true},
		{[]keuangan.Rupiah{keuangan.MaxRupiah, keuangan.MaxRupiah}, 2 * keuangan.MaxRupiah, true},
		{[]keuangan.Rupiah{math.MaxInt64, 1}, 0, false},
		{[]keuangan.Rupiah{math.MinInt64, -1}, 0, false},
		{[]keuangan.Rupiah{math.MaxInt64, -1, 1}, math.MaxInt64, true},
	} {
		got, ok := keuangan.Jumlah(tc.in...)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Jumlah(%v) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
