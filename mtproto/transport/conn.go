package transport

import (
	"bufio"
	"fmt"
	"net"
)

// readBufferSize is the read buffer under each Conn: small headers come from
// it, large payloads bypass it.
const readBufferSize = 16 << 10

// A Conn is one framed MTProto connection: a Codec over a net.Conn, plain
// or obfuscated. It never reconnects; the layers above do. Deadlines are set
// on NetConn.
type Conn struct {
	Codec
	conn       net.Conn
	obfuscated bool
	dc         int16
}

// NetConn returns the underlying connection.
func (c *Conn) NetConn() net.Conn { return c.conn }

// Close closes the underlying connection.
func (c *Conn) Close() error { return c.conn.Close() }

// Obfuscated reports whether the connection uses obfuscated2.
func (c *Conn) Obfuscated() bool { return c.obfuscated }

// DC returns the DC id of the obfuscated2 header (see EncodeDC): on the
// client the configured one, on the server whatever bytes 60..61 hold, which
// only MTProxy clients fill. It is 0 on plain connections.
func (c *Conn) DC() int16 { return c.dc }

// ClientConfig chooses how a client frames a connection. The zero value
// means plain intermediate.
type ClientConfig struct {
	// Protocol is the framing; 0 means Intermediate. A padded Secret forces
	// PaddedIntermediate.
	Protocol Protocol

	// Obfuscated turns on obfuscated2; Full cannot be obfuscated.
	Obfuscated bool

	// Secret, when set, is an MTProxy secret: the connection is obfuscated
	// and keyed with it.
	Secret *Secret

	// DC is written into the obfuscated2 header when not 0, as MTProxy
	// needs (see EncodeDC). Direct connections leave it 0.
	DC int16

	Options
}

// Client returns the client side of a transport over conn. It does no I/O:
// the tag or obfuscated2 header leaves with the first frame.
func Client(conn net.Conn, cfg ClientConfig) (*Conn, error) {
	p := cfg.Protocol
	if p == 0 {
		p = Intermediate
	}
	var secret []byte
	if s := cfg.Secret; s != nil {
		switch s.Kind {
		case SecretSimple:
		case SecretPadded:
			p = PaddedIntermediate
		case SecretFakeTLS:
			return nil, ErrFakeTLS
		default:
			return nil, fmt.Errorf("%w: kind %d", ErrInvalidSecret, s.Kind)
		}
		secret = s.Key[:]
	}
	r := bufio.NewReaderSize(conn, readBufferSize)
	if !cfg.Obfuscated && secret == nil {
		codec, err := newCodec(p, r, conn, false, p.Tag(), cfg.Options)
		if err != nil {
			return nil, err
		}
		return &Conn{Codec: codec, conn: conn}, nil
	}
	tag, ok := p.obfuscatedTag()
	if !ok {
		return nil, fmt.Errorf("%w: %s cannot be obfuscated", ErrUnknownTransport, p)
	}
	init, err := newInit(cfg.rand(), tag, cfg.DC)
	if err != nil {
		return nil, err
	}
	header, enc, dec := clientHeader(init, secret)
	o := newObfuscated(r, conn, enc, dec, header[:])
	codec, err := newCodec(p, o, o, false, nil, cfg.Options)
	if err != nil {
		return nil, err
	}
	return &Conn{Codec: codec, conn: conn, obfuscated: true, dc: cfg.DC}, nil
}
