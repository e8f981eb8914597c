package transport

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// obfuscated2 vectors. Sources (as cited by ../shared/vectors/obfuscated2.json):
//
//	gotd    github.com/gotd/td@d0d567ee95e61e991eb4075eeb75b16ddc973801
//	        mtproxy/obfuscated2/obfuscated2_test.go, mtproxy/secret_test.go
//	mtcute  github.com/mtcute/mtcute@42538c29887949aa5799a9a199b30df2f9d59ef0
//	        packages/core/src/network/transports/obfuscated.test.ts,
//	        packages/test/src/crypto.ts (DEFAULT_ENTROPY, aes-ctr),
//	        packages/wasm/tests/ctr.test.ts
//	tgcrypto github.com/pyrogram/tgcrypto@a8aee643179603e994a801eba7f344cae6932010
//	        tests/ctr/test_ctr.py (NIST SP 800-38A F.5.5)
//	GramJS  github.com/gram-js/gramjs@3dc2346fb15ee5a73a03bce3bd191e7d28c76f06
//	        __tests__/crypto/AES.spec.ts
//
// core.telegram.org/mtproto/mtproto-transports#transport-obfuscation
// publishes no byte example.

const (
	ffs64 = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" +
		"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
	// mtcute DEFAULT_ENTROPY, first 64 bytes.
	mtcuteEntropy = "29afd26df40fb8ed10b6b4ad6d56ef5df9453f88e6ee6adb6e0544ba635dc6a8" +
		"a990c9b8b980c343936b33fa7f97bae025102532233abb269c489920ef99021b"
)

type headerVector struct {
	name   string
	source string
	random string // 64 bytes
	secret string // 16 bytes hex, "" for none
	proto  Protocol
	dc     int16
	header string
}

var headerVectors = []headerVector{
	{
		name: "gotd generateKeys", source: "gotd obfuscated2_test.go Test_generateKeys",
		random: "6161616161616161616161616161616161616161616161616161616161616161" +
			"6161616161616161616161616161616161616161616161616161616161616161",
		secret: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", proto: PaddedIntermediate, dc: 2,
		header: "6161616161616161616161616161616161616161616161616161616161616161" +
			"616161616161616161616161616161616161616161616161ab4162424f66fddc",
	},
	{
		name: "gotd Encrypt", source: "gotd obfuscated2_test.go TestEncrypt",
		random: "f5768f50b731260a46be1027c2eeaa39350624f0b6da59eba56c81fe4510c2e0" +
			"b61d3dd323ee02388633e3837a0c1c24fa6f29ccd724be6f416ff7b026f6cce6",
		secret: "8a96ef6e42a18c21837580cd1c91c5a8", proto: PaddedIntermediate, dc: 2,
		header: "f5768f50b731260a46be1027c2eeaa39350624f0b6da59eba56c81fe4510c2e0" +
			"b61d3dd323ee02388633e3837a0c1c24fa6f29ccd724be6fbea2dde16dc59dd2",
	},
	{
		name: "mtcute no proxy", source: "mtcute obfuscated.test.ts (no dc written)",
		random: ffs64, proto: Intermediate,
		header: ffs64[:112] + "fce8ab2203db2bff",
	},
	{
		name: "mtcute proxy prod dc 1", source: "mtcute obfuscated.test.ts MTProxy prod",
		random: ffs64, secret: "00000000000000000000000000000000", proto: Intermediate, dc: 1,
		header: ffs64[:112] + "ecec4cbda8bb188b",
	},
	{
		name: "mtcute proxy test dc 1", source: "mtcute obfuscated.test.ts MTProxy test",
		random: ffs64, secret: "00000000000000000000000000000000", proto: Intermediate, dc: EncodeDC(1, true, false),
		header: ffs64[:112] + "ecec4cbdb89c188b",
	},
	{
		name: "mtcute proxy media dc 1", source: "mtcute obfuscated.test.ts MTProxy media",
		random: ffs64, secret: "00000000000000000000000000000000", proto: Intermediate, dc: EncodeDC(1, false, true),
		header: ffs64[:112] + "ecec4cbd5644188b",
	},
}

// TestHeaderVectors sends each header through Client and takes it back
// through Accept.
func TestHeaderVectors(t *testing.T) {
	for _, v := range headerVectors {
		t.Run(v.name, func(t *testing.T) {
			var secret *Secret
			if v.secret != "" {
				s, err := NewSecret(unhex(t, v.secret))
				if err != nil {
					t.Fatal(err)
				}
				secret = &s
			}
			conn := newBufConn(nil)
			c, err := Client(conn, ClientConfig{
				Protocol: v.proto, Obfuscated: true, Secret: secret, DC: v.dc,
				Options: Options{Rand: io.MultiReader(bytes.NewReader(unhex(t, v.random)), zeroReader{})},
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := c.WriteFrame([]byte("ping")); err != nil {
				t.Fatal(err)
			}
			wire := conn.w.Bytes()
			if got, want := wire[:headerLen], unhex(t, v.header); !bytes.Equal(got, want) {
				t.Fatalf("header\ngot  %x\nwant %x\n(source: %s)", got, want, v.source)
			}

			srv := Server{Secret: secret}
			sc, err := srv.Accept(newBufConn(wire))
			if err != nil {
				t.Fatalf("Accept: %v", err)
			}
			if sc.Protocol() != v.proto || !sc.Obfuscated() {
				t.Errorf("Accept: got %s obfuscated=%v, want %s obfuscated", sc.Protocol(), sc.Obfuscated(), v.proto)
			}
			if v.dc != 0 && sc.DC() != v.dc {
				t.Errorf("Accept: got dc %d, want %d", sc.DC(), v.dc)
			}
			f, err := sc.ReadFrame(nil)
			if err != nil || !bytes.HasPrefix(f.Payload, []byte("ping")) {
				t.Errorf("Accept: got frame %q, %v; want ping", f.Payload, err)
			}
		})
	}
}

// TestEncodeDC checks the encodings the mtcute vectors use.
func TestEncodeDC(t *testing.T) {
	tests := []struct {
		id          int16
		test, media bool
		want        int16
		le          string
	}{
		{1, false, false, 1, "0100"},
		{1, true, false, 10001, "1127"},
		{1, false, true, -1, "ffff"},
		{4, false, true, -4, "fcff"}, // the spec's pseudocode: media DC 4 is 0xfcff
	}
	for _, tt := range tests {
		got := EncodeDC(tt.id, tt.test, tt.media)
		le := []byte{byte(got), byte(uint16(got) >> 8)}
		if got != tt.want || !bytes.Equal(le, unhex(t, tt.le)) {
			t.Errorf("EncodeDC(%d, %v, %v) = %d (%x), want %d (%s)", tt.id, tt.test, tt.media, got, le, tt.want, tt.le)
		}
	}
}

// TestGotdEncryptStreams: gotd TestEncrypt runs "abcd" through the client
// encryption stream after the header, and through a fresh decryption stream.
func TestGotdEncryptStreams(t *testing.T) {
	v := headerVectors[1]
	init, err := newInit(bytes.NewReader(unhex(t, v.random)), [4]byte{0xdd, 0xdd, 0xdd, 0xdd}, v.dc)
	if err != nil {
		t.Fatal(err)
	}
	header, enc, dec := clientHeader(init, unhex(t, v.secret))
	if want := unhex(t, v.header); !bytes.Equal(header[:], want) {
		t.Fatalf("header\ngot  %x\nwant %x", header, want)
	}
	got := make([]byte, 4)
	enc.XORKeyStream(got, []byte("abcd"))
	if want := unhex(t, "ca7a8226"); !bytes.Equal(got, want) {
		t.Errorf("encrypt abcd: got %x, want %x", got, want)
	}
	dec.XORKeyStream(got, []byte("abcd"))
	if want := unhex(t, "8f711982"); !bytes.Equal(got, want) {
		t.Errorf("decrypt abcd: got %x, want %x", got, want)
	}
}

// TestKeyDerivationVectors: mtcute obfuscated.test.ts key derivation, with
// and without a secret, from DEFAULT_ENTROPY.
func TestKeyDerivationVectors(t *testing.T) {
	tests := []struct {
		name                         string
		secret                       string
		encKey, encIV, decKey, decIV string
	}{
		{
			name:   "no proxy",
			encKey: "10b6b4ad6d56ef5df9453f88e6ee6adb6e0544ba635dc6a8a990c9b8b980c343",
			encIV:  "936b33fa7f97bae025102532233abb26",
			decKey: "26bb3a2332251025e0ba977ffa336b9343c380b9b8c990a9a8c65d63ba44056e",
			decIV:  "db6aeee6883f45f95def566dadb4b610",
		},
		{
			name:   "secret 00112233445566778899aabbccddeeff",
			secret: "00112233445566778899aabbccddeeff",
			encKey: "dd03188944590983e28dad14d97d0952389d118af4ffcbdb28d56a6a612ef7a6",
			encIV:  "936b33fa7f97bae025102532233abb26",
			decKey: "413b8e08021fbb08a2962b6d7187194fe46565c6b329d3bbdfcffd4870c16119",
			decIV:  "db6aeee6883f45f95def566dadb4b610",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := [headerLen]byte(unhex(t, mtcuteEntropy))
			var secret []byte
			if tt.secret != "" {
				secret = unhex(t, tt.secret)
			}
			k := deriveKeys(&h, secret)
			for _, c := range []struct {
				name      string
				got, want []byte
			}{
				{"encrypt key", k.encKey[:], unhex(t, tt.encKey)},
				{"encrypt iv", k.encIV[:], unhex(t, tt.encIV)},
				{"decrypt key", k.decKey[:], unhex(t, tt.decKey)},
				{"decrypt iv", k.decIV[:], unhex(t, tt.decIV)},
			} {
				if !bytes.Equal(c.got, c.want) {
					t.Errorf("%s: got %x, want %x", c.name, c.got, c.want)
				}
			}
		})
	}
}

// TestStreamVector: mtcute obfuscated.test.ts, intermediate over
// obfuscated2 from DEFAULT_ENTROPY, no proxy. Two -404 packets are written,
// and two server packets read, each a -404 transport error.
func TestStreamVector(t *testing.T) {
	conn := newBufConn(unhex(t, "e8027df708ab3b5c 1854be76d2df4949"))
	c, err := Client(conn, ClientConfig{
		Protocol: Intermediate, Obfuscated: true,
		Options: Options{Rand: bytes.NewReader(unhex(t, mtcuteEntropy))},
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := c.WriteFrame(unhex(t, "6cfeffff")); err != nil {
			t.Fatal(err)
		}
	}
	wire := conn.w.Bytes()
	if got, want := wire[:56], unhex(t, mtcuteEntropy)[:56]; !bytes.Equal(got, want) {
		t.Errorf("header start: got %x, want %x", got, want)
	}
	if got, want := wire[headerLen:], unhex(t, "a1020630a410e940 f53ff53f371db495"); !bytes.Equal(got, want) {
		t.Errorf("ciphertext: got %x, want %x", got, want)
	}
	for i := range 2 {
		_, err := c.ReadFrame(nil)
		var pe *ProtocolError
		if !errors.As(err, &pe) || pe.Code != -404 {
			t.Errorf("packet %d: got %v, want -404", i, err)
		}
	}
}

// TestCTRVectors checks AES-256-CTR, and that a stream continues across
// calls of any length, as the obfuscated2 streams must.
func TestCTRVectors(t *testing.T) {
	tests := []struct {
		name, source string
		key, iv      string
		in           []string // successive inputs
		out          []string
	}{
		{
			name: "NIST SP 800-38A F.5.5", source: "tgcrypto tests/ctr/test_ctr.py TestCTR256NIST; mtcute packages/wasm/tests/ctr.test.ts",
			key: "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
			iv:  "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
			in:  []string{"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"},
			out: []string{"601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6"},
		},
		{
			name: "mtcute stream", source: "mtcute packages/wasm/tests/ctr.test.ts stream",
			key: "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
			iv:  "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
			in:  []string{"6bc1bee22e409f96e93d7e117393172a", "6bc1bee22e409f96e93d7e117393172a", "6bc1bee22e409f96e93d7e117393172a"},
			out: []string{"601ec313775789a5b7a7f504bbf3d228", "31afd77f7d218690bd0ef82dfcf66cbe", "7000927e2f2192cbe4b6a8b2441ddd48"},
		},
		{
			name: "mtcute crypto provider", source: "mtcute packages/test/src/crypto.ts should encrypt and decrypt aes-ctr",
			key: "d450aae0bf0060a4af1044886b42a13f7c506b35255d134a7e87ab3f23a9493b",
			iv:  "0182de2bd789c295c3c6c875c5e9e190",
			in: []string{"7baae571e4c2f4cfadb1931d5923aca7", "7baae571e4c2f4cfadb1931d5923aca7", "7baae571e4c2f4cfadb1931d5923aca7",
				"7baae571e4c2f4cfadb1931d5923aca7", "7baae571e4c2f4cfadb1931d5923aca7", "7baae571e4c2f4cfadb1931d5923aca7"},
			out: []string{"df5647dbb70bc393f2fb05b72f42286f", "3917147082672516b3177150129bc579", "2a7a9089270a5de45d5e3dd399cac725",
				"56d085217771398ac13583de4d677dd8", "cc639b488126cf36e79c4515e8012b92", "01384d100646cd562cc5586ec3f8f8c4"},
		},
		{
			name: "GramJS chunks", source: "GramJS __tests__/crypto/AES.spec.ts CTR encrypt function",
			key: "746865206b6579206e656564732033322063686172616374657273206c6f6e67",
			iv:  "74686520697620646f6573206e6f742e",
			in:  []string{"746869732063616e20626520616e79206c656e677468", "7468697320616c736f2063616e20626520616e797468696e67"},
			out: []string{"5f40f14f8b70178f70e8045b44eff5f1b148714f23cd", "cd0779d148b466935cf573450212451692bc82fccd5b106e53"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newCTR([32]byte(unhex(t, tt.key)), [16]byte(unhex(t, tt.iv)))
			for i, in := range tt.in {
				src := unhex(t, in)
				got := make([]byte, len(src))
				s.XORKeyStream(got, src)
				if want := unhex(t, tt.out[i]); !bytes.Equal(got, want) {
					t.Errorf("chunk %d: got %x, want %x (source: %s)", i, got, want, tt.source)
				}
			}
		})
	}
}

// TestSecretVectors: gotd mtproxy/secret_test.go TestParseSecret. gotd
// calls the padded kind "Secured".
func TestSecretVectors(t *testing.T) {
	tests := []struct {
		name   string
		hex    string
		kind   SecretKind
		domain string
	}{
		{"Simple", "52a493bdfb90eea55739eabff2d92a14", SecretSimple, ""},
		{"Secured dd", "ddf05fb7acb549be047a7c585116581418", SecretPadded, ""},
		{"Secured ee", "eef05fb7acb549be047a7c585116581418", SecretPadded, ""},
		{"TLS google.com", "ee852380f362a09343efb4690c4e17862e676f6f676c652e636f6d", SecretFakeTLS, "google.com"},
		{"TLS bing.com", "eedf71035a8ed48a623d8e83e66aec4d0562696e672e636f6d", SecretFakeTLS, "bing.com"},
		{"TLS yandex.ru", "ee7cea5c13d65f12fd808de70ddcc8d3a979616e6465782e7275", SecretFakeTLS, "yandex.ru"},
		{"Bad 15 bytes", "52a493bdfb90eea55739eabff2d92a", 0, ""},
		{"Bad 17 bytes", "52a493bdfb90eea55739eabff2d92a1422", 0, ""},
		{"Bad dd", "dd", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSecret(tt.hex)
			if tt.kind == 0 {
				if !errors.Is(err, ErrInvalidSecret) {
					t.Fatalf("got %v, %v; want ErrInvalidSecret", s, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if str := fmt.Sprint(s); strings.Contains(str, hex.EncodeToString(s.Key[:])) || !strings.Contains(str, tt.kind.String()) {
				t.Errorf("String() = %q reveals the key or hides the kind", str)
			}
			if s.Kind != tt.kind || s.Domain != tt.domain {
				t.Errorf("got kind %s domain %q, want %s %q", s.Kind, s.Domain, tt.kind, tt.domain)
			}
			b := unhex(t, tt.hex)
			if want := b[len(b)-16-len(tt.domain) : len(b)-len(tt.domain)]; !bytes.Equal(s.Key[:], want) {
				t.Errorf("got key %x, want %x", s.Key, want)
			}
			if tt.kind == SecretFakeTLS {
				if _, err := Client(newBufConn(nil), ClientConfig{Secret: &s}); !errors.Is(err, ErrFakeTLS) {
					t.Errorf("Client with a fake-TLS secret: got %v, want ErrFakeTLS", err)
				}
			}
		})
	}
}

// TestParseSecretBase64 accepts the base64 forms proxy links use; the
// bytes are those of the vectors above.
func TestParseSecretBase64(t *testing.T) {
	tests := []struct {
		in     string
		kind   SecretKind
		domain string
	}{
		{"7oUjgPNioJND77RpDE4Xhi5nb29nbGUuY29t", SecretFakeTLS, "google.com"},
		{"3fBft6y1Sb4EenxYURZYFBg=", SecretPadded, ""},
		{"UqSTvfuQ7qVXOeq/8tkqFA==", SecretSimple, ""},
		{"UqSTvfuQ7qVXOeq_8tkqFA", SecretSimple, ""},
	}
	for _, tt := range tests {
		got, err := ParseSecret(tt.in)
		if err != nil || got.Kind != tt.kind || got.Domain != tt.domain {
			t.Errorf("ParseSecret(%q) = %s %q, %v; want %s %q", tt.in, got.Kind, got.Domain, err, tt.kind, tt.domain)
		}
	}
	if _, err := ParseSecret("not a secret!"); !errors.Is(err, ErrInvalidSecret) {
		t.Errorf("got %v, want ErrInvalidSecret", err)
	}
}

// TestNewInitRejects checks that headers the server would misread are
// drawn again, quoting the spec's list.
func TestNewInitRejects(t *testing.T) {
	good := bytes.Repeat([]byte{0x42}, headerLen)
	for _, bad := range [][]byte{
		{0xef, 1, 2, 3, 4, 5, 6, 7},
		[]byte("HEAD1234"), []byte("POST1234"), []byte("GET 1234"), []byte("OPTI1234"),
		{0x16, 0x03, 0x01, 0x02, 1, 1, 1, 1},
		{0xdd, 0xdd, 0xdd, 0xdd, 1, 1, 1, 1},
		{0xee, 0xee, 0xee, 0xee, 1, 1, 1, 1},
		{1, 2, 3, 4, 0, 0, 0, 0},
	} {
		h := make([]byte, headerLen)
		copy(h, bad)
		init, err := newInit(bytes.NewReader(cat(h, good)), [4]byte{0xee, 0xee, 0xee, 0xee}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(init[:56], good[:56]) {
			t.Errorf("header starting %x was accepted", bad)
		}
	}
	_, err := newInit(bytes.NewReader(bytes.Repeat([]byte{0xef}, headerLen*maxInitAttempts)), [4]byte{}, 0)
	if err == nil {
		t.Error("a source of 0xef bytes: got a header, want an error")
	}
	_, err = newInit(bytes.NewReader(make([]byte, 10)), [4]byte{}, 0)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("short source: got %v, want io.ErrUnexpectedEOF", err)
	}
}
