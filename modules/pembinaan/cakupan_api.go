package pembinaan

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The coverage API.

func (m *Module) registerCakupan(api huma.API) {
	huma.Register(api, tlOp("get-pembinaan-cakupan", http.MethodGet, "/wilayah/{kode}/pembinaan/cakupan", "Cakupan pembinaan dan bimtek",
		"Untuk kecamatan atau kabupaten: per jabatan × topik, berapa desa dan perangkat yang menjabat hari ini pernah hadir pada pembinaan "+
			"(tidak batal) bertopik itu dalam jendela waktu (bawaan 2 tahun sampai hari ini); per kecamatan di kabupaten, per desa di kecamatan; "+
			"dan perangkat yang belum pernah dilatih sejak diangkat. topik menyaring satu topik.", PermCakupan), m.apiCakupan)
}

type cakupanInput struct {
	Kode   string `path:"kode" doc:"Kode kecamatan atau kabupaten" example:"51.02.06"`
	Dari   string `query:"dari" maxLength:"10" doc:"Awal jendela (YYYY-MM-DD); bawaan 2 tahun sebelum sampai"`
	Sampai string `query:"sampai" maxLength:"10" doc:"Akhir jendela (YYYY-MM-DD); bawaan hari ini"`
	Topik  string `query:"topik" maxLength:"60" doc:"Kode topik, mis. keuangan; kosong: semua"`
}

type cakupanOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         PembinaanCakupan
}

func (m *Module) apiCakupan(ctx context.Context, in *cakupanInput) (*cakupanOutput, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	var dari, sampai civil.Date
	var p valid.Problems
	if in.Dari != "" {
		d, err := civil.ParseDate(in.Dari)
		if err != nil {
			p.Add("query.dari", "Tanggal awal berformat YYYY-MM-DD.")
		}
		dari = d
	}
	if in.Sampai != "" {
		d, err := civil.ParseDate(in.Sampai)
		if err != nil {
			p.Add("query.sampai", "Tanggal akhir berformat YYYY-MM-DD.")
		}
		sampai = d
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	c, err := m.Cakupan(ctx, kode, dari, sampai, in.Topik)
	if err != nil {
		return nil, err
	}
	return &cakupanOutput{CacheControl: "private, no-store", Body: c}, nil
}

// cakupanCSV is the never-trained list as CSV.
func cakupanCSV(c PembinaanCakupan) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"kode_desa", "desa", "kecamatan", "nama", "jabatan", "sebutan", "menjabat_sejak"})
	for _, b := range c.BelumDilatih {
		_ = w.Write([]string{string(b.Desa), b.NamaDesa, b.Kecamatan, cakupanAmanCSV(b.Nama), cakupanJabatanLabel(b.Jabatan),
			cakupanAmanCSV(b.Sebutan), string(b.Sejak)})
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// cakupanAmanCSV keeps a spreadsheet from reading a cell as a formula.
func cakupanAmanCSV(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
