package pilkades

import (
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/valid"
)

// The term of a kepala desa under the law in force, and the rule cited on
// the page and in the API.
const (
	MasaJabatanBawaan = 8
	DasarMasaJabatan  = "UU No. 3 Tahun 2024 tentang Perubahan Kedua atas UU No. 6 Tahun 2014 tentang Desa, Pasal 39"
	// AturanSeri is what the page says when the most votes are tied.
	AturanSeri = "Perolehan suara terbanyak sama: calon terpilih tidak diusulkan otomatis. Panitia menetapkannya menurut " +
		"Permendagri 112/2014 tentang Pemilihan Kepala Desa Pasal 42 (sebagaimana diubah Permendagri 65/2017) dan peraturan " +
		"daerah kabupaten; tuliskan dasar dan cara penetapannya pada alasan."
)

// Bounds of every input.
const (
	TahunMin, TahunMax = 2015, 2100
	MaksDPT            = 100_000
	MaksPanitia        = 30
	MaksTahapan        = 30
	MaksCalon          = 20
	MaksTPS            = 100
	MaksSengketa       = 50
	maksNama           = 200
	maksSK             = 200
	maksUraian         = 2000
)

// Status of an election.
const (
	StatusPersiapan  = "persiapan"
	StatusPencalonan = "pencalonan"
	StatusKampanye   = "kampanye"
	StatusPemungutan = "pemungutan"
	StatusPenetapan  = "penetapan"
	StatusDitetapkan = "ditetapkan"
	StatusDilantik   = "dilantik"
)

// statusDesa are the statuses the desa sets by hand; ditetapkan follows
// the choice of the elected candidate and dilantik the appointment.
var statusDesa = []string{StatusPersiapan, StatusPencalonan, StatusKampanye, StatusPemungutan, StatusPenetapan}

var statusLabel = map[string]string{
	StatusPersiapan: "Persiapan", StatusPencalonan: "Pencalonan", StatusKampanye: "Kampanye",
	StatusPemungutan: "Pemungutan suara", StatusPenetapan: "Penghitungan dan penetapan",
	StatusDitetapkan: "Calon terpilih ditetapkan", StatusDilantik: "Dilantik",
}

var jabatanPanitia = []string{"ketua", "sekretaris", "bendahara", "anggota"}

var statusSengketa = []string{"diajukan", "diproses", "selesai"}

// TahapanBaku are the tahapan a gelombang's form offers.
var TahapanBaku = []string{
	"Pembentukan panitia", "Pendaftaran pemilih", "Penetapan DPT", "Pendaftaran bakal calon",
	"Penetapan calon dan nomor urut", "Kampanye", "Pemungutan suara", "Penetapan calon terpilih", "Pelantikan",
}

func oneOf(v string, xs []string) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

// --- rows

type pemilihanRow struct {
	bun.BaseModel    `bun:"table:pilkades,alias:p"`
	DesaID           int64      `bun:"desa_id,pk"`
	ID               string     `bun:"id,pk"`
	GelombangID      string     `bun:"gelombang_id"`
	GelombangNama    string     `bun:"gelombang_nama"`
	Tahun            int        `bun:"tahun"`
	Status           string     `bun:"status"`
	DPT              int        `bun:"dpt"`
	MasaJabatanTahun int        `bun:"masa_jabatan_tahun"`
	PanitiaSKNomor   string     `bun:"panitia_sk_nomor"`
	PanitiaSKTanggal civil.Date `bun:"panitia_sk_tanggal"`
	TerpilihCalonID  string     `bun:"terpilih_calon_id"`
	TerpilihAlasan   string     `bun:"terpilih_alasan"`
	SKNomor          string     `bun:"sk_nomor"`
	SKTanggal        civil.Date `bun:"sk_tanggal"`
	TanggalLantik    civil.Date `bun:"tanggal_pelantikan"`
	PerangkatID      string     `bun:"perangkat_id"`
	Demo             bool       `bun:"demo"`
	CreatedBy        string     `bun:"created_by"`
	CreatedAt        time.Time  `bun:"created_at"`
	UpdatedBy        string     `bun:"updated_by"`
	UpdatedAt        time.Time  `bun:"updated_at"`
}

type panitiaRow struct {
	bun.BaseModel `bun:"table:pilkades_panitia,alias:pa"`
	DesaID        int64  `bun:"desa_id,pk"`
	PilkadesID    string `bun:"pilkades_id,pk"`
	Urut          int    `bun:"urut,pk"`
	Nama          string `bun:"nama"`
	Jabatan       string `bun:"jabatan"`
	Unsur         string `bun:"unsur"`
}

type tahapanRow struct {
	bun.BaseModel `bun:"table:pilkades_tahapan,alias:t"`
	DesaID        int64      `bun:"desa_id,pk"`
	PilkadesID    string     `bun:"pilkades_id,pk"`
	Urut          int        `bun:"urut,pk"`
	Nama          string     `bun:"nama"`
	Tenggat       civil.Date `bun:"tenggat"`
	Selesai       civil.Date `bun:"selesai"`
}

type calonRow struct {
	bun.BaseModel `bun:"table:pilkades_calon,alias:c"`
	DesaID        int64  `bun:"desa_id,pk"`
	ID            string `bun:"id,pk"`
	PilkadesID    string `bun:"pilkades_id"`
	NomorUrut     int    `bun:"nomor_urut"`
	Nama          string `bun:"nama"`
	NIK           string `bun:"nik"`
}

type tpsRow struct {
	bun.BaseModel `bun:"table:pilkades_tps,alias:s"`
	DesaID        int64  `bun:"desa_id,pk"`
	ID            string `bun:"id,pk"`
	PilkadesID    string `bun:"pilkades_id"`
	Nomor         int    `bun:"nomor"`
	Nama          string `bun:"nama"`
	DPT           int    `bun:"dpt"`
	TidakSah      int    `bun:"suara_tidak_sah"`
}

type suaraRow struct {
	bun.BaseModel `bun:"table:pilkades_suara,alias:v"`
	DesaID        int64  `bun:"desa_id,pk"`
	TPSID         string `bun:"tps_id,pk"`
	CalonID       string `bun:"calon_id,pk"`
	Suara         int    `bun:"suara"`
}

type sengketaRow struct {
	bun.BaseModel `bun:"table:pilkades_sengketa,alias:g"`
	DesaID        int64      `bun:"desa_id,pk"`
	ID            string     `bun:"id,pk"`
	PilkadesID    string     `bun:"pilkades_id"`
	Uraian        string     `bun:"uraian"`
	Tanggal       civil.Date `bun:"tanggal"`
	Status        string     `bun:"status"`
}

type gelombangRow struct {
	bun.BaseModel `bun:"table:pilkades_gelombang,alias:w"`
	DesaID        int64     `bun:"desa_id,pk"`
	ID            string    `bun:"id,pk"`
	Nama          string    `bun:"nama"`
	Tahun         int       `bun:"tahun"`
	Demo          bool      `bun:"demo"`
	CreatedBy     string    `bun:"created_by"`
	CreatedAt     time.Time `bun:"created_at"`
}

type gelombangTahapanRow struct {
	bun.BaseModel `bun:"table:pilkades_gelombang_tahapan,alias:wt"`
	DesaID        int64      `bun:"desa_id,pk"`
	GelombangID   string     `bun:"gelombang_id,pk"`
	Urut          int        `bun:"urut,pk"`
	Nama          string     `bun:"nama"`
	Tenggat       civil.Date `bun:"tenggat"`
}

// --- what the API and pages show

// PilkadesPemilihan is one election of a desa with everything entered.
type PilkadesPemilihan struct {
	ID               string              `json:"id"`
	Desa             string              `json:"desa"`
	GelombangID      string              `json:"gelombang_id"`
	GelombangNama    string              `json:"gelombang_nama"`
	Tahun            int                 `json:"tahun"`
	Status           string              `json:"status"`
	DPT              int                 `json:"dpt"`
	DPTTPS           int                 `json:"dpt_tps" doc:"Jumlah DPT semua TPS"`
	DPTSelisih       bool                `json:"dpt_selisih" doc:"Jumlah DPT per TPS tidak sama dengan DPT pemilihan"`
	MasaJabatanTahun int                 `json:"masa_jabatan_tahun"`
	DasarMasaJabatan string              `json:"dasar_masa_jabatan"`
	PanitiaSKNomor   string              `json:"panitia_sk_nomor"`
	PanitiaSKTanggal civil.Date          `json:"panitia_sk_tanggal,omitempty"`
	Panitia          []PilkadesPanitia   `json:"panitia"`
	Tahapan          []PilkadesTahapan   `json:"tahapan"`
	TahapanKini      string              `json:"tahapan_kini" doc:"Tahapan pertama yang belum selesai; kosong bila semua selesai"`
	Terlambat        int                 `json:"tahapan_terlambat" doc:"Tahapan yang lewat tenggat dan belum selesai"`
	Calon            []PilkadesCalon     `json:"calon"`
	TPS              []PilkadesTPS       `json:"tps"`
	Hasil            PilkadesHasil       `json:"hasil"`
	Sengketa         []PilkadesSengketa  `json:"sengketa"`
	Terpilih         *PilkadesTerpilih   `json:"terpilih,omitempty"`
	Pelantikan       *PilkadesPelantikan `json:"pelantikan,omitempty"`
}

// PilkadesPanitia is one member of the panitia.
type PilkadesPanitia struct {
	Nama    string `json:"nama" doc:"1–200 karakter"`
	Jabatan string `json:"jabatan" enum:"ketua,sekretaris,bendahara,anggota"`
	Unsur   string `json:"unsur" doc:"Unsur yang diwakili, mis. perangkat desa, lembaga kemasyarakatan, tokoh masyarakat; paling panjang 200 karakter"`
}

// PilkadesTahapan is one stage with its deadline.
type PilkadesTahapan struct {
	Nama      string     `json:"nama" doc:"1–200 karakter"`
	Tenggat   civil.Date `json:"tenggat"`
	Selesai   civil.Date `json:"selesai,omitempty" doc:"Tanggal tahapan selesai; kosong bila belum"`
	Terlambat bool       `json:"terlambat,omitempty" doc:"Hanya keluaran: tenggat lewat dan belum selesai"`
}

// PilkadesCalon is a candidate with their votes.
type PilkadesCalon struct {
	ID        string `json:"id"`
	NomorUrut int    `json:"nomor_urut"`
	Nama      string `json:"nama"`
	NIK       string `json:"nik" doc:"Tersamar kecuali bagi sekretaris dan operator desa"`
	Suara     int    `json:"suara" doc:"Jumlah suara sah dari semua TPS (dihitung)"`
	PersenBP  int64  `json:"persen_bp" doc:"Persentase dari suara sah, basis poin (10000 = 100%)"`
}

// PilkadesTPS is a polling station with its results.
type PilkadesTPS struct {
	ID            string               `json:"id"`
	Nomor         int                  `json:"nomor"`
	Nama          string               `json:"nama"`
	DPT           int                  `json:"dpt"`
	Suara         []PilkadesSuaraCalon `json:"suara"`
	SuaraTidakSah int                  `json:"suara_tidak_sah"`
	SuaraSah      int                  `json:"suara_sah" doc:"Dihitung"`
	Total         int                  `json:"total" doc:"Suara sah + tidak sah (dihitung)"`
	Lebih         bool                 `json:"melebihi_dpt" doc:"Total suara melebihi DPT TPS"`
}

// PilkadesSuaraCalon is a candidate's votes at one TPS.
type PilkadesSuaraCalon struct {
	CalonID string `json:"calon_id"`
	Suara   int    `json:"suara" minimum:"0" maximum:"100000"`
}

// PilkadesHasil is the computed total.
type PilkadesHasil struct {
	SuaraSah      int      `json:"suara_sah"`
	SuaraTidakSah int      `json:"suara_tidak_sah"`
	Total         int      `json:"total"`
	PartisipasiBP int64    `json:"partisipasi_bp" doc:"Total suara / DPT, basis poin"`
	UsulanCalonID string   `json:"usulan_calon_id" doc:"Calon dengan suara terbanyak; kosong bila belum ada suara atau seri"`
	Seri          bool     `json:"seri"`
	SeriCalonID   []string `json:"seri_calon_id"`
	Aturan        string   `json:"aturan_seri,omitempty"`
}

// PilkadesSengketa is a dispute noted.
type PilkadesSengketa struct {
	ID      string     `json:"id"`
	Uraian  string     `json:"uraian"`
	Tanggal civil.Date `json:"tanggal"`
	Status  string     `json:"status"`
}

// PilkadesTerpilih is the elected candidate.
type PilkadesTerpilih struct {
	CalonID string `json:"calon_id"`
	Nama    string `json:"nama"`
	Alasan  string `json:"alasan"`
}

// PilkadesPelantikan is the SK pengangkatan and the pelantikan.
type PilkadesPelantikan struct {
	SKNomor     string     `json:"sk_nomor"`
	SKTanggal   civil.Date `json:"sk_tanggal"`
	Tanggal     civil.Date `json:"tanggal"`
	Selesai     civil.Date `json:"akhir_masa_jabatan"`
	PerangkatID string     `json:"perangkat_id" doc:"Jabatan di administrasi; kosong selama pengangkatan masih diproses"`
}

// --- inputs (one Validate each, for API and page alike)

// PilkadesBaru starts an election of the tenant desa.
type PilkadesBaru struct {
	Tahun            int `json:"tahun" minimum:"2015" maximum:"2100"`
	DPT              int `json:"dpt,omitempty" minimum:"0" maximum:"100000"`
	MasaJabatanTahun int `json:"masa_jabatan_tahun,omitempty" minimum:"0" maximum:"10" doc:"Kosong: 8 tahun (UU 3/2024 Pasal 39)"`
}

// Validate checks the input.
func (in *PilkadesBaru) Validate() error {
	var p valid.Problems
	p.Int("body.tahun", "Tahun", int64(in.Tahun), TahunMin, TahunMax)
	p.Int("body.dpt", "DPT", int64(in.DPT), 0, MaksDPT)
	if in.MasaJabatanTahun == 0 {
		in.MasaJabatanTahun = MasaJabatanBawaan
	}
	p.Int("body.masa_jabatan_tahun", "Masa jabatan", int64(in.MasaJabatanTahun), 1, 10)
	return p.Err()
}

// PilkadesUmum is an election's general data.
type PilkadesUmum struct {
	Tahun            int        `json:"tahun" minimum:"2015" maximum:"2100"`
	Status           string     `json:"status" enum:"persiapan,pencalonan,kampanye,pemungutan,penetapan" doc:"ditetapkan dan dilantik mengikuti penetapan calon terpilih dan pelantikan"`
	DPT              int        `json:"dpt" minimum:"0" maximum:"100000"`
	MasaJabatanTahun int        `json:"masa_jabatan_tahun" minimum:"1" maximum:"10" doc:"8 menurut UU 3/2024 Pasal 39; 6 untuk pemilihan menurut UU 6/2014 sebelum diubah"`
	PanitiaSKNomor   string     `json:"panitia_sk_nomor" doc:"Nomor SK panitia, paling panjang 200 karakter"`
	PanitiaSKTanggal civil.Date `json:"panitia_sk_tanggal,omitempty"`
}

// Validate checks the input; today bounds the SK date.
func (in *PilkadesUmum) Validate(today civil.Date) error {
	var p valid.Problems
	in.PanitiaSKNomor = strings.TrimSpace(in.PanitiaSKNomor)
	p.Int("body.tahun", "Tahun", int64(in.Tahun), TahunMin, TahunMax)
	if !oneOf(in.Status, statusDesa) {
		p.Add("body.status", "Status harus salah satu dari: %s.", strings.Join(statusDesa, ", "))
	}
	p.Int("body.dpt", "DPT", int64(in.DPT), 0, MaksDPT)
	p.Int("body.masa_jabatan_tahun", "Masa jabatan", int64(in.MasaJabatanTahun), 1, 10)
	p.Text("body.panitia_sk_nomor", "Nomor SK panitia", in.PanitiaSKNomor, 0, maksSK)
	p.Date("body.panitia_sk_tanggal", "Tanggal SK panitia", in.PanitiaSKTanggal, "2015-01-01", today)
	if (in.PanitiaSKNomor == "") != in.PanitiaSKTanggal.IsZero() {
		p.Add("body.panitia_sk_tanggal", "Nomor dan tanggal SK panitia diisi bersama.")
	}
	return p.Err()
}

// PilkadesPanitiaInput replaces the panitia.
type PilkadesPanitiaInput struct {
	Anggota []PilkadesPanitia `json:"anggota" maxItems:"30"`
}

// Validate checks the input.
func (in *PilkadesPanitiaInput) Validate() error {
	var p valid.Problems
	if len(in.Anggota) > MaksPanitia {
		p.Add("body.anggota", "Anggota panitia paling banyak %d orang.", MaksPanitia)
	}
	ketua := 0
	for i := range in.Anggota {
		a := &in.Anggota[i]
		a.Nama, a.Unsur = strings.TrimSpace(a.Nama), strings.TrimSpace(a.Unsur)
		f := func(s string) string { return "body.anggota[" + itoa(i) + "]." + s }
		p.Text(f("nama"), "Nama", a.Nama, 1, maksNama)
		p.Text(f("unsur"), "Unsur", a.Unsur, 0, maksNama)
		if !oneOf(a.Jabatan, jabatanPanitia) {
			p.Add(f("jabatan"), "Jabatan dalam panitia harus ketua, sekretaris, bendahara atau anggota.")
		}
		if a.Jabatan == "ketua" {
			ketua++
		}
	}
	if ketua > 1 {
		p.Add("body.anggota", "Panitia hanya mempunyai satu ketua.")
	}
	return p.Err()
}

// PilkadesTahapanInput replaces the tahapan.
type PilkadesTahapanInput struct {
	Tahapan []PilkadesTahapan `json:"tahapan" maxItems:"30"`
}

// Validate checks the input; today bounds the done dates.
func (in *PilkadesTahapanInput) Validate(today civil.Date) error {
	var p valid.Problems
	if len(in.Tahapan) > MaksTahapan {
		p.Add("body.tahapan", "Tahapan paling banyak %d.", MaksTahapan)
	}
	for i := range in.Tahapan {
		t := &in.Tahapan[i]
		t.Nama, t.Terlambat = strings.TrimSpace(t.Nama), false
		f := func(s string) string { return "body.tahapan[" + itoa(i) + "]." + s }
		p.Text(f("nama"), "Nama tahapan", t.Nama, 1, maksNama)
		p.Required(f("tenggat"), "Tenggat", !t.Tenggat.IsZero())
		p.Date(f("tenggat"), "Tenggat", t.Tenggat, "2015-01-01", "2100-12-31")
		p.Date(f("selesai"), "Tanggal selesai", t.Selesai, "2015-01-01", today)
	}
	return p.Err()
}

// PilkadesCalonInput is a candidate.
type PilkadesCalonInput struct {
	NomorUrut int    `json:"nomor_urut" minimum:"1" maximum:"20"`
	Nama      string `json:"nama" doc:"1–200 karakter"`
	NIK       string `json:"nik" doc:"16 angka; disimpan utuh, ditampilkan tersamar kecuali bagi sekretaris dan operator desa"`
}

// Validate checks the input.
func (in *PilkadesCalonInput) Validate() error {
	var p valid.Problems
	in.Nama, in.NIK = strings.TrimSpace(in.Nama), strings.TrimSpace(in.NIK)
	p.Int("body.nomor_urut", "Nomor urut", int64(in.NomorUrut), 1, MaksCalon)
	p.Text("body.nama", "Nama", in.Nama, 1, maksNama)
	p.NIK("body.nik", "NIK", in.NIK)
	return p.Err()
}

// PilkadesTPSInput is a polling station with its results (the votes of
// every candidate; those not named count 0).
type PilkadesTPSInput struct {
	Nomor         int                  `json:"nomor" minimum:"1" maximum:"100"`
	Nama          string               `json:"nama" doc:"1–200 karakter"`
	DPT           int                  `json:"dpt" minimum:"0" maximum:"100000"`
	Suara         []PilkadesSuaraCalon `json:"suara,omitempty" maxItems:"20"`
	SuaraTidakSah int                  `json:"suara_tidak_sah,omitempty" minimum:"0" maximum:"100000"`
}

// Validate checks the input: the votes cast at a TPS cannot exceed its DPT.
func (in *PilkadesTPSInput) Validate() error {
	var p valid.Problems
	in.Nama = strings.TrimSpace(in.Nama)
	p.Int("body.nomor", "Nomor TPS", int64(in.Nomor), 1, MaksTPS)
	p.Text("body.nama", "Nama TPS", in.Nama, 1, maksNama)
	p.Int("body.dpt", "DPT TPS", int64(in.DPT), 0, MaksDPT)
	p.Int("body.suara_tidak_sah", "Suara tidak sah", int64(in.SuaraTidakSah), 0, MaksDPT)
	if len(in.Suara) > MaksCalon {
		p.Add("body.suara", "Paling banyak %d calon.", MaksCalon)
	}
	total := in.SuaraTidakSah
	seen := map[string]bool{}
	for i, s := range in.Suara {
		f := "body.suara[" + itoa(i) + "]"
		p.Int(f+".suara", "Suara", int64(s.Suara), 0, MaksDPT)
		if seen[s.CalonID] {
			p.Add(f+".calon_id", "Calon disebut dua kali.")
		}
		seen[s.CalonID] = true
		total += s.Suara
	}
	if p.Empty() && total > in.DPT {
		p.Add("body.suara_tidak_sah", "Jumlah suara (%d) melebihi DPT TPS (%d).", total, in.DPT)
	}
	return p.Err()
}

// PilkadesSengketaInput is a dispute.
type PilkadesSengketaInput struct {
	Uraian  string     `json:"uraian" doc:"3–2000 karakter"`
	Tanggal civil.Date `json:"tanggal"`
	Status  string     `json:"status" enum:"diajukan,diproses,selesai"`
}

// Validate checks the input.
func (in *PilkadesSengketaInput) Validate(today civil.Date) error {
	var p valid.Problems
	in.Uraian = strings.TrimSpace(in.Uraian)
	p.Paragraph("body.uraian", "Uraian", in.Uraian, 3, maksUraian)
	p.Required("body.tanggal", "Tanggal", !in.Tanggal.IsZero())
	p.Date("body.tanggal", "Tanggal", in.Tanggal, "2015-01-01", today)
	if !oneOf(in.Status, statusSengketa) {
		p.Add("body.status", "Status harus diajukan, diproses atau selesai.")
	}
	return p.Err()
}

// PilkadesTerpilihInput states the elected candidate.
type PilkadesTerpilihInput struct {
	CalonID string `json:"calon_id" maxLength:"40"`
	Alasan  string `json:"alasan,omitempty" doc:"Wajib bila suara terbanyak seri, atau bila bukan calon bersuara terbanyak: dasar penetapannya; paling panjang 2000 karakter"`
}

// Validate checks the input.
func (in *PilkadesTerpilihInput) Validate() error {
	var p valid.Problems
	in.Alasan = strings.TrimSpace(in.Alasan)
	p.Required("body.calon_id", "Calon", strings.TrimSpace(in.CalonID) != "")
	p.Paragraph("body.alasan", "Alasan", in.Alasan, 0, maksUraian)
	return p.Err()
}

// PilkadesPelantikanInput is the SK pengangkatan and the pelantikan.
type PilkadesPelantikanInput struct {
	SKNomor   string     `json:"sk_nomor" doc:"Nomor SK bupati tentang pengangkatan, 1–200 karakter"`
	SKTanggal civil.Date `json:"sk_tanggal"`
	Tanggal   civil.Date `json:"tanggal" doc:"Tanggal pelantikan: hari pertama masa jabatan; tidak setelah hari ini"`
}

// Validate checks the input.
func (in *PilkadesPelantikanInput) Validate(today civil.Date) error {
	var p valid.Problems
	in.SKNomor = strings.TrimSpace(in.SKNomor)
	p.Text("body.sk_nomor", "Nomor SK pengangkatan", in.SKNomor, 1, maksSK)
	p.Required("body.sk_tanggal", "Tanggal SK", !in.SKTanggal.IsZero())
	p.Date("body.sk_tanggal", "Tanggal SK", in.SKTanggal, "2015-01-01", today)
	p.Required("body.tanggal", "Tanggal pelantikan", !in.Tanggal.IsZero())
	p.Date("body.tanggal", "Tanggal pelantikan", in.Tanggal, "2015-01-01", today)
	if !p.Has("body.sk_tanggal") && !p.Has("body.tanggal") {
		p.Order("Tanggal SK", in.SKTanggal, "body.tanggal", "Tanggal pelantikan", in.Tanggal)
	}
	return p.Err()
}

// PilkadesGelombangInput is a kabupaten's timeline template.
type PilkadesGelombangInput struct {
	Nama    string            `json:"nama" doc:"3–200 karakter, mis. Pilkades serentak Kabupaten Tabanan 2027"`
	Tahun   int               `json:"tahun" minimum:"2015" maximum:"2100"`
	Tahapan []PilkadesTahapan `json:"tahapan" minItems:"1" maxItems:"30" doc:"Nama dan tenggat; selesai diabaikan"`
}

// Validate checks the input.
func (in *PilkadesGelombangInput) Validate() error {
	var p valid.Problems
	in.Nama = strings.TrimSpace(in.Nama)
	p.Text("body.nama", "Nama gelombang", in.Nama, 3, maksNama)
	p.Int("body.tahun", "Tahun", int64(in.Tahun), TahunMin, TahunMax)
	if len(in.Tahapan) == 0 || len(in.Tahapan) > MaksTahapan {
		p.Add("body.tahapan", "Tahapan 1–%d.", MaksTahapan)
	}
	for i := range in.Tahapan {
		t := &in.Tahapan[i]
		t.Nama, t.Selesai, t.Terlambat = strings.TrimSpace(t.Nama), "", false
		f := func(s string) string { return "body.tahapan[" + itoa(i) + "]." + s }
		p.Text(f("nama"), "Nama tahapan", t.Nama, 1, maksNama)
		p.Required(f("tenggat"), "Tenggat", !t.Tenggat.IsZero())
		p.Date(f("tenggat"), "Tenggat", t.Tenggat, "2015-01-01", "2100-12-31")
	}
	return p.Err()
}

// PilkadesTerapkanInput names the desa a gelombang is applied to.
type PilkadesTerapkanInput struct {
	Desa             []string `json:"desa" minItems:"1" maxItems:"500" doc:"Kode desa di kabupaten gelombang"`
	MasaJabatanTahun int      `json:"masa_jabatan_tahun,omitempty" minimum:"0" maximum:"10" doc:"Kosong: 8 tahun"`
}

// Validate checks the input.
func (in *PilkadesTerapkanInput) Validate() error {
	var p valid.Problems
	if len(in.Desa) == 0 || len(in.Desa) > 500 {
		p.Add("body.desa", "Pilih 1–500 desa.")
	}
	if in.MasaJabatanTahun == 0 {
		in.MasaJabatanTahun = MasaJabatanBawaan
	}
	p.Int("body.masa_jabatan_tahun", "Masa jabatan", int64(in.MasaJabatanTahun), 1, 10)
	return p.Err()
}

// PilkadesGelombang is a gelombang with its tahapan and desa.
type PilkadesGelombang struct {
	ID      string            `json:"id"`
	Nama    string            `json:"nama"`
	Tahun   int               `json:"tahun"`
	Tahapan []PilkadesTahapan `json:"tahapan"`
	Desa    []string          `json:"desa" doc:"Desa yang sudah diterapkan"`
}

// PilkadesTerapkan reports an application.
type PilkadesTerapkan struct {
	Dibuat   []string `json:"dibuat"`
	Dilewati []string `json:"dilewati" doc:"Desa yang sudah ada di gelombang ini"`
}

// PilkadesProgres is one desa's progress, for the kabupaten.
type PilkadesProgres struct {
	Desa          string     `json:"desa"`
	NamaDesa      string     `json:"nama_desa"`
	Kecamatan     string     `json:"kecamatan"`
	PilkadesID    string     `json:"pilkades_id"`
	GelombangID   string     `json:"gelombang_id"`
	GelombangNama string     `json:"gelombang_nama"`
	Tahun         int        `json:"tahun"`
	Status        string     `json:"status"`
	TahapanKini   string     `json:"tahapan_kini"`
	TenggatKini   civil.Date `json:"tenggat_kini,omitempty"`
	Terlambat     []string   `json:"tahapan_terlambat"`
	DPT           int        `json:"dpt"`
	Calon         int        `json:"calon"`
	Terpilih      string     `json:"terpilih"`
}

func itoa(i int) string { return strconv.Itoa(i) }
