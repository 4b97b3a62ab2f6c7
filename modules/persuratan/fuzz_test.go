package persuratan_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/civil"
)

// FuzzNomorFormat: any accepted format round-trips, holds the running
// number and the year, never prints a control character the format did
// not have, and never gives two running numbers of one year the same
// letter number.
func FuzzNomorFormat(f *testing.F) {
	for _, s := range []string{
		persuratan.DefaultFormat, "{jenis}/{nomor:3}/{kode_desa}/{tahun}", "{nomor}{tahun}", "{tahun}-{nomor:6}",
		"{nomor}/{bulan}.{tahun}", "{nomor}}/{tahun}", "{nomor:0}/{tahun}", "{nomor:-1}/{tahun}", "{{nomor}}{tahun}",
		"{nomor:99999999999999999999}/{tahun}", "\x00{nomor}{tahun}", "{nomor}/{tahun}/—Ā", "",
	} {
		f.Add(s, int64(7), int64(8), "400.12.2", "2001", "2026-03-05")
	}
	f.Fuzz(func(t *testing.T, format string, a, b int64, kode, kodeDesa, tanggal string) {
		fm, err := persuratan.ParseFormat(format)
		if err != nil {
			return
		}
		if fm.String() != format {
			t.Fatalf("String() = %q, want %q", fm.String(), format)
		}
		if again, err := persuratan.ParseFormat(fm.String()); err != nil || again.String() != format {
			t.Fatalf("re-parse of %q: %v", format, err)
		}
		if !fm.Has("nomor") || !fm.Has("tahun") {
			t.Fatalf("%q accepted without {nomor} and {tahun}", format)
		}
		if a < 1 || b < 1 || a == b {
			return
		}
		if _, err := civil.ParseDate(tanggal); err != nil {
			tanggal = "2026-03-05"
		}
		fields := persuratan.NomorFields{Kode: kode, KodeDesa: kodeDesa, Tanggal: persuratan.Tanggal(tanggal), Jenis: "SKD"}
		fields.Urut = a
		x := fm.Render(fields)
		fields.Urut = b
		y := fm.Render(fields)
		if x == y {
			t.Fatalf("format %q renders running numbers %d and %d both as %q", format, a, b, x)
		}
		if !utf8.ValidString(format) {
			return
		}
		for _, r := range x {
			if r < 0x20 && !strings.ContainsRune(kode+kodeDesa, r) {
				t.Fatalf("format %q renders control character %U", format, r)
			}
		}
	})
}

// FuzzParseRupiah: what is read is never negative and writes back to the
// same amount; the written form always reads.
func FuzzParseRupiah(f *testing.F) {
	for _, s := range []string{"Rp 1.500.000", "rp1500000,-", "1.500.000,00", "1500000", "0", "Rp", "1,5 juta",
		"1.50.000", "-5", "9223372036854775807", "99999999999999999999", "Rp 1.000.000.000.000", "１２３"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := persuratan.ParseRupiah(s)
		if !ok {
			return
		}
		if n < 0 {
			t.Fatalf("%q read as %d", s, n)
		}
		back, ok := persuratan.ParseRupiah(persuratan.Rupiah(n))
		if !ok || back != n {
			t.Fatalf("%q → %d → %q → %d (%v)", s, n, persuratan.Rupiah(n), back, ok)
		}
	})
}

// FuzzParseJumlah: a count is small, never negative, and reads back.
func FuzzParseJumlah(f *testing.F) {
	for _, s := range []string{"3", "3 orang", "0", "", "-1", "10000", "tiga", "3orang", " 12 Orang "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := persuratan.ParseJumlah(s)
		if !ok {
			return
		}
		if n < 0 || n > 9999 {
			t.Fatalf("%q read as %d", s, n)
		}
	})
}
