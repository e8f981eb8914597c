package sandbox

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Limits of uploads (core.telegram.org/api/files).
const (
	// maxPartSize is the largest part: "524288 % part_size = 0".
	maxPartSize = 512 << 10
	// maxParts is upload_max_fileparts_default: 4000 parts, 2000 MB.
	maxParts = 4000
	// maxSmallFile is the largest file upload.saveFilePart may carry;
	// bigger ones need upload.saveBigFilePart.
	maxSmallFile = 10 << 20
	// uploadLifetime is how long parts wait to be used: "between several
	// minutes and several hours".
	uploadLifetime = time.Hour
)

// A fileStore keeps the sandbox's files on disk, in a temporary directory
// removed by Close, so that a file of hundreds of megabytes costs no
// memory: parts being uploaded, and stored files (documents and photo
// sizes) with their metadata. It is shared by all DCs, as their databases
// are; each document and photo records the DC it lives on.
type fileStore struct {
	now func() time.Time

	// dirMu guards the directory; it is taken alone, never while
	// waiting for another lock.
	dirMu  sync.Mutex
	dir    string // made on first use
	closed bool
	seq    int

	// mu guards the maps and references; it may be held while an
	// upload's lock is taken, never the other way round.
	mu      sync.Mutex
	uploads map[uploadKey]*upload
	docs    map[int64]*document
	photos  map[int64]*photo
	refs    fileRefs
}

func newFileStore(now func() time.Time) *fileStore {
	fs := &fileStore{now: now, uploads: map[uploadKey]*upload{}, docs: map[int64]*document{}, photos: map[int64]*photo{}}
	fs.refs.init(now())
	return fs
}

// close removes every file.
func (fs *fileStore) close() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, u := range fs.uploads {
		u.mu.Lock()
		u.discard()
		u.mu.Unlock()
	}
	for _, d := range fs.docs {
		d.file.close()
		for _, t := range d.thumbs {
			t.file.close()
		}
	}
	for _, p := range fs.photos {
		for _, s := range p.sizes {
			s.file.close()
		}
	}
	fs.uploads = map[uploadKey]*upload{}
	fs.dirMu.Lock()
	defer fs.dirMu.Unlock()
	fs.closed = true
	if fs.dir != "" {
		os.RemoveAll(fs.dir)
	}
}

// create makes a new empty file in the store's directory.
func (fs *fileStore) create(prefix string) (*os.File, error) {
	fs.dirMu.Lock()
	defer fs.dirMu.Unlock()
	if fs.closed {
		return nil, os.ErrClosed
	}
	if fs.dir == "" {
		dir, err := os.MkdirTemp("", "luagram-sandbox-files-")
		if err != nil {
			return nil, err
		}
		fs.dir = dir
	}
	fs.seq++
	return os.OpenFile(filepath.Join(fs.dir, fmt.Sprintf("%s-%d", prefix, fs.seq)), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
}

// A storedFile is the content of a document, a thumbnail or a photo size.
// Several documents may share one (a file sent twice).
type storedFile struct {
	f    *os.File
	size int64
}

// ReadAt reads content; it is safe for concurrent use.
func (s *storedFile) ReadAt(p []byte, off int64) (int, error) { return s.f.ReadAt(p, off) }

func (s *storedFile) close() {
	if s != nil && s.f != nil {
		s.f.Close()
	}
}

// remove closes and deletes a file nothing refers to.
func (s *storedFile) remove() {
	if s != nil && s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
	}
}

// storeBytes stores small content (a photo size the sandbox made).
func (fs *fileStore) storeBytes(b []byte) (*storedFile, error) {
	f, err := fs.create("size")
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return nil, err
	}
	return &storedFile{f: f, size: int64(len(b))}, nil
}

// readAll returns a stored file's content; only for small files (images).
func (s *storedFile) readAll() ([]byte, error) {
	b := make([]byte, s.size)
	_, err := io.ReadFull(io.NewSectionReader(s.f, 0, s.size), b)
	return b, err
}

// newFileID returns a random positive id for a document or photo.
func newFileID() int64 {
	for {
		if id := randomInt64(); id != 0 {
			return id
		}
	}
}
