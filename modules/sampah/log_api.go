package sampah

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
)

// API of the TPS3R daily log: a day is put (created or corrected) and
// deleted at its date; a month is read with its totals and its gaps.

func (m *Module) registerLogAPI(api huma.API) {
	huma.Register(api, apiOp("put-sampah-log", http.MethodPut, "/desa/{kode}/sampah/fasilitas/{id}/log/{tanggal}",
		"Catat atau koreksi log harian TPS3R",
		"Sampah masuk per hari dipilah menjadi organik, anorganik bernilai dan residu, kompos yang dihasilkan dan residu yang dikirim ke TPA, "+
			"semuanya dalam gram (paling banyak 100 ton per isian). Hari yang sudah tercatat diganti isinya (koreksi). Hanya TPS3R aktif desa ini; "+
			"tanggal tidak setelah hari ini dan tidak sebelum tahun fasilitas dibangun. Hari tidak beroperasi harus berjumlah 0, catatan boleh diisi "+
			"(mis. mesin pencacah rusak).", PermEntri), m.apiPutLog)
	huma.Register(api, apiOp("list-sampah-log", http.MethodGet, "/desa/{kode}/sampah/fasilitas/{id}/log",
		"Log harian TPS3R satu bulan",
		"Hari yang tercatat, jumlahnya sebulan, dan hari sampai hari ini yang belum tercatat. Tanpa bulan: bulan berjalan.", PermRead), m.apiListLog)
	huma.Register(api, apiOp("delete-sampah-log", http.MethodDelete, "/desa/{kode}/sampah/fasilitas/{id}/log/{tanggal}",
		"Hapus log harian TPS3R",
		"Untuk hari yang tercatat keliru (mis. TPS3R atau tanggal salah). Mengoreksi jumlah cukup dengan mencatat ulang hari itu.", PermKelola), m.apiDeleteLog)
}

// LogBody is a day of the log as the API takes it, in grams.
type LogBody struct {
	Beroperasi    bool    `json:"beroperasi" doc:"TPS3R beroperasi pada hari itu; bila tidak, semua jumlah harus 0"`
	OrganikGram   Takaran `json:"organik_gram,omitempty" doc:"Organik masuk, gram"`
	AnorganikGram Takaran `json:"anorganik_gram,omitempty" doc:"Anorganik bernilai masuk, gram"`
	ResiduGram    Takaran `json:"residu_gram,omitempty" doc:"Residu masuk, gram"`
	KomposGram    Takaran `json:"kompos_gram,omitempty" doc:"Kompos dihasilkan, gram"`
	ResiduTPAGram Takaran `json:"residu_tpa_gram,omitempty" doc:"Residu dikirim ke TPA, gram"`
	Catatan       string  `json:"catatan,omitempty" doc:"Paling banyak 500 karakter, mis. mesin pencacah rusak"`
}

func (b LogBody) isian() LogIsian {
	return LogIsian{Satuan: LogSatuanKg, Beroperasi: b.Beroperasi, Organik: int64(b.OrganikGram), Anorganik: int64(b.AnorganikGram),
		Residu: int64(b.ResiduGram), Kompos: int64(b.KomposGram), ResiduTPA: int64(b.ResiduTPAGram), Catatan: b.Catatan}
}

type logDayInput struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID      string `path:"id" doc:"Id TPS3R"`
	Tanggal string `path:"tanggal" doc:"Tanggal log, TTTT-BB-HH" example:"2026-03-05"`
}

type putLogInput struct {
	Kode    string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID      string `path:"id" doc:"Id TPS3R"`
	Tanggal string `path:"tanggal" doc:"Tanggal log, TTTT-BB-HH" example:"2026-03-05"`
	Body    LogBody
}

type logOutput struct{ Body Log }

func (m *Module) apiPutLog(ctx context.Context, in *putLogInput) (*logOutput, error) {
	l, err := m.SimpanLog(ctx, in.ID, in.Tanggal, in.Body.isian())
	if err != nil {
		return nil, logAPIFields(err)
	}
	return &logOutput{Body: l}, nil
}

type listLogInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID    string `path:"id" doc:"Id TPS3R"`
	Bulan string `query:"bulan" doc:"Bulan TTTT-BB; kosong berarti bulan berjalan" example:"2026-03"`
}

type logBulanOutput struct{ Body LogBulan }

func (m *Module) apiListLog(ctx context.Context, in *listLogInput) (*logBulanOutput, error) {
	b, err := m.BulanLog(ctx, in.ID, in.Bulan)
	if err != nil {
		return nil, logAPIFields(err)
	}
	return &logBulanOutput{Body: b}, nil
}

func (m *Module) apiDeleteLog(ctx context.Context, in *logDayInput) (*struct{}, error) {
	if err := m.HapusLog(ctx, in.ID, in.Tanggal); err != nil {
		return nil, err
	}
	return nil, nil
}

// logAPIField names the API's field for each field the store names as the
// form does.
var logAPIField = map[string]string{
	"fasilitas":  "path.id",
	"tanggal":    "path.tanggal",
	"bulan":      "query.bulan",
	"beroperasi": "body.beroperasi",
	"catatan":    "body.catatan",
	"satuan":     "body.satuan",
	"organik":    "body.organik_gram",
	"anorganik":  "body.anorganik_gram",
	"residu":     "body.residu_gram",
	"kompos":     "body.kompos_gram",
	"residu_tpa": "body.residu_tpa_gram",
}

// logAPIFields renames the fields of a refusal to the API's names.
func logAPIFields(err error) error {
	return fault.RenameFields(err, func(f string) string {
		if n, ok := logAPIField[f]; ok {
			return n
		}
		return f
	})
}
