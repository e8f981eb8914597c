package fileid

import (
	"encoding/binary"
	"strconv"
)

// A writer appends little-endian TL values.
type writer struct{ b []byte }

func (w *writer) int32(v int32) { w.b = binary.LittleEndian.AppendUint32(w.b, uint32(v)) }
func (w *writer) int64(v int64) { w.b = binary.LittleEndian.AppendUint64(w.b, uint64(v)) }

// bytes writes a TL string: a one-byte length, or 254 and a three-byte
// length, then the data, padded with zeros to a multiple of four.
func (w *writer) bytes(v []byte) {
	n := len(v)
	if n < 254 {
		w.b = append(w.b, byte(n))
	} else {
		w.b = append(w.b, 254, byte(n), byte(n>>8), byte(n>>16))
	}
	w.b = append(w.b, v...)
	for len(w.b)%4 != 0 {
		w.b = append(w.b, 0)
	}
}

// A reader reads little-endian TL values; after the first error it reads
// zeros and keeps that error.
type reader struct {
	b   []byte
	off int
	err *DecodeError
}

func (r *reader) fail(off int, err error, detail string) {
	if r.err == nil {
		r.err = &DecodeError{Offset: off, Err: err, Detail: detail}
	}
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b)-r.off < n {
		r.fail(r.off, ErrTruncated, "need "+strconv.Itoa(n)+" bytes, have "+strconv.Itoa(len(r.b)-r.off))
		return nil
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p
}

func (r *reader) int32() int32 {
	if p := r.take(4); p != nil {
		return int32(binary.LittleEndian.Uint32(p))
	}
	return 0
}

func (r *reader) int64() int64 {
	if p := r.take(8); p != nil {
		return int64(binary.LittleEndian.Uint64(p))
	}
	return 0
}

// bytes reads a TL string; the result is a copy.
func (r *reader) bytes() []byte {
	start := r.off
	p := r.take(1)
	if p == nil {
		return nil
	}
	n, head := int(p[0]), 1
	switch n {
	case 255:
		r.fail(start, ErrTruncated, "string length byte 255")
		return nil
	case 254:
		p = r.take(3)
		if p == nil {
			return nil
		}
		n, head = int(p[0])|int(p[1])<<8|int(p[2])<<16, 4
	}
	data := r.take(n)
	if data == nil {
		return nil
	}
	if pad := (4 - (head+n)%4) % 4; pad > 0 {
		r.take(pad)
	}
	return append([]byte{}, data...)
}
