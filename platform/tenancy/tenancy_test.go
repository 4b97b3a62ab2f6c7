package tenancy

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/ngantor/ngantor/platform/fault"
)

func TestParseKodeAcceptsOnlyOfficialShapes(t *testing.T) {
	good := []string{"51", "51.02", "51.02.06", "51.02.06.2001", "35.29.11.1001"}
	bad := []string{"", "5", "51.2", "51.02.6", "51.02.06.201", "51.02.06.2001.1", "5a.02", "51-02", "51.02.06.20011"}
	for _, s := range good {
		if _, err := ParseKode(s); err != nil {
			t.Errorf("ParseKode(%q) = %v", s, err)
		}
	}
	for _, s := range bad {
		if _, err := ParseKode(s); !fault.Is(err, fault.Invalid) {
			t.Errorf("ParseKode(%q) err = %v, want Invalid", s, err)
		}
	}
}

func TestRangesNestAndIDsRoundTrip(t *testing.T) {
	cases := []struct {
		kode   Kode
		lo, hi int64
		level  Level
	}{
		{"51", 5100000000, 5199999999, Provinsi},
		{"51.02", 5102000000, 5102999999, Kabupaten},
		{"51.02.06", 5102060000, 5102069999, Kecamatan},
		{"51.02.06.2001", 5102062001, 5102062001, Desa},
	}
	for _, c := range cases {
		lo, hi := c.kode.Range()
		if lo != c.lo || hi != c.hi || c.kode.Level() != c.level {
			t.Errorf("%s: range %d..%d level %v", c.kode, lo, hi, c.kode.Level())
		}
	}
	desa := Kode("51.02.06.2001")
	if KodeOfDesaID(desa.ID()) != desa {
		t.Errorf("KodeOfDesaID(%d) = %s", desa.ID(), KodeOfDesaID(desa.ID()))
	}
	if desa.Up(Kecamatan) != "51.02.06" || desa.Up(Kabupaten) != "51.02" || desa.Parent() != "51.02.06" {
		t.Error("ancestors wrong")
	}
	if !Kode("51.02.06").Contains(desa) || Kode("51.02.1").Contains(Kode("51.02.10.2001")) || Kode("51.02.06").Contains("51.02.060") {
		t.Error("Contains wrong")
	}
	if !desa.IsDesa() || Kode("51.02.06.1001").IsDesa() || Kode("51.02.06").IsDesa() {
		t.Error("IsDesa wrong: kelurahan (1xxx) and kecamatan are not tenants")
	}
}

type fakeQuery struct{ where []string }

func (q *fakeQuery) Where(query string, args ...any) *fakeQuery {
	q.where = append(q.where, query)
	return q
}

func TestScopeFailsWithoutTenant(t *testing.T) {
	if _, err := Scope(context.Background(), &fakeQuery{}); !errors.Is(err, ErrNoTenant) {
		t.Fatalf("Scope without tenant: %v", err)
	}
	if _, err := DesaID(context.Background()); !errors.Is(err, ErrNoTenant) {
		t.Fatalf("DesaID without tenant: %v", err)
	}
	ctx := With(context.Background(), Tenant{Kode: "51.02.06"})
	if _, err := DesaID(ctx); !errors.Is(err, ErrNotDesa) {
		t.Fatalf("DesaID with a kecamatan tenant: %v", err)
	}
	q, err := Scope(ctx, &fakeQuery{})
	if err != nil || len(q.where) != 1 || q.where[0] != "?TableAlias.desa_id BETWEEN ? AND ?" {
		t.Fatalf("kecamatan scope = %v, %v", q.where, err)
	}
	q, _ = Scope(With(context.Background(), Tenant{Kode: "51.02.06.2001"}), &fakeQuery{})
	if q.where[0] != "?TableAlias.desa_id = ?" {
		t.Fatalf("desa scope = %v", q.where)
	}
}

func TestKodeOfDesaIDMatchesItsFormat(t *testing.T) {
	for _, id := range []int64{5102062001, 1101010001, 9999999999, 100000001, 0, 7, 5171011005} {
		s := fmt.Sprintf("%010d", id)
		want := Kode(s[0:2] + "." + s[2:4] + "." + s[4:6] + "." + s[6:10])
		if got := KodeOfDesaID(id); got != want {
			t.Errorf("KodeOfDesaID(%d) = %q, want %q", id, got, want)
		}
	}
}
