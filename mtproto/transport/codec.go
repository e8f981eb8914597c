package transport

import (
	"crypto/rand"
	"fmt"
	"io"
)

// DefaultMaxFrameSize is the payload limit when Options.MaxFrameSize is 0:
// 16 MiB of message plus room for the MTProto envelope and its padding.
const DefaultMaxFrameSize = 16<<20 + 4096

// A Frame is one packet read by ReadFrame: a payload, or a quick ack.
type Frame struct {
	// Payload is the frame's payload; it aliases the buffer given to
	// ReadFrame when that was large enough. With the padded intermediate
	// transport it ends with the sender's 0..15 bytes of padding.
	Payload []byte

	// AckRequested reports that the client asked for a quick ack of Payload
	// (server side only).
	AckRequested bool

	// QuickAck reports that the frame is a quick ack from the server (client
	// side only); Token holds it and Payload is nil.
	QuickAck bool

	// Token is the quick-ack token: the first 4 bytes of the message's
	// msg_key_large read as a little-endian integer, with bit 31 set.
	Token uint32
}

// A Codec frames payloads on one side of one stream. Its methods never panic
// on any input and never allocate per frame once ReadFrame's buffer is large
// enough. One goroutine may read while another writes.
type Codec interface {
	// Protocol returns the framing the codec speaks.
	Protocol() Protocol

	// ReadFrame reads the next frame into buf, or into a new slice when buf
	// is too small, and returns it. It returns io.EOF when the stream ends
	// cleanly between frames, an error matching io.ErrUnexpectedEOF when it
	// ends inside one, and a *ProtocolError for a transport error. After any
	// other error the stream is unusable.
	ReadFrame(buf []byte) (Frame, error)

	// WriteFrame writes payload as one frame. The client side writes the
	// protocol tag before its first frame.
	WriteFrame(payload []byte) error

	// WriteFrameQuickAck writes payload as one frame and asks the server to
	// quick-ack it (client side; not supported by Full).
	WriteFrameQuickAck(payload []byte) error

	// WriteQuickAck sends a quick-ack token (server side; not supported by
	// Full). Bit 31 is always set on the wire, as the spec requires.
	WriteQuickAck(token uint32) error

	// WriteError sends a transport error such as CodeAuthKeyNotFound (server
	// side). A positive code is negated.
	WriteError(code int32) error
}

// Options tunes a codec. The zero value is ready to use.
type Options struct {
	// MaxFrameSize bounds a frame's payload in bytes; 0 means
	// DefaultMaxFrameSize. Abridged cannot exceed 64 MiB - 4 in any case.
	MaxFrameSize int

	// Rand supplies padding and obfuscated2 randomness; nil means
	// crypto/rand.Reader, and for padding a ChaCha8 stream seeded from it.
	Rand io.Reader

	// Unaligned lets intermediate, padded intermediate and full carry
	// payloads whose length is not a multiple of 4. MTProto never produces
	// them; some implementations' test suites do.
	Unaligned bool
}

func (o Options) max() int {
	if o.MaxFrameSize <= 0 {
		return DefaultMaxFrameSize
	}
	return o.MaxFrameSize
}

func (o Options) rand() io.Reader {
	if o.Rand == nil {
		return rand.Reader
	}
	return o.Rand
}

// NewClientCodec returns the client side of protocol p over rw. The protocol
// tag is sent with the first frame.
func NewClientCodec(p Protocol, rw io.ReadWriter, opts Options) (Codec, error) {
	return newCodec(p, rw, rw, false, p.Tag(), opts)
}

// NewServerCodec returns the server side of protocol p over rw, whose
// protocol tag has already been read (Accept does this).
func NewServerCodec(p Protocol, rw io.ReadWriter, opts Options) (Codec, error) {
	return newCodec(p, rw, rw, true, nil, opts)
}

func newCodec(p Protocol, r io.Reader, w io.Writer, server bool, tag []byte, opts Options) (Codec, error) {
	f := framer{
		r:         r,
		w:         w,
		server:    server,
		max:       opts.max(),
		rand:      opts.rand(),
		unaligned: opts.Unaligned,
		tag:       tag,
		proto:     p,
	}
	switch p {
	case Abridged:
		f.max = min(f.max, maxAbridged)
		f.unaligned = false
		return &abridged{f}, nil
	case Intermediate:
		f.max = min(f.max, maxIntermediate)
		return &intermediate{f}, nil
	case PaddedIntermediate:
		f.max = min(f.max, maxIntermediate-maxPadding)
		if opts.Rand == nil {
			f.rand = newPaddingSource()
		}
		return &padded{framer: f}, nil
	case Full:
		f.max = min(f.max, maxIntermediate-fullOverhead)
		return &full{framer: f}, nil
	}
	return nil, fmt.Errorf("%w: protocol %d", ErrUnknownTransport, p)
}
