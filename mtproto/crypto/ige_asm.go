//go:build amd64 && !purego

package crypto

// hasAESIGE reports whether igeBlocks and expandKey256 may run: AES-NI and
// AVX (VEX-encoded AES instructions read round keys from unaligned
// memory) with the OS saving the AVX registers.
var hasAESIGE = cpuidAESAVX()

func cpuidAESAVX() bool

// expandKey256 writes the AES-256 encryption round keys of key to enc and
// those of the equivalent inverse cipher to dec.
//
//go:noescape
func expandKey256(key *[32]byte, enc, dec *[15][16]byte)

// igeBlocks runs n bytes (a positive multiple of 16) from src to dst
// through IGE with the schedule s, starting from and updating st. dst and
// src are equal or do not overlap.
//
//go:noescape
func igeBlocks(s *igeSched, st *igeState, dst, src *byte, n int, decrypt bool)
