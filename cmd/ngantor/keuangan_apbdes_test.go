package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// The whole app wires the APBDes: the desa page links to it, the sekdes
// writes next year's draft (the demo's December: Bengkel's RAPBDes 2027),
// and the pelaksana list is administration's perangkat in post
// (keuangan's Pelaksana source).
func TestAPBDesWiredWithPelaksanaFromAdministration(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	sekdes := login(t, srv, demoSekdesBengkel)
	if _, body := page(t, srv, "/wilayah/51.02.06.2001", sekdes); !strings.Contains(body, `href="/desa/51.02.06.2001/keuangan"`) {
		t.Fatal("the desa page does not link to Keuangan desa")
	}
	if status, raw := call(t, srv, "GET", "/api/v1/desa/51.02.06.2001/apbdes/2027", sekdes, nil); status != 200 || !strings.Contains(string(raw), `"status":"draft"`) {
		t.Fatalf("the demo's draft 2027: %d %.300s", status, raw)
	}
	if status, raw := call(t, srv, "POST", "/api/v1/desa/51.02.06.2001/apbdes/2027", sekdes, nil); status != 409 {
		t.Fatalf("create a second 2027: %d %s, want 409", status, raw)
	}
	status, body := page(t, srv, "/desa/51.02.06.2001/keuangan/2027/apbdes", sekdes)
	m := regexp.MustCompile(`<option value="([0-9a-f-]{36})">([^<]+)</option>`).FindStringSubmatch(body)
	if status != 200 || m == nil {
		t.Fatalf("APBDes page %d lists no perangkat as pelaksana", status)
	}
	if !regexp.MustCompile(`<datalist id="daftar-lokasi"><option value="(Banjar Dinas|Dusun) [^"]+">`).MatchString(body) {
		t.Error("the lokasi list names no dusun/banjar of administration")
	}
	line, _ := json.Marshal(map[string]any{"kode_rekening": "5.2.1.07", "kode_kegiatan": "02.01.06", "uraian": "Semen",
		"volume": 1000, "satuan": "sak", "harga_satuan": 65000, "sumber_dana": "DDS", "pelaksana_id": m[1]})
	status, raw := call(t, srv, "POST", "/api/v1/desa/51.02.06.2001/apbdes/2027/baris", sekdes, line)
	var out struct {
		PelaksanaNama string `json:"pelaksana_nama"`
	}
	_ = json.Unmarshal(raw, &out)
	if status != 201 || out.PelaksanaNama == "" || !strings.HasPrefix(m[2], out.PelaksanaNama) {
		t.Fatalf("line with pelaksana %q: %d %s", m[2], status, raw)
	}
}

// The demo's 2025 runs under an APBDes Perubahan: its laporan page puts the
// murni's budget and the difference beside the perubahan's.
func TestLaporanUnderPerubahanShowsMurniBeside(t *testing.T) {
	_, srv := testApp(t, dbtest.SQLite(t))
	kaur := login(t, srv, "kaur.bengkel@tabanan.test")
	status, body := page(t, srv, "/desa/51.02.06.2001/keuangan/2025/laporan", kaur)
	if status != 200 {
		t.Fatalf("laporan 2025: %d", status)
	}
	for _, want := range []string{"Murni (Rp)", "Perubahan (Rp)", "Selisih (Rp)"} {
		if !strings.Contains(body, want) {
			t.Errorf("the 2025 laporan lacks the column %q", want)
		}
	}
	if _, body := page(t, srv, "/desa/51.02.06.2001/keuangan/2026/laporan", kaur); strings.Contains(body, "Selisih (Rp)") {
		t.Error("the 2026 laporan (murni only) shows a Selisih column")
	}
}
