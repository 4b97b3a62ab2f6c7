package program

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// The RPJM sasaran the programmes are tagged to, read from rpjm_node.
// (Temporary: the RPJM part exports SasaranRPJM; once merged, the lead may
// replace sasaranProgram's query with it.)

// sasaranRPJM is one sasaran of a kabupaten's RPJM.
type sasaranRPJM struct {
	ID     string `bun:"id"`
	Kode   string `bun:"kode"`
	Uraian string `bun:"uraian"`
}

// sasaranProgram lists the sasaran of kab's RPJM whose period covers
// tahun (0: of every period), in RPJM and code order. It reads in a
// transaction of its own with the kabupaten as tenant (its rows carry the
// kabupaten's id): call it before opening a write transaction.
func (m *Module) sasaranProgram(ctx context.Context, kab tenancy.Kode, tahun int) ([]sasaranRPJM, error) {
	kab = kab.Up(tenancy.Kabupaten)
	var out []sasaranRPJM
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kab})
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q := "SELECT n.id, n.kode, n.uraian FROM rpjm_node AS n JOIN rpjm AS r ON r.desa_id = n.desa_id AND r.id = n.rpjm_id " +
			"WHERE n.desa_id = ? AND n.jenis = 'sasaran'"
		args := []any{kab.ID()}
		if tahun != 0 {
			q += " AND r.tahun_mulai <= ? AND r.tahun_akhir >= ?"
			args = append(args, tahun, tahun)
		}
		return tx.NewRaw(q+" ORDER BY r.tahun_mulai, n.urut, n.kode", args...).Scan(ctx, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("program: sasaran of the RPJM: %w", err)
	}
	return out, nil
}

// sasaranMap is sasaranProgram by id.
func (m *Module) sasaranMap(ctx context.Context, kab tenancy.Kode) (map[string]sasaranRPJM, error) {
	ss, err := m.sasaranProgram(ctx, kab, 0)
	if err != nil {
		return nil, err
	}
	out := make(map[string]sasaranRPJM, len(ss))
	for _, s := range ss {
		out[s.ID] = s
	}
	return out, nil
}
