package httpserver

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
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
