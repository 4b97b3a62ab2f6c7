package audiensi

import (
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/kalender"
)

// The service clocks, in working days of the kabupaten's calendar
// (platform/kalender: weekends, national holidays, cuti bersama and the
// kabupaten's libur daerah). LAPOR! SP4N (Permenpan RB 62/2018): a report
// is verified within 3 working days and the agency follows it up within 5.
const (
	HariVerifikasi = 3
	HariTanggapan  = 5
)

// Jam is how an open audiensi stands against its due date.
type Jam string

const (
	TepatWaktu Jam = "tepat_waktu" // more than one working day left
	Mendekati  Jam = "mendekati"   // due today or on the next working day
	Terlambat  Jam = "terlambat"   // the due date has passed
)

// Judul is the clock as the pages write it.
func (j Jam) Judul() string {
	switch j {
	case TepatWaktu:
		return "Tepat waktu"
	case Mendekati:
		return "Mendekati tenggat"
	case Terlambat:
		return "Terlambat"
	}
	return ""
}

// JamPada is the clock of a due date seen on day hariIni.
func JamPada(k kalender.Kalender, hariIni, tenggat civil.Date) Jam {
	if tenggat.Before(hariIni) {
		return Terlambat
	}
	if n, _ := k.Antara(hariIni, tenggat); n <= 1 {
		return Mendekati
	}
	return TepatWaktu
}

// hitungTenggat sets every due date of a and its dispositions from the
// dates they started on: verification and resolution from diterima, each
// waiting recipient's answer from the day it was disposed. It is the one
// place the clocks are computed, at every step and again for open
// audiensi when the calendar changes (a holiday added late moves them).
// A closed audiensi keeps the dates it closed with.
func hitungTenggat(k kalender.Kalender, a *Audiensi, ds []DisposisiAudiensi) {
	if !a.Status.Terbuka() {
		return
	}
	var p1, p2 bool
	a.TenggatVerif, p1 = k.Tambah(a.Diterima, HariVerifikasi)
	a.TenggatSelesai, p2 = k.Tambah(a.Diterima, a.TargetHari)
	a.Perkiraan = p1 || p2
	for i := range ds {
		if ds[i].Status != Menunggu {
			continue
		}
		var p bool
		ds[i].Tenggat, p = k.Tambah(ds[i].Tanggal, HariTanggapan)
		a.Perkiraan = a.Perkiraan || p
	}
	switch a.Status {
	case Baru:
		a.Tenggat = a.TenggatVerif
	case Didisposisikan:
		a.Tenggat = a.TenggatSelesai
		for _, d := range ds {
			if d.Status == Menunggu && d.Tenggat.Before(a.Tenggat) {
				a.Tenggat = d.Tenggat
			}
		}
	default:
		a.Tenggat = a.TenggatSelesai
	}
}

// tutup records how a closing audiensi met its resolution target: working
// days from diterima to the day it closed, and whether that was by
// tenggat_selesai.
func tutup(k kalender.Kalender, a *Audiensi, hariIni civil.Date) {
	n, _ := k.Antara(a.Diterima, hariIni)
	tepat := !a.TenggatSelesai.Before(hariIni)
	a.Ditutup, a.HariKerja, a.TepatWaktu = &hariIni, &n, &tepat
}

// buka clears what tutup recorded, for a reopened audiensi.
func buka(a *Audiensi) { a.Ditutup, a.HariKerja, a.TepatWaktu = nil, nil, nil }
