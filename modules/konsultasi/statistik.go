package konsultasi

import (
	"context"
	"sort"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Response times. A thread counts in a period by the day it was opened.
// Answered within target: the first kecamatan answer came at most
// BatasHariKerja working days after the day it was opened (working days
// of the kabupaten's calendar; the opening day does not count). The share
// is over the threads that are decided: answered, or unanswered past the
// target; a thread still unanswered inside its target, or closed by the
// desa before any answer and inside it, is left out. No figure carries a
// thread's text.

// KonsultasiWaktuJawab is one kecamatan's (or the total's) figures.
type KonsultasiWaktuJawab struct {
	Kode           tenancy.Kode `json:"kode"`
	Nama           string       `json:"nama"`
	Jumlah         int          `json:"jumlah" doc:"Utas dibuka dalam periode"`
	Dijawab        int          `json:"dijawab" doc:"Yang sudah dijawab kecamatan"`
	MedianHari     *float64     `json:"median_hari_kerja,omitempty" doc:"Median hari kerja sampai jawaban pertama"`
	P90Hari        *float64     `json:"p90_hari_kerja,omitempty" doc:"Persentil ke-90 hari kerja sampai jawaban pertama"`
	PersenTepat    *float64     `json:"persen_dijawab_3hk,omitempty" doc:"Persen dijawab paling lama 3 hari kerja (dari utas yang sudah dapat dinilai)"`
	TerbukaLewat   int          `json:"belum_dijawab_lewat_3hk" doc:"Belum dijawab dan sudah lebih dari 3 hari kerja (hari ini)"`
	tepat, dinilai int
	hari           []int
}

// KonsultasiStatistik is the response time of every kecamatan of a
// wilayah (a kecamatan: itself) for threads opened in a period.
type KonsultasiStatistik struct {
	Wilayah   tenancy.Kode           `json:"wilayah"`
	Dari      civil.Date             `json:"dari"`
	Sampai    civil.Date             `json:"sampai"`
	Kecamatan []KonsultasiWaktuJawab `json:"kecamatan"`
	Total     KonsultasiWaktuJawab   `json:"total"`
}

type statRow struct {
	DesaID         int64     `bun:"desa_id"`
	Bagian         string    `bun:"bagian"`
	Topik          string    `bun:"topik"`
	Status         Status    `bun:"status"`
	DibukaPada     time.Time `bun:"dibuka_pada"`
	HariKerjaJawab *int      `bun:"hari_kerja_jawab"`
}

// periode fills an open period: to today, from a year before.
func (m *Module) periode(w tenancy.Kode, p indicator.Period) (from, to, today civil.Date) {
	today = civil.Today(m.now(), w)
	from, to = p.From, p.To
	if to == "" {
		to = today
	}
	if from == "" {
		from = to.AddDate(-1, 0, 1)
	}
	return from, to, today
}

// bacaStat reads the rows of threads opened in [from, to] or unanswered
// now, over the tenant wilayah: one query.
func (m *Module) bacaStat(ctx context.Context, from, to civil.Date) ([]statRow, error) {
	w := kodeOf(ctx)
	lo := from.Time()
	lo = time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, civil.Zone(w)).UTC()
	hi := to.AddDate(0, 0, 1).Time()
	hi = time.Date(hi.Year(), hi.Month(), hi.Day(), 0, 0, 0, 0, civil.Zone(w)).UTC()
	var rows []statRow
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model((*Konsultasi)(nil)).Column("desa_id", "bagian", "topik", "status", "dibuka_pada", "hari_kerja_jawab").
			Where("(k.dibuka_pada >= ? AND k.dibuka_pada < ?) OR k.status = ?", lo, hi, Baru)
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		return sel.Scan(ctx, &rows)
	})
	return rows, err
}

func dalam(r statRow, w tenancy.Kode, from, to civil.Date) bool {
	d := civil.Today(r.DibukaPada, w)
	return !d.Before(from) && !to.Before(d)
}

// tambah counts one row into a.
func (a *KonsultasiWaktuJawab) tambah(r statRow, kal kalender.Kalender, today civil.Date, masuk bool) {
	desa := tenancy.KodeOfDesaID(r.DesaID)
	umur, _ := kal.Antara(civil.Today(r.DibukaPada, desa), today)
	if r.Status == Baru && umur > BatasHariKerja {
		a.TerbukaLewat++
	}
	if !masuk {
		return
	}
	a.Jumlah++
	switch {
	case r.HariKerjaJawab != nil:
		a.Dijawab++
		a.hari = append(a.hari, *r.HariKerjaJawab)
		a.dinilai++
		if *r.HariKerjaJawab <= BatasHariKerja {
			a.tepat++
		}
	case umur > BatasHariKerja:
		a.dinilai++
	}
}

func (a *KonsultasiWaktuJawab) hitung() {
	if len(a.hari) > 0 {
		sort.Ints(a.hari)
		n := len(a.hari)
		med := float64(a.hari[n/2])
		if n%2 == 0 {
			med = float64(a.hari[n/2-1]+a.hari[n/2]) / 2
		}
		i := (9*n + 9) / 10 // nearest rank: ⌈0.9·n⌉
		p90 := float64(a.hari[i-1])
		a.MedianHari, a.P90Hari = &med, &p90
	}
	if a.dinilai > 0 {
		p := float64(a.tepat*1000/a.dinilai) / 10
		a.PersenTepat = &p
	}
}

// Statistik is the response time per kecamatan of wilayah (a kabupaten
// or a kecamatan) for threads opened in the period (open ends: the last
// 12 months to today).
func (m *Module) Statistik(ctx context.Context, w tenancy.Kode, p indicator.Period) (KonsultasiStatistik, error) {
	if w.Level() != tenancy.Kabupaten && w.Level() != tenancy.Kecamatan {
		return KonsultasiStatistik{}, fault.New(fault.Invalid, "Statistik konsultasi untuk kabupaten atau kecamatan.")
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: w})
	from, to, today := m.periode(w, p)
	if to.Before(from) {
		return KonsultasiStatistik{}, fault.Field("query.dari", "Tanggal awal tidak boleh setelah tanggal akhir.")
	}
	s := KonsultasiStatistik{Wilayah: w, Dari: from, Sampai: to, Kecamatan: []KonsultasiWaktuJawab{}}
	kal, err := m.kalenderOf(ctx, w)
	if err != nil {
		return s, err
	}
	rows, err := m.bacaStat(ctx, from, to)
	if err != nil {
		return s, err
	}
	per := map[tenancy.Kode]*KonsultasiWaktuJawab{}
	// Every kecamatan of the wilayah appears, also one without threads.
	if m.regions != nil {
		ds, err := m.regions.DesaIn(ctx, w)
		if err != nil {
			return s, err
		}
		for _, d := range ds {
			kc := d.Kode.Up(tenancy.Kecamatan)
			if per[kc] == nil {
				per[kc] = &KonsultasiWaktuJawab{Kode: kc, Nama: d.NamaKecamatan}
			}
		}
	}
	s.Total = KonsultasiWaktuJawab{Kode: w, Nama: m.nama(ctx, w)}
	for _, r := range rows {
		kc := tenancy.KodeOfDesaID(r.DesaID).Up(tenancy.Kecamatan)
		a := per[kc]
		if a == nil {
			a = &KonsultasiWaktuJawab{Kode: kc}
			per[kc] = a
		}
		masuk := dalam(r, w, from, to)
		a.tambah(r, kal, today, masuk)
		s.Total.tambah(r, kal, today, masuk)
	}
	for _, a := range per {
		if a.Nama == "" {
			a.Nama = m.nama(ctx, a.Kode)
		}
		a.hitung()
		s.Kecamatan = append(s.Kecamatan, *a)
	}
	sort.Slice(s.Kecamatan, func(i, j int) bool { return s.Kecamatan[i].Kode < s.Kecamatan[j].Kode })
	s.Total.hitung()
	return s, nil
}

// The module's indicators (platform/indicator), per desa, one query over
// the wilayah. Shares are basis points (9250 is 92,50 %).
const (
	IndDijawab3HK    = "konsultasi_dijawab_3hk" // opened in the period, answered within 3 working days, bp
	IndTerbuka       = "konsultasi_terbuka"     // not closed now
	sourceKonsultasi = "konsultasi"
)

// Definitions lists the module's indicators.
func (m *Module) Definitions() []indicator.Definition {
	return []indicator.Definition{
		{Source: sourceKonsultasi, Code: IndDijawab3HK, Nama: "Konsultasi dijawab ≤ 3 hari kerja", Satuan: "bp (1/100 %)",
			Kind: indicator.Count, Periodic: true, HigherIsBetter: true, Permission: PermStatistik},
		{Source: sourceKonsultasi, Code: IndTerbuka, Nama: "Konsultasi belum selesai", Satuan: "utas",
			Kind: indicator.Count, Kini: true, Permission: PermStatistik},
	}
}

// Indicators answers for every desa inside wilayah with threads.
func (m *Module) Indicators(ctx context.Context, wilayah tenancy.Kode, period indicator.Period, codes []string) ([]indicator.Value, error) {
	if !indicator.Wants(codes, IndDijawab3HK) && !indicator.Wants(codes, IndTerbuka) {
		return nil, nil
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	from, to, today := m.periode(wilayah, period)
	kal, err := m.kalenderOf(ctx, wilayah)
	if err != nil {
		return nil, err
	}
	lo := from.AddDate(0, 0, -1).Time()
	hi := to.AddDate(0, 0, 2).Time()
	var rows []statRow
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model((*Konsultasi)(nil)).Column("desa_id", "status", "dibuka_pada", "hari_kerja_jawab").
			Where("(k.dibuka_pada >= ? AND k.dibuka_pada < ?) OR k.status <> ?", lo, hi, Selesai)
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		return sel.Scan(ctx, &rows)
	})
	if err != nil {
		return nil, err
	}
	type acc struct {
		a       KonsultasiWaktuJawab
		terbuka int64
	}
	per := map[int64]*acc{}
	for _, r := range rows {
		x := per[r.DesaID]
		if x == nil {
			x = &acc{}
			per[r.DesaID] = x
		}
		desa := tenancy.KodeOfDesaID(r.DesaID)
		if r.Status != Selesai {
			x.terbuka++
		}
		x.a.tambah(r, kal, today, dalam(r, desa, from, to))
	}
	ids := make([]int64, 0, len(per))
	for id := range per {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []indicator.Value
	for _, id := range ids {
		x := per[id]
		desa := tenancy.KodeOfDesaID(id)
		if indicator.Wants(codes, IndDijawab3HK) && x.a.dinilai > 0 {
			if bp, ok := valid.BasisPoin(int64(x.a.tepat), int64(x.a.dinilai)); ok {
				out = append(out, indicator.Value{Desa: desa, Source: sourceKonsultasi, Code: IndDijawab3HK, Number: bp})
			}
		}
		if indicator.Wants(codes, IndTerbuka) {
			out = append(out, indicator.Value{Desa: desa, Source: sourceKonsultasi, Code: IndTerbuka, Number: x.terbuka})
		}
	}
	return out, nil
}

// DossierSection is the konsultasi part of a field-visit dossier for a
// desa: threads opened in the period by section and status, by topic,
// and the kecamatan's response time. Counts and topics only: the dossier
// goes to the bupati or an OPD, who do not read the desa's threads.
func (m *Module) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	if !desa.IsDesa() {
		return report.Section{}, fault.New(fault.Invalid, "Dosir konsultasi memerlukan kode desa.")
	}
	_ = audience // every audience sees the same counts
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	s := report.Section{Heading: "Konsultasi desa ke kecamatan"}
	from, to, today := m.periode(desa, period)
	kal, err := m.kalenderOf(ctx, desa)
	if err != nil {
		return s, err
	}
	rows, err := m.bacaStat(ctx, from, to)
	if err != nil {
		return s, err
	}
	var a KonsultasiWaktuJawab
	status := map[string]map[Status]int{}
	topik := map[string]int{}
	for _, r := range rows {
		masuk := dalam(r, desa, from, to)
		a.tambah(r, kal, today, masuk)
		if !masuk {
			continue
		}
		if status[r.Bagian] == nil {
			status[r.Bagian] = map[Status]int{}
		}
		status[r.Bagian][r.Status]++
		topik[r.Topik]++
	}
	a.hitung()
	if a.Jumlah == 0 && a.TerbukaLewat == 0 {
		s.Empty = "Belum ada data: tidak ada konsultasi dalam periode ini."
		return s, nil
	}
	s.Figures = []report.Figure{
		{Label: "Konsultasi dibuka", Value: valid.Angka(int64(a.Jumlah)), Note: from.String() + " – " + to.String()},
		{Label: "Sudah dijawab", Value: valid.Angka(int64(a.Dijawab))},
		{Label: "Dijawab ≤ 3 hari kerja", Value: persenTeks(a.PersenTepat)},
		{Label: "Median hari kerja sampai dijawab", Value: hariTeks(a.MedianHari)},
		{Label: "Belum dijawab > 3 hari kerja", Value: valid.Angka(int64(a.TerbukaLewat))},
	}
	tb := report.Table{Title: "Per seksi dan status", Columns: []report.Column{{Label: "Seksi", Width: 3}, {Label: "Baru"}, {Label: "Dijawab"}, {Label: "Selesai"}}}
	for _, b := range Bagian {
		st := status[b.Kode]
		if st == nil {
			continue
		}
		tb.Rows = append(tb.Rows, report.Row{Cells: []report.Cell{report.Teks(b.Nama),
			report.Angka(int64(st[Baru]), valid.Angka(int64(st[Baru]))),
			report.Angka(int64(st[Dijawab]), valid.Angka(int64(st[Dijawab]))),
			report.Angka(int64(st[Selesai]), valid.Angka(int64(st[Selesai])))}})
	}
	tt := report.Table{Title: "Per topik", Columns: []report.Column{{Label: "Topik", Width: 3}, {Label: "Utas"}}}
	for _, t := range Topik {
		if n := topik[t.Kode]; n > 0 {
			tt.Rows = append(tt.Rows, report.Row{Cells: []report.Cell{report.Teks(t.Nama), report.Angka(int64(n), valid.Angka(int64(n)))}})
		}
	}
	if len(tb.Rows) > 0 {
		s.Tables = append(s.Tables, tb, tt)
	}
	return s, nil
}

func persenTeks(p *float64) string {
	if p == nil {
		return "—"
	}
	return desimal(*p) + " %"
}

func hariTeks(h *float64) string {
	if h == nil {
		return "—"
	}
	return desimal(*h) + " hari kerja"
}

// desimal writes one decimal with a comma ("2,5"; "3").
func desimal(f float64) string {
	n := int64(f*10 + 0.5)
	if n%10 == 0 {
		return valid.Angka(n / 10)
	}
	return valid.Angka(n/10) + "," + string(rune('0'+n%10))
}
