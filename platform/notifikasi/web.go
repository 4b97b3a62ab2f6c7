package notifikasi

import (
	"embed"
	"fmt"
	"net/http"
	"time"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// halamanBelum bounds the unread list of the page; more is unlikely (a
// user reads them), and "Tandai semua dibaca" clears any backlog.
const halamanBelum = 100

// halamanSudah is the page size of the read ones.
const halamanSudah = 20

type halaman struct {
	Belum, Sudah []butir
	// Lanjut is the link to older read ones ("" on the last page).
	Lanjut string
	// Lebih says the unread list was cut at halamanBelum.
	Lebih bool
}

type butir struct {
	Judul, Isi string
	Buka       string // /notifikasi/{id}/buka: marks it read, then its page
	Waktu      string
	ISO        string
}

// Routes adds the inbox page to mux: GET /notifikasi (unread first, in
// bold, then the read ones, newest first), GET /notifikasi/{id}/buka
// (marks it read and goes to its page — a plain link, so it works with no
// script) and POST /notifikasi/dibaca-semua. The header badge is
// web.Deps.Notifikasi (this Store).
func (s *Store) Routes(w *web.Web, mux *http.ServeMux) {
	pages := w.Pages(templateFS, "templates/*.html", nil)
	w.Handle(mux, "GET /notifikasi", func(rw http.ResponseWriter, r *http.Request) {
		u, _ := auth.UserFrom(r.Context())
		d, err := s.halaman(r, u.ID)
		if err != nil {
			pages.Fault(rw, r, err)
			return
		}
		pages.Render(rw, r, http.StatusOK, "notifikasi", "Notifikasi", d)
	})
	w.Handle(mux, "GET /notifikasi/{id}/buka", func(rw http.ResponseWriter, r *http.Request) {
		u, _ := auth.UserFrom(r.Context())
		n, err := s.tandai(r.Context(), u.ID, r.PathValue("id"))
		if err != nil {
			pages.Fault(rw, r, err)
			return
		}
		http.Redirect(rw, r, n.Tautan, http.StatusSeeOther)
	})
	w.Handle(mux, "POST /notifikasi/dibaca-semua", func(rw http.ResponseWriter, r *http.Request) {
		u, _ := auth.UserFrom(r.Context())
		if err := s.TandaiSemua(r.Context(), u.ID); err != nil {
			pages.Fault(rw, r, err)
			return
		}
		http.Redirect(rw, r, "/notifikasi", http.StatusSeeOther)
	})
}

func (s *Store) halaman(r *http.Request, userID string) (halaman, error) {
	ctx := r.Context()
	var d halaman
	b, err := s.daftar(ctx, userID, belum, halamanBelum, "")
	if err != nil {
		return d, err
	}
	cursor := r.URL.Query().Get("lanjut")
	sd, err := s.daftar(ctx, userID, sudah, halamanSudah, cursor)
	if fault.Is(err, fault.Invalid) {
		return d, fault.New(fault.Invalid, "Alamat halaman ini tidak sah; buka Notifikasi dari menu.")
	}
	if err != nil {
		return d, err
	}
	d.Belum, d.Sudah = s.butir(b.Items), s.butir(sd.Items)
	d.Lebih = b.NextCursor != ""
	if sd.NextCursor != "" {
		d.Lanjut = "/notifikasi?lanjut=" + sd.NextCursor
	}
	return d, nil
}

func (s *Store) butir(ns []Notifikasi) []butir {
	out := make([]butir, len(ns))
	for i, n := range ns {
		out[i] = butir{Judul: n.Judul, Isi: n.Isi, Buka: "/notifikasi/" + n.ID + "/buka",
			Waktu: waktu(n.CreatedAt.In(s.zona)), ISO: n.CreatedAt.UTC().Format(time.RFC3339)}
	}
	return out
}

var bulan = [...]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

// waktu is t as Bahasa writes it: "2 Des 2026 08.15 WITA".
func waktu(t time.Time) string {
	return fmt.Sprintf("%d %s %d %02d.%02d %s", t.Day(), bulan[t.Month()-1], t.Year(), t.Hour(), t.Minute(), t.Format("MST"))
}
