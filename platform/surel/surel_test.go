package surel_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/surel"
	"github.com/ngantor/ngantor/platform/surel/sureltest"
)

// A message reaches the SMTP server with the sender of the URL, its
// credentials, a UTF-8 subject and body intact.
func TestSendDeliversToTheServer(t *testing.T) {
	srv := sureltest.Start(t)
	m, err := surel.Parse(srv.URL("noreply@ngantor.example"))
	if err != nil {
		t.Fatal(err)
	}
	subject := "Audiensi baru: Ni Luh Putu — jalan rusak"
	body := "Permohonan audiensi masuk.\nBuka ngantor untuk menjawab: ≤ 3 hari kerja."
	if err := m.Send(context.Background(), "perbekel@desa.example", subject, body); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	got := msgs[0]
	if got.From != "noreply@ngantor.example" || got.To != "perbekel@desa.example" || got.Auth != "\x00kirim\x00rahasia" {
		t.Errorf("envelope %q → %q, auth %q", got.From, got.To, got.Auth)
	}
	dec, err := new(mime.WordDecoder).DecodeHeader(got.Header.Get("Subject"))
	if err != nil || dec != subject {
		t.Errorf("subject %q (%v), want %q", dec, err, subject)
	}
	plain, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(got.Body)))
	if err != nil || strings.TrimSuffix(strings.ReplaceAll(string(plain), "\r\n", "\n"), "\n") != body {
		t.Errorf("body %q (%v), want %q", plain, err, body)
	}
}

// A refused recipient is an error for the caller to log.
func TestSendReportsARefusedRecipient(t *testing.T) {
	srv := sureltest.Start(t)
	srv.Reject = "hilang@desa.example"
	m, err := surel.Parse(srv.URL("noreply@ngantor.example"))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), "hilang@desa.example", "x", "y"); err == nil || !strings.Contains(err.Error(), "RCPT") {
		t.Errorf("got %v, want a RCPT error", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages delivered", n)
	}
}

// A line break in the address or subject would forge headers: refused
// before anything is sent.
func TestSendRefusesHeaderInjection(t *testing.T) {
	srv := sureltest.Start(t)
	m, _ := surel.Parse(srv.URL("noreply@ngantor.example"))
	for _, c := range [][2]string{
		{"a@desa.example\r\nBcc: semua@desa.example", "x"},
		{"a@desa.example", "x\r\nBcc: semua@desa.example"},
		{"bukan alamat", "x"},
	} {
		if err := m.Send(context.Background(), c[0], c[1], "y"); err == nil {
			t.Errorf("%q / %q sent", c[0], c[1])
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages delivered", n)
	}
}

func TestParse(t *testing.T) {
	for raw, want := range map[string]string{
		"smtp://u:p@mail.example:2525?from=noreply@x.example": "smtp u@mail.example:2525 from noreply@x.example",
		"smtp://mail.example?from=noreply@x.example":          "smtp @mail.example:587 from noreply@x.example",
		"smtps://u:p@mail.example?from=noreply@x.example":     "smtp u@mail.example:465 from noreply@x.example",
		"http://mail.example?from=noreply@x.example":          "error",
		"smtp://mail.example":                                 "error",
		"smtp://mail.example?from=bukan":                      "error",
		"smtp://?from=noreply@x.example":                      "error",
	} {
		m, err := surel.Parse(raw)
		got := "error"
		if err == nil {
			got = m.String()
			if strings.Contains(got, ":p@") {
				t.Errorf("%s: String shows the password", raw)
			}
		}
		if got != want {
			t.Errorf("%s: %q (%v), want %q", raw, got, err, want)
		}
	}
}
