package kunjungan

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/hibiken/asynq"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// TaskKirimLaporan delivers a visit's post-visit report to the inboxes of
// its participants once the report is built: the members of every OPD
// that took part, the desa's staff, the camat and the bupati's office. It
// is enqueued in the transaction that makes the report siap, and each
// message is keyed by the visit and the report's version, so a re-run
// sends nothing new.
const TaskKirimLaporan = "kunjungan:laporan-kirim"

type kirimLaporanTugas struct {
	DesaID      int64  `json:"desa_id"`
	KunjunganID string `json:"kunjungan_id"`
	Versi       int    `json:"versi"`
}

// antriKirimLaporan queues the delivery of version versi of a visit's
// report, in tx.
func antriKirimLaporan(ctx context.Context, tx bun.Tx, key dossierKey, versi int) error {
	return jobs.EnqueueTx(ctx, tx, TaskKirimLaporan, kirimLaporanTugas{DesaID: key.desaID, KunjunganID: key.kunjunganID, Versi: versi},
		jobs.Options{TaskID: fmt.Sprintf("laporan-kirim:%s:%d", key.kunjunganID, versi), MaxRetry: 10})
}

func (m *Module) handleKirimLaporan(ctx context.Context, payload []byte) error {
	var t kirimLaporanTugas
	if err := json.Unmarshal(payload, &t); err != nil || t.DesaID <= 0 || t.KunjunganID == "" {
		return fmt.Errorf("kunjungan: laporan payload %q: %w", payload, asynq.SkipRetry)
	}
	_, err := m.KirimLaporan(ctx, tenancy.KodeOfDesaID(t.DesaID), t.KunjunganID, t.Versi)
	return err
}

// KirimLaporan sends the message that version versi of a visit's report is
// ready, and answers to how many users.
func (m *Module) KirimLaporan(ctx context.Context, desa tenancy.Kode, kunjunganID string, versi int) (int, error) {
	if m.notifier == nil {
		return 0, nil
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	det, err := m.Lihat(ctx, kunjunganID)
	if err != nil {
		return 0, err
	}
	p := penerima{m: m, desa: map[tenancy.Kode][]string{}, kantor: map[tenancy.Kode][]string{}, opd: map[string][]string{}}
	var users []string
	for _, o := range det.OPD {
		us, err := p.penanggung(ctx, desa, o.OPDID)
		if err != nil {
			return 0, err
		}
		users = append(users, us...)
	}
	desaStaf, err := p.at(ctx, p.desa, desa, PermBaca)
	if err != nil {
		return 0, err
	}
	camat, err := p.at(ctx, map[tenancy.Kode][]string{}, desa.Up(tenancy.Kecamatan), PermBaca)
	if err != nil {
		return 0, err
	}
	kantor, err := p.kantorOf(ctx, desa.Up(tenancy.Kabupaten))
	if err != nil {
		return 0, err
	}
	users = append(append(append(users, desaStaf...), camat...), kantor...)
	slices.Sort(users)
	users = slices.Compact(users)
	if len(users) == 0 {
		return 0, nil
	}
	nama := string(desa)
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, desa); err == nil {
			nama = n
		}
	}
	terbuka := 0
	for _, c := range det.Komitmen {
		if c.Status != KomitmenSelesai {
			terbuka++
		}
	}
	pesan := Pesan{
		Kunci: "kunjungan:laporan:" + kunjunganID + ":" + strconv.Itoa(versi),
		Judul: "Laporan kunjungan kerja siap: " + det.Judul,
		Isi: "Laporan pasca-kunjungan ke Desa " + nama + " (" + det.Tanggal.String() + ") siap diunduh: kehadiran, agenda, audiensi yang diterima, dan " +
			strconv.Itoa(len(det.Komitmen)) + " komitmen (" + strconv.Itoa(terbuka) + " belum selesai).",
		Tautan: "/kunjungan/" + kunjunganID + "#dossier",
	}
	if err := m.notifier.Kirim(ctx, users, pesan); err != nil {
		return 0, err
	}
	return len(users), nil
}
