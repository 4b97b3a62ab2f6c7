package httpserver_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/httpserver"
)

// huma puts a read deadline on the connection before it reads a body (the
// operation's BodyReadTimeout). Left in place, it cancelled every request
// still running when it passed — a letter waiting 5 s for its number came
// back 500 "context canceled" — and every later request on that keep-alive
// connection at once. Here the timeout is 100 ms and the handlers take
// 300 ms; each is asked twice on one connection.
func TestSlowRequestsOutliveTheBodyReadDeadline(t *testing.T) {
	s := httpserver.New(httpserver.Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	s.V1().UseMiddleware(httpserver.TextGuard(s.V1()))
	slow := func(ctx context.Context) error {
		select {
		case <-time.After(300 * time.Millisecond):
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	type out struct {
		Body struct {
			Got string `json:"got"`
		}
	}
	huma.Register(s.V1(), huma.Operation{
		OperationID: "slow-json", Method: http.MethodPost, Path: "/slow-json",
		BodyReadTimeout: 100 * time.Millisecond, Metadata: authz.Public(),
	}, func(ctx context.Context, in *struct {
		Body struct {
			Name string `json:"name"`
		}
	}) (*out, error) {
		if err := slow(ctx); err != nil {
			return nil, err
		}
		o := &out{}
		o.Body.Got = in.Body.Name
		return o, nil
	})
	huma.Register(s.V1(), huma.Operation{
		OperationID: "slow-raw", Method: http.MethodPost, Path: "/slow-raw",
		BodyReadTimeout: 100 * time.Millisecond, Metadata: authz.Public(),
	}, func(ctx context.Context, in *struct {
		ContentType string `header:"Content-Type"`
		RawBody     []byte `contentType:"application/octet-stream"`
	}) (*out, error) {
		if err := slow(ctx); err != nil {
			return nil, err
		}
		o := &out{}
		o.Body.Got = string(in.RawBody)
		return o, nil
	})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.ServeListener(ctx, ln, time.Second) }()
	t.Cleanup(func() { cancel(); <-done })

	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1}} // one keep-alive connection
	for _, c := range []struct{ path, ctype, body, want string }{
		{"/slow-json", "application/json", `{"name":"Ni Luh"}`, `"got":"Ni Luh"`},
		{"/slow-json", "application/json", `{"name":"Made"}`, `"got":"Made"`},
		{"/slow-raw", "application/octet-stream", "berkas", `"got":"berkas"`},
		{"/slow-raw", "application/octet-stream", "lagi", `"got":"lagi"`},
	} {
		res, err := client.Post("http://"+ln.Addr().String()+httpserver.APIPrefix+c.path, c.ctype, strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(b), c.want) {
			t.Errorf("POST %s taking longer than its body deadline: %d %s", c.path, res.StatusCode, b)
		}
	}
}
