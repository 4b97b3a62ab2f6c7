package program

import (
	"context"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// APBDesSource is keuangan's view of the desa's APBDes (wired by cmd).
// It answers for a whole wilayah in one query, never one per desa.
// (Being built: the desa-programme work defines its methods.)
type APBDesSource interface {
	// KegiatanAPBDes lists the kegiatan of the APBDes of year tahun of every
	// desa in wilayah.
	KegiatanAPBDes(ctx context.Context, wilayah tenancy.Kode, tahun int) ([]KegiatanAPBDes, error)
}

// KegiatanAPBDes is one kegiatan of one desa's APBDes.
type KegiatanAPBDes struct {
	Desa tenancy.Kode
	// Kode is the kegiatan's code in Permendagri 20/2018 numbering as
	// keuangan writes it (bidang.sub-bidang.kegiatan, two digits each,
	// e.g. "02.03.10"); SubBidang its first two parts ("02.03").
	Kode, SubBidang, Nama string
	// Pagu is the kegiatan's belanja in the APBDes in force (rupiah);
	// Realisasi what has been spent so far.
	Pagu, Realisasi int64
}
