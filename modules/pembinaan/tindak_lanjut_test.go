package pembinaan_test

import (
	"testing"
	"time"

	"github.com/ngantor/ngantor/modules/pembinaan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

func point(desa, uraian, tenggat string) pembinaan.PembinaanTindakLanjutData {
	return pembinaan.PembinaanTindakLanjutData{Desa: desa, Uraian: uraian, Tenggat: civilDate(tenggat)}
}

func TestTindakLanjutRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		kec := tulisSesi(t, d, sesi{org: kediri, judul: "Pembinaan pelayanan", topik: []string{"pelayanan"},
			mulai: now.AddDate(0, 0, -10), undang: []tenancy.Kode{bengkel}})
		dpmd := tulisSesi(t, d, sesi{org: kab, opd: "opd-dpmd", judul: "Bimtek keuangan", topik: []string{"keuangan"},
			mulai: now.AddDate(0, 0, -30), undang: []tenancy.Kode{bengkel, nyitdah, tibubiu}})

		// Validation: one message per field.
		_, err := m.BuatTindakLanjut(as("camat", kediri), kec, pembinaan.PembinaanTindakLanjutData{Desa: "x", Uraian: "ab", Status: "lain"})
		if got := fields(err); got != "body.desa body.status body.tenggat body.uraian" {
			t.Errorf("validation: %s", got)
		}
		// The camat adds for an invited desa only.
		p, err := m.BuatTindakLanjut(as("camat", kediri), kec, point(string(bengkel), "Pasang papan alur pelayanan", "2026-03-01"))
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != pembinaan.TLTerbuka || !p.Terlambat || p.Judul != "Pembinaan pelayanan" || p.Desa != bengkel {
			t.Errorf("new point: %+v", p)
		}
		if _, err := m.BuatTindakLanjut(as("camat", kediri), kec, point(string(nyitdah), "Bukan diundang", "2026-04-01")); !fault.Is(err, fault.Invalid) {
			t.Errorf("a desa not invited: %v", err)
		}
		// A kecamatan reaches no kabupaten session; another kecamatan
		// none of Kediri's.
		if _, err := m.BuatTindakLanjut(as("camat", kediri), dpmd, point(string(bengkel), "Dari camat", "2026-04-01")); !fault.Is(err, fault.NotFound) {
			t.Errorf("camat on the DPMD session: %v", err)
		}
		if _, _, err := m.DaftarTindakLanjutSesi(as("camat", kerambit), kec); !fault.Is(err, fault.NotFound) {
			t.Errorf("another kecamatan reads Kediri's session: %v", err)
		}
		// An OPD manages only its own OPD's sessions.
		q, err := m.BuatTindakLanjut(as("dpmd", kab), dpmd, point(string(tibubiu), "Perbaiki buku kas umum", "2026-05-01"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.BuatTindakLanjut(as("dlh", kab), dpmd, point(string(tibubiu), "DLH menulis", "2026-05-01")); !fault.Is(err, fault.NotFound) {
			t.Errorf("DLH on DPMD's session: %v", err)
		}
		if err := m.HapusTindakLanjut(as("dlh", kab), dpmd, q.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("DLH deletes DPMD's point: %v", err)
		}
		// The organizer edits (uraian, tenggat, status), never the desa.
		ubah := point(string(bengkel), "Pasang papan alur dan standar pelayanan", "2026-04-01")
		ubah.Status = pembinaan.TLBerjalan
		p2, err := m.UbahTindakLanjut(as("camat", kediri), kec, p.ID, ubah)
		if err != nil || p2.Uraian != ubah.Uraian || p2.Status != pembinaan.TLBerjalan || p2.Terlambat {
			t.Errorf("edit: %+v %v", p2, err)
		}
		ubah.Desa = string(nyitdah)
		if _, err := m.UbahTindakLanjut(as("camat", kediri), kec, p.ID, ubah); fields(err) != "body.desa" {
			t.Errorf("changing the desa: %v", err)
		}

		// The desa reports on its own point: status and note, not uraian.
		l, err := m.LaporTindakLanjut(as("perbekel", bengkel), p.ID, pembinaan.PembinaanTindakLanjutLaporan{Status: pembinaan.TLSelesai, CatatanDesa: "Sudah dipasang."})
		if err != nil || l.Status != pembinaan.TLSelesai || l.CatatanDesa != "Sudah dipasang." || l.Uraian != ubah.Uraian {
			t.Errorf("report: %+v %v", l, err)
		}
		if _, err := m.LaporTindakLanjut(as("perbekel", bengkel), p.ID, pembinaan.PembinaanTindakLanjutLaporan{Status: "batal"}); fields(err) != "body.status" {
			t.Errorf("bad status: %v", err)
		}
		// Another desa reaches nothing of Bengkel's.
		if _, err := m.LaporTindakLanjut(as("perbekel", nyitdah), p.ID, pembinaan.PembinaanTindakLanjutLaporan{Status: pembinaan.TLTerbuka}); !fault.Is(err, fault.NotFound) {
			t.Errorf("Nyitdah reports on Bengkel's: %v", err)
		}
		if _, err := m.LaporTindakLanjut(as("perbekel", tibubiu), p.ID, pembinaan.PembinaanTindakLanjutLaporan{Status: pembinaan.TLTerbuka}); !fault.Is(err, fault.NotFound) {
			t.Errorf("Tibubiu reports on Bengkel's: %v", err)
		}
		if ps, _ := m.DaftarTindakLanjut(as("perbekel", nyitdah), "", false); len(ps) != 0 {
			t.Errorf("Nyitdah lists: %+v", ps)
		}
		// The camat sees Bengkel's (with its report), not Tibubiu's; the
		// kabupaten both; the overdue filter.
		ps, err := m.DaftarTindakLanjut(as("camat", kediri), "", false)
		if err != nil || len(ps) != 1 || ps[0].CatatanDesa != "Sudah dipasang." || ps[0].NamaDesa != "Bengkel" {
			t.Errorf("camat's list: %+v %v", ps, err)
		}
		if ps, _ := m.DaftarTindakLanjut(as("dpmd", kab), "", false); len(ps) != 2 {
			t.Errorf("kabupaten's list: %+v", ps)
		}
		if ps, _ := m.DaftarTindakLanjut(as("dpmd", kab), "", true); len(ps) != 0 {
			t.Errorf("overdue: %+v", ps)
		}
		if ps, _ := m.DaftarTindakLanjut(as("dpmd", kab), pembinaan.TLTerbuka, false); len(ps) != 1 || ps[0].ID != q.ID {
			t.Errorf("status filter: %+v", ps)
		}
		if err := m.HapusTindakLanjut(as("dpmd", kab), dpmd, q.ID); err != nil {
			t.Errorf("DPMD deletes its own: %v", err)
		}
	})
}

func TestTambahTindakLanjutIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(d)
		kec := tulisSesi(t, d, sesi{org: kediri, judul: "Pembinaan SOTK", topik: []string{"sotk"},
			mulai: now.AddDate(0, 0, -3), undang: []tenancy.Kode{bengkel}})
		in := pembinaan.TindakLanjutBaru{PembinaanID: kec, Desa: bengkel, Uraian: "Susun perdes SOTK baru",
			Tenggat: now.AddDate(0, 1, 0), Asal: "konsultasi:abc"}
		id, err := m.TambahTindakLanjut(as("camat", kediri), in)
		if err != nil || id == "" {
			t.Fatal(id, err)
		}
		again, err := m.TambahTindakLanjut(as("camat", kediri), in)
		if err != nil || again != id {
			t.Errorf("second call: %q %v, want %q", again, err, id)
		}
		ps, _ := m.DaftarTindakLanjut(as("perbekel", bengkel), "", false)
		if len(ps) != 1 || ps[0].Asal != "konsultasi:abc" || string(ps[0].Tenggat) != "2026-04-05" {
			t.Errorf("points: %+v", ps)
		}
		// The perbekel holds no PermKelola; a desa not invited; no user.
		if _, err := m.TambahTindakLanjut(as("perbekel", bengkel), pembinaan.TindakLanjutBaru{PembinaanID: kec, Desa: bengkel,
			Uraian: "Dari desa", Tenggat: now, Asal: "konsultasi:def"}); !fault.Is(err, fault.Forbidden) {
			t.Errorf("perbekel: %v", err)
		}
		if _, err := m.TambahTindakLanjut(as("camat", kediri), pembinaan.TindakLanjutBaru{PembinaanID: kec, Desa: nyitdah,
			Uraian: "Tidak diundang", Tenggat: now, Asal: "konsultasi:ghi"}); !fault.Is(err, fault.Invalid) {
			t.Errorf("not invited: %v", err)
		}
		if _, err := m.TambahTindakLanjut(as("camat", kediri), pembinaan.TindakLanjutBaru{PembinaanID: kec, Desa: bengkel,
			Uraian: "x", Tenggat: time.Time{}, Asal: "konsultasi:jkl"}); fields(err) != "body.tenggat body.uraian" {
			t.Errorf("validation: %v", err)
		}
	})
}
