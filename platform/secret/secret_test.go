package secret

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Fixed test keys: 32 bytes each, distinct.
var (
	testK1 = "k1:" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{1}, 32))
	testK2 = "k2:" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{2}, 32))
)

const camCtx = "cctv:51.02.06.2001:7"

func mustRing(t testing.TB, s string) *Keyring {
	t.Helper()
	kr, err := ParseKeyring(s)
	if err != nil {
		t.Fatalf("ParseKeyring: %v", err)
	}
	return kr
}

func TestSealThenOpenReturnsThePlaintext(t *testing.T) {
	kr := mustRing(t, testK1)
	for _, pt := range [][]byte{[]byte("admin:rahasia-cctv"), {}, bytes.Repeat([]byte{0xff}, MaxPlaintext)} {
		ct, err := kr.Seal(pt, camCtx)
		if err != nil {
			t.Fatalf("seal %d bytes: %v", len(pt), err)
		}
		if !strings.HasPrefix(ct, "v1.k1.") {
			t.Errorf("ciphertext %.20q… does not start with v1.k1.", ct)
		}
		if len(pt) > 4 && strings.Contains(ct, string(pt)) {
			t.Errorf("ciphertext contains the plaintext")
		}
		got, err := kr.Open(ct, camCtx)
		if err != nil {
			t.Fatalf("open %d bytes: %v", len(pt), err)
		}
		if !bytes.Equal(got, pt) {
			t.Errorf("open = %q, want %q", got, pt)
		}
	}
}

func TestSealingTwiceGivesDifferentCiphertexts(t *testing.T) {
	kr := mustRing(t, testK1)
	a, _ := kr.Seal([]byte("sama"), camCtx)
	b, _ := kr.Seal([]byte("sama"), camCtx)
	if a == b {
		t.Fatal("two seals of the same plaintext are identical: the nonce is not random")
	}
}

func TestCiphertextDoesNotOpenUnderAnotherContext(t *testing.T) {
	kr := mustRing(t, testK1)
	ct, err := kr.Seal([]byte("user:pass"), camCtx)
	if err != nil {
		t.Fatal(err)
	}
	for _, other := range []string{"cctv:51.02.06.2001:8", "cctv:51.02.06.2002:7", camCtx + " "} {
		if _, err := kr.Open(ct, other); !errors.Is(err, ErrOpen) {
			t.Errorf("open under %q: err = %v, want ErrOpen", other, err)
		}
	}
}

func TestTamperedCiphertextDoesNotOpen(t *testing.T) {
	kr := mustRing(t, testK1)
	ct, err := kr.Seal([]byte("user:pass"), camCtx)
	if err != nil {
		t.Fatal(err)
	}
	prefix := "v1.k1."
	raw, err := base64.RawURLEncoding.DecodeString(ct[len(prefix):])
	if err != nil {
		t.Fatal(err)
	}
	// Flip one bit in each byte in turn: nonce, ciphertext and tag.
	for i := range raw {
		bad := bytes.Clone(raw)
		bad[i] ^= 0x01
		if _, err := kr.Open(prefix+base64.RawURLEncoding.EncodeToString(bad), camCtx); !errors.Is(err, ErrOpen) {
			t.Fatalf("byte %d flipped: err = %v, want ErrOpen", i, err)
		}
	}
	// Truncated.
	short := prefix + base64.RawURLEncoding.EncodeToString(raw[:len(raw)-1])
	if _, err := kr.Open(short, camCtx); !errors.Is(err, ErrOpen) {
		t.Errorf("truncated: err = %v, want ErrOpen", err)
	}
	// Same id, different key: an installation's k1 is not another's.
	other := mustRing(t, "k1:"+base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{9}, 32)))
	if _, err := other.Open(ct, camCtx); !errors.Is(err, ErrOpen) {
		t.Errorf("other k1: err = %v, want ErrOpen", err)
	}
}

func TestMalformedCiphertextIsRefused(t *testing.T) {
	kr := mustRing(t, testK1)
	good, _ := kr.Seal([]byte("x"), camCtx)
	body := good[len("v1.k1."):]
	for _, ct := range []string{
		"", "v1", "v1.k1", "v1.k1.", "v2.k1." + body, "v1.K1." + body, "v1..", "v1.k1." + body + "=",
		"v1.k1." + body + "!", "v1.k1.AAAA", strings.Repeat("A", 1<<20), "v1.k1." + strings.Repeat("A", maxEncoded),
	} {
		if _, err := kr.Open(ct, camCtx); !errors.Is(err, ErrMalformed) {
			t.Errorf("open %.30q: err = %v, want ErrMalformed", ct, err)
		}
	}
}

func TestRotationKeepsOldCiphertextsOpen(t *testing.T) {
	old := mustRing(t, testK1)
	ct, err := old.Seal([]byte("user:pass"), camCtx)
	if err != nil {
		t.Fatal(err)
	}
	if old.NeedsRotation(ct) {
		t.Error("k1 ciphertext needs rotation under keyring k1")
	}
	kr := mustRing(t, testK2+","+testK1)
	got, err := kr.Open(ct, camCtx)
	if err != nil || string(got) != "user:pass" {
		t.Fatalf("open k1 ciphertext with k2,k1 = %q, %v", got, err)
	}
	if !kr.NeedsRotation(ct) {
		t.Error("k1 ciphertext does not need rotation under keyring k2,k1")
	}
	rotated, err := kr.Rotate(ct, camCtx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rotated, "v1.k2.") || kr.NeedsRotation(rotated) {
		t.Errorf("rotated %.10q… is not under k2", rotated)
	}
	// After the old key is removed, the rotated ciphertext still opens.
	only2 := mustRing(t, testK2)
	if got, err := only2.Open(rotated, camCtx); err != nil || string(got) != "user:pass" {
		t.Errorf("open rotated with k2 only = %q, %v", got, err)
	}
	// Rotation keeps the context binding.
	if _, err := kr.Rotate(ct, "cctv:51.02.06.2001:8"); !errors.Is(err, ErrOpen) {
		t.Errorf("rotate under another context: err = %v, want ErrOpen", err)
	}
	if kr.NeedsRotation("not a ciphertext") {
		t.Error("malformed text needs rotation")
	}
}

func TestUnknownKeyIDIsNamed(t *testing.T) {
	ct, err := mustRing(t, testK1).Seal([]byte("user:pass"), camCtx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = mustRing(t, testK2).Open(ct, camCtx)
	if !errors.Is(err, ErrUnknownKey) || !strings.Contains(err.Error(), `"k1"`) {
		t.Fatalf("err = %v, want ErrUnknownKey naming k1", err)
	}
	if _, err := mustRing(t, testK2).Rotate(ct, camCtx); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("rotate: err = %v, want ErrUnknownKey", err)
	}
}

func TestSealBounds(t *testing.T) {
	var zero Keyring
	if _, err := zero.Seal([]byte("x"), camCtx); err == nil {
		t.Error("a zero Keyring sealed")
	}
	kr := mustRing(t, testK1)
	if _, err := kr.Seal(make([]byte, MaxPlaintext+1), camCtx); !errors.Is(err, ErrTooLarge) {
		t.Errorf("plaintext over the bound: err = %v", err)
	}
	for _, c := range []string{"", strings.Repeat("c", MaxContext+1)} {
		if _, err := kr.Seal([]byte("x"), c); !errors.Is(err, ErrContext) {
			t.Errorf("seal context of %d bytes: err = %v", len(c), err)
		}
		if _, err := kr.Open("v1.k1.AAAA", c); !errors.Is(err, ErrContext) {
			t.Errorf("open context of %d bytes: err = %v", len(c), err)
		}
	}
}

func TestParseKeyringRefusesEachMalformedForm(t *testing.T) {
	b64 := func(n int) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, n)) }
	key32 := b64(32)
	cases := map[string]string{
		"empty":              "",
		"blank":              "   ",
		"no id":              key32,
		"empty id":           ":" + key32,
		"upper-case id":      "K1:" + key32,
		"id with dash":       "k-1:" + key32,
		"id too long":        strings.Repeat("k", 17) + ":" + key32,
		"duplicate id":       "k1:" + key32 + ",k1:" + b64(32),
		"31 bytes":           "k1:" + b64(31),
		"33 bytes":           "k1:" + b64(33),
		"not base64":         "k1:" + strings.Repeat("*", 44),
		"unpadded base64":    "k1:" + strings.TrimRight(key32, "="),
		"base64url alphabet": "k1:" + base64.URLEncoding.EncodeToString(append(bytes.Repeat([]byte{0xfb}, 31), 0xff)),
		"stray comma":        "k1:" + key32 + ",",
		"too many keys":      manyKeys(MaxKeys + 1),
	}
	for name, s := range cases {
		t.Run(name, func(t *testing.T) {
			kr, err := ParseKeyring(s)
			if err == nil {
				t.Fatalf("ParseKeyring accepted %s: %v", name, kr)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if len(key32) > 0 && strings.Contains(err.Error(), strings.TrimRight(key32, "=")) {
				t.Errorf("error echoes the key: %q", err)
			}
		})
	}
}

func manyKeys(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("k%d:%s", i, base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{byte(i)}, 32)))
	}
	return strings.Join(parts, ",")
}

func TestParseKeyringAcceptsTheDocumentedForm(t *testing.T) {
	kr, err := ParseKeyring(" " + testK2 + " , " + testK1 + " ")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(kr.IDs(), ","); got != "k2,k1" {
		t.Errorf("ids = %s, want k2,k1", got)
	}
	if _, err := ParseKeyring(manyKeys(MaxKeys)); err != nil {
		t.Errorf("%d keys: %v", MaxKeys, err)
	}
}

func TestPrintingAKeyringShowsNoKey(t *testing.T) {
	kr := mustRing(t, testK1)
	key := strings.TrimPrefix(testK1, "k1:")
	raw := string(bytes.Repeat([]byte{1}, 32))
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, kr) + fmt.Sprintf(verb, struct{ K *Keyring }{kr})
		if strings.Contains(out, key) || strings.Contains(out, raw) || !strings.Contains(fmt.Sprintf(verb, kr), "k1") {
			t.Errorf("%s prints %q", verb, out)
		}
	}
}

func TestNewKeyParses(t *testing.T) {
	a, err := NewKey("k3")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewKey("k4")
	kr := mustRing(t, a+","+b)
	if kr.String() != "secret.Keyring(k3,k4)" || strings.TrimPrefix(a, "k3:") == strings.TrimPrefix(b, "k4:") {
		t.Errorf("NewKey gave %v; keys equal: %v", kr, a[3:] == b[3:])
	}
	if _, err := NewKey("Bad"); err == nil {
		t.Error("NewKey accepted id Bad")
	}
}

func TestDevKeyFileIsCreatedOnceAndKeptPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, DevKeyFile)
	first, err := LoadOrCreateFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %04o, want 0600", st.Mode().Perm())
	}
	ct, err := first.Seal([]byte("user:pass"), camCtx)
	if err != nil {
		t.Fatal(err)
	}
	// A restart reads the same key: the old secret still opens.
	again, err := LoadOrCreateFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := again.Open(ct, camCtx); err != nil || string(got) != "user:pass" {
		t.Fatalf("after restart: %q, %v", got, err)
	}
	// Another data dir gets another key.
	other, err := LoadOrCreateFile(filepath.Join(t.TempDir(), DevKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Open(ct, camCtx); !errors.Is(err, ErrOpen) {
		t.Errorf("other data dir opens the secret: err = %v", err)
	}
	// No temporary files are left beside it.
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("data dir holds %d entries, want only %s", len(ents), DevKeyFile)
	}
	// A key file others can read is refused, not used.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateFile(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("world-readable key file: err = %v", err)
	}
	// A corrupt key file is reported, not replaced.
	if err := os.WriteFile(path, []byte("rusak"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateFile(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("corrupt key file: err = %v", err)
	}
}

// FuzzOpen: no input makes Open, NeedsRotation or Rotate panic, and
// whatever Open accepts is a seed, under the context it was sealed with.
func FuzzOpen(f *testing.F) {
	kr := mustRing(f, testK2+","+testK1)
	good, _ := kr.Seal([]byte("user:pass"), camCtx)
	old, _ := mustRing(f, testK1).Seal([]byte("lama"), camCtx)
	for _, s := range []string{good, old, "", "v1", "v1.k1.", "v1.zz.AAAA", "v1.k2." + strings.Repeat("A", 40)} {
		f.Add(s, camCtx)
	}
	f.Fuzz(func(t *testing.T, ct, context string) {
		pt, err := kr.Open(ct, context)
		_ = kr.NeedsRotation(ct)
		if _, rerr := kr.Rotate(ct, context); (rerr == nil) != (err == nil) {
			t.Fatalf("Open err %v but Rotate err %v", err, rerr)
		}
		// Each fuzz worker seals its own seeds, so the accepted texts differ
		// per process; what they hold and where they open does not.
		if err == nil && (context != camCtx || (string(pt) != "user:pass" && string(pt) != "lama")) {
			t.Fatalf("Open accepted a ciphertext nobody sealed: %q under %q → %q", ct, context, pt)
		}
	})
}
