package runtime

import "sync"

// An inbox is the queue of work for a script's goroutine: update
// deliveries, RPC results, timer firings, reloads. Senders never block; the
// queue grows as needed (the host bounds what it queues: updates by
// Config.MaxQueued, results by Config.MaxTasks).
type inbox struct {
	mu     sync.Mutex
	q      []func()
	wake   chan struct{}
	closed bool
}

func newInbox() *inbox { return &inbox{wake: make(chan struct{}, 1)} }

// put queues fn and reports whether the inbox still accepts work.
func (b *inbox) put(fn func()) bool {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return false
	}
	b.q = append(b.q, fn)
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
	return true
}

// take waits for work and returns all of it, reusing buf.
func (b *inbox) take(buf []func()) []func() {
	for {
		b.mu.Lock()
		if len(b.q) > 0 {
			q := b.q
			b.q = buf[:0]
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
	b.q = nil
	b.mu.Unlock()
}
