package keuangan

import (
	"testing"

	"github.com/ngantor/ngantor/platform/fault"
)

func TestCoreVolumeParsesIndonesianDecimals(t *testing.T) {
	for in, want := range map[string]Volume{
		"12": 12000, "2,5": 2500, "2.5": 2500, "1.250": 1_250_000, "1.250,75": 1_250_750, "0,125": 125, ",5": 500,
	} {
		got, err := ParseVolume("v", in)
		if err != nil || got != want {
			t.Errorf("ParseVolume(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "1,2345", "abc", "1e3", "12345678901"} {
		if _, err := ParseVolume("v", in); err == nil {
			t.Errorf("ParseVolume(%q) accepted", in)
		}
	}
	if s := Volume(1_250_750).String(); s != "1.250,75" {
		t.Errorf("String = %q", s)
	}
}

func TestCoreKaliRoundsHalfUpAndRefusesOverflow(t *testing.T) {
	cases := []struct {
		v    Volume
		h    Rupiah
		want Rupiah
		ok   bool
	}{
		{2500, 1000, 2500, true},
		{1, 499, 0, true},   // 0,001 × 499 = 0,499 → 0
		{1, 500, 1, true},   // 0,5 → 1
		{3333, 3, 10, true}, // 9,999 → 10
		{MaxVolume, MaxRupiah, 0, false},
		{1000, MaxRupiah, MaxRupiah, true},
		{2000, MaxRupiah, 0, false},
	}
	for _, c := range cases {
		got, ok := Kali(c.v, c.h)
		if got != c.want || ok != c.ok {
			t.Errorf("Kali(%d, %d) = %d, %v; want %d, %v", c.v, c.h, got, ok, c.want, c.ok)
		}
	}
}

func TestCoreHitungAndBalance(t *testing.T) {
	lines := []Baris{
		{Kelompok: KelompokPendapatan, Jumlah: 1000},
		{Kelompok: KelompokBelanja, Jumlah: 1300},
		{Kelompok: KelompokPenerimaanPembiayaan, Jumlah: 200},
		{Kelompok: KelompokPengeluaranPembiayaan, Jumlah: 50},
	}
	tot, ok := Hitung(lines)
	if !ok || tot.SurplusDefisit != -300 || tot.PembiayaanNetto != 150 || tot.SiLPA != -150 {
		t.Fatalf("Hitung = %+v, %v", tot, ok)
	}
	if err := tot.Seimbang(); !fault.Is(err, fault.Invalid) {
		t.Fatalf("an uncovered deficit passed: %v", err)
	}
	lines[2].Jumlah = 400
	tot, _ = Hitung(lines)
	if err := tot.Seimbang(); err != nil {
		t.Fatalf("a covered deficit refused: %v", err)
	}
}

func TestCoreLifecycleMoves(t *testing.T) {
	if to, err := Langkah(StatusDraft, AksiAjukan); err != nil || to != StatusDiajukan {
		t.Fatal(to, err)
	}
	if _, err := Langkah(StatusDraft, AksiTetapkan); !fault.Is(err, fault.Conflict) {
		t.Fatal("draft was set by Perdes without evaluation")
	}
	if _, err := Langkah(StatusDitetapkan, AksiAjukan); err == nil {
		t.Fatal("a ditetapkan APBDes was submitted again")
	}
}

func TestCorePeriksaBarisReportsEveryField(t *testing.T) {
	ref := &Referensi{Tahun: 2026,
		Rekening: map[KodeRekening]string{"5.2.1.01": "Belanja barang", "4.1.1.01": "Hasil usaha"},
		Kegiatan: map[KodeKegiatan]string{"02.01.06": "Jalan"},
		Sumber:   map[string]string{"DDS": "Dana Desa", "PAD": "PAD"},
	}
	b, err := PeriksaBaris(ref, BarisInput{KodeRekening: "5.2.1.01", KodeKegiatan: "02.01.06", Uraian: "Semen",
		Volume: 2500, Satuan: "sak", HargaSatuan: 65000, SumberDana: "dds"}, nil)
	if err != nil || b.Jumlah != 162500 || b.Kelompok != KelompokBelanja || b.SumberDana != "DDS" {
		t.Fatalf("%+v %v", b, err)
	}
	_, err = PeriksaBaris(ref, BarisInput{KodeRekening: "5.2.1.01", Uraian: "", SumberDana: "XYZ"}, nil)
	f, _ := fault.As(err)
	if f == nil || len(f.Fields) < 5 {
		t.Fatalf("want every problem (kegiatan, uraian, sumber, satuan, volume, harga), got %v", err)
	}
	if _, err := PeriksaBaris(ref, BarisInput{KodeRekening: "4.1.1.01", Uraian: "Hasil", Jumlah: 5, SumberDana: "PAD", KodeKegiatan: "02.01.06"}, nil); err == nil {
		t.Fatal("a pendapatan line with a kegiatan passed")
	}
}
