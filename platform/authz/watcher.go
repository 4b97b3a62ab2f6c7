package authz

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"

	"github.com/casbin/casbin/v2/persist"
	"github.com/redis/go-redis/v9"
)

// DefaultChannel is the Redis pub/sub channel replicas announce grant
// changes on. Pub/sub ignores the database number, so deployments sharing
// one Redis need channels of their own (Deps.Channel).
const DefaultChannel = "ngantor:authz"

// Watcher is a casbin persist.Watcher over Redis pub/sub: it tells the
// other replicas that grants changed. A message names the user whose grants
// changed, or no one for "reload everything"; the receiver rereads that from
// the database rather than trusting the message, so messages can arrive
// late, twice or out of order and the replica still converges on the table.
//
// Pub/sub delivers at most once: a replica whose connection drops misses
// what was sent meanwhile. go-redis resubscribes on reconnect, and each
// resubscription after the first reaches the callback as a reload
// message, which covers the gap.
//
// A watcher drops its own messages (each carries the sender's random
// origin); the sender has already applied the change.
type Watcher struct {
	client  redis.UniversalClient
	channel string
	origin  string
	log     *slog.Logger
	pubsub  *redis.PubSub
	done    chan struct{}

	mu       sync.Mutex
	callback func(string)

	closeOnce sync.Once
}

var _ persist.Watcher = (*Watcher)(nil)

// watchMessage is the JSON on the channel.
type watchMessage struct {
	Origin  string `json:"origin"`
	User    string `json:"user,omitempty"`    // empty: reload every grant
	Version int64  `json:"version,omitempty"` // the grants version the change made
}

// reloadAll is what the callback receives when a replica may have missed
// messages.
var reloadAll = mustJSON(watchMessage{})

func mustJSON(m watchMessage) string {
	b, _ := json.Marshal(m)
	return string(b)
}

// NewWatcher subscribes to channel ("" means DefaultChannel) and returns once
// Redis has confirmed the subscription, so nothing published after it
// returns is missed. It does not close client.
func NewWatcher(ctx context.Context, client redis.UniversalClient, channel string, log *slog.Logger) (*Watcher, error) {
	if channel == "" {
		channel = DefaultChannel
	}
	if log == nil {
		log = slog.Default()
	}
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	ps := client.Subscribe(ctx, channel)
	if _, err := ps.Receive(ctx); err != nil {
		_ = ps.Close()
		return nil, fmt.Errorf("authz: subscribe %s: %w", channel, err)
	}
	w := &Watcher{
		client: client, channel: channel, origin: hex.EncodeToString(b), log: log,
		pubsub: ps, done: make(chan struct{}),
	}
	go w.run(ps.ChannelWithSubscriptions(redis.WithChannelSize(1024)))
	return w, nil
}

func (w *Watcher) run(ch <-chan any) {
	defer close(w.done)
	for m := range ch {
		switch m := m.(type) {
		case *redis.Subscription:
			// The first confirmation was read by NewWatcher; any other is a
			// reconnect, after which messages may have been lost.
			if m.Kind == "subscribe" {
				w.log.Info("authz: resubscribed to grant changes, reloading", "channel", w.channel)
				w.deliver(reloadAll)
			}
		case *redis.Message:
			var msg watchMessage
			if err := json.Unmarshal([]byte(m.Payload), &msg); err == nil && msg.Origin == w.origin {
				continue
			}
			w.deliver(m.Payload)
		}
	}
}

func (w *Watcher) deliver(payload string) {
	w.mu.Lock()
	fn := w.callback
	w.mu.Unlock()
	if fn != nil {
		fn(payload)
	}
}

// SetUpdateCallback sets what runs on each message from another replica;
// it runs on the watcher's goroutine, one message at a time.
func (w *Watcher) SetUpdateCallback(fn func(string)) error {
	w.mu.Lock()
	w.callback = fn
	w.mu.Unlock()
	return nil
}

// Update tells the other replicas to reload every grant (casbin's contract
// for a change it cannot describe, such as SavePolicy).
func (w *Watcher) Update() error {
	return w.publish(context.Background(), watchMessage{})
}

// updateUser tells the other replicas that userID's grants changed, making
// grants version v.
func (w *Watcher) updateUser(ctx context.Context, userID string, v int64) error {
	return w.publish(ctx, watchMessage{User: userID, Version: v})
}

func (w *Watcher) publish(ctx context.Context, m watchMessage) error {
	m.Origin = w.origin
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := w.client.Publish(ctx, w.channel, b).Err(); err != nil {
		return fmt.Errorf("authz: publish grant change: %w", err)
	}
	return nil
}

// Close unsubscribes and waits for the callback to return; it is safe to
// call twice.
func (w *Watcher) Close() {
	w.closeOnce.Do(func() {
		_ = w.pubsub.Close()
		<-w.done
	})
}
