package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// DownloadOptions configure a download.
type DownloadOptions struct {
	// Offset is the first byte to download and End the byte after the
	// last (0: the end of the file). Any range may be asked for: requests
	// are aligned to the API's rules and the extra bytes dropped.
	Offset, End int64
	// Progress, if set, receives the progress in percent of the range.
	Progress ProgressFunc
	// Parallel is how many connections to the file's DC carry requests,
	// a part in flight on each (three on a single connection); 0 means the
	// files.download_parallel_chunks setting.
	Parallel int
	// ThumbSize picks a size of a photo ("" is the largest) or a
	// thumbnail of a document ("" is the document).
	ThumbSize string
}

// DownloadToStream downloads the file src names (see FileLocationOf) to w
// and returns how many bytes it wrote. opts may be nil.
//
// Parts are requested in parallel from the file's DC (following
// FILE_MIGRATE_X) and written in order. A part that fails for a transient
// reason (a dropped connection, an internal server error, a short
// FLOOD_WAIT) is asked for again; an expired file reference is refreshed
// once per expiry when src is a message (or a FileLocation with Refresh).
// A file the server serves from a CDN DC is fetched from there, decrypted
// and checked against its SHA-256 hashes (files_cdn.go); bytes that do not
// match fail the download with a *CDNHashError and are never written.
func (c *Client) DownloadToStream(ctx context.Context, src any, w io.Writer, opts *DownloadOptions) (int64, error) {
	o := DownloadOptions{}
	if opts != nil {
		o = *opts
	}
	loc, err := c.FileLocationOf(src, o.ThumbSize)
	if err != nil {
		return 0, err
	}
	return c.download(ctx, loc, w, o)
}

// DownloadToFile downloads the file src names to path. The bytes go to a
// temporary file in the same directory, renamed to path only once
// complete, so that an interrupted download never leaves a truncated file
// under its name.
func (c *Client) DownloadToFile(ctx context.Context, src any, path string, opts *DownloadOptions) (int64, error) {
	o := DownloadOptions{}
	if opts != nil {
		o = *opts
	}
	loc, err := c.FileLocationOf(src, o.ThumbSize)
	if err != nil {
		return 0, err
	}
	return c.downloadToFile(ctx, loc, path, o)
}

// DownloadToDir downloads the file src names into dir, under the file's
// own name (its file name attribute, or one made of its kind, id and
// type), and returns the path it wrote.
func (c *Client) DownloadToDir(ctx context.Context, src any, dir string, opts *DownloadOptions) (string, error) {
	o := DownloadOptions{}
	if opts != nil {
		o = *opts
	}
	loc, err := c.FileLocationOf(src, o.ThumbSize)
	if err != nil {
		return "", err
	}
	name := safeName(loc.Name)
	if name == "" {
		name = "file" + extensionOf(loc.MimeType)
	}
	path := filepath.Join(dir, name)
	if _, err := c.downloadToFile(ctx, loc, path, o); err != nil {
		return "", err
	}
	return path, nil
}

func (c *Client) downloadToFile(ctx context.Context, loc *FileLocation, path string, o DownloadOptions) (int64, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".part-*")
	if err != nil {
		return 0, err
	}
	n, err := c.download(ctx, loc, f, o)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return 0, err
	}
	return n, nil
}

// A partJob is one upload.getFile request of a download.
type partJob struct {
	offset int64
	done   chan partResult
}

type partResult struct {
	data []byte
	err  error
}

// dlTarget is where a download's parts are asked for; FILE_MIGRATE,
// refreshed file references and a redirect to a CDN DC change it for every
// worker.
type dlTarget struct {
	mu        sync.Mutex
	loc       api.InputFileLocationClass
	dc        int
	size      int64 // -1: unknown
	gen       int   // counts refreshes
	refreshes int
	refresh   func(ctx context.Context) (api.InputFileLocationClass, error)
	cdn       *cdnTransfer // set after upload.fileCdnRedirect
	noCDN     bool         // the CDN refused the file token: no cdn_supported
}

func (t *dlTarget) get() (api.InputFileLocationClass, int, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.loc, t.dc, t.gen
}

// renew fetches a new file reference, unless another worker did since
// generation gen was read.
func (t *dlTarget) renew(ctx context.Context, gen int, cause error) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.gen != gen {
		return nil
	}
	if t.refresh == nil {
		return &FileReferenceError{Err: cause}
	}
	if t.refreshes >= 3 {
		return fmt.Errorf("client: file reference still refused after %d refreshes: %w", t.refreshes, cause)
	}
	loc, err := t.refresh(ctx)
	if err != nil {
		return err
	}
	t.loc, t.gen, t.refreshes = loc, t.gen+1, t.refreshes+1
	return nil
}

func (t *dlTarget) migrate(to int) {
	t.mu.Lock()
	t.dc = to
	t.mu.Unlock()
}

// viaCDN returns the download's CDN side (nil before a redirect), and
// whether upload.getFile may set cdn_supported.
func (t *dlTarget) viaCDN() (*cdnTransfer, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.cdn, !t.noCDN
}

// redirect starts the CDN side of the download after upload.getFile on DC
// master redirected to red, unless another worker did; a redirect with
// the same token brings its hashes.
func (t *dlTarget) redirect(master int, red *cdnRedirect) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case t.noCDN:
	case t.cdn == nil:
		t.cdn = newCDNTransfer(master, red)
	case bytes.Equal(t.cdn.token, red.token):
		t.cdn.hashes.add(red.hashes)
	}
}

// dropCDN ends the CDN side x of the download: the rest comes from the
// file's DC.
func (t *dlTarget) dropCDN(x *cdnTransfer) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cdn == x {
		t.cdn, t.noCDN = nil, true
	}
}

// partLimit returns the limit of the requests of a download of [start,
// end): PartSize, or, for a range inside one aligned block smaller than
// that, the smallest such block, so that a few bytes cost a small request.
func partLimit(start, end int64) int64 {
	if end < 0 {
		return PartSize
	}
	for l := int64(4096); l < PartSize; l *= 2 {
		if start/l == (end-1)/l {
			return l
		}
	}
	return PartSize
}

// download writes [o.Offset, o.End) of the file at loc to w.
func (c *Client) download(ctx context.Context, loc *FileLocation, w io.Writer, o DownloadOptions) (int64, error) {
	start, end := o.Offset, o.End
	if start < 0 || end < 0 {
		return 0, fmt.Errorf("client: invalid download range [%d, %d)", start, end)
	}
	if end == 0 {
		end = -1 // to the end
	}
	if loc.Size >= 0 && (end < 0 || end > loc.Size) {
		end = loc.Size
	}
	prog := newProgress(o.Progress, -1)
	if end >= 0 {
		if start >= end {
			prog.finish()
			return 0, nil
		}
		prog.total = end - start
	}
	limit := partLimit(start, end)
	first := start / limit * limit
	conns := parallelism(o.Parallel, c.set.Files.DownloadParallelChunks)
	n := inFlight(conns)
	if end >= 0 {
		n = min(n, int((end-first+limit-1)/limit))
		conns = min(conns, n)
	}
	dc := loc.DC
	if dc == 0 {
		dc = c.dcs.Home()
	}
	target := &dlTarget{loc: loc.Location, dc: dc, size: loc.Size, refresh: loc.Refresh}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan *partJob)
	order := make(chan *partJob, n)
	var wg sync.WaitGroup
	// The dispatcher hands out parts in order, at most n ahead of the
	// writer: memory stays bounded whatever the file's size.
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		defer close(order)
		for off := first; end < 0 || off < end; off += limit {
			j := &partJob{offset: off, done: make(chan partResult, 1)}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				j.done <- partResult{err: context.Cause(ctx)}
				return
			}
		}
	}()
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				data, err := c.getPart(ctx, target, w%conns, j.offset, limit)
				j.done <- partResult{data, err}
			}
		}()
	}
	written, err := c.writeParts(ctx, order, w, start, end, limit, loc.Size, prog)
	cancel(errDownloadDone)
	wg.Wait()
	if err != nil {
		return written, err
	}
	prog.finish()
	return written, nil
}

var errDownloadDone = errors.New("client: download done")

// writeParts writes the parts in order, trimmed to [start, end), until the
// range or the file ends.
func (c *Client) writeParts(ctx context.Context, order <-chan *partJob, w io.Writer, start, end, limit, size int64, prog *progress) (int64, error) {
	var written int64
	for j := range order {
		// A part that arrived already must not hide a cancellation (the
		// select below picks either when both are ready).
		if err := context.Cause(ctx); err != nil {
			return written, err
		}
		var r partResult
		select {
		case r = <-j.done:
		case <-ctx.Done():
			return written, context.Cause(ctx)
		}
		if r.err != nil {
			return written, r.err
		}
		data := r.data
		if size >= 0 {
			if want := min(limit, size-j.offset); int64(len(data)) != max(want, 0) {
				return written, fmt.Errorf("client: part at offset %d has %d bytes, want %d", j.offset, len(data), want)
			}
		}
		short := int64(len(data)) < limit
		lo := max(start-j.offset, 0)
		hi := int64(len(data))
		if end >= 0 {
			hi = min(hi, end-j.offset)
		}
		if lo < hi {
			k, err := w.Write(data[lo:hi])
			written += int64(k)
			if err != nil {
				return written, err
			}
			prog.add(int64(k), -1)
		}
		if short || end >= 0 && j.offset+limit >= end {
			return written, nil
		}
	}
	return written, context.Cause(ctx)
}

// getPart asks for one part, following FILE_MIGRATE_X and redirects to a
// CDN DC, refreshing the file reference and retrying transient failures.
func (c *Client) getPart(ctx context.Context, t *dlTarget, conn int, offset, limit int64) ([]byte, error) {
	migrations := 0
	for try := 1; ; {
		if x, _ := t.viaCDN(); x != nil {
			data, err := c.cdnPart(ctx, x, conn, offset, limit, t.size)
			var fallback *cdnFallbackError
			if errors.As(err, &fallback) {
				c.log.Info("client: the CDN refused the file token; downloading from the file's DC", "dc", x.master, "err", err)
				t.dropCDN(x)
				continue
			}
			return data, err
		}
		loc, dc, gen := t.get()
		_, cdnOK := t.viaCDN()
		var b tl.Buffer
		b.Object(&api.UploadGetFileRequest{CDNSupported: cdnOK, Location: loc, Offset: offset, Limit: int32(limit)}, "upload.getFile")
		if err := b.Err(); err != nil {
			return nil, err
		}
		res, err := c.dcs.InvokeFile(ctx, dc, conn, b.Buf)
		if err == nil {
			data, red, err := decodeFileResult(res)
			if red != nil {
				c.log.Debug("client: download redirected to a CDN DC", "dc", dc, "cdn", red.dc)
				t.redirect(dc, red)
				continue
			}
			return data, err
		}
		var rpcErr *session.RPCError
		if errors.As(err, &rpcErr) {
			if to, ok := rpcErr.Migrate(); ok && migrations < 3 {
				migrations++
				t.migrate(to)
				continue
			}
			if strings.HasPrefix(rpcErr.Type, "FILE_REFERENCE_") {
				if err := t.renew(ctx, gen, err); err != nil {
					return nil, err
				}
				continue
			}
		}
		wait, again := retryPart(ctx, err, try)
		if !again {
			if cause := context.Cause(ctx); cause != nil {
				return nil, cause
			}
			return nil, fmt.Errorf("client: downloading the part at offset %d: %w", offset, err)
		}
		c.log.Debug("client: retrying a download part", "offset", offset, "try", try, "err", err)
		if err := sleepCtx(ctx, wait); err != nil {
			return nil, context.Cause(ctx)
		}
		try++
	}
}
