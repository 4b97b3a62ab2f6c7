package main

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// reference is the floor ngantor is compared with: bare net/http and a pgx
// pool on the same PostgreSQL server, one primary-key SELECT of a perangkat
// row, JSON out. No auth, no tenancy transaction, no framework: what is
// left when everything ngantor adds is taken away.
type reference struct {
	pool *pgxpool.Pool
	srv  *http.Server
	base string
}

// perangkatRow is the row the reference returns, the columns the API's
// get-perangkat reads.
type perangkatRow struct {
	DesaID          int64      `json:"desa_id"`
	ID              string     `json:"id"`
	Jabatan         string     `json:"jabatan"`
	DusunID         *string    `json:"dusun_id,omitempty"`
	Nama            string     `json:"nama"`
	NIK             string     `json:"nik"`
	NIP             string     `json:"nip"`
	Status          string     `json:"status"`
	SKNomor         string     `json:"sk_nomor"`
	SKTanggal       time.Time  `json:"sk_tanggal"`
	Mulai           time.Time  `json:"mulai"`
	Selesai         *time.Time `json:"selesai,omitempty"`
	UserID          *string    `json:"user_id,omitempty"`
	TanggalBerhenti *time.Time `json:"tanggal_berhenti,omitempty"`
	AlasanBerhenti  string     `json:"alasan_berhenti"`
	EndedAt         *time.Time `json:"ended_at,omitempty"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

const referenceQuery = `SELECT desa_id, id::text, jabatan, dusun_id::text, nama, nik, nip, status, sk_nomor, sk_tanggal,
	mulai, selesai, user_id, tanggal_berhenti, alasan_berhenti, ended_at, created_at, updated_at
	FROM perangkat WHERE desa_id = $1 AND id = $2`

// startReference serves GET /perangkat/{desa}/{id} with maxConns pooled
// connections (the same as ngantor's pool).
func startReference(ctx context.Context, dbURL string, maxConns int) (*reference, error) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = int32(maxConns)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /perangkat/{desa}/{id}", func(w http.ResponseWriter, r *http.Request) {
		desa, err := strconv.ParseInt(r.PathValue("desa"), 10, 64)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		var p perangkatRow
		err = pool.QueryRow(r.Context(), referenceQuery, desa, r.PathValue("id")).Scan(&p.DesaID, &p.ID, &p.Jabatan,
			&p.DusunID, &p.Nama, &p.NIK, &p.NIP, &p.Status, &p.SKNomor, &p.SKTanggal, &p.Mulai, &p.Selesai, &p.UserID,
			&p.TanggalBerhenti, &p.AlasanBerhenti, &p.EndedAt, &p.CreatedAt, &p.UpdatedAt)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			http.NotFound(w, r)
			return
		case err != nil:
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(p)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		pool.Close()
		return nil, err
	}
	ref := &reference{pool: pool, srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second},
		base: "http://" + ln.Addr().String()}
	go func() { _ = ref.srv.Serve(ln) }()
	return ref, nil
}

func (r *reference) stop() {
	if r == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = r.srv.Shutdown(ctx)
	r.pool.Close()
}
