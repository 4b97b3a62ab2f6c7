package keuangan

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// registerWilayah adds the kecamatan and kabupaten table: figures per desa
// only (PermRingkasan), which the forum perbekel sees too.
func (m *Module) registerWilayah(api huma.API) {
	huma.Register(api, apiOp("get-wilayah-keuangan", http.MethodGet, "/wilayah/{kode}/keuangan/{tahun}",
		"Keuangan setiap desa di kecamatan atau kabupaten",
		"Satu baris per desa: pagu belanja APBDes yang berlaku, realisasi belanja (rupiah dan basis poin), "+
			"pendapatan yang diterima, tahap Dana Desa yang sudah diterima (jumlah dan tanggal), status APBDes "+
			"(belum_ada, draft, diajukan, dikembalikan, dievaluasi, ditetapkan; murni atau perubahan) dan tanggal transaksi terakhir. "+
			"Hanya angka gabungan: tanpa baris APBDes, penerima atau transaksi. Urut dengan urut= dan arah=, saring dengan "+
			"kecamatan= (di kabupaten). Per halaman paling banyak 100 desa; lanjutkan dengan next_cursor. "+
			"Unduhan CSV atau XLSX: /wilayah/{kode}/keuangan/unduh/{tahun}?format=csv|xlsx.",
		PermRingkasan), m.apiTabelWilayah)
	huma.Register(api, apiOp("get-wilayah-keuangan-unduh", http.MethodGet, "/wilayah/{kode}/keuangan/unduh/{tahun}",
		"Unduh tabel keuangan desa (CSV atau XLSX)",
		"Tabel yang sama dengan get-wilayah-keuangan, semua desa sekaligus, sebagai CSV (angka polos) atau XLSX.",
		PermRingkasan), m.apiUnduhWilayah)
}

type tabelWilayahInput struct {
	Kode      string `path:"kode" doc:"Kode kecamatan atau kabupaten, mis. 51.02.06 atau 51.02" example:"51.02.06"`
	Tahun     int    `path:"tahun" minimum:"2000" maximum:"2100" example:"2026"`
	Kecamatan string `query:"kecamatan" maxLength:"8" doc:"Hanya desa kecamatan ini (kode kecamatan di dalam kabupaten)"`
	Urut      string `query:"urut" enum:"kode,nama,kecamatan,status,pagu,realisasi,realisasi_persen,pendapatan,dd_tahap,transaksi_terakhir" doc:"Kolom urutan; bawaan kode"`
	Arah      string `query:"arah" enum:"naik,turun" doc:"naik (bawaan) atau turun; desa tanpa persentase atau transaksi selalu di akhir"`
	Cursor    string `query:"cursor" doc:"next_cursor dari halaman sebelumnya; kosong untuk halaman pertama"`
	Limit     int    `query:"limit" default:"100" minimum:"1" maximum:"100" doc:"Banyak desa per halaman"`
}

func (in tabelWilayahInput) query() (tenancy.Kode, RingkasanQuery, error) {
	k, err := tenancy.ParseKode(in.Kode)
	if e, ok := fault.As(err); ok {
		e.Field = "path.kode"
	}
	return k, RingkasanQuery{Tahun: in.Tahun, Kecamatan: in.Kecamatan, Urut: in.Urut, Turun: in.Arah == "turun"}, err
}

// TabelWilayahBody is one page of the table.
type TabelWilayahBody struct {
	Wilayah    tenancy.Kode         `json:"wilayah"`
	Nama       string               `json:"nama"`
	Tahun      int                  `json:"tahun"`
	Kecamatan  []RingkasanKecamatan `json:"kecamatan,omitempty" doc:"Kecamatan di kabupaten, untuk saringan"`
	Items      []RingkasanDesa      `json:"items"`
	NextCursor string               `json:"next_cursor,omitempty"`
}

type tabelWilayahOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         TabelWilayahBody
}

func (m *Module) apiTabelWilayah(ctx context.Context, in *tabelWilayahInput) (*tabelWilayahOutput, error) {
	kode, q, err := in.query()
	if err != nil {
		return nil, err
	}
	t, err := m.TabelWilayah(ctx, kode, q)
	if err != nil {
		return nil, err
	}
	from := 0
	if in.Cursor != "" {
		n, err := strconv.Atoi(in.Cursor)
		if err != nil || n < 1 || n > len(t.Baris) {
			return nil, fault.Field("query.cursor", "Cursor tidak sah.")
		}
		from = n
	}
	limit := in.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	to := min(from+limit, len(t.Baris))
	body := TabelWilayahBody{Wilayah: kode, Nama: m.namaWilayah(ctx, kode), Tahun: t.Tahun, Kecamatan: t.Kecamatan,
		Items: append([]RingkasanDesa{}, t.Baris[from:to]...)}
	if to < len(t.Baris) {
		body.NextCursor = strconv.Itoa(to)
	}
	return &tabelWilayahOutput{CacheControl: "private, no-store", Body: body}, nil
}

type unduhWilayahInput struct {
	Kode      string `path:"kode" doc:"Kode kecamatan atau kabupaten" example:"51.02.06"`
	Tahun     int    `path:"tahun" minimum:"2000" maximum:"2100" example:"2026"`
	Format    string `query:"format" enum:"csv,xlsx" default:"csv" doc:"csv atau xlsx"`
	Kecamatan string `query:"kecamatan" maxLength:"8" doc:"Hanya desa kecamatan ini"`
	Urut      string `query:"urut" enum:"kode,nama,kecamatan,status,pagu,realisasi,realisasi_persen,pendapatan,dd_tahap,transaksi_terakhir"`
	Arah      string `query:"arah" enum:"naik,turun"`
}

type berkasOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	NoSniff            string `header:"X-Content-Type-Options"`
	Body               []byte
}

func (m *Module) apiUnduhWilayah(ctx context.Context, in *unduhWilayahInput) (*berkasOutput, error) {
	name, tipe, b, err := m.unduhWilayah(ctx, tabelWilayahInput{Kode: in.Kode, Tahun: in.Tahun, Kecamatan: in.Kecamatan,
		Urut: in.Urut, Arah: in.Arah}, in.Format)
	if err != nil {
		return nil, err
	}
	return &berkasOutput{ContentType: tipe, ContentDisposition: `attachment; filename="` + name + `"`,
		CacheControl: "private, no-store", NoSniff: "nosniff", Body: b}, nil
}

func (m *Module) unduhWilayah(ctx context.Context, in tabelWilayahInput, format string) (name, tipe string, b []byte, err error) {
	kode, q, err := in.query()
	if err != nil {
		return "", "", nil, err
	}
	t, err := m.TabelWilayah(ctx, kode, q)
	if err != nil {
		return "", "", nil, err
	}
	return t.Berkas(format, m.namaWilayah(ctx, kode))
}

// namaWilayah is the official name of a wilayah, or its code when no Names is
// wired or the lookup fails (a header must not fail a page).
func (m *Module) namaWilayah(ctx context.Context, kode tenancy.Kode) string {
	if m.names != nil {
		if n, err := m.names.Nama(ctx, kode); err == nil {
			return n
		}
	}
	return string(kode)
}

// routesWilayah adds the table page, its downloads and the public page.
func (m *Module) routesWilayah(mux *http.ServeMux) {
	m.routesTabelWilayah(mux)
	m.routesPublik(mux)
	m.routesAturanTahap(mux)
}
