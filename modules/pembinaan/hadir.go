package pembinaan

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Attendance: the perangkat of the invited desa are ticked at the door;
// each tick records the person's nama, jabatan and sebutan of that day in
// pembinaan_hadir (a row of the desa).

// PembinaanHadir is one perangkat present at a session.
type PembinaanHadir struct {
	Desa        string    `json:"desa"`
	PerangkatID string    `json:"perangkat_id"`
	Nama        string    `json:"nama"`
	Jabatan     string    `json:"jabatan" doc:"Kode jabatan"`
	Sebutan     string    `json:"sebutan"`
	DicatatPada time.Time `json:"dicatat_pada"`
}

type hadirBaris struct {
	bun.BaseModel `bun:"table:pembinaan_hadir,alias:h"`
	DesaID        int64     `bun:"desa_id,pk"`
	PembinaanID   string    `bun:"pembinaan_id,pk"`
	PerangkatID   string    `bun:"perangkat_id,pk"`
	Nama          string    `bun:"nama"`
	Jabatan       string    `bun:"jabatan"`
	Sebutan       string    `bun:"sebutan"`
	DicatatOleh   string    `bun:"dicatat_oleh"`
	DicatatPada   time.Time `bun:"dicatat_pada"`
}

func (h hadirBaris) hadir() PembinaanHadir {
	return PembinaanHadir{Desa: string(tenancy.KodeOfDesaID(h.DesaID)), PerangkatID: h.PerangkatID, Nama: h.Nama,
		Jabatan: h.Jabatan, Sebutan: h.Sebutan, DicatatPada: h.DicatatPada.UTC()}
}

// sesiUndangan checks that desa is invited to the session r.
func sesiUndangan(ctx context.Context, tx bun.IDB, r sesiBaris, desa tenancy.Kode) error {
	n, err := tx.NewSelect().Model((*undanganBaris)(nil)).Where("u.desa_id = ?", desa.ID()).Where("u.pembinaan_id = ?", r.ID).Count(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return fault.New(fault.NotFound, "Desa %s tidak diundang ke sesi ini.", desa)
	}
	return nil
}

// CatatHadir ticks a perangkat (administration's appointment id) of an
// invited desa present at a session of the tenant wilayah; ticking twice
// changes nothing. Refused for a batal session and for anyone not in post
// in that desa today.
func (m *Module) CatatHadir(ctx context.Context, id string, desa tenancy.Kode, perangkatID string) (PembinaanHadir, error) {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return PembinaanHadir{}, err
	}
	if !desa.IsDesa() || !k.Contains(desa) {
		return PembinaanHadir{}, fault.New(fault.NotFound, "Desa %s tidak berada di wilayah ini.", sesiPendek(string(desa)))
	}
	var p *Perangkat
	if m.perangkat != nil {
		ps, err := m.perangkat.Aktif(ctx, desa)
		if err != nil {
			return PembinaanHadir{}, err
		}
		for i := range ps {
			if ps[i].ID == perangkatID && ps[i].Desa == desa {
				p = &ps[i]
			}
		}
	}
	if p == nil {
		return PembinaanHadir{}, fault.New(fault.NotFound, "Perangkat tidak ditemukan di antara perangkat desa %s yang sedang menjabat.", desa)
	}
	var h hadirBaris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := sesiBaca(ctx, tx, k, id)
		if err != nil {
			return err
		}
		if err := m.sesiBolehUbah(ctx, r); err != nil {
			return err
		}
		if r.Status == StatusBatal {
			return fault.New(fault.Conflict, "Sesi ini batal; kehadiran tidak dicatat.")
		}
		if err := sesiUndangan(ctx, tx, r, desa); err != nil {
			return err
		}
		err = tx.NewSelect().Model(&h).Where("h.desa_id = ? AND h.pembinaan_id = ? AND h.perangkat_id = ?", desa.ID(), r.ID, perangkatID).Scan(ctx)
		if err == nil {
			return nil
		}
		if !db.IsNoRows(err) {
			return err
		}
		h = hadirBaris{DesaID: desa.ID(), PembinaanID: r.ID, PerangkatID: p.ID, Nama: p.Nama, Jabatan: p.Jabatan, Sebutan: p.Sebutan,
			DicatatOleh: sesiPelaku(ctx), DicatatPada: m.sesiWaktu()}
		_, err = tx.NewInsert().Model(&h).Exec(ctx)
		return err
	})
	return h.hadir(), err
}

// HapusHadir unticks a perangkat of a session of the tenant wilayah.
func (m *Module) HapusHadir(ctx context.Context, id string, desa tenancy.Kode, perangkatID string) error {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return err
	}
	if !desa.IsDesa() || !k.Contains(desa) {
		return fault.New(fault.NotFound, "Desa %s tidak berada di wilayah ini.", sesiPendek(string(desa)))
	}
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := sesiBaca(ctx, tx, k, id)
		if err != nil {
			return err
		}
		if err := m.sesiBolehUbah(ctx, r); err != nil {
			return err
		}
		if r.Status == StatusBatal {
			return fault.New(fault.Conflict, "Sesi ini batal; kehadiran tidak diubah.")
		}
		res, err := tx.NewDelete().Model((*hadirBaris)(nil)).Where("desa_id = ? AND pembinaan_id = ? AND perangkat_id = ?", desa.ID(), r.ID, perangkatID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fault.New(fault.NotFound, "Perangkat ini belum tercatat hadir.")
		}
		return nil
	})
}

// hadirSesi reads the attendance of a session r, every invited desa.
func hadirSesi(ctx context.Context, tx bun.IDB, r sesiBaris) ([]PembinaanHadir, error) {
	lo, hi := kodeWilayahID(r.DesaID).Range()
	var rows []hadirBaris
	if err := tx.NewSelect().Model(&rows).Where("h.desa_id BETWEEN ? AND ?", lo, hi).Where("h.pembinaan_id = ?", r.ID).
		OrderExpr("h.desa_id, h.nama, h.perangkat_id").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]PembinaanHadir, len(rows))
	for i, h := range rows {
		out[i] = h.hadir()
	}
	return out, nil
}

// PembinaanDaftarDesa is one desa of a daftar hadir.
type PembinaanDaftarDesa struct {
	Desa  string           `json:"desa"`
	Nama  string           `json:"nama"`
	Hadir []PembinaanHadir `json:"hadir"`
	// TidakHadir are the posts that had to attend and nobody of which
	// was ticked.
	TidakHadir []string `json:"tidak_hadir" doc:"Kode jabatan wajib hadir yang tidak hadir"`
}

// PembinaanDaftarHadir is the daftar hadir of a session.
type PembinaanDaftarHadir struct {
	Sesi PembinaanSesi         `json:"sesi"`
	Desa []PembinaanDaftarDesa `json:"desa"`
}

// DaftarHadir is the daftar hadir of a session of the tenant wilayah: per
// invited desa the perangkat present and the posts that had to attend but
// were absent.
func (m *Module) DaftarHadir(ctx context.Context, id string) (PembinaanDaftarHadir, error) {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return PembinaanDaftarHadir{}, err
	}
	var d PembinaanDaftarHadir
	var hs []PembinaanHadir
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := sesiBaca(ctx, tx, k, id)
		if err != nil {
			return err
		}
		ds, err := undanganDesa(ctx, tx, r)
		if err != nil {
			return err
		}
		d.Sesi = r.sesi(ds)
		hs, err = hadirSesi(ctx, tx, r)
		return err
	})
	if err != nil {
		return d, err
	}
	nama := m.sesiNamaDesa(ctx, k)
	per := map[string][]PembinaanHadir{}
	for _, h := range hs {
		per[h.Desa] = append(per[h.Desa], h)
	}
	d.Desa = []PembinaanDaftarDesa{}
	for _, ds := range d.Sesi.Desa {
		row := PembinaanDaftarDesa{Desa: ds, Nama: nama[ds], Hadir: per[ds], TidakHadir: sesiTidakHadir(d.Sesi.JabatanWajib, per[ds])}
		if row.Hadir == nil {
			row.Hadir = []PembinaanHadir{}
		}
		d.Desa = append(d.Desa, row)
	}
	return d, nil
}

// sesiTidakHadir is the posts of wajib nobody of which attended.
func sesiTidakHadir(wajib []string, hadir []PembinaanHadir) []string {
	ada := map[string]bool{}
	for _, h := range hadir {
		ada[h.Jabatan] = true
	}
	out := []string{}
	for _, j := range wajib {
		if !ada[j] {
			out = append(out, j)
		}
	}
	return out
}

func (m *Module) sesiNamaDesa(ctx context.Context, k tenancy.Kode) map[string]string {
	out := map[string]string{}
	if m.regions == nil {
		return out
	}
	ds, err := m.regions.DesaIn(ctx, k)
	if err != nil {
		m.log.WarnContext(ctx, "pembinaan: desa names", "err", err)
	}
	for _, d := range ds {
		out[string(d.Kode)] = d.Nama
	}
	return out
}

// sesiPerangkatBaris is one person on the door's list.
type sesiPerangkatBaris struct {
	Desa, NamaDesa, ID, Nama, Jabatan, Sebutan string
	Hadir                                      bool
	Wajib                                      bool
}

// sesiPintu is the list at the door: the perangkat in post of every
// invited desa (one Aktif call for the organizer's wilayah), plus those
// ticked earlier and no longer in post; q filters by name.
func (m *Module) sesiPintu(ctx context.Context, id, q string) (PembinaanSesi, []sesiPerangkatBaris, error) {
	d, err := m.DaftarHadir(ctx, id)
	if err != nil {
		return PembinaanSesi{}, nil, err
	}
	k, _ := sesiWilayah(ctx)
	diundang := map[tenancy.Kode]bool{}
	for _, x := range d.Sesi.Desa {
		diundang[tenancy.Kode(x)] = true
	}
	hadir := map[string]bool{}
	nama := map[string]string{}
	var out []sesiPerangkatBaris
	for _, dd := range d.Desa {
		nama[dd.Desa] = dd.Nama
		for _, h := range dd.Hadir {
			hadir[dd.Desa+"/"+h.PerangkatID] = true
		}
	}
	wajib := map[string]bool{}
	for _, j := range d.Sesi.JabatanWajib {
		wajib[j] = true
	}
	dilihat := map[string]bool{}
	if m.perangkat != nil {
		ps, err := m.perangkat.Aktif(ctx, k)
		if err != nil {
			return d.Sesi, nil, err
		}
		for _, p := range ps {
			if !diundang[p.Desa] {
				continue
			}
			key := string(p.Desa) + "/" + p.ID
			dilihat[key] = true
			out = append(out, sesiPerangkatBaris{Desa: string(p.Desa), NamaDesa: nama[string(p.Desa)], ID: p.ID, Nama: p.Nama,
				Jabatan: p.Jabatan, Sebutan: p.Sebutan, Hadir: hadir[key], Wajib: wajib[p.Jabatan]})
		}
	}
	for _, dd := range d.Desa {
		for _, h := range dd.Hadir {
			if !dilihat[dd.Desa+"/"+h.PerangkatID] {
				out = append(out, sesiPerangkatBaris{Desa: dd.Desa, NamaDesa: dd.Nama, ID: h.PerangkatID, Nama: h.Nama,
					Jabatan: h.Jabatan, Sebutan: h.Sebutan, Hadir: true, Wajib: wajib[h.Jabatan]})
			}
		}
	}
	q = strings.ToLower(strings.TrimSpace(q))
	if q != "" {
		kept := out[:0]
		for _, p := range out {
			if strings.Contains(strings.ToLower(p.Nama), q) || strings.Contains(strings.ToLower(p.NamaDesa), q) {
				kept = append(kept, p)
			}
		}
		out = kept
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Desa != out[j].Desa {
			return out[i].Desa < out[j].Desa
		}
		return strings.ToLower(out[i].Nama) < strings.ToLower(out[j].Nama)
	})
	return d.Sesi, out, nil
}

// PembinaanUndangan is an invitation as the invited desa sees it, with
// the materials and who of the desa attended.
type PembinaanUndangan struct {
	PembinaanID   string            `json:"pembinaan_id"`
	Penyelenggara string            `json:"penyelenggara"`
	Judul         string            `json:"judul"`
	Jenis         string            `json:"jenis"`
	Topik         []string          `json:"topik"`
	Mulai         time.Time         `json:"mulai"`
	Selesai       time.Time         `json:"selesai"`
	Tempat        string            `json:"tempat"`
	JabatanWajib  []string          `json:"jabatan_wajib"`
	Status        string            `json:"status"`
	Materi        []PembinaanMateri `json:"materi"`
	Hadir         []PembinaanHadir  `json:"hadir"`
	TidakHadir    []string          `json:"tidak_hadir" doc:"Jabatan wajib hadir yang tidak hadir"`
}

// Undangan lists the invitations of the tenant desa, newest first: its
// own copies and its own attendance; the materials of each are read as
// materiUndangan explains.
func (m *Module) Undangan(ctx context.Context) ([]PembinaanUndangan, error) {
	desa, err := tenancy.DesaID(ctx)
	if err != nil {
		return nil, err
	}
	var us []undanganBaris
	var hs []hadirBaris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := tx.NewSelect().Model(&us).Where("u.desa_id = ?", desa).OrderExpr("u.mulai DESC, u.pembinaan_id DESC").Limit(200).Scan(ctx); err != nil {
			return err
		}
		return tx.NewSelect().Model(&hs).Where("h.desa_id = ?", desa).OrderExpr("h.nama").Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	per := map[string][]PembinaanHadir{}
	for _, h := range hs {
		per[h.PembinaanID] = append(per[h.PembinaanID], h.hadir())
	}
	materi, err := m.materiUndangan(ctx, us)
	if err != nil {
		return nil, err
	}
	out := make([]PembinaanUndangan, 0, len(us))
	for _, u := range us {
		v := PembinaanUndangan{PembinaanID: u.PembinaanID, Penyelenggara: u.Penyelenggara, Judul: u.Judul, Jenis: u.Jenis,
			Mulai: u.Mulai.UTC(), Selesai: u.Selesai.UTC(), Tempat: u.Tempat, Status: u.Status, Hadir: per[u.PembinaanID]}
		_ = json.Unmarshal([]byte(u.Topik), &v.Topik)
		_ = json.Unmarshal([]byte(u.JabatanWajib), &v.JabatanWajib)
		if v.Hadir == nil {
			v.Hadir = []PembinaanHadir{}
		}
		v.TidakHadir = []string{}
		if u.Status == StatusSelesai {
			v.TidakHadir = sesiTidakHadir(v.JabatanWajib, v.Hadir)
		}
		v.Materi = materi[u.PembinaanID]
		if v.Materi == nil {
			v.Materi = []PembinaanMateri{}
		}
		out = append(out, v)
	}
	return out, nil
}
