package main

import (
	"context"

	"github.com/ngantor/ngantor/modules/audiensi"
	"github.com/ngantor/ngantor/modules/opd"
	"github.com/ngantor/ngantor/modules/wilayah"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/notifikasi"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// What audiensi reads from others: the OPD registry (modules/opd), the
// region names, the inbox, and the accounts at a desa (authz).

type audiensiOPD struct{ m *opd.Module }

func toAudiensiOPD(o opd.OPD) audiensi.OPD {
	return audiensi.OPD{ID: o.ID, Kabupaten: o.Kabupaten, Kode: o.Kode, Nama: o.Nama, Aktif: o.Aktif}
}

func (s audiensiOPD) OPDByID(ctx context.Context, id string) (audiensi.OPD, error) {
	o, err := s.m.Get(ctx, id)
	return toAudiensiOPD(o), err
}

func (s audiensiOPD) OPDByKode(ctx context.Context, kab tenancy.Kode, kode string) (audiensi.OPD, bool, error) {
	o, err := s.m.ByKode(ctx, kab, kode)
	if fault.Is(err, fault.NotFound) || fault.Is(err, fault.Invalid) {
		return audiensi.OPD{}, false, nil
	}
	return toAudiensiOPD(o), err == nil, err
}

func (s audiensiOPD) OPDOf(ctx context.Context, userID string) (audiensi.OPD, bool, error) {
	o, ok, err := s.m.OPDOf(ctx, userID)
	return toAudiensiOPD(o), ok, err
}

func (s audiensiOPD) Anggota(ctx context.Context, opdID string) ([]string, error) {
	return s.m.Anggota(ctx, opdID)
}

func (s audiensiOPD) Daftar(ctx context.Context, kab tenancy.Kode) ([]audiensi.OPD, error) {
	os, err := s.m.Daftar(ctx, kab)
	out := make([]audiensi.OPD, len(os))
	for i, o := range os {
		out[i] = toAudiensiOPD(o)
	}
	return out, err
}

type audiensiRegions struct{ m *wilayah.Module }

func (r audiensiRegions) Exists(ctx context.Context, k tenancy.Kode) error {
	_, err := r.m.Lookup(ctx, k)
	return err
}

func (r audiensiRegions) Nama(ctx context.Context, k tenancy.Kode) (string, error) {
	return wilayahNames{r.m}.Nama(ctx, k)
}

type audiensiNotifier struct{ s *notifikasi.Store }

func (n audiensiNotifier) Notify(ctx context.Context, users []string, p audiensi.Pesan) (int, error) {
	return n.s.Kirim(ctx, users, notifikasi.Pesan{Kunci: p.Kunci, Judul: p.Judul, Isi: p.Isi, Tautan: p.Tautan})
}

type audiensiStaff struct{ a *app }

func (s audiensiStaff) UsersAt(ctx context.Context, k tenancy.Kode) ([]string, error) {
	return s.a.authz.UsersAt(ctx, k)
}

var (
	_ audiensi.OPDSource = audiensiOPD{}
	_ audiensi.OPDLister = audiensiOPD{}
	_ audiensi.Regions   = audiensiRegions{}
	_ audiensi.Notifier  = audiensiNotifier{}
	_ audiensi.Staff     = audiensiStaff{}
)

// audiensiKalender moves the open clocks when a calendar changes: one
// kabupaten's, or every kabupaten's for a national year.
func (a *app) audiensiKalender(ctx context.Context, p kalender.Perubahan) error {
	if p.Kabupaten == "" {
		_, err := a.audiensi.HitungUlangSemua(ctx)
		return err
	}
	_, err := a.audiensi.HitungUlang(ctx, p.Kabupaten)
	return err
}
