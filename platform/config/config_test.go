package config

import (
	"errors"
	"strings"
	"testing"
)

// testSecretKey is k1 with 32 bytes of 0x01.
const testSecretKey = "k1:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsForDevMode(t *testing.T) {
	c, err := Load(env(nil), false)
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != "127.0.0.1:8080" || c.DataDir != "data" || c.DatabaseURL != "sqlite://data/ngantor.db" ||
		c.BlobURL != "file://data/blobs" || c.AppRole != "ngantor_app" || c.BaseURL != "http://127.0.0.1:8080" ||
		c.SecretKeys != nil || c.SMTP != nil {
		t.Fatalf("defaults = %+v", c)
	}
}

func TestBadSettingNamesTheVariable(t *testing.T) {
	cases := []struct {
		env       map[string]string
		requireDB bool
		want      string
	}{
		{nil, true, "NGANTOR_DATABASE_URL"},
		{map[string]string{"NGANTOR_DATABASE_URL": "postgres://db/ngantor"}, true, "NGANTOR_SECRET_KEY"},
		{map[string]string{"NGANTOR_SECRET_KEY": "k1:c2hvcnQ="}, false, "NGANTOR_SECRET_KEY"},
		{map[string]string{"NGANTOR_SECRET_KEY": testSecretKey + ",k1:" + testSecretKey[3:]}, false, "NGANTOR_SECRET_KEY"},
		{map[string]string{"NGANTOR_SECRET_KEY": testSecretKey[3:]}, false, "NGANTOR_SECRET_KEY"},
		{map[string]string{"NGANTOR_DATABASE_URL": "mysql://x"}, false, "NGANTOR_DATABASE_URL"},
		{map[string]string{"NGANTOR_DATABASE_URL": "sqlite://"}, false, "NGANTOR_DATABASE_URL"},
		{map[string]string{"NGANTOR_REDIS_URL": "http://x"}, false, "NGANTOR_REDIS_URL"},
		{map[string]string{"NGANTOR_HTTP_ADDR": "8080"}, false, "NGANTOR_HTTP_ADDR"},
		{map[string]string{"NGANTOR_HEALTH_ADDR": "x"}, false, "NGANTOR_HEALTH_ADDR"},
		{map[string]string{"NGANTOR_LOG_LEVEL": "loud"}, false, "NGANTOR_LOG_LEVEL"},
		{map[string]string{"NGANTOR_SHUTDOWN_TIMEOUT": "soon"}, false, "NGANTOR_SHUTDOWN_TIMEOUT"},
		{map[string]string{"NGANTOR_SHUTDOWN_DELAY": "-1s"}, false, "NGANTOR_SHUTDOWN_DELAY"},
		{map[string]string{"NGANTOR_DB_MAX_CONNS": "0"}, false, "NGANTOR_DB_MAX_CONNS"},
		{map[string]string{"NGANTOR_AUTHZ_POLL_INTERVAL": "5m"}, false, "NGANTOR_AUTHZ_POLL_INTERVAL"},
		{map[string]string{"NGANTOR_DATABASE_APP_ROLE": "app; DROP TABLE users"}, false, "NGANTOR_DATABASE_APP_ROLE"},
		{map[string]string{"NGANTOR_BLOB_URL": "ftp://x"}, false, "NGANTOR_BLOB_URL"},
		{map[string]string{"NGANTOR_BASE_URL": "desa.example"}, false, "NGANTOR_BASE_URL"},
		{map[string]string{"NGANTOR_TRUSTED_PROXIES": "10.0.0.0/8, ingress"}, false, "NGANTOR_TRUSTED_PROXIES"},
		{map[string]string{"NGANTOR_SMTP_URL": "smtp://u:AQEBAQ@mail.example"}, false, "NGANTOR_SMTP_URL"},
		{map[string]string{"NGANTOR_SMTP_URL": "mailto:noreply@x.example"}, false, "NGANTOR_SMTP_URL"},
	}
	for _, tc := range cases {
		_, err := Load(env(tc.env), tc.requireDB)
		var ce *Error
		if !errors.As(err, &ce) || ce.Var != tc.want {
			t.Errorf("env %v: err = %v, want one naming %s", tc.env, err, tc.want)
			continue
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("error is not one line: %q", err)
		}
		if strings.Contains(err.Error(), "AQEBAQ") {
			t.Errorf("error echoes the secret key: %q", err)
		}
	}
}

func TestProductionURLFormsAreAccepted(t *testing.T) {
	c, err := Load(env(map[string]string{
		"NGANTOR_DATABASE_URL": "postgres://ngantor_app@pg-a:5432,pg-b:5432/ngantor?target_session_attrs=read-write",
		"NGANTOR_REDIS_URL":    "redis-sentinel://:pw@s1:26379,s2:26379/0?master=ngantor",
		"NGANTOR_BLOB_URL":     "s3://ngantor-tabanan?region=ap-southeast-3",
		"NGANTOR_BASE_URL":     "https://ngantor.tabanankab.go.id/",
		"NGANTOR_SECRET_KEY":   "k2:AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=, " + testSecretKey,
		"NGANTOR_SMTP_URL":     "smtp://ngantor:pw@mail.tabanankab.go.id:587?from=noreply@tabanankab.go.id",
	}), true)
	if err != nil {
		t.Fatal(err)
	}
	if c.SecretKeys == nil || strings.Join(c.SecretKeys.IDs(), ",") != "k2,k1" {
		t.Errorf("secret keys = %v, want k2,k1", c.SecretKeys)
	}
	if c.SMTP == nil || c.SMTP.From() != "noreply@tabanankab.go.id" {
		t.Errorf("smtp = %v", c.SMTP)
	}
	if c.BaseURL != "https://ngantor.tabanankab.go.id" {
		t.Errorf("base url %q keeps its trailing slash", c.BaseURL)
	}
}
