package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

type pkPemilihan struct {
	ID               string `json:"id"`
	Status           string `json:"status"`
	MasaJabatanTahun int    `json:"masa_jabatan_tahun"`
	DasarMasaJabatan string `json:"dasar_masa_jabatan"`
	Calon            []struct {
		ID  string `json:"id"`
		NIK string `json:"nik"`
	} `json:"calon"`
	Hasil struct {
		UsulanCalonID string `json:"usulan_calon_id"`
		Total         int    `json:"total"`
	} `json:"hasil"`
	Pelantikan *struct {
		PerangkatID string `json:"perangkat_id"`
	} `json:"pelantikan"`
}

type pkPerangkat struct {
	Items []struct {
		ID      string `json:"id"`
		Jabatan string `json:"jabatan"`
		Nama    string `json:"nama"`
		Mulai   string `json:"mulai"`
		Selesai string `json:"selesai"`
		Aktif   bool   `json:"aktif"`
	} `json:"items"`
}

func pkJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// Pilkades through the real app: who reads and writes a desa's election,
// the demo's elected kepala desa appointed in administration, and a whole
// election entered by the kabupaten admin down to the pelantikan, whose
// task appoints the kepala desa for 8 years less a day. Both engines.
func TestPilkadesAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		sekdes := login(t, srv, "sekdes.bengkel@tabanan.test")
		perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
		admin := login(t, srv, "admin@tabanan.test")
		bupati := login(t, srv, "bupati@tabanan.test")
		dlh := login(t, srv, "dlh@tabanan.test")

		if status, raw := call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2001/pilkades", sekdes, nil); status != 200 ||
			!strings.Contains(string(raw), "UU No. 3 Tahun 2024") {
			t.Fatalf("sekdes reads Bengkel: %d %s", status, raw)
		}
		if status, _ := call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2005/pilkades", sekdes, nil); status != 403 && status != 404 {
			t.Errorf("sekdes of Bengkel reads Buwit: %d", status)
		}
		if status, _ := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/pilkades", perbekel, pkJSON(map[string]any{"tahun": 2026})); status != 403 {
			t.Errorf("perbekel starts an election: %d, want 403", status)
		}
		if status, raw := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/pilkades", sekdes, pkJSON(map[string]any{"tahun": 2026, "dpt": 999999})); status != 422 {
			t.Errorf("DPT out of bounds: %d %s", status, raw)
		}
		if status, _ := call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02/pilkades/gelombang", dlh,
			pkJSON(map[string]any{"nama": "Gelombang DLH", "tahun": 2027, "tahapan": []map[string]any{{"nama": "Pelantikan", "tenggat": "2027-05-01"}}})); status != 403 {
			t.Errorf("DLH writes the kabupaten's timeline: %d, want 403", status)
		}

		// The demo: Buwit's elected kepala desa is in post in administration.
		status, raw := call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2005/pilkades", bupati, nil)
		if status != 200 {
			t.Fatalf("bupati reads Buwit: %d %s", status, raw)
		}
		demo := kjDecode[struct{ Items []pkPemilihan }](t, raw)
		if len(demo.Items) != 1 || demo.Items[0].Status != "dilantik" || demo.Items[0].Pelantikan == nil || demo.Items[0].Pelantikan.PerangkatID == "" {
			t.Fatalf("demo Buwit: %s", raw)
		}
		for _, c := range demo.Items[0].Calon {
			if !strings.Contains(c.NIK, "*") {
				t.Errorf("the bupati sees a candidate's NIK whole: %s", c.NIK)
			}
		}
		if status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/pilkades", bupati, nil); status != 200 ||
			strings.Count(string(raw), `"pilkades_id"`) != 4 {
			t.Errorf("progress: %d %s", status, raw)
		}

		// A whole election at Kediri, by the kabupaten admin.
		base := "/api/v1/desa/51.02.06.2013/pilkades"
		status, raw = call(t, srv, http.MethodPost, base, admin, pkJSON(map[string]any{"tahun": 2026, "dpt": 1000}))
		if status != 201 {
			t.Fatalf("create: %d %s", status, raw)
		}
		p := kjDecode[pkPemilihan](t, raw)
		if p.MasaJabatanTahun != 8 {
			t.Errorf("term %d, want 8", p.MasaJabatanTahun)
		}
		el := base + "/" + p.ID
		for i, n := range []string{"I Made Uji Satu", "I Made Uji Dua"} {
			if status, raw := call(t, srv, http.MethodPost, el+"/calon", admin,
				pkJSON(map[string]any{"nomor_urut": i + 1, "nama": n, "nik": "510206120380000" + string(rune('1'+i))})); status != 201 {
				t.Fatalf("calon: %d %s", status, raw)
			}
		}
		if status, raw := call(t, srv, http.MethodPost, el+"/calon", admin,
			pkJSON(map[string]any{"nomor_urut": 1, "nama": "Duplikat", "nik": "5102061203800003"})); status != 422 {
			t.Errorf("a second nomor urut 1: %d %s", status, raw)
		}
		status, raw = call(t, srv, http.MethodGet, el, admin, nil)
		p = kjDecode[pkPemilihan](t, raw)
		if status, raw := call(t, srv, http.MethodPost, el+"/tps", admin, pkJSON(map[string]any{"nomor": 1, "nama": "TPS 1", "dpt": 1000,
			"suara_tidak_sah": 5, "suara": []map[string]any{{"calon_id": p.Calon[0].ID, "suara": 400}, {"calon_id": p.Calon[1].ID, "suara": 300}}})); status != 201 {
			t.Fatalf("tps: %d %s", status, raw)
		}
		status, raw = call(t, srv, http.MethodPut, el+"/terpilih", admin, pkJSON(map[string]any{"calon_id": p.Calon[0].ID}))
		if status != 200 {
			t.Fatalf("terpilih: %d %s", status, raw)
		}
		today := civil.Today(time.Now(), "51.02.06.2013")
		// A sitting kepala desa linked to the perbekel's account, as nearly
		// every one is: the worker (no user in its context) still ends the
		// appointment on the recorded decree, and the account loses its role.
		bg := context.Background()
		adminUser, err := a.auth.UserByEmail(bg, "admin@tabanan.test")
		if err != nil {
			t.Fatal(err)
		}
		tctx := auth.WithUser(tenancy.With(bg, tenancy.Tenant{Kode: "51.02.06.2013"}), adminUser)
		lama, err := a.administration.Appoint(tctx, administration.PerangkatInput{Jabatan: administration.KepalaDesa,
			Nama: "I Wayan Lama", NIK: "5102061203700001", Status: administration.Definitif, SKNomor: "141/12/HK/2020",
			SKTanggal: today.AddDate(-6, 0, -10), Mulai: today.AddDate(-6, 0, -5)})
		if err != nil {
			t.Fatal(err)
		}
		akun, err := a.auth.CreateUser(bg, auth.NewUser{Email: "perbekel.lama@pilkades.test", Name: "Perbekel Lama", Password: demoPassword})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.administration.LinkUser(tctx, lama.ID, akun.ID); err != nil {
			t.Fatal(err)
		}
		status, raw = call(t, srv, http.MethodPost, el+"/pelantikan", admin, pkJSON(map[string]any{"sk_nomor": "100.3.3.2/77/HK/2026",
			"sk_tanggal": today.AddDate(0, 0, -3), "tanggal": today.AddDate(0, 0, -1)}))
		if status != 201 {
			t.Fatalf("pelantikan: %d %s", status, raw)
		}
		// The worker's part, twice: one appointment.
		for i := 0; i < 2; i++ {
			if err := a.pilkades.JalankanLantik(context.Background(), tenancy.Kode("51.02.06.2013"), p.ID); err != nil {
				t.Fatalf("lantik task run %d: %v", i, err)
			}
		}
		// The worker's changes are in the desa's audit chain as the
		// system's: one appointment and one end, though it ran twice.
		var angkat, berhenti int
		err = a.db.RunInTx(t.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, a.db.Engine, tx, 0, 9_999_999_999); err != nil {
				return err
			}
			q := "SELECT count(*) FROM audit_log WHERE action = ? AND actor = 'system' AND desa_id = ?"
			if err := tx.NewRaw(q, "create-perangkat", tenancy.Kode("51.02.06.2013").ID()).Scan(ctx, &angkat); err != nil {
				return err
			}
			return tx.NewRaw(q, "end-perangkat", tenancy.Kode("51.02.06.2013").ID()).Scan(ctx, &berhenti)
		})
		if err != nil || angkat != 1 || berhenti != 1 {
			t.Errorf("audit of the worker's changes: %d appointments, %d ends, %v; want 1 and 1", angkat, berhenti, err)
		}
		status, raw = call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2013/perangkat", admin, nil)
		if status != 200 {
			t.Fatalf("perangkat: %d %s", status, raw)
		}
		kades := 0
		for _, r := range kjDecode[pkPerangkat](t, raw).Items {
			if r.Jabatan == "kepala_desa" && r.Nama == "I Made Uji Satu" {
				kades++
				mulai := today.AddDate(0, 0, -1)
				if r.Mulai != string(mulai) || r.Selesai != string(mulai.AddDate(8, 0, -1)) {
					t.Errorf("term %s – %s, want %s – %s", r.Mulai, r.Selesai, mulai, mulai.AddDate(8, 0, -1))
				}
			}
		}
		if kades != 1 {
			t.Errorf("%d appointments of the elected kepala desa, want 1: %s", kades, raw)
		}
		for _, r := range kjDecode[pkPerangkat](t, raw).Items {
			if r.Nama == "I Wayan Lama" && r.Aktif {
				t.Errorf("the sitting kepala desa is still in post after the pelantikan: %+v", r)
			}
		}
		status, raw = call(t, srv, http.MethodGet, el, admin, nil)
		if p = kjDecode[pkPemilihan](t, raw); status != 200 || p.Status != "dilantik" {
			t.Errorf("after the task: %d %s", status, raw)
		}

		// The pages.
		for _, path := range []string{"/desa/51.02.06.2005/pilkades", "/wilayah/51.02/pilkades", "/wilayah/51.02/pilkades/gelombang", "/wilayah/51.02.06/pilkades"} {
			if status, raw := call(t, srv, http.MethodGet, path, admin, nil); status != 200 {
				t.Errorf("%s: %d %s", path, status, raw)
			}
		}
	})
}
