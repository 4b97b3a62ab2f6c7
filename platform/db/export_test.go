package db

import (
	"context"
	"net"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// OpenCountingWrites opens a PostgreSQL DB whose connections count their
// writes in n: pgx flushes each round trip's messages in one write.
func OpenCountingWrites(ctx context.Context, rawURL string, opt Options, n *atomic.Int64) (*DB, error) {
	return open(ctx, rawURL, opt, func(cfg *pgx.ConnConfig) {
		dial := cfg.DialFunc
		cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return countingConn{Conn: c, n: n}, nil
		}
	})
}

type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Write(b []byte) (int, error) {
	c.n.Add(1)
	return c.Conn.Write(b)
}
