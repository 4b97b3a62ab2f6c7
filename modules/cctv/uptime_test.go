package cctv_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// now is 5 March 2026, 10:00 WITA.
var now = time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

const (
	bengkel  tenancy.Kode = "51.02.06.2001" // Kediri, Tabanan
	pandak   tenancy.Kode = "51.02.06.2002" // same kecamatan
	baturiti tenancy.Kode = "51.02.05.2001" // another kecamatan
)

func newModule(d *db.DB) *cctv.Module {
	return cctv.New(cctv.Deps{DB: d, Logger: discard, Clock: func() time.Time { return now }})
}

// kamera records a camera of desa with status and returns its id.
func kamera(t *testing.T, d *db.DB, desa tenancy.Kode, nama, status string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	k := cctv.Kamera{DesaID: desa.ID(), ID: id, Nama: nama, LintangE6: -8_540_100, BujurE6: 115_123_400,
		Tujuan: cctv.TujuanKeamanan, Pemilik: cctv.PemilikDesaDinas, TanggalPasang: "2025-06-01",
		StreamURL: "rtsp://10.20.0.15:554/stream1", Status: status,
		CreatedBy: "u", CreatedAt: now, UpdatedBy: "u", UpdatedAt: now}
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: desa})
	err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&k).Exec(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// probes records, for a camera of desa, one probe an hour from `from`
// hours ago to `to` hours ago (from > to), up as given.
func probes(t *testing.T, m *cctv.Module, desa tenancy.Kode, id string, from, to int, up bool) {
	t.Helper()
	var hs []cctv.Probe
	for h := from; h >= to; h-- {
		status := "ok"
		if !up {
			status = "timeout"
		}
		hs = append(hs, cctv.Probe{KameraID: id, CheckedAt: now.Add(-time.Duration(h) * time.Hour), Up: up, Status: status, LatencyMS: 40})
	}
	if err := m.SimpanProbe(tenancy.With(context.Background(), tenancy.Tenant{Kode: desa}), hs); err != nil {
		t.Fatal(err)
	}
}

func TestUptimePerCameraDesaAndWilayah(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		ctx := context.Background()
		// Bengkel: a camera up for the last 48 h except 12 down hours
		// (from 30 h to 19 h ago), one up throughout, one never probed.
		pasar := kamera(t, d, bengkel, "Simpang Pasar", cctv.StatusAktif)
		probes(t, m, bengkel, pasar, 48, 31, true)
		probes(t, m, bengkel, pasar, 30, 19, false)
		probes(t, m, bengkel, pasar, 18, 1, true)
		balai := kamera(t, d, bengkel, "Balai Banjar", cctv.StatusAktif)
		probes(t, m, bengkel, balai, 48, 1, true)
		kamera(t, d, bengkel, "Pantai", cctv.StatusAktif)
		// Pandak: down for the last 24 probes.
		pura := kamera(t, d, pandak, "Pura Desa", cctv.StatusAktif)
		probes(t, m, pandak, pura, 24, 1, false)
		// Baturiti, outside the kecamatan: must not count.
		luar := kamera(t, d, baturiti, "Luar", cctv.StatusAktif)
		probes(t, m, baturiti, luar, 24, 1, true)

		u, err := m.Uptime(ctx, "51.02.06", now.Add(-24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]cctv.UptimeAngka{}
		for _, k := range u.Kamera {
			got[k.Nama] = k.UptimeAngka
		}
		want := map[string]cctv.UptimeAngka{
			"Simpang Pasar": {Probe: 24, Naik: 18}, // in the window: 6 down (24 h..19 h ago), 18 up
			"Balai Banjar":  {Probe: 24, Naik: 24},
			"Pantai":        {},
			"Pura Desa":     {Probe: 24, Naik: 0},
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("per camera = %v, want %v", got, want)
		}
		if len(u.Desa) != 2 || u.Desa[0].Desa != bengkel || u.Desa[1].Desa != pandak {
			t.Fatalf("desa = %+v", u.Desa)
		}
		if b := u.Desa[0]; b.Kamera != 3 || b.Probe != 48 || b.Naik != 42 {
			t.Errorf("Bengkel = %+v, want 3 cameras, 42 of 48 probes up", b)
		}
		if bp, ok := u.Desa[0].PersenBP(); !ok || bp != 8750 {
			t.Errorf("Bengkel uptime = %d bp (%v), want 8750", bp, ok)
		}
		if tot := u.Total; tot.Kamera != 4 || tot.Probe != 72 || tot.Naik != 42 {
			t.Errorf("total = %+v", tot)
		}
		if _, ok := (cctv.UptimeAngka{}).PersenBP(); ok {
			t.Error("a camera without probes has an uptime")
		}

		// 7 days: Simpang Pasar's 48 probes, 12 of them down.
		u, err = m.Uptime(ctx, bengkel, now.Add(-7*24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(u.Kamera) != 3 || u.Kamera[2].Nama != "Simpang Pasar" || u.Kamera[2].Probe != 48 || u.Kamera[2].Naik != 36 {
			t.Errorf("Bengkel 7 d = %+v", u.Kamera)
		}

		// The whole kabupaten sees Baturiti too.
		u, err = m.Uptime(ctx, "51.02", now.Add(-30*24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(u.Desa) != 3 || u.Total.Kamera != 5 {
			t.Errorf("kabupaten = %+v", u.Desa)
		}
	})
}

func TestUptimeRefusesAWindowInTheFutureOrLongerThanAMonth(t *testing.T) {
	m := newModule(dbtest.SQLite(t))
	if _, err := m.Uptime(context.Background(), bengkel, now.Add(time.Hour)); err == nil {
		t.Error("a window starting after now was accepted")
	}
	if _, err := m.Uptime(context.Background(), bengkel, now.Add(-cctv.JendelaMax-time.Second)); err == nil {
		t.Error("a window longer than 31 days was accepted")
	}
}

func TestDownSinceListsCamerasDownForMoreThanADay(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		// Down since 30 h ago after being up: listed, since 30 h ago.
		pasar := kamera(t, d, bengkel, "Simpang Pasar", cctv.StatusAktif)
		probes(t, m, bengkel, pasar, 48, 31, true)
		probes(t, m, bengkel, pasar, 30, 1, false)
		// Down for only 20 h: not yet.
		balai := kamera(t, d, bengkel, "Balai Banjar", cctv.StatusAktif)
		probes(t, m, bengkel, balai, 48, 21, true)
		probes(t, m, bengkel, balai, 20, 1, false)
		// Down for 40 h, then up again at the last probe: not listed.
		pantai := kamera(t, d, bengkel, "Pantai", cctv.StatusAktif)
		probes(t, m, bengkel, pantai, 41, 2, false)
		probes(t, m, bengkel, pantai, 1, 1, true)
		// Never up, probed for 26 h: listed since its first probe.
		pura := kamera(t, d, pandak, "Pura Desa", cctv.StatusAktif)
		probes(t, m, pandak, pura, 26, 1, false)
		// Down for days but switched off by the desa: not listed.
		mati := kamera(t, d, bengkel, "Gudang", cctv.StatusNonaktif)
		probes(t, m, bengkel, mati, 72, 1, false)
		// Never probed: nothing is known.
		kamera(t, d, bengkel, "Baru", cctv.StatusAktif)
		// Outside the kecamatan.
		luar := kamera(t, d, baturiti, "Luar", cctv.StatusAktif)
		probes(t, m, baturiti, luar, 48, 1, false)

		list, err := m.DownSince(context.Background(), "51.02.06")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range list {
			naik := "-"
			if x.TerakhirNaik != nil {
				naik = now.Sub(*x.TerakhirNaik).String()
			}
			got = append(got, fmt.Sprintf("%s %s down %s up %s", x.Desa, x.Nama, now.Sub(x.Sejak), naik))
		}
		want := []string{
			"51.02.06.2001 Simpang Pasar down 30h0m0s up 31h0m0s",
			"51.02.06.2002 Pura Desa down 26h0m0s up -",
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("down list =\n%q\nwant\n%q", got, want)
		}

		// Bengkel alone: Pandak's camera is not its business.
		list, err = m.DownSince(context.Background(), bengkel)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Nama != "Simpang Pasar" {
			t.Errorf("Bengkel's list = %+v", list)
		}
	})
}

func TestSimpanProbeIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		id := kamera(t, d, bengkel, "Simpang Pasar", cctv.StatusAktif)
		probes(t, m, bengkel, id, 3, 1, true)
		probes(t, m, bengkel, id, 3, 1, true) // the task ran twice
		u, err := m.Uptime(context.Background(), bengkel, now.Add(-24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if u.Total.Probe != 3 {
			t.Errorf("probes after a re-run = %d, want 3", u.Total.Probe)
		}
		// A foreign camera id cannot be recorded under Bengkel.
		other := kamera(t, d, pandak, "Pura Desa", cctv.StatusAktif)
		err = m.SimpanProbe(tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel}),
			[]cctv.Probe{{KameraID: other, CheckedAt: now, Up: true, Status: "ok"}})
		if err == nil {
			t.Error("a probe of Pandak's camera was recorded under Bengkel")
		}
	})
}
