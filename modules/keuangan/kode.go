package keuangan

import (
	"strings"

	"github.com/ngantor/ngantor/platform/valid"
)

// Tingkat kode rekening (Permendagri 20/2018 Lampiran: akun, kelompok,
// jenis, objek) and of the kegiatan list (bidang, sub-bidang, kegiatan).
const (
	TingkatAkun      = "akun"
	TingkatKelompok  = "kelompok"
	TingkatJenis     = "jenis"
	TingkatObjek     = "objek"
	TingkatBidang    = "bidang"
	TingkatSubBidang = "sub_bidang"
	TingkatKegiatan  = "kegiatan"
)

// KodeRekening is a kode rekening APBDes: akun (4 pendapatan, 5 belanja,
// 6 pembiayaan), then kelompok and jenis of one digit each, then objek of
// two digits: "5", "5.2", "5.2.1", "5.2.1.01". Objek 90–99 are the
// Lampiran's "lain-lain" ranges.
type KodeRekening string

// ParseKodeRekening checks the structure of s (spaces around it ignored);
// whether the code exists in a year's list is the store's question.
func ParseKodeRekening(field, s string) (KodeRekening, error) {
	var p valid.Problems
	s = strings.TrimSpace(s)
	if !validKodeRekening(s) {
		p.Add(field, "Kode rekening tidak sah: tulis akun 4, 5 atau 6 lalu kelompok, jenis (satu angka) dan objek (dua angka), mis. 5.2.1.01.")
		return "", p.Err()
	}
	return KodeRekening(s), nil
}

func validKodeRekening(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return false
	}
	for i, part := range parts {
		want := 1
		if i == 3 {
			want = 2
		}
		if len(part) != want || !valid.Digits(part) {
			return false
		}
	}
	if a := parts[0]; a < "4" || a > "6" {
		return false
	}
	for _, part := range parts[1:] {
		if strings.Trim(part, "0") == "" {
			return false
		}
	}
	return true
}

// Tingkat is akun, kelompok, jenis or objek.
func (k KodeRekening) Tingkat() string {
	return [...]string{TingkatAkun, TingkatKelompok, TingkatJenis, TingkatObjek}[strings.Count(string(k), ".")]
}

// Induk is the code one level up; "" for an akun.
func (k KodeRekening) Induk() KodeRekening {
	i := strings.LastIndexByte(string(k), '.')
	if i < 0 {
		return ""
	}
	return k[:i]
}

// LainLain reports an objek in a "lain-lain 90–99" range.
func (k KodeRekening) LainLain() bool {
	return k.Tingkat() == TingkatObjek && k[len(k)-2] == '9'
}

// KodeKegiatan is a code of the Lampiran's kegiatan list: bidang, then
// sub-bidang, then kegiatan, two digits each: "02", "02.01", "02.01.06".
// Kegiatan 00 exists (bidang 5 has one kegiatan per sub-bidang, coded
// 05.0x.00); bidang and sub-bidang start at 01.
type KodeKegiatan string

// ParseKodeKegiatan checks the structure of s (spaces around it ignored).
func ParseKodeKegiatan(field, s string) (KodeKegiatan, error) {
	var p valid.Problems
	s = strings.TrimSpace(s)
	if !validKodeKegiatan(s) {
		p.Add(field, "Kode kegiatan tidak sah: tulis bidang, sub bidang dan kegiatan masing-masing dua angka, mis. 02.01.06.")
		return "", p.Err()
	}
	return KodeKegiatan(s), nil
}

func validKodeKegiatan(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) > 3 {
		return false
	}
	for i, part := range parts {
		if len(part) != 2 || !valid.Digits(part) || (i < 2 && part == "00") {
			return false
		}
	}
	return true
}

// Tingkat is bidang, sub_bidang or kegiatan.
func (k KodeKegiatan) Tingkat() string {
	return [...]string{TingkatBidang, TingkatSubBidang, TingkatKegiatan}[strings.Count(string(k), ".")]
}

// Induk is the code one level up; "" for a bidang.
func (k KodeKegiatan) Induk() KodeKegiatan {
	i := strings.LastIndexByte(string(k), '.')
	if i < 0 {
		return ""
	}
	return k[:i]
}

// LainLain reports a kegiatan code in the 90–99 range. In the Lampiran that
// is a "lain-lain" range a kabupaten fills; in the Siskeudes list the same
// numbers are BPKP's own kegiatan, which is why the lists stay apart.
func (k KodeKegiatan) LainLain() bool {
	return k.Tingkat() == TingkatKegiatan && k[len(k)-2] == '9'
}
