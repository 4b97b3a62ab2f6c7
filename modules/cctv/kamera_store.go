package cctv

import (
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// The registry's writes and reads: a camera is recorded and changed with
// its credentials sealed (never stored or answered in clear), read one at
// a time or a page at a time, and never deleted — its probes and the
// views of its live link are records, so a camera no longer used is set
// nonaktif.

// Bounds of a camera's credentials as typed.
const (
	KredensialPenggunaMax = 100
	KredensialSandiMax    = 200
)

// KameraKredensial is the user name and password of a camera's stream, as
// typed. It is sealed (Sealer, KredensialContext) before it is stored and
// never read back out through the registry.
type KameraKredensial struct {
	Pengguna string `json:"pengguna" maxLength:"100" doc:"Nama pengguna stream kamera"`
	Sandi    string `json:"sandi" maxLength:"200" doc:"Kata sandi stream kamera; disimpan terenkripsi dan tidak pernah ditampilkan lagi"`
}

// KameraBaru is a camera to record, with its credentials when the stream
// needs them.
type KameraBaru struct {
	KameraData
	Kredensial *KameraKredensial `json:"kredensial,omitempty" doc:"Kredensial stream (bila perlu); disimpan terenkripsi, tidak pernah dikembalikan"`
}

// KameraUbah is a camera's new values. Kredensial, when given, replaces
// the stored credentials; HapusKredensial removes them; neither keeps
// them. Diubah is the camera's "diubah" as the editor read it: a camera
// changed since is not overwritten (409).
type KameraUbah struct {
	KameraData
	Kredensial      *KameraKredensial `json:"kredensial,omitempty" doc:"Kredensial baru; kosongkan untuk mempertahankan yang tersimpan"`
	HapusKredensial bool              `json:"hapus_kredensial,omitempty" doc:"true menghapus kredensial yang tersimpan"`
	Diubah          time.Time         `json:"diubah" doc:"Nilai diubah kamera saat dibaca; bila kamera sudah diubah orang lain sejak itu, perubahan ditolak (409)"`
}

// KameraQuery filters and pages the registry.
type KameraQuery struct {
	Status, Tujuan string
	Limit          int
}

type kameraKunciHalaman struct {
	Nama string `json:"n"`
	ID   string `json:"id"`
}

// KameraJumlah counts a desa's cameras by status.
type KameraJumlah struct {
	Total    int `json:"total"`
	Aktif    int `json:"aktif"`
	Nonaktif int `json:"nonaktif"`
}

func kameraIDBaru() string { return uuid.Must(uuid.NewV7()).String() }

// kameraPelaku is the signed-in user acting in ctx.
func kameraPelaku(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return "system"
}

// kameraHariIni is today at the kantor desa of ctx.
func (m *Module) kameraHariIni(ctx context.Context) civil.Date {
	t, _ := tenancy.From(ctx)
	return civil.Today(m.now(), t.Kode)
}

// kameraStempel is the time a write is stamped with: strictly after the
// camera's previous stamp, so an edit always changes "diubah" (and an
// editor holding the old value is refused) even when the clock stands
// still.
func kameraStempel(now, sebelum time.Time) time.Time {
	t := now.UTC().Truncate(time.Microsecond)
	if !t.After(sebelum) {
		t = sebelum.UTC().Truncate(time.Microsecond).Add(time.Microsecond)
	}
	return t
}

// kameraKredensialDiketik reports whether the editor typed credentials
// (blank fields keep the stored ones).
func kameraKredensialDiketik(kr *KameraKredensial) bool {
	return kr != nil && (strings.TrimSpace(kr.Pengguna) != "" || kr.Sandi != "")
}

// periksaKredensial checks typed credentials: both parts, within bounds,
// no control characters, and a sealer to keep them. The messages never
// repeat what was typed.
func (m *Module) periksaKredensial(p *valid.Problems, kr *KameraKredensial, hapus bool) {
	if !kameraKredensialDiketik(kr) {
		return
	}
	if hapus {
		p.Add("hapus_kredensial", "Pilih salah satu: hapus kredensial yang tersimpan, atau isi kredensial baru.")
		return
	}
	if m.secrets == nil {
		p.Add("kredensial.pengguna", "Kredensial belum dapat disimpan: kunci enkripsi server (NGANTOR_SECRET_KEY) belum dipasang. "+
			"Kosongkan nama pengguna dan kata sandi, atau minta admin kabupaten memasang kuncinya.")
		return
	}
	pengguna := strings.TrimSpace(kr.Pengguna)
	switch {
	case pengguna == "":
		p.Add("kredensial.pengguna", "Isi nama pengguna stream bersama kata sandinya.")
	case utf8.RuneCountInString(pengguna) > KredensialPenggunaMax:
		p.Add("kredensial.pengguna", "Nama pengguna paling banyak %d karakter.", KredensialPenggunaMax)
	default:
		if _, bad := valid.Control(pengguna, false); bad {
			p.Add("kredensial.pengguna", "Nama pengguna tidak boleh berisi karakter kendali.")
		}
	}
	switch {
	case kr.Sandi == "":
		p.Add("kredensial.sandi", "Isi kata sandi stream bersama nama penggunanya.")
	case !utf8.ValidString(kr.Sandi) || utf8.RuneCountInString(kr.Sandi) > KredensialSandiMax:
		p.Add("kredensial.sandi", "Kata sandi paling banyak %d karakter.", KredensialSandiMax)
	default:
		if _, bad := valid.Control(kr.Sandi, false); bad {
			p.Add("kredensial.sandi", "Kata sandi tidak boleh berisi karakter kendali.")
		}
	}
}

// periksaIsian is the one check of a camera's form or body: the rules of
// PeriksaKamera and of the credentials together, so every field at fault
// is named at once.
func (m *Module) periksaIsian(d KameraData, kr *KameraKredensial, hapus bool, hariIni civil.Date, k *Kamera) error {
	var p valid.Problems
	p.Include("", PeriksaKamera(d, hariIni, k))
	m.periksaKredensial(&p, kr, hapus)
	return p.Err()
}

// segelKredensial seals typed credentials for camera id of desa.
func (m *Module) segelKredensial(desa tenancy.Kode, id string, kr *KameraKredensial) (string, error) {
	raw, err := json.Marshal(KameraKredensial{Pengguna: strings.TrimSpace(kr.Pengguna), Sandi: kr.Sandi})
	if err != nil {
		return "", err
	}
	return m.secrets.Seal(raw, KredensialContext(desa, id))
}

// TambahKamera records a camera of the tenant desa, its credentials
// sealed.
func (m *Module) TambahKamera(ctx context.Context, in KameraBaru) (Kamera, error) {
	var k Kamera
	t, ok := tenancy.From(ctx)
	if !ok {
		return k, tenancy.ErrNoTenant
	}
	desaID, err := t.DesaID()
	if err != nil {
		return k, err
	}
	if err := m.periksaIsian(in.KameraData, in.Kredensial, false, m.kameraHariIni(ctx), &k); err != nil {
		return k, err
	}
	if err := m.CekKegiatan(ctx, k); err != nil {
		return k, err
	}
	k.DesaID, k.ID = desaID, kameraIDBaru()
	if kameraKredensialDiketik(in.Kredensial) {
		if k.Kredensial, err = m.segelKredensial(t.Kode, k.ID, in.Kredensial); err != nil {
			return Kamera{}, err
		}
	}
	k.CreatedBy, k.UpdatedBy = kameraPelaku(ctx), kameraPelaku(ctx)
	k.CreatedAt = kameraStempel(m.now(), time.Time{})
	k.UpdatedAt = k.CreatedAt
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := kameraNamaBebas(ctx, tx, k); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(&k).Returning("NULL").Exec(ctx)
		return kameraNamaKembar(err, k)
	})
	if err != nil {
		return Kamera{}, err
	}
	return k, nil
}

// UbahKamera changes a camera of the tenant desa. It is refused (409) when
// the camera changed after in.Diubah. The credentials stay unless new ones
// are typed or their removal is asked for.
func (m *Module) UbahKamera(ctx context.Context, id string, in KameraUbah) (Kamera, error) {
	var k Kamera
	t, ok := tenancy.From(ctx)
	if !ok {
		return k, tenancy.ErrNoTenant
	}
	if err := kameraCekID(id); err != nil {
		return k, err
	}
	if err := m.periksaIsian(in.KameraData, in.Kredensial, in.HapusKredensial, m.kameraHariIni(ctx), &k); err != nil {
		return k, err
	}
	if in.Diubah.IsZero() {
		return k, fault.Field("diubah", "Nilai diubah wajib dikirim (dari kamera yang dibaca); muat ulang halaman lalu coba lagi.")
	}
	// The kegiatan is looked up before the transaction: keuangan reads on
	// its own connection.
	lama, err := m.BacaKamera(ctx, id)
	if err != nil {
		return k, err
	}
	if k.KegiatanKode != lama.KegiatanKode || k.TahunAnggaran != lama.TahunAnggaran {
		if err := m.CekKegiatan(ctx, k); err != nil {
			return k, err
		}
	}
	segel := ""
	if kameraKredensialDiketik(in.Kredensial) {
		if segel, err = m.segelKredensial(t.Kode, id, in.Kredensial); err != nil {
			return Kamera{}, err
		}
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := kameraKunci(ctx, m.db.Engine, tx, id)
		if err != nil {
			return err
		}
		if !cur.UpdatedAt.UTC().Truncate(time.Microsecond).Equal(in.Diubah.UTC().Truncate(time.Microsecond)) {
			return fault.New(fault.Conflict, "Kamera %s sudah diubah orang lain sejak Anda membukanya. "+
				"Buka lagi formulir ubah untuk melihat isian terbaru, lalu simpan perubahan Anda.", cur.Nama)
		}
		k.DesaID, k.ID, k.CreatedBy, k.CreatedAt = cur.DesaID, cur.ID, cur.CreatedBy, cur.CreatedAt
		k.UpdatedBy, k.UpdatedAt = kameraPelaku(ctx), kameraStempel(m.now(), cur.UpdatedAt)
		switch {
		case segel != "":
			k.Kredensial = segel
		case in.HapusKredensial:
			k.Kredensial = ""
		default:
			k.Kredensial = cur.Kredensial
		}
		if !strings.EqualFold(k.Nama, cur.Nama) {
			if err := kameraNamaBebas(ctx, tx, k); err != nil {
				return err
			}
		}
		upd, err := tenancy.Scope(ctx, tx.NewUpdate().Model(&k).
			ExcludeColumn("desa_id", "id", "created_by", "created_at").Where("k.id = ?", id))
		if err != nil {
			return err
		}
		_, err = upd.Exec(ctx)
		return kameraNamaKembar(err, k)
	})
	if err != nil {
		return Kamera{}, err
	}
	return k, nil
}

// kameraCekID refuses an id that is no UUID: no camera has it (and
// PostgreSQL would answer such text with an internal error).
func kameraCekID(id string) error {
	if u, err := uuid.Parse(id); err != nil || u.String() != id {
		return fault.New(fault.NotFound, "Kamera tidak ditemukan di desa ini.")
	}
	return nil
}

// BacaKamera reads one camera of the tenant desa.
func (m *Module) BacaKamera(ctx context.Context, id string) (Kamera, error) {
	var k Kamera
	if err := kameraCekID(id); err != nil {
		return k, err
	}
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		var err error
		k, err = kameraBaca(ctx, tx, id, false)
		return err
	})
	return k, err
}

func kameraBaca(ctx context.Context, idb bun.IDB, id string, forUpdate bool) (Kamera, error) {
	var k Kamera
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model(&k).Where("k.id = ?", id))
	if err != nil {
		return k, err
	}
	if forUpdate {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); db.IsNoRows(err) {
		return k, fault.New(fault.NotFound, "Kamera tidak ditemukan di desa ini.")
	} else if err != nil {
		return k, err
	}
	return k, nil
}

// kameraKunci reads a camera for a change, locking its row on PostgreSQL
// (SQLite's write transactions run one at a time anyway).
func kameraKunci(ctx context.Context, engine db.Engine, tx bun.Tx, id string) (Kamera, error) {
	return kameraBaca(ctx, tx, id, engine == db.Postgres)
}

// kameraNamaBebas refuses a name another camera of the desa already has
// (letter case aside).
func kameraNamaBebas(ctx context.Context, tx bun.Tx, k Kamera) error {
	q, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Kamera)(nil)).
		Where("lower(k.nama) = lower(?) AND k.id <> ?", k.Nama, k.ID))
	if err != nil {
		return err
	}
	ada, err := q.Exists(ctx)
	if err != nil {
		return err
	}
	if ada {
		return kameraNamaKembar(errKameraNamaKembar, k)
	}
	return nil
}

var errKameraNamaKembar = fault.New(fault.Conflict, "nama kamera kembar")

// kameraNamaKembar turns a taken name (found first, or a concurrent insert
// caught by the unique key) into the field's message.
func kameraNamaKembar(err error, k Kamera) error {
	if err == errKameraNamaKembar || db.IsUniqueViolation(err) {
		return fault.Invalids([]*fault.Error{fault.Field("nama",
			"Desa ini sudah punya kamera bernama %s; pakai nama lain (misalnya tambahkan arah atau banjarnya).", k.Nama)})
	}
	return err
}

// kameraHalaman is one page of the tenant desa's cameras by name and id,
// limit+1 rows (the last says there is more).
func kameraHalaman(ctx context.Context, idb bun.IDB, q KameraQuery, after *kameraKunciHalaman) ([]Kamera, error) {
	ks := []Kamera{}
	sel := idb.NewSelect().Model(&ks).OrderExpr("k.nama, k.id").Limit(int64(q.Limit) + 1)
	if q.Status != "" {
		sel = sel.Where("k.status = ?", q.Status)
	}
	if q.Tujuan != "" {
		sel = sel.Where("k.tujuan = ?", q.Tujuan)
	}
	if after != nil {
		sel = sel.Where("(k.nama > ? OR (k.nama = ? AND k.id > ?))", after.Nama, after.Nama, after.ID)
	}
	sel, err := tenancy.Scope(ctx, sel)
	if err != nil {
		return nil, err
	}
	return ks, sel.Scan(ctx)
}

// kameraHitung counts the tenant desa's cameras by status.
func kameraHitung(ctx context.Context, idb bun.IDB) (KameraJumlah, error) {
	var rows []struct {
		Status string `bun:"status"`
		N      int    `bun:"n"`
	}
	q, err := tenancy.Scope(ctx, idb.NewSelect().Model((*Kamera)(nil)).ColumnExpr("k.status, count(*) AS n").GroupExpr("k.status"))
	if err != nil {
		return KameraJumlah{}, err
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return KameraJumlah{}, err
	}
	var j KameraJumlah
	for _, r := range rows {
		j.Total += r.N
		switch r.Status {
		case StatusAktif:
			j.Aktif = r.N
		case StatusNonaktif:
			j.Nonaktif = r.N
		}
	}
	return j, nil
}

// kameraDataDari is k's values as its edit form and API body hold them.
// The stream URL is there (only PermKelola reads an edit form); the
// credentials never are.
func kameraDataDari(k Kamera) KameraData {
	return KameraData{Nama: k.Nama, Dusun: k.Dusun, Lintang: valid.FormatDerajat(k.LintangE6), Bujur: valid.FormatDerajat(k.BujurE6),
		Pantauan: k.Pantauan, Tujuan: k.Tujuan, Pemilik: k.Pemilik, Perjanjian: k.Perjanjian, KegiatanKode: k.KegiatanKode,
		TahunAnggaran: k.TahunAnggaran, Harga: k.Harga, TanggalPasang: k.TanggalPasang, RetensiHari: k.RetensiHari,
		LokasiRekaman: k.LokasiRekaman, StreamURL: k.StreamURL, Status: k.Status}
}

// PetaURL is the camera's place on OpenStreetMap.
func (k Kamera) PetaURL() string {
	lat, lon := valid.FormatDerajat(k.LintangE6), valid.FormatDerajat(k.BujurE6)
	return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=18/" + lat + "/" + lon
}
