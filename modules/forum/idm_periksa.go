package forum

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Checking the rows of an IDM file for one year of one wilayah: the one
// validation of an IDM row, used by the API, the page and the demo seed.

// idmPeriksaan is a file checked: the rows taken (in file order), the
// flagged ones, and the rows of other years skipped.
type idmPeriksaan struct {
	rows     []IDM
	baris    []int // the line of each of rows
	tandai   []TandaIDM
	dilewati int
}

// idmPeriksa checks every row of b for tahun against the desa of wilayah
// (desa: the codes the region list has under it). Any wrong row refuses
// the whole file with an ImporIDMError listing every problem.
func idmPeriksa(b idmBerkas, wilayah tenancy.Kode, tahun int, desa map[tenancy.Kode]bool) (idmPeriksaan, error) {
	var (
		p     idmPeriksaan
		list  []KesalahanIDM
		more  int
		seen  = map[tenancy.Kode]int{}
		years = map[int]bool{}
	)
	report := func(nomor int, kolom, format string, args ...any) {
		if len(list) < maxIDMKesalahan {
			list = append(list, KesalahanIDM{Baris: nomor, Kolom: kolom, Pesan: fmt.Sprintf(format, args...)})
		} else {
			more++
		}
	}
	dibaca := 0
	for _, r := range b.baris {
		if b.adaTahun {
			t, err := idmTahun(r.sel[idmKolTahun])
			if err != nil {
				dibaca++
				report(r.nomor, "tahun", "%s", err.Error())
				continue
			}
			years[t] = true
			if t != tahun {
				p.dilewati++
				continue
			}
		}
		dibaca++
		before := len(list) + more
		kode, err := idmKodeDesa(r.sel[idmKolKode])
		switch {
		case err != nil:
			report(r.nomor, "kode desa", "%s", err.Error())
		case !wilayah.Contains(kode):
			report(r.nomor, "kode desa", "Desa %s berada di luar wilayah %s; impor hanya untuk desa wilayah ini.", kode, wilayah)
		case !desa[kode]:
			report(r.nomor, "kode desa", "Desa %s tidak terdaftar di wilayah %s.", kode, wilayah)
		default:
			if first, dup := seen[kode]; dup {
				report(r.nomor, "kode desa", "Desa %s sudah ada di baris %d; satu desa hanya satu baris per tahun.", kode, first)
			} else {
				seen[kode] = r.nomor
			}
		}
		var n [4]int
		for i, k := range []string{idmKolIKS, idmKolIKE, idmKolIKL, idmKolNilai} {
			v, err := idmAngka(r.sel[k])
			if err != nil {
				report(r.nomor, idmNamaKolom(k), "%s", err.Error())
				continue
			}
			n[i] = v
		}
		stated := ""
		if s := r.sel[idmKolStatus]; s != "" {
			st, ok := idmNormalStatus(s)
			if !ok {
				report(r.nomor, "status", "Status %q tidak dikenal; pakai %s, atau kosongkan.", idmPotong(s, 40), strings.Join(IDMStatuses, ", "))
			}
			stated = st
		}
		if len(list)+more > before {
			continue
		}
		v := IDM{Desa: kode, Tahun: tahun, IKS: idmDariSkala(n[0]), IKE: idmDariSkala(n[1]), IKL: idmDariSkala(n[2]),
			Nilai: idmDariSkala(n[3]), Status: idmStatusDari(n[3]), StatusBerkas: stated}
		if stated != "" && stated != v.Status {
			v.Beda = true
			p.tandai = append(p.tandai, TandaIDM{Baris: r.nomor, Desa: kode, Nilai: v.Nilai, Status: v.Status, StatusBerkas: stated,
				Pesan: fmt.Sprintf("Berkas menyebut %s, tetapi nilai %s termasuk %s menurut ambang Permendesa PDTT 2/2016; disimpan sebagai %s.",
					stated, idmTeksNilai(v.Nilai), v.Status, v.Status)})
		}
		p.rows = append(p.rows, v)
		p.baris = append(p.baris, r.nomor)
	}
	if len(list) > 0 {
		return idmPeriksaan{}, newImporIDMError(list, more, dibaca)
	}
	if len(p.rows) == 0 {
		ys := make([]int, 0, len(years))
		for y := range years {
			ys = append(ys, y)
		}
		slices.Sort(ys)
		var names []string
		for _, y := range ys {
			names = append(names, strconv.Itoa(y))
		}
		return idmPeriksaan{}, fault.Field("body.berkas", "Berkas tidak berisi baris tahun %d (tahun dalam berkas: %s). Pilih tahun yang sesuai.", tahun, strings.Join(names, ", "))
	}
	return p, nil
}

// idmTahun reads a year cell ("2024", or "2024.0" as a spreadsheet may
// store it).
func idmTahun(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("Tahun kosong; isi tahun IDM baris ini atau hapus kolom tahun.")
	}
	s = strings.TrimSuffix(s, ".0")
	t, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("Tahun %q tidak sah; tulis empat angka, misalnya 2024.", idmPotong(s, 20))
	}
	if t < TahunIDMMin || t > TahunIDMMax {
		return 0, fmt.Errorf("Tahun %d di luar rentang %d–%d.", t, TahunIDMMin, TahunIDMMax)
	}
	return t, nil
}

// idmKodeDesa reads a desa code written 51.02.01.2001 or 5102012001 (also
// as a number a spreadsheet stores, "5102012001" or "5.102012001E9").
func idmKodeDesa(s string) (tenancy.Kode, error) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "'"))
	if s == "" {
		return "", fmt.Errorf("Kode desa wajib diisi.")
	}
	bad := fmt.Errorf("Kode desa %q tidak sah; tulis seperti 51.02.01.2001 atau 5102012001.", idmPotong(s, 30))
	if len(s) > 30 {
		return "", bad
	}
	digits := s
	if !strings.Contains(s, ".") || strings.ContainsAny(s, "eE") {
		// A number: ten digits, maybe stored as a float.
		if strings.ContainsAny(s, "eE.") {
			r, ok := new(big.Rat).SetString(s)
			if !ok || !r.IsInt() || r.Sign() <= 0 {
				return "", bad
			}
			digits = r.Num().String()
		}
		if len(digits) != 10 {
			return "", bad
		}
		for _, c := range digits {
			if c < '0' || c > '9' {
				return "", bad
			}
		}
		s = digits[0:2] + "." + digits[2:4] + "." + digits[4:6] + "." + digits[6:10]
	}
	k, err := tenancy.ParseKode(s)
	if err != nil || k.Level() != tenancy.Desa {
		return "", bad
	}
	if !k.IsDesa() {
		return "", fmt.Errorf("%s adalah kelurahan; IDM hanya untuk desa.", k)
	}
	return k, nil
}

// idmPotong cuts text quoted back in a message.
func idmPotong(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// idmTeksNilai writes a score with four decimals and a decimal comma.
func idmTeksNilai(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 4, 64), ".", ",", 1)
}
