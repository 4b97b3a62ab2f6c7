package sampah

import "testing"

// TestFasilitasPengelolaNamesTheBodyOnce: a facility page names who runs
// it without saying the kind twice ("KSM KSM Bestari" read as a typo).
func TestFasilitasPengelolaNamesTheBodyOnce(t *testing.T) {
	for _, c := range []struct{ jenis, nama, want string }{
		{"ksm", "KSM Bestari", "KSM Bestari"},
		{"ksm", "Kelompok Bestari", "Kelompok Bestari (KSM)"},
		{"bumdes", "Unit BUMDes Beraban", "Unit BUMDes Beraban"},
		{"pokmas", "Pokmas Kedungu Lestari", "Pokmas Kedungu Lestari"},
		{"lainnya", "TP PKK Desa Nyitdah", "TP PKK Desa Nyitdah"},
		{"lainnya", "", "Lainnya"},
		{"ksm", "", "KSM"},
		{"", "Banjar Dinas Pasti", "Banjar Dinas Pasti"},
		{"", "", ""},
	} {
		if got := fasilitasPengelola(Fasilitas{PengelolaJenis: c.jenis, PengelolaNama: c.nama}); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.jenis, c.nama, got, c.want)
		}
	}
}
