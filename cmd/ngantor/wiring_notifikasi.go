package main

import (
	"context"
	"log/slog"

	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/config"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/notifikasi"
)

// newNotifikasi builds the inbox; it mails through NGANTOR_SMTP_URL only
// when that is set (a nil *surel.SMTP must not become a non-nil Mailer).
func newNotifikasi(d *db.DB, cfg config.Config, a *auth.Service, log *slog.Logger) *notifikasi.Store {
	deps := notifikasi.Deps{DB: d, BaseURL: cfg.BaseURL, Logger: log}
	if cfg.SMTP != nil {
		deps.Mailer, deps.Recipients = cfg.SMTP, authRecipients{a}
	}
	return notifikasi.New(deps)
}

// authRecipients: the e-mail addresses of accounts that are not disabled
// (auth.UsersByID leaves those out, and unknown ids).
type authRecipients struct{ a *auth.Service }

func (r authRecipients) Emails(ctx context.Context, ids []string) (map[string]string, error) {
	us, err := r.a.UsersByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(us))
	for _, u := range us {
		if u.Email != "" {
			out[u.ID] = u.Email
		}
	}
	return out, nil
}
