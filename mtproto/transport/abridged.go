package transport

import "encoding/binary"

// abridged is the abridged transport: a length in 4-byte words, as one byte
// below 0x7f, else 0x7f and three little-endian bytes. The client requests a
// quick ack by setting bit 7 of the first byte; the server answers with the
// byte-swapped 4-byte token, whose first byte therefore has bit 7 set, which
// no server length byte has.
type abridged struct{ framer }

func (c *abridged) Protocol() Protocol { return Abridged }

func (c *abridged) WriteFrame(payload []byte) error { return c.writeFrame(payload, false) }

func (c *abridged) WriteFrameQuickAck(payload []byte) error {
	if c.server {
		return c.wrongSide("server requesting a quick ack")
	}
	return c.writeFrame(payload, true)
}

func (c *abridged) writeFrame(payload []byte, ack bool) error {
	if err := c.checkPayload(len(payload)); err != nil {
		return err
	}
	words := len(payload) / 4
	head := c.whead[:1]
	if words < 0x7f {
		c.whead[0] = byte(words)
	} else {
		c.whead[0] = 0x7f
		c.whead[1] = byte(words)
		c.whead[2] = byte(words >> 8)
		c.whead[3] = byte(words >> 16)
		head = c.whead[:4]
	}
	if ack {
		c.whead[0] |= 0x80
	}
	return c.send(head, payload, nil)
}

func (c *abridged) WriteQuickAck(token uint32) error {
	if !c.server {
		return c.wrongSide("client sending a quick ack")
	}
	binary.BigEndian.PutUint32(c.whead[:4], token|1<<31)
	return c.send(c.whead[:4], nil, nil)
}

func (c *abridged) WriteError(code int32) error {
	p, err := c.errorPayload(code)
	if err != nil {
		return err
	}
	return c.WriteFrame(p)
}

func (c *abridged) ReadFrame(buf []byte) (Frame, error) {
	h := c.rhead[:4]
	if err := c.readHead(h[:1]); err != nil {
		return Frame{}, err
	}
	var fr Frame
	if h[0]&0x80 != 0 {
		if !c.server {
			if err := c.readRest(h[1:4]); err != nil {
				return Frame{}, err
			}
			return Frame{QuickAck: true, Token: binary.BigEndian.Uint32(h)}, nil
		}
		fr.AckRequested = true
	}
	words := int64(h[0] & 0x7f)
	if words == 0x7f {
		if err := c.readRest(h[1:4]); err != nil {
			return Frame{}, err
		}
		words = int64(h[1]) | int64(h[2])<<8 | int64(h[3])<<16
	}
	if err := c.checkSize(words * 4); err != nil {
		return Frame{}, err
	}
	p, err := c.readPayload(buf, int(words*4))
	if err != nil {
		return Frame{}, err
	}
	if err := c.errorCode(p); err != nil {
		return Frame{}, err
	}
	fr.Payload = p
	return fr, nil
}
