package administration

import (
	"html/template"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/ngantor/ngantor/platform/web"
)

// kartuTmpl are the range loops of perangkat.html that htmlKartu
// replaced, as they were.
var kartuTmpl = template.Must(template.New("").Parse(`
{{- define "aktif"}}
  {{- range .}}
  <li><div>
    <h3 class="judul-kartu">{{.Judul}}</h3>
    <span class="nama">{{.Nama}}</span>
    <dl class="rincian">
      <dt>NIK</dt><dd>{{.NIK}}</dd>
      {{- with .NIP}}<dt>NIP/NIAP</dt><dd>{{.}}</dd>{{end}}
      <dt>Status</dt><dd>{{.Status}}</dd>
      <dt>SK</dt><dd>{{.SK}}<br><span class="catatan">tanggal {{.SKTanggal}}</span></dd>
      <dt>Masa jabatan</dt><dd>{{.Mulai}} – {{with .Selesai}}{{.}}{{else}}sekarang{{end}}</dd>
      {{- with .Berhenti}}<dt>Berhenti</dt><dd>mulai {{.}}</dd>{{end}}
    </dl>
    <a href="{{.Href}}">{{.Tautan}}</a>
  </div></li>
  {{- end}}
{{- end}}
{{- define "riwayat"}}
  {{- range .}}
  <li><div>
    <h3 class="judul-kartu">{{.Judul}}</h3>
    <span class="nama">{{.Nama}}</span>
    <dl class="rincian">
      <dt>SK</dt><dd>{{.SK}}</dd>
      <dt>Masa jabatan</dt><dd>{{.Mulai}} – {{.Berhenti}}</dd>
      {{- with .Alasan}}<dt>Alasan</dt><dd>{{.}}</dd>{{end}}
      {{- with .SKBerhenti}}<dt>SK pemberhentian</dt><dd>{{.}}</dd>{{end}}
    </dl>
    <a href="{{.Href}}">{{.Tautan}}</a>
  </div></li>
  {{- end}}
{{- end}}`))

func TestKartuMatchesTemplate(t *testing.T) {
	nasty := `<script>alert("x")</script> & 'y' + z`
	full := Perangkat{Nama: "I Made Sudarsana", NIK: "5102061208850001", NIP: "19850812 201001 1 001", Status: Plt,
		Sebutan: "Kelian Banjar Dinas Bengkel Kangin", SKNomor: "141/1/2026", SKTanggal: "2026-01-05", Mulai: "2026-01-06",
		Selesai: "2032-01-06", TanggalBerhenti: "2026-12-31", AlasanBerhenti: "permintaan sendiri",
		SKBerhentiNomor: "Keputusan Perbekel Bengkel Nomor 5/2026"}
	bare := Perangkat{Nama: nasty, NIK: "12", Sebutan: nasty, SKNomor: nasty, SKTanggal: "2026-01-05", Mulai: "2026-01-06"}
	ks := []kartuPerangkat{
		kartu(full, "/desa/51.02.06.2001", "Rincian jabatan · berhentikan · akun"),
		kartu(bare, "/desa/51.02.06.2001", "Rincian"),
		kartu(Perangkat{Nama: nasty, AlasanBerhenti: nasty, SKBerhentiNomor: nasty, TanggalBerhenti: "2026-02-01"}, "/desa/51.02.06.2001", nasty),
	}
	for _, riwayat := range []bool{false, true} {
		name := map[bool]string{false: "aktif", true: "riwayat"}[riwayat]
		for n := 0; n <= len(ks); n++ {
			var want strings.Builder
			if err := kartuTmpl.ExecuteTemplate(&want, name, ks[:n]); err != nil {
				t.Fatal(err)
			}
			w := strings.ReplaceAll(want.String(), "&#43;", "+")
			if got := string(htmlKartu(ks[:n], riwayat)); got != w {
				t.Errorf("%s, %d cards:\n got %s\nwant %s", name, n, got, w)
			}
		}
	}
}

// dusunTmpl is the range loop of perangkat.html that htmlKartuDusun
// replaced, as it was.
var dusunTmpl = template.Must(template.New("").Parse(`
  {{- range .K}}
  {{- $u := .Ubah}}{{$h := .Hapus}}
  <li id="dusun-{{.ID}}"><div>
    <span class="nama">{{.Judul}}</span>
    <span class="catatan">{{.Kelian}}</span>
    <details{{if $u.Failed}} open{{end}}><summary>Ubah nama</summary>
      <form class="formulir" method="post" action="{{$.Base}}/dusun/{{.ID}}">
        {{$u.Summary}}
        {{$u.Label "nama_dusun" .LabelNama}}
        <input {{$u.Attrs "nama_dusun"}} required maxlength="100" value="{{.Nama}}">
        {{$u.Label "sebutan" "Sebutan"}}
        <select {{$u.Attrs "sebutan"}}>
          <option value="banjar"{{if eq .Sebutan "banjar"}} selected{{end}}>Banjar dinas</option>
          <option value="dusun"{{if eq .Sebutan "dusun"}} selected{{end}}>Dusun</option>
        </select>
        <button type="submit">Simpan nama</button>
      </form>
    </details>
    <details{{if $h.Failed}} open{{end}}><summary>Hapus</summary>
      <form class="formulir" method="post" action="{{$.Base}}/dusun/{{.ID}}/hapus">
        {{$h.Summary}}
        <p class="catatan">Hanya dusun/banjar yang belum pernah dipimpin kepala kewilayahan yang dapat dihapus.</p>
        <button type="submit">Hapus {{.Judul}}</button>
      </form>
    </details>
  </div></li>
  {{- end}}`))

func TestKartuDusunMatchesTemplate(t *testing.T) {
	nasty := `<script>alert("x")</script> & 'y' + z`
	a := uuid.MustParse("01a2315b-058e-73e6-914a-c87c6b515375")
	c := uuid.MustParse("01a2315b-058e-73e9-af04-287bbc3c5dae")
	d := perangkatData{Base: "/desa/51.02.06.2001", Kelian: map[string]string{a.String(): "Plt. " + nasty},
		Dusun: []Dusun{{ID: a, Nama: "Bengkel Kangin", Sebutan: SebutanBanjar}, {ID: c, Nama: nasty, Sebutan: "dusun"}}}
	ubah := web.NewForm("dusun-"+c.String(), url.Values{"nama_dusun": {nasty}, "sebutan": {"banjar"}})
	ubah.AddError("nama_dusun", "Nama "+nasty+" sudah ada.")
	hapus := web.NewForm("hapus-"+a.String(), url.Values{})
	hapus.AddError("", "Masih dipimpin "+nasty+".")
	for _, f := range []web.Form{web.NewForm("", nil), ubah, hapus, web.NewForm("dusun", nil)} {
		d.FormDusun = f
		ks := d.KartuDusun()
		var want strings.Builder
		if err := dusunTmpl.Execute(&want, struct {
			Base string
			K    []kartuDusun
		}{d.Base, ks}); err != nil {
			t.Fatal(err)
		}
		// "+" is "&#43;" where html/template wrote it (the forms'
		// summaries still do), "+" where HTMLEscapeString did.
		plus := strings.NewReplacer("&#43;", "+")
		w := plus.Replace(want.String())
		if got := plus.Replace(string(htmlKartuDusun(ks, d.Base))); got != w {
			t.Errorf("form %q:\n got %s\nwant %s", f.Name, got, w)
		}
	}
}

func TestOpsiMatchesTemplate(t *testing.T) {
	loop := template.Must(template.New("").Parse(
		`{{- range .}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}`))
	nasty := `<script>alert("x")</script> & 'y' + z`
	for _, os := range [][]opsi{
		nil,
		{{Value: "kepala_desa", Label: "Perbekel"}, {Value: "kaur_keuangan", Label: "Kaur Keuangan", Selected: true}},
		{{Value: nasty, Label: nasty, Selected: true}, {Value: "01a2315b-058e-73e6-914a-c87c6b515375", Label: "Banjar Dinas Kaja"}},
	} {
		var want strings.Builder
		if err := loop.Execute(&want, os); err != nil {
			t.Fatal(err)
		}
		if got, w := string(htmlOpsi(os)), strings.ReplaceAll(want.String(), "&#43;", "+"); got != w {
			t.Errorf("options %v:\n got %s\nwant %s", os, got, w)
		}
	}
}

// angkatTmpl is the appointment form as perangkat.html had it.
var angkatTmpl = template.Must(template.New("").Parse(`{{- $f := .Angkat -}}
<form class="formulir" method="post" action="{{.Base}}/perangkat">
  {{$f.Summary}}
  {{$f.Label "jabatan" "Jabatan"}}
  <select {{$f.Attrs "jabatan"}} required>
    {{- .HTMLOpsiJabatan}}
  </select>
  {{$f.Label "dusun_id" "Dusun/banjar (khusus kepala kewilayahan)"}}
  <select {{$f.Attrs "dusun_id"}}>
    <option value="">—</option>
    {{- .HTMLOpsiDusun}}
  </select>
  {{$f.Label "status" "Status"}}
  <select {{$f.Attrs "status"}}>
    <option value="definitif">Definitif</option>
    <option value="plt"{{if $f.Is "status" "plt"}} selected{{end}}>Pelaksana tugas (Plt)</option>
    <option value="pj"{{if $f.Is "status" "pj"}} selected{{end}}>Penjabat (Pj) — kepala desa</option>
  </select>
  {{$f.Label "nama" "Nama lengkap"}}
  <input {{$f.Attrs "nama"}} required maxlength="200" value="{{$f.Get "nama"}}" autocomplete="off">
  {{$f.Label "nik" "NIK (16 angka)"}}
  <input {{$f.Attrs "nik"}} required inputmode="numeric" pattern="[0-9]{16}" maxlength="16" autocomplete="off" value="{{$f.Get "nik"}}">
  {{$f.Label "nip" "NIP/NIAP (bila ada)"}}
  <input {{$f.Attrs "nip"}} maxlength="30" value="{{$f.Get "nip"}}">
  {{$f.Label "sk_nomor" "Nomor SK pengangkatan"}}
  <input {{$f.Attrs "sk_nomor"}} required maxlength="200" value="{{$f.Get "sk_nomor"}}">
  {{$f.Label "sk_tanggal" "Tanggal SK"}}
  <input {{$f.Attrs "sk_tanggal"}} type="date" required value="{{$f.Get "sk_tanggal"}}">
  {{$f.Label "mulai" "Mulai menjabat"}}
  <input {{$f.Attrs "mulai"}} type="date" required value="{{$f.Get "mulai"}}">
  {{$f.Label "selesai" "Akhir masa jabatan (bila ada)"}}
  <input {{$f.Attrs "selesai"}} type="date" value="{{$f.Get "selesai"}}">
  <button type="submit">Simpan</button>
</form>`))

func TestFormAngkatMatchesTemplate(t *testing.T) {
	nasty := `<script>alert("x")</script> & 'y' + z`
	bad := web.NewForm("angkat", url.Values{"jabatan": {"kaur_keuangan"}, "nama": {nasty}, "nik": {"12"}, "status": {"pj"},
		"sk_nomor": {nasty}, "sk_tanggal": {"2026-02-31"}, "selesai": {nasty}})
	bad.AddError("nik", "NIK harus 16 angka.")
	bad.AddError("sk_tanggal", "Tanggal SK "+nasty+" tidak sah.")
	bad.AddError("", "Jabatan "+nasty+" masih dijabat.")
	plt := web.NewForm("angkat", url.Values{"status": {"plt"}})
	jabatan := htmlOpsi([]opsi{{Value: "kepala_desa", Label: "Perbekel"}, {Value: "kaur_keuangan", Label: nasty, Selected: true}})
	dusun := htmlOpsi([]opsi{{Value: "01a2315b-058e-73e6-914a-c87c6b515375", Label: "Banjar Dinas Kaja"}})
	for _, f := range []web.Form{web.NewForm("angkat", nil), bad, plt} {
		var want strings.Builder
		if err := angkatTmpl.Execute(&want, struct {
			Base                           string
			Angkat                         web.Form
			HTMLOpsiJabatan, HTMLOpsiDusun template.HTML
		}{"/desa/51.02.06.2001", f, jabatan, dusun}); err != nil {
			t.Fatal(err)
		}
		plus := strings.NewReplacer("&#43;", "+")
		if got, w := plus.Replace(string(htmlFormAngkat(f, "/desa/51.02.06.2001", jabatan, dusun))), plus.Replace(want.String()); got != w {
			t.Errorf("form %v:\n got %s\nwant %s", f.Values, got, w)
		}
	}
}
