package client

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/tl/api"
)

// UploadOptions configure an upload.
type UploadOptions struct {
	// Name is the file name the server records (inputFile.name). Uploads
	// from a path default to the path's base name.
	Name string
	// Progress, if set, receives the progress in percent.
	Progress ProgressFunc
	// Parallel is how many connections to the home DC carry parts, a
	// part in flight on each (three on a single connection); 0 means the
	// files.upload_parallel_chunks setting.
	Parallel int
	// Size is the length of an io.Reader's content when the reader cannot
	// tell (see UploadStream); 0 means unknown.
	Size int64
}

// Upload uploads src, which is a file path (string), the content itself
// ([]byte) or an io.Reader read to its end, and returns the InputFile that
// inputMediaUploadedPhoto, inputMediaUploadedDocument and the like take.
// opts may be nil.
func (c *Client) Upload(ctx context.Context, src any, opts *UploadOptions) (api.InputFileClass, error) {
	var up *uploaded
	var err error
	switch x := src.(type) {
	case string:
		up, err = c.uploadPath(ctx, x, opts)
	case []byte:
		up, err = c.upload(ctx, bytes.NewReader(x), int64(len(x)), opts)
	case io.Reader:
		up, err = c.upload(ctx, x, readerSize(x, opts), opts)
	default:
		return nil, fmt.Errorf("client: cannot upload a %T", src)
	}
	if err != nil {
		return nil, err
	}
	return up.input, nil
}

// UploadFile uploads the file at path.
func (c *Client) UploadFile(ctx context.Context, path string, opts *UploadOptions) (api.InputFileClass, error) {
	return c.Upload(ctx, path, opts)
}

// UploadBytes uploads data.
func (c *Client) UploadBytes(ctx context.Context, data []byte, opts *UploadOptions) (api.InputFileClass, error) {
	return c.Upload(ctx, data, opts)
}

// UploadStream uploads what r yields until io.EOF. size is its length, or
// -1 if unknown: a stream of unknown length is read ahead up to 10 MB to
// choose between small and big file uploads, and a big one is sent with
// file_total_parts -1 until its last part (a streamed upload).
func (c *Client) UploadStream(ctx context.Context, r io.Reader, size int64, opts *UploadOptions) (api.InputFileClass, error) {
	up, err := c.upload(ctx, r, size, opts)
	if err != nil {
		return nil, err
	}
	return up.input, nil
}

// uploaded is the result of an upload, with what the media helpers need
// to describe the file.
type uploaded struct {
	input api.InputFileClass
	size  int64
	head  []byte // the first part
}

// readerSize returns the size of a reader's content: UploadOptions.Size,
// or what the reader tells, or -1.
func readerSize(r io.Reader, opts *UploadOptions) int64 {
	if opts != nil && opts.Size > 0 {
		return opts.Size
	}
	return sizeOf(r)
}

// sizeOf returns the length of what a reader holds, if it can tell.
func sizeOf(r io.Reader) int64 {
	switch x := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		return int64(x.Len())
	case *os.File:
		if st, err := x.Stat(); err == nil && st.Mode().IsRegular() {
			if off, err := x.Seek(0, io.SeekCurrent); err == nil {
				return st.Size() - off
			}
		}
	}
	return -1
}

func (c *Client) uploadPath(ctx context.Context, path string, opts *UploadOptions) (*uploaded, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	o := UploadOptions{}
	if opts != nil {
		o = *opts
	}
	if o.Name == "" {
		o.Name = filepath.Base(path)
	}
	return c.upload(ctx, f, st.Size(), &o)
}

// A filePart is one part on its way to the server.
type filePart struct {
	num   int32
	data  []byte
	buf   []byte // to give back to the pool
	total int32  // file_total_parts: -1 while unknown
}

// upload sends what r holds (size bytes, or until EOF if size < 0) in
// parts of PartSize, inFlight(Parallel) at a time, each part retried on
// its own.
func (c *Client) upload(ctx context.Context, r io.Reader, size int64, opts *UploadOptions) (*uploaded, error) {
	o := UploadOptions{}
	if opts != nil {
		o = *opts
	}
	if size < 0 {
		// Read up to 10 MB + 1 to learn whether this is a big file.
		ahead := make([]byte, BigFileSize+1)
		k, err := io.ReadFull(r, ahead)
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			return nil, err
		}
		ahead = ahead[:k]
		if len(ahead) <= BigFileSize {
			r, size = bytes.NewReader(ahead), int64(len(ahead))
		} else {
			r = io.MultiReader(bytes.NewReader(ahead), r)
		}
	}
	if size > int64(MaxUploadParts)*PartSize {
		return nil, ErrFileTooBig
	}
	big := size < 0 || size > BigFileSize
	total := int32(-1)
	if size >= 0 {
		total = int32(max(1, (size+PartSize-1)/PartSize))
	}
	conns := parallelism(o.Parallel, c.set.Files.UploadParallelChunks)
	n := inFlight(conns)
	if total > 0 {
		n = min(n, int(total))
		conns = min(conns, n)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	fileID := rand.Int64()
	home := c.dcs.Home()
	prog := newProgress(o.Progress, size)
	pool := make(chan []byte, n+2)
	for range n + 2 {
		pool <- make([]byte, PartSize)
	}
	parts := make(chan filePart, n)
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range parts {
				if err := c.savePart(ctx, home, w%conns, fileID, big, p); err != nil {
					cancel(err)
				} else {
					prog.add(int64(len(p.data)), -1)
				}
				pool <- p.buf
			}
		}()
	}
	pr := &partReader{r: r, size: size, total: total, pool: pool}
	if !big {
		pr.md5 = md5.New()
	}
	readErr := pr.run(ctx, parts)
	close(parts)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	if readErr != nil {
		return nil, readErr
	}
	if pr.total > MaxUploadParts {
		return nil, ErrFileTooBig
	}
	up := &uploaded{size: pr.read, head: pr.head}
	if big {
		up.input = &api.InputFileBig{ID: fileID, Parts: pr.total, Name: o.Name}
	} else {
		up.input = &api.InputFile{ID: fileID, Parts: pr.total, Name: o.Name, MD5Checksum: hex.EncodeToString(pr.md5.Sum(nil))}
	}
	prog.finish()
	return up, nil
}

// savePart sends one part over file connection conn, retrying it on its
// own when that can help.
func (c *Client) savePart(ctx context.Context, dc, conn int, fileID int64, big bool, p filePart) error {
	for try := 1; ; try++ {
		var ok bool
		var err error
		if big {
			ok, err = dcs.CallFile(ctx, c.dcs, dc, conn, &api.UploadSaveBigFilePartRequest{
				FileID: fileID, FilePart: p.num, FileTotalParts: p.total, Bytes: p.data})
		} else {
			ok, err = dcs.CallFile(ctx, c.dcs, dc, conn, &api.UploadSaveFilePartRequest{
				FileID: fileID, FilePart: p.num, Bytes: p.data})
		}
		if err == nil && !ok {
			err = fmt.Errorf("client: the server refused part %d", p.num)
		}
		if err == nil {
			return nil
		}
		wait, again := retryPart(ctx, err, try)
		if !again {
			return fmt.Errorf("client: uploading part %d: %w", p.num, err)
		}
		c.log.Debug("client: retrying an upload part", "part", p.num, "try", try, "err", err)
		if err := sleepCtx(ctx, wait); err != nil {
			return err
		}
	}
}

// A partReader cuts a stream into parts, in order, computing the MD5 of
// small files as it goes. With an unknown size it reads one part ahead to
// know which part is the last.
type partReader struct {
	r     io.Reader
	size  int64 // -1: unknown
	total int32 // -1 until known
	pool  chan []byte
	md5   hash.Hash
	head  []byte
	read  int64
}

func (pr *partReader) run(ctx context.Context, out chan<- filePart) error {
	var pending *filePart // read ahead, waiting to learn whether it is last
	for num := int32(0); ; num++ {
		if num >= MaxUploadParts {
			return ErrFileTooBig
		}
		var buf []byte
		select {
		case buf = <-pr.pool:
		case <-ctx.Done():
			return nil
		}
		want := PartSize
		if pr.size >= 0 {
			want = int(min(int64(PartSize), pr.size-pr.read))
		}
		k, err := io.ReadFull(pr.r, buf[:want])
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			if pr.size >= 0 {
				return fmt.Errorf("client: the stream ended after %d bytes, want %d", pr.read+int64(k), pr.size)
			}
			err = nil
		}
		if err != nil {
			return err
		}
		p := filePart{num: num, data: buf[:k], buf: buf, total: pr.total}
		pr.read += int64(k)
		if num == 0 {
			pr.head = bytes.Clone(p.data)
		}
		if pr.md5 != nil {
			pr.md5.Write(p.data)
		}
		if pr.size >= 0 {
			if !send(ctx, out, p) {
				return nil
			}
			if num == pr.total-1 {
				return nil
			}
			continue
		}
		// Unknown size: the part read before this one is last if this one
		// is empty.
		if pending != nil {
			if k == 0 && num > 0 {
				pending.total = num
				pr.total = num
				pr.pool <- buf
				send(ctx, out, *pending)
				return nil
			}
			if !send(ctx, out, *pending) {
				return nil
			}
		}
		if k < want {
			p.total = num + 1
			pr.total = num + 1
			send(ctx, out, p)
			return nil
		}
		pending = &p
	}
}

func send(ctx context.Context, out chan<- filePart, p filePart) bool {
	select {
	case out <- p:
		return true
	case <-ctx.Done():
		return false
	}
}
