package httpserver

import (
	"bytes"
	"net/http"
	"strconv"
	"sync"
)

// Without a Content-Length, net/http sends a body larger than its 2 KiB
// buffer in chunked encoding, flushing as its 4 KiB connection buffer
// fills: a list of 20 perangkat (≈ 8 KiB of JSON) left in three writes to
// the socket, each a system call that on loopback also delivers the bytes,
// and the client paid for the chunk framing. bufferBodies holds a body in a
// pooled buffer until the handler returns and sends it with its
// Content-Length: one call to the connection's writer, two system calls
// at most for such a list, one for anything under 4 KiB. A body that grows
// past bufferMax, or a handler that flushes, streams as before. A handler
// that panics has sent nothing: the recoverer's 500 is the whole response.

// bufferMax bounds the body held back per request; downloads (XLSX, PDF)
// larger than this stream.
const bufferMax = 64 << 10

var bodyPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func bufferBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			next.ServeHTTP(w, r) // no body to measure
			return
		}
		bw := &bufferedWriter{w: w}
		next.ServeHTTP(bw, r)
		bw.finish()
	})
}

// bufferedWriter holds the status and the body until finish, or until it
// turns into a pass-through (a large body, a Flush).
type bufferedWriter struct {
	w       http.ResponseWriter
	buf     *bytes.Buffer
	status  int  // 0 until WriteHeader or the first Write
	through bool // streaming: everything goes straight to w
}

func (b *bufferedWriter) Header() http.Header { return b.w.Header() }

func (b *bufferedWriter) WriteHeader(code int) {
	switch {
	case b.through:
		b.w.WriteHeader(code)
	case code >= 100 && code < 200 && code != http.StatusSwitchingProtocols:
		b.w.WriteHeader(code) // informational: sent at once, as net/http does
	case b.status == 0:
		b.status = code
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.through {
		return b.w.Write(p)
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	if b.buf == nil {
		b.buf = bodyPool.Get().(*bytes.Buffer)
	}
	if b.buf.Len()+len(p) > bufferMax {
		if err := b.stream(); err != nil {
			return 0, err
		}
		return b.w.Write(p)
	}
	return b.buf.Write(p)
}

// stream sends what is held and passes everything after it through.
func (b *bufferedWriter) stream() error {
	b.through = true
	if b.status != 0 {
		b.w.WriteHeader(b.status)
	}
	if b.buf == nil {
		return nil
	}
	defer b.release()
	if b.buf.Len() == 0 {
		return nil
	}
	_, err := b.w.Write(b.buf.Bytes())
	return err
}

func (b *bufferedWriter) release() {
	if b.buf.Cap() <= bufferMax*2 {
		b.buf.Reset()
		bodyPool.Put(b.buf)
	}
	b.buf = nil
}

// Flush sends what is held and flushes: a flushing handler streams.
func (b *bufferedWriter) Flush() {
	if err := b.stream(); err != nil {
		return
	}
	_ = http.NewResponseController(b.w).Flush()
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (b *bufferedWriter) Unwrap() http.ResponseWriter { return b.w }

// finish sends the held response with its length.
func (b *bufferedWriter) finish() {
	if b.through || b.status == 0 {
		return // streamed, or nothing written: net/http answers 200 itself
	}
	h := b.w.Header()
	n := 0
	if b.buf != nil {
		n = b.buf.Len()
	}
	if h.Get("Content-Length") == "" && h.Get("Transfer-Encoding") == "" && bodyAllowed(b.status) {
		h.Set("Content-Length", strconv.Itoa(n))
	}
	b.w.WriteHeader(b.status)
	if n > 0 {
		_, _ = b.w.Write(b.buf.Bytes())
	}
	if b.buf != nil {
		b.release()
	}
}

// bodyAllowed reports a status whose response may carry a body (and so a
// Content-Length).
func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}
