package crypto

import "crypto/sha256"

// MsgKey returns the MTProto 2.0 msg_key of plaintext, which must include
// the padding: the middle 128 bits of
// SHA256(substr(auth_key, 88+x, 32) + plaintext).
func MsgKey(k *AuthKey, plaintext []byte, d Direction) [16]byte {
	x := d.x()
	h := sha256.New()
	h.Write(k.key[88+x : 120+x])
	h.Write(plaintext)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	var mk [16]byte
	copy(mk[:], sum[8:24])
	return mk
}
