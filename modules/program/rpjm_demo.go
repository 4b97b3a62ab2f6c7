package program

import (
	"context"
	"fmt"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// The demo RPJM (dev mode only): Kabupaten Tabanan's RPJMD 2021–2026 in
// outline. The visi follows the theme the RPJMD is known by ("Tabanan
// Era Baru yang Aman, Unggul dan Madani"; the exact wording is not
// verified); the misi, tujuan, sasaran and indikator are written for the
// demo in the shape of a
// kabupaten RPJMD (agriculture and tourism, people's health and
// schooling, infrastructure and waste, governance), with sasaran that
// desa programmes serve (sampah, UMKM, jalan desa, stunting, tata kelola
// desa); every figure is invented. The period is marked demo and named
// "(contoh demo)".

// DemoKabupatenRPJM is the kabupaten the demo RPJM belongs to.
const DemoKabupatenRPJM tenancy.Kode = "51.02"

const demoNamaRPJM = "RPJMD Kabupaten Tabanan 2021–2026 (contoh demo)"

type demoNodeRPJM struct {
	jenis    JenisNode
	kode     string
	uraian   string
	satuan   string
	baseline float64
	target   []float64 // 2021…2026
}

func demoMisi(kode, uraian string) demoNodeRPJM {
	return demoNodeRPJM{jenis: JenisMisi, kode: kode, uraian: uraian}
}
func demoTujuan(kode, uraian string) demoNodeRPJM {
	return demoNodeRPJM{jenis: JenisTujuan, kode: kode, uraian: uraian}
}
func demoSasaran(kode, uraian string) demoNodeRPJM {
	return demoNodeRPJM{jenis: JenisSasaran, kode: kode, uraian: uraian}
}
func demoIndikator(kode, uraian, satuan string, base float64, target ...float64) demoNodeRPJM {
	return demoNodeRPJM{jenis: JenisIndikator, kode: kode, uraian: uraian, satuan: satuan, baseline: base, target: target}
}

var demoPohon = []demoNodeRPJM{
	demoMisi("1", "Mewujudkan perekonomian daerah yang tangguh berbasis pertanian, pariwisata dan usaha rakyat"),
	demoTujuan("1.1", "Meningkatkan nilai tambah pertanian dan ketahanan pangan"),
	demoSasaran("1.1.1", "Meningkatnya produktivitas pertanian dan subak"),
	demoIndikator("1.1.1.1", "Produktivitas padi", "ton/ha", 5.8, 5.85, 5.9, 5.95, 6.0, 6.05, 6.1),
	demoIndikator("1.1.1.2", "Luas sawah beririgasi subak dalam kondisi baik", "persen", 72, 74, 76, 78, 80, 82, 84),
	demoSasaran("1.1.2", "Meningkatnya ketahanan pangan keluarga"),
	demoIndikator("1.1.2.1", "Skor Pola Pangan Harapan", "skor", 86, 87, 88, 89, 90, 91, 92),
	demoTujuan("1.2", "Meningkatkan ekonomi desa, UMKM dan pariwisata"),
	demoSasaran("1.2.1", "Meningkatnya usaha mikro, kecil dan menengah serta BUMDes di desa"),
	demoIndikator("1.2.1.1", "Jumlah UMKM aktif binaan", "unit", 1200, 1300, 1450, 1600, 1750, 1900, 2050),
	demoIndikator("1.2.1.2", "BUMDes berkategori maju", "persen", 18, 20, 24, 28, 32, 36, 40),
	demoSasaran("1.2.2", "Meningkatnya kunjungan wisata ke desa wisata"),
	demoIndikator("1.2.2.1", "Kunjungan wisatawan ke desa wisata", "ribu orang", 150, 90, 160, 220, 280, 320, 360),

	demoMisi("2", "Meningkatkan kualitas sumber daya manusia yang sehat, cerdas dan berbudaya"),
	demoTujuan("2.1", "Meningkatkan derajat kesehatan masyarakat"),
	demoSasaran("2.1.1", "Menurunnya prevalensi stunting"),
	demoIndikator("2.1.1.1", "Prevalensi stunting balita", "persen", 12.9, 12.0, 11.0, 9.5, 8.0, 7.0, 6.0),
	demoSasaran("2.1.2", "Meningkatnya pelayanan kesehatan dasar di desa"),
	demoIndikator("2.1.2.1", "Posyandu aktif (purnama dan mandiri)", "persen", 68, 70, 74, 78, 82, 86, 90),
	demoTujuan("2.2", "Meningkatkan mutu dan pemerataan pendidikan"),
	demoSasaran("2.2.1", "Meningkatnya partisipasi pendidikan dasar dan menengah"),
	demoIndikator("2.2.1.1", "Rata-rata lama sekolah", "tahun", 8.6, 8.7, 8.8, 8.9, 9.0, 9.1, 9.2),
	demoIndikator("2.2.1.2", "Anak usia dini yang mengikuti PAUD", "persen", 70, 71, 73, 75, 77, 79, 81),

	demoMisi("3", "Membangun infrastruktur yang merata dan lingkungan hidup yang lestari"),
	demoTujuan("3.1", "Meningkatkan konektivitas dan infrastruktur perdesaan"),
	demoSasaran("3.1.1", "Meningkatnya kemantapan jalan desa dan jalan usaha tani"),
	demoIndikator("3.1.1.1", "Panjang jalan desa dalam kondisi baik", "persen", 61, 63, 66, 69, 72, 75, 78),
	demoIndikator("3.1.1.2", "Jalan usaha tani yang dibangun atau diperbaiki", "km", 0, 12, 25, 40, 55, 70, 85),
	demoSasaran("3.1.2", "Meningkatnya akses air minum layak"),
	demoIndikator("3.1.2.1", "Rumah tangga dengan akses air minum layak", "persen", 91, 92, 93, 94, 95, 96, 97),
	demoTujuan("3.2", "Meningkatkan kualitas lingkungan hidup"),
	demoSasaran("3.2.1", "Meningkatnya pengelolaan sampah berbasis desa"),
	demoIndikator("3.2.1.1", "Sampah rumah tangga yang terkelola (dikurangi dan ditangani)", "persen", 55, 58, 62, 67, 72, 76, 80),
	demoIndikator("3.2.1.2", "Desa yang memiliki TPS3R atau bank sampah aktif", "desa", 40, 48, 58, 70, 82, 95, 110),
	demoSasaran("3.2.2", "Meningkatnya kualitas lingkungan hidup"),
	demoIndikator("3.2.2.1", "Indeks Kualitas Lingkungan Hidup", "indeks", 68.5, 69.0, 69.5, 70.0, 70.5, 71.0, 71.5),

	demoMisi("4", "Mewujudkan tata kelola pemerintahan yang bersih, efektif dan melayani"),
	demoTujuan("4.1", "Meningkatkan akuntabilitas pemerintahan daerah dan desa"),
	demoSasaran("4.1.1", "Meningkatnya tata kelola pemerintahan desa"),
	demoIndikator("4.1.1.1", "Desa yang menyampaikan laporan realisasi APBDes tepat waktu", "persen", 75, 78, 82, 86, 90, 95, 100),
	demoIndikator("4.1.1.2", "Desa berstatus mandiri atau maju (IDM)", "desa", 60, 66, 74, 82, 90, 98, 106),
	demoSasaran("4.1.2", "Meningkatnya akuntabilitas kinerja pemerintah daerah"),
	demoIndikator("4.1.2.1", "Nilai SAKIP kabupaten", "nilai", 70.1, 71, 72, 73, 74, 75, 76),
	demoTujuan("4.2", "Meningkatkan kualitas pelayanan publik"),
	demoSasaran("4.2.1", "Meningkatnya pelayanan publik berbasis elektronik"),
	demoIndikator("4.2.1.1", "Indeks SPBE", "indeks", 2.4, 2.6, 2.8, 3.0, 3.2, 3.4, 3.6),
}

// SeedDemoRPJM adds the demo RPJM to Tabanan when it has no RPJM for
// 2021 yet (dev start runs it each time; a second run changes nothing).
func (m *Module) SeedDemoRPJM(ctx context.Context) error {
	if _, ok, err := m.RPJMTerkini(ctx, DemoKabupatenRPJM, 2021); err != nil || ok {
		return err
	}
	r, err := m.BuatRPJM(ctx, DemoKabupatenRPJM, RPJMData{Nama: demoNamaRPJM, TahunMulai: 2021, TahunAkhir: 2026,
		Visi: "Terwujudnya Tabanan Era Baru yang Aman, Unggul dan Madani (AUM) berlandaskan Tri Hita Karana"}, true)
	if err != nil {
		return fmt.Errorf("demo rpjm: %w", err)
	}
	nodes := make([]NodeData, len(demoPohon))
	for i, d := range demoPohon {
		nodes[i] = NodeData{Jenis: d.jenis, Kode: d.kode, NodeIsi: NodeIsi{Uraian: d.uraian, Satuan: d.satuan}}
		if d.jenis == JenisIndikator {
			b := d.baseline
			nodes[i].Baseline = &b
			for k, v := range d.target {
				nodes[i].Target = append(nodes[i].Target, TargetRPJM{Tahun: 2021 + k, Target: v})
			}
		}
	}
	if _, err := m.GantiPohon(ctx, DemoKabupatenRPJM, r.ID, nodes); err != nil {
		return fmt.Errorf("demo rpjm tree: %w", err)
	}
	return nil
}
