package httpserver

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	// idempotencyTTL is how long a key is remembered; a client retrying a
	// create after a dropped connection does so within minutes, not days.
	// The purge job (PurgeIdempotencyKeys) deletes older keys.
	idempotencyTTL = 24 * time.Hour

	// IdempotencyLease is how long a key whose request has not committed
	// its change holds off a retry (409 "masih diproses"). After it, a
	// retry takes the key over and runs the request again: the first one
	// died before committing — had it committed, the key would say so
	// (committed_at is set in the change's own transaction), and the retry
	// would get 409 "sudah diproses" instead of a duplicate. A request
	// still running past the lease and overtaken so loses its claim: its
	// commit fails with 409, so the change is never made twice. 60 s is
	// well past any creating POST's normal run and short enough for a
	// person to retry after a crash.
	IdempotencyLease = 60 * time.Second
)

type idemRow struct {
	bun.BaseModel `bun:"table:idempotency_keys"`

	DesaID      int64      `bun:"desa_id,pk"`
	Scope       string     `bun:"scope,pk"`
	Key         string     `bun:"key,pk"`
	RequestHash string     `bun:"request_hash"`
	Claim       string     `bun:"claim"`
	ClaimedAt   time.Time  `bun:"claimed_at"`
	CommittedAt *time.Time `bun:"committed_at"`
	Status      int        `bun:"status"`
	ContentType string     `bun:"content_type"`
	Body        []byte     `bun:"body"`
	CreatedAt   time.Time  `bun:"created_at"`
}

func (r *idemRow) where(q bun.QueryBuilder) bun.QueryBuilder {
	return q.Where("desa_id = ? AND scope = ? AND key = ?", r.DesaID, r.Scope, r.Key)
}

var (
	errIdemBusy = fault.New(fault.Conflict, "Permintaan dengan Idempotency-Key ini masih diproses. Coba lagi sebentar lagi.")
	errIdemDone = fault.New(fault.Conflict, "Permintaan dengan Idempotency-Key ini sudah diproses, tetapi jawabannya tidak sempat dikirim. "+
		"Periksa datanya sebelum mengirim lagi dengan Idempotency-Key baru.")
	errIdemLost = fault.New(fault.Conflict, "Permintaan dengan Idempotency-Key ini sudah diproses oleh permintaan lain.")
	errIdemBody = fault.Field("header.Idempotency-Key", "Idempotency-Key ini sudah dipakai untuk permintaan dengan isi lain.")
)

// idempotent makes a POST under /api/ with an Idempotency-Key header
// happen once: the same key and body replay the first answer (to a session
// that is still valid), the same key with another body is refused (422),
// and a repeat while the first is still running gets 409.
//
// Keys are scoped to the caller's session, so two users cannot collide or
// read each other's answers, and stored as rows of the path's desa under
// row-level security (every query publishes exactly that desa's id).
// Public operations (login) take no key at all: their answers (a session
// token) are never stored.
func (s *Server) idempotent(next http.Handler) http.Handler {
	ops := s.keyedOperations()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if r.Method != http.MethodPost || key == "" || s.d.DB == nil || !strings.HasPrefix(r.URL.Path, APIPrefix+"/") {
			next.ServeHTTP(w, r)
			return
		}
		tok := requestToken(r, s.d.SessionCookie)
		desaID, ok := idemDesaID(r.URL.Path)
		if _, pattern := ops.Handler(r); pattern == "" || tok == "" || !ok {
			// Public, unknown, anonymous or with a malformed wilayah: the
			// guard or the mux answers, and there is nothing to remember.
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
		scope := sha256.Sum256([]byte(tok))
		now := s.now()
		row := idemRow{
			DesaID: desaID, Scope: "t:" + hex.EncodeToString(scope[:16]), Key: key,
			RequestHash: hex.EncodeToString(sum[:]), Claim: newClaim(), ClaimedAt: now, CreatedAt: now,
		}

		prev, err := s.claimKey(ctx, &row)
		switch {
		case errors.Is(err, errReplay):
			s.replay(w, r, tok, prev)
			return
		case err != nil:
			writeProblem(w, NewProblem(ctx, s.d.Logger, http.StatusInternalServerError, "", err))
			return
		}

		// The key is marked committed in the transaction of the change, so
		// a retry after a crash can tell a change that happened from one
		// that did not.
		mark := db.NewPreCommit(func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, s.d.DB.Engine, tx, row.DesaID, row.DesaID); err != nil {
				return err
			}
			res, err := tx.NewUpdate().Model((*idemRow)(nil)).Set("committed_at = ?", s.now()).
				ApplyQueryBuilder(row.where).Where("claim = ? AND committed_at IS NULL", row.Claim).Exec(ctx)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n != 1 {
				return errors.Join(errIdemLost, err)
			}
			return nil
		})
		rec := &recorder{ResponseWriter: w}
		completed := false
		defer func() {
			bg := context.WithoutCancel(ctx)
			failed := !completed || rec.status >= 500 || rec.status == 0
			var err error
			switch {
			case failed && mark.Committed():
				// The change is in but its answer is lost: the key stays
				// committed, and a retry learns so instead of running twice.
			case failed:
				// Nothing happened: release the key so the client may retry.
				err = s.idemTx(bg, row.DesaID, func(ctx context.Context, tx bun.Tx) error {
					_, err := tx.NewDelete().Model((*idemRow)(nil)).ApplyQueryBuilder(row.where).Where("claim = ?", row.Claim).Exec(ctx)
					return err
				})
			default:
				err = s.idemTx(bg, row.DesaID, func(ctx context.Context, tx bun.Tx) error {
					_, err := tx.NewUpdate().Model((*idemRow)(nil)).
						Set("status = ?", rec.status).Set("content_type = ?", rec.Header().Get("Content-Type")).
						Set("body = ?", rec.body.Bytes()).
						ApplyQueryBuilder(row.where).Where("claim = ?", row.Claim).Exec(ctx)
					return err
				})
			}
			if err != nil {
				s.d.Logger.ErrorContext(ctx, "idempotency: store outcome", "err", err)
			}
		}()
		next.ServeHTTP(rec, r.WithContext(db.WithPreCommit(ctx, mark)))
		completed = true
	})
}

// keyedOperations matches the POST operations that take an Idempotency-Key:
// every one that needs a signed-in user. The standard mux's own patterns
// match them, as in limitBodies.
func (s *Server) keyedOperations() *http.ServeMux {
	mux := http.NewServeMux()
	for path, item := range s.api.OpenAPI().Paths {
		if item.Post == nil {
			continue
		}
		if _, public, ok := authz.Declared(item.Post); !ok || public {
			continue
		}
		mux.Handle(http.MethodPost+" "+path, http.NotFoundHandler())
	}
	return mux
}

// idemDesaID is the desa id a key of path is stored under: the desa or
// wilayah the path names (as audit_log chains do), 0 when it names none.
// ok is false for a malformed code, which the guard answers with 404.
func idemDesaID(path string) (id int64, ok bool) {
	rest := strings.TrimPrefix(path, APIPrefix+"/")
	parts := strings.SplitN(rest, "/", 3)
	if len(parts) < 2 || (parts[0] != "desa" && parts[0] != "wilayah") {
		return 0, true
	}
	k, err := tenancy.ParseKode(parts[1])
	if err != nil {
		return 0, false
	}
	return k.ID(), true
}

// requestToken is the session token of r, as the guard reads it.
func requestToken(r *http.Request, cookie string) string {
	if h, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return strings.TrimSpace(h)
	}
	if c, err := r.Cookie(cookie); err == nil {
		return c.Value
	}
	return ""
}

func newClaim() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (s *Server) now() time.Time { return s.d.Clock().UTC().Truncate(time.Microsecond) }

// idemTx runs fn with exactly desaID published to row-level security.
func (s *Server) idemTx(ctx context.Context, desaID int64, fn func(ctx context.Context, tx bun.Tx) error) error {
	return s.d.DB.RangeTx(ctx, desaID, desaID, fn)
}

// errReplay says the key holds a finished answer to replay.
var errReplay = errors.New("idempotency: replay")

// claimKey takes row's key for this request, or says why not: errReplay
// with the stored row, or a fault for the client (other body, still
// running, processed without answer).
func (s *Server) claimKey(ctx context.Context, row *idemRow) (idemRow, error) {
	var prev idemRow
	for attempt := 0; attempt < 3; attempt++ {
		gone := false
		err := s.idemTx(ctx, row.DesaID, func(ctx context.Context, tx bun.Tx) error {
			// ON CONFLICT rather than catching the unique violation: on
			// PostgreSQL a failed statement would poison the transaction.
			res, err := tx.NewInsert().Model(row).On("CONFLICT DO NOTHING").Exec(ctx)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 1 {
				return err
			}
			prev = idemRow{}
			err = tx.NewSelect().Model(&prev).ApplyQueryBuilder(row.where).Scan(ctx)
			if db.IsNoRows(err) {
				gone = true // released between our insert and select
				return nil
			}
			if err != nil {
				return err
			}
			switch {
			case row.CreatedAt.Sub(prev.CreatedAt) > idempotencyTTL:
				// Expired and not purged yet: a new request.
				if _, err := tx.NewDelete().Model((*idemRow)(nil)).ApplyQueryBuilder(row.where).Exec(ctx); err != nil {
					return err
				}
				_, err := tx.NewInsert().Model(row).Exec(ctx)
				return err
			case prev.RequestHash != row.RequestHash:
				return errIdemBody
			case prev.Status != 0:
				return errReplay
			case prev.CommittedAt != nil:
				return errIdemDone
			case row.ClaimedAt.Sub(prev.ClaimedAt) < IdempotencyLease:
				return errIdemBusy
			}
			// The lease ran out and nothing committed: the first request
			// died. Take the key over, unless another retry just did.
			res, err = tx.NewUpdate().Model((*idemRow)(nil)).
				Set("claim = ?", row.Claim).Set("claimed_at = ?", row.ClaimedAt).
				ApplyQueryBuilder(row.where).Where("claim = ? AND committed_at IS NULL AND status = 0", prev.Claim).Exec(ctx)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n != 1 {
				return errors.Join(errIdemBusy, err)
			}
			return nil
		})
		if !gone {
			return prev, err
		}
	}
	return idemRow{}, errors.New("idempotency: could not claim key")
}

// replay sends the stored answer, after checking that the session that
// asks is still valid: a signed-out token must not read a letter again.
func (s *Server) replay(w http.ResponseWriter, r *http.Request, tok string, prev idemRow) {
	ctx := r.Context()
	if s.d.Auth != nil {
		if _, _, err := s.d.Auth.Authenticate(ctx, tok); err != nil {
			writeProblem(w, NewProblem(ctx, s.d.Logger, http.StatusInternalServerError, "", err))
			return
		}
	}
	if prev.ContentType != "" {
		w.Header().Set("Content-Type", prev.ContentType)
	}
	w.Header().Set("Idempotent-Replayed", "true")
	w.WriteHeader(prev.Status)
	_, _ = w.Write(prev.Body)
}

// PurgeIdempotencyKeys deletes the keys older than their time to live, in
// every desa, and returns how many. The periodic purge task calls it; a
// re-run deletes nothing more.
func (s *Server) PurgeIdempotencyKeys(ctx context.Context) (int64, error) {
	var n int64
	err := s.d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Every desa id is ten digits, and 0 holds keys without a wilayah:
		// the whole range, on purpose.
		if err := db.SetRange(ctx, s.d.DB.Engine, tx, 0, 9_999_999_999); err != nil {
			return err
		}
		res, err := tx.NewDelete().Model((*idemRow)(nil)).Where("created_at < ?", s.now().Add(-idempotencyTTL)).Exec(ctx)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
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
