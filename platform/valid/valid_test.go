package valid

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
)

func TestNIKChecksDigitsRegionDateAndSerial(t *testing.T) {
	for _, tc := range []struct {
		nik string
		ok  bool
	}{
		{"5102061203850001", true},   // man born 12-03-1985
		{"5102065203850001", true},   // woman: day 12 + 40
		{"5102062902000001", true},   // 29 February
		{" 5102061203850001 ", true}, // spaces around are ignored
		{"510206120385000", false},   // 15 digits
		{"51020612038500012", false},
		{"51020612O3850001", false}, // letter O
		{"0902061203850001", false}, // no province 09
		{"5100061203850001", false}, // kabupaten 00
		{"5102001203850001", false}, // kecamatan 00
		{"5102061234850001", false}, // month 34
		{"5102063203850001", false}, // day 32
		{"5102067203850001", false}, // woman day 32
		{"5102063102850001", false}, // 31 February
		{"5102061203850000", false}, // serial 0000
	} {
		n, err := ParseNIK("body.nik", tc.nik)
		if (err == nil) != tc.ok {
			t.Errorf("ParseNIK(%q) = %v, want ok=%v", tc.nik, err, tc.ok)
		}
		if err != nil && !fault.Is(err, fault.Invalid) {
			t.Errorf("ParseNIK(%q) error is not Invalid: %v", tc.nik, err)
		}
		if tc.ok && n.Full() != strings.TrimSpace(tc.nik) {
			t.Errorf("ParseNIK(%q) = %q", tc.nik, n.Full())
		}
	}
}

func TestNIKPrintsMaskedAndKnowsWomenAndBirth(t *testing.T) {
	n, err := ParseNIK("nik", "5102065203850001")
	if err != nil {
		t.Fatal(err)
	}
	if got := n.String(); got != "5102**********01" {
		t.Errorf("String = %q", got)
	}
	if !n.Perempuan() {
		t.Error("day 52 is a woman")
	}
	if !n.MatchesBirth("1985-03-12") || n.MatchesBirth("1985-03-13") {
		t.Error("MatchesBirth does not follow the date part")
	}
}

func TestTextRefusesControlCharactersAndLength(t *testing.T) {
	for _, tc := range []struct {
		s         string
		multiline bool
		ok        bool
	}{
		{"I Made Sudarma", false, true},
		{"baris\nkedua", true, true},
		{"baris\nkedua", false, false},
		{"nul\x00", true, false},
		{"esc\x1b[31m", false, false},
		{"c1\u0085", false, false},
		{"bad utf8 \xff", false, false},
		{"nonchar \uFFFE", false, false},
		{"", false, false}, // required
		{strings.Repeat("é", 100), false, true},
		{strings.Repeat("é", 101), false, false},
	} {
		var p Problems
		if tc.multiline {
			p.Paragraph("body.x", "Isian", tc.s, 1, 100)
		} else {
			p.Text("body.x", "Isian", tc.s, 1, 100)
		}
		if p.Empty() != tc.ok {
			t.Errorf("%q multiline=%v: problems=%v, want ok=%v", tc.s, tc.multiline, p.Err(), tc.ok)
		}
	}
}

func TestProblemsListEveryField(t *testing.T) {
	var p Problems
	p.Text("body.nama", "Nama", "", 1, 10)
	p.Int("body.jumlah", "Jumlah", 5_000_000_000, 0, 1_000_000)
	p.Order("Tanggal SK", civil.Date("2026-02-01"), "body.mulai", "Mulai menjabat", civil.Date("2026-01-01"))
	p.Date("body.lahir", "Tanggal lahir", civil.Date("2030-01-01"), "", civil.Date("2026-12-01"))
	m := fault.FieldMessages(p.Err())
	for _, f := range []string{"body.nama", "body.jumlah", "body.mulai", "body.lahir"} {
		if m[f] == "" {
			t.Errorf("no message for %s in %v", f, m)
		}
	}
	if !strings.Contains(m["body.jumlah"], "1.000.000") {
		t.Errorf("bounds not in Indonesian format: %q", m["body.jumlah"])
	}
}

func TestMaskName(t *testing.T) {
	if got := MaskName("I Ketut  Umbara"); got != "I K**** U*****" {
		t.Errorf("MaskName = %q", got)
	}
}

func FuzzParseNIK(f *testing.F) {
	for _, s := range []string{"5102061203850001", "5102065203850001", "", "0000000000000000", "51020612038500\x0001",
		"5102063102850001", "5102067103850001", "9602062902000001", "1101011234850001", "5102061203850000", " 5102061203850001\n", "５１０２０６１２０３８５０００１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNIK("nik", s)
		if err != nil {
			if !fault.Is(err, fault.Invalid) || fault.FieldMessages(err)["nik"] == "" {
				t.Fatalf("error %v is not Invalid on the field", err)
			}
			if d := strings.TrimSpace(s); len(d) >= 6 && strings.Contains(err.Error(), d) {
				t.Fatalf("error repeats what was typed: %v", err)
			}
			return
		}
		if len(n) != 16 || strings.Trim(string(n), "0123456789") != "" {
			t.Fatalf("accepted %q", n)
		}
		if m := n.Masked(); strings.Contains(m, string(n[4:14])) {
			t.Fatalf("mask shows the middle: %q", m)
		}
		// What was accepted is a region, a date and a serial, and parses
		// again to itself.
		if n[0:2] < "11" || n[0:2] > "96" || n[2:4] == "00" || n[4:6] == "00" || n[12:] == "0000" {
			t.Fatalf("accepted %q with no region or serial", n)
		}
		dm, ok := n.birth()
		if !ok || dm[0] < 1 || dm[0] > 31 || dm[1] < 1 || dm[1] > 12 {
			t.Fatalf("accepted %q with date part %v", n, dm)
		}
		if again, err := ParseNIK("nik", n.Full()); err != nil || again != n {
			t.Fatalf("%q does not parse again: %v", n, err)
		}
		if fmt.Sprint(n) == n.Full() || strings.Contains(fmt.Sprintf("%v %s", n, n), n.Full()) {
			t.Fatalf("%q prints in full", n)
		}
	})
}

func TestControlRefusesBrokenTextOnceDecoded(t *testing.T) {
	// encoding/json turns invalid UTF-8 into U+FFFD: refusing it is how a
	// JSON body's broken bytes are refused.
	for _, s := range []string{"rusak \uFFFD", "rusak \xff", "\xed\xa0\x80"} {
		if _, bad := Control(s, true); !bad {
			t.Errorf("Control(%q) accepted", s)
		}
	}
	if _, bad := Control("Désa Bengkel — tab\there", true); bad {
		t.Error("Control refused ordinary text")
	}
}

func TestTextInNamesEveryFieldByItsJSONPath(t *testing.T) {
	type inner struct {
		Catatan string `json:"catatan"`
	}
	type Embedded struct {
		Kode string `json:"kode"`
	}
	type input struct {
		Embedded
		Nama    string `json:"nama"`
		NoTag   string
		Hidden  string            `json:"-"`
		Misi    []string          `json:"misi"`
		Detail  *inner            `json:"detail,omitempty"`
		Extra   map[string]any    `json:"extra"`
		Labels  map[string]string `json:"labels"`
		Raw     []byte            `json:"raw"`
		private string
	}
	in := input{
		Embedded: Embedded{Kode: "51\x00"},
		Nama:     "esc\x1b[31m",
		NoTag:    "nul\x00",
		Hidden:   "\x00",
		Misi:     []string{"baik", "baris\nbaru", "rusak\uFFFD"},
		Detail:   &inner{Catatan: "\x7f"},
		Extra:    map[string]any{"a": []any{"ok", "\x00"}},
		Labels:   map[string]string{"x\x00": "y"},
		Raw:      []byte{0, 1, 2},
		private:  "\x00",
	}
	m := fault.FieldMessages(TextIn(in, "body"))
	want := []string{"body.kode", "body.nama", "body.NoTag", "body.misi[2]", "body.detail.catatan", "body.extra.a[1]", "body.labels"}
	for _, f := range want {
		if m[f] == "" {
			t.Errorf("no problem reported for %s: %v", f, m)
		}
	}
	if len(m) != len(want) {
		t.Errorf("reported %d fields, want %d: %v", len(m), len(want), m)
	}
	if !strings.Contains(m["body.nama"], "Isian nama ") {
		t.Errorf("message does not name the field as the user reads it: %q", m["body.nama"])
	}
	if err := TextIn(input{Nama: "I Made", Misi: []string{"satu\ndua"}}, "body"); err != nil {
		t.Errorf("clean input refused: %v", err)
	}
}

func FuzzTextIn(f *testing.F) {
	for _, s := range []string{"", "I Made", "\x00", "\x1b[2J", "\xff\xfe", "baris\nbaru\ttab", "\uFFFD", "\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := TextIn(map[string]any{"x": []any{s}}, "body")
		_, bad := Control(s, true)
		if (err != nil) != bad {
			t.Fatalf("TextIn and Control disagree on %q: %v", s, err)
		}
		if err != nil {
			if !fault.Is(err, fault.Invalid) || fault.FieldMessages(err)["body.x[0]"] == "" {
				t.Fatalf("error %v does not name body.x[0]", err)
			}
		}
		if !bad {
			var p Problems
			p.Paragraph("body.x", "Isian", s, 0, 0)
			if !p.Empty() {
				t.Fatalf("Paragraph refused %q that Control allows", s)
			}
		}
	})
}

func TestMilliParsesFormatsAndMultipliesExactly(t *testing.T) {
	for in, want := range map[string]int64{"12": 12000, "2,5": 2500, "2.5": 2500, "1.250": 1250000, "1.250,75": 1250750, "0,125": 125} {
		if got, err := ParseMilli("f", "Volume", in, 10); err != nil || got != want {
			t.Errorf("ParseMilli(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{"": "Volume wajib diisi.", "-1": "Volume tidak boleh negatif.",
		"dua": "Volume harus berupa angka, misalnya 12 atau 2,5.", "1,2345": "Volume paling banyak tiga angka di belakang koma.",
		"12345678901": "Volume terlalu besar."} {
		if _, err := ParseMilli("f", "Volume", in, 10); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseMilli(%q): %v, want %q", in, err, msg)
		}
	}
	if s := FormatMilli(1250750); s != "1.250,75" {
		t.Errorf("FormatMilli = %q", s)
	}
	if s := FormatMilli(-500); s != "-0,5" {
		t.Errorf("FormatMilli(-500) = %q", s)
	}
	for _, c := range []struct {
		m, p, limit, want int64
		ok                bool
	}{
		{2500, 1000, 1 << 62, 2500, true}, {1, 499, 1 << 62, 0, true}, {1, 500, 1 << 62, 1, true},
		{2000, 999, 1000, 0, false}, {-1, 1, 1 << 62, 0, false}, {1 << 62, 1 << 62, 1 << 62, 0, false},
	} {
		if got, ok := MulMilli(c.m, c.p, c.limit); got != c.want || ok != c.ok {
			t.Errorf("MulMilli(%d, %d, %d) = %d, %v; want %d, %v", c.m, c.p, c.limit, got, ok, c.want, c.ok)
		}
	}
}
