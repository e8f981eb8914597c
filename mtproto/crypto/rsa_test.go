package crypto

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"strings"
	"testing"
)

func TestParseRSAPublicKey(t *testing.T) {
	var all strings.Builder
	for _, tc := range rsaKeyVectors {
		all.WriteString(tc.pem)
		k, err := ParseRSAPublicKey([]byte(tc.pem))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if tc.n != "" && k.N.String() != tc.n {
			t.Errorf("%s: n = %v, want %s", tc.name, k.N, tc.n)
		}
		if k.E != 65537 {
			t.Errorf("%s: e = %d", tc.name, k.E)
		}
		if got := Fingerprint(k); got != tc.fingerprint {
			t.Errorf("%s: Fingerprint = %d, want %d", tc.name, got, tc.fingerprint)
		}
	}
	keys, err := ParseRSAPublicKeys([]byte(all.String()))
	if err != nil || len(keys) != len(rsaKeyVectors) {
		t.Fatalf("ParseRSAPublicKeys = %d keys, %v; want %d", len(keys), err, len(rsaKeyVectors))
	}
	for i, k := range keys {
		if Fingerprint(k) != rsaKeyVectors[i].fingerprint {
			t.Errorf("ParseRSAPublicKeys: key %d has another fingerprint", i)
		}
	}
}

func TestParseRSAPublicKeyErrors(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	for name, data := range map[string][]byte{
		"empty":       nil,
		"not pem":     []byte("MIIBCgKCAQEA"),
		"bad pkcs1":   pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: []byte{1, 2, 3}}),
		"bad pkix":    pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte{1, 2, 3}}),
		"ecdsa pkix":  pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}),
		"certificate": pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
	} {
		if _, err := ParseRSAPublicKey(data); !errors.Is(err, ErrRSAKey) {
			t.Errorf("%s: error = %v, want ErrRSAKey", name, err)
		}
		if _, err := ParseRSAPublicKeys(data); !errors.Is(err, ErrRSAKey) {
			t.Errorf("%s: ParseRSAPublicKeys error = %v, want ErrRSAKey", name, err)
		}
	}
}

func TestAppendTLBytes(t *testing.T) {
	for _, tc := range []struct {
		n    int
		head []byte
		size int
	}{
		{0, []byte{0}, 4},
		{3, []byte{3}, 4},
		{4, []byte{4}, 8},
		{253, []byte{253}, 256},
		{254, []byte{254, 254, 0, 0}, 260},
		{256, []byte{254, 0, 1, 0}, 260},
		{0x10203, []byte{254, 3, 2, 1}, 0x10208},
	} {
		data := bytes.Repeat([]byte{0xaa}, tc.n)
		b := appendTLBytes(nil, data)
		if len(b) != tc.size || !bytes.HasPrefix(b, tc.head) {
			t.Errorf("%d bytes: serialized to %d bytes starting %x, want %d starting %x", tc.n, len(b), b[:min(4, len(b))], tc.size, tc.head)
			continue
		}
		rest := b[len(tc.head):]
		if !bytes.Equal(rest[:tc.n], data) || !bytes.Equal(rest[tc.n:], make([]byte, len(rest)-tc.n)) {
			t.Errorf("%d bytes: body or zero padding wrong", tc.n)
		}
	}
}

// rsaPadKey parses the key column of rsaPadVectors.
func rsaPadKey(t testing.TB, s string) *rsa.PublicKey {
	if strings.HasPrefix(s, "-----") {
		k, err := ParseRSAPublicKey([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("bad modulus %q", s)
	}
	return &rsa.PublicKey{N: n, E: 65537}
}

// increment returns b + 1 as a big-endian number of len(b) bytes.
func increment(b []byte) []byte {
	r := bytes.Clone(b)
	for i := len(r) - 1; i >= 0; i-- {
		r[i]++
		if r[i] != 0 {
			break
		}
	}
	return r
}

func TestRSAPadVectors(t *testing.T) {
	for _, tc := range rsaPadVectors {
		r := bytes.NewReader(tc.random(t))
		got, err := RSAPad(unhex(t, tc.data), rsaPadKey(t, tc.key), r)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if want := unhex(t, tc.encrypted); !bytes.Equal(got, want) {
			t.Errorf("%s: encrypted_data = %x, want %x", tc.name, got, want)
		}
		if r.Len() != 0 {
			t.Errorf("%s: %d random bytes left unread", tc.name, r.Len())
		}
	}
}

// testRSAKey is a 2048-bit key made for these tests with crypto/rsa. It
// plays the server, whose private key RSAUnpad needs.
const testRSAKey = `
-----BEGIN RSA PRIVATE KEY-----
MIIEpQIBAAKCAQEA40UAv3JDZWT6cE1NShr0oSIztFbtuhl2h3+TNhSC2t/NIkj+
7Z6NCw4J4Bava1ASvDLvc+dLv156FSSF4is56dmEbgpRzBCW04d4VQCawcXpdfKL
XjwK8XflBYZuj49MrHK1vA4RGtc8X+lDKUe8u1KN+eQsco3hUu8eRt8BlCbAtKMJ
HBCAcWOAIGVFrZgOFgll+7IIBoVHjWJWcSQ49uv6FmrQD7ry7HUzDg+TEIE2qQml
op7972Clhwf9TJ18POoTG2oug0315FO9UiE2EEpY3P4ws2gadA4dKZwZd2tMDdXm
EupjLIRKUqEgYKeOG7aOpoMF+KfTm6kcn+IBkQIDAQABAoIBABxlEwd4WxmMXNpi
XBtbxA/sRiW8XSoM06FxA+dkN2epgdeMY3Z0gmZ8z+jMqMjZeafEHOUAI1eC8jGZ
TTVxZWRVYg1+ElNyyKdf0/3ZzBwU8jrjbXx997eM3WM79S0QUDn1AIYBA2vVM7S/
f/3Eudy1Hyo3MwLyfVIXcFLWOrwjwZaXz2YPRdCcdXtdX7fQOYZRMONcPtsoiNc+
LukdLhybZhgmM5sWjozEPYr7xS5eKAHMwnX6loLVpOddrJ8b+Eohazle+pIfd7m1
MQDCxm6eQTDJMVqsWhTiZ4mev7Nre4k2zPnLB/T7sRnk89shH/ehOIAklan2DVtK
BBg2TMkCgYEA8gvNL11uDLJaG0Q+7cFbV9P68Q2IuXm7Yq/f1Vj4Ry0NuD+3bE1U
XnArs3ST63/kPOvUij7r6tQh596cQ8GRdWkIWhPPezc9ezTeAHoJLnI5Jqh0dBWt
HI0IE68Rn3RHNpi69n+wh8aE1EKXszyjlOEiH46SJR/jpg2SmTw362kCgYEA8F8f
vMIqgjm4D0QyGK8Uw7dZ722VqvC+34mlKBADOw1xWwpeR2mmiCA0BoYHyzfThliV
ygLv94+HlJJdbemev2dt7Ct6a9qZbnuUHtZXl8VgdlV2qC9T+WOWO5Bo1V7auO1T
zPFIMSJEEbIxogHC+pW09v18/lv5VnNPSjHp5+kCgYEAgyfR7zB5SXf7S3sXfk2f
6V98QtJKm/ZSi48xgrHLFwZawNQF2DGu3d16UKuC28FZM4m2iZK+02hPVw1RL4Xc
A/r+A5FohCPStMhY43k9MGXEgiYVtDFqtGXXUpMywWyIihUIejmGtovjvgC3ou/g
0/OKQf9HQcad3ITOQypWQsECgYEAmj8Ad7lFW/G7+hfx6cMYGQuka68vltUMNxf1
4oJ8AD39GsXJgBv84GeB2xnREIgPdauM22gNIxh4kU9nIuwCkaLGeAHieil5wdsN
TsiOxvbCksz+6qgMRAGy2yAtFZbb1kV9PAstH1J0ycJGdUaaHwFIciJyPis5Ek/G
dr8W8VkCgYEAt2S9bcrQxgw+I7UwI+1QZOJpER5l2LdyHbdhZ+LkzrgjCndBjCa/
vR81svIiy3IJ2hIygSN5/B/GcghmZ871sc9tWmMRQ/Vj56RrXL2gMgEtKiK/mH1z
NIrwRG/WgT6UzEtHFJT7WJm+dGhpTpAxHhyrWOMMnQIj5i+sKJsKlx0=
-----END RSA PRIVATE KEY-----
`

func testPrivateKey(t testing.TB) *rsa.PrivateKey {
	block, _ := pem.Decode([]byte(testRSAKey))
	k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestRSAUnpad(t *testing.T) {
	priv := testPrivateKey(t)
	for _, n := range []int{0, 1, 96, 144} {
		data := seq(n, n)
		padding := seq(200, 192-n)
		r := io.MultiReader(bytes.NewReader(padding), rand.Reader) // random temp_keys
		enc, err := RSAPad(data, &priv.PublicKey, r)
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		got, err := RSAUnpad(priv, enc)
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		if want := append(data, padding...); !bytes.Equal(got, want) {
			t.Errorf("%d bytes: RSAUnpad = %x, want %x", n, got, want)
		}
	}
	// With real randomness as well.
	enc, err := RSAPad([]byte("p_q_inner_data"), &priv.PublicKey, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := RSAUnpad(priv, enc); err != nil || !bytes.HasPrefix(got, []byte("p_q_inner_data")) {
		t.Errorf("RSAUnpad = %q, %v", got, err)
	}
}

func TestRSAUnpadRejects(t *testing.T) {
	priv := testPrivateKey(t)
	enc, err := RSAPad(seq(0, 100), &priv.PublicKey, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(enc)
	flipped[100] ^= 0x40
	// An RSA ciphertext of random bytes, so the hash inside cannot match.
	m, _ := rand.Int(rand.Reader, priv.N)
	random := new(big.Int).Exp(m, big.NewInt(int64(priv.E)), priv.N).FillBytes(make([]byte, 256))
	for name, c := range map[string][]byte{
		"flipped":       flipped,
		"random":        random,
		"short":         enc[:255],
		"long":          append(bytes.Clone(enc), 0),
		"modulus":       priv.N.FillBytes(make([]byte, 256)),
		"all ones":      bytes.Repeat([]byte{0xff}, 256),
		"other key pad": mustRSAPad(t, rsaPadKey(t, rsaKeyVectors[0].pem)),
	} {
		_, err := RSAUnpad(priv, c)
		var se *SecurityError
		if !errors.Is(err, ErrRSAPad) || !errors.As(err, &se) || se.Check != "rsa_pad" {
			t.Errorf("%s: error = %v, want a *SecurityError wrapping ErrRSAPad", name, err)
		}
	}
}

func mustRSAPad(t testing.TB, pub *rsa.PublicKey) []byte {
	enc, err := RSAPad(seq(0, 100), pub, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

func TestRSAPadErrors(t *testing.T) {
	pub := rsaPadKey(t, rsaKeyVectors[0].pem)
	if _, err := RSAPad(make([]byte, 145), pub, rand.Reader); !errors.Is(err, ErrRSAPadData) {
		t.Errorf("145 bytes of data: error = %v, want ErrRSAPadData", err)
	}
	small := rsaPadKey(t, rsaKeyVectors[len(rsaKeyVectors)-1].pem) // gotd's 1024-bit key
	if _, err := RSAPad(nil, small, rand.Reader); !errors.Is(err, ErrRSAKey) {
		t.Errorf("1024-bit key: error = %v, want ErrRSAKey", err)
	}
	if _, err := RSAPad(nil, &rsa.PublicKey{}, rand.Reader); !errors.Is(err, ErrRSAKey) {
		t.Errorf("empty key: error = %v, want ErrRSAKey", err)
	}
	if _, err := RSAPad(nil, pub, errReader{}); !errors.Is(err, errTestRandom) {
		t.Errorf("failing random: error = %v", err)
	}
	// The same temp_key every time, refused by a modulus just above 2^2047:
	// RSAPad must give up instead of looping.
	n := new(big.Int).Lsh(big.NewInt(1), 2047)
	n.Add(n, big.NewInt(1))
	r := bytes.NewReader(bytes.Repeat([]byte{0xff}, 192+64*32))
	if _, err := RSAPad(nil, &rsa.PublicKey{N: n, E: 65537}, r); err == nil {
		t.Error("RSAPad found a temp_key below a modulus that refuses them all")
	}
}

func BenchmarkRSAPad(b *testing.B) {
	pub := rsaPadKey(b, rsaKeyVectors[0].pem)
	data := seq(0, 144)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RSAPad(data, pub, rand.Reader); err != nil {
			b.Fatal(err)
		}
	}
}
