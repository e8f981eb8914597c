package tl

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// ErrGzipTooLarge is returned when gzip_packed data inflates beyond its limit.
var ErrGzipTooLarge = errors.New("tl: gzip_packed data inflates beyond the limit")

// Gunzip inflates gzip_packed data, refusing to produce more than limit
// bytes (a few hundred bytes of gzip can claim gigabytes).
func Gunzip(p []byte, limit int) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(p))
	if err != nil {
		return nil, fmt.Errorf("tl: gzip_packed: %w", err)
	}
	var out bytes.Buffer
	out.Grow(min(len(p)*4, limit))
	n, err := io.Copy(&out, io.LimitReader(zr, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("tl: gzip_packed: %w", err)
	}
	if n > int64(limit) {
		return nil, ErrGzipTooLarge
	}
	return out.Bytes(), nil
}

// Gzip compresses p for sending as gzip_packed.
func Gzip(p []byte) []byte {
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	zw.Write(p)
	zw.Close()
	return out.Bytes()
}

// UnwrapGzip returns p inflated if it holds a gzip_packed object, or p
// itself otherwise. It serves results whose type is not an object (vectors,
// Bool) which ID cannot unwrap on its own.
func UnwrapGzip(p []byte) ([]byte, error) {
	d := Decoder{buf: p}
	if d.Uint32() != GzipPackedID {
		return p, nil
	}
	packed := d.stringBytes()
	if err := d.End(); err != nil {
		return nil, err
	}
	return Gunzip(packed, MaxGzipSize)
}
