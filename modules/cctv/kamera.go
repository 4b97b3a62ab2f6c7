package cctv

import (
	"context"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/valid"
)

// Bounds of a camera's figures.
const (
	// HargaMax bounds the price of one camera with its installation:
	// Rp 1 miliar, far above a desa camera (a few million rupiah) or an
	// ANPR traffic camera (a few hundred million).
	HargaMax int64 = 1_000_000_000
	// RetensiMaxHari bounds how long recordings are kept; 0 means the
	// camera records nothing (live only).
	RetensiMaxHari = 365
	// TahunMin is the earliest installation or budget year; network
	// cameras in desa date from well after it.
	TahunMin = 2000
	// StreamURLMax bounds a stream URL's length.
	StreamURLMax = 500
)

// KameraData is what a user types about a camera, on the forms and in the
// API alike. Degrees are decimal text ("-8,5401" or "-8.5401"). The
// stream's credentials are not here: they have their own fields, sealed
// before they are stored (never part of the URL).
type KameraData struct {
	Nama          string     `json:"nama" maxLength:"100" example:"Simpang Pasar Bengkel" doc:"3–100 karakter, unik di desa ini"`
	Dusun         string     `json:"dusun,omitempty" maxLength:"100" doc:"Banjar atau dusun"`
	Lintang       string     `json:"lintang" maxLength:"30" example:"-8.5401" doc:"Derajat desimal (titik atau koma)"`
	Bujur         string     `json:"bujur" maxLength:"30" example:"115.1234" doc:"Derajat desimal (titik atau koma)"`
	Pantauan      string     `json:"pantauan,omitempty" maxLength:"300" doc:"Apa yang dipantau, misalnya simpang jalan menuju pasar"`
	Tujuan        string     `json:"tujuan" enum:"keamanan,lalu_lintas,sampah_liar,bencana,fasilitas_umum"`
	Pemilik       string     `json:"pemilik" enum:"desa_dinas,desa_adat,swasta"`
	Perjanjian    string     `json:"perjanjian,omitempty" maxLength:"500" doc:"Wajib bila pemilik swasta: perjanjian pemakaian (nomor, tanggal, isi singkat)"`
	KegiatanKode  string     `json:"kegiatan_kode,omitempty" maxLength:"20" example:"01.01.02" doc:"Kode kegiatan APBDes yang mendanai"`
	TahunAnggaran int        `json:"tahun_anggaran,omitempty" minimum:"0" maximum:"2100" doc:"Tahun APBDes yang mendanai; wajib bila kode kegiatan diisi"`
	Harga         int64      `json:"harga,omitempty" minimum:"0" maximum:"1000000000" doc:"Harga kamera dan pemasangan, rupiah"`
	TanggalPasang civil.Date `json:"tanggal_pasang" doc:"Tanggal pemasangan"`
	RetensiHari   int        `json:"retensi_hari" minimum:"0" maximum:"365" doc:"Lama rekaman disimpan (hari); 0 berarti tidak merekam"`
	LokasiRekaman string     `json:"lokasi_rekaman,omitempty" maxLength:"200" doc:"Tempat rekaman disimpan; wajib bila merekam"`
	StreamURL     string     `json:"stream_url" maxLength:"500" example:"rtsp://10.20.0.15:554/stream1" doc:"Alamat stream RTSP atau HTTP/HLS tanpa nama pengguna dan kata sandi"`
	Status        string     `json:"status,omitempty" enum:"aktif,nonaktif" doc:"Bawaan aktif; hanya kamera aktif yang diperiksa"`
}

var (
	kameraTujuanSah  = map[string]bool{TujuanKeamanan: true, TujuanLaluLintas: true, TujuanSampahLiar: true, TujuanBencana: true, TujuanFasilitasUmum: true}
	kameraPemilikSah = map[string]bool{PemilikDesaDinas: true, PemilikDesaAdat: true, PemilikSwasta: true}
	kameraSchemeSah  = map[string]bool{"rtsp": true, "rtsps": true, "http": true, "https": true}
	kegiatanPola     = regexp.MustCompile(`^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$`)
	// Query keys cameras take credentials in (…/snapshot.cgi?user=admin&pwd=…).
	kameraQueryRahasia = map[string]bool{"user": true, "username": true, "usr": true, "login": true,
		"pass": true, "password": true, "passwd": true, "pwd": true}
)

// pesanKredensialDiURL is the refusal of a URL that carries credentials.
const pesanKredensialDiURL = "Jangan tulis nama pengguna atau kata sandi di alamat stream. " +
	"Hapus bagian itu dari alamat dan isi di kolom kredensial kamera: kredensial disimpan terenkripsi, alamat stream tidak."

// PeriksaKamera is the one validation of a camera: it checks d and puts
// the values into k (the fields users set; ids, stamps and the sealed
// credentials are the caller's). Field names are bare ("nama"); the API
// prefixes "body.". hariIni is the desa's date today. The kegiatan code
// is checked here for its shape only; Module.CekKegiatan looks it up.
func PeriksaKamera(d KameraData, hariIni civil.Date, k *Kamera) error {
	var p valid.Problems
	k.Nama = strings.Join(strings.Fields(d.Nama), " ")
	p.Text("nama", "Nama kamera", k.Nama, 3, 100)
	k.Dusun = strings.Join(strings.Fields(d.Dusun), " ")
	p.Text("dusun", "Banjar/dusun", k.Dusun, 0, 100)
	k.Pantauan = strings.TrimSpace(d.Pantauan)
	p.Text("pantauan", "Yang dipantau", k.Pantauan, 0, 300)

	k.LintangE6, k.BujurE6 = 0, 0
	var err error
	if strings.TrimSpace(d.Lintang) == "" {
		p.Add("lintang", "Lintang wajib diisi (derajat desimal, misalnya -8,5401).")
	} else if k.LintangE6, err = valid.ParseDerajat("lintang", "Lintang", d.Lintang, valid.LintangMinE6, valid.LintangMaxE6); err != nil {
		p.Include("lintang", err)
	}
	if strings.TrimSpace(d.Bujur) == "" {
		p.Add("bujur", "Bujur wajib diisi (derajat desimal, misalnya 115,1234).")
	} else if k.BujurE6, err = valid.ParseDerajat("bujur", "Bujur", d.Bujur, valid.BujurMinE6, valid.BujurMaxE6); err != nil {
		p.Include("bujur", err)
	}

	k.Tujuan = strings.TrimSpace(d.Tujuan)
	if !kameraTujuanSah[k.Tujuan] {
		p.Add("tujuan", "Pilih tujuan kamera: keamanan, lalu lintas, sampah liar, bencana atau fasilitas umum.")
	}
	k.Pemilik = strings.TrimSpace(d.Pemilik)
	if !kameraPemilikSah[k.Pemilik] {
		p.Add("pemilik", "Pilih pemilik kamera: desa dinas, desa adat atau swasta.")
	}
	k.Perjanjian = strings.TrimSpace(d.Perjanjian)
	if k.Pemilik == PemilikSwasta && k.Perjanjian == "" {
		p.Add("perjanjian", "Kamera milik swasta dipakai dengan perjanjian: catat nomor, tanggal dan isi singkatnya.")
	} else {
		p.Paragraph("perjanjian", "Catatan perjanjian", k.Perjanjian, 0, 500)
	}

	k.KegiatanKode = strings.TrimSpace(d.KegiatanKode)
	if k.KegiatanKode != "" && !kegiatanPola.MatchString(k.KegiatanKode) {
		p.Add("kegiatan_kode", "Kode kegiatan ditulis bidang.sub bidang.kegiatan, misalnya 01.01.02.")
	}
	k.TahunAnggaran = d.TahunAnggaran
	tahunKini := hariIni.Year()
	switch {
	case d.TahunAnggaran == 0 && k.KegiatanKode != "":
		p.Add("tahun_anggaran", "Isi tahun anggaran kegiatan yang mendanai kamera.")
	case d.TahunAnggaran != 0:
		p.Int("tahun_anggaran", "Tahun anggaran", int64(d.TahunAnggaran), TahunMin, int64(tahunKini))
	}
	k.Harga = d.Harga
	p.Int("harga", "Harga", d.Harga, 0, HargaMax)

	k.TanggalPasang = d.TanggalPasang
	if d.TanggalPasang.IsZero() {
		p.Add("tanggal_pasang", "Tanggal pemasangan wajib diisi.")
	} else {
		p.Date("tanggal_pasang", "Tanggal pemasangan", d.TanggalPasang, civil.Date(strconv.Itoa(TahunMin)+"-01-01"), hariIni)
	}

	k.RetensiHari = d.RetensiHari
	p.Int("retensi_hari", "Lama rekaman disimpan (hari)", int64(d.RetensiHari), 0, RetensiMaxHari)
	k.LokasiRekaman = strings.TrimSpace(d.LokasiRekaman)
	if d.RetensiHari > 0 && k.LokasiRekaman == "" {
		p.Add("lokasi_rekaman", "Isi tempat rekaman disimpan (misalnya NVR di kantor desa).")
	} else {
		p.Text("lokasi_rekaman", "Tempat rekaman disimpan", k.LokasiRekaman, 0, 200)
	}

	k.StreamURL = ""
	if u, err := ParseStreamURL("stream_url", d.StreamURL); err != nil {
		p.Include("stream_url", err)
	} else {
		k.StreamURL = u
	}

	k.Status = strings.TrimSpace(d.Status)
	if k.Status == "" {
		k.Status = StatusAktif
	}
	if k.Status != StatusAktif && k.Status != StatusNonaktif {
		p.Add("status", "Pilih status aktif atau nonaktif.")
	}
	return p.Err()
}

// ParseStreamURL checks a camera's stream address and returns it in its
// stored form (scheme and host in lower case). It must be absolute, with
// scheme rtsp, rtsps, http or https, a host, and no credentials: a
// user:password@ part or a user/password query parameter is refused,
// since the URL is stored in clear and the credentials sealed apart.
func ParseStreamURL(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	contoh := "misalnya rtsp://10.20.0.15:554/stream1 atau https://cctv.example.id/live/index.m3u8"
	if s == "" {
		return "", fault.Field(field, "Alamat stream wajib diisi, %s.", contoh)
	}
	if len(s) > StreamURLMax {
		return "", fault.Field(field, "Alamat stream maksimal %s karakter.", valid.Angka(StreamURLMax))
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return "", fault.Field(field, "Alamat stream tidak boleh berisi spasi atau karakter kendali.")
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Opaque != "" {
		// A URL with credentials that fails to parse (a password holding
		// "/" or "#") still carries them: say so rather than "unreadable".
		if strings.Contains(s, "@") {
			return "", fault.Field(field, "%s", pesanKredensialDiURL)
		}
		return "", fault.Field(field, "Alamat stream tidak dapat dibaca; tulis lengkap dengan awalannya, %s.", contoh)
	}
	if u.User != nil {
		return "", fault.Field(field, "%s", pesanKredensialDiURL)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if !kameraSchemeSah[u.Scheme] {
		return "", fault.Field(field, "Alamat stream harus diawali rtsp://, rtsps://, http:// atau https://.")
	}
	host := u.Hostname()
	if host == "" {
		return "", fault.Field(field, "Alamat stream tidak menyebut alamat kamera, %s.", contoh)
	}
	if port := u.Port(); port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return "", fault.Field(field, "Port pada alamat stream harus antara 1 dan 65.535.")
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return "", fault.Field(field, "Port pada alamat stream harus antara 1 dan 65.535.")
	}
	for key := range u.Query() {
		if kameraQueryRahasia[strings.ToLower(key)] {
			return "", fault.Field(field, "%s", pesanKredensialDiURL)
		}
	}
	if u.Fragment != "" || strings.Contains(s, "#") {
		return "", fault.Field(field, "Alamat stream tidak boleh memuat bagian setelah tanda #.")
	}
	if ip := net.ParseIP(host); ip == nil && !hostnameSah(host) {
		return "", fault.Field(field, "Nama host pada alamat stream tidak sah.")
	}
	u.Host = strings.ToLower(u.Host)
	return u.String(), nil
}

// hostnameSah reports whether h is a DNS name of letters, digits, hyphens
// and dots (RFC 1123), each label 1–63 characters.
func hostnameSah(h string) bool {
	if len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// CekKegiatan refuses a kegiatan code keuangan's list does not know for
// the camera's budget year (when the module has the list; without one
// only the shape is checked, by PeriksaKamera).
func (m *Module) CekKegiatan(ctx context.Context, k Kamera) error {
	if m.kegiatan == nil || k.KegiatanKode == "" || k.TahunAnggaran == 0 {
		return nil
	}
	_, ok, err := m.kegiatan.NamaKegiatan(ctx, k.KegiatanKode, k.TahunAnggaran)
	if err != nil {
		return err
	}
	if !ok {
		return fault.Invalids([]*fault.Error{fault.Field("kegiatan_kode",
			"Kode kegiatan %s tidak ada dalam daftar kegiatan APBDes tahun %d.", k.KegiatanKode, k.TahunAnggaran)})
	}
	return nil
}

// Kinds of who may open a live link.
const (
	PenerimaRole      = "role"
	PenerimaOPD       = "opd"
	PenerimaKabupaten = "kabupaten"
	// CommandCentre is the kabupaten's command centre
	// ("kabupaten:command_centre").
	CommandCentre = "command_centre"
)

// ParsePenerima checks one entry of a camera's access list and returns it
// in its stored form: "role:<role>" for a role holding PermLihat by its
// template (perbekel, sekdes, camat, bupati, opd as a whole),
// "opd:<KODE>" for one OPD of DaftarOPD, or "kabupaten:command_centre".
func ParsePenerima(field, s string) (string, error) {
	kind, name, ok := strings.Cut(strings.TrimSpace(s), ":")
	kind, name = strings.ToLower(strings.TrimSpace(kind)), strings.TrimSpace(name)
	switch {
	case ok && kind == PenerimaRole:
		r := authz.Role(strings.ToLower(name))
		if !r.Valid() || !roleMelihat(r) {
			return "", fault.Field(field, "Peran %q tidak dapat diberi akses tautan langsung kamera.", name)
		}
		return PenerimaRole + ":" + string(r), nil
	case ok && kind == PenerimaOPD:
		kode := opdKode(name)
		if opdErr != nil {
			return "", opdErr
		}
		if !opdAda(kode) {
			return "", fault.Field(field, "OPD %q tidak ada dalam daftar perangkat daerah.", name)
		}
		return PenerimaOPD + ":" + kode, nil
	case ok && kind == PenerimaKabupaten && strings.ToLower(name) == CommandCentre:
		return PenerimaKabupaten + ":" + CommandCentre, nil
	}
	return "", fault.Field(field, "Penerima akses ditulis role:<peran>, opd:<kode OPD> atau kabupaten:command_centre, misalnya opd:SATPOLPP.")
}

// roleMelihat reports whether role r holds PermLihat by the templates.
func roleMelihat(r authz.Role) bool {
	for _, p := range Templates()[r] {
		if p == PermLihat {
			return true
		}
	}
	return false
}
