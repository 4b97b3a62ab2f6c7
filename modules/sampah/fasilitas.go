package sampah

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Part fasilitas, the rules and writes: a facility of the desa, checked by
// one validation (fasilitasPeriksa) that the API and the pages share.

// Status of a facility.
const (
	StatusAktif      = "aktif"
	StatusTidakAktif = "tidak_aktif"
)

// Bounds of a facility's figures.
const (
	// FasilitasPetugasMax bounds the staff of one facility; a TPS3R of a
	// desa works with a handful, a large depo with a few dozen.
	FasilitasPetugasMax = 500
	// FasilitasTahunMin is the earliest year built a facility may carry.
	FasilitasTahunMin = 1970
	// DensitasMaxGramM3 bounds a TPS3R's declared density: 2.000 kg/m³,
	// above compacted residu (about 1.000 kg/m³); loose household waste
	// is 150–300 kg/m³.
	DensitasMaxGramM3 int64 = 2_000_000
)

// Indonesia's extent (with a margin), in millionths of a degree: a
// coordinate outside it is a typo (a swapped or unsigned pair).
const (
	lintangMinE6 = valid.LintangMinE6
	lintangMaxE6 = valid.LintangMaxE6
	bujurMinE6   = valid.BujurMinE6
	bujurMaxE6   = valid.BujurMaxE6
)

// FasilitasData is what a user types about a facility, on the forms and
// in the API alike. Quantities are text as typed in Indonesian ("2.500",
// "12,5"), degrees as decimal text ("-8,5401" or "-8.5401").
type FasilitasData struct {
	Nama             string `json:"nama" maxLength:"100" example:"TPS3R Bestari" doc:"3–100 karakter, unik per jenis di desa ini"`
	Status           string `json:"status,omitempty" enum:"aktif,tidak_aktif" doc:"Pencatatan: bawaan aktif. Perubahan: kosong berarti status dan alasannya tetap"`
	AlasanTidakAktif string `json:"alasan_tidak_aktif,omitempty" maxLength:"300" doc:"Wajib bila status tidak_aktif"`
	KapasitasKg      string `json:"kapasitas_kg,omitempty" maxLength:"30" example:"2.500" doc:"Kapasitas olah per hari dalam kg seperti diketik (\"2.500\", \"12,5\"); kosong atau 0 berarti belum diketahui"`
	Lahan            string `json:"lahan,omitempty" enum:",desa_dinas,desa_adat,lainnya" doc:"Status tanah: tanah desa dinas, desa adat, atau lainnya"`
	LahanKeterangan  string `json:"lahan_keterangan,omitempty" maxLength:"200" doc:"Wajib bila lahan lainnya"`
	PengelolaJenis   string `json:"pengelola_jenis,omitempty" enum:",ksm,bumdes,pokmas,lainnya" doc:"KSM, unit BUMDes, pokmas, atau lainnya"`
	PengelolaNama    string `json:"pengelola_nama,omitempty" maxLength:"100" doc:"Nama pengelola; wajib bila pengelola lainnya"`
	Petugas          int    `json:"petugas,omitempty" minimum:"0" maximum:"500" doc:"Jumlah petugas"`
	Lintang          string `json:"lintang,omitempty" maxLength:"30" example:"-8.5401" doc:"Derajat desimal (titik atau koma); kosongkan bersama bujur bila belum diketahui"`
	Bujur            string `json:"bujur,omitempty" maxLength:"30" example:"115.1234" doc:"Derajat desimal (titik atau koma)"`
	TahunDibangun    int    `json:"tahun_dibangun,omitempty" minimum:"0" maximum:"2100" doc:"1970 sampai tahun ini; 0 berarti belum diketahui"`
	KegiatanKode     string `json:"kegiatan_kode,omitempty" maxLength:"20" example:"02.04.15" doc:"Kode kegiatan APBDes yang mendanai (daftar kegiatan keuangan desa)"`
	SumberDana       string `json:"sumber_dana,omitempty" maxLength:"60" example:"Dana Desa" doc:"Sumber dana pembangunan"`
	DensitasKgM3     string `json:"densitas_kg_m3,omitempty" maxLength:"30" example:"250" doc:"TPS3R saja: kg per m³ untuk log harian yang dicatat dalam m³ (0–2.000); kosong berarti log dicatat dalam kg"`
}

// FasilitasBaru is a facility to record.
type FasilitasBaru struct {
	Jenis string `json:"jenis" enum:"tps3r,bank_sampah,tps,depo"`
	FasilitasData
}

// FasilitasUbah is a facility's new values; an empty status keeps the
// facility's status and reason. Diubah is the facility's
// "diubah" as the editor read it: a facility changed since is not
// overwritten (409), so a concurrent edit is never lost silently.
type FasilitasUbah struct {
	FasilitasData
	Diubah time.Time `json:"diubah" doc:"Nilai diubah fasilitas saat dibaca; bila fasilitas sudah diubah orang lain sejak itu, perubahan ditolak (409)"`
}

var (
	fasilitasJenisSah     = map[string]bool{FasilitasTPS3R: true, FasilitasBankSampah: true, FasilitasTPS: true, FasilitasDepo: true}
	fasilitasLahanSah     = map[string]bool{"": true, "desa_dinas": true, "desa_adat": true, "lainnya": true}
	fasilitasPengelolaSah = map[string]bool{"": true, "ksm": true, "bumdes": true, "pokmas": true, "lainnya": true}
	fasilitasKegiatanPola = regexp.MustCompile(`^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$`)
)

// fasilitasPeriksa is the one validation of a facility: it checks d for a
// facility of jenis and puts the values into f (the fields users set; ids
// and stamps are the caller's). Field names are bare ("nama"); the API
// prefixes "body.". tahunKini is the desa's current year. The kegiatan
// code is checked here for its shape only; Module.fasilitasKegiatan looks
// it up.
func fasilitasPeriksa(jenis string, d FasilitasData, tahunKini int, f *Fasilitas) error {
	var p valid.Problems
	if !fasilitasJenisSah[jenis] {
		p.Add("jenis", "Pilih jenis fasilitas: TPS3R, bank sampah, TPS atau depo.")
	}
	f.Jenis = jenis
	f.Nama = strings.Join(strings.Fields(d.Nama), " ")
	p.Text("nama", "Nama fasilitas", f.Nama, 3, 100)

	f.Status = strings.TrimSpace(d.Status)
	if f.Status == "" {
		f.Status = StatusAktif
	}
	f.AlasanTidakAktif = ""
	switch f.Status {
	case StatusAktif:
	case StatusTidakAktif:
		f.AlasanTidakAktif = strings.TrimSpace(d.AlasanTidakAktif)
		p.Text("alasan_tidak_aktif", "Alasan tidak aktif", f.AlasanTidakAktif, 1, 300)
	default:
		p.Add("status", "Pilih status aktif atau tidak aktif.")
	}

	f.KapasitasGramHari = 0
	if s := strings.TrimSpace(d.KapasitasKg); s != "" {
		t, err := fasilitasTakaran("kapasitas_kg", "Kapasitas", s)
		p.Include("kapasitas_kg", err)
		f.KapasitasGramHari = t
	}

	f.Lahan, f.LahanKeterangan = strings.TrimSpace(d.Lahan), strings.TrimSpace(d.LahanKeterangan)
	if !fasilitasLahanSah[f.Lahan] {
		p.Add("lahan", "Pilih status lahan: tanah desa dinas, tanah desa adat, atau lainnya.")
	}
	min := 0
	if f.Lahan == "lainnya" {
		min = 1
	}
	p.Text("lahan_keterangan", "Keterangan lahan", f.LahanKeterangan, min, 200)

	f.PengelolaJenis, f.PengelolaNama = strings.TrimSpace(d.PengelolaJenis), strings.TrimSpace(d.PengelolaNama)
	if !fasilitasPengelolaSah[f.PengelolaJenis] {
		p.Add("pengelola_jenis", "Pilih pengelola: KSM, unit BUMDes, pokmas, atau lainnya.")
	}
	min = 0
	if f.PengelolaJenis == "lainnya" {
		min = 1
	}
	p.Text("pengelola_nama", "Nama pengelola", f.PengelolaNama, min, 100)

	f.Petugas = d.Petugas
	p.Int("petugas", "Jumlah petugas", int64(d.Petugas), 0, FasilitasPetugasMax)

	f.LintangE6, f.BujurE6 = 0, 0
	lintang, bujur := strings.TrimSpace(d.Lintang), strings.TrimSpace(d.Bujur)
	switch {
	case lintang == "" && bujur == "":
	case lintang == "":
		p.Add("lintang", "Isi lintang bersama bujur, atau kosongkan keduanya.")
	case bujur == "":
		p.Add("bujur", "Isi bujur bersama lintang, atau kosongkan keduanya.")
	default:
		var err error
		if f.LintangE6, err = ParseDerajat("lintang", "Lintang", lintang, lintangMinE6, lintangMaxE6); err != nil {
			p.Include("lintang", err)
		}
		if f.BujurE6, err = ParseDerajat("bujur", "Bujur", bujur, bujurMinE6, bujurMaxE6); err != nil {
			p.Include("bujur", err)
		}
	}

	f.TahunDibangun = d.TahunDibangun
	if d.TahunDibangun != 0 {
		p.Int("tahun_dibangun", "Tahun dibangun", int64(d.TahunDibangun), FasilitasTahunMin, int64(tahunKini))
	}

	f.KegiatanKode = strings.TrimSpace(d.KegiatanKode)
	if f.KegiatanKode != "" && !fasilitasKegiatanPola.MatchString(f.KegiatanKode) {
		p.Add("kegiatan_kode", "Kode kegiatan ditulis bidang.sub bidang.kegiatan, misalnya 02.04.15.")
	}
	f.SumberDana = strings.Join(strings.Fields(d.SumberDana), " ")
	p.Text("sumber_dana", "Sumber dana", f.SumberDana, 0, 60)

	f.DensitasGramM3 = 0
	if s := strings.TrimSpace(d.DensitasKgM3); s != "" {
		t, err := fasilitasTakaran("densitas_kg_m3", "Densitas", s)
		switch {
		case err != nil:
			p.Include("densitas_kg_m3", err)
		case jenis != FasilitasTPS3R && t != 0:
			p.Add("densitas_kg_m3", "Densitas hanya dicatat untuk TPS3R (log harian dalam m³).")
		case int64(t) > DensitasMaxGramM3:
			p.Add("densitas_kg_m3", "Densitas paling besar 2.000 kg/m³.")
		default:
			f.DensitasGramM3 = int64(t)
		}
	}
	return p.Err()
}

// fasilitasTakaran is ParseTakaran naming the field by its label.
func fasilitasTakaran(field, label, s string) (Takaran, error) {
	t, err := ParseTakaran(field, s)
	if fe, ok := fault.As(err); ok {
		return 0, fault.Field(field, "%s", strings.Replace(fe.Message, "Jumlah", label, 1))
	}
	return t, err
}

// ParseDerajat reads decimal degrees into millionths of a degree within
// [lo, hi] (valid.ParseDerajat; cctv shares it).
func ParseDerajat(field, label, s string, lo, hi int64) (int64, error) {
	return valid.ParseDerajat(field, label, s, lo, hi)
}

// FormatDerajat writes millionths of a degree as decimal degrees with a
// point (valid.FormatDerajat).
func FormatDerajat(e6 int64) string { return valid.FormatDerajat(e6) }

// fasilitasKegiatan looks kode up in keuangan's kegiatan list: of the year
// built first, then of the current year (a code no longer or not yet
// offered, or a year with no list). Without a source only the shape is
// checked (fasilitasPeriksa). nama is "" when the code is not found.
func (m *Module) fasilitasKegiatan(ctx context.Context, kode string, tahunDibangun, tahunKini int) (nama string, found bool, err error) {
	if m.kegiatan == nil || kode == "" {
		return "", false, nil
	}
	years := []int{tahunKini}
	if tahunDibangun != 0 && tahunDibangun != tahunKini {
		years = []int{tahunDibangun, tahunKini}
	}
	for _, y := range years {
		nama, ok, err := m.kegiatan.NamaKegiatan(ctx, kode, y)
		if err != nil {
			return "", false, err
		}
		if ok {
			return nama, true, nil
		}
	}
	return "", false, nil
}

// fasilitasCekKegiatan refuses a kegiatan code keuangan's list does not
// know (when the module has the list).
func (m *Module) fasilitasCekKegiatan(ctx context.Context, f Fasilitas, tahunKini int) error {
	if m.kegiatan == nil || f.KegiatanKode == "" {
		return nil
	}
	_, ok, err := m.fasilitasKegiatan(ctx, f.KegiatanKode, f.TahunDibangun, tahunKini)
	if err != nil {
		return err
	}
	if !ok {
		tahun := strconv.Itoa(tahunKini)
		if f.TahunDibangun != 0 && f.TahunDibangun != tahunKini {
			tahun = strconv.Itoa(f.TahunDibangun) + " maupun " + tahun
		}
		return fault.Invalids([]*fault.Error{fault.Field("kegiatan_kode",
			"Kode kegiatan %s tidak ada dalam daftar kegiatan APBDes tahun %s.", f.KegiatanKode, tahun)})
	}
	return nil
}

func (m *Module) tahunKini(ctx context.Context) int { return m.hariIni(ctx).Year() }

// fasilitasStempel is the time a write is stamped with: strictly after the
// facility's previous stamp, so an edit always changes "diubah" (and an
// editor holding the old value is refused) even when two writes fall in
// the same microsecond or the clock stands still.
func fasilitasStempel(now time.Time, sebelum time.Time) time.Time {
	t := now.UTC().Truncate(time.Microsecond)
	if !t.After(sebelum) {
		t = sebelum.UTC().Truncate(time.Microsecond).Add(time.Microsecond)
	}
	return t
}

// TambahFasilitas records a new facility of the tenant desa.
func (m *Module) TambahFasilitas(ctx context.Context, in FasilitasBaru) (Fasilitas, error) {
	var f Fasilitas
	tahun := m.tahunKini(ctx)
	if err := fasilitasPeriksa(in.Jenis, in.FasilitasData, tahun, &f); err != nil {
		return f, err
	}
	if err := m.fasilitasCekKegiatan(ctx, f, tahun); err != nil {
		return f, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return f, err
	}
	f.DesaID, f.ID = desaID, newID()
	f.CreatedBy, f.UpdatedBy = pelakuID(ctx), pelakuID(ctx)
	f.CreatedAt = fasilitasStempel(m.now(), time.Time{})
	f.UpdatedAt = f.CreatedAt
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := fasilitasNamaBebas(ctx, tx, f); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(&f).Exec(ctx)
		return fasilitasNamaKembar(err, f)
	})
	return f, err
}

// UbahFasilitas changes a facility of the tenant desa; its jenis stays.
// It is refused (409) when the facility changed after in.Diubah.
func (m *Module) UbahFasilitas(ctx context.Context, id string, in FasilitasUbah) (Fasilitas, error) {
	var f Fasilitas
	if err := cekID(id, "Fasilitas"); err != nil {
		return f, err
	}
	tahun := m.tahunKini(ctx)
	// The kegiatan is looked up before the transaction: keuangan reads
	// on its own connection.
	var lama Fasilitas
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var err error
		lama, err = GetFasilitas(ctx, tx, id)
		return err
	})
	if err != nil {
		return f, err
	}
	if strings.TrimSpace(in.Status) == "" {
		in.Status, in.AlasanTidakAktif = lama.Status, lama.AlasanTidakAktif
	}
	if err := fasilitasPeriksa(lama.Jenis, in.FasilitasData, tahun, &f); err != nil {
		return f, err
	}
	if in.Diubah.IsZero() {
		return f, fault.Field("diubah", "Nilai diubah wajib dikirim (dari fasilitas yang dibaca); muat ulang halaman lalu coba lagi.")
	}
	if f.KegiatanKode != lama.KegiatanKode || f.TahunDibangun != lama.TahunDibangun {
		if err := m.fasilitasCekKegiatan(ctx, f, tahun); err != nil {
			return f, err
		}
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := fasilitasKunci(ctx, m.db.Engine, tx, id)
		if err != nil {
			return err
		}
		if !cur.UpdatedAt.Truncate(time.Microsecond).Equal(in.Diubah.Truncate(time.Microsecond)) {
			return fault.New(fault.Conflict, "%s sudah diubah orang lain sejak Anda membukanya; muat ulang halaman, periksa perubahannya, lalu simpan lagi.", cur.Nama)
		}
		f.DesaID, f.ID, f.CreatedBy, f.CreatedAt = cur.DesaID, cur.ID, cur.CreatedBy, cur.CreatedAt
		f.UpdatedBy, f.UpdatedAt = pelakuID(ctx), fasilitasStempel(m.now(), cur.UpdatedAt)
		if f.Nama != cur.Nama {
			if err := fasilitasNamaBebas(ctx, tx, f); err != nil {
				return err
			}
		}
		upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&f).ExcludeColumn("desa_id", "id", "jenis", "created_by", "created_at").
			Where("f.id = ?", id))
		if err != nil {
			return err
		}
		_, err = upd.Exec(ctx)
		return fasilitasNamaKembar(err, f)
	})
	return f, err
}

// fasilitasKunci reads a facility for a change, locking its row on
// PostgreSQL (SQLite's write transactions run one at a time anyway).
func fasilitasKunci(ctx context.Context, engine db.Engine, tx bun.Tx, id string) (Fasilitas, error) {
	var f Fasilitas
	q := tx.NewSelect().Model(&f).Where("f.id = ?", id)
	if engine == db.Postgres {
		q = q.For("UPDATE")
	}
	err := bacaSatu(ctx, q, fault.New(fault.NotFound, "Fasilitas tidak ditemukan."))
	return f, err
}

// fasilitasNamaBebas refuses a name another facility of the same jenis in
// the desa already has (letter case aside).
func fasilitasNamaBebas(ctx context.Context, tx bun.Tx, f Fasilitas) error {
	q := tx.NewSelect().Model((*Fasilitas)(nil)).
		Where("f.jenis = ? AND lower(f.nama) = lower(?) AND f.id <> ?", f.Jenis, f.Nama, f.ID)
	q, err := tenancy.Scope(ctx, q)
	if err != nil {
		return err
	}
	ada, err := q.Exists(ctx)
	if err != nil {
		return err
	}
	if ada {
		return fasilitasNamaKembar(errNamaKembar, f)
	}
	return nil
}

var errNamaKembar = fault.New(fault.Conflict, "nama kembar")

// fasilitasNamaKembar turns a unique violation on the name (a concurrent
// insert that passed fasilitasNamaBebas) into the same Bahasa conflict.
func fasilitasNamaKembar(err error, f Fasilitas) error {
	if err == errNamaKembar || db.IsUniqueViolation(err) {
		return &fault.Error{Code: fault.Conflict, Field: "nama",
			Message: "Desa ini sudah memiliki " + NamaJenisFasilitas(f.Jenis) + " bernama " + f.Nama + "; pakai nama lain."}
	}
	return err
}

// FasilitasQuery filters and pages the facility list.
type FasilitasQuery struct {
	Jenis, Status string
	Cursor        string
	Limit         int
}

type fasilitasKunciHalaman struct {
	Jenis string `json:"j"`
	Nama  string `json:"n"`
	ID    string `json:"id"`
}

// fasilitasHalaman is one page of the tenant desa's facilities, by jenis,
// name and id (the order of ListFasilitas).
func fasilitasHalaman(ctx context.Context, idb bun.IDB, q FasilitasQuery, after *fasilitasKunciHalaman) ([]Fasilitas, error) {
	fs := []Fasilitas{}
	sel := idb.NewSelect().Model(&fs).OrderExpr("f.jenis, f.nama, f.id").Limit(int64(q.Limit) + 1)
	if q.Jenis != "" {
		sel = sel.Where("f.jenis = ?", q.Jenis)
	}
	if q.Status != "" {
		sel = sel.Where("f.status = ?", q.Status)
	}
	if after != nil {
		sel = sel.Where("(f.jenis > ? OR (f.jenis = ? AND (f.nama > ? OR (f.nama = ? AND f.id > ?))))",
			after.Jenis, after.Jenis, after.Nama, after.Nama, after.ID)
	}
	sel, err := tenancy.Scope(ctx, sel)
	if err != nil {
		return nil, err
	}
	return fs, sel.Scan(ctx)
}

// Koordinat reports whether f has coordinates (0,0 is unknown: it lies in
// the Gulf of Guinea, far outside the bounds).
func (f Fasilitas) Koordinat() bool { return f.LintangE6 != 0 || f.BujurE6 != 0 }

// PetaURL is f's place on OpenStreetMap, or "".
func (f Fasilitas) PetaURL() string {
	if !f.Koordinat() {
		return ""
	}
	lat, lon := FormatDerajat(f.LintangE6), FormatDerajat(f.BujurE6)
	return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=18/" + lat + "/" + lon
}

// fasilitasData is f's values as its edit form shows them.
func fasilitasData(f Fasilitas) FasilitasData {
	d := FasilitasData{Nama: f.Nama, Status: f.Status, AlasanTidakAktif: f.AlasanTidakAktif, Lahan: f.Lahan,
		LahanKeterangan: f.LahanKeterangan, PengelolaJenis: f.PengelolaJenis, PengelolaNama: f.PengelolaNama,
		Petugas: f.Petugas, TahunDibangun: f.TahunDibangun, KegiatanKode: f.KegiatanKode, SumberDana: f.SumberDana}
	if f.KapasitasGramHari != 0 {
		d.KapasitasKg = f.KapasitasGramHari.String()
	}
	if f.Koordinat() {
		d.Lintang, d.Bujur = FormatDerajat(f.LintangE6), FormatDerajat(f.BujurE6)
	}
	if f.DensitasGramM3 != 0 {
		d.DensitasKgM3 = valid.FormatMilli(f.DensitasGramM3)
	}
	return d
}
