package kunjungan_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// The dashboards' fixture: Tabanan with two kecamatan — Kediri (Bengkel
// and a neighbour) and another with one desa —, two OPD, fake indicator
// providers (the consumer interface is ours; the real providers are wired
// and tested in cmd/ngantor) and a fake audiensi count.

const (
	dsbKab      tenancy.Kode = "51.02"
	dsbKediri   tenancy.Kode = "51.02.06"
	dsbLain     tenancy.Kode = "51.02.07"
	dsbBengkel  tenancy.Kode = "51.02.06.2001"
	dsbTetangga tenancy.Kode = "51.02.06.2011"
	dsbSeberang tenancy.Kode = "51.02.07.2001"
	dsbDLH                   = "01937a6e-0000-7000-8000-0000000000d1"
	dsbKominfo               = "01937a6e-0000-7000-8000-0000000000d2"
)

var (
	permSampah = authz.Permission{Object: "sampah", Action: "capaian"}
	permCCTV   = authz.Permission{Object: "cctv", Action: "status"}
)

var dsbOPDs = map[string]kunjungan.OPD{
	dsbDLH:     {ID: dsbDLH, Kabupaten: dsbKab, Kode: "DLH", Nama: "Dinas Lingkungan Hidup", Aktif: true},
	dsbKominfo: {ID: dsbKominfo, Kabupaten: dsbKab, Kode: "DISKOMINFO", Nama: "Dinas Komunikasi dan Informatika", Aktif: true},
}

type dsbRegistri struct {
	members map[string]string // account name → OPD id
	az      *webtest.Accounts
}

func (r dsbRegistri) OPDByID(_ context.Context, id string) (kunjungan.OPD, error) {
	if o, ok := dsbOPDs[id]; ok {
		return o, nil
	}
	return kunjungan.OPD{}, fault.New(fault.NotFound, "OPD tidak ditemukan.")
}

func (r dsbRegistri) OPDOf(_ context.Context, user string) (kunjungan.OPD, bool, error) {
	o, ok := dsbOPDs[r.members[r.az.Name(user)]]
	return o, ok, nil
}

func (r dsbRegistri) Anggota(_ context.Context, id string) ([]string, error) {
	var out []string
	for u, o := range r.members {
		if o == id {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out, nil
}

func (r dsbRegistri) Daftar(_ context.Context, kab tenancy.Kode) ([]kunjungan.OPD, error) {
	var out []kunjungan.OPD
	for _, o := range dsbOPDs {
		if o.Kabupaten == kab {
			out = append(out, o)
		}
	}
	return out, nil
}

type dsbRegions struct{ desa []kunjungan.Desa }

func (r dsbRegions) Exists(_ context.Context, k tenancy.Kode) error {
	if k == dsbKab || k == dsbKediri || k == dsbLain {
		return nil
	}
	for _, d := range r.desa {
		if d.Kode == k {
			return nil
		}
	}
	return fault.New(fault.NotFound, "Wilayah %s tidak ditemukan.", k)
}

func (r dsbRegions) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	switch k {
	case dsbKab:
		return "Kabupaten Tabanan", nil
	case dsbKediri:
		return "Kecamatan Kediri", nil
	}
	return string(k), nil
}

func (r dsbRegions) DesaIn(_ context.Context, k tenancy.Kode) ([]kunjungan.Desa, error) {
	var out []kunjungan.Desa
	for _, d := range r.desa {
		if k.Contains(d.Kode) {
			out = append(out, d)
		}
	}
	return out, nil
}

// dsbProvider is a fake indicator provider that counts its calls and
// answers only the codes asked for.
type dsbProvider struct {
	defs  []indicator.Definition
	vals  []indicator.Value
	calls atomic.Int64
}

func (p *dsbProvider) Definitions() []indicator.Definition { return p.defs }

func (p *dsbProvider) Indicators(_ context.Context, w tenancy.Kode, _ indicator.Period, codes []string) ([]indicator.Value, error) {
	p.calls.Add(1)
	var out []indicator.Value
	for _, v := range p.vals {
		if w.Contains(v.Desa) && indicator.Wants(codes, v.Code) {
			out = append(out, v)
		}
	}
	return out, nil
}

type dsbAudiensi struct{}

func (dsbAudiensi) TerlambatPerPenerima(_ context.Context, w tenancy.Kode) (map[string]int64, error) {
	if w.Contains(dsbSeberang) {
		return map[string]int64{dsbDLH: 2, "desa": 1, dsbKominfo: 1}, nil
	}
	return map[string]int64{dsbDLH: 2, "desa": 1}, nil
}

// dsbInbox is a fake inbox: a message is new once per user and key.
type dsbInbox struct {
	mu   sync.Mutex
	seen map[[2]string]kunjungan.Pesan
	baru [][2]string // (user, key) of each new message, in order
}

func (n *dsbInbox) Kirim(_ context.Context, users []string, p kunjungan.Pesan) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.seen == nil {
		n.seen = map[[2]string]kunjungan.Pesan{}
	}
	for _, u := range users {
		k := [2]string{u, p.Kunci}
		if _, ok := n.seen[k]; ok {
			continue
		}
		n.seen[k] = p
		n.baru = append(n.baru, k)
	}
	return nil
}

func (n *dsbInbox) ambil() [][2]string {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := n.baru
	n.baru = nil
	return out
}

type dsbStaff map[tenancy.Kode][]string

func (s dsbStaff) UsersAt(_ context.Context, k tenancy.Kode) ([]string, error) { return s[k], nil }

type dsbJam struct {
	mu sync.Mutex
	t  time.Time
}

func (j *dsbJam) now() time.Time { j.mu.Lock(); defer j.mu.Unlock(); return j.t }
func (j *dsbJam) set(s string) {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, time.FixedZone("WITA", 8*3600))
	if err != nil {
		panic(err)
	}
	j.mu.Lock()
	j.t = t
	j.mu.Unlock()
}

type dsbEnv struct {
	m      *kunjungan.Module
	api    *webtest.API
	site   *webtest.Site
	jam    *dsbJam
	d      *db.DB
	inbox  *dsbInbox
	sampah *dsbProvider
	cctv   *dsbProvider
	ids    map[string]string // fixture name → id
}

func dsbSetup(t testing.TB, d *db.DB) *dsbEnv {
	t.Helper()
	j := &dsbJam{}
	j.set("2026-12-02 09:00")
	tpl := kunjungan.Templates()
	for _, r := range []authz.Role{authz.AdminKabupaten, authz.Bupati, authz.OPD, authz.Camat} {
		tpl[r] = append(slices.Clone(tpl[r]), permSampah, permCCTV)
	}
	az := &webtest.Accounts{Templates: tpl, Users: map[string]webtest.Grant{
		"admin":      {Role: authz.AdminKabupaten, Kode: dsbKab},
		"bupati":     {Role: authz.Bupati, Kode: dsbKab},
		"dlh":        {Role: authz.OPD, Kode: dsbKab, OPD: "DLH"},
		"kominfo":    {Role: authz.OPD, Kode: dsbKab, OPD: "DISKOMINFO"},
		"camat":      {Role: authz.Camat, Kode: dsbKediri},
		"camat-lain": {Role: authz.Camat, Kode: dsbLain},
		"perbekel":   {Role: authz.Perbekel, Kode: dsbBengkel},
		"sekdes":     {Role: authz.Sekdes, Kode: dsbBengkel},
		"kasi":       {Role: authz.Kasi, Kode: dsbBengkel},
	}}
	site := webtest.NewSite(t, d, az)
	reg := dsbRegistri{members: map[string]string{"dlh": dsbDLH, "kominfo": dsbKominfo}, az: az}
	regions := dsbRegions{desa: []kunjungan.Desa{
		{Kode: dsbBengkel, Nama: "Bengkel", NamaKecamatan: "Kediri"},
		{Kode: dsbTetangga, Nama: "Tetangga", NamaKecamatan: "Kediri"},
		{Kode: dsbSeberang, Nama: "Seberang", NamaKecamatan: "Lain"},
	}}
	wita := time.FixedZone("WITA", 8*3600)
	sampah := &dsbProvider{
		defs: []indicator.Definition{
			{Source: "sampah", Code: "tonase", Nama: "Sampah terkelola", Satuan: "kg", Kind: indicator.Count, Periodic: true, Permission: permSampah},
			{Source: "sampah", Code: "pengurangan", Nama: "Pengurangan sampah", Satuan: "bp (1/100 %)", Kind: indicator.Count, Permission: permSampah},
			{Source: "sampah", Code: indicator.Diperbarui, Nama: "Log sampah terakhir", Kind: indicator.Time, Permission: permSampah},
		},
		vals: []indicator.Value{
			{Desa: dsbBengkel, Source: "sampah", Code: "tonase", Number: 100},
			{Desa: dsbBengkel, Source: "sampah", Code: "pengurangan", Number: 5000},
			{Desa: dsbBengkel, Source: "sampah", Code: indicator.Diperbarui, Time: time.Date(2026, 11, 20, 10, 0, 0, 0, wita)},
			{Desa: dsbTetangga, Source: "sampah", Code: "tonase", Number: 50},
			{Desa: dsbTetangga, Source: "sampah", Code: "pengurangan", Number: 3000},
			{Desa: dsbTetangga, Source: "sampah", Code: indicator.Diperbarui, Time: time.Date(2026, 8, 1, 10, 0, 0, 0, wita)},
			{Desa: dsbSeberang, Source: "sampah", Code: "tonase", Number: 10},
		},
	}
	cctv := &dsbProvider{
		defs: []indicator.Definition{
			{Source: "cctv", Code: "kamera_aktif", Nama: "Kamera aktif", Satuan: "kamera", Kind: indicator.Count, Permission: permCCTV},
			{Source: "cctv", Code: "petugas", Nama: "Petugas", Kind: indicator.Count, Permission: permCCTV, Personal: true},
		},
		vals: []indicator.Value{
			{Desa: dsbBengkel, Source: "cctv", Code: "kamera_aktif", Number: 4},
			{Desa: dsbBengkel, Source: "cctv", Code: "petugas", Number: 7, Text: "I Made Rahasia"},
		},
	}
	inbox := &dsbInbox{}
	m := kunjungan.New(kunjungan.Deps{DB: d, Web: site.Web, Authz: az, Audit: site.Audit, OPD: reg, Regions: regions,
		Indicators: func() []indicator.Provider { return []indicator.Provider{sampah, cctv} },
		Notifier:   inbox,
		Staff: dsbStaff{dsbBengkel: {"perbekel", "sekdes", "kasi"}, dsbKab: {"admin", "bupati", "dlh", "kominfo"},
			dsbKediri: {"camat"}},
		Terlambat: dsbAudiensi{}, Logger: webtest.Discard, Clock: j.now})
	m.Routes(site.Mux)
	api := webtest.NewAPI(m.Register, az, j.now)
	return &dsbEnv{m: m, api: api, site: site, jam: j, d: d, inbox: inbox, sampah: sampah, cctv: cctv, ids: map[string]string{}}
}

func dsbID(n int) string { return fmt.Sprintf("01937a6e-0000-7000-8000-%012d", n) }

// dsbInsert writes rows of one desa as its tenant would.
func dsbInsert(t testing.TB, d *db.DB, desa tenancy.Kode, rows ...any) {
	t.Helper()
	err := d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: desa}), func(ctx context.Context, tx bun.Tx) error {
		for _, r := range rows {
			if _, err := tx.NewInsert().Model(r).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var dsbWaktu = time.Date(2026, 1, 5, 1, 0, 0, 0, time.UTC)

func dsbVisit(desa tenancy.Kode, id string, tanggal civil.Date, status kunjungan.Status, opd ...string) []any {
	rows := []any{&kunjungan.Kunjungan{DesaID: desa.ID(), ID: id, Tanggal: tanggal, Judul: "Ngantor di desa " + string(desa), Status: status,
		CreatedBy: "admin", CreatedAt: dsbWaktu, UpdatedBy: "admin", UpdatedAt: dsbWaktu}}
	for _, o := range opd {
		x := dsbOPDs[o]
		rows = append(rows, &kunjungan.PesertaOPD{DesaID: desa.ID(), KunjunganID: id, OPDID: o, OPDKode: x.Kode, OPDNama: x.Nama})
	}
	return rows
}

func dsbKomitmen(desa tenancy.Kode, id, kid, penanggung string, tenggat civil.Date, status kunjungan.StatusKomitmen) *kunjungan.Komitmen {
	nama := "Pemerintah Desa"
	if o, ok := dsbOPDs[penanggung]; ok {
		nama = o.Nama
	}
	return &kunjungan.Komitmen{DesaID: desa.ID(), ID: id, KunjunganID: kid, Isi: "Menindaklanjuti usulan desa " + id[len(id)-2:],
		Penanggung: penanggung, PenanggungNama: nama, Tenggat: tenggat, Status: status,
		CreatedBy: "admin", CreatedAt: dsbWaktu, UpdatedBy: "admin", UpdatedAt: dsbWaktu}
}

// dsbFixture: Bengkel visited in October with DLH (two open commitments,
// one overdue, and one done), the neighbour's visit planned with
// DISKOMINFO, Seberang visited in March (DISKOMINFO overdue), and a visit
// of last year that no figure of this year counts.
func dsbFixture(t testing.TB, e *dsbEnv) {
	t.Helper()
	e.ids["bengkel"], e.ids["tetangga"], e.ids["seberang"], e.ids["lama"] = dsbID(1), dsbID(2), dsbID(3), dsbID(4)
	dsbInsert(t, e.d, dsbBengkel, dsbVisit(dsbBengkel, dsbID(1), "2026-10-24", kunjungan.Selesai, dsbDLH)...)
	dsbInsert(t, e.d, dsbBengkel, dsbVisit(dsbBengkel, dsbID(4), "2025-10-24", kunjungan.Selesai, dsbDLH)...)
	dsbInsert(t, e.d, dsbTetangga, dsbVisit(dsbTetangga, dsbID(2), "2026-12-15", kunjungan.Direncanakan, dsbKominfo)...)
	// An earlier year's visit: the desa's last visit, not this year's count.
	dsbInsert(t, e.d, dsbTetangga, dsbVisit(dsbTetangga, dsbID(5), "2024-05-01", kunjungan.Selesai)...)
	dsbInsert(t, e.d, dsbSeberang, dsbVisit(dsbSeberang, dsbID(3), "2026-03-01", kunjungan.Selesai)...)
	dsbInsert(t, e.d, dsbBengkel,
		dsbKomitmen(dsbBengkel, dsbID(11), dsbID(1), dsbDLH, "2026-11-01", kunjungan.Belum),
		dsbKomitmen(dsbBengkel, dsbID(12), dsbID(1), "desa", "2026-12-04", kunjungan.Proses),
		dsbKomitmen(dsbBengkel, dsbID(13), dsbID(1), dsbDLH, "2026-10-30", kunjungan.KomitmenSelesai))
	dsbInsert(t, e.d, dsbSeberang, dsbKomitmen(dsbSeberang, dsbID(14), dsbID(3), dsbKominfo, "2026-12-20", kunjungan.Belum),
		dsbKomitmen(dsbSeberang, dsbID(15), dsbID(3), dsbKominfo, "2026-06-01", kunjungan.Belum))
}

func (e *dsbEnv) get(t testing.TB, want int, path, user string) map[string]any {
	t.Helper()
	code, out := e.api.JSON(t, http.MethodGet, path, user, nil)
	if code != want {
		t.Fatalf("GET %s as %s: %d, want %d: %v", path, user, code, want, out)
	}
	return out
}

func kolomKunci(d map[string]any) []string {
	var out []string
	for _, k := range d["kolom"].([]any) {
		out = append(out, k.(map[string]any)["kunci"].(string))
	}
	return out
}

func tertunda(d map[string]any) map[string][3]int {
	out := map[string][3]int{}
	for _, x := range d["tertunda"].([]any) {
		r := x.(map[string]any)
		out[r["nama"].(string)] = [3]int{int(r["komitmen_terbuka"].(float64)), int(r["komitmen_terlambat"].(float64)), int(r["audiensi_terlambat"].(float64))}
	}
	return out
}

func TestDasborKabupatenShowsIndicatorsVisitsAndOverduePerOPD(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsbSetup(t, d)
		dsbFixture(t, e)
		out := e.get(t, 200, "/wilayah/51.02/dasbor", "admin")
		if out["tingkat"] != "kabupaten" || out["nama"] != "Kabupaten Tabanan" || out["bidang"] != nil {
			t.Fatalf("head: %v %v %v", out["tingkat"], out["nama"], out["bidang"])
		}
		// Each provider asked once for the whole kabupaten; the personal
		// column and the "diperbarui" stamp are no columns.
		if e.sampah.calls.Load() != 1 || e.cctv.calls.Load() != 1 {
			t.Fatalf("provider calls: sampah %d, cctv %d", e.sampah.calls.Load(), e.cctv.calls.Load())
		}
		if got := strings.Join(kolomKunci(out), " "); got != "sampah.tonase sampah.pengurangan cctv.kamera_aktif" {
			t.Fatalf("kolom %q", got)
		}
		k := out["kunjungan"].(map[string]any)
		if k["selesai"] != 2.0 || k["direncanakan"] != 1.0 || k["desa_dikunjungi"] != 2.0 || k["jumlah_desa"] != 3.0 || k["dikunjungi_bp"] != 6667.0 {
			t.Fatalf("kunjungan %v", k)
		}
		if n := len(k["daftar"].([]any)); n != 3 {
			t.Fatalf("daftar: %d visits, want 3 of this year", n)
		}
		first := k["daftar"].([]any)[0].(map[string]any)
		if first["id"] != e.ids["tetangga"] || first["tautan"] != "/kunjungan/"+e.ids["tetangga"] {
			t.Fatalf("the next visit comes first: %v", first)
		}
		want := map[string][3]int{
			"Dinas Lingkungan Hidup":           {1, 1, 2},
			"Dinas Komunikasi dan Informatika": {2, 1, 1},
			"Pemerintah desa":                  {1, 0, 1},
		}
		if got := tertunda(out); len(got) != 3 || got["Dinas Lingkungan Hidup"] != want["Dinas Lingkungan Hidup"] ||
			got["Dinas Komunikasi dan Informatika"] != want["Dinas Komunikasi dan Informatika"] || got["Pemerintah desa"] != want["Pemerintah desa"] {
			t.Fatalf("tertunda %v, want %v", got, want)
		}
		kec := out["kecamatan"].([]any)
		if len(kec) != 2 {
			t.Fatalf("kecamatan %v", kec)
		}
		kediri := kec[0].(map[string]any)
		nilai := kediri["nilai"].(map[string]any)
		// Kilograms add up; a share takes the median of the desa.
		if kediri["kode"] != string(dsbKediri) || nilai["sampah.tonase"] != 150.0 || nilai["sampah.pengurangan"] != 4000.0 ||
			kediri["desa_dikunjungi"] != 1.0 || kediri["jumlah_desa"] != 2.0 || kediri["komitmen_terlambat"] != 1.0 {
			t.Fatalf("kediri %v", kediri)
		}
		desa := out["desa"].([]any)
		bengkel := desa[0].(map[string]any)
		if bengkel["kode"] != string(dsbBengkel) || bengkel["kunjungan_terakhir"] != "2026-10-24" || bengkel["kunjungan_id"] != e.ids["bengkel"] ||
			bengkel["komitmen_terbuka"] != 2.0 || bengkel["komitmen_terlambat"] != 1.0 || bengkel["nilai"].(map[string]any)["cctv.kamera_aktif"] != 4.0 {
			t.Fatalf("bengkel %v", bengkel)
		}
		for _, x := range desa {
			if b := x.(map[string]any); b["kode"] == string(dsbTetangga) &&
				(b["kunjungan_terakhir"] != "2024-05-01" || b["kunjungan_id"] != dsbID(5) || b["kunjungan_selesai"] != nil && b["kunjungan_selesai"] != 0.0) {
				t.Errorf("a desa last visited in an earlier year: %v", b)
			}
		}
		if out["pembinaan"] != nil {
			t.Fatalf("the coaching list is the kecamatan's: %v", out["pembinaan"])
		}
		e.get(t, 200, "/wilayah/51.02/dasbor", "bupati")
	})
}

func TestDasborOPDSeesItsFieldAndItsOwnRow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsbSetup(t, d)
		dsbFixture(t, e)
		for _, c := range []struct {
			user, bidang, kolom, nama string
			visits                    []string
		}{
			{"dlh", "DLH", "sampah.tonase sampah.pengurangan", "Dinas Lingkungan Hidup", []string{e.ids["bengkel"]}},
			{"kominfo", "DISKOMINFO", "cctv.kamera_aktif", "Dinas Komunikasi dan Informatika", []string{e.ids["tetangga"]}},
		} {
			out := e.get(t, 200, "/wilayah/51.02/dasbor", c.user)
			if out["bidang"] != c.bidang || strings.Join(kolomKunci(out), " ") != c.kolom {
				t.Fatalf("%s: bidang %v kolom %v", c.user, out["bidang"], kolomKunci(out))
			}
			rows := tertunda(out)
			if _, ok := rows[c.nama]; len(rows) != 1 || !ok {
				t.Fatalf("%s sees only its own overdue row: %v", c.user, rows)
			}
			var ids []string
			for _, x := range out["kunjungan"].(map[string]any)["daftar"].([]any) {
				ids = append(ids, x.(map[string]any)["id"].(string))
			}
			if !slices.Equal(ids, c.visits) {
				t.Fatalf("%s: visits listed %v, want %v", c.user, ids, c.visits)
			}
		}
		// DISKOMINFO did not take part in Bengkel's visit: the date shows,
		// the link does not.
		out := e.get(t, 200, "/wilayah/51.02/dasbor", "kominfo")
		b := out["desa"].([]any)[0].(map[string]any)
		if b["kunjungan_terakhir"] != "2026-10-24" || b["kunjungan_id"] != nil || b["komitmen_terbuka"] != 0.0 {
			t.Fatalf("kominfo's bengkel row: %v", b)
		}
	})
}

func TestDasborWallsAndLevels(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsbSetup(t, d)
		dsbFixture(t, e)
		e.get(t, 403, "/wilayah/51.02.06/dasbor", "perbekel")
		e.get(t, 403, "/wilayah/51.02.06.2001/dasbor", "perbekel")
		e.get(t, 403, "/wilayah/51.02.07/dasbor", "camat")
		e.get(t, 403, "/wilayah/51.02/dasbor", "camat")
		e.get(t, 401, "/wilayah/51.02/dasbor", "")
		out := e.get(t, 422, "/wilayah/51.02.06.2001/dasbor", "admin")
		if s, _ := out["detail"].(string); !strings.Contains(s, "kabupaten dan kecamatan") {
			errs, _ := out["errors"].([]any)
			if len(errs) == 0 || !strings.Contains(errs[0].(map[string]any)["message"].(string), "kabupaten dan kecamatan") {
				t.Fatalf("a desa code: %v", out)
			}
		}
		out = e.get(t, 200, "/wilayah/51.02.07/dasbor", "camat-lain")
		if len(out["desa"].([]any)) != 1 {
			t.Fatalf("the other camat's desa: %v", out["desa"])
		}
		// Pages: the same walls.
		e.site.Want(403, http.MethodGet, "/wilayah/51.02.06/dasbor", "perbekel", nil)
		e.site.Want(403, http.MethodGet, "/wilayah/51.02.07/dasbor", "camat", nil)
		e.site.Want(404, http.MethodGet, "/wilayah/51.02.06.2001/dasbor", "admin", nil)
	})
}

func TestDasborKecamatanListsStaleDesaForCoaching(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsbSetup(t, d)
		dsbFixture(t, e)
		out := e.get(t, 200, "/wilayah/51.02.06/dasbor", "camat")
		if out["tingkat"] != "kecamatan" || out["kecamatan"] != nil || len(out["desa"].([]any)) != 2 {
			t.Fatalf("kecamatan: %v %v %d", out["tingkat"], out["kecamatan"], len(out["desa"].([]any)))
		}
		p := out["pembinaan"].([]any)
		if len(p) != 1 {
			t.Fatalf("pembinaan %v", p)
		}
		x := p[0].(map[string]any)
		// Tetangga's last entry is 1 August: 123 days before 2 December.
		if x["desa"] != string(dsbTetangga) || x["terakhir"] != "2026-08-01" || x["sumber"] != "Pengelolaan sampah" ||
			x["hari"] != 123.0 || x["tautan"] != "/desa/51.02.06.2011/sampah" {
			t.Fatalf("tetangga %v", x)
		}
		cek := out["pembinaan_cek"].(map[string]any)
		if cek["batas"] != "2026-10-03" {
			t.Fatalf("cek %v", cek)
		}
		// Sixty days after Bengkel's last entry it joins the list; a desa
		// with no entry at all is listed first.
		e.jam.set("2027-01-20 09:00")
		out = e.get(t, 200, "/wilayah/51.02.06/dasbor", "camat")
		if p := out["pembinaan"].([]any); len(p) != 2 || p[0].(map[string]any)["desa"] != string(dsbTetangga) {
			t.Fatalf("after 60 days: %v", p)
		}
		// Overdue per OPD in the kecamatan: DLH's commitment and the
		// audiensi counts of the kecamatan.
		got := tertunda(out)
		if got["Dinas Lingkungan Hidup"] != [3]int{1, 1, 2} || got["Pemerintah desa"] != [3]int{1, 1, 1} {
			t.Fatalf("tertunda %v", got)
		}
	})
}

func TestDasborPageReadsAndLinksToSources(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsbSetup(t, d)
		dsbFixture(t, e)
		_, body := e.site.Want(200, http.MethodGet, "/wilayah/51.02/dasbor", "admin", nil)
		webtest.MustContain(t, "kabupaten page", body, "Dasbor kunjungan kerja Kabupaten Tabanan",
			`href="/kunjungan/`+e.ids["tetangga"]+`"`, `href="/wilayah/51.02/sampah"`, `href="/desa/51.02.06.2001/sampah"`,
			`href="/desa/51.02.06.2001/cctv"`, `href="/wilayah/51.02.06/dasbor"`, `href="/opd/`+dsbDLH+`/audiensi"`,
			`href="/wilayah/51.02/komitmen?penanggung=`+dsbDLH+`"`, `href="/wilayah/51.02.06.2001/komitmen"`,
			"50,00 %", "66,67 %", `class="tabel-lebar"`, "Dinas Komunikasi dan Informatika")
		webtest.MustNotContain(t, "kabupaten page", body, "I Made Rahasia", "Pembinaan")
		_, body = e.site.Want(200, http.MethodGet, "/wilayah/51.02.06/dasbor", "camat", nil)
		webtest.MustContain(t, "kecamatan page", body, "Pembinaan", "Tetangga", "1 Agustus 2026", "Pengelolaan sampah")
		_, body = e.site.Want(200, http.MethodGet, "/wilayah/51.02/dasbor", "dlh", nil)
		webtest.MustNotContain(t, "dlh page", body, "Kamera aktif", "Dinas Komunikasi dan Informatika")
	})
}

func TestKomitmenWilayahPageIsWhereTheFiguresLead(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsbSetup(t, d)
		dsbFixture(t, e)
		_, body := e.site.Want(200, http.MethodGet, "/wilayah/51.02/komitmen?penanggung="+dsbKominfo, "admin", nil)
		webtest.MustContain(t, "kominfo's commitments", body, "usulan desa 14", "usulan desa 15", "(terlambat)",
			`href="/kunjungan/`+e.ids["seberang"]+`"`)
		webtest.MustNotContain(t, "kominfo's commitments", body, "usulan desa 11", "usulan desa 12")
		// Done ones only on request.
		_, body = e.site.Want(200, http.MethodGet, "/wilayah/51.02.06.2001/komitmen?status=semua", "perbekel", nil)
		webtest.MustContain(t, "bengkel's commitments", body, "usulan desa 11", "usulan desa 12", "usulan desa 13")
		// An OPD member sees its own, whatever it asks for.
		_, body = e.site.Want(200, http.MethodGet, "/wilayah/51.02/komitmen?penanggung="+dsbKominfo, "dlh", nil)
		webtest.MustContain(t, "dlh's commitments", body, "usulan desa 11")
		webtest.MustNotContain(t, "dlh's commitments", body, "usulan desa 14", "usulan desa 12")
		e.site.Want(403, http.MethodGet, "/wilayah/51.02.06/komitmen", "perbekel", nil)
		e.site.Want(403, http.MethodGet, "/wilayah/51.02.07/komitmen", "camat", nil)
	})
}

func TestDasborReusesProviderAnswersForAMinute(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsbSetup(t, d)
		dsbFixture(t, e)
		e.get(t, 200, "/wilayah/51.02/dasbor", "admin")
		e.get(t, 200, "/wilayah/51.02/dasbor", "bupati")
		if e.sampah.calls.Load() != 1 {
			t.Fatalf("sampah asked %d times for the same figures within a minute", e.sampah.calls.Load())
		}
		// DLH asks sampah for the same codes: the same answer; the
		// kecamatan is another wilayah.
		e.get(t, 200, "/wilayah/51.02/dasbor", "dlh")
		e.get(t, 200, "/wilayah/51.02.06/dasbor", "camat")
		if e.sampah.calls.Load() != 2 {
			t.Fatalf("sampah asked %d times, want 2 (kabupaten, kecamatan)", e.sampah.calls.Load())
		}
		// A new figure shows after the minute.
		e.sampah.vals = append(e.sampah.vals, indicator.Value{Desa: dsbSeberang, Source: "sampah", Code: "pengurangan", Number: 7000})
		e.jam.set("2026-12-02 09:01")
		out := e.get(t, 200, "/wilayah/51.02/dasbor", "admin")
		seberang := out["desa"].([]any)[2].(map[string]any)
		if e.sampah.calls.Load() != 3 || seberang["nilai"].(map[string]any)["sampah.pengurangan"] != 7000.0 {
			t.Fatalf("after a minute: %d calls, seberang %v", e.sampah.calls.Load(), seberang["nilai"])
		}
	})
}
