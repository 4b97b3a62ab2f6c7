package kunjungan

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The dashboards of a kabupaten (the bupati, the office, each OPD within
// its field) and of a kecamatan (the camat): the modules' key indicators
// per desa and per kecamatan, the visits of the year, and what is overdue
// per OPD. The indicators come from the providers, each asked once for
// the whole wilayah; visits and commitments from this module's tables;
// overdue audiensi per recipient from the audiensi module (AudiensiTerlambat).

// AudiensiTerlambat counts overdue audiensi parts per recipient (an OPD
// id, or "desa") in a wilayah (modules/audiensi, wired by cmd).
type AudiensiTerlambat interface {
	TerlambatPerPenerima(ctx context.Context, wilayah tenancy.Kode) (map[string]int64, error)
}

// BasiHari is how long a desa may go without any entry before it is on
// the camat's coaching list.
const BasiHari = 60

// bidangOPD is which sources' indicators an OPD sees on the kabupaten
// dashboard, by its registry code: its own field (urusan, UU 23/2014
// Lampiran) as the modules cover it. Every OPD also sees bidangSemua; an
// OPD not listed sees only those. Our own mapping, kept as data.
var bidangOPD = map[string][]string{
	"DLH":         {"sampah"},
	"DISKOPUKM":   {"umkm"},
	"DISPERINDAG": {"umkm"},
	"DPMPTSP":     {"umkm"},
	"DPMD":        {"keuangan", "administration", "persuratan"},
	"BAKEUDA":     {"keuangan"},
	"INSPEKTORAT": {"keuangan"},
	"DISDUKCAPIL": {"administration"},
	"DISKOMINFO":  {"cctv"},
	"SATPOLPP":    {"cctv"},
	"SETDA":       {"keuangan", "administration", "persuratan", "sampah", "cctv", "umkm"},
	"BPPDPP":      {"keuangan", "administration", "persuratan", "sampah", "cctv", "umkm"},
}

// bidangSemua are the sources every OPD sees (its audiensi are routed
// to it; the visits and commitments are this module's own).
var bidangSemua = []string{"audiensi"}

// halamanSumber is where a source's figures come from: its page of a
// kecamatan or kabupaten, and of one desa (%s is the code).
var halamanSumber = map[string][2]string{
	"administration": {"/wilayah/%s", "/desa/%s/administrasi"},
	"persuratan":     {"/wilayah/%s", "/desa/%s/surat/keluar"},
	"keuangan":       {"/wilayah/%s/keuangan", "/desa/%s/keuangan"},
	"sampah":         {"/wilayah/%s/sampah", "/desa/%s/sampah"},
	"cctv":           {"/wilayah/%s/cctv", "/desa/%s/cctv"},
	"umkm":           {"/wilayah/%s/umkm", "/desa/%s/umkm"},
	"audiensi":       {"/wilayah/%s/audiensi", "/desa/%s/audiensi"},
}

// namaSumber names a source module for the coaching list.
var namaSumber = map[string]string{
	"administration": "Administrasi desa",
	"persuratan":     "Persuratan",
	"keuangan":       "Keuangan desa",
	"sampah":         "Pengelolaan sampah",
	"cctv":           "CCTV desa",
	"umkm":           "UMKM & BUMDes",
	"audiensi":       "Audiensi warga",
}

func tautanSumber(source string, desa bool, k tenancy.Kode) string {
	h, ok := halamanSumber[source]
	if !ok {
		return ""
	}
	i := 0
	if desa {
		i = 1
	}
	return strings.Replace(h[i], "%s", string(k), 1)
}

// tautanKomitmen is the list of a wilayah's commitments, of one
// penanggung when given.
func tautanKomitmen(k tenancy.Kode, penanggung string) string {
	s := "/wilayah/" + string(k) + "/komitmen"
	if penanggung != "" {
		s += "?penanggung=" + penanggung
	}
	return s
}

// Dasbor is the dashboard of a kecamatan or kabupaten as one user may see
// it.
type Dasbor struct {
	Wilayah tenancy.Kode `json:"wilayah"`
	Nama    string       `json:"nama"`
	Tingkat string       `json:"tingkat" enum:"kabupaten,kecamatan"`
	Tanggal civil.Date   `json:"tanggal" doc:"Hari ini di wilayah; angka keadaan per hari ini"`
	Periode struct {
		Dari   civil.Date `json:"dari"`
		Sampai civil.Date `json:"sampai"`
	} `json:"periode" doc:"Rentang angka kejadian (tahun berjalan)"`
	// Bidang is the OPD the figures are cut to ("" for the office, the
	// bupati and the camat).
	Bidang    string              `json:"bidang,omitempty" doc:"Kode OPD bila dasbor dibatasi pada bidang OPD pengguna"`
	Kolom     []DasborKolom       `json:"kolom" doc:"Indikator yang boleh dilihat pengguna"`
	Kecamatan []DasborBaris       `json:"kecamatan,omitempty" doc:"Per kecamatan (hanya dasbor kabupaten)"`
	Desa      []DasborBaris       `json:"desa"`
	Kunjungan DasborKunjungan     `json:"kunjungan"`
	Tertunda  []DasborPenanggung  `json:"tertunda" doc:"Audiensi dan komitmen yang melewati tenggat, per OPD (dan desa)"`
	Pembinaan []DasborPembinaan   `json:"pembinaan,omitempty" doc:"Dasbor kecamatan: desa tanpa entri data 60 hari terakhir"`
	Basi      *DasborPembinaanCek `json:"pembinaan_cek,omitempty"`
}

// DasborPembinaanCek says on what the coaching list was judged.
type DasborPembinaanCek struct {
	Batas  civil.Date `json:"batas" doc:"Entri terakhir sebelum tanggal ini dianggap basi"`
	Sumber []string   `json:"sumber" doc:"Modul yang melaporkan tanggal entri terakhir dan boleh dilihat pengguna"`
}

// DasborKolom is one indicator column.
type DasborKolom struct {
	Kunci  string `json:"kunci" doc:"sumber.kode, kunci dalam nilai"`
	Sumber string `json:"sumber"`
	Nama   string `json:"nama"`
	Satuan string `json:"satuan,omitempty"`
	// Agregat is how a kecamatan row sums its desa: jumlah (counts of
	// things) or median (shares, rates, stages).
	Agregat string `json:"agregat" enum:"jumlah,median"`
	Tautan  string `json:"tautan" doc:"Halaman sumber angka untuk wilayah ini"`
	scaled  int    // 0 plain, 1 basis points, 2 hundredths, 3 thousandths
}

// DasborBaris is a desa or a kecamatan with its figures.
type DasborBaris struct {
	Kode      tenancy.Kode     `json:"kode"`
	Nama      string           `json:"nama"`
	Kecamatan string           `json:"kecamatan,omitempty"`
	Nilai     map[string]int64 `json:"nilai" doc:"Per kunci kolom; kunci yang tidak ada: belum ada data"`
	// This module's own figures.
	KunjunganSelesai  int         `json:"kunjungan_selesai" doc:"Kunjungan selesai tahun ini"`
	KunjunganTerakhir *civil.Date `json:"kunjungan_terakhir,omitempty"`
	KunjunganID       string      `json:"kunjungan_id,omitempty" doc:"Kunjungan terakhir yang selesai (desa)"`
	KomitmenTerbuka   int         `json:"komitmen_terbuka"`
	KomitmenTerlambat int         `json:"komitmen_terlambat"`
	JumlahDesa        int         `json:"jumlah_desa,omitempty" doc:"Kecamatan: desa di dalamnya"`
	DesaDikunjungi    int         `json:"desa_dikunjungi,omitempty" doc:"Kecamatan: desa dengan kunjungan selesai tahun ini"`
	Tautan            string      `json:"tautan" doc:"Halaman wilayah ini"`
}

// DasborKunjungan is the visits of the year.
type DasborKunjungan struct {
	Tahun          int   `json:"tahun"`
	Selesai        int   `json:"selesai"`
	Direncanakan   int   `json:"direncanakan" doc:"Direncanakan atau sedang berlangsung"`
	Dibatalkan     int   `json:"dibatalkan"`
	DesaDikunjungi int   `json:"desa_dikunjungi" doc:"Desa berbeda dengan kunjungan selesai tahun ini"`
	JumlahDesa     int   `json:"jumlah_desa"`
	DikunjungiBP   int64 `json:"dikunjungi_bp" doc:"Bagian desa yang dikunjungi, basis poin (1/100 %)"`
	// Daftar is the year's visits the user may open, next first then
	// latest (at most 20).
	Daftar []DasborKunjunganItem `json:"daftar"`
	Tautan string                `json:"tautan"`
}

// DasborKunjunganItem is a visit in the dashboard's list.
type DasborKunjunganItem struct {
	ID       string       `json:"id"`
	Desa     tenancy.Kode `json:"desa"`
	NamaDesa string       `json:"nama_desa"`
	Tanggal  civil.Date   `json:"tanggal"`
	Judul    string       `json:"judul"`
	Status   Status       `json:"status" enum:"direncanakan,berlangsung,selesai,dibatalkan"`
	Tautan   string       `json:"tautan"`
}

// DasborPenanggung is what one OPD (or the desa) has overdue.
type DasborPenanggung struct {
	Penanggung        string `json:"penanggung" doc:"id OPD, atau \"desa\""`
	Kode              string `json:"kode,omitempty"`
	Nama              string `json:"nama"`
	KomitmenTerbuka   int    `json:"komitmen_terbuka"`
	KomitmenTerlambat int    `json:"komitmen_terlambat"`
	AudiensiTerlambat int64  `json:"audiensi_terlambat"`
	TautanKomitmen    string `json:"tautan_komitmen"`
	TautanAudiensi    string `json:"tautan_audiensi,omitempty"`
}

// DasborPembinaan is a desa on the camat's coaching list.
type DasborPembinaan struct {
	Desa     tenancy.Kode `json:"desa"`
	Nama     string       `json:"nama"`
	Terakhir *civil.Date  `json:"terakhir,omitempty" doc:"Entri terakhir di modul mana pun; kosong bila belum pernah"`
	Sumber   string       `json:"sumber,omitempty" doc:"Modul entri terakhir"`
	Hari     int          `json:"hari,omitempty" doc:"Hari sejak entri terakhir"`
	Tautan   string       `json:"tautan"`
}

var errDasborTingkat = fault.Field("path.kode", "Dasbor kunjungan kerja tersedia untuk kabupaten dan kecamatan, bukan untuk satu desa.")

// LihatDasbor builds the dashboard of kode (a kecamatan or kabupaten) for
// the signed-in user of ctx, who holds PermDasbor there.
func (m *Module) LihatDasbor(ctx context.Context, kode tenancy.Kode) (Dasbor, error) {
	lvl := kode.Level()
	if lvl != tenancy.Kabupaten && lvl != tenancy.Kecamatan {
		return Dasbor{}, errDasborTingkat
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kode})
	today := civil.Today(m.now(), kode)
	d := Dasbor{Wilayah: kode, Nama: string(kode), Tingkat: "kecamatan", Tanggal: today,
		Kolom: []DasborKolom{}, Desa: []DasborBaris{}, Tertunda: []DasborPenanggung{}}
	if lvl == tenancy.Kabupaten {
		d.Tingkat = "kabupaten"
	}
	d.Periode.Dari, d.Periode.Sampai = civil.Date(today[:4]+"-01-01"), today
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, kode); err == nil && n != "" {
			d.Nama = n
		}
	}

	// Who: the office (and the bupati) everything, an OPD member its
	// field and its own row, the camat its kecamatan.
	v := m.pandanganOf(ctx)
	var sumber map[string]bool // nil: every source
	if v.opd != nil {
		d.Bidang = v.opd.Kode
		sumber = map[string]bool{}
		for _, s := range append(slices.Clone(bidangSemua), bidangOPD[v.opd.Kode]...) {
			sumber[s] = true
		}
	}

	var desa []Desa
	if m.regions != nil {
		var err error
		if desa, err = m.regions.DesaIn(ctx, kode); err != nil {
			return Dasbor{}, err
		}
	}
	rows := make(map[tenancy.Kode]*DasborBaris, len(desa))
	d.Desa = make([]DasborBaris, len(desa))
	for i, x := range desa {
		d.Desa[i] = DasborBaris{Kode: x.Kode, Nama: x.Nama, Kecamatan: x.NamaKecamatan, Nilai: map[string]int64{},
			Tautan: "/wilayah/" + string(x.Kode)}
		rows[x.Kode] = &d.Desa[i]
	}

	period := indicator.Period{From: d.Periode.Dari, To: today}
	basi, err := m.dasborIndikator(ctx, kode, period, sumber, &d, rows)
	if err != nil {
		return Dasbor{}, err
	}
	if err := m.dasborSendiri(ctx, kode, today, v, &d, rows); err != nil {
		return Dasbor{}, err
	}
	if lvl == tenancy.Kabupaten {
		d.Kecamatan = kecamatanRows(d, kode)
	} else {
		if d.Basi == nil {
			d.Basi = &DasborPembinaanCek{Sumber: []string{}}
		}
		d.Basi.Batas = today.AddDate(0, 0, -BasiHari)
		d.Pembinaan = []DasborPembinaan{}
		if len(d.Basi.Sumber) > 0 {
			d.Pembinaan = pembinaan(d.Desa, basi, today)
		}
	}
	return d, nil
}

// terakhir is a desa's latest entry in any source.
type terakhir struct {
	t      time.Time
	source string
}

// dasborIndikator fills the indicator columns and values: each
// definition the user may see at kode (never a personal one: these are
// aggregate dashboards), cut to the OPD's field; each provider asked once.
// It returns each desa's latest entry ("diperbarui") across the sources
// the user may see.
func (m *Module) dasborIndikator(ctx context.Context, kode tenancy.Kode, period indicator.Period, sumber map[string]bool,
	d *Dasbor, rows map[tenancy.Kode]*DasborBaris) (map[tenancy.Kode]terakhir, error) {
	basi := map[tenancy.Kode]terakhir{}
	if m.indicators == nil {
		return basi, nil
	}
	u, _ := auth.UserFrom(ctx)
	allowed := map[authz.Permission]bool{}
	may := func(p authz.Permission) (bool, error) {
		ok, seen := allowed[p]
		if !seen {
			var err error
			if m.authz == nil {
				return false, nil
			}
			if ok, err = m.authz.Allowed(ctx, u.ID, kode, p); err != nil {
				return false, err
			}
			allowed[p] = ok
		}
		return ok, nil
	}
	var cek []string
	type ask struct {
		n     int // the provider's place in the list: part of its cache key
		p     indicator.Provider
		codes []string
		kolom map[string]int // code → index in d.Kolom
		vals  []indicator.Value
	}
	var asks []*ask
	for n, p := range m.indicators() {
		a := &ask{n: n, p: p, kolom: map[string]int{}}
		for _, def := range p.Definitions() {
			if def.Personal || (sumber != nil && !sumber[def.Source]) {
				continue
			}
			ok, err := may(def.Permission)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			if def.Code == indicator.Diperbarui {
				if def.Kind == indicator.Time {
					a.codes = append(a.codes, def.Code)
					cek = append(cek, namaOf(def.Source))
				}
				continue
			}
			if def.Kind != indicator.Count {
				continue
			}
			a.codes = append(a.codes, def.Code)
			nama := def.Nama
			if def.Periodic {
				nama += " (tahun ini)"
			}
			k := DasborKolom{Kunci: def.Source + "." + def.Code, Sumber: def.Source, Nama: nama, Satuan: def.Satuan,
				Agregat: "jumlah", Tautan: tautanSumber(def.Source, false, kode), scaled: skala(def.Satuan)}
			if k.scaled != 0 || !aditif(def.Satuan) {
				k.Agregat = "median"
			}
			a.kolom[def.Code] = len(d.Kolom)
			d.Kolom = append(d.Kolom, k)
		}
		if len(a.codes) > 0 {
			asks = append(asks, a)
		}
	}
	// Each provider once, a few at a time (they read different modules'
	// tables), through the short-lived cache (indicator.Cache: the
	// dashboards are opened by many at the start of a working day).
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(indikatorParalel)
	for _, a := range asks {
		g.Go(func() error {
			var err error
			a.vals, err = m.indCache.GetAt(gctx, m.now(), a.n, kode, period, a.codes, func(ctx context.Context) ([]indicator.Value, error) {
				return a.p.Indicators(ctx, kode, period, a.codes)
			})
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for _, a := range asks {
		for _, val := range a.vals {
			b, ok := rows[val.Desa]
			if !ok {
				continue // outside the wilayah: never shown
			}
			if val.Code == indicator.Diperbarui {
				if !slices.Contains(a.codes, val.Code) {
					continue
				}
				if old, ok := basi[val.Desa]; !ok || val.Time.After(old.t) {
					basi[val.Desa] = terakhir{t: val.Time, source: val.Source}
				}
				continue
			}
			i, ok := a.kolom[val.Code]
			if !ok || d.Kolom[i].Sumber != val.Source {
				continue // a code not asked for
			}
			b.Nilai[d.Kolom[i].Kunci] = val.Number
		}
	}
	if kode.Level() == tenancy.Kecamatan {
		d.Basi = &DasborPembinaanCek{Sumber: cek}
		if d.Basi.Sumber == nil {
			d.Basi.Sumber = []string{}
		}
	}
	return basi, nil
}

func namaOf(source string) string {
	if n, ok := namaSumber[source]; ok {
		return n
	}
	return source
}

// skala reads a unit: 1 for basis points, 2 for hundredths, 0 plain.
func skala(satuan string) int {
	switch {
	case strings.HasPrefix(satuan, "bp"):
		return 1
	case strings.HasPrefix(satuan, "1/1000 "): // before "1/100", its prefix
		return 3
	case strings.HasPrefix(satuan, "1/100"):
		return 2
	}
	return 0
}

// aditif: counts of things add up over desa; stages, rates per
// population and shares do not.
func aditif(satuan string) bool {
	return !strings.Contains(satuan, "/") && !strings.Contains(satuan, "per ") && satuan != "tahap"
}

// Teks writes a value of the column the Indonesian way: 9250 bp is
// "92,50 %", 350 hundredths "3,50".
func (k DasborKolom) Teks(n int64) string {
	switch k.scaled {
	case 1:
		return valid.FormatBP(n)
	case 2:
		return strings.TrimSuffix(valid.FormatBP(n), " %")
	case 3: // 1333 thousandths: "1,333"
		sign := ""
		if n < 0 {
			sign, n = "-", -n
		}
		return fmt.Sprintf("%s%s,%03d", sign, valid.Angka(n/1000), n%1000)
	}
	return valid.Angka(n)
}

type kunjunganBaris struct {
	DesaID  int64      `bun:"desa_id"`
	ID      string     `bun:"id"`
	Tanggal civil.Date `bun:"tanggal"`
	Judul   string     `bun:"judul"`
	Status  Status     `bun:"status"`
}

type komitmenBaris struct {
	DesaID         int64      `bun:"desa_id"`
	Penanggung     string     `bun:"penanggung"`
	PenanggungNama string     `bun:"penanggung_nama"`
	Tenggat        civil.Date `bun:"tenggat"`
}

// dasborSendiri adds this module's figures: the year's visits and the
// open commitments, in two queries over the wilayah, plus the overdue
// audiensi per recipient.
func (m *Module) dasborSendiri(ctx context.Context, kode tenancy.Kode, today civil.Date, v pandangan, d *Dasbor, rows map[tenancy.Kode]*DasborBaris) error {
	var ks, lama []kunjunganBaris
	var cs []komitmenBaris
	var ikut map[string]bool // an OPD member: the visits its OPD takes part in
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Kunjungan)(nil)).Column("desa_id", "id", "tanggal", "judul", "status").
			Where("k.tanggal BETWEEN ? AND ?", d.Periode.Dari, civil.Date(today[:4]+"-12-31")))
		if err != nil {
			return err
		}
		if err := sel.Scan(ctx, &ks); err != nil {
			return err
		}
		// Earlier years' visits held: only for each desa's last visit
		// (a few a year per kabupaten: no need to group in SQL).
		lsel, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Kunjungan)(nil)).Column("desa_id", "id", "tanggal", "judul", "status").
			Where("k.tanggal < ? AND k.status = ?", d.Periode.Dari, Selesai))
		if err != nil {
			return err
		}
		if err := lsel.Scan(ctx, &lama); err != nil {
			return err
		}
		csel := tx.NewSelect().Model((*Komitmen)(nil)).Column("desa_id", "penanggung", "penanggung_nama", "tenggat").
			Where("c.status <> ?", KomitmenSelesai)
		if v.opd != nil {
			csel = csel.Where("c.penanggung = ?", v.opd.ID)
		}
		if csel, err = tenancy.Scope(ctx, csel); err != nil {
			return err
		}
		if err := csel.Scan(ctx, &cs); err != nil {
			return err
		}
		if v.opd == nil {
			return nil
		}
		var ids []string
		osel, err := tenancy.Scope(ctx, tx.NewSelect().Model((*PesertaOPD)(nil)).Column("kunjungan_id").Where("o.opd_id = ?", v.opd.ID))
		if err != nil {
			return err
		}
		if err := osel.Scan(ctx, &ids); err != nil {
			return err
		}
		ikut = map[string]bool{}
		for _, id := range ids {
			ikut[id] = true
		}
		return nil
	})
	if err != nil {
		return err
	}

	// Visits.
	kv := &d.Kunjungan
	kv.Tahun, kv.JumlahDesa, kv.Tautan = today.Year(), len(rows), "/wilayah/"+string(kode)+"/kunjungan"
	kv.Daftar = []DasborKunjunganItem{}
	dikunjungi := map[tenancy.Kode]bool{}
	var datang, lalu []DasborKunjunganItem
	for _, k := range ks {
		desa := tenancy.KodeOfDesaID(k.DesaID)
		b := rows[desa]
		switch k.Status {
		case Selesai:
			kv.Selesai++
			if b != nil {
				dikunjungi[desa] = true
				b.KunjunganSelesai++
				if b.KunjunganTerakhir == nil || b.KunjunganTerakhir.Before(k.Tanggal) {
					t := k.Tanggal
					b.KunjunganTerakhir, b.KunjunganID = &t, k.ID
				}
			}
		case Direncanakan, Berlangsung:
			kv.Direncanakan++
		case Dibatalkan:
			kv.Dibatalkan++
		}
		if ikut != nil && !ikut[k.ID] {
			continue // not a visit its OPD may open
		}
		it := DasborKunjunganItem{ID: k.ID, Desa: desa, NamaDesa: string(desa), Tanggal: k.Tanggal, Judul: k.Judul, Status: k.Status,
			Tautan: "/kunjungan/" + k.ID}
		if b != nil {
			it.NamaDesa = b.Nama
		}
		if k.Tanggal.Before(today) || k.Status == Selesai || k.Status == Dibatalkan {
			lalu = append(lalu, it)
		} else {
			datang = append(datang, it)
		}
	}
	for _, k := range lama {
		if b := rows[tenancy.KodeOfDesaID(k.DesaID)]; b != nil && (b.KunjunganTerakhir == nil || b.KunjunganTerakhir.Before(k.Tanggal)) {
			t := k.Tanggal
			b.KunjunganTerakhir, b.KunjunganID = &t, k.ID
		}
	}
	if ikut != nil {
		for _, b := range rows {
			if b.KunjunganID != "" && !ikut[b.KunjunganID] {
				b.KunjunganID = "" // the date stays, the link goes
			}
		}
	}
	kv.DesaDikunjungi = len(dikunjungi)
	if bp, ok := valid.BasisPoin(int64(kv.DesaDikunjungi), int64(kv.JumlahDesa)); ok {
		kv.DikunjungiBP = bp
	}
	sort.Slice(datang, func(i, j int) bool {
		return datang[i].Tanggal < datang[j].Tanggal || (datang[i].Tanggal == datang[j].Tanggal && datang[i].ID < datang[j].ID)
	})
	sort.Slice(lalu, func(i, j int) bool {
		return lalu[i].Tanggal > lalu[j].Tanggal || (lalu[i].Tanggal == lalu[j].Tanggal && lalu[i].ID > lalu[j].ID)
	})
	kv.Daftar = append(kv.Daftar, datang[:min(len(datang), 10)]...)
	kv.Daftar = append(kv.Daftar, lalu[:min(len(lalu), 20-len(kv.Daftar))]...)

	// Commitments per desa and per penanggung.
	per := map[string]*DasborPenanggung{}
	row := func(p, nama string) *DasborPenanggung {
		x := per[p]
		if x == nil {
			x = &DasborPenanggung{Penanggung: p, Nama: nama, TautanKomitmen: tautanKomitmen(kode, p)}
			per[p] = x
		}
		return x
	}
	for _, c := range cs {
		terlambat := c.Tenggat.Before(today)
		if b := rows[tenancy.KodeOfDesaID(c.DesaID)]; b != nil {
			b.KomitmenTerbuka++
			if terlambat {
				b.KomitmenTerlambat++
			}
		}
		nama := c.PenanggungNama
		if c.Penanggung == PenanggungDesa {
			nama = "Pemerintah desa"
		}
		x := row(c.Penanggung, nama)
		x.KomitmenTerbuka++
		if terlambat {
			x.KomitmenTerlambat++
		}
	}
	if m.terlambat != nil {
		at, err := m.terlambat.TerlambatPerPenerima(ctx, kode)
		if err != nil {
			return err
		}
		for p, n := range at {
			if v.opd != nil && p != v.opd.ID {
				continue
			}
			nama := p
			if p == PenanggungDesa {
				nama = "Pemerintah desa"
			}
			row(p, nama).AudiensiTerlambat += n
		}
	}
	// Names and codes from the registry (commitments keep the name they
	// were made with; the audiensi counts come by id only).
	if m.opd != nil && len(per) > 0 {
		os, err := m.opd.Daftar(ctx, kode.Up(tenancy.Kabupaten))
		if err != nil {
			return err
		}
		for _, o := range os {
			if x := per[o.ID]; x != nil {
				x.Kode, x.Nama = o.Kode, o.Nama
				x.TautanAudiensi = "/opd/" + o.ID + "/audiensi"
			}
		}
	}
	for _, x := range per {
		if x.Penanggung != PenanggungDesa && x.Kode == "" && x.KomitmenTerbuka == 0 {
			continue // an id the registry no longer knows, with audiensi only
		}
		d.Tertunda = append(d.Tertunda, *x)
	}
	sort.Slice(d.Tertunda, func(i, j int) bool {
		a, b := d.Tertunda[i], d.Tertunda[j]
		ta, tb := int64(a.KomitmenTerlambat)+a.AudiensiTerlambat, int64(b.KomitmenTerlambat)+b.AudiensiTerlambat
		if ta != tb {
			return ta > tb
		}
		return a.Nama < b.Nama
	})
	return nil
}

// kecamatanRows sums the desa rows of a kabupaten per kecamatan: counts
// of things add up, shares and rates take the median of the desa that
// have a value.
func kecamatanRows(d Dasbor, kab tenancy.Kode) []DasborBaris {
	var order []tenancy.Kode
	by := map[tenancy.Kode]*DasborBaris{}
	vals := map[tenancy.Kode]map[string][]int64{}
	for _, b := range d.Desa {
		k := b.Kode.Up(tenancy.Kecamatan)
		x := by[k]
		if x == nil {
			x = &DasborBaris{Kode: k, Nama: b.Kecamatan, Nilai: map[string]int64{}, Tautan: "/wilayah/" + string(k) + "/dasbor"}
			by[k] = x
			vals[k] = map[string][]int64{}
			order = append(order, k)
		}
		x.JumlahDesa++
		if b.KunjunganSelesai > 0 {
			x.DesaDikunjungi++
		}
		x.KunjunganSelesai += b.KunjunganSelesai
		if b.KunjunganTerakhir != nil && (x.KunjunganTerakhir == nil || x.KunjunganTerakhir.Before(*b.KunjunganTerakhir)) {
			t := *b.KunjunganTerakhir
			x.KunjunganTerakhir = &t
		}
		x.KomitmenTerbuka += b.KomitmenTerbuka
		x.KomitmenTerlambat += b.KomitmenTerlambat
		for key, n := range b.Nilai {
			vals[k][key] = append(vals[k][key], n)
		}
	}
	out := make([]DasborBaris, 0, len(order))
	for _, k := range order {
		x := by[k]
		for _, c := range d.Kolom {
			ns := vals[k][c.Kunci]
			if len(ns) == 0 {
				continue
			}
			if c.Agregat == "jumlah" {
				var s int64
				for _, n := range ns {
					s += n
				}
				x.Nilai[c.Kunci] = s
			} else {
				x.Nilai[c.Kunci] = medianBulat(ns)
			}
		}
		out = append(out, *x)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kode < out[j].Kode })
	return out
}

func medianBulat(ns []int64) int64 {
	s := slices.Clone(ns)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2] + 1) / 2
}

// pembinaan is the camat's coaching list: the desa whose latest entry in
// any source is older than BasiHari days, or that have none, longest
// silent first.
func pembinaan(desa []DasborBaris, basi map[tenancy.Kode]terakhir, today civil.Date) []DasborPembinaan {
	batas := today.AddDate(0, 0, -BasiHari)
	out := []DasborPembinaan{}
	for _, b := range desa {
		p := DasborPembinaan{Desa: b.Kode, Nama: b.Nama, Tautan: "/wilayah/" + string(b.Kode)}
		t, ok := basi[b.Kode]
		if ok {
			dt := civil.DateOf(t.t.In(civil.Zone(b.Kode)))
			if !dt.Before(batas) {
				continue
			}
			p.Terakhir, p.Sumber = &dt, namaOf(t.source)
			p.Hari = int(today.Time().Sub(dt.Time()).Hours() / 24)
			if l := tautanSumber(t.source, true, b.Kode); l != "" {
				p.Tautan = l
			}
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Terakhir == nil) != (b.Terakhir == nil) {
			return a.Terakhir == nil
		}
		if a.Terakhir != nil && *a.Terakhir != *b.Terakhir {
			return a.Terakhir.Before(*b.Terakhir)
		}
		return a.Desa < b.Desa
	})
	return out
}

// indikatorParalel bounds the providers one dashboard asks at a time.
const indikatorParalel = 3
