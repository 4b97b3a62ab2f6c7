package authz

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/casbin/casbin/v2/model"
	"github.com/casbin/casbin/v2/persist"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/db"
)

// Adapter stores casbin rules in the casbin_rule table through bun, on
// PostgreSQL and SQLite alike (no bun adapter installs from the module
// proxy). It stores grants ("g" lines) only: the role templates ("p" lines)
// come from code and are added in memory on every load, so a rolling deploy
// never has two builds rewriting one shared copy of the templates, and a
// template change ships with the code that needs it. Writing a "p" line
// fails with ErrTemplateInCode; "p" rows found in the table are ignored.
//
// Each row also carries its source (Grant.Source); casbin sees a rule once
// however many sources hold it. Through casbin's interface rules are stored
// as SourceManual and removed whatever their source. Every write that
// changes rows bumps authz_version in its transaction (see Enforcer.Refresh).
type Adapter struct {
	db     *db.DB
	policy *policyModel
	log    *slog.Logger
}

// ErrTemplateInCode is returned when something asks the adapter to store a
// role template line.
var ErrTemplateInCode = errors.New("authz: role templates (p lines) live in code, not in casbin_rule")

var (
	_ persist.Adapter             = (*Adapter)(nil)
	_ persist.BatchAdapter        = (*Adapter)(nil)
	_ persist.ContextAdapter      = (*Adapter)(nil)
	_ persist.ContextBatchAdapter = (*Adapter)(nil)
)

// NewAdapter returns an adapter over d that adds templates' lines on load
// (partitioned into policy types, see buildModel).
func NewAdapter(d *db.DB, templates map[Role][]Permission, log *slog.Logger) (*Adapter, error) {
	pm, err := buildModel(templates)
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	return &Adapter{db: d, policy: pm, log: log}, nil
}

const ruleColumns = 6 // v0..v5

// insertBatch keeps one INSERT well under SQLite's and PostgreSQL's bind
// parameter limits (7 values a row).
const insertBatch = 500

// LoadPolicy loads the templates and every stored grant into m.
func (a *Adapter) LoadPolicy(m model.Model) error { return a.LoadPolicyCtx(context.Background(), m) }

// LoadPolicyCtx loads the templates and every stored grant into m.
func (a *Adapter) LoadPolicyCtx(ctx context.Context, m model.Model) error {
	for ptype, lines := range a.policy.lines {
		for _, line := range lines {
			if err := m.AddPolicy("p", ptype, append([]string(nil), line...)); err != nil {
				return err
			}
		}
	}
	// database/sql rows rather than bun's struct scanning: 100,000 grants
	// must load in well under a second, and reflection per row is the cost.
	// DISTINCT: a rule held through several sources is one rule to casbin.
	rows, err := a.db.QueryContext(ctx, "SELECT DISTINCT ptype, v0, v1, v2, v3, v4, v5 FROM casbin_rule")
	if err != nil {
		return fmt.Errorf("authz: load casbin_rule: %w", err)
	}
	defer rows.Close()
	var (
		ptype   string
		v       [ruleColumns]string
		skipped int
		// Role names repeat on every row; sharing one string per role keeps
		// 100,000 grants from holding 100,000 copies of "perbekel".
		interned = map[string]string{}
	)
	for rows.Next() {
		if err := rows.Scan(&ptype, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]); err != nil {
			return fmt.Errorf("authz: scan casbin_rule: %w", err)
		}
		if ptype == "" || ptype[0] != 'g' {
			skipped++
			continue
		}
		if _, err := m.GetAssertion("g", ptype); err != nil {
			skipped++
			continue
		}
		rule := trimRule(v[:])
		if len(rule) > 1 {
			r, ok := interned[rule[1]]
			if !ok {
				r = rule[1]
				interned[r] = r
			}
			rule[1] = r
		}
		if err := m.AddPolicy("g", ptype, rule); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("authz: load casbin_rule: %w", err)
	}
	if skipped > 0 {
		a.log.WarnContext(ctx, "authz: ignored casbin_rule rows that are not grants", "rows", skipped)
	}
	return nil
}

// trimRule copies v without its trailing empty fields.
func trimRule(v []string) []string {
	n := len(v)
	for n > 0 && v[n-1] == "" {
		n--
	}
	return append([]string(nil), v[:n]...)
}

// SavePolicy replaces every stored grant with m's.
func (a *Adapter) SavePolicy(m model.Model) error { return a.SavePolicyCtx(context.Background(), m) }

// SavePolicyCtx replaces every stored grant with m's, in one transaction.
// Sources are lost: every rule is stored as SourceManual.
func (a *Adapter) SavePolicyCtx(ctx context.Context, m model.Model) error {
	type typed struct {
		ptype string
		rules [][]string
	}
	var all []typed
	for ptype, ast := range m["g"] {
		all = append(all, typed{ptype, ast.Policy})
	}
	return a.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM casbin_rule"); err != nil {
			return err
		}
		for _, t := range all {
			if _, err := insertRules(ctx, tx, t.ptype, t.rules, SourceManual); err != nil {
				return err
			}
		}
		_, err := bumpVersion(ctx, tx)
		return err
	})
}

// AddPolicy stores one grant; storing one already there is not an error.
func (a *Adapter) AddPolicy(sec, ptype string, rule []string) error {
	return a.AddPolicyCtx(context.Background(), sec, ptype, rule)
}

// AddPolicyCtx stores one grant; storing one already there is not an error.
func (a *Adapter) AddPolicyCtx(ctx context.Context, sec, ptype string, rule []string) error {
	return a.AddPoliciesCtx(ctx, sec, ptype, [][]string{rule})
}

// AddPolicies stores grants; ones already there are skipped.
func (a *Adapter) AddPolicies(sec, ptype string, rules [][]string) error {
	return a.AddPoliciesCtx(context.Background(), sec, ptype, rules)
}

// AddPoliciesCtx stores grants in one transaction; ones already there are
// skipped, so a replica whose memory lags the table cannot fail on them.
func (a *Adapter) AddPoliciesCtx(ctx context.Context, sec, ptype string, rules [][]string) error {
	_, err := a.addRules(ctx, sec, ptype, rules, SourceManual)
	return err
}

// addRules stores rules held through source and returns the grants version
// after the change (0 when nothing was new).
func (a *Adapter) addRules(ctx context.Context, sec, ptype string, rules [][]string, source string) (version int64, err error) {
	if sec != "g" {
		return 0, ErrTemplateInCode
	}
	err = a.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		n, err := insertRules(ctx, tx, ptype, rules, source)
		if err != nil || n == 0 {
			return err
		}
		version, err = bumpVersion(ctx, tx)
		return err
	})
	return version, err
}

// insertRules stores rules and reports how many rows were new.
func insertRules(ctx context.Context, tx bun.IDB, ptype string, rules [][]string, source string) (int64, error) {
	const row = "(?, ?, ?, ?, ?, ?, ?, ?)"
	var added int64
	for len(rules) > 0 {
		n := min(len(rules), insertBatch)
		args := make([]any, 0, n*(ruleColumns+2))
		for _, r := range rules[:n] {
			v, err := ruleValues(r)
			if err != nil {
				return 0, err
			}
			args = append(args, ptype)
			for _, s := range v {
				args = append(args, s)
			}
			args = append(args, source)
		}
		q := "INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4, v5, source) VALUES " +
			strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") + " ON CONFLICT DO NOTHING"
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return 0, fmt.Errorf("authz: insert casbin_rule: %w", err)
		}
		k, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		added += k
		rules = rules[n:]
	}
	return added, nil
}

// bumpVersion counts one grant change, in the transaction that makes it.
// The row lock it takes serialises changes, so versions commit in order.
func bumpVersion(ctx context.Context, tx bun.IDB) (int64, error) {
	var v int64
	err := tx.QueryRowContext(ctx, "UPDATE authz_version SET version = version + 1 WHERE id = 1 RETURNING version").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("authz: bump grants version: %w", err)
	}
	return v, nil
}

// version is the count of grant changes committed so far.
func (a *Adapter) version(ctx context.Context) (int64, error) {
	var v int64
	if err := a.db.QueryRowContext(ctx, "SELECT version FROM authz_version WHERE id = 1").Scan(&v); err != nil {
		return 0, fmt.Errorf("authz: read grants version: %w", err)
	}
	return v, nil
}

func ruleValues(rule []string) ([ruleColumns]string, error) {
	var v [ruleColumns]string
	if len(rule) > ruleColumns {
		return v, fmt.Errorf("authz: rule %v has more than %d fields", rule, ruleColumns)
	}
	copy(v[:], rule)
	return v, nil
}

// RemovePolicy deletes one grant; deleting one not there is not an error.
func (a *Adapter) RemovePolicy(sec, ptype string, rule []string) error {
	return a.RemovePolicyCtx(context.Background(), sec, ptype, rule)
}

// RemovePolicyCtx deletes one grant, whatever its sources; deleting one not
// there is not an error.
func (a *Adapter) RemovePolicyCtx(ctx context.Context, sec, ptype string, rule []string) error {
	return a.RemovePoliciesCtx(ctx, sec, ptype, [][]string{rule})
}

// RemovePolicies deletes grants.
func (a *Adapter) RemovePolicies(sec, ptype string, rules [][]string) error {
	return a.RemovePoliciesCtx(context.Background(), sec, ptype, rules)
}

// RemovePoliciesCtx deletes grants, whatever their sources, in one
// transaction.
func (a *Adapter) RemovePoliciesCtx(ctx context.Context, sec, ptype string, rules [][]string) error {
	_, _, err := a.removeRules(ctx, sec, ptype, rules, "")
	return err
}

// removeRules deletes the exact rules held through source ("" is any
// source) and reports how many rows went and the grants version after the
// change (0 when nothing went).
func (a *Adapter) removeRules(ctx context.Context, sec, ptype string, rules [][]string, source string) (n, version int64, err error) {
	if sec != "g" {
		return 0, 0, ErrTemplateInCode
	}
	err = a.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, r := range rules {
			v, err := ruleValues(r)
			if err != nil {
				return err
			}
			q := "DELETE FROM casbin_rule WHERE ptype = ? AND v0 = ? AND v1 = ? AND v2 = ? AND v3 = ? AND v4 = ? AND v5 = ?"
			args := []any{ptype, v[0], v[1], v[2], v[3], v[4], v[5]}
			if source != "" {
				q += " AND source = ?"
				args = append(args, source)
			}
			res, err := tx.ExecContext(ctx, q, args...)
			if err != nil {
				return fmt.Errorf("authz: delete casbin_rule: %w", err)
			}
			k, err := res.RowsAffected()
			if err != nil {
				return err
			}
			n += k
		}
		if n == 0 {
			return nil
		}
		version, err = bumpVersion(ctx, tx)
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	return n, version, nil
}

// RemoveFilteredPolicy deletes the grants whose fields from fieldIndex on
// equal fieldValues; an empty value matches anything (casbin's convention).
func (a *Adapter) RemoveFilteredPolicy(sec, ptype string, fieldIndex int, fieldValues ...string) error {
	return a.RemoveFilteredPolicyCtx(context.Background(), sec, ptype, fieldIndex, fieldValues...)
}

// RemoveFilteredPolicyCtx is RemoveFilteredPolicy with a context.
func (a *Adapter) RemoveFilteredPolicyCtx(ctx context.Context, sec, ptype string, fieldIndex int, fieldValues ...string) error {
	if sec != "g" {
		return ErrTemplateInCode
	}
	if fieldIndex < 0 || fieldIndex+len(fieldValues) > ruleColumns {
		return fmt.Errorf("authz: filter from field %d with %d values is out of v0..v5", fieldIndex, len(fieldValues))
	}
	q := "DELETE FROM casbin_rule WHERE ptype = ?"
	args := []any{ptype}
	for i, s := range fieldValues {
		if s == "" {
			continue
		}
		q += fmt.Sprintf(" AND v%d = ?", fieldIndex+i)
		args = append(args, s)
	}
	return a.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("authz: delete casbin_rule: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			_, err = bumpVersion(ctx, tx)
		}
		return err
	})
}

// userGrants reads the stored grants of one user with their sources, by
// wilayah, role, then source.
func (a *Adapter) userGrants(ctx context.Context, userID string) ([]Grant, error) {
	rows, err := a.db.QueryContext(ctx,
		"SELECT v1, v2, source FROM casbin_rule WHERE ptype = 'g' AND v0 = ? ORDER BY v2, v1, source", userID)
	if err != nil {
		return nil, fmt.Errorf("authz: read grants: %w", err)
	}
	defer rows.Close()
	var out []Grant
	for rows.Next() {
		g := Grant{UserID: userID}
		if err := rows.Scan(&g.Role, &g.Wilayah, &g.Source); err != nil {
			return nil, fmt.Errorf("authz: read grants: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// userRules reads the rules one user holds through any source, by wilayah
// then role, each once.
func (a *Adapter) userRules(ctx context.Context, userID string) ([][]string, error) {
	rows, err := a.db.QueryContext(ctx,
		"SELECT DISTINCT v1, v2 FROM casbin_rule WHERE ptype = 'g' AND v0 = ? ORDER BY v2, v1", userID)
	if err != nil {
		return nil, fmt.Errorf("authz: read grants: %w", err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		var role, kode string
		if err := rows.Scan(&role, &kode); err != nil {
			return nil, fmt.Errorf("authz: read grants: %w", err)
		}
		out = append(out, []string{userID, role, kode})
	}
	return out, rows.Err()
}

// usersAt lists the users holding any grant at exactly wilayah, each once.
func (a *Adapter) usersAt(ctx context.Context, wilayah string) ([]string, error) {
	rows, err := a.db.QueryContext(ctx,
		"SELECT DISTINCT v0 FROM casbin_rule WHERE ptype = 'g' AND v2 = ? ORDER BY v0", wilayah)
	if err != nil {
		return nil, fmt.Errorf("authz: read grants: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("authz: read grants: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
