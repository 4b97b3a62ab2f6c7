package keuangan

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// A kabupaten's own reading of the Dana Desa tahap of a year (its Perbup
// on penyaluran), kept beside the national default: a kabupaten with rows
// for a year uses all of them, one without uses the national ones.

// AturanTahapBaru is one tahap of a kabupaten's rules as sent.
type AturanTahapBaru struct {
	Tahap           int    `json:"tahap" minimum:"1" maximum:"3"`
	Persen          int64  `json:"persen_bp" minimum:"0" maximum:"10000" doc:"Bagian pagu dalam basis poin (4000 = 40%)"`
	SyaratRealisasi int64  `json:"syarat_realisasi_bp" minimum:"0" maximum:"10000"`
	SyaratOutput    int64  `json:"syarat_output_bp" minimum:"0" maximum:"10000"`
	Sumber          string `json:"sumber" maxLength:"200" doc:"Dasar aturan, mis. Perbup Tabanan Nomor … Tahun 2026"`
}

// AturanTahapKabupaten is the rules of one year as a kabupaten sets them;
// an empty Tahap list returns the kabupaten to the national rules.
type AturanTahapKabupaten struct {
	Tahun int               `json:"tahun" minimum:"2000" maximum:"2100"`
	Tahap []AturanTahapBaru `json:"tahap" maxItems:"3"`
}

// SimpanAturanTahap replaces the kabupaten in ctx's rules for a year.
func (m *Module) SimpanAturanTahap(ctx context.Context, in AturanTahapKabupaten) ([]AturanTahap, error) {
	t, ok := tenancy.From(ctx)
	if !ok || t.Kode.Level() != tenancy.Kabupaten {
		return nil, fault.New(fault.NotFound, "Aturan tahap Dana Desa ditetapkan per kabupaten.")
	}
	var p valid.Problems
	p.Int("tahun", "Tahun", int64(in.Tahun), TahunMin, TahunMax)
	var sum int64
	rows := make([]AturanTahap, 0, len(in.Tahap))
	for i, a := range in.Tahap {
		f := func(n string) string { return "tahap[" + itoaSmall(i) + "]." + n }
		if a.Tahap != i+1 {
			p.Add(f("tahap"), "Tahap harus berurutan mulai dari 1.")
		}
		for _, v := range []struct {
			name string
			v    int64
		}{{"persen_bp", a.Persen}, {"syarat_realisasi_bp", a.SyaratRealisasi}, {"syarat_output_bp", a.SyaratOutput}} {
			if v.v < 0 || v.v > 10000 {
				p.Add(f(v.name), "Nilai harus antara 0 dan 10000 basis poin (0–100%%).")
			}
		}
		src := strings.TrimSpace(a.Sumber)
		p.Text(f("sumber"), "Dasar aturan", src, 1, 200)
		sum += a.Persen
		rows = append(rows, AturanTahap{Wilayah: string(t.Kode), Tahun: in.Tahun, Tahap: a.Tahap, Persen: a.Persen,
			SyaratRealisasi: a.SyaratRealisasi, SyaratOutput: a.SyaratOutput, Sumber: src})
	}
	if len(in.Tahap) > 3 {
		p.Add("tahap", "Paling banyak tiga tahap.")
	}
	if len(rows) > 0 && sum != 10000 {
		p.Add("tahap", "Bagian semua tahap harus berjumlah 100%% (10000 basis poin), bukan %s.", formatBP(sum))
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewDelete().Model((*AturanTahap)(nil)).Where("wilayah = ? AND tahun = ?", string(t.Kode), in.Tahun).Exec(ctx); err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		_, err := tx.NewInsert().Model(&rows).Exec(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return m.AturanTahap(ctx, in.Tahun)
}

// AturanTahap reads the rules of tahun in force for the wilayah in ctx (a
// desa, kecamatan or kabupaten: its kabupaten's, else the national).
func (m *Module) AturanTahap(ctx context.Context, tahun int) ([]AturanTahap, error) {
	var out []AturanTahap
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = aturanTahap(ctx, tx, tahun)
		return err
	})
	if out == nil {
		out = []AturanTahap{}
	}
	return out, err
}

func itoaSmall(i int) string { return string(rune('0' + i%10)) }

func (m *Module) registerAturanTahapAPI(api huma.API) {
	huma.Register(api, apiOp("get-keuangan-aturan-tahap-dd", http.MethodGet, "/wilayah/{kode}/keuangan/aturan-tahap-dana-desa",
		"Aturan tahap Dana Desa yang berlaku",
		"Bagian pagu tiap tahap dan syarat penyaluran tahap berikutnya untuk tahun anggaran: aturan kabupaten bila ada, selain itu bawaan nasional.",
		PermRingkasan), m.apiGetAturanTahap)
	huma.Register(api, apiOp("put-keuangan-aturan-tahap-dd", http.MethodPut, "/wilayah/{kode}/keuangan/aturan-tahap-dana-desa",
		"Tetapkan aturan tahap Dana Desa kabupaten",
		"Mengganti aturan kabupaten untuk satu tahun; daftar tahap kosong kembali ke aturan nasional. Bagian semua tahap berjumlah 100%.",
		PermAturan), m.apiPutAturanTahap)
}

type aturanTahapInput struct {
	Kode  string `path:"kode" doc:"Kode wilayah" example:"51.02"`
	Tahun int    `query:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun anggaran; kosong berarti tahun berjalan" example:"2026"`
}

type aturanTahapOutput struct {
	Body struct {
		Tahap []AturanTahap `json:"tahap"`
	}
}

func (m *Module) apiGetAturanTahap(ctx context.Context, in *aturanTahapInput) (*aturanTahapOutput, error) {
	tahun := in.Tahun
	if tahun == 0 {
		tahun = m.now().Year()
	}
	rows, err := m.AturanTahap(ctx, tahun)
	if err != nil {
		return nil, err
	}
	out := &aturanTahapOutput{}
	out.Body.Tahap = rows
	return out, nil
}

type putAturanTahapInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten" example:"51.02"`
	Body AturanTahapKabupaten
}

func (m *Module) apiPutAturanTahap(ctx context.Context, in *putAturanTahapInput) (*aturanTahapOutput, error) {
	rows, err := m.SimpanAturanTahap(ctx, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	out := &aturanTahapOutput{}
	out.Body.Tahap = rows
	return out, nil
}
