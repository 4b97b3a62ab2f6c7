package opd

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Tabanan is the kabupaten the shipped list describes.
const Tabanan tenancy.Kode = "51.02"

//go:embed data/perangkat_daerah_tabanan_2023.csv
var tabananCSV []byte

// urusanTabanan is our own mapping of each shipped OPD, by code, to the
// urusan its name says it handles (UU 23/2014 Lampiran names the urusan);
// it is not from a Tabanan source (data/SOURCE.md).
var urusanTabanan = map[string][]string{
	"BKPSDM":              {"kepegawaian", "pengembangan sumber daya manusia"},
	"KESBANGPOL":          {"kesatuan bangsa dan politik"},
	"BAKEUDA":             {"keuangan daerah", "pendapatan daerah"},
	"BPBD":                {"penanggulangan bencana"},
	"BPPDPP":              {"perencanaan pembangunan", "penelitian dan pengembangan"},
	"RSUDTABANAN":         {"pelayanan kesehatan rujukan"},
	"DISBUD":              {"kebudayaan"},
	"DISDUKCAPIL":         {"administrasi kependudukan", "pencatatan sipil"},
	"DINKES":              {"kesehatan"},
	"DKP":                 {"ketahanan pangan"},
	"DISKOMINFO":          {"komunikasi dan informatika", "statistik", "persandian"},
	"DISKOPUKM":           {"koperasi", "usaha kecil dan menengah"},
	"DLH":                 {"lingkungan hidup", "persampahan"},
	"DISPAR":              {"pariwisata"},
	"DINASPUPRPKP":        {"pekerjaan umum", "penataan ruang", "perumahan", "kawasan permukiman"},
	"DPMD":                {"pemberdayaan masyarakat dan desa"},
	"DPMPTSP":             {"penanaman modal", "perizinan"},
	"DISDIK":              {"pendidikan"},
	"DINASPPKB":           {"pengendalian penduduk", "keluarga berencana"},
	"DISHUB":              {"perhubungan"},
	"DP":                  {"perikanan"},
	"DISPERINDAG":         {"perindustrian", "perdagangan"},
	"DPA":                 {"perpustakaan", "kearsipan"},
	"DISTAN":              {"pertanian"},
	"DSPPPA":              {"sosial", "pemberdayaan perempuan", "perlindungan anak"},
	"DISNAKER":            {"tenaga kerja"},
	"INSPEKTORAT":         {"pengawasan internal pemerintahan daerah"},
	"SATPOLPP":            {"ketenteraman dan ketertiban umum", "penegakan peraturan daerah"},
	"SETDA":               {"pemerintahan umum", "koordinasi perangkat daerah"},
	"SETWAN":              {"kesekretariatan DPRD"},
	"CAMATBATURITI":       urusanKecamatan,
	"CAMATKEDIRI":         urusanKecamatan,
	"CAMATKERAMBITAN":     urusanKecamatan,
	"CAMATMARGA":          urusanKecamatan,
	"CAMATPENEBEL":        urusanKecamatan,
	"CAMATPUPUAN":         urusanKecamatan,
	"CAMATSELEMADEGBARAT": urusanKecamatan,
	"CAMATSELEMADEG":      urusanKecamatan,
	"CAMATSELEMADEGTIMUR": urusanKecamatan,
	"CAMATTABANAN":        urusanKecamatan,
}

// urusanKecamatan: a camat's tasks (PP 17/2018 Pasal 10).
var urusanKecamatan = []string{"pemerintahan umum kecamatan", "pembinaan desa", "pelayanan masyarakat"}

// seedRow is an OPD of the shipped list.
type seedRow struct {
	Kode, Nama, Singkatan string
	Jenis                 Jenis
	Urusan                []string
}

// parseTabanan reads the shipped CSV: one OPD per row, the code from the
// abbreviation (KodeDari) or, where the list has none, from the name's
// initials (KodeDariNama); codes are unique.
func parseTabanan(b []byte) ([]seedRow, error) {
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("opd: Tabanan list: %w", err)
	}
	if len(rows) < 2 || len(rows[0]) != 5 || rows[0][2] != "nama_dinormalisasi" || rows[0][3] != "jenis" || rows[0][4] != "singkatan_umum_belum_terverifikasi" {
		return nil, fmt.Errorf("opd: Tabanan list: unexpected header %v", rows[0])
	}
	seen := map[string]bool{}
	out := make([]seedRow, 0, len(rows)-1)
	for _, r := range rows[1:] {
		nama := strings.TrimSpace(r[2])
		if i := strings.IndexByte(nama, '('); i >= 0 {
			nama = strings.TrimSpace(nama[:i]) // "(nama persis perlu verifikasi)": said in SOURCE.md
		}
		s := seedRow{Nama: nama, Singkatan: strings.TrimSpace(r[4]), Jenis: Jenis(r[3])}
		s.Kode = KodeDari(s.Singkatan)
		if s.Kode == "" {
			s.Kode = KodeDariNama(nama)
		}
		if !KodeSah(s.Kode) || !s.Jenis.Valid() {
			return nil, fmt.Errorf("opd: Tabanan list: row %s: code %q, kind %q", r[0], s.Kode, s.Jenis)
		}
		if seen[s.Kode] {
			return nil, fmt.Errorf("opd: Tabanan list: code %s twice", s.Kode)
		}
		seen[s.Kode] = true
		s.Urusan = urusanTabanan[s.Kode]
		if len(s.Urusan) == 0 {
			return nil, fmt.Errorf("opd: Tabanan list: no urusan for %s", s.Kode)
		}
		out = append(out, s)
	}
	return out, nil
}

// SeedReference loads Tabanan's OPD from the shipped list, inserting only
// the codes Tabanan does not have yet: a row an admin edited (or
// switched off) is never overwritten, so every start may run it.
func (m *Module) SeedReference(ctx context.Context) error {
	rows, err := parseTabanan(tabananCSV)
	if err != nil {
		return err
	}
	now := m.now()
	return m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var have []string
		if err := tx.NewSelect().Model((*opdRow)(nil)).Column("kode").Where("o.kabupaten = ?", string(Tabanan)).Scan(ctx, &have); err != nil {
			return err
		}
		ada := map[string]bool{}
		for _, k := range have {
			ada[k] = true
		}
		var baru []opdRow
		for _, s := range rows {
			if ada[s.Kode] {
				continue
			}
			baru = append(baru, opdRow{ID: newID(), Kabupaten: string(Tabanan), Kode: s.Kode, Nama: s.Nama, Singkatan: s.Singkatan,
				Jenis: string(s.Jenis), Urusan: urusanJSON(s.Urusan), Aktif: true,
				CreatedBy: audit.ActorSystem, CreatedAt: now, UpdatedBy: audit.ActorSystem, UpdatedAt: now})
		}
		if len(baru) == 0 {
			return nil
		}
		_, err := tx.NewInsert().Model(&baru).On("CONFLICT (kabupaten, kode) DO NOTHING").Exec(ctx)
		return err
	})
}
