package session

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/handshake"
	"github.com/luagram/luagram/mtproto/transport"
)

// A serverConn is one client connection to the server.
type serverConn struct {
	srv       *Server
	tc        *transport.Conn
	hs        *handshake.ServerExchange
	out       chan []byte
	done      chan struct{}
	closeOnce sync.Once
	mu        sync.Mutex
	idle      *time.Timer // ping_delay_disconnect
}

// ServeConn runs one connection until it fails or is closed.
func (s *Server) ServeConn(nc net.Conn) {
	nc.SetReadDeadline(time.Now().Add(30 * time.Second))
	tc, err := s.cfg.Transport.Accept(nc)
	if err != nil {
		s.cfg.Logger.Debug("session: transport refused", "remote", nc.RemoteAddr(), "err", err)
		nc.Close()
		return
	}
	nc.SetReadDeadline(time.Time{})
	c := &serverConn{srv: s, tc: tc, out: make(chan []byte, 256), done: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		nc.Close()
		return
	}
	s.conns[c] = struct{}{}
	s.mu.Unlock()
	defer func() {
		c.close()
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
	}()
	go c.writeLoop()
	err = c.readLoop()
	if err != nil && !errors.Is(err, net.ErrClosed) {
		s.cfg.Logger.Debug("session: connection ended", "remote", nc.RemoteAddr(), "err", err)
	}
}

func (c *serverConn) close() {
	c.closeOnce.Do(func() {
		close(c.done)
		c.tc.Close()
		c.mu.Lock()
		if c.idle != nil {
			c.idle.Stop()
		}
		c.mu.Unlock()
	})
}

// enqueue hands a frame to the writer, waiting while the writer is behind;
// a client that reads nothing for 10 s is dropped rather than buffered
// without bound.
func (c *serverConn) enqueue(frame []byte) {
	select {
	case c.out <- frame:
		return
	case <-c.done:
		return
	default:
	}
	t := time.NewTimer(10 * time.Second)
	defer t.Stop()
	select {
	case c.out <- frame:
	case <-c.done:
	case <-t.C:
		c.srv.cfg.Logger.Warn("session: client reads nothing; dropping the connection")
		c.close()
	}
}

func (c *serverConn) writeLoop() {
	for {
		select {
		case <-c.done:
			return
		case f := <-c.out:
			if d := c.srv.cfg.Faults.delayFor(); d > 0 {
				time.Sleep(d)
			}
			err := c.tc.WriteFrame(f)
			frames.put(f)
			if err != nil {
				c.close()
				return
			}
		}
	}
}

// disconnectAfter closes the connection d from now unless called again
// (ping_delay_disconnect).
func (c *serverConn) disconnectAfter(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.idle != nil {
		c.idle.Stop()
	}
	c.idle = time.AfterFunc(d, c.close)
}

func (c *serverConn) readLoop() error {
	buf := make([]byte, 64<<10)
	for {
		f, err := c.tc.ReadFrame(buf)
		if err != nil {
			return err
		}
		if len(f.Payload) > len(buf) {
			buf = f.Payload[:cap(f.Payload)]
		}
		if c.srv.cfg.Faults.dropFrame() {
			return errors.New("session: connection dropped by fault injection")
		}
		keyID, ok := AuthKeyID(f.Payload)
		if !ok {
			return fmt.Errorf("session: frame of %d bytes", len(f.Payload))
		}
		if keyID == ([8]byte{}) {
			if err := c.handshake(f.Payload); err != nil {
				return err
			}
			continue
		}
		if err := c.handleEncrypted(keyID, f.Payload); err != nil {
			return err
		}
	}
}

// handshake feeds an unencrypted message to the auth key exchange.
func (c *serverConn) handshake(payload []byte) error {
	if c.hs == nil || c.hs.Done() {
		c.hs = handshake.NewServerExchange(c.srv.cfg.Handshake)
	}
	reply, key, err := c.hs.HandleFrame(payload)
	if err != nil {
		return fmt.Errorf("session: auth key exchange: %w", err)
	}
	if key != nil {
		c.srv.cfg.Keys.Add(&KeyInfo{Key: key.AuthKey, ExpiresAt: key.ExpiresAt})
		c.srv.cfg.Salts.SetFirst(key.AuthKey.ID(), key.ServerSalt, c.srv.cfg.Now())
	}
	c.enqueue(reply)
	return nil
}

// handleEncrypted decrypts and checks one message and hands it to its
// session. An unknown key gets the transport error -404 (the client must
// create a new key); a message failing the security checks ends the
// connection.
func (c *serverConn) handleEncrypted(keyID [8]byte, payload []byte) error {
	now := c.srv.cfg.Now()
	ki, ok := c.srv.cfg.Keys.Get(keyID, now)
	if !ok {
		c.tc.WriteError(transport.CodeAuthKeyNotFound)
		return fmt.Errorf("session: unknown auth key %x", keyID)
	}
	msg, err := open(ki.Key, crypto.ClientToServer, payload)
	if err != nil {
		return fmt.Errorf("session: %w", err)
	}
	ss, created := c.srv.session(ki, msg.SessionID)
	ss.attach(c)
	if created {
		ss.sendNewSession(msg.MsgID)
	}
	if !c.srv.cfg.Salts.Valid(keyID, msg.Salt, now) {
		// The message is refused without being recorded, so it may come
		// again with the same msg_id.
		ss.sendBadMsg(msg.MsgID, msg.SeqNo, 48)
		return nil
	}
	ss.process(msg.MsgID, msg.SeqNo, msg.Body, true)
	return nil
}
