package administration_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
)

// holder is the name on the org chart for jabatan, "" when vacant.
func holder(t *testing.T, f *fixture, j a.Jabatan) string {
	t.Helper()
	b, err := f.m.Bagan(at(bengkel))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range b.Unsur {
		for _, p := range u.Posisi {
			if p.Jabatan == j && p.Pejabat != nil {
				return p.Pejabat.Nama
			}
		}
	}
	return ""
}

func names(t *testing.T, f *fixture, status string) []string {
	t.Helper()
	pg, err := f.m.ListPerangkat(at(bengkel), a.PerangkatQuery{Params: page.Params{Limit: 100}, Status: status})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range pg.Items {
		out = append(out, p.Nama)
	}
	return out
}

// An end date ahead keeps the person in post until that date: on the org
// chart, in the list, in the SOTK's checks and with their account's role;
// on the date the post falls vacant and the daily job takes the role back.
// The SK pemberhentian is recorded with it.
func TestFutureEndDateKeepsThePersonInPostUntilThen(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := as(bengkel, admin)
		kades := mustAppoint(t, f, bengkel, appointment(a.KepalaDesa, "I Made Sudarsana", 1))
		if _, err := f.m.LinkUser(ctx, kades.ID, "made"); err != nil {
			t.Fatal(err)
		}
		// Today is 23 November 2026; the SK ends the post from 15 December.
		res, err := f.m.EndPerangkat(ctx, kades.ID, a.Pemberhentian{Tanggal: "2026-12-15", Alasan: "permintaan sendiri",
			SKNomor: "Keputusan Bupati Tabanan Nomor 141/77/HK/2026", SKTanggal: "2026-11-20"})
		if err != nil {
			t.Fatal(err)
		}
		if res.SinkronPeran != nil {
			t.Fatalf("role touched before the end date: %+v", res.SinkronPeran)
		}
		got, err := f.m.GetPerangkat(at(bengkel), kades.ID)
		if err != nil || got.SKBerhentiNomor != "Keputusan Bupati Tabanan Nomor 141/77/HK/2026" || got.SKBerhentiTanggal != "2026-11-20" ||
			got.TanggalBerhenti != "2026-12-15" || !got.ActiveOn("2026-12-14") || got.ActiveOn("2026-12-15") {
			t.Fatalf("after recording the end: %+v %v", got, err)
		}
		if h := holder(t, f, a.KepalaDesa); h != "I Made Sudarsana" {
			t.Fatalf("org chart shows %q before the end date", h)
		}
		if n := names(t, f, "aktif"); len(n) != 1 {
			t.Fatalf("aktif %v", n)
		}
		if s, err := f.m.Signer(context.Background(), bengkel); err != nil || s.Nama != "I Made Sudarsana" {
			t.Fatalf("signer %+v %v", s, err)
		}
		if ok, _ := f.authz.Allowed(context.Background(), "made", bengkel, a.PermPerangkatWrite); !ok {
			t.Fatal("role taken before the end date")
		}
		_, err = f.m.Appoint(at(bengkel), appointment(a.KepalaDesa, "Perbekel Baru", 2))
		wantFault(t, err, fault.Conflict, "berhenti mulai 15 Desember 2026")
		// A corrected SK moves the date; an SK number without its date is refused.
		_, err = f.m.EndPerangkat(ctx, kades.ID, a.Pemberhentian{Tanggal: "2026-12-20", SKNomor: "141/78"})
		wantFault(t, err, fault.Invalid, "")

		f.clock.Add(22 * 24 * time.Hour) // 15 December 2026
		if h := holder(t, f, a.KepalaDesa); h != "" {
			t.Fatalf("org chart shows %q on the end date", h)
		}
		if n := names(t, f, "berhenti"); len(n) != 1 {
			t.Fatalf("berhenti %v", n)
		}
		_, err = f.m.EndPerangkat(ctx, kades.ID, a.Pemberhentian{Tanggal: "2026-12-20"})
		wantFault(t, err, fault.Conflict, "sudah berakhir")
		before := count(t, d, "job_outbox")
		if _, err := f.m.FlagExpiringTerms(context.Background()); err != nil {
			t.Fatal(err)
		}
		if after := count(t, d, "job_outbox"); after != before+1 {
			t.Fatalf("outbox %d → %d, want one role sync queued by the daily job", before, after)
		}
		if err := f.m.SyncRoles(at(bengkel), "made"); err != nil {
			t.Fatal(err)
		}
		if ok, _ := f.authz.Allowed(context.Background(), "made", bengkel, a.PermPerangkatWrite); ok {
			t.Fatal("role kept after the end date")
		}
		mustAppoint(t, f, bengkel, appointment(a.KepalaDesa, "Perbekel Baru", 2))
	})
}

// A BPD whose members' terms have all run out takes new members: the nine
// seats count only members holding their seat today. Ending a seat records
// its date and reason; a lembaga has one active ketua.
func TestBPDSeatsCountOnlyMembersInPostToday(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := at(bengkel)
		bpd, err := f.m.CreateLembaga(ctx, a.LembagaInput{Jenis: a.BPD, Nama: "BPD Desa Bengkel"})
		if err != nil {
			t.Fatal(err)
		}
		var ketua a.Anggota
		for i := 0; i < 9; i++ {
			jab := "Anggota"
			if i == 0 {
				jab = "Ketua"
			}
			an, err := f.m.AddAnggota(ctx, bpd.ID, a.AnggotaInput{Nama: "Anggota Lama " + string(rune('A'+i)), Jabatan: jab,
				Mulai: "2018-11-01", Selesai: "2026-11-01"})
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				ketua = an
			}
		}
		if l, _ := f.m.GetLembaga(ctx, bpd.ID); l.AnggotaAktif != 0 {
			t.Fatalf("%d members counted as in post after their terms ran out", l.AnggotaAktif)
		}
		baru := a.AnggotaInput{Nama: "I Ketut Baru", Jabatan: "Anggota", Mulai: "2026-11-10", Selesai: "2034-11-10"}
		if _, err := f.m.AddAnggota(ctx, bpd.ID, baru); err != nil {
			t.Fatalf("a BPD with every term run out refused a member: %v", err)
		}
		// A second ketua while the old one's seat is not ended.
		k2 := baru
		k2.Nama, k2.Jabatan = "Ni Made Ketua", "ketua"
		_, err = f.m.AddAnggota(ctx, bpd.ID, k2)
		wantFault(t, err, fault.Conflict, "sudah memiliki ketua aktif")
		ended, err := f.m.EndAnggota(ctx, bpd.ID, ketua.ID, a.Berhenti{Tanggal: "2026-11-01", Alasan: "masa jabatan berakhir"})
		if err != nil || ended.AlasanBerhenti != "masa jabatan berakhir" || ended.ActiveOn("2026-11-23") {
			t.Fatalf("end: %+v %v", ended, err)
		}
		k, err := f.m.AddAnggota(ctx, bpd.ID, k2)
		if err != nil {
			t.Fatalf("new ketua after the old one ended: %v", err)
		}
		// "Wakil Ketua" is not a second ketua; editing a member into ketua is.
		w := baru
		w.Nama, w.Jabatan = "Wakil", "Wakil Ketua"
		wakil, err := f.m.AddAnggota(ctx, bpd.ID, w)
		if err != nil {
			t.Fatal(err)
		}
		w.Jabatan = "Ketua"
		_, err = f.m.UpdateAnggota(ctx, bpd.ID, wakil.ID, w)
		wantFault(t, err, fault.Conflict, "ketua aktif")
		k2.Nama = "Ni Made Ketua Sari"
		if got, err := f.m.UpdateAnggota(ctx, bpd.ID, k.ID, k2); err != nil || got.Nama != "Ni Made Ketua Sari" {
			t.Fatalf("edit the ketua's name: %+v %v", got, err)
		}
		if l, _ := f.m.GetLembaga(ctx, bpd.ID); l.AnggotaAktif != 3 {
			t.Fatalf("%d in post, want 3", l.AnggotaAktif)
		}
		// Fill the BPD to nine in post: the tenth is refused.
		for i := 0; i < 6; i++ {
			in := baru
			in.Nama = "Anggota Baru " + string(rune('A'+i))
			if _, err := f.m.AddAnggota(ctx, bpd.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		_, err = f.m.AddAnggota(ctx, bpd.ID, baru)
		wantFault(t, err, fault.Conflict, "9 anggota yang sedang menjabat")
		// The lembaga itself is edited; a second BPD by renaming a kind is refused.
		if l, err := f.m.UpdateLembaga(ctx, bpd.ID, a.LembagaInput{Jenis: a.BPD, Nama: "BPD Bengkel", SKNomor: "141/2026"}); err != nil || l.Nama != "BPD Bengkel" {
			t.Fatalf("update lembaga: %+v %v", l, err)
		}
		_, err = f.m.UpdateLembaga(ctx, bpd.ID, a.LembagaInput{Jenis: a.Posyandu, Nama: "Posyandu"})
		wantFault(t, err, fault.Conflict, "sudah memiliki anggota")
		pos, err := f.m.CreateLembaga(ctx, a.LembagaInput{Jenis: a.Posyandu, Nama: "Posyandu Mawar"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.m.UpdateLembaga(ctx, pos.ID, a.LembagaInput{Jenis: a.BPD, Nama: "Posyandu Mawar"})
		wantFault(t, err, fault.Conflict, "satu desa hanya satu")
	})
}

// The database keeps one ketua whose end is not recorded, whatever the
// code above it checks.
func TestDatabaseRefusesASecondOpenKetua(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := at(bengkel)
		l, err := f.m.CreateLembaga(ctx, a.LembagaInput{Jenis: a.PKK, Nama: "TP PKK"})
		if err != nil {
			t.Fatal(err)
		}
		k, err := f.m.AddAnggota(ctx, l.ID, a.AnggotaInput{Nama: "Ketua Satu", Jabatan: "Ketua", Mulai: "2022-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		err = d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewInsert().Model(&a.Anggota{DesaID: k.DesaID, ID: newUUID(t), LembagaID: l.ID, Nama: "Ketua Dua",
				Jabatan: "KETUA", Mulai: "2022-01-01", CreatedAt: k.CreatedAt, UpdatedAt: k.UpdatedAt}).Exec(ctx)
			return err
		})
		if !db.IsUniqueViolation(err) {
			t.Fatalf("second open ketua inserted: %v", err)
		}
	})
}

// A kind typed into a dusun's name is not stored, so it is never written
// twice; a dusun still led cannot be deleted, with a message saying why.
func TestDusunNameAndDelete(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := at(bengkel)
		dn, err := f.m.CreateDusun(ctx, a.DusunInput{Nama: "  Banjar Dinas  Bengkel Kangin ", Sebutan: a.SebutanBanjar})
		if err != nil || dn.Nama != "Bengkel Kangin" || dn.Judul() != "Banjar Dinas Bengkel Kangin" {
			t.Fatalf("create: %+v %q %v", dn, dn.Judul(), err)
		}
		_, err = f.m.CreateDusun(ctx, a.DusunInput{Nama: "bengkel kangin", Sebutan: a.SebutanBanjar})
		wantFault(t, err, fault.Conflict, "sudah ada")
		dn, err = f.m.UpdateDusun(ctx, dn.ID, a.DusunInput{Nama: "banjar Bengkel Kauh", Sebutan: a.SebutanBanjar})
		if err != nil || dn.Nama != "Bengkel Kauh" {
			t.Fatalf("rename: %+v %v", dn, err)
		}
		if dk, _ := f.m.CreateDusun(ctx, a.DusunInput{Nama: "Banjar Anyar", Sebutan: a.SebutanDusun}); dk.Judul() != "Dusun Banjar Anyar" {
			t.Fatalf("a dusun named Banjar Anyar became %q", dk.Judul())
		}
		in := appointment(a.KepalaKewilayahan, "I Wayan Kelian", 9)
		in.DusunID = &dn.ID
		p := mustAppoint(t, f, bengkel, in)
		err = f.m.DeleteDusun(ctx, dn.ID)
		wantFault(t, err, fault.Conflict, "masih dipimpin I Wayan Kelian")
		if _, err := f.m.EndPerangkat(ctx, p.ID, a.Pemberhentian{Tanggal: "2026-11-23"}); err != nil {
			t.Fatal(err)
		}
		err = f.m.DeleteDusun(ctx, dn.ID)
		wantFault(t, err, fault.Conflict, "riwayat")
		empty, _ := f.m.CreateDusun(ctx, a.DusunInput{Nama: "Kosong", Sebutan: a.SebutanBanjar})
		if err := f.m.DeleteDusun(ctx, empty.ID); err != nil {
			t.Fatal(err)
		}
	})
}

// The API says who is in post today: an appointment whose end is recorded
// ahead answers aktif true (with its ended_at) until that date, and a BPD
// seat whose term has run out answers aktif but not menjabat.
func TestAPIAnswersAktifOnTodaysDate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAPI(t, d)
		p := mustAppoint(t, f.fixture, bengkel, appointment(a.SekretarisDesa, "Ni Luh Sekdes", 2))
		path := "/desa/51.02.06.2001/perangkat/" + p.ID.String()
		status, body := f.call("made", "POST", path+"/berhenti", map[string]any{"tanggal": "2026-12-15",
			"sk_nomor": "141/9/2026", "sk_tanggal": "2026-11-20"})
		if status != 200 || !strings.Contains(body, `"aktif":true`) || !strings.Contains(body, `"sk_berhenti_nomor":"141/9/2026"`) {
			t.Fatalf("end ahead: %d %s", status, body)
		}
		if status, body := f.call("made", "GET", "/desa/51.02.06.2001/perangkat?status=aktif", nil); status != 200 ||
			!strings.Contains(body, `"aktif":true`) || !strings.Contains(body, "Ni Luh Sekdes") {
			t.Fatalf("list: %d %s", status, body)
		}
		f.clock.Add(22 * 24 * time.Hour)
		if status, body := f.call("made", "GET", path, nil); status != 200 || !strings.Contains(body, `"aktif":false`) {
			t.Fatalf("after the date: %d %s", status, body)
		}

		bpd, err := f.m.CreateLembaga(at(bengkel), a.LembagaInput{Jenis: a.BPD, Nama: "BPD Bengkel"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.m.AddAnggota(at(bengkel), bpd.ID, a.AnggotaInput{Nama: "Lama", Jabatan: "Anggota", Mulai: "2018-11-01", Selesai: "2026-11-01"}); err != nil {
			t.Fatal(err)
		}
		status, body = f.call("made", "GET", "/desa/51.02.06.2001/lembaga/"+bpd.ID.String()+"/anggota", nil)
		if status != 200 || !strings.Contains(body, `"aktif":true`) || !strings.Contains(body, `"menjabat":false`) {
			t.Fatalf("seat past its term: %d %s", status, body)
		}
	})
}
