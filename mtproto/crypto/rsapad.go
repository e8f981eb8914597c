package crypto

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"math/big"
)

const (
	rsaSize         = 256 // RSA-2048 modulus and ciphertext
	rsaPadDataMax   = 144
	rsaPadWithPad   = 192 // data_with_padding
	rsaPadTempKey   = 32
	rsaPadWithHash  = rsaPadWithPad + sha256.Size // data_with_hash, 224 bytes
	rsaPadMaxTrials = 64
)

// RSAPad encrypts data, a serialized p_q_inner_data of at most 144 bytes,
// with the 2048-bit server key pub as RSA_PAD of
// https://core.telegram.org/mtproto/auth_key, step 4.1, and returns the
// 256-byte encrypted_data.
//
// RSAPad reads 192-len(data) padding bytes from random, then a 32-byte
// temp_key. If key_aes_encrypted is not below the modulus, the page says to
// repeat "the previous steps starting from the generation of new random
// temp_key", so RSAPad reads the next 32 bytes as the new temp_key and keeps
// the padding. (Telethon does the same; grammers adds one to the old
// temp_key instead.) After 64 rejected keys RSAPad gives up, which happens
// with probability below 2^-64 unless random is broken.
func RSAPad(data []byte, pub *rsa.PublicKey, random io.Reader) ([]byte, error) {
	if len(data) > rsaPadDataMax {
		return nil, ErrRSAPadData
	}
	if err := checkRSASize(pub); err != nil {
		return nil, err
	}

	// data_with_padding := data + random_padding_bytes (192 bytes)
	var withPad [rsaPadWithPad]byte
	copy(withPad[:], data)
	if _, err := io.ReadFull(random, withPad[len(data):]); err != nil {
		return nil, err
	}
	// data_pad_reversed := BYTE_REVERSE(data_with_padding)
	var withHash [rsaPadWithHash]byte
	for i, c := range withPad {
		withHash[rsaPadWithPad-1-i] = c
	}

	e := big.NewInt(int64(pub.E))
	var keyAES [rsaSize]byte // key_aes_encrypted
	m := new(big.Int)
	for range rsaPadMaxTrials {
		var tempKey [rsaPadTempKey]byte
		if _, err := io.ReadFull(random, tempKey[:]); err != nil {
			return nil, err
		}
		// data_with_hash := data_pad_reversed + SHA256(temp_key + data_with_padding)
		h := sha256.New()
		h.Write(tempKey[:])
		h.Write(withPad[:])
		h.Sum(withHash[:rsaPadWithPad])

		// aes_encrypted := AES256_IGE(data_with_hash, temp_key, 0)
		aesEncrypted := keyAES[rsaPadTempKey:]
		if err := EncryptIGE(tempKey[:], make([]byte, igeIVSize), aesEncrypted, withHash[:]); err != nil {
			return nil, err
		}
		// temp_key_xor := temp_key XOR SHA256(aes_encrypted)
		// key_aes_encrypted := temp_key_xor + aes_encrypted
		sum := sha256.Sum256(aesEncrypted)
		subtle.XORBytes(keyAES[:rsaPadTempKey], tempKey[:], sum[:])

		// "If key_aes_encrypted turns out to be greater than or equal to
		// the RSA modulus, the previous steps starting from the generation
		// of new random temp_key are repeated."
		m.SetBytes(keyAES[:])
		if m.Cmp(pub.N) >= 0 {
			continue
		}
		// encrypted_data := RSA(key_aes_encrypted, server_pubkey)
		c := new(big.Int).Exp(m, e, pub.N)
		return c.FillBytes(make([]byte, rsaSize)), nil
	}
	return nil, fmt.Errorf("crypto: rsa_pad: %d temp_keys in a row not below the modulus; is the random source broken?", rsaPadMaxTrials)
}

// RSAUnpad reverses RSAPad with the server's private key: it decrypts the
// 256-byte encrypted_data, checks the SHA256 that binds temp_key to the
// data and returns data_with_padding, 192 bytes that start with the
// serialized p_q_inner_data. The caller decodes the TL object and ignores
// the rest.
//
// RSAUnpad is meant for test servers: its modular exponentiation is not
// constant-time. A ciphertext that fails to verify yields a *SecurityError
// wrapping ErrRSAPad.
func RSAUnpad(priv *rsa.PrivateKey, encrypted []byte) ([]byte, error) {
	if err := checkRSASize(&priv.PublicKey); err != nil {
		return nil, err
	}
	fail := &SecurityError{Check: "rsa_pad", Err: ErrRSAPad}
	if len(encrypted) != rsaSize {
		return nil, fail
	}
	c := new(big.Int).SetBytes(encrypted)
	if c.Cmp(priv.N) >= 0 {
		return nil, fail
	}
	var keyAES [rsaSize]byte
	new(big.Int).Exp(c, priv.D, priv.N).FillBytes(keyAES[:])

	aesEncrypted := keyAES[rsaPadTempKey:]
	sum := sha256.Sum256(aesEncrypted)
	var tempKey [rsaPadTempKey]byte
	subtle.XORBytes(tempKey[:], keyAES[:rsaPadTempKey], sum[:])

	var withHash [rsaPadWithHash]byte
	if err := DecryptIGE(tempKey[:], make([]byte, igeIVSize), withHash[:], aesEncrypted); err != nil {
		return nil, err
	}
	withPad := make([]byte, rsaPadWithPad)
	for i := range withPad {
		withPad[i] = withHash[rsaPadWithPad-1-i]
	}
	h := sha256.New()
	h.Write(tempKey[:])
	h.Write(withPad)
	var want [sha256.Size]byte
	h.Sum(want[:0])
	if subtle.ConstantTimeCompare(want[:], withHash[rsaPadWithPad:]) != 1 {
		return nil, fail
	}
	return withPad, nil
}

func checkRSASize(pub *rsa.PublicKey) error {
	if pub == nil || pub.N == nil || pub.N.BitLen() != 8*rsaSize || pub.E < 2 {
		return fmt.Errorf("crypto: rsa key is not a 2048-bit key: %w", ErrRSAKey)
	}
	return nil
}
