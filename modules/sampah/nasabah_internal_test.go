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
