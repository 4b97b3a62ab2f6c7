package httpserver

import (
	"net/http"
	"testing"

	"github.com/ngantor/ngantor/platform/authz"
)

func TestOperationDeclaresPermissionTagAndWriteStatus(t *testing.T) {
	perm := authz.Permission{Object: "surat", Action: "write"}
	for method, want := range map[string]int{
		http.MethodGet:    0,
		http.MethodPut:    0,
		http.MethodPost:   http.StatusCreated,
		http.MethodDelete: http.StatusNoContent,
	} {
		o := Operation("persuratan", "op-id", method, "/desa/{kode}/x", "Ringkas", perm)
		if o.DefaultStatus != want {
			t.Errorf("%s: DefaultStatus %d, want %d", method, o.DefaultStatus, want)
		}
		if got, public, ok := authz.Declared(&o); !ok || public || got != perm {
			t.Errorf("%s: declared %v public=%v ok=%v, want %v", method, got, public, ok, perm)
		}
		if len(o.Tags) != 1 || o.Tags[0] != "persuratan" || o.OperationID != "op-id" || o.Method != method ||
			o.Path != "/desa/{kode}/x" || o.Summary != "Ringkas" {
			t.Errorf("%s: %+v", method, o)
		}
	}
}
