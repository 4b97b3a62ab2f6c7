package umkm

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Demo UMKM (dev mode only): Bengkel's businesses across its five banjar,
// some in Nyitdah and in Pejaten (the Kediri desa of gerabah and genteng).
// Businesses are the kinds Tabanan's desa have; every owner's name and NIK
// is invented (the NIK only has the right shape: 5102 06, a birth date,
// a serial).

// Demo desa.
const (
	umkmDemoBengkel tenancy.Kode = "51.02.06.2001"
	umkmDemoNyitdah tenancy.Kode = "51.02.06.2011"
	umkmDemoPejaten tenancy.Kode = "51.02.06.2012"
)

type umkmDemoProduk struct {
	nama   string
	harga  int64
	satuan string
}

type umkmDemoBantuan struct {
	opd    string
	tahun  int
	uraian string
}

type umkmDemoUsaha struct {
	nama, pemilik, kbli, skala, dusun, wa string
	tk                                    int
	nib, tutup                            bool
	produk                                []umkmDemoProduk
	bantuan                               []umkmDemoBantuan
}

func umkmDemoP(nama string, harga int64, satuan string) umkmDemoProduk {
	return umkmDemoProduk{nama, harga, satuan}
}

var (
	bantuanKemasan = umkmDemoBantuan{"DISKOPUKM", 2025, "Pelatihan pengemasan produk dan pendampingan sertifikasi halal"}
	bantuanNIB     = umkmDemoBantuan{"DISKOPUKM", 2024, "Pendampingan pendaftaran NIB melalui OSS RBA"}
	bantuanAlat    = umkmDemoBantuan{"DISPERINDAG", 2025, "Bantuan peralatan produksi (mesin spinner dan sealer)"}
	bantuanPameran = umkmDemoBantuan{"DISPERINDAG", 2024, "Keikutsertaan pameran produk IKM Tabanan"}
)

var demoUsahaBengkel = []umkmDemoUsaha{
	{"Keripik Singkong Men Sari", "Ni Made Sariasih", "10794", SkalaMikro, "Bengkel Kangin", "081338120411", 3, true, false,
		[]umkmDemoProduk{umkmDemoP("Keripik singkong original 250 g", 12_000, "bungkus"), umkmDemoP("Keripik singkong pedas 250 g", 13_000, "bungkus")}, []umkmDemoBantuan{bantuanKemasan}},
	{"Tenun Endek Sekar Jagat", "Ni Luh Putu Suartini", "13121", SkalaKecil, "Bengkel Tengah", "081237551902", 9, true, false,
		[]umkmDemoProduk{umkmDemoP("Kain endek motif cemplong 2 m", 450_000, "lembar"), umkmDemoP("Kain endek motif sekar jagat 2 m", 550_000, "lembar"), umkmDemoP("Selendang endek", 125_000, "lembar")}, []umkmDemoBantuan{bantuanAlat, bantuanPameran}},
	{"Canang Sari Bu Komang", "Ni Komang Ayu Wiryani", "47899", SkalaMikro, "Bengkel Kawan", "087861220913", 2, false, false,
		[]umkmDemoProduk{umkmDemoP("Canang sari", 2_000, "buah"), umkmDemoP("Canang sari isi 25", 45_000, "ikat")}, nil},
	{"Banten Upakara Jro Mangku Sudi", "I Wayan Sudiarta", "47899", SkalaMikro, "Sedahan", "081999204551", 4, true, false,
		[]umkmDemoProduk{umkmDemoP("Banten pejati", 150_000, "set"), umkmDemoP("Banten otonan", 350_000, "set"), umkmDemoP("Banten byakaon", 75_000, "set")}, nil},
	{"Kopi Bubuk Subak Bengkel", "I Nyoman Arya Wibawa", "10761", SkalaMikro, "Pangkung Prabu", "081246330128", 3, true, false,
		[]umkmDemoProduk{umkmDemoP("Kopi robusta bubuk 200 g", 25_000, "bungkus"), umkmDemoP("Kopi robusta biji sangrai 500 g", 60_000, "bungkus")}, []umkmDemoBantuan{bantuanKemasan}},
	{"Bengkel Motor Gede Jaya", "I Gede Ketut Jayantara", "45405", SkalaMikro, "Bengkel Kangin", "081337449012", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Servis ringan sepeda motor", 50_000, "kali"), umkmDemoP("Ganti oli mesin", 55_000, "kali"), umkmDemoP("Tambal ban tubeless", 20_000, "kali")}, nil},
	{"Warung Nasi Campur Men Tomblos", "Ni Wayan Rasmini", "56102", SkalaMikro, "Bengkel Tengah", "085737118840", 3, true, false,
		[]umkmDemoProduk{umkmDemoP("Nasi campur Bali", 20_000, "porsi"), umkmDemoP("Nasi ayam betutu", 25_000, "porsi"), umkmDemoP("Es daluman", 7_000, "gelas")}, nil},
	{"Dupa Harum Sari Merta", "I Made Merta Yasa", "20299", SkalaMikro, "Sedahan", "081353770264", 5, true, false,
		[]umkmDemoProduk{umkmDemoP("Dupa cendana 1 kotak", 15_000, "kotak"), umkmDemoP("Dupa gaharu 1 kotak", 20_000, "kotak")}, []umkmDemoBantuan{bantuanNIB}},
	{"Ukiran Kayu Dharma Kriya", "I Ketut Dharmawan", "16294", SkalaKecil, "Pangkung Prabu", "081237908115", 7, true, false,
		[]umkmDemoProduk{umkmDemoP("Ukiran panil kayu jati 60 × 40 cm", 1_250_000, "buah"), umkmDemoP("Patung Ganesha kayu suar 30 cm", 650_000, "buah")}, []umkmDemoBantuan{bantuanPameran}},
	{"Laundry Kilat Bengkel", "Ni Kadek Widiastuti", "96112", SkalaMikro, "Bengkel Kawan", "087761004423", 3, true, false,
		[]umkmDemoProduk{umkmDemoP("Cuci setrika", 8_000, "kg"), umkmDemoP("Cuci kering lipat", 6_000, "kg"), umkmDemoP("Cuci bed cover", 35_000, "buah")}, nil},
	{"Catering Dapur Bu Ayu", "Ni Putu Ayu Lestari", "56210", SkalaKecil, "Bengkel Tengah", "081338901255", 8, true, false,
		[]umkmDemoProduk{umkmDemoP("Nasi kotak paket A", 30_000, "kotak"), umkmDemoP("Nasi kotak paket B", 40_000, "kotak"), umkmDemoP("Prasmanan per orang", 55_000, "orang")}, []umkmDemoBantuan{bantuanKemasan}},
	{"Jaje Bali Men Lanus", "Ni Nyoman Lanusari", "10710", SkalaMikro, "Bengkel Kangin", "085238661190", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Jaje laklak isi 10", 10_000, "bungkus"), umkmDemoP("Klepon isi 10", 10_000, "bungkus"), umkmDemoP("Jaje uli", 5_000, "potong")}, nil},
	{"Penjahit Kebaya Sekar Ayu", "Ni Ketut Sekarini", "14111", SkalaMikro, "Sedahan", "081805662370", 2, false, false,
		[]umkmDemoProduk{umkmDemoP("Jahit kebaya brokat", 250_000, "stel"), umkmDemoP("Jahit kamen", 50_000, "lembar")}, nil},
	{"Toko Bangunan Tunas Mekar", "I Putu Agus Mahendra", "47521", SkalaKecil, "Pangkung Prabu", "081246771203", 6, true, false,
		[]umkmDemoProduk{umkmDemoP("Semen 50 kg", 68_000, "sak"), umkmDemoP("Batako press", 3_200, "buah"), umkmDemoP("Pasir hitam", 350_000, "pikap")}, nil},
	{"Salon Ayu Kencana", "Ni Luh Gede Kencanawati", "96021", SkalaMikro, "Bengkel Kawan", "087860223917", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Potong rambut", 35_000, "kali"), umkmDemoP("Rias adat Bali payas agung", 750_000, "kali")}, nil},
	{"Beras Subak Bengkel Sari", "I Nengah Suweca", "10631", SkalaKecil, "Bengkel Tengah", "081338445610", 6, true, false,
		[]umkmDemoProduk{umkmDemoP("Beras putih 5 kg", 70_000, "karung"), umkmDemoP("Beras merah 1 kg", 22_000, "bungkus")}, []umkmDemoBantuan{bantuanAlat}},
	{"Babi Guling Pak Rai", "I Made Rai Astawa", "56102", SkalaMikro, "Sedahan", "081999530722", 4, true, false,
		[]umkmDemoProduk{umkmDemoP("Nasi babi guling", 30_000, "porsi"), umkmDemoP("Babi guling utuh (pesanan)", 3_500_000, "ekor")}, nil},
	{"Ternak Babi Sari Rahayu", "I Wayan Rahayu Putra", "01463", SkalaMikro, "Pangkung Prabu", "", 2, false, false,
		[]umkmDemoProduk{umkmDemoP("Babi potong", 45_000, "kg hidup")}, nil},
	{"Sayur Organik Tani Lestari", "I Komang Tri Lestarian", "01134", SkalaMikro, "Pangkung Prabu", "085792018834", 3, true, false,
		[]umkmDemoProduk{umkmDemoP("Sayur kangkung", 5_000, "ikat"), umkmDemoP("Tomat", 15_000, "kg"), umkmDemoP("Cabai rawit", 60_000, "kg")}, []umkmDemoBantuan{{"DISKOPUKM", 2023, "Pelatihan pemasaran daring produk pertanian"}}},
	{"Fotokopi dan ATK Surya", "I Gede Surya Pratama", "82190", SkalaMikro, "Bengkel Kangin", "081805119062", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Fotokopi A4", 300, "lembar"), umkmDemoP("Jilid spiral", 7_000, "buah"), umkmDemoP("Cetak foto 4R", 3_000, "lembar")}, nil},
	{"Warung Kopi Bli Kadek", "I Kadek Sudarsana", "56303", SkalaMikro, "Bengkel Kawan", "087862441039", 1, false, false,
		[]umkmDemoProduk{umkmDemoP("Kopi Bali tubruk", 5_000, "gelas"), umkmDemoP("Teh manis", 4_000, "gelas")}, nil},
	{"Sablon Kaos Banjar Kreatif", "I Putu Eka Wirawan", "18111", SkalaMikro, "Bengkel Tengah", "081239778150", 3, true, false,
		[]umkmDemoProduk{umkmDemoP("Kaos sablon satu warna", 65_000, "buah"), umkmDemoP("Kaos seragam sekaa teruna (min. 24)", 55_000, "buah")}, nil},
	{"Tenun Songket Dewi Ratih", "Ni Made Dewi Ratih", "13121", SkalaMikro, "Sedahan", "081338006512", 3, true, false,
		[]umkmDemoProduk{umkmDemoP("Songket Bali benang emas", 1_800_000, "lembar"), umkmDemoP("Selendang songket", 250_000, "lembar")}, []umkmDemoBantuan{bantuanPameran}},
	{"Kerupuk Ikan Segara", "Ni Wayan Segari", "10794", SkalaMikro, "Bengkel Kangin", "085337660127", 2, false, false,
		[]umkmDemoProduk{umkmDemoP("Kerupuk ikan mentah 500 g", 25_000, "bungkus")}, nil},
	{"Bengkel Las Karya Logam", "I Nyoman Karya", "25119", SkalaMikro, "Pangkung Prabu", "081337210946", 3, true, false,
		[]umkmDemoProduk{umkmDemoP("Pagar besi hollow", 450_000, "m²"), umkmDemoP("Kanopi baja ringan", 350_000, "m²")}, nil},
	{"Jamu Loloh Cemcem Bu Rai", "Ni Made Rai Sukerti", "11040", SkalaMikro, "Bengkel Kawan", "087761559904", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Loloh cemcem botol 600 ml", 10_000, "botol"), umkmDemoP("Loloh kunyit asam 600 ml", 10_000, "botol")}, []umkmDemoBantuan{bantuanKemasan}},
	{"Kerajinan Bambu Tirta", "I Ketut Tirtayasa", "16295", SkalaMikro, "Sedahan", "081916338201", 4, true, false,
		[]umkmDemoProduk{umkmDemoP("Sokasi bambu", 45_000, "buah"), umkmDemoP("Keben bambu ukir", 150_000, "buah"), umkmDemoP("Tempat canang", 15_000, "buah")}, nil},
	{"Sate Lilit Men Gede", "Ni Nyoman Gede Suarni", "56102", SkalaMikro, "Bengkel Tengah", "", 2, false, false,
		[]umkmDemoProduk{umkmDemoP("Sate lilit ikan isi 10", 20_000, "porsi")}, nil},
	{"Cetak Batako Sinar Abadi", "I Wayan Abadi", "23953", SkalaMikro, "Pangkung Prabu", "081338662014", 5, true, false,
		[]umkmDemoProduk{umkmDemoP("Batako press", 3_000, "buah"), umkmDemoP("Paving block", 75_000, "m²")}, nil},
	{"Toko Kelontong Dewi Sri", "Ni Ketut Sriasih", "47111", SkalaMikro, "Bengkel Kangin", "081805443376", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Beras 5 kg", 72_000, "karung"), umkmDemoP("Minyak goreng 2 l", 38_000, "botol")}, nil},
	{"Arsitek Taman Bali Asri", "I Gede Asriana", "81300", SkalaKecil, "Bengkel Kawan", "081237012298", 10, true, false,
		[]umkmDemoProduk{umkmDemoP("Jasa taman per m²", 125_000, "m²"), umkmDemoP("Patung batu paras kecil", 400_000, "buah")}, nil},
	{"Kue Kering Ayu Lestari", "Ni Kadek Ayu Lestariani", "10710", SkalaMikro, "Sedahan", "087860711245", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Nastar 500 g", 85_000, "toples"), umkmDemoP("Kastengel 500 g", 95_000, "toples")}, []umkmDemoBantuan{bantuanNIB}},
	{"Peternakan Ayam Petelur Sukma", "I Made Sukmayasa", "01462", SkalaKecil, "Pangkung Prabu", "081999871034", 6, true, false,
		[]umkmDemoProduk{umkmDemoP("Telur ayam", 52_000, "krat")}, nil},
	{"Servis Elektronik Putra", "I Putu Putra Adnyana", "95210", SkalaMikro, "Bengkel Tengah", "085738120976", 1, true, false,
		[]umkmDemoProduk{umkmDemoP("Servis televisi", 75_000, "kali"), umkmDemoP("Servis rice cooker", 40_000, "kali")}, nil},
	{"Gamelan Kerajinan Pande Sura", "I Wayan Pande Surayasa", "32202", SkalaKecil, "Sedahan", "081338774109", 7, true, false,
		[]umkmDemoProduk{umkmDemoP("Gangsa perunggu", 4_500_000, "buah"), umkmDemoP("Ceng-ceng kopyak", 1_200_000, "pasang")}, []umkmDemoBantuan{bantuanAlat}},
	{"Pelinggih Batu Paras Karya Dewata", "I Ketut Karyadewa", "23961", SkalaKecil, "Bengkel Kangin", "081237665523", 8, true, false,
		[]umkmDemoProduk{umkmDemoP("Pelinggih padmasari", 25_000_000, "unit"), umkmDemoP("Ornamen paras per m", 850_000, "m")}, nil},
	// Closed businesses: the catalogue hides them.
	{"Warung Bakso Pak Yan", "I Wayan Suyasa", "56102", SkalaMikro, "Bengkel Kawan", "087861090372", 1, false, true,
		[]umkmDemoProduk{umkmDemoP("Bakso urat", 15_000, "mangkuk")}, nil},
	{"Konter Pulsa Mega Cell", "I Gede Mega Saputra", "47413", SkalaMikro, "Bengkel Tengah", "081805700414", 1, true, true,
		[]umkmDemoProduk{umkmDemoP("Pulsa 50.000", 51_000, "kali")}, nil},
	{"Kerajinan Lontar Tista", "Ni Luh Tista Dewi", "32909", SkalaMikro, "Pangkung Prabu", "", 1, false, true, nil, nil},
}

var demoUsahaNyitdah = []umkmDemoUsaha{
	{"Tenun Endek Nyitdah Asri", "Ni Made Asrini", "13121", SkalaMikro, "Banjar Sema", "081338502201", 4, true, false,
		[]umkmDemoProduk{umkmDemoP("Kain endek 2 m", 400_000, "lembar")}, []umkmDemoBantuan{bantuanPameran}},
	{"Keripik Pisang Men Jegeg", "Ni Wayan Jegeg Sukerti", "10794", SkalaMikro, "Banjar Tegal", "085737402218", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Keripik pisang manis 200 g", 12_000, "bungkus")}, nil},
	{"Canang dan Bunga Ratna", "Ni Ketut Ratnawati", "47899", SkalaMikro, "Banjar Dukuh", "", 1, false, false,
		[]umkmDemoProduk{umkmDemoP("Bunga gumitir", 25_000, "kg"), umkmDemoP("Canang sari", 2_000, "buah")}, nil},
	{"Bengkel Motor Nyitdah Motor", "I Made Sudana", "45405", SkalaMikro, "Banjar Tegal", "081999330175", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Servis ringan", 45_000, "kali")}, nil},
	{"Warung Lawar Pak Wayan", "I Wayan Lasia", "56102", SkalaMikro, "Banjar Sema", "087761221908", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Lawar babi", 20_000, "porsi"), umkmDemoP("Nasi lawar", 25_000, "porsi")}, nil},
	{"Kopi Robusta Pupuan Sari", "I Nyoman Sariada", "10761", SkalaMikro, "Banjar Dukuh", "081246009831", 2, true, false,
		[]umkmDemoProduk{umkmDemoP("Kopi bubuk 250 g", 30_000, "bungkus")}, []umkmDemoBantuan{bantuanKemasan}},
	{"Dupa Wangi Nyitdah", "I Ketut Wangiyasa", "20299", SkalaMikro, "Banjar Tegal", "081337550624", 3, true, false,
		[]umkmDemoProduk{umkmDemoP("Dupa melati", 12_000, "kotak")}, nil},
	{"Laundry Bersih Sehat", "Ni Kadek Sehatini", "96112", SkalaMikro, "Banjar Sema", "085238441752", 2, false, false,
		[]umkmDemoProduk{umkmDemoP("Cuci setrika", 7_000, "kg")}, nil},
	{"Catering Rasa Nusantara", "Ni Luh Nusantari", "56210", SkalaMikro, "Banjar Dukuh", "081805332914", 4, true, false,
		[]umkmDemoProduk{umkmDemoP("Nasi kotak", 28_000, "kotak")}, nil},
	{"Ukiran Batu Paras Nyitdah", "I Gede Parasyasa", "23961", SkalaMikro, "Banjar Tegal", "081238904473", 3, true, true, nil, nil},
}

var demoUsahaPejaten = []umkmDemoUsaha{
	{"Gerabah Keramik Pejaten Jaya", "I Made Gerjaya", "23931", SkalaKecil, "Banjar Dukuh Pejaten", "081338215560", 12, true, false,
		[]umkmDemoProduk{umkmDemoP("Piring keramik glasir", 85_000, "buah"), umkmDemoP("Vas keramik motif kamboja", 225_000, "buah")}, []umkmDemoBantuan{bantuanPameran, bantuanAlat}},
	{"Genteng Pejaten Suka Karya", "I Wayan Sukakarya", "23922", SkalaKecil, "Banjar Simpangan", "081999605531", 15, true, false,
		[]umkmDemoProduk{umkmDemoP("Genteng press Pejaten", 3_500, "buah"), umkmDemoP("Genteng kodok", 4_000, "buah")}, nil},
	{"Celengan Tanah Liat Men Putu", "Ni Nyoman Putu Resmi", "23939", SkalaMikro, "Banjar Puseh", "", 2, false, false,
		[]umkmDemoProduk{umkmDemoP("Celengan babi tanah liat", 25_000, "buah")}, nil},
}

// umkmDemoID is a fresh UUIDv7.
func umkmDemoID() string { return uuid.Must(uuid.NewV7()).String() }

// umkmDemoNIK is an invented NIK of the shape of Kecamatan Kediri's (5102 06),
// different for every i; women's birth day carries the + 40.
func umkmDemoNIK(i int, pemilik string) string {
	day := 1 + i%28
	if strings.HasPrefix(pemilik, "Ni ") {
		day += 40
	}
	return fmt.Sprintf("510206%02d%02d%02d%04d", day, 1+i%12, 60+i%40, 1+i)
}

// seedUmkmDemo records the demo businesses of each demo desa that has
// none yet: a second start changes nothing.
func (m *Module) seedUmkmDemo(ctx context.Context) error {
	for _, s := range []struct {
		desa   tenancy.Kode
		usaha  []umkmDemoUsaha
		offset int
	}{{umkmDemoBengkel, demoUsahaBengkel, 0}, {umkmDemoNyitdah, demoUsahaNyitdah, 100}, {umkmDemoPejaten, demoUsahaPejaten, 200}} {
		if err := m.seedUmkmDesa(ctx, s.desa, s.usaha, s.offset); err != nil {
			return fmt.Errorf("umkm demo %s: %w", s.desa, err)
		}
	}
	return nil
}

func (m *Module) seedUmkmDesa(ctx context.Context, desa tenancy.Kode, usaha []umkmDemoUsaha, offset int) error {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	now := m.now().UTC()
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Umkm)(nil)))
		if err != nil {
			return err
		}
		if ada, err := q.Exists(ctx); err != nil || ada {
			return err
		}
		for i, u := range usaha {
			n := offset + i
			d := UmkmData{Nama: u.nama, PemilikNama: u.pemilik, PemilikNIK: umkmDemoNIK(n, u.pemilik), KBLI: u.kbli,
				TenagaKerja: u.tk, Skala: u.skala, Dusun: u.dusun, WhatsApp: u.wa, Status: StatusAktif}
			if u.nib {
				d.NIB = fmt.Sprintf("9120%09d", 104_417_000+n*37)
			}
			if u.tutup {
				d.Status = StatusTutup
			}
			if err := d.Validate(); err != nil {
				return fmt.Errorf("%s: %w", u.nama, err)
			}
			row := Umkm{DesaID: desa.ID(), ID: umkmDemoID(), Nama: d.Nama, PemilikNama: d.PemilikNama,
				PemilikNIK: valid.NIK(d.PemilikNIK), NIB: d.NIB, KBLI: d.KBLI, Sektor: d.Sektor, TenagaKerja: d.TenagaKerja,
				Skala: d.Skala, Dusun: d.Dusun, Alamat: d.Dusun + ", Desa " + umkmDemoNamaDesa(desa), WhatsApp: d.WhatsApp,
				Status: d.Status, CreatedBy: audit.ActorSystem, CreatedAt: now, UpdatedBy: audit.ActorSystem, UpdatedAt: now}
			if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
				return err
			}
			for _, pr := range u.produk {
				pd := ProdukData{Nama: pr.nama, Harga: pr.harga, Satuan: pr.satuan}
				if err := pd.Validate(); err != nil {
					return fmt.Errorf("%s: %s: %w", u.nama, pr.nama, err)
				}
				prow := Produk{DesaID: desa.ID(), ID: umkmDemoID(), UmkmID: row.ID, Nama: pd.Nama, Harga: pd.Harga, Satuan: pd.Satuan,
					CreatedBy: audit.ActorSystem, CreatedAt: now, UpdatedBy: audit.ActorSystem, UpdatedAt: now}
				if _, err := tx.NewInsert().Model(&prow).Exec(ctx); err != nil {
					return err
				}
			}
			for _, b := range u.bantuan {
				brow := Bantuan{DesaID: desa.ID(), ID: umkmDemoID(), UmkmID: row.ID, OPDKode: b.opd, Tahun: b.tahun, Uraian: b.uraian,
					CreatedBy: audit.ActorSystem, CreatedAt: now}
				if _, err := tx.NewInsert().Model(&brow).Exec(ctx); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func umkmDemoNamaDesa(k tenancy.Kode) string {
	switch k {
	case umkmDemoBengkel:
		return "Bengkel"
	case umkmDemoNyitdah:
		return "Nyitdah"
	}
	return "Pejaten"
}
