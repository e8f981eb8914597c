package fileid

import (
	"errors"
	"fmt"
)

var (
	// ErrBase64 reports a string that is not URL-safe base64.
	ErrBase64 = errors.New("fileid: malformed base64")

	// ErrVersion reports a persistent id version other than 2 and 4. Version 3,
	// TDLib's remotely generated thumbnails, is not supported either.
	ErrVersion = errors.New("fileid: unsupported version")

	// ErrType reports a file type that is unknown or that cannot appear in
	// the location read.
	ErrType = errors.New("fileid: invalid file type")

	// ErrSource reports an unknown photo size source, or one whose fields
	// TDLib would reject (a thumbnail type past 127, a negative local id, a
	// dialog id that is not a user, chat or channel).
	ErrSource = errors.New("fileid: invalid photo size source")

	// ErrTruncated reports an id that ends before its last field.
	ErrTruncated = errors.New("fileid: truncated")

	// ErrTrailing reports bytes after the last field of a version 4 id or
	// of a unique id.
	ErrTrailing = errors.New("fileid: trailing bytes")

	// ErrEmptyURL reports a web location without a URL.
	ErrEmptyURL = errors.New("fileid: web location without URL")

	// ErrNoLocation reports a file id that has no MTProto download location,
	// such as an encrypted thumbnail.
	ErrNoLocation = errors.New("fileid: no download location")

	// ErrNoInput reports a file id that cannot be sent again as an
	// InputDocument, InputPhoto, InputEncryptedFile or InputSecureFile.
	ErrNoInput = errors.New("fileid: no input file")
)

// A DecodeError reports why a file id or unique id could not be decoded.
// Offset counts bytes of the string for ErrBase64, and bytes of the decoded
// binary, after the expansion of zero runs, for every other error.
type DecodeError struct {
	Offset int
	Err    error  // one of the ErrX values of this package
	Detail string // what was seen, if anything
}

func (e *DecodeError) Error() string {
	if e.Detail == "" {
		return fmt.Sprintf("%v at byte %d", e.Err, e.Offset)
	}
	return fmt.Sprintf("%v at byte %d: %s", e.Err, e.Offset, e.Detail)
}

// Unwrap returns e.Err, so that errors.Is(err, ErrTruncated) and the like
// work.
func (e *DecodeError) Unwrap() error { return e.Err }
