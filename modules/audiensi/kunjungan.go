package audiensi

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// AudiensiKunjungan is one audiensi received during a field visit, as the
// visit's report lists it: title, category, state and where it was sent.
// Never the reporter nor the text of the complaint.
type AudiensiKunjungan struct {
	ID       string
	Judul    string
	Kategori string // the category's name
	Status   string // the state's name, e.g. "Didisposisikan"
	Diterima civil.Date
	// Penerima are the recipients' names with their part's state, e.g.
	// "Dinas Lingkungan Hidup (menunggu)", by name.
	Penerima []string
}

// DiterimaSaatKunjungan lists the audiensi of desa tagged with the field
// visit kunjungan (its id in the kunjungan column), oldest first.
func (m *Module) DiterimaSaatKunjungan(ctx context.Context, desa tenancy.Kode, kunjungan string) ([]AudiensiKunjungan, error) {
	if !desa.IsDesa() {
		return nil, fault.New(fault.Invalid, "Audiensi kunjungan memerlukan kode desa.")
	}
	out := []AudiensiKunjungan{}
	if kunjungan == "" {
		return out, nil
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	var as []Audiensi
	var ds []DisposisiAudiensi
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&as).
			Column("desa_id", "id", "judul", "kategori", "status", "diterima").
			Where("a.kunjungan = ?", kunjungan).OrderExpr("a.diterima, a.id"))
		if err != nil {
			return err
		}
		if err := sel.Scan(ctx); err != nil {
			return err
		}
		if len(as) == 0 {
			return nil
		}
		ids := make([]string, len(as))
		for i, a := range as {
			ids[i] = a.ID
		}
		dsel, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&ds).Column("desa_id", "audiensi_id", "penerima", "penerima_nama", "status").
			Where("d.audiensi_id IN (?)", bun.In(ids)).OrderExpr("d.audiensi_id, d.penerima_nama, d.penerima"), "d.desa_id")
		if err != nil {
			return err
		}
		return dsel.Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	names := map[string][]string{}
	for _, d := range ds {
		names[d.AudiensiID] = append(names[d.AudiensiID], d.PenerimaNama+" ("+string(d.Status)+")")
	}
	for _, a := range as {
		kat := a.Kategori
		if c, ok := m.ref.KategoriOf(a.Kategori); ok {
			kat = c.Nama
		}
		p := names[a.ID]
		if p == nil {
			p = []string{}
		}
		out = append(out, AudiensiKunjungan{ID: a.ID, Judul: a.Judul, Kategori: kat, Status: a.Status.Judul(), Diterima: a.Diterima, Penerima: p})
	}
	return out, nil
}
