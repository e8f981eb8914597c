package client

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"sort"
	"sync"

	"github.com/luagram/luagram/tl/api"
)

// The SHA-256 hashes of a CDN file (core.telegram.org/cdn, "Verifying
// files"): the file's DC gives them, in fileCdnRedirect,
// upload.reuploadCdnFile and upload.getCdnFileHashes, each for a range of
// the file (offset, limit); every byte from the CDN DC is checked against
// them before it is handed on.

// A CDNHashError reports bytes from a CDN DC that do not match the SHA-256
// hash the file's DC gave for them: the CDN DC sent corrupted or forged
// data. None of the part was handed on.
type CDNHashError struct {
	DC     int   // the CDN DC
	Offset int64 // the first byte of the range whose hash does not match
	Limit  int   // the length of the range
}

func (e *CDNHashError) Error() string {
	return fmt.Sprintf("client: CDN DC %d sent bytes [%d, %d) that do not match their SHA-256 hash", e.DC, e.Offset, e.Offset+int64(e.Limit))
}

// cdnHashes are the hashes known of a CDN file, sorted by offset. It is
// safe for concurrent use.
type cdnHashes struct {
	mu   sync.Mutex
	list []api.FileHash
}

// add records checked hashes; a hash of an offset already known replaces
// the old one.
func (s *cdnHashes) add(hs []api.FileHash) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range hs {
		i := sort.Search(len(s.list), func(i int) bool { return s.list[i].Offset >= h.Offset })
		if i < len(s.list) && s.list[i].Offset == h.Offset {
			s.list[i] = h
			continue
		}
		s.list = append(s.list, api.FileHash{})
		copy(s.list[i+1:], s.list[i:])
		s.list[i] = h
	}
}

// at returns the hash whose range holds byte off.
func (s *cdnHashes) at(off int64) (api.FileHash, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := sort.Search(len(s.list), func(i int) bool { return s.list[i].Offset > off }) - 1
	if i >= 0 && off < s.list[i].Offset+int64(s.list[i].Limit) {
		return s.list[i], true
	}
	return api.FileHash{}, false
}

// verify checks data, the bytes of the file from offset lo, against the
// hashes of cover, which lie within it.
func verify(cdnDC int, lo int64, data []byte, cover []api.FileHash) error {
	for _, h := range cover {
		a, b := h.Offset-lo, h.Offset-lo+int64(h.Limit)
		if a < 0 || b > int64(len(data)) {
			return &CDNHashError{DC: cdnDC, Offset: h.Offset, Limit: int(h.Limit)} // short
		}
		sum := sha256.Sum256(data[a:b])
		if subtle.ConstantTimeCompare(sum[:], h.Hash) != 1 {
			return &CDNHashError{DC: cdnDC, Offset: h.Offset, Limit: int(h.Limit)}
		}
	}
	return nil
}
