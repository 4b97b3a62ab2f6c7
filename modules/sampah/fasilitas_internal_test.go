package sampah

import (
	"slices"
	"testing"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
)

// The one validation of a facility refuses each bad field with its own
// message and stores what it accepts in the model's units.
func TestFasilitasPeriksaTable(t *testing.T) {
	ok := FasilitasData{Nama: "TPS3R Bestari"}
	with := func(f func(*FasilitasData)) FasilitasData {
		d := ok
		f(&d)
		return d
	}
	cases := []struct {
		name  string
		jenis string
		data  FasilitasData
		bad   []string // fields refused, sorted
		check func(t *testing.T, f Fasilitas)
	}{
		{"minimal", FasilitasTPS3R, ok, nil, func(t *testing.T, f Fasilitas) {
			if f.Status != StatusAktif || f.KapasitasGramHari != 0 || f.Koordinat() || f.TahunDibangun != 0 {
				t.Errorf("defaults: %+v", f)
			}
		}},
		{"full", FasilitasTPS3R, FasilitasData{Nama: "  TPS3R   Bestari ", Status: "tidak_aktif", AlasanTidakAktif: "Mesin pencacah rusak",
			KapasitasKg: "2.500", Lahan: "lainnya", LahanKeterangan: "Sewa warga", PengelolaJenis: "ksm", PengelolaNama: "KSM Bestari",
			Petugas: 12, Lintang: "-8,5401", Bujur: "115.12345678", TahunDibangun: 2019, KegiatanKode: "02.04.15",
			SumberDana: "Dana Desa", DensitasKgM3: "250,5"}, nil, func(t *testing.T, f Fasilitas) {
			if f.Nama != "TPS3R Bestari" || f.KapasitasGramHari != 2_500_000 || f.LintangE6 != -8_540_100 || f.BujurE6 != 115_123_457 ||
				f.DensitasGramM3 != 250_500 || f.AlasanTidakAktif != "Mesin pencacah rusak" || f.Petugas != 12 {
				t.Errorf("stored: %+v", f)
			}
		}},
		{"active drops reason", FasilitasDepo, with(func(d *FasilitasData) { d.AlasanTidakAktif = "lama" }), nil, func(t *testing.T, f Fasilitas) {
			if f.AlasanTidakAktif != "" {
				t.Errorf("reason kept on an active facility: %q", f.AlasanTidakAktif)
			}
		}},
		{"zero capacity is unknown", FasilitasTPS, with(func(d *FasilitasData) { d.KapasitasKg = "0" }), nil, nil},
		{"unknown jenis", "tpa", ok, []string{"jenis"}, nil},
		{"short name", FasilitasTPS, FasilitasData{Nama: "AB"}, []string{"nama"}, nil},
		{"long name", FasilitasTPS, FasilitasData{Nama: string(make([]rune, 101))}, []string{"nama"}, nil},
		{"control character", FasilitasTPS, FasilitasData{Nama: "TPS\x00 Satu"}, []string{"nama"}, nil},
		{"inactive without reason", FasilitasTPS, with(func(d *FasilitasData) { d.Status = "tidak_aktif" }), []string{"alasan_tidak_aktif"}, nil},
		{"reason too long", FasilitasTPS, with(func(d *FasilitasData) {
			d.Status, d.AlasanTidakAktif = "tidak_aktif", string(slices.Repeat([]rune{'a'}, 301))
		}), []string{"alasan_tidak_aktif"}, nil},
		{"unknown status", FasilitasTPS, with(func(d *FasilitasData) { d.Status = "rusak" }), []string{"status"}, nil},
		{"capacity not a number", FasilitasTPS, with(func(d *FasilitasData) { d.KapasitasKg = "banyak" }), []string{"kapasitas_kg"}, nil},
		{"capacity negative", FasilitasTPS, with(func(d *FasilitasData) { d.KapasitasKg = "-5" }), []string{"kapasitas_kg"}, nil},
		{"capacity too large", FasilitasTPS, with(func(d *FasilitasData) { d.KapasitasKg = "100001" }), []string{"kapasitas_kg"}, nil},
		{"land other without note", FasilitasTPS, with(func(d *FasilitasData) { d.Lahan = "lainnya" }), []string{"lahan_keterangan"}, nil},
		{"unknown land", FasilitasTPS, with(func(d *FasilitasData) { d.Lahan = "sewa" }), []string{"lahan"}, nil},
		{"manager other without name", FasilitasTPS, with(func(d *FasilitasData) { d.PengelolaJenis = "lainnya" }), []string{"pengelola_nama"}, nil},
		{"unknown manager", FasilitasTPS, with(func(d *FasilitasData) { d.PengelolaJenis = "koperasi" }), []string{"pengelola_jenis"}, nil},
		{"staff negative", FasilitasTPS, with(func(d *FasilitasData) { d.Petugas = -1 }), []string{"petugas"}, nil},
		{"staff too many", FasilitasTPS, with(func(d *FasilitasData) { d.Petugas = 501 }), []string{"petugas"}, nil},
		{"latitude alone", FasilitasTPS, with(func(d *FasilitasData) { d.Lintang = "-8.5" }), []string{"bujur"}, nil},
		{"longitude alone", FasilitasTPS, with(func(d *FasilitasData) { d.Bujur = "115" }), []string{"lintang"}, nil},
		{"swapped pair", FasilitasTPS, with(func(d *FasilitasData) { d.Lintang, d.Bujur = "115.1", "-8.5" }), []string{"bujur", "lintang"}, nil},
		{"outside Indonesia", FasilitasTPS, with(func(d *FasilitasData) { d.Lintang, d.Bujur = "-12", "93.9" }), []string{"bujur", "lintang"}, nil},
		{"degrees with minutes", FasilitasTPS, with(func(d *FasilitasData) { d.Lintang, d.Bujur = "8°32'S", "115" }), []string{"lintang"}, nil},
		{"year before 1970", FasilitasTPS, with(func(d *FasilitasData) { d.TahunDibangun = 1969 }), []string{"tahun_dibangun"}, nil},
		{"year ahead", FasilitasTPS, with(func(d *FasilitasData) { d.TahunDibangun = 2027 }), []string{"tahun_dibangun"}, nil},
		{"kegiatan shape", FasilitasTPS, with(func(d *FasilitasData) { d.KegiatanKode = "2.4.15" }), []string{"kegiatan_kode"}, nil},
		{"funding too long", FasilitasTPS, with(func(d *FasilitasData) { d.SumberDana = string(slices.Repeat([]rune{'d'}, 61)) }), []string{"sumber_dana"}, nil},
		{"density on a bank sampah", FasilitasBankSampah, with(func(d *FasilitasData) { d.DensitasKgM3 = "250" }), []string{"densitas_kg_m3"}, nil},
		{"density too high", FasilitasTPS3R, with(func(d *FasilitasData) { d.DensitasKgM3 = "2000,001" }), []string{"densitas_kg_m3"}, nil},
		{"density at bound", FasilitasTPS3R, with(func(d *FasilitasData) { d.DensitasKgM3 = "2.000" }), nil, func(t *testing.T, f Fasilitas) {
			if f.DensitasGramM3 != DensitasMaxGramM3 {
				t.Errorf("density %d", f.DensitasGramM3)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var f Fasilitas
			err := fasilitasPeriksa(c.jenis, c.data, 2026, &f)
			var got []string
			for field := range fault.FieldMessages(err) {
				got = append(got, field)
			}
			slices.Sort(got)
			if !slices.Equal(got, c.bad) {
				t.Fatalf("refused %v, want %v (%v)", got, c.bad, err)
			}
			if err == nil && c.check != nil {
				c.check(t, f)
			}
			if fe, ok := fault.As(err); ok && (fe.Code != fault.Invalid || fe.Message == "") {
				t.Errorf("fault %+v", fe)
			}
		})
	}
}

func TestHargaPeriksaBounds(t *testing.T) {
	today := civil.Date("2026-03-05")
	for _, c := range []struct {
		h   HargaBaru
		bad string
	}{
		{HargaBaru{BerlakuMulai: "2026-03-05", Harga: 2500}, ""},
		{HargaBaru{BerlakuMulai: "2000-01-01", Harga: 0}, ""},
		{HargaBaru{BerlakuMulai: "2027-03-06", Harga: MaxHarga}, ""},
		{HargaBaru{BerlakuMulai: "2027-03-07", Harga: 1}, "berlaku_mulai"},
		{HargaBaru{BerlakuMulai: "1999-12-31", Harga: 1}, "berlaku_mulai"},
		{HargaBaru{Harga: 1}, "berlaku_mulai"},
		{HargaBaru{BerlakuMulai: "2026-03-05", Harga: -1}, "harga"},
		{HargaBaru{BerlakuMulai: "2026-03-05", Harga: MaxHarga + 1}, "harga"},
	} {
		msgs := fault.FieldMessages(hargaPeriksa(c.h, today))
		if _, bad := msgs[c.bad]; (c.bad == "") != (len(msgs) == 0) || (c.bad != "" && !bad) {
			t.Errorf("%+v: %v, want a refusal of %q", c.h, msgs, c.bad)
		}
	}
}
