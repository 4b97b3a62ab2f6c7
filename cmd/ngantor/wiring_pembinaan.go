package main

import (
	"context"
	"errors"

	"github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/modules/konsultasi"
	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/modules/pembinaan"
	"github.com/ngantor/ngantor/modules/pilkades"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/notifikasi"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// What pembinaan, pilkades and konsultasi read from others: region names
// and the desa of a wilayah, the OPD registry, the perangkat in post
// (administration), each other's follow-up points and the appointment of
// an elected kepala desa.

// desaRegions lists the desa of a wilayah with names, for the three
// modules' own Desa types.
type desaRegions struct {
	audiensiRegions
	desa keuanganDesa
}

func (r desaRegions) list(ctx context.Context, k tenancy.Kode, add func(kode tenancy.Kode, nama, kec string)) error {
	ds, err := r.desa.DesaIn(ctx, k)
	for _, d := range ds {
		add(d.Kode, d.Nama, d.NamaKecamatan)
	}
	return err
}

type pembinaanRegions struct{ desaRegions }

func (r pembinaanRegions) DesaIn(ctx context.Context, k tenancy.Kode) ([]pembinaan.Desa, error) {
	var out []pembinaan.Desa
	err := r.list(ctx, k, func(kode tenancy.Kode, nama, kec string) {
		out = append(out, pembinaan.Desa{Kode: kode, Nama: nama, NamaKecamatan: kec})
	})
	return out, err
}

type pilkadesRegions struct{ desaRegions }

func (r pilkadesRegions) DesaIn(ctx context.Context, k tenancy.Kode) ([]pilkades.Desa, error) {
	var out []pilkades.Desa
	err := r.list(ctx, k, func(kode tenancy.Kode, nama, kec string) {
		out = append(out, pilkades.Desa{Kode: kode, Nama: nama, NamaKecamatan: kec})
	})
	return out, err
}

type konsultasiRegions struct{ desaRegions }

func (r konsultasiRegions) DesaIn(ctx context.Context, k tenancy.Kode) ([]konsultasi.Desa, error) {
	var out []konsultasi.Desa
	err := r.list(ctx, k, func(kode tenancy.Kode, nama, kec string) {
		out = append(out, konsultasi.Desa{Kode: kode, Nama: nama, NamaKecamatan: kec})
	})
	return out, err
}

type pembinaanOPD struct{ k kunjunganOPD }

func (s pembinaanOPD) OPDByID(ctx context.Context, id string) (pembinaan.OPD, error) {
	o, err := s.k.OPDByID(ctx, id)
	return pembinaan.OPD{ID: o.ID, Kabupaten: o.Kabupaten, Kode: o.Kode, Nama: o.Nama, Aktif: o.Aktif}, err
}

func (s pembinaanOPD) OPDOf(ctx context.Context, userID string) (pembinaan.OPD, bool, error) {
	o, ok, err := s.k.OPDOf(ctx, userID)
	return pembinaan.OPD{ID: o.ID, Kabupaten: o.Kabupaten, Kode: o.Kode, Nama: o.Nama, Aktif: o.Aktif}, ok, err
}

// pembinaanPerangkat: the perangkat in post, from administration.
type pembinaanPerangkat struct {
	m    *administration.Module
	desa keuanganDesa
}

// Aktif lists the perangkat in post in every desa of a wilayah.
// TODO(pembinaan): one query per wilayah in administration.
func (p pembinaanPerangkat) Aktif(ctx context.Context, wilayah tenancy.Kode) ([]pembinaan.Perangkat, error) {
	ds, err := p.desa.DesaIn(ctx, wilayah)
	if err != nil {
		return nil, err
	}
	var out []pembinaan.Perangkat
	for _, d := range ds {
		rows, err := p.m.AktifSOTK(tenancy.With(ctx, tenancy.Tenant{Kode: d.Kode}))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out = append(out, pembinaan.Perangkat{Desa: d.Kode, ID: r.ID.String(), Nama: r.Nama,
				Jabatan: string(r.Jabatan), Sebutan: r.Status.Prefix() + r.Sebutan, Mulai: r.Mulai.Time()})
		}
	}
	return out, nil
}

// konsultasiTindakLanjut: a thread becomes a follow-up point of a
// pembinaan.
type konsultasiTindakLanjut struct{ m *pembinaan.Module }

func (t konsultasiTindakLanjut) SesiDesa(ctx context.Context, desa tenancy.Kode) ([]konsultasi.Sesi, error) {
	ss, err := t.m.SesiDesa(ctx, desa)
	out := make([]konsultasi.Sesi, len(ss))
	for i, s := range ss {
		out[i] = konsultasi.Sesi{ID: s.ID, Judul: s.Judul, Tanggal: s.Tanggal}
	}
	return out, err
}

func (t konsultasiTindakLanjut) TambahTindakLanjut(ctx context.Context, in konsultasi.TindakLanjutBaru) (string, error) {
	return t.m.TambahTindakLanjut(ctx, pembinaan.TindakLanjutBaru{PembinaanID: in.PembinaanID, Desa: in.Desa,
		Uraian: in.Uraian, Tenggat: in.Tenggat, Asal: in.Asal})
}

type konsultasiNotifier struct{ s *notifikasi.Store }

func (n konsultasiNotifier) Notify(ctx context.Context, users []string, p konsultasi.Pesan) (int, error) {
	return n.s.Kirim(ctx, users, notifikasi.Pesan{Kunci: p.Kunci, Judul: p.Judul, Isi: p.Isi, Tautan: p.Tautan})
}

// pilkadesAngkat: the elected kepala desa becomes an appointment in
// administration.
type pilkadesAngkat struct{ m *administration.Module }

// AngkatKepalaDesa — TODO(pilkades): end the sitting kepala desa the day
// before, appoint the elected one.
func (p pilkadesAngkat) AngkatKepalaDesa(ctx context.Context, in pilkades.Pelantikan) (string, error) {
	_ = p.m
	return "", errPilkadesBelum
}

// konsultasiSection is konsultasi's dossier section for kunjungan, built
// before konsultasi: it reads a.konsultasi when asked.
type konsultasiSection struct{ a *app }

func (s konsultasiSection) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	return s.a.konsultasi.DossierSection(ctx, desa, audience, period)
}

// seedDemoKonsultasi seeds the demo threads with the demo accounts' ids.
func (a *app) seedDemoKonsultasi(ctx context.Context) error {
	return a.konsultasi.SeedDemo(ctx, func(ctx context.Context, email string) (konsultasi.AkunDemo, bool) {
		u, err := a.auth.UserByEmail(ctx, email)
		if err != nil {
			return konsultasi.AkunDemo{}, false
		}
		return konsultasi.AkunDemo{ID: u.ID, Nama: u.Name}, true
	})
}

var errPilkadesBelum = errors.New("pilkades: pengangkatan belum dibuat")

var (
	_ pembinaan.Regions         = pembinaanRegions{}
	_ pembinaan.OPDSource       = pembinaanOPD{}
	_ pembinaan.PerangkatSource = pembinaanPerangkat{}
	_ pilkades.Regions          = pilkadesRegions{}
	_ pilkades.Pengangkatan     = pilkadesAngkat{}
	_ konsultasi.Regions        = konsultasiRegions{}
	_ konsultasi.TindakLanjut   = konsultasiTindakLanjut{}
	_ konsultasi.Notifier       = konsultasiNotifier{}
	_ konsultasi.Staff          = audiensiStaff{}
	_ kunjungan.SectionSource   = konsultasiSection{}
	_ indicator.Provider        = (*konsultasi.Module)(nil)
)
