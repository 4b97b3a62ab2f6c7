package auth

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ngantor/ngantor/platform/fault"
)

func TestHashVerifiesOnlyItsPasswordAndParsesBack(t *testing.T) {
	p := Params{Memory: 64, Time: 1, Threads: 1}
	h, err := encodeHash("sawah-subak-2026", p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("not PHC: %s", h)
	}
	ok, got, err := verifyHash("sawah-subak-2026", h)
	if err != nil || !ok || got != p {
		t.Fatalf("right password: %v %v %v", ok, got, err)
	}
	if ok, _, _ := verifyHash("sawah-subak-2027", h); ok {
		t.Fatal("wrong password verified")
	}
	if ok, _, _ := verifyHash("sawah-subak-2026", dummyHash(p)); ok {
		t.Fatal("dummy hash verified a password")
	}
}

func TestParsePHCRejectsMalformedAndExcessiveHashes(t *testing.T) {
	salt, key := "c2FsdHNhbHRzYWx0c2FsdA", "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U"
	for _, h := range []string{
		"",
		"$2a$10$bcrypt",
		"$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1$" + salt + "$" + key + "$",
		"$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key, // 4 GiB
		"$argon2id$v=19$m=64,t=1000,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$!!$" + key,
	} {
		if _, _, _, err := parsePHC(h); err == nil {
			t.Errorf("accepted %q", h)
		}
	}
}

func TestHashingBeyondTheCapIsTooMany(t *testing.T) {
	// One slot, no queue: while the slot is held, the next hash is refused
	// at once instead of piling up memory.
	s := New(Deps{Params: Params{Memory: 64, Time: 1, Threads: 1}, HashConcurrency: 1, HashQueue: -1})
	ctx := context.Background()
	held := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error)
	go func() { done <- s.hashes.do(ctx, func() { close(held); <-release }) }()
	<-held

	_, err := s.HashPassword(ctx, "sawah-subak-2026")
	if !fault.Is(err, fault.TooMany) {
		t.Fatalf("saturated: %v, want too_many", err)
	}
	_, err = s.CreateUser(ctx, NewUser{Email: "a@desa.id", Name: "A", Password: "sawah-subak-2026"})
	if !fault.Is(err, fault.TooMany) {
		t.Fatalf("create user while saturated: %v, want too_many", err)
	}

	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := s.HashPassword(ctx, "sawah-subak-2026"); err != nil {
		t.Fatalf("after release: %v", err)
	}
}

func TestWaitingForAHashSlotRespectsContext(t *testing.T) {
	g := newHashGate(1, 1, time.Hour)
	held := make(chan struct{})
	release := make(chan struct{})
	go func() { _ = g.do(context.Background(), func() { close(held); <-release }) }()
	<-held
	defer close(release)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := g.do(ctx, func() { t.Fatal("ran without a slot") })
	if !fault.Is(err, fault.TooMany) {
		t.Fatalf("cancelled wait: %v", err)
	}
	if g.waiting.Load() != 0 {
		t.Fatalf("waiting count leaked: %d", g.waiting.Load())
	}
}
