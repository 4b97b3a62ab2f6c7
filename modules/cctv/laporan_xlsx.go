package cctv

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/report"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/valid"
	"github.com/ngantor/ngantor/platform/web"
)

// The XLSX of a kecamatan's or kabupaten's cameras: a sheet "Kamera" (each
// camera with its place, purpose, owner, funding, retention, status and
// uptime) and a sheet "Ringkasan per desa" (every desa of the wilayah with
// its cameras, uptime, cameras down for more than a day and cameras per
// 1,000 residents). Registry figures only (PermRead): never a stream URL
// nor credentials — the read leaves both columns out. Every download is
// recorded in the audit log.

// laporanLevels are the wilayah the download serves.
var laporanLevels = []tenancy.Level{tenancy.Kecamatan, tenancy.Kabupaten}

// LaporanPathXLSX is the download of wilayah kode's cameras.
func LaporanPathXLSX(kode tenancy.Kode) string {
	return "/wilayah/" + string(kode) + "/cctv/unduh.xlsx"
}

func (m *Module) laporanRoutes(mux *http.ServeMux) {
	m.web.HandleWilayah(mux, "GET /wilayah/{kode}/cctv/unduh.xlsx", PermRead, laporanLevels, m.laporanUnduhXLSX)
}

func (m *Module) laporanUnduhXLSX(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, _ := tenancy.From(ctx)
	nama, b, err := m.LaporanXLSX(ctx, t.Kode)
	if err != nil {
		m.pages.Fault(w, r, err)
		return
	}
	if m.audit != nil {
		actor := audit.ActorAnon
		if u, ok := auth.UserFrom(ctx); ok && u.ID != "" {
			actor = u.ID
		}
		if err := m.audit.Append(ctx, audit.Entry{Kode: t.Kode, Actor: actor, Action: "unduh-cctv-wilayah",
			Object: "cctv/" + nama, Status: http.StatusOK, RequestID: httpserver.RequestID(ctx)}); err != nil {
			m.pages.ServerError(w, r, err)
			return
		}
	}
	web.Download(w, tipeXLSX, nama, b)
}

// laporanKamera reads every camera of wilayah in one query, ordered by
// desa and name, without the stream URL and credentials.
func (m *Module) laporanKamera(ctx context.Context, wilayah tenancy.Kode) ([]Kamera, error) {
	var ks []Kamera
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: wilayah})
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().Model(&ks).ExcludeColumn("stream_url", "kredensial").
			OrderExpr("k.desa_id, k.nama"), "k.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx)
	})
	return ks, err
}

// laporanUptime is the uptime of a wilayah over the three windows.
type laporanUptime struct {
	kamera [3]map[string]UptimeAngka       // per camera id
	desa   [3]map[tenancy.Kode]UptimeAngka // per desa
}

// laporanJendela are the windows of the uptime columns, in that order.
var laporanJendela = [3]time.Duration{Jendela24Jam, Jendela7Hari, Jendela30Hari}

// bacaUptime reads the three windows of wilayah: one query each.
func (m *Module) bacaUptime(ctx context.Context, wilayah tenancy.Kode) (laporanUptime, error) {
	var lu laporanUptime
	now := m.now()
	for i, j := range laporanJendela {
		u, err := m.Uptime(ctx, wilayah, now.Add(-j))
		if err != nil {
			return lu, err
		}
		lu.kamera[i] = map[string]UptimeAngka{}
		lu.desa[i] = map[tenancy.Kode]UptimeAngka{}
		for _, k := range u.Kamera {
			lu.kamera[i][k.KameraID] = k.UptimeAngka
		}
		for _, d := range u.Desa {
			lu.desa[i][d.Desa] = d.UptimeAngka
		}
	}
	return lu, nil
}

// laporanBPCell is a share in basis points as a number cell, "–" without
// probes.
func laporanBPCell(a UptimeAngka) report.Cell {
	bp, ok := a.PersenBP()
	if !ok {
		return report.Teks("–")
	}
	return report.Pecahan(bp, 100, valid.FormatBP(bp))
}

// LaporanXLSX builds the workbook of wilayah's cameras and names it.
func (m *Module) LaporanXLSX(ctx context.Context, wilayah tenancy.Kode) (string, []byte, error) {
	ks, err := m.laporanKamera(ctx, wilayah)
	if err != nil {
		return "", nil, err
	}
	lu, err := m.bacaUptime(ctx, wilayah)
	if err != nil {
		return "", nil, err
	}
	mati, err := m.DownSince(ctx, wilayah)
	if err != nil {
		return "", nil, err
	}
	var desa []DesaInfo
	if m.desa != nil {
		if desa, err = m.desa.DesaIn(ctx, wilayah); err != nil {
			return "", nil, err
		}
	}
	var penduduk map[tenancy.Kode]int64
	if m.penduduk != nil {
		if penduduk, err = m.penduduk.Penduduk(ctx, wilayah); err != nil {
			return "", nil, err
		}
	}
	info := map[tenancy.Kode]DesaInfo{}
	for _, d := range desa {
		info[d.Kode] = d
	}
	// A desa with cameras the desa list does not name (none wired) is
	// still listed, by its code.
	for _, k := range ks {
		kode := tenancy.KodeOfDesaID(k.DesaID)
		if _, ok := info[kode]; !ok {
			info[kode] = DesaInfo{Kode: kode, Nama: string(kode)}
			desa = append(desa, info[kode])
		}
	}
	zona := civil.Zone(wilayah)
	matiSejak := map[string]time.Time{}
	matiDesa := map[tenancy.Kode]int64{}
	for _, x := range mati {
		matiSejak[x.KameraID] = x.Sejak
		matiDesa[x.Desa]++
	}

	kolom := func(label string, right bool) report.Column {
		c := report.Column{Label: label}
		if right {
			c.Align = report.Right
		}
		return c
	}
	kt := report.Table{Title: "Kamera", Columns: []report.Column{kolom("Kecamatan", false), kolom("Desa", false), kolom("Kode desa", false),
		kolom("Nama kamera", false), kolom("Banjar/dusun", false), kolom("Yang dipantau", false), kolom("Tujuan", false), kolom("Pemilik", false),
		kolom("Perjanjian (swasta)", false), kolom("Tanggal pasang", false), kolom("Tahun anggaran", true), kolom("Kode kegiatan", false),
		kolom("Harga (Rp)", true), kolom("Retensi rekaman (hari)", true), kolom("Tempat rekaman", false), kolom("Status", false),
		kolom("Uptime 24 jam (%)", true), kolom("Uptime 7 hari (%)", true), kolom("Uptime 30 hari (%)", true), kolom("Mati lebih dari 24 jam sejak", false)}}
	kamera, aktif := map[tenancy.Kode]int64{}, map[tenancy.Kode]int64{}
	var total, totalAktif int64
	for _, k := range ks {
		kode := tenancy.KodeOfDesaID(k.DesaID)
		kamera[kode]++
		total++
		if k.Status == StatusAktif {
			aktif[kode]++
			totalAktif++
		}
		d := info[kode]
		tahun := report.Teks("")
		if k.TahunAnggaran > 0 {
			tahun = report.Angka(int64(k.TahunAnggaran), strconv.Itoa(k.TahunAnggaran))
		}
		sejak := ""
		if s, ok := matiSejak[k.ID]; ok {
			sejak = s.In(zona).Format("2006-01-02 15:04")
		}
		kt.Rows = append(kt.Rows, report.Row{Cells: []report.Cell{report.Teks(d.NamaKecamatan), report.Teks(d.Nama), report.Teks(string(kode)),
			report.Teks(k.Nama), report.Teks(k.Dusun), report.Teks(k.Pantauan), report.Teks(NamaTujuan(k.Tujuan)), report.Teks(NamaPemilik(k.Pemilik)),
			report.Teks(k.Perjanjian), report.Teks(string(k.TanggalPasang)), tahun, report.Teks(k.KegiatanKode),
			report.Angka(k.Harga, valid.Angka(k.Harga)), report.Angka(int64(k.RetensiHari), strconv.Itoa(k.RetensiHari)), report.Teks(k.LokasiRekaman),
			report.Teks(k.Status), laporanBPCell(lu.kamera[0][k.ID]), laporanBPCell(lu.kamera[1][k.ID]), laporanBPCell(lu.kamera[2][k.ID]),
			report.Teks(sejak)}})
	}

	rt := report.Table{Title: "Ringkasan per desa", Columns: []report.Column{kolom("Kecamatan", false), kolom("Desa", false), kolom("Kode desa", false),
		kolom("Kamera", true), kolom("Aktif", true), kolom("Uptime 24 jam (%)", true), kolom("Uptime 7 hari (%)", true), kolom("Uptime 30 hari (%)", true),
		kolom("Mati lebih dari 24 jam", true), kolom("Penduduk", true), kolom("Kamera per 1.000 penduduk", true)}}
	var totalMati int64
	for _, d := range desa {
		cells := []report.Cell{report.Teks(d.NamaKecamatan), report.Teks(d.Nama), report.Teks(string(d.Kode)),
			report.Angka(kamera[d.Kode], valid.Angka(kamera[d.Kode]))}
		jiwa := report.Teks("–")
		if p := penduduk[d.Kode]; p > 0 {
			jiwa = report.Angka(p, valid.Angka(p))
		}
		if kamera[d.Kode] == 0 {
			// No camera recorded: no uptime, no down count, no ratio.
			cells = append(cells, report.Teks("–"), report.Teks("–"), report.Teks("–"), report.Teks("–"), report.Teks("–"), jiwa, report.Teks("–"))
		} else {
			per := report.Teks("–")
			if n, ok := PerSeribuMili(kamera[d.Kode], penduduk[d.Kode]); ok {
				per = report.Pecahan(n, 1000, FormatPerSeribu(n))
			}
			totalMati += matiDesa[d.Kode]
			cells = append(cells, report.Angka(aktif[d.Kode], valid.Angka(aktif[d.Kode])),
				laporanBPCell(lu.desa[0][d.Kode]), laporanBPCell(lu.desa[1][d.Kode]), laporanBPCell(lu.desa[2][d.Kode]),
				report.Angka(matiDesa[d.Kode], valid.Angka(matiDesa[d.Kode])), jiwa, per)
		}
		rt.Rows = append(rt.Rows, report.Row{Cells: cells})
	}

	judul := m.laporanNama(ctx, wilayah)
	var semua UptimeAngka
	for _, a := range lu.desa[2] {
		semua.Probe += a.Probe
		semua.Naik += a.Naik
	}
	bp, ok := semua.PersenBP()
	doc := report.Document{
		Title:     "Kamera CCTV desa",
		Subtitle:  judul + " — keadaan " + m.now().In(zona).Format("2006-01-02 15:04"),
		Landscape: true,
		Sections: []report.Section{{
			Heading: "Ringkasan",
			Figures: []report.Figure{
				{Label: "Kamera tercatat", Value: valid.Angka(total), Note: valid.Angka(totalAktif) + " aktif"},
				{Label: "Uptime 30 hari", Value: PersenBP(bp, ok)},
				{Label: "Mati lebih dari 24 jam", Value: valid.Angka(totalMati)},
			},
			Tables: []report.Table{kt, rt},
			Notes: []string{"Uptime: bagian pemeriksaan kesehatan yang menemukan kamera menyala; – bila belum ada pemeriksaan dalam jendela itu.",
				"Alamat stream dan kredensial kamera tidak dimuat dalam unduhan ini."},
		}},
	}
	b, err := report.XLSX(doc)
	if err != nil {
		return "", nil, err
	}
	nama := "cctv-" + strings.ReplaceAll(string(wilayah), ".", "") + "-" + string(civil.Today(m.now(), wilayah)) + ".xlsx"
	return nama, b, nil
}

// laporanNama is the official name of a wilayah, its code without one.
func (m *Module) laporanNama(ctx context.Context, kode tenancy.Kode) string {
	if m.names != nil {
		if n, err := m.names.Nama(ctx, kode); err == nil && n != "" {
			return n
		}
	}
	return string(kode)
}
