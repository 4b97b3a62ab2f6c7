package cctv

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

type statusInput struct {
	Kode string `path:"kode" doc:"Kode desa, kecamatan atau kabupaten" example:"51.02.06"`
	page.Params
}

// StatusBody is the answer of GET /wilayah/{kode}/cctv/status.
type StatusBody struct {
	StatusWilayah
	JumlahMati int                    `json:"jumlah_mati" doc:"Semua kamera yang mati lebih dari 24 jam di wilayah ini"`
	Mati       page.Page[MatiWilayah] `json:"mati" doc:"Kamera mati lebih dari 24 jam, paling lama mati lebih dulu; berhalaman (cursor, limit)"`
}

type statusOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         StatusBody
}

// matiKunci is the cursor of the down list: its sort key.
type matiKunci struct {
	Sejak    time.Time    `json:"s"`
	Desa     tenancy.Kode `json:"d"`
	KameraID string       `json:"k"`
}

func (k matiKunci) after(mt Mati) bool {
	if c := mt.Sejak.Compare(k.Sejak); c != 0 {
		return c > 0
	}
	if c := strings.Compare(string(mt.Desa), string(k.Desa)); c != 0 {
		return c > 0
	}
	return mt.KameraID > k.KameraID
}

func (m *Module) kesehatanRegister(api huma.API) {
	huma.Register(api, apiOp("get-wilayah-cctv-status", http.MethodGet, "/wilayah/{kode}/cctv/status",
		"Kesehatan CCTV desa, kecamatan atau kabupaten",
		"Persentase pemeriksaan yang mendapati kamera menyala dalam 24 jam, 7 hari dan 30 hari terakhir: per desa (setiap desa "+
			"wilayah, juga yang belum punya kamera: kamera 0 dan persen null), per kecamatan bila kode kabupaten, dan jumlahnya; "+
			"banyak kamera; serta daftar kamera aktif yang mati lebih dari 24 jam dengan nama desa dan sejak kapan (berhalaman: "+
			"cursor, limit 1–100). Tanpa alamat stream dan tanpa kredensial.",
		PermStatus), m.apiStatus)
}

func (m *Module) apiStatus(ctx context.Context, in *statusInput) (*statusOutput, error) {
	kode, err := tenancy.ParseKode(in.Kode)
	if err != nil || kode.Level() < tenancy.Kabupaten {
		return nil, fault.New(fault.NotFound, "Wilayah tidak ditemukan; gunakan kode desa, kecamatan atau kabupaten.")
	}
	var key matiKunci
	has, err := page.Decode(in.Cursor, &key)
	if err != nil {
		return nil, err
	}
	s, err := m.StatusWilayah(ctx, kode)
	if err != nil {
		return nil, err
	}
	rows := s.mati
	if has {
		i := 0
		for i < len(rows) && !key.after(rows[i].Mati) {
			i++
		}
		rows = rows[i:]
	}
	limit := in.Size()
	rows = rows[:min(len(rows), limit+1)]
	b := StatusBody{StatusWilayah: s, JumlahMati: len(s.mati),
		Mati: page.Of(rows, limit, func(mt MatiWilayah) matiKunci {
			return matiKunci{Sejak: mt.Sejak, Desa: mt.Desa, KameraID: mt.KameraID}
		})}
	if b.Desa == nil {
		b.Desa = []StatusBaris{}
	}
	return &statusOutput{CacheControl: "private, no-store", Body: b}, nil
}
