package crypto

import "crypto/sha256"

// A Direction says who sent a message. It selects x, the offset into the
// auth key used by the MTProto 2.0 key derivation: x = 0 for messages from
// client to server and x = 8 for those from server to client.
type Direction int

const (
	ClientToServer Direction = 0
	ServerToClient Direction = 8
)

// x returns the offset; it panics on a value other than the two constants.
func (d Direction) x() int {
	if d != ClientToServer && d != ServerToClient {
		panic("crypto: invalid Direction")
	}
	return int(d)
}

func (d Direction) String() string {
	switch d {
	case ClientToServer:
		return "client->server"
	case ServerToClient:
		return "server->client"
	}
	return "invalid direction"
}

// KDF derives the AES-256 key and IV of a message from the auth key and the
// message's msg_key, as in MTProto 2.0:
//
//	sha256_a = SHA256(msg_key + substr(auth_key, x, 36))
//	sha256_b = SHA256(substr(auth_key, 40+x, 36) + msg_key)
//	aes_key = substr(sha256_a, 0, 8) + substr(sha256_b, 8, 16) + substr(sha256_a, 24, 8)
//	aes_iv = substr(sha256_b, 0, 8) + substr(sha256_a, 8, 16) + substr(sha256_b, 24, 8)
func KDF(k *AuthKey, msgKey [16]byte, d Direction) (key, iv [32]byte) {
	x := d.x()
	var buf [16 + 36]byte

	copy(buf[:16], msgKey[:])
	copy(buf[16:], k.key[x:x+36])
	a := sha256.Sum256(buf[:])

	copy(buf[:36], k.key[40+x:76+x])
	copy(buf[36:], msgKey[:])
	b := sha256.Sum256(buf[:])

	copy(key[0:8], a[0:8])
	copy(key[8:24], b[8:24])
	copy(key[24:32], a[24:32])
	copy(iv[0:8], b[0:8])
	copy(iv[8:24], a[8:24])
	copy(iv[24:32], b[24:32])
	return key, iv
}
