// Package notifikasi is ngantor's in-app inbox: a module (audiensi, field
// visits, …) sends a Pesan to some users, each sees it in /notifikasi and
// as a count in the page header, and — when NGANTOR_SMTP_URL is set and
// the user has an e-mail address — also gets it by mail.
//
// Notifications belong to a user, not to a desa: the table has no desa_id
// and no row-level security; every query here names its user_id, and no
// endpoint takes a user id from input (the signed-in user's own inbox
// only).
//
// Sending is idempotent: the sender picks a key (Pesan.Kunci, e.g.
// "audiensi:<id>:masuk"), and a second Kirim with the same key for the
// same user changes nothing and mails nothing — asynq runs a task at least
// once, so a job that runs twice must still notify once.
package notifikasi

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/valid"
)

// Limits of a Pesan (the table's CHECKs say the same).
const (
	MaksKunci  = 200
	MaksJudul  = 200
	MaksIsi    = 2000
	MaksTautan = 500
)

// Pesan is what a sender says: Kunci is its idempotency key (one
// notification per user and key), Judul a one-line title, Isi the text
// (may span lines, may be empty) and Tautan the page it is about, a path
// inside ngantor ("/desa/51.02.06.2001/audiensi/…").
type Pesan struct {
	Kunci, Judul, Isi, Tautan string
}

// Validate checks the lengths, control characters and the link; every
// problem is a field of one fault.Invalid, in Bahasa.
func (p Pesan) Validate() error {
	var pr valid.Problems
	pr.Text("kunci", "Kunci", p.Kunci, 1, MaksKunci)
	pr.Text("judul", "Judul", p.Judul, 1, MaksJudul)
	pr.Paragraph("isi", "Isi", p.Isi, 0, MaksIsi)
	pr.Text("tautan", "Tautan", p.Tautan, 1, MaksTautan)
	if !pr.Has("tautan") && !tautanDalam(p.Tautan) {
		pr.Add("tautan", "Tautan harus alamat halaman di ngantor yang diawali \"/\", misalnya /desa/51.02.06.2001.")
	}
	return pr.Err()
}

// tautanDalam reports whether s is a path on this site: it starts with one
// "/" (not "//host", which a browser reads as another site), carries no
// backslash (some browsers read "/\host" so too) and no scheme or host.
func tautanDalam(s string) bool {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsAny(s, "\\ ") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil
}

// Notifikasi is one notification as its user sees it.
type Notifikasi struct {
	ID        string     `bun:"id,pk" json:"id" format:"uuid"`
	Kunci     string     `bun:"kunci" json:"kunci" doc:"Kunci pengirim (satu notifikasi per pengguna dan kunci)"`
	Judul     string     `bun:"judul" json:"judul"`
	Isi       string     `bun:"isi" json:"isi"`
	Tautan    string     `bun:"tautan" json:"tautan" doc:"Halaman di ngantor yang dimaksud, diawali /"`
	CreatedAt time.Time  `bun:"created_at" json:"created_at"`
	DibacaAt  *time.Time `bun:"dibaca_at" json:"dibaca_at,omitempty" doc:"Kosong bila belum dibaca"`
}

// Dibaca reports whether the user has read it.
func (n Notifikasi) Dibaca() bool { return n.DibacaAt != nil }

// baris is the table row.
type baris struct {
	bun.BaseModel `bun:"table:notifikasi,alias:n"`
	UserID        string `bun:"user_id,pk"`
	Notifikasi
}

// Page is one page of a user's notifications, newest first.
type Page = page.Page[Notifikasi]

// Mailer sends one plain-text e-mail (platform/surel.SMTP).
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// Recipients gives the e-mail addresses of the users among ids that have
// one and may still receive mail (cmd adapts platform/auth's UsersByID:
// disabled accounts are left out).
type Recipients interface {
	Emails(ctx context.Context, ids []string) (map[string]string, error)
}

// Deps are the Store's dependencies; Mailer and Recipients are optional
// (without both, no mail is sent).
type Deps struct {
	DB    *db.DB
	Clock func() time.Time
	// Mailer is nil when NGANTOR_SMTP_URL is not set.
	Mailer     Mailer
	Recipients Recipients
	// BaseURL makes the absolute link in a mail ("https://ngantor.…").
	BaseURL string
	Logger  *slog.Logger
	// Zona is the time zone the page shows times in (default WIB).
	Zona *time.Location
}

// Store keeps the notifications.
type Store struct {
	db      *db.DB
	now     func() time.Time
	mailer  Mailer
	rcpt    Recipients
	baseURL string
	log     *slog.Logger
	zona    *time.Location
}

// New builds the store.
func New(d Deps) *Store {
	s := &Store{db: d.DB, now: d.Clock, mailer: d.Mailer, rcpt: d.Recipients, baseURL: strings.TrimRight(d.BaseURL, "/"), log: d.Logger, zona: d.Zona}
	if s.zona == nil {
		s.zona = time.FixedZone("WIB", 7*3600)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	return s
}

// NewStore is New without e-mail addresses or a logger: with a nil mailer
// (or no Recipients) nothing is mailed.
func NewStore(d *db.DB, clock func() time.Time, mailer Mailer) *Store {
	return New(Deps{DB: d, Clock: clock, Mailer: mailer})
}

func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// kirimBatch bounds the rows of one INSERT: 7 parameters each stays far
// below SQLite's and PostgreSQL's parameter limits.
const kirimBatch = 500

// Kirim notifies each of userIDs (duplicates and empty ids ignored) with
// p, in one transaction, and returns how many notifications are new: a
// user who already has one with p.Kunci keeps it unchanged and is not
// counted. Then, when a Mailer and Recipients are configured, the users
// whose notification is new and who have an address get it by mail; a
// mail that fails is logged and does not fail Kirim (the notification is
// in the inbox either way).
func (s *Store) Kirim(ctx context.Context, userIDs []string, p Pesan) (int, error) {
	p.Kunci, p.Judul, p.Tautan = strings.TrimSpace(p.Kunci), strings.TrimSpace(p.Judul), strings.TrimSpace(p.Tautan)
	p.Isi = strings.TrimSpace(p.Isi)
	if err := p.Validate(); err != nil {
		return 0, err
	}
	ids := make([]string, 0, len(userIDs))
	for _, id := range userIDs {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(ids, id) {
			if _, bad := valid.Control(id, false); bad || len(id) > 64 {
				return 0, fmt.Errorf("notifikasi: user id %q", id)
			}
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return 0, nil
	}
	now := s.clock()
	var baru []string
	err := s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for part := range slices.Chunk(ids, kirimBatch) {
			var q strings.Builder
			q.WriteString("INSERT INTO notifikasi (user_id, id, kunci, judul, isi, tautan, created_at) VALUES ")
			args := make([]any, 0, 7*len(part))
			for i, uid := range part {
				id, err := uuid.NewV7()
				if err != nil {
					return err
				}
				if i > 0 {
					q.WriteString(", ")
				}
				q.WriteString("(?, ?, ?, ?, ?, ?, ?)")
				args = append(args, uid, id.String(), p.Kunci, p.Judul, p.Isi, p.Tautan, now)
			}
			q.WriteString(" ON CONFLICT (user_id, kunci) DO NOTHING RETURNING user_id")
			var got []string
			if err := tx.NewRaw(q.String(), args...).Scan(ctx, &got); err != nil {
				return err
			}
			baru = append(baru, got...)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("notifikasi: kirim: %w", err)
	}
	s.surel(ctx, baru, p)
	return len(baru), nil
}

// surel mails p to those of ids that have an address; failures are logged.
func (s *Store) surel(ctx context.Context, ids []string, p Pesan) {
	if s.mailer == nil || s.rcpt == nil || len(ids) == 0 {
		return
	}
	emails, err := s.rcpt.Emails(ctx, ids)
	if err != nil {
		s.log.ErrorContext(ctx, "notifikasi: e-mail addresses", "err", err, "kunci", p.Kunci)
		return
	}
	body := p.Isi
	if body != "" {
		body += "\n\n"
	}
	body += "Buka di ngantor: " + s.baseURL + p.Tautan + "\n"
	for _, id := range ids {
		to, ok := emails[id]
		if !ok || to == "" {
			continue
		}
		if err := s.mailer.Send(ctx, to, p.Judul, body); err != nil {
			s.log.ErrorContext(ctx, "notifikasi: e-mail not sent", "err", err, "user_id", id, "kunci", p.Kunci)
		}
	}
}

// filter picks the rows of a list.
type filter int

const (
	semua filter = iota
	belum
	sudah
)

// kunciHalaman is a list cursor: the id of the last row sent (UUIDv7,
// time-ordered, so the primary key is the list's order).
type kunciHalaman struct {
	ID string `json:"id"`
}

// Daftar is userID's notifications, newest first, limit per page (1–100,
// default 20), continuing after cursor (Page.NextCursor of the page
// before; "" for the first).
func (s *Store) Daftar(ctx context.Context, userID string, limit int, cursor string) (Page, error) {
	return s.daftar(ctx, userID, semua, limit, cursor)
}

// DaftarBelumDibaca is Daftar of the unread ones only.
func (s *Store) DaftarBelumDibaca(ctx context.Context, userID string, limit int, cursor string) (Page, error) {
	return s.daftar(ctx, userID, belum, limit, cursor)
}

func (s *Store) daftar(ctx context.Context, userID string, f filter, limit int, cursor string) (Page, error) {
	if err := perluPengguna(userID); err != nil {
		return Page{}, err
	}
	limit = page.Params{Limit: limit}.Size()
	var after kunciHalaman
	lanjut, err := page.Decode(cursor, &after)
	if err != nil {
		return Page{}, err
	}
	rows := []baris{}
	q := s.db.NewSelect().Model(&rows).Where("n.user_id = ?", userID)
	switch f {
	case belum:
		q = q.Where("n.dibaca_at IS NULL")
	case sudah:
		q = q.Where("n.dibaca_at IS NOT NULL")
	}
	if lanjut {
		q = q.Where("n.id < ?", after.ID)
	}
	if err := q.OrderExpr("n.id DESC").Limit(int64(limit + 1)).Scan(ctx); err != nil {
		return Page{}, fmt.Errorf("notifikasi: daftar: %w", err)
	}
	items := make([]Notifikasi, len(rows))
	for i, r := range rows {
		items[i] = r.Notifikasi
	}
	return page.Of(items, limit, func(n Notifikasi) kunciHalaman { return kunciHalaman{ID: n.ID} }), nil
}

// BelumDibaca counts userID's unread notifications (one indexed COUNT:
// the page header asks on every page).
func (s *Store) BelumDibaca(ctx context.Context, userID string) (int, error) {
	if err := perluPengguna(userID); err != nil {
		return 0, err
	}
	n, err := s.db.NewSelect().Model((*baris)(nil)).Where("n.user_id = ?", userID).Where("n.dibaca_at IS NULL").Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("notifikasi: belum dibaca: %w", err)
	}
	return int(n), nil
}

// Tandai marks notification id of userID read (again: no change). Another
// user's id, or one that does not exist, is fault.NotFound alike.
func (s *Store) Tandai(ctx context.Context, userID, id string) error {
	_, err := s.tandai(ctx, userID, id)
	return err
}

// tandai is Tandai returning the notification, for the page that opens its
// link.
func (s *Store) tandai(ctx context.Context, userID, id string) (Notifikasi, error) {
	if err := perluPengguna(userID); err != nil {
		return Notifikasi{}, err
	}
	if u, err := uuid.Parse(id); err != nil || u.String() != id {
		return Notifikasi{}, errTidakAda()
	}
	var n baris
	err := s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := tx.NewSelect().Model(&n).Where("n.user_id = ?", userID).Where("n.id = ?", id).Scan(ctx); err != nil {
			if db.IsNoRows(err) {
				return errTidakAda()
			}
			return err
		}
		if n.DibacaAt != nil {
			return nil
		}
		now := s.clock()
		n.DibacaAt = &now
		_, err := tx.NewUpdate().Model((*baris)(nil)).Set("dibaca_at = ?", now).
			Where("user_id = ?", userID).Where("id = ?", id).Where("dibaca_at IS NULL").Exec(ctx)
		return err
	})
	if err != nil {
		if fault.Is(err, fault.NotFound) {
			return Notifikasi{}, err
		}
		return Notifikasi{}, fmt.Errorf("notifikasi: tandai: %w", err)
	}
	return n.Notifikasi, nil
}

// TandaiSemua marks every unread notification of userID read.
func (s *Store) TandaiSemua(ctx context.Context, userID string) error {
	if err := perluPengguna(userID); err != nil {
		return err
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewUpdate().Model((*baris)(nil)).Set("dibaca_at = ?", s.clock()).
			Where("user_id = ?", userID).Where("dibaca_at IS NULL").Exec(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("notifikasi: tandai semua: %w", err)
	}
	return nil
}

func errTidakAda() error { return fault.New(fault.NotFound, "Notifikasi tidak ditemukan.") }

func perluPengguna(userID string) error {
	if userID == "" {
		return fault.New(fault.Unauthorized, "Silakan masuk terlebih dahulu.")
	}
	return nil
}
