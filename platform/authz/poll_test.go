package authz

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/redisconn/redistest"
)

// polled is an enforcer whose version poll the test drives: tick returns
// once a whole check has run (the loop takes the next tick only after
// finishing the previous one).
func polled(t *testing.T, d *db.DB, rc redis.UniversalClient, channel string) (e *Enforcer, tick func()) {
	t.Helper()
	ticks := make(chan time.Time)
	e, err := New(context.Background(), Deps{
		DB: d, Redis: rc, Channel: channel, Templates: testTemplates, Logger: quietLogger(), Ticks: ticks,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, func() {
		ticks <- time.Time{}
		ticks <- time.Time{}
	}
}

// TestRevokeReachesAReplicaThatMissedTheMessage: replica B keeps a grant in
// memory that A revoked, because B never heard of it — no Redis at all, or
// a message lost (B listens where A's messages never arrive). B's next
// version check makes it deny.
func TestRevokeReachesAReplicaThatMissedTheMessage(t *testing.T) {
	cases := []struct {
		name  string
		redis func(t *testing.T) (a, b redis.UniversalClient, chA, chB string)
	}{
		{"without redis", func(*testing.T) (redis.UniversalClient, redis.UniversalClient, string, string) {
			return nil, nil, "", ""
		}},
		{"message lost", func(t *testing.T) (redis.UniversalClient, redis.UniversalClient, string, string) {
			c := redisClient(t, redistest.Memory(t))
			return c, c, uniqueChannel(t), uniqueChannel(t)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dbtest.Run(t, func(t *testing.T, d *db.DB) {
				ctx := context.Background()
				ra, rb, chA, chB := c.redis(t)
				a := newEnforcer(t, d, ra, chA)
				b, tick := polled(t, d, rb, chB)
				g := Grant{UserID: "ketut", Role: Camat, Wilayah: "51.02.06"}
				allowedOnB := func() bool {
					ok, err := b.Allowed(ctx, "ketut", "51.02.06.2001", suratRead)
					if err != nil {
						t.Fatal(err)
					}
					return ok
				}

				mustGrant(t, a, g)
				if allowedOnB() {
					t.Fatal("b heard of the grant: the test would not show the poll working")
				}
				tick()
				if !allowedOnB() {
					t.Fatal("grant made on a not seen by b after its version check")
				}

				if err := a.Revoke(ctx, g); err != nil {
					t.Fatal(err)
				}
				if !allowedOnB() {
					t.Fatal("b heard of the revoke: the test would not show the poll working")
				}
				tick()
				if allowedOnB() {
					t.Fatal("revoke made on a still not in force on b after its version check")
				}
			})
		})
	}
}

// TestOwnChangesNeedNoReload: a replica that made (or heard of) every
// change in order is current, so its poll does not reload all grants.
func TestOwnChangesNeedNoReload(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e, _ := polled(t, d, nil, "")
		mustGrant(t, e, Grant{UserID: "ketut", Role: Camat, Wilayah: "51.02.06"})
		// Written behind e's back without bumping the version: only a
		// reload would pick it up.
		if _, err := insertRules(ctx, d, "g", [][]string{{"wayan", "bupati", "51.02"}}, SourceManual); err != nil {
			t.Fatal(err)
		}
		if err := e.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		if ok, _ := e.Allowed(ctx, "wayan", "51.02", rekapKabupaten); ok {
			t.Fatal("the poll reloaded although this replica made the only change")
		}
		if ok, _ := e.Allowed(ctx, "ketut", "51.02.06.2001", suratRead); !ok {
			t.Fatal("own grant lost")
		}
	})
}

func TestRoleHeldThroughTwoSourcesSurvivesRevokingOne(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := newEnforcer(t, d, nil, "")
		byHand := Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06.2001"}
		byPost := byHand
		byPost.Source = "perangkat:0192f000-0000-7000-8000-000000000001"
		mustGrant(t, e, byHand, byPost)
		holds := func() bool {
			ok, err := e.Allowed(ctx, "made", "51.02.06.2001", suratWrite)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		gs, err := e.Grants(ctx, "made")
		if err != nil || len(gs) != 2 || gs[0].Source != SourceManual || gs[1].Source != byPost.Source {
			t.Fatalf("grants %+v, %v; want the hand grant and the post's", gs, err)
		}

		if err := e.Revoke(ctx, byPost); err != nil {
			t.Fatal(err)
		}
		if !holds() {
			t.Fatal("revoking the post's grant took the hand grant too")
		}
		if err := e.Revoke(ctx, byPost); !fault.Is(err, fault.NotFound) {
			t.Fatalf("revoking it again: %v, want not found", err)
		}
		// A fresh replica loads the same: the remaining source still holds.
		if ok, _ := newEnforcer(t, d, nil, "").Allowed(ctx, "made", "51.02.06.2001", suratWrite); !ok {
			t.Fatal("reloaded replica lost the hand grant")
		}
		if err := e.Revoke(ctx, Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06.2001"}); err != nil {
			t.Fatal(err)
		}
		if holds() {
			t.Fatal("still held after both sources were revoked")
		}
	})
}

func TestGrantRejectsMalformedSource(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnforcer(t, d, nil, "")
		err := e.Grant(context.Background(), Grant{UserID: "made", Role: Perbekel, Wilayah: "51.02.06.2001", Source: "per angkat"})
		if !fault.Is(err, fault.Invalid) {
			t.Fatalf("err %v, want invalid", err)
		}
	})
}
