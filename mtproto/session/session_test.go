package session

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/binary"
	"errors"
	"net"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/handshake"
	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/tl"
)

var (
	rsaOnce sync.Once
	rsaKey  *rsa.PrivateKey
)

func testRSA(t testing.TB) *rsa.PrivateKey {
	rsaOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		rsaKey = k
	})
	return rsaKey
}

// testQueryID is a constructor id the test handler understands: the body
// is the id followed by a long n; the answer echoes n.
const testQueryID = 0x7e57c0de

func testQuery(n int64) []byte {
	var b tl.Buffer
	b.ID(testQueryID)
	b.Int64(n)
	return b.Buf
}

// counter is a Handler that counts executions per n (a visible side effect).
type counter struct {
	mu    sync.Mutex
	execs map[int64]int
	total atomic.Int64
}

func (c *counter) ServeRPC(ctx context.Context, req *Request) ([]byte, error) {
	d := tl.NewDecoder(req.Body)
	if d.ID() != testQueryID {
		return nil, &RPCError{Code: 400, Message: "INPUT_METHOD_INVALID"}
	}
	n := d.Int64()
	if n < 0 {
		return nil, NewRPCError(int(-n), "TEST_ERROR_7")
	}
	c.mu.Lock()
	c.execs[n]++
	c.mu.Unlock()
	c.total.Add(1)
	var b tl.Buffer
	b.Int64(n)
	return b.Buf, nil
}

type testEnv struct {
	srv  *Server
	addr string
	key  *handshake.Key
	h    *counter
}

// startServer listens on 127.0.0.1:0 and closes in t.Cleanup.
func startServer(t *testing.T) *testEnv { return startServerB(t) }

// startServerB is startServer for tests and benchmarks.
func startServerB(t testing.TB) *testEnv {
	t.Helper()
	h := &counter{execs: map[int64]int{}}
	srv := NewServer(ServerConfig{
		Handshake: handshake.ServerConfig{Keys: []*rsa.PrivateKey{testRSA(t)}, DC: 1},
		Handler:   h,
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { l.Close(); srv.Shutdown() })
	env := &testEnv{srv: srv, addr: l.Addr().String(), h: h}
	env.key = env.handshake(t, 0)
	return env
}

func (e *testEnv) dial(ctx context.Context) (Conn, error) {
	return transport.Dial(ctx, nil, e.addr, transport.ClientConfig{Protocol: transport.Intermediate})
}

func (e *testEnv) handshake(t testing.TB, expiresIn time.Duration) *handshake.Key {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := transport.Dial(ctx, nil, e.addr, transport.ClientConfig{Protocol: transport.Abridged})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	k, err := handshake.Client(ctx, HandshakeConn(c), handshake.ClientConfig{
		PublicKeys: []*rsa.PublicKey{&testRSA(t).PublicKey}, DC: 1, ExpiresIn: expiresIn})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func (e *testEnv) session(t *testing.T, mod func(*Config)) *Session {
	t.Helper()
	cfg := Config{Key: e.key.AuthKey, Salt: e.key.ServerSalt, TimeOffset: e.key.TimeOffset, Dial: e.dial}
	if mod != nil {
		mod(&cfg)
	}
	s := New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return s
}

func invokeN(t *testing.T, s *Session, n int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := s.Invoke(ctx, testQuery(n))
	if err != nil {
		t.Errorf("query %d: %v", n, err) // Errorf: this runs on goroutines too
		return
	}
	if len(res) != 8 || int64(binary.LittleEndian.Uint64(res)) != n {
		t.Errorf("query %d: answer %x", n, res)
	}
}

func TestInvoke(t *testing.T) {
	env := startServer(t)
	s := env.session(t, nil)
	for i := int64(0); i < 20; i++ {
		invokeN(t, s, i)
	}
	if env.h.total.Load() != 20 {
		t.Fatalf("server executed %d queries", env.h.total.Load())
	}
}

func TestRPCError(t *testing.T) {
	env := startServer(t)
	s := env.session(t, nil)
	_, err := s.Invoke(context.Background(), testQuery(-400))
	var rpcErr *RPCError
	if !errors.As(err, &rpcErr) || rpcErr.Code != 400 || rpcErr.Type != "TEST_ERROR" || rpcErr.Argument != 7 {
		t.Fatalf("got %v", err)
	}
	_, err = s.Invoke(context.Background(), []byte{1, 2, 3, 4})
	if !errors.As(err, &rpcErr) || rpcErr.Message != "INPUT_METHOD_INVALID" {
		t.Fatalf("got %v", err)
	}
}

func TestGzipQuery(t *testing.T) {
	env := startServer(t)
	s := env.session(t, nil)
	q := append(testQuery(5), make([]byte, 4096)...) // compressible tail the handler ignores
	res, err := s.Invoke(context.Background(), q)
	if err != nil || int64(binary.LittleEndian.Uint64(res)) != 5 {
		t.Fatalf("%x %v", res, err)
	}
}

func TestConcurrentContainers(t *testing.T) {
	env := startServer(t)
	s := env.session(t, nil)
	var wg sync.WaitGroup
	for i := int64(0); i < 500; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); invokeN(t, s, i) }()
	}
	wg.Wait()
	if env.h.total.Load() != 500 {
		t.Fatalf("executed %d", env.h.total.Load())
	}
}

// TestExactlyOnceThroughFaults is the reliability test of the issue:
// 10,000 queries while the server drops the connection every 50 frames and
// rotates salts every second. Every call gets exactly one result and the
// server executes each query exactly once; afterwards no goroutines remain.
func TestExactlyOnceThroughFaults(t *testing.T) {
	for _, tc := range []struct {
		name       string
		saltPeriod time.Duration
	}{{"salts every second", time.Second}, {"salts every 20ms", 20 * time.Millisecond}} {
		t.Run(tc.name, func(t *testing.T) { exactlyOnce(t, tc.saltPeriod) })
	}
}

func exactlyOnce(t *testing.T, saltPeriod time.Duration) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	env := startServer(t)
	env.srv.Faults().Set(FaultConfig{DropEvery: 50})
	env.srv.Salts().SetPeriod(saltPeriod)
	var saltChanges atomic.Int64
	before := runtime.NumGoroutine()

	s := New(Config{Key: env.key.AuthKey, Salt: env.key.ServerSalt, TimeOffset: env.key.TimeOffset, Dial: env.dial, MaxTries: 1000,
		OnSalt: func(int64) { saltChanges.Add(1) }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()

	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	var answered atomic.Int64
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			invokeN(t, s, int64(i))
			answered.Add(1)
		}()
	}
	wg.Wait()
	cancel()
	<-done
	s.mu.Lock()
	if len(s.calls) != 0 || len(s.containers) != 0 {
		t.Errorf("after the run: %d calls, %d containers still recorded", len(s.calls), len(s.containers))
	}
	s.mu.Unlock()
	drops := env.srv.Faults().Drops()
	env.srv.Faults().Set(FaultConfig{})
	t.Logf("%d queries, %d connections dropped, %d salt changes", n, drops, saltChanges.Load())
	if drops < n/1000 {
		t.Errorf("only %d connections dropped", drops)
	}

	if answered.Load() != int64(n) {
		t.Fatalf("%d of %d calls answered", answered.Load(), n)
	}
	env.h.mu.Lock()
	for i := 0; i < n; i++ {
		if c := env.h.execs[int64(i)]; c != 1 {
			t.Errorf("query %d executed %d times", i, c)
		}
	}
	env.h.mu.Unlock()
	if got := env.h.total.Load(); got != int64(n) {
		t.Errorf("server executed %d queries for %d calls", got, n)
	}
	// No goroutine of the session may outlive it.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before+2 {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines before, %d after:\n%s", before, g, buf[:runtime.Stack(buf, true)])
	}
}

func TestClockSkewCorrected(t *testing.T) {
	env := startServer(t)
	// The client believes it is 10 minutes earlier than it is, and has no
	// offset from the exchange to correct it: bad_msg_notification 16 must.
	s := env.session(t, func(c *Config) {
		c.TimeOffset = 0
		c.Now = func() time.Time { return time.Now().Add(-10 * time.Minute) }
	})
	invokeN(t, s, 1)
	if off := s.TimeOffset(); off < 9*time.Minute || off > 11*time.Minute {
		t.Fatalf("offset %v after correction", off)
	}
}

func TestWrongSaltRecovered(t *testing.T) {
	env := startServer(t)
	s := env.session(t, func(c *Config) { c.Salt = 12345 })
	invokeN(t, s, 1)
	if s.Salt() == 12345 {
		t.Fatal("salt not updated")
	}
}

func TestUnknownKey(t *testing.T) {
	env := startServer(t)
	env.srv.Keys().mu.Lock()
	env.srv.Keys().keys = map[[8]byte]*KeyInfo{}
	env.srv.Keys().mu.Unlock()
	s := env.session(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if _, err := s.Invoke(ctx, testQuery(1)); err == nil {
		t.Fatal("query answered with an unknown key")
	}
}
