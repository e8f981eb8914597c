package crypto

import (
	"bytes"
	"crypto/aes"
	"math/rand/v2"
	"testing"
)

// TestIGE256AgreesWithBlockByBlock: the AES-NI path (where the CPU has
// it) and the block-by-block path give the same bytes in both directions,
// in place and not, for random keys, ivs and lengths up to a few parts of
// 16 KB, including the state carried between pieces.
func TestIGE256AgreesWithBlockByBlock(t *testing.T) {
	if !hasAESIGE {
		t.Log("no AES-NI IGE here: both paths are crypto/aes")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		var key [32]byte
		iv := make([]byte, 32)
		fill(rng, key[:])
		fill(rng, iv)
		n := 16 * rng.IntN(1100)
		if round < 4 {
			n = 16 * round
		}
		src := make([]byte, n)
		fill(rng, src)
		for _, decrypt := range []bool{false, true} {
			b, _ := aes.NewCipher(key[:])
			want := make([]byte, n)
			ws := igeCrypt(b, decrypt, loadIV(iv, decrypt), want, src)
			got := make([]byte, n)
			gs := ige256(&key, decrypt, loadIV(iv, decrypt), got, src)
			if !bytes.Equal(got, want) || gs != ws {
				t.Fatalf("round %d, %d bytes, decrypt %v: the paths differ", round, n, decrypt)
			}
			inPlace := bytes.Clone(src)
			if ige256(&key, decrypt, loadIV(iv, decrypt), inPlace, inPlace); !bytes.Equal(inPlace, want) {
				t.Fatalf("round %d, decrypt %v: in place differs", round, decrypt)
			}
			// The BlockMode, fed in pieces.
			var m interface{ CryptBlocks(dst, src []byte) }
			if decrypt {
				m, _ = NewAESIGEDecrypter(key[:], iv)
			} else {
				m, _ = NewAESIGEEncrypter(key[:], iv)
			}
			pieces := make([]byte, n)
			for off := 0; off < n; {
				k := min(16*(1+rng.IntN(40)), n-off)
				m.CryptBlocks(pieces[off:off+k], src[off:off+k])
				off += k
			}
			if !bytes.Equal(pieces, want) {
				t.Fatalf("round %d, decrypt %v: the BlockMode in pieces differs", round, decrypt)
			}
		}
	}
}

// TestAESIGEOtherKeySizes: 16- and 24-byte keys take the block-by-block
// path through the same constructor.
func TestAESIGEOtherKeySizes(t *testing.T) {
	for _, n := range []int{16, 24} {
		key, iv := make([]byte, n), make([]byte, 32)
		key[0] = 1
		m, err := NewAESIGEEncrypter(key, iv)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := aes.NewCipher(key)
		src := bytes.Repeat([]byte{7}, 64)
		got, want := make([]byte, 64), make([]byte, 64)
		m.CryptBlocks(got, src)
		NewIGEEncrypter(b, iv).CryptBlocks(want, src)
		if !bytes.Equal(got, want) {
			t.Fatalf("%d-byte key: differs", n)
		}
	}
	if _, err := NewAESIGEEncrypter(make([]byte, 31), make([]byte, 32)); err == nil {
		t.Fatal("a 31-byte key was accepted")
	}
}

func fill(rng *rand.Rand, p []byte) {
	for i := range p {
		p[i] = byte(rng.Uint32())
	}
}
