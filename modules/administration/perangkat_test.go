package administration_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// fullSOTK appoints a kepala desa, a sekdes, three kaur and three kasi at k;
// the sekdes is serial 2.
func fullSOTK(t *testing.T, f *fixture, k tenancy.Kode) map[a.Jabatan]a.Perangkat {
	t.Helper()
	out := map[a.Jabatan]a.Perangkat{}
	for i, j := range []a.Jabatan{a.KepalaDesa, a.SekretarisDesa, a.KaurTataUsaha, a.KaurKeuangan, a.KaurPerencanaan,
		a.KasiPemerintahan, a.KasiKesejahteraan, a.KasiPelayanan} {
		out[j] = mustAppoint(t, f, k, appointment(j, "Pejabat "+string(j), i+1))
	}
	return out
}

func TestAppointEnforcesTheSOTK(t *testing.T) {
	plt := func(in a.PerangkatInput) a.PerangkatInput { in.Status = a.Plt; return in }
	pj := func(in a.PerangkatInput) a.PerangkatInput { in.Status = a.Pj; return in }
	tests := []struct {
		name     string
		in       a.PerangkatInput
		code     fault.Code // "" means accepted
		contains string
	}{
		{"fourth kaur refused", appointment(a.KaurKeuangan, "Kaur Keempat", 50), fault.Conflict, "paling banyak 3 kepala urusan"},
		{"fourth kasi refused", appointment(a.KasiPelayanan, "Kasi Keempat", 51), fault.Conflict, "paling banyak 3 kepala seksi"},
		{"second active kepala desa refused", appointment(a.KepalaDesa, "Perbekel Kedua", 52), fault.Conflict, "masih dijabat"},
		{"second active sekdes refused, even as Plt", plt(appointment(a.SekretarisDesa, "Sekdes Kedua", 53)), fault.Conflict, "masih dijabat"},
		{"kepala kewilayahan needs a dusun", appointment(a.KepalaKewilayahan, "Kelian", 57), fault.Invalid, "dusun"},
		{"Pj is for kepala desa only", pj(appointment(a.KaurKeuangan, "Pj Kaur", 54)), fault.Invalid, "Penjabat"},
		{"NIK must be 16 digits", func() a.PerangkatInput { in := appointment(a.KepalaDesa, "X", 1); in.NIK = "51020612"; return in }(), fault.Invalid, "16 angka"},
		{"NIK with an impossible birth date", func() a.PerangkatInput {
			in := appointment(a.KepalaDesa, "X", 1)
			in.NIK = "5102069913850001"
			return in
		}(), fault.Invalid, "tidak sah"},
		{"kepala desa term longer than 8 years", func() a.PerangkatInput {
			in := appointment(a.KepalaDesa, "X", 55)
			in.Selesai = "2034-01-07"
			return in
		}(), fault.Invalid, "8 tahun"},
		{"term end before start", func() a.PerangkatInput {
			in := appointment(a.KepalaDesa, "X", 56)
			in.Selesai = "2025-01-01"
			return in
		}(), fault.Invalid, "sesudah tanggal mulai"},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		fullSOTK(t, f, bengkel)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.m.Appoint(at(bengkel), tt.in)
				wantFault(t, err, tt.code, tt.contains)
			})
		}
		if n := count(t, d, "perangkat"); n != 8 {
			t.Fatalf("%d appointments stored, want the 8 of the full SOTK", n)
		}
	})
}

func TestOnePersonHoldsOnePostPlusOnePlt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		mustAppoint(t, f, bengkel, appointment(a.KepalaDesa, "I Made Sudarsana", 1))
		sekdes := appointment(a.SekretarisDesa, "Ni Luh Ariani", 2)
		mustAppoint(t, f, bengkel, sekdes)

		// The sekdes acts as kaur keuangan while the post is vacant.
		acting := appointment(a.KaurKeuangan, "Ni Luh Ariani", 2)
		acting.Status = a.Plt
		p := mustAppoint(t, f, bengkel, acting)
		if p.Status != a.Plt {
			t.Fatalf("status %q", p.Status)
		}

		own := appointment(a.KasiPelayanan, "Ni Luh Ariani", 2)
		_, err := f.m.Appoint(at(bengkel), own)
		wantFault(t, err, fault.Conflict, "hanya boleh merangkap jabatan lain sebagai Plt")

		second := appointment(a.KaurPerencanaan, "Ni Luh Ariani", 2)
		second.Status = a.Plt
		_, err = f.m.Appoint(at(bengkel), second)
		wantFault(t, err, fault.Conflict, "satu jabatan Plt")

		// The same person may hold a post in another desa's records
		// unhindered: each desa's SOTK is its own.
		mustAppoint(t, f, pangkung, appointment(a.SekretarisDesa, "Ni Luh Ariani", 2))
	})
}

func TestEndedAppointmentStaysAsHistoryAndFreesThePost(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := at(bengkel)
		old := mustAppoint(t, f, bengkel, appointment(a.KepalaDesa, "Perbekel Lama", 1))

		_, err := f.m.EndPerangkat(ctx, old.ID, a.Pemberhentian{Tanggal: "2025-12-31"})
		wantFault(t, err, fault.Invalid, "sebelum tanggal mulai")

		res, err := f.m.EndPerangkat(ctx, old.ID, a.Pemberhentian{Tanggal: "2026-06-30", Alasan: "meninggal dunia"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Active() || res.TanggalBerhenti != "2026-06-30" || res.AlasanBerhenti != "meninggal dunia" {
			t.Fatalf("ended appointment %+v", res.Perangkat)
		}
		_, err = f.m.EndPerangkat(ctx, old.ID, a.Pemberhentian{Tanggal: "2026-07-01"})
		wantFault(t, err, fault.Conflict, "sudah berakhir")

		baru := appointment(a.KepalaDesa, "Perbekel Baru", 2)
		baru.Status = a.Pj
		mustAppoint(t, f, bengkel, baru)

		for _, tt := range []struct {
			status string
			want   []string
		}{
			{"aktif", []string{"Perbekel Baru"}},
			{"berhenti", []string{"Perbekel Lama"}},
			{"semua", []string{"Perbekel Lama", "Perbekel Baru"}},
		} {
			p, err := f.m.ListPerangkat(ctx, a.PerangkatQuery{Params: page.Params{Limit: 10}, Status: tt.status})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, x := range p.Items {
				got = append(got, x.Nama)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("status %s: %v, want %v", tt.status, got, tt.want)
			}
		}
	})
}

func TestListJSONMasksNIK(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := appointment(a.KepalaDesa, "I Made Sudarsana", 1)
		in.NIK = "5102061208850001"
		mustAppoint(t, f, bengkel, in)
		p, err := f.m.ListPerangkat(at(bengkel), a.PerangkatQuery{})
		if err != nil {
			t.Fatal(err)
		}
		raw, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), "5102061208850001") {
			t.Fatalf("full NIK in list JSON: %s", raw)
		}
		if !strings.Contains(string(raw), `"nik":"5102**********01"`) {
			t.Fatalf("masked NIK missing from list JSON: %s", raw)
		}
	})
}

func TestStoreSeesOnlyTheTenantDesa(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		mine := mustAppoint(t, f, bengkel, appointment(a.KepalaDesa, "Perbekel Bengkel", 1))
		theirs := mustAppoint(t, f, pangkung, appointment(a.KepalaDesa, "Perbekel Pangkung Tibah", 2))
		dusun, err := f.m.CreateDusun(at(pangkung), a.DusunInput{Nama: "Kedungu", Sebutan: a.SebutanBanjar})
		if err != nil {
			t.Fatal(err)
		}

		list, err := f.m.ListPerangkat(at(bengkel), a.PerangkatQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list.Items) != 1 || list.Items[0].ID != mine.ID {
			t.Fatalf("Bengkel's list: %+v", list.Items)
		}
		if _, err := f.m.GetPerangkat(at(bengkel), theirs.ID); !fault.Is(err, fault.NotFound) {
			t.Fatalf("Bengkel reads Pangkung Tibah's appointment: %v", err)
		}
		if _, err := f.m.EndPerangkat(at(bengkel), theirs.ID, a.Pemberhentian{Tanggal: "2026-06-01"}); !fault.Is(err, fault.NotFound) {
			t.Fatalf("Bengkel ends Pangkung Tibah's appointment: %v", err)
		}
		if err := f.m.DeleteDusun(at(bengkel), dusun.ID); !fault.Is(err, fault.NotFound) {
			t.Fatalf("Bengkel deletes Pangkung Tibah's banjar: %v", err)
		}
		kw := appointment(a.KepalaKewilayahan, "Kelian", 3)
		kw.DusunID = &dusun.ID
		if _, err := f.m.Appoint(at(bengkel), kw); !fault.Is(err, fault.Invalid) {
			t.Fatalf("Bengkel appoints a kelian to Pangkung Tibah's banjar: %v", err)
		}

		noTenant := []struct {
			name string
			call func(ctx context.Context) error
		}{
			{"list", func(ctx context.Context) error { _, err := f.m.ListPerangkat(ctx, a.PerangkatQuery{}); return err }},
			{"get", func(ctx context.Context) error { _, err := f.m.GetPerangkat(ctx, mine.ID); return err }},
			{"appoint", func(ctx context.Context) error {
				_, err := f.m.Appoint(ctx, appointment(a.KasiPelayanan, "X", 9))
				return err
			}},
			{"profil", func(ctx context.Context) error { _, err := f.m.GetProfil(ctx); return err }},
			{"wilayah table", func(ctx context.Context) error { _, err := f.m.ListProfilDesa(ctx, a.ProfilDesaQuery{}); return err }},
			{"flags", func(ctx context.Context) error { _, err := f.m.ListPeringatan(ctx, page.Params{}); return err }},
		}
		for _, tt := range noTenant {
			t.Run("without tenant "+tt.name, func(t *testing.T) {
				if err := tt.call(context.Background()); !errors.Is(err, tenancy.ErrNoTenant) {
					t.Fatalf("err %v, want tenancy.ErrNoTenant", err)
				}
			})
		}
	})
}

func TestBaganShowsEveryPostWithVacancies(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := at(bengkel)
		banjar, err := f.m.CreateDusun(ctx, a.DusunInput{Nama: "Bengkel Kangin", Sebutan: a.SebutanBanjar})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.m.CreateDusun(ctx, a.DusunInput{Nama: "Sedahan", Sebutan: a.SebutanBanjar}); err != nil {
			t.Fatal(err)
		}
		mustAppoint(t, f, bengkel, appointment(a.KepalaDesa, "I Made Sudarsana", 1))
		kw := appointment(a.KepalaKewilayahan, "I Wayan Darma", 2)
		kw.DusunID = &banjar.ID
		kw.Status = a.Plt
		mustAppoint(t, f, bengkel, kw)

		b, err := f.m.Bagan(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, u := range b.Unsur {
			for _, p := range u.Posisi {
				holder := "kosong"
				if p.Pejabat != nil {
					holder = p.Pejabat.Sebutan + ": " + p.Pejabat.Nama
				}
				got[p.Sebutan] = holder
			}
		}
		want := map[string]string{
			"Perbekel":                           "Perbekel: I Made Sudarsana",
			"Sekretaris Desa":                    "kosong",
			"Kepala Urusan Keuangan":             "kosong",
			"Kepala Seksi Pelayanan":             "kosong",
			"Kelian Banjar Dinas Bengkel Kangin": "Plt. Kelian Banjar Dinas Bengkel Kangin: I Wayan Darma",
			"Kelian Banjar Dinas Sedahan":        "kosong",
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %q, want %q", k, got[k], v)
			}
		}
		if len(got) != 7+1+2 {
			t.Errorf("%d posts on the chart, want 10 (8 SOTK posts + 2 banjar): %v", len(got), got)
		}
	})
}

func TestLinkingGrantsTheRoleAndEndingRevokesIt(t *testing.T) {
	tests := []struct {
		jabatan a.Jabatan
		role    authz.Role
		perm    authz.Permission // held through that role
	}{
		{a.KepalaDesa, authz.Perbekel, a.PermPerangkatAkun},
		{a.SekretarisDesa, authz.Sekdes, a.PermPerangkatWrite},
		{a.KaurKeuangan, authz.KaurKeuangan, a.PermPerangkatRead},
		{a.KasiPemerintahan, authz.Kasi, a.PermDusunWrite},
		{a.KaurPerencanaan, authz.Operator, a.PermProfilWrite},
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		for i, tt := range tests {
			t.Run(string(tt.jabatan), func(t *testing.T) {
				user := "user-" + string(tt.jabatan)
				p := mustAppoint(t, f, bengkel, appointment(tt.jabatan, "Pejabat", 100+i))
				res, err := f.m.LinkUser(at(bengkel), p.ID, user)
				if err != nil {
					t.Fatal(err)
				}
				if res.SinkronPeran == nil || !res.SinkronPeran.Berhasil || res.SinkronPeran.Peran != string(tt.role) {
					t.Fatalf("sync %+v", res.SinkronPeran)
				}
				holds := func() bool {
					ok, err := f.authz.Allowed(ctx, user, bengkel, tt.perm)
					if err != nil {
						t.Fatal(err)
					}
					return ok
				}
				if !holds() {
					t.Fatalf("linked %s does not hold %s at %s", user, tt.perm, bengkel)
				}
				if ok, _ := f.authz.Allowed(ctx, user, pangkung, tt.perm); ok {
					t.Fatalf("grant leaked to the neighbour desa")
				}
				if _, err := f.m.EndPerangkat(as(bengkel, admin), p.ID, a.Pemberhentian{Tanggal: "2026-10-01"}); err != nil {
					t.Fatal(err)
				}
				if holds() {
					t.Fatalf("%s still holds %s after the appointment ended", user, tt.perm)
				}
				grants, _ := f.authz.Grants(ctx, user)
				if len(grants) != 0 {
					t.Fatalf("grants left: %+v", grants)
				}
			})
		}
	})
}

func TestEndingOnePostKeepsTheRoleAnotherPostCarries(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := at(bengkel)
		// Kaur tata usaha (operator), also Plt kaur perencanaan (operator).
		own := mustAppoint(t, f, bengkel, appointment(a.KaurTataUsaha, "Ni Made Rai", 7))
		actingIn := appointment(a.KaurPerencanaan, "Ni Made Rai", 7)
		actingIn.Status = a.Plt
		acting := mustAppoint(t, f, bengkel, actingIn)
		for _, p := range []a.Perangkat{own, acting} {
			if _, err := f.m.LinkUser(ctx, p.ID, "rai"); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.m.EndPerangkat(as(bengkel, admin), acting.ID, a.Pemberhentian{Tanggal: "2026-10-01"}); err != nil {
			t.Fatal(err)
		}
		if ok, _ := f.authz.Allowed(context.Background(), "rai", bengkel, a.PermProfilWrite); !ok {
			t.Fatal("operator role revoked although the kaur tata usaha post still carries it")
		}
		// Unlinking the remaining post takes it back.
		if _, err := f.m.LinkUser(ctx, own.ID, ""); err != nil {
			t.Fatal(err)
		}
		if ok, _ := f.authz.Allowed(context.Background(), "rai", bengkel, a.PermProfilWrite); ok {
			t.Fatal("operator role kept after unlinking")
		}
	})
}

type failingGrants struct{}

func (failingGrants) Grant(context.Context, authz.Grant) error {
	return errors.New("casbin_rule: connection reset")
}
func (failingGrants) Revoke(context.Context, authz.Grant) error {
	return errors.New("casbin_rule: connection reset")
}
func (failingGrants) Grants(context.Context, string) ([]authz.Grant, error) {
	return nil, errors.New("casbin_rule: connection reset")
}

func TestFailedGrantIsReportedAndQueuedForRetry(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := a.New(a.Deps{DB: d, Grants: failingGrants{}, Users: users{}, Logger: quiet(), Clock: newClock().Now})
		p, err := m.Appoint(at(bengkel), appointment(a.KepalaDesa, "I Made Sudarsana", 1))
		if err != nil {
			t.Fatal(err)
		}
		before := count(t, d, "job_outbox")
		res, err := m.LinkUser(at(bengkel), p.ID, "made")
		if err != nil {
			t.Fatalf("link failed although the appointment change committed: %v", err)
		}
		if res.UserID != "made" || res.SinkronPeran == nil || res.SinkronPeran.Berhasil ||
			!strings.Contains(res.SinkronPeran.Pesan, "mencoba lagi otomatis") {
			t.Fatalf("result %+v sync %+v", res.Perangkat, res.SinkronPeran)
		}
		if strings.Contains(res.SinkronPeran.Pesan, "casbin_rule") {
			t.Fatalf("internal error text shown: %q", res.SinkronPeran.Pesan)
		}
		if after := count(t, d, "job_outbox"); after != before+1 {
			t.Fatalf("outbox rows %d → %d, want one retry task", before, after)
		}
	})
}

func TestLinkRefusesEndedAppointmentAndRoleNamedUser(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		p := mustAppoint(t, f, bengkel, appointment(a.KasiPelayanan, "Kasi", 1))
		_, err := f.m.LinkUser(at(bengkel), p.ID, "perbekel")
		wantFault(t, err, fault.Invalid, "tidak sah")
		if _, err := f.m.EndPerangkat(at(bengkel), p.ID, a.Pemberhentian{Tanggal: "2026-02-01"}); err != nil {
			t.Fatal(err)
		}
		_, err = f.m.LinkUser(at(bengkel), p.ID, "kasi-user")
		wantFault(t, err, fault.Conflict, "sudah berakhir")
		_, err = f.m.LinkUser(at(bengkel), uuid.Must(uuid.NewV7()), "kasi-user")
		wantFault(t, err, fault.NotFound, "")
	})
}

func TestSignerIsTheActiveKepalaDesaWithLocalTitle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.m.Signer(context.Background(), bengkel); !fault.Is(err, fault.NotFound) {
			t.Fatalf("vacant post: %v, want NotFound", err)
		}
		if _, err := f.m.SaveProfil(at(bengkel), a.ProfilInput{Nama: "Bengkel"}); err != nil {
			t.Fatal(err)
		}
		in := appointment(a.KepalaDesa, "I Wayan Sudira", 1)
		in.Status = a.Plt
		mustAppoint(t, f, bengkel, in)
		s, err := f.m.Signer(context.Background(), bengkel)
		if err != nil {
			t.Fatal(err)
		}
		if s.Nama != "I Wayan Sudira" || s.Jabatan != "Perbekel Bengkel" || s.Sebutan != "Plt. Perbekel Bengkel" || s.Status != a.Plt {
			t.Fatalf("signer %+v", s)
		}
		if got := a.SebutanKepalaDesa("35.23.12.2001"); got != "Kepala Desa" {
			t.Fatalf("title outside Bali %q", got)
		}
	})
}

// TestEndingALinkedPostNeedsThePermissionThatLinksAccounts: the sekdes
// (perangkat:write, not perangkat_akun:write) ending the kepala desa post
// linked to the perbekel's own account would revoke the perbekel's role and
// lock them out; it is forbidden, and the perbekel keeps the role.
func TestEndingALinkedPostNeedsThePermissionThatLinksAccounts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAPI(t, d)
		kades := mustAppoint(t, f.fixture, bengkel, appointment(a.KepalaDesa, "I Made Sudarsana", 1))
		if _, err := f.m.LinkUser(as(bengkel, "made"), kades.ID, "made"); err != nil {
			t.Fatal(err)
		}
		end := "/desa/51.02.06.2001/perangkat/" + kades.ID.String() + "/berhenti"
		status, body := f.call("luh", "POST", end, map[string]any{"tanggal": "2026-10-01"})
		if status != 403 || !strings.Contains(body, "tertaut ke akun") {
			t.Fatalf("sekdes ending the linked post: %d %s", status, body)
		}
		if ok, _ := f.authz.Allowed(context.Background(), "made", bengkel, a.PermPerangkatAkun); !ok {
			t.Fatal("perbekel locked out")
		}
		// An unlinked post stays the sekdes's to end.
		kasi := mustAppoint(t, f.fixture, bengkel, appointment(a.KasiPelayanan, "Ni Luh Kasi", 2))
		status, body = f.call("luh", "POST", "/desa/51.02.06.2001/perangkat/"+kasi.ID.String()+"/berhenti", map[string]any{"tanggal": "2026-10-01"})
		if status != 200 {
			t.Fatalf("sekdes ending an unlinked post: %d %s", status, body)
		}
		// The perbekel may end the linked post.
		if status, body = f.call("made", "POST", end, map[string]any{"tanggal": "2026-10-01"}); status != 200 {
			t.Fatalf("perbekel ending the linked post: %d %s", status, body)
		}
	})
}

// TestEndingAPostRevokesOnlyTheGrantItGave: the perbekel also holds the role
// by hand; ending the linked post takes back the post's grant only.
func TestEndingAPostRevokesOnlyTheGrantItGave(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		byHand := authz.Grant{UserID: "made", Role: authz.Perbekel, Wilayah: bengkel}
		if err := f.authz.Grant(ctx, byHand); err != nil {
			t.Fatal(err)
		}
		kades := mustAppoint(t, f, bengkel, appointment(a.KepalaDesa, "I Made Sudarsana", 1))
		if _, err := f.m.LinkUser(as(bengkel, admin), kades.ID, "made"); err != nil {
			t.Fatal(err)
		}
		gs, _ := f.authz.Grants(ctx, "made")
		if len(gs) != 2 || gs[0].Source != authz.SourceManual || gs[1].Source != "perangkat:"+kades.ID.String() {
			t.Fatalf("grants after linking %+v, want the hand grant and the post's", gs)
		}
		res, err := f.m.EndPerangkat(as(bengkel, admin), kades.ID, a.Pemberhentian{Tanggal: "2026-10-01"})
		if err != nil || res.SinkronPeran == nil || !res.SinkronPeran.Berhasil {
			t.Fatalf("end: %+v, %v", res.SinkronPeran, err)
		}
		if ok, _ := f.authz.Allowed(ctx, "made", bengkel, a.PermPerangkatAkun); !ok {
			t.Fatal("the hand grant went with the post")
		}
		gs, _ = f.authz.Grants(ctx, "made")
		if len(gs) != 1 || gs[0].Source != authz.SourceManual {
			t.Fatalf("grants after ending the post %+v, want only the hand grant", gs)
		}
		// The outbox retry of the same sync changes nothing.
		if _, err := f.m.LinkUser(as(bengkel, admin), kades.ID, ""); err != nil {
			t.Fatal(err)
		}
		if ok, _ := f.authz.Allowed(ctx, "made", bengkel, a.PermPerangkatAkun); !ok {
			t.Fatal("unlinking the ended post took the hand grant")
		}
	})
}

func TestLinkRefusesAnAccountThatDoesNotExist(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAPI(t, d)
		p := mustAppoint(t, f.fixture, bengkel, appointment(a.SekretarisDesa, "Ni Luh Sekdes", 3))
		path := "/desa/51.02.06.2001/perangkat/" + p.ID.String() + "/akun"
		status, body := f.call("made", "PUT", path, map[string]any{"user_id": "hilang-01"})
		if status != 422 || !strings.Contains(body, "body.user_id") || !strings.Contains(body, "tidak ditemukan") {
			t.Fatalf("link to an unknown account: %d %s", status, body)
		}
		if got, _ := f.m.GetPerangkat(at(bengkel), p.ID); got.UserID != "" {
			t.Fatalf("linked anyway to %q", got.UserID)
		}
		if gs, _ := f.authz.Grants(context.Background(), "hilang-01"); len(gs) != 0 {
			t.Fatalf("grants for the unknown account: %+v", gs)
		}
		if status, body = f.call("made", "PUT", path, map[string]any{"user_id": "luh"}); status != 200 {
			t.Fatalf("link to a known account: %d %s", status, body)
		}
	})
}

func TestReadsGiveEachAppointmentItsLocalTitle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := at(bengkel)
		kangin, err := f.m.CreateDusun(ctx, a.DusunInput{Nama: "Bengkel Kangin", Sebutan: a.SebutanBanjar})
		if err != nil {
			t.Fatal(err)
		}
		kauh, err := f.m.CreateDusun(ctx, a.DusunInput{Nama: "Bengkel Kauh", Sebutan: a.SebutanDusun})
		if err != nil {
			t.Fatal(err)
		}
		kd := mustAppoint(t, f, bengkel, appointment(a.KepalaDesa, "I Made Sudarsana", 1))
		kw1 := appointment(a.KepalaKewilayahan, "I Wayan Darma", 2)
		kw1.DusunID = &kangin.ID
		p1 := mustAppoint(t, f, bengkel, kw1)
		kw2 := appointment(a.KepalaKewilayahan, "I Nyoman Sujana", 3)
		kw2.DusunID = &kauh.ID
		p2 := mustAppoint(t, f, bengkel, kw2)
		want := map[uuid.UUID]string{
			kd.ID: "Perbekel",
			p1.ID: "Kelian Banjar Dinas Bengkel Kangin",
			p2.ID: "Kepala Dusun Bengkel Kauh",
		}
		for id, title := range want {
			got, err := f.m.GetPerangkat(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Sebutan != title {
				t.Errorf("by id %s: sebutan %q, want %q", got.Nama, got.Sebutan, title)
			}
		}
		list, err := f.m.ListPerangkat(ctx, a.PerangkatQuery{Status: "semua"})
		if err != nil {
			t.Fatal(err)
		}
		if len(list.Items) != len(want) {
			t.Fatalf("list has %d appointments, want %d", len(list.Items), len(want))
		}
		for _, p := range list.Items {
			if p.Sebutan != want[p.ID] {
				t.Errorf("list %s: sebutan %q, want %q", p.Nama, p.Sebutan, want[p.ID])
			}
		}
	})
}
