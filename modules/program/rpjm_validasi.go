package program

import (
	"fmt"
	"math"
	"strings"

	"github.com/ngantor/ngantor/platform/valid"
)

// Bounds of the RPJM's inputs; the API, the pages and the XLSX import
// share them through the one check of each type below.
const (
	MaxNamaRPJM   = 200
	MaxVisi       = 1000
	MaxUraian     = 1000
	MinUraian     = 3
	MaxSatuan     = 50
	MaxNodeRPJM   = 2000 // nodes of one period (a kabupaten RPJMD has a few hundred)
	TahunRPJMMin  = 2000
	TahunRPJMMaks = 2100
	// MaxPanjangPeriode is the longest period in years after its first
	// (an RPJMD runs five years, a transition period six; the table
	// allows ten).
	MaxPanjangPeriode = 10
	// MaxAngka bounds a baseline or target (either sign).
	MaxAngka = 1e12
)

func squeezeRPJM(s string) string { return strings.Join(strings.Fields(s), " ") }

// RPJMData is an RPJM period as entered.
type RPJMData struct {
	Nama       string `json:"nama" maxLength:"200" example:"RPJMD Kabupaten Tabanan 2021–2026"`
	TahunMulai int    `json:"tahun_mulai" minimum:"2000" maximum:"2100" example:"2021"`
	TahunAkhir int    `json:"tahun_akhir" minimum:"2000" maximum:"2100" example:"2026"`
	Visi       string `json:"visi" maxLength:"1000"`
}

// periksa normalises d and records what is wrong with it under prefix.
func (d *RPJMData) periksa(p *valid.Problems, prefix string) {
	d.Nama, d.Visi = squeezeRPJM(d.Nama), squeezeRPJM(d.Visi)
	p.Text(prefix+"nama", "Nama RPJM", d.Nama, 5, MaxNamaRPJM)
	p.Text(prefix+"visi", "Visi", d.Visi, 10, MaxVisi)
	p.Int(prefix+"tahun_mulai", "Tahun mulai", int64(d.TahunMulai), TahunRPJMMin, TahunRPJMMaks)
	p.Int(prefix+"tahun_akhir", "Tahun akhir", int64(d.TahunAkhir), TahunRPJMMin, TahunRPJMMaks)
	if !p.Has(prefix+"tahun_mulai") && !p.Has(prefix+"tahun_akhir") {
		switch {
		case d.TahunAkhir < d.TahunMulai:
			p.Add(prefix+"tahun_akhir", "Tahun akhir tidak boleh sebelum tahun mulai.")
		case d.TahunAkhir > d.TahunMulai+MaxPanjangPeriode:
			p.Add(prefix+"tahun_akhir", "Periode RPJM paling panjang %d tahun sesudah tahun mulai.", MaxPanjangPeriode)
		}
	}
}

// NodeIsi is what an RPJM node says: its text and, for an indikator
// kinerja, its satuan, baseline and yearly targets.
type NodeIsi struct {
	Uraian   string       `json:"uraian" maxLength:"1000" example:"Meningkatnya pengelolaan sampah di desa"`
	Satuan   string       `json:"satuan,omitempty" maxLength:"50" doc:"Hanya untuk indikator" example:"persen"`
	Baseline *float64     `json:"baseline,omitempty" minimum:"-1000000000000" maximum:"1000000000000" doc:"Hanya untuk indikator: nilai awal periode"`
	Target   []TargetRPJM `json:"target,omitempty" maxItems:"11" doc:"Hanya untuk indikator: target per tahun di dalam periode"`
}

// NodeData is a new node: its kind, its kode (the parent is the node
// whose kode is this one without its last part) and what it says.
type NodeData struct {
	Jenis JenisNode `json:"jenis" enum:"misi,tujuan,sasaran,indikator"`
	Kode  string    `json:"kode" maxLength:"11" example:"3.1.2" doc:"1 (misi), 1.2 (tujuan), 1.2.3 (sasaran), 1.2.3.4 (indikator); tiap bagian 1–99"`
	NodeIsi
}

// periksa normalises d and records what is wrong with it by itself,
// against the period r: the kind, the kode's shape and depth, the texts,
// and that only an indikator has satuan, baseline and targets, each
// target in a year of the period and once. Whether the parent exists is
// the store's (or the import's) check, against the tree.
func (d *NodeData) periksa(p *valid.Problems, prefix string, r RPJM) {
	d.Kode = strings.TrimSpace(d.Kode)
	d.Uraian, d.Satuan = squeezeRPJM(d.Uraian), squeezeRPJM(d.Satuan)
	dalam := d.Jenis.Kedalaman()
	if dalam == 0 {
		p.Add(prefix+"jenis", "Jenis harus misi, tujuan, sasaran, atau indikator.")
	}
	if parts, ok := kodeBagian(d.Kode); !ok {
		p.Add(prefix+"kode", "Kode %q tidak sah: tulis angka 1–99 dipisah titik, misalnya 1, 1.2, 1.2.3 atau 1.2.3.4.", d.Kode)
	} else if dalam > 0 && len(parts) != dalam {
		p.Add(prefix+"kode", "Kode %s %s harus %d bagian (misalnya %s).", strings.ToLower(d.Jenis.Judul()), d.Kode, dalam, contohKodeRPJM[dalam-1])
	}
	p.Text(prefix+"uraian", "Uraian", d.Uraian, MinUraian, MaxUraian)
	if d.Jenis != JenisIndikator {
		if d.Satuan != "" {
			p.Add(prefix+"satuan", "Satuan hanya untuk indikator kinerja.")
		}
		if d.Baseline != nil {
			p.Add(prefix+"baseline", "Baseline hanya untuk indikator kinerja.")
		}
		if len(d.Target) > 0 {
			p.Add(prefix+"target", "Target hanya untuk indikator kinerja.")
		}
		return
	}
	p.Text(prefix+"satuan", "Satuan", d.Satuan, 1, MaxSatuan)
	if d.Baseline != nil {
		angkaRPJM(p, prefix+"baseline", "Baseline", *d.Baseline)
	}
	seen := map[int]bool{}
	for i, t := range d.Target {
		f := fmt.Sprintf("%starget[%d]", prefix, i)
		switch {
		case t.Tahun < r.TahunMulai || t.Tahun > r.TahunAkhir:
			p.Add(f+".tahun", "Tahun %d di luar periode RPJM %d–%d.", t.Tahun, r.TahunMulai, r.TahunAkhir)
		case seen[t.Tahun]:
			p.Add(f+".tahun", "Target tahun %d tertulis dua kali.", t.Tahun)
		}
		seen[t.Tahun] = true
		angkaRPJM(p, f+".target", fmt.Sprintf("Target %d", t.Tahun), t.Target)
	}
}

var contohKodeRPJM = []string{"1", "1.2", "1.2.3", "1.2.3.4"}

func angkaRPJM(p *valid.Problems, field, label string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		p.Add(field, "%s bukan angka.", label)
		return
	}
	p.Float(field, label, v, -MaxAngka, MaxAngka)
}
