package administration

import (
	"net/mail"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/valid"
)

// This file holds one Validate per input type. The Module methods call it,
// so the API handlers and the pages refuse exactly the same things, and it
// lists every field at fault at once (valid.Problems) with the label the
// form shows. Rules that need the desa's other records (the SOTK, a BPD's
// nine seats) stay with SOTK.Check and Lembaga.CheckAnggota.

// Bounds of what a user may type. Lengths are in characters.
const (
	maxNama        = 200 // a person's or a lembaga's name
	maxNamaWilayah = 100 // a desa's or a dusun's name
	maxSKNomor     = 200
	maxJabatanLbg  = 100 // a seat's title in a lembaga (Ketua, Anggota, …)
	maxNIP         = 30
	maxAlasan      = 500
	maxAlamat      = 500
	maxEmail       = 200
	maxVisi        = 2000
	maxButirMisi   = 30
	maxMisi        = 500 // one point of the misi
	maxUserID      = 100

	// maxJiwa bounds the people of one sex in one desa. The most populous
	// desa in Indonesia count tens of thousands; a million is far above any
	// and keeps every sum of a kabupaten's desa far inside int64 (and a
	// desa's own total inside int4, the column's type).
	maxJiwa = 1_000_000
	// maxKK bounds the families (kartu keluarga) of one desa.
	maxKK = 1_000_000
	// tahunAwal is the earliest year of population figures.
	tahunAwal = 1945
	// Luas wilayah in km²: a desa of one hectare is smaller than any on
	// record, and 50,000 km² is larger than most provinsi; within these a
	// density (people per km²) is always a sane number.
	minLuasKm2 = 0.01
	maxLuasKm2 = 50_000
	// maxPendudukFilter bounds the population filters of the wilayah table
	// (a desa's total is at most 2 × maxJiwa).
	maxPendudukFilter = 2 * maxJiwa
)

// tanggalAwal is the earliest date a decree of a desa of the Republic can
// carry: the Proklamasi.
const tanggalAwal Tanggal = "1945-08-17"

// later is today moved by years; open ("") when today is unknown, which is
// how rules are checked on records already stored (the seed, SOTK.Check).
func later(today Tanggal, years int) Tanggal {
	if today.IsZero() {
		return ""
	}
	return today.AddDate(years, 0, 0)
}

// decree checks an SK date: optional here (required is the caller's
// choice), not before the Proklamasi and not after today — a decree is
// dated when it is signed.
func decree(p *valid.Problems, field, label string, d, today Tanggal) {
	p.Date(field, label, d, tanggalAwal, today)
}

// Validate checks an appointment as typed: every field on its own and the
// dates in order (SK, then the start of the term, then its end). today is
// the date at the desa; "" leaves the dates' upper bounds open.
func (in PerangkatInput) Validate(today Tanggal) error {
	var p valid.Problems
	in.check(&p, today)
	return p.Err()
}

func (in PerangkatInput) check(p *valid.Problems, today Tanggal) {
	switch {
	case !in.Jabatan.Valid():
		p.Add("body.jabatan", "Jabatan tidak dikenal; pilih salah satu jabatan SOTK.")
	case in.Jabatan == KepalaKewilayahan && in.DusunID == nil:
		p.Add("body.dusun_id", "Kepala kewilayahan harus memimpin satu dusun/banjar; pilih dusunnya.")
	case in.Jabatan != KepalaKewilayahan && in.DusunID != nil:
		p.Add("body.dusun_id", "Hanya kepala kewilayahan yang memimpin dusun/banjar.")
	}
	switch {
	case !in.Status.Valid():
		p.Add("body.status", "Status harus definitif, pj atau plt.")
	case in.Status == Pj && in.Jabatan != KepalaDesa:
		p.Add("body.status", "Penjabat (Pj) hanya untuk kepala desa; untuk jabatan lain yang kosong angkat pelaksana tugas (Plt).")
	}
	p.Text("body.nama", "Nama", strings.TrimSpace(in.Nama), 1, maxNama)
	p.NIK("body.nik", "NIK", in.NIK)
	if nip := strings.TrimSpace(in.NIP); nip != "" {
		p.Text("body.nip", "NIP/NIAP", nip, 0, maxNIP)
		if !p.Has("body.nip") && strings.Trim(nip, "0123456789 .-/") != "" {
			p.Add("body.nip", "NIP/NIAP hanya berisi angka (boleh dengan titik, spasi, tanda - atau /).")
		}
	}
	p.Text("body.sk_nomor", "Nomor SK pengangkatan", strings.TrimSpace(in.SKNomor), 1, maxSKNomor)
	p.Required("body.sk_tanggal", "Tanggal SK", !in.SKTanggal.IsZero())
	decree(p, "body.sk_tanggal", "Tanggal SK", in.SKTanggal, today)
	p.Required("body.mulai", "Tanggal mulai menjabat", !in.Mulai.IsZero())
	// A term may be recorded up to a year ahead of its start.
	p.Date("body.mulai", "Tanggal mulai menjabat", in.Mulai, tanggalAwal, later(today, 1))
	mulai := !p.Has("body.mulai") // a usable start to measure the term from
	if !p.Has("body.sk_tanggal") && mulai {
		p.Order("Tanggal SK", in.SKTanggal, "body.mulai", "Tanggal mulai menjabat", in.Mulai)
	}
	switch {
	case in.Selesai.IsZero() || !mulai:
	case !in.Mulai.Before(in.Selesai):
		p.Add("body.selesai", "Akhir masa jabatan harus sesudah tanggal mulai.")
	case in.Jabatan == KepalaDesa && in.Status == Definitif && in.Mulai.AddDate(maxJabatanKades, 0, 0).Before(in.Selesai):
		p.Add("body.selesai", "Masa jabatan kepala desa paling lama 8 tahun (UU 6/2014 Pasal 39 sebagaimana diubah UU 3/2024).")
	default:
		// Perangkat serve until 60 (UU 6/2014 Pasal 53): no term of one
		// person runs 50 years.
		p.Date("body.selesai", "Akhir masa jabatan", in.Selesai, "", in.Mulai.AddDate(50, 0, 0))
	}
}

// input is the appointment as it would have been typed, to check a stored
// or seeded one by the same rules.
func (p Perangkat) input() PerangkatInput {
	return PerangkatInput{Jabatan: p.Jabatan, DusunID: p.DusunID, Nama: p.Nama, NIK: p.NIK.Full(), NIP: p.NIP,
		Status: p.Status, SKNomor: p.SKNomor, SKTanggal: p.SKTanggal, Mulai: p.Mulai, Selesai: p.Selesai}
}

// Validate checks how an appointment ends, before the appointment is read:
// the date within bounds (Perangkat.End checks it against the start) and
// the reason as one line of text.
func (b Pemberhentian) Validate(today Tanggal) error {
	var p valid.Problems
	p.Required("body.tanggal", "Tanggal berhenti", !b.Tanggal.IsZero())
	p.Date("body.tanggal", "Tanggal berhenti", b.Tanggal, tanggalAwal, later(today, 1))
	p.Text("body.alasan", "Alasan", strings.TrimSpace(b.Alasan), 0, maxAlasan)
	skPemberhentian(&p, b.SKNomor, b.SKTanggal, today)
	return p.Err()
}

// skPemberhentian checks the decree that ends a post or a seat: optional,
// but a number and a date go together.
func skPemberhentian(p *valid.Problems, nomor string, tanggal, today Tanggal) {
	nomor = strings.TrimSpace(nomor)
	p.Text("body.sk_nomor", "Nomor SK pemberhentian", nomor, 0, maxSKNomor)
	decree(p, "body.sk_tanggal", "Tanggal SK pemberhentian", tanggal, today)
	switch {
	case nomor == "" && !tanggal.IsZero():
		p.Add("body.sk_nomor", "Nomor SK pemberhentian wajib diisi bila tanggal SK diisi.")
	case nomor != "" && tanggal.IsZero() && !p.Has("body.sk_tanggal"):
		p.Add("body.sk_tanggal", "Tanggal SK pemberhentian wajib diisi bila nomor SK diisi.")
	}
}

// Validate checks the account id to link ("" unlinks).
func (in AkunInput) Validate() error {
	var p valid.Problems
	id := strings.TrimSpace(in.UserID)
	p.Text("body.user_id", "Id pengguna", id, 0, maxUserID)
	return p.Err()
}

// Validate checks a dusun/banjar.
func (in DusunInput) Validate() error {
	var p valid.Problems
	p.Text("body.nama", "Nama dusun/banjar", strings.TrimSpace(in.Nama), 1, maxNamaWilayah)
	if in.Sebutan != SebutanDusun && in.Sebutan != SebutanBanjar {
		p.Add("body.sebutan", "Sebutan harus dusun atau banjar.")
	}
	return p.Err()
}

// Validate checks the stored dusun by the input's rules.
func (d Dusun) Validate() error { return DusunInput{Nama: d.Nama, Sebutan: d.Sebutan}.Validate() }

// Validate checks a new lembaga.
func (in LembagaInput) Validate(today Tanggal) error {
	var p valid.Problems
	if !in.Jenis.Valid() {
		p.Add("body.jenis", "Jenis lembaga tidak dikenal.")
	}
	p.Text("body.nama", "Nama lembaga", strings.TrimSpace(in.Nama), 1, maxNama)
	p.Text("body.sk_nomor", "Nomor SK pembentukan", strings.TrimSpace(in.SKNomor), 0, maxSKNomor)
	decree(&p, "body.sk_tanggal", "Tanggal SK pembentukan", in.SKTanggal, today)
	return p.Err()
}

// Validate checks a member's seat in a lembaga of kind jenis: the fields,
// the dates in order and, for the BPD, a term that is stated and at most
// eight years (UU 6/2014 Pasal 56 as amended by UU 3/2024).
func (in AnggotaInput) Validate(jenis JenisLembaga, today Tanggal) error {
	var p valid.Problems
	p.Text("body.nama", "Nama anggota", strings.TrimSpace(in.Nama), 1, maxNama)
	p.Text("body.jabatan", "Jabatan dalam lembaga", strings.TrimSpace(in.Jabatan), 1, maxJabatanLbg)
	p.Text("body.sk_nomor", "Nomor SK", strings.TrimSpace(in.SKNomor), 0, maxSKNomor)
	decree(&p, "body.sk_tanggal", "Tanggal SK", in.SKTanggal, today)
	p.Required("body.mulai", "Tanggal mulai", !in.Mulai.IsZero())
	p.Date("body.mulai", "Tanggal mulai", in.Mulai, tanggalAwal, later(today, 1))
	mulai := !p.Has("body.mulai")
	if !p.Has("body.sk_tanggal") && mulai {
		p.Order("Tanggal SK", in.SKTanggal, "body.mulai", "Tanggal mulai", in.Mulai)
	}
	switch {
	case !mulai:
	case in.Selesai.IsZero() && jenis == BPD:
		p.Add("body.selesai", "Masa jabatan anggota BPD wajib diisi (8 tahun, UU 6/2014 Pasal 56 sebagaimana diubah UU 3/2024).")
	case in.Selesai.IsZero():
	case !in.Mulai.Before(in.Selesai):
		p.Add("body.selesai", "Akhir masa jabatan harus sesudah tanggal mulai.")
	case jenis == BPD && in.Mulai.AddDate(masaJabatanBPD, 0, 0).Before(in.Selesai):
		p.Add("body.selesai", "Masa jabatan anggota BPD paling lama 8 tahun (UU 6/2014 Pasal 56 sebagaimana diubah UU 3/2024).")
	default:
		p.Date("body.selesai", "Akhir masa jabatan", in.Selesai, "", in.Mulai.AddDate(50, 0, 0))
	}
	return p.Err()
}

func (a Anggota) input() AnggotaInput {
	return AnggotaInput{Nama: a.Nama, Jabatan: a.Jabatan, SKNomor: a.SKNomor, SKTanggal: a.SKTanggal, Mulai: a.Mulai, Selesai: a.Selesai}
}

// Validate checks how a member's seat ends: the date (up to a year ahead)
// and the reason as one line of text.
func (b Berhenti) Validate(today Tanggal) error {
	var p valid.Problems
	p.Required("body.tanggal", "Tanggal berhenti", !b.Tanggal.IsZero())
	p.Date("body.tanggal", "Tanggal berhenti", b.Tanggal, tanggalAwal, later(today, 1))
	p.Text("body.alasan", "Alasan", strings.TrimSpace(b.Alasan), 0, maxAlasan)
	return p.Err()
}

// Validate checks the profile as typed. Coordinates must fall inside
// Indonesia's bounding box: a swapped lintang/bujur (a common slip) lands in
// the Indian Ocean or off the globe and is refused.
func (in ProfilInput) Validate() error {
	var p valid.Problems
	p.Text("body.nama", "Nama desa", strings.TrimSpace(in.Nama), 1, maxNamaWilayah)
	p.Text("body.alamat_kantor", "Alamat kantor", strings.TrimSpace(in.AlamatKantor), 0, maxAlamat)
	if tel := strings.TrimSpace(in.Telepon); tel != "" {
		if len(tel) < 6 || len(tel) > 20 || strings.Trim(tel, "+0123456789 -()") != "" {
			p.Add("body.telepon", "Nomor telepon hanya angka, spasi, tanda +, - atau kurung (6–20 karakter).")
		}
	}
	if email := strings.TrimSpace(in.Email); email != "" {
		p.Text("body.email", "Email", email, 0, maxEmail)
		if !p.Has("body.email") {
			if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
				p.Add("body.email", "Alamat email tidak sah.")
			}
		}
	}
	switch {
	case (in.Lintang == nil) != (in.Bujur == nil):
		p.Add("body.lintang", "Isi lintang dan bujur bersama-sama.")
	case in.Lintang != nil:
		if v := *in.Lintang; v != v || v < -11.5 || v > 6.5 {
			p.Add("body.lintang", "Lintang harus di wilayah Indonesia (antara -11,5 dan 6,5).")
		}
		if v := *in.Bujur; v != v || v < 94.5 || v > 141.5 {
			p.Add("body.bujur", "Bujur harus di wilayah Indonesia (antara 94,5 dan 141,5).")
		}
	}
	if l := in.LuasKm2; l != nil && (*l != *l || *l < minLuasKm2 || *l > maxLuasKm2) {
		p.Add("body.luas_km2", "Luas wilayah harus antara 0,01 dan 50.000 km².")
	}
	p.Paragraph("body.visi", "Visi", strings.TrimSpace(in.Visi), 0, maxVisi)
	butir := 0
	for i, s := range in.Misi {
		s = misiButir(s)
		if s == "" {
			continue
		}
		butir++
		p.Text("body.misi["+itoa(i)+"]", "Butir misi ke-"+itoa(butir), s, 0, maxMisi)
	}
	if butir > maxButirMisi {
		p.Add("body.misi", "Misi paling banyak %d butir (sekarang %d).", maxButirMisi, butir)
	}
	return p.Err()
}

// misiButir is one point of the misi as stored: one line, trimmed.
func misiButir(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", " "), "\n", " "))
}

func (p Profil) input() ProfilInput {
	return ProfilInput{Nama: p.Nama, AlamatKantor: p.AlamatKantor, Telepon: p.Telepon, Email: p.Email,
		Lintang: p.Lintang, Bujur: p.Bujur, LuasKm2: p.LuasKm2, Visi: p.Visi, Misi: splitMisi(p.Misi)}
}

// Validate checks a stored or seeded profile by the input's rules.
func (p Profil) Validate() error { return p.input().Validate() }

// Validate checks one year's figures; thisYear bounds the year (the current
// year may be recorded, not the next).
func (in PendudukInput) Validate(tahun, thisYear int) error {
	var p valid.Problems
	if tahun < tahunAwal || tahun > thisYear {
		p.Add("path.tahun", "Tahun harus antara %d dan %d.", tahunAwal, thisYear)
	}
	p.Int("body.laki_laki", "Jumlah laki-laki", int64(in.LakiLaki), 0, maxJiwa)
	p.Int("body.perempuan", "Jumlah perempuan", int64(in.Perempuan), 0, maxJiwa)
	p.Int("body.kk", "Jumlah KK", int64(in.KK), 0, maxKK)
	if p.Empty() {
		jiwa := in.LakiLaki + in.Perempuan
		switch {
		case in.KK > jiwa:
			p.Add("body.kk", "Jumlah KK tidak mungkin melebihi jumlah penduduk.")
		case jiwa > 0 && in.KK == 0:
			p.Add("body.kk", "Desa berpenduduk pasti memiliki KK; isi jumlah KK.")
		}
	}
	return p.Err()
}

// Validate checks a stored or seeded year by the input's rules.
func (p Penduduk) Validate(thisYear int) error {
	return PendudukInput{LakiLaki: p.LakiLaki, Perempuan: p.Perempuan, KK: p.KK}.Validate(p.Tahun, thisYear)
}

// Validate checks the filters of the wilayah table.
func (q ProfilDesaQuery) Validate() error {
	var p valid.Problems
	p.Text("query.nama", "Nama", strings.TrimSpace(q.Nama), 0, maxNamaWilayah)
	p.Int("query.min_penduduk", "Penduduk paling sedikit", int64(q.MinPenduduk), 0, maxPendudukFilter)
	p.Int("query.max_penduduk", "Penduduk paling banyak", int64(q.MaxPenduduk), 0, maxPendudukFilter)
	if p.Empty() && q.MaxPenduduk > 0 && q.MinPenduduk > q.MaxPenduduk {
		p.Add("query.max_penduduk", "Batas atas penduduk lebih kecil dari batas bawah.")
	}
	return p.Err()
}

func itoa(n int) string { return strconv.Itoa(n) }
