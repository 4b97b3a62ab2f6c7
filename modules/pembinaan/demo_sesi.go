package pembinaan

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The demo's sessions, with fixed ids (follow-up points attach to the
// Bengkel pembinaan): a DPMD bimtek on desa finance for every desa of
// Kecamatan Kediri three weeks ago, a pembinaan on services and tata
// naskah by the kecamatan at Bengkel ten days ago (both selesai, with
// attendance; the second with a material), and a sosialisasi of the
// Pilkades by the kabupaten for a few desa, still planned.
const (
	DemoSesiBimtekKediri = "01938a6e-0000-7000-8000-00000000b1a0"
	DemoSesiBengkel      = "01938a6e-0000-7000-8000-00000000b1a1"
	DemoSesiPilkades     = "01938a6e-0000-7000-8000-00000000b1a2"
)

const (
	demoKabupaten tenancy.Kode = "51.02"
	demoKediri    tenancy.Kode = "51.02.06"
	demoBengkel   tenancy.Kode = "51.02.06.2001"
)

// sesiOPDDaftar is the registry's list of a kabupaten's OPD, when the
// OPD source offers it (the demo finds DPMD by its code).
type sesiOPDDaftar interface {
	Daftar(ctx context.Context, kabupaten tenancy.Kode) ([]OPD, error)
}

const demoMateri = "MATERI PEMBINAAN PELAYANAN ADMINISTRASI DESA\n\n" +
	"1. Standar pelayanan: persyaratan, waktu dan biaya diumumkan di kantor desa.\n" +
	"2. Tata naskah dinas: surat keluar diberi nomor menurut kode klasifikasi arsip.\n" +
	"3. Buku agenda surat masuk dan keluar diisi setiap hari.\n" +
	"4. Register layanan dicatat dan direkap setiap bulan untuk laporan ke kecamatan.\n"

// SeedDemoSesi writes the demo sessions once: a session already there is
// left as it is, so a second start changes nothing.
func (m *Module) SeedDemoSesi(ctx context.Context) error {
	if m.regions == nil {
		return nil
	}
	if err := m.regions.Exists(ctx, demoKediri); err != nil {
		return nil // not the demo kabupaten
	}
	z := civil.Zone(demoKediri)
	hari := func(d, jam int) time.Time {
		t := m.now().In(z).AddDate(0, 0, d)
		return time.Date(t.Year(), t.Month(), t.Day(), jam, 0, 0, 0, z)
	}
	kediri, err := m.regions.DesaIn(ctx, demoKediri)
	if err != nil {
		return err
	}
	// 1. The DPMD bimtek for every desa of Kecamatan Kediri.
	var dpmd *OPD
	if d, ok := m.opd.(sesiOPDDaftar); ok {
		os, err := d.Daftar(ctx, demoKabupaten)
		if err != nil {
			return err
		}
		for i := range os {
			if os[i].Kode == "DPMD" {
				dpmd = &os[i]
			}
		}
	}
	wajib := []string{"kepala_desa", "sekretaris_desa", "kaur_keuangan"}
	if err := m.demoSesi(ctx, demoKabupaten, DemoSesiBimtekKediri, dpmd, PembinaanSesiInput{
		Judul: "Bimtek pengelolaan keuangan desa", Jenis: JenisBimtek, Topik: []string{"keuangan"},
		Mulai: hari(-21, 9), Selesai: hari(-21, 15), Tempat: "Aula Kantor Camat Kediri",
		Narasumber: []PembinaanNarasumber{{Nama: "I Wayan Sudiarta, S.E.", Jabatan: "Kabid Pemerintahan Desa DPMD"},
			{Nama: "Ni Luh Putu Ariani, S.Ak.", Jabatan: "Pendamping desa bidang keuangan"}},
		SemuaDesa: true, JabatanWajib: wajib,
		Catatan: "Peserta membawa laptop dan dokumen APBDes tahun berjalan.",
	}, demoKediri, wajib, nil); err != nil {
		return err
	}
	// 2. The kecamatan's pembinaan at Bengkel.
	wajibB := []string{"sekretaris_desa", "kaur_tata_usaha_umum", "kasi_pelayanan"}
	if err := m.demoSesi(ctx, demoKediri, DemoSesiBengkel, nil, PembinaanSesiInput{
		Judul: "Pembinaan pelayanan administrasi", Jenis: JenisPembinaan, Topik: []string{"pelayanan", "tata_naskah"},
		Mulai: hari(-10, 9), Selesai: hari(-10, 11), Tempat: "Kantor Perbekel Bengkel",
		Narasumber: []PembinaanNarasumber{{Nama: "I Gede Suartana, S.Sos.", Jabatan: "Kasi Kesejahteraan Sosial Kecamatan Kediri"},
			{Nama: "Ni Made Sriasih, S.H.", Jabatan: "Kasi Tata Pemerintahan Kecamatan Kediri"}},
		Desa: []string{string(demoBengkel)}, JabatanWajib: wajibB,
		Catatan: "Permasalahan dan potensi desa dicatat sebagai basis data pembinaan berikutnya.",
	}, demoBengkel, append([]string{"kepala_desa"}, wajibB...), []byte(demoMateri)); err != nil {
		return err
	}
	// 3. The upcoming sosialisasi of the Pilkades.
	var beberapa []string
	for _, d := range kediri {
		if len(beberapa) < 4 {
			beberapa = append(beberapa, string(d.Kode))
		}
	}
	if len(beberapa) == 0 {
		return nil
	}
	return m.demoSesi(ctx, demoKabupaten, DemoSesiPilkades, nil, PembinaanSesiInput{
		Judul: "Sosialisasi Pilkades serentak", Jenis: JenisSosialisasi, Topik: []string{"pilkades"},
		Mulai: hari(14, 9), Selesai: hari(14, 12), Tempat: "Gedung Kesenian I Ketut Maria, Tabanan",
		Narasumber: []PembinaanNarasumber{{Nama: "Bagian Pemerintahan Setda", Jabatan: "Kepala Bagian Pemerintahan"}},
		Desa:       beberapa, JabatanWajib: []string{"kepala_desa", "sekretaris_desa"},
		Catatan: "Panitia pemilihan desa diundang bersama perbekel.",
	}, "", nil, nil)
}

// demoSesi plans one demo session at k unless it exists; with hadirDi it
// ticks, in every invited desa under hadirDi, the perangkat in post of
// the posts jabatan, marks it selesai and stores materi.
func (m *Module) demoSesi(ctx context.Context, k tenancy.Kode, id string, org *OPD, in PembinaanSesiInput,
	hadirDi tenancy.Kode, jabatan []string, materi []byte) error {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: k})
	var n int64
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		n, err = tx.NewSelect().Model((*sesiBaris)(nil)).Where("p.desa_id = ? AND p.id = ?", k.ID(), id).Count(ctx)
		return err
	})
	if err != nil || n > 0 {
		return err
	}
	s, err := m.buatSesi(ctx, id, in, true, org)
	if err != nil {
		return err
	}
	if hadirDi == "" {
		return nil
	}
	if m.perangkat != nil {
		ps, err := m.perangkat.Aktif(ctx, hadirDi)
		if err != nil {
			return err
		}
		diundang := map[string]bool{}
		for _, d := range s.Desa {
			diundang[d] = true
		}
		want := map[string]bool{}
		for _, j := range jabatan {
			want[j] = true
		}
		var rows []hadirBaris
		at := s.Mulai.Add(-15 * time.Minute)
		for _, p := range ps {
			if diundang[string(p.Desa)] && want[p.Jabatan] {
				rows = append(rows, hadirBaris{DesaID: p.Desa.ID(), PembinaanID: id, PerangkatID: p.ID, Nama: p.Nama,
					Jabatan: p.Jabatan, Sebutan: p.Sebutan, DicatatOleh: sesiPelaku(ctx), DicatatPada: at})
			}
		}
		if len(rows) > 0 {
			if err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
				_, err := tx.NewInsert().Model(&rows).Ignore().Exec(ctx)
				return err
			}); err != nil {
				return err
			}
		}
	}
	if len(materi) > 0 && m.blob != nil {
		if _, err := m.TambahMateri(ctx, id, "materi-pelayanan-administrasi.txt", materi); err != nil {
			return err
		}
	}
	_, err = m.UbahStatusSesi(ctx, id, StatusSelesai)
	return err
}
