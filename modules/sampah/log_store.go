package sampah

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The TPS3R daily log: one row per facility and day, written by the staff
// at the gate (or corrected later: a day saved again replaces what it
// held; the audit entry of the write says who), read back by month. The
// figures (capaian.go) sum these rows.

// Units an amount of the daily log is typed in.
const (
	LogSatuanKg = "kg"
	LogSatuanM3 = "m3"
)

// LogCatatanMax bounds a day's note.
const LogCatatanMax = 500

// logTahunMin is the earliest year a day may be logged.
const logTahunMin = 2000

// LogIsian is one day of a TPS3R as entered: every amount in thousandths
// of Satuan — grams when it is kg (the API's unit), thousandths of a m³
// (litres) when it is m³, which only a facility with a declared density
// accepts and which is converted to grams with it.
type LogIsian struct {
	Satuan     string // LogSatuanKg ("" too) or LogSatuanM3
	Beroperasi bool
	Organik    int64
	Anorganik  int64
	Residu     int64
	Kompos     int64
	ResiduTPA  int64
	Catatan    string
}

// logIsianField is one amount of a LogIsian: its field name (the form's;
// the API appends _gram), its Bahasa label, where it sits in the input
// and in the row.
type logIsianField struct {
	name, label string
	in          func(*LogIsian) *int64
	out         func(*Log) *Takaran
}

var logFields = []logIsianField{
	{"organik", "Organik", func(i *LogIsian) *int64 { return &i.Organik }, func(l *Log) *Takaran { return &l.OrganikGram }},
	{"anorganik", "Anorganik bernilai", func(i *LogIsian) *int64 { return &i.Anorganik }, func(l *Log) *Takaran { return &l.AnorganikGram }},
	{"residu", "Residu", func(i *LogIsian) *int64 { return &i.Residu }, func(l *Log) *Takaran { return &l.ResiduGram }},
	{"kompos", "Kompos dihasilkan", func(i *LogIsian) *int64 { return &i.Kompos }, func(l *Log) *Takaran { return &l.KomposGram }},
	{"residu_tpa", "Residu ke TPA", func(i *LogIsian) *int64 { return &i.ResiduTPA }, func(l *Log) *Takaran { return &l.ResiduTPAGram }},
}

// logTanggalMin is the first day facility f may have a log: 1 January of
// the year it was built (when known), never before 2000.
func logTanggalMin(f Fasilitas) civil.Date {
	y := logTahunMin
	if f.TahunDibangun > y {
		y = f.TahunDibangun
	}
	return civil.Date(strconv.Itoa(y) + "-01-01")
}

// cekTanggalLog checks a day of a log: a real date, not after today, not
// before the facility's first day.
func cekTanggalLog(p *valid.Problems, s string, f Fasilitas, today civil.Date) civil.Date {
	s = strings.TrimSpace(s)
	if s == "" {
		p.Add("tanggal", "Tanggal wajib diisi.")
		return ""
	}
	d, err := civil.ParseDate(s)
	if err != nil {
		p.Add("tanggal", "Tanggal tidak sah; tulis sebagai TTTT-BB-HH, mis. 2026-01-31.")
		return ""
	}
	if today.Before(d) {
		p.Add("tanggal", "Tanggal tidak boleh setelah hari ini (%s).", today)
		return ""
	}
	if min := logTanggalMin(f); d.Before(min) {
		if f.TahunDibangun > logTahunMin {
			p.Add("tanggal", "Tanggal tidak boleh sebelum %s: %s dibangun tahun %d.", min, f.Nama, f.TahunDibangun)
		} else {
			p.Add("tanggal", "Tanggal tidak boleh sebelum %s.", min)
		}
		return ""
	}
	return d
}

// logGram converts an amount typed in unit to grams: m³ × density (g/m³),
// exact and rounded half up to the gram; ok is false beyond MaxTakaran.
func logGram(n int64, satuan string, densitas int64) (Takaran, bool) {
	if satuan != LogSatuanM3 {
		return Takaran(n), n <= int64(MaxTakaran)
	}
	g, ok := valid.MulMilli(n, densitas, int64(MaxTakaran))
	return Takaran(g), ok
}

// logBaris checks in for facility f on tanggal (as typed) and builds the
// row; every refusal is an Invalid fault on the field at fault, named as
// the form names it ("tanggal", "organik", "catatan", …; "fasilitas" for
// the facility itself).
func logBaris(f Fasilitas, tanggal string, in LogIsian, today civil.Date) (Log, error) {
	var p valid.Problems
	if err := butuhJenis(f, "fasilitas", FasilitasTPS3R); err != nil {
		return Log{}, err
	}
	if f.Status != "aktif" {
		msg := f.Nama + " tidak aktif"
		if a := strings.TrimSpace(f.AlasanTidakAktif); a != "" {
			msg += " (" + a + ")"
		}
		return Log{}, fault.Field("fasilitas", "%s; log harian hanya dicatat untuk TPS3R yang aktif.", msg)
	}
	l := Log{FasilitasID: f.ID, Beroperasi: in.Beroperasi, Catatan: strings.TrimSpace(in.Catatan)}
	l.Tanggal = cekTanggalLog(&p, tanggal, f, today)
	satuan := in.Satuan
	switch satuan {
	case "", LogSatuanKg:
		satuan = LogSatuanKg
	case LogSatuanM3:
		if f.DensitasGramM3 <= 0 {
			p.Add("satuan", "%s tidak mencatat dalam m³: densitasnya belum diisi. Tulis jumlah dalam kg.", f.Nama)
			return Log{}, p.Err()
		}
	default:
		p.Add("satuan", "Satuan harus kg atau m³.")
		return Log{}, p.Err()
	}
	ada := false
	for _, fl := range logFields {
		n := *fl.in(&in)
		if n < 0 {
			p.Add(fl.name, "%s tidak boleh negatif.", fl.label)
			continue
		}
		g, ok := logGram(n, satuan, f.DensitasGramM3)
		if !ok {
			p.Add(fl.name, "%s terlalu besar (paling banyak %s kg per hari).", fl.label, Kg(int64(MaxTakaran)))
			continue
		}
		*fl.out(&l) = g
		ada = ada || g > 0
	}
	if !in.Beroperasi && ada {
		p.Add("beroperasi", "TPS3R tidak beroperasi pada hari itu, jadi semua jumlah harus 0. Centang \"TPS3R beroperasi\" atau kosongkan jumlahnya; alasan tidak beroperasi dapat ditulis di catatan.")
	}
	p.Text("catatan", "Catatan", l.Catatan, 0, LogCatatanMax)
	return l, p.Err()
}

// SimpanLog records one day of the TPS3R fasilitasID of the desa in ctx:
// a new day, or a correction replacing what the day held. The facility
// must be an active TPS3R of the desa; the day may not be after today (in
// the desa's zone), nor before the year the facility was built.
func (m *Module) SimpanLog(ctx context.Context, fasilitasID, tanggal string, in LogIsian) (Log, error) {
	var out Log
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return out, err
	}
	today := m.hariIni(ctx)
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		f, err := GetFasilitas(ctx, tx, fasilitasID)
		if err != nil {
			return err
		}
		l, err := logBaris(f, tanggal, in, today)
		if err != nil {
			return err
		}
		l.DesaID, l.CreatedBy, l.CreatedAt = desaID, pelakuID(ctx), m.now().UTC().Truncate(time.Microsecond)
		_, err = tx.NewInsert().Model(&l).
			On("CONFLICT (desa_id, fasilitas_id, tanggal) DO UPDATE").
			Set("beroperasi = EXCLUDED.beroperasi").
			Set("organik_gram = EXCLUDED.organik_gram").
			Set("anorganik_gram = EXCLUDED.anorganik_gram").
			Set("residu_gram = EXCLUDED.residu_gram").
			Set("kompos_gram = EXCLUDED.kompos_gram").
			Set("residu_tpa_gram = EXCLUDED.residu_tpa_gram").
			Set("catatan = EXCLUDED.catatan").
			Set("created_by = EXCLUDED.created_by").
			Set("created_at = EXCLUDED.created_at").
			Exec(ctx)
		out = l
		return err
	})
	return out, err
}

// HapusLog removes a day wrongly logged for the TPS3R fasilitasID of the
// desa in ctx; a day with no log is NotFound.
func (m *Module) HapusLog(ctx context.Context, fasilitasID, tanggal string) error {
	if err := cekID(fasilitasID, "Fasilitas"); err != nil {
		return err
	}
	d, err := civil.ParseDate(strings.TrimSpace(tanggal))
	if err != nil {
		return fault.New(fault.NotFound, "Log tanggal itu tidak ada.")
	}
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := GetFasilitas(ctx, tx, fasilitasID); err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewDelete().Model((*Log)(nil)).
			Where("l.fasilitas_id = ?", fasilitasID).Where("l.tanggal = ?", d))
		if err != nil {
			return err
		}
		res, err := q.Exec(ctx)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fault.New(fault.NotFound, "Log %s tidak ada.", d)
		}
		return nil
	})
}

// LogTotal sums the days of a month.
type LogTotal struct {
	OrganikGram   Takaran `json:"organik_gram"`
	AnorganikGram Takaran `json:"anorganik_gram"`
	ResiduGram    Takaran `json:"residu_gram"`
	KomposGram    Takaran `json:"kompos_gram"`
	ResiduTPAGram Takaran `json:"residu_tpa_gram"`
	HariOperasi   int     `json:"hari_operasi" doc:"Hari beroperasi"`
	HariLog       int     `json:"hari_log" doc:"Hari yang tercatat"`
}

func (t *LogTotal) add(l Log) {
	t.OrganikGram += l.OrganikGram
	t.AnorganikGram += l.AnorganikGram
	t.ResiduGram += l.ResiduGram
	t.KomposGram += l.KomposGram
	t.ResiduTPAGram += l.ResiduTPAGram
	t.HariLog++
	if l.Beroperasi {
		t.HariOperasi++
	}
}

// LogBulan is a TPS3R's month: the days logged, their totals, and the
// days up to today (from the facility's first day on) that have no log.
type LogBulan struct {
	FasilitasID    string       `json:"fasilitas_id"`
	Nama           string       `json:"nama"`
	Aktif          bool         `json:"aktif"`
	DensitasGramM3 int64        `json:"densitas_gram_m3,omitempty"`
	Bulan          string       `json:"bulan" example:"2026-03"`
	Log            []Log        `json:"log" doc:"Hari yang tercatat, urut tanggal"`
	Total          LogTotal     `json:"total"`
	BelumDicatat   []civil.Date `json:"belum_dicatat" doc:"Hari sampai hari ini yang belum tercatat"`

	fasilitas Fasilitas
	awal      civil.Date // first day of the month
	min       civil.Date // first day the facility may be logged
	today     civil.Date
}

// logParseBulan reads a month "YYYY-MM" ("" is the month of today) between
// the facility's first month and the current one.
func logParseBulan(field, s string, today civil.Date) (civil.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return civil.Date(string(today)[:8] + "01"), nil
	}
	d, ok := bulanAwal(s)
	if !ok {
		return "", fault.Field(field, "Bulan tidak sah; tulis sebagai TTTT-BB, mis. 2026-03.")
	}
	if d.Year() < logTahunMin {
		return "", fault.Field(field, "Bulan tidak boleh sebelum tahun %d.", logTahunMin)
	}
	if string(today)[:7] < s {
		return "", fault.Field(field, "Bulan tidak boleh setelah bulan ini.")
	}
	return d, nil
}

// BulanLog reads a month ("YYYY-MM", "" for the current one) of the TPS3R
// fasilitasID of the desa in ctx. An inactive TPS3R keeps its past logs
// readable; another kind of facility has none.
func (m *Module) BulanLog(ctx context.Context, fasilitasID, bulan string) (LogBulan, error) {
	today := m.hariIni(ctx)
	awal, err := logParseBulan("bulan", bulan, today)
	if err != nil {
		return LogBulan{}, err
	}
	out := LogBulan{Bulan: string(awal)[:7], awal: awal, today: today, Log: []Log{}, BelumDicatat: []civil.Date{}}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		f, err := GetFasilitas(ctx, tx, fasilitasID)
		if err != nil {
			return err
		}
		if f.Jenis != FasilitasTPS3R {
			return fault.New(fault.NotFound, "%s bukan TPS3R: tidak ada log harian.", f.Nama)
		}
		out.fasilitas, out.FasilitasID, out.Nama = f, f.ID, f.Nama
		out.Aktif, out.DensitasGramM3, out.min = f.Status == "aktif", f.DensitasGramM3, logTanggalMin(f)
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&out.Log).Where("l.fasilitas_id = ?", f.ID).
			Where("l.tanggal BETWEEN ? AND ?", awal, awal.AddDate(0, 1, -1)).OrderExpr("l.tanggal"))
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	if err != nil {
		return LogBulan{}, err
	}
	logged := map[civil.Date]bool{}
	for _, l := range out.Log {
		out.Total.add(l)
		logged[l.Tanggal] = true
	}
	for _, d := range out.hari() {
		if !logged[d] {
			out.BelumDicatat = append(out.BelumDicatat, d)
		}
	}
	return out, nil
}

// hari are the days of the month that may carry a log: from the
// facility's first day up to today.
func (b LogBulan) hari() []civil.Date {
	var out []civil.Date
	for d := b.awal; d.Month() == b.awal.Month() && !b.today.Before(d); d = d.AddDate(0, 0, 1) {
		if !d.Before(b.min) {
			out = append(out, d)
		}
	}
	return out
}
