package keuangan_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/keuangan"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

func newAPBDesSite(t *testing.T, d *db.DB) *site {
	t.Helper()
	return newSite(t, d, map[string]grant{"kaur": {authz.KaurKeuangan, bengkel}, "sekdes": {authz.Sekdes, bengkel},
		"camat": {authz.Camat, "51.02.06"}, "tetangga": {authz.KaurKeuangan, tetangga}}, "Nama ", apbdesDeps)
}

func TestAPBDesIndexPageCreatesThisYearsAPBDes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newAPBDesSite(t, d)
		idx := "/desa/" + string(bengkel) + "/keuangan"
		_, body := s.want(200, http.MethodGet, idx, "sekdes", nil)
		mustContain(t, "index for sekdes", body, "Belum ada APBDes", `id="buat-2026"`, `id="buat-2027"`)
		_, body = s.want(200, http.MethodGet, idx, "kaur", nil)
		if strings.Contains(body, `id="buat-2026"`) {
			t.Error("the kaur (no PermAjukan) is offered to create the APBDes")
		}
		s.want(403, http.MethodGet, idx, "tetangga", nil)
		s.want(403, http.MethodPost, idx+"/2026/apbdes", "kaur", url.Values{})

		loc, _ := s.want(303, http.MethodPost, idx+"/2026/apbdes", "sekdes", url.Values{})
		if !strings.HasPrefix(loc, idx+"/2026/apbdes?") {
			t.Fatalf("create redirects to %q", loc)
		}
		_, body = s.want(409, http.MethodPost, idx+"/2026/apbdes", "sekdes", url.Values{})
		mustContain(t, "second create", body, "sudah dibuat")
		_, body = s.want(200, http.MethodGet, idx, "camat", nil)
		mustContain(t, "index for camat", body, "APBDes 2026", "Murni: draf")
		if strings.Contains(body, `id="buat-2027"`) {
			t.Error("the camat is offered to create an APBDes")
		}
	})
}

func TestAPBDesPageEntryKeyboardFlowErrorsAndBalance(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newAPBDesSite(t, d)
		page := "/desa/" + string(bengkel) + "/keuangan/2026/apbdes"
		_, body := s.want(200, http.MethodGet, page, "kaur", nil)
		mustContain(t, "page without APBDes", body, "belum dibuat")
		if strings.Contains(body, `id="buat-apbdes"`) {
			t.Error("the kaur is offered to create the APBDes")
		}
		s.want(303, http.MethodPost, page, "sekdes", url.Values{})

		_, body = s.want(200, http.MethodGet, page, "kaur", nil)
		mustContain(t, "entry page", body, `aria-current="page"`, `id="tambah-pendapatan"`, `id="tambah-belanja"`,
			`id="tambah-penerimaan_pembiayaan"`, `form="f-tambah-belanja"`, `<datalist id="daftar-kegiatan">`,
			`<option value="02.01.06">`, `<option value="p-kasi">I Made Kasi (Kasi Kesejahteraan)</option>`, `<option value="DDS">`,
			`list="daftar-lokasi"`, `<option value="Banjar Dinas Kaja">`)
		if strings.Contains(body, `action="`+page+`/ajukan"`) {
			t.Error("the kaur sees the submit button")
		}

		bad := url.Values{"kelompok": {"belanja"}, "kode_rekening": {"5.2.1.07"}, "kode_kegiatan": {"02.01.06"},
			"uraian": {"Semen jalan banjar"}, "volume": {"3"}, "satuan": {"paket"}, "harga_satuan": {"1,5 jt"}, "sumber_dana": {""}}
		_, body = s.want(422, http.MethodPost, page+"/baris", "kaur", bad)
		mustContain(t, "refused line", body, "singkatan seperti jt", "Sumber dana wajib diisi", `value="Semen jalan banjar"`,
			`value="1,5 jt"`, `id="tambah-belanja-harga_satuan-galat"`)

		good := url.Values{"kelompok": {"belanja"}, "kode_rekening": {"5.2.1.07"}, "kode_kegiatan": {"02.01.06"},
			"uraian": {"Semen jalan banjar"}, "volume": {"3"}, "satuan": {"paket"}, "harga_satuan": {"Rp 400.000.000"},
			"sumber_dana": {"DDS"}, "lokasi": {"Banjar Kaja"}, "pelaksana": {"p-kasi"}, "output_volume": {"250"}, "output_satuan": {"m"}}
		loc, _ := s.want(303, http.MethodPost, page+"/baris", "kaur", good)
		// No fragment: it would keep the browser from focusing the add row.
		if !strings.Contains(loc, "tambah=belanja") || strings.Contains(loc, "#") {
			t.Fatalf("after a save the page reopens at the add row: %q", loc)
		}
		path, _, _ := strings.Cut(loc, "#") // a browser never sends the fragment
		_, body = s.want(200, http.MethodGet, path, "kaur", nil)
		mustContain(t, "page after a save", body, "Baris tersimpan.", "1.200.000.000", "<strong>BIDANG PELAKSANAAN PEMBANGUNAN DESA</strong>",
			"02.01.06", "I Made Kasi", `id="tidak-seimbang"`, "APBDes belum seimbang: defisit Rp 1.200.000.000")
		if !regexp.MustCompile(`id="tambah-belanja-kode_rekening"[^>]*autofocus`).MatchString(body) {
			t.Error("the fresh add row of belanja does not take the focus")
		}

		loc, _ = s.want(303, http.MethodPost, page+"/baris", "kaur", url.Values{"kelompok": {"pendapatan"},
			"kode_rekening": {"4.2.1.01"}, "uraian": {"Dana Desa"}, "jumlah": {"1.000.000.000"}, "sumber_dana": {"DDS"}})
		if !strings.HasSuffix(loc, "&tambah=pendapatan") {
			t.Errorf("pendapatan save reopens at %q", loc)
		}
		_, body = s.want(422, http.MethodPost, page+"/ajukan", "sekdes", url.Values{})
		mustContain(t, "refused submit", body, "APBDes belum seimbang: defisit Rp 200.000.000", "kurang Rp 200.000.000")

		// Edit a line: the row opens with its values; the change is saved.
		v, err := s.m.LihatAPBDes(tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel}), 2026, "")
		if err != nil {
			t.Fatal(err)
		}
		var jalanID string
		for _, b := range v.Baris {
			if b.Kelompok == keuangan.KelompokBelanja {
				jalanID = b.ID
			}
		}
		_, body = s.want(200, http.MethodGet, page+"?ubah="+jalanID, "kaur", nil)
		mustContain(t, "edit row", body, `id="baris-`+jalanID+`"`, `form="f-ubah"`, `value="400.000.000"`, `action="`+page+`/baris/`+jalanID+`"`)
		good.Set("volume", "2,5")
		s.want(303, http.MethodPost, page+"/baris/"+jalanID, "kaur", good)
		s.want(303, http.MethodPost, page+"/ajukan", "sekdes", url.Values{})

		_, body = s.want(200, http.MethodGet, page, "camat", nil)
		mustContain(t, "page for the camat", body, "diajukan ke camat", `id="seimbang"`, "1.000.000.000", "Riwayat", "Nama sekdes")
		if strings.Contains(body, `id="tambah-belanja"`) || strings.Contains(body, "/hapus") {
			t.Error("the camat (or a submitted APBDes) shows entry rows")
		}
		_, body = s.want(409, http.MethodPost, page+"/baris/"+jalanID+"/hapus", "kaur", url.Values{})
		mustContain(t, "locked delete", body, "tidak dapat diubah")
		s.want(403, http.MethodGet, page, "tetangga", nil)
		if acts := s.audit.actions(); !slices.Contains(acts, web.PageAction("POST /desa/{kode}/keuangan/{tahun}/apbdes/baris")) {
			t.Errorf("page writes unaudited: %v", acts)
		}
	})
}

func TestAPBDesPagePerubahanShowsMurniPerubahanSelisih(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newAPBDesSite(t, d)
		page := "/desa/" + string(bengkel) + "/keuangan/2026/apbdes"
		s.want(303, http.MethodPost, page, "sekdes", url.Values{})
		for _, f := range []url.Values{
			{"kode_rekening": {"4.2.1.01"}, "uraian": {"Dana Desa"}, "jumlah": {"1.000.000.000"}, "sumber_dana": {"DDS"}},
			{"kode_rekening": {"5.2.1.07"}, "kode_kegiatan": {"02.01.06"}, "uraian": {"Semen"}, "volume": {"2"}, "satuan": {"paket"},
				"harga_satuan": {"400.000.000"}, "sumber_dana": {"DDS"}},
		} {
			s.want(303, http.MethodPost, page+"/baris", "kaur", f)
		}
		s.want(303, http.MethodPost, page+"/ajukan", "sekdes", url.Values{})
		evaluasi(t, s.m, d, keuangan.AksiKembalikan)
		// Returned: the camat's comment shows beside its line.
		ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel})
		v, _ := s.m.LihatAPBDes(ctx, 2026, "")
		err := d.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewInsert().Model(&keuangan.Komentar{DesaID: bengkel.ID(), ID: "0190f5b2-0000-7000-8000-00000000000a",
				APBDesID: v.APBDes.ID, BarisID: v.Baris[1].ID, Isi: "Harga semen terlalu tinggi", Oleh: "camat", OlehNama: "Camat Kediri", CreatedAt: now}).Exec(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, body := s.want(200, http.MethodGet, page, "kaur", nil)
		mustContain(t, "returned APBDes", body, "dikembalikan untuk diperbaiki", "Harga semen terlalu tinggi", `id="tambah-belanja"`)
		s.want(303, http.MethodPost, page+"/ajukan", "sekdes", url.Values{})
		evaluasi(t, s.m, d, keuangan.AksiTerima)

		_, body = s.want(422, http.MethodPost, page+"/tetapkan", "sekdes", url.Values{"perdes_nomor": {""}, "perdes_tanggal": {""}})
		mustContain(t, "refused tetapkan", body, "Nomor Perdes", "Tanggal Perdes wajib diisi", `id="tetapkan-perdes_tanggal-galat"`)
		s.want(303, http.MethodPost, page+"/tetapkan", "sekdes", url.Values{"perdes_nomor": {"5 Tahun 2026"}, "perdes_tanggal": {"2026-01-15"}})
		_, body = s.want(200, http.MethodGet, page, "sekdes", nil)
		mustContain(t, "ditetapkan", body, "Perdes Nomor 5 Tahun 2026 tanggal 15 Januari 2026", `action="`+page+`/perubahan"`)
		s.want(303, http.MethodPost, page+"/perubahan", "sekdes", url.Values{})

		v, _ = s.m.LihatAPBDes(ctx, 2026, "")
		var semen string
		for _, b := range v.Baris {
			if b.Kelompok == keuangan.KelompokBelanja {
				semen = b.ID
			}
		}
		s.want(303, http.MethodPost, page+"/baris/"+semen, "kaur", url.Values{"kode_rekening": {"5.2.1.07"}, "kode_kegiatan": {"02.01.06"},
			"uraian": {"Semen"}, "volume": {"1,5"}, "satuan": {"paket"}, "harga_satuan": {"400.000.000"}, "sumber_dana": {"DDS"}})
		_, body = s.want(200, http.MethodGet, page, "camat", nil)
		mustContain(t, "perubahan page", body, "APBDes Perubahan 2026", "Murni (Rp)", "Perubahan (Rp)", "Selisih (Rp)",
			"800.000.000", "600.000.000", "-200.000.000", `href="`+page+`?versi=murni"`)
		_, body = s.want(200, http.MethodGet, page+"?versi=murni", "camat", nil)
		mustContain(t, "murni page", body, "ditetapkan dengan Perdes", "800.000.000", `href="`+page+`?versi=perubahan"`)
		if strings.Contains(body, "Selisih (Rp)") {
			t.Error("the murni page shows perubahan columns")
		}
	})
}

func TestAPBDesPageShowsNoEntryToReaders(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newAPBDesSite(t, d)
		page := "/desa/" + string(bengkel) + "/keuangan/2026/apbdes"
		s.want(303, http.MethodPost, page, "sekdes", url.Values{})
		s.want(303, http.MethodPost, page+"/baris", "kaur", url.Values{"kode_rekening": {"4.2.1.01"}, "uraian": {"Dana Desa"}, "jumlah": {"5.000"}, "sumber_dana": {"DDS"}})
		v, err := s.m.LihatAPBDes(tenancy.With(context.Background(), tenancy.Tenant{Kode: bengkel}), 2026, "")
		if err != nil {
			t.Fatal(err)
		}
		_, body := s.want(200, http.MethodGet, page+"?ubah="+v.Baris[0].ID, "camat", nil)
		if strings.Contains(body, `form="f-ubah"`) || strings.Contains(body, `id="tambah-`) || strings.Contains(body, "<datalist") {
			t.Error("the camat is shown entry rows")
		}
		mustContain(t, "camat's view", body, "Dana Desa", "5.000")
		_, body = s.want(404, http.MethodGet, page+"?versi=perubahan", "kaur", nil)
		mustContain(t, "missing perubahan", body, "belum dibuat")
		s.want(404, http.MethodGet, "/desa/"+string(bengkel)+"/keuangan/1999/apbdes", "kaur", nil)
	})
}
