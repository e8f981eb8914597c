package transport

import (
	"errors"
	"fmt"
)

var (
	// ErrFrameTooLarge is matched (errors.Is) by every *FrameSizeError.
	ErrFrameTooLarge = errors.New("transport: frame too large")

	// ErrBadLength reports a frame length that is not a multiple of 4, or
	// shorter than the framing's own overhead.
	ErrBadLength = errors.New("transport: bad frame length")

	// ErrUnknownTransport reports that Accept could not recognise the first
	// bytes of a connection, or that an obfuscated2 header did not decrypt to
	// a known protocol tag (also the symptom of a wrong MTProxy secret).
	ErrUnknownTransport = errors.New("transport: unknown transport")

	// ErrObfuscationRequired reports a plain connection to a Server that has
	// a Secret and therefore only accepts obfuscated2.
	ErrObfuscationRequired = errors.New("transport: obfuscation required")

	// ErrWrongSide reports a call that only the other side of a connection
	// may make, such as a client sending a quick ack.
	ErrWrongSide = errors.New("transport: operation belongs to the other side")

	// ErrInvalidSecret reports an MTProxy secret of the wrong length or kind.
	ErrInvalidSecret = errors.New("transport: invalid MTProxy secret")

	// ErrFakeTLS reports an "ee" fake-TLS MTProxy secret, which this package
	// does not implement.
	ErrFakeTLS = errors.New("transport: fake-TLS (ee) MTProxy secrets are not supported")
)

// A FrameSizeError reports a frame larger than the configured limit. On
// reading, nothing has been allocated for it and the stream is out of sync.
type FrameSizeError struct {
	Size int64 // announced or requested payload size
	Max  int   // the limit
}

func (e *FrameSizeError) Error() string {
	return fmt.Sprintf("transport: frame of %d bytes exceeds the limit of %d", e.Size, e.Max)
}

// Is reports whether target is ErrFrameTooLarge.
func (e *FrameSizeError) Is(target error) bool { return target == ErrFrameTooLarge }

// A CRCError reports a full-transport frame whose CRC32 does not match its
// contents.
type CRCError struct {
	Got  uint32 // read from the frame
	Want uint32 // computed over length, sequence number and payload
}

func (e *CRCError) Error() string {
	return fmt.Sprintf("transport: full frame crc32 %#08x, want %#08x", e.Got, e.Want)
}

// A SeqError reports a full-transport frame out of sequence.
type SeqError struct {
	Got  uint32 // read from the frame
	Want uint32 // expected for this direction
}

func (e *SeqError) Error() string {
	return fmt.Sprintf("transport: full frame seqno %d, want %d", e.Got, e.Want)
}

// A ProtocolError is a transport error sent by the server: a 4-byte payload
// holding a negative little-endian int32. The frame was consumed whole, so the
// stream is still in sync, but servers usually close the connection after it.
type ProtocolError struct {
	Code int32 // negative, e.g. -404
}

// Transport error codes from core.telegram.org/mtproto/mtproto-transports#transport-errors.
const (
	CodeForbidden       int32 = -403 // what HTTP would answer with 403
	CodeAuthKeyNotFound int32 = -404 // auth key id unknown, or malformed MTProto fields
	CodeFlood           int32 = -429 // too many connections from one IP, or container limits
	CodeInvalidDC       int32 = -444 // invalid DC id (auth key creation, MTProxy)
)

func (e *ProtocolError) Error() string {
	return fmt.Sprintf("transport: server error %d (%s)", e.Code, e.text())
}

func (e *ProtocolError) text() string {
	switch e.Code {
	case CodeForbidden:
		return "forbidden"
	case CodeAuthKeyNotFound:
		return "auth key not found"
	case CodeFlood:
		return "transport flood"
	case CodeInvalidDC:
		return "invalid DC"
	}
	return "transport error"
}

// Retryable reports whether the same request may succeed on a new
// connection after a pause: true only for transport flood (-429).
func (e *ProtocolError) Retryable() bool { return e.Code == CodeFlood }
