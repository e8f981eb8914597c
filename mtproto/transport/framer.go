package transport

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

const (
	maxAbridged     = 0xffffff * 4 // 3-byte length in words
	maxIntermediate = 1<<31 - 1    // bit 31 is the quick-ack flag
	maxPadding      = 15

	// coalesceLimit is the largest payload copied next to its header so the
	// frame leaves in one Write; larger payloads are written in place.
	coalesceLimit = 32 << 10
)

// framer holds what every codec shares: the stream, the side, the limits and
// scratch space reused by every frame.
type framer struct {
	r         io.Reader
	w         io.Writer
	server    bool
	max       int
	rand      io.Reader
	unaligned bool
	proto     Protocol

	tag   []byte // client tag still to send before the first frame
	rhead [12]byte
	whead [8]byte
	wtail [16]byte
	wbuf  []byte
	word  [4]byte
}

// checkPayload validates an outgoing payload's length.
func (f *framer) checkPayload(n int) error {
	if n > f.max {
		return &FrameSizeError{Size: int64(n), Max: f.max}
	}
	if n%4 != 0 && !f.unaligned {
		return fmt.Errorf("transport: writing %s payload of %d bytes: %w", f.proto, n, ErrBadLength)
	}
	return nil
}

// checkSize validates an announced incoming payload size before any
// allocation.
func (f *framer) checkSize(n int64) error {
	if n > int64(f.max) {
		return &FrameSizeError{Size: n, Max: f.max}
	}
	if n%4 != 0 && !f.unaligned {
		return fmt.Errorf("transport: reading %s frame of %d bytes: %w", f.proto, n, ErrBadLength)
	}
	return nil
}

// send writes the pending tag, head, body and tail as one frame: in a single
// Write when the body is small, else piece by piece without copying it.
func (f *framer) send(head, body, tail []byte) error {
	if len(body) <= coalesceLimit {
		n := len(f.tag) + len(head) + len(body) + len(tail)
		if cap(f.wbuf) < n {
			f.wbuf = make([]byte, 0, max(n, 256))
		}
		b := append(f.wbuf[:0], f.tag...)
		b = append(b, head...)
		b = append(b, body...)
		b = append(b, tail...)
		f.wbuf = b
		return f.write(b)
	}
	for _, p := range [...][]byte{f.tag, head, body, tail} {
		if len(p) == 0 {
			continue
		}
		if err := f.write(p); err != nil {
			return err
		}
	}
	return nil
}

func (f *framer) write(p []byte) error {
	if _, err := f.w.Write(p); err != nil {
		return fmt.Errorf("transport: writing %s frame: %w", f.proto, err)
	}
	f.tag = nil
	return nil
}

// readHead reads the first bytes of a frame. io.EOF before the first byte is
// a clean end of stream and is returned as is.
func (f *framer) readHead(p []byte) error {
	n, err := io.ReadFull(f.r, p)
	if err == io.EOF && n == 0 {
		return io.EOF
	}
	return f.readErr(err)
}

// readRest reads bytes inside a frame, where any end of stream is a
// truncation.
func (f *framer) readRest(p []byte) error {
	_, err := io.ReadFull(f.r, p)
	return f.readErr(err)
}

func (f *framer) readErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("transport: %s frame truncated: %w", f.proto, io.ErrUnexpectedEOF)
	}
	return fmt.Errorf("transport: reading %s frame: %w", f.proto, err)
}

// readPayload reads n bytes (already checked against the limit) into buf,
// allocating only when buf is too small.
func (f *framer) readPayload(buf []byte, n int) ([]byte, error) {
	if cap(buf) >= n {
		buf = buf[:n]
	} else {
		buf = make([]byte, n)
	}
	if err := f.readRest(buf); err != nil {
		return nil, err
	}
	return buf, nil
}

// errorCode reports whether payload is a transport error: exactly 4 bytes
// holding a negative int32. Only the client side looks.
func (f *framer) errorCode(payload []byte) error {
	if f.server || len(payload) != 4 {
		return nil
	}
	if code := int32(binary.LittleEndian.Uint32(payload)); code < 0 {
		return &ProtocolError{Code: code}
	}
	return nil
}

// errorPayload returns the 4-byte payload of transport error code.
func (f *framer) errorPayload(code int32) ([]byte, error) {
	if !f.server {
		return nil, fmt.Errorf("transport: client sending error %d: %w", code, ErrWrongSide)
	}
	if code > 0 {
		code = -code
	}
	binary.LittleEndian.PutUint32(f.word[:], uint32(code))
	return f.word[:], nil
}

func (f *framer) wrongSide(op string) error {
	return fmt.Errorf("transport: %s: %w", op, ErrWrongSide)
}
