package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
)

// dossierFaultTags builds the worker with the kunjungan test document
// (modules/kunjungan/dossier_uji.go: small, deterministic, 700 ms to put
// together, so the kill lands mid-build). With "" the test runs the real
// Susun over the demo data.
const dossierFaultTags = "dossieruji"

// TestSIGKILLWorkerMidDossierBuildsEachOnceWithoutOrphans runs the real
// binaries: `serve` queues the planning dossiers of Kecamatan Kediri's 15
// desa, `worker` builds them two at a time and is killed with SIGKILL
// while dossiers are being built, then started again. Every dossier ends
// siap exactly once (one version each) and every file under the blob
// folder's kunjungan/ is named by a version; a ".tmp-" leftover of a Put
// the kill interrupted is no dossier file (not a valid key: never served)
// and is only reported.
//
// The killed tasks come back through asynq's lease recovery (a lease of
// 30 s, then the recoverer's next minute, then a retry delay), so the
// test takes two to three minutes per engine.
func TestSIGKILLWorkerMidDossierBuildsEachOnceWithoutOrphans(t *testing.T) {
	// Most of this test is waiting for asynq to recover the killed worker's
	// leases (≈ a minute of idle clock), so it waits beside the package's
	// long read-only walks instead of before them. What it times — the kill
	// lands once some dossiers are siap and one is being built — is read
	// from the database, not from a clock, so a busy CPU does not change it.
	t.Parallel()
	onBothEngines(t, buildBinary(t, dossierFaultTags), dossierUnderKill)
}

type dfRow struct {
	DesaID int64  `bun:"desa_id"`
	Status string `bun:"status"`
	Alasan string `bun:"alasan"`
	Versi  int    `bun:"versi"`
	Jumlah int    `bun:"jumlah"`
}

// dfRows reads every dossier row with its number of versions, and every
// version's file keys.
func dfRows(t *testing.T, d *db.DB) (rows []dfRow, keys map[string]bool) {
	t.Helper()
	ctx := context.Background()
	keys = map[string]bool{}
	err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := db.SetRange(ctx, d.Engine, tx, 0, 9_999_999_999); err != nil {
			return err
		}
		if err := tx.NewRaw(`SELECT d.desa_id, d.status, d.alasan, d.versi,
			(SELECT count(*) FROM kunjungan_dossier_versi AS v WHERE v.desa_id = d.desa_id AND v.kunjungan_id = d.kunjungan_id AND v.audiens = d.audiens) AS jumlah
			FROM kunjungan_dossier AS d ORDER BY d.desa_id, d.kunjungan_id, d.audiens`).Scan(ctx, &rows); err != nil {
			return err
		}
		var ks []struct {
			PDF  string `bun:"kunci_pdf"`
			XLSX string `bun:"kunci_xlsx"`
		}
		if err := tx.NewRaw("SELECT kunci_pdf, kunci_xlsx FROM kunjungan_dossier_versi").Scan(ctx, &ks); err != nil {
			return err
		}
		for _, k := range ks {
			keys[k.PDF], keys[k.XLSX] = true, true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, keys
}

func dossierUnderKill(t *testing.T, bin, dir string, ownerEnv, appEnv []string, dbURL string) {
	sdMigrate(t, bin, dir, ownerEnv)
	crashRun(t, bin, dir, ownerEnv, "seed", "demo")
	d, err := db.Open(context.Background(), dbURL, db.Options{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()

	addr := sdFreeAddr(t)
	srv := sdStartCmd(t, bin, dir, append(appEnv, "NGANTOR_HTTP_ADDR="+addr, "NGANTOR_HEALTH_ADDR="+sdFreeAddr(t)), "serve")
	baseURL := "http://" + addr
	srv.waitReady(t, baseURL, 60*time.Second)
	token := login(t, &httptest.Server{URL: baseURL}, "bupati@tabanan.test") // login reads only the URL
	req, _ := http.NewRequest(http.MethodPost, baseURL+"/api/v1/wilayah/51.02.06/kunjungan/dossier", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var queued struct{ Jumlah int }
	_ = json.NewDecoder(res.Body).Decode(&queued)
	res.Body.Close()
	if res.StatusCode != http.StatusAccepted || queued.Jumlah < 10 {
		t.Fatalf("bulk dossier: %d, %d desa", res.StatusCode, queued.Jumlah)
	}

	workerEnv := func() []string { return append(appEnv, "NGANTOR_HEALTH_ADDR="+sdFreeAddr(t)) }
	w := sdStartCmd(t, bin, dir, workerEnv(), "worker", "-dossier-concurrency", "2")
	// Kill once some dossiers are done and others are being built.
	deadline := time.Now().Add(3 * time.Minute)
	for {
		rows, _ := dfRows(t, d)
		siap, dibuat := 0, 0
		for _, r := range rows {
			switch r.Status {
			case "siap":
				siap++
			case "dibuat":
				dibuat++
			}
		}
		if siap >= 2 && dibuat > 0 {
			t.Logf("SIGKILL with %d siap, %d dibuat of %d", siap, dibuat, len(rows))
			break
		}
		if siap == len(rows) {
			t.Fatal("every dossier was built before the kill: nothing was mid-build")
		}
		if time.Now().After(deadline) {
			t.Fatalf("no dossier building within 3 minutes: %+v", rows)
		}
		select {
		case <-w.exited:
			t.Fatalf("worker exited: %v", w.exitErr)
		case <-time.After(20 * time.Millisecond): // polling the worker's progress
		}
	}
	if err := w.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-w.exited

	sdStartCmd(t, bin, dir, workerEnv(), "worker", "-dossier-concurrency", "2")
	deadline = time.Now().Add(5 * time.Minute)
	var rows []dfRow
	var keys map[string]bool
	for {
		rows, keys = dfRows(t, d)
		done := 0
		for _, r := range rows {
			if r.Status == "siap" {
				done++
			}
		}
		if done == len(rows) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d dossiers siap 5 minutes after the restart: %+v", done, len(rows), rows)
		}
		time.Sleep(500 * time.Millisecond) // asynq's lease recovery runs on its own clock
	}
	for _, r := range rows {
		if r.Versi != 1 || r.Jumlah != 1 || r.Alasan != "" {
			t.Errorf("desa %d: versi %d, %d versions, alasan %q; want one version built once", r.DesaID, r.Versi, r.Jumlah, r.Alasan)
		}
	}
	var files, tmp []string
	root := filepath.Join(dir, "blobs")
	_ = filepath.WalkDir(filepath.Join(root, "kunjungan"), func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(de.Name(), ".tmp-") {
			tmp = append(tmp, rel)
			return nil
		}
		files = append(files, rel)
		if !keys[rel] {
			t.Errorf("orphan file %s: no version names it", rel)
		}
		return nil
	})
	if len(files) != len(keys) || len(files) != 2*len(rows) {
		t.Errorf("%d files, %d keys named by versions, %d dossiers: want two files per dossier", len(files), len(keys), len(rows))
	}
	t.Logf("%d dossiers, %d files; %d temporary leftovers of an interrupted Put: %v", len(rows), len(files), len(tmp), tmp)
}
