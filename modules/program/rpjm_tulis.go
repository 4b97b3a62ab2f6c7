package program

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The RPJM's writes. Each runs in one transaction at the kabupaten's id;
// under a request it carries the request's audit entry (db.Tx's
// pre-commit hook), so the change and its record commit together. Who may
// write is the caller's check (bolehTulisRPJM).

// tumpang refuses a period that overlaps another of the kabupaten (but
// itself): a year must pick exactly one RPJM.
func tumpang(ctx context.Context, tx bun.Tx, desaID int64, d RPJMData, kecuali string) error {
	var rs []RPJM
	q := tx.NewSelect().Model(&rs).Where("r.desa_id = ? AND r.tahun_mulai <= ? AND r.tahun_akhir >= ?", desaID, d.TahunAkhir, d.TahunMulai)
	if kecuali != "" {
		q = q.Where("r.id <> ?", kecuali)
	}
	if err := q.Scan(ctx); err != nil {
		return err
	}
	if len(rs) > 0 {
		return fault.Field("body.tahun_mulai", "Periode %d–%d bertumpang dengan %s (%d–%d); satu tahun hanya boleh masuk satu RPJM.",
			d.TahunMulai, d.TahunAkhir, rs[0].Nama, rs[0].TahunMulai, rs[0].TahunAkhir)
	}
	return nil
}

// BuatRPJM adds a period to kabupaten kab. demo marks the dev seed's.
func (m *Module) BuatRPJM(ctx context.Context, kab tenancy.Kode, d RPJMData, demo bool) (RPJM, error) {
	var p valid.Problems
	d.periksa(&p, "body.")
	if err := p.Err(); err != nil {
		return RPJM{}, err
	}
	var r RPJM
	err := m.diKabupaten(ctx, kab, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		if err := tumpang(ctx, tx, desaID, d, ""); err != nil {
			return err
		}
		now, by := m.waktu(), pelaku(ctx)
		r = RPJM{DesaID: desaID, ID: baruID(), Nama: d.Nama, TahunMulai: d.TahunMulai, TahunAkhir: d.TahunAkhir, Visi: d.Visi,
			Demo: demo, CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
		_, err := tx.NewInsert().Model(&r).Returning("NULL").Exec(ctx)
		if db.IsUniqueViolation(err) {
			return fault.Field("body.tahun_mulai", "Kabupaten ini sudah punya RPJM yang mulai tahun %d.", d.TahunMulai)
		}
		return err
	})
	return r, err
}

// UbahRPJM changes a period's name, visi and years; targets already set
// must stay inside the new years.
func (m *Module) UbahRPJM(ctx context.Context, kab tenancy.Kode, id string, d RPJMData) (RPJM, error) {
	var p valid.Problems
	d.periksa(&p, "body.")
	if err := p.Err(); err != nil {
		return RPJM{}, err
	}
	var r RPJM
	err := m.diKabupaten(ctx, kab, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		var err error
		if r, err = bacaRPJM(ctx, tx, desaID, id); err != nil {
			return err
		}
		if err := tumpang(ctx, tx, desaID, d, r.ID); err != nil {
			return err
		}
		var luar []int
		if err := tx.NewSelect().Model((*targetRow)(nil)).ColumnExpr("DISTINCT t.tahun").
			Where("t.desa_id = ? AND (t.tahun < ? OR t.tahun > ?)", desaID, d.TahunMulai, d.TahunAkhir).
			Where("t.node_id IN (SELECT id FROM rpjm_node WHERE desa_id = ? AND rpjm_id = ?)", desaID, r.ID).
			OrderExpr("t.tahun").Scan(ctx, &luar); err != nil {
			return err
		}
		if len(luar) > 0 {
			return fault.Field("body.tahun_mulai", "Sudah ada target tahun %d di luar periode baru; hapus target itu dulu.", luar[0])
		}
		r.Nama, r.Visi, r.TahunMulai, r.TahunAkhir = d.Nama, d.Visi, d.TahunMulai, d.TahunAkhir
		r.UpdatedBy, r.UpdatedAt = pelaku(ctx), m.waktu()
		_, err = tx.NewUpdate().Model(&r).WherePK().Exec(ctx)
		if db.IsUniqueViolation(err) {
			return fault.Field("body.tahun_mulai", "Kabupaten ini sudah punya RPJM yang mulai tahun %d.", d.TahunMulai)
		}
		return err
	})
	return r, err
}

// hapusIsi removes every node and target of a period.
func hapusIsi(ctx context.Context, tx bun.Tx, desaID int64, rpjmID string) error {
	if _, err := tx.NewDelete().Model((*targetRow)(nil)).
		Where("desa_id = ? AND node_id IN (SELECT id FROM rpjm_node WHERE desa_id = ? AND rpjm_id = ?)", desaID, desaID, rpjmID).
		Exec(ctx); err != nil {
		return err
	}
	_, err := tx.NewDelete().Model((*Node)(nil)).Where("desa_id = ? AND rpjm_id = ?", desaID, rpjmID).Exec(ctx)
	return err
}

// HapusRPJM deletes a period with its tree.
func (m *Module) HapusRPJM(ctx context.Context, kab tenancy.Kode, id string) error {
	return m.diKabupaten(ctx, kab, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		r, err := bacaRPJM(ctx, tx, desaID, id)
		if err != nil {
			return err
		}
		if err := hapusIsi(ctx, tx, desaID, r.ID); err != nil {
			return err
		}
		_, err = tx.NewDelete().Model((*RPJM)(nil)).Where("desa_id = ? AND id = ?", desaID, r.ID).Exec(ctx)
		return err
	})
}

func urutOf(kode string) int {
	parts, _ := kodeBagian(kode)
	if len(parts) == 0 {
		return 0
	}
	return parts[len(parts)-1]
}

func targetRows(desaID int64, nodeID string, ts []TargetRPJM) []targetRow {
	out := make([]targetRow, len(ts))
	for i, t := range ts {
		out[i] = targetRow{DesaID: desaID, NodeID: nodeID, Tahun: t.Tahun, Target: t.Target}
	}
	return out
}

func simpulOf(n Node, ts []TargetRPJM) Simpul {
	return Simpul{ID: n.ID, Jenis: n.Jenis, Kode: n.Kode, Uraian: n.Uraian, Satuan: n.Satuan, Baseline: n.Baseline, Target: ts}
}

// TambahNode adds a node to period rpjmID: its parent is the node whose
// kode is this one's without the last part, and must be of the kind
// above (a tujuan under a misi …).
func (m *Module) TambahNode(ctx context.Context, kab tenancy.Kode, rpjmID string, d NodeData) (Simpul, error) {
	var s Simpul
	err := m.diKabupaten(ctx, kab, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		r, err := bacaRPJM(ctx, tx, desaID, rpjmID)
		if err != nil {
			return err
		}
		var p valid.Problems
		d.periksa(&p, "body.", r)
		if err := p.Err(); err != nil {
			return err
		}
		n, err := tx.NewSelect().Model((*Node)(nil)).Where("desa_id = ? AND rpjm_id = ?", desaID, r.ID).Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaxNodeRPJM {
			return fault.New(fault.Conflict, "RPJM ini sudah berisi %d unsur, batasnya.", MaxNodeRPJM)
		}
		node := Node{DesaID: desaID, ID: baruID(), RPJMID: r.ID, Jenis: d.Jenis, Kode: d.Kode, Uraian: d.Uraian,
			Satuan: d.Satuan, Baseline: d.Baseline, Urut: urutOf(d.Kode)}
		if d.Jenis != JenisMisi {
			var induk []Node
			if err := tx.NewSelect().Model(&induk).Where("n.desa_id = ? AND n.rpjm_id = ? AND n.kode = ?", desaID, r.ID, kodeInduk(d.Kode)).
				Scan(ctx); err != nil {
				return err
			}
			if len(induk) == 0 || induk[0].Jenis != d.Jenis.Induk() {
				return fault.Field("body.kode", "%s %s harus di bawah %s %s, yang belum ada di RPJM ini.",
					d.Jenis.Judul(), d.Kode, strings.ToLower(d.Jenis.Induk().Judul()), kodeInduk(d.Kode))
			}
			node.IndukID = induk[0].ID
		}
		if _, err := tx.NewInsert().Model(&node).Returning("NULL").Exec(ctx); db.IsUniqueViolation(err) {
			return fault.Field("body.kode", "Kode %s sudah dipakai di RPJM ini.", d.Kode)
		} else if err != nil {
			return err
		}
		if ts := targetRows(desaID, node.ID, d.Target); len(ts) > 0 {
			if _, err := tx.NewInsert().Model(&ts).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		s = simpulOf(node, sortTarget(d.Target))
		return nil
	})
	return s, err
}

func sortTarget(ts []TargetRPJM) []TargetRPJM {
	out := slices.Clone(ts)
	slices.SortFunc(out, func(a, b TargetRPJM) int { return cmp.Compare(a.Tahun, b.Tahun) })
	return out
}

// NodeRPJM reads one node of the kabupaten with its period and targets.
func (m *Module) NodeRPJM(ctx context.Context, kab tenancy.Kode, id string) (Simpul, RPJM, error) {
	var (
		s Simpul
		r RPJM
	)
	err := m.diKabupaten(ctx, kab, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		n, err := bacaNode(ctx, tx, desaID, id)
		if err != nil {
			return err
		}
		if r, err = bacaRPJM(ctx, tx, desaID, n.RPJMID); err != nil {
			return err
		}
		ts, err := bacaTarget(ctx, tx, desaID, n.ID)
		s = simpulOf(n, ts)
		return err
	})
	return s, r, err
}

func bacaTarget(ctx context.Context, tx bun.Tx, desaID int64, nodeID string) ([]TargetRPJM, error) {
	var rows []targetRow
	if err := tx.NewSelect().Model(&rows).Where("t.desa_id = ? AND t.node_id = ?", desaID, nodeID).OrderExpr("t.tahun").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]TargetRPJM, len(rows))
	for i, t := range rows {
		out[i] = TargetRPJM{Tahun: t.Tahun, Target: t.Target}
	}
	return out, nil
}

// UbahNode changes what a node says and, for an indikator, replaces its
// satuan, baseline and targets. Its kind and kode stay (delete and add
// to move a node).
func (m *Module) UbahNode(ctx context.Context, kab tenancy.Kode, id string, isi NodeIsi) (Simpul, error) {
	return m.ubahNode(ctx, kab, id, func(Node, []TargetRPJM) NodeIsi { return isi })
}

// SetTarget replaces the yearly targets of an indikator (only an
// indikator has targets), keeping what it says.
func (m *Module) SetTarget(ctx context.Context, kab tenancy.Kode, id string, ts []TargetRPJM) (Simpul, error) {
	return m.ubahNode(ctx, kab, id, func(n Node, _ []TargetRPJM) NodeIsi {
		return NodeIsi{Uraian: n.Uraian, Satuan: n.Satuan, Baseline: n.Baseline, Target: ts}
	})
}

// ubahNode rewrites a node with what isi makes of it, in one transaction.
func (m *Module) ubahNode(ctx context.Context, kab tenancy.Kode, id string, isi func(Node, []TargetRPJM) NodeIsi) (Simpul, error) {
	var s Simpul
	err := m.diKabupaten(ctx, kab, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		n, err := bacaNode(ctx, tx, desaID, id)
		if err != nil {
			return err
		}
		r, err := bacaRPJM(ctx, tx, desaID, n.RPJMID)
		if err != nil {
			return err
		}
		lama, err := bacaTarget(ctx, tx, desaID, n.ID)
		if err != nil {
			return err
		}
		d := NodeData{Jenis: n.Jenis, Kode: n.Kode, NodeIsi: isi(n, lama)}
		var p valid.Problems
		d.periksa(&p, "body.", r)
		if err := p.Err(); err != nil {
			return err
		}
		n.Uraian, n.Satuan, n.Baseline = d.Uraian, d.Satuan, d.Baseline
		if _, err := tx.NewUpdate().Model(&n).WherePK().Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*targetRow)(nil)).Where("desa_id = ? AND node_id = ?", desaID, n.ID).Exec(ctx); err != nil {
			return err
		}
		if ts := targetRows(desaID, n.ID, d.Target); len(ts) > 0 {
			if _, err := tx.NewInsert().Model(&ts).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		s = simpulOf(n, sortTarget(d.Target))
		return nil
	})
	return s, err
}

// HapusNode deletes a node with everything under it.
func (m *Module) HapusNode(ctx context.Context, kab tenancy.Kode, id string) error {
	return m.diKabupaten(ctx, kab, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		n, err := bacaNode(ctx, tx, desaID, id)
		if err != nil {
			return err
		}
		sub := tx.NewSelect().Model((*Node)(nil)).Column("id").
			Where("desa_id = ? AND rpjm_id = ? AND (kode = ? OR kode LIKE ?)", desaID, n.RPJMID, n.Kode, db.EscapeLike(n.Kode)+".%")
		if _, err := tx.NewDelete().Model((*targetRow)(nil)).Where("desa_id = ? AND node_id IN (?)", desaID, sub).Exec(ctx); err != nil {
			return err
		}
		_, err = tx.NewDelete().Model((*Node)(nil)).
			Where("desa_id = ? AND rpjm_id = ? AND (kode = ? OR kode LIKE ?)", desaID, n.RPJMID, n.Kode, db.EscapeLike(n.Kode)+".%").Exec(ctx)
		return err
	})
}

// periksaPohon checks a whole tree (an import's rows, in order): each
// node by itself, then that every kode is used once and every node's
// parent is in the tree and of the kind above. fields names the field of
// row i.
func periksaPohon(r RPJM, ds []NodeData, prefix func(i int) string) valid.Problems {
	var p valid.Problems
	if len(ds) > MaxNodeRPJM {
		p.Add("body.berkas", "Paling banyak %s unsur dalam satu RPJM.", strconv.Itoa(MaxNodeRPJM))
		return p
	}
	jenis := map[string]JenisNode{}
	for i := range ds {
		var q valid.Problems
		ds[i].periksa(&q, prefix(i), r)
		p.Include(prefix(i), q.Err())
		if !q.Has(prefix(i) + "kode") {
			if _, dup := jenis[ds[i].Kode]; dup {
				p.Add(prefix(i)+"kode", "Kode %s sudah dipakai di baris lain.", ds[i].Kode)
			} else {
				jenis[ds[i].Kode] = ds[i].Jenis
			}
		}
	}
	for i, d := range ds {
		if d.Jenis == JenisMisi || d.Jenis.Kedalaman() == 0 || p.Has(prefix(i)+"kode") {
			continue
		}
		if j, ok := jenis[kodeInduk(d.Kode)]; !ok || j != d.Jenis.Induk() {
			p.Add(prefix(i)+"kode", "%s %s harus di bawah %s %s, yang tidak ada di berkas.",
				d.Jenis.Judul(), d.Kode, strings.ToLower(d.Jenis.Induk().Judul()), kodeInduk(d.Kode))
		}
	}
	return p
}

// GantiPohon replaces the tree of period rpjmID with ds (checked whole by
// periksaPohon) in one transaction. It returns how many nodes of each
// kind went in.
func (m *Module) GantiPohon(ctx context.Context, kab tenancy.Kode, rpjmID string, ds []NodeData) (map[JenisNode]int, error) {
	count := map[JenisNode]int{}
	err := m.diKabupaten(ctx, kab, func(ctx context.Context, tx bun.Tx, desaID int64) error {
		r, err := bacaRPJM(ctx, tx, desaID, rpjmID)
		if err != nil {
			return err
		}
		p := periksaPohon(r, ds, func(i int) string { return "body.node[" + strconv.Itoa(i) + "]." })
		if err := p.Err(); err != nil {
			return err
		}
		if err := hapusIsi(ctx, tx, desaID, r.ID); err != nil {
			return err
		}
		ids := map[string]string{}
		nodes := make([]Node, 0, len(ds))
		var ts []targetRow
		for _, d := range ds {
			n := Node{DesaID: desaID, ID: baruID(), RPJMID: r.ID, IndukID: ids[kodeInduk(d.Kode)], Jenis: d.Jenis, Kode: d.Kode,
				Uraian: d.Uraian, Satuan: d.Satuan, Baseline: d.Baseline, Urut: urutOf(d.Kode)}
			ids[d.Kode] = n.ID
			nodes = append(nodes, n)
			ts = append(ts, targetRows(desaID, n.ID, d.Target)...)
			count[d.Jenis]++
		}
		// Parents first: a row's parent may come after it in the file.
		for i := range nodes {
			nodes[i].IndukID = ids[kodeInduk(nodes[i].Kode)]
		}
		for lo := 0; lo < len(nodes); lo += 500 {
			batch := nodes[lo:min(lo+500, len(nodes))]
			if _, err := tx.NewInsert().Model(&batch).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		for lo := 0; lo < len(ts); lo += 500 {
			batch := ts[lo:min(lo+500, len(ts))]
			if _, err := tx.NewInsert().Model(&batch).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		r.UpdatedBy, r.UpdatedAt = pelaku(ctx), m.waktu()
		_, err = tx.NewUpdate().Model(&r).Column("updated_by", "updated_at").WherePK().Exec(ctx)
		return err
	})
	return count, err
}
