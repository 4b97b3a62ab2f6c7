package kunjungan

import (
	"fmt"
	"strings"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/valid"
)

// Bounds of the inputs; the API and the pages share them.
const (
	MaxJudul      = 200
	MaxKeterangan = 2000
	MaxOPD        = 60
	MaxAgenda     = 40
	MaxIsi        = 1000
	MaxBukti      = 2000
	MaxAlasan     = 500
	// HariMundur is how far back a visit may be dated when scheduled
	// (a visit entered just after it was held); HariMaju how far ahead.
	HariMundur = 30
	HariMaju   = 366
)

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// KunjunganData is a visit as the office schedules or changes it.
type KunjunganData struct {
	Tanggal    civil.Date   `json:"tanggal" doc:"Tanggal kunjungan (YYYY-MM-DD)"`
	Judul      string       `json:"judul" maxLength:"200" example:"Bupati Ngantor di Desa Bengkel"`
	Keterangan string       `json:"keterangan,omitempty" maxLength:"2000"`
	OPD        []string     `json:"opd" maxItems:"60" doc:"id OPD peserta dari registri OPD kabupaten"`
	CamatHadir bool         `json:"camat_hadir,omitempty" doc:"Camat diundang"`
	ForumHadir bool         `json:"forum_hadir,omitempty" doc:"Forum perbekel diundang"`
	Agenda     []AgendaData `json:"agenda,omitempty" maxItems:"40"`
}

// validate checks the fields against today (in the desa).
func (d *KunjunganData) validate(today civil.Date) error {
	d.Judul = squeeze(d.Judul)
	d.Keterangan = strings.TrimSpace(d.Keterangan)
	var p valid.Problems
	p.Required("body.tanggal", "Tanggal", !d.Tanggal.IsZero())
	if !d.Tanggal.IsZero() {
		p.Date("body.tanggal", "Tanggal", d.Tanggal, today.AddDate(0, 0, -HariMundur), today.AddDate(0, 0, HariMaju))
	}
	p.Text("body.judul", "Judul", d.Judul, 5, MaxJudul)
	p.Paragraph("body.keterangan", "Keterangan", d.Keterangan, 0, MaxKeterangan)
	if len(d.OPD) > MaxOPD {
		p.Add("body.opd", "Paling banyak %d OPD.", MaxOPD)
	}
	seen := map[string]bool{}
	for i, id := range d.OPD {
		if seen[id] {
			p.Add(fmt.Sprintf("body.opd[%d]", i), "OPD ini sudah ada di daftar.")
		}
		seen[id] = true
	}
	if len(d.Agenda) > MaxAgenda {
		p.Add("body.agenda", "Paling banyak %d agenda.", MaxAgenda)
	}
	for i := range d.Agenda {
		d.Agenda[i].check(&p, fmt.Sprintf("body.agenda[%d].", i))
	}
	return p.Err()
}

// AgendaData is one agenda item as entered.
type AgendaData struct {
	Jenis      JenisAgenda `json:"jenis" enum:"tps3r,umkm,bumdes,cctv,layanan,audiensi,isu,lain"`
	Judul      string      `json:"judul" maxLength:"200"`
	Keterangan string      `json:"keterangan,omitempty" maxLength:"2000"`
	OPDID      string      `json:"opd_id,omitempty" maxLength:"40" doc:"Untuk stan layanan: OPD pemiliknya"`
}

func (a *AgendaData) check(p *valid.Problems, prefix string) {
	a.Judul = squeeze(a.Judul)
	a.Keterangan = strings.TrimSpace(a.Keterangan)
	a.OPDID = strings.TrimSpace(a.OPDID)
	if !a.Jenis.valid() {
		p.Add(prefix+"jenis", "Jenis agenda tidak dikenal.")
	}
	p.Text(prefix+"judul", "Judul agenda", a.Judul, 3, MaxJudul)
	p.Paragraph(prefix+"keterangan", "Keterangan", a.Keterangan, 0, MaxKeterangan)
	if a.Jenis == AgendaLayanan && a.OPDID == "" {
		p.Add(prefix+"opd_id", "Stan layanan memerlukan OPD pemiliknya.")
	}
	if a.Jenis != AgendaLayanan {
		a.OPDID = ""
	}
}

// KomitmenData is a commitment as recorded on the day.
type KomitmenData struct {
	Isi        string     `json:"isi" maxLength:"1000" example:"Perbaikan jalan usaha tani Banjar Delod Puri"`
	Penanggung string     `json:"penanggung" maxLength:"40" doc:"id OPD dari registri, atau \"desa\""`
	Tenggat    civil.Date `json:"tenggat" doc:"Batas waktu (YYYY-MM-DD)"`
}

func (d *KomitmenData) validate(from civil.Date) error {
	d.Isi = strings.TrimSpace(d.Isi)
	d.Penanggung = strings.TrimSpace(d.Penanggung)
	var p valid.Problems
	p.Paragraph("body.isi", "Isi komitmen", d.Isi, 5, MaxIsi)
	p.Required("body.penanggung", "Penanggung jawab", d.Penanggung != "")
	p.Required("body.tenggat", "Tenggat", !d.Tenggat.IsZero())
	if !d.Tenggat.IsZero() {
		p.Date("body.tenggat", "Tenggat", d.Tenggat, from, from.AddDate(3, 0, 0))
	}
	return p.Err()
}

// KemajuanData is a commitment's new status.
type KemajuanData struct {
	Status StatusKomitmen `json:"status" enum:"belum,proses,selesai"`
	Bukti  string         `json:"bukti,omitempty" maxLength:"2000" doc:"Wajib untuk selesai: apa yang sudah dikerjakan"`
}

func (d *KemajuanData) validate() error {
	d.Bukti = strings.TrimSpace(d.Bukti)
	var p valid.Problems
	switch d.Status {
	case Belum, Proses, KomitmenSelesai:
	default:
		p.Add("body.status", "Status harus belum, proses, atau selesai.")
	}
	if d.Status == KomitmenSelesai {
		p.Paragraph("body.bukti", "Bukti penyelesaian", d.Bukti, 10, MaxBukti)
	} else {
		p.Paragraph("body.bukti", "Catatan", d.Bukti, 0, MaxBukti)
	}
	return p.Err()
}

// SelesaiData closes a visit: what happened and who came.
type SelesaiData struct {
	CatatanHasil string   `json:"catatan_hasil,omitempty" maxLength:"2000"`
	CamatHadir   bool     `json:"camat_hadir,omitempty"`
	ForumHadir   bool     `json:"forum_hadir,omitempty"`
	OPDHadir     []string `json:"opd_hadir,omitempty" maxItems:"60" doc:"id OPD peserta yang hadir; yang lain tercatat tidak hadir"`
}

// HasilAgendaData records how an agenda item went.
type HasilAgendaData struct {
	Terlaksana bool   `json:"terlaksana"`
	Hasil      string `json:"hasil,omitempty" maxLength:"2000"`
}
