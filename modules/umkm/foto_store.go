package umkm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/gambar"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Photos in the blob store and their rows. An upload is processed first
// (ProsesFoto: no transaction is held while a photo is decoded), its two
// blobs written under fresh keys, and only then is the row inserted (or
// the product's key set) in a transaction that also carries the audit
// entry: a failed blob write leaves no row, a failed transaction deletes
// the blobs it wrote. A crash between the two can leave unreferenced
// blobs, never a row without its image.
//
// Deleting removes the row (with its audit entry) first and the blobs
// after the commit: a failed blob delete leaves an unreferenced file
// (logged), never a row whose image is gone. Replacing a product's photo
// is the same: the row names the new keys, then the old blobs go.

// fotoKunci are the blob keys of an UMKM photo.
func fotoKunci(desa tenancy.Kode, umkmID, fotoID string) (penuh, kecil string) {
	base := "umkm/" + string(desa) + "/" + umkmID + "/foto/" + fotoID
	return base + ".jpg", base + "-kecil.jpg"
}

// fotoKunciProduk is a fresh blob key of a product photo: a new photo gets
// a new key, so a replaced photo never reaches a reader under the ETag of
// the old one.
func fotoKunciProduk(desa tenancy.Kode, umkmID, produkID string) string {
	return "umkm/" + string(desa) + "/" + umkmID + "/produk/" + produkID + "/" + fotoIDBaru() + ".jpg"
}

// FotoKunciKecil is the thumbnail's key of a product photo stored under
// key: the product row keeps one key (Produk.FotoKey), the thumbnail sits
// beside it.
func FotoKunciKecil(key string) string {
	if key == "" {
		return ""
	}
	return strings.TrimSuffix(key, ".jpg") + "-kecil.jpg"
}

func fotoIDBaru() string { return uuid.Must(uuid.NewV7()).String() }

// fotoCekID refuses an id that is no UUID as not found (PostgreSQL would
// answer it with an internal error).
func fotoCekID(id, apa string) error {
	if u, err := uuid.Parse(id); err != nil || u.String() != id {
		return fault.New(fault.NotFound, "%s tidak ditemukan", apa)
	}
	return nil
}

// fotoSatu runs q for one row; no row is notFound.
func fotoSatu(ctx context.Context, q *bun.SelectQuery, notFound error) error {
	q, err := tenancy.Scope(ctx, q)
	if err != nil {
		return err
	}
	if err := q.Limit(1).Scan(ctx); errors.Is(err, sql.ErrNoRows) {
		return notFound
	} else if err != nil {
		return err
	}
	return nil
}

func fotoCariUmkm(ctx context.Context, idb bun.IDB, id string, kunci bool) (Umkm, error) {
	var u Umkm
	if err := fotoCekID(id, "UMKM"); err != nil {
		return u, err
	}
	q := idb.NewSelect().Model(&u).Where("u.id = ?", id)
	if kunci {
		q = q.For("UPDATE")
	}
	return u, fotoSatu(ctx, q, fault.New(fault.NotFound, "UMKM tidak ditemukan"))
}

func fotoCariProduk(ctx context.Context, idb bun.IDB, umkmID, id string) (Produk, error) {
	var p Produk
	if err := fotoCekID(id, "Produk"); err != nil {
		return p, err
	}
	return p, fotoSatu(ctx, idb.NewSelect().Model(&p).Where("p.id = ?", id).Where("p.umkm_id = ?", umkmID),
		fault.New(fault.NotFound, "produk tidak ditemukan"))
}

func fotoCari(ctx context.Context, idb bun.IDB, umkmID, id string) (Foto, error) {
	var f Foto
	if err := fotoCekID(id, "Foto"); err != nil {
		return f, err
	}
	return f, fotoSatu(ctx, idb.NewSelect().Model(&f).Where("f.id = ?", id).Where("f.umkm_id = ?", umkmID),
		fault.New(fault.NotFound, "foto tidak ditemukan"))
}

// fotoDaftar lists an UMKM's photos, oldest first, after the photo
// (created_at, id) when after is not nil, at most limit (0: all).
func fotoDaftar(ctx context.Context, idb bun.IDB, umkmID string, after *fotoKunciHalaman, limit int) ([]Foto, error) {
	var fs []Foto
	q := idb.NewSelect().Model(&fs).Where("f.umkm_id = ?", umkmID).OrderExpr("f.created_at, f.id")
	if after != nil {
		q = q.Where("(f.created_at > ? OR (f.created_at = ? AND f.id > ?))", after.Dibuat, after.Dibuat, after.ID)
	}
	if limit > 0 {
		q = q.Limit(int64(limit) + 1)
	}
	q, err := tenancy.Scope(ctx, q)
	if err != nil {
		return nil, err
	}
	return fs, q.Scan(ctx)
}

func fotoJumlah(ctx context.Context, idb bun.IDB, umkmID string) (int, error) {
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model((*Foto)(nil)).Where("f.umkm_id = ?", umkmID))
	if err != nil {
		return 0, err
	}
	n, err := q.Count(ctx)
	return int(n), err
}

// fotoPenuh is the refusal of a ninth photo.
func fotoPenuh() error {
	return fault.Field(fotoFieldBerkas, "UMKM ini sudah punya %d foto; hapus salah satu sebelum mengunggah yang baru", MaksFotoUmkm)
}

// DaftarFoto lists the photos of an UMKM of the tenant desa, oldest first.
func (m *Module) DaftarFoto(ctx context.Context, umkmID string) (Umkm, []Foto, error) {
	var (
		u  Umkm
		fs []Foto
	)
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if u, err = fotoCariUmkm(ctx, tx, umkmID, false); err != nil {
			return err
		}
		fs, err = fotoDaftar(ctx, tx, umkmID, nil, 0)
		return err
	})
	return u, fs, err
}

// TambahFoto adds a photo to an UMKM of the tenant desa from the uploaded
// bytes b: at most MaksFotoUmkm per UMKM, processed by ProsesFoto.
func (m *Module) TambahFoto(ctx context.Context, umkmID string, b []byte, oleh string) (Foto, error) {
	t, ok := tenancy.From(ctx)
	if !ok || !t.Kode.IsDesa() {
		return Foto{}, tenancy.ErrNoTenant
	}
	// A cheap look first: an UMKM that is not there or full costs no
	// decoding.
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := fotoCariUmkm(ctx, tx, umkmID, false); err != nil {
			return err
		}
		n, err := fotoJumlah(ctx, tx, umkmID)
		if err == nil && n >= MaksFotoUmkm {
			return fotoPenuh()
		}
		return err
	})
	if err != nil {
		return Foto{}, err
	}
	o, err := ProsesFoto(b)
	if err != nil {
		return Foto{}, err
	}
	f := Foto{DesaID: t.Kode.ID(), ID: fotoIDBaru(), UmkmID: umkmID, CreatedBy: oleh, CreatedAt: m.now().UTC()}
	f.BlobKey, f.ThumbnailKey = fotoKunci(t.Kode, umkmID, f.ID)
	if err := m.fotoTulisBlob(ctx, o, f.BlobKey, f.ThumbnailKey); err != nil {
		return Foto{}, err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		// The UMKM row is locked so two uploads at once cannot both be
		// the eighth (SQLite serialises writers anyway).
		if _, err := fotoCariUmkm(ctx, tx, umkmID, m.db.Engine == db.Postgres); err != nil {
			return err
		}
		n, err := fotoJumlah(ctx, tx, umkmID)
		if err != nil {
			return err
		}
		if n >= MaksFotoUmkm {
			return fotoPenuh()
		}
		_, err = tx.NewInsert().Model(&f).Exec(ctx)
		return err
	})
	if err != nil {
		m.fotoHapusBlob(ctx, f.BlobKey, f.ThumbnailKey)
		return Foto{}, err
	}
	return f, nil
}

// HapusFoto deletes a photo of an UMKM of the tenant desa.
func (m *Module) HapusFoto(ctx context.Context, umkmID, fotoID string) error {
	var f Foto
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if _, err = fotoCariUmkm(ctx, tx, umkmID, false); err != nil {
			return err
		}
		if f, err = fotoCari(ctx, tx, umkmID, fotoID); err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewDelete().Model((*Foto)(nil)).Where("id = ?", f.ID))
		if err != nil {
			return err
		}
		_, err = q.Exec(ctx)
		return err
	})
	if err != nil {
		return err
	}
	m.fotoHapusBlob(ctx, f.BlobKey, f.ThumbnailKey)
	return nil
}

// GantiFotoProduk sets (or replaces) the photo of a product of an UMKM of
// the tenant desa.
func (m *Module) GantiFotoProduk(ctx context.Context, umkmID, produkID string, b []byte, oleh string) (Produk, error) {
	t, ok := tenancy.From(ctx)
	if !ok || !t.Kode.IsDesa() {
		return Produk{}, tenancy.ErrNoTenant
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := fotoCariProduk(ctx, tx, umkmID, produkID)
		return err
	})
	if err != nil {
		return Produk{}, err
	}
	o, err := ProsesFoto(b)
	if err != nil {
		return Produk{}, err
	}
	key := fotoKunciProduk(t.Kode, umkmID, produkID)
	if err := m.fotoTulisBlob(ctx, o, key, FotoKunciKecil(key)); err != nil {
		return Produk{}, err
	}
	var (
		p    Produk
		lama string
	)
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if p, err = fotoCariProduk(ctx, tx, umkmID, produkID); err != nil {
			return err
		}
		lama = p.FotoKey
		return fotoSetProduk(ctx, tx, &p, key, oleh, m.now().UTC())
	})
	if err != nil {
		m.fotoHapusBlob(ctx, key, FotoKunciKecil(key))
		return Produk{}, err
	}
	if lama != "" {
		m.fotoHapusBlob(ctx, lama, FotoKunciKecil(lama))
	}
	return p, nil
}

// HapusFotoProduk removes the photo of a product of an UMKM of the tenant
// desa; a product without one is not found.
func (m *Module) HapusFotoProduk(ctx context.Context, umkmID, produkID, oleh string) error {
	var lama string
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := fotoCariProduk(ctx, tx, umkmID, produkID)
		if err != nil {
			return err
		}
		if p.FotoKey == "" {
			return fault.New(fault.NotFound, "produk ini belum punya foto")
		}
		lama = p.FotoKey
		return fotoSetProduk(ctx, tx, &p, "", oleh, m.now().UTC())
	})
	if err != nil {
		return err
	}
	m.fotoHapusBlob(ctx, lama, FotoKunciKecil(lama))
	return nil
}

// fotoSetProduk points product p at key ("" for none).
func fotoSetProduk(ctx context.Context, tx bun.Tx, p *Produk, key, oleh string, now time.Time) error {
	q, err := tenancy.Scope(ctx, tx.NewUpdate().Model((*Produk)(nil)).Set("foto_key = ?", key).
		Set("updated_by = ?", oleh).Set("updated_at = ?", now).Where("id = ?", p.ID))
	if err != nil {
		return err
	}
	if _, err := q.Exec(ctx); err != nil {
		return err
	}
	p.FotoKey, p.UpdatedBy, p.UpdatedAt = key, oleh, now
	return nil
}

// fotoTulisBlob writes both images of o; if the second write fails the
// first is taken back.
func (m *Module) fotoTulisBlob(ctx context.Context, o gambar.Olahan, penuh, kecil string) error {
	if m.blob == nil {
		return errors.New("umkm: no blob store")
	}
	if err := m.blob.Put(ctx, penuh, bytes.NewReader(o.Penuh), "image/jpeg"); err != nil {
		return err
	}
	if err := m.blob.Put(ctx, kecil, bytes.NewReader(o.Kecil), "image/jpeg"); err != nil {
		m.fotoHapusBlob(ctx, penuh)
		return err
	}
	return nil
}

// fotoHapusBlob deletes blobs no row names (any more); a failure leaves an
// unreferenced file, logged.
func (m *Module) fotoHapusBlob(ctx context.Context, keys ...string) {
	if m.blob == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	for _, k := range keys {
		if k == "" {
			continue
		}
		if err := m.blob.Delete(ctx, k); err != nil {
			m.log.ErrorContext(ctx, "umkm: delete photo blob", "err", err, "key", k)
		}
	}
}

// fotoBlob is an image to serve: its key (the ETag) and content.
type fotoBlob struct {
	Key  string
	Body io.ReadCloser
}

// bukaFoto opens a photo of an UMKM of the tenant desa (kecil: its
// thumbnail); publik serves the catalogue and finds photos of aktif UMKM
// only — a tutup business is not found, nor is anything about it said.
func (m *Module) bukaFoto(ctx context.Context, publik bool, umkmID, fotoID string, kecil bool) (fotoBlob, error) {
	var key string
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		u, err := fotoCariUmkm(ctx, tx, umkmID, false)
		if err == nil && publik && u.Status != StatusAktif {
			err = fault.New(fault.NotFound, "foto tidak ditemukan")
		}
		if err != nil {
			return err
		}
		f, err := fotoCari(ctx, tx, umkmID, fotoID)
		key = f.BlobKey
		if kecil {
			key = f.ThumbnailKey
		}
		return err
	})
	if err != nil {
		return fotoBlob{}, err
	}
	return m.fotoBukaBlob(ctx, key)
}

// bukaFotoProduk opens a product's photo as bukaFoto does.
func (m *Module) bukaFotoProduk(ctx context.Context, publik bool, umkmID, produkID string, kecil bool) (fotoBlob, error) {
	var key string
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		u, err := fotoCariUmkm(ctx, tx, umkmID, false)
		if err == nil && publik && u.Status != StatusAktif {
			err = fault.New(fault.NotFound, "foto tidak ditemukan")
		}
		if err != nil {
			return err
		}
		p, err := fotoCariProduk(ctx, tx, umkmID, produkID)
		if err == nil && p.FotoKey == "" {
			err = fault.New(fault.NotFound, "produk ini belum punya foto")
		}
		key = p.FotoKey
		if kecil {
			key = FotoKunciKecil(key)
		}
		return err
	})
	if err != nil {
		return fotoBlob{}, err
	}
	return m.fotoBukaBlob(ctx, key)
}

func (m *Module) fotoBukaBlob(ctx context.Context, key string) (fotoBlob, error) {
	if m.blob == nil {
		return fotoBlob{}, errors.New("umkm: no blob store")
	}
	rc, err := m.blob.Get(ctx, key)
	if errors.Is(err, blob.ErrNotFound) {
		return fotoBlob{}, fault.New(fault.NotFound, "berkas foto tidak ditemukan")
	}
	if err != nil {
		return fotoBlob{}, err
	}
	return fotoBlob{Key: key, Body: rc}, nil
}

// fotoETag names a photo's content by its key: a key is written once
// (replacing a photo makes a new key), so the tag never lies.
func fotoETag(key string) string {
	sum := sha256.Sum256([]byte(key))
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}
