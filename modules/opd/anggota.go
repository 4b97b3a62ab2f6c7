package opd

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// AnggotaOPD is a member of an OPD as the API and the page show it.
type AnggotaOPD struct {
	UserID string    `json:"user_id"`
	Nama   string    `json:"nama"`
	Email  string    `json:"email"`
	Sejak  time.Time `json:"sejak"`
}

// AnggotaBaru names the account to add, by its e-mail.
type AnggotaBaru struct {
	Email string `json:"email" maxLength:"254" example:"dlh@tabanan.test"`
}

// SumberGrant is the authz grant source of a membership of OPD id.
func SumberGrant(opdID string) string { return "opd:" + opdID }

func (m *Module) grantOf(o OPD, userID string) authz.Grant {
	return authz.Grant{UserID: userID, Role: authz.OPD, Wilayah: o.Kabupaten, Source: SumberGrant(o.ID)}
}

// TambahAnggota makes the account with e-mail email a member of OPD id of
// kabupaten: the membership row (audited with the request), the opd role
// at the kabupaten (source "opd:<id>") and the account's OPD code, in
// that order; a later step that fails takes the earlier ones back. A user
// already in an OPD is fault.Conflict: a user belongs to at most one.
func (m *Module) TambahAnggota(ctx context.Context, kabupaten tenancy.Kode, id, email, by string) (AnggotaOPD, error) {
	if m.users == nil || m.grants == nil {
		return AnggotaOPD{}, errors.New("opd: TambahAnggota needs Deps.Users and Deps.Grants")
	}
	o, err := m.OPDDiKabupaten(ctx, kabupaten, id)
	if err != nil {
		return AnggotaOPD{}, err
	}
	email = strings.TrimSpace(email)
	if email == "" {
		return AnggotaOPD{}, fault.Field("body.email", "Email akun wajib diisi.")
	}
	if !o.Aktif {
		return AnggotaOPD{}, fault.New(fault.Conflict, "%s tidak aktif; aktifkan dulu sebelum menambah anggota.", o.Nama)
	}
	u, err := m.users.UserByEmail(ctx, email)
	if fault.Is(err, fault.NotFound) {
		return AnggotaOPD{}, fault.Field("body.email", "Tidak ada akun dengan email %s; buat akunnya dulu.", email)
	}
	if err != nil {
		return AnggotaOPD{}, err
	}
	row := anggotaRow{UserID: u.ID, OPDID: o.ID, Kabupaten: string(o.Kabupaten), CreatedBy: by, CreatedAt: m.now()}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur anggotaRow
		err := tx.NewSelect().Model(&cur).Where("a.user_id = ?", u.ID).Limit(1).Scan(ctx)
		switch {
		case err == nil:
			return m.sudahAnggota(ctx, tx, u.Email, cur.OPDID)
		case !db.IsNoRows(err):
			return err
		}
		_, err = tx.NewInsert().Model(&row).Exec(ctx)
		if db.IsUniqueViolation(err) {
			return fault.New(fault.Conflict, "%s sudah menjadi anggota sebuah OPD; seorang pengguna hanya boleh menjadi anggota satu OPD.", u.Email)
		}
		return err
	})
	if err != nil {
		return AnggotaOPD{}, err
	}
	undo := func() {
		bg := context.WithoutCancel(ctx)
		if _, err := m.db.NewDelete().Model((*anggotaRow)(nil)).Where("user_id = ? AND opd_id = ?", u.ID, o.ID).Exec(bg); err != nil {
			m.log.ErrorContext(bg, "opd: undo membership", "user", u.ID, "opd", o.ID, "err", err)
		}
	}
	if err := m.grants.Grant(ctx, m.grantOf(o, u.ID)); err != nil {
		undo()
		return AnggotaOPD{}, err
	}
	if err := m.users.SetOPD(ctx, u.ID, o.Kode); err != nil {
		if rerr := m.grants.Revoke(context.WithoutCancel(ctx), m.grantOf(o, u.ID)); rerr != nil {
			m.log.ErrorContext(ctx, "opd: undo grant", "user", u.ID, "opd", o.ID, "err", rerr)
		}
		undo()
		return AnggotaOPD{}, err
	}
	return AnggotaOPD{UserID: u.ID, Nama: u.Name, Email: u.Email, Sejak: row.CreatedAt}, nil
}

// sudahAnggota is the Conflict for a user already in OPD current.
func (m *Module) sudahAnggota(ctx context.Context, tx bun.Tx, email, current string) error {
	nama := "OPD lain"
	if r, err := findOPD(ctx, tx, current); err == nil {
		nama = r.Nama
	}
	return fault.New(fault.Conflict, "%s sudah menjadi anggota %s; seorang pengguna hanya boleh menjadi anggota satu OPD. Keluarkan dulu dari OPD itu.", email, nama)
}

// HapusAnggota takes userID out of OPD id of kabupaten: the membership
// row (audited with the request), the opd role its membership granted
// (a grant of the same role by hand stays) and the account's OPD code.
// A user who is not a member is fault.NotFound.
func (m *Module) HapusAnggota(ctx context.Context, kabupaten tenancy.Kode, id, userID string) error {
	if m.users == nil || m.grants == nil {
		return errors.New("opd: HapusAnggota needs Deps.Users and Deps.Grants")
	}
	o, err := m.OPDDiKabupaten(ctx, kabupaten, id)
	if err != nil {
		return err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewDelete().Model((*anggotaRow)(nil)).Where("user_id = ? AND opd_id = ?", userID, o.ID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fault.New(fault.NotFound, "Pengguna itu bukan anggota %s.", o.Nama)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := m.grants.Revoke(ctx, m.grantOf(o, userID)); err != nil && !fault.Is(err, fault.NotFound) {
		return err
	}
	return m.users.SetOPD(ctx, userID, "")
}

// DaftarAnggota lists the members of OPD id of kabupaten with their names
// and e-mails, in the order they joined.
func (m *Module) DaftarAnggota(ctx context.Context, kabupaten tenancy.Kode, id string) ([]AnggotaOPD, error) {
	o, err := m.OPDDiKabupaten(ctx, kabupaten, id)
	if err != nil {
		return nil, err
	}
	var rows []anggotaRow
	if err := m.db.NewSelect().Model(&rows).Where("a.opd_id = ?", o.ID).OrderExpr("a.created_at, a.user_id").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]AnggotaOPD, 0, len(rows))
	if len(rows) == 0 || m.users == nil {
		for _, r := range rows {
			out = append(out, AnggotaOPD{UserID: r.UserID, Sejak: r.CreatedAt})
		}
		return out, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.UserID
	}
	users, err := m.users.UsersByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[string]int{}
	for i, u := range users {
		byID[u.ID] = i
	}
	for _, r := range rows {
		a := AnggotaOPD{UserID: r.UserID, Sejak: r.CreatedAt}
		if i, ok := byID[r.UserID]; ok {
			a.Nama, a.Email = users[i].Name, users[i].Email
		} else {
			a.Nama = "(akun nonaktif)"
		}
		out = append(out, a)
	}
	return out, nil
}
