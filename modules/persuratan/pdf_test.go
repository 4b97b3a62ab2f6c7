package persuratan_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/ngantor/ngantor/modules/persuratan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

// unicodeText is what a resident's data may hold beyond cp1252: a long
// dash, Latin Extended-A and Additional letters, the rupee sign, curly
// quotes. With the core PDF fonts these vanished or turned into "?".
const unicodeText = "Ngurah Rai — Ā ă ŋ ₹ “kutip” Ṭ"

func TestPDFPrintsEveryCharacterAsTyped(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		m := newModule(t, d)
		ctx := desaCtx(bengkel)
		s, err := m.IssueLayanan(ctx, persuratan.SuratLayananBaru{Jenis: "keterangan_usaha", Pemohon: persuratan.Pemohon{
			Nama: unicodeText, NIK: "5102064508800001", Alamat: `Banjar "Tengah" \ Kaja`, Keperluan: "KUR",
			Rincian: map[string]string{"nama_usaha": `Warung "Bu Ayu"`, "jenis_usaha": "warung makan", "alamat_usaha": "Jalan Raya Bengkel"},
		}}, "u")
		if err != nil {
			t.Fatal(err)
		}
		_, b, err := m.PDF(ctx, s.ID, persuratan.Pengunduh{ID: "u"})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("/FontFile2")) || !bytes.Contains(bytes.ToLower(b), []byte("/basefont /utf8dejavusans")) {
			t.Fatal("the PDF embeds no DejaVu Sans TrueType font")
		}
		text := pdfText(t, b)
		for _, want := range []string{
			unicodeText,
			`Banjar "Tengah" \ Kaja`,
			// Quoted for the reader, never Go-escaped (%q printed \"Bu Ayu\").
			`“Warung "Bu Ayu"” yang berlokasi`,
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF's text lacks %q; it reads:\n%s", want, text)
			}
		}
		if strings.Contains(text, `\"`) {
			t.Errorf("the PDF prints Go escapes: %s", text)
		}
		// Cross-check with poppler where it is installed; the checks above
		// stand without it.
		tool, err := exec.LookPath("pdftotext")
		if err != nil {
			t.Log("pdftotext not installed: poppler cross-check skipped")
			return
		}
		path := filepath.Join(t.TempDir(), "surat.pdf")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(tool, "-layout", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		if !strings.Contains(string(out), unicodeText) {
			t.Errorf("pdftotext reads no %q in:\n%s", unicodeText, out)
		}
	})
}

// pdfText is the text the letter's content streams show, one text
// operator per line. fpdf writes a UTF-8 font's strings as UTF-16BE glyph
// codes (Identity-H, code = Unicode), so decoding them is exact; a string
// in any other encoding decodes to nonsense and fails the test.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	var out strings.Builder
	streams := regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(b, -1)
	for _, s := range streams {
		zr, err := zlib.NewReader(bytes.NewReader(s[1]))
		if err != nil {
			continue
		}
		raw, err := io.ReadAll(zr)
		if err != nil || !bytes.Contains(raw, []byte("BT")) {
			continue
		}
		for _, op := range regexp.MustCompile(`(?s)(\[.*?\]\s*TJ|\((?:\\.|[^\\)])*\)\s*Tj)`).FindAll(raw, -1) {
			for _, lit := range regexp.MustCompile(`\((?:\\.|[^\\)])*\)`).FindAll(op, -1) {
				out.WriteString(utf16BE(unescapePDF(lit[1 : len(lit)-1])))
			}
			out.WriteByte('\n')
		}
	}
	return out.String()
}

func unescapePDF(s []byte) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			out = append(out, s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		default:
			if c >= '0' && c <= '7' {
				n := 0
				for k := 0; k < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; k++ {
					n = n*8 + int(s[i]-'0')
					i++
				}
				i--
				out = append(out, byte(n))
				continue
			}
			out = append(out, c)
		}
	}
	return out
}

func utf16BE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}
