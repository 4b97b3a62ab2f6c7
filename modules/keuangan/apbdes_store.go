package keuangan

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// This file is the desa's side of the APBDes (Permendagri 20/2018 Pasal
// 31–33 and 44–45): writing the murni, its lines, submitting it to the
// camat, setting it by Perdes, and opening the one perubahan that keeps the
// murni beside it. Writes go to the version in force (the perubahan once it
// is opened: the murni is ditetapkan and locked by then). The API and the
// pages both call these functions; every write runs in one transaction
// that also carries the request's audit entry (audit.Begin at the edge).

// BarisView is a line as pages and the API show it: the line, the names of
// its codes and, on a perubahan, the murni amount it continues and the
// difference.
type BarisView struct {
	Baris
	NamaRekening string  `json:"nama_rekening,omitempty"`
	NamaKegiatan string  `json:"nama_kegiatan,omitempty"`
	Murni        *Rupiah `json:"murni,omitempty" doc:"APBDes perubahan: jumlah baris murni yang dilanjutkan (0 untuk baris baru)"`
	Selisih      *Rupiah `json:"selisih,omitempty" doc:"APBDes perubahan: jumlah perubahan dikurangi jumlah murni"`
}

// APBDesView is one APBDes with everything its page shows.
type APBDesView struct {
	APBDes  APBDes      `json:"apbdes"`
	Riwayat []Riwayat   `json:"riwayat"`
	Baris   []BarisView `json:"baris"`
	// MurniDihapus: on a perubahan, the murni lines it no longer carries
	// (their amount drops to 0).
	MurniDihapus []BarisView `json:"murni_dihapus,omitempty" doc:"APBDes perubahan: baris murni yang tidak dilanjutkan"`
	Total        Total       `json:"total"`
	TotalMurni   *Total      `json:"total_murni,omitempty" doc:"APBDes perubahan: total APBDes murni"`
	TotalSelisih *Total      `json:"total_selisih,omitempty" doc:"APBDes perubahan: total perubahan dikurangi total murni"`
	Seimbang     bool        `json:"seimbang" doc:"Defisit tertutup pembiayaan (SiLPA tahun berjalan tidak negatif)"`
	// CatatanSeimbang says in Bahasa why it is not balanced.
	CatatanSeimbang string        `json:"catatan_seimbang,omitempty"`
	Aturan          []HasilAturan `json:"aturan"`
	Komentar        []Komentar    `json:"komentar"`
	// Perubahan: the year has a perubahan (so a murni view can link to it).
	AdaPerubahan bool `json:"ada_perubahan"`
}

// pelaku is the signed-in user acting in ctx.
func pelaku(ctx context.Context) Pelaku {
	if u, ok := auth.UserFrom(ctx); ok {
		return Pelaku{ID: u.ID, Nama: u.Name}
	}
	return Pelaku{ID: "system", Nama: "Sistem"}
}

func cekTahun(tahun int) error {
	if tahun < TahunMin || tahun > TahunMax {
		return fault.Field("path.tahun", "Tahun anggaran harus antara %d dan %d.", TahunMin, TahunMax)
	}
	return nil
}

func cekVersi(versi string) error {
	switch versi {
	case "", VersiMurni, VersiPerubahan:
		return nil
	}
	return fault.Field("query.versi", "Versi harus murni atau perubahan.")
}

// getVersi reads the APBDes of tahun in versi, or the one in force when
// versi is "".
func getVersi(ctx context.Context, idb bun.IDB, tahun int, versi string) (APBDes, error) {
	if versi == "" {
		return GetAPBDesBerlaku(ctx, idb, tahun)
	}
	return GetAPBDes(ctx, idb, tahun, versi)
}

// kunciBerlaku reads the APBDes in force for tahun inside tx and holds
// its row until tx ends (an UPDATE that changes nothing takes the row lock
// on PostgreSQL; SQLite's write transactions are serial already). Every
// write of lines and every move takes it first, so a line cannot slip in
// between the balance check of a submission and its status change.
func kunciBerlaku(ctx context.Context, tx bun.IDB, tahun int) (APBDes, error) {
	a, err := GetAPBDesBerlaku(ctx, tx, tahun)
	if err != nil {
		return a, err
	}
	upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model((*APBDes)(nil)).Set("updated_at = a.updated_at").Where("a.id = ?", a.ID))
	if err != nil {
		return a, err
	}
	if _, err := upd.Exec(ctx); err != nil {
		return a, err
	}
	return GetAPBDesBerlaku(ctx, tx, tahun)
}

func newUUID() string { return uuid.Must(uuid.NewV7()).String() }

func catatRiwayat(ctx context.Context, tx bun.IDB, a APBDes, catatan string, by Pelaku, now time.Time) error {
	_, err := tx.NewInsert().Model(&Riwayat{DesaID: a.DesaID, ID: newUUID(), APBDesID: a.ID, Dari: "", Ke: a.Status,
		Catatan: catatan, Oleh: by.ID, OlehNama: by.Nama, CreatedAt: now}).Exec(ctx)
	return err
}

// BuatAPBDes creates the murni draft of tahun for the desa in ctx.
func (m *Module) BuatAPBDes(ctx context.Context, tahun int) (APBDes, error) {
	if err := cekTahun(tahun); err != nil {
		return APBDes{}, err
	}
	if _, err := versiFor(ctx, m.db, DaftarLampiran, tahun); err != nil {
		if fault.Is(err, fault.NotFound) {
			return APBDes{}, fault.Field("path.tahun", "Belum ada kode rekening dan kegiatan untuk tahun anggaran %d; APBDes tahun itu belum dapat dibuat.", tahun)
		}
		return APBDes{}, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return APBDes{}, err
	}
	by, now := pelaku(ctx), m.now().UTC().Truncate(time.Microsecond)
	a := APBDes{DesaID: desaID, ID: newUUID(), Tahun: tahun, Versi: VersiMurni, Status: StatusDraft,
		CreatedBy: by.ID, CreatedAt: now, UpdatedBy: by.ID, UpdatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := GetAPBDes(ctx, tx, tahun, VersiMurni); err == nil {
			return fault.New(fault.Conflict, "APBDes tahun %d sudah dibuat.", tahun)
		} else if !fault.Is(err, fault.NotFound) {
			return err
		}
		if _, err := tx.NewInsert().Model(&a).Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return fault.New(fault.Conflict, "APBDes tahun %d sudah dibuat.", tahun)
			}
			return err
		}
		return catatRiwayat(ctx, tx, a, "APBDes murni dibuat.", by, now)
	})
	return a, err
}

// BukaPerubahan opens the APBDes Perubahan of tahun: a draft that starts as
// a copy of the ditetapkan murni, each line naming the murni line it
// continues (asal_baris_id), so the murni stays beside it.
func (m *Module) BukaPerubahan(ctx context.Context, tahun int) (APBDes, error) {
	if err := cekTahun(tahun); err != nil {
		return APBDes{}, err
	}
	by, now := pelaku(ctx), m.now().UTC().Truncate(time.Microsecond)
	var p APBDes
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		murni, err := GetAPBDes(ctx, tx, tahun, VersiMurni)
		if err != nil {
			return err
		}
		if murni.Status != StatusDitetapkan {
			return fault.New(fault.Conflict, "APBDes Perubahan hanya dapat dibuka setelah APBDes murni tahun %d ditetapkan dengan Perdes; statusnya sekarang %s.", tahun, NamaStatus(murni.Status))
		}
		if _, err := GetAPBDes(ctx, tx, tahun, VersiPerubahan); err == nil {
			return fault.New(fault.Conflict, "APBDes Perubahan tahun %d sudah dibuka.", tahun)
		} else if !fault.Is(err, fault.NotFound) {
			return err
		}
		p = APBDes{DesaID: murni.DesaID, ID: newUUID(), Tahun: tahun, Versi: VersiPerubahan, Status: StatusDraft,
			MurniID: murni.ID, CreatedBy: by.ID, CreatedAt: now, UpdatedBy: by.ID, UpdatedAt: now}
		if _, err := tx.NewInsert().Model(&p).Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return fault.New(fault.Conflict, "APBDes Perubahan tahun %d sudah dibuka.", tahun)
			}
			return err
		}
		lines, err := ListBaris(ctx, tx, murni.ID)
		if err != nil {
			return err
		}
		for i := range lines {
			lines[i].AsalBarisID = lines[i].ID
		}
		if err := SimpanBaris(ctx, tx, p, lines, by.ID, now); err != nil {
			return err
		}
		return catatRiwayat(ctx, tx, p, "APBDes Perubahan dibuka dari APBDes murni yang ditetapkan.", by, now)
	})
	return p, err
}

// TambahBaris checks in against the year's reference (PeriksaBaris, fields
// named by f) and adds it to the APBDes in force.
func (m *Module) TambahBaris(ctx context.Context, tahun int, in BarisInput, f Fields) (Baris, error) {
	ref, err := m.referensiBaris(ctx, tahun)
	if err != nil {
		return Baris{}, err
	}
	by, now := pelaku(ctx), m.now().UTC().Truncate(time.Microsecond)
	var b Baris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, err := kunciBerlaku(ctx, tx, tahun)
		if err != nil {
			return err
		}
		if !BolehUbahBaris(a.Status) {
			return barisTerkunci(a)
		}
		b, err = PeriksaBaris(ref, in, f)
		if err != nil {
			return err
		}
		lines := []Baris{b}
		if err := SimpanBaris(ctx, tx, a, lines, by.ID, now); err != nil {
			return err
		}
		b = lines[0]
		return nil
	})
	return b, err
}

// referensiBaris is what a new line of tahun is checked against. It is
// read before the write transaction: the pelaksana list comes from another
// module, which opens its own.
func (m *Module) referensiBaris(ctx context.Context, tahun int) (*Referensi, error) {
	if err := cekTahun(tahun); err != nil {
		return nil, err
	}
	return m.LoadReferensi(ctx, m.db, tahun)
}

// barisDiubah locks the APBDes in force of tahun and finds its line id for
// a change: a line that is not there is not found before a locked APBDes
// is refused.
func barisDiubah(ctx context.Context, tx bun.Tx, tahun int, id string) (APBDes, Baris, error) {
	a, err := kunciBerlaku(ctx, tx, tahun)
	if err != nil {
		return a, Baris{}, err
	}
	old, err := findBaris(ctx, tx, a, id)
	if err != nil {
		return a, old, err
	}
	if !BolehUbahBaris(a.Status) {
		return a, old, barisTerkunci(a)
	}
	return a, old, nil
}

func barisTerkunci(a APBDes) error {
	return fault.New(fault.Conflict, "Baris APBDes %s tahun %d tidak dapat diubah: statusnya %s.", a.Versi, a.Tahun, NamaStatus(a.Status))
}

func findBaris(ctx context.Context, tx bun.IDB, a APBDes, id string) (Baris, error) {
	var b Baris
	if _, err := uuid.Parse(id); err != nil {
		return b, fault.New(fault.NotFound, "Baris APBDes tidak ditemukan.")
	}
	sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&b).Where("b.id = ? AND b.apbdes_id = ?", id, a.ID))
	if err != nil {
		return b, err
	}
	if err := sel.Limit(1).Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return b, fault.New(fault.NotFound, "Baris APBDes tidak ditemukan.")
		}
		return b, err
	}
	return b, nil
}

// UbahBaris replaces line id of the APBDes in force with in, checked as a
// new line is. The line keeps its place and the murni line it continues.
func (m *Module) UbahBaris(ctx context.Context, tahun int, id string, in BarisInput, f Fields) (Baris, error) {
	ref, err := m.referensiBaris(ctx, tahun)
	if err != nil {
		return Baris{}, err
	}
	by, now := pelaku(ctx), m.now().UTC().Truncate(time.Microsecond)
	var out Baris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, old, err := barisDiubah(ctx, tx, tahun, id)
		if err != nil {
			return err
		}
		b, err := PeriksaBaris(ref, in, f)
		if err != nil {
			return err
		}
		b.DesaID, b.ID, b.APBDesID, b.AsalBarisID, b.Urutan = old.DesaID, old.ID, old.APBDesID, old.AsalBarisID, old.Urutan
		b.CreatedBy, b.CreatedAt, b.UpdatedBy, b.UpdatedAt = old.CreatedBy, old.CreatedAt, by.ID, now
		upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&b).
			Column("kelompok", "kode_rekening", "kode_kegiatan", "uraian", "volume", "satuan", "harga_satuan", "jumlah",
				"sumber_dana", "lokasi", "pelaksana_id", "pelaksana_nama", "output_volume", "output_satuan", "updated_by", "updated_at").
			Where("b.id = ? AND b.apbdes_id = ?", b.ID, a.ID))
		if err != nil {
			return err
		}
		if _, err := upd.Exec(ctx); err != nil {
			return err
		}
		out = b
		return nil
	})
	return out, err
}

// HapusBaris deletes line id of the APBDes in force.
func (m *Module) HapusBaris(ctx context.Context, tahun int, id string) error {
	if err := cekTahun(tahun); err != nil {
		return err
	}
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, _, err := barisDiubah(ctx, tx, tahun, id)
		if err != nil {
			return err
		}
		del, err := tenancy.Scope(ctx, tx.NewDelete().Model((*Baris)(nil)).Where("b.id = ? AND b.apbdes_id = ?", id, a.ID))
		if err != nil {
			return err
		}
		_, err = del.Exec(ctx)
		return err
	})
}

// Ajukan submits the APBDes in force to the camat. It refuses an APBDes
// without lines and one whose deficit financing does not cover (Total.Seimbang).
func (m *Module) Ajukan(ctx context.Context, tahun int) (APBDes, error) {
	if err := cekTahun(tahun); err != nil {
		return APBDes{}, err
	}
	by, now := pelaku(ctx), m.now()
	var a APBDes
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if a, err = kunciBerlaku(ctx, tx, tahun); err != nil {
			return err
		}
		if _, err := Langkah(a.Status, AksiAjukan); err != nil {
			return err
		}
		lines, err := ListBaris(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		if len(lines) == 0 {
			return fault.New(fault.Invalid, "APBDes belum berisi baris; isi pendapatan dan belanja sebelum diajukan ke camat.")
		}
		t, ok := Hitung(lines)
		if !ok {
			return fault.New(fault.Invalid, "Jumlah APBDes melebihi batas yang dapat dihitung.")
		}
		if err := t.Seimbang(); err != nil {
			return err
		}
		return GantiStatus(ctx, tx, &a, AksiAjukan, "", by, now)
	})
	return a, err
}

// PenetapanInput is the Perdes that sets an APBDes.
type PenetapanInput struct {
	PerdesNomor   string `json:"perdes_nomor" required:"false" maxLength:"200" example:"5 Tahun 2026" doc:"Nomor Peraturan Desa tentang APBDes (wajib)"`
	PerdesTanggal string `json:"perdes_tanggal" required:"false" maxLength:"10" example:"2026-01-15" doc:"Tanggal Peraturan Desa, TTTT-BB-HH (wajib)"`
}

// Tetapkan sets the evaluated APBDes in force by Perdes (Pasal 33 ayat 3):
// its number and date are recorded and its lines locked.
func (m *Module) Tetapkan(ctx context.Context, tahun int, in PenetapanInput) (APBDes, error) {
	if err := cekTahun(tahun); err != nil {
		return APBDes{}, err
	}
	var p valid.Problems
	nomor := strings.TrimSpace(in.PerdesNomor)
	p.Text("body.perdes_nomor", "Nomor Perdes", nomor, 1, 100)
	var tgl civil.Date
	if strings.TrimSpace(in.PerdesTanggal) == "" {
		p.Add("body.perdes_tanggal", "Tanggal Perdes wajib diisi.")
	} else if d, err := civil.ParseDate(strings.TrimSpace(in.PerdesTanggal)); err != nil {
		p.Include("body.perdes_tanggal", err)
	} else {
		t, _ := tenancy.From(ctx)
		today := civil.Today(m.now(), t.Kode)
		switch {
		case today.Before(d):
			p.Add("body.perdes_tanggal", "Tanggal Perdes tidak boleh sesudah hari ini.")
		case d.Year() < tahun-1 || d.Year() > tahun:
			p.Add("body.perdes_tanggal", "Tanggal Perdes harus pada tahun %d atau tahun sebelumnya.", tahun)
		}
		tgl = d
	}
	if err := p.Err(); err != nil {
		return APBDes{}, err
	}
	by, now := pelaku(ctx), m.now()
	var a APBDes
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if a, err = kunciBerlaku(ctx, tx, tahun); err != nil {
			return err
		}
		if _, err := Langkah(a.Status, AksiTetapkan); err != nil {
			return err
		}
		a.PerdesNomor, a.PerdesTanggal = nomor, tgl
		return GantiStatus(ctx, tx, &a, AksiTetapkan, "Perdes Nomor "+nomor+" tanggal "+tgl.String(), by, now)
	})
	return a, err
}

// LihatAPBDes reads the APBDes of tahun in versi ("" = the one in force)
// with everything its page shows.
func (m *Module) LihatAPBDes(ctx context.Context, tahun int, versi string) (APBDesView, error) {
	var v APBDesView
	if err := cekTahun(tahun); err != nil {
		return v, err
	}
	if err := cekVersi(versi); err != nil {
		return v, err
	}
	nama, err := m.namaKode(ctx, tahun)
	if err != nil {
		return v, err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, err := getVersi(ctx, tx, tahun, versi)
		if err != nil {
			return err
		}
		v.APBDes = a
		if a.Versi == VersiMurni {
			if _, err := GetAPBDes(ctx, tx, tahun, VersiPerubahan); err == nil {
				v.AdaPerubahan = true
			} else if !fault.Is(err, fault.NotFound) {
				return err
			}
		} else {
			v.AdaPerubahan = true
		}
		lines, err := ListBaris(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		t, ok := Hitung(lines)
		if !ok {
			return fault.New(fault.Invalid, "Jumlah APBDes melebihi batas yang dapat dihitung.")
		}
		v.Total = t
		if err := t.Seimbang(); err != nil {
			fe, _ := fault.As(err)
			v.CatatanSeimbang = fe.Message
		} else {
			v.Seimbang = true
		}
		v.Baris = make([]BarisView, len(lines))
		for i, b := range lines {
			v.Baris[i] = nama.view(b)
		}
		if a.Versi == VersiPerubahan && a.MurniID != "" {
			murni, err := ListBaris(ctx, tx, a.MurniID)
			if err != nil {
				return err
			}
			tm, _ := Hitung(murni)
			v.TotalMurni = &tm
			d := selisihTotal(t, tm)
			v.TotalSelisih = &d
			byID := map[string]Baris{}
			for _, b := range murni {
				byID[b.ID] = b
			}
			dipakai := map[string]bool{}
			for i := range v.Baris {
				var mj Rupiah
				if asal, ok := byID[v.Baris[i].AsalBarisID]; ok {
					mj = asal.Jumlah
					dipakai[asal.ID] = true
				}
				s := v.Baris[i].Jumlah - mj
				v.Baris[i].Murni, v.Baris[i].Selisih = &mj, &s
			}
			for _, b := range murni {
				if dipakai[b.ID] {
					continue
				}
				bv := nama.view(b)
				mj, s := b.Jumlah, -b.Jumlah
				bv.Murni, bv.Selisih = &mj, &s
				v.MurniDihapus = append(v.MurniDihapus, bv)
			}
		}
		riw := []Riwayat{}
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&riw).Where("ar.apbdes_id = ?", a.ID))
		if err != nil {
			return err
		}
		if err := sel.Order("ar.created_at", "ar.id").Scan(ctx); err != nil {
			return err
		}
		v.Riwayat = riw
		kom := []Komentar{}
		sel, err = tenancy.Scope(ctx, tx.NewSelect().Model(&kom).Where("ak.apbdes_id = ?", a.ID))
		if err != nil {
			return err
		}
		if err := sel.Order("ak.created_at", "ak.id").Scan(ctx); err != nil {
			return err
		}
		v.Komentar = kom
		v.Aturan, err = m.CekAturan(ctx, tx, tahun, lines)
		return err
	})
	if v.Aturan == nil {
		v.Aturan = []HasilAturan{}
	}
	return v, err
}

func selisihTotal(a, b Total) Total {
	return Total{
		Pendapatan: a.Pendapatan - b.Pendapatan, Belanja: a.Belanja - b.Belanja, SurplusDefisit: a.SurplusDefisit - b.SurplusDefisit,
		PenerimaanPembiayaan: a.PenerimaanPembiayaan - b.PenerimaanPembiayaan, PengeluaranPembiayaan: a.PengeluaranPembiayaan - b.PengeluaranPembiayaan,
		PembiayaanNetto: a.PembiayaanNetto - b.PembiayaanNetto, SiLPA: a.SiLPA - b.SiLPA,
	}
}

// namaKode holds the names of the year's codes: rekening at every level,
// and bidang, sub-bidang and kegiatan.
type namaKode struct {
	rekening map[KodeRekening]string
	kegiatan map[KodeKegiatan]string
}

func (n namaKode) view(b Baris) BarisView {
	return BarisView{Baris: b, NamaRekening: n.rekening[b.KodeRekening], NamaKegiatan: n.kegiatan[b.KodeKegiatan]}
}

func (m *Module) namaKode(ctx context.Context, tahun int) (namaKode, error) {
	n := namaKode{rekening: map[KodeRekening]string{}, kegiatan: map[KodeKegiatan]string{}}
	v, err := versiFor(ctx, m.db, DaftarLampiran, tahun)
	if fault.Is(err, fault.NotFound) {
		return n, nil // names are a help; an APBDes of a year without a list still shows
	}
	if err != nil {
		return n, err
	}
	var rek []Rekening
	if err := m.db.NewSelect().Model(&rek).Column("kode", "nama").Where("r.versi = ?", v.Kode).Scan(ctx); err != nil {
		return n, err
	}
	for _, r := range rek {
		n.rekening[r.Kode] = r.Nama
	}
	var keg []kegiatanLampiran
	if err := m.db.NewSelect().Model(&keg).Column("kode", "nama").Where("k.versi = ?", v.Kode).Scan(ctx); err != nil {
		return n, err
	}
	for _, k := range keg {
		n.kegiatan[k.Kode] = k.Nama
	}
	return n, nil
}

// TahunAPBDes is one year of a desa's APBDes: its murni and perubahan.
type TahunAPBDes struct {
	Tahun     int     `json:"tahun"`
	Murni     *APBDes `json:"murni,omitempty"`
	Perubahan *APBDes `json:"perubahan,omitempty"`
}

// DaftarAPBDes lists the desa's APBDes by year, newest first.
func (m *Module) DaftarAPBDes(ctx context.Context) ([]TahunAPBDes, error) {
	var rows []APBDes
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows))
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	by := map[int]*TahunAPBDes{}
	for i := range rows {
		t := by[rows[i].Tahun]
		if t == nil {
			t = &TahunAPBDes{Tahun: rows[i].Tahun}
			by[rows[i].Tahun] = t
		}
		if rows[i].Versi == VersiMurni {
			t.Murni = &rows[i]
		} else {
			t.Perubahan = &rows[i]
		}
	}
	out := make([]TahunAPBDes, 0, len(by))
	for _, t := range by {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Tahun > out[j].Tahun })
	return out, nil
}
