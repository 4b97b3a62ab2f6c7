package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// The audiensi targets (issue 13): an OPD queue over 50,000 audiensi
// p99 ≤ 100 ms (antrian), and the public form p99 ≤ 100 ms at 50 rps,
// photos excluded (publik). The audiensi are generated as the owner over
// every desa of Tabanan, half disposed to DLH, one in six still waiting;
// the queue is read by the demo DLH account (a member of DLH). Each public
// send needs a proof token given at least 3 s earlier and spent on use:
// they are fetched before the attack, and each send comes from its own
// address (X-Forwarded-For, serve trusting loopback as its proxy) as
// residents' phones do, so the per-IP budget is not what is measured.

const (
	audiensiRows  = 50_000
	dlhEmail      = "dlh@tabanan.test"
	publikTimeout = 4 * time.Second
)

type audiensiFixtures struct {
	opdID    string   // DLH's id in the registry
	dlhToken string   // a session of the demo DLH account
	tokens   []string // public form proof tokens, one per send
}

// seedAudiensi writes the queue's rows and returns DLH's id.
func seedAudiensi(ctx context.Context, ownerURL string) (string, error) {
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	var desa []tenancy.Kode
	rows, err := conn.Query(ctx, "SELECT kode FROM wilayah WHERE kode LIKE $1 AND tingkat = 'desa' ORDER BY kode", string(tabanan)+".%")
	if err != nil {
		return "", err
	}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return "", err
		}
		desa = append(desa, tenancy.Kode(k))
	}
	if err := rows.Err(); err != nil || len(desa) == 0 {
		return "", fmt.Errorf("Tabanan's desa: %d, %v", len(desa), err)
	}
	var opdID string
	if err := conn.QueryRow(ctx, "SELECT id FROM opd WHERE kabupaten = $1 AND kode = 'DLH'", string(tabanan)).Scan(&opdID); err != nil {
		return "", fmt.Errorf("DLH in the OPD registry: %w", err)
	}
	now := time.Now().UTC()
	start := now.AddDate(-1, 0, 0)
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		lo, hi := tabanan.Range()
		if _, err := tx.Exec(ctx, "SELECT set_config('app.desa_min', $1, true), set_config('app.desa_max', $2, true)",
			strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)); err != nil {
			return err
		}
		var a, d [][]any
		for i := range audiensiRows {
			k := desa[i%len(desa)]
			id := uuid.Must(uuid.NewV7()).String()
			day := start.AddDate(0, 0, i%360)
			status := "selesai"
			if i%6 == 0 {
				status = "didisposisikan"
			}
			a = append(a, []any{k.ID(), id, fmt.Sprintf("LB%03d-%05d", i/100000, i%100000), "desa", "", "sampah",
				"Sampah menumpuk nomor " + strconv.Itoa(i), "Isi laporan uji beban nomor " + strconv.Itoa(i), "", "anonim", "", "",
				status, day, 5, day.AddDate(0, 0, 5), day.AddDate(0, 0, 7), day.AddDate(0, 0, 7), false, "", "", "loadbench", now, "loadbench", now})
			if i%2 == 0 {
				ds := "ditanggapi"
				if status == "didisposisikan" {
					ds = "menunggu"
				}
				d = append(d, []any{k.ID(), id, opdID, "DLH", ds, day.AddDate(0, 0, 1), day.AddDate(0, 0, 8), "", "", "", "loadbench", now})
			}
		}
		// Row by row in batches: COPY is refused under row-level security.
		aCols := "desa_id, id, kode_lacak, kanal, kunjungan, kategori, judul, isi, dusun, pelapor_mode, pelapor_nama, " +
			"pelapor_telepon, status, diterima, target_hari, tenggat_verifikasi, tenggat_selesai, tenggat, perkiraan, alasan, " +
			"penilaian_catatan, created_by, created_at, updated_by, updated_at"
		dCols := "desa_id, audiensi_id, penerima, penerima_nama, status, tanggal, tenggat, tanggapan, alasan_kembali, " +
			"ditanggapi_by, created_by, created_at"
		send := func(table, cols string, rows [][]any) error {
			ph := ""
			for i := range rows[0] {
				if i > 0 {
					ph += ", "
				}
				ph += "$" + strconv.Itoa(i+1)
			}
			sql := "INSERT INTO " + table + " (" + cols + ") VALUES (" + ph + ")"
			for lo := 0; lo < len(rows); lo += 1000 {
				b := &pgx.Batch{}
				for _, r := range rows[lo:min(lo+1000, len(rows))] {
					b.Queue(sql, r...)
				}
				if err := tx.SendBatch(ctx, b).Close(); err != nil {
					return err
				}
			}
			return nil
		}
		if err := send("audiensi", aCols, a); err != nil {
			return err
		}
		err := send("audiensi_disposisi", dCols, d)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("seeding audiensi: %w", err)
	}
	_, err = conn.Exec(ctx, "ANALYZE audiensi; ANALYZE audiensi_disposisi")
	return opdID, err
}

// formTokens fetches n proof tokens for the public form of desa, then
// waits out the minimum fill time.
func formTokens(ctx context.Context, base string, desa tenancy.Kode, n int) ([]string, error) {
	c := &http.Client{Timeout: publikTimeout}
	out := make([]string, 0, n)
	for range n {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/publik/desa/"+string(desa)+"/audiensi/formulir", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		var body struct {
			Token string `json:"token"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || body.Token == "" {
			return nil, fmt.Errorf("form token: %d %v", resp.StatusCode, err)
		}
		out = append(out, body.Token)
	}
	time.Sleep(3500 * time.Millisecond)
	return out, nil
}

// publikBody is the n-th public send.
func publikBody(token string, n uint64) []byte {
	return fmt.Appendf(nil, `{"kategori":"sampah","judul":"Sampah menumpuk di banjar nomor %d","isi":"Sudah dua minggu sampah tidak diangkut dan mulai berbau (uji beban).","dusun":"Banjar Tengah","pelapor_mode":"anonim","token":%q}`, n, token)
}

// clientAddr is the n-th send's address, 10.0.0.0/8.
func clientAddr(n uint64) string {
	return fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255)
}
