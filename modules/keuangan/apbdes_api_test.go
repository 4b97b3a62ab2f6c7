package keuangan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	bengkel  tenancy.Kode = "51.02.06.2001"
	tetangga tenancy.Kode = "51.02.06.2002"
)

// apbdesUsers are the accounts of these tests; the token is the user id.
var apbdesUsers = map[string]grant{
	"kaur":          {authz.KaurKeuangan, bengkel},
	"sekdes":        {authz.Sekdes, bengkel},
	"perbekel":      {authz.Perbekel, bengkel},
	"operator":      {authz.Operator, bengkel},
	"camat":         {authz.Camat, "51.02.06"},
	"bupati":        {authz.Bupati, "51.02"},
	"kaur-tetangga": {authz.KaurKeuangan, tetangga},
}

// fakePelaksana: the perangkat in post of bengkel.
type fakePelaksana struct{}

func (fakePelaksana) Pelaksana(_ context.Context, desa tenancy.Kode) ([]keuangan.Pelaksana, error) {
	if desa != bengkel {
		return nil, nil
	}
	return []keuangan.Pelaksana{{ID: "p-kasi", Nama: "I Made Kasi", Jabatan: "Kasi Kesejahteraan"}}, nil
}

func (fakePelaksana) Dusun(_ context.Context, desa tenancy.Kode) ([]string, error) {
	return []string{"Banjar Dinas Kaja", "Banjar Dinas Kelod"}, nil
}

// apbdesAuth signs in apbdesUsers, named "Nama " + the account.
var apbdesAuth = accounts{users: apbdesUsers, title: "Nama "}

// apbdesDeps are the module's dependencies in these tests.
func apbdesDeps(deps *keuangan.Deps) { deps.Authz, deps.Pelaksana = apbdesAuth, fakePelaksana{} }

func newAPBDesModule(t *testing.T, d *db.DB, extra ...func(*keuangan.Deps)) *keuangan.Module {
	t.Helper()
	return newModule(t, d, append([]func(*keuangan.Deps){apbdesDeps}, extra...)...)
}

type apbdesAPI struct {
	t     *testing.T
	m     *keuangan.Module
	srv   *httpserver.Server
	audit *memAudit
}

func newAPBDesAPI(t *testing.T, d *db.DB) *apbdesAPI {
	t.Helper()
	m := newAPBDesModule(t, d)
	rec := newAudit()
	srv := apiServer(m, apbdesAuth, func(deps *httpserver.Deps) { deps.Audit, deps.DB = rec, d })
	return &apbdesAPI{t: t, m: m, srv: srv, audit: rec}
}

func (a *apbdesAPI) do(method, path, user string, body any) (int, map[string]any) {
	a.t.Helper()
	return apiJSON(a.t, a.srv, method, path, user, body)
}

func (a *apbdesAPI) want(status int, method, path, user string, body any) map[string]any {
	a.t.Helper()
	got, out := a.do(method, path, user, body)
	if got != status {
		a.t.Fatalf("%s %s as %s: %d, want %d: %v", method, path, user, got, status, out)
	}
	return out
}

func detail(m map[string]any) string { s, _ := m["detail"].(string); return s }

func errFields(m map[string]any) []string {
	var out []string
	list, _ := m["errors"].([]any)
	for _, e := range list {
		if f, ok := e.(map[string]any)["location"].(string); ok {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

var (
	dds       = map[string]any{"kode_rekening": "4.2.1.01", "uraian": "Dana Desa", "jumlah": 1_000_000_000, "sumber_dana": "DDS"}
	jalan     = map[string]any{"kode_rekening": "5.2.1.07", "kode_kegiatan": "02.01.06", "uraian": "Semen jalan banjar", "volume": 3000, "satuan": "paket", "harga_satuan": 400_000_000, "sumber_dana": "DDS", "lokasi": "Banjar Kaja", "pelaksana_id": "p-kasi", "output_volume": 250_000, "output_satuan": "m"}
	silpa     = map[string]any{"kode_rekening": "6.1.1.01", "uraian": "SiLPA 2025", "jumlah": 250_000_000, "sumber_dana": "SiLPA"}
	apbdes26  = "/desa/" + string(bengkel) + "/apbdes/2026"
	tetangga6 = "/desa/" + string(tetangga) + "/apbdes/2026"
)

func TestAPBDesLifecycleThroughTheAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPBDesAPI(t, d)

		out := a.want(404, http.MethodGet, apbdes26, "kaur", nil)
		if !strings.Contains(detail(out), "belum dibuat") {
			t.Errorf("404 detail %q, want Bahasa 'belum dibuat'", detail(out))
		}
		a.want(403, http.MethodPost, apbdes26, "kaur", nil) // creating is the kepala desa's act
		a.want(201, http.MethodPost, apbdes26, "sekdes", nil)
		if out := a.want(409, http.MethodPost, apbdes26, "perbekel", nil); !strings.Contains(detail(out), "sudah dibuat") {
			t.Errorf("second create: %v", out)
		}
		out = a.want(422, http.MethodPost, apbdes26+"/ajukan", "sekdes", nil)
		if !strings.Contains(detail(out), "belum berisi baris") {
			t.Errorf("empty submit: %v", out)
		}

		a.want(201, http.MethodPost, apbdes26+"/baris", "kaur", dds)
		b := a.want(201, http.MethodPost, apbdes26+"/baris", "kaur", jalan)
		if b["jumlah"] != float64(1_200_000_000) || b["kelompok"] != "belanja" || b["pelaksana_nama"] != "I Made Kasi" {
			t.Fatalf("belanja line %v, want 3 × 400.000.000 by I Made Kasi", b)
		}
		jalanID := b["id"].(string)
		a.want(403, http.MethodPost, apbdes26+"/baris", "camat", dds)
		a.want(403, http.MethodPost, apbdes26+"/baris", "operator", dds)
		a.want(403, http.MethodPost, tetangga6+"/baris", "kaur", dds)
		a.want(403, http.MethodPost, apbdes26+"/ajukan", "kaur", nil)

		out = a.want(422, http.MethodPost, apbdes26+"/ajukan", "sekdes", nil)
		if d := detail(out); !strings.Contains(d, "belum seimbang") || !strings.Contains(d, "defisit Rp 200.000.000") || !strings.Contains(d, "kurang Rp 200.000.000") {
			t.Errorf("unbalanced submit detail %q", d)
		}
		v := a.want(200, http.MethodGet, apbdes26, "bupati", nil)
		if v["seimbang"] != false || !strings.Contains(v["catatan_seimbang"].(string), "belum seimbang") {
			t.Errorf("view of an unbalanced APBDes: seimbang %v %v", v["seimbang"], v["catatan_seimbang"])
		}
		a.want(201, http.MethodPost, apbdes26+"/baris", "kaur", silpa)
		a.want(200, http.MethodPost, apbdes26+"/ajukan", "perbekel", nil)

		// Locked while with the camat.
		out = a.want(409, http.MethodPut, apbdes26+"/baris/"+jalanID, "kaur", jalan)
		if !strings.Contains(detail(out), "tidak dapat diubah") {
			t.Errorf("locked line: %v", out)
		}
		a.want(409, http.MethodDelete, apbdes26+"/baris/"+jalanID, "kaur", nil)
		a.want(409, http.MethodPost, apbdes26+"/baris", "kaur", dds)
		a.want(409, http.MethodPost, apbdes26+"/tetapkan", "sekdes", map[string]any{"perdes_nomor": "5", "perdes_tanggal": "2026-01-15"})
		a.want(409, http.MethodPost, apbdes26+"/perubahan", "sekdes", nil)

		// The camat accepts (part evaluasi's page; here the core move).
		evaluasi(t, a.m, d, keuangan.AksiTerima)

		out = a.want(422, http.MethodPost, apbdes26+"/tetapkan", "sekdes", map[string]any{"perdes_nomor": "", "perdes_tanggal": "2027-01-15"})
		if f := errFields(out); !slices.Equal(f, []string{"body.perdes_nomor", "body.perdes_tanggal"}) {
			t.Errorf("tetapkan errors at %v, want nomor and tanggal", f)
		}
		a.want(403, http.MethodPost, apbdes26+"/tetapkan", "kaur", map[string]any{"perdes_nomor": "5 Tahun 2026", "perdes_tanggal": "2026-01-15"})
		out = a.want(200, http.MethodPost, apbdes26+"/tetapkan", "perbekel", map[string]any{"perdes_nomor": "5 Tahun 2026", "perdes_tanggal": "2026-01-15"})
		if out["status"] != "ditetapkan" || out["perdes_nomor"] != "5 Tahun 2026" {
			t.Fatalf("tetapkan: %v", out)
		}
		a.want(409, http.MethodPut, apbdes26+"/baris/"+jalanID, "kaur", jalan)

		v = a.want(200, http.MethodGet, apbdes26, "camat", nil)
		hdr := v["apbdes"].(map[string]any)
		riw := v["riwayat"].([]any)
		tot := v["total"].(map[string]any)
		if hdr["status"] != "ditetapkan" || len(riw) != 4 || tot["silpa"] != float64(50_000_000) || tot["surplus_defisit"] != float64(-200_000_000) ||
			tot["pembiayaan_netto"] != float64(250_000_000) || len(v["baris"].([]any)) != 3 {
			t.Fatalf("view after tetapkan: %v", v)
		}
		if last := riw[3].(map[string]any); last["ke"] != "ditetapkan" || last["oleh"] != "Nama perbekel" {
			t.Errorf("riwayat %v", riw)
		}
		for _, want := range []string{"create-apbdes", "create-apbdes-baris", "ajukan-apbdes", "tetapkan-apbdes"} {
			if !slices.Contains(a.audit.actions(), want) {
				t.Errorf("audit lacks %s: %v", want, a.audit.actions())
			}
		}
	})
}

// evaluasi applies the camat's move to the 2026 APBDes in force, as part
// evaluasi will.
func evaluasi(t *testing.T, m *keuangan.Module, d *db.DB, aksi string) {
	t.Helper()
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel})
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, err := keuangan.GetAPBDesBerlaku(ctx, tx, 2026)
		if err != nil {
			return err
		}
		return keuangan.GantiStatus(ctx, tx, &a, aksi, "Periksa kembali", keuangan.Pelaku{ID: "camat", Nama: "Camat Kediri"}, now)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ditetapkan builds the 2026 murni through the API up to its Perdes.
func ditetapkan(t *testing.T, a *apbdesAPI, d *db.DB) (jalanID string) {
	t.Helper()
	a.want(201, http.MethodPost, apbdes26, "sekdes", nil)
	a.want(201, http.MethodPost, apbdes26+"/baris", "kaur", dds)
	jalanID = a.want(201, http.MethodPost, apbdes26+"/baris", "kaur", jalan)["id"].(string)
	a.want(201, http.MethodPost, apbdes26+"/baris", "kaur", silpa)
	a.want(200, http.MethodPost, apbdes26+"/ajukan", "sekdes", nil)
	evaluasi(t, a.m, d, keuangan.AksiTerima)
	a.want(200, http.MethodPost, apbdes26+"/tetapkan", "perbekel", map[string]any{"perdes_nomor": "5 Tahun 2026", "perdes_tanggal": "2026-01-15"})
	return jalanID
}

func TestAPBDesPerubahanKeepsTheMurniAndShowsTheDifference(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPBDesAPI(t, d)
		a.want(404, http.MethodPost, apbdes26+"/perubahan", "sekdes", nil) // no murni yet
		murniJalan := ditetapkan(t, a, d)
		a.want(403, http.MethodPost, apbdes26+"/perubahan", "kaur", nil)
		p := a.want(201, http.MethodPost, apbdes26+"/perubahan", "sekdes", nil)
		if p["versi"] != "perubahan" || p["status"] != "draft" || p["murni_id"] == "" {
			t.Fatalf("perubahan %v", p)
		}
		a.want(409, http.MethodPost, apbdes26+"/perubahan", "sekdes", nil)

		v := a.want(200, http.MethodGet, apbdes26, "kaur", nil)
		lines := v["baris"].([]any)
		var jalanP string
		for _, l := range lines {
			l := l.(map[string]any)
			if l["asal_baris_id"] == murniJalan {
				jalanP = l["id"].(string)
			}
		}
		if v["apbdes"].(map[string]any)["versi"] != "perubahan" || len(lines) != 3 || jalanP == "" {
			t.Fatalf("perubahan copies the murni lines with asal_baris_id: %v", v)
		}
		// The murni's own line is no line of the version in force.
		a.want(404, http.MethodPut, apbdes26+"/baris/"+murniJalan, "kaur", jalan)

		changed := map[string]any{}
		for k, x := range jalan {
			changed[k] = x
		}
		changed["volume"] = 2500 // 2,5 × 400.000.000 = 1.000.000.000: 200.000.000 less
		a.want(200, http.MethodPut, apbdes26+"/baris/"+jalanP, "kaur", changed)
		a.want(201, http.MethodPost, apbdes26+"/baris", "kaur", map[string]any{"kode_rekening": "4.1.1.01", "uraian": "Bagi hasil BUMDes", "jumlah": 10_000_000, "sumber_dana": "PAD"})

		v = a.want(200, http.MethodGet, apbdes26+"?versi=perubahan", "camat", nil)
		for _, l := range v["baris"].([]any) {
			l := l.(map[string]any)
			switch l["id"] {
			case jalanP:
				if l["murni"] != float64(1_200_000_000) || l["jumlah"] != float64(1_000_000_000) || l["selisih"] != float64(-200_000_000) {
					t.Errorf("changed line: murni %v jumlah %v selisih %v", l["murni"], l["jumlah"], l["selisih"])
				}
			}
			if l["uraian"] == "Bagi hasil BUMDes" && (l["murni"] != float64(0) || l["selisih"] != float64(10_000_000)) {
				t.Errorf("new line: %v", l)
			}
		}
		tm, tp, ts := v["total_murni"].(map[string]any), v["total"].(map[string]any), v["total_selisih"].(map[string]any)
		if tm["belanja"] != float64(1_200_000_000) || tp["belanja"] != float64(1_000_000_000) || ts["belanja"] != float64(-200_000_000) ||
			ts["pendapatan"] != float64(10_000_000) || ts["silpa"] != float64(210_000_000) {
			t.Errorf("totals murni %v perubahan %v selisih %v", tm, tp, ts)
		}

		m := a.want(200, http.MethodGet, apbdes26+"?versi=murni", "kaur", nil)
		if m["apbdes"].(map[string]any)["status"] != "ditetapkan" || m["total"].(map[string]any)["belanja"] != float64(1_200_000_000) || m["total_murni"] != nil {
			t.Errorf("the murni changed under the perubahan: %v", m)
		}
		a.want(422, http.MethodGet, apbdes26+"?versi=semua", "kaur", nil)

		// A murni line deleted in the perubahan shows with its murni amount.
		a.want(204, http.MethodDelete, apbdes26+"/baris/"+jalanP, "kaur", nil)
		v = a.want(200, http.MethodGet, apbdes26, "kaur", nil)
		del := v["murni_dihapus"].([]any)
		if len(del) != 1 || del[0].(map[string]any)["selisih"] != float64(-1_200_000_000) {
			t.Errorf("murni_dihapus %v", del)
		}
		// The perubahan goes through the same lifecycle.
		a.want(200, http.MethodPost, apbdes26+"/ajukan", "sekdes", nil)
		if s := a.want(200, http.MethodGet, apbdes26, "kaur", nil)["apbdes"].(map[string]any)["status"]; s != "diajukan" {
			t.Errorf("perubahan status %v", s)
		}
	})
}

func TestAPBDesLineValidationPerField(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPBDesAPI(t, d)
		a.want(201, http.MethodPost, apbdes26, "sekdes", nil)
		out := a.want(422, http.MethodPost, apbdes26+"/baris", "kaur", map[string]any{"kode_rekening": "5.2.1.07", "sumber_dana": "XYZ", "pelaksana_id": "orang-lain"})
		want := []string{"body.harga_satuan", "body.kode_kegiatan", "body.pelaksana_id", "body.satuan", "body.sumber_dana", "body.uraian", "body.volume"}
		if f := errFields(out); !slices.Equal(f, want) {
			t.Errorf("errors at %v, want %v", f, want)
		}
		out = a.want(422, http.MethodPost, apbdes26+"/baris", "kaur", map[string]any{"kode_rekening": "4.2.1", "uraian": "x", "sumber_dana": "DDS"})
		if f := errFields(out); !slices.Contains(f, "body.kode_rekening") {
			t.Errorf("a jenis code as a line: %v", out)
		}
		a.want(404, http.MethodPut, apbdes26+"/baris/bukan-id", "kaur", dds)
		a.want(404, http.MethodDelete, apbdes26+"/baris/0190f5b2-0000-7000-8000-000000000000", "kaur", nil)
		if v := a.want(200, http.MethodGet, apbdes26, "kaur", nil); len(v["baris"].([]any)) != 0 {
			t.Errorf("a refused line was saved: %v", v["baris"])
		}
	})
}

func TestAPBDesAddLineWithIdempotencyKeyHappensOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newAPBDesAPI(t, d)
		a.want(201, http.MethodPost, apbdes26, "sekdes", nil)
		send := func() (int, string) {
			raw, _ := json.Marshal(dds)
			req := httptest.NewRequest(http.MethodPost, "https://ngantor.example/api/v1"+apbdes26+"/baris", bytes.NewReader(raw))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer kaur")
			req.Header.Set("Idempotency-Key", "baris-dana-desa-1")
			rec := httptest.NewRecorder()
			a.srv.Handler().ServeHTTP(rec, req) // the key is kept by the server's outer handler
			var out map[string]any
			_ = json.Unmarshal(rec.Body.Bytes(), &out)
			id, _ := out["id"].(string)
			return rec.Code, id
		}
		s1, id1 := send()
		s2, id2 := send()
		if s1 != 201 || s2 != 201 || id1 == "" || id1 != id2 {
			t.Fatalf("retry with the same key: %d %q then %d %q, want the first answer replayed", s1, id1, s2, id2)
		}
		if v := a.want(200, http.MethodGet, apbdes26, "kaur", nil); len(v["baris"].([]any)) != 1 {
			t.Errorf("%d lines after a retried POST, want 1", len(v["baris"].([]any)))
		}
	})
}
