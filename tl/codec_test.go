package tl

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math"
	"strings"
	"testing"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Primitive encodings. Sources, as cited in ../shared/vectors/tl_serialization.json:
// grammers grammers-tl-types/src/serialize.rs (commit fa7692e4) doc tests,
// gotd bin tests and mtcute packages/tl-runtime/src/writer.test.ts (commit 42538c29).
var primitiveVectors = []struct {
	name  string
	write func(*Buffer)
	read  func(*Decoder) any
	want  any
	hex   string
}{
	{"Bool true (grammers)", func(b *Buffer) { b.Bool(true) }, func(d *Decoder) any { return d.Bool() }, true, "b5757299"},
	{"Bool false (grammers)", func(b *Buffer) { b.Bool(false) }, func(d *Decoder) any { return d.Bool() }, false, "379779bc"},
	{"int 0", func(b *Buffer) { b.Int32(0) }, func(d *Decoder) any { return d.Int32() }, int32(0), "00000000"},
	{"int 1", func(b *Buffer) { b.Int32(1) }, func(d *Decoder) any { return d.Int32() }, int32(1), "01000000"},
	{"int -1", func(b *Buffer) { b.Int32(-1) }, func(d *Decoder) any { return d.Int32() }, int32(-1), "ffffffff"},
	{"int max", func(b *Buffer) { b.Int32(math.MaxInt32) }, func(d *Decoder) any { return d.Int32() }, int32(math.MaxInt32), "ffffff7f"},
	{"int min", func(b *Buffer) { b.Int32(math.MinInt32) }, func(d *Decoder) any { return d.Int32() }, int32(math.MinInt32), "00000080"},
	{"int 67305985 (mtcute)", func(b *Buffer) { b.Int32(67305985) }, func(d *Decoder) any { return d.Int32() }, int32(67305985), "01020304"},
	{"uint max", func(b *Buffer) { b.Uint32(math.MaxUint32) }, func(d *Decoder) any { return d.Uint32() }, uint32(math.MaxUint32), "ffffffff"},
	{"long 0", func(b *Buffer) { b.Int64(0) }, func(d *Decoder) any { return d.Int64() }, int64(0), "0000000000000000"},
	{"long 1", func(b *Buffer) { b.Int64(1) }, func(d *Decoder) any { return d.Int64() }, int64(1), "0100000000000000"},
	{"long -1", func(b *Buffer) { b.Int64(-1) }, func(d *Decoder) any { return d.Int64() }, int64(-1), "ffffffffffffffff"},
	{"long max", func(b *Buffer) { b.Int64(math.MaxInt64) }, func(d *Decoder) any { return d.Int64() }, int64(math.MaxInt64), "ffffffffffffff7f"},
	{"long min", func(b *Buffer) { b.Int64(math.MinInt64) }, func(d *Decoder) any { return d.Int64() }, int64(math.MinInt64), "0000000000000080"},
	{"long (mtcute)", func(b *Buffer) { b.Int64(8671175386481439762) }, func(d *Decoder) any { return d.Int64() }, int64(8671175386481439762), "1234567812345678"},
	{"long negative (mtcute)", func(b *Buffer) { b.Int64(-6700480189419895787) }, func(d *Decoder) any { return d.Int64() }, int64(-6700480189419895787), "15c415b5c41c03a3"},
	{"double 0", func(b *Buffer) { b.Double(0) }, func(d *Decoder) any { return d.Double() }, 0.0, "0000000000000000"},
	{"double 1.5", func(b *Buffer) { b.Double(1.5) }, func(d *Decoder) any { return d.Double() }, 1.5, "000000000000f83f"},
	{"double -1.5", func(b *Buffer) { b.Double(-1.5) }, func(d *Decoder) any { return d.Double() }, -1.5, "000000000000f8bf"},
	{"double +inf", func(b *Buffer) { b.Double(math.Inf(1)) }, func(d *Decoder) any { return d.Double() }, math.Inf(1), "000000000000f07f"},
	{"double -inf", func(b *Buffer) { b.Double(math.Inf(-1)) }, func(d *Decoder) any { return d.Double() }, math.Inf(-1), "000000000000f0ff"},
	{"double 1 (mtcute)", func(b *Buffer) { b.Double(1) }, func(d *Decoder) any { return d.Double() }, 1.0, "000000000000f03f"},
	{"double 10.5 (mtcute)", func(b *Buffer) { b.Double(10.5) }, func(d *Decoder) any { return d.Double() }, 10.5, "0000000000002540"},
	{"double 8.8 (mtcute)", func(b *Buffer) { b.Double(8.8) }, func(d *Decoder) any { return d.Double() }, 8.8, "9a99999999992140"},
	{"string test (mtcute)", func(b *Buffer) { b.String("test") }, func(d *Decoder) any { return d.String() }, "test", "0474657374000000"},
	{"bytes empty (grammers)", func(b *Buffer) { b.Bytes([]byte{}) }, func(d *Decoder) any { return string(d.Bytes()) }, "", "00000000"},
	{"bytes 7f (grammers)", func(b *Buffer) { b.Bytes([]byte{0x7f}) }, func(d *Decoder) any { return string(d.Bytes()) }, "\x7f", "017f0000"},
	{"bytes 010203 (mtcute)", func(b *Buffer) { b.Bytes([]byte{1, 2, 3}) }, func(d *Decoder) any { return string(d.Bytes()) }, "\x01\x02\x03", "03010203"},
	{"bytes 01020304 (mtcute)", func(b *Buffer) { b.Bytes([]byte{1, 2, 3, 4}) }, func(d *Decoder) any { return string(d.Bytes()) }, "\x01\x02\x03\x04", "0401020304000000"},
	{"Vector<int> empty (grammers)", func(b *Buffer) { b.VectorHeader(0) }, func(d *Decoder) any { return len(d.Int32Vector()) }, 0, "15c4b51c00000000"},
	{"Vector<int> [0x7f] (grammers)", func(b *Buffer) { b.VectorHeader(1); b.Int32(0x7f) }, func(d *Decoder) any { return d.Int32Vector()[0] }, int32(0x7f), "15c4b51c010000007f000000"},
	{"vector<int> empty (grammers)", func(b *Buffer) { b.Int32(0) }, func(d *Decoder) any { return d.BareVectorLen(4) }, 0, "00000000"},
	{"vector<int> [0x7f] (grammers)", func(b *Buffer) { b.Int32(1); b.Int32(0x7f) }, func(d *Decoder) any { d.BareVectorLen(4); return d.Int32() }, int32(0x7f), "010000007f000000"},
}

func TestPrimitiveVectors(t *testing.T) {
	for _, tc := range primitiveVectors {
		var b Buffer
		tc.write(&b)
		if got := hex.EncodeToString(b.Buf); got != tc.hex {
			t.Errorf("%s: encoded %s, want %s", tc.name, got, tc.hex)
		}
		d := NewDecoder(unhex(t, tc.hex))
		got := tc.read(d)
		if err := d.End(); err != nil {
			t.Errorf("%s: decode: %v", tc.name, err)
		}
		if got != tc.want {
			t.Errorf("%s: decoded %v, want %v", tc.name, got, tc.want)
		}
	}
}

// String encodings with their padding, from Telethon v2
// client/tests/serializable_test.py (commit f15af530) test_string, the same
// table as grammers' String doc test.
func TestStringVectors(t *testing.T) {
	long := "This is a very long string, and it has to be longer than 253 characters, which are quite a few but we can make it! Although, it is quite challenging. The quick brown fox jumps over the lazy fox. There is still some more text we need to type. Oh, this sentence made it past!"
	cases := []struct{ s, hex string }{
		{"", "00000000"},
		{"Hi", "02486900"},
		{"Hi!", "03486921"},
		{"Hello", "0548656c6c6f0000"},
		{"Hello, world!", "0d48656c6c6f2c20776f726c64210000"},
		{long, "fe110100" + hex.EncodeToString([]byte(long)) + "000000"},
	}
	for _, tc := range cases {
		var b Buffer
		b.String(tc.s)
		if got := hex.EncodeToString(b.Buf); got != tc.hex {
			t.Errorf("%.20q: encoded %s, want %s", tc.s, got, tc.hex)
		}
		d := NewDecoder(b.Buf)
		if got := d.String(); got != tc.s || d.End() != nil {
			t.Errorf("%.20q: decoded %.20q (%v)", tc.s, got, d.Err())
		}
	}
	// Every length around the 253/254 boundary and the padding rule.
	for n := 0; n < 1100; n++ {
		var b Buffer
		s := strings.Repeat("x", n)
		b.String(s)
		if len(b.Buf)%4 != 0 {
			t.Fatalf("len %d: encoded length %d not a multiple of 4", n, len(b.Buf))
		}
		d := NewDecoder(b.Buf)
		if got := d.String(); got != s || d.End() != nil {
			t.Fatalf("len %d: round trip failed: %v", n, d.Err())
		}
	}
}

func TestEncodeZeroAlloc(t *testing.T) {
	var b Buffer
	b.Buf = make([]byte, 0, 1024)
	allocs := testing.AllocsPerRun(100, func() {
		b.Reset()
		b.Int32(1)
		b.Int64(2)
		b.String("hello")
		b.Bytes([]byte{1, 2, 3})
		b.VectorHeader(2)
		b.Int64(3)
		b.Int64(4)
	})
	if allocs != 0 {
		t.Errorf("encoding into a warm buffer allocated %v times", allocs)
	}
}

func TestMalformedInput(t *testing.T) {
	cases := []struct {
		name string
		read func(*Decoder)
		in   string
		kind ErrorKind
		at   int
	}{
		{"empty int", func(d *Decoder) { d.Int32() }, "", ErrTruncated, 0},
		{"short long", func(d *Decoder) { d.Int64() }, "01020304", ErrTruncated, 0},
		{"short int128", func(d *Decoder) { d.Int128() }, "0102", ErrTruncated, 0},
		{"string past end", func(d *Decoder) { _ = d.String() }, "05414243", ErrTruncated, 0},
		{"long string past end", func(d *Decoder) { _ = d.String() }, "fe000100" + strings.Repeat("41", 16), ErrTruncated, 0},
		{"string prefix 0xff", func(d *Decoder) { _ = d.String() }, "ff000000", ErrBadLength, 0},
		{"string missing padding", func(d *Decoder) { _ = d.String() }, "0141", ErrTruncated, 0},
		{"huge vector count", func(d *Decoder) { d.Int64Vector() }, "15c4b51cffffff7f0000000000000000", ErrBadLength, 4},
		{"negative vector count", func(d *Decoder) { d.Int32Vector() }, "15c4b51cffffffff", ErrBadLength, 4},
		{"vector count beyond input", func(d *Decoder) { d.Int64Vector() }, "15c4b51c020000000100000000000000", ErrBadLength, 4},
		{"not a vector", func(d *Decoder) { d.Int32Vector() }, "deadbeef00000000", ErrUnexpectedID, 0},
		{"not a Bool", func(d *Decoder) { d.Bool() }, "01000000", ErrUnexpectedID, 0},
		{"trailing", func(d *Decoder) { d.Int32(); d.End() }, "0100000002", ErrTrailing, 4},
		{"bad gzip", func(d *Decoder) { d.ID() }, "a1cf7230" + "0401020304000000", ErrGzip, 0},
		{"object not registered", func(d *Decoder) { DecodeObject(d) }, "efbeadde", ErrUnexpectedID, 0},
	}
	for _, tc := range cases {
		d := NewDecoder(unhex(t, tc.in))
		tc.read(d)
		var de *DecodeError
		if !errors.As(d.Err(), &de) {
			t.Errorf("%s: got error %v, want a *DecodeError", tc.name, d.Err())
			continue
		}
		if de.Kind != tc.kind || de.Offset != tc.at {
			t.Errorf("%s: got %v (kind %v at %d), want kind %v at %d", tc.name, de, de.Kind, de.Offset, tc.kind, tc.at)
		}
		// After a failure every read returns zero values.
		if d.Int64() != 0 || d.String() != "" || d.Remaining() != 0 {
			t.Errorf("%s: reads after failure returned data", tc.name)
		}
	}
}

func TestVectorAllocationBounded(t *testing.T) {
	// A count claiming 2^31-1 elements in a 12-byte input must fail before
	// allocating for them.
	in := unhex(t, "15c4b51cffffff7f00000000")
	allocs := testing.AllocsPerRun(10, func() {
		d := NewDecoder(in)
		if v := d.Int64Vector(); len(v) != 0 {
			t.Fatal("decoded elements from nothing")
		}
	})
	if allocs > 4 {
		t.Errorf("%v allocations for a hostile vector header", allocs)
	}
}

func TestGzipTransparent(t *testing.T) {
	var inner Buffer
	inner.ID(0x11223344)
	inner.Int32(7)
	var b Buffer
	b.ID(GzipPackedID)
	b.Bytes(Gzip(inner.Buf))
	b.Int32(99) // data after the packed object
	d := NewDecoder(b.Buf)
	if id := d.ID(); id != 0x11223344 {
		t.Fatalf("id = %#x", id)
	}
	d.Enter()
	if v := d.Int32(); v != 7 {
		t.Fatalf("inner value %d", v)
	}
	d.Leave()
	if v := d.Int32(); v != 99 {
		t.Fatalf("outer value after gzip %d (err %v)", v, d.Err())
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
}

func TestGzipBomb(t *testing.T) {
	bomb := Gzip(bytes.Repeat([]byte{0}, MaxGzipSize+4))
	var b Buffer
	b.ID(GzipPackedID)
	b.Bytes(bomb)
	d := NewDecoder(b.Buf)
	d.ID()
	var de *DecodeError
	if !errors.As(d.Err(), &de) || de.Kind != ErrGzip {
		t.Fatalf("got %v, want a gzip error", d.Err())
	}
	if _, err := Gunzip(bomb, 1024); !errors.Is(err, ErrGzipTooLarge) {
		t.Fatalf("Gunzip: got %v, want ErrGzipTooLarge", err)
	}
}

func TestDepthLimit(t *testing.T) {
	d := NewDecoder(nil)
	for i := 0; i < MaxDepth; i++ {
		if !d.Enter() {
			t.Fatalf("Enter failed at depth %d", i)
		}
	}
	if d.Enter() {
		t.Fatal("Enter beyond MaxDepth succeeded")
	}
	if !errors.Is(d.Err(), ErrIsDepth) {
		t.Fatalf("got %v, want a depth error", d.Err())
	}
}

// TestSkip: Skip consumes exactly n bytes, and a length beyond the input
// or below zero is a truncation error that stops decoding.
func TestSkip(t *testing.T) {
	for _, c := range []struct {
		n, after int // bytes skipped; Remaining after (-1: error)
	}{{0, 8}, {4, 4}, {8, 0}, {9, -1}, {-1, -1}} {
		d := NewDecoder(make([]byte, 8))
		d.Skip(c.n)
		if c.after < 0 {
			if !errors.Is(d.Err(), ErrIsTruncated) || d.Remaining() != 0 {
				t.Errorf("Skip(%d): err %v, remaining %d; want a truncation", c.n, d.Err(), d.Remaining())
			}
			continue
		}
		if d.Err() != nil || d.Remaining() != c.after {
			t.Errorf("Skip(%d): err %v, remaining %d; want %d", c.n, d.Err(), d.Remaining(), c.after)
		}
	}
}
