package program

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The store: every query is scoped to the tenant of ctx (one desa for the
// writes, a desa, kecamatan or kabupaten range for the lists); every write
// runs in one db.Tx, which carries the request's audit entry. The RPJM
// sasaran and the APBDes kegiatan are read before a write transaction
// opens (each reads in its own).

func idBaruProgram() string { return uuid.Must(uuid.NewV7()).String() }

func penulisProgram(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return audit.ActorSystem
}

func (m *Module) waktuProgram() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

var (
	errTidakAda    = fault.New(fault.NotFound, "Program tidak ditemukan.")
	errOPDTidakAda = fault.New(fault.NotFound, "Program OPD tidak ditemukan.")
)

// cekSasaran checks that every id is a sasaran of the kabupaten of desa's
// RPJM.
func (m *Module) cekSasaran(ctx context.Context, desa tenancy.Kode, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	ada, err := m.sasaranMap(ctx, desa)
	if err != nil {
		return err
	}
	var p valid.Problems
	for i, id := range ids {
		if _, ok := ada[id]; !ok {
			p.Add(fmt.Sprintf("body.sasaran[%d]", i), "Bukan sasaran RPJM kabupaten ini.")
		}
	}
	return p.Err()
}

// kegiatanDesa is the APBDes kegiatan of one desa for tahun, by code.
func (m *Module) kegiatanDesa(ctx context.Context, desa tenancy.Kode, tahun int) (map[string]KegiatanAPBDes, error) {
	out := map[string]KegiatanAPBDes{}
	if m.apbdes == nil {
		return out, nil
	}
	ks, err := m.apbdes.KegiatanAPBDes(ctx, desa, tahun)
	if err != nil {
		return nil, err
	}
	for _, k := range ks {
		if k.Desa == desa {
			out[k.Kode] = k
		}
	}
	return out, nil
}

// tulisAnak replaces a programme's tags and indicators.
func tulisAnak(ctx context.Context, tx bun.Tx, desaID int64, programID, milik string, b BagianProgram) error {
	for _, model := range []any{(*tagRow)(nil), (*indikatorRow)(nil)} {
		if _, err := tx.NewDelete().Model(model).Where("desa_id = ? AND program_id = ?", desaID, programID).Exec(ctx); err != nil {
			return err
		}
	}
	if len(b.Sasaran) > 0 {
		tags := make([]tagRow, len(b.Sasaran))
		for i, s := range b.Sasaran {
			tags[i] = tagRow{DesaID: desaID, ProgramID: programID, SasaranID: s, Milik: milik}
		}
		if _, err := tx.NewInsert().Model(&tags).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
	}
	var cs []capaianRow
	for i, in := range b.Indikator {
		r := indikatorRow{DesaID: desaID, ID: idBaruProgram(), ProgramID: programID, Jenis: in.Jenis, Uraian: in.Uraian, Satuan: in.Satuan, Urut: i + 1}
		if _, err := tx.NewInsert().Model(&r).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
		for _, c := range in.Capaian {
			cs = append(cs, capaianRow{DesaID: desaID, IndikatorID: r.ID, Tahun: c.Tahun, Target: c.Target, Realisasi: c.Realisasi})
		}
	}
	if len(cs) > 0 {
		if _, err := tx.NewInsert().Model(&cs).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

func hapusAnak(ctx context.Context, tx bun.Tx, desaID int64, programID string) error {
	return tulisAnak(ctx, tx, desaID, programID, "", BagianProgram{})
}

// anak is the tags and indicators of a set of programmes.
type anak struct {
	tags      map[string][]string
	indikator map[string][]IndikatorProgram
}

// bacaAnak reads the tags and indicators of the programmes ids inside the
// tenant's range.
func bacaAnak(ctx context.Context, tx bun.IDB, ids []string) (anak, error) {
	a := anak{tags: map[string][]string{}, indikator: map[string][]IndikatorProgram{}}
	if len(ids) == 0 {
		return a, nil
	}
	t, ok := tenancy.From(ctx)
	if !ok {
		return a, tenancy.ErrNoTenant
	}
	lo, hi := t.Kode.Range()
	var tags []tagRow
	if err := tx.NewSelect().Model(&tags).Where("s.desa_id BETWEEN ? AND ?", lo, hi).Where("s.program_id IN (?)", bun.In(ids)).
		OrderExpr("s.program_id, s.sasaran_id").Scan(ctx); err != nil {
		return a, err
	}
	for _, g := range tags {
		a.tags[g.ProgramID] = append(a.tags[g.ProgramID], g.SasaranID)
	}
	var ins []indikatorRow
	if err := tx.NewSelect().Model(&ins).Where("i.desa_id BETWEEN ? AND ?", lo, hi).Where("i.program_id IN (?)", bun.In(ids)).
		OrderExpr("i.program_id, i.urut").Scan(ctx); err != nil {
		return a, err
	}
	if len(ins) == 0 {
		return a, nil
	}
	inIDs := make([]string, len(ins))
	for i, r := range ins {
		inIDs[i] = r.ID
	}
	var cs []capaianRow
	if err := tx.NewSelect().Model(&cs).Where("c.desa_id BETWEEN ? AND ?", lo, hi).Where("c.indikator_id IN (?)", bun.In(inIDs)).
		OrderExpr("c.indikator_id, c.tahun").Scan(ctx); err != nil {
		return a, err
	}
	byInd := map[string][]CapaianIndikator{}
	for _, c := range cs {
		byInd[c.IndikatorID] = append(byInd[c.IndikatorID], CapaianIndikator{Tahun: c.Tahun, Target: c.Target, Realisasi: c.Realisasi})
	}
	for _, r := range ins {
		cap := byInd[r.ID]
		if cap == nil {
			cap = []CapaianIndikator{}
		}
		a.indikator[r.ProgramID] = append(a.indikator[r.ProgramID], IndikatorProgram{Jenis: r.Jenis, Uraian: r.Uraian, Satuan: r.Satuan, Capaian: cap})
	}
	return a, nil
}

func tagsOf(ids []string, ss map[string]sasaranRPJM) []TagSasaran {
	out := make([]TagSasaran, 0, len(ids))
	for _, id := range ids {
		s := ss[id]
		out = append(out, TagSasaran{ID: id, Kode: s.Kode, Uraian: s.Uraian})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kode < out[j].Kode })
	return out
}

func indOf(in []IndikatorProgram) []IndikatorProgram {
	if in == nil {
		return []IndikatorProgram{}
	}
	return in
}

// --- desa programmes

// BuatProgramDesa records a programme of the tenant desa.
func (m *Module) BuatProgramDesa(ctx context.Context, d DesaProgramData) (DesaProgram, error) {
	return m.simpanProgramDesa(ctx, "", d, false)
}

// UbahProgramDesa replaces a programme of the tenant desa (its tags and
// indicators too).
func (m *Module) UbahProgramDesa(ctx context.Context, id string, d DesaProgramData) (DesaProgram, error) {
	if !idProgramSah(id) {
		return DesaProgram{}, errTidakAda
	}
	return m.simpanProgramDesa(ctx, id, d, false)
}

func (m *Module) simpanProgramDesa(ctx context.Context, id string, d DesaProgramData, demo bool) (DesaProgram, error) {
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return DesaProgram{}, err
	}
	desa := tenancy.KodeOfDesaID(desaID)
	if err := d.validate(); err != nil {
		return DesaProgram{}, err
	}
	if err := m.cekSasaran(ctx, desa, d.Sasaran); err != nil {
		return DesaProgram{}, err
	}
	if d.KegiatanKode != "" {
		keg, err := m.kegiatanDesa(ctx, desa, d.Tahun)
		if err != nil {
			return DesaProgram{}, err
		}
		if _, ok := keg[d.KegiatanKode]; !ok {
			return DesaProgram{}, fault.Field("body.kegiatan_kode", "Kegiatan %s tidak ada di APBDes desa tahun %d.", d.KegiatanKode, d.Tahun)
		}
	}
	now, by := m.waktuProgram(), penulisProgram(ctx)
	p := ProgramDesa{DesaID: desaID, ID: id, Tahun: d.Tahun, KegiatanKode: d.KegiatanKode, SubBidang: d.SubBidang, Nama: d.Nama,
		SumberDana: d.SumberDana, Pagu: d.Pagu, Lokasi: d.Lokasi, LokasiKunci: lokasiKunci(d.Lokasi), JenisAset: d.JenisAset,
		Demo: demo, CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if id == "" {
			p.ID = idBaruProgram()
			if _, err := tx.NewInsert().Model(&p).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		} else {
			old, err := bacaProgramDesa(ctx, tx, id)
			if err != nil {
				return err
			}
			p.CreatedBy, p.CreatedAt, p.Demo = old.CreatedBy, old.CreatedAt, old.Demo
			if _, err := tx.NewUpdate().Model(&p).WherePK().Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		return tulisAnak(ctx, tx, desaID, p.ID, milikDesa, d.BagianProgram)
	})
	if db.IsUniqueViolation(err) {
		return DesaProgram{}, fault.Field("body.kegiatan_kode", "Kegiatan %s tahun %d sudah ditautkan ke program lain.", d.KegiatanKode, d.Tahun)
	}
	if err != nil {
		return DesaProgram{}, err
	}
	return m.ProgramDesaByID(ctx, p.ID)
}

func bacaProgramDesa(ctx context.Context, tx bun.IDB, id string) (ProgramDesa, error) {
	var p ProgramDesa
	if !idProgramSah(id) {
		return p, errTidakAda
	}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&p).Where("p.id = ?", id))
	if err != nil {
		return p, err
	}
	if err := q.Scan(ctx); db.IsNoRows(err) {
		return p, errTidakAda
	} else if err != nil {
		return p, err
	}
	return p, nil
}

// HapusProgramDesa deletes a programme of the tenant desa.
func (m *Module) HapusProgramDesa(ctx context.Context, id string) error {
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := bacaProgramDesa(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := hapusAnak(ctx, tx, p.DesaID, p.ID); err != nil {
			return err
		}
		_, err = tx.NewDelete().Model(&p).WherePK().Exec(ctx)
		return err
	})
}

// ProgramDesaByID is one programme of the tenant desa as shown.
func (m *Module) ProgramDesaByID(ctx context.Context, id string) (DesaProgram, error) {
	if !idProgramSah(id) {
		return DesaProgram{}, errTidakAda
	}
	ps, err := m.daftarProgramDesa(ctx, 0, id)
	if err != nil {
		return DesaProgram{}, err
	}
	if len(ps) == 0 {
		return DesaProgram{}, errTidakAda
	}
	return ps[0], nil
}

// DaftarProgramDesa lists the desa programmes of tahun inside the tenant
// (a desa, kecamatan or kabupaten), by desa, then linked before
// standalone, then code and name.
func (m *Module) DaftarProgramDesa(ctx context.Context, tahun int) ([]DesaProgram, error) {
	return m.daftarProgramDesa(ctx, tahun, "")
}

func (m *Module) daftarProgramDesa(ctx context.Context, tahun int, id string) ([]DesaProgram, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return nil, tenancy.ErrNoTenant
	}
	var rows []ProgramDesa
	var a anak
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows))
		if err != nil {
			return err
		}
		if id != "" {
			q = q.Where("p.id = ?", id)
		} else {
			q = q.Where("p.tahun = ?", tahun)
		}
		if err := q.OrderExpr("p.desa_id, p.kegiatan_kode = '', p.kegiatan_kode, p.nama, p.id").Scan(ctx); err != nil {
			return err
		}
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		a, err = bacaAnak(ctx, tx, ids)
		return err
	})
	if err != nil || len(rows) == 0 {
		return []DesaProgram{}, err
	}
	ss, err := m.sasaranMap(ctx, t.Kode)
	if err != nil {
		return nil, err
	}
	// The linked kegiatan as keuangan has them now (one call per year).
	keg := map[int]map[tenancy.Kode]map[string]KegiatanAPBDes{}
	out := make([]DesaProgram, 0, len(rows))
	for _, r := range rows {
		dp := DesaProgram{ProgramDesa: r, Desa: tenancy.KodeOfDesaID(r.DesaID), Tertaut: r.KegiatanKode != "",
			Sasaran: tagsOf(a.tags[r.ID], ss), Indikator: indOf(a.indikator[r.ID])}
		if dp.Tertaut {
			if keg[r.Tahun] == nil {
				if keg[r.Tahun], err = m.kegiatanWilayah(ctx, t.Kode, r.Tahun); err != nil {
					return nil, err
				}
			}
			k, ok := keg[r.Tahun][dp.Desa][r.KegiatanKode]
			dp.Ditemukan = ok
			dp.Nama, dp.Pagu, dp.Realisasi, dp.SumberDana = k.Nama, k.Pagu, k.Realisasi, ""
			if !ok {
				dp.Nama = "Kegiatan " + r.KegiatanKode + " (tidak ada di APBDes yang berlaku)"
			}
		}
		out = append(out, dp)
	}
	return out, nil
}

// kegiatanWilayah is the APBDes kegiatan of a wilayah by desa and code.
func (m *Module) kegiatanWilayah(ctx context.Context, w tenancy.Kode, tahun int) (map[tenancy.Kode]map[string]KegiatanAPBDes, error) {
	out := map[tenancy.Kode]map[string]KegiatanAPBDes{}
	if m.apbdes == nil {
		return out, nil
	}
	ks, err := m.apbdes.KegiatanAPBDes(ctx, w, tahun)
	if err != nil {
		return nil, err
	}
	for _, k := range ks {
		if out[k.Desa] == nil {
			out[k.Desa] = map[string]KegiatanAPBDes{}
		}
		out[k.Desa][k.Kode] = k
	}
	return out, nil
}

// --- OPD programmes

// BuatProgramOPD records a programme of opd located in the tenant desa.
func (m *Module) BuatProgramOPD(ctx context.Context, opd OPD, d OPDProgramData) (OPDProgram, error) {
	return m.simpanProgramOPD(ctx, opd, "", d, false)
}

// UbahProgramOPD replaces a programme of opd in the tenant desa; another
// OPD's is not found.
func (m *Module) UbahProgramOPD(ctx context.Context, opd OPD, id string, d OPDProgramData) (OPDProgram, error) {
	if !idProgramSah(id) {
		return OPDProgram{}, errOPDTidakAda
	}
	return m.simpanProgramOPD(ctx, opd, id, d, false)
}

func (m *Module) simpanProgramOPD(ctx context.Context, opd OPD, id string, d OPDProgramData, demo bool) (OPDProgram, error) {
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return OPDProgram{}, err
	}
	desa := tenancy.KodeOfDesaID(desaID)
	if opd.ID == "" || opd.Kabupaten != desa.Up(tenancy.Kabupaten) {
		return OPDProgram{}, fault.New(fault.Forbidden, "Hanya OPD kabupaten desa ini yang mencatat programnya di desa ini.")
	}
	if err := d.validate(); err != nil {
		return OPDProgram{}, err
	}
	if err := m.cekSasaran(ctx, desa, d.Sasaran); err != nil {
		return OPDProgram{}, err
	}
	now, by := m.waktuProgram(), penulisProgram(ctx)
	p := ProgramOPD{DesaID: desaID, ID: id, OPDID: opd.ID, Tahun: d.Tahun, Nama: d.Nama, KodeOPD: d.KodeOPD, KegiatanDesa: d.KegiatanDesa,
		SubBidang: d.SubBidang, Pagu: d.Pagu, Lokasi: d.Lokasi, LokasiKunci: lokasiKunci(d.Lokasi), JenisAset: d.JenisAset,
		Demo: demo, CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if id == "" {
			p.ID = idBaruProgram()
			if _, err := tx.NewInsert().Model(&p).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		} else {
			old, err := bacaProgramOPD(ctx, tx, opd.ID, id)
			if err != nil {
				return err
			}
			p.CreatedBy, p.CreatedAt, p.Demo = old.CreatedBy, old.CreatedAt, old.Demo
			if _, err := tx.NewUpdate().Model(&p).WherePK().Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		return tulisAnak(ctx, tx, desaID, p.ID, milikOPD, d.BagianProgram)
	})
	if err != nil {
		return OPDProgram{}, err
	}
	return m.ProgramOPDByID(ctx, p.ID)
}

// bacaProgramOPD reads a programme of opdID ("" any OPD's).
func bacaProgramOPD(ctx context.Context, tx bun.IDB, opdID, id string) (ProgramOPD, error) {
	var p ProgramOPD
	if !idProgramSah(id) {
		return p, errOPDTidakAda
	}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&p).Where("o.id = ?", id))
	if err != nil {
		return p, err
	}
	if opdID != "" {
		q = q.Where("o.opd_id = ?", opdID)
	}
	if err := q.Scan(ctx); db.IsNoRows(err) {
		return p, errOPDTidakAda
	} else if err != nil {
		return p, err
	}
	return p, nil
}

// HapusProgramOPD deletes a programme of opd in the tenant's range;
// another OPD's is not found.
func (m *Module) HapusProgramOPD(ctx context.Context, opd OPD, id string) error {
	if opd.ID == "" {
		return errOPDTidakAda
	}
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := bacaProgramOPD(ctx, tx, opd.ID, id)
		if err != nil {
			return err
		}
		if err := hapusAnak(ctx, tx, p.DesaID, p.ID); err != nil {
			return err
		}
		_, err = tx.NewDelete().Model(&p).WherePK().Exec(ctx)
		return err
	})
}

// ProgramOPDByID is one OPD programme inside the tenant's range.
func (m *Module) ProgramOPDByID(ctx context.Context, id string) (OPDProgram, error) {
	if !idProgramSah(id) {
		return OPDProgram{}, errOPDTidakAda
	}
	ps, err := m.daftarProgramOPD(ctx, 0, "", id)
	if err != nil {
		return OPDProgram{}, err
	}
	if len(ps) == 0 {
		return OPDProgram{}, errOPDTidakAda
	}
	return ps[0], nil
}

// DaftarProgramOPD lists the OPD programmes of tahun inside the tenant,
// of one OPD (opdID) or of all ("").
func (m *Module) DaftarProgramOPD(ctx context.Context, tahun int, opdID string) ([]OPDProgram, error) {
	return m.daftarProgramOPD(ctx, tahun, opdID, "")
}

func (m *Module) daftarProgramOPD(ctx context.Context, tahun int, opdID, id string) ([]OPDProgram, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return nil, tenancy.ErrNoTenant
	}
	var rows []ProgramOPD
	var a anak
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows))
		if err != nil {
			return err
		}
		if id != "" {
			q = q.Where("o.id = ?", id)
		} else {
			q = q.Where("o.tahun = ?", tahun)
		}
		if opdID != "" {
			q = q.Where("o.opd_id = ?", opdID)
		}
		if err := q.OrderExpr("o.desa_id, o.nama, o.id").Scan(ctx); err != nil {
			return err
		}
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		a, err = bacaAnak(ctx, tx, ids)
		return err
	})
	if err != nil || len(rows) == 0 {
		return []OPDProgram{}, err
	}
	ss, err := m.sasaranMap(ctx, t.Kode)
	if err != nil {
		return nil, err
	}
	nama := m.namaOPD(ctx, t.Kode)
	out := make([]OPDProgram, 0, len(rows))
	for _, r := range rows {
		out = append(out, OPDProgram{ProgramOPD: r, Desa: tenancy.KodeOfDesaID(r.DesaID), OPDNama: nama[r.OPDID],
			Sasaran: tagsOf(a.tags[r.ID], ss), Indikator: indOf(a.indikator[r.ID])})
	}
	return out, nil
}

// namaOPD names the OPD of w's kabupaten by id (none without a registry).
func (m *Module) namaOPD(ctx context.Context, w tenancy.Kode) map[string]string {
	out := map[string]string{}
	if m.opd == nil || w.Level() < tenancy.Kabupaten {
		return out
	}
	os, err := m.opd.Daftar(ctx, w.Up(tenancy.Kabupaten))
	if err != nil {
		m.log.WarnContext(ctx, "program: OPD registry", "err", err)
		return out
	}
	for _, o := range os {
		out[o.ID] = o.Nama
	}
	return out
}

func sortKegiatan(ks []KegiatanProgram) {
	sort.Slice(ks, func(i, j int) bool { return ks[i].Kode < ks[j].Kode })
}
