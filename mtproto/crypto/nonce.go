package crypto

import "crypto/sha1"

// TmpAESKeyIV derives the key and IV that encrypt server_DH_inner_data and
// client_DH_inner_data during auth key creation:
//
//	tmp_aes_key = SHA1(new_nonce + server_nonce) + substr(SHA1(server_nonce + new_nonce), 0, 12)
//	tmp_aes_iv = substr(SHA1(server_nonce + new_nonce), 12, 8) + SHA1(new_nonce + new_nonce) + substr(new_nonce, 0, 4)
func TmpAESKeyIV(newNonce [32]byte, serverNonce [16]byte) (key, iv [32]byte) {
	var buf [64]byte

	copy(buf[:32], newNonce[:])
	copy(buf[32:], serverNonce[:])
	ns := sha1.Sum(buf[:48])

	copy(buf[:16], serverNonce[:])
	copy(buf[16:], newNonce[:])
	sn := sha1.Sum(buf[:48])

	copy(buf[:32], newNonce[:])
	copy(buf[32:], newNonce[:])
	nn := sha1.Sum(buf[:64])

	copy(key[0:20], ns[:])
	copy(key[20:32], sn[0:12])
	copy(iv[0:8], sn[12:20])
	copy(iv[8:28], nn[:])
	copy(iv[28:32], newNonce[0:4])
	return key, iv
}

// NewNonceHash returns new_nonce_hash1, 2 or 3 (n = 1, 2, 3), the 128
// lower-order bits of SHA1(new_nonce + byte(n) + auth_key_aux_hash). The
// server puts it in dh_gen_ok, dh_gen_retry and dh_gen_fail respectively;
// compare it with the received value using crypto/subtle.
func NewNonceHash(newNonce [32]byte, k *AuthKey, n byte) [16]byte {
	var buf [32 + 1 + 8]byte
	copy(buf[:32], newNonce[:])
	buf[32] = n
	copy(buf[33:], k.aux[:])
	sum := sha1.Sum(buf[:])
	var h [16]byte
	copy(h[:], sum[4:20])
	return h
}
