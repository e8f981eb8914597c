package sandbox

import (
	"errors"
	"io"
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
	var buf []byte
	if r.Offset < loc.file.size {
		buf = make([]byte, min(int64(r.Limit), loc.file.size-r.Offset))
		n, err := loc.file.ReadAt(buf, r.Offset)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		buf = buf[:n]
	}
	return &api.UploadFile{Type: loc.storage, Mtime: loc.mtime, Bytes: buf}, nil
}
