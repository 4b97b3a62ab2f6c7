package audiensi_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

func TestDiterimaSaatKunjunganListsTheVisitsAudiensi(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := setup(t, d)
		const visit, other = idKunjunganBengkel, idKunjunganLain
		tag := func(k string) map[string]any {
			b := laporan("terbuka")
			if k != "" {
				b["kunjungan"] = k
			}
			return b
		}
		first := e.call(t, 201, http.MethodPost, desaPath, "kasi", tag(visit))["id"].(string)
		second := tag(visit)
		second["judul"] = "Jalan subak rusak"
		second["kategori"] = "jalan"
		e.call(t, 201, http.MethodPost, desaPath, "kasi", second)
		e.call(t, 201, http.MethodPost, desaPath, "kasi", tag(other))
		e.call(t, 201, http.MethodPost, desaPath, "kasi", tag(""))
		e.call(t, 200, http.MethodPost, desaPath+"/"+first+"/verifikasi", "perbekel", map[string]any{})
		e.call(t, 200, http.MethodPost, desaPath+"/"+first+"/disposisi", "perbekel", map[string]any{"penerima": []string{idDLH, "desa"}})

		got, err := e.m.DiterimaSaatKunjungan(t.Context(), bengkel, visit)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("got %d audiensi, want the visit's 2: %+v", len(got), got)
		}
		var a, b = got[0], got[1]
		if a.ID != first {
			a, b = b, a
		}
		if a.Judul != "Sampah menumpuk di Banjar Tengah" || a.Status != "Didisposisikan" || len(a.Penerima) != 2 ||
			!strings.Contains(strings.Join(a.Penerima, ";"), "Dinas Lingkungan Hidup") {
			t.Errorf("routed audiensi: %+v", a)
		}
		if b.Judul != "Jalan subak rusak" || len(b.Penerima) != 0 || b.Kategori != "Jalan, jembatan dan drainase" || b.Kategori == "" {
			t.Errorf("new audiensi (category by name): %+v", b)
		}
		body, _ := json.Marshal(got)
		if strings.Contains(string(body), "Ni Luh Sari") || strings.Contains(string(body), "0812") {
			t.Errorf("the reporter leaked: %s", body)
		}
		if none, err := e.m.DiterimaSaatKunjungan(t.Context(), tetangga, visit); err != nil || len(none) != 0 {
			t.Errorf("another desa: %v %v", none, err)
		}
	})
}
