package umkm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	bengkel  tenancy.Kode = "51.02.06.2001"
	tetangga tenancy.Kode = "51.02.06.2002"
)

var now = time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)

// insert writes rows as the desa's tenant in one transaction.
func insert(ctx context.Context, d *db.DB, desa tenancy.Kode, rows ...any) error {
	return d.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: desa}), func(ctx context.Context, tx bun.Tx) error {
		for _, r := range rows {
			if _, err := tx.NewInsert().Model(r).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

func usaha(desa tenancy.Kode, id, nib string) *umkm.Umkm {
	return &umkm.Umkm{DesaID: desa.ID(), ID: id, Nama: "Keripik Bu Sari", PemilikNama: "Ni Made Sari", PemilikNIK: "5102065203850001",
		NIB: nib, KBLI: "10794", Sektor: "C", TenagaKerja: 3, Skala: umkm.SkalaMikro, Status: umkm.StatusAktif,
		WhatsApp: "+6281234567890", CreatedAt: now, UpdatedAt: now}
}

// The model types map onto the tables on both engines: the owner's NIK is
// stored in full and printed masked; NIB is unique within a desa only when
// given; products, photos and assistance go with their UMKM; the BUMDes
// table refuses a badan hukum without its number and date.
func TestSchemaKeepsNIKWholeNIBUniquePerDesaAndBUMDesRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		const u1, u2, u3, u4 = "01937a6e-0000-7000-8000-000000000001", "01937a6e-0000-7000-8000-000000000002",
			"01937a6e-0000-7000-8000-000000000003", "01937a6e-0000-7000-8000-000000000004"
		if err := insert(ctx, d, bengkel, usaha(bengkel, u1, "9120001234567"), usaha(bengkel, u2, ""), usaha(bengkel, u3, ""),
			&umkm.Produk{DesaID: bengkel.ID(), ID: u4, UmkmID: u1, Nama: "Keripik pedas", Harga: 15_000, Satuan: "bungkus", CreatedAt: now, UpdatedAt: now},
			&umkm.Foto{DesaID: bengkel.ID(), ID: "01937a6e-0000-7000-8000-000000000005", UmkmID: u1, BlobKey: "umkm/a.jpg", ThumbnailKey: "umkm/a-kecil.jpg", CreatedAt: now},
			&umkm.Bantuan{DesaID: bengkel.ID(), ID: "01937a6e-0000-7000-8000-000000000006", UmkmID: u1, OPDKode: "2.17.0.00", Tahun: 2025, Uraian: "Pelatihan", CreatedAt: now},
		); err != nil {
			t.Fatal(err)
		}
		if err := insert(ctx, d, bengkel, usaha(bengkel, "01937a6e-0000-7000-8000-000000000007", "9120001234567")); err == nil {
			t.Error("a second UMKM with the same NIB in one desa was stored")
		}
		if err := insert(ctx, d, tetangga, usaha(tetangga, "01937a6e-0000-7000-8000-000000000008", "9120001234567")); err != nil {
			t.Errorf("the same NIB in another desa: %v", err)
		}
		bad := usaha(bengkel, "01937a6e-0000-7000-8000-000000000009", "")
		bad.TenagaKerja = 10_001
		if err := insert(ctx, d, bengkel, bad); err == nil {
			t.Error("10,001 workers stored")
		}

		// Wall 2 on PostgreSQL: with Bengkel published, a query without any
		// WHERE sees none of the neighbour's rows (SQLite has no RLS).
		if d.Engine == db.Postgres {
			err := d.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: bengkel}), func(ctx context.Context, tx bun.Tx) error {
				var foreign int
				if err := tx.NewRaw("SELECT count(*) FROM umkm WHERE desa_id <> ?", bengkel.ID()).Scan(ctx, &foreign); err != nil {
					return err
				}
				if foreign != 0 {
					t.Errorf("%d UMKM of another desa visible", foreign)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}

		var got umkm.Umkm
		var produk int64
		err := d.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: bengkel}), func(ctx context.Context, tx bun.Tx) error {
			q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&got).Where("u.id = ?", u1))
			if err != nil {
				return err
			}
			if err := q.Scan(ctx); err != nil {
				return err
			}
			if _, err := tx.NewDelete().Model((*umkm.Umkm)(nil)).Where("desa_id = ? AND id = ?", bengkel.ID(), u1).Exec(ctx); err != nil {
				return err
			}
			produk, err = tx.NewSelect().Model((*umkm.Produk)(nil)).Where("desa_id = ?", bengkel.ID()).Count(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.PemilikNIK.Full() != "5102065203850001" || got.PemilikNIK.String() != "5102**********01" {
			t.Errorf("NIK stored as %q, printed as %q", got.PemilikNIK.Full(), got.PemilikNIK)
		}
		if s := got.Tersamar(); s.PemilikNama != "N* M*** S***" || got.PemilikNama != "Ni Made Sari" {
			t.Errorf("masked owner %q (original %q)", s.PemilikNama, got.PemilikNama)
		}
		if got.TautanWhatsApp() != "https://wa.me/6281234567890" {
			t.Errorf("WhatsApp link %q", got.TautanWhatsApp())
		}
		if produk != 0 {
			t.Errorf("%d products outlived their UMKM", produk)
		}

		b := &umkm.BUMDes{DesaID: bengkel.ID(), Nama: "BUM Desa Bengkel Sejahtera", BadanHukum: true, TenagaKerja: 4, CreatedAt: now, UpdatedAt: now}
		if err := insert(ctx, d, bengkel, b); err == nil {
			t.Error("a badan hukum without number and date was stored")
		}
		b.BadanHukumNomor, b.BadanHukumTanggal = "AHU-0012", "2022-03-14"
		b.Klasifikasi, b.KlasifikasiTahun, b.KlasifikasiSumber = "berkembang", 2024, "Kepmendesa PDTT 7/2023"
		if err := insert(ctx, d, bengkel, b,
			&umkm.UnitBUMDes{DesaID: bengkel.ID(), ID: u1, Nama: "Unit Air Bersih", Aktif: true, CreatedAt: now, UpdatedAt: now},
			&umkm.TahunBUMDes{DesaID: bengkel.ID(), Tahun: 2025, PenyertaanModal: 50_000_000, Omzet: 480_000_000, Laba: -5_000_000, Aset: 1_200_000_000, UpdatedAt: now},
			&umkm.LaporanBUMDes{DesaID: bengkel.ID(), Tahun: 2025, BlobKey: "bumdes/2025.pdf", NamaBerkas: "laporan.pdf", Ukuran: 1024, DiunggahPada: now},
		); err != nil {
			t.Fatal(err)
		}
		if err := insert(ctx, d, bengkel, &umkm.BUMDes{DesaID: bengkel.ID(), Nama: "BUM Desa kedua", CreatedAt: now, UpdatedAt: now}); err == nil {
			t.Error("a second BUMDes in one desa was stored")
		}
		if err := insert(ctx, d, bengkel, &umkm.TahunBUMDes{DesaID: bengkel.ID(), Tahun: 2024, Omzet: umkm.MaxRupiah + 1, UpdatedAt: now}); err == nil {
			t.Error("an omzet above the bound was stored")
		}
		if err := insert(ctx, d, tetangga, &umkm.UnitBUMDes{DesaID: tetangga.ID(), ID: u2, Nama: "Unit tanpa BUMDes", CreatedAt: now, UpdatedAt: now}); err == nil {
			t.Error("a unit of a desa without BUMDes was stored")
		}
	})
}

type fakeRealisasi map[string]int64

func (f fakeRealisasi) RealisasiRekening(_ context.Context, desa tenancy.Kode, tahun int, prefix string) (int64, bool, error) {
	if desa != bengkel {
		return 0, false, errors.New("asked for another desa")
	}
	if tahun != 2025 {
		return 0, false, nil
	}
	return f[prefix], true, nil
}

// The desa's APBDes side of its BUMDes asks keuangan for 6.2.2 and
// 4.1.1.01 of the tenant desa; unwired, it says so rather than answer 0.
func TestAPBDesBUMDesReadsPenyertaanModalAndBagiHasil(t *testing.T) {
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel})
	if _, ok, err := umkm.New(umkm.Deps{}).APBDesBUMDes(ctx, 2025); ok || err != nil {
		t.Errorf("unwired: ok=%v %v", ok, err)
	}
	m := umkm.New(umkm.Deps{Realisasi: fakeRealisasi{"6.2.2": 50_000_000, "4.1.1.01": 12_500_000, "6.2": 99}})
	got, ok, err := m.APBDesBUMDes(ctx, 2025)
	if err != nil || !ok || !got.Ada || got.PenyertaanModal != 50_000_000 || got.BagiHasil != 12_500_000 {
		t.Errorf("2025: %+v ok=%v %v", got, ok, err)
	}
	got, ok, err = m.APBDesBUMDes(ctx, 2024)
	if err != nil || !ok || got.Ada || got.PenyertaanModal != 0 {
		t.Errorf("a year without APBDes: %+v ok=%v %v", got, ok, err)
	}
	if _, _, err := m.APBDesBUMDes(context.Background(), 2025); err == nil {
		t.Error("answered without a tenant")
	}
}

// Owners' personal data goes to desa roles only; the forum perbekel sees
// figures only; every kabupaten reader (the opd role included) reads.
func TestTemplatesKeepPersonalDataInTheDesa(t *testing.T) {
	tpl := umkm.Templates()
	for role, perms := range tpl {
		for _, p := range perms {
			if p == umkm.PermPribadi || p == umkm.PermTulis {
				for _, l := range role.Levels() {
					if l != tenancy.Desa {
						t.Errorf("%s (granted at %v) holds %s", role, l, p)
					}
				}
			}
		}
	}
	if f := tpl[authz.ForumPerbekel]; len(f) != 1 || f[0] != umkm.PermRingkasan {
		t.Errorf("forum_perbekel holds %v", f)
	}
	for _, r := range []authz.Role{authz.OPD, authz.Camat, authz.Bupati} {
		if !contains(tpl[r], umkm.PermRead) || contains(tpl[r], umkm.PermPribadi) {
			t.Errorf("%s: %v", r, tpl[r])
		}
	}
	if _, ok := tpl[authz.PetugasSampah]; ok {
		t.Error("petugas_sampah holds a share of umkm")
	}
}

func contains(ps []authz.Permission, p authz.Permission) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}
