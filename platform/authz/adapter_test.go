package authz

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/casbin/casbin/v2/model"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
)

func loadInto(t *testing.T, a *Adapter) model.Model {
	t.Helper()
	m, err := a.policy.newModel()
	if err != nil {
		t.Fatal(err)
	}
	if err := a.LoadPolicy(m); err != nil {
		t.Fatalf("LoadPolicy: %v", err)
	}
	return m
}

func policy(t *testing.T, m model.Model, sec string) []string {
	t.Helper()
	var out []string
	for _, ast := range m[sec] {
		for _, r := range ast.Policy {
			out = append(out, strings.Join(r, ","))
		}
	}
	sort.Strings(out)
	return out
}

func TestAdapterRoundTrip(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, err := NewAdapter(d, testTemplates, quietLogger())
		if err != nil {
			t.Fatal(err)
		}
		rules := [][]string{
			{"made", "perbekel", "51.02.06.2001"},
			{"ketut", "camat", "51.02.06"},
			{"wayan", "bupati", "51.02"},
			{"wayan", "forum_perbekel", "51.02"},
		}
		if err := a.AddPolicies("g", "g", rules); err != nil {
			t.Fatalf("AddPolicies: %v", err)
		}
		if err := a.AddPolicy("g", "g", rules[0]); err != nil {
			t.Fatalf("AddPolicy of a stored rule: %v", err)
		}
		// A stray template row must not widen a role.
		if _, err := d.ExecContext(ctx, "INSERT INTO casbin_rule (ptype, v0, v1, v2) VALUES ('p', 'perbekel', 'rekap_kabupaten', 'read')"); err != nil {
			t.Fatal(err)
		}

		m := loadInto(t, a)
		wantG := []string{"ketut,camat,51.02.06", "made,perbekel,51.02.06.2001", "wayan,bupati,51.02", "wayan,forum_perbekel,51.02"}
		if got := policy(t, m, "g"); !slices.Equal(got, wantG) {
			t.Fatalf("loaded g = %v, want %v", got, wantG)
		}
		gotP := policy(t, m, "p")
		if len(gotP) != 8 || slices.Contains(gotP, "perbekel,rekap_kabupaten,read") {
			t.Fatalf("loaded p = %v, want the 8 template lines only", gotP)
		}

		if err := a.RemovePolicy("g", "g", rules[0]); err != nil {
			t.Fatalf("RemovePolicy: %v", err)
		}
		if err := a.RemoveFilteredPolicy("g", "g", 0, "wayan"); err != nil {
			t.Fatalf("RemoveFilteredPolicy: %v", err)
		}
		if got := policy(t, loadInto(t, a), "g"); !slices.Equal(got, []string{"ketut,camat,51.02.06"}) {
			t.Fatalf("after removes g = %v", got)
		}

		if err := a.AddPolicies("g", "g", rules); err != nil {
			t.Fatal(err)
		}
		if err := a.RemovePolicies("g", "g", rules[2:]); err != nil {
			t.Fatalf("RemovePolicies: %v", err)
		}
		if err := a.RemoveFilteredPolicy("g", "g", 1, "camat", "51.02.06"); err != nil {
			t.Fatal(err)
		}
		if got := policy(t, loadInto(t, a), "g"); !slices.Equal(got, []string{"made,perbekel,51.02.06.2001"}) {
			t.Fatalf("after batch and filtered removes g = %v", got)
		}

		// SavePolicy replaces the table with a model's grants.
		saved, err := a.policy.newModel()
		if err != nil {
			t.Fatal(err)
		}
		if err := saved.AddPolicies("g", "g", rules[1:3]); err != nil {
			t.Fatal(err)
		}
		if err := a.SavePolicy(saved); err != nil {
			t.Fatalf("SavePolicy: %v", err)
		}
		if got := policy(t, loadInto(t, a), "g"); !slices.Equal(got, []string{"ketut,camat,51.02.06", "wayan,bupati,51.02"}) {
			t.Fatalf("after SavePolicy g = %v", got)
		}

		if err := a.AddPolicy("p", "p", []string{"perbekel", "x", "y"}); !errors.Is(err, ErrTemplateInCode) {
			t.Fatalf("AddPolicy(p) = %v, want ErrTemplateInCode", err)
		}
	})
}

func TestNewRejectsBadTemplates(t *testing.T) {
	d := dbtest.SQLite(t)
	for name, tmpl := range map[string]map[Role][]Permission{
		"unknown role":    {"lurah": {suratRead}},
		"empty action":    {Perbekel: {{Object: "surat"}}},
		"session as line": {Perbekel: {SessionSelf}},
	} {
		if _, err := New(context.Background(), Deps{DB: d, Templates: tmpl, Logger: quietLogger()}); err == nil {
			t.Errorf("%s: New accepted the templates", name)
		}
	}
}
