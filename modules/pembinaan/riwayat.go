package pembinaan

import (
	"context"
	"encoding/json"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// cakupanTopik names the topic codes of a session as printed: the
// session form's list (sesi.go); an unknown code is printed as it is.
var cakupanTopik = TopikPembinaan

func cakupanTopikLabel(kode string) string {
	for _, t := range cakupanTopik {
		if t.Kode == kode {
			return t.Label
		}
	}
	return kode
}

func cakupanTopikKode(raw string) []string {
	var ks []string
	if err := json.Unmarshal([]byte(raw), &ks); err != nil {
		return nil
	}
	return ks
}

// riwayat is kontrak.go's Riwayat: the sessions (not cancelled) a
// perangkat of desa attended, newest first, from the desa's own copies.
func (m *Module) riwayat(ctx context.Context, desa tenancy.Kode, perangkatID string) ([]Riwayat, error) {
	if !desa.IsDesa() || perangkatID == "" {
		return nil, nil
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	var rows []struct {
		PembinaanID   string    `bun:"pembinaan_id"`
		Judul         string    `bun:"judul"`
		Jenis         string    `bun:"jenis"`
		Topik         string    `bun:"topik"`
		Mulai         time.Time `bun:"mulai"`
		Penyelenggara string    `bun:"penyelenggara"`
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().TableExpr("pembinaan_hadir AS h").
			Join("JOIN pembinaan_undangan AS u ON u.desa_id = h.desa_id AND u.pembinaan_id = h.pembinaan_id").
			ColumnExpr("u.pembinaan_id, u.judul, u.jenis, u.topik, u.mulai, u.penyelenggara").
			Where("h.desa_id = ? AND h.perangkat_id = ? AND u.status <> 'batal'", desa.ID(), perangkatID).
			OrderExpr("u.mulai DESC, u.pembinaan_id").Limit(500).Scan(ctx, &rows)
	})
	if err != nil {
		return nil, err
	}
	out := make([]Riwayat, len(rows))
	for i, r := range rows {
		var topik []string
		for _, k := range cakupanTopikKode(r.Topik) {
			topik = append(topik, cakupanTopikLabel(k))
		}
		out[i] = Riwayat{PembinaanID: r.PembinaanID, Judul: r.Judul, Jenis: r.Jenis, Topik: topik, Tanggal: r.Mulai.UTC(),
			Penyelenggara: r.Penyelenggara}
	}
	return out, nil
}
