// Package surel sends e-mail over SMTP (net/smtp): the transport behind
// ngantor's optional mail, configured by one URL, NGANTOR_SMTP_URL:
//
//	smtp://user:pass@host:587?from=noreply@example.go.id   (STARTTLS when offered)
//	smtps://user:pass@host:465?from=noreply@example.go.id  (TLS from the start)
//
// Without the variable no mail is sent at all; nothing else needs mail to
// work (notifications stay in the inbox).
package surel

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"strings"
	"time"
)

// SMTP sends each message over a fresh connection: notifications are few
// and bursty, and a kept connection would only time out between them.
type SMTP struct {
	host     string // host:port
	implicit bool   // smtps://: TLS before the greeting
	user     string
	pass     string
	from     string
	now      func() time.Time
}

// timeout bounds one message (dial to QUIT) when ctx has no earlier deadline.
const timeout = 30 * time.Second

// Parse reads an smtp:// or smtps:// URL. The port defaults to 587
// (smtp) or 465 (smtps); from (the sender address) is required.
func Parse(raw string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("is not a URL (smtp://user:pass@host:587?from=noreply@…)")
	}
	m := &SMTP{now: time.Now}
	port := ""
	switch u.Scheme {
	case "smtp":
		port = "587"
	case "smtps":
		port, m.implicit = "465", true
	default:
		return nil, fmt.Errorf("scheme %q is not smtp:// or smtps://", u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, errors.New("names no host (smtp://user:pass@host:587?from=noreply@…)")
	}
	if p := u.Port(); p != "" {
		port = p
	}
	m.host = net.JoinHostPort(u.Hostname(), port)
	if u.User != nil {
		m.user = u.User.Username()
		m.pass, _ = u.User.Password()
	}
	from, err := mail.ParseAddress(u.Query().Get("from"))
	if err != nil || from.Name != "" {
		return nil, errors.New("needs ?from=<sender address>, e.g. ?from=noreply@example.go.id")
	}
	m.from = from.Address
	return m, nil
}

// String names the server and sender, never the password.
func (m *SMTP) String() string { return "smtp " + m.user + "@" + m.host + " from " + m.from }

// From is the sender address.
func (m *SMTP) From() string { return m.from }

// Send delivers one plain-text message (UTF-8, quoted-printable) to to.
// The subject is RFC 2047 encoded; a CR or LF in it or in the address is
// refused, never written into a header.
func (m *SMTP) Send(ctx context.Context, to, subject, body string) error {
	rcpt, err := mail.ParseAddress(to)
	if err != nil || strings.ContainsAny(to+subject, "\r\n") {
		return fmt.Errorf("surel: refusing recipient %q or subject with a line break", to)
	}
	msg, err := m.message(rcpt.Address, subject, body)
	if err != nil {
		return err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", m.host)
	if err != nil {
		return fmt.Errorf("surel: dial %s: %w", m.host, err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	host, _, _ := net.SplitHostPort(m.host)
	if m.implicit {
		conn = tls.Client(conn, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12})
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return fmt.Errorf("surel: greeting: %w", err)
	}
	defer c.Close()
	if !m.implicit {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}); err != nil {
				return fmt.Errorf("surel: starttls: %w", err)
			}
		}
	}
	if m.user != "" {
		// PlainAuth refuses to send the password unencrypted except to
		// localhost.
		if err := c.Auth(smtp.PlainAuth("", m.user, m.pass, host)); err != nil {
			return fmt.Errorf("surel: auth: %w", err)
		}
	}
	if err := c.Mail(m.from); err != nil {
		return fmt.Errorf("surel: MAIL FROM: %w", err)
	}
	if err := c.Rcpt(rcpt.Address); err != nil {
		return fmt.Errorf("surel: RCPT TO: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("surel: DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("surel: write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("surel: end of data: %w", err)
	}
	return c.Quit()
}

func (m *SMTP) message(to, subject, body string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\n", m.from)
	fmt.Fprintf(&b, "To: %s\r\n", to)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", subject))
	fmt.Fprintf(&b, "Date: %s\r\n", m.now().Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\n")
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\n")
	b.WriteString("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
