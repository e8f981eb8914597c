package tl

import (
	"encoding/binary"
	"math"
)

// Limits that keep a hostile input from costing more than it is worth.
const (
	// MaxDepth bounds the nesting of boxed objects.
	MaxDepth = 64
	// MaxGzipSize bounds the inflated size of one gzip_packed object.
	MaxGzipSize = 16 << 20
)

// A Decoder reads TL values from a byte slice. It never panics on malformed
// input: the first failure is recorded (with the byte offset where it
// happened), the rest of the input is considered consumed, and every later
// read returns a zero value, so generated code reads straight through and
// checks Err once at the end.
//
// Lengths read from the input are checked against the bytes that remain
// before anything is allocated, so a short input cannot make the decoder
// allocate much more than its own size (gzip_packed is bounded by
// MaxGzipSize).
type Decoder struct {
	buf   []byte
	off   int
	err   error
	depth int
	// outer holds the enclosing inputs while inflated gzip_packed data is
	// read.
	outer []frame
}

// A frame is the outer input saved while decoding inflated gzip_packed data.
type frame struct {
	buf   []byte
	off   int // where to continue after the gzip_packed object
	start int // where the gzip_packed object starts
	depth int
}

// NewDecoder returns a Decoder reading p.
func NewDecoder(p []byte) *Decoder { return &Decoder{buf: p} }

// Reset makes d read p from the start, clearing any error.
func (d *Decoder) Reset(p []byte) {
	*d = Decoder{buf: p, outer: d.outer[:0]}
}

// Err returns the first decoding error, or nil.
func (d *Decoder) Err() error { return d.err }

// Remaining returns the number of unread bytes of the current input.
func (d *Decoder) Remaining() int { return len(d.buf) - d.off }

// Rest returns the unread bytes (aliasing the input) without consuming them.
func (d *Decoder) Rest() []byte { return d.buf[d.off:] }

// Fail records an error at the current offset (unless one is recorded) and
// stops decoding.
func (d *Decoder) Fail(kind ErrorKind, detail string) {
	if d.err == nil {
		e := &DecodeError{Offset: d.off, GzipOffset: -1, Kind: kind, Detail: detail}
		if len(d.outer) > 0 {
			e.Offset, e.GzipOffset = d.outer[0].start, d.off
		}
		d.err = e
	}
	d.off = len(d.buf)
	d.outer = d.outer[:0]
}

func (d *Decoder) short(n int, what string) bool {
	if len(d.buf)-d.off >= n {
		return false
	}
	if d.err == nil {
		d.Fail(ErrTruncated, what)
	}
	return true
}

// Skip consumes n bytes without reading them (the body of a message in a
// container, whose length the container states).
func (d *Decoder) Skip(n int) {
	if n < 0 {
		d.Fail(ErrTruncated, "negative length")
		return
	}
	if d.short(n, "bytes") {
		return
	}
	d.off += n
}

// Uint32 reads a 32-bit unsigned integer ("#" bit fields).
func (d *Decoder) Uint32() uint32 {
	if d.short(4, "int") {
		return 0
	}
	v := binary.LittleEndian.Uint32(d.buf[d.off:])
	d.off += 4
	return v
}

// Int32 reads "int".
func (d *Decoder) Int32() int32 { return int32(d.Uint32()) }

// Int64 reads "long".
func (d *Decoder) Int64() int64 {
	if d.short(8, "long") {
		return 0
	}
	v := binary.LittleEndian.Uint64(d.buf[d.off:])
	d.off += 8
	return int64(v)
}

// Double reads "double".
func (d *Decoder) Double() float64 { return math.Float64frombits(uint64(d.Int64())) }

// Int128 reads "int128".
func (d *Decoder) Int128() (v Int128) {
	if d.short(16, "int128") {
		return v
	}
	d.off += copy(v[:], d.buf[d.off:])
	return v
}

// Int256 reads "int256".
func (d *Decoder) Int256() (v Int256) {
	if d.short(32, "int256") {
		return v
	}
	d.off += copy(v[:], d.buf[d.off:])
	return v
}

// Bool reads a boxed Bool.
func (d *Decoder) Bool() bool {
	switch id := d.Uint32(); id {
	case BoolTrueID:
		return true
	case BoolFalseID:
		return false
	default:
		if d.err == nil {
			d.off -= 4
			d.Fail(ErrUnexpectedID, "Bool: "+hexID(id))
		}
		return false
	}
}

// stringBytes reads the body of a string or bytes value, aliasing the input.
func (d *Decoder) stringBytes() []byte {
	if d.short(1, "string length") {
		return nil
	}
	n, head := int(d.buf[d.off]), 1
	if n == 254 {
		if d.short(4, "string length") {
			return nil
		}
		n, head = int(d.buf[d.off+1])|int(d.buf[d.off+2])<<8|int(d.buf[d.off+3])<<16, 4
	} else if n == 255 {
		d.Fail(ErrBadLength, "string length prefix 0xff")
		return nil
	}
	total := head + n
	total += (4 - total%4) % 4
	if len(d.buf)-d.off < total {
		if d.err == nil {
			d.Fail(ErrTruncated, "string of "+itoa(n)+" bytes")
		}
		return nil
	}
	p := d.buf[d.off+head : d.off+head+n]
	d.off += total
	return p
}

// String reads "string". The result does not alias the input.
func (d *Decoder) String() string { return string(d.stringBytes()) }

// Bytes reads "bytes" into a new slice (never nil, so that an empty value
// differs from an absent optional field).
func (d *Decoder) Bytes() []byte {
	p := d.stringBytes()
	if d.err != nil {
		return nil
	}
	return append(make([]byte, 0, len(p)), p...)
}

// BytesView reads "bytes" and returns a slice aliasing the input; it is
// valid as long as the input is.
func (d *Decoder) BytesView() []byte { return d.stringBytes() }

// VectorLen reads a boxed vector header and returns the element count. Each
// element takes at least minSize bytes (at least 1 is assumed), which bounds
// the count by the remaining input before anyone allocates for it.
func (d *Decoder) VectorLen(minSize int) int {
	if id := d.Uint32(); id != VectorID {
		if d.err == nil {
			d.off -= 4
			d.Fail(ErrUnexpectedID, "vector: "+hexID(id))
		}
		return 0
	}
	return d.BareVectorLen(minSize)
}

// BareVectorLen reads the element count of a bare vector; see VectorLen.
func (d *Decoder) BareVectorLen(minSize int) int {
	n := d.Int32()
	if minSize < 1 {
		minSize = 1
	}
	if n < 0 || int(n) > (len(d.buf)-d.off)/minSize {
		if d.err == nil {
			d.off -= 4
			d.Fail(ErrBadLength, "vector of "+itoa(int(n))+" elements in "+itoa(len(d.buf)-d.off-4)+" bytes")
		}
		return 0
	}
	return int(n)
}

// ID reads the constructor id of a boxed object. A gzip_packed object found
// here is inflated and decoding continues inside it transparently; the
// object it holds must be read between Enter and Leave, as generated code
// does. (Vectors and Bool are read with Uint32 and never unwrapped; see
// Gunzip for results that arrive packed.)
func (d *Decoder) ID() uint32 {
	id := d.Uint32()
	if id != GzipPackedID {
		return id
	}
	start := d.off - 4
	packed := d.stringBytes()
	if d.err != nil {
		return 0
	}
	if len(d.outer) >= 4 {
		d.Fail(ErrDepth, "gzip_packed nested too deeply")
		return 0
	}
	data, err := Gunzip(packed, MaxGzipSize)
	if err != nil {
		d.off = start
		d.Fail(ErrGzip, err.Error())
		return 0
	}
	if len(d.outer) > 0 {
		start = d.outer[0].start
	}
	d.outer = append(d.outer, frame{buf: d.buf, off: d.off, start: start, depth: d.depth})
	d.buf, d.off = data, 0
	return d.Uint32()
}

// Enter is called before the fields of a boxed object are read; it bounds
// the nesting depth. It returns false (with the error recorded) when the
// input nests too deeply.
func (d *Decoder) Enter() bool {
	d.depth++
	if d.depth > MaxDepth {
		d.Fail(ErrDepth, "objects nested deeper than "+itoa(MaxDepth))
		return false
	}
	return true
}

// Leave is called after the fields of a boxed object were read. When the
// object came from gzip_packed data, decoding returns to the outer input.
func (d *Decoder) Leave() {
	d.depth--
	for n := len(d.outer); n > 0 && d.outer[n-1].depth == d.depth; n-- {
		if d.err == nil && d.off != len(d.buf) {
			d.Fail(ErrTrailing, itoa(len(d.buf)-d.off)+" bytes after the object in gzip_packed")
			return
		}
		f := d.outer[n-1]
		d.outer = d.outer[:n-1]
		d.buf, d.off = f.buf, f.off
	}
}

// BadID records an unexpected constructor id for the type named want. The
// offset reported is that of the id.
func (d *Decoder) BadID(id uint32, want string) {
	if d.err == nil {
		d.off -= 4
		d.Fail(ErrUnexpectedID, want+": "+hexID(id))
	}
}

// End reports an error if input remains after a complete value.
func (d *Decoder) End() error {
	if d.err == nil && d.off != len(d.buf) {
		d.Fail(ErrTrailing, itoa(len(d.buf)-d.off)+" bytes after the value")
	}
	return d.err
}
