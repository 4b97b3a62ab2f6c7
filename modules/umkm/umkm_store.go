package umkm

import (
	"context"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The registry's store: every query is scoped to the tenant desa of ctx;
// every write runs in one db.Tx, which carries the request's audit entry
// (audit.Begin at the API and page edges).

// Bounds of an UMKM's lists: a page shows them whole.
const (
	MaxProdukPerUmkm  = 100
	MaxBantuanPerUmkm = 100
	UkuranHalaman     = 25 // rows per page of the registry's list page
)

// umkmBaruID is a new UUIDv7.
func umkmBaruID() string { return uuid.Must(uuid.NewV7()).String() }

// pelakuUmkm is the signed-in user acting in ctx, for created_by.
func pelakuUmkm(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return audit.ActorSystem
}

// cekIDUmkm refuses an id that is no UUID as unknown: it cannot name a row.
func cekIDUmkm(id, what string) error {
	if u, err := uuid.Parse(id); err != nil || u.String() != id {
		return fault.New(fault.NotFound, "%s tidak ditemukan di desa ini.", what)
	}
	return nil
}

// waktuUmkm is now as stored: UTC, microseconds (what PostgreSQL keeps),
// so a diubah sent back compares equal.
func (m *Module) waktuUmkm() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

// hariIniUmkm is today at the kantor desa of ctx.
func (m *Module) hariIniUmkm(ctx context.Context) civil.Date {
	t, _ := tenancy.From(ctx)
	return civil.Today(m.now(), t.Kode)
}

// catatPribadi records a read of owners' personal data in full (an API
// answer with pribadi=true, a print) in the desa's audit log (UU PDP
// 27/2022 Pasal 31).
func (m *Module) catatPribadi(ctx context.Context, action, object string) error {
	if m.audit == nil {
		return nil
	}
	t, _ := tenancy.From(ctx)
	return m.audit.Append(ctx, audit.Entry{Kode: t.Kode, Actor: pelakuUmkm(ctx), Action: action, Object: object,
		Status: http.StatusOK, RequestID: httpserver.RequestID(ctx)})
}

// bolehPribadi says whether the user of ctx holds PermPribadi at the
// tenant desa.
func (m *Module) bolehPribadi(ctx context.Context) (bool, error) {
	u, ok := auth.UserFrom(ctx)
	t, okT := tenancy.From(ctx)
	if !ok || !okT || m.authz == nil {
		return false, nil
	}
	return m.authz.Allowed(ctx, u.ID, t.Kode, PermPribadi)
}

// scanUmkmSatu scans the one row of the tenant desa sel finds; none is
// missing.
func scanUmkmSatu(ctx context.Context, sel *bun.SelectQuery, missing error) error {
	q, err := tenancy.Scope(ctx, sel)
	if err != nil {
		return err
	}
	if err := q.Scan(ctx); db.IsNoRows(err) {
		return missing
	}
	return err
}

// bacaUmkm reads one UMKM of the tenant desa; lock holds its row until
// the transaction ends (PostgreSQL; SQLite's write transactions queue).
func bacaUmkm(ctx context.Context, tx bun.Tx, id string, lock bool) (Umkm, error) {
	var u Umkm
	if err := cekIDUmkm(id, "UMKM"); err != nil {
		return u, err
	}
	sel := tx.NewSelect().Model(&u).Where("u.id = ?", id)
	if lock && tx.Dialect().Name() == dialect.PG {
		sel = sel.For("UPDATE")
	}
	return u, scanUmkmSatu(ctx, sel, fault.New(fault.NotFound, "UMKM tidak ditemukan di desa ini."))
}

// nibDipakai is the NIB's unique-index violation as the field's message.
func nibDipakai(err error, nib string) error {
	if db.IsUniqueViolation(err) {
		return fault.Field("body.nib", "NIB %s sudah terdaftar pada UMKM lain di desa ini.", nib)
	}
	return err
}

// TambahUmkm registers an UMKM of the tenant desa.
func (m *Module) TambahUmkm(ctx context.Context, in UmkmData) (Umkm, error) {
	if err := in.Validate(); err != nil {
		return Umkm{}, err
	}
	t, ok := tenancy.From(ctx)
	if !ok {
		return Umkm{}, tenancy.ErrNoTenant
	}
	desaID, err := t.DesaID()
	if err != nil {
		return Umkm{}, err
	}
	now, by := m.waktuUmkm(), pelakuUmkm(ctx)
	u := Umkm{DesaID: desaID, ID: umkmBaruID(), CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
	isiUmkm(&u, in)
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&u).Returning("NULL").Exec(ctx)
		return nibDipakai(err, u.NIB)
	})
	return u, err
}

func isiUmkm(u *Umkm, in UmkmData) {
	u.Nama, u.PemilikNama, u.PemilikNIK = in.Nama, in.PemilikNama, valid.NIK(in.PemilikNIK)
	u.NIB, u.NPWP, u.KBLI, u.Sektor = in.NIB, in.NPWP, in.KBLI, in.Sektor
	u.TenagaKerja, u.Skala, u.Dusun, u.Alamat = in.TenagaKerja, in.Skala, in.Dusun, in.Alamat
	u.WhatsApp, u.Status = in.WhatsApp, in.Status
}

// pertahankanPemilik keeps the stored owner where an edit sends what a
// reader without the full data was shown: an empty or masked NIK never
// replaces the stored one, nor a masked name the stored name.
func pertahankanPemilik(in *UmkmData, u Umkm) {
	nik := strings.TrimSpace(in.PemilikNIK)
	if nik == "" || nik == u.PemilikNIK.Masked() {
		in.PemilikNIK = u.PemilikNIK.Full()
	}
	nama := squeeze(in.PemilikNama)
	if nama == "" || (nama == valid.MaskName(u.PemilikNama) && nama != u.PemilikNama) {
		in.PemilikNama = u.PemilikNama
	}
}

// UbahUmkm replaces an UMKM's data. diubah is the time the editor read it
// (Umkm.UpdatedAt): a change made by someone else since is a Conflict.
func (m *Module) UbahUmkm(ctx context.Context, id string, in UmkmData, diubah time.Time) (Umkm, error) {
	var u Umkm
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if u, err = bacaUmkm(ctx, tx, id, true); err != nil {
			return err
		}
		pertahankanPemilik(&in, u)
		if err := in.Validate(); err != nil {
			return err
		}
		if diubah.IsZero() {
			return fault.Field("body.diubah", "Waktu diubah (dari data yang dibaca) wajib dikirim.")
		}
		if !u.UpdatedAt.Equal(diubah) {
			return fault.New(fault.Conflict, "UMKM %s baru saja diubah orang lain; muat ulang lalu ubah lagi.", u.Nama)
		}
		isiUmkm(&u, in)
		// each change gets a later diubah, even within one clock tick, so
		// a read from before it never matches again
		next := m.waktuUmkm()
		if !next.After(u.UpdatedAt) {
			next = u.UpdatedAt.Add(time.Microsecond)
		}
		u.UpdatedBy, u.UpdatedAt = pelakuUmkm(ctx), next
		q, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&u).Where("u.id = ?", u.ID).
			Column("nama", "pemilik_nama", "pemilik_nik", "nib", "npwp", "kbli", "sektor", "tenaga_kerja", "skala",
				"dusun", "alamat", "whatsapp", "status", "updated_by", "updated_at"))
		if err != nil {
			return err
		}
		_, err = q.Exec(ctx)
		return nibDipakai(err, u.NIB)
	})
	return u, err
}

// UmkmQuery filters the registry.
type UmkmQuery struct {
	page.Params
	Q      string // words of the business's or a product's name
	Sektor string // KBLI kategori A–U
	Skala  string
	Status string
}

// cek checks the filters; the fields are the API's query parameters.
func (q *UmkmQuery) cek() error {
	var p valid.Problems
	q.Q = squeeze(q.Q)
	if _, bad := valid.Control(q.Q, false); bad || utf8.RuneCountInString(q.Q) > 100 {
		p.Add("query.q", "Kata pencarian paling banyak 100 karakter, tanpa karakter kendali.")
	}
	q.Sektor = strings.ToUpper(strings.TrimSpace(q.Sektor))
	if q.Sektor != "" && (len(q.Sektor) != 1 || q.Sektor < "A" || q.Sektor > "U") {
		p.Add("query.sektor", "Sektor harus kategori KBLI 2020, huruf A sampai U.")
	}
	if q.Skala != "" && q.Skala != SkalaMikro && q.Skala != SkalaKecil && q.Skala != SkalaMenengah {
		p.Add("query.skala", "Skala harus mikro, kecil atau menengah.")
	}
	if q.Status != "" && q.Status != StatusAktif && q.Status != StatusTutup {
		p.Add("query.status", "Status harus aktif atau tutup.")
	}
	return p.Err()
}

// saring narrows a select of UMKM (alias u) by q; withStatus false leaves
// the status out (the counts per status).
func (q UmkmQuery) saring(sel *bun.SelectQuery, withStatus bool) *bun.SelectQuery {
	for _, w := range strings.Fields(strings.ToLower(q.Q)) {
		like := "%" + db.EscapeLike(w) + "%"
		sel = sel.Where("(lower(u.nama) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM umkm_produk AS p "+
			"WHERE p.desa_id = u.desa_id AND p.umkm_id = u.id AND lower(p.nama) LIKE ? ESCAPE '\\'))", like, like)
	}
	if q.Sektor != "" {
		sel = sel.Where("u.sektor = ?", q.Sektor)
	}
	if q.Skala != "" {
		sel = sel.Where("u.skala = ?", q.Skala)
	}
	if withStatus && q.Status != "" {
		sel = sel.Where("u.status = ?", q.Status)
	}
	return sel
}

// UmkmBaris is an UMKM in the list, with its first photo when it has any.
type UmkmBaris struct {
	Umkm
	FotoID string `json:"foto_id,omitempty" doc:"Foto pertama (sampul); kosong bila belum ada"`
}

type umkmKey struct {
	Nama string `json:"n"`
	ID   string `json:"i"`
}

// ListUmkm pages the tenant desa's UMKM by name.
func (m *Module) ListUmkm(ctx context.Context, q UmkmQuery) (page.Page[UmkmBaris], error) {
	var after umkmKey
	has, err := page.Decode(q.Cursor, &after)
	if err != nil {
		return page.Page[UmkmBaris]{}, err
	}
	if err := q.cek(); err != nil {
		return page.Page[UmkmBaris]{}, err
	}
	limit := q.Size()
	var us []Umkm
	var out []UmkmBaris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := q.saring(tx.NewSelect().Model(&us), true).OrderExpr("u.nama, u.id").Limit(int64(limit) + 1)
		if has {
			sel = sel.Where("(u.nama > ? OR (u.nama = ? AND u.id > ?))", after.Nama, after.Nama, after.ID)
		}
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		if err := sel.Scan(ctx); err != nil {
			return err
		}
		sampul, err := fotoSampul(ctx, tx, us)
		for _, u := range us {
			out = append(out, UmkmBaris{Umkm: u, FotoID: sampul[u.ID]})
		}
		return err
	})
	if err != nil {
		return page.Page[UmkmBaris]{}, err
	}
	return page.Of(out, limit, func(b UmkmBaris) umkmKey { return umkmKey{Nama: b.Nama, ID: b.ID} }), nil
}

// fotoSampul is the first photo of each of us that has one.
func fotoSampul(ctx context.Context, tx bun.Tx, us []Umkm) (map[string]string, error) {
	out := map[string]string{}
	if len(us) == 0 {
		return out, nil
	}
	ids := make([]string, 0, len(us))
	for _, u := range us {
		ids = append(ids, u.ID)
	}
	var fs []Foto
	sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&fs).Column("f.id", "f.umkm_id").
		Where("f.umkm_id IN (?)", bun.In(ids)).OrderExpr("f.created_at DESC, f.id DESC"))
	if err != nil {
		return nil, err
	}
	if err := sel.Scan(ctx); err != nil {
		return nil, err
	}
	for _, f := range fs {
		out[f.UmkmID] = f.ID // the last written is the earliest
	}
	return out, nil
}

// JumlahStatus counts the UMKM matching q per status (q's own status
// aside).
func (m *Module) JumlahStatus(ctx context.Context, q UmkmQuery) (map[string]int, error) {
	if err := q.cek(); err != nil {
		return nil, err
	}
	var rows []struct {
		Status string `bun:"status"`
		N      int    `bun:"n"`
	}
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		sel, err := tenancy.Scope(ctx, q.saring(tx.NewSelect().Model((*Umkm)(nil)).
			ColumnExpr("u.status AS status, count(*) AS n").GroupExpr("u.status"), false))
		if err != nil {
			return err
		}
		return sel.Scan(ctx, &rows)
	})
	out := map[string]int{StatusAktif: 0, StatusTutup: 0}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, err
}

// UmkmDetail is an UMKM with its products, assistance and photos.
type UmkmDetail struct {
	Umkm    Umkm
	Produk  []Produk
	Bantuan []Bantuan
	Foto    []Foto
}

// LihatUmkm reads an UMKM of the tenant desa whole.
func (m *Module) LihatUmkm(ctx context.Context, id string) (UmkmDetail, error) {
	var d UmkmDetail
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if d.Umkm, err = bacaUmkm(ctx, tx, id, false); err != nil {
			return err
		}
		if d.Produk, err = produkUmkm(ctx, tx, id); err != nil {
			return err
		}
		if d.Bantuan, err = bantuanUmkm(ctx, tx, id); err != nil {
			return err
		}
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&d.Foto).Where("f.umkm_id = ?", id).OrderExpr("f.created_at, f.id"))
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	return d, err
}

func produkUmkm(ctx context.Context, tx bun.IDB, umkmID string) ([]Produk, error) {
	ps := []Produk{}
	sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&ps).Where("p.umkm_id = ?", umkmID).OrderExpr("p.nama, p.id"))
	if err != nil {
		return nil, err
	}
	return ps, sel.Scan(ctx)
}

func bantuanUmkm(ctx context.Context, tx bun.IDB, umkmID string) ([]Bantuan, error) {
	bs := []Bantuan{}
	sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&bs).Where("b.umkm_id = ?", umkmID).OrderExpr("b.tahun DESC, b.id"))
	if err != nil {
		return nil, err
	}
	return bs, sel.Scan(ctx)
}

// DaftarProduk lists an UMKM's products by name (at most
// MaxProdukPerUmkm).
func (m *Module) DaftarProduk(ctx context.Context, umkmID string) ([]Produk, error) {
	var ps []Produk
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := bacaUmkm(ctx, tx, umkmID, false); err != nil {
			return err
		}
		var err error
		ps, err = produkUmkm(ctx, tx, umkmID)
		return err
	})
	return ps, err
}

// DaftarBantuan lists the assistance an UMKM received, latest year first
// (at most MaxBantuanPerUmkm).
func (m *Module) DaftarBantuan(ctx context.Context, umkmID string) ([]Bantuan, error) {
	var bs []Bantuan
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := bacaUmkm(ctx, tx, umkmID, false); err != nil {
			return err
		}
		var err error
		bs, err = bantuanUmkm(ctx, tx, umkmID)
		return err
	})
	return bs, err
}

// hitungAnak counts the rows of model of an UMKM.
func hitungAnak(ctx context.Context, tx bun.Tx, model any, umkmID string) (int, error) {
	sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(model).Where("?TableAlias.umkm_id = ?", umkmID))
	if err != nil {
		return 0, err
	}
	n, err := sel.Count(ctx)
	return int(n), err
}

// TambahProduk adds a product to an UMKM.
func (m *Module) TambahProduk(ctx context.Context, umkmID string, in ProdukData) (Produk, error) {
	if err := in.Validate(); err != nil {
		return Produk{}, err
	}
	var p Produk
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		u, err := bacaUmkm(ctx, tx, umkmID, true)
		if err != nil {
			return err
		}
		n, err := hitungAnak(ctx, tx, (*Produk)(nil), umkmID)
		if err != nil {
			return err
		}
		if n >= MaxProdukPerUmkm {
			return fault.New(fault.Conflict, "Satu UMKM paling banyak mempunyai %d produk.", MaxProdukPerUmkm)
		}
		now, by := m.waktuUmkm(), pelakuUmkm(ctx)
		p = Produk{DesaID: u.DesaID, ID: umkmBaruID(), UmkmID: u.ID, Nama: in.Nama, Harga: in.Harga, Satuan: in.Satuan,
			CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
		_, err = tx.NewInsert().Model(&p).Returning("NULL").Exec(ctx)
		return err
	})
	return p, err
}

func bacaProduk(ctx context.Context, tx bun.Tx, umkmID, id string) (Produk, error) {
	var p Produk
	if err := cekIDUmkm(umkmID, "UMKM"); err != nil {
		return p, err
	}
	if err := cekIDUmkm(id, "Produk"); err != nil {
		return p, err
	}
	return p, scanUmkmSatu(ctx, tx.NewSelect().Model(&p).Where("p.umkm_id = ? AND p.id = ?", umkmID, id),
		fault.New(fault.NotFound, "Produk tidak ditemukan pada UMKM ini."))
}

// UbahProduk replaces a product's name, price and unit.
func (m *Module) UbahProduk(ctx context.Context, umkmID, id string, in ProdukData) (Produk, error) {
	if err := in.Validate(); err != nil {
		return Produk{}, err
	}
	var p Produk
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if p, err = bacaProduk(ctx, tx, umkmID, id); err != nil {
			return err
		}
		p.Nama, p.Harga, p.Satuan = in.Nama, in.Harga, in.Satuan
		p.UpdatedBy, p.UpdatedAt = pelakuUmkm(ctx), m.waktuUmkm()
		q, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&p).Column("nama", "harga", "satuan", "updated_by", "updated_at").
			Where("p.id = ?", p.ID))
		if err != nil {
			return err
		}
		_, err = q.Exec(ctx)
		return err
	})
	return p, err
}

// HapusProduk deletes a product (its photo's blob is the foto part's to
// clear).
func (m *Module) HapusProduk(ctx context.Context, umkmID, id string) (Produk, error) {
	var p Produk
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if p, err = bacaProduk(ctx, tx, umkmID, id); err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewDelete().Model((*Produk)(nil)).Where("p.id = ?", p.ID))
		if err != nil {
			return err
		}
		_, err = q.Exec(ctx)
		return err
	})
	return p, err
}

// TambahBantuan records assistance an UMKM received.
func (m *Module) TambahBantuan(ctx context.Context, umkmID string, in BantuanData) (Bantuan, error) {
	if err := in.Validate(m.hariIniUmkm(ctx)); err != nil {
		return Bantuan{}, err
	}
	var b Bantuan
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		u, err := bacaUmkm(ctx, tx, umkmID, true)
		if err != nil {
			return err
		}
		n, err := hitungAnak(ctx, tx, (*Bantuan)(nil), umkmID)
		if err != nil {
			return err
		}
		if n >= MaxBantuanPerUmkm {
			return fault.New(fault.Conflict, "Satu UMKM paling banyak mencatat %d bantuan.", MaxBantuanPerUmkm)
		}
		b = Bantuan{DesaID: u.DesaID, ID: umkmBaruID(), UmkmID: u.ID, OPDKode: in.OPDKode, Tahun: in.Tahun, Uraian: in.Uraian,
			CreatedBy: pelakuUmkm(ctx), CreatedAt: m.waktuUmkm()}
		_, err = tx.NewInsert().Model(&b).Returning("NULL").Exec(ctx)
		return err
	})
	return b, err
}

// HapusBantuan deletes a recorded assistance.
func (m *Module) HapusBantuan(ctx context.Context, umkmID, id string) error {
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := cekIDUmkm(umkmID, "UMKM"); err != nil {
			return err
		}
		if err := cekIDUmkm(id, "Bantuan"); err != nil {
			return err
		}
		var b Bantuan
		if err := scanUmkmSatu(ctx, tx.NewSelect().Model(&b).Where("b.umkm_id = ? AND b.id = ?", umkmID, id),
			fault.New(fault.NotFound, "Bantuan tidak ditemukan pada UMKM ini.")); err != nil {
			return err
		}
		q, err := tenancy.Scope(ctx, tx.NewDelete().Model((*Bantuan)(nil)).Where("b.id = ?", id))
		if err != nil {
			return err
		}
		_, err = q.Exec(ctx)
		return err
	})
}

// OPDUmum are the codes of the OPD that usually assist UMKM, offered as
// suggestions on the assistance form (any code of the kabupaten's list is
// accepted).
var OPDUmum = []struct{ Kode, Nama string }{
	{"DISKOPUKM", "Dinas Koperasi dan UKM"},
	{"DISPERINDAG", "Dinas Perindustrian dan Perdagangan"},
	{"DPMD", "Dinas Pemberdayaan Masyarakat dan Desa"},
	{"DISNAKER", "Dinas Tenaga Kerja"},
	{"DISPAR", "Dinas Pariwisata"},
}

// namaSkala names a skala for a page.
func namaSkala(s string) string {
	switch s {
	case SkalaMikro:
		return "Mikro"
	case SkalaKecil:
		return "Kecil"
	case SkalaMenengah:
		return "Menengah"
	}
	return s
}
