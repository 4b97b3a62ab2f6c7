package keuangan

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
)

// apiOp declares one operation of the module: the platform's operation with
// the keuangan tag and a description, where each operation states its rules.
func apiOp(id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := httpserver.Operation("keuangan", id, method, path, summary, perm)
	o.Description = desc
	return o
}

// Register adds the module's operations to api, the /api/v1 group. The
// reference lists are national and hold nothing of any desa, so any
// signed-in user reads them (authz.Authenticated); they name no wilayah.
func (m *Module) Register(api huma.API) {
	huma.Register(api, apiOp("list-keuangan-rekening", http.MethodGet, "/keuangan/rekening",
		"Kode rekening APBDes (Permendagri 20/2018)",
		"Akun, kelompok, jenis dan objek rekening yang berlaku pada tahun anggaran, urut Lampiran. "+
			"Saring dengan q (setiap kata harus cocok dengan kode atau nama). Lanjutkan dengan next_cursor sampai kosong.",
		authz.SessionSelf), m.apiListRekening)
	huma.Register(api, apiOp("list-keuangan-kegiatan", http.MethodGet, "/keuangan/kegiatan",
		"Bidang, sub bidang dan kegiatan",
		"daftar=lampiran (bawaan): bidang, sub bidang dan kegiatan Lampiran Permendagri 20/2018 yang berlaku pada tahun anggaran. "+
			"daftar=siskeudes: daftar kegiatan Siskeudes, terpisah dari Lampiran — kode 90–99 di sana adalah kegiatan BPKP, bukan rentang lain-lain Lampiran.",
		authz.SessionSelf), m.apiListKegiatan)
	huma.Register(api, apiOp("list-keuangan-sumber-dana", http.MethodGet, "/keuangan/sumber-dana",
		"Kode sumber dana",
		"Kode sumber dana untuk baris APBDes (DDS, ADD, PAD, PBH, BKP, BKK, DLL, SiLPA) dengan rekening tempat dana itu dicatat.",
		authz.SessionSelf), m.apiListSumberDana)
	m.registerAPBDes(api)
	m.registerEvaluasi(api)
	m.registerRealisasi(api)
	m.registerExcel(api)
	m.registerWilayah(api)
	m.registerReferensi(api)
}

type referensiInput struct {
	page.Params
	Tahun int    `query:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran; kosong berarti tahun berjalan" example:"2026"`
	Q     string `query:"q" maxLength:"100" doc:"Cari pada kode dan nama"`
}

func (m *Module) query(in referensiInput) ReferensiQuery {
	q := ReferensiQuery{Params: in.Params, Tahun: in.Tahun, Q: in.Q}
	if q.Tahun == 0 {
		q.Tahun = m.now().Year()
	}
	return q
}

type listRekeningOutput struct {
	Body page.Page[Rekening]
}

func (m *Module) apiListRekening(ctx context.Context, in *referensiInput) (*listRekeningOutput, error) {
	p, err := m.ListRekening(ctx, m.query(*in))
	if err != nil {
		return nil, err
	}
	return &listRekeningOutput{Body: p}, nil
}

// listKegiatanInput repeats referensiInput's fields: huma reads the
// parameters of one level of embedding only.
type listKegiatanInput struct {
	page.Params
	Tahun  int    `query:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran; kosong berarti tahun berjalan" example:"2026"`
	Q      string `query:"q" maxLength:"100" doc:"Cari pada kode dan nama"`
	Daftar string `query:"daftar" enum:"lampiran,siskeudes" default:"lampiran" doc:"lampiran (Permendagri 20/2018) atau siskeudes"`
}

type listKegiatanOutput struct {
	Body page.Page[Kegiatan]
}

func (m *Module) apiListKegiatan(ctx context.Context, in *listKegiatanInput) (*listKegiatanOutput, error) {
	daftar := in.Daftar
	if daftar == "" {
		daftar = DaftarLampiran
	}
	p, err := m.ListKegiatan(ctx, daftar, m.query(referensiInput{Params: in.Params, Tahun: in.Tahun, Q: in.Q}))
	if err != nil {
		return nil, err
	}
	return &listKegiatanOutput{Body: p}, nil
}

type listSumberDanaInput struct {
	page.Params
}

type listSumberDanaOutput struct {
	Body page.Page[SumberDana]
}

func (m *Module) apiListSumberDana(ctx context.Context, in *listSumberDanaInput) (*listSumberDanaOutput, error) {
	p, err := m.ListSumberDana(ctx, in.Params)
	if err != nil {
		return nil, err
	}
	return &listSumberDanaOutput{Body: p}, nil
}
