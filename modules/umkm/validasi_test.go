package umkm_test

import (
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/umkm"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
)

const today civil.Date = "2026-12-01"

func validUmkm() umkm.UmkmData {
	return umkm.UmkmData{Nama: " Keripik  Singkong Bu Sari ", PemilikNama: "Ni Made Sari", PemilikNIK: "5102065203850001",
		NIB: "", KBLI: "10794", TenagaKerja: 3, Skala: "mikro", Dusun: "Banjar Tegal", WhatsApp: "0812-3456-7890"}
}

// fields lists the fields an error names (nil for none).
func fields(err error) map[string]string {
	if err == nil {
		return nil
	}
	return fault.FieldMessages(err)
}

func TestUmkmValidationNormalisesAndNamesEachField(t *testing.T) {
	d := validUmkm()
	if err := d.Validate(); err != nil {
		t.Fatalf("a valid UMKM refused: %v", err)
	}
	if d.Nama != "Keripik Singkong Bu Sari" || d.Sektor != "C" || d.WhatsApp != "+6281234567890" || d.Status != umkm.StatusAktif {
		t.Errorf("not normalised: %+v", d)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*umkm.UmkmData)
		field string // "" = valid
	}{
		{"NIB 13 digits with spaces", func(d *umkm.UmkmData) { d.NIB = "9120 0012 3456 7" }, ""},
		{"NIB 12 digits", func(d *umkm.UmkmData) { d.NIB = "912000123456" }, "body.nib"},
		{"NIB with a letter", func(d *umkm.UmkmData) { d.NIB = "912000123456A" }, "body.nib"},
		{"NPWP 15 digits formatted", func(d *umkm.UmkmData) { d.NPWP = "12.345.678.9-012.345" }, ""},
		{"NPWP 16 digits", func(d *umkm.UmkmData) { d.NPWP = "5102065203850001" }, ""},
		{"NPWP 14 digits", func(d *umkm.UmkmData) { d.NPWP = "12345678901234" }, "body.npwp"},
		{"KBLI 4 digits", func(d *umkm.UmkmData) { d.KBLI = "1079" }, "body.kbli"},
		{"KBLI golongan pokok 04 does not exist", func(d *umkm.UmkmData) { d.KBLI = "04123"; d.Sektor = "A" }, "body.kbli"},
		{"KBLI golongan pokok 89 does not exist", func(d *umkm.UmkmData) { d.KBLI = "89000" }, "body.kbli"},
		{"sektor disagrees with KBLI", func(d *umkm.UmkmData) { d.Sektor = "G" }, "body.sektor"},
		{"sektor alone", func(d *umkm.UmkmData) { d.KBLI = ""; d.Sektor = "i" }, ""},
		{"neither KBLI nor sektor", func(d *umkm.UmkmData) { d.KBLI = "" }, "body.sektor"},
		{"sektor beyond U", func(d *umkm.UmkmData) { d.KBLI = ""; d.Sektor = "V" }, "body.sektor"},
		{"skala besar", func(d *umkm.UmkmData) { d.Skala = "besar" }, "body.skala"},
		{"workers above bound", func(d *umkm.UmkmData) { d.TenagaKerja = 10_001 }, "body.tenaga_kerja"},
		{"negative workers", func(d *umkm.UmkmData) { d.TenagaKerja = -1 }, "body.tenaga_kerja"},
		{"NIK with a bad date", func(d *umkm.UmkmData) { d.PemilikNIK = "5102063203850001" }, "body.pemilik_nik"},
		{"NIK missing", func(d *umkm.UmkmData) { d.PemilikNIK = "" }, "body.pemilik_nik"},
		{"landline as WhatsApp", func(d *umkm.UmkmData) { d.WhatsApp = "0361 812345" }, "body.whatsapp"},
		{"status tutup", func(d *umkm.UmkmData) { d.Status = "tutup" }, ""},
		{"status unknown", func(d *umkm.UmkmData) { d.Status = "bangkrut" }, "body.status"},
		{"control character in name", func(d *umkm.UmkmData) { d.Nama = "Warung\x00" }, "body.nama"},
		{"owner name too short", func(d *umkm.UmkmData) { d.PemilikNama = "A" }, "body.pemilik_nama"},
		{"address too long", func(d *umkm.UmkmData) { d.Alamat = strings.Repeat("a", 201) }, "body.alamat"},
	} {
		d := validUmkm()
		tc.edit(&d)
		err := d.Validate()
		f := fields(err)
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.field != "" && f[tc.field] == "":
			t.Errorf("%s: no problem on %s (got %v)", tc.name, tc.field, f)
		case tc.field != "" && len(f) != 1:
			t.Errorf("%s: problems beyond %s: %v", tc.name, tc.field, f)
		}
	}
	d = validUmkm()
	d.NIB, d.NPWP = "9120 0012 3456 7", "12.345.678.9-012.345"
	if err := d.Validate(); err != nil || d.NIB != "9120001234567" || d.NPWP != "123456789012345" {
		t.Errorf("separators not dropped: %q %q %v", d.NIB, d.NPWP, err)
	}
}

func TestKBLIKategoriCoverEightyEightGolonganPokok(t *testing.T) {
	ks, err := umkm.KategoriKBLIList()
	if err != nil {
		t.Fatal(err)
	}
	if len(ks) != 21 || ks[0].Kode != "A" || ks[20].Kode != "U" {
		t.Fatalf("%d kategori, first %q last %q", len(ks), ks[0].Kode, ks[len(ks)-1].Kode)
	}
	n, prev := 0, 0
	for _, k := range ks {
		if k.PokokAwal <= prev {
			t.Errorf("kategori %s overlaps or is out of order", k.Kode)
		}
		n += k.PokokAkhir - k.PokokAwal + 1
		prev = k.PokokAkhir
	}
	if n != 88 {
		t.Errorf("%d golongan pokok, KBLI 2020 has 88", n)
	}
}

func TestSkalaOmzetFollowsPP7Of2021(t *testing.T) {
	for omzet, want := range map[int64]string{
		0: "mikro", 2_000_000_000: "mikro", 2_000_000_001: "kecil", 15_000_000_000: "kecil",
		15_000_000_001: "menengah", 50_000_000_000: "menengah", 50_000_000_001: "", -1: "",
	} {
		if got, ok := umkm.SkalaOmzet(omzet); got != want || ok != (want != "") {
			t.Errorf("SkalaOmzet(%d) = %q %v, want %q", omzet, got, ok, want)
		}
	}
}

func TestBUMDesValidationNeedsLegalNumberDateAndAClassWithSource(t *testing.T) {
	ok := func() umkm.BUMDesData {
		return umkm.BUMDesData{Nama: "BUM Desa Bengkel Sejahtera", BadanHukum: true, BadanHukumNomor: "AHU-00123.AH.01.33.Tahun 2022",
			BadanHukumTanggal: "2022-03-14", Klasifikasi: " Berkembang ", KlasifikasiTahun: 2024, KlasifikasiSumber: "Kepmendesa PDTT 7/2023", TenagaKerja: 12}
	}
	d := ok()
	if err := d.Validate(today); err != nil || d.Klasifikasi != "berkembang" {
		t.Fatalf("a valid BUMDes refused: %v (%q)", err, d.Klasifikasi)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*umkm.BUMDesData)
		field string
	}{
		{"no legal number", func(d *umkm.BUMDesData) { d.BadanHukumNomor = "" }, "body.badan_hukum_nomor"},
		{"no legal date", func(d *umkm.BUMDesData) { d.BadanHukumTanggal = "" }, "body.badan_hukum_tanggal"},
		{"legal date before PP 11/2021", func(d *umkm.BUMDesData) { d.BadanHukumTanggal = "2020-12-31" }, "body.badan_hukum_tanggal"},
		{"legal date in the future", func(d *umkm.BUMDesData) { d.BadanHukumTanggal = "2027-01-01" }, "body.badan_hukum_tanggal"},
		{"class not in the shipped list", func(d *umkm.BUMDesData) { d.Klasifikasi = "tumbuh" }, "body.klasifikasi"},
		{"class without its year", func(d *umkm.BUMDesData) { d.KlasifikasiTahun = 0 }, "body.klasifikasi_tahun"},
		{"class without its source", func(d *umkm.BUMDesData) { d.KlasifikasiSumber = "" }, "body.klasifikasi_sumber"},
		{"workers above bound", func(d *umkm.BUMDesData) { d.TenagaKerja = 10_001 }, "body.tenaga_kerja"},
		{"not a badan hukum: number ignored", func(d *umkm.BUMDesData) { d.BadanHukum = false; d.BadanHukumTanggal = "1999-01-01" }, ""},
		{"no class at all", func(d *umkm.BUMDesData) { d.Klasifikasi = ""; d.KlasifikasiSumber = "" }, ""},
	} {
		d := ok()
		tc.edit(&d)
		f := fields(d.Validate(today))
		if (tc.field == "") != (f == nil) || (tc.field != "" && (f[tc.field] == "" || len(f) != 1)) {
			t.Errorf("%s: problems %v, want only %q", tc.name, f, tc.field)
		}
	}
	d = ok()
	d.BadanHukum = false
	if err := d.Validate(today); err != nil || d.BadanHukumNomor != "" || d.BadanHukumTanggal != "" {
		t.Errorf("a BUMDes without badan hukum keeps %q %q (%v)", d.BadanHukumNomor, d.BadanHukumTanggal, err)
	}
	kelas, err := umkm.KelasBUMDesList()
	if err != nil || len(kelas) != 4 || kelas[0].Kode != "perintis" || kelas[3].Kode != "maju" {
		t.Fatalf("classification: %+v %v", kelas, err)
	}
}

func TestFiguresProductsAssistanceAndReportKeepTheirBounds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		err   error
		field string
	}{
		{"figures", (&umkm.TahunData{Tahun: 2025, Omzet: 480_000_000, Laba: -5_000_000, PADes: 0, Aset: 1_200_000_000}).Validate(today), ""},
		{"figures next year", (&umkm.TahunData{Tahun: 2027}).Validate(today), "body.tahun"},
		{"omzet above Rp 1 triliun", (&umkm.TahunData{Tahun: 2025, Omzet: umkm.MaxRupiah + 1}).Validate(today), "body.omzet"},
		{"negative modal", (&umkm.TahunData{Tahun: 2025, PenyertaanModal: -1}).Validate(today), "body.penyertaan_modal"},
		{"loss beyond bound", (&umkm.TahunData{Tahun: 2025, Laba: -umkm.MaxRupiah - 1}).Validate(today), "body.laba"},
		{"product", (&umkm.ProdukData{Nama: "Keripik pedas", Harga: 15_000, Satuan: "bungkus"}).Validate(), ""},
		{"negative price", (&umkm.ProdukData{Nama: "Keripik pedas", Harga: -1, Satuan: "bungkus"}).Validate(), "body.harga"},
		{"product without unit", (&umkm.ProdukData{Nama: "Keripik pedas", Harga: 1}).Validate(), "body.satuan"},
		{"assistance", (&umkm.BantuanData{OPDKode: "5.02.01", Tahun: 2025, Uraian: "Pelatihan pengemasan"}).Validate(today), ""},
		{"assistance next year", (&umkm.BantuanData{OPDKode: "5.02.01", Tahun: 2027, Uraian: "Pelatihan"}).Validate(today), "body.tahun"},
		{"assistance without OPD", (&umkm.BantuanData{Tahun: 2025, Uraian: "Pelatihan"}).Validate(today), "body.opd_kode"},
		{"report", umkm.ValidateLaporan(2025, "laporan-2025.pdf", 1<<20, today), ""},
		{"empty report", umkm.ValidateLaporan(2025, "laporan-2025.pdf", 0, today), "berkas"},
		{"report above 10 MB", umkm.ValidateLaporan(2025, "laporan-2025.pdf", umkm.MaxLaporan+1, today), "berkas"},
	} {
		f := fields(tc.err)
		if (tc.field == "") != (f == nil) || (tc.field != "" && (f[tc.field] == "" || len(f) != 1)) {
			t.Errorf("%s: problems %v, want only %q", tc.name, f, tc.field)
		}
	}
}
