package pembinaan

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Follow-up points: the organizer of a session (PermKelola; an OPD only on
// its own OPD's sessions, a kecamatan only on its own) adds, changes and
// removes points for an invited desa; the desa (PermTindakLanjut) reports
// progress on its own (status and catatan_desa, never the uraian). Every
// write runs in one db.Tx, which carries the request's audit entry.

// Status of a follow-up point.
const (
	TLTerbuka  = "terbuka"
	TLBerjalan = "berjalan"
	TLSelesai  = "selesai"
)

var tlStatusLabel = map[string]string{TLTerbuka: "Terbuka", TLBerjalan: "Berjalan", TLSelesai: "Selesai"}

// Bounds of a point.
const (
	tlUraianMin  = 3
	tlUraianMax  = 1000
	tlCatatanMax = 2000
	tlMaxList    = 2000
)

// PembinaanTindakLanjut is a row of pembinaan_tindak_lanjut as shown.
type PembinaanTindakLanjut struct {
	bun.BaseModel `bun:"table:pembinaan_tindak_lanjut,alias:tl" json:"-"`

	DesaID      int64        `bun:"desa_id,pk" json:"-"`
	ID          string       `bun:"id,pk" json:"id"`
	PembinaanID string       `bun:"pembinaan_id" json:"pembinaan_id"`
	Uraian      string       `bun:"uraian" json:"uraian"`
	Tenggat     civil.Date   `bun:"tenggat" json:"tenggat"`
	Status      string       `bun:"status" json:"status" enum:"terbuka,berjalan,selesai"`
	CatatanDesa string       `bun:"catatan_desa" json:"catatan_desa"`
	Asal        string       `bun:"asal" json:"asal,omitempty"`
	Demo        bool         `bun:"demo" json:"demo,omitempty"`
	CreatedBy   string       `bun:"created_by" json:"-"`
	CreatedAt   time.Time    `bun:"created_at" json:"created_at"`
	UpdatedBy   string       `bun:"updated_by" json:"-"`
	UpdatedAt   time.Time    `bun:"updated_at" json:"updated_at"`
	Desa        tenancy.Kode `bun:"-" json:"desa"`
	NamaDesa    string       `bun:"-" json:"nama_desa,omitempty"`
	// Judul and Penyelenggara are the session's, from the desa's copy of
	// the invitation.
	Judul         string `bun:"-" json:"judul"`
	Penyelenggara string `bun:"-" json:"penyelenggara"`
	// Terlambat: not selesai and the due date has passed at the desa.
	Terlambat bool `bun:"-" json:"terlambat"`
}

// PembinaanTindakLanjutData is what the organizer writes: the desa (on
// create; fixed afterwards), the point, its due date and status.
type PembinaanTindakLanjutData struct {
	Desa    string     `json:"desa" maxLength:"13" doc:"Kode desa yang diundang ke pembinaan ini" example:"51.02.06.2001"`
	Uraian  string     `json:"uraian" maxLength:"1000" doc:"3–1000 karakter" example:"Pasang papan alur pelayanan di kantor desa"`
	Tenggat civil.Date `json:"tenggat" doc:"Tenggat (YYYY-MM-DD)"`
	Status  string     `json:"status,omitempty" enum:"terbuka,berjalan,selesai," doc:"Kosong: terbuka"`
}

// Validate checks a point as the API and the page take it.
func (d *PembinaanTindakLanjutData) Validate() error {
	var p valid.Problems
	d.Uraian = strings.Join(strings.Fields(d.Uraian), " ")
	d.Desa = strings.TrimSpace(d.Desa)
	if k, err := tenancy.ParseKode(d.Desa); err != nil || !k.IsDesa() {
		p.Add("body.desa", "Pilih desa yang diundang.")
	}
	if n := utf8.RuneCountInString(d.Uraian); n < tlUraianMin || n > tlUraianMax {
		p.Add("body.uraian", "Uraian tindak lanjut %d–%d karakter.", tlUraianMin, tlUraianMax)
	}
	if d.Tenggat.IsZero() {
		p.Add("body.tenggat", "Tenggat wajib diisi.")
	} else if y := d.Tenggat.Year(); y < 2015 || y > 2100 {
		p.Add("body.tenggat", "Tenggat harus antara tahun 2015 dan 2100.")
	}
	if d.Status == "" {
		d.Status = TLTerbuka
	}
	if _, ok := tlStatusLabel[d.Status]; !ok {
		p.Add("body.status", "Status: terbuka, berjalan atau selesai.")
	}
	return p.Err()
}

// PembinaanTindakLanjutLaporan is what the desa reports on its own point.
type PembinaanTindakLanjutLaporan struct {
	Status      string `json:"status" enum:"terbuka,berjalan,selesai" doc:"terbuka, berjalan atau selesai"`
	CatatanDesa string `json:"catatan_desa" maxLength:"2000" doc:"Laporan desa, paling panjang 2000 karakter"`
}

// Validate checks a desa's report.
func (l *PembinaanTindakLanjutLaporan) Validate() error {
	var p valid.Problems
	l.CatatanDesa = strings.TrimSpace(l.CatatanDesa)
	if _, ok := tlStatusLabel[l.Status]; !ok {
		p.Add("body.status", "Status: terbuka, berjalan atau selesai.")
	}
	if utf8.RuneCountInString(l.CatatanDesa) > tlCatatanMax {
		p.Add("body.catatan_desa", "Catatan desa paling panjang %d karakter.", tlCatatanMax)
	}
	return p.Err()
}

var (
	errTLTidakAda    = fault.New(fault.NotFound, "Tindak lanjut tidak ditemukan.")
	errTLSesiTiada   = fault.New(fault.NotFound, "Pembinaan tidak ditemukan.")
	errTLTakBerhak   = fault.New(fault.Forbidden, "Anda tidak berwenang mengelola tindak lanjut pembinaan ini.")
	errTLTakDiundang = fault.Field("body.desa", "Desa ini tidak diundang ke pembinaan tersebut.")
)

func tlID() string { return uuid.Must(uuid.NewV7()).String() }

func tlSah(id string) bool { _, err := uuid.Parse(id); return err == nil }

func tlPelaku(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return audit.ActorSystem
}

func (m *Module) tlWaktu() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

// tlSesiRow is the part of a session the follow-up rules read.
type tlSesiRow struct {
	DesaID        int64  `bun:"desa_id"`
	ID            string `bun:"id"`
	OPDID         string `bun:"opd_id"`
	Judul         string `bun:"judul"`
	Penyelenggara string `bun:"penyelenggara"`
	Status        string `bun:"status"`
}

// tlOPD is the signed-in user's OPD id, "" for a user of none.
func (m *Module) tlOPD(ctx context.Context) (string, error) {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.opd == nil {
		return "", nil
	}
	o, ok, err := m.opd.OPDOf(ctx, u.ID)
	if err != nil || !ok {
		return "", err
	}
	return o.ID, nil
}

// tlSesi reads a session organised inside the tenant wilayah that the user
// may manage: an OPD user only its own OPD's (another OPD's is NotFound).
func (m *Module) tlSesi(ctx context.Context, tx bun.IDB, id string) (tlSesiRow, error) {
	var s tlSesiRow
	if !tlSah(id) {
		return s, errTLSesiTiada
	}
	q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("pembinaan AS pb").
		ColumnExpr("pb.desa_id, pb.id, pb.opd_id, pb.judul, pb.penyelenggara, pb.status").Where("pb.id = ?", id), "pb.desa_id")
	if err != nil {
		return s, err
	}
	if err := q.Limit(1).Scan(ctx, &s); db.IsNoRows(err) {
		return s, errTLSesiTiada
	} else if err != nil {
		return s, err
	}
	opd, err := m.tlOPD(ctx)
	if err != nil {
		return s, err
	}
	if opd != "" && s.OPDID != opd {
		return s, errTLSesiTiada
	}
	return s, nil
}

// tlDiundang reports whether desa holds an invitation to session id.
func tlDiundang(ctx context.Context, tx bun.IDB, desa tenancy.Kode, id string) (bool, error) {
	n, err := tx.NewSelect().TableExpr("pembinaan_undangan AS u").
		Where("u.desa_id = ? AND u.pembinaan_id = ?", desa.ID(), id).Count(ctx)
	return n > 0, err
}

// tlTerlambat marks points past due at their desa.
func (m *Module) tlTandai(ps []PembinaanTindakLanjut) {
	for i := range ps {
		p := &ps[i]
		p.Desa = tenancy.KodeOfDesaID(p.DesaID)
		p.Terlambat = p.Status != TLSelesai && p.Tenggat.Before(civil.Today(m.now(), p.Desa))
	}
}

// tlFilter selects points of a list.
type tlFilter struct {
	PembinaanID string
	Status      string
	Terlambat   bool
	ID          string
}

// tlDaftar lists the points inside the tenant (a desa, kecamatan or
// kabupaten) with their session's title from the desa's invitation,
// due date first.
func (m *Module) tlDaftar(ctx context.Context, f tlFilter) ([]PembinaanTindakLanjut, error) {
	var rows []struct {
		PembinaanTindakLanjut `bun:",extend"`
		Judul                 string `bun:"judul"`
		Penyelenggara         string `bun:"penyelenggara"`
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewSelect().Model(&rows).
			ColumnExpr("tl.*, COALESCE(u.judul, '') AS judul, COALESCE(u.penyelenggara, '') AS penyelenggara").
			Join("LEFT JOIN pembinaan_undangan AS u ON u.desa_id = tl.desa_id AND u.pembinaan_id = tl.pembinaan_id")
		q, err := tenancy.ScopeColumn(ctx, q, "tl.desa_id")
		if err != nil {
			return err
		}
		if f.PembinaanID != "" {
			q = q.Where("tl.pembinaan_id = ?", f.PembinaanID)
		}
		if f.ID != "" {
			q = q.Where("tl.id = ?", f.ID)
		}
		if f.Status != "" {
			q = q.Where("tl.status = ?", f.Status)
		}
		if f.Terlambat {
			q = q.Where("tl.status <> ? AND tl.tenggat < ?", TLSelesai, civil.Today(m.now(), tenantOf(ctx)))
		}
		return q.OrderExpr("tl.tenggat, tl.desa_id, tl.id").Limit(tlMaxList).Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	out := make([]PembinaanTindakLanjut, len(rows))
	for i, r := range rows {
		out[i] = r.PembinaanTindakLanjut
		out[i].Judul, out[i].Penyelenggara = r.Judul, r.Penyelenggara
	}
	m.tlTandai(out)
	if w := tenantOf(ctx); !w.IsDesa() && m.regions != nil && len(out) > 0 {
		ds, err := m.regions.DesaIn(ctx, w)
		if err != nil {
			return nil, err
		}
		nama := map[tenancy.Kode]string{}
		for _, d := range ds {
			nama[d.Kode] = d.Nama
		}
		for i := range out {
			out[i].NamaDesa = nama[out[i].Desa]
		}
	}
	return out, nil
}

func tenantOf(ctx context.Context) tenancy.Kode {
	t, _ := tenancy.From(ctx)
	return t.Kode
}

// DaftarTindakLanjutSesi lists the points of a session the user may manage
// (tenant: the organizing wilayah).
func (m *Module) DaftarTindakLanjutSesi(ctx context.Context, sesiID string) (tlSesiRow, []PembinaanTindakLanjut, error) {
	var s tlSesiRow
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		s, err = m.tlSesi(ctx, tx, sesiID)
		return err
	})
	if err != nil {
		return s, nil, err
	}
	ps, err := m.tlDaftar(ctx, tlFilter{PembinaanID: s.ID})
	return s, ps, err
}

// DaftarTindakLanjut lists the points inside the tenant (a desa its own;
// a kecamatan or kabupaten its desa'), filtered by status and overdue.
func (m *Module) DaftarTindakLanjut(ctx context.Context, status string, terlambat bool) ([]PembinaanTindakLanjut, error) {
	if status != "" {
		if _, ok := tlStatusLabel[status]; !ok {
			return nil, fault.Field("status", "Status: terbuka, berjalan atau selesai.")
		}
	}
	return m.tlDaftar(ctx, tlFilter{Status: status, Terlambat: terlambat})
}

func (m *Module) tlSatu(ctx context.Context, id string) (PembinaanTindakLanjut, error) {
	if !tlSah(id) {
		return PembinaanTindakLanjut{}, errTLTidakAda
	}
	ps, err := m.tlDaftar(ctx, tlFilter{ID: id})
	if err != nil {
		return PembinaanTindakLanjut{}, err
	}
	if len(ps) == 0 {
		return PembinaanTindakLanjut{}, errTLTidakAda
	}
	return ps[0], nil
}

// BuatTindakLanjut adds a point for an invited desa of a session the user
// may manage (tenant: the organizing wilayah).
func (m *Module) BuatTindakLanjut(ctx context.Context, sesiID string, d PembinaanTindakLanjutData) (PembinaanTindakLanjut, error) {
	return m.tlTambah(ctx, sesiID, d, "", false)
}

func (m *Module) tlTambah(ctx context.Context, sesiID string, d PembinaanTindakLanjutData, asal string, demo bool) (PembinaanTindakLanjut, error) {
	if err := d.Validate(); err != nil {
		return PembinaanTindakLanjut{}, err
	}
	desa, _ := tenancy.ParseKode(d.Desa)
	if !tenantOf(ctx).Contains(desa) {
		return PembinaanTindakLanjut{}, errTLTakDiundang
	}
	now, by := m.tlWaktu(), tlPelaku(ctx)
	row := PembinaanTindakLanjut{DesaID: desa.ID(), ID: tlID(), Uraian: d.Uraian, Tenggat: d.Tenggat, Status: d.Status,
		Asal: asal, Demo: demo, CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		s, err := m.tlSesi(ctx, tx, sesiID)
		if err != nil {
			return err
		}
		row.PembinaanID = s.ID
		ok, err := tlDiundang(ctx, tx, desa, s.ID)
		if err != nil {
			return err
		}
		if !ok {
			return errTLTakDiundang
		}
		_, err = tx.NewInsert().Model(&row).Returning("NULL").Exec(ctx)
		return err
	})
	if err != nil {
		return PembinaanTindakLanjut{}, err
	}
	return m.tlSatu(ctx, row.ID)
}

// UbahTindakLanjut changes a point's uraian, due date and status (the
// desa is fixed: another desa in the data is refused).
func (m *Module) UbahTindakLanjut(ctx context.Context, sesiID, id string, d PembinaanTindakLanjutData) (PembinaanTindakLanjut, error) {
	if err := d.Validate(); err != nil {
		return PembinaanTindakLanjut{}, err
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		s, err := m.tlSesi(ctx, tx, sesiID)
		if err != nil {
			return err
		}
		old, err := tlBaca(ctx, tx, s.ID, id)
		if err != nil {
			return err
		}
		if string(tenancy.KodeOfDesaID(old.DesaID)) != d.Desa {
			return fault.Field("body.desa", "Desa sebuah tindak lanjut tidak dapat diganti; hapus lalu buat yang baru.")
		}
		_, err = tx.NewUpdate().Model((*PembinaanTindakLanjut)(nil)).
			Set("uraian = ?, tenggat = ?, status = ?, updated_by = ?, updated_at = ?", d.Uraian, d.Tenggat, d.Status, tlPelaku(ctx), m.tlWaktu()).
			Where("desa_id = ? AND id = ?", old.DesaID, old.ID).Exec(ctx)
		return err
	})
	if err != nil {
		return PembinaanTindakLanjut{}, err
	}
	return m.tlSatu(ctx, id)
}

// HapusTindakLanjut removes a point of a session the user may manage.
func (m *Module) HapusTindakLanjut(ctx context.Context, sesiID, id string) error {
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		s, err := m.tlSesi(ctx, tx, sesiID)
		if err != nil {
			return err
		}
		old, err := tlBaca(ctx, tx, s.ID, id)
		if err != nil {
			return err
		}
		_, err = tx.NewDelete().Model((*PembinaanTindakLanjut)(nil)).Where("desa_id = ? AND id = ?", old.DesaID, old.ID).Exec(ctx)
		return err
	})
}

// tlBaca reads a point inside the tenant; sesiID "" takes any session.
func tlBaca(ctx context.Context, tx bun.IDB, sesiID, id string) (PembinaanTindakLanjut, error) {
	var p PembinaanTindakLanjut
	if !tlSah(id) {
		return p, errTLTidakAda
	}
	q := tx.NewSelect().Model(&p).Where("tl.id = ?", id)
	if sesiID != "" {
		q = q.Where("tl.pembinaan_id = ?", sesiID)
	}
	q, err := tenancy.Scope(ctx, q)
	if err != nil {
		return p, err
	}
	if err := q.Scan(ctx); db.IsNoRows(err) {
		return p, errTLTidakAda
	} else if err != nil {
		return p, err
	}
	return p, nil
}

// LaporTindakLanjut is the desa's report on its own point (tenant: the
// desa): status and catatan_desa only.
func (m *Module) LaporTindakLanjut(ctx context.Context, id string, l PembinaanTindakLanjutLaporan) (PembinaanTindakLanjut, error) {
	if err := l.Validate(); err != nil {
		return PembinaanTindakLanjut{}, err
	}
	if !tenantOf(ctx).IsDesa() {
		return PembinaanTindakLanjut{}, errTLTidakAda
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		old, err := tlBaca(ctx, tx, "", id)
		if err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model((*PembinaanTindakLanjut)(nil)).
			Set("status = ?, catatan_desa = ?, updated_by = ?, updated_at = ?", l.Status, l.CatatanDesa, tlPelaku(ctx), m.tlWaktu()).
			Where("desa_id = ? AND id = ?", old.DesaID, old.ID).Exec(ctx)
		return err
	})
	if err != nil {
		return PembinaanTindakLanjut{}, err
	}
	return m.tlSatu(ctx, id)
}

// tambahTindakLanjut is kontrak.go's TambahTindakLanjut: a point raised
// elsewhere (a konsultasi thread), idempotent on asal.
func (m *Module) tambahTindakLanjut(ctx context.Context, in TindakLanjutBaru) (string, error) {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.authz == nil {
		return "", errTLTakBerhak
	}
	if !in.Desa.IsDesa() {
		return "", fault.Field("body.desa", "Pilih desa yang diundang.")
	}
	if boleh, err := m.authz.Allowed(ctx, u.ID, in.Desa, PermKelola); err != nil {
		return "", err
	} else if !boleh {
		return "", errTLTakBerhak
	}
	in.Asal = strings.TrimSpace(in.Asal)
	if in.Asal == "" || len(in.Asal) > 200 {
		return "", fault.Field("asal", "Asal tindak lanjut wajib diisi (paling panjang 200 karakter).")
	}
	d := PembinaanTindakLanjutData{Desa: string(in.Desa), Uraian: in.Uraian, Tenggat: civil.DateOf(in.Tenggat.In(civil.Zone(in.Desa))), Status: TLTerbuka}
	if in.Tenggat.IsZero() {
		d.Tenggat = ""
	}
	if err := d.Validate(); err != nil {
		return "", err
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: in.Desa})
	var id string
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var ada []string
		if err := tx.NewSelect().TableExpr("pembinaan_tindak_lanjut AS tl").Column("tl.id").
			Where("tl.desa_id = ? AND tl.asal = ?", in.Desa.ID(), in.Asal).Scan(ctx, &ada); err != nil {
			return err
		}
		if len(ada) > 0 {
			id = ada[0]
			return nil
		}
		if !tlSah(in.PembinaanID) {
			return errTLSesiTiada
		}
		ok, err := tlDiundang(ctx, tx, in.Desa, in.PembinaanID)
		if err != nil {
			return err
		}
		if !ok {
			return fault.Field("pembinaan_id", "Desa ini tidak diundang ke pembinaan tersebut.")
		}
		now, by := m.tlWaktu(), u.ID
		row := PembinaanTindakLanjut{DesaID: in.Desa.ID(), ID: tlID(), PembinaanID: in.PembinaanID, Uraian: d.Uraian, Tenggat: d.Tenggat,
			Status: TLTerbuka, Asal: in.Asal, CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
		if _, err := tx.NewInsert().Model(&row).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
		id = row.ID
		return nil
	})
	if db.IsUniqueViolation(err) {
		// A concurrent call with the same asal won: answer its point.
		var ada []string
		if e := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return tx.NewSelect().TableExpr("pembinaan_tindak_lanjut AS tl").Column("tl.id").
				Where("tl.desa_id = ? AND tl.asal = ?", in.Desa.ID(), in.Asal).Scan(ctx, &ada)
		}); e == nil && len(ada) > 0 {
			return ada[0], nil
		}
	}
	return id, err
}

// StatusLabel is the status as printed.
func (p PembinaanTindakLanjut) StatusLabel() string { return tlStatusLabel[p.Status] }
