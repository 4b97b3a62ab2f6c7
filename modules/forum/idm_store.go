package forum

import (
	"context"
	"path"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The IDM tables: forum_idm (one row per desa and year) and
// forum_idm_impor (one row per import, at the importing wilayah's own id).
// Every query runs in db.Tx with the wilayah as tenant and names its id
// range; an import's write carries the request's audit entry (the edge's
// intent commits with it).

type idmRow struct {
	bun.BaseModel `bun:"table:forum_idm,alias:fi"`

	DesaID       int64   `bun:"desa_id,pk"`
	Tahun        int     `bun:"tahun,pk"`
	IKS          float64 `bun:"iks"`
	IKE          float64 `bun:"ike"`
	IKL          float64 `bun:"ikl"`
	Nilai        float64 `bun:"nilai"`
	Status       string  `bun:"status"`
	StatusBerkas string  `bun:"status_berkas"`
	Beda         bool    `bun:"beda"`
	Demo         bool    `bun:"demo"`
	ImporID      string  `bun:"impor_id"`
}

func (r idmRow) idm() IDM {
	return IDM{Desa: tenancy.KodeOfDesaID(r.DesaID), Tahun: r.Tahun, IKS: r.IKS, IKE: r.IKE, IKL: r.IKL, Nilai: r.Nilai,
		Status: r.Status, StatusBerkas: r.StatusBerkas, Beda: r.Beda, Demo: r.Demo}
}

func idmRowOf(v IDM, imporID string) idmRow {
	return idmRow{DesaID: v.Desa.ID(), Tahun: v.Tahun, IKS: v.IKS, IKE: v.IKE, IKL: v.IKL, Nilai: v.Nilai,
		Status: v.Status, StatusBerkas: v.StatusBerkas, Beda: v.Beda, Demo: v.Demo, ImporID: imporID}
}

type idmImporRow struct {
	bun.BaseModel `bun:"table:forum_idm_impor,alias:fii"`

	DesaID    int64     `bun:"desa_id,pk"`
	ID        string    `bun:"id,pk"`
	Tahun     int       `bun:"tahun"`
	Berkas    string    `bun:"berkas"`
	Baris     int       `bun:"baris"`
	Dilewati  int       `bun:"dilewati"`
	Diterima  int       `bun:"diterima"`
	Ditandai  int       `bun:"ditandai"`
	CreatedBy string    `bun:"created_by"`
	CreatedAt time.Time `bun:"created_at"`
}

// idmBatch is the rows per INSERT of an import.
const idmBatch = 500

// idmLevels are the wilayah an import and the IDM list serve.
var idmLevels = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

// idmScope runs ctx with wilayah as tenant. A request's tenant must
// contain it (the guard checked the user there); a job or the demo seed
// brings none.
func idmScope(ctx context.Context, wilayah tenancy.Kode) (context.Context, error) {
	if wilayah.Level() != tenancy.Kecamatan && wilayah.Level() != tenancy.Kabupaten {
		return ctx, fault.Field("path.kode", "IDM dibaca dan diimpor per kecamatan atau kabupaten; %s bukan keduanya.", wilayah)
	}
	if t, ok := tenancy.From(ctx); ok {
		if !t.Kode.Contains(wilayah) {
			return ctx, fault.New(fault.Forbidden, "Anda tidak berwenang atas wilayah %s.", wilayah)
		}
		if t.Kode == wilayah {
			return ctx, nil
		}
	}
	return tenancy.With(ctx, tenancy.Tenant{Kode: wilayah}), nil
}

func idmTahunValid(field string, tahun int) error {
	if tahun < TahunIDMMin || tahun > TahunIDMMax {
		return fault.Field(field, "Tahun IDM harus antara %d dan %d.", TahunIDMMin, TahunIDMMax)
	}
	return nil
}

// idmNamaBerkas is the uploaded file's name as kept: its base name, no
// control characters, at most maxIDMNamaBerkas characters.
func idmNamaBerkas(s string) string {
	s = path.Base(strings.ReplaceAll(s, "\\", "/"))
	if s == "." || s == "/" {
		return ""
	}
	s = strings.Map(func(r rune) rune {
		if _, bad := valid.Control(string(r), false); bad {
			return -1
		}
		return r
	}, s)
	return idmPotong(strings.TrimSpace(s), maxIDMNamaBerkas)
}

func idmPelaku(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok && u.ID != "" {
		return u.ID
	}
	return audit.ActorSystem
}

// idmDesaSet is the desa of wilayah as the region list has them.
func (m *Module) idmDesaSet(ctx context.Context, wilayah tenancy.Kode) (map[tenancy.Kode]bool, error) {
	if m.regions == nil {
		return nil, fault.New(fault.Unavailable, "Daftar wilayah tidak tersedia; coba lagi nanti.")
	}
	ds, err := m.regions.DesaIn(ctx, wilayah)
	if err != nil {
		return nil, err
	}
	set := make(map[tenancy.Kode]bool, len(ds))
	for _, d := range ds {
		set[d.Kode] = true
	}
	return set, nil
}

// ImporIDM imports the IDM of tahun for the desa of wilayah (a kecamatan
// or kabupaten) from data, a CSV or XLSX file in the Kemendesa layout;
// berkas is its name as uploaded ("" when unknown). Refused whole, with an
// ImporIDMError listing every wrong row by line, when any row is wrong;
// otherwise every row of tahun is stored (replacing that year's value of
// each desa in the file) and the import is recorded, in one transaction.
func (m *Module) ImporIDM(ctx context.Context, wilayah tenancy.Kode, tahun int, berkas string, data []byte) (HasilImporIDM, error) {
	ctx, err := idmScope(ctx, wilayah)
	if err != nil {
		return HasilImporIDM{}, err
	}
	if err := idmTahunValid("query.tahun", tahun); err != nil {
		return HasilImporIDM{}, err
	}
	b, err := idmBaca(data, tahun)
	if err != nil {
		return HasilImporIDM{}, err
	}
	// The region list is read before the write transaction opens: it runs
	// on the pool, which on SQLite would wait for this writer.
	desa, err := m.idmDesaSet(ctx, wilayah)
	if err != nil {
		return HasilImporIDM{}, err
	}
	p, err := idmPeriksa(b, wilayah, tahun, desa)
	if err != nil {
		return HasilImporIDM{}, err
	}
	h := HasilImporIDM{ImporID: uuid.Must(uuid.NewV7()).String(), Wilayah: wilayah, Tahun: tahun, Berkas: idmNamaBerkas(berkas),
		Format: b.format, Dibaca: len(b.baris), Dilewati: p.dilewati, Diterima: len(p.rows), Ditandai: len(p.tandai),
		Tandai: p.tandai}
	if h.Tandai == nil {
		h.Tandai = []TandaIDM{}
	}
	statuses := make([]string, len(p.rows))
	rows := make([]idmRow, len(p.rows))
	for i, v := range p.rows {
		rows[i] = idmRowOf(v, h.ImporID)
		statuses[i] = v.Status
	}
	h.Rekap = idmRekap(statuses)
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var ada []int64
		lo, hi := wilayah.Range()
		if err := tx.NewSelect().Model((*idmRow)(nil)).Column("desa_id").
			Where("fi.desa_id BETWEEN ? AND ? AND fi.tahun = ?", lo, hi, tahun).Scan(ctx, &ada); err != nil {
			return err
		}
		old := make(map[int64]bool, len(ada))
		for _, id := range ada {
			old[id] = true
		}
		for _, r := range rows {
			if old[r.DesaID] {
				h.Diganti++
			}
		}
		if err := idmSimpan(ctx, tx, rows, true); err != nil {
			return err
		}
		rec := idmImporRow{DesaID: wilayah.ID(), ID: h.ImporID, Tahun: tahun, Berkas: h.Berkas, Baris: h.Dibaca,
			Dilewati: h.Dilewati, Diterima: h.Diterima, Ditandai: h.Ditandai, CreatedBy: idmPelaku(ctx),
			CreatedAt: m.now().UTC().Truncate(time.Microsecond)}
		_, err := tx.NewInsert().Model(&rec).Exec(ctx)
		return err
	})
	if err != nil {
		return HasilImporIDM{}, err
	}
	// The panel shows the new scores at once: the year's rollup of the
	// kabupaten runs now; if it fails the nightly run catches up.
	if m.regions != nil && wilayah.Level() >= tenancy.Kabupaten {
		if _, err := m.Rollup(context.WithoutCancel(ctx), wilayah.Up(tenancy.Kabupaten), tahun); err != nil {
			m.log.Warn("forum: rollup after an IDM import failed; the nightly run will catch up", "wilayah", wilayah, "tahun", tahun, "err", err)
		}
	}
	return h, nil
}

// idmSimpan writes rows in batches: ganti replaces a desa's value of the
// year (an import), otherwise a value present is kept (the demo seed never
// overwrites an import).
func idmSimpan(ctx context.Context, tx bun.Tx, rows []idmRow, ganti bool) error {
	for start := 0; start < len(rows); start += idmBatch {
		batch := rows[start:min(start+idmBatch, len(rows))]
		q := tx.NewInsert().Model(&batch)
		if ganti {
			q = q.On("CONFLICT (desa_id, tahun) DO UPDATE").
				Set("iks = EXCLUDED.iks, ike = EXCLUDED.ike, ikl = EXCLUDED.ikl, nilai = EXCLUDED.nilai").
				Set("status = EXCLUDED.status, status_berkas = EXCLUDED.status_berkas, beda = EXCLUDED.beda").
				Set("demo = EXCLUDED.demo, impor_id = EXCLUDED.impor_id")
		} else {
			q = q.On("CONFLICT (desa_id, tahun) DO NOTHING")
		}
		if _, err := q.Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// IDMWilayah is the IDM of tahun of every desa of wilayah (a kecamatan or
// kabupaten) that has one, in code order: one query over the wilayah's id
// range. For the panel and its rollup.
func (m *Module) IDMWilayah(ctx context.Context, wilayah tenancy.Kode, tahun int) ([]IDM, error) {
	ctx, err := idmScope(ctx, wilayah)
	if err != nil {
		return nil, err
	}
	var rows []idmRow
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		lo, hi := wilayah.Range()
		return tx.NewSelect().Model(&rows).Where("fi.desa_id BETWEEN ? AND ? AND fi.tahun = ?", lo, hi, tahun).
			OrderExpr("fi.desa_id").Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	out := make([]IDM, len(rows))
	for i, r := range rows {
		out[i] = r.idm()
	}
	return out, nil
}

// TahunIDM lists the years that have an IDM for some desa of wilayah,
// newest first.
func (m *Module) TahunIDM(ctx context.Context, wilayah tenancy.Kode) ([]int, error) {
	ctx, err := idmScope(ctx, wilayah)
	if err != nil {
		return nil, err
	}
	var years []int
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		lo, hi := wilayah.Range()
		return tx.NewSelect().Model((*idmRow)(nil)).ColumnExpr("DISTINCT fi.tahun").
			Where("fi.desa_id BETWEEN ? AND ?", lo, hi).OrderExpr("fi.tahun DESC").Scan(ctx, &years)
	})
	return years, err
}

type idmKursor struct {
	DesaID int64 `json:"d"`
}

// DaftarIDM is one page of IDMWilayah, in code order.
func (m *Module) DaftarIDM(ctx context.Context, wilayah tenancy.Kode, tahun int, p page.Params) (page.Page[IDM], error) {
	ctx, err := idmScope(ctx, wilayah)
	if err != nil {
		return page.Page[IDM]{}, err
	}
	if err := idmTahunValid("query.tahun", tahun); err != nil {
		return page.Page[IDM]{}, err
	}
	var after idmKursor
	has, err := page.Decode(p.Cursor, &after)
	if err != nil {
		return page.Page[IDM]{}, err
	}
	limit := p.Size()
	var rows []idmRow
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		lo, hi := wilayah.Range()
		q := tx.NewSelect().Model(&rows).Where("fi.desa_id BETWEEN ? AND ? AND fi.tahun = ?", lo, hi, tahun).
			OrderExpr("fi.desa_id").Limit(int64(limit + 1))
		if has {
			q = q.Where("fi.desa_id > ?", after.DesaID)
		}
		return q.Scan(ctx)
	})
	if err != nil {
		return page.Page[IDM]{}, err
	}
	out := make([]IDM, len(rows))
	for i, r := range rows {
		out[i] = r.idm()
	}
	return page.Of(out, limit, func(v IDM) idmKursor { return idmKursor{v.Desa.ID()} }), nil
}

// ImporIDMCatatan is one recorded import, for the page.
type ImporIDMCatatan struct {
	Wilayah   tenancy.Kode
	Tahun     int
	Berkas    string
	Baris     int
	Dilewati  int
	Diterima  int
	Ditandai  int
	CreatedAt time.Time
}

// idmImporTerakhir lists the newest imports recorded at wilayah or inside it.
func (m *Module) idmImporTerakhir(ctx context.Context, wilayah tenancy.Kode, n int) ([]ImporIDMCatatan, error) {
	ctx, err := idmScope(ctx, wilayah)
	if err != nil {
		return nil, err
	}
	var rows []idmImporRow
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		lo, hi := wilayah.Range()
		return tx.NewSelect().Model(&rows).Where("fii.desa_id BETWEEN ? AND ?", lo, hi).
			OrderExpr("fii.created_at DESC, fii.id DESC").Limit(int64(n)).Scan(ctx)
	})
	if err != nil {
		return nil, err
	}
	out := make([]ImporIDMCatatan, len(rows))
	for i, r := range rows {
		out[i] = ImporIDMCatatan{Wilayah: idmKodeWilayah(r.DesaID), Tahun: r.Tahun, Berkas: r.Berkas, Baris: r.Baris, Dilewati: r.Dilewati,
			Diterima: r.Diterima, Ditandai: r.Ditandai, CreatedAt: r.CreatedAt}
	}
	return out, nil
}

// idmKodeWilayah is the code of a wilayah's own id (5102010000 →
// 51.02.01): a desa's code with its zero parts dropped.
func idmKodeWilayah(id int64) tenancy.Kode {
	k := tenancy.KodeOfDesaID(id)
	for k.Level() > tenancy.Provinsi && strings.Trim(string(k[strings.LastIndexByte(string(k), '.')+1:]), "0") == "" {
		k = k.Parent()
	}
	return k
}
