package keuangan

import (
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// aturanData is the national default set of rules per year with its
// SOURCE.md, which says what is certain and what a kabupaten must confirm.
//
//go:embed data/aturan/aturan.csv data/aturan/SOURCE.md
var aturanData embed.FS

// AturanSourceNotice is the provenance note of the national rules.
func AturanSourceNotice() string {
	b, _ := aturanData.ReadFile("data/aturan/SOURCE.md")
	return string(b)
}

// Asal of a year's set of rules.
const (
	AsalNasional  = "nasional"  // the default set shipped with the module
	AsalKabupaten = "kabupaten" // the kabupaten's own set
)

// AturanSet is the set of rules in force for a kabupaten's desa in a year.
type AturanSet struct {
	Kabupaten string   `json:"kabupaten"`
	Tahun     int      `json:"tahun"`
	Asal      string   `json:"asal" enum:"nasional,kabupaten" doc:"nasional: kabupaten belum menyimpan aturannya sendiri untuk tahun ini"`
	Aturan    []Aturan `json:"aturan"`
}

// readAturanBawaan parses the shipped rules, each checked by the one
// validation a kabupaten's edit goes through.
func readAturanBawaan() ([]Aturan, error) {
	f, err := aturanData.Open("data/aturan/aturan.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil || len(head) != 15 || head[0] != "tahun" {
		return nil, fmt.Errorf("keuangan: data/aturan/aturan.csv: unexpected header %v", head)
	}
	var out []Aturan
	urutan := map[int]int{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		tahun, err1 := strconv.Atoi(rec[0])
		bp, err2 := strconv.Atoi(rec[4])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("keuangan: data/aturan/aturan.csv line %d: tahun or batas_bp not a number", line)
		}
		a, err := AturanInput{Kode: rec[1], Nama: rec[2], Jenis: rec[3], BatasBP: bp,
			Pembilang: Pilihan{Kelompok: rec[5], Kegiatan: rec[6], Rekening: rec[7], Sumber: rec[8]},
			Penyebut:  Pilihan{Kelompok: rec[9], Kegiatan: rec[10], Rekening: rec[11], Sumber: rec[12]},
			Sumber:    rec[13], Catatan: rec[14], Aktif: true}.Periksa(nil)
		if err != nil {
			return nil, fmt.Errorf("keuangan: data/aturan/aturan.csv line %d: %w", line, err)
		}
		urutan[tahun]++
		a.Tahun, a.Urutan, a.UpdatedBy = tahun, urutan[tahun], "system"
		out = append(out, a)
	}
}

// seedAturan loads the national default set; rows already there stay as
// they are (a start never overwrites).
func seedAturan(ctx context.Context, idb bun.IDB, now time.Time) error {
	rows, err := readAturanBawaan()
	if err != nil {
		return err
	}
	for i := range rows {
		rows[i].UpdatedAt = now.UTC()
	}
	_, err = idb.NewInsert().Model(&rows).On("CONFLICT (wilayah_kode, tahun, kode) DO NOTHING").Exec(ctx)
	return err
}

// SeedAturan loads the national default set of rules (idempotent).
func (m *Module) SeedAturan(ctx context.Context) error {
	return seedAturan(ctx, m.db, m.now())
}

func kabupatenAturan(kode tenancy.Kode) (tenancy.Kode, error) {
	if kode.Level() != tenancy.Kabupaten {
		return "", fault.New(fault.NotFound, "Aturan APBDes disimpan per kabupaten; %s bukan kode kabupaten.", kode)
	}
	return kode, nil
}

func listAturanRows(ctx context.Context, idb bun.IDB, wilayah string, tahun int) ([]Aturan, error) {
	rows := []Aturan{}
	err := idb.NewSelect().Model(&rows).Where("ka.wilayah_kode = ? AND ka.tahun = ?", wilayah, tahun).
		OrderExpr("ka.urutan, ka.kode").Scan(ctx)
	return rows, err
}

// aturanBerlaku is the set in force for kab's desa in tahun: kab's own
// rows when it keeps any for tahun, else the national set.
func aturanBerlaku(ctx context.Context, idb bun.IDB, kab tenancy.Kode, tahun int) (AturanSet, error) {
	set := AturanSet{Kabupaten: string(kab), Tahun: tahun, Asal: AsalKabupaten}
	rows, err := listAturanRows(ctx, idb, string(kab), tahun)
	if err != nil {
		return set, err
	}
	if len(rows) == 0 {
		set.Asal = AsalNasional
		if rows, err = listAturanRows(ctx, idb, "", tahun); err != nil {
			return set, err
		}
	}
	set.Aturan = rows
	return set, nil
}

// ListAturan is the set of rules in force for kab's desa in tahun.
func (m *Module) ListAturan(ctx context.Context, kab tenancy.Kode, tahun int) (AturanSet, error) {
	if _, err := kabupatenAturan(kab); err != nil {
		return AturanSet{}, err
	}
	if err := periksaTahunEv(tahun); err != nil {
		return AturanSet{}, err
	}
	return aturanBerlaku(ctx, m.db, kab, tahun)
}

// salinAturan replaces kab's set of tahun with copies of from, stamped by and now.
func salinAturan(ctx context.Context, tx bun.IDB, kab tenancy.Kode, tahun int, from []Aturan, by string, now time.Time) error {
	if _, err := tx.NewDelete().Model((*Aturan)(nil)).
		Where("wilayah_kode = ? AND tahun = ?", string(kab), tahun).Exec(ctx); err != nil {
		return err
	}
	if len(from) == 0 {
		return nil
	}
	rows := make([]Aturan, len(from))
	for i, a := range from {
		a.WilayahKode, a.Tahun, a.Urutan, a.UpdatedBy, a.UpdatedAt = string(kab), tahun, i+1, by, now.UTC()
		rows[i] = a
	}
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// SalinAturan makes kab's set of tahun a copy of another set: dari is
// AsalNasional (the national set of tahun) or a year ("2025": the set in
// force for kab's desa that year). Whatever kab kept for tahun is replaced.
func (m *Module) SalinAturan(ctx context.Context, kab tenancy.Kode, tahun int, dari, by string) (AturanSet, error) {
	if _, err := kabupatenAturan(kab); err != nil {
		return AturanSet{}, err
	}
	if err := periksaTahunEv(tahun); err != nil {
		return AturanSet{}, err
	}
	var set AturanSet
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var from []Aturan
		if dari == AsalNasional {
			rows, err := listAturanRows(ctx, tx, "", tahun)
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				return fault.Field("salin_dari", "Belum ada aturan nasional bawaan untuk tahun %d; salin dari tahun lain atau tambah aturan satu per satu.", tahun)
			}
			from = rows
		} else {
			y, err := strconv.Atoi(dari)
			if err != nil || y < TahunMin || y > TahunMax || y == tahun {
				return fault.Field("salin_dari", "Salin dari \"nasional\" atau dari tahun lain, misalnya %d.", tahun-1)
			}
			src, err := aturanBerlaku(ctx, tx, kab, y)
			if err != nil {
				return err
			}
			if len(src.Aturan) == 0 {
				return fault.Field("salin_dari", "Tahun %d belum punya aturan untuk disalin.", y)
			}
			from = src.Aturan
		}
		if err := salinAturan(ctx, tx, kab, tahun, from, by, m.now()); err != nil {
			return err
		}
		var err error
		set, err = aturanBerlaku(ctx, tx, kab, tahun)
		return err
	})
	return set, err
}

// SimpanAturan adds or changes rules of kab's set of tahun, each by its
// kode (switching one off is a change with Aktif false). A kabupaten that
// keeps no set of its own for tahun starts from a copy of the national
// one, so a change to one rule keeps the others in force.
func (m *Module) SimpanAturan(ctx context.Context, kab tenancy.Kode, tahun int, rules []Aturan, by string) (AturanSet, error) {
	if _, err := kabupatenAturan(kab); err != nil {
		return AturanSet{}, err
	}
	if err := periksaTahunEv(tahun); err != nil {
		return AturanSet{}, err
	}
	seen := map[string]bool{}
	for _, a := range rules {
		if seen[a.Kode] {
			return AturanSet{}, fault.Field("aturan", "Kode aturan %s dikirim dua kali.", a.Kode)
		}
		seen[a.Kode] = true
	}
	var set AturanSet
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := m.now().UTC()
		cur, err := aturanBerlaku(ctx, tx, kab, tahun)
		if err != nil {
			return err
		}
		if cur.Asal == AsalNasional {
			if err := salinAturan(ctx, tx, kab, tahun, cur.Aturan, by, now); err != nil {
				return err
			}
		}
		have := map[string]bool{}
		last := 0
		for _, a := range cur.Aturan {
			have[a.Kode] = true
			last = max(last, a.Urutan)
		}
		for _, a := range rules {
			a.WilayahKode, a.Tahun, a.UpdatedBy, a.UpdatedAt = string(kab), tahun, by, now
			if have[a.Kode] {
				_, err = tx.NewUpdate().Model(&a).
					Column("nama", "jenis", "batas_bp", "pembilang_kelompok", "pembilang_kegiatan", "pembilang_rekening",
						"pembilang_sumber", "penyebut_kelompok", "penyebut_kegiatan", "penyebut_rekening", "penyebut_sumber",
						"sumber", "catatan", "aktif", "updated_by", "updated_at").
					Where("ka.wilayah_kode = ? AND ka.tahun = ? AND ka.kode = ?", a.WilayahKode, tahun, a.Kode).Exec(ctx)
			} else {
				last++
				a.Urutan = last
				_, err = tx.NewInsert().Model(&a).Exec(ctx)
			}
			if err != nil {
				return err
			}
		}
		set, err = aturanBerlaku(ctx, tx, kab, tahun)
		return err
	})
	return set, err
}
