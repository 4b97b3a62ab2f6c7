package web_test

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/web"
)

var errs = web.FileErrors{NoFile: errors.New("no file"), TooBig: errors.New("too big"), Unreadable: errors.New("unreadable")}

// form builds a multipart body of fields (name → content), file fields
// named with a file name when their name starts with "file:".
func form(t *testing.T, fields [][3]string) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range fields {
		var w io.Writer
		var err error
		if f[1] != "" {
			w, err = mw.CreateFormFile(f[0], f[1])
		} else {
			w, err = mw.CreateFormField(f[0])
		}
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(w, f[2])
	}
	_ = mw.Close()
	return &b, mw.FormDataContentType()
}

func TestFilePartFindsTheChosenFileOrSaysWhatIsWrong(t *testing.T) {
	body, ct := form(t, [][3]string{{"catatan", "", "x"}, {"berkas", "", "not a file"}, {"berkas", "laporan.pdf", "%PDF-1.4"}})
	r := httptest.NewRequest(http.MethodPost, "/", body)
	r.Header.Set("Content-Type", ct)
	p, err := web.FilePart(r, "berkas", errs)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(p); p.FileName() != "laporan.pdf" || string(b) != "%PDF-1.4" {
		t.Errorf("part %q: %q", p.FileName(), b)
	}

	body, ct = form(t, [][3]string{{"berkas", "", ""}})
	r = httptest.NewRequest(http.MethodPost, "/", body)
	r.Header.Set("Content-Type", ct)
	if _, err := web.FilePart(r, "berkas", errs); err != errs.NoFile {
		t.Errorf("a form with no chosen file: %v", err)
	}

	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader("a=b"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if _, err := web.FilePart(r, "berkas", errs); err != errs.Unreadable {
		t.Errorf("not multipart: %v", err)
	}

	body, ct = form(t, [][3]string{{"catatan", "", strings.Repeat("x", 4096)}, {"berkas", "a.pdf", "%PDF"}})
	r = httptest.NewRequest(http.MethodPost, "/", body)
	r.Header.Set("Content-Type", ct)
	r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 1024)
	if _, err := web.FilePart(r, "berkas", errs); err != errs.TooBig {
		t.Errorf("a body over the limit: %v", err)
	}
}
