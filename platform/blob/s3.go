package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"

	gcblob "gocloud.dev/blob"
	"gocloud.dev/blob/s3blob"
	"gocloud.dev/gcerrors"
)

// bucketStore keeps blobs in an S3-compatible bucket through gocloud.dev,
// which speaks the AWS SDK v2 and reads the s3:// query options.
type bucketStore struct {
	b *gcblob.Bucket
}

func openS3(ctx context.Context, u *url.URL) (*bucketStore, error) {
	if u.Host == "" {
		return nil, errors.New("blob: s3:// needs a bucket, e.g. s3://ngantor-laporan?region=ap-southeast-3")
	}
	// The URLOpener builds the AWS config from the query and the
	// environment (credentials, region); it opens no connection.
	b, err := new(s3blob.URLOpener).OpenBucketURL(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", u.Redacted(), err)
	}
	return &bucketStore{b: b}, nil
}

func (s *bucketStore) Put(ctx context.Context, key string, r io.Reader, contentType string) error {
	if err := CheckKey(key); err != nil {
		return err
	}
	// gocloud aborts a write whose context is cancelled before Close, so
	// a failed copy cancels rather than committing a partial object.
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := s.b.NewWriter(wctx, key, &gcblob.WriterOptions{ContentType: contentType})
	if err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	if _, err := io.Copy(w, r); err != nil {
		cancel()
		_ = w.Close()
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	return nil
}

func (s *bucketStore) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := CheckKey(key); err != nil {
		return nil, err
	}
	rd, err := s.b.NewReader(ctx, key, nil)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return nil, fmt.Errorf("blob: get %s: %w", key, err)
	}
	return rd, nil
}

func (s *bucketStore) Delete(ctx context.Context, key string) error {
	if err := CheckKey(key); err != nil {
		return err
	}
	err := s.b.Delete(ctx, key)
	if err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return fmt.Errorf("blob: delete %s: %w", key, err)
	}
	return nil
}
