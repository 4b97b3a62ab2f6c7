package audiensi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/audiensi"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/secret"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

const (
	bengkel  tenancy.Kode = "51.02.06.2001"
	tetangga tenancy.Kode = "51.02.06.2011"
	tabanan  tenancy.Kode = "51.02"
	idDLH                 = "01937a6e-0000-7000-8000-0000000000d1"
	idDinkes              = "01937a6e-0000-7000-8000-0000000000d2"
	idLain                = "01937a6e-0000-7000-8000-0000000000d3" // an OPD of another kabupaten
)

// registri stands in for the opd module's registry (a consumer interface
// of this package; the real one is wired and tested in cmd/ngantor).
type registri struct {
	members map[string]string // account name → OPD id
	az      *webtest.Accounts // page sessions' user ids → account names
}

var opds = map[string]audiensi.OPD{
	idDLH:    {ID: idDLH, Kabupaten: tabanan, Kode: "DLH", Nama: "Dinas Lingkungan Hidup", Aktif: true},
	idDinkes: {ID: idDinkes, Kabupaten: tabanan, Kode: "DINKES", Nama: "Dinas Kesehatan", Aktif: true},
	idLain:   {ID: idLain, Kabupaten: "51.03", Kode: "DLH", Nama: "DLH Badung", Aktif: true},
}

func (r registri) OPDByID(_ context.Context, id string) (audiensi.OPD, error) {
	if o, ok := opds[id]; ok {
		return o, nil
	}
	return audiensi.OPD{}, fault.New(fault.NotFound, "OPD tidak ditemukan.")
}

func (r registri) OPDByKode(_ context.Context, kab tenancy.Kode, kode string) (audiensi.OPD, bool, error) {
	for _, o := range opds {
		if o.Kabupaten == kab && o.Kode == kode {
			return o, true, nil
		}
	}
	return audiensi.OPD{}, false, nil
}

func (r registri) OPDOf(_ context.Context, user string) (audiensi.OPD, bool, error) {
	o, ok := opds[r.members[r.az.Name(user)]]
	return o, ok, nil
}

func (r registri) Daftar(_ context.Context, kab tenancy.Kode) ([]audiensi.OPD, error) {
	var out []audiensi.OPD
	for _, o := range opds {
		if o.Kabupaten == kab {
			out = append(out, o)
		}
	}
	return out, nil
}

func (r registri) Anggota(_ context.Context, id string) ([]string, error) {
	var out []string
	for u, o := range r.members {
		if o == id {
			out = append(out, u)
		}
	}
	return out, nil
}

type regions struct{}

func (regions) Exists(_ context.Context, k tenancy.Kode) error {
	if k == bengkel || k == tetangga {
		return nil
	}
	return fault.New(fault.NotFound, "Wilayah %s tidak ditemukan.", k)
}
func (regions) Nama(context.Context, tenancy.Kode) (string, error) { return "Bengkel", nil }

type jam struct {
	mu sync.Mutex
	t  time.Time
}

func (j *jam) now() time.Time { j.mu.Lock(); defer j.mu.Unlock(); return j.t }
func (j *jam) set(s string) {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, time.FixedZone("WITA", 8*3600))
	if err != nil {
		panic(err)
	}
	j.mu.Lock()
	j.t = t
	j.mu.Unlock()
}

// kunjunganPalsu stands in for the kunjungan module: Bengkel has two
// visits, held, and one cancelled.
type kunjunganPalsu struct{}

const (
	idKunjunganBengkel = "0190f5a0-1111-7000-8000-000000000001"
	idKunjunganBatal   = "0190f5a0-1111-7000-8000-000000000002"
	idKunjunganLain    = "0190f5a0-1111-7000-8000-000000000003"
)

func (kunjunganPalsu) KunjunganDi(_ context.Context, desa tenancy.Kode, id string) (string, bool, error) {
	if desa == bengkel && id == idKunjunganBengkel {
		return "Bupati Ngantor di Desa Bengkel", true, nil
	}
	if desa == bengkel && id == idKunjunganLain {
		return "Kunjungan Sekda ke Desa Bengkel", true, nil
	}
	return "", false, nil
}

func (kunjunganPalsu) KunjunganTerkini(_ context.Context, desa tenancy.Kode) ([]audiensi.KunjunganOpsi, error) {
	if desa != bengkel {
		return nil, nil
	}
	return []audiensi.KunjunganOpsi{{ID: idKunjunganBengkel, Judul: "Bupati Ngantor di Desa Bengkel", Tanggal: "2026-02-10"}}, nil
}

type env struct {
	m    *audiensi.Module
	site *webtest.Site
	api  *webtest.API
	jam  *jam
	cal  *kalender.Store
	d    *db.DB
}

func setup(t testing.TB, d *db.DB) env {
	t.Helper()
	j := &jam{}
	j.set("2026-03-17 09:00") // Tuesday before Nyepi and Idul Fitri 2026
	cal := kalender.NewStore(d, j.now)
	if err := cal.Seed(t.Context()); err != nil {
		t.Fatal(err)
	}
	az := &webtest.Accounts{Templates: audiensi.Templates(), Users: map[string]webtest.Grant{
		"perbekel": {Role: authz.Perbekel, Kode: bengkel},
		"kasi":     {Role: authz.Kasi, Kode: bengkel},
		"camat":    {Role: authz.Camat, Kode: "51.02.06"},
		"admin":    {Role: authz.AdminKabupaten, Kode: tabanan},
		"dlh":      {Role: authz.OPD, Kode: tabanan, OPD: "DLH"},
		"dinkes":   {Role: authz.OPD, Kode: tabanan, OPD: "DINKES"},
		"forum":    {Role: authz.ForumPerbekel, Kode: "51.02.06"},
		"tetangga": {Role: authz.Perbekel, Kode: tetangga},
	}}
	key, _ := secret.NewKey("k1")
	ring, err := secret.ParseKeyring(key)
	if err != nil {
		t.Fatal(err)
	}
	rc := redistest.Memory(t)
	site := webtest.NewSite(t, d, az)
	store, err := blob.Open(t.Context(), "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	reg := registri{members: map[string]string{"dlh": idDLH, "dinkes": idDinkes}, az: az}
	m, err := audiensi.New(audiensi.Deps{DB: d, Web: site.Web, Authz: az, Audit: site.Audit, OPD: reg, OPDList: reg,
		Calendar: cal, Regions: regions{}, Redis: rc.Client(), Secrets: ring, Blob: store, Kunjungan: kunjunganPalsu{}, Logger: webtest.Discard, Clock: j.now})
	if err != nil {
		t.Fatal(err)
	}
	m.Routes(site.Mux)
	api := webtest.NewAPI(m.Register, az, j.now, func(h *httpserver.Deps) {})
	return env{m: m, site: site, api: api, jam: j, cal: cal, d: d}
}

func laporan(mode string) map[string]any {
	return map[string]any{"kategori": "sampah", "judul": "Sampah menumpuk di Banjar Tengah",
		"isi": "Sudah dua minggu sampah tidak diangkut dan mulai berbau.", "dusun": "Banjar Tengah",
		"lintang": "-8.5401", "bujur": "115.1234",
		"pelapor_mode": mode, "pelapor_nama": "Ni Luh Sari", "pelapor_telepon": "0812 3456 7890"}
}

func (e env) call(t testing.TB, want int, method, path, user string, body any) map[string]any {
	t.Helper()
	code, out := e.api.JSON(t, method, path, user, body)
	if code != want {
		t.Fatalf("%s %s as %s: %d, want %d: %v", method, path, user, code, want, out)
	}
	return out
}

const desaPath = "/desa/51.02.06.2001/audiensi"

func TestAudiensiLifecycleRunsOnWorkingDays(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		a := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("terbuka"))
		id := a["id"].(string)
		// Received Tuesday 17 March 2026: 18 cuti bersama Nyepi, 19 Nyepi,
		// 20 cuti bersama Idul Fitri, 21–22 weekend (Idul Fitri), 23–24
		// cuti bersama: the three working days are 25, 26 and 27 March.
		if a["tenggat_verifikasi"] != "2026-03-27" || a["tenggat"] != "2026-03-27" || a["status"] != "baru" {
			t.Fatalf("clock: %v %v %v", a["tenggat_verifikasi"], a["tenggat"], a["status"])
		}
		// Tier 2 (sampah): five working days → 25, 26, 27, 30, 31 March.
		if a["tenggat_selesai"] != "2026-03-31" {
			t.Fatalf("tenggat_selesai %v", a["tenggat_selesai"])
		}
		// Routing before verification is refused.
		e.call(t, 409, http.MethodPost, desaPath+"/"+id+"/disposisi", "perbekel", map[string]any{"penerima": []string{idDLH}})
		// kasi may not verify.
		e.call(t, 403, http.MethodPost, desaPath+"/"+id+"/verifikasi", "kasi", map[string]any{})
		e.jam.set("2026-03-25 10:00")
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/verifikasi", "perbekel", map[string]any{"catatan": "Dicek ke lokasi."})
		// An OPD of another kabupaten is not a recipient.
		out := e.call(t, 422, http.MethodPost, desaPath+"/"+id+"/disposisi", "perbekel", map[string]any{"penerima": []string{idLain}})
		if !strings.Contains(out["detail"].(string), "OPD") {
			t.Fatalf("detail: %v", out["detail"])
		}
		a = e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/disposisi", "perbekel",
			map[string]any{"penerima": []string{idDLH, "desa"}, "catatan": "Mohon diangkut."})
		// DLH's five working days from Wednesday 25 March end on 1 April;
		// the clock shown is the earlier resolution target, 31 March.
		ds := a["disposisi"].([]any)
		if a["status"] != "didisposisikan" || a["tenggat"] != "2026-03-31" || len(ds) != 2 || ds[0].(map[string]any)["tenggat"] != "2026-04-01" {
			t.Fatalf("after disposisi: %v %v", a["status"], a["tenggat"])
		}
		// Dinkes is not a recipient: it may not answer DLH's part.
		e.call(t, 403, http.MethodPost, desaPath+"/"+id+"/tanggapan", "dinkes", map[string]any{"penerima": idDLH, "isi": "Kami jawab saja."})
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/tanggapan", "dlh", map[string]any{"penerima": idDLH, "isi": "Truk dijadwalkan Jumat."})
		a = e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/tanggapan", "kasi", map[string]any{"penerima": "desa", "isi": "Banjar ikut kerja bakti."})
		if a["status"] != "ditindaklanjuti" {
			t.Fatalf("after both answers: %v", a["status"])
		}
		e.jam.set("2026-04-02 08:00")
		a = e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/selesai", "perbekel", map[string]any{"catatan": "Sudah bersih."})
		// 25, 26, 27, 30, 31 March, 1, 2 April = 7 working days; target was 31 March.
		if a["status"] != "selesai" || a["hari_kerja"] != float64(7) || a["tepat_waktu"] != false {
			t.Fatalf("closed: %v %v %v", a["status"], a["hari_kerja"], a["tepat_waktu"])
		}
		// No edits after selesai; a reopen needs a reason.
		e.call(t, 409, http.MethodPut, desaPath+"/"+id, "perbekel", laporan("terbuka"))
		e.call(t, 422, http.MethodPost, desaPath+"/"+id+"/buka-kembali", "perbekel", map[string]any{"alasan": ""})
		a = e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/buka-kembali", "perbekel", map[string]any{"alasan": "Sampah menumpuk lagi."})
		if a["status"] != "diverifikasi" || a["hari_kerja"] != nil {
			t.Fatalf("reopened: %v %v", a["status"], a["hari_kerja"])
		}
		riwayat := a["riwayat"].([]any)
		var got []string
		for _, r := range riwayat {
			got = append(got, r.(map[string]any)["peristiwa"].(string))
		}
		want := "diterima diverifikasi didisposisikan didisposisikan ditanggapi ditanggapi selesai dibuka_kembali"
		if strings.Join(got, " ") != want {
			t.Fatalf("timeline %q, want %q", strings.Join(got, " "), want)
		}
	})
}

func TestOPDSeesOnlyWhatIsDisposedToIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		ke := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("anonim"))["id"].(string)
		lain := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("anonim"))["id"].(string)
		e.call(t, 200, http.MethodPost, desaPath+"/"+ke+"/verifikasi", "perbekel", map[string]any{})
		e.call(t, 200, http.MethodPost, desaPath+"/"+ke+"/disposisi", "perbekel", map[string]any{"penerima": []string{idDLH}})

		// An OPD never lists a desa.
		e.call(t, 403, http.MethodGet, desaPath, "dlh", nil)
		e.call(t, 200, http.MethodGet, desaPath+"/"+ke, "dlh", nil)
		e.call(t, 404, http.MethodGet, desaPath+"/"+lain, "dlh", nil)
		e.call(t, 404, http.MethodGet, desaPath+"/"+ke, "dinkes", nil)

		q := e.call(t, 200, http.MethodGet, "/opd/"+idDLH+"/audiensi", "dlh", nil)
		items := q["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["audiensi_id"] != ke {
			t.Fatalf("DLH queue: %v", items)
		}
		if empty := e.call(t, 200, http.MethodGet, "/opd/"+idDinkes+"/audiensi", "dinkes", nil)["items"].([]any); len(empty) != 0 {
			t.Fatalf("Dinkes queue: %v", empty)
		}
		// Another OPD's queue, a perbekel, an unknown OPD, one of another kabupaten.
		e.call(t, 403, http.MethodGet, "/opd/"+idDLH+"/audiensi", "dinkes", nil)
		e.call(t, 403, http.MethodGet, "/opd/"+idDLH+"/audiensi", "perbekel", nil)
		e.call(t, 404, http.MethodGet, "/opd/01937a6e-0000-7000-8000-0000000000ff/audiensi", "dlh", nil)
		e.call(t, 403, http.MethodGet, "/opd/"+idLain+"/audiensi", "dlh", nil)
		// The bupati's staff read any OPD's queue.
		e.call(t, 200, http.MethodGet, "/opd/"+idDLH+"/audiensi", "admin", nil)
		// Overdue filter: on 2 April the five working days have passed.
		e.jam.set("2026-04-02 08:00")
		late := e.call(t, 200, http.MethodGet, "/opd/"+idDLH+"/audiensi?terlambat=true&wilayah=51.02.06", "dlh", nil)["items"].([]any)
		if len(late) != 1 || late[0].(map[string]any)["jam"] != "terlambat" {
			t.Fatalf("overdue: %v", late)
		}
		// A neighbour's perbekel reaches nothing of Bengkel.
		e.call(t, 403, http.MethodGet, desaPath+"/"+ke, "tetangga", nil)
	})
}

func TestReporterIdentityFollowsTheRole(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		rahasia := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("rahasia"))["id"].(string)
		terbuka := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("terbuka"))["id"].(string)
		anonim := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("anonim"))["id"].(string)
		cases := []struct {
			id, user string
			see      bool
		}{
			{rahasia, "perbekel", true}, {rahasia, "kasi", false}, {rahasia, "camat", false}, {rahasia, "admin", true},
			{terbuka, "perbekel", true}, {terbuka, "kasi", true}, {terbuka, "camat", false},
			{anonim, "perbekel", false},
		}
		for _, c := range cases {
			a := e.call(t, 200, http.MethodGet, desaPath+"/"+c.id, c.user, nil)
			if _, saw := a["pelapor"]; saw != c.see {
				t.Errorf("%s sees the reporter of %s: %v, want %v", c.user, c.id, saw, c.see)
			}
		}
		code, rec := e.api.Do(http.MethodGet, "/desa/51.02.06.2001/audiensi", "perbekel", nil).Code, e.api.Do(http.MethodGet, "/desa/51.02.06.2001/audiensi", "perbekel", nil).Body.String()
		if code != 200 || strings.Contains(rec, "Ni Luh Sari") || strings.Contains(rec, "628123") {
			t.Fatalf("list shows a reporter: %d %s", code, rec)
		}
		// The forum sees no audiensi at all.
		e.call(t, 403, http.MethodGet, desaPath+"/"+terbuka, "forum", nil)
	})
}

func TestPublicFormProofHoneypotAndTracking(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		form := e.call(t, 200, http.MethodGet, "/publik/desa/51.02.06.2001/audiensi/formulir", "", nil)
		tok := form["token"].(string)
		body := laporan("anonim")
		body["token"] = tok
		// At once: a person cannot have read and typed it.
		out := e.call(t, 422, http.MethodPost, "/publik/desa/51.02.06.2001/audiensi", "", body)
		if !strings.Contains(out["detail"].(string), "terlalu cepat") {
			t.Fatalf("too fast: %v", out["detail"])
		}
		e.jam.set("2026-03-17 09:01")
		bot := laporan("anonim")
		bot["token"], bot["situs"] = tok, "http://spam.example"
		e.call(t, 422, http.MethodPost, "/publik/desa/51.02.06.2001/audiensi", "", bot)
		// A token of another desa does not open here.
		other := e.call(t, 200, http.MethodGet, "/publik/desa/51.02.06.2011/audiensi/formulir", "", nil)["token"].(string)
		wrong := laporan("anonim")
		wrong["token"] = other
		e.jam.set("2026-03-17 09:02")
		e.call(t, 422, http.MethodPost, "/publik/desa/51.02.06.2001/audiensi", "", wrong)
		got := e.call(t, 201, http.MethodPost, "/publik/desa/51.02.06.2001/audiensi", "", body)
		kode := got["kode_lacak"].(string)
		if got["tenggat_verifikasi"] != "2026-03-27" {
			t.Fatalf("receipt: %v", got)
		}
		// The token is spent.
		e.call(t, 422, http.MethodPost, "/publik/desa/51.02.06.2001/audiensi", "", body)
		e.call(t, 404, http.MethodPost, "/publik/desa/51.02.99.2001/audiensi", "", body)

		st := e.call(t, 200, http.MethodGet, "/publik/audiensi/"+strings.ToLower(kode), "", nil)
		if st["status"] != "baru" || st["boleh_tambah_info"] != true || st["boleh_menilai"] != false {
			t.Fatalf("status page: %v", st)
		}
		raw := e.api.Do(http.MethodGet, "/publik/audiensi/"+kode, "", nil).Body.String()
		if strings.Contains(raw, "Sudah dua minggu") || strings.Contains(raw, "Ni Luh") {
			t.Fatalf("status page shows the text or the reporter: %s", raw)
		}
		e.call(t, 404, http.MethodGet, "/publik/audiensi/AAAAA-AAAAA", "", nil)
		st = e.call(t, 200, http.MethodPost, "/publik/audiensi/"+kode+"/informasi", "", map[string]any{"isi": "Foto ada di grup banjar."})
		if n := len(st["riwayat"].([]any)); n != 2 {
			t.Fatalf("timeline after info: %d", n)
		}
		e.call(t, 409, http.MethodPost, "/publik/audiensi/"+kode+"/penilaian", "", map[string]any{"nilai": 5})
	})
}

func TestPublicFormIsLimitedPerIP(t *testing.T) {
	e := setup(t, dbtest.SQLite(t))
	for i := 0; i <= audiensi.PerIPPerJam; i++ {
		tok := e.call(t, 200, http.MethodGet, "/publik/desa/51.02.06.2001/audiensi/formulir", "", nil)["token"].(string)
		e.jam.set("2026-03-17 09:0" + string(rune('1'+i%9)))
		body := laporan("anonim")
		body["token"] = tok
		want := 201
		if i == audiensi.PerIPPerJam {
			want = 429
		}
		e.call(t, want, http.MethodPost, "/publik/desa/51.02.06.2001/audiensi", "", body)
		e.jam.set("2026-03-17 09:00")
	}
}

func TestAudiensiInputIsValidated(t *testing.T) {
	e := setup(t, dbtest.SQLite(t))
	bad := []struct {
		name  string
		patch map[string]any
		field string
	}{
		{"kategori", map[string]any{"kategori": "politik"}, "body.kategori"},
		{"judul pendek", map[string]any{"judul": "abc"}, "body.judul"},
		{"kendali", map[string]any{"isi": "ada\x00nol di sini ya"}, "body.isi"},
		{"lintang sendiri", map[string]any{"bujur": ""}, "body.lintang"},
		{"luar Indonesia", map[string]any{"lintang": "48.85"}, "body.lintang"},
		{"telepon", map[string]any{"pelapor_telepon": "12ab"}, "body.pelapor_telepon"},
		{"rahasia tanpa identitas", map[string]any{"pelapor_mode": "rahasia", "pelapor_nama": "", "pelapor_telepon": ""}, "body.pelapor_nama"},
		{"kunjungan panjang", map[string]any{"kunjungan": strings.Repeat("k", 150)}, "body.kunjungan"},
		{"kunjungan teks bebas", map[string]any{"kunjungan": "Ngantor di Desa Bengkel"}, "body.kunjungan"},
		{"kunjungan dibatalkan", map[string]any{"kunjungan": idKunjunganBatal}, "body.kunjungan"},
	}
	for _, c := range bad {
		body := laporan("terbuka")
		for k, v := range c.patch {
			body[k] = v
		}
		code, out := e.api.JSON(t, http.MethodPost, desaPath, "kasi", body)
		if code != 422 || !strings.Contains(raw(out), c.field) {
			t.Errorf("%s: %d %v", c.name, code, out)
		}
	}
}

func raw(m map[string]any) string {
	var b strings.Builder
	for _, e := range m["errors"].([]any) {
		b.WriteString(e.(map[string]any)["location"].(string) + " ")
	}
	return b.String()
}

func TestStatistikCountsWithoutText(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		id := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("terbuka"))["id"].(string)
		e.call(t, 201, http.MethodPost, "/desa/51.02.06.2011/audiensi", "tetangga", laporan("anonim"))
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/tolak", "perbekel", map[string]any{"alasan": "Bukan kewenangan desa."})
		s := e.call(t, 200, http.MethodGet, "/wilayah/51.02.06/audiensi/statistik?tahun=2026", "forum", nil)
		total := s["total"].(map[string]any)
		if total["diterima"] != float64(2) || total["ditolak"] != float64(1) || total["terbuka"] != float64(1) {
			t.Fatalf("total: %v", total)
		}
		if n := len(s["desa"].([]any)); n != 2 {
			t.Fatalf("per desa: %d", n)
		}
		e.call(t, 403, http.MethodGet, "/wilayah/51.02.06/audiensi/statistik", "tetangga", nil)
	})
}

func TestHolidayAddedLateMovesOpenClocks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		open := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("anonim"))["id"].(string)
		closed := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("anonim"))["id"].(string)
		e.call(t, 200, http.MethodPost, desaPath+"/"+closed+"/tolak", "perbekel", map[string]any{"alasan": "Laporan ganda."})
		// The kabupaten confirms a libur daerah on Thursday 26 March late.
		if err := e.cal.TetapkanLiburDaerah(t.Context(), tabanan, "2026-03-26", "Hari libur daerah uji", "Keputusan Bupati (uji)", "admin"); err != nil {
			t.Fatal(err)
		}
		n, err := e.m.HitungUlang(t.Context(), tabanan)
		if err != nil || n != 1 {
			t.Fatalf("recomputed %d, %v; want the one open audiensi", n, err)
		}
		a := e.call(t, 200, http.MethodGet, desaPath+"/"+open, "perbekel", nil)
		if a["tenggat_verifikasi"] != "2026-03-30" || a["tenggat"] != "2026-03-30" {
			t.Fatalf("after the holiday: %v %v", a["tenggat_verifikasi"], a["tenggat"])
		}
		if n, err := e.m.HitungUlang(t.Context(), tabanan); err != nil || n != 0 {
			t.Fatalf("second run changed %d, %v", n, err)
		}
		c := e.call(t, 200, http.MethodGet, desaPath+"/"+closed, "perbekel", nil)
		if c["tenggat_verifikasi"] != "2026-03-27" {
			t.Fatalf("a closed audiensi moved: %v", c["tenggat_verifikasi"])
		}
	})
}

type kotak struct {
	mu   sync.Mutex
	seen map[string]bool // user + kunci
}

func (k *kotak) Notify(_ context.Context, users []string, p audiensi.Pesan) (int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	n := 0
	for _, u := range users {
		if !k.seen[u+"|"+p.Kunci] {
			k.seen[u+"|"+p.Kunci] = true
			n++
		}
	}
	return n, nil
}

type staf map[tenancy.Kode][]string

func (s staf) UsersAt(_ context.Context, k tenancy.Kode) ([]string, error) { return s[k], nil }

func TestRemindersReachWhoMustActOncePerDueDate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		box := &kotak{seen: map[string]bool{}}
		az := &webtest.Accounts{Templates: audiensi.Templates(), Users: map[string]webtest.Grant{
			"perbekel": {Role: authz.Perbekel, Kode: bengkel}, "kasi": {Role: authz.Kasi, Kode: bengkel}}}
		m, err := audiensi.New(audiensi.Deps{DB: d, Authz: az, Calendar: e.cal, Clock: e.jam.now, Notifier: box,
			Staff: staf{bengkel: {"perbekel", "kasi"}},
			OPD:   registri{members: map[string]string{"dlh": idDLH, "dlh2": idDLH}}})
		if err != nil {
			t.Fatal(err)
		}
		verif := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("anonim"))["id"].(string)
		routed := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("anonim"))["id"].(string)
		e.call(t, 200, http.MethodPost, desaPath+"/"+routed+"/verifikasi", "perbekel", map[string]any{})
		e.call(t, 200, http.MethodPost, desaPath+"/"+routed+"/disposisi", "perbekel", map[string]any{"penerima": []string{idDLH}})
		_ = verif
		// On 17 March nothing is due before the 27th.
		if n, err := m.Pengingat(t.Context()); err != nil || n != 0 {
			t.Fatalf("on the day: %d, %v", n, err)
		}
		// On 26 March verification is due the next working day: the
		// verifier (perbekel, not kasi) hears; on 31 March DLH's part
		// (disposed on the 17th) is due that day: both DLH members hear,
		// and the routed audiensi is the recipients' concern, not the
		// verifier's.
		e.jam.set("2026-03-26 09:00")
		if n, err := m.Pengingat(t.Context()); err != nil || n != 1 || !box.seen["perbekel|audiensi:"+verif+":verifikator:2026-03-27:besok"] {
			t.Fatalf("26 March: %d, %v, %v", n, err, box.seen)
		}
		if n, _ := m.Pengingat(t.Context()); n != 0 {
			t.Fatalf("a re-run notified %d again", n)
		}
		e.jam.set("2026-03-31 09:00")
		n, err := m.Pengingat(t.Context())
		if err != nil || !box.seen["dlh|audiensi:"+routed+":penerima:"+idDLH+":2026-03-31:hari_ini"] || !box.seen["dlh2|audiensi:"+routed+":penerima:"+idDLH+":2026-03-31:hari_ini"] || n != 3 {
			t.Fatalf("31 March: %d, %v, %v", n, err, box.seen)
		}
		// The unverified one is now overdue: a second, different reminder.
		if !box.seen["perbekel|audiensi:"+verif+":verifikator:2026-03-27:terlambat"] {
			t.Fatalf("overdue reminder missing: %v", box.seen)
		}
	})
}

func TestDemoCoversEveryStateAndSomeOverdue(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		if err := e.m.SeedDemo(t.Context()); err != nil {
			t.Fatal(err)
		}
		count := func() map[string]int {
			states := map[string]int{}
			for cursor := ""; ; {
				p := e.call(t, 200, http.MethodGet, desaPath+"?limit=100&cursor="+cursor, "perbekel", nil)
				for _, it := range p["items"].([]any) {
					a := it.(map[string]any)
					states[a["status"].(string)]++
					states["kanal:"+a["kanal"].(string)]++
					if a["jam"] == "terlambat" {
						states["terlambat"]++
					}
				}
				next, _ := p["next_cursor"].(string)
				if cursor = next; cursor == "" {
					return states
				}
			}
		}
		states := count()
		for _, s := range []string{"baru", "diverifikasi", "didisposisikan", "ditindaklanjuti", "selesai", "ditolak", "terlambat", "kanal:kunjungan", "kanal:publik"} {
			if states[s] == 0 {
				t.Errorf("Bengkel's demo has no %s: %v", s, states)
			}
		}
		if err := e.m.SeedDemo(t.Context()); err != nil {
			t.Fatal(err)
		}
		if again := count(); again["selesai"] != states["selesai"] || again["baru"] != states["baru"] {
			t.Fatalf("a second seed added rows: %v → %v", states, again)
		}
	})
}

func TestIndicatorsAndDossierShowNoPerson(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		open := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("terbuka"))["id"].(string)
		e.call(t, 200, http.MethodPost, desaPath+"/"+open+"/verifikasi", "perbekel", map[string]any{})
		e.call(t, 200, http.MethodPost, desaPath+"/"+open+"/disposisi", "perbekel", map[string]any{"penerima": []string{idDLH}})
		closed := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("rahasia"))["id"].(string)
		e.call(t, 200, http.MethodPost, desaPath+"/"+closed+"/tolak", "perbekel", map[string]any{"alasan": "Laporan ganda."})
		e.call(t, 201, http.MethodPost, "/desa/51.02.06.2011/audiensi", "tetangga", laporan("anonim"))

		vals, err := e.m.Indicators(t.Context(), "51.02.06", indicator.Period{From: "2026-01-01", To: "2026-12-31"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, v := range vals {
			got[string(v.Desa)+" "+v.Code] = v.Number
		}
		want := map[string]int64{
			"51.02.06.2001 audiensi_diterima": 2, "51.02.06.2001 audiensi_terbuka": 1, "51.02.06.2001 audiensi_tepat_waktu": 10000,
			"51.02.06.2001 audiensi_median_hari": 0, "51.02.06.2011 audiensi_diterima": 1, "51.02.06.2011 audiensi_terbuka": 1,
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %d, want %d (all: %v)", k, got[k], v, got)
			}
		}
		if _, ok := got["51.02.06.2001 audiensi_median_hari"]; !ok {
			t.Error("Bengkel closed one: no median")
		}
		if _, ok := got["51.02.06.2011 audiensi_tepat_waktu"]; ok {
			t.Error("Nyitdah closed none but has a share on time")
		}
		// The DLH dossier lists the one disposed to it; Dinkes's none; the
		// bupati's both open ones with figures. No reporter, no text.
		dlh, err := e.m.DossierSection(t.Context(), bengkel, report.Audience{OPD: "DLH"}, indicator.Period{})
		if err != nil || len(dlh.Tables) != 1 || len(dlh.Tables[0].Rows) != 1 {
			t.Fatalf("DLH section: %+v, %v", dlh, err)
		}
		dinkes, _ := e.m.DossierSection(t.Context(), bengkel, report.Audience{OPD: "DINKES"}, indicator.Period{})
		if len(dinkes.Tables) != 0 || dinkes.Empty == "" {
			t.Fatalf("Dinkes section: %+v", dinkes)
		}
		bupati, _ := e.m.DossierSection(t.Context(), bengkel, report.Audience{Bupati: true}, indicator.Period{})
		if len(bupati.Figures) == 0 || len(bupati.Tables) != 1 {
			t.Fatalf("bupati section: %+v", bupati)
		}
		all := fmt.Sprintf("%+v %+v", dlh, bupati)
		if strings.Contains(all, "Ni Luh Sari") || strings.Contains(all, "Sudah dua minggu") {
			t.Fatalf("a dossier shows the reporter or the text: %s", all)
		}
		if other, _ := e.m.DossierSection(t.Context(), bengkel, report.Audience{OPD: "TIDAKADA"}, indicator.Period{}); other.Heading != "" {
			t.Fatalf("an unknown OPD got a section: %+v", other)
		}
	})
}

func TestKabupatenPageLeadsToTheOPDQueues(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		id := e.call(t, 201, http.MethodPost, desaPath, "kasi", laporan("anonim"))["id"].(string)
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/verifikasi", "perbekel", map[string]any{})
		e.call(t, 200, http.MethodPost, desaPath+"/"+id+"/disposisi", "perbekel", map[string]any{"penerima": []string{idDLH}})
		resp, _ := e.site.Do(http.MethodGet, "/wilayah/51.02/audiensi/opd", "dlh", nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/opd/"+idDLH+"/audiensi" {
			t.Fatalf("DLH: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, body := e.site.Do(http.MethodGet, "/wilayah/51.02/audiensi/opd", "admin", nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `href="/opd/`+idDLH+`/audiensi"`) || !strings.Contains(body, "1 menunggu") {
			t.Fatalf("admin: %d", resp.StatusCode)
		}
		if resp, _ := e.site.Do(http.MethodGet, "/wilayah/51.02/audiensi/opd", "camat", nil); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
			t.Fatalf("camat: %d", resp.StatusCode)
		}
	})
}

// An audiensi heard on a visit carries the visit's id; the list filters
// by it.
func TestAudiensiKunjunganIsAVisit(t *testing.T) {
	e := setup(t, dbtest.SQLite(t))
	body := laporan("terbuka")
	body["kunjungan"] = idKunjunganBengkel
	code, out := e.api.JSON(t, http.MethodPost, desaPath, "kasi", body)
	if code != 201 || out["kanal"] != "kunjungan" || out["kunjungan"] != idKunjunganBengkel {
		t.Fatalf("heard on the visit: %d %v", code, out)
	}
	if code, out = e.api.JSON(t, http.MethodPost, desaPath, "kasi", laporan("terbuka")); code != 201 || out["kanal"] != "desa" {
		t.Fatalf("at the kantor desa: %d %v", code, out)
	}
	n, err := e.m.JumlahKunjungan(t.Context(), bengkel, idKunjunganBengkel)
	if err != nil || n != 1 {
		t.Errorf("counted %d %v", n, err)
	}
}
