package transport

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

// fullOverhead is the length, seqno and CRC32 around a full-transport payload.
const fullOverhead = 12

// full is the full transport: a 4-byte little-endian length counting the
// whole frame, a 4-byte sequence number (per direction, from 0), the payload
// and a CRC32 (IEEE) of everything before it. It has no tag and no quick
// acks. A bare negative length is read as a transport error too.
type full struct {
	framer
	wseq, rseq uint32
}

func (c *full) Protocol() Protocol { return Full }

func (c *full) WriteFrame(payload []byte) error {
	if err := c.checkPayload(len(payload)); err != nil {
		return err
	}
	head := c.whead[:8]
	binary.LittleEndian.PutUint32(head[0:], uint32(len(payload)+fullOverhead))
	binary.LittleEndian.PutUint32(head[4:], c.wseq)
	sum := crc32.Update(crc32.ChecksumIEEE(head), crc32.IEEETable, payload)
	binary.LittleEndian.PutUint32(c.wtail[:4], sum)
	if err := c.send(head, payload, c.wtail[:4]); err != nil {
		return err
	}
	c.wseq++
	return nil
}

func (c *full) WriteFrameQuickAck([]byte) error {
	return fmt.Errorf("transport: full has no quick acks: %w", errors.ErrUnsupported)
}

func (c *full) WriteQuickAck(uint32) error {
	return fmt.Errorf("transport: full has no quick acks: %w", errors.ErrUnsupported)
}

func (c *full) WriteError(code int32) error {
	p, err := c.errorPayload(code)
	if err != nil {
		return err
	}
	return c.WriteFrame(p)
}

func (c *full) ReadFrame(buf []byte) (Frame, error) {
	head := c.rhead[:8]
	if err := c.readHead(head[:4]); err != nil {
		return Frame{}, err
	}
	total := int32(binary.LittleEndian.Uint32(head))
	if total < 0 && !c.server {
		return Frame{}, &ProtocolError{Code: total}
	}
	if total < fullOverhead {
		return Frame{}, fmt.Errorf("transport: full frame length %d: %w", total, ErrBadLength)
	}
	n := int64(total) - fullOverhead
	if err := c.checkSize(n); err != nil {
		return Frame{}, err
	}
	if err := c.readRest(head[4:8]); err != nil {
		return Frame{}, err
	}
	p, err := c.readPayload(buf, int(n))
	if err != nil {
		return Frame{}, err
	}
	tail := c.rhead[8:12]
	if err := c.readRest(tail); err != nil {
		return Frame{}, err
	}
	want := crc32.Update(crc32.ChecksumIEEE(head), crc32.IEEETable, p)
	if got := binary.LittleEndian.Uint32(tail); got != want {
		return Frame{}, &CRCError{Got: got, Want: want}
	}
	if seq := binary.LittleEndian.Uint32(head[4:]); seq != c.rseq {
		return Frame{}, &SeqError{Got: seq, Want: c.rseq}
	}
	c.rseq++
	if err := c.errorCode(p); err != nil {
		return Frame{}, err
	}
	return Frame{Payload: p}, nil
}
