package program

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The kabupaten's RPJM as a tree: one RPJM per period (visi), under it
// misi → tujuan → sasaran → indikator kinerja, the indikator with its
// satuan, baseline and a target for each year of the period. Rows live at
// the kabupaten's own id (tenancy.Kode.ID of the kabupaten); every read
// and write names that id, so a node id resolves only inside the
// kabupaten whose path it came through.

// JenisNode is the kind of an RPJM node; its depth in the tree and in its
// kode ("1", "1.2", "1.2.3", "1.2.3.4") follow from it.
type JenisNode string

// The kinds, from the top.
const (
	JenisMisi      JenisNode = "misi"
	JenisTujuan    JenisNode = "tujuan"
	JenisSasaran   JenisNode = "sasaran"
	JenisIndikator JenisNode = "indikator"
)

// urutanJenis are the kinds by depth (misi is depth 1).
var urutanJenis = []JenisNode{JenisMisi, JenisTujuan, JenisSasaran, JenisIndikator}

// Kedalaman is the depth of j (1 for misi … 4 for indikator), 0 when j is
// no kind.
func (j JenisNode) Kedalaman() int {
	for i, x := range urutanJenis {
		if x == j {
			return i + 1
		}
	}
	return 0
}

// Induk is the kind of j's parent ("" for misi, whose parent is the visi).
func (j JenisNode) Induk() JenisNode {
	if d := j.Kedalaman(); d > 1 {
		return urutanJenis[d-2]
	}
	return ""
}

// Judul is the kind as a page names it.
func (j JenisNode) Judul() string {
	switch j {
	case JenisMisi:
		return "Misi"
	case JenisTujuan:
		return "Tujuan"
	case JenisSasaran:
		return "Sasaran"
	case JenisIndikator:
		return "Indikator kinerja"
	}
	return string(j)
}

// RPJM is one period of a kabupaten's RPJM.
type RPJM struct {
	bun.BaseModel `bun:"table:rpjm,alias:r"`
	DesaID        int64     `bun:"desa_id,pk" json:"-"`
	ID            string    `bun:"id,pk" json:"id"`
	Nama          string    `bun:"nama" json:"nama"`
	TahunMulai    int       `bun:"tahun_mulai" json:"tahun_mulai"`
	TahunAkhir    int       `bun:"tahun_akhir" json:"tahun_akhir"`
	Visi          string    `bun:"visi" json:"visi"`
	Demo          bool      `bun:"demo" json:"demo"`
	CreatedBy     string    `bun:"created_by" json:"-"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedBy     string    `bun:"updated_by" json:"-"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
}

// Tahun lists the years of the period.
func (r RPJM) Tahun() []int {
	var out []int
	for t := r.TahunMulai; t <= r.TahunAkhir; t++ {
		out = append(out, t)
	}
	return out
}

// Node is one node of the tree under the visi.
type Node struct {
	bun.BaseModel `bun:"table:rpjm_node,alias:n"`
	DesaID        int64     `bun:"desa_id,pk"`
	ID            string    `bun:"id,pk"`
	RPJMID        string    `bun:"rpjm_id"`
	IndukID       string    `bun:"induk_id"`
	Jenis         JenisNode `bun:"jenis"`
	Kode          string    `bun:"kode"`
	Uraian        string    `bun:"uraian"`
	Satuan        string    `bun:"satuan"`
	Baseline      *float64  `bun:"baseline"`
	Urut          int       `bun:"urut"`
}

// targetRow is the yearly target of an indikator node.
type targetRow struct {
	bun.BaseModel `bun:"table:rpjm_target,alias:t"`
	DesaID        int64   `bun:"desa_id,pk"`
	NodeID        string  `bun:"node_id,pk"`
	Tahun         int     `bun:"tahun,pk"`
	Target        float64 `bun:"target"`
}

// TargetRPJM is an indikator's target for one year.
type TargetRPJM struct {
	Tahun  int     `json:"tahun" minimum:"2000" maximum:"2100"`
	Target float64 `json:"target" minimum:"-1000000000000" maximum:"1000000000000"`
}

// Simpul is a node of the tree as read: its children under it, an
// indikator's targets by year.
type Simpul struct {
	ID       string       `json:"id"`
	Jenis    JenisNode    `json:"jenis"`
	Kode     string       `json:"kode"`
	Uraian   string       `json:"uraian"`
	Satuan   string       `json:"satuan,omitempty"`
	Baseline *float64     `json:"baseline,omitempty"`
	Target   []TargetRPJM `json:"target,omitempty"`
	Anak     []*Simpul    `json:"anak,omitempty"`
}

// Pohon is an RPJM period with its tree.
type Pohon struct {
	RPJM RPJM      `json:"rpjm"`
	Misi []*Simpul `json:"misi"`
}

// Sasaran is one sasaran of a kabupaten's RPJM with the texts above it,
// for the desa and OPD programmes that serve it (they refer to it by the
// kabupaten and ID).
type Sasaran struct {
	ID, Kode, Uraian, Tujuan, Misi string
}

// PeriodeRingkas names one RPJM period of a kabupaten.
type PeriodeRingkas struct {
	ID         string `json:"id"`
	Nama       string `json:"nama"`
	TahunMulai int    `json:"tahun_mulai"`
	TahunAkhir int    `json:"tahun_akhir"`
	Demo       bool   `json:"demo"`
}

var (
	errRPJMTidakAda = fault.New(fault.NotFound, "RPJM tidak ditemukan di kabupaten ini.")
	errNodeTidakAda = fault.New(fault.NotFound, "Unsur RPJM tidak ditemukan di kabupaten ini.")
)

func baruID() string { return uuid.Must(uuid.NewV7()).String() }

// cekID accepts only a canonical UUID: PostgreSQL would answer anything
// else with an internal error.
func cekID(id string) bool {
	u, err := uuid.Parse(id)
	return err == nil && u.String() == id
}

func pelaku(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return audit.ActorSystem
}

func (m *Module) waktu() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

// kabupatenOf is the kabupaten whose RPJM a wilayah reads.
func kabupatenOf(k tenancy.Kode) tenancy.Kode { return k.Up(tenancy.Kabupaten) }

// diKabupaten runs fn in a transaction whose tenant is the kabupaten kab:
// the RPJM's rows sit at its own id. Writes made through the request's
// context carry the request's audit entry (db.Tx's pre-commit hook).
func (m *Module) diKabupaten(ctx context.Context, kab tenancy.Kode, fn func(ctx context.Context, tx bun.Tx, desaID int64) error) error {
	if kab.Level() != tenancy.Kabupaten {
		return fault.New(fault.NotFound, "RPJM disusun di tingkat kabupaten.")
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kab})
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error { return fn(ctx, tx, kab.ID()) })
}

// kodeBagian splits a node kode into its numbers; false when it is not
// one to four numbers 1–99 joined by dots.
func kodeBagian(kode string) ([]int, bool) {
	parts := strings.Split(kode, ".")
	if len(parts) == 0 || len(parts) > 4 {
		return nil, false
	}
	out := make([]int, len(parts))
	for i, p := range parts {
		if len(p) == 0 || len(p) > 2 || p[0] == '0' {
			return nil, false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 99 {
			return nil, false
		}
		out[i] = n
	}
	return out, true
}

// kodeInduk is the kode of a node's parent ("" for a misi).
func kodeInduk(kode string) string {
	if i := strings.LastIndexByte(kode, '.'); i > 0 {
		return kode[:i]
	}
	return ""
}

// kodeSebelum orders kode numerically part by part ("1.2" before "1.10").
func kodeSebelum(a, b string) bool {
	pa, _ := kodeBagian(a)
	pb, _ := kodeBagian(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	return len(pa) < len(pb)
}

func bacaRPJM(ctx context.Context, tx bun.Tx, desaID int64, id string) (RPJM, error) {
	var r RPJM
	if !cekID(id) {
		return r, errRPJMTidakAda
	}
	err := tx.NewSelect().Model(&r).Where("r.desa_id = ? AND r.id = ?", desaID, id).Scan(ctx)
	if db.IsNoRows(err) {
		return r, errRPJMTidakAda
	}
	return r, err
}

// rpjmTahun is the period of the kabupaten that covers tahun.
func rpjmTahun(ctx context.Context, tx bun.Tx, desaID int64, tahun int) (RPJM, bool, error) {
	var rs []RPJM
	err := tx.NewSelect().Model(&rs).Where("r.desa_id = ? AND r.tahun_mulai <= ? AND r.tahun_akhir >= ?", desaID, tahun, tahun).
		OrderExpr("r.tahun_mulai DESC").Limit(1).Scan(ctx)
	if err != nil || len(rs) == 0 {
		return RPJM{}, false, err
	}
	return rs[0], true, nil
}

func daftarPeriode(ctx context.Context, tx bun.Tx, desaID int64) ([]PeriodeRingkas, error) {
	var rs []RPJM
	if err := tx.NewSelect().Model(&rs).Where("r.desa_id = ?", desaID).OrderExpr("r.tahun_mulai").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]PeriodeRingkas, len(rs))
	for i, r := range rs {
		out[i] = PeriodeRingkas{ID: r.ID, Nama: r.Nama, TahunMulai: r.TahunMulai, TahunAkhir: r.TahunAkhir, Demo: r.Demo}
	}
	return out, nil
}

func bacaNodes(ctx context.Context, tx bun.Tx, desaID int64, rpjmID string) ([]Node, error) {
	var ns []Node
	err := tx.NewSelect().Model(&ns).Where("n.desa_id = ? AND n.rpjm_id = ?", desaID, rpjmID).Scan(ctx)
	sort.Slice(ns, func(i, j int) bool { return kodeSebelum(ns[i].Kode, ns[j].Kode) })
	return ns, err
}

func bacaNode(ctx context.Context, tx bun.Tx, desaID int64, id string) (Node, error) {
	var n Node
	if !cekID(id) {
		return n, errNodeTidakAda
	}
	err := tx.NewSelect().Model(&n).Where("n.desa_id = ? AND n.id = ?", desaID, id).Scan(ctx)
	if db.IsNoRows(err) {
		return n, errNodeTidakAda
	}
	return n, err
}

// bacaPohon reads a period's tree.
func bacaPohon(ctx context.Context, tx bun.Tx, r RPJM) (Pohon, error) {
	p := Pohon{RPJM: r, Misi: []*Simpul{}}
	ns, err := bacaNodes(ctx, tx, r.DesaID, r.ID)
	if err != nil {
		return p, err
	}
	var ts []targetRow
	if err := tx.NewSelect().Model(&ts).
		Where("t.desa_id = ? AND t.node_id IN (SELECT id FROM rpjm_node WHERE desa_id = ? AND rpjm_id = ?)", r.DesaID, r.DesaID, r.ID).
		OrderExpr("t.tahun").Scan(ctx); err != nil {
		return p, err
	}
	byNode := map[string][]TargetRPJM{}
	for _, t := range ts {
		byNode[t.NodeID] = append(byNode[t.NodeID], TargetRPJM{Tahun: t.Tahun, Target: t.Target})
	}
	byKode := map[string]*Simpul{}
	for _, n := range ns {
		s := &Simpul{ID: n.ID, Jenis: n.Jenis, Kode: n.Kode, Uraian: n.Uraian, Satuan: n.Satuan, Baseline: n.Baseline, Target: byNode[n.ID]}
		byKode[n.Kode] = s
		if n.Jenis == JenisMisi {
			p.Misi = append(p.Misi, s)
		} else if up := byKode[kodeInduk(n.Kode)]; up != nil {
			up.Anak = append(up.Anak, s)
		}
	}
	return p, nil
}

// RPJMTerkini is the RPJM period of kabupaten that covers tahun; false
// when it has none. The caller has checked the user may read it.
func (m *Module) RPJMTerkini(ctx context.Context, kabupaten tenancy.Kode, tahun int) (RPJM, bool, error) {
	var (
		r  RPJM
		ok bool
	)
	err := m.diKabupaten(ctx, kabupaten, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		var err error
		r, ok, err = rpjmTahun(ctx, tx, desaID, tahun)
		return err
	})
	return r, ok, err
}

// SasaranRPJM lists the sasaran of the kabupaten's RPJM whose period
// covers tahun, by kode, each with its tujuan's and misi's text; none
// (no such period) is an empty list. The caller has checked the user may
// read it.
func (m *Module) SasaranRPJM(ctx context.Context, kabupaten tenancy.Kode, tahun int) ([]Sasaran, error) {
	out := []Sasaran{}
	err := m.diKabupaten(ctx, kabupaten, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		r, ok, err := rpjmTahun(ctx, tx, desaID, tahun)
		if err != nil || !ok {
			return err
		}
		ns, err := bacaNodes(ctx, tx, desaID, r.ID)
		if err != nil {
			return err
		}
		uraian := map[string]string{}
		for _, n := range ns {
			uraian[n.Kode] = n.Uraian
		}
		for _, n := range ns {
			if n.Jenis != JenisSasaran {
				continue
			}
			tj := kodeInduk(n.Kode)
			out = append(out, Sasaran{ID: n.ID, Kode: n.Kode, Uraian: n.Uraian, Tujuan: uraian[tj], Misi: uraian[kodeInduk(tj)]})
		}
		return nil
	})
	return out, err
}

// PohonRPJM is the kabupaten's RPJM period covering tahun with its tree,
// and every period the kabupaten has; false when no period covers tahun.
func (m *Module) PohonRPJM(ctx context.Context, kabupaten tenancy.Kode, tahun int) (Pohon, []PeriodeRingkas, bool, error) {
	var (
		p     Pohon
		semua []PeriodeRingkas
		ok    bool
	)
	err := m.diKabupaten(ctx, kabupaten, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		var err error
		if semua, err = daftarPeriode(ctx, tx, desaID); err != nil {
			return err
		}
		r, found, err := rpjmTahun(ctx, tx, desaID, tahun)
		if err != nil || !found {
			return err
		}
		ok = true
		p, err = bacaPohon(ctx, tx, r)
		return err
	})
	return p, semua, ok, err
}
