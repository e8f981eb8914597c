package sandbox

import (
	"crypto/md5"
	"encoding/hex"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/luagram/luagram/tl/api"
)

// An uploadKey names the parts of one upload: the client picks file_id,
// and it is only meaningful to the same account on the same DC.
type uploadKey struct {
	dc     int
	user   int64
	fileID int64
}

// An upload is the parts saved under one file_id. Part n is kept at offset
// n*maxPartSize of one sparse file, so that the usual 512 KB parts are
// already in place once all have come.
type upload struct {
	mu      sync.Mutex
	big     bool
	total   int32           // file_total_parts of a big upload; -1 while streaming
	parts   map[int32]int32 // part number → length
	f       *os.File
	touched time.Time
	// done is what the parts became when first used; sending the same
	// InputFile again reuses it.
	done      *storedFile
	doneParts int32
}

func (u *upload) discard() {
	if u.f != nil {
		u.f.Close()
		os.Remove(u.f.Name())
		u.f = nil
	}
}

// savePart stores one part of an upload (upload.saveFilePart, or
// upload.saveBigFilePart when big). total is file_total_parts of a big
// upload: -1 is allowed while the size is unknown (streamed uploads), but
// the last part must carry the real count.
func (fs *fileStore) savePart(key uploadKey, big bool, part, total int32, data []byte) error {
	switch {
	case part < 0 || part >= maxParts || big && total > 0 && part >= total:
		return rpcError(400, "FILE_PART_INVALID")
	case big && (total == 0 || total < -1 || total > maxParts):
		return rpcError(400, "FILE_PARTS_INVALID")
	case len(data) > maxPartSize:
		return rpcError(400, "FILE_PART_TOO_BIG")
	case len(data) == 0 && part != 0:
		// An empty part 0 is the whole of an empty file. Telegram refuses
		// empty files (FILE_PART_EMPTY); the sandbox keeps them so that
		// clients can be tested at the 0-byte edge.
		return rpcError(400, "FILE_PART_EMPTY")
	}
	u, err := fs.uploadFor(key, big, total)
	if err != nil {
		return err
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.f == nil {
		return rpcError(400, "FILE_PART_INVALID") // replaced meanwhile
	}
	if _, err := u.f.WriteAt(data, int64(part)*maxPartSize); err != nil {
		return err
	}
	u.parts[part] = int32(len(data))
	if big && total > 0 {
		u.total = total
	}
	u.touched = fs.now()
	return nil
}

// uploadFor returns the upload of key, starting one (or a new one, after
// the last was used) as needed.
func (fs *fileStore) uploadFor(key uploadKey, big bool, total int32) (*upload, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	now := fs.now()
	for k, u := range fs.uploads {
		u.mu.Lock()
		if now.Sub(u.touched) > uploadLifetime {
			u.discard()
			delete(fs.uploads, k)
		}
		u.mu.Unlock()
	}
	u := fs.uploads[key]
	if u != nil {
		u.mu.Lock()
		used := u.done != nil
		mismatch := u.big != big || big && total > 0 && u.total > 0 && total != u.total
		u.mu.Unlock()
		if mismatch && !used {
			return nil, rpcError(400, "FILE_PARTS_INVALID")
		}
		if !used {
			return u, nil
		}
	}
	f, err := fs.create("upload")
	if err != nil {
		return nil, err
	}
	u = &upload{big: big, total: -1, parts: map[int32]int32{}, f: f, touched: now}
	fs.uploads[key] = u
	return u, nil
}

// finalize turns the parts named by an InputFile into a stored file, with
// the checks of core.telegram.org/api/files: every part present, all of
// one size that divides 512 KB and is divisible by 1 KB but the last,
// which may be smaller, and the MD5 checksum when the client gave one.
func (fs *fileStore) finalize(key uploadKey, in api.InputFileClass) (*storedFile, string, error) {
	var parts int32
	var name, sum string
	big := false
	switch x := in.(type) {
	case *api.InputFile:
		parts, name, sum = x.Parts, x.Name, x.MD5Checksum
	case *api.InputFileBig:
		parts, name, big = x.Parts, x.Name, true
	default:
		return nil, "", rpcError(400, "FILE_ID_INVALID")
	}
	key.fileID = fileIDOf(in)
	fs.mu.Lock()
	u := fs.uploads[key]
	fs.mu.Unlock()
	if u == nil {
		return nil, "", rpcError(400, "FILE_PART_0_MISSING")
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.done != nil {
		if u.doneParts != parts {
			return nil, "", rpcError(400, "FILE_PARTS_INVALID")
		}
		return u.done, name, nil
	}
	if parts < 1 || parts > maxParts || big != u.big || big && u.total != parts {
		return nil, "", rpcError(400, "FILE_PARTS_INVALID")
	}
	for i := int32(0); i < parts; i++ {
		if _, ok := u.parts[i]; !ok {
			return nil, "", rpcError(400, "FILE_PART_"+strconv.Itoa(int(i))+"_MISSING")
		}
	}
	partSize := u.parts[0]
	last := u.parts[parts-1]
	if parts > 1 {
		if partSize%1024 != 0 || maxPartSize%partSize != 0 {
			return nil, "", rpcError(400, "FILE_PART_SIZE_INVALID")
		}
		for i := int32(1); i < parts-1; i++ {
			if u.parts[i] != partSize {
				return nil, "", rpcError(400, "FILE_PART_SIZE_CHANGED")
			}
		}
		if last == 0 || last > partSize {
			return nil, "", rpcError(400, "FILE_PART_SIZE_CHANGED")
		}
	}
	size := int64(partSize)*int64(parts-1) + int64(last)
	if !big && size > maxSmallFile {
		// "Use upload.saveBigFilePart in case the full size of the file
		// is more than 10 MB."
		return nil, "", rpcError(400, "FILE_PARTS_INVALID")
	}
	sf := &storedFile{f: u.f, size: size}
	if partSize != maxPartSize && parts > 1 {
		// Close the gaps between parts smaller than 512 KB.
		f, err := fs.create("file")
		if err != nil {
			return nil, "", err
		}
		sf = &storedFile{f: f, size: size}
		buf := make([]byte, partSize)
		for i := int32(0); i < parts; i++ {
			n := u.parts[i]
			if _, err := u.f.ReadAt(buf[:n], int64(i)*maxPartSize); err != nil {
				sf.remove()
				return nil, "", err
			}
			if _, err := f.WriteAt(buf[:n], int64(i)*int64(partSize)); err != nil {
				sf.remove()
				return nil, "", err
			}
		}
	} else if err := u.f.Truncate(size); err != nil {
		return nil, "", err
	}
	if sum != "" {
		h := md5.New()
		if _, err := io.Copy(h, io.NewSectionReader(sf.f, 0, size)); err != nil {
			return nil, "", err
		}
		if !strings.EqualFold(hex.EncodeToString(h.Sum(nil)), sum) {
			if sf.f != u.f {
				sf.remove()
			}
			return nil, "", rpcError(400, "MD5_CHECKSUM_INVALID")
		}
	}
	if sf.f != u.f {
		u.discard()
	}
	u.f = nil // the stored file owns it now
	u.done, u.doneParts, u.touched = sf, parts, fs.now()
	return sf, name, nil
}

func fileIDOf(in api.InputFileClass) int64 {
	switch x := in.(type) {
	case *api.InputFile:
		return x.ID
	case *api.InputFileBig:
		return x.ID
	}
	return 0
}
