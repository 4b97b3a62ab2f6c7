package kunjungan

import (
	"strings"

	"github.com/ngantor/ngantor/platform/valid"
)

type validProblems struct{ valid.Problems }

func squeezeParagraph(s string) string { return strings.TrimSpace(s) }

func checkParagraph(field, label, s string, lo, hi int) error {
	var p valid.Problems
	p.Paragraph(field, label, s, lo, hi)
	return p.Err()
}

func checkText(field, label, s string, lo, hi int) error {
	var p valid.Problems
	p.Text(field, label, s, lo, hi)
	return p.Err()
}
