// Package config reads ngantor's settings from the environment (12-factor).
// A missing or malformed setting is reported as one line naming the variable.
package config

import (
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/ngantor/ngantor/platform/secret"
	"github.com/ngantor/ngantor/platform/surel"
)

// Config is the whole runtime configuration of one ngantor process.
type Config struct {
	// DatabaseURL is postgres://… (or postgresql://…) or sqlite://path.
	DatabaseURL string
	// RedisURL is redis://…, rediss://… or redis-sentinel://…; empty means an
	// in-process Redis (dev mode only).
	RedisURL string
	// HTTPAddr is where `serve` and `dev` listen.
	HTTPAddr string
	// DataDir holds dev mode's SQLite file and the local blob folder.
	DataDir string
	// BlobURL is file://dir (default DataDir/blobs) or s3://bucket?….
	BlobURL string
	// LogLevel is debug, info, warn or error.
	LogLevel slog.Level
	// ShutdownTimeout bounds the HTTP drain and the asynq shutdown.
	ShutdownTimeout time.Duration
	// ShutdownDelay is how long `serve` keeps serving with readiness
	// failing before it drains (0: Kubernetes' preStop pause does it).
	ShutdownDelay time.Duration
	// DBMaxConns is the connection pool size per process.
	DBMaxConns int
	// AppRole is the PostgreSQL role the migrations grant to (API, worker).
	AppRole string
	// HealthAddr is where `serve`, `worker` and `scheduler` serve /healthz,
	// /readyz, /metrics and /debug/pprof/.
	HealthAddr string
	// BaseURL is the public address of the web pages (QR links in letters).
	BaseURL string
	// TrustedProxies are the networks whose X-Forwarded-For is believed
	// (the ingress controller's); empty trusts no header.
	TrustedProxies []netip.Prefix
	// AuthzPollInterval is how often each replica checks whether grants
	// changed without its hearing of it over Redis (a lost message, Redis
	// down, the CLI in dev mode). A revoke is in force everywhere within
	// it, so it is bounded by the minute the hardening issue allows.
	AuthzPollInterval time.Duration
	// SecretKeys encrypt credentials at rest (NGANTOR_SECRET_KEY, first
	// key seals, all open). Nil only outside production: dev mode then
	// keeps a key of its own in DataDir (secret.DevKeyFile).
	SecretKeys *secret.Keyring
	// SMTP sends notification e-mail (NGANTOR_SMTP_URL); nil sends none,
	// and notifications stay in the inbox only.
	SMTP *surel.SMTP
}

// Error names the variable that is wrong, in one line.
type Error struct {
	Var    string
	Reason string
}

func (e *Error) Error() string { return e.Var + ": " + e.Reason }

// Load reads the configuration through getenv (os.Getenv in production, a map
// in tests). requireDB says whether this is a production role (serve, worker,
// scheduler): NGANTOR_DATABASE_URL and NGANTOR_SECRET_KEY must then be set;
// dev mode defaults the database to a SQLite file in the data dir and makes
// its own secret key there.
func Load(getenv func(string) string, requireDB bool) (Config, error) {
	c := Config{
		DatabaseURL:       strings.TrimSpace(getenv("NGANTOR_DATABASE_URL")),
		RedisURL:          strings.TrimSpace(getenv("NGANTOR_REDIS_URL")),
		HTTPAddr:          strings.TrimSpace(getenv("NGANTOR_HTTP_ADDR")),
		DataDir:           strings.TrimSpace(getenv("NGANTOR_DATA_DIR")),
		BlobURL:           strings.TrimSpace(getenv("NGANTOR_BLOB_URL")),
		ShutdownTimeout:   20 * time.Second,
		DBMaxConns:        10,
		AuthzPollInterval: 20 * time.Second,
	}
	if c.HTTPAddr == "" {
		c.HTTPAddr = "127.0.0.1:8080"
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		return c, &Error{"NGANTOR_HTTP_ADDR", fmt.Sprintf("%q is not host:port", c.HTTPAddr)}
	}
	c.HealthAddr = strings.TrimSpace(getenv("NGANTOR_HEALTH_ADDR"))
	if c.HealthAddr == "" {
		c.HealthAddr = "127.0.0.1:8081"
	}
	if _, _, err := net.SplitHostPort(c.HealthAddr); err != nil {
		return c, &Error{"NGANTOR_HEALTH_ADDR", fmt.Sprintf("%q is not host:port", c.HealthAddr)}
	}
	c.AppRole = strings.TrimSpace(getenv("NGANTOR_DATABASE_APP_ROLE"))
	if c.AppRole == "" {
		c.AppRole = "ngantor_app"
	}
	if !validIdent(c.AppRole) {
		return c, &Error{"NGANTOR_DATABASE_APP_ROLE", fmt.Sprintf("%q is not a plain role name (a-z, 0-9, _)", c.AppRole)}
	}
	c.BaseURL = strings.TrimRight(strings.TrimSpace(getenv("NGANTOR_BASE_URL")), "/")
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.HTTPAddr
	} else if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, &Error{"NGANTOR_BASE_URL", fmt.Sprintf("%q is not an http(s) URL", c.BaseURL)}
	}
	if v := strings.TrimSpace(getenv("NGANTOR_TRUSTED_PROXIES")); v != "" {
		for _, part := range strings.Split(v, ",") {
			pfx, err := netip.ParsePrefix(strings.TrimSpace(part))
			if err != nil {
				return c, &Error{"NGANTOR_TRUSTED_PROXIES", fmt.Sprintf("%q is not a CIDR such as 10.0.0.0/8", strings.TrimSpace(part))}
			}
			c.TrustedProxies = append(c.TrustedProxies, pfx.Masked())
		}
	}
	if c.DataDir == "" {
		c.DataDir = "data"
	}
	if c.DatabaseURL == "" {
		if requireDB {
			return c, &Error{"NGANTOR_DATABASE_URL", "is not set (postgres://… or sqlite://path)"}
		}
		c.DatabaseURL = "sqlite://" + filepath.Join(c.DataDir, "ngantor.db")
	}
	if err := checkDatabaseURL(c.DatabaseURL); err != nil {
		return c, err
	}
	if c.RedisURL != "" {
		if err := checkRedisURL(c.RedisURL); err != nil {
			return c, err
		}
	}
	if v := strings.TrimSpace(getenv("NGANTOR_SECRET_KEY")); v != "" {
		kr, err := secret.ParseKeyring(v)
		if err != nil {
			return c, &Error{"NGANTOR_SECRET_KEY", err.Error()}
		}
		c.SecretKeys = kr
	} else if requireDB {
		return c, &Error{"NGANTOR_SECRET_KEY", "is not set (id:base64 of 32 bytes, newest first, e.g. k1:$(openssl rand -base64 32))"}
	}
	if v := strings.TrimSpace(getenv("NGANTOR_SMTP_URL")); v != "" {
		m, err := surel.Parse(v)
		if err != nil {
			return c, &Error{"NGANTOR_SMTP_URL", err.Error()}
		}
		c.SMTP = m
	}
	if c.BlobURL == "" {
		c.BlobURL = "file://" + filepath.Join(c.DataDir, "blobs")
	} else if u, err := url.Parse(c.BlobURL); err != nil || (u.Scheme != "file" && u.Scheme != "s3") {
		return c, &Error{"NGANTOR_BLOB_URL", "must be file://dir or s3://bucket"}
	}
	switch lv := strings.ToLower(strings.TrimSpace(getenv("NGANTOR_LOG_LEVEL"))); lv {
	case "", "info":
		c.LogLevel = slog.LevelInfo
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "warn":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		return c, &Error{"NGANTOR_LOG_LEVEL", fmt.Sprintf("%q is not one of debug, info, warn, error", lv)}
	}
	if v := strings.TrimSpace(getenv("NGANTOR_SHUTDOWN_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return c, &Error{"NGANTOR_SHUTDOWN_TIMEOUT", fmt.Sprintf("%q is not a positive duration such as 20s", v)}
		}
		c.ShutdownTimeout = d
	}
	if v := strings.TrimSpace(getenv("NGANTOR_SHUTDOWN_DELAY")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 || d > 5*time.Minute {
			return c, &Error{"NGANTOR_SHUTDOWN_DELAY", fmt.Sprintf("%q is not a duration between 0s and 5m", v)}
		}
		c.ShutdownDelay = d
	}
	if v := strings.TrimSpace(getenv("NGANTOR_AUTHZ_POLL_INTERVAL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > time.Minute {
			return c, &Error{"NGANTOR_AUTHZ_POLL_INTERVAL", fmt.Sprintf("%q is not a duration between 1s and 1m", v)}
		}
		c.AuthzPollInterval = d
	}
	if v := strings.TrimSpace(getenv("NGANTOR_DB_MAX_CONNS")); v != "" {
		var n int
		if _, err := fmt.Sscanf(v, "%d", &n); err != nil || n < 1 || n > 1000 {
			return c, &Error{"NGANTOR_DB_MAX_CONNS", fmt.Sprintf("%q is not a number between 1 and 1000", v)}
		}
		c.DBMaxConns = n
	}
	return c, nil
}

func checkDatabaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return &Error{"NGANTOR_DATABASE_URL", "is not a URL"}
	}
	switch u.Scheme {
	case "postgres", "postgresql":
		return nil
	case "sqlite":
		if u.Host+u.Path == "" {
			return &Error{"NGANTOR_DATABASE_URL", "sqlite:// needs a file path, e.g. sqlite://data/ngantor.db"}
		}
		return nil
	default:
		return &Error{"NGANTOR_DATABASE_URL", fmt.Sprintf("scheme %q is not postgres:// or sqlite://", u.Scheme)}
	}
}

func checkRedisURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return &Error{"NGANTOR_REDIS_URL", "is not a URL"}
	}
	switch u.Scheme {
	case "redis", "rediss", "redis-sentinel":
		return nil
	default:
		return &Error{"NGANTOR_REDIS_URL", fmt.Sprintf("scheme %q is not redis://, rediss:// or redis-sentinel://", u.Scheme)}
	}
}

// validIdent keeps the role name safe to splice into migration SQL.
func validIdent(s string) bool {
	if s == "" || len(s) > 63 {
		return false
	}
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_' || (i > 0 && r >= '0' && r <= '9')) {
			return false
		}
	}
	return true
}
