package audiensi

import (
	"context"
	"sort"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// OPDLister lists a kabupaten's OPD (modules/opd, wired by cmd): the
// disposition form's checkboxes. It is optional and apart from OPDSource
// so that source keeps its four methods; without it the form offers only
// the desa itself.
type OPDLister interface {
	Daftar(ctx context.Context, kabupaten tenancy.Kode) ([]OPD, error)
}

// opdAktif is the active OPD of kabupaten, by name; none when no lister
// is wired.
func (m *Module) opdAktif(ctx context.Context, kabupaten tenancy.Kode) ([]OPD, error) {
	if m.opdList == nil {
		return nil, nil
	}
	all, err := m.opdList.Daftar(ctx, kabupaten)
	if err != nil {
		return nil, err
	}
	var out []OPD
	for _, o := range all {
		if o.Aktif && o.Kabupaten == kabupaten {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Nama < out[j].Nama })
	return out, nil
}
