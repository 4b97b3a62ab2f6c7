package pembinaan

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
)

// Sessions: a kabupaten unit or a kecamatan plans a pembinaan, bimtek or
// sosialisasi. The session row belongs to the organizing wilayah
// (desa_id = its own id, as forum_komposit rows); each invited desa holds
// its copy in pembinaan_undangan, written in the same transaction as every
// change of the session, so a desa request reads only its own rows.

// Jenis of a session.
const (
	JenisPembinaan   = "pembinaan"
	JenisBimtek      = "bimtek"
	JenisSosialisasi = "sosialisasi"
)

// Status of a session.
const (
	StatusRencana = "rencana"
	StatusSelesai = "selesai"
	StatusBatal   = "batal"
)

// Bounds of a session.
const (
	MaxNarasumber = 10
	MaxTopik      = 10
	MaxDesaSesi   = 500
	MaxCatatan    = 4000
)

type sesiPilihan struct{ Kode, Label string }

// TopikPembinaan is the fixed list of topics.
var TopikPembinaan = []sesiPilihan{
	{"sotk", "SOTK dan tupoksi"},
	{"tata_naskah", "Tata naskah dan kode klasifikasi surat"},
	{"keuangan", "Keuangan desa"},
	{"pelayanan", "Pelayanan"},
	{"pilkades", "Pilkades"},
	{"kesra_pendidikan", "Kesra: pendidikan"},
	{"kesra_kesehatan", "Kesra: kesehatan"},
	{"kesra_sosial_keagamaan", "Kesra: sosial keagamaan"},
	{"kesra_ketenagakerjaan", "Kesra: ketenagakerjaan"},
	{"lainnya", "Lainnya"},
}

// JabatanPerangkat is the posts of perangkat desa (administration's codes).
var JabatanPerangkat = []sesiPilihan{
	{"kepala_desa", "Kepala desa"},
	{"sekretaris_desa", "Sekretaris desa"},
	{"kaur_tata_usaha_umum", "Kaur tata usaha dan umum"},
	{"kaur_keuangan", "Kaur keuangan"},
	{"kaur_perencanaan", "Kaur perencanaan"},
	{"kasi_pemerintahan", "Kasi pemerintahan"},
	{"kasi_kesejahteraan", "Kasi kesejahteraan"},
	{"kasi_pelayanan", "Kasi pelayanan"},
	{"kepala_kewilayahan", "Kepala kewilayahan"},
}

var jenisLabel = map[string]string{JenisPembinaan: "Pembinaan", JenisBimtek: "Bimtek", JenisSosialisasi: "Sosialisasi"}
var statusLabel = map[string]string{StatusRencana: "Direncanakan", StatusSelesai: "Selesai", StatusBatal: "Batal"}

func sesiLabel(list []sesiPilihan, kode string) string {
	for _, p := range list {
		if p.Kode == kode {
			return p.Label
		}
	}
	return kode
}

func sesiAda(list []sesiPilihan, kode string) bool {
	for _, p := range list {
		if p.Kode == kode {
			return true
		}
	}
	return false
}

// PembinaanNarasumber is a speaker.
type PembinaanNarasumber struct {
	Nama    string `json:"nama" maxLength:"100" example:"Drs. I Made Sudarma"`
	Jabatan string `json:"jabatan" maxLength:"150" example:"Kabid Pemdes DPMD"`
}

// PembinaanSesiInput is a planned session, as created or replaced.
type PembinaanSesiInput struct {
	Judul      string                `json:"judul" maxLength:"200" example:"Bimtek pengelolaan keuangan desa"`
	Jenis      string                `json:"jenis" maxLength:"20" example:"bimtek" doc:"pembinaan (satu desa), bimtek (banyak desa) atau sosialisasi"`
	Topik      []string              `json:"topik" maxItems:"10" example:"[\"keuangan\"]" doc:"Kode topik: sotk, tata_naskah, keuangan, pelayanan, pilkades, kesra_pendidikan, kesra_kesehatan, kesra_sosial_keagamaan, kesra_ketenagakerjaan, lainnya"`
	Mulai      time.Time             `json:"mulai"`
	Selesai    time.Time             `json:"selesai"`
	Tempat     string                `json:"tempat" maxLength:"200" example:"Aula Kantor Camat Kediri"`
	Narasumber []PembinaanNarasumber `json:"narasumber" maxItems:"10"`
	// Desa are the invited desa; SemuaDesa invites every desa of the
	// organizing wilayah instead.
	Desa         []string `json:"desa,omitempty" maxItems:"500" doc:"Kode desa yang diundang (di bawah wilayah penyelenggara)"`
	SemuaDesa    bool     `json:"semua_desa,omitempty" doc:"Undang semua desa wilayah penyelenggara"`
	JabatanWajib []string `json:"jabatan_wajib" maxItems:"9" doc:"Jabatan yang wajib hadir: kepala_desa, sekretaris_desa, kaur_tata_usaha_umum, kaur_keuangan, kaur_perencanaan, kasi_pemerintahan, kasi_kesejahteraan, kasi_pelayanan, kepala_kewilayahan"`
	Catatan      string   `json:"catatan,omitempty" maxLength:"4000"`
}

// Validate checks the input of a session organized at wilayah, whose desa
// are desaWilayah; with SemuaDesa it puts them all in Desa. Used by the
// API and the page alike.
func (in *PembinaanSesiInput) Validate(wilayah tenancy.Kode, desaWilayah []Desa) error {
	var p valid.Problems
	in.Judul = strings.TrimSpace(in.Judul)
	in.Tempat = strings.TrimSpace(in.Tempat)
	in.Catatan = strings.TrimSpace(in.Catatan)
	p.Text("body.judul", "Judul", in.Judul, 3, 200)
	if _, ok := jenisLabel[in.Jenis]; !ok {
		p.Add("body.jenis", "Jenis harus pembinaan, bimtek atau sosialisasi.")
	}
	if len(in.Topik) == 0 || len(in.Topik) > MaxTopik {
		p.Add("body.topik", "Pilih 1 sampai %d topik.", MaxTopik)
	}
	seen := map[string]bool{}
	for i, t := range in.Topik {
		if !sesiAda(TopikPembinaan, t) {
			p.Add("body.topik["+sesiItoa(i)+"]", "Topik %q tidak dikenal.", sesiPendek(t))
		} else if seen[t] {
			p.Add("body.topik["+sesiItoa(i)+"]", "Topik disebut dua kali.")
		}
		seen[t] = true
	}
	switch {
	case in.Mulai.IsZero():
		p.Add("body.mulai", "Waktu mulai wajib diisi.")
	case in.Mulai.Year() < 2015 || in.Mulai.Year() > 2100:
		p.Add("body.mulai", "Waktu mulai harus antara tahun 2015 dan 2100.")
	case in.Selesai.IsZero():
		p.Add("body.selesai", "Waktu selesai wajib diisi.")
	case in.Selesai.Before(in.Mulai):
		p.Add("body.selesai", "Waktu selesai tidak boleh sebelum waktu mulai.")
	case in.Selesai.Sub(in.Mulai) > 14*24*time.Hour:
		p.Add("body.selesai", "Satu sesi paling lama 14 hari.")
	}
	in.Mulai, in.Selesai = in.Mulai.UTC().Truncate(time.Second), in.Selesai.UTC().Truncate(time.Second)
	p.Text("body.tempat", "Tempat", in.Tempat, 3, 200)
	if len(in.Narasumber) == 0 || len(in.Narasumber) > MaxNarasumber {
		p.Add("body.narasumber", "Isi 1 sampai %d narasumber.", MaxNarasumber)
	}
	for i := range in.Narasumber {
		n := &in.Narasumber[i]
		n.Nama, n.Jabatan = strings.TrimSpace(n.Nama), strings.TrimSpace(n.Jabatan)
		loc := "body.narasumber[" + sesiItoa(i) + "]"
		p.Text(loc+".nama", "Nama narasumber", n.Nama, 2, 100)
		p.Text(loc+".jabatan", "Jabatan narasumber", n.Jabatan, 0, 150)
	}
	jab := map[string]bool{}
	if len(in.JabatanWajib) > len(JabatanPerangkat) {
		p.Add("body.jabatan_wajib", "Terlalu banyak jabatan.")
	}
	for i, j := range in.JabatanWajib {
		if !sesiAda(JabatanPerangkat, j) {
			p.Add("body.jabatan_wajib["+sesiItoa(i)+"]", "Jabatan %q tidak dikenal.", sesiPendek(j))
		} else if jab[j] {
			p.Add("body.jabatan_wajib["+sesiItoa(i)+"]", "Jabatan disebut dua kali.")
		}
		jab[j] = true
	}
	p.Paragraph("body.catatan", "Catatan", in.Catatan, 0, MaxCatatan)
	// The invited desa: under the organizer's wilayah, each once.
	ada := map[string]bool{}
	for _, d := range desaWilayah {
		ada[string(d.Kode)] = true
	}
	if in.SemuaDesa {
		in.Desa = in.Desa[:0]
		for _, d := range desaWilayah {
			in.Desa = append(in.Desa, string(d.Kode))
		}
	}
	dup := map[string]bool{}
	for i, d := range in.Desa {
		d = strings.TrimSpace(d)
		in.Desa[i] = d
		loc := "body.desa[" + sesiItoa(i) + "]"
		switch {
		case !ada[d]:
			p.Add(loc, "Desa %s tidak berada di wilayah %s.", sesiPendek(d), wilayah)
		case dup[d]:
			p.Add(loc, "Desa %s disebut dua kali.", d)
		}
		dup[d] = true
	}
	switch {
	case len(in.Desa) == 0:
		p.Add("body.desa", "Pilih desa yang diundang.")
	case len(in.Desa) > MaxDesaSesi:
		p.Add("body.desa", "Paling banyak %d desa.", MaxDesaSesi)
	case in.Jenis == JenisPembinaan && len(in.Desa) != 1:
		p.Add("body.desa", "Pembinaan diadakan di satu desa: pilih tepat satu desa (untuk banyak desa pilih bimtek).")
	}
	if in.Topik == nil {
		in.Topik = []string{}
	}
	if in.JabatanWajib == nil {
		in.JabatanWajib = []string{}
	}
	return p.Err()
}

// sesiPendek cuts what is echoed back in a message.
func sesiPendek(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

// PembinaanSesi is a session as the organizer sees it.
type PembinaanSesi struct {
	ID            string                `json:"id"`
	Wilayah       string                `json:"wilayah" doc:"Kode wilayah penyelenggara"`
	OPDID         string                `json:"opd_id" doc:"OPD penyelenggara; kosong untuk kecamatan atau admin kabupaten"`
	Penyelenggara string                `json:"penyelenggara"`
	Judul         string                `json:"judul"`
	Jenis         string                `json:"jenis"`
	Topik         []string              `json:"topik"`
	Mulai         time.Time             `json:"mulai"`
	Selesai       time.Time             `json:"selesai"`
	Tempat        string                `json:"tempat"`
	Narasumber    []PembinaanNarasumber `json:"narasumber"`
	Desa          []string              `json:"desa" doc:"Desa yang diundang"`
	JabatanWajib  []string              `json:"jabatan_wajib"`
	Catatan       string                `json:"catatan"`
	Status        string                `json:"status" doc:"rencana, selesai atau batal"`
	Dibuat        time.Time             `json:"dibuat"`
	Diubah        time.Time             `json:"diubah"`
}

type sesiBaris struct {
	bun.BaseModel `bun:"table:pembinaan,alias:p"`
	DesaID        int64     `bun:"desa_id,pk"`
	ID            string    `bun:"id,pk"`
	WilayahKode   string    `bun:"wilayah_kode"`
	OPDID         string    `bun:"opd_id"`
	Penyelenggara string    `bun:"penyelenggara"`
	Judul         string    `bun:"judul"`
	Jenis         string    `bun:"jenis"`
	Topik         string    `bun:"topik"`
	Mulai         time.Time `bun:"mulai"`
	Selesai       time.Time `bun:"selesai"`
	Tempat        string    `bun:"tempat"`
	Narasumber    string    `bun:"narasumber"`
	JabatanWajib  string    `bun:"jabatan_wajib"`
	Catatan       string    `bun:"catatan"`
	Status        string    `bun:"status"`
	Demo          bool      `bun:"demo"`
	CreatedBy     string    `bun:"created_by"`
	CreatedAt     time.Time `bun:"created_at"`
	UpdatedBy     string    `bun:"updated_by"`
	UpdatedAt     time.Time `bun:"updated_at"`
}

type undanganBaris struct {
	bun.BaseModel   `bun:"table:pembinaan_undangan,alias:u"`
	DesaID          int64     `bun:"desa_id,pk"`
	PembinaanID     string    `bun:"pembinaan_id,pk"`
	PenyelenggaraID int64     `bun:"penyelenggara_id"`
	Penyelenggara   string    `bun:"penyelenggara"`
	Judul           string    `bun:"judul"`
	Jenis           string    `bun:"jenis"`
	Topik           string    `bun:"topik"`
	Mulai           time.Time `bun:"mulai"`
	Selesai         time.Time `bun:"selesai"`
	Tempat          string    `bun:"tempat"`
	JabatanWajib    string    `bun:"jabatan_wajib"`
	Status          string    `bun:"status"`
	CreatedAt       time.Time `bun:"created_at"`
}

func sesiJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func (r sesiBaris) sesi(desa []string) PembinaanSesi {
	s := PembinaanSesi{ID: r.ID, Wilayah: r.WilayahKode, OPDID: r.OPDID, Penyelenggara: r.Penyelenggara, Judul: r.Judul,
		Jenis: r.Jenis, Mulai: r.Mulai.UTC(), Selesai: r.Selesai.UTC(), Tempat: r.Tempat, Catatan: r.Catatan, Status: r.Status,
		Dibuat: r.CreatedAt.UTC(), Diubah: r.UpdatedAt.UTC(), Desa: desa}
	// Written by simpanSesi only.
	_ = json.Unmarshal([]byte(r.Topik), &s.Topik)
	_ = json.Unmarshal([]byte(r.Narasumber), &s.Narasumber)
	_ = json.Unmarshal([]byte(r.JabatanWajib), &s.JabatanWajib)
	if s.Desa == nil {
		s.Desa = []string{}
	}
	return s
}

func (r sesiBaris) undangan(desa tenancy.Kode, at time.Time) undanganBaris {
	return undanganBaris{DesaID: desa.ID(), PembinaanID: r.ID, PenyelenggaraID: r.DesaID, Penyelenggara: r.Penyelenggara,
		Judul: r.Judul, Jenis: r.Jenis, Topik: r.Topik, Mulai: r.Mulai, Selesai: r.Selesai, Tempat: r.Tempat,
		JabatanWajib: r.JabatanWajib, Status: r.Status, CreatedAt: at}
}

var errSesiTidakAda = fault.New(fault.NotFound, "Sesi pembinaan tidak ditemukan di wilayah ini.")

func sesiPelaku(ctx context.Context) string {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.ID
	}
	return audit.ActorSystem
}

func (m *Module) sesiWaktu() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

// sesiWilayah is the organizing wilayah of a request: a kecamatan or a
// kabupaten (a desa plans no session).
func sesiWilayah(ctx context.Context) (tenancy.Kode, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return "", tenancy.ErrNoTenant
	}
	switch t.Kode.Level() {
	case tenancy.Kecamatan, tenancy.Kabupaten:
		return t.Kode, nil
	}
	return "", fault.New(fault.NotFound, "Sesi pembinaan diselenggarakan oleh kecamatan atau kabupaten; %s bukan keduanya.", t.Kode)
}

// kodeWilayahID turns a wilayah's own id back into its code (a kecamatan
// 5102060000 → 51.02.06, a kabupaten 5102000000 → 51.02).
func kodeWilayahID(id int64) tenancy.Kode {
	k := tenancy.KodeOfDesaID(id)
	for k.Level() > tenancy.Provinsi && k.ID() == k.Parent().ID() {
		k = k.Parent()
	}
	return k
}

// sesiPenyelenggara is who organizes a session planned by the user in ctx
// at k: an OPD user plans in its OPD's name, at the kabupaten only; anyone
// else in the wilayah's name.
func (m *Module) sesiPenyelenggara(ctx context.Context, k tenancy.Kode) (opdID, nama string, err error) {
	if o, ok, err := m.sesiOPD(ctx); err != nil {
		return "", "", err
	} else if ok {
		if k.Level() != tenancy.Kabupaten || o.Kabupaten != k {
			return "", "", fault.New(fault.Forbidden, "Perangkat daerah merencanakan sesi di tingkat kabupaten.")
		}
		return o.ID, o.Nama, nil
	}
	nama = string(k)
	if m.regions != nil {
		if n, err := m.regions.Nama(ctx, k); err == nil {
			nama = n
		}
	}
	if k.Level() == tenancy.Kecamatan && !strings.HasPrefix(strings.ToLower(nama), "kecamatan") {
		nama = "Kecamatan " + nama
	}
	return "", nama, nil
}

// sesiOPD is the OPD of the user in ctx, if any.
func (m *Module) sesiOPD(ctx context.Context) (OPD, bool, error) {
	u, ok := auth.UserFrom(ctx)
	if !ok || m.opd == nil {
		return OPD{}, false, nil
	}
	return m.opd.OPDOf(ctx, u.ID)
}

// sesiBolehUbah refuses a change by an OPD user of a session another OPD
// (or the kecamatan, or the kabupaten admin) organizes.
func (m *Module) sesiBolehUbah(ctx context.Context, r sesiBaris) error {
	o, ok, err := m.sesiOPD(ctx)
	if err != nil {
		return err
	}
	if ok && o.ID != r.OPDID {
		return fault.New(fault.Forbidden, "Sesi ini diselenggarakan oleh %s; hanya penyelenggaranya yang dapat mengubahnya.", r.Penyelenggara)
	}
	return nil
}

func (m *Module) sesiDesaWilayah(ctx context.Context, k tenancy.Kode) ([]Desa, error) {
	if m.regions == nil {
		return nil, nil
	}
	return m.regions.DesaIn(ctx, k)
}

// BuatSesi plans a session at the tenant wilayah of ctx (a kecamatan or
// kabupaten) and writes the invited desa's copies, in one transaction
// (which carries the request's audit entry).
func (m *Module) BuatSesi(ctx context.Context, in PembinaanSesiInput) (PembinaanSesi, error) {
	return m.buatSesi(ctx, "", in, false, nil)
}

// buatSesi is BuatSesi with a given id (the demo's fixed ids; "" a new
// one), the demo mark, and the organizing OPD when the demo names one.
func (m *Module) buatSesi(ctx context.Context, id string, in PembinaanSesiInput, demo bool, org *OPD) (PembinaanSesi, error) {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return PembinaanSesi{}, err
	}
	ds, err := m.sesiDesaWilayah(ctx, k)
	if err != nil {
		return PembinaanSesi{}, err
	}
	if err := in.Validate(k, ds); err != nil {
		return PembinaanSesi{}, err
	}
	opdID, nama, err := m.sesiPenyelenggara(ctx, k)
	if err != nil {
		return PembinaanSesi{}, err
	}
	if org != nil {
		opdID, nama = org.ID, org.Nama
	}
	if id == "" {
		id = uuid.Must(uuid.NewV7()).String()
	}
	at, by := m.sesiWaktu(), sesiPelaku(ctx)
	r := sesiBaris{DesaID: k.ID(), ID: id, WilayahKode: string(k), OPDID: opdID, Penyelenggara: nama, Status: StatusRencana,
		Demo: demo, CreatedBy: by, CreatedAt: at, UpdatedBy: by, UpdatedAt: at}
	r.isi(in)
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&r).Exec(ctx); err != nil {
			return err
		}
		return tulisUndangan(ctx, tx, r, in.Desa, at)
	})
	if err != nil {
		return PembinaanSesi{}, err
	}
	return r.sesi(sesiUrut(in.Desa)), nil
}

func (r *sesiBaris) isi(in PembinaanSesiInput) {
	r.Judul, r.Jenis, r.Topik = in.Judul, in.Jenis, sesiJSON(in.Topik)
	r.Mulai, r.Selesai, r.Tempat = in.Mulai, in.Selesai, in.Tempat
	r.Narasumber, r.JabatanWajib, r.Catatan = sesiJSON(in.Narasumber), sesiJSON(in.JabatanWajib), in.Catatan
}

func sesiUrut(ds []string) []string {
	out := slices.Clone(ds)
	slices.Sort(out)
	return out
}

// tulisUndangan makes the invited desa's copies equal to the session r:
// desa no longer invited lose theirs (refused when attendance was
// recorded), the others are written afresh.
func tulisUndangan(ctx context.Context, tx bun.Tx, r sesiBaris, desa []string, at time.Time) error {
	k := kodeWilayahID(r.DesaID)
	lo, hi := k.Range()
	var lama []undanganBaris
	if err := tx.NewSelect().Model(&lama).Where("u.desa_id BETWEEN ? AND ?", lo, hi).Where("u.pembinaan_id = ?", r.ID).Scan(ctx); err != nil {
		return err
	}
	baru := map[int64]bool{}
	for _, d := range desa {
		baru[tenancy.Kode(d).ID()] = true
	}
	dibuat := map[int64]time.Time{}
	var hapus []int64
	for _, u := range lama {
		if baru[u.DesaID] {
			dibuat[u.DesaID] = u.CreatedAt
		} else {
			hapus = append(hapus, u.DesaID)
		}
	}
	if len(hapus) > 0 {
		n, err := tx.NewSelect().Model((*hadirBaris)(nil)).Where("h.desa_id IN (?)", bun.In(hapus)).Where("h.pembinaan_id = ?", r.ID).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return fault.Field("body.desa", "Desa yang sudah tercatat hadir tidak dapat dihapus dari undangan; batalkan dulu centang kehadirannya.")
		}
	}
	if len(lama) > 0 {
		if _, err := tx.NewDelete().Model((*undanganBaris)(nil)).Where("desa_id BETWEEN ? AND ?", lo, hi).Where("pembinaan_id = ?", r.ID).Exec(ctx); err != nil {
			return err
		}
	}
	rows := make([]undanganBaris, 0, len(desa))
	for _, d := range sesiUrut(desa) {
		c, ok := dibuat[tenancy.Kode(d).ID()]
		if !ok {
			c = at
		}
		rows = append(rows, r.undangan(tenancy.Kode(d), c))
	}
	if len(rows) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// sesiBaca reads a session organized at exactly k.
func sesiBaca(ctx context.Context, tx bun.IDB, k tenancy.Kode, id string) (sesiBaris, error) {
	var r sesiBaris
	if _, err := uuid.Parse(id); err != nil {
		return r, errSesiTidakAda
	}
	q := tx.NewSelect().Model(&r).Where("p.desa_id = ?", k.ID()).Where("p.id = ?", id)
	if err := q.Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return r, errSesiTidakAda
		}
		return r, err
	}
	return r, nil
}

func undanganDesa(ctx context.Context, tx bun.IDB, r sesiBaris) ([]string, error) {
	lo, hi := kodeWilayahID(r.DesaID).Range()
	var ids []int64
	err := tx.NewSelect().Model((*undanganBaris)(nil)).Column("desa_id").Where("u.desa_id BETWEEN ? AND ?", lo, hi).
		Where("u.pembinaan_id = ?", r.ID).Order("desa_id").Scan(ctx, &ids)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(tenancy.KodeOfDesaID(id))
	}
	return out, err
}

// Sesi reads a session organized at the tenant wilayah.
func (m *Module) Sesi(ctx context.Context, id string) (PembinaanSesi, error) {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return PembinaanSesi{}, err
	}
	var s PembinaanSesi
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := sesiBaca(ctx, tx, k, id)
		if err != nil {
			return err
		}
		ds, err := undanganDesa(ctx, tx, r)
		s = r.sesi(ds)
		return err
	})
	return s, err
}

// UbahSesi replaces a session organized at the tenant wilayah and its
// invitations (desa added or removed), in one transaction.
func (m *Module) UbahSesi(ctx context.Context, id string, in PembinaanSesiInput) (PembinaanSesi, error) {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return PembinaanSesi{}, err
	}
	ds, err := m.sesiDesaWilayah(ctx, k)
	if err != nil {
		return PembinaanSesi{}, err
	}
	if err := in.Validate(k, ds); err != nil {
		return PembinaanSesi{}, err
	}
	var r sesiBaris
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if r, err = sesiBaca(ctx, tx, k, id); err != nil {
			return err
		}
		if err := m.sesiBolehUbah(ctx, r); err != nil {
			return err
		}
		if r.Status == StatusBatal {
			return fault.New(fault.Conflict, "Sesi yang batal tidak dapat diubah; aktifkan kembali dulu.")
		}
		r.isi(in)
		r.UpdatedBy, r.UpdatedAt = sesiPelaku(ctx), m.sesiWaktu()
		if _, err := tx.NewUpdate().Model(&r).WherePK().Exec(ctx); err != nil {
			return err
		}
		return tulisUndangan(ctx, tx, r, in.Desa, r.UpdatedAt)
	})
	if err != nil {
		return PembinaanSesi{}, err
	}
	return r.sesi(sesiUrut(in.Desa)), nil
}

// UbahStatusSesi marks a session selesai (once it has begun), batal, or
// back to rencana; the invitations follow in the same transaction.
func (m *Module) UbahStatusSesi(ctx context.Context, id, status string) (PembinaanSesi, error) {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return PembinaanSesi{}, err
	}
	if _, ok := statusLabel[status]; !ok {
		return PembinaanSesi{}, fault.Field("body.status", "Status harus rencana, selesai atau batal.")
	}
	var s PembinaanSesi
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := sesiBaca(ctx, tx, k, id)
		if err != nil {
			return err
		}
		if err := m.sesiBolehUbah(ctx, r); err != nil {
			return err
		}
		if status == StatusSelesai && r.Mulai.After(m.now()) {
			return fault.Field("body.status", "Sesi belum dimulai; tandai selesai setelah berlangsung.")
		}
		if status == StatusBatal && r.Status == StatusSelesai {
			return fault.Field("body.status", "Sesi yang sudah selesai tidak dapat dibatalkan.")
		}
		r.Status, r.UpdatedBy, r.UpdatedAt = status, sesiPelaku(ctx), m.sesiWaktu()
		if _, err := tx.NewUpdate().Model(&r).Column("status", "updated_by", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		lo, hi := k.Range()
		if _, err := tx.NewUpdate().Model((*undanganBaris)(nil)).Set("status = ?", status).
			Where("desa_id BETWEEN ? AND ?", lo, hi).Where("pembinaan_id = ?", r.ID).Exec(ctx); err != nil {
			return err
		}
		ds, err := undanganDesa(ctx, tx, r)
		s = r.sesi(ds)
		return err
	})
	return s, err
}

// SesiFilter narrows a list of sessions.
type SesiFilter struct {
	Tahun int
	Jenis string
}

type sesiKunci struct {
	Mulai time.Time
	ID    string
}

// DaftarSesi lists the sessions organized in the tenant wilayah (a
// kabupaten: its own and its kecamatan's), newest first.
func (m *Module) DaftarSesi(ctx context.Context, f SesiFilter, p page.Params) (page.Page[PembinaanSesi], error) {
	k, err := sesiWilayah(ctx)
	if err != nil {
		return page.Page[PembinaanSesi]{}, err
	}
	var key sesiKunci
	lanjut, err := page.Decode(p.Cursor, &key)
	if err != nil {
		return page.Page[PembinaanSesi]{}, err
	}
	if f.Jenis != "" {
		if _, ok := jenisLabel[f.Jenis]; !ok {
			return page.Page[PembinaanSesi]{}, fault.Field("query.jenis", "Jenis harus pembinaan, bimtek atau sosialisasi.")
		}
	}
	limit := p.Size()
	var rows []sesiBaris
	var out []PembinaanSesi
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewSelect().Model(&rows)
		q, err := tenancy.Scope(ctx, q)
		if err != nil {
			return err
		}
		if f.Tahun != 0 {
			z := civil.Zone(k)
			q = q.Where("p.mulai >= ? AND p.mulai < ?", time.Date(f.Tahun, 1, 1, 0, 0, 0, 0, z).UTC(), time.Date(f.Tahun+1, 1, 1, 0, 0, 0, 0, z).UTC())
		}
		if f.Jenis != "" {
			q = q.Where("p.jenis = ?", f.Jenis)
		}
		if lanjut {
			q = q.Where("(p.mulai < ? OR (p.mulai = ? AND p.id < ?))", key.Mulai, key.Mulai, key.ID)
		}
		if err := q.OrderExpr("p.mulai DESC, p.id DESC").Limit(int64(limit + 1)).Scan(ctx); err != nil {
			return err
		}
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		desa := map[string][]string{}
		if len(ids) > 0 {
			var us []undanganBaris
			q := tx.NewSelect().Model(&us).Column("desa_id", "pembinaan_id").Where("u.pembinaan_id IN (?)", bun.In(ids))
			if q, err = tenancy.Scope(ctx, q); err != nil {
				return err
			}
			if err := q.OrderExpr("u.desa_id").Scan(ctx); err != nil {
				return err
			}
			for _, u := range us {
				desa[u.PembinaanID] = append(desa[u.PembinaanID], string(tenancy.KodeOfDesaID(u.DesaID)))
			}
		}
		for _, r := range rows {
			out = append(out, r.sesi(desa[r.ID]))
		}
		return nil
	})
	if err != nil {
		return page.Page[PembinaanSesi]{}, err
	}
	return page.Of(out, limit, func(s PembinaanSesi) sesiKunci { return sesiKunci{s.Mulai, s.ID} }), nil
}

// SesiDesa lists the sessions a desa was invited to in the last two years,
// newest first (konsultasi's picker). It reads the desa's own copies.
func (m *Module) sesiDesa(ctx context.Context, desa tenancy.Kode) ([]Sesi, error) {
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	var rows []undanganBaris
	batas := m.now().UTC().AddDate(-2, 0, 0)
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Model(&rows).Where("u.desa_id = ?", desa.ID()).Where("u.mulai >= ?", batas).
			Where("u.status <> ?", StatusBatal).OrderExpr("u.mulai DESC").Limit(200).Scan(ctx)
	})
	out := make([]Sesi, len(rows))
	for i, r := range rows {
		out[i] = Sesi{ID: r.PembinaanID, Judul: r.Judul, Tanggal: r.Mulai.UTC()}
	}
	return out, err
}

func sesiItoa(i int) string { return strconv.Itoa(i) }
