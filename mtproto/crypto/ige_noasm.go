//go:build !amd64 || purego

package crypto

// hasAESIGE is false: IGE runs on crypto/aes block by block (igeCrypt).
const hasAESIGE = false

func expandKey256(key *[32]byte, enc, dec *[15][16]byte) {
	panic("crypto: no AES-NI IGE on this platform")
}

func igeBlocks(s *igeSched, st *igeState, dst, src *byte, n int, decrypt bool) {
	panic("crypto: no AES-NI IGE on this platform")
}
