package administration

import (
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
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
