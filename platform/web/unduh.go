package web

import (
	"net/http"
	"strconv"
)

// Download writes b as an attachment named name. A download of a module is
// desa data, often personal: it is never cached and never sniffed. name
// must be a plain file name (letters, digits, dots, dashes, underscores).
func Download(w http.ResponseWriter, contentType, name string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}
