package main

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The matrix for the operations that resolve their desa from a visit id
// (/api/v1/kunjungan/{id}…): visits to a neighbour in Kecamatan Kediri and
// to a desa of another kecamatan, neither with DLH taking part, walked by
// the perbekel of Bengkel, the camat of Kediri and a DLH member. Scheduling
// (POST /api/v1/kunjungan, whose desa is in the body) is refused to all
// three for every desa.
func TestKunjunganMatrix(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		ctx := t.Context()
		opds, err := a.opd.Daftar(ctx, demoKabupaten)
		if err != nil {
			t.Fatal(err)
		}
		var peserta []string
		for _, o := range opds {
			if o.Kode == "DISKOPUKM" || o.Kode == "DPMD" {
				peserta = append(peserta, o.ID)
			}
		}
		if len(peserta) != 2 {
			t.Fatalf("DISKOPUKM and DPMD in the registry: %d", len(peserta))
		}
		outsideKediri := tenancy.Kode("")
		desaIn, err := kunjunganRegions{audiensiRegions{a.wilayah}, keuanganDesa{a.wilayah}}.DesaIn(ctx, demoKabupaten)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range desaIn {
			if !tenancy.Kode("51.02.06").Contains(w.Kode) {
				outsideKediri = w.Kode
				break
			}
		}
		today := civil.Today(a.kunjungan.Now(), neighbourDesa)
		visit := func(desa tenancy.Kode) string {
			t.Helper()
			det, err := a.kunjungan.Buat(tenancy.With(ctx, tenancy.Tenant{Kode: desa}), kunjungan.KunjunganData{
				Tanggal: today.AddDate(0, 0, 7), Judul: "Kunjungan matriks", OPD: peserta,
				Agenda: []kunjungan.AgendaData{{Jenis: kunjungan.AgendaUMKM, Judul: "Kunjungan UMKM"}}})
			if err != nil {
				t.Fatal(err)
			}
			return det.ID
		}
		tetangga, jauh := visit(neighbourDesa), visit(outsideKediri)

		ops := operations(t, srv)
		own := login(t, srv, "perbekel.bengkel@tabanan.test")
		camat := login(t, srv, "camat.kediri@tabanan.test")
		dlh := login(t, srv, "dlh@tabanan.test")
		admin := login(t, srv, "admin@tabanan.test")
		body := []byte(`{}`)
		walked := 0
		for _, op := range ops {
			if !op.Target || !strings.HasPrefix(op.Path, "/api/v1/kunjungan/{id}") {
				continue
			}
			walked++
			for _, id := range []string{tetangga, jauh} {
				// A download names its format and audience: fill them with
				// what binds (pdf, bupati), so only the visit id is foreign.
				path := fill(strings.NewReplacer("{format}", "pdf", "{audiens}", "bupati").Replace(op.Path), "", id)
				who := []string{own, dlh}
				if id == jauh {
					who = append(who, camat)
				}
				for _, tok := range who {
					status, raw := call(t, srv, op.Method, path, tok, bodyFor(op.Method, body))
					expectNoData(t, op, path, status, raw)
				}
			}
		}
		if walked == 0 {
			t.Fatal("no /api/v1/kunjungan/{id} operation in /openapi.json")
		}
		// The positive control: the ids bind, for the bupati's office.
		for _, id := range []string{tetangga, jauh} {
			if status, raw := call(t, srv, http.MethodGet, "/api/v1/kunjungan/"+id, admin, nil); status != 200 {
				t.Errorf("admin reads visit %s: %d %s", id, status, raw)
			}
		}
		// The camat reads the visit to its own kecamatan (same ids bind for it).
		if status, raw := call(t, srv, http.MethodGet, "/api/v1/kunjungan/"+tetangga, camat, nil); status != 200 {
			t.Errorf("camat reads a visit in Kediri: %d %s", status, raw)
		}

		for _, desa := range []string{ownDesa, neighbourDesa, string(outsideKediri)} {
			b, _ := json.Marshal(map[string]any{"desa": desa, "tanggal": today.AddDate(0, 0, 3), "judul": "Kunjungan tak berwenang", "opd": []string{}})
			for _, tok := range []string{own, camat, dlh} {
				status, raw := call(t, srv, http.MethodPost, "/api/v1/kunjungan", tok, b)
				if status != http.StatusForbidden {
					t.Errorf("POST /api/v1/kunjungan desa %s: %d, want 403; %.200s", desa, status, raw)
				}
			}
		}
		// A visit list of the kabupaten never carries a visit the caller may
		// not open: DLH takes part in neither.
		status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/kunjungan?limit=100", dlh, nil)
		if status != 200 {
			t.Fatalf("DLH lists visits: %d %s", status, raw)
		}
		for _, id := range []string{tetangga, jauh} {
			if strings.Contains(string(raw), id) {
				t.Errorf("DLH's visit list carries visit %s it takes no part in", id)
			}
		}
		status, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/kunjungan?limit=100", admin, nil)
		var p struct{ Items []struct{ ID string } }
		if status != 200 || json.Unmarshal(raw, &p) != nil {
			t.Fatalf("admin lists visits: %d %s", status, raw)
		}
		var ids []string
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
		if !slices.Contains(ids, tetangga) || !slices.Contains(ids, jauh) {
			t.Errorf("admin's list lacks the matrix visits: %v", ids)
		}
	})
}
