package umkm

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Demo desa of the bumdes part (Kecamatan Kediri, Kabupaten Tabanan).
const (
	demoBumdesBengkel tenancy.Kode = "51.02.06.2001"
	demoBumdesNyitdah tenancy.Kode = "51.02.06.2011"
)

// demoBUMDes is one demo BUMDes with its units and years.
type demoBUMDes struct {
	desa  tenancy.Kode
	prof  BUMDesData
	units []UnitData
	years []TahunData
}

// demoBUMDesList is the demo data (all figures invented). Bengkel's years
// follow keuangan's demo APBDes: its 2025 APBDes budgets penyertaan modal
// Rp 50.000.000 (6.2.2.01) and bagi hasil BUMDes Rp 35.000.000 (4.1.1.01),
// which the BUMDes reports as received and paid; keuangan's demo journal
// realises nothing in 2025, so the page shows the difference. 2023 and
// 2024 have no APBDes in keuangan's demo ("APBDes belum tercatat").
var demoBUMDesList = []demoBUMDes{
	{desa: demoBumdesBengkel,
		prof: BUMDesData{Nama: "BUM Desa Bengkel Sejahtera", BadanHukum: true,
			BadanHukumNomor: "AHU-00417.AH.01.33.Tahun 2022", BadanHukumTanggal: "2022-03-14",
			Klasifikasi: "berkembang", KlasifikasiTahun: 2023,
			KlasifikasiSumber: "Pemeringkatan BUM Desa Kemendesa PDTT 2023 (data demo)", TenagaKerja: 14},
		units: []UnitData{
			{Nama: "Unit Pengelolaan Sampah (TPS3R)", Bidang: "Pengelolaan sampah dan kompos", Aktif: true},
			{Nama: "Unit Air Bersih", Bidang: "Penyediaan air bersih perpipaan", Aktif: true},
			{Nama: "Unit Simpan Pinjam", Bidang: "Simpan pinjam warga", Aktif: true},
		},
		years: []TahunData{
			{Tahun: 2023, PenyertaanModal: 40_000_000, Omzet: 312_500_000, Laba: 41_800_000, PADes: 25_000_000, Aset: 612_000_000, TenagaKerja: 11},
			{Tahun: 2024, PenyertaanModal: 45_000_000, Omzet: 368_900_000, Laba: 52_300_000, PADes: 30_000_000, Aset: 684_500_000, TenagaKerja: 12},
			{Tahun: 2025, PenyertaanModal: 50_000_000, Omzet: 421_750_000, Laba: 58_600_000, PADes: 35_000_000, Aset: 756_250_000, TenagaKerja: 14},
		}},
	{desa: demoBumdesNyitdah,
		prof: BUMDesData{Nama: "BUM Desa Nyitdah Mandiri", TenagaKerja: 4},
		units: []UnitData{
			{Nama: "Unit Wisata Pantai", Bidang: "Pengelolaan wisata dan parkir", Aktif: true},
			{Nama: "Unit Perdagangan", Bidang: "Toko sarana produksi pertanian", Aktif: true},
		},
		years: []TahunData{
			{Tahun: 2024, PenyertaanModal: 25_000_000, Omzet: 96_400_000, Laba: -3_200_000, PADes: 0, Aset: 118_000_000, TenagaKerja: 3},
			{Tahun: 2025, PenyertaanModal: 0, Omzet: 131_800_000, Laba: 9_450_000, PADes: 5_000_000, Aset: 127_500_000, TenagaKerja: 4},
		}},
}

// seedDemoBumdes records the demo BUMDes of Bengkel and Nyitdah with their
// units and years (SeedDemo, dev mode). A desa that has a BUMDes already
// is left alone, so a second run changes nothing. Every row passes the
// part's one validation first.
func (m *Module) seedDemoBumdes(ctx context.Context) error {
	now := m.now().UTC().Truncate(time.Microsecond)
	for _, d := range demoBUMDesList {
		dctx := tenancy.With(ctx, tenancy.Tenant{Kode: d.desa})
		today := civil.Today(m.now(), d.desa)
		prof := d.prof
		if err := prof.Validate(today); err != nil {
			return err
		}
		desaID := d.desa.ID()
		err := m.db.Tx(dctx, func(ctx context.Context, tx bun.Tx) error {
			if _, ada, err := bacaBUMDes(ctx, tx); err != nil || ada {
				return err
			}
			b := BUMDes{DesaID: desaID, Nama: prof.Nama, BadanHukum: prof.BadanHukum, BadanHukumNomor: prof.BadanHukumNomor,
				BadanHukumTanggal: prof.BadanHukumTanggal, Klasifikasi: prof.Klasifikasi, KlasifikasiTahun: prof.KlasifikasiTahun,
				KlasifikasiSumber: prof.KlasifikasiSumber, TenagaKerja: prof.TenagaKerja,
				CreatedBy: "demo", CreatedAt: now, UpdatedBy: "demo", UpdatedAt: now}
			if _, err := tx.NewInsert().Model(&b).Exec(ctx); err != nil {
				return err
			}
			for _, u := range d.units {
				if err := u.Validate(); err != nil {
					return err
				}
				row := UnitBUMDes{DesaID: desaID, ID: uuid.Must(uuid.NewV7()).String(), Nama: u.Nama, Bidang: u.Bidang, Aktif: u.Aktif,
					CreatedBy: "demo", CreatedAt: now, UpdatedBy: "demo", UpdatedAt: now}
				if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
					return err
				}
			}
			for _, y := range d.years {
				if err := y.Validate(today); err != nil {
					return err
				}
				row := TahunBUMDes{DesaID: desaID, Tahun: y.Tahun, PenyertaanModal: y.PenyertaanModal, Omzet: y.Omzet, Laba: y.Laba,
					PADes: y.PADes, Aset: y.Aset, TenagaKerja: y.TenagaKerja, UpdatedBy: "demo", UpdatedAt: now}
				if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
