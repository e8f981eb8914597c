package client

import (
	"errors"
	"fmt"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Decoding the answers of file downloads: upload.getFile's upload.file or
// upload.fileCdnRedirect, upload.getCdnFile's upload.cdnFile or
// upload.cdnFileReuploadNeeded, and the fileHash vectors. Bytes are views
// of the answer, never copies: the answer is ours, and parts are large.
// Everything a redirect carries is checked before it is used.

// A cdnRedirect is a checked upload.fileCdnRedirect.
type cdnRedirect struct {
	dc     int
	token  []byte
	key    [32]byte
	iv     [16]byte
	hashes []api.FileHash
}

// errBadCDNAnswer marks answers about CDN files that break the protocol.
var errBadCDNAnswer = errors.New("client: malformed CDN answer")

// decodeFileResult reads upload.getFile's answer: the part's bytes, or a
// redirect to a CDN DC.
func decodeFileResult(res []byte) ([]byte, *cdnRedirect, error) {
	d := tl.NewDecoder(res)
	switch id := d.ID(); id {
	case api.UploadFileTypeID:
		api.DecodeStorageFileType(d)
		d.Int32() // mtime
		data := d.BytesView()
		if err := d.End(); err != nil {
			return nil, nil, fmt.Errorf("client: decoding upload.file: %w", err)
		}
		return data, nil, nil
	case api.UploadFileCDNRedirectTypeID:
		var r api.UploadFileCDNRedirect
		r.DecodeBare(d)
		if err := d.End(); err != nil {
			return nil, nil, fmt.Errorf("client: decoding upload.fileCdnRedirect: %w", err)
		}
		red, err := checkRedirect(&r)
		return nil, red, err
	default:
		if err := d.Err(); err != nil {
			return nil, nil, fmt.Errorf("client: decoding the answer of upload.getFile: %w", err)
		}
		return nil, nil, fmt.Errorf("client: upload.getFile returned constructor %#x", id)
	}
}

// checkRedirect checks the fields of a redirect: a CDN DC id, a file
// token, a 256-bit key, a 128-bit IV and well-formed hashes.
func checkRedirect(r *api.UploadFileCDNRedirect) (*cdnRedirect, error) {
	switch {
	case r.DCID <= 0:
		return nil, fmt.Errorf("%w: upload.fileCdnRedirect to DC %d", errBadCDNAnswer, r.DCID)
	case len(r.FileToken) == 0:
		return nil, fmt.Errorf("%w: upload.fileCdnRedirect without a file token", errBadCDNAnswer)
	case len(r.EncryptionKey) != 32:
		return nil, fmt.Errorf("%w: upload.fileCdnRedirect with a key of %d bytes", errBadCDNAnswer, len(r.EncryptionKey))
	case len(r.EncryptionIv) != 16:
		return nil, fmt.Errorf("%w: upload.fileCdnRedirect with an IV of %d bytes", errBadCDNAnswer, len(r.EncryptionIv))
	}
	if err := checkHashes(r.FileHashes); err != nil {
		return nil, err
	}
	red := &cdnRedirect{dc: int(r.DCID), token: r.FileToken, hashes: r.FileHashes}
	copy(red.key[:], r.EncryptionKey)
	copy(red.iv[:], r.EncryptionIv)
	return red, nil
}

// checkHashes checks fileHash entries: a range of the file and a SHA-256
// hash.
func checkHashes(hs []api.FileHash) error {
	for _, h := range hs {
		if h.Offset < 0 || h.Limit <= 0 || len(h.Hash) != 32 {
			return fmt.Errorf("%w: fileHash at %d of %d bytes with a hash of %d bytes", errBadCDNAnswer, h.Offset, h.Limit, len(h.Hash))
		}
	}
	return nil
}

// decodeCDNFile reads upload.getCdnFile's answer: the encrypted bytes, or
// the request token of upload.cdnFileReuploadNeeded.
func decodeCDNFile(res []byte) (data, requestToken []byte, err error) {
	d := tl.NewDecoder(res)
	switch id := d.ID(); id {
	case api.UploadCDNFileTypeID:
		data = d.BytesView()
		if err := d.End(); err != nil {
			return nil, nil, fmt.Errorf("client: decoding upload.cdnFile: %w", err)
		}
		return data, nil, nil
	case api.UploadCDNFileReuploadNeededTypeID:
		tok := d.BytesView()
		if err := d.End(); err != nil {
			return nil, nil, fmt.Errorf("client: decoding upload.cdnFileReuploadNeeded: %w", err)
		}
		if len(tok) == 0 {
			return nil, nil, fmt.Errorf("%w: upload.cdnFileReuploadNeeded without a request token", errBadCDNAnswer)
		}
		return nil, tok, nil
	default:
		if err := d.Err(); err != nil {
			return nil, nil, fmt.Errorf("client: decoding the answer of upload.getCdnFile: %w", err)
		}
		return nil, nil, fmt.Errorf("client: upload.getCdnFile returned constructor %#x", id)
	}
}

// decodeHashes reads the Vector<FileHash> of upload.reuploadCdnFile and
// upload.getCdnFileHashes, and checks the entries.
func decodeHashes(res []byte) ([]api.FileHash, error) {
	d := tl.NewDecoder(res)
	hs := (&api.UploadGetCDNFileHashesRequest{}).DecodeResult(d)
	if err := d.End(); err != nil {
		return nil, fmt.Errorf("client: decoding file hashes: %w", err)
	}
	if err := checkHashes(hs); err != nil {
		return nil, err
	}
	return hs, nil
}
