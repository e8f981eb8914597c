package crypto

import "crypto/sha1"

// AuthKeySize is the size of an auth key in bytes.
const AuthKeySize = 256

// An AuthKey is a 2048-bit MTProto authorization key together with its
// identifier and auxiliary hash, computed once. The zero value is not a
// usable key; make one with NewAuthKey or ComputeAuthKey.
type AuthKey struct {
	key [AuthKeySize]byte
	id  [8]byte
	aux [8]byte
}

// NewAuthKey returns the auth key made of b, which must be 256 bytes long.
func NewAuthKey(b []byte) (*AuthKey, error) {
	if len(b) != AuthKeySize {
		return nil, ErrAuthKeySize
	}
	k := new(AuthKey)
	copy(k.key[:], b)
	h := sha1.Sum(k.key[:])
	copy(k.aux[:], h[0:8])
	copy(k.id[:], h[12:20])
	return k, nil
}

// Bytes returns a copy of the 256 key bytes.
func (k *AuthKey) Bytes() []byte {
	b := k.key
	return b[:]
}

// ID returns auth_key_id, the 64 lower-order bits of SHA1(auth_key), as the
// 8 bytes that start every encrypted message (a little-endian int64).
func (k *AuthKey) ID() [8]byte { return k.id }

// AuxHash returns auth_key_aux_hash, the 64 higher-order bits of
// SHA1(auth_key), used in new_nonce_hash and as retry_id.
func (k *AuthKey) AuxHash() [8]byte { return k.aux }
