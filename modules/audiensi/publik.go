package audiensi

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/kalender"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The public side: the form any resident may send without an account, and
// the status page the tracking code opens. What protects the form, with
// no outside service (no CAPTCHA provider):
//
//   - a proof token the form page (or GET …/audiensi/formulir) hands out:
//     sealed by the server's keyring for that desa with the time it was
//     issued, accepted from MinIsiForm after issue (a person reads and
//     types; a script posting at once is refused) until MaxUmurForm, and
//     spent on use (Redis), so one token sends one audiensi;
//   - a honeypot field (situs) that people never see and bots fill;
//   - a per-IP budget of PerIPPerJam sends an hour;
//   - the body bounds of every field (validasi.go) and no HTML: text is
//     stored as typed and always printed escaped.
const (
	MinIsiForm  = 3 * time.Second
	MaxUmurForm = 2 * time.Hour
	PerIPPerJam = 10
)

var (
	errToken = fault.Field("body.token", "Formulir kedaluwarsa atau sudah dipakai; muat ulang halaman formulir lalu kirim lagi.")
	errCepat = fault.Field("body.token", "Formulir dikirim terlalu cepat; periksa isian lalu kirim lagi.")
)

func tokenContext(desa tenancy.Kode) string { return "audiensi-form:" + string(desa) }

// TokenForm issues a proof token for the public form of desa.
func (m *Module) TokenForm(desa tenancy.Kode) (string, error) {
	if m.secrets == nil {
		return "", fmt.Errorf("audiensi: no keyring for form tokens")
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(m.now().UnixMilli()))
	_, _ = rand.Read(b[8:])
	return m.secrets.Seal(b[:], tokenContext(desa))
}

// cekToken checks and spends a proof token.
func (m *Module) cekToken(ctx context.Context, desa tenancy.Kode, token string) error {
	if m.secrets == nil {
		return errToken
	}
	b, err := m.secrets.Open(token, tokenContext(desa))
	if err != nil || len(b) != 16 {
		return errToken
	}
	issued := time.UnixMilli(int64(binary.BigEndian.Uint64(b[:8])))
	age := m.now().Sub(issued)
	switch {
	case age < MinIsiForm:
		return errCepat
	case age > MaxUmurForm:
		return errToken
	}
	if m.rdb == nil {
		return nil
	}
	sum := sha256.Sum256(b)
	ok, err := m.rdb.SetNX(ctx, "audiensi:token:"+hex.EncodeToString(sum[:]), 1, MaxUmurForm).Result()
	if err != nil {
		return &fault.Error{Code: fault.Unavailable, Err: err, Message: "Layanan formulir sedang tidak tersedia; coba lagi dalam beberapa saat."}
	}
	if !ok {
		return errToken
	}
	return nil
}

// batasIP counts one send from ip this hour; over PerIPPerJam is a 429.
func (m *Module) batasIP(ctx context.Context, ip string) error {
	if m.rdb == nil || ip == "" {
		return nil
	}
	jam := m.now().UTC().Format("2006010215")
	key := "audiensi:ip:" + jam + ":" + ip
	n, err := m.rdb.Incr(ctx, key).Result()
	if err != nil {
		return &fault.Error{Code: fault.Unavailable, Err: err, Message: "Layanan formulir sedang tidak tersedia; coba lagi dalam beberapa saat."}
	}
	if n == 1 {
		m.rdb.Expire(ctx, key, time.Hour+time.Minute)
	}
	if n > PerIPPerJam {
		return fault.New(fault.TooMany, "Terlalu banyak audiensi dari alamat ini dalam satu jam; coba lagi nanti atau datang ke kantor desa.")
	}
	return nil
}

// Kiriman is what the public form sends.
type Kiriman struct {
	AudiensiData
	Token string `json:"token" maxLength:"400" doc:"Token dari GET /api/v1/publik/desa/{kode}/audiensi/formulir"`
	// Situs is the honeypot: the page hides it from people; anything in
	// it is a bot.
	Situs string `json:"situs,omitempty" maxLength:"200" doc:"Biarkan kosong."`
}

// Kirim receives the public form for desa from ip.
func (m *Module) Kirim(ctx context.Context, desa tenancy.Kode, ip string, k Kiriman) (Detail, error) {
	if k.Situs != "" {
		// Answer like a refusal of the proof, so the bot learns nothing.
		return Detail{}, errToken
	}
	if _, err := k.AudiensiData.validate(m.ref); err != nil {
		return Detail{}, err
	}
	if err := m.batasIP(ctx, ip); err != nil {
		return Detail{}, err
	}
	if err := m.cekToken(ctx, desa, k.Token); err != nil {
		return Detail{}, err
	}
	return m.Buat(tenancy.With(ctx, tenancy.Tenant{Kode: desa}), k.AudiensiData, KanalPublik, "")
}

// PublikView is what the status page shows: no reporter, no text of the
// complaint, no names of officials; the answers and closing notes.
type PublikView struct {
	KodeLacak   string          `json:"kode_lacak"`
	Desa        string          `json:"desa"`
	Kategori    string          `json:"kategori"`
	Judul       string          `json:"judul"`
	Status      Status          `json:"status"`
	StatusJudul string          `json:"status_judul"`
	Diterima    civil.Date      `json:"diterima"`
	Tenggat     civil.Date      `json:"tenggat,omitempty"`
	Jam         Jam             `json:"jam,omitempty"`
	Ditutup     *civil.Date     `json:"ditutup,omitempty"`
	Penilaian   *int            `json:"penilaian,omitempty"`
	BolehInfo   bool            `json:"boleh_tambah_info"`
	BolehNilai  bool            `json:"boleh_menilai"`
	BolehFoto   bool            `json:"boleh_tambah_foto" doc:"Pelapor masih boleh menambah foto (POST …/foto)"`
	Riwayat     []PublikRiwayat `json:"riwayat"`
}

// PublikRiwayat is a timeline entry as the public sees it.
type PublikRiwayat struct {
	Waktu     time.Time `json:"waktu"`
	Peristiwa Peristiwa `json:"peristiwa"`
	Judul     string    `json:"judul"`
	Oleh      string    `json:"oleh"`
	Catatan   string    `json:"catatan,omitempty"`
}

// buka finds the desa of a tracking code and opens its tenant.
func (m *Module) bukaLacak(ctx context.Context, kode string) (context.Context, string, error) {
	tidakAda := fault.New(fault.NotFound, "Kode lacak tidak ditemukan. Periksa kembali kode yang Anda terima.")
	kode, ok := NormalKodeLacak(kode)
	if !ok {
		return ctx, "", tidakAda
	}
	var l lacak
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Model(&l).Where("kode_lacak = ?", kode).Scan(ctx)
	})
	if db.IsNoRows(err) {
		return ctx, "", tidakAda
	} else if err != nil {
		return ctx, "", err
	}
	return tenancy.With(ctx, tenancy.Tenant{Kode: tenancy.KodeOfDesaID(l.DesaID)}), l.AudiensiID, nil
}

// Lacak is the public status of the audiensi with tracking code kode.
func (m *Module) Lacak(ctx context.Context, kode string) (PublikView, error) {
	ctx, id, err := m.bukaLacak(ctx, kode)
	if err != nil {
		return PublikView{}, err
	}
	k, err := m.kalenderOf(ctx)
	if err != nil {
		return PublikView{}, err
	}
	d, err := m.Lihat(ctx, id)
	if err != nil {
		return PublikView{}, err
	}
	return m.publik(ctx, d, k), nil
}

func (m *Module) publik(ctx context.Context, d Detail, k kalender.Kalender) PublikView {
	t, _ := tenancy.From(ctx)
	v := PublikView{KodeLacak: d.KodeLacak, Judul: d.Judul, Status: d.Status, StatusJudul: d.Status.Judul(),
		Diterima: d.Diterima, Ditutup: d.Ditutup, Penilaian: d.Penilaian,
		BolehInfo: d.bolehInfo() == nil, BolehNilai: d.bolehNilai() == nil, BolehFoto: d.Status == Baru || d.Status == Diverifikasi}
	if m.regions != nil {
		v.Desa, _ = m.regions.Nama(ctx, t.Kode)
	}
	if kat, ok := m.ref.KategoriOf(d.Kategori); ok {
		v.Kategori = kat.Nama
	}
	if d.Status.Terbuka() {
		v.Tenggat, v.Jam = d.Tenggat, JamPada(k, m.hariIni(ctx), d.Tenggat)
	}
	nama := map[string]string{}
	for _, x := range d.Disposisi {
		nama[x.Penerima] = x.PenerimaNama
	}
	for _, r := range d.Riwayat {
		pr := PublikRiwayat{Waktu: r.CreatedAt, Peristiwa: r.Peristiwa, Judul: r.Peristiwa.Judul(), Oleh: "Petugas"}
		switch {
		case r.Aktor == AktorPelapor:
			pr.Oleh = "Pelapor"
		case r.Penerima != "":
			pr.Oleh = nama[r.Penerima]
		}
		if r.Publik {
			pr.Catatan = r.Catatan
		}
		v.Riwayat = append(v.Riwayat, pr)
	}
	return v
}

// TambahInfo adds the reporter's information to an open audiensi.
func (m *Module) TambahInfo(ctx context.Context, kode, isi string) (PublikView, error) {
	isi, err := catatan("body.isi", "Informasi tambahan", isi, MinIsi)
	if err != nil {
		return PublikView{}, err
	}
	ctx, id, err := m.bukaLacak(ctx, kode)
	if err != nil {
		return PublikView{}, err
	}
	d, err := m.ubah(ctx, id, func(a *Audiensi, _ *[]DisposisiAudiensi, _ kalender.Kalender, _ civil.Date) ([]RiwayatAudiensi, error) {
		if err := a.bolehInfo(); err != nil {
			return nil, err
		}
		return []RiwayatAudiensi{{Peristiwa: PInfoPelapor, Aktor: AktorPelapor, AktorNama: "Pelapor", Catatan: isi, Publik: true}}, nil
	})
	if err != nil {
		return PublikView{}, err
	}
	k, err := m.kalenderOf(ctx)
	return m.publik(ctx, d, k), err
}

// Nilai records the reporter's rating (1–5) of a resolved audiensi.
func (m *Module) Nilai(ctx context.Context, kode string, nilai int, note string) (PublikView, error) {
	if nilai < 1 || nilai > 5 {
		return PublikView{}, fault.Field("body.nilai", "Nilai antara 1 dan 5.")
	}
	note, err := catatan("body.catatan", "Catatan", note, 0)
	if err != nil {
		return PublikView{}, err
	}
	ctx, id, err := m.bukaLacak(ctx, kode)
	if err != nil {
		return PublikView{}, err
	}
	d, err := m.ubah(ctx, id, func(a *Audiensi, _ *[]DisposisiAudiensi, _ kalender.Kalender, _ civil.Date) ([]RiwayatAudiensi, error) {
		if err := a.bolehNilai(); err != nil {
			return nil, err
		}
		a.Penilaian, a.PenilaianCatatan = &nilai, note
		return []RiwayatAudiensi{{Peristiwa: PDinilai, Aktor: AktorPelapor, AktorNama: "Pelapor",
			Catatan: strconv.Itoa(nilai) + "/5. " + note, Publik: true}}, nil
	})
	if err != nil {
		return PublikView{}, err
	}
	k, err := m.kalenderOf(ctx)
	return m.publik(ctx, d, k), err
}
