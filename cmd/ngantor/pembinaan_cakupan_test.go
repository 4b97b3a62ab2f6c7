package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// pbSesiUji writes a Kediri bimtek attended by one of Bengkel's
// perangkat in post, as the sessions' own code would (their pages are
// another file's).
func pbSesiUji(t *testing.T, d *db.DB, perangkatID, nama, jabatan string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	mulai := time.Now().UTC().AddDate(0, -2, 0).Truncate(time.Second)
	bengkel, kediri := tenancy.Kode("51.02.06.2001"), tenancy.Kode("51.02.06")
	err := d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: kediri}), func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw("INSERT INTO pembinaan (desa_id, id, wilayah_kode, opd_id, penyelenggara, judul, jenis, topik, mulai, selesai, tempat, "+
			"narasumber, jabatan_wajib, catatan, status, demo, created_by, created_at, updated_by, updated_at) "+
			"VALUES (?, ?, ?, '', 'Kecamatan Kediri', 'Bimtek uji tata naskah', 'bimtek', '[\"tata_naskah\"]', ?, ?, 'Aula', '[]', '[]', '', 'selesai', FALSE, 'uji', ?, 'uji', ?)",
			kediri.ID(), id, string(kediri), mulai, mulai.Add(time.Hour), mulai, mulai).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewRaw("INSERT INTO pembinaan_undangan (desa_id, pembinaan_id, penyelenggara_id, penyelenggara, judul, jenis, topik, "+
			"mulai, selesai, tempat, jabatan_wajib, status, created_at) VALUES (?, ?, ?, 'Kecamatan Kediri', 'Bimtek uji tata naskah', 'bimtek', "+
			"'[\"tata_naskah\"]', ?, ?, 'Aula', '[]', 'selesai', ?)", bengkel.ID(), id, kediri.ID(), mulai, mulai.Add(time.Hour), mulai).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewRaw("INSERT INTO pembinaan_hadir (desa_id, pembinaan_id, perangkat_id, nama, jabatan, sebutan, dicatat_oleh, dicatat_pada) "+
			"VALUES (?, ?, ?, ?, ?, '', 'uji', ?)", bengkel.ID(), id, perangkatID, nama, jabatan, mulai).Exec(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// Coverage, follow-ups and the training history through the real app:
// the camat reads the coverage, the perbekel may not; a point the camat
// raises is reported on by Bengkel and no other desa; the perangkat's
// page lists the session.
func TestPembinaanCakupanThroughTheApp(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		aktif, err := a.administration.AktifDi(context.Background(), "51.02.06.2001")
		if err != nil || len(aktif) < 2 {
			t.Fatalf("Bengkel's demo perangkat: %+v %v", aktif, err)
		}
		p := aktif[0]
		sesi := pbSesiUji(t, d, p.ID, p.Nama, string(p.Jabatan))
		camat := login(t, srv, "camat.kediri@tabanan.test")
		perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
		nyitdah := login(t, srv, "perbekel.nyitdah@tabanan.test")

		status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.06/pembinaan/cakupan", camat, nil)
		if status != 200 {
			t.Fatalf("cakupan as camat: %d %s", status, raw)
		}
		var c struct {
			Perangkat    int `json:"perangkat"`
			Terlatih     int `json:"terlatih"`
			BelumDilatih []struct {
				Desa        string `json:"desa"`
				PerangkatID string `json:"perangkat_id"`
			} `json:"belum_dilatih"`
		}
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		// The demo's sessions trained some of Kediri's perangkat too: the
		// test's one is among the trained, and never among the untrained.
		belum := ""
		for _, b := range c.BelumDilatih {
			if b.PerangkatID == p.ID {
				t.Errorf("the perangkat who attended is listed as never trained: %s", raw)
			}
			if b.Desa == "51.02.06.2001" && belum == "" {
				belum = b.PerangkatID
			}
		}
		if c.Terlatih < 1 || c.Perangkat < len(aktif) || len(c.BelumDilatih) == 0 || len(c.BelumDilatih) > c.Perangkat-c.Terlatih || belum == "" {
			t.Errorf("coverage: %s", raw)
		}
		for _, b := range c.BelumDilatih {
			if b.PerangkatID == p.ID {
				t.Errorf("the trained perbekel listed as never trained")
			}
		}
		if status, _ := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.06/pembinaan/cakupan", perbekel, nil); status != 403 {
			t.Errorf("cakupan as perbekel: %d", status)
		}
		if status, body := page(t, srv, "/wilayah/51.02.06/pembinaan/cakupan", camat); status != 200 || !strings.Contains(body, "Belum pernah dilatih") ||
			!strings.Contains(body, "Tata naskah") {
			t.Errorf("coverage page: %d", status)
		}
		if status, _ := page(t, srv, "/wilayah/51.02.06/pembinaan/cakupan", perbekel); status != 403 {
			t.Errorf("coverage page as perbekel: %d", status)
		}

		// A follow-up point: raised by the camat, reported by Bengkel.
		body, _ := json.Marshal(map[string]string{"desa": "51.02.06.2001", "uraian": "Susun register surat keluar", "tenggat": time.Now().AddDate(0, 1, 0).Format("2006-01-02")})
		status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02.06/pembinaan/"+sesi+"/tindak-lanjut", camat, body)
		if status != 201 {
			t.Fatalf("create point: %d %s", status, raw)
		}
		var tl struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(raw, &tl)
		if status, _ := call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02.06/pembinaan/"+sesi+"/tindak-lanjut", perbekel, body); status != 403 {
			t.Errorf("perbekel creates a point: %d", status)
		}
		lapor, _ := json.Marshal(map[string]string{"status": "berjalan", "catatan_desa": "Sedang disusun"})
		if status, raw := call(t, srv, http.MethodPatch, "/api/v1/desa/51.02.06.2001/pembinaan/tindak-lanjut/"+tl.ID, perbekel, lapor); status != 200 ||
			!strings.Contains(string(raw), `"status":"berjalan"`) {
			t.Errorf("perbekel reports: %d %s", status, raw)
		}
		if status, _ := call(t, srv, http.MethodPatch, "/api/v1/desa/51.02.06.2011/pembinaan/tindak-lanjut/"+tl.ID, nyitdah, lapor); status != 404 {
			t.Errorf("Nyitdah reports on Bengkel's point: %d", status)
		}
		if status, _ := call(t, srv, http.MethodPatch, "/api/v1/desa/51.02.06.2001/pembinaan/tindak-lanjut/"+tl.ID, nyitdah, lapor); status != 403 {
			t.Errorf("Nyitdah at Bengkel's path: %d", status)
		}
		if status, body := page(t, srv, "/desa/51.02.06.2001/pembinaan/tindak-lanjut", perbekel); status != 200 || !strings.Contains(body, "Susun register surat keluar") {
			t.Errorf("desa's page: %d", status)
		}
		if status, body := page(t, srv, "/wilayah/51.02.06/pembinaan/tindak-lanjut?status=berjalan", camat); status != 200 || !strings.Contains(body, "Sedang disusun") {
			t.Errorf("camat's list: %d", status)
		}
		if status, body := page(t, srv, "/wilayah/51.02.06/pembinaan/"+sesi+"/tindak-lanjut", camat); status != 200 || !strings.Contains(body, "Tambah tindak lanjut") {
			t.Errorf("organizer's page: %d", status)
		}

		// The training history on the perangkat's page.
		if status, body := page(t, srv, "/desa/51.02.06.2001/perangkat/"+p.ID, perbekel); status != 200 ||
			!strings.Contains(body, "Riwayat pembinaan &amp; bimtek") || !strings.Contains(body, "Bimtek uji tata naskah") {
			t.Errorf("perangkat page: %d", status)
		}
		if status, body := page(t, srv, "/desa/51.02.06.2001/perangkat/"+belum, perbekel); status != 200 ||
			strings.Contains(body, "Bimtek uji tata naskah") || !strings.Contains(body, "Belum pernah tercatat hadir") {
			t.Errorf("another perangkat's page: %d", status)
		}
	})
}
