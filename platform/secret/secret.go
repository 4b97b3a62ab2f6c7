// Package secret keeps small credentials (a CCTV stream's user and password,
// later any module's secrets) encrypted at rest, with keys from the
// environment and key rotation.
//
// A keyring is one or more AES-256 keys, each with an id. The first key seals;
// every key opens, so ciphertexts sealed before a new key was put in front
// still open. Sealing is AES-256-GCM with a random 12-byte nonce and the
// caller's context (e.g. "cctv:51.02.06.2001:<camera id>") as associated
// data, so a ciphertext copied to another row does not open there.
//
// The keyring's text form (NGANTOR_SECRET_KEY) is
//
//	id:base64,id:base64,…
//
// where each id is 1–16 of a–z and 0–9, unique in the ring, and each base64
// (standard alphabet, padded: what `openssl rand -base64 32` prints) decodes
// to exactly 32 bytes. A ciphertext's text form, fit for a TEXT column, is
//
//	v1.<key id>.<base64url without padding of nonce|ciphertext|tag>
//
// Errors never carry plaintext or key material.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

const (
	// MaxPlaintext bounds what one ciphertext holds: credentials, not files.
	MaxPlaintext = 4 << 10
	// MaxContext bounds the associated data a caller binds a ciphertext to.
	MaxContext = 256
	// MaxKeys bounds the keyring; rotation needs two, a spare makes three.
	MaxKeys = 8

	keySize   = 32
	nonceSize = 12
	tagSize   = 16
	maxIDLen  = 16
	version   = "v1"
	// aadPrefix separates this package's associated data from any other
	// use of the same key, and names the format version it belongs to.
	aadPrefix = "ngantor/secret/v1\x00"
)

// maxEncoded is the longest ciphertext text Open looks at; anything longer
// is refused before decoding.
var maxEncoded = len(version) + 1 + maxIDLen + 1 +
	base64.RawURLEncoding.EncodedLen(nonceSize+MaxPlaintext+tagSize)

var (
	// ErrMalformed: the text is not a v1 ciphertext.
	ErrMalformed = errors.New("secret: ciphertext is not in the form v1.<key id>.<base64url>")
	// ErrUnknownKey: the ciphertext names a key the keyring does not hold
	// (removed too early, or a keyring from another installation).
	ErrUnknownKey = errors.New("secret: ciphertext was sealed with a key that is not in the keyring")
	// ErrOpen: authentication failed — wrong context, tampered text, or a
	// different key under the same id.
	ErrOpen = errors.New("secret: ciphertext does not open (wrong context, tampered, or a different key under this id)")
	// ErrTooLarge: the plaintext is over MaxPlaintext.
	ErrTooLarge = fmt.Errorf("secret: plaintext is over %d bytes", MaxPlaintext)
	// ErrContext: the context is empty or over MaxContext bytes.
	ErrContext = fmt.Errorf("secret: context must be 1 to %d bytes", MaxContext)

	errNoKeys = errors.New("secret: keyring has no key (use ParseKeyring)")
)

// Keyring holds the keys; the first one seals. It is safe for concurrent use.
// Its String form shows key ids only, so a keyring printed by mistake (in a
// config dump, a log line) gives nothing away.
type Keyring struct {
	keys []key
}

type key struct {
	id   string
	aead cipher.AEAD
}

// ParseKeyring reads the text form "id:base64,id:base64,…". Spaces around
// entries are ignored. Errors name the entry by position or valid id, never
// echo key material, and read as the rest of a line that begins with the
// variable's name (config reports "NGANTOR_SECRET_KEY: <error>").
func ParseKeyring(s string) (*Keyring, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("is empty: want id:base64 of 32 bytes, e.g. k1:$(openssl rand -base64 32)")
	}
	parts := strings.Split(s, ",")
	if len(parts) > MaxKeys {
		return nil, fmt.Errorf("has %d keys, at most %d", len(parts), MaxKeys)
	}
	kr := &Keyring{}
	seen := map[string]bool{}
	for i, part := range parts {
		n := i + 1
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, fmt.Errorf("key %d is empty (stray comma?)", n)
		}
		id, b64, ok := strings.Cut(part, ":")
		if !ok {
			return nil, fmt.Errorf("key %d has no id: want id:base64", n)
		}
		if !validID(id) {
			return nil, fmt.Errorf("key %d: the id must be 1 to %d of a-z and 0-9", n, maxIDLen)
		}
		if seen[id] {
			return nil, fmt.Errorf("key id %q appears twice", id)
		}
		seen[id] = true
		raw, err := base64.StdEncoding.Strict().DecodeString(b64)
		if err != nil {
			return nil, fmt.Errorf("key %q is not standard padded base64", id)
		}
		if len(raw) != keySize {
			return nil, fmt.Errorf("key %q is %d bytes after base64, want %d", id, len(raw), keySize)
		}
		block, err := aes.NewCipher(raw)
		if err != nil {
			return nil, fmt.Errorf("key %q: %v", id, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("key %q: %v", id, err)
		}
		kr.keys = append(kr.keys, key{id: id, aead: aead})
	}
	return kr, nil
}

// NewKey returns a fresh random 32-byte key in the keyring's text form
// "id:base64", for dev mode's key file and for operators' tooling.
func NewKey(id string) (string, error) {
	if !validID(id) {
		return "", fmt.Errorf("secret: key id must be 1 to %d of a-z and 0-9", maxIDLen)
	}
	raw := make([]byte, keySize)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("secret: random key: %w", err)
	}
	return id + ":" + base64.StdEncoding.EncodeToString(raw), nil
}

func validID(id string) bool {
	if id == "" || len(id) > maxIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// IDs lists the key ids, the sealing one first.
func (kr *Keyring) IDs() []string {
	ids := make([]string, len(kr.keys))
	for i, k := range kr.keys {
		ids[i] = k.id
	}
	return ids
}

// String shows the key ids only.
func (kr *Keyring) String() string {
	return "secret.Keyring(" + strings.Join(kr.IDs(), ",") + ")"
}

// GoString keeps %#v from printing the keys.
func (kr *Keyring) GoString() string { return kr.String() }

// Seal encrypts plaintext with the first key, bound to context.
func (kr *Keyring) Seal(plaintext []byte, context string) (string, error) {
	if len(kr.keys) == 0 {
		return "", errNoKeys
	}
	if len(plaintext) > MaxPlaintext {
		return "", ErrTooLarge
	}
	if len(context) == 0 || len(context) > MaxContext {
		return "", ErrContext
	}
	k := kr.keys[0]
	buf := make([]byte, nonceSize, nonceSize+len(plaintext)+tagSize)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("secret: random nonce: %w", err)
	}
	buf = k.aead.Seal(buf, buf[:nonceSize], plaintext, aad(context))
	return version + "." + k.id + "." + base64.RawURLEncoding.EncodeToString(buf), nil
}

// Open decrypts a ciphertext sealed by any key of the ring under the same
// context.
func (kr *Keyring) Open(ciphertext, context string) ([]byte, error) {
	if len(context) == 0 || len(context) > MaxContext {
		return nil, ErrContext
	}
	id, body, err := split(ciphertext)
	if err != nil {
		return nil, err
	}
	k, ok := kr.find(id)
	if !ok {
		return nil, fmt.Errorf("%w (key id %q)", ErrUnknownKey, id)
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(body)
	if err != nil || len(raw) < nonceSize+tagSize {
		return nil, ErrMalformed
	}
	pt, err := k.aead.Open(nil, raw[:nonceSize], raw[nonceSize:], aad(context))
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}

// NeedsRotation says whether a well-formed ciphertext was sealed with a key
// other than the first, i.e. whether a re-encryption job should Rotate it.
// Malformed text says false: there is nothing to rotate.
func (kr *Keyring) NeedsRotation(ciphertext string) bool {
	id, _, err := split(ciphertext)
	return err == nil && len(kr.keys) > 0 && id != kr.keys[0].id
}

// Rotate re-seals a ciphertext with the first key under the same context.
// A ciphertext already under the first key is re-sealed too (fresh nonce);
// callers that want to skip those ask NeedsRotation first.
func (kr *Keyring) Rotate(ciphertext, context string) (string, error) {
	pt, err := kr.Open(ciphertext, context)
	if err != nil {
		return "", err
	}
	defer clear(pt)
	return kr.Seal(pt, context)
}

func (kr *Keyring) find(id string) (key, bool) {
	for _, k := range kr.keys {
		if k.id == id {
			return k, true
		}
	}
	return key{}, false
}

// split checks the envelope "v1.<id>.<body>" and returns id and body.
func split(s string) (id, body string, err error) {
	if len(s) > maxEncoded {
		return "", "", ErrMalformed
	}
	v, rest, ok := strings.Cut(s, ".")
	if !ok || v != version {
		return "", "", ErrMalformed
	}
	id, body, ok = strings.Cut(rest, ".")
	if !ok || !validID(id) || body == "" {
		return "", "", ErrMalformed
	}
	return id, body, nil
}

func aad(context string) []byte { return []byte(aadPrefix + context) }
