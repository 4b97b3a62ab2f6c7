package valid

import (
	"testing"

	"github.com/ngantor/ngantor/platform/fault"
)

func TestTeleponNormalisesIndonesianMobileNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "0812-3456-7890": "+6281234567890", "+62 812 3456 789": "+628123456789", "62812345678": "+62812345678",
		" 0812 3456 7890 ": "+6281234567890",
	} {
		if got, err := NormalTelepon("body.telepon", "Nomor telepon", in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"0361 812345", "+0812345678", "08123", "0812 3456 7890 12345", "0812.3456.789", "62 0812 345678", "0812\x003456789"} {
		got, err := NormalTelepon("body.whatsapp", "Nomor WhatsApp", in)
		if err == nil {
			t.Errorf("%q accepted as %q", in, got)
			continue
		}
		if m := fault.FieldMessages(err)["body.whatsapp"]; m == "" {
			t.Errorf("%q: no message on the field: %v", in, err)
		}
	}
}
