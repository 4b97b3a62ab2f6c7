package konsultasi

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

var (
	errTidakAda = fault.New(fault.NotFound, "Konsultasi tidak ditemukan.")
	errSelesai  = fault.New(fault.Conflict, "Konsultasi sudah selesai; buka konsultasi baru bila masih ada pertanyaan.")
)

// KonsultasiUtas is a thread as shown: its messages oldest first and its
// files.
type KonsultasiUtas struct {
	ID                 string               `json:"id"`
	Desa               tenancy.Kode         `json:"desa"`
	DesaNama           string               `json:"desa_nama"`
	Bagian             string               `json:"bagian"`
	BagianNama         string               `json:"bagian_nama"`
	Topik              string               `json:"topik"`
	TopikNama          string               `json:"topik_nama"`
	Judul              string               `json:"judul"`
	Status             Status               `json:"status" enum:"baru,dijawab,selesai"`
	DibukaNama         string               `json:"dibuka_oleh"`
	DibukaPada         time.Time            `json:"dibuka_pada"`
	DijawabPertamaPada *time.Time           `json:"dijawab_pertama_pada,omitempty"`
	HariKerjaJawab     *int                 `json:"hari_kerja_jawab,omitempty" doc:"Hari kerja dari dibuka sampai jawaban pertama kecamatan"`
	UmurHariKerja      int                  `json:"umur_hari_kerja" doc:"Hari kerja sejak dibuka sampai hari ini"`
	SelesaiPada        *time.Time           `json:"selesai_pada,omitempty"`
	TindakLanjutID     string               `json:"tindak_lanjut_id,omitempty"`
	PembinaanID        string               `json:"pembinaan_id,omitempty"`
	Pesan              []KonsultasiPesan    `json:"pesan,omitempty"`
	Lampiran           []KonsultasiLampiran `json:"lampiran,omitempty"`
}

func pelaku(ctx context.Context) (id, nama string) {
	if u, ok := auth.UserFrom(ctx); ok {
		nama = u.Name
		if nama == "" {
			nama = u.Email
		}
		return u.ID, nama
	}
	return audit.ActorSystem, "Sistem"
}

func (m *Module) waktu() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

func kodeOf(ctx context.Context) tenancy.Kode {
	t, _ := tenancy.From(ctx)
	return t.Kode
}

func (m *Module) allowed(ctx context.Context, k tenancy.Kode, p authz.Permission) bool {
	if m.authz == nil {
		return false
	}
	u, ok := auth.UserFrom(ctx)
	if !ok {
		return false
	}
	ok, err := m.authz.Allowed(ctx, u.ID, k, p)
	return err == nil && ok
}

// sisiOf is the side the user in ctx writes for in desa: the kecamatan
// (PermJawab) or the desa (PermTanya); neither is Forbidden.
func (m *Module) sisiOf(ctx context.Context, desa tenancy.Kode) (Sisi, error) {
	switch {
	case m.allowed(ctx, desa, PermJawab):
		return SisiKecamatan, nil
	case m.allowed(ctx, desa, PermTanya):
		return SisiDesa, nil
	}
	return "", fault.New(fault.Forbidden, "Hanya perangkat desa ini atau camat dan staf kecamatannya yang dapat menulis di konsultasi ini.")
}

func (m *Module) kalenderOf(ctx context.Context, k tenancy.Kode) (kalender.Kalender, error) {
	if m.calendar == nil {
		return kalender.New(nil), nil
	}
	return m.calendar.Kalender(ctx, k)
}

func (m *Module) nama(ctx context.Context, k tenancy.Kode) string {
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, k); err == nil {
			return n
		}
	}
	return string(k)
}

// Buka opens a thread of the tenant desa to its kecamatan, the question
// its first message; the kecamatan's users are told.
func (m *Module) Buka(ctx context.Context, in KonsultasiBaru) (KonsultasiUtas, error) {
	return m.buka(ctx, in, false)
}

func (m *Module) buka(ctx context.Context, in KonsultasiBaru, demo bool) (KonsultasiUtas, error) {
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return KonsultasiUtas{}, err
	}
	if err := in.Validate(); err != nil {
		return KonsultasiUtas{}, err
	}
	by, nama := pelaku(ctx)
	now := m.waktu()
	k := Konsultasi{DesaID: desaID, ID: baruID(), Bagian: in.Bagian, Topik: in.Topik, Judul: in.Judul, Status: Baru,
		DibukaOleh: by, DibukaNama: nama, DibukaPada: now, Demo: demo, UpdatedAt: now}
	p := KonsultasiPesan{DesaID: desaID, ID: baruID(), KonsultasiID: k.ID, Sisi: SisiDesa, Isi: in.Isi, Pengirim: by, PengirimNama: nama, CreatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&k).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(&p).Returning("NULL").Exec(ctx)
		return err
	})
	if err != nil {
		return KonsultasiUtas{}, err
	}
	desa := tenancy.KodeOfDesaID(desaID)
	if !demo {
		m.beritahuKecamatan(ctx, desa, k)
	}
	return m.Lihat(ctx, k.ID)
}

// beritahuKecamatan tells the users at the desa's kecamatan of a new
// thread; a failure is logged, the thread stands.
func (m *Module) beritahuKecamatan(ctx context.Context, desa tenancy.Kode, k Konsultasi) {
	if m.staff == nil || m.notifier == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	users, err := m.staff.UsersAt(ctx, desa.Up(tenancy.Kecamatan))
	if err == nil && len(users) > 0 {
		_, err = m.notifier.Notify(ctx, users, Pesan{Kunci: "konsultasi:" + k.ID + ":baru",
			Judul: "Konsultasi baru dari " + m.nama(ctx, desa), Isi: NamaBagian(k.Bagian) + " — " + k.Judul, Tautan: URLUtas(desa, k.ID)})
	}
	if err != nil {
		m.log.ErrorContext(ctx, "konsultasi: notify kecamatan", "err", err, "id", k.ID)
	}
}

// URLUtas is a thread's page.
func URLUtas(desa tenancy.Kode, id string) string {
	return "/desa/" + string(desa) + "/konsultasi/" + id
}

func bacaKonsultasi(ctx context.Context, tx bun.Tx, id string, kunci bool) (Konsultasi, error) {
	var k Konsultasi
	if !idSah(id) {
		return k, errTidakAda
	}
	sel := tx.NewSelect().Model(&k).Where("k.id = ?", id)
	if kunci && tx.Dialect().Name() == dialect.PG {
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

func (m *Module) utasDari(ctx context.Context, kal kalender.Kalender, today civil.Date, k Konsultasi) KonsultasiUtas {
	desa := tenancy.KodeOfDesaID(k.DesaID)
	u := KonsultasiUtas{ID: k.ID, Desa: desa, Bagian: k.Bagian, BagianNama: NamaBagian(k.Bagian), Topik: k.Topik, TopikNama: NamaTopik(k.Topik),
		Judul: k.Judul, Status: k.Status, DibukaNama: k.DibukaNama, DibukaPada: k.DibukaPada, DijawabPertamaPada: k.DijawabPertamaPada,
		HariKerjaJawab: k.HariKerjaJawab, SelesaiPada: k.SelesaiPada, TindakLanjutID: k.TindakLanjutID, PembinaanID: k.PembinaanID}
	u.UmurHariKerja, _ = kal.Antara(civil.Today(k.DibukaPada, desa), today)
	return u
}

// Lihat is thread id of the tenant (a desa, or a kecamatan over its desa)
// with its messages and files.
func (m *Module) Lihat(ctx context.Context, id string) (KonsultasiUtas, error) {
	var k Konsultasi
	var ps []KonsultasiPesan
	var ls []KonsultasiLampiran
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if k, err = bacaKonsultasi(ctx, tx, id, false); err != nil {
			return err
		}
		if err := tx.NewSelect().Model(&ps).Where("p.desa_id = ? AND p.konsultasi_id = ?", k.DesaID, k.ID).OrderExpr("p.created_at, p.id").Scan(ctx); err != nil {
			return err
		}
		return tx.NewSelect().Model(&ls).Where("l.desa_id = ? AND l.konsultasi_id = ?", k.DesaID, k.ID).OrderExpr("l.created_at, l.id").Scan(ctx)
	})
	if err != nil {
		return KonsultasiUtas{}, err
	}
	desa := tenancy.KodeOfDesaID(k.DesaID)
	kal, err := m.kalenderOf(ctx, desa)
	if err != nil {
		return KonsultasiUtas{}, err
	}
	u := m.utasDari(ctx, kal, civil.Today(m.now(), desa), k)
	u.DesaNama = m.nama(ctx, desa)
	u.Pesan = ps
	for i := range ls {
		ls[i].URL = URLLampiran(desa, k.ID, ls[i].ID)
	}
	u.Lampiran = ls
	return u, nil
}

// Saring narrows a list: bagian and status, "" any.
type Saring struct {
	Bagian string
	Status string
}

// daftarKunci is a list cursor: the rows already shown. The order puts
// unanswered threads first by age, so a key on the row itself would need
// three directions; a thread changing state between two pages may show
// twice or be skipped, which a reload mends.
type daftarKunci struct {
	Lewati int `json:"lewati"`
}

// Daftar lists the threads of the tenant (a desa, or a kecamatan's desa):
// unanswered first, oldest first, then answered, then closed newest first;
// a page of p.Size() rows (≤ 100) without messages.
func (m *Module) Daftar(ctx context.Context, s Saring, p page.Params) (page.Page[KonsultasiUtas], error) {
	var none page.Page[KonsultasiUtas]
	if s.Bagian != "" && !ada(Bagian, s.Bagian) {
		return none, fault.Field("query.bagian", "Seksi tidak dikenal.")
	}
	if s.Status != "" && s.Status != string(Baru) && s.Status != string(Dijawab) && s.Status != string(Selesai) {
		return none, fault.Field("query.status", "Status baru, dijawab atau selesai.")
	}
	var key daftarKunci
	if _, err := page.Decode(p.Cursor, &key); err != nil {
		return none, err
	}
	// Only a cursor this list made: another list's (or a crafted) one
	// reads as this one's zero value otherwise.
	if key.Lewati < 0 || key.Lewati > MaksLewati || (p.Cursor != "" && page.Encode(key) != p.Cursor) {
		return none, fault.Field("query.cursor", "Cursor tidak sah.")
	}
	limit := p.Size()
	var ks []Konsultasi
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model(&ks).
			OrderExpr("CASE k.status WHEN 'baru' THEN 0 WHEN 'dijawab' THEN 1 ELSE 2 END").
			OrderExpr("CASE WHEN k.status = 'selesai' THEN NULL ELSE k.dibuka_pada END ASC").
			OrderExpr("k.dibuka_pada DESC, k.id").Offset(int64(key.Lewati)).Limit(int64(limit + 1))
		if s.Bagian != "" {
			sel = sel.Where("k.bagian = ?", s.Bagian)
		}
		if s.Status != "" {
			sel = sel.Where("k.status = ?", s.Status)
		}
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	if err != nil {
		return none, err
	}
	out := make([]KonsultasiUtas, 0, len(ks))
	if len(ks) == 0 {
		return page.Page[KonsultasiUtas]{Items: out}, nil
	}
	w := kodeOf(ctx)
	kal, err := m.kalenderOf(ctx, w)
	if err != nil {
		return none, err
	}
	today := civil.Today(m.now(), w)
	names := map[tenancy.Kode]string{}
	for _, k := range ks {
		u := m.utasDari(ctx, kal, today, k)
		if _, ok := names[u.Desa]; !ok {
			names[u.Desa] = m.nama(ctx, u.Desa)
		}
		u.DesaNama = names[u.Desa]
		out = append(out, u)
	}
	return page.Of(out, limit, func(KonsultasiUtas) daftarKunci { return daftarKunci{Lewati: key.Lewati + limit} }), nil
}

// Kirim appends a message to thread id of the tenant desa for the user's
// side. The kecamatan's first answer makes it dijawab and stops its clock
// (working days from opening); the other side is told.
func (m *Module) Kirim(ctx context.Context, id string, in KonsultasiPesanBaru) (KonsultasiPesan, error) {
	desa := kodeOf(ctx)
	if !desa.IsDesa() {
		return KonsultasiPesan{}, tenancy.ErrNotDesa
	}
	sisi, err := m.sisiOf(ctx, desa)
	if err != nil {
		return KonsultasiPesan{}, err
	}
	if err := in.Validate(); err != nil {
		return KonsultasiPesan{}, err
	}
	return m.kirim(ctx, id, sisi, in.Isi, false)
}

func (m *Module) kirim(ctx context.Context, id string, sisi Sisi, isi string, diam bool) (KonsultasiPesan, error) {
	by, nama := pelaku(ctx)
	now := m.waktu()
	desa := kodeOf(ctx)
	kal, err := m.kalenderOf(ctx, desa)
	if err != nil {
		return KonsultasiPesan{}, err
	}
	var k Konsultasi
	p := KonsultasiPesan{ID: baruID(), KonsultasiID: id, Sisi: sisi, Isi: isi, Pengirim: by, PengirimNama: nama, CreatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if k, err = bacaKonsultasi(ctx, tx, id, true); err != nil {
			return err
		}
		if k.Status == Selesai {
			return errSelesai
		}
		p.DesaID = k.DesaID
		if _, err := tx.NewInsert().Model(&p).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
		cols := []string{"updated_at"}
		k.UpdatedAt = now
		if sisi == SisiKecamatan && k.Status == Baru {
			hari, _ := kal.Antara(civil.Today(k.DibukaPada, desa), civil.Today(now, desa))
			k.Status, k.DijawabPertamaPada, k.HariKerjaJawab = Dijawab, &now, &hari
			cols = append(cols, "status", "dijawab_pertama_pada", "hari_kerja_jawab")
		}
		_, err := tx.NewUpdate().Model(&k).Column(cols...).WherePK().Returning("NULL").Exec(ctx)
		return err
	})
	if err != nil {
		return KonsultasiPesan{}, err
	}
	if !diam {
		if sisi == SisiKecamatan {
			m.beritahu(ctx, []string{k.DibukaOleh}, Pesan{Kunci: "konsultasi:" + k.ID + ":pesan:" + p.ID,
				Judul: "Kecamatan menjawab konsultasi Anda", Isi: k.Judul, Tautan: URLUtas(desa, k.ID)})
		} else if k.Status != Baru {
			m.beritahuKecamatanBalasan(ctx, desa, k, p)
		}
	}
	return p, nil
}

func (m *Module) beritahu(ctx context.Context, users []string, p Pesan) {
	if m.notifier == nil || len(users) == 0 || users[0] == audit.ActorSystem {
		return
	}
	if _, err := m.notifier.Notify(context.WithoutCancel(ctx), users, p); err != nil {
		m.log.ErrorContext(ctx, "konsultasi: notify", "err", err, "kunci", p.Kunci)
	}
}

// beritahuKecamatanBalasan tells the kecamatan of the desa's reply to an
// answered thread.
func (m *Module) beritahuKecamatanBalasan(ctx context.Context, desa tenancy.Kode, k Konsultasi, p KonsultasiPesan) {
	if m.staff == nil {
		return
	}
	users, err := m.staff.UsersAt(context.WithoutCancel(ctx), desa.Up(tenancy.Kecamatan))
	if err != nil {
		m.log.ErrorContext(ctx, "konsultasi: staff", "err", err)
		return
	}
	m.beritahu(ctx, users, Pesan{Kunci: "konsultasi:" + k.ID + ":pesan:" + p.ID, Judul: "Balasan konsultasi dari " + m.nama(ctx, desa),
		Isi: k.Judul, Tautan: URLUtas(desa, k.ID)})
}

// Tutup closes thread id of the tenant desa (either side); final.
func (m *Module) Tutup(ctx context.Context, id string, in KonsultasiUbahStatus) (KonsultasiUtas, error) {
	desa := kodeOf(ctx)
	if !desa.IsDesa() {
		return KonsultasiUtas{}, tenancy.ErrNotDesa
	}
	if _, err := m.sisiOf(ctx, desa); err != nil {
		return KonsultasiUtas{}, err
	}
	if err := in.Validate(); err != nil {
		return KonsultasiUtas{}, err
	}
	if err := m.tutup(ctx, id); err != nil {
		return KonsultasiUtas{}, err
	}
	return m.Lihat(ctx, id)
}

func (m *Module) tutup(ctx context.Context, id string) error {
	by, _ := pelaku(ctx)
	now := m.waktu()
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		k, err := bacaKonsultasi(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if k.Status == Selesai {
			return fault.New(fault.Conflict, "Konsultasi sudah selesai.")
		}
		k.Status, k.SelesaiPada, k.SelesaiOleh, k.UpdatedAt = Selesai, &now, by, now
		_, err = tx.NewUpdate().Model(&k).Column("status", "selesai_pada", "selesai_oleh", "updated_at").WherePK().Returning("NULL").Exec(ctx)
		return err
	})
}

// SesiPembinaan lists the pembinaan sessions of the tenant desa a thread
// can become a follow-up point of.
func (m *Module) SesiPembinaan(ctx context.Context) ([]Sesi, error) {
	if m.tindakLanjut == nil {
		return nil, errTLTidakTersedia
	}
	ss, err := m.tindakLanjut.SesiDesa(ctx, kodeOf(ctx))
	if err != nil {
		return nil, tlGagal(err)
	}
	return ss, nil
}

var errTLTidakTersedia = fault.New(fault.Unavailable, "Tindak lanjut pembinaan belum dapat dibuat saat ini; coba lagi nanti.")

// tlGagal turns pembinaan's fault into this module's problem: its coded
// faults (forbidden, invalid, not found) pass as they are; anything else
// is a clear 503 (the cause is logged by the edge as the wrapped error).
func tlGagal(err error) error {
	if _, ok := fault.As(err); ok {
		return err
	}
	return &fault.Error{Code: fault.Unavailable, Message: "Pembinaan tidak dapat mencatat tindak lanjut saat ini; coba lagi nanti.", Err: err}
}

// JadikanTindakLanjut turns thread id of the tenant desa into a follow-up
// point of one of the desa's pembinaan sessions (pembinaan checks the
// user may manage it); the point's id is kept on the thread. A second
// call for the same thread returns the same point (Asal).
func (m *Module) JadikanTindakLanjut(ctx context.Context, id string, in KonsultasiTindakLanjutInput) (KonsultasiUtas, error) {
	desa := kodeOf(ctx)
	if !desa.IsDesa() {
		return KonsultasiUtas{}, tenancy.ErrNotDesa
	}
	if !m.allowed(ctx, desa, PermJawab) {
		return KonsultasiUtas{}, fault.New(fault.Forbidden, "Hanya camat dan staf kecamatan yang dapat menjadikan konsultasi tindak lanjut pembinaan.")
	}
	if m.tindakLanjut == nil {
		return KonsultasiUtas{}, errTLTidakTersedia
	}
	var k Konsultasi
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		k, err = bacaKonsultasi(ctx, tx, id, false)
		return err
	})
	if err != nil {
		return KonsultasiUtas{}, err
	}
	if err := in.Validate(k.Judul, civil.Today(m.now(), desa)); err != nil {
		return KonsultasiUtas{}, err
	}
	ss, err := m.tindakLanjut.SesiDesa(ctx, desa)
	if err != nil {
		return KonsultasiUtas{}, tlGagal(err)
	}
	found := false
	for _, s := range ss {
		found = found || s.ID == in.PembinaanID
	}
	if !found {
		return KonsultasiUtas{}, fault.Field("body.pembinaan_id", "Sesi pembinaan itu tidak diikuti desa ini.")
	}
	tl, err := m.tindakLanjut.TambahTindakLanjut(ctx, TindakLanjutBaru{PembinaanID: in.PembinaanID, Desa: desa,
		Uraian: in.Uraian, Tenggat: in.Tenggat.Time(), Asal: "konsultasi:" + k.ID})
	if err != nil {
		return KonsultasiUtas{}, tlGagal(err)
	}
	if tl == "" {
		return KonsultasiUtas{}, tlGagal(errors.New("konsultasi: pembinaan returned no id"))
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		k, err := bacaKonsultasi(ctx, tx, id, true)
		if err != nil {
			return err
		}
		k.TindakLanjutID, k.PembinaanID, k.UpdatedAt = tl, in.PembinaanID, m.waktu()
		_, err = tx.NewUpdate().Model(&k).Column("tindak_lanjut_id", "pembinaan_id", "updated_at").WherePK().Returning("NULL").Exec(ctx)
		return err
	})
	if err != nil {
		return KonsultasiUtas{}, fmt.Errorf("konsultasi: keep follow-up %s: %w", tl, err)
	}
	return m.Lihat(ctx, id)
}
