// Package sureltest is a tiny SMTP server on 127.0.0.1 for tests: it
// speaks the few commands net/smtp sends (EHLO, AUTH PLAIN, MAIL, RCPT,
// DATA, QUIT) and keeps what it received. No external service.
package sureltest

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
)

// Message is one mail the server accepted.
type Message struct {
	From, To string
	// Auth is the decoded AUTH PLAIN response ("\x00user\x00pass"), if any.
	Auth string
	// Header and Body are the parsed DATA.
	Header mail.Header
	Body   string
}

// Server is the listening test server.
type Server struct {
	// Addr is host:port to put in an smtp:// URL.
	Addr string
	// Reject, when set, answers RCPT TO for that address with 550.
	Reject string

	ln   net.Listener
	mu   sync.Mutex
	msgs []Message
	wg   sync.WaitGroup
}

// Start listens on 127.0.0.1 until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: ln.Addr().String(), ln: ln}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(func() {
		ln.Close()
		s.wg.Wait()
	})
	return s
}

// URL is the server's smtp:// URL with user:pass and from.
func (s *Server) URL(from string) string {
	return "smtp://kirim:rahasia@" + s.Addr + "?from=" + from
}

// Messages are the mails accepted so far (each connection is finished
// before its Send returns, so this is complete after Send).
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer c.Close()
			s.serve(c)
		}()
	}
}

func (s *Server) serve(c net.Conn) {
	r := bufio.NewReader(c)
	say := func(format string, args ...any) { fmt.Fprintf(c, format+"\r\n", args...) }
	say("220 sureltest ESMTP")
	var m Message
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch verb {
		case "EHLO", "HELO":
			say("250-sureltest")
			say("250 AUTH PLAIN")
		case "AUTH":
			f := strings.Fields(line)
			if len(f) == 3 {
				raw, _ := base64.StdEncoding.DecodeString(f[2])
				m.Auth = string(raw)
			}
			say("235 2.7.0 ok")
		case "MAIL":
			m.From = addr(line)
			say("250 ok")
		case "RCPT":
			m.To = addr(line)
			if s.Reject != "" && m.To == s.Reject {
				say("550 5.1.1 no such user")
				continue
			}
			say("250 ok")
		case "DATA":
			say("354 go ahead")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, "."))
			}
			if msg, err := mail.ReadMessage(strings.NewReader(data.String())); err == nil {
				m.Header = msg.Header
				var b strings.Builder
				buf := make([]byte, 4096)
				for {
					n, err := msg.Body.Read(buf)
					b.Write(buf[:n])
					if err != nil {
						break
					}
				}
				m.Body = b.String()
			}
			s.mu.Lock()
			s.msgs = append(s.msgs, m)
			s.mu.Unlock()
			m = Message{Auth: m.Auth}
			say("250 ok queued")
		case "RSET", "NOOP":
			say("250 ok")
		case "QUIT":
			say("221 bye")
			return
		default:
			say("502 not implemented")
		}
	}
}

// addr reads the address of "MAIL FROM:<a>" or "RCPT TO:<a>".
func addr(line string) string {
	i, j := strings.Index(line, "<"), strings.Index(line, ">")
	if i < 0 || j < i {
		return ""
	}
	return line[i+1 : j]
}
