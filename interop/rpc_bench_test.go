package interop

import (
	"context"
	"crypto/rsa"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gotd/td/telegram"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

// BenchmarkRPC measures help.getNearestDc round trips against the sandbox
// on loopback, with 1 and with 64 concurrent callers, for luagram's dcs
// client and for gotd's telegram.Client in the same run: both on one
// intermediate connection to DC 1 with a permanent key (PFS off, which gotd
// lacks). calls/s is the throughput; allocs/op and B/op count the whole
// process, so they include the sandbox's own work for each call, which is
// the same for both clients.
func BenchmarkRPC(b *testing.B) {
	sb := sandboxtest.Start(b, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	lc, err := dcs.New(dcs.Config{
		DCs: []dcs.Address{{ID: 1, Addr: sb.DC(1).Addr()}}, PublicKeys: []*rsa.PublicKey{sb.PublicKey()},
		HomeDC: 1, TestMode: true, TempKeyLifetime: -1,
		Transport: transport.ClientConfig{Protocol: transport.Intermediate},
	})
	if err != nil {
		b.Fatal(err)
	}
	defer lc.Close()
	luagramCall := func(ctx context.Context) error {
		near, err := dcs.Call(ctx, lc, &api.HelpGetNearestDCRequest{})
		if err == nil && near.ThisDC != 1 {
			err = fmt.Errorf("this_dc = %d", near.ThisDC)
		}
		return err
	}

	gc := startGotdBackground(ctx, b, sb)
	gotdCall := func(ctx context.Context) error {
		near, err := gc.API().HelpGetNearestDC(ctx)
		if err == nil && near.ThisDC != 1 {
			err = fmt.Errorf("this_dc = %d", near.ThisDC)
		}
		return err
	}

	for _, callers := range []int{1, 64} {
		for _, c := range []struct {
			name string
			call func(context.Context) error
		}{{"luagram", luagramCall}, {"gotd", gotdCall}} {
			b.Run(fmt.Sprintf("%s/callers=%d", c.name, callers), func(b *testing.B) {
				benchCalls(ctx, b, callers, c.call)
			})
		}
	}
}

// benchCalls makes b.N calls from callers goroutines.
func benchCalls(ctx context.Context, b *testing.B, callers int, call func(context.Context) error) {
	if err := call(ctx); err != nil { // connected and warm
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		firstErr atomic.Pointer[error]
	)
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				if err := call(ctx); err != nil {
					firstErr.CompareAndSwap(nil, &err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	if err := firstErr.Load(); err != nil {
		b.Fatal(*err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}

// startGotdBackground runs a gotd client against DC 1 of sb until ctx ends
// and returns it once it is ready, retrying the key exchange as runGotd
// does (see connectAttempts).
func startGotdBackground(ctx context.Context, b *testing.B, sb *sandbox.Sandbox) *telegram.Client {
	b.Helper()
	for attempt := 1; ; attempt++ {
		c := newGotdClient(b, sb, gotdConfig{})
		ready := make(chan struct{})
		done := make(chan error, 1)
		go func() {
			done <- c.Run(ctx, func(ctx context.Context) error {
				close(ready)
				<-ctx.Done()
				return nil
			})
		}()
		select {
		case <-ready:
			b.Cleanup(func() { <-done })
			return c
		case err := <-done:
			if !gotdKeyExchangeFailed(err) || attempt == connectAttempts {
				b.Fatalf("gotd client: %v", err)
			}
			b.Logf("gotd key exchange failed (attempt %d of %d; see connectAttempts): %v", attempt, connectAttempts, err)
		}
	}
}
