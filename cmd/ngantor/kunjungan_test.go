package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/opd"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// kjJSON marshals v for a request body.
func kjJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type kjDetail struct {
	ID     string `json:"id"`
	Judul  string `json:"judul"`
	Status string `json:"status"`
	OPD    []struct {
		OPDID string `json:"opd_id"`
	} `json:"opd"`
	Agenda   []struct{ Judul, Oleh string } `json:"agenda"`
	Komitmen []struct {
		ID, Penanggung, Status string
	} `json:"komitmen"`
}

func kjDecode[T any](t *testing.T, raw []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return v
}

// kjProblem reads a problem's field errors: location → message.
func kjProblem(t *testing.T, raw []byte) map[string]string {
	t.Helper()
	var p struct {
		Detail string                               `json:"detail"`
		Errors []struct{ Location, Message string } `json:"errors"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("problem %s: %v", raw, err)
	}
	out := map[string]string{"": p.Detail}
	for _, e := range p.Errors {
		out[e.Location] = e.Message
	}
	return out
}

// The visit's API end to end, as the bupati's office, the desa and the
// OPD use it: who may do what, what each sees, and the rules' refusals in
// Bahasa. Both engines.
func TestKunjunganAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) { kunjunganAPI(t, d) })
}

func kunjunganAPI(t *testing.T, d *db.DB) {
	a, srv := testApp(t, d)
	ctx := t.Context()
	opdID := func(kode string) string {
		o, err := a.opd.ByKode(ctx, demoKabupaten, kode)
		if err != nil {
			t.Fatalf("OPD %s: %v", kode, err)
		}
		return o.ID
	}
	dlh, diskop, satpol := opdID("DLH"), opdID("DISKOPUKM"), opdID("SATPOLPP")
	badung, err := a.opd.Tambah(ctx, "51.03", opd.OPDBaru{Kode: "DLH", OPDIsi: opd.OPDIsi{Nama: "Dinas Lingkungan Hidup Kabupaten Badung",
		Jenis: opd.JenisDinas, Aktif: true}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	admin := login(t, srv, "admin@tabanan.test")
	today := civil.Today(time.Now(), "51.02.06.2001")
	body := func(over map[string]any) []byte {
		b := map[string]any{"desa": "51.02.06.2001", "tanggal": today.AddDate(0, 0, 7), "judul": "Bupati Ngantor di Desa Bengkel (uji)",
			"opd": []string{dlh, diskop}, "camat_hadir": true,
			"agenda": []map[string]any{{"jenis": "tps3r", "judul": "Peninjauan TPS3R Bestari"}, {"jenis": "layanan", "judul": "Stan DLH", "opd_id": dlh}}}
		for k, v := range over {
			b[k] = v
		}
		return kjJSON(t, b)
	}

	// The rules' refusals: 422, each naming its field in Bahasa.
	for _, c := range []struct {
		name  string
		over  map[string]any
		field string
		want  string
	}{
		{"too far ahead", map[string]any{"tanggal": today.AddDate(2, 0, 0)}, "body.tanggal", "Tanggal"},
		{"too far back", map[string]any{"tanggal": today.AddDate(0, 0, -60)}, "body.tanggal", "Tanggal"},
		{"unknown OPD", map[string]any{"opd": []string{dlh, "0190f5a0-0000-7000-8000-000000000000"}}, "body.opd[1]", "registri"},
		{"another kabupaten's OPD", map[string]any{"opd": []string{badung.ID}}, "body.opd[0]", "registri"},
		{"empty title", map[string]any{"judul": "  "}, "body.judul", "Judul"},
		{"stall without its OPD", map[string]any{"agenda": []map[string]any{{"jenis": "layanan", "judul": "Stan"}}}, "body.agenda[0].opd_id", "OPD"},
	} {
		status, raw := call(t, srv, http.MethodPost, "/api/v1/kunjungan", admin, body(c.over))
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", c.name, status, raw)
			continue
		}
		if msg := kjProblem(t, raw)[c.field]; !strings.Contains(msg, c.want) {
			t.Errorf("%s: %s says %q; %s", c.name, c.field, msg, raw)
		}
	}
	// Only the bupati's office schedules, at any desa.
	for _, email := range []string{"perbekel.bengkel@tabanan.test", "camat.kediri@tabanan.test", "dlh@tabanan.test", "forum@tabanan.test"} {
		tok := login(t, srv, email)
		for _, desa := range []string{"51.02.06.2001", "51.02.06.2011", "51.02.10.2001"} {
			if status, raw := call(t, srv, http.MethodPost, "/api/v1/kunjungan", tok, body(map[string]any{"desa": desa})); status != http.StatusForbidden {
				t.Errorf("%s schedules at %s: %d %s", email, desa, status, raw)
			}
		}
	}

	status, raw := call(t, srv, http.MethodPost, "/api/v1/kunjungan", admin, body(nil))
	if status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, raw)
	}
	k := kjDecode[kjDetail](t, raw)
	one := "/api/v1/kunjungan/" + k.ID
	if status, raw = call(t, srv, http.MethodGet, one, admin, nil); status != 200 || kjDecode[kjDetail](t, raw).Status != "direncanakan" {
		t.Fatalf("get: %d %s", status, raw)
	}
	if status, raw = call(t, srv, http.MethodPut, one, admin, kjJSON(t, map[string]any{"tanggal": today.AddDate(0, 0, 8),
		"judul": "Bupati Ngantor di Desa Bengkel", "opd": []string{dlh, diskop}})); status != 200 || kjDecode[kjDetail](t, raw).Judul != "Bupati Ngantor di Desa Bengkel" {
		t.Fatalf("update: %d %s", status, raw)
	}

	perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
	nyitdah := login(t, srv, "perbekel.nyitdah@tabanan.test")
	dlhTok := login(t, srv, "dlh@tabanan.test")
	diskopTok := login(t, srv, "diskop@tabanan.test")
	satpolTok := login(t, srv, "satpolpp@tabanan.test")
	_ = satpol

	// The desa adds its points while the visit is planned.
	usulan := kjJSON(t, map[string]any{"jenis": "isu", "judul": "Jalan usaha tani Pangkung Prabu rusak"})
	if status, raw = call(t, srv, http.MethodPost, one+"/usulan", perbekel, usulan); status != 200 {
		t.Fatalf("usulan: %d %s", status, raw)
	}
	if status, raw = call(t, srv, http.MethodPost, one+"/usulan", nyitdah, usulan); status != http.StatusForbidden && status != http.StatusNotFound {
		t.Errorf("another desa's perbekel proposes: %d %s", status, raw)
	}
	if status, raw = call(t, srv, http.MethodGet, one, nyitdah, nil); status != http.StatusForbidden && status != http.StatusNotFound {
		t.Errorf("another desa's perbekel reads: %d %s", status, raw)
	}
	// An OPD sees a visit it takes part in, not another.
	if status, _ = call(t, srv, http.MethodGet, one, dlhTok, nil); status != 200 {
		t.Errorf("DLH reads its visit: %d", status)
	}
	if status, _ = call(t, srv, http.MethodGet, one, satpolTok, nil); status != http.StatusNotFound {
		t.Errorf("Satpol PP reads a visit without it: %d", status)
	}
	if status, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/kunjungan", satpolTok, nil); status != 200 || strings.Contains(string(raw), k.ID) {
		t.Errorf("Satpol PP's list: %d has the visit %v", status, strings.Contains(string(raw), k.ID))
	}
	if status, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/kunjungan", dlhTok, nil); status != 200 || !strings.Contains(string(raw), k.ID) {
		t.Errorf("DLH's list: %d lacks the visit", status)
	}

	// No commitment before the day; then the day.
	kom := func(pj string) []byte {
		return kjJSON(t, map[string]any{"isi": "Tindak lanjut untuk " + pj, "penanggung": pj, "tenggat": today.AddDate(0, 2, 0)})
	}
	if status, raw = call(t, srv, http.MethodPost, one+"/komitmen", admin, kom(dlh)); status != http.StatusConflict {
		t.Errorf("commitment before the visit: %d %s", status, raw)
	}
	if status, raw = call(t, srv, http.MethodPost, one+"/mulai", admin, nil); status != 200 {
		t.Fatalf("mulai: %d %s", status, raw)
	}
	if status, raw = call(t, srv, http.MethodPost, one+"/usulan", perbekel, usulan); status != http.StatusConflict {
		t.Errorf("usulan once under way: %d %s", status, raw)
	}
	ids := map[string]string{}
	for _, pj := range []string{dlh, diskop, "desa"} {
		status, raw = call(t, srv, http.MethodPost, one+"/komitmen", admin, kom(pj))
		if status != http.StatusCreated && status != 200 {
			t.Fatalf("komitmen %s: %d %s", pj, status, raw)
		}
		ids[pj] = kjDecode[struct{ ID string }](t, raw).ID
	}
	// The OPD sees only its own commitments.
	if status, raw = call(t, srv, http.MethodGet, one+"/komitmen", dlhTok, nil); status != 200 {
		t.Fatalf("DLH komitmen: %d", status)
	} else if items := kjDecode[struct{ Items []struct{ Penanggung string } }](t, raw).Items; len(items) != 1 || items[0].Penanggung != dlh {
		t.Errorf("DLH sees %+v", items)
	}
	kemajuan := func(status, bukti string) []byte {
		return kjJSON(t, map[string]any{"status": status, "bukti": bukti})
	}
	put := func(tok, pj string, b []byte) (int, []byte) {
		return call(t, srv, http.MethodPut, one+"/komitmen/"+ids[pj], tok, b)
	}
	if status, raw = put(dlhTok, dlh, kemajuan("proses", "Survei lokasi dijadwalkan.")); status != 200 {
		t.Errorf("DLH updates its own: %d %s", status, raw)
	}
	if status, raw = put(dlhTok, diskop, kemajuan("proses", "")); status != http.StatusNotFound {
		t.Errorf("DLH updates DISKOPUKM's: %d %s", status, raw)
	}
	if status, raw = put(diskopTok, diskop, kemajuan("selesai", "")); status != http.StatusUnprocessableEntity || !strings.Contains(kjProblem(t, raw)["body.bukti"], "Bukti") {
		t.Errorf("selesai without evidence: %d %s", status, raw)
	}
	if status, raw = put(perbekel, "desa", kemajuan("selesai", "Perdes sudah ditetapkan dan diundangkan.")); status != 200 {
		t.Errorf("the desa updates its own: %d %s", status, raw)
	}
	if status, raw = put(perbekel, dlh, kemajuan("belum", "")); status != http.StatusForbidden {
		t.Errorf("the desa updates DLH's: %d %s", status, raw)
	}
	if status, raw = put(nyitdah, "desa", kemajuan("belum", "")); status != http.StatusForbidden && status != http.StatusNotFound {
		t.Errorf("another desa updates the desa's: %d %s", status, raw)
	}
	if status, raw = call(t, srv, http.MethodPost, one+"/selesai", admin, kjJSON(t, map[string]any{"opd_hadir": []string{dlh}, "camat_hadir": true})); status != 200 ||
		kjDecode[kjDetail](t, raw).Status != "selesai" {
		t.Fatalf("selesai: %d %s", status, raw)
	}

	// The audiensi tag: a visit of this desa, not free text.
	aud := func(kunjungan string) (int, []byte) {
		return call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/audiensi", admin, kjJSON(t, map[string]any{
			"kategori": "sampah", "judul": "Sampah plastik di saluran", "isi": "Sampah plastik menyumbat saluran irigasi subak.",
			"pelapor_mode": "anonim", "kunjungan": kunjungan}))
	}
	if status, raw = aud("Ngantor di Desa Bengkel"); status != http.StatusUnprocessableEntity || !strings.Contains(kjProblem(t, raw)["body.kunjungan"], "Kunjungan") {
		t.Errorf("free text visit: %d %s", status, raw)
	}
	var nyitdahVisit string
	if status, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.06.2011/kunjungan", admin, nil); status == 200 {
		var p struct{ Items []struct{ ID string } }
		_ = json.Unmarshal(raw, &p)
		if len(p.Items) > 0 {
			nyitdahVisit = p.Items[0].ID
		}
	}
	if nyitdahVisit == "" {
		t.Fatal("the demo's Nyitdah visit is missing")
	}
	if status, raw = aud(nyitdahVisit); status != http.StatusUnprocessableEntity {
		t.Errorf("another desa's visit: %d %s", status, raw)
	}
	if status, raw = aud(k.ID); status != http.StatusCreated {
		t.Errorf("this desa's visit: %d %s", status, raw)
	}
}

// The demo: Bengkel's visit of 24 October 2022 as held, its commitments
// (some overdue), the audiensi heard on it tagged with it; Nyitdah's
// planned visit with its dossiers queued. A second seed adds nothing.
func TestKunjunganDemo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) { kunjunganDemo(t, d) })
}

func kunjunganDemo(t *testing.T, d *db.DB) {
	a, srv := testApp(t, d)
	admin := login(t, srv, "admin@tabanan.test")
	status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/kunjungan", admin, nil)
	if status != 200 {
		t.Fatalf("list: %d %s", status, raw)
	}
	var p struct {
		Items []struct {
			ID, Judul, Status, Tanggal, Desa string
		}
	}
	_ = json.Unmarshal(raw, &p)
	var bengkel, nyitdah string
	for _, k := range p.Items {
		switch {
		case k.Desa == "51.02.06.2001" && k.Tanggal == "2022-10-24" && k.Status == "selesai" && k.Judul == "Bupati Ngantor di Desa Bengkel":
			bengkel = k.ID
		case k.Desa == "51.02.06.2011" && k.Status == "direncanakan":
			nyitdah = k.ID
		}
	}
	if bengkel == "" || nyitdah == "" || len(p.Items) != 2 {
		t.Fatalf("demo visits %+v", p.Items)
	}
	det := kjDecode[kjDetail](t, func() []byte {
		_, r := call(t, srv, http.MethodGet, "/api/v1/kunjungan/"+bengkel, admin, nil)
		return r
	}())
	if len(det.Komitmen) < 5 || len(det.Komitmen) > 8 || len(det.Agenda) < 6 {
		t.Errorf("Bengkel: %d commitments, %d agenda items", len(det.Komitmen), len(det.Agenda))
	}
	done := 0
	for _, c := range det.Komitmen {
		if c.Status == "selesai" {
			done++
		}
	}
	if done == 0 || done == len(det.Komitmen) {
		t.Errorf("Bengkel: %d of %d commitments done", done, len(det.Komitmen))
	}
	n, err := a.audiensi.JumlahKunjungan(t.Context(), "51.02.06.2001", bengkel)
	if err != nil || n != 4 {
		t.Errorf("audiensi tagged with the Bengkel visit: %d %v", n, err)
	}
	// Nyitdah's dossiers: the bupati's and one per OPD, queued.
	var rows []struct {
		Audiens string `bun:"audiens"`
		Status  string `bun:"status"`
	}
	ctx := tenancy.With(t.Context(), tenancy.Tenant{Kode: "51.02.06.2011"})
	if err := a.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Table("kunjungan_dossier").Column("audiens", "status").Where("kunjungan_id = ?", nyitdah).Scan(ctx, &rows)
	}); err != nil {
		t.Fatal(err)
	}
	if len(rows) < 6 {
		t.Errorf("Nyitdah dossiers %+v", rows)
	}
	if err := a.seedDemo(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/kunjungan", admin, nil); strings.Count(string(raw), `"judul"`) != 2 {
		t.Errorf("a second seed added visits: %s", raw)
	}
}

// The pages: the lists, the scheduling form, a visit's page as the office,
// the desa and an OPD see it.
func TestKunjunganPages(t *testing.T) {
	a, srv := testApp(t, dbtest.SQLite(t))
	ctx := t.Context()
	admin := login(t, srv, "admin@tabanan.test")
	status, body := page(t, srv, "/wilayah/51.02/kunjungan", admin)
	if status != 200 || !strings.Contains(body, "Bupati Ngantor di Desa Bengkel") || !strings.Contains(body, `id="jadwalkan"`) {
		t.Fatalf("list: %d %s", status, body)
	}
	if status, body = page(t, srv, "/wilayah/51.02", admin); !strings.Contains(body, `href="/wilayah/51.02/kunjungan"`) {
		t.Errorf("the kabupaten page lacks the link: %d", status)
	}
	if status, body = page(t, srv, "/wilayah/51.02.06.2001", admin); !strings.Contains(body, `href="/desa/51.02.06.2001/kunjungan"`) {
		t.Errorf("the desa page lacks the link: %d", status)
	}
	if status, body = page(t, srv, "/wilayah/51.02/kunjungan/baru", admin); status != 200 || !strings.Contains(body, `<optgroup label="Kecamatan Kediri">`) {
		t.Fatalf("form: %d", status)
	}
	dlh, _ := a.opd.ByKode(ctx, demoKabupaten, "DLH")
	form := url.Values{"desa": {"51.02.06.2012"}, "tanggal": {string(civil.Today(time.Now(), "51.02").AddDate(0, 0, 20))},
		"judul": {"Bupati Ngantor di Desa Pangkung Tibah"}, "opd": {dlh.ID}, "agenda_jenis_0": {"layanan"}, "agenda_judul_0": {"Stan DLH"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("judul", "")
	bad.Del("agenda_jenis_0")
	bad.Set("agenda_jenis_0", "layanan")
	if status, body = evPostPage(t, srv, "/wilayah/51.02/kunjungan", admin, bad); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="kunjungan-judul"`) || !strings.Contains(body, "Stan layanan memerlukan OPD") {
		t.Errorf("refused form: %d %s", status, body)
	}
	form.Set("agenda_opd_0", dlh.ID)
	status, body = evPostPage(t, srv, "/wilayah/51.02/kunjungan", admin, form)
	if status != http.StatusSeeOther {
		t.Fatalf("schedule: %d %s", status, body)
	}
	perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
	if status, _ = evPostPage(t, srv, "/wilayah/51.02/kunjungan", perbekel, form); status != http.StatusForbidden {
		t.Errorf("perbekel posts the schedule: %d", status)
	}
	var bengkel string
	_, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.06.2001/kunjungan", admin, nil)
	var p struct{ Items []struct{ ID string } }
	_ = json.Unmarshal(raw, &p)
	if len(p.Items) == 0 {
		t.Fatal("no Bengkel visit")
	}
	bengkel = p.Items[0].ID
	status, body = page(t, srv, "/kunjungan/"+bengkel, admin)
	if status != 200 || !strings.Contains(body, "terlambat") || !strings.Contains(body, `id="catat-komitmen"`) ||
		!strings.Contains(body, `href="/desa/51.02.06.2001/audiensi?kunjungan=`+bengkel+`">4 audiensi`) {
		t.Errorf("Bengkel as the office: %d %s", status, body)
	}
	status, body = page(t, srv, "/kunjungan/"+bengkel, perbekel)
	// The perbekel reads the post-visit report, not the briefings, and
	// rebuilds nothing.
	if status != 200 || strings.Contains(body, `id="catat-komitmen"`) || !strings.Contains(body, `id="dossier-laporan"`) ||
		strings.Contains(body, `id="dossier-bupati"`) || strings.Contains(body, "Buat ulang") ||
		!strings.Contains(body, `action="/desa/51.02.06.2001/kunjungan/`+bengkel+`/komitmen/`) {
		t.Errorf("Bengkel as the perbekel: %d", status)
	}
	dlhTok := login(t, srv, "dlh@tabanan.test")
	status, body = page(t, srv, "/kunjungan/"+bengkel, dlhTok)
	if status != 200 || strings.Count(body, `id="aksi-kemajuan-`) != 1 || strings.Contains(body, "Posyandu") {
		t.Errorf("Bengkel as DLH: %d", status)
	}
	if status, _ = page(t, srv, "/kunjungan/"+bengkel, login(t, srv, "satpolpp@tabanan.test")); status != http.StatusNotFound {
		t.Errorf("Bengkel as Satpol PP: %d", status)
	}
	if status, _ = page(t, srv, "/kunjungan/"+bengkel, login(t, srv, "perbekel.nyitdah@tabanan.test")); status != http.StatusNotFound {
		t.Errorf("Bengkel as Nyitdah's perbekel: %d", status)
	}
	// DLH updates its commitment through the page, not another's.
	_, raw = call(t, srv, http.MethodGet, "/api/v1/kunjungan/"+bengkel+"/komitmen", admin, nil)
	var ks struct {
		Items []struct{ ID, Penanggung string }
	}
	_ = json.Unmarshal(raw, &ks)
	aksi := "/desa/51.02.06.2001/kunjungan/" + bengkel
	kemajuan := url.Values{"status": {"selesai"}, "bukti": {"Armada tambahan beroperasi sejak Maret 2023."}}
	for _, c := range ks.Items {
		want := http.StatusNotFound
		if c.Penanggung == dlh.ID {
			want = http.StatusSeeOther
		}
		if status, body = evPostPage(t, srv, aksi+"/komitmen/"+c.ID, dlhTok, kemajuan); status != want {
			t.Errorf("DLH updates %s's commitment: %d, want %d", c.Penanggung, status, want)
		}
	}
	if status, body = evPostPage(t, srv, aksi+"/komitmen/"+ks.Items[0].ID, dlhTok, url.Values{"status": {"selesai"}}); status != http.StatusUnprocessableEntity && status != http.StatusNotFound {
		t.Errorf("selesai without evidence: %d", status)
	}
	// A visit's form under another desa's path is not found.
	if status, _ = evPostPage(t, srv, "/desa/51.02.06.2011/kunjungan/"+bengkel+"/batal", admin, url.Values{"alasan": {"Uji jalur desa lain"}}); status != http.StatusNotFound {
		t.Errorf("a visit under another desa: %d", status)
	}
	if status, _ = page(t, srv, "/kunjungan/not-an-id", admin); status != http.StatusNotFound {
		t.Errorf("a bad id: %d", status)
	}
	if status, body = page(t, srv, "/desa/51.02.06.2001/audiensi?kunjungan="+bengkel, admin); status != 200 || strings.Count(body, `<li>`) < 4 || !strings.Contains(body, "saat kunjungan kerja") {
		t.Errorf("the audiensi of the visit: %d", status)
	}
	if status, body = page(t, srv, "/desa/51.02.06.2001/audiensi/baru", admin); status != 200 || !strings.Contains(body, `value="`+bengkel+`"`) {
		t.Errorf("the audiensi entry form offers the visit: %d", status)
	}
}

// The planning dossiers of every desa of a kecamatan: the office queues
// them from the visit list and follows their states; the desa and the
// camat have no such page.
func TestKunjunganPlanningDossierPage(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	admin := login(t, srv, "admin@tabanan.test")
	status, body := page(t, srv, "/wilayah/51.02.06/kunjungan", admin)
	if status != 200 || !strings.Contains(body, `href="/wilayah/51.02.06/kunjungan/perencanaan"`) {
		t.Fatalf("the visit list lacks the planning link: %d", status)
	}
	status, body = page(t, srv, "/wilayah/51.02.06/kunjungan/perencanaan", admin)
	if status != 200 || !strings.Contains(body, `id="perencanaan-kosong"`) || !strings.Contains(body, `id="buat-perencanaan"`) {
		t.Fatalf("planning page before: %d %s", status, body)
	}
	if status, body = evPostPage(t, srv, "/wilayah/51.02.06/kunjungan/perencanaan", admin, url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("queue the kecamatan: %d %s", status, body)
	}
	status, body = page(t, srv, "/wilayah/51.02.06/kunjungan/perencanaan?antri=15", admin)
	if status != 200 || strings.Count(body, `id="perencanaan-51.02.06.`) != 15 || !strings.Contains(body, "15 dossier desa masuk antrian") ||
		!strings.Contains(body, "Antri") {
		t.Fatalf("planning page after: %d %s", status, body)
	}
	for _, who := range []string{"perbekel.bengkel@tabanan.test", "camat.kediri@tabanan.test", "dlh@tabanan.test"} {
		tok := login(t, srv, who)
		if status, _ := page(t, srv, "/wilayah/51.02.06/kunjungan/perencanaan", tok); status != http.StatusForbidden && status != http.StatusNotFound {
			t.Errorf("%s opens the planning page: %d", who, status)
		}
		if status, body := page(t, srv, "/wilayah/51.02.06/kunjungan", tok); strings.Contains(body, "/kunjungan/perencanaan") {
			t.Errorf("%s's visit list links the planning page (%d)", who, status)
		}
	}
}
