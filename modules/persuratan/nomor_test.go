package persuratan_test

import (
	"testing"

	"github.com/ngantor/ngantor/modules/persuratan"
)

func TestNomorFormatRendersRomanMonthsAndPadding(t *testing.T) {
	tests := []struct {
		name   string
		format string
		fields persuratan.NomorFields
		want   string
	}{
		{"default in March", persuratan.DefaultFormat,
			persuratan.NomorFields{Kode: "400.12.2", Urut: 7, KodeDesa: "2001", Tanggal: "2026-03-05"}, "400.12.2/007/2001/III/2026"},
		{"January", persuratan.DefaultFormat,
			persuratan.NomorFields{Kode: "000.1", Urut: 1, KodeDesa: "2001", Tanggal: "2026-01-31"}, "000.1/001/2001/I/2026"},
		{"September", persuratan.DefaultFormat,
			persuratan.NomorFields{Kode: "000.1", Urut: 12, KodeDesa: "Bkl", Tanggal: "2025-09-01"}, "000.1/012/Bkl/IX/2025"},
		{"December", persuratan.DefaultFormat,
			persuratan.NomorFields{Kode: "900.1", Urut: 1234, KodeDesa: "2001", Tanggal: "2025-12-31"}, "900.1/1234/2001/XII/2025"},
		{"no padding, numeric month, type", "{nomor}/{jenis}/{kode}/{bulan}.{tahun}",
			persuratan.NomorFields{Kode: "500.3", Urut: 5, Jenis: "SKU", Tanggal: "2026-04-01"}, "5/SKU/500.3/04.2026"},
		{"wide padding", "{tahun}-{nomor:5}",
			persuratan.NomorFields{Urut: 42, Tanggal: "2026-07-10"}, "2026-00042"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := persuratan.ParseFormat(tt.format)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Render(tt.fields); got != tt.want {
				t.Fatalf("Render = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNomorFormatRefusesFormatsThatCouldRepeatNumbers(t *testing.T) {
	tests := []struct{ name, format string }{
		{"no running number", "{kode}/{kode_desa}/{tahun}"},
		{"no year", "{kode}/{nomor:3}/{bulan_romawi}"},
		{"unknown token", "{kode}/{nomor}/{tahun}/{dusun}"},
		{"unclosed brace", "{kode}/{nomor/{tahun}"},
		{"stray brace", "{nomor}}/{tahun}"},
		{"width on another token", "{nomor}/{tahun:4}"},
		{"width too large", "{nomor:9}/{tahun}"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := persuratan.ParseFormat(tt.format); err == nil {
				t.Fatalf("ParseFormat(%q) accepted", tt.format)
			}
		})
	}
}
