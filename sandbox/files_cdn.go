package sandbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Files served by the CDN DCs (core.telegram.org/cdn).
//
// When the policy (CDNPolicy) sends a document or a photo size to a CDN DC, upload.getFile
// with cdn_supported answers upload.fileCdnRedirect: the CDN DC, a file
// token, the AES-256-CTR key and IV the CDN's copy is encrypted with, and
// the SHA-256 hashes of the first parts from the requested offset. Each
// document and photo size has one such entry (one token, key and IV) until
// ExpireCDNTokens.
//
// A CDN DC starts without the file, as a CDN whose cache has not got it
// yet: the first upload.getCdnFile answers upload.cdnFileReuploadNeeded
// with a request token, and upload.reuploadCdnFile on the master DC (the
// one that gave the redirect) with that token puts the file there and
// answers hashes. From then on upload.getCdnFile answers the encrypted
// bytes, with the limits of upload.getFile. upload.getCdnFileHashes on the
// master DC answers more hashes.

// cdnHashPart is how much of the file each fileHash covers (the last one
// what is left). The docs leave it to the server, each fileHash saying
// its offset and limit; Telegram's servers use 128 KB.
const cdnHashPart = 128 << 10

// cdnHashesPerAnswer is how many hashes fileCdnRedirect,
// upload.reuploadCdnFile and upload.getCdnFileHashes carry at most: those
// of 1 MB, so that longer downloads must ask for more.
const cdnHashesPerAnswer = 8

// A cdnStore keeps what the CDN DCs serve, shared by all DCs.
type cdnStore struct {
	mu      sync.Mutex
	policy  CDNPolicy
	popular map[cdnFile]bool     // documents and photos posted in public channels (size "")
	byToken map[string]*cdnEntry // by file token
	byFile  map[cdnFile]*cdnEntry
	stats   CDNStats
	faults  CDNFaults
}

func newCDNStore(p CDNPolicy) *cdnStore {
	return &cdnStore{policy: p, popular: map[cdnFile]bool{}, byToken: map[string]*cdnEntry{}, byFile: map[cdnFile]*cdnEntry{}}
}

// A cdnFile names a file the CDN DCs may serve: a document, or one size
// of a photo.
type cdnFile struct {
	photo bool
	id    int64
	size  string // the photo size's type
}

// A cdnEntry is a file as the CDN DCs serve it.
type cdnEntry struct {
	token  []byte
	what   cdnFile
	file   *storedFile
	master int // the DC that redirected (the file's)
	cdn    int // the CDN DC
	key    [32]byte
	iv     [16]byte
	// present: the CDN DC has the file; request is the request token of
	// upload.cdnFileReuploadNeeded until it has. Guarded by cdnStore.mu.
	present bool
	request []byte

	hashMu sync.Mutex
	hashes [][]byte // SHA-256 of each cdnHashPart, computed on first need
}

// markPopular records that a document or photo was posted in a public
// channel. Call with or without the world's lock, never with the store's.
func (sb *Sandbox) markPopular(media api.MessageMediaClass) {
	var f cdnFile
	switch m := media.(type) {
	case *api.MessageMediaDocument:
		d, ok := m.Document.(*api.Document)
		if !ok {
			return
		}
		f = cdnFile{id: d.ID}
	case *api.MessageMediaPhoto:
		p, ok := m.Photo.(*api.Photo)
		if !ok {
			return
		}
		f = cdnFile{photo: true, id: p.ID}
	default:
		return
	}
	s := sb.cdn
	s.mu.Lock()
	s.popular[f] = true
	s.mu.Unlock()
}

// route returns the CDN DC a file of size bytes goes to, or 0. Call with
// s.mu held.
func (s *cdnStore) route(cdns []*DC, f cdnFile, size int64) int {
	p := s.policy
	if p.Off || size == 0 || len(cdns) == 0 {
		return 0
	}
	if f.photo || !slices.Contains(p.Documents, f.id) {
		minSize := p.MinSize
		if minSize == 0 {
			minSize = DefaultCDNMinSize
		}
		if size < minSize || !p.Everywhere && !s.popular[cdnFile{photo: f.photo, id: f.id}] {
			return 0
		}
	}
	return cdns[uint64(f.id)%uint64(len(cdns))].ID
}

// cdnRedirect returns the redirect upload.getFile answers for a document
// or photo size on DC master with cdn_supported set, or nil if the file is
// served by its DC.
func (sb *Sandbox) cdnRedirect(master int, f cdnFile, file *storedFile, offset int64) (*api.UploadFileCDNRedirect, error) {
	s := sb.cdn
	s.mu.Lock()
	cdn := s.route(sb.cdns, f, file.size)
	if cdn == 0 {
		s.mu.Unlock()
		return nil, nil
	}
	e := s.byFile[f]
	if e == nil || e.cdn != cdn {
		e = &cdnEntry{token: randomBytes(32), what: f, file: file, master: master, cdn: cdn}
		copy(e.key[:], randomBytes(len(e.key)))
		copy(e.iv[:], randomBytes(len(e.iv)))
		if old := s.byFile[f]; old != nil {
			delete(s.byToken, string(old.token))
		}
		s.byFile[f] = e
		s.byToken[string(e.token)] = e
	}
	s.stats.Redirects++
	s.mu.Unlock()
	hashes, err := e.hashesFrom(offset)
	if err != nil {
		return nil, err
	}
	return &api.UploadFileCDNRedirect{DCID: int32(e.cdn), FileToken: e.token, EncryptionKey: e.key[:],
		EncryptionIv: e.iv[:], FileHashes: hashes}, nil
}

// entry returns the entry of a file token if it is valid on DC dc (the
// CDN DC for upload.getCdnFile, the master DC for the others).
func (s *cdnStore) entry(token []byte, dc int, onCDN bool) (*cdnEntry, error) {
	e := s.byToken[string(token)]
	if e == nil || onCDN && e.cdn != dc || !onCDN && e.master != dc {
		return nil, rpcError(400, "FILE_TOKEN_INVALID")
	}
	return e, nil
}

// hashesFrom returns the hashes of up to cdnHashesPerAnswer parts, from
// the part holding offset (none past the end).
func (e *cdnEntry) hashesFrom(offset int64) ([]api.FileHash, error) {
	size := e.file.size
	parts := int((size + cdnHashPart - 1) / cdnHashPart)
	first := int(min(offset/cdnHashPart, int64(parts)))
	last := min(first+cdnHashesPerAnswer, parts)
	e.hashMu.Lock()
	defer e.hashMu.Unlock()
	if e.hashes == nil {
		e.hashes = make([][]byte, parts)
	}
	out := []api.FileHash{}
	var buf []byte
	for i := first; i < last; i++ {
		off := int64(i) * cdnHashPart
		n := min(cdnHashPart, size-off)
		if e.hashes[i] == nil {
			if buf == nil {
				buf = make([]byte, cdnHashPart)
			}
			if _, err := e.file.ReadAt(buf[:n], off); err != nil && !errors.Is(err, io.EOF) {
				return nil, err
			}
			sum := sha256.Sum256(buf[:n])
			e.hashes[i] = sum[:]
		}
		out = append(out, api.FileHash{Offset: off, Limit: int32(n), Hash: e.hashes[i]})
	}
	return out, nil
}

func init() {
	handlers[api.UploadGetCDNFileRequestTypeID] = (*call).uploadGetCDNFile
	handlers[api.UploadReuploadCDNFileRequestTypeID] = (*call).uploadReuploadCDNFile
	handlers[api.UploadGetCDNFileHashesRequestTypeID] = (*call).uploadGetCDNFileHashes
	// CDN DCs know no accounts.
	noLogin[api.UploadGetCDNFileRequestTypeID] = true
}

// uploadGetCDNFile serves a CDN DC's encrypted copy of a file.
func (c *call) uploadGetCDNFile(q tl.Object) (any, error) {
	r := q.(*api.UploadGetCDNFileRequest)
	if !c.dc.CDN {
		return nil, rpcError(404, "METHOD_INVALID")
	}
	if err := checkFileRange(r.Offset, r.Limit, false); err != nil {
		return nil, err
	}
	s := c.dc.sb.cdn
	s.mu.Lock()
	e, err := s.entry(r.FileToken, c.dc.ID, true)
	if err != nil {
		s.mu.Unlock()
		return nil, err
	}
	if !e.present {
		if e.request == nil {
			e.request = randomBytes(16)
		}
		tok := e.request
		s.mu.Unlock()
		return &api.UploadCDNFileReuploadNeeded{RequestToken: tok}, nil
	}
	s.stats.Parts++
	s.mu.Unlock()
	n := int64(0)
	if r.Offset < e.file.size {
		n = min(int64(r.Limit), e.file.size-r.Offset)
	}
	return &cdnPart{e: e, off: r.Offset, n: int(n), corrupt: s.faults.corruption(r.Offset, int(n))}, nil
}

// uploadReuploadCDNFile puts a file on its CDN DC.
func (c *call) uploadReuploadCDNFile(q tl.Object) (any, error) {
	r := q.(*api.UploadReuploadCDNFileRequest)
	s := c.dc.sb.cdn
	s.mu.Lock()
	e, err := s.entry(r.FileToken, c.dc.ID, false)
	if err != nil {
		s.mu.Unlock()
		return nil, err
	}
	if e.present || e.request == nil || !hmac.Equal(e.request, r.RequestToken) {
		s.mu.Unlock()
		return nil, rpcError(400, "REQUEST_TOKEN_INVALID")
	}
	e.present, e.request = true, nil
	s.stats.Reuploads++
	s.mu.Unlock()
	hashes, err := e.hashesFrom(0)
	if err != nil {
		return nil, err
	}
	return hashVector(hashes), nil
}

// uploadGetCDNFileHashes answers the hashes of a CDN file from an offset.
func (c *call) uploadGetCDNFileHashes(q tl.Object) (any, error) {
	r := q.(*api.UploadGetCDNFileHashesRequest)
	if r.Offset < 0 {
		return nil, rpcError(400, "OFFSET_INVALID")
	}
	s := c.dc.sb.cdn
	s.mu.Lock()
	e, err := s.entry(r.FileToken, c.dc.ID, false)
	if err == nil {
		s.stats.HashQueries++
	}
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	hashes, err := e.hashesFrom(r.Offset)
	if err != nil {
		return nil, err
	}
	return hashVector(hashes), nil
}

func hashVector(hashes []api.FileHash) rawResult {
	var b tl.Buffer
	b.VectorHeader(len(hashes))
	for i := range hashes {
		b.Object(&hashes[i], "fileHash")
	}
	return rawResult(b.Buf)
}

// cdnIV returns the IV of the part at offset: encryption_iv with its last
// 4 bytes replaced by offset / 16, big-endian (core.telegram.org/cdn,
// "Decrypting files").
func cdnIV(iv [16]byte, offset int64) []byte {
	binary.BigEndian.PutUint32(iv[12:], uint32(offset/16))
	return iv[:]
}

// A cdnPart is an upload.cdnFile answer, read from the stored file and
// encrypted straight into the encoded answer.
type cdnPart struct {
	e       *cdnEntry
	off     int64
	n       int
	corrupt int // index of a byte to corrupt (CDNFaults), or -1
}

func (*cdnPart) TypeID() uint32   { return api.UploadCDNFileTypeID }
func (*cdnPart) TypeName() string { return "upload.cdnFile" }

// EncodeBare writes the field of upload.cdnFile: bytes, with TL's length
// prefix and padding.
func (p *cdnPart) EncodeBare(b *tl.Buffer) {
	head := 1
	if p.n < 254 {
		b.Buf = append(b.Buf, byte(p.n))
	} else {
		head = 4
		b.Buf = append(b.Buf, 254, byte(p.n), byte(p.n>>8), byte(p.n>>16))
	}
	start := len(b.Buf)
	b.Buf = slices.Grow(b.Buf, p.n+3)[:start+p.n]
	data := b.Buf[start:]
	if _, err := p.e.file.ReadAt(data, p.off); err != nil && !errors.Is(err, io.EOF) {
		b.Fail(err)
		return
	}
	block, err := aes.NewCipher(p.e.key[:])
	if err != nil {
		b.Fail(err)
		return
	}
	cipher.NewCTR(block, cdnIV(p.e.iv, p.off)).XORKeyStream(data, data)
	if p.corrupt >= 0 && p.corrupt < p.n {
		data[p.corrupt] ^= 0x5a
	}
	for (head+p.n)%4 != 0 {
		b.Buf = append(b.Buf, 0)
		head++
	}
}

// DecodeBare is never used: a cdnPart is only ever sent.
func (p *cdnPart) DecodeBare(d *tl.Decoder) {
	d.Fail(tl.ErrUnexpectedID, "upload.cdnFile is encode-only here")
}

func (p *cdnPart) String() string {
	return fmt.Sprintf(`{"_":"upload.cdnFile","bytes":"(%d bytes)"}`, p.n)
}
