package crypto

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// FuzzDecryptMessage feeds DecryptMessage, in both directions, with
//
//   - the input as an encrypted message, as is and with the right
//     auth_key_id in front, which must fail cleanly or decrypt to a
//     plaintext that seals back to the same bytes;
//   - the input as a padded plaintext sealed with the right key, so that
//     the length and padding checks see authentic data; the verdict must
//     agree with the rules of the security guidelines written out here;
//   - the input as message_data, through EncryptMessage and back.
//
// The seeds in testdata/fuzz/FuzzDecryptMessage are mtcute's messages
// under authKeyMTCute (one good, five refused) and framed plaintexts.
func FuzzDecryptMessage(f *testing.F) {
	k, err := NewAuthKey(unhex(f, authKeyMTCute))
	if err != nil {
		f.Fatal(err)
	}
	id := k.ID()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range []Direction{ClientToServer, ServerToClient} {
			fuzzCiphertext(t, k, d, bytes.Clone(data))
			if len(data) >= len(id) {
				m := bytes.Clone(data)
				copy(m, id[:])
				fuzzCiphertext(t, k, d, m)
			}
			fuzzPlaintext(t, k, d, data)
			fuzzRoundTrip(t, k, d, data)
		}
	})
}

func fuzzCiphertext(t *testing.T, k *AuthKey, d Direction, msg []byte) {
	orig := bytes.Clone(msg)
	pt, err := DecryptMessage(k, d, msg)
	if err != nil {
		var se *SecurityError
		if !errors.As(err, &se) {
			t.Fatalf("error %v is not a *SecurityError", err)
		}
		return
	}
	checkPlaintext(t, pt, len(msg)-headerSize)
	// Encode again: the decrypted buffer, padding included, must seal to
	// the very same message.
	if again := sealRaw(k, d, msg[headerSize:]); !bytes.Equal(again, orig) {
		t.Fatalf("resealed message = %x, want %x", again, orig)
	}
}

func fuzzPlaintext(t *testing.T, k *AuthKey, d Direction, data []byte) {
	padded := make([]byte, (len(data)+15)/16*16)
	copy(padded, data)
	msg := sealRaw(k, d, padded)
	pt, err := DecryptMessage(k, d, msg)
	if want := plaintextRulesOK(padded); want != (err == nil) {
		t.Fatalf("plaintext %x: error = %v, rules say ok = %v", padded, err, want)
	}
	if err != nil {
		if !errors.Is(err, ErrPadding) && !errors.Is(err, ErrMessageLength) {
			t.Fatalf("plaintext %x: error = %v, want a padding or length error", padded, err)
		}
		return
	}
	checkPlaintext(t, pt, len(padded))
	if !bytes.Equal(pt, padded[:len(pt)]) {
		t.Fatalf("plaintext = %x, want a prefix of %x", pt, padded)
	}
}

// plaintextRulesOK restates the length rules independently: a length
// field that is non-negative, divisible by 4 and leaves 12 to 1024 bytes
// of padding.
func plaintextRulesOK(padded []byte) bool {
	if len(padded) < innerHeaderSize {
		return false
	}
	n := int64(int32(binary.LittleEndian.Uint32(padded[28:])))
	pad := int64(len(padded)) - innerHeaderSize - n
	return n >= 0 && n%4 == 0 && pad >= 12 && pad <= 1024
}

func fuzzRoundTrip(t *testing.T, k *AuthKey, d Direction, data []byte) {
	body := data[:len(data)/4*4]
	pt := innerMessage(make([]byte, 8), make([]byte, 8), make([]byte, 8), 0, body)
	msg, err := EncryptMessage(nil, k, d, pt, zeroReader{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecryptMessage(k, d, msg)
	if err != nil {
		t.Fatalf("decrypting a fresh message: %v", err)
	}
	if !bytes.Equal(got, pt) {
		t.Fatalf("round trip = %x, want %x", got, pt)
	}
}

// checkPlaintext checks what DecryptMessage promises of a plaintext cut
// from total decrypted bytes.
func checkPlaintext(t *testing.T, pt []byte, total int) {
	if len(pt) < innerHeaderSize {
		t.Fatalf("plaintext of %d bytes has no header", len(pt))
	}
	n := int(binary.LittleEndian.Uint32(pt[28:]))
	if n != len(pt)-innerHeaderSize || n%4 != 0 {
		t.Fatalf("message_data_length %d for %d bytes of data", n, len(pt)-innerHeaderSize)
	}
	if pad := total - len(pt); pad < 12 || pad > 1024 {
		t.Fatalf("padding of %d bytes accepted", pad)
	}
}
