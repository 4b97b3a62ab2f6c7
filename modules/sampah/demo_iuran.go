package sampah

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Demo data of the iuran ledger (dev mode only): Desa Bengkel's three
// classes, 120 households over its banjar dinas, bills for the last six
// months, most of them paid and some in arrears. The rates and names are
// invented for the demo; they are no desa's perdes.

const iuranDemoDesa tenancy.Kode = "51.02.06.2001"

var (
	iuranDemoBanjar = []string{"Banjar Dinas Kaja", "Banjar Dinas Tengah", "Banjar Dinas Kelod", "Banjar Dinas Kangin", "Banjar Dinas Kauh"}
	iuranDemoDepan  = []string{"I Wayan", "I Made", "I Nyoman", "I Ketut", "Ni Luh", "Ni Made", "I Gede", "Ni Nyoman", "I Putu", "Ni Ketut"}
	iuranDemoNama   = []string{"Sudarma", "Suarjana", "Artawan", "Mertayasa", "Sukerti", "Wardani", "Budiarta", "Sutama",
		"Ariani", "Widiada", "Suparta", "Astiti", "Wirawan"}
)

// seedDemoIuran loads the demo ledger of Bengkel once: when the desa has
// any iuran class it changes nothing. Everything is written in one
// transaction, so a failed start leaves nothing half-seeded.
func (m *Module) seedDemoIuran(ctx context.Context, today civil.Date) error {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: iuranDemoDesa})
	desaID := iuranDemoDesa.ID()
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*KelasIuran)(nil)))
		if err != nil {
			return err
		}
		if n, err := q.Count(ctx); err != nil || n > 0 {
			return err
		}
		now := m.now().UTC()
		const by = "demo"
		kelas := []KelasIuran{
			{Nama: "Rumah tangga", Tarif: 15_000},
			{Nama: "Usaha kecil", Tarif: 30_000},
			{Nama: "Usaha besar", Tarif: 75_000},
		}
		for i := range kelas {
			k := &kelas[i]
			k.DesaID, k.ID, k.Aktif, k.CreatedBy, k.CreatedAt, k.UpdatedBy, k.UpdatedAt = desaID, newID(), true, by, now, by, now
		}
		if _, err := tx.NewInsert().Model(&kelas).Exec(ctx); err != nil {
			return err
		}
		first := today.AddDate(0, -5, 1-today.Time().Day())
		months := make([]string, 6)
		for i := range months {
			months[i] = string(first.AddDate(0, i, 0))[:7]
		}
		rumah := make([]RumahIuran, 120)
		for i := range rumah {
			k := kelas[0]
			switch {
			case i%15 == 7:
				k = kelas[2]
			case i%6 == 1:
				k = kelas[1]
			}
			mulai := months[0]
			if i%10 == 3 {
				mulai = months[3] // joined later: billed from then on only
			}
			nama := iuranDemoDepan[i%len(iuranDemoDepan)] + " " + iuranDemoNama[(i*7+i/len(iuranDemoDepan))%len(iuranDemoNama)]
			rumah[i] = RumahIuran{DesaID: desaID, ID: newID(), Nama: nama, Dusun: iuranDemoBanjar[i%len(iuranDemoBanjar)],
				Alamat: fmt.Sprintf("Jalan Subak No. %d", i+1), KelasID: k.ID, Mulai: mulai, Aktif: i != 41,
				CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
		}
		if _, err := tx.NewInsert().Model(&rumah).Exec(ctx); err != nil {
			return err
		}
		tarif := map[string]int64{}
		for _, k := range kelas {
			tarif[k.ID] = k.Tarif
		}
		var tagihan []TagihanIuran
		var bayar []BayarIuran
		for i, r := range rumah {
			for j, p := range months {
				if p < r.Mulai || (!r.Aktif && j >= 3) {
					continue
				}
				t := TagihanIuran{DesaID: desaID, ID: newID(), RumahID: r.ID, Periode: p, KelasID: r.KelasID,
					Jumlah: tarif[r.KelasID], CreatedBy: by, CreatedAt: now}
				paid := t.Jumlah
				switch {
				case i%17 == 5: // has paid nothing for months
					paid = 0
				case i%9 == 2 && j >= 3: // fell behind lately
					paid = 0
				case i%11 == 4 && j == 4: // paid half one month
					paid = t.Jumlah / 2
				case j == 5 && i%5 >= 3: // this month not yet paid
					paid = 0
				}
				if paid > 0 {
					tanggal := civil.Date(p + fmt.Sprintf("-%02d", 5+i%15))
					if today.Before(tanggal) {
						tanggal = today
					}
					t.Dibayar = paid
					bayar = append(bayar, BayarIuran{DesaID: desaID, ID: newID(), TagihanID: t.ID, Tanggal: tanggal,
						Jumlah: paid, CreatedBy: by, CreatedAt: now.Add(time.Duration(len(bayar)) * time.Millisecond)})
				}
				tagihan = append(tagihan, t)
			}
		}
		for start := 0; start < len(tagihan); start += 500 {
			chunk := tagihan[start:min(start+500, len(tagihan))]
			if _, err := tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
				return err
			}
		}
		for start := 0; start < len(bayar); start += 500 {
			chunk := bayar[start:min(start+500, len(bayar))]
			if _, err := tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}
