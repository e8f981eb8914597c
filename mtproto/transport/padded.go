package transport

import (
	crand "crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	mrand "math/rand/v2"
)

// padded is the padded intermediate transport: a 4-byte little-endian total
// length, the payload, and 0..15 random bytes. The client requests a quick
// ack by setting bit 31 of the length; the server answers with a framed
// packet of 8..16 bytes: ffffffff, the token, and 0..8 random bytes.
//
// A reader cannot separate payload from padding, so ReadFrame returns both.
type padded struct {
	framer
	pad [16]byte
}

const (
	// paddedAckMax is the longest quick-ack packet: ffffffff, token, 8 bytes.
	paddedAckMax = 16
	// paddedErrorMax is one below the shortest MTProto message (an
	// unencrypted one: auth_key_id, msg_id, length), so shorter frames
	// starting with a negative int32 are transport errors.
	paddedErrorMax = 19
)

// newPaddingSource returns a ChaCha8 stream seeded from crypto/rand: as
// unpredictable, without a system call per frame.
func newPaddingSource() io.Reader {
	var seed [32]byte
	crand.Read(seed[:]) // never fails: crypto/rand crashes the program instead
	return mrand.NewChaCha8(seed)
}

func (c *padded) Protocol() Protocol { return PaddedIntermediate }

func (c *padded) WriteFrame(payload []byte) error { return c.writeFrame(payload, false) }

func (c *padded) WriteFrameQuickAck(payload []byte) error {
	if c.server {
		return c.wrongSide("server requesting a quick ack")
	}
	return c.writeFrame(payload, true)
}

// padding returns up to limit random bytes, their count itself random.
func (c *padded) padding(limit int) ([]byte, error) {
	if _, err := io.ReadFull(c.rand, c.pad[:]); err != nil {
		return nil, fmt.Errorf("transport: reading padding: %w", err)
	}
	n := int(c.pad[0]) % (limit + 1)
	return c.pad[1 : 1+n], nil
}

func (c *padded) writeFrame(payload []byte, ack bool) error {
	if err := c.checkPayload(len(payload)); err != nil {
		return err
	}
	pad, err := c.padding(maxPadding)
	if err != nil {
		return err
	}
	if len(payload) == 0 && len(pad) >= 4 {
		// Keep the first word non-negative so that padding alone is never
		// read as a transport error or a quick ack.
		pad[3] &= 0x7f
	}
	n := uint32(len(payload) + len(pad))
	if ack {
		n |= 1 << 31
	}
	binary.LittleEndian.PutUint32(c.whead[:4], n)
	return c.send(c.whead[:4], payload, pad)
}

func (c *padded) WriteQuickAck(token uint32) error {
	if !c.server {
		return c.wrongSide("client sending a quick ack")
	}
	pad, err := c.padding(paddedAckMax - 8)
	if err != nil {
		return err
	}
	b := c.wtail[:12]
	binary.LittleEndian.PutUint32(b[0:], uint32(8+len(pad)))
	binary.LittleEndian.PutUint32(b[4:], 0xffffffff)
	binary.LittleEndian.PutUint32(b[8:], token|1<<31)
	return c.send(b, nil, pad)
}

func (c *padded) WriteError(code int32) error {
	p, err := c.errorPayload(code)
	if err != nil {
		return err
	}
	return c.WriteFrame(p)
}

func (c *padded) ReadFrame(buf []byte) (Frame, error) {
	h := c.rhead[:4]
	if err := c.readHead(h); err != nil {
		return Frame{}, err
	}
	n := binary.LittleEndian.Uint32(h)
	var fr Frame
	if c.server && n&(1<<31) != 0 {
		fr.AckRequested = true
		n &^= 1 << 31
	}
	// The padding makes any length legal, aligned or not.
	if int64(n) > int64(c.max)+maxPadding {
		return Frame{}, &FrameSizeError{Size: int64(n), Max: c.max + maxPadding}
	}
	p, err := c.readPayload(buf, int(n))
	if err != nil {
		return Frame{}, err
	}
	if !c.server && len(p) >= 4 {
		first := binary.LittleEndian.Uint32(p)
		switch {
		case first == 0xffffffff && len(p) >= 8 && len(p) <= paddedAckMax:
			return Frame{QuickAck: true, Token: binary.LittleEndian.Uint32(p[4:])}, nil
		case int32(first) < 0 && len(p) <= paddedErrorMax:
			return Frame{}, &ProtocolError{Code: int32(first)}
		}
	}
	fr.Payload = p
	return fr, nil
}
