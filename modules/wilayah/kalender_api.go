package wilayah

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/kalender"
)

// API of the working-day calendar (tag kalender).

const kalenderAPI = "/wilayah/{kode}/kalender"

func kalenderOp(id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := httpserver.Operation("kalender", id, method, path, summary, perm)
	o.Description = desc
	return o
}

func (m *Module) registerKalender(api huma.API) {
	huma.Register(api, kalenderOp("get-kalender", http.MethodGet, kalenderAPI, "Kalender hari kerja setahun",
		"Kalender hari kerja kabupaten/kota yang menjadi dasar setiap tenggat layanan: hari libur nasional dan cuti bersama "+
			"(SKB tiga menteri), libur daerah yang ditetapkan kabupaten, dan usulan hari raya (kalender Bali, usulan=true) "+
			"yang belum ditetapkan dan belum dihitung, serta jumlah hari kerja per bulan. {kode} boleh kabupaten/kota atau "+
			"wilayah mana pun di dalamnya (kecamatan, desa): yang ditampilkan selalu kalender kabupatennya. Kode provinsi: 404. "+
			"dimuat=false berarti daftar nasional tahun itu belum dimuat: hari kerja masih perkiraan (hanya Sabtu/Minggu dan libur daerah).",
		PermKalenderRead), m.apiGetKalender)
	huma.Register(api, kalenderOp("set-kalender-libur-daerah", http.MethodPost, kalenderAPI+"/libur-daerah",
		"Tetapkan libur daerah",
		"Menjadikan tanggal itu libur daerah kabupaten (atau mengganti nama dan dasarnya bila sudah). Menetapkan usulan = "+
			"mengirim tanggal dan namanya. Tanggal TTTT-BB-HH tahun 2000–2100; nama dan sumber 1–200 karakter tanpa karakter kendali. "+
			"Hanya dengan kode kabupaten/kota (kode di bawahnya: 404). Tenggat layanan yang melewati tanggal itu bergeser; "+
			"tugas kalender:berubah diantrekan bersama perubahan.",
		PermKalenderKelola), m.apiSetLiburDaerah)
	huma.Register(api, kalenderOp("delete-kalender-libur-daerah", http.MethodDelete, kalenderAPI+"/libur-daerah/{tanggal}",
		"Hapus libur daerah",
		"Tanggal itu kembali menjadi hari kerja di kabupaten ini (libur nasional tidak terhapus; usulan yang pernah ditetapkan "+
			"kembali menjadi usulan). 404 bila tanggal itu bukan libur daerah kabupaten ini. Hanya dengan kode kabupaten/kota.",
		PermKalenderKelola), m.apiDeleteLiburDaerah)
	huma.Register(api, kalenderOp("load-kalender-tahun", http.MethodPost, kalenderAPI+"/tahun",
		"Muat libur nasional setahun",
		"Memuat daftar libur nasional dan cuti bersama setahun dari SKB tiga menteri yang baru terbit. Daftar ini dipakai "+
			"semua kabupaten: admin kabupaten mana pun boleh memuat tahun yang belum dimuat, tetapi tidak boleh mengubah tahun "+
			"yang sudah dimuat (409). Paling banyak 60 hari, semuanya di tahun itu, tiap tanggal sekali, jenis libur_nasional "+
			"atau cuti_bersama, nama 1–200 karakter tanpa karakter kendali. Tugas kalender:berubah (kabupaten kosong: semua "+
			"kabupaten) diantrekan bersama perubahan.",
		PermKalenderKelola), m.apiMuatTahun)
}

type kalenderInput struct {
	Kode  string `path:"kode" doc:"Kode kabupaten/kota, atau wilayah di dalamnya" example:"51.02"`
	Tahun int    `query:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun; bawaan tahun ini"`
}

type kalenderOutput struct{ Body KalenderTahun }

func (m *Module) apiGetKalender(ctx context.Context, in *kalenderInput) (*kalenderOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	tahun := in.Tahun
	if tahun == 0 {
		tahun = civil.Today(m.clock(), kode).Year()
	}
	k, err := m.KalenderTahun(ctx, kode, tahun)
	if err != nil {
		return nil, fault.RenameFields(err, func(s string) string { return "query." + s })
	}
	return &kalenderOutput{Body: k}, nil
}

type setLiburDaerahInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten/kota" example:"51.02"`
	Body LiburDaerahBaru
}

type hariOutput struct{ Body HariKalender }

func (m *Module) apiSetLiburDaerah(ctx context.Context, in *setLiburDaerahInput) (*hariOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	h, err := m.TetapkanLiburDaerah(ctx, kode, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &hariOutput{Body: h}, nil
}

type deleteLiburDaerahInput struct {
	Kode    string `path:"kode" doc:"Kode kabupaten/kota" example:"51.02"`
	Tanggal string `path:"tanggal" doc:"Tanggal libur daerah, TTTT-BB-HH" example:"2026-03-19"`
}

func (m *Module) apiDeleteLiburDaerah(ctx context.Context, in *deleteLiburDaerahInput) (*struct{}, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	if err := m.HapusLiburDaerah(ctx, kode, civil.Date(in.Tanggal)); err != nil {
		return nil, fault.RenameFields(err, func(s string) string { return "path." + s })
	}
	return nil, nil
}

// HariNasional is one day of a year's national list as the SKB gives it.
type HariNasional struct {
	Tanggal civil.Date     `json:"tanggal" doc:"TTTT-BB-HH, di tahun yang dimuat"`
	Jenis   kalender.Jenis `json:"jenis" doc:"libur_nasional atau cuti_bersama"`
	Nama    string         `json:"nama" maxLength:"200" doc:"1–200 karakter"`
}

// TahunBaru is a year's national list to load.
type TahunBaru struct {
	Tahun  int            `json:"tahun" doc:"2000–2100, belum dimuat"`
	Sumber string         `json:"sumber" maxLength:"200" doc:"Dasar, mis. nomor SKB tiga menteri"`
	Hari   []HariNasional `json:"hari" doc:"1–60 hari"`
}

// TahunDimuat is the answer to a load.
type TahunDimuat struct {
	Tahun      int    `json:"tahun"`
	Sumber     string `json:"sumber"`
	JumlahHari int    `json:"jumlah_hari"`
}

type muatTahunInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten/kota admin" example:"51.02"`
	Body TahunBaru
}

type muatTahunOutput struct{ Body TahunDimuat }

func (m *Module) apiMuatTahun(ctx context.Context, in *muatTahunInput) (*muatTahunOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	hari := make([]kalender.Baris, len(in.Body.Hari))
	for i, h := range in.Body.Hari {
		hari[i] = kalender.Baris{Tanggal: h.Tanggal, Jenis: h.Jenis, Nama: h.Nama}
	}
	if err := m.MuatTahun(ctx, kode, in.Body.Tahun, in.Body.Sumber, hari); err != nil {
		return nil, fault.BodyFields(err)
	}
	return &muatTahunOutput{Body: TahunDimuat{Tahun: in.Body.Tahun, Sumber: in.Body.Sumber, JumlahHari: len(hari)}}, nil
}
