package audiensi

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Demo audiensi (dev mode only): a year of them across desa of Kecamatan
// Kediri and Tabanan, some heard during the bupati's visit to Bengkel, in
// every state and some overdue. Dates are relative to today, so a fresh
// dev start always shows live clocks. Every reporter and text is invented.

// demoKunjungan is the title of the kunjungan demo's Bengkel visit: the
// audiensi heard on it carry its id (the kunjungan demo runs first; without
// it they are recorded as received at the kantor desa).
const demoKunjungan = "Bupati Ngantor di Desa Bengkel"

type demoAudiensi struct {
	desa     tenancy.Kode
	hari     int // received this many calendar days ago
	kategori string
	judul    string
	isi      string
	dusun    string
	mode     ModePelapor
	nama     string
	kanal    Kanal
	akhir    Status // where it ends
	opd      []string
	tolak    string
}

var demoDaftar = []demoAudiensi{
	{"51.02.06.2001", 340, "sampah", "Truk sampah tidak datang dua minggu di Banjar Bengkel Kangin", "Sampah rumah tangga menumpuk di depan balai banjar sejak dua minggu; mohon jadwal pengangkutan dipastikan.", "Bengkel Kangin", Terbuka, "I Made Suarjana", KanalDesa, Selesai, []string{"DLH"}, ""},
	{"51.02.06.2001", 300, "jalan", "Jalan subak Pangkung Prabu berlubang", "Jalan usaha tani menuju subak berlubang besar di dekat pura subak, berbahaya saat hujan.", "Pangkung Prabu", Anonim, "", KanalDesa, Selesai, []string{"DINASPUPRPKP", "desa"}, ""},
	{"51.02.06.2001", 250, "adminduk", "Pengurusan KTP-el lansia yang tidak bisa ke kecamatan", "Ada tiga lansia di Banjar Sedahan yang belum punya KTP-el dan tidak bisa datang ke kantor camat.", "Sedahan", Terbuka, "Ni Ketut Ariani", KanalDesa, Selesai, []string{"DISDUKCAPIL"}, ""},
	{"51.02.06.2001", 120, "sampah", "TPS3R belum menerima sampah plastik", "Warga sudah memilah plastik tetapi TPS3R belum mau menerima; mohon kejelasan jadwal.", "Bengkel Tengah", Terbuka, "I Ketut Sudira", KanalKunjungan, Selesai, []string{"DLH"}, ""},
	{"51.02.06.2001", 120, "umkm", "Pemasaran tenun endek ke hotel", "Kelompok tenun endek minta difasilitasi bertemu pembeli dari hotel dan koperasi.", "Bengkel Tengah", Terbuka, "Ni Luh Putu Suartini", KanalKunjungan, Ditindaklanjuti, []string{"DISKOPUKM"}, ""},
	{"51.02.06.2001", 120, "irigasi", "Saluran irigasi subak jebol", "Tembok saluran irigasi sepanjang sepuluh meter jebol, air tidak sampai ke sawah hilir.", "Pangkung Prabu", Rahasia, "I Nyoman Arya", KanalKunjungan, Didisposisikan, []string{"DINASPUPRPKP"}, ""},
	{"51.02.06.2001", 120, "kesehatan", "Posyandu lansia kekurangan alat ukur gula darah", "Posyandu lansia Banjar Bengkel Kawan hanya punya satu alat dan stripnya sering habis.", "Bengkel Kawan", Anonim, "", KanalKunjungan, Selesai, []string{"DINKES"}, ""},
	{"51.02.06.2001", 60, "ketertiban", "Parkir liar di depan pasar desa", "Setiap pagi kendaraan parkir di badan jalan depan pasar sehingga macet.", "Bengkel Kangin", Terbuka, "I Gede Artawan", KanalPublik, Ditolak, nil, "Sudah ditangani pecalang desa adat; bukan kewenangan Satpol PP."},
	{"51.02.06.2001", 30, "pelayanan_desa", "Surat keterangan usaha lama terbit", "Mengajukan surat keterangan usaha seminggu lalu belum jadi.", "Sedahan", Terbuka, "Ni Wayan Rasmini", KanalPublik, Ditindaklanjuti, []string{"desa"}, ""},
	{"51.02.06.2001", 25, "perhubungan", "Lampu penerangan jalan mati di tikungan", "Tiga lampu PJU di tikungan Banjar Bengkel Kawan mati sejak sebulan.", "Bengkel Kawan", Anonim, "", KanalPublik, Didisposisikan, []string{"DISHUB"}, ""},
	{"51.02.06.2001", 14, "sampah", "Bank sampah minta timbangan baru", "Timbangan bank sampah rusak sehingga setoran nasabah tidak bisa dicatat.", "Bengkel Tengah", Terbuka, "Ni Kadek Widiastuti", KanalDesa, Didisposisikan, []string{"DLH"}, ""},
	{"51.02.06.2001", 6, "pendidikan", "Usulan beasiswa anak petani", "Beberapa anak petani berprestasi tidak mampu melanjutkan ke SMA; mohon informasi beasiswa.", "Bengkel Kawan", Terbuka, "I Made Wirawan", KanalDesa, Diverifikasi, nil, ""},
	{"51.02.06.2001", 9, "bencana", "Tebing di pinggir sungai longsor", "Tebing setinggi tiga meter longsor dan mendekati rumah warga.", "Pangkung Prabu", Terbuka, "I Wayan Sudiarta", KanalPublik, Baru, nil, ""},
	{"51.02.06.2001", 1, "lingkungan", "Bau limbah peternakan babi", "Limbah peternakan dibuang ke saluran dan berbau sampai ke permukiman.", "Sedahan", Rahasia, "Ni Made Sari", KanalPublik, Baru, nil, ""},
	{"51.02.06.2011", 280, "air_bersih", "Air PDAM sering mati di Nyitdah", "Air bersih mati hampir setiap sore selama sebulan.", "", Terbuka, "I Putu Eka", KanalDesa, Selesai, []string{"DINASPUPRPKP"}, ""},
	{"51.02.06.2011", 200, "pendidikan", "Atap ruang kelas SD bocor", "Dua ruang kelas SD bocor saat hujan, anak belajar di teras.", "", Anonim, "", KanalDesa, Selesai, []string{"DISDIK"}, ""},
	{"51.02.06.2011", 45, "pertanian", "Serangan hama wereng di subak", "Hama wereng menyerang padi di dua subak, petani minta penyuluhan dan bantuan pestisida.", "", Terbuka, "I Ketut Suweca", KanalDesa, Didisposisikan, []string{"DISTAN"}, ""},
	{"51.02.06.2011", 3, "sampah", "Sampah di saluran irigasi Nyitdah", "Sampah plastik menyumbat saluran irigasi di hulu subak setelah hujan.", "", Anonim, "", KanalPublik, Didisposisikan, []string{"DLH"}, ""},
	{"51.02.06.2011", 5, "sosial", "Lansia sebatang kara belum terima bantuan", "Seorang lansia hidup sendiri belum terdaftar sebagai penerima bantuan sosial.", "", Rahasia, "Ni Nyoman Sukerti", KanalPublik, Baru, nil, ""},
	{"51.02.06.2012", 150, "umkm", "Perajin gerabah kesulitan bahan bakar tungku", "Kayu bakar untuk tungku gerabah makin mahal; minta pendampingan tungku hemat energi.", "", Terbuka, "I Wayan Gede", KanalDesa, Selesai, []string{"DISKOPUKM"}, ""},
	{"51.02.06.2012", 20, "jalan", "Gorong-gorong tersumbat di jalan desa", "Gorong-gorong tersumbat sehingga air meluap ke jalan saat hujan.", "", Anonim, "", KanalPublik, Ditindaklanjuti, []string{"desa"}, ""},
	{"51.02.02.2001", 90, "pariwisata", "Jalur trekking sawah belum ada penunjuk arah", "Wisatawan sering tersesat di jalur trekking sawah; mohon papan penunjuk.", "", Terbuka, "I Made Dana", KanalDesa, Selesai, []string{"DISPAR"}, ""},
	{"51.02.02.2001", 12, "kesehatan", "Kasus demam berdarah di banjar", "Dua anak dirawat karena DBD; warga minta fogging dan pemeriksaan jentik.", "", Terbuka, "Ni Luh Sri", KanalPublik, Didisposisikan, []string{"DINKES", "desa"}, ""},
	{"51.02.01.2001", 180, "pembangunan_desa", "Usulan balai pertemuan subak", "Kelompok subak mengusulkan pembangunan balai pertemuan lewat dana desa.", "", Terbuka, "I Nengah Wirata", KanalDesa, Selesai, []string{"DPMD", "desa"}, ""},
}

// demoClock lets the demo walk the real lifecycle on past days.
type demoClock struct{ t time.Time }

func (c *demoClock) now() time.Time { return c.t }

// SeedDemo records the demo audiensi; a desa that has any already is left
// as it is.
func (m *Module) SeedDemo(ctx context.Context) error {
	today := m.now()
	clock := &demoClock{}
	d := *m
	d.now = clock.now
	perbekel := auth.WithUser(ctx, auth.User{ID: "demo:verifikator", Name: "Verifikator desa (demo)"})
	staf := auth.WithUser(ctx, auth.User{ID: "demo:kasi", Name: "Kasi pelayanan (demo)"})
	opdUser := func(kode string) context.Context {
		return auth.WithUser(ctx, auth.User{ID: "demo:opd:" + kode, Name: "Petugas " + kode + " (demo)"})
	}
	done := map[tenancy.Kode]bool{}
	for _, x := range demoDaftar {
		dctx := tenancy.With(ctx, tenancy.Tenant{Kode: x.desa})
		if _, seen := done[x.desa]; !seen {
			has, err := m.adaAudiensi(dctx)
			if err != nil {
				return err
			}
			done[x.desa] = has
		}
		if done[x.desa] {
			continue
		}
		k, err := m.kalenderOf(dctx)
		if err != nil {
			return err
		}
		day := civil.DateOf(today.In(civil.Zone(x.desa))).AddDate(0, 0, -x.hari)
		at := func(d civil.Date, hour int) {
			t := d.Time()
			clock.t = time.Date(t.Year(), t.Month(), t.Day(), hour, 0, 0, 0, civil.Zone(x.desa))
		}
		next := func(d civil.Date, n int) civil.Date {
			due, _ := k.Tambah(d, n)
			if due.Before(civil.DateOf(today.In(civil.Zone(x.desa)))) || due == civil.DateOf(today.In(civil.Zone(x.desa))) {
				return due
			}
			return civil.DateOf(today.In(civil.Zone(x.desa)))
		}
		at(day, 9)
		actor := tenancy.With(staf, tenancy.Tenant{Kode: x.desa})
		kanal, kunjungan := x.kanal, ""
		if kanal == KanalKunjungan {
			actor = tenancy.With(opdUser("Setda"), tenancy.Tenant{Kode: x.desa})
			if kunjungan, err = m.demoKunjunganID(dctx, x.desa); err != nil {
				return err
			}
			if kunjungan == "" {
				kanal = KanalDesa
			}
		}
		data := AudiensiData{Kategori: x.kategori, Judul: x.judul, Isi: x.isi, Dusun: x.dusun, PelaporMode: x.mode, PelaporNama: x.nama}
		var det Detail
		if x.kanal == KanalPublik {
			det, err = d.Buat(dctx, data, KanalPublik, "")
		} else {
			det, err = d.Buat(actor, data, kanal, kunjungan)
		}
		if err != nil {
			return fmt.Errorf("demo audiensi %q: %w", x.judul, err)
		}
		vctx := tenancy.With(perbekel, tenancy.Tenant{Kode: x.desa})
		if x.akhir == Baru {
			continue
		}
		if x.akhir == Ditolak && len(x.opd) == 0 {
			at(next(day, 1), 10)
			if _, err := d.Tolak(vctx, det.ID, x.tolak); err != nil {
				return err
			}
			continue
		}
		at(next(day, 1), 10)
		if _, err := d.Verifikasi(vctx, det.ID, "Sudah dicek bersama kelian banjar."); err != nil {
			return err
		}
		if x.akhir == Diverifikasi {
			continue
		}
		var ids []string
		for _, kode := range x.opd {
			if kode == PenerimaDesa {
				ids = append(ids, PenerimaDesa)
				continue
			}
			if m.opd == nil {
				continue
			}
			o, ok, err := m.opd.OPDByKode(ctx, x.desa.Up(tenancy.Kabupaten), kode)
			if err != nil {
				return err
			}
			if ok {
				ids = append(ids, o.ID)
			}
		}
		if len(ids) == 0 {
			ids = []string{PenerimaDesa}
		}
		if _, err := d.Disposisikan(vctx, det.ID, ids, "Mohon ditindaklanjuti sesuai kewenangan."); err != nil {
			return err
		}
		if x.akhir == Didisposisikan {
			continue // waiting; the older ones are past their five days
		}
		at(next(day, 4), 14)
		for i, id := range ids {
			actx := tenancy.With(opdUser(x.opd[min(i, len(x.opd)-1)]), tenancy.Tenant{Kode: x.desa})
			if id == PenerimaDesa {
				actx = tenancy.With(staf, tenancy.Tenant{Kode: x.desa})
			}
			if _, err := d.Tanggapi(actx, det.ID, id, "Sudah ditinjau ke lokasi; penanganan dijadwalkan minggu ini."); err != nil {
				return err
			}
		}
		if x.akhir == Ditindaklanjuti {
			continue
		}
		at(next(day, 6), 11)
		if _, err := d.Selesaikan(vctx, det.ID, "Sudah ditangani; terima kasih atas laporannya."); err != nil {
			return err
		}
	}
	return nil
}

func (m *Module) adaAudiensi(ctx context.Context) (bool, error) {
	var n int64
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Audiensi)(nil)))
		if err != nil {
			return err
		}
		n, err = sel.Limit(1).Count(ctx)
		return err
	})
	return n > 0, err
}

// demoKunjunganID is the id of the demo visit to desa, "" without one.
func (m *Module) demoKunjunganID(ctx context.Context, desa tenancy.Kode) (string, error) {
	if m.kunj == nil {
		return "", nil
	}
	ks, err := m.kunj.KunjunganTerkini(ctx, desa)
	if err != nil {
		return "", err
	}
	for _, k := range ks {
		if k.Judul == demoKunjungan {
			return k.ID, nil
		}
	}
	return "", nil
}
