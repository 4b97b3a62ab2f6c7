package opd

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// opdRow is a row of table opd.
type opdRow struct {
	bun.BaseModel `bun:"table:opd,alias:o"`

	ID        string    `bun:"id,pk"`
	Kabupaten string    `bun:"kabupaten"`
	Kode      string    `bun:"kode"`
	Nama      string    `bun:"nama"`
	Singkatan string    `bun:"singkatan"`
	Jenis     string    `bun:"jenis"`
	Urusan    string    `bun:"urusan"` // JSON array of strings
	Aktif     bool      `bun:"aktif"`
	CreatedBy string    `bun:"created_by"`
	CreatedAt time.Time `bun:"created_at"`
	UpdatedBy string    `bun:"updated_by"`
	UpdatedAt time.Time `bun:"updated_at"`
}

func (r opdRow) opd() (OPD, error) {
	o := OPD{ID: r.ID, Kabupaten: tenancy.Kode(r.Kabupaten), Kode: r.Kode, Nama: r.Nama, Singkatan: r.Singkatan,
		Jenis: Jenis(r.Jenis), Aktif: r.Aktif, Urusan: []string{}}
	if r.Urusan != "" {
		if err := json.Unmarshal([]byte(r.Urusan), &o.Urusan); err != nil {
			return OPD{}, fmt.Errorf("opd %s: urusan: %w", r.ID, err)
		}
	}
	return o, nil
}

func urusanJSON(u []string) string {
	if u == nil {
		u = []string{}
	}
	b, _ := json.Marshal(u)
	return string(b)
}

// anggotaRow is a row of table opd_anggota.
type anggotaRow struct {
	bun.BaseModel `bun:"table:opd_anggota,alias:a"`

	UserID    string    `bun:"user_id,pk"`
	OPDID     string    `bun:"opd_id"`
	Kabupaten string    `bun:"kabupaten"`
	CreatedBy string    `bun:"created_by"`
	CreatedAt time.Time `bun:"created_at"`
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

var errTidakAda = fault.New(fault.NotFound, "OPD tidak ditemukan.")

// findOPD reads one OPD by id.
func findOPD(ctx context.Context, idb bun.IDB, id string) (opdRow, error) {
	var r opdRow
	err := idb.NewSelect().Model(&r).Where("o.id = ?", id).Limit(1).Scan(ctx)
	if db.IsNoRows(err) {
		return r, errTidakAda
	}
	return r, err
}

// Daftar lists the OPD of kabupaten, active and not, sorted by name.
func (m *Module) Daftar(ctx context.Context, kabupaten tenancy.Kode) ([]OPD, error) {
	var rows []opdRow
	if err := m.db.NewSelect().Model(&rows).Where("o.kabupaten = ?", string(kabupaten)).Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]OPD, 0, len(rows))
	for _, r := range rows {
		o, err := r.opd()
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	// Sorted in Go: SQLite and PostgreSQL collate text differently.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Nama < out[j].Nama })
	return out, nil
}

// Get reads one OPD; fault.NotFound when there is none with id.
func (m *Module) Get(ctx context.Context, id string) (OPD, error) {
	r, err := findOPD(ctx, m.db, id)
	if err != nil {
		return OPD{}, err
	}
	return r.opd()
}

// ByKode reads the OPD of kabupaten with code kode (KodeDari is applied,
// so "Satpol PP" finds SATPOLPP); fault.NotFound when there is none.
func (m *Module) ByKode(ctx context.Context, kabupaten tenancy.Kode, kode string) (OPD, error) {
	var r opdRow
	err := m.db.NewSelect().Model(&r).Where("o.kabupaten = ? AND o.kode = ?", string(kabupaten), KodeDari(kode)).Limit(1).Scan(ctx)
	if db.IsNoRows(err) {
		return OPD{}, fault.New(fault.NotFound, "OPD dengan kode %q tidak ada di kabupaten %s.", kode, kabupaten)
	}
	if err != nil {
		return OPD{}, err
	}
	return r.opd()
}

// OPDOf is the OPD userID belongs to; ok is false when none.
func (m *Module) OPDOf(ctx context.Context, userID string) (OPD, bool, error) {
	var a anggotaRow
	err := m.db.NewSelect().Model(&a).Where("a.user_id = ?", userID).Limit(1).Scan(ctx)
	if db.IsNoRows(err) {
		return OPD{}, false, nil
	}
	if err != nil {
		return OPD{}, false, err
	}
	o, err := m.Get(ctx, a.OPDID)
	if err != nil {
		return OPD{}, false, err
	}
	return o, true, nil
}

// Anggota lists the user ids of an OPD's members, in the order they
// joined.
func (m *Module) Anggota(ctx context.Context, opdID string) ([]string, error) {
	var ids []string
	err := m.db.NewSelect().Model((*anggotaRow)(nil)).Column("user_id").Where("a.opd_id = ?", opdID).
		OrderExpr("a.created_at, a.user_id").Scan(ctx, &ids)
	return ids, err
}

// jumlahAnggota counts the members of every OPD of kabupaten.
func (m *Module) jumlahAnggota(ctx context.Context, kabupaten tenancy.Kode) (map[string]int, error) {
	var rows []struct {
		OPDID  string `bun:"opd_id"`
		Jumlah int    `bun:"jumlah"`
	}
	err := m.db.NewSelect().Model((*anggotaRow)(nil)).ColumnExpr("a.opd_id, count(*) AS jumlah").
		Where("a.kabupaten = ?", string(kabupaten)).Group("a.opd_id").Scan(ctx, &rows)
	out := map[string]int{}
	for _, r := range rows {
		out[r.OPDID] = r.Jumlah
	}
	return out, err
}

// OPDDiKabupaten reads an OPD that must belong to kabupaten: another
// kabupaten's id is fault.NotFound, as an unknown one is.
func (m *Module) OPDDiKabupaten(ctx context.Context, kabupaten tenancy.Kode, id string) (OPD, error) {
	o, err := m.Get(ctx, id)
	if err != nil {
		return OPD{}, err
	}
	if o.Kabupaten != kabupaten {
		return OPD{}, errTidakAda
	}
	return o, nil
}

// Tambah records a new OPD of kabupaten (OPDBaru.Periksa); a code the
// kabupaten already uses is fault.Conflict. The request's audit entry
// commits with it.
func (m *Module) Tambah(ctx context.Context, kabupaten tenancy.Kode, in OPDBaru, by string) (OPD, error) {
	if kabupaten.Level() != tenancy.Kabupaten {
		return OPD{}, fault.New(fault.NotFound, "Daftar OPD hanya ada untuk kabupaten.")
	}
	in, err := in.Periksa()
	if err != nil {
		return OPD{}, err
	}
	now := m.now()
	r := opdRow{ID: newID(), Kabupaten: string(kabupaten), Kode: in.Kode, Nama: in.Nama, Singkatan: in.Singkatan,
		Jenis: string(in.Jenis), Urusan: urusanJSON(in.Urusan), Aktif: in.Aktif,
		CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		n, err := tx.NewSelect().Model((*opdRow)(nil)).Where("o.kabupaten = ? AND o.kode = ?", r.Kabupaten, r.Kode).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return &fault.Error{Code: fault.Conflict, Field: "body.kode",
				Message: fmt.Sprintf("Kode OPD %s sudah dipakai di kabupaten ini; pilih kode lain.", r.Kode)}
		}
		_, err = tx.NewInsert().Model(&r).Exec(ctx)
		if db.IsUniqueViolation(err) {
			return fault.New(fault.Conflict, "Kode OPD %s sudah dipakai di kabupaten ini; pilih kode lain.", r.Kode)
		}
		return err
	})
	if err != nil {
		return OPD{}, err
	}
	return r.opd()
}

// Ubah changes an OPD of kabupaten: name, abbreviation, kind, urusan and
// whether it is active. Its code never changes. The request's audit entry
// commits with it.
func (m *Module) Ubah(ctx context.Context, kabupaten tenancy.Kode, id string, in OPDIsi, by string) (OPD, error) {
	in, err := in.Periksa()
	if err != nil {
		return OPD{}, err
	}
	var r opdRow
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if r, err = findOPD(ctx, tx, id); err != nil {
			return err
		}
		if r.Kabupaten != string(kabupaten) {
			return errTidakAda
		}
		r.Nama, r.Singkatan, r.Jenis, r.Urusan, r.Aktif = in.Nama, in.Singkatan, string(in.Jenis), urusanJSON(in.Urusan), in.Aktif
		r.UpdatedBy, r.UpdatedAt = by, m.now()
		_, err = tx.NewUpdate().Model(&r).Column("nama", "singkatan", "jenis", "urusan", "aktif", "updated_by", "updated_at").
			WherePK().Exec(ctx)
		return err
	})
	if err != nil {
		return OPD{}, err
	}
	return r.opd()
}
