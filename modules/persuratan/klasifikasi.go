package persuratan

import (
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

//go:embed data/klasifikasi.csv data/SOURCE.md
var dataFS embed.FS

// Where the national codes come from (data/SOURCE.md).
const (
	sumberNasional    = "Permendagri 83/2022 tentang Kode Klasifikasi Arsip di Lingkungan Kementerian Dalam Negeri dan Pemerintah Daerah"
	nasionalValidFrom = Tanggal("2022-01-01")
)

// Klasifikasi is one kode klasifikasi arsip with the span it is valid in.
// WilayahKode is empty for the national codes and names the kabupaten for
// codes that kabupaten added.
type Klasifikasi struct {
	bun.BaseModel `bun:"table:klasifikasi_surat,alias:k" json:"-"`

	ID          string    `bun:"id,pk" json:"id"`
	WilayahKode string    `bun:"wilayah_kode" json:"wilayah_kode,omitempty" doc:"Kabupaten yang menambahkan kode ini; kosong untuk kode nasional"`
	Kode        string    `bun:"kode" json:"kode" example:"400.12.2"`
	Uraian      string    `bun:"uraian" json:"uraian" example:"Pendaftaran Penduduk"`
	Sumber      string    `bun:"sumber" json:"sumber" doc:"Dasar hukum kode ini"`
	ValidFrom   Tanggal   `bun:"valid_from" json:"valid_from" format:"date"`
	ValidTo     Tanggal   `bun:"valid_to,nullzero" json:"valid_to,omitempty" format:"date" doc:"Kosong bila masih berlaku"`
	CreatedBy   string    `bun:"created_by" json:"-"`
	CreatedAt   time.Time `bun:"created_at" json:"-"`
}

// SeedReference loads the national codes (data/klasifikasi.csv). Codes
// already present are left as they are, so it may run at every start.
func (m *Module) SeedReference(ctx context.Context) error {
	rows, err := readKlasifikasi(m.clock())
	if err != nil {
		return err
	}
	return m.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&rows).On("CONFLICT (wilayah_kode, kode, valid_from) DO NOTHING").Exec(ctx)
		return err
	})
}

func readKlasifikasi(now time.Time) ([]Klasifikasi, error) {
	f, err := dataFS.Open("data/klasifikasi.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = 2
	head, err := r.Read()
	if err != nil || head[0] != "kode" || head[1] != "uraian" {
		return nil, fmt.Errorf("klasifikasi.csv: header %v, want kode,uraian", head)
	}
	var rows []Klasifikasi
	seen := map[string]bool{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("klasifikasi.csv: %w", err)
		}
		if !validKodeKlasifikasi(rec[0]) || seen[rec[0]] {
			return nil, fmt.Errorf("klasifikasi.csv: code %q malformed or repeated", rec[0])
		}
		seen[rec[0]] = true
		rows = append(rows, Klasifikasi{
			ID: newID(), Kode: rec[0], Uraian: rec[1], Sumber: sumberNasional,
			ValidFrom: nasionalValidFrom, CreatedBy: "ngantor", CreatedAt: now,
		})
	}
	return rows, nil
}

// validKodeKlasifikasi: a kode primer of three digits, then up to four
// levels of one to three digits (Permendagri 83/2022 Pasal 3 ayat (5): the
// code is numeric; its levels are separated by points).
func validKodeKlasifikasi(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) > 5 || len(parts[0]) != 3 {
		return false
	}
	for i, p := range parts {
		if p == "" || len(p) > 3 || (i > 0 && p[0] == '0') {
			return false
		}
		for _, r := range p {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return true
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// findKlasifikasi returns the code kode as valid on date for the desa of
// kabupaten kab: the kabupaten's own entry before the national one, the
// latest version before older ones.
func findKlasifikasi(ctx context.Context, idb bun.IDB, kab tenancy.Kode, kode string, on Tanggal) (Klasifikasi, error) {
	var k Klasifikasi
	err := idb.NewSelect().Model(&k).
		Where("k.kode = ?", kode).
		Where("k.wilayah_kode IN ('', ?)", string(kab)).
		Where("k.valid_from <= ?", on).
		Where("(k.valid_to IS NULL OR k.valid_to >= ?)", on).
		OrderExpr("k.wilayah_kode DESC, k.valid_from DESC").
		Limit(1).Scan(ctx)
	if db.IsNoRows(err) {
		return Klasifikasi{}, fault.Field("body.klasifikasi", "kode klasifikasi %s tidak berlaku pada %s", kode, on.String())
	}
	return k, err
}

// KlasifikasiQuery selects a page of codes.
type KlasifikasiQuery struct {
	page.Params
	Q       string  // substring of kode or uraian
	Berlaku Tanggal // only codes valid on this date; "" for every version
}

type klasifikasiKey struct {
	Kode string `json:"k"`
	ID   string `json:"i"`
}

// ListKlasifikasi pages the codes a desa under wilayah kode may use (the
// national ones and its kabupaten's), in code order.
func (m *Module) ListKlasifikasi(ctx context.Context, kode tenancy.Kode, q KlasifikasiQuery) (page.Page[Klasifikasi], error) {
	var after klasifikasiKey
	has, err := page.Decode(q.Cursor, &after)
	if err != nil {
		return page.Page[Klasifikasi]{}, err
	}
	limit := q.Size()
	rows := []Klasifikasi{}
	sel := m.db.NewSelect().Model(&rows).
		Where("k.wilayah_kode IN ('', ?)", string(kode.Up(tenancy.Kabupaten))).
		OrderExpr("k.kode, k.id").Limit(int64(limit) + 1)
	if has {
		sel = sel.Where("(k.kode > ? OR (k.kode = ? AND k.id > ?))", after.Kode, after.Kode, after.ID)
	}
	// Every word must match the code or the uraian: "rapat pimpinan"
	// finds "Rapat Pimpinan", "000.1 rapat" the meetings under 000.1.
	for _, w := range strings.Fields(q.Q) {
		like := "%" + db.EscapeLike(strings.ToLower(w)) + "%"
		sel = sel.Where("(lower(k.kode) LIKE ? ESCAPE '!' OR lower(k.uraian) LIKE ? ESCAPE '!')", like, like)
	}
	if q.Berlaku != "" {
		sel = sel.Where("k.valid_from <= ?", q.Berlaku).Where("(k.valid_to IS NULL OR k.valid_to >= ?)", q.Berlaku)
	}
	if err := sel.Scan(ctx); err != nil {
		return page.Page[Klasifikasi]{}, err
	}
	return page.Of(rows, limit, func(k Klasifikasi) klasifikasiKey { return klasifikasiKey{k.Kode, k.ID} }), nil
}

// KlasifikasiBaru is a code a kabupaten adds.
type KlasifikasiBaru struct {
	Kode      string  `json:"kode" example:"400.10.2.1" doc:"Kode angka bertingkat, mis. 400.10.2.1"`
	Uraian    string  `json:"uraian" doc:"1–300 karakter"`
	Sumber    string  `json:"sumber,omitempty" doc:"Dasar penetapan, mis. Peraturan Bupati; kosong: tambahan kabupaten; maksimal 300 karakter"`
	ValidFrom Tanggal `json:"valid_from" format:"date" doc:"Berlaku mulai"`
	ValidTo   Tanggal `json:"valid_to,omitempty" format:"date" doc:"Berlaku sampai; kosong bila tidak dibatasi"`
}

// AddKlasifikasi records a code of kabupaten kab. A code already present
// from the same date is fault.Conflict; to change a code's uraian, add it
// again from a later date — letters issued before keep the old one.
func (m *Module) AddKlasifikasi(ctx context.Context, kab tenancy.Kode, in KlasifikasiBaru, by string) (Klasifikasi, error) {
	if kab.Level() != tenancy.Kabupaten {
		return Klasifikasi{}, fault.New(fault.Invalid, "kode klasifikasi ditambahkan di tingkat kabupaten, bukan %s", kab.Level())
	}
	if err := in.Validate(); err != nil {
		return Klasifikasi{}, err
	}
	if in.Sumber == "" {
		in.Sumber = "Tambahan Pemerintah Kabupaten " + string(kab)
	}
	k := Klasifikasi{
		ID: newID(), WilayahKode: string(kab), Kode: in.Kode, Uraian: in.Uraian, Sumber: in.Sumber,
		ValidFrom: in.ValidFrom, ValidTo: in.ValidTo, CreatedBy: by, CreatedAt: m.clock(),
	}
	_, err := m.db.NewInsert().Model(&k).Exec(ctx)
	if db.IsUniqueViolation(err) {
		return Klasifikasi{}, fault.New(fault.Conflict, "kode %s sudah ada mulai %s", in.Kode, in.ValidFrom.String())
	}
	if err != nil {
		return Klasifikasi{}, err
	}
	return k, nil
}
