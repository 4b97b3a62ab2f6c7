package persuratan

import (
	"slices"
	"strings"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/valid"
)

// Validation: one Validate per input type, called by the service, so the
// API and the pages refuse the same input with the same messages (every
// field at fault at once, valid.Problems). Each trims its text fields in
// place first; what is stored is what was checked.

// tanggalAwal is the earliest date a register entry may carry: the buku
// agenda records letters of the digital era, not an archive backlog.
const tanggalAwal = Tanggal("2000-01-01")

// lahirAwal is the earliest birth date a living resident can have.
const lahirAwal = Tanggal("1900-01-01")

// date checks an optional date field: a valid YYYY-MM-DD, not before from,
// not after today (the registers record letters, not plans; nobody is
// born tomorrow).
func date(p *valid.Problems, field, label string, d Tanggal, from, today Tanggal) {
	if d.IsZero() {
		return
	}
	if _, err := civil.ParseDate(string(d)); err != nil {
		p.Add(field, "%s tidak sah; tulis sebagai TTTT-BB-HH, mis. 2026-01-31.", label)
		return
	}
	if today.Before(d) {
		p.Add(field, "%s tidak boleh setelah hari ini (%s).", label, today)
		return
	}
	p.Date(field, label, d, from, "")
}

func trim(ss ...*string) {
	for _, s := range ss {
		*s = strings.TrimSpace(*s)
	}
}

// klasifikasi checks the form of a kode klasifikasi; whether it exists on
// the letter's date is the store's to say.
func klasifikasi(p *valid.Problems, field, kode string, required bool) {
	p.Text(field, "Kode klasifikasi", kode, 0, 30)
	if p.Has(field) {
		return
	}
	if kode == "" {
		if required {
			p.Required(field, "Kode klasifikasi", false)
		}
		return
	}
	if !validKodeKlasifikasi(kode) {
		p.Add(field, "Kode klasifikasi “%s” tidak sah; tulis kode angka bertingkat, mis. 400.10.2.", kode)
	}
}

// Validate checks a surat keluar entry; an empty Tanggal means today.
func (in *SuratKeluarBaru) Validate(today Tanggal) error {
	trim(&in.Jenis, &in.Klasifikasi, &in.Tujuan, &in.Perihal)
	var p valid.Problems
	if in.Jenis == "" {
		in.Jenis = JenisUmum
	}
	if _, ok := findJenisDinas(in.Jenis); !ok {
		p.Add("body.jenis", "Jenis surat “%s” tidak dikenal; pilih undangan, laporan, pemberitahuan atau umum.", in.Jenis)
	}
	date(&p, "body.tanggal", "Tanggal surat", in.Tanggal, tanggalAwal, today)
	klasifikasi(&p, "body.klasifikasi", in.Klasifikasi, true)
	p.Text("body.tujuan", "Tujuan surat", in.Tujuan, 1, 200)
	p.Text("body.perihal", "Perihal", in.Perihal, 1, 300)
	return p.Err()
}

// Validate checks an incoming letter: the sender dated it on or before the
// day it arrived, and neither date lies ahead. An empty TanggalTerima
// means today.
func (in *SuratMasukBaru) Validate(today Tanggal) error {
	trim(&in.NomorSurat, &in.Pengirim, &in.Perihal, &in.Klasifikasi)
	var p valid.Problems
	date(&p, "body.tanggal_terima", "Tanggal terima", in.TanggalTerima, tanggalAwal, today)
	p.Required("body.tanggal_surat", "Tanggal surat", !in.TanggalSurat.IsZero())
	date(&p, "body.tanggal_surat", "Tanggal surat", in.TanggalSurat, tanggalAwal, today)
	if !p.Has("body.tanggal_terima") && !p.Has("body.tanggal_surat") {
		terima := in.TanggalTerima
		if terima.IsZero() {
			terima = today
		}
		p.Order("Tanggal surat", in.TanggalSurat, "body.tanggal_terima", "Tanggal terima", terima)
	}
	p.Text("body.nomor_surat", "Nomor surat", in.NomorSurat, 1, 100)
	p.Text("body.pengirim", "Pengirim", in.Pengirim, 1, 200)
	p.Text("body.perihal", "Perihal", in.Perihal, 1, 300)
	klasifikasi(&p, "body.klasifikasi", in.Klasifikasi, true)
	return p.Err()
}

// Validate checks a disposisi.
func (in *DisposisiBaru) Validate() error {
	trim(&in.KepadaNama, &in.KepadaJabatan, &in.PerangkatID, &in.Catatan)
	var p valid.Problems
	p.Text("body.kepada_nama", "Penerima disposisi", in.KepadaNama, 1, 100)
	p.Text("body.kepada_jabatan", "Jabatan penerima", in.KepadaJabatan, 0, 100)
	p.Text("body.perangkat_id", "Id perangkat", in.PerangkatID, 0, 64)
	p.Paragraph("body.catatan", "Catatan disposisi", in.Catatan, 1, 1000)
	return p.Err()
}

// Validate checks a cancellation.
func (in *PembatalanBaru) Validate() error {
	trim(&in.Alasan)
	var p valid.Problems
	p.Paragraph("body.alasan", "Alasan pembatalan", in.Alasan, 1, 500)
	return p.Err()
}

// Validate checks a service letter request against its template: the
// resident's data (NIK by platform/valid: 16 digits, a kecamatan code, a
// real birth date, day + 40 for women) and the template's own fields.
func (in *SuratLayananBaru) Validate(today Tanggal) error {
	trim(&in.Jenis, &in.Klasifikasi)
	var p valid.Problems
	j, ok := findJenis(in.Jenis)
	if !ok {
		p.Add("body.jenis", "Jenis surat “%s” tidak dikenal.", in.Jenis)
	}
	klasifikasi(&p, "body.klasifikasi", in.Klasifikasi, false)
	in.Pemohon.validate(&p, j, ok, today)
	return p.Err()
}

func (r *Pemohon) validate(p *valid.Problems, j JenisLayanan, known bool, today Tanggal) {
	trim(&r.Nama, &r.NIK, &r.TempatLahir, &r.Pekerjaan, &r.Alamat, &r.Keperluan, &r.JenisKelamin)
	const f = "body.pemohon."
	p.Text(f+"nama", "Nama pemohon", r.Nama, 1, 100)
	nik := p.NIK(f+"nik", "NIK", r.NIK)
	p.Text(f+"tempat_lahir", "Tempat lahir", r.TempatLahir, 0, 60)
	date(p, f+"tanggal_lahir", "Tanggal lahir", r.TanggalLahir, lahirAwal, today)
	p.Text(f+"pekerjaan", "Pekerjaan", r.Pekerjaan, 0, 60)
	p.Text(f+"alamat", "Alamat", r.Alamat, 1, 200)
	p.Text(f+"keperluan", "Keperluan", r.Keperluan, 1, 200)
	switch r.JenisKelamin {
	case "", "L", "P":
	default:
		p.Add(f+"jenis_kelamin", "Jenis kelamin harus L (laki-laki) atau P (perempuan).")
	}
	// The NIK carries the birth date (day + 40 for women): a letter whose
	// data contradict its own NIK is a typing error on one side.
	if nik != "" {
		if r.JenisKelamin != "" && !p.Has(f+"jenis_kelamin") && nik.Perempuan() != (r.JenisKelamin == "P") {
			p.Add(f+"jenis_kelamin", "Jenis kelamin tidak sesuai dengan NIK (pada NIK perempuan, tanggal lahir ditambah 40).")
		}
		if !r.TanggalLahir.IsZero() && !p.Has(f+"tanggal_lahir") && !nik.MatchesBirth(r.TanggalLahir) {
			p.Add(f+"tanggal_lahir", "Tanggal lahir tidak sesuai dengan NIK (angka ke-7 sampai ke-12).")
		}
	}
	if !known {
		return
	}
	clean := map[string]string{}
	keys := make([]string, 0, len(r.Rincian))
	for k := range r.Rincian {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := strings.TrimSpace(r.Rincian[k])
		if v == "" {
			continue
		}
		if !slices.ContainsFunc(j.Rincian, func(i Isian) bool { return i.Kunci == k }) {
			p.Add(f+"rincian."+k, "Isian “%s” tidak dikenal untuk %s.", k, j.Judul)
			continue
		}
		clean[k] = v
	}
	for _, i := range j.Rincian {
		field := f + "rincian." + i.Kunci
		v := clean[i.Kunci]
		min := 0
		if i.Wajib {
			min = 1
		}
		label := i.nama()
		p.Text(field, label, v, min, i.Maks)
		if v == "" || p.Has(field) || i.angka == nil {
			continue
		}
		if n, err := i.angka(field, label, v); err != nil {
			p.Include(field, err)
		} else {
			clean[i.Kunci] = n
		}
	}
	r.Rincian = clean
}

// Validate checks a desa's numbering settings as a whole: per-type
// sequences restart the running number for each type, so the type must be
// part of the number or two types would print the same one.
func (s *Pengaturan) Validate() (Format, error) {
	trim(&s.Format, &s.KodeDesa)
	var p valid.Problems
	f, err := ParseFormat(s.Format)
	p.Include("body.format", err)
	if !s.Kebijakan.valid() {
		p.Add("body.kebijakan", "Urutan nomor harus bersama, register atau jenis.")
	}
	if err == nil && s.Kebijakan == KebijakanJenis && !f.Has(tokJenis) {
		p.Add("body.format", "Dengan urutan per jenis, format nomor harus memuat {jenis}.")
	}
	p.Text("body.kode_desa", "Kode desa", s.KodeDesa, 1, 20)
	if !p.Has("body.kode_desa") {
		for _, r := range s.KodeDesa {
			ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-'
			if !ok {
				p.Add("body.kode_desa", "Kode desa hanya boleh huruf, angka, titik dan tanda hubung.")
				break
			}
		}
	}
	return f, p.Err()
}

// Validate checks a code a kabupaten adds.
func (in *KlasifikasiBaru) Validate() error {
	trim(&in.Kode, &in.Uraian, &in.Sumber)
	var p valid.Problems
	klasifikasi(&p, "body.kode", in.Kode, true)
	p.Text("body.uraian", "Uraian", in.Uraian, 1, 300)
	p.Text("body.sumber", "Sumber", in.Sumber, 0, 300)
	p.Required("body.valid_from", "Tanggal mulai berlaku", !in.ValidFrom.IsZero())
	for _, d := range []struct {
		field, label string
		v            Tanggal
	}{{"body.valid_from", "Tanggal mulai berlaku", in.ValidFrom}, {"body.valid_to", "Tanggal akhir berlaku", in.ValidTo}} {
		if !d.v.IsZero() {
			if _, err := civil.ParseDate(string(d.v)); err != nil {
				p.Add(d.field, "%s tidak sah; tulis sebagai TTTT-BB-HH, mis. 2026-01-31.", d.label)
			}
		}
	}
	if !p.Has("body.valid_from") && !p.Has("body.valid_to") {
		p.Order("Tanggal mulai berlaku", in.ValidFrom, "body.valid_to", "Tanggal akhir berlaku", in.ValidTo)
	}
	return p.Err()
}
