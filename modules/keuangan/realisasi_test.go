package keuangan_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const bengkelDesa tenancy.Kode = "51.02.06.2001"

func bengkelCtx() context.Context {
	return tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkelDesa})
}

// fixture is the ditetapkan APBDes 2026 of Bengkel the realisasi tests
// record against, and a draft APBDes 2025.
type fixture struct {
	dd, pad, silpa       keuangan.Baris // pendapatan DDS, pendapatan PAD, penerimaan pembiayaan SiLPA
	jalan, seni, sewaATK keuangan.Baris // belanja: DDS with an output target; PAD; PAD
}

func seedAPBDes(t *testing.T, d *db.DB) fixture {
	t.Helper()
	ctx := bengkelCtx()
	desaID := bengkelDesa.ID()
	at := now.Add(-30 * 24 * time.Hour)
	mk := func(id string, tahun int, status string) keuangan.APBDes {
		a := keuangan.APBDes{DesaID: desaID, ID: id, Tahun: tahun, Versi: keuangan.VersiMurni, Status: status,
			CreatedBy: "u", CreatedAt: at, UpdatedBy: "u", UpdatedAt: at}
		if status == keuangan.StatusDitetapkan {
			a.PerdesNomor, a.PerdesTanggal = "1 Tahun 2026", civil.Date("2026-01-02")
		}
		return a
	}
	line := func(id, apbdes, kelompok, rek, keg, uraian, sumber string, jumlah keuangan.Rupiah, output keuangan.Volume, urutan int) keuangan.Baris {
		b := keuangan.Baris{DesaID: desaID, ID: id, APBDesID: apbdes, Kelompok: kelompok, KodeRekening: keuangan.KodeRekening(rek),
			KodeKegiatan: keuangan.KodeKegiatan(keg), Uraian: uraian, Jumlah: jumlah, SumberDana: sumber, Urutan: urutan,
			CreatedBy: "u", CreatedAt: at, UpdatedBy: "u", UpdatedAt: at}
		if kelompok == keuangan.KelompokBelanja {
			b.Volume, b.Satuan, b.HargaSatuan = 1000, "paket", jumlah
			if output > 0 {
				b.OutputVolume, b.OutputSatuan = output, "m"
			}
		}
		return b
	}
	a26 := "01937a6e-0000-7000-8000-000000000026"
	a25 := "01937a6e-0000-7000-8000-000000000025"
	f := fixture{
		dd:      line("01937a6e-0000-7000-8000-0000000000a1", a26, keuangan.KelompokPendapatan, "4.2.1.01", "", "Dana Desa", "DDS", 1_000_000_000, 0, 1),
		pad:     line("01937a6e-0000-7000-8000-0000000000a2", a26, keuangan.KelompokPendapatan, "4.1.2.01", "", "Sewa tanah kas desa", "PAD", 50_000_000, 0, 2),
		silpa:   line("01937a6e-0000-7000-8000-0000000000a3", a26, keuangan.KelompokPenerimaanPembiayaan, "6.1.1.01", "", "SiLPA 2025", "SiLPA", 30_000_000, 0, 3),
		jalan:   line("01937a6e-0000-7000-8000-0000000000b1", a26, keuangan.KelompokBelanja, "5.2.1.07", "02.01.01", "Material jalan usaha tani", "DDS", 300_000_000, 100_000, 4),
		seni:    line("01937a6e-0000-7000-8000-0000000000b2", a26, keuangan.KelompokBelanja, "5.2.1.06", "03.02.01", "Konsumsi latihan gong", "PAD", 20_000_000, 0, 5),
		sewaATK: line("01937a6e-0000-7000-8000-0000000000b3", a26, keuangan.KelompokBelanja, "5.2.1.01", "01.01.04", "Alat tulis kantor", "PAD", 10_000_000, 0, 6),
	}
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, a := range []keuangan.APBDes{mk(a26, 2026, keuangan.StatusDitetapkan), mk(a25, 2025, keuangan.StatusDraft)} {
			if _, err := tx.NewInsert().Model(&a).Exec(ctx); err != nil {
				return err
			}
		}
		lines := []keuangan.Baris{f.dd, f.pad, f.silpa, f.jalan, f.seni, f.sewaATK,
			line("01937a6e-0000-7000-8000-0000000000c1", a25, keuangan.KelompokBelanja, "5.2.1.01", "01.01.04", "ATK 2025", "PAD", 5_000_000, 0, 1)}
		_, err := tx.NewInsert().Model(&lines).Exec(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// catat records in, failing the test on an error.
func catat(t *testing.T, m *keuangan.Module, in keuangan.TransaksiBaru) keuangan.Transaksi {
	t.Helper()
	tr, err := m.CatatTransaksi(bengkelCtx(), in, "kaur")
	if err != nil {
		t.Fatalf("catat %+v: %v", in, err)
	}
	return tr
}

// refused records in and wants a fault of code whose message holds want.
func refused(t *testing.T, m *keuangan.Module, in keuangan.TransaksiBaru, code fault.Code, want string) {
	t.Helper()
	_, err := m.CatatTransaksi(bengkelCtx(), in, "kaur")
	if !fault.Is(err, code) {
		t.Fatalf("%+v: want %s, got %v", in, code, err)
	}
	if !strings.Contains(faultText(err), want) {
		t.Fatalf("%+v: message %q lacks %q", in, faultText(err), want)
	}
}

func faultText(err error) string {
	f, ok := fault.As(err)
	if !ok {
		return err.Error()
	}
	s := f.Message
	for _, e := range f.Fields {
		s += " | " + e.Message
	}
	return s
}

func lraBaris(t *testing.T, l keuangan.LRA, barisID string) keuangan.LRABaris {
	t.Helper()
	var got *keuangan.LRABaris
	for _, k := range []keuangan.LRABaris{l.Pendapatan, l.Belanja, l.PenerimaanPembiayaan, l.PengeluaranPembiayaan} {
		k.Walk(func(r keuangan.LRABaris, _ int) {
			if r.BarisID == barisID {
				r := r
				got = &r
			}
		})
	}
	if got == nil {
		t.Fatalf("line %s not in the LRA", barisID)
	}
	return *got
}

func TestRealisasiEntriesMoveBooksAndPercentages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		f := seedAPBDes(t, d)
		ctx := bengkelCtx()

		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-20", Kas: "bank", BarisID: f.dd.ID, Jumlah: 400_000_000, DDTahap: 1, NomorBukti: "RKD-01"})
		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-21", Kas: "bank", BarisID: f.silpa.ID, Jumlah: 30_000_000})
		catat(t, m, keuangan.TransaksiBaru{Jenis: "mutasi", Tanggal: "2026-02-01", Kas: "bank", Jumlah: 50_000_000})
		peng := catat(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-02-10", Kas: "tunai", BarisID: f.jalan.ID,
			Jumlah: 10_000_000, PPN: 1_000_000, PPh: 200_000, NomorBukti: "BKT-001", Penerima: "UD Sumber Batu", OutputVolume: 5_000})

		bku, err := m.BKU(ctx, 2026)
		if err != nil {
			t.Fatal(err)
		}
		// tunai: +50 jt mutasi − 10 jt paid + 1,2 jt withheld tax kept in kas
		if bku.SaldoTunai != 41_200_000 || bku.SaldoBank != 380_000_000 {
			t.Fatalf("saldo tunai %d bank %d", bku.SaldoTunai, bku.SaldoBank)
		}
		// penerimaan ×2, mutasi ×2 rows, pengeluaran + its tax row
		if len(bku.Baris) != 6 || bku.Baris[5].SaldoTunai != 41_200_000 {
			t.Fatalf("BKU rows: %+v", bku.Baris)
		}
		l, err := m.LRA(ctx, 2026, 0)
		if err != nil {
			t.Fatal(err)
		}
		j := lraBaris(t, l, f.jalan.ID)
		if j.Realisasi != 10_000_000 || j.PersenBP != 333 || j.Sisa != 290_000_000 || j.OutputRealisasi != 5_000 || j.OutputTarget != 100_000 {
			t.Fatalf("jalan: %+v", j)
		}
		if l.Belanja.Realisasi != 10_000_000 || l.Pendapatan.Realisasi != 400_000_000 || l.PenerimaanPembiayaan.Realisasi != 30_000_000 {
			t.Fatalf("kelompok: belanja %d pendapatan %d pembiayaan %d", l.Belanja.Realisasi, l.Pendapatan.Realisasi, l.PenerimaanPembiayaan.Realisasi)
		}
		if l.Pendapatan.PersenBP != 3809 { // 400 / 1.050 jt
			t.Fatalf("pendapatan %%: %d", l.Pendapatan.PersenBP)
		}
		if len(l.BelanjaPerSumber) != 2 || l.BelanjaPerSumber[0].Kode != "DDS" || l.BelanjaPerSumber[0].Realisasi != 10_000_000 {
			t.Fatalf("per sumber: %+v", l.BelanjaPerSumber)
		}
		// bidang 02 → sub bidang 02.01 → kegiatan 02.01.01 → objek → line
		var bidang02 keuangan.LRABaris
		for _, b := range l.Belanja.Rincian {
			if b.Kode == "02" {
				bidang02 = b
			}
		}
		if keg := bidang02.Rincian[0].Rincian[0]; keg.CapaianOutputBP == nil || *keg.CapaianOutputBP != 500 || l.Pendapatan.CapaianOutputBP != nil {
			t.Fatalf("kegiatan output capaian (5 of 100 m): %+v", keg)
		}
		if bidang02.Realisasi != 10_000_000 || bidang02.Rincian[0].Rincian[0].Kode != "02.01.01" || bidang02.Rincian[0].Rincian[0].Rincian[0].Kode != "5.2.1.07" {
			t.Fatalf("tree: %+v", bidang02)
		}
		// Semester II has no entry yet; semester I all of them.
		if s2, _ := m.LRA(ctx, 2026, 2); s2.Belanja.Realisasi != 0 || s2.Belanja.Anggaran != 330_000_000 {
			t.Fatalf("semester 2: %+v", s2.Belanja.AngkaLRA)
		}

		// The reversing entry undoes the pengeluaran everywhere; both stay.
		k, err := m.KoreksiTransaksi(ctx, peng.ID, keuangan.KoreksiBaru{Alasan: "Salah baris"}, "kaur")
		if err != nil || k.Jumlah != -10_000_000 || k.KoreksiID != peng.ID {
			t.Fatalf("koreksi: %+v %v", k, err)
		}
		bku, _ = m.BKU(ctx, 2026)
		if bku.SaldoTunai != 50_000_000 || len(bku.Baris) != 8 || !bku.Baris[7].Koreksi {
			t.Fatalf("after koreksi: tunai %d, %d rows", bku.SaldoTunai, len(bku.Baris))
		}
		l, _ = m.LRA(ctx, 2026, 0)
		if j := lraBaris(t, l, f.jalan.ID); j.Realisasi != 0 || j.OutputRealisasi != 0 {
			t.Fatalf("after koreksi: %+v", j)
		}
		if p, _ := m.BukuPajak(ctx, 2026); p.SisaPPN != 0 || p.SisaPPh != 0 || len(p.Baris) != 2 {
			t.Fatalf("pajak after koreksi: %+v", p)
		}
		if _, err := m.KoreksiTransaksi(ctx, peng.ID, keuangan.KoreksiBaru{Alasan: "lagi"}, "kaur"); !fault.Is(err, fault.Conflict) {
			t.Fatalf("second koreksi: %v", err)
		}
		if _, err := m.KoreksiTransaksi(ctx, k.ID, keuangan.KoreksiBaru{Alasan: "lagi"}, "kaur"); !fault.Is(err, fault.Conflict) {
			t.Fatalf("koreksi of a koreksi: %v", err)
		}
	})
}

func TestRealisasiRefusesWithBahasaReasons(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		f := seedAPBDes(t, d)
		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-20", Kas: "tunai", BarisID: f.pad.ID, Jumlah: 25_000_000})

		refused(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-02-01", BarisID: f.seni.ID, Jumlah: 20_000_001,
			NomorBukti: "B1", Penerima: "Sekaa Gong"}, fault.Invalid, "melebihi sisa anggaran baris 5.2.1.06: anggaran Rp 20.000.000")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-02-01", BarisID: f.jalan.ID, Jumlah: 26_000_000,
			NomorBukti: "B1", Penerima: "UD Batu"}, fault.Invalid, "Saldo kas tunai tidak mencukupi")
		// Withheld tax stays in kas: 25 jt gross with 1 jt tax needs 24 jt.
		catat(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-02-01", BarisID: f.jalan.ID, Jumlah: 25_000_000, PPh: 1_000_000,
			NomorBukti: "B1", Penerima: "UD Batu"})
		refused(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2025-06-01", BarisID: "01937a6e-0000-7000-8000-0000000000c1", Jumlah: 1_000,
			NomorBukti: "B2", Penerima: "Toko"}, fault.Conflict, "APBDes tahun 2025 belum ditetapkan")
		refused(t, m, keuangan.TransaksiBaru{Tahun: 2026, Jenis: "penerimaan", Tanggal: "2025-12-31", BarisID: f.pad.ID, Jumlah: 1_000},
			fault.Invalid, "Tanggal harus di dalam tahun anggaran 2026")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-03-06", BarisID: f.pad.ID, Jumlah: 1_000},
			fault.Invalid, "belum tiba")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-03-01", BarisID: f.pad.ID, Jumlah: keuangan.MaxRupiah + 1},
			fault.Invalid, "Jumlah terlalu besar")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-03-01", BarisID: f.jalan.ID, Jumlah: 1_000},
			fault.Invalid, "Penerimaan dicatat pada baris pendapatan atau penerimaan pembiayaan")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-03-01", BarisID: f.dd.ID, Jumlah: 1_000},
			fault.Invalid, "harus menyebut tahapnya")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-03-01", BarisID: f.dd.ID, Jumlah: 1_000, DDTahap: 2},
			fault.Invalid, "tahap I belum dicatat diterima")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-03-01", BarisID: f.jalan.ID, Jumlah: 1_000, PPN: 2_000,
			NomorBukti: "B3", Penerima: "Toko"}, fault.Invalid, "melebihi jumlah pembayaran")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-03-01", BarisID: f.jalan.ID, Jumlah: 1_000},
			fault.Invalid, "Nomor bukti wajib diisi")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "setor_pajak", Tanggal: "2026-03-01", PPh: 1_000_001},
			fault.Invalid, "PPh disetor Rp 1.000.001 melebihi PPh yang dipungut dan belum disetor Rp 1.000.000")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "transfer", Tanggal: "2026-03-01"}, fault.Invalid, "Jenis transaksi harus")
	})
}

func TestRealisasiPanjarSPJAndPajak(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		f := seedAPBDes(t, d)
		ctx := bengkelCtx()
		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-10", BarisID: f.pad.ID, Jumlah: 20_000_000})
		pj := catat(t, m, keuangan.TransaksiBaru{Jenis: "panjar", Tanggal: "2026-01-15", BarisID: f.seni.ID, Jumlah: 15_000_000,
			Penerima: "I Made Pelaksana", Uraian: "Latihan gong"})
		// The open panjar counts against the line: 20 jt − 15 jt leaves 5 jt.
		refused(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-01-16", BarisID: f.seni.ID, Jumlah: 5_000_001,
			NomorBukti: "X", Penerima: "Y"}, fault.Invalid, "sisa Rp 5.000.000")
		refused(t, m, keuangan.TransaksiBaru{Jenis: "spj", Tanggal: "2026-01-20", PanjarID: pj.ID, Jumlah: 15_000_001, NomorBukti: "SPJ-1"},
			fault.Invalid, "antara Rp 0 dan panjarnya")
		catat(t, m, keuangan.TransaksiBaru{Jenis: "spj", Tanggal: "2026-01-20", PanjarID: pj.ID, Jumlah: 12_000_000, PPh: 600_000, NomorBukti: "SPJ-1"})
		refused(t, m, keuangan.TransaksiBaru{Jenis: "spj", Tanggal: "2026-01-21", PanjarID: pj.ID, Jumlah: 1, NomorBukti: "SPJ-2"},
			fault.Conflict, "sudah dipertanggungjawabkan")
		if _, err := m.KoreksiTransaksi(ctx, pj.ID, keuangan.KoreksiBaru{Alasan: "x"}, "kaur"); !fault.Is(err, fault.Conflict) {
			t.Fatalf("a panjar with its SPJ was corrected: %v", err)
		}

		// kas: 20 − 15 + 3 back + 0,6 tax withheld = 8,6 jt
		bku, _ := m.BKU(ctx, 2026)
		if bku.SaldoTunai != 8_600_000 {
			t.Fatalf("saldo tunai %d", bku.SaldoTunai)
		}
		l, _ := m.LRA(ctx, 2026, 0)
		if r := lraBaris(t, l, f.seni.ID); r.Realisasi != 12_000_000 || r.PersenBP != 6000 {
			t.Fatalf("seni: %+v", r)
		}
		keg, _ := m.BukuKegiatan(ctx, 2026)
		var seni keuangan.BukuKegiatan
		for _, k := range keg {
			if k.KodeKegiatan == "03.02.01" {
				seni = k
			}
		}
		if seni.Realisasi != 12_000_000 || seni.PanjarTerbuka != 0 || len(seni.Baris) != 2 || seni.Baris[1].Sisa != 8_000_000 {
			t.Fatalf("buku kegiatan: %+v", seni)
		}

		// Pajak withheld and outstanding until paid over.
		p, _ := m.BukuPajak(ctx, 2026)
		if p.SisaPPh != 600_000 || p.SisaPPN != 0 {
			t.Fatalf("pajak: %+v", p)
		}
		catat(t, m, keuangan.TransaksiBaru{Jenis: "setor_pajak", Tanggal: "2026-02-01", PPh: 400_000, NomorBukti: "NTPN-1"})
		p, _ = m.BukuPajak(ctx, 2026)
		if p.SisaPPh != 200_000 || p.SetorPPh != 400_000 || len(p.Baris) != 2 || p.Baris[1].Sisa != 200_000 {
			t.Fatalf("pajak after setor: %+v", p)
		}
		bku, _ = m.BKU(ctx, 2026)
		if bku.SaldoTunai != 8_200_000 {
			t.Fatalf("saldo after setor %d", bku.SaldoTunai)
		}
	})
}

func TestRealisasiDanaDesaTahapConditions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		f := seedAPBDes(t, d)
		ctx := bengkelCtx()
		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-20", Kas: "bank", BarisID: f.dd.ID, Jumlah: 400_000_000, DDTahap: 1})
		catat(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-02-01", Kas: "bank", BarisID: f.jalan.ID, Jumlah: 100_000_000,
			NomorBukti: "B1", Penerima: "UD Batu", OutputVolume: 20_000})

		dd, err := m.DanaDesa(ctx, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if dd.Pagu != 1_000_000_000 || len(dd.Tahap) != 3 || dd.Tahap[0].Target != 400_000_000 || dd.Tahap[0].Diterima != 400_000_000 ||
			dd.Tahap[0].Tanggal != "2026-01-20" || dd.Tahap[2].Target != 200_000_000 {
			t.Fatalf("tahap: %+v", dd)
		}
		t2 := dd.Tahap[1]
		if t2.Terpenuhi || len(t2.Syarat) != 2 || t2.Syarat[0].Terpenuhi || t2.Syarat[0].NilaiBP != 2500 || t2.Syarat[1].NilaiBP != 2000 {
			t.Fatalf("tahap II should wait: %+v", t2)
		}
		if !strings.Contains(t2.Syarat[0].Nilai, "25,00% (belanja Rp 100.000.000 dari Dana Desa diterima Rp 400.000.000") ||
			!strings.Contains(t2.Syarat[0].Batas, "50,00%") {
			t.Fatalf("numbers behind it: %+v", t2.Syarat[0])
		}

		catat(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-03-01", Kas: "bank", BarisID: f.jalan.ID, Jumlah: 100_000_000,
			NomorBukti: "B2", Penerima: "UD Batu", OutputVolume: 20_000})
		dd, _ = m.DanaDesa(ctx, 2026)
		if t2 := dd.Tahap[1]; !t2.Terpenuhi || t2.Syarat[0].NilaiBP != 5000 || t2.Syarat[1].NilaiBP != 4000 {
			t.Fatalf("tahap II met: %+v", t2)
		}
		// Tahap III's conditions count tahap I and II together: none received yet.
		if t3 := dd.Tahap[2]; t3.Terpenuhi {
			t.Fatalf("tahap III met before tahap II came: %+v", t3)
		}
		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-03-02", Kas: "bank", BarisID: f.dd.ID, Jumlah: 400_000_000, DDTahap: 2})
		refused(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-03-02", Kas: "bank", BarisID: f.dd.ID, Jumlah: 1, DDTahap: 2},
			fault.Invalid, "tahap II sudah dicatat diterima pada 2 Maret 2026")
		dd, _ = m.DanaDesa(ctx, 2026)
		// 200 jt of 800 jt received: 25 % against the 90 % tahap III asks.
		if t3 := dd.Tahap[2]; t3.Terpenuhi || t3.Syarat[0].NilaiBP != 2500 || dd.Diterima != 800_000_000 {
			t.Fatalf("tahap III: %+v", t3)
		}
	})
}

func TestRealisasiCorrectionOfDanaDesaKeepsOrder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		f := seedAPBDes(t, d)
		ctx := bengkelCtx()
		t1 := catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-20", Kas: "bank", BarisID: f.dd.ID, Jumlah: 400_000_000, DDTahap: 1})
		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-25", Kas: "bank", BarisID: f.dd.ID, Jumlah: 400_000_000, DDTahap: 2})
		if _, err := m.KoreksiTransaksi(ctx, t1.ID, keuangan.KoreksiBaru{Alasan: "salah"}, "kaur"); !fault.Is(err, fault.Conflict) {
			t.Fatalf("tahap I corrected under tahap II: %v", err)
		}
		// A correction that would take kas below zero is refused.
		catat(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-02-01", Kas: "bank", BarisID: f.jalan.ID, Jumlah: 300_000_000,
			NomorBukti: "B", Penerima: "P"})
		catat(t, m, keuangan.TransaksiBaru{Jenis: "mutasi", Tanggal: "2026-02-02", Kas: "bank", Jumlah: 450_000_000})
		tr, err := m.ListTransaksiTahun(ctx, 2026)
		if err != nil || len(tr) != 4 {
			t.Fatalf("journal: %d %v", len(tr), err)
		}
		if _, err := m.KoreksiTransaksi(ctx, tr[1].ID, keuangan.KoreksiBaru{Alasan: "salah"}, "kaur"); !fault.Is(err, fault.Invalid) ||
			!strings.Contains(faultText(err), "Saldo kas bank tidak mencukupi") {
			t.Fatalf("koreksi below zero: %v", err)
		}
	})
}

// Two clerks entering at once never spend a line beyond its anggaran: the
// APBDes row makes their checks take turns.
func TestRealisasiConcurrentEntriesNeverOverspend(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		f := seedAPBDes(t, d)
		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-05", BarisID: f.pad.ID, Jumlah: 50_000_000})
		const n = 8
		errs := make(chan error, n)
		for i := range n {
			go func() {
				_, err := m.CatatTransaksi(bengkelCtx(), keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-02-01",
					BarisID: f.seni.ID, Jumlah: 3_000_000, NomorBukti: "B-" + string(rune('A'+i)), Penerima: "Sekaa"}, "kaur")
				errs <- err
			}()
		}
		ok := 0
		for range n {
			err := <-errs
			switch {
			case err == nil:
				ok++
			case !fault.Is(err, fault.Invalid) || !strings.Contains(faultText(err), "melebihi sisa anggaran"):
				t.Errorf("unexpected: %v", err)
			}
		}
		l, _ := m.LRA(bengkelCtx(), 2026, 0)
		if r := lraBaris(t, l, f.seni.ID); ok != 6 || r.Realisasi != 18_000_000 {
			t.Fatalf("%d entries passed, realisasi %d; want 6 and 18 jt of the 20 jt line", ok, r.Realisasi)
		}
	})
}

// Entries follow the APBDes in force: the murni until a perubahan is
// ditetapkan, then the perubahan, onto whose lines the murni's entries
// carry (asal_baris_id).
func TestRealisasiFollowsThePerubahanOnceDitetapkan(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		f := seedAPBDes(t, d)
		ctx := bengkelCtx()
		catat(t, m, keuangan.TransaksiBaru{Jenis: "penerimaan", Tanggal: "2026-01-05", BarisID: f.pad.ID, Jumlah: 50_000_000})
		catat(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-01-06", BarisID: f.seni.ID, Jumlah: 20_000_000, NomorBukti: "1", Penerima: "P"})

		p := keuangan.APBDes{DesaID: bengkelDesa.ID(), ID: "01937a6e-0000-7000-8000-0000000000f1", Tahun: 2026, Versi: keuangan.VersiPerubahan,
			MurniID: "01937a6e-0000-7000-8000-000000000026", Status: keuangan.StatusDraft, CreatedBy: "u", CreatedAt: now, UpdatedBy: "u", UpdatedAt: now}
		seni := f.seni
		seni.ID, seni.APBDesID, seni.AsalBarisID, seni.Jumlah, seni.HargaSatuan = "01937a6e-0000-7000-8000-0000000000f2", p.ID, f.seni.ID, 30_000_000, 30_000_000
		pad := f.pad
		pad.ID, pad.APBDesID, pad.AsalBarisID = "01937a6e-0000-7000-8000-0000000000f3", p.ID, f.pad.ID
		err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.NewInsert().Model(&p).Exec(ctx); err != nil {
				return err
			}
			lines := []keuangan.Baris{seni, pad}
			_, err := tx.NewInsert().Model(&lines).Exec(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		// A draft perubahan changes nothing: the murni's 20 jt is spent.
		refused(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-01-07", BarisID: f.seni.ID, Jumlah: 1, NomorBukti: "2", Penerima: "P"},
			fault.Invalid, "sisa Rp 0")

		err = d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewUpdate().Model(&p).Set("status = ?", keuangan.StatusDitetapkan).Set("perdes_nomor = '5 Tahun 2026'").
				Set("perdes_tanggal = ?", "2026-01-07").Where("desa_id = ? AND id = ?", p.DesaID, p.ID).Exec(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		// The perubahan raises the line to 30 jt; the murni line's id still works.
		catat(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-01-08", BarisID: f.seni.ID, Jumlah: 10_000_000, NomorBukti: "3", Penerima: "P"})
		refused(t, m, keuangan.TransaksiBaru{Jenis: "pengeluaran", Tanggal: "2026-01-08", BarisID: seni.ID, Jumlah: 1, NomorBukti: "4", Penerima: "P"},
			fault.Invalid, "anggaran Rp 30.000.000")
		l, err := m.LRA(ctx, 2026, 0)
		if err != nil || l.Versi != keuangan.VersiPerubahan {
			t.Fatalf("LRA: %s %v", l.Versi, err)
		}
		if r := lraBaris(t, l, seni.ID); r.Realisasi != 30_000_000 || r.Anggaran != 30_000_000 || r.PersenBP != 10000 ||
			r.AnggaranMurni != f.seni.Jumlah {
			t.Fatalf("perubahan line (murni %d beside it): %+v", f.seni.Jumlah, r)
		}
		if l.Belanja.AnggaranMurni != f.seni.Jumlah || l.Belanja.Anggaran != 30_000_000 {
			t.Fatalf("belanja murni %d, perubahan %d", l.Belanja.AnggaranMurni, l.Belanja.Anggaran)
		}
		// The printout puts murni, perubahan and selisih beside each other.
		doc := m.DokumenLRA(ctx, l)
		tab := doc.Sections[1].Tables[0]
		if len(tab.Columns) != 9 || len(tab.Rows[0].Cells) != 9 || tab.Columns[2].Label != "Anggaran murni (Rp)" || tab.Columns[4].Label != "Selisih (Rp)" {
			t.Fatalf("LRA columns under a perubahan: %+v", tab.Columns)
		}
		if l.Pendapatan.Realisasi != 50_000_000 {
			t.Fatalf("pendapatan: %d", l.Pendapatan.Realisasi)
		}
	})
}
