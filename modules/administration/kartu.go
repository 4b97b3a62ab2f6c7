package administration

import (
	"html/template"
	"strings"

	"github.com/ngantor/ngantor/platform/web"
)

// The perangkat page's cards are written here rather than in a range loop
// of perangkat.html: html/template calls an escaper through reflection for
// every value it prints, and with a dozen values per card and a card per
// post that was the largest part of the page's CPU (issue 9). Each value
// is escaped with template.HTMLEscapeString (the hrefs are built from the
// desa's kode and a uuid, which need no URL escaping); TestKartuMatchesTemplate
// holds the markup to the range loops it replaces.

// htmlKartu writes the cards of ks: an appointment held today, or one of
// the history when riwayat.
func htmlKartu(ks []kartuPerangkat, riwayat bool) template.HTML {
	var b strings.Builder
	b.Grow(len(ks) * 600)
	esc := func(s string) { b.WriteString(template.HTMLEscapeString(s)) }
	for _, k := range ks {
		b.WriteString("\n  <li><div>\n    <h3 class=\"judul-kartu\">")
		esc(k.Judul)
		b.WriteString("</h3>\n    <span class=\"nama\">")
		esc(k.Nama)
		b.WriteString("</span>\n    <dl class=\"rincian\">")
		if riwayat {
			b.WriteString("\n      <dt>SK</dt><dd>")
			esc(k.SK)
			b.WriteString("</dd>\n      <dt>Masa jabatan</dt><dd>")
			esc(k.Mulai)
			b.WriteString(" – ")
			esc(k.Berhenti)
			b.WriteString("</dd>")
			if k.Alasan != "" {
				b.WriteString("<dt>Alasan</dt><dd>")
				esc(k.Alasan)
				b.WriteString("</dd>")
			}
			if k.SKBerhenti != "" {
				b.WriteString("<dt>SK pemberhentian</dt><dd>")
				esc(k.SKBerhenti)
				b.WriteString("</dd>")
			}
		} else {
			b.WriteString("\n      <dt>NIK</dt><dd>")
			esc(k.NIK)
			b.WriteString("</dd>")
			if k.NIP != "" {
				b.WriteString("<dt>NIP/NIAP</dt><dd>")
				esc(k.NIP)
				b.WriteString("</dd>")
			}
			b.WriteString("\n      <dt>Status</dt><dd>")
			esc(k.Status)
			b.WriteString("</dd>\n      <dt>SK</dt><dd>")
			esc(k.SK)
			b.WriteString("<br><span class=\"catatan\">tanggal ")
			esc(k.SKTanggal)
			b.WriteString("</span></dd>\n      <dt>Masa jabatan</dt><dd>")
			esc(k.Mulai)
			b.WriteString(" – ")
			if k.Selesai != "" {
				esc(k.Selesai)
			} else {
				b.WriteString("sekarang")
			}
			b.WriteString("</dd>")
			if k.Berhenti != "" {
				b.WriteString("<dt>Berhenti</dt><dd>mulai ")
				esc(k.Berhenti)
				b.WriteString("</dd>")
			}
		}
		b.WriteString("\n    </dl>\n    <a href=\"")
		esc(k.Href)
		b.WriteString("\">")
		esc(k.Tautan)
		b.WriteString("</a>\n  </div></li>")
	}
	return template.HTML(b.String()) //nolint:gosec // every value escaped above
}

// KartuAktif and KartuRiwayat are the page's two lists of cards.
func (d perangkatData) KartuAktif() template.HTML { return htmlKartu(d.Aktif, false) }

func (d perangkatData) KartuRiwayat() template.HTML { return htmlKartu(d.Riwayat, true) }

// htmlKartuDusun writes the dusun/banjar cards with their rename and
// delete forms; base is the desa's path. The forms' parts come from
// web.Form as the template had them; ids are uuids, which need no
// escaping in an id or a path. TestKartuDusunMatchesTemplate holds the
// markup to the range loop it replaces.
func htmlKartuDusun(ks []kartuDusun, base string) template.HTML {
	var b strings.Builder
	b.Grow(len(ks) * 1500)
	esc := func(s string) { b.WriteString(template.HTMLEscapeString(s)) }
	selected := func(on bool) {
		if on {
			b.WriteString(" selected")
		}
	}
	for _, k := range ks {
		b.WriteString("\n  <li id=\"dusun-")
		esc(k.ID)
		b.WriteString("\"><div>\n    <span class=\"nama\">")
		esc(k.Judul)
		b.WriteString("</span>\n    <span class=\"catatan\">")
		esc(k.Kelian)
		b.WriteString("</span>\n    <details")
		if k.Ubah.Failed() {
			b.WriteString(" open")
		}
		b.WriteString("><summary>Ubah nama</summary>\n      <form class=\"formulir\" method=\"post\" action=\"")
		esc(base)
		b.WriteString("/dusun/")
		esc(k.ID)
		b.WriteString("\">\n        ")
		b.WriteString(string(k.Ubah.Summary()))
		b.WriteString("\n        ")
		b.WriteString(string(k.Ubah.Label("nama_dusun", k.LabelNama)))
		b.WriteString("\n        <input ")
		b.WriteString(string(k.Ubah.Attrs("nama_dusun")))
		b.WriteString(" required maxlength=\"100\" value=\"")
		esc(k.Nama)
		b.WriteString("\">\n        ")
		b.WriteString(string(k.Ubah.Label("sebutan", "Sebutan")))
		b.WriteString("\n        <select ")
		b.WriteString(string(k.Ubah.Attrs("sebutan")))
		b.WriteString(">\n          <option value=\"banjar\"")
		selected(k.Sebutan == "banjar")
		b.WriteString(">Banjar dinas</option>\n          <option value=\"dusun\"")
		selected(k.Sebutan == "dusun")
		b.WriteString(">Dusun</option>\n        </select>\n        <button type=\"submit\">Simpan nama</button>\n      </form>\n    </details>\n    <details")
		if k.Hapus.Failed() {
			b.WriteString(" open")
		}
		b.WriteString("><summary>Hapus</summary>\n      <form class=\"formulir\" method=\"post\" action=\"")
		esc(base)
		b.WriteString("/dusun/")
		esc(k.ID)
		b.WriteString("/hapus\">\n        ")
		b.WriteString(string(k.Hapus.Summary()))
		b.WriteString("\n        <p class=\"catatan\">Hanya dusun/banjar yang belum pernah dipimpin kepala kewilayahan yang dapat dihapus.</p>\n        <button type=\"submit\">Hapus ")
		esc(k.Judul)
		b.WriteString("</button>\n      </form>\n    </details>\n  </div></li>")
	}
	return template.HTML(b.String()) //nolint:gosec // every value escaped above; the forms' parts are web.Form's own HTML
}

// HTMLKartuDusun is the page's list of dusun/banjar cards.
func (d perangkatData) HTMLKartuDusun() template.HTML { return htmlKartuDusun(d.KartuDusun(), d.Base) }

// htmlOpsi writes a select's options, the chosen one selected: the
// appointment form's fourteen posts and the dusun/banjar were three
// escaper calls each in a range loop. Values and labels are escaped with
// HTMLEscapeString; TestOpsiMatchesTemplate holds it to the loop.
func htmlOpsi(os []opsi) template.HTML {
	var b strings.Builder
	b.Grow(len(os) * 64)
	for _, o := range os {
		b.WriteString(`<option value="`)
		b.WriteString(template.HTMLEscapeString(o.Value))
		b.WriteString(`"`)
		if o.Selected {
			b.WriteString(" selected")
		}
		b.WriteString(`>`)
		b.WriteString(template.HTMLEscapeString(o.Label))
		b.WriteString(`</option>`)
	}
	return template.HTML(b.String()) //nolint:gosec // every value escaped above
}

// HTMLOpsiJabatan and HTMLOpsiDusun are the appointment form's options.
func (d perangkatData) HTMLOpsiJabatan() template.HTML { return htmlOpsi(d.OpsiJabatan()) }

func (d perangkatData) HTMLOpsiDusun() template.HTML { return htmlOpsi(d.OpsiDusun()) }

// htmlFormAngkat writes the appointment form: f with its state, base the
// desa's path, jabatan and dusun the options (htmlOpsi). Its labels,
// attributes and summary are web.Form's; each value typed is escaped with
// HTMLEscapeString. TestFormAngkatMatchesTemplate holds it to the markup
// the template wrote.
func htmlFormAngkat(f web.Form, base string, jabatan, dusun template.HTML) template.HTML {
	var b strings.Builder
	b.Grow(4096)
	w := b.WriteString
	label := func(field, text string) {
		w("\n  ")
		w(string(f.Label(field, text)))
	}
	input := func(field, text, before, after string) {
		label(field, text)
		w("\n  <input ")
		w(string(f.Attrs(field)))
		w(before)
		w(`value="`)
		w(template.HTMLEscapeString(f.Get(field)))
		w(`"`)
		w(after)
		w(">")
	}
	selected := func(field, v string) {
		if f.Is(field, v) {
			w(" selected")
		}
	}
	w(`<form class="formulir" method="post" action="`)
	w(template.HTMLEscapeString(base))
	w("/perangkat\">\n  ")
	w(string(f.Summary()))
	label("jabatan", "Jabatan")
	w("\n  <select ")
	w(string(f.Attrs("jabatan")))
	w(" required>")
	w(string(jabatan))
	w("\n  </select>")
	label("dusun_id", "Dusun/banjar (khusus kepala kewilayahan)")
	w("\n  <select ")
	w(string(f.Attrs("dusun_id")))
	w(">\n    <option value=\"\">—</option>")
	w(string(dusun))
	w("\n  </select>")
	label("status", "Status")
	w("\n  <select ")
	w(string(f.Attrs("status")))
	w(">\n    <option value=\"definitif\">Definitif</option>\n    <option value=\"plt\"")
	selected("status", "plt")
	w(">Pelaksana tugas (Plt)</option>\n    <option value=\"pj\"")
	selected("status", "pj")
	w(">Penjabat (Pj) — kepala desa</option>\n  </select>")
	input("nama", "Nama lengkap", ` required maxlength="200" `, ` autocomplete="off"`)
	input("nik", "NIK (16 angka)", ` required inputmode="numeric" pattern="[0-9]{16}" maxlength="16" autocomplete="off" `, "")
	input("nip", "NIP/NIAP (bila ada)", ` maxlength="30" `, "")
	input("sk_nomor", "Nomor SK pengangkatan", ` required maxlength="200" `, "")
	input("sk_tanggal", "Tanggal SK", ` type="date" required `, "")
	input("mulai", "Mulai menjabat", ` type="date" required `, "")
	input("selesai", "Akhir masa jabatan (bila ada)", ` type="date" `, "")
	w("\n  <button type=\"submit\">Simpan</button>\n</form>")
	return template.HTML(b.String()) //nolint:gosec // every value escaped above; the rest is web.Form's own HTML
}

// HTMLFormAngkat is the page's appointment form.
func (d perangkatData) HTMLFormAngkat() template.HTML {
	return htmlFormAngkat(d.Angkat, d.Base, d.HTMLOpsiJabatan(), d.HTMLOpsiDusun())
}
