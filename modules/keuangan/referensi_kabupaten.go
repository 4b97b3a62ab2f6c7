package keuangan

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// This file holds a kabupaten's choices about the kegiatan an APBDes line
// may name (migration 202612020160): the Siskeudes list switched on or off,
// and local kegiatan under the Lampiran's "lain-lain 90–99" ranges.
//
// Which list a line's kode kegiatan comes from is not stored on the line:
// it follows from the code, by one fixed precedence, so a code never has
// two meanings for one desa and year:
//
//  1. a kegiatan of the Lampiran (Permendagri 20/2018, including its
//     xx.yy.90 "lain-lain" rows) is always read as the Lampiran's;
//  2. else a local kegiatan of the desa's kabupaten for that year (never
//     ended); a local code may not repeat a Lampiran code, and while the
//     Siskeudes list is on it may not repeat a Siskeudes code either;
//  3. else, only when the kabupaten switched the Siskeudes list on, a
//     Siskeudes kegiatan.
//
// So a Siskeudes code that is also a Lampiran code with another meaning
// (02.04.90 is "Dukungan Pelaksanaan Program Jambanisasi" in Siskeudes but
// the Lampiran's "lain-lain" row of sub-bidang 02.04) is never taken in
// its Siskeudes sense: the picker shows it as not usable, with the reason,
// and a line with that code is a Lampiran line. The lists are offered side
// by side, each labelled (DaftarLampiran, DaftarLokal, DaftarSiskeudes),
// never merged into one.

// DaftarLokal labels a kabupaten's local kegiatan.
const DaftarLokal = "lokal"

// SetelanKabupaten is a kabupaten's setting of the kegiatan lists.
type SetelanKabupaten struct {
	bun.BaseModel `bun:"table:keuangan_setelan_kabupaten,alias:sk" json:"-"`

	Kabupaten string    `bun:"kabupaten,pk" json:"kabupaten" example:"51.02"`
	Siskeudes bool      `bun:"siskeudes" json:"siskeudes" doc:"Daftar kegiatan Siskeudes ditawarkan di samping Lampiran"`
	UpdatedBy string    `bun:"updated_by" json:"-"`
	UpdatedAt time.Time `bun:"updated_at,nullzero" json:"diubah,omitzero"`
}

// KegiatanLokal is a kegiatan a kabupaten added for one fiscal year under
// the "lain-lain 90–99" range of a sub-bidang.
type KegiatanLokal struct {
	bun.BaseModel `bun:"table:keuangan_kegiatan_lokal,alias:kl" json:"-"`

	Kabupaten     string       `bun:"kabupaten,pk" json:"kabupaten" example:"51.02"`
	Tahun         int          `bun:"tahun,pk" json:"tahun"`
	Kode          KodeKegiatan `bun:"kode,pk" json:"kode" example:"02.03.91"`
	KodeSubBidang KodeKegiatan `bun:"kode_sub_bidang" json:"kode_sub_bidang" example:"02.03"`
	Nama          string       `bun:"nama" json:"nama"`
	CreatedBy     string       `bun:"created_by" json:"-"`
	CreatedAt     time.Time    `bun:"created_at" json:"dibuat"`
	DiakhiriBy    string       `bun:"diakhiri_by" json:"-"`
	DiakhiriAt    *time.Time   `bun:"diakhiri_at" json:"diakhiri,omitempty" doc:"Diisi bila kegiatan sudah diakhiri: baris baru tidak dapat memakainya lagi"`
}

// KegiatanLokalBaru is a local kegiatan to add.
type KegiatanLokalBaru struct {
	Tahun int    `json:"tahun" minimum:"2000" maximum:"2100" example:"2026"`
	Kode  string `json:"kode" maxLength:"8" example:"02.03.91" doc:"Kode kegiatan di rentang 90–99 sebuah sub bidang Lampiran"`
	Nama  string `json:"nama" maxLength:"200" example:"Pembangunan telajakan hijau banjar"`
}

// kabupatenOf is the kabupaten tenant of ctx; any other tenant is a
// NotFound (the settings exist for a kabupaten only).
func kabupatenOf(ctx context.Context) (tenancy.Kode, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return "", fault.New(fault.Forbidden, "Wilayah tidak diketahui.")
	}
	if t.Kode.Level() != tenancy.Kabupaten {
		return "", fault.New(fault.NotFound, "Pengaturan kegiatan hanya ada untuk kabupaten/kota, bukan %s.", t.Kode)
	}
	return t.Kode, nil
}

// setelanOf reads kab's setting; no row is the default (Siskeudes off).
func setelanOf(ctx context.Context, idb bun.IDB, kab tenancy.Kode) (SetelanKabupaten, error) {
	s := SetelanKabupaten{Kabupaten: string(kab)}
	err := idb.NewSelect().Model(&s).Where("sk.kabupaten = ?", string(kab)).Limit(1).Scan(ctx)
	if db.IsNoRows(err) {
		return SetelanKabupaten{Kabupaten: string(kab)}, nil
	}
	return s, err
}

// Setelan reads the setting of the kabupaten in ctx.
func (m *Module) Setelan(ctx context.Context) (SetelanKabupaten, error) {
	kab, err := kabupatenOf(ctx)
	if err != nil {
		return SetelanKabupaten{}, err
	}
	return setelanOf(ctx, m.db, kab)
}

// SetSiskeudes switches the Siskeudes kegiatan list on or off for the
// kabupaten in ctx. Lines already written keep their codes; the switch
// decides what new and changed lines may name.
func (m *Module) SetSiskeudes(ctx context.Context, on bool, by string) (SetelanKabupaten, error) {
	kab, err := kabupatenOf(ctx)
	if err != nil {
		return SetelanKabupaten{}, err
	}
	s := SetelanKabupaten{Kabupaten: string(kab), Siskeudes: on, UpdatedBy: by, UpdatedAt: m.now().UTC()}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&s).
			On("CONFLICT (kabupaten) DO UPDATE").
			Set("siskeudes = EXCLUDED.siskeudes, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at").
			Exec(ctx)
		return err
	})
	return s, err
}

// KegiatanLokalQuery filters the local kegiatan of a year.
type KegiatanLokalQuery struct {
	page.Params
	Tahun int
	// Semua lists ended kegiatan too.
	Semua bool
}

type kodeKey struct {
	Kode string `json:"k"`
}

// ListKegiatanLokal pages the local kegiatan of the kabupaten in ctx for
// q.Tahun, by code.
func (m *Module) ListKegiatanLokal(ctx context.Context, q KegiatanLokalQuery) (page.Page[KegiatanLokal], error) {
	kab, err := kabupatenOf(ctx)
	if err != nil {
		return page.Page[KegiatanLokal]{}, err
	}
	var after kodeKey
	has, err := page.Decode(q.Cursor, &after)
	if err == nil && has && after.Kode == "" {
		err = fault.Field("query.cursor", "Cursor tidak sah.")
	}
	if err != nil {
		return page.Page[KegiatanLokal]{}, err
	}
	limit := q.Size()
	rows := []KegiatanLokal{}
	sel := m.db.NewSelect().Model(&rows).Where("kl.kabupaten = ? AND kl.tahun = ?", string(kab), q.Tahun).
		OrderExpr("kl.kode").Limit(int64(limit) + 1)
	if has {
		sel = sel.Where("kl.kode > ?", after.Kode)
	}
	if !q.Semua {
		sel = sel.Where("kl.diakhiri_at IS NULL")
	}
	if err := sel.Scan(ctx); err != nil {
		return page.Page[KegiatanLokal]{}, err
	}
	return page.Of(rows, limit, func(k KegiatanLokal) kodeKey { return kodeKey{string(k.Kode)} }), nil
}

// TambahKegiatanLokal adds a local kegiatan for the kabupaten in ctx: its
// code in the 90–99 range of a sub-bidang of the Lampiran that has such a
// range, not a code the Lampiran already uses (its xx.yy.90 row), not a
// code of the Siskeudes list while that list is on (a line with that code
// would change meaning), and new for the year.
func (m *Module) TambahKegiatanLokal(ctx context.Context, in KegiatanLokalBaru, by string) (KegiatanLokal, error) {
	kab, err := kabupatenOf(ctx)
	if err != nil {
		return KegiatanLokal{}, err
	}
	var p valid.Problems
	nama := strings.TrimSpace(in.Nama)
	p.Text("body.nama", "Nama kegiatan", nama, 1, maxUraian)
	if in.Tahun < TahunMin || in.Tahun > TahunMax {
		p.Add("body.tahun", "Tahun anggaran harus antara %d dan %d.", TahunMin, TahunMax)
	}
	kode, kerr := ParseKodeKegiatan("body.kode", in.Kode)
	switch {
	case kerr != nil:
		p.Include("body.kode", kerr)
	case kode.Tingkat() != TingkatKegiatan || !kode.LainLain():
		p.Add("body.kode", "Kode kegiatan lokal harus di rentang lain-lain 90–99 sebuah sub bidang, mis. 02.03.91.")
	}
	if err := p.Err(); err != nil {
		return KegiatanLokal{}, err
	}
	row := KegiatanLokal{Kabupaten: string(kab), Tahun: in.Tahun, Kode: kode, KodeSubBidang: kode.Induk(),
		Nama: nama, CreatedBy: by, CreatedAt: m.now().UTC()}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		v, err := versiFor(ctx, tx, DaftarLampiran, in.Tahun)
		if err != nil {
			return err
		}
		var lampiran []kegiatanLampiran
		if err := tx.NewSelect().Model(&lampiran).Where("k.versi = ? AND (k.kode = ? OR k.kode_induk = ?)", v.Kode, string(kode.Induk()), string(kode.Induk())).
			Scan(ctx); err != nil {
			return err
		}
		sub, rentang := false, false
		for _, k := range lampiran {
			switch {
			case k.Kode == kode:
				return fault.Field("body.kode", "Kode %s sudah dipakai Lampiran untuk %q; pilih kode lain di rentang 91–99.", kode, k.Nama)
			case k.Kode == kode.Induk() && k.Tingkat == TingkatSubBidang:
				sub = true
			case k.RentangKode != "":
				rentang = true
			}
		}
		if !sub {
			return fault.Field("body.kode", "Sub bidang %s tidak ada dalam Lampiran tahun anggaran %d.", kode.Induk(), in.Tahun)
		}
		if !rentang {
			return fault.Field("body.kode", "Sub bidang %s tidak memiliki rentang kegiatan lain-lain 90–99.", kode.Induk())
		}
		s, err := setelanOf(ctx, tx, kab)
		if err != nil {
			return err
		}
		if s.Siskeudes {
			if sv, err := versiFor(ctx, tx, DaftarSiskeudes, in.Tahun); err == nil {
				var sk kegiatanSiskeudes
				err := tx.NewSelect().Model(&sk).Where("s.versi = ? AND s.kode = ?", sv.Kode, string(kode)).Limit(1).Scan(ctx)
				if err == nil {
					return fault.Field("body.kode", "Kode %s dipakai daftar Siskeudes yang aktif di kabupaten ini untuk %q; pilih kode lain agar baris APBDes tidak berubah arti.", kode, sk.Nama)
				} else if !db.IsNoRows(err) {
					return err
				}
			}
		}
		n, err := tx.NewSelect().Model((*KegiatanLokal)(nil)).
			Where("kl.kabupaten = ? AND kl.tahun = ? AND kl.kode = ?", string(kab), in.Tahun, string(kode)).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return fault.New(fault.Conflict, "Kegiatan lokal %s tahun %d sudah ada (atau pernah diakhiri); kode itu tidak dapat dipakai lagi tahun ini.", kode, in.Tahun)
		}
		_, err = tx.NewInsert().Model(&row).Exec(ctx)
		return err
	})
	if err != nil {
		return KegiatanLokal{}, err
	}
	return row, nil
}

// AkhiriKegiatanLokal ends a local kegiatan of the kabupaten in ctx: new
// lines may no longer name it; lines that do keep it.
func (m *Module) AkhiriKegiatanLokal(ctx context.Context, tahun int, kode string, by string) (KegiatanLokal, error) {
	kab, err := kabupatenOf(ctx)
	if err != nil {
		return KegiatanLokal{}, err
	}
	var row KegiatanLokal
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewSelect().Model(&row).Where("kl.kabupaten = ? AND kl.tahun = ? AND kl.kode = ?", string(kab), tahun, kode).
			Limit(1).Scan(ctx)
		if db.IsNoRows(err) {
			return fault.New(fault.NotFound, "Kegiatan lokal %s tahun %d tidak ada.", kode, tahun)
		}
		if err != nil {
			return err
		}
		if row.DiakhiriAt != nil {
			return fault.New(fault.Conflict, "Kegiatan lokal %s tahun %d sudah diakhiri.", kode, tahun)
		}
		at := m.now().UTC()
		row.DiakhiriAt, row.DiakhiriBy = &at, by
		_, err = tx.NewUpdate().Model(&row).Column("diakhiri_at", "diakhiri_by").WherePK().Exec(ctx)
		return err
	})
	if err != nil {
		return KegiatanLokal{}, err
	}
	return row, nil
}

// KegiatanPilihan is a kegiatan a desa may be offered for its lines, with
// the list it comes from. Dipakai is false for a Siskeudes or local code a
// list of higher precedence already gives another meaning; Catatan says
// which.
type KegiatanPilihan struct {
	Daftar     string       `json:"daftar" enum:"lampiran,lokal,siskeudes"`
	NamaDaftar string       `json:"nama_daftar" example:"Lampiran Permendagri 20/2018"`
	Kode       KodeKegiatan `json:"kode" example:"02.01.06"`
	Tingkat    string       `json:"tingkat" enum:"bidang,sub_bidang,kegiatan"`
	KodeInduk  KodeKegiatan `json:"kode_induk,omitempty"`
	Nama       string       `json:"nama"`
	Dipakai    bool         `json:"dapat_dipakai" doc:"false bila kode ini sudah berarti kegiatan lain pada daftar yang didahulukan"`
	Catatan    string       `json:"catatan,omitempty"`
}

// pilihanKegiatan is every kegiatan of tahun offered in kabupaten kab: the
// Lampiran (all levels), then the kabupaten's local kegiatan in force,
// then — when switched on — the Siskeudes list, in the precedence above.
func pilihanKegiatan(ctx context.Context, idb bun.IDB, kab tenancy.Kode, tahun int) ([]KegiatanPilihan, error) {
	v, err := versiFor(ctx, idb, DaftarLampiran, tahun)
	if err != nil {
		return nil, err
	}
	var lampiran []kegiatanLampiran
	if err := idb.NewSelect().Model(&lampiran).Where("k.versi = ?", v.Kode).OrderExpr("k.urutan").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]KegiatanPilihan, 0, len(lampiran)+64)
	arti := map[KodeKegiatan]string{} // code → "list: name" already taken
	for _, k := range lampiran {
		out = append(out, KegiatanPilihan{Daftar: DaftarLampiran, NamaDaftar: "Lampiran Permendagri 20/2018", Kode: k.Kode, Tingkat: k.Tingkat,
			KodeInduk: k.KodeInduk, Nama: k.Nama, Dipakai: k.Tingkat == TingkatKegiatan})
		if k.Tingkat == TingkatKegiatan {
			arti[k.Kode] = "Lampiran: " + k.Nama
		}
	}
	if kab == "" {
		return out, nil
	}
	var lokal []KegiatanLokal
	if err := idb.NewSelect().Model(&lokal).Where("kl.kabupaten = ? AND kl.tahun = ? AND kl.diakhiri_at IS NULL", string(kab), tahun).
		OrderExpr("kl.kode").Scan(ctx); err != nil {
		return nil, err
	}
	for _, k := range lokal {
		p := KegiatanPilihan{Daftar: DaftarLokal, NamaDaftar: "Kegiatan lokal kabupaten", Kode: k.Kode, Tingkat: TingkatKegiatan,
			KodeInduk: k.KodeSubBidang, Nama: k.Nama, Dipakai: true}
		if a, taken := arti[k.Kode]; taken {
			p.Dipakai, p.Catatan = false, "Kode ini sudah berarti "+a
		} else {
			arti[k.Kode] = "kegiatan lokal: " + k.Nama
		}
		out = append(out, p)
	}
	s, err := setelanOf(ctx, idb, kab)
	if err != nil || !s.Siskeudes {
		return out, err
	}
	sv, err := versiFor(ctx, idb, DaftarSiskeudes, tahun)
	if fault.Is(err, fault.NotFound) {
		return out, nil
	} else if err != nil {
		return nil, err
	}
	var sis []kegiatanSiskeudes
	if err := idb.NewSelect().Model(&sis).Where("s.versi = ?", sv.Kode).OrderExpr("s.urutan").Scan(ctx); err != nil {
		return nil, err
	}
	for _, k := range sis {
		p := KegiatanPilihan{Daftar: DaftarSiskeudes, NamaDaftar: "Daftar Siskeudes", Kode: k.Kode, Tingkat: TingkatKegiatan,
			KodeInduk: k.KodeSubBidang, Nama: k.Nama, Dipakai: true}
		if a, taken := arti[k.Kode]; taken {
			p.Dipakai = false
			if !k.SamaLampiran || !strings.HasPrefix(a, "Lampiran: ") {
				p.Catatan = "Kode ini sudah berarti " + a + "; pada baris APBDes kode ini dibaca menurut daftar itu."
			} else {
				p.Catatan = "Sama dengan kegiatan Lampiran; pilih dari Lampiran."
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// PilihanQuery filters the kegiatan offered to a desa.
type PilihanQuery struct {
	page.Params
	Tahun int
	Q     string
}

type pilihanKey struct {
	I int `json:"i"`
}

// ListPilihanKegiatan pages the kegiatan offered to the desa in ctx for
// q.Tahun: the Lampiran, its kabupaten's local kegiatan and, when the
// kabupaten switched it on, the Siskeudes list, each row labelled.
func (m *Module) ListPilihanKegiatan(ctx context.Context, q PilihanQuery) (page.Page[KegiatanPilihan], error) {
	t, ok := tenancy.From(ctx)
	if !ok || !t.Kode.IsDesa() {
		return page.Page[KegiatanPilihan]{}, fault.New(fault.Forbidden, "Desa tidak diketahui.")
	}
	var after pilihanKey
	has, err := page.Decode(q.Cursor, &after)
	if err == nil && has && after.I < 1 {
		err = fault.Field("query.cursor", "Cursor tidak sah.")
	}
	if err != nil {
		return page.Page[KegiatanPilihan]{}, err
	}
	all, err := pilihanKegiatan(ctx, m.db, t.Kode.Up(tenancy.Kabupaten), q.Tahun)
	if err != nil {
		return page.Page[KegiatanPilihan]{}, err
	}
	words := strings.Fields(strings.ToLower(q.Q))
	type numbered struct {
		KegiatanPilihan
		i int
	}
	var rows []numbered
	for i, k := range all {
		if has && i+1 <= after.I {
			continue
		}
		hay := strings.ToLower(string(k.Kode) + " " + k.Nama)
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(hay, w) }) {
			rows = append(rows, numbered{k, i + 1})
		}
	}
	limit := q.Size()
	p := page.Of(rows, limit, func(n numbered) pilihanKey { return pilihanKey{n.i} })
	out := page.Page[KegiatanPilihan]{NextCursor: p.NextCursor, Items: make([]KegiatanPilihan, len(p.Items))}
	for i, n := range p.Items {
		out.Items[i] = n.KegiatanPilihan
	}
	return out, nil
}

// NamaKegiatan names kegiatan code kode as offered in the kabupaten of the
// tenant in ctx for tahun (Lampiran, local, or Siskeudes when switched
// on); ok is false for a code not offered, or a year with no list. Other
// modules name the kegiatan that funded something with it (sampah's
// facilities), without reading keuangan's tables.
func (m *Module) NamaKegiatan(ctx context.Context, kode string, tahun int) (string, bool, error) {
	k, err := ParseKodeKegiatan("kegiatan_kode", kode)
	if err != nil {
		return "", false, nil
	}
	var kab tenancy.Kode
	if t, ok := tenancy.From(ctx); ok {
		kab = t.Kode.Up(tenancy.Kabupaten)
	}
	keg, err := pilihanKegiatan(ctx, m.db, kab, tahun)
	if fault.Is(err, fault.NotFound) {
		return "", false, nil
	} else if err != nil {
		return "", false, err
	}
	for _, p := range keg {
		if p.Kode == k && p.Dipakai && p.Tingkat == TingkatKegiatan {
			return p.Nama, true, nil
		}
	}
	return "", false, nil
}
