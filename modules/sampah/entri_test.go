package sampah_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// bankFixture is a bank sampah of a desa with three jenis (two priced)
// and nasabah, inserted directly.
type bankFixture struct {
	desa                 tenancy.Kode
	bank                 string
	pet, kardus, minyak  string // minyak has no price
	nasabah, lain, pasif string // lain: a nasabah of another unit; pasif: inactive
	anggota              []string
}

func v7() string { return uuid.Must(uuid.NewV7()).String() }

// seedBank inserts the fixture with n extra nasabah.
func seedBank(t testing.TB, d *db.DB, desa tenancy.Kode, n int) bankFixture {
	t.Helper()
	f := bankFixture{desa: desa, bank: v7(), pet: v7(), kardus: v7(), minyak: v7(), nasabah: v7(), lain: v7(), pasif: v7()}
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
	id := desa.ID()
	at := now.Add(-24 * time.Hour)
	unit2 := v7()
	fs := []sampah.Fasilitas{
		{DesaID: id, ID: f.bank, Jenis: sampah.FasilitasBankSampah, Nama: "Bank Sampah Bestari", Status: "aktif", CreatedBy: "uji", CreatedAt: at, UpdatedBy: "uji", UpdatedAt: at},
		{DesaID: id, ID: unit2, Jenis: sampah.FasilitasBankSampah, Nama: "Bank Sampah Banjar Tengah", Status: "aktif", CreatedBy: "uji", CreatedAt: at, UpdatedBy: "uji", UpdatedAt: at},
	}
	js := []sampah.JenisSampah{
		{DesaID: id, ID: f.pet, FasilitasID: f.bank, Kode: "PET", Nama: "Botol PET", Kelompok: "anorganik", Satuan: "kg", Aktif: true},
		{DesaID: id, ID: f.kardus, FasilitasID: f.bank, Kode: "KRD", Nama: "Kardus", Kelompok: "anorganik", Satuan: "kg", Aktif: true},
		{DesaID: id, ID: f.minyak, FasilitasID: f.bank, Kode: "MJL", Nama: "Minyak jelantah", Kelompok: "anorganik", Satuan: "liter", Aktif: true},
	}
	hs := []sampah.Harga{
		{DesaID: id, JenisID: f.pet, BerlakuMulai: "2026-01-01", Harga: 3000, CreatedBy: "uji", CreatedAt: at},
		{DesaID: id, JenisID: f.kardus, BerlakuMulai: "2026-01-01", Harga: 1500, CreatedBy: "uji", CreatedAt: at},
	}
	ns := []sampah.Nasabah{
		{DesaID: id, ID: f.nasabah, FasilitasID: f.bank, Nomor: 1, Nama: "Ni Luh Sari", Jenis: "rumah_tangga", Dusun: "Banjar Kaja", Aktif: true, CreatedBy: "uji", CreatedAt: at},
		{DesaID: id, ID: f.lain, FasilitasID: unit2, Nomor: 1, Nama: "I Made Lain", Jenis: "rumah_tangga", Aktif: true, CreatedBy: "uji", CreatedAt: at},
		{DesaID: id, ID: f.pasif, FasilitasID: f.bank, Nomor: 2, Nama: "I Wayan Pasif", Jenis: "rumah_tangga", Aktif: false, CreatedBy: "uji", CreatedAt: at},
	}
	for i := range n {
		nid := v7()
		f.anggota = append(f.anggota, nid)
		ns = append(ns, sampah.Nasabah{DesaID: id, ID: nid, FasilitasID: f.bank, Nomor: 10 + i, Nama: fmt.Sprintf("Nasabah %d", i),
			Jenis: "rumah_tangga", Aktif: true, CreatedBy: "uji", CreatedAt: at})
	}
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, m := range []any{&fs, &js, &hs, &ns} {
			if _, err := tx.NewInsert().Model(m).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// asUser is a tenant context of desa acting as user.
func asUser(desa tenancy.Kode, user string) context.Context {
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
	return auth.WithUser(ctx, auth.User{ID: user, Name: user})
}

func setoranBody(f bankFixture, id string, rinci ...map[string]any) map[string]any {
	b := map[string]any{"fasilitas_id": f.bank, "nasabah_id": f.nasabah, "rinci": rinci}
	if id != "" {
		b["id"] = id
	}
	return b
}

func line(jenis string, milli int64) map[string]any {
	return map[string]any{"jenis_id": jenis, "jumlah_milli": milli}
}

var entriUsers = map[string]grant{
	"perbekel": {authz.Perbekel, bengkel},
	"petugas":  {authz.PetugasSampah, bengkel},
	"camat":    {authz.Camat, "51.02.06"},
	"dlh":      {authz.OPD, "51.02"},
	"forum":    {authz.ForumPerbekel, "51.02"},
	"lain":     {authz.Perbekel, "51.02.06.2002"},
}

func saldoOf(t *testing.T, d *db.DB, desa tenancy.Kode, nasabah string) int64 {
	t.Helper()
	var s int64
	err := d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: desa}), func(ctx context.Context, tx bun.Tx) error {
		var err error
		s, err = sampah.Saldo(ctx, tx, nasabah, "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A setoran copies the price in force on its date and keeps it after the
// list changes; a jenis with no price then is refused by name.
func TestSetoranCopiesPriceAndKeepsIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := seedBank(t, d, bengkel, 0)
		m := newModule(t, d)
		srv := apiServer(m, accounts{users: entriUsers})
		path := "/desa/" + bengkel + "/sampah/setoran"
		code, out := apiJSON(t, srv, http.MethodPost, path, "petugas", setoranBody(f, "", line(f.pet, 2500), line(f.kardus, 1000)))
		if code != http.StatusCreated {
			t.Fatalf("setoran: %d %v", code, out)
		}
		if out["jumlah"] != float64(7500+1500) || out["saldo"] != float64(9000) || out["tanggal"] != "2026-03-05" {
			t.Errorf("setoran: jumlah %v saldo %v tanggal %v, want 9000, 9000, 2026-03-05", out["jumlah"], out["saldo"], out["tanggal"])
		}
		first := out["id"].(string)
		// A new price from 1 March: the old setoran keeps 3000.
		err := d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel}), func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewInsert().Model(&sampah.Harga{DesaID: tenancy.Kode(bengkel).ID(), JenisID: f.pet, BerlakuMulai: "2026-03-01", Harga: 4000,
				CreatedBy: "uji", CreatedAt: now}).Exec(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		code, got := apiJSON(t, srv, http.MethodGet, "/desa/"+bengkel+"/sampah/entri/"+first, "petugas", nil)
		if code != 200 {
			t.Fatalf("get: %d %v", code, got)
		}
		harga := map[string]float64{}
		for _, r := range got["rinci"].([]any) {
			r := r.(map[string]any)
			harga[r["nama"].(string)] = r["harga"].(float64)
		}
		if harga["Botol PET"] != 3000 || got["nama_nasabah"] != "Ni Luh Sari" {
			t.Errorf("kept price %v, nasabah %v; want 3000, Ni Luh Sari", harga, got["nama_nasabah"])
		}
		_, now2 := apiJSON(t, srv, http.MethodPost, path, "petugas", setoranBody(f, "", line(f.pet, 1000)))
		if now2["jumlah"] != float64(4000) {
			t.Errorf("after the new price: %v, want 4000", now2["jumlah"])
		}
		back := setoranBody(f, "", line(f.pet, 1000))
		back["tanggal"] = "2026-02-10"
		if _, o := apiJSON(t, srv, http.MethodPost, path, "petugas", back); o["jumlah"] != float64(3000) {
			t.Errorf("dated before the new price: %v, want 3000", o["jumlah"])
		}
		code, o := apiJSON(t, srv, http.MethodPost, path, "petugas", setoranBody(f, "", line(f.minyak, 1000)))
		if code != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(o), "Harga Minyak jelantah belum ditetapkan") {
			t.Errorf("jenis without price: %d %v", code, o)
		}
		for name, b := range map[string]map[string]any{
			"future":         func() map[string]any { b := setoranBody(f, "", line(f.pet, 1)); b["tanggal"] = "2026-03-06"; return b }(),
			"too old":        func() map[string]any { b := setoranBody(f, "", line(f.pet, 1)); b["tanggal"] = "2024-12-31"; return b }(),
			"other unit":     func() map[string]any { b := setoranBody(f, "", line(f.pet, 1)); b["nasabah_id"] = f.lain; return b }(),
			"inactive":       func() map[string]any { b := setoranBody(f, "", line(f.pet, 1)); b["nasabah_id"] = f.pasif; return b }(),
			"twice":          setoranBody(f, "", line(f.pet, 1), line(f.pet, 2)),
			"none":           setoranBody(f, ""),
			"zero":           setoranBody(f, "", line(f.pet, 0)),
			"too much":       setoranBody(f, "", line(f.pet, int64(sampah.MaxTakaran)+1)),
			"not v7":         setoranBody(f, "01937a6e-0000-4000-8000-000000000000", line(f.pet, 1)),
			"unknown jenis":  setoranBody(f, "", line(v7(), 1)),
			"unknown person": func() map[string]any { b := setoranBody(f, "", line(f.pet, 1)); b["nasabah_id"] = v7(); return b }(),
		} {
			if code, o := apiJSON(t, srv, http.MethodPost, path, "petugas", b); code != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422: %v", name, code, o)
			}
		}
		if s := saldoOf(t, d, bengkel, f.nasabah); s != 9000+4000+3000 {
			t.Errorf("saldo %d, want 16000", s)
		}
	})
}

// A double tap or a resubmitted form carries the same id: one entry.
func TestSetoranSameIDIsOneEntry(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := seedBank(t, d, bengkel, 1)
		m := newModule(t, d)
		srv := apiServer(m, accounts{users: entriUsers})
		path := "/desa/" + bengkel + "/sampah/setoran"
		id := v7()
		var ids []any
		for range 3 {
			code, out := apiJSON(t, srv, http.MethodPost, path, "petugas", setoranBody(f, id, line(f.pet, 1000)))
			if code != http.StatusCreated {
				t.Fatalf("%d %v", code, out)
			}
			ids = append(ids, out["id"])
		}
		if ids[0] != id || ids[1] != id || ids[2] != id {
			t.Errorf("ids %v, want %s thrice", ids, id)
		}
		if s := saldoOf(t, d, bengkel, f.nasabah); s != 3000 {
			t.Errorf("saldo %d after three sends of one setoran, want 3000", s)
		}
		code, list := apiJSON(t, srv, http.MethodGet, "/desa/"+bengkel+"/sampah/entri", "petugas", nil)
		if code != 200 || len(list["items"].([]any)) != 1 {
			t.Errorf("journal: %d %v, want one entry", code, list)
		}
		other := setoranBody(f, id, line(f.pet, 1000))
		other["nasabah_id"] = f.anggota[0]
		if code, o := apiJSON(t, srv, http.MethodPost, path, "petugas", other); code != http.StatusConflict {
			t.Errorf("same id, another nasabah: %d %v, want 409", code, o)
		}
		if code, o := apiJSON(t, srv, http.MethodPost, path, "perbekel", setoranBody(f, id, line(f.pet, 1000))); code != http.StatusConflict {
			t.Errorf("same id, another person: %d %v, want 409", code, o)
		}
	})
}

// A withdrawal never exceeds the saldo, also when many come at once.
func TestPenarikanNeverOverdraws(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := seedBank(t, d, bengkel, 0)
		m := newModule(t, d)
		ctx := asUser(bengkel, "petugas")
		if _, err := m.CatatSetoran(ctx, sampah.SetoranBaru{FasilitasID: f.bank, NasabahID: f.nasabah,
			Rinci: []sampah.RinciBaru{{JenisID: f.pet, Jumlah: 3334}}}); err != nil { // Rp10.002
			t.Fatal(err)
		}
		_, err := m.CatatPenarikan(ctx, sampah.PenarikanBaru{NasabahID: f.nasabah, Jumlah: 10_003})
		if fe, ok := fault.As(err); !ok || fe.Code != fault.Invalid || !strings.Contains(fe.Message, "saldo Ni Luh Sari (Rp10.002)") {
			t.Fatalf("over the saldo: %v", err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, refused := 0, 0
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := m.CatatPenarikan(ctx, sampah.PenarikanBaru{NasabahID: f.nasabah, Jumlah: 3000})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case fault.Is(err, fault.Invalid):
					refused++
				default:
					t.Errorf("penarikan: %v", err)
				}
			}()
		}
		wg.Wait()
		if ok != 3 || refused != 5 {
			t.Errorf("8 concurrent withdrawals of 3000 from 10002: %d saved, %d refused; want 3 and 5", ok, refused)
		}
		if s := saldoOf(t, d, bengkel, f.nasabah); s != 1002 {
			t.Errorf("saldo %d, want 1002", s)
		}
	})
}

// A koreksi undoes an entry once; the saldo stays the sum of the entries
// and never goes negative.
func TestKoreksiOnceAndSaldoIsTheSum(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := seedBank(t, d, bengkel, 0)
		m := newModule(t, d)
		srv := apiServer(m, accounts{users: entriUsers})
		base := "/desa/" + bengkel + "/sampah/"
		_, s1 := apiJSON(t, srv, http.MethodPost, base+"setoran", "petugas", setoranBody(f, "", line(f.pet, 2000)))    // 6000
		_, s2 := apiJSON(t, srv, http.MethodPost, base+"setoran", "petugas", setoranBody(f, "", line(f.kardus, 2000))) // 3000
		code, tarik := apiJSON(t, srv, http.MethodPost, base+"penarikan", "petugas", map[string]any{"nasabah_id": f.nasabah, "jumlah": 5000})
		if code != http.StatusCreated || tarik["saldo"] != float64(4000) {
			t.Fatalf("penarikan: %d %v", code, tarik)
		}
		k := func(id, catatan string) (int, map[string]any) {
			return apiJSON(t, srv, http.MethodPost, base+"entri/"+id+"/koreksi", "petugas", map[string]any{"catatan": catatan})
		}
		if code, o := k(s1["id"].(string), "Timbangan salah"); code != http.StatusConflict || !strings.Contains(fmt.Sprint(o), "koreksi penarikannya lebih dahulu") {
			t.Errorf("undoing 6000 of a saldo of 4000: %d %v", code, o)
		}
		if code, o := k(s2["id"].(string), ""); code != http.StatusUnprocessableEntity {
			t.Errorf("koreksi without a reason: %d %v", code, o)
		}
		code, kor := k(s2["id"].(string), "Kardus basah, ditolak")
		if code != http.StatusCreated || kor["jumlah"] != float64(-3000) || kor["koreksi_id"] != s2["id"] || kor["saldo"] != float64(1000) {
			t.Fatalf("koreksi: %d %v", code, kor)
		}
		if code, o := k(s2["id"].(string), "Lagi"); code != http.StatusConflict {
			t.Errorf("second koreksi: %d %v", code, o)
		}
		if code, o := k(kor["id"].(string), "Balik"); code != http.StatusConflict {
			t.Errorf("koreksi of a koreksi: %d %v", code, o)
		}
		if code, _ := k(tarik["id"].(string), "Uang belum diserahkan"); code != http.StatusCreated {
			t.Errorf("koreksi of the penarikan: %d", code)
		}
		if code, o := k(s1["id"].(string), "Timbangan salah"); code != http.StatusCreated {
			t.Errorf("undoing the setoran after its withdrawal was undone: %d %v", code, o)
		}
		code, list := apiJSON(t, srv, http.MethodGet, base+"entri?limit=100", "petugas", nil)
		if code != 200 {
			t.Fatal(code, list)
		}
		var sum int64
		reversed := 0
		for _, it := range list["items"].([]any) {
			e := it.(map[string]any)
			sum += int64(e["jumlah"].(float64))
			if e["dikoreksi_oleh"] != nil {
				reversed++
			}
		}
		if s := saldoOf(t, d, bengkel, f.nasabah); s != sum || s != 0 || reversed != 3 {
			t.Errorf("saldo %d, sum of the journal %d, reversed %d; want 0, 0, 3", s, sum, reversed)
		}
		code, got := apiJSON(t, srv, http.MethodGet, base+"entri/"+s2["id"].(string), "petugas", nil)
		if code != 200 || got["dikoreksi_oleh"] != kor["id"] {
			t.Errorf("the undone entry names its koreksi: %d %v", code, got["dikoreksi_oleh"])
		}
	})
}

// A penjualan is the unit's revenue at the typed price; the rekap sums it
// per jenis and month and forgets a reversed one.
func TestPenjualanRekap(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := seedBank(t, d, bengkel, 0)
		m := newModule(t, d)
		srv := apiServer(m, accounts{users: entriUsers})
		base := "/desa/" + bengkel + "/sampah/"
		body := map[string]any{"fasilitas_id": f.bank, "pembeli": "UD Rongsok Jaya", "tanggal": "2026-02-20",
			"rinci": []any{map[string]any{"jenis_id": f.pet, "jumlah_milli": 120_500, "harga": 4200}}}
		code, j := apiJSON(t, srv, http.MethodPost, base+"penjualan", "petugas", body)
		if code != http.StatusCreated || j["jumlah"] != float64(506_100) || j["nasabah_id"] != nil {
			t.Fatalf("penjualan: %d %v", code, j)
		}
		body["tanggal"] = "2026-03-01"
		_, j2 := apiJSON(t, srv, http.MethodPost, base+"penjualan", "petugas", body)
		if code, o := apiJSON(t, srv, http.MethodPost, base+"entri/"+j2["id"].(string)+"/koreksi", "petugas", map[string]any{"catatan": "Batal diangkut"}); code != http.StatusCreated {
			t.Fatalf("koreksi penjualan: %d %v", code, o)
		}
		delete(body, "pembeli")
		if code, _ := apiJSON(t, srv, http.MethodPost, base+"penjualan", "petugas", body); code != http.StatusUnprocessableEntity {
			t.Errorf("penjualan without a pengepul: %d", code)
		}
		code, r := apiJSON(t, srv, http.MethodGet, base+"penjualan/rekap?fasilitas="+f.bank+"&tahun=2026", "dlh", nil)
		if code != 200 || r["total_nilai"] != float64(506_100) || r["total_gram"] != float64(120_500) {
			t.Fatalf("rekap: %d %v", code, r)
		}
		feb := r["jenis"].([]any)[0].(map[string]any)["bulan"].([]any)[1].(map[string]any)
		if feb["jumlah_milli"] != float64(120_500) || strings.Contains(fmt.Sprint(r), "Rongsok") {
			t.Errorf("rekap February %v (and no names): %v", feb, r)
		}
	})
}

// Who may enter, read and sum the journal; another desa sees nothing.
func TestEntriWalls(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := seedBank(t, d, bengkel, 0)
		g := seedBank(t, d, "51.02.06.2002", 0)
		m := newModule(t, d)
		srv := apiServer(m, accounts{users: entriUsers})
		path := "/desa/" + bengkel + "/sampah/setoran"
		for user, want := range map[string]int{"petugas": 201, "perbekel": 201, "camat": 403, "dlh": 403, "forum": 403, "lain": 403} {
			if code, o := apiJSON(t, srv, http.MethodPost, path, user, setoranBody(f, "", line(f.pet, 100))); code != want {
				t.Errorf("setoran as %s: %d, want %d: %v", user, code, want, o)
			}
		}
		_, own := apiJSON(t, srv, http.MethodPost, path, "petugas", setoranBody(f, "", line(f.pet, 100)))
		for user, want := range map[string]int{"petugas": 200, "camat": 403, "dlh": 403, "forum": 403, "lain": 403} {
			if code, _ := apiJSON(t, srv, http.MethodGet, "/desa/"+bengkel+"/sampah/entri/"+own["id"].(string), user, nil); code != want {
				t.Errorf("receipt as %s: %d, want %d", user, code, want)
			}
		}
		// Bengkel's petugas with the other desa's ids through Bengkel's path.
		if code, _ := apiJSON(t, srv, http.MethodPost, path, "petugas", setoranBody(g, "", line(g.pet, 100))); code != http.StatusUnprocessableEntity {
			t.Errorf("foreign ids: %d, want 422", code)
		}
		_, foreign := apiJSON(t, srv, http.MethodPost, "/desa/51.02.06.2002/sampah/setoran", "lain", setoranBody(g, "", line(g.pet, 100)))
		fid := foreign["id"].(string)
		if code, _ := apiJSON(t, srv, http.MethodGet, "/desa/"+bengkel+"/sampah/entri/"+fid, "petugas", nil); code != http.StatusNotFound {
			t.Errorf("foreign entry through own desa: %d, want 404", code)
		}
		if code, _ := apiJSON(t, srv, http.MethodPost, "/desa/"+bengkel+"/sampah/entri/"+fid+"/koreksi", "petugas", map[string]any{"catatan": "x"}); code != http.StatusNotFound {
			t.Errorf("koreksi of a foreign entry: %d, want 404", code)
		}
		s := newSite(t, d, entriUsers, "Uji ")
		for user, want := range map[string]int{"petugas": 200, "camat": 403, "dlh": 403, "forum": 403, "lain": 403} {
			if code, _ := s.page(http.MethodGet, "/desa/"+bengkel+"/sampah/setoran", user, nil); code != want {
				t.Errorf("fast entry page as %s: %d, want %d", user, code, want)
			}
		}
	})
}

// The fast entry: one screen at the scale with a large decimal input per
// jenis; a refused form keeps every weight typed; a saved one opens the
// receipt, which prints and downloads (recorded).
func TestFastEntryPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := seedBank(t, d, bengkel, 0)
		s := newSite(t, d, entriUsers, "Uji ")
		base := "/desa/" + bengkel + "/sampah"
		_, body := s.want(200, http.MethodGet, base+"/setoran?fasilitas="+f.bank+"&q=sari", "petugas", nil)
		mustContain(t, "search", body, `id="hasil-nasabah"`, `class="tombol-besar" href="`+base+`/setoran?nasabah=`+f.nasabah+`"`, "Ni Luh Sari")
		_, body = s.want(200, http.MethodGet, base+"/setoran?nasabah="+f.nasabah, "petugas", nil)
		mustContain(t, "fast entry", body, `name="viewport" content="width=device-width`, `id="form-setoran"`,
			`name="berat_`+f.pet+`" class="isian-besar" inputmode="decimal"`, "Botol PET (kg)", "Rp3.000 per kg",
			"Minyak jelantah (liter)", "harga belum ditetapkan", `type="date"`, `name="tanggal"`, `value="2026-03-05"`, `name="id" value="`)
		if strings.Contains(body, "style=") || strings.Contains(body, "<script") {
			t.Error("the page carries inline style or script")
		}
		id := v7()
		form := url.Values{"id": {id}, "fasilitas_id": {f.bank}, "nasabah_id": {f.nasabah}, "tanggal": {"2026-03-05"},
			"berat_" + f.pet: {"2,5"}, "berat_" + f.kardus: {"dua"}, "berat_" + f.minyak: {""}}
		code, body := s.page(http.MethodPost, base+"/setoran", "petugas", form)
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("bad weight: %d", code)
		}
		mustContain(t, "refused form", body, `value="2,5"`, `value="dua"`, `aria-invalid="true"`, `value="`+id+`"`,
			"Kardus: Jumlah harus berupa angka")
		form.Set("berat_"+f.minyak, "3")
		form.Set("berat_"+f.kardus, "1")
		code, body = s.page(http.MethodPost, base+"/setoran", "petugas", form)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Harga Minyak jelantah belum ditetapkan") ||
			!strings.Contains(body, `id="setoran-berat_`+f.minyak+`"`) || !strings.Contains(body, `value="2,5"`) {
			t.Fatalf("jenis without a price: %d %.2000s", code, body)
		}
		form.Set("berat_"+f.minyak, "")
		code, loc := s.page(http.MethodPost, base+"/setoran", "petugas", form)
		if code != http.StatusSeeOther || loc != base+"/entri/"+id {
			t.Fatalf("save: %d %s", code, loc)
		}
		// The same form sent again (back button, double tap): the same entry.
		if code, loc2 := s.page(http.MethodPost, base+"/setoran", "petugas", form); code != http.StatusSeeOther || loc2 != loc {
			t.Errorf("resubmit: %d %s, want %s", code, loc2, loc)
		}
		// Next time the jenis this nasabah brought come first, marked.
		_, body = s.want(200, http.MethodGet, base+"/setoran?nasabah="+f.nasabah, "petugas", nil)
		if pet, mjl := strings.Index(body, "Botol PET (kg)"), strings.Index(body, "Minyak jelantah (liter)"); pet < 0 || mjl < 0 || pet > mjl ||
			strings.Count(body, "Biasa disetor nasabah ini") != 2 {
			t.Errorf("the usual jenis are not first: PET at %d, minyak at %d, %d marked", pet, mjl, strings.Count(body, "Biasa disetor nasabah ini"))
		}
		_, body = s.want(200, http.MethodGet, loc, "petugas", nil)
		mustContain(t, "receipt", body, "Bank Sampah Bestari", "Setoran", "Ni Luh Sari", "2,5 kg", "Rp9.000", `id="struk-saldo">Rp9.000`,
			`class="tanpa-cetak"`, loc+"/pdf")
		resp, pdf := s.do(http.MethodGet, loc+"/pdf", "petugas", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF") {
			t.Fatalf("pdf: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		recorded := false
		for _, a := range s.audit.actions() {
			recorded = recorded || a == "unduh-struk-sampah"
		}
		if !recorded {
			t.Errorf("the receipt's download is not recorded: %v", s.audit.actions())
		}
		// Penarikan over the saldo keeps the amount and names the saldo.
		tarik := url.Values{"id": {v7()}, "nasabah_id": {f.nasabah}, "jumlah": {"10.000"}, "tanggal": {"2026-03-05"}}
		code, body = s.page(http.MethodPost, base+"/penarikan", "petugas", tarik)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Rp9.000") || !strings.Contains(body, `value="10.000"`) {
			t.Errorf("penarikan over the saldo: %d %.1500s", code, body)
		}
		tarik.Set("jumlah", "4.000")
		if code, loc := s.page(http.MethodPost, base+"/penarikan", "petugas", tarik); code != http.StatusSeeOther || !strings.HasPrefix(loc, base+"/entri/") {
			t.Errorf("penarikan: %d %s", code, loc)
		}
		// The journal offers a koreksi per entry; a refused one says why.
		_, body = s.want(200, http.MethodGet, base+"/jurnal", "petugas", nil)
		mustContain(t, "journal", body, "Penarikan · Rp-4.000", "Setoran · Rp9.000", `action="`+base+`/entri/`+id+`/koreksi"`)
		code, body = s.page(http.MethodPost, base+"/entri/"+id+"/koreksi", "petugas", url.Values{"catatan": {"Salah timbang"}})
		if code != http.StatusConflict || !strings.Contains(body, "koreksi penarikannya lebih dahulu") {
			t.Errorf("koreksi below zero: %d", code)
		}
		_, body = s.want(200, http.MethodGet, base+"/penjualan?fasilitas="+f.bank, "petugas", nil)
		mustContain(t, "penjualan", body, `id="form-penjualan"`, `name="pembeli"`, "Harga jual per kg (Rp)")
	})
}
