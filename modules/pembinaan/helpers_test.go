package pembinaan_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/pembinaan"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	kab      tenancy.Kode = "51.02"
	kediri   tenancy.Kode = "51.02.06"
	bengkel  tenancy.Kode = "51.02.06.2001"
	nyitdah  tenancy.Kode = "51.02.06.2011"
	kerambit tenancy.Kode = "51.02.01"
	tibubiu  tenancy.Kode = "51.02.01.2001"
)

// now is 2026-03-05 10:00 in Bali.
var now = time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC)

// fakeAuthz grants per user a permission at wilayah (and below).
type fakeAuthz map[string][]struct {
	at tenancy.Kode
	p  authz.Permission
}

func (f fakeAuthz) Allowed(_ context.Context, user string, target tenancy.Kode, p authz.Permission) (bool, error) {
	for _, g := range f[user] {
		if g.p == p && g.at.Contains(target) {
			return true, nil
		}
	}
	return false, nil
}

func grant(at tenancy.Kode, ps ...authz.Permission) []struct {
	at tenancy.Kode
	p  authz.Permission
} {
	var out []struct {
		at tenancy.Kode
		p  authz.Permission
	}
	for _, p := range ps {
		out = append(out, struct {
			at tenancy.Kode
			p  authz.Permission
		}{at, p})
	}
	return out
}

var authzUji = fakeAuthz{
	"camat":    grant(kediri, pembinaan.PermKelola, pembinaan.PermBaca),
	"dpmd":     grant(kab, pembinaan.PermKelola, pembinaan.PermBaca),
	"dlh":      grant(kab, pembinaan.PermKelola, pembinaan.PermBaca),
	"perbekel": grant(bengkel, pembinaan.PermTindakLanjut, pembinaan.PermBaca),
}

type fakeOPD map[string]pembinaan.OPD

func (f fakeOPD) OPDOf(_ context.Context, user string) (pembinaan.OPD, bool, error) {
	o, ok := f[user]
	return o, ok, nil
}

func (f fakeOPD) OPDByID(_ context.Context, id string) (pembinaan.OPD, error) {
	for _, o := range f {
		if o.ID == id {
			return o, nil
		}
	}
	return pembinaan.OPD{}, fault.New(fault.NotFound, "OPD tidak ada.")
}

var opdUji = fakeOPD{
	"dpmd": {ID: "opd-dpmd", Kabupaten: kab, Kode: "DPMD", Nama: "DPMD", Aktif: true},
	"dlh":  {ID: "opd-dlh", Kabupaten: kab, Kode: "DLH", Nama: "DLH", Aktif: true},
}

type fakeRegions struct{}

var namaDesa = map[tenancy.Kode]pembinaan.Desa{
	bengkel: {Kode: bengkel, Nama: "Bengkel", NamaKecamatan: "Kediri"},
	nyitdah: {Kode: nyitdah, Nama: "Nyitdah", NamaKecamatan: "Kediri"},
	tibubiu: {Kode: tibubiu, Nama: "Tibubiu", NamaKecamatan: "Kerambitan"},
}

func (fakeRegions) Exists(context.Context, tenancy.Kode) error { return nil }
func (fakeRegions) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	return string(k), nil
}
func (fakeRegions) DesaIn(_ context.Context, k tenancy.Kode) ([]pembinaan.Desa, error) {
	var out []pembinaan.Desa
	for _, d := range []tenancy.Kode{bengkel, nyitdah, tibubiu} {
		if k.Contains(d) {
			out = append(out, namaDesa[d])
		}
	}
	return out, nil
}

// fakePerangkat is administration's answer.
type fakePerangkat []pembinaan.Perangkat

func (f fakePerangkat) Aktif(_ context.Context, w tenancy.Kode) ([]pembinaan.Perangkat, error) {
	var out []pembinaan.Perangkat
	for _, p := range f {
		if w.Contains(p.Desa) {
			out = append(out, p)
		}
	}
	return out, nil
}

func tgl(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// The perangkat in post: Bengkel's perbekel (since 2020), sekdes (since
// 2025-06) and kasi pelayanan (since 2026-01); Nyitdah's perbekel (since
// 2019) and sekdes (since 2021); Tibubiu's perbekel.
var (
	pbBengkel = pembinaan.Perangkat{Desa: bengkel, ID: "p-bengkel-kades", Nama: "I Made Bengkel", Jabatan: "kepala_desa", Sebutan: "Perbekel", Mulai: tgl("2020-02-01")}
	sdBengkel = pembinaan.Perangkat{Desa: bengkel, ID: "p-bengkel-sekdes", Nama: "Ni Luh Sekdes", Jabatan: "sekretaris_desa", Sebutan: "Sekretaris Desa", Mulai: tgl("2025-06-01")}
	kpBengkel = pembinaan.Perangkat{Desa: bengkel, ID: "p-bengkel-kasi", Nama: "I Wayan Kasi", Jabatan: "kasi_pelayanan", Sebutan: "Kasi Pelayanan", Mulai: tgl("2026-01-10")}
	pbNyitdah = pembinaan.Perangkat{Desa: nyitdah, ID: "p-nyitdah-kades", Nama: "I Ketut Nyitdah", Jabatan: "kepala_desa", Sebutan: "Perbekel", Mulai: tgl("2019-01-01")}
	sdNyitdah = pembinaan.Perangkat{Desa: nyitdah, ID: "p-nyitdah-sekdes", Nama: "Ni Made Sekdes", Jabatan: "sekretaris_desa", Sebutan: "Sekretaris Desa", Mulai: tgl("2021-01-01")}
	pbTibubiu = pembinaan.Perangkat{Desa: tibubiu, ID: "p-tibubiu-kades", Nama: "I Gede Tibubiu", Jabatan: "kepala_desa", Sebutan: "Perbekel", Mulai: tgl("2022-01-01")}
)

var perangkatUji = fakePerangkat{pbBengkel, sdBengkel, kpBengkel, pbNyitdah, sdNyitdah, pbTibubiu}

func newModule(d *db.DB) *pembinaan.Module {
	return pembinaan.New(pembinaan.Deps{DB: d, Authz: authzUji, OPD: opdUji, Regions: fakeRegions{}, Perangkat: perangkatUji,
		Clock: func() time.Time { return now }})
}

// as is ctx of user at wilayah w.
func as(user string, w tenancy.Kode) context.Context {
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: w})
	return auth.WithUser(ctx, auth.User{ID: user})
}

// sesi is a session fixture: organised at org by opd (""), invited desa,
// attendance per desa.
type sesi struct {
	org    tenancy.Kode
	opd    string
	judul  string
	topik  []string
	mulai  time.Time
	status string
	hadir  map[tenancy.Kode][]pembinaan.Perangkat
	undang []tenancy.Kode
	id     string
}

// tulisSesi writes the session, each invited desa's copy and the
// attendance directly (the sessions' own code is another file's).
func tulisSesi(t *testing.T, d *db.DB, s sesi) string {
	t.Helper()
	id := s.id
	if id == "" {
		id = uuid.Must(uuid.NewV7()).String()
	}
	if s.status == "" {
		s.status = "selesai"
	}
	topik, _ := json.Marshal(s.topik)
	err := d.Tx(tenancy.With(context.Background(), tenancy.Tenant{Kode: kab}), func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw("INSERT INTO pembinaan (desa_id, id, wilayah_kode, opd_id, penyelenggara, judul, jenis, topik, mulai, selesai, tempat, "+
			"narasumber, jabatan_wajib, catatan, status, demo, created_by, created_at, updated_by, updated_at) "+
			"VALUES (?, ?, ?, ?, 'Penyelenggara uji', ?, 'bimtek', ?, ?, ?, 'Aula', '[]', '[]', '', ?, FALSE, 'uji', ?, 'uji', ?)",
			s.org.ID(), id, string(s.org), s.opd, s.judul, string(topik), s.mulai, s.mulai.Add(2*time.Hour), s.status, now, now).Exec(ctx); err != nil {
			return err
		}
		for _, desa := range s.undang {
			if _, err := tx.NewRaw("INSERT INTO pembinaan_undangan (desa_id, pembinaan_id, penyelenggara_id, penyelenggara, judul, jenis, topik, "+
				"mulai, selesai, tempat, jabatan_wajib, status, created_at) VALUES (?, ?, ?, 'Penyelenggara uji', ?, 'bimtek', ?, ?, ?, 'Aula', '[]', ?, ?)",
				desa.ID(), id, s.org.ID(), s.judul, string(topik), s.mulai, s.mulai.Add(2*time.Hour), s.status, now).Exec(ctx); err != nil {
				return err
			}
			for _, p := range s.hadir[desa] {
				if _, err := tx.NewRaw("INSERT INTO pembinaan_hadir (desa_id, pembinaan_id, perangkat_id, nama, jabatan, sebutan, dicatat_oleh, dicatat_pada) "+
					"VALUES (?, ?, ?, ?, ?, ?, 'uji', ?)", desa.ID(), id, p.ID, p.Nama, p.Jabatan, p.Sebutan, now).Exec(ctx); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func civilDate(s string) civil.Date { return civil.Date(s) }

// fields is the sorted field names of an Invalid fault.
func fields(err error) string {
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid {
		return fmt.Sprintf("not invalid: %v", err)
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	if len(out) == 0 {
		out = append(out, e.Field)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}
