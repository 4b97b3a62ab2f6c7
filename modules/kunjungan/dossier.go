package kunjungan

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hibiken/asynq"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Building a dossier. The task (TaskDossier) answers one request of one
// row of kunjungan_dossier: it puts the document together (Susun), renders
// the PDF and the XLSX, names both files by the hash of the document and
// records a version only when the hash is new. So:
//
//   - a task that runs twice (asynq is at least once) writes the same two
//     keys again and finds its version recorded: one record, one file pair;
//   - unchanged data gives the same hash: no new version, no new file;
//   - a worker killed mid-build leaves no half file (the blob store writes
//     a temporary name and renames; a ".tmp-" name is not a valid key and
//     so never a dossier) and no version; asynq hands the task to the next
//     worker, which builds it again under the same names;
//   - a task whose request has been superseded (a newer "buat ulang")
//     stops at once: the newer task builds.
//
// The files are written before the version that names them is committed;
// a crash between the two leaves files no version names yet, which the
// retry then records (same hash, same keys). Files can stay unnamed only
// when every retry fails after the write (the database gone for all of
// them) or the row is deleted meanwhile; blob.Store cannot list keys, so
// no sweep is attempted.

// dokumenFunc puts one dossier's document together (Susun by default).
type dokumenFunc func(ctx context.Context, desa tenancy.Kode, kunjunganID, audiens string) (report.Document, error)

func (m *Module) dokumen() dokumenFunc {
	if m.susun != nil {
		return m.susun
	}
	if f := susunUji(); f != nil {
		return f
	}
	return m.Susun
}

// hashVersi names the encoding hashed; changing what is hashed changes it,
// so old and new hashes never meet by accident.
const hashVersi = "kunjungan-dossier/1\n"

// HashDokumen is the content hash of a dossier's document: sha256 over
// its canonical JSON (struct fields in declaration order, no maps), the
// footer left out because it carries the print time. Charts' Format
// functions are not encoded; what they print follows from the values.
func HashDokumen(d report.Document) (string, error) {
	d.Footer = ""
	b, err := json.Marshal(d)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(hashVersi))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// kunciSegmen makes an audience or visit id one blob key segment: itself
// when it is one already (bupati, laporan, an OPD code such as DLH, a
// UUID), otherwise a short hash of it.
func kunciSegmen(s string) string {
	if s != "" && blob.CheckKey(s) == nil && !strings.Contains(s, "/") {
		return s
	}
	h := sha256.Sum256([]byte(s))
	return "x-" + hex.EncodeToString(h[:8])
}

// PrefixBlob is where every file of the module's dossiers lives.
const PrefixBlob = "kunjungan/"

// kunciBerkas is the blob key of one file of a dossier version:
// kunjungan/<desa>/<visit or perencanaan>/<audience>/<hash>.<ext>.
func kunciBerkas(desa tenancy.Kode, kunjunganID, audiens, hash, ext string) string {
	k := "perencanaan"
	if kunjunganID != "" {
		k = kunciSegmen(kunjunganID)
	}
	return PrefixBlob + string(desa) + "/" + k + "/" + kunciSegmen(audiens) + "/" + hash + "." + ext
}

const (
	tipePDF  = "application/pdf"
	tipeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// gagalDossier is a build failure: a reason the user may read, and the
// cause for the log.
type gagalDossier struct {
	alasan string
	sebab  error
}

func (g *gagalDossier) Error() string {
	return "kunjungan: dossier: " + g.alasan + ": " + g.sebab.Error()
}
func (g *gagalDossier) Unwrap() error { return g.sebab }

func gagal(alasan string, err error) error { return &gagalDossier{alasan: alasan, sebab: err} }

// handleDossier is TaskDossier's handler.
func (m *Module) handleDossier(ctx context.Context, payload []byte) error {
	var t dossierTugas
	if err := json.Unmarshal(payload, &t); err != nil || t.DesaID <= 0 || t.Audiens == "" || t.Permintaan == "" {
		// A retry cannot repair a payload.
		return fmt.Errorf("kunjungan: dossier payload %q: %w", payload, asynq.SkipRetry)
	}
	return m.BangunDossier(ctx, t.DesaID, t.KunjunganID, t.Audiens, t.Permintaan)
}

// BangunDossier builds the dossier of (desa, visit, audience) for request
// permintaan; see the comment at the top of the file for what makes it
// safe to run twice, concurrently or after a crash. It returns an error
// (and leaves the row gagal with a reason) when asynq should try again.
func (m *Module) BangunDossier(ctx context.Context, desaID int64, kunjunganID, audiens, permintaan string) error {
	desa := tenancy.KodeOfDesaID(desaID)
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	key := dossierKey{desaID, kunjunganID, audiens}

	ambil, err := m.ambilDossier(ctx, key, permintaan)
	if err != nil || !ambil {
		return err
	}
	err = m.bangun(ctx, desa, key, permintaan)
	if err == nil {
		return nil
	}
	var g *gagalDossier
	alasan := "Dossier tidak dapat dibuat karena gangguan sistem."
	if errors.As(err, &g) {
		alasan = g.alasan
	}
	if n, ok := asynq.GetRetryCount(ctx); ok {
		if max, ok := asynq.GetMaxRetry(ctx); ok && n >= max {
			alasan += " Silakan minta buat ulang."
		} else {
			alasan += " Akan dicoba lagi otomatis."
		}
	}
	m.log.ErrorContext(ctx, "kunjungan: dossier gagal", "desa", desa, "kunjungan", kunjunganID, "audiens", audiens, "err", err)
	if uerr := m.tandaiDossier(ctx, key, permintaan, Gagal, alasan); uerr != nil {
		return errors.Join(err, uerr)
	}
	return err
}

type dossierKey struct {
	desaID      int64
	kunjunganID string
	audiens     string
}

func (k dossierKey) where(q *bun.SelectQuery) *bun.SelectQuery {
	return q.Where("d.desa_id = ? AND d.kunjungan_id = ? AND d.audiens = ?", k.desaID, k.kunjunganID, k.audiens)
}

// ambilDossier takes the row for request permintaan (antri or gagal →
// dibuat). It answers false, and the task stops, when the row answers
// another request by now or is already built for this one.
func (m *Module) ambilDossier(ctx context.Context, key dossierKey, permintaan string) (bool, error) {
	ambil := false
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var d Dossier
		if err := bacaDossier(ctx, tx, key, &d); db.IsNoRows(err) {
			return nil
		} else if err != nil {
			return err
		}
		if d.Permintaan != permintaan || d.Status == Siap {
			return nil
		}
		ambil = true
		if d.Status == Dibuat {
			return nil // a re-run after a crash: build again
		}
		_, err := tx.NewUpdate().Model((*Dossier)(nil)).Set("status = ?", Dibuat).Set("alasan = ''").Set("updated_at = ?", m.waktu()).
			Where("desa_id = ? AND kunjungan_id = ? AND audiens = ?", key.desaID, key.kunjunganID, key.audiens).Exec(ctx)
		return err
	})
	return ambil, err
}

func bacaDossier(ctx context.Context, tx bun.Tx, key dossierKey, d *Dossier) error {
	sel := key.where(tx.NewSelect().Model(d))
	if tx.Dialect().Name() == dialect.PG {
		sel = sel.For("UPDATE")
	}
	sel, err := tenancy.Scope(ctx, sel)
	if err != nil {
		return err
	}
	return sel.Scan(ctx)
}

// tandaiDossier sets the row's status if it still answers permintaan.
func (m *Module) tandaiDossier(ctx context.Context, key dossierKey, permintaan string, s StatusDossier, alasan string) error {
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewUpdate().Model((*Dossier)(nil)).Set("status = ?", s).Set("alasan = ?", alasan).Set("updated_at = ?", m.waktu()).
			Where("desa_id = ? AND kunjungan_id = ? AND audiens = ? AND permintaan = ?", key.desaID, key.kunjunganID, key.audiens, permintaan).Exec(ctx)
		return err
	})
}

func (m *Module) bangun(ctx context.Context, desa tenancy.Kode, key dossierKey, permintaan string) error {
	doc, err := m.dokumen()(ctx, desa, key.kunjunganID, key.audiens)
	if err != nil {
		return gagal("Data untuk dossier tidak dapat dikumpulkan dari modul lain.", err)
	}
	hash, err := HashDokumen(doc)
	if err != nil {
		return gagal("Isi dossier tidak dapat diolah.", err)
	}
	// Unchanged data: the version is there, its files too.
	if v, ada, err := m.versiDenganHash(ctx, key, hash); err != nil {
		return gagal("Basis data tidak dapat dihubungi.", err)
	} else if ada {
		return m.catatVersi(ctx, key, permintaan, v)
	}
	pdf, err := report.PDF(doc)
	if err != nil {
		return gagal("Berkas PDF tidak dapat dibuat.", err)
	}
	xlsx, err := report.XLSX(doc)
	if err != nil {
		return gagal("Berkas XLSX tidak dapat dibuat.", err)
	}
	v := VersiDossier{DesaID: key.desaID, KunjunganID: key.kunjunganID, Audiens: key.audiens, Hash: hash,
		KunciPDF: kunciBerkas(desa, key.kunjunganID, key.audiens, hash, "pdf"), KunciXLSX: kunciBerkas(desa, key.kunjunganID, key.audiens, hash, "xlsx"),
		UkuranPDF: int64(len(pdf)), UkuranXLSX: int64(len(xlsx)), DibuatAt: m.waktu()}
	if m.blob == nil {
		return gagal("Penyimpanan berkas tidak tersedia.", errors.New("no blob store"))
	}
	if err := m.blob.Put(ctx, v.KunciPDF, bytes.NewReader(pdf), tipePDF); err != nil {
		return gagal("Berkas dossier tidak dapat disimpan.", err)
	}
	if err := m.blob.Put(ctx, v.KunciXLSX, bytes.NewReader(xlsx), tipeXLSX); err != nil {
		return gagal("Berkas dossier tidak dapat disimpan.", err)
	}
	return m.catatVersi(ctx, key, permintaan, v)
}

func (m *Module) versiDenganHash(ctx context.Context, key dossierKey, hash string) (VersiDossier, bool, error) {
	var v VersiDossier
	ada := false
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&v).
			Where("v.desa_id = ? AND v.kunjungan_id = ? AND v.audiens = ? AND v.hash = ?", key.desaID, key.kunjunganID, key.audiens, hash))
		if err != nil {
			return err
		}
		err = sel.Scan(ctx)
		if db.IsNoRows(err) {
			return nil
		}
		ada = err == nil
		return err
	})
	return v, ada, err
}

// catatVersi records v (unless its hash is recorded already: then that
// version is the current one again) and makes it the row's current
// version; the row turns siap if it still answers permintaan. A version
// is recorded even for a superseded request, so its files never go
// unnamed.
func (m *Module) catatVersi(ctx context.Context, key dossierKey, permintaan string, v VersiDossier) error {
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var d Dossier
		if err := bacaDossier(ctx, tx, key, &d); err != nil {
			return err // the row is gone (its visit deleted): nothing to record
		}
		if v.Versi == 0 {
			var maks int
			if err := tx.NewSelect().Model((*VersiDossier)(nil)).ColumnExpr("COALESCE(MAX(versi), 0)").
				Where("desa_id = ? AND kunjungan_id = ? AND audiens = ?", key.desaID, key.kunjunganID, key.audiens).Scan(ctx, &maks); err != nil {
				return err
			}
			v.Versi = maks + 1
			if _, err := tx.NewInsert().Model(&v).On("CONFLICT DO NOTHING").Returning("NULL").Exec(ctx); err != nil {
				return err
			}
			// A concurrent run recorded this hash first: take its number.
			if err := tx.NewSelect().Model((*VersiDossier)(nil)).Column("versi").
				Where("desa_id = ? AND kunjungan_id = ? AND audiens = ? AND hash = ?", key.desaID, key.kunjunganID, key.audiens, v.Hash).
				Scan(ctx, &v.Versi); err != nil {
				return err
			}
		}
		upd := tx.NewUpdate().Model((*Dossier)(nil)).Set("versi = ?", v.Versi).Set("updated_at = ?", m.waktu()).
			Where("desa_id = ? AND kunjungan_id = ? AND audiens = ?", key.desaID, key.kunjunganID, key.audiens)
		if d.Permintaan == permintaan {
			upd = upd.Set("status = ?", Siap).Set("alasan = ''")
		}
		if _, err := upd.Exec(ctx); err != nil {
			return err
		}
		// A visit's report, once built, goes to its participants' inboxes
		// (only when this run makes it siap: a re-run finds it siap and
		// stops before this point).
		if key.audiens == AudiensLaporan && key.kunjunganID != "" && d.Permintaan == permintaan {
			return antriKirimLaporan(ctx, tx, key, v.Versi)
		}
		return nil
	})
	if db.IsNoRows(err) {
		return nil
	}
	if err != nil {
		return gagal("Basis data tidak dapat dihubungi.", err)
	}
	return nil
}
