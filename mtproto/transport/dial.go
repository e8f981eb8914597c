package transport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"
)

// A Dialer opens stream connections: *net.Dialer, SOCKS5 and HTTPProxy.
type Dialer interface {
	DialContext(ctx context.Context, network, addr string) (net.Conn, error)
}

// Direct dials without a proxy.
var Direct Dialer = &net.Dialer{KeepAlive: 30 * time.Second}

func orDirect(d Dialer) Dialer {
	if d == nil {
		return Direct
	}
	return d
}

// Dial connects to addr over TCP through d (nil means Direct) and returns
// the client side of the transport cfg describes.
func Dial(ctx context.Context, d Dialer, addr string, cfg ClientConfig) (*Conn, error) {
	conn, err := orDirect(d).DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	c, err := Client(conn, cfg)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return c, nil
}

// An MTProxy is an MTProxy server. Talking to Telegram through one is no
// more than obfuscated2 keyed with the proxy's secret, sent over an ordinary
// TCP connection to the proxy, with the wanted DC id in the header: the
// proxy decrypts the header, picks the DC and relays the stream.
type MTProxy struct {
	Addr   string // host:port of the proxy
	Secret Secret
	Dialer Dialer // how to reach the proxy; nil means Direct
}

// Dial connects to DC dc (see EncodeDC) through the proxy. cfg supplies the
// protocol and options; its Obfuscated, Secret and DC fields are replaced.
func (m MTProxy) Dial(ctx context.Context, dc int16, cfg ClientConfig) (*Conn, error) {
	if dc == 0 {
		return nil, errors.New("transport: MTProxy needs a DC id")
	}
	if m.Secret.Kind == SecretFakeTLS {
		return nil, ErrFakeTLS
	}
	cfg.Obfuscated = true
	cfg.Secret = &m.Secret
	cfg.DC = dc
	return Dial(ctx, m.Dialer, m.Addr, cfg)
}

// handshake runs fn, a proxy handshake on conn, under ctx: if ctx ends, by
// deadline or cancellation, while fn runs, conn's deadline is moved to the
// past to interrupt it. On failure conn is closed.
func handshake(ctx context.Context, conn net.Conn, fn func() error) error {
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	err := fn()
	if !stop() {
		// ctx ended while fn ran; the deadline may be set at any moment.
		conn.Close()
		return fmt.Errorf("transport: proxy handshake: %w", ctx.Err())
	}
	if err != nil {
		conn.Close()
	}
	return err
}

// A ProxyError is a refusal from a proxy: a SOCKS5 reply code or an HTTP
// status.
type ProxyError struct {
	Proxy  string // "socks5" or "http"
	Code   int    // SOCKS5 reply field or HTTP status code
	Reason string
}

func (e *ProxyError) Error() string {
	return fmt.Sprintf("transport: %s proxy refused: %d %s", e.Proxy, e.Code, e.Reason)
}
