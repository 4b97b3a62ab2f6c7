package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
)

// FileErrors are the answers of FilePart, each a field error in the
// words of the form that asks for the file.
type FileErrors struct {
	NoFile     error // the form has no chosen file
	TooBig     error // the body is over the request's limit (http.MaxBytesReader)
	Unreadable error // anything else: not multipart, cut off, malformed
}

// FilePart finds the file field name of a multipart form. A form without a
// chosen file is the user's to fix, not a broken request. The caller
// reads and closes the part.
func FilePart(r *http.Request, name string, e FileErrors) (*multipart.Part, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, e.Unreadable
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil, e.NoFile
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return nil, e.TooBig
			}
			return nil, e.Unreadable
		}
		if p.FormName() != name || p.FileName() == "" {
			p.Close()
			continue
		}
		return p, nil
	}
}
