package storage

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel errors.
var (
	// ErrClosed is returned by a Store, PeerDB or File used after Close.
	ErrClosed = errors.New("storage: closed")
	// ErrInvalid is wrapped by errors about values that cannot be stored:
	// an auth key that is not 256 bytes, a peer without an id, a key or
	// value over its size limit.
	ErrInvalid = errors.New("storage: invalid value")
)

// A CorruptError reports a session file whose bytes fail a check: a bad
// magic number, a checksum mismatch, a record that runs past the end of the
// file, a field out of range. Offset is the byte offset in the file where the
// bad data starts.
//
// A CorruptError is never caused by an interrupted save: saves are atomic, so
// a file cut short by a crash loads as the last completed save.
type CorruptError struct {
	Path   string
	Offset int64
	Reason string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("storage: session file %s is corrupt at offset %d: %s", e.Path, e.Offset, e.Reason)
}

// An InUseError reports that another process (or another Open in this
// process) holds the session. PID is the holder's process id, 0 if unknown.
type InUseError struct {
	Path string
	PID  int
}

func (e *InUseError) Error() string {
	pid := "unknown"
	if e.PID > 0 {
		pid = strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("storage: session %s in use (pid %s)", e.Path, pid)
}

// A VersionError reports a session file whose format version this build
// cannot read: newer than Supported, or older than any version it can
// migrate.
type VersionError struct {
	Path      string
	Version   uint32 // found in the file
	Supported uint32 // FormatVersion of this build
}

func (e *VersionError) Error() string {
	if e.Version > e.Supported {
		return fmt.Sprintf("storage: session file %s has format version %d, newer than this luagram supports (%d): "+
			"upgrade luagram, or move the file away and log in again", e.Path, e.Version, e.Supported)
	}
	return fmt.Sprintf("storage: session file %s has format version %d, which this luagram can no longer migrate (current %d): "+
		"open it with an older luagram release first, or move the file away and log in again", e.Path, e.Version, e.Supported)
}

// invalidf returns an error wrapping ErrInvalid.
func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}
