package program

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// badanPerencanaan are the OPD codes of a kabupaten's planning agency,
// the one OPD that enters the RPJM (Permendagri 86/2017: Bappeda drafts
// the RPJMD). Tabanan's registry names it BPPDPP (Badan Perencana,
// Penelitian dan Pengembangan; see modules/opd/data/SOURCE.md); other
// kabupaten call it Bappeda, Bapperida or Bappelitbang.
var badanPerencanaan = map[string]bool{"BPPDPP": true, "BAPPEDA": true, "BAPPERIDA": true, "BAPPELITBANG": true}

func (m *Module) bolehDi(ctx context.Context, k tenancy.Kode, p authz.Permission) bool {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.authz == nil {
		return false
	}
	ok, err := m.authz.Allowed(ctx, u.ID, k, p)
	return ok && err == nil
}

// bolehTulisRPJM is nil when the user may change the RPJM of the
// kabupaten of k: PermRPJMTulis at the kabupaten itself (not only at the
// wilayah of the path), and for a member of an OPD — the opd role holds
// the permission for every OPD — only when that OPD is the kabupaten's
// planning agency.
func (m *Module) bolehTulisRPJM(ctx context.Context, k tenancy.Kode) error {
	kab := kabupatenOf(k)
	if !m.bolehDi(ctx, kab, PermRPJMTulis) {
		return fault.New(fault.Forbidden, "Anda tidak berwenang mengubah RPJM kabupaten ini.")
	}
	u, _ := auth.UserFrom(ctx)
	if m.opd == nil {
		return nil
	}
	o, ok, err := m.opd.OPDOf(ctx, u.ID)
	if err != nil {
		return err
	}
	if ok && (!badanPerencanaan[o.Kode] || o.Kabupaten != kab) {
		return fault.New(fault.Forbidden, "RPJM kabupaten hanya diisi oleh badan perencanaan (Bappeda) dan admin kabupaten; %s tidak berwenang mengubahnya.", o.Nama)
	}
	return nil
}

// tahunAtau is tahun, or the current year when 0.
func (m *Module) tahunAtau(tahun int) int {
	if tahun == 0 {
		return m.now().Year()
	}
	return tahun
}

func (m *Module) registerRPJM(api huma.API) {
	op := func(id, method, path, summary, desc string, perm authz.Permission) huma.Operation {
		o := httpserver.Operation(tag, id, method, path, summary, perm)
		o.Description = desc
		return o
	}
	const base = "/wilayah/{kode}/rpjm"
	huma.Register(api, op("get-rpjm", http.MethodGet, base, "RPJM kabupaten sebagai pohon",
		"Visi → misi → tujuan → sasaran → indikator kinerja (satuan, baseline, target per tahun) dari RPJM kabupaten tempat wilayah {kode} berada "+
			"(camat dan forum perbekel membaca RPJM kabupatennya). tahun memilih periode yang mencakup tahun itu; bawaan tahun berjalan. "+
			"periode menyebut semua periode RPJM kabupaten. 404 bila tidak ada periode yang mencakup tahun itu.", PermRPJMBaca), m.apiPohon)
	huma.Register(api, op("create-rpjm", http.MethodPost, base, "Buat periode RPJM",
		"Nama, tahun mulai dan akhir (paling panjang 10 tahun sesudah tahun mulai, tidak bertumpang dengan periode lain), visi. "+
			"Hanya admin kabupaten dan badan perencanaan (Bappeda); OPD lain 403.", PermRPJMTulis), m.apiBuatRPJM)
	const periode = base + "/periode/{id}"
	huma.Register(api, op("update-rpjm", http.MethodPut, periode, "Ubah periode RPJM",
		"Nama, tahun, visi. Target yang sudah ada harus tetap di dalam tahun yang baru.", PermRPJMTulis), m.apiUbahRPJM)
	huma.Register(api, op("delete-rpjm", http.MethodDelete, periode, "Hapus periode RPJM beserta pohonnya", "", PermRPJMTulis), m.apiHapusRPJM)
	huma.Register(api, op("create-rpjm-node", http.MethodPost, base+"/node", "Tambah misi, tujuan, sasaran atau indikator",
		"Induknya adalah unsur berkode sama tanpa bagian terakhir (tujuan 1.2 di bawah misi 1), dan harus berjenis satu tingkat di atasnya. "+
			"Satuan, baseline dan target hanya untuk indikator; target hanya untuk tahun di dalam periode.", PermRPJMTulis), m.apiBuatNode)
	const node = base + "/node/{id}"
	huma.Register(api, op("get-rpjm-node", http.MethodGet, node, "Satu unsur RPJM",
		"Unsur dicari di RPJM kabupaten tempat wilayah {kode} berada.", PermRPJMBaca), m.apiNode)
	huma.Register(api, op("update-rpjm-node", http.MethodPut, node, "Ubah unsur RPJM",
		"Uraian; untuk indikator juga satuan, baseline dan seluruh target (yang tidak disebut dihapus). Jenis dan kode tetap.", PermRPJMTulis), m.apiUbahNode)
	huma.Register(api, op("set-rpjm-target", http.MethodPut, node+"/target", "Tetapkan target indikator per tahun",
		"Mengganti semua target indikator itu; tahun harus di dalam periode, tiap tahun sekali.", PermRPJMTulis), m.apiTarget)
	huma.Register(api, op("delete-rpjm-node", http.MethodDelete, node, "Hapus unsur RPJM beserta semua unsur di bawahnya", "", PermRPJMTulis), m.apiHapusNode)
	m.registerRPJMImpor(api, op)
}

type pohonInput struct {
	Kode  string `path:"kode" doc:"Kode kabupaten, kecamatan atau desa" example:"51.02"`
	Tahun int    `query:"tahun" minimum:"0" maximum:"2100" doc:"Tahun yang dicakup periode; bawaan tahun berjalan"`
}

// PohonBody is the tree of one period and the kabupaten's periods.
type PohonBody struct {
	Pohon
	Periode []PeriodeRingkas `json:"periode"`
}

type pohonOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         PohonBody
}

func (m *Module) apiPohon(ctx context.Context, in *pohonInput) (*pohonOutput, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	tahun := m.tahunAtau(in.Tahun)
	p, semua, ok, err := m.PohonRPJM(ctx, kabupatenOf(kode), tahun)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fault.New(fault.NotFound, "Belum ada RPJM kabupaten yang mencakup tahun %d.", tahun)
	}
	return &pohonOutput{CacheControl: "private, no-store", Body: PohonBody{Pohon: p, Periode: semua}}, nil
}

type rpjmInput struct {
	Kode string `path:"kode" example:"51.02"`
	Body RPJMData
}

type rpjmOutput struct{ Body RPJM }

func (m *Module) apiBuatRPJM(ctx context.Context, in *rpjmInput) (*rpjmOutput, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	if err := m.bolehTulisRPJM(ctx, kode); err != nil {
		return nil, err
	}
	r, err := m.BuatRPJM(ctx, kabupatenOf(kode), in.Body, false)
	if err != nil {
		return nil, err
	}
	return &rpjmOutput{Body: r}, nil
}

type ubahRPJMInput struct {
	Kode string `path:"kode" example:"51.02"`
	ID   string `path:"id" maxLength:"40"`
	Body RPJMData
}

func (m *Module) apiUbahRPJM(ctx context.Context, in *ubahRPJMInput) (*rpjmOutput, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	if err := m.bolehTulisRPJM(ctx, kode); err != nil {
		return nil, err
	}
	r, err := m.UbahRPJM(ctx, kabupatenOf(kode), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &rpjmOutput{Body: r}, nil
}

type rpjmIDInput struct {
	Kode string `path:"kode" example:"51.02"`
	ID   string `path:"id" maxLength:"40"`
}

func (m *Module) apiHapusRPJM(ctx context.Context, in *rpjmIDInput) (*struct{}, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	if err := m.bolehTulisRPJM(ctx, kode); err != nil {
		return nil, err
	}
	return nil, m.HapusRPJM(ctx, kabupatenOf(kode), in.ID)
}

// NodeBaruBody is a new node of a period.
type NodeBaruBody struct {
	RPJMID string `json:"rpjm_id" maxLength:"40" doc:"id periode RPJM"`
	NodeData
}

type buatNodeInput struct {
	Kode string `path:"kode" example:"51.02"`
	Body NodeBaruBody
}

type nodeOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         Simpul
}

func (m *Module) apiBuatNode(ctx context.Context, in *buatNodeInput) (*nodeOutput, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	if err := m.bolehTulisRPJM(ctx, kode); err != nil {
		return nil, err
	}
	s, err := m.TambahNode(ctx, kabupatenOf(kode), in.Body.RPJMID, in.Body.NodeData)
	if err != nil {
		return nil, err
	}
	return &nodeOutput{CacheControl: "private, no-store", Body: s}, nil
}

func (m *Module) apiNode(ctx context.Context, in *rpjmIDInput) (*nodeOutput, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	s, _, err := m.NodeRPJM(ctx, kabupatenOf(kode), in.ID)
	if err != nil {
		return nil, err
	}
	return &nodeOutput{CacheControl: "private, no-store", Body: s}, nil
}

type ubahNodeInput struct {
	Kode string `path:"kode" example:"51.02"`
	ID   string `path:"id" maxLength:"40"`
	Body NodeIsi
}

func (m *Module) apiUbahNode(ctx context.Context, in *ubahNodeInput) (*nodeOutput, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	if err := m.bolehTulisRPJM(ctx, kode); err != nil {
		return nil, err
	}
	s, err := m.UbahNode(ctx, kabupatenOf(kode), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &nodeOutput{CacheControl: "private, no-store", Body: s}, nil
}

type targetInput struct {
	Kode string `path:"kode" example:"51.02"`
	ID   string `path:"id" maxLength:"40"`
	Body struct {
		Target []TargetRPJM `json:"target" maxItems:"11"`
	}
}

func (m *Module) apiTarget(ctx context.Context, in *targetInput) (*nodeOutput, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	if err := m.bolehTulisRPJM(ctx, kode); err != nil {
		return nil, err
	}
	s, err := m.SetTarget(ctx, kabupatenOf(kode), in.ID, in.Body.Target)
	if err != nil {
		return nil, err
	}
	return &nodeOutput{CacheControl: "private, no-store", Body: s}, nil
}

func (m *Module) apiHapusNode(ctx context.Context, in *rpjmIDInput) (*struct{}, error) {
	kode, _ := tenancy.ParseKode(in.Kode)
	if err := m.bolehTulisRPJM(ctx, kode); err != nil {
		return nil, err
	}
	return nil, m.HapusNode(ctx, kabupatenOf(kode), in.ID)
}
