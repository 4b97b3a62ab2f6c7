package umkm

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
)

// API of the bumdes part (tag bumdes): the profile with units, years
// against the APBDes and the reports' metadata; writes of the profile, a
// unit, a year's figures and the yearly report; the report's download.

const bumdesAPI = "/desa/{kode}/bumdes"

func (m *Module) registerBumdesAPI(api huma.API) {
	huma.Register(api, apiOp("bumdes", "get-bumdes", http.MethodGet, bumdesAPI, "BUMDes desa",
		"Profil (status badan hukum PP 11/2021, klasifikasi dengan tahun dan sumbernya), semua unit usaha (paling banyak 100), "+
			"angka setiap tahun yang tercatat (terbaru dahulu) dengan realisasi APBDes desa tahun itu di sampingnya "+
			"(rekening 6.2.2 penyertaan modal dan 4.1.1.01 bagi hasil BUMDes; apbdes.ada false bila APBDes tahun itu belum tercatat; "+
			"selisih_* true bila keduanya berbeda), dan data laporan tahunan yang diunggah. 404 bila desa belum mendaftarkan BUMDes.",
		PermRead), m.apiGetBumdes)
	huma.Register(api, apiOp("bumdes", "put-bumdes", http.MethodPut, bumdesAPI, "Daftarkan atau ubah profil BUMDes",
		"Nama 3–150 karakter. Badan hukum (PP 11/2021): nomor dan tanggal sertifikat wajib, tanggal sejak 2 Februari 2021 "+
			"sampai hari ini. Klasifikasi salah satu dari data klasifikasi (perintis, pemula, berkembang, maju) dengan tahun "+
			"(2021 sampai tahun ini) dan sumbernya; kosongkan bila belum diperingkat. Tenaga kerja 0–10.000.", PermTulis), m.apiPutBumdes)
	huma.Register(api, apiOp("bumdes", "create-bumdes-unit", http.MethodPost, bumdesAPI+"/unit", "Tambah unit usaha BUMDes",
		"Nama 2–100 karakter, bidang paling banyak 100. Unit baru selalu aktif (nonaktifkan dengan ubah unit, aktif=false). "+
			"Paling banyak 100 unit per BUMDes; 404 bila desa belum mendaftarkan BUMDes.", PermTulis), m.apiCreateUnit)
	huma.Register(api, apiOp("bumdes", "update-bumdes-unit", http.MethodPut, bumdesAPI+"/unit/{id}", "Ubah unit usaha BUMDes",
		"Nama, bidang dan aktif (false: unit tidak berjalan lagi; catatannya tetap).", PermTulis), m.apiUpdateUnit)
	huma.Register(api, apiOp("bumdes", "put-bumdes-tahun", http.MethodPut, bumdesAPI+"/tahun/{tahun}", "Catat angka BUMDes setahun",
		"Angka tahun itu seperti laporan BUMDes, dalam rupiah bulat: penyertaan modal yang diterima, omzet, laba (negatif bila rugi, "+
			"−1 triliun sampai 1 triliun), kontribusi PADes, aset akhir tahun (masing-masing 0 sampai 1 triliun), dan tenaga kerja "+
			"(0–10.000). Tahun 2000 sampai tahun ini; tahun di path yang berlaku. Mencatat ulang tahun yang sama menggantikan angkanya.",
		PermTulis), m.apiPutTahun)
	unggah := apiOp("bumdes", "put-bumdes-laporan", http.MethodPut, bumdesAPI+"/laporan/{tahun}", "Unggah laporan tahunan BUMDes",
		"Badan permintaan adalah berkas PDF itu sendiri (Content-Type application/pdf), paling besar 10 MB; isinya harus diawali %PDF-. "+
			"nama_berkas opsional. Unggahan baru untuk tahun yang sama menggantikan yang lama. 404 bila desa belum mendaftarkan BUMDes.",
		PermTulis)
	unggah.MaxBodyBytes = MaxLaporan
	unggah.Middlewares = huma.Middlewares{bumdesBatasUnggah(api)}
	huma.Register(api, unggah, m.apiPutLaporan)
	huma.Register(api, apiOp("bumdes", "get-bumdes-laporan", http.MethodGet, bumdesAPI+"/laporan/{tahun}", "Unduh laporan tahunan BUMDes",
		"Berkas PDF sebagai lampiran (attachment, nosniff). Setiap unduhan tercatat di jejak audit desa.", PermRead), m.apiGetLaporan)
}

// bumdesBatasUnggah answers a declared oversized upload in Bahasa before
// the body is read (the server's body limit holds the rest).
func bumdesBatasUnggah(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		if n, err := strconv.ParseInt(ctx.Header("Content-Length"), 10, 64); err == nil && n > MaxLaporan {
			huma.WriteErr(api, ctx, http.StatusUnprocessableEntity, "", fault.Field("body", "Berkas laporan paling besar %d MB.", MaxLaporan>>20))
			return
		}
		next(ctx)
	}
}

type bumdesDesaInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
}

type bumdesOutput struct{ Body ProfilBUMDes }

func (m *Module) apiGetBumdes(ctx context.Context, _ *bumdesDesaInput) (*bumdesOutput, error) {
	p, ada, err := m.BacaProfil(ctx)
	if err != nil {
		return nil, err
	}
	if !ada {
		return nil, fault.New(fault.NotFound, "Desa ini belum mendaftarkan BUMDes.")
	}
	return &bumdesOutput{Body: p}, nil
}

type putBumdesInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body BUMDesData
}

type bumdesProfilOutput struct{ Body BUMDes }

func (m *Module) apiPutBumdes(ctx context.Context, in *putBumdesInput) (*bumdesProfilOutput, error) {
	b, err := m.SimpanBUMDes(ctx, in.Body)
	if err != nil {
		return nil, err
	}
	return &bumdesProfilOutput{Body: b}, nil
}

type createUnitInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Body UnitData
}

type unitOutput struct{ Body UnitBUMDes }

func (m *Module) apiCreateUnit(ctx context.Context, in *createUnitInput) (*unitOutput, error) {
	u, err := m.TambahUnit(ctx, in.Body)
	if err != nil {
		return nil, err
	}
	return &unitOutput{Body: u}, nil
}

type updateUnitInput struct {
	Kode string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	ID   string `path:"id" doc:"Id unit usaha"`
	Body UnitData
}

func (m *Module) apiUpdateUnit(ctx context.Context, in *updateUnitInput) (*unitOutput, error) {
	u, err := m.UbahUnit(ctx, in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &unitOutput{Body: u}, nil
}

type putTahunInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun buku" example:"2025"`
	Body  TahunData
}

type tahunOutput struct{ Body TahunBUMDes }

func (m *Module) apiPutTahun(ctx context.Context, in *putTahunInput) (*tahunOutput, error) {
	t, err := m.SimpanTahun(ctx, in.Tahun, in.Body)
	if err != nil {
		return nil, err
	}
	return &tahunOutput{Body: t}, nil
}

type putLaporanInput struct {
	Kode       string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun      int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun laporan" example:"2025"`
	NamaBerkas string `query:"nama_berkas" maxLength:"200" doc:"Nama berkas untuk unduhan; bawaan laporan-bumdes-<tahun>.pdf"`
	RawBody    []byte `contentType:"application/pdf" doc:"Berkas PDF"`
}

type laporanOutput struct{ Body LaporanBUMDes }

func (m *Module) apiPutLaporan(ctx context.Context, in *putLaporanInput) (*laporanOutput, error) {
	l, err := m.SimpanLaporan(ctx, in.Tahun, in.NamaBerkas, int64(len(in.RawBody)), bytes.NewReader(in.RawBody))
	if err != nil {
		return nil, fault.RenameFields(err, func(f string) string {
			if f == "berkas" {
				return "body"
			}
			return f
		})
	}
	return &laporanOutput{Body: l}, nil
}

type laporanTahunInput struct {
	Kode  string `path:"kode" doc:"Kode desa Kemendagri" example:"51.02.06.2001"`
	Tahun int    `path:"tahun" minimum:"2000" maximum:"2100" doc:"Tahun laporan" example:"2025"`
}

// bumdesBerkasOutput is a download: declared type, attachment, nosniff.
type bumdesBerkasOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	NoSniff            string `header:"X-Content-Type-Options"`
	Body               []byte
}

func (m *Module) apiGetLaporan(ctx context.Context, in *laporanTahunInput) (*bumdesBerkasOutput, error) {
	l, rc, err := m.BukaLaporan(ctx, in.Tahun, "get-bumdes-laporan", "/api/v1/desa/"+in.Kode+"/bumdes/laporan/"+strconv.Itoa(in.Tahun))
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, MaxLaporan+1))
	if err != nil {
		return nil, err
	}
	return &bumdesBerkasOutput{ContentType: tipePDF, ContentDisposition: `attachment; filename="` + l.NamaBerkas + `"`,
		CacheControl: "private, no-store", NoSniff: "nosniff", Body: b}, nil
}
