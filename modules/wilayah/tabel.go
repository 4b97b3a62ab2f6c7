package wilayah

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/indicator"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The desa table of a kecamatan or kabupaten: one row per desa, one column
// per indicator its user may see, read from the modules' indicator
// providers (platform/indicator) for the whole wilayah at once. The module
// reads no other module's tables and imports no other module.

// Sort keys that are not indicators.
const (
	UrutKode      = "kode"
	UrutNama      = "nama"
	UrutKecamatan = "kecamatan"
)

// TabelQuery chooses the rows and their order.
type TabelQuery struct {
	// Kecamatan keeps the desa of one kecamatan of a kabupaten; "" keeps
	// all.
	Kecamatan string
	// Urut is a column key (UrutKode when empty); Turun sorts descending.
	Urut  string
	Turun bool
}

// Kolom is a column of indicator values.
type Kolom struct {
	Kunci  string         `json:"kunci" doc:"Nama kolom untuk urut= dan kunci dalam nilai"`
	Nama   string         `json:"nama"`
	Jenis  indicator.Kind `json:"jenis" enum:"count,text,time"`
	Satuan string         `json:"satuan,omitempty"`
}

// Baris is one desa with its values by column key; a missing key means the
// source has no data for the desa.
type Baris struct {
	Kode          tenancy.Kode `json:"kode"`
	Nama          string       `json:"nama"`
	KecamatanKode tenancy.Kode `json:"kecamatan_kode"`
	Kecamatan     string       `json:"kecamatan"`

	nilai map[string]indicator.Value
}

// Nilai is the value of column k, if the desa has one.
func (b Baris) Nilai(k string) (indicator.Value, bool) {
	v, ok := b.nilai[k]
	return v, ok
}

// Tabel is the desa table of a wilayah as one user may see it.
type Tabel struct {
	Wilayah   Wilayah
	Kecamatan []Wilayah // the kabupaten's kecamatan, for the filter; nil under a kecamatan
	Periode   indicator.Period
	Kolom     []Kolom
	Baris     []Baris
	Query     TabelQuery
	// Agregat: the user may read no personal column (forum perbekel), so
	// the table shows aggregates only and links to no desa.
	Agregat bool
}

// Tabel builds the desa table of kode (a kecamatan or a kabupaten/kota) for
// userID. Each indicator needs its permission at kode; one call per
// provider, whatever the number of desa.
func (m *Module) Tabel(ctx context.Context, userID string, kode tenancy.Kode, q TabelQuery) (Tabel, error) {
	w, err := m.Lookup(ctx, kode)
	if err != nil {
		return Tabel{}, err
	}
	if w.Tingkat != TingkatKecamatan && w.Tingkat != TingkatKabupaten && w.Tingkat != TingkatKota {
		return Tabel{}, fault.Field("path.kode", "Tabel desa tersedia untuk kecamatan dan kabupaten/kota; %s adalah %s.", string(kode), w.Tingkat)
	}
	t := Tabel{Wilayah: w, Query: q}
	today := civil.Today(m.clock(), kode)
	t.Periode = indicator.Month(today)

	kecNama := map[tenancy.Kode]string{}
	if kode.Level() == tenancy.Kabupaten {
		if t.Kecamatan, err = m.Children(ctx, kode); err != nil {
			return Tabel{}, err
		}
		for _, k := range t.Kecamatan {
			kecNama[k.Kode] = k.Nama
		}
	} else {
		kecNama[kode] = w.Nama
	}
	within := kode
	if q.Kecamatan != "" {
		k, err := tenancy.ParseKode(q.Kecamatan)
		if err != nil || k.Level() != tenancy.Kecamatan || kode.Level() != tenancy.Kabupaten || kecNama[k] == "" {
			return Tabel{}, fault.Field("query.kecamatan", "Kecamatan %q tidak ada di %s.", q.Kecamatan, w.Nama)
		}
		within = k
	}

	// Columns: the definitions the user may see, in the providers' order;
	// every source's "diperbarui" merges into one last column.
	allowed := map[authz.Permission]bool{}
	may := func(p authz.Permission) (bool, error) {
		ok, seen := allowed[p]
		if !seen {
			if ok, err = m.authz.Allowed(ctx, userID, kode, p); err != nil {
				return false, err
			}
			allowed[p] = ok
		}
		return ok, nil
	}
	type ask struct {
		p     indicator.Provider
		codes []string
	}
	var asks []ask
	keyOf := map[[2]string]string{} // (source, code) → column key
	seenKey := map[string]bool{UrutKode: true, UrutNama: true, UrutKecamatan: true}
	var diperbarui bool
	personal := false
	for _, p := range m.providers() {
		a := ask{p: p, codes: []string{}}
		for _, d := range p.Definitions() {
			ok, err := may(d.Permission)
			if err != nil {
				return Tabel{}, err
			}
			if d.Personal && ok {
				personal = true
			}
			if !ok {
				continue
			}
			a.codes = append(a.codes, d.Code)
			if d.Code == indicator.Diperbarui {
				keyOf[[2]string{d.Source, d.Code}] = indicator.Diperbarui
				diperbarui = true
				continue
			}
			key := d.Code
			if seenKey[key] {
				key = d.Source + "." + d.Code
			}
			seenKey[key] = true
			keyOf[[2]string{d.Source, d.Code}] = key
			nama := d.Nama
			if d.Periodic {
				nama += " bulan ini"
			}
			t.Kolom = append(t.Kolom, Kolom{Kunci: key, Nama: nama, Jenis: d.Kind, Satuan: d.Satuan})
		}
		if len(a.codes) > 0 {
			asks = append(asks, a)
		}
	}
	if diperbarui {
		t.Kolom = append(t.Kolom, Kolom{Kunci: indicator.Diperbarui, Nama: "Terakhir diperbarui", Jenis: indicator.Time})
	}
	t.Agregat = !personal

	if q.Urut != "" && !validUrut(t, q.Urut) {
		return Tabel{}, fault.Field("query.urut", "Kolom urutan %q tidak dikenal.", q.Urut)
	}

	desa, err := m.store.desaIn(ctx, within)
	if err != nil {
		return Tabel{}, err
	}
	rows := make(map[tenancy.Kode]*Baris, len(desa))
	t.Baris = make([]Baris, len(desa))
	for i, d := range desa {
		kec := d.Kode.Up(tenancy.Kecamatan)
		t.Baris[i] = Baris{Kode: d.Kode, Nama: d.Nama, KecamatanKode: kec, Kecamatan: kecNama[kec], nilai: map[string]indicator.Value{}}
		rows[d.Kode] = &t.Baris[i]
	}
	for _, a := range asks {
		vals, err := a.p.Indicators(ctx, within, t.Periode, a.codes)
		if err != nil {
			return Tabel{}, err
		}
		for _, v := range vals {
			b, ok := rows[v.Desa]
			key, known := keyOf[[2]string{v.Source, v.Code}]
			if !ok || !known {
				continue // a desa outside the wilayah or a code not asked for: never shown
			}
			if key == indicator.Diperbarui {
				if old, ok := b.nilai[key]; ok && !v.Time.After(old.Time) {
					continue
				}
			}
			b.nilai[key] = v
		}
	}
	sortBaris(t, q)
	return t, nil
}

func validUrut(t Tabel, k string) bool {
	if k == UrutKode || k == UrutNama || (k == UrutKecamatan && t.Kecamatan != nil) {
		return true
	}
	return slices.ContainsFunc(t.Kolom, func(c Kolom) bool { return c.Kunci == k })
}

// sortBaris orders the rows by the chosen column; desa without a value go
// last in either direction, and ties keep code order.
func sortBaris(t Tabel, q TabelQuery) {
	k := cmp.Or(q.Urut, UrutKode)
	jenis := indicator.Text
	for _, c := range t.Kolom {
		if c.Kunci == k {
			jenis = c.Jenis
		}
	}
	dir := 1
	if q.Turun {
		dir = -1
	}
	slices.SortStableFunc(t.Baris, func(a, b Baris) int {
		var c int
		switch k {
		case UrutKode:
			c = dir * strings.Compare(string(a.Kode), string(b.Kode))
		case UrutNama:
			c = dir * strings.Compare(strings.ToLower(a.Nama), strings.ToLower(b.Nama))
		case UrutKecamatan:
			c = dir * strings.Compare(strings.ToLower(a.Kecamatan), strings.ToLower(b.Kecamatan))
		default:
			va, oka := a.nilai[k]
			vb, okb := b.nilai[k]
			switch {
			case !oka && !okb:
			case !oka:
				return 1
			case !okb:
				return -1
			default:
				c = dir * compareValue(jenis, va, vb)
			}
		}
		if c != 0 {
			return c
		}
		return strings.Compare(string(a.Kode), string(b.Kode))
	})
}

func compareValue(k indicator.Kind, a, b indicator.Value) int {
	switch k {
	case indicator.Count:
		return cmp.Compare(a.Number, b.Number)
	case indicator.Time:
		return a.Time.Compare(b.Time)
	}
	return strings.Compare(strings.ToLower(a.Text), strings.ToLower(b.Text))
}

// clockOrNow is the module's clock.
func clockOrNow(c func() time.Time) func() time.Time {
	if c == nil {
		return time.Now
	}
	return c
}
