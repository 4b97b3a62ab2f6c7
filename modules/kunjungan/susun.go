package kunjungan

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// AudiensiDiterima is one audiensi received during a visit, as its report
// lists it: never the reporter nor the text of the complaint.
type AudiensiDiterima struct {
	Judul    string
	Kategori string
	Status   string
	Diterima civil.Date
	// Penerima are where it was sent: each recipient's name with the
	// state of its part.
	Penerima []string
}

// AudiensiSource lists the audiensi tagged with a visit (modules/audiensi,
// wired by cmd). Without it the report has no audiensi part.
type AudiensiSource interface {
	AudiensiKunjungan(ctx context.Context, desa tenancy.Kode, kunjunganID string) ([]AudiensiDiterima, error)
	// JumlahAudiensiKunjungan counts them for the visit's page, with the
	// link to the desa's list cut down to them.
	JumlahAudiensiKunjungan(ctx context.Context, desa tenancy.Kode, kunjunganID string) (n int, href string, err error)
}

// maxGrafik is how many indicators a dossier draws as charts: those where
// the desa stands furthest from the kabupaten's median.
const maxGrafik = 4

// Susun puts one dossier's document together: for audiens bupati or an
// OPD code, the briefing of desa for the visit kunjunganID ("" for a
// planning dossier); for AudiensLaporan, the post-visit report. It reads
// only what the audience's role may see, invents nothing, and is
// deterministic: the same data gives the same document (the content hash
// is taken over it), so it carries no time of printing.
//
// A module whose section fails costs that section only: the dossier says
// the part could not be put together and the cause goes to the log. A
// cancelled ctx fails the whole build, so a stopping worker never stores
// a dossier of such notes.
func (m *Module) Susun(ctx context.Context, desa tenancy.Kode, kunjunganID, audiens string) (report.Document, error) {
	if !desa.IsDesa() {
		return report.Document{}, fault.New(fault.Invalid, "Dossier memerlukan kode desa.")
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	today := civil.Today(m.now(), desa)
	var det *Detail
	if kunjunganID != "" {
		d, err := m.Lihat(ctx, kunjunganID)
		if err != nil {
			return report.Document{}, err
		}
		det = &d
	}
	w := m.wilayahOf(ctx, desa)
	var doc report.Document
	var err error
	if audiens == AudiensLaporan {
		if det == nil {
			return report.Document{}, fault.New(fault.Invalid, "Laporan hasil memerlukan kunjungan.")
		}
		doc, err = m.susunLaporan(ctx, desa, *det, w, today)
	} else {
		doc, err = m.susunDossier(ctx, desa, det, audiens, w, today)
	}
	if err != nil {
		return report.Document{}, err
	}
	if err := ctx.Err(); err != nil {
		return report.Document{}, err
	}
	return doc, nil
}

// namaWilayah is the desa with its kecamatan and kabupaten, by name.
type namaWilayah struct {
	desa, kecamatan, kabupaten string
}

func (w namaWilayah) String() string {
	return "Desa " + w.desa + ", Kecamatan " + w.kecamatan + ", " + w.kabupaten
}

func (m *Module) wilayahOf(ctx context.Context, desa tenancy.Kode) namaWilayah {
	nama := func(k tenancy.Kode) string {
		if m.regions == nil {
			return string(k)
		}
		n, err := m.regions.Nama(ctx, k)
		if err != nil || n == "" {
			return string(k)
		}
		return n
	}
	kab := nama(desa.Up(tenancy.Kabupaten))
	if kab == string(desa.Up(tenancy.Kabupaten)) {
		kab = "Kabupaten " + kab
	}
	return namaWilayah{desa: nama(desa), kecamatan: nama(desa.Up(tenancy.Kecamatan)), kabupaten: kab}
}

// sasaran is whom a dossier is for.
type sasaran struct {
	aud   report.Audience
	role  authz.Role
	opd   OPD // an OPD audience's entry in the registry
	judul string
}

func (m *Module) sasaranOf(ctx context.Context, desa tenancy.Kode, audiens string) (sasaran, error) {
	if audiens == AudiensBupati {
		return sasaran{aud: report.Audience{Bupati: true}, role: authz.Bupati, judul: "Bupati"}, nil
	}
	if m.opd == nil {
		return sasaran{}, fault.New(fault.Invalid, "Registri OPD tidak tersedia.")
	}
	os, err := m.opd.Daftar(ctx, desa.Up(tenancy.Kabupaten))
	if err != nil {
		return sasaran{}, err
	}
	for _, o := range os {
		if o.Kode == audiens {
			return sasaran{aud: report.Audience{OPD: o.Kode}, role: authz.OPD, opd: o, judul: o.Kode + " — " + o.Nama}, nil
		}
	}
	return sasaran{}, fault.New(fault.NotFound, "OPD %s tidak ada di registri kabupaten.", audiens)
}

// susunDossier is the briefing of one audience: the visit's agenda, the
// desa profile, the modules' sections, the comparison with the other desa
// and the commitments of earlier visits still open.
func (m *Module) susunDossier(ctx context.Context, desa tenancy.Kode, det *Detail, audiens string, w namaWilayah, today civil.Date) (report.Document, error) {
	sa, err := m.sasaranOf(ctx, desa, audiens)
	if err != nil {
		return report.Document{}, err
	}
	period := indicator.Period{From: today.AddDate(-1, 0, 1), To: today}
	doc := report.Document{
		Title:    "Dossier perencanaan: Desa " + w.desa,
		Subtitle: "Untuk " + sa.judul + " — " + w.String(),
		Footer: "Data 12 bulan terakhir: " + period.From.String() + " sampai " + period.To.String() +
			". Angka berasal dari catatan desa dan OPD pada aplikasi; bagian tanpa data ditandai, tidak ada angka yang diperkirakan.",
	}
	if det != nil {
		doc.Title = "Dossier kunjungan kerja: " + det.Judul
		doc.Subtitle = "Untuk " + sa.judul + " — " + w.String() + " — " + det.Tanggal.String()
	}
	if m.profil != nil {
		if s, ok := m.bagian(ctx, m.profil, desa, sa.aud, period, audiens); ok {
			doc.Sections = append(doc.Sections, s)
		}
	}
	if det != nil {
		doc.Sections = append(doc.Sections, bagianKunjungan(*det, sa.opd.ID))
	}
	for _, src := range m.sections {
		if src == nil {
			continue
		}
		if s, ok := m.bagian(ctx, src, desa, sa.aud, period, audiens); ok {
			doc.Sections = append(doc.Sections, s)
		}
	}
	if s, ok := m.bagianBanding(ctx, desa, sa.role, period, w); ok {
		doc.Sections = append(doc.Sections, s)
	}
	s, err := m.bagianKomitmenLalu(ctx, det, sa, today)
	if err != nil {
		return report.Document{}, err
	}
	doc.Sections = append(doc.Sections, s)
	return doc, nil
}

// bagian is one module's section; false leaves it out (the module has
// nothing for this audience).
func (m *Module) bagian(ctx context.Context, src SectionSource, desa tenancy.Kode, aud report.Audience, period indicator.Period, audiens string) (report.Section, bool) {
	s, err := src.DossierSection(ctx, desa, aud, period)
	if err != nil {
		nama := namaBagian(src)
		m.log.ErrorContext(ctx, "kunjungan: dossier section failed", "module", nama, "desa", string(desa), "audiens", audiens, "err", err)
		return report.Section{Heading: "Bagian " + nama + " tidak dapat disusun",
			Empty: "Data bagian ini tidak dapat dibaca saat dossier disusun. Susun ulang dossier untuk mencoba lagi."}, true
	}
	if s.Heading == "" && len(s.Figures) == 0 && len(s.Tables) == 0 && len(s.Charts) == 0 && len(s.Notes) == 0 && s.Empty == "" {
		return s, false
	}
	if len(s.Figures) == 0 && len(s.Tables) == 0 && len(s.Charts) == 0 && len(s.Notes) == 0 && s.Empty == "" {
		s.Empty = "Belum ada data."
	}
	return s, true
}

// namaBagian names a section's module for the reader, from its package.
func namaBagian(src SectionSource) string {
	t := strings.TrimLeft(fmt.Sprintf("%T", src), "*")
	if i := strings.IndexByte(t, '.'); i >= 0 {
		t = t[:i]
	}
	switch t {
	case "keuangan":
		return "keuangan desa"
	case "sampah":
		return "pengelolaan sampah"
	case "cctv":
		return "CCTV"
	case "umkm":
		return "UMKM dan BUMDes"
	case "administration":
		return "profil desa"
	}
	return t
}

// bagianKunjungan is the visit: date, invitations, the OPD taking part and
// the agenda, the kabupaten's and the desa's apart. An OPD's own stalls
// and row are bold in its dossier.
func bagianKunjungan(det Detail, opdID string) report.Section {
	ya := func(b bool) string {
		if b {
			return "Diundang"
		}
		return "Tidak diundang"
	}
	s := report.Section{Heading: "Kunjungan dan agenda", Figures: []report.Figure{
		{Label: "Tanggal", Value: det.Tanggal.String()},
		{Label: "Status", Value: det.Status.Judul()},
		{Label: "OPD peserta", Value: strconv.Itoa(len(det.OPD))},
		{Label: "Kecamatan", Value: ya(det.CamatHadir)},
		{Label: "Forum perbekel", Value: ya(det.ForumHadir)},
	}}
	if det.Keterangan != "" {
		s.Notes = append(s.Notes, det.Keterangan)
	}
	nama := map[string]string{}
	for _, o := range det.OPD {
		nama[o.OPDID] = o.OPDKode
	}
	agenda := func(title, oleh string) {
		t := report.Table{Title: title, Columns: []report.Column{{Label: "No", Align: report.Right, Width: 0.4},
			{Label: "Jenis", Width: 1.4}, {Label: "Judul", Width: 2.6}, {Label: "Keterangan", Width: 2.6}, {Label: "OPD"}}}
		for _, a := range det.Agenda {
			if a.Oleh != oleh {
				continue
			}
			t.Rows = append(t.Rows, report.Row{Bold: opdID != "" && a.OPDID == opdID, Cells: []report.Cell{
				report.Angka(int64(a.Urut), strconv.Itoa(a.Urut)), report.Teks(a.Jenis.Judul()), report.Teks(a.Judul),
				report.Teks(a.Keterangan), report.Teks(nama[a.OPDID])}})
		}
		if len(t.Rows) > 0 {
			s.Tables = append(s.Tables, t)
		}
	}
	agenda("Agenda kabupaten", OlehKabupaten)
	agenda("Usulan dan isu dari desa", OlehDesa)
	if len(s.Tables) == 0 {
		s.Notes = append(s.Notes, "Agenda belum disusun.")
	}
	if len(det.OPD) > 0 {
		t := report.Table{Title: "OPD peserta", Columns: []report.Column{{Label: "Kode"}, {Label: "Nama", Width: 4}}}
		for _, o := range det.OPD {
			t.Rows = append(t.Rows, report.Row{Bold: o.OPDID == opdID, Cells: []report.Cell{report.Teks(o.OPDKode), report.Teks(o.OPDNama)}})
		}
		s.Tables = append(s.Tables, t)
	}
	return s
}

// ---- comparison with the kecamatan and the kabupaten ------------------------

// skalaOf reads an indicator's unit: values in basis points are shown as
// percentages, "1/N unit" as unit with the decimals N gives.
func skalaOf(satuan string) (int64, string) {
	if strings.HasPrefix(satuan, "bp") {
		return 100, "%"
	}
	if strings.HasPrefix(satuan, "1/") {
		rest := satuan[2:]
		sp := strings.IndexByte(rest, ' ')
		if sp > 0 {
			if n, err := strconv.ParseInt(rest[:sp], 10, 64); err == nil && n > 1 {
				unit := rest[sp+1:]
				if i := strings.Index(unit, " ("); i >= 0 {
					unit = unit[:i]
				}
				return n, unit
			}
		}
	}
	return 1, satuan
}

// angkaSkala is a fixed-point value num/scale; scale is 1 or a power of
// ten.
type angkaSkala struct {
	num, scale int64
	ok         bool
}

func (a angkaSkala) float() float64 { return float64(a.num) / float64(a.scale) }

func (a angkaSkala) teks() string {
	if !a.ok {
		return "—"
	}
	if a.scale <= 1 {
		return valid.Angka(a.num)
	}
	n, sign := a.num, ""
	if n < 0 {
		n, sign = -n, "-"
	}
	digits := len(strconv.FormatInt(a.scale, 10)) - 1
	frac := strconv.FormatInt(n%a.scale, 10)
	return sign + valid.Angka(n/a.scale) + "," + strings.Repeat("0", digits-len(frac)) + frac
}

func (a angkaSkala) cell() report.Cell {
	if !a.ok {
		return report.Teks("—")
	}
	return report.Pecahan(a.num, a.scale, a.teks())
}

// rounded is the value to the nearest whole unit (halves away from zero),
// for a bar.
func (a angkaSkala) rounded() int64 {
	return int64(math.Round(a.float()))
}

// median of vals (sorted in place) in units of scale: a median between
// two values takes one more decimal, so it is exact.
func median(vals []int64, scale int64) angkaSkala {
	n := len(vals)
	if n == 0 {
		return angkaSkala{}
	}
	sort.Slice(vals, func(i, j int) bool { return vals[i] < vals[j] })
	if n%2 == 1 {
		return angkaSkala{num: vals[n/2], scale: scale, ok: true}
	}
	sum := vals[n/2-1] + vals[n/2]
	if sum%2 == 0 {
		return angkaSkala{num: sum / 2, scale: scale, ok: true}
	}
	return angkaSkala{num: sum * 5, scale: scale * 10, ok: true}
}

// banding is one indicator of the comparison.
type banding struct {
	def                indicator.Definition
	unit               string
	desa, kec, kab     angkaSkala
	nDesaKec, nDesaKab int
}

// bagianBanding compares the desa's figures with the medians of its
// kecamatan and kabupaten: every count the audience's role may see and
// that names nobody. Each provider is asked once, for the whole
// kabupaten; both medians come from that answer, over the desa that have
// a value (a desa without one counts for neither and shows "—").
func (m *Module) bagianBanding(ctx context.Context, desa tenancy.Kode, role authz.Role, period indicator.Period, w namaWilayah) (report.Section, bool) {
	if m.roleMay == nil || m.indicators == nil {
		return report.Section{}, false
	}
	kab, kec := desa.Up(tenancy.Kabupaten), desa.Up(tenancy.Kecamatan)
	s := report.Section{Heading: "Perbandingan dengan desa lain"}
	var rows []banding
	for n, p := range m.indicators() {
		if p == nil {
			continue
		}
		var defs []indicator.Definition
		var codes []string
		for _, d := range p.Definitions() {
			if d.Kind == indicator.Count && !d.Personal && m.roleMay(role, d.Permission) {
				defs = append(defs, d)
				codes = append(codes, d.Code)
			}
		}
		if len(defs) == 0 {
			continue
		}
		// Through the dashboards' short-lived cache: a provider's answer
		// for a whole kabupaten takes seconds over a year of data
		// (sampah's 133 desa: ≈ 7 s on the reference machine), and the
		// dossiers of a visit or a bulk run ask the same question (one per
		// role) one after another.
		vals, err := m.indCache.GetAt(ctx, m.now(), n, kab, period, codes, func(ctx context.Context) ([]indicator.Value, error) {
			return p.Indicators(ctx, kab, period, codes)
		})
		if err != nil {
			m.log.ErrorContext(ctx, "kunjungan: indicators failed", "source", defs[0].Source, "wilayah", string(kab), "err", err)
			s.Notes = append(s.Notes, "Indikator "+defs[0].Source+" tidak dapat dibaca saat dossier disusun.")
			continue
		}
		type kunci struct{ source, code string }
		byCode := map[kunci][]indicator.Value{}
		for _, v := range vals {
			if kab.Contains(v.Desa) && v.Desa.IsDesa() {
				byCode[kunci{v.Source, v.Code}] = append(byCode[kunci{v.Source, v.Code}], v)
			}
		}
		for _, d := range defs {
			scale, unit := skalaOf(d.Satuan)
			b := banding{def: d, unit: unit, desa: angkaSkala{scale: scale}}
			var kecVals, kabVals []int64
			seen := map[tenancy.Kode]bool{}
			for _, v := range byCode[kunci{d.Source, d.Code}] {
				if seen[v.Desa] {
					continue // one value per desa
				}
				seen[v.Desa] = true
				kabVals = append(kabVals, v.Number)
				if kec.Contains(v.Desa) {
					kecVals = append(kecVals, v.Number)
				}
				if v.Desa == desa {
					b.desa = angkaSkala{num: v.Number, scale: scale, ok: true}
				}
			}
			b.nDesaKec, b.nDesaKab = len(kecVals), len(kabVals)
			b.kec, b.kab = median(kecVals, scale), median(kabVals, scale)
			rows = append(rows, b)
		}
	}
	if len(rows) == 0 {
		if len(s.Notes) == 0 {
			s.Empty = "Belum ada indikator yang dapat dibandingkan."
		}
		return s, true
	}
	t := report.Table{Title: "Desa " + w.desa + " dibanding median desa Kecamatan " + w.kecamatan + " dan " + w.kabupaten,
		Columns: []report.Column{{Label: "Indikator", Width: 3}, {Label: "Desa", Align: report.Right, Width: 1.2},
			{Label: "Median kecamatan", Align: report.Right, Width: 1.2}, {Label: "Median kabupaten", Align: report.Right, Width: 1.2},
			{Label: "Satuan", Width: 1.2}}}
	for _, b := range rows {
		t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(b.def.Nama), b.desa.cell(),
			medianCell(b.kec, b.nDesaKec), medianCell(b.kab, b.nDesaKab), report.Teks(b.unit)}})
	}
	s.Tables = append(s.Tables, t)
	s.Notes = append(s.Notes, "Median dihitung hanya dari desa yang memiliki data untuk indikator itu (jumlah desa dalam kurung); "+
		"tanda — berarti belum ada data. Angka kegiatan dihitung untuk "+period.From.String()+" sampai "+period.To.String()+
		", angka keadaan per "+period.To.String()+".")
	s.Charts = grafikBanding(rows, w)
	return s, true
}

func medianCell(a angkaSkala, n int) report.Cell {
	c := a.cell()
	if a.ok {
		c.Text += " (" + strconv.Itoa(n) + ")"
	}
	return c
}

// grafikBanding draws the whole-unit indicators where the desa stands
// furthest from the kabupaten's median (relative to it), at most
// maxGrafik and the furthest of each module first, in the table's order.
func grafikBanding(rows []banding, w namaWilayah) []report.Chart {
	type calon struct {
		i    int
		jauh float64
	}
	var cs []calon
	for i, b := range rows {
		if !b.desa.ok || !b.kab.ok || b.desa.scale != 1 {
			continue
		}
		ref := math.Max(math.Abs(b.kab.float()), 1)
		cs = append(cs, calon{i, math.Abs(b.desa.float()-b.kab.float()) / ref})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].jauh > cs[j].jauh })
	// One per source module first, so the charts span the modules; then
	// the next furthest.
	var pilih, sisa []calon
	sumber := map[string]bool{}
	for _, c := range cs {
		if src := rows[c.i].def.Source; !sumber[src] {
			sumber[src] = true
			pilih = append(pilih, c)
		} else {
			sisa = append(sisa, c)
		}
	}
	cs = append(pilih, sisa...)
	if len(cs) > maxGrafik {
		cs = cs[:maxGrafik]
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].i < cs[j].i })
	var out []report.Chart
	for _, c := range cs {
		b := rows[c.i]
		title := b.def.Nama
		if b.unit != "" {
			title += " (" + b.unit + ")"
		}
		out = append(out, report.Chart{Title: title, Kind: report.Bar, Unit: b.unit,
			Labels: []string{"Desa " + w.desa, "Median Kecamatan " + w.kecamatan, "Median " + w.kabupaten},
			Series: []report.Series{{Name: b.def.Nama, Values: []int64{b.desa.num, b.kec.rounded(), b.kab.rounded()}}}})
	}
	return out
}

// ---- commitments -------------------------------------------------------------

type komitmenLalu struct {
	ID               string         `bun:"id"`
	Isi              string         `bun:"isi"`
	PenanggungNama   string         `bun:"penanggung_nama"`
	Tenggat          civil.Date     `bun:"tenggat"`
	Status           StatusKomitmen `bun:"status"`
	KunjunganTanggal civil.Date     `bun:"kunjungan_tanggal"`
	KunjunganJudul   string         `bun:"kunjungan_judul"`
}

// bagianKomitmenLalu lists what earlier visits to the desa promised and is
// not done: every one for the bupati, an OPD's own for an OPD; the
// overdue ones bold and marked.
func (m *Module) bagianKomitmenLalu(ctx context.Context, det *Detail, sa sasaran, today civil.Date) (report.Section, error) {
	s := report.Section{Heading: "Komitmen kunjungan sebelumnya yang belum selesai"}
	if !sa.aud.Bupati {
		s.Heading = "Komitmen " + sa.opd.Kode + " dari kunjungan sebelumnya yang belum selesai"
	}
	var rows []komitmenLalu
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().TableExpr("kunjungan_komitmen AS c").
			Join("JOIN kunjungan AS k ON k.desa_id = c.desa_id AND k.id = c.kunjungan_id").
			ColumnExpr("c.id, c.isi, c.penanggung_nama, c.tenggat, c.status, k.tanggal AS kunjungan_tanggal, k.judul AS kunjungan_judul").
			Where("c.status <> ?", KomitmenSelesai).OrderExpr("c.tenggat, k.tanggal, c.id")
		if det != nil {
			sel = sel.Where("c.kunjungan_id <> ? AND k.tanggal <= ?", det.ID, det.Tanggal)
		}
		if !sa.aud.Bupati {
			sel = sel.Where("c.penanggung = ?", sa.opd.ID)
		}
		sel, err := tenancy.ScopeColumn(ctx, sel, "c.desa_id")
		if err != nil {
			return err
		}
		return sel.Scan(ctx, &rows)
	})
	if err != nil {
		return s, err
	}
	if len(rows) == 0 {
		s.Empty = "Tidak ada komitmen terbuka dari kunjungan sebelumnya."
		return s, nil
	}
	terlambat := 0
	t := report.Table{Columns: []report.Column{{Label: "Kunjungan", Width: 1.6}, {Label: "Komitmen", Width: 3},
		{Label: "Penanggung jawab", Width: 1.6}, {Label: "Tenggat", Width: 1.2}, {Label: "Status"}, {Label: "Keterangan"}}}
	for _, r := range rows {
		late := r.Tenggat.Before(today)
		ket := ""
		if late {
			terlambat++
			ket = "Terlambat " + strconv.Itoa(int(today.Time().Sub(r.Tenggat.Time()).Hours()/24)) + " hari"
		}
		t.Rows = append(t.Rows, report.Row{Bold: late, Cells: []report.Cell{
			report.Teks(r.KunjunganTanggal.String() + ": " + r.KunjunganJudul), report.Teks(r.Isi), report.Teks(r.PenanggungNama),
			report.Teks(r.Tenggat.String()), report.Teks(r.Status.Judul()), report.Teks(ket)}})
	}
	s.Figures = []report.Figure{{Label: "Belum selesai", Value: valid.Angka(int64(len(rows)))},
		{Label: "Melewati tenggat", Value: valid.Angka(int64(terlambat))}}
	s.Tables = []report.Table{t}
	return s, nil
}

// ---- the post-visit report --------------------------------------------------

// susunLaporan is the report of a visit: attendance, the agenda as held,
// the audiensi received and where they went, the commitments.
func (m *Module) susunLaporan(ctx context.Context, desa tenancy.Kode, det Detail, w namaWilayah, today civil.Date) (report.Document, error) {
	doc := report.Document{
		Title:    "Laporan hasil kunjungan kerja: " + det.Judul,
		Subtitle: w.String() + " — " + det.Tanggal.String(),
	}
	hadir := func(b bool) string {
		if b {
			return "Hadir"
		}
		return "Tidak hadir"
	}
	nHadir := 0
	for _, o := range det.OPD {
		if o.Hadir != nil && *o.Hadir {
			nHadir++
		}
	}
	ring := report.Section{Heading: "Kehadiran", Figures: []report.Figure{
		{Label: "Status kunjungan", Value: det.Status.Judul()},
		{Label: "OPD hadir", Value: strconv.Itoa(nHadir) + " dari " + strconv.Itoa(len(det.OPD))},
		{Label: "Kecamatan", Value: hadir(det.CamatHadir)},
		{Label: "Forum perbekel", Value: hadir(det.ForumHadir)},
	}}
	if det.Status == Dibatalkan {
		ring.Notes = append(ring.Notes, "Kunjungan dibatalkan: "+det.Alasan)
	}
	if det.Status != Selesai {
		ring.Notes = append(ring.Notes, "Kunjungan belum ditutup: kehadiran belum final.")
	}
	if len(det.OPD) > 0 {
		t := report.Table{Title: "Kehadiran OPD", Columns: []report.Column{{Label: "Kode"}, {Label: "Nama", Width: 3}, {Label: "Kehadiran"}}}
		for _, o := range det.OPD {
			h := "Belum dicatat"
			if o.Hadir != nil {
				h = hadir(*o.Hadir)
			}
			t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(o.OPDKode), report.Teks(o.OPDNama), report.Teks(h)}})
		}
		ring.Tables = append(ring.Tables, t)
	} else {
		ring.Notes = append(ring.Notes, "Tidak ada OPD yang diundang.")
	}
	doc.Sections = append(doc.Sections, ring)

	ag := report.Section{Heading: "Agenda yang dilaksanakan"}
	if det.CatatanHasil != "" {
		ag.Notes = append(ag.Notes, det.CatatanHasil)
	}
	if len(det.Agenda) == 0 {
		ag.Empty = "Agenda tidak dicatat."
	} else {
		t := report.Table{Columns: []report.Column{{Label: "No", Align: report.Right, Width: 0.4}, {Label: "Jenis", Width: 1.4},
			{Label: "Judul", Width: 2.4}, {Label: "Diusulkan"}, {Label: "Terlaksana"}, {Label: "Hasil", Width: 3}}}
		for _, a := range det.Agenda {
			ter := "Belum dicatat"
			if a.Terlaksana != nil {
				ter = map[bool]string{true: "Ya", false: "Tidak"}[*a.Terlaksana]
			}
			oleh := "Kabupaten"
			if a.Oleh == OlehDesa {
				oleh = "Desa"
			}
			t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Angka(int64(a.Urut), strconv.Itoa(a.Urut)),
				report.Teks(a.Jenis.Judul()), report.Teks(a.Judul), report.Teks(oleh), report.Teks(ter), report.Teks(a.Hasil)}})
		}
		ag.Tables = append(ag.Tables, t)
	}
	doc.Sections = append(doc.Sections, ag)

	if m.audiensi != nil {
		doc.Sections = append(doc.Sections, m.bagianAudiensiKunjungan(ctx, desa, det.ID))
	}

	km := report.Section{Heading: "Komitmen dan tindak lanjut"}
	if len(det.Komitmen) == 0 {
		km.Empty = "Tidak ada komitmen yang dicatat."
	} else {
		terlambat := 0
		t := report.Table{Columns: []report.Column{{Label: "Komitmen", Width: 3}, {Label: "Penanggung jawab", Width: 1.6},
			{Label: "Tenggat", Width: 1.2}, {Label: "Status"}, {Label: "Keterangan", Width: 1.4}}}
		for _, c := range det.Komitmen {
			ket := ""
			if c.Terlambat(today) {
				terlambat++
				ket = "Melewati tenggat"
			} else if c.Status == KomitmenSelesai && c.Selesai != nil {
				ket = "Selesai " + c.Selesai.String()
			}
			t.Rows = append(t.Rows, report.Row{Bold: c.Terlambat(today), Cells: []report.Cell{report.Teks(c.Isi),
				report.Teks(c.PenanggungNama), report.Teks(c.Tenggat.String()), report.Teks(c.Status.Judul()), report.Teks(ket)}})
		}
		km.Figures = []report.Figure{{Label: "Komitmen", Value: valid.Angka(int64(len(det.Komitmen)))},
			{Label: "Melewati tenggat", Value: valid.Angka(int64(terlambat))}}
		km.Tables = []report.Table{t}
	}
	doc.Sections = append(doc.Sections, km)
	return doc, nil
}

// bagianAudiensiKunjungan lists the audiensi tagged with the visit and
// where each was sent.
func (m *Module) bagianAudiensiKunjungan(ctx context.Context, desa tenancy.Kode, kunjunganID string) report.Section {
	s := report.Section{Heading: "Audiensi yang diterima saat kunjungan"}
	as, err := m.audiensi.AudiensiKunjungan(ctx, desa, kunjunganID)
	if err != nil {
		m.log.ErrorContext(ctx, "kunjungan: report audiensi failed", "desa", string(desa), "kunjungan", kunjunganID, "err", err)
		s.Heading = "Bagian audiensi tidak dapat disusun"
		s.Empty = "Data audiensi tidak dapat dibaca saat laporan disusun. Susun ulang laporan untuk mencoba lagi."
		return s
	}
	if len(as) == 0 {
		s.Empty = "Tidak ada audiensi yang dicatat pada kunjungan ini."
		return s
	}
	t := report.Table{Columns: []report.Column{{Label: "Judul", Width: 2.6}, {Label: "Kategori", Width: 1.6},
		{Label: "Diterima", Width: 1.2}, {Label: "Status"}, {Label: "Diteruskan kepada", Width: 2.4}}}
	belum := 0
	for _, a := range as {
		ke := strings.Join(a.Penerima, "; ")
		if ke == "" {
			belum++
			ke = "Belum didisposisikan"
		}
		t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Teks(a.Judul), report.Teks(a.Kategori),
			report.Teks(a.Diterima.String()), report.Teks(a.Status), report.Teks(ke)}})
	}
	s.Figures = []report.Figure{{Label: "Audiensi diterima", Value: valid.Angka(int64(len(as)))},
		{Label: "Belum didisposisikan", Value: valid.Angka(int64(belum))}}
	s.Tables = []report.Table{t}
	return s
}
