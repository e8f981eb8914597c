package sandbox

import (
	"crypto/hmac"
	cryptorand "crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"time"

	"github.com/luagram/luagram/tl/api"
)

// File references (core.telegram.org/api/file_reference) are opaque to
// clients. The sandbox's are a kind byte, a generation and a MAC of the
// three: a reference is valid only in the generation it was made in. A new
// generation starts when ExpireFileReferences is called or, if set, when
// the reference lifetime has passed; every stored message then gets fresh
// references, so fetching the message again (or the photo) gives one that
// works, as on Telegram.
type fileRefs struct {
	secret   [32]byte
	gen      uint32
	since    time.Time
	lifetime time.Duration
}

// Kinds of file references.
const (
	refDocument = 'd'
	refPhoto    = 'p'
)

const refLen = 1 + 4 + 16

func (r *fileRefs) init(now time.Time) {
	cryptorand.Read(r.secret[:])
	r.gen, r.since = 1, now
}

func (r *fileRefs) mac(kind byte, id int64, gen uint32) []byte {
	m := hmac.New(sha256.New, r.secret[:])
	var b [13]byte
	b[0] = kind
	binary.LittleEndian.PutUint64(b[1:], uint64(id))
	binary.LittleEndian.PutUint32(b[9:], gen)
	m.Write(b[:])
	return m.Sum(nil)[:16]
}

// make returns the current reference of a document or photo.
func (r *fileRefs) make(kind byte, id int64) []byte {
	ref := make([]byte, 5, refLen)
	ref[0] = kind
	binary.LittleEndian.PutUint32(ref[1:], r.gen)
	return append(ref, r.mac(kind, id, r.gen)...)
}

// check validates a reference given for a document or photo.
func (r *fileRefs) check(kind byte, id int64, ref []byte) error {
	if len(ref) == 0 {
		return rpcError(400, "FILE_REFERENCE_EMPTY")
	}
	if len(ref) != refLen || ref[0] != kind {
		return rpcError(400, "FILE_REFERENCE_INVALID")
	}
	gen := binary.LittleEndian.Uint32(ref[1:])
	if !hmac.Equal(ref[5:], r.mac(kind, id, gen)) || gen > r.gen {
		return rpcError(400, "FILE_REFERENCE_INVALID")
	}
	if gen != r.gen {
		return rpcError(400, "FILE_REFERENCE_EXPIRED")
	}
	return nil
}

// due reports whether the lifetime of the current generation has passed.
func (r *fileRefs) due(now time.Time) bool {
	return r.lifetime > 0 && now.Sub(r.since) >= r.lifetime
}

// ExpireFileReferences makes every file reference handed out so far
// expire: using one gives FILE_REFERENCE_EXPIRED, and the messages that
// carry the files are given new ones.
func (sb *Sandbox) ExpireFileReferences() {
	w := sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	fs := sb.files
	fs.mu.Lock()
	fs.refs.gen++
	fs.refs.since = fs.now()
	fs.mu.Unlock()
	sb.refreshMessageMedia(w)
}

// SetFileReferenceLifetime makes file references expire d after they were
// made (0, the default, keeps them until ExpireFileReferences).
func (sb *Sandbox) SetFileReferenceLifetime(d time.Duration) {
	fs := sb.files
	fs.mu.Lock()
	fs.refs.lifetime = d
	fs.mu.Unlock()
}

// tickFileReferences starts a new generation if the lifetime of the
// current one has passed. Call without locks held.
func (sb *Sandbox) tickFileReferences() {
	fs := sb.files
	fs.mu.Lock()
	due := fs.refs.due(fs.now())
	fs.mu.Unlock()
	if !due {
		return
	}
	w := sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	fs.mu.Lock()
	due = fs.refs.due(fs.now())
	if due {
		fs.refs.gen++
		fs.refs.since = fs.now()
	}
	fs.mu.Unlock()
	if due {
		sb.refreshMessageMedia(w)
	}
}

// refreshMessageMedia gives every stored message with a photo or document
// the current file reference. Messages are replaced, never changed in
// place: a copy may be being encoded for a client at the same time. Call
// with w.mu held.
func (sb *Sandbox) refreshMessageMedia(w *world) {
	boxes := make([]*messageBox, 0, len(w.users)+len(w.channels))
	for _, u := range w.users {
		boxes = append(boxes, u.box)
	}
	for _, ch := range w.channels {
		boxes = append(boxes, ch.box)
	}
	fs := sb.files
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, b := range boxes {
		for id, m := range b.messages {
			if media := fs.freshMedia(m.Media); media != nil {
				cp := *m
				cp.Media = media
				b.messages[id] = &cp
			}
		}
	}
}

// freshMedia returns media with current file references, or nil if it
// carries none. Call with fs.mu held.
func (fs *fileStore) freshMedia(media api.MessageMediaClass) api.MessageMediaClass {
	switch x := media.(type) {
	case *api.MessageMediaPhoto:
		p, ok := x.Photo.(*api.Photo)
		if !ok {
			return nil
		}
		cp, pc := *x, *p
		pc.FileReference = fs.refs.make(refPhoto, p.ID)
		cp.Photo = &pc
		return &cp
	case *api.MessageMediaDocument:
		d, ok := x.Document.(*api.Document)
		if !ok {
			return nil
		}
		cp, dc := *x, *d
		dc.FileReference = fs.refs.make(refDocument, d.ID)
		cp.Document = &dc
		return &cp
	}
	return nil
}
