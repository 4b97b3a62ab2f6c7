package sampah

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Part fasilitas: the jenis sampah a bank sampah buys and their price
// list. A price holds from its date on; a setoran copies the price in
// force on its own date (HargaBerlaku), so a later price never changes a
// saved entry, and a price once recorded is never edited.

// HargaMulaiMin is the earliest date a price may start.
const HargaMulaiMin civil.Date = "2000-01-01"

// hargaMajuHari is how far ahead a price may be announced.
const hargaMajuHari = 366

// JenisData is what a user sets on a jenis sampah.
type JenisData struct {
	Nama     string `json:"nama" maxLength:"100" example:"Botol plastik PET"`
	Kelompok string `json:"kelompok" enum:"organik,anorganik,residu"`
	Satuan   string `json:"satuan" enum:"kg,pcs,liter" doc:"Tidak dapat diubah setelah jenis punya harga"`
}

// JenisBaru is a jenis sampah to add to a bank sampah.
type JenisBaru struct {
	Kode string `json:"kode" maxLength:"10" example:"PET" doc:"1–10 huruf besar atau angka, unik di bank sampah ini"`
	JenisData
}

// JenisUbah is a jenis sampah's new values; its kode stays.
type JenisUbah struct {
	JenisData
	Aktif bool `json:"aktif" doc:"Jenis tidak aktif tidak ditawarkan pada setoran baru"`
}

// HargaBaru is a price from a date on.
type HargaBaru struct {
	BerlakuMulai civil.Date `json:"berlaku_mulai" doc:"Berlaku mulai tanggal ini (2000-01-01 sampai 366 hari ke depan)"`
	Harga        int64      `json:"harga" minimum:"0" maximum:"10000000" doc:"Rupiah per satuan jenis"`
}

// JenisHarga is a jenis with the price in force today.
type JenisHarga struct {
	JenisSampah
	Harga             *int64     `json:"harga,omitempty" doc:"Harga yang berlaku hari ini; kosong bila belum ada"`
	HargaBerlakuMulai civil.Date `json:"harga_berlaku_mulai,omitempty"`
}

var (
	jenisKodePola   = regexp.MustCompile(`^[A-Z0-9]{1,10}$`)
	jenisKelompokOK = map[string]bool{"organik": true, "anorganik": true, "residu": true}
	jenisSatuanOK   = map[string]bool{"kg": true, "pcs": true, "liter": true}
)

// jenisPeriksa is the one validation of a jenis sampah: the kode when
// withKode (it is set once), and d, put into j.
func jenisPeriksa(kode string, withKode bool, d JenisData, j *JenisSampah) error {
	var p valid.Problems
	if withKode {
		j.Kode = strings.ToUpper(strings.TrimSpace(kode))
		switch {
		case j.Kode == "":
			p.Add("kode", "Kode jenis wajib diisi.")
		case !jenisKodePola.MatchString(j.Kode):
			p.Add("kode", "Kode jenis 1–10 huruf atau angka tanpa spasi, misalnya PET atau KARDUS.")
		}
	}
	j.Nama = strings.Join(strings.Fields(d.Nama), " ")
	p.Text("nama", "Nama jenis", j.Nama, 2, 100)
	j.Kelompok, j.Satuan = strings.TrimSpace(d.Kelompok), strings.TrimSpace(d.Satuan)
	if !jenisKelompokOK[j.Kelompok] {
		p.Add("kelompok", "Pilih kelompok: organik, anorganik atau residu.")
	}
	if !jenisSatuanOK[j.Satuan] {
		p.Add("satuan", "Pilih satuan: kg, pcs atau liter.")
	}
	return p.Err()
}

// hargaPeriksa is the one validation of a price; hariIni is the desa's
// date today.
func hargaPeriksa(h HargaBaru, hariIni civil.Date) error {
	var p valid.Problems
	if h.BerlakuMulai.IsZero() {
		p.Add("berlaku_mulai", "Tanggal berlaku wajib diisi.")
	} else {
		p.Date("berlaku_mulai", "Tanggal berlaku", h.BerlakuMulai, HargaMulaiMin, hariIni.AddDate(0, 0, hargaMajuHari))
	}
	if h.Harga < 0 || h.Harga > MaxHarga {
		p.Add("harga", "Harga harus antara 0 dan %s rupiah.", valid.Angka(MaxHarga))
	}
	return p.Err()
}

// getJenis reads a jenis of the facility fasilitasID (NotFound otherwise).
func getJenis(ctx context.Context, idb bun.IDB, fasilitasID, jenisID string) (JenisSampah, error) {
	var j JenisSampah
	if err := cekID(fasilitasID, "Fasilitas"); err != nil {
		return j, err
	}
	if err := cekID(jenisID, "Jenis sampah"); err != nil {
		return j, err
	}
	err := bacaSatu(ctx, idb.NewSelect().Model(&j).Where("j.id = ? AND j.fasilitas_id = ?", jenisID, fasilitasID), fault.New(fault.NotFound, "Jenis sampah tidak ditemukan."))
	return j, err
}

// TambahJenis adds a jenis sampah to a bank sampah of the tenant desa.
func (m *Module) TambahJenis(ctx context.Context, fasilitasID string, in JenisBaru) (JenisSampah, error) {
	j := JenisSampah{Aktif: true}
	if err := cekID(fasilitasID, "Fasilitas"); err != nil {
		return j, err
	}
	verr := jenisPeriksa(in.Kode, true, in.JenisData, &j)
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return j, err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		f, err := GetFasilitas(ctx, tx, fasilitasID)
		if err != nil {
			return err
		}
		if err := butuhJenis(f, "fasilitas", FasilitasBankSampah); err != nil {
			return fault.New(fault.Conflict, "Jenis sampah dan harga hanya dicatat untuk bank sampah; %s adalah %s.", f.Nama, NamaJenisFasilitas(f.Jenis))
		}
		if verr != nil {
			return verr
		}
		j.DesaID, j.ID, j.FasilitasID = desaID, newID(), f.ID
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*JenisSampah)(nil)).Where("j.fasilitas_id = ? AND j.kode = ?", f.ID, j.Kode))
		if err != nil {
			return err
		}
		if ada, err := q.Exists(ctx); err != nil {
			return err
		} else if ada {
			return jenisKodeKembar(j.Kode, f.Nama)
		}
		if _, err := tx.NewInsert().Model(&j).Exec(ctx); db.IsUniqueViolation(err) {
			return jenisKodeKembar(j.Kode, f.Nama)
		} else if err != nil {
			return err
		}
		return nil
	})
	return j, err
}

func jenisKodeKembar(kode, bank string) error {
	return &fault.Error{Code: fault.Conflict, Field: "kode",
		Message: "Kode " + kode + " sudah dipakai jenis lain di " + bank + "; pakai kode lain."}
}

// UbahJenis changes a jenis's name, kelompok, activity and — while it has
// no price yet — its satuan.
func (m *Module) UbahJenis(ctx context.Context, fasilitasID, jenisID string, in JenisUbah) (JenisSampah, error) {
	var j JenisSampah
	if err := cekID(fasilitasID, "Fasilitas"); err != nil {
		return j, err
	}
	if err := cekID(jenisID, "Jenis sampah"); err != nil {
		return j, err
	}
	verr := jenisPeriksa("", false, in.JenisData, &j)
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := getJenis(ctx, tx, fasilitasID, jenisID)
		if err != nil {
			return err
		}
		if verr != nil {
			return verr
		}
		if j.Satuan != cur.Satuan {
			q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Harga)(nil)).Where("h.jenis_id = ?", cur.ID))
			if err != nil {
				return err
			}
			if ada, err := q.Exists(ctx); err != nil {
				return err
			} else if ada {
				return fault.New(fault.Conflict, "Satuan %s tidak dapat diubah: jenis ini sudah punya harga per %s. Buat jenis baru untuk satuan lain.", cur.Kode, cur.Satuan)
			}
		}
		j.DesaID, j.ID, j.FasilitasID, j.Kode, j.Aktif = cur.DesaID, cur.ID, cur.FasilitasID, cur.Kode, in.Aktif
		upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&j).Column("nama", "kelompok", "satuan", "aktif").Where("j.id = ?", cur.ID))
		if err != nil {
			return err
		}
		_, err = upd.Exec(ctx)
		return err
	})
	return j, err
}

// TambahHarga records a price of a jenis from a date on. A date that has
// a price already is refused (409): a recorded price is never changed.
func (m *Module) TambahHarga(ctx context.Context, fasilitasID, jenisID string, in HargaBaru) (Harga, error) {
	h := Harga{JenisID: jenisID, BerlakuMulai: in.BerlakuMulai, Harga: in.Harga}
	if err := cekID(fasilitasID, "Fasilitas"); err != nil {
		return h, err
	}
	if err := cekID(jenisID, "Jenis sampah"); err != nil {
		return h, err
	}
	verr := hargaPeriksa(in, m.hariIni(ctx))
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		j, err := getJenis(ctx, tx, fasilitasID, jenisID)
		if err != nil {
			return err
		}
		if verr != nil {
			return verr
		}
		h.DesaID, h.CreatedBy, h.CreatedAt = j.DesaID, pelakuID(ctx), m.now().UTC().Truncate(time.Microsecond)
		var ada Harga
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&ada).Where("h.jenis_id = ? AND h.berlaku_mulai = ?", j.ID, h.BerlakuMulai))
		if err != nil {
			return err
		}
		switch err := q.Scan(ctx); {
		case err == nil:
			return hargaKembar(j, ada)
		case !db.IsNoRows(err):
			return err
		}
		if _, err := tx.NewInsert().Model(&h).Exec(ctx); db.IsUniqueViolation(err) {
			return hargaKembar(j, Harga{BerlakuMulai: h.BerlakuMulai, Harga: -1})
		} else if err != nil {
			return err
		}
		return nil
	})
	return h, err
}

func hargaKembar(j JenisSampah, ada Harga) error {
	msg := "Harga " + j.Nama + " yang berlaku mulai " + ada.BerlakuMulai.String() + " sudah tercatat"
	if ada.Harga >= 0 {
		msg += " (Rp " + valid.Angka(ada.Harga) + " per " + j.Satuan + ")"
	}
	return &fault.Error{Code: fault.Conflict, Field: "berlaku_mulai",
		Message: msg + "; harga yang tercatat tidak diubah. Catat harga baru dengan tanggal lain."}
}

// listHarga is the price history of a jenis, newest first.
func listHarga(ctx context.Context, idb bun.IDB, jenisIDs ...string) ([]Harga, error) {
	hs := []Harga{}
	if len(jenisIDs) == 0 {
		return hs, nil
	}
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&hs).Where("h.jenis_id IN (?)", bun.In(jenisIDs)).
		OrderExpr("h.jenis_id, h.berlaku_mulai DESC"))
	if err != nil {
		return nil, err
	}
	return hs, q.Scan(ctx)
}

// jenisDanHarga reads a bank sampah's jenis with their price histories
// (newest first) and the price in force on hariIni.
func jenisDanHarga(ctx context.Context, tx bun.Tx, fasilitasID string, hariIni civil.Date) ([]JenisHarga, map[string][]Harga, error) {
	js, err := ListJenis(ctx, tx, fasilitasID, false)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(js))
	for i, j := range js {
		ids[i] = j.ID
	}
	hs, err := listHarga(ctx, tx, ids...)
	if err != nil {
		return nil, nil, err
	}
	riwayat := map[string][]Harga{}
	for _, h := range hs {
		riwayat[h.JenisID] = append(riwayat[h.JenisID], h)
	}
	out := make([]JenisHarga, len(js))
	for i, j := range js {
		out[i].JenisSampah = j
		for _, h := range riwayat[j.ID] {
			if !hariIni.Before(h.BerlakuMulai) {
				v := h.Harga
				out[i].Harga, out[i].HargaBerlakuMulai = &v, h.BerlakuMulai
				break
			}
		}
	}
	return out, riwayat, nil
}
