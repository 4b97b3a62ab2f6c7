package wilayah

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Register adds the module's operations to api, the /api/v1 group. The
// platform middleware has checked PermRead against {kode} before a handler
// runs, so handlers only validate input and read.
func (m *Module) Register(api huma.API) {
	huma.Register(api, huma.Operation{
		OperationID: "get-wilayah",
		Method:      http.MethodGet,
		Path:        "/wilayah/{kode}",
		Summary:     "Wilayah dan wilayah di bawahnya",
		Description: "Satu wilayah (provinsi, kabupaten/kota, kecamatan, desa atau kelurahan) beserta wilayah setingkat di bawahnya.",
		Tags:        []string{"wilayah"},
		Metadata:    authz.Require(PermRead),
	}, m.getWilayah)

	huma.Register(api, huma.Operation{
		OperationID: "list-wilayah-desa",
		Method:      http.MethodGet,
		Path:        "/wilayah/{kode}/desa",
		Summary:     "Daftar desa dalam wilayah",
		Description: "Desa (tanpa kelurahan) di dalam wilayah, urut kode, per halaman. Lanjutkan dengan next_cursor sampai kosong.",
		Tags:        []string{"wilayah"},
		Metadata:    authz.Require(PermRead),
	}, m.listDesa)

	huma.Register(api, huma.Operation{
		OperationID: "get-wilayah-tabel-desa",
		Method:      http.MethodGet,
		Path:        "/wilayah/{kode}/tabel-desa",
		Summary:     "Tabel desa sekilas: pejabat, jabatan, masa jabatan, penduduk, surat",
		Description: "Satu baris per desa di kecamatan atau kabupaten/kota: kepala desa dan statusnya, jabatan terisi dan kosong, " +
			"masa jabatan yang berakhir dalam 60 hari, penduduk, surat keluar bulan ini, dan tanggal pembaruan terakhir. " +
			"Kolom hanya yang boleh dilihat pemanggil (forum perbekel: angka gabungan saja). Urut dengan urut= dan arah=, " +
			"saring dengan kecamatan= (di kabupaten). Per halaman paling banyak 100 baris; lanjutkan dengan next_cursor.",
		Tags:     []string{"wilayah"},
		Metadata: authz.Require(PermRead),
	}, m.getTabelDesa)

	m.registerKalender(api)
}

// parseKodeParam checks the {kode} path parameter with tenancy.ParseKode
// rather than a schema pattern, so the message is the same Bahasa Indonesia
// one everywhere a code is parsed.
func parseKodeParam(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if e, ok := fault.As(err); ok {
		e.Field = "path.kode"
	}
	return k, err
}

// WilayahDetail is a wilayah with the regions directly under it.
type WilayahDetail struct {
	Wilayah
	Children []Wilayah `json:"children" doc:"Wilayah satu tingkat di bawahnya, urut kode"`
}

type getWilayahOutput struct {
	Body WilayahDetail
}

type getWilayahInput struct {
	Kode string `path:"kode" doc:"Kode wilayah Kemendagri, mis. 51.02 atau 51.02.06.2001" example:"51.02"`
}

func (m *Module) getWilayah(ctx context.Context, in *getWilayahInput) (*getWilayahOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	w, err := m.Lookup(ctx, kode)
	if err != nil {
		return nil, err
	}
	children, err := m.Children(ctx, kode)
	if err != nil {
		return nil, err
	}
	return &getWilayahOutput{Body: WilayahDetail{Wilayah: w, Children: children}}, nil
}

type listDesaInput struct {
	Kode   string `path:"kode" doc:"Kode wilayah Kemendagri, mis. 51.02 atau 51.02.06" example:"51.02"`
	Cursor string `query:"cursor" doc:"next_cursor dari halaman sebelumnya; kosong untuk halaman pertama"`
	Limit  int    `query:"limit" default:"20" minimum:"1" maximum:"100" doc:"Banyak desa per halaman"`
	Nama   string `query:"nama" maxLength:"100" doc:"Saring nama desa (sebagian nama, huruf besar/kecil sama)"`
}

type listDesaOutput struct {
	Body Page[Wilayah]
}

func (m *Module) listDesa(ctx context.Context, in *listDesaInput) (*listDesaOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	page, err := m.ListDesa(ctx, kode, DesaQuery{Cursor: in.Cursor, Limit: in.Limit, Nama: in.Nama})
	if err != nil {
		return nil, err
	}
	return &listDesaOutput{Body: page}, nil
}

type tabelDesaInput struct {
	Kode      string `path:"kode" doc:"Kode kecamatan atau kabupaten/kota, mis. 51.02.06 atau 51.02" example:"51.02.06"`
	Kecamatan string `query:"kecamatan" maxLength:"8" doc:"Hanya desa kecamatan ini (kode kecamatan di dalam kabupaten)"`
	Urut      string `query:"urut" maxLength:"64" doc:"Kunci kolom untuk mengurutkan: kode (bawaan), nama, kecamatan, atau kunci salah satu kolom"`
	Arah      string `query:"arah" enum:"naik,turun" doc:"naik (bawaan) atau turun; desa tanpa data selalu di akhir"`
	Cursor    string `query:"cursor" doc:"next_cursor dari halaman sebelumnya; kosong untuk halaman pertama"`
	Limit     int    `query:"limit" default:"100" minimum:"1" maximum:"100" doc:"Banyak desa per halaman"`
}

// TabelDesa is one page of the desa table.
type TabelDesa struct {
	Wilayah tenancy.Kode `json:"wilayah"`
	Nama    string       `json:"nama"`
	Periode struct {
		Dari   string `json:"dari" doc:"Awal periode hitungan surat (bulan ini), TTTT-BB-HH"`
		Sampai string `json:"sampai"`
	} `json:"periode"`
	Agregat    bool         `json:"agregat" doc:"true bila pemanggil hanya boleh melihat angka gabungan (tanpa nama, tanpa surat)"`
	Kolom      []Kolom      `json:"kolom"`
	Items      []BarisNilai `json:"items"`
	NextCursor string       `json:"next_cursor,omitempty"`
}

// BarisNilai is a desa of the table with its values by column key: counts
// as numbers, text as strings, instants as RFC 3339. A key is absent when
// the desa has no data for it.
type BarisNilai struct {
	Baris
	Nilai map[string]any `json:"nilai"`
}

type tabelDesaOutput struct {
	Body TabelDesa
}

func (m *Module) getTabelDesa(ctx context.Context, in *tabelDesaInput) (*tabelDesaOutput, error) {
	kode, err := parseKodeParam(in.Kode)
	if err != nil {
		return nil, err
	}
	u, _ := auth.UserFrom(ctx)
	t, err := m.Tabel(ctx, u.ID, kode, TabelQuery{Kecamatan: in.Kecamatan, Urut: in.Urut, Turun: in.Arah == "turun"})
	if err != nil {
		return nil, err
	}
	from, err := decodeCursor(in.Cursor, func(s string) (int, error) {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > len(t.Baris) {
			return 0, fault.New(fault.Invalid, "cursor")
		}
		return n, nil
	})
	if err != nil {
		return nil, err
	}
	limit := in.Limit
	if limit == 0 {
		limit = MaxLimit
	}
	out := TabelDesa{Wilayah: t.Wilayah.Kode, Nama: judul(t.Wilayah), Agregat: t.Agregat, Kolom: t.Kolom, Items: []BarisNilai{}}
	if out.Kolom == nil {
		out.Kolom = []Kolom{}
	}
	out.Periode.Dari, out.Periode.Sampai = string(t.Periode.From), string(t.Periode.To)
	to := min(from+limit, len(t.Baris))
	for _, b := range t.Baris[from:to] {
		bn := BarisNilai{Baris: b, Nilai: map[string]any{}}
		for _, k := range t.Kolom {
			v, ok := b.Nilai(k.Kunci)
			if !ok {
				continue
			}
			switch k.Jenis {
			case indicator.Count:
				bn.Nilai[k.Kunci] = v.Number
			case indicator.Time:
				bn.Nilai[k.Kunci] = v.Time
			default:
				bn.Nilai[k.Kunci] = v.Text
			}
		}
		out.Items = append(out.Items, bn)
	}
	if to < len(t.Baris) {
		out.NextCursor = encodeCursor(strconv.Itoa(to))
	}
	return &tabelDesaOutput{Body: out}, nil
}
