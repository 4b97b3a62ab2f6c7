package authz

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"

	"github.com/ngantor/ngantor/platform/tenancy"
)

// The casbin model. A request names the target wilayah three times — its
// desa, kecamatan and kabupaten codes, a wider target repeating its own code
// — so a grant at any of the three matches with plain equality in the role
// manager. Domain-matching functions would do the same with pattern matching
// over every domain (0.5 ms per check at 3,000 desa).
//
// Casbin evaluates the matcher once per template line, and a line costs
// about a microsecond; a full set of templates is several hundred lines.
// So the lines are partitioned by permission: each permission gets its own
// policy type (p, p2, p3, …, all "role, obj, act") and matcher (m, m2, …),
// and a check names them in an EnforceContext, evaluating only the lines of
// the roles that carry that permission — one per role at most. Within a
// matcher obj and act still come first: govaluate short-circuits &&, so a
// line that does not fit never reaches the role manager.
const modelHead = `
[request_definition]
r = sub, desa, kec, kab, obj, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))
`

const matcherTemplate = "%[1]s = r.obj == %[2]s.obj && r.act == %[2]s.act && " +
	"(g(r.sub, %[2]s.role, r.desa) || g(r.sub, %[2]s.role, r.kec) || g(r.sub, %[2]s.role, r.kab))\n"

// policyModel is the model text built from the templates and where each
// permission's lines live.
type policyModel struct {
	text   string
	lines  map[string][][]string    // policy type → template lines
	ptypes map[Permission][2]string // permission → policy type, matcher
}

func buildModel(t map[Role][]Permission) (*policyModel, error) {
	lines, err := templateLines(t)
	if err != nil {
		return nil, err
	}
	pm := &policyModel{lines: map[string][][]string{}, ptypes: map[Permission][2]string{}}
	var defs, matchers strings.Builder
	for _, l := range lines {
		perm := Permission{Object: l[1], Action: l[2]}
		pt, ok := pm.ptypes[perm]
		if !ok {
			suffix := ""
			if n := len(pm.ptypes) + 1; n > 1 {
				suffix = strconv.Itoa(n)
			}
			pt = [2]string{"p" + suffix, "m" + suffix}
			pm.ptypes[perm] = pt
			fmt.Fprintf(&defs, "%s = role, obj, act\n", pt[0])
			fmt.Fprintf(&matchers, matcherTemplate, pt[1], pt[0])
		}
		pm.lines[pt[0]] = append(pm.lines[pt[0]], l)
	}
	if len(pm.ptypes) == 0 {
		// Casbin needs one policy type; with no templates it stays empty.
		defs.WriteString("p = role, obj, act\n")
		fmt.Fprintf(&matchers, matcherTemplate, "m", "p")
	}
	pm.text = modelHead + "\n[policy_definition]\n" + defs.String() + "\n[matchers]\n" + matchers.String()
	return pm, nil
}

func (pm *policyModel) newModel() (model.Model, error) {
	return model.NewModelFromString(pm.text)
}

// templateLines turns the role templates into casbin "p" lines, sorted and
// without duplicates so every replica of one build holds the same policy.
func templateLines(t map[Role][]Permission) ([][]string, error) {
	seen := map[[3]string]bool{}
	var out [][]string
	for role, perms := range t {
		if !role.Valid() {
			return nil, fmt.Errorf("authz: template for unknown role %q", role)
		}
		for _, p := range perms {
			if p.Object == "" || p.Action == "" {
				return nil, fmt.Errorf("authz: role %s: permission %q needs an object and an action", role, p)
			}
			if p == SessionSelf {
				// Every signed-in user holds it without a grant; a template
				// line would suggest otherwise.
				return nil, fmt.Errorf("authz: role %s: %s is implicit and cannot be templated", role, p)
			}
			k := [3]string{string(role), p.Object, p.Action}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, []string{k[0], k[1], k[2]})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		for x := range a {
			if a[x] != b[x] {
				return a[x] < b[x]
			}
		}
		return false
	})
	return out, nil
}

// request is the casbin request for a check of user on target: the policy
// type holding p's lines, then the target's own code and its ancestors at
// kecamatan and kabupaten level (51.02.06.2001 → 51.02.06.2001, 51.02.06,
// 51.02; 51.02 → 51.02 ×3). ok is false when no role carries p.
func (pm *policyModel) request(userID string, target tenancy.Kode, p Permission) (r [7]any, ok bool) {
	pt, ok := pm.ptypes[p]
	if !ok {
		return r, false
	}
	return [7]any{
		casbin.EnforceContext{RType: "r", PType: pt[0], EType: "e", MType: pt[1]},
		userID,
		string(target),
		string(target.Up(tenancy.Kecamatan)),
		string(target.Up(tenancy.Kabupaten)),
		p.Object,
		p.Action,
	}, true
}
