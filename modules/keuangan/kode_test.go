package keuangan_test

import (
	"testing"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/fault"
)

func TestKodeRekeningStructure(t *testing.T) {
	for _, tc := range []struct {
		in, tingkat, induk string
		lainLain           bool
	}{
		{"4", "akun", "", false},
		{"5.2", "kelompok", "5", false},
		{" 6.1.9 ", "jenis", "6.1", false},
		{"5.2.1.01", "objek", "5.2.1", false},
		{"4.1.1.90", "objek", "4.1.1", true},
	} {
		k, err := keuangan.ParseKodeRekening("kode", tc.in)
		if err != nil {
			t.Errorf("ParseKodeRekening(%q): %v", tc.in, err)
			continue
		}
		if k.Tingkat() != tc.tingkat || string(k.Induk()) != tc.induk || k.LainLain() != tc.lainLain {
			t.Errorf("%q: tingkat %s induk %q lain-lain %v; want %s %q %v", tc.in, k.Tingkat(), k.Induk(), k.LainLain(), tc.tingkat, tc.induk, tc.lainLain)
		}
	}
	for _, in := range []string{"", "3", "7.1", "4.0", "4.1.0", "4.1.1.00", "4.1.1.1", "4.1.1.001", "4.11", "4.1.1.01.01", "4..1", "4.1.", "a.1", "٤", "5.2.1.0x"} {
		_, err := keuangan.ParseKodeRekening("body.kode_rekening", in)
		if f, ok := fault.As(err); !ok || f.Code != fault.Invalid || f.Field != "body.kode_rekening" || f.Message == "" {
			t.Errorf("ParseKodeRekening(%q): %v, want an Invalid fault on the field", in, err)
		}
	}
}

func TestKodeKegiatanStructure(t *testing.T) {
	for _, tc := range []struct {
		in, tingkat, induk string
		lainLain           bool
	}{
		{"02", "bidang", "", false},
		{"02.01", "sub_bidang", "02", false},
		{"02.01.06", "kegiatan", "02.01", false},
		{"05.01.00", "kegiatan", "05.01", false},
		{"01.01.90", "kegiatan", "01.01", true},
	} {
		k, err := keuangan.ParseKodeKegiatan("kode", tc.in)
		if err != nil {
			t.Errorf("ParseKodeKegiatan(%q): %v", tc.in, err)
			continue
		}
		if k.Tingkat() != tc.tingkat || string(k.Induk()) != tc.induk || k.LainLain() != tc.lainLain {
			t.Errorf("%q: tingkat %s induk %q lain-lain %v; want %s %q %v", tc.in, k.Tingkat(), k.Induk(), k.LainLain(), tc.tingkat, tc.induk, tc.lainLain)
		}
	}
	for _, in := range []string{"", "2", "00", "02.00", "1.1.01", "02.01.6", "02.01.006", "02.01.06.01", "xx.xx.90", "02-01-06", "02.01."} {
		_, err := keuangan.ParseKodeKegiatan("body.kode_kegiatan", in)
		if f, ok := fault.As(err); !ok || f.Code != fault.Invalid || f.Field != "body.kode_kegiatan" || f.Message == "" {
			t.Errorf("ParseKodeKegiatan(%q): %v, want an Invalid fault on the field", in, err)
		}
	}
}

func FuzzParseKode(f *testing.F) {
	for _, s := range []string{"5.2.1.01", "02.01.06", "4", "", "..", "05.01.00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if k, err := keuangan.ParseKodeRekening("k", s); err == nil {
			if again, err := keuangan.ParseKodeRekening("k", string(k)); err != nil || again != k {
				t.Fatalf("rekening %q does not parse back", k)
			}
			if i := k.Induk(); i != "" {
				if _, err := keuangan.ParseKodeRekening("k", string(i)); err != nil {
					t.Fatalf("rekening %q: induk %q invalid", k, i)
				}
			}
		}
		if k, err := keuangan.ParseKodeKegiatan("k", s); err == nil {
			if again, err := keuangan.ParseKodeKegiatan("k", string(k)); err != nil || again != k {
				t.Fatalf("kegiatan %q does not parse back", k)
			}
			_ = k.Tingkat()
			_ = k.LainLain()
		}
	})
}
