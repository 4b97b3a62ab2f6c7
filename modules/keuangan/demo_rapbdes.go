package keuangan

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The demo's December: the desa of Kecamatan Kediri prepare next year's
// budget. Permendagri 20/2018 has the RAPBDes agreed with the BPD and
// evaluated by the camat so that the Perdes is set by 31 December, so in
// the last weeks of the year the camat's queue holds real work: Bengkel
// still writes its draft, three desa have submitted theirs (one already
// carries a camat comment on a line), and Nyitdah has had its own returned
// with a note.

// demoTahunDepan is the year the demo's RAPBDes are for.
const demoTahunDepan = 2027

// demoRAPBDes is each desa's state of its RAPBDes 2027.
var demoRAPBDes = []struct {
	desa     tenancy.Kode
	status   string
	komentar string // the camat's comment on the line demoDikomentari picks
	catatan  string // the camat's note when returned
}{
	{DemoBengkel, StatusDraft, "", ""},
	{"51.02.06.2002", StatusDiajukan, "Mohon lampirkan RAB dan gambar rencana; harga bahan di atas standar harga satuan kabupaten tahun 2027 (data demo).", ""},
	{"51.02.06.2003", StatusDiajukan, "", ""},
	{"51.02.06.2004", StatusDiajukan, "", ""},
	{"51.02.06.2011", StatusDikembalikan, "Honorarium melebihi standar biaya Perbup Tabanan 2027; sesuaikan volume atau harga satuan (data demo).",
		"Perbaiki honorarium sesuai standar biaya dan lengkapi lokasi setiap kegiatan fisik, lalu ajukan kembali (data demo)."},
}

// demoMulaiRAPBDes is when the RAPBDes story starts to show: a demo run
// earlier in the year has no budget of next year yet.
var demoMulaiRAPBDes = civil.Date("2026-11-01")

// seedDemoRAPBDes writes the RAPBDes 2027 of the desa of demoRAPBDes that
// exist (desa) and have none yet; each starts from a copy of the desa's
// APBDes 2026 in force.
func (m *Module) seedDemoRAPBDes(ctx context.Context, desa []tenancy.Kode, today civil.Date, now time.Time) error {
	if string(today) < string(demoMulaiRAPBDes) {
		return nil
	}
	ada := map[tenancy.Kode]bool{}
	for _, d := range desa {
		ada[d] = true
	}
	var ref *Referensi
	for i, r := range demoRAPBDes {
		if !ada[r.desa] {
			continue
		}
		dctx := tenancy.With(ctx, tenancy.Tenant{Kode: r.desa})
		if ref == nil {
			var err error
			if ref, err = m.LoadReferensi(dctx, m.db, demoTahunDepan); err != nil {
				return err
			}
		}
		err := m.db.Tx(dctx, func(ctx context.Context, tx bun.Tx) error {
			q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*APBDes)(nil)).Where("a.tahun = ?", demoTahunDepan))
			if err != nil {
				return err
			}
			if n, err := q.Count(ctx); err != nil || n > 0 {
				return err
			}
			lalu, err := GetAPBDesBerlaku(ctx, tx, demoTahunDepan-1)
			if fault.Is(err, fault.NotFound) {
				return nil
			} else if err != nil {
				return err
			}
			salin, err := ListBaris(ctx, tx, lalu.ID)
			if err != nil {
				return err
			}
			lines, err := demoTahunBerikut(ref, salin, r.desa == DemoBengkel)
			if err != nil {
				return err
			}
			// Stamped back from now, so the story reads the same whenever
			// the demo starts: drafted three weeks ago, submitted a week
			// ago (one desa a few hours after the next), evaluated since.
			dibuat := now.Add(-21 * 24 * time.Hour)
			a, err := demoTulis(ctx, tx, r.desa.ID(), demoTahunDepan, VersiMurni, "", lines, dibuat)
			if err != nil {
				return err
			}
			if r.status == StatusDraft {
				return nil
			}
			desa := Pelaku{ID: demoOleh, Nama: "Perbekel (data demo)"}
			camat := Pelaku{ID: demoOleh, Nama: "Camat Kediri (data demo)"}
			diajukan := now.Add(-7*24*time.Hour + time.Duration(i)*3*time.Hour)
			if err := GantiStatus(ctx, tx, &a, AksiAjukan, "Rancangan APBDes 2027 disepakati bersama BPD (data demo)", desa, diajukan); err != nil {
				return err
			}
			if r.komentar != "" {
				b := demoDikomentari(lines, r.status == StatusDikembalikan)
				id, err := uuid.NewV7()
				if err != nil {
					return err
				}
				k := Komentar{DesaID: a.DesaID, ID: id.String(), APBDesID: a.ID, BarisID: b.ID, BarisRingkas: ringkasBarisKomentar(b),
					Isi: r.komentar, Oleh: camat.ID, OlehNama: camat.Nama, CreatedAt: now.Add(-4 * 24 * time.Hour).UTC()}
				if _, err := tx.NewInsert().Model(&k).Exec(ctx); err != nil {
					return err
				}
			}
			if r.status == StatusDikembalikan {
				return GantiStatus(ctx, tx, &a, AksiKembalikan, r.catatan, camat, now.Add(-3*24*time.Hour))
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("keuangan: demo RAPBDes %s: %w", r.desa, err)
		}
	}
	return nil
}

// demoDikomentari picks the line a camat comments on: a honorarium
// for the returned budget, else the dearest belanja line that is not a
// fixed cost (a physical work, where the camat asks for the RAB).
func demoDikomentari(lines []Baris, honor bool) Baris {
	var best Baris
	for _, b := range lines {
		if b.Kelompok != KelompokBelanja {
			continue
		}
		if honor && strings.HasPrefix(b.Uraian, "Honorarium") {
			return b
		}
		if strings.HasPrefix(string(b.KodeKegiatan), "02.") && b.Jumlah > best.Jumlah {
			best = b
		}
	}
	if best.ID == "" {
		for _, b := range lines {
			if b.Kelompok == KelompokBelanja {
				return b
			}
		}
	}
	return best
}

// demoTahunBerikut copies a year's lines into next year's draft: Dana Desa
// up 3 % and ADD up 4 % (rounded to thousands), the belanja tak terduga
// dropped and the whole balanced again, every line checked by PeriksaBaris
// against next year's reference. Bengkel's draft also plans the next
// stretch of its road.
func demoTahunBerikut(ref *Referensi, lalu []Baris, bengkel bool) ([]Baris, error) {
	var out []Baris
	for _, b := range lalu {
		if b.KodeRekening == "5.4.1.01" && b.KodeKegiatan == "05.02.00" {
			continue // rebalanced below
		}
		in := BarisInput{KodeRekening: string(b.KodeRekening), KodeKegiatan: string(b.KodeKegiatan), Uraian: b.Uraian,
			Volume: b.Volume, Satuan: b.Satuan, HargaSatuan: b.HargaSatuan, Jumlah: b.Jumlah, SumberDana: b.SumberDana,
			Lokasi: b.Lokasi, OutputVolume: b.OutputVolume, OutputSatuan: b.OutputSatuan}
		switch {
		case b.Kelompok == KelompokBelanja:
			in.Jumlah = 0
		case b.KodeRekening == "4.2.1.01":
			in.Jumlah = ribu(b.Jumlah * 103 / 100)
		case b.KodeRekening == "4.2.3.01":
			in.Jumlah = ribu(b.Jumlah * 104 / 100)
		}
		if bengkel && b.KodeKegiatan == "02.03.10" && b.KodeRekening == "5.3.5.03" {
			in.Uraian = "Bahan pengaspalan jalan desa lanjutan ruas Banjar Dinas Kelod"
			in.Lokasi = "Banjar Dinas Kelod"
			in.OutputVolume = 200 * VolumeSkala
		}
		n, err := PeriksaBaris(ref, in, nil)
		if err != nil {
			return nil, fmt.Errorf("demo line %s %s %q: %w", in.KodeKegiatan, in.KodeRekening, in.Uraian, err)
		}
		out = append(out, n)
	}
	return demoSeimbang(ref, out)
}
