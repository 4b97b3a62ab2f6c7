package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// The setoran target (issue 11: a setoran save p99 ≤ 50 ms at 100 rps): a
// bank sampah in Bengkel with jenis, prices and 150 nasabah, seeded as the
// owner; each request deposits two jenis for the next nasabah in turn.

// sampahNasabah is how many nasabah the bank sampah gets.
const sampahNasabah = 150

// sampahFixtures are the bank sampah the setoran target writes to.
type sampahFixtures struct {
	fasilitas string
	jenis     []string // priced, active
	nasabah   []string
}

func seedSampah(ctx context.Context, ownerURL string, desa tenancy.Kode) (sampahFixtures, error) {
	var f sampahFixtures
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return f, err
	}
	defer conn.Close(ctx)
	id := func() string { return uuid.Must(uuid.NewV7()).String() }
	f.fasilitas = id()
	now := time.Now().UTC()
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		lo, hi := desa.Range()
		if _, err := tx.Exec(ctx, "SELECT set_config('app.desa_min', $1, true), set_config('app.desa_max', $2, true)",
			strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO sampah_fasilitas (desa_id, id, jenis, nama, status, alasan_tidak_aktif, kapasitas_gram_hari,
			lahan, lahan_keterangan, pengelola_jenis, pengelola_nama, petugas, lintang_e6, bujur_e6, tahun_dibangun, kegiatan_kode,
			sumber_dana, densitas_gram_m3, created_by, created_at, updated_by, updated_at)
			VALUES ($1, $2, 'bank_sampah', 'Bank Sampah Loadbench', 'aktif', '', 0, '', '', '', '', 2, 0, 0, 2024, '', '', 0, 'loadbench', $3, 'loadbench', $3)`,
			desa.ID(), f.fasilitas, now); err != nil {
			return err
		}
		for i, j := range []struct {
			kode, nama, satuan string
			harga              int64
		}{{"PET", "Botol PET", "kg", 3000}, {"KRD", "Kardus", "kg", 1500}, {"KLG", "Kaleng", "kg", 2000}, {"MJL", "Minyak jelantah", "liter", 4000}} {
			jid := id()
			if _, err := tx.Exec(ctx, `INSERT INTO sampah_jenis (desa_id, id, fasilitas_id, kode, nama, kelompok, satuan, aktif)
				VALUES ($1, $2, $3, $4, $5, 'anorganik', $6, true)`, desa.ID(), jid, f.fasilitas, j.kode, j.nama, j.satuan); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO sampah_harga (desa_id, jenis_id, berlaku_mulai, harga, created_by, created_at)
				VALUES ($1, $2, $3, $4, 'loadbench', $5), ($1, $2, $6, $4 + 100, 'loadbench', $5)`,
				desa.ID(), jid, fmt.Sprintf("%d-01-01", now.Year()-1), j.harga, now, fmt.Sprintf("%d-01-01", now.Year())); err != nil {
				return err
			}
			if i < 3 {
				f.jenis = append(f.jenis, jid)
			}
		}
		for i := range sampahNasabah {
			nid := id()
			if _, err := tx.Exec(ctx, `INSERT INTO sampah_nasabah (desa_id, id, fasilitas_id, nomor, nama, jenis, dusun, telepon, aktif, created_by, created_at)
				VALUES ($1, $2, $3, $4, $5, 'rumah_tangga', $6, '', true, 'loadbench', $7)`,
				desa.ID(), nid, f.fasilitas, i+1, fmt.Sprintf("Nasabah Loadbench %d", i+1), fmt.Sprintf("Banjar %d", i%6+1), now); err != nil {
				return err
			}
			f.nasabah = append(f.nasabah, nid)
		}
		return nil
	})
	if err != nil {
		return f, fmt.Errorf("seeding the bank sampah: %w", err)
	}
	_, err = conn.Exec(ctx, "ANALYZE sampah_nasabah; ANALYZE sampah_jenis; ANALYZE sampah_harga")
	return f, err
}

// setoranBody is the n-th setoran: the next nasabah in turn, two of the
// three jenis, a weight that changes with n, and a fresh client id.
func setoranBody(s sampahFixtures, n uint64) []byte {
	j1, j2 := s.jenis[n%3], s.jenis[(n+1)%3]
	return fmt.Appendf(nil, `{"id":%q,"fasilitas_id":%q,"nasabah_id":%q,"rinci":[{"jenis_id":%q,"jumlah_milli":%d},{"jenis_id":%q,"jumlah_milli":%d}]}`,
		uuid.Must(uuid.NewV7()).String(), s.fasilitas, s.nasabah[n%uint64(len(s.nasabah))], j1, 500+n%7000, j2, 250+n%3000)
}
