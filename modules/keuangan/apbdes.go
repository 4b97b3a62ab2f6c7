package keuangan

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// This file is the core of the APBDes every part of the module builds on:
// the rows (migration 202612020100_keuangan_apbdes), the lifecycle's states
// and moves, the totals and balance of Permendagri 20/2018, and the reads
// every page, report and provider shares.

// Versi of an APBDes: the murni, then at most one perubahan that keeps the
// murni beside it.
const (
	VersiMurni     = "murni"
	VersiPerubahan = "perubahan"
)

// Status of an APBDes.
const (
	StatusDraft        = "draft"        // the desa writes it
	StatusDiajukan     = "diajukan"     // submitted to the camat; locked for the desa
	StatusDikembalikan = "dikembalikan" // the camat returned it for revision; the desa writes again
	StatusDievaluasi   = "dievaluasi"   // the camat accepted it; awaits the Perdes
	StatusDitetapkan   = "ditetapkan"   // set by Perdes (number and date); lines locked
)

// Aksi is a move of the lifecycle.
const (
	AksiAjukan     = "ajukan"     // desa: draft|dikembalikan → diajukan
	AksiKembalikan = "kembalikan" // camat: diajukan → dikembalikan
	AksiTerima     = "terima"     // camat: diajukan → dievaluasi
	AksiTetapkan   = "tetapkan"   // desa: dievaluasi → ditetapkan
)

// transisi lists every allowed move: from status, by aksi, to status.
var transisi = map[string]map[string]string{
	StatusDraft:        {AksiAjukan: StatusDiajukan},
	StatusDikembalikan: {AksiAjukan: StatusDiajukan},
	StatusDiajukan:     {AksiKembalikan: StatusDikembalikan, AksiTerima: StatusDievaluasi},
	StatusDievaluasi:   {AksiTetapkan: StatusDitetapkan},
}

// Langkah is the status aksi leads to from status, or a Conflict fault
// in Bahasa saying why it cannot be done now.
func Langkah(status, aksi string) (string, error) {
	if to, ok := transisi[status][aksi]; ok {
		return to, nil
	}
	return "", fault.New(fault.Conflict, "APBDes berstatus %s tidak dapat %s.", NamaStatus(status), namaAksi(aksi))
}

// BolehUbahBaris reports whether the desa may write lines in status.
func BolehUbahBaris(status string) bool {
	return status == StatusDraft || status == StatusDikembalikan
}

// NamaStatus is the Bahasa label of a status.
func NamaStatus(s string) string {
	switch s {
	case StatusDraft:
		return "draf"
	case StatusDiajukan:
		return "diajukan ke camat"
	case StatusDikembalikan:
		return "dikembalikan untuk diperbaiki"
	case StatusDievaluasi:
		return "selesai dievaluasi camat"
	case StatusDitetapkan:
		return "ditetapkan dengan Perdes"
	}
	return s
}

func namaAksi(a string) string {
	switch a {
	case AksiAjukan:
		return "diajukan ke camat"
	case AksiKembalikan:
		return "dikembalikan untuk diperbaiki"
	case AksiTerima:
		return "diterima hasil evaluasinya"
	case AksiTetapkan:
		return "ditetapkan"
	}
	return a
}

// Kelompok of an APBDes line, from its rekening's akun.
const (
	KelompokPendapatan            = "pendapatan"             // akun 4
	KelompokBelanja               = "belanja"                // akun 5
	KelompokPenerimaanPembiayaan  = "penerimaan_pembiayaan"  // kelompok 6.1
	KelompokPengeluaranPembiayaan = "pengeluaran_pembiayaan" // kelompok 6.2
)

// KelompokOf is the kelompok a rekening objek belongs to; "" when the code
// is in no kelompok an APBDes line may use (e.g. 6.3).
func KelompokOf(k KodeRekening) string {
	s := string(k)
	switch {
	case strings.HasPrefix(s, "4."):
		return KelompokPendapatan
	case strings.HasPrefix(s, "5."):
		return KelompokBelanja
	case strings.HasPrefix(s, "6.1."):
		return KelompokPenerimaanPembiayaan
	case strings.HasPrefix(s, "6.2."):
		return KelompokPengeluaranPembiayaan
	}
	return ""
}

// Volume is a quantity with three fixed decimals: 2,5 m is Volume(2500).
// It is never a float, so volume × harga satuan is exact.
type Volume int64

// VolumeSkala is one whole unit.
const VolumeSkala = 1000

// MaxVolume bounds every volume typed or imported (one billion units).
const MaxVolume Volume = 1_000_000_000 * VolumeSkala

// ParseVolume reads "12", "2,5", "2.5" or "1.250,75" (Indonesian grouping)
// with at most three decimals (valid.ParseMilli). The error is an Invalid
// fault on field.
func ParseVolume(field, s string) (Volume, error) {
	n, err := valid.ParseMilli(field, "Volume", s, 10)
	if err != nil {
		return 0, err
	}
	if v := Volume(n); v <= MaxVolume {
		return v, nil
	}
	return 0, fault.Field(field, "Volume terlalu besar.")
}

// String formats v the Indonesian way: "2,5", "1.250", "0,125".
func (v Volume) String() string { return valid.FormatMilli(int64(v)) }

// Kali is volume × harga satuan rounded half up to the rupiah; ok is false
// when the product leaves MaxRupiah.
func Kali(v Volume, harga Rupiah) (Rupiah, bool) {
	r, ok := valid.MulMilli(int64(v), int64(harga), int64(MaxRupiah))
	return Rupiah(r), ok
}

// APBDes is one budget of one desa for one year in one version.
type APBDes struct {
	bun.BaseModel `bun:"table:apbdes,alias:a" json:"-"`

	DesaID          int64      `bun:"desa_id,pk" json:"-"`
	ID              string     `bun:"id,pk" json:"id"`
	Tahun           int        `bun:"tahun" json:"tahun"`
	Versi           string     `bun:"versi" json:"versi" enum:"murni,perubahan"`
	Status          string     `bun:"status" json:"status" enum:"draft,diajukan,dikembalikan,dievaluasi,ditetapkan"`
	MurniID         string     `bun:"murni_id,nullzero" json:"murni_id,omitempty"`
	PerdesNomor     string     `bun:"perdes_nomor" json:"perdes_nomor,omitempty"`
	PerdesTanggal   civil.Date `bun:"perdes_tanggal,nullzero" json:"perdes_tanggal,omitempty"`
	CatatanEvaluasi string     `bun:"catatan_evaluasi" json:"catatan_evaluasi,omitempty"`
	CreatedBy       string     `bun:"created_by" json:"-"`
	CreatedAt       time.Time  `bun:"created_at" json:"dibuat"`
	UpdatedBy       string     `bun:"updated_by" json:"-"`
	UpdatedAt       time.Time  `bun:"updated_at" json:"diubah"`
}

// Riwayat is one change of an APBDes's status.
type Riwayat struct {
	bun.BaseModel `bun:"table:apbdes_riwayat,alias:ar" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        string    `bun:"id,pk" json:"id"`
	APBDesID  string    `bun:"apbdes_id" json:"-"`
	Dari      string    `bun:"dari" json:"dari"`
	Ke        string    `bun:"ke" json:"ke"`
	Catatan   string    `bun:"catatan" json:"catatan,omitempty"`
	Oleh      string    `bun:"oleh" json:"-"`
	OlehNama  string    `bun:"oleh_nama" json:"oleh"`
	CreatedAt time.Time `bun:"created_at" json:"waktu"`
}

// Baris is one line of an APBDes.
type Baris struct {
	bun.BaseModel `bun:"table:apbdes_baris,alias:b" json:"-"`

	DesaID        int64        `bun:"desa_id,pk" json:"-"`
	ID            string       `bun:"id,pk" json:"id"`
	APBDesID      string       `bun:"apbdes_id" json:"-"`
	Kelompok      string       `bun:"kelompok" json:"kelompok" enum:"pendapatan,belanja,penerimaan_pembiayaan,pengeluaran_pembiayaan"`
	KodeRekening  KodeRekening `bun:"kode_rekening" json:"kode_rekening" example:"5.2.1.01"`
	KodeKegiatan  KodeKegiatan `bun:"kode_kegiatan" json:"kode_kegiatan,omitempty" example:"02.01.06"`
	Uraian        string       `bun:"uraian" json:"uraian"`
	Volume        Volume       `bun:"volume" json:"volume" doc:"Volume dalam perseribu satuan (2500 = 2,5)"`
	Satuan        string       `bun:"satuan" json:"satuan,omitempty"`
	HargaSatuan   Rupiah       `bun:"harga_satuan" json:"harga_satuan"`
	Jumlah        Rupiah       `bun:"jumlah" json:"jumlah"`
	SumberDana    string       `bun:"sumber_dana" json:"sumber_dana" example:"DDS"`
	Lokasi        string       `bun:"lokasi" json:"lokasi,omitempty"`
	PelaksanaID   string       `bun:"pelaksana_id" json:"pelaksana_id,omitempty"`
	PelaksanaNama string       `bun:"pelaksana_nama" json:"pelaksana_nama,omitempty"`
	OutputVolume  Volume       `bun:"output_volume" json:"output_volume" doc:"Target keluaran dalam perseribu satuan"`
	OutputSatuan  string       `bun:"output_satuan" json:"output_satuan,omitempty"`
	AsalBarisID   string       `bun:"asal_baris_id" json:"asal_baris_id,omitempty" doc:"APBDes perubahan: baris murni yang dilanjutkan"`
	Urutan        int          `bun:"urutan" json:"urutan"`
	CreatedBy     string       `bun:"created_by" json:"-"`
	CreatedAt     time.Time    `bun:"created_at" json:"-"`
	UpdatedBy     string       `bun:"updated_by" json:"-"`
	UpdatedAt     time.Time    `bun:"updated_at" json:"-"`
}

// Komentar is the camat's note on a line (BarisID) or on the whole budget.
type Komentar struct {
	bun.BaseModel `bun:"table:apbdes_komentar,alias:ak" json:"-"`

	DesaID       int64     `bun:"desa_id,pk" json:"-"`
	ID           string    `bun:"id,pk" json:"id"`
	APBDesID     string    `bun:"apbdes_id" json:"-"`
	BarisID      string    `bun:"baris_id" json:"baris_id,omitempty"`
	BarisRingkas string    `bun:"baris_ringkas" json:"baris,omitempty"`
	Isi          string    `bun:"isi" json:"isi"`
	Oleh         string    `bun:"oleh" json:"-"`
	OlehNama     string    `bun:"oleh_nama" json:"oleh"`
	CreatedAt    time.Time `bun:"created_at" json:"waktu"`
}

// Jenis of a realisasi entry (see the migration for what each means).
const (
	JenisPenerimaan  = "penerimaan"
	JenisPengeluaran = "pengeluaran"
	JenisPanjar      = "panjar"
	JenisSPJ         = "spj"
	JenisSetorPajak  = "setor_pajak"
	JenisMutasi      = "mutasi"
)

// Kas of an entry.
const (
	KasTunai = "tunai"
	KasBank  = "bank"
)

// Transaksi is one entry of the realisasi journal. Entries are never
// edited; KoreksiID names the entry a correcting (negative) entry undoes.
type Transaksi struct {
	bun.BaseModel `bun:"table:keuangan_transaksi,alias:t" json:"-"`

	DesaID       int64        `bun:"desa_id,pk" json:"-"`
	ID           string       `bun:"id,pk" json:"id"`
	Tahun        int          `bun:"tahun" json:"tahun"`
	Tanggal      civil.Date   `bun:"tanggal" json:"tanggal"`
	Jenis        string       `bun:"jenis" json:"jenis" enum:"penerimaan,pengeluaran,panjar,spj,setor_pajak,mutasi"`
	Kas          string       `bun:"kas" json:"kas" enum:"tunai,bank"`
	BarisID      string       `bun:"baris_id" json:"baris_id,omitempty"`
	KodeRekening KodeRekening `bun:"kode_rekening" json:"kode_rekening,omitempty"`
	KodeKegiatan KodeKegiatan `bun:"kode_kegiatan" json:"kode_kegiatan,omitempty"`
	SumberDana   string       `bun:"sumber_dana" json:"sumber_dana,omitempty"`
	Jumlah       Rupiah       `bun:"jumlah" json:"jumlah"`
	PPN          Rupiah       `bun:"ppn" json:"ppn"`
	PPh          Rupiah       `bun:"pph" json:"pph"`
	NomorBukti   string       `bun:"nomor_bukti" json:"nomor_bukti,omitempty"`
	Penerima     string       `bun:"penerima" json:"penerima,omitempty"`
	Uraian       string       `bun:"uraian" json:"uraian"`
	DDTahap      int          `bun:"dd_tahap" json:"dd_tahap,omitempty"`
	PanjarID     string       `bun:"panjar_id" json:"panjar_id,omitempty"`
	OutputVolume Volume       `bun:"output_volume" json:"output_volume,omitempty"`
	KoreksiID    string       `bun:"koreksi_id" json:"koreksi_id,omitempty"`
	CreatedBy    string       `bun:"created_by" json:"-"`
	CreatedAt    time.Time    `bun:"created_at" json:"dicatat"`
}

// Total is the sum of an APBDes per kelompok and the balance of
// Permendagri 20/2018 Pasal 8–9: surplus/defisit = pendapatan − belanja;
// pembiayaan netto = penerimaan − pengeluaran pembiayaan; SiLPA tahun
// berjalan = surplus/defisit + pembiayaan netto.
type Total struct {
	Pendapatan            Rupiah `json:"pendapatan"`
	Belanja               Rupiah `json:"belanja"`
	SurplusDefisit        Rupiah `json:"surplus_defisit"`
	PenerimaanPembiayaan  Rupiah `json:"penerimaan_pembiayaan"`
	PengeluaranPembiayaan Rupiah `json:"pengeluaran_pembiayaan"`
	PembiayaanNetto       Rupiah `json:"pembiayaan_netto"`
	SiLPA                 Rupiah `json:"silpa" doc:"SiLPA tahun berjalan"`
}

// Hitung totals lines. Every jumlah is within MaxRupiah and an APBDes holds
// far fewer than the nine thousand lines that could overflow; Hitung still
// refuses (ok false) rather than wrap.
func Hitung(lines []Baris) (t Total, ok bool) {
	sums := map[string]*Rupiah{
		KelompokPendapatan:            &t.Pendapatan,
		KelompokBelanja:               &t.Belanja,
		KelompokPenerimaanPembiayaan:  &t.PenerimaanPembiayaan,
		KelompokPengeluaranPembiayaan: &t.PengeluaranPembiayaan,
	}
	for _, b := range lines {
		dst := sums[b.Kelompok]
		if dst == nil {
			continue
		}
		s, good := Jumlah(*dst, b.Jumlah)
		if !good {
			return Total{}, false
		}
		*dst = s
	}
	t.SurplusDefisit = t.Pendapatan - t.Belanja
	t.PembiayaanNetto = t.PenerimaanPembiayaan - t.PengeluaranPembiayaan
	t.SiLPA = t.SurplusDefisit + t.PembiayaanNetto
	return t, true
}

// Seimbang checks the balance an APBDes needs before it goes to the camat:
// a deficit must be covered by financing (SiLPA tahun berjalan not below
// zero). The error is an Invalid fault with the figures, in Bahasa.
func (t Total) Seimbang() error {
	if t.SiLPA >= 0 {
		return nil
	}
	return fault.New(fault.Invalid,
		"APBDes belum seimbang: defisit %s hanya ditutup pembiayaan netto %s; kurang %s. Tambah penerimaan pembiayaan (misalnya SiLPA tahun sebelumnya) atau kurangi belanja.",
		(-t.SurplusDefisit).String(), t.PembiayaanNetto.String(), (-t.SiLPA).String())
}

// GetAPBDes reads the APBDes of the desa in ctx for tahun and versi; a
// NotFound fault in Bahasa when there is none.
func GetAPBDes(ctx context.Context, idb bun.IDB, tahun int, versi string) (APBDes, error) {
	var a APBDes
	sel, err := tenancy.Scope(ctx, idb.NewSelect().Model(&a).Where("a.tahun = ? AND a.versi = ?", tahun, versi))
	if err != nil {
		return a, err
	}
	if err := sel.Limit(1).Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return a, fault.New(fault.NotFound, "APBDes %s tahun %d belum dibuat.", versi, tahun)
		}
		return a, err
	}
	return a, nil
}

// GetAPBDesBerlaku reads the APBDes in force for tahun: the perubahan when
// there is one, else the murni.
func GetAPBDesBerlaku(ctx context.Context, idb bun.IDB, tahun int) (APBDes, error) {
	return pilihAPBDes(ctx, idb, tahun, func(calon, _ *APBDes) bool { return calon.Versi == VersiPerubahan })
}

// pilihAPBDes reads the versions of the APBDes of tahun and keeps the first,
// or a later one lebih prefers to the one kept; none is not found.
func pilihAPBDes(ctx context.Context, idb bun.IDB, tahun int, lebih func(calon, kini *APBDes) bool) (APBDes, error) {
	var rows []APBDes
	sel, err := tenancy.Scope(ctx, idb.NewSelect().Model(&rows).Where("a.tahun = ?", tahun))
	if err != nil {
		return APBDes{}, err
	}
	if err := sel.Scan(ctx); err != nil {
		return APBDes{}, err
	}
	var found *APBDes
	for i := range rows {
		if found == nil || lebih(&rows[i], found) {
			found = &rows[i]
		}
	}
	if found == nil {
		return APBDes{}, fault.New(fault.NotFound, "APBDes tahun %d belum dibuat.", tahun)
	}
	return *found, nil
}

// ListBaris reads every line of the APBDes id of the desa in ctx, in order.
func ListBaris(ctx context.Context, idb bun.IDB, apbdesID string) ([]Baris, error) {
	rows := []Baris{}
	sel, err := tenancy.Scope(ctx, idb.NewSelect().Model(&rows).Where("b.apbdes_id = ?", apbdesID))
	if err != nil {
		return nil, err
	}
	err = sel.Order("b.urutan", "b.id").Scan(ctx)
	return rows, err
}

// Pelaku is who acts on an APBDes: the user's id and name as shown in its
// history.
type Pelaku struct {
	ID   string
	Nama string
}

// GantiStatus applies aksi to a inside tx: it checks the move (Langkah),
// writes the new status (and catatan_evaluasi for the camat's moves, the
// Perdes for tetapkan, which the caller sets on a first), records a row of
// riwayat with catatan, and updates a in place. Audit is the caller's, in
// the same tx.
func GantiStatus(ctx context.Context, tx bun.IDB, a *APBDes, aksi, catatan string, by Pelaku, now time.Time) error {
	to, err := Langkah(a.Status, aksi)
	if err != nil {
		return err
	}
	if aksi == AksiTetapkan && (a.PerdesNomor == "" || a.PerdesTanggal.IsZero()) {
		return fault.New(fault.Invalid, "Nomor dan tanggal Peraturan Desa wajib diisi untuk menetapkan APBDes.")
	}
	now = now.UTC()
	from := a.Status
	a.Status, a.UpdatedBy, a.UpdatedAt = to, by.ID, now
	cols := []string{"status", "updated_by", "updated_at"}
	switch aksi {
	case AksiKembalikan, AksiTerima:
		a.CatatanEvaluasi = catatan
		cols = append(cols, "catatan_evaluasi")
	case AksiTetapkan:
		cols = append(cols, "perdes_nomor", "perdes_tanggal")
	}
	upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model(a).Column(cols...).
		Where("a.id = ? AND a.status = ?", a.ID, from))
	if err != nil {
		return err
	}
	res, err := upd.Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		a.Status = from
		return fault.New(fault.Conflict, "APBDes baru saja diubah orang lain; muat ulang halaman lalu coba lagi.")
	}
	id, err := uuid.NewV7()
	if err != nil {
		return err
	}
	_, err = tx.NewInsert().Model(&Riwayat{DesaID: a.DesaID, ID: id.String(), APBDesID: a.ID, Dari: from, Ke: to,
		Catatan: catatan, Oleh: by.ID, OlehNama: by.Nama, CreatedAt: now}).Exec(ctx)
	return err
}
