package sandbox

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.UploadSaveFilePartRequestTypeID] = (*call).uploadSaveFilePart
	handlers[api.UploadSaveBigFilePartRequestTypeID] = (*call).uploadSaveBigFilePart
	handlers[api.UploadGetFileRequestTypeID] = (*call).uploadGetFile
}

// userID returns the logged-in user's id (dispatch has checked there is
// one).
func (c *call) userID() int64 {
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	if u := c.user(); u != nil {
		return u.id
	}
	return 0
}

func (c *call) uploadSaveFilePart(q tl.Object) (any, error) {
	r := q.(*api.UploadSaveFilePartRequest)
	key := uploadKey{dc: c.dc.ID, user: c.userID(), fileID: r.FileID}
	if err := c.dc.sb.files.savePart(key, false, r.FilePart, 0, r.Bytes); err != nil {
		return nil, err
	}
	return boolResult(true), nil
}

func (c *call) uploadSaveBigFilePart(q tl.Object) (any, error) {
	r := q.(*api.UploadSaveBigFilePartRequest)
	key := uploadKey{dc: c.dc.ID, user: c.userID(), fileID: r.FileID}
	if err := c.dc.sb.files.savePart(key, true, r.FilePart, r.FileTotalParts, r.Bytes); err != nil {
		return nil, err
	}
	return boolResult(true), nil
}

// checkFileRange applies the rules of upload.getFile
// (core.telegram.org/api/files and core.telegram.org/cdn, "Restrictions on
// upload.getFile and upload.getCdnFile parameters"):
//
//   - offset must be divisible by 4096 bytes;
//   - limit must be divisible by 4096 bytes, and 1048576 (1 MB) must be
//     divisible by limit;
//   - offset / (1024 * 1024) == (offset + limit - 1) / (1024 * 1024): the
//     part must lie within one megabyte-wide chunk.
//
// With precise set, offset and limit need only be divisible by 1024 bytes
// and limit must not exceed 1 MB; the chunk rule stays.
func checkFileRange(offset int64, limit int32, precise bool) error {
	const mb = 1 << 20
	if limit <= 0 || limit > mb {
		return rpcError(400, "LIMIT_INVALID")
	}
	if offset < 0 {
		return rpcError(400, "OFFSET_INVALID")
	}
	if precise {
		if limit%1024 != 0 {
			return rpcError(400, "LIMIT_INVALID")
		}
		if offset%1024 != 0 {
			return rpcError(400, "OFFSET_INVALID")
		}
	} else {
		if limit%4096 != 0 || mb%limit != 0 {
			return rpcError(400, "LIMIT_INVALID")
		}
		if offset%4096 != 0 {
			return rpcError(400, "OFFSET_INVALID")
		}
	}
	if offset/mb != (offset+int64(limit)-1)/mb {
		return rpcError(400, "LIMIT_INVALID")
	}
	return nil
}

func (c *call) uploadGetFile(q tl.Object) (any, error) {
	r := q.(*api.UploadGetFileRequest)
	if err := checkFileRange(r.Offset, r.Limit, r.Precise); err != nil {
		return nil, err
	}
	sb := c.dc.sb
	sb.tickFileReferences()
	loc, err := sb.files.locate(r.Location)
	if err != nil {
		return nil, err
	}
	if loc.dc != c.dc.ID {
		return nil, rpcError(303, "FILE_MIGRATE_"+strconv.Itoa(loc.dc))
	}
	if err := sb.files.checkRef(loc.kind, loc.id, loc.ref); err != nil {
		return nil, err
	}
	if r.CDNSupported {
		// Popular documents and photos are served by a CDN DC (files_cdn.go).
		var f *cdnFile
		switch x := r.Location.(type) {
		case *api.InputDocumentFileLocation:
			if x.ThumbSize == "" {
				f = &cdnFile{id: loc.id}
			}
		case *api.InputPhotoFileLocation:
			f = &cdnFile{photo: true, id: loc.id, size: x.ThumbSize}
		}
		if f != nil {
			red, err := sb.cdnRedirect(c.dc.ID, *f, loc.file, r.Offset)
			if err != nil || red != nil {
				return red, err
			}
		}
	}
	n := int64(0)
	if r.Offset < loc.file.size {
		n = min(int64(r.Limit), loc.file.size-r.Offset)
	}
	return &filePart{storage: loc.storage, mtime: loc.mtime, file: loc.file, off: r.Offset, n: int(n)}, nil
}

// A filePart is an upload.file answer whose bytes are read from the
// stored file straight into the encoded answer, not into a buffer of
// their own first: parts are large and many.
type filePart struct {
	storage api.StorageFileTypeClass
	mtime   int32
	file    *storedFile
	off     int64
	n       int
}

func (*filePart) TypeID() uint32   { return api.UploadFileTypeID }
func (*filePart) TypeName() string { return "upload.file" }

// EncodeBare writes the fields of upload.file: type, mtime and bytes, the
// latter with TL's length prefix and padding.
func (f *filePart) EncodeBare(b *tl.Buffer) {
	b.Object(f.storage, "type")
	b.Int32(f.mtime)
	head := 1
	if f.n < 254 {
		b.Buf = append(b.Buf, byte(f.n))
	} else {
		head = 4
		b.Buf = append(b.Buf, 254, byte(f.n), byte(f.n>>8), byte(f.n>>16))
	}
	start := len(b.Buf)
	b.Buf = slices.Grow(b.Buf, f.n+3)[:start+f.n]
	if _, err := f.file.ReadAt(b.Buf[start:], f.off); err != nil && !errors.Is(err, io.EOF) {
		b.Fail(err)
		return
	}
	for (head+f.n)%4 != 0 {
		b.Buf = append(b.Buf, 0)
		head++
	}
}

// DecodeBare is never used: a filePart is only ever sent.
func (f *filePart) DecodeBare(d *tl.Decoder) {
	d.Fail(tl.ErrUnexpectedID, "upload.file is encode-only here")
}

func (f *filePart) String() string {
	return fmt.Sprintf(`{"_":"upload.file","mtime":%d,"bytes":"(%d bytes)"}`, f.mtime, f.n)
}
