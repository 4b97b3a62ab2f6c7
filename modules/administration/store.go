package administration

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// This file holds the queries. Exported Module methods open the transaction
// (db.Tx publishes the tenant to row-level security) and call the small
// unexported functions here, which take it. Every query is scoped
// explicitly with tenancy.Scope: on SQLite that is the only wall.

func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

// ParseID reads an id from a path; anything that is not a UUID cannot name
// a row, so it is fault.NotFound, like an id of another desa.
func ParseID(s, what string) (uuid.UUID, error) {
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil, notFound(what)
	}
	return id, nil
}

func notFound(what string) error { return fault.New(fault.NotFound, "%s tidak ditemukan.", what) }

// desaID is the tenant's desa id; a wider tenant here is a bug in the
// caller (the guard sends only desa codes to /desa/{kode}).
func desaID(ctx context.Context) (int64, error) {
	id, err := tenancy.DesaID(ctx)
	if err != nil {
		return 0, fmt.Errorf("administration: %w", err)
	}
	return id, nil
}

func tenantKode(ctx context.Context) tenancy.Kode {
	t, _ := tenancy.From(ctx)
	return t.Kode
}

// lockDesa serialises writers of one kind at one desa for the rest of tx,
// so two perbekel appointing a fourth kaur at the same moment cannot both
// pass the count. SQLite needs none: its write transactions never overlap.
func (m *Module) lockDesa(ctx context.Context, tx bun.Tx, what string, desa int64) error {
	if m.db.Engine != db.Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
		"administration."+what+":"+strconv.FormatInt(desa, 10))
	return err
}

// uniqueConflict turns a unique-index failure into the user's message.
func uniqueConflict(err error, msg string) error {
	if db.IsUniqueViolation(err) {
		return &fault.Error{Code: fault.Conflict, Message: msg, Err: err}
	}
	return err
}

// afterID continues an id-ordered list; ids are UUIDv7, so this is creation
// order on both engines (PostgreSQL uuid order, SQLite text order agree).
func afterID(q *bun.SelectQuery, p page.Params, column string) (*bun.SelectQuery, error) {
	id, ok, err := cursorID(p)
	if err != nil {
		return q, err
	}
	if ok {
		q = q.Where(column+" > ?", id)
	}
	return q.Order(column).Limit(int64(p.Size()) + 1), nil
}

// cursorID is the id a page's cursor continues after, if it has one.
func cursorID(p page.Params) (uuid.UUID, bool, error) {
	var after string
	ok, err := page.Decode(p.Cursor, &after)
	if err != nil || !ok {
		return uuid.UUID{}, false, err
	}
	id, err := uuid.Parse(after)
	if err != nil {
		return uuid.UUID{}, false, fault.Field("query.cursor", "Cursor tidak sah.")
	}
	return id, true, nil
}

// ---- dusun -----------------------------------------------------------------

// allDusun lists the desa's dusun/banjar, without the columns in exclude.
func allDusun(ctx context.Context, tx bun.IDB, exclude ...string) ([]Dusun, error) {
	rows := []Dusun{}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows))
	if err != nil {
		return nil, err
	}
	if len(exclude) > 0 {
		q = q.ExcludeColumn(exclude...)
	}
	return rows, q.OrderExpr("lower(d.nama), d.id").Scan(ctx)
}

func findDusun(ctx context.Context, tx bun.IDB, id uuid.UUID) (Dusun, error) {
	var d Dusun
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&d).Where("d.id = ?", id))
	if err != nil {
		return d, err
	}
	if err := q.Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return d, notFound("Dusun/banjar")
		}
		return d, err
	}
	return d, nil
}

// ListDusun pages through the desa's dusun/banjar in the order they were
// added.
func (m *Module) ListDusun(ctx context.Context, p page.Params) (page.Page[Dusun], error) {
	var out page.Page[Dusun]
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		rows := []Dusun{}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows))
		if err != nil {
			return err
		}
		if q, err = afterID(q, p, "d.id"); err != nil {
			return err
		}
		if err := q.Scan(ctx); err != nil {
			return err
		}
		out = page.Of(rows, p.Size(), func(d Dusun) string { return d.ID.String() })
		return nil
	})
	return out, err
}

// DusunInput is what a user sets on a dusun/banjar.
type DusunInput struct {
	Nama    string `json:"nama" doc:"1–100 karakter" example:"Bengkel Kangin"`
	Sebutan string `json:"sebutan" enum:"dusun,banjar" doc:"banjar untuk banjar dinas di Bali"`
}

// CreateDusun adds a dusun/banjar; names are unique in a desa.
func (m *Module) CreateDusun(ctx context.Context, in DusunInput) (Dusun, error) {
	desa, err := desaID(ctx)
	if err != nil {
		return Dusun{}, err
	}
	if err := in.Validate(); err != nil {
		return Dusun{}, err
	}
	now := m.now()
	d := Dusun{DesaID: desa, ID: newID(), Nama: NamaDusun(in.Nama, in.Sebutan), Sebutan: in.Sebutan, CreatedAt: now, UpdatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&d).Exec(ctx)
		return uniqueConflict(err, fmt.Sprintf("%s sudah ada di desa ini.", d.Judul()))
	})
	return d, err
}

// UpdateDusun renames a dusun/banjar or changes its kind.
func (m *Module) UpdateDusun(ctx context.Context, id uuid.UUID, in DusunInput) (Dusun, error) {
	var d Dusun
	if err := in.Validate(); err != nil {
		return d, err
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if d, err = findDusun(ctx, tx, id); err != nil {
			return err
		}
		d.Nama, d.Sebutan, d.UpdatedAt = NamaDusun(in.Nama, in.Sebutan), in.Sebutan, m.now()
		if err := d.Validate(); err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&d).Column("nama", "sebutan", "updated_at").WherePK())
		if err != nil {
			return err
		}
		_, err = q.Exec(ctx)
		return uniqueConflict(err, fmt.Sprintf("%s sudah ada di desa ini.", d.Judul()))
	})
	return d, err
}

// DeleteDusun removes a dusun/banjar that no appointment, past or present,
// names: the history of who led it must stay readable.
func (m *Module) DeleteDusun(ctx context.Context, id uuid.UUID) error {
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		d, err := findDusun(ctx, tx, id)
		if err != nil {
			return err
		}
		// No letter of persuratan names a dusun (an address is free text
		// there), so the appointments are all that can point to one.
		var holders []Perangkat
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&holders).Column("p.nama", "p.tanggal_berhenti").
			Where("p.dusun_id = ?", id))
		if err != nil {
			return err
		}
		if err := q.Order("p.id").Scan(ctx); err != nil {
			return err
		}
		today := m.today(tenantKode(ctx))
		for _, p := range holders {
			if p.ActiveOn(today) {
				return fault.New(fault.Conflict, "%s tidak dapat dihapus: masih dipimpin %s. Berhentikan dulu kepala kewilayahannya, atau ubah nama dusun/banjar bila hanya namanya yang keliru.", d.Judul(), p.Nama)
			}
		}
		if len(holders) > 0 {
			return fault.New(fault.Conflict, "%s tidak dapat dihapus: tercatat dalam riwayat kepala kewilayahan (%s). Ubah namanya bila perlu.", d.Judul(), holders[len(holders)-1].Nama)
		}
		dq, err := tenancy.Scope(ctx, tx.NewDelete().Model(&d).WherePK())
		if err != nil {
			return err
		}
		_, err = dq.Exec(ctx)
		return err
	})
}

// ---- perangkat -------------------------------------------------------------

// activePerangkat lists the appointments in post on today (ActiveOn),
// without the columns named in exclude (a page that shows no timestamps).
func activePerangkat(ctx context.Context, tx bun.IDB, today Tanggal, exclude ...string) ([]Perangkat, error) {
	rows := []Perangkat{}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows).Where(aktifPada, today))
	if err != nil {
		return nil, err
	}
	if len(exclude) > 0 {
		q = q.ExcludeColumn(exclude...)
	}
	if err := q.Order("p.id").Scan(ctx); err != nil {
		return nil, err
	}
	return rows, nil
}

func findPerangkat(ctx context.Context, tx bun.IDB, id uuid.UUID) (Perangkat, error) {
	var p Perangkat
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&p).Where("p.id = ?", id))
	if err != nil {
		return p, err
	}
	if err := q.Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return p, notFound("Jabatan perangkat")
		}
		return p, err
	}
	return p, nil
}

// scopeParams restricts q to the tenant's range given as the first
// parameters (db.SelectText) and returns them: one desa as desa_id = $1, so
// that PostgreSQL reads its rows in key order from the primary key
// (desa_id, id) — a BETWEEN it cannot know is one desa makes it sort them
// all — and a wider range as BETWEEN $1 AND $2. shape names which, for the
// text's key.
func scopeParams(ctx context.Context) (where func(q *bun.SelectQuery) *bun.SelectQuery, args []any, shape string, err error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return nil, nil, "", tenancy.ErrNoTenant
	}
	lo, hi := t.Kode.Range()
	if lo == hi {
		return func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("p.desa_id = ?", db.Param(1))
		}, []any{lo}, "desa", nil
	}
	return func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("p.desa_id BETWEEN ? AND ?", db.Param(1), db.Param(2))
	}, []any{lo, hi}, "range", nil
}

// findPerangkatWithSebutan is findPerangkat with the sebutan filled, in
// the same query. Its text is built once (db.SelectText): the tenant's
// range and the id are parameters, so every desa shares one statement,
// planned once per connection.
func (m *Module) findPerangkatWithSebutan(ctx context.Context, tx bun.IDB, id uuid.UUID) (Perangkat, error) {
	var p Perangkat
	scope, args, shape, err := scopeParams(ctx)
	if err != nil {
		return p, err
	}
	n := len(args) + 1
	err = m.db.SelectText(ctx, tx, "administration.perangkat.byid:"+shape, &p, func(q *bun.SelectQuery) *bun.SelectQuery {
		return scope(withDusun(q)).Where("p.id = ?", db.Param(n))
	}, append(args, id)...)
	if err != nil {
		if db.IsNoRows(err) {
			return p, notFound("Jabatan perangkat")
		}
		return p, err
	}
	fillSebutan(&p)
	return p, nil
}

// withDusun joins each appointment's dusun/banjar into q (one query, not
// a second read of every dusun for the sebutan); sebutanFromJoin then
// fills the titles. The join is on (desa_id, id), inside the same tenant.
func withDusun(q *bun.SelectQuery) *bun.SelectQuery {
	return q.Relation("Dusun", func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Column("id", "nama", "sebutan")
	})
}

// sebutanFromJoin fills each appointment's local title from the dusun
// withDusun joined.
func sebutanFromJoin(ps []Perangkat) {
	for i := range ps {
		fillSebutan(&ps[i])
	}
}

func fillSebutan(p *Perangkat) {
	d := p.Dusun
	if p.DusunID == nil || d == nil || d.ID != *p.DusunID {
		d = nil
	}
	p.Sebutan = p.Jabatan.Sebutan(tenancy.KodeOfDesaID(p.DesaID), d)
	p.Dusun = nil
}

// withSebutan fills each appointment's local title.
func withSebutan(ctx context.Context, tx bun.IDB, ps []Perangkat) error {
	dusun, err := allDusun(ctx, tx)
	if err != nil {
		return err
	}
	sebutanFromList(ps, dusun)
	return nil
}

// sebutanFromList fills each appointment's local title from the desa's
// dusun, already read.
func sebutanFromList(ps []Perangkat, dusun []Dusun) {
	for i := range ps {
		var d *Dusun
		if ps[i].DusunID != nil {
			for j := range dusun {
				if dusun[j].ID == *ps[i].DusunID {
					d = &dusun[j]
				}
			}
		}
		ps[i].Sebutan = ps[i].Jabatan.Sebutan(tenancy.KodeOfDesaID(ps[i].DesaID), d)
	}
}

// PerangkatQuery selects a page of appointments.
type PerangkatQuery struct {
	page.Params
	// Status: "aktif" (default), "berhenti" (history) or "semua".
	Status string `query:"status" enum:"aktif,berhenti,semua" default:"aktif" doc:"aktif, berhenti (riwayat) atau semua"`
}

// ListPerangkat pages through appointments in the order they were made.
func (m *Module) ListPerangkat(ctx context.Context, in PerangkatQuery) (page.Page[Perangkat], error) {
	var out page.Page[Perangkat]
	// One query: opening, query and COMMIT in one round trip (db.ReadOne).
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var err error
		out, err = m.listPerangkat(ctx, tx, in, m.today(tenantKode(ctx)))
		return err
	})
	return out, err
}

// listPerangkat pages through appointments; "aktif" and "berhenti" are
// read against today (an end recorded ahead keeps the person aktif). Its
// text is built once per shape (db.SelectText): the tenant's range, the
// day and the cursor are parameters; the shape is the status, whether a
// cursor is given, and the page size.
func (m *Module) listPerangkat(ctx context.Context, tx bun.IDB, in PerangkatQuery, today Tanggal) (page.Page[Perangkat], error) {
	scope, args, shape, err := scopeParams(ctx)
	if err != nil {
		return page.Page[Perangkat]{}, err
	}
	nScope := len(args)
	status := in.Status
	switch status {
	case "", "aktif":
		status = "aktif"
		args = append(args, today)
	case "berhenti":
		args = append(args, today)
	case "semua":
	default:
		return page.Page[Perangkat]{}, fault.Field("query.status", "Status harus aktif, berhenti atau semua.")
	}
	after, cursor, err := cursorID(in.Params)
	if err != nil {
		return page.Page[Perangkat]{}, err
	}
	if cursor {
		args = append(args, after)
	}
	limit := in.Size() + 1
	key := "administration.perangkat.list:" + shape + ":" + status + ":" + strconv.FormatBool(cursor) + ":" + strconv.Itoa(limit)
	rows := make([]Perangkat, 0, limit) // grown once, not four times
	err = m.db.SelectText(ctx, tx, key, &rows, func(q *bun.SelectQuery) *bun.SelectQuery {
		q = scope(withDusun(q))
		n := nScope + 1
		switch status {
		case "aktif":
			q = q.Where(aktifPada, db.Param(n))
			n++
		case "berhenti":
			q = q.Where("NOT "+aktifPada, db.Param(n))
			n++
		}
		if cursor {
			q = q.Where("p.id > ?", db.Param(n))
		}
		return q.Order("p.id").Limit(int64(limit))
	}, args...)
	if err != nil {
		return page.Page[Perangkat]{}, err
	}
	sebutanFromJoin(rows)
	return page.Of(rows, in.Size(), func(p Perangkat) string { return p.ID.String() }), nil
}

// GetPerangkat returns one appointment (NIK masked, as everywhere).
func (m *Module) GetPerangkat(ctx context.Context, id uuid.UUID) (Perangkat, error) {
	var p Perangkat
	// One query: opening, query and COMMIT in one round trip (db.ReadOne).
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var err error
		p, err = m.findPerangkatWithSebutan(ctx, tx, id)
		return err
	})
	return p, err
}

// PerangkatInput is a new appointment as a user types it.
type PerangkatInput struct {
	Jabatan   Jabatan    `json:"jabatan" enum:"kepala_desa,sekretaris_desa,kaur_tata_usaha_umum,kaur_keuangan,kaur_perencanaan,kasi_pemerintahan,kasi_kesejahteraan,kasi_pelayanan,kepala_kewilayahan"`
	DusunID   *uuid.UUID `json:"dusun_id,omitempty" doc:"Wajib untuk kepala kewilayahan"`
	Nama      string     `json:"nama" doc:"1–200 karakter"`
	NIK       string     `json:"nik" doc:"16 angka; disimpan utuh, ditampilkan tersamar"`
	NIP       string     `json:"nip,omitempty" doc:"NIP (PNS) atau NIAP, bila ada; paling panjang 30 karakter"`
	Status    Status     `json:"status" enum:"definitif,pj,plt"`
	SKNomor   string     `json:"sk_nomor" doc:"1–200 karakter"`
	SKTanggal Tanggal    `json:"sk_tanggal" doc:"Tidak setelah hari ini dan tidak setelah tanggal mulai"`
	Mulai     Tanggal    `json:"mulai"`
	Selesai   Tanggal    `json:"selesai,omitempty" doc:"Akhir masa jabatan, bila SK menyebutnya"`
}

// Appoint records a new appointment if the SOTK allows it (SOTK.Check).
func (m *Module) Appoint(ctx context.Context, in PerangkatInput) (Perangkat, error) {
	desa, err := desaID(ctx)
	if err != nil {
		return Perangkat{}, err
	}
	if err := in.Validate(m.today(tenantKode(ctx))); err != nil {
		return Perangkat{}, err
	}
	now := m.now()
	p := Perangkat{
		DesaID: desa, ID: newID(), Jabatan: in.Jabatan, DusunID: in.DusunID,
		Nama: strings.TrimSpace(in.Nama), NIK: valid.NIK(strings.TrimSpace(in.NIK)), NIP: strings.TrimSpace(in.NIP), Status: in.Status,
		SKNomor: strings.TrimSpace(in.SKNomor), SKTanggal: in.SKTanggal, Mulai: in.Mulai, Selesai: in.Selesai,
		CreatedAt: now, UpdatedAt: now,
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := m.lockDesa(ctx, tx, "perangkat", desa); err != nil {
			return err
		}
		aktif, err := activePerangkat(ctx, tx, m.today(tenantKode(ctx)))
		if err != nil {
			return err
		}
		if err := (SOTK{Aktif: aktif}).Check(p); err != nil {
			return err
		}
		if p.DusunID != nil {
			if _, err := findDusun(ctx, tx, *p.DusunID); err != nil {
				return &fault.Error{Code: fault.Invalid, Field: "body.dusun_id", Message: "Dusun/banjar tidak ditemukan di desa ini."}
			}
		}
		if _, err := tx.NewInsert().Model(&p).Exec(ctx); err != nil {
			return uniqueConflict(err, "Jabatan ini baru saja diisi orang lain; muat ulang daftar perangkat.")
		}
		ps := []Perangkat{p}
		err = withSebutan(ctx, tx, ps)
		p = ps[0]
		return err
	})
	return p, err
}

// PerangkatResult is an appointment after a change that touches an
// account's role, with how that went.
type PerangkatResult struct {
	Perangkat
	SinkronPeran *SinkronPeran `json:"sinkron_peran,omitempty"`
}

// SinkronPeran reports the role change that followed an appointment change.
// The change itself is committed either way; when Berhasil is false a
// background task keeps retrying it.
type SinkronPeran struct {
	UserID   string `json:"user_id"`
	Peran    string `json:"peran"`
	Aksi     string `json:"aksi" enum:"beri,cabut"`
	Berhasil bool   `json:"berhasil"`
	Pesan    string `json:"pesan,omitempty"`
}

// EndPerangkat ends an appointment and takes back the role its account
// held through it. Ending a post linked to an account takes that account's
// role, so it needs the permission that links accounts (PermPerangkatAkun)
// besides PermPerangkatWrite: otherwise a sekdes could end the post of the
// perbekel who appointed them and lock the perbekel out.

// The end date may lie ahead (up to a year): the person stays in post, on
// the org chart and with their account's role, until that date; the daily
// job re-syncs the role once it has passed (syncEnded).
func (m *Module) EndPerangkat(ctx context.Context, id uuid.UUID, b Pemberhentian) (PerangkatResult, error) {
	return m.endPerangkat(ctx, id, b, true)
}

// EndForSuccessor ends an appointment because the bupati's decree of a
// successor takes effect (a Pilkades pelantikan, wired by cmd from the
// pilkades module's recorded SK). Unlike EndPerangkat it needs no user
// allowed to link accounts: it runs in the worker, on the authority of the
// decree recorded by a user who held pilkades' lantik permission, and a
// sitting kepala desa is nearly always linked to the perbekel's account,
// whose role it revokes as it should.
func (m *Module) EndForSuccessor(ctx context.Context, id uuid.UUID, b Pemberhentian) (PerangkatResult, error) {
	return m.endPerangkat(ctx, id, b, false)
}

func (m *Module) endPerangkat(ctx context.Context, id uuid.UUID, b Pemberhentian, cekAkun bool) (PerangkatResult, error) {
	var p Perangkat
	today := m.today(tenantKode(ctx))
	if err := b.Validate(today); err != nil {
		return PerangkatResult{}, err
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if p, err = findPerangkat(ctx, tx, id); err != nil {
			return err
		}
		if cekAkun && p.UserID != "" && p.ActiveOn(today) {
			if err := m.mayLink(ctx); err != nil {
				return err
			}
		}
		if err := p.End(b, today, m.now()); err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&p).
			Column("tanggal_berhenti", "alasan_berhenti", "sk_berhenti_nomor", "sk_berhenti_tanggal", "ended_at", "updated_at").
			WherePK().Where(aktifPada, today))
		if err != nil {
			return err
		}
		res, err := q.Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fault.New(fault.Conflict, "Jabatan ini baru saja diakhiri orang lain.")
		}
		if err := clearPeringatan(ctx, tx, "perangkat", p.ID); err != nil {
			return err
		}
		if p.UserID != "" {
			return enqueueSinkron(ctx, tx, p.UserID, p.Jabatan.Role())
		}
		return nil
	})
	if err != nil {
		return PerangkatResult{}, err
	}
	res := PerangkatResult{Perangkat: p}
	if p.UserID != "" && !p.ActiveOn(today) {
		res.SinkronPeran = m.sinkron(ctx, p.UserID, p.Jabatan.Role(), "cabut")
	}
	return res, m.fillOne(ctx, &res.Perangkat)
}

func (m *Module) fillOne(ctx context.Context, p *Perangkat) error {
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		ps := []Perangkat{*p}
		err := withSebutan(ctx, tx, ps)
		*p = ps[0]
		return err
	})
}

// LinkUser links an active appointment to an account (replacing any
// account linked before) and grants the post's role at the desa; userID ""
// unlinks. The previous account loses the grant this appointment gave, and
// keeps any other (by hand, or from another post). The account must exist.
func (m *Module) LinkUser(ctx context.Context, id uuid.UUID, userID string) (PerangkatResult, error) {
	userID = strings.TrimSpace(userID)
	if authz.Role(userID).Valid() || strings.ContainsAny(userID, " \t\n") || len(userID) > 100 {
		// authz would refuse such an id only after the link is committed.
		return PerangkatResult{}, fault.Field("body.user_id", "Id pengguna %q tidak sah.", userID)
	}
	if userID != "" {
		if err := m.userExists(ctx, userID); err != nil {
			return PerangkatResult{}, err
		}
	}
	var p Perangkat
	var previous string
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if p, err = findPerangkat(ctx, tx, id); err != nil {
			return err
		}
		if !p.ActiveOn(m.today(tenantKode(ctx))) && userID != "" {
			return fault.New(fault.Conflict, "Jabatan ini sudah berakhir; akun hanya dapat ditautkan ke jabatan aktif.")
		}
		previous = p.UserID
		if previous == userID {
			return nil
		}
		p.UserID, p.UpdatedAt = userID, m.now()
		q, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&p).Column("user_id", "updated_at").WherePK())
		if err != nil {
			return err
		}
		if _, err := q.Exec(ctx); err != nil {
			return err
		}
		for _, u := range []string{previous, userID} {
			if u != "" {
				if err := enqueueSinkron(ctx, tx, u, p.Jabatan.Role()); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return PerangkatResult{}, err
	}
	res := PerangkatResult{Perangkat: p}
	if previous != userID {
		if previous != "" {
			res.SinkronPeran = m.sinkron(ctx, previous, p.Jabatan.Role(), "cabut")
		}
		if userID != "" {
			res.SinkronPeran = m.sinkron(ctx, userID, p.Jabatan.Role(), "beri")
		}
	}
	return res, m.fillOne(ctx, &res.Perangkat)
}

// userExists refuses a link to an account nobody holds: the grant would
// sit in the table for whoever later gets that id, and the post would look
// staffed while no one can sign in to it.
func (m *Module) userExists(ctx context.Context, userID string) error {
	if m.users == nil {
		return errors.New("administration: Deps.Users is not wired")
	}
	err := m.users.Exists(ctx, userID)
	if fault.Is(err, fault.NotFound) {
		return &fault.Error{Code: fault.Invalid, Field: "body.user_id", Err: err,
			Message: fmt.Sprintf("Pengguna dengan id %q tidak ditemukan; periksa id akun yang akan ditautkan.", userID)}
	}
	return err
}

// mayLink says whether the signed-in user may link accounts at the tenant
// desa (PermPerangkatAkun). No signed-in user, or no authorizer, may not.
func (m *Module) mayLink(ctx context.Context) error {
	forbidden := fault.New(fault.Forbidden, "Jabatan ini tertaut ke akun pengguna; memberhentikannya mencabut peran akun itu, "+
		"sehingga hanya yang berwenang menautkan akun (perbekel atau admin kabupaten) yang dapat melakukannya.")
	u, ok := auth.UserFrom(ctx)
	if !ok || m.authz == nil {
		return forbidden
	}
	allowed, err := m.authz.Allowed(ctx, u.ID, tenantKode(ctx), PermPerangkatAkun)
	if err != nil {
		return err
	}
	if !allowed {
		return forbidden
	}
	return nil
}

// activeKepalaDesa is the holder of the kepala desa post.
func (m *Module) activeKepalaDesa(ctx context.Context) (Perangkat, error) {
	var p Perangkat
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&p).Where("p.jabatan = ?", KepalaDesa).
			Where(aktifPada, m.today(tenantKode(ctx))))
		if err != nil {
			return err
		}
		err = q.Limit(1).Scan(ctx)
		if db.IsNoRows(err) {
			return fault.New(fault.NotFound, "Desa %s belum memiliki %s yang aktif.", tenantKode(ctx), strings.ToLower(SebutanKepalaDesa(tenantKode(ctx))))
		}
		return err
	})
	return p, err
}

// namaDesa is the name in the desa's profile, or "" before one is saved.
func (m *Module) namaDesa(ctx context.Context) string {
	var nama string
	_ = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		nama, err = namaDesaTx(ctx, tx)
		return err
	})
	return nama
}

// namaDesaTx is the desa's name from its profil, "" before one is saved.
func namaDesaTx(ctx context.Context, tx bun.IDB) (string, error) {
	var nama string
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Profil)(nil)).Column("pd.nama"))
	if err != nil {
		return "", err
	}
	if err := q.Scan(ctx, &nama); err != nil && !db.IsNoRows(err) {
		return "", err
	}
	return nama, nil
}

// Bagan draws the desa's org chart.
func (m *Module) Bagan(ctx context.Context) (Bagan, error) {
	var b Bagan
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		aktif, err := activePerangkat(ctx, tx, m.today(tenantKode(ctx)))
		if err != nil {
			return err
		}
		dusun, err := allDusun(ctx, tx)
		if err != nil {
			return err
		}
		b = NewBagan(tenantKode(ctx), aktif, dusun)
		return nil
	})
	return b, err
}

// AktifSOTK lists the active appointments in the order of the SOTK, for
// pages.
func (m *Module) AktifSOTK(ctx context.Context) ([]Perangkat, error) {
	var rows []Perangkat
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if rows, err = activePerangkat(ctx, tx, m.today(tenantKode(ctx))); err != nil {
			return err
		}
		return withSebutan(ctx, tx, rows)
	})
	sortSOTK(rows)
	return rows, err
}

// sortSOTK orders appointments as the SOTK lists the posts.
func sortSOTK(rows []Perangkat) {
	slices.SortStableFunc(rows, func(a, b Perangkat) int {
		if d := jabatanOf[a.Jabatan].urutan - jabatanOf[b.Jabatan].urutan; d != 0 {
			return d
		}
		return strings.Compare(a.Sebutan, b.Sebutan)
	})
}

// linkedTo lists userID's linked appointments in post on today at the
// tenant desa: what its grants from this module should be.
func linkedTo(ctx context.Context, tx bun.IDB, userID string, today Tanggal) ([]Perangkat, error) {
	var rows []Perangkat
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows).Column("p.id", "p.jabatan").
		Where("p.user_id = ?", userID).Where(aktifPada, today))
	if err != nil {
		return nil, err
	}
	if err := q.Scan(ctx); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	return rows, nil
}

// ---- lembaga ---------------------------------------------------------------

func findLembaga(ctx context.Context, tx bun.IDB, id uuid.UUID, today Tanggal) (Lembaga, error) {
	var l Lembaga
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&l).Where("l.id = ?", id))
	if err != nil {
		return l, err
	}
	if err := lembagaColumns(q, today).Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return l, notFound("Lembaga")
		}
		return l, err
	}
	return l, nil
}

// lembagaColumns reads a lembaga with the count of members holding their
// seat on today (Anggota.Menjabat).
func lembagaColumns(q *bun.SelectQuery, today Tanggal) *bun.SelectQuery {
	return q.Column("l.*").ColumnExpr("(SELECT count(*) FROM lembaga_anggota AS a WHERE a.desa_id = l.desa_id AND a.lembaga_id = l.id AND "+
		menjabatPada+") AS anggota_aktif", today, today)
}

// ListLembaga pages through the desa's lembaga in the order they were added.
func (m *Module) ListLembaga(ctx context.Context, p page.Params) (page.Page[Lembaga], error) {
	var out page.Page[Lembaga]
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		rows := []Lembaga{}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows))
		if err != nil {
			return err
		}
		if q, err = afterID(lembagaColumns(q, m.today(tenantKode(ctx))), p, "l.id"); err != nil {
			return err
		}
		if err := q.Scan(ctx); err != nil {
			return err
		}
		out = page.Of(rows, p.Size(), func(l Lembaga) string { return l.ID.String() })
		return nil
	})
	return out, err
}

// GetLembaga returns one lembaga with its count of active members.
func (m *Module) GetLembaga(ctx context.Context, id uuid.UUID) (Lembaga, error) {
	var l Lembaga
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		l, err = findLembaga(ctx, tx, id, m.today(tenantKode(ctx)))
		return err
	})
	return l, err
}

// LembagaInput is a new lembaga as a user types it.
type LembagaInput struct {
	Jenis     JenisLembaga `json:"jenis" enum:"bpd,lpm,pkk,karang_taruna,posyandu,rt,rw,banjar_adat,lainnya"`
	Nama      string       `json:"nama" doc:"1–200 karakter" example:"BPD Desa Bengkel"`
	SKNomor   string       `json:"sk_nomor,omitempty" doc:"Paling panjang 200 karakter"`
	SKTanggal Tanggal      `json:"sk_tanggal,omitempty"`
}

// CreateLembaga adds a lembaga. A desa has one BPD, LPM, PKK and Karang
// Taruna; names are unique in a desa.
func (m *Module) CreateLembaga(ctx context.Context, in LembagaInput) (Lembaga, error) {
	desa, err := desaID(ctx)
	if err != nil {
		return Lembaga{}, err
	}
	if err := in.Validate(m.today(tenantKode(ctx))); err != nil {
		return Lembaga{}, err
	}
	now := m.now()
	l := Lembaga{DesaID: desa, ID: newID(), Jenis: in.Jenis, Nama: strings.TrimSpace(in.Nama),
		SKNomor: strings.TrimSpace(in.SKNomor), SKTanggal: in.SKTanggal, CreatedAt: now, UpdatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := tunggal(ctx, tx, l.Jenis, uuid.Nil); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(&l).Exec(ctx)
		return uniqueConflict(err, fmt.Sprintf("Lembaga %q sudah ada, atau desa ini sudah memiliki %s.", l.Nama, l.Jenis.Label()))
	})
	return l, err
}

// activeAnggota lists a lembaga's seats not ended on today
// (Anggota.ActiveOn), those whose term has run out included.
func activeAnggota(ctx context.Context, tx bun.IDB, lembaga uuid.UUID, today Tanggal) ([]Anggota, error) {
	rows := []Anggota{}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows).Where("a.lembaga_id = ?", lembaga).Where(anggotaAktifPada, today))
	if err != nil {
		return nil, err
	}
	return rows, q.Order("a.id").Scan(ctx)
}

// AnggotaQuery selects a page of a lembaga's members.
type AnggotaQuery struct {
	page.Params
	Status string `query:"status" enum:"aktif,berhenti,semua" default:"aktif" doc:"aktif, berhenti (riwayat) atau semua"`
}

// ListAnggota pages through a lembaga's members: "aktif" are the seats not
// ended today (a term run out but not ended is still listed, to be ended),
// "berhenti" the history.
func (m *Module) ListAnggota(ctx context.Context, lembaga uuid.UUID, in AnggotaQuery) (page.Page[Anggota], error) {
	var out page.Page[Anggota]
	today := m.today(tenantKode(ctx))
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := findLembaga(ctx, tx, lembaga, m.today(tenantKode(ctx))); err != nil {
			return err
		}
		rows := []Anggota{}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows).Where("a.lembaga_id = ?", lembaga))
		if err != nil {
			return err
		}
		switch in.Status {
		case "", "aktif":
			q = q.Where(anggotaAktifPada, today)
		case "berhenti":
			q = q.Where("NOT "+anggotaAktifPada, today)
		case "semua":
		default:
			return fault.Field("query.status", "Status harus aktif, berhenti atau semua.")
		}
		if q, err = afterID(q, in.Params, "a.id"); err != nil {
			return err
		}
		if err := q.Scan(ctx); err != nil {
			return err
		}
		out = page.Of(rows, in.Size(), func(a Anggota) string { return a.ID.String() })
		return nil
	})
	return out, err
}

// AnggotaInput is a new member's seat as a user types it.
type AnggotaInput struct {
	Nama      string  `json:"nama" doc:"1–200 karakter"`
	Jabatan   string  `json:"jabatan" doc:"1–100 karakter" example:"Ketua"`
	SKNomor   string  `json:"sk_nomor,omitempty" doc:"Paling panjang 200 karakter"`
	SKTanggal Tanggal `json:"sk_tanggal,omitempty"`
	Mulai     Tanggal `json:"mulai"`
	Selesai   Tanggal `json:"selesai,omitempty"`
}

// AddAnggota seats a member if the lembaga allows it (Lembaga.CheckAnggota).
func (m *Module) AddAnggota(ctx context.Context, lembaga uuid.UUID, in AnggotaInput) (Anggota, error) {
	desa, err := desaID(ctx)
	if err != nil {
		return Anggota{}, err
	}
	now := m.now()
	a := Anggota{DesaID: desa, ID: newID(), LembagaID: lembaga, Nama: strings.TrimSpace(in.Nama),
		Jabatan: strings.TrimSpace(in.Jabatan), SKNomor: strings.TrimSpace(in.SKNomor), SKTanggal: in.SKTanggal,
		Mulai: in.Mulai, Selesai: in.Selesai, CreatedAt: now, UpdatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		l, err := findLembaga(ctx, tx, lembaga, m.today(tenantKode(ctx)))
		if err != nil {
			return err
		}
		if err := in.Validate(l.Jenis, m.today(tenantKode(ctx))); err != nil {
			return err
		}
		if err := m.lockDesa(ctx, tx, "lembaga", desa); err != nil {
			return err
		}
		today := m.today(tenantKode(ctx))
		aktif, err := activeAnggota(ctx, tx, lembaga, today)
		if err != nil {
			return err
		}
		if err := l.CheckAnggota(aktif, a, today); err != nil {
			return err
		}
		_, err = tx.NewInsert().Model(&a).Exec(ctx)
		return uniqueConflict(err, ketuaConflict)
	})
	return a, err
}

// ketuaConflict is the message when the database refuses a second ketua
// (the index lembaga_anggota_satu_ketua) that CheckAnggota did not see: a
// concurrent writer seated one first.
const ketuaConflict = "Lembaga ini baru saja mendapat ketua aktif; muat ulang halaman dan akhiri dulu keanggotaan ketua yang lama."

// Berhenti is how a member's seat ends.
type Berhenti struct {
	Tanggal Tanggal `json:"tanggal" doc:"Tanggal berhenti (hari pertama tidak lagi menjabat); boleh sampai setahun ke depan"`
	Alasan  string  `json:"alasan,omitempty" doc:"Paling panjang 500 karakter, mis. meninggal dunia, permintaan sendiri, diberhentikan, masa jabatan berakhir"`
}

func findAnggota(ctx context.Context, tx bun.IDB, lembaga, id uuid.UUID) (Anggota, error) {
	var a Anggota
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&a).Where("a.id = ? AND a.lembaga_id = ?", id, lembaga))
	if err != nil {
		return a, err
	}
	if err := q.Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return a, notFound("Anggota lembaga")
		}
		return a, err
	}
	return a, nil
}

// EndAnggota ends a member's seat, at once or on a later date.
func (m *Module) EndAnggota(ctx context.Context, lembaga, id uuid.UUID, b Berhenti) (Anggota, error) {
	var a Anggota
	today := m.today(tenantKode(ctx))
	if err := b.Validate(today); err != nil {
		return a, err
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if a, err = findAnggota(ctx, tx, lembaga, id); err != nil {
			return err
		}
		if err := a.End(b.Tanggal, b.Alasan, today, m.now()); err != nil {
			return err
		}
		uq, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&a).Column("tanggal_berhenti", "alasan_berhenti", "ended_at", "updated_at").
			WherePK().Where(anggotaAktifPada, today))
		if err != nil {
			return err
		}
		res, err := uq.Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fault.New(fault.Conflict, "Keanggotaan ini baru saja diakhiri orang lain.")
		}
		return clearPeringatan(ctx, tx, "lembaga", a.ID)
	})
	return a, err
}

// UpdateAnggota corrects a member's seat (name, post, SK, term) by the
// rules of AddAnggota: a lembaga has one ketua, and a term made to run
// again must find one of the BPD's nine seats free. An ended seat is
// history and is not edited.
func (m *Module) UpdateAnggota(ctx context.Context, lembaga, id uuid.UUID, in AnggotaInput) (Anggota, error) {
	var a Anggota
	desa, err := desaID(ctx)
	if err != nil {
		return a, err
	}
	today := m.today(tenantKode(ctx))
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		l, err := findLembaga(ctx, tx, lembaga, today)
		if err != nil {
			return err
		}
		if err := in.Validate(l.Jenis, today); err != nil {
			return err
		}
		if err := m.lockDesa(ctx, tx, "lembaga", desa); err != nil {
			return err
		}
		if a, err = findAnggota(ctx, tx, lembaga, id); err != nil {
			return err
		}
		if !a.ActiveOn(today) {
			return fault.New(fault.Conflict, "Keanggotaan ini sudah berakhir pada %s; riwayat tidak diubah.", a.TanggalBerhenti)
		}
		if !a.TanggalBerhenti.IsZero() && !in.Mulai.Before(a.TanggalBerhenti) {
			return fault.Field("body.mulai", "Tanggal mulai harus sebelum tanggal berhenti yang sudah dicatat (%s).", a.TanggalBerhenti)
		}
		a.Nama, a.Jabatan, a.SKNomor = strings.TrimSpace(in.Nama), strings.TrimSpace(in.Jabatan), strings.TrimSpace(in.SKNomor)
		a.SKTanggal, a.Mulai, a.Selesai, a.UpdatedAt = in.SKTanggal, in.Mulai, in.Selesai, m.now()
		aktif, err := activeAnggota(ctx, tx, lembaga, today)
		if err != nil {
			return err
		}
		if err := l.CheckAnggota(aktif, a, today); err != nil {
			return err
		}
		uq, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&a).
			Column("nama", "jabatan", "sk_nomor", "sk_tanggal", "mulai", "selesai", "updated_at").WherePK())
		if err != nil {
			return err
		}
		if _, err := uq.Exec(ctx); err != nil {
			return uniqueConflict(err, ketuaConflict)
		}
		// The term may have moved: the daily job flags it anew.
		return clearPeringatan(ctx, tx, "lembaga", a.ID)
	})
	return a, err
}

// UpdateLembaga corrects a lembaga's name and SK. Its kind changes only
// while it has no members: the BPD's rules on terms apply to its seats.
func (m *Module) UpdateLembaga(ctx context.Context, id uuid.UUID, in LembagaInput) (Lembaga, error) {
	var l Lembaga
	today := m.today(tenantKode(ctx))
	if err := in.Validate(today); err != nil {
		return l, err
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if l, err = findLembaga(ctx, tx, id, today); err != nil {
			return err
		}
		if in.Jenis != l.Jenis {
			q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Anggota)(nil)).Where("a.lembaga_id = ?", id))
			if err != nil {
				return err
			}
			if used, err := q.Exists(ctx); err != nil || used {
				if err == nil {
					err = &fault.Error{Code: fault.Conflict, Field: "body.jenis",
						Message: fmt.Sprintf("Jenis %s tidak dapat diubah karena sudah memiliki anggota; tambahkan lembaga baru bila perlu.", l.Nama)}
				}
				return err
			}
			if err := tunggal(ctx, tx, in.Jenis, id); err != nil {
				return err
			}
		}
		l.Jenis, l.Nama, l.SKNomor, l.SKTanggal, l.UpdatedAt = in.Jenis, strings.TrimSpace(in.Nama), strings.TrimSpace(in.SKNomor), in.SKTanggal, m.now()
		uq, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&l).Column("jenis", "nama", "sk_nomor", "sk_tanggal", "updated_at").WherePK())
		if err != nil {
			return err
		}
		_, err = uq.Exec(ctx)
		return uniqueConflict(err, fmt.Sprintf("Lembaga %q sudah ada, atau desa ini sudah memiliki %s.", l.Nama, l.Jenis.Label()))
	})
	return l, err
}

// tunggal refuses a second BPD, LPM, PKK or Karang Taruna in a desa; self
// is the lembaga being changed (uuid.Nil for a new one).
func tunggal(ctx context.Context, tx bun.IDB, jenis JenisLembaga, self uuid.UUID) error {
	if !jenis.Tunggal() {
		return nil
	}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Lembaga)(nil)).Where("l.jenis = ? AND l.id <> ?", jenis, self))
	if err != nil {
		return err
	}
	dup, err := q.Exists(ctx)
	if err != nil {
		return err
	}
	if dup {
		return fault.New(fault.Conflict, "Desa ini sudah memiliki %s; satu desa hanya satu.", jenis.Label())
	}
	return nil
}

// ---- profil ----------------------------------------------------------------

// GetProfil returns the desa's profile with its dusun count and latest
// population; fault.NotFound until one is saved.
func (m *Module) GetProfil(ctx context.Context) (Profil, error) {
	var p Profil
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		p, err = getProfil(ctx, tx)
		return err
	})
	return p, err
}

func getProfil(ctx context.Context, tx bun.IDB) (Profil, error) {
	var p Profil
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&p))
	if err != nil {
		return p, err
	}
	if err := q.Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return p, fault.New(fault.NotFound, "Profil desa belum diisi.")
		}
		return p, err
	}
	p.MisiList = splitMisi(p.Misi)
	dq, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Dusun)(nil)))
	if err != nil {
		return p, err
	}
	n, err := dq.Count(ctx)
	if err != nil {
		return p, err
	}
	p.JumlahDusun = int(n)
	var pend Penduduk
	pq, err := tenancy.Scope(ctx, tx.NewSelect().Model(&pend))
	if err != nil {
		return p, err
	}
	switch err := pq.Order("pp.tahun DESC").Limit(1).Scan(ctx); {
	case err == nil:
		pend.fill()
		p.Penduduk = &pend
	case !db.IsNoRows(err):
		return p, err
	}
	return p, nil
}

// ProfilInput is the profile as a user types it.
type ProfilInput struct {
	Nama         string   `json:"nama" doc:"1–100 karakter" example:"Bengkel"`
	AlamatKantor string   `json:"alamat_kantor,omitempty" doc:"Paling panjang 500 karakter"`
	Telepon      string   `json:"telepon,omitempty" doc:"6–20 karakter: angka, spasi, +, - dan kurung"`
	Email        string   `json:"email,omitempty" doc:"Paling panjang 200 karakter"`
	Lintang      *float64 `json:"lintang,omitempty" doc:"Derajat desimal, -11,5 sampai 6,5 (wilayah Indonesia)"`
	Bujur        *float64 `json:"bujur,omitempty" doc:"Derajat desimal, 94,5 sampai 141,5 (wilayah Indonesia)"`
	LuasKm2      *float64 `json:"luas_km2,omitempty" doc:"Luas wilayah, 0,01 sampai 50.000 km²"`
	Visi         string   `json:"visi,omitempty" doc:"Paling panjang 2.000 karakter"`
	Misi         []string `json:"misi,omitempty" doc:"Butir-butir misi, berurutan: paling banyak 30, masing-masing paling panjang 500 karakter"`
}

// SaveProfil creates or replaces the desa's profile.
func (m *Module) SaveProfil(ctx context.Context, in ProfilInput) (Profil, error) {
	desa, err := desaID(ctx)
	if err != nil {
		return Profil{}, err
	}
	if err := in.Validate(); err != nil {
		return Profil{}, err
	}
	now := m.now()
	misi := make([]string, 0, len(in.Misi))
	for _, s := range in.Misi {
		if s = misiButir(s); s != "" {
			misi = append(misi, s)
		}
	}
	p := Profil{DesaID: desa, ID: newID(), Nama: strings.TrimSpace(in.Nama), AlamatKantor: strings.TrimSpace(in.AlamatKantor),
		Telepon: strings.TrimSpace(in.Telepon), Email: strings.TrimSpace(in.Email), Lintang: in.Lintang, Bujur: in.Bujur,
		LuasKm2: in.LuasKm2, Visi: strings.TrimSpace(in.Visi), Misi: strings.Join(misi, "\n"), CreatedAt: now, UpdatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&p).
			On("CONFLICT (desa_id) DO UPDATE").
			Set("nama = EXCLUDED.nama, alamat_kantor = EXCLUDED.alamat_kantor, telepon = EXCLUDED.telepon").
			Set("email = EXCLUDED.email, lintang = EXCLUDED.lintang, bujur = EXCLUDED.bujur, luas_km2 = EXCLUDED.luas_km2").
			Set("visi = EXCLUDED.visi, misi = EXCLUDED.misi, updated_at = EXCLUDED.updated_at").
			Exec(ctx)
		if err != nil {
			return err
		}
		p, err = getProfil(ctx, tx)
		return err
	})
	return p, err
}

// ListPenduduk pages through the desa's population figures, newest year
// first.
func (m *Module) ListPenduduk(ctx context.Context, p page.Params) (page.Page[Penduduk], error) {
	var out page.Page[Penduduk]
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		rows := []Penduduk{}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows))
		if err != nil {
			return err
		}
		var before int
		ok, err := page.Decode(p.Cursor, &before)
		if err != nil {
			return err
		}
		if ok {
			q = q.Where("pp.tahun < ?", before)
		}
		if err := q.Order("pp.tahun DESC").Limit(int64(p.Size()) + 1).Scan(ctx); err != nil {
			return err
		}
		for i := range rows {
			rows[i].fill()
		}
		out = page.Of(rows, p.Size(), func(p Penduduk) int { return p.Tahun })
		return nil
	})
	return out, err
}

// PendudukInput is one year's figures.
type PendudukInput struct {
	LakiLaki  int `json:"laki_laki" doc:"0 sampai 1.000.000"`
	Perempuan int `json:"perempuan" doc:"0 sampai 1.000.000"`
	KK        int `json:"kk" doc:"0 sampai 1.000.000, tidak melebihi jumlah penduduk"`
}

// SavePenduduk records (or corrects) the population of one year.
func (m *Module) SavePenduduk(ctx context.Context, tahun int, in PendudukInput) (Penduduk, error) {
	desa, err := desaID(ctx)
	if err != nil {
		return Penduduk{}, err
	}
	if err := in.Validate(tahun, m.thisYear(tenancy.KodeOfDesaID(desa))); err != nil {
		return Penduduk{}, err
	}
	now := m.now()
	p := Penduduk{DesaID: desa, ID: newID(), Tahun: tahun, LakiLaki: in.LakiLaki, Perempuan: in.Perempuan, KK: in.KK,
		CreatedAt: now, UpdatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&p).
			On("CONFLICT (desa_id, tahun) DO UPDATE").
			Set("laki_laki = EXCLUDED.laki_laki, perempuan = EXCLUDED.perempuan, kk = EXCLUDED.kk, updated_at = EXCLUDED.updated_at").
			Exec(ctx)
		if err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&p).Where("pp.tahun = ?", tahun))
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	p.fill()
	return p, err
}

// ---- wilayah views ---------------------------------------------------------

// penduduk is a desa's total in SQL. The columns are INTEGER (int4 on
// PostgreSQL); their sum is taken as BIGINT so that figures stored before
// the bounds of PendudukInput (or any sum of a wilayah later) cannot
// overflow into an internal error.
const penduduk = "(CAST(pp.laki_laki AS BIGINT) + CAST(pp.perempuan AS BIGINT))"

// kepadatan is people per km², to one decimal: nil without both figures,
// and nil rather than a nonsense number for an area stored before its
// bounds (a tiny one divides into infinity, and JSON has no such number).
func kepadatan(jiwa *int, luas *float64) *float64 {
	if jiwa == nil || luas == nil || !(*luas > 0) {
		return nil
	}
	k := math.Round(float64(*jiwa)/(*luas)*10) / 10
	if math.IsInf(k, 0) || math.IsNaN(k) || k < 0 {
		return nil
	}
	return &k
}

// ProfilDesaQuery filters the comparison table of a kecamatan or kabupaten.
type ProfilDesaQuery struct {
	page.Params
	Nama        string `query:"nama" doc:"Bagian dari nama desa, huruf besar/kecil sama (paling panjang 100 karakter)"`
	MinPenduduk int    `query:"min_penduduk" doc:"Penduduk (tahun terakhir) paling sedikit, 0 sampai 2.000.000"`
	MaxPenduduk int    `query:"max_penduduk" doc:"Penduduk (tahun terakhir) paling banyak, sampai 2.000.000; 0 berarti tanpa batas"`
}

// ListProfilDesa is the table of every desa profile inside the tenant's
// wilayah, by desa code, with each desa's latest population. Desa without
// population figures are left out when a population filter is set.
func (m *Module) ListProfilDesa(ctx context.Context, in ProfilDesaQuery) (page.Page[ProfilRingkas], error) {
	var out page.Page[ProfilRingkas]
	if err := in.Validate(); err != nil {
		return out, err
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		rows := []ProfilRingkas{}
		q := tx.NewSelect().TableExpr("profil_desa AS pd").
			ColumnExpr("pd.id, pd.desa_id, pd.nama, pd.luas_km2").
			ColumnExpr("(SELECT count(*) FROM dusun AS d WHERE d.desa_id = pd.desa_id) AS jumlah_dusun").
			ColumnExpr("pp.tahun, pp.laki_laki, pp.perempuan, pp.kk, " + penduduk + " AS penduduk").
			Join("LEFT JOIN profil_penduduk AS pp ON pp.desa_id = pd.desa_id AND pp.tahun = " +
				"(SELECT max(p2.tahun) FROM profil_penduduk AS p2 WHERE p2.desa_id = pd.desa_id)")
		q, err := tenancy.ScopeColumn(ctx, q, "pd.desa_id")
		if err != nil {
			return err
		}
		var after int64
		ok, err := page.Decode(in.Cursor, &after)
		if err != nil {
			return err
		}
		if ok {
			q = q.Where("pd.desa_id > ?", after)
		}
		if n := strings.TrimSpace(in.Nama); n != "" {
			q = q.Where("lower(pd.nama) LIKE ? ESCAPE '!'", "%"+db.EscapeLike(strings.ToLower(n))+"%")
		}
		if in.MinPenduduk > 0 {
			q = q.Where(penduduk+" >= ?", in.MinPenduduk)
		}
		if in.MaxPenduduk > 0 {
			q = q.Where(penduduk+" <= ?", in.MaxPenduduk)
		}
		if err := q.Order("pd.desa_id").Limit(int64(in.Size())+1).Scan(ctx, &rows); err != nil {
			return err
		}
		for i := range rows {
			r := &rows[i]
			r.Kode = string(tenancy.KodeOfDesaID(r.DesaID))
			r.Kepadatan = kepadatan(r.Penduduk, r.LuasKm2)
		}
		out = page.Of(rows, in.Size(), func(r ProfilRingkas) int64 { return r.DesaID })
		return nil
	})
	return out, err
}

// peringatanKey orders the flag list: soonest end first.
type peringatanKey struct {
	Selesai Tanggal `json:"s"`
	Desa    int64   `json:"d"`
	ID      string  `json:"i"`
}

// ListPeringatan pages through the terms flagged in the tenant's wilayah
// (one desa, or every desa of a kecamatan or kabupaten), soonest end first.
func (m *Module) ListPeringatan(ctx context.Context, p page.Params) (page.Page[Peringatan], error) {
	var out page.Page[Peringatan]
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		rows := []Peringatan{}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows))
		if err != nil {
			return err
		}
		var k peringatanKey
		ok, err := page.Decode(p.Cursor, &k)
		if err != nil {
			return err
		}
		if ok {
			id, err := uuid.Parse(k.ID)
			if err != nil {
				return fault.Field("query.cursor", "Cursor tidak sah.")
			}
			q = q.Where("(w.selesai > ? OR (w.selesai = ? AND (w.desa_id > ? OR (w.desa_id = ? AND w.id > ?))))",
				k.Selesai, k.Selesai, k.Desa, k.Desa, id)
		}
		if err := q.Order("w.selesai", "w.desa_id", "w.id").Limit(int64(p.Size()) + 1).Scan(ctx); err != nil {
			return err
		}
		for i := range rows {
			rows[i].Desa = string(tenancy.KodeOfDesaID(rows[i].DesaID))
		}
		out = page.Of(rows, p.Size(), func(w Peringatan) peringatanKey {
			return peringatanKey{Selesai: w.Selesai, Desa: w.DesaID, ID: w.ID.String()}
		})
		return nil
	})
	return out, err
}

func clearPeringatan(ctx context.Context, tx bun.IDB, sumber string, ref uuid.UUID) error {
	q, err := tenancy.ScopeColumn(ctx, tx.NewDelete().TableExpr("peringatan_masa_jabatan").
		Where("sumber = ? AND ref_id = ?", sumber, ref), "desa_id")
	if err != nil {
		return err
	}
	_, err = q.Exec(ctx)
	return err
}

// flagDesa flags the tenant desa's active terms that end by horizon and
// drops flags whose term has since ended or moved. Inserting a flag that
// exists (same term, same end date) does nothing, so a re-run is a no-op.
func flagDesa(ctx context.Context, tx bun.IDB, horizon Tanggal, now time.Time) (int, error) {
	desa, err := desaID(ctx)
	if err != nil {
		return 0, err
	}
	var flags []Peringatan

	perangkat := []Perangkat{}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&perangkat).
		Where("p.ended_at IS NULL AND p.selesai IS NOT NULL AND p.selesai <= ?", horizon))
	if err != nil {
		return 0, err
	}
	if err := q.Scan(ctx); err != nil {
		return 0, err
	}
	if err := withSebutan(ctx, tx, perangkat); err != nil {
		return 0, err
	}
	for _, p := range perangkat {
		flags = append(flags, Peringatan{DesaID: desa, ID: newID(), Sumber: "perangkat", RefID: p.ID, Nama: p.Nama,
			Jabatan: p.Status.Prefix() + p.Sebutan, Selesai: p.Selesai, FlaggedAt: now})
	}

	var anggota []struct {
		Anggota `bun:",extend"`
		Lembaga string `bun:"lembaga_nama"`
	}
	aq, err := tenancy.Scope(ctx, tx.NewSelect().Model(&anggota).
		ColumnExpr("a.*").ColumnExpr("l.nama AS lembaga_nama").
		Join("JOIN lembaga AS l ON l.desa_id = a.desa_id AND l.id = a.lembaga_id").
		Where("a.ended_at IS NULL AND a.selesai IS NOT NULL AND a.selesai <= ?", horizon))
	if err != nil {
		return 0, err
	}
	if err := aq.Scan(ctx); err != nil {
		return 0, err
	}
	for _, a := range anggota {
		flags = append(flags, Peringatan{DesaID: desa, ID: newID(), Sumber: "lembaga", RefID: a.ID, Nama: a.Nama,
			Jabatan: a.Jabatan, Lembaga: a.Lembaga, Selesai: a.Selesai, FlaggedAt: now})
	}

	for _, sumber := range []struct{ name, table string }{{"perangkat", "perangkat"}, {"lembaga", "lembaga_anggota"}} {
		// Raw table names: a DELETE alias is not portable to SQLite.
		_, err := tx.NewDelete().TableExpr("peringatan_masa_jabatan").
			Where("desa_id = ? AND sumber = ?", desa, sumber.name).
			Where("NOT EXISTS (SELECT 1 FROM " + sumber.table + " AS s WHERE s.desa_id = peringatan_masa_jabatan.desa_id" +
				" AND s.id = peringatan_masa_jabatan.ref_id AND s.ended_at IS NULL AND s.selesai = peringatan_masa_jabatan.selesai)").
			Exec(ctx)
		if err != nil {
			return 0, err
		}
	}
	if len(flags) == 0 {
		return 0, nil
	}
	res, err := tx.NewInsert().Model(&flags).On("CONFLICT (desa_id, sumber, ref_id, selesai) DO NOTHING").Exec(ctx)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
