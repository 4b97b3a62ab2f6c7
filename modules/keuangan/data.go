package keuangan

import (
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/uptrace/bun"
)

// data holds the reference lists with their SOURCE.md, which travels with
// every copy because one source is MIT-licensed and asks for its notice.
//
//go:embed data/*.csv data/SOURCE.md
var data embed.FS

// SourceNotice is the provenance and licence notice of the reference data.
func SourceNotice() string {
	b, _ := data.ReadFile("data/SOURCE.md")
	return string(b)
}

// The editions shipped with the module. Permendagri 20/2018 governs APBDes
// from fiscal year 2019 (it replaced Permendagri 113/2014); the Siskeudes
// list is the one OpenSID v2410 ships.
var versiBawaan = []Versi{
	{Kode: VersiPermendagri20, Daftar: DaftarLampiran, Nama: "Lampiran Permendagri 20/2018",
		Sumber: "Permendagri Nomor 20 Tahun 2018 tentang Pengelolaan Keuangan Desa, Lampiran", TahunMulai: 2019},
	{Kode: VersiSiskeudes, Daftar: DaftarSiskeudes, Nama: "Daftar kegiatan Siskeudes (OpenSID v2410)",
		Sumber: "Daftar kegiatan Siskeudes (BPKP) sebagaimana dimuat OpenSID v2410.0.0", TahunMulai: 2019},
}

// Edition codes.
const (
	VersiPermendagri20 = "permendagri-20-2018"
	VersiSiskeudes     = "siskeudes-opensid-2410"
)

// referensi is the parsed content of the embedded lists.
type referensi struct {
	rekening  []Rekening
	kegiatan  []kegiatanLampiran
	siskeudes []kegiatanSiskeudes
	sumber    []SumberDana
}

// readReferensi parses and checks the embedded CSV files: codes in their
// structure, levels that match the codes, parents before children. A bad
// row fails here rather than halfway through a load.
func readReferensi() (*referensi, error) {
	var ref referensi
	rekening := map[KodeRekening]bool{}
	err := readCSV("kode_rekening_apbdes.csv",
		[]string{"kode", "tingkat", "kode_induk", "nama", "nama_siskeudes_opensid", "rentang_kode", "catatan"},
		func(i int, rec []string) error {
			k, err := ParseKodeRekening("kode", rec[0])
			if err != nil {
				return fmt.Errorf("kode %q malformed", rec[0])
			}
			if k.Tingkat() != rec[1] || string(k.Induk()) != rec[2] || (rec[2] != "" && !rekening[k.Induk()]) || rekening[k] {
				return fmt.Errorf("kode %s: tingkat %q / induk %q do not match the code, or its parent is missing, or it repeats", k, rec[1], rec[2])
			}
			rekening[k] = true
			ref.rekening = append(ref.rekening, Rekening{Versi: VersiPermendagri20, Kode: k, Tingkat: rec[1], KodeInduk: k.Induk(),
				Nama: rec[3], NamaSiskeudes: rec[4], RentangKode: rec[5], Catatan: rec[6], Urutan: i})
			return nil
		})
	if err != nil {
		return nil, err
	}
	kegiatan := map[KodeKegiatan]bool{}
	err = readCSV("bidang_kegiatan_lampiran.csv",
		[]string{"kode", "tingkat", "kode_induk", "nama_lampiran", "tanda_lampiran", "rentang_kode", "nama_siskeudes_opensid"},
		func(i int, rec []string) error {
			k, err := ParseKodeKegiatan("kode", rec[0])
			if err != nil {
				return fmt.Errorf("kode %q malformed", rec[0])
			}
			if k.Tingkat() != rec[1] || string(k.Induk()) != rec[2] || (rec[2] != "" && !kegiatan[k.Induk()]) || kegiatan[k] {
				return fmt.Errorf("kode %s: tingkat %q / induk %q do not match the code, or its parent is missing, or it repeats", k, rec[1], rec[2])
			}
			kegiatan[k] = true
			ref.kegiatan = append(ref.kegiatan, kegiatanLampiran{Versi: VersiPermendagri20, Kode: k, Tingkat: rec[1], KodeInduk: k.Induk(),
				Nama: rec[3], Tanda: rec[4], RentangKode: rec[5], NamaSiskeudes: rec[6], Urutan: i})
			return nil
		})
	if err != nil {
		return nil, err
	}
	siskeudes := map[KodeKegiatan]bool{}
	err = readCSV("kegiatan_siskeudes_opensid.csv",
		[]string{"opensid_id", "kode", "kode_sub_bidang", "nama_kegiatan", "kode_sama_lampiran", "nama_mungkin_terpotong"},
		func(i int, rec []string) error {
			id, err := strconv.Atoi(rec[0])
			if err != nil {
				return fmt.Errorf("opensid_id %q", rec[0])
			}
			k, err := ParseKodeKegiatan("kode", rec[1])
			if err != nil || k.Tingkat() != TingkatKegiatan || string(k.Induk()) != rec[2] || siskeudes[k] {
				return fmt.Errorf("kode %q malformed, not under sub-bidang %q, or repeated", rec[1], rec[2])
			}
			if !kegiatan[k.Induk()] {
				return fmt.Errorf("kode %s: sub-bidang %s is not in the Lampiran", k, rec[2])
			}
			sama, err1 := yaTidak(rec[4])
			terpotong, err2 := yaTidak(rec[5])
			if err1 != nil || err2 != nil {
				return fmt.Errorf("kode %s: flags %q/%q are not ya or empty", k, rec[4], rec[5])
			}
			siskeudes[k] = true
			ref.siskeudes = append(ref.siskeudes, kegiatanSiskeudes{Versi: VersiSiskeudes, Kode: k, KodeSubBidang: k.Induk(),
				Nama: rec[3], OpenSIDID: id, SamaLampiran: sama, NamaTerpotong: terpotong, Urutan: i})
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = readCSV("sumber_dana.csv", []string{"kode", "nama", "kode_rekening", "alias", "keterangan"},
		func(i int, rec []string) error {
			k := KodeRekening(rec[2])
			if rec[0] == "" || !rekening[k] || slices.ContainsFunc(ref.sumber, func(s SumberDana) bool { return s.Kode == rec[0] }) {
				return fmt.Errorf("sumber dana %q: empty, repeated, or rekening %q not in the list", rec[0], rec[2])
			}
			ref.sumber = append(ref.sumber, SumberDana{Kode: rec[0], Nama: rec[1], KodeRekening: k,
				Alias: rec[3], Keterangan: rec[4], Urutan: i})
			return nil
		})
	if err != nil {
		return nil, err
	}
	return &ref, nil
}

// readCSV calls row for every record after the header, numbered from 1.
func readCSV(name string, header []string, row func(i int, rec []string) error) error {
	f, err := data.Open("data/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = len(header)
	head, err := r.Read()
	if err != nil || !slices.Equal(head, header) {
		return fmt.Errorf("%s: header %v, want %v (%v)", name, head, header, err)
	}
	for i := 1; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := row(i, rec); err != nil {
			return fmt.Errorf("%s row %d: %w", name, i, err)
		}
	}
}

func yaTidak(s string) (bool, error) {
	switch s {
	case "ya":
		return true, nil
	case "", "tidak":
		return false, nil
	}
	return false, fmt.Errorf("%q", s)
}

// SeedReference loads the embedded lists. Rows already present are left as
// they are, so it runs at every start; one transaction, so a failed load
// leaves nothing half-written.
func (m *Module) SeedReference(ctx context.Context) error {
	ref, err := readReferensi()
	if err != nil {
		return err
	}
	versi := slices.Clone(versiBawaan)
	return m.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		inserts := []struct {
			model    any
			conflict string
		}{
			{&versi, "CONFLICT (kode) DO NOTHING"},
			{&ref.rekening, "CONFLICT (versi, kode) DO NOTHING"},
			{&ref.kegiatan, "CONFLICT (versi, kode) DO NOTHING"},
			{&ref.siskeudes, "CONFLICT (versi, kode) DO NOTHING"},
			{&ref.sumber, "CONFLICT (kode) DO NOTHING"},
		}
		for _, in := range inserts {
			if _, err := tx.NewInsert().Model(in.model).On(in.conflict).Exec(ctx); err != nil {
				return err
			}
		}
		// The national rules per year (part evaluasi, aturan_store.go).
		return seedAturan(ctx, tx, m.now())
	})
}
