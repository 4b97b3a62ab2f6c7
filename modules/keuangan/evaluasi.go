package keuangan

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// This file is the camat's evaluation of a submitted APBDes (Permendagri
// 20/2018 Pasal 34; PP 43/2014 Pasal 101): comments per line or on the
// whole budget while it is diajukan, then the decision — returned for
// revision with a note, or accepted so the desa can set it by Perdes.

// Keputusan of the camat.
const (
	KeputusanKembalikan = "kembalikan"
	KeputusanTerima     = "terima"
)

// maxKomentarEv bounds a comment and the note of a decision.
const maxKomentarEv = 2000

// apbdesEvaluasi is the APBDes of tahun the camat evaluates: the one
// diajukan when there is one, else the one in force (perubahan over murni).
func apbdesEvaluasi(ctx context.Context, idb bun.IDB, tahun int) (APBDes, error) {
	return pilihAPBDes(ctx, idb, tahun, func(calon, kini *APBDes) bool {
		return calon.Status == StatusDiajukan || kini.Status != StatusDiajukan && calon.Versi == VersiPerubahan
	})
}

// EvaluasiData is what the evaluation shows: the APBDes, its lines,
// totals and balance, the rules of the year and the comments so far.
type EvaluasiData struct {
	APBDes   APBDes
	Baris    []Baris
	Total    Total
	Seimbang string // "" when balanced, else the Bahasa reason
	Aturan   []HasilAturan
	Komentar []Komentar
	Riwayat  []Riwayat // the moves of its status, oldest first
}

// Evaluasi reads the evaluation of tahun for the desa in ctx.
func (m *Module) Evaluasi(ctx context.Context, tahun int) (EvaluasiData, error) {
	var d EvaluasiData
	if err := periksaTahunEv(tahun); err != nil {
		return d, err
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, err := apbdesEvaluasi(ctx, tx, tahun)
		if err != nil {
			return err
		}
		d.APBDes = a
		if d.Baris, err = ListBaris(ctx, tx, a.ID); err != nil {
			return err
		}
		t, ok := Hitung(d.Baris)
		if !ok {
			return fault.New(fault.Invalid, "Jumlah APBDes terlalu besar untuk dihitung.")
		}
		d.Total = t
		if err := t.Seimbang(); err != nil {
			if f, ok := fault.As(err); ok {
				d.Seimbang = f.Message
			}
		}
		if d.Aturan, err = m.CekAturan(ctx, tx, tahun, d.Baris); err != nil {
			return err
		}
		if d.Komentar, err = listKomentarEv(ctx, tx, a.ID); err != nil {
			return err
		}
		d.Riwayat = []Riwayat{}
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&d.Riwayat).Where("ar.apbdes_id = ?", a.ID))
		if err != nil {
			return err
		}
		if err := sel.Order("ar.created_at", "ar.id").Scan(ctx); err != nil {
			return err
		}
		return nil
	})
	return d, err
}

func listKomentarEv(ctx context.Context, idb bun.IDB, apbdesID string) ([]Komentar, error) {
	rows := []Komentar{}
	sel, err := tenancy.Scope(ctx, idb.NewSelect().Model(&rows).Where("ak.apbdes_id = ?", apbdesID))
	if err != nil {
		return nil, err
	}
	err = sel.Order("ak.created_at", "ak.id").Scan(ctx)
	return rows, err
}

// ListKomentar is the camat's comments on the APBDes of tahun the
// evaluation shows, oldest first.
func (m *Module) ListKomentar(ctx context.Context, tahun int) ([]Komentar, error) {
	if err := periksaTahunEv(tahun); err != nil {
		return nil, err
	}
	var out []Komentar
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, err := apbdesEvaluasi(ctx, tx, tahun)
		if err != nil {
			return err
		}
		out, err = listKomentarEv(ctx, tx, a.ID)
		return err
	})
	return out, err
}

// pelakuDari is the signed-in user of ctx as the APBDes history names them.
func pelakuDari(ctx context.Context) Pelaku {
	u, _ := auth.UserFrom(ctx)
	return Pelaku{ID: u.ID, Nama: u.Name}
}

// KomentarBaru is a comment as the camat writes it: on a line (BarisID) or
// on the whole budget (BarisID empty).
type KomentarBaru struct {
	BarisID string `json:"baris_id,omitempty" maxLength:"64" doc:"Baris yang dikomentari; kosong untuk komentar atas APBDes seluruhnya"`
	Isi     string `json:"isi" maxLength:"2000"`
}

// ringkasBarisKomentar is how a comment names its line, kept when a revision
// deletes the line: "02.03.10 5.3.2.01 Pengerasan jalan …".
func ringkasBarisKomentar(b Baris) string {
	s := strings.TrimSpace(strings.Join([]string{string(b.KodeKegiatan), string(b.KodeRekening), b.Uraian}, " "))
	if utf8.RuneCountInString(s) > 160 {
		s = string([]rune(s)[:159]) + "…"
	}
	return s
}

// TambahKomentar records the camat's comment on the APBDes of tahun. Only
// while it is diajukan: a Conflict in Bahasa otherwise.
func (m *Module) TambahKomentar(ctx context.Context, tahun int, in KomentarBaru, f Fields) (Komentar, error) {
	if f == nil {
		f = func(name string) string { return name }
	}
	var k Komentar
	if err := periksaTahunEv(tahun); err != nil {
		return k, err
	}
	var p valid.Problems
	isi := strings.TrimSpace(in.Isi)
	p.Paragraph(f("isi"), "Komentar", isi, 1, maxKomentarEv)
	if err := p.Err(); err != nil {
		return k, err
	}
	by := pelakuDari(ctx)
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, err := apbdesEvaluasi(ctx, tx, tahun)
		if err != nil {
			return err
		}
		if a.Status != StatusDiajukan {
			return fault.New(fault.Conflict, "Komentar evaluasi hanya dapat ditulis selama APBDes diajukan ke camat; APBDes tahun %d berstatus %s.", tahun, NamaStatus(a.Status))
		}
		k = Komentar{DesaID: a.DesaID, APBDesID: a.ID, Isi: isi, Oleh: by.ID, OlehNama: by.Nama, CreatedAt: m.now().UTC()}
		if id := strings.TrimSpace(in.BarisID); id != "" {
			if _, err := uuid.Parse(id); err != nil {
				return fault.Field(f("baris_id"), "Baris yang dikomentari tidak ada pada APBDes ini.")
			}
			var b Baris
			sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&b).Where("b.apbdes_id = ? AND b.id = ?", a.ID, id))
			if err != nil {
				return err
			}
			if err := sel.Limit(1).Scan(ctx); db.IsNoRows(err) {
				return fault.Field(f("baris_id"), "Baris yang dikomentari tidak ada pada APBDes ini.")
			} else if err != nil {
				return err
			}
			k.BarisID, k.BarisRingkas = b.ID, ringkasBarisKomentar(b)
		}
		uid, err := uuid.NewV7()
		if err != nil {
			return err
		}
		k.ID = uid.String()
		_, err = tx.NewInsert().Model(&k).Exec(ctx)
		return err
	})
	return k, err
}

// Keputusan is the camat's decision on a submitted APBDes.
type Keputusan struct {
	Keputusan string `json:"keputusan" enum:"kembalikan,terima" doc:"kembalikan: dikembalikan untuk diperbaiki (catatan wajib); terima: hasil evaluasi diterima"`
	Catatan   string `json:"catatan,omitempty" maxLength:"2000"`
}

// Putuskan applies the camat's decision to the APBDes of tahun: returned
// for revision (a note saying what to fix is required) or accepted. Only
// while it is diajukan (a Conflict in Bahasa otherwise); the move is
// recorded in its riwayat, the audit entry in the same transaction.
func (m *Module) Putuskan(ctx context.Context, tahun int, in Keputusan, f Fields) (APBDes, error) {
	if f == nil {
		f = func(name string) string { return name }
	}
	var a APBDes
	if err := periksaTahunEv(tahun); err != nil {
		return a, err
	}
	var p valid.Problems
	catatan := strings.TrimSpace(in.Catatan)
	var aksi string
	switch in.Keputusan {
	case KeputusanKembalikan:
		aksi = AksiKembalikan
		p.Paragraph(f("catatan"), "Catatan perbaikan", catatan, 1, maxKomentarEv)
	case KeputusanTerima:
		aksi = AksiTerima
		p.Paragraph(f("catatan"), "Catatan", catatan, 0, maxKomentarEv)
	default:
		p.Add(f("keputusan"), "Pilih keputusan: kembalikan untuk diperbaiki atau terima.")
	}
	if err := p.Err(); err != nil {
		return a, err
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if a, err = apbdesEvaluasi(ctx, tx, tahun); err != nil {
			return err
		}
		return GantiStatus(ctx, tx, &a, aksi, catatan, pelakuDari(ctx), m.now())
	})
	return a, err
}

// Antrean is one desa of a kecamatan in the camat's queue for a year.
type Antrean struct {
	Desa    tenancy.Kode
	Nama    string
	APBDes  *APBDes // nil: no APBDes yet
	Belanja Rupiah
}

// DaftarDesaKecamatan lists the desa of a kecamatan with their names; cmd's
// wilayah adapter (Deps.Names) provides it. Without it the queue shows
// only the desa that have an APBDes.
type DaftarDesaKecamatan interface {
	DesaKecamatan(ctx context.Context, kecamatan tenancy.Kode) ([]DesaAntrean, error)
}

// DesaAntrean is a desa and its official name.
type DesaAntrean struct {
	Kode tenancy.Kode
	Nama string
}

// urutanStatusAntrean orders the queue: what waits for the camat first.
var urutanStatusAntrean = map[string]int{StatusDiajukan: 0, StatusDikembalikan: 1, StatusDraft: 2, StatusDievaluasi: 3, StatusDitetapkan: 4}

// AntreanEvaluasi lists the desa of kecamatan kec with the APBDes of tahun
// each has (the one diajukan, else the one in force), diajukan first, and
// the desa without one last. ctx carries kec as its tenant.
func (m *Module) AntreanEvaluasi(ctx context.Context, kec tenancy.Kode, tahun int) ([]Antrean, error) {
	if err := periksaTahunEv(tahun); err != nil {
		return nil, err
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: kec})
	var rows []APBDes
	type sum struct {
		DesaID   int64  `bun:"desa_id"`
		APBDesID string `bun:"apbdes_id"`
		Jumlah   Rupiah `bun:"jumlah"`
	}
	var sums []sum
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&rows).Where("a.tahun = ?", tahun))
		if err != nil {
			return err
		}
		if err := sel.Scan(ctx); err != nil {
			return err
		}
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("apbdes_baris AS b").
			Join("JOIN apbdes AS a ON a.desa_id = b.desa_id AND a.id = b.apbdes_id").
			ColumnExpr("b.desa_id, b.apbdes_id, COALESCE(SUM(b.jumlah), 0) AS jumlah").
			Where("a.tahun = ? AND b.kelompok = ?", tahun, KelompokBelanja).
			GroupExpr("b.desa_id, b.apbdes_id"), "b.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx, &sums)
	})
	if err != nil {
		return nil, err
	}
	belanja := map[string]Rupiah{}
	for _, s := range sums {
		belanja[s.APBDesID] = s.Jumlah
	}
	pick := map[int64]*APBDes{}
	for i := range rows {
		r := &rows[i]
		cur := pick[r.DesaID]
		switch {
		case cur == nil, r.Status == StatusDiajukan:
			pick[r.DesaID] = r
		case cur.Status != StatusDiajukan && r.Versi == VersiPerubahan:
			pick[r.DesaID] = r
		}
	}
	var list []Antrean
	seen := map[int64]bool{}
	if dl, ok := m.names.(DaftarDesaKecamatan); ok && m.names != nil {
		desa, err := dl.DesaKecamatan(ctx, kec)
		if err != nil {
			return nil, err
		}
		for _, d := range desa {
			id := d.Kode.ID()
			seen[id] = true
			list = append(list, Antrean{Desa: d.Kode, Nama: d.Nama, APBDes: pick[id]})
		}
	}
	for id, a := range pick {
		if !seen[id] {
			k := tenancy.KodeOfDesaID(id)
			nama := string(k)
			if m.names != nil {
				if n, err := m.names.Nama(ctx, k); err == nil {
					nama = n
				}
			}
			list = append(list, Antrean{Desa: k, Nama: nama, APBDes: a})
		}
	}
	for i := range list {
		if a := list[i].APBDes; a != nil {
			list[i].Belanja = belanja[a.ID]
		}
	}
	rank := func(x Antrean) int {
		if x.APBDes == nil {
			return 9
		}
		return urutanStatusAntrean[x.APBDes.Status]
	}
	slices.SortStableFunc(list, func(x, y Antrean) int {
		if d := rank(x) - rank(y); d != 0 {
			return d
		}
		return strings.Compare(x.Nama, y.Nama)
	})
	return list, nil
}
