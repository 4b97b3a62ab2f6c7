package wilayah

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The kabupaten's working-day calendar (platform/kalender) as its users
// read it and its admin keeps it. Reading works from any wilayah at or
// below a kabupaten and shows that kabupaten's calendar (a camat sees the
// calendar his clocks count on); changes are made at the kabupaten itself.

// HariKalender is one non-working day of a year (weekends aside).
type HariKalender struct {
	Tanggal civil.Date     `json:"tanggal"`
	Jenis   kalender.Jenis `json:"jenis" enum:"libur_nasional,cuti_bersama,libur_daerah"`
	Nama    string         `json:"nama"`
	Sumber  string         `json:"sumber"`
	Usulan  bool           `json:"usulan" doc:"true: hari raya dari daftar awal provinsi (kalender Bali) yang belum ditetapkan kabupaten; belum dihitung sebagai hari libur"`
}

// BulanKalender counts one month's days.
type BulanKalender struct {
	Bulan     int    `json:"bulan" minimum:"1" maximum:"12"`
	Nama      string `json:"nama"`
	HariKerja int    `json:"hari_kerja" doc:"Senin–Jumat yang bukan hari libur nasional, cuti bersama atau libur daerah yang ditetapkan"`
	HariLibur int    `json:"hari_libur" doc:"Hari libur yang jatuh pada Senin–Jumat (usulan tidak dihitung)"`
}

// KalenderTahun is a kabupaten's calendar for one year.
type KalenderTahun struct {
	Kabupaten tenancy.Kode    `json:"kabupaten"`
	Tahun     int             `json:"tahun"`
	Dimuat    bool            `json:"dimuat" doc:"true bila daftar libur nasional dan cuti bersama tahun ini (SKB) sudah dimuat"`
	Perkiraan bool            `json:"perkiraan" doc:"true bila belum dimuat: hari kerja dihitung dari Sabtu/Minggu dan libur daerah saja, tenggat layanan tahun ini masih perkiraan"`
	HariKerja int             `json:"hari_kerja" doc:"Hari kerja setahun"`
	Hari      []HariKalender  `json:"hari" doc:"Hari libur nasional, cuti bersama, libur daerah yang ditetapkan, dan usulan (usulan=true), urut tanggal"`
	Bulan     []BulanKalender `json:"bulan"`
	// TahunDimuat lists every year whose national list is loaded.
	TahunDimuat []int `json:"tahun_dimuat"`
}

var namaBulan = [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// kalenderKabupaten is the kabupaten whose calendar kode reads.
func kalenderKabupaten(kode tenancy.Kode) (tenancy.Kode, error) {
	if kode.Level() < tenancy.Kabupaten {
		return "", fault.New(fault.NotFound, "Kalender hari kerja berlaku per kabupaten/kota; %s adalah provinsi.", kode)
	}
	return kode.Up(tenancy.Kabupaten), nil
}

// kelolaKabupaten refuses a change addressed to a wilayah below a kabupaten:
// the calendar is the kabupaten's, changed at its own code.
func kelolaKabupaten(kode tenancy.Kode) error {
	if kode.Level() != tenancy.Kabupaten {
		return fault.New(fault.NotFound, "Kalender hari kerja diubah dengan kode kabupaten/kota (mis. 51.02), bukan %s.", kode)
	}
	return nil
}

// KalenderTahun reads the calendar that kode (a kabupaten or any wilayah
// inside it) counts on, for year tahun.
func (m *Module) KalenderTahun(ctx context.Context, kode tenancy.Kode, tahun int) (KalenderTahun, error) {
	kab, err := kalenderKabupaten(kode)
	if err != nil {
		return KalenderTahun{}, err
	}
	if tahun < 2000 || tahun > 2100 {
		return KalenderTahun{}, fault.Field("tahun", "Tahun harus antara 2000 dan 2100.")
	}
	nas, daerah, usulan, err := m.kalender.Daftar(ctx, kab, tahun)
	if err != nil {
		return KalenderTahun{}, err
	}
	k, err := m.kalender.Kalender(ctx, kab)
	if err != nil {
		return KalenderTahun{}, err
	}
	out := KalenderTahun{Kabupaten: kab, Tahun: tahun, Dimuat: k.Dimuat(tahun), TahunDimuat: k.TahunDimuat(),
		Hari: []HariKalender{}}
	out.Perkiraan = !out.Dimuat
	for _, list := range [][]kalender.HariLibur{nas, daerah, usulan} {
		for _, h := range list {
			out.Hari = append(out.Hari, HariKalender{Tanggal: h.Tanggal, Jenis: h.Jenis, Nama: h.Nama, Sumber: h.Sumber,
				Usulan: h.WilayahKode != "" && h.WilayahKode != string(kab)})
		}
	}
	sortHari(out.Hari)
	for mo := time.January; mo <= time.December; mo++ {
		b := BulanKalender{Bulan: int(mo), Nama: namaBulan[mo-1]}
		for d := civil.Date(fmt.Sprintf("%04d-%02d-01", tahun, mo)); d.Month() == mo; d = d.AddDate(0, 0, 1) {
			switch wd := d.Time().Weekday(); {
			case wd == time.Saturday || wd == time.Sunday:
			case k.HariKerja(d):
				b.HariKerja++
			default:
				b.HariLibur++
			}
		}
		out.HariKerja += b.HariKerja
		out.Bulan = append(out.Bulan, b)
	}
	return out, nil
}

// sortHari orders days by date, national before daerah before usulan on
// the same date (the order Daftar's lists were appended in).
func sortHari(h []HariKalender) {
	rank := func(x HariKalender) int {
		switch {
		case x.Usulan:
			return 2
		case x.Jenis == kalender.LiburDaerah:
			return 1
		}
		return 0
	}
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && (h[j].Tanggal < h[j-1].Tanggal || h[j].Tanggal == h[j-1].Tanggal && rank(h[j]) < rank(h[j-1])); j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}

// LiburDaerahBaru is a libur daerah to set.
type LiburDaerahBaru struct {
	Tanggal civil.Date `json:"tanggal" doc:"TTTT-BB-HH, tahun 2000–2100"`
	Nama    string     `json:"nama" maxLength:"200" doc:"Nama hari libur, 1–200 karakter, mis. Hari Suci Nyepi"`
	Sumber  string     `json:"sumber" maxLength:"200" doc:"Dasar penetapan, mis. nomor surat edaran gubernur atau keputusan bupati"`
}

// TetapkanLiburDaerah makes a day a libur daerah of the kabupaten kode (a
// kabupaten's own code): confirming a day of the starting list is setting
// its date with its name. Clocks that count over it move, and
// kalender.TaskBerubah is enqueued with the change.
func (m *Module) TetapkanLiburDaerah(ctx context.Context, kode tenancy.Kode, in LiburDaerahBaru) (HariKalender, error) {
	if err := kelolaKabupaten(kode); err != nil {
		return HariKalender{}, err
	}
	u, _ := auth.UserFrom(ctx)
	if err := m.kalender.TetapkanLiburDaerah(ctx, kode, in.Tanggal, in.Nama, in.Sumber, u.ID); err != nil {
		return HariKalender{}, err
	}
	return HariKalender{Tanggal: in.Tanggal, Jenis: kalender.LiburDaerah, Nama: strings.TrimSpace(in.Nama), Sumber: strings.TrimSpace(in.Sumber)}, nil
}

// HapusLiburDaerah makes a libur daerah of the kabupaten kode a working day
// again.
func (m *Module) HapusLiburDaerah(ctx context.Context, kode tenancy.Kode, tanggal civil.Date) error {
	if err := kelolaKabupaten(kode); err != nil {
		return err
	}
	return m.kalender.HapusLiburDaerah(ctx, kode, tanggal)
}

// MuatTahun loads the national list of a year not loaded yet, for every
// kabupaten (kalender.Store.MuatTahun); kode is the admin's own kabupaten.
func (m *Module) MuatTahun(ctx context.Context, kode tenancy.Kode, tahun int, sumber string, hari []kalender.Baris) error {
	if err := kelolaKabupaten(kode); err != nil {
		return err
	}
	u, _ := auth.UserFrom(ctx)
	return m.kalender.MuatTahun(ctx, tahun, hari, sumber, u.ID)
}
