package authz

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/redisconn"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
	"github.com/ngantor/ngantor/platform/tenancy"
)

var (
	suratRead      = Permission{Object: "surat", Action: "read"}
	suratWrite     = Permission{Object: "surat", Action: "write"}
	wilayahRead    = Permission{Object: "wilayah", Action: "read"}
	rekapKabupaten = Permission{Object: "rekap_kabupaten", Action: "read"}
)

var testTemplates = map[Role][]Permission{
	Perbekel: {suratRead, suratWrite, wilayahRead},
	Camat:    {suratRead, wilayahRead},
	Bupati:   {suratRead, wilayahRead, rekapKabupaten},
}

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func newEnforcer(t testing.TB, d *db.DB, rc redis.UniversalClient, channel string) *Enforcer {
	t.Helper()
	e, err := New(context.Background(), Deps{
		DB: d, Redis: rc, Templates: testTemplates, Logger: quietLogger(), Channel: channel,
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func mustGrant(t testing.TB, e *Enforcer, gs ...Grant) {
	t.Helper()
	for _, g := range gs {
		if err := e.Grant(context.Background(), g); err != nil {
			t.Fatalf("Grant(%+v): %v", g, err)
		}
	}
}

func TestGrantReachesEveryDesaInsideItsWilayah(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnforcer(t, d, nil, "")
		mustGrant(t, e,
			Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06.2001"},
			Grant{UserID: "ketut", Role: Camat, Wilayah: "51.02.06"},
			Grant{UserID: "wayan", Role: Bupati, Wilayah: "51.02"},
		)
		tests := []struct {
			name   string
			user   string
			target tenancy.Kode
			perm   Permission
			want   bool
		}{
			{"perbekel at own desa", "made", "51.02.06.2001", suratWrite, true},
			{"perbekel at neighbour desa", "made", "51.02.06.2002", suratRead, false},
			{"perbekel in another kecamatan", "made", "51.02.07.2001", suratRead, false},
			{"perbekel at own kecamatan view", "made", "51.02.06", suratRead, false},
			{"perbekel outside template", "made", "51.02.06.2001", rekapKabupaten, false},

			{"camat at a desa of the kecamatan", "ketut", "51.02.06.2001", suratRead, true},
			{"camat at another desa of the kecamatan", "ketut", "51.02.06.2002", wilayahRead, true},
			{"camat at the kecamatan view", "ketut", "51.02.06", suratRead, true},
			{"camat at the kabupaten view", "ketut", "51.02", suratRead, false},
			{"camat at a desa of another kecamatan", "ketut", "51.02.07.2001", suratRead, false},
			{"camat outside template", "ketut", "51.02.06.2001", suratWrite, false},

			{"bupati at a desa", "wayan", "51.02.07.2003", suratRead, true},
			{"bupati at a kecamatan", "wayan", "51.02.06", wilayahRead, true},
			{"bupati at the kabupaten", "wayan", "51.02", rekapKabupaten, true},
			{"bupati at a desa of another kabupaten", "wayan", "35.23.01.2001", suratRead, false},
			{"bupati at another kabupaten", "wayan", "35.23", rekapKabupaten, false},
			{"bupati at the provinsi", "wayan", "51", suratRead, false},

			{"user without grants", "nyoman", "51.02.06.2001", suratRead, false},
			{"anonymous", "", "51.02.06.2001", suratRead, false},
			{"user id spelled like a role", string(Perbekel), "51.02.06.2001", suratRead, false},

			{"session self without grants", "nyoman", "", SessionSelf, true},
			{"session self anonymous", "", "", SessionSelf, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// The second call is answered from the decision cache.
				for i := range 2 {
					got, err := e.Allowed(context.Background(), tt.user, tt.target, tt.perm)
					if err != nil {
						t.Fatalf("Allowed: %v", err)
					}
					if got != tt.want {
						t.Fatalf("call %d: Allowed(%q, %s, %s) = %v, want %v", i+1, tt.user, tt.target, tt.perm, got, tt.want)
					}
				}
			})
		}
	})
}

func TestAllowedRejectsMalformedTarget(t *testing.T) {
	e := newEnforcer(t, dbtest.SQLite(t), nil, "")
	mustGrant(t, e, Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06.2001"})
	for _, target := range []tenancy.Kode{"", "51.2.06", "51.02.06.2001.1", "ab.cd"} {
		if _, err := e.Allowed(context.Background(), "made", target, suratRead); !fault.Is(err, fault.Invalid) {
			t.Errorf("Allowed at %q: err = %v, want fault.Invalid", target, err)
		}
	}
}

func TestGrantRejectsWhatCannotBeGranted(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnforcer(t, d, nil, "")
		tests := []struct {
			name  string
			g     Grant
			field string
		}{
			{"no user", Grant{Role: Perbekel, Wilayah: "51.02.06.2001"}, "user_id"},
			{"user named like a role", Grant{UserID: "camat", Role: Perbekel, Wilayah: "51.02.06.2001"}, "user_id"},
			{"unknown role", Grant{UserID: "made", Role: "kepala_dusun", Wilayah: "51.02.06.2001"}, "role"},
			{"malformed code", Grant{UserID: "made", Role: Perbekel, Wilayah: "51.2.6.2001"}, "wilayah"},
			{"perbekel at a kecamatan", Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06"}, "wilayah"},
			{"perbekel at a kelurahan", Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06.1001"}, "wilayah"},
			{"camat at a desa", Grant{UserID: "ketut", Role: Camat, Wilayah: "51.02.06.2001"}, "wilayah"},
			{"bupati at a provinsi", Grant{UserID: "wayan", Role: Bupati, Wilayah: "51"}, "wilayah"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := e.Grant(context.Background(), tt.g)
				fe, ok := fault.As(err)
				if !ok || fe.Code != fault.Invalid || fe.Field != tt.field || fe.Message == "" {
					t.Fatalf("Grant(%+v) = %v, want fault.Invalid on %s", tt.g, err, tt.field)
				}
			})
		}
		gs, err := e.Grants(context.Background(), "made")
		if err != nil || len(gs) != 0 {
			t.Fatalf("Grants after rejected grants = %v, %v; want none", gs, err)
		}
	})
}

func TestGrantTwiceHoldsOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnforcer(t, d, nil, "")
		g := Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06.2001", Source: SourceManual}
		mustGrant(t, e, g, g, Grant{UserID: "made", Role: Sekdes, Wilayah: "51.02.06.2002"})
		gs, err := e.Grants(context.Background(), "made")
		if err != nil {
			t.Fatal(err)
		}
		want := []Grant{g, {UserID: "made", Role: Sekdes, Wilayah: "51.02.06.2002", Source: SourceManual}}
		if len(gs) != len(want) || gs[0] != want[0] || gs[1] != want[1] {
			t.Fatalf("Grants = %+v, want %+v", gs, want)
		}
	})
}

func TestRevokeTakesEffectImmediately(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := newEnforcer(t, d, nil, "")
		own := Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06.2001"}
		other := Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06.2002", Source: SourceManual}
		mustGrant(t, e, own, other)
		if ok, _ := e.Allowed(ctx, "made", own.Wilayah, suratWrite); !ok {
			t.Fatal("not allowed before revoke")
		}
		if err := e.Revoke(ctx, own); err != nil {
			t.Fatalf("Revoke: %v", err)
		}
		if ok, _ := e.Allowed(ctx, "made", own.Wilayah, suratWrite); ok {
			t.Fatal("still allowed after revoke (stale cached decision)")
		}
		if ok, _ := e.Allowed(ctx, "made", other.Wilayah, suratWrite); !ok {
			t.Fatal("revoke took the user's other grant too")
		}
		if err := e.Revoke(ctx, own); !fault.Is(err, fault.NotFound) {
			t.Fatalf("second Revoke = %v, want fault.NotFound", err)
		}
		gs, err := e.Grants(ctx, "made")
		if err != nil || len(gs) != 1 || gs[0] != other {
			t.Fatalf("Grants = %+v, %v; want only %+v", gs, err, other)
		}
	})
}

func TestGrantsSurviveRestart(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := newEnforcer(t, d, nil, "")
		mustGrant(t, e, Grant{UserID: "ketut", Role: Camat, Wilayah: "51.02.06"})
		e.Close()
		e2 := newEnforcer(t, d, nil, "")
		if ok, err := e2.Allowed(ctx, "ketut", "51.02.06.2001", suratRead); err != nil || !ok {
			t.Fatalf("after restart Allowed = %v, %v; want true", ok, err)
		}
	})
}

// uniqueChannel keeps parallel test processes on one Redis apart: pub/sub
// channels ignore the database number.
func uniqueChannel(t testing.TB) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "ngantor:authz:test:" + hex.EncodeToString(b)
}

func redisClient(t testing.TB, c redisconn.Conn) redis.UniversalClient {
	cl := c.Client()
	t.Cleanup(func() { cl.Close() })
	return cl
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after 5s: %s", what)
		}
		<-tick.C
	}
}

func TestGrantOnOneReplicaReachesTheOthers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		redistest.Run(t, func(t *testing.T, c redisconn.Conn) {
			ctx := context.Background()
			ch := uniqueChannel(t)
			user := ch // the redis runs share one database
			a := newEnforcer(t, d, redisClient(t, c), ch)
			b := newEnforcer(t, d, redisClient(t, c), ch)
			allowedOnB := func() bool {
				ok, err := b.Allowed(ctx, user, "51.02.06.2001", suratRead)
				if err != nil {
					t.Fatalf("Allowed on b: %v", err)
				}
				return ok
			}
			if allowedOnB() { // also caches the denial on b
				t.Fatal("allowed before any grant")
			}
			g := Grant{UserID: user, Role: Camat, Wilayah: "51.02.06"}
			mustGrant(t, a, g)
			eventually(t, "grant made on a not seen by b", allowedOnB)
			if err := a.Revoke(ctx, g); err != nil {
				t.Fatal(err)
			}
			eventually(t, "revoke made on a not seen by b", func() bool { return !allowedOnB() })
			// And the other way round, so each replica both sends and hears.
			mustGrant(t, b, g)
			eventually(t, "grant made on b not seen by a", func() bool {
				ok, _ := a.Allowed(ctx, user, "51.02.06", suratRead)
				return ok
			})
		})
	})
}

func TestReloadPicksUpGrantsWrittenElsewhere(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := newEnforcer(t, d, nil, "")
		if ok, _ := e.Allowed(ctx, "wayan", "51.02", rekapKabupaten); ok {
			t.Fatal("allowed before any grant")
		}
		// Written behind this replica's back, as by a replica whose message
		// was lost while this one was disconnected.
		if err := e.adapter.AddPolicyCtx(ctx, "g", "g", []string{"wayan", "bupati", "51.02"}); err != nil {
			t.Fatal(err)
		}
		e.onWatch(reloadAll) // what the watcher delivers on resubscribe
		if ok, _ := e.Allowed(ctx, "wayan", "51.02", rekapKabupaten); !ok {
			t.Fatal("reload did not pick up the stored grant")
		}
	})
}

func TestWatcherIgnoresItsOwnMessages(t *testing.T) {
	redistest.Run(t, func(t *testing.T, c redisconn.Conn) {
		ctx := context.Background()
		ch := uniqueChannel(t)
		cl := redisClient(t, c)
		self, err := NewWatcher(ctx, cl, ch, quietLogger())
		if err != nil {
			t.Fatal(err)
		}
		defer self.Close()
		other, err := NewWatcher(ctx, cl, ch, quietLogger())
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		got := make(chan string, 10)
		_ = self.SetUpdateCallback(func(s string) { got <- s })
		if err := self.updateUser(ctx, "from-self", 0); err != nil {
			t.Fatal(err)
		}
		if err := other.updateUser(ctx, "from-other", 0); err != nil {
			t.Fatal(err)
		}
		// Redis delivers one subscriber's messages in publish order, so the
		// first delivery tells whether the own message was dropped.
		select {
		case s := <-got:
			want := `"user":"from-other"`
			if !strings.Contains(s, want) {
				t.Fatalf("first delivered message %s, want the other replica's (%s)", s, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no message from the other replica within 5s")
		}
	})
}

func TestDecisionExpiresAfterTTL(t *testing.T) {
	c := newDecisionCache(time.Minute)
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	k := decisionKey{target: "51.02.06.2001", obj: "surat", act: "read"}
	_, _, epoch := c.lookup("made", k)
	c.put("made", epoch, k, true)
	if ok, hit, _ := c.lookup("made", k); !hit || !ok {
		t.Fatal("fresh decision not served")
	}
	now = now.Add(time.Minute)
	if _, hit, _ := c.lookup("made", k); hit {
		t.Fatal("decision served after its TTL")
	}
}

func TestDecisionComputedAcrossARevokeIsNotCached(t *testing.T) {
	c := newDecisionCache(time.Minute)
	k := decisionKey{target: "51.02.06.2001", obj: "surat", act: "read"}
	_, _, epoch := c.lookup("made", k) // a check starts…
	c.invalidateUser("made")           // …a revoke lands…
	c.put("made", epoch, k, true)      // …the check finishes with the old answer.
	if _, hit, _ := c.lookup("made", k); hit {
		t.Fatal("decision computed before the revoke was cached after it")
	}
}

// UsersAt names a desa's own staff: users with a role at exactly the desa,
// each once, not those whose grant covers it from above.
func TestUsersAtListsTheStaffOfExactlyThatWilayah(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnforcer(t, d, nil, "")
		mustGrant(t, e,
			Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06.2001"},
			Grant{UserID: "made", Role: Sekdes, Wilayah: "51.02.06.2001", Source: "perangkat:x"},
			Grant{UserID: "luh", Role: Sekdes, Wilayah: "51.02.06.2001"},
			Grant{UserID: "ketut", Role: Camat, Wilayah: "51.02.06"},
			Grant{UserID: "wayan", Role: Perbekel, Wilayah: "51.02.06.2002"},
		)
		got, err := e.UsersAt(context.Background(), "51.02.06.2001")
		if err != nil || strings.Join(got, ",") != "luh,made" {
			t.Fatalf("UsersAt = %v, %v; want [luh made]", got, err)
		}
	})
}
