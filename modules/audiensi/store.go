package audiensi

import (
	"context"
	"crypto/rand"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The store: every query is scoped to the tenant of ctx (a desa, or a
// kecamatan/kabupaten range for the OPD queue and the statistics); every
// write runs in one db.Tx, which carries the request's audit entry.

// AktorPelapor is the timeline's actor for what the reporter does through
// the tracking code (no account).
const AktorPelapor = "pelapor"

func baruID() string { return uuid.Must(uuid.NewV7()).String() }

func pelaku(ctx context.Context) (id, nama string) {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID, u.Name
	}
	return audit.ActorSystem, "Sistem"
}

func (m *Module) waktu() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

func (m *Module) hariIni(ctx context.Context) civil.Date {
	t, _ := tenancy.From(ctx)
	return civil.Today(m.now(), t.Kode)
}

func cekID(id string) error {
	if u, err := uuid.Parse(id); err != nil || u.String() != id {
		return errTidakAda
	}
	return nil
}

var errTidakAda = fault.New(fault.NotFound, "Audiensi tidak ditemukan di desa ini.")

// lacakAlphabet has no 0/O, 1/I/L: a code read over the phone or copied
// from a printout is typed right.
const lacakAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// kodeLacakBaru is a fresh tracking code, "XXXXX-XXXXX": 10 symbols of 31,
// about 49 bits, so a code cannot be guessed from another.
func kodeLacakBaru() string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	var s strings.Builder
	for i, x := range b {
		if i == 5 {
			s.WriteByte('-')
		}
		s.WriteByte(lacakAlphabet[int(x)%len(lacakAlphabet)])
	}
	return s.String()
}

// NormalKodeLacak is a tracking code as typed: case and spaces forgiven.
func NormalKodeLacak(s string) (string, bool) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(s) == 10 && !strings.Contains(s, "-") {
		s = s[:5] + "-" + s[5:]
	}
	if len(s) != 11 || s[5] != '-' {
		return "", false
	}
	for i, r := range s {
		if i != 5 && !strings.ContainsRune(lacakAlphabet, r) {
			return "", false
		}
	}
	return s, true
}

// kalenderOf reads the calendar of the tenant's kabupaten, before any
// transaction opens (the calendar store reads in its own).
func (m *Module) kalenderOf(ctx context.Context) (kalender.Kalender, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return kalender.Kalender{}, tenancy.ErrNoTenant
	}
	if m.calendar == nil {
		return kalender.New(nil), nil
	}
	return m.calendar.Kalender(ctx, t.Kode)
}

// Buat records a new audiensi of the tenant desa, received today.
func (m *Module) Buat(ctx context.Context, d AudiensiData, kanal Kanal, kunjungan string) (Detail, error) {
	c, err := d.validate(m.ref)
	if err != nil {
		return Detail{}, err
	}
	t, ok := tenancy.From(ctx)
	if !ok {
		return Detail{}, tenancy.ErrNoTenant
	}
	if kanal == KanalKunjungan {
		if kunjungan, err = m.cekKunjungan(ctx, t.Kode, kunjungan); err != nil {
			return Detail{}, err
		}
	} else {
		kunjungan = ""
	}
	desaID, err := t.DesaID()
	if err != nil {
		return Detail{}, err
	}
	k, err := m.kalenderOf(ctx)
	if err != nil {
		return Detail{}, err
	}
	now := m.waktu()
	by, nama := pelaku(ctx)
	if kanal == KanalPublik {
		by, nama = AktorPelapor, "Pelapor"
	}
	a := Audiensi{DesaID: desaID, ID: baruID(), Kanal: kanal, Kunjungan: kunjungan, Kategori: c.Kategori,
		Judul: c.Judul, Isi: c.Isi, Dusun: c.Dusun, Lintang: c.lintang, Bujur: c.bujur,
		PelaporMode: c.PelaporMode, PelaporNama: c.PelaporNama, PelaporTelepon: c.PelaporTelepon,
		Status: Baru, Diterima: m.hariIni(ctx), TargetHari: c.kategori.HariKerja,
		CreatedBy: by, CreatedAt: now, UpdatedBy: by, UpdatedAt: now}
	hitungTenggat(k, &a, nil)
	r := RiwayatAudiensi{DesaID: desaID, AudiensiID: a.ID, Urut: 1, Peristiwa: PDiterima, Ke: Baru, Aktor: by,
		AktorNama: nama, Catatan: "Melalui " + kanalJudul(kanal), Publik: true, CreatedAt: now}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for try := 0; ; try++ {
			a.KodeLacak = kodeLacakBaru()
			_, err := tx.NewInsert().Model(&lacak{KodeLacak: a.KodeLacak, DesaID: desaID, AudiensiID: a.ID}).
				On("CONFLICT (kode_lacak) DO NOTHING").Returning("NULL").Exec(ctx)
			if err != nil {
				return err
			}
			var n int64
			if n, err = tx.NewSelect().Model((*lacak)(nil)).Where("kode_lacak = ? AND audiensi_id = ?", a.KodeLacak, a.ID).Count(ctx); err != nil {
				return err
			}
			if n == 1 {
				break
			}
			if try > 5 {
				return errors.New("audiensi: no free tracking code")
			}
		}
		if _, err := tx.NewInsert().Model(&a).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(&r).Returning("NULL").Exec(ctx)
		return err
	})
	if err != nil {
		return Detail{}, err
	}
	return Detail{Audiensi: a, Riwayat: []RiwayatAudiensi{r}}, nil
}

func kanalJudul(k Kanal) string {
	switch k {
	case KanalPublik:
		return "formulir publik"
	case KanalKunjungan:
		return "kunjungan kerja"
	}
	return "kantor desa"
}

// Detail is an audiensi with its recipients and timeline.
type Detail struct {
	Audiensi
	Disposisi []DisposisiAudiensi
	Riwayat   []RiwayatAudiensi
}

func bacaAudiensi(ctx context.Context, tx bun.Tx, id string, lock bool) (Audiensi, error) {
	var a Audiensi
	if err := cekID(id); err != nil {
		return a, err
	}
	sel := tx.NewSelect().Model(&a).Where("a.id = ?", id)
	if lock && tx.Dialect().Name() == dialect.PG {
		sel = sel.For("UPDATE")
	}
	sel, err := tenancy.Scope(ctx, sel)
	if err != nil {
		return a, err
	}
	if err := sel.Scan(ctx); db.IsNoRows(err) {
		return a, errTidakAda
	} else if err != nil {
		return a, err
	}
	return a, nil
}

func bacaAnak(ctx context.Context, tx bun.Tx, a Audiensi) ([]DisposisiAudiensi, []RiwayatAudiensi, error) {
	var ds []DisposisiAudiensi
	var rs []RiwayatAudiensi
	if err := tx.NewSelect().Model(&ds).Where("d.desa_id = ? AND d.audiensi_id = ?", a.DesaID, a.ID).
		OrderExpr("d.tanggal, d.penerima_nama").Scan(ctx); err != nil {
		return nil, nil, err
	}
	if err := tx.NewSelect().Model(&rs).Where("r.desa_id = ? AND r.audiensi_id = ?", a.DesaID, a.ID).
		OrderExpr("r.urut").Scan(ctx); err != nil {
		return nil, nil, err
	}
	return ds, rs, nil
}

// Lihat reads one audiensi of the tenant desa with its recipients and
// timeline. Who may see it is the caller's concern (boleh*).
func (m *Module) Lihat(ctx context.Context, id string) (Detail, error) {
	var d Detail
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, err := bacaAudiensi(ctx, tx, id, false)
		if err != nil {
			return err
		}
		d.Audiensi = a
		d.Disposisi, d.Riwayat, err = bacaAnak(ctx, tx, a)
		return err
	})
	return d, err
}

// langkah is one step of the lifecycle: it changes a and ds (the rules
// are the methods of model.go) and says what the timeline records.
type langkah func(a *Audiensi, ds *[]DisposisiAudiensi, k kalender.Kalender, hariIni civil.Date) ([]RiwayatAudiensi, error)

// ubah runs one step on audiensi id of the tenant desa in one
// transaction: the row locked, the step applied, the clocks computed
// again, everything written with its timeline entries.
func (m *Module) ubah(ctx context.Context, id string, step langkah) (Detail, error) {
	k, err := m.kalenderOf(ctx)
	if err != nil {
		return Detail{}, err
	}
	hariIni := m.hariIni(ctx)
	now := m.waktu()
	by, nama := pelaku(ctx)
	var out Detail
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, err := bacaAudiensi(ctx, tx, id, true)
		if err != nil {
			return err
		}
		ds, rs, err := bacaAnak(ctx, tx, a)
		if err != nil {
			return err
		}
		baru, err := step(&a, &ds, k, hariIni)
		if err != nil {
			return err
		}
		hitungTenggat(k, &a, ds)
		a.UpdatedAt = now
		if by != audit.ActorSystem {
			a.UpdatedBy = by
		}
		if _, err := tx.NewUpdate().Model(&a).WherePK().Returning("NULL").Exec(ctx); err != nil {
			return err
		}
		for i := range ds {
			ds[i].DesaID, ds[i].AudiensiID = a.DesaID, a.ID
			if _, err := tx.NewInsert().Model(&ds[i]).
				On("CONFLICT (desa_id, audiensi_id, penerima) DO UPDATE").
				Set("penerima_nama = EXCLUDED.penerima_nama, status = EXCLUDED.status, tanggal = EXCLUDED.tanggal, " +
					"tenggat = EXCLUDED.tenggat, tanggapan = EXCLUDED.tanggapan, alasan_kembali = EXCLUDED.alasan_kembali, " +
					"ditanggapi_by = EXCLUDED.ditanggapi_by, ditanggapi_at = EXCLUDED.ditanggapi_at").
				Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		next := len(rs) + 1
		for i := range baru {
			r := &baru[i]
			r.DesaID, r.AudiensiID, r.Urut, r.CreatedAt = a.DesaID, a.ID, next, now
			if r.Aktor == "" {
				r.Aktor, r.AktorNama = by, nama
			}
			next++
			if _, err := tx.NewInsert().Model(r).Returning("NULL").Exec(ctx); err != nil {
				return err
			}
		}
		out = Detail{Audiensi: a, Disposisi: ds, Riwayat: append(rs, baru...)}
		return nil
	})
	return out, err
}

func transisi(p Peristiwa, a *Audiensi, ke Status, catatan string, publik bool) RiwayatAudiensi {
	r := RiwayatAudiensi{Peristiwa: p, Dari: a.Status, Ke: ke, Catatan: catatan, Publik: publik}
	a.Status = ke
	return r
}

// Verifikasi accepts a new audiensi as a genuine matter of this desa.
func (m *Module) Verifikasi(ctx context.Context, id, note string) (Detail, error) {
	note, err := catatan("body.catatan", "Catatan", note, 0)
	if err != nil {
		return Detail{}, err
	}
	return m.ubah(ctx, id, func(a *Audiensi, _ *[]DisposisiAudiensi, _ kalender.Kalender, _ civil.Date) ([]RiwayatAudiensi, error) {
		if err := a.bolehVerifikasi(); err != nil {
			return nil, err
		}
		return []RiwayatAudiensi{transisi(PDiverifikasi, a, Diverifikasi, note, false)}, nil
	})
}

// Penerima is one recipient of a disposition: an OPD of the desa's
// kabupaten, or the desa itself (PenerimaDesa).
type Penerima struct {
	ID   string
	Nama string
}

// penerimaOf resolves recipients named by id: PenerimaDesa, or an active
// OPD of the kabupaten of the tenant desa.
func (m *Module) penerimaOf(ctx context.Context, ids []string) ([]Penerima, error) {
	t, _ := tenancy.From(ctx)
	kab := t.Kode.Up(tenancy.Kabupaten)
	seen := map[string]bool{}
	var out []Penerima
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		if id == PenerimaDesa {
			out = append(out, Penerima{ID: PenerimaDesa, Nama: "Pemerintah desa"})
			continue
		}
		if m.opd == nil {
			return nil, fault.Field("body.penerima", "Daftar OPD belum tersedia.")
		}
		o, err := m.opd.OPDByID(ctx, id)
		if f, ok := fault.As(err); ok && f.Code == fault.NotFound || err == nil && (o.Kabupaten != kab || !o.Aktif) {
			return nil, fault.Field("body.penerima", "OPD %q tidak dikenal atau tidak aktif di kabupaten ini.", id)
		} else if err != nil {
			return nil, err
		}
		out = append(out, Penerima{ID: o.ID, Nama: o.Nama})
	}
	if len(out) == 0 {
		return nil, fault.Field("body.penerima", "Pilih minimal satu OPD atau desa sebagai penerima disposisi.")
	}
	if len(out) > MaxPenerima {
		return nil, fault.Field("body.penerima", "Paling banyak %d penerima sekaligus.", MaxPenerima)
	}
	return out, nil
}

// Disposisikan routes a verified audiensi to OPD and/or the desa; each
// recipient's 5 working days start today. A recipient already waiting is
// left as it is; one that answered or returned it is asked again.
func (m *Module) Disposisikan(ctx context.Context, id string, penerima []string, note string) (Detail, error) {
	note, err := catatan("body.catatan", "Catatan", note, 0)
	if err != nil {
		return Detail{}, err
	}
	ps, err := m.penerimaOf(ctx, penerima)
	if err != nil {
		return Detail{}, err
	}
	by, _ := pelaku(ctx)
	now := m.waktu()
	return m.ubah(ctx, id, func(a *Audiensi, ds *[]DisposisiAudiensi, _ kalender.Kalender, hariIni civil.Date) ([]RiwayatAudiensi, error) {
		if err := a.bolehDisposisi(); err != nil {
			return nil, err
		}
		var rs []RiwayatAudiensi
		for _, p := range ps {
			i := indexPenerima(*ds, p.ID)
			if i >= 0 && (*ds)[i].Status == Menunggu {
				continue
			}
			d := DisposisiAudiensi{Penerima: p.ID, PenerimaNama: p.Nama, Status: Menunggu, Tanggal: hariIni, CreatedBy: by, CreatedAt: now}
			if i >= 0 {
				(*ds)[i] = d
			} else {
				*ds = append(*ds, d)
			}
			r := transisi(PDidisposisikan, a, Didisposisikan, note, true)
			r.Penerima = p.ID
			r.Catatan = strings.TrimSpace("Kepada " + p.Nama + ". " + note)
			rs = append(rs, r)
		}
		if len(rs) == 0 {
			return nil, fault.New(fault.Conflict, "Semua penerima yang dipilih sudah menunggu tanggapan.")
		}
		return rs, nil
	})
}

func indexPenerima(ds []DisposisiAudiensi, p string) int {
	for i, d := range ds {
		if d.Penerima == p {
			return i
		}
	}
	return -1
}

// Tanggapi records a recipient's answer; once no recipient is waiting the
// audiensi is ditindaklanjuti.
func (m *Module) Tanggapi(ctx context.Context, id, penerima, isi string) (Detail, error) {
	isi, err := catatan("body.isi", "Tanggapan", isi, MinIsi)
	if err != nil {
		return Detail{}, err
	}
	return m.jawab(ctx, id, penerima, Ditanggapi, isi)
}

// Kembalikan returns a recipient's part to the verifier with a reason
// (not its field, wrong desa…); when nobody is left waiting and nobody
// answered, the audiensi goes back to diverifikasi to be routed again.
func (m *Module) Kembalikan(ctx context.Context, id, penerima, alasan string) (Detail, error) {
	alasan, err := catatan("body.alasan", "Alasan", alasan, MinAlasan)
	if err != nil {
		return Detail{}, err
	}
	return m.jawab(ctx, id, penerima, Dikembalikan, alasan)
}

// jawab closes penerima's waiting part as status (Ditanggapi with its
// answer, which the reporter sees, or Dikembalikan with its reason, which
// stays internal) and moves the audiensi on (setelahJawaban).
func (m *Module) jawab(ctx context.Context, id, penerima string, status StatusDisposisi, teks string) (Detail, error) {
	by, _ := pelaku(ctx)
	now := m.waktu()
	return m.ubah(ctx, id, func(a *Audiensi, ds *[]DisposisiAudiensi, _ kalender.Kalender, _ civil.Date) ([]RiwayatAudiensi, error) {
		i, err := bagianTerbuka(a, *ds, penerima)
		if err != nil {
			return nil, err
		}
		d := &(*ds)[i]
		d.Status, d.DitanggapiBy, d.DitanggapiAt = status, by, &now
		p, publik := PDitanggapi, true
		if status == Dikembalikan {
			d.AlasanKembali, p, publik = teks, PDikembalikan, false
		} else {
			d.Tanggapan = teks
		}
		r := transisi(p, a, setelahJawaban(*ds), teks, publik)
		r.Penerima = d.Penerima
		return []RiwayatAudiensi{r}, nil
	})
}

// bagianTerbuka finds penerima's waiting part of a.
func bagianTerbuka(a *Audiensi, ds []DisposisiAudiensi, penerima string) (int, error) {
	if err := a.bolehTanggapan(); err != nil {
		return -1, err
	}
	i := indexPenerima(ds, penerima)
	if i < 0 {
		return -1, fault.New(fault.NotFound, "Audiensi ini tidak didisposisikan kepada penerima tersebut.")
	}
	if ds[i].Status != Menunggu {
		return -1, fault.New(fault.Conflict, "Bagian %s sudah %s.", ds[i].PenerimaNama, ds[i].Status)
	}
	return i, nil
}

// Selesaikan closes a followed-up audiensi.
func (m *Module) Selesaikan(ctx context.Context, id, note string) (Detail, error) {
	note, err := catatan("body.catatan", "Catatan penyelesaian", note, 0)
	if err != nil {
		return Detail{}, err
	}
	return m.ubah(ctx, id, func(a *Audiensi, _ *[]DisposisiAudiensi, k kalender.Kalender, hariIni civil.Date) ([]RiwayatAudiensi, error) {
		if err := a.bolehSelesai(); err != nil {
			return nil, err
		}
		tutup(k, a, hariIni)
		a.Alasan = ""
		return []RiwayatAudiensi{transisi(PSelesai, a, Selesai, note, true)}, nil
	})
}

// Tolak refuses an open audiensi with a reason the reporter sees.
func (m *Module) Tolak(ctx context.Context, id, alasan string) (Detail, error) {
	alasan, err := catatan("body.alasan", "Alasan penolakan", alasan, MinAlasan)
	if err != nil {
		return Detail{}, err
	}
	return m.ubah(ctx, id, func(a *Audiensi, ds *[]DisposisiAudiensi, k kalender.Kalender, hariIni civil.Date) ([]RiwayatAudiensi, error) {
		if err := a.bolehTolak(); err != nil {
			return nil, err
		}
		for i := range *ds {
			if (*ds)[i].Status == Menunggu {
				(*ds)[i].Status, (*ds)[i].AlasanKembali = Dikembalikan, "Audiensi ditolak: "+alasan
			}
		}
		tutup(k, a, hariIni)
		a.Alasan = alasan
		return []RiwayatAudiensi{transisi(PDitolak, a, Ditolak, alasan, true)}, nil
	})
}

// BukaKembali reopens a closed audiensi with a reason; it is verified
// again and its clocks run from the original receipt.
func (m *Module) BukaKembali(ctx context.Context, id, alasan string) (Detail, error) {
	alasan, err := catatan("body.alasan", "Alasan membuka kembali", alasan, MinAlasan)
	if err != nil {
		return Detail{}, err
	}
	return m.ubah(ctx, id, func(a *Audiensi, _ *[]DisposisiAudiensi, _ kalender.Kalender, _ civil.Date) ([]RiwayatAudiensi, error) {
		if err := a.bolehBuka(); err != nil {
			return nil, err
		}
		buka(a)
		a.Alasan = alasan
		return []RiwayatAudiensi{transisi(PDibukaKembali, a, Diverifikasi, alasan, true)}, nil
	})
}

// Ubah corrects the content of an audiensi not yet routed.
func (m *Module) Ubah(ctx context.Context, id string, d AudiensiData) (Detail, error) {
	c, err := d.validate(m.ref)
	if err != nil {
		return Detail{}, err
	}
	return m.ubah(ctx, id, func(a *Audiensi, _ *[]DisposisiAudiensi, _ kalender.Kalender, _ civil.Date) ([]RiwayatAudiensi, error) {
		if err := a.bolehUbah(); err != nil {
			return nil, err
		}
		a.Kategori, a.Judul, a.Isi, a.Dusun, a.Lintang, a.Bujur = c.Kategori, c.Judul, c.Isi, c.Dusun, c.lintang, c.bujur
		a.PelaporMode, a.PelaporNama, a.PelaporTelepon = c.PelaporMode, c.PelaporNama, c.PelaporTelepon
		a.TargetHari = c.kategori.HariKerja
		return nil, nil
	})
}

// cekKunjungan checks the visit an audiensi was heard on: a visit of desa
// that is planned, under way or held (the kunjungan module says).
func (m *Module) cekKunjungan(ctx context.Context, desa tenancy.Kode, id string) (string, error) {
	id, err := kunjunganRef(id)
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", fault.Field("body.kunjungan", "Pilih kunjungan kerja tempat audiensi ini diterima.")
	}
	if m.kunj == nil {
		return "", fault.Field("body.kunjungan", "Data kunjungan kerja tidak tersedia; catat audiensi ini sebagai diterima di kantor desa.")
	}
	_, ok, err := m.kunj.KunjunganDi(ctx, desa, id)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fault.Field("body.kunjungan", "Kunjungan kerja ini tidak dikenal di desa ini (atau sudah dibatalkan).")
	}
	return id, nil
}

// JumlahKunjungan counts the audiensi desa received during visit id.
func (m *Module) JumlahKunjungan(ctx context.Context, desa tenancy.Kode, id string) (int, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	var n int
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model((*Audiensi)(nil)).Where("a.kanal = ? AND a.kunjungan = ?", KanalKunjungan, id))
		if err != nil {
			return err
		}
		c, err := sel.Count(ctx)
		n = int(c)
		return err
	})
	return n, err
}
