package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/ngantor/ngantor/modules/forum"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// The forum panel with the real modules and the demo: the rollup copied
// every module's figures and the IDM, the forum perbekel ranks every desa
// of the kabupaten and reads no record of any desa, and a change made
// through the API schedules the debounced rollup.

func TestForumPanelRanksEveryDesaAndReadsNoRecord(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := testApp(t, d)
		forumTok := login(t, srv, "forum@tabanan.test")

		code, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/forum/indikator", forumTok, nil)
		if code != http.StatusOK {
			t.Fatalf("indicators: %d %s", code, raw)
		}
		var inds struct {
			Items []forum.Indikator `json:"items"`
			Tahun []int             `json:"tahun"`
		}
		_ = json.Unmarshal(raw, &inds)
		sources := map[string]bool{}
		for _, i := range inds.Items {
			sources[i.Sumber] = true
		}
		for _, s := range []string{"idm", "administration", "persuratan", "keuangan", "sampah", "cctv", "umkm", "audiensi", "komposit"} {
			if !sources[s] {
				t.Errorf("the forum's yardsticks lack source %s: %v", s, sources)
			}
		}
		if len(inds.Tahun) < 2 || inds.Tahun[len(inds.Tahun)-1] != 2021 {
			t.Errorf("rollup years %v; want every year since the demo's first IDM (2021)", inds.Tahun)
		}

		code, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/forum/peringkat?indikator=idm.nilai&tahun=2024&limit=200", forumTok, nil)
		if code != http.StatusOK {
			t.Fatalf("ranking: %d %s", code, raw)
		}
		var p forum.Peringkat
		_ = json.Unmarshal(raw, &p)
		if p.Total != 133 || len(p.Baris) != 133 || p.TanpaData != 0 || p.Baris[0].Nama == "" {
			t.Errorf("IDM 2024 ranking: total %d rows %d without %d; want all 133 desa of Tabanan", p.Total, len(p.Baris), p.TanpaData)
		}
		// Bajera's real IDM 2024 (Kemendesa): 0.9603, MANDIRI.
		for _, b := range p.Baris {
			if b.Desa == "51.02.01.2001" && (b.Nilai != 0.9603 || b.Teks != "0,9603") {
				t.Errorf("Bajera: %+v", b)
			}
		}

		// Values and ranks only: no letters, residents, complaints or staff
		// of any desa.
		for _, path := range []string{
			"/api/v1/desa/51.02.06.2001/surat-keluar", "/api/v1/desa/51.02.06.2001/surat-masuk",
			"/api/v1/desa/51.02.06.2001/audiensi",
			"/api/v1/desa/51.02.06.2001/perangkat", "/api/v1/desa/51.02.06.2001/disposisi",
		} {
			if code, raw := call(t, srv, http.MethodGet, path, forumTok, nil); code != http.StatusForbidden && code != http.StatusNotFound {
				t.Errorf("forum perbekel GET %s: %d %.200s; want 403", path, code, raw)
			}
		}
		// The ranking's own rows carry no more than names and figures.
		for _, word := range []string{"nik", "pelapor", "isi", "telepon", "perihal"} {
			if strings.Contains(strings.ToLower(string(raw)), `"`+word+`"`) {
				t.Errorf("the ranking carries a field %q", word)
			}
		}
	})
}

func TestForumChangeThroughTheAPISchedulesTheDebouncedRollup(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		tok := login(t, srv, "perbekel.bengkel@tabanan.test")
		code, raw := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/dusun", tok,
			kjJSON(t, map[string]any{"nama": "Banjar Uji Forum", "sebutan": "banjar"}))
		if code != http.StatusCreated {
			t.Fatalf("create dusun: %d %s", code, raw)
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			tasks, err := a.jobs.Inspector().ListScheduledTasks("default")
			if err != nil && !errors.Is(err, asynq.ErrQueueNotFound) {
				t.Fatal(err)
			}
			found := false
			for _, tk := range tasks {
				if tk.Type == forum.TaskRollup && strings.HasPrefix(tk.ID, "forum-rollup:51.02:") {
					found = true
				}
			}
			if found {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("no scheduled forum rollup after a change in Bengkel: %d scheduled tasks", len(tasks))
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}
