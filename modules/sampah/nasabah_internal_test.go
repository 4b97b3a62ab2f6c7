package sampah

import "testing"

// The card's QR holds the nasabah's page as an absolute address, so the
// operator's phone camera opens it without the app.
func TestNasabahCardQROpensTheNasabahPage(t *testing.T) {
	m := New(Deps{BaseURL: "https://simasa.tabanankab.go.id/"})
	got := m.nasabahURL("51.02.06.2001", "01937a6e-0000-7000-8000-000000000001")
	want := "https://simasa.tabanankab.go.id/desa/51.02.06.2001/sampah/nasabah/01937a6e-0000-7000-8000-000000000001"
	if got != want {
		t.Errorf("QR holds %q, want %q", got, want)
	}
}

func TestNormalTelepon(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "0812-3456-7890": "+6281234567890", "+62 812 3456 789": "+628123456789", "62812345678": "+62812345678",
	} {
		if got, err := NormalTelepon(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"0361 812345", "+0812345678", "08123", "0812 3456 7890 12345", "0812.3456.789", "62 0812 345678"} {
		if got, err := NormalTelepon(in); err == nil {
			t.Errorf("%q accepted as %q", in, got)
		}
	}
}
