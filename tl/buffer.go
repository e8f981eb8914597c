package tl

import (
	"encoding/binary"
	"math"
)

// A Buffer accumulates the TL encoding of values. It is reusable: Reset keeps
// the allocated memory, so encoding into a warm Buffer does not allocate.
//
// Encoding cannot fail on bad input except for one case — a required object
// field left nil — which is recorded and reported by Err, like bufio.Writer.
type Buffer struct {
	Buf []byte
	err error
}

// Reset empties the buffer and clears its error, keeping its memory.
func (b *Buffer) Reset() { b.Buf, b.err = b.Buf[:0], nil }

// Len returns the number of bytes written.
func (b *Buffer) Len() int { return len(b.Buf) }

// Err returns the first encoding error, if any.
func (b *Buffer) Err() error { return b.err }

// Fail records err unless an earlier error is already recorded.
func (b *Buffer) Fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// ID writes a constructor id.
func (b *Buffer) ID(id uint32) { b.Buf = binary.LittleEndian.AppendUint32(b.Buf, id) }

// Uint32 writes a 32-bit unsigned integer (also used for "#" bit fields).
func (b *Buffer) Uint32(v uint32) { b.Buf = binary.LittleEndian.AppendUint32(b.Buf, v) }

// Int32 writes "int".
func (b *Buffer) Int32(v int32) { b.Buf = binary.LittleEndian.AppendUint32(b.Buf, uint32(v)) }

// Int64 writes "long".
func (b *Buffer) Int64(v int64) { b.Buf = binary.LittleEndian.AppendUint64(b.Buf, uint64(v)) }

// Double writes "double".
func (b *Buffer) Double(v float64) {
	b.Buf = binary.LittleEndian.AppendUint64(b.Buf, math.Float64bits(v))
}

// Bool writes a boxed Bool (boolTrue or boolFalse).
func (b *Buffer) Bool(v bool) {
	if v {
		b.ID(BoolTrueID)
	} else {
		b.ID(BoolFalseID)
	}
}

// Int128 writes "int128" in wire order.
func (b *Buffer) Int128(v Int128) { b.Buf = append(b.Buf, v[:]...) }

// Int256 writes "int256" in wire order.
func (b *Buffer) Int256(v Int256) { b.Buf = append(b.Buf, v[:]...) }

// String writes "string": a length prefix, the bytes and zero padding to a
// multiple of four.
func (b *Buffer) String(s string) {
	b.header(len(s))
	b.Buf = append(b.Buf, s...)
	b.pad(len(s))
}

// Bytes writes "bytes"; the encoding is that of string.
func (b *Buffer) Bytes(v []byte) {
	b.header(len(v))
	b.Buf = append(b.Buf, v...)
	b.pad(len(v))
}

func (b *Buffer) header(n int) {
	if n <= 253 {
		b.Buf = append(b.Buf, byte(n))
	} else {
		b.Buf = append(b.Buf, 254, byte(n), byte(n>>8), byte(n>>16))
	}
}

func (b *Buffer) pad(n int) {
	if n <= 253 {
		n++
	}
	for ; n%4 != 0; n++ {
		b.Buf = append(b.Buf, 0)
	}
}

// VectorHeader writes the boxed vector id and the element count.
func (b *Buffer) VectorHeader(n int) {
	b.ID(VectorID)
	b.Int32(int32(n))
}

// Raw appends already-encoded bytes.
func (b *Buffer) Raw(p []byte) { b.Buf = append(b.Buf, p...) }

// Object writes o boxed: its constructor id, then its fields. A nil o records
// a *NilFieldError naming field.
func (b *Buffer) Object(o Object, field string) {
	if o == nil {
		b.Fail(&NilFieldError{Field: field})
		return
	}
	b.ID(o.TypeID())
	o.EncodeBare(b)
}
