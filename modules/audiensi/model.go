package audiensi

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
)

// Status is where an audiensi stands in its lifecycle.
type Status string

const (
	Baru            Status = "baru"
	Diverifikasi    Status = "diverifikasi"
	Didisposisikan  Status = "didisposisikan"
	Ditindaklanjuti Status = "ditindaklanjuti"
	Selesai         Status = "selesai"
	Ditolak         Status = "ditolak"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{Baru, Diverifikasi, Didisposisikan, Ditindaklanjuti, Selesai, Ditolak}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// Judul is the status as the pages write it.
func (s Status) Judul() string {
	switch s {
	case Baru:
		return "Baru"
	case Diverifikasi:
		return "Diverifikasi"
	case Didisposisikan:
		return "Didisposisikan"
	case Ditindaklanjuti:
		return "Ditindaklanjuti"
	case Selesai:
		return "Selesai"
	case Ditolak:
		return "Ditolak"
	}
	return string(s)
}

// Terbuka reports whether the audiensi still runs a clock.
func (s Status) Terbuka() bool { return s != Selesai && s != Ditolak }

// Kanal is how an audiensi came in.
type Kanal string

const (
	KanalPublik    Kanal = "publik"    // the public form, no login
	KanalDesa      Kanal = "desa"      // entered by a perangkat desa
	KanalKunjungan Kanal = "kunjungan" // entered during a field visit
)

// ModePelapor is how the reporter is named.
type ModePelapor string

const (
	Terbuka ModePelapor = "terbuka" // name and phone, seen by the desa roles that work with it
	Anonim  ModePelapor = "anonim"  // nothing kept
	Rahasia ModePelapor = "rahasia" // kept, seen only by the verifier
)

// PenerimaDesa is the disposition of an audiensi the desa handles itself.
const PenerimaDesa = "desa"

// StatusDisposisi is where one recipient's part stands.
type StatusDisposisi string

const (
	Menunggu     StatusDisposisi = "menunggu"
	Ditanggapi   StatusDisposisi = "ditanggapi"
	Dikembalikan StatusDisposisi = "dikembalikan"
)

// Audiensi is one row of the audiensi table.
type Audiensi struct {
	bun.BaseModel `bun:"table:audiensi,alias:a"`

	DesaID           int64       `bun:"desa_id,pk" json:"-"`
	ID               string      `bun:"id,pk" json:"id"`
	KodeLacak        string      `bun:"kode_lacak" json:"kode_lacak"`
	Kanal            Kanal       `bun:"kanal" json:"kanal"`
	Kunjungan        string      `bun:"kunjungan" json:"kunjungan,omitempty"`
	Kategori         string      `bun:"kategori" json:"kategori"`
	Judul            string      `bun:"judul" json:"judul"`
	Isi              string      `bun:"isi" json:"isi"`
	Dusun            string      `bun:"dusun" json:"dusun,omitempty"`
	Lintang          *int64      `bun:"lintang" json:"-"`
	Bujur            *int64      `bun:"bujur" json:"-"`
	PelaporMode      ModePelapor `bun:"pelapor_mode" json:"pelapor_mode"`
	PelaporNama      string      `bun:"pelapor_nama" json:"-"`
	PelaporTelepon   string      `bun:"pelapor_telepon" json:"-"`
	Status           Status      `bun:"status" json:"status"`
	Diterima         civil.Date  `bun:"diterima" json:"diterima"`
	TargetHari       int         `bun:"target_hari" json:"target_hari"`
	TenggatVerif     civil.Date  `bun:"tenggat_verifikasi" json:"tenggat_verifikasi"`
	TenggatSelesai   civil.Date  `bun:"tenggat_selesai" json:"tenggat_selesai"`
	Tenggat          civil.Date  `bun:"tenggat" json:"tenggat"`
	Perkiraan        bool        `bun:"perkiraan" json:"perkiraan"`
	Ditutup          *civil.Date `bun:"ditutup" json:"ditutup,omitempty"`
	HariKerja        *int        `bun:"hari_kerja" json:"hari_kerja,omitempty"`
	TepatWaktu       *bool       `bun:"tepat_waktu" json:"tepat_waktu,omitempty"`
	Alasan           string      `bun:"alasan" json:"alasan,omitempty"`
	Penilaian        *int        `bun:"penilaian" json:"penilaian,omitempty"`
	PenilaianCatatan string      `bun:"penilaian_catatan" json:"penilaian_catatan,omitempty"`
	CreatedBy        string      `bun:"created_by" json:"-"`
	CreatedAt        time.Time   `bun:"created_at" json:"dibuat"`
	UpdatedBy        string      `bun:"updated_by" json:"-"`
	UpdatedAt        time.Time   `bun:"updated_at" json:"diubah"`
}

// Disposisi is one recipient of an audiensi.
type DisposisiAudiensi struct {
	bun.BaseModel `bun:"table:audiensi_disposisi,alias:d"`

	DesaID        int64           `bun:"desa_id,pk" json:"-"`
	AudiensiID    string          `bun:"audiensi_id,pk" json:"-"`
	Penerima      string          `bun:"penerima,pk" json:"penerima"`
	PenerimaNama  string          `bun:"penerima_nama" json:"penerima_nama"`
	Status        StatusDisposisi `bun:"status" json:"status"`
	Tanggal       civil.Date      `bun:"tanggal" json:"tanggal"`
	Tenggat       civil.Date      `bun:"tenggat" json:"tenggat"`
	Tanggapan     string          `bun:"tanggapan" json:"tanggapan,omitempty"`
	AlasanKembali string          `bun:"alasan_kembali" json:"alasan_kembali,omitempty"`
	DitanggapiBy  string          `bun:"ditanggapi_by" json:"-"`
	DitanggapiAt  *time.Time      `bun:"ditanggapi_at" json:"ditanggapi_at,omitempty"`
	CreatedBy     string          `bun:"created_by" json:"-"`
	CreatedAt     time.Time       `bun:"created_at" json:"dibuat"`
}

// Riwayat is one entry of an audiensi's timeline.
type RiwayatAudiensi struct {
	bun.BaseModel `bun:"table:audiensi_riwayat,alias:r"`

	DesaID     int64     `bun:"desa_id,pk" json:"-"`
	AudiensiID string    `bun:"audiensi_id,pk" json:"-"`
	Urut       int       `bun:"urut,pk" json:"urut"`
	Peristiwa  Peristiwa `bun:"peristiwa" json:"peristiwa"`
	Dari       Status    `bun:"dari" json:"dari,omitempty"`
	Ke         Status    `bun:"ke" json:"ke,omitempty"`
	Aktor      string    `bun:"aktor" json:"-"`
	AktorNama  string    `bun:"aktor_nama" json:"aktor"`
	Penerima   string    `bun:"penerima" json:"penerima,omitempty"`
	Catatan    string    `bun:"catatan" json:"catatan,omitempty"`
	Publik     bool      `bun:"publik" json:"publik"`
	CreatedAt  time.Time `bun:"created_at" json:"waktu"`
}

// lacak maps a public tracking code to its desa.
type lacak struct {
	bun.BaseModel `bun:"table:audiensi_lacak,alias:l"`

	KodeLacak  string `bun:"kode_lacak,pk"`
	DesaID     int64  `bun:"desa"`
	AudiensiID string `bun:"audiensi_id"`
}

// Peristiwa is what a timeline entry records.
type Peristiwa string

const (
	PDiterima       Peristiwa = "diterima"
	PDiverifikasi   Peristiwa = "diverifikasi"
	PDidisposisikan Peristiwa = "didisposisikan"
	PDitanggapi     Peristiwa = "ditanggapi"
	PDikembalikan   Peristiwa = "dikembalikan"
	PSelesai        Peristiwa = "selesai"
	PDitolak        Peristiwa = "ditolak"
	PDibukaKembali  Peristiwa = "dibuka_kembali"
	PInfoPelapor    Peristiwa = "info_pelapor"
	PDinilai        Peristiwa = "dinilai"
)

// Judul is the entry as the timeline writes it.
func (p Peristiwa) Judul() string {
	switch p {
	case PDiterima:
		return "Diterima"
	case PDiverifikasi:
		return "Diverifikasi"
	case PDidisposisikan:
		return "Didisposisikan"
	case PDitanggapi:
		return "Ditanggapi"
	case PDikembalikan:
		return "Dikembalikan ke verifikator"
	case PSelesai:
		return "Selesai"
	case PDitolak:
		return "Ditolak"
	case PDibukaKembali:
		return "Dibuka kembali"
	case PInfoPelapor:
		return "Tambahan informasi pelapor"
	case PDinilai:
		return "Penilaian pelapor"
	}
	return string(p)
}

// The lifecycle's rules. Each returns a Conflict in Bahasa when the
// audiensi's status does not allow the step; the caller then changes
// nothing.

func tidakBisa(a *Audiensi, langkah string) error {
	return fault.New(fault.Conflict, "Audiensi berstatus %s tidak dapat %s.", a.Status.Judul(), langkah)
}

// bolehVerifikasi: only a new audiensi is verified.
func (a *Audiensi) bolehVerifikasi() error {
	if a.Status != Baru {
		return tidakBisa(a, "diverifikasi")
	}
	return nil
}

// bolehDisposisi: a verified audiensi is routed; one already routed may
// get more recipients while no one has answered all of it.
func (a *Audiensi) bolehDisposisi() error {
	switch a.Status {
	case Diverifikasi, Didisposisikan:
		return nil
	}
	return tidakBisa(a, "didisposisikan (verifikasi dahulu)")
}

// bolehTanggapan: a recipient answers while its part is open.
func (a *Audiensi) bolehTanggapan() error {
	if a.Status != Didisposisikan {
		return tidakBisa(a, "ditanggapi")
	}
	return nil
}

// bolehSelesai: closed once followed up.
func (a *Audiensi) bolehSelesai() error {
	if a.Status != Ditindaklanjuti {
		return tidakBisa(a, "diselesaikan (belum ditindaklanjuti)")
	}
	return nil
}

// bolehTolak: refused at any open step.
func (a *Audiensi) bolehTolak() error {
	if !a.Status.Terbuka() {
		return tidakBisa(a, "ditolak")
	}
	return nil
}

// bolehBuka: only a closed audiensi is reopened.
func (a *Audiensi) bolehBuka() error {
	if a.Status.Terbuka() {
		return tidakBisa(a, "dibuka kembali (masih berjalan)")
	}
	return nil
}

// bolehUbah: content is corrected before it is routed; never after it is
// closed (issue 13: no edits after selesai).
func (a *Audiensi) bolehUbah() error {
	switch a.Status {
	case Baru, Diverifikasi:
		return nil
	}
	return tidakBisa(a, "diubah")
}

// bolehInfo: the reporter adds information while it is open.
func (a *Audiensi) bolehInfo() error {
	if !a.Status.Terbuka() {
		return tidakBisa(a, "ditambah informasinya (sudah ditutup)")
	}
	return nil
}

// bolehNilai: the reporter rates a resolved audiensi, once.
func (a *Audiensi) bolehNilai() error {
	if a.Status != Selesai {
		return tidakBisa(a, "dinilai (belum selesai)")
	}
	if a.Penilaian != nil {
		return fault.New(fault.Conflict, "Audiensi ini sudah dinilai.")
	}
	return nil
}

// setelahJawaban is the audiensi's status once its recipients' parts are
// as given: any still waiting keeps it didisposisikan; all answered or
// returned with at least one answer is ditindaklanjuti; all returned sends
// it back to the verifier.
func setelahJawaban(ds []DisposisiAudiensi) Status {
	answered := false
	for _, d := range ds {
		switch d.Status {
		case Menunggu:
			return Didisposisikan
		case Ditanggapi:
			answered = true
		}
	}
	if answered {
		return Ditindaklanjuti
	}
	return Diverifikasi
}
