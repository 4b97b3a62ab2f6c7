package kunjungan

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// DossierView is one dossier as the API and the pages show it.
type DossierView struct {
	Audiens  string        `json:"audiens" doc:"bupati, kode OPD, atau laporan"`
	Judul    string        `json:"judul" doc:"Untuk siapa, mis. \"Bupati\" atau \"DLH — Dinas Lingkungan Hidup\""`
	Status   StatusDossier `json:"status" enum:"antri,dibuat,siap,gagal"`
	Alasan   string        `json:"alasan,omitempty" doc:"Sebab gagal"`
	Versi    int           `json:"versi"`
	Hash     string        `json:"hash,omitempty"`
	DibuatAt *time.Time    `json:"dibuat,omitempty"`
	PDF      string        `json:"pdf,omitempty" doc:"Tautan unduh PDF versi terakhir"`
	XLSX     string        `json:"xlsx,omitempty" doc:"Tautan unduh XLSX versi terakhir"`
}

// dossierBaris is a dossier row with its current version.
type dossierBaris struct {
	Dossier
	versi *VersiDossier
}

// bacaDossierVisit reads the dossier rows of (desa, kunjunganID) with
// their current versions, in tx.
func bacaDossierVisit(ctx context.Context, tx bun.Tx, desaID int64, kunjunganID string) ([]dossierBaris, error) {
	var ds []Dossier
	sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&ds).Where("d.desa_id = ? AND d.kunjungan_id = ?", desaID, kunjunganID).OrderExpr("d.audiens"))
	if err != nil {
		return nil, err
	}
	if err := sel.Scan(ctx); err != nil {
		return nil, err
	}
	var vs []VersiDossier
	vsel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&vs).
		Where("v.desa_id = ? AND v.kunjungan_id = ?", desaID, kunjunganID).
		Where("v.versi = (SELECT d.versi FROM kunjungan_dossier AS d WHERE d.desa_id = v.desa_id AND d.kunjungan_id = v.kunjungan_id AND d.audiens = v.audiens)"))
	if err != nil {
		return nil, err
	}
	if err := vsel.Scan(ctx); err != nil {
		return nil, err
	}
	byAud := map[string]*VersiDossier{}
	for i := range vs {
		byAud[vs[i].Audiens] = &vs[i]
	}
	out := make([]dossierBaris, len(ds))
	for i, d := range ds {
		out[i] = dossierBaris{Dossier: d, versi: byAud[d.Audiens]}
	}
	return out, nil
}

func (b dossierBaris) view(judul, base string) DossierView {
	v := DossierView{Audiens: b.Audiens, Judul: judul, Status: b.Status, Alasan: b.Alasan, Versi: b.Versi}
	if b.versi != nil {
		t := b.versi.DibuatAt
		v.Hash, v.DibuatAt = b.versi.Hash, &t
		v.PDF, v.XLSX = base+"/pdf", base+"/xlsx"
	}
	return v
}

func judulAudiens(aud string, peserta []PesertaOPD) string {
	switch aud {
	case AudiensBupati:
		return "Bupati"
	case AudiensLaporan:
		return "Laporan pasca-kunjungan"
	}
	for _, p := range peserta {
		if p.OPDKode == aud {
			return p.OPDKode + " — " + p.OPDNama
		}
	}
	return aud
}

// bolehAudiens: the office sees every dossier, an OPD member its OPD's,
// and everyone who reads the visit its report.
func (v pandangan) bolehAudiens(aud string) bool {
	switch {
	case aud == AudiensLaporan, v.kantor:
		return true
	case v.opd != nil:
		return aud == v.opd.Kode
	}
	return false
}

// DaftarDossier lists the dossiers of a visit of the tenant desa that the
// user may see (an OPD member: its OPD's only).
func (m *Module) DaftarDossier(ctx context.Context, kunjunganID string) ([]DossierView, error) {
	d, v, err := m.lihat(ctx, kunjunganID)
	if err != nil {
		return nil, err
	}
	return m.dossierOf(ctx, d, v)
}

// dossierOf lists the dossiers of a visit already read as v sees it.
func (m *Module) dossierOf(ctx context.Context, d Detail, v pandangan) ([]DossierView, error) {
	var rows []dossierBaris
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		rows, err = bacaDossierVisit(ctx, tx, d.DesaID, d.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := []DossierView{}
	for _, r := range rows {
		if v.bolehAudiens(r.Audiens) {
			out = append(out, r.view(judulAudiens(r.Audiens, d.OPD), "/api/v1/kunjungan/"+d.ID+"/dossier/"+url.PathEscape(r.Audiens)))
		}
	}
	// The report and the bupati's briefing first, then the OPD by code.
	urutan := func(a string) int {
		switch a {
		case AudiensLaporan:
			return 0
		case AudiensBupati:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(out, func(x, y DossierView) int {
		if c := urutan(x.Audiens) - urutan(y.Audiens); c != 0 {
			return c
		}
		return strings.Compare(x.Audiens, y.Audiens)
	})
	return out, nil
}

// MintaDossier queues the dossiers of a visit again ("buat ulang"): the
// audiences named, or when none every audience the user may ask for (the
// office: the bupati's, each OPD's and, once the visit is over, the
// report; an OPD member: its own). It answers the states after queueing.
func (m *Module) MintaDossier(ctx context.Context, kunjunganID string, audiens []string) ([]DossierView, error) {
	d, v, err := m.lihat(ctx, kunjunganID)
	if err != nil {
		return nil, err
	}
	if d.Status == Dibatalkan {
		return nil, fault.New(fault.Conflict, "Kunjungan ini dibatalkan: dossiernya tidak dibuat lagi.")
	}
	mungkin := audiensOf(d.OPD)
	if d.Status == Selesai {
		mungkin = append(mungkin, AudiensLaporan)
	}
	var minta []string
	if len(audiens) == 0 {
		for _, a := range mungkin {
			if a != AudiensLaporan && v.bolehAudiens(a) || a == AudiensLaporan && v.kantor {
				minta = append(minta, a)
			}
		}
	}
	for i, a := range audiens {
		a = strings.TrimSpace(a)
		f := fmt.Sprintf("body.audiens[%d]", i)
		if !slices.Contains(mungkin, a) {
			return nil, fault.Field(f, "%q bukan audiens dossier kunjungan ini.", a)
		}
		if !v.kantor && !(v.opd != nil && a == v.opd.Kode) {
			return nil, fault.New(fault.Forbidden, "Anda hanya dapat meminta dossier OPD Anda sendiri.")
		}
		if !slices.Contains(minta, a) {
			minta = append(minta, a)
		}
	}
	if len(minta) == 0 {
		return nil, fault.New(fault.Forbidden, "Tidak ada dossier kunjungan ini yang dapat Anda minta.")
	}
	if err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return m.antriDossier(ctx, tx, d.DesaID, d.ID, minta)
	}); err != nil {
		return nil, err
	}
	return m.DaftarDossier(ctx, kunjunganID)
}

// unduhDossier reads the current file of a dossier (format pdf or xlsx)
// the user may see, and records the download.
func (m *Module) unduhDossier(ctx context.Context, desaID int64, kunjunganID, audiens, format, objek string) (VersiDossier, []byte, error) {
	var v VersiDossier
	tidakAda := fault.New(fault.NotFound, "Dossier ini belum ada atau belum selesai dibuat.")
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		rows, err := bacaDossierVisit(ctx, tx, desaID, kunjunganID)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if r.Audiens == audiens && r.versi != nil {
				v = *r.versi
				return nil
			}
		}
		return tidakAda
	})
	if err != nil {
		return v, nil, err
	}
	if m.blob == nil {
		return v, nil, tidakAda
	}
	kunci := v.KunciPDF
	if format == "xlsx" {
		kunci = v.KunciXLSX
	}
	rc, err := m.blob.Get(ctx, kunci)
	if err != nil {
		return v, nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return v, nil, err
	}
	// Dossiers name commitments and audiensi of the desa: who took one
	// is recorded, as for the other modules' reports.
	if m.audit != nil {
		t, _ := tenancy.From(ctx)
		if err := m.audit.Append(ctx, audit.Entry{Kode: t.Kode, Actor: pelaku(ctx), Action: "unduh-dossier-kunjungan",
			Object: objek, Status: http.StatusOK, RequestID: httpserver.RequestID(ctx)}); err != nil {
			return v, nil, err
		}
	}
	return v, b, nil
}

// --- HTTP

type dossierListOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         struct {
		Items []DossierView `json:"items"`
	}
}

func dossierOut(vs []DossierView, err error) (*dossierListOutput, error) {
	if err != nil {
		return nil, err
	}
	o := &dossierListOutput{CacheControl: "private, no-store"}
	o.Body.Items = vs
	return o, nil
}

type mintaDossierInput struct {
	ID   string `path:"id" maxLength:"40"`
	Body *struct {
		Audiens []string `json:"audiens,omitempty" maxItems:"100" doc:"bupati, laporan, atau kode OPD; kosong: semua yang boleh Anda minta"`
	}
}

type unduhDossierInput struct {
	ID      string `path:"id" maxLength:"40"`
	Audiens string `path:"audiens" maxLength:"40"`
	Format  string `path:"format" enum:"pdf,xlsx"`
}

type berkasDossierOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	NoSniff            string `header:"X-Content-Type-Options"`
	Body               []byte
}

func berkasOut(v VersiDossier, b []byte, nama, format string) *berkasDossierOutput {
	tipe := tipePDF
	if format == "xlsx" {
		tipe = tipeXLSX
	}
	return &berkasDossierOutput{ContentType: tipe, NoSniff: "nosniff", CacheControl: "private, no-store",
		ContentDisposition: fmt.Sprintf(`attachment; filename="%s-v%d.%s"`, nama, v.Versi, format), Body: b}
}

// namaBerkas is a file name part made of letters, digits and '-'.
func namaBerkas(parts ...string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('-')
		}
		for _, r := range p {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

type wilayahDossierInput struct {
	Kode string `path:"kode"`
	page.Params
}

// DossierPerencanaan is the planning dossier (no visit yet) of one desa.
type DossierPerencanaan struct {
	Desa tenancy.Kode `json:"desa"`
	DossierView
}

type wilayahDossierOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         page.Page[DossierPerencanaan]
}

type antriWilayahOutput struct {
	Body struct {
		Jumlah int `json:"jumlah" doc:"Banyaknya desa yang dossiernya masuk antrian"`
	}
}

type unduhPerencanaanInput struct {
	Kode   string `path:"kode"`
	Format string `path:"format" enum:"pdf,xlsx"`
}

// registerDossier adds GET and POST /kunjungan/{id}/dossier, the
// downloads, and the bulk run of planning dossiers.
func (m *Module) registerDossier(api huma.API) {
	const base = "/kunjungan/{id}/dossier"
	huma.Register(api, m.at("list-kunjungan-dossier", http.MethodGet, base, "Dossier kunjungan: status dan tautan unduh",
		"Satu dossier untuk bupati dan satu per OPD peserta, ditambah laporan pasca-kunjungan. Pengguna OPD hanya melihat dossier OPD-nya. "+
			"Status antri → dibuat → siap, atau gagal dengan alasannya.", PermDossier),
		func(ctx context.Context, in *idInput) (*dossierListOutput, error) {
			return dossierOut(m.DaftarDossier(ctx, in.ID))
		})
	minta := m.action("regenerate-kunjungan-dossier", base, "Buat ulang dossier",
		"Memasukkan dossier ke antrian lagi: yang disebut dalam audiens, atau semua yang boleh Anda minta. "+
			"Pengguna OPD hanya dossier OPD-nya. Data yang tidak berubah menghasilkan hash yang sama dan tidak menambah versi.", PermDossier)
	minta.DefaultStatus = http.StatusAccepted
	huma.Register(api, minta, func(ctx context.Context, in *mintaDossierInput) (*dossierListOutput, error) {
		var aud []string
		if in.Body != nil {
			aud = in.Body.Audiens
		}
		return dossierOut(m.MintaDossier(ctx, in.ID, aud))
	})
	huma.Register(api, m.at("download-kunjungan-dossier", http.MethodGet, base+"/{audiens}/{format}", "Unduh dossier (PDF atau XLSX)",
		"Versi terakhir yang siap. Dossier bupati dan OPD: pemegang izin dossier (OPD hanya miliknya); laporan pasca-kunjungan: "+
			"setiap yang boleh membaca kunjungan. Setiap unduhan dicatat.", PermBaca),
		func(ctx context.Context, in *unduhDossierInput) (*berkasDossierOutput, error) {
			d, v, err := m.lihat(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			if in.Audiens != AudiensLaporan {
				t, _ := tenancy.From(ctx)
				if !m.allowed(ctx, t.Kode, PermDossier) {
					return nil, fault.New(fault.Forbidden, "Dossier ini hanya untuk kantor bupati dan OPD pesertanya.")
				}
			}
			if !v.bolehAudiens(in.Audiens) {
				return nil, fault.New(fault.NotFound, "Dossier ini belum ada atau belum selesai dibuat.")
			}
			ver, b, err := m.unduhDossier(ctx, d.DesaID, d.ID, in.Audiens, in.Format, "kunjungan/"+d.ID+"/dossier/"+in.Audiens+"."+in.Format)
			if err != nil {
				return nil, err
			}
			return berkasOut(ver, b, namaBerkas("dossier", string(tenancy.KodeOfDesaID(d.DesaID)), in.Audiens), in.Format), nil
		})

	const wil = "/wilayah/{kode}/kunjungan/dossier"
	bulk := httpserver.Operation(tag, "queue-kunjungan-dossier-wilayah", http.MethodPost, wil,
		"Dossier perencanaan untuk setiap desa di kecamatan atau kabupaten", PermJadwal)
	bulk.Description = "Satu dossier bupati (tanpa kunjungan) per desa, lewat antrian yang sama dengan jumlah pembuatan serentak yang dibatasi. " +
		"Jawabannya banyaknya desa yang masuk antrian."
	bulk.DefaultStatus = http.StatusAccepted
	huma.Register(api, bulk, func(ctx context.Context, in *struct {
		Kode string `path:"kode"`
	}) (*antriWilayahOutput, error) {
		n, err := m.AntriPerencanaan(ctx)
		if err != nil {
			return nil, err
		}
		o := &antriWilayahOutput{}
		o.Body.Jumlah = n
		return o, nil
	})
	huma.Register(api, httpserver.Operation(tag, "list-kunjungan-dossier-wilayah", http.MethodGet, wil,
		"Status dossier perencanaan desa-desa di wilayah", PermJadwal),
		func(ctx context.Context, in *wilayahDossierInput) (*wilayahDossierOutput, error) {
			p, err := m.DaftarPerencanaan(ctx, in.Params)
			if err != nil {
				return nil, err
			}
			return &wilayahDossierOutput{CacheControl: "private, no-store", Body: p}, nil
		})
	huma.Register(api, httpserver.Operation(tag, "download-kunjungan-dossier-wilayah", http.MethodGet, wil+"/{format}",
		"Unduh dossier perencanaan satu desa (PDF atau XLSX)", PermJadwal),
		func(ctx context.Context, in *unduhPerencanaanInput) (*berkasDossierOutput, error) {
			t, _ := tenancy.From(ctx)
			if !t.Kode.IsDesa() {
				return nil, fault.Field("path.kode", "Dossier perencanaan diunduh per desa: sebutkan kode desa.")
			}
			desaID, err := t.DesaID()
			if err != nil {
				return nil, err
			}
			ver, b, err := m.unduhDossier(ctx, desaID, "", AudiensBupati, in.Format, "kunjungan/perencanaan/"+string(t.Kode)+"."+in.Format)
			if err != nil {
				return nil, err
			}
			return berkasOut(ver, b, namaBerkas("dossier-perencanaan", string(t.Kode)), in.Format), nil
		})
}

// AntriPerencanaan queues a planning dossier for the bupati (no visit) for
// every desa of the tenant kecamatan or kabupaten, in one transaction, and
// answers how many.
func (m *Module) AntriPerencanaan(ctx context.Context) (int, error) {
	t, ok := tenancy.From(ctx)
	if !ok {
		return 0, tenancy.ErrNoTenant
	}
	if lv := t.Kode.Level(); lv != tenancy.Kecamatan && lv != tenancy.Kabupaten {
		return 0, fault.Field("path.kode", "Dossier perencanaan dibuat untuk kecamatan atau kabupaten.")
	}
	if m.regions == nil {
		return 0, fault.New(fault.Conflict, "Daftar desa tidak tersedia.")
	}
	desa, err := m.regions.DesaIn(ctx, t.Kode)
	if err != nil {
		return 0, err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, d := range desa {
			// The task carries the desa as its tenant.
			if err := m.antriDossier(tenancy.With(ctx, tenancy.Tenant{Kode: d.Kode}), tx, d.Kode.ID(), "", []string{AudiensBupati}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(desa), nil
}

type kursorPerencanaan struct {
	DesaID int64
}

// DaftarPerencanaan lists the planning dossiers of the desa of the tenant
// wilayah, by desa code.
func (m *Module) DaftarPerencanaan(ctx context.Context, p page.Params) (page.Page[DossierPerencanaan], error) {
	var after kursorPerencanaan
	has, err := page.Decode(p.Cursor, &after)
	if err != nil {
		return page.Page[DossierPerencanaan]{}, err
	}
	limit := p.Size()
	var ds []Dossier
	var vs []VersiDossier
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel := tx.NewSelect().Model(&ds).Where("d.kunjungan_id = '' AND d.audiens = ?", AudiensBupati).
			OrderExpr("d.desa_id").Limit(int64(limit + 1))
		if has {
			sel = sel.Where("d.desa_id > ?", after.DesaID)
		}
		sel, err := tenancy.Scope(ctx, sel)
		if err != nil {
			return err
		}
		if err := sel.Scan(ctx); err != nil || len(ds) == 0 {
			return err
		}
		lo, hi := ds[0].DesaID, ds[len(ds)-1].DesaID
		vsel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&vs).
			Where("v.kunjungan_id = '' AND v.audiens = ? AND v.desa_id BETWEEN ? AND ?", AudiensBupati, lo, hi).
			Where("v.versi = (SELECT d.versi FROM kunjungan_dossier AS d WHERE d.desa_id = v.desa_id AND d.kunjungan_id = v.kunjungan_id AND d.audiens = v.audiens)"))
		if err != nil {
			return err
		}
		return vsel.Scan(ctx)
	})
	if err != nil {
		return page.Page[DossierPerencanaan]{}, err
	}
	byDesa := map[int64]*VersiDossier{}
	for i := range vs {
		byDesa[vs[i].DesaID] = &vs[i]
	}
	rows := make([]DossierPerencanaan, len(ds))
	for i, d := range ds {
		k := tenancy.KodeOfDesaID(d.DesaID)
		rows[i] = DossierPerencanaan{Desa: k,
			DossierView: dossierBaris{Dossier: d, versi: byDesa[d.DesaID]}.view("Bupati", "/api/v1/wilayah/"+string(k)+"/kunjungan/dossier")}
	}
	return page.Of(rows, limit, func(r DossierPerencanaan) kursorPerencanaan {
		return kursorPerencanaan{DesaID: r.Desa.ID()}
	}), nil
}
