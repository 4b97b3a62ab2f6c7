package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// rpjmBappeda adds a member of Tabanan's planning agency (BPPDPP in the
// registry) and returns its token.
func rpjmBappeda(t *testing.T, a *app, srv *httptest.Server) string {
	t.Helper()
	const email = "bappeda@rpjm.test"
	u, err := a.auth.CreateUser(context.Background(), auth.NewUser{Email: email, Name: "Bappeda Tabanan", Password: demoPassword})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.joinDemoOPD(context.Background(), u.ID, demoAccount{email: email, opd: "BPPDPP", role: authz.OPD, wilayah: demoKabupaten}); err != nil {
		t.Fatal(err)
	}
	return login(t, srv, email)
}

type rpjmTree struct {
	RPJM struct {
		ID         string `json:"id"`
		Nama       string `json:"nama"`
		TahunMulai int    `json:"tahun_mulai"`
		Demo       bool   `json:"demo"`
	} `json:"rpjm"`
	Misi []struct {
		ID, Kode, Uraian string
		Anak             []json.RawMessage
	} `json:"misi"`
	Periode []struct{ ID string } `json:"periode"`
}

func rpjmProblem(t *testing.T, raw []byte) (string, []string) {
	t.Helper()
	var p struct {
		Detail string                     `json:"detail"`
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("problem %s: %v", raw, err)
	}
	var msgs []string
	for _, e := range p.Errors {
		msgs = append(msgs, e.Message)
	}
	return p.Detail, msgs
}

func TestRPJMAPIReadersAndWriters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		admin := login(t, srv, "admin@tabanan.test")
		dlh := login(t, srv, "dlh@tabanan.test")
		camat := login(t, srv, "camat.kediri@tabanan.test")
		forum := login(t, srv, "forum@tabanan.test")
		perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
		bappeda := rpjmBappeda(t, a, srv)

		// Readers: the kabupaten's tree, at the kabupaten and, for the
		// camat, through its kecamatan; the perbekel holds no grant.
		for _, c := range []struct {
			who, path string
			want      int
		}{
			{admin, "/api/v1/wilayah/51.02/rpjm?tahun=2023", 200},
			{forum, "/api/v1/wilayah/51.02/rpjm?tahun=2023", 200},
			{dlh, "/api/v1/wilayah/51.02/rpjm?tahun=2023", 200},
			{camat, "/api/v1/wilayah/51.02.06/rpjm?tahun=2023", 200},
			{camat, "/api/v1/wilayah/51.02/rpjm?tahun=2023", 403},
			{camat, "/api/v1/wilayah/51.02.10/rpjm?tahun=2023", 403},
			{perbekel, "/api/v1/wilayah/51.02.06.2001/rpjm?tahun=2023", 403},
			{admin, "/api/v1/wilayah/51.02/rpjm?tahun=2030", 404},
		} {
			status, raw := call(t, srv, http.MethodGet, c.path, c.who, nil)
			if status != c.want {
				t.Errorf("GET %s: %d, want %d (%.200s)", c.path, status, c.want, raw)
			}
		}
		status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.06/rpjm?tahun=2023", camat, nil)
		tree := kjDecode[rpjmTree](t, raw)
		if status != 200 || !tree.RPJM.Demo || tree.RPJM.TahunMulai != 2021 || len(tree.Misi) != 4 || len(tree.Periode) != 1 {
			t.Fatalf("the camat's view of the demo RPJM: %d %+v", status, tree)
		}

		// Writers: the admin and the planning agency; DLH is refused with
		// the reason; the camat holds no write grant.
		node := func(kode, uraian string) []byte {
			return kjJSON(t, map[string]any{"rpjm_id": tree.RPJM.ID, "jenis": "misi", "kode": kode, "uraian": uraian})
		}
		status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02/rpjm/node", dlh, node("5", "Misi dari DLH"))
		if detail, _ := rpjmProblem(t, raw); status != 403 || !strings.Contains(detail, "badan perencanaan") {
			t.Errorf("DLH writes: %d %s", status, raw)
		}
		if status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02.06/rpjm/node", camat, node("5", "Misi dari camat")); status != 403 {
			t.Errorf("camat writes: %d %s", status, raw)
		}
		status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02/rpjm/node", bappeda, node("5", "Misi dari Bappeda"))
		if status != 201 {
			t.Fatalf("Bappeda writes: %d %s", status, raw)
		}
		misi5 := kjDecode[struct{ ID string }](t, raw).ID
		status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02/rpjm/node", admin,
			kjJSON(t, map[string]any{"rpjm_id": tree.RPJM.ID, "jenis": "tujuan", "kode": "5.1", "uraian": "Tujuan dari admin"}))
		if status != 201 {
			t.Fatalf("admin writes: %d %s", status, raw)
		}
		tujuan := kjDecode[struct{ ID string }](t, raw).ID
		// Invalid input is a 422 naming the field, in Bahasa.
		status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02/rpjm/node", admin,
			kjJSON(t, map[string]any{"rpjm_id": tree.RPJM.ID, "jenis": "sasaran", "kode": "7.1.1", "uraian": "Sasaran tanpa induk"}))
		if _, msgs := rpjmProblem(t, raw); status != 422 || !strings.Contains(strings.Join(msgs, " "), "harus di bawah tujuan 7.1") {
			t.Errorf("orphan sasaran: %d %s", status, raw)
		}
		// A node by id, through the kabupaten; an unknown id is 404.
		if status, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/rpjm/node/"+tujuan, admin, nil); status != 200 ||
			!strings.Contains(string(raw), "Tujuan dari admin") {
			t.Errorf("GET node: %d %s", status, raw)
		}
		if status, _ = call(t, srv, http.MethodPut, "/api/v1/wilayah/51.02/rpjm/node/01937a6e-0000-7000-8000-000000000000", admin,
			kjJSON(t, map[string]any{"uraian": "Tidak ada"})); status != 404 {
			t.Errorf("PUT unknown node: %d", status)
		}
		if status, raw = call(t, srv, http.MethodPut, "/api/v1/wilayah/51.02/rpjm/node/"+tujuan, dlh, kjJSON(t, map[string]any{"uraian": "Diubah DLH"})); status != 403 {
			t.Errorf("DLH changes a node: %d %s", status, raw)
		}
		if status, raw = call(t, srv, http.MethodPut, "/api/v1/wilayah/51.02/rpjm/node/"+tujuan, bappeda, kjJSON(t, map[string]any{"uraian": "Tujuan diubah Bappeda"})); status != 200 {
			t.Errorf("Bappeda changes a node: %d %s", status, raw)
		}
		// Targets only inside the period.
		status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02/rpjm/node", bappeda, kjJSON(t, map[string]any{
			"rpjm_id": tree.RPJM.ID, "jenis": "sasaran", "kode": "5.1.1", "uraian": "Sasaran Bappeda"}))
		if status != 201 {
			t.Fatalf("sasaran: %d %s", status, raw)
		}
		status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02/rpjm/node", bappeda, kjJSON(t, map[string]any{
			"rpjm_id": tree.RPJM.ID, "jenis": "indikator", "kode": "5.1.1.1", "uraian": "Indikator Bappeda", "satuan": "persen", "baseline": 10}))
		if status != 201 {
			t.Fatalf("indikator: %d %s", status, raw)
		}
		ind := kjDecode[struct{ ID string }](t, raw).ID
		if status, raw = call(t, srv, http.MethodPut, "/api/v1/wilayah/51.02/rpjm/node/"+ind+"/target", bappeda,
			kjJSON(t, map[string]any{"target": []map[string]any{{"tahun": 2027, "target": 5}}})); status != 422 {
			t.Errorf("target outside the period: %d %s", status, raw)
		}
		if status, raw = call(t, srv, http.MethodPut, "/api/v1/wilayah/51.02/rpjm/node/"+ind+"/target", bappeda,
			kjJSON(t, map[string]any{"target": []map[string]any{{"tahun": 2025, "target": 30}, {"tahun": 2024, "target": 20}}})); status != 200 ||
			!strings.Contains(string(raw), `"tahun":2024`) {
			t.Errorf("targets: %d %s", status, raw)
		}
		// The other helper's contract: SasaranRPJM sees the new sasaran.
		ss, err := a.program.SasaranRPJM(t.Context(), demoKabupaten, 2024)
		if err != nil || len(ss) == 0 || ss[len(ss)-1].Kode != "5.1.1" || ss[len(ss)-1].Misi != "Misi dari Bappeda" {
			t.Errorf("SasaranRPJM after the API writes: %+v %v", ss, err)
		}
		// Deleting the misi takes its tujuan along; the audit chain
		// recorded the writes.
		if status, raw = call(t, srv, http.MethodDelete, "/api/v1/wilayah/51.02/rpjm/node/"+misi5, dlh, nil); status != 403 {
			t.Errorf("DLH deletes: %d %s", status, raw)
		}
		if status, raw = call(t, srv, http.MethodDelete, "/api/v1/wilayah/51.02/rpjm/node/"+misi5, bappeda, nil); status != 204 {
			t.Fatalf("delete misi: %d %s", status, raw)
		}
		if status, _ = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/rpjm/node/"+tujuan, admin, nil); status != 404 {
			t.Errorf("the deleted misi's tujuan: %d, want 404", status)
		}
		// Periods: DLH may not add one; Bappeda adds, changes and deletes
		// the next period; an overlapping one is refused.
		periode := kjJSON(t, map[string]any{"nama": "RPJMD Tabanan 2027–2031", "tahun_mulai": 2027, "tahun_akhir": 2031, "visi": "Visi periode berikutnya"})
		if status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02/rpjm", dlh, periode); status != 403 {
			t.Errorf("DLH adds a period: %d %s", status, raw)
		}
		status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02/rpjm", bappeda, periode)
		if status != 201 {
			t.Fatalf("Bappeda adds a period: %d %s", status, raw)
		}
		next := kjDecode[struct{ ID string }](t, raw).ID
		if status, raw = call(t, srv, http.MethodPost, "/api/v1/wilayah/51.02/rpjm", admin,
			kjJSON(t, map[string]any{"nama": "RPJMD tumpang", "tahun_mulai": 2026, "tahun_akhir": 2030, "visi": "Visi yang bertumpang"})); status != 422 {
			t.Errorf("overlapping period: %d %s", status, raw)
		}
		if status, raw = call(t, srv, http.MethodPut, "/api/v1/wilayah/51.02/rpjm/periode/"+next, bappeda,
			kjJSON(t, map[string]any{"nama": "RPJMD Tabanan 2027–2031 (rancangan)", "tahun_mulai": 2027, "tahun_akhir": 2031, "visi": "Visi periode berikutnya"})); status != 200 {
			t.Errorf("change the period: %d %s", status, raw)
		}
		if status, raw = call(t, srv, http.MethodDelete, "/api/v1/wilayah/51.02/rpjm/periode/"+next, dlh, nil); status != 403 {
			t.Errorf("DLH deletes a period: %d %s", status, raw)
		}
		if status, raw = call(t, srv, http.MethodDelete, "/api/v1/wilayah/51.02/rpjm/periode/"+next, bappeda, nil); status != 204 {
			t.Errorf("delete the period: %d %s", status, raw)
		}
		if status, _ = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/rpjm?tahun=2028", admin, nil); status != 404 {
			t.Errorf("the deleted period: %d", status)
		}

		// Every successful write (4 nodes added, 1 changed, 1 target set,
		// 1 deleted) has its audit entry; the refused ones have none.
		var n int
		err = a.db.RunInTx(t.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
			if err := db.SetRange(ctx, a.db.Engine, tx, 0, 9_999_999_999); err != nil {
				return err
			}
			return tx.NewRaw("SELECT count(*) FROM audit_log WHERE action IN (?)",
				bun.In([]string{"create-rpjm-node", "update-rpjm-node", "set-rpjm-target", "delete-rpjm-node"})).Scan(ctx, &n)
		})
		if err != nil || n != 7 {
			t.Errorf("audit entries of the RPJM writes: %d, %v; want 7", n, err)
		}
	})
}

// rpjmUpload posts an XLSX body to the import operation.
func rpjmUpload(t *testing.T, srv *httptest.Server, path, token string, file []byte) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(file))
	req.Header.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

func TestRPJMAPIImportTemplateRoundTrip(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, srv := testApp(t, d)
		bappeda := rpjmBappeda(t, a, srv)
		dlh := login(t, srv, "dlh@tabanan.test")
		const base = "/api/v1/wilayah/51.02/rpjm"
		status, tmpl := call(t, srv, http.MethodGet, base+"/templat?tahun=2023", bappeda, nil)
		if status != 200 || !bytes.HasPrefix(tmpl, []byte("PK")) {
			t.Fatalf("template: %d %.100s", status, tmpl)
		}
		x, err := excelize.OpenReader(bytes.NewReader(tmpl))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows("RPJM")
		if len(rows) < 2 || strings.Join(rows[0], ",") != "Jenis,Kode,Uraian,Satuan,Baseline,2021,2022,2023,2024,2025,2026" {
			t.Fatalf("template rows: %v", rows)
		}
		next := len(rows) + 1
		for i, r := range [][]any{
			{"misi", "2", "Misi tata kelola desa"},
			{"tujuan", "2.1", "Tujuan desa akuntabel"},
			{"sasaran", "2.1.1", "Meningkatnya tata kelola pemerintahan desa"},
			{"indikator", "2.1.1.1", "Desa melapor APBDes tepat waktu", "persen", 75, 78, 82, 86, 90, 95, 100},
		} {
			cell, _ := excelize.CoordinatesToCellName(1, next+i)
			if err := x.SetSheetRow("RPJM", cell, &r); err != nil {
				t.Fatal(err)
			}
		}
		var good bytes.Buffer
		if err := x.Write(&good); err != nil {
			t.Fatal(err)
		}
		// A bad row: nothing is written, every problem named by its row.
		cell, _ := excelize.CoordinatesToCellName(1, next+4)
		badRow := []any{"sasaran", "3.1.1", "Sasaran tanpa induk", "", "", 1}
		if err := x.SetSheetRow("RPJM", cell, &badRow); err != nil {
			t.Fatal(err)
		}
		var broken bytes.Buffer
		if err := x.Write(&broken); err != nil {
			t.Fatal(err)
		}
		x.Close()
		status, raw := rpjmUpload(t, srv, base+"/impor?tahun=2023", bappeda, broken.Bytes())
		_, msgs := rpjmProblem(t, raw)
		all := strings.Join(msgs, "\n")
		line := "Baris " + itoaTest(next+4)
		if status != 422 || !strings.Contains(all, line+", kolom kode: Sasaran 3.1.1 harus di bawah tujuan 3.1") || !strings.Contains(all, line+", kolom target") {
			t.Fatalf("bad import: %d %s", status, raw)
		}
		before, _ := a.program.SasaranRPJM(t.Context(), demoKabupaten, 2023)
		if len(before) < 10 {
			t.Fatalf("the refused import changed the demo tree: %d sasaran", len(before))
		}
		if status, raw = rpjmUpload(t, srv, base+"/impor?tahun=2023", bappeda, make([]byte, 2<<20+1)); status != 422 || !strings.Contains(string(raw), "terlalu besar") {
			t.Errorf("oversized import: %d %.300s", status, raw)
		}
		if status, raw = rpjmUpload(t, srv, base+"/impor?tahun=2023", dlh, good.Bytes()); status != 403 {
			t.Errorf("DLH imports: %d %s", status, raw)
		}
		status, raw = rpjmUpload(t, srv, base+"/impor?tahun=2023", bappeda, good.Bytes())
		if status != 200 {
			t.Fatalf("import: %d %s", status, raw)
		}
		h := kjDecode[struct{ Misi, Sasaran, Indikator int }](t, raw)
		if h.Misi != 2 || h.Sasaran != 2 || h.Indikator != 2 {
			t.Errorf("import result %+v (the template's example and the filled rows)", h)
		}
		after, _ := a.program.SasaranRPJM(t.Context(), demoKabupaten, 2023)
		if len(after) != 2 || after[1].Kode != "2.1.1" || after[1].Tujuan != "Tujuan desa akuntabel" {
			t.Errorf("sasaran after the import replaced the tree: %+v", after)
		}
	})
}

func itoaTest(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestRPJMPages(t *testing.T) {
	a, srv := testApp(t, dbtest.SQLite(t))
	admin := login(t, srv, "admin@tabanan.test")
	dlh := login(t, srv, "dlh@tabanan.test")
	camat := login(t, srv, "camat.kediri@tabanan.test")
	bappeda := rpjmBappeda(t, a, srv)

	status, html := page(t, srv, "/wilayah/51.02/rpjm?tahun=2023", admin)
	for _, want := range []string{"(contoh demo)", "<details", "Prevalensi stunting balita", "Target 2026", `id="form-tambah-unsur"`,
		`id="impor-rpjm"`, `id="unduh-templat"`, "/wilayah/51.02/rpjm/node/"} {
		if status != 200 || !strings.Contains(html, want) {
			t.Errorf("admin's RPJM page (%d) lacks %q", status, want)
		}
	}
	for who, tok := range map[string]string{"dlh": dlh, "camat": camat} {
		path := "/wilayah/51.02/rpjm?tahun=2023"
		if who == "camat" {
			path = "/wilayah/51.02.06/rpjm?tahun=2023"
		}
		status, html := page(t, srv, path, tok)
		if status != 200 || !strings.Contains(html, "Prevalensi stunting balita") {
			t.Errorf("%s reads the tree: %d", who, status)
		}
		for _, not := range []string{"<form class=\"formulir\" method=\"post\"", `id="impor-rpjm"`, "/rpjm/node/"} {
			if strings.Contains(html, not) {
				t.Errorf("%s sees %q", who, not)
			}
		}
	}
	if status, html := page(t, srv, "/wilayah/51.02/rpjm/impor", dlh); status != 403 || !strings.Contains(html, "badan perencanaan") {
		t.Errorf("DLH opens the import page: %d", status)
	}

	// The add form: a refused node shows the form again with its message;
	// a valid one redirects to the tree, which shows it.
	p, _, _, err := a.program.PohonRPJM(t.Context(), demoKabupaten, 2023)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"rpjm_id": {p.RPJM.ID}, "jenis": {"indikator"}, "kode": {"1.1.1.9"}, "uraian": {"Luas lahan organik"},
		"satuan": {"ha"}, "baseline": {"12,5"}, "target_2022": {"15"}, "target_2023": {"banyak"}}
	status, html = evPostPage(t, srv, "/wilayah/51.02/rpjm/node?tahun=2021", bappeda, form)
	if status != 422 || !strings.Contains(html, "bukan angka") {
		t.Errorf("refused node: %d", status)
	}
	form.Set("target_2023", "17,5")
	if status, html = evPostPage(t, srv, "/wilayah/51.02/rpjm/node?tahun=2021", bappeda, form); status != 303 {
		t.Fatalf("node form: %d %s", status, html)
	}
	if status, html = evPostPage(t, srv, "/wilayah/51.02/rpjm/node?tahun=2021", dlh, form); status != 403 {
		t.Errorf("DLH posts the node form: %d", status)
	}
	_, html = page(t, srv, "/wilayah/51.02/rpjm?tahun=2023", admin)
	if !strings.Contains(html, "Luas lahan organik") || !strings.Contains(html, "17,5") || !strings.Contains(html, "12,5") {
		t.Errorf("the tree lacks the new indikator")
	}

	// A node's page: edit (a refused edit shows the form again), then
	// delete, which asks for the confirmation box.
	ind := p.Misi[1].Anak[0].Anak[0].Anak[0] // 2.1.1.1 stunting
	nodePath := "/wilayah/51.02/rpjm/node/" + ind.ID
	if status, html = page(t, srv, nodePath, bappeda); status != 200 || !strings.Contains(html, `id="form-ubah-unsur"`) || !strings.Contains(html, `value="12.9"`) {
		t.Errorf("node page: %d", status)
	}
	if status, _ = page(t, srv, nodePath, dlh); status != 403 {
		t.Errorf("DLH opens a node page: %d", status)
	}
	if status, html = evPostPage(t, srv, nodePath, bappeda, url.Values{"uraian": {""}, "satuan": {"persen"}}); status != 422 || !strings.Contains(html, "Uraian wajib diisi") {
		t.Errorf("empty uraian: %d", status)
	}
	if status, _ = evPostPage(t, srv, nodePath, bappeda, url.Values{"uraian": {"Prevalensi stunting balita (SSGI)"}, "satuan": {"persen"},
		"baseline": {"12,9"}, "target_2026": {"5"}}); status != 303 {
		t.Errorf("edit node: %d", status)
	}
	if s, _, err := a.program.NodeRPJM(t.Context(), demoKabupaten, ind.ID); err != nil || s.Uraian != "Prevalensi stunting balita (SSGI)" || len(s.Target) != 1 {
		t.Errorf("after the edit: %+v %v", s, err)
	}
	if status, _ = evPostPage(t, srv, nodePath+"/hapus", bappeda, url.Values{}); status != 422 {
		t.Errorf("delete without the box: %d", status)
	}
	if status, _ = evPostPage(t, srv, nodePath+"/hapus", bappeda, url.Values{"yakin": {"1"}}); status != 303 {
		t.Errorf("delete: %d", status)
	}
	if _, _, err := a.program.NodeRPJM(t.Context(), demoKabupaten, ind.ID); err == nil {
		t.Errorf("the deleted node is still there")
	}

	// The import page: a bad file is refused with its rows listed and
	// nothing saved; the template downloaded from the page goes in.
	bad := rpjmSheet(t, [][]any{{"Jenis", "Kode", "Uraian", "Satuan", "Baseline", "2021"}, {"tujuan", "8.1", "Tujuan tanpa misi"}})
	status, html = imporPost(t, srv.URL, "/wilayah/51.02/rpjm/impor?tahun=2023", admin, bad, false)
	if status != 422 || !strings.Contains(html, `id="tabel-kesalahan"`) || !strings.Contains(html, "harus di bawah misi 8") {
		t.Errorf("bad import page: %d", status)
	}
	if ss, _ := a.program.SasaranRPJM(t.Context(), demoKabupaten, 2023); len(ss) < 10 {
		t.Errorf("the refused page import changed the tree: %d sasaran", len(ss))
	}
	status, tmpl := page(t, srv, "/wilayah/51.02/rpjm/templat?tahun=2023", admin)
	if status != 200 || !strings.HasPrefix(tmpl, "PK") {
		t.Fatalf("template from the page: %d", status)
	}
	status, html = imporPost(t, srv.URL, "/wilayah/51.02/rpjm/impor?tahun=2023", admin, []byte(tmpl), false)
	if status != 200 || !strings.Contains(html, `id="impor-berhasil"`) || !strings.Contains(html, "1 misi, 1 tujuan, 1 sasaran, 1 indikator") {
		t.Errorf("template import page: %d", status)
	}
}

func rpjmSheet(t *testing.T, rows [][]any) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
