package umkm

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Part bumdes, the rules and writes: the profile, units, yearly figures
// and yearly report of the tenant desa's BUMDes, each checked by the one
// validation of validasi.go that the API and the pages share. Audit
// entries ride the writes' transactions (audit.Intent at the edge); a
// report download is appended here (UU PDP 27/2022 Pasal 31 asks it for
// personal data; a BUMDes report is recorded alike, as its reader asked).

// MaxUnitBUMDes bounds the units of one BUMDes, so the profile (which
// lists them whole, like its years and reports) stays one bounded answer.
const MaxUnitBUMDes = 100

// errBelumAdaBUMDes is the answer to a write on a desa that has not
// registered its BUMDes yet.
var errBelumAdaBUMDes = fault.New(fault.NotFound, "Desa ini belum mendaftarkan BUMDes; daftarkan profil BUMDes dahulu.")

// bumdesPelaku is the signed-in user acting in ctx.
func bumdesPelaku(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return audit.ActorSystem
}

// bumdesHariIni is today at the kantor desa of the tenant.
func (m *Module) bumdesHariIni(ctx context.Context) civil.Date {
	t, _ := tenancy.From(ctx)
	return civil.Today(m.now(), t.Kode)
}

// bumdesStempel is the time a write is stamped with (UTC, microseconds as
// both engines keep them).
func (m *Module) bumdesStempel() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

// bacaBUMDes reads the tenant desa's BUMDes; ada is false when none.
func bacaBUMDes(ctx context.Context, idb bun.IDB) (b BUMDes, ada bool, err error) {
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&b))
	if err != nil {
		return b, false, err
	}
	if err := q.Scan(ctx); db.IsNoRows(err) {
		return b, false, nil
	} else if err != nil {
		return b, false, err
	}
	return b, true, nil
}

func listUnitBUMDes(ctx context.Context, idb bun.IDB) ([]UnitBUMDes, error) {
	us := []UnitBUMDes{}
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&us).OrderExpr("bu.aktif DESC, bu.nama, bu.id").Limit(MaxUnitBUMDes))
	if err != nil {
		return nil, err
	}
	return us, q.Scan(ctx)
}

func listTahunBUMDes(ctx context.Context, idb bun.IDB) ([]TahunBUMDes, error) {
	ts := []TahunBUMDes{}
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&ts).OrderExpr("bt.tahun DESC"))
	if err != nil {
		return nil, err
	}
	return ts, q.Scan(ctx)
}

func listLaporanBUMDes(ctx context.Context, idb bun.IDB) ([]LaporanBUMDes, error) {
	ls := []LaporanBUMDes{}
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&ls).OrderExpr("bl.tahun DESC"))
	if err != nil {
		return nil, err
	}
	return ls, q.Scan(ctx)
}

// butuhBUMDes fails with errBelumAdaBUMDes unless the desa has one.
func butuhBUMDes(ctx context.Context, tx bun.IDB) error {
	_, ada, err := bacaBUMDes(ctx, tx)
	if err == nil && !ada {
		return errBelumAdaBUMDes
	}
	return err
}

// SimpanBUMDes registers the tenant desa's BUMDes or changes its profile.
func (m *Module) SimpanBUMDes(ctx context.Context, d BUMDesData) (BUMDes, error) {
	var b BUMDes
	if err := d.Validate(m.bumdesHariIni(ctx)); err != nil {
		return b, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return b, err
	}
	now, pelaku := m.bumdesStempel(), bumdesPelaku(ctx)
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		lama, ada, err := bacaBUMDes(ctx, tx)
		if err != nil {
			return err
		}
		b = BUMDes{DesaID: desaID, Nama: d.Nama, BadanHukum: d.BadanHukum, BadanHukumNomor: d.BadanHukumNomor,
			BadanHukumTanggal: d.BadanHukumTanggal, Klasifikasi: d.Klasifikasi, KlasifikasiTahun: d.KlasifikasiTahun,
			KlasifikasiSumber: d.KlasifikasiSumber, TenagaKerja: d.TenagaKerja,
			CreatedBy: pelaku, CreatedAt: now, UpdatedBy: pelaku, UpdatedAt: now}
		if !ada {
			_, err := tx.NewInsert().Model(&b).Exec(ctx)
			return err
		}
		b.CreatedBy, b.CreatedAt = lama.CreatedBy, lama.CreatedAt
		q, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&b).ExcludeColumn("desa_id", "created_by", "created_at").WherePK())
		if err != nil {
			return err
		}
		_, err = q.Exec(ctx)
		return err
	})
	return b, err
}

// bumdesCekID refuses an id that is no UUID with NotFound before any query
// (a PostgreSQL UUID column would fail the cast).
func bumdesCekID(id string) error {
	if _, err := uuid.Parse(id); err != nil {
		return fault.New(fault.NotFound, "Unit usaha tidak ditemukan.")
	}
	return nil
}

// TambahUnit records a unit usaha of the tenant desa's BUMDes; a new unit
// is aktif.
func (m *Module) TambahUnit(ctx context.Context, d UnitData) (UnitBUMDes, error) {
	var u UnitBUMDes
	if err := d.Validate(); err != nil {
		return u, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return u, err
	}
	now, pelaku := m.bumdesStempel(), bumdesPelaku(ctx)
	u = UnitBUMDes{DesaID: desaID, ID: uuid.Must(uuid.NewV7()).String(), Nama: d.Nama, Bidang: d.Bidang, Aktif: true,
		CreatedBy: pelaku, CreatedAt: now, UpdatedBy: pelaku, UpdatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := butuhBUMDes(ctx, tx); err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*UnitBUMDes)(nil)))
		if err != nil {
			return err
		}
		n, err := q.Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaxUnitBUMDes {
			return fault.New(fault.Conflict, "BUMDes ini sudah memiliki %d unit usaha, batas yang dicatat; nonaktifkan lalu ubah unit lama.", MaxUnitBUMDes)
		}
		_, err = tx.NewInsert().Model(&u).Exec(ctx)
		return err
	})
	return u, err
}

// UbahUnit changes a unit's name, field and aktif.
func (m *Module) UbahUnit(ctx context.Context, id string, d UnitData) (UnitBUMDes, error) {
	var u UnitBUMDes
	if err := bumdesCekID(id); err != nil {
		return u, err
	}
	if err := d.Validate(); err != nil {
		return u, err
	}
	now, pelaku := m.bumdesStempel(), bumdesPelaku(ctx)
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&u).Where("bu.id = ?", id))
		if err != nil {
			return err
		}
		if err := q.Scan(ctx); db.IsNoRows(err) {
			return fault.New(fault.NotFound, "Unit usaha tidak ditemukan.")
		} else if err != nil {
			return err
		}
		u.Nama, u.Bidang, u.Aktif, u.UpdatedBy, u.UpdatedAt = d.Nama, d.Bidang, d.Aktif, pelaku, now
		upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&u).Column("nama", "bidang", "aktif", "updated_by", "updated_at").
			Where("bu.id = ?", id))
		if err != nil {
			return err
		}
		_, err = upd.Exec(ctx)
		return err
	})
	return u, err
}

// NonaktifkanUnit marks a unit as no longer running, keeping its record.
func (m *Module) NonaktifkanUnit(ctx context.Context, id string) (UnitBUMDes, error) {
	if err := bumdesCekID(id); err != nil {
		return UnitBUMDes{}, err
	}
	var u UnitBUMDes
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&u).Where("bu.id = ?", id))
		if err != nil {
			return err
		}
		if err := q.Scan(ctx); db.IsNoRows(err) {
			return fault.New(fault.NotFound, "Unit usaha tidak ditemukan.")
		}
		return err
	})
	if err != nil {
		return u, err
	}
	return m.UbahUnit(ctx, id, UnitData{Nama: u.Nama, Bidang: u.Bidang, Aktif: false})
}

// SimpanTahun records (or replaces) the BUMDes's figures of tahun; the
// year of the path wins over d.Tahun.
func (m *Module) SimpanTahun(ctx context.Context, tahun int, d TahunData) (TahunBUMDes, error) {
	var t TahunBUMDes
	if d.Tahun != 0 && d.Tahun != tahun {
		return t, fault.Invalids([]*fault.Error{fault.Field("body.tahun", "Tahun isian (%d) berbeda dengan tahun yang dicatat (%d).", d.Tahun, tahun)})
	}
	d.Tahun = tahun
	if err := d.Validate(m.bumdesHariIni(ctx)); err != nil {
		return t, err
	}
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return t, err
	}
	t = TahunBUMDes{DesaID: desaID, Tahun: tahun, PenyertaanModal: d.PenyertaanModal, Omzet: d.Omzet, Laba: d.Laba,
		PADes: d.PADes, Aset: d.Aset, TenagaKerja: d.TenagaKerja, UpdatedBy: bumdesPelaku(ctx), UpdatedAt: m.bumdesStempel()}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := butuhBUMDes(ctx, tx); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(&t).
			On("CONFLICT (desa_id, tahun) DO UPDATE").
			Set("penyertaan_modal = EXCLUDED.penyertaan_modal, omzet = EXCLUDED.omzet, laba = EXCLUDED.laba").
			Set("pades = EXCLUDED.pades, aset = EXCLUDED.aset, tenaga_kerja = EXCLUDED.tenaga_kerja").
			Set("updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at").
			Exec(ctx)
		return err
	})
	return t, err
}

// pdfAwal is how every PDF file starts (ISO 32000-1 §7.5.2, the header).
var pdfAwal = []byte("%PDF-")

// tooBigLaporan is the refusal of a report above MaxLaporan.
func tooBigLaporan() error {
	return fault.Field("berkas", "Berkas laporan paling besar %d MB.", MaxLaporan>>20)
}

// bumdesNamaBerkas keeps a file name to letters, digits, dot, dash and
// underscore (it goes into a Content-Disposition header) and ends it in
// .pdf.
func bumdesNamaBerkas(nama string, tahun int) string {
	nama = strings.TrimSpace(nama)
	if i := strings.LastIndexAny(nama, `/\`); i >= 0 {
		nama = nama[i+1:]
	}
	nama = strings.TrimSuffix(strings.TrimSuffix(nama, ".pdf"), ".PDF")
	var b strings.Builder
	for _, r := range nama {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
		if b.Len() >= 120 {
			break
		}
	}
	s := strings.Trim(b.String(), ".-")
	if s == "" {
		s = "laporan-bumdes-" + strconv.Itoa(tahun)
	}
	return s + ".pdf"
}

// SimpanLaporan stores the BUMDes's yearly report of tahun (PDF only,
// checked by its first bytes, at most MaxLaporan) and records it,
// replacing an earlier upload of that year. size is -1 when unknown.
func (m *Module) SimpanLaporan(ctx context.Context, tahun int, nama string, size int64, r io.Reader) (LaporanBUMDes, error) {
	var l LaporanBUMDes
	t, _ := tenancy.From(ctx)
	desaID, err := tenancy.DesaID(ctx)
	if err != nil {
		return l, err
	}
	today := m.bumdesHariIni(ctx)
	if size > MaxLaporan {
		return l, tooBigLaporan()
	}
	if strings.TrimSpace(nama) == "" {
		nama = "laporan-bumdes-" + strconv.Itoa(tahun) + ".pdf"
	}
	// The year and the name first; the size once the file is read.
	if err := ValidateLaporan(tahun, nama, 1, today); err != nil {
		return l, err
	}
	if m.blob == nil {
		return l, fault.New(fault.Unavailable, "Penyimpanan berkas belum tersedia; coba lagi nanti.")
	}
	if err := m.db.ReadOne(ctx, butuhBUMDes); err != nil {
		return l, err
	}
	head := make([]byte, len(pdfAwal))
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return l, err
	}
	if n < len(pdfAwal) || !bytes.Equal(head, pdfAwal) {
		return l, fault.Field("berkas", "Laporan harus berkas PDF.")
	}
	// A fresh key per upload: the row moves to the new file in one step,
	// and the old file goes after the commit.
	key := "bumdes/" + string(t.Kode) + "/laporan-" + strconv.Itoa(tahun) + "-" + uuid.Must(uuid.NewV7()).String() + ".pdf"
	hitung := &bumdesHitung{r: io.LimitReader(io.MultiReader(bytes.NewReader(head), r), MaxLaporan+1)}
	if err := m.blob.Put(ctx, key, hitung, tipePDF); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return l, tooBigLaporan()
		}
		return l, err
	}
	hapus := func(k string) {
		if err := m.blob.Delete(context.WithoutCancel(ctx), k); err != nil {
			m.log.ErrorContext(ctx, "umkm: delete BUMDes report file", "err", err, "key", k)
		}
	}
	if err := ValidateLaporan(tahun, nama, hitung.n, today); err != nil {
		hapus(key)
		if hitung.n > MaxLaporan {
			return l, tooBigLaporan()
		}
		return l, err
	}
	l = LaporanBUMDes{DesaID: desaID, Tahun: tahun, BlobKey: key, NamaBerkas: bumdesNamaBerkas(nama, tahun), Ukuran: hitung.n,
		DiunggahOleh: bumdesPelaku(ctx), DiunggahPada: m.bumdesStempel()}
	var lama LaporanBUMDes
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := butuhBUMDes(ctx, tx); err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&lama).Where("bl.tahun = ?", tahun))
		if err != nil {
			return err
		}
		if err := q.Scan(ctx); err != nil && !db.IsNoRows(err) {
			return err
		}
		_, err = tx.NewInsert().Model(&l).On("CONFLICT (desa_id, tahun) DO UPDATE").
			Set("blob_key = EXCLUDED.blob_key, nama_berkas = EXCLUDED.nama_berkas, ukuran = EXCLUDED.ukuran").
			Set("diunggah_oleh = EXCLUDED.diunggah_oleh, diunggah_pada = EXCLUDED.diunggah_pada").Exec(ctx)
		return err
	})
	if err != nil {
		hapus(key)
		return LaporanBUMDes{}, err
	}
	if lama.BlobKey != "" && lama.BlobKey != key {
		hapus(lama.BlobKey)
	}
	return l, nil
}

// bumdesHitung counts the bytes read through it.
type bumdesHitung struct {
	r io.Reader
	n int64
}

func (c *bumdesHitung) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// BukaLaporan opens the report of tahun for download and records who
// downloaded it (action, e.g. "get-bumdes-laporan"); the caller closes it.
func (m *Module) BukaLaporan(ctx context.Context, tahun int, action, object string) (LaporanBUMDes, io.ReadCloser, error) {
	var l LaporanBUMDes
	missing := fault.New(fault.NotFound, "Laporan BUMDes tahun %d belum diunggah.", tahun)
	if tahun < MinTahun || tahun > MaxTahun {
		return l, nil, missing
	}
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&l).Where("bl.tahun = ?", tahun))
		if err != nil {
			return err
		}
		if err := q.Scan(ctx); db.IsNoRows(err) {
			return missing
		}
		return err
	})
	if err != nil {
		return l, nil, err
	}
	if m.blob == nil {
		return l, nil, fault.New(fault.Unavailable, "Penyimpanan berkas belum tersedia; coba lagi nanti.")
	}
	rc, err := m.blob.Get(ctx, l.BlobKey)
	if err != nil {
		return l, nil, err
	}
	if m.audit != nil {
		t, _ := tenancy.From(ctx)
		actor := bumdesPelaku(ctx)
		if err := m.audit.Append(ctx, audit.Entry{Kode: t.Kode, Actor: actor, Action: action, Object: object,
			Status: http.StatusOK, RequestID: httpserver.RequestID(ctx)}); err != nil {
			rc.Close()
			return l, nil, err
		}
	}
	return l, rc, nil
}

// TahunBanding is one year of the BUMDes as its report states it, beside
// the desa's APBDes side of that year.
type TahunBanding struct {
	TahunBUMDes
	APBDes *APBDesBUMDes `json:"apbdes,omitempty" doc:"Realisasi APBDes desa tahun itu; kosong bila modul keuangan tidak terpasang"`
	// SelisihModal and SelisihPADes are true when the APBDes is recorded
	// and its realisasi differs from the BUMDes's report.
	SelisihModal bool `json:"selisih_penyertaan_modal" doc:"true bila APBDes tercatat dan realisasi 6.2.2 berbeda dari laporan BUMDes"`
	SelisihPADes bool `json:"selisih_pades" doc:"true bila APBDes tercatat dan realisasi 4.1.1.01 berbeda dari laporan BUMDes"`
}

// Selisih says, in Bahasa, where the BUMDes's report and the desa's
// APBDes realisasi of year t differ (none when they agree or the APBDes
// is not recorded): for the page and the dossier alike.
func (t TahunBanding) Selisih() []string {
	var out []string
	th := "Tahun " + strconv.Itoa(t.Tahun) + ": "
	if t.SelisihModal {
		out = append(out, th+"penyertaan modal menurut laporan BUMDes "+bumdesRp(t.PenyertaanModal)+
			", menurut realisasi APBDes desa (6.2.2) "+bumdesRp(t.APBDes.PenyertaanModal)+".")
	}
	if t.SelisihPADes {
		out = append(out, th+"kontribusi PADes menurut laporan BUMDes "+bumdesRp(t.PADes)+
			", bagi hasil menurut realisasi APBDes desa (4.1.1.01) "+bumdesRp(t.APBDes.BagiHasil)+".")
	}
	return out
}

// ProfilBUMDes is the whole BUMDes of a desa: profile, units, years with
// the APBDes comparison, and the reports' metadata.
type ProfilBUMDes struct {
	Profil           BUMDes          `json:"profil"`
	KlasifikasiNama  string          `json:"klasifikasi_nama,omitempty" doc:"Nama kelas klasifikasi"`
	KlasifikasiDasar string          `json:"klasifikasi_dasar,omitempty" doc:"Dasar hukum klasifikasi (data yang dikirim bersama aplikasi)"`
	Unit             []UnitBUMDes    `json:"unit" doc:"Semua unit usaha (paling banyak 100), aktif dahulu"`
	Tahun            []TahunBanding  `json:"tahun" doc:"Angka per tahun, terbaru dahulu"`
	Laporan          []LaporanBUMDes `json:"laporan" doc:"Laporan tahunan yang diunggah, terbaru dahulu"`
}

// BacaProfil reads the tenant desa's BUMDes with every year compared with
// its APBDes; ada is false when the desa has none.
func (m *Module) BacaProfil(ctx context.Context) (p ProfilBUMDes, ada bool, err error) {
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if p.Profil, ada, err = bacaBUMDes(ctx, tx); err != nil || !ada {
			return err
		}
		if p.Unit, err = listUnitBUMDes(ctx, tx); err != nil {
			return err
		}
		ts, err := listTahunBUMDes(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range ts {
			p.Tahun = append(p.Tahun, TahunBanding{TahunBUMDes: t})
		}
		p.Laporan, err = listLaporanBUMDes(ctx, tx)
		return err
	})
	if err != nil || !ada {
		return p, ada, err
	}
	if p.Tahun == nil {
		p.Tahun = []TahunBanding{}
	}
	if k, ok := kelasBUMDes(p.Profil.Klasifikasi); ok {
		p.KlasifikasiNama, p.KlasifikasiDasar = k.Nama, k.Dasar
	}
	// keuangan reads on its own transactions, one desa and year at a time:
	// a BUMDes has a handful of years.
	for i := range p.Tahun {
		if err := m.bandingkan(ctx, &p.Tahun[i]); err != nil {
			return p, ada, err
		}
	}
	return p, true, nil
}

// bandingkan puts the APBDes side beside t.
func (m *Module) bandingkan(ctx context.Context, t *TahunBanding) error {
	a, ok, err := m.APBDesBUMDes(ctx, t.Tahun)
	if err != nil || !ok {
		return err
	}
	t.APBDes = &a
	t.SelisihModal = a.Ada && a.PenyertaanModal != t.PenyertaanModal
	t.SelisihPADes = a.Ada && a.BagiHasil != t.PADes
	return nil
}

// kelasBUMDes finds a class of the shipped classification.
func kelasBUMDes(kode string) (KelasBUMDes, bool) {
	if kode == "" {
		return KelasBUMDes{}, false
	}
	ks, err := KelasBUMDesList()
	if err != nil {
		return KelasBUMDes{}, false
	}
	for _, k := range ks {
		if k.Kode == kode {
			return k, true
		}
	}
	return KelasBUMDes{}, false
}
