package pilkades

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/httpserver"
)

// The API: a desa's elections and each part of them, the kabupaten's
// progress view and its gelombang.

func op(id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := httpserver.Operation(tag, id, method, path, summary, perm)
	o.Description = desc
	return o
}

const (
	desaAPI    = "/desa/{kode}/pilkades"
	satuAPI    = desaAPI + "/{id}"
	wilayahAPI = "/wilayah/{kode}/pilkades"
	gelAPI     = wilayahAPI + "/gelombang"
)

func (m *Module) registerAPI(api huma.API) {
	huma.Register(api, op("list-pilkades", http.MethodGet, desaAPI, "Pemilihan kepala desa (Pilkades) desa",
		"Semua pemilihan desa, terbaru dahulu: panitia dan SK-nya, tahapan dengan tenggat dan tanggal selesai (terlambat ditandai), DPT "+
			"(selisih dengan jumlah DPT per TPS ditandai), calon dengan nomor urut (NIK tersamar kecuali bagi sekretaris dan operator desa), "+
			"TPS dengan hasil per calon, suara tidak sah, total dan persentase yang dihitung, sengketa, calon terpilih (usulan: suara terbanyak; "+
			"seri ditandai dan harus ditetapkan dengan alasan), masa jabatan (bawaan 8 tahun, "+DasarMasaJabatan+") dan pelantikan.", PermBaca), m.apiDaftar)
	huma.Register(api, op("create-pilkades", http.MethodPost, desaAPI, "Mulai pemilihan kepala desa",
		"Tahun, DPT (0–100.000), masa jabatan 1–10 tahun (kosong: 8). Pemilihan dari gelombang kabupaten dibuat dengan menerapkan gelombang.", PermKelola), m.apiBuat)
	huma.Register(api, op("get-pilkades", http.MethodGet, satuAPI, "Satu pemilihan kepala desa", "", PermBaca), m.apiLihat)
	huma.Register(api, op("update-pilkades", http.MethodPut, satuAPI, "Ubah data umum pemilihan",
		"Tahun, status (persiapan … penetapan), DPT, masa jabatan (8 menurut UU 3/2024 Pasal 39; 6 untuk pemilihan menurut aturan lama), nomor dan tanggal SK panitia.", PermKelola), m.apiUbah)
	huma.Register(api, op("set-pilkades-panitia", http.MethodPut, satuAPI+"/panitia", "Tetapkan susunan panitia",
		"Mengganti seluruh anggota (paling banyak 30): nama, jabatan dalam panitia (ketua, sekretaris, bendahara, anggota; satu ketua), unsur.", PermKelola), m.apiPanitia)
	huma.Register(api, op("set-pilkades-tahapan", http.MethodPut, satuAPI+"/tahapan", "Tetapkan tahapan",
		"Mengganti seluruh tahapan (paling banyak 30): nama, tenggat, tanggal selesai (tidak setelah hari ini).", PermKelola), m.apiTahapan)
	huma.Register(api, op("create-pilkades-calon", http.MethodPost, satuAPI+"/calon", "Tambah calon",
		"Nomor urut 1–20 (unik dalam pemilihan), nama, NIK 16 angka. Tidak dapat diubah setelah calon terpilih ditetapkan.", PermKelola), m.apiBuatCalon)
	huma.Register(api, op("update-pilkades-calon", http.MethodPut, satuAPI+"/calon/{calon}", "Ubah calon", "", PermKelola), m.apiUbahCalon)
	huma.Register(api, op("create-pilkades-tps", http.MethodPost, satuAPI+"/tps", "Tambah TPS dengan hasilnya",
		"Nomor 1–100 (unik), nama, DPT TPS, suara tiap calon dan suara tidak sah; jumlahnya tidak boleh melebihi DPT TPS. Total dihitung.", PermKelola), m.apiBuatTPS)
	huma.Register(api, op("update-pilkades-tps", http.MethodPut, satuAPI+"/tps/{tps}", "Ubah TPS dan hasilnya",
		"Suara seluruh calon diganti; calon yang tidak disebut bersuara 0.", PermKelola), m.apiUbahTPS)
	huma.Register(api, op("create-pilkades-sengketa", http.MethodPost, satuAPI+"/sengketa", "Catat sengketa",
		"Uraian 3–2000 karakter, tanggal, status (diajukan, diproses, selesai).", PermKelola), m.apiBuatSengketa)
	huma.Register(api, op("update-pilkades-sengketa", http.MethodPut, satuAPI+"/sengketa/{sengketa}", "Ubah sengketa", "", PermKelola), m.apiUbahSengketa)
	huma.Register(api, op("set-pilkades-terpilih", http.MethodPut, satuAPI+"/terpilih", "Tetapkan calon terpilih",
		"Calon bersuara terbanyak; bila seri, atau bila memilih calon lain, alasan wajib (dasar penetapan). Status menjadi ditetapkan.", PermKelola), m.apiTerpilih)
	huma.Register(api, op("create-pilkades-pelantikan", http.MethodPost, satuAPI+"/pelantikan", "Catat SK pengangkatan dan pelantikan",
		"Nomor dan tanggal SK bupati, tanggal pelantikan (tidak setelah hari ini). Kepala desa terpilih lalu diangkat di administrasi "+
			"(kepala desa yang menjabat diberhentikan mulai tanggal pelantikan) dengan akhir masa jabatan = pelantikan + masa jabatan − 1 hari; "+
			"status menjadi dilantik setelah pengangkatan selesai. Hanya admin kabupaten, DPMD dan Bagian Pemerintahan.", PermLantik), m.apiLantik)

	huma.Register(api, op("get-pilkades-progres", http.MethodGet, wilayahAPI, "Kemajuan Pilkades desa-desa wilayah",
		"Per desa (pemilihan terbaru, atau dari gelombang): tahapan berjalan, tahapan terlambat, DPT, jumlah calon, status, calon terpilih.", PermPantau), m.apiProgres)
	huma.Register(api, op("list-pilkades-gelombang", http.MethodGet, gelAPI, "Gelombang Pilkades serentak kabupaten",
		"Jadwal (tahapan dan tenggat) dan desa yang sudah diterapkan. {kode}: kabupaten.", PermJadwal), m.apiDaftarGelombang)
	huma.Register(api, op("create-pilkades-gelombang", http.MethodPost, gelAPI, "Buat gelombang Pilkades serentak",
		"Nama 3–200 karakter (unik per tahun), tahun, tahapan 1–30 (nama, tenggat). Hanya admin kabupaten, DPMD dan Bagian Pemerintahan.", PermJadwal), m.apiBuatGelombang)
	huma.Register(api, op("apply-pilkades-gelombang", http.MethodPost, gelAPI+"/{id}/terapkan", "Terapkan gelombang ke desa",
		"Membuat pemilihan tiap desa yang dipilih (desa di kabupaten ini) dengan tahapan disalin. Desa yang sudah ada di gelombang ini dilewati dan dilaporkan.", PermJadwal), m.apiTerapkan)
}

type kodeInput struct {
	Kode string `path:"kode" doc:"Kode wilayah Kemendagri" example:"51.02.06.2003"`
}

type idInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	ID   string `path:"id" maxLength:"40"`
}

type pilkadesDaftarOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         struct {
		Items             []PilkadesPemilihan `json:"items"`
		MasaJabatanBawaan int                 `json:"masa_jabatan_bawaan"`
		DasarMasaJabatan  string              `json:"dasar_masa_jabatan"`
	}
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

func (m *Module) apiDaftar(ctx context.Context, _ *kodeInput) (*pilkadesDaftarOutput, error) {
	ps, err := m.Daftar(ctx)
	if err != nil {
		return nil, err
	}
	o := &pilkadesDaftarOutput{CacheControl: "private, no-store"}
	o.Body.Items, o.Body.MasaJabatanBawaan, o.Body.DasarMasaJabatan = ps, MasaJabatanBawaan, DasarMasaJabatan
	return o, nil
}

type buatInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	Body PilkadesBaru
}

func (m *Module) apiBuat(ctx context.Context, in *buatInput) (*oneOutput[PilkadesPemilihan], error) {
	return one(m.Buat(ctx, in.Body))
}

func (m *Module) apiLihat(ctx context.Context, in *idInput) (*oneOutput[PilkadesPemilihan], error) {
	return one(m.Lihat(ctx, in.ID))
}

type ubahInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	ID   string `path:"id" maxLength:"40"`
	Body PilkadesUmum
}

func (m *Module) apiUbah(ctx context.Context, in *ubahInput) (*oneOutput[PilkadesPemilihan], error) {
	return one(m.UbahUmum(ctx, in.ID, in.Body))
}

type panitiaInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	ID   string `path:"id" maxLength:"40"`
	Body PilkadesPanitiaInput
}

func (m *Module) apiPanitia(ctx context.Context, in *panitiaInput) (*oneOutput[PilkadesPemilihan], error) {
	return one(m.SimpanPanitia(ctx, in.ID, in.Body))
}

type tahapanInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	ID   string `path:"id" maxLength:"40"`
	Body PilkadesTahapanInput
}

func (m *Module) apiTahapan(ctx context.Context, in *tahapanInput) (*oneOutput[PilkadesPemilihan], error) {
	return one(m.SimpanTahapan(ctx, in.ID, in.Body))
}

type calonInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	ID   string `path:"id" maxLength:"40"`
	Body PilkadesCalonInput
}

func (m *Module) apiBuatCalon(ctx context.Context, in *calonInput) (*oneOutput[PilkadesPemilihan], error) {
	return one(m.SimpanCalon(ctx, in.ID, "", in.Body))
}

type ubahCalonInput struct {
	Kode  string `path:"kode" example:"51.02.06.2003"`
	ID    string `path:"id" maxLength:"40"`
	Calon string `path:"calon" maxLength:"40"`
	Body  PilkadesCalonInput
}

func (m *Module) apiUbahCalon(ctx context.Context, in *ubahCalonInput) (*oneOutput[PilkadesPemilihan], error) {
	if !idSah(in.Calon) {
		return nil, errCalonTidakAda
	}
	return one(m.SimpanCalon(ctx, in.ID, in.Calon, in.Body))
}

type tpsInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	ID   string `path:"id" maxLength:"40"`
	Body PilkadesTPSInput
}

func (m *Module) apiBuatTPS(ctx context.Context, in *tpsInput) (*oneOutput[PilkadesPemilihan], error) {
	return one(m.SimpanTPS(ctx, in.ID, "", in.Body))
}

type ubahTPSInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	ID   string `path:"id" maxLength:"40"`
	TPS  string `path:"tps" maxLength:"40"`
	Body PilkadesTPSInput
}

func (m *Module) apiUbahTPS(ctx context.Context, in *ubahTPSInput) (*oneOutput[PilkadesPemilihan], error) {
	if !idSah(in.TPS) {
		return nil, errTPSTidakAda
	}
	return one(m.SimpanTPS(ctx, in.ID, in.TPS, in.Body))
}

type sengketaInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	ID   string `path:"id" maxLength:"40"`
	Body PilkadesSengketaInput
}

func (m *Module) apiBuatSengketa(ctx context.Context, in *sengketaInput) (*oneOutput[PilkadesPemilihan], error) {
	return one(m.SimpanSengketa(ctx, in.ID, "", in.Body))
}

type ubahSengketaInput struct {
	Kode     string `path:"kode" example:"51.02.06.2003"`
	ID       string `path:"id" maxLength:"40"`
	Sengketa string `path:"sengketa" maxLength:"40"`
	Body     PilkadesSengketaInput
}

func (m *Module) apiUbahSengketa(ctx context.Context, in *ubahSengketaInput) (*oneOutput[PilkadesPemilihan], error) {
	if !idSah(in.Sengketa) {
		return nil, errSengketa
	}
	return one(m.SimpanSengketa(ctx, in.ID, in.Sengketa, in.Body))
}

type terpilihInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	ID   string `path:"id" maxLength:"40"`
	Body PilkadesTerpilihInput
}

func (m *Module) apiTerpilih(ctx context.Context, in *terpilihInput) (*oneOutput[PilkadesPemilihan], error) {
	return one(m.Tetapkan(ctx, in.ID, in.Body))
}

type lantikInput struct {
	Kode string `path:"kode" example:"51.02.06.2003"`
	ID   string `path:"id" maxLength:"40"`
	Body PilkadesPelantikanInput
}

func (m *Module) apiLantik(ctx context.Context, in *lantikInput) (*oneOutput[PilkadesPemilihan], error) {
	return one(m.Lantik(ctx, in.ID, in.Body))
}

type progresInput struct {
	Kode      string `path:"kode" example:"51.02"`
	Gelombang string `query:"gelombang" maxLength:"40" doc:"Id gelombang; kosong: pemilihan terbaru tiap desa"`
}

type pilkadesProgresOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         struct {
		Items []PilkadesProgres `json:"items"`
	}
}

func (m *Module) apiProgres(ctx context.Context, in *progresInput) (*pilkadesProgresOutput, error) {
	if in.Gelombang != "" && !idSah(in.Gelombang) {
		return nil, errGelombang
	}
	ps, err := m.Progres(ctx, in.Gelombang)
	if err != nil {
		return nil, err
	}
	o := &pilkadesProgresOutput{CacheControl: "private, no-store"}
	o.Body.Items = ps
	return o, nil
}

type pilkadesGelombangOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         struct {
		Items []PilkadesGelombang `json:"items"`
	}
}

func (m *Module) apiDaftarGelombang(ctx context.Context, in *kodeInput) (*pilkadesGelombangOutput, error) {
	gs, err := m.DaftarGelombang(ctx)
	if err != nil {
		return nil, err
	}
	o := &pilkadesGelombangOutput{CacheControl: "private, no-store"}
	o.Body.Items = gs
	return o, nil
}

type buatGelombangInput struct {
	Kode string `path:"kode" example:"51.02"`
	Body PilkadesGelombangInput
}

func (m *Module) apiBuatGelombang(ctx context.Context, in *buatGelombangInput) (*oneOutput[PilkadesGelombang], error) {
	return one(m.BuatGelombang(ctx, in.Body))
}

type terapkanInput struct {
	Kode string `path:"kode" example:"51.02"`
	ID   string `path:"id" maxLength:"40"`
	Body PilkadesTerapkanInput
}

func (m *Module) apiTerapkan(ctx context.Context, in *terapkanInput) (*oneOutput[PilkadesTerapkan], error) {
	return one(m.Terapkan(ctx, in.ID, in.Body))
}
