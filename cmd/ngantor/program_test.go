package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

type pgItems[T any] struct {
	Tahun int `json:"tahun"`
	Items []T `json:"items"`
}

type pgTumpang struct {
	Desa        string   `json:"desa"`
	Alasan      []string `json:"alasan"`
	ProgramDesa struct {
		ID   string `json:"id"`
		Nama string `json:"nama"`
		Pagu int64  `json:"pagu"`
	} `json:"program_desa"`
	ProgramOPD struct {
		ID    string `json:"id"`
		OPDID string `json:"opd_id"`
	} `json:"program_opd"`
}

type pgProgram struct {
	ID      string `json:"id"`
	Nama    string `json:"nama"`
	Pagu    int64  `json:"pagu"`
	OPDID   string `json:"opd_id"`
	Tertaut bool   `json:"tertaut"`
}

// The programmes' API on the demo data, as the bupati, the camat, the
// perbekel of Bengkel and DLH use it: the demo's one overlap, who may
// write what, and the walls between desa and between OPD. Both engines.
func TestProgramAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := testApp(t, d)
		bupati := login(t, srv, "bupati@tabanan.test")
		camat := login(t, srv, "camat.kediri@tabanan.test")
		perbekel := login(t, srv, "perbekel.bengkel@tabanan.test")
		nyitdah := login(t, srv, "perbekel.nyitdah@tabanan.test")
		dlh := login(t, srv, "dlh@tabanan.test")

		// The demo's overlap, for the kabupaten and the kecamatan alike.
		for _, who := range []string{bupati, camat} {
			for _, w := range []string{"51.02", "51.02.06"} {
				if who == camat && w == "51.02" {
					continue
				}
				status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/"+w+"/program/tumpang-tindih?tahun=2026", who, nil)
				if status != 200 {
					t.Fatalf("tumpang-tindih %s: %d %s", w, status, raw)
				}
				b := kjDecode[pgItems[pgTumpang]](t, raw)
				if len(b.Items) != 1 || b.Items[0].Desa != "51.02.06.2001" || !strings.Contains(strings.Join(b.Items[0].Alasan, ","), "lokasi_aset") ||
					b.Items[0].ProgramDesa.Pagu <= 0 || b.Items[0].ProgramDesa.Nama == "" {
					t.Errorf("%s: want Bengkel's road and PUPR's: %s", w, raw)
				}
			}
		}
		if status, _ := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/program/tumpang-tindih?tahun=2030", bupati, nil); status != 200 {
			t.Errorf("a year without programmes: %d", status)
		}
		for _, who := range []string{perbekel, nyitdah} {
			if status, _ := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02.06/program/tumpang-tindih?tahun=2026", who, nil); status != 403 {
				t.Errorf("a perbekel reads the kecamatan's overlaps: %d", status)
			}
		}
		status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/program/ringkasan?tahun=2026", bupati, nil)
		if status != 200 || !strings.Contains(string(raw), `"tumpang_tindih":1`) {
			t.Errorf("the bupati's table: %d %s", status, raw)
		}

		// The perbekel writes Bengkel's, not Nyitdah's.
		body := []byte(`{"tahun":2026,"nama":"Gotong royong saluran subak","sumber_dana":"swadaya","pagu":5000000,"jenis_aset":"saluran","lokasi":"Banjar Delod Puri"}`)
		status, raw = call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/program", perbekel, body)
		if status != 201 {
			t.Fatalf("create: %d %s", status, raw)
		}
		own := kjDecode[pgProgram](t, raw)
		if status, _ := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2011/program", perbekel, body); status != 403 {
			t.Errorf("Bengkel writes Nyitdah's: %d", status)
		}
		for _, m := range []string{http.MethodPut, http.MethodDelete} {
			b := body
			if m == http.MethodDelete {
				b = nil
			}
			if status, _ := call(t, srv, m, "/api/v1/desa/51.02.06.2011/program/"+own.ID, nyitdah, b); status != 404 {
				t.Errorf("%s Bengkel's programme through Nyitdah's path: %d", m, status)
			}
		}
		status, raw = call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/program", perbekel,
			[]byte(`{"tahun":2026,"nama":"x","sumber_dana":"emas","pagu":1}`))
		if status != 422 || !strings.Contains(string(raw), "body.nama") {
			t.Errorf("invalid: %d %s", status, raw)
		}
		if status, raw = call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/program", perbekel,
			[]byte(`{"tahun":2026,"kegiatan_kode":"09.09.09"}`)); status != 422 || !strings.Contains(string(raw), "tidak ada di APBDes") {
			t.Errorf("a kegiatan not in the APBDes: %d %s", status, raw)
		}
		if status, _ := call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/program-opd", perbekel, body); status != 403 {
			t.Errorf("the perbekel writes an OPD programme: %d", status)
		}

		// DLH writes its own programme and cannot touch PUPR's.
		status, raw = call(t, srv, http.MethodPost, "/api/v1/desa/51.02.06.2001/program-opd", dlh,
			[]byte(`{"tahun":2026,"nama":"Bank sampah unit desa","pagu":25000000,"sub_bidang":"2.5"}`))
		if status != 201 {
			t.Fatalf("DLH create: %d %s", status, raw)
		}
		status, raw = call(t, srv, http.MethodGet, "/api/v1/desa/51.02.06.2001/program-opd?tahun=2026", perbekel, nil)
		if status != 200 {
			t.Fatalf("list OPD: %d %s", status, raw)
		}
		var pupr string
		for _, p := range kjDecode[pgItems[pgProgram]](t, raw).Items {
			if !strings.Contains(p.Nama, "Bank sampah") {
				pupr = p.ID
			}
		}
		if pupr == "" {
			t.Fatalf("PUPR's demo programme in Bengkel: %s", raw)
		}
		opdBody := []byte(`{"tahun":2026,"nama":"Diambil alih DLH","pagu":1}`)
		if status, _ := call(t, srv, http.MethodPut, "/api/v1/desa/51.02.06.2001/program-opd/"+pupr, dlh, opdBody); status != 404 {
			t.Errorf("DLH changes PUPR's programme: %d", status)
		}
		if status, _ := call(t, srv, http.MethodDelete, "/api/v1/desa/51.02.06.2001/program-opd/"+pupr, dlh, nil); status != 404 {
			t.Errorf("DLH deletes PUPR's programme: %d", status)
		}
		status, raw = call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/program-opd?tahun=2026", dlh, nil)
		if status != 200 || strings.Contains(string(raw), pupr) || !strings.Contains(string(raw), "Bank sampah") {
			t.Errorf("DLH's list holds its own only: %d %s", status, raw)
		}

		// The pages.
		for _, c := range []struct{ path, token, want string }{
			{"/desa/51.02.06.2001/program", perbekel, "Tambah program"},
			{"/desa/51.02.06.2001/program/baru?tahun=2026", perbekel, "Kegiatan APBDes"},
			{"/wilayah/51.02/program?tahun=2026", bupati, "Tumpang tindih"},
			{"/wilayah/51.02.06/program?tahun=2026", camat, "Keselarasan per desa"},
			{"/wilayah/51.02/program/opd?tahun=2026", dlh, "Bank sampah"},
		} {
			status, html := page(t, srv, c.path, c.token)
			if status != 200 || !strings.Contains(html, c.want) {
				t.Errorf("%s: %d, want %q", c.path, status, c.want)
			}
		}
		// The forms: refused with Bahasa messages, accepted with a redirect.
		if status, html := evPostPage(t, srv, "/desa/51.02.06.2001/program", perbekel, url.Values{"asal": {"mandiri"}}); status != 422 ||
			!strings.Contains(html, "Tahun") {
			t.Errorf("an empty form: %d", status)
		}
		if status, html := evPostPage(t, srv, "/desa/51.02.06.2001/program", perbekel, url.Values{"tahun": {"2026"}, "asal": {"apbdes"},
			"kegiatan_kode": {"02.03.10"}}); status != 422 || !strings.Contains(html, "sudah ditautkan") {
			t.Errorf("a kegiatan linked twice: %d", status)
		}
		form := url.Values{"tahun": {"2026"}, "asal": {"mandiri"}, "nama": {"Pelatihan kader posyandu"}, "sumber_dana": {"add"},
			"pagu": {"7.500.000"}, "indikator[0].jenis": {"output"}, "indikator[0].uraian": {"Kader terlatih"},
			"indikator[0].satuan": {"orang"}, "indikator[0].target": {"12"}}
		if status, _ := evPostPage(t, srv, "/desa/51.02.06.2001/program", perbekel, form); status != 303 {
			t.Errorf("a standalone programme from the form: %d", status)
		}
		if _, html := page(t, srv, "/desa/51.02.06.2001/program?tahun=2026", perbekel); !strings.Contains(html, "Pelatihan kader posyandu") ||
			!strings.Contains(html, "Kader terlatih") {
			t.Error("the new programme is not on the desa's page")
		}
		if status, _ := evPostPage(t, srv, "/wilayah/51.02/program/opd", dlh, url.Values{"desa": {"51.02.06.2011"}, "tahun": {"2026"},
			"nama": {"Komposter komunal"}, "pagu": {"12000000"}}); status != 303 {
			t.Errorf("DLH's form: %d", status)
		}
		if status, _ := evPostPage(t, srv, "/wilayah/51.02/program/opd", dlh, url.Values{"desa": {"35.23.12.2001"}, "tahun": {"2026"},
			"nama": {"Komposter komunal"}}); status != 422 {
			t.Errorf("DLH's form for a desa of another kabupaten: %d", status)
		}
		if status, _ := page(t, srv, "/desa/51.02.06.2011/program", perbekel); status != 403 {
			t.Errorf("Bengkel opens Nyitdah's programmes: %d", status)
		}
	})
}

type pgOPDProgram struct {
	ID        string `json:"id"`
	OPDID     string `json:"opd_id"`
	Desa      string `json:"desa"`
	Tahun     int    `json:"tahun"`
	Nama      string `json:"nama"`
	KodeOPD   string `json:"kode_opd"`
	SubBidang string `json:"sub_bidang"`
	Pagu      int64  `json:"pagu"`
	Lokasi    string `json:"lokasi"`
	JenisAset string `json:"jenis_aset"`
	Sasaran   []struct {
		ID string `json:"id"`
	} `json:"sasaran"`
}

// The OPD's edit page on the demo data: DLH changes its TPS3R in Banjar
// Pasekan through the page, a bad form changes nothing, and PUPR's road
// in Bengkel is not DLH's to open or change. Both engines.
func TestProgramOPDEditPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := testApp(t, d)
		bupati := login(t, srv, "bupati@tabanan.test")
		dlh := login(t, srv, "dlh@tabanan.test")

		// opdProgram is the demo programme named nama, as the bupati lists it.
		opdProgram := func(nama string) pgOPDProgram {
			t.Helper()
			status, raw := call(t, srv, http.MethodGet, "/api/v1/wilayah/51.02/program-opd?tahun=2026", bupati, nil)
			if status != 200 {
				t.Fatalf("list: %d %s", status, raw)
			}
			for _, p := range kjDecode[pgItems[pgOPDProgram]](t, raw).Items {
				if strings.Contains(p.Nama, nama) {
					return p
				}
			}
			t.Fatalf("no programme %q in %s", nama, raw)
			return pgOPDProgram{}
		}
		tps, jalan := opdProgram("TPS3R"), opdProgram("Peningkatan jalan")
		if tps.Desa != "51.02.06.2002" || jalan.Desa != "51.02.06.2001" || len(tps.Sasaran) == 0 {
			t.Fatalf("the demo's OPD programmes: %+v %+v", tps, jalan)
		}
		base := "/wilayah/51.02/program/opd/"

		// The list links the edit page of DLH's own programme only.
		_, html := page(t, srv, "/wilayah/51.02/program/opd?tahun=2026", dlh)
		if !strings.Contains(html, `href="`+base+tps.ID+`/ubah"`) || strings.Contains(html, jalan.ID) {
			t.Errorf("DLH's list does not link its own edit page only:\n%s", html)
		}

		// The form comes prefilled.
		status, html := page(t, srv, base+tps.ID+"/ubah", dlh)
		for _, want := range []string{`value="` + tps.Nama + `"`, `value="350000000"`, `value="` + tps.Sasaran[0].ID + `" checked`,
			`value="tps" selected`, `value="Banjar Pasekan"`, "Indikator 1"} {
			if status != 200 || !strings.Contains(html, want) {
				t.Errorf("the edit page: %d, want %q", status, want)
			}
		}

		form := func(change map[string]string) url.Values {
			v := url.Values{"tahun": {"2026"}, "nama": {tps.Nama}, "kode_opd": {tps.KodeOPD}, "sub_bidang": {tps.SubBidang},
				"pagu": {"350000000"}, "jenis_aset": {tps.JenisAset}, "lokasi": {tps.Lokasi}, "sasaran": {tps.Sasaran[0].ID},
				"indikator[0].jenis": {"output"}, "indikator[0].uraian": {"TPS3R beroperasi"}, "indikator[0].satuan": {"unit"},
				"indikator[0].target": {"1"}}
			for k, x := range change {
				v.Set(k, x)
			}
			return v
		}
		// Bad input re-renders the form with the field's Bahasa message
		// and changes nothing.
		for _, c := range []struct {
			name   string
			change map[string]string
			want   string
		}{
			{"pagu not a number", map[string]string{"pagu": "tiga ratus juta"}, "Pagu harus bilangan rupiah bulat."},
			{"pagu negative", map[string]string{"pagu": "-5"}, "Pagu harus antara 0 dan"},
			{"no name", map[string]string{"nama": ""}, "Nama kegiatan wajib diisi."},
			{"target not a number", map[string]string{"indikator[0].target": "satu"}, "Target harus angka."},
		} {
			status, html := evPostPage(t, srv, base+tps.ID, dlh, form(c.change))
			if status != 422 || !strings.Contains(html, c.want) || !strings.Contains(html, `action="`+base+tps.ID+`"`) {
				t.Errorf("%s: %d, want the form again with %q", c.name, status, c.want)
			}
		}
		if p := opdProgram("TPS3R"); p.Pagu != 350_000_000 || p.Nama != tps.Nama {
			t.Errorf("a refused form changed the programme: %+v", p)
		}

		// A good form saves through the API's store method and returns to
		// the list, which shows the new pagu.
		status, _ = evPostPage(t, srv, base+tps.ID, dlh, form(map[string]string{"pagu": "425.000.000"}))
		if status != 303 {
			t.Fatalf("DLH's edit: %d", status)
		}
		if p := opdProgram("TPS3R"); p.Pagu != 425_000_000 || p.ID != tps.ID || len(p.Sasaran) != 1 {
			t.Errorf("after the edit: %+v", p)
		}
		if _, html := page(t, srv, "/wilayah/51.02/program/opd?tahun=2026", dlh); !strings.Contains(html, "Rp 425.000.000") {
			t.Error("the list does not show the new pagu")
		}
		if _, html := page(t, srv, base+tps.ID+"/ubah", dlh); !strings.Contains(html, `value="TPS3R beroperasi"`) {
			t.Error("the indicator written by the form is not on the edit page")
		}

		// PUPR's road is not DLH's: not found, and unchanged.
		if status, _ := page(t, srv, base+jalan.ID+"/ubah", dlh); status != 404 {
			t.Errorf("DLH opens PUPR's edit page: %d", status)
		}
		if status, _ := evPostPage(t, srv, base+jalan.ID, dlh, form(map[string]string{"pagu": "1"})); status != 404 {
			t.Errorf("DLH posts PUPR's edit form: %d", status)
		}
		if p := opdProgram("Peningkatan jalan"); p.Pagu != jalan.Pagu || p.Nama != jalan.Nama {
			t.Errorf("PUPR's road changed: %+v", p)
		}
		// Nor is an unknown id, nor the page anyone's but an OPD user's.
		if status, _ := page(t, srv, base+"tidak-ada/ubah", dlh); status != 404 {
			t.Errorf("an unknown programme: %d", status)
		}
		if status, _ := page(t, srv, base+tps.ID+"/ubah", bupati); status != 403 {
			t.Errorf("the bupati opens DLH's edit page: %d", status)
		}
	})
}
