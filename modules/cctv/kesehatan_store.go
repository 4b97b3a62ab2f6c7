package cctv

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// UptimeJendela is the probes of one window with their share up.
type UptimeJendela struct {
	Probe    int64  `json:"probe"`
	Naik     int64  `json:"naik"`
	PersenBP *int64 `json:"persen_bp" doc:"Basis poin kamera menyala (10000 = 100 %); null bila belum ada pemeriksaan dalam jendela"`
}

func jendela(a UptimeAngka) UptimeJendela {
	j := UptimeJendela{Probe: a.Probe, Naik: a.Naik}
	if bp, ok := a.PersenBP(); ok {
		j.PersenBP = &bp
	}
	return j
}

// UptimeTiga is the uptime of the three windows the issue asks for.
type UptimeTiga struct {
	Jam24  UptimeJendela `json:"uptime_24_jam"`
	Hari7  UptimeJendela `json:"uptime_7_hari"`
	Hari30 UptimeJendela `json:"uptime_30_hari"`
}

// StatusBaris is a desa's, a kecamatan's or a wilayah's health.
type StatusBaris struct {
	Kode          tenancy.Kode `json:"kode"`
	Nama          string       `json:"nama"`
	NamaKecamatan string       `json:"kecamatan,omitempty" doc:"Nama kecamatan (baris desa di kabupaten)"`
	Kamera        int          `json:"kamera" doc:"Kamera tercatat, aktif dan nonaktif; 0 berarti belum ada kamera"`
	KameraAktif   int          `json:"kamera_aktif"`
	Mati          int          `json:"mati_lebih_24_jam" doc:"Kamera aktif yang mati lebih dari 24 jam"`
	UptimeTiga
}

// MatiWilayah is a camera down for more than 24 h with its desa's name.
type MatiWilayah struct {
	Mati
	NamaDesa      string `json:"nama_desa"`
	NamaKecamatan string `json:"kecamatan,omitempty"`
}

// StatusWilayah is the health of a desa, a kecamatan or a kabupaten:
// per desa (every desa of the wilayah, those without a camera too), per
// kecamatan at kabupaten level, the total, and the cameras down for more
// than BatasMati. No stream URL and no credentials.
type StatusWilayah struct {
	Wilayah   tenancy.Kode  `json:"wilayah"`
	Nama      string        `json:"nama"`
	Dihitung  time.Time     `json:"dihitung" doc:"Saat angka dihitung; jendela berakhir di sini"`
	Total     StatusBaris   `json:"total"`
	Kecamatan []StatusBaris `json:"kecamatan,omitempty" doc:"Per kecamatan, hanya untuk kode kabupaten"`
	Desa      []StatusBaris `json:"desa"`

	mati   []MatiWilayah
	kamera [3]Uptime // the three windows per camera, for the desa page
}

// StatusWilayah reads the health of wilayah: three uptime windows and
// the down list, four queries whatever its size.
func (m *Module) StatusWilayah(ctx context.Context, wilayah tenancy.Kode) (StatusWilayah, error) {
	now := m.now().UTC()
	s := StatusWilayah{Wilayah: wilayah, Nama: m.namaWilayah(ctx, wilayah), Dihitung: now,
		Total: StatusBaris{Kode: wilayah}}
	s.Total.Nama = s.Nama
	for i, w := range []time.Duration{Jendela24Jam, Jendela7Hari, Jendela30Hari} {
		u, err := m.Uptime(ctx, wilayah, now.Add(-w))
		if err != nil {
			return StatusWilayah{}, err
		}
		s.kamera[i] = u
	}
	mati, err := m.DownSince(ctx, wilayah)
	if err != nil {
		return StatusWilayah{}, err
	}

	var desa []DesaInfo
	if wilayah.IsDesa() {
		desa = []DesaInfo{{Kode: wilayah, Nama: s.Nama}}
	} else if m.desa != nil {
		if desa, err = m.desa.DesaIn(ctx, wilayah); err != nil {
			return StatusWilayah{}, err
		}
	}
	rows := map[tenancy.Kode]*StatusBaris{}
	add := func(d DesaInfo) {
		if _, ok := rows[d.Kode]; !ok && wilayah.Contains(d.Kode) {
			rows[d.Kode] = &StatusBaris{Kode: d.Kode, Nama: d.Nama, NamaKecamatan: d.NamaKecamatan}
		}
	}
	for _, d := range desa {
		add(d)
	}
	// A desa with cameras the wilayah list lacks is still counted.
	for _, k := range s.kamera[2].Kamera {
		add(DesaInfo{Kode: k.Desa, Nama: string(k.Desa)})
	}
	for _, k := range s.kamera[2].Kamera {
		r := rows[k.Desa]
		r.Kamera++
		if k.Status == StatusAktif {
			r.KameraAktif++
		}
	}
	for i, u := range s.kamera {
		for _, d := range u.Desa {
			if r := rows[d.Desa]; r != nil {
				setJendela(&r.UptimeTiga, i, jendela(d.UptimeAngka))
			}
		}
	}
	for _, mt := range mati {
		r := rows[mt.Desa]
		if r == nil {
			continue
		}
		r.Mati++
		s.mati = append(s.mati, MatiWilayah{Mati: mt, NamaDesa: r.Nama, NamaKecamatan: r.NamaKecamatan})
	}

	for _, r := range rows {
		s.Desa = append(s.Desa, *r)
	}
	slices.SortFunc(s.Desa, func(a, b StatusBaris) int { return strings.Compare(string(a.Kode), string(b.Kode)) })

	// Kecamatan rows (kabupaten) and the total add the probes up, so a
	// camera probed more often weighs more, as Uptime's desa do.
	kec := map[tenancy.Kode]*StatusBaris{}
	var kecOrder []tenancy.Kode
	angka := [3]map[tenancy.Kode]*UptimeAngka{{}, {}, {}}
	var total [3]UptimeAngka
	for i, u := range s.kamera {
		for _, d := range u.Desa {
			k := d.Desa.Up(tenancy.Kecamatan)
			if angka[i][k] == nil {
				angka[i][k] = &UptimeAngka{}
			}
			angka[i][k].Probe += d.Probe
			angka[i][k].Naik += d.Naik
			total[i].Probe += d.Probe
			total[i].Naik += d.Naik
		}
	}
	for _, r := range s.Desa {
		s.Total.Kamera += r.Kamera
		s.Total.KameraAktif += r.KameraAktif
		s.Total.Mati += r.Mati
		if wilayah.Level() != tenancy.Kabupaten {
			continue
		}
		k := r.Kode.Up(tenancy.Kecamatan)
		if kec[k] == nil {
			nama := r.NamaKecamatan
			if nama == "" {
				nama = string(k)
			}
			kec[k] = &StatusBaris{Kode: k, Nama: nama}
			kecOrder = append(kecOrder, k)
		}
		kec[k].Kamera += r.Kamera
		kec[k].KameraAktif += r.KameraAktif
		kec[k].Mati += r.Mati
	}
	for i := range 3 {
		setJendela(&s.Total.UptimeTiga, i, jendela(total[i]))
	}
	slices.Sort(kecOrder)
	for _, k := range kecOrder {
		r := kec[k]
		for i := range 3 {
			if a := angka[i][k]; a != nil {
				setJendela(&r.UptimeTiga, i, jendela(*a))
			}
		}
		s.Kecamatan = append(s.Kecamatan, *r)
	}
	return s, nil
}

func setJendela(t *UptimeTiga, i int, w UptimeJendela) {
	switch i {
	case 0:
		t.Jam24 = w
	case 1:
		t.Hari7 = w
	default:
		t.Hari30 = w
	}
}

func (m *Module) namaWilayah(ctx context.Context, kode tenancy.Kode) string {
	if m.names != nil {
		if n, err := m.names.Nama(ctx, kode); err == nil && n != "" {
			return n
		}
	}
	return string(kode)
}

// ProbeTerakhir is a camera's latest probe.
type ProbeTerakhir struct {
	KameraID  string    `bun:"kamera_id"`
	CheckedAt time.Time `bun:"checked_at"`
	Up        bool      `bun:"up"`
	Status    string    `bun:"status"`
}

// probeTerakhir reads the latest probe of every camera of the desa in
// ctx, in one query.
func (m *Module) probeTerakhir(ctx context.Context) (map[string]ProbeTerakhir, error) {
	var rows []ProbeTerakhir
	err := m.db.ReadOne(ctx, func(ctx context.Context, tx bun.IDB) error {
		last, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("cctv_probe AS p2").
			ColumnExpr("p2.desa_id, p2.kamera_id, max(p2.checked_at) AS terakhir").
			GroupExpr("p2.desa_id, p2.kamera_id"), "p2.desa_id")
		if err != nil {
			return err
		}
		q, err := tenancy.ScopeColumn(ctx, tx.NewSelect().TableExpr("cctv_probe AS p").
			ColumnExpr("p.kamera_id, p.checked_at, p.up, p.status").
			Join("JOIN (?) AS t ON t.desa_id = p.desa_id AND t.kamera_id = p.kamera_id AND t.terakhir = p.checked_at", last),
			"p.desa_id")
		if err != nil {
			return err
		}
		return q.Scan(ctx, &rows)
	})
	out := make(map[string]ProbeTerakhir, len(rows))
	for _, r := range rows {
		r.CheckedAt = r.CheckedAt.UTC()
		out[r.KameraID] = r
	}
	return out, err
}

// NamaStatusProbe is a probe status's Bahasa label.
func NamaStatusProbe(s string) string {
	switch s {
	case "ok":
		return "Menyala"
	case "auth":
		return "Menyala (meminta kredensial)"
	case "blocked":
		return "Alamat tidak diizinkan"
	case "refused":
		return "Koneksi ditolak"
	case "timeout":
		return "Tidak menjawab"
	case "dns":
		return "Nama host tidak dikenal"
	case "unreachable":
		return "Tidak terjangkau"
	case "tls":
		return "TLS gagal"
	case "protocol":
		return "Jawaban tidak sah"
	case "invalid":
		return "Alamat stream tidak sah"
	}
	if p, kelas, ok := strings.Cut(s, "_"); ok && (p == "http" || p == "rtsp") {
		return "Menjawab " + strings.ToUpper(p) + " " + kelas
	}
	return s
}
