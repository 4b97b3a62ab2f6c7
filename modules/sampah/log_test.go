package sampah_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/modules/sampah"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// logFasilitas inserts a facility of desa kode directly (facilities are
// another part's); f's zero fields get plain defaults.
func logFasilitas(t testing.TB, d *db.DB, kode tenancy.Kode, f sampah.Fasilitas) sampah.Fasilitas {
	t.Helper()
	f.DesaID, f.ID = kode.ID(), uuid.Must(uuid.NewV7()).String()
	if f.Jenis == "" {
		f.Jenis = sampah.FasilitasTPS3R
	}
	if f.Status == "" {
		f.Status = "aktif"
	}
	f.CreatedBy, f.UpdatedBy = "fixture", "fixture"
	f.CreatedAt, f.UpdatedAt = now, now
	err := d.Tx(desaCtx(kode), func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&f).Exec(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// fieldOf is the field a refusal names first, or "" for another error.
func fieldOf(err error) string {
	if f, ok := fault.As(err); ok && f.Code == fault.Invalid {
		return f.Field
	}
	return ""
}

// Every rule of a day's log, as SimpanLog (API and pages alike) applies it.
func TestLogValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		bestari := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Bestari", TahunDibangun: 2020, DensitasGramM3: 250_000})
		separo := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Separo", DensitasGramM3: 333_500})
		kg := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Kilo"})
		mati := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Lama", Status: "tidak_aktif", AlasanTidakAktif: "lahan dipakai"})
		bank := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "Bank Sampah Bengkel", Jenis: sampah.FasilitasBankSampah})
		ok := sampah.LogIsian{Beroperasi: true, Organik: 120_500, Anorganik: 30_000, Residu: 15_250}
		cases := []struct {
			name      string
			fasilitas string
			tanggal   string
			in        sampah.LogIsian
			field     string // "" = saved
			organik   sampah.Takaran
		}{
			{"today", bestari.ID, "2026-03-05", ok, "", 120_500},
			{"tomorrow", bestari.ID, "2026-03-06", ok, "tanggal", 0},
			{"no date", bestari.ID, "", ok, "tanggal", 0},
			{"not a date", bestari.ID, "2026-02-30", ok, "tanggal", 0},
			{"before the year built", bestari.ID, "2019-12-31", ok, "tanggal", 0},
			{"first day of the year built", bestari.ID, "2020-01-01", ok, "", 120_500},
			{"before 2000", kg.ID, "1999-12-31", ok, "tanggal", 0},
			{"a bank sampah", bank.ID, "2026-03-04", ok, "fasilitas", 0},
			{"an inactive TPS3R", mati.ID, "2026-03-04", ok, "fasilitas", 0},
			{"not operating with amounts", bestari.ID, "2026-03-04",
				sampah.LogIsian{Organik: 1, Catatan: "mesin pencacah rusak"}, "beroperasi", 0},
			{"not operating, only a note", bestari.ID, "2026-03-03",
				sampah.LogIsian{Catatan: "mesin pencacah rusak"}, "", 0},
			{"m³ converted with the density", bestari.ID, "2026-03-02",
				sampah.LogIsian{Satuan: sampah.LogSatuanM3, Beroperasi: true, Organik: 1_234}, "", 308_500},
			{"m³ rounds half up to the gram", separo.ID, "2026-03-02",
				sampah.LogIsian{Satuan: sampah.LogSatuanM3, Beroperasi: true, Organik: 1}, "", 334},
			{"m³ up to the bound", bestari.ID, "2026-03-01",
				sampah.LogIsian{Satuan: sampah.LogSatuanM3, Beroperasi: true, Organik: 400_000}, "", 100_000_000},
			{"m³ beyond the bound", bestari.ID, "2026-03-01",
				sampah.LogIsian{Satuan: sampah.LogSatuanM3, Beroperasi: true, Organik: 400_001}, "organik", 0},
			{"m³ without a density", kg.ID, "2026-03-01",
				sampah.LogIsian{Satuan: sampah.LogSatuanM3, Beroperasi: true, Organik: 1}, "satuan", 0},
			{"another unit", kg.ID, "2026-03-01", sampah.LogIsian{Satuan: "ton", Beroperasi: true}, "satuan", 0},
			{"kg at the bound", kg.ID, "2026-02-28",
				sampah.LogIsian{Beroperasi: true, Organik: int64(sampah.MaxTakaran)}, "", sampah.MaxTakaran},
			{"kg beyond the bound", kg.ID, "2026-02-28",
				sampah.LogIsian{Beroperasi: true, ResiduTPA: int64(sampah.MaxTakaran) + 1}, "residu_tpa", 0},
			{"negative", kg.ID, "2026-02-28", sampah.LogIsian{Beroperasi: true, Kompos: -1}, "kompos", 0},
			{"note too long", kg.ID, "2026-02-27",
				sampah.LogIsian{Beroperasi: true, Catatan: strings.Repeat("a", sampah.LogCatatanMax+1)}, "catatan", 0},
			{"note of 500", kg.ID, "2026-02-27",
				sampah.LogIsian{Beroperasi: true, Catatan: strings.Repeat("é", sampah.LogCatatanMax)}, "", 0},
			{"control character in the note", kg.ID, "2026-02-26",
				sampah.LogIsian{Beroperasi: true, Catatan: "rusak\x00"}, "catatan", 0},
		}
		for _, c := range cases {
			l, err := m.SimpanLog(ctx, c.fasilitas, c.tanggal, c.in)
			switch {
			case c.field == "" && err != nil:
				t.Errorf("%s: %v", c.name, err)
			case c.field != "" && fieldOf(err) != c.field:
				t.Errorf("%s: %v, want a refusal on %s", c.name, err, c.field)
			case c.field == "" && l.OrganikGram != c.organik:
				t.Errorf("%s: organik %d g, want %d", c.name, l.OrganikGram, c.organik)
			}
			if f, ok := fault.As(err); ok && f.Code == fault.Invalid && strings.Contains(f.Message, "%!") {
				t.Errorf("%s: message badly formatted: %s", c.name, f.Message)
			}
		}
		// A saved m³ day reads back in grams.
		b, err := m.BulanLog(ctx, bestari.ID, "2026-03")
		if err != nil {
			t.Fatal(err)
		}
		got := map[civil.Date]sampah.Takaran{}
		for _, l := range b.Log {
			got[l.Tanggal] = l.OrganikGram
		}
		if got["2026-03-02"] != 308_500 || got["2026-03-01"] != 100_000_000 || got["2026-03-05"] != 120_500 {
			t.Errorf("March of Bestari: %v", got)
		}
		if _, err := m.SimpanLog(ctx, uuid.Must(uuid.NewV7()).String(), "2026-03-01", ok); !fault.Is(err, fault.NotFound) {
			t.Errorf("unknown facility: %v, want NotFound", err)
		}
		if _, err := m.SimpanLog(ctx, "bukan-uuid", "2026-03-01", ok); !fault.Is(err, fault.NotFound) {
			t.Errorf("facility id that is no uuid: %v, want NotFound", err)
		}
		// Another desa's TPS3R is not found from Bengkel.
		nyitdah := logFasilitas(t, d, "51.02.06.2011", sampah.Fasilitas{Nama: "TPS3R Nyitdah"})
		if _, err := m.SimpanLog(ctx, nyitdah.ID, "2026-03-01", ok); !fault.Is(err, fault.NotFound) {
			t.Errorf("another desa's TPS3R: %v, want NotFound", err)
		}
		if _, err := m.BulanLog(ctx, nyitdah.ID, ""); !fault.Is(err, fault.NotFound) {
			t.Errorf("another desa's month: %v, want NotFound", err)
		}
	})
}

// A day saved again is corrected, not doubled, and HapusLog removes it.
func TestLogUpsertCorrectsADay(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		f := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Bestari"})
		if _, err := m.SimpanLog(ctx, f.ID, "2026-03-04", sampah.LogIsian{Beroperasi: true, Organik: 500_000, Residu: 20_000}); err != nil {
			t.Fatal(err)
		}
		if _, err := m.SimpanLog(ctx, f.ID, "2026-03-04", sampah.LogIsian{Catatan: "mesin pencacah rusak"}); err != nil {
			t.Fatal(err)
		}
		b, err := m.BulanLog(ctx, f.ID, "2026-03")
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Log) != 1 || b.Log[0].Beroperasi || b.Log[0].OrganikGram != 0 || b.Log[0].Catatan != "mesin pencacah rusak" {
			t.Fatalf("corrected day: %+v", b.Log)
		}
		if b.Total.HariLog != 1 || b.Total.HariOperasi != 0 {
			t.Errorf("totals: %+v", b.Total)
		}
		if err := m.HapusLog(ctx, f.ID, "2026-03-04"); err != nil {
			t.Fatal(err)
		}
		if err := m.HapusLog(ctx, f.ID, "2026-03-04"); !fault.Is(err, fault.NotFound) {
			t.Errorf("deleting a day twice: %v, want NotFound", err)
		}
		if b, _ := m.BulanLog(ctx, f.ID, "2026-03"); len(b.Log) != 0 || len(b.BelumDicatat) != 5 {
			t.Errorf("after delete: %d days logged, %v not logged", len(b.Log), b.BelumDicatat)
		}
	})
}

// The month: totals of the days logged, and every day up to today (from
// the facility's first day) that has no log.
func TestLogMonthTotals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		f := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Bestari", TahunDibangun: 2026})
		days := map[string]sampah.LogIsian{
			"2026-02-01": {Beroperasi: true, Organik: 100_000, Anorganik: 20_000, Residu: 5_000, Kompos: 30_000, ResiduTPA: 4_000},
			"2026-02-02": {Beroperasi: true, Organik: 150_500, Anorganik: 25_250, Residu: 7_000, Kompos: 40_000, ResiduTPA: 6_500},
			"2026-02-28": {Catatan: "hari raya"},
			"2026-03-01": {Beroperasi: true, Organik: 1},
		}
		for day, in := range days {
			if _, err := m.SimpanLog(ctx, f.ID, day, in); err != nil {
				t.Fatal(day, err)
			}
		}
		b, err := m.BulanLog(ctx, f.ID, "2026-02")
		if err != nil {
			t.Fatal(err)
		}
		want := sampah.LogTotal{OrganikGram: 250_500, AnorganikGram: 45_250, ResiduGram: 12_000, KomposGram: 70_000, ResiduTPAGram: 10_500,
			HariOperasi: 2, HariLog: 3}
		if b.Total != want {
			t.Errorf("February totals %+v, want %+v", b.Total, want)
		}
		if len(b.BelumDicatat) != 25 || b.BelumDicatat[0] != "2026-02-03" || b.BelumDicatat[24] != "2026-02-27" {
			t.Errorf("February not logged: %v", b.BelumDicatat)
		}
		// This month counts the days up to today only.
		b, _ = m.BulanLog(ctx, f.ID, "")
		if b.Bulan != "2026-03" || !slices.Equal(b.BelumDicatat, []civil.Date{"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"}) {
			t.Errorf("March: %s, not logged %v", b.Bulan, b.BelumDicatat)
		}
		// Before the year built no day is missing.
		if b, err := m.BulanLog(ctx, f.ID, "2025-12"); err != nil || len(b.BelumDicatat) != 0 {
			t.Errorf("December 2025: %v, %v", b.BelumDicatat, err)
		}
		for _, bad := range []string{"2026-04", "2026-3", "Maret", "1999-12"} {
			if _, err := m.BulanLog(ctx, f.ID, bad); fieldOf(err) != "bulan" {
				t.Errorf("month %q: %v, want a refusal on bulan", bad, err)
			}
		}
	})
}

// The logs feed the desa's figures: pengurangan = anorganik + organik
// (+ bank sampah), penanganan = residu, grouped by month on both engines.
func TestLogFeedsCapaian(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		f := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Bestari"})
		g := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Kedua"})
		for _, c := range []struct {
			f   string
			day string
			in  sampah.LogIsian
		}{
			{f.ID, "2026-01-31", sampah.LogIsian{Beroperasi: true, Organik: 100_000, Anorganik: 20_000, Residu: 5_000, Kompos: 30_000, ResiduTPA: 4_000}},
			{g.ID, "2026-01-31", sampah.LogIsian{Beroperasi: true, Organik: 1_000, Anorganik: 2_000, Residu: 3_000}},
			{f.ID, "2026-02-01", sampah.LogIsian{Catatan: "libur"}},
			{f.ID, "2026-03-05", sampah.LogIsian{Beroperasi: true, Organik: 7_500, Anorganik: 500, Residu: 250, ResiduTPA: 250}},
			{f.ID, "2025-12-31", sampah.LogIsian{Beroperasi: true, Organik: 999_000}},
		} {
			if _, err := m.SimpanLog(ctx, c.f, c.day, c.in); err != nil {
				t.Fatal(c.day, err)
			}
		}
		c, err := m.Capaian(context.Background(), "51.02.06", 2026)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Desa) != 1 || c.Desa[0].Desa != bengkel {
			t.Fatalf("desa in the figures: %+v", c.Desa)
		}
		bulan := c.Desa[0].Bulan
		jan, feb, mar := bulan[0], bulan[1], bulan[2]
		if jan.OrganikGram != 101_000 || jan.AnorganikGram != 22_000 || jan.ResiduGram != 8_000 || jan.KomposGram != 30_000 ||
			jan.ResiduTPAGram != 4_000 || jan.HariOperasi != 2 || jan.HariLog != 2 {
			t.Errorf("January: %+v", jan)
		}
		if jan.PenguranganGram != 123_000 || jan.PenangananGram != 8_000 {
			t.Errorf("January pengurangan %d, penanganan %d; want 123000 and 8000", jan.PenguranganGram, jan.PenangananGram)
		}
		if feb.HariLog != 1 || feb.HariOperasi != 0 || feb.PenguranganGram != 0 {
			t.Errorf("February: %+v", feb)
		}
		if mar.PenguranganGram != 8_000 || mar.PenangananGram != 250 {
			t.Errorf("March: %+v", mar)
		}
		year := c.Desa[0].Tahun
		if year.PenguranganGram != 131_000 || year.PenangananGram != 8_250 || year.HariLog != 4 || c.Total.Tahun != year {
			t.Errorf("year: %+v, total %+v", year, c.Total.Tahun)
		}
	})
}

// The API: shapes of a day, a month and a refusal, and who may do what.
func TestLogAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		az := accounts{users: map[string]grant{
			"petugas":  {authz.PetugasSampah, bengkel},
			"perbekel": {authz.Perbekel, bengkel},
			"camat":    {authz.Camat, "51.02.06"},
			"dlh":      {authz.OPD, "51.02"},
			"forum":    {authz.ForumPerbekel, "51.02"},
			"lain":     {authz.Perbekel, "51.02.06.2011"},
		}}
		m := newModule(t, d)
		srv := apiServer(m, az)
		f := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Bestari"})
		nyitdah := logFasilitas(t, d, "51.02.06.2011", sampah.Fasilitas{Nama: "TPS3R Nyitdah"})
		base := "/desa/" + bengkel + "/sampah/fasilitas/" + f.ID + "/log"
		day := map[string]any{"beroperasi": true, "organik_gram": 120500, "anorganik_gram": 30000, "residu_gram": 15250,
			"kompos_gram": 40000, "residu_tpa_gram": 15000, "catatan": "truk datang siang"}

		code, body := apiJSON(t, srv, http.MethodPut, base+"/2026-03-04", "petugas", day)
		if code != 200 || body["tanggal"] != "2026-03-04" || body["organik_gram"] != 120500.0 || body["fasilitas_id"] != f.ID ||
			body["catatan"] != "truk datang siang" || body["beroperasi"] != true {
			t.Fatalf("put: %d %v", code, body)
		}
		if _, ok := body["desa_id"]; ok {
			t.Error("the answer shows desa_id")
		}
		day["organik_gram"] = 100000
		if code, body := apiJSON(t, srv, http.MethodPut, base+"/2026-03-04", "perbekel", day); code != 200 || body["organik_gram"] != 100000.0 {
			t.Fatalf("correction: %d %v", code, body)
		}
		if code, _ := apiJSON(t, srv, http.MethodPut, base+"/2026-03-05", "petugas", map[string]any{"beroperasi": false, "catatan": "mesin pencacah rusak"}); code != 200 {
			t.Fatalf("a day not operating: %d", code)
		}

		code, body = apiJSON(t, srv, http.MethodGet, base+"?bulan=2026-03", "dlh", nil)
		if code != 200 || body["bulan"] != "2026-03" || body["nama"] != "TPS3R Bestari" {
			t.Fatalf("month: %d %v", code, body)
		}
		logs, _ := body["log"].([]any)
		total, _ := body["total"].(map[string]any)
		belum, _ := body["belum_dicatat"].([]any)
		if len(logs) != 2 || total["organik_gram"] != 100000.0 || total["hari_log"] != 2.0 || total["hari_operasi"] != 1.0 ||
			len(belum) != 3 || belum[0] != "2026-03-01" {
			t.Errorf("month: %d logs, total %v, not logged %v", len(logs), total, belum)
		}

		for _, c := range []struct {
			name, path string
			body       any
			location   string
		}{
			{"future", base + "/2026-03-06", day, "path.tanggal"},
			{"not a date", base + "/2026-13-01", day, "path.tanggal"},
			{"negative", base + "/2026-03-03", map[string]any{"beroperasi": true, "kompos_gram": -5}, "body.kompos_gram"},
			{"too much", base + "/2026-03-03", map[string]any{"beroperasi": true, "residu_gram": 100_000_001}, "body.residu_gram"},
			{"closed with amounts", base + "/2026-03-03", map[string]any{"beroperasi": false, "residu_gram": 1}, "body.beroperasi"},
		} {
			code, body := apiJSON(t, srv, http.MethodPut, c.path, "petugas", c.body)
			if code != 422 || !strings.Contains(flatJSON(body["errors"]), c.location) {
				t.Errorf("%s: %d %v, want 422 at %s", c.name, code, body, c.location)
			}
			if detail, _ := body["detail"].(string); detail == "" || strings.Contains(detail, "expected") {
				t.Errorf("%s: detail %q is no Bahasa message", c.name, detail)
			}
		}
		if code, body := apiJSON(t, srv, http.MethodGet, base+"?bulan=2026-04", "petugas", nil); code != 422 || !strings.Contains(flatJSON(body), "query.bulan") {
			t.Errorf("a month after this one: %d %v", code, body)
		}

		// Walls.
		for _, c := range []struct {
			method, path, user string
			body               any
			want               int
		}{
			{http.MethodGet, base, "camat", nil, 200},
			{http.MethodGet, base, "petugas", nil, 200},
			{http.MethodGet, base, "forum", nil, 403},
			{http.MethodGet, base, "lain", nil, 403},
			{http.MethodPut, base + "/2026-03-02", "camat", day, 403},
			{http.MethodPut, base + "/2026-03-02", "dlh", day, 403},
			{http.MethodPut, base + "/2026-03-02", "forum", day, 403},
			{http.MethodPut, base + "/2026-03-02", "lain", day, 403},
			{http.MethodDelete, base + "/2026-03-04", "petugas", nil, 403},
			{http.MethodDelete, base + "/2026-03-04", "camat", nil, 403},
			{http.MethodDelete, base + "/2026-03-04", "lain", nil, 403},
			// Nyitdah's TPS3R through Bengkel's path: the guard passes, the scope does not.
			{http.MethodGet, "/desa/" + bengkel + "/sampah/fasilitas/" + nyitdah.ID + "/log", "perbekel", nil, 404},
			{http.MethodPut, "/desa/" + bengkel + "/sampah/fasilitas/" + nyitdah.ID + "/log/2026-03-02", "perbekel", day, 404},
			{http.MethodDelete, "/desa/" + bengkel + "/sampah/fasilitas/" + nyitdah.ID + "/log/2026-03-02", "perbekel", nil, 404},
			{http.MethodGet, "/desa/" + bengkel + "/sampah/fasilitas/bukan-uuid/log", "perbekel", nil, 404},
			{http.MethodDelete, base + "/2026-03-04", "perbekel", nil, 204},
			{http.MethodDelete, base + "/2026-03-04", "perbekel", nil, 404},
		} {
			if code := apiRequest(srv, c.method, c.path, c.user, c.body).Code; code != c.want {
				t.Errorf("%s %s as %s: %d, want %d", c.method, c.path, c.user, code, c.want)
			}
		}
	})
}

// The pages: the list goes straight to the only TPS3R; the entry form
// saves, corrects (the audit trail says who) and refuses with the typed
// values; readers see the month without the form; walls as the API's.
func TestLogPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d, map[string]grant{
			"petugas":  {authz.PetugasSampah, bengkel},
			"perbekel": {authz.Perbekel, bengkel},
			"camat":    {authz.Camat, "51.02.06"},
			"dlh":      {authz.OPD, "51.02"},
			"forum":    {authz.ForumPerbekel, "51.02"},
			"lain":     {authz.Perbekel, "51.02.06.2011"},
		}, "Uji ")
		list := "/desa/" + bengkel + "/sampah/log"
		_, body := s.want(200, http.MethodGet, list, "petugas", nil)
		// The site serves the facilities page (the whole module is wired):
		// the list leads there to record a TPS3R.
		mustContain(t, "no TPS3R yet", body, "Belum ada TPS3R tercatat", "Lihat fasilitas desa")

		f := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Bestari", DensitasGramM3: 250_000})
		page := list + "/" + f.ID
		if loc, _ := s.want(http.StatusSeeOther, http.MethodGet, list, "camat", nil); loc != page {
			t.Errorf("the only TPS3R: redirected to %q, want %q", loc, page)
		}
		_, body = s.want(200, http.MethodGet, page, "petugas", nil)
		mustContain(t, "entry page", body, "Log harian TPS3R Bestari", `action="`+page+`"`, `name="organik"`, `inputmode="decimal"`,
			`value="m3" checked`, `name="beroperasi" type="checkbox" value="ya" checked`, `value="2026-03-05"`, `max="2026-03-05"`,
			"Maret 2026", "Bulan sebelumnya", "Belum dicatat", `Log harian TPS3R`)
		if strings.Contains(body, "Bulan berikutnya") {
			t.Error("the current month links to the next one")
		}

		// Saved in m³ by the petugas, corrected in kg by the perbekel.
		form := url.Values{"tanggal": {"2026-03-04"}, "satuan": {"m3"}, "beroperasi": {"ya"}, "organik": {"1,2"}, "anorganik": {"0,1"},
			"residu": {""}, "kompos": {"0"}, "residu_tpa": {""}, "catatan": {"truk datang siang"}}
		loc, _ := s.want(http.StatusSeeOther, http.MethodPost, page, "petugas", form)
		if !strings.HasPrefix(loc, page+"?bulan=2026-03&tersimpan=2026-03-04") {
			t.Errorf("after saving: %s", loc)
		}
		loc, _, _ = strings.Cut(loc, "#") // a browser keeps the fragment to itself
		_, body = s.want(200, http.MethodGet, loc, "petugas", nil)
		mustContain(t, "after saving", body, "Log 4 Maret 2026 tersimpan.", "300</td>", "25</td>", "truk datang siang")
		_, body = s.want(200, http.MethodGet, page+"?tanggal=2026-03-04", "perbekel", nil)
		mustContain(t, "day loaded", body, "Koreksi log 4 Maret 2026", `value="300"`, `value="25"`, `value="kg" checked`,
			`value="truk datang siang"`, page+"/2026-03-04/hapus")
		form.Set("satuan", "kg")
		form.Set("organik", "310,5")
		s.want(http.StatusSeeOther, http.MethodPost, page, "perbekel", form)
		_, body = s.want(200, http.MethodGet, page+"?bulan=2026-03", "camat", nil)
		mustContain(t, "reader's month", body, "310,5</td>", "Jumlah")
		for _, no := range []string{`action="` + page + `"`, "?tanggal="} {
			if strings.Contains(body, no) {
				t.Errorf("the camat's page shows %q", no)
			}
		}
		var actors []string
		for _, e := range s.audit.Entries() {
			if e.Action == "web:POST /desa/{kode}/sampah/log/{fasilitasId}" && e.Status == http.StatusSeeOther {
				actors = append(actors, e.Actor)
			}
		}
		if len(actors) != 2 || actors[0] == actors[1] {
			t.Errorf("audit of the two saves: %v", actors)
		}

		// Refused: the typed values come back with the field's message.
		bad := url.Values{"tanggal": {"2026-03-03"}, "satuan": {"kg"}, "organik": {"12,5"}, "residu": {"1,2345"}, "catatan": {"hujan"}}
		_, body = s.want(422, http.MethodPost, page, "petugas", bad)
		mustContain(t, "refused (parse)", body, "Formulir belum tersimpan", "paling banyak tiga angka di belakang koma", `value="1,2345"`, `value="12,5"`, `value="hujan"`)
		delete(bad, "residu")
		_, body = s.want(422, http.MethodPost, page, "petugas", bad)
		mustContain(t, "refused (closed with amounts)", body, "semua jumlah harus 0", `value="12,5"`)
		if strings.Contains(body, `value="ya" checked`) {
			t.Error("the refused form ticks Beroperasi the user left empty")
		}
		_, body = s.want(422, http.MethodPost, page, "petugas", url.Values{})
		mustContain(t, "sent empty", body, "Tanggal wajib diisi")

		// Walls of the pages.
		for _, c := range []struct {
			method, path, user string
			form               url.Values
			want               int
		}{
			{http.MethodGet, page, "dlh", nil, 200},
			{http.MethodGet, page, "forum", nil, 403},
			{http.MethodGet, page, "lain", nil, 403},
			{http.MethodGet, list, "forum", nil, 403},
			{http.MethodPost, page, "camat", form, 403},
			{http.MethodPost, page, "dlh", form, 403},
			{http.MethodPost, page, "lain", form, 403},
			{http.MethodPost, page + "/2026-03-04/hapus", "petugas", url.Values{}, 403},
			{http.MethodPost, page + "/2026-03-04/hapus", "camat", url.Values{}, 403},
			{http.MethodGet, page + "?bulan=2026-13", "petugas", nil, 400},
			{http.MethodGet, page + "?tanggal=2026-03-06", "petugas", nil, 400},
			{http.MethodGet, list + "/" + uuid.Must(uuid.NewV7()).String(), "petugas", nil, 404},
		} {
			if code, body := s.page(c.method, c.path, c.user, c.form); code != c.want {
				t.Errorf("%s %s as %s: %d, want %d: %.200s", c.method, c.path, c.user, code, c.want, body)
			}
		}
		loc, _ = s.want(http.StatusSeeOther, http.MethodPost, page+"/2026-03-04/hapus", "perbekel", url.Values{})
		_, body = s.want(200, http.MethodGet, loc, "perbekel", nil)
		mustContain(t, "after delete", body, "Log 4 Maret 2026 dihapus.")
		if strings.Contains(body, "310,5") {
			t.Error("the deleted day still shows")
		}

		// An inactive TPS3R keeps its month readable and shows no form;
		// with two TPS3R the list shows both.
		mati := logFasilitas(t, d, bengkel, sampah.Fasilitas{Nama: "TPS3R Lama", Status: "tidak_aktif", AlasanTidakAktif: "lahan dipakai"})
		_, body = s.want(200, http.MethodGet, list+"/"+mati.ID, "perbekel", nil)
		mustContain(t, "inactive", body, "tidak aktif: lahan dipakai", "log baru tidak dapat dicatat")
		if strings.Contains(body, `name="organik"`) {
			t.Error("an inactive TPS3R shows the entry form")
		}
		_, body = s.want(200, http.MethodGet, list, "perbekel", nil)
		mustContain(t, "list", body, "TPS3R Bestari", "TPS3R Lama", page)
	})
}

func flatJSON(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				b.WriteString(k + "=")
				walk(e)
				b.WriteString(" ")
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			b.WriteString(x)
		}
	}
	walk(v)
	return b.String()
}
