// Package umkm is the registry of a desa's economy in ngantor: its usaha
// mikro, kecil and menengah (UMKM: business, owner, NIB, NPWP, KBLI and
// sektor, workers, turnover band of PP 7/2021, products, photos and the
// assistance each received from the kabupaten's OPD) and its BUMDes
// (PP 11/2021: legal status, units, yearly figures, the Kemendesa
// classification and the yearly report), read by the desa, the camat, the
// bupati and the Dinas Koperasi & UMKM, and shown to the public as a
// catalogue without personal data.
//
// The core (this file, model.go, validasi.go, data.go, web.go, routes.go)
// holds the types with one validation each, the permissions and the
// reference data; each part (part_*.go) registers its own pages and
// operations. The module reads only its own tables; the desa's APBDes side
// of the BUMDes (penyertaan modal and bagi hasil) comes from keuangan
// through RealisasiSource, the names, desa and population of wilayah from
// the interfaces below, wired by cmd.
package umkm

import (
	"context"
	"log/slog"
	"time"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Authorizer answers whether a user holds a permission at a wilayah.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// Names gives the official name of a wilayah for headers and printouts.
type Names interface {
	Nama(ctx context.Context, kode tenancy.Kode) (string, error)
}

// DesaInfo is a desa of a kecamatan or kabupaten, for the wilayah tables.
type DesaInfo struct {
	Kode          tenancy.Kode
	Nama          string
	NamaKecamatan string
}

// DesaSource lists the desa (kelurahan excluded) inside a kecamatan or a
// kabupaten; cmd wires the wilayah module behind it.
type DesaSource interface {
	DesaIn(ctx context.Context, kode tenancy.Kode) ([]DesaInfo, error)
}

// PendudukSource gives the population of every desa inside a wilayah (the
// latest year its profil records; a desa with none is absent), in one
// call; cmd wires administration behind it.
type PendudukSource interface {
	Penduduk(ctx context.Context, wilayah tenancy.Kode) (map[tenancy.Kode]int64, error)
}

// RealisasiSource gives what a desa's APBDes realised in fiscal year tahun
// on the kode rekening under prefix (e.g. "6.2.2"), corrections included;
// ada is false when the desa recorded no APBDes for that year. cmd wires
// keuangan behind it (keuangan.Module.RealisasiRekening).
type RealisasiSource interface {
	RealisasiRekening(ctx context.Context, desa tenancy.Kode, tahun int, prefix string) (jumlah int64, ada bool, err error)
}

// Deps are what the module needs; cmd wires them. All but DB may be nil in
// tests that use the types and the store alone.
type Deps struct {
	DB        *db.DB
	Web       *web.Web
	Authz     Authorizer
	Audit     audit.Recorder // records downloads and prints of owners' personal data
	Blob      blob.Store     // photos and BUMDes reports
	Names     Names
	Desa      DesaSource
	Penduduk  PendudukSource
	Realisasi RealisasiSource
	BaseURL   string // absolute base of links printed or shared (catalogue QR)
	Logger    *slog.Logger
	Clock     func() time.Time
}

// Module is the umkm bounded context.
type Module struct {
	db        *db.DB
	web       *web.Web
	authz     Authorizer
	audit     audit.Recorder
	blob      blob.Store
	names     Names
	desa      DesaSource
	penduduk  PendudukSource
	realisasi RealisasiSource
	baseURL   string
	pages     *web.Pages
	log       *slog.Logger
	now       func() time.Time
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{db: d.DB, web: d.Web, authz: d.Authz, audit: d.Audit, blob: d.Blob, names: d.Names,
		desa: d.Desa, penduduk: d.Penduduk, realisasi: d.Realisasi, baseURL: d.BaseURL, log: d.Logger, now: d.Clock}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.web != nil {
		m.pages = m.web.Pages(templateFS, "templates/*.html", pageFuncs)
	}
	return m
}

// Kode rekening of the desa's APBDes that concern its BUMDes (Permendagri
// 20/2018 Lampiran): the penyertaan modal desa it pays to the BUMDes
// (pengeluaran pembiayaan, jenis 6.2.2) and the bagi hasil it receives
// from it (pendapatan asli desa, hasil usaha, objek 4.1.1.01).
const (
	RekeningPenyertaanModal = "6.2.2"
	RekeningBagiHasilBUMDes = "4.1.1.01"
)

// APBDesBUMDes is the desa's own side of its BUMDes in one year, as its
// APBDes realised it.
type APBDesBUMDes struct {
	Tahun           int   `json:"tahun"`
	Ada             bool  `json:"ada" doc:"false bila desa belum mencatat APBDes tahun itu"`
	PenyertaanModal int64 `json:"penyertaan_modal" doc:"Realisasi rekening 6.2.2 Penyertaan Modal Desa, rupiah"`
	BagiHasil       int64 `json:"bagi_hasil" doc:"Realisasi rekening 4.1.1.01 Bagi Hasil BUMDes (PADes), rupiah"`
}

// APBDesBUMDes reads the tenant desa's realisasi of penyertaan modal and
// of bagi hasil BUMDes for tahun. ok is false when keuangan is not wired:
// nothing is invented in its place.
func (m *Module) APBDesBUMDes(ctx context.Context, tahun int) (out APBDesBUMDes, ok bool, err error) {
	out.Tahun = tahun
	if m.realisasi == nil {
		return out, false, nil
	}
	t, found := tenancy.From(ctx)
	if !found || !t.Kode.IsDesa() {
		return out, false, tenancy.ErrNoTenant
	}
	modal, ada, err := m.realisasi.RealisasiRekening(ctx, t.Kode, tahun, RekeningPenyertaanModal)
	if err != nil || !ada {
		return out, err == nil, err
	}
	hasil, _, err := m.realisasi.RealisasiRekening(ctx, t.Kode, tahun, RekeningBagiHasilBUMDes)
	if err != nil {
		return out, false, err
	}
	out.Ada, out.PenyertaanModal, out.BagiHasil = true, modal, hasil
	return out, true, nil
}
