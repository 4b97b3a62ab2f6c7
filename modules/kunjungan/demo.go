package kunjungan

import (
	"context"
	"fmt"
	"time"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Demo visits (dev mode only): the bupati's visit to Desa Bengkel of 24
// October 2022 as the news reported it — the TPS3R Bestari, the launch of
// SIMASA, UMKM and BUMDes, the audiensi of the forum perbekel and of
// residents, OPD answering at their stalls — with its commitments, some
// done and some overdue; and a visit to Desa Nyitdah (Kecamatan Kediri,
// which has demo audiensi) planned ten days ahead, its dossiers queued at
// seed time. The store's own methods record them, walking the real
// lifecycle on the days it happened (a demo clock, as audiensi's demo
// does), so nothing bypasses the rules. The commitments' texts are
// invented.

// DemoJudulBengkel is the title of the demo's Bengkel visit (the audiensi
// demo tags the audiensi heard on it with its id).
const DemoJudulBengkel = "Bupati Ngantor di Desa Bengkel"

const (
	demoBengkel tenancy.Kode = "51.02.06.2001"
	demoNyitdah tenancy.Kode = "51.02.06.2011"
)

type demoAgenda struct {
	jenis      JenisAgenda
	judul, ket string
	opd        string // code, for a layanan stall
	hasil      string
}

type demoKomitmen struct {
	isi        string
	penanggung string // OPD code or "desa"
	tenggat    string
	status     StatusKomitmen
	selesai    string // the day it was done
	bukti      string
}

var demoBengkelOPD = []string{"DLH", "DISKOMINFO", "DISKOPUKM", "DPMD", "DINASPUPRPKP", "DINKES", "DISDUKCAPIL", "DISTAN", "BAKEUDA", "CAMATKEDIRI"}

var demoBengkelAgenda = []demoAgenda{
	{AgendaTPS3R, "Peninjauan TPS3R Bestari", "Bupati meninjau pemilahan dan pengolahan sampah organik di TPS3R Bestari bersama pengelola.", "",
		"TPS3R mengolah sampah organik menjadi kompos; residu masih diangkut ke TPA Mandung dengan satu armada."},
	{AgendaLain, "Peluncuran aplikasi SIMASA (Sistem Informasi Manajemen Sampah)", "Aplikasi pencatatan setoran dan iuran sampah rumah tangga Desa Bengkel.", "",
		"SIMASA diluncurkan bupati; 312 kepala keluarga sudah terdaftar."},
	{AgendaUMKM, "Kunjungan UMKM tenun endek dan olahan pangan", "", "", "Perajin meminta bantuan pemasaran dan pelatihan pengemasan."},
	{AgendaBUMDes, "Kunjungan BUMDes Bengkel", "Unit usaha pengelolaan sampah dan simpan pinjam.", "", "BUMDes menyiapkan unit usaha jasa pengangkutan sampah."},
	{AgendaAudiensi, "Audiensi forum perbekel Kecamatan Kediri", "", "", "Perbekel menyampaikan masalah jalan usaha tani, irigasi subak dan pengangkutan residu."},
	{AgendaAudiensi, "Audiensi warga Desa Bengkel", "", "", "Empat audiensi warga dicatat dan diteruskan ke OPD terkait."},
	{AgendaLayanan, "Stan layanan Dinas Lingkungan Hidup", "", "DLH", "Konsultasi bank sampah dan pemilahan."},
	{AgendaLayanan, "Stan layanan Dinas Koperasi dan UKM", "", "DISKOPUKM", "Pendaftaran NIB dan konsultasi PIRT."},
	{AgendaLayanan, "Stan layanan Dinas Pemberdayaan Masyarakat dan Desa", "", "DPMD", "Konsultasi tata kelola BUMDes."},
	{AgendaLayanan, "Stan layanan Dinas PUPRPKP", "", "DINASPUPRPKP", "Pencatatan usulan perbaikan saluran irigasi."},
	{AgendaLayanan, "Stan layanan kependudukan (KTP-el dan KIA)", "", "DISDUKCAPIL", "Perekaman KTP-el untuk 23 warga, termasuk lansia."},
}

var demoBengkelKomitmen = []demoKomitmen{
	{"Menambah satu armada pengangkut residu TPS3R Bestari ke TPA Mandung, dua kali seminggu.", "DLH", "2023-03-31", KomitmenSelesai, "2023-03-20",
		"Truk residu dijadwalkan Senin dan Kamis sejak 20 Maret 2023; berita acara serah terima jadwal dengan pengelola TPS3R."},
	{"Mendampingi desa menghubungkan data setoran SIMASA ke laporan persampahan kabupaten.", "DISKOMINFO", "2023-01-31", KomitmenSelesai, "2023-01-25",
		"Data SIMASA terkirim bulanan ke DLH sejak Januari 2023; pelatihan operator desa dua kali."},
	{"Pelatihan pengemasan dan pendampingan izin PIRT untuk 20 UMKM Desa Bengkel.", "DISKOPUKM", "2023-06-30", KomitmenSelesai, "2023-06-14",
		"Pelatihan 14 Juni 2023 diikuti 22 pelaku UMKM; 9 PIRT terbit, sisanya dalam proses."},
	{"Pendampingan rencana usaha BUMDes unit jasa pengangkutan sampah.", "DPMD", "2023-02-28", KomitmenSelesai, "2023-03-10",
		"Rencana usaha BUMDes disahkan musyawarah desa 10 Maret 2023."},
	{"Perbaikan tembok saluran irigasi Subak Pangkung Prabu sepanjang 120 meter.", "DINASPUPRPKP", "2023-08-31", Proses, "",
		"Masuk usulan DAK irigasi; survei teknis selesai, pekerjaan belum dimulai."},
	{"Menambah alat ukur gula darah dan strip untuk Posyandu lansia Banjar Bengkel Kawan.", "DINKES", "2022-12-31", Belum, "", ""},
	{"Menyusun Perdes pengelolaan sampah berbasis sumber dan iuran SIMASA.", PenanggungDesa, "2023-06-30", Proses, "",
		"Rancangan Perdes sudah dibahas bersama BPD; menunggu fasilitasi bagian hukum."},
}

var demoNyitdahOPD = []string{"DLH", "DINASPUPRPKP", "DINKES", "DISTAN", "DISDUKCAPIL", "DISKOPUKM", "DPMD"}

var demoNyitdahAgenda = []demoAgenda{
	{AgendaTPS3R, "Peninjauan pemilahan sampah dan bank sampah desa", "", "", ""},
	{AgendaUMKM, "Kunjungan sentra olahan pangan dan gerabah", "", "", ""},
	{AgendaBUMDes, "Kunjungan BUMDes unit air bersih", "", "", ""},
	{AgendaLayanan, "Stan layanan kependudukan", "", "DISDUKCAPIL", ""},
	{AgendaLayanan, "Stan layanan kesehatan (cek kesehatan gratis)", "", "DINKES", ""},
	{AgendaAudiensi, "Audiensi warga dan forum perbekel", "", "", ""},
}

// demoJam is the clock the demo runs the store on.
type demoJam struct{ t time.Time }

func (c *demoJam) now() time.Time { return c.t }

func (c *demoJam) pada(d string, hour int) {
	t := civil.Date(d).Time()
	c.t = time.Date(t.Year(), t.Month(), t.Day(), hour, 0, 0, 0, civil.Zone(demoBengkel))
}

// SeedDemo adds the demo visits (dev mode); a desa that has a visit
// already is left as it is.
func (m *Module) SeedDemo(ctx context.Context) error {
	if m.opd == nil {
		return nil
	}
	opds, err := m.opd.Daftar(ctx, demoBengkel.Up(tenancy.Kabupaten))
	if err != nil {
		return err
	}
	byKode := map[string]OPD{}
	for _, o := range opds {
		byKode[o.Kode] = o
	}
	ids := func(kodes []string) []string {
		var out []string
		for _, k := range kodes {
			if o, ok := byKode[k]; ok && o.Aktif {
				out = append(out, o.ID)
			}
		}
		return out
	}
	agenda := func(xs []demoAgenda) []AgendaData {
		var out []AgendaData
		for _, x := range xs {
			a := AgendaData{Jenis: x.jenis, Judul: x.judul, Keterangan: x.ket}
			if x.opd != "" {
				o, ok := byKode[x.opd]
				if !ok {
					continue
				}
				a.OPDID = o.ID
			}
			out = append(out, a)
		}
		return out
	}
	kantor := auth.WithUser(ctx, auth.User{ID: "demo:protokol", Name: "Bagian Protokol Setda (demo)"})
	if err := m.demoBengkel(kantor, ids, agenda, byKode); err != nil {
		return fmt.Errorf("demo kunjungan Bengkel: %w", err)
	}
	if err := m.demoNyitdah(kantor, ids, agenda); err != nil {
		return fmt.Errorf("demo kunjungan Nyitdah: %w", err)
	}
	return nil
}

func (m *Module) adaKunjungan(ctx context.Context) (bool, error) {
	p, err := m.Daftar(ctx, DaftarQuery{Params: page.Params{Limit: 1}})
	return len(p.Items) > 0, err
}

func (m *Module) demoBengkel(ctx context.Context, ids func([]string) []string, agenda func([]demoAgenda) []AgendaData, byKode map[string]OPD) error {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: demoBengkel})
	if ada, err := m.adaKunjungan(ctx); err != nil || ada {
		return err
	}
	jam := &demoJam{}
	d := *m
	d.now = jam.now
	jam.pada("2022-10-10", 9)
	det, err := d.Buat(ctx, KunjunganData{Tanggal: "2022-10-24", Judul: DemoJudulBengkel,
		Keterangan: "Bupati bersama Sekda, para asisten dan OPD berkantor sehari di Desa Bengkel, Kecamatan Kediri.",
		OPD:        ids(demoBengkelOPD), CamatHadir: true, ForumHadir: true, Agenda: agenda(demoBengkelAgenda)})
	if err != nil {
		return err
	}
	jam.pada("2022-10-24", 8)
	if _, err := d.Mulai(ctx, det.ID); err != nil {
		return err
	}
	jam.pada("2022-10-24", 15)
	for i, a := range demoBengkelAgenda {
		if i >= len(det.Agenda) {
			break
		}
		if _, err := d.HasilAgenda(ctx, det.ID, det.Agenda[i].Urut, HasilAgendaData{Terlaksana: true, Hasil: a.hasil}); err != nil {
			return err
		}
	}
	var komitmen []Komitmen
	for _, x := range demoBengkelKomitmen {
		pj := x.penanggung
		if pj != PenanggungDesa {
			o, ok := byKode[pj]
			if !ok {
				continue
			}
			pj = o.ID
		}
		c, err := d.BuatKomitmen(ctx, det.ID, KomitmenData{Isi: x.isi, Penanggung: pj, Tenggat: civil.Date(x.tenggat)})
		if err != nil {
			return err
		}
		komitmen = append(komitmen, c)
	}
	hadir := ids(demoBengkelOPD)
	if _, err := d.Selesaikan(ctx, det.ID, SelesaiData{CamatHadir: true, ForumHadir: true, OPDHadir: hadir,
		CatatanHasil: "Kunjungan terlaksana sesuai agenda; SIMASA diluncurkan; tujuh komitmen tindak lanjut dicatat."}); err != nil {
		return err
	}
	i := 0
	for _, x := range demoBengkelKomitmen {
		if x.penanggung != PenanggungDesa {
			if _, ok := byKode[x.penanggung]; !ok {
				continue
			}
		}
		c := komitmen[i]
		i++
		switch x.status {
		case Proses:
			jam.pada("2023-04-03", 10)
		case KomitmenSelesai:
			jam.pada(x.selesai, 10)
		default:
			continue
		}
		if _, err := d.UbahKomitmen(ctx, det.ID, c.ID, KemajuanData{Status: x.status, Bukti: x.bukti}); err != nil {
			return err
		}
	}
	return nil
}

func (m *Module) demoNyitdah(ctx context.Context, ids func([]string) []string, agenda func([]demoAgenda) []AgendaData) error {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: demoNyitdah})
	if ada, err := m.adaKunjungan(ctx); err != nil || ada {
		return err
	}
	det, err := m.Buat(ctx, KunjunganData{Tanggal: m.hariIni(ctx).AddDate(0, 0, 10), Judul: "Bupati Ngantor di Desa Nyitdah",
		Keterangan: "Kunjungan kerja bupati bersama OPD ke Desa Nyitdah, Kecamatan Kediri.",
		OPD:        ids(demoNyitdahOPD), CamatHadir: true, ForumHadir: true, Agenda: agenda(demoNyitdahAgenda)})
	if err != nil {
		return err
	}
	desa := auth.WithUser(ctx, auth.User{ID: "demo:perbekel:nyitdah", Name: "Perbekel Nyitdah (demo)"})
	_, err = m.TambahAgenda(desa, det.ID, AgendaData{Jenis: AgendaIsu, Judul: "Air PDAM sering mati setiap sore",
		Keterangan: "Warga Banjar Nyitdah Kaja meminta kepastian jadwal perbaikan pipa distribusi."}, OlehDesa)
	return err
}
