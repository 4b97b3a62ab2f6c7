package cctv

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Who may open a camera's live link.
//
// A camera's access list (cctv_akses) names roles ("role:camat"), OPD
// ("opd:SATPOLPP") and the kabupaten's command centre. A viewer must hold
// PermLihat at the desa and be named by the list:
//
//   - role:<peran>: the viewer holds that role at the desa or a wilayah
//     containing it (the grants, not the templates: a camat of another
//     kecamatan is not this camat);
//   - opd:<KODE>: the viewer holds the opd role at a wilayah containing
//     the desa and belongs to that OPD (auth.User.OPD);
//   - kabupaten:command_centre: see PusatKomando.
//
// An EMPTY list is not "everyone": it means only the desa's own perbekel
// and sekdes may open the link. A desa shares a camera by naming who.

// OPDPusatKomando is the OPD that runs the kabupaten's command centre:
// Diskominfo runs the command centres of the kabupaten (Tabanan's
// "Tabanan Command Center" sits at Diskominfo), so its opd users are the
// command centre for an access list.
const OPDPusatKomando = "DISKOMINFO"

// AksesMax bounds an access list: the desa roles, camat, bupati, all OPD,
// each OPD of the list and the command centre fit well within it.
const AksesMax = 60

// PusatKomando reports whether u is the kabupaten's command centre for a
// camera of desa: an opd user of OPDPusatKomando holding the opd role at
// the desa's kabupaten (or above). The command centre is an OPD's office,
// not a role of its own, so no new role or grant is needed for it.
func PusatKomando(u auth.User, grants []authz.Grant, desa tenancy.Kode) bool {
	if opdKode(u.OPD) != OPDPusatKomando {
		return false
	}
	kab := desa.Up(tenancy.Kabupaten)
	for _, g := range grants {
		if g.Role == authz.OPD && g.Wilayah.Contains(kab) {
			return true
		}
	}
	return false
}

// BolehBuka reports whether u, holding grants, is named by list, the
// access list of a camera of desa (see the rules above). PermLihat is
// checked by the caller's route.
func BolehBuka(u auth.User, grants []authz.Grant, desa tenancy.Kode, list []string) bool {
	holds := func(r authz.Role) bool {
		for _, g := range grants {
			if g.Role == r && g.Wilayah.Contains(desa) {
				return true
			}
		}
		return false
	}
	if len(list) == 0 {
		return holds(authz.Perbekel) || holds(authz.Sekdes)
	}
	for _, p := range list {
		kind, name, _ := strings.Cut(p, ":")
		switch kind {
		case PenerimaRole:
			if holds(authz.Role(name)) {
				return true
			}
		case PenerimaOPD:
			if u.OPD != "" && opdKode(u.OPD) == name && holds(authz.OPD) {
				return true
			}
		case PenerimaKabupaten:
			if name == CommandCentre && PusatKomando(u, grants, desa) {
				return true
			}
		}
	}
	return false
}

// PeriksaAkses is the one validation of an access list, for the API and
// the page: each entry as ParsePenerima takes it, duplicates dropped,
// sorted, at most AksesMax. Field names are "penerima[i]".
func PeriksaAkses(in []string) ([]string, error) {
	var p valid.Problems
	if len(in) > AksesMax {
		p.Add("penerima", "Daftar akses paling banyak %d penerima.", AksesMax)
		return nil, p.Err()
	}
	var out []string
	var errs []*fault.Error
	for i, s := range in {
		v, err := ParsePenerima("penerima["+strconv.Itoa(i)+"]", s)
		if err != nil {
			if fe, ok := fault.As(err); ok && fe.Code == fault.Invalid {
				errs = append(errs, fe)
				continue
			}
			return nil, err
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if len(errs) > 0 {
		return nil, fault.Invalids(errs)
	}
	slices.Sort(out)
	if out == nil {
		out = []string{}
	}
	return out, nil
}

// NamaPenerima is an access list entry's label.
func NamaPenerima(p string) string {
	kind, name, _ := strings.Cut(p, ":")
	switch kind {
	case PenerimaRole:
		switch authz.Role(name) {
		case authz.Perbekel:
			return "Perbekel"
		case authz.Sekdes:
			return "Sekretaris desa"
		case authz.Camat:
			return "Camat"
		case authz.Bupati:
			return "Bupati"
		case authz.OPD:
			return "Semua OPD"
		}
		return name
	case PenerimaOPD:
		for _, o := range opdDaftar {
			if o.Kode == name {
				return o.Nama
			}
		}
		return name
	case PenerimaKabupaten:
		return "Command centre kabupaten (Diskominfo)"
	}
	return p
}

// errKameraTidakAda is the answer for a camera the desa does not have.
func errKameraTidakAda() error {
	return fault.New(fault.NotFound, "Kamera tidak ditemukan di desa ini.")
}

// getKamera reads camera id of the desa in ctx; an id that is no UUID is
// simply not found (PostgreSQL would refuse it as a value).
func getKamera(ctx context.Context, tx bun.IDB, id string) (Kamera, error) {
	var k Kamera
	if u, err := uuid.Parse(id); err != nil || u.String() != id {
		return k, errKameraTidakAda()
	}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&k).Where("k.id = ?", id))
	if err != nil {
		return k, err
	}
	if err := q.Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return k, errKameraTidakAda()
		}
		return k, err
	}
	return k, nil
}

// daftarAkses is camera id's access list, sorted.
func daftarAkses(ctx context.Context, tx bun.IDB, id string) ([]string, error) {
	out := []string{}
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Akses)(nil)).Column("a.penerima").Where("a.kamera_id = ?", id).OrderExpr("a.penerima"))
	if err != nil {
		return nil, err
	}
	return out, q.Scan(ctx, &out)
}

// AksesKamera is a camera with its access list.
type AksesKamera struct {
	KameraID string   `json:"kamera_id"`
	Kamera   string   `json:"kamera" doc:"Nama kamera"`
	Penerima []string `json:"penerima" doc:"Kosong: hanya perbekel dan sekdes desa ini yang dapat membuka tautan langsung"`
}

// BacaAkses reads camera id's access list in the desa of ctx.
func (m *Module) BacaAkses(ctx context.Context, id string) (AksesKamera, error) {
	var a AksesKamera
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		k, err := getKamera(ctx, tx, id)
		if err != nil {
			return err
		}
		a.KameraID, a.Kamera = k.ID, k.Nama
		a.Penerima, err = daftarAkses(ctx, tx, id)
		return err
	})
	return a, err
}

// SimpanAkses replaces camera id's access list with list (PeriksaAkses)
// in one transaction; the request's audit entry commits with it.
func (m *Module) SimpanAkses(ctx context.Context, id string, list []string) (AksesKamera, error) {
	penerima, err := PeriksaAkses(list)
	if err != nil {
		return AksesKamera{}, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return AksesKamera{}, err
	}
	u, _ := auth.UserFrom(ctx)
	now := m.now().UTC().Truncate(time.Microsecond)
	a := AksesKamera{KameraID: id, Penerima: penerima}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		k, err := getKamera(ctx, tx, id)
		if err != nil {
			return err
		}
		a.Kamera = k.Nama
		if _, err := tx.NewDelete().Model((*Akses)(nil)).Where("desa_id = ?", desaID).Where("kamera_id = ?", id).Exec(ctx); err != nil {
			return err
		}
		if len(penerima) == 0 {
			return nil
		}
		rows := make([]Akses, len(penerima))
		for i, p := range penerima {
			rows[i] = Akses{DesaID: desaID, KameraID: id, Penerima: p, CreatedBy: u.ID, CreatedAt: now}
		}
		_, err = tx.NewInsert().Model(&rows).Exec(ctx)
		return err
	})
	return a, err
}

// TautanKamera is an opened live link.
type TautanKamera struct {
	URL     string `json:"url" doc:"Alamat stream dengan kredensialnya; jangan disimpan atau dibagikan"`
	Kamera  string `json:"kamera" doc:"Nama kamera"`
	Dicatat string `json:"dicatat" doc:"Id catatan akses (cctv_lihat) pembukaan ini"`
}

// errTidakDibagikan refuses a viewer the list does not name.
func errTidakDibagikan() error {
	return fault.New(fault.Forbidden, "Kamera ini tidak membagikan tautan langsung kepada Anda.")
}

// bolehBukaKamera says whether the user in ctx may open camera id's link
// given its list.
func (m *Module) bolehBukaKamera(ctx context.Context, list []string) (bool, error) {
	u, _ := auth.UserFrom(ctx)
	t, ok := tenancy.From(ctx)
	if !ok || u.ID == "" || m.grants == nil {
		return false, nil
	}
	gs, err := m.grants.Grants(ctx, u.ID)
	if err != nil {
		return false, err
	}
	return BolehBuka(u, gs, t.Kode, list), nil
}

// BukaTautan opens camera id's live link for the user in ctx: refused
// (Forbidden) unless its access list names them, NotFound for a camera
// the desa lacks, Invalid for a nonaktif camera or one whose credentials
// cannot be opened. On success one cctv_lihat row records the view, in
// the same transaction as the request's audit entry.
//
// The sealed credentials are the userinfo of the URL, "pengguna:sandi"
// (or "pengguna" alone); they are put into the URL only here.
func (m *Module) BukaTautan(ctx context.Context, id string) (TautanKamera, error) {
	var out TautanKamera
	t, _ := tenancy.From(ctx)
	u, _ := auth.UserFrom(ctx)
	var k Kamera
	var list []string
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if k, err = getKamera(ctx, tx, id); err != nil {
			return err
		}
		list, err = daftarAkses(ctx, tx, id)
		return err
	})
	if err != nil {
		return out, err
	}
	ok, err := m.bolehBukaKamera(ctx, list)
	if err != nil {
		return out, err
	}
	if !ok {
		return out, errTidakDibagikan()
	}
	if k.Status != StatusAktif {
		return out, fault.New(fault.Conflict, "Kamera ini nonaktif: tidak ada tautan langsung.")
	}
	link, err := m.tautanDenganKredensial(t.Kode, k)
	if err != nil {
		return out, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return out, err
	}
	nama := strings.TrimSpace(u.Name)
	if r := []rune(nama); len(r) > 200 {
		nama = string(r[:200])
	}
	row := Lihat{DesaID: desaID, ID: uuid.Must(uuid.NewV7()).String(), KameraID: k.ID, UserID: u.ID, Nama: nama,
		DilihatAt: m.now().UTC().Truncate(time.Microsecond)}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&row).Exec(ctx)
		return err
	})
	if err != nil {
		return out, err
	}
	return TautanKamera{URL: link, Kamera: k.Nama, Dicatat: row.ID}, nil
}

// tautanDenganKredensial is k's stream URL with its credentials opened
// into the userinfo.
func (m *Module) tautanDenganKredensial(desa tenancy.Kode, k Kamera) (string, error) {
	if k.Kredensial == "" {
		return k.StreamURL, nil
	}
	if m.secrets == nil {
		return "", fault.New(fault.Invalid, "Kredensial kamera tidak dapat dibuka: kunci enkripsi belum dipasang di server.")
	}
	plain, err := m.secrets.Open(k.Kredensial, KredensialContext(desa, k.ID))
	if err != nil {
		m.log.Error("cctv: credentials do not open", "err", err, "kamera", k.ID)
		return "", fault.New(fault.Invalid, "Kredensial kamera tidak dapat dibuka. Minta pengelola desa menyimpan ulang kredensialnya.")
	}
	su, err := url.Parse(k.StreamURL)
	if err != nil {
		return "", err
	}
	var kr KameraKredensial
	if err := json.Unmarshal(plain, &kr); err != nil {
		m.log.Error("cctv: credentials are not in their sealed form", "err", err, "kamera", k.ID)
		return "", fault.New(fault.Invalid, "Kredensial kamera tidak dapat dibuka. Minta pengelola desa menyimpan ulang kredensialnya.")
	}
	switch {
	case kr.Sandi != "":
		su.User = url.UserPassword(kr.Pengguna, kr.Sandi)
	case kr.Pengguna != "":
		su.User = url.User(kr.Pengguna)
	}
	return su.String(), nil
}
