package kunjungan

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The store: every query is scoped to the tenant of ctx (the visit's desa,
// or a kecamatan/kabupaten range for the lists and dashboards); every
// write runs in one db.Tx, which carries the request's audit entry.

func baruID() string { return uuid.Must(uuid.NewV7()).String() }

func pelaku(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return audit.ActorSystem
}

func (m *Module) waktu() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

// hariIni is today in the tenant's (or the given wilayah's) time zone.
func (m *Module) hariIni(ctx context.Context) civil.Date {
	t, _ := tenancy.From(ctx)
	return civil.Today(m.now(), t.Kode)
}

// cekID accepts only a canonical UUID: PostgreSQL would answer anything
// else with an internal error.
func cekID(id string) bool {
	u, err := uuid.Parse(id)
	return err == nil && u.String() == id
}

var (
	errTidakAda         = fault.New(fault.NotFound, "Kunjungan tidak ditemukan.")
	errKomitmenTidakAda = fault.New(fault.NotFound, "Komitmen tidak ditemukan pada kunjungan ini.")
)

// DesaOf is the desa a visit goes to, from its id (before any tenant is
// known: the /kunjungan/{id} paths resolve their target with it).
func (m *Module) DesaOf(ctx context.Context, id string) (tenancy.Kode, error) {
	if !cekID(id) {
		return "", errTidakAda
	}
	var l lacak
	err := m.db.NewSelect().Model(&l).Where("l.id = ?", id).Scan(ctx)
	if db.IsNoRows(err) {
		return "", errTidakAda
	}
	if err != nil {
		return "", err
	}
	return tenancy.KodeOfDesaID(l.DesaID), nil
}

// opdPeserta resolves the OPD ids of a visit to the registry's entries of
// the desa's kabupaten.
func (m *Module) opdPeserta(ctx context.Context, desa tenancy.Kode, ids []string, field string) ([]OPD, error) {
	out := make([]OPD, 0, len(ids))
	kab := desa.Up(tenancy.Kabupaten)
	for i, id := range ids {
		f := fmt.Sprintf("%s[%d]", field, i)
		if m.opd == nil {
			return nil, fault.Field(f, "Registri OPD tidak tersedia.")
		}
		o, err := m.opd.OPDByID(ctx, id)
		if fault.Is(err, fault.NotFound) || fault.Is(err, fault.Invalid) || (err == nil && o.Kabupaten != kab) {
			return nil, fault.Field(f, "OPD ini tidak ada di registri kabupaten.")
		}
		if err != nil {
			return nil, err
		}
		if !o.Aktif {
			return nil, fault.Field(f, "OPD %s tidak aktif.", o.Nama)
		}
		out = append(out, o)
	}
	return out, nil
}

// Detail is a visit with its OPD, agenda and commitments.
type Detail struct {
	Kunjungan
	OPD      []PesertaOPD `json:"opd"`
	Agenda   []Agenda     `json:"agenda"`
	Komitmen []Komitmen   `json:"komitmen"`
}

// Buat schedules a visit to the tenant desa and queues its dossiers (the
// bupati's and one per OPD).
func (m *Module) Buat(ctx context.Context, d KunjunganData) (Detail, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return Detail{}, tenancy.ErrNoTenant
	}
	desaID, err := t.DesaID()
	if err != nil {
		return Detail{}, err
	}
	if err := d.validate(m.hariIni(ctx)); err != nil {
		return Detail{}, err
	}
	opds, err := m.opdPeserta(ctx, t.Kode, d.OPD, "body.opd")
	if err != nil {
		return Detail{}, err
	}
	for i, a := range d.Agenda {
		if a.OPDID != "" {
			if _, err := m.opdPeserta(ctx, t.Kode, []string{a.OPDID}, fmt.Sprintf("body.agenda[%d].opd_id", i)); err != nil {
				return Detail{}, err
			}
		}
	}
	now, by := m.waktu(), pelaku(ctx)
	k := Kunjungan{DesaID: desaID, ID: baruID(), Tanggal: d.Tanggal, Judul: d.Judul, Keterangan: d.Keterangan,
		Status: Direncanakan, CamatHadir: d.CamatHadir, ForumHadir: d.ForumHadir,
		CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
	det := Detail{Kunjungan: k, OPD: pesertaRows(k, opds), Agenda: []Agenda{}, Komitmen: []Komitmen{}}
	for i, a := range d.Agenda {
		det.Agenda = append(det.Agenda, Agenda{DesaID: desaID, KunjunganID: k.ID, Urut: i + 1, Jenis: a.Jenis, Judul: a.Judul,
			Keterangan: a.Keterangan, OPDID: a.OPDID, Oleh: OlehKabupaten, CreatedBy: by, CreatedAt: now})
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&lacak{ID: k.ID, DesaID: desaID}).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(&k).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
		if len(det.OPD) > 0 {
			if _, err := tx.NewInsert().Model(&det.OPD).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		if len(det.Agenda) > 0 {
			if _, err := tx.NewInsert().Model(&det.Agenda).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		return m.antriDossier(ctx, tx, desaID, k.ID, audiensOf(det.OPD))
	})
	if err != nil {
		return Detail{}, err
	}
	return det, nil
}

func pesertaRows(k Kunjungan, opds []OPD) []PesertaOPD {
	out := make([]PesertaOPD, len(opds))
	for i, o := range opds {
		out[i] = PesertaOPD{DesaID: k.DesaID, KunjunganID: k.ID, OPDID: o.ID, OPDKode: o.Kode, OPDNama: o.Nama}
	}
	return out
}

// audiensOf is the audiences of a visit's dossiers: the bupati and each
// OPD by its code.
func audiensOf(opds []PesertaOPD) []string {
	out := []string{AudiensBupati}
	for _, o := range opds {
		out = append(out, o.OPDKode)
	}
	return out
}

func bacaKunjungan(ctx context.Context, tx bun.Tx, id string, lock bool) (Kunjungan, error) {
	var k Kunjungan
	if !cekID(id) {
		return k, errTidakAda
	}
	sel := tx.NewSelect().Model(&k).Where("k.id = ?", id)
	if lock && tx.Dialect().Name() == dialect.PG {
		sel = sel.For("UPDATE")
	}
	sel, err := tenancy.Scope(ctx, sel)
	if err != nil {
		return k, err
	}
	if err := sel.Scan(ctx); db.IsNoRows(err) {
		return k, errTidakAda
	} else if err != nil {
		return k, err
	}
	return k, nil
}

func bacaAnak(ctx context.Context, tx bun.Tx, k Kunjungan) (Detail, error) {
	det := Detail{Kunjungan: k, OPD: []PesertaOPD{}, Agenda: []Agenda{}, Komitmen: []Komitmen{}}
	if err := tx.NewSelect().Model(&det.OPD).Where("o.desa_id = ? AND o.kunjungan_id = ?", k.DesaID, k.ID).
		OrderExpr("o.opd_kode").Scan(ctx); err != nil {
		return det, err
	}
	if err := tx.NewSelect().Model(&det.Agenda).Where("a.desa_id = ? AND a.kunjungan_id = ?", k.DesaID, k.ID).
		OrderExpr("a.urut").Scan(ctx); err != nil {
		return det, err
	}
	if err := tx.NewSelect().Model(&det.Komitmen).Where("c.desa_id = ? AND c.kunjungan_id = ?", k.DesaID, k.ID).
		OrderExpr("c.tenggat, c.id").Scan(ctx); err != nil {
		return det, err
	}
	return det, nil
}

// Lihat reads one visit of the tenant desa with its OPD, agenda and
// commitments. Who may see what is the caller's concern (see boleh*).
func (m *Module) Lihat(ctx context.Context, id string) (Detail, error) {
	var det Detail
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		k, err := bacaKunjungan(ctx, tx, id, false)
		if err != nil {
			return err
		}
		det, err = bacaAnak(ctx, tx, k)
		return err
	})
	return det, err
}

// ubah runs fn on a locked visit of the tenant desa whose status is one of
// allowed, then saves the visit's row as fn left it.
func (m *Module) ubah(ctx context.Context, id string, allowed []Status, fn func(ctx context.Context, tx bun.Tx, k *Kunjungan) error) (Detail, error) {
	var det Detail
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		k, err := bacaKunjungan(ctx, tx, id, true)
		if err != nil {
			return err
		}
		okStatus := false
		for _, s := range allowed {
			okStatus = okStatus || k.Status == s
		}
		if !okStatus {
			return fault.New(fault.Conflict, "Kunjungan berstatus %s: tindakan ini tidak dapat dilakukan.", k.Status.Judul())
		}
		if err := fn(ctx, tx, &k); err != nil {
			return err
		}
		k.UpdatedBy, k.UpdatedAt = pelaku(ctx), m.waktu()
		if _, err := tx.NewUpdate().Model(&k).WherePK().Exec(ctx); err != nil {
			return err
		}
		det, err = bacaAnak(ctx, tx, k)
		return err
	})
	return det, err
}

// Ubah changes a planned visit: date, title, OPD and invitations. OPD
// added get their dossier queued; the kabupaten's agenda is changed with
// TambahAgenda.
func (m *Module) Ubah(ctx context.Context, id string, d KunjunganData) (Detail, error) {
	t, _ := tenancy.From(ctx)
	d.Agenda = nil
	if err := d.validate(m.hariIni(ctx)); err != nil {
		return Detail{}, err
	}
	opds, err := m.opdPeserta(ctx, t.Kode, d.OPD, "body.opd")
	if err != nil {
		return Detail{}, err
	}
	return m.ubah(ctx, id, []Status{Direncanakan}, func(ctx context.Context, tx bun.Tx, k *Kunjungan) error {
		var lama []PesertaOPD
		if err := tx.NewSelect().Model(&lama).Where("o.desa_id = ? AND o.kunjungan_id = ?", k.DesaID, k.ID).Scan(ctx); err != nil {
			return err
		}
		ada := map[string]bool{}
		for _, o := range lama {
			ada[o.OPDID] = true
		}
		tanggalBerubah := k.Tanggal != d.Tanggal
		k.Tanggal, k.Judul, k.Keterangan, k.CamatHadir, k.ForumHadir = d.Tanggal, d.Judul, d.Keterangan, d.CamatHadir, d.ForumHadir
		if _, err := tx.NewDelete().Model((*PesertaOPD)(nil)).Where("desa_id = ? AND kunjungan_id = ?", k.DesaID, k.ID).Exec(ctx); err != nil {
			return err
		}
		baru := pesertaRows(*k, opds)
		if len(baru) > 0 {
			if _, err := tx.NewInsert().Model(&baru).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		var tambah []PesertaOPD
		for _, o := range baru {
			if !ada[o.OPDID] || tanggalBerubah {
				tambah = append(tambah, o)
			}
		}
		aud := audiensOf(tambah)
		if !tanggalBerubah {
			aud = aud[1:] // the bupati's is unchanged by another OPD
		}
		return m.antriDossier(ctx, tx, k.DesaID, k.ID, aud)
	})
}

// Mulai opens the day: direncanakan → berlangsung.
func (m *Module) Mulai(ctx context.Context, id string) (Detail, error) {
	return m.ubah(ctx, id, []Status{Direncanakan}, func(_ context.Context, _ bun.Tx, k *Kunjungan) error {
		k.Status = Berlangsung
		return nil
	})
}

// Selesaikan closes a visit that took place, with who came, and queues
// its report.
func (m *Module) Selesaikan(ctx context.Context, id string, d SelesaiData) (Detail, error) {
	d.CatatanHasil = squeezeParagraph(d.CatatanHasil)
	if err := checkParagraph("body.catatan_hasil", "Catatan hasil", d.CatatanHasil, 0, MaxKeterangan); err != nil {
		return Detail{}, err
	}
	return m.ubah(ctx, id, []Status{Berlangsung}, func(ctx context.Context, tx bun.Tx, k *Kunjungan) error {
		var ps []PesertaOPD
		if err := tx.NewSelect().Model(&ps).Where("o.desa_id = ? AND o.kunjungan_id = ?", k.DesaID, k.ID).Scan(ctx); err != nil {
			return err
		}
		hadir := map[string]bool{}
		for _, id := range d.OPDHadir {
			hadir[id] = true
		}
		for _, p := range ps {
			h := hadir[p.OPDID]
			delete(hadir, p.OPDID)
			if _, err := tx.NewUpdate().Model((*PesertaOPD)(nil)).Set("hadir = ?", h).
				Where("desa_id = ? AND kunjungan_id = ? AND opd_id = ?", k.DesaID, k.ID, p.OPDID).Exec(ctx); err != nil {
				return err
			}
		}
		if len(hadir) > 0 {
			return fault.Field("body.opd_hadir", "Hanya OPD peserta kunjungan yang dapat dicatat hadir.")
		}
		k.Status, k.CatatanHasil, k.CamatHadir, k.ForumHadir = Selesai, d.CatatanHasil, d.CamatHadir, d.ForumHadir
		return m.antriDossier(ctx, tx, k.DesaID, k.ID, []string{AudiensLaporan})
	})
}

// Batalkan cancels a visit that has not ended, with a reason.
func (m *Module) Batalkan(ctx context.Context, id, alasan string) (Detail, error) {
	alasan = squeeze(alasan)
	if err := checkText("body.alasan", "Alasan", alasan, 5, MaxAlasan); err != nil {
		return Detail{}, err
	}
	return m.ubah(ctx, id, []Status{Direncanakan, Berlangsung}, func(_ context.Context, _ bun.Tx, k *Kunjungan) error {
		k.Status, k.Alasan = Dibatalkan, alasan
		return nil
	})
}

// TambahAgenda adds an item: the kabupaten's (oleh kabupaten) until the
// visit ends, the desa's points and issues (oleh desa) while it is
// planned.
func (m *Module) TambahAgenda(ctx context.Context, id string, d AgendaData, oleh string) (Detail, error) {
	var p validProblems
	d.check(&p.Problems, "body.")
	if err := p.Err(); err != nil {
		return Detail{}, err
	}
	t, _ := tenancy.From(ctx)
	if d.OPDID != "" {
		if _, err := m.opdPeserta(ctx, t.Kode, []string{d.OPDID}, "body.opd_id"); err != nil {
			return Detail{}, err
		}
	}
	allowed := []Status{Direncanakan, Berlangsung}
	if oleh == OlehDesa {
		allowed = []Status{Direncanakan}
	}
	return m.ubah(ctx, id, allowed, func(ctx context.Context, tx bun.Tx, k *Kunjungan) error {
		var n int
		if err := tx.NewSelect().Model((*Agenda)(nil)).ColumnExpr("COALESCE(MAX(urut), 0)").
			Where("desa_id = ? AND kunjungan_id = ?", k.DesaID, k.ID).Scan(ctx, &n); err != nil {
			return err
		}
		if n >= MaxAgenda*2 {
			return fault.New(fault.Conflict, "Agenda kunjungan ini sudah penuh (%d butir).", MaxAgenda*2)
		}
		a := Agenda{DesaID: k.DesaID, KunjunganID: k.ID, Urut: n + 1, Jenis: d.Jenis, Judul: d.Judul, Keterangan: d.Keterangan,
			OPDID: d.OPDID, Oleh: oleh, CreatedBy: pelaku(ctx), CreatedAt: m.waktu()}
		_, err := tx.NewInsert().Model(&a).Returning("NULL").Exec(ctx)
		return err
	})
}

// HasilAgenda records how an item went, on the day or after.
func (m *Module) HasilAgenda(ctx context.Context, id string, urut int, d HasilAgendaData) (Detail, error) {
	d.Hasil = squeezeParagraph(d.Hasil)
	if err := checkParagraph("body.hasil", "Hasil", d.Hasil, 0, MaxKeterangan); err != nil {
		return Detail{}, err
	}
	return m.ubah(ctx, id, []Status{Berlangsung, Selesai}, func(ctx context.Context, tx bun.Tx, k *Kunjungan) error {
		res, err := tx.NewUpdate().Model((*Agenda)(nil)).Set("terlaksana = ?", d.Terlaksana).Set("hasil = ?", d.Hasil).
			Where("desa_id = ? AND kunjungan_id = ? AND urut = ?", k.DesaID, k.ID, urut).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fault.New(fault.NotFound, "Butir agenda %d tidak ada pada kunjungan ini.", urut)
		}
		return nil
	})
}
