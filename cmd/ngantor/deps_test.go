package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyRule enforces ARCHITECTURE.md's import graph: platform never
// imports modules; a module uses another only through its root package;
// nothing but cmd imports cmd.
func TestDependencyRule(t *testing.T) {
	const mod = "github.com/ngantor/ngantor/"
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports,TestImports,XTestImports", "-deps=false", "../../...")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Skipf("go command not available: %v", err)
	}
	dec := json.NewDecoder(out)
	var n int
	for {
		var p struct {
			ImportPath                         string
			Imports, TestImports, XTestImports []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		n++
		from := strings.TrimPrefix(p.ImportPath, mod)
		for _, imp := range append(p.Imports, p.TestImports...) {
			if !strings.HasPrefix(imp, mod) {
				continue
			}
			to := strings.TrimPrefix(imp, mod)
			if why := forbidden(from, to); why != "" {
				t.Errorf("%s imports %s: %s", from, to, why)
			}
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("go list saw %d packages; the rule checked almost nothing", n)
	}
}

func forbidden(from, to string) string {
	top := func(p string) string { return strings.SplitN(p, "/", 2)[0] }
	switch {
	case top(to) == "cmd" && top(from) != "cmd":
		return "only cmd may import cmd"
	case top(from) == "platform" && top(to) == "modules":
		return "platform must never import modules"
	case top(from) == "modules" && top(to) == "modules":
		fromMod := strings.SplitN(from, "/", 3)[1]
		parts := strings.SplitN(to, "/", 3)
		if parts[1] != fromMod && len(parts) > 2 {
			return "a module may use another only through its root package"
		}
	}
	return ""
}

func TestDependencyRuleCatchesViolations(t *testing.T) {
	cases := map[[2]string]bool{
		{"platform/web", "modules/wilayah"}:                 true,
		{"modules/administration", "modules/wilayah"}:       false,
		{"modules/administration", "modules/wilayah/x"}:     true,
		{"modules/wilayah", "platform/db"}:                  false,
		{"modules/wilayah", "cmd/ngantor"}:                  true,
		{"modules/wilayah/internal/y", "modules/wilayah/x"}: false,
	}
	for c, want := range cases {
		if got := forbidden(c[0], c[1]) != ""; got != want {
			t.Errorf("forbidden(%s → %s) = %v, want %v", c[0], c[1], got, want)
		}
	}
}
