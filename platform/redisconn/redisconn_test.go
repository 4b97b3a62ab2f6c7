package redisconn

import (
	"reflect"
	"testing"
)

func TestParseRedisURLForms(t *testing.T) {
	cases := []struct {
		url  string
		want Conn
	}{
		{"redis://127.0.0.1:6379/0", Conn{Addrs: []string{"127.0.0.1:6379"}}},
		{"redis://:s3cret@redis", Conn{Addrs: []string{"redis:6379"}, Password: "s3cret"}},
		{"rediss://user:pw@cache.example:6380/2", Conn{Addrs: []string{"cache.example:6380"}, Username: "user", Password: "pw", DB: 2, TLS: true}},
		{"redis-sentinel://:pw@s1:26379,s2,s3:26380/1?master=ngantor",
			Conn{Addrs: []string{"s1:26379", "s2:26379", "s3:26380"}, MasterName: "ngantor", Password: "pw", DB: 1}},
	}
	for _, c := range cases {
		got, err := Parse(c.url)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", c.url, got, err, c.want)
		}
	}
	for _, bad := range []string{"http://x", "redis://", "redis://a,b", "redis-sentinel://s1", "redis://x/notanumber"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}
