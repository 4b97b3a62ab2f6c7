package pilkades

import (
	"context"
	"sort"
	"time"

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

// The store: every query is scoped to the tenant of ctx; every write runs
// in one db.Tx, which carries the request's audit entry.

func idBaru() string { return uuid.Must(uuid.NewV7()).String() }

func idSah(id string) bool { _, err := uuid.Parse(id); return err == nil && len(id) == 36 }

func penulis(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return audit.ActorSystem
}

func (m *Module) waktu() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

func (m *Module) hariIni(k tenancy.Kode) civil.Date { return civil.Today(m.now(), k) }

var (
	errTidakAda      = fault.New(fault.NotFound, "Pemilihan kepala desa tidak ditemukan.")
	errCalonTidakAda = fault.New(fault.NotFound, "Calon tidak ditemukan.")
	errTPSTidakAda   = fault.New(fault.NotFound, "TPS tidak ditemukan.")
	errSengketa      = fault.New(fault.NotFound, "Sengketa tidak ditemukan.")
	errGelombang     = fault.New(fault.NotFound, "Gelombang Pilkades tidak ditemukan.")
)

func scoped[T any](ctx context.Context, tx bun.IDB, dst *[]T, order string, where string, args ...any) error {
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(dst))
	if err != nil {
		return err
	}
	if where != "" {
		q = q.Where(where, args...)
	}
	return q.OrderExpr(order).Scan(ctx)
}

// bacaPemilihan reads one election row of the tenant desa.
func bacaPemilihan(ctx context.Context, tx bun.IDB, id string) (pemilihanRow, error) {
	var r pemilihanRow
	if !idSah(id) {
		return r, errTidakAda
	}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&r).Where("p.id = ?", id))
	if err != nil {
		return r, err
	}
	if err := q.Scan(ctx); db.IsNoRows(err) {
		return r, errTidakAda
	} else if err != nil {
		return r, err
	}
	return r, nil
}

// Buat starts an election of the tenant desa.
func (m *Module) Buat(ctx context.Context, in PilkadesBaru) (PilkadesPemilihan, error) {
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return PilkadesPemilihan{}, err
	}
	if err := in.Validate(); err != nil {
		return PilkadesPemilihan{}, err
	}
	now, by := m.waktu(), penulis(ctx)
	r := pemilihanRow{DesaID: desaID, ID: idBaru(), Tahun: in.Tahun, Status: StatusPersiapan, DPT: in.DPT,
		MasaJabatanTahun: in.MasaJabatanTahun, CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
	if err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&r).Returning("NULL").Exec(ctx)
		return err
	}); err != nil {
		return PilkadesPemilihan{}, err
	}
	return m.Lihat(ctx, r.ID)
}

// ubah runs fn on one election of the tenant desa in a write transaction
// and stamps it as updated.
func (m *Module) ubah(ctx context.Context, id string, fn func(ctx context.Context, tx bun.Tx, r *pemilihanRow) error) (PilkadesPemilihan, error) {
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := bacaPemilihan(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := fn(ctx, tx, &r); err != nil {
			return err
		}
		r.UpdatedBy, r.UpdatedAt = penulis(ctx), m.waktu()
		_, err = tx.NewUpdate().Model(&r).WherePK().Returning("NULL").Exec(ctx)
		return err
	})
	if err != nil {
		return PilkadesPemilihan{}, err
	}
	return m.Lihat(ctx, id)
}

func hasilTerkunci(r *pemilihanRow) error {
	if r.Status == StatusDitetapkan || r.Status == StatusDilantik {
		return fault.New(fault.Conflict, "Calon terpilih sudah ditetapkan; calon, TPS dan hasil tidak dapat diubah lagi.")
	}
	return nil
}

// UbahUmum changes an election's general data.
func (m *Module) UbahUmum(ctx context.Context, id string, in PilkadesUmum) (PilkadesPemilihan, error) {
	t, _ := tenancy.From(ctx)
	if err := in.Validate(m.hariIni(t.Kode)); err != nil {
		return PilkadesPemilihan{}, err
	}
	return m.ubah(ctx, id, func(ctx context.Context, tx bun.Tx, r *pemilihanRow) error {
		if r.Status == StatusDilantik && in.MasaJabatanTahun != r.MasaJabatanTahun {
			return fault.Field("body.masa_jabatan_tahun", "Kepala desa terpilih sudah dilantik; masa jabatannya tidak dapat diubah di sini.")
		}
		if r.Status != StatusDitetapkan && r.Status != StatusDilantik {
			r.Status = in.Status
		}
		r.Tahun, r.DPT, r.MasaJabatanTahun = in.Tahun, in.DPT, in.MasaJabatanTahun
		r.PanitiaSKNomor, r.PanitiaSKTanggal = in.PanitiaSKNomor, in.PanitiaSKTanggal
		return nil
	})
}

// SimpanPanitia replaces the panitia.
func (m *Module) SimpanPanitia(ctx context.Context, id string, in PilkadesPanitiaInput) (PilkadesPemilihan, error) {
	if err := in.Validate(); err != nil {
		return PilkadesPemilihan{}, err
	}
	return m.ubah(ctx, id, func(ctx context.Context, tx bun.Tx, r *pemilihanRow) error {
		if _, err := tx.NewDelete().Model((*panitiaRow)(nil)).Where("desa_id = ? AND pilkades_id = ?", r.DesaID, r.ID).Exec(ctx); err != nil {
			return err
		}
		if len(in.Anggota) == 0 {
			return nil
		}
		rows := make([]panitiaRow, len(in.Anggota))
		for i, a := range in.Anggota {
			rows[i] = panitiaRow{DesaID: r.DesaID, PilkadesID: r.ID, Urut: i + 1, Nama: a.Nama, Jabatan: a.Jabatan, Unsur: a.Unsur}
		}
		_, err := tx.NewInsert().Model(&rows).Returning("NULL").Exec(ctx)
		return err
	})
}

// SimpanTahapan replaces the tahapan (names, deadlines, done dates).
func (m *Module) SimpanTahapan(ctx context.Context, id string, in PilkadesTahapanInput) (PilkadesPemilihan, error) {
	t, _ := tenancy.From(ctx)
	if err := in.Validate(m.hariIni(t.Kode)); err != nil {
		return PilkadesPemilihan{}, err
	}
	return m.ubah(ctx, id, func(ctx context.Context, tx bun.Tx, r *pemilihanRow) error {
		return tulisTahapan(ctx, tx, r.DesaID, r.ID, in.Tahapan)
	})
}

func tulisTahapan(ctx context.Context, tx bun.Tx, desaID int64, id string, ts []PilkadesTahapan) error {
	if _, err := tx.NewDelete().Model((*tahapanRow)(nil)).Where("desa_id = ? AND pilkades_id = ?", desaID, id).Exec(ctx); err != nil {
		return err
	}
	if len(ts) == 0 {
		return nil
	}
	rows := make([]tahapanRow, len(ts))
	for i, t := range ts {
		rows[i] = tahapanRow{DesaID: desaID, PilkadesID: id, Urut: i + 1, Nama: t.Nama, Tenggat: t.Tenggat, Selesai: t.Selesai}
	}
	_, err := tx.NewInsert().Model(&rows).Returning("NULL").Exec(ctx)
	return err
}

// TandaiTahapan sets (or, with a zero date, clears) the done date of the
// tahapan at position urut (1-based).
func (m *Module) TandaiTahapan(ctx context.Context, id string, urut int, selesai civil.Date) (PilkadesPemilihan, error) {
	p, err := m.Lihat(ctx, id)
	if err != nil {
		return p, err
	}
	if urut < 1 || urut > len(p.Tahapan) {
		return p, fault.New(fault.NotFound, "Tahapan tidak ditemukan.")
	}
	in := PilkadesTahapanInput{Tahapan: p.Tahapan}
	in.Tahapan[urut-1].Selesai = selesai
	return m.SimpanTahapan(ctx, id, in)
}

// SimpanCalon adds (cid "") or changes a candidate.
func (m *Module) SimpanCalon(ctx context.Context, id, cid string, in PilkadesCalonInput) (PilkadesPemilihan, error) {
	if err := in.Validate(); err != nil {
		return PilkadesPemilihan{}, err
	}
	p, err := m.ubah(ctx, id, func(ctx context.Context, tx bun.Tx, r *pemilihanRow) error {
		if err := hasilTerkunci(r); err != nil {
			return err
		}
		c := calonRow{DesaID: r.DesaID, ID: cid, PilkadesID: r.ID, NomorUrut: in.NomorUrut, Nama: in.Nama, NIK: in.NIK}
		if cid == "" {
			n, err := tx.NewSelect().Model((*calonRow)(nil)).Where("desa_id = ? AND pilkades_id = ?", r.DesaID, r.ID).Count(ctx)
			if err != nil {
				return err
			}
			if n >= MaksCalon {
				return fault.New(fault.Conflict, "Calon paling banyak %d.", MaksCalon)
			}
			c.ID = idBaru()
			_, err = tx.NewInsert().Model(&c).Returning("NULL").Exec(ctx)
			return err
		}
		if !idSah(cid) {
			return errCalonTidakAda
		}
		res, err := tx.NewUpdate().Model(&c).Column("nomor_urut", "nama", "nik").WherePK().Where("pilkades_id = ?", r.ID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errCalonTidakAda
		}
		return nil
	})
	if db.IsUniqueViolation(err) {
		return p, fault.Field("body.nomor_urut", "Nomor urut %d sudah dipakai calon lain.", in.NomorUrut)
	}
	return p, err
}

// SimpanTPS adds (tid "") or changes a TPS with its results.
func (m *Module) SimpanTPS(ctx context.Context, id, tid string, in PilkadesTPSInput) (PilkadesPemilihan, error) {
	if err := in.Validate(); err != nil {
		return PilkadesPemilihan{}, err
	}
	p, err := m.ubah(ctx, id, func(ctx context.Context, tx bun.Tx, r *pemilihanRow) error {
		if err := hasilTerkunci(r); err != nil {
			return err
		}
		var cs []calonRow
		if err := scoped(ctx, tx, &cs, "c.nomor_urut", "c.pilkades_id = ?", r.ID); err != nil {
			return err
		}
		ada := map[string]bool{}
		for _, c := range cs {
			ada[c.ID] = true
		}
		var prob valid.Problems
		for i, s := range in.Suara {
			if !ada[s.CalonID] {
				prob.Add("body.suara["+itoa(i)+"].calon_id", "Bukan calon pemilihan ini.")
			}
		}
		if err := prob.Err(); err != nil {
			return err
		}
		s := tpsRow{DesaID: r.DesaID, ID: tid, PilkadesID: r.ID, Nomor: in.Nomor, Nama: in.Nama, DPT: in.DPT, TidakSah: in.SuaraTidakSah}
		if tid == "" {
			n, err := tx.NewSelect().Model((*tpsRow)(nil)).Where("desa_id = ? AND pilkades_id = ?", r.DesaID, r.ID).Count(ctx)
			if err != nil {
				return err
			}
			if n >= MaksTPS {
				return fault.New(fault.Conflict, "TPS paling banyak %d.", MaksTPS)
			}
			s.ID = idBaru()
			if _, err := tx.NewInsert().Model(&s).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		} else {
			if !idSah(tid) {
				return errTPSTidakAda
			}
			res, err := tx.NewUpdate().Model(&s).Column("nomor", "nama", "dpt", "suara_tidak_sah").WherePK().Where("pilkades_id = ?", r.ID).Exec(ctx)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return errTPSTidakAda
			}
			if _, err := tx.NewDelete().Model((*suaraRow)(nil)).Where("desa_id = ? AND tps_id = ?", r.DesaID, s.ID).Exec(ctx); err != nil {
				return err
			}
		}
		var vs []suaraRow
		for _, v := range in.Suara {
			vs = append(vs, suaraRow{DesaID: r.DesaID, TPSID: s.ID, CalonID: v.CalonID, Suara: v.Suara})
		}
		if len(vs) > 0 {
			if _, err := tx.NewInsert().Model(&vs).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if db.IsUniqueViolation(err) {
		return p, fault.Field("body.nomor", "Nomor TPS %d sudah dipakai.", in.Nomor)
	}
	return p, err
}

// SimpanSengketa adds (sid "") or changes a dispute.
func (m *Module) SimpanSengketa(ctx context.Context, id, sid string, in PilkadesSengketaInput) (PilkadesPemilihan, error) {
	t, _ := tenancy.From(ctx)
	if err := in.Validate(m.hariIni(t.Kode)); err != nil {
		return PilkadesPemilihan{}, err
	}
	return m.ubah(ctx, id, func(ctx context.Context, tx bun.Tx, r *pemilihanRow) error {
		g := sengketaRow{DesaID: r.DesaID, ID: sid, PilkadesID: r.ID, Uraian: in.Uraian, Tanggal: in.Tanggal, Status: in.Status}
		if sid == "" {
			n, err := tx.NewSelect().Model((*sengketaRow)(nil)).Where("desa_id = ? AND pilkades_id = ?", r.DesaID, r.ID).Count(ctx)
			if err != nil {
				return err
			}
			if n >= MaksSengketa {
				return fault.New(fault.Conflict, "Sengketa paling banyak %d.", MaksSengketa)
			}
			g.ID = idBaru()
			_, err = tx.NewInsert().Model(&g).Returning("NULL").Exec(ctx)
			return err
		}
		if !idSah(sid) {
			return errSengketa
		}
		res, err := tx.NewUpdate().Model(&g).Column("uraian", "tanggal", "status").WherePK().Where("pilkades_id = ?", r.ID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errSengketa
		}
		return nil
	})
}

// Tetapkan states the elected candidate: the one with most votes, or on a
// tie (or against the count) any candidate with the reason stated.
func (m *Module) Tetapkan(ctx context.Context, id string, in PilkadesTerpilihInput) (PilkadesPemilihan, error) {
	if err := in.Validate(); err != nil {
		return PilkadesPemilihan{}, err
	}
	cur, err := m.Lihat(ctx, id)
	if err != nil {
		return cur, err
	}
	var calon *PilkadesCalon
	for i := range cur.Calon {
		if cur.Calon[i].ID == in.CalonID {
			calon = &cur.Calon[i]
		}
	}
	if calon == nil {
		return cur, fault.Field("body.calon_id", "Bukan calon pemilihan ini.")
	}
	if cur.Hasil.SuaraSah == 0 {
		return cur, fault.New(fault.Conflict, "Belum ada hasil suara; isi hasil per TPS dahulu.")
	}
	if cur.Hasil.UsulanCalonID != in.CalonID && in.Alasan == "" {
		if cur.Hasil.Seri {
			return cur, fault.Field("body.alasan", "Suara terbanyak seri: tuliskan dasar penetapan calon terpilih.")
		}
		return cur, fault.Field("body.alasan", "Calon ini bukan peraih suara terbanyak: tuliskan dasar penetapannya.")
	}
	return m.ubah(ctx, id, func(ctx context.Context, tx bun.Tx, r *pemilihanRow) error {
		if r.Status == StatusDilantik || r.SKNomor != "" {
			return fault.New(fault.Conflict, "Pelantikan sudah dicatat; calon terpilih tidak dapat diganti.")
		}
		r.TerpilihCalonID, r.TerpilihAlasan, r.Status = in.CalonID, in.Alasan, StatusDitetapkan
		return nil
	})
}

// --- reading

// Daftar lists the elections of the tenant desa, newest first.
func (m *Module) Daftar(ctx context.Context) ([]PilkadesPemilihan, error) {
	return m.baca(ctx, "")
}

// Lihat is one election of the tenant desa.
func (m *Module) Lihat(ctx context.Context, id string) (PilkadesPemilihan, error) {
	if !idSah(id) {
		return PilkadesPemilihan{}, errTidakAda
	}
	ps, err := m.baca(ctx, id)
	if err != nil {
		return PilkadesPemilihan{}, err
	}
	if len(ps) == 0 {
		return PilkadesPemilihan{}, errTidakAda
	}
	return ps[0], nil
}

func (m *Module) baca(ctx context.Context, id string) ([]PilkadesPemilihan, error) {
	var rows []pemilihanRow
	var pa []panitiaRow
	var ts []tahapanRow
	var cs []calonRow
	var tp []tpsRow
	var vs []suaraRow
	var sg []sengketaRow
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		w, args := "", []any{}
		if id != "" {
			w, args = "p.id = ?", []any{id}
		}
		if err := scoped(ctx, tx, &rows, "p.tahun DESC, p.id DESC", w, args...); err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		in := bun.In(ids)
		if err := scoped(ctx, tx, &pa, "pa.pilkades_id, pa.urut", "pa.pilkades_id IN (?)", in); err != nil {
			return err
		}
		if err := scoped(ctx, tx, &ts, "t.pilkades_id, t.urut", "t.pilkades_id IN (?)", in); err != nil {
			return err
		}
		if err := scoped(ctx, tx, &cs, "c.pilkades_id, c.nomor_urut", "c.pilkades_id IN (?)", in); err != nil {
			return err
		}
		if err := scoped(ctx, tx, &tp, "s.pilkades_id, s.nomor", "s.pilkades_id IN (?)", in); err != nil {
			return err
		}
		if len(cs) > 0 {
			cids := make([]string, len(cs))
			for i, c := range cs {
				cids[i] = c.ID
			}
			if err := scoped(ctx, tx, &vs, "v.tps_id, v.calon_id", "v.calon_id IN (?)", bun.In(cids)); err != nil {
				return err
			}
		}
		return scoped(ctx, tx, &sg, "g.pilkades_id, g.tanggal, g.id", "g.pilkades_id IN (?)", in)
	})
	if err != nil {
		return nil, err
	}
	lihatNIK := m.bolehNIK(ctx)
	out := make([]PilkadesPemilihan, len(rows))
	for i, r := range rows {
		today := m.hariIni(tenancy.KodeOfDesaID(r.DesaID))
		p := PilkadesPemilihan{ID: r.ID, Desa: string(tenancy.KodeOfDesaID(r.DesaID)), GelombangID: r.GelombangID, GelombangNama: r.GelombangNama,
			Tahun: r.Tahun, Status: r.Status, DPT: r.DPT, MasaJabatanTahun: r.MasaJabatanTahun, DasarMasaJabatan: DasarMasaJabatan,
			PanitiaSKNomor: r.PanitiaSKNomor, PanitiaSKTanggal: r.PanitiaSKTanggal,
			Panitia: []PilkadesPanitia{}, Tahapan: []PilkadesTahapan{}, Calon: []PilkadesCalon{}, TPS: []PilkadesTPS{}, Sengketa: []PilkadesSengketa{}}
		for _, a := range pa {
			if a.PilkadesID == r.ID {
				p.Panitia = append(p.Panitia, PilkadesPanitia{Nama: a.Nama, Jabatan: a.Jabatan, Unsur: a.Unsur})
			}
		}
		for _, t := range ts {
			if t.PilkadesID == r.ID {
				p.Tahapan = append(p.Tahapan, PilkadesTahapan{Nama: t.Nama, Tenggat: t.Tenggat, Selesai: t.Selesai})
			}
		}
		p.TahapanKini, _, p.Terlambat = kemajuan(p.Tahapan, today)
		for j := range p.Tahapan {
			p.Tahapan[j].Terlambat = terlambat(p.Tahapan[j], today)
		}
		for _, c := range cs {
			if c.PilkadesID == r.ID {
				nik := valid.MaskNIK(c.NIK)
				if lihatNIK {
					nik = c.NIK
				}
				p.Calon = append(p.Calon, PilkadesCalon{ID: c.ID, NomorUrut: c.NomorUrut, Nama: c.Nama, NIK: nik})
			}
		}
		for _, s := range tp {
			if s.PilkadesID == r.ID {
				p.TPS = append(p.TPS, PilkadesTPS{ID: s.ID, Nomor: s.Nomor, Nama: s.Nama, DPT: s.DPT, SuaraTidakSah: s.TidakSah})
			}
		}
		hitung(&p, vs)
		for _, g := range sg {
			if g.PilkadesID == r.ID {
				p.Sengketa = append(p.Sengketa, PilkadesSengketa{ID: g.ID, Uraian: g.Uraian, Tanggal: g.Tanggal, Status: g.Status})
			}
		}
		if r.TerpilihCalonID != "" {
			t := &PilkadesTerpilih{CalonID: r.TerpilihCalonID, Alasan: r.TerpilihAlasan}
			for _, c := range p.Calon {
				if c.ID == r.TerpilihCalonID {
					t.Nama = c.Nama
				}
			}
			p.Terpilih = t
		}
		if r.SKNomor != "" {
			p.Pelantikan = &PilkadesPelantikan{SKNomor: r.SKNomor, SKTanggal: r.SKTanggal, Tanggal: r.TanggalLantik,
				Selesai: akhirMasa(r.TanggalLantik, r.MasaJabatanTahun), PerangkatID: r.PerangkatID}
		}
		out[i] = p
	}
	return out, nil
}

// akhirMasa is the last day of a term of years starting on mulai.
func akhirMasa(mulai civil.Date, tahun int) civil.Date {
	return mulai.AddDate(tahun, 0, -1)
}

func terlambat(t PilkadesTahapan, today civil.Date) bool {
	return t.Selesai.IsZero() && t.Tenggat.Before(today)
}

// kemajuan is the first tahapan not done (with its deadline) and how many
// are overdue.
func kemajuan(ts []PilkadesTahapan, today civil.Date) (kini string, tenggat civil.Date, telat int) {
	for _, t := range ts {
		if t.Selesai.IsZero() && kini == "" {
			kini, tenggat = t.Nama, t.Tenggat
		}
		if terlambat(t, today) {
			telat++
		}
	}
	return kini, tenggat, telat
}

// hitung fills the per-TPS and total figures from the votes; nothing of
// it is stored.
func hitung(p *PilkadesPemilihan, vs []suaraRow) {
	idx := map[string]int{}
	for i, c := range p.Calon {
		idx[c.ID] = i
	}
	h := PilkadesHasil{SeriCalonID: []string{}}
	for i := range p.TPS {
		s := &p.TPS[i]
		s.Suara = make([]PilkadesSuaraCalon, len(p.Calon))
		for j, c := range p.Calon {
			s.Suara[j] = PilkadesSuaraCalon{CalonID: c.ID}
		}
		for _, v := range vs {
			if v.TPSID != s.ID {
				continue
			}
			if j, ok := idx[v.CalonID]; ok {
				s.Suara[j].Suara = v.Suara
				s.SuaraSah += v.Suara
				p.Calon[j].Suara += v.Suara
			}
		}
		s.Total = s.SuaraSah + s.SuaraTidakSah
		s.Lebih = s.Total > s.DPT
		h.SuaraSah += s.SuaraSah
		h.SuaraTidakSah += s.SuaraTidakSah
		p.DPTTPS += s.DPT
	}
	p.DPTSelisih = len(p.TPS) > 0 && p.DPTTPS != p.DPT
	h.Total = h.SuaraSah + h.SuaraTidakSah
	if p.DPT > 0 {
		h.PartisipasiBP = int64(h.Total) * 10000 / int64(p.DPT)
	}
	max := 0
	for i, c := range p.Calon {
		if h.SuaraSah > 0 {
			p.Calon[i].PersenBP = int64(c.Suara) * 10000 / int64(h.SuaraSah)
		}
		if c.Suara > max {
			max = c.Suara
		}
	}
	if max > 0 {
		for _, c := range p.Calon {
			if c.Suara == max {
				h.SeriCalonID = append(h.SeriCalonID, c.ID)
			}
		}
		if len(h.SeriCalonID) == 1 {
			h.UsulanCalonID, h.SeriCalonID = h.SeriCalonID[0], []string{}
		} else {
			h.Seri, h.Aturan = true, AturanSeri
		}
	}
	p.Hasil = h
}

// --- the kabupaten's view

// Progres is every desa's election over the tenant wilayah (a kecamatan
// or kabupaten): the newest election of each desa, or of gelombang.
func (m *Module) Progres(ctx context.Context, gelombangID string) ([]PilkadesProgres, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return nil, tenancy.ErrNoTenant
	}
	var rows []pemilihanRow
	var ts []tahapanRow
	type hitungCalon struct {
		DesaID     int64  `bun:"desa_id"`
		PilkadesID string `bun:"pilkades_id"`
		N          int    `bun:"n"`
	}
	var hc []hitungCalon
	var terpilih []calonRow
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		w, args := "", []any{}
		if gelombangID != "" {
			w, args = "p.gelombang_id = ?", []any{gelombangID}
		}
		if err := scoped(ctx, tx, &rows, "p.desa_id, p.tahun DESC, p.id DESC", w, args...); err != nil {
			return err
		}
		if err := scoped(ctx, tx, &ts, "t.desa_id, t.pilkades_id, t.urut", ""); err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*calonRow)(nil)).Column("c.desa_id", "c.pilkades_id").ColumnExpr("COUNT(*) AS n").
			Group("c.desa_id", "c.pilkades_id"))
		if err != nil {
			return err
		}
		if err := q.Scan(ctx, &hc); err != nil {
			return err
		}
		return scoped(ctx, tx, &terpilih, "c.id", "CAST(c.id AS TEXT) IN (SELECT p.terpilih_calon_id FROM pilkades AS p WHERE p.desa_id = c.desa_id)")
	})
	if err != nil {
		return nil, err
	}
	names := map[tenancy.Kode]Desa{}
	if m.regions != nil {
		ds, err := m.regions.DesaIn(ctx, t.Kode)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			names[d.Kode] = d
		}
	}
	nCalon := map[string]int{}
	for _, h := range hc {
		nCalon[h.PilkadesID] = h.N
	}
	namaCalon := map[string]string{}
	for _, c := range terpilih {
		namaCalon[c.ID] = c.Nama
	}
	byID := map[string][]PilkadesTahapan{}
	for _, x := range ts {
		byID[x.PilkadesID] = append(byID[x.PilkadesID], PilkadesTahapan{Nama: x.Nama, Tenggat: x.Tenggat, Selesai: x.Selesai})
	}
	out := []PilkadesProgres{}
	seen := map[int64]bool{}
	for _, r := range rows {
		if seen[r.DesaID] {
			continue
		}
		seen[r.DesaID] = true
		k := tenancy.KodeOfDesaID(r.DesaID)
		today := m.hariIni(k)
		g := PilkadesProgres{Desa: string(k), NamaDesa: names[k].Nama, Kecamatan: names[k].NamaKecamatan, PilkadesID: r.ID,
			GelombangID: r.GelombangID, GelombangNama: r.GelombangNama, Tahun: r.Tahun, Status: r.Status, DPT: r.DPT,
			Calon: nCalon[r.ID], Terpilih: namaCalon[r.TerpilihCalonID], Terlambat: []string{}}
		if g.NamaDesa == "" {
			g.NamaDesa = string(k)
		}
		g.TahapanKini, g.TenggatKini, _ = kemajuan(byID[r.ID], today)
		for _, x := range byID[r.ID] {
			if terlambat(x, today) {
				g.Terlambat = append(g.Terlambat, x.Nama)
			}
		}
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Desa < out[j].Desa })
	return out, nil
}
