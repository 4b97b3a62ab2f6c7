// Package redisconn turns NGANTOR_REDIS_URL into clients for go-redis and
// asynq, and runs the in-process Redis (miniredis) that dev mode uses when
// the URL is empty.
//
// Accepted forms:
//
//	redis://[:password@]host:6379/0
//	rediss://… (TLS)
//	redis-sentinel://[:password@]host1:26379,host2:26379/0?master=mymaster
package redisconn

import (
	"crypto/tls"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// Conn describes one Redis deployment.
type Conn struct {
	Addrs      []string // one address, or the Sentinel addresses
	MasterName string   // set for Sentinel
	Username   string
	Password   string
	DB         int
	TLS        bool
}

// Parse reads a Redis URL.
func Parse(raw string) (Conn, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return Conn{}, fmt.Errorf("redis url: %w", err)
	}
	var c Conn
	switch u.Scheme {
	case "redis":
	case "rediss":
		c.TLS = true
	case "redis-sentinel":
		c.MasterName = u.Query().Get("master")
		if c.MasterName == "" {
			return Conn{}, fmt.Errorf("redis url: redis-sentinel:// needs ?master=NAME")
		}
	default:
		return Conn{}, fmt.Errorf("redis url: scheme %q is not redis, rediss or redis-sentinel", u.Scheme)
	}
	for _, a := range strings.Split(u.Host, ",") {
		if a == "" {
			continue
		}
		if !strings.Contains(a, ":") {
			if c.MasterName != "" {
				a += ":26379"
			} else {
				a += ":6379"
			}
		}
		c.Addrs = append(c.Addrs, a)
	}
	if len(c.Addrs) == 0 {
		return Conn{}, fmt.Errorf("redis url: no host")
	}
	if len(c.Addrs) > 1 && c.MasterName == "" {
		return Conn{}, fmt.Errorf("redis url: several hosts need redis-sentinel://")
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	if p := strings.Trim(u.Path, "/"); p != "" {
		if c.DB, err = strconv.Atoi(p); err != nil || c.DB < 0 {
			return Conn{}, fmt.Errorf("redis url: database %q is not a number", p)
		}
	}
	return c, nil
}

func (c Conn) tls() *tls.Config {
	if !c.TLS {
		return nil
	}
	return &tls.Config{MinVersion: tls.VersionTLS12}
}

// Client opens a go-redis client (a failover client for Sentinel).
func (c Conn) Client() redis.UniversalClient {
	if c.MasterName != "" {
		return redis.NewFailoverClient(&redis.FailoverOptions{
			MasterName: c.MasterName, SentinelAddrs: c.Addrs,
			Username: c.Username, Password: c.Password, DB: c.DB, TLSConfig: c.tls(),
		})
	}
	return redis.NewClient(&redis.Options{
		Addr: c.Addrs[0], Username: c.Username, Password: c.Password, DB: c.DB, TLSConfig: c.tls(),
	})
}

// Asynq is the same connection as asynq wants it.
func (c Conn) Asynq() asynq.RedisConnOpt {
	if c.MasterName != "" {
		return asynq.RedisFailoverClientOpt{
			MasterName: c.MasterName, SentinelAddrs: c.Addrs,
			Username: c.Username, Password: c.Password, DB: c.DB, TLSConfig: c.tls(),
		}
	}
	return asynq.RedisClientOpt{
		Addr: c.Addrs[0], Username: c.Username, Password: c.Password, DB: c.DB, TLSConfig: c.tls(),
	}
}

// Memory starts an in-process Redis for dev mode. Its clock follows real
// time so keys with a TTL expire (asynq leases, rate-limit windows).
func Memory() (*miniredis.Miniredis, Conn, error) {
	m := miniredis.NewMiniRedis()
	if err := m.Start(); err != nil {
		return nil, Conn{}, fmt.Errorf("in-process redis: %w", err)
	}
	m.ClockTTL(true)
	return m, Conn{Addrs: []string{m.Addr()}}, nil
}
