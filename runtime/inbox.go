package runtime

import "sync"

// An inbox is the queue of work for a script's goroutine, in two lanes:
// events (RPC results, timer firings, reloads), which always go first, and
// updates, which the loop takes only while the script has room for more
// coroutines. Results thus overtake a burst of updates, keeping the number
// of suspended coroutines low, and a script at Config.MaxTasks holds
// further updates in the inbox instead of dropping them. Senders never
// block; Host.Dispatch bounds the update lane by Config.MaxQueued.
type inbox struct {
	mu      sync.Mutex
	events  []func()
	updates []func()
	wake    chan struct{}
	closed  bool
}

func newInbox() *inbox { return &inbox{wake: make(chan struct{}, 1)} }

// put queues an event and reports whether the inbox still accepts work.
func (b *inbox) put(fn func()) bool { return b.add(fn, false) }

// putUpdate queues an update.
func (b *inbox) putUpdate(fn func()) bool { return b.add(fn, true) }

func (b *inbox) add(fn func(), update bool) bool {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return false
	}
	if update {
		b.updates = append(b.updates, fn)
	} else {
		b.events = append(b.events, fn)
	}
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
	return true
}

// take waits for work and returns it, reusing buf: every queued event or,
// if there are none and updates is more than 0, up to that many updates.
func (b *inbox) take(buf []func(), updates int) []func() {
	for {
		b.mu.Lock()
		switch {
		case len(b.events) > 0:
			q := b.events
			b.events = buf[:0]
			b.mu.Unlock()
			return q
		case updates > 0 && len(b.updates) > 0:
			n := min(updates, len(b.updates))
			q := append(buf[:0], b.updates[:n]...)
			clear(b.updates[:n])
			b.updates = b.updates[n:]
			if len(b.updates) == 0 {
				b.updates = nil
			}
			b.mu.Unlock()
			return q
		}
		b.mu.Unlock()
		<-b.wake
	}
}

// close makes put refuse work and drops what is queued.
func (b *inbox) close() {
	b.mu.Lock()
	b.closed = true
	b.events, b.updates = nil, nil
	b.mu.Unlock()
}
