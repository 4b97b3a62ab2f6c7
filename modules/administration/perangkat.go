package administration

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Jabatan is a post of the desa government's SOTK (Permendagri 84/2015):
// the kepala desa, the sekretariat (sekretaris desa and up to three kaur),
// the pelaksana teknis (up to three kasi) and the pelaksana kewilayahan
// (one kepala kewilayahan per dusun).
type Jabatan string

const (
	KepalaDesa        Jabatan = "kepala_desa"
	SekretarisDesa    Jabatan = "sekretaris_desa"
	KaurTataUsaha     Jabatan = "kaur_tata_usaha_umum"
	KaurKeuangan      Jabatan = "kaur_keuangan"
	KaurPerencanaan   Jabatan = "kaur_perencanaan"
	KasiPemerintahan  Jabatan = "kasi_pemerintahan"
	KasiKesejahteraan Jabatan = "kasi_kesejahteraan"
	KasiPelayanan     Jabatan = "kasi_pelayanan"
	KepalaKewilayahan Jabatan = "kepala_kewilayahan"
)

// Unsur is the part of the SOTK a post belongs to.
type Unsur string

const (
	UnsurPimpinan    Unsur = "pimpinan"
	UnsurSekretariat Unsur = "sekretariat"
	UnsurTeknis      Unsur = "pelaksana_teknis"
	UnsurKewilayahan Unsur = "pelaksana_kewilayahan"
	maxKaur, maxKasi       = 3, 3 // Permendagri 84/2015: paling banyak tiga urusan dan tiga seksi
	maxJabatanKades        = 8    // UU 6/2014 Pasal 39 as amended by UU 3/2024: eight years
)

type jabatanInfo struct {
	label  string
	unsur  Unsur
	urutan int
	role   authz.Role
}

// jabatanList is the SOTK in the order an org chart reads it.
var jabatanList = []Jabatan{KepalaDesa, SekretarisDesa, KaurTataUsaha, KaurKeuangan, KaurPerencanaan,
	KasiPemerintahan, KasiKesejahteraan, KasiPelayanan, KepalaKewilayahan}

// The role an account linked to a post receives at the desa. Posts with no
// role of their own (kaur tata usaha, kaur perencanaan, kepala
// kewilayahan) get operator: they keep the desa's records.
var jabatanOf = map[Jabatan]jabatanInfo{
	KepalaDesa:        {"Kepala Desa", UnsurPimpinan, 1, authz.Perbekel},
	SekretarisDesa:    {"Sekretaris Desa", UnsurSekretariat, 2, authz.Sekdes},
	KaurTataUsaha:     {"Kepala Urusan Tata Usaha dan Umum", UnsurSekretariat, 3, authz.Operator},
	KaurKeuangan:      {"Kepala Urusan Keuangan", UnsurSekretariat, 4, authz.KaurKeuangan},
	KaurPerencanaan:   {"Kepala Urusan Perencanaan", UnsurSekretariat, 5, authz.Operator},
	KasiPemerintahan:  {"Kepala Seksi Pemerintahan", UnsurTeknis, 6, authz.Kasi},
	KasiKesejahteraan: {"Kepala Seksi Kesejahteraan", UnsurTeknis, 7, authz.Kasi},
	KasiPelayanan:     {"Kepala Seksi Pelayanan", UnsurTeknis, 8, authz.Kasi},
	KepalaKewilayahan: {"Kepala Kewilayahan", UnsurKewilayahan, 9, authz.Operator},
}

// Valid reports whether j is a post of the SOTK.
func (j Jabatan) Valid() bool { _, ok := jabatanOf[j]; return ok }

// Unsur is the part of the SOTK j belongs to.
func (j Jabatan) Unsur() Unsur { return jabatanOf[j].unsur }

// IsKaur reports whether j leads an urusan of the sekretariat.
func (j Jabatan) IsKaur() bool {
	return j == KaurTataUsaha || j == KaurKeuangan || j == KaurPerencanaan
}

// IsKasi reports whether j leads a seksi of the pelaksana teknis.
func (j Jabatan) IsKasi() bool { return jabatanOf[j].unsur == UnsurTeknis }

// Role is the role an account linked to j holds at the desa.
func (j Jabatan) Role() authz.Role { return jabatanOf[j].role }

// Sebutan is the post's title as the desa uses it. The kepala desa is
// "Perbekel" in Bali's kabupaten (their Perda name the office so) and
// "Kepala Desa" elsewhere; a kepala kewilayahan is "Kelian Banjar Dinas" of
// a banjar and "Kepala Dusun" of a dusun, followed by its name.
func (j Jabatan) Sebutan(desa tenancy.Kode, d *Dusun) string {
	switch j {
	case KepalaDesa:
		return SebutanKepalaDesa(desa)
	case KepalaKewilayahan:
		if d == nil {
			return jabatanOf[j].label
		}
		if d.Sebutan == SebutanBanjar {
			return "Kelian " + d.Judul()
		}
		return "Kepala " + d.Judul()
	}
	return jabatanOf[j].label
}

// SebutanKepalaDesa is the local title of the kepala desa in desa's
// kabupaten.
func SebutanKepalaDesa(desa tenancy.Kode) string {
	if desa.Up(tenancy.Provinsi) == "51" {
		return "Perbekel"
	}
	return "Kepala Desa"
}

// Status is how a post is held.
type Status string

const (
	// Definitif: appointed to the post for its term.
	Definitif Status = "definitif"
	// Pj (penjabat): a civil servant the bupati appoints to a vacant office
	// of kepala desa until an election (Permendagri 82/2015 Pasal 58) —
	// kepala desa only.
	Pj Status = "pj"
	// Plt (pelaksana tugas): someone acting in a post left vacant, usually
	// besides their own post (Permendagri 67/2017).
	Plt Status = "plt"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == Definitif || s == Pj || s == Plt }

// Label is the status written out for a page.
func (s Status) Label() string {
	switch s {
	case Pj:
		return "Penjabat (Pj)"
	case Plt:
		return "Pelaksana tugas (Plt)"
	}
	return "Definitif"
}

// Prefix is what precedes the title: "Pj. ", "Plt. " or nothing.
func (s Status) Prefix() string {
	switch s {
	case Pj:
		return "Pj. "
	case Plt:
		return "Plt. "
	}
	return ""
}

// Perangkat is one appointment to a post: a row of the buku aparat
// pemerintah desa (Permendagri 47/2016). It is never deleted; End keeps it
// as history.
type Perangkat struct {
	bun.BaseModel `bun:"table:perangkat,alias:p" json:"-"`

	DesaID          int64      `bun:"desa_id,pk" json:"-"`
	ID              uuid.UUID  `bun:"id,pk,type:uuid" json:"id"`
	Jabatan         Jabatan    `bun:"jabatan" json:"jabatan"`
	DusunID         *uuid.UUID `bun:"dusun_id,type:uuid" json:"dusun_id,omitempty"`
	Nama            string     `bun:"nama" json:"nama"`
	NIK             valid.NIK  `bun:"nik" json:"nik" doc:"Disamarkan, mis. 5102**********01"`
	NIP             string     `bun:"nip" json:"nip,omitempty" doc:"NIP (PNS) atau NIAP"`
	Status          Status     `bun:"status" json:"status"`
	SKNomor         string     `bun:"sk_nomor" json:"sk_nomor"`
	SKTanggal       Tanggal    `bun:"sk_tanggal" json:"sk_tanggal"`
	Mulai           Tanggal    `bun:"mulai" json:"mulai"`
	Selesai         Tanggal    `bun:"selesai,nullzero" json:"selesai,omitempty"`
	UserID          string     `bun:"user_id,nullzero" json:"user_id,omitempty"`
	TanggalBerhenti Tanggal    `bun:"tanggal_berhenti,nullzero" json:"tanggal_berhenti,omitempty"`
	AlasanBerhenti  string     `bun:"alasan_berhenti" json:"alasan_berhenti,omitempty"`
	// SKBerhentiNomor and SKBerhentiTanggal are the decree that ends the
	// appointment (SK pemberhentian).
	SKBerhentiNomor   string     `bun:"sk_berhenti_nomor" json:"sk_berhenti_nomor,omitempty"`
	SKBerhentiTanggal Tanggal    `bun:"sk_berhenti_tanggal,nullzero" json:"sk_berhenti_tanggal,omitempty"`
	EndedAt           *time.Time `bun:"ended_at" json:"ended_at,omitempty"`
	CreatedAt         time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt         time.Time  `bun:"updated_at" json:"updated_at"`

	// Aktif: the person holds the post today (ActiveOn); an end recorded
	// ahead sets ended_at while aktif stays true until tanggal_berhenti.
	// Filled by the API's reads.
	Aktif bool `bun:"-" json:"aktif" doc:"Menjabat pada hari ini; tetap true sampai tanggal_berhenti bila pemberhentian dicatat lebih dahulu"`

	// Sebutan is the post's title at this desa, e.g. "Perbekel" or
	// "Kelian Banjar Dinas Kaja"; filled on read.
	Sebutan string `bun:"-" json:"sebutan"`

	// Dusun is the appointment's dusun/banjar when a read joined it
	// (withDusun), so the sebutan costs no second query.
	Dusun *Dusun `bun:"rel:belongs-to,join:desa_id=desa_id,join:dusun_id=id" json:"-"`
}

// Active reports whether no end is recorded for the appointment. An end
// may be recorded ahead of its date; ActiveOn says who is in post on a day.
func (p Perangkat) Active() bool { return p.EndedAt == nil }

// ActiveOn reports whether the person holds the post on day: no end date,
// or one after day (the end date is the first day out of post, as an SK
// pemberhentian "terhitung mulai tanggal" reads).
func (p Perangkat) ActiveOn(day Tanggal) bool {
	return p.TanggalBerhenti.IsZero() || day.Before(p.TanggalBerhenti)
}

// aktifPada is ActiveOn in SQL for the alias p; its argument is the day.
const aktifPada = "(p.tanggal_berhenti IS NULL OR p.tanggal_berhenti > ?)"

// Validate checks a stored appointment by the rules of PerangkatInput,
// with the dates' upper bounds open (they depend on the day it was typed).
func (p Perangkat) Validate() error { return p.input().Validate("") }

// SOTK is a desa's active appointments: the state a new appointment must
// fit into.
type SOTK struct {
	Aktif []Perangkat
}

// Check says whether p may be appointed next to the active posts, with a
// message a perbekel can act on. The rules, in the order a user meets them:
// a post has one holder (Plt included: a Plt fills a vacancy); the
// sekretariat has at most three kaur and the pelaksana teknis at most three
// kasi (Permendagri 84/2015); a dusun has one kepala kewilayahan; and a
// person (by NIK) holds one post of their own, plus at most one more as Plt.
func (s SOTK) Check(p Perangkat) error {
	if err := p.Validate(); err != nil {
		return err
	}
	var kaur, kasi int
	var own, acting *Perangkat
	for i := range s.Aktif {
		a := &s.Aktif[i]
		if a.ID == p.ID {
			continue
		}
		if a.Jabatan.IsKaur() {
			kaur++
		}
		if a.Jabatan.IsKasi() {
			kasi++
		}
		if a.NIK == p.NIK {
			if a.Status == Plt {
				acting = a
			} else {
				own = a
			}
		}
	}
	if p.Jabatan.IsKaur() && kaur >= maxKaur {
		return fault.New(fault.Conflict, "Sekretariat desa paling banyak %d kepala urusan (Permendagri 84/2015); akhiri dulu salah satu jabatan kaur.", maxKaur)
	}
	if p.Jabatan.IsKasi() && kasi >= maxKasi {
		return fault.New(fault.Conflict, "Pelaksana teknis paling banyak %d kepala seksi (Permendagri 84/2015); akhiri dulu salah satu jabatan kasi.", maxKasi)
	}
	for _, a := range s.Aktif {
		if a.ID == p.ID {
			continue
		}
		if p.Jabatan == KepalaKewilayahan && a.Jabatan == KepalaKewilayahan && *a.DusunID == *p.DusunID {
			return fault.New(fault.Conflict, "Dusun/banjar ini sudah dipimpin %s sejak %s%s.", a.Nama, a.Mulai, sampai(a.TanggalBerhenti))
		}
		if p.Jabatan != KepalaKewilayahan && a.Jabatan == p.Jabatan {
			return fault.New(fault.Conflict, "Jabatan %s masih dijabat %s%s sejak %s%s.",
				strings.ToLower(jabatanOf[p.Jabatan].label), a.Status.Prefix(), a.Nama, a.Mulai, sampai(a.TanggalBerhenti))
		}
	}
	switch {
	case p.Status != Plt && own != nil:
		return fault.New(fault.Conflict, "%s (NIK %s) sudah menjabat %s; seseorang hanya boleh merangkap jabatan lain sebagai Plt.",
			own.Nama, p.NIK, strings.ToLower(jabatanOf[own.Jabatan].label))
	case p.Status == Plt && acting != nil:
		return fault.New(fault.Conflict, "%s (NIK %s) sudah menjadi Plt %s; seseorang hanya boleh merangkap satu jabatan Plt.",
			acting.Nama, p.NIK, strings.ToLower(jabatanOf[acting.Jabatan].label))
	}
	return nil
}

// sampai finishes a conflict message about a post still held: what the
// user can do about it, given the holder's recorded end date (if any).
func sampai(berhenti Tanggal) string {
	if berhenti.IsZero() {
		return "; akhiri dulu jabatan itu"
	}
	return fmt.Sprintf(" dan berhenti mulai %s; pengganti dapat dicatat mulai tanggal itu", berhenti)
}

// Pemberhentian is how an appointment ends (Permendagri 67/2017 Pasal 5:
// meninggal dunia, permintaan sendiri or diberhentikan).
type Pemberhentian struct {
	Tanggal Tanggal `json:"tanggal" doc:"Tanggal berhenti menurut SK pemberhentian: hari pertama tidak lagi menjabat; boleh sampai setahun ke depan, dan sampai tanggal itu yang bersangkutan tetap menjabat"`
	Alasan  string  `json:"alasan,omitempty" doc:"Paling panjang 500 karakter, mis. meninggal dunia, permintaan sendiri, diberhentikan, masa jabatan berakhir"`
	// SKNomor and SKTanggal are the SK pemberhentian.
	SKNomor   string  `json:"sk_nomor,omitempty" doc:"Nomor SK pemberhentian, paling panjang 200 karakter"`
	SKTanggal Tanggal `json:"sk_tanggal,omitempty" doc:"Tanggal SK pemberhentian; tidak setelah hari ini"`
}

// End closes the appointment at b.Tanggal, which may lie ahead: the person
// stays in post until then. today is the date at the desa, now is when it
// is recorded. An appointment that has ended cannot end again; one whose
// end is still ahead may have its end recorded anew (a corrected SK). No
// appointment ends before it began.
func (p *Perangkat) End(b Pemberhentian, today Tanggal, now time.Time) error {
	if !p.ActiveOn(today) {
		return fault.New(fault.Conflict, "Jabatan ini sudah berakhir pada %s.", p.TanggalBerhenti)
	}
	if b.Tanggal.IsZero() {
		return fault.Field("body.tanggal", "Tanggal berhenti wajib diisi.")
	}
	if b.Tanggal.Before(p.Mulai) {
		return fault.Field("body.tanggal", "Tanggal berhenti tidak boleh sebelum tanggal mulai menjabat (%s).", p.Mulai)
	}
	p.TanggalBerhenti = b.Tanggal
	p.AlasanBerhenti = strings.TrimSpace(b.Alasan)
	p.SKBerhentiNomor = strings.TrimSpace(b.SKNomor)
	p.SKBerhentiTanggal = b.SKTanggal
	p.EndedAt = &now
	p.UpdatedAt = now
	return nil
}

// Dusun is a dusun, or a banjar dinas in Bali: the area a kepala
// kewilayahan leads.
type Dusun struct {
	bun.BaseModel `bun:"table:dusun,alias:d" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        uuid.UUID `bun:"id,pk,type:uuid" json:"id"`
	Nama      string    `bun:"nama" json:"nama"`
	Sebutan   string    `bun:"sebutan" json:"sebutan" enum:"dusun,banjar"`
	CreatedAt time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt time.Time `bun:"updated_at" json:"updated_at"`
}

// Judul names the dusun with its kind: "Banjar Dinas Kaja", "Dusun
// Krajan". Operators often type the kind into the name as well ("Banjar
// Dinas Bengkel Kangin", "banjar Kaja", "Dusun Krajan"); a kind typed in
// front, in any case, is replaced rather than repeated.
func (d Dusun) Judul() string {
	kind := "Dusun"
	if d.Sebutan == SebutanBanjar {
		kind = "Banjar Dinas"
	}
	return kind + " " + NamaDusun(d.Nama, d.Sebutan)
}

// NamaDusun is a dusun's name as stored: trimmed, without its kind typed
// in front ("Banjar Dinas Bengkel Kangin" of a banjar is "Bengkel Kangin",
// "dusun Krajan" of a dusun is "Krajan"). Only the dusun's own kind is
// taken off: "Banjar Anyar" may well be the name of a dusun.
func NamaDusun(nama, sebutan string) string {
	typed := []string{"dusun "}
	if sebutan == SebutanBanjar {
		typed = []string{"banjar dinas ", "banjar "}
	}
	nama = strings.Join(strings.Fields(nama), " ")
	for _, p := range typed {
		if len(nama) > len(p) && strings.EqualFold(nama[:len(p)], p) {
			return strings.TrimSpace(nama[len(p):])
		}
	}
	return nama
}

// Sebutan values: Bali's desa dinas are divided into banjar dinas, the rest
// of Indonesia's into dusun.
const (
	SebutanDusun  = "dusun"
	SebutanBanjar = "banjar"
)

// Bagan is the org chart of a desa: each unit of the SOTK with its active
// holders, in the order Permendagri 84/2015 draws it.
type Bagan struct {
	Desa  tenancy.Kode `json:"desa"`
	Unsur []BaganUnsur `json:"unsur"`
}

// BaganUnsur is one part of the chart.
type BaganUnsur struct {
	Unsur  Unsur         `json:"unsur"`
	Label  string        `json:"label"`
	Posisi []BaganPosisi `json:"posisi"`
}

// BaganPosisi is one post, filled or vacant.
type BaganPosisi struct {
	Jabatan Jabatan    `json:"jabatan"`
	Sebutan string     `json:"sebutan"`
	DusunID *uuid.UUID `json:"dusun_id,omitempty"`
	// Pejabat is the holder; absent when the post is vacant.
	Pejabat *BaganPejabat `json:"pejabat,omitempty"`
}

// BaganPejabat is the holder of a post as the chart shows them: no NIK.
type BaganPejabat struct {
	ID      uuid.UUID `json:"id"`
	Nama    string    `json:"nama"`
	Status  Status    `json:"status"`
	Sebutan string    `json:"sebutan" doc:"Jabatan dengan awalan Pj./Plt. bila ada"`
	Mulai   Tanggal   `json:"mulai"`
}

var unsurLabel = map[Unsur]string{
	UnsurPimpinan:    "Pimpinan",
	UnsurSekretariat: "Sekretariat Desa",
	UnsurTeknis:      "Pelaksana Teknis",
	UnsurKewilayahan: "Pelaksana Kewilayahan",
}

// NewBagan draws the chart of desa from its active appointments and its
// dusun: every post appears, vacant ones without a holder, so a camat sees
// the gaps at a glance.
func NewBagan(desa tenancy.Kode, aktif []Perangkat, dusun []Dusun) Bagan {
	b := Bagan{Desa: desa}
	byUnsur := map[Unsur]*BaganUnsur{}
	for _, u := range []Unsur{UnsurPimpinan, UnsurSekretariat, UnsurTeknis, UnsurKewilayahan} {
		b.Unsur = append(b.Unsur, BaganUnsur{Unsur: u, Label: unsurLabel[u], Posisi: []BaganPosisi{}})
	}
	for i := range b.Unsur {
		byUnsur[b.Unsur[i].Unsur] = &b.Unsur[i]
	}
	holder := func(match func(Perangkat) bool, sebutan string) *BaganPejabat {
		for _, p := range aktif {
			if match(p) {
				return &BaganPejabat{ID: p.ID, Nama: p.Nama, Status: p.Status, Sebutan: p.Status.Prefix() + sebutan, Mulai: p.Mulai}
			}
		}
		return nil
	}
	for _, j := range jabatanList {
		if j == KepalaKewilayahan {
			continue
		}
		sebutan := j.Sebutan(desa, nil)
		u := byUnsur[j.Unsur()]
		u.Posisi = append(u.Posisi, BaganPosisi{Jabatan: j, Sebutan: sebutan,
			Pejabat: holder(func(p Perangkat) bool { return p.Jabatan == j }, sebutan)})
	}
	u := byUnsur[UnsurKewilayahan]
	for _, d := range dusun {
		sebutan := KepalaKewilayahan.Sebutan(desa, &d)
		u.Posisi = append(u.Posisi, BaganPosisi{Jabatan: KepalaKewilayahan, Sebutan: sebutan, DusunID: &d.ID,
			Pejabat: holder(func(p Perangkat) bool { return p.DusunID != nil && *p.DusunID == d.ID }, sebutan)})
	}
	return b
}

// Short is the status as a table column shows it: "Definitif", "Pj" or
// "Plt".
func (s Status) Short() string {
	switch s {
	case Pj:
		return "Pj"
	case Plt:
		return "Plt"
	}
	return "Definitif"
}
