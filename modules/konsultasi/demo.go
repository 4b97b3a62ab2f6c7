package konsultasi

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Demo threads (dev mode only) from Bengkel and Nyitdah to Kecamatan
// Kediri, dated back from today on working days of the kabupaten's
// calendar: one answered the next working day and closed, one answered
// after 5 working days, one still unanswered, one answered. Every text is
// invented.

// AkunDemo is a demo account as the seed writes it: its user id and name.
type AkunDemo struct{ ID, Nama string }

type demoPesan struct {
	akun  string // the account's e-mail
	sisi  Sisi
	hkLag int // working days after opening
	jam   int // hour (WITA) of that day
	isi   string
}

type demoUtas struct {
	desa          tenancy.Kode
	hkLalu        int // opened this many working days ago (0: kalenderLalu)
	kalenderLalu  int // or this many calendar days ago
	bagian, topik string
	judul         string
	pesan         []demoPesan
	selesai       bool
}

var demoDaftar = []demoUtas{
	{desa: "51.02.06.2001", hkLalu: 15, bagian: "tata_pemerintahan", topik: "tata_naskah", judul: "Kode klasifikasi surat untuk SK pengangkatan kepala dusun",
		pesan: []demoPesan{
			{"sekdes.bengkel@tabanan.test", SisiDesa, 0, 9, "Mohon petunjuk: SK Perbekel tentang pengangkatan kepala dusun memakai kode klasifikasi 100 atau 800? Di desa kami masih berbeda-beda."},
			{"tapem.kediri@tabanan.test", SisiKecamatan, 1, 10, "SK pengangkatan perangkat memakai kode 800 (kepegawaian), sesuai pedoman klasifikasi arsip. Nomor urut mengikuti buku register keputusan kepala desa."},
			{"sekdes.bengkel@tabanan.test", SisiDesa, 1, 13, "Terima kasih, sudah kami sesuaikan di buku register."},
		}, selesai: true},
	{desa: "51.02.06.2001", hkLalu: 12, bagian: "tata_pemerintahan", topik: "sotk", judul: "Penggabungan seksi dalam SOTK desa",
		pesan: []demoPesan{
			{"perbekel.bengkel@tabanan.test", SisiDesa, 0, 10, "Kami berencana menggabungkan kasi kesejahteraan dan kasi pelayanan karena kekurangan perangkat. Apakah perlu perdes baru tentang SOTK?"},
			{"tapem.kediri@tabanan.test", SisiKecamatan, 5, 11, "Perubahan SOTK ditetapkan dengan perdes dan dikonsultasikan ke kecamatan sebelum ditetapkan. Silakan kirim rancangannya sebagai lampiran."},
		}},
	{desa: "51.02.06.2011", kalenderLalu: 4, bagian: "ekonomi_pembangunan", topik: "keuangan", judul: "Pergeseran anggaran kegiatan BLT Dana Desa",
		pesan: []demoPesan{
			{"perbekel.nyitdah@tabanan.test", SisiDesa, 0, 9, "Sisa anggaran BLT Dana Desa tahun ini apakah boleh digeser ke kegiatan ketahanan pangan tanpa perubahan APBDes?"},
		}},
	{desa: "51.02.06.2011", hkLalu: 8, bagian: "camat", topik: "pilkades", judul: "Jadwal pembentukan panitia Pilkades serentak",
		pesan: []demoPesan{
			{"perbekel.nyitdah@tabanan.test", SisiDesa, 0, 9, "Kapan paling lambat BPD membentuk panitia Pilkades serentak, dan apakah anggota linmas boleh menjadi panitia?"},
			{"camat.kediri@tabanan.test", SisiKecamatan, 2, 14, "Panitia dibentuk BPD paling lambat sesuai tahapan kabupaten yang akan diedarkan bulan depan. Linmas boleh menjadi panitia bila tidak memiliki hubungan keluarga dengan calon."},
		}},
}

// mundur is the working day n working days before d (d itself if n is 0).
func mundur(kal kalender.Kalender, d civil.Date, n int) civil.Date {
	for n > 0 {
		d = d.AddDate(0, 0, -1)
		if kal.HariKerja(d) {
			n--
		}
	}
	return d
}

// pada is hour jam (WITA) of day d.
func pada(d civil.Date, jam int, desa tenancy.Kode) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day(), jam, 0, 0, 0, civil.Zone(desa))
}

// SeedDemo records the demo threads; a desa with any demo thread is left
// as it is. akun resolves a demo account's e-mail (not found: the
// e-mail stands as its id and name).
func (m *Module) SeedDemo(ctx context.Context, akun func(ctx context.Context, email string) (AkunDemo, bool)) error {
	now := m.now()
	clock := now
	d := &Module{db: m.db, calendar: m.calendar, regions: m.regions, log: m.log, now: func() time.Time { return clock }}
	selesai := map[tenancy.Kode]bool{}
	for _, u := range demoDaftar {
		if _, ok := selesai[u.desa]; !ok {
			var n int64
			err := m.db.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: u.desa}), func(ctx context.Context, tx bun.Tx) error {
				sel, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Konsultasi)(nil)).Where("k.demo"))
				if err != nil {
					return err
				}
				n, err = sel.Count(ctx)
				return err
			})
			if err != nil {
				return err
			}
			selesai[u.desa] = n > 0
		}
		if selesai[u.desa] {
			continue
		}
		kal, err := m.kalenderOf(ctx, u.desa)
		if err != nil {
			return err
		}
		today := civil.Today(now, u.desa)
		buka := mundur(kal, today, u.hkLalu)
		if u.hkLalu == 0 {
			buka = today.AddDate(0, 0, -u.kalenderLalu)
			for !kal.HariKerja(buka) {
				buka = buka.AddDate(0, 0, -1)
			}
		}
		siapa := func(email string) context.Context {
			a, ok := akun(ctx, email)
			if !ok {
				a = AkunDemo{ID: "demo:" + email, Nama: email}
			}
			return auth.WithUser(tenancy.With(ctx, tenancy.Tenant{Kode: u.desa}), auth.User{ID: a.ID, Name: a.Nama, Email: email})
		}
		var id string
		for i, p := range u.pesan {
			hari, _ := kal.Tambah(buka, p.hkLag)
			clock = pada(hari, p.jam, u.desa)
			if i == 0 {
				t, err := d.buka(siapa(p.akun), KonsultasiBaru{Bagian: u.bagian, Topik: u.topik, Judul: u.judul, Isi: p.isi}, true)
				if err != nil {
					return err
				}
				id = t.ID
				continue
			}
			if _, err := d.kirim(siapa(p.akun), id, p.sisi, p.isi, true); err != nil {
				return err
			}
		}
		if u.selesai {
			clock = clock.Add(30 * time.Minute)
			if err := d.tutup(siapa(u.pesan[0].akun), id); err != nil {
				return err
			}
		}
		clock = now
	}
	return nil
}
