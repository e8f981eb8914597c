package storage

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
)

// FileOptions tune a File. The zero value is the default.
type FileOptions struct {
	// CompactMin is how far, in bytes, the log of incremental saves may
	// grow past the last full rewrite before a save rewrites the whole
	// file, as long as it is also smaller than the data rewritten then.
	// Default 1 MiB.
	CompactMin int64
}

// A File is the embedded Backend: one session file per account, plus a
// lock file next to it (path + ".lock").
//
// The file is a header of two commit slots followed by a log of records,
// each with a CRC-32C. A save appends the changed data, syncs, then writes
// the other header slot to commit it, and syncs again; a crash at any
// moment leaves the previous commit intact. When the log has grown past
// the size of the data (and FileOptions.CompactMin), a save rewrites the
// file instead: to a temporary file in the same directory, synced, renamed
// over the old one, then the directory is synced. See the package
// documentation for the layout.
//
// A File serves one Store, which calls it from one goroutine at a time;
// its methods are not safe for concurrent use.
type File struct {
	path      string
	opts      FileOptions
	lock      *os.File
	f         *os.File
	cur       slot // the loaded or last committed slot
	compact   bool // rewrite at the next Commit
	recovered *CorruptError
	w         recordWriter
	closed    bool
}

// OpenFile opens the session file at path, creating it if it does not
// exist, and reads its header; the Store's Load reads the rest.
//
// It fails with *InUseError when another process or Open holds the
// session, *CorruptError when the header is damaged beyond repair, and
// *VersionError when the file has a format this build cannot read.
func OpenFile(path string, opts FileOptions) (*File, error) {
	if opts.CompactMin <= 0 {
		opts.CompactMin = 1 << 20
	}
	// Work on the file a symlink points to: renaming over the link would
	// replace it, and two links to one file must share one lock.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	lock, err := lockSession(path)
	if err != nil {
		return nil, err
	}
	fl := &File{path: path, opts: opts, lock: lock}
	if err := fl.open(); err != nil {
		unlockSession(lock)
		return nil, err
	}
	return fl, nil
}

func (fl *File) open() error {
	removeTemps(fl.path)
	f, err := os.OpenFile(fl.path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		// A new session: write an empty one, so the file exists from now on.
		return fl.rewrite(func(yield func(*Changes) bool) { yield(&Changes{State: &State{}}) })
	}
	if err != nil {
		return fmt.Errorf("storage: opening session: %w", err)
	}
	fl.f = f
	if err := fl.readHeader(); err != nil {
		f.Close()
		fl.f = nil
		return err
	}
	// Session files hold auth keys: keep them private.
	if st, err := f.Stat(); err == nil && st.Mode().Perm()&0o077 != 0 {
		f.Chmod(0o600)
	}
	return nil
}

func (fl *File) corrupt(off int64, reason string) *CorruptError {
	return &CorruptError{Path: fl.path, Offset: off, Reason: reason}
}

func (fl *File) readHeader() error {
	st, err := fl.f.Stat()
	if err != nil {
		return fmt.Errorf("storage: opening session: %w", err)
	}
	s, recovered, err := readCommit(fl.f, st.Size(), fl.path)
	if err != nil {
		return err
	}
	if recovered != nil {
		fl.recovered = recovered
		fl.compact = true // restore the redundancy of two good slots
	}
	if s.version != FormatVersion {
		fl.compact = true // migrate at the first save
	}
	fl.cur = s
	return nil
}

// readCommit reads the header of a session file of size bytes and returns
// the commit to load, with the damage it worked around, if any.
func readCommit(r io.ReaderAt, size int64, path string) (slot, *CorruptError, error) {
	if size < headerSize {
		return slot{}, nil, &CorruptError{Path: path, Offset: size,
			Reason: fmt.Sprintf("file is %d bytes, shorter than its %d-byte header", size, headerSize)}
	}
	hdr := make([]byte, headerSize)
	if _, err := r.ReadAt(hdr, 0); err != nil {
		return slot{}, nil, fmt.Errorf("storage: reading session header: %w", err)
	}
	s, recovered, cerr := pickSlot(hdr)
	if cerr != nil {
		cerr.Path = path
		return slot{}, nil, cerr
	}
	if recovered != nil {
		recovered.Path = path
	}
	if s.version != FormatVersion && recordDecoders[s.version] == nil {
		return slot{}, nil, &VersionError{Path: path, Version: s.version, Supported: FormatVersion}
	}
	if uint64(size) < s.end {
		return slot{}, nil, &CorruptError{Path: path, Offset: size,
			Reason: fmt.Sprintf("file is %d bytes but commit %d ends at %d: truncated", size, s.seq, s.end)}
	}
	return s, recovered, nil
}

// Path returns the session file's path.
func (fl *File) Path() string { return fl.path }

// Recovered returns the damage Open worked around, as a *CorruptError: a
// damaged header slot, for which the other slot's commit was loaded (the
// newest one, unless the damaged slot held a newer commit). It is nil
// otherwise.
func (fl *File) Recovered() error {
	if fl.recovered == nil {
		return nil
	}
	return fl.recovered
}

// Load reads the committed records in order and passes each to apply.
func (fl *File) Load(apply func(*Changes) error) error {
	return fl.loadRaw(withPeers(apply))
}

func (fl *File) loadRaw(apply func(*Changes) error) error {
	if fl.closed {
		return ErrClosed
	}
	return loadRecords(fl.f, fl.path, fl.cur, apply)
}

// withPeers wraps apply to turn Changes.raw into Changes.Peers.
func withPeers(apply func(*Changes) error) func(*Changes) error {
	return func(c *Changes) error {
		for i := range c.raw {
			c.Peers = append(c.Peers, peerFromStored(&c.raw[i].h, c.raw[i].block))
		}
		c.raw = nil
		return apply(c)
	}
}

// loadRecords decodes the records of the commit s from r.
func loadRecords(r io.ReaderAt, path string, s slot, apply func(*Changes) error) error {
	decode := recordDecoders[s.version]
	size := int64(s.end - headerSize)
	br := bufio.NewReaderSize(io.NewSectionReader(r, headerSize, size), int(min(size+16, 1<<20)))
	var (
		hdr     [recHeaderSize]byte
		payload []byte
		c       Changes
	)
	for off := int64(headerSize); off < int64(s.end); {
		left := int64(s.end) - off
		if left < recHeaderSize {
			return &CorruptError{Path: path, Offset: off, Reason: fmt.Sprintf("%d bytes before the committed end %d, too few for a record", left, s.end)}
		}
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			return readError(path, off, err)
		}
		n := int64(binary.LittleEndian.Uint32(hdr[4:]))
		if n > maxRecordSize || recHeaderSize+n > left {
			return &CorruptError{Path: path, Offset: off + 4, Reason: fmt.Sprintf("record length %d runs past the committed end %d", n, s.end)}
		}
		if int64(cap(payload)) < n {
			payload = make([]byte, n)
		}
		payload = payload[:n]
		if _, err := io.ReadFull(br, payload); err != nil {
			return readError(path, off, err)
		}
		crc := crc32.Update(crc32.Checksum(hdr[4:], castagnoli), castagnoli, payload)
		if crc != binary.LittleEndian.Uint32(hdr[:4]) {
			return &CorruptError{Path: path, Offset: off, Reason: "record checksum mismatch"}
		}
		d := decoder{b: payload, base: off + recHeaderSize}
		c = Changes{raw: c.raw[:0], KV: c.KV[:0], SecretChats: c.SecretChats[:0]}
		decode(hdr[8], &d, &c)
		if d.err != nil {
			d.err.Path = path
			d.err.Reason = fmt.Sprintf("record at %d: %s", off, d.err.Reason)
			return d.err
		}
		if err := apply(&c); err != nil {
			return err
		}
		off += recHeaderSize + n
	}
	return nil
}

func readError(path string, off int64, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &CorruptError{Path: path, Offset: off, Reason: "file ends inside a record"}
	}
	return fmt.Errorf("storage: reading %s at %d: %w", path, off, err)
}

// Commit appends c to the log and commits it, or rewrites the file.
func (fl *File) Commit(c *Changes, all iter.Seq[*Changes]) error {
	if fl.closed {
		return ErrClosed
	}
	fl.w.out = fl.w.out[:0]
	fl.w.changes(c)
	if len(fl.w.out) == 0 && !fl.compact {
		return nil
	}
	logged := int64(fl.cur.end-fl.cur.base) + int64(len(fl.w.out))
	if fl.compact || logged > fl.opts.CompactMin && logged > int64(fl.cur.base-headerSize) {
		return fl.rewrite(all)
	}
	if err := fl.appendCommit(fl.w.out); err != nil {
		fl.compact = true // after a failed write or sync, trust only a new file
		return fmt.Errorf("storage: saving session %s: %w", fl.path, err)
	}
	return nil
}

func (fl *File) appendCommit(records []byte) error {
	if _, err := fl.f.WriteAt(records, int64(fl.cur.end)); err != nil {
		return err
	}
	if err := fl.f.Sync(); err != nil {
		return err
	}
	s := fl.cur
	s.seq++
	s.end += uint64(len(records))
	if _, err := fl.f.WriteAt(s.encode(), int64(s.seq%2)*slotSize); err != nil {
		return err
	}
	if err := fl.f.Sync(); err != nil {
		return err
	}
	fl.cur = s
	return nil
}

// rewrite writes the whole session from all to a new file and renames it
// over the old one.
func (fl *File) rewrite(all iter.Seq[*Changes]) (err error) {
	dir, base := filepath.Split(fl.path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, base+tempSuffix+"*")
	if err != nil {
		return fmt.Errorf("storage: saving session: %w", err)
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		if err != nil {
			fl.compact = true
			err = fmt.Errorf("storage: saving session %s: %w", fl.path, err)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if _, err := bw.Write(make([]byte, headerSize)); err != nil {
		return err
	}
	end := uint64(headerSize)
	var werr error
	for c := range all {
		fl.w.out = fl.w.out[:0]
		fl.w.changes(c)
		if _, werr = bw.Write(fl.w.out); werr != nil {
			break
		}
		end += uint64(len(fl.w.out))
	}
	if werr != nil {
		return werr
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	s := slot{version: FormatVersion, seq: fl.cur.seq + 1, end: end, base: end}
	hdr := append(s.encode(), s.encode()...)
	if _, err := tmp.WriteAt(hdr, 0); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), fl.path); err != nil {
		return err
	}
	renamed = true
	if fl.f != nil {
		fl.f.Close()
	}
	fl.f, fl.cur, fl.compact = tmp, s, false
	return syncDir(dir)
}

const tempSuffix = ".tmp-"

// removeTemps deletes temporary files left by a rewrite that crashed; the
// caller holds the session lock, so none is in use.
func removeTemps(path string) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), base+tempSuffix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Close closes the file and releases the session lock.
func (fl *File) Close() error {
	if fl.closed {
		return ErrClosed
	}
	fl.closed = true
	var err error
	if fl.f != nil {
		err = fl.f.Close()
	}
	unlockSession(fl.lock)
	return err
}
