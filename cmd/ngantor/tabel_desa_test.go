package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// tabelDesaPage is one page of GET /api/v1/wilayah/{kode}/tabel-desa.
type tabelDesaPage struct {
	Agregat bool `json:"agregat"`
	Kolom   []struct {
		Kunci string `json:"kunci"`
	} `json:"kolom"`
	Items []struct {
		Kode      string         `json:"kode"`
		Nama      string         `json:"nama"`
		Kecamatan string         `json:"kecamatan"`
		Nilai     map[string]any `json:"nilai"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// TestTabelDesaFollowsTheCallersWilayahAndPermissions: the camat reads the
// desa of Kediri with names and letters; the bupati all 133 desa of
// Tabanan, page by page, filtered by kecamatan; the forum perbekel the
// aggregate columns only — no kepala desa, no letters.
func TestTabelDesaFollowsTheCallersWilayahAndPermissions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		_, srv := testApp(t, d)
		get := func(token, path string) (int, tabelDesaPage, []byte) {
			t.Helper()
			status, raw := call(t, srv, http.MethodGet, path, token, nil)
			var p tabelDesaPage
			if status == 200 {
				if err := json.Unmarshal(raw, &p); err != nil {
					t.Fatalf("%s: %v\n%s", path, err, raw)
				}
			}
			return status, p, raw
		}
		camat := login(t, srv, "camat.kediri@tabanan.test")
		status, p, raw := get(camat, "/api/v1/wilayah/51.02.06/tabel-desa")
		if status != 200 {
			t.Fatalf("camat: %d %s", status, raw)
		}
		if len(p.Items) != 15 || p.Agregat || p.NextCursor != "" {
			t.Errorf("camat: %d desa, agregat %v, cursor %q; want the 15 desa of Kediri with names", len(p.Items), p.Agregat, p.NextCursor)
		}
		bengkel := p.Items[0]
		if bengkel.Kode != "51.02.06.2001" || bengkel.Nilai["kepala_desa"] != "I Made Sudarsana" || bengkel.Nilai["status_kepala_desa"] != "Definitif" {
			t.Errorf("camat: first row %+v, want Bengkel with its perbekel", bengkel)
		}
		if n, _ := bengkel.Nilai["penduduk"].(float64); n != 2437+2476 {
			t.Errorf("Bengkel penduduk %v, want %d", bengkel.Nilai["penduduk"], 2437+2476)
		}
		if _, ok := bengkel.Nilai["surat_keluar"]; !ok {
			t.Errorf("camat should see the letters column; got %v", bengkel.Nilai)
		}
		if status, _, _ := get(camat, "/api/v1/wilayah/51.02/tabel-desa"); status != 403 {
			t.Errorf("camat at the kabupaten: %d, want 403", status)
		}
		if status, _, _ := get(camat, "/api/v1/wilayah/51.02.10/tabel-desa"); status != 403 {
			t.Errorf("camat at another kecamatan: %d, want 403", status)
		}

		bupati := login(t, srv, "bupati@tabanan.test")
		seen := 0
		path := "/api/v1/wilayah/51.02/tabel-desa?limit=50&urut=penduduk&arah=turun"
		var first []string
		for range 10 {
			status, p, raw := get(bupati, path)
			if status != 200 {
				t.Fatalf("bupati %s: %d %s", path, status, raw)
			}
			for _, it := range p.Items {
				if seen < 3 {
					first = append(first, it.Nama)
				}
				seen++
			}
			if p.NextCursor == "" {
				break
			}
			path = "/api/v1/wilayah/51.02/tabel-desa?limit=50&urut=penduduk&arah=turun&cursor=" + p.NextCursor
		}
		if seen != 133 {
			t.Errorf("bupati paged through %d desa, want 133", seen)
		}
		if strings.Join(first, ",") != "Bengkel,Nyitdah,Pangkung Tibah" {
			t.Errorf("largest population first: %v", first)
		}
		status, p, _ = get(bupati, "/api/v1/wilayah/51.02/tabel-desa?kecamatan=51.02.10")
		if status != 200 || len(p.Items) == 0 {
			t.Fatalf("bupati filtered: %d, %d rows", status, len(p.Items))
		}
		for _, it := range p.Items {
			if !strings.HasPrefix(it.Kode, "51.02.10.") {
				t.Errorf("filter by 51.02.10 returned %s", it.Kode)
			}
		}
		for _, bad := range []string{"?kecamatan=51.03.01", "?kecamatan=xyz", "?urut=nik", "?arah=kiri", "?cursor=zzz"} {
			status, _, raw := get(bupati, "/api/v1/wilayah/51.02/tabel-desa"+bad)
			if status != 422 || !strings.Contains(string(raw), "application/problem+json") && !strings.Contains(string(raw), `"detail"`) {
				t.Errorf("%s: %d %s, want a 422 problem", bad, status, raw)
			}
		}
		if status, _, raw := get(bupati, "/api/v1/wilayah/51.02.06.2001/tabel-desa"); status != 422 {
			t.Errorf("a desa has no desa table: %d %s", status, raw)
		}

		forum := login(t, srv, "forum@tabanan.test")
		status, p, raw = get(forum, "/api/v1/wilayah/51.02/tabel-desa?kecamatan=51.02.06")
		if status != 200 {
			t.Fatalf("forum: %d %s", status, raw)
		}
		if !p.Agregat {
			t.Error("forum: agregat is false")
		}
		var keys []string
		for _, k := range p.Kolom {
			keys = append(keys, k.Kunci)
		}
		if got := strings.Join(keys, ","); got != "jabatan_terisi,jabatan_kosong,masa_jabatan_berakhir,penduduk,surat_keluar,"+
			"realisasi_belanja,pades_pendapatan,dd_tahap_diterima,silpa_belanja,"+
			"pengurangan_sampah,penanganan_sampah,nasabah_bank_sampah,tonase_sampah,fasilitas_sampah_aktif,"+
			"uptime_cctv_30_hari,kamera_per_1000_jiwa,kamera_cctv_aktif,kamera_cctv_mati_24jam,"+
			"umkm_aktif,umkm_per_1000,umkm_nib,bumdes_pades,bumdes_omzet,"+
			"audiensi_diterima,audiensi_terbuka,audiensi_terlambat,audiensi_tepat_waktu,audiensi_median_hari,"+
			"keselarasan_rpjm,program_desa,perangkat_terlatih,tindak_lanjut_terlambat,"+
			"konsultasi_dijawab_3hk,konsultasi_terbuka,diperbarui" {
			t.Errorf("forum columns %s", got)
		}
		// The count of letters issued is a statistic the forum compares
		// (issue 15); names never reach it.
		for _, personal := range []string{"Sudarsana", "kepala_desa", "perihal"} {
			if bytes.Contains(raw, []byte(personal)) {
				t.Errorf("forum answer holds %q", personal)
			}
		}
	})
}

// TestTabelDesaExportsWhatThePageShows reads the CSV and the XLSX back: the
// same headings, rows and order as the page's table, for the same query.
func TestTabelDesaExportsWhatThePageShows(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	bupati := login(t, srv, "bupati@tabanan.test")
	q := "?kecamatan=51.02.06&urut=penduduk&arah=turun"
	status, body := page(t, srv, "/wilayah/51.02"+q, bupati)
	if status != 200 {
		t.Fatalf("page: %d", status)
	}
	for _, want := range []string{"15 desa di Kecamatan Kediri", "I Made Sudarsana", "4.913", `aria-sort="descending"`, "desa.xlsx?"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	status, raw := page(t, srv, "/wilayah/51.02/desa.csv"+q, bupati)
	if status != 200 {
		t.Fatalf("csv: %d %s", status, raw)
	}
	recs, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHead := []string{"Desa", "Kecamatan", "Kepala desa", "Status", "Jabatan terisi", "Jabatan kosong",
		"Masa jabatan berakhir ≤ 60 hari", "Penduduk", "Surat keluar bulan ini",
		"Realisasi belanja APBDes", "Porsi PADes dalam pendapatan", "Tahap Dana Desa diterima", "Porsi SiLPA terhadap belanja",
		"Pengurangan sampah (% timbulan)", "Penanganan sampah (% timbulan)", "Nasabah bank sampah aktif (90 hari)",
		"Sampah terkelola", "Fasilitas sampah aktif",
		"Uptime CCTV 30 hari", "Kamera CCTV per 1.000 penduduk", "Kamera CCTV aktif", "Kamera CCTV mati lebih dari 24 jam",
		"UMKM aktif", "UMKM aktif per 1.000 penduduk", "UMKM aktif yang memiliki NIB",
		"Kontribusi BUMDes ke PADes (tahun terakhir tercatat)", "Omzet BUMDes (tahun terakhir tercatat)",
		"Audiensi diterima bulan ini", "Audiensi masih berjalan", "Audiensi melewati tenggat",
		"Audiensi ditutup tepat waktu bulan ini", "Median hari kerja sampai ditutup bulan ini",
		"Keselarasan belanja dengan RPJM", "Program desa", "Perangkat terlatih (2 tahun)", "Tindak lanjut pembinaan terlambat",
		"Tahapan Pilkades terlambat", "Konsultasi dijawab ≤ 3 hari kerja bulan ini", "Konsultasi belum selesai",
		"Terakhir diperbarui", "Kode"}
	if strings.Join(recs[0], "|") != strings.Join(wantHead, "|") {
		t.Errorf("csv headings %q", recs[0])
	}
	if len(recs) != 16 {
		t.Fatalf("csv has %d rows, want heading + 15", len(recs))
	}
	if got := strings.Join(append(recs[1][:4:4], recs[1][len(wantHead)-1]), "|"); got != "Bengkel|Kediri|I Made Sudarsana|Definitif|51.02.06.2001" {
		t.Errorf("csv first row %s", got)
	}
	if recs[1][7] != "4913" {
		t.Errorf("csv penduduk %q, want 4913", recs[1][7])
	}

	status, raw = page(t, srv, "/wilayah/51.02/desa.xlsx"+q, bupati)
	if status != 200 {
		t.Fatalf("xlsx: %d", status)
	}
	f, err := excelize.OpenReader(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("xlsx does not open: %v", err)
	}
	rows, err := f.GetRows("Desa", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(recs) {
		t.Fatalf("xlsx has %d rows, csv %d", len(rows), len(recs))
	}
	for i := range recs {
		for j := range recs[i] {
			x := ""
			if j < len(rows[i]) {
				x = rows[i][j]
			}
			if j == len(wantHead)-2 && i > 0 && recs[i][j] != "" {
				d, err := f.GetCellValue("Desa", cellName(j, i))
				if err != nil || !sameDay(d, recs[i][j]) {
					t.Errorf("xlsx row %d date %q, csv %q", i, d, recs[i][j])
				}
				continue
			}
			if x != recs[i][j] {
				t.Errorf("xlsx row %d col %d = %q, csv %q", i, j, x, recs[i][j])
			}
		}
	}
}

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return c
}

// sameDay compares the XLSX's dd/mm/yyyy with the CSV's yyyy-mm-dd.
func sameDay(ddmmyyyy, iso string) bool {
	p := strings.Split(ddmmyyyy, "/")
	return len(p) == 3 && p[2]+"-"+p[1]+"-"+p[0] == iso
}

// TestTabelDesaPageRefusesBadQueriesAndForeignWilayah: a filter or sort the
// table cannot apply is said next to the filter (422) with the whole table
// still shown; an export follows the same rules and the same grants.
func TestTabelDesaPageRefusesBadQueriesAndForeignWilayah(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	bupati := login(t, srv, "bupati@tabanan.test")
	camat := login(t, srv, "camat.kediri@tabanan.test")
	cases := []struct {
		name, token, path string
		status            int
		want              string
	}{
		{"a kecamatan of another kabupaten", bupati, "/wilayah/51.02?kecamatan=51.03.01", 422, "Kecamatan &#34;51.03.01&#34; tidak ada di Kabupaten Tabanan"},
		{"the whole table stays", bupati, "/wilayah/51.02?kecamatan=51.03.01", 422, "133 desa"},
		{"an unknown column", bupati, "/wilayah/51.02?urut=nik", 422, "Kolom urutan &#34;nik&#34; tidak dikenal"},
		{"an unknown direction", bupati, "/wilayah/51.02?arah=kiri", 422, "Arah urutan harus naik atau turun"},
		{"export with an unknown column", bupati, "/wilayah/51.02/desa.xlsx?urut=nik", 422, "tidak dikenal"},
		{"the camat's export of the kabupaten", camat, "/wilayah/51.02/desa.csv", 403, "tidak berwenang"},
		{"the camat's export of another kecamatan", camat, "/wilayah/51.02.10/desa.xlsx", 403, "tidak berwenang"},
		{"the camat's own export", camat, "/wilayah/51.02.06/desa.csv", 200, "Bengkel,I Made Sudarsana,Definitif"},
		{"a desa has no table to export", camat, "/wilayah/51.02.06.2001/desa.csv", 422, "Tabel desa tersedia untuk kecamatan"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := page(t, srv, tc.path, tc.token)
			if status != tc.status || !strings.Contains(body, tc.want) {
				t.Fatalf("status %d (want %d); body has %q: %v\n%.600s", status, tc.status, tc.want, strings.Contains(body, tc.want), body)
			}
		})
	}
}
