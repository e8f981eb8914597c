package tl

import (
	"errors"
	"fmt"
	"strconv"
)

// An ErrorKind classifies a decoding failure.
type ErrorKind int

// The kinds of decoding failure.
const (
	ErrTruncated    ErrorKind = iota + 1 // the input ended inside a value
	ErrUnexpectedID                      // a constructor id that does not belong here
	ErrBadLength                         // a length or count the input cannot hold
	ErrDepth                             // objects nested beyond MaxDepth
	ErrGzip                              // gzip_packed data that does not inflate
	ErrTrailing                          // bytes left after a complete value
)

var kindNames = [...]string{
	ErrTruncated:    "truncated input",
	ErrUnexpectedID: "unexpected constructor",
	ErrBadLength:    "bad length",
	ErrDepth:        "nested too deeply",
	ErrGzip:         "bad gzip_packed",
	ErrTrailing:     "trailing bytes",
}

func (k ErrorKind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "decode error " + strconv.Itoa(int(k))
}

// A DecodeError says where and why decoding failed.
type DecodeError struct {
	// Offset is the byte offset in the input. Inside gzip_packed data it is
	// the offset of the (outermost) gzip_packed object, and GzipOffset is
	// the offset within the inflated bytes; otherwise GzipOffset is -1.
	Offset     int
	GzipOffset int
	Kind       ErrorKind
	Detail     string
}

func (e *DecodeError) Error() string {
	at := "at byte " + strconv.Itoa(e.Offset)
	if e.GzipOffset >= 0 {
		at += " (gzip_packed, inflated byte " + strconv.Itoa(e.GzipOffset) + ")"
	}
	return "tl: " + at + ": " + e.Reason()
}

// Reason says what went wrong, without the position.
func (e *DecodeError) Reason() string {
	if e.Detail == "" {
		return e.Kind.String()
	}
	return e.Kind.String() + ": " + e.Detail
}

// Is makes errors.Is(err, ErrTruncated) and the like work.
func (e *DecodeError) Is(target error) bool {
	var k kindError
	if errors.As(target, &k) {
		return ErrorKind(k) == e.Kind
	}
	return false
}

// kindError lets an ErrorKind be used as an errors.Is target.
type kindError ErrorKind

func (k kindError) Error() string { return ErrorKind(k).String() }

// Sentinels for errors.Is.
var (
	ErrIsTruncated    error = kindError(ErrTruncated)
	ErrIsUnexpectedID error = kindError(ErrUnexpectedID)
	ErrIsBadLength    error = kindError(ErrBadLength)
	ErrIsDepth        error = kindError(ErrDepth)
)

// A NilFieldError reports a required object field left nil when encoding.
type NilFieldError struct {
	Field string
}

func (e *NilFieldError) Error() string {
	return fmt.Sprintf("tl: required field %s is nil", e.Field)
}

func itoa(n int) string { return strconv.Itoa(n) }

func hexID(id uint32) string { return fmt.Sprintf("#%08x", id) }
