package secret

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// DevKeyFile is the file, in dev mode's data dir, that holds the keyring
// `ngantor dev` made for itself when NGANTOR_SECRET_KEY is not set.
const DevKeyFile = "secret.key"

// LoadOrCreateFile returns the keyring stored at path, creating it with one
// fresh key ("dev") on first use, so a dev data dir keeps opening the secrets
// it sealed across restarts. The file is the keyring's text form, readable by
// its owner only (0600); a file others can read is refused rather than used.
// Production takes its keys from NGANTOR_SECRET_KEY, never from here.
func LoadOrCreateFile(path string) (*Keyring, error) {
	kr, err := loadFile(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return kr, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, err
	}
	text, err := NewKey("dev")
	if err != nil {
		return nil, err
	}
	// Written aside and linked into place: the link fails if another
	// process created the file meanwhile, and no reader ever sees it half
	// written.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".secret-*.tmp")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, err
	}
	if _, err := tmp.WriteString(text + "\n"); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	return loadFile(path)
}

func loadFile(path string) (*Keyring, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%s: permissions %04o let others read the key; chmod 600 it", path, st.Mode().Perm())
	}
	buf, err := io.ReadAll(io.LimitReader(f, 4<<10))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	kr, err := ParseKeyring(string(buf))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return kr, nil
}
