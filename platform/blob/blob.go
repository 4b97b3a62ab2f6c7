// Package blob stores files by key — generated reports, uploaded
// attachments — in a local folder or an S3-compatible bucket, chosen by
// NGANTOR_BLOB_URL:
//
//	file://data/blobs                 a folder, created if missing (dev, single node, or a PVC)
//	s3://bucket?region=ap-southeast-3 AWS S3
//	s3://bucket?endpoint=https://minio.example:9000&region=us-east-1&use_path_style=true
//	                                  any S3-compatible store (MinIO, Ceph, a cloud's object storage)
//
// S3 credentials come from the standard AWS sources (AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY from a Secret, or a workload identity); the s3:// query
// options are those of gocloud.dev/blob/s3blob.
//
// Keys are the same on both backends: slash-separated segments of letters,
// digits, '.', '_' and '-', none empty, none starting with '.', e.g.
// "laporan/51.02.06.2001/2026/0190f3c2.pdf". A key that could climb out of
// the folder ("../x", "/etc/passwd", "a//b") is rejected with ErrInvalidKey,
// never rewritten into another key.
package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// Store keeps blobs by key. Put replaces an existing blob whole; Delete of a
// missing key succeeds, so an idempotent job may repeat it.
type Store interface {
	Put(ctx context.Context, key string, r io.Reader, contentType string) error
	// Get returns the blob's content; the caller closes it. On S3 the
	// reader is bound to ctx: read it before ctx ends.
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
}

var (
	// ErrNotFound is returned by Get for a key that holds no blob.
	ErrNotFound = errors.New("blob: not found")
	// ErrInvalidKey is returned for a key outside the rules in the package
	// comment.
	ErrInvalidKey = errors.New("blob: invalid key")
)

// maxKeyLen stays well under S3's 1,024-byte key limit and common file name
// limits once the folder path is added.
const maxKeyLen = 512

// Open returns the store rawURL names (file:// or s3://). It does not touch
// the network: a wrong bucket or credential shows on first use.
func Open(ctx context.Context, rawURL string) (Store, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("blob: parse url: %w", err)
	}
	switch u.Scheme {
	case "file":
		return openFile(u)
	case "s3":
		return openS3(ctx, u)
	default:
		return nil, fmt.Errorf("blob: scheme %q is not file:// or s3://", u.Scheme)
	}
}

// CheckKey reports whether key follows the key rules (nil) or not
// (ErrInvalidKey, wrapped with the reason).
func CheckKey(key string) error {
	if key == "" {
		return fmt.Errorf("%w: empty", ErrInvalidKey)
	}
	if len(key) > maxKeyLen {
		return fmt.Errorf("%w: longer than %d bytes", ErrInvalidKey, maxKeyLen)
	}
	for seg := range strings.SplitSeq(key, "/") {
		if seg == "" {
			return fmt.Errorf("%w: %q has an empty segment", ErrInvalidKey, key)
		}
		// A leading dot rules out "." and ".." and keeps keys clear of the
		// file store's temporary names.
		if seg[0] == '.' {
			return fmt.Errorf("%w: %q has a segment starting with '.'", ErrInvalidKey, key)
		}
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
			if !ok {
				return fmt.Errorf("%w: %q has character %q", ErrInvalidKey, key, c)
			}
		}
	}
	return nil
}

// ctxReader stops a copy when ctx ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
