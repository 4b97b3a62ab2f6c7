package persuratan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// desaOf is the single desa the context works for.
func desaOf(ctx context.Context) (tenancy.Kode, int64, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return "", 0, tenancy.ErrNoTenant
	}
	id, err := t.DesaID()
	if err != nil {
		return "", 0, err
	}
	return t.Kode, id, nil
}

// today is the date at the kantor desa.
func (m *Module) today(desa tenancy.Kode) Tanggal {
	return civil.Today(m.clock(), desa)
}

// Pengaturan returns the desa's numbering settings (defaults if never set).
func (m *Module) Pengaturan(ctx context.Context) (Pengaturan, error) {
	desa, _, err := desaOf(ctx)
	if err != nil {
		return Pengaturan{}, err
	}
	var p Pengaturan
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err = loadPengaturan(ctx, tx, desa)
		return err
	})
	return p, err
}

// SetPengaturan replaces the desa's numbering settings. Numbers already
// given keep their text; a new format applies from the next letter and
// continues the same sequences. The sequence policy may change only before
// the first number of the year: a new policy starts new sequences at 1, and
// mid-year they would print numbers the year already has. It applies to the
// years not yet numbered; a year already numbered keeps its own policy
// (kebijakanTahun), backdated letters included.
func (m *Module) SetPengaturan(ctx context.Context, p Pengaturan, by string) (Pengaturan, error) {
	_, desaID, err := desaOf(ctx)
	if err != nil {
		return Pengaturan{}, err
	}
	if _, err := p.Validate(); err != nil {
		return Pengaturan{}, err
	}
	desa := tenancy.KodeOfDesaID(desaID)
	row := pengaturanRow{DesaID: desaID, Format: p.Format, Kebijakan: p.Kebijakan, KodeDesa: p.KodeDesa, UpdatedBy: by, UpdatedAt: m.clock()}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := loadPengaturan(ctx, tx, desa)
		if err != nil {
			return err
		}
		if cur.Kebijakan != p.Kebijakan {
			q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Table("surat_tahun").Where("tahun = ?", m.today(desa).Year()), "desa_id")
			if err != nil {
				return err
			}
			used, err := q.Exists(ctx)
			if err != nil {
				return err
			}
			if used {
				return fault.New(fault.Conflict, "urutan nomor hanya dapat diubah sebelum surat pertama tahun ini diberi nomor")
			}
		}
		return savePengaturan(ctx, tx, &row)
	})
	return p, err
}

// SuratKeluarBaru is a surat keluar entered in the register.
type SuratKeluarBaru struct {
	Jenis       string  `json:"jenis,omitempty" enum:"umum,undangan,laporan,pemberitahuan" doc:"Jenis surat dinas; kosong: umum"`
	Tanggal     Tanggal `json:"tanggal,omitempty" format:"date" doc:"Tanggal surat; kosong: hari ini"`
	Klasifikasi string  `json:"klasifikasi" doc:"Kode klasifikasi arsip (Permendagri 83/2022), maksimal 30 karakter" example:"000.1"`
	Tujuan      string  `json:"tujuan" doc:"Ditujukan kepada, 1–200 karakter"`
	Perihal     string  `json:"perihal" doc:"Isi singkat, 1–300 karakter"`
}

// CreateKeluar numbers and records a surat keluar drafted outside ngantor.
func (m *Module) CreateKeluar(ctx context.Context, in SuratKeluarBaru, by string) (SuratKeluar, error) {
	desa, desaID, err := desaOf(ctx)
	if err != nil {
		return SuratKeluar{}, err
	}
	if err := in.Validate(m.today(desa)); err != nil {
		return SuratKeluar{}, err
	}
	if in.Tanggal.IsZero() {
		in.Tanggal = m.today(desa)
	}
	s := SuratKeluar{DesaID: desaID, ID: newID(), Tanggal: in.Tanggal, Jenis: in.Jenis,
		KlasifikasiKode: in.Klasifikasi, Tujuan: in.Tujuan, Perihal: in.Perihal, CreatedBy: by, CreatedAt: m.clock()}
	kop, err := m.letterhead(ctx, desa)
	if err != nil {
		return SuratKeluar{}, err
	}
	s.Kop = kop
	// A register entry names the signer if the desa has one; the letter
	// itself was signed on paper.
	if sig, err := m.signer(ctx, desa); err == nil {
		s.PenandatanganNama, s.PenandatanganJabatan = sig.Nama, sig.Jabatan
	} else if !fault.Is(err, fault.NotFound) {
		return SuratKeluar{}, err
	}
	return s, m.issue(ctx, desa, &s)
}

// SuratLayananBaru is a service letter to issue.
type SuratLayananBaru struct {
	Jenis       string  `json:"jenis" enum:"keterangan_domisili,keterangan_usaha,keterangan_tidak_mampu,pengantar" doc:"Jenis surat layanan"`
	Klasifikasi string  `json:"klasifikasi,omitempty" doc:"Kode klasifikasi; kosong: kode bawaan jenis surat"`
	Pemohon     Pemohon `json:"pemohon"`
}

// IssueLayanan numbers a service letter, records it in the surat keluar
// register and stores its PDF. The signer must be known: a letter to a
// resident without a signature is worthless.
func (m *Module) IssueLayanan(ctx context.Context, in SuratLayananBaru, by string) (SuratKeluar, error) {
	desa, _, err := desaOf(ctx)
	if err != nil {
		return SuratKeluar{}, err
	}
	sig, err := m.signer(ctx, desa)
	if fault.Is(err, fault.NotFound) {
		return SuratKeluar{}, fault.New(fault.Conflict, "belum ada kepala desa yang dapat menandatangani surat; catat dulu di data perangkat desa")
	}
	if err != nil {
		return SuratKeluar{}, err
	}
	return m.issueLayanan(ctx, in, sig, m.today(desa), by)
}

func (m *Module) issueLayanan(ctx context.Context, in SuratLayananBaru, sig Signer, tanggal Tanggal, by string) (SuratKeluar, error) {
	desa, desaID, err := desaOf(ctx)
	if err != nil {
		return SuratKeluar{}, err
	}
	if err := in.Validate(m.today(desa)); err != nil {
		return SuratKeluar{}, err
	}
	j, _ := findJenis(in.Jenis)
	kode := in.Klasifikasi
	if kode == "" {
		kode = j.Klasifikasi
	}
	kop, err := m.letterhead(ctx, desa)
	if err != nil {
		return SuratKeluar{}, err
	}
	p := in.Pemohon
	tujuan := p.Nama
	if t := p.Rincian["tujuan"]; t != "" {
		tujuan = t
	}
	s := SuratKeluar{
		DesaID: desaID, ID: newID(), Tanggal: tanggal, Jenis: j.Kode, KlasifikasiKode: kode,
		Tujuan: tujuan, Perihal: j.Judul, Pemohon: &p, Kop: kop,
		PenandatanganNama: sig.Nama, PenandatanganJabatan: sig.Jabatan,
		CreatedBy: by, CreatedAt: m.clock(),
	}
	s.PDFKey = pdfKey(desa, s.Tanggal.Year(), s.ID)
	if err := m.issue(ctx, desa, &s); err != nil {
		return SuratKeluar{}, err
	}
	// The letter is committed with its number; a failed store only delays
	// the PDF, which Download renders again from the row.
	if _, err := m.storePDF(ctx, s); err != nil {
		m.log.ErrorContext(ctx, "persuratan: store pdf", "err", err, "surat", s.ID)
	}
	return s, nil
}

// issue numbers s and inserts it in one transaction: the counter row and
// the letter commit together or not at all.
func (m *Module) issue(ctx context.Context, desa tenancy.Kode, s *SuratKeluar) error {
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		set, err := loadPengaturan(ctx, tx, desa)
		if err != nil {
			return err
		}
		f, err := set.Validate()
		if err != nil {
			return fmt.Errorf("persuratan: stored settings of %s: %w", desa, err)
		}
		k, err := findKlasifikasi(ctx, tx, desa.Up(tenancy.Kabupaten), s.KlasifikasiKode, s.Tanggal)
		if err != nil {
			return err
		}
		// Copied, not referenced: the letter keeps the uraian it was
		// filed under even after the table changes (Permendagri 83/2022).
		s.KlasifikasiUraian = k.Uraian
		kebijakan, err := kebijakanTahun(ctx, tx, s.DesaID, s.Tanggal.Year(), set.Kebijakan)
		if err != nil {
			return err
		}
		if kebijakan == KebijakanJenis && !f.Has(tokJenis) {
			return fault.New(fault.Conflict, "surat tahun %d bernomor per jenis surat, tetapi format nomor desa sekarang tidak memuat {jenis}; tambahkan {jenis} pada format nomor", s.Tanggal.Year())
		}
		s.Lingkup = kebijakan.lingkupKeluar(s.Jenis)
		next, err := takeUrutan(ctx, tx, s.DesaID, s.Lingkup, s.Tanggal.Year())
		if err != nil {
			return err
		}
		if err := s.Number(next, f, set.KodeDesa); err != nil {
			return err
		}
		// No RETURNING of the columns left at their default: the row is
		// complete in s, and a RETURNING query is prepared first (one more
		// round trip under the counter lock).
		_, err = tx.NewInsert().Model(s).Returning("NULL").Exec(ctx)
		if db.IsUniqueViolation(err) {
			return fault.New(fault.Conflict, "nomor %s sudah dipakai surat lain; periksa format nomor desa", s.Nomor)
		}
		return err
	})
}

func (m *Module) letterhead(ctx context.Context, desa tenancy.Kode) (Letterhead, error) {
	if m.letterheads == nil {
		return Letterhead{}, errors.New("persuratan: no Letterheads wired")
	}
	return m.letterheads.Letterhead(ctx, desa)
}

func (m *Module) signer(ctx context.Context, desa tenancy.Kode) (Signer, error) {
	if m.signers == nil {
		return Signer{}, fault.New(fault.NotFound, "penandatangan tidak dikenal")
	}
	return m.signers.Signer(ctx, desa)
}

// SuratKeluar returns one letter of the desa in ctx.
func (m *Module) SuratKeluar(ctx context.Context, id string) (SuratKeluar, error) {
	id, err := parseID(id, "surat keluar")
	if err != nil {
		return SuratKeluar{}, err
	}
	var s SuratKeluar
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		s, err = findKeluar(ctx, tx, id)
		return err
	})
	return s, err
}

// ListKeluar pages the surat keluar register of the desa in ctx.
func (m *Module) ListKeluar(ctx context.Context, q ListQuery) (page.Page[SuratKeluar], error) {
	var p page.Page[SuratKeluar]
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) (err error) {
		p, err = listKeluar(ctx, tx, q)
		return err
	})
	return p, err
}

// SuratMasukBaru is an incoming letter to register.
type SuratMasukBaru struct {
	TanggalTerima Tanggal `json:"tanggal_terima,omitempty" format:"date" doc:"Tanggal diterima; kosong: hari ini"`
	NomorSurat    string  `json:"nomor_surat" doc:"Nomor surat dari pengirim, 1–100 karakter"`
	TanggalSurat  Tanggal `json:"tanggal_surat" format:"date" doc:"Tanggal surat dari pengirim; tidak setelah tanggal diterima"`
	Pengirim      string  `json:"pengirim" doc:"1–200 karakter"`
	Perihal       string  `json:"perihal" doc:"Isi singkat, 1–300 karakter"`
	Klasifikasi   string  `json:"klasifikasi" doc:"Kode klasifikasi arsip" example:"100.2"`
}

// CreateMasuk records an incoming letter under the next agenda number.
func (m *Module) CreateMasuk(ctx context.Context, in SuratMasukBaru, by string) (SuratMasuk, error) {
	desa, desaID, err := desaOf(ctx)
	if err != nil {
		return SuratMasuk{}, err
	}
	if err := in.Validate(m.today(desa)); err != nil {
		return SuratMasuk{}, err
	}
	if in.TanggalTerima.IsZero() {
		in.TanggalTerima = m.today(desa)
	}
	s := SuratMasuk{DesaID: desaID, ID: newID(), TanggalTerima: in.TanggalTerima, TanggalSurat: in.TanggalSurat,
		NomorSurat: in.NomorSurat, Pengirim: in.Pengirim, Perihal: in.Perihal,
		KlasifikasiKode: in.Klasifikasi, CreatedBy: by, CreatedAt: m.clock()}
	return s, m.registerMasuk(ctx, desa, &s)
}

func (m *Module) registerMasuk(ctx context.Context, desa tenancy.Kode, s *SuratMasuk) error {
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		set, err := loadPengaturan(ctx, tx, desa)
		if err != nil {
			return err
		}
		k, err := findKlasifikasi(ctx, tx, desa.Up(tenancy.Kabupaten), s.KlasifikasiKode, s.TanggalTerima)
		if err != nil {
			return err
		}
		s.KlasifikasiUraian = k.Uraian
		kebijakan, err := kebijakanTahun(ctx, tx, s.DesaID, s.TanggalTerima.Year(), set.Kebijakan)
		if err != nil {
			return err
		}
		if err := checkMasukBaru(ctx, tx, s); err != nil {
			return err
		}
		s.Lingkup = kebijakan.lingkupMasuk()
		next, err := takeUrutan(ctx, tx, s.DesaID, s.Lingkup, s.TanggalTerima.Year())
		if err != nil {
			return err
		}
		if err := s.Number(next); err != nil {
			return err
		}
		// No RETURNING of the columns left at their default: the row is
		// complete in s, and a RETURNING query is prepared first (one more
		// round trip under the counter lock).
		_, err = tx.NewInsert().Model(s).Returning("NULL").Exec(ctx)
		if db.IsUniqueViolation(err) {
			// A twin registered at the same moment (the check above saw
			// neither).
			return masukGanda(s.NomorSurat, s.Pengirim, "")
		}
		return err
	})
}

// checkMasukBaru refuses an incoming letter the register already holds:
// the same number from the same sender is the same letter.
func checkMasukBaru(ctx context.Context, tx bun.Tx, s *SuratMasuk) error {
	var twin SuratMasuk
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model(&twin).Column("nomor_agenda", "tahun").
		Where("sm.nomor_surat = ?", s.NomorSurat).Where("sm.pengirim = ?", s.Pengirim).Limit(1))
	if err != nil {
		return err
	}
	err = q.Scan(ctx)
	if db.IsNoRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return masukGanda(s.NomorSurat, s.Pengirim, fmt.Sprintf(" (agenda %d/%d)", twin.NomorAgenda, twin.Tahun))
}

func masukGanda(nomor, pengirim, agenda string) error {
	return &fault.Error{Code: fault.Conflict, Field: "body.nomor_surat",
		Message: fmt.Sprintf("Surat nomor %s dari %s sudah tercatat di buku agenda%s.", nomor, pengirim, agenda)}
}

// SuratMasuk returns one incoming letter with its disposisi.
func (m *Module) SuratMasuk(ctx context.Context, id string) (SuratMasuk, []Disposisi, error) {
	id, err := parseID(id, "surat masuk")
	if err != nil {
		return SuratMasuk{}, nil, err
	}
	var (
		s  SuratMasuk
		ds []Disposisi
	)
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if s, err = findMasuk(ctx, tx, id); err != nil {
			return err
		}
		ds, err = disposisiOf(ctx, tx, id)
		return err
	})
	return s, ds, err
}

// ListMasuk pages the surat masuk register of the desa in ctx.
func (m *Module) ListMasuk(ctx context.Context, q ListQuery) (page.Page[SuratMasuk], error) {
	var p page.Page[SuratMasuk]
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) (err error) {
		p, err = listMasuk(ctx, tx, q)
		return err
	})
	return p, err
}

// DisposisiBaru is an instruction on an incoming letter.
type DisposisiBaru struct {
	KepadaNama    string `json:"kepada_nama" doc:"Nama perangkat yang menerima disposisi, 1–100 karakter"`
	KepadaJabatan string `json:"kepada_jabatan,omitempty" doc:"Jabatan, mis. Kasi Pelayanan; maksimal 100 karakter"`
	PerangkatID   string `json:"perangkat_id,omitempty" doc:"Id perangkat di modul administrasi, bila ada; maksimal 64 karakter"`
	Catatan       string `json:"catatan" doc:"Isi disposisi, 1–1000 karakter"`
}

// AddDisposisi directs an incoming letter to a perangkat.
func (m *Module) AddDisposisi(ctx context.Context, suratMasukID string, in DisposisiBaru, by string) (Disposisi, error) {
	_, desaID, err := desaOf(ctx)
	if err != nil {
		return Disposisi{}, err
	}
	suratMasukID, err = parseID(suratMasukID, "surat masuk")
	if err != nil {
		return Disposisi{}, err
	}
	if err := in.Validate(); err != nil {
		return Disposisi{}, err
	}
	d := Disposisi{DesaID: desaID, ID: newID(), SuratMasukID: suratMasukID,
		KepadaNama: in.KepadaNama, KepadaJabatan: in.KepadaJabatan, PerangkatID: in.PerangkatID, Catatan: in.Catatan,
		CreatedBy: by, CreatedAt: m.clock()}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := findMasuk(ctx, tx, suratMasukID); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(&d).Exec(ctx)
		return err
	})
	return d, err
}

// SetDisposisiSelesai marks a disposisi done (or open again).
func (m *Module) SetDisposisiSelesai(ctx context.Context, id string, selesai bool, by string) (Disposisi, error) {
	id, err := parseID(id, "disposisi")
	if err != nil {
		return Disposisi{}, err
	}
	var d Disposisi
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if d, err = findDisposisi(ctx, tx, id); err != nil {
			return err
		}
		if d.Selesai == selesai {
			return nil
		}
		d.Selesai = selesai
		d.SelesaiAt, d.SelesaiBy = nil, ""
		if selesai {
			at := m.clock()
			d.SelesaiAt, d.SelesaiBy = &at, by
		}
		q, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&d).Column("selesai", "selesai_at", "selesai_by").Where("sd.id = ?", id))
		if err != nil {
			return err
		}
		_, err = q.Exec(ctx)
		return err
	})
	return d, err
}

// ListDisposisi pages the desa's disposisi, newest first.
func (m *Module) ListDisposisi(ctx context.Context, q DisposisiQuery) (page.Page[Disposisi], error) {
	var p page.Page[Disposisi]
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) (err error) {
		p, err = listDisposisi(ctx, tx, q)
		return err
	})
	return p, err
}

// Attachments: scans and signed originals. A kantor desa scans to PDF or
// photographs with a phone, so PDF, JPEG and PNG are enough; the type is
// read from the content, not from what the client claims.
const MaxLampiranBytes = 10 << 20

var lampiranTypes = map[string]string{"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}

// Register names of the attachment operations.
const (
	RegisterKeluar = "keluar"
	RegisterMasuk  = "masuk"
)

// PutLampiran stores the attachment of a letter of register reg ("keluar"
// or "masuk"), replacing the previous one.
func (m *Module) PutLampiran(ctx context.Context, reg, id, nama string, size int64, r io.Reader) (Lampiran, error) {
	desa, _, err := desaOf(ctx)
	if err != nil {
		return Lampiran{}, err
	}
	id, err = parseID(id, "surat")
	if err != nil {
		return Lampiran{}, err
	}
	if size > MaxLampiranBytes {
		return Lampiran{}, fault.Field("body.berkas", "berkas terlalu besar: maksimal 10 MiB")
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return Lampiran{}, err
	}
	head = head[:n]
	tipe := http.DetectContentType(head)
	ext, ok := lampiranTypes[tipe]
	if !ok || n == 0 {
		return Lampiran{}, fault.Field("body.berkas", "jenis berkas tidak diizinkan: kirim PDF, JPEG atau PNG")
	}
	// old is the attachment being replaced: its blob goes once the row
	// points at the new one (a PDF replaced by a photo has another key).
	var old Lampiran
	var (
		table = (*SuratKeluar)(nil)
		find  = func(ctx context.Context, tx bun.Tx) error {
			s, err := findKeluar(ctx, tx, id)
			old = s.Lampiran
			return err
		}
	)
	model := any(table)
	if reg == RegisterMasuk {
		model = (*SuratMasuk)(nil)
		find = func(ctx context.Context, tx bun.Tx) error {
			s, err := findMasuk(ctx, tx, id)
			old = s.Lampiran
			return err
		}
	}
	if err := m.db.Tx(ctx, find); err != nil {
		return Lampiran{}, err
	}
	l := Lampiran{Key: lampiranKey(desa, reg, id, ext), Nama: cleanName(nama, ext), Tipe: tipe}
	counted := &countingReader{r: io.LimitReader(io.MultiReader(bytes.NewReader(head), r), MaxLampiranBytes+1)}
	if err := m.blob.Put(ctx, l.Key, counted, tipe); err != nil {
		return Lampiran{}, err
	}
	if counted.n > MaxLampiranBytes {
		_ = m.blob.Delete(context.WithoutCancel(ctx), l.Key)
		return Lampiran{}, fault.Field("body.berkas", "berkas terlalu besar: maksimal 10 MiB")
	}
	l.Ukuran = counted.n
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := tenancy.Scope(ctx, tx.NewUpdate().Model(model).
			Set("lampiran_key = ?", l.Key).Set("lampiran_nama = ?", l.Nama).
			Set("lampiran_tipe = ?", l.Tipe).Set("lampiran_ukuran = ?", l.Ukuran).
			Where("?TableAlias.id = ?", id))
		if err != nil {
			return err
		}
		_, err = q.Exec(ctx)
		return err
	})
	if err != nil {
		return Lampiran{}, err
	}
	if old.Key != "" && old.Key != l.Key {
		// The row no longer names it; a failed delete leaves an orphan
		// file, never a broken attachment.
		if err := m.blob.Delete(context.WithoutCancel(ctx), old.Key); err != nil {
			m.log.ErrorContext(ctx, "persuratan: delete replaced attachment", "err", err, "key", old.Key)
		}
	}
	return l, nil
}

// GetLampiran opens the attachment of a letter; the caller closes it. A
// scan may show anything (a resident's KTP, a signed decision), so every
// download is recorded in the audit log (who, which letter, through which
// door) before the bytes are handed over; if it cannot be recorded, it is
// not handed over.
func (m *Module) GetLampiran(ctx context.Context, reg, id string, who Pengunduh) (Lampiran, io.ReadCloser, error) {
	var l Lampiran
	switch reg {
	case RegisterMasuk:
		s, _, err := m.SuratMasuk(ctx, id)
		if err != nil {
			return l, nil, err
		}
		l = s.Lampiran
	default:
		s, err := m.SuratKeluar(ctx, id)
		if err != nil {
			return l, nil, err
		}
		l = s.Lampiran
	}
	if l.Key == "" {
		return l, nil, fault.New(fault.NotFound, "surat ini belum memiliki lampiran")
	}
	rc, err := m.blob.Get(ctx, l.Key)
	if errors.Is(err, blob.ErrNotFound) {
		return l, nil, fault.New(fault.NotFound, "berkas lampiran tidak ditemukan")
	}
	if err != nil {
		return l, nil, err
	}
	if err := m.recordUnduhLampiran(ctx, reg, id, who); err != nil {
		rc.Close()
		return l, nil, err
	}
	return l, rc, nil
}

// AksiUnduhLampiran is the audit action of an attachment download of
// register reg, e.g. "unduh-lampiran-surat-masuk".
func AksiUnduhLampiran(reg string) string { return "unduh-lampiran-surat-" + reg }

func (m *Module) recordUnduhLampiran(ctx context.Context, reg, id string, who Pengunduh) error {
	if m.audit == nil {
		return nil
	}
	desa, _, err := desaOf(ctx)
	if err != nil {
		return err
	}
	actor := who.ID
	if actor == "" {
		actor = audit.ActorAnon
	}
	saluran := who.Saluran
	if saluran != SaluranWeb {
		saluran = SaluranAPI
	}
	return m.audit.Append(ctx, audit.Entry{Kode: desa, Actor: actor, Action: AksiUnduhLampiran(reg),
		Object: "surat-" + reg + "/" + id + "/lampiran?saluran=" + saluran, Status: http.StatusOK,
		RequestID: httpserver.RequestID(ctx)})
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func lampiranKey(desa tenancy.Kode, reg, id, ext string) string {
	return "surat/" + string(desa) + "/" + reg + "/" + id + "/lampiran" + ext
}

func pdfKey(desa tenancy.Kode, tahun int, id string) string {
	return fmt.Sprintf("surat/%s/keluar/%d/%s.pdf", desa, tahun, id)
}

// cleanName keeps a file name printable for Content-Disposition.
func cleanName(s, ext string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_' {
			b.WriteRune(r)
		} else if r == ' ' {
			b.WriteByte('_')
		}
		if b.Len() >= 100 {
			break
		}
	}
	if b.Len() == 0 {
		return "lampiran" + ext
	}
	return b.String()
}

// Pengunduh is who downloads a letter's PDF, and through which door
// (SaluranAPI or SaluranWeb).
type Pengunduh struct {
	ID, Nama, Saluran string
}

// The doors a PDF leaves through.
const (
	SaluranAPI = "api"
	SaluranWeb = "web"
)

// PDF returns the rendered service letter; a letter whose stored PDF is
// missing (a failed store after issue) is rendered again from its row.
// The PDF prints the resident's personal data, so the download is recorded
// before the bytes are handed over; if it cannot be recorded, it is not
// handed over.
func (m *Module) PDF(ctx context.Context, id string, who Pengunduh) (SuratKeluar, []byte, error) {
	s, err := m.SuratKeluar(ctx, id)
	if err != nil {
		return s, nil, err
	}
	if s.PDFKey == "" || s.Pemohon == nil {
		return s, nil, fault.New(fault.NotFound, "surat ini tidak dibuat dari templat, jadi tidak ada PDF-nya")
	}
	var b []byte
	rc, err := m.blob.Get(ctx, s.PDFKey)
	switch {
	case err == nil:
		b, err = io.ReadAll(rc)
		rc.Close()
	case errors.Is(err, blob.ErrNotFound):
		b, err = m.storePDF(ctx, s)
	}
	if err != nil {
		return s, nil, err
	}
	u := Unduhan{DesaID: s.DesaID, ID: newID(), SuratKeluarID: s.ID, Oleh: who.ID, OlehNama: who.Nama,
		Saluran: who.Saluran, CreatedAt: m.clock()}
	if u.Saluran != SaluranWeb {
		u.Saluran = SaluranAPI
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&u).Exec(ctx)
		return err
	})
	if err != nil {
		return s, nil, err
	}
	return s, b, nil
}

// ListUnduhan pages the downloads of letter id's PDF, newest first.
func (m *Module) ListUnduhan(ctx context.Context, id string, q page.Params) (page.Page[Unduhan], error) {
	id, err := parseID(id, "surat keluar")
	if err != nil {
		return page.Page[Unduhan]{}, err
	}
	var p page.Page[Unduhan]
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := findKeluar(ctx, tx, id); err != nil {
			return err
		}
		p, err = listUnduhan(ctx, tx, id, q)
		return err
	})
	return p, err
}

func (m *Module) storePDF(ctx context.Context, s SuratKeluar) ([]byte, error) {
	b, err := renderPDF(s, m.VerificationURL(s.ID))
	if err != nil {
		return nil, err
	}
	return b, m.blob.Put(ctx, s.PDFKey, bytes.NewReader(b), "application/pdf")
}

// Verifikasi is what the public verification page shows of a letter: that
// it exists and whether it was cancelled, its number and date, the issuing
// desa, its type and signer, and the holder's name masked ("I K****
// U*****"), enough to catch a QR code copied onto another person's letter
// without printing who the letter is about.
type Verifikasi struct {
	ID             string  `json:"id"`
	Nomor          string  `json:"nomor"`
	Tanggal        Tanggal `json:"tanggal" format:"date"`
	DesaKode       string  `json:"desa_kode"`
	Desa           string  `json:"desa"`
	Kecamatan      string  `json:"kecamatan"`
	Kabupaten      string  `json:"kabupaten"`
	Jenis          string  `json:"jenis"`
	JenisJudul     string  `json:"jenis_judul"`
	Penandatangan  Signer  `json:"penandatangan"`
	Pemegang       string  `json:"pemegang,omitempty" doc:"Nama warga yang bersangkutan, disamarkan (huruf awal tiap kata)"`
	Dibatalkan     bool    `json:"dibatalkan"`
	DibatalkanPada Tanggal `json:"dibatalkan_pada,omitempty" format:"date"`
	AlasanBatal    string  `json:"alasan_batal,omitempty" doc:"Alasan pembatalan sebagaimana ditulis desa"`
}

// Verify finds a letter by id alone, across every desa: a resident or an
// office holding the paper knows no desa code. Only the columns above are
// read, and the resident's name leaves this function masked.
func (m *Module) Verify(ctx context.Context, id string) (Verifikasi, error) {
	id, err := parseID(id, "surat")
	if err != nil {
		return Verifikasi{}, err
	}
	var row struct {
		DesaID               int64      `bun:"desa_id"`
		ID                   string     `bun:"id"`
		Nomor                string     `bun:"nomor"`
		Tanggal              Tanggal    `bun:"tanggal"`
		Jenis                string     `bun:"jenis"`
		PenandatanganNama    string     `bun:"penandatangan_nama"`
		PenandatanganJabatan string     `bun:"penandatangan_jabatan"`
		Kop                  Letterhead `bun:"kop"`
		Pemohon              *Pemohon   `bun:"pemohon"`
		BatalAt              *time.Time `bun:"batal_at"`
		BatalAlasan          string     `bun:"batal_alasan,nullzero"`
	}
	err = m.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Every desa id is ten digits: the whole range, on purpose.
		if err := db.SetRange(ctx, m.db.Engine, tx, 0, 9_999_999_999); err != nil {
			return err
		}
		return tx.NewSelect().Table("surat_keluar").
			Column("desa_id", "id", "nomor", "tanggal", "jenis", "penandatangan_nama", "penandatangan_jabatan", "kop", "pemohon", "batal_at", "batal_alasan").
			Where("id = ?", id).Limit(1).Scan(ctx, &row)
	})
	if db.IsNoRows(err) {
		return Verifikasi{}, fault.New(fault.NotFound, "surat tidak ditemukan")
	}
	if err != nil {
		return Verifikasi{}, err
	}
	desa := tenancy.KodeOfDesaID(row.DesaID)
	v := Verifikasi{
		ID: row.ID, Nomor: row.Nomor, Tanggal: row.Tanggal,
		DesaKode: string(desa),
		Desa:     row.Kop.Desa, Kecamatan: row.Kop.Kecamatan, Kabupaten: row.Kop.Kabupaten,
		Jenis: row.Jenis, JenisJudul: jenisJudul(row.Jenis),
		Penandatangan: Signer{Nama: row.PenandatanganNama, Jabatan: row.PenandatanganJabatan},
		Dibatalkan:    row.BatalAt != nil,
	}
	if row.Pemohon != nil {
		v.Pemegang = valid.MaskName(row.Pemohon.Nama)
	}
	if row.BatalAt != nil {
		v.DibatalkanPada = civil.DateOf(row.BatalAt.In(civil.Zone(desa)))
		v.AlasanBatal = row.BatalAlasan
	}
	return v, nil
}

// StatistikDesa is one desa's letter counts in a year.
type StatistikDesa struct {
	DesaKode string `json:"desa_kode"`
	Desa     string `json:"desa,omitempty"`
	Keluar   int64  `json:"keluar" doc:"Surat keluar (termasuk surat layanan)"`
	Layanan  int64  `json:"layanan" doc:"Surat layanan kepada warga"`
	Masuk    int64  `json:"masuk"`
}

// Statistik counts letters per desa under the wilayah in ctx: aggregates
// only, for views (forum perbekel, camat) that must not read the letters.
func (m *Module) Statistik(ctx context.Context, tahun int) ([]StatistikDesa, error) {
	var keluar, layanan, masuk []countRow
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) (err error) {
		if keluar, err = countPerDesa(ctx, tx, "surat_keluar", "sk", tahun, ""); err != nil {
			return err
		}
		if layanan, err = countPerDesa(ctx, tx, "surat_keluar", "sk", tahun, "sk.jenis IN (?)", bun.In(kodeLayanan())); err != nil {
			return err
		}
		masuk, err = countPerDesa(ctx, tx, "surat_masuk", "sm", tahun, "")
		return err
	})
	if err != nil {
		return nil, err
	}
	by := map[int64]*StatistikDesa{}
	var order []int64
	get := func(id int64) *StatistikDesa {
		if s, ok := by[id]; ok {
			return s
		}
		s := &StatistikDesa{DesaKode: string(tenancy.KodeOfDesaID(id))}
		by[id] = s
		order = append(order, id)
		return s
	}
	for _, r := range keluar {
		get(r.DesaID).Keluar = r.Jumlah
	}
	for _, r := range layanan {
		get(r.DesaID).Layanan = r.Jumlah
	}
	for _, r := range masuk {
		get(r.DesaID).Masuk = r.Jumlah
	}
	out := make([]StatistikDesa, 0, len(order))
	slices.Sort(order)
	for _, id := range order {
		s := by[id]
		if m.letterheads != nil {
			if kop, err := m.letterheads.Letterhead(ctx, tenancy.Kode(s.DesaKode)); err == nil {
				s.Desa = kop.Desa
			}
		}
		out = append(out, *s)
	}
	return out, nil
}
