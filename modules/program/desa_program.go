package program

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The desa and OPD programmes and the views over them: the API.

func op(id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := httpserver.Operation(tag, id, method, path, summary, perm)
	o.Description = desc
	return o
}

const (
	programAPI = "/desa/{kode}/program"
	opdAPI     = "/desa/{kode}/program-opd"
	aturanDesa = "Program tertaut: kegiatan_kode dari APBDes desa tahun itu (nama, pagu dan realisasi dibaca dari APBDes, tidak disalin); " +
		"program mandiri: nama 3–200 karakter, sumber_dana (dds, add, pad, bkk_kabupaten, bkk_provinsi, swadaya, csr, lain), pagu 1 rupiah–10 triliun, " +
		"sub_bidang boleh kosong. sasaran: id sasaran RPJM kabupaten (paling banyak 20). indikator output/outcome (paling banyak 12) " +
		"dengan target dan realisasi per tahun. jenis_aset (jalan, saluran, gedung, air_bersih, tps, penerangan, lain) memerlukan lokasi."
)

func (m *Module) registerProgram(api huma.API) {
	huma.Register(api, op("list-program-desa", http.MethodGet, programAPI, "Program desa setahun",
		"Program desa (tertaut ke kegiatan APBDes atau mandiri) dengan sasaran RPJM dan indikatornya.", PermProgramBaca), m.apiDaftarDesa)
	huma.Register(api, op("create-program-desa", http.MethodPost, programAPI, "Catat program desa", aturanDesa, PermProgramDesa), m.apiBuatDesa)
	huma.Register(api, op("get-program-desa", http.MethodGet, programAPI+"/{id}", "Satu program desa", "", PermProgramBaca), m.apiLihatDesa)
	huma.Register(api, op("update-program-desa", http.MethodPut, programAPI+"/{id}", "Ubah program desa",
		aturanDesa+" Sasaran dan indikator diganti seluruhnya.", PermProgramDesa), m.apiUbahDesa)
	huma.Register(api, op("delete-program-desa", http.MethodDelete, programAPI+"/{id}", "Hapus program desa", "", PermProgramDesa), m.apiHapusDesa)
	huma.Register(api, op("list-program-desa-kegiatan", http.MethodGet, programAPI+"/kegiatan-apbdes", "Kegiatan APBDes yang dapat ditautkan",
		"Kegiatan APBDes yang berlaku tahun itu dengan pagu dan realisasinya, dan program yang sudah menautkannya.", PermProgramBaca), m.apiKegiatan)

	aturanOPD := "Hanya pengguna OPD; OPD-nya diambil dari akun. nama 3–200 karakter, kode_opd (nomenklatur OPD, ≤ 60), kegiatan_desa dan sub_bidang " +
		"padanan Permendagri 20/2018 untuk perbandingan, pagu 0–10 triliun, sasaran dan indikator seperti program desa."
	huma.Register(api, op("list-program-opd-desa", http.MethodGet, opdAPI, "Program OPD di desa setahun",
		"Program semua OPD yang berlokasi di desa.", PermProgramBaca), m.apiDaftarOPDDesa)
	huma.Register(api, op("create-program-opd", http.MethodPost, opdAPI, "Catat program OPD di desa", aturanOPD, PermProgramOPD), m.apiBuatOPD)
	huma.Register(api, op("get-program-opd", http.MethodGet, opdAPI+"/{id}", "Satu program OPD", "", PermProgramBaca), m.apiLihatOPD)
	huma.Register(api, op("update-program-opd", http.MethodPut, opdAPI+"/{id}", "Ubah program OPD",
		"Hanya program OPD pengguna sendiri (program OPD lain: 404). "+aturanOPD, PermProgramOPD), m.apiUbahOPD)
	huma.Register(api, op("delete-program-opd", http.MethodDelete, opdAPI+"/{id}", "Hapus program OPD",
		"Hanya program OPD pengguna sendiri (program OPD lain: 404).", PermProgramOPD), m.apiHapusOPD)
	huma.Register(api, op("list-program-opd-wilayah", http.MethodGet, "/wilayah/{kode}/program-opd", "Program OPD di desa-desa wilayah",
		"Pengguna OPD melihat program OPD-nya sendiri; yang lain semua OPD.", PermProgramBaca), m.apiDaftarOPDWilayah)

	huma.Register(api, op("get-program-tumpang-tindih", http.MethodGet, "/wilayah/{kode}/program/tumpang-tindih", "Tumpang tindih program desa dan OPD",
		"Pasangan program desa dan program OPD di desa dan tahun yang sama dengan kode kegiatan sama, sub bidang sama, atau lokasi dan jenis aset sama.",
		PermAnalisis), m.apiTumpang)
	huma.Register(api, op("get-program-celah", http.MethodGet, "/wilayah/{kode}/program/sasaran-tanpa-program", "Sasaran RPJM tanpa program desa",
		"Per kecamatan: sasaran RPJM (periode yang mencakup tahun) yang tidak ditandai oleh program desa mana pun di kecamatan itu.", PermAnalisis), m.apiCelah)
	huma.Register(api, op("get-program-keselarasan", http.MethodGet, "/wilayah/{kode}/program/keselarasan", "Keselarasan belanja desa dengan RPJM",
		"Per desa: (pagu kegiatan APBDes yang ditautkan program bersasaran + pagu program mandiri bersasaran) / (total belanja APBDes + pagu semua program mandiri), basis poin.",
		PermAnalisis), m.apiKeselarasan)
	huma.Register(api, op("get-program-ringkasan", http.MethodGet, "/wilayah/{kode}/program/ringkasan", "Tabel bupati: program per kecamatan",
		"Per kecamatan: jumlah program desa, keselarasan, sasaran tanpa program, tumpang tindih, program OPD; beserta rinciannya.", PermAnalisis), m.apiRingkasan)
}

type tahunQuery struct {
	Kode  string `path:"kode" doc:"Kode wilayah Kemendagri" example:"51.02.06.2001"`
	Tahun int    `query:"tahun" minimum:"2015" maximum:"2100" doc:"Tahun anggaran; kosong: tahun ini"`
}

func (m *Module) tahunOf(t int) int {
	if t == 0 {
		return m.now().Year()
	}
	return t
}

func kodeOf(ctx context.Context) tenancy.Kode {
	t, _ := tenancy.From(ctx)
	return t.Kode
}

type itemsOutput[T any] struct {
	CacheControl string `header:"Cache-Control"`
	Body         struct {
		Tahun int `json:"tahun"`
		Items []T `json:"items"`
	}
}

func items[T any](tahun int, xs []T, err error) (*itemsOutput[T], error) {
	if err != nil {
		return nil, err
	}
	o := &itemsOutput[T]{CacheControl: "private, no-store"}
	o.Body.Tahun, o.Body.Items = tahun, xs
	return o, nil
}

type oneOutput[T any] struct {
	CacheControl string `header:"Cache-Control"`
	Body         T
}

func one[T any](v T, err error) (*oneOutput[T], error) {
	if err != nil {
		return nil, err
	}
	return &oneOutput[T]{CacheControl: "private, no-store", Body: v}, nil
}

// --- desa

func (m *Module) apiDaftarDesa(ctx context.Context, in *tahunQuery) (*itemsOutput[DesaProgram], error) {
	tahun := m.tahunOf(in.Tahun)
	ps, err := m.DaftarProgramDesa(ctx, tahun)
	return items(tahun, ps, err)
}

type buatDesaInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	Body DesaProgramData
}

func (m *Module) apiBuatDesa(ctx context.Context, in *buatDesaInput) (*oneOutput[DesaProgram], error) {
	return one(m.BuatProgramDesa(ctx, in.Body))
}

type idInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"40"`
}

func (m *Module) apiLihatDesa(ctx context.Context, in *idInput) (*oneOutput[DesaProgram], error) {
	return one(m.ProgramDesaByID(ctx, in.ID))
}

type ubahDesaInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"40"`
	Body DesaProgramData
}

func (m *Module) apiUbahDesa(ctx context.Context, in *ubahDesaInput) (*oneOutput[DesaProgram], error) {
	return one(m.UbahProgramDesa(ctx, in.ID, in.Body))
}

func (m *Module) apiHapusDesa(ctx context.Context, in *idInput) (*struct{}, error) {
	return nil, m.HapusProgramDesa(ctx, in.ID)
}

// KegiatanProgram is an APBDes kegiatan a programme may link, with the
// programme that links it already.
type KegiatanProgram struct {
	Kode      string `json:"kode"`
	SubBidang string `json:"sub_bidang"`
	Nama      string `json:"nama"`
	Pagu      int64  `json:"pagu"`
	Realisasi int64  `json:"realisasi"`
	ProgramID string `json:"program_id,omitempty"`
}

// KegiatanTertaut lists the tenant desa's APBDes kegiatan of tahun with
// the programme linking each.
func (m *Module) KegiatanTertaut(ctx context.Context, tahun int) ([]KegiatanProgram, error) {
	desa := kodeOf(ctx)
	keg, err := m.kegiatanDesa(ctx, desa, tahun)
	if err != nil {
		return nil, err
	}
	ps, err := m.DaftarProgramDesa(ctx, tahun)
	if err != nil {
		return nil, err
	}
	linked := map[string]string{}
	for _, p := range ps {
		if p.KegiatanKode != "" {
			linked[p.KegiatanKode] = p.ID
		}
	}
	out := make([]KegiatanProgram, 0, len(keg))
	for _, k := range keg {
		out = append(out, KegiatanProgram{Kode: k.Kode, SubBidang: k.SubBidang, Nama: k.Nama, Pagu: k.Pagu, Realisasi: k.Realisasi, ProgramID: linked[k.Kode]})
	}
	sortKegiatan(out)
	return out, nil
}

func (m *Module) apiKegiatan(ctx context.Context, in *tahunQuery) (*itemsOutput[KegiatanProgram], error) {
	tahun := m.tahunOf(in.Tahun)
	ks, err := m.KegiatanTertaut(ctx, tahun)
	return items(tahun, ks, err)
}

// --- OPD

// opdOf is the signed-in user's OPD; a user of none may not write OPD
// programmes.
func (m *Module) opdOf(ctx context.Context) (OPD, error) {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.opd == nil {
		return OPD{}, fault.New(fault.Forbidden, "Hanya pengguna OPD yang mencatat program OPD.")
	}
	o, ok, err := m.opd.OPDOf(ctx, u.ID)
	if err != nil {
		return OPD{}, err
	}
	if !ok {
		return OPD{}, fault.New(fault.Forbidden, "Hanya pengguna OPD yang mencatat program OPD.")
	}
	return o, nil
}

// opdFilter is the OPD whose programmes the user lists: an OPD user its
// own, anyone else all ("").
func (m *Module) opdFilter(ctx context.Context) string {
	if o, err := m.opdOf(ctx); err == nil {
		return o.ID
	}
	return ""
}

func (m *Module) apiDaftarOPDDesa(ctx context.Context, in *tahunQuery) (*itemsOutput[OPDProgram], error) {
	tahun := m.tahunOf(in.Tahun)
	ps, err := m.DaftarProgramOPD(ctx, tahun, "")
	return items(tahun, ps, err)
}

func (m *Module) apiDaftarOPDWilayah(ctx context.Context, in *tahunQuery) (*itemsOutput[OPDProgram], error) {
	tahun := m.tahunOf(in.Tahun)
	ps, err := m.DaftarProgramOPD(ctx, tahun, m.opdFilter(ctx))
	return items(tahun, ps, err)
}

type buatOPDInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	Body OPDProgramData
}

func (m *Module) apiBuatOPD(ctx context.Context, in *buatOPDInput) (*oneOutput[OPDProgram], error) {
	o, err := m.opdOf(ctx)
	if err != nil {
		return nil, err
	}
	return one(m.BuatProgramOPD(ctx, o, in.Body))
}

func (m *Module) apiLihatOPD(ctx context.Context, in *idInput) (*oneOutput[OPDProgram], error) {
	return one(m.ProgramOPDByID(ctx, in.ID))
}

type ubahOPDInput struct {
	Kode string `path:"kode" example:"51.02.06.2001"`
	ID   string `path:"id" maxLength:"40"`
	Body OPDProgramData
}

func (m *Module) apiUbahOPD(ctx context.Context, in *ubahOPDInput) (*oneOutput[OPDProgram], error) {
	o, err := m.opdOf(ctx)
	if err != nil {
		return nil, err
	}
	return one(m.UbahProgramOPD(ctx, o, in.ID, in.Body))
}

func (m *Module) apiHapusOPD(ctx context.Context, in *idInput) (*struct{}, error) {
	o, err := m.opdOf(ctx)
	if err != nil {
		return nil, err
	}
	return nil, m.HapusProgramOPD(ctx, o, in.ID)
}

// --- views

func (m *Module) apiTumpang(ctx context.Context, in *tahunQuery) (*itemsOutput[TumpangProgram], error) {
	tahun := m.tahunOf(in.Tahun)
	ts, err := m.TumpangTindih(ctx, kodeOf(ctx), tahun)
	return items(tahun, ts, err)
}

func (m *Module) apiCelah(ctx context.Context, in *tahunQuery) (*itemsOutput[CelahSasaran], error) {
	tahun := m.tahunOf(in.Tahun)
	cs, err := m.SasaranTanpaProgram(ctx, kodeOf(ctx), tahun)
	return items(tahun, cs, err)
}

func (m *Module) apiKeselarasan(ctx context.Context, in *tahunQuery) (*itemsOutput[KeselarasanDesa], error) {
	tahun := m.tahunOf(in.Tahun)
	ks, err := m.KeselarasanWilayah(ctx, kodeOf(ctx), tahun)
	return items(tahun, ks, err)
}

func (m *Module) apiRingkasan(ctx context.Context, in *tahunQuery) (*oneOutput[RingkasanProgram], error) {
	return one(m.RingkasanWilayah(ctx, kodeOf(ctx), m.tahunOf(in.Tahun)))
}
