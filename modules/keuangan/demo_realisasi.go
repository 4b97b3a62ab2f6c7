package keuangan

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/civil"
)

// demoAlir is one entry the demo plans: its wanted date, what it moves,
// and whether it may wait for money (an outflow waits for the next
// receipt when kas is short).
type demoAlir struct {
	tanggal civil.Date
	masuk   bool
	t       Transaksi
	// panjar: the SPJ (spent, with its PPh) and the return, days later
	panjar *demoPanjar
}

type demoPanjar struct {
	spent Rupiah
	hari  int
}

func demoTgl(bulan, hari int) civil.Date {
	return civil.Date(fmt.Sprintf("2026-%02d-%02d", bulan, hari))
}

// demoPajak is the tax withheld on a payment of line b: PPN 11% within
// jumlah and PPh 22 1.5% of the rest on goods and works bought; PPh 21 5%
// on honoraria.
func demoPajak(b Baris, jumlah Rupiah) (ppn, pph Rupiah) {
	r := string(b.KodeRekening)
	switch {
	case strings.HasPrefix(r, "5.3.") && !strings.HasSuffix(r, ".02"), r == "5.2.1.07", r == "5.2.6.04":
		ppn = jumlah * 11 / 111
		pph = (jumlah - ppn) * 15 / 1000
	case strings.HasPrefix(r, "5.2.2.01"), strings.HasPrefix(r, "5.2.2.04"):
		pph = jumlah * 5 / 100
	}
	return ppn, pph
}

var demoPenerima = []string{"UD Sumber Rejeki", "CV Karya Dewata", "Toko Bangunan Sari Dewi", "PT Aspal Tabanan Jaya", "UD Tani Makmur", "Koperasi Serba Usaha Amerta"}

// demoRealisasi plans a year of entries against lines up to today: money
// in as it comes (Dana Desa in tahap with dd_tahap, the rest in its
// tranches), siltap and BLT monthly, operasional quarterly, works once the
// money for them is in, one panjar with its SPJ, tax paid over each month,
// and the two mutasi between bank and tunai. level (per mille) is how far
// the desa gets with the rest.
func demoRealisasi(lines []Baris, rng *rand.Rand, level int, tanpaTahap3 bool, today civil.Date) []Transaksi {
	var plan []demoAlir
	in := func(b Baris, tgl civil.Date, jumlah Rupiah, uraian string, tahap int) {
		if jumlah <= 0 {
			return
		}
		plan = append(plan, demoAlir{tanggal: tgl, masuk: true, t: Transaksi{Jenis: JenisPenerimaan, Kas: KasBank, BarisID: b.ID,
			KodeRekening: b.KodeRekening, SumberDana: b.SumberDana, Jumlah: jumlah, Uraian: uraian + " (data demo)", DDTahap: tahap}})
	}
	out := func(b Baris, tgl civil.Date, jumlah Rupiah, penerima string, output Volume) {
		if jumlah <= 0 {
			return
		}
		ppn, pph := demoPajak(b, jumlah)
		plan = append(plan, demoAlir{tanggal: tgl, t: Transaksi{Jenis: JenisPengeluaran, Kas: KasBank, BarisID: b.ID,
			KodeRekening: b.KodeRekening, KodeKegiatan: b.KodeKegiatan, SumberDana: b.SumberDana, Jumlah: jumlah, PPN: ppn, PPh: pph,
			Penerima: penerima, Uraian: b.Uraian, OutputVolume: output}})
	}
	parts := func(total Rupiah, n int) []Rupiah {
		ps := make([]Rupiah, n)
		for i := range ps {
			ps[i] = ribu(total / Rupiah(n))
		}
		ps[n-1] = total - ps[0]*Rupiah(n-1)
		return ps
	}
	late := (1000 - level) / 100 // a slow desa receives and spends later
	panjarDone := false
	for _, b := range lines {
		switch b.Kelompok {
		case KelompokPenerimaanPembiayaan:
			in(b, demoTgl(1, 6), b.Jumlah, "SiLPA tahun 2025", 0)
		case KelompokPendapatan:
			switch b.SumberDana {
			case "DDS":
				ps := []Rupiah{ribu(b.Jumlah * 40 / 100), ribu(b.Jumlah * 40 / 100)}
				ps = append(ps, b.Jumlah-ps[0]-ps[1])
				dates := []civil.Date{demoTgl(3, 5+rng.IntN(15)+late), demoTgl(6, 10+rng.IntN(12)+late), demoTgl(10, 1+rng.IntN(15)+late)}
				for i, j := range ps {
					if i == 2 && tanpaTahap3 {
						break
					}
					in(b, dates[i], j, "Dana Desa tahap "+[]string{"I", "II", "III"}[i], i+1)
				}
			case "ADD":
				for i, j := range parts(b.Jumlah, 4) {
					in(b, demoTgl(2+3*i, 10+rng.IntN(5)), j, "Alokasi Dana Desa triwulan "+strconv.Itoa(i+1), 0)
				}
			case "PBH":
				for i, j := range parts(b.Jumlah, 2) {
					in(b, demoTgl(6+5*i, 20), j, "Bagi hasil pajak dan retribusi daerah semester "+strconv.Itoa(i+1), 0)
				}
			case "BKK":
				in(b, demoTgl(4, 15+rng.IntN(10)), b.Jumlah, "Bantuan keuangan khusus Kabupaten Tabanan", 0)
			case "BKP":
				in(b, demoTgl(9, 15), b.Jumlah, "Bantuan keuangan Provinsi Bali", 0)
			case "DLL":
				for i, j := range parts(b.Jumlah, 12) {
					in(b, demoTgl(i+1, 28), j, "Bunga bank bulan "+strconv.Itoa(i+1), 0)
				}
			default: // PAD
				if b.KodeRekening == "4.1.2.01" {
					in(b, demoTgl(1, 25), b.Jumlah, "Sewa tanah kas desa", 0)
				} else {
					for i, j := range parts(b.Jumlah, 2) {
						in(b, demoTgl(7+4*i, 15), j, "Bagi hasil BUMDes semester "+strconv.Itoa(i+1), 0)
					}
				}
			}
		case KelompokPengeluaranPembiayaan:
			out(b, demoTgl(8, 5), b.Jumlah, "BUMDes", 0)
		case KelompokBelanja:
			r := string(b.KodeRekening)
			switch {
			case strings.HasPrefix(r, "5.1.") || b.Satuan == "OB" || b.KodeKegiatan == "05.03.00":
				penerima := "Perbekel dan perangkat desa"
				if b.KodeKegiatan == "05.03.00" {
					penerima = "Keluarga penerima manfaat BLT Dana Desa"
				} else if b.KodeKegiatan != "01.01.01" && b.KodeKegiatan != "01.01.02" && b.KodeKegiatan != "01.01.03" {
					penerima = "Penerima insentif/honorarium (daftar terlampir)"
				}
				for i, j := range parts(b.Jumlah, 12) {
					var o Volume
					if i == 11 {
						o = b.OutputVolume
					}
					out(b, demoTgl(i+1, 25), j, penerima, o)
				}
			case b.KodeKegiatan == "05.02.00":
				// belanja tak terduga: nothing happened yet
			case !panjarDone && b.KodeKegiatan == "01.04.01" && r == "5.2.1.06":
				panjarDone = true
				spent := ribu(b.Jumlah * 92 / 100)
				plan = append(plan, demoAlir{tanggal: demoTgl(3, 2), panjar: &demoPanjar{spent: spent, hari: 9},
					t: Transaksi{Jenis: JenisPanjar, Kas: KasTunai, BarisID: b.ID, KodeRekening: b.KodeRekening, KodeKegiatan: b.KodeKegiatan,
						SumberDana: b.SumberDana, Jumlah: b.Jumlah, Penerima: "Kasi Pemerintahan (pelaksana kegiatan)", Uraian: "Panjar " + b.Uraian}})
			case strings.HasPrefix(r, "5.3.") || b.OutputVolume > 0 || strings.HasPrefix(r, "5.2.7."):
				// Works and aid: paid once the money is there, if this
				// desa gets to it this year.
				if rng.IntN(1000) >= level+150 {
					continue
				}
				bulan := 7 + rng.IntN(3) + late/3
				if b.SumberDana == "BKK" || b.SumberDana == "ADD" {
					bulan = 5 + rng.IntN(3) + late/3
				}
				share := Rupiah(100)
				if rng.IntN(1000) >= level {
					share = 60
				}
				j := ribu(b.Jumlah * share / 100)
				if share == 100 {
					j = b.Jumlah
				}
				o := b.OutputVolume * Volume(share) / 100 / VolumeSkala * VolumeSkala
				out(b, demoTgl(min(bulan, 12), 5+rng.IntN(20)), j, demoPenerima[rng.IntN(len(demoPenerima))], o)
			default:
				// Operasional: quarterly, as far as this desa has come.
				for i, j := range parts(b.Jumlah, 4) {
					if rng.IntN(1000) >= level+200 {
						continue
					}
					out(b, demoTgl(3*i+3, 12+rng.IntN(10)), j, demoPenerima[rng.IntN(len(demoPenerima))], 0)
				}
			}
		}
	}
	return demoJadwal(plan, today)
}

// demoJadwal turns the plan into entries in book order, up to today: money
// in first on a day; an outflow that kas (less the tax withheld and not
// yet paid over) cannot cover waits for the next receipt, and one still
// waiting at the end is dropped. Tax withheld in a month is paid over on
// the 10th of the next. The cash a panjar takes from the bank goes out by
// a mutasi to kas tunai; what the SPJ gives back goes in again by mutasi.
func demoJadwal(plan []demoAlir, today civil.Date) []Transaksi {
	slices.SortStableFunc(plan, func(a, b demoAlir) int {
		if a.tanggal != b.tanggal {
			return strings.Compare(string(a.tanggal), string(b.tanggal))
		}
		if a.masuk != b.masuk {
			if a.masuk {
				return -1
			}
			return 1
		}
		return 0
	})
	var (
		out       []Transaksi
		bank      Rupiah
		pajak     = map[string][2]Rupiah{} // "2026-03" → ppn, pph withheld that month
		disetor   = map[string]bool{}
		tertahan  Rupiah // withheld, not yet paid over
		menunggu  []demoAlir
		kembali   []demoAlir // SPJ returns due later
		nomor     int
		emit      func(t Transaksi, tgl civil.Date)
		bukti     = func(p string) string { nomor++; return fmt.Sprintf("%s/%03d/2026", p, nomor) }
		bulanOf   = func(d civil.Date) string { return string(d)[:7] }
		setorTgl  = func(bulan string) civil.Date { y, _ := strconv.Atoi(bulan[5:]); return demoTgl(y+1, 10) }
		bisaBayar = func(a demoAlir) bool {
			need := a.t.Jumlah - a.t.PPN - a.t.PPh
			return bank-tertahan >= need
		}
	)
	emit = func(t Transaksi, tgl civil.Date) {
		t.Tanggal = tgl
		out = append(out, t)
	}
	setor := func(upTo civil.Date) {
		var bulan []string
		for b := range pajak {
			if !disetor[b] && setorTgl(b) <= upTo && b < "2026-12" {
				bulan = append(bulan, b)
			}
		}
		slices.Sort(bulan)
		for _, b := range bulan {
			disetor[b] = true
			p := pajak[b]
			emit(Transaksi{Jenis: JenisSetorPajak, Kas: KasBank, Jumlah: p[0] + p[1], PPN: p[0], PPh: p[1],
				NomorBukti: bukti("SSP"), Uraian: "Setor PPN dan PPh bulan " + b + " (data demo)"}, setorTgl(b))
			bank -= p[0] + p[1]
			tertahan -= p[0] + p[1]
		}
	}
	bayar := func(a demoAlir, tgl civil.Date) {
		t := a.t
		if a.panjar != nil {
			// Cash out of the bank for the panjar, the panjar, and days
			// later the SPJ and the return of what was not spent.
			emit(Transaksi{Jenis: JenisMutasi, Kas: KasBank, Jumlah: t.Jumlah, Uraian: "Tarik tunai untuk panjar kegiatan (data demo)",
				NomorBukti: bukti("MTS")}, tgl)
			bank -= t.Jumlah
			idx := len(out)
			t.NomorBukti = bukti("PNJ")
			emit(t, tgl)
			spjTgl := tgl.AddDate(0, 0, a.panjar.hari)
			rest := t.Jumlah - a.panjar.spent
			kembali = append(kembali, demoAlir{tanggal: spjTgl, masuk: true, t: Transaksi{Jenis: JenisSPJ, Kas: KasTunai,
				PanjarID: strconv.Itoa(idx), BarisID: t.BarisID, KodeRekening: t.KodeRekening, KodeKegiatan: t.KodeKegiatan,
				SumberDana: t.SumberDana, Jumlah: a.panjar.spent, Penerima: t.Penerima, Uraian: "SPJ " + t.Uraian, NomorBukti: "SPJ"}},
				demoAlir{tanggal: spjTgl, masuk: true, t: Transaksi{Jenis: JenisMutasi, Kas: KasTunai, Jumlah: rest,
					Uraian: "Setor sisa panjar ke rekening kas desa (data demo)", NomorBukti: "MTS"}})
			return
		}
		t.NomorBukti = bukti("BKT")
		emit(t, tgl)
		bank -= t.Jumlah - t.PPN - t.PPh
		if t.PPN+t.PPh > 0 {
			p := pajak[bulanOf(tgl)]
			pajak[bulanOf(tgl)] = [2]Rupiah{p[0] + t.PPN, p[1] + t.PPh}
			tertahan += t.PPN + t.PPh
		}
	}
	due := func(upTo civil.Date) {
		for len(kembali) > 0 && kembali[0].tanggal <= upTo {
			k := kembali[0]
			kembali = kembali[1:]
			k.t.NomorBukti = bukti(k.t.NomorBukti)
			emit(k.t, k.tanggal)
			if k.t.Jenis == JenisMutasi {
				bank += k.t.Jumlah
			}
		}
	}
	for _, a := range plan {
		if a.tanggal > today {
			break
		}
		due(a.tanggal)
		setor(a.tanggal)
		if a.masuk {
			a.t.NomorBukti = bukti("STS")
			emit(a.t, a.tanggal)
			bank += a.t.Jumlah
			var still []demoAlir
			for _, w := range menunggu {
				if bisaBayar(w) {
					bayar(w, a.tanggal)
				} else {
					still = append(still, w)
				}
			}
			menunggu = still
			continue
		}
		if len(menunggu) == 0 && bisaBayar(a) {
			bayar(a, a.tanggal)
		} else {
			menunggu = append(menunggu, a)
		}
	}
	due(today)
	setor(today)
	return out
}
