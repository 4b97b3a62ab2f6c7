//go:build dossieruji

package kunjungan

import (
	"context"
	"time"

	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// susunUji is the document of a binary built with -tags dossieruji (the
// worker fault test of cmd/ngantor): a small deterministic document per
// desa, visit and audience, slow enough (UjiLambat) that a kill lands
// mid-build. Production builds never carry it.
func susunUji() dokumenFunc {
	return func(ctx context.Context, desa tenancy.Kode, kunjunganID, audiens string) (report.Document, error) {
		select {
		case <-time.After(UjiLambat):
		case <-ctx.Done():
			return report.Document{}, ctx.Err()
		}
		return report.Document{Title: "Dossier uji " + audiens, Subtitle: string(desa) + " " + kunjunganID,
			Sections: []report.Section{{Heading: "Uji", Figures: []report.Figure{{Label: "Desa", Value: string(desa)}},
				Charts: []report.Chart{{Title: "Uji", Labels: []string{"a", "b"}, Series: []report.Series{{Name: "x", Values: []int64{3, 5}}}}}}}}, nil
	}
}

// UjiLambat is how long the test document takes to put together.
const UjiLambat = 700 * time.Millisecond
