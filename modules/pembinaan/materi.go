package pembinaan

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Materials of a session: files in blob storage under
// pembinaan/<wilayah>/<session id>/<material id>, their rows
// (pembinaan_materi) rows of the organizing wilayah, like the session.

// MaksMateriByte bounds one material; MaksMateriSesi the files of a
// session.
const (
	MaksMateriByte = 10 << 20
	MaksMateriSesi = 20
	// materiMaksBody is the upload's body: the file and its framing.
	materiMaksBody = MaksMateriByte + 64<<10
)

const materiField = "berkas"

// materiJenis are the accepted types, told from the content (sniffed),
// never from the name: PDF, images, plain text and the Office formats
// (a ZIP whose name ends in .docx, .xlsx or .pptx).
var materiJenis = map[string]bool{"application/pdf": true, "image/jpeg": true, "image/png": true, "text/plain; charset=utf-8": true}

var materiOffice = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

// PembinaanMateri is a material of a session.
type PembinaanMateri struct {
	ID          string    `json:"id"`
	PembinaanID string    `json:"pembinaan_id"`
	Nama        string    `json:"nama" doc:"Nama berkas"`
	JenisBerkas string    `json:"jenis_berkas" doc:"Jenis isi (MIME)"`
	Ukuran      int64     `json:"ukuran" doc:"Ukuran dalam byte"`
	Dibuat      time.Time `json:"dibuat"`
}

type materiBaris struct {
	bun.BaseModel `bun:"table:pembinaan_materi,alias:mt"`
	DesaID        int64     `bun:"desa_id,pk"`
	ID            string    `bun:"id,pk"`
	PembinaanID   string    `bun:"pembinaan_id"`
	Nama          string    `bun:"nama"`
	JenisBerkas   string    `bun:"jenis_berkas"`
	Ukuran        int64     `bun:"ukuran"`
	Kunci         string    `bun:"kunci"`
	CreatedBy     string    `bun:"created_by"`
	CreatedAt     time.Time `bun:"created_at"`
}

func (r materiBaris) materi() PembinaanMateri {
	return PembinaanMateri{ID: r.ID, PembinaanID: r.PembinaanID, Nama: r.Nama, JenisBerkas: r.JenisBerkas, Ukuran: r.Ukuran, Dibuat: r.CreatedAt.UTC()}
}

var (
	errMateriTidakAda   = fault.New(fault.NotFound, "Materi tidak ditemukan.")
	errMateriBesar      = fault.Field(materiField, "Berkas materi paling besar 10 MB.")
	errMateriKosong     = fault.Field(materiField, "Pilih berkas materi yang akan diunggah.")
	errMateriJenis      = fault.Field(materiField, "Materi harus PDF, JPEG, PNG, teks biasa, atau dokumen Word/Excel/PowerPoint (.docx, .xlsx, .pptx).")
	errMateriTakTerbaca = fault.Field(materiField, "Berkas tidak dapat dibaca; pilih berkasnya lalu kirim lagi.")
)

// materiNama cleans a file name for storage and the download header.
func materiNama(n string) string {
	n = path.Base(strings.ReplaceAll(n, "\\", "/"))
	n = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' {
			return -1
		}
		return r
	}, n)
	n = strings.TrimSpace(n)
	if r := []rune(n); len(r) > 120 {
		n = string(r[len(r)-120:])
	}
	if n == "" || n == "." {
		n = "materi"
	}
	return n
}

// materiJenisOf tells the type of b from its content.
func materiJenisOf(b []byte, nama string) (string, bool) {
	t := http.DetectContentType(b)
	if materiJenis[t] {
		return t, true
	}
	if t == "application/zip" {
		if o, ok := materiOffice[strings.ToLower(path.Ext(nama))]; ok {
			return o, true
		}
	}
	return "", false
}

// materiBaca reads an uploaded file whole, at most MaksMateriByte.
func materiBaca(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaksMateriByte+1))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, errMateriBesar
		}
		return nil, errMateriTakTerbaca
	}
	if len(b) > MaksMateriByte {
		return nil, errMateriBesar
	}
	if len(b) == 0 {
		return nil, errMateriKosong
	}
	return b, nil
}

// TambahMateri stores a material of a session of the tenant wilayah.
func (m *Module) TambahMateri(ctx context.Context, id, nama string, b []byte) (PembinaanMateri, error) {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return PembinaanMateri{}, err
	}
	if len(b) == 0 {
		return PembinaanMateri{}, errMateriKosong
	}
	if len(b) > MaksMateriByte {
		return PembinaanMateri{}, errMateriBesar
	}
	nama = materiNama(nama)
	jenis, ok := materiJenisOf(b, nama)
	if !ok {
		return PembinaanMateri{}, errMateriJenis
	}
	if m.blob == nil {
		return PembinaanMateri{}, fault.New(fault.Unavailable, "Penyimpanan berkas belum tersedia; coba lagi nanti.")
	}
	// The session first (exists, may be changed by this user), then the
	// file, then the row; a failed row removes the file again.
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := sesiBaca(ctx, tx, k, id)
		if err != nil {
			return err
		}
		return m.sesiBolehUbah(ctx, r)
	})
	if err != nil {
		return PembinaanMateri{}, err
	}
	mid := uuid.Must(uuid.NewV7()).String()
	r := materiBaris{DesaID: k.ID(), ID: mid, PembinaanID: id, Nama: nama, JenisBerkas: jenis, Ukuran: int64(len(b)),
		Kunci: "pembinaan/" + string(k) + "/" + id + "/" + mid, CreatedBy: sesiPelaku(ctx), CreatedAt: m.sesiWaktu()}
	if err := blob.CheckKey(r.Kunci); err != nil {
		return PembinaanMateri{}, err
	}
	if err := m.blob.Put(ctx, r.Kunci, bytes.NewReader(b), jenis); err != nil {
		return PembinaanMateri{}, err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		n, err := tx.NewSelect().Model((*materiBaris)(nil)).Where("mt.desa_id = ? AND mt.pembinaan_id = ?", k.ID(), id).Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaksMateriSesi {
			return fault.Field(materiField, "Satu sesi paling banyak %d materi; hapus yang tidak dipakai dulu.", MaksMateriSesi)
		}
		_, err = tx.NewInsert().Model(&r).Exec(ctx)
		return err
	})
	if err != nil {
		if derr := m.blob.Delete(context.WithoutCancel(ctx), r.Kunci); derr != nil {
			m.log.ErrorContext(ctx, "pembinaan: delete material file", "err", derr, "key", r.Kunci)
		}
		return PembinaanMateri{}, err
	}
	return r.materi(), nil
}

// HapusMateri removes a material of a session of the tenant wilayah.
func (m *Module) HapusMateri(ctx context.Context, id, mid string) error {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return err
	}
	if _, err := uuid.Parse(mid); err != nil {
		return errMateriTidakAda
	}
	var kunci string
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := sesiBaca(ctx, tx, k, id)
		if err != nil {
			return err
		}
		if err := m.sesiBolehUbah(ctx, r); err != nil {
			return err
		}
		var mt materiBaris
		if err := tx.NewSelect().Model(&mt).Where("mt.desa_id = ? AND mt.id = ? AND mt.pembinaan_id = ?", k.ID(), mid, id).Scan(ctx); err != nil {
			if db.IsNoRows(err) {
				return errMateriTidakAda
			}
			return err
		}
		kunci = mt.Kunci
		_, err = tx.NewDelete().Model(&mt).WherePK().Exec(ctx)
		return err
	})
	if err != nil {
		return err
	}
	if m.blob != nil {
		if err := m.blob.Delete(context.WithoutCancel(ctx), kunci); err != nil && !errors.Is(err, blob.ErrNotFound) {
			m.log.ErrorContext(ctx, "pembinaan: delete material file", "err", err, "key", kunci)
		}
	}
	return nil
}

// DaftarMateri lists the materials of a session of the tenant wilayah.
func (m *Module) DaftarMateri(ctx context.Context, id string) ([]PembinaanMateri, error) {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return nil, err
	}
	var rows []materiBaris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := sesiBaca(ctx, tx, k, id); err != nil {
			return err
		}
		return tx.NewSelect().Model(&rows).Where("mt.desa_id = ? AND mt.pembinaan_id = ?", k.ID(), id).OrderExpr("mt.created_at, mt.id").Scan(ctx)
	})
	out := make([]PembinaanMateri, len(rows))
	for i, r := range rows {
		out[i] = r.materi()
	}
	return out, err
}

// BukaMateri opens a material of a session of the tenant wilayah.
func (m *Module) BukaMateri(ctx context.Context, id, mid string) (PembinaanMateri, []byte, error) {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return PembinaanMateri{}, nil, err
	}
	return m.bukaMateri(ctx, k, id, mid)
}

// bukaMateri reads a material row of the session id organized at k, in a
// transaction of k's range, and its file.
func (m *Module) bukaMateri(ctx context.Context, k tenancy.Kode, id, mid string) (PembinaanMateri, []byte, error) {
	if _, err := uuid.Parse(mid); err != nil {
		return PembinaanMateri{}, nil, errMateriTidakAda
	}
	if _, err := uuid.Parse(id); err != nil {
		return PembinaanMateri{}, nil, errMateriTidakAda
	}
	var mt materiBaris
	err := m.db.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: k}), func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewSelect().Model(&mt).Where("mt.desa_id = ? AND mt.id = ? AND mt.pembinaan_id = ?", k.ID(), mid, id).Scan(ctx)
		if db.IsNoRows(err) {
			return errMateriTidakAda
		}
		return err
	})
	if err != nil {
		return PembinaanMateri{}, nil, err
	}
	if m.blob == nil {
		return PembinaanMateri{}, nil, fault.New(fault.Unavailable, "Penyimpanan berkas belum tersedia; coba lagi nanti.")
	}
	rc, err := m.blob.Get(ctx, mt.Kunci)
	if errors.Is(err, blob.ErrNotFound) {
		return PembinaanMateri{}, nil, errMateriTidakAda
	}
	if err != nil {
		return PembinaanMateri{}, nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, MaksMateriByte+1))
	return mt.materi(), b, err
}

// BukaMateriDesa opens, for the tenant desa, a material of a session it
// was invited to.
//
// The material's row belongs to the organizing wilayah, which a desa
// request may not read. So the desa's own copy of the invitation is read
// first, in the desa's transaction; only when it exists is the material
// read in a transaction of the organizer's range (penyelenggara_id of
// that copy), and only that session's material. A desa never learns of a
// session it was not invited to.
func (m *Module) BukaMateriDesa(ctx context.Context, id, mid string) (PembinaanMateri, []byte, error) {
	desa, err := tenancy.DesaID(ctx)
	if err != nil {
		return PembinaanMateri{}, nil, err
	}
	if _, err := uuid.Parse(id); err != nil {
		return PembinaanMateri{}, nil, errMateriTidakAda
	}
	var u undanganBaris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewSelect().Model(&u).Where("u.desa_id = ? AND u.pembinaan_id = ?", desa, id).Scan(ctx)
		if db.IsNoRows(err) {
			return errMateriTidakAda
		}
		return err
	})
	if err != nil {
		return PembinaanMateri{}, nil, err
	}
	return m.bukaMateri(ctx, kodeWilayahID(u.PenyelenggaraID), id, mid)
}

// materiUndangan lists the materials of the invitations us (copies the
// tenant desa holds): one read per organizer, in a transaction of that
// organizer's range, of those sessions only (see BukaMateriDesa).
func (m *Module) materiUndangan(ctx context.Context, us []undanganBaris) (map[string][]PembinaanMateri, error) {
	per := map[int64][]string{}
	for _, u := range us {
		per[u.PenyelenggaraID] = append(per[u.PenyelenggaraID], u.PembinaanID)
	}
	out := map[string][]PembinaanMateri{}
	for org, ids := range per {
		k := kodeWilayahID(org)
		var rows []materiBaris
		err := m.db.Tx(tenancy.With(ctx, tenancy.Tenant{Kode: k}), func(ctx context.Context, tx bun.Tx) error {
			return tx.NewSelect().Model(&rows).Where("mt.desa_id = ?", org).Where("mt.pembinaan_id IN (?)", bun.In(ids)).
				OrderExpr("mt.created_at, mt.id").Scan(ctx)
		})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.PembinaanID] = append(out[r.PembinaanID], r.materi())
		}
	}
	return out, nil
}
