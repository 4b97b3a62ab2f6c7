package administration

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/uuid"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/web"
)

// BenchmarkPerangkatRender is only the render of the perangkat page (no
// session, no query): Bengkel's shape, thirteen posts, five banjar, the
// nav and every form a perbekel sees.
func BenchmarkPerangkatRender(b *testing.B) {
	pages := web.New(web.Deps{}).Pages(templateFS, "templates/*.html", funcs)
	pc := pageCtx{Kode: "51.02.06.2001"}
	d := perangkatData{Kode: pc.Kode, Base: base(pc), BisaTulis: true, BisaAkun: true, BisaDusun: true,
		SebutanDusun: "banjar", Angkat: web.NewForm("angkat", nil), FormDusun: web.NewForm("", nil),
		Nav: navWith(b.Context(), pc, navPerangkat, "Bengkel"), Kelian: map[string]string{}}
	for i := range 5 {
		u := Dusun{ID: uuid.New(), Nama: "Bengkel " + string(rune('A'+i)), Sebutan: SebutanBanjar}
		d.Dusun = append(d.Dusun, u)
		d.Kelian[u.ID.String()] = "I Wayan Darma"
	}
	for i := range 13 {
		p := Perangkat{ID: uuid.New(), Nama: "I Made Sudarsana", NIK: "5102061208850001", Status: Definitif,
			Sebutan: "Kaur Keuangan", SKNomor: "141/1/2026", SKTanggal: "2026-01-05", Mulai: "2026-01-06"}
		if i%3 == 0 {
			p.NIP = "19850812 201001 1 001"
		}
		d.Aktif = append(d.Aktif, kartu(p, d.Base, "Rincian jabatan · berhentikan · akun"))
	}
	for _, j := range jabatanList {
		d.Jabatan = append(d.Jabatan, pilihan{string(j), j.Sebutan(pc.Kode, nil)})
	}
	r := httptest.NewRequest(http.MethodGet, "/desa/51.02.06.2001/perangkat", nil)
	r = r.WithContext(auth.WithUser(r.Context(), auth.User{ID: "u", Name: "Made"}))
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		pages.Render(rec, r, http.StatusOK, "perangkat", "Perangkat desa", d)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code)
		}
	}
}
