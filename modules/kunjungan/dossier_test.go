package kunjungan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// The dossier pipeline's tests put a small document in place of Susun
// (the module's own content has its tests): what is checked here is the
// task, the versions, the files and who sees them.

const (
	dsBengkel  tenancy.Kode = "51.02.06.2001"
	dsKediri   tenancy.Kode = "51.02.06"
	dsTabanan  tenancy.Kode = "51.02"
	dsIDDLH                 = "01937a6e-0000-7000-8000-0000000000d1"
	dsIDDinkes              = "01937a6e-0000-7000-8000-0000000000d2"
	dsIDPUPR                = "01937a6e-0000-7000-8000-0000000000d3"
)

var dsOPD = map[string]OPD{
	dsIDDLH:    {ID: dsIDDLH, Kabupaten: dsTabanan, Kode: "DLH", Nama: "Dinas Lingkungan Hidup", Aktif: true},
	dsIDDinkes: {ID: dsIDDinkes, Kabupaten: dsTabanan, Kode: "DINKES", Nama: "Dinas Kesehatan", Aktif: true},
	dsIDPUPR:   {ID: dsIDPUPR, Kabupaten: dsTabanan, Kode: "PUPR", Nama: "Dinas PUPR", Aktif: true},
}

// dsRegistri stands in for the opd module (members by account name: the
// API's user id is the account name).
type dsRegistri struct{ members map[string]string }

func (r dsRegistri) OPDByID(_ context.Context, id string) (OPD, error) {
	if o, ok := dsOPD[id]; ok {
		return o, nil
	}
	return OPD{}, fault.New(fault.NotFound, "OPD tidak ditemukan.")
}

func (r dsRegistri) OPDOf(_ context.Context, user string) (OPD, bool, error) {
	o, ok := dsOPD[r.members[user]]
	return o, ok, nil
}

func (r dsRegistri) Anggota(_ context.Context, id string) ([]string, error) {
	var out []string
	for u, o := range r.members {
		if o == id {
			out = append(out, u)
		}
	}
	return out, nil
}

func (r dsRegistri) Daftar(context.Context, tenancy.Kode) ([]OPD, error) {
	var out []OPD
	for _, o := range dsOPD {
		out = append(out, o)
	}
	return out, nil
}

// dsRegions: Kecamatan Kediri has 15 desa (51.02.06.2001–2015), the
// kabupaten 133 (the kecamatan 51.02.01–10 as in the bench).
type dsRegions struct{}

func (dsRegions) Exists(context.Context, tenancy.Kode) error         { return nil }
func (dsRegions) Nama(context.Context, tenancy.Kode) (string, error) { return "Bengkel", nil }
func (dsRegions) DesaIn(_ context.Context, k tenancy.Kode) ([]Desa, error) {
	var out []Desa
	for _, d := range tabananDesa() {
		if k.Contains(d.Kode) {
			out = append(out, d)
		}
	}
	return out, nil
}

// tabananDesa is 133 desa codes spread over Tabanan's 10 kecamatan, with
// Kediri (06) holding its 15.
func tabananDesa() []Desa {
	var out []Desa
	n := map[int]int{1: 12, 2: 13, 3: 13, 4: 12, 5: 11, 6: 15, 7: 15, 8: 16, 9: 12, 10: 14}
	for kec := 1; kec <= 10; kec++ {
		for i := 0; i < n[kec]; i++ {
			k := tenancy.Kode(fmt.Sprintf("51.02.%02d.%04d", kec, 2001+i))
			out = append(out, Desa{Kode: k, Nama: "Desa " + string(k), NamaKecamatan: fmt.Sprintf("Kecamatan %02d", kec)})
		}
	}
	return out
}

type dsEnv struct {
	m     *Module
	api   *webtest.API
	d     *db.DB
	audit *webtest.Audit
	dir   string

	mu     sync.Mutex
	isi    string // what the fake document says: changing it changes the hash
	gagal  error
	dibuat int // documents put together
	seen   map[string]bool
}

func (e *dsEnv) susun(_ context.Context, desa tenancy.Kode, kunjunganID, audiens string) (report.Document, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.gagal != nil {
		return report.Document{}, e.gagal
	}
	e.dibuat++
	return report.Document{Title: "Dossier " + audiens, Subtitle: string(desa) + " " + kunjunganID,
		Footer: "Dicetak " + time.Now().Format(time.RFC3339Nano), // time-dependent: must not change the hash
		Sections: []report.Section{{Heading: "Ringkasan", Notes: []string{e.isi}, Tables: []report.Table{{Title: "Angka",
			Columns: []report.Column{{Label: "Butir"}, {Label: "Nilai", Align: report.Right}},
			Rows:    []report.Row{{Cells: []report.Cell{report.Teks("APBDes"), report.Angka(1250000000, "1.250.000.000")}}}}}}}}, nil
}

func (e *dsEnv) setIsi(s string) { e.mu.Lock(); e.isi = s; e.mu.Unlock() }
func (e *dsEnv) setGagal(err error) {
	e.mu.Lock()
	e.gagal = err
	e.mu.Unlock()
}

func dsSetup(t testing.TB, d *db.DB) *dsEnv {
	t.Helper()
	az := &webtest.Accounts{Templates: Templates(), Users: map[string]webtest.Grant{
		"admin":    {Role: authz.AdminKabupaten, Kode: dsTabanan},
		"bupati":   {Role: authz.Bupati, Kode: dsTabanan},
		"dlh":      {Role: authz.OPD, Kode: dsTabanan, OPD: "DLH"},
		"dinkes":   {Role: authz.OPD, Kode: dsTabanan, OPD: "DINKES"},
		"pupr":     {Role: authz.OPD, Kode: dsTabanan, OPD: "PUPR"},
		"perbekel": {Role: authz.Perbekel, Kode: dsBengkel},
		"camat":    {Role: authz.Camat, Kode: dsKediri},
	}}
	dir := t.TempDir()
	store, err := blob.Open(context.Background(), "file://"+dir)
	if err != nil {
		t.Fatal(err)
	}
	rec := &webtest.Audit{}
	now := func() time.Time { return time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC) }
	e := &dsEnv{d: d, audit: rec, dir: dir, isi: "Data awal", seen: map[string]bool{}}
	e.m = New(Deps{DB: d, Authz: az, Audit: rec, Blob: store, Regions: dsRegions{}, Logger: webtest.Discard, Clock: now,
		OPD: dsRegistri{members: map[string]string{"dlh": dsIDDLH, "dinkes": dsIDDinkes, "pupr": dsIDPUPR}}})
	e.m.susun = e.susun
	e.api = webtest.NewAPI(e.m.Register, az, now, func(h *httpserver.Deps) {})
	return e
}

func (e *dsEnv) call(t testing.TB, want int, method, path, user string, body any) map[string]any {
	t.Helper()
	code, out := e.api.JSON(t, method, path, user, body)
	if code != want {
		t.Fatalf("%s %s as %s: %d, want %d: %v", method, path, user, code, want, out)
	}
	return out
}

// jadwal schedules a visit to Bengkel with the OPD given, as the office.
func (e *dsEnv) jadwal(t testing.TB, opd ...string) string {
	t.Helper()
	out := e.call(t, 201, http.MethodPost, "/kunjungan", "admin", map[string]any{
		"desa": string(dsBengkel), "tanggal": "2026-11-20", "judul": "Bupati Ngantor di Desa Bengkel", "opd": opd})
	return out["id"].(string)
}

// tugas are the dossier tasks queued since the last call, oldest first.
func (e *dsEnv) tugas(t testing.TB) [][]byte {
	t.Helper()
	var rows []struct {
		ID      string `bun:"id"`
		Payload string `bun:"payload"`
	}
	if err := e.d.NewSelect().Table("job_outbox").Column("id", "payload").Where("task_type = ?", TaskDossier).
		OrderExpr("id").Scan(context.Background(), &rows); err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, r := range rows {
		if !e.seen[r.ID] {
			e.seen[r.ID] = true
			out = append(out, []byte(r.Payload))
		}
	}
	return out
}

func (e *dsEnv) jalankan(t testing.TB, ts [][]byte) {
	t.Helper()
	for _, p := range ts {
		if err := e.m.handleDossier(context.Background(), p); err != nil {
			t.Fatalf("task %s: %v", p, err)
		}
	}
}

// baris reads the dossier rows and versions of a visit as stored.
func (e *dsEnv) baris(t testing.TB, desa tenancy.Kode, kunjunganID string) (map[string]Dossier, map[string][]VersiDossier) {
	t.Helper()
	ds := map[string]Dossier{}
	vs := map[string][]VersiDossier{}
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
	err := e.d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var rows []Dossier
		if err := tx.NewSelect().Model(&rows).Where("d.desa_id = ? AND d.kunjungan_id = ?", desa.ID(), kunjunganID).Scan(ctx); err != nil {
			return err
		}
		for _, r := range rows {
			ds[r.Audiens] = r
		}
		var vrows []VersiDossier
		if err := tx.NewSelect().Model(&vrows).Where("v.desa_id = ? AND v.kunjungan_id = ?", desa.ID(), kunjunganID).OrderExpr("v.versi").Scan(ctx); err != nil {
			return err
		}
		for _, v := range vrows {
			vs[v.Audiens] = append(vs[v.Audiens], v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ds, vs
}

// berkas lists the files under the blob folder's kunjungan/ (temporary
// files included: none may stay).
func berkas(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	root := filepath.Join(dir, "kunjungan")
	err := filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if !de.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestDossierTaskRunTwiceLeavesOneVersionAndOneFilePair(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsSetup(t, d)
		id := e.jadwal(t, dsIDDLH)
		ts := e.tugas(t)
		if len(ts) != 2 {
			t.Fatalf("%d tasks queued, want 2 (bupati, DLH)", len(ts))
		}
		ds, _ := e.baris(t, dsBengkel, id)
		if ds[AudiensBupati].Status != Antri || ds["DLH"].Status != Antri {
			t.Fatalf("before the worker: %+v", ds)
		}
		e.jalankan(t, ts)
		e.jalankan(t, ts) // asynq delivers at least once
		ds, vs := e.baris(t, dsBengkel, id)
		for _, a := range []string{AudiensBupati, "DLH"} {
			if ds[a].Status != Siap || ds[a].Versi != 1 || len(vs[a]) != 1 {
				t.Errorf("%s: status %s versi %d, %d versions; want siap, 1, 1", a, ds[a].Status, ds[a].Versi, len(vs[a]))
			}
		}
		files := berkas(t, e.dir)
		if len(files) != 4 {
			t.Fatalf("files %v, want one PDF and one XLSX per dossier", files)
		}
		for _, v := range append(vs[AudiensBupati], vs["DLH"]...) {
			for _, k := range []string{v.KunciPDF, v.KunciXLSX} {
				if !strings.Contains(strings.Join(files, "\n"), k) || !strings.Contains(k, v.Hash) {
					t.Errorf("version %s/%d names %s: not a file or not named by its hash", v.Audiens, v.Versi, k)
				}
			}
			pdf, err := os.ReadFile(filepath.Join(e.dir, filepath.FromSlash(v.KunciPDF)))
			if err != nil || !strings.HasPrefix(string(pdf), "%PDF") || int64(len(pdf)) != v.UkuranPDF {
				t.Errorf("%s: PDF unreadable or of another size (%v)", v.KunciPDF, err)
			}
		}
	})
}

func TestDossierUnchangedDataKeepsItsVersionChangedDataAddsOne(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsSetup(t, d)
		id := e.jadwal(t, dsIDDLH)
		e.jalankan(t, e.tugas(t))
		_, v1 := e.baris(t, dsBengkel, id)

		// Buat ulang with the same data: the footer's print time differs,
		// the hash does not.
		out := e.call(t, 202, http.MethodPost, "/kunjungan/"+id+"/dossier", "admin", nil)
		if items := out["items"].([]any); len(items) != 2 || items[0].(map[string]any)["status"] != "antri" {
			t.Fatalf("after buat ulang: %v", out)
		}
		e.jalankan(t, e.tugas(t))
		ds, v2 := e.baris(t, dsBengkel, id)
		if len(v2[AudiensBupati]) != 1 || v2[AudiensBupati][0].Hash != v1[AudiensBupati][0].Hash || ds[AudiensBupati].Status != Siap {
			t.Fatalf("unchanged data: versions %+v, status %s; want the same single version", v2[AudiensBupati], ds[AudiensBupati].Status)
		}
		if n := len(berkas(t, e.dir)); n != 4 {
			t.Fatalf("%d files after an unchanged rebuild, want 4", n)
		}

		e.setIsi("Realisasi naik")
		e.call(t, 202, http.MethodPost, "/kunjungan/"+id+"/dossier", "admin", map[string]any{"audiens": []string{AudiensBupati}})
		e.jalankan(t, e.tugas(t))
		ds, v3 := e.baris(t, dsBengkel, id)
		if len(v3[AudiensBupati]) != 2 || ds[AudiensBupati].Versi != 2 || v3[AudiensBupati][1].Hash == v3[AudiensBupati][0].Hash {
			t.Fatalf("changed data: versi %d, versions %+v; want version 2 with a new hash", ds[AudiensBupati].Versi, v3[AudiensBupati])
		}
		if len(v3["DLH"]) != 1 {
			t.Fatalf("DLH was not asked for and got %d versions", len(v3["DLH"]))
		}
		if n := len(berkas(t, e.dir)); n != 6 {
			t.Fatalf("%d files, want 6 (version 2 of the bupati's adds a pair)", n)
		}
		got := e.call(t, 200, http.MethodGet, "/kunjungan/"+id+"/dossier", "admin", nil)
		for _, it := range got["items"].([]any) {
			v := it.(map[string]any)
			if v["audiens"] == AudiensBupati && (v["versi"] != float64(2) || v["hash"] != v3[AudiensBupati][1].Hash ||
				v["pdf"] != "/api/v1/kunjungan/"+id+"/dossier/bupati/pdf") {
				t.Fatalf("list shows %v", v)
			}
		}
	})
}

func TestDossierStaleRequestIsIgnored(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsSetup(t, d)
		id := e.jadwal(t)
		lama := e.tugas(t)
		e.call(t, 202, http.MethodPost, "/kunjungan/"+id+"/dossier", "admin", nil)
		baru := e.tugas(t)
		e.jalankan(t, lama)
		ds, vs := e.baris(t, dsBengkel, id)
		if ds[AudiensBupati].Status != Antri || len(vs[AudiensBupati]) != 0 || e.dibuat != 0 {
			t.Fatalf("the superseded task built: status %s, %d versions, %d documents", ds[AudiensBupati].Status, len(vs[AudiensBupati]), e.dibuat)
		}
		e.jalankan(t, baru)
		e.jalankan(t, lama)
		ds, vs = e.baris(t, dsBengkel, id)
		if ds[AudiensBupati].Status != Siap || len(vs[AudiensBupati]) != 1 || e.dibuat != 1 {
			t.Fatalf("status %s, %d versions, %d documents; want siap, 1, 1", ds[AudiensBupati].Status, len(vs[AudiensBupati]), e.dibuat)
		}
	})
}

func TestDossierFailureIsGagalWithAReasonAndARetryBuildsIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsSetup(t, d)
		id := e.jadwal(t)
		ts := e.tugas(t)
		e.setGagal(errors.New("pq: relation sampah_rahasia does not exist"))
		if err := e.m.handleDossier(context.Background(), ts[0]); err == nil {
			t.Fatal("a failed build returned no error: asynq would not retry it")
		}
		out := e.call(t, 200, http.MethodGet, "/kunjungan/"+id+"/dossier", "admin", nil)
		v := out["items"].([]any)[0].(map[string]any)
		alasan, _ := v["alasan"].(string)
		if v["status"] != "gagal" || !strings.Contains(alasan, "tidak dapat dikumpulkan") || strings.Contains(alasan, "sampah_rahasia") {
			t.Fatalf("after the failure: %v (the reason must be Bahasa and hide the cause)", v)
		}
		if files := berkas(t, e.dir); len(files) != 0 {
			t.Fatalf("a failed build left files: %v", files)
		}
		e.setGagal(nil)
		e.jalankan(t, ts[:1]) // asynq's retry: the same task
		ds, vs := e.baris(t, dsBengkel, id)
		if ds[AudiensBupati].Status != Siap || ds[AudiensBupati].Alasan != "" || len(vs[AudiensBupati]) != 1 {
			t.Fatalf("after the retry: %+v, %d versions", ds[AudiensBupati], len(vs[AudiensBupati]))
		}
	})
}

func TestDossierEachOPDSeesOnlyItsOwn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsSetup(t, d)
		id := e.jadwal(t, dsIDDLH, dsIDDinkes)
		e.jalankan(t, e.tugas(t))
		base := "/kunjungan/" + id + "/dossier"
		audiens := func(user string) []string {
			var out []string
			for _, it := range e.call(t, 200, http.MethodGet, base, user, nil)["items"].([]any) {
				out = append(out, it.(map[string]any)["audiens"].(string))
			}
			return out
		}
		for user, want := range map[string]string{"admin": "bupati DINKES DLH", "bupati": "bupati DINKES DLH", "dlh": "DLH", "dinkes": "DINKES"} {
			if got := strings.Join(audiens(user), " "); got != want {
				t.Errorf("%s sees %q, want %q", user, got, want)
			}
		}
		cases := []struct {
			user, method, path string
			body               any
			want               int
		}{
			{"dlh", http.MethodGet, base + "/DLH/pdf", nil, 200},
			{"dlh", http.MethodGet, base + "/DINKES/pdf", nil, 404},
			{"dlh", http.MethodGet, base + "/bupati/xlsx", nil, 404},
			{"dlh", http.MethodPost, base, map[string]any{"audiens": []string{"DINKES"}}, 403},
			{"dlh", http.MethodPost, base, map[string]any{"audiens": []string{"DLH"}}, 202},
			{"pupr", http.MethodGet, base, nil, 404}, // PUPR does not take part
			{"pupr", http.MethodGet, base + "/DLH/pdf", nil, 404},
			{"perbekel", http.MethodGet, base, nil, 403},
			{"perbekel", http.MethodGet, base + "/bupati/pdf", nil, 403},
			{"perbekel", http.MethodPost, base, nil, 403},
			{"camat", http.MethodGet, base, nil, 403},
			{"admin", http.MethodGet, base + "/DINKES/xlsx", nil, 200},
			{"admin", http.MethodGet, base + "/laporan/pdf", nil, 404}, // not built before the visit closes
			{"admin", http.MethodPost, base, map[string]any{"audiens": []string{"PUPR"}}, 422},
			{"", http.MethodGet, base, nil, 401},
		}
		for _, c := range cases {
			rec := e.api.Do(c.method, c.path, c.user, c.body)
			if rec.Code != c.want {
				t.Errorf("%s %s as %q: %d, want %d: %s", c.method, c.path, c.user, rec.Code, c.want, rec.Body)
			}
		}
		rec := e.api.Do(http.MethodGet, base+"/DLH/xlsx", "dlh", nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), `attachment; filename="dossier-5102062001-DLH-v1.xlsx"`) ||
			!strings.HasPrefix(rec.Body.String(), "PK") {
			t.Fatalf("XLSX download: %d %v", rec.Code, rec.Header())
		}
		n := 0
		for _, a := range e.audit.Entries() {
			if a.Action == "unduh-dossier-kunjungan" && a.Kode == dsBengkel {
				n++
			}
		}
		if n != 3 {
			t.Errorf("%d downloads recorded, want 3", n)
		}
	})
}

func TestDossierForEveryDesaOfKecamatanKediri(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsSetup(t, d)
		const path = "/wilayah/51.02.06/kunjungan/dossier"
		e.call(t, 403, http.MethodPost, path, "dlh", nil)
		e.call(t, 403, http.MethodPost, path, "camat", nil)
		e.call(t, 422, http.MethodPost, "/wilayah/51.02.06.2001/kunjungan/dossier", "admin", nil)
		out := e.call(t, 202, http.MethodPost, path, "bupati", nil)
		if out["jumlah"] != float64(15) {
			t.Fatalf("queued %v, want the 15 desa of Kediri", out)
		}
		ts := e.tugas(t)
		if len(ts) != 15 {
			t.Fatalf("%d tasks, want 15", len(ts))
		}
		first := e.call(t, 200, http.MethodGet, path+"?limit=10", "bupati", nil)
		if items := first["items"].([]any); len(items) != 10 || items[0].(map[string]any)["status"] != "antri" {
			t.Fatalf("first page: %v", first)
		}
		e.jalankan(t, ts)
		seen := map[string]bool{}
		cursor := ""
		for range 3 {
			q := path + "?limit=10"
			if cursor != "" {
				q += "&cursor=" + cursor
			}
			pg := e.call(t, 200, http.MethodGet, q, "bupati", nil)
			for _, it := range pg["items"].([]any) {
				v := it.(map[string]any)
				if v["status"] != "siap" || v["versi"] != float64(1) || v["pdf"] != "/api/v1/wilayah/"+v["desa"].(string)+"/kunjungan/dossier/pdf" {
					t.Errorf("desa %v: %v", v["desa"], v)
				}
				seen[v["desa"].(string)] = true
			}
			cursor, _ = pg["next_cursor"].(string)
			if cursor == "" {
				break
			}
		}
		if len(seen) != 15 {
			t.Fatalf("listed %d desa, want 15", len(seen))
		}
		rec := e.api.Do(http.MethodGet, "/wilayah/51.02.06.2015/kunjungan/dossier/pdf", "bupati", nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), "%PDF") {
			t.Fatalf("planning dossier download: %d %s", rec.Code, rec.Body)
		}
		// The planning dossiers are in no visit's list and the dates of
		// the run are Bengkel's own.
		ds, vs := e.baris(t, dsBengkel, "")
		if ds[AudiensBupati].Status != Siap || len(vs[AudiensBupati]) != 1 {
			t.Fatalf("Bengkel's planning dossier: %+v", ds)
		}
	})
}

func TestDossierReportIsReadByTheDesaAndTheOPDButNotTheirBriefings(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsSetup(t, d)
		id := e.jadwal(t, dsIDDLH)
		e.jalankan(t, e.tugas(t))
		base := "/kunjungan/" + id + "/dossier"
		e.call(t, 404, http.MethodGet, base+"/laporan/pdf", "perbekel", nil)
		e.call(t, 200, http.MethodPost, "/kunjungan/"+id+"/mulai", "admin", nil)
		e.call(t, 200, http.MethodPost, "/kunjungan/"+id+"/selesai", "admin", map[string]any{"opd_hadir": []string{dsIDDLH}})
		ts := e.tugas(t)
		if len(ts) != 1 {
			t.Fatalf("%d tasks after closing the visit, want the report's", len(ts))
		}
		e.jalankan(t, ts)
		for _, user := range []string{"perbekel", "camat", "dlh", "admin"} {
			rec := e.api.Do(http.MethodGet, base+"/laporan/pdf", user, nil)
			if rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), "%PDF") {
				t.Errorf("%s downloads the report: %d", user, rec.Code)
			}
		}
		e.call(t, 403, http.MethodGet, base+"/DLH/pdf", "perbekel", nil)
		e.call(t, 403, http.MethodGet, base+"/bupati/pdf", "camat", nil)
		e.call(t, 404, http.MethodGet, base+"/laporan/pdf", "pupr", nil) // not a participant
		got := e.call(t, 200, http.MethodGet, base, "dlh", nil)
		if items := got["items"].([]any); len(items) != 2 {
			t.Fatalf("DLH lists %v, want its own and the report", items)
		}
		// Only the office asks for the report again.
		e.call(t, 403, http.MethodPost, base, "dlh", map[string]any{"audiens": []string{AudiensLaporan}})
		e.call(t, 202, http.MethodPost, base, "admin", map[string]any{"audiens": []string{AudiensLaporan}})
	})
}

func TestDossierDataBackToAnEarlierStateReusesThatVersion(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsSetup(t, d)
		id := e.jadwal(t)
		e.jalankan(t, e.tugas(t))
		for _, isi := range []string{"Data kedua", "Data awal"} {
			e.setIsi(isi)
			e.call(t, 202, http.MethodPost, "/kunjungan/"+id+"/dossier", "admin", nil)
			e.jalankan(t, e.tugas(t))
		}
		ds, vs := e.baris(t, dsBengkel, id)
		if len(vs[AudiensBupati]) != 2 || ds[AudiensBupati].Versi != 1 || ds[AudiensBupati].Status != Siap {
			t.Fatalf("versi %d, %d versions; want the first version current again and no third", ds[AudiensBupati].Versi, len(vs[AudiensBupati]))
		}
		if n := len(berkas(t, e.dir)); n != 4 {
			t.Fatalf("%d files, want 4", n)
		}
	})
}
