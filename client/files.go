package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/mtproto/session"
)

// Sizes of file transfers (core.telegram.org/api/files).
const (
	// PartSize is the size of the parts files are uploaded and downloaded
	// in: the largest the API allows, 512 KB.
	PartSize = 512 << 10
	// BigFileSize is the size above which files are uploaded with
	// upload.saveBigFilePart.
	BigFileSize = 10 << 20
	// MaxUploadParts is upload_max_fileparts_default: 4000 parts, so
	// uploads of up to 2000 MB.
	MaxUploadParts = 4000
)

// maxPartTries bounds how often one part is sent.
const maxPartTries = 5

// inFlight returns how many parts a transfer over conns connections
// keeps in flight: one per connection, but at least three, so that a
// single connection never idles while a part travels and the encryption
// at both ends overlaps (measured on loopback: two in flight on one
// connection download ~235 MB/s, three ~260–300, four no more but with a
// peak heap past 64 MB). Each part in flight costs a few copies of 512 KB
// between the two ends.
func inFlight(conns int) int { return max(conns, 3) }

// Errors of file transfers.
var (
	// ErrFileTooBig: the file has more than MaxUploadParts parts.
	ErrFileTooBig = errors.New("client: file too big to upload")
	// ErrNoFileLocation: what was given to download holds no file.
	ErrNoFileLocation = errors.New("client: no file to download")
)

// A FileReferenceError reports a file reference that expired when the
// download had no way to fetch a new one (a media object given without the
// message it came from).
type FileReferenceError struct {
	Err error // the RPC error: FILE_REFERENCE_EXPIRED or similar
}

func (e *FileReferenceError) Error() string {
	return fmt.Sprintf("client: file reference expired and cannot be refreshed (download from the message instead): %v", e.Err)
}

func (e *FileReferenceError) Unwrap() error { return e.Err }

// A ProgressFunc receives the progress of a transfer, in percent from 0 to
// 100. Calls come from the transfer's goroutines, one at a time, with
// values that never decrease; the last is 100 when the transfer succeeds.
type ProgressFunc func(percent float64)

// progress reports the progress of a transfer of total bytes (total < 0:
// not known yet).
type progress struct {
	mu    sync.Mutex
	f     ProgressFunc
	done  int64
	total int64
	last  float64
}

func newProgress(f ProgressFunc, total int64) *progress {
	return &progress{f: f, total: total, last: -1}
}

// add records n more bytes; total, if not negative, replaces the total.
func (p *progress) add(n int64, total int64) {
	if p == nil || p.f == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if total >= 0 {
		p.total = total
	}
	if p.total < 0 {
		return
	}
	pct := 100.0
	if p.total > 0 {
		pct = min(100*float64(p.done)/float64(p.total), 100)
	}
	if pct >= 100 {
		pct = 99.99 // 100 is for finish
	}
	if pct > p.last {
		p.last = pct
		p.f(pct)
	}
}

// finish reports 100 %.
func (p *progress) finish() {
	if p == nil || p.f == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last < 100 {
		p.last = 100
		p.f(100)
	}
}

// parallelism returns n, or the setting when n is 0, within [1,
// dcs.MaxFileConns].
func parallelism(n, setting int) int {
	if n <= 0 {
		n = setting
	}
	return min(max(n, 1), dcs.MaxFileConns)
}

// retryPart reports whether a part that failed with err may succeed if
// sent again, and how long to wait first.
func retryPart(ctx context.Context, err error, try int) (time.Duration, bool) {
	if ctx.Err() != nil || errors.Is(err, session.ErrClosed) || try >= maxPartTries {
		return 0, false
	}
	var rpcErr *session.RPCError
	if errors.As(err, &rpcErr) {
		if wait, ok := rpcErr.Wait(); ok && wait <= time.Minute {
			return wait, true
		}
		return time.Duration(try) * 200 * time.Millisecond, rpcErr.Retryable()
	}
	// Transport failures: the session gave up after its own resends.
	return time.Duration(try) * 200 * time.Millisecond, true
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
