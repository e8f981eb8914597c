package transport

import "encoding/binary"

// intermediate is the intermediate transport: a 4-byte little-endian length
// and the payload. The client requests a quick ack by setting bit 31 of the
// length; the server answers with the bare 4-byte token, which read as a
// length is at least 0x80000000 and so cannot be one.
type intermediate struct{ framer }

func (c *intermediate) Protocol() Protocol { return Intermediate }

func (c *intermediate) WriteFrame(payload []byte) error { return c.writeFrame(payload, false) }

func (c *intermediate) WriteFrameQuickAck(payload []byte) error {
	if c.server {
		return c.wrongSide("server requesting a quick ack")
	}
	return c.writeFrame(payload, true)
}

func (c *intermediate) writeFrame(payload []byte, ack bool) error {
	if err := c.checkPayload(len(payload)); err != nil {
		return err
	}
	n := uint32(len(payload))
	if ack {
		n |= 1 << 31
	}
	binary.LittleEndian.PutUint32(c.whead[:4], n)
	return c.send(c.whead[:4], payload, nil)
}

func (c *intermediate) WriteQuickAck(token uint32) error {
	if !c.server {
		return c.wrongSide("client sending a quick ack")
	}
	binary.LittleEndian.PutUint32(c.whead[:4], token|1<<31)
	return c.send(c.whead[:4], nil, nil)
}

func (c *intermediate) WriteError(code int32) error {
	p, err := c.errorPayload(code)
	if err != nil {
		return err
	}
	return c.WriteFrame(p)
}

func (c *intermediate) ReadFrame(buf []byte) (Frame, error) {
	h := c.rhead[:4]
	if err := c.readHead(h); err != nil {
		return Frame{}, err
	}
	n := binary.LittleEndian.Uint32(h)
	var fr Frame
	if n&(1<<31) != 0 {
		if !c.server {
			return Frame{QuickAck: true, Token: n}, nil
		}
		fr.AckRequested = true
		n &^= 1 << 31
	}
	if err := c.checkSize(int64(n)); err != nil {
		return Frame{}, err
	}
	p, err := c.readPayload(buf, int(n))
	if err != nil {
		return Frame{}, err
	}
	if err := c.errorCode(p); err != nil {
		return Frame{}, err
	}
	fr.Payload = p
	return fr, nil
}
