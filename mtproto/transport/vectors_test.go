package transport

import (
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"testing"
)

// Framing vectors. Sources (as cited by ../shared/vectors/mtproto_transports.json):
//
//	grammers  github.com/Lonami/grammers@fa7692e49f301f16dc671c2f305ac1a32cad1a8e
//	          grammers-mtproto/src/transport/{abridged,intermediate,full}.rs, tests
//	Telethon  github.com/LonamiWebs/Telethon@f15af530fa4a3b18a2983f3dde36f0c3175ec27a (v2)
//	          client/tests/transport/{abridged,intermediate,full}_test.py (same values)
//	gotd      github.com/gotd/td@d0d567ee95e61e991eb4075eeb75b16ddc973801
//	          proto/codec/{abridged,full}_test.go
//	mtcute    github.com/mtcute/mtcute@42538c29887949aa5799a9a199b30df2f9d59ef0
//	          packages/core/src/network/transports/intermediate.test.ts
//
// Rules: core.telegram.org/mtproto/mtproto-transports, crawler snapshot
// github.com/MarshalX/telegram-crawler@15ce5d53d95b9ed9f62a64ac7bb7f05f83c7acb2
// data/web/core.telegram.org/mtproto/mtproto-transports.html.

// writeVector is a payload and the bytes a client writes for it.
type writeVector struct {
	name      string
	source    string
	proto     Protocol
	tag       bool   // first packet: the client tag comes first
	before    int    // frames written before this one (full seqno)
	unaligned bool   // gotd/mtcute use payloads of odd length
	rand      []byte // padding source
	payload   []byte
	wire      []byte
}

func writeVectors(t *testing.T) []writeVector {
	a := func(n int) []byte { return bytes.Repeat([]byte("a"), n) }
	return []writeVector{
		{name: "abridged first packet empty", source: "grammers abridged.rs tests; Telethon abridged_test.py",
			proto: Abridged, tag: true, payload: nil, wire: unhex(t, "ef00")},
		{name: "abridged first packet 128 bytes", source: "grammers abridged.rs tests; Telethon abridged_test.py",
			proto: Abridged, tag: true, payload: counting(128), wire: cat(unhex(t, "ef20"), counting(128))},
		{name: "abridged first packet 1024 bytes", source: "grammers abridged.rs tests; Telethon abridged_test.py",
			proto: Abridged, tag: true, payload: counting(1024), wire: cat(unhex(t, "ef7f000100"), counting(1024))},
		{name: "abridged abcd", source: "gotd proto/codec/abridged_test.go Small-4b",
			proto: Abridged, payload: []byte("abcd"), wire: unhex(t, "0161626364")},
		{name: "abridged 124 a", source: "gotd proto/codec/abridged_test.go Medium-124b",
			proto: Abridged, payload: a(124), wire: cat(unhex(t, "1f"), a(124))},
		{name: "abridged 1024 a", source: "gotd proto/codec/abridged_test.go Big-1kb",
			proto: Abridged, payload: a(1024), wire: cat(unhex(t, "7f000100"), a(1024))},

		{name: "intermediate first packet empty", source: "grammers intermediate.rs tests; Telethon intermediate_test.py",
			proto: Intermediate, tag: true, payload: nil, wire: unhex(t, "eeeeeeee00000000")},
		{name: "intermediate first packet 128 bytes", source: "grammers intermediate.rs tests; Telethon intermediate_test.py",
			proto: Intermediate, tag: true, payload: counting(128), wire: cat(unhex(t, "eeeeeeee80000000"), counting(128))},
		{name: "intermediate encode -404", source: "mtcute intermediate.test.ts encode",
			proto: Intermediate, payload: unhex(t, "6cfeffff"), wire: unhex(t, "040000006cfeffff")},

		// mtcute fakes the padding length (6) and takes the bytes from its
		// fixed entropy; our source gives the length in its first byte.
		{name: "padded encode -404", source: "mtcute intermediate.test.ts padded",
			proto: PaddedIntermediate, rand: unhex(t, "06 29afd26df40f 000000000000000000"),
			payload: unhex(t, "6cfeffff"), wire: unhex(t, "0a0000006cfeffff29afd26df40f")},

		{name: "full seq 0 empty", source: "grammers full.rs tests; Telethon full_test.py",
			proto: Full, payload: nil, wire: unhex(t, "0c000000 00000000 26ca8d32")},
		{name: "full seq 0 128 bytes", source: "grammers full.rs tests; Telethon full_test.py",
			proto: Full, payload: counting(128), wire: cat(unhex(t, "8c000000 00000000"), counting(128), unhex(t, "86739537"))},
		{name: "full seq 1 128 bytes", source: "grammers full.rs tests; Telethon full_test.py",
			proto: Full, before: 1, payload: counting(128), wire: cat(unhex(t, "8c000000 01000000"), counting(128), unhex(t, "9609f04a"))},
		{name: "full seq 1 abc", source: "gotd proto/codec/full_test.go fullTestData",
			proto: Full, before: 1, unaligned: true, payload: []byte("abc"), wire: unhex(t, "0f000000 01000000 616263 4ed66d94")},
	}
}

func TestWriteVectors(t *testing.T) {
	for _, v := range writeVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			var out bytes.Buffer
			opts := Options{Unaligned: v.unaligned, Rand: bytes.NewReader(v.rand)}
			c := testCodec(t, v.proto, false, v.tag, nil, &out, opts)
			for range v.before {
				if err := c.WriteFrame(nil); err != nil {
					t.Fatal(err)
				}
				out.Reset()
			}
			if err := c.WriteFrame(v.payload); err != nil {
				t.Fatalf("WriteFrame: %v (source: %s)", err, v.source)
			}
			if got := out.Bytes(); !bytes.Equal(got, v.wire) {
				t.Errorf("got  %x\nwant %x\n(source: %s)", got, v.wire, v.source)
			}
		})
	}
}

// TestReadBackVectors reads each client vector on the server side.
func TestReadBackVectors(t *testing.T) {
	for _, v := range writeVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			in := v.wire[len(v.proto.Tag())*btoi(v.tag):]
			if v.before > 0 {
				var prefix bytes.Buffer
				w := testCodec(t, v.proto, false, false, nil, &prefix, Options{})
				for range v.before {
					w.WriteFrame(nil)
				}
				in = cat(prefix.Bytes(), in)
			}
			c := testCodec(t, v.proto, true, false, bytes.NewReader(in), io.Discard, Options{Unaligned: v.unaligned})
			for range v.before {
				if _, err := c.ReadFrame(nil); err != nil {
					t.Fatal(err)
				}
			}
			f, err := c.ReadFrame(nil)
			if err != nil {
				t.Fatalf("ReadFrame: %v", err)
			}
			want := v.payload
			if v.proto == PaddedIntermediate {
				want = v.wire[4:] // payload and padding, inseparable
			}
			if !bytes.Equal(f.Payload, want) {
				t.Errorf("got %x, want %x", f.Payload, want)
			}
			if _, err := c.ReadFrame(nil); err != io.EOF {
				t.Errorf("after the frame: got %v, want io.EOF", err)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestTransportErrorVectors reads server packets carrying -404 on the client.
func TestTransportErrorVectors(t *testing.T) {
	tests := []struct {
		name   string
		source string
		proto  Protocol
		wire   string
	}{
		{"abridged", "grammers abridged.rs tests::unpack_bad_status", Abridged, "016cfeffff"},
		{"intermediate", "grammers intermediate.rs tests::unpack_bad_status; mtcute intermediate.test.ts", Intermediate, "040000006cfeffff"},
		{"padded", "mtcute intermediate.test.ts padded (read back)", PaddedIntermediate, "0a0000006cfeffff29afd26df40f"},
		{"full bare", "grammers full.rs tests::unpack_bad_status", Full, "6cfeffff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testCodec(t, tt.proto, false, false, bytes.NewReader(unhex(t, tt.wire)), io.Discard, Options{})
			_, err := c.ReadFrame(nil)
			var pe *ProtocolError
			if !errors.As(err, &pe) || pe.Code != -404 {
				t.Fatalf("got %v, want *ProtocolError -404 (source: %s)", err, tt.source)
			}
			if pe.Error() != "transport: server error -404 (auth key not found)" {
				t.Errorf("message %q", pe.Error())
			}
		})
	}
}

// TestWriteErrorVectors writes -404 from the server side: the same bytes as
// the vectors above, given the same padding.
func TestWriteErrorVectors(t *testing.T) {
	tests := []struct {
		proto Protocol
		rand  string
		wire  string
	}{
		{Abridged, "", "016cfeffff"},
		{Intermediate, "", "040000006cfeffff"},
		{PaddedIntermediate, "06 29afd26df40f 000000000000000000", "0a0000006cfeffff29afd26df40f"},
	}
	for _, tt := range tests {
		t.Run(tt.proto.String(), func(t *testing.T) {
			var out bytes.Buffer
			c := testCodec(t, tt.proto, true, false, nil, &out, Options{Rand: bytes.NewReader(unhex(t, tt.rand))})
			if err := c.WriteError(404); err != nil {
				t.Fatal(err)
			}
			if got, want := out.Bytes(), unhex(t, tt.wire); !bytes.Equal(got, want) {
				t.Errorf("got %x, want %x", got, want)
			}
		})
	}
}

// TestMtcuteIntermediateDecode: mtcute intermediate.test.ts, one frame and
// a frame stream split across reads. Its 5- and 3-byte payloads need
// Options.Unaligned; without it they are refused.
func TestMtcuteIntermediateDecode(t *testing.T) {
	c := testCodec(t, Intermediate, false, false, bytes.NewReader(unhex(t, "050000000501020304")), io.Discard, Options{Unaligned: true})
	f, err := c.ReadFrame(nil)
	if want := unhex(t, "0501020304"); err != nil || !bytes.Equal(f.Payload, want) {
		t.Errorf("got %x, %v; want %x", f.Payload, err, want)
	}

	r := &chunkReader{chunks: [][]byte{unhex(t, "050000000501"), unhex(t, "020304050000"), unhex(t, "000301020301")}}
	c = testCodec(t, Intermediate, false, false, r, io.Discard, Options{Unaligned: true})
	for _, want := range []string{"0501020304", "0301020301"} {
		f, err := c.ReadFrame(make([]byte, 0, 64))
		if err != nil || !bytes.Equal(f.Payload, unhex(t, want)) {
			t.Errorf("got %x, %v; want %s", f.Payload, err, want)
		}
	}

	c = testCodec(t, Intermediate, false, false, bytes.NewReader(unhex(t, "050000000501020304")), io.Discard, Options{})
	if _, err := c.ReadFrame(nil); !errors.Is(err, ErrBadLength) {
		t.Errorf("aligned reader: got %v, want ErrBadLength", err)
	}
}

// TestFullCRCFlipped: grammers full.rs tests / Telethon full_test.py flip the
// last byte of the 128-byte packet: computed 932541318, read 3365237638.
func TestFullCRCFlipped(t *testing.T) {
	wire := cat(unhex(t, "8c000000 00000000"), counting(128), unhex(t, "86739537"))
	wire[len(wire)-1] ^= 0xff
	c := testCodec(t, Full, false, false, bytes.NewReader(wire), io.Discard, Options{})
	_, err := c.ReadFrame(nil)
	var ce *CRCError
	if !errors.As(err, &ce) {
		t.Fatalf("got %v, want *CRCError", err)
	}
	if ce.Got != 3365237638 || ce.Want != 932541318 {
		t.Errorf("got CRCError{Got: %d, Want: %d}, want {3365237638, 932541318}", ce.Got, ce.Want)
	}
}

// TestCRC32Vectors checks that hash/crc32's IEEE table is the CRC the full
// transport uses. Sources (../shared/vectors/crc32.json): tdlib
// github.com/tdlib/td@022d60202e446ad1287b9fb68e687c8a0760788b
// tdutils/test/crypto.cpp TEST(Crypto, crc32); framing CRCs from grammers
// full.rs / Telethon full_test.py / gotd proto/codec/full_test.go at the
// commits above.
func TestCRC32Vectors(t *testing.T) {
	plain := []struct {
		in   []byte
		want uint32
	}{
		{nil, 0},
		{[]byte("1"), 2212294583},
		{[]byte("short test string"), 3013144151},
		{bytes.Repeat([]byte("a"), 1000000), 3693461436},
	}
	for _, tt := range plain {
		if got := crc32.ChecksumIEEE(tt.in); got != tt.want {
			t.Errorf("crc32(%.20q…) = %d, want %d", tt.in, got, tt.want)
		}
	}
	framing := []struct {
		in   []byte
		want string // little-endian
	}{
		{unhex(t, "0c000000 00000000"), "26ca8d32"},
		{cat(unhex(t, "8c000000 00000000"), counting(128)), "86739537"},
		{cat(unhex(t, "8c000000 01000000"), counting(128)), "9609f04a"},
		{unhex(t, "0f000000 01000000 616263"), "4ed66d94"},
	}
	for _, tt := range framing {
		var got [4]byte
		sum := crc32.ChecksumIEEE(tt.in)
		got[0], got[1], got[2], got[3] = byte(sum), byte(sum>>8), byte(sum>>16), byte(sum>>24)
		if want := unhex(t, tt.want); !bytes.Equal(got[:], want) {
			t.Errorf("crc32(%x…) = %x, want %x", tt.in[:8], got, want)
		}
	}
}
