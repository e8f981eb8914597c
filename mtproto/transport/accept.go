package transport

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
)

// A Server accepts MTProto transports. The zero value accepts every plain
// and obfuscated transport without a secret.
type Server struct {
	// Secret, when set, makes the server an MTProxy: only obfuscated2
	// headers keyed with it are accepted. Its kind is not enforced.
	Secret *Secret

	Options
}

// Accept recognises the transport of conn with a zero Server.
func Accept(conn net.Conn) (*Conn, error) {
	var s Server
	return s.Accept(conn)
}

// Accept reads the first bytes of conn, recognises the transport and
// returns the server side of it. A plain client is recognised by its tag
// (abridged, intermediate, padded intermediate) or by a zero sequence number
// in bytes 4..8 (full); anything else is taken for an obfuscated2 header,
// which must decrypt to a known tag. HTTP and TLS openings are refused with
// ErrUnknownTransport. Accept blocks until the client has sent enough bytes:
// set a deadline on conn to bound it.
func (s *Server) Accept(conn net.Conn) (*Conn, error) {
	r := bufio.NewReaderSize(conn, readBufferSize)
	p, err := detect(r)
	if err != nil {
		return nil, err
	}
	if p != 0 {
		if s.Secret != nil {
			return nil, fmt.Errorf("%w: plain %s connection", ErrObfuscationRequired, p)
		}
		codec, err := newCodec(p, r, conn, true, nil, s.Options)
		if err != nil {
			return nil, err
		}
		return &Conn{Codec: codec, conn: conn}, nil
	}
	var header [headerLen]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, acceptErr(err)
	}
	var secret []byte
	if s.Secret != nil {
		if s.Secret.Kind == SecretFakeTLS {
			return nil, ErrFakeTLS
		}
		secret = s.Secret.Key[:]
	}
	p, dc, enc, dec, err := serverHeader(header, secret)
	if err != nil {
		return nil, err
	}
	o := newObfuscated(r, conn, enc, dec, nil)
	codec, err := newCodec(p, o, o, true, nil, s.Options)
	if err != nil {
		return nil, err
	}
	return &Conn{Codec: codec, conn: conn, obfuscated: true, dc: dc}, nil
}

// httpMethods are the openings of HTTP requests MTProto servers accept.
var httpMethods = [...]string{"HEAD", "POST", "GET ", "OPTI"}

// detect returns the plain protocol r starts with, consuming its tag, or 0
// for an obfuscated2 header, consuming nothing.
func detect(r *bufio.Reader) (Protocol, error) {
	b, err := r.Peek(1)
	if err != nil {
		return 0, acceptErr(err)
	}
	if b[0] == 0xef {
		r.Discard(1)
		return Abridged, nil
	}
	if b, err = r.Peek(4); err != nil {
		return 0, acceptErr(err)
	}
	switch {
	case bytes.Equal(b, []byte{0xee, 0xee, 0xee, 0xee}):
		r.Discard(4)
		return Intermediate, nil
	case bytes.Equal(b, []byte{0xdd, 0xdd, 0xdd, 0xdd}):
		r.Discard(4)
		return PaddedIntermediate, nil
	case bytes.Equal(b, []byte{0x16, 0x03, 0x01, 0x02}):
		return 0, fmt.Errorf("%w: TLS handshake (fake-TLS MTProxy is not supported)", ErrUnknownTransport)
	}
	for _, m := range httpMethods {
		if string(b) == m {
			return 0, fmt.Errorf("%w: HTTP request (the HTTP transport is not supported)", ErrUnknownTransport)
		}
	}
	if b, err = r.Peek(8); err != nil {
		return 0, acceptErr(err)
	}
	if bytes.Equal(b[4:8], []byte{0, 0, 0, 0}) {
		return Full, nil
	}
	return 0, nil
}

func acceptErr(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("transport: reading transport header: %w", err)
}
