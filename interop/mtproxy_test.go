package interop

import (
	"encoding/binary"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/sandbox"
)

// An mtproxy is the smallest MTProxy that lets gotd's client reach the
// sandbox over obfuscated2. gotd v0.93.0 only obfuscates with a proxy
// secret (dcs.MTProxy, or a DCOption with TCPObfuscatedOnly, whose empty
// Secret mtproxy.ParseSecret refuses), and the sandbox accepts only
// obfuscated2 without one; so the proxy accepts gotd's keyed obfuscated2
// with luagram's transport.Server, picks the DC named in the header and
// relays frames to that sandbox DC over plain intermediate.
type mtproxy struct {
	l   net.Listener
	srv transport.Server
	sb  *sandbox.Sandbox
	wg  sync.WaitGroup

	mu    sync.Mutex
	dcs   []int16 // DC ids read from headers
	proto []transport.Protocol
	errs  []error // accept failures
}

// startMTProxy listens on 127.0.0.1:0 with secret until the test ends.
func startMTProxy(t testing.TB, sb *sandbox.Sandbox, secret transport.Secret) *mtproxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// Towards gotd, pad as gotd does (see gotdpadded_test.go).
	opts := transport.Options{Rand: gotdPaddingRand{}}
	p := &mtproxy{l: l, srv: transport.Server{Secret: &secret, Options: opts}, sb: sb}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() {
		l.Close()
		p.wg.Wait()
	})
	return p
}

// Addr returns the proxy's address.
func (p *mtproxy) Addr() string { return p.l.Addr().String() }

// seen returns the DC ids and protocols of the connections relayed so far,
// and the accept failures.
func (p *mtproxy) seen() ([]int16, []transport.Protocol, []error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]int16(nil), p.dcs...), append([]transport.Protocol(nil), p.proto...), append([]error(nil), p.errs...)
}

func (p *mtproxy) serve() {
	defer p.wg.Done()
	var conns sync.WaitGroup
	var mu sync.Mutex
	open := map[net.Conn]bool{}
	defer func() {
		mu.Lock()
		for c := range open {
			c.Close()
		}
		mu.Unlock()
		conns.Wait()
	}()
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		mu.Lock()
		open[c] = true
		mu.Unlock()
		conns.Add(1)
		go func() {
			defer conns.Done()
			p.relay(c)
			mu.Lock()
			delete(open, c)
			mu.Unlock()
		}()
	}
}

func (p *mtproxy) relay(nc net.Conn) {
	defer nc.Close()
	nc.SetReadDeadline(time.Now().Add(10 * time.Second))
	down, err := p.srv.Accept(nc)
	p.mu.Lock()
	if err != nil {
		p.errs = append(p.errs, err)
		p.mu.Unlock()
		return
	}
	p.dcs = append(p.dcs, down.DC())
	p.proto = append(p.proto, down.Protocol())
	p.mu.Unlock()
	nc.SetReadDeadline(time.Time{})

	id := int(down.DC())
	if id < 0 {
		id = -id
	}
	dc := p.sb.DC(id % 10000)
	if dc == nil {
		down.WriteError(transport.CodeInvalidDC)
		return
	}
	upNet, err := net.DialTimeout("tcp", dc.Addr(), 10*time.Second)
	if err != nil {
		return
	}
	up, err := transport.Client(upNet, transport.ClientConfig{Protocol: transport.Intermediate})
	if err != nil {
		upNet.Close()
		return
	}
	defer up.Close()

	done := make(chan struct{}, 2)
	go func() { // client to DC
		defer func() { done <- struct{}{} }()
		buf := make([]byte, 64<<10)
		for {
			f, err := down.ReadFrame(buf)
			if err != nil {
				return
			}
			if err := up.WriteFrame(mtprotoPayload(f.Payload)); err != nil {
				return
			}
		}
	}()
	go func() { // DC to client
		defer func() { done <- struct{}{} }()
		buf := make([]byte, 64<<10)
		for {
			f, err := up.ReadFrame(buf)
			var perr *transport.ProtocolError
			switch {
			case errors.As(err, &perr):
				err = down.WriteError(perr.Code)
			case err != nil:
				return
			case f.QuickAck:
				err = down.WriteQuickAck(f.Token)
			default:
				err = down.WriteFrame(f.Payload)
			}
			if err != nil {
				return
			}
		}
	}()
	<-done
	nc.Close()
	up.Close()
	<-done
}

// mtprotoPayload cuts the random tail padded intermediate adds (0..15
// bytes) off an MTProto message, so that it can be relayed over another
// framing: an unencrypted message is 20 bytes plus message_data_length, an
// encrypted one 24 bytes plus whole AES blocks.
func mtprotoPayload(p []byte) []byte {
	if len(p) < 24 {
		return p
	}
	if binary.LittleEndian.Uint64(p) == 0 {
		n := 20 + int(binary.LittleEndian.Uint32(p[16:]))
		if n <= len(p) {
			return p[:n]
		}
		return p
	}
	return p[:24+(len(p)-24)/16*16]
}
