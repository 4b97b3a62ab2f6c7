package keuangan_test

import (
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	tabanan       tenancy.Kode = "51.02"
	desaLain      tenancy.Kode = "35.23.12.2001" // a desa of another kabupaten
	kabupatenLain tenancy.Kode = "35.23"
)

func TestReferensiSiskeudesSwitchAndLocalKegiatan(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		bg := context.Background()
		kab := tenancy.With(bg, tenancy.Tenant{Kode: tabanan})
		desa := tenancy.With(bg, tenancy.Tenant{Kode: bengkel})
		lain := tenancy.With(bg, tenancy.Tenant{Kode: desaLain})
		load := func(ctx context.Context, kode string) string {
			t.Helper()
			var got string
			err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
				ref, err := m.LoadReferensi(ctx, tx, 2026)
				if err != nil {
					return err
				}
				_, err = keuangan.PeriksaBaris(ref, keuangan.BarisInput{KodeRekening: "5.2.1.01", KodeKegiatan: kode, Uraian: "ATK",
					Volume: 1000, Satuan: "paket", HargaSatuan: 100_000, SumberDana: "ADD"}, nil)
				if err == nil {
					got = ref.DaftarKegiatan[keuangan.KodeKegiatan(kode)]
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}

		// Off by default: a Siskeudes-only code is refused, the Lampiran's
		// 02.04.90 is the Lampiran's.
		if s, err := m.Setelan(kab); err != nil || s.Siskeudes {
			t.Fatalf("default setting %+v %v, want off", s, err)
		}
		if got := load(desa, "02.04.94"); got != "" {
			t.Errorf("Siskeudes 02.04.94 accepted while off (as %q)", got)
		}
		if got := load(desa, "02.04.90"); got != keuangan.DaftarLampiran {
			t.Errorf("02.04.90 read as %q, want lampiran", got)
		}

		// On: the Siskeudes-only code is accepted as Siskeudes; the 90–99
		// conflict (02.04.90 is Jambanisasi in Siskeudes, lain-lain in the
		// Lampiran) stays the Lampiran's, and the picker says why.
		if _, err := m.SetSiskeudes(kab, true, "admin"); err != nil {
			t.Fatal(err)
		}
		if got := load(desa, "02.04.94"); got != keuangan.DaftarSiskeudes {
			t.Errorf("02.04.94 with Siskeudes on read as %q", got)
		}
		if got := load(desa, "02.04.90"); got != keuangan.DaftarLampiran {
			t.Errorf("02.04.90 with Siskeudes on read as %q, want lampiran", got)
		}
		if got := load(lain, "02.04.94"); got != "" {
			t.Errorf("another kabupaten's desa got Tabanan's Siskeudes list (%q)", got)
		}
		var pilihan []keuangan.KegiatanPilihan
		for c := ""; ; {
			p, err := m.ListPilihanKegiatan(desa, keuangan.PilihanQuery{Params: page.Params{Limit: 100, Cursor: c}, Tahun: 2026, Q: "02.04.90"})
			if err != nil {
				t.Fatal(err)
			}
			pilihan = append(pilihan, p.Items...)
			if c = p.NextCursor; c == "" {
				break
			}
		}
		var lists []string
		for _, p := range pilihan {
			lists = append(lists, p.Daftar)
			if p.Daftar == keuangan.DaftarSiskeudes && (p.Dipakai || !strings.Contains(p.Catatan, "Lampiran")) {
				t.Errorf("Siskeudes 02.04.90 offered as usable: %+v", p)
			}
		}
		if strings.Join(lists, ",") != "lampiran,siskeudes" {
			t.Errorf("02.04.90 offered from %v, want the Lampiran row then the Siskeudes row", lists)
		}

		// Local kegiatan: only 90–99 of a sub-bidang with that range, not a
		// Lampiran code, not a Siskeudes code while that list is on.
		for _, tc := range []struct {
			in   keuangan.KegiatanLokalBaru
			code fault.Code
			want string
		}{
			{keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "02.03.85", Nama: "Jalan"}, fault.Invalid, "90–99"},
			{keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "02.03.90", Nama: "Jalan"}, fault.Invalid, "Lampiran"},
			{keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "05.01.91", Nama: "Bencana"}, fault.Invalid, "rentang"},
			{keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "02.09.91", Nama: "Entah"}, fault.Invalid, "tidak ada"},
			{keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "02.04.94", Nama: "Bedah rumah"}, fault.Invalid, "Siskeudes"},
			{keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "02.03.97", Nama: "  "}, fault.Invalid, "Nama"},
			{keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "2.3.91", Nama: "Jalan"}, fault.Invalid, "Kode"},
		} {
			_, err := m.TambahKegiatanLokal(kab, tc.in, "admin")
			if !fault.Is(err, tc.code) || !strings.Contains(errText(err), tc.want) {
				t.Errorf("add %+v: %v, want %s saying %q", tc.in, err, tc.code, tc.want)
			}
		}
		k, err := m.TambahKegiatanLokal(kab, keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "02.03.97", Nama: "Penataan telajakan banjar"}, "admin")
		if err != nil || k.KodeSubBidang != "02.03" {
			t.Fatalf("add 02.03.97: %+v %v", k, err)
		}
		if _, err := m.TambahKegiatanLokal(kab, keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "02.03.97", Nama: "Lagi"}, "admin"); !fault.Is(err, fault.Conflict) {
			t.Errorf("the same code twice in a year: %v, want Conflict", err)
		}
		if _, err := m.TambahKegiatanLokal(tenancy.With(bg, tenancy.Tenant{Kode: "51.02.06"}), keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "02.03.98", Nama: "Kec"}, "camat"); !fault.Is(err, fault.NotFound) {
			t.Errorf("a kecamatan adds local kegiatan: %v, want NotFound", err)
		}
		if got := load(desa, "02.03.97"); got != keuangan.DaftarLokal {
			t.Errorf("Bengkel's line with local 02.03.97 read as %q", got)
		}
		if got := load(desa, "02.03.97"); got == "" {
			t.Error("local kegiatan refused in its kabupaten")
		}
		if got := load(lain, "02.03.97"); got != "" {
			t.Errorf("another kabupaten's desa may use Tabanan's local kegiatan (%q)", got)
		}
		if p, err := m.ListKegiatanLokal(tenancy.With(bg, tenancy.Tenant{Kode: kabupatenLain}), keuangan.KegiatanLokalQuery{Tahun: 2026}); err != nil || len(p.Items) != 0 {
			t.Errorf("another kabupaten lists %v %v", p.Items, err)
		}
		if p, err := m.ListKegiatanLokal(kab, keuangan.KegiatanLokalQuery{Tahun: 2025}); err != nil || len(p.Items) != 0 {
			t.Errorf("2025 lists 2026's local kegiatan: %v %v", p.Items, err)
		}

		// Ended: no new line may use it; the code stays taken this year.
		if _, err := m.AkhiriKegiatanLokal(kab, 2026, "02.03.97", "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := m.AkhiriKegiatanLokal(kab, 2026, "02.03.97", "admin"); !fault.Is(err, fault.Conflict) {
			t.Errorf("ending twice: %v", err)
		}
		if got := load(desa, "02.03.97"); got != "" {
			t.Errorf("ended local kegiatan still accepted (%q)", got)
		}
		if p, _ := m.ListKegiatanLokal(kab, keuangan.KegiatanLokalQuery{Tahun: 2026}); len(p.Items) != 0 {
			t.Errorf("ended kegiatan listed as in force: %v", p.Items)
		}
		if p, _ := m.ListKegiatanLokal(kab, keuangan.KegiatanLokalQuery{Tahun: 2026, Semua: true}); len(p.Items) != 1 || p.Items[0].DiakhiriAt == nil {
			t.Errorf("semua=true: %v", p.Items)
		}

		// Off again: the Siskeudes code is refused once more.
		if _, err := m.SetSiskeudes(kab, false, "admin"); err != nil {
			t.Fatal(err)
		}
		if got := load(desa, "02.04.94"); got != "" {
			t.Errorf("02.04.94 accepted after switching off (%q)", got)
		}
		// A local kegiatan added while the list is off keeps its code when
		// the list comes on: the Siskeudes row is shown as not usable.
		if _, err := m.TambahKegiatanLokal(kab, keuangan.KegiatanLokalBaru{Tahun: 2026, Kode: "02.04.94", Nama: "Bedah rumah banjar"}, "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := m.SetSiskeudes(kab, true, "admin"); err != nil {
			t.Fatal(err)
		}
		if got := load(desa, "02.04.94"); got != keuangan.DaftarLokal {
			t.Errorf("02.04.94 read as %q, want the local kegiatan", got)
		}
		p, err := m.ListPilihanKegiatan(desa, keuangan.PilihanQuery{Params: page.Params{Limit: 10}, Tahun: 2026, Q: "02.04.94"})
		if err != nil || len(p.Items) != 2 || p.Items[0].Daftar != keuangan.DaftarLokal || p.Items[1].Dipakai {
			t.Errorf("02.04.94 offered as %+v %v", p.Items, err)
		}
	})
}

func errText(err error) string {
	if e, ok := fault.As(err); ok {
		s := e.Message
		for _, p := range fault.FieldMessages(err) {
			s += " " + p
		}
		return s
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// kabAuth signs in the users below; each holds its roles' permissions at
// its wilayah and inside it.
type kabAuth struct{}

var kabUsers = map[string]struct {
	at    tenancy.Kode
	perms []authz.Permission
}{
	"admin-tabanan": {tabanan, []authz.Permission{keuangan.PermRead, keuangan.PermAturan}},
	"admin-lain":    {kabupatenLain, []authz.Permission{keuangan.PermRead, keuangan.PermAturan}},
	"bupati":        {tabanan, []authz.Permission{keuangan.PermRead}},
	"perbekel":      {bengkel, []authz.Permission{keuangan.PermRead, keuangan.PermWrite}},
}

func (kabAuth) Authenticate(ctx context.Context, token string) (context.Context, httpserver.Identity, error) {
	if _, ok := kabUsers[token]; !ok {
		return ctx, httpserver.Identity{}, fault.New(fault.Unauthorized, "sesi tidak dikenal")
	}
	return auth.WithUser(ctx, auth.User{ID: token, Name: token}), httpserver.Identity{UserID: token}, nil
}

func (kabAuth) Allowed(_ context.Context, user string, target tenancy.Kode, p authz.Permission) (bool, error) {
	u, ok := kabUsers[user]
	if !ok || !u.at.Contains(target) {
		return false, nil
	}
	for _, q := range u.perms {
		if q == p {
			return true, nil
		}
	}
	return false, nil
}

func TestReferensiKabupatenAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d, func(deps *keuangan.Deps) { deps.Authz = kabAuth{} })
		srv := apiServer(m, kabAuth{})

		for _, tc := range []struct {
			method, path, user string
			body               any
			status             int
		}{
			// Another kabupaten's admin, the bupati (read only) and a
			// perbekel are refused the switch and the local list.
			{"PUT", "/wilayah/51.02/keuangan/referensi/pengaturan", "admin-lain", map[string]bool{"siskeudes": true}, 403},
			{"PUT", "/wilayah/51.02/keuangan/referensi/pengaturan", "bupati", map[string]bool{"siskeudes": true}, 403},
			{"POST", "/wilayah/51.02/keuangan/referensi/kegiatan-lokal", "admin-lain", map[string]any{"tahun": 2026, "kode": "02.03.97", "nama": "X"}, 403},
			{"POST", "/wilayah/51.02/keuangan/referensi/kegiatan-lokal", "perbekel", map[string]any{"tahun": 2026, "kode": "02.03.97", "nama": "X"}, 403},
			{"POST", "/wilayah/51.02/keuangan/referensi/kegiatan-lokal/2026/02.03.97/akhiri", "admin-lain", nil, 403},
			// A kecamatan or desa code is no kabupaten.
			{"PUT", "/wilayah/51.02.06/keuangan/referensi/pengaturan", "admin-tabanan", map[string]bool{"siskeudes": true}, 404},
			// The admin of Tabanan.
			{"GET", "/wilayah/51.02/keuangan/referensi/pengaturan", "bupati", nil, 200},
			{"PUT", "/wilayah/51.02/keuangan/referensi/pengaturan", "admin-tabanan", map[string]bool{"siskeudes": true}, 200},
			{"POST", "/wilayah/51.02/keuangan/referensi/kegiatan-lokal", "admin-tabanan", map[string]any{"tahun": 2026, "kode": "02.03.80", "nama": "X"}, 422},
			{"POST", "/wilayah/51.02/keuangan/referensi/kegiatan-lokal", "admin-tabanan", map[string]any{"tahun": 2026, "kode": "02.03.97", "nama": "Telajakan"}, 201},
			{"GET", "/wilayah/51.02/keuangan/referensi/kegiatan-lokal?tahun=2026", "bupati", nil, 200},
			{"GET", "/wilayah/35.23/keuangan/referensi/kegiatan-lokal?tahun=2026", "bupati", nil, 403},
			{"GET", "/desa/51.02.06.2001/keuangan/pilihan-kegiatan?tahun=2026&q=02.03.97", "perbekel", nil, 200},
			{"GET", "/desa/51.02.06.2002/keuangan/pilihan-kegiatan?tahun=2026", "perbekel", nil, 403},
			{"POST", "/wilayah/51.02/keuangan/referensi/kegiatan-lokal/2026/02.03.97/akhiri", "admin-tabanan", nil, 200},
			{"POST", "/wilayah/51.02/keuangan/referensi/kegiatan-lokal/2026/02.03.99/akhiri", "admin-tabanan", nil, 404},
		} {
			status, body := apiJSON(t, srv, tc.method, tc.path, tc.user, tc.body)
			if status != tc.status {
				t.Errorf("%s %s as %s: %d %v, want %d", tc.method, tc.path, tc.user, status, body, tc.status)
			}
			switch {
			case tc.method == "PUT" && status == 200 && body["siskeudes"] != true:
				t.Errorf("switch answered %v", body)
			case strings.Contains(tc.path, "pilihan-kegiatan") && status == 200:
				items, _ := body["items"].([]any)
				if len(items) != 1 || items[0].(map[string]any)["daftar"] != "lokal" {
					t.Errorf("Bengkel's kegiatan 02.03.97: %v, want the local one labelled lokal", items)
				}
			case strings.HasSuffix(tc.path, "kegiatan-lokal?tahun=2026") && status == 200:
				items, _ := body["items"].([]any)
				if len(items) != 1 {
					t.Errorf("local list: %v", body)
				}
			}
		}
	})
}
