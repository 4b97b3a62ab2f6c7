package program

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/google/uuid"

	"github.com/ngantor/ngantor/platform/valid"
)

// Bounds of the inputs; the API and the pages share them.
const (
	TahunMin           = 2015
	TahunMax           = 2100
	MaxNama            = 200
	MaxLokasi          = 100
	MaxKodeOPD         = 60
	MaxSasaran         = 20
	MaxIndikator       = 12
	MaxCapaian         = 10
	MaxUraianIndikator = 300
	MaxSatuanIndikator = 40
	// MaxPagu is ten trillion rupiah: far above any desa's or OPD's
	// kegiatan, and a hundred thousand of them still sum inside int64.
	MaxPagu = 10_000_000_000_000
	// MaxAngkaIndikator bounds an indicator's target and realisasi.
	MaxAngkaIndikator = 1e12
)

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// idProgramSah accepts only a canonical UUID: PostgreSQL would answer anything
// else with an internal error.
func idProgramSah(id string) bool {
	u, err := uuid.Parse(id)
	return err == nil && u.String() == id
}

// normalKode writes a code of n numeric parts ("2.3" or "02.03.10") in
// keuangan's form, two digits each ("02.03", "02.03.10"); ok is false for
// anything else. Bidang and sub-bidang start at 1; a kegiatan may be 00
// (Permendagri 20/2018 Lampiran: bidang 5).
func normalKode(s string, n int) (string, bool) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) != n {
		return "", false
	}
	out := make([]string, n)
	for i, p := range parts {
		if len(p) == 0 || len(p) > 2 || !valid.Digits(p) {
			return "", false
		}
		v, _ := strconv.Atoi(p)
		if i < 2 && v == 0 {
			return "", false
		}
		out[i] = fmt.Sprintf("%02d", v)
	}
	return strings.Join(out, "."), true
}

// subBidangOf is the bidang.sub-bidang of a kegiatan code.
func subBidangOf(kegiatan string) string {
	if i := strings.LastIndexByte(kegiatan, '.'); i > 0 {
		return kegiatan[:i]
	}
	return ""
}

// lokasiKunci is the form of a location the overlap rule compares: lower
// case, letters and digits only, without the word for the kind of place
// ("Banjar Delod Puri", "br. delod puri" and "Dusun Delod Puri" are one).
func lokasiKunci(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for len(f) > 1 {
		switch f[0] {
		case "banjar", "br", "dusun", "dsn", "lingkungan", "ling", "tempek", "desa":
			f = f[1:]
			continue
		}
		break
	}
	return strings.Join(f, " ")
}

// BagianProgram is what desa and OPD programmes share: where, what kind of
// asset, the sasaran served and the indicators.
type BagianProgram struct {
	Lokasi    string             `json:"lokasi,omitempty" maxLength:"100" example:"Banjar Delod Puri" doc:"Dusun/banjar tempat kegiatan fisik"`
	JenisAset string             `json:"jenis_aset,omitempty" maxLength:"20" doc:"jalan, saluran, gedung, air_bersih, tps, penerangan, lain; kosong bila bukan kegiatan fisik"`
	Sasaran   []string           `json:"sasaran,omitempty" maxItems:"20" doc:"id sasaran RPJM kabupaten yang dilayani"`
	Indikator []IndikatorProgram `json:"indikator,omitempty" maxItems:"12" doc:"Indikator output dan outcome"`
}

func (b *BagianProgram) check(p *valid.Problems) {
	b.Lokasi = squeeze(b.Lokasi)
	b.JenisAset = strings.TrimSpace(b.JenisAset)
	p.Text("body.lokasi", "Lokasi", b.Lokasi, 0, MaxLokasi)
	if b.JenisAset != "" && !adaDi(jenisAset, b.JenisAset) {
		p.Add("body.jenis_aset", "Jenis aset tidak dikenal.")
	}
	if b.JenisAset != "" && b.Lokasi == "" {
		p.Add("body.lokasi", "Kegiatan fisik (jenis aset diisi) memerlukan lokasinya.")
	}
	if len(b.Sasaran) > MaxSasaran {
		p.Add("body.sasaran", "Paling banyak %d sasaran.", MaxSasaran)
	}
	seen := map[string]bool{}
	for i, id := range b.Sasaran {
		id = strings.TrimSpace(id)
		b.Sasaran[i] = id
		f := fmt.Sprintf("body.sasaran[%d]", i)
		switch {
		case !idProgramSah(id):
			p.Add(f, "Sasaran RPJM tidak dikenal.")
		case seen[id]:
			p.Add(f, "Sasaran ini sudah dipilih.")
		}
		seen[id] = true
	}
	if len(b.Indikator) > MaxIndikator {
		p.Add("body.indikator", "Paling banyak %d indikator.", MaxIndikator)
	}
	for i := range b.Indikator {
		b.Indikator[i].check(p, fmt.Sprintf("body.indikator[%d].", i))
	}
}

func (in *IndikatorProgram) check(p *valid.Problems, prefix string) {
	in.Uraian, in.Satuan = squeeze(in.Uraian), squeeze(in.Satuan)
	if in.Jenis != Output && in.Jenis != Outcome {
		p.Add(prefix+"jenis", "Jenis indikator harus output atau outcome.")
	}
	p.Text(prefix+"uraian", "Uraian indikator", in.Uraian, 3, MaxUraianIndikator)
	p.Text(prefix+"satuan", "Satuan", in.Satuan, 1, MaxSatuanIndikator)
	if len(in.Capaian) > MaxCapaian {
		p.Add(prefix+"capaian", "Paling banyak %d tahun.", MaxCapaian)
	}
	tahun := map[int]bool{}
	for j, c := range in.Capaian {
		f := fmt.Sprintf("%scapaian[%d].", prefix, j)
		p.Int(f+"tahun", "Tahun", int64(c.Tahun), TahunMin, TahunMax)
		if tahun[c.Tahun] {
			p.Add(f+"tahun", "Tahun %d sudah ada pada indikator ini.", c.Tahun)
		}
		tahun[c.Tahun] = true
		p.Float(f+"target", "Target", c.Target, 0, MaxAngkaIndikator)
		if c.Realisasi != nil {
			p.Float(f+"realisasi", "Realisasi", *c.Realisasi, 0, MaxAngkaIndikator)
		}
	}
}

// DesaProgramData is a desa programme as entered: linked to a kegiatan of
// the desa's APBDes of the year (kegiatan_kode; its name, pagu and
// sumber dana are the APBDes's), or standalone (nama, sumber_dana, pagu).
type DesaProgramData struct {
	Tahun        int    `json:"tahun" minimum:"2015" maximum:"2100" example:"2026"`
	KegiatanKode string `json:"kegiatan_kode,omitempty" maxLength:"8" example:"02.03.10" doc:"Kode kegiatan APBDes yang ditautkan (bidang.sub bidang.kegiatan); kosong untuk program mandiri"`
	Nama         string `json:"nama,omitempty" maxLength:"200" doc:"Program mandiri: nama kegiatan"`
	SumberDana   string `json:"sumber_dana,omitempty" maxLength:"20" doc:"Program mandiri: dds, add, pad, bkk_kabupaten, bkk_provinsi, swadaya, csr, lain"`
	Pagu         int64  `json:"pagu,omitempty" minimum:"0" maximum:"10000000000000" doc:"Program mandiri: pagu (rupiah)"`
	SubBidang    string `json:"sub_bidang,omitempty" maxLength:"5" example:"02.03" doc:"Program mandiri: bidang.sub bidang Permendagri 20/2018 (boleh kosong); program tertaut: dari kode kegiatan"`
	BagianProgram
}

// validate checks d; the existence of the kegiatan and the sasaran is the
// store's question.
func (d *DesaProgramData) validate() error {
	var p valid.Problems
	p.Int("body.tahun", "Tahun", int64(d.Tahun), TahunMin, TahunMax)
	d.Nama, d.SumberDana, d.SubBidang = squeeze(d.Nama), strings.TrimSpace(d.SumberDana), strings.TrimSpace(d.SubBidang)
	if k := strings.TrimSpace(d.KegiatanKode); k != "" {
		kode, ok := normalKode(k, 3)
		if !ok {
			p.Add("body.kegiatan_kode", "Kode kegiatan tidak sah: tulis bidang, sub bidang dan kegiatan, mis. 02.03.10.")
		}
		d.KegiatanKode, d.SubBidang = kode, subBidangOf(kode)
		if d.Nama != "" || d.SumberDana != "" || d.Pagu != 0 {
			p.Add("body.kegiatan_kode", "Program yang ditautkan ke kegiatan APBDes memakai nama, sumber dana dan pagu APBDes; kosongkan nama, sumber dana dan pagu.")
		}
	} else {
		d.KegiatanKode = ""
		p.Text("body.nama", "Nama kegiatan", d.Nama, 3, MaxNama)
		if !adaDi(sumberDana, d.SumberDana) {
			p.Add("body.sumber_dana", "Pilih sumber dana program mandiri.")
		}
		p.Int("body.pagu", "Pagu", d.Pagu, 1, MaxPagu)
		if d.SubBidang != "" {
			sb, ok := normalKode(d.SubBidang, 2)
			if !ok {
				p.Add("body.sub_bidang", "Sub bidang tidak sah: tulis bidang.sub bidang, mis. 2.3.")
			}
			d.SubBidang = sb
		}
	}
	d.BagianProgram.check(&p)
	return p.Err()
}

// OPDProgramData is an OPD's programme located in a desa.
type OPDProgramData struct {
	Tahun        int    `json:"tahun" minimum:"2015" maximum:"2100" example:"2026"`
	Nama         string `json:"nama" maxLength:"200" example:"Peningkatan jalan kabupaten ruas Bengkel–Nyitdah"`
	KodeOPD      string `json:"kode_opd,omitempty" maxLength:"60" example:"1.03.10.2.01.0030" doc:"Kode kegiatan/sub kegiatan menurut nomenklatur OPD"`
	KegiatanDesa string `json:"kegiatan_desa,omitempty" maxLength:"8" example:"02.03.10" doc:"Padanan kegiatan desa (Permendagri 20/2018), boleh kosong"`
	SubBidang    string `json:"sub_bidang,omitempty" maxLength:"5" example:"02.03" doc:"Padanan bidang.sub bidang desa; dari kegiatan_desa bila kosong"`
	Pagu         int64  `json:"pagu" minimum:"0" maximum:"10000000000000" doc:"Pagu (rupiah)"`
	BagianProgram
}

func (d *OPDProgramData) validate() error {
	var p valid.Problems
	p.Int("body.tahun", "Tahun", int64(d.Tahun), TahunMin, TahunMax)
	d.Nama, d.KodeOPD = squeeze(d.Nama), strings.TrimSpace(d.KodeOPD)
	p.Text("body.nama", "Nama kegiatan", d.Nama, 3, MaxNama)
	p.Text("body.kode_opd", "Kode kegiatan OPD", d.KodeOPD, 0, MaxKodeOPD)
	for _, r := range d.KodeOPD {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || strings.ContainsRune(".-/ ", r)) {
			p.Add("body.kode_opd", "Kode kegiatan OPD hanya berisi huruf, angka, titik, garis dan garis miring.")
			break
		}
	}
	if k := strings.TrimSpace(d.KegiatanDesa); k != "" {
		kode, ok := normalKode(k, 3)
		if !ok {
			p.Add("body.kegiatan_desa", "Kode kegiatan desa tidak sah: tulis bidang, sub bidang dan kegiatan, mis. 02.03.10.")
		}
		d.KegiatanDesa = kode
	} else {
		d.KegiatanDesa = ""
	}
	if s := strings.TrimSpace(d.SubBidang); s != "" {
		sb, ok := normalKode(s, 2)
		if !ok {
			p.Add("body.sub_bidang", "Sub bidang tidak sah: tulis bidang.sub bidang, mis. 2.3.")
		} else if d.KegiatanDesa != "" && subBidangOf(d.KegiatanDesa) != sb {
			p.Add("body.sub_bidang", "Sub bidang tidak sesuai dengan kegiatan desa %s.", d.KegiatanDesa)
		}
		d.SubBidang = sb
	} else {
		d.SubBidang = subBidangOf(d.KegiatanDesa)
	}
	p.Int("body.pagu", "Pagu", d.Pagu, 0, MaxPagu)
	d.BagianProgram.check(&p)
	return p.Err()
}
