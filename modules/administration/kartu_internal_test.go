package administration

import (
	"html/template"
	"strings"
	"testing"
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
