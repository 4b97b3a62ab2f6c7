package sampah_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Fixtures of the publik part (indicators, dossier, public page), written
// straight to the tables: Bengkel with a TPS3R, a bank sampah and an
// inactive TPS, a nasabah, logs of June 2025 and of January and February
// 2026, setoran (one reversed) and a sale; Cepaka (51.02.06.2002) with a
// population and nothing else.
const (
	publikCepaka       = "51.02.06.2002"
	publikNasabahNama  = "Ni Luh Rahasia Wati"
	publikNasabahTelp  = "081299887766"
	publikCatatanLog   = "Listrik padam seharian"
	publikAlasan       = "Atap rusak diterjang angin"
	publikPengepulNama = "Pengepul Made Rahasia"
)

// publikNames names the wilayah of the fixtures; any other code is
// NotFound, as the wilayah module answers.
type publikNames map[tenancy.Kode]string

func (n publikNames) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	if s, ok := n[k]; ok {
		return s, nil
	}
	return "", fault.New(fault.NotFound, "Wilayah tidak ditemukan.")
}

var publikWilayah = publikNames{"51.02": "Kabupaten Tabanan", "51.02.06": "Kediri", bengkel: "Bengkel", publikCepaka: "Cepaka",
	"51.02.06.1001": "Kelurahan Contoh"}

// publikPenduduk: 1.000 jiwa in Bengkel, 500 in Cepaka.
type publikPenduduk struct{}

func (publikPenduduk) Penduduk(_ context.Context, w tenancy.Kode) (map[tenancy.Kode]int64, error) {
	out := map[tenancy.Kode]int64{}
	for k, n := range map[tenancy.Kode]int64{bengkel: 1000, publikCepaka: 500} {
		if w.Contains(k) {
			out[k] = n
		}
	}
	return out, nil
}

func publikDeps(deps *sampah.Deps) { deps.Names, deps.Penduduk = publikWilayah, publikPenduduk{} }

func publikID() string { return uuid.Must(uuid.NewV7()).String() }

// publikSeed writes Bengkel's fixtures.
func publikSeed(t *testing.T, d *db.DB) {
	t.Helper()
	desa := tenancy.Kode(bengkel)
	id := desa.ID()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tps3r, bank, tps := publikID(), publikID(), publikID()
	fas := func(fid, jenis, nama, status, alasan string) sampah.Fasilitas {
		return sampah.Fasilitas{DesaID: id, ID: fid, Jenis: jenis, Nama: nama, Status: status, AlasanTidakAktif: alasan,
			CreatedBy: "uji", CreatedAt: at, UpdatedBy: "uji", UpdatedAt: at}
	}
	fs := []sampah.Fasilitas{
		fas(tps3r, sampah.FasilitasTPS3R, "TPS3R Bestari", "aktif", ""),
		fas(bank, sampah.FasilitasBankSampah, "Bank Sampah Sari Asih", "aktif", ""),
		fas(tps, sampah.FasilitasTPS, "TPS Banjar Kaja", "tidak_aktif", publikAlasan),
	}
	log := func(tgl string, op bool, org, anorg, res, kompos, tpa int64, cat string) sampah.Log {
		return sampah.Log{DesaID: id, FasilitasID: tps3r, Tanggal: civil.Date(tgl), Beroperasi: op, OrganikGram: sampah.Takaran(org),
			AnorganikGram: sampah.Takaran(anorg), ResiduGram: sampah.Takaran(res), KomposGram: sampah.Takaran(kompos),
			ResiduTPAGram: sampah.Takaran(tpa), Catatan: cat, CreatedBy: "uji", CreatedAt: at}
	}
	logs := []sampah.Log{
		log("2025-06-15", true, 50_000, 0, 10_000, 20_000, 10_000, ""),
		log("2026-01-10", true, 100_000, 20_000, 30_000, 40_000, 25_000, ""),
		log("2026-02-10", false, 0, 0, 0, 0, 0, publikCatatanLog),
	}
	pet, minyak := publikID(), publikID()
	jenis := []sampah.JenisSampah{
		{DesaID: id, ID: pet, FasilitasID: bank, Kode: "PET", Nama: "Botol plastik PET", Kelompok: "anorganik", Satuan: "kg", Aktif: true},
		{DesaID: id, ID: minyak, FasilitasID: bank, Kode: "MJ", Nama: "Minyak jelantah", Kelompok: "residu", Satuan: "liter", Aktif: true},
	}
	nas := sampah.Nasabah{DesaID: id, ID: publikID(), FasilitasID: bank, Nomor: 1, Nama: publikNasabahNama, Jenis: "rumah_tangga",
		Dusun: "Banjar Kaja", Telepon: publikNasabahTelp, Aktif: true, CreatedBy: "uji", CreatedAt: at}
	entri := func(eid, jenis, nasabah, tgl string, jumlah int64, pembeli, koreksi string) sampah.Entri {
		return sampah.Entri{DesaID: id, ID: eid, FasilitasID: bank, NasabahID: nasabah, Jenis: jenis, Tanggal: civil.Date(tgl),
			Jumlah: jumlah, Pembeli: pembeli, KoreksiID: koreksi, CreatedBy: "uji", CreatedAt: at}
	}
	s1, s2, k2, jual := publikID(), publikID(), publikID(), publikID()
	es := []sampah.Entri{
		entri(s1, sampah.EntriSetoran, nas.ID, "2026-02-01", 40_000, "", ""),
		entri(s2, sampah.EntriSetoran, nas.ID, "2026-02-02", 15_000, "", ""),
		entri(k2, sampah.EntriKoreksi, nas.ID, "2026-02-03", -15_000, "", s2),
		entri(jual, sampah.EntriPenjualan, "", "2026-02-20", 48_000, publikPengepulNama, ""),
	}
	rinci := []sampah.Rinci{
		{DesaID: id, EntriID: s1, JenisID: pet, Jumlah: 10_000, Harga: 3_000, Nilai: 30_000},
		{DesaID: id, EntriID: s1, JenisID: minyak, Jumlah: 2_000, Harga: 5_000, Nilai: 10_000},
		{DesaID: id, EntriID: s2, JenisID: pet, Jumlah: 5_000, Harga: 3_000, Nilai: 15_000},
		{DesaID: id, EntriID: jual, JenisID: pet, Jumlah: 12_000, Harga: 4_000, Nilai: 48_000},
	}
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, m := range []any{&fs, &logs, &jenis, &nas, &es, &rinci} {
			if _, err := tx.NewInsert().Model(m).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
