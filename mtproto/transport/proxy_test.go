package transport

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// listen starts serve for every connection to a fresh 127.0.0.1 port and
// stops with the test.
func listen(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				serve(c)
			}()
		}
	}()
	return ln.Addr().String()
}

// echoServer is an MTProto transport server answering every frame with
// itself.
func echoServer(t *testing.T, srv Server) (addr string, dcs <-chan int16) {
	dc := make(chan int16, 16)
	addr = listen(t, func(conn net.Conn) {
		c, err := srv.Accept(conn)
		if err != nil {
			return
		}
		dc <- c.DC()
		for {
			f, err := c.ReadFrame(nil)
			if err != nil {
				return
			}
			if c.Protocol() == PaddedIntermediate {
				f.Payload = f.Payload[:len(f.Payload)&^15] // the tests send 16-byte multiples
			}
			if c.WriteFrame(f.Payload) != nil {
				return
			}
		}
	})
	return addr, dc
}

// relay connects conn to backend both ways until either side closes.
func relay(conn net.Conn, backend string) {
	b, err := net.Dial("tcp", backend)
	if err != nil {
		return
	}
	go func() {
		io.Copy(b, conn)
		b.Close()
	}()
	io.Copy(conn, b)
	b.Close()
	conn.Close()
}

// socksServer is a minimal RFC 1928/1929 server. It records each requested
// address and relays to backend whatever was asked.
type socksServer struct {
	user, pass string
	reply      byte // CONNECT reply code
	backend    string
	requested  chan string
}

func (s *socksServer) serve(conn net.Conn) {
	r := bufio.NewReader(conn)
	var b [256]byte
	if _, err := io.ReadFull(r, b[:2]); err != nil || b[0] != 5 {
		return
	}
	methods := b[:b[1]]
	if _, err := io.ReadFull(r, methods); err != nil {
		return
	}
	want := byte(0)
	if s.user != "" {
		want = 2
	}
	if !strings.Contains(string(methods), string([]byte{want})) {
		conn.Write([]byte{5, 0xff})
		return
	}
	conn.Write([]byte{5, want})
	if want == 2 {
		io.ReadFull(r, b[:2])
		user := make([]byte, b[1])
		io.ReadFull(r, user)
		io.ReadFull(r, b[:1])
		pass := make([]byte, b[0])
		io.ReadFull(r, pass)
		if string(user) != s.user || string(pass) != s.pass {
			conn.Write([]byte{1, 1})
			return
		}
		conn.Write([]byte{1, 0})
	}
	if _, err := io.ReadFull(r, b[:4]); err != nil || b[1] != 1 {
		return
	}
	var host string
	switch b[3] {
	case 1:
		io.ReadFull(r, b[:4])
		host = net.IP(b[:4]).String()
	case 4:
		io.ReadFull(r, b[:16])
		host = net.IP(b[:16]).String()
	case 3:
		io.ReadFull(r, b[:1])
		n := int(b[0])
		io.ReadFull(r, b[:n])
		host = string(b[:n])
	}
	io.ReadFull(r, b[:2])
	s.requested <- net.JoinHostPort(host, strconv.Itoa(int(binary.BigEndian.Uint16(b[:2]))))
	// Reply with a domain BND.ADDR to exercise its parsing.
	conn.Write(append([]byte{5, s.reply, 0, 3, 9}, "localhost\x01\xbb"...))
	if s.reply == 0 {
		relay(&readerConn{conn, r}, s.backend)
	}
}

// readerConn reads through a buffered reader.
type readerConn struct {
	net.Conn
	r io.Reader
}

func (c *readerConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// exchange sends one frame through c and expects it back.
func exchange(t *testing.T, c *Conn) {
	t.Helper()
	payload := []byte("0123456789abcdef0123456789abcdef")
	if err := c.WriteFrame(payload); err != nil {
		t.Fatal(err)
	}
	f, err := c.ReadFrame(nil)
	if err != nil || string(f.Payload[:len(payload)]) != string(payload) {
		t.Fatalf("got %q, %v; want %q", f.Payload, err, payload)
	}
}

func TestSOCKS5(t *testing.T) {
	backend, _ := echoServer(t, Server{})
	tests := []struct {
		name       string
		user, pass string // server's
		dialUser   string
		dialPass   string
		addr       string
		reply      byte
		wantErr    bool
	}{
		{name: "ipv4", addr: "149.154.167.51:443"},
		{name: "ipv6", addr: "[2001:67c:4e8:f004::a]:443"},
		{name: "ipv4-mapped", addr: "[::ffff:10.0.0.1]:80", reply: 0},
		{name: "domain", addr: "venus.web.telegram.org:443"},
		{name: "password", user: "alice", pass: "s3cret", dialUser: "alice", dialPass: "s3cret", addr: "149.154.167.51:443"},
		{name: "wrong password", user: "alice", pass: "s3cret", dialUser: "alice", dialPass: "nope", addr: "1.2.3.4:443", wantErr: true},
		{name: "password required", user: "alice", pass: "s3cret", addr: "1.2.3.4:443", wantErr: true},
		{name: "refused", addr: "1.2.3.4:443", reply: 5, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &socksServer{user: tt.user, pass: tt.pass, reply: tt.reply, backend: backend, requested: make(chan string, 1)}
			proxy := &SOCKS5{Addr: listen(t, s.serve), Username: tt.dialUser, Password: tt.dialPass}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			c, err := Dial(ctx, proxy, tt.addr, ClientConfig{Protocol: Abridged})
			if tt.wantErr {
				if err == nil {
					t.Fatal("got a connection, want an error")
				}
				var pe *ProxyError
				if !errors.As(err, &pe) && tt.name != "password required" {
					t.Errorf("got %v, want a *ProxyError", err)
				}
				if tt.reply != 0 && (pe == nil || pe.Code != int(tt.reply) || pe.Reason != "connection refused") {
					t.Errorf("got %v, want reply %d", err, tt.reply)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			want := tt.addr
			if tt.name == "ipv4-mapped" {
				want = "10.0.0.1:80"
			}
			if got := <-s.requested; got != want {
				t.Errorf("proxy asked for %s, want %s", got, want)
			}
			exchange(t, c)
		})
	}
}

func TestSOCKS5BadInput(t *testing.T) {
	p := &SOCKS5{Addr: "127.0.0.1:1"}
	for _, addr := range []string{"no-port", "host:99999", "[fe80::1%eth0]:443", strings.Repeat("a", 256) + ":443"} {
		if _, err := p.DialContext(context.Background(), "tcp", addr); err == nil {
			t.Errorf("%q: got a connection, want an error", addr)
		}
	}
	if _, err := p.DialContext(context.Background(), "udp", "1.2.3.4:1"); err == nil {
		t.Error("udp: got a connection, want an error")
	}
}

// TestProxyHandshakeContext: a proxy that never answers is abandoned when
// the context ends.
func TestProxyHandshakeContext(t *testing.T) {
	hold := make(chan struct{})
	defer close(hold)
	silent := listen(t, func(c net.Conn) { <-hold })
	for _, d := range []Dialer{&SOCKS5{Addr: silent}, &HTTPProxy{Addr: silent}} {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		start := time.Now()
		_, err := d.DialContext(ctx, "tcp", "1.2.3.4:443")
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%T: got %v, want a deadline error", d, err)
		}
		if time.Since(start) > 2*time.Second {
			t.Errorf("%T: took %v", d, time.Since(start))
		}
		ctx, cancel = context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		if _, err := d.DialContext(ctx, "tcp", "1.2.3.4:443"); !errors.Is(err, context.Canceled) {
			t.Errorf("%T: got %v, want context.Canceled", d, err)
		}
	}
}

// httpProxy is a minimal CONNECT proxy. early is sent right after the
// response, in the same write, before relaying.
type httpProxy struct {
	auth      string // expected Proxy-Authorization, "" for none
	backend   string
	early     string
	requested chan string
}

func (h *httpProxy) serve(conn net.Conn) {
	r := bufio.NewReader(conn)
	tp := textproto.NewReader(r)
	line, err := tp.ReadLine()
	if err != nil {
		return
	}
	hdr, err := tp.ReadMIMEHeader()
	if err != nil {
		return
	}
	h.requested <- line + " host=" + hdr.Get("Host")
	if h.auth != "" && hdr.Get("Proxy-Authorization") != h.auth {
		conn.Write([]byte("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n"))
		return
	}
	conn.Write([]byte("HTTP/1.1 200 Connection established\r\nVia: test\r\n\r\n" + h.early))
	relay(&readerConn{conn, r}, h.backend)
}

func TestHTTPProxy(t *testing.T) {
	backend, _ := echoServer(t, Server{})
	tests := []struct {
		name       string
		auth       string
		user, pass string
		wantCode   int
	}{
		{name: "no auth"},
		{name: "basic", auth: "Basic YWxpY2U6czNjcmV0", user: "alice", pass: "s3cret"},
		{name: "wrong password", auth: "Basic YWxpY2U6czNjcmV0", user: "alice", pass: "nope", wantCode: 407},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &httpProxy{auth: tt.auth, backend: backend, requested: make(chan string, 1)}
			proxy := &HTTPProxy{Addr: listen(t, h.serve), Username: tt.user, Password: tt.pass}
			c, err := Dial(context.Background(), proxy, "149.154.167.51:443", ClientConfig{Protocol: Intermediate})
			if got, want := <-h.requested, "CONNECT 149.154.167.51:443 HTTP/1.1 host=149.154.167.51:443"; got != want {
				t.Errorf("proxy got %q, want %q", got, want)
			}
			if tt.wantCode != 0 {
				var pe *ProxyError
				if !errors.As(err, &pe) || pe.Code != tt.wantCode || pe.Proxy != "http" {
					t.Fatalf("got %v, want ProxyError %d", err, tt.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			exchange(t, c)
		})
	}
}

// TestHTTPProxyEarlyBytes: bytes sent with the proxy's response are not
// lost to the response reader's buffer.
func TestHTTPProxyEarlyBytes(t *testing.T) {
	backend := listen(t, func(c net.Conn) { io.Copy(c, c) })
	h := &httpProxy{backend: backend, early: "early", requested: make(chan string, 1)}
	proxy := &HTTPProxy{Addr: listen(t, h.serve)}
	c, err := proxy.DialContext(context.Background(), "tcp", "example.org:443")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte(" late"))
	got := make([]byte, len("early late"))
	if _, err := io.ReadFull(c, got); err != nil || string(got) != "early late" {
		t.Errorf("got %q, %v; want %q", got, err, "early late")
	}
}

func TestHTTPProxyBadStatus(t *testing.T) {
	for _, resp := range []string{"SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n", "HTTP/1.1 502 Bad Gateway\r\n\r\n"} {
		addr := listen(t, func(c net.Conn) {
			bufio.NewReader(c).ReadString('\n')
			c.Write([]byte(resp))
		})
		if _, err := (&HTTPProxy{Addr: addr}).DialContext(context.Background(), "tcp", "1.2.3.4:443"); err == nil {
			t.Errorf("%q: got a connection, want an error", resp)
		}
	}
}

// TestMTProxy dials a DC through an MTProxy: obfuscated2 keyed with the
// secret, the DC in the header, over a plain TCP connection.
func TestMTProxy(t *testing.T) {
	for _, hex := range []string{"52a493bdfb90eea55739eabff2d92a14", "ddf05fb7acb549be047a7c585116581418"} {
		secret, err := ParseSecret(hex)
		if err != nil {
			t.Fatal(err)
		}
		addr, dcs := echoServer(t, Server{Secret: &secret})
		m := MTProxy{Addr: addr, Secret: secret}
		dc := EncodeDC(4, false, true)
		c, err := m.Dial(context.Background(), dc, ClientConfig{Protocol: Abridged})
		if err != nil {
			t.Fatal(err)
		}
		want := Abridged
		if secret.Kind == SecretPadded {
			want = PaddedIntermediate
		}
		if c.Protocol() != want || !c.Obfuscated() || c.DC() != dc {
			t.Errorf("got %s obfuscated=%v dc=%d, want obfuscated %s dc %d", c.Protocol(), c.Obfuscated(), c.DC(), want, dc)
		}
		exchange(t, c)
		if got := <-dcs; got != dc {
			t.Errorf("server saw dc %d, want %d", got, dc)
		}
		c.Close()
	}
	if _, err := (MTProxy{Addr: "127.0.0.1:1"}).Dial(context.Background(), 0, ClientConfig{}); err == nil {
		t.Error("dc 0: got a connection, want an error")
	}
	fake := MTProxy{Addr: "127.0.0.1:1", Secret: Secret{Kind: SecretFakeTLS}}
	if _, err := fake.Dial(context.Background(), 2, ClientConfig{}); !errors.Is(err, ErrFakeTLS) {
		t.Errorf("fake TLS: got %v, want ErrFakeTLS", err)
	}
}
