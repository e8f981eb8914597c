package sandbox

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// CDN DCs (core.telegram.org/cdn). The sandbox runs CDN DCs beside its
// DCs, as Telegram does: they are listed in help.getConfig with the cdn
// flag, make auth keys only with their own RSA key (published by
// help.getCdnConfig, never the DCs' key), serve only upload.getCdnFile,
// initConnection and invokeWithLayer (anything else is CDN_METHOD_INVALID),
// need no authorization, and push no updates. What they serve is in
// files_cdn.go.

// firstCDNDC is the id of the first CDN DC; the ids of Telegram's CDN DCs
// start above 200 too.
const firstCDNDC = 201

// cdnKeyFile is the name of the CDN DCs' key in the data directory.
const cdnKeyFile = "cdn_rsa.pem"

// sharedCDNKey is the CDN key of sandboxes without a data directory: one
// per process, made on first need, since making a 2048-bit key costs a
// noticeable fraction of a second and tests start many sandboxes. (All of
// Telegram's clients share the CDN keys too.)
var sharedCDNKey struct {
	once sync.Once
	key  *rsa.PrivateKey
	err  error
}

func loadCDNKey(dir string) (*rsa.PrivateKey, error) {
	if dir == "" {
		sharedCDNKey.once.Do(func() { sharedCDNKey.key, sharedCDNKey.err = rsa.GenerateKey(rand.Reader, 2048) })
		return sharedCDNKey.key, sharedCDNKey.err
	}
	return loadOrCreateKeyFile(filepath.Join(dir, cdnKeyFile))
}

// startCDNs makes the CDN DCs, listening on the ports after the DCs' (or
// on free ports when port is 0).
func (sb *Sandbox) startCDNs(host string, port int) error {
	if sb.cfg.CDNDCs < 0 {
		return nil
	}
	key, err := loadCDNKey(sb.cfg.DataDir)
	if err != nil {
		return fmt.Errorf("sandbox: CDN key: %w", err)
	}
	sb.cdnKey = key
	for k := range sb.cfg.CDNDCs {
		p := 0
		if port != 0 {
			p = port + sb.cfg.DCs + k
		}
		id := firstCDNDC + k
		l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p)))
		if err != nil {
			return fmt.Errorf("sandbox: CDN DC %d: %w", id, err)
		}
		sb.cdns = append(sb.cdns, newDC(sb, id, l, key, true))
	}
	return nil
}

// CDNDCs returns the CDN DCs, in id order.
func (sb *Sandbox) CDNDCs() []*DC { return sb.cdns }

// CDNDC returns CDN DC id, or nil.
func (sb *Sandbox) CDNDC(id int) *DC {
	for _, dc := range sb.cdns {
		if dc.ID == id {
			return dc
		}
	}
	return nil
}

// CDNPublicKey returns the CDN DCs' RSA public key (nil without CDN DCs).
func (sb *Sandbox) CDNPublicKey() *rsa.PublicKey {
	if sb.cdnKey == nil {
		return nil
	}
	return &sb.cdnKey.PublicKey
}

func init() {
	handlers[api.HelpGetCDNConfigRequestTypeID] = (*call).helpGetCDNConfig
	noLogin[api.HelpGetCDNConfigRequestTypeID] = true
}

// helpGetCDNConfig lists the public keys of the CDN DCs, in PEM, one
// cdnPublicKey per CDN DC.
func (c *call) helpGetCDNConfig(tl.Object) (any, error) {
	sb := c.dc.sb
	cfg := &api.CDNConfig{PublicKeys: []api.CDNPublicKey{}}
	for _, dc := range sb.cdns {
		cfg.PublicKeys = append(cfg.PublicKeys, api.CDNPublicKey{DCID: int32(dc.ID), PublicKey: string(PublicKeyPEM(&sb.cdnKey.PublicKey))})
	}
	return cfg, nil
}

// cdnMethods are all a CDN DC serves: "CDNs support only the following
// methods: upload.getCdnFile, initConnection, invokeWithLayer".
var cdnMethods = map[uint32]bool{
	api.InvokeWithLayerRequestTypeID:  true,
	api.InitConnectionRequestTypeID:   true,
	api.UploadGetCDNFileRequestTypeID: true,
}

// refuseOnCDN answers CDN_METHOD_INVALID for a query a CDN DC does not
// serve.
func (c *call) refuseOnCDN(q tl.Object) error {
	if c.dc.CDN && !cdnMethods[q.TypeID()] {
		return rpcError(400, "CDN_METHOD_INVALID")
	}
	return nil
}

// DefaultCDNMinSize is the size from which documents and photo sizes go
// to a CDN DC by default.
const DefaultCDNMinSize = 1 << 20

// A CDNPolicy decides which files upload.getFile sends to a CDN DC
// (upload.fileCdnRedirect) when the client sets cdn_supported. Documents
// and photo sizes (inputPhotoFileLocation) go there, never documents'
// thumbnails, and never empty files.
//
// Telegram caches "media from public channels with more than 100,000
// subscribers" on its CDNs (core.telegram.org/cdn), "publicly available
// videos and photos posted in massive channels" (telegram.org/blog/
// encrypted-cdns). The sandbox's worlds are small, so by default it treats
// every public broadcast channel (one with a username) as popular: a
// document or photo size of at least DefaultCDNMinSize posted there is
// served by a CDN DC, also where it is forwarded to.
type CDNPolicy struct {
	// Off: no file goes to a CDN DC.
	Off bool
	// Everywhere sends documents and photos to a CDN DC wherever they
	// were posted, not only in public channels.
	Everywhere bool
	// MinSize is the size from which documents and photo sizes go to a
	// CDN DC (0 means DefaultCDNMinSize; 1 means all but empty ones).
	MinSize int64
	// Documents go to a CDN DC whatever their size and wherever they were
	// posted (ids of documents).
	Documents []int64
}

// SetCDNPolicy replaces the CDN policy; redirects already given stay
// valid.
func (sb *Sandbox) SetCDNPolicy(p CDNPolicy) {
	s := sb.cdn
	s.mu.Lock()
	s.policy = p
	s.mu.Unlock()
}

// CDNFaults are the CDN DCs' fault switches.
type CDNFaults struct {
	mu      sync.Mutex
	corrupt int   // answers of upload.getCdnFile left to corrupt; negative: all
	at      int64 // 1 + the offset of the byte to corrupt in every answer; 0: none
}

// CorruptParts makes the next n answers of upload.getCdnFile carry one
// wrong byte (negative n: every answer, 0: none), as a tampering CDN
// would; clients must notice by the file hashes. Answers count as the CDN
// DC makes them, also those to queries a client has given up on.
func (f *CDNFaults) CorruptParts(n int) {
	f.mu.Lock()
	f.corrupt = n
	f.mu.Unlock()
}

// CorruptAt makes every answer of upload.getCdnFile that holds byte off
// of a file carry a wrong byte there (negative off: none).
func (f *CDNFaults) CorruptAt(off int64) {
	f.mu.Lock()
	f.at = max(off+1, 0)
	f.mu.Unlock()
}

// corruption returns the index of the byte to corrupt in the answer
// holding n bytes from offset off, or -1.
func (f *CDNFaults) corruption(off int64, n int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case n == 0:
	case f.at > 0 && f.at-1 >= off && f.at-1 < off+int64(n):
		return int(f.at - 1 - off)
	case f.corrupt < 0:
		return n / 2
	case f.corrupt > 0:
		f.corrupt--
		return n / 2
	}
	return -1
}

// CDNFaults returns the CDN DCs' fault switches.
func (sb *Sandbox) CDNFaults() *CDNFaults { return &sb.cdn.faults }

// EvictCDN makes the CDN DCs forget every file, as when they run out of
// memory: the next upload.getCdnFile of each answers
// upload.cdnFileReuploadNeeded.
func (sb *Sandbox) EvictCDN() {
	s := sb.cdn
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.byToken {
		e.present, e.request = false, nil
	}
}

// ExpireCDNTokens makes every file token handed out so far invalid:
// upload.getCdnFile, upload.reuploadCdnFile and upload.getCdnFileHashes
// answer FILE_TOKEN_INVALID, and clients go on with upload.getFile.
func (sb *Sandbox) ExpireCDNTokens() {
	s := sb.cdn
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.byToken)
	clear(s.byFile)
}

// CDNStats counts what the CDN machinery served.
type CDNStats struct {
	Redirects   int // upload.fileCdnRedirect answers
	Parts       int // upload.cdnFile answers
	Reuploads   int // successful upload.reuploadCdnFile
	HashQueries int // upload.getCdnFileHashes
}

// CDNStats returns the counts so far.
func (sb *Sandbox) CDNStats() CDNStats {
	s := sb.cdn
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}
