package pembinaan_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/pembinaan"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

const (
	sesiKab     tenancy.Kode = "51.02"
	sesiKediri  tenancy.Kode = "51.02.06"
	sesiBengkel tenancy.Kode = "51.02.06.2001"
	sesiNyitdah tenancy.Kode = "51.02.06.2011"
	sesiLainKec tenancy.Kode = "51.02.01"
	sesiLain    tenancy.Kode = "51.02.01.2001"
)

var sesiNow = time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)

type sesiRegions struct{}

var sesiDesa = []pembinaan.Desa{
	{Kode: sesiBengkel, Nama: "Bengkel", NamaKecamatan: "Kediri"},
	{Kode: sesiNyitdah, Nama: "Nyitdah", NamaKecamatan: "Kediri"},
	{Kode: sesiLain, Nama: "Abian Tuwung", NamaKecamatan: "Selemadeg"},
}

func (sesiRegions) Exists(_ context.Context, k tenancy.Kode) error { return nil }
func (sesiRegions) Nama(_ context.Context, k tenancy.Kode) (string, error) {
	return map[tenancy.Kode]string{sesiKab: "Kabupaten Tabanan", sesiKediri: "Kediri"}[k], nil
}
func (sesiRegions) DesaIn(_ context.Context, k tenancy.Kode) ([]pembinaan.Desa, error) {
	var out []pembinaan.Desa
	for _, d := range sesiDesa {
		if k.Contains(d.Kode) {
			out = append(out, d)
		}
	}
	return out, nil
}

type sesiPerangkat []pembinaan.Perangkat

func (s sesiPerangkat) Aktif(_ context.Context, k tenancy.Kode) ([]pembinaan.Perangkat, error) {
	var out []pembinaan.Perangkat
	for _, p := range s {
		if k.Contains(p.Desa) {
			out = append(out, p)
		}
	}
	return out, nil
}

var sesiOrang = sesiPerangkat{
	{Desa: sesiBengkel, ID: "p-bengkel-kades", Nama: "I Made Sukarta", Jabatan: "kepala_desa", Sebutan: "Perbekel Bengkel"},
	{Desa: sesiBengkel, ID: "p-bengkel-sekdes", Nama: "Ni Ketut Ayu", Jabatan: "sekretaris_desa", Sebutan: "Sekretaris Desa Bengkel"},
	{Desa: sesiNyitdah, ID: "p-nyitdah-kades", Nama: "I Wayan Arta", Jabatan: "kepala_desa", Sebutan: "Perbekel Nyitdah"},
}

type sesiOPD map[string]pembinaan.OPD // user id → OPD

func (s sesiOPD) OPDOf(_ context.Context, u string) (pembinaan.OPD, bool, error) {
	o, ok := s[u]
	return o, ok, nil
}
func (s sesiOPD) OPDByID(_ context.Context, id string) (pembinaan.OPD, error) {
	for _, o := range s {
		if o.ID == id {
			return o, nil
		}
	}
	return pembinaan.OPD{}, fault.New(fault.NotFound, "OPD tidak ada.")
}

var sesiOPDs = sesiOPD{
	"u-dpmd": {ID: "opd-dpmd", Kabupaten: sesiKab, Kode: "DPMD", Nama: "Dinas Pemberdayaan Masyarakat dan Desa", Aktif: true},
	"u-dlh":  {ID: "opd-dlh", Kabupaten: sesiKab, Kode: "DLH", Nama: "Dinas Lingkungan Hidup", Aktif: true},
}

func sesiModule(t *testing.T, d *db.DB) *pembinaan.Module {
	t.Helper()
	b, err := blob.Open(context.Background(), "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return pembinaan.New(pembinaan.Deps{DB: d, Regions: sesiRegions{}, Perangkat: sesiOrang, OPD: sesiOPDs, Blob: b,
		Clock: func() time.Time { return sesiNow }})
}

func sesiAt(k tenancy.Kode, user string) context.Context {
	ctx := tenancy.With(context.Background(), tenancy.Tenant{Kode: k})
	return auth.WithUser(ctx, auth.User{ID: user})
}

func sesiInput() pembinaan.PembinaanSesiInput {
	return pembinaan.PembinaanSesiInput{Judul: "Bimtek keuangan desa", Jenis: pembinaan.JenisBimtek, Topik: []string{"keuangan"},
		Mulai: sesiNow.Add(-48 * time.Hour), Selesai: sesiNow.Add(-44 * time.Hour), Tempat: "Aula Kecamatan Kediri",
		Narasumber: []pembinaan.PembinaanNarasumber{{Nama: "I Wayan Sudiarta", Jabatan: "Kabid Pemdes"}},
		Desa:       []string{string(sesiBengkel), string(sesiNyitdah)}, JabatanWajib: []string{"kepala_desa", "sekretaris_desa"}}
}

func sesiFields(err error) string {
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid {
		return fmt.Sprintf("not invalid: %v", err)
	}
	if len(e.Fields) == 0 {
		return e.Field
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return strings.Join(out, ",")
}

func TestSesiValidate(t *testing.T) {
	long := strings.Repeat("a", 201)
	for _, tc := range []struct {
		name string
		edit func(*pembinaan.PembinaanSesiInput)
		want string
	}{
		{"ok", func(*pembinaan.PembinaanSesiInput) {}, ""},
		{"all desa", func(in *pembinaan.PembinaanSesiInput) { in.Desa, in.SemuaDesa = nil, true }, ""},
		{"short title", func(in *pembinaan.PembinaanSesiInput) { in.Judul = "ab" }, "body.judul"},
		{"long title", func(in *pembinaan.PembinaanSesiInput) { in.Judul = long }, "body.judul"},
		{"unknown jenis", func(in *pembinaan.PembinaanSesiInput) { in.Jenis = "rapat" }, "body.jenis"},
		{"no topic", func(in *pembinaan.PembinaanSesiInput) { in.Topik = nil }, "body.topik"},
		{"unknown topic", func(in *pembinaan.PembinaanSesiInput) { in.Topik = []string{"olahraga"} }, "body.topik[0]"},
		{"topic twice", func(in *pembinaan.PembinaanSesiInput) { in.Topik = []string{"sotk", "sotk"} }, "body.topik[1]"},
		{"ends before it starts", func(in *pembinaan.PembinaanSesiInput) { in.Selesai = in.Mulai.Add(-time.Hour) }, "body.selesai"},
		{"no start", func(in *pembinaan.PembinaanSesiInput) { in.Mulai = time.Time{} }, "body.mulai"},
		{"no speaker", func(in *pembinaan.PembinaanSesiInput) { in.Narasumber = nil }, "body.narasumber"},
		{"eleven speakers", func(in *pembinaan.PembinaanSesiInput) {
			in.Narasumber = make([]pembinaan.PembinaanNarasumber, 11)
			for i := range in.Narasumber {
				in.Narasumber[i].Nama = "Narasumber"
			}
		}, "body.narasumber"},
		{"control char in place", func(in *pembinaan.PembinaanSesiInput) { in.Tempat = "Aula\x00" }, "body.tempat"},
		{"desa of another kecamatan", func(in *pembinaan.PembinaanSesiInput) { in.Desa = []string{string(sesiLain)} }, "body.desa[0]"},
		{"no desa", func(in *pembinaan.PembinaanSesiInput) { in.Desa = nil }, "body.desa"},
		{"pembinaan at two desa", func(in *pembinaan.PembinaanSesiInput) { in.Jenis = pembinaan.JenisPembinaan }, "body.desa"},
		{"unknown post", func(in *pembinaan.PembinaanSesiInput) { in.JabatanWajib = []string{"bendahara"} }, "body.jabatan_wajib[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := sesiInput()
			tc.edit(&in)
			ds, _ := sesiRegions{}.DesaIn(context.Background(), sesiKediri)
			err := in.Validate(sesiKediri, ds)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if got := sesiFields(err); got != tc.want {
				t.Fatalf("fields %q, want %q (%v)", got, tc.want, err)
			}
		})
	}
}

func TestSesiBuatUbahUndangan(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := sesiModule(t, d)
		camat := sesiAt(sesiKediri, "u-camat")
		s, err := m.BuatSesi(camat, sesiInput())
		if err != nil {
			t.Fatal(err)
		}
		if s.Wilayah != string(sesiKediri) || s.Penyelenggara != "Kecamatan Kediri" || s.OPDID != "" || s.Status != pembinaan.StatusRencana {
			t.Fatalf("session %+v", s)
		}
		// Each invited desa sees its copy.
		for _, k := range []tenancy.Kode{sesiBengkel, sesiNyitdah} {
			us, err := m.Undangan(sesiAt(k, "u-perbekel"))
			if err != nil || len(us) != 1 || us[0].Judul != "Bimtek keuangan desa" || us[0].Tempat != "Aula Kecamatan Kediri" {
				t.Fatalf("%s invitations %+v %v", k, us, err)
			}
		}
		// Edit: Nyitdah out, the title changes; copies follow.
		in := sesiInput()
		in.Judul, in.Desa = "Bimtek keuangan desa tahap 2", []string{string(sesiBengkel)}
		if _, err := m.UbahSesi(camat, s.ID, in); err != nil {
			t.Fatal(err)
		}
		if us, _ := m.Undangan(sesiAt(sesiNyitdah, "u")); len(us) != 0 {
			t.Fatalf("Nyitdah still invited: %+v", us)
		}
		if us, _ := m.Undangan(sesiAt(sesiBengkel, "u")); len(us) != 1 || us[0].Judul != "Bimtek keuangan desa tahap 2" {
			t.Fatalf("Bengkel copy %+v", us)
		}
		// The list at the kecamatan and the kabupaten; not at another kecamatan.
		for k, want := range map[tenancy.Kode]int{sesiKediri: 1, sesiKab: 1, sesiLainKec: 0} {
			p, err := m.DaftarSesi(sesiAt(k, "u"), pembinaan.SesiFilter{Tahun: 2026}, page.Params{Limit: 10})
			if err != nil || len(p.Items) != want {
				t.Fatalf("list at %s: %d, %v", k, len(p.Items), err)
			}
		}
		// Another kecamatan cannot read or change it; the kabupaten path
		// does not reach a kecamatan's session either.
		for _, k := range []tenancy.Kode{sesiLainKec, sesiKab} {
			if _, err := m.Sesi(sesiAt(k, "u"), s.ID); !fault.Is(err, fault.NotFound) {
				t.Fatalf("read at %s: %v", k, err)
			}
			if _, err := m.UbahSesi(sesiAt(k, "u"), s.ID, in); !fault.Is(err, fault.NotFound) && !fault.Is(err, fault.Invalid) {
				t.Fatalf("edit at %s: %v", k, err)
			}
		}
		// A desa plans nothing.
		if _, err := m.BuatSesi(sesiAt(sesiBengkel, "u"), sesiInput()); !fault.Is(err, fault.NotFound) {
			t.Fatalf("desa planned: %v", err)
		}
		// Cancelled: the copies say so.
		if _, err := m.UbahStatusSesi(camat, s.ID, pembinaan.StatusBatal); err != nil {
			t.Fatal(err)
		}
		if us, _ := m.Undangan(sesiAt(sesiBengkel, "u")); us[0].Status != pembinaan.StatusBatal {
			t.Fatalf("copy status %q", us[0].Status)
		}
		if ss, err := m.SesiDesa(context.Background(), sesiBengkel); err != nil || len(ss) != 0 {
			t.Fatalf("SesiDesa lists a batal session: %+v %v", ss, err)
		}
	})
}

func TestSesiOPD(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := sesiModule(t, d)
		dpmd := sesiAt(sesiKab, "u-dpmd")
		s, err := m.BuatSesi(dpmd, sesiInput())
		if err != nil {
			t.Fatal(err)
		}
		if s.OPDID != "opd-dpmd" || s.Penyelenggara != "Dinas Pemberdayaan Masyarakat dan Desa" {
			t.Fatalf("organizer %q %q", s.OPDID, s.Penyelenggara)
		}
		dlh := sesiAt(sesiKab, "u-dlh")
		if _, err := m.UbahSesi(dlh, s.ID, sesiInput()); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("DLH edited DPMD's session: %v", err)
		}
		if _, err := m.UbahStatusSesi(dlh, s.ID, pembinaan.StatusBatal); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("DLH cancelled DPMD's session: %v", err)
		}
		if _, err := m.CatatHadir(dlh, s.ID, sesiBengkel, "p-bengkel-kades"); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("DLH ticked: %v", err)
		}
		// An OPD plans at the kabupaten only.
		if _, err := m.BuatSesi(sesiAt(sesiKediri, "u-dpmd"), sesiInput()); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("OPD planned at a kecamatan: %v", err)
		}
		// The kabupaten admin (no OPD) may change it.
		if _, err := m.UbahStatusSesi(sesiAt(sesiKab, "u-admin"), s.ID, pembinaan.StatusSelesai); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSesiHadir(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := sesiModule(t, d)
		camat := sesiAt(sesiKediri, "u-camat")
		s, err := m.BuatSesi(camat, sesiInput())
		if err != nil {
			t.Fatal(err)
		}
		h, err := m.CatatHadir(camat, s.ID, sesiBengkel, "p-bengkel-kades")
		if err != nil || h.Nama != "I Made Sukarta" || h.Jabatan != "kepala_desa" || h.Sebutan != "Perbekel Bengkel" {
			t.Fatalf("tick %+v %v", h, err)
		}
		if _, err := m.CatatHadir(camat, s.ID, sesiBengkel, "p-bengkel-kades"); err != nil {
			t.Fatalf("second tick: %v", err)
		}
		// Someone of another desa, or not in post, or a desa not invited.
		if _, err := m.CatatHadir(camat, s.ID, sesiBengkel, "p-nyitdah-kades"); !fault.Is(err, fault.NotFound) {
			t.Fatalf("wrong desa: %v", err)
		}
		if _, err := m.CatatHadir(camat, s.ID, sesiLain, "x"); !fault.Is(err, fault.NotFound) {
			t.Fatalf("desa of another kecamatan: %v", err)
		}
		if _, err := m.CatatHadir(sesiAt(sesiLainKec, "u"), s.ID, sesiBengkel, "p-bengkel-kades"); !fault.Is(err, fault.NotFound) {
			t.Fatalf("another kecamatan ticked: %v", err)
		}
		if _, err := m.CatatHadir(camat, s.ID, sesiNyitdah, "p-nyitdah-kades"); err != nil {
			t.Fatal(err)
		}
		// Removing a desa with attendance is refused.
		in := sesiInput()
		in.Desa = []string{string(sesiBengkel)}
		if _, err := m.UbahSesi(camat, s.ID, in); sesiFields(err) != "body.desa" {
			t.Fatalf("removed a desa with attendance: %v", err)
		}
		if err := m.HapusHadir(camat, s.ID, sesiNyitdah, "p-nyitdah-kades"); err != nil {
			t.Fatal(err)
		}
		if err := m.HapusHadir(camat, s.ID, sesiNyitdah, "p-nyitdah-kades"); !fault.Is(err, fault.NotFound) {
			t.Fatalf("untick twice: %v", err)
		}
		// The daftar hadir: Bengkel's sekdes absent, Nyitdah all absent.
		if _, err := m.UbahStatusSesi(camat, s.ID, pembinaan.StatusSelesai); err != nil {
			t.Fatal(err)
		}
		dh, err := m.DaftarHadir(camat, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, x := range dh.Desa {
			got[x.Desa] = fmt.Sprint(len(x.Hadir), x.TidakHadir)
		}
		if got[string(sesiBengkel)] != "1 [sekretaris_desa]" || got[string(sesiNyitdah)] != "0 [kepala_desa sekretaris_desa]" {
			t.Fatalf("daftar hadir %v", got)
		}
		// The desa sees its own attendance only.
		us, err := m.Undangan(sesiAt(sesiBengkel, "u"))
		if err != nil || len(us[0].Hadir) != 1 || us[0].Hadir[0].Nama != "I Made Sukarta" {
			t.Fatalf("desa view %+v %v", us, err)
		}
		// Batal: no ticks.
		s2, err := m.BuatSesi(camat, sesiInput())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.UbahStatusSesi(camat, s2.ID, pembinaan.StatusBatal); err != nil {
			t.Fatal(err)
		}
		if _, err := m.CatatHadir(camat, s2.ID, sesiBengkel, "p-bengkel-kades"); !fault.Is(err, fault.Conflict) {
			t.Fatalf("ticked at a batal session: %v", err)
		}
	})
}

func TestSesiMateri(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := sesiModule(t, d)
		camat := sesiAt(sesiKediri, "u-camat")
		s, err := m.BuatSesi(camat, sesiInput())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.TambahMateri(camat, s.ID, "x.exe", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00binary\x00\x01")); sesiFields(err) != "berkas" {
			t.Fatalf("exe accepted: %v", err)
		}
		if _, err := m.TambahMateri(camat, s.ID, "besar.txt", make([]byte, pembinaan.MaksMateriByte+1)); sesiFields(err) != "berkas" {
			t.Fatalf("too big accepted: %v", err)
		}
		pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
		mt, err := m.TambahMateri(camat, s.ID, "../materi \"keuangan\".pdf", pdf)
		if err != nil {
			t.Fatal(err)
		}
		if mt.JenisBerkas != "application/pdf" || mt.Nama != "materi keuangan.pdf" || mt.Ukuran != int64(len(pdf)) {
			t.Fatalf("material %+v", mt)
		}
		// An invited desa reads it through its invitation.
		us, err := m.Undangan(sesiAt(sesiBengkel, "u"))
		if err != nil || len(us) != 1 || len(us[0].Materi) != 1 {
			t.Fatalf("invitation materials %+v %v", us, err)
		}
		_, b, err := m.BukaMateriDesa(sesiAt(sesiBengkel, "u"), s.ID, mt.ID)
		if err != nil || string(b) != string(pdf) {
			t.Fatalf("desa download %q %v", b, err)
		}
		// A desa not invited does not.
		if _, _, err := m.BukaMateriDesa(sesiAt(sesiLain, "u"), s.ID, mt.ID); !fault.Is(err, fault.NotFound) {
			t.Fatalf("uninvited desa read the material: %v", err)
		}
		// Another kecamatan neither.
		if _, _, err := m.BukaMateri(sesiAt(sesiLainKec, "u"), s.ID, mt.ID); !fault.Is(err, fault.NotFound) {
			t.Fatalf("another kecamatan read the material: %v", err)
		}
		if err := m.HapusMateri(camat, s.ID, mt.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := m.BukaMateri(camat, s.ID, mt.ID); !fault.Is(err, fault.NotFound) {
			t.Fatalf("deleted material opened: %v", err)
		}
	})
}

func TestSesiDemo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := sesiModule(t, d)
		ctx := context.Background()
		for i := 0; i < 2; i++ {
			if err := m.SeedDemoSesi(ctx); err != nil {
				t.Fatal(err)
			}
		}
		p, err := m.DaftarSesi(sesiAt(sesiKab, "u"), pembinaan.SesiFilter{}, page.Params{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, s := range p.Items {
			ids = append(ids, s.ID+":"+s.Status)
		}
		sort.Strings(ids)
		want := []string{pembinaan.DemoSesiBimtekKediri + ":selesai", pembinaan.DemoSesiBengkel + ":selesai", pembinaan.DemoSesiPilkades + ":rencana"}
		sort.Strings(want)
		if fmt.Sprint(ids) != fmt.Sprint(want) {
			t.Fatalf("demo sessions %v", ids)
		}
		us, err := m.Undangan(sesiAt(sesiBengkel, "u"))
		if err != nil || len(us) != 3 {
			t.Fatalf("Bengkel invitations %d %v", len(us), err)
		}
		for _, u := range us {
			if u.PembinaanID == pembinaan.DemoSesiBengkel && (len(u.Materi) != 1 || len(u.Hadir) != 2) {
				t.Fatalf("Bengkel pembinaan %+v", u)
			}
		}
	})
}
