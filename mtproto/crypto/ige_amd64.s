// Code written for luagram: AES-256 in IGE mode with AES-NI (VEX-encoded,
// so that round keys may be read from unaligned memory). See ige_asm.go.

//go:build amd64 && !purego

#include "textflag.h"

// func cpuidAESAVX() bool
// Reports AES-NI and AVX, with the OS saving the AVX registers (OSXSAVE
// and XCR0 bits 1 and 2).
TEXT ·cpuidAESAVX(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	MOVL CX, R8
	ANDL $0x1A000000, R8 // AES (25), OSXSAVE (27), AVX (28)
	CMPL R8, $0x1A000000
	JNE  no
	XORL CX, CX
	XGETBV
	ANDL $6, AX
	CMPL AX, $6
	JNE  no
	MOVB $1, ret+0(FP)
	RET
no:
	MOVB $0, ret+0(FP)
	RET

// KEY256A finishes an even round key: X1 = X1 shifted-xored, ^ word 3 of X2.
#define KEY256A \
	PSHUFD $0xff, X2, X2 \
	MOVOU  X1, X4        \
	PSLLO  $4, X4        \
	PXOR   X4, X1        \
	PSLLO  $4, X4        \
	PXOR   X4, X1        \
	PSLLO  $4, X4        \
	PXOR   X4, X1        \
	PXOR   X2, X1

// KEY256B finishes an odd round key from X3 and word 2 of X2.
#define KEY256B \
	PSHUFD $0xaa, X2, X2 \
	MOVOU  X3, X4        \
	PSLLO  $4, X4        \
	PXOR   X4, X3        \
	PSLLO  $4, X4        \
	PXOR   X4, X3        \
	PSLLO  $4, X4        \
	PXOR   X4, X3        \
	PXOR   X2, X3

// func expandKey256(key *[32]byte, enc, dec *[15][16]byte)
// The AES-256 key schedule with AESKEYGENASSIST (constant time, unlike
// table lookups), and the round keys of the equivalent inverse cipher:
// dec[0] = enc[14], dec[i] = InvMixColumns(enc[14-i]), dec[14] = enc[0].
TEXT ·expandKey256(SB), NOSPLIT, $0-24
	MOVQ key+0(FP), AX
	MOVQ enc+8(FP), DI
	MOVQ dec+16(FP), SI
	MOVOU 0(AX), X1
	MOVOU 16(AX), X3
	MOVOU X1, 0(DI)
	MOVOU X3, 16(DI)
	AESKEYGENASSIST $0x01, X3, X2
	KEY256A
	MOVOU X1, 32(DI)
	AESKEYGENASSIST $0x00, X1, X2
	KEY256B
	MOVOU X3, 48(DI)
	AESKEYGENASSIST $0x02, X3, X2
	KEY256A
	MOVOU X1, 64(DI)
	AESKEYGENASSIST $0x00, X1, X2
	KEY256B
	MOVOU X3, 80(DI)
	AESKEYGENASSIST $0x04, X3, X2
	KEY256A
	MOVOU X1, 96(DI)
	AESKEYGENASSIST $0x00, X1, X2
	KEY256B
	MOVOU X3, 112(DI)
	AESKEYGENASSIST $0x08, X3, X2
	KEY256A
	MOVOU X1, 128(DI)
	AESKEYGENASSIST $0x00, X1, X2
	KEY256B
	MOVOU X3, 144(DI)
	AESKEYGENASSIST $0x10, X3, X2
	KEY256A
	MOVOU X1, 160(DI)
	AESKEYGENASSIST $0x00, X1, X2
	KEY256B
	MOVOU X3, 176(DI)
	AESKEYGENASSIST $0x20, X3, X2
	KEY256A
	MOVOU X1, 192(DI)
	AESKEYGENASSIST $0x00, X1, X2
	KEY256B
	MOVOU X3, 208(DI)
	AESKEYGENASSIST $0x40, X3, X2
	KEY256A
	MOVOU X1, 224(DI)

	// The decryption schedule.
	MOVOU 224(DI), X0
	MOVOU X0, 0(SI)
	MOVOU 0(DI), X0
	MOVOU X0, 224(SI)
	MOVQ  $1, CX
dkloop:
	// dec[CX] = InvMixColumns(enc[14-CX])
	MOVQ  $14, DX
	SUBQ  CX, DX
	SHLQ  $4, DX
	MOVOU (DI)(DX*1), X0
	AESIMC X0, X0
	MOVQ  CX, DX
	SHLQ  $4, DX
	MOVOU X0, (SI)(DX*1)
	INCQ  CX
	CMPQ  CX, $14
	JB    dkloop
	RET

// IGE, both directions, with in and out the input and output blocks:
//
//	out[i] = F(in[i] ^ out[i-1]) ^ in[i-1]
//
// The chain from one block to the next is one XOR and 14 AES rounds: the
// XOR with in[i-1] is folded into the last round key (X15 = rk[14] ^
// in[i-1], computed off the chain), and in[i] ^ rk[0] is computed before
// out[i-1] is known. Registers: X0 the input block, X1…X13 rk[1…13], X14
// the chain (out[i-1], then the block under way), X15 the last round key
// for this block. rk[0] and rk[0]^rk[14] are read from memory.
//
// func igeBlocks(s *igeSched, st *igeState, dst, src *byte, n int, decrypt bool)
// n is a positive multiple of 16; dst and src are equal or do not overlap.
// st holds (out[i-1], in[i-1]) and is updated.
TEXT ·igeBlocks(SB), NOSPLIT, $0-41
	MOVQ s+0(FP), AX
	MOVQ st+8(FP), BX
	MOVQ dst+16(FP), DI
	MOVQ src+24(FP), SI
	MOVQ n+32(FP), CX
	MOVB decrypt+40(FP), DX

	VMOVDQU 16(AX), X1
	VMOVDQU 32(AX), X2
	VMOVDQU 48(AX), X3
	VMOVDQU 64(AX), X4
	VMOVDQU 80(AX), X5
	VMOVDQU 96(AX), X6
	VMOVDQU 112(AX), X7
	VMOVDQU 128(AX), X8
	VMOVDQU 144(AX), X9
	VMOVDQU 160(AX), X10
	VMOVDQU 176(AX), X11
	VMOVDQU 192(AX), X12
	VMOVDQU 208(AX), X13
	VMOVDQU 0(BX), X14       // out[i-1]
	VMOVDQU 16(BX), X15      // in[i-1]
	VPXOR   224(AX), X15, X15 // ^ rk[14]
	ADDQ    SI, CX            // CX: end of src
	TESTB   DX, DX
	JNZ     decloop

encloop:
	VMOVDQU (SI), X0
	VPXOR   0(AX), X0, X0     // in[i] ^ rk[0]
	VPXOR   X0, X14, X14
	VAESENC X1, X14, X14
	VAESENC X2, X14, X14
	VAESENC X3, X14, X14
	VAESENC X4, X14, X14
	VAESENC X5, X14, X14
	VAESENC X6, X14, X14
	VAESENC X7, X14, X14
	VAESENC X8, X14, X14
	VAESENC X9, X14, X14
	VAESENC X10, X14, X14
	VAESENC X11, X14, X14
	VAESENC X12, X14, X14
	VAESENC X13, X14, X14
	VAESENCLAST X15, X14, X14 // ^ rk[14] ^ in[i-1]
	VMOVDQU X14, (DI)
	VPXOR   240(AX), X0, X15  // in[i] ^ rk[14] (240: rk[0]^rk[14])
	ADDQ    $16, SI
	ADDQ    $16, DI
	CMPQ    SI, CX
	JB      encloop
	JMP     done

decloop:
	VMOVDQU (SI), X0
	VPXOR   0(AX), X0, X0
	VPXOR   X0, X14, X14
	VAESDEC X1, X14, X14
	VAESDEC X2, X14, X14
	VAESDEC X3, X14, X14
	VAESDEC X4, X14, X14
	VAESDEC X5, X14, X14
	VAESDEC X6, X14, X14
	VAESDEC X7, X14, X14
	VAESDEC X8, X14, X14
	VAESDEC X9, X14, X14
	VAESDEC X10, X14, X14
	VAESDEC X11, X14, X14
	VAESDEC X12, X14, X14
	VAESDEC X13, X14, X14
	VAESDECLAST X15, X14, X14
	VMOVDQU X14, (DI)
	VPXOR   240(AX), X0, X15
	ADDQ    $16, SI
	ADDQ    $16, DI
	CMPQ    SI, CX
	JB      decloop

done:
	VMOVDQU X14, 0(BX)
	VPXOR   224(AX), X15, X15 // back to in[i-1]
	VMOVDQU X15, 16(BX)
	VZEROUPPER
	RET
