package pilkades

import (
	"context"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// opdPemerintahan are the OPD codes that run a kabupaten's Pilkades: the
// Dinas PMD (Tabanan's registry: DPMD; see modules/opd/data) and the
// Bagian Pemerintahan (Tata Pemerintahan) of the Setda, whose codes the
// registry does not hold yet — the usual abbreviations.
var opdPemerintahan = map[string]bool{"DPMD": true, "DPMPD": true, "DISPMD": true, "BAGPEM": true, "BAGIANPEMERINTAHAN": true, "TAPEM": true, "BAGTAPEM": true}

func (m *Module) bolehDi(ctx context.Context, k tenancy.Kode, p authz.Permission) bool {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.authz == nil {
		return false
	}
	ok, err := m.authz.Allowed(ctx, u.ID, k, p)
	return ok && err == nil
}

// bolehNIK: the user sees the candidates' NIK of the tenant desa whole.
func (m *Module) bolehNIK(ctx context.Context) bool {
	t, ok := tenancy.From(ctx)
	return ok && t.Kode.IsDesa() && m.bolehDi(ctx, t.Kode, PermNIK)
}

// cekOPD is nil unless the user is a member of an OPD other than the
// kabupaten's DPMD or Bagian Pemerintahan: the opd role holds the
// module's kabupaten permissions for every OPD.
func (m *Module) cekOPD(ctx context.Context, k tenancy.Kode) error {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.opd == nil {
		return nil
	}
	o, ok, err := m.opd.OPDOf(ctx, u.ID)
	if err != nil || !ok {
		return err
	}
	if !opdPemerintahan[o.Kode] || o.Kabupaten != k.Up(tenancy.Kabupaten) {
		return fault.New(fault.Forbidden, "Jadwal dan pelantikan Pilkades diurus DPMD atau Bagian Pemerintahan dan admin kabupaten; %s tidak berwenang.", o.Nama)
	}
	return nil
}

// boleh: the user holds p at k and, for the kabupaten's own operations,
// is not a member of another OPD — what a page checks before it shows a
// form.
func (m *Module) boleh(ctx context.Context, k tenancy.Kode, p authz.Permission) bool {
	if !m.bolehDi(ctx, k, p) {
		return false
	}
	if p == PermJadwal || p == PermLantik {
		return m.cekOPD(ctx, k) == nil
	}
	return true
}
