package administration_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	"github.com/uptrace/bun"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// problemBody is the problem+json of a refused call.
type problemBody struct {
	Detail string `json:"detail"`
	Errors []struct {
		Location string `json:"location"`
		Message  string `json:"message"`
	} `json:"errors"`
}

// apiMessages is what an API answer says, one message per field (the
// first), as a page shows them.
func apiMessages(t *testing.T, body string) (map[string]string, []string) {
	t.Helper()
	var p problemBody
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("not problem+json: %s", body)
	}
	byField := map[string]string{}
	var msgs []string
	for _, e := range p.Errors {
		if _, seen := byField[e.Location]; seen {
			continue
		}
		byField[e.Location] = e.Message
		msgs = append(msgs, e.Message)
	}
	return byField, msgs
}

var galat = regexp.MustCompile(`(?s)<div class="galat" role="alert"[^>]*>(.*?)</div>`)
var paragraf = regexp.MustCompile(`(?s)<p>(.*?)</p>`)

// ringkasan is the summary of a form converted to web.Form; each message
// is an item, linked to its field.
var ringkasan = regexp.MustCompile(`(?s)<div class="ringkasan-galat"[^>]*>.*?<ul>(.*?)</ul>`)
var butir = regexp.MustCompile(`(?s)<li>(?:<a href="[^"]*">)?(.*?)(?:</a>)?</li>`)

// pageMessages is the list of messages a re-rendered form shows: its
// summary, or the list at the top of a page not yet converted.
func pageMessages(body string) []string {
	var out []string
	if m := ringkasan.FindStringSubmatch(body); m != nil {
		for _, p := range butir.FindAllStringSubmatch(m[1], -1) {
			out = append(out, html.UnescapeString(p[1]))
		}
		return out
	}
	m := galat.FindStringSubmatch(body)
	if m == nil {
		return nil
	}
	for _, p := range paragraf.FindAllStringSubmatch(m[1], -1) {
		out = append(out, html.UnescapeString(p[1]))
	}
	return out
}

func formOf(m map[string]string) url.Values {
	f := url.Values{}
	for k, v := range m {
		f.Set(k, v)
	}
	return f
}

func jsonOf(m map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func with(base map[string]string, kv ...string) map[string]string {
	m := map[string]string{}
	for k, v := range base {
		m[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// TestAPIAndPagesRefuseTheSameInput sends the same broken input to an
// operation and to the page form that does the same thing: both answer 422
// with the same Bahasa messages, one for every field at fault, and the page
// keeps what was typed. Before, the forms took a 60,000-character name, a
// 3,000-character SK number, an SK dated after the term it starts or in
// 2030, 31 February inside a NIK, a desa of 0.001 km² and 2,147,483,647
// men.
func TestAPIAndPagesRefuseTheSameInput(t *testing.T) {
	kades := map[string]string{"jabatan": "kepala_desa", "status": "definitif", "nama": "I Made Sudarsana",
		"nik": "5102061208850001", "sk_nomor": "180/1/HK/2021", "sk_tanggal": "2021-12-15", "mulai": "2021-12-20"}
	anggota := map[string]string{"nama": "I Gusti Ngurah Oka", "jabatan": "Ketua", "mulai": "2026-01-06", "selesai": "2034-01-06"}
	profil := map[string]string{"nama": "Bengkel"}
	type tc struct {
		name     string
		op       string // API path after /desa/51.02.06.2001, or "" when it is the page's
		method   string
		page     string // page path after /desa/51.02.06.2001
		form     map[string]string
		api      map[string]any // nil: the form's fields as JSON
		fields   []string       // API locations at fault
		keep     string         // a value the page must show again
		contains string         // one message, in Bahasa
	}
	long := strings.Repeat("a", 60_000)
	tests := []tc{
		{"name of 60,000 characters", "/perangkat", "POST", "/perangkat", with(kades, "nama", long), nil,
			[]string{"body.nama"}, "180/1/HK/2021", "Nama maksimal 200 karakter (sekarang 60.000)."},
		{"SK number of 3,000 characters", "/perangkat", "POST", "/perangkat", with(kades, "sk_nomor", strings.Repeat("7", 3000)), nil,
			[]string{"body.sk_nomor"}, "I Made Sudarsana", "Nomor SK pengangkatan maksimal 200 karakter"},
		{"SK dated after the term it starts", "/perangkat", "POST", "/perangkat", with(kades, "sk_tanggal", "2022-01-10"), nil,
			[]string{"body.mulai"}, "2022-01-10", "Tanggal mulai menjabat tidak boleh sebelum tanggal SK (10 Januari 2022)."},
		{"SK dated in 2030", "/perangkat", "POST", "/perangkat", with(kades, "sk_tanggal", "2030-01-01", "mulai", "2030-01-02"), nil,
			[]string{"body.sk_tanggal", "body.mulai"}, "2030-01-02", "Tanggal SK tidak boleh setelah 23 November 2026."},
		{"31 February inside the NIK", "/perangkat", "POST", "/perangkat", with(kades, "nik", "5102063102850001"), nil,
			[]string{"body.nik"}, `value="5102063102850001"`, "NIK tidak sah: tanggal lahir"},
		{"every field at fault is listed", "/perangkat", "POST", "/perangkat",
			with(kades, "nama", " ", "nik", "123", "sk_nomor", "", "nip", "NIP-ABC", "sk_tanggal", "2022-01-10"), nil,
			[]string{"body.nama", "body.nik", "body.nip", "body.sk_nomor", "body.mulai"}, `value="123"`, "Nama wajib diisi."},
		{"control character in a name", "/perangkat", "POST", "/perangkat", with(kades, "nama", "I Made\x1b[31m"), nil,
			[]string{"body.nama"}, "", "Nama berisi karakter yang tidak diizinkan"},
		{"desa of 0.001 km²", "/profil", "PUT", "/profil", with(profil, "luas_km2", "0,001"),
			map[string]any{"nama": "Bengkel", "luas_km2": 0.001}, []string{"body.luas_km2"}, `value="0,001"`, "Luas wilayah harus antara 0,01 dan 50.000 km²."},
		{"profil with every field wrong", "/profil", "PUT", "/profil",
			with(profil, "nama", strings.Repeat("B", 101), "telepon", "hubungi", "email", "desa bengkel", "visi", "visi\x00"),
			nil, []string{"body.nama", "body.telepon", "body.email", "body.visi"}, "hubungi", "Nama desa maksimal 100 karakter"},
		{"2,147,483,647 men", "/profil/penduduk/2025", "PUT", "/profil/penduduk",
			map[string]string{"tahun": "2025", "laki_laki": "2.147.483.647", "perempuan": "2.147.483.647", "kk": "1519"},
			map[string]any{"laki_laki": 2147483647, "perempuan": 2147483647, "kk": 1519},
			[]string{"body.laki_laki", "body.perempuan"}, `value="2.147.483.647"`, "Jumlah laki-laki harus antara 0 dan 1.000.000."},
		{"population of 2030", "/profil/penduduk/2030", "PUT", "/profil/penduduk",
			map[string]string{"tahun": "2030", "laki_laki": "10", "perempuan": "10", "kk": "5"},
			map[string]any{"laki_laki": 10, "perempuan": 10, "kk": 5}, []string{"path.tahun"}, `value="2030"`, "Tahun harus antara 1945 dan 2026."},
		{"BPD member: long name, SK after start, term of ten years", "/lembaga/{bpd}/anggota", "POST", "/lembaga/{bpd}/anggota",
			with(anggota, "nama", long, "sk_tanggal", "2026-02-01", "selesai", "2036-01-06"), nil,
			[]string{"body.nama", "body.mulai", "body.selesai"}, "2036-01-06", "Masa jabatan anggota BPD paling lama 8 tahun"},
		{"dusun name of 5,000 characters", "/dusun", "POST", "/dusun", map[string]string{"nama_dusun": strings.Repeat("K", 5000), "sebutan": "banjar"},
			map[string]any{"nama": strings.Repeat("K", 5000), "sebutan": "banjar"}, []string{"body.nama"}, "KKKKKKKK", "Nama dusun/banjar maksimal 100 karakter"},
		{"end of term in 2030", "/perangkat/{kades}/berhenti", "POST", "/perangkat/{kades}/berhenti",
			map[string]string{"tanggal": "2030-01-01", "alasan": "diberhentikan"}, nil,
			[]string{"body.tanggal"}, `value="2030-01-01"`, "Tanggal berhenti tidak boleh setelah 23 November 2027."},
	}

	// The pages (on SQLite, as newSite serves them).
	s := newSite(t)
	pageBPD, err := s.m.CreateLembaga(at(bengkel), a.LembagaInput{Jenis: a.BPD, Nama: "BPD Desa Bengkel"})
	if err != nil {
		t.Fatal(err)
	}
	pageKades, err := s.m.Appoint(at(bengkel), a.PerangkatInput{Jabatan: a.KepalaDesa, Status: a.Definitif, Nama: "Perbekel Lama",
		NIK: "5102061208850009", SKNomor: "1/2021", SKTanggal: "2021-12-15", Mulai: "2021-12-20"})
	if err != nil {
		t.Fatal(err)
	}
	pageSaid := map[string][]string{}
	for _, tt := range tests {
		t.Run("page/"+tt.name, func(t *testing.T) {
			path := strings.NewReplacer("{bpd}", pageBPD.ID.String(), "{kades}", pageKades.ID.String()).Replace(tt.page)
			status, body, _ := s.do("made", "POST", "/desa/51.02.06.2001"+path, formOf(tt.form), false)
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422: %s", status, body)
			}
			msgs := pageMessages(body)
			if len(msgs) != len(tt.fields) {
				t.Fatalf("page lists %d messages %q, want one for each of %v", len(msgs), msgs, tt.fields)
			}
			if !slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, tt.contains) }) {
				t.Fatalf("page messages %q lack %q", msgs, tt.contains)
			}
			if tt.keep != "" && !strings.Contains(body, tt.keep) {
				t.Fatalf("page does not keep %q", tt.keep)
			}
			pageSaid[tt.name] = msgs
		})
	}

	// The API, on both engines: the same messages.
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAPI(t, d)
		bpd, err := f.m.CreateLembaga(at(bengkel), a.LembagaInput{Jenis: a.BPD, Nama: "BPD Desa Bengkel"})
		if err != nil {
			t.Fatal(err)
		}
		kadesLama := mustAppoint(t, f.fixture, bengkel, a.PerangkatInput{Jabatan: a.KepalaDesa, Status: a.Definitif,
			Nama: "Perbekel Lama", NIK: "5102061208850009", SKNomor: "1/2021", SKTanggal: "2021-12-15", Mulai: "2021-12-20"})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				body := tt.api
				if body == nil {
					body = jsonOf(tt.form)
				}
				path := strings.NewReplacer("{bpd}", bpd.ID.String(), "{kades}", kadesLama.ID.String()).Replace(tt.op)
				status, raw := f.call("made", tt.method, "/desa/51.02.06.2001"+path, body)
				if status != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422: %s", status, raw)
				}
				byField, msgs := apiMessages(t, raw)
				for _, fld := range tt.fields {
					if byField[fld] == "" {
						t.Errorf("no message for %s in %v", fld, byField)
					}
				}
				if len(byField) != len(tt.fields) {
					t.Errorf("API names %v, want exactly %v", byField, tt.fields)
				}
				if want, ok := pageSaid[tt.name]; ok && !slices.Equal(msgs, want) {
					t.Errorf("API says %q\npage says %q", msgs, want)
				}
			})
		}
		if n := count(t, d, "perangkat"); n != 1 {
			t.Fatalf("%d appointments stored, want only the one made for the test", n)
		}
	})
}

// TestPopulationIsBoundedAndWilayahTablesSumInBigint reproduces the
// overflow: 2,147,483,647 men and women were accepted, after which the
// kecamatan and kabupaten tables answered 500 on PostgreSQL (int4 overflow
// in laki_laki + perempuan) and a tiny area gave a negative density on
// SQLite. Now the write is refused; the most a desa may hold, written for
// every desa of Kecamatan Kediri, and a row stored before the bounds, sum
// correctly in both tables.
func TestPopulationIsBoundedAndWilayahTablesSumInBigint(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAPI(t, d)
		if err := f.authz.Grant(context.Background(), authz.Grant{UserID: "pak-bupati", Role: authz.Bupati, Wilayah: "51.02"}); err != nil {
			t.Fatal(err)
		}
		huge := map[string]any{"laki_laki": 2147483647, "perempuan": 2147483647, "kk": 2147483647}
		if status, body := f.call("made", "PUT", "/desa/51.02.06.2001/profil/penduduk/2025", huge); status != 422 ||
			!strings.Contains(body, "body.laki_laki") || !strings.Contains(body, "body.perempuan") || !strings.Contains(body, "body.kk") {
			t.Fatalf("2,147,483,647 people: %d %s", status, body)
		}
		tiny := map[string]any{"nama": "Bengkel", "luas_km2": 1e-9}
		if status, body := f.call("made", "PUT", "/desa/51.02.06.2001/profil", tiny); status != 422 || !strings.Contains(body, "body.luas_km2") {
			t.Fatalf("area of 1e-9 km²: %d %s", status, body)
		}

		var kecamatan []string
		for i := 1; i <= 15; i++ {
			kecamatan = append(kecamatan, "51.02.06.20"+string(rune('0'+i/10))+string(rune('0'+i%10)))
		}
		for _, k := range kecamatan {
			// The sekdes of each desa writes its own figures.
			if err := f.authz.Grant(context.Background(), authz.Grant{UserID: "sekdes-" + k, Role: authz.Sekdes, Wilayah: tenancy.Kode(k)}); err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				path string
				body any
			}{
				{"/profil", map[string]any{"nama": "Desa " + k, "luas_km2": 0.01}},
				{"/profil/penduduk/2025", map[string]any{"laki_laki": 1_000_000, "perempuan": 1_000_000, "kk": 1_000_000}},
			} {
				if status, body := f.call("sekdes-"+k, "PUT", "/desa/"+k+c.path, c.body); status != 200 {
					t.Fatalf("%s%s: %d %s", k, c.path, status, body)
				}
			}
		}
		// A row written before the bounds existed, in another kecamatan.
		legacy := tenancy.Kode("51.02.07.2001")
		luas := 1e-9
		if err := d.Tx(at(legacy), func(ctx context.Context, tx bun.Tx) error {
			now := f.clock.Now()
			id := tenancy.Kode(legacy).ID()
			if _, err := tx.NewInsert().Model(&a.Profil{DesaID: id, ID: newUUID(t), Nama: "Marga", LuasKm2: &luas, CreatedAt: now, UpdatedAt: now}).Exec(ctx); err != nil {
				return err
			}
			_, err := tx.NewInsert().Model(&a.Penduduk{DesaID: id, ID: newUUID(t), Tahun: 2025, LakiLaki: 2147483647,
				Perempuan: 2147483647, KK: 2147483647, CreatedAt: now, UpdatedAt: now}).Exec(ctx)
			return err
		}); err != nil {
			t.Fatal(err)
		}

		type row struct {
			Kode      string   `json:"kode"`
			Penduduk  *int64   `json:"penduduk"`
			LakiLaki  *int64   `json:"laki_laki"`
			Kepadatan *float64 `json:"kepadatan"`
		}
		table := func(user, path string) []row {
			t.Helper()
			status, body := f.call(user, "GET", path, nil)
			if status != 200 {
				t.Fatalf("%s: %d %s", path, status, body)
			}
			var pg struct{ Items []row }
			if err := json.Unmarshal([]byte(body), &pg); err != nil {
				t.Fatal(err)
			}
			return pg.Items
		}
		sum := func(rows []row) (total int64) {
			for _, r := range rows {
				if r.Penduduk == nil || r.Kepadatan == nil || *r.Kepadatan <= 0 {
					t.Fatalf("row %s: penduduk %v, kepadatan %v", r.Kode, r.Penduduk, r.Kepadatan)
				}
				total += *r.Penduduk
			}
			return total
		}
		kec := table("wayan", "/wilayah/51.02.06/profil-desa?limit=100")
		if len(kec) != 15 || sum(kec) != 15*2_000_000 || *kec[0].Kepadatan != 200_000_000 {
			t.Fatalf("kecamatan table: %d rows, sum %d, first %+v", len(kec), sum(kec), kec[0])
		}
		kab := table("pak-bupati", "/wilayah/51.02/profil-desa?limit=100")
		if len(kab) != 16 || sum(kab) != 15*2_000_000+2*2147483647 {
			t.Fatalf("kabupaten table: %d rows, sum %d", len(kab), sum(kab))
		}
		if last := kab[15]; last.Kode != string(legacy) || *last.Penduduk != 2*2147483647 || *last.Kepadatan < 4e18 {
			t.Fatalf("legacy row %+v", last)
		}
		// The filter compares the same bigint sum.
		if got := table("pak-bupati", "/wilayah/51.02/profil-desa?limit=100&min_penduduk=2000000"); len(got) != 16 {
			t.Fatalf("min_penduduk filter: %d rows", len(got))
		}
		if status, body := f.call("pak-bupati", "GET", "/wilayah/51.02/profil-desa?min_penduduk=-1", nil); status != 422 || !strings.Contains(body, "query.min_penduduk") {
			t.Fatalf("negative filter: %d %s", status, body)
		}
	})
}

func newUUID(t *testing.T) uuid.UUID {
	t.Helper()
	id, err := uuid.NewV7()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestEveryWriteRefusesControlCharacters sends a NUL, an escape sequence
// and invalid UTF-8 in a text field of every write operation of the module
// (a 500 on both engines before: SQLite cuts the inlined statement at NUL,
// PostgreSQL refuses the byte), expecting 422 naming the field in Bahasa.
// An operation added later without a row here fails the test.
func TestEveryWriteRefusesControlCharacters(t *testing.T) {
	type target struct {
		op, method, path string
		base             map[string]any
		field            string // JSON name of the text field
	}
	targets := []target{
		{"create-dusun", "POST", "/dusun", map[string]any{"sebutan": "banjar"}, "nama"},
		{"update-dusun", "PUT", "/dusun/{dusun}", map[string]any{"sebutan": "banjar"}, "nama"},
		{"create-perangkat", "POST", "/perangkat", map[string]any{"jabatan": "sekretaris_desa", "status": "definitif",
			"nik": "5102061208850002", "sk_nomor": "1/2026", "sk_tanggal": "2026-01-05", "mulai": "2026-01-06"}, "nama"},
		{"create-perangkat", "POST", "/perangkat", map[string]any{"jabatan": "sekretaris_desa", "status": "definitif", "nama": "Ni Luh",
			"nik": "5102061208850002", "sk_tanggal": "2026-01-05", "mulai": "2026-01-06"}, "sk_nomor"},
		{"create-perangkat", "POST", "/perangkat", map[string]any{"jabatan": "sekretaris_desa", "status": "definitif", "nama": "Ni Luh",
			"sk_nomor": "1/2026", "sk_tanggal": "2026-01-05", "mulai": "2026-01-06"}, "nik"},
		{"end-perangkat", "POST", "/perangkat/{kades}/berhenti", map[string]any{"tanggal": "2026-06-30"}, "alasan"},
		{"link-perangkat-akun", "PUT", "/perangkat/{kades}/akun", map[string]any{}, "user_id"},
		{"create-lembaga", "POST", "/lembaga", map[string]any{"jenis": "posyandu"}, "nama"},
		{"create-anggota-lembaga", "POST", "/lembaga/{lembaga}/anggota", map[string]any{"nama": "Ni Made", "mulai": "2026-01-06"}, "jabatan"},
		{"end-anggota-lembaga", "POST", "/lembaga/{lembaga}/anggota/{anggota}/berhenti", map[string]any{}, "tanggal"},
		{"end-anggota-lembaga", "POST", "/lembaga/{lembaga}/anggota/{anggota}/berhenti", map[string]any{"tanggal": "2026-06-30"}, "alasan"},
		{"end-perangkat", "POST", "/perangkat/{kades}/berhenti", map[string]any{"tanggal": "2026-06-30", "sk_tanggal": "2026-06-01"}, "sk_nomor"},
		{"update-lembaga", "PUT", "/lembaga/{lembaga}", map[string]any{"jenis": "bpd"}, "nama"},
		{"update-lembaga", "PUT", "/lembaga/{lembaga}", map[string]any{"jenis": "bpd", "nama": "BPD Bengkel"}, "sk_nomor"},
		{"update-anggota-lembaga", "PUT", "/lembaga/{lembaga}/anggota/{anggota}", map[string]any{"jabatan": "Anggota", "mulai": "2026-01-06", "selesai": "2030-01-06"}, "nama"},
		{"update-anggota-lembaga", "PUT", "/lembaga/{lembaga}/anggota/{anggota}", map[string]any{"nama": "Ni Made", "mulai": "2026-01-06", "selesai": "2030-01-06"}, "jabatan"},
		{"put-profil-desa", "PUT", "/profil", map[string]any{"nama": "Bengkel"}, "alamat_kantor"},
		{"put-profil-desa", "PUT", "/profil", map[string]any{"nama": "Bengkel"}, "visi"},
		{"put-profil-desa", "PUT", "/profil", map[string]any{}, "nama"},
		// Figures only: text where a number belongs is refused as well.
		{"put-penduduk-desa", "PUT", "/profil/penduduk/2025", map[string]any{"perempuan": 10, "kk": 5}, "laki_laki"},
	}
	bad := map[string]string{"NUL": "I Made\x00", "escape": "\x1b[2J", "invalid UTF-8": "rusak \xff\xfe"}
	// raw builds the body with the bad bytes as they are: encoding/json
	// would turn invalid UTF-8 into U+FFFD before sending it.
	raw := func(base map[string]any, field, value string) string {
		m := map[string]any{}
		for k, v := range base {
			m[k] = v
		}
		m[field] = "@@BAD@@"
		b, _ := json.Marshal(m)
		esc := strings.NewReplacer("\x00", `\u0000`, "\x1b", `\u001b`).Replace(value)
		return strings.Replace(string(b), "@@BAD@@", esc, 1)
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAPI(t, d)
		ctx := at(bengkel)
		one := oneOfEach(t, f)
		dusun, kades, l, an := one.dusun, one.kepalaDesa, one.lembaga, one.anggota
		ids := strings.NewReplacer("{dusun}", dusun.ID.String(), "{kades}", kades.ID.String(), "{lembaga}", l.ID.String(), "{anggota}", an.ID.String())
		covered := map[string]bool{}
		for _, tg := range targets {
			covered[tg.op] = true
			for name, value := range bad {
				t.Run(tg.op+"/"+tg.field+"/"+name, func(t *testing.T) {
					r := f.api.Do(tg.method, "/api/v1/desa/51.02.06.2001"+ids.Replace(tg.path),
						"Authorization: Bearer tok-made", "Content-Type: application/json", strings.NewReader(raw(tg.base, tg.field, value)))
					if r.Code != http.StatusUnprocessableEntity {
						t.Fatalf("status %d, want 422: %s", r.Code, r.Body)
					}
					byField, _ := apiMessages(t, r.Body.String())
					if byField["body."+tg.field] == "" {
						t.Fatalf("422 does not name body.%s: %s", tg.field, r.Body)
					}
				})
			}
		}
		// Every operation with a body is in the table.
		for path, item := range f.server.API().OpenAPI().Paths {
			for _, op := range []*huma.Operation{item.Post, item.Put, item.Patch} {
				if op != nil && op.RequestBody != nil && !covered[op.OperationID] {
					t.Errorf("%s (%s) has a body but no row here", op.OperationID, path)
				}
			}
		}
		// Nothing was written by the refused calls.
		if n := count(t, d, "dusun"); n != 1 {
			t.Errorf("%d dusun, want 1", n)
		}
		got, err := f.m.GetPerangkat(ctx, kades.ID)
		if err != nil || !got.Active() || got.UserID != "" {
			t.Errorf("kepala desa after the calls: %+v %v", got, err)
		}
	})
}
