package persuratan

import "testing"

// The statement of a letter names the desa's wilayah once, whether or not
// the typed address already carries part of it.
func TestPernyataanDoesNotRepeatWilayahOfTheAddress(t *testing.T) {
	kop := Letterhead{Kabupaten: "Kabupaten Tabanan", Kecamatan: "Kediri", Desa: "Bengkel"}
	domisili, _ := findJenis("keterangan_domisili")
	usaha, _ := findJenis("keterangan_usaha")
	tests := []struct {
		name string
		j    JenisLayanan
		p    Pemohon
		want string
	}{
		{"address without wilayah", domisili, Pemohon{Alamat: "Banjar Dinas Kaja"},
			"Orang tersebut di atas benar berdomisili di Banjar Dinas Kaja, Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan."},
		{"address with the desa", domisili, Pemohon{Alamat: "Banjar Dinas Bengkel Kawan, Desa Bengkel"},
			"Orang tersebut di atas benar berdomisili di Banjar Dinas Bengkel Kawan, Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan."},
		{"any case, trailing punctuation", domisili, Pemohon{Alamat: "Br. Kaja, DESA BENGKEL, kecamatan kediri."},
			"Orang tersebut di atas benar berdomisili di Br. Kaja, DESA BENGKEL, kecamatan kediri, Kabupaten Tabanan."},
		{"whole wilayah typed", domisili, Pemohon{Alamat: "Br. Kaja, Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan"},
			"Orang tersebut di atas benar berdomisili di Br. Kaja, Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan."},
		{"a longer name is another desa", domisili, Pemohon{Alamat: "Banjar Tengah, Desa Bengkelan"},
			"Orang tersebut di atas benar berdomisili di Banjar Tengah, Desa Bengkelan, Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan."},
		{"domicile address", domisili, Pemohon{Alamat: "Jalan Gatot Subroto, Denpasar", Rincian: map[string]string{"alamat_domisili": "Banjar Dinas Kelod, Desa Bengkel"}},
			"Orang tersebut di atas benar berdomisili di Banjar Dinas Kelod, Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan."},
		{"business address", usaha, Pemohon{Rincian: map[string]string{"nama_usaha": "Warung Sukerti", "jenis_usaha": "warung makan", "alamat_usaha": "Jalan Raya Bengkel, Desa Bengkel"}},
			`Orang tersebut di atas benar mempunyai usaha warung makan dengan nama “Warung Sukerti” yang berlokasi di Jalan Raya Bengkel, Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan, dan usaha tersebut sampai saat ini masih berjalan.`},
		{"business name as typed, quotes and backslash included", usaha, Pemohon{Rincian: map[string]string{"nama_usaha": `Toko "Maju" \ Jaya`, "jenis_usaha": "toko", "alamat_usaha": "Banjar Kaja"}},
			`Orang tersebut di atas benar mempunyai usaha toko dengan nama “Toko "Maju" \ Jaya” yang berlokasi di Banjar Kaja, Desa Bengkel, Kecamatan Kediri, Kabupaten Tabanan, dan usaha tersebut sampai saat ini masih berjalan.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.j.pernyataan(tt.p, kop); got != tt.want {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
