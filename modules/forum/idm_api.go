package forum

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The IDM operations: the import (the file itself as the body, as the
// APBDes import takes it, or a multipart form with the fields "berkas" and
// "tahun") and the list of a year.

const (
	idmTipeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	idmTipeCSV  = "text/csv"
	// maxIDMBody is the body of an import: the file and a multipart
	// envelope around it.
	maxIDMBody = MaxIDMBytes + 64<<10
)

var errIDMBesar = fault.Field("body.berkas", "Berkas terlalu besar: maksimal 5 MiB.")

func (m *Module) registerIDMAPI(api huma.API) {
	impor := httpserver.Operation(tag, "impor-idm", http.MethodPost, "/wilayah/{kode}/idm/impor",
		"Impor IDM (Indeks Desa Membangun) satu tahun dari CSV atau XLSX", PermIDM)
	impor.Description = "Untuk kecamatan atau kabupaten. Badan permintaan adalah berkas itu sendiri (CSV: Content-Type text/csv; XLSX: " +
		idmTipeXLSX + "), atau multipart/form-data dengan kolom berkas (file) dan tahun. Paling besar 5 MiB dan 20.000 baris. " +
		"Susunan Kemendesa: kolom kode desa (51.02.01.2001 atau 5102012001), IKS, IKE, IKL, nilai IDM, dan bila ada status serta tahun; " +
		"judul kolom dikenali tanpa membedakan huruf besar (kode_desa, KODE DESA, nilai_idm, IDM, status_idm, STATUS …); kolom lain diabaikan. " +
		"Angka 0–1 dengan koma atau titik desimal, dibulatkan ke 4 desimal. " +
		"Impor per tahun: tahun wajib (query atau kolom formulir); bila berkas berkolom tahun, hanya baris tahun itu yang diambil dan baris tahun lain dilewati (dihitung). " +
		"Status dihitung dari nilai dengan ambang Permendesa PDTT 2/2016 (≤0,4907 SANGAT TERTINGGAL, ≤0,5989 TERTINGGAL, ≤0,7072 BERKEMBANG, ≤0,8155 MAJU, di atasnya MANDIRI); " +
		"baris yang status berkasnya berbeda tetap disimpan dengan status hasil hitung dan ditandai (ditandai_baris). " +
		"Semua baris diperiksa dulu: bila satu saja salah (desa di luar wilayah atau tidak terdaftar, angka tidak sah, desa ganda), tidak ada yang disimpan " +
		"dan jawaban 422 menyebut setiap kesalahan per baris (errors[].message: \"Baris 12, kolom IKS: …\"). " +
		"Impor ulang satu tahun mengganti nilai tahun itu untuk desa yang ada di berkas."
	impor.DefaultStatus = http.StatusOK
	impor.MaxBodyBytes = maxIDMBody
	impor.Middlewares = huma.Middlewares{httpserver.LimitUpload(api, maxIDMBody, errIDMBesar)}
	impor.RequestBody = &huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{
		idmTipeXLSX: {Schema: &huma.Schema{Type: "string", Format: "binary"}},
		"multipart/form-data": {Schema: &huma.Schema{Type: "object", Required: []string{"berkas"}, Properties: map[string]*huma.Schema{
			"berkas": {Type: "string", Format: "binary", Description: "Berkas CSV atau XLSX"},
			"tahun":  {Type: "integer", Description: "Tahun IDM (bila tidak di query)", Minimum: idmPtr(float64(TahunIDMMin)), Maximum: idmPtr(float64(TahunIDMMax))},
		}}},
	}}
	// The body is read by apiImporIDM (a file, or a form it parses): the
	// documented form schema is not for huma to validate as JSON.
	impor.SkipValidateBody = true
	huma.Register(api, impor, m.apiImporIDM)

	daftar := httpserver.Operation(tag, "list-idm", http.MethodGet, "/wilayah/{kode}/idm",
		"IDM desa-desa satu kecamatan atau kabupaten pada satu tahun", PermPanel)
	daftar.Description = "Urut kode desa; hanya desa yang sudah memiliki nilai tahun itu. status dihitung dari nilai; beda=true bila status berkas impor berbeda; " +
		"demo=true untuk nilai contoh. Lanjutkan dengan next_cursor sampai kosong."
	huma.Register(api, daftar, m.apiDaftarIDM)
}

func idmPtr[T any](v T) *T { return &v }

type idmImporInput struct {
	Kode        string `path:"kode" doc:"Kode kecamatan atau kabupaten" example:"51.02"`
	Tahun       int    `query:"tahun" minimum:"0" maximum:"2100" doc:"Tahun IDM (wajib di sini atau di kolom formulir tahun)" example:"2024"`
	Berkas      string `query:"berkas" maxLength:"200" doc:"Nama berkas untuk catatan impor (badan berkas mentah)"`
	ContentType string `header:"Content-Type"`
	RawBody     []byte `contentType:"text/csv" doc:"Berkas CSV atau XLSX"`
}

type idmImporOutput struct {
	Body HasilImporIDM
}

func (m *Module) apiImporIDM(ctx context.Context, in *idmImporInput) (*idmImporOutput, error) {
	kode, err := idmKodePath(in.Kode)
	if err != nil {
		return nil, err
	}
	data, nama, tahun := in.RawBody, in.Berkas, in.Tahun
	if mt, params, err := mime.ParseMediaType(in.ContentType); err == nil && mt == "multipart/form-data" {
		f, err := idmBacaFormulir(multipart.NewReader(bytes.NewReader(in.RawBody), params["boundary"]))
		if err != nil {
			return nil, err
		}
		data, nama = f.data, f.nama
		if f.tahun != "" {
			if tahun, err = strconv.Atoi(f.tahun); err != nil {
				return nil, fault.Field("body.tahun", "Tahun %q tidak sah; tulis empat angka, misalnya 2024.", idmPotong(f.tahun, 10))
			}
		}
	}
	if tahun == 0 {
		return nil, fault.Field("query.tahun", "Tahun IDM wajib: di query (?tahun=2024) atau kolom formulir tahun.")
	}
	h, err := m.ImporIDM(ctx, kode, tahun, nama, data)
	if err != nil {
		return nil, err
	}
	return &idmImporOutput{Body: h}, nil
}

// idmKodePath is the {kode} of an IDM path: a kecamatan or a kabupaten.
func idmKodePath(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if err != nil || (k.Level() != tenancy.Kecamatan && k.Level() != tenancy.Kabupaten) {
		return "", fault.New(fault.NotFound, "IDM ada per kecamatan atau kabupaten; wilayah %s tidak ditemukan untuk itu.", idmPotong(s, 20))
	}
	return k, nil
}

// idmFormulir is a multipart form of an import.
type idmFormulir struct {
	data  []byte
	nama  string
	tahun string
	ada   bool // a file was chosen
}

// idmBacaFormulir reads the fields "berkas" (a file of at most
// MaxIDMBytes) and "tahun" of a multipart form, in any order; others are
// skipped.
func idmBacaFormulir(mr *multipart.Reader) (idmFormulir, error) {
	unreadable := fault.Field("body.berkas", "Formulir tidak dapat dibaca; pilih berkas CSV atau XLSX lalu kirim lagi.")
	var f idmFormulir
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return f, errIDMBesar
			}
			return f, unreadable
		}
		switch p.FormName() {
		case "berkas":
			if p.FileName() == "" {
				p.Close()
				continue
			}
			b, err := io.ReadAll(io.LimitReader(p, MaxIDMBytes+1))
			p.Close()
			if err != nil {
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					return f, errIDMBesar
				}
				return f, unreadable
			}
			if len(b) > MaxIDMBytes {
				return f, errIDMBesar
			}
			f.data, f.nama, f.ada = b, p.FileName(), true
		case "tahun":
			b, _ := io.ReadAll(io.LimitReader(p, 16))
			p.Close()
			f.tahun = strings.TrimSpace(string(b))
		default:
			p.Close()
		}
	}
	if !f.ada {
		return f, fault.Field("body.berkas", "Pilih berkas IDM (CSV atau XLSX) yang akan diimpor.")
	}
	return f, nil
}

type idmDaftarInput struct {
	Kode  string `path:"kode" doc:"Kode kecamatan atau kabupaten" example:"51.02"`
	Tahun int    `query:"tahun" required:"true" minimum:"2015" maximum:"2100" doc:"Tahun IDM" example:"2024"`
	page.Params
}

type idmDaftarOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         page.Page[IDM]
}

func (m *Module) apiDaftarIDM(ctx context.Context, in *idmDaftarInput) (*idmDaftarOutput, error) {
	kode, err := idmKodePath(in.Kode)
	if err != nil {
		return nil, err
	}
	p, err := m.DaftarIDM(ctx, kode, in.Tahun, in.Params)
	if err != nil {
		return nil, err
	}
	return &idmDaftarOutput{CacheControl: "private, no-store", Body: p}, nil
}
