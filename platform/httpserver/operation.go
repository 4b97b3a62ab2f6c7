package httpserver

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Operation declares one API operation of a module: its tag, the one
// permission the guard checks at {kode} (authz.Require), and the statuses
// the modules answer writes with: a POST creates (201) and a DELETE answers
// nothing (204). An operation that does otherwise (a POST that acts on what
// exists) sets DefaultStatus itself before huma.Register.
func Operation(tag, id, method, path, summary string, perm authz.Permission) huma.Operation {
	o := huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary,
		Tags: []string{tag}, Metadata: authz.Require(perm)}
	switch method {
	case http.MethodPost:
		o.DefaultStatus = http.StatusCreated
	case http.MethodDelete:
		o.DefaultStatus = http.StatusNoContent
	}
	return o
}

// TargetFunc names the wilayah an operation whose path has no {kode} acts
// on, from its path parameters: e.g. /opd/{id}/… acts on the OPD's
// kabupaten. An unknown id is a fault.NotFound. The guard checks the
// operation's permission at that wilayah and makes it the request's
// tenant, exactly as for a {kode} path.
type TargetFunc func(ctx context.Context, param func(name string) string) (tenancy.Kode, error)

const metaTarget = "ngantor.target"

// OperationAt is Operation for a path whose target wilayah comes from
// target instead of a {kode} parameter. /openapi.json marks it with
// x-target, so the cross-tenant matrix walks it too.
func OperationAt(tag, id, method, path, summary string, perm authz.Permission, target TargetFunc) huma.Operation {
	o := Operation(tag, id, method, path, summary, perm)
	o.Metadata[metaTarget] = target
	return o
}

func targetOf(op *huma.Operation) (TargetFunc, bool) {
	if op == nil || op.Metadata == nil {
		return nil, false
	}
	f, ok := op.Metadata[metaTarget].(TargetFunc)
	return f, ok && f != nil
}
