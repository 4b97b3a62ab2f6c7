package blob_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/blob"
)

func openFolder(t *testing.T) (blob.Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "blobs", "nested") // created by Open
	s, err := blob.Open(t.Context(), "file://"+dir)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func TestFileStoreRoundTrip(t *testing.T) {
	ctx := t.Context()
	s, dir := openFolder(t)
	key := "laporan/51.02.06.2001/2026/apbdes_q1.pdf"

	if err := s.Put(ctx, key, strings.NewReader("versi 1"), "application/pdf"); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, key, strings.NewReader("versi 2"), "application/pdf"); err != nil {
		t.Fatal(err)
	}
	if got := read(t, s, key); got != "versi 2" {
		t.Fatalf("Get = %q, want the second Put", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "laporan", "51.02.06.2001", "2026", "apbdes_q1.pdf")); err != nil {
		t.Fatalf("blob is not a file under the folder: %v", err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "laporan", "51.02.06.2001", "2026", ".tmp-*")); len(leftovers) > 0 {
		t.Fatalf("temporary files left behind: %v", leftovers)
	}

	if err := s.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, key); !errors.Is(err, blob.ErrNotFound) {
		t.Fatalf("Get after Delete: err = %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatalf("second Delete must succeed (idempotent jobs repeat it): %v", err)
	}
}

func TestFileStoreGetMissingIsNotFound(t *testing.T) {
	s, _ := openFolder(t)
	for _, key := range []string{"tidak-ada.pdf", "laporan"} {
		if key == "laporan" {
			if err := s.Put(t.Context(), "laporan/x.pdf", strings.NewReader("x"), ""); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Get(t.Context(), key); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("Get(%q): err = %v, want ErrNotFound", key, err)
		}
	}
}

func TestFileStoreRejectsTraversal(t *testing.T) {
	ctx := t.Context()
	parent := t.TempDir()
	dir := filepath.Join(parent, "blobs")
	s, err := blob.Open(ctx, "file://"+dir)
	if err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(parent, "secret.txt")
	if err := os.WriteFile(secret, []byte("rahasia"), 0o600); err != nil {
		t.Fatal(err)
	}

	bad := []string{
		"../secret.txt",
		"a/../../secret.txt",
		"/etc/passwd",
		"a//b",
		"./a",
		"a/./b",
		"..",
		"",
		`a\..\secret.txt`,
		"a/b\x00c",
		"laporan/%2e%2e/x",
		strings.Repeat("a", 600),
	}
	for _, key := range bad {
		if err := s.Put(ctx, key, strings.NewReader("jahat"), ""); !errors.Is(err, blob.ErrInvalidKey) {
			t.Errorf("Put(%q): err = %v, want ErrInvalidKey", key, err)
		}
		if _, err := s.Get(ctx, key); !errors.Is(err, blob.ErrInvalidKey) {
			t.Errorf("Get(%q): err = %v, want ErrInvalidKey", key, err)
		}
		if err := s.Delete(ctx, key); !errors.Is(err, blob.ErrInvalidKey) {
			t.Errorf("Delete(%q): err = %v, want ErrInvalidKey", key, err)
		}
	}
	if b, _ := os.ReadFile(secret); string(b) != "rahasia" {
		t.Fatalf("file outside the folder changed: %q", b)
	}
}

func TestFileStoreDoesNotFollowSymlinkOut(t *testing.T) {
	ctx := t.Context()
	parent := t.TempDir()
	dir := filepath.Join(parent, "blobs")
	s, err := blob.Open(ctx, "file://"+dir)
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(parent, "outside")
	if err := os.Mkdir(outside, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "x.txt"), []byte("rahasia"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "link/x.txt"); err == nil {
		t.Fatal("Get through a symlink leaving the folder succeeded")
	}
	if err := s.Put(ctx, "link/y.txt", strings.NewReader("jahat"), ""); err == nil {
		t.Fatal("Put through a symlink leaving the folder succeeded")
	}
	if _, err := os.Stat(filepath.Join(outside, "y.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a file was written outside the folder: %v", err)
	}
}

func TestFileStorePutStopsWhenContextEnds(t *testing.T) {
	s, dir := openFolder(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := s.Put(ctx, "batal.bin", bytes.NewReader(make([]byte, 1<<20)), "")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("folder not empty after a cancelled Put: %v", entries)
	}
}

func TestOpenRejectsUnknownScheme(t *testing.T) {
	for _, u := range []string{"gs://bucket", "ftp://x/y", "blobs"} {
		if _, err := blob.Open(t.Context(), u); err == nil {
			t.Errorf("Open(%q) succeeded", u)
		}
	}
}

// S3 is tested without a network: opening only builds the client, and key
// checks run before any request.
func TestS3URLOpensWithoutNetwork(t *testing.T) {
	isolateAWS(t)
	ok := []string{
		"s3://ngantor-laporan?region=ap-southeast-3",
		"s3://ngantor?endpoint=http://127.0.0.1:9&region=us-east-1&use_path_style=true&disable_https=true",
	}
	for _, u := range ok {
		s, err := blob.Open(t.Context(), u)
		if err != nil {
			t.Errorf("Open(%q): %v", u, err)
			continue
		}
		if err := s.Put(t.Context(), "../keluar", strings.NewReader("x"), ""); !errors.Is(err, blob.ErrInvalidKey) {
			t.Errorf("Put with a traversal key on %q: err = %v, want ErrInvalidKey", u, err)
		}
	}
	bad := []string{
		"s3://?region=ap-southeast-3",                 // no bucket
		"s3://ngantor?region=x&use_path_style=kadang", // not a bool
		"s3://ngantor?region=x&ssetype=rot13",         // unknown encryption
	}
	for _, u := range bad {
		if _, err := blob.Open(t.Context(), u); err == nil {
			t.Errorf("Open(%q) succeeded", u)
		}
	}
}

func isolateAWS(t *testing.T) {
	t.Helper()
	none := filepath.Join(t.TempDir(), "none")
	t.Setenv("AWS_CONFIG_FILE", none)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", none)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_REGION", "")
}

func read(t *testing.T, s blob.Store, key string) string {
	t.Helper()
	r, err := s.Get(t.Context(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
