package sampah

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The figures SIPSN asks for, per desa and month, computed from the logs
// and the journal on request (one query per family for the whole wilayah,
// whatever its number of desa):
//
//   - timbulan (estimate) = population × the kabupaten's gram per person
//     per day × days of the month (only the days up to today in the
//     current year);
//   - pengurangan (reduced) = what bank sampah units took in setoran (jenis
//     counted in kg; a reversed setoran counts nothing) + what TPS3R
//     sorted out as anorganik bernilai (recycled) + the organik they
//     composted;
//   - penanganan (handled) = the residu TPS3R collected, sent to the TPA
//     or processed on site.
//
// Pengurangan and penanganan are disjoint, as in Jakstranas (30 % + 70 %
// = 100 % managed). Shares are basis points of timbulan.

// Timbulan defaults: used until a kabupaten records its own rate.
const (
	TimbulanBawaanGram   = 700
	TimbulanBawaanSumber = "Bawaan ngantor: 0,70 kg/orang/hari, batas atas kota kecil menurut SNI 19-3964-1994, sampai kabupaten menetapkan angkanya sendiri"
)

// Pengaturan is a kabupaten's timbulan rate and its source. The struct is
// named PengaturanTimbulan because the API's schemas are named after Go
// types and persuratan already has a Pengaturan.
type Pengaturan = PengaturanTimbulan

// PengaturanTimbulan is a kabupaten's timbulan rate and its source.
type PengaturanTimbulan struct {
	bun.BaseModel `bun:"table:sampah_pengaturan,alias:p" json:"-"`

	WilayahKode           string    `bun:"wilayah_kode,pk" json:"wilayah_kode"`
	TimbulanGramOrangHari int       `bun:"timbulan_gram_orang_hari" json:"timbulan_gram_orang_hari" minimum:"1" maximum:"5000" doc:"Gram sampah per orang per hari"`
	Sumber                string    `bun:"sumber" json:"sumber" doc:"Dasar angka timbulan (kajian, SK, SNI)"`
	UpdatedBy             string    `bun:"updated_by" json:"-"`
	UpdatedAt             time.Time `bun:"updated_at" json:"diubah"`
	Bawaan                bool      `bun:"-" json:"bawaan" doc:"Belum ditetapkan kabupaten: angka bawaan"`
}

// PengaturanKabupaten is the rate in force for the kabupaten of kode (the
// default when it has recorded none).
func PengaturanKabupaten(ctx context.Context, idb bun.IDB, kode tenancy.Kode) (Pengaturan, error) {
	kab := kode.Up(tenancy.Kabupaten)
	var p Pengaturan
	err := idb.NewSelect().Model(&p).Where("p.wilayah_kode = ?", string(kab)).Scan(ctx)
	if db.IsNoRows(err) {
		return Pengaturan{WilayahKode: string(kab), TimbulanGramOrangHari: TimbulanBawaanGram, Sumber: TimbulanBawaanSumber, Bawaan: true}, nil
	}
	return p, err
}

// Angka are the sums of one desa (or a total) over a month or a year, in
// grams (Takaran of kg).
type Angka struct {
	TimbulanGram    int64 `json:"timbulan_gram"`
	PenguranganGram int64 `json:"pengurangan_gram"`
	PenangananGram  int64 `json:"penanganan_gram"`
	BankSampahGram  int64 `json:"bank_sampah_gram" doc:"Setoran bank sampah (jenis bersatuan kg)"`
	OrganikGram     int64 `json:"organik_gram" doc:"Organik masuk TPS3R yang dikomposkan"`
	AnorganikGram   int64 `json:"anorganik_gram" doc:"Anorganik bernilai dipilah TPS3R"`
	ResiduGram      int64 `json:"residu_gram" doc:"Residu masuk TPS3R"`
	KomposGram      int64 `json:"kompos_gram"`
	ResiduTPAGram   int64 `json:"residu_tpa_gram" doc:"Residu dikirim ke TPA"`
	HariOperasi     int   `json:"hari_operasi" doc:"Hari TPS3R beroperasi (jumlah atas semua TPS3R)"`
	HariLog         int   `json:"hari_log" doc:"Hari yang tercatat di log TPS3R"`
}

func (a *Angka) add(b Angka) {
	a.TimbulanGram += b.TimbulanGram
	a.PenguranganGram += b.PenguranganGram
	a.PenangananGram += b.PenangananGram
	a.BankSampahGram += b.BankSampahGram
	a.OrganikGram += b.OrganikGram
	a.AnorganikGram += b.AnorganikGram
	a.ResiduGram += b.ResiduGram
	a.KomposGram += b.KomposGram
	a.ResiduTPAGram += b.ResiduTPAGram
	a.HariOperasi += b.HariOperasi
	a.HariLog += b.HariLog
}

// hitung fills pengurangan and penanganan from the parts.
func (a *Angka) hitung() {
	a.PenguranganGram = a.BankSampahGram + a.AnorganikGram + a.OrganikGram
	a.PenangananGram = a.ResiduGram
}

// PenguranganBP is pengurangan as a share of timbulan; ok is false with no
// timbulan (no population on record).
func (a Angka) PenguranganBP() (int64, bool) {
	return valid.BasisPoin(a.PenguranganGram, a.TimbulanGram)
}

// PenangananBP is penanganan as a share of timbulan.
func (a Angka) PenangananBP() (int64, bool) { return valid.BasisPoin(a.PenangananGram, a.TimbulanGram) }

// AdaData says whether anything was logged or deposited.
func (a Angka) AdaData() bool { return a.HariLog > 0 || a.BankSampahGram > 0 }

// CapaianDesa are one desa's figures of a year.
type CapaianDesa struct {
	Desa     tenancy.Kode `json:"desa"`
	Penduduk int64        `json:"penduduk" doc:"0 bila profil desa belum mencatat penduduk"`
	Bulan    [12]Angka    `json:"bulan"`
	Tahun    Angka        `json:"tahun"`
	// NasabahAktif counts nasabah with a setoran in the 90 days up to
	// Sampai.
	NasabahAktif        int `json:"nasabah_aktif"`
	FasilitasAktif      int `json:"fasilitas_aktif"`
	FasilitasTidakAktif int `json:"fasilitas_tidak_aktif"`
}

// Capaian are the figures of every desa inside a wilayah for a year.
type Capaian struct {
	Wilayah    tenancy.Kode `json:"wilayah"`
	Tahun      int          `json:"tahun"`
	Sampai     civil.Date   `json:"sampai" doc:"Hari terakhir yang dihitung (hari ini pada tahun berjalan)"`
	Pengaturan Pengaturan   `json:"pengaturan"`
	// Target of the year (national or the kabupaten's own); nil when none.
	TargetPengurangan *Target       `json:"target_pengurangan,omitempty"`
	TargetPenanganan  *Target       `json:"target_penanganan,omitempty"`
	Desa              []CapaianDesa `json:"desa" doc:"Urut kode desa; hanya desa yang punya penduduk tercatat, fasilitas, log atau setoran"`
	Total             CapaianDesa   `json:"total"`
}

// TahunMin and TahunMax bound the years figures are asked for.
const (
	TahunMin = 2000
	TahunMax = 2100
)

// Capaian computes the figures of tahun for every desa inside wilayah (a
// desa, a kecamatan or a kabupaten) up to today (the whole year for a past
// one): logs, journal and facilities each in one query, the population in
// one call. A year after today's is refused.
func (m *Module) Capaian(ctx context.Context, wilayah tenancy.Kode, tahun int) (Capaian, error) {
	today := civil.Today(m.now(), wilayah)
	if tahun < TahunMin || tahun > today.Year() {
		return Capaian{}, fault.Field("query.tahun", "Tahun harus antara %d dan %d.", TahunMin, today.Year())
	}
	sampai := civil.Date(strconv.Itoa(tahun) + "-12-31")
	if tahun == today.Year() {
		sampai = today
	}
	return m.CapaianSampai(ctx, wilayah, sampai)
}

// CapaianSampai is Capaian of the year of sampai, counting 1 January up to
// and including sampai (timbulan too): the figures as they stood on that
// day, for indicators and dossiers of a period.
func (m *Module) CapaianSampai(ctx context.Context, wilayah tenancy.Kode, sampai civil.Date) (Capaian, error) {
	if sampai.IsZero() || sampai.Year() < TahunMin || sampai.Year() > TahunMax {
		return Capaian{}, fault.Field("query.sampai", "Tanggal harus pada tahun %d sampai %d.", TahunMin, TahunMax)
	}
	tahun := sampai.Year()
	c := Capaian{Wilayah: wilayah, Tahun: tahun, Sampai: sampai}
	awal := civil.Date(strconv.Itoa(tahun) + "-01-01")
	var pend map[tenancy.Kode]int64
	if m.penduduk != nil {
		var err error
		if pend, err = m.penduduk.Penduduk(ctx, wilayah); err != nil {
			return Capaian{}, err
		}
	}
	per := map[int64]*CapaianDesa{}
	get := func(id int64) *CapaianDesa {
		d, ok := per[id]
		if !ok {
			d = &CapaianDesa{Desa: tenancy.KodeOfDesaID(id)}
			per[id] = d
		}
		return d
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if c.Pengaturan, err = PengaturanKabupaten(ctx, tx, wilayah); err != nil {
			return err
		}
		for _, ind := range []string{IndikatorPengurangan, IndikatorPenanganan} {
			t, ok, err := TargetTahun(ctx, tx, string(wilayah.Up(tenancy.Kabupaten)), tahun, ind)
			if err != nil {
				return err
			}
			if ok {
				if ind == IndikatorPengurangan {
					c.TargetPengurangan = &t
				} else {
					c.TargetPenanganan = &t
				}
			}
		}
		if err := capaianLog(ctx, tx, m.db.Engine, awal, c.Sampai, get); err != nil {
			return err
		}
		if err := capaianSetoran(ctx, tx, m.db.Engine, awal, c.Sampai, get); err != nil {
			return err
		}
		if err := capaianNasabahAktif(ctx, tx, c.Sampai, get); err != nil {
			return err
		}
		return capaianFasilitas(ctx, tx, get)
	})
	if err != nil {
		return Capaian{}, err
	}
	for k, n := range pend {
		if wilayah.Contains(k) && n > 0 {
			get(k.ID()).Penduduk = n
		}
	}
	rate := int64(c.Pengaturan.TimbulanGramOrangHari)
	for _, d := range per {
		for i := range d.Bulan {
			b := &d.Bulan[i]
			b.TimbulanGram = d.Penduduk * rate * int64(hariDihitung(tahun, time.Month(i+1), c.Sampai))
			b.hitung()
			d.Tahun.add(*b)
			c.Total.Bulan[i].add(*b)
		}
		c.Total.Penduduk += d.Penduduk
		c.Total.NasabahAktif += d.NasabahAktif
		c.Total.FasilitasAktif += d.FasilitasAktif
		c.Total.FasilitasTidakAktif += d.FasilitasTidakAktif
		c.Desa = append(c.Desa, *d)
	}
	for i := range c.Total.Bulan {
		c.Total.Tahun.add(c.Total.Bulan[i])
	}
	c.Total.Desa = wilayah
	slices.SortFunc(c.Desa, func(a, b CapaianDesa) int { return cmp.Compare(a.Desa, b.Desa) })
	return c, nil
}

// hariDihitung is the number of days of month in tahun up to sampai.
func hariDihitung(tahun int, month time.Month, sampai civil.Date) int {
	first := time.Date(tahun, month, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1)
	end := sampai.Time()
	if end.Before(first) {
		return 0
	}
	if end.Before(last) {
		last = end
	}
	return last.Day()
}

// bulanExpr is the month (1–12) of a date column: EXTRACT on PostgreSQL's
// DATE (a text cast per row cost a third of the kabupaten's figures), the
// month digits of SQLite's ISO text.
func bulanExpr(e db.Engine, col string) string {
	if e == db.Postgres {
		return "CAST(EXTRACT(MONTH FROM " + col + ") AS INTEGER)"
	}
	return "CAST(substr(" + col + ", 6, 2) AS INTEGER)"
}

func capaianLog(ctx context.Context, tx bun.Tx, e db.Engine, awal, sampai civil.Date, get func(int64) *CapaianDesa) error {
	var rows []struct {
		DesaID      int64 `bun:"desa_id"`
		Bulan       int   `bun:"bulan"`
		Organik     int64 `bun:"organik"`
		Anorganik   int64 `bun:"anorganik"`
		Residu      int64 `bun:"residu"`
		Kompos      int64 `bun:"kompos"`
		ResiduTPA   int64 `bun:"residu_tpa"`
		HariOperasi int   `bun:"hari_operasi"`
		HariLog     int   `bun:"hari_log"`
	}
	q := tx.NewSelect().TableExpr("sampah_log AS l").
		ColumnExpr("l.desa_id, "+bulanExpr(e, "l.tanggal")+" AS bulan").
		ColumnExpr("sum(l.organik_gram) AS organik, sum(l.anorganik_gram) AS anorganik, sum(l.residu_gram) AS residu").
		ColumnExpr("sum(l.kompos_gram) AS kompos, sum(l.residu_tpa_gram) AS residu_tpa").
		ColumnExpr("sum(CASE WHEN l.beroperasi THEN 1 ELSE 0 END) AS hari_operasi, count(*) AS hari_log").
		Where("l.tanggal BETWEEN ? AND ?", awal, sampai).
		GroupExpr("l.desa_id, " + bulanExpr(e, "l.tanggal"))
	if err := scanDi(ctx, q, "l.desa_id", &rows); err != nil {
		return err
	}
	for _, r := range rows {
		if r.Bulan < 1 || r.Bulan > 12 {
			continue
		}
		b := &get(r.DesaID).Bulan[r.Bulan-1]
		b.OrganikGram += r.Organik
		b.AnorganikGram += r.Anorganik
		b.ResiduGram += r.Residu
		b.KomposGram += r.Kompos
		b.ResiduTPAGram += r.ResiduTPA
		b.HariOperasi += r.HariOperasi
		b.HariLog += r.HariLog
	}
	return nil
}

// notReversed keeps entries of alias e that no koreksi undoes.
const notReversed = "NOT EXISTS (SELECT 1 FROM sampah_entri AS k WHERE k.desa_id = e.desa_id AND k.koreksi_id <> '' AND k.koreksi_id = CAST(e.id AS TEXT))"

func capaianSetoran(ctx context.Context, tx bun.Tx, e db.Engine, awal, sampai civil.Date, get func(int64) *CapaianDesa) error {
	var rows []struct {
		DesaID int64 `bun:"desa_id"`
		Bulan  int   `bun:"bulan"`
		Gram   int64 `bun:"gram"`
	}
	q := tx.NewSelect().TableExpr("sampah_entri AS e").
		Join("JOIN sampah_entri_rinci AS r ON r.desa_id = e.desa_id AND r.entri_id = e.id").
		Join("JOIN sampah_jenis AS j ON j.desa_id = r.desa_id AND j.id = r.jenis_id").
		ColumnExpr("e.desa_id, "+bulanExpr(e, "e.tanggal")+" AS bulan, sum(r.jumlah_milli) AS gram").
		Where("e.jenis = ?", EntriSetoran).Where("j.satuan = 'kg'").
		Where("e.tanggal BETWEEN ? AND ?", awal, sampai).Where(notReversed).
		GroupExpr("e.desa_id, " + bulanExpr(e, "e.tanggal"))
	if err := scanDi(ctx, q, "e.desa_id", &rows); err != nil {
		return err
	}
	for _, r := range rows {
		if r.Bulan >= 1 && r.Bulan <= 12 {
			get(r.DesaID).Bulan[r.Bulan-1].BankSampahGram += r.Gram
		}
	}
	return nil
}

// AktifHari is the window of an active nasabah: a setoran in the last 90
// days.
const AktifHari = 90

func capaianNasabahAktif(ctx context.Context, tx bun.Tx, sampai civil.Date, get func(int64) *CapaianDesa) error {
	var rows []struct {
		DesaID int64 `bun:"desa_id"`
		N      int   `bun:"n"`
	}
	q := tx.NewSelect().TableExpr("sampah_entri AS e").
		ColumnExpr("e.desa_id, count(DISTINCT e.nasabah_id) AS n").
		Where("e.jenis = ?", EntriSetoran).
		Where("e.tanggal BETWEEN ? AND ?", sampai.AddDate(0, 0, -(AktifHari-1)), sampai).Where(notReversed).
		GroupExpr("e.desa_id")
	if err := scanDi(ctx, q, "e.desa_id", &rows); err != nil {
		return err
	}
	for _, r := range rows {
		get(r.DesaID).NasabahAktif = r.N
	}
	return nil
}

func capaianFasilitas(ctx context.Context, tx bun.Tx, get func(int64) *CapaianDesa) error {
	var rows []struct {
		DesaID     int64 `bun:"desa_id"`
		Aktif      int   `bun:"aktif"`
		TidakAktif int   `bun:"tidak_aktif"`
	}
	q := tx.NewSelect().TableExpr("sampah_fasilitas AS f").
		ColumnExpr("f.desa_id, sum(CASE WHEN f.status = 'aktif' THEN 1 ELSE 0 END) AS aktif").
		ColumnExpr("sum(CASE WHEN f.status = 'aktif' THEN 0 ELSE 1 END) AS tidak_aktif").
		GroupExpr("f.desa_id")
	if err := scanDi(ctx, q, "f.desa_id", &rows); err != nil {
		return err
	}
	for _, r := range rows {
		d := get(r.DesaID)
		d.FasilitasAktif, d.FasilitasTidakAktif = r.Aktif, r.TidakAktif
	}
	return nil
}

// Ton prints grams as tonnes with two decimals the Indonesian way:
// 1.234.567 g → "1,23".
func Ton(gram int64) string {
	// half up to the hundredth of a tonne (10 kg)
	neg := gram < 0
	if neg {
		gram = -gram
	}
	c := (gram + 5_000) / 10_000
	s := valid.Angka(c/100) + "," + strconv.FormatInt(c%100/10, 10) + strconv.FormatInt(c%10, 10)
	if neg {
		s = "-" + s
	}
	return s
}

// persen prints a share in basis points as a Bahasa percentage, "–"
// without one (!ok).
func persen(bp int64, ok bool) string {
	if !ok {
		return "–"
	}
	return valid.FormatBP(bp)
}

// Kg prints grams as kilograms with up to three decimals: 12500 → "12,5".
func Kg(gram int64) string { return Takaran(gram).String() }
