package crypto

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"hash/crc32"
	"testing"
)

func TestIGEVectors(t *testing.T) {
	for _, tc := range igeVectors {
		t.Run(tc.name, func(t *testing.T) {
			key, iv := unhex(t, tc.key), unhex(t, tc.iv)
			pt, ct := unhex(t, tc.plaintext), unhex(t, tc.ciphertext)

			got := make([]byte, len(pt))
			if err := EncryptIGE(key, iv, got, pt); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, ct) {
				t.Errorf("EncryptIGE = %x, want %x", got, ct)
			}
			if err := DecryptIGE(key, iv, got, ct); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, pt) {
				t.Errorf("DecryptIGE = %x, want %x", got, pt)
			}

			// In place, and through the BlockMode in two pieces.
			buf := bytes.Clone(pt)
			b, _ := aes.NewCipher(key)
			m := NewIGEEncrypter(b, iv)
			m.CryptBlocks(buf[:16], buf[:16])
			m.CryptBlocks(buf[16:], buf[16:])
			if !bytes.Equal(buf, ct) {
				t.Errorf("IGE encrypter in place = %x, want %x", buf, ct)
			}
			m = NewIGEDecrypter(b, iv)
			m.CryptBlocks(buf[:16], buf[:16])
			m.CryptBlocks(buf[16:], buf[16:])
			if !bytes.Equal(buf, pt) {
				t.Errorf("IGE decrypter in place = %x, want %x", buf, pt)
			}
		})
	}
}

func TestIGEClientDHInnerData(t *testing.T) {
	v := igeClientDHInnerData
	data := unhex(t, v.data)
	h := sha1.Sum(data)
	pt := append(append(h[:], data...), unhex(t, v.padding)...)
	got := make([]byte, len(pt))
	if err := EncryptIGE(unhex(t, v.key), unhex(t, v.iv), got, pt); err != nil {
		t.Fatal(err)
	}
	if want := unhex(t, v.ciphertext); !bytes.Equal(got, want) {
		t.Errorf("encrypted_data = %x, want %x", got, want)
	}
}

func TestIGEOldAnswer(t *testing.T) {
	v := igeOldAnswer
	ct, answer := unhex(t, v.ciphertext), unhex(t, v.answer)
	pt := make([]byte, len(ct))
	if err := DecryptIGE(unhex(t, v.key), unhex(t, v.iv), pt, ct); err != nil {
		t.Fatal(err)
	}
	if got := pt[20 : 20+len(answer)]; !bytes.Equal(got, answer) {
		t.Errorf("answer = %x, want %x", got, answer)
	}
	if h := sha1.Sum(answer); !bytes.Equal(pt[:20], h[:]) {
		t.Errorf("SHA1(answer) = %x, want %x", pt[:20], h)
	}
}

// tdlibIGEInput reproduces the generator of tdlib's AesIgeState test:
// seed = length; for each plaintext byte, then 32 key bytes, then 32 iv
// bytes: seed = seed*123457567 + 987651241 (mod 2^32), byte = seed>>23.
func tdlibIGEInput(length int) (pt, key, iv []byte) {
	seed := uint32(length)
	next := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			seed = seed*123457567 + 987651241
			b[i] = byte(seed >> 23)
		}
		return b
	}
	return next(length), next(32), next(32)
}

func TestIGETDLib(t *testing.T) {
	for _, tc := range igeTDLibCases {
		pt, key, iv := tdlibIGEInput(tc.length)
		ct := make([]byte, len(pt))
		if err := EncryptIGE(key, iv, ct, pt); err != nil {
			t.Fatal(err)
		}
		if got := crc32.ChecksumIEEE(ct); got != tc.crc32 {
			t.Errorf("length %d: crc32 = %d, want %d", tc.length, got, tc.crc32)
		}
		back := make([]byte, len(ct))
		if err := DecryptIGE(key, iv, back, ct); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(back, pt) {
			t.Errorf("length %d: decryption does not invert encryption", tc.length)
		}
	}
}

func TestIGEMisuse(t *testing.T) {
	key, iv := make([]byte, 32), make([]byte, 32)
	if err := EncryptIGE(key[:31], iv, nil, nil); err == nil {
		t.Error("EncryptIGE accepted a 31-byte key")
	}
	for name, f := range map[string]func(){
		"short iv":  func() { EncryptIGE(key, iv[:16], make([]byte, 16), make([]byte, 16)) },
		"partial":   func() { DecryptIGE(key, iv, make([]byte, 17), make([]byte, 17)) },
		"short dst": func() { EncryptIGE(key, iv, make([]byte, 16), make([]byte, 32)) },
		"mode iv":   func() { b, _ := aes.NewCipher(key); NewIGEEncrypter(b, iv[:31]) },
		"mode blocks": func() {
			b, _ := aes.NewCipher(key)
			NewIGEDecrypter(b, iv).CryptBlocks(make([]byte, 8), make([]byte, 8))
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func TestIGEAllocs(t *testing.T) {
	key, iv := make([]byte, 32), make([]byte, 32)
	b, _ := aes.NewCipher(key)
	buf := make([]byte, 4096)
	n := testing.AllocsPerRun(100, func() {
		igeEncrypt(b, loadIV(iv, false), buf, buf)
		igeDecrypt(b, loadIV(iv, true), buf, buf)
	})
	if n != 0 {
		t.Errorf("IGE allocates %v times per call, want 0", n)
	}
}

var benchSizes = []struct {
	name string
	n    int
}{{"1KB", 1 << 10}, {"512KB", 512 << 10}}

// BenchmarkAESBlockBaseline encrypts the same bytes block by block with
// crypto/aes alone: the bound for any single-stream mode, IGE included,
// since every IGE block waits for the previous one.
func BenchmarkAESBlockBaseline(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			c, _ := aes.NewCipher(make([]byte, 32))
			buf := make([]byte, s.n)
			b.SetBytes(int64(s.n))
			b.ReportAllocs()
			for b.Loop() {
				for i := 0; i < len(buf); i += aes.BlockSize {
					c.Encrypt(buf[i:i+aes.BlockSize], buf[i:i+aes.BlockSize])
				}
			}
		})
	}
}

// BenchmarkAESChainBaseline encrypts each block from the previous output
// block, as CBC does: the latency bound of a chained mode such as IGE,
// where one block cannot start before the previous one is done.
func BenchmarkAESChainBaseline(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			c, _ := aes.NewCipher(make([]byte, 32))
			buf := make([]byte, s.n)
			b.SetBytes(int64(s.n))
			b.ReportAllocs()
			for b.Loop() {
				prev := buf[len(buf)-aes.BlockSize:]
				for i := 0; i < len(buf); i += aes.BlockSize {
					c.Encrypt(buf[i:i+aes.BlockSize], prev)
					prev = buf[i : i+aes.BlockSize]
				}
			}
		})
	}
}

// BenchmarkCBCEncryptBaseline is the standard library's own chained mode
// on the same bytes: one XOR and one AES per block, like IGE.
func BenchmarkCBCEncryptBaseline(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			c, _ := aes.NewCipher(make([]byte, 32))
			m := cipher.NewCBCEncrypter(c, make([]byte, aes.BlockSize))
			buf := make([]byte, s.n)
			b.SetBytes(int64(s.n))
			b.ReportAllocs()
			for b.Loop() {
				m.CryptBlocks(buf, buf)
			}
		})
	}
}

// BenchmarkIGEEncrypt and BenchmarkIGEDecrypt measure IGE as messages use
// it (NewAESIGE…: AES-NI assembly where the CPU has it) and block by block
// over crypto/aes (NewIGE… with a cipher.Block), in the same run.
func BenchmarkIGEEncrypt(b *testing.B) { benchIGE(b, false) }

func BenchmarkIGEDecrypt(b *testing.B) { benchIGE(b, true) }

func benchIGE(b *testing.B, decrypt bool) {
	for _, s := range benchSizes {
		for _, path := range []string{"aesni", "blockwise"} {
			b.Run(s.name+"/"+path, func(b *testing.B) {
				key, iv := make([]byte, 32), make([]byte, 32)
				var m cipher.BlockMode
				switch {
				case path == "aesni" && decrypt:
					m, _ = NewAESIGEDecrypter(key, iv)
				case path == "aesni":
					m, _ = NewAESIGEEncrypter(key, iv)
				case decrypt:
					c, _ := aes.NewCipher(key)
					m = NewIGEDecrypter(c, iv)
				default:
					c, _ := aes.NewCipher(key)
					m = NewIGEEncrypter(c, iv)
				}
				buf := make([]byte, s.n)
				b.SetBytes(int64(s.n))
				b.ReportAllocs()
				for b.Loop() {
					m.CryptBlocks(buf, buf)
				}
			})
		}
	}
}
