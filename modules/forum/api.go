package forum

import (
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The panel's API. Every operation is at a kecamatan or kabupaten
// (/wilayah/{kode}/forum/…); a desa's code is refused (422), since a
// panel compares desa.

// The inputs are flat: huma reads no field of an embedded struct whose
// type is unexported.

type wilayahInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02" doc:"Kode kecamatan atau kabupaten"`
}

type peringkatInput struct {
	Kode      string `path:"kode" maxLength:"20" example:"51.02" doc:"Kode kecamatan atau kabupaten"`
	Tahun     int    `query:"tahun" minimum:"0" maximum:"2100" doc:"Tahun; kosong: tahun ini"`
	Indikator string `query:"indikator" required:"true" maxLength:"80" example:"idm.nilai" doc:"Kunci indikator (sumber.kode) atau komposit:<id>; daftarnya di /forum/indikator"`
	Kelompok  string `query:"kelompok" enum:",kecamatan,status_idm,penduduk" doc:"Kelompok sebanding: per kecamatan, per status IDM, atau per pita penduduk (kuartil wilayah); kosong: seluruh wilayah"`
	Desa      string `query:"desa" maxLength:"20" example:"51.02.06.2001" doc:"Hanya kelompok sebanding desa ini"`
	Limit     int    `query:"limit" minimum:"0" maximum:"1000" doc:"Baris per halaman (bawaan 100)"`
	Offset    int    `query:"offset" minimum:"0" maximum:"100000"`
}

type peringkatOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         Peringkat
}

type indikatorOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         struct {
		Items []Indikator `json:"items"`
		// Tahun lists the years the rollup holds, newest first.
		Tahun []int `json:"tahun"`
	}
}

type kartuInput struct {
	Kode  string `path:"kode" maxLength:"20" example:"51.02" doc:"Kode kecamatan atau kabupaten"`
	Desa  string `path:"desa" maxLength:"20" example:"51.02.06.2001"`
	Tahun int    `query:"tahun" minimum:"0" maximum:"2100" doc:"Tahun; kosong: tahun ini"`
}

type kartuOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         KartuDesa
}

type eksporInput struct {
	Kode      string `path:"kode" maxLength:"20" example:"51.02" doc:"Kode kecamatan atau kabupaten"`
	Format    string `path:"format" enum:"csv,xlsx"`
	Tahun     int    `query:"tahun" minimum:"0" maximum:"2100" doc:"Tahun; kosong: tahun ini"`
	Indikator string `query:"indikator" required:"true" maxLength:"80" example:"idm.nilai" doc:"Kunci indikator (sumber.kode) atau komposit:<id>"`
	Kelompok  string `query:"kelompok" enum:",kecamatan,status_idm,penduduk"`
	Desa      string `query:"desa" maxLength:"20" example:"51.02.06.2001" doc:"Hanya kelompok sebanding desa ini"`
}

type berkasOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	NoSniff            string `header:"X-Content-Type-Options"`
	Body               []byte
}

type kompositListOutput struct {
	Body struct {
		Items []Komposit `json:"items"`
	}
}

type kompositCreateInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02" doc:"Kode kecamatan atau kabupaten"`
	Body KompositInput
}

type kompositOutput struct {
	Body Komposit
}

type kompositDeleteInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02" doc:"Kode kecamatan atau kabupaten"`
	ID   string `path:"id" maxLength:"40"`
}

type hitungInput struct {
	Kode  string `path:"kode" maxLength:"20" example:"51.02" doc:"Kode kecamatan atau kabupaten"`
	Tahun int    `query:"tahun" minimum:"0" maximum:"2100" doc:"Tahun; kosong: tahun ini"`
}

type hitungOutput struct {
	Body struct {
		Items []RollupHasil `json:"items"`
	}
}

func (m *Module) registerPanel(api huma.API) {
	op := func(id, method, path, summary, desc string, perm any) huma.Operation {
		o := httpserver.Operation(tag, id, method, path, summary, PermPanel)
		o.Description = desc
		return o
	}
	huma.Register(api, op("list-forum-indikator", http.MethodGet, "/wilayah/{kode}/forum/indikator",
		"Indikator yang dapat diperingkat",
		"Indikator modul-modul yang boleh dilihat pengguna di wilayah ini, IDM, dan komposit tersimpan (wilayah ini dan kabupatennya). "+
			"Juga tahun-tahun yang sudah direkap.", nil), m.apiIndikator)
	huma.Register(api, op("get-forum-peringkat", http.MethodGet, "/wilayah/{kode}/forum/peringkat",
		"Peringkat desa pada satu indikator",
		"Dibaca dari rekap forum (dihitung oleh job, tidak pernah saat permintaan): peringkat di kelompok sebanding dan di wilayah, "+
			"nilai dan peringkat tahun lalu dengan arah perubahan, median, kuartil, kuartil tiap desa. Hanya nilai dan peringkat, tanpa catatan desa.", nil),
		m.apiPeringkat)
	huma.Register(api, op("export-forum-peringkat", http.MethodGet, "/wilayah/{kode}/forum/ekspor/{format}",
		"Unduh peringkat (CSV atau XLSX)", "Tabel peringkat lengkap (semua halaman) dengan nilai tahun lalu.", nil), m.apiEkspor)
	huma.Register(api, op("get-forum-kartu-desa", http.MethodGet, "/wilayah/{kode}/forum/desa/{desa}",
		"Kartu profil desa",
		"Setiap indikator yang boleh dilihat dengan nilai desa, peringkatnya di kecamatan dan di wilayah, kuartil dan perubahan dari tahun lalu.", nil),
		m.apiKartu)
	huma.Register(api, op("list-forum-komposit", http.MethodGet, "/wilayah/{kode}/forum/komposit",
		"Komposit tersimpan", "Komposit wilayah ini dan kabupatennya, terbaru dulu.", nil), m.apiDaftarKomposit)
	create := httpserver.Operation(tag, "create-forum-komposit", http.MethodPost, "/wilayah/{kode}/forum/komposit",
		"Simpan komposit berbobot", PermKomposit)
	create.Description = "Nama dan 2–12 indikator dengan bobot 1–100. Nilai komposit desa = rata-rata berbobot nilai tiap indikator " +
		"yang diskalakan 0–100 antara nilai terendah dan tertinggi di wilayah (dibalik bila lebih rendah lebih baik); desa yang tidak punya salah satu nilai tidak diperingkat."
	create.DefaultStatus = http.StatusCreated
	huma.Register(api, create, m.apiBuatKomposit)
	del := httpserver.Operation(tag, "delete-forum-komposit", http.MethodDelete, "/wilayah/{kode}/forum/komposit/{id}",
		"Hapus komposit", PermKomposit)
	del.DefaultStatus = http.StatusNoContent
	huma.Register(api, del, m.apiHapusKomposit)
	hitung := httpserver.Operation(tag, "recompute-forum", http.MethodPost, "/wilayah/{kode}/forum/hitung-ulang",
		"Hitung ulang rekap forum sekarang", PermIDM)
	hitung.Description = "Menyalin ulang indikator semua desa kabupaten (tahun yang diminta dan tahun sebelumnya) dari modul-modul ke rekap forum, " +
		"tanpa menunggu jadwal malam. Untuk kecamatan: kabupatennya."
	hitung.DefaultStatus = http.StatusOK
	huma.Register(api, hitung, m.apiHitung)
}

// wilayahPanel is the request's wilayah, which must be a kecamatan or
// kabupaten.
func wilayahPanel(ctx context.Context) (tenancy.Kode, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return "", tenancy.ErrNoTenant
	}
	switch t.Kode.Level() {
	case tenancy.Kecamatan, tenancy.Kabupaten:
		return t.Kode, nil
	}
	return "", fault.New(fault.Invalid, "panel forum membandingkan desa sebuah kecamatan atau kabupaten; %s bukan keduanya", string(t.Kode))
}

func (m *Module) tahunAtau(k tenancy.Kode, tahun int) (int, error) {
	if tahun == 0 {
		return civil.Today(m.now(), k).Year(), nil
	}
	if tahun < 2000 {
		return 0, fault.Field("query.tahun", "tahun harus antara 2000 dan 2100")
	}
	return tahun, nil
}

func (m *Module) queryDari(k tenancy.Kode, in *peringkatInput) (PeringkatQuery, error) {
	tahun, err := m.tahunAtau(k, in.Tahun)
	if err != nil {
		return PeringkatQuery{}, err
	}
	q := PeringkatQuery{Indikator: in.Indikator, Tahun: tahun, Kelompok: Kelompok(in.Kelompok), Limit: in.Limit, Offset: in.Offset}
	if in.Desa != "" {
		d, err := tenancy.ParseKode(in.Desa)
		if err != nil {
			return q, fault.Field("query.desa", "kode desa %q tidak sah", in.Desa)
		}
		q.Desa = d
	}
	return q, nil
}

func (m *Module) apiIndikator(ctx context.Context, in *wilayahInput) (*indikatorOutput, error) {
	k, err := wilayahPanel(ctx)
	if err != nil {
		return nil, err
	}
	out := &indikatorOutput{CacheControl: "private, no-store"}
	if out.Body.Items, err = m.Indikators(ctx, k); err != nil {
		return nil, err
	}
	if out.Body.Tahun, err = m.tahunTersedia(ctx, k); err != nil {
		return nil, err
	}
	if out.Body.Tahun == nil {
		out.Body.Tahun = []int{}
	}
	return out, nil
}

func (m *Module) apiPeringkat(ctx context.Context, in *peringkatInput) (*peringkatOutput, error) {
	k, err := wilayahPanel(ctx)
	if err != nil {
		return nil, err
	}
	q, err := m.queryDari(k, in)
	if err != nil {
		return nil, err
	}
	p, err := m.Peringkat(ctx, k, q)
	if err != nil {
		return nil, err
	}
	return &peringkatOutput{CacheControl: "private, no-store", Body: p}, nil
}

func (m *Module) apiEkspor(ctx context.Context, in *eksporInput) (*berkasOutput, error) {
	k, err := wilayahPanel(ctx)
	if err != nil {
		return nil, err
	}
	q, err := m.queryDari(k, &peringkatInput{Kode: in.Kode, Tahun: in.Tahun, Indikator: in.Indikator, Kelompok: in.Kelompok, Desa: in.Desa})
	if err != nil {
		return nil, err
	}
	b, ct, name, err := m.Ekspor(ctx, k, q, in.Format)
	if err != nil {
		return nil, err
	}
	return &berkasOutput{ContentType: ct, ContentDisposition: fmt.Sprintf("attachment; filename=%q", name),
		CacheControl: "private, no-store", NoSniff: "nosniff", Body: b}, nil
}

func (m *Module) apiKartu(ctx context.Context, in *kartuInput) (*kartuOutput, error) {
	k, err := wilayahPanel(ctx)
	if err != nil {
		return nil, err
	}
	tahun, err := m.tahunAtau(k, in.Tahun)
	if err != nil {
		return nil, err
	}
	desa, err := tenancy.ParseKode(in.Desa)
	if err != nil {
		return nil, fault.New(fault.NotFound, "desa %q tidak ditemukan", in.Desa)
	}
	c, err := m.Kartu(ctx, k, desa, tahun)
	if err != nil {
		return nil, err
	}
	return &kartuOutput{CacheControl: "private, no-store", Body: c}, nil
}

func (m *Module) apiDaftarKomposit(ctx context.Context, in *wilayahInput) (*kompositListOutput, error) {
	k, err := wilayahPanel(ctx)
	if err != nil {
		return nil, err
	}
	defs, err := m.definisiTerlihat(ctx, k)
	if err != nil {
		return nil, err
	}
	ks, err := m.kompositTerlihat(ctx, k, defs)
	if err != nil {
		return nil, err
	}
	out := &kompositListOutput{}
	out.Body.Items = ks
	if out.Body.Items == nil {
		out.Body.Items = []Komposit{}
	}
	return out, nil
}

func (m *Module) apiBuatKomposit(ctx context.Context, in *kompositCreateInput) (*kompositOutput, error) {
	k, err := wilayahPanel(ctx)
	if err != nil {
		return nil, err
	}
	c, err := m.SimpanKomposit(ctx, k, in.Body)
	if err != nil {
		return nil, err
	}
	return &kompositOutput{Body: c}, nil
}

func (m *Module) apiHapusKomposit(ctx context.Context, in *kompositDeleteInput) (*struct{}, error) {
	k, err := wilayahPanel(ctx)
	if err != nil {
		return nil, err
	}
	return nil, m.HapusKomposit(ctx, k, in.ID)
}

func (m *Module) apiHitung(ctx context.Context, in *hitungInput) (*hitungOutput, error) {
	k, err := wilayahPanel(ctx)
	if err != nil {
		return nil, err
	}
	tahun, err := m.tahunAtau(k, in.Tahun)
	if err != nil {
		return nil, err
	}
	kab := k.Up(tenancy.Kabupaten)
	out := &hitungOutput{}
	for _, y := range []int{tahun, tahun - 1} {
		h, err := m.Rollup(ctx, kab, y)
		if err != nil {
			return nil, err
		}
		out.Body.Items = append(out.Body.Items, h)
	}
	return out, nil
}
