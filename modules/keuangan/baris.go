package keuangan

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// This file holds the one validation of an APBDes line, shared by the API,
// the pages and the XLSX importer, and the reference lookups it needs.

// BarisInput is an APBDes line as typed, imported or sent. Amounts and
// volumes are already parsed (ParseRupiah, ParseVolume) by the door they
// came through; the codes are as typed.
type BarisInput struct {
	KodeRekening string
	KodeKegiatan string // belanja only
	Uraian       string
	Volume       Volume // belanja only
	Satuan       string // belanja only
	HargaSatuan  Rupiah // belanja only
	Jumlah       Rupiah // pendapatan and pembiayaan only; belanja is Volume × HargaSatuan
	SumberDana   string
	Lokasi       string
	PelaksanaID  string // belanja, optional: a perangkat in post (Referensi.Pelaksana)
	OutputVolume Volume // belanja, optional
	OutputSatuan string // belanja, with OutputVolume
}

// Fields names the input fields for errors, so a page, the API
// ("body.uraian") and the importer ("baris 12, kolom uraian") each point
// at their own. A nil Fields uses the bare names.
type Fields func(name string) string

// Referensi is what checking lines of one year needs, loaded once per
// request or import: the rekening objek and kegiatan codes in force, the
// sumber dana codes and the desa's perangkat in post.
type Referensi struct {
	Tahun    int
	Rekening map[KodeRekening]string // objek code → name
	Kegiatan map[KodeKegiatan]string // kegiatan code → name
	// DaftarKegiatan is the list each kegiatan code comes from:
	// DaftarLampiran, DaftarLokal or DaftarSiskeudes.
	DaftarKegiatan map[KodeKegiatan]string
	Sumber         map[string]string    // sumber dana code → name
	Pelaksana      map[string]Pelaksana // appointment id → perangkat
}

// LoadReferensi reads the reference lists of tahun for the desa in ctx.
// idb is the module's database: call it before a write transaction, never
// inside one — it asks administration for the perangkat in post, which
// opens a transaction of its own (on SQLite that one would wait for the
// write lock the caller holds until it fails as busy).
func (m *Module) LoadReferensi(ctx context.Context, idb bun.IDB, tahun int) (*Referensi, error) {
	ref := &Referensi{Tahun: tahun, Rekening: map[KodeRekening]string{}, Kegiatan: map[KodeKegiatan]string{},
		DaftarKegiatan: map[KodeKegiatan]string{}, Sumber: map[string]string{}, Pelaksana: map[string]Pelaksana{}}
	v, err := versiFor(ctx, idb, DaftarLampiran, tahun)
	if err != nil {
		return nil, err
	}
	var rek []Rekening
	if err := idb.NewSelect().Model(&rek).Column("kode", "nama").
		Where("r.versi = ? AND r.tingkat = ?", v.Kode, TingkatObjek).Scan(ctx); err != nil {
		return nil, err
	}
	for _, r := range rek {
		ref.Rekening[r.Kode] = r.Nama
	}
	// The Lampiran's kegiatan, then those of the desa's kabupaten (local
	// kegiatan, the Siskeudes list when switched on) in the precedence
	// pilihanKegiatan explains; a code is accepted in one meaning only.
	var kab tenancy.Kode
	if t, ok := tenancy.From(ctx); ok && t.Kode.IsDesa() {
		kab = t.Kode.Up(tenancy.Kabupaten)
	}
	keg, err := pilihanKegiatan(ctx, idb, kab, tahun)
	if err != nil {
		return nil, err
	}
	for _, k := range keg {
		if k.Dipakai && k.Tingkat == TingkatKegiatan {
			ref.Kegiatan[k.Kode] = k.Nama
			ref.DaftarKegiatan[k.Kode] = k.Daftar
		}
	}
	var sd []SumberDana
	if err := idb.NewSelect().Model(&sd).Column("kode", "nama").Scan(ctx); err != nil {
		return nil, err
	}
	for _, s := range sd {
		ref.Sumber[s.Kode] = s.Nama
	}
	if t, ok := tenancy.From(ctx); ok && m.pelaksana != nil && t.Kode.IsDesa() {
		ps, err := m.pelaksana.Pelaksana(ctx, t.Kode)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			ref.Pelaksana[p.ID] = p
		}
	}
	return ref, nil
}

// Batas of the text fields of a line.
const (
	maxUraian = 200
	maxSatuan = 30
	maxLokasi = 100
)

// PeriksaBaris checks in against ref and builds the line (without ids,
// apbdes id, order or stamps). Every problem is reported, each on its field
// as f names it; the error is an Invalid fault carrying them all.
func PeriksaBaris(ref *Referensi, in BarisInput, f Fields) (Baris, error) {
	if f == nil {
		f = func(name string) string { return name }
	}
	var p valid.Problems
	b := Baris{
		Uraian:       strings.TrimSpace(in.Uraian),
		Satuan:       strings.TrimSpace(in.Satuan),
		SumberDana:   strings.ToUpper(strings.TrimSpace(in.SumberDana)),
		Lokasi:       strings.TrimSpace(in.Lokasi),
		OutputSatuan: strings.TrimSpace(in.OutputSatuan),
	}
	// SiLPA is written as typed in the regulation; keep its case.
	if strings.EqualFold(b.SumberDana, "SILPA") {
		b.SumberDana = "SiLPA"
	}
	rek, err := ParseKodeRekening(f("kode_rekening"), strings.TrimSpace(in.KodeRekening))
	switch {
	case err != nil:
		p.Include(f("kode_rekening"), err)
	case rek.Tingkat() != TingkatObjek:
		p.Add(f("kode_rekening"), "Kode rekening %s bukan rincian objek; pilih kode empat tingkat, misalnya 5.2.1.01.", rek)
	case KelompokOf(rek) == "":
		p.Add(f("kode_rekening"), "Kode rekening %s tidak dipakai pada baris APBDes (akun 4, 5, 6.1 atau 6.2).", rek)
	default:
		if _, ok := ref.Rekening[rek]; !ok && !rek.LainLain() {
			p.Add(f("kode_rekening"), "Kode rekening %s tidak ada dalam daftar tahun anggaran %d.", rek, ref.Tahun)
		}
		b.KodeRekening = rek
		b.Kelompok = KelompokOf(rek)
	}
	p.Text(f("uraian"), "Uraian", b.Uraian, 1, maxUraian)
	if b.SumberDana == "" {
		p.Add(f("sumber_dana"), "Sumber dana wajib diisi.")
	} else if _, ok := ref.Sumber[b.SumberDana]; !ok {
		p.Add(f("sumber_dana"), "Sumber dana %q tidak dikenal; pilih salah satu kode sumber dana (DDS, ADD, PAD, …).", b.SumberDana)
	}
	p.Text(f("lokasi"), "Lokasi", b.Lokasi, 0, maxLokasi)

	if b.Kelompok == KelompokBelanja {
		keg, err := ParseKodeKegiatan(f("kode_kegiatan"), strings.TrimSpace(in.KodeKegiatan))
		switch {
		case strings.TrimSpace(in.KodeKegiatan) == "":
			p.Add(f("kode_kegiatan"), "Baris belanja wajib menyebut kode kegiatan, misalnya 02.01.06.")
		case err != nil:
			p.Include(f("kode_kegiatan"), err)
		case keg.Tingkat() != TingkatKegiatan:
			p.Add(f("kode_kegiatan"), "Kode %s bukan kegiatan; pilih kode tiga tingkat, misalnya 02.01.06.", keg)
		default:
			if _, ok := ref.Kegiatan[keg]; !ok {
				p.Add(f("kode_kegiatan"), "Kegiatan %s tidak ada dalam daftar tahun anggaran %d.", keg, ref.Tahun)
			}
			b.KodeKegiatan = keg
		}
		p.Text(f("satuan"), "Satuan", b.Satuan, 1, maxSatuan)
		switch {
		case in.Volume <= 0:
			p.Add(f("volume"), "Volume harus lebih dari 0.")
		case in.Volume > MaxVolume:
			p.Add(f("volume"), "Volume terlalu besar.")
		}
		switch {
		case in.HargaSatuan <= 0:
			p.Add(f("harga_satuan"), "Harga satuan harus lebih dari Rp 0.")
		case in.HargaSatuan > MaxRupiah:
			p.Add(f("harga_satuan"), "Harga satuan terlalu besar.")
		}
		b.Volume, b.HargaSatuan = in.Volume, in.HargaSatuan
		if in.Volume > 0 && in.HargaSatuan > 0 {
			j, ok := Kali(in.Volume, in.HargaSatuan)
			if !ok {
				p.Add(f("harga_satuan"), "Volume × harga satuan melebihi batas jumlah satu baris.")
			}
			b.Jumlah = j
		}
		if in.PelaksanaID != "" {
			pl, ok := ref.Pelaksana[in.PelaksanaID]
			if !ok {
				p.Add(f("pelaksana"), "Pelaksana kegiatan harus perangkat desa yang sedang menjabat.")
			}
			b.PelaksanaID, b.PelaksanaNama = pl.ID, pl.Nama
		}
		switch {
		case in.OutputVolume < 0 || in.OutputVolume > MaxVolume:
			p.Add(f("output_volume"), "Target keluaran harus antara 0 dan satu miliar.")
		case in.OutputVolume > 0:
			p.Text(f("output_satuan"), "Satuan keluaran", b.OutputSatuan, 1, maxSatuan)
		default:
			p.Text(f("output_satuan"), "Satuan keluaran", b.OutputSatuan, 0, maxSatuan)
		}
		b.OutputVolume = in.OutputVolume
	} else if b.Kelompok != "" {
		if strings.TrimSpace(in.KodeKegiatan) != "" {
			p.Add(f("kode_kegiatan"), "Kode kegiatan hanya untuk baris belanja.")
		}
		switch {
		case in.Jumlah <= 0:
			p.Add(f("jumlah"), "Jumlah harus lebih dari Rp 0.")
		case in.Jumlah > MaxRupiah:
			p.Add(f("jumlah"), "Jumlah terlalu besar.")
		}
		b.Jumlah = in.Jumlah
	}
	if err := p.Err(); err != nil {
		return Baris{}, err
	}
	return b, nil
}

// SimpanBaris inserts lines into the APBDes a of the desa in ctx, inside
// tx, numbering them after the last (urutan) and stamping them with by and
// now. It refuses with a Conflict when a's lines may not change now.
func SimpanBaris(ctx context.Context, tx bun.IDB, a APBDes, lines []Baris, by string, now time.Time) error {
	if !BolehUbahBaris(a.Status) {
		return fault.New(fault.Conflict, "Baris APBDes %s tahun %d tidak dapat diubah: statusnya %s.", a.Versi, a.Tahun, NamaStatus(a.Status))
	}
	if len(lines) == 0 {
		return nil
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return err
	}
	var last struct {
		N int `bun:"n"`
	}
	sel, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("apbdes_baris AS b").
		ColumnExpr("COALESCE(MAX(b.urutan), 0) AS n").Where("b.apbdes_id = ?", a.ID), "b.desa_id")
	if err != nil {
		return err
	}
	if err := sel.Scan(ctx, &last); err != nil {
		return err
	}
	now = now.UTC()
	for i := range lines {
		id, err := uuid.NewV7()
		if err != nil {
			return err
		}
		b := &lines[i]
		b.DesaID, b.ID, b.APBDesID = desaID, id.String(), a.ID
		b.Urutan = last.N + i + 1
		b.CreatedBy, b.CreatedAt, b.UpdatedBy, b.UpdatedAt = by, now, by, now
	}
	// Batches keep each statement's parameters well under both engines' limits.
	const batch = 200
	for lo := 0; lo < len(lines); lo += batch {
		hi := min(lo+batch, len(lines))
		chunk := lines[lo:hi]
		if _, err := tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
