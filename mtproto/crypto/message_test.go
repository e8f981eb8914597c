package crypto

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"testing"
)

// innerMessage frames body as the plaintext of an encrypted message:
// server_salt, session_id, msg_id, seq_no and message_data_length first.
func innerMessage(salt, session, msgID []byte, seqNo uint32, body []byte) []byte {
	p := make([]byte, 0, innerHeaderSize+len(body))
	p = append(p, salt...)
	p = append(p, session...)
	p = append(p, msgID...)
	p = binary.LittleEndian.AppendUint32(p, seqNo)
	p = binary.LittleEndian.AppendUint32(p, uint32(len(body)))
	return append(p, body...)
}

// sealRaw encrypts padded, a plaintext that already carries its padding,
// whatever it contains: the way to build messages that DecryptMessage
// must refuse after their msg_key checks out.
func sealRaw(k *AuthKey, d Direction, padded []byte) []byte {
	out := make([]byte, headerSize+len(padded))
	copy(out[headerSize:], padded)
	seal(out, k, d)
	return out
}

func TestSealVector(t *testing.T) {
	v := sealVector
	k := mustAuthKey(t, v.authKey)
	padded := append(unhex(t, v.plaintext), unhex(t, v.padding)...)
	if got, want := sealRaw(k, ClientToServer, padded), unhex(t, v.output); !bytes.Equal(got, want) {
		t.Errorf("encrypted message = %x, want %x", got, want)
	}
}

func TestDecryptServerReply(t *testing.T) {
	v := serverReplyVector
	k := mustAuthKey(t, v.authKey)
	msg := unhex(t, v.input)
	want := unhex(t, v.plaintext) // with its padding
	got, err := DecryptMessage(k, ServerToClient, msg)
	if err != nil {
		t.Fatal(err)
	}
	n := innerHeaderSize + int(binary.LittleEndian.Uint32(want[28:32]))
	if !bytes.Equal(got, want[:n]) {
		t.Errorf("plaintext = %x, want %x", got, want[:n])
	}
	if !bytes.Equal(msg[headerSize:], want) {
		t.Errorf("decrypted buffer = %x, want %x", msg[headerSize:], want)
	}
	if &got[0] != &msg[headerSize] {
		t.Error("plaintext is not decrypted in place")
	}
}

func mtcutePlaintext(t *testing.T) []byte {
	v := mtcuteMessage
	return innerMessage(unhex(t, v.salt), unhex(t, v.session), unhex(t, v.msgID), v.seqNo, []byte(v.body))
}

func TestEncryptMessageMTCute(t *testing.T) {
	v := mtcuteMessage
	k := mustAuthKey(t, v.authKey)
	want := unhex(t, v.output)
	prefix := []byte("transport header")
	got, err := EncryptMessage(bytes.Clone(prefix), k, ClientToServer, mtcutePlaintext(t), bytes.NewReader(unhex(t, v.padding)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(got, prefix) || !bytes.Equal(got[len(prefix):], want) {
		t.Errorf("EncryptMessage = %x, want %x after the prefix", got, want)
	}
}

func TestDecryptMessageMTCute(t *testing.T) {
	v := mtcuteMessage
	k := mustAuthKey(t, v.authKey)
	got, err := DecryptMessage(k, ServerToClient, unhex(t, v.serverInput))
	if err != nil {
		t.Fatal(err)
	}
	if want := mtcutePlaintext(t); !bytes.Equal(got[8:], want[8:]) {
		// The server's salt is its own; everything else must match.
		t.Errorf("plaintext = %x, want %x (salt aside)", got, want)
	}
}

func TestDecryptMessageMTCuteBad(t *testing.T) {
	k := mustAuthKey(t, authKeyMTCute)
	session := unhex(t, mtcuteMessage.session)
	for _, tc := range mtcuteBadMessages {
		got, err := DecryptMessage(k, ServerToClient, unhex(t, tc.input))
		if tc.err == nil {
			// Authentic, but for another session: the session layer's check.
			if err != nil {
				t.Errorf("%s: error = %v, want none", tc.name, err)
			} else if bytes.Equal(got[8:16], session) {
				t.Errorf("%s: session_id = %x, want a different one", tc.name, got[8:16])
			}
			continue
		}
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: error = %v, want %v", tc.name, err, tc.err)
		}
		var se *SecurityError
		if !errors.As(err, &se) {
			t.Errorf("%s: error %T is not a *SecurityError", tc.name, err)
		}
	}
}

// TestDecryptMessageChecks tampers with every part of a message and
// builds authentic messages that break the length rules.
func TestDecryptMessageChecks(t *testing.T) {
	k := mustAuthKey(t, authKeySeq)
	other := mustAuthKey(t, authKeyMTCute)
	salt, session, msgID := seq(1, 8), seq(9, 8), seq(17, 8)
	good, err := EncryptMessage(nil, k, ServerToClient, innerMessage(salt, session, msgID, 1, seq(100, 40)), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	// header(length field) + body + padding, sealed as is.
	raw := func(length uint32, body, pad int) []byte {
		p := innerMessage(salt, session, msgID, 1, make([]byte, body))
		binary.LittleEndian.PutUint32(p[28:], length)
		return sealRaw(k, ServerToClient, append(p, make([]byte, pad)...))
	}
	flip := func(i int) []byte {
		m := bytes.Clone(good)
		m[i] ^= 1
		return m
	}
	tests := []struct {
		name  string
		msg   []byte
		dir   Direction
		err   error
		check string
	}{
		{"good", bytes.Clone(good), ServerToClient, nil, ""},
		{"auth_key_id", flip(3), ServerToClient, ErrAuthKeyIDMismatch, "auth_key_id"},
		{"other key", sealRaw(other, ServerToClient, make([]byte, 64)), ServerToClient, ErrAuthKeyIDMismatch, "auth_key_id"},
		{"msg_key", flip(8 + 5), ServerToClient, ErrMsgKeyMismatch, "msg_key"},
		{"ciphertext", flip(len(good) - 1), ServerToClient, ErrMsgKeyMismatch, "msg_key"},
		{"first block", flip(headerSize), ServerToClient, ErrMsgKeyMismatch, "msg_key"},
		{"direction", bytes.Clone(good), ClientToServer, ErrMsgKeyMismatch, "msg_key"},
		{"not whole blocks", good[:len(good)-1], ServerToClient, ErrPadding, "padding"},
		{"extra block", append(bytes.Clone(good), make([]byte, 16)...), ServerToClient, ErrMsgKeyMismatch, "msg_key"},
		{"no header", good[:20], ServerToClient, ErrPadding, "padding"},
		{"header only", good[:headerSize], ServerToClient, ErrMsgKeyMismatch, "msg_key"},
		{"authentic 16 bytes", sealRaw(k, ServerToClient, make([]byte, 16)), ServerToClient, ErrPadding, "padding"},
		{"authentic 32 bytes", sealRaw(k, ServerToClient, make([]byte, 32)), ServerToClient, ErrPadding, "padding"},
		{"padding 12", raw(20, 20, 12), ServerToClient, nil, ""},
		{"padding 1024", raw(0, 0, 1024), ServerToClient, nil, ""},
		{"padding 8", raw(24, 24, 8), ServerToClient, ErrPadding, "padding"},
		{"padding 0", raw(32, 32, 0), ServerToClient, ErrPadding, "padding"},
		{"padding 1040", raw(0, 0, 1040), ServerToClient, ErrPadding, "padding"},
		{"length beyond data", raw(64, 20, 12), ServerToClient, ErrMessageLength, "length"},
		{"length not x4", raw(18, 20, 12), ServerToClient, ErrMessageLength, "length"},
		{"length negative", raw(0xfffffffc, 20, 12), ServerToClient, ErrMessageLength, "length"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecryptMessage(k, tc.dir, tc.msg)
			if tc.err == nil {
				if err != nil {
					t.Fatalf("error = %v, want none", err)
				}
				if !bytes.Equal(got[:24], append(append(salt, session...), msgID...)) {
					t.Errorf("plaintext header = %x", got[:24])
				}
				return
			}
			if !errors.Is(err, tc.err) {
				t.Fatalf("error = %v, want %v", err, tc.err)
			}
			var se *SecurityError
			if !errors.As(err, &se) || se.Check != tc.check {
				t.Fatalf("error = %#v, want a *SecurityError with Check %q", err, tc.check)
			}
			if got != nil {
				t.Errorf("plaintext %x returned with an error", got)
			}
			if tc.err != ErrAuthKeyIDMismatch && len(tc.msg) >= headerSize && len(tc.msg)%16 == 8 {
				if body := tc.msg[headerSize:]; !bytes.Equal(body, make([]byte, len(body))) {
					t.Error("decrypted bytes of a refused message were not zeroed")
				}
			}
		})
	}
}

func TestEncryptMessageRoundTrip(t *testing.T) {
	k := mustAuthKey(t, authKeyGrammersServer)
	for _, d := range []Direction{ClientToServer, ServerToClient} {
		for n := 0; n <= 200; n += 4 {
			pt := innerMessage(seq(1, 8), seq(2, 8), seq(3, 8), uint32(n), seq(n, n))
			msg, err := EncryptMessage(nil, k, d, pt, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			pad := len(msg) - headerSize - len(pt)
			if pad < 12 || pad > 27 || (len(msg)-headerSize)%16 != 0 {
				t.Errorf("%v, %d bytes: padding %d, total %d", d, n, pad, len(msg))
			}
			got, err := DecryptMessage(k, d, msg)
			if err != nil {
				t.Fatalf("%v, %d bytes: %v", d, n, err)
			}
			if !bytes.Equal(got, pt) {
				t.Fatalf("%v, %d bytes: round trip = %x, want %x", d, n, got, pt)
			}
		}
	}
}

func TestEncryptMessageErrors(t *testing.T) {
	k := mustAuthKey(t, authKeySeq)
	good := innerMessage(seq(1, 8), seq(2, 8), seq(3, 8), 1, seq(0, 16))
	bad := func(f func(p []byte) []byte) []byte { return f(bytes.Clone(good)) }
	for name, pt := range map[string][]byte{
		"short":          good[:31],
		"length too big": bad(func(p []byte) []byte { p[28] = 20; return p }),
		"length too small": bad(func(p []byte) []byte {
			p[28] = 12
			return p
		}),
		"not x4": append(bytes.Clone(good[:innerHeaderSize-4]), 2, 0, 0, 0, 'h', 'i'),
	} {
		dst := []byte("keep")
		out, err := EncryptMessage(dst, k, ClientToServer, pt, rand.Reader)
		if !errors.Is(err, ErrMessageLength) {
			t.Errorf("%s: error = %v, want ErrMessageLength", name, err)
		}
		if string(out) != "keep" {
			t.Errorf("%s: dst = %q, want it unchanged", name, out)
		}
	}
	out, err := EncryptMessage([]byte("keep"), k, ClientToServer, good, errReader{})
	if !errors.Is(err, errTestRandom) || string(out) != "keep" {
		t.Errorf("failing random: (%q, %v), want (\"keep\", the reader's error)", out, err)
	}
}

// zeroReader is a random source that allocates nothing, so that allocation
// counts measure EncryptMessage alone.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestMessageAllocs pins the steady state: encrypting into a buffer that
// has room, and decrypting in place, allocate only the AES key schedule
// that crypto/aes.NewCipher returns (one per message, since every message
// has its own key).
func TestMessageAllocs(t *testing.T) {
	k := mustAuthKey(t, authKeySeq)
	pt := innerMessage(seq(1, 8), seq(2, 8), seq(3, 8), 1, make([]byte, 1024))
	dst := make([]byte, 0, 2048)
	var msg []byte
	n := testing.AllocsPerRun(100, func() {
		msg, _ = EncryptMessage(dst[:0], k, ClientToServer, pt, zeroReader{})
	})
	if n > 1 {
		t.Errorf("EncryptMessage: %v allocs per message, want at most 1", n)
	}
	buf := make([]byte, len(msg))
	n = testing.AllocsPerRun(100, func() {
		copy(buf, msg)
		if _, err := DecryptMessage(k, ClientToServer, buf); err != nil {
			t.Fatal(err)
		}
	})
	if n > 1 {
		t.Errorf("DecryptMessage: %v allocs per message, want at most 1", n)
	}
}

func BenchmarkEncryptMessage(b *testing.B) {
	k, _ := NewAuthKey(seq(0, AuthKeySize))
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			pt := innerMessage(seq(1, 8), seq(2, 8), seq(3, 8), 1, make([]byte, s.n))
			dst := make([]byte, 0, s.n+100)
			b.SetBytes(int64(len(pt)))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if dst, err = EncryptMessage(dst[:0], k, ClientToServer, pt, rand.Reader); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecryptMessage(b *testing.B) {
	k, _ := NewAuthKey(seq(0, AuthKeySize))
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			pt := innerMessage(seq(1, 8), seq(2, 8), seq(3, 8), 1, make([]byte, s.n))
			msg, _ := EncryptMessage(nil, k, ServerToClient, pt, rand.Reader)
			buf := make([]byte, len(msg))
			b.SetBytes(int64(len(pt)))
			b.ReportAllocs()
			for b.Loop() {
				copy(buf, msg)
				if _, err := DecryptMessage(k, ServerToClient, buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSealMessageInPlace: SealMessage over a plaintext already in the
// buffer, after other bytes, gives a message DecryptMessage opens, leaves
// the bytes before start alone, and refuses a buffer without room for the
// header.
func TestSealMessageInPlace(t *testing.T) {
	k := mustAuthKey(t, authKeySeq)
	pt := innerMessage(seq(1, 8), seq(2, 8), seq(3, 8), 40, seq(0, 40))
	buf := append([]byte("prefix"), make([]byte, MessageHeaderSize)...)
	buf = append(buf, pt...)
	out, err := SealMessage(buf, 6, k, ServerToClient, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if string(out[:6]) != "prefix" {
		t.Fatalf("bytes before start changed: %q", out[:6])
	}
	got, err := DecryptMessage(k, ServerToClient, out[6:])
	if err != nil || !bytes.Equal(got, pt) {
		t.Fatalf("DecryptMessage = %x, %v; want the plaintext", got, err)
	}
	for _, start := range []int{-1, len(pt)} {
		short := bytes.Clone(pt)
		if out, err := SealMessage(short, start, k, ServerToClient, rand.Reader); !errors.Is(err, ErrMessageLength) || !bytes.Equal(out, pt) {
			t.Errorf("start %d: (%d bytes, %v), want the buffer back and ErrMessageLength", start, len(out), err)
		}
	}
}
