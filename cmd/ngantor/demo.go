package main

import (
	"context"
	"fmt"

	"github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/notifikasi"
	pagination "github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// demoKabupaten is Tabanan, where the bupati "ngantor di desa".
const demoKabupaten tenancy.Kode = "51.02"

// demoPassword is printed by dev mode; these accounts exist only there.
const demoPassword = "ngantor-demo"

// demoAccount is a demo login; an account with opd is made a member of
// that OPD of the registry (modules/opd), which grants its role.
type demoAccount struct {
	email, name, opd string
	role             authz.Role
	wilayah          tenancy.Kode
}

var demoAccounts = []demoAccount{
	{"bupati@tabanan.test", "Bupati Tabanan", "", authz.Bupati, "51.02"},
	{"admin@tabanan.test", "Admin Kabupaten Tabanan", "", authz.AdminKabupaten, "51.02"},
	{"dlh@tabanan.test", "Dinas Lingkungan Hidup", "DLH", authz.OPD, "51.02"},
	{"satpolpp@tabanan.test", "Satuan Polisi Pamong Praja", "SATPOLPP", authz.OPD, "51.02"},
	{"diskop@tabanan.test", "Dinas Koperasi dan UKM", "DISKOPUKM", authz.OPD, "51.02"},
	{"camat.kediri@tabanan.test", "Camat Kediri", "", authz.Camat, "51.02.06"},
	{"tapem.kediri@tabanan.test", "Kasi Tata Pemerintahan Kecamatan Kediri", "", authz.StafKecamatan, "51.02.06"},
	{"dpmd@tabanan.test", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", authz.OPD, "51.02"},
	{"perbekel.bengkel@tabanan.test", "Perbekel Bengkel", "", authz.Perbekel, "51.02.06.2001"},
	{demoSekdesBengkel, "Sekdes Bengkel", "", authz.Sekdes, "51.02.06.2001"},
	{demoKaurKeuanganBengkel, "Kaur Keuangan Bengkel", "", authz.KaurKeuangan, "51.02.06.2001"},
	{"petugas.bengkel@tabanan.test", "Petugas TPS3R Bestari", "", authz.PetugasSampah, "51.02.06.2001"},
	{"perbekel.nyitdah@tabanan.test", "Perbekel Nyitdah", "", authz.Perbekel, "51.02.06.2011"},
	{"perbekel.belimbing@tabanan.test", "Perbekel Belimbing", "", authz.Perbekel, "51.02.10.2001"},
	{"forum@tabanan.test", "Forum Perbekel Tabanan", "", authz.ForumPerbekel, "51.02"},
}

// demoSekdesBengkel is the account of Bengkel's seeded Sekretaris Desa,
// who runs the desa's correspondence (tata usaha, Permendagri 84/2015).
const demoSekdesBengkel = "sekdes.bengkel@tabanan.test"

// demoKaurKeuanganBengkel is the account of Bengkel's seeded Kepala Urusan
// Keuangan, who writes the APBDes lines and the realisasi (Permendagri
// 20/2018: the PPKD's treasurer, kaur keuangan).
const demoKaurKeuanganBengkel = "kaur.bengkel@tabanan.test"

// seedDemo creates the demo accounts and each module's demo data; every
// step leaves existing rows alone, so a second start changes nothing.
func (a *app) seedDemo(ctx context.Context) error {
	var ids []string
	for _, d := range demoAccounts {
		u, err := a.auth.UserByEmail(ctx, d.email)
		if fault.Is(err, fault.NotFound) {
			u, err = a.auth.CreateUser(ctx, auth.NewUser{Email: d.email, Name: d.name, Password: demoPassword})
		}
		if err != nil {
			return fmt.Errorf("demo account %s: %w", d.email, err)
		}
		if d.opd != "" {
			if err := a.joinDemoOPD(ctx, u.ID, d); err != nil {
				return err
			}
			continue
		}
		if err := a.authz.Grant(ctx, authz.Grant{UserID: u.ID, Role: d.role, Wilayah: d.wilayah}); err != nil {
			return fmt.Errorf("demo grant %s: %w", d.email, err)
		}
		ids = append(ids, u.ID)
	}
	// One notification each, so the inbox and its header badge show in
	// dev mode (the key makes a restart send nothing new).
	if _, err := a.notifikasi.Kirim(ctx, ids, notifikasi.Pesan{
		Kunci: "demo:selamat-datang", Judul: "Selamat datang di ngantor",
		Isi:    "Pemberitahuan tentang pekerjaan Anda (audiensi baru, jadwal kunjungan) muncul di sini. Buka untuk menandainya sudah dibaca.",
		Tautan: "/",
	}); err != nil {
		return fmt.Errorf("demo notification: %w", err)
	}
	for _, m := range a.mods {
		if m.seedDemo != nil {
			if err := m.seedDemo(ctx); err != nil {
				return fmt.Errorf("%s demo data: %w", m.name, err)
			}
		}
	}
	for _, l := range []struct {
		email   string
		jabatan administration.Jabatan
	}{{demoSekdesBengkel, administration.SekretarisDesa}, {demoKaurKeuanganBengkel, administration.KaurKeuangan}} {
		if err := a.linkDemoPerangkat(ctx, l.email, l.jabatan); err != nil {
			return err
		}
	}
	return nil
}

// linkDemoPerangkat links a Bengkel demo account (the sekdes, the kaur
// keuangan) to the seeded perangkat of its jabatan, so the perangkat page
// and the account name the same post. The account's grant above does not
// wait for the role sync job this starts.
func (a *app) linkDemoPerangkat(ctx context.Context, email string, jabatan administration.Jabatan) error {
	u, err := a.auth.UserByEmail(ctx, email)
	if err != nil {
		return err
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: "51.02.06.2001"})
	ps, err := a.administration.ListPerangkat(ctx, administration.PerangkatQuery{Params: pagination.Params{Limit: pagination.MaxLimit}, Status: "aktif"})
	if err != nil {
		return fmt.Errorf("demo %s: %w", jabatan, err)
	}
	for _, p := range ps.Items {
		if p.Jabatan != jabatan || p.UserID != "" {
			continue
		}
		if _, err := a.administration.LinkUser(ctx, p.ID, u.ID); err != nil {
			return fmt.Errorf("demo %s link: %w", jabatan, err)
		}
	}
	return nil
}

// joinDemoOPD makes a demo account a member of its OPD of the registry,
// unless it is one already.
func (a *app) joinDemoOPD(ctx context.Context, userID string, d demoAccount) error {
	if _, ok, err := a.opd.OPDOf(ctx, userID); err != nil || ok {
		return err
	}
	o, err := a.opd.ByKode(ctx, d.wilayah, d.opd)
	if err != nil {
		return fmt.Errorf("demo OPD %s: %w", d.opd, err)
	}
	if _, err := a.opd.TambahAnggota(ctx, d.wilayah, o.ID, d.email, audit.ActorSystem); err != nil {
		return fmt.Errorf("demo OPD %s member %s: %w", d.opd, d.email, err)
	}
	return nil
}
