package keuangan

import (
	"context"
	"fmt"
	"math/bits"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// HasilAturan is one rule of the year checked against an APBDes: shown as
// met or not met, with the numbers behind it, on the APBDes and evaluation
// pages.
type HasilAturan struct {
	Kode      string `json:"kode"`
	Nama      string `json:"nama"`
	Sumber    string `json:"sumber" doc:"Dasar hukum aturan"`
	Batas     string `json:"batas" doc:"Batas aturan, misalnya paling banyak 30% belanja"`
	Nilai     string `json:"nilai" doc:"Nilai pada APBDes ini, misalnya 27,4% (Rp 412.000.000)"`
	Terpenuhi bool   `json:"terpenuhi"`
	Catatan   string `json:"catatan,omitempty"`
}

// CekAturan checks the rules in force for the desa in ctx and tahun against
// lines: the set of the desa's kabupaten for tahun when it keeps one, else
// the national set shipped with the module (data/aturan). Rules switched
// off are left out. The results only inform: a rule not met never blocks
// a submission.
func (m *Module) CekAturan(ctx context.Context, idb bun.IDB, tahun int, lines []Baris) ([]HasilAturan, error) {
	t, ok := tenancy.From(ctx)
	if !ok || !t.Kode.IsDesa() {
		return nil, tenancy.ErrNoTenant
	}
	set, err := aturanBerlaku(ctx, idb, t.Kode.Up(tenancy.Kabupaten), tahun)
	if err != nil {
		return nil, err
	}
	out := []HasilAturan{}
	for _, a := range set.Aturan {
		if a.Aktif {
			out = append(out, a.Cek(lines))
		}
	}
	return out, nil
}

// Jenis of a rule: the share may not exceed the limit, or may not fall
// below it.
const (
	JenisPalingBanyak  = "paling_banyak"
	JenisPalingSedikit = "paling_sedikit"
)

// Aturan is one rule of a year: the share of the lines Pembilang selects in
// the lines Penyebut selects, compared with BatasBP basis points.
type Aturan struct {
	bun.BaseModel `bun:"table:keuangan_aturan,alias:ka" json:"-"`

	WilayahKode string    `bun:"wilayah_kode,pk" json:"wilayah,omitempty" doc:"Kode kabupaten; kosong untuk aturan nasional bawaan"`
	Tahun       int       `bun:"tahun,pk" json:"tahun"`
	Kode        string    `bun:"kode,pk" json:"kode" example:"belanja-pemerintahan-30"`
	Nama        string    `bun:"nama" json:"nama"`
	Jenis       string    `bun:"jenis" json:"jenis" enum:"paling_banyak,paling_sedikit"`
	BatasBP     int       `bun:"batas_bp" json:"batas_bp" doc:"Batas dalam basis poin: 3000 = 30%"`
	Pembilang   Pilihan   `bun:"embed:pembilang_" json:"pembilang"`
	Penyebut    Pilihan   `bun:"embed:penyebut_" json:"penyebut"`
	Sumber      string    `bun:"sumber" json:"sumber" doc:"Dasar hukum"`
	Catatan     string    `bun:"catatan" json:"catatan,omitempty"`
	Aktif       bool      `bun:"aktif" json:"aktif"`
	Urutan      int       `bun:"urutan" json:"-"`
	UpdatedBy   string    `bun:"updated_by" json:"-"`
	UpdatedAt   time.Time `bun:"updated_at" json:"diubah"`
}

// Pilihan selects lines of an APBDes: those of Kelompok whose kegiatan
// code starts with one of Kegiatan, whose rekening starts with one of
// Rekening and whose sumber dana is one of Sumber. Each list is
// comma-separated; an empty list does not filter. A prefix matches whole
// segments: "01.01" takes 01.01.05, "4.2.1" does not take 4.2.10.
type Pilihan struct {
	Kelompok string `bun:"kelompok" json:"kelompok" enum:"pendapatan,belanja,penerimaan_pembiayaan,pengeluaran_pembiayaan"`
	Kegiatan string `bun:"kegiatan" json:"kegiatan,omitempty" example:"01.01.01,01.01.02" doc:"Awalan kode kegiatan, dipisah koma"`
	Rekening string `bun:"rekening" json:"rekening,omitempty" example:"4.2.1" doc:"Awalan kode rekening, dipisah koma"`
	Sumber   string `bun:"sumber" json:"sumber_dana,omitempty" example:"DDS" doc:"Kode sumber dana, dipisah koma"`
}

func aturanDaftarKoma(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func aturanAwalan(code string, prefixes []string) bool {
	if len(prefixes) == 0 {
		return true
	}
	for _, p := range prefixes {
		if code == p || strings.HasPrefix(code, p+".") {
			return true
		}
	}
	return false
}

// Cocok reports whether b is one of the lines p selects.
func (p Pilihan) Cocok(b Baris) bool {
	if b.Kelompok != p.Kelompok {
		return false
	}
	if !aturanAwalan(string(b.KodeKegiatan), aturanDaftarKoma(p.Kegiatan)) || !aturanAwalan(string(b.KodeRekening), aturanDaftarKoma(p.Rekening)) {
		return false
	}
	if s := aturanDaftarKoma(p.Sumber); len(s) > 0 {
		for _, k := range s {
			if strings.EqualFold(k, b.SumberDana) {
				return true
			}
		}
		return false
	}
	return true
}

// Jumlah sums the lines p selects; ok is false on overflow.
func (p Pilihan) Jumlah(lines []Baris) (Rupiah, bool) {
	var sum Rupiah
	for _, b := range lines {
		if p.Cocok(b) {
			s, ok := Jumlah(sum, b.Jumlah)
			if !ok {
				return 0, false
			}
			sum = s
		}
	}
	return sum, true
}

var aturanNamaKelompok = map[string]string{
	KelompokPendapatan:            "pendapatan",
	KelompokBelanja:               "belanja",
	KelompokPenerimaanPembiayaan:  "penerimaan pembiayaan",
	KelompokPengeluaranPembiayaan: "pengeluaran pembiayaan",
}

// Uraian describes p in Bahasa: "belanja kegiatan 01.01.01–01.01.07
// sumber DDS".
func (p Pilihan) Uraian() string {
	s := aturanNamaKelompok[p.Kelompok]
	if s == "" {
		s = p.Kelompok
	}
	if k := aturanDaftarKoma(p.Kegiatan); len(k) > 0 {
		s += " kegiatan " + aturanRingkasKode(k)
	}
	if r := aturanDaftarKoma(p.Rekening); len(r) > 0 {
		s += " rekening " + aturanRingkasKode(r)
	}
	if d := aturanDaftarKoma(p.Sumber); len(d) > 0 {
		s += " sumber " + strings.Join(d, ", ")
	}
	return s
}

// aturanRingkasKode joins codes, writing a run of siblings with consecutive last
// parts as a range: 01.01.01, 01.01.02, 01.01.03 → "01.01.01–01.01.03".
func aturanRingkasKode(codes []string) string {
	var parts []string
	for i := 0; i < len(codes); {
		j := i
		for j+1 < len(codes) && aturanBerurutan(codes[j], codes[j+1]) {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, codes[i]+"–"+codes[j])
		} else {
			parts = append(parts, codes[i:j+1]...)
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func aturanBerurutan(a, b string) bool {
	ia, ib := strings.LastIndexByte(a, '.'), strings.LastIndexByte(b, '.')
	if ia < 0 || ib < 0 || a[:ia] != b[:ib] {
		return false
	}
	na, errA := strconv.Atoi(a[ia+1:])
	nb, errB := strconv.Atoi(b[ib+1:])
	return errA == nil && errB == nil && nb == na+1
}

// PersenBP writes basis points the Indonesian way: 3000 → "30 %", 1250 →
// "12,5 %", 2745 → "27,45 %". It differs from valid.FormatBP ("30,00 %")
// on purpose: a limit is written as its regulation writes it, and a form
// offers it back to type without trailing zeros (batasTeks).
func PersenBP(bp int64) string {
	neg := bp < 0
	if neg {
		bp = -bp
	}
	s := strconv.FormatInt(bp/100, 10)
	if f := bp % 100; f != 0 {
		s += "," + strings.TrimRight(fmt.Sprintf("%02d", f), "0")
	}
	if neg {
		s = "-" + s
	}
	return s + " %"
}

// aturanBandingkan compares num × 10000 with bp × den exactly (128-bit): -1, 0
// or 1. Both amounts are not negative.
func aturanBandingkan(num Rupiah, bp int, den Rupiah) int {
	ah, al := bits.Mul64(uint64(num), 10000)
	bh, bl := bits.Mul64(uint64(bp), uint64(den))
	switch {
	case ah < bh || (ah == bh && al < bl):
		return -1
	case ah == bh && al == bl:
		return 0
	}
	return 1
}

// aturanBagiBP is num/den in basis points (hundredths of a percent), rounded
// down (naik false) or up (naik true). den > 0; num ≤ MaxRupiah.
func aturanBagiBP(num, den Rupiah, naik bool) int64 {
	hi, lo := bits.Mul64(uint64(num), 10000)
	if hi >= uint64(den) { // the share exceeds what 64 bits hold: far above 100 %
		return 1 << 62
	}
	q, r := bits.Div64(hi, lo, uint64(den))
	if naik && r != 0 {
		q++
	}
	return int64(q)
}

// Cek evaluates a against lines, with the numbers behind the result.
func (a Aturan) Cek(lines []Baris) HasilAturan {
	h := HasilAturan{Kode: a.Kode, Nama: a.Nama, Sumber: a.Sumber, Catatan: a.Catatan}
	arah := "paling banyak"
	if a.Jenis == JenisPalingSedikit {
		arah = "paling sedikit"
	}
	h.Batas = arah + " " + PersenBP(int64(a.BatasBP)) + " dari " + a.Penyebut.Uraian()
	num, ok1 := a.Pembilang.Jumlah(lines)
	den, ok2 := a.Penyebut.Jumlah(lines)
	if !ok1 || !ok2 {
		h.Nilai = "Jumlah terlalu besar untuk dihitung."
		return h
	}
	if den == 0 {
		h.Terpenuhi = true
		h.Nilai = fmt.Sprintf("%s %s; %s Rp 0, aturan ini tidak dapat diterapkan.",
			aturanKapital(a.Pembilang.Uraian()), num, a.Penyebut.Uraian())
		return h
	}
	cmp := aturanBandingkan(num, a.BatasBP, den)
	if a.Jenis == JenisPalingSedikit {
		h.Terpenuhi = cmp >= 0
	} else {
		h.Terpenuhi = cmp <= 0
	}
	h.Nilai = fmt.Sprintf("%s: %s = %s dari %s %s; batas %s %s",
		aturanKapital(a.Pembilang.Uraian()), num, aturanPersenTampil(num, den, a.Jenis, a.BatasBP, h.Terpenuhi),
		a.Penyebut.Uraian(), den, arah, PersenBP(int64(a.BatasBP)))
	return h
}

// aturanPersenTampil writes num/den with one decimal, or two when one decimal
// would show the share on the wrong side of the limit (30,04 % is over a
// 30 % limit, though it rounds to 30,0 %).
func aturanPersenTampil(num, den Rupiah, jenis string, batas int, terpenuhi bool) string {
	bawah := aturanBagiBP(num, den, false)
	satu := bawah / 10 // tenths of a percent, half up
	if bawah%10 >= 5 {
		satu++
	}
	salah := false
	if !terpenuhi {
		if jenis == JenisPalingSedikit {
			salah = satu*10 >= int64(batas)
		} else {
			salah = satu*10 <= int64(batas)
		}
	}
	if !salah {
		s := PersenBP(satu * 10)
		if satu%10 == 0 {
			s = strings.TrimSuffix(s, " %") + ",0 %"
		}
		return s
	}
	if jenis == JenisPalingSedikit {
		return PersenBP(bawah)
	}
	return PersenBP(aturanBagiBP(num, den, true))
}

func aturanKapital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// AturanInput is a rule as a kabupaten admin sends or types it.
type AturanInput struct {
	Kode      string  `json:"kode" maxLength:"40" example:"dd-blt-15" doc:"Kode aturan: huruf kecil, angka dan tanda hubung"`
	Nama      string  `json:"nama" maxLength:"200"`
	Jenis     string  `json:"jenis" enum:"paling_banyak,paling_sedikit"`
	BatasBP   int     `json:"batas_bp" minimum:"0" maximum:"10000" doc:"Batas dalam basis poin: 3000 = 30%"`
	Pembilang Pilihan `json:"pembilang"`
	Penyebut  Pilihan `json:"penyebut"`
	Sumber    string  `json:"sumber" maxLength:"300" doc:"Dasar hukum (peraturan dan pasal)"`
	Catatan   string  `json:"catatan,omitempty" maxLength:"500"`
	Aktif     bool    `json:"aktif"`
}

var polaKodeAturan = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// Periksa checks in and returns the rule it describes (without wilayah,
// year and stamps). f names the fields as the door they came through does.
func (in AturanInput) Periksa(f Fields) (Aturan, error) {
	if f == nil {
		f = func(name string) string { return name }
	}
	var p valid.Problems
	a := Aturan{Kode: strings.TrimSpace(in.Kode), Nama: strings.TrimSpace(in.Nama), Jenis: in.Jenis, BatasBP: in.BatasBP,
		Sumber: strings.TrimSpace(in.Sumber), Catatan: strings.TrimSpace(in.Catatan), Aktif: in.Aktif}
	if !polaKodeAturan.MatchString(a.Kode) {
		p.Add(f("kode"), "Kode aturan wajib diisi dengan huruf kecil, angka dan tanda hubung (paling banyak 40), misalnya dd-blt-15.")
	}
	p.Text(f("nama"), "Nama aturan", a.Nama, 1, 200)
	if a.Jenis != JenisPalingBanyak && a.Jenis != JenisPalingSedikit {
		p.Add(f("jenis"), "Jenis aturan harus paling banyak atau paling sedikit.")
	}
	if a.BatasBP < 0 || a.BatasBP > 10000 {
		p.Add(f("batas_bp"), "Batas harus antara 0 %% dan 100 %%.")
	}
	p.Text(f("sumber"), "Dasar hukum", a.Sumber, 1, 300)
	p.Paragraph(f("catatan"), "Catatan", a.Catatan, 0, 500)
	var err error
	if a.Pembilang, err = in.Pembilang.periksa("pembilang", f); err != nil {
		p.Include("", err)
	}
	if a.Penyebut, err = in.Penyebut.periksa("penyebut", f); err != nil {
		p.Include("", err)
	}
	if err := p.Err(); err != nil {
		return Aturan{}, err
	}
	return a, nil
}

// periksa checks a selector and writes its lists in one canonical form.
func (in Pilihan) periksa(name string, f Fields) (Pilihan, error) {
	var p valid.Problems
	out := Pilihan{Kelompok: strings.TrimSpace(in.Kelompok)}
	if _, ok := aturanNamaKelompok[out.Kelompok]; !ok {
		p.Add(f(name+"_kelompok"), "Kelompok harus pendapatan, belanja, penerimaan_pembiayaan atau pengeluaran_pembiayaan.")
	}
	var keg []string
	for _, k := range aturanDaftarKoma(in.Kegiatan) {
		if !validKodeKegiatan(k) {
			p.Add(f(name+"_kegiatan"), "Awalan kode kegiatan %q tidak sah; tulis misalnya 01.01 atau 01.01.01, dipisah koma.", k)
			continue
		}
		keg = append(keg, k)
	}
	var rek []string
	for _, r := range aturanDaftarKoma(in.Rekening) {
		if !validKodeRekening(r) {
			p.Add(f(name+"_rekening"), "Awalan kode rekening %q tidak sah; tulis misalnya 4.2.1 atau 5.1, dipisah koma.", r)
			continue
		}
		rek = append(rek, r)
	}
	var sd []string
	for _, s := range aturanDaftarKoma(in.Sumber) {
		if len(s) > 10 || strings.ContainsAny(s, " \t") {
			p.Add(f(name+"_sumber_dana"), "Kode sumber dana %q tidak sah; tulis misalnya DDS, ADD.", s)
			continue
		}
		if strings.EqualFold(s, "SILPA") {
			s = "SiLPA"
		} else {
			s = strings.ToUpper(s)
		}
		sd = append(sd, s)
	}
	if len(keg) > 0 && out.Kelompok != KelompokBelanja && out.Kelompok != "" {
		p.Add(f(name+"_kegiatan"), "Kode kegiatan hanya ada pada baris belanja.")
	}
	if err := p.Err(); err != nil {
		return Pilihan{}, err
	}
	out.Kegiatan, out.Rekening, out.Sumber = strings.Join(keg, ","), strings.Join(rek, ","), strings.Join(sd, ",")
	return out, nil
}

// errAturanTahun refuses a year outside the bounds every list uses.
func periksaTahunEv(tahun int) error {
	if tahun < TahunMin || tahun > TahunMax {
		return fault.New(fault.NotFound, "Tahun anggaran %d tidak dikenal.", tahun)
	}
	return nil
}
