package kunjungan

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const tag = "kunjungan"

// at is an operation on /kunjungan/{id}…: its target is the visit's desa.
func (m *Module) at(id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := httpserver.OperationAt(tag, id, method, path, summary, perm, m.target)
	o.Description = desc
	return o
}

// action is a POST that acts on an existing visit (200, not 201).
func (m *Module) action(id, path, summary, desc string, perm authz.Permission) huma.Operation {
	o := m.at(id, http.MethodPost, path, summary, desc, perm)
	o.DefaultStatus = http.StatusOK
	return o
}

func (m *Module) target(ctx context.Context, param func(string) string) (tenancy.Kode, error) {
	return m.DesaOf(ctx, param("id"))
}

// Register adds the module's operations to the /api/v1 group.
func (m *Module) Register(api huma.API) {
	create := huma.Operation{OperationID: "create-kunjungan", Method: http.MethodPost, Path: "/kunjungan",
		Summary: "Jadwalkan kunjungan kerja", Tags: []string{tag}, DefaultStatus: http.StatusCreated,
		Description: "Kantor bupati menjadwalkan kunjungan ke satu desa: tanggal, agenda, OPD peserta, undangan camat dan forum perbekel. " +
			"Izin kunjungan:jadwal diperiksa di desa yang disebut dalam body. Dossier bupati dan tiap OPD langsung masuk antrian.",
		Metadata: authz.Authenticated()}
	huma.Register(api, create, m.apiBuat)
	huma.Register(api, httpserver.Operation(tag, "list-kunjungan", http.MethodGet, "/wilayah/{kode}/kunjungan",
		"Daftar kunjungan di desa, kecamatan atau kabupaten", PermBaca), m.apiDaftar)
	const one = "/kunjungan/{id}"
	huma.Register(api, m.at("get-kunjungan", http.MethodGet, one, "Satu kunjungan",
		"Dengan OPD peserta, agenda dan komitmen. Pengguna OPD hanya melihat kunjungan yang diikuti OPD-nya dan komitmen OPD-nya.",
		PermBaca), m.apiLihat)
	huma.Register(api, m.at("update-kunjungan", http.MethodPut, one, "Ubah kunjungan yang direncanakan",
		"Tanggal, judul, OPD peserta, undangan. OPD baru (atau tanggal baru) memasukkan dossiernya ke antrian.", PermJadwal), m.apiUbah)
	huma.Register(api, m.action("start-kunjungan", one+"/mulai", "Mulai kunjungan", "direncanakan → berlangsung.", PermJadwal), m.apiMulai)
	huma.Register(api, m.action("finish-kunjungan", one+"/selesai", "Selesaikan kunjungan",
		"berlangsung → selesai, dengan kehadiran dan catatan hasil. Laporan pasca-kunjungan dibuat di latar belakang dan dikirim ke kotak pesan peserta.",
		PermJadwal), m.apiSelesai)
	huma.Register(api, m.action("cancel-kunjungan", one+"/batal", "Batalkan kunjungan", "Alasan wajib.", PermJadwal), m.apiBatal)
	huma.Register(api, m.action("add-kunjungan-agenda", one+"/agenda", "Tambah agenda kabupaten", "Sebelum kunjungan selesai.", PermJadwal), m.apiAgenda)
	huma.Register(api, m.action("add-kunjungan-usulan", one+"/usulan", "Usulan agenda dan isu dari desa",
		"Desa menambahkan pokok acara dan isu yang ingin diangkat, selama kunjungan masih direncanakan.", PermUsulan), m.apiUsulan)
	huma.Register(api, m.at("record-kunjungan-agenda", http.MethodPut, one+"/agenda/{urut}", "Catat hasil butir agenda",
		"Terlaksana atau tidak, dan hasilnya.", PermJadwal), m.apiHasilAgenda)
	huma.Register(api, m.at("list-kunjungan-komitmen", http.MethodGet, one+"/komitmen", "Komitmen kunjungan",
		"Pengguna OPD hanya melihat komitmen OPD-nya.", PermBaca), m.apiKomitmen)
	huma.Register(api, m.at("create-kunjungan-komitmen", http.MethodPost, one+"/komitmen", "Catat komitmen",
		"Apa, siapa (id OPD atau \"desa\"), tenggat. Saat atau sesudah kunjungan.", PermJadwal), m.apiBuatKomitmen)
	huma.Register(api, m.at("update-kunjungan-komitmen", http.MethodPut, one+"/komitmen/{kid}", "Perbarui kemajuan komitmen",
		"belum / proses / selesai (bukti wajib). OPD memperbarui komitmennya sendiri, desa komitmen desa, kantor bupati semuanya.",
		PermKomitmen), m.apiUbahKomitmen)
	m.registerDossier(api)
	m.registerDasbor(api)
}

// --- who sees what

func (m *Module) allowed(ctx context.Context, k tenancy.Kode, p authz.Permission) bool {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.authz == nil {
		return false
	}
	ok, err := m.authz.Allowed(ctx, u.ID, k, p)
	return ok && err == nil
}

func (m *Module) opdOf(ctx context.Context) (OPD, bool) {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.opd == nil {
		return OPD{}, false
	}
	o, ok, err := m.opd.OPDOf(ctx, u.ID)
	return o, ok && err == nil
}

// pandangan is how much of a visit the user sees: the office everything;
// an OPD member only a visit its OPD takes part in, and of it only its
// own commitments and dossier; the desa and the camat the whole visit.
type pandangan struct {
	kantor bool
	opd    *OPD
}

func (m *Module) pandanganOf(ctx context.Context) pandangan {
	t, _ := tenancy.From(ctx)
	if m.allowed(ctx, t.Kode, PermJadwal) {
		return pandangan{kantor: true}
	}
	if o, ok := m.opdOf(ctx); ok {
		return pandangan{opd: &o}
	}
	return pandangan{}
}

// saring cuts a visit down to what v may see; a visit v may not see at
// all is not found.
func (v pandangan) saring(d Detail) (Detail, error) {
	if v.opd == nil {
		return d, nil
	}
	ikut := false
	for _, o := range d.OPD {
		ikut = ikut || o.OPDID == v.opd.ID
	}
	if !ikut {
		return Detail{}, errTidakAda
	}
	d.Komitmen = v.saringKomitmen(d.Komitmen)
	return d, nil
}

func (v pandangan) saringKomitmen(cs []Komitmen) []Komitmen {
	if v.opd == nil {
		return cs
	}
	out := []Komitmen{}
	for _, c := range cs {
		if c.Penanggung == v.opd.ID {
			out = append(out, c)
		}
	}
	return out
}

// lihat reads a visit as the user may see it.
func (m *Module) lihat(ctx context.Context, id string) (Detail, pandangan, error) {
	v := m.pandanganOf(ctx)
	d, err := m.Lihat(ctx, id)
	if err != nil {
		return Detail{}, v, err
	}
	d, err = v.saring(d)
	return d, v, err
}

// --- inputs and outputs

type idInput struct {
	ID string `path:"id" maxLength:"40"`
}

type detailOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         Detail
}

func out(d Detail, err error) (*detailOutput, error) {
	if err != nil {
		return nil, err
	}
	return &detailOutput{CacheControl: "private, no-store", Body: d}, nil
}

// BuatBody is a visit as scheduled: its desa and its data.
type BuatBody struct {
	Desa string `json:"desa" maxLength:"13" example:"51.02.06.2001" doc:"Kode desa yang dikunjungi"`
	KunjunganData
}

type buatInput struct {
	Body BuatBody
}

func (m *Module) apiBuat(ctx context.Context, in *buatInput) (*detailOutput, error) {
	desa, err := tenancy.ParseKode(strings.TrimSpace(in.Body.Desa))
	if err != nil || !desa.IsDesa() {
		return nil, fault.Field("body.desa", "Kode desa %q tidak sah.", in.Body.Desa)
	}
	if !m.allowed(ctx, desa, PermJadwal) {
		return nil, fault.New(fault.Forbidden, "Anda tidak berwenang menjadwalkan kunjungan ke desa ini.")
	}
	if m.regions != nil {
		if err := m.regions.Exists(ctx, desa); err != nil {
			return nil, fault.Field("body.desa", "Desa %s tidak terdaftar.", desa)
		}
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	return out(m.Buat(ctx, in.Body.KunjunganData))
}

type daftarInput struct {
	Kode string `path:"kode"`
	page.Params
	Status string `query:"status" enum:"direncanakan,berlangsung,selesai,dibatalkan" doc:"Saring menurut status"`
	Dari   string `query:"dari" doc:"Tanggal paling awal (YYYY-MM-DD)"`
	Sampai string `query:"sampai" doc:"Tanggal paling akhir (YYYY-MM-DD)"`
}

type daftarOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         page.Page[Ringkas]
}

func parseTanggal(field, s string) (civil.Date, error) {
	if s == "" {
		return "", nil
	}
	d, err := civil.ParseDate(s)
	if err != nil {
		return "", fault.Field(field, "Tanggal %q tidak sah (YYYY-MM-DD).", s)
	}
	return d, nil
}

func (m *Module) apiDaftar(ctx context.Context, in *daftarInput) (*daftarOutput, error) {
	q := DaftarQuery{Params: in.Params, Status: Status(in.Status)}
	var err error
	if q.Dari, err = parseTanggal("query.dari", in.Dari); err != nil {
		return nil, err
	}
	if q.Sampai, err = parseTanggal("query.sampai", in.Sampai); err != nil {
		return nil, err
	}
	if v := m.pandanganOf(ctx); v.opd != nil {
		q.OPD = v.opd.ID
	}
	p, err := m.Daftar(ctx, q)
	if err != nil {
		return nil, err
	}
	return &daftarOutput{CacheControl: "private, no-store", Body: p}, nil
}

func (m *Module) apiLihat(ctx context.Context, in *idInput) (*detailOutput, error) {
	d, _, err := m.lihat(ctx, in.ID)
	return out(d, err)
}

type ubahInput struct {
	ID   string `path:"id" maxLength:"40"`
	Body KunjunganData
}

func (m *Module) apiUbah(ctx context.Context, in *ubahInput) (*detailOutput, error) {
	return out(m.Ubah(ctx, in.ID, in.Body))
}

func (m *Module) apiMulai(ctx context.Context, in *idInput) (*detailOutput, error) {
	return out(m.Mulai(ctx, in.ID))
}

type selesaiInput struct {
	ID   string `path:"id" maxLength:"40"`
	Body SelesaiData
}

func (m *Module) apiSelesai(ctx context.Context, in *selesaiInput) (*detailOutput, error) {
	return out(m.Selesaikan(ctx, in.ID, in.Body))
}

type batalInput struct {
	ID   string `path:"id" maxLength:"40"`
	Body struct {
		Alasan string `json:"alasan" maxLength:"500"`
	}
}

func (m *Module) apiBatal(ctx context.Context, in *batalInput) (*detailOutput, error) {
	return out(m.Batalkan(ctx, in.ID, in.Body.Alasan))
}

type agendaInput struct {
	ID   string `path:"id" maxLength:"40"`
	Body AgendaData
}

func (m *Module) apiAgenda(ctx context.Context, in *agendaInput) (*detailOutput, error) {
	return out(m.TambahAgenda(ctx, in.ID, in.Body, OlehKabupaten))
}

func (m *Module) apiUsulan(ctx context.Context, in *agendaInput) (*detailOutput, error) {
	if in.Body.Jenis == AgendaLayanan {
		return nil, fault.Field("body.jenis", "Stan layanan OPD diatur kantor bupati; desa mengusulkan pokok acara atau isu.")
	}
	if _, _, err := m.lihat(ctx, in.ID); err != nil {
		return nil, err
	}
	return out(m.TambahAgenda(ctx, in.ID, in.Body, OlehDesa))
}

type hasilAgendaInput struct {
	ID   string `path:"id" maxLength:"40"`
	Urut int    `path:"urut" minimum:"1" maximum:"1000"`
	Body HasilAgendaData
}

func (m *Module) apiHasilAgenda(ctx context.Context, in *hasilAgendaInput) (*detailOutput, error) {
	return out(m.HasilAgenda(ctx, in.ID, in.Urut, in.Body))
}

type komitmenOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         struct {
		Items []Komitmen `json:"items"`
	}
}

func (m *Module) apiKomitmen(ctx context.Context, in *idInput) (*komitmenOutput, error) {
	d, _, err := m.lihat(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	o := &komitmenOutput{CacheControl: "private, no-store"}
	o.Body.Items = d.Komitmen
	return o, nil
}

type buatKomitmenInput struct {
	ID   string `path:"id" maxLength:"40"`
	Body KomitmenData
}

type satuKomitmenOutput struct {
	Body Komitmen
}

func (m *Module) apiBuatKomitmen(ctx context.Context, in *buatKomitmenInput) (*satuKomitmenOutput, error) {
	c, err := m.BuatKomitmen(ctx, in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &satuKomitmenOutput{Body: c}, nil
}

type ubahKomitmenInput struct {
	ID   string `path:"id" maxLength:"40"`
	KID  string `path:"kid" maxLength:"40"`
	Body KemajuanData
}

// bolehKomitmen: the office updates any commitment, an OPD member its
// OPD's, the desa the desa's.
func (m *Module) bolehKomitmen(ctx context.Context, c Komitmen) error {
	v := m.pandanganOf(ctx)
	switch {
	case v.kantor:
		return nil
	case v.opd != nil && c.Penanggung == v.opd.ID:
		return nil
	case v.opd == nil && c.Penanggung == PenanggungDesa:
		return nil
	case v.opd != nil:
		return errKomitmenTidakAda
	}
	return fault.New(fault.Forbidden, "Komitmen ini menjadi tanggung jawab %s; hanya penanggung jawabnya yang memperbarui.", c.PenanggungNama)
}

func (m *Module) apiUbahKomitmen(ctx context.Context, in *ubahKomitmenInput) (*satuKomitmenOutput, error) {
	c, err := m.BacaKomitmen(ctx, in.ID, in.KID)
	if err != nil {
		return nil, err
	}
	if err := m.bolehKomitmen(ctx, c); err != nil {
		return nil, err
	}
	if c, err = m.UbahKomitmen(ctx, in.ID, in.KID, in.Body); err != nil {
		return nil, err
	}
	return &satuKomitmenOutput{Body: c}, nil
}
