package pembinaan

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The dev seed's follow-up points: three for Bengkel of the pembinaan
// pelayanan (one done, one under way, one open and overdue) and one for a
// Kediri desa of the bimtek keuangan. It runs after the sessions' seed
// (SeedDemoSesi) and skips a session whose invitation is not there.

const (
	demoSesiBimtek    = DemoSesiBimtekKediri
	demoSesiPelayanan = DemoSesiBengkel
	demoDesaBengkel   = tenancy.Kode("51.02.06.2001")
	demoDesaNyitdah   = tenancy.Kode("51.02.06.2011")
)

type demoTL struct {
	id, sesi     string
	desa         tenancy.Kode
	uraian       string
	hari         int // the due date, days from today (the pelayanan session was 10 days ago)
	status, note string
}

var demoTLs = []demoTL{
	{"01938a6e-0000-7000-8000-00000000c1a1", demoSesiPelayanan, demoDesaBengkel,
		"Pasang papan alur dan standar pelayanan di ruang pelayanan kantor desa", -4, TLSelesai, "Papan sudah dipasang di ruang depan."},
	{"01938a6e-0000-7000-8000-00000000c1a2", demoSesiPelayanan, demoDesaBengkel,
		"Susun buku register surat keluar dengan kode klasifikasi sesuai tata naskah", 14, TLBerjalan, "Register 2026 sedang disalin."},
	{"01938a6e-0000-7000-8000-00000000c1a3", demoSesiPelayanan, demoDesaBengkel,
		"Tetapkan jam pelayanan dan petugas piket melalui keputusan perbekel", -2, TLTerbuka, ""},
	{"01938a6e-0000-7000-8000-00000000c1a4", demoSesiBimtek, demoDesaNyitdah,
		"Perbaiki penatausahaan buku kas umum sesuai temuan bimtek keuangan", 30, TLTerbuka, ""},
}

// SeedDemoTindakLanjut writes the demo follow-up points once (a second
// run changes nothing).
func (m *Module) SeedDemoTindakLanjut(ctx context.Context) error {
	for _, d := range demoTLs {
		dctx := tenancy.With(ctx, tenancy.Tenant{Kode: d.desa})
		err := m.db.Tx(dctx, func(ctx context.Context, tx bun.Tx) error {
			ada, err := tx.NewSelect().TableExpr("pembinaan_tindak_lanjut AS tl").Where("tl.desa_id = ? AND tl.id = ?", d.desa.ID(), d.id).Count(ctx)
			if err != nil || ada > 0 {
				return err
			}
			if ok, err := tlDiundang(ctx, tx, d.desa, d.sesi); err != nil || !ok {
				return err
			}
			now := m.tlWaktu()
			row := PembinaanTindakLanjut{DesaID: d.desa.ID(), ID: d.id, PembinaanID: d.sesi, Uraian: d.uraian,
				Tenggat: civil.Today(now, d.desa).AddDate(0, 0, d.hari), Status: d.status, CatatanDesa: d.note, Demo: true,
				CreatedBy: audit.ActorSystem, CreatedAt: now.Add(-time.Hour), UpdatedBy: audit.ActorSystem, UpdatedAt: now}
			_, err = tx.NewInsert().Model(&row).Returning("NULL").Exec(ctx)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
