package crypto

import (
	"crypto/aes"
	"crypto/cipher"
)

// The fast path of IGE, for AES-256 (every key MTProto uses) on CPUs with
// AES-NI: the whole chain runs in assembly (ige_amd64.s) with the round
// keys in registers, which halves the time per block against calling
// crypto/aes block by block. Elsewhere, igeCrypt does the work.

// An igeSched is the round keys of one direction, and rk[0] ^ rk[14],
// which the assembly uses to undo the first round's key and apply the
// last one's in a single XOR. Its layout is the assembly's.
type igeSched struct {
	rk    [15][16]byte
	k0k14 [16]byte
}

// aes256IGE is an AES-256 key expanded for both directions.
type aes256IGE struct {
	enc, dec igeSched
}

func (k *aes256IGE) expand(key *[32]byte) {
	expandKey256(key, &k.enc.rk, &k.dec.rk)
	for _, s := range []*igeSched{&k.enc, &k.dec} {
		for i := range 16 {
			s.k0k14[i] = s.rk[0][i] ^ s.rk[14][i]
		}
	}
}

func (k *aes256IGE) sched(decrypt bool) *igeSched {
	if decrypt {
		return &k.dec
	}
	return &k.enc
}

// ige256 runs whole blocks of src through IGE under an AES-256 key into
// dst (equal to src or not overlapping it) and returns the state after
// the last one.
func ige256(key *[32]byte, decrypt bool, s igeState, dst, src []byte) igeState {
	if len(src) == 0 {
		return s
	}
	if !hasAESIGE {
		b, err := aes.NewCipher(key[:])
		if err != nil {
			panic(err) // unreachable: the key is 32 bytes
		}
		return igeCrypt(b, decrypt, s, dst, src)
	}
	var k aes256IGE
	k.expand(key)
	igeBlocks(k.sched(decrypt), &s, &dst[0], &src[0], len(src), decrypt)
	k = aes256IGE{} // the round keys are as secret as the key
	return s
}

// NewAESIGEEncrypter returns a BlockMode that encrypts in IGE mode with AES
// under key (16, 24 or 32 bytes), starting from the 32-byte iv. It is
// NewIGEEncrypter(aes.NewCipher(key), iv), faster for AES-256 where the
// CPU has AES instructions: the mode MTProto's messages use.
func NewAESIGEEncrypter(key, iv []byte) (cipher.BlockMode, error) {
	return newAESIGE(key, iv, false)
}

// NewAESIGEDecrypter returns a BlockMode that decrypts in IGE mode; see
// NewAESIGEEncrypter.
func NewAESIGEDecrypter(key, iv []byte) (cipher.BlockMode, error) {
	return newAESIGE(key, iv, true)
}

func newAESIGE(key, iv []byte, decrypt bool) (cipher.BlockMode, error) {
	if len(key) != 32 || !hasAESIGE {
		b, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		if decrypt {
			return NewIGEDecrypter(b, iv), nil
		}
		return NewIGEEncrypter(b, iv), nil
	}
	if len(iv) != igeIVSize {
		panic("crypto: IGE iv length must be 32 bytes")
	}
	var k aes256IGE
	k.expand((*[32]byte)(key))
	return &aes256IGEMode{s: *k.sched(decrypt), st: loadIV(iv, decrypt), decrypt: decrypt}, nil
}

// aes256IGEMode is the BlockMode of the fast path.
type aes256IGEMode struct {
	s       igeSched
	st      igeState
	decrypt bool
}

func (m *aes256IGEMode) BlockSize() int { return aes.BlockSize }

func (m *aes256IGEMode) CryptBlocks(dst, src []byte) {
	checkBlocks(dst, src)
	if len(src) == 0 {
		return
	}
	igeBlocks(&m.s, &m.st, &dst[0], &src[0], len(src), m.decrypt)
}
