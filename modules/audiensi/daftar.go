package audiensi

import (
	"context"
	"sort"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Query filters a desa's list.
type Query struct {
	page.Params
	Status    Status
	Kategori  string
	Terlambat bool
	// Kunjungan limits to those heard during a visit (its id).
	Kunjungan string
}

func (q Query) cek(ref Referensi) error {
	if q.Status != "" && !q.Status.Valid() {
		return fault.Field("query.status", "Status %q tidak dikenal.", q.Status)
	}
	if _, ok := ref.KategoriOf(q.Kategori); q.Kategori != "" && !ok {
		return fault.Field("query.kategori", "Kategori %q tidak dikenal.", q.Kategori)
	}
	return nil
}

// Baris is one audiensi in a list, with its clock.
type Baris struct {
	Audiensi
	Jam Jam
}

type barisKey struct {
	Diterima civil.Date `json:"d"`
	ID       string     `json:"i"`
}

var statusTerbuka = []Status{Baru, Diverifikasi, Didisposisikan, Ditindaklanjuti}

// Daftar pages the tenant desa's audiensi, newest first.
func (m *Module) Daftar(ctx context.Context, q Query) (page.Page[Baris], error) {
	var after barisKey
	has, err := page.Decode(q.Cursor, &after)
	if err != nil {
		return page.Page[Baris]{}, err
	}
	if err := q.cek(m.ref); err != nil {
		return page.Page[Baris]{}, err
	}
	k, err := m.kalenderOf(ctx)
	if err != nil {
		return page.Page[Baris]{}, err
	}
	hariIni := m.hariIni(ctx)
	limit := q.Size()
	var as []Audiensi
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model(&as).OrderExpr("a.diterima DESC, a.id DESC").Limit(int64(limit) + 1)
		if q.Status != "" {
			sel = sel.Where("a.status = ?", q.Status)
		}
		if q.Kategori != "" {
			sel = sel.Where("a.kategori = ?", q.Kategori)
		}
		if q.Terlambat {
			sel = sel.Where("a.status IN (?) AND a.tenggat < ?", bun.In(statusTerbuka), hariIni)
		}
		if q.Kunjungan != "" {
			sel = sel.Where("a.kanal = ? AND a.kunjungan = ?", KanalKunjungan, q.Kunjungan)
		}
		if has {
			sel = sel.Where("(a.diterima < ? OR (a.diterima = ? AND a.id < ?))", after.Diterima, after.Diterima, after.ID)
		}
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	if err != nil {
		return page.Page[Baris]{}, err
	}
	out := make([]Baris, len(as))
	for i, a := range as {
		out[i] = Baris{Audiensi: a}
		if a.Status.Terbuka() {
			out[i].Jam = JamPada(k, hariIni, a.Tenggat)
		}
	}
	return page.Of(out, limit, func(b Baris) barisKey { return barisKey{b.Diterima, b.ID} }), nil
}

// AntrianQuery filters an OPD's queue.
type AntrianQuery struct {
	page.Params
	// Wilayah narrows the queue to a kecamatan or a desa of the OPD's
	// kabupaten; "" is all of it.
	Wilayah tenancy.Kode
	// Status of the OPD's part; "" is menunggu (what it must still do).
	Status    StatusDisposisi
	Terlambat bool
}

// Antrian is one audiensi in an OPD's queue: the OPD's part of it and
// the audiensi without its reporter.
type Antrian struct {
	Desa        tenancy.Kode    `json:"desa"`
	AudiensiID  string          `json:"audiensi_id"`
	Judul       string          `json:"judul"`
	Kategori    string          `json:"kategori"`
	Dusun       string          `json:"dusun,omitempty"`
	Status      Status          `json:"status"`
	Diterima    civil.Date      `json:"diterima"`
	Bagian      StatusDisposisi `json:"bagian"`
	Didisposisi civil.Date      `json:"didisposisikan"`
	Tenggat     civil.Date      `json:"tenggat"`
	Jam         Jam             `json:"jam,omitempty"`
}

type antrianRow struct {
	DesaID     int64           `bun:"desa_id"`
	AudiensiID string          `bun:"audiensi_id"`
	Judul      string          `bun:"judul"`
	Kategori   string          `bun:"kategori"`
	Dusun      string          `bun:"dusun"`
	Status     Status          `bun:"status"`
	Diterima   civil.Date      `bun:"diterima"`
	Bagian     StatusDisposisi `bun:"bagian"`
	Tanggal    civil.Date      `bun:"tanggal"`
	Tenggat    civil.Date      `bun:"tenggat"`
}

type antrianKey struct {
	Tenggat civil.Date `json:"t"`
	Desa    int64      `json:"d"`
	ID      string     `json:"i"`
}

// AntrianOPD pages what is disposed to OPD opdID across the tenant
// (its kabupaten), earliest due first. Only rows disposed to that OPD are
// read: the wall between an OPD and the rest of a desa's audiensi.
func (m *Module) AntrianOPD(ctx context.Context, opdID string, q AntrianQuery) (page.Page[Antrian], error) {
	var after antrianKey
	has, err := page.Decode(q.Cursor, &after)
	if err != nil {
		return page.Page[Antrian]{}, err
	}
	t, ok := tenancy.From(ctx)
	if !ok {
		return page.Page[Antrian]{}, tenancy.ErrNoTenant
	}
	if q.Status == "" {
		q.Status = Menunggu
	}
	switch q.Status {
	case Menunggu, Ditanggapi, Dikembalikan:
	default:
		return page.Page[Antrian]{}, fault.Field("query.status", "Status bagian %q tidak dikenal (menunggu, ditanggapi, dikembalikan).", q.Status)
	}
	lo, hi := t.Kode.Range()
	if q.Wilayah != "" {
		if !t.Kode.Contains(q.Wilayah) || q.Wilayah.Level() <= tenancy.Kabupaten {
			return page.Page[Antrian]{}, fault.Field("query.wilayah", "Wilayah %s bukan kecamatan atau desa di kabupaten ini.", q.Wilayah)
		}
		lo, hi = q.Wilayah.Range()
	}
	k, err := m.kalenderOf(ctx)
	if err != nil {
		return page.Page[Antrian]{}, err
	}
	hariIni := m.hariIni(ctx)
	limit := q.Size()
	var rows []antrianRow
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().TableExpr("audiensi_disposisi AS d").
			Join("JOIN audiensi AS a ON a.desa_id = d.desa_id AND a.id = d.audiensi_id").
			ColumnExpr("d.desa_id, d.audiensi_id, a.judul, a.kategori, a.dusun, a.status, a.diterima").
			ColumnExpr("d.status AS bagian, d.tanggal, d.tenggat").
			Where("d.penerima = ?", opdID).Where("d.status = ?", q.Status).
			Where("d.desa_id BETWEEN ? AND ?", lo, hi).
			OrderExpr("d.tenggat, d.desa_id, d.audiensi_id").Limit(int64(limit) + 1)
		if q.Terlambat {
			sel = sel.Where("d.tenggat < ?", hariIni)
		}
		if has {
			sel = sel.Where("(d.tenggat > ? OR (d.tenggat = ? AND (d.desa_id > ? OR (d.desa_id = ? AND d.audiensi_id > ?))))",
				after.Tenggat, after.Tenggat, after.Desa, after.Desa, after.ID)
		}
		return sel.Scan(ctx, &rows)
	})
	if err != nil {
		return page.Page[Antrian]{}, err
	}
	out := make([]Antrian, len(rows))
	for i, r := range rows {
		out[i] = Antrian{Desa: tenancy.KodeOfDesaID(r.DesaID), AudiensiID: r.AudiensiID, Judul: r.Judul,
			Kategori: r.Kategori, Dusun: r.Dusun, Status: r.Status, Diterima: r.Diterima, Bagian: r.Bagian,
			Didisposisi: r.Tanggal, Tenggat: r.Tenggat}
		if r.Bagian == Menunggu {
			out[i].Jam = JamPada(k, hariIni, r.Tenggat)
		}
	}
	return page.Of(out, limit, func(a Antrian) antrianKey {
		return antrianKey{Tenggat: a.Tenggat, Desa: a.Desa.ID(), ID: a.AudiensiID}
	}), nil
}

// Statistik is the figures of a wilayah over a year: no text, no person.
type Statistik struct {
	Wilayah  tenancy.Kode    `json:"wilayah"`
	Tahun    int             `json:"tahun"`
	Total    AngkaAudiensi   `json:"total"`
	Kategori []AngkaKategori `json:"kategori"`
	Desa     []AngkaDesa     `json:"desa,omitempty"`
	OPD      []AngkaPenerima `json:"penerima"`
}

// Angka is one set of figures.
type AngkaAudiensi struct {
	Diterima        int     `json:"diterima"`
	Terbuka         int     `json:"terbuka"`
	Terlambat       int     `json:"terlambat"`
	Ditutup         int     `json:"ditutup"`
	Selesai         int     `json:"selesai"`
	Ditolak         int     `json:"ditolak"`
	MedianHariKerja float64 `json:"median_hari_kerja" doc:"Median hari kerja dari diterima sampai ditutup (selesai atau ditolak)"`
	PersenTepat     float64 `json:"persen_tepat_waktu" doc:"Bagian yang ditutup dalam target tingkatnya, persen"`
	hari            []int
	tepat           int
}

// AngkaKategori is the figures of one category.
type AngkaKategori struct {
	Kode string `json:"kode"`
	Nama string `json:"nama"`
	AngkaAudiensi
}

// AngkaDesa is the figures of one desa.
type AngkaDesa struct {
	Desa tenancy.Kode `json:"desa"`
	AngkaAudiensi
}

// AngkaPenerima is how one recipient (an OPD, or the desa) answered.
type AngkaPenerima struct {
	Penerima     string  `json:"penerima"`
	Nama         string  `json:"nama"`
	Disposisi    int     `json:"disposisi"`
	Menunggu     int     `json:"menunggu"`
	Terlambat    int     `json:"terlambat"`
	Ditanggapi   int     `json:"ditanggapi"`
	Dikembalikan int     `json:"dikembalikan"`
	PersenTepat  float64 `json:"persen_tepat_waktu" doc:"Bagian tanggapan yang dikirim sebelum tenggatnya, persen"`
	tepat        int
}

func (a *AngkaAudiensi) tambah(x Audiensi, hariIni civil.Date) {
	a.Diterima++
	switch {
	case x.Status.Terbuka():
		a.Terbuka++
		if x.Tenggat.Before(hariIni) {
			a.Terlambat++
		}
	default:
		a.Ditutup++
		if x.Status == Selesai {
			a.Selesai++
		} else {
			a.Ditolak++
		}
		if x.HariKerja != nil {
			a.hari = append(a.hari, *x.HariKerja)
		}
		if x.TepatWaktu != nil && *x.TepatWaktu {
			a.tepat++
		}
	}
}

func (a *AngkaAudiensi) hitung() {
	if len(a.hari) > 0 {
		sort.Ints(a.hari)
		n := len(a.hari)
		if n%2 == 1 {
			a.MedianHariKerja = float64(a.hari[n/2])
		} else {
			a.MedianHariKerja = float64(a.hari[n/2-1]+a.hari[n/2]) / 2
		}
	}
	if a.Ditutup > 0 {
		a.PersenTepat = persen(a.tepat, a.Ditutup)
	}
}

func persen(part, whole int) float64 {
	return float64(part*1000/whole) / 10
}

// Statistik counts the audiensi received in year tahun in the tenant
// wilayah (a desa, kecamatan or kabupaten).
func (m *Module) Statistik(ctx context.Context, tahun int) (Statistik, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return Statistik{}, tenancy.ErrNoTenant
	}
	if tahun < 2000 || tahun > 2100 {
		return Statistik{}, fault.Field("query.tahun", "Tahun antara 2000 dan 2100.")
	}
	hariIni := m.hariIni(ctx)
	from, to := civil.Date(civilYear(tahun)+"-01-01"), civil.Date(civilYear(tahun)+"-12-31")
	var as []Audiensi
	var ds []DisposisiAudiensi
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model(&as).
			ExcludeColumn("isi", "pelapor_nama", "pelapor_telepon", "judul", "alasan", "penilaian_catatan").
			Where("a.diterima BETWEEN ? AND ?", from, to)
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		if err := sel.Scan(ctx); err != nil {
			return err
		}
		dsel := tx.NewSelect().Model(&ds).Column("desa_id", "audiensi_id", "penerima", "penerima_nama", "status", "tenggat", "ditanggapi_at").
			Where("EXISTS (SELECT 1 FROM audiensi AS a WHERE a.desa_id = d.desa_id AND a.id = d.audiensi_id AND a.diterima BETWEEN ? AND ?)", from, to)
		dsel, err = tenancy.ScopeColumn(ctx, dsel, "d.desa_id")
		if err != nil {
			return err
		}
		return dsel.Scan(ctx)
	})
	if err != nil {
		return Statistik{}, err
	}
	s := Statistik{Wilayah: t.Kode, Tahun: tahun}
	byKat := map[string]*AngkaKategori{}
	byDesa := map[tenancy.Kode]*AngkaDesa{}
	for _, a := range as {
		s.Total.tambah(a, hariIni)
		kat := byKat[a.Kategori]
		if kat == nil {
			kat = &AngkaKategori{Kode: a.Kategori, Nama: a.Kategori}
			if k, ok := m.ref.KategoriOf(a.Kategori); ok {
				kat.Nama = k.Nama
			}
			byKat[a.Kategori] = kat
		}
		kat.tambah(a, hariIni)
		if !t.Kode.IsDesa() {
			dk := tenancy.KodeOfDesaID(a.DesaID)
			d := byDesa[dk]
			if d == nil {
				d = &AngkaDesa{Desa: dk}
				byDesa[dk] = d
			}
			d.tambah(a, hariIni)
		}
	}
	s.Total.hitung()
	for _, k := range m.ref.Kategori {
		if x := byKat[k.Kode]; x != nil {
			x.hitung()
			s.Kategori = append(s.Kategori, *x)
		}
	}
	for _, d := range byDesa {
		d.hitung()
		s.Desa = append(s.Desa, *d)
	}
	sort.Slice(s.Desa, func(i, j int) bool { return s.Desa[i].Desa < s.Desa[j].Desa })
	byP := map[string]*AngkaPenerima{}
	for _, d := range ds {
		p := byP[d.Penerima]
		if p == nil {
			p = &AngkaPenerima{Penerima: d.Penerima, Nama: d.PenerimaNama}
			byP[d.Penerima] = p
		}
		p.Disposisi++
		switch d.Status {
		case Menunggu:
			p.Menunggu++
			if d.Tenggat.Before(hariIni) {
				p.Terlambat++
			}
		case Ditanggapi:
			p.Ditanggapi++
			if d.DitanggapiAt != nil && !d.Tenggat.Before(civil.Today(*d.DitanggapiAt, tenancy.KodeOfDesaID(d.DesaID))) {
				p.tepat++
			}
		case Dikembalikan:
			p.Dikembalikan++
		}
	}
	for _, p := range byP {
		if p.Ditanggapi > 0 {
			p.PersenTepat = persen(p.tepat, p.Ditanggapi)
		}
		s.OPD = append(s.OPD, *p)
	}
	sort.Slice(s.OPD, func(i, j int) bool { return s.OPD[i].Nama < s.OPD[j].Nama })
	if s.Kategori == nil {
		s.Kategori = []AngkaKategori{}
	}
	if s.OPD == nil {
		s.OPD = []AngkaPenerima{}
	}
	return s, nil
}

func civilYear(y int) string {
	b := []byte{'0', '0', '0', '0'}
	for i := 3; i >= 0; i-- {
		b[i] = byte('0' + y%10)
		y /= 10
	}
	return string(b)
}
