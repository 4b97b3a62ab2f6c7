package umkm_test

import (
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/gambar/gambartest"
)

// An UMKM photo may be up to 8 MB (platform/gambar tests the processing);
// a byte more is refused on body.berkas saying so.
func TestProsesFotoLimitIs8MB(t *testing.T) {
	good := gambartest.JPEG(t, 64, 64, 0)
	if _, err := umkm.ProsesFoto(good); err != nil {
		t.Fatal(err)
	}
	_, err := umkm.ProsesFoto(append(append([]byte{}, good...), make([]byte, umkm.MaksFotoByte)...))
	if msg := fault.FieldMessages(err)["body.berkas"]; !fault.Is(err, fault.Invalid) || !strings.Contains(msg, "maksimal 8 MB") {
		t.Errorf("%v (%q), want a body.berkas field error with \"maksimal 8 MB\"", err, msg)
	}
}
