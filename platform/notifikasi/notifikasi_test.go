package notifikasi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/notifikasi"
	"github.com/ngantor/ngantor/platform/surel"
	"github.com/ngantor/ngantor/platform/surel/sureltest"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

var jam = time.Date(2026, 12, 2, 1, 15, 0, 0, time.UTC)

func clock() time.Time { return jam }

func pesan(kunci string) notifikasi.Pesan {
	return notifikasi.Pesan{Kunci: kunci, Judul: "Audiensi baru " + kunci, Isi: "Ni Luh Putu mengajukan audiensi.", Tautan: "/desa/51.02.06.2001/audiensi/" + kunci}
}

// A job that runs twice notifies once: the second Kirim with the same key
// inserts nothing and says so; a user added later still gets it.
func TestKirimTwiceNotifiesOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := notifikasi.NewStore(d, clock, nil)
		if n, err := s.Kirim(ctx, []string{"ani", "budi", "ani", ""}, pesan("a1")); err != nil || n != 2 {
			t.Fatalf("first: %d, %v; want 2 new", n, err)
		}
		if n, err := s.Kirim(ctx, []string{"ani", "budi"}, pesan("a1")); err != nil || n != 0 {
			t.Fatalf("again: %d, %v; want 0 new", n, err)
		}
		if n, err := s.Kirim(ctx, []string{"ani", "budi", "citra"}, pesan("a1")); err != nil || n != 1 {
			t.Fatalf("with citra: %d, %v; want 1 new", n, err)
		}
		for _, u := range []string{"ani", "budi", "citra"} {
			p, err := s.Daftar(ctx, u, 10, "")
			if err != nil || len(p.Items) != 1 {
				t.Errorf("%s has %d notifications (%v), want 1", u, len(p.Items), err)
			}
		}
		if n, err := s.Kirim(ctx, nil, pesan("a2")); err != nil || n != 0 {
			t.Errorf("to nobody: %d, %v", n, err)
		}
	})
}

// One user can neither list nor mark another's notifications.
func TestUsersSeeOnlyTheirOwn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := notifikasi.NewStore(d, clock, nil)
		if _, err := s.Kirim(ctx, []string{"budi"}, pesan("rahasia")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Kirim(ctx, []string{"ani"}, pesan("milik-ani")); err != nil {
			t.Fatal(err)
		}
		pa, err := s.Daftar(ctx, "ani", 100, "")
		if err != nil || len(pa.Items) != 1 || pa.Items[0].Kunci != "milik-ani" {
			t.Fatalf("ani's list: %+v, %v", pa.Items, err)
		}
		pb, _ := s.Daftar(ctx, "budi", 100, "")
		idBudi := pb.Items[0].ID
		if err := s.Tandai(ctx, "ani", idBudi); !fault.Is(err, fault.NotFound) {
			t.Errorf("ani marks budi's: %v, want NotFound", err)
		}
		for _, bad := range []string{"bukan-id", "01937a6e-0000-7000-8000-000000000000", ""} {
			if err := s.Tandai(ctx, "ani", bad); !fault.Is(err, fault.NotFound) {
				t.Errorf("ani marks %q: %v, want NotFound", bad, err)
			}
		}
		if err := s.TandaiSemua(ctx, "ani"); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.BelumDibaca(ctx, "budi"); n != 1 {
			t.Errorf("budi has %d unread after ani marked hers, want 1", n)
		}
	})
}

// The list runs newest first over pages that neither skip nor repeat; a
// forged cursor is refused.
func TestDaftarPagesNewestFirst(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := notifikasi.NewStore(d, clock, nil)
		for i := range 25 {
			if _, err := s.Kirim(ctx, []string{"ani"}, pesan(fmt.Sprintf("k%02d", i))); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		cursor, pages := "", 0
		for {
			p, err := s.Daftar(ctx, "ani", 10, cursor)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, n := range p.Items {
				got = append(got, n.Kunci)
			}
			if cursor = p.NextCursor; cursor == "" {
				break
			}
		}
		if pages != 3 || len(got) != 25 {
			t.Fatalf("%d pages, %d items", pages, len(got))
		}
		for i, k := range got {
			if want := fmt.Sprintf("k%02d", 24-i); k != want {
				t.Fatalf("item %d is %s, want %s (newest first)", i, k, want)
			}
		}
		if _, err := s.Daftar(ctx, "ani", 10, "bukan-cursor"); !fault.Is(err, fault.Invalid) {
			t.Errorf("forged cursor: %v", err)
		}
	})
}

// The unread count follows marking one, then all; the unread list holds
// only the unread.
func TestBelumDibacaCounts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := notifikasi.NewStore(d, clock, nil)
		for _, k := range []string{"x", "y", "z"} {
			if _, err := s.Kirim(ctx, []string{"ani"}, pesan(k)); err != nil {
				t.Fatal(err)
			}
		}
		count := func(want int) {
			t.Helper()
			if n, err := s.BelumDibaca(ctx, "ani"); err != nil || n != want {
				t.Errorf("unread %d (%v), want %d", n, err, want)
			}
		}
		count(3)
		p, _ := s.Daftar(ctx, "ani", 10, "")
		if err := s.Tandai(ctx, "ani", p.Items[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Tandai(ctx, "ani", p.Items[0].ID); err != nil {
			t.Errorf("marking again: %v", err)
		}
		count(2)
		b, _ := s.DaftarBelumDibaca(ctx, "ani", 10, "")
		if len(b.Items) != 2 || b.Items[0].Kunci != "y" || b.Items[0].DibacaAt != nil {
			t.Errorf("unread list %+v", b.Items)
		}
		p, _ = s.Daftar(ctx, "ani", 10, "")
		if p.Items[0].DibacaAt == nil || !p.Items[0].DibacaAt.Equal(jam) {
			t.Errorf("read at %v, want %v", p.Items[0].DibacaAt, jam)
		}
		if err := s.TandaiSemua(ctx, "ani"); err != nil {
			t.Fatal(err)
		}
		count(0)
	})
}

type alamat map[string]string

func (a alamat) Emails(_ context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for _, id := range ids {
		if e, ok := a[id]; ok {
			out[id] = e
		}
	}
	return out, nil
}

// Mail goes, through a real SMTP exchange, only to users whose
// notification is new and who have an address; a refused mail does not
// fail Kirim.
func TestKirimMailsOnlyNewOnes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		srv := sureltest.Start(t)
		m, err := surel.Parse(srv.URL("noreply@ngantor.example"))
		if err != nil {
			t.Fatal(err)
		}
		srv.Reject = "dedi@desa.example"
		s := notifikasi.New(notifikasi.Deps{DB: d, Clock: clock, Mailer: m, Logger: webtest.Discard,
			BaseURL:    "https://ngantor.example/",
			Recipients: alamat{"ani": "ani@desa.example", "budi": "budi@desa.example", "dedi": "dedi@desa.example"}})
		if n, err := s.Kirim(ctx, []string{"ani"}, pesan("m1")); err != nil || n != 1 {
			t.Fatalf("%d, %v", n, err)
		}
		// ani's is not new, citra has no address, dedi's server refuses.
		if n, err := s.Kirim(ctx, []string{"ani", "budi", "citra", "dedi"}, pesan("m1")); err != nil || n != 3 {
			t.Fatalf("%d, %v; want 3 new and no error", n, err)
		}
		var to []string
		for _, msg := range srv.Messages() {
			to = append(to, msg.To)
			if !strings.Contains(msg.Body, "https://ngantor.example/desa/51.02.06.2001/audiensi/m1") {
				t.Errorf("mail to %s lacks the link: %q", msg.To, msg.Body)
			}
		}
		if strings.Join(to, ",") != "ani@desa.example,budi@desa.example" {
			t.Errorf("mailed %v, want ani then budi once each", to)
		}
		if n, _ := s.BelumDibaca(ctx, "dedi"); n != 1 {
			t.Errorf("dedi's notification is not in the inbox after the mail failed")
		}
	})
}

// What a sender gets wrong is an Invalid fault naming the field in Bahasa;
// nothing is stored.
func TestKirimValidates(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := notifikasi.NewStore(d, clock, nil)
		ok := pesan("v")
		for name, c := range map[string]struct {
			ubah        func(*notifikasi.Pesan)
			field, want string
		}{
			"no key":        {func(p *notifikasi.Pesan) { p.Kunci = " " }, "kunci", "Kunci wajib diisi"},
			"no title":      {func(p *notifikasi.Pesan) { p.Judul = "" }, "judul", "Judul wajib diisi"},
			"long title":    {func(p *notifikasi.Pesan) { p.Judul = strings.Repeat("a", 201) }, "judul", "Judul maksimal 200 karakter"},
			"control title": {func(p *notifikasi.Pesan) { p.Judul = "a\x00b" }, "judul", "karakter yang tidak diizinkan"},
			"newline title": {func(p *notifikasi.Pesan) { p.Judul = "a\r\nBcc: x@y" }, "judul", "karakter yang tidak diizinkan"},
			"long text":     {func(p *notifikasi.Pesan) { p.Isi = strings.Repeat("é", 2001) }, "isi", "Isi maksimal 2.000 karakter"},
			"no link":       {func(p *notifikasi.Pesan) { p.Tautan = "" }, "tautan", "Tautan wajib diisi"},
			"other site":    {func(p *notifikasi.Pesan) { p.Tautan = "https://jahat.example/" }, "tautan", "diawali \"/\""},
			"scheme-less":   {func(p *notifikasi.Pesan) { p.Tautan = "//jahat.example/" }, "tautan", "diawali \"/\""},
			"backslash":     {func(p *notifikasi.Pesan) { p.Tautan = "/\\jahat.example" }, "tautan", "diawali \"/\""},
			"javascript":    {func(p *notifikasi.Pesan) { p.Tautan = "javascript:alert(1)" }, "tautan", "diawali \"/\""},
			"relative":      {func(p *notifikasi.Pesan) { p.Tautan = "desa/51.02" }, "tautan", "diawali \"/\""},
			"control link":  {func(p *notifikasi.Pesan) { p.Tautan = "/desa\x7f" }, "tautan", "karakter yang tidak diizinkan"},
		} {
			p := ok
			c.ubah(&p)
			n, err := s.Kirim(ctx, []string{"ani"}, p)
			msg := fault.FieldMessages(err)[c.field]
			if n != 0 || !fault.Is(err, fault.Invalid) || !strings.Contains(msg, c.want) {
				t.Errorf("%s: %d, %v (%s: %q), want %q", name, n, err, c.field, msg, c.want)
			}
		}
		if n, _ := s.BelumDibaca(ctx, "ani"); n != 0 {
			t.Errorf("%d stored", n)
		}
		multi := ok
		multi.Isi = "Baris satu.\nBaris dua."
		if n, err := s.Kirim(ctx, []string{"ani"}, multi); err != nil || n != 1 {
			t.Errorf("a text of two lines: %d, %v", n, err)
		}
	})
}

var akun = map[string]webtest.Grant{
	"ani":  {Role: authz.Operator, Kode: tenancy.Kode("51.02.06.2001")},
	"budi": {Role: authz.Operator, Kode: tenancy.Kode("51.02.06.2002")},
}

// The API works on the caller's inbox only: the list, the unread filter
// and count, marking one (another's is 404) and all.
func TestAPIInbox(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := notifikasi.NewStore(d, clock, nil)
		api := webtest.NewAPI(s.Register, &webtest.Accounts{Users: akun}, clock)
		for _, k := range []string{"a", "b"} {
			if _, err := s.Kirim(ctx, []string{"ani"}, pesan(k)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Kirim(ctx, []string{"budi"}, pesan("punya-budi")); err != nil {
			t.Fatal(err)
		}
		status, body := api.JSON(t, http.MethodGet, "/notifikasi?limit=1", "ani", nil)
		items, _ := body["items"].([]any)
		if status != 200 || len(items) != 1 || body["belum_dibaca"] != float64(2) || body["next_cursor"] == nil {
			t.Fatalf("list: %d %v", status, body)
		}
		newest := items[0].(map[string]any)
		if newest["kunci"] != "b" || newest["tautan"] != "/desa/51.02.06.2001/audiensi/b" {
			t.Errorf("newest %v", newest)
		}
		_, budis := api.JSON(t, http.MethodGet, "/notifikasi", "budi", nil)
		idBudi := budis["items"].([]any)[0].(map[string]any)["id"].(string)
		if rec := api.Do(http.MethodPost, "/notifikasi/"+idBudi+"/dibaca", "ani", nil); rec.Code != http.StatusNotFound {
			t.Errorf("ani marks budi's: %d %s", rec.Code, rec.Body)
		}
		if rec := api.Do(http.MethodPost, "/notifikasi/"+newest["id"].(string)+"/dibaca", "ani", nil); rec.Code != http.StatusNoContent {
			t.Errorf("mark: %d %s", rec.Code, rec.Body)
		}
		_, body = api.JSON(t, http.MethodGet, "/notifikasi?belum_dibaca=true", "ani", nil)
		if items := body["items"].([]any); len(items) != 1 || items[0].(map[string]any)["kunci"] != "a" || body["belum_dibaca"] != float64(1) {
			t.Errorf("unread: %v", body)
		}
		if rec := api.Do(http.MethodPost, "/notifikasi/dibaca-semua", "ani", nil); rec.Code != http.StatusNoContent {
			t.Errorf("mark all: %d %s", rec.Code, rec.Body)
		}
		if _, body = api.JSON(t, http.MethodGet, "/notifikasi", "ani", nil); body["belum_dibaca"] != float64(0) {
			t.Errorf("after mark all: %v", body)
		}
		if _, body = api.JSON(t, http.MethodGet, "/notifikasi", "budi", nil); body["belum_dibaca"] != float64(1) {
			t.Errorf("budi's after ani's mark all: %v", body)
		}
		if rec := api.Do(http.MethodGet, "/notifikasi", "", nil); rec.Code != http.StatusUnauthorized {
			t.Errorf("signed out: %d", rec.Code)
		}
	})
}

// The page lists the unread first, in bold, the header counts them, a
// notification's link marks it read and leads to its page, and "Tandai
// semua dibaca" clears the badge.
func TestPageInbox(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := notifikasi.NewStore(d, clock, nil)
		az := &webtest.Accounts{Users: akun, Title: "Nama "}
		site := webtest.NewSite(t, d, az, func(w *web.Deps) { w.Notifikasi = s })
		s.Routes(site.Web, site.Mux)
		ani, budi := az.ID("ani"), az.ID("budi")
		for _, k := range []string{"lama", "baru"} {
			if _, err := s.Kirim(ctx, []string{ani}, pesan(k)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Kirim(ctx, []string{budi}, pesan("punya-budi")); err != nil {
			t.Fatal(err)
		}
		_, body := site.Want(http.StatusOK, http.MethodGet, "/notifikasi", "ani", nil)
		webtest.MustContain(t, "inbox", body, `href="/notifikasi" title="Notifikasi">Pesan (2)</a>`,
			"<strong>Audiensi baru baru</strong>", "<strong>Audiensi baru lama</strong>", "Tandai semua dibaca", "2 Des 2026 08.15 WIB")
		webtest.MustNotContain(t, "inbox", body, "punya-budi", "Sudah dibaca")
		if strings.Index(body, "baru baru") > strings.Index(body, "baru lama") {
			t.Error("the newest is not first")
		}
		p, _ := s.Daftar(ctx, ani, 10, "")
		baru := p.Items[0]
		loc, _ := site.Want(http.StatusSeeOther, http.MethodGet, "/notifikasi/"+baru.ID+"/buka", "ani", nil)
		if loc != "/desa/51.02.06.2001/audiensi/baru" {
			t.Errorf("opens %q", loc)
		}
		_, body = site.Want(http.StatusOK, http.MethodGet, "/notifikasi", "ani", nil)
		webtest.MustContain(t, "after opening one", body, `>Pesan (1)</a>`, "<strong>Audiensi baru lama</strong>", "Sudah dibaca")
		webtest.MustNotContain(t, "after opening one", body, "<strong>Audiensi baru baru</strong>")
		if strings.Index(body, "baru lama") > strings.Index(body, "baru baru") {
			t.Error("the unread one is not listed before the read one")
		}
		pb, _ := s.Daftar(ctx, budi, 10, "")
		site.Want(http.StatusNotFound, http.MethodGet, "/notifikasi/"+pb.Items[0].ID+"/buka", "ani", nil)
		site.Want(http.StatusSeeOther, http.MethodPost, "/notifikasi/dibaca-semua", "ani", nil)
		if got := strings.Join(site.Audit.Actions(), ","); got != "web:POST /notifikasi/dibaca-semua" {
			t.Errorf("audited %q", got)
		}
		_, body = site.Want(http.StatusOK, http.MethodGet, "/notifikasi", "ani", nil)
		webtest.MustContain(t, "after marking all", body, `href="/notifikasi" title="Notifikasi">Pesan</a>`, "Tidak ada notifikasi yang belum dibaca")
		if n, _ := s.BelumDibaca(ctx, budi); n != 1 {
			t.Errorf("budi's unread: %d", n)
		}
		if status, loc := site.Page(http.MethodGet, "/notifikasi", "", nil); status != http.StatusSeeOther || loc != "/masuk" {
			t.Errorf("signed out: %d %s", status, loc)
		}
	})
}
