package client

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Downloads through CDN DCs (core.telegram.org/cdn). upload.getFile is sent
// with cdn_supported; a file the server serves from a CDN DC is answered
// with upload.fileCdnRedirect, and from then on the download's parts are
// asked for with upload.getCdnFile from that CDN DC, over its own file
// connections (the dcs package finds it and makes its key). A CDN DC that
// does not have the file yet answers upload.cdnFileReuploadNeeded:
// upload.reuploadCdnFile on the DC that redirected puts it there, once
// for all the download's workers. The bytes are decrypted with AES-256-CTR
// and checked against the SHA-256 hashes of the file's DC (more are asked
// for with upload.getCdnFileHashes) before they are handed on; a mismatch
// fails the download with a *CDNHashError. When the file's DC or the CDN
// DC no longer accepts the file token, the download goes on with
// upload.getFile, without cdn_supported, as the docs say to.

// maxReuploads bounds the reuploads one request may cause.
const maxReuploads = 3

// A cdnTransfer is the CDN side of one download, shared by its workers.
type cdnTransfer struct {
	dc     int // the CDN DC
	master int // the DC that redirected
	token  []byte
	key    [32]byte
	iv     [16]byte
	hashes cdnHashes

	hashMu sync.Mutex // one upload.getCdnFileHashes at a time

	reMu  sync.Mutex // one upload.reuploadCdnFile at a time
	reGen int        // counts reuploads
}

func newCDNTransfer(master int, red *cdnRedirect) *cdnTransfer {
	x := &cdnTransfer{dc: red.dc, master: master, token: red.token, key: red.key, iv: red.iv}
	x.hashes.add(red.hashes)
	return x
}

// A cdnFallbackError ends the CDN side of a download: the file token is
// no longer accepted, and the download goes on with upload.getFile.
type cdnFallbackError struct{ err error }

func (e *cdnFallbackError) Error() string {
	return "client: the CDN refused the file token: " + e.err.Error()
}

func (e *cdnFallbackError) Unwrap() error { return e.err }

// tokenRefused reports the errors after which a CDN download continues
// from the file's DC: FILE_TOKEN_INVALID and REQUEST_TOKEN_INVALID.
func tokenRefused(err error) bool {
	var rpcErr *session.RPCError
	return errors.As(err, &rpcErr) && (rpcErr.Type == "FILE_TOKEN_INVALID" || rpcErr.Type == "REQUEST_TOKEN_INVALID")
}

// cdnPart returns the verified bytes [offset, offset+limit) of the file
// (fewer at its end; size < 0 when the size is unknown), over connection
// conn.
func (c *Client) cdnPart(ctx context.Context, x *cdnTransfer, conn int, offset, limit, size int64) ([]byte, error) {
	end := offset + limit
	if size >= 0 {
		end = min(end, size)
	}
	// The hashes whose ranges cover the part; where there are none, the
	// file has ended.
	var cover []api.FileHash
	for cur := offset; cur < end; {
		h, ok, err := c.cdnHashAt(ctx, x, conn, cur)
		if err != nil {
			return nil, err
		}
		if !ok {
			if size >= 0 {
				return nil, fmt.Errorf("%w: no hash of the CDN file at offset %d of %d bytes", errBadCDNAnswer, cur, size)
			}
			break
		}
		cover = append(cover, h)
		cur = h.Offset + int64(h.Limit)
	}
	if len(cover) == 0 {
		return nil, nil
	}
	lo, last := cover[0].Offset, cover[len(cover)-1]
	hi := last.Offset + int64(last.Limit)
	data, err := c.cdnRange(ctx, x, conn, lo, hi)
	if err != nil {
		return nil, err
	}
	if err := verify(x.dc, lo, data, cover); err != nil {
		return nil, err
	}
	return data[offset-lo : min(end, hi)-lo], nil
}

// cdnRange fetches and decrypts the bytes [lo, hi) from the CDN DC (fewer
// at the file's end), in requests that keep upload.getCdnFile's rules:
// usually one.
func (c *Client) cdnRange(ctx context.Context, x *cdnTransfer, conn int, lo, hi int64) ([]byte, error) {
	if lo%4096 != 0 {
		return nil, fmt.Errorf("%w: CDN file hashes start at offset %d, not a multiple of 4 KB", errBadCDNAnswer, lo)
	}
	var out []byte
	for cur := lo; cur < hi; {
		limit := cdnRequestLimit(cur, hi)
		data, err := c.cdnRequest(ctx, x, conn, cur, limit)
		if err != nil {
			return nil, err
		}
		if int64(len(data)) > limit {
			return nil, fmt.Errorf("%w: upload.cdnFile of %d bytes for a limit of %d", errBadCDNAnswer, len(data), limit)
		}
		if out == nil && (cur+limit >= hi || int64(len(data)) < limit) {
			return data, nil // the whole range in one answer
		}
		out = append(out, data...)
		if int64(len(data)) < limit {
			break // the file ends
		}
		cur += limit
	}
	return out, nil
}

// cdnRequestLimit returns the limit of the request of the bytes from cur
// towards hi: the smallest power of two from 4 KB to PartSize that covers
// them and divides cur, so that the part lies within one megabyte.
func cdnRequestLimit(cur, hi int64) int64 {
	l := int64(PartSize)
	for l > 4096 && (cur%l != 0 || cur+l/2 >= hi) {
		l /= 2
	}
	return l
}

// cdnRequest sends one upload.getCdnFile, reuploading the file to the CDN
// DC when it asks for that, and returns the decrypted bytes.
func (c *Client) cdnRequest(ctx context.Context, x *cdnTransfer, conn int, offset, limit int64) ([]byte, error) {
	var b tl.Buffer
	b.Object(&api.UploadGetCDNFileRequest{FileToken: x.token, Offset: offset, Limit: int32(limit)}, "upload.getCdnFile")
	if err := b.Err(); err != nil {
		return nil, err
	}
	for reuploads := 0; ; reuploads++ {
		gen := x.generation()
		var data, request []byte
		err := retryCDN(ctx, c, offset, func() error {
			res, err := c.dcs.InvokeCDN(ctx, x.dc, conn, b.Buf)
			if err == nil {
				data, request, err = decodeCDNFile(res)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if request == nil {
			decryptCDN(x.key, x.iv, offset, data)
			return data, nil
		}
		if reuploads == maxReuploads {
			return nil, fmt.Errorf("client: CDN DC %d still lacks the file after %d reuploads", x.dc, reuploads)
		}
		if err := c.cdnReupload(ctx, x, conn, gen, request); err != nil {
			return nil, err
		}
	}
}

// decryptCDN decrypts the bytes of the file at offset in place: AES-256-CTR
// with encryption_iv whose last 4 bytes are offset / 16, big-endian.
func decryptCDN(key [32]byte, iv [16]byte, offset int64, data []byte) {
	block, err := aes.NewCipher(key[:])
	if err != nil {
		panic(err) // a 32-byte key always makes a cipher
	}
	binary.BigEndian.PutUint32(iv[12:], uint32(offset/16))
	cipher.NewCTR(block, iv[:]).XORKeyStream(data, data)
}

func (x *cdnTransfer) generation() int {
	x.reMu.Lock()
	defer x.reMu.Unlock()
	return x.reGen
}

// cdnReupload asks the DC that redirected to put the file on the CDN DC,
// unless another worker did since generation gen was read.
func (c *Client) cdnReupload(ctx context.Context, x *cdnTransfer, conn, gen int, request []byte) error {
	x.reMu.Lock()
	defer x.reMu.Unlock()
	if x.reGen != gen {
		return nil
	}
	var b tl.Buffer
	b.Object(&api.UploadReuploadCDNFileRequest{FileToken: x.token, RequestToken: request}, "upload.reuploadCdnFile")
	var hs []api.FileHash
	err := retryCDN(ctx, c, 0, func() error {
		res, err := c.dcs.InvokeFile(ctx, x.master, conn, b.Buf)
		if err == nil {
			hs, err = decodeHashes(res)
		}
		return err
	})
	if err != nil {
		return err
	}
	x.hashes.add(hs)
	x.reGen++
	c.log.Debug("client: file reuploaded to its CDN DC", "dc", x.dc, "master", x.master)
	return nil
}

// cdnHashAt returns the hash whose range holds byte off, asking the DC
// that redirected for more when none is known; false when it has none
// (the file ends before off).
func (c *Client) cdnHashAt(ctx context.Context, x *cdnTransfer, conn int, off int64) (api.FileHash, bool, error) {
	if h, ok := x.hashes.at(off); ok {
		return h, true, nil
	}
	x.hashMu.Lock()
	defer x.hashMu.Unlock()
	if h, ok := x.hashes.at(off); ok {
		return h, true, nil
	}
	var b tl.Buffer
	b.Object(&api.UploadGetCDNFileHashesRequest{FileToken: x.token, Offset: off}, "upload.getCdnFileHashes")
	var hs []api.FileHash
	err := retryCDN(ctx, c, off, func() error {
		res, err := c.dcs.InvokeFile(ctx, x.master, conn, b.Buf)
		if err == nil {
			hs, err = decodeHashes(res)
		}
		return err
	})
	if err != nil {
		return api.FileHash{}, false, err
	}
	x.hashes.add(hs)
	h, ok := x.hashes.at(off)
	return h, ok, nil
}

// retryCDN runs f until it succeeds, retrying transient failures as parts
// are; a refused token ends the CDN side of the download.
func retryCDN(ctx context.Context, c *Client, offset int64, f func() error) error {
	for try := 1; ; try++ {
		err := f()
		if err == nil {
			return nil
		}
		if tokenRefused(err) {
			return &cdnFallbackError{err}
		}
		if errors.Is(err, errBadCDNAnswer) {
			return err
		}
		wait, again := retryPart(ctx, err, try)
		if !again {
			if cause := context.Cause(ctx); cause != nil {
				return cause
			}
			return fmt.Errorf("client: downloading the part at offset %d through the CDN: %w", offset, err)
		}
		c.log.Debug("client: retrying a CDN request", "offset", offset, "try", try, "err", err)
		if err := sleepCtx(ctx, wait); err != nil {
			return context.Cause(ctx)
		}
	}
}
