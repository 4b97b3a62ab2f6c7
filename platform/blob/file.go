package blob

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
)

// fileStore keeps blobs as files under one folder. All access goes through
// an os.Root, so even a symlink planted inside the folder cannot lead a
// read or write outside it; CheckKey is the first wall, the Root the second.
type fileStore struct {
	root *os.Root
}

func openFile(u *url.URL) (*fileStore, error) {
	// file://data/blobs (relative, as config builds it) parses with host
	// "data"; file:///var/lib/ngantor/blobs with an empty host.
	dir := u.Host + u.Path
	if u.Opaque != "" {
		dir = u.Opaque
	}
	if dir == "" {
		return nil, errors.New("blob: file:// needs a folder, e.g. file://data/blobs")
	}
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("blob: create %s: %w", dir, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", dir, err)
	}
	return &fileStore{root: root}, nil
}

// Put writes to a temporary file beside the target and renames it into
// place, so a reader never sees half a blob and a crash leaves at most a
// ".tmp-" file behind.
func (s *fileStore) Put(ctx context.Context, key string, r io.Reader, _ string) (err error) {
	if err := CheckKey(key); err != nil {
		return err
	}
	name := filepath.FromSlash(key)
	if dir := filepath.Dir(name); dir != "." {
		if err := s.root.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("blob: put %s: %w", key, err)
		}
	}
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(name), ".tmp-"+hex.EncodeToString(rnd[:]))
	f, err := s.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = s.root.Remove(tmp)
		}
	}()
	if _, err = io.Copy(f, ctxReader{ctx, r}); err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	if err = s.root.Rename(tmp, name); err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	return nil
}

func (s *fileStore) Get(_ context.Context, key string) (io.ReadCloser, error) {
	if err := CheckKey(key); err != nil {
		return nil, err
	}
	f, err := s.root.Open(filepath.FromSlash(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return nil, fmt.Errorf("blob: get %s: %w", key, err)
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		_ = f.Close()
		return nil, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	return f, nil
}

func (s *fileStore) Delete(_ context.Context, key string) error {
	if err := CheckKey(key); err != nil {
		return err
	}
	name := filepath.FromSlash(key)
	if st, err := s.root.Lstat(name); err == nil && st.IsDir() {
		// A "folder" is not a blob; leave it alone rather than remove an
		// empty directory the caller never put.
		return nil
	}
	if err := s.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("blob: delete %s: %w", key, err)
	}
	return nil
}
