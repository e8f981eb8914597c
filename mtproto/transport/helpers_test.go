package transport

import (
	"bytes"
	"encoding/hex"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// unhex decodes a hex string, ignoring spaces.
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// counting returns n bytes i&0xff: the payloads of the grammers/Telethon tests.
func counting(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// bufConn is a net.Conn over fixed input that records its output.
type bufConn struct {
	r io.Reader
	w bytes.Buffer
}

func newBufConn(in []byte) *bufConn { return &bufConn{r: bytes.NewReader(in)} }

func (c *bufConn) Read(p []byte) (int, error)       { return c.r.Read(p) }
func (c *bufConn) Write(p []byte) (int, error)      { return c.w.Write(p) }
func (c *bufConn) Close() error                     { return nil }
func (c *bufConn) LocalAddr() net.Addr              { return nil }
func (c *bufConn) RemoteAddr() net.Addr             { return nil }
func (c *bufConn) SetDeadline(time.Time) error      { return nil }
func (c *bufConn) SetReadDeadline(time.Time) error  { return nil }
func (c *bufConn) SetWriteDeadline(time.Time) error { return nil }

// chunkReader returns its chunks one Read at a time, as a network would.
type chunkReader struct{ chunks [][]byte }

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.chunks[0])
	r.chunks[0] = r.chunks[0][n:]
	if len(r.chunks[0]) == 0 {
		r.chunks = r.chunks[1:]
	}
	return n, nil
}

// rw joins a reader and a writer.
type rw struct {
	io.Reader
	io.Writer
}

// testCodec builds a codec reading in and writing to out, with or without
// the client tag.
func testCodec(t testing.TB, p Protocol, server, tag bool, in io.Reader, out io.Writer, opts Options) Codec {
	t.Helper()
	var tg []byte
	if tag {
		tg = p.Tag()
	}
	c, err := newCodec(p, in, out, server, tg, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// zeroReader yields zero bytes: no padding, a deterministic random source.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
