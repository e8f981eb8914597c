package crypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
)

// IGE (Infinite Garble Extension) chains blocks both ways:
//
//	y[i] = E(x[i] ^ y[i-1]) ^ x[i-1]
//	x[i] = D(y[i] ^ x[i-1]) ^ y[i-1]
//
// where x is plaintext and y ciphertext. The initialization vector is 32
// bytes in the OpenSSL and Telegram layout: iv[:16] is y[0], the "previous
// ciphertext block", and iv[16:] is x[0], the "previous plaintext block".
//
// Each block depends on the previous output, so neither direction can be
// parallelized: speed is bound by the latency of AES, block after block,
// not by its throughput.

const igeIVSize = 2 * aes.BlockSize

// EncryptIGE encrypts src into dst with AES in IGE mode under key, a 16, 24
// or 32 byte AES key (Telegram always uses AES-256), and the 32-byte iv.
// dst and src must overlap entirely or not at all.
//
// The error is an aes.KeySizeError if key has a bad length. Like
// cipher.BlockMode, EncryptIGE panics if len(iv) is not 32, len(src) is not
// a multiple of 16 or dst is shorter than src: lengths are the caller's to
// get right.
func EncryptIGE(key, iv, dst, src []byte) error {
	if len(key) == 32 {
		checkIGE(iv, dst, src)
		ige256((*[32]byte)(key), false, loadIV(iv, false), dst[:len(src)], src)
		return nil
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return err
	}
	checkIGE(iv, dst, src)
	igeEncrypt(b, loadIV(iv, false), dst[:len(src)], src)
	return nil
}

// DecryptIGE decrypts src into dst; it is the inverse of EncryptIGE and
// has the same requirements.
func DecryptIGE(key, iv, dst, src []byte) error {
	if len(key) == 32 {
		checkIGE(iv, dst, src)
		ige256((*[32]byte)(key), true, loadIV(iv, true), dst[:len(src)], src)
		return nil
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return err
	}
	checkIGE(iv, dst, src)
	igeDecrypt(b, loadIV(iv, true), dst[:len(src)], src)
	return nil
}

// NewIGEEncrypter returns a BlockMode that encrypts in IGE mode with b, a
// block cipher with 16-byte blocks, starting from the 32-byte iv. The mode
// keeps the chaining state between calls to CryptBlocks, so a long input may
// be encrypted in pieces. To encrypt many messages under one key, expand the
// key once with aes.NewCipher and make a mode per message.
func NewIGEEncrypter(b cipher.Block, iv []byte) cipher.BlockMode {
	checkIGEBlock(b, iv)
	return &igeMode{b: b, s: loadIV(iv, false)}
}

// NewIGEDecrypter returns a BlockMode that decrypts in IGE mode; see
// NewIGEEncrypter.
func NewIGEDecrypter(b cipher.Block, iv []byte) cipher.BlockMode {
	checkIGEBlock(b, iv)
	return &igeMode{b: b, s: loadIV(iv, true), decrypt: true}
}

type igeMode struct {
	b       cipher.Block
	s       igeState
	decrypt bool
}

func (m *igeMode) BlockSize() int { return aes.BlockSize }

func (m *igeMode) CryptBlocks(dst, src []byte) {
	checkBlocks(dst, src)
	m.s = igeCrypt(m.b, m.decrypt, m.s, dst[:len(src)], src)
}

// Both directions have the same shape. With in and out the input and
// output blocks,
//
//	out[i] = F(in[i] ^ out[i-1]) ^ in[i-1]
//
// where F is E for encryption and D for decryption. igeState holds
// out[i-1] and in[i-1]: (y, x) when encrypting and (x, y) when decrypting.
type igeState struct {
	out, in [aes.BlockSize]byte
}

func loadIV(iv []byte, decrypt bool) igeState {
	y0, x0 := [16]byte(iv[:16]), [16]byte(iv[16:32])
	if decrypt {
		return igeState{out: x0, in: y0}
	}
	return igeState{out: y0, in: x0}
}

func igeEncrypt(b cipher.Block, s igeState, dst, src []byte) igeState {
	return igeCrypt(b, false, s, dst, src)
}

func igeDecrypt(b cipher.Block, s igeState, dst, src []byte) igeState {
	return igeCrypt(b, true, s, dst, src)
}

// igeCrypt runs whole blocks through IGE and returns the state after the
// last one. len(dst) must equal len(src).
//
// IGE is a chain: each F waits for the previous one, so speed is set by
// the latency of that chain, not by AES throughput. The chain is kept
// short: the input of block i+1 is
//
//	in[i+1] ^ out[i] = (in[i+1] ^ in[i-1]) ^ F(...)
//
// where the first half is computed off the chain, and every XOR works on
// whole 16-byte blocks (crypto/subtle.XORBytes), so that a 16-byte load by
// AES is never fed by two 8-byte stores, which defeats store-to-load
// forwarding. Each output block doubles as AES scratch space, so nothing
// is allocated, and each input block is copied before the output block
// over it is written, so dst == src is safe.
func igeCrypt(b cipher.Block, decrypt bool, s igeState, dst, src []byte) igeState {
	n := len(src)
	if n == 0 {
		return s
	}
	inPrev := s.in
	cur := [aes.BlockSize]byte(src[:aes.BlockSize])
	subtle.XORBytes(dst[:aes.BlockSize], cur[:], s.out[:])
	for i := 0; ; i += aes.BlockSize {
		out := dst[i : i+aes.BlockSize]
		if decrypt {
			b.Decrypt(out, out)
		} else {
			b.Encrypt(out, out)
		}
		if i+aes.BlockSize == n {
			subtle.XORBytes(out, out, inPrev[:])
			return igeState{out: [aes.BlockSize]byte(out), in: cur}
		}
		next := dst[i+aes.BlockSize : i+2*aes.BlockSize]
		inNext := [aes.BlockSize]byte(src[i+aes.BlockSize : i+2*aes.BlockSize])
		subtle.XORBytes(next, inNext[:], inPrev[:])
		subtle.XORBytes(next, next, out)
		subtle.XORBytes(out, out, inPrev[:])
		inPrev, cur = cur, inNext
	}
}

func checkIGE(iv, dst, src []byte) {
	if len(iv) != igeIVSize {
		panic("crypto: IGE iv length must be 32 bytes")
	}
	checkBlocks(dst, src)
}

func checkIGEBlock(b cipher.Block, iv []byte) {
	if b.BlockSize() != aes.BlockSize {
		panic("crypto: IGE needs a cipher with 16-byte blocks")
	}
	if len(iv) != igeIVSize {
		panic("crypto: IGE iv length must be 32 bytes")
	}
}

func checkBlocks(dst, src []byte) {
	if len(src)%aes.BlockSize != 0 {
		panic("crypto: IGE input not full blocks")
	}
	if len(dst) < len(src) {
		panic("crypto: IGE output smaller than input")
	}
}
