package transport

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// headerLen is the size of the obfuscated2 initialization payload.
const headerLen = 64

// maxInitAttempts bounds the search for an acceptable random header; a
// working random source needs one or two.
const maxInitAttempts = 100

// forbiddenFirstWords are the first four bytes a random header must not
// start with, lest the server read it as another transport: HEAD, POST,
// GET, OPTI(ONS), a TLS record header, padded intermediate and intermediate.
var forbiddenFirstWords = [...][4]byte{
	{'H', 'E', 'A', 'D'},
	{'P', 'O', 'S', 'T'},
	{'G', 'E', 'T', ' '},
	{'O', 'P', 'T', 'I'},
	{0x16, 0x03, 0x01, 0x02},
	{0xdd, 0xdd, 0xdd, 0xdd},
	{0xee, 0xee, 0xee, 0xee},
}

// validInit reports whether a random header is safe to send, quoting
// core.telegram.org/mtproto/mtproto-transports#transport-obfuscation:
// "the first four bytes must not be equal to 0xdddddddd (padded
// intermediate), 0xeeeeeeee (intermediate), POST, GET, HEAD, or any of the
// HTTP methods that are accepted by the MTProto servers. The first byte must
// also not be equal to 0xef (abridged). Bytes 4-8 must also not be equal to
// 0x00000000, since that would indicate use of the full transport".
func validInit(h *[headerLen]byte) bool {
	if h[0] == 0xef {
		return false
	}
	for _, w := range forbiddenFirstWords {
		if [4]byte(h[:4]) == w {
			return false
		}
	}
	return [4]byte(h[4:8]) != [4]byte{}
}

// newInit draws a 64-byte initialization payload from r, retrying until
// validInit accepts it, and stores the protocol tag at offset 56 and, when dc
// is not 0, the DC id as int16 LE at offset 60 (only MTProxy needs it).
func newInit(r io.Reader, tag [4]byte, dc int16) (init [headerLen]byte, err error) {
	for range maxInitAttempts {
		if _, err := io.ReadFull(r, init[:]); err != nil {
			return init, fmt.Errorf("transport: generating obfuscated2 header: %w", err)
		}
		if validInit(&init) {
			copy(init[56:60], tag[:])
			if dc != 0 {
				binary.LittleEndian.PutUint16(init[60:62], uint16(dc))
			}
			return init, nil
		}
	}
	return init, errors.New("transport: generating obfuscated2 header: random source keeps producing forbidden headers")
}

// obfuscationKeys holds the AES-256-CTR keys and IVs of both directions, as
// seen by the client: enc for client to server, dec for server to client.
type obfuscationKeys struct {
	encKey [32]byte
	encIV  [16]byte
	decKey [32]byte
	decIV  [16]byte
}

// deriveKeys computes the keys from a header (plain bytes 8..56 are the same
// in the sent header and in the initialization payload): encryption from
// bytes 8..40 and 40..56, decryption from the same bytes of the reversed
// header, each key replaced by SHA256(key || secret) when there is a secret.
func deriveKeys(h *[headerLen]byte, secret []byte) obfuscationKeys {
	var k obfuscationKeys
	var rev [headerLen]byte
	for i, b := range h {
		rev[headerLen-1-i] = b
	}
	copy(k.encKey[:], h[8:40])
	copy(k.encIV[:], h[40:56])
	copy(k.decKey[:], rev[8:40])
	copy(k.decIV[:], rev[40:56])
	if secret != nil {
		k.encKey = keyWithSecret(k.encKey, secret)
		k.decKey = keyWithSecret(k.decKey, secret)
	}
	return k
}

func keyWithSecret(key [32]byte, secret []byte) [32]byte {
	h := sha256.New()
	h.Write(key[:])
	h.Write(secret)
	return [32]byte(h.Sum(nil))
}

// newCTR returns an AES-256-CTR stream.
func newCTR(key [32]byte, iv [16]byte) cipher.Stream {
	b, err := aes.NewCipher(key[:])
	if err != nil {
		panic("transport: aes.NewCipher with a 32-byte key: " + err.Error()) // unreachable
	}
	return cipher.NewCTR(b, iv[:])
}

// clientHeader returns the header to send for init, and the client's two
// streams: the encryption stream has already consumed the 64 bytes of the
// header, as the spec requires.
func clientHeader(init [headerLen]byte, secret []byte) (header [headerLen]byte, enc, dec cipher.Stream) {
	k := deriveKeys(&init, secret)
	enc = newCTR(k.encKey, k.encIV)
	dec = newCTR(k.decKey, k.decIV)
	var encrypted [headerLen]byte
	enc.XORKeyStream(encrypted[:], init[:])
	header = init
	copy(header[56:], encrypted[56:])
	return header, enc, dec
}

// serverHeader decrypts a received header, returning the protocol and DC id
// it carries and the server's two streams (enc for server to client).
func serverHeader(header [headerLen]byte, secret []byte) (p Protocol, dc int16, enc, dec cipher.Stream, err error) {
	k := deriveKeys(&header, secret)
	dec = newCTR(k.encKey, k.encIV)
	enc = newCTR(k.decKey, k.decIV)
	var plain [headerLen]byte
	dec.XORKeyStream(plain[:], header[:])
	p, ok := protocolOfTag([4]byte(plain[56:60]))
	if !ok {
		return 0, 0, nil, nil, fmt.Errorf("%w: obfuscated2 protocol tag %x (wrong MTProxy secret?)", ErrUnknownTransport, plain[56:60])
	}
	dc = int16(binary.LittleEndian.Uint16(plain[60:62]))
	return p, dc, enc, dec, nil
}

// obfuscated encrypts everything written and decrypts everything read with
// the two AES-256-CTR streams of an obfuscated2 connection. A client's
// header is sent in front of the first write.
type obfuscated struct {
	r       io.Reader
	w       io.Writer
	enc     cipher.Stream
	dec     cipher.Stream
	pending []byte // header not yet sent
	buf     []byte // encryption scratch, obfuscatedChunk bytes
}

const obfuscatedChunk = 16 << 10

func newObfuscated(r io.Reader, w io.Writer, enc, dec cipher.Stream, pending []byte) *obfuscated {
	return &obfuscated{r: r, w: w, enc: enc, dec: dec, pending: pending, buf: make([]byte, obfuscatedChunk)}
}

// Read reads and decrypts in place.
func (o *obfuscated) Read(p []byte) (int, error) {
	n, err := o.r.Read(p)
	o.dec.XORKeyStream(p[:n], p[:n])
	return n, err
}

// Write encrypts p chunk by chunk into scratch space and writes it; p itself
// is left untouched.
func (o *obfuscated) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 || len(o.pending) > 0 {
		b := append(o.buf[:0], o.pending...)
		n := min(len(p), cap(b)-len(b))
		b = b[:len(b)+n]
		o.enc.XORKeyStream(b[len(o.pending):], p[:n])
		if _, err := o.w.Write(b); err != nil {
			return written, err
		}
		o.pending = nil
		written += n
		p = p[n:]
	}
	return written, nil
}
