package pembinaan

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Coverage of a kecamatan or kabupaten: which posts had which topic in a
// window (two years to today by default), counted over the perangkat in
// post today (administration) and the attendance at sessions that were
// not cancelled (each invited desa's copy); per kecamatan at a kabupaten,
// per desa at a kecamatan; and who was never trained since appointment.

// cakupanTahun is the default window in years.
const cakupanTahun = 2

// cakupanJabatan labels the SOTK posts (administration's codes) and
// orders them.
var cakupanJabatan = []struct{ Kode, Label string }{
	{"kepala_desa", "Kepala desa"},
	{"sekretaris_desa", "Sekretaris desa"},
	{"kaur_tata_usaha_umum", "Kaur tata usaha dan umum"},
	{"kaur_keuangan", "Kaur keuangan"},
	{"kaur_perencanaan", "Kaur perencanaan"},
	{"kasi_pemerintahan", "Kasi pemerintahan"},
	{"kasi_kesejahteraan", "Kasi kesejahteraan"},
	{"kasi_pelayanan", "Kasi pelayanan"},
	{"kepala_kewilayahan", "Kepala kewilayahan"},
}

func cakupanJabatanLabel(kode string) string {
	for _, j := range cakupanJabatan {
		if j.Kode == kode {
			return j.Label
		}
	}
	return kode
}

func cakupanJabatanUrut(kode string) int {
	for i, j := range cakupanJabatan {
		if j.Kode == kode {
			return i
		}
	}
	return len(cakupanJabatan)
}

// PembinaanCakupanAngka is one topic's count.
type PembinaanCakupanAngka struct {
	Topik     string `json:"topik"`
	Label     string `json:"label"`
	Desa      int    `json:"desa" doc:"Desa yang perangkatnya (jabatan itu) pernah menerima topik ini"`
	Perangkat int    `json:"perangkat" doc:"Perangkat yang menjabat hari ini dan hadir pada pembinaan bertopik ini"`
}

// PembinaanCakupanJabatan is one post across the wilayah.
type PembinaanCakupanJabatan struct {
	Jabatan   string                  `json:"jabatan"`
	Label     string                  `json:"label"`
	Desa      int                     `json:"desa" doc:"Desa yang jabatan ini terisi"`
	Perangkat int                     `json:"perangkat" doc:"Perangkat yang menjabat hari ini"`
	Terlatih  int                     `json:"terlatih" doc:"Yang hadir sedikitnya sekali dalam jendela waktu"`
	Topik     []PembinaanCakupanAngka `json:"topik"`
}

// PembinaanCakupanUnit is one kecamatan (at a kabupaten) or desa (at a
// kecamatan).
type PembinaanCakupanUnit struct {
	Kode      tenancy.Kode            `json:"kode"`
	Nama      string                  `json:"nama"`
	Desa      int                     `json:"desa"`
	Perangkat int                     `json:"perangkat"`
	Terlatih  int                     `json:"terlatih"`
	Topik     []PembinaanCakupanAngka `json:"topik"`
}

// PembinaanBelumDilatih is a perangkat in post with no attendance since
// the appointment's first day.
type PembinaanBelumDilatih struct {
	Desa        tenancy.Kode `json:"desa"`
	NamaDesa    string       `json:"nama_desa"`
	Kecamatan   string       `json:"kecamatan"`
	PerangkatID string       `json:"perangkat_id"`
	Nama        string       `json:"nama"`
	Jabatan     string       `json:"jabatan"`
	Sebutan     string       `json:"sebutan"`
	Sejak       civil.Date   `json:"sejak" doc:"Mulai menjabat"`
}

// PembinaanCakupan is the coverage of a wilayah.
type PembinaanCakupan struct {
	Wilayah      tenancy.Kode              `json:"wilayah"`
	Dari         civil.Date                `json:"dari"`
	Sampai       civil.Date                `json:"sampai"`
	Topik        []PembinaanCakupanAngka   `json:"topik" doc:"Topik yang muncul dalam jendela waktu, dengan total wilayah"`
	Perangkat    int                       `json:"perangkat"`
	Terlatih     int                       `json:"terlatih"`
	Jabatan      []PembinaanCakupanJabatan `json:"jabatan"`
	Unit         []PembinaanCakupanUnit    `json:"unit" doc:"Per kecamatan di kabupaten, per desa di kecamatan"`
	BelumDilatih []PembinaanBelumDilatih   `json:"belum_dilatih"`
}

// cakupanHadir is one attendance with its session's topics and day.
type cakupanHadir struct {
	DesaID      int64     `bun:"desa_id"`
	PerangkatID string    `bun:"perangkat_id"`
	Topik       string    `bun:"topik"`
	Mulai       time.Time `bun:"mulai"`
}

// cakupanKunci is a perangkat of a desa.
type cakupanKunci struct {
	desa tenancy.Kode
	id   string
}

// cakupanJendela is the window: sampai defaults to today at the wilayah,
// dari to cakupanTahun years before.
func (m *Module) cakupanJendela(w tenancy.Kode, dari, sampai civil.Date) (civil.Date, civil.Date, error) {
	if sampai.IsZero() {
		sampai = civil.Today(m.now(), w)
	}
	if dari.IsZero() {
		dari = sampai.AddDate(-cakupanTahun, 0, 0)
	}
	if sampai.Before(dari) {
		return dari, sampai, fault.Field("query.dari", "Tanggal awal harus sebelum tanggal akhir.")
	}
	if dari.Before(sampai.AddDate(-10, 0, 0)) {
		return dari, sampai, fault.Field("query.dari", "Jendela waktu paling panjang 10 tahun.")
	}
	return dari, sampai, nil
}

// cakupanHadirDi reads the attendance inside w at sessions not cancelled
// that started on or after from (zero: any) and before to (zero: any), in
// one query.
func (m *Module) cakupanHadirDi(ctx context.Context, w tenancy.Kode, from, to time.Time) ([]cakupanHadir, error) {
	lo, hi := w.Range()
	var rows []cakupanHadir
	err := m.db.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: w}), func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewSelect().TableExpr("pembinaan_hadir AS h").
			Join("JOIN pembinaan_undangan AS u ON u.desa_id = h.desa_id AND u.pembinaan_id = h.pembinaan_id").
			ColumnExpr("h.desa_id, h.perangkat_id, u.topik, u.mulai").
			Where("h.desa_id BETWEEN ? AND ? AND u.status <> 'batal'", lo, hi)
		if !from.IsZero() {
			q = q.Where("u.mulai >= ?", from)
		}
		if !to.IsZero() {
			q = q.Where("u.mulai < ?", to)
		}
		return q.Scan(ctx, &rows)
	})
	return rows, err
}

// cakupanAwal is the first instant of a date at the wilayah, in UTC.
func cakupanAwal(w tenancy.Kode, d civil.Date) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, civil.Zone(w)).UTC()
}

// Cakupan computes the coverage of a kecamatan or kabupaten over the
// window [dari, sampai]; topik, when given, keeps that topic only.
func (m *Module) Cakupan(ctx context.Context, w tenancy.Kode, dari, sampai civil.Date, topik string) (PembinaanCakupan, error) {
	out := PembinaanCakupan{Wilayah: w}
	if w.IsDesa() {
		return out, fault.New(fault.Invalid, "Cakupan pembinaan untuk kecamatan atau kabupaten.")
	}
	dari, sampai, err := m.cakupanJendela(w, dari, sampai)
	if err != nil {
		return out, err
	}
	out.Dari, out.Sampai = dari, sampai
	topik = strings.TrimSpace(topik)
	if len(topik) > 60 {
		return out, fault.Field("topik", "Topik tidak dikenal.")
	}
	if m.perangkat == nil {
		return out, fault.New(fault.Unavailable, "Daftar perangkat belum tersedia.")
	}
	aktif, err := m.perangkat.Aktif(ctx, w)
	if err != nil {
		return out, err
	}
	hadir, err := m.cakupanHadirDi(ctx, w, time.Time{}, time.Time{})
	if err != nil {
		return out, err
	}
	var desaList []Desa
	if m.regions != nil {
		if desaList, err = m.regions.DesaIn(ctx, w); err != nil {
			return out, err
		}
	}
	namaDesa := map[tenancy.Kode]Desa{}
	for _, d := range desaList {
		namaDesa[d.Kode] = d
	}
	from, to := cakupanAwal(w, dari), cakupanAwal(w, sampai.AddDate(0, 0, 1))

	// Per perangkat: the topics had in the window, and the latest
	// attendance of any time.
	dalam := map[cakupanKunci]map[string]bool{}
	terakhir := map[cakupanKunci]time.Time{}
	ada := map[string]bool{}
	for _, h := range hadir {
		k := cakupanKunci{tenancy.KodeOfDesaID(h.DesaID), h.PerangkatID}
		if h.Mulai.After(terakhir[k]) {
			terakhir[k] = h.Mulai
		}
		if h.Mulai.Before(from) || !h.Mulai.Before(to) {
			continue
		}
		ts := cakupanTopikKode(h.Topik)
		if topik != "" && !slices.Contains(ts, topik) {
			continue
		}
		if dalam[k] == nil {
			dalam[k] = map[string]bool{}
		}
		for _, t := range ts {
			if topik == "" || t == topik {
				dalam[k][t] = true
				ada[t] = true
			}
		}
		if len(ts) == 0 {
			dalam[k][""] = true
		}
	}
	if topik != "" {
		ada[topik] = true
	}
	var kodeTopik []string
	for _, t := range cakupanTopik {
		if ada[t.Kode] {
			kodeTopik = append(kodeTopik, t.Kode)
			delete(ada, t.Kode)
		}
	}
	var lain []string
	for t := range ada {
		lain = append(lain, t)
	}
	sort.Strings(lain)
	kodeTopik = append(kodeTopik, lain...)

	unitOf := func(d tenancy.Kode) tenancy.Kode {
		if w.Level() == tenancy.Kabupaten {
			return d.Up(tenancy.Kecamatan)
		}
		return d
	}
	type hitung struct {
		desa      map[tenancy.Kode]bool
		perangkat int
		terlatih  int
		topikDesa map[string]map[tenancy.Kode]bool
		topikOrg  map[string]int
	}
	baru := func() *hitung {
		return &hitung{desa: map[tenancy.Kode]bool{}, topikDesa: map[string]map[tenancy.Kode]bool{}, topikOrg: map[string]int{}}
	}
	tambah := func(c *hitung, p Perangkat, ts map[string]bool) {
		c.desa[p.Desa] = true
		c.perangkat++
		if len(ts) > 0 {
			c.terlatih++
		}
		for t := range ts {
			if t == "" {
				continue
			}
			if c.topikDesa[t] == nil {
				c.topikDesa[t] = map[tenancy.Kode]bool{}
			}
			c.topikDesa[t][p.Desa] = true
			c.topikOrg[t]++
		}
	}
	angka := func(c *hitung) []PembinaanCakupanAngka {
		as := make([]PembinaanCakupanAngka, len(kodeTopik))
		for i, t := range kodeTopik {
			as[i] = PembinaanCakupanAngka{Topik: t, Label: cakupanTopikLabel(t), Desa: len(c.topikDesa[t]), Perangkat: c.topikOrg[t]}
		}
		return as
	}
	total := baru()
	perJabatan := map[string]*hitung{}
	perUnit := map[tenancy.Kode]*hitung{}
	for _, p := range aktif {
		if !w.Contains(p.Desa) {
			continue
		}
		k := cakupanKunci{p.Desa, p.ID}
		ts := dalam[k]
		tambah(total, p, ts)
		if perJabatan[p.Jabatan] == nil {
			perJabatan[p.Jabatan] = baru()
		}
		tambah(perJabatan[p.Jabatan], p, ts)
		u := unitOf(p.Desa)
		if perUnit[u] == nil {
			perUnit[u] = baru()
		}
		tambah(perUnit[u], p, ts)
		mulai := cakupanAwal(p.Desa, civil.DateOf(p.Mulai))
		if t, ok := terakhir[k]; !ok || t.Before(mulai) {
			d := namaDesa[p.Desa]
			out.BelumDilatih = append(out.BelumDilatih, PembinaanBelumDilatih{Desa: p.Desa, NamaDesa: d.Nama, Kecamatan: d.NamaKecamatan,
				PerangkatID: p.ID, Nama: p.Nama, Jabatan: p.Jabatan, Sebutan: p.Sebutan, Sejak: civil.DateOf(p.Mulai)})
		}
	}
	out.Perangkat, out.Terlatih, out.Topik = total.perangkat, total.terlatih, angka(total)
	for j, c := range perJabatan {
		out.Jabatan = append(out.Jabatan, PembinaanCakupanJabatan{Jabatan: j, Label: cakupanJabatanLabel(j), Desa: len(c.desa),
			Perangkat: c.perangkat, Terlatih: c.terlatih, Topik: angka(c)})
	}
	sort.Slice(out.Jabatan, func(a, b int) bool {
		return cakupanJabatanUrut(out.Jabatan[a].Jabatan) < cakupanJabatanUrut(out.Jabatan[b].Jabatan) ||
			cakupanJabatanUrut(out.Jabatan[a].Jabatan) == cakupanJabatanUrut(out.Jabatan[b].Jabatan) && out.Jabatan[a].Jabatan < out.Jabatan[b].Jabatan
	})
	// Every desa (or kecamatan) of the wilayah has a row, trained or not.
	for _, d := range desaList {
		u := unitOf(d.Kode)
		if perUnit[u] == nil {
			perUnit[u] = baru()
		}
	}
	for u, c := range perUnit {
		nama := ""
		if w.Level() == tenancy.Kabupaten {
			for _, d := range desaList {
				if d.Kode.Up(tenancy.Kecamatan) == u {
					nama = d.NamaKecamatan
					break
				}
			}
		} else {
			nama = namaDesa[u].Nama
		}
		if nama == "" {
			nama = string(u)
		}
		out.Unit = append(out.Unit, PembinaanCakupanUnit{Kode: u, Nama: nama, Desa: len(c.desa), Perangkat: c.perangkat,
			Terlatih: c.terlatih, Topik: angka(c)})
	}
	sort.Slice(out.Unit, func(a, b int) bool { return out.Unit[a].Kode < out.Unit[b].Kode })
	sort.SliceStable(out.BelumDilatih, func(a, b int) bool {
		x, y := out.BelumDilatih[a], out.BelumDilatih[b]
		if x.Desa != y.Desa {
			return x.Desa < y.Desa
		}
		if cakupanJabatanUrut(x.Jabatan) != cakupanJabatanUrut(y.Jabatan) {
			return cakupanJabatanUrut(x.Jabatan) < cakupanJabatanUrut(y.Jabatan)
		}
		return x.Nama < y.Nama
	})
	return out, nil
}
