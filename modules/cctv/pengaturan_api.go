package cctv

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// PengaturanProbeUbah is what a kabupaten sets of its probe setting.
type PengaturanProbeUbah struct {
	IzinkanAlamatPrivat bool `json:"izinkan_alamat_privat" doc:"Izinkan pemeriksaan alamat privat dan loopback (LAN desa). Alamat link-local dan metadata tetap ditolak."`
	IntervalProbeMenit  int  `json:"interval_probe_menit" minimum:"1" maximum:"1440" doc:"Selang pemeriksaan kamera, menit (1–1440)"`
}

// UbahPengaturan records the probe setting of kabupaten kab (PeriksaPengaturan);
// the request's audit entry commits with it, in the kabupaten's chain.
func (m *Module) UbahPengaturan(ctx context.Context, kab tenancy.Kode, u PengaturanProbeUbah) (Pengaturan, error) {
	if kab.Level() != tenancy.Kabupaten {
		return Pengaturan{}, fault.New(fault.NotFound, "Pengaturan CCTV hanya untuk kabupaten.")
	}
	who, _ := auth.UserFrom(ctx)
	p := Pengaturan{WilayahKode: string(kab), IzinkanAlamatPrivat: u.IzinkanAlamatPrivat, IntervalProbeMenit: u.IntervalProbeMenit,
		UpdatedBy: who.ID, UpdatedAt: m.now().UTC().Truncate(time.Microsecond)}
	if err := PeriksaPengaturan(p); err != nil {
		return Pengaturan{}, err
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kab})
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&p).On("CONFLICT (wilayah_kode) DO UPDATE").
			Set("izinkan_alamat_privat = EXCLUDED.izinkan_alamat_privat, interval_probe_menit = EXCLUDED.interval_probe_menit").
			Set("updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at").Exec(ctx)
		return err
	})
	return p, err
}

// API of the kabupaten's probe setting.

func (m *Module) registerPengaturanAPI(api huma.API) {
	huma.Register(api, apiOp("get-cctv-pengaturan", http.MethodGet, "/wilayah/{kode}/cctv/pengaturan",
		"Pengaturan pemeriksaan CCTV kabupaten",
		"Hanya untuk kode kabupaten (kode lain 404). Bila kabupaten belum menetapkan, jawaban memuat pengaturan bawaan "+
			"(bawaan true: alamat privat tidak diperiksa, selang 5 menit).", PermPengaturan), m.apiGetPengaturan)
	huma.Register(api, apiOp("put-cctv-pengaturan", http.MethodPut, "/wilayah/{kode}/cctv/pengaturan",
		"Ubah pengaturan pemeriksaan CCTV kabupaten",
		"Hanya untuk kode kabupaten. izinkan_alamat_privat true membuat pemeriksaan boleh menjangkau alamat privat dan "+
			"loopback di jaringan kabupaten (kamera di LAN desa); alamat link-local dan metadata tetap ditolak. "+
			"Selang 1–1440 menit. Tercatat di audit.", PermPengaturan), m.apiPutPengaturan)
}

type pengaturanInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten Kemendagri" example:"51.02"`
}

// PengaturanProbe is a kabupaten's probe setting as the API answers it
// (a name of its own in the OpenAPI document: other modules have a
// Pengaturan too).
type PengaturanProbe struct {
	Pengaturan
}

type pengaturanOutput struct{ Body PengaturanProbe }

// kabupatenSaja refuses a code that is not a kabupaten's.
func kabupatenSaja(s string) (tenancy.Kode, error) {
	k, err := tenancy.ParseKode(s)
	if err != nil || k.Level() != tenancy.Kabupaten {
		return "", fault.New(fault.NotFound, "Pengaturan CCTV hanya ada untuk kabupaten.")
	}
	return k, nil
}

func (m *Module) apiGetPengaturan(ctx context.Context, in *pengaturanInput) (*pengaturanOutput, error) {
	k, err := kabupatenSaja(in.Kode)
	if err != nil {
		return nil, err
	}
	p, err := m.BacaPengaturan(ctx, k)
	if err != nil {
		return nil, err
	}
	return &pengaturanOutput{Body: PengaturanProbe{p}}, nil
}

type putPengaturanInput struct {
	Kode string `path:"kode" doc:"Kode kabupaten Kemendagri" example:"51.02"`
	Body PengaturanProbeUbah
}

func (m *Module) apiPutPengaturan(ctx context.Context, in *putPengaturanInput) (*pengaturanOutput, error) {
	k, err := kabupatenSaja(in.Kode)
	if err != nil {
		return nil, err
	}
	p, err := m.UbahPengaturan(ctx, k, in.Body)
	if err != nil {
		return nil, fault.BodyFields(err)
	}
	return &pengaturanOutput{Body: PengaturanProbe{p}}, nil
}
