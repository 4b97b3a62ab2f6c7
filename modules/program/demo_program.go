package program

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// The demo programmes (dev mode only): desa of Kecamatan Kediri, Tabanan,
// in the demo's fiscal year, linked to the kegiatan of their demo APBDes
// where the desa has that kegiatan (keuangan's demo leaves some out),
// plus standalone ones, and two OPD programmes: DLH's TPS3R and PUPR's
// road. Exactly one overlap: Bengkel's own road and PUPR's road, both
// "jalan" in Banjar Delod Puri in the same year. Tags go to the demo
// RPJM's sasaran by their code (SeedDemoRPJM); without an RPJM the
// programmes are written untagged. Every row is marked demo; a desa that
// has any programme of the year is left as it is, so a second run
// changes nothing.

const demoTahun = 2026

// demoKabupaten is Tabanan.
const demoKabupaten tenancy.Kode = "51.02"

type demoProgram struct {
	kegiatan  string // linked kegiatan; "" standalone
	nama      string // standalone
	sumber    string
	pagu      int64
	subBidang string
	aset      string
	lokasi    string
	sasaran   []string // RPJM codes
	output    string
	satuan    string
	target    float64
	outcome   string
	oSatuan   string
	oTarget   float64
}

// demoDesaProgram are the programmes per desa; a linked kegiatan the
// desa's APBDes lacks is skipped.
var demoDesaProgram = map[tenancy.Kode][]demoProgram{
	"51.02.06.2001": { // Bengkel
		{kegiatan: "02.03.10", aset: "jalan", lokasi: "Banjar Delod Puri", sasaran: []string{"3.1.1"},
			output: "Jalan desa diaspal", satuan: "m", target: 250, outcome: "Jalan desa dalam kondisi baik", oSatuan: "persen", oTarget: 80},
		{kegiatan: "02.02.02", sasaran: []string{"2.1.1", "2.1.2"},
			output: "Porsi makanan tambahan balita dan ibu hamil", satuan: "porsi", target: 1200, outcome: "Balita stunting di desa", oSatuan: "anak", oTarget: 8},
		{kegiatan: "04.02.01", sasaran: []string{"1.1.1"}, output: "Bibit padi untuk subak", satuan: "paket", target: 1},
		{nama: "Pelatihan pemilahan sampah rumah tangga (data demo)", sumber: "csr", pagu: 15_000_000, subBidang: "03.04", sasaran: []string{"3.2.1"},
			output: "Rumah tangga ikut pelatihan", satuan: "KK", target: 120, outcome: "Sampah rumah tangga terpilah", oSatuan: "persen", oTarget: 40},
		{kegiatan: "01.01.04"}, // operasional kantor: belanja without a sasaran
	},
	"51.02.06.2002": {
		{kegiatan: "02.03.12", aset: "jalan", lokasi: "Subak Gede", sasaran: []string{"3.1.1"}, output: "Jalan usaha tani dibeton", satuan: "m", target: 300},
		{kegiatan: "02.01.01", sasaran: []string{"2.2.1"}, output: "Guru PAUD menerima insentif", satuan: "orang", target: 4},
		{nama: "Lampu jalan tenaga surya (data demo)", sumber: "bkk_kabupaten", pagu: 48_000_000, subBidang: "02.07", aset: "penerangan",
			lokasi: "Banjar Munduk", output: "Titik lampu terpasang", satuan: "titik", target: 16},
	},
	"51.02.06.2003": {
		{kegiatan: "02.02.02", sasaran: []string{"2.1.1"}, output: "Porsi makanan tambahan", satuan: "porsi", target: 1000},
		{kegiatan: "04.02.01", sasaran: []string{"1.1.1"}, output: "Bibit padi untuk subak", satuan: "paket", target: 1},
	},
	"51.02.06.2004": {
		{kegiatan: "02.04.15", aset: "tps", lokasi: "Banjar Tengah", sasaran: []string{"3.2.1"},
			output: "TPS3R desa dibangun", satuan: "unit", target: 1, outcome: "Sampah desa terkelola", oSatuan: "persen", oTarget: 60},
		{nama: "Pasar UMKM malam minggu (data demo)", sumber: "pad", pagu: 20_000_000, subBidang: "04.05", sasaran: []string{"1.2.1"},
			output: "Pelaku UMKM ikut pasar", satuan: "unit", target: 30},
	},
	"51.02.06.2005": {
		{kegiatan: "02.03.15", aset: "gedung", lokasi: "Banjar Kaja", output: "Balai banjar direhabilitasi", satuan: "unit", target: 1},
	},
}

type demoOPDProgram struct {
	desa      tenancy.Kode
	opd       string // the registry's Kode
	nama      string
	kodeOPD   string
	subBidang string
	pagu      int64
	aset      string
	lokasi    string
	sasaran   []string
}

var demoOPD = []demoOPDProgram{
	// The overlap: the same road as Bengkel's own programme.
	{desa: "51.02.06.2001", opd: "DINASPUPRPKP", nama: "Peningkatan jalan lingkungan Banjar Delod Puri (data demo)", kodeOPD: "1.03.10.2.01.0030",
		subBidang: "02.03", pagu: 450_000_000, aset: "jalan", lokasi: "Br. Delod Puri", sasaran: []string{"3.1.1"}},
	{desa: "51.02.06.2002", opd: "DLH", nama: "Pembangunan TPS3R Desa (data demo)", kodeOPD: "2.11.05.2.01.0004",
		subBidang: "02.05", pagu: 350_000_000, aset: "tps", lokasi: "Banjar Pasekan", sasaran: []string{"3.2.1"}},
}

// SeedDemoProgram writes the demo programmes (dev mode only; see above).
func (m *Module) SeedDemoProgram(ctx context.Context) error {
	sasaran, err := m.sasaranProgram(ctx, demoKabupaten, demoTahun)
	if err != nil {
		return err
	}
	byKode := map[string]string{}
	for _, s := range sasaran {
		byKode[s.Kode] = s.ID
	}
	tags := func(kodes []string) []string {
		var out []string
		for _, k := range kodes {
			if id, ok := byKode[k]; ok {
				out = append(out, id)
			}
		}
		return out
	}
	kegiatan, err := m.kegiatanWilayah(ctx, "51.02.06", demoTahun)
	if err != nil {
		return err
	}
	for desa, ps := range demoDesaProgram {
		if m.regions != nil && m.regions.Exists(ctx, desa) != nil {
			continue
		}
		dctx := tenancy.With(ctx, tenancy.Tenant{Kode: desa})
		if ada, err := m.adaProgram(dctx, "program_desa"); err != nil || ada {
			if err != nil {
				return err
			}
			continue
		}
		for _, p := range ps {
			if p.kegiatan != "" {
				if _, ok := kegiatan[desa][p.kegiatan]; !ok {
					continue
				}
			}
			d := DesaProgramData{Tahun: demoTahun, KegiatanKode: p.kegiatan, Nama: p.nama, SumberDana: p.sumber, Pagu: p.pagu, SubBidang: p.subBidang}
			d.Lokasi, d.JenisAset, d.Sasaran = p.lokasi, p.aset, tags(p.sasaran)
			d.Indikator = demoIndikatorProgram(p)
			if _, err := m.simpanProgramDesa(dctx, "", d, true); err != nil {
				return fmt.Errorf("program: demo %s %s%s: %w", desa, p.kegiatan, p.nama, err)
			}
		}
	}
	if m.opd == nil {
		return nil
	}
	opds, err := m.opd.Daftar(ctx, demoKabupaten)
	if err != nil {
		return err
	}
	for _, p := range demoOPD {
		var o OPD
		for _, x := range opds {
			if x.Kode == p.opd {
				o = x
			}
		}
		if o.ID == "" || (m.regions != nil && m.regions.Exists(ctx, p.desa) != nil) {
			continue
		}
		dctx := tenancy.With(ctx, tenancy.Tenant{Kode: p.desa})
		if ada, err := m.adaProgram(dctx, "program_opd"); err != nil || ada {
			if err != nil {
				return err
			}
			continue
		}
		d := OPDProgramData{Tahun: demoTahun, Nama: p.nama, KodeOPD: p.kodeOPD, SubBidang: p.subBidang, Pagu: p.pagu}
		d.Lokasi, d.JenisAset, d.Sasaran = p.lokasi, p.aset, tags(p.sasaran)
		if _, err := m.simpanProgramOPD(dctx, o, "", d, true); err != nil {
			return fmt.Errorf("program: demo OPD %s in %s: %w", p.opd, p.desa, err)
		}
	}
	return nil
}

func demoIndikatorProgram(p demoProgram) []IndikatorProgram {
	var out []IndikatorProgram
	if p.output != "" {
		out = append(out, IndikatorProgram{Jenis: Output, Uraian: p.output, Satuan: p.satuan, Capaian: []CapaianIndikator{{Tahun: demoTahun, Target: p.target}}})
	}
	if p.outcome != "" {
		out = append(out, IndikatorProgram{Jenis: Outcome, Uraian: p.outcome, Satuan: p.oSatuan, Capaian: []CapaianIndikator{{Tahun: demoTahun, Target: p.oTarget}}})
	}
	return out
}

// adaProgram reports whether the tenant desa has a row of the demo year
// in table (program_desa or program_opd).
func (m *Module) adaProgram(ctx context.Context, table string) (bool, error) {
	var n int
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw("SELECT COUNT(*) FROM "+table+" WHERE desa_id = ? AND tahun = ?", tenancy.Kode(kodeOf(ctx)).ID(), demoTahun).Scan(ctx, &n)
	})
	return n > 0, err
}
