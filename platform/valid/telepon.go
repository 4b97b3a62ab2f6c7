package valid

import "strings"

// Telepon reads an Indonesian mobile number as typed ("0812 3456 7890",
// "+62 812-3456-7890", "6281234567890") and gives it as +628…; "" stays
// "". Only digits, spaces and dashes (and a leading +), 9–15 digits in
// all. The form of a WhatsApp link (wa.me/628…) follows from it. A
// problem is recorded on field, named by label.
func (p *Problems) Telepon(field, label, s string) string {
	t, ok := normalTelepon(s)
	if !ok {
		p.Add(field, "%s harus nomor HP Indonesia: 08…, +628… atau 628…, 9–15 angka (boleh dengan spasi atau tanda hubung).", label)
	}
	return t
}

// NormalTelepon is Telepon for one field: the normalised number, or an
// Invalid fault on field.
func NormalTelepon(field, label, s string) (string, error) {
	var p Problems
	t := p.Telepon(field, label, s)
	return t, p.Err()
}

func normalTelepon(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	rest, plus := strings.CutPrefix(s, "+")
	var digits strings.Builder
	for _, r := range rest {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == ' ' || r == '-':
		default:
			return "", false
		}
	}
	d := digits.String()
	if len(d) < 9 || len(d) > 15 {
		return "", false
	}
	switch {
	case !plus && strings.HasPrefix(d, "08"):
		return "+62" + d[1:], true
	case strings.HasPrefix(d, "628"):
		return "+" + d, true
	}
	return "", false
}
