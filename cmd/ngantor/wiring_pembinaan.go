package main

import (
	"context"
	"errors"
	"net/http"

	"github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/modules/konsultasi"
	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/modules/pembinaan"
	"github.com/ngantor/ngantor/modules/pilkades"
	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/civil"
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

// Daftar lists the kabupaten's OPD (the pembinaan demo finds DPMD).
func (s pembinaanOPD) Daftar(ctx context.Context, kabupaten tenancy.Kode) ([]pembinaan.OPD, error) {
	os, err := s.k.Daftar(ctx, kabupaten)
	out := make([]pembinaan.OPD, len(os))
	for i, o := range os {
		out[i] = pembinaan.OPD{ID: o.ID, Kabupaten: o.Kabupaten, Kode: o.Kode, Nama: o.Nama, Aktif: o.Aktif}
	}
	return out, err
}

// pembinaanPerangkat: the perangkat in post, from administration.
type pembinaanPerangkat struct {
	m    *administration.Module
	desa keuanganDesa
}

// Aktif lists the perangkat in post in every desa of a wilayah, in one
// query (administration.AktifDi).
func (p pembinaanPerangkat) Aktif(ctx context.Context, wilayah tenancy.Kode) ([]pembinaan.Perangkat, error) {
	rows, err := p.m.AktifDi(ctx, wilayah)
	if err != nil {
		return nil, err
	}
	out := make([]pembinaan.Perangkat, len(rows))
	for i, r := range rows {
		out[i] = pembinaan.Perangkat{Desa: r.Desa, ID: r.ID, Nama: r.Nama, Jabatan: string(r.Jabatan),
			Sebutan: r.Status.Prefix() + r.Sebutan, Mulai: r.Mulai.Time()}
	}
	return out, nil
}

// administrationPelatihan: a perangkat's training history on their
// administration page, from pembinaan (created after administration, so
// read through the app).
type administrationPelatihan struct{ a *app }

func (p administrationPelatihan) Riwayat(ctx context.Context, desa tenancy.Kode, perangkatID string) ([]administration.RiwayatPelatihan, error) {
	if p.a.pembinaan == nil {
		return nil, errors.New("pembinaan belum siap")
	}
	rs, err := p.a.pembinaan.Riwayat(ctx, desa, perangkatID)
	out := make([]administration.RiwayatPelatihan, len(rs))
	jenis := map[string]string{"pembinaan": "Pembinaan", "bimtek": "Bimtek", "sosialisasi": "Sosialisasi"}
	for i, r := range rs {
		j := jenis[r.Jenis]
		if j == "" {
			j = r.Jenis
		}
		out[i] = administration.RiwayatPelatihan{Judul: r.Judul, Jenis: j, Topik: r.Topik,
			Tanggal: civil.DateOf(r.Tanggal.In(civil.Zone(desa))), Penyelenggara: r.Penyelenggara}
	}
	return out, err
}

// pembinaanDossier: pembinaan's section of a kunjungan dossier
// (pembinaan is created after kunjungan).
type pembinaanDossier struct{ a *app }

func (p pembinaanDossier) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	if p.a.pembinaan == nil {
		return report.Section{}, errors.New("pembinaan belum siap")
	}
	return p.a.pembinaan.DossierSection(ctx, desa, audience, period)
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

// pilkadesOPD: the OPD a user belongs to, for pilkades' DPMD / Bagian
// Pemerintahan check.
type pilkadesOPD struct{ k kunjunganOPD }

func (s pilkadesOPD) OPDOf(ctx context.Context, userID string) (pilkades.OPD, bool, error) {
	o, ok, err := s.k.OPDOf(ctx, userID)
	return pilkades.OPD{Kabupaten: o.Kabupaten, Kode: o.Kode, Nama: o.Nama}, ok, err
}

// pilkadesAngkat: the elected kepala desa becomes an appointment in
// administration.
type pilkadesAngkat struct {
	m     *administration.Module
	audit audit.Recorder
}

// The worker's changes are audited as the system's, each in the
// transaction of its change (audit.Begin), under the operation ids a user
// making them through the API would have: the request that asked for the
// pelantikan is audited apart, as that user's.
func (p pilkadesAngkat) audited(ctx context.Context, desa tenancy.Kode, action, object string, status int) context.Context {
	if p.audit == nil {
		return ctx
	}
	ctx, _ = audit.Begin(ctx, p.audit, audit.Entry{Kode: desa, Actor: audit.ActorSystem, Action: action, Object: object, Status: status})
	return ctx
}

// AngkatKepalaDesa ends the kepala desa in post (their last day is the
// day before the pelantikan: administration's tanggal berhenti is the
// first day out of office, so it is Mulai) and appoints the elected one
// for the election's term. An active kepala desa with the same NIK and SK
// is the appointment already made: its id is returned and nothing changes.
func (p pilkadesAngkat) AngkatKepalaDesa(ctx context.Context, in pilkades.Pelantikan) (string, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: in.Desa})
	mulai, skTanggal := civil.DateOf(in.Mulai), civil.DateOf(in.SKTanggal)
	aktif, err := p.m.AktifSOTK(ctx)
	if err != nil {
		return "", err
	}
	for _, r := range aktif {
		if r.Jabatan == administration.KepalaDesa && r.NIK.Full() == in.NIK && r.SKNomor == in.SKNomor {
			return r.ID.String(), nil
		}
	}
	for _, r := range aktif {
		if r.Jabatan != administration.KepalaDesa {
			continue
		}
		endCtx := p.audited(ctx, in.Desa, "end-perangkat", "/api/v1/desa/"+string(in.Desa)+"/perangkat/"+r.ID.String()+"/berhenti", http.StatusOK)
		if _, err := p.m.EndForSuccessor(endCtx, r.ID, administration.Pemberhentian{Tanggal: mulai,
			Alasan: "masa jabatan berakhir / digantikan hasil Pilkades", SKNomor: in.SKNomor, SKTanggal: skTanggal}); err != nil {
			return "", err
		}
	}
	appointCtx := p.audited(ctx, in.Desa, "create-perangkat", "/api/v1/desa/"+string(in.Desa)+"/perangkat", http.StatusCreated)
	baru, err := p.m.Appoint(appointCtx, administration.PerangkatInput{Jabatan: administration.KepalaDesa, Nama: in.Nama, NIK: in.NIK,
		Status: administration.Definitif, SKNomor: in.SKNomor, SKTanggal: skTanggal, Mulai: mulai, Selesai: civil.DateOf(in.Selesai)})
	if err != nil {
		return "", err
	}
	return baru.ID.String(), nil
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

var (
	_ pembinaan.Regions         = pembinaanRegions{}
	_ pembinaan.OPDSource       = pembinaanOPD{}
	_ pembinaan.PerangkatSource = pembinaanPerangkat{}
	_ administration.Pelatihan  = administrationPelatihan{}
	_ kunjungan.SectionSource   = pembinaanDossier{}
	_ pilkades.Regions          = pilkadesRegions{}
	_ pilkades.Pengangkatan     = pilkadesAngkat{}
	_ pilkades.OPDSource        = pilkadesOPD{}
	_ konsultasi.Regions        = konsultasiRegions{}
	_ konsultasi.TindakLanjut   = konsultasiTindakLanjut{}
	_ konsultasi.Notifier       = konsultasiNotifier{}
	_ konsultasi.Staff          = audiensiStaff{}
	_ kunjungan.SectionSource   = konsultasiSection{}
	_ indicator.Provider        = (*konsultasi.Module)(nil)
)

// pilkadesDosir is pilkades' dossier section for kunjungan, which is built
// before pilkades: read at call time.
type pilkadesDosir struct{ a *app }

func (p pilkadesDosir) DossierSection(ctx context.Context, desa tenancy.Kode, audience report.Audience, period indicator.Period) (report.Section, error) {
	return p.a.pilkades.DossierSection(ctx, desa, audience, period)
}
