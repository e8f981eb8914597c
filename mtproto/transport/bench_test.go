package transport

import (
	"bufio"
	"crypto/cipher"
	"fmt"
	"hash/crc32"
	"io"
	"net"
	"testing"
)

var benchSizes = []int{1 << 10, 512 << 10}

func sizeName(n int) string {
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

func shortName(p Protocol) string {
	return map[Protocol]string{Abridged: "abridged", Intermediate: "intermediate", PaddedIntermediate: "padded", Full: "full"}[p]
}

// loopReader replays data forever.
type loopReader struct {
	data []byte
	off  int
}

func (r *loopReader) Read(p []byte) (int, error) {
	if r.off == len(r.data) {
		r.off = 0
	}
	n := copy(p, r.data[r.off:])
	r.off += n
	return n, nil
}

// discardConn is a net.Conn that drops writes.
type discardConn struct{ bufConn }

func (c *discardConn) Write(p []byte) (int, error) { return len(p), nil }

func BenchmarkWriteFrame(b *testing.B) {
	for _, p := range protocols {
		for _, n := range benchSizes {
			b.Run(shortName(p)+"/"+sizeName(n), func(b *testing.B) {
				c := testCodec(b, p, false, false, nil, io.Discard, Options{})
				payload := make([]byte, n)
				b.SetBytes(int64(n))
				b.ReportAllocs()
				for b.Loop() {
					if err := c.WriteFrame(payload); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkReadFrame(b *testing.B) {
	for _, p := range protocols {
		for _, n := range benchSizes {
			b.Run(shortName(p)+"/"+sizeName(n), func(b *testing.B) {
				var wire bytesWriter
				w := testCodec(b, p, true, false, nil, &wire, Options{})
				if err := w.WriteFrame(counting(n)); err != nil {
					b.Fatal(err)
				}
				r := bufio.NewReaderSize(&loopReader{data: wire}, readBufferSize)
				c := testCodec(b, p, false, false, r, io.Discard, Options{})
				fc, _ := c.(*full)
				buf := make([]byte, 0, n+maxPadding)
				b.SetBytes(int64(n))
				b.ReportAllocs()
				for b.Loop() {
					if fc != nil {
						fc.rseq = 0 // the same frame comes round again
					}
					f, err := c.ReadFrame(buf)
					if err != nil || len(f.Payload) < n {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// bytesWriter collects writes.
type bytesWriter []byte

func (w *bytesWriter) Write(p []byte) (int, error) {
	*w = append(*w, p...)
	return len(p), nil
}

// BenchmarkObfuscated measures intermediate over obfuscated2. Reading
// includes the encryption of the replayed frames by the server's stream:
// compare with twice BenchmarkAESCTR.
func BenchmarkObfuscated(b *testing.B) {
	for _, n := range benchSizes {
		b.Run("write/"+sizeName(n), func(b *testing.B) {
			c, err := Client(&discardConn{}, ClientConfig{Obfuscated: true})
			if err != nil {
				b.Fatal(err)
			}
			payload := make([]byte, n)
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				if err := c.WriteFrame(payload); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("read/"+sizeName(n), func(b *testing.B) {
			var wire bytesWriter
			w := testCodec(b, Intermediate, true, false, nil, &wire, Options{})
			if err := w.WriteFrame(counting(n)); err != nil {
				b.Fatal(err)
			}
			init, err := newInit(zeroReaderNonZero{}, [4]byte{0xee, 0xee, 0xee, 0xee}, 0)
			if err != nil {
				b.Fatal(err)
			}
			header, _, dec := clientHeader(init, nil)
			_, _, serverEnc, _, err := serverHeader(header, nil)
			if err != nil {
				b.Fatal(err)
			}
			src := &encryptingReader{r: &loopReader{data: wire}, s: serverEnc}
			o := newObfuscated(bufio.NewReaderSize(src, readBufferSize), io.Discard, nil, dec, nil)
			c := testCodec(b, Intermediate, false, false, o, io.Discard, Options{})
			buf := make([]byte, 0, n)
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				if f, err := c.ReadFrame(buf); err != nil || len(f.Payload) != n {
					b.Fatal(err)
				}
			}
		})
	}
}

// zeroReaderNonZero yields 0x01 bytes: a valid, deterministic header.
type zeroReaderNonZero struct{}

func (zeroReaderNonZero) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 1
	}
	return len(p), nil
}

// encryptingReader encrypts what it reads, as the server would.
type encryptingReader struct {
	r io.Reader
	s cipher.Stream
}

func (e *encryptingReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	e.s.XORKeyStream(p[:n], p[:n])
	return n, err
}

// BenchmarkAESCTR is the baseline of obfuscated2: crypto/aes in CTR mode.
func BenchmarkAESCTR(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			s := newCTR([32]byte{1}, [16]byte{2})
			buf := make([]byte, n)
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				s.XORKeyStream(buf, buf)
			}
		})
	}
}

// BenchmarkCRC32 is the baseline of the full transport: hash/crc32.
func BenchmarkCRC32(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			buf := make([]byte, n)
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				crc32.ChecksumIEEE(buf)
			}
		})
	}
}

// BenchmarkConnTCP runs intermediate frames of 1 KiB both ways over TCP
// loopback, plain and obfuscated: a frame out and its echo back per op.
func BenchmarkConnTCP(b *testing.B) {
	for _, obf := range []bool{false, true} {
		name := "plain"
		if obf {
			name = "obfuscated"
		}
		b.Run(name, func(b *testing.B) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			defer ln.Close()
			go func() {
				conn, err := ln.Accept()
				if err != nil {
					return
				}
				defer conn.Close()
				c, err := Accept(conn)
				if err != nil {
					return
				}
				buf := make([]byte, 0, 2048)
				for {
					f, err := c.ReadFrame(buf)
					if err != nil || c.WriteFrame(f.Payload) != nil {
						return
					}
				}
			}()
			conn, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			c, err := Client(conn, ClientConfig{Obfuscated: obf})
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			payload := make([]byte, 1<<10)
			buf := make([]byte, 0, 2048)
			b.SetBytes(2 << 10)
			b.ReportAllocs()
			for b.Loop() {
				if err := c.WriteFrame(payload); err != nil {
					b.Fatal(err)
				}
				if _, err := c.ReadFrame(buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
