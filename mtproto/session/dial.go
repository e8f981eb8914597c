package session

import (
	"time"

	"github.com/luagram/luagram/mtproto/handshake"
	"github.com/luagram/luagram/mtproto/transport"
)

// HandshakeConn adapts a transport connection to the auth key exchange:
// quick acks are skipped and deadlines reach the socket.
func HandshakeConn(c *transport.Conn) handshake.FrameConn { return &hsConn{c: c} }

type hsConn struct {
	c   *transport.Conn
	buf []byte
}

func (h *hsConn) WriteFrame(p []byte) error { return h.c.WriteFrame(p) }

func (h *hsConn) ReadFrame() ([]byte, error) {
	for {
		f, err := h.c.ReadFrame(h.buf)
		if err != nil {
			return nil, err
		}
		if !f.QuickAck {
			return f.Payload, nil
		}
	}
}

func (h *hsConn) SetDeadline(t time.Time) error { return h.c.NetConn().SetDeadline(t) }
