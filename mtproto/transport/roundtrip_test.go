package transport

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"testing"
)

type link struct {
	name string
	pair func(t *testing.T) (client, server net.Conn)
}

var links = []link{
	{"pipe", func(t *testing.T) (net.Conn, net.Conn) {
		c, s := net.Pipe()
		t.Cleanup(func() { c.Close(); s.Close() })
		return c, s
	}},
	{"tcp", tcpPair},
}

// tcpPair connects two ends over real TCP on the loopback interface.
func tcpPair(t *testing.T) (net.Conn, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		s, err := ln.Accept()
		if err != nil {
			s = nil
		}
		accepted <- s
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	s := <-accepted
	if s == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { c.Close(); s.Close() })
	return c, s
}

type mode struct {
	name   string
	cfg    func(p Protocol) ClientConfig
	server Server
	want   Protocol // 0: as asked
}

func modes(t *testing.T) []mode {
	simple, err := ParseSecret("52a493bdfb90eea55739eabff2d92a14")
	if err != nil {
		t.Fatal(err)
	}
	dd, err := ParseSecret("ddf05fb7acb549be047a7c585116581418")
	if err != nil {
		t.Fatal(err)
	}
	return []mode{
		{name: "plain", cfg: func(p Protocol) ClientConfig { return ClientConfig{Protocol: p} }},
		{name: "obfuscated", cfg: func(p Protocol) ClientConfig { return ClientConfig{Protocol: p, Obfuscated: true} }},
		{
			name:   "secret",
			cfg:    func(p Protocol) ClientConfig { return ClientConfig{Protocol: p, Secret: &simple, DC: -2} },
			server: Server{Secret: &simple},
		},
		{
			name:   "secret-dd",
			cfg:    func(p Protocol) ClientConfig { return ClientConfig{Protocol: p, Secret: &dd, DC: 10003} },
			server: Server{Secret: &dd},
			want:   PaddedIntermediate,
		},
	}
}

// async runs fn in a goroutine; the returned function waits for its error.
func async(fn func() error) func() error {
	c := make(chan error, 1)
	go func() { c <- fn() }()
	return func() error { return <-c }
}

// samePayload compares a sent payload with a received one, which the
// padded transport follows with its padding.
func samePayload(p Protocol, got, want []byte) bool {
	if p == PaddedIntermediate {
		return bytes.HasPrefix(got, want) && len(got)-len(want) <= maxPadding
	}
	return bytes.Equal(got, want)
}

func TestRoundTrip(t *testing.T) {
	sizes := []int{0, 4, 1 << 10, 1 << 20}
	rng := rand.New(rand.NewPCG(1, 2))
	payloads := make([][]byte, len(sizes))
	for i, n := range sizes {
		payloads[i] = make([]byte, n)
		for j := range payloads[i] {
			payloads[i][j] = byte(rng.Uint32())
		}
		if n >= 4 {
			payloads[i][3] &= 0x7f // a 4-byte negative payload is a transport error
		}
	}
	for _, l := range links {
		for _, m := range modes(t) {
			for _, p := range []Protocol{Abridged, Intermediate, PaddedIntermediate, Full} {
				if p == Full && m.name != "plain" {
					continue
				}
				t.Run(l.name+"/"+m.name+"/"+p.String(), func(t *testing.T) {
					cc, sc := l.pair(t)
					roundTrip(t, cc, sc, m.cfg(p), m.server, cmp.Or(m.want, p), payloads)
				})
			}
		}
	}
}

func roundTrip(t *testing.T, cconn, sconn net.Conn, cfg ClientConfig, srv Server, want Protocol, payloads [][]byte) {
	type accepted struct {
		c   *Conn
		err error
	}
	ach := make(chan accepted, 1)
	go func() {
		c, err := srv.Accept(sconn)
		ach <- accepted{c, err}
	}()
	cc, err := Client(cconn, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if cc.Protocol() != want {
		t.Fatalf("client protocol %s, want %s", cc.Protocol(), want)
	}
	var sc *Conn
	cbuf := make([]byte, 0, 64)
	sbuf := make([]byte, 0, 64)
	for i, payload := range payloads {
		wait := async(func() error { return cc.WriteFrame(payload) })
		if i == 0 {
			a := <-ach
			if a.err != nil {
				t.Fatalf("Accept: %v", a.err)
			}
			sc = a.c
			if sc.Protocol() != want || sc.Obfuscated() != cc.Obfuscated() || (cfg.DC != 0 && sc.DC() != cfg.DC) {
				t.Fatalf("Accept: got %s obfuscated=%v dc=%d, want %s obfuscated=%v dc=%d",
					sc.Protocol(), sc.Obfuscated(), sc.DC(), want, cc.Obfuscated(), cfg.DC)
			}
		}
		f, err := sc.ReadFrame(sbuf)
		if err != nil {
			t.Fatalf("server ReadFrame %d bytes: %v", len(payload), err)
		}
		if !samePayload(want, f.Payload, payload) || f.AckRequested || f.QuickAck {
			t.Fatalf("server got %d bytes (ack %v), want %d bytes", len(f.Payload), f.AckRequested, len(payload))
		}
		sbuf = f.Payload
		if err := wait(); err != nil {
			t.Fatalf("client WriteFrame: %v", err)
		}

		wait = async(func() error { return sc.WriteFrame(payload) })
		f, err = cc.ReadFrame(cbuf)
		if err != nil {
			t.Fatalf("client ReadFrame %d bytes: %v", len(payload), err)
		}
		if !samePayload(want, f.Payload, payload) || f.QuickAck {
			t.Fatalf("client got %d bytes, want %d bytes", len(f.Payload), len(payload))
		}
		cbuf = f.Payload
		if err := wait(); err != nil {
			t.Fatalf("server WriteFrame: %v", err)
		}
	}

	if want == Full {
		if err := cc.WriteFrameQuickAck(payloads[1]); !errors.Is(err, errors.ErrUnsupported) {
			t.Errorf("full WriteFrameQuickAck: got %v, want errors.ErrUnsupported", err)
		}
		if err := sc.WriteQuickAck(1); !errors.Is(err, errors.ErrUnsupported) {
			t.Errorf("full WriteQuickAck: got %v, want errors.ErrUnsupported", err)
		}
	} else {
		quickAck(t, cc, sc, payloads[2])
	}

	wait := async(func() error { return sc.WriteError(CodeFlood) })
	_, err = cc.ReadFrame(nil)
	var pe *ProtocolError
	if !errors.As(err, &pe) || pe.Code != CodeFlood || !pe.Retryable() {
		t.Errorf("client got %v, want ProtocolError -429", err)
	}
	if err := wait(); err != nil {
		t.Fatal(err)
	}

	cc.Close()
	if _, err := sc.ReadFrame(nil); err != io.EOF {
		t.Errorf("server after close: got %v, want io.EOF", err)
	}
}

// quickAck asks for a quick ack, which arrives before the server's answer.
func quickAck(t *testing.T, cc, sc *Conn, payload []byte) {
	const token = 0x8badf00d
	wait := async(func() error { return cc.WriteFrameQuickAck(payload) })
	f, err := sc.ReadFrame(nil)
	if err != nil || !f.AckRequested || !samePayload(sc.Protocol(), f.Payload, payload) {
		t.Fatalf("server got ack=%v %d bytes, %v; want an ack request with %d bytes", f.AckRequested, len(f.Payload), err, len(payload))
	}
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	wait = async(func() error {
		if err := sc.WriteQuickAck(token &^ (1 << 31)); err != nil { // the top bit is set on the wire
			return err
		}
		return sc.WriteFrame(payload)
	})
	f, err = cc.ReadFrame(nil)
	if err != nil || !f.QuickAck || f.Token != token || f.Payload != nil {
		t.Fatalf("client got %+v, %v; want quick ack %#x", f, err, token)
	}
	f, err = cc.ReadFrame(nil)
	if err != nil || f.QuickAck || !samePayload(cc.Protocol(), f.Payload, payload) {
		t.Fatalf("client got quickack=%v %d bytes, %v; want %d bytes", f.QuickAck, len(f.Payload), err, len(payload))
	}
	if err := wait(); err != nil {
		t.Fatal(err)
	}
}

// TestConcurrentReadWrite writes on one goroutine while another reads the
// echoes on the same Conn, the way a session drives it. Payload bytes stay
// below 0x80: short padded frames starting with a negative int32 are
// transport errors.
func TestConcurrentReadWrite(t *testing.T) {
	for _, obfuscated := range []bool{false, true} {
		cconn, sconn := tcpPair(t)
		go func() {
			c, err := Accept(sconn)
			if err != nil {
				return
			}
			for {
				f, err := c.ReadFrame(nil)
				if err != nil {
					return
				}
				if f.AckRequested {
					c.WriteQuickAck(uint32(len(f.Payload)))
				}
				if c.WriteFrame(f.Payload[:len(f.Payload)&^15]) != nil {
					return
				}
			}
		}()
		c, err := Client(cconn, ClientConfig{Protocol: PaddedIntermediate, Obfuscated: obfuscated})
		if err != nil {
			t.Fatal(err)
		}
		const frames = 200
		wait := async(func() error {
			for i := range frames {
				p := bytes.Repeat([]byte{byte(i % 128)}, 16*(i%40))
				write := c.WriteFrame
				if i%7 == 0 {
					write = c.WriteFrameQuickAck
				}
				if err := write(p); err != nil {
					return err
				}
			}
			return nil
		})
		for i := 0; i < frames; {
			f, err := c.ReadFrame(nil)
			if err != nil {
				t.Fatal(err)
			}
			if f.QuickAck {
				// The token is the padded length the server saw.
				if n := f.Token &^ (1 << 31); f.Token&(1<<31) == 0 || n > 16*40+maxPadding {
					t.Fatalf("frame %d: quick ack %#x", i, f.Token)
				}
				continue
			}
			if want := bytes.Repeat([]byte{byte(i % 128)}, 16*(i%40)); !samePayload(PaddedIntermediate, f.Payload, want) {
				t.Fatalf("frame %d: got %d bytes, want %d", i, len(f.Payload), len(want))
			}
			i++
		}
		if err := wait(); err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
}
