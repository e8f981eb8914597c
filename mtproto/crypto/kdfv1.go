package crypto

import "crypto/sha1"

// MTProto 1.0 survives in exactly one place: the inner message of
// auth.bindTempAuthKey, which is encrypted with the permanent key "using
// the MTProto 1.0 scheme" (core.telegram.org/method/auth.bindTempAuthKey).

// MsgKeyV1 returns the MTProto 1.0 msg_key: the 128 lower-order bits of
// SHA1 of the plaintext without padding.
func MsgKeyV1(plaintext []byte) [16]byte {
	sum := sha1.Sum(plaintext)
	var mk [16]byte
	copy(mk[:], sum[4:20])
	return mk
}

// KDFv1 derives the MTProto 1.0 AES key and IV:
//
//	sha1_a = SHA1(msg_key + substr(auth_key, x, 32))
//	sha1_b = SHA1(substr(auth_key, 32+x, 16) + msg_key + substr(auth_key, 48+x, 16))
//	sha1_c = SHA1(substr(auth_key, 64+x, 32) + msg_key)
//	sha1_d = SHA1(msg_key + substr(auth_key, 96+x, 32))
//	aes_key = substr(sha1_a, 0, 8) + substr(sha1_b, 8, 12) + substr(sha1_c, 4, 12)
//	aes_iv = substr(sha1_a, 8, 12) + substr(sha1_b, 0, 8) + substr(sha1_c, 16, 4) + substr(sha1_d, 0, 8)
func KDFv1(k *AuthKey, msgKey [16]byte, d Direction) (key, iv [32]byte) {
	x := int(d)
	ak := k.key[:]
	var buf [64]byte
	cat := func(parts ...[]byte) [20]byte {
		b := buf[:0]
		for _, p := range parts {
			b = append(b, p...)
		}
		return sha1.Sum(b)
	}
	a := cat(msgKey[:], ak[x:x+32])
	b := cat(ak[32+x:48+x], msgKey[:], ak[48+x:64+x])
	c := cat(ak[64+x:96+x], msgKey[:])
	dd := cat(msgKey[:], ak[96+x:128+x])
	copy(key[0:8], a[0:8])
	copy(key[8:20], b[8:20])
	copy(key[20:32], c[4:16])
	copy(iv[0:12], a[8:20])
	copy(iv[12:20], b[0:8])
	copy(iv[20:24], c[16:20])
	copy(iv[24:32], dd[0:8])
	return key, iv
}
