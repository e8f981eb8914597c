package transport

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"
)

var protocols = []Protocol{Abridged, Intermediate, PaddedIntermediate, Full}

// encode returns the bytes a client side writes for payloads, without tag.
func encode(t *testing.T, p Protocol, payloads ...[]byte) []byte {
	t.Helper()
	var out bytes.Buffer
	c := testCodec(t, p, false, false, nil, &out, Options{Rand: zeroReader{}})
	for _, pl := range payloads {
		if err := c.WriteFrame(pl); err != nil {
			t.Fatal(err)
		}
	}
	return out.Bytes()
}

func TestFullBadSeqno(t *testing.T) {
	frame := encode(t, Full, counting(8))
	c := testCodec(t, Full, true, false, bytes.NewReader(cat(frame, frame)), io.Discard, Options{})
	if _, err := c.ReadFrame(nil); err != nil {
		t.Fatal(err)
	}
	_, err := c.ReadFrame(nil)
	var se *SeqError
	if !errors.As(err, &se) || se.Got != 0 || se.Want != 1 {
		t.Errorf("got %v, want SeqError{Got: 0, Want: 1}", err)
	}
}

func TestFullBadLength(t *testing.T) {
	for _, wire := range []string{
		"0b000000 00000000 00000000", // shorter than its own overhead
		"0e000000 00000000 0000 00000000",
	} {
		c := testCodec(t, Full, false, false, bytes.NewReader(unhex(t, wire)), io.Discard, Options{})
		if _, err := c.ReadFrame(nil); !errors.Is(err, ErrBadLength) {
			t.Errorf("%s: got %v, want ErrBadLength", wire, err)
		}
	}
	// Servers never see transport errors: a negative length is just bad.
	c := testCodec(t, Full, true, false, bytes.NewReader(unhex(t, "6cfeffff")), io.Discard, Options{})
	if _, err := c.ReadFrame(nil); !errors.Is(err, ErrBadLength) {
		t.Errorf("server: got %v, want ErrBadLength", err)
	}
}

func TestUnalignedRead(t *testing.T) {
	tests := []struct {
		p    Protocol
		wire string
	}{
		{Intermediate, "03000000 616263"},
		{Full, "0f000000 00000000 616263 00000000"},
	}
	for _, tt := range tests {
		c := testCodec(t, tt.p, true, false, bytes.NewReader(unhex(t, tt.wire)), io.Discard, Options{})
		if _, err := c.ReadFrame(nil); !errors.Is(err, ErrBadLength) {
			t.Errorf("%s: got %v, want ErrBadLength", tt.p, err)
		}
	}
}

func TestWriteLimits(t *testing.T) {
	for _, p := range protocols {
		c := testCodec(t, p, false, false, nil, io.Discard, Options{MaxFrameSize: 64})
		err := c.WriteFrame(make([]byte, 68))
		var fe *FrameSizeError
		if !errors.As(err, &fe) || fe.Size != 68 || fe.Max != 64 || !errors.Is(err, ErrFrameTooLarge) {
			t.Errorf("%s oversize: got %v, want FrameSizeError{68, 64}", p, err)
		}
		if err := c.WriteFrame(make([]byte, 6)); !errors.Is(err, ErrBadLength) {
			t.Errorf("%s unaligned: got %v, want ErrBadLength", p, err)
		}
	}
	c := testCodec(t, Abridged, false, false, nil, io.Discard, Options{Unaligned: true})
	if err := c.WriteFrame(make([]byte, 6)); !errors.Is(err, ErrBadLength) {
		t.Errorf("abridged cannot be unaligned: got %v, want ErrBadLength", err)
	}
}

// TestOversizeLength feeds length prefixes far above the limit and checks
// that ReadFrame refuses them without allocating for them.
func TestOversizeLength(t *testing.T) {
	tests := []struct {
		p      Protocol
		server bool
		wire   string
	}{
		{Abridged, true, "7fffffff"},           // 64 MiB - 4
		{Abridged, false, "7f000040"},          // 16 MiB
		{Intermediate, true, "ffffff7f"},       // 2 GiB - 1, with the ack bit
		{Intermediate, false, "00000070"},      // 1.75 GiB
		{PaddedIntermediate, true, "ffffffff"}, // 2 GiB - 1, with the ack bit
		{PaddedIntermediate, false, "00000080"},
		{Full, false, "ffffff7f 00000000"},
	}
	for _, tt := range tests {
		in := unhex(t, tt.wire)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c := testCodec(t, tt.p, tt.server, false, bytes.NewReader(in), io.Discard, Options{MaxFrameSize: 1 << 20})
		_, err := c.ReadFrame(nil)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrFrameTooLarge) {
			t.Errorf("%s %s: got %v, want ErrFrameTooLarge", tt.p, tt.wire, err)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
			t.Errorf("%s %s: allocated %d bytes", tt.p, tt.wire, n)
		}
	}
}

// TestTruncated cuts valid streams at every byte: io.EOF between frames,
// io.ErrUnexpectedEOF inside one.
func TestTruncated(t *testing.T) {
	for _, p := range protocols {
		for _, server := range []bool{false, true} {
			var out bytes.Buffer
			w := testCodec(t, p, !server, false, nil, &out, Options{Rand: zeroReader{}})
			var ends []int // offsets where a frame ends
			for _, n := range []int{0, 8, 200, 600} {
				if err := w.WriteFrame(counting(n)); err != nil {
					t.Fatal(err)
				}
				ends = append(ends, out.Len())
			}
			wire := out.Bytes()
			for cut := 0; cut < len(wire); cut++ {
				r := testCodec(t, p, server, false, bytes.NewReader(wire[:cut]), io.Discard, Options{})
				var err error
				for err == nil {
					_, err = r.ReadFrame(nil)
				}
				atEnd := cut == 0
				for _, e := range ends {
					atEnd = atEnd || cut == e
				}
				switch {
				case atEnd && err != io.EOF:
					t.Errorf("%s server=%v cut %d (frame end): got %v, want io.EOF", p, server, cut, err)
				case !atEnd && !errors.Is(err, io.ErrUnexpectedEOF):
					t.Errorf("%s server=%v cut %d: got %v, want io.ErrUnexpectedEOF", p, server, cut, err)
				}
			}
		}
	}
}

func TestWrongSide(t *testing.T) {
	for _, p := range []Protocol{Abridged, Intermediate, PaddedIntermediate} {
		client := testCodec(t, p, false, false, nil, io.Discard, Options{})
		server := testCodec(t, p, true, false, nil, io.Discard, Options{})
		for name, err := range map[string]error{
			"client WriteQuickAck":      client.WriteQuickAck(1),
			"client WriteError":         client.WriteError(-404),
			"server WriteFrameQuickAck": server.WriteFrameQuickAck(nil),
		} {
			if !errors.Is(err, ErrWrongSide) {
				t.Errorf("%s %s: got %v, want ErrWrongSide", p, name, err)
			}
		}
	}
}

// TestAbridgedQuickAckByteOrder: the abridged server sends the token
// byte-swapped, so its top bit leads (mtproto-transports#abridged).
func TestAbridgedQuickAckByteOrder(t *testing.T) {
	tests := []struct {
		p    Protocol
		wire string
	}{
		{Abridged, "8badf00d"},
		{Intermediate, "0df0ad8b"},
		{PaddedIntermediate, "08000000 ffffffff 0df0ad8b"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		c := testCodec(t, tt.p, true, false, nil, &out, Options{Rand: zeroReader{}})
		if err := c.WriteQuickAck(0x8badf00d); err != nil {
			t.Fatal(err)
		}
		if got, want := out.Bytes(), unhex(t, tt.wire); !bytes.Equal(got, want) {
			t.Errorf("%s: got %x, want %x", tt.p, got, want)
		}
	}
}

// TestPaddedEmptyPayload: padding alone is never read as an error or ack.
func TestPaddedEmptyPayload(t *testing.T) {
	var out bytes.Buffer
	w := testCodec(t, PaddedIntermediate, true, false, nil, &out, Options{})
	for range 500 {
		if err := w.WriteFrame(nil); err != nil {
			t.Fatal(err)
		}
	}
	r := testCodec(t, PaddedIntermediate, false, false, &out, io.Discard, Options{})
	for range 500 {
		if f, err := r.ReadFrame(nil); err != nil || f.QuickAck || len(f.Payload) > maxPadding {
			t.Fatalf("got %+v, %v; want up to 15 bytes of padding", f, err)
		}
	}
}

func TestClientConfigErrors(t *testing.T) {
	if _, err := Client(newBufConn(nil), ClientConfig{Protocol: Full, Obfuscated: true}); !errors.Is(err, ErrUnknownTransport) {
		t.Errorf("obfuscated full: got %v, want ErrUnknownTransport", err)
	}
	if _, err := Client(newBufConn(nil), ClientConfig{Protocol: 9}); !errors.Is(err, ErrUnknownTransport) {
		t.Errorf("protocol 9: got %v, want ErrUnknownTransport", err)
	}
	if _, err := Client(newBufConn(nil), ClientConfig{Secret: &Secret{}}); !errors.Is(err, ErrInvalidSecret) {
		t.Errorf("zero secret: got %v, want ErrInvalidSecret", err)
	}
}
