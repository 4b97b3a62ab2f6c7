package main

import (
	"context"

	"github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// desaAccounts lists a desa's own staff for the page that links an
// appointment to an account: the accounts holding a role at the desa
// (platform/authz), with their names (platform/auth).
type desaAccounts struct{ a *app }

func (d desaAccounts) AccountsAt(ctx context.Context, desa tenancy.Kode) ([]administration.Akun, error) {
	ids, err := d.a.authz.UsersAt(ctx, desa)
	if err != nil {
		return nil, err
	}
	users, err := d.a.auth.UsersByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]administration.Akun, 0, len(users))
	for _, u := range users {
		out = append(out, administration.Akun{ID: u.ID, Nama: u.Name, Email: u.Email})
	}
	return out, nil
}
