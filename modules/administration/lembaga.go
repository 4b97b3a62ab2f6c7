package administration

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
)

// JenisLembaga is the kind of a lembaga desa.
type JenisLembaga string

// The BPD (UU 6/2014 Pasal 55–65), the lembaga kemasyarakatan desa of
// Permendagri 18/2018 Pasal 6 (RT, RW, PKK, Karang Taruna, Posyandu, LPM),
// the banjar adat where the desa has them, and anything else by name.
const (
	BPD          JenisLembaga = "bpd"
	LPM          JenisLembaga = "lpm"
	PKK          JenisLembaga = "pkk"
	KarangTaruna JenisLembaga = "karang_taruna"
	Posyandu     JenisLembaga = "posyandu"
	RT           JenisLembaga = "rt"
	RW           JenisLembaga = "rw"
	BanjarAdat   JenisLembaga = "banjar_adat"
	Lainnya      JenisLembaga = "lainnya"
)

var jenisLabel = map[JenisLembaga]string{
	BPD: "Badan Permusyawaratan Desa", LPM: "Lembaga Pemberdayaan Masyarakat",
	PKK: "Tim Penggerak PKK", KarangTaruna: "Karang Taruna", Posyandu: "Posyandu",
	RT: "Rukun Tetangga", RW: "Rukun Warga", BanjarAdat: "Banjar Adat", Lainnya: "Lainnya",
}

// Valid reports whether j is a known kind.
func (j JenisLembaga) Valid() bool { _, ok := jenisLabel[j]; return ok }

// Label is the kind's full name.
func (j JenisLembaga) Label() string { return jenisLabel[j] }

// Tunggal reports whether a desa has at most one lembaga of this kind.
func (j JenisLembaga) Tunggal() bool { return j == BPD || j == LPM || j == PKK || j == KarangTaruna }

// Limits of the BPD: at most nine members (UU 6/2014 Pasal 58) and a term
// of eight years (Pasal 56, as amended by UU 3/2024; six before it).
const (
	maxAnggotaBPD  = 9
	masaJabatanBPD = 8
)

// Lembaga is the BPD or a lembaga kemasyarakatan of a desa.
type Lembaga struct {
	bun.BaseModel `bun:"table:lembaga,alias:l" json:"-"`

	DesaID    int64        `bun:"desa_id,pk" json:"-"`
	ID        uuid.UUID    `bun:"id,pk,type:uuid" json:"id"`
	Jenis     JenisLembaga `bun:"jenis" json:"jenis" enum:"bpd,lpm,pkk,karang_taruna,posyandu,rt,rw,banjar_adat,lainnya"`
	Nama      string       `bun:"nama" json:"nama"`
	SKNomor   string       `bun:"sk_nomor" json:"sk_nomor,omitempty" doc:"SK pembentukan"`
	SKTanggal Tanggal      `bun:"sk_tanggal,nullzero" json:"sk_tanggal,omitempty"`
	CreatedAt time.Time    `bun:"created_at" json:"created_at"`
	UpdatedAt time.Time    `bun:"updated_at" json:"updated_at"`

	// AnggotaAktif counts the members who hold their seat today: not ended
	// and within their term (Anggota.Menjabat); filled on read.
	AnggotaAktif int `bun:"anggota_aktif,scanonly" json:"anggota_aktif"`
}

// Anggota is one member's seat in a lembaga.
type Anggota struct {
	bun.BaseModel `bun:"table:lembaga_anggota,alias:a" json:"-"`

	DesaID          int64      `bun:"desa_id,pk" json:"-"`
	ID              uuid.UUID  `bun:"id,pk,type:uuid" json:"id"`
	LembagaID       uuid.UUID  `bun:"lembaga_id,type:uuid" json:"lembaga_id"`
	Nama            string     `bun:"nama" json:"nama"`
	Jabatan         string     `bun:"jabatan" json:"jabatan" doc:"Mis. Ketua, Wakil Ketua, Sekretaris, Anggota"`
	SKNomor         string     `bun:"sk_nomor" json:"sk_nomor,omitempty"`
	SKTanggal       Tanggal    `bun:"sk_tanggal,nullzero" json:"sk_tanggal,omitempty"`
	Mulai           Tanggal    `bun:"mulai" json:"mulai"`
	Selesai         Tanggal    `bun:"selesai,nullzero" json:"selesai,omitempty"`
	TanggalBerhenti Tanggal    `bun:"tanggal_berhenti,nullzero" json:"tanggal_berhenti,omitempty"`
	AlasanBerhenti  string     `bun:"alasan_berhenti" json:"alasan_berhenti,omitempty"`
	EndedAt         *time.Time `bun:"ended_at" json:"ended_at,omitempty"`
	CreatedAt       time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt       time.Time  `bun:"updated_at" json:"updated_at"`

	// Aktif and MenjabatHariIni are ActiveOn and Menjabat for today,
	// filled by the API's reads.
	Aktif           bool `bun:"-" json:"aktif" doc:"Keanggotaan belum berakhir pada hari ini"`
	MenjabatHariIni bool `bun:"-" json:"menjabat" doc:"Belum berakhir dan masih dalam masa jabatan pada hari ini (dihitung dalam batas 9 anggota BPD)"`
}

// Active reports whether no end is recorded for the seat; ActiveOn says
// whether it is held on a day.
func (a Anggota) Active() bool { return a.EndedAt == nil }

// ActiveOn reports whether the seat has not ended on day: no end date, or
// one after day (the end date is the first day out).
func (a Anggota) ActiveOn(day Tanggal) bool {
	return a.TanggalBerhenti.IsZero() || day.Before(a.TanggalBerhenti)
}

// Menjabat reports whether the member holds the seat on day: not ended and
// within the term (the term's end date is its first day out). A member
// whose term has run out stays on the list until the end is recorded, but
// no longer takes one of the BPD's nine seats.
func (a Anggota) Menjabat(day Tanggal) bool {
	return a.ActiveOn(day) && (a.Selesai.IsZero() || day.Before(a.Selesai))
}

// IsKetua reports whether the seat is the lembaga's ketua ("Wakil Ketua" is
// not).
func (a Anggota) IsKetua() bool { return isKetua(a.Jabatan) }

func isKetua(jabatan string) bool { return strings.EqualFold(strings.TrimSpace(jabatan), "ketua") }

// Active seats in SQL for the alias a, against a day: not ended, and (for
// menjabatPada) within the term.
const (
	anggotaAktifPada = "(a.tanggal_berhenti IS NULL OR a.tanggal_berhenti > ?)"
	menjabatPada     = "(a.tanggal_berhenti IS NULL OR a.tanggal_berhenti > ?) AND (a.selesai IS NULL OR a.selesai > ?)"
)

// CheckAnggota says whether a may hold a seat in l next to the seats not
// ended on today (aktif, a itself left out by id): the seat by the rules of
// AnggotaInput (dates' upper bounds open); the BPD has at most nine
// members holding their seat (UU 6/2014 Pasal 58), so members whose term
// has run out do not count; and a lembaga has one ketua.
func (l Lembaga) CheckAnggota(aktif []Anggota, a Anggota, today Tanggal) error {
	if err := a.input().Validate(l.Jenis, ""); err != nil {
		return err
	}
	n := 0
	for _, b := range aktif {
		if b.ID == a.ID {
			continue
		}
		if a.IsKetua() && b.IsKetua() && b.ActiveOn(today) {
			msg := fmt.Sprintf("%s sudah memiliki ketua aktif: %s (sejak %s)", l.Nama, b.Nama, b.Mulai)
			if b.TanggalBerhenti.IsZero() {
				return fault.New(fault.Conflict, "%s. Akhiri dulu keanggotaannya sebelum mencatat ketua baru.", msg)
			}
			return fault.New(fault.Conflict, "%s, yang berhenti mulai %s. Ketua baru dapat dicatat mulai tanggal itu.", msg, b.TanggalBerhenti)
		}
		if b.Menjabat(today) {
			n++
		}
	}
	if l.Jenis == BPD && a.Menjabat(today) && n >= maxAnggotaBPD {
		return fault.New(fault.Conflict, "BPD sudah memiliki %d anggota yang sedang menjabat, batas menurut UU 6/2014 Pasal 58; akhiri dulu salah satu keanggotaan.", maxAnggotaBPD)
	}
	return nil
}

// End closes the seat at tanggal, which may lie ahead (the member keeps
// the seat until then); today is the date at the desa, now when it is
// recorded. A seat that has ended cannot end again; one whose end is still
// ahead may have it recorded anew.
func (a *Anggota) End(tanggal Tanggal, alasan string, today Tanggal, now time.Time) error {
	if !a.ActiveOn(today) {
		return fault.New(fault.Conflict, "Keanggotaan ini sudah berakhir pada %s.", a.TanggalBerhenti)
	}
	if tanggal.IsZero() {
		return fault.Field("body.tanggal", "Tanggal berhenti wajib diisi.")
	}
	if tanggal.Before(a.Mulai) {
		return fault.Field("body.tanggal", "Tanggal berhenti tidak boleh sebelum tanggal mulai (%s).", a.Mulai)
	}
	a.TanggalBerhenti = tanggal
	a.AlasanBerhenti = strings.TrimSpace(alasan)
	a.EndedAt = &now
	a.UpdatedAt = now
	return nil
}

// Peringatan is a term that ends within the warning window (or has ended
// with nobody recording a successor), flagged by the daily job.
type Peringatan struct {
	bun.BaseModel `bun:"table:peringatan_masa_jabatan,alias:w" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        uuid.UUID `bun:"id,pk,type:uuid" json:"id"`
	Sumber    string    `bun:"sumber" json:"sumber" enum:"perangkat,lembaga"`
	RefID     uuid.UUID `bun:"ref_id,type:uuid" json:"ref_id" doc:"id jabatan perangkat atau keanggotaan lembaga"`
	Nama      string    `bun:"nama" json:"nama"`
	Jabatan   string    `bun:"jabatan" json:"jabatan"`
	Lembaga   string    `bun:"lembaga" json:"lembaga,omitempty"`
	Selesai   Tanggal   `bun:"selesai" json:"selesai"`
	FlaggedAt time.Time `bun:"flagged_at" json:"flagged_at"`

	// Desa is the code of the flag's desa, for the camat's list.
	Desa string `bun:"-" json:"desa"`
}

// peringatanHari is how far ahead the job looks: 60 days leaves a desa time
// to run the selection of a successor (Permendagri 67/2017; Permendagri
// 110/2016 for BPD).
const peringatanHari = 60
