package kunjungan

import (
	"context"
	"errors"

	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Susun puts one dossier's document together: for audiens bupati or an
// OPD code, the briefing of desa for the visit kunjunganID ("" for a
// planning dossier); for AudiensLaporan, the post-visit report. It reads
// only what the audience's role may see, invents nothing, and is
// deterministic: the same data gives the same document (the content hash
// is taken over it).
func (m *Module) Susun(ctx context.Context, desa tenancy.Kode, kunjunganID, audiens string) (report.Document, error) {
	return report.Document{}, errors.New("kunjungan: Susun not built yet")
}
