package httpserver

import (
	"net/http"
	"reflect"
	"slices"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
)

// problemContentType is the media type of every error body (RFC 9457).
const problemContentType = "application/problem+json"

// whenStatus says, in the API's language, when an operation answers with a
// status. Response descriptions are what a client developer reads in /docs.
var whenStatus = map[int]string{
	http.StatusBadRequest:            "Isi permintaan tidak dapat dibaca (bukan JSON yang sah, atau kosong padahal wajib).",
	http.StatusUnauthorized:          "Belum masuk, atau token sesi tidak berlaku lagi.",
	http.StatusForbidden:             "Pengguna tidak berwenang atas wilayah ini.",
	http.StatusNotFound:              "Wilayah atau data yang dituju tidak ditemukan (juga data milik desa lain).",
	http.StatusConflict:              "Bertabrakan dengan keadaan data saat ini (mis. sudah ada, atau baru saja diubah orang lain).",
	http.StatusRequestEntityTooLarge: "Isi permintaan melebihi batas ukuran.",
	http.StatusUnsupportedMediaType:  "Jenis isi permintaan (Content-Type) tidak didukung.",
	http.StatusUnprocessableEntity:   "Data atau parameter tidak sah; rincian per isian ada di errors.",
	http.StatusTooManyRequests:       "Terlalu banyak percobaan; coba lagi setelah Retry-After detik.",
	http.StatusInternalServerError:   "Kesalahan pada server; sebutkan request_id saat melapor.",
}

// idempotencyNote completes whenStatus on POSTs (see idempotent).
var idempotencyNote = map[int]string{
	http.StatusConflict:            " Juga bila permintaan dengan Idempotency-Key yang sama masih diproses.",
	http.StatusUnprocessableEntity: " Juga bila Idempotency-Key tidak sah atau sudah dipakai untuk isi lain.",
}

// problemStatuses derives the error statuses an operation can answer with
// from what the platform knows about it: the guard (permission), huma's
// parsing and validation (parameters, body), the body limit and the
// Idempotency-Key handling of POSTs. A module adds what only it knows
// (login's 429, say) with huma.Operation.Errors; those are kept.
func problemStatuses(op *huma.Operation, perm authz.Permission, public, declared bool) []int {
	codes := append([]int{http.StatusInternalServerError}, op.Errors...)
	switch {
	case !declared:
		codes = append(codes, http.StatusForbidden) // the guard refuses it
	case public:
	case perm == authz.SessionSelf:
		codes = append(codes, http.StatusUnauthorized)
	default:
		// The guard: not signed in, no grant at {kode}, {kode} unknown.
		codes = append(codes, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound)
	}
	for _, p := range op.Parameters {
		switch p.In {
		case "path":
			codes = append(codes, http.StatusNotFound, http.StatusUnprocessableEntity)
		case "query":
			codes = append(codes, http.StatusUnprocessableEntity)
		}
	}
	if op.RequestBody != nil {
		codes = append(codes, http.StatusBadRequest, http.StatusRequestEntityTooLarge,
			http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity)
	}
	switch op.Method {
	case http.MethodPost:
		// idempotent: a malformed or reused key (422), the same key in
		// flight (409); and the module's own conflicts, as below.
		codes = append(codes, http.StatusUnprocessableEntity, http.StatusConflict)
	case http.MethodPut, http.MethodPatch, http.MethodDelete:
		// Stores answer a unique-key violation or a lost race with a
		// fault.Conflict on any write.
		codes = append(codes, http.StatusConflict)
	}
	slices.Sort(codes)
	return slices.Compact(codes)
}

// documentProblems lists on op every problem+json response it can give,
// with the shared Problem schema, replacing huma's catch-all "default"
// (English, and it hides which errors a client must handle).
func (s *Server) documentProblems(op *huma.Operation, perm authz.Permission, public, declared bool) {
	if op.Responses == nil {
		op.Responses = map[string]*huma.Response{}
	}
	schema := s.api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[Problem](), true, "Problem")
	if d := op.Responses["default"]; d != nil && d.Content[problemContentType] != nil {
		delete(op.Responses, "default")
	}
	for _, code := range problemStatuses(op, perm, public, declared) {
		desc, ok := whenStatus[code]
		if !ok {
			desc, ok = detailOfStatus[code]
		}
		if !ok {
			desc = "Permintaan ditolak; alasannya ada di detail."
		}
		if op.Method == http.MethodPost {
			desc += idempotencyNote[code]
		}
		r := &huma.Response{
			Description: desc,
			Content:     map[string]*huma.MediaType{problemContentType: {Schema: schema}},
		}
		if code == http.StatusTooManyRequests {
			r.Headers = map[string]*huma.Param{"Retry-After": {
				Description: "Detik sebelum boleh mencoba lagi",
				Schema:      &huma.Schema{Type: huma.TypeInteger, Minimum: new(float64(1))},
			}}
		}
		op.Responses[strconv.Itoa(code)] = r
	}
}
