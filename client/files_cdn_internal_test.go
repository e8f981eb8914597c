package client

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"errors"
	"testing"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func encode(t testing.TB, o tl.Object) []byte {
	t.Helper()
	b, err := tl.Encode(o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func goodRedirect() *api.UploadFileCDNRedirect {
	return &api.UploadFileCDNRedirect{DCID: 201, FileToken: []byte("token"), EncryptionKey: bytes.Repeat([]byte{1}, 32),
		EncryptionIv: bytes.Repeat([]byte{2}, 16), FileHashes: []api.FileHash{{Offset: 0, Limit: 131072, Hash: make([]byte, 32)}}}
}

func TestDecodeFileResult(t *testing.T) {
	data, red, err := decodeFileResult(encode(t, &api.UploadFile{Type: &api.StorageFilePartial{}, Mtime: 1, Bytes: []byte("abc")}))
	if err != nil || red != nil || string(data) != "abc" {
		t.Fatalf("upload.file: %q %v %v", data, red, err)
	}
	data, red, err = decodeFileResult(encode(t, goodRedirect()))
	if err != nil || data != nil || red == nil || red.dc != 201 || string(red.token) != "token" || red.key[0] != 1 || red.iv[15] != 2 || len(red.hashes) != 1 {
		t.Fatalf("redirect: %v %+v %v", data, red, err)
	}
	bad := []struct {
		name string
		edit func(r *api.UploadFileCDNRedirect)
	}{
		{"DC 0", func(r *api.UploadFileCDNRedirect) { r.DCID = 0 }},
		{"negative DC", func(r *api.UploadFileCDNRedirect) { r.DCID = -2 }},
		{"no token", func(r *api.UploadFileCDNRedirect) { r.FileToken = nil }},
		{"short key", func(r *api.UploadFileCDNRedirect) { r.EncryptionKey = r.EncryptionKey[:16] }},
		{"long key", func(r *api.UploadFileCDNRedirect) { r.EncryptionKey = append(r.EncryptionKey, 0) }},
		{"short IV", func(r *api.UploadFileCDNRedirect) { r.EncryptionIv = r.EncryptionIv[:12] }},
		{"no IV", func(r *api.UploadFileCDNRedirect) { r.EncryptionIv = nil }},
		{"short hash", func(r *api.UploadFileCDNRedirect) { r.FileHashes[0].Hash = make([]byte, 20) }},
		{"negative offset", func(r *api.UploadFileCDNRedirect) { r.FileHashes[0].Offset = -1 }},
		{"empty range", func(r *api.UploadFileCDNRedirect) { r.FileHashes[0].Limit = 0 }},
		{"negative limit", func(r *api.UploadFileCDNRedirect) { r.FileHashes[0].Limit = -5 }},
	}
	for _, tc := range bad {
		r := goodRedirect()
		tc.edit(r)
		if _, red, err := decodeFileResult(encode(t, r)); !errors.Is(err, errBadCDNAnswer) || red != nil {
			t.Errorf("%s: %+v %v", tc.name, red, err)
		}
	}
	for name, res := range map[string][]byte{
		"empty":        nil,
		"truncated":    encode(t, goodRedirect())[:20],
		"trailing":     append(encode(t, goodRedirect()), 0, 0, 0, 0),
		"other answer": encode(t, &api.UploadCDNFile{Bytes: []byte("x")}),
	} {
		if _, red, err := decodeFileResult(res); err == nil || red != nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestDecodeCDNFile(t *testing.T) {
	data, tok, err := decodeCDNFile(encode(t, &api.UploadCDNFile{Bytes: []byte("enc")}))
	if err != nil || tok != nil || string(data) != "enc" {
		t.Fatalf("cdnFile: %q %q %v", data, tok, err)
	}
	data, tok, err = decodeCDNFile(encode(t, &api.UploadCDNFileReuploadNeeded{RequestToken: []byte("req")}))
	if err != nil || data != nil || string(tok) != "req" {
		t.Fatalf("reupload needed: %q %q %v", data, tok, err)
	}
	if _, _, err := decodeCDNFile(encode(t, &api.UploadCDNFileReuploadNeeded{})); !errors.Is(err, errBadCDNAnswer) {
		t.Errorf("empty request token: %v", err)
	}
	for name, res := range map[string][]byte{
		"empty":       nil,
		"truncated":   encode(t, &api.UploadCDNFile{Bytes: make([]byte, 300)})[:100],
		"trailing":    append(encode(t, &api.UploadCDNFile{}), 1, 2, 3, 4),
		"upload.file": encode(t, &api.UploadFile{Type: &api.StorageFilePartial{}, Bytes: []byte("x")}),
	} {
		if _, _, err := decodeCDNFile(res); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestDecodeHashes(t *testing.T) {
	vec := func(hs ...api.FileHash) []byte {
		var b tl.Buffer
		b.VectorHeader(len(hs))
		for i := range hs {
			b.Object(&hs[i], "fileHash")
		}
		return b.Buf
	}
	h := api.FileHash{Offset: 131072, Limit: 100, Hash: make([]byte, 32)}
	if hs, err := decodeHashes(vec(h, h)); err != nil || len(hs) != 2 {
		t.Fatalf("%v %v", hs, err)
	}
	if hs, err := decodeHashes(vec()); err != nil || len(hs) != 0 {
		t.Fatalf("empty: %v %v", hs, err)
	}
	h.Hash = nil
	if _, err := decodeHashes(vec(h)); !errors.Is(err, errBadCDNAnswer) {
		t.Errorf("no hash: %v", err)
	}
	if _, err := decodeHashes(vec(h)[:10]); err == nil {
		t.Error("truncated: no error")
	}
}

func TestCDNHashes(t *testing.T) {
	var s cdnHashes
	const p = 131072
	mk := func(off int64, n int32) api.FileHash {
		return api.FileHash{Offset: off, Limit: n, Hash: []byte{byte(off / p)}}
	}
	s.add([]api.FileHash{mk(2*p, p), mk(0, p)})
	s.add([]api.FileHash{mk(p, p), mk(3*p, 10), mk(0, p)})
	cases := []struct {
		off  int64
		want int64 // offset of the hash, -1 none
	}{{0, 0}, {p - 1, 0}, {p, p}, {2*p + 5, 2 * p}, {3 * p, 3 * p}, {3*p + 9, 3 * p}, {3*p + 10, -1}, {-1, -1}, {10 * p, -1}}
	for _, tc := range cases {
		h, ok := s.at(tc.off)
		if ok != (tc.want >= 0) || ok && h.Offset != tc.want {
			t.Errorf("at(%d): %+v %v, want %d", tc.off, h, ok, tc.want)
		}
	}
	if len(s.list) != 4 {
		t.Errorf("%d hashes kept, want 4", len(s.list))
	}
}

func TestVerify(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 1000)
	sum := func(b []byte) []byte { s := sha256.Sum256(b); return s[:] }
	cover := []api.FileHash{{Offset: 4096, Limit: 4096, Hash: sum(data[:4096])}, {Offset: 8192, Limit: 100, Hash: sum(data[4096:4196])}}
	if err := verify(201, 4096, data[:4196], cover); err != nil {
		t.Fatal(err)
	}
	var hashErr *CDNHashError
	if err := verify(201, 4096, data[:4195], cover); !errors.As(err, &hashErr) || hashErr.Offset != 8192 || hashErr.Limit != 100 || hashErr.DC != 201 {
		t.Errorf("short data: %v", err)
	}
	bad := bytes.Clone(data[:4196])
	bad[10] ^= 1
	if err := verify(201, 4096, bad, cover); !errors.As(err, &hashErr) || hashErr.Offset != 4096 {
		t.Errorf("changed byte: %v", err)
	}
	if err := verify(201, 8192, data, cover); !errors.As(err, &hashErr) {
		t.Errorf("hash before the data: %v", err)
	}
}

func TestCDNRequestLimit(t *testing.T) {
	const kb = 1 << 10
	cases := []struct{ cur, hi, want int64 }{
		{0, 1, 4 * kb},
		{0, 4 * kb, 4 * kb},
		{0, 4*kb + 1, 8 * kb},
		{0, 128 * kb, 128 * kb},
		{0, 128*kb + 1, 256 * kb},
		{0, 512 * kb, 512 * kb},
		{0, 1 << 20, 512 * kb},
		{128 * kb, 256 * kb, 128 * kb},
		{128 * kb, 1 << 20, 128 * kb}, // 256 KB would not divide the offset
		{512 * kb, 1<<20 + 100, 512 * kb},
		{4 * kb, 100 * kb, 4 * kb},
	}
	for _, tc := range cases {
		got := cdnRequestLimit(tc.cur, tc.hi)
		if got != tc.want {
			t.Errorf("cdnRequestLimit(%d, %d) = %d, want %d", tc.cur, tc.hi, got, tc.want)
		}
		// The rules of upload.getCdnFile.
		const mb = 1 << 20
		if tc.cur%4096 != 0 || got%4096 != 0 || mb%got != 0 || tc.cur/mb != (tc.cur+got-1)/mb {
			t.Errorf("cdnRequestLimit(%d, %d) = %d breaks the rules", tc.cur, tc.hi, got)
		}
	}
}

// decryptCDN undoes AES-256-CTR from any 16-byte-aligned offset, with the
// IV's last 4 bytes replaced by offset / 16 (whatever they held).
func TestDecryptCDN(t *testing.T) {
	var key [32]byte
	var iv [16]byte
	for i := range key {
		key[i] = byte(i)
	}
	for i := range iv {
		iv[i] = byte(0xf0 + i)
	}
	plain := bytes.Repeat([]byte("luagram CDN test"), 4096)
	// The whole file encrypted from offset 0 with counter block iv[:12] || 0.
	block, _ := aes.NewCipher(key[:])
	start := iv
	start[12], start[13], start[14], start[15] = 0, 0, 0, 0
	enc := make([]byte, len(plain))
	cipher.NewCTR(block, start[:]).XORKeyStream(enc, plain)
	for _, off := range []int64{0, 16, 4096, 32768, int64(len(plain)) - 4096} {
		part := bytes.Clone(enc[off:min(off+8192, int64(len(enc)))])
		decryptCDN(key, iv, off, part)
		if !bytes.Equal(part, plain[off:off+int64(len(part))]) {
			t.Errorf("offset %d: wrong bytes", off)
		}
	}
}

func FuzzDecodeFileResult(f *testing.F) {
	f.Add(encode(f, goodRedirect()))
	f.Add(encode(f, &api.UploadFile{Type: &api.StorageFilePartial{}, Bytes: []byte("abc")}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, res []byte) {
		data, red, err := decodeFileResult(res)
		if err != nil && (data != nil || red != nil) {
			t.Fatal("a result with an error")
		}
		if red != nil && (red.dc <= 0 || len(red.token) == 0 || checkHashes(red.hashes) != nil) {
			t.Fatalf("an unchecked redirect: %+v", red)
		}
	})
}

func FuzzDecodeCDNFile(f *testing.F) {
	f.Add(encode(f, &api.UploadCDNFile{Bytes: []byte("enc")}))
	f.Add(encode(f, &api.UploadCDNFileReuploadNeeded{RequestToken: []byte("req")}))
	f.Fuzz(func(t *testing.T, res []byte) {
		data, tok, err := decodeCDNFile(res)
		if err != nil && (data != nil || tok != nil) || err == nil && data != nil && tok != nil {
			t.Fatal("inconsistent result")
		}
		hs, err := decodeHashes(res)
		if err == nil && checkHashes(hs) != nil {
			t.Fatal("unchecked hashes")
		}
	})
}
