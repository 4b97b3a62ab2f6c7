package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"maps"
	"net"
	"strings"
	"sync"
)

// pgCounter is a TCP proxy between `serve` and PostgreSQL that reads the
// frontend half of the wire protocol and counts round trips: each simple
// Query and each Sync is one wait for the server. A round trip is labelled
// with the statement it runs (verb and table), so a request's cost reads as
// "BEGIN, set_config, SELECT perangkat, COMMIT". It is used on its own
// instance of serve, never during the timed attacks (it adds latency).
// TLS is not understood: the connection must use sslmode=disable.
type pgCounter struct {
	ln       net.Listener
	upstream string

	mu    sync.Mutex
	trips map[string]int
}

func startPGCounter(upstream string) (*pgCounter, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	c := &pgCounter{ln: ln, upstream: upstream, trips: map[string]int{}}
	go c.accept()
	return c, nil
}

func (c *pgCounter) addr() string { return c.ln.Addr().String() }

func (c *pgCounter) close() { c.ln.Close() }

// snapshot copies the counts so far.
func (c *pgCounter) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.trips)
}

func (c *pgCounter) count(label string) {
	c.mu.Lock()
	c.trips[label]++
	c.mu.Unlock()
}

func (c *pgCounter) accept() {
	for {
		client, err := c.ln.Accept()
		if err != nil {
			return
		}
		go c.handle(client)
	}
}

func (c *pgCounter) handle(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", c.upstream)
	if err != nil {
		return
	}
	defer server.Close()
	go func() {
		_, _ = io.Copy(client, server)
		client.Close()
	}()
	_ = c.pump(bufio.NewReader(client), server)
}

// Startup-phase request codes (untyped messages).
const (
	sslRequest    = 80877103
	gssEncRequest = 80877104
	cancelRequest = 80877102
)

// pump forwards the client's messages to the server, one whole message at
// a time, and counts what they ask for.
func (c *pgCounter) pump(r *bufio.Reader, w io.Writer) error {
	// Startup: length-prefixed messages without a type byte, possibly an
	// SSL or GSS request first (refused by a server without TLS).
	for {
		msg, err := readMessage(r, false)
		if err != nil {
			return err
		}
		if _, err := w.Write(msg); err != nil {
			return err
		}
		code := binary.BigEndian.Uint32(msg[4:8])
		if code == cancelRequest {
			return nil
		}
		if code != sslRequest && code != gssEncRequest {
			break
		}
	}
	stmts := map[string]string{} // prepared statement name → SQL
	var batch []string           // SQL run since the last Sync
	var parsed string            // SQL prepared since the last Sync
	for {
		msg, err := readMessage(r, true)
		if err != nil {
			return err
		}
		if _, err := w.Write(msg); err != nil {
			return err
		}
		body := msg[5:]
		switch msg[0] {
		case 'Q':
			c.count(statementLabel(cstring(body)))
		case 'P':
			name := cstring(body)
			stmts[name] = cstring(body[len(name)+1:])
			parsed = stmts[name]
		case 'B':
			portal := cstring(body)
			batch = append(batch, stmts[cstring(body[len(portal)+1:])])
		case 'C':
			if body[0] == 'S' {
				delete(stmts, cstring(body[1:]))
			}
		case 'S':
			switch {
			case len(batch) >= 3 && statementLabel(batch[0]) == "BEGIN" && strings.Contains(batch[1], "set_config("):
				// platform/db: a tenant transaction's opening pipelined
				// with its first query.
				c.count("BEGIN+tenant+" + statementLabel(batch[2]))
			case len(batch) > 0:
				c.count(statementLabel(batch[0]))
			case parsed != "":
				c.count("prepare: " + statementLabel(parsed))
			default:
				c.count("sync only (close statements)")
			}
			batch, parsed = batch[:0], ""
		}
	}
}

// readMessage reads one whole frontend message, with its type byte when
// typed is set.
func readMessage(r *bufio.Reader, typed bool) ([]byte, error) {
	head := 4
	if typed {
		head = 5
	}
	msg := make([]byte, head, 256)
	if _, err := io.ReadFull(r, msg); err != nil {
		return nil, err
	}
	n := int(binary.BigEndian.Uint32(msg[head-4:]))
	if n < 4 || n > 1<<30 {
		return nil, io.ErrUnexpectedEOF
	}
	msg = append(msg, make([]byte, n-4)...)
	if _, err := io.ReadFull(r, msg[head:]); err != nil {
		return nil, err
	}
	if !typed && len(msg) < 8 {
		return nil, io.ErrUnexpectedEOF
	}
	return msg, nil
}

func cstring(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return string(b[:i])
	}
	return string(b)
}

// statementLabel names a statement by verb and first table, without its
// literals: bun inlines arguments, so every request's SQL text differs.
func statementLabel(sql string) string {
	f := strings.Fields(sql)
	if len(f) == 0 {
		return "(empty)"
	}
	verb := strings.ToUpper(f[0])
	// A tenant transaction's opening travels with its first statement
	// (platform/db: "BEGIN; SELECT set_config(…); <statement>").
	if parts := strings.SplitN(sql, "; ", 3); len(parts) == 3 && verb == "BEGIN;" && strings.Contains(parts[1], "set_config(") {
		return "BEGIN+tenant+" + statementLabel(parts[2])
	}
	switch {
	case verb == "BEGIN" || verb == "COMMIT" || verb == "ROLLBACK" || verb == "START":
		return verb
	case strings.Contains(sql, "set_config("):
		return "SELECT set_config (tenant)"
	case verb == "UPDATE" && len(f) > 1:
		return verb + " " + strings.Trim(f[1], `"`)
	}
	for i, w := range f[:len(f)-1] {
		if u := strings.ToUpper(w); u == "FROM" || u == "INTO" {
			return verb + " " + strings.Trim(f[i+1], `"(),`)
		}
	}
	return verb
}
