package forum

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// A composite is a weighted mean of indicators the forum names and saves
// for its wilayah (a kecamatan's forum for the kecamatan, the kabupaten's
// for the kabupaten); a kecamatan's panel also offers the kabupaten's.

const (
	prefixKomposit = "komposit:"
	// Bounds of a composite.
	maxBagianKomposit = 12
	maxKompositPer    = 50
)

// Komposit is a saved composite.
type Komposit struct {
	ID      string       `json:"id"`
	Wilayah tenancy.Kode `json:"wilayah"`
	Nama    string       `json:"nama"`
	Bobot   []Bobot      `json:"bobot"`
	Dibuat  time.Time    `json:"dibuat"`
}

// KompositInput is a new composite.
type KompositInput struct {
	Nama  string  `json:"nama" minLength:"3" maxLength:"80" example:"Tata kelola dan ekonomi"`
	Bobot []Bobot `json:"bobot" minItems:"2" maxItems:"12"`
}

type kompositBaris struct {
	bun.BaseModel `bun:"table:forum_komposit"`
	DesaID        int64     `bun:"desa_id,pk"`
	ID            string    `bun:"id,pk"`
	Nama          string    `bun:"nama"`
	Bobot         string    `bun:"bobot"`
	CreatedBy     string    `bun:"created_by"`
	CreatedAt     time.Time `bun:"created_at"`
}

func (r kompositBaris) komposit() Komposit {
	k := Komposit{ID: r.ID, Wilayah: kodeWilayahID(r.DesaID), Nama: r.Nama, Dibuat: r.CreatedAt}
	_ = json.Unmarshal([]byte(r.Bobot), &k.Bobot) // written by SimpanKomposit only
	return k
}

// kodeWilayahID turns a wilayah's own id back into its code (a kecamatan
// 5102060000 → 51.02.06, a kabupaten 5102000000 → 51.02).
func kodeWilayahID(id int64) tenancy.Kode {
	k := tenancy.KodeOfDesaID(id)
	for k.Level() > tenancy.Provinsi && k.ID() == k.Parent().ID() {
		k = k.Parent()
	}
	return k
}

func (k Komposit) indikator() Indikator {
	return Indikator{Kunci: prefixKomposit + k.ID, Sumber: "komposit", Kode: k.ID, Nama: k.Nama + " (komposit)",
		Satuan: "skor 0–100", Desimal: 2, LebihTinggiLebihBaik: true, Komposit: k.Bobot}
}

// validateKomposit checks a composite against the indicators the user
// may see at the wilayah.
func validateKomposit(in *KompositInput, defs map[string]indicator.Definition) error {
	var p valid.Problems
	in.Nama = strings.TrimSpace(in.Nama)
	p.Text("body.nama", "Nama", in.Nama, 3, 80)
	if len(in.Bobot) < 2 || len(in.Bobot) > maxBagianKomposit {
		p.Add("body.bobot", "komposit terdiri dari 2 sampai %d indikator", maxBagianKomposit)
	}
	seen := map[string]bool{}
	for i, b := range in.Bobot {
		loc := "body.bobot[" + itoa(i) + "]"
		if _, ok := defs[b.Indikator]; !ok {
			p.Add(loc+".indikator", "indikator %q tidak dikenal atau tidak boleh Anda lihat", b.Indikator)
		} else if seen[b.Indikator] {
			p.Add(loc+".indikator", "indikator %q disebut dua kali", b.Indikator)
		}
		seen[b.Indikator] = true
		if b.Bobot < 1 || b.Bobot > 100 {
			p.Add(loc+".bobot", "bobot harus antara 1 dan 100")
		}
	}
	return p.Err()
}

// SimpanKomposit saves a composite for wilayah k (a kecamatan or
// kabupaten), the tenant of ctx; the request's audit entry rides the
// transaction (audit.Intent at the edge).
func (m *Module) SimpanKomposit(ctx context.Context, k tenancy.Kode, in KompositInput) (Komposit, error) {
	defs, err := m.definisiTerlihat(ctx, k)
	if err != nil {
		return Komposit{}, err
	}
	if err := validateKomposit(&in, defs); err != nil {
		return Komposit{}, err
	}
	u, _ := auth.UserFrom(ctx)
	bobot, _ := json.Marshal(in.Bobot)
	r := kompositBaris{DesaID: k.ID(), ID: uuid.Must(uuid.NewV7()).String(), Nama: in.Nama, Bobot: string(bobot),
		CreatedBy: u.ID, CreatedAt: m.now().UTC()}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		n, err := tx.NewSelect().Model((*kompositBaris)(nil)).Where("desa_id = ?", r.DesaID).Count(ctx)
		if err != nil {
			return err
		}
		if n >= maxKompositPer {
			return fault.New(fault.Conflict, "wilayah ini sudah punya %d komposit; hapus yang tidak dipakai dulu", maxKompositPer)
		}
		if _, err := tx.NewInsert().Model(&r).Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return fault.Field("body.nama", "komposit bernama %q sudah ada di wilayah ini", in.Nama)
			}
			return err
		}
		return nil
	})
	if err != nil {
		return Komposit{}, err
	}
	return r.komposit(), nil
}

// HapusKomposit removes a composite saved at exactly k.
func (m *Module) HapusKomposit(ctx context.Context, k tenancy.Kode, id string) error {
	if _, err := uuid.Parse(id); err != nil {
		return fault.New(fault.NotFound, "komposit tidak ditemukan")
	}
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewDelete().Model((*kompositBaris)(nil)).Where("desa_id = ? AND id = ?", k.ID(), id).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fault.New(fault.NotFound, "komposit tidak ditemukan di wilayah ini")
		}
		return nil
	})
}

// DaftarKomposit lists the composites saved for k and for the wilayah
// above it (a kecamatan's panel offers the kabupaten's), newest first.
func (m *Module) DaftarKomposit(ctx context.Context, k tenancy.Kode) ([]Komposit, error) {
	ids := []int64{k.ID()}
	for up := k; up.Level() > tenancy.Kabupaten; {
		up = up.Parent()
		ids = append(ids, up.ID())
	}
	var rows []kompositBaris
	lo, hi := k.Up(tenancy.Kabupaten).Range()
	if k.Level() < tenancy.Kabupaten {
		lo, hi = k.Range()
	}
	err := m.db.RangeTx(ctx, lo, hi, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Model(&rows).Where("desa_id IN (?)", bun.In(ids)).Order("created_at DESC").Scan(ctx)
	})
	out := make([]Komposit, len(rows))
	for i, r := range rows {
		out[i] = r.komposit()
	}
	return out, err
}

// kompositTerlihat are the composites of k whose parts are all visible.
func (m *Module) kompositTerlihat(ctx context.Context, k tenancy.Kode, defs map[string]indicator.Definition) ([]Komposit, error) {
	all, err := m.DaftarKomposit(ctx, k)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(c Komposit) bool {
		for _, b := range c.Bobot {
			if _, ok := defs[b.Indikator]; !ok {
				return true
			}
		}
		return false
	}), nil
}

func itoa(i int) string { return strconv.Itoa(i) }
