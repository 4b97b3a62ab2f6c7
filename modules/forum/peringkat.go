package forum

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The ranking reads the rollup's tables only: one indicator (or a
// composite's few) of two years over the wilayah's id range, the desa
// names, and the IDM status or population when the peers are grouped by
// them. Ranks, quartiles and peer groups are computed in memory.

// Bounds of a ranking request.
const (
	PeringkatDefaultLimit = 100
	PeringkatMaxLimit     = 1000
	// maxDesaPeringkat bounds the desa a ranking reads: every desa of
	// Indonesia (about 84,000) fits.
	maxDesaPeringkat = 100_000
)

// PeringkatQuery asks for one ranking.
type PeringkatQuery struct {
	Indikator string
	Tahun     int
	Kelompok  Kelompok
	// Desa, when set, limits the rows to its peer group (it must lie in
	// the wilayah).
	Desa   tenancy.Kode
	Limit  int
	Offset int
}

// Indikators lists the yardsticks the user may see at wilayah k: the
// providers' indicators whose permission the user holds there, the IDM,
// and the composites saved for k and the wilayah above it whose parts are
// all visible.
func (m *Module) Indikators(ctx context.Context, k tenancy.Kode) ([]Indikator, error) {
	defs, err := m.definisiTerlihat(ctx, k)
	if err != nil {
		return nil, err
	}
	out := urutkanIndikator(defs, m.indicators())
	ks, err := m.kompositTerlihat(ctx, k, defs)
	if err != nil {
		return nil, err
	}
	for _, c := range ks {
		out = append(out, c.indikator())
	}
	return out, nil
}

// definisiTerlihat are the comparable definitions the user in ctx may see
// at k, IDM first, then the providers in module order.
func (m *Module) definisiTerlihat(ctx context.Context, k tenancy.Kode) (map[string]indicator.Definition, error) {
	all := definisiSemua(m.indicators())
	u, _ := auth.UserFrom(ctx)
	seen := map[authz.Permission]bool{}
	out := make(map[string]indicator.Definition, len(all))
	for _, d := range all {
		ok, known := seen[d.Permission]
		if !known {
			if m.authz != nil && u.ID != "" {
				var err error
				if ok, err = m.authz.Allowed(ctx, u.ID, k, d.Permission); err != nil {
					return nil, err
				}
			}
			seen[d.Permission] = ok
		}
		if ok {
			out[kunciDef(d)] = d
		}
	}
	return out, nil
}

// definisiSemua is every comparable definition in panel order: the IDM,
// then each provider's.
func definisiSemua(ps []indicator.Provider) []indicator.Definition {
	out := definisiIDM()
	for _, p := range ps {
		for _, d := range p.Definitions() {
			if dibandingkan(d) {
				out = append(out, d)
			}
		}
	}
	return out
}

func kunciDef(d indicator.Definition) string { return d.Source + "." + d.Code }

func indikatorDari(d indicator.Definition) Indikator {
	s := skalaSatuan(d.Satuan)
	if d.Source == SumberIDM {
		s = satuanSkala{bagi: 1, tampil: "", desimal: 4}
	}
	return Indikator{Kunci: kunciDef(d), Sumber: d.Source, Kode: d.Code, Nama: d.Nama, Satuan: s.tampil,
		Desimal: s.desimal, LebihTinggiLebihBaik: d.HigherIsBetter}
}

// urutkanIndikator orders yardsticks as the panel lists them.
func urutkanIndikator(defs map[string]indicator.Definition, ps []indicator.Provider) []Indikator {
	var out []Indikator
	for _, d := range definisiSemua(ps) {
		if _, ok := defs[kunciDef(d)]; ok {
			out = append(out, indikatorDari(d))
		}
	}
	return out
}

// nilaiDesa is one desa's value in a ranking.
type nilaiDesa struct {
	id       int64
	nilai    float64
	kelompok string
}

// Peringkat ranks the desa of wilayah k (a kecamatan or kabupaten, or a
// provinsi for a deployment of many kabupaten) on one yardstick.
func (m *Module) Peringkat(ctx context.Context, k tenancy.Kode, q PeringkatQuery) (Peringkat, error) {
	if err := q.validate(k); err != nil {
		return Peringkat{}, err
	}
	defs, err := m.definisiTerlihat(ctx, k)
	if err != nil {
		return Peringkat{}, err
	}
	ind, parts, err := m.yardstick(ctx, k, q.Indikator, defs)
	if err != nil {
		return Peringkat{}, err
	}
	return m.peringkat(ctx, k, q, ind, parts)
}

// komponen is one indicator a yardstick reads, with its weight (1 for a
// plain indicator).
type komponen struct {
	sumber, kode string
	bobot        float64
	naik         bool // higher is better
}

// yardstick resolves an indicator key the user may see.
func (m *Module) yardstick(ctx context.Context, k tenancy.Kode, kunci string, defs map[string]indicator.Definition) (Indikator, []komponen, error) {
	if id, ok := strings.CutPrefix(kunci, prefixKomposit); ok {
		ks, err := m.kompositTerlihat(ctx, k, defs)
		if err != nil {
			return Indikator{}, nil, err
		}
		for _, c := range ks {
			if c.ID == id {
				var parts []komponen
				for _, b := range c.Bobot {
					d := defs[b.Indikator]
					parts = append(parts, komponen{sumber: d.Source, kode: d.Code, bobot: float64(b.Bobot), naik: d.HigherIsBetter})
				}
				return c.indikator(), parts, nil
			}
		}
		return Indikator{}, nil, fault.Field("query.indikator", "indikator komposit %q tidak ditemukan di wilayah ini", id)
	}
	d, ok := defs[kunci]
	if !ok {
		return Indikator{}, nil, fault.Field("query.indikator", "indikator %q tidak dikenal atau tidak boleh Anda lihat", kunci)
	}
	return indikatorDari(d), []komponen{{sumber: d.Source, kode: d.Code, bobot: 1, naik: d.HigherIsBetter}}, nil
}

func (q *PeringkatQuery) validate(k tenancy.Kode) error {
	if q.Tahun < 2000 || q.Tahun > 2100 {
		return fault.Field("query.tahun", "tahun harus antara 2000 dan 2100")
	}
	switch q.Kelompok {
	case KelompokSemua, KelompokKecamatan, KelompokStatusIDM, KelompokPenduduk:
	default:
		return fault.Field("query.kelompok", "kelompok %q tidak dikenal (kecamatan, status_idm atau penduduk)", string(q.Kelompok))
	}
	if q.Limit == 0 {
		q.Limit = PeringkatDefaultLimit
	}
	if q.Limit < 1 || q.Limit > PeringkatMaxLimit {
		return fault.Field("query.limit", "limit harus antara 1 dan %d", PeringkatMaxLimit)
	}
	if q.Offset < 0 || q.Offset > maxDesaPeringkat {
		return fault.Field("query.offset", "offset harus antara 0 dan %d", maxDesaPeringkat)
	}
	if q.Desa != "" && (!q.Desa.IsDesa() || !k.Contains(q.Desa)) {
		return fault.Field("query.desa", "desa %s tidak berada di wilayah %s", string(q.Desa), string(k))
	}
	return nil
}

// dataPeringkat is what one ranking reads in one transaction: each
// part's values of the year and the year before (index as parts), how
// many desa the rollup covers, and the IDM status or population when the
// peers are grouped by them. Names are read for the rows shown only.
type dataPeringkat struct {
	kini, lalu []map[int64]float64
	jumlah     int
	status     map[int64]string
	tahunIDM   int // the year of status
	penduduk   map[int64]float64
	dihitung   *time.Time
}

func (m *Module) baca(ctx context.Context, k tenancy.Kode, tahun int, parts []komponen, kel Kelompok) (dataPeringkat, error) {
	d := dataPeringkat{kini: make([]map[int64]float64, len(parts)), lalu: make([]map[int64]float64, len(parts))}
	lo, hi := k.Range()
	err := m.db.RangeTx(ctx, lo, hi, func(ctx context.Context, tx bun.Tx) error {
		for i, p := range parts {
			d.kini[i], d.lalu[i] = map[int64]float64{}, map[int64]float64{}
			err := scanNilai(ctx, tx, func(id int64, y int, v float64) {
				if y == tahun {
					d.kini[i][id] = v
				} else {
					d.lalu[i][id] = v
				}
			}, "SELECT desa_id, tahun, nilai FROM forum_nilai WHERE tahun IN (?, ?) AND sumber = ? AND kode = ? AND desa_id BETWEEN ? AND ?",
				tahun, tahun-1, p.sumber, p.kode, lo, hi)
			if err != nil {
				return err
			}
		}
		n, err := tx.NewSelect().Model((*desaBaris)(nil)).Where("desa_id BETWEEN ? AND ?", lo, hi).Count(ctx)
		if err != nil {
			return err
		}
		d.jumlah = int(n)
		var run []rollupBaris
		kabLo, kabHi := k.Up(tenancy.Kabupaten).ID(), k.Up(tenancy.Kabupaten).ID()
		if k.Level() < tenancy.Kabupaten {
			kabLo, kabHi = lo, hi
		}
		if err := tx.NewSelect().Model(&run).Where("desa_id BETWEEN ? AND ? AND tahun = ?", kabLo, kabHi, tahun).
			Order("dihitung_pada").Limit(1).Scan(ctx); err != nil {
			return err
		}
		if len(run) > 0 {
			t := run[0].DihitungPada // the oldest run of the kabupaten covered
			d.dihitung = &t
		}
		switch kel {
		case KelompokStatusIDM:
			// The status a desa holds is its latest IDM: Kemendesa
			// publishes a year's scores the year after.
			d.status = map[int64]string{}
			var y *int
			if err := tx.NewSelect().TableExpr("forum_idm").ColumnExpr("max(tahun)").
				Where("tahun <= ? AND desa_id BETWEEN ? AND ?", tahun, lo, hi).Scan(ctx, &y); err != nil {
				return err
			}
			if y == nil {
				return nil
			}
			d.tahunIDM = *y
			rows, err := tx.QueryContext(ctx, "SELECT desa_id, status FROM forum_idm WHERE tahun = ? AND desa_id BETWEEN ? AND ?", *y, lo, hi)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var st string
				if err := rows.Scan(&id, &st); err != nil {
					return err
				}
				d.status[id] = st
			}
			if err := rows.Err(); err != nil {
				return err
			}
		case KelompokPenduduk:
			// Population is a state told as of the rollup's day: the
			// latest year up to tahun that has it, else the first after.
			d.penduduk = map[int64]float64{}
			var years []int
			if err := tx.NewSelect().TableExpr("forum_nilai").ColumnExpr("DISTINCT tahun").
				Where("sumber = ? AND kode = ? AND desa_id BETWEEN ? AND ?", sumberPenduduk, kodePenduduk, lo, hi).
				Scan(ctx, &years); err != nil {
				return err
			}
			y := tahunTerdekat(years, tahun)
			if y == 0 {
				return nil
			}
			return scanNilai(ctx, tx, func(id int64, _ int, v float64) { d.penduduk[id] = v },
				"SELECT desa_id, tahun, nilai FROM forum_nilai WHERE tahun = ? AND sumber = ? AND kode = ? AND desa_id BETWEEN ? AND ?",
				y, sumberPenduduk, kodePenduduk, lo, hi)
		}
		return nil
	})
	return d, err
}

// scanNilai runs a query of (desa_id, tahun, nilai) rows and hands each
// to add: tens of thousands of rows, read without reflection.
func scanNilai(ctx context.Context, tx bun.Tx, add func(id int64, tahun int, v float64), query string, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			y  int
			v  float64
		)
		if err := rows.Scan(&id, &y, &v); err != nil {
			return err
		}
		add(id, y, v)
	}
	return rows.Err()
}

// namaDesa reads the names of some desa of k.
func (m *Module) namaDesa(ctx context.Context, k tenancy.Kode, ids []int64) (map[int64]desaBaris, error) {
	out := make(map[int64]desaBaris, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	lo, hi := k.Range()
	var rows []desaBaris
	err := m.db.RangeTx(ctx, lo, hi, func(ctx context.Context, tx bun.Tx) error {
		for i := 0; i < len(ids); i += sisipPerKueri {
			var part []desaBaris
			if err := tx.NewSelect().Model(&part).Where("desa_id IN (?)", bun.In(ids[i:min(i+sisipPerKueri, len(ids))])).Scan(ctx); err != nil {
				return err
			}
			rows = append(rows, part...)
		}
		return nil
	})
	for _, r := range rows {
		out[r.DesaID] = r
	}
	return out, err
}

// tahunTerdekat is the latest of years up to tahun, else the earliest
// after it; 0 when years is empty.
func tahunTerdekat(years []int, tahun int) int {
	best := 0
	for _, y := range years {
		switch {
		case y <= tahun && (best == 0 || best > tahun || y > best):
			best = y
		case y > tahun && (best == 0 || (best > tahun && y < best)):
			best = y
		}
	}
	return best
}

// The population the peer groups read (modules/administration's
// indicator, copied by the rollup).
const (
	sumberPenduduk = "administration"
	kodePenduduk   = "penduduk"
)

// skor is each desa's value on the yardstick from its parts' values
// (index as parts): a plain indicator's value, or a composite's weighted
// mean of its parts, each scaled 0–100 between the lowest and highest
// value in the wilayah (turned round when lower is better). A desa
// missing a part has no composite value.
func skor(vals []map[int64]float64, parts []komponen) map[int64]float64 {
	if len(parts) == 1 {
		return vals[0]
	}
	type span struct{ lo, hi float64 }
	spans := make([]span, len(parts))
	for i := range parts {
		sp := span{math.Inf(1), math.Inf(-1)}
		for _, x := range vals[i] {
			sp.lo, sp.hi = math.Min(sp.lo, x), math.Max(sp.hi, x)
		}
		spans[i] = sp
	}
	var jumlahBobot float64
	for _, p := range parts {
		jumlahBobot += p.bobot
	}
	out := make(map[int64]float64, len(vals[0]))
desa:
	for id := range vals[0] {
		var total float64
		for i, p := range parts {
			x, ok := vals[i][id]
			if !ok {
				continue desa
			}
			n := 50.0 // every desa equal on this part
			if sp := spans[i]; sp.hi > sp.lo {
				n = (x - sp.lo) / (sp.hi - sp.lo) * 100
			}
			if !p.naik {
				n = 100 - n
			}
			total += n * p.bobot
		}
		out[id] = math.Round(total/jumlahBobot*100) / 100
	}
	return out
}

// peringkat computes the ranking from the rollup's rows.
func (m *Module) peringkat(ctx context.Context, k tenancy.Kode, q PeringkatQuery, ind Indikator, parts []komponen) (Peringkat, error) {
	d, err := m.baca(ctx, k, q.Tahun, parts, q.Kelompok)
	if err != nil {
		return Peringkat{}, err
	}
	p := Peringkat{Wilayah: k, Tahun: q.Tahun, Indikator: ind, Kelompok: q.Kelompok, Dihitung: d.dihitung,
		Kelompoks: []KelompokStat{}, Baris: []BarisPeringkat{}}
	p.NamaWilayah = m.namaWilayah(ctx, k)
	naik := ind.LebihTinggiLebihBaik || len(parts) > 1
	kini := skor(d.kini, parts)
	lalu := skor(d.lalu, parts)

	// Every desa with a value, best first; equal values by code.
	all := make([]nilaiDesa, 0, len(kini))
	for id, v := range kini {
		all = append(all, nilaiDesa{id: id, nilai: v})
	}
	lebihBaik := func(a, b nilaiDesa) int {
		c := cmp.Compare(b.nilai, a.nilai)
		if !naik {
			c = -c
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	}
	slices.SortFunc(all, lebihBaik)
	p.TanpaData = max(0, d.jumlah-len(all))
	rankWilayah := peringkatKompetisi(all)
	rankLalu := map[int64]int{}
	{
		prev := make([]nilaiDesa, 0, len(lalu))
		for id, v := range lalu {
			prev = append(prev, nilaiDesa{id: id, nilai: v})
		}
		slices.SortFunc(prev, lebihBaik)
		for i, r := range peringkatKompetisi(prev) {
			rankLalu[prev[i].id] = r
		}
	}
	vals := make([]float64, len(all))
	for i, x := range all {
		vals[i] = x.nilai
	}
	p.StatistikNilai = statistik(vals)

	// Peer groups.
	nama := func(id int64) string { return string(tenancy.KodeOfDesaID(id).Up(tenancy.Kecamatan)) }
	label := map[string]string{}
	switch q.Kelompok {
	case KelompokKecamatan:
		wakil := map[string]int64{} // a desa of each kecamatan, for its name
		for i := range all {
			key := nama(all[i].id)
			all[i].kelompok = key
			if _, ok := wakil[key]; !ok {
				wakil[key] = all[i].id
			}
		}
		ids := make([]int64, 0, len(wakil))
		for _, id := range wakil {
			ids = append(ids, id)
		}
		names, err := m.namaDesa(ctx, k, ids)
		if err != nil {
			return Peringkat{}, err
		}
		for key, id := range wakil {
			label[key] = "Kec. " + names[id].NamaKecamatan
		}
	case KelompokStatusIDM:
		for i := range all {
			s := d.status[all[i].id]
			if s == "" {
				s = "TANPA STATUS IDM"
			}
			all[i].kelompok, label[s] = s, statusLabel(s, d.tahunIDM)
		}
	case KelompokPenduduk:
		var pop []float64
		for _, v := range d.penduduk {
			pop = append(pop, v)
		}
		slices.Sort(pop)
		st := statistik(pop)
		for i := range all {
			v, ok := d.penduduk[all[i].id]
			key, l := bandPenduduk(v, ok, st)
			all[i].kelompok, label[key] = key, l
		}
	}
	rankKelompok := rankWilayah
	if q.Kelompok != KelompokSemua {
		rankKelompok = make([]int, len(all))
		byGroup := map[string][]int{} // group → indexes into all, already in order
		for i, x := range all {
			byGroup[x.kelompok] = append(byGroup[x.kelompok], i)
		}
		keys := make([]string, 0, len(byGroup))
		for key := range byGroup {
			keys = append(keys, key)
		}
		slices.Sort(keys)
		for _, key := range keys {
			idx := byGroup[key]
			members := make([]nilaiDesa, len(idx))
			gv := make([]float64, len(idx))
			for j, i := range idx {
				members[j], gv[j] = all[i], all[i].nilai
			}
			for j, r := range peringkatKompetisi(members) {
				rankKelompok[idx[j]] = r
			}
			p.Kelompoks = append(p.Kelompoks, KelompokStat{Kunci: key, Nama: label[key], StatistikNilai: statistik(gv)})
		}
	}

	// The rows: the wilayah, or the peer group of one desa.
	pilih := make([]int, 0, len(all))
	var grupDesa string
	if q.Desa != "" {
		found := false
		for _, x := range all {
			if x.id == q.Desa.ID() {
				grupDesa, found = x.kelompok, true
			}
		}
		if !found {
			return Peringkat{}, fault.New(fault.NotFound, "desa %s belum punya nilai %s untuk tahun %d", string(q.Desa), ind.Nama, q.Tahun)
		}
	}
	for i, x := range all {
		if q.Desa == "" || x.kelompok == grupDesa {
			pilih = append(pilih, i)
		}
	}
	p.Total = len(pilih)
	from := min(q.Offset, len(pilih))
	to := min(from+q.Limit, len(pilih))
	if to < len(pilih) {
		p.Berikutnya = to
	}
	ids := make([]int64, 0, to-from)
	for _, i := range pilih[from:to] {
		ids = append(ids, all[i].id)
	}
	names, err := m.namaDesa(ctx, k, ids)
	if err != nil {
		return Peringkat{}, err
	}
	for _, i := range pilih[from:to] {
		x := all[i]
		n := names[x.id]
		b := BarisPeringkat{Peringkat: rankKelompok[i], PeringkatWilayah: rankWilayah[i], Desa: tenancy.KodeOfDesaID(x.id),
			Nama: n.Nama, Kecamatan: n.NamaKecamatan, Kelompok: label[x.kelompok], Nilai: x.nilai, Teks: teksNilai(ind, x.nilai),
			Kuartil: kuartil(x.nilai, p.StatistikNilai, naik), StatusIDM: d.status[x.id]}
		if b.Nama == "" {
			b.Nama = string(b.Desa)
		}
		if v, ok := lalu[x.id]; ok {
			b.NilaiLalu = &v
			if r, ok := rankLalu[x.id]; ok {
				b.PeringkatLalu = &r
			}
			switch {
			case x.nilai > v:
				b.Arah, b.Membaik = "naik", naik
			case x.nilai < v:
				b.Arah, b.Membaik = "turun", !naik
			default:
				b.Arah = "tetap"
			}
		}
		p.Baris = append(p.Baris, b)
	}
	return p, nil
}

// peringkatKompetisi ranks values already in order: equal values share a
// rank and the next rank skips ("1, 2, 2, 4").
func peringkatKompetisi(xs []nilaiDesa) []int {
	out := make([]int, len(xs))
	for i := range xs {
		if i > 0 && xs[i].nilai == xs[i-1].nilai {
			out[i] = out[i-1]
		} else {
			out[i] = i + 1
		}
	}
	return out
}

// statistik summarises values in any order.
func statistik(vals []float64) StatistikNilai {
	if len(vals) == 0 {
		return StatistikNilai{}
	}
	xs := slices.Clone(vals)
	slices.Sort(xs)
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return StatistikNilai{Jumlah: len(xs), Min: xs[0], Max: xs[len(xs)-1], Q1: kuantil(xs, 0.25), Median: kuantil(xs, 0.5),
		Q3: kuantil(xs, 0.75), Rerata: sum / float64(len(xs))}
}

// kuantil reads quantile q of sorted xs by linear interpolation.
func kuantil(xs []float64, q float64) float64 {
	pos := q * float64(len(xs)-1)
	i := int(pos)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (xs[i+1]-xs[i])*(pos-float64(i))
}

// kuartil is the quarter v lies in, 1 the best.
func kuartil(v float64, s StatistikNilai, naik bool) int {
	q := 4
	switch {
	case v >= s.Q3:
		q = 1
	case v >= s.Median:
		q = 2
	case v >= s.Q1:
		q = 3
	}
	if !naik {
		q = 5 - q
	}
	return q
}

// bandPenduduk puts a desa in one of four population bands of the
// wilayah (by its quartiles), or in "no population figure".
func bandPenduduk(v float64, ok bool, s StatistikNilai) (key, label string) {
	switch {
	case !ok:
		return "0", "Penduduk belum tercatat"
	case v <= s.Q1:
		return "1", "Penduduk ≤ " + angka(s.Q1, 0) + " jiwa"
	case v <= s.Median:
		return "2", "Penduduk " + angka(s.Q1, 0) + "–" + angka(s.Median, 0) + " jiwa"
	case v <= s.Q3:
		return "3", "Penduduk " + angka(s.Median, 0) + "–" + angka(s.Q3, 0) + " jiwa"
	}
	return "4", "Penduduk > " + angka(s.Q3, 0) + " jiwa"
}

// statusLabel writes an IDM status (of year tahun) as a heading.
func statusLabel(s string, tahun int) string {
	if s == "TANPA STATUS IDM" {
		return "Belum ada status IDM"
	}
	return "IDM " + strconv.Itoa(tahun) + ": " + strings.ToLower(s)
}

// teksNilai writes a value the Indonesian way with the yardstick's
// decimals and unit.
func teksNilai(ind Indikator, v float64) string {
	s := angka(v, ind.Desimal)
	switch ind.Satuan {
	case "":
		return s
	case "rupiah":
		return "Rp " + s
	case "%":
		return s + " %"
	}
	return s + " " + ind.Satuan
}

// angka formats v with dec decimals, "." between thousands and "," before
// the decimals.
func angka(v float64, dec int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', dec, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// namaWilayah names a wilayah as a heading: "Kabupaten Tabanan",
// "Kecamatan Kediri" (the region list writes a kecamatan's bare name).
func (m *Module) namaWilayah(ctx context.Context, k tenancy.Kode) string {
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, k); err == nil && n != "" {
			if k.Level() == tenancy.Kecamatan && !strings.HasPrefix(n, "Kecamatan") {
				n = "Kecamatan " + n
			}
			return n
		}
	}
	return string(k)
}
