package httpserver

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/fault"
)

// Problem is the RFC 9457 body of every error response. Detail is Bahasa
// Indonesia; RequestID lets a user quote the failure to support.
type Problem struct {
	huma.ErrorModel
	RequestID string `json:"request_id,omitempty" doc:"Kode permintaan, sebutkan saat melapor"`
	// RetryAfter is set on 429 answers (seconds); also sent as a header.
	RetryAfter int `json:"retry_after,omitempty"`
}

// GetHeaders lets huma send Retry-After with a 429.
func (p *Problem) GetHeaders() http.Header {
	if p.RetryAfter <= 0 {
		return nil
	}
	h := http.Header{}
	h.Set("Retry-After", itoa(p.RetryAfter))
	return h
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// RetryAfterError is implemented by errors that tell the client when to try
// again (login rate limits, the hashing cap).
type RetryAfterError interface {
	RetryAfterSeconds() int
}

var statusOfCode = map[fault.Code]int{
	fault.Invalid:      http.StatusUnprocessableEntity,
	fault.NotFound:     http.StatusNotFound,
	fault.Conflict:     http.StatusConflict,
	fault.Forbidden:    http.StatusForbidden,
	fault.Unauthorized: http.StatusUnauthorized,
	fault.TooMany:      http.StatusTooManyRequests,
	fault.Unavailable:  http.StatusServiceUnavailable,
}

// detailOfStatus is what a user reads when the error carries no message of
// its own (huma's validation and parsing answers are English and technical;
// they stay in the per-field list).
var detailOfStatus = map[int]string{
	http.StatusBadRequest:            "Permintaan tidak dapat dibaca.",
	http.StatusUnauthorized:          "Silakan masuk terlebih dahulu.",
	http.StatusForbidden:             "Anda tidak berwenang untuk tindakan ini.",
	http.StatusNotFound:              "Data tidak ditemukan.",
	http.StatusMethodNotAllowed:      "Metode tidak didukung untuk alamat ini.",
	http.StatusNotAcceptable:         "Format jawaban yang diminta tidak didukung.",
	http.StatusConflict:              "Permintaan bertabrakan dengan keadaan data saat ini.",
	http.StatusRequestEntityTooLarge: "Isi permintaan terlalu besar (maksimal 1 MiB).",
	http.StatusUnsupportedMediaType:  "Jenis isi permintaan tidak didukung.",
	http.StatusUnprocessableEntity:   "Data yang dikirim tidak sah.",
	http.StatusTooManyRequests:       "Terlalu banyak percobaan. Coba lagi nanti.",
	http.StatusInternalServerError:   "Terjadi kesalahan pada server. Sebutkan kode permintaan saat melapor.",
	http.StatusServiceUnavailable:    "Layanan sedang tidak tersedia. Coba lagi sebentar lagi.",
}

func detailFor(status int) string {
	if d, ok := detailOfStatus[status]; ok {
		return d
	}
	return http.StatusText(status)
}

// NewProblem builds the body for status. It is the one place errors turn
// into HTTP: a fault.Error gives its status and message; any other error is
// internal — logged with its detail, answered with a plain 500.
func NewProblem(ctx context.Context, logger *slog.Logger, status int, msg string, errs ...error) *Problem {
	rid := RequestID(ctx)
	var details []*huma.ErrorDetail
	var detail string
	coded := false // detail is a fault's own message, written for users
	retry := 0
	for _, err := range errs {
		if err == nil {
			continue
		}
		if f, ok := fault.As(err); ok {
			status = statusOfCode[f.Code]
			detail, coded = f.Message, true
			switch {
			case len(f.Fields) > 0:
				for _, ff := range f.Fields {
					details = append(details, &huma.ErrorDetail{Location: ff.Field, Message: ff.Message})
				}
			case f.Field != "":
				details = append(details, &huma.ErrorDetail{Location: f.Field, Message: f.Message})
			}
			var ra RetryAfterError
			if errors.As(err, &ra) {
				retry = ra.RetryAfterSeconds()
			}
			continue
		}
		if ed, ok := err.(*huma.ErrorDetail); ok {
			details = append(details, ed)
			continue
		}
		if status >= 500 {
			logger.ErrorContext(ctx, "internal error", "request_id", rid, "err", err, "msg", msg)
		} else {
			details = append(details, &huma.ErrorDetail{Message: err.Error()})
		}
	}
	if status >= 500 {
		// Never echo internal text; the log has it under the request id.
		// A coded 503 keeps its message: it was written for the user.
		details = nil
		if !coded {
			detail = ""
		}
	}
	if detail == "" {
		detail = detailFor(status)
	}
	if status == http.StatusTooManyRequests && retry == 0 {
		retry = 60
	}
	return &Problem{
		ErrorModel: huma.ErrorModel{
			Title:  http.StatusText(status),
			Status: status,
			Detail: detail,
			Errors: details,
		},
		RequestID:  rid,
		RetryAfter: retry,
	}
}

// installErrorMapping routes every huma error through NewProblem. huma
// exposes this hook only as a package variable, so it is set once here.
func installErrorMapping(logger *slog.Logger) {
	huma.NewErrorWithContext = func(hctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
		ctx := context.Background()
		if hctx != nil {
			ctx = hctx.Context()
		}
		p := NewProblem(ctx, logger, status, msg, errs...)
		// huma sends headers only from a handler's own error; a 429 built
		// here must still tell the client when to come back.
		if hctx != nil && p.RetryAfter > 0 {
			hctx.SetHeader("Retry-After", itoa(p.RetryAfter))
		}
		return p
	}
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		return NewProblem(context.Background(), logger, status, msg, errs...)
	}
}
