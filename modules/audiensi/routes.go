package audiensi

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

const tag = "audiensi"

func apiOp(id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := httpserver.Operation(tag, id, method, path, summary, perm)
	o.Description = desc
	return o
}

func publicOp(id, method, path, summary, desc string) huma.Operation {
	o := huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Description: desc,
		Tags: []string{tag}, Metadata: authz.Public()}
	if method == http.MethodPost {
		o.DefaultStatus = http.StatusCreated
	}
	return o
}

// action is a POST that acts on an existing audiensi (200, not 201).
func action(id, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := apiOp(id, http.MethodPost, path, summary, desc, perm)
	o.DefaultStatus = http.StatusOK
	return o
}

const base = "/desa/{kode}/audiensi"

// Register adds the module's operations to the /api/v1 group.
func (m *Module) Register(api huma.API) {
	huma.Register(api, apiOp("list-audiensi", http.MethodGet, base, "Daftar audiensi desa",
		"Terbaru dahulu, dengan status jam layanan (tepat_waktu / mendekati / terlambat). Identitas pelapor tidak ada di daftar.",
		PermBaca), m.apiDaftar)
	huma.Register(api, apiOp("create-audiensi", http.MethodPost, base, "Catat audiensi",
		"Audiensi yang diterima di kantor desa, atau saat kunjungan kerja (isi kunjungan dengan id kunjungan kerja desa ini). Diterima hari ini; tenggat verifikasi 3 hari kerja.",
		PermCatat), m.apiBuat)
	huma.Register(api, apiOp("get-audiensi", http.MethodGet, base+"/{id}", "Satu audiensi",
		"Dengan disposisi dan riwayat. Pengguna OPD hanya melihat audiensi yang didisposisikan kepada OPD-nya. "+
			"Identitas pelapor terbuka hanya untuk peran desa yang menanganinya; pelapor rahasia hanya untuk verifikator.",
		PermLihat), m.apiLihat)
	huma.Register(api, apiOp("update-audiensi", http.MethodPut, base+"/{id}", "Perbaiki isi audiensi",
		"Hanya sebelum didisposisikan (status baru atau diverifikasi).", PermVerifikasi), m.apiUbah)
	huma.Register(api, action("verify-audiensi", base+"/{id}/verifikasi", "Verifikasi",
		"baru → diverifikasi.", PermVerifikasi), m.apiVerifikasi)
	huma.Register(api, action("dispose-audiensi", base+"/{id}/disposisi", "Disposisi ke OPD atau desa",
		"diverifikasi → didisposisikan. penerima: id OPD dari registri OPD kabupaten, atau \"desa\". "+
			"Setiap penerima menanggapi dalam 5 hari kerja.", PermVerifikasi), m.apiDisposisi)
	huma.Register(api, action("respond-audiensi", base+"/{id}/tanggapan", "Tanggapan penerima disposisi",
		"Oleh anggota OPD penerima, atau perangkat desa untuk bagian desa. Setelah semua penerima menjawab: ditindaklanjuti.",
		PermLihat), m.apiTanggapan)
	huma.Register(api, action("return-audiensi", base+"/{id}/kembalikan", "Kembalikan ke verifikator",
		"Penerima mengembalikan bagiannya dengan alasan (bukan bidangnya, salah desa, …).", PermLihat), m.apiKembalikan)
	huma.Register(api, action("close-audiensi", base+"/{id}/selesai", "Selesaikan",
		"ditindaklanjuti → selesai. Setelah selesai isi tidak dapat diubah.", PermVerifikasi), m.apiSelesai)
	huma.Register(api, action("reject-audiensi", base+"/{id}/tolak", "Tolak",
		"Alasan wajib; pelapor melihatnya.", PermVerifikasi), m.apiTolak)
	huma.Register(api, action("reopen-audiensi", base+"/{id}/buka-kembali", "Buka kembali",
		"selesai/ditolak → diverifikasi, alasan wajib.", PermVerifikasi), m.apiBuka)
	m.registerOPD(api)
	m.registerFoto(api)
	m.registerPublik(api)
	huma.Register(api, apiOp("get-audiensi-statistik", http.MethodGet, "/wilayah/{kode}/audiensi/statistik",
		"Statistik audiensi desa, kecamatan atau kabupaten",
		"Diterima, ditutup, median hari kerja sampai ditutup, persen tepat waktu, per kategori, per desa dan per penerima "+
			"disposisi (OPD atau desa), untuk audiensi yang diterima pada tahun itu. Tanpa teks dan tanpa identitas.",
		PermStatistik), m.apiStatistik)
}

// --- views

// PelaporView is a reporter as the roles that may see them do.
type PelaporView struct {
	Nama    string `json:"nama,omitempty"`
	Telepon string `json:"telepon,omitempty"`
}

// AudiensiView is an audiensi as the API shows it.
type AudiensiView struct {
	Audiensi
	KategoriNama string       `json:"kategori_nama"`
	Lintang      string       `json:"lintang,omitempty"`
	Bujur        string       `json:"bujur,omitempty"`
	Pelapor      *PelaporView `json:"pelapor,omitempty" doc:"Hanya untuk peran yang boleh melihat identitas pelapor"`
	Jam          Jam          `json:"jam,omitempty" enum:"tepat_waktu,mendekati,terlambat"`
}

// DetailView adds the recipients and the timeline.
type DetailView struct {
	AudiensiView
	Disposisi []DisposisiAudiensi `json:"disposisi"`
	Riwayat   []RiwayatAudiensi   `json:"riwayat"`
	Foto      []FotoAudiensi      `json:"foto"`
}

// izin is what the viewer may see of reporters.
type izin struct{ pelapor, rahasia bool }

func (m *Module) allowed(ctx context.Context, k tenancy.Kode, p authz.Permission) bool {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.authz == nil {
		return false
	}
	yes, err := m.authz.Allowed(ctx, u.ID, k, p)
	return err == nil && yes
}

func (m *Module) izinOf(ctx context.Context) izin {
	t, _ := tenancy.From(ctx)
	return izin{pelapor: m.allowed(ctx, t.Kode, PermPelapor), rahasia: m.allowed(ctx, t.Kode, PermVerifikasi)}
}

func (m *Module) view(a Audiensi, iz izin, jam Jam) AudiensiView {
	v := AudiensiView{Audiensi: a, Jam: jam, KategoriNama: a.Kategori}
	if k, ok := m.ref.KategoriOf(a.Kategori); ok {
		v.KategoriNama = k.Nama
	}
	if a.Lintang != nil && a.Bujur != nil {
		v.Lintang, v.Bujur = valid.FormatDerajat(*a.Lintang), valid.FormatDerajat(*a.Bujur)
	}
	show := (a.PelaporMode == Terbuka && iz.pelapor) || (a.PelaporMode == Rahasia && iz.rahasia)
	if show && (a.PelaporNama != "" || a.PelaporTelepon != "") {
		v.Pelapor = &PelaporView{Nama: a.PelaporNama, Telepon: a.PelaporTelepon}
	}
	return v
}

func (m *Module) detailView(ctx context.Context, d Detail, iz izin) (DetailView, error) {
	var jam Jam
	if d.Status.Terbuka() {
		k, err := m.kalenderOf(ctx)
		if err != nil {
			return DetailView{}, err
		}
		jam = JamPada(k, m.hariIni(ctx), d.Tenggat)
	}
	v := DetailView{AudiensiView: m.view(d.Audiensi, iz, jam), Disposisi: d.Disposisi, Riwayat: d.Riwayat}
	if v.Disposisi == nil {
		v.Disposisi = []DisposisiAudiensi{}
	}
	if v.Riwayat == nil {
		v.Riwayat = []RiwayatAudiensi{}
	}
	fs, err := m.DaftarFoto(ctx, d.ID)
	if err != nil {
		return DetailView{}, err
	}
	t, _ := tenancy.From(ctx)
	v.Foto = make([]FotoAudiensi, len(fs))
	for i, f := range fs {
		v.Foto[i] = fotoView(t.Kode, f)
	}
	return v, nil
}

// --- desa operations

type listInput struct {
	Kode string `path:"kode" maxLength:"20" example:"51.02.06.2001"`
	page.Params
	Status    string `query:"status" enum:"baru,diverifikasi,didisposisikan,ditindaklanjuti,selesai,ditolak" doc:"Saring status"`
	Kategori  string `query:"kategori" maxLength:"40"`
	Terlambat bool   `query:"terlambat" doc:"Hanya yang masih berjalan dan melewati tenggat"`
}

type listOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         page.Page[AudiensiView]
}

func (m *Module) apiDaftar(ctx context.Context, in *listInput) (*listOutput, error) {
	p, err := m.Daftar(ctx, Query{Params: in.Params, Status: Status(in.Status), Kategori: in.Kategori, Terlambat: in.Terlambat})
	if err != nil {
		return nil, err
	}
	out := &listOutput{CacheControl: "private, no-store", Body: page.Page[AudiensiView]{NextCursor: p.NextCursor, Items: []AudiensiView{}}}
	for _, b := range p.Items {
		out.Body.Items = append(out.Body.Items, m.view(b.Audiensi, izin{}, b.Jam))
	}
	return out, nil
}

type createInput struct {
	Kode string `path:"kode" maxLength:"20"`
	Body struct {
		AudiensiData
		Kunjungan string `json:"kunjungan,omitempty" maxLength:"200" doc:"id kunjungan kerja desa ini tempat audiensi diterima (direncanakan, berlangsung atau selesai; kosong: kantor desa)"`
	}
}

type detailOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         DetailView
}

func (m *Module) out(ctx context.Context, d Detail, err error) (*detailOutput, error) {
	if err != nil {
		return nil, err
	}
	v, err := m.detailView(ctx, d, m.izinOf(ctx))
	if err != nil {
		return nil, err
	}
	return &detailOutput{CacheControl: "private, no-store", Body: v}, nil
}

func (m *Module) apiBuat(ctx context.Context, in *createInput) (*detailOutput, error) {
	kanal := KanalDesa
	if in.Body.Kunjungan != "" {
		kanal = KanalKunjungan
	}
	d, err := m.Buat(ctx, in.Body.AudiensiData, kanal, in.Body.Kunjungan)
	return m.out(ctx, d, err)
}

type idInput struct {
	Kode string `path:"kode" maxLength:"20"`
	ID   string `path:"id" maxLength:"40"`
}

// bolehLihat: a reader of the desa sees every audiensi; anyone else (an
// opd user) only one disposed to their own OPD — the rest is "not found".
func (m *Module) bolehLihat(ctx context.Context, d Detail) error {
	t, _ := tenancy.From(ctx)
	if m.allowed(ctx, t.Kode, PermBaca) {
		return nil
	}
	if o, ok := m.opdOf(ctx); ok && indexPenerima(d.Disposisi, o.ID) >= 0 {
		return nil
	}
	return errTidakAda
}

func (m *Module) opdOf(ctx context.Context) (OPD, bool) {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.opd == nil {
		return OPD{}, false
	}
	o, ok, err := m.opd.OPDOf(ctx, u.ID)
	return o, ok && err == nil
}

func (m *Module) apiLihat(ctx context.Context, in *idInput) (*detailOutput, error) {
	d, err := m.Lihat(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if err := m.bolehLihat(ctx, d); err != nil {
		return nil, err
	}
	return m.out(ctx, d, nil)
}

type updateInput struct {
	Kode string `path:"kode" maxLength:"20"`
	ID   string `path:"id" maxLength:"40"`
	Body AudiensiData
}

func (m *Module) apiUbah(ctx context.Context, in *updateInput) (*detailOutput, error) {
	d, err := m.Ubah(ctx, in.ID, in.Body)
	return m.out(ctx, d, err)
}

type catatanInput struct {
	Kode string `path:"kode" maxLength:"20"`
	ID   string `path:"id" maxLength:"40"`
	Body struct {
		Catatan string `json:"catatan,omitempty" maxLength:"4000"`
	}
}

func (m *Module) apiVerifikasi(ctx context.Context, in *catatanInput) (*detailOutput, error) {
	d, err := m.Verifikasi(ctx, in.ID, in.Body.Catatan)
	return m.out(ctx, d, err)
}

func (m *Module) apiSelesai(ctx context.Context, in *catatanInput) (*detailOutput, error) {
	d, err := m.Selesaikan(ctx, in.ID, in.Body.Catatan)
	return m.out(ctx, d, err)
}

type disposisiInput struct {
	Kode string `path:"kode" maxLength:"20"`
	ID   string `path:"id" maxLength:"40"`
	Body struct {
		Penerima []string `json:"penerima" maxItems:"10" minItems:"1" doc:"id OPD (registri OPD kabupaten) atau \"desa\""`
		Catatan  string   `json:"catatan,omitempty" maxLength:"4000"`
	}
}

func (m *Module) apiDisposisi(ctx context.Context, in *disposisiInput) (*detailOutput, error) {
	d, err := m.Disposisikan(ctx, in.ID, in.Body.Penerima, in.Body.Catatan)
	return m.out(ctx, d, err)
}

type tanggapanInput struct {
	Kode string `path:"kode" maxLength:"20"`
	ID   string `path:"id" maxLength:"40"`
	Body struct {
		Penerima string `json:"penerima" maxLength:"40" doc:"id OPD Anda, atau \"desa\""`
		Isi      string `json:"isi,omitempty" maxLength:"4000"`
		Alasan   string `json:"alasan,omitempty" maxLength:"4000"`
	}
}

// bolehMenjawab: the desa's part is answered by its staff; an OPD's part
// only by that OPD's members.
func (m *Module) bolehMenjawab(ctx context.Context, penerima string) error {
	t, _ := tenancy.From(ctx)
	if penerima == PenerimaDesa {
		if m.allowed(ctx, t.Kode, PermTindakLanjut) {
			return nil
		}
		return fault.New(fault.Forbidden, "Bagian desa dijawab oleh perangkat desa.")
	}
	if o, ok := m.opdOf(ctx); ok && o.ID == penerima {
		return nil
	}
	return fault.New(fault.Forbidden, "Anda bukan anggota OPD penerima disposisi ini.")
}

func (m *Module) apiTanggapan(ctx context.Context, in *tanggapanInput) (*detailOutput, error) {
	if err := m.bolehMenjawab(ctx, in.Body.Penerima); err != nil {
		return nil, err
	}
	d, err := m.Tanggapi(ctx, in.ID, in.Body.Penerima, in.Body.Isi)
	return m.out(ctx, d, err)
}

func (m *Module) apiKembalikan(ctx context.Context, in *tanggapanInput) (*detailOutput, error) {
	if err := m.bolehMenjawab(ctx, in.Body.Penerima); err != nil {
		return nil, err
	}
	d, err := m.Kembalikan(ctx, in.ID, in.Body.Penerima, in.Body.Alasan)
	return m.out(ctx, d, err)
}

type alasanInput struct {
	Kode string `path:"kode" maxLength:"20"`
	ID   string `path:"id" maxLength:"40"`
	Body struct {
		Alasan string `json:"alasan" maxLength:"4000"`
	}
}

func (m *Module) apiTolak(ctx context.Context, in *alasanInput) (*detailOutput, error) {
	d, err := m.Tolak(ctx, in.ID, in.Body.Alasan)
	return m.out(ctx, d, err)
}

func (m *Module) apiBuka(ctx context.Context, in *alasanInput) (*detailOutput, error) {
	d, err := m.BukaKembali(ctx, in.ID, in.Body.Alasan)
	return m.out(ctx, d, err)
}

// --- statistics

type statistikInput struct {
	Kode  string `path:"kode" maxLength:"20" example:"51.02.06"`
	Tahun int    `query:"tahun" minimum:"0" maximum:"2100" doc:"Tahun diterima (bawaan: tahun ini)"`
}

type statistikOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         Statistik
}

func (m *Module) apiStatistik(ctx context.Context, in *statistikInput) (*statistikOutput, error) {
	tahun := in.Tahun
	if tahun == 0 {
		tahun = m.hariIni(ctx).Year()
	}
	s, err := m.Statistik(ctx, tahun)
	if err != nil {
		return nil, err
	}
	return &statistikOutput{CacheControl: "private, no-store", Body: s}, nil
}

// --- the OPD queue

type antrianInput struct {
	ID string `path:"id" maxLength:"40" doc:"id OPD dari registri OPD"`
	page.Params
	Wilayah   string `query:"wilayah" maxLength:"20" doc:"Kode kecamatan atau desa (bawaan: seluruh kabupaten)"`
	Status    string `query:"status" enum:"menunggu,ditanggapi,dikembalikan" doc:"Status bagian OPD (bawaan: menunggu)"`
	Terlambat bool   `query:"terlambat"`
}

type antrianOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         page.Page[Antrian]
}

// opdTarget is the kabupaten of the OPD in the path: the wilayah the
// guard checks PermOPD at and makes the tenant.
func (m *Module) opdTarget(ctx context.Context, param func(string) string) (tenancy.Kode, error) {
	if m.opd == nil {
		return "", fault.New(fault.NotFound, "OPD tidak ditemukan.")
	}
	o, err := m.opd.OPDByID(ctx, param("id"))
	if err != nil {
		return "", err
	}
	return o.Kabupaten, nil
}

func (m *Module) registerOPD(api huma.API) {
	huma.Register(api, httpserver.OperationAt(tag, "list-opd-audiensi", http.MethodGet, "/opd/{id}/audiensi",
		"Antrian audiensi sebuah OPD", PermOPD, m.opdTarget), m.apiAntrian)
}

// bolehAntrian: an OPD's members work its queue; the bupati and the
// kabupaten's staff (PermBaca at the kabupaten) read any OPD's.
func (m *Module) bolehAntrian(ctx context.Context, opdID string) error {
	if o, ok := m.opdOf(ctx); ok && o.ID == opdID {
		return nil
	}
	t, _ := tenancy.From(ctx)
	if m.allowed(ctx, t.Kode, PermBaca) {
		return nil
	}
	return fault.New(fault.Forbidden, "Antrian ini hanya untuk anggota OPD tersebut.")
}

func (m *Module) apiAntrian(ctx context.Context, in *antrianInput) (*antrianOutput, error) {
	if err := m.bolehAntrian(ctx, in.ID); err != nil {
		return nil, err
	}
	var w tenancy.Kode
	if in.Wilayah != "" {
		k, err := tenancy.ParseKode(in.Wilayah)
		if err != nil {
			return nil, fault.Field("query.wilayah", "Kode wilayah %q tidak sah.", in.Wilayah)
		}
		w = k
	}
	p, err := m.AntrianOPD(ctx, in.ID, AntrianQuery{Params: in.Params, Wilayah: w, Status: StatusDisposisi(in.Status), Terlambat: in.Terlambat})
	if err != nil {
		return nil, err
	}
	return &antrianOutput{CacheControl: "private, no-store", Body: p}, nil
}

// --- public

func (m *Module) registerPublik(api huma.API) {
	huma.Register(api, publicOp("get-audiensi-formulir", http.MethodGet, "/publik/desa/{kode}/audiensi/formulir",
		"Formulir audiensi publik: token dan kategori",
		"Token bukti formulir (berlaku 2 jam, sekali pakai, dapat dikirim paling cepat 3 detik setelah diambil) dan daftar kategori."),
		m.apiFormulir)
	huma.Register(api, publicOp("create-publik-audiensi", http.MethodPost, "/publik/desa/{kode}/audiensi",
		"Kirim audiensi tanpa masuk",
		"Untuk warga. Dibatasi per alamat IP; isian situs harus kosong. Jawaban memuat kode lacak untuk halaman status."),
		m.apiKirim)
	huma.Register(api, publicOp("get-publik-audiensi", http.MethodGet, "/publik/audiensi/{kode_lacak}",
		"Status audiensi dengan kode lacak",
		"Riwayat dan jawaban, tanpa data pribadi dan tanpa isi aduan."), m.apiLacak)
	op := publicOp("add-publik-audiensi-info", http.MethodPost, "/publik/audiensi/{kode_lacak}/informasi",
		"Pelapor menambah informasi", "Selama audiensi belum ditutup.")
	op.DefaultStatus = http.StatusOK
	huma.Register(api, op, m.apiInfo)
	op = publicOp("rate-publik-audiensi", http.MethodPost, "/publik/audiensi/{kode_lacak}/penilaian",
		"Pelapor menilai penyelesaian", "Sekali, setelah selesai: nilai 1–5.")
	op.DefaultStatus = http.StatusOK
	huma.Register(api, op, m.apiNilai)
}

// desaPublik is the desa of a public path, loaded.
func (m *Module) desaPublik(ctx context.Context, raw string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(raw)
	if err != nil || !k.IsDesa() {
		return "", fault.New(fault.NotFound, "Desa %q tidak ditemukan.", raw)
	}
	if m.regions != nil {
		if err := m.regions.Exists(ctx, k); err != nil {
			return "", err
		}
	}
	return k, nil
}

type formulirInput struct {
	Kode string `path:"kode" maxLength:"20"`
}

// Formulir is what the public form needs.
type Formulir struct {
	Token    string     `json:"token"`
	Berlaku  time.Time  `json:"berlaku_sampai"`
	Kategori []Kategori `json:"kategori"`
}

type formulirOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         Formulir
}

func (m *Module) apiFormulir(ctx context.Context, in *formulirInput) (*formulirOutput, error) {
	k, err := m.desaPublik(ctx, in.Kode)
	if err != nil {
		return nil, err
	}
	tok, err := m.TokenForm(k)
	if err != nil {
		return nil, err
	}
	return &formulirOutput{CacheControl: "no-store",
		Body: Formulir{Token: tok, Berlaku: m.now().Add(MaxUmurForm).UTC(), Kategori: m.ref.Kategori}}, nil
}

type kirimInput struct {
	Kode string `path:"kode" maxLength:"20"`
	Body Kiriman
	ip   string
}

// Resolve keeps the client's address (after the trusted-proxy rewrite)
// for the per-IP budget.
func (in *kirimInput) Resolve(ctx huma.Context) []error {
	in.ip = clientHost(ctx.RemoteAddr())
	return nil
}

// clientHost is the address part of a RemoteAddr.
func clientHost(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}

// Tanda is the receipt of a public send.
type Tanda struct {
	KodeLacak         string     `json:"kode_lacak"`
	Status            Status     `json:"status"`
	Diterima          civil.Date `json:"diterima"`
	TenggatVerifikasi civil.Date `json:"tenggat_verifikasi"`
	Tautan            string     `json:"tautan" doc:"Halaman status"`
}

type kirimOutput struct {
	Body Tanda
}

func (m *Module) apiKirim(ctx context.Context, in *kirimInput) (*kirimOutput, error) {
	k, err := m.desaPublik(ctx, in.Kode)
	if err != nil {
		return nil, err
	}
	d, err := m.Kirim(ctx, k, in.ip, in.Body)
	if err != nil {
		return nil, err
	}
	return &kirimOutput{Body: Tanda{KodeLacak: d.KodeLacak, Status: d.Status, Diterima: d.Diterima,
		TenggatVerifikasi: d.TenggatVerif, Tautan: "/audiensi/lacak/" + d.KodeLacak}}, nil
}

type lacakInput struct {
	KodeLacak string `path:"kode_lacak" maxLength:"20" example:"ABCDE-FGHJK"`
}

type lacakOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         PublikView
}

func (m *Module) apiLacak(ctx context.Context, in *lacakInput) (*lacakOutput, error) {
	v, err := m.Lacak(ctx, in.KodeLacak)
	if err != nil {
		return nil, err
	}
	return &lacakOutput{CacheControl: "no-store", Body: v}, nil
}

type infoInput struct {
	KodeLacak string `path:"kode_lacak" maxLength:"20"`
	Body      struct {
		Isi string `json:"isi" maxLength:"4000"`
	}
}

func (m *Module) apiInfo(ctx context.Context, in *infoInput) (*lacakOutput, error) {
	v, err := m.TambahInfo(ctx, in.KodeLacak, in.Body.Isi)
	if err != nil {
		return nil, err
	}
	return &lacakOutput{CacheControl: "no-store", Body: v}, nil
}

type nilaiInput struct {
	KodeLacak string `path:"kode_lacak" maxLength:"20"`
	Body      struct {
		Nilai   int    `json:"nilai" minimum:"1" maximum:"5"`
		Catatan string `json:"catatan,omitempty" maxLength:"4000"`
	}
}

func (m *Module) apiNilai(ctx context.Context, in *nilaiInput) (*lacakOutput, error) {
	v, err := m.Nilai(ctx, in.KodeLacak, in.Body.Nilai, in.Body.Catatan)
	if err != nil {
		return nil, err
	}
	return &lacakOutput{CacheControl: "no-store", Body: v}, nil
}
