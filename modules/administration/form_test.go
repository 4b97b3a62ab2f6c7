package administration_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/page"
)

// TestRefusedAppointmentKeepsEveryValueAndShowsEachErrorAtItsField: the
// appointment form sits at the bottom of a long page. Refused, it comes
// back with every value as typed (the NIK, the dusun chosen, the status,
// the dates), a summary at the top of the form that links to each field
// at fault and opens the page there, and each message next to its own
// field — not in a list at the top of the page.
func TestRefusedAppointmentKeepsEveryValueAndShowsEachErrorAtItsField(t *testing.T) {
	s := newSite(t)
	dusun, err := s.m.CreateDusun(at(bengkel), a.DusunInput{Nama: "Bengkel Kangin", Sebutan: "banjar"})
	if err != nil {
		t.Fatal(err)
	}
	typed := url.Values{
		"jabatan": {"kepala_kewilayahan"}, "dusun_id": {dusun.ID.String()}, "status": {"plt"},
		"nama": {`I Made "Sudarsana" <Kelian>`}, "nik": {"5102063102850001"}, // 31 February
		"nip": {"19850812 201001 1 001"}, "sk_nomor": {"180/1/HK/2021"},
		"sk_tanggal": {"2030-01-01"}, "mulai": {"2021-12-20"}, "selesai": {"2027-12-20"},
	}
	status, body, _ := s.do("made", "POST", "/desa/51.02.06.2001/perangkat", typed, false)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422: %s", status, body)
	}

	// Every value is back in its field.
	for _, field := range []string{"nama", "nik", "nip", "sk_nomor", "sk_tanggal", "mulai", "selesai"} {
		input := regexp.MustCompile(`<input id="angkat-` + field + `" name="` + field + `"[^>]*>`).FindString(body)
		if input == "" {
			t.Fatalf("no input for %s", field)
		}
		if !strings.Contains(input, `value="`+templateEscape(typed.Get(field))+`"`) {
			t.Errorf("%s lost its value: %s", field, input)
		}
	}
	for _, sel := range []string{
		`<option value="kepala_kewilayahan" selected>`,
		`<option value="` + dusun.ID.String() + `" selected>`,
		`<option value="plt" selected>`,
	} {
		if !strings.Contains(body, sel) {
			t.Errorf("choice lost: %s", sel)
		}
	}

	// Each message sits between its field's label and its input, and the
	// input names it.
	for field, msg := range map[string]string{
		"nik":        "NIK tidak sah: tanggal lahir",
		"sk_tanggal": "Tanggal SK tidak boleh setelah",
	} {
		near := regexp.MustCompile(`<label for="angkat-` + field + `">[^<]*</label><p class="galat-isian" id="angkat-` + field +
			`-galat"><span class="tersembunyi">Galat: </span>([^<]*)</p>\s*<input id="angkat-` + field + `" name="` + field +
			`" aria-invalid="true" aria-describedby="angkat-` + field + `-galat"`).FindStringSubmatch(body)
		if near == nil || !strings.Contains(near[1], msg) {
			t.Errorf("%s: message %q is not next to the field", field, msg)
		}
	}
	if n := strings.Count(body, `aria-invalid="true"`); n != 2 {
		t.Errorf("%d fields marked at fault, want 2 (nik, sk_tanggal)", n)
	}

	// The summary is inside the form, after the list of posts, focused
	// when the page opens, and links to both fields.
	form := body[strings.Index(body, `<form class="formulir" method="post" action="/desa/51.02.06.2001/perangkat">`):]
	summary := regexp.MustCompile(`(?s)^<form[^>]*>\s*<div class="ringkasan-galat" id="angkat-galat" role="alert" tabindex="-1" autofocus>.*?</div>`).FindString(form)
	if summary == "" {
		t.Fatalf("the form does not open with its summary: %.400s", form)
	}
	for _, href := range []string{`href="#angkat-nik"`, `href="#angkat-sk_tanggal"`} {
		if !strings.Contains(summary, href) {
			t.Errorf("summary lacks a link %s: %s", href, summary)
		}
	}
	if strings.Contains(body, `<div class="galat" role="alert">`) {
		t.Error("the messages are also listed at the top of the page")
	}

	// Nothing was written.
	list, err := s.m.ListPerangkat(at(bengkel), a.PerangkatQuery{Params: page.Params{Limit: 10}})
	if err != nil || len(list.Items) != 0 {
		t.Fatalf("appointments after the refused form: %d %v", len(list.Items), err)
	}

	// A fresh page shows no summary and marks no field.
	status, body, _ = s.do("made", "GET", "/desa/51.02.06.2001/perangkat", nil, false)
	if status != 200 || strings.Contains(body, "ringkasan-galat") || strings.Contains(body, "aria-invalid") || strings.Contains(body, "autofocus") {
		t.Fatalf("fresh page: status %d, shows a failure", status)
	}
}

// templateEscape is how html/template writes a value into an attribute.
func templateEscape(s string) string {
	return strings.NewReplacer(`"`, "&#34;", "<", "&lt;", ">", "&gt;", "&", "&amp;", "'", "&#39;").Replace(s)
}
