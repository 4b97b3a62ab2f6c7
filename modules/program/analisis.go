package program

import (
	"context"
	"sort"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The views over a kecamatan or kabupaten, each one query per family
// whatever the number of desa: overlaps, sasaran without a desa
// programme, alignment per desa, and the bupati's table combining them.

// Reasons an OPD programme overlaps a desa programme.
const (
	AlasanKegiatan  = "kegiatan"    // the same desa kegiatan code
	AlasanSubBidang = "sub_bidang"  // the same bidang.sub-bidang
	AlasanLokasi    = "lokasi_aset" // the same location and asset type
)

// alasanTumpang is why o overlaps d (same desa and year given): none, or
// each rule that holds. Empty fields never match.
func alasanTumpang(d ProgramDesa, o ProgramOPD) []string {
	var out []string
	if d.KegiatanKode != "" && d.KegiatanKode == o.KegiatanDesa {
		out = append(out, AlasanKegiatan)
	}
	if d.SubBidang != "" && d.SubBidang == o.SubBidang {
		out = append(out, AlasanSubBidang)
	}
	if d.JenisAset != "" && d.JenisAset == o.JenisAset && d.LokasiKunci != "" && d.LokasiKunci == o.LokasiKunci {
		out = append(out, AlasanLokasi)
	}
	return out
}

// TumpangProgram is a desa programme and an OPD programme of the same kind in the
// same desa and year.
type TumpangProgram struct {
	Desa        tenancy.Kode `json:"desa"`
	DesaNama    string       `json:"desa_nama,omitempty"`
	Tahun       int          `json:"tahun"`
	Alasan      []string     `json:"alasan" doc:"kegiatan (kode kegiatan sama), sub_bidang (sub bidang sama), lokasi_aset (lokasi dan jenis aset sama)"`
	ProgramDesa struct {
		ID        string `json:"id"`
		Nama      string `json:"nama"`
		Kode      string `json:"kegiatan_kode,omitempty"`
		SubBidang string `json:"sub_bidang,omitempty"`
		Lokasi    string `json:"lokasi,omitempty"`
		JenisAset string `json:"jenis_aset,omitempty"`
		Pagu      int64  `json:"pagu"`
	} `json:"program_desa"`
	ProgramOPD struct {
		ID           string `json:"id"`
		OPDID        string `json:"opd_id"`
		OPDNama      string `json:"opd_nama,omitempty"`
		Nama         string `json:"nama"`
		KodeOPD      string `json:"kode_opd,omitempty"`
		KegiatanDesa string `json:"kegiatan_desa,omitempty"`
		SubBidang    string `json:"sub_bidang,omitempty"`
		Lokasi       string `json:"lokasi,omitempty"`
		JenisAset    string `json:"jenis_aset,omitempty"`
		Pagu         int64  `json:"pagu"`
	} `json:"program_opd"`
}

// TumpangTindih lists the overlaps inside wilayah in tahun: one query
// joins the desa and OPD programmes of each desa.
func (m *Module) TumpangTindih(ctx context.Context, wilayah tenancy.Kode, tahun int) ([]TumpangProgram, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	lo, hi := wilayah.Range()
	type pair struct {
		d ProgramDesa
		o ProgramOPD
	}
	var list []pair
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var ds []ProgramDesa
		var os []ProgramOPD
		// The pair's ids first (one query), then both sides' rows.
		var ids []struct {
			DID string `bun:"did"`
			OID string `bun:"oid"`
		}
		err := tx.NewRaw("SELECT p.id AS did, o.id AS oid FROM program_desa AS p JOIN program_opd AS o "+
			"ON o.desa_id = p.desa_id AND o.tahun = p.tahun "+
			"WHERE p.desa_id BETWEEN ? AND ? AND p.tahun = ? AND ("+
			"(p.kegiatan_kode <> '' AND p.kegiatan_kode = o.kegiatan_desa) OR "+
			"(p.sub_bidang <> '' AND p.sub_bidang = o.sub_bidang) OR "+
			"(p.jenis_aset <> '' AND p.jenis_aset = o.jenis_aset AND p.lokasi_kunci <> '' AND p.lokasi_kunci = o.lokasi_kunci)) "+
			"ORDER BY p.desa_id, p.id, o.id", lo, hi, tahun).Scan(ctx, &ids)
		if err != nil || len(ids) == 0 {
			return err
		}
		var dIDs, oIDs []string
		for _, x := range ids {
			dIDs, oIDs = append(dIDs, x.DID), append(oIDs, x.OID)
		}
		if err := tx.NewSelect().Model(&ds).Where("p.desa_id BETWEEN ? AND ?", lo, hi).Where("p.id IN (?)", bun.In(dIDs)).Scan(ctx); err != nil {
			return err
		}
		if err := tx.NewSelect().Model(&os).Where("o.desa_id BETWEEN ? AND ?", lo, hi).Where("o.id IN (?)", bun.In(oIDs)).Scan(ctx); err != nil {
			return err
		}
		dm, om := map[string]ProgramDesa{}, map[string]ProgramOPD{}
		for _, d := range ds {
			dm[d.ID] = d
		}
		for _, o := range os {
			om[o.ID] = o
		}
		for _, x := range ids {
			list = append(list, pair{dm[x.DID], om[x.OID]})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := []TumpangProgram{}
	if len(list) == 0 {
		return out, nil
	}
	keg, err := m.kegiatanWilayah(ctx, wilayah, tahun)
	if err != nil {
		return nil, err
	}
	opd := m.namaOPD(ctx, wilayah)
	desa := m.namaDesa(ctx, wilayah)
	for _, p := range list {
		t := TumpangProgram{Desa: tenancy.KodeOfDesaID(p.d.DesaID), Tahun: tahun, Alasan: alasanTumpang(p.d, p.o)}
		t.DesaNama = desa[t.Desa].Nama
		t.ProgramDesa.ID, t.ProgramDesa.Nama, t.ProgramDesa.Kode, t.ProgramDesa.SubBidang = p.d.ID, p.d.Nama, p.d.KegiatanKode, p.d.SubBidang
		t.ProgramDesa.Lokasi, t.ProgramDesa.JenisAset, t.ProgramDesa.Pagu = p.d.Lokasi, p.d.JenisAset, p.d.Pagu
		if p.d.KegiatanKode != "" {
			k := keg[t.Desa][p.d.KegiatanKode]
			t.ProgramDesa.Nama, t.ProgramDesa.Pagu = k.Nama, k.Pagu
			if t.ProgramDesa.Nama == "" {
				t.ProgramDesa.Nama = "Kegiatan " + p.d.KegiatanKode
			}
		}
		o := &t.ProgramOPD
		o.ID, o.OPDID, o.OPDNama, o.Nama, o.KodeOPD = p.o.ID, p.o.OPDID, opd[p.o.OPDID], p.o.Nama, p.o.KodeOPD
		o.KegiatanDesa, o.SubBidang, o.Lokasi, o.JenisAset, o.Pagu = p.o.KegiatanDesa, p.o.SubBidang, p.o.Lokasi, p.o.JenisAset, p.o.Pagu
		out = append(out, t)
	}
	return out, nil
}

// namaDesa is the desa of w by code (none without Regions).
func (m *Module) namaDesa(ctx context.Context, w tenancy.Kode) map[tenancy.Kode]Desa {
	out := map[tenancy.Kode]Desa{}
	if m.regions == nil {
		return out
	}
	ds, err := m.regions.DesaIn(ctx, w)
	if err != nil {
		m.log.WarnContext(ctx, "program: desa of a wilayah", "err", err)
		return out
	}
	for _, d := range ds {
		out[d.Kode] = d
	}
	return out
}

// --- alignment

// KeselarasanDesa is one desa's alignment with the RPJM in a year.
//
// The formula (basis points, half up):
//
//	keselarasan = (Σ pagu of the APBDes kegiatan linked by a tagged programme
//	               + Σ pagu of the tagged standalone programmes)
//	            / (total belanja of the APBDes in force + Σ pagu of every standalone programme)
//
// A kegiatan counts once however it is linked; a linked kegiatan no longer
// in the APBDes in force counts nothing. Standalone programmes are money
// outside the APBDes (swadaya, CSR, …) or not yet in it, so they enter
// the denominator too. A desa whose denominator is 0 has no value.
type KeselarasanDesa struct {
	Desa           tenancy.Kode `json:"desa"`
	Nama           string       `json:"nama,omitempty"`
	Kecamatan      string       `json:"kecamatan,omitempty"`
	Belanja        int64        `json:"belanja" doc:"Total belanja APBDes yang berlaku"`
	Mandiri        int64        `json:"mandiri" doc:"Pagu semua program mandiri"`
	Selaras        int64        `json:"selaras" doc:"Belanja yang ditandai ke sasaran RPJM"`
	BP             *int64       `json:"keselarasan_bp,omitempty" doc:"selaras / (belanja + mandiri), dalam basis poin (1/100 %)"`
	Program        int          `json:"program" doc:"Jumlah program desa"`
	ProgramSelaras int          `json:"program_selaras" doc:"Program desa yang ditandai ke sasaran RPJM"`
}

// programFigur is what the alignment needs of one desa programme.
type programFigur struct {
	DesaID       int64  `bun:"desa_id"`
	KegiatanKode string `bun:"kegiatan_kode"`
	Pagu         int64  `bun:"pagu"`
	Tagged       bool   `bun:"tagged"`
}

// hitungKeselarasan applies the formula to one desa: kegiatan is its
// APBDes kegiatan pagu by code.
func hitungKeselarasan(kegiatan map[string]KegiatanAPBDes, ps []programFigur) KeselarasanDesa {
	var k KeselarasanDesa
	for _, g := range kegiatan {
		k.Belanja += g.Pagu
	}
	counted := map[string]bool{}
	for _, p := range ps {
		k.Program++
		if p.Tagged {
			k.ProgramSelaras++
		}
		if p.KegiatanKode == "" {
			k.Mandiri += p.Pagu
			if p.Tagged {
				k.Selaras += p.Pagu
			}
			continue
		}
		if p.Tagged && !counted[p.KegiatanKode] {
			counted[p.KegiatanKode] = true
			k.Selaras += kegiatan[p.KegiatanKode].Pagu
		}
	}
	if bp, ok := valid.BasisPoin(k.Selaras, k.Belanja+k.Mandiri); ok {
		k.BP = &bp
	}
	return k
}

// figurProgram reads what the alignment needs of every desa programme of
// tahun inside the tenant (one query).
func figurProgram(ctx context.Context, tx bun.IDB, lo, hi int64, tahun int) ([]programFigur, error) {
	var ps []programFigur
	err := tx.NewRaw("SELECT p.desa_id, p.kegiatan_kode, p.pagu, "+
		"EXISTS (SELECT 1 FROM program_sasaran AS s WHERE s.desa_id = p.desa_id AND s.program_id = p.id) AS tagged "+
		"FROM program_desa AS p WHERE p.desa_id BETWEEN ? AND ? AND p.tahun = ?", lo, hi, tahun).Scan(ctx, &ps)
	return ps, err
}

// KeselarasanWilayah is the alignment of every desa inside wilayah that
// has an APBDes or a programme in tahun, by desa code.
func (m *Module) KeselarasanWilayah(ctx context.Context, wilayah tenancy.Kode, tahun int) ([]KeselarasanDesa, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	lo, hi := wilayah.Range()
	var ps []programFigur
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		ps, err = figurProgram(ctx, tx, lo, hi, tahun)
		return err
	})
	if err != nil {
		return nil, err
	}
	keg, err := m.kegiatanWilayah(ctx, wilayah, tahun)
	if err != nil {
		return nil, err
	}
	byDesa := map[tenancy.Kode][]programFigur{}
	for _, p := range ps {
		d := tenancy.KodeOfDesaID(p.DesaID)
		byDesa[d] = append(byDesa[d], p)
	}
	for d := range keg {
		if _, ok := byDesa[d]; !ok {
			byDesa[d] = nil
		}
	}
	names := m.namaDesa(ctx, wilayah)
	out := make([]KeselarasanDesa, 0, len(byDesa))
	for d, list := range byDesa {
		k := hitungKeselarasan(keg[d], list)
		k.Desa, k.Nama, k.Kecamatan = d, names[d].Nama, names[d].NamaKecamatan
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Desa < out[j].Desa })
	return out, nil
}

// --- sasaran without a desa programme

// CelahSasaran is, for one kecamatan, the RPJM sasaran (of the RPJM covering the
// year) that no desa programme of the year in it is tagged to.
type CelahSasaran struct {
	Kecamatan     tenancy.Kode `json:"kecamatan"`
	NamaKecamatan string       `json:"nama_kecamatan,omitempty"`
	Sasaran       []TagSasaran `json:"sasaran"`
}

// SasaranTanpaProgram lists, per kecamatan of wilayah (a kecamatan: just
// it), the sasaran without a desa programme in tahun: one query over the
// tags.
func (m *Module) SasaranTanpaProgram(ctx context.Context, wilayah tenancy.Kode, tahun int) ([]CelahSasaran, error) {
	ss, err := m.sasaranProgram(ctx, wilayah, tahun)
	if err != nil {
		return nil, err
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	lo, hi := wilayah.Range()
	var tags []struct {
		DesaID    int64  `bun:"desa_id"`
		SasaranID string `bun:"sasaran_id"`
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw("SELECT DISTINCT s.desa_id, s.sasaran_id FROM program_sasaran AS s JOIN program_desa AS p "+
			"ON p.desa_id = s.desa_id AND p.id = s.program_id WHERE s.desa_id BETWEEN ? AND ? AND s.milik = ? AND p.tahun = ?",
			lo, hi, milikDesa, tahun).Scan(ctx, &tags)
	})
	if err != nil {
		return nil, err
	}
	served := map[tenancy.Kode]map[string]bool{}
	for _, g := range tags {
		kec := tenancy.KodeOfDesaID(g.DesaID).Up(tenancy.Kecamatan)
		if served[kec] == nil {
			served[kec] = map[string]bool{}
		}
		served[kec][g.SasaranID] = true
	}
	kecs := map[tenancy.Kode]string{}
	for k, d := range m.namaDesa(ctx, wilayah) {
		kecs[k.Up(tenancy.Kecamatan)] = d.NamaKecamatan
	}
	if len(kecs) == 0 && wilayah.Level() >= tenancy.Kecamatan {
		kecs[wilayah.Up(tenancy.Kecamatan)] = ""
	}
	out := make([]CelahSasaran, 0, len(kecs))
	for kec, nama := range kecs {
		c := CelahSasaran{Kecamatan: kec, NamaKecamatan: nama, Sasaran: []TagSasaran{}}
		for _, s := range ss {
			if !served[kec][s.ID] {
				c.Sasaran = append(c.Sasaran, TagSasaran{ID: s.ID, Kode: s.Kode, Uraian: s.Uraian})
			}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kecamatan < out[j].Kecamatan })
	return out, nil
}

// --- the bupati's table

// BarisKecamatanProgram is one kecamatan of the bupati's table.
type BarisKecamatanProgram struct {
	Kecamatan           tenancy.Kode `json:"kecamatan"`
	NamaKecamatan       string       `json:"nama_kecamatan,omitempty"`
	Desa                int          `json:"desa" doc:"Desa dengan APBDes atau program tahun ini"`
	ProgramDesa         int          `json:"program_desa"`
	Belanja             int64        `json:"belanja"`
	Selaras             int64        `json:"selaras"`
	BP                  *int64       `json:"keselarasan_bp,omitempty" doc:"Σ selaras / Σ (belanja + mandiri) desa-desanya, basis poin"`
	SasaranTanpaProgram int          `json:"sasaran_tanpa_program"`
	TumpangTindih       int          `json:"tumpang_tindih"`
	ProgramOPD          int          `json:"program_opd"`
}

// RingkasanProgram is the bupati's table of wilayah for tahun, per kecamatan.
type RingkasanProgram struct {
	Tahun       int                     `json:"tahun"`
	Kecamatan   []BarisKecamatanProgram `json:"kecamatan"`
	Keselarasan []KeselarasanDesa       `json:"keselarasan"`
	Tumpang     []TumpangProgram        `json:"tumpang_tindih"`
	Celah       []CelahSasaran          `json:"sasaran_tanpa_program"`
}

// RingkasanWilayah builds the bupati's table from the views (each one
// query per family) and one count of the OPD programmes.
func (m *Module) RingkasanWilayah(ctx context.Context, wilayah tenancy.Kode, tahun int) (RingkasanProgram, error) {
	r := RingkasanProgram{Tahun: tahun}
	var err error
	if r.Keselarasan, err = m.KeselarasanWilayah(ctx, wilayah, tahun); err != nil {
		return r, err
	}
	if r.Tumpang, err = m.TumpangTindih(ctx, wilayah, tahun); err != nil {
		return r, err
	}
	if r.Celah, err = m.SasaranTanpaProgram(ctx, wilayah, tahun); err != nil {
		return r, err
	}
	lo, hi := wilayah.Range()
	var opd []struct {
		DesaID int64 `bun:"desa_id"`
		N      int   `bun:"n"`
	}
	err = m.db.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: wilayah}), func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw("SELECT o.desa_id, COUNT(*) AS n FROM program_opd AS o WHERE o.desa_id BETWEEN ? AND ? AND o.tahun = ? GROUP BY o.desa_id",
			lo, hi, tahun).Scan(ctx, &opd)
	})
	if err != nil {
		return r, err
	}
	rows := map[tenancy.Kode]*BarisKecamatanProgram{}
	get := func(kec tenancy.Kode) *BarisKecamatanProgram {
		if rows[kec] == nil {
			rows[kec] = &BarisKecamatanProgram{Kecamatan: kec}
		}
		return rows[kec]
	}
	dasar := map[tenancy.Kode]int64{}
	for _, c := range r.Celah {
		b := get(c.Kecamatan)
		b.NamaKecamatan, b.SasaranTanpaProgram = c.NamaKecamatan, len(c.Sasaran)
	}
	for _, k := range r.Keselarasan {
		b := get(k.Desa.Up(tenancy.Kecamatan))
		b.Desa++
		b.ProgramDesa += k.Program
		b.Belanja += k.Belanja
		b.Selaras += k.Selaras
		dasar[b.Kecamatan] += k.Belanja + k.Mandiri
		if b.NamaKecamatan == "" {
			b.NamaKecamatan = k.Kecamatan
		}
	}
	for _, t := range r.Tumpang {
		get(t.Desa.Up(tenancy.Kecamatan)).TumpangTindih++
	}
	for _, o := range opd {
		get(tenancy.KodeOfDesaID(o.DesaID).Up(tenancy.Kecamatan)).ProgramOPD += o.N
	}
	for kec, b := range rows {
		if bp, ok := valid.BasisPoin(b.Selaras, dasar[kec]); ok {
			b.BP = &bp
		}
		r.Kecamatan = append(r.Kecamatan, *b)
	}
	sort.Slice(r.Kecamatan, func(i, j int) bool { return r.Kecamatan[i].Kecamatan < r.Kecamatan[j].Kecamatan })
	if r.Kecamatan == nil {
		r.Kecamatan = []BarisKecamatanProgram{}
	}
	return r, nil
}

// --- indicators

// The module's indicators for the forum panel and the dashboards.
const (
	IndKeselarasan = "keselarasan_rpjm"
	IndProgramDesa = "program_desa"
	sourceProgram  = "program"
)

// Definitions lists the module's indicators: aggregates only
// (PermKeselarasan).
func (m *Module) Definitions() []indicator.Definition {
	return []indicator.Definition{
		{Source: sourceProgram, Code: IndKeselarasan, Nama: "Keselarasan belanja dengan RPJM", Satuan: "bp (1/100 %)",
			Kind: indicator.Count, HigherIsBetter: true, Permission: PermKeselarasan},
		{Source: sourceProgram, Code: IndProgramDesa, Nama: "Program desa", Satuan: "program",
			Kind: indicator.Count, HigherIsBetter: true, Permission: PermKeselarasan},
	}
}

// Indicators answers for every desa inside wilayah for the year of the
// period's end: the alignment (KeselarasanWilayah: one query over the
// programmes, one over the APBDes) and the number of desa programmes. A
// desa with neither APBDes nor programme has no value.
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, period indicator.Period, codes []string) ([]indicator.Value, error) {
	if period.To == "" || (!indicator.Wants(codes, IndKeselarasan) && !indicator.Wants(codes, IndProgramDesa)) {
		return nil, nil
	}
	ks, err := m.KeselarasanWilayah(ctx, wilayah, period.To.Year())
	if err != nil {
		return nil, err
	}
	var out []indicator.Value
	for _, k := range ks {
		if k.BP != nil && indicator.Wants(codes, IndKeselarasan) {
			out = append(out, indicator.Value{Desa: k.Desa, Source: sourceProgram, Code: IndKeselarasan, Number: *k.BP})
		}
		if indicator.Wants(codes, IndProgramDesa) {
			out = append(out, indicator.Value{Desa: k.Desa, Source: sourceProgram, Code: IndProgramDesa, Number: int64(k.Program)})
		}
	}
	return out, nil
}

var _ indicator.Provider = (*Module)(nil)
