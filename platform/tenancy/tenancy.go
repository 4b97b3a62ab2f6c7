// Package tenancy carries the tenant — a desa, or a wider wilayah for views
// that span many desa — in the context, and scopes queries to it. A store that
// finds no tenant in its context fails; it never falls back to "all rows".
//
// Every desa has a numeric id derived from its official code (51.02.06.2001 →
// 5102062001), so a wilayah covers a contiguous id range: kecamatan 51.02.06
// is [5102060000, 5102069999]. The same range drives PostgreSQL's row-level
// security (see platform/db) and keeps desa_id-leading indexes useful.
package tenancy

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ngantor/ngantor/platform/fault"
)

// Level is the tier of a wilayah code.
type Level int

const (
	Provinsi Level = iota + 1
	Kabupaten
	Kecamatan
	Desa
)

func (l Level) String() string {
	switch l {
	case Provinsi:
		return "provinsi"
	case Kabupaten:
		return "kabupaten"
	case Kecamatan:
		return "kecamatan"
	case Desa:
		return "desa"
	}
	return "?"
}

// Kode is an official region code (Kepmendagri 300.2.2-2138/2025):
// "51" provinsi, "51.02" kabupaten/kota, "51.02.06" kecamatan,
// "51.02.06.2001" desa (last part 2xxx) or kelurahan (1xxx).
type Kode string

var partWidth = [4]int{2, 2, 2, 4}

// ParseKode validates s; it returns a fault.Invalid error on a malformed code.
func ParseKode(s string) (Kode, error) {
	parts := strings.Split(s, ".")
	if s == "" || len(parts) > 4 {
		return "", fault.New(fault.Invalid, "kode wilayah %q tidak sah", s)
	}
	for i, p := range parts {
		if len(p) != partWidth[i] {
			return "", fault.New(fault.Invalid, "kode wilayah %q tidak sah", s)
		}
		for _, r := range p {
			if r < '0' || r > '9' {
				return "", fault.New(fault.Invalid, "kode wilayah %q tidak sah", s)
			}
		}
	}
	return Kode(s), nil
}

// Level is the tier the code names.
func (k Kode) Level() Level { return Level(strings.Count(string(k), ".") + 1) }

// Parent is the code one tier up ("" for a provinsi).
func (k Kode) Parent() Kode {
	i := strings.LastIndexByte(string(k), '.')
	if i < 0 {
		return ""
	}
	return k[:i]
}

// Up returns the ancestor at level l (k itself when l is k's level or lower).
func (k Kode) Up(l Level) Kode {
	for k.Level() > l {
		k = k.Parent()
	}
	return k
}

// IsDesa reports whether the code is a desa (not a kelurahan): only desa are tenants.
func (k Kode) IsDesa() bool {
	return k.Level() == Desa && k[len(k)-4] == '2'
}

// Contains reports whether other lies inside k (or is k).
func (k Kode) Contains(other Kode) bool {
	return other == k || strings.HasPrefix(string(other), string(k)+".")
}

// ID is the numeric id of the code: its digits padded to ten.
func (k Kode) ID() int64 {
	lo, _ := k.Range()
	return lo
}

// Range is the span of desa ids inside the code.
func (k Kode) Range() (lo, hi int64) {
	digits := strings.ReplaceAll(string(k), ".", "")
	n, _ := strconv.ParseInt(digits, 10, 64)
	pad := int64(1)
	for i := len(digits); i < 10; i++ {
		pad *= 10
	}
	return n * pad, n*pad + pad - 1
}

// KodeOfDesaID turns a desa id back into its code.
func KodeOfDesaID(id int64) Kode {
	if id < 0 || id > 9_999_999_999 {
		s := fmt.Sprintf("%010d", id)
		return Kode(s[0:2] + "." + s[2:4] + "." + s[4:6] + "." + s[6:10])
	}
	// "pp.kk.cc.dddd" digit by digit: one allocation, where Sprintf and
	// the concatenation made six (it runs for every row of a list).
	var b [13]byte
	for i := len(b) - 1; i >= 0; i-- {
		if i == 2 || i == 5 || i == 8 {
			b[i] = '.'
			continue
		}
		b[i] = byte('0' + id%10)
		id /= 10
	}
	return Kode(b[:])
}

// Tenant is whom a request or a job works for.
type Tenant struct {
	Kode Kode
}

// DesaID is the tenant's desa id; it fails unless the tenant is one desa.
func (t Tenant) DesaID() (int64, error) {
	if t.Kode.Level() != Desa {
		return 0, ErrNotDesa
	}
	return t.Kode.ID(), nil
}

type ctxKey struct{}

// ErrNoTenant is returned by scoped queries run without a tenant. It is a bug
// in the caller, never a user error, so it carries no fault code.
var ErrNoTenant = errors.New("tenancy: no tenant in context")

// ErrNotDesa is returned where one desa is needed but the tenant is wider.
var ErrNotDesa = errors.New("tenancy: tenant is not a single desa")

// With returns ctx carrying t.
func With(ctx context.Context, t Tenant) context.Context {
	return context.WithValue(ctx, ctxKey{}, t)
}

// From returns the tenant in ctx.
func From(ctx context.Context) (Tenant, bool) {
	t, ok := ctx.Value(ctxKey{}).(Tenant)
	return t, ok && t.Kode != ""
}

// DesaID returns the id of the single desa in ctx.
func DesaID(ctx context.Context) (int64, error) {
	t, ok := From(ctx)
	if !ok {
		return 0, ErrNoTenant
	}
	return t.DesaID()
}

// Wherer is any bun query with Where (select, update, delete).
type Wherer[Q any] interface {
	Where(query string, args ...any) Q
}

// Scope restricts q to the tenant in ctx on the model's desa_id column.
func Scope[Q Wherer[Q]](ctx context.Context, q Q) (Q, error) {
	return ScopeColumn(ctx, q, "?TableAlias.desa_id")
}

// ScopeColumn restricts q to the tenant in ctx on the named column.
func ScopeColumn[Q Wherer[Q]](ctx context.Context, q Q, column string) (Q, error) {
	t, ok := From(ctx)
	if !ok {
		return q, ErrNoTenant
	}
	lo, hi := t.Kode.Range()
	if lo == hi {
		return q.Where(column+" = ?", lo), nil
	}
	return q.Where(column+" BETWEEN ? AND ?", lo, hi), nil
}
