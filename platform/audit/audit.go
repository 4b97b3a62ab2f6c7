// Package audit keeps the append-only record of who did what: one hash chain
// per desa id, so an edited or removed row shows up when the chain is
// verified.
//
// Each entry belongs to the chain of what it acted on: a desa's id for desa
// actions, a wilayah's own id for wilayah-level actions (kabupaten 51.02 →
// 5102000000, inside its own range, so a kabupaten's view covers it), and 0
// for actions with no wilayah (login, logout). An entry's hash is SHA-256
// over the previous entry's hash and a canonical encoding of its fields.
//
// On PostgreSQL the runtime role may only insert and read audit_log (its
// UPDATE, DELETE and TRUNCATE are revoked) and row-level security limits it
// to the range published in the transaction. Append publishes exactly the
// entry's own id, whatever the request's tenant is; Verify publishes the
// range it checks.
//
// The chain proves that no row inside it was changed or removed; it cannot
// show that the newest rows of a chain were cut off. Exporting chain heads
// elsewhere (a report, an external log) closes that gap.
package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Actors that are not a user id.
const (
	ActorAnon   = "anon"   // a warga without a login
	ActorSystem = "system" // jobs, the scheduler, migrations
)

// Entry is one action to record.
type Entry struct {
	Kode      tenancy.Kode // the desa or wilayah acted on; "" when none (login, logout)
	Actor     string       // user id, ActorAnon or ActorSystem
	Action    string       // operation id, e.g. "surat-create"
	Object    string       // request path, or type/id
	Status    int          // HTTP status of the outcome
	RequestID string
}

// DesaID is the chain an entry for k belongs to: k's own id, or 0 for "".
func DesaID(k tenancy.Kode) int64 {
	if k == "" {
		return 0
	}
	return k.ID()
}

// record is a stored entry.
type record struct {
	bun.BaseModel `bun:"table:audit_log"`

	DesaID    int64     `bun:"desa_id,pk"`
	Seq       int64     `bun:"seq,pk"`
	ID        uuid.UUID `bun:"id"`
	At        time.Time `bun:"at"`
	Actor     string    `bun:"actor"`
	Action    string    `bun:"action"`
	Object    string    `bun:"object"`
	Status    int       `bun:"status"`
	RequestID string    `bun:"request_id"`
	PrevHash  string    `bun:"prev_hash"`
	Hash      string    `bun:"hash"`
}

// hashVersion starts every hashed encoding, so the encoding can change
// later without old chains becoming ambiguous.
const hashVersion = "ngantor-audit-v1"

// sum is the hash the row should carry. Every field is a netstring
// ("len:bytes,"), so no two different rows encode alike.
func (r *record) sum() string {
	h := sha256.New()
	for _, f := range []string{
		hashVersion,
		strconv.FormatInt(r.DesaID, 10),
		strconv.FormatInt(r.Seq, 10),
		r.ID.String(),
		r.At.UTC().Format(time.RFC3339Nano),
		r.Actor,
		r.Action,
		r.Object,
		strconv.Itoa(r.Status),
		r.RequestID,
		r.PrevHash,
	} {
		fmt.Fprintf(h, "%d:%s,", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Log appends to and verifies the audit chains.
type Log struct {
	db *db.DB
}

// New returns a Log on d.
func New(d *db.DB) *Log { return &Log{db: d} }

// lockBase keeps audit's advisory lock keys apart from other users of
// pg_advisory_xact_lock (the migrator uses a small constant).
const lockBase int64 = 0x6175_6469_0000_0000 // "audi"

// maxAppendTries bounds retries on a (desa_id, seq) conflict. With the
// advisory lock a conflict should not happen; the key is the backstop.
const maxAppendTries = 5

// Append records e at the end of its chain in a transaction of its own.
// Use it for actions that change nothing else in the database (a login, a
// download); a change records its entry with AppendTx, or through an
// Intent, in its own transaction.
func (l *Log) Append(ctx context.Context, e Entry) error {
	r, err := newRecord(e)
	if err != nil {
		return err
	}
	for try := 1; ; try++ {
		err := l.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return appendRecord(ctx, l.db.Engine, tx, &r)
		})
		if err == nil {
			return nil
		}
		if !db.IsUniqueViolation(err) || try == maxAppendTries {
			return fmt.Errorf("audit: append %s: %w", e.Action, err)
		}
	}
}

// AppendTx records e inside tx, the transaction of the change it records,
// so both commit or neither does. It publishes the entry's own chain to
// row-level security: run it last in tx, right before the commit.
func (l *Log) AppendTx(ctx context.Context, tx bun.Tx, e Entry) error {
	r, err := newRecord(e)
	if err != nil {
		return err
	}
	if err := appendRecord(ctx, l.db.Engine, tx, &r); err != nil {
		return fmt.Errorf("audit: append %s: %w", e.Action, err)
	}
	return nil
}

func newRecord(e Entry) (record, error) {
	if e.Kode != "" {
		if _, err := tenancy.ParseKode(string(e.Kode)); err != nil {
			return record{}, fmt.Errorf("audit: %w", err)
		}
	}
	if e.Actor == "" || e.Action == "" {
		return record{}, fmt.Errorf("audit: entry needs an actor and an action")
	}
	id, err := uuid.NewV7()
	if err != nil {
		return record{}, err
	}
	return record{
		DesaID: DesaID(e.Kode),
		ID:     id,
		// The database keeps microseconds; hash what will be read back.
		At:        time.Now().UTC().Truncate(time.Microsecond),
		Actor:     e.Actor,
		Action:    e.Action,
		Object:    e.Object,
		Status:    e.Status,
		RequestID: e.RequestID,
	}, nil
}

// appendRecord links r to the head of its chain and inserts it. Two appends
// to one chain must not both read the same head: PostgreSQL serialises them
// on an advisory lock per chain; SQLite write transactions never overlap.
func appendRecord(ctx context.Context, engine db.Engine, tx bun.Tx, r *record) error {
	if engine == db.Postgres {
		// The chain's range and its lock in one statement: every write of a
		// desa queues on this lock until its commit, so each round trip
		// after it is paid by every writer behind.
		id := strconv.FormatInt(r.DesaID, 10)
		if _, err := tx.ExecContext(ctx, "SELECT set_config('app.desa_min', ?, true), set_config('app.desa_max', ?, true), pg_advisory_xact_lock(?)",
			id, id, lockBase+r.DesaID); err != nil {
			return err
		}
	}
	var head record
	err := tx.NewSelect().Model(&head).Column("seq", "hash").
		Where("desa_id = ?", r.DesaID).Order("seq DESC").Limit(1).Scan(ctx)
	switch {
	case db.IsNoRows(err):
		r.Seq, r.PrevHash = 1, ""
	case err != nil:
		return err
	default:
		r.Seq, r.PrevHash = head.Seq+1, head.Hash
	}
	r.Hash = r.sum()
	_, err = tx.NewInsert().Model(r).Exec(ctx)
	return err
}

// Reason says how a chain is broken. The text is shown to administrators.
type Reason string

const (
	Changed Reason = "baris diubah" // the row's fields no longer match its hash
	Missing Reason = "baris hilang" // a sequence number is absent: a row was deleted
	BadLink Reason = "tautan rusak" // prev_hash is not the previous row's hash
)

// Break is one place where a chain does not hold.
type Break struct {
	DesaID int64
	Seq    int64 // the changed row, the first missing number, or the row with the bad link
	Reason Reason
}

// Report is the outcome of Verify.
type Report struct {
	Chains  int // chains read
	Entries int // rows read
	Broken  []Break
}

// OK reports whether every chain held.
func (r Report) OK() bool { return len(r.Broken) == 0 }

// fullLo..fullHi covers every chain: 0 (no wilayah) to the largest desa id.
const fullLo, fullHi int64 = 0, 9_999_999_999

// Verify re-reads the chains inside w (every chain when w is "") and
// reports each break. It reads in one snapshot, so appends running
// meanwhile are either wholly in it or not at all.
func (l *Log) Verify(ctx context.Context, w tenancy.Kode) (Report, error) {
	lo, hi := fullLo, fullHi
	if w != "" {
		if _, err := tenancy.ParseKode(string(w)); err != nil {
			return Report{}, fmt.Errorf("audit: %w", err)
		}
		lo, hi = w.Range()
	}
	var rep Report
	err := l.db.RunInTx(ctx, &sql.TxOptions{ReadOnly: true}, func(ctx context.Context, tx bun.Tx) error {
		rep = Report{}
		if err := db.SetRange(ctx, l.db.Engine, tx, lo, hi); err != nil {
			return err
		}
		rows, err := tx.NewSelect().Model((*record)(nil)).
			Where("desa_id BETWEEN ? AND ?", lo, hi).OrderExpr("desa_id, seq").Rows(ctx)
		if err != nil {
			return err
		}
		defer rows.Close()
		var (
			cur      int64 = -1 // chain being read
			nextSeq  int64
			prevHash string
		)
		for rows.Next() {
			var r record
			if err := l.db.ScanRow(ctx, rows, &r); err != nil {
				return err
			}
			if r.DesaID != cur {
				cur, nextSeq, prevHash = r.DesaID, 1, ""
				rep.Chains++
			}
			rep.Entries++
			switch {
			case r.Seq != nextSeq:
				// The row after a gap links to the deleted row: one break, not two.
				rep.Broken = append(rep.Broken, Break{DesaID: r.DesaID, Seq: nextSeq, Reason: Missing})
			case r.PrevHash != prevHash:
				rep.Broken = append(rep.Broken, Break{DesaID: r.DesaID, Seq: r.Seq, Reason: BadLink})
			}
			if r.sum() != r.Hash {
				rep.Broken = append(rep.Broken, Break{DesaID: r.DesaID, Seq: r.Seq, Reason: Changed})
			}
			nextSeq, prevHash = r.Seq+1, r.Hash
		}
		return rows.Err()
	})
	if err != nil {
		return Report{}, fmt.Errorf("audit: verify: %w", err)
	}
	return rep, nil
}
