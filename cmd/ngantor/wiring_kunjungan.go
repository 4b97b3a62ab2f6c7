package main

import (
	"context"

	"github.com/ngantor/ngantor/modules/audiensi"
	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/modules/opd"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/notifikasi"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// What kunjungan reads from others: the OPD registry, the region names and
// the desa of a wilayah, the modules' dossier sections and indicators, the
// inboxes and the accounts at a wilayah.

type kunjunganOPD struct{ m *opd.Module }

func toKunjunganOPD(o opd.OPD) kunjungan.OPD {
	return kunjungan.OPD{ID: o.ID, Kabupaten: o.Kabupaten, Kode: o.Kode, Nama: o.Nama, Aktif: o.Aktif}
}

func (s kunjunganOPD) OPDByID(ctx context.Context, id string) (kunjungan.OPD, error) {
	o, err := s.m.Get(ctx, id)
	return toKunjunganOPD(o), err
}

func (s kunjunganOPD) OPDOf(ctx context.Context, userID string) (kunjungan.OPD, bool, error) {
	o, ok, err := s.m.OPDOf(ctx, userID)
	return toKunjunganOPD(o), ok, err
}

func (s kunjunganOPD) Anggota(ctx context.Context, opdID string) ([]string, error) {
	return s.m.Anggota(ctx, opdID)
}

func (s kunjunganOPD) Daftar(ctx context.Context, kab tenancy.Kode) ([]kunjungan.OPD, error) {
	os, err := s.m.Daftar(ctx, kab)
	out := make([]kunjungan.OPD, len(os))
	for i, o := range os {
		out[i] = toKunjunganOPD(o)
	}
	return out, err
}

type kunjunganRegions struct {
	audiensiRegions
	desa keuanganDesa
}

func (r kunjunganRegions) DesaIn(ctx context.Context, k tenancy.Kode) ([]kunjungan.Desa, error) {
	ds, err := r.desa.DesaIn(ctx, k)
	if err != nil {
		return nil, err
	}
	out := make([]kunjungan.Desa, len(ds))
	for i, d := range ds {
		out[i] = kunjungan.Desa{Kode: d.Kode, Nama: d.Nama, NamaKecamatan: d.NamaKecamatan}
	}
	return out, nil
}

// kunjunganAudiensi: the audiensi received during a visit, for its report.
type kunjunganAudiensi struct{ m *audiensi.Module }

func (s kunjunganAudiensi) AudiensiKunjungan(ctx context.Context, desa tenancy.Kode, id string) ([]kunjungan.AudiensiDiterima, error) {
	as, err := s.m.DiterimaSaatKunjungan(ctx, desa, id)
	out := make([]kunjungan.AudiensiDiterima, len(as))
	for i, a := range as {
		out[i] = kunjungan.AudiensiDiterima{Judul: a.Judul, Kategori: a.Kategori, Status: a.Status, Diterima: a.Diterima, Penerima: a.Penerima}
	}
	return out, err
}

type kunjunganNotifier struct{ s *notifikasi.Store }

func (n kunjunganNotifier) Kirim(ctx context.Context, users []string, p kunjungan.Pesan) error {
	_, err := n.s.Kirim(ctx, users, notifikasi.Pesan{Kunci: p.Kunci, Judul: p.Judul, Isi: p.Isi, Tautan: p.Tautan})
	return err
}

// roleMay answers from the modules' default grants whether a role holds a
// permission (a dossier shows its audience what its role may see).
func (a *app) roleMay(role authz.Role, p authz.Permission) bool {
	for _, m := range a.mods {
		for _, q := range m.templates[role] {
			if q == p {
				return true
			}
		}
	}
	return false
}

var (
	_ kunjungan.OPDSource      = kunjunganOPD{}
	_ kunjungan.Regions        = kunjunganRegions{}
	_ kunjungan.Notifier       = kunjunganNotifier{}
	_ kunjungan.AudiensiSource = kunjunganAudiensi{}
	_ kunjungan.Staff          = audiensiStaff{}
)

// The dashboards count overdue audiensi per OPD from the audiensi module.
var _ kunjungan.AudiensiTerlambat = (*audiensi.Module)(nil)

// seedDemoAudiensi seeds the demo visits before the demo audiensi: those
// heard on the Bengkel visit carry its id (the visit must exist first).
func (a *app) seedDemoAudiensi(ctx context.Context) error {
	if err := a.kunjungan.SeedDemo(ctx); err != nil {
		return err
	}
	return a.audiensi.SeedDemo(ctx)
}

// audiensiKunjungan is what audiensi asks of the visits (built before
// kunjungan: it reads a.kunjungan when asked).
type audiensiKunjungan struct{ a *app }

func (k audiensiKunjungan) KunjunganDi(ctx context.Context, desa tenancy.Kode, id string) (string, bool, error) {
	return k.a.kunjungan.KunjunganDi(ctx, desa, id)
}

func (k audiensiKunjungan) KunjunganTerkini(ctx context.Context, desa tenancy.Kode) ([]audiensi.KunjunganOpsi, error) {
	ks, err := k.a.kunjungan.KunjunganTerkini(ctx, desa, 10)
	out := make([]audiensi.KunjunganOpsi, len(ks))
	for i, x := range ks {
		out[i] = audiensi.KunjunganOpsi{ID: x.ID, Judul: x.Judul, Tanggal: x.Tanggal}
	}
	return out, err
}

// JumlahAudiensiKunjungan counts the audiensi heard on a visit and links
// to the desa's list cut down to them.
func (s kunjunganAudiensi) JumlahAudiensiKunjungan(ctx context.Context, desa tenancy.Kode, id string) (int, string, error) {
	n, err := s.m.JumlahKunjungan(ctx, desa, id)
	return n, "/desa/" + string(desa) + "/audiensi?kunjungan=" + id, err
}

var _ audiensi.Kunjungan = audiensiKunjungan{}
