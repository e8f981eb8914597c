package client

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// BenchmarkUpdatesStateMachine measures updates handled per second: short
// messages expanded, checked against pts and delivered to a handler.
func BenchmarkUpdatesStateMachine(b *testing.B) {
	var n atomic.Int64
	done := make(chan struct{}, 1)
	var target int64
	c, err := New(Config{Handler: UpdateHandlerFunc(func(context.Context, Update) {
		if n.Add(1) == atomic.LoadInt64(&target) {
			done <- struct{}{}
		}
	})})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	c.rememberUser(&api.User{ID: 42, AccessHash: tl.Some(int64(7)), FirstName: tl.Some("Sender")})
	s := c.updates
	ready := make(chan struct{})
	s.run(func() { s.pts, s.ready = 1, true; close(ready) })
	<-ready
	atomic.StoreInt64(&target, int64(b.N))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u := &api.UpdateShortMessage{ID: int32(i + 1), UserID: 42, Message: "hello", Pts: int32(i + 2), PtsCount: 1, Date: 1700000000}
		s.run(func() { s.process(u) })
	}
	<-done
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}
