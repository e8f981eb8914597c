package session

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestFutureSaltsFetched(t *testing.T) {
	env := startServer(t)
	s := env.session(t, nil)
	invokeN(t, s, 1)
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.mu.Lock()
		n := len(s.futureSalts)
		var salt int64
		if n > 0 {
			salt = s.saltFor(time.Now())
		}
		s.mu.Unlock()
		if n == 64 {
			if want := env.srv.Salts().Current(time.Now()); salt != want {
				t.Fatalf("salt for now %d, server's current %d", salt, want)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d future salts after 5 s", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFloodWaitUnderThreshold(t *testing.T) {
	env := startServer(t)
	// Every query is answered FLOOD_WAIT_1 half of the time; with a 2 s
	// threshold the session sleeps and retries, so every call succeeds.
	env.srv.Faults().Set(FaultConfig{FloodRate: 0.5, FloodWait: 1})
	s := env.session(t, func(c *Config) { c.FloodWaitLimit = 2 * time.Second; c.MaxTries = 20 })
	start := time.Now()
	var wg sync.WaitGroup
	for i := int64(0); i < 8; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); invokeN(t, s, i) }()
	}
	wg.Wait()
	if env.h.total.Load() != 8 {
		t.Fatalf("executed %d", env.h.total.Load())
	}
	t.Logf("8 calls under 50%% FLOOD_WAIT_1 took %v", time.Since(start))
}

func TestFloodWaitOverThreshold(t *testing.T) {
	env := startServer(t)
	env.srv.Faults().Set(FaultConfig{FloodRate: 1, FloodWait: 30})
	s := env.session(t, func(c *Config) { c.FloodWaitLimit = 10 * time.Second })
	start := time.Now()
	_, err := s.Invoke(context.Background(), testQuery(1))
	var rpcErr *RPCError
	if !errors.As(err, &rpcErr) || rpcErr.Type != "FLOOD_WAIT" || rpcErr.Argument != 30 {
		t.Fatalf("got %v, want FLOOD_WAIT_30", err)
	}
	if wait, ok := rpcErr.Wait(); !ok || wait != 30*time.Second {
		t.Fatalf("Wait() = %v %v", wait, ok)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("the session waited although the wait exceeds the threshold")
	}
	if env.h.total.Load() != 0 {
		t.Fatal("a flood-limited query was executed")
	}
}

func TestDCRestartMidStream(t *testing.T) {
	env := startServer(t)
	s := env.session(t, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 2000)
	for i := int64(0); i < 2000; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Invoke(context.Background(), testQuery(i)); err != nil {
				errs <- err
			}
		}()
		if i%500 == 250 {
			env.srv.CloseConns() // the DC restarts: every connection drops
		}
	}
	wg.Wait()
	close(errs)
	if n := len(errs); n > 0 {
		t.Fatalf("%d calls failed, first: %v", n, <-errs)
	}
	env.h.mu.Lock()
	defer env.h.mu.Unlock()
	for i := int64(0); i < 2000; i++ {
		if env.h.execs[i] != 1 {
			t.Fatalf("query %d executed %d times", i, env.h.execs[i])
		}
	}
}

// TestBadMsgNotificationsRecovered: with a fifth of the queries refused by
// bad_msg_notification (msg_id or seq_no to correct), every call is still
// answered once and executed once.
func TestBadMsgNotificationsRecovered(t *testing.T) {
	env := startServer(t)
	env.srv.Faults().Set(FaultConfig{BadMsgRate: 0.2})
	s := env.session(t, func(c *Config) { c.MaxTries = 50 })
	var wg sync.WaitGroup
	for i := int64(0); i < 500; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); invokeN(t, s, i) }()
	}
	wg.Wait()
	env.h.mu.Lock()
	defer env.h.mu.Unlock()
	for i := int64(0); i < 500; i++ {
		if env.h.execs[i] != 1 {
			t.Fatalf("query %d executed %d times", i, env.h.execs[i])
		}
	}
}
