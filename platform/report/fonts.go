package report

import _ "embed"

// The typeface of every PDF the product prints, the letters' included:
// DejaVu Sans (fonts/SOURCE.md and fonts/LICENSE), embedded as UTF-8
// TrueType so names, places and amounts print as typed. fpdf embeds only
// the glyphs a document uses.
var (
	//go:embed fonts/DejaVuSans.ttf
	FontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	FontBold []byte
)

// FontFamily is the name the fonts are registered under in fpdf.
const FontFamily = "DejaVuSans"
