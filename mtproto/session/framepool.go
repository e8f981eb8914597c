package session

import "sync"

// bigFrame is the size from which the server recycles the buffers of the
// frames it sends: file parts, up to 512 KB each, would otherwise cost an
// allocation, its zeroing and its collection per part.
const bigFrame = 64 << 10

// framePool recycles big frame buffers between the server's sessions
// (which seal frames) and connections (which write and release them).
type framePool struct{ p sync.Pool }

var frames framePool

// frameOverhead bounds what a frame adds to its body: the transport's
// length, the external and internal headers, and up to 1024 bytes of
// padding.
const frameOverhead = 64 + 1024

// get returns an empty buffer for a frame carrying a body of n bytes, or
// nil (seal allocates) for small frames. Buffers are made a little larger
// than asked, so that the parts of one file, all the same size, fit in
// each other's.
func (fp *framePool) get(n int) []byte {
	if n < bigFrame {
		return nil
	}
	if b, ok := fp.p.Get().(*[]byte); ok && cap(*b) >= n+frameOverhead {
		return (*b)[:0]
	}
	return make([]byte, 0, n+n/8+frameOverhead)
}

// put takes back a frame once written.
func (fp *framePool) put(b []byte) {
	if cap(b) < bigFrame || cap(b) > 4<<20 {
		return
	}
	b = b[:0]
	fp.p.Put(&b)
}
