package httpserver

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
)

// idempotencyTTL is how long a key is remembered; a client retrying a
// create after a dropped connection does so within minutes, not days.
const idempotencyTTL = 24 * time.Hour

type idemRow struct {
	bun.BaseModel `bun:"table:idempotency_keys"`

	Scope       string    `bun:"scope"`
	Key         string    `bun:"key"`
	RequestHash string    `bun:"request_hash"`
	Status      int       `bun:"status"`
	ContentType string    `bun:"content_type"`
	Body        []byte    `bun:"body"`
	CreatedAt   time.Time `bun:"created_at"`
}

// idempotent makes a POST under /api/ with an Idempotency-Key header
// happen once: the same key and body replay the first answer, the same key
// with another body is refused (422), and a repeat while the first is still
// running gets 409. Keys are scoped to the caller's session (or IP when
// anonymous), so two users cannot collide or read each other's answers.
func (s *Server) idempotent(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if r.Method != http.MethodPost || key == "" || s.d.DB == nil || !strings.HasPrefix(r.URL.Path, APIPrefix+"/") {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		if len(key) > 255 || strings.ContainsFunc(key, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
			writeProblem(w, NewProblem(ctx, s.d.Logger, 0, "", fault.Field("header.Idempotency-Key", "Idempotency-Key harus 1–255 karakter ASCII tanpa spasi.")))
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			var mbe *http.MaxBytesError
			status := http.StatusBadRequest
			if errors.As(err, &mbe) {
				status = http.StatusRequestEntityTooLarge
			}
			writeProblem(w, NewProblem(ctx, s.d.Logger, status, ""))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		sum := sha256.Sum256([]byte(r.Method + " " + r.URL.RequestURI() + "\n" + string(body)))
		row := idemRow{Scope: s.idemScope(r), Key: key, RequestHash: hex.EncodeToString(sum[:]), CreatedAt: s.d.Clock().UTC()}

		claimed, prev, err := s.claimKey(ctx, &row)
		if err != nil {
			writeProblem(w, NewProblem(ctx, s.d.Logger, http.StatusInternalServerError, "", err))
			return
		}
		if !claimed {
			switch {
			case prev.RequestHash != row.RequestHash:
				writeProblem(w, NewProblem(ctx, s.d.Logger, 0, "", fault.Field("header.Idempotency-Key",
					"Idempotency-Key ini sudah dipakai untuk permintaan dengan isi lain.")))
			case prev.Status == 0:
				writeProblem(w, NewProblem(ctx, s.d.Logger, 0, "", fault.New(fault.Conflict,
					"Permintaan dengan Idempotency-Key ini masih diproses.")))
			default:
				if prev.ContentType != "" {
					w.Header().Set("Content-Type", prev.ContentType)
				}
				w.Header().Set("Idempotent-Replayed", "true")
				w.WriteHeader(prev.Status)
				_, _ = w.Write(prev.Body)
			}
			return
		}

		rec := &recorder{ResponseWriter: w}
		completed := false
		defer func() {
			// A panic or a server error releases the key so the client may retry.
			bg := context.WithoutCancel(ctx)
			if !completed || rec.status >= 500 || rec.status == 0 {
				_, _ = s.d.DB.NewDelete().Model((*idemRow)(nil)).
					Where("scope = ? AND key = ?", row.Scope, row.Key).Exec(bg)
				return
			}
			_, err := s.d.DB.NewUpdate().Model((*idemRow)(nil)).
				Set("status = ?", rec.status).Set("content_type = ?", rec.Header().Get("Content-Type")).
				Set("body = ?", rec.body.Bytes()).
				Where("scope = ? AND key = ?", row.Scope, row.Key).Exec(bg)
			if err != nil {
				s.d.Logger.ErrorContext(ctx, "idempotency: store response", "err", err)
			}
		}()
		next.ServeHTTP(rec, r)
		completed = true
	})
}

func (s *Server) idemScope(r *http.Request) string {
	tok := ""
	if h, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		tok = strings.TrimSpace(h)
	} else if c, err := r.Cookie(s.d.SessionCookie); err == nil {
		tok = c.Value
	}
	if tok != "" {
		sum := sha256.Sum256([]byte(tok))
		return "t:" + hex.EncodeToString(sum[:16])
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "ip:" + host
}

// claimKey inserts the running marker; when the key exists it returns the
// stored row instead (an expired one is replaced).
func (s *Server) claimKey(ctx context.Context, row *idemRow) (bool, idemRow, error) {
	for attempt := 0; attempt < 3; attempt++ {
		_, err := s.d.DB.NewInsert().Model(row).Exec(ctx)
		if err == nil {
			return true, idemRow{}, nil
		}
		if !db.IsUniqueViolation(err) {
			return false, idemRow{}, err
		}
		var prev idemRow
		err = s.d.DB.NewSelect().Model(&prev).
			Where("scope = ? AND key = ?", row.Scope, row.Key).Scan(ctx)
		if db.IsNoRows(err) {
			continue // released between our insert and select
		}
		if err != nil {
			return false, idemRow{}, err
		}
		if row.CreatedAt.Sub(prev.CreatedAt) > idempotencyTTL {
			_, _ = s.d.DB.NewDelete().Model((*idemRow)(nil)).
				Where("scope = ? AND key = ? AND created_at = ?", row.Scope, row.Key, prev.CreatedAt).Exec(ctx)
			continue
		}
		return false, prev, nil
	}
	return false, idemRow{}, errors.New("idempotency: could not claim key")
}

type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// writeProblem writes a problem outside huma (plain net/http middleware).
func writeProblem(w http.ResponseWriter, p *Problem) {
	for k, v := range p.GetHeaders() {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}
