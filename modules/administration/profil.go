package administration

import (
	"net/mail"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
)

// Profil is a desa's identity for its monografi: the office, contact,
// position, area, and the visi and misi of the kepala desa's RPJMDes
// (Permendagri 114/2014).
type Profil struct {
	bun.BaseModel `bun:"table:profil_desa,alias:pd" json:"-"`

	DesaID       int64     `bun:"desa_id,pk" json:"-"`
	ID           uuid.UUID `bun:"id,pk,type:uuid" json:"id"`
	Nama         string    `bun:"nama" json:"nama" doc:"Nama desa, mis. Bengkel"`
	AlamatKantor string    `bun:"alamat_kantor" json:"alamat_kantor"`
	Telepon      string    `bun:"telepon" json:"telepon"`
	Email        string    `bun:"email" json:"email"`
	Lintang      *float64  `bun:"lintang" json:"lintang,omitempty" doc:"Lintang kantor desa (derajat desimal, selatan negatif)"`
	Bujur        *float64  `bun:"bujur" json:"bujur,omitempty" doc:"Bujur kantor desa (derajat desimal)"`
	LuasKm2      *float64  `bun:"luas_km2" json:"luas_km2,omitempty"`
	Visi         string    `bun:"visi" json:"visi"`
	Misi         string    `bun:"misi" json:"-"`
	CreatedAt    time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt    time.Time `bun:"updated_at" json:"updated_at"`

	// MisiList is Misi split into its points; the column keeps one per line.
	MisiList []string `bun:"-" json:"misi"`
	// JumlahDusun is derived from the dusun list, never typed in.
	JumlahDusun int `bun:"-" json:"jumlah_dusun"`
	// Penduduk is the latest year on record, if any.
	Penduduk *Penduduk `bun:"-" json:"penduduk,omitempty"`
}

// Validate checks the fields a user typed. Coordinates must fall inside
// Indonesia's bounding box: a swapped lintang/bujur (a common slip) lands in
// the Indian Ocean or off the globe and is refused.
func (p Profil) Validate() error {
	switch {
	case strings.TrimSpace(p.Nama) == "" || len(p.Nama) > 100:
		return fault.Field("body.nama", "Nama desa wajib diisi, paling panjang 100 huruf.")
	case len(p.AlamatKantor) > 500:
		return fault.Field("body.alamat_kantor", "Alamat kantor paling panjang 500 huruf.")
	case p.Telepon != "" && (len(p.Telepon) < 6 || len(p.Telepon) > 20 || strings.Trim(p.Telepon, "+0123456789 -()") != ""):
		return fault.Field("body.telepon", "Nomor telepon hanya angka, spasi, tanda +, - atau kurung (6–20 karakter).")
	case (p.Lintang == nil) != (p.Bujur == nil):
		return fault.Field("body.lintang", "Isi lintang dan bujur bersama-sama.")
	case p.Lintang != nil && (*p.Lintang < -11.5 || *p.Lintang > 6.5):
		return fault.Field("body.lintang", "Lintang harus di wilayah Indonesia (antara -11,5 dan 6,5).")
	case p.Bujur != nil && (*p.Bujur < 94.5 || *p.Bujur > 141.5):
		return fault.Field("body.bujur", "Bujur harus di wilayah Indonesia (antara 94,5 dan 141,5).")
	case p.LuasKm2 != nil && (*p.LuasKm2 <= 0 || *p.LuasKm2 > 50_000):
		return fault.Field("body.luas_km2", "Luas wilayah harus lebih dari 0 km².")
	case len(p.Visi) > 2000 || len(p.Misi) > 10_000:
		return fault.Field("body.visi", "Visi atau misi terlalu panjang.")
	}
	if p.Email != "" {
		a, err := mail.ParseAddress(p.Email)
		if err != nil || a.Address != p.Email {
			return fault.Field("body.email", "Alamat email tidak sah.")
		}
	}
	return nil
}

// splitMisi keeps the non-empty lines of the misi text.
func splitMisi(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Penduduk is a desa's population in one year.
type Penduduk struct {
	bun.BaseModel `bun:"table:profil_penduduk,alias:pp" json:"-"`

	DesaID    int64     `bun:"desa_id,pk" json:"-"`
	ID        uuid.UUID `bun:"id,pk,type:uuid" json:"id"`
	Tahun     int       `bun:"tahun" json:"tahun"`
	LakiLaki  int       `bun:"laki_laki" json:"laki_laki"`
	Perempuan int       `bun:"perempuan" json:"perempuan"`
	KK        int       `bun:"kk" json:"kk" doc:"Jumlah kepala keluarga"`
	CreatedAt time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt time.Time `bun:"updated_at" json:"updated_at"`

	Jumlah int `bun:"-" json:"jumlah"`
}

// Validate checks a year's figures; thisYear bounds the year (the current
// year may be recorded, not the next).
func (p Penduduk) Validate(thisYear int) error {
	switch {
	case p.Tahun < 1945 || p.Tahun > thisYear:
		return fault.Field("path.tahun", "Tahun harus antara 1945 dan %d.", thisYear)
	case p.LakiLaki < 0 || p.Perempuan < 0 || p.KK < 0:
		return fault.Field("body", "Jumlah penduduk dan KK tidak boleh negatif.")
	case p.KK > p.LakiLaki+p.Perempuan:
		return fault.Field("body.kk", "Jumlah KK tidak mungkin melebihi jumlah penduduk.")
	case p.LakiLaki+p.Perempuan > 0 && p.KK == 0:
		return fault.Field("body.kk", "Desa berpenduduk pasti memiliki KK; isi jumlah KK.")
	}
	return nil
}

func (p *Penduduk) fill() { p.Jumlah = p.LakiLaki + p.Perempuan }

// ProfilRingkas is one row of the kecamatan/kabupaten comparison table: a
// desa's profile and its latest population, without contact details —
// forum_perbekel reads it too.
type ProfilRingkas struct {
	ID          uuid.UUID `bun:"id" json:"id"`
	DesaID      int64     `bun:"desa_id" json:"-"`
	Kode        string    `bun:"-" json:"kode"`
	Nama        string    `bun:"nama" json:"nama"`
	LuasKm2     *float64  `bun:"luas_km2" json:"luas_km2,omitempty"`
	JumlahDusun int       `bun:"jumlah_dusun" json:"jumlah_dusun"`
	Tahun       *int      `bun:"tahun" json:"tahun,omitempty" doc:"Tahun data penduduk terakhir"`
	LakiLaki    *int      `bun:"laki_laki" json:"laki_laki,omitempty"`
	Perempuan   *int      `bun:"perempuan" json:"perempuan,omitempty"`
	KK          *int      `bun:"kk" json:"kk,omitempty"`
	Penduduk    *int      `bun:"penduduk" json:"penduduk,omitempty"`
	Kepadatan   *float64  `bun:"-" json:"kepadatan,omitempty" doc:"Penduduk per km²"`
}
