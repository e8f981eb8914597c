package storage

import (
	"encoding/binary"
	"fmt"
	"math"
)

// A decoder reads the fields of one record payload. The first failure is
// kept in err, with the file offset of the bad field, and every later read
// returns zero values; callers check err once at the end.
type decoder struct {
	b    []byte
	off  int
	base int64 // file offset of b[0]
	err  *CorruptError
}

func (d *decoder) failf(format string, args ...any) {
	if d.err == nil {
		d.err = &CorruptError{Offset: d.base + int64(d.off), Reason: fmt.Sprintf(format, args...)}
	}
	d.off = len(d.b)
}

func (d *decoder) remaining() int { return len(d.b) - d.off }

// uvarint reads a minimally encoded unsigned varint.
func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	switch {
	case n == 0:
		d.failf("truncated varint")
		return 0
	case n < 0:
		d.failf("varint overflows 64 bits")
		return 0
	case n > 1 && d.b[d.off+n-1] == 0:
		d.failf("varint not minimally encoded")
		return 0
	}
	d.off += n
	return v
}

// varint reads a zig-zag signed varint.
func (d *decoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (d *decoder) int32() int32 {
	at := d.off
	v := d.varint()
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.off = at
		d.failf("value %d out of int32 range", v)
		return 0
	}
	return int32(v)
}

// uint reads an unsigned varint of at most max.
func (d *decoder) uint(what string, max uint64) uint64 {
	at := d.off
	v := d.uvarint()
	if v > max {
		d.off = at
		d.failf("%s %d exceeds %d", what, v, max)
		return 0
	}
	return v
}

func (d *decoder) byte1() byte {
	if d.err != nil {
		return 0
	}
	if d.remaining() < 1 {
		d.failf("truncated")
		return 0
	}
	c := d.b[d.off]
	d.off++
	return c
}

func (d *decoder) bool() bool {
	c := d.byte1()
	if c > 1 {
		d.off--
		d.failf("bool byte %d", c)
		return false
	}
	return c == 1
}

func (d *decoder) uint64le() uint64 {
	if d.err != nil {
		return 0
	}
	if d.remaining() < 8 {
		d.failf("truncated")
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b[d.off:])
	d.off += 8
	return v
}

// bytes reads a length-prefixed byte string of at most max bytes. The
// result aliases the payload.
func (d *decoder) bytes(what string, max int) []byte {
	at := d.off
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(max) {
		d.off = at
		d.failf("%s length %d exceeds %d", what, n, max)
		return nil
	}
	if n > uint64(d.remaining()) {
		d.off = at
		d.failf("%s of %d bytes runs past the end of the record", what, n)
		return nil
	}
	b := d.b[d.off : d.off+int(n) : d.off+int(n)]
	d.off += int(n)
	return b
}

// blob is bytes copied out of the payload, nil when empty.
func (d *decoder) blob(what string, max int) []byte {
	b := d.bytes(what, max)
	if len(b) == 0 {
		return nil
	}
	return append([]byte(nil), b...)
}

func (d *decoder) string(what string, max int) string { return string(d.bytes(what, max)) }

// count reads an element count, checking that count elements of at least
// minSize bytes each fit in the rest of the payload.
func (d *decoder) count(what string, minSize int) int {
	at := d.off
	n := d.uvarint()
	if d.err == nil && n > uint64(d.remaining()/minSize) {
		d.off = at
		d.failf("%d %s cannot fit in the %d bytes left", n, what, d.remaining())
		return 0
	}
	return int(n)
}

// end fails unless the payload was consumed exactly.
func (d *decoder) end() {
	if d.err == nil && d.off != len(d.b) {
		d.failf("%d unexpected bytes at the end of the record", d.remaining())
	}
}

func appendUvarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func appendVarint(b []byte, v int64) []byte { return binary.AppendVarint(b, v) }

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendBytes(b, p []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(p))), p...)
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}
