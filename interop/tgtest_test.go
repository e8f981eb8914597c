package interop

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"net"
	"strconv"
	"sync"
	"testing"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgtest"
	"github.com/gotd/td/tgtest/services"
	"github.com/gotd/td/tgtest/services/config"
	gotdtransport "github.com/gotd/td/transport"
)

// A gotdServer is one DC served by gotd's tgtest.Server on 127.0.0.1.
type gotdServer struct {
	DC   int
	Addr string
	Key  *rsa.PublicKey
}

// msgsAckTypeID is msgs_ack#62d6b459. tgtest.Server hands it to the
// handler like a query (tgtest/handle.go:86-94 only keeps ping,
// get_future_salts, rpc_drop_answer, gzip_packed and msg_container for
// itself), and a Dispatcher that knows no handler for it returns an error
// that closes the connection (tgtest/dispatcher.go:41).
const msgsAckTypeID = 0x62d6b459

// startGotdServer serves DC dc with gotd's tgtest until the test ends: a
// fresh 2048-bit key, help.getConfig answering with a config that names
// this DC and lists its address, help.getNearestDc, msgs_ack ignored and
// 400 INPUT_METHOD_INVALID for anything else. With obfuscated set the
// listener accepts only obfuscated2 (gotd's ObfuscatedListener, no
// secret); otherwise gotd detects abridged, intermediate, padded
// intermediate or full from the first bytes.
func startGotdServer(t testing.TB, dc int, obfuscated bool) *gotdServer {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host, portText, _ := net.SplitHostPort(l.Addr().String())
	port, _ := strconv.Atoi(portText)
	cfg := tg.Config{
		Date: 1, Expires: 2147483647, ThisDC: dc,
		DCOptions:         []tg.DCOption{{ID: dc, IPAddress: host, Port: port, Static: true}},
		DCTxtDomainName:   "tgtest.invalid",
		ChatSizeMax:       200,
		MegagroupSizeMax:  200000,
		ForwardedCountMax: 100,
		MeURLPrefix:       "https://t.me/",
		CaptionLengthMax:  1024,
		MessageLengthMax:  4096,
		WebfileDCID:       dc,
	}
	d := tgtest.NewDispatcher()
	config.NewService(&cfg, &tg.CDNConfig{}).Register(d)
	d.Result(tg.HelpGetNearestDCRequestTypeID, &tg.NearestDC{Country: "XX", ThisDC: dc, NearestDC: dc})
	d.Fallback(tgtest.HandlerFunc(func(s *tgtest.Server, req *tgtest.Request) error {
		if id, err := req.Buf.PeekID(); err == nil && id == msgsAckTypeID {
			return nil
		}
		return services.NotImplemented(s, req)
	}))
	srv := tgtest.NewServer(tgtest.NewPrivateKey(key), tgtest.UnpackInvoke(d), tgtest.ServerOptions{DC: dc})

	var nl net.Listener = newTgtestListener(l)
	if obfuscated {
		nl = gotdtransport.ObfuscatedListener(nl)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, gotdtransport.Listen(nl)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			t.Logf("tgtest server: %v", err)
		}
	})
	return &gotdServer{DC: dc, Addr: l.Addr().String(), Key: &key.PublicKey}
}

// A tgtestListener works around two races of tgtest.Server that luagram's
// way of connecting runs into; it changes no byte on the wire.
//
// tgtest registers a new auth key only after it has written dh_gen_ok
// (tgtest/loop.go:77-90). luagram creates the key on a connection of its
// own and opens a new one for the session, whose first
// message can reach tgtest before the key is registered: tgtest answers
// -404 (loop.go:65-71) and luagram rightly drops the key. So a connection's
// first read waits until every connection tgtest has written to has been
// read from again, which tgtest does only after registering the key.
//
// gotd's transport.Listener reads the transport tag inside Accept
// (transport/listener.go:69-71), so a connection closed before its first
// byte makes Accept fail, which stops Serve for good (tgtest/server.go:93-99),
// and one slow client stalls every other. luagram sends the tag with its
// first frame, so a session closed while re-dialling does exactly that. So
// a connection is handed on only once its client has sent a byte.
type tgtestListener struct {
	net.Listener
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once

	mu      sync.Mutex
	cond    *sync.Cond
	unread  int // connections written to and not read from since
	waiting map[net.Conn]bool
}

func newTgtestListener(l net.Listener) *tgtestListener {
	tl := &tgtestListener{Listener: l, conns: make(chan net.Conn), done: make(chan struct{}), waiting: map[net.Conn]bool{}}
	tl.cond = sync.NewCond(&tl.mu)
	go tl.loop()
	return tl
}

func (l *tgtestListener) loop() {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			l.Close()
			return
		}
		l.mu.Lock()
		l.waiting[c] = true
		l.mu.Unlock()
		go func() {
			r := bufio.NewReader(c)
			_, err := r.Peek(1)
			l.mu.Lock()
			delete(l.waiting, c)
			l.mu.Unlock()
			if err != nil {
				c.Close()
				return
			}
			select {
			case l.conns <- &gatedConn{Conn: c, r: r, l: l}:
			case <-l.done:
				c.Close()
			}
		}()
	}
}

// Accept returns the next connection whose client has sent something.
func (l *tgtestListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops listening and closes the connections not handed on yet.
func (l *tgtestListener) Close() error {
	l.once.Do(func() {
		close(l.done)
		l.Listener.Close()
		l.mu.Lock()
		for c := range l.waiting {
			c.Close()
		}
		l.mu.Unlock()
	})
	return nil
}

// A gatedConn is a connection of a tgtestListener.
type gatedConn struct {
	net.Conn
	r *bufio.Reader // holds the peeked byte
	l *tgtestListener

	started, wrote bool // guarded by l.mu
}

// read marks c as read from. Call with l.mu held.
func (c *gatedConn) read() {
	if c.wrote {
		c.wrote = false
		c.l.unread--
		c.l.cond.Broadcast()
	}
}

func (c *gatedConn) Read(p []byte) (int, error) {
	c.l.mu.Lock()
	c.read()
	if !c.started {
		c.started = true
		for c.l.unread > 0 {
			c.l.cond.Wait()
		}
	}
	c.l.mu.Unlock()
	return c.r.Read(p)
}

func (c *gatedConn) Write(p []byte) (int, error) {
	c.l.mu.Lock()
	if !c.wrote {
		c.wrote = true
		c.l.unread++
	}
	c.l.mu.Unlock()
	return c.Conn.Write(p)
}

func (c *gatedConn) Close() error {
	c.l.mu.Lock()
	c.read()
	c.l.mu.Unlock()
	return c.Conn.Close()
}
