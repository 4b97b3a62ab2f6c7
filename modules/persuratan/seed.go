package persuratan

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// demoDesa get demo letters: Desa Bengkel (51.02.06.2001, Kediri,
// Tabanan) and its neighbour 51.02.06.2002.
var demoDesa = []tenancy.Kode{"51.02.06.2001", "51.02.06.2002"}

// demoSigner stands in when the administration module has no kepala desa
// for a demo desa yet.
var demoSigner = Signer{Nama: "I Made Suarta", Jabatan: "Perbekel"}

// SeedDemo gives the demo desa letters across two years (2025 and 2026):
// register entries both ways, a disposisi, and service letters with PDFs.
// A desa that already has any surat keluar is left alone, so it is
// idempotent. It needs the kode klasifikasi, so it loads them first.
func (m *Module) SeedDemo(ctx context.Context) error {
	if err := m.SeedReference(ctx); err != nil {
		return err
	}
	for _, desa := range demoDesa {
		if err := m.seedDesa(tenancy.With(ctx, tenancy.Tenant{Kode: desa}), desa); err != nil {
			return fmt.Errorf("persuratan: demo %s: %w", desa, err)
		}
	}
	return nil
}

func (m *Module) seedDesa(ctx context.Context, desa tenancy.Kode) error {
	var n int64
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*SuratKeluar)(nil)))
		if err != nil {
			return err
		}
		n, err = q.Count(ctx)
		return err
	})
	if err != nil || n > 0 {
		return err
	}
	kop, err := m.letterhead(ctx, desa)
	if err != nil {
		return err
	}
	sig, err := m.signer(ctx, desa)
	if err != nil {
		sig = demoSigner
	}
	_, desaID, err := desaOf(ctx)
	if err != nil {
		return err
	}
	const by = "demo"
	keluar := []struct {
		tanggal     Tanggal
		klasifikasi string
		tujuan      string
		perihal     string
	}{
		{"2025-02-10", "000.1.5", "Ketua BPD " + kop.Desa, "Undangan musyawarah desa RKP Desa 2026"},
		{"2025-06-03", "900.1.3", "Camat " + kop.Kecamatan, "Laporan realisasi APBDes semester I"},
		{"2025-11-17", "400.7", "Kepala Puskesmas " + kop.Kecamatan, "Permohonan posyandu keliling"},
		{"2026-01-12", "000.7", "Ketua BPD " + kop.Desa, "Undangan musrenbang desa"},
		{"2026-03-02", "500.6", "Kepala Dinas Pertanian", "Permohonan bantuan benih padi subak"},
	}
	// The register lists newest date first and a number is taken when a
	// letter is issued, so the demo issues every surat keluar (by hand and
	// service letters alike, which share a sequence under the default
	// policy) in date order: numbers then rise with dates, as in a real
	// buku agenda.
	type terbit struct {
		tanggal Tanggal
		issue   func() error
	}
	var urutan []terbit
	for _, k := range keluar {
		urutan = append(urutan, terbit{k.tanggal, func() error {
			s := SuratKeluar{DesaID: desaID, ID: newID(), Tanggal: k.tanggal, Jenis: JenisUmum, KlasifikasiKode: k.klasifikasi,
				Tujuan: k.tujuan, Perihal: k.perihal, Kop: kop, PenandatanganNama: sig.Nama, PenandatanganJabatan: sig.Jabatan,
				CreatedBy: by, CreatedAt: m.clock()}
			return m.issue(ctx, desa, &s)
		}})
	}
	layanan := []struct {
		tanggal Tanggal
		in      SuratLayananBaru
	}{
		{"2025-08-14", SuratLayananBaru{Jenis: "keterangan_usaha", Pemohon: Pemohon{Nama: "Ni Wayan Sukerti", NIK: "5102064508800001",
			JenisKelamin: "P", Pekerjaan: "Pedagang", Alamat: "Banjar Dinas Tengah, Desa " + kop.Desa, Keperluan: "Pengajuan KUR",
			Rincian: map[string]string{"nama_usaha": "Warung Sukerti", "jenis_usaha": "warung makan", "alamat_usaha": "Jalan Raya " + kop.Desa}}}},
		{"2026-02-02", SuratLayananBaru{Jenis: "keterangan_domisili", Pemohon: Pemohon{Nama: "I Ketut Darma", NIK: "5102061203950002",
			JenisKelamin: "L", Pekerjaan: "Karyawan swasta", Alamat: "Banjar Dinas Kaja, Desa " + kop.Desa, Keperluan: "Melamar pekerjaan"}}},
		{"2026-03-09", SuratLayananBaru{Jenis: "keterangan_tidak_mampu", Pemohon: Pemohon{Nama: "Ni Nyoman Rai", NIK: "5102064107700003",
			JenisKelamin: "P", Pekerjaan: "Buruh tani", Alamat: "Banjar Dinas Kelod, Desa " + kop.Desa, Keperluan: "Keringanan biaya sekolah anak",
			Rincian: map[string]string{"tanggungan": "3"}}}},
	}
	for _, l := range layanan {
		urutan = append(urutan, terbit{l.tanggal, func() error {
			_, err := m.issueLayanan(ctx, l.in, sig, l.tanggal, by)
			return err
		}})
	}
	slices.SortStableFunc(urutan, func(a, b terbit) int { return cmp.Compare(a.tanggal, b.tanggal) })
	for _, t := range urutan {
		if err := t.issue(); err != nil {
			return err
		}
	}
	// Surat masuk are listed in date order, so agenda numbers rise too.
	masuk := []SuratMasuk{
		{TanggalTerima: "2025-03-05", TanggalSurat: "2025-03-01", NomorSurat: "100.2/215/Kec.Kdr", Pengirim: "Camat " + kop.Kecamatan,
			Perihal: "Rapat koordinasi perbekel se-kecamatan", KlasifikasiKode: "100.2"},
		{TanggalTerima: "2026-02-20", TanggalSurat: "2026-02-18", NomorSurat: "400.12/88/Disdukcapil", Pengirim: "Dinas Kependudukan dan Pencatatan Sipil",
			Perihal: "Jadwal pelayanan KTP-el keliling", KlasifikasiKode: "400.12"},
	}
	for i := range masuk {
		s := &masuk[i]
		s.DesaID, s.ID, s.CreatedBy, s.CreatedAt = desaID, newID(), by, m.clock()
		if err := m.registerMasuk(ctx, desa, s); err != nil {
			return err
		}
	}
	if _, err := m.AddDisposisi(ctx, masuk[1].ID, DisposisiBaru{KepadaNama: "Kasi Pelayanan", KepadaJabatan: "Kasi Pelayanan",
		Catatan: "Umumkan ke kelian banjar dinas dan siapkan daftar warga yang belum rekam KTP-el."}, by); err != nil {
		return err
	}
	return nil
}
