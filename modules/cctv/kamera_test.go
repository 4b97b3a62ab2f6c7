package cctv_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/cctv"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
)

const hariIni civil.Date = "2026-03-05"

func baik() cctv.KameraData {
	return cctv.KameraData{
		Nama: "  Simpang   Pasar Bengkel ", Dusun: "Banjar Pasekan", Lintang: "-8,5401", Bujur: "115.1234",
		Pantauan: "Simpang jalan menuju pasar", Tujuan: cctv.TujuanLaluLintas, Pemilik: cctv.PemilikDesaDinas,
		KegiatanKode: "01.01.02", TahunAnggaran: 2025, Harga: 4_500_000, TanggalPasang: "2025-08-17",
		RetensiHari: 14, LokasiRekaman: "NVR kantor desa", StreamURL: "RTSP://CCTV-1.Bengkel.desa.id:554/Stream1",
	}
}

// fieldMessages is the Bahasa message per field of a validation error.
func fieldMessages(t *testing.T, err error) map[string]string {
	t.Helper()
	out := map[string]string{}
	var fe *fault.Error
	if !errors.As(err, &fe) {
		t.Fatalf("not a fault: %v", err)
	}
	for _, e := range fe.Fields {
		out[e.Field] = e.Message
	}
	if len(fe.Fields) == 0 {
		out[fe.Field] = fe.Message
	}
	return out
}

func TestPeriksaKameraAcceptsAndNormalises(t *testing.T) {
	var k cctv.Kamera
	if err := cctv.PeriksaKamera(baik(), hariIni, &k); err != nil {
		t.Fatal(err)
	}
	if k.Nama != "Simpang Pasar Bengkel" || k.LintangE6 != -8_540_100 || k.BujurE6 != 115_123_400 ||
		k.Status != cctv.StatusAktif || k.StreamURL != "rtsp://cctv-1.bengkel.desa.id:554/Stream1" {
		t.Errorf("normalised = %+v", k)
	}
}

func TestPeriksaKameraRefusesWithAMessageAtTheField(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(d *cctv.KameraData)
		field string
		says  string
	}{
		{"short name", func(d *cctv.KameraData) { d.Nama = "ab" }, "nama", "minimal"},
		{"no latitude", func(d *cctv.KameraData) { d.Lintang = "" }, "lintang", "wajib"},
		{"outside Indonesia", func(d *cctv.KameraData) { d.Lintang = "48.85" }, "lintang", "wilayah Indonesia"},
		{"swapped pair", func(d *cctv.KameraData) { d.Bujur = "-8.54" }, "bujur", "wilayah Indonesia"},
		{"unknown purpose", func(d *cctv.KameraData) { d.Tujuan = "hiburan" }, "tujuan", "Pilih tujuan"},
		{"unknown owner", func(d *cctv.KameraData) { d.Pemilik = "pemda" }, "pemilik", "Pilih pemilik"},
		{"private without agreement", func(d *cctv.KameraData) { d.Pemilik = cctv.PemilikSwasta }, "perjanjian", "perjanjian"},
		{"kegiatan shape", func(d *cctv.KameraData) { d.KegiatanKode = "1.1.2" }, "kegiatan_kode", "01.01.02"},
		{"kegiatan without year", func(d *cctv.KameraData) { d.TahunAnggaran = 0 }, "tahun_anggaran", "tahun anggaran"},
		{"budget year ahead", func(d *cctv.KameraData) { d.TahunAnggaran = 2027 }, "tahun_anggaran", "2.026"},
		{"negative price", func(d *cctv.KameraData) { d.Harga = -1 }, "harga", "antara"},
		{"price over bound", func(d *cctv.KameraData) { d.Harga = cctv.HargaMax + 1 }, "harga", "antara"},
		{"no installation date", func(d *cctv.KameraData) { d.TanggalPasang = "" }, "tanggal_pasang", "wajib"},
		{"installed tomorrow", func(d *cctv.KameraData) { d.TanggalPasang = "2026-03-06" }, "tanggal_pasang", "setelah"},
		{"installed in 1999", func(d *cctv.KameraData) { d.TanggalPasang = "1999-12-31" }, "tanggal_pasang", "sebelum"},
		{"retention over a year", func(d *cctv.KameraData) { d.RetensiHari = 366 }, "retensi_hari", "antara 0 dan 365"},
		{"negative retention", func(d *cctv.KameraData) { d.RetensiHari = -1 }, "retensi_hari", "antara"},
		{"recording nowhere", func(d *cctv.KameraData) { d.LokasiRekaman = " " }, "lokasi_rekaman", "tempat rekaman"},
		{"control character", func(d *cctv.KameraData) { d.Pantauan = "pasar\x00" }, "pantauan", "karakter"},
		{"unknown status", func(d *cctv.KameraData) { d.Status = "rusak" }, "status", "aktif atau nonaktif"},
		{"no url", func(d *cctv.KameraData) { d.StreamURL = "" }, "stream_url", "wajib"},
		{"credentials in url", func(d *cctv.KameraData) { d.StreamURL = "rtsp://admin:rahasia@10.20.0.15:554/stream1" }, "stream_url", "kolom kredensial"},
		{"user only in url", func(d *cctv.KameraData) { d.StreamURL = "http://admin@10.20.0.15/live.m3u8" }, "stream_url", "kolom kredensial"},
		{"password with slash", func(d *cctv.KameraData) { d.StreamURL = "rtsp://admin:ra/ha#sia@10.20.0.15/s" }, "stream_url", "kolom kredensial"},
		{"password in query", func(d *cctv.KameraData) { d.StreamURL = "http://10.20.0.15/snap.cgi?user=admin&PWD=x" }, "stream_url", "kolom kredensial"},
		{"no scheme", func(d *cctv.KameraData) { d.StreamURL = "10.20.0.15:554/stream1" }, "stream_url", "rtsp://"},
		{"ftp scheme", func(d *cctv.KameraData) { d.StreamURL = "ftp://10.20.0.15/rec" }, "stream_url", "diawali"},
		{"no host", func(d *cctv.KameraData) { d.StreamURL = "rtsp:///stream1" }, "stream_url", "alamat kamera"},
		{"port out of range", func(d *cctv.KameraData) { d.StreamURL = "rtsp://10.20.0.15:70000/s" }, "stream_url", "Port"},
		{"space in url", func(d *cctv.KameraData) { d.StreamURL = "rtsp://10.20.0.15/s 1" }, "stream_url", "spasi"},
		{"fragment", func(d *cctv.KameraData) { d.StreamURL = "https://cctv.example.id/live#x" }, "stream_url", "#"},
		{"bad host", func(d *cctv.KameraData) { d.StreamURL = "rtsp://cam_1.local/s" }, "stream_url", "host"},
		{"long url", func(d *cctv.KameraData) { d.StreamURL = "https://a.id/" + strings.Repeat("x", 500) }, "stream_url", "maksimal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := baik()
			c.edit(&d)
			var k cctv.Kamera
			err := cctv.PeriksaKamera(d, hariIni, &k)
			if err == nil {
				t.Fatal("accepted")
			}
			msgs := fieldMessages(t, err)
			if msg, ok := msgs[c.field]; !ok || !strings.Contains(msg, c.says) {
				t.Errorf("messages = %q, want %q at %s", msgs, c.says, c.field)
			}
			if c.field == "stream_url" && k.StreamURL != "" {
				t.Errorf("a refused URL was kept: %q", k.StreamURL)
			}
		})
	}
}

func TestPeriksaKameraPrivateCameraWithAgreementAndNoRecording(t *testing.T) {
	d := baik()
	d.Pemilik, d.Perjanjian = cctv.PemilikSwasta, "Perjanjian 03/2025 dengan Toko Sari, 2 Jan 2025"
	d.RetensiHari, d.LokasiRekaman = 0, ""
	d.KegiatanKode, d.TahunAnggaran, d.Harga = "", 0, 0
	var k cctv.Kamera
	if err := cctv.PeriksaKamera(d, hariIni, &k); err != nil {
		t.Fatal(err)
	}
}

type kegiatanList map[string]bool

func (l kegiatanList) NamaKegiatan(_ context.Context, kode string, tahun int) (string, bool, error) {
	if l[kode] && tahun == 2025 {
		return "Kegiatan " + kode, true, nil
	}
	return "", false, nil
}

func TestCekKegiatanLooksTheCodeUpForTheBudgetYear(t *testing.T) {
	m := cctv.New(cctv.Deps{Kegiatan: kegiatanList{"01.01.02": true}})
	ok := cctv.Kamera{KegiatanKode: "01.01.02", TahunAnggaran: 2025}
	if err := m.CekKegiatan(context.Background(), ok); err != nil {
		t.Fatal(err)
	}
	for _, k := range []cctv.Kamera{{KegiatanKode: "01.01.03", TahunAnggaran: 2025}, {KegiatanKode: "01.01.02", TahunAnggaran: 2024}} {
		err := m.CekKegiatan(context.Background(), k)
		if msg := fieldMessages(t, err)["kegiatan_kode"]; !strings.Contains(msg, "tidak ada dalam daftar") {
			t.Errorf("%+v: %v", k, err)
		}
	}
}

func TestParsePenerima(t *testing.T) {
	good := map[string]string{
		"opd:SATPOLPP":             "opd:SATPOLPP",
		"opd:Satpol PP":            "opd:SATPOLPP",
		"OPD:dishub":               "opd:DISHUB",
		"opd:BPBD":                 "opd:BPBD",
		"role:perbekel":            "role:perbekel",
		"role:camat":               "role:camat",
		"kabupaten:command_centre": "kabupaten:command_centre",
	}
	for in, want := range good {
		if got, err := cctv.ParsePenerima("penerima", in); err != nil || got != want {
			t.Errorf("ParsePenerima(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "opd:", "opd:POLRI", "role:kaur_keuangan", "role:raja", "kabupaten:bupati", "SATPOLPP", "opd:Camat Kediri"} {
		if got, err := cctv.ParsePenerima("penerima", in); err == nil {
			t.Errorf("ParsePenerima(%q) = %q, accepted", in, got)
		}
	}
}

func TestDaftarOPDHasTheOPDTheIssueNames(t *testing.T) {
	list, err := cctv.DaftarOPD()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, o := range list {
		have[o.Kode] = true
		if o.Nama == "" {
			t.Errorf("%s has no name", o.Kode)
		}
	}
	for _, k := range []string{"SATPOLPP", "DISHUB", "BPBD", "DISKOMINFO", "DLH"} {
		if !have[k] {
			t.Errorf("%s missing from %d OPD", k, len(list))
		}
	}
}

// The forum sees health only, the admin opens no link, and only the
// desa's heads write the registry.
func TestTemplatesGiveEachRoleItsShare(t *testing.T) {
	has := func(r authz.Role, p authz.Permission) bool {
		for _, q := range cctv.Templates()[r] {
			if q == p {
				return true
			}
		}
		return false
	}
	cases := []struct {
		role authz.Role
		perm authz.Permission
		want bool
	}{
		{authz.Perbekel, cctv.PermKelola, true},
		{authz.Operator, cctv.PermKelola, false},
		{authz.Operator, cctv.PermLihat, false},
		{authz.OPD, cctv.PermLihat, true},
		{authz.OPD, cctv.PermKelola, false},
		{authz.Camat, cctv.PermStatus, true},
		{authz.ForumPerbekel, cctv.PermStatus, true},
		{authz.ForumPerbekel, cctv.PermRead, false},
		{authz.AdminKabupaten, cctv.PermLihat, false},
		{authz.AdminKabupaten, cctv.PermPengaturan, true},
		{authz.KaurKeuangan, cctv.PermRead, false},
	}
	for _, c := range cases {
		if got := has(c.role, c.perm); got != c.want {
			t.Errorf("%s holds %v = %v, want %v", c.role, c.perm, got, c.want)
		}
	}
}
