package crypto

import (
	"crypto/aes"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
)

// Layout of an encrypted message:
//
//	auth_key_id(8) msg_key(16) encrypted_data
//
// where encrypted_data is AES-256-IGE of
//
//	server_salt(8) session_id(8) message_id(8) seq_no(4) message_data_length(4)
//	message_data padding(12..1024)
//
// and the total is a multiple of 16 bytes.
const (
	headerSize      = 8 + 16            // auth_key_id + msg_key
	innerHeaderSize = 8 + 8 + 8 + 4 + 4 // salt, session, msg_id, seq_no, length
	minPadding      = 12
	maxPadding      = 1024
)

// EncryptMessage encrypts plaintext with the auth key k as a message sent
// in direction d and appends the result, auth_key_id + msg_key +
// encrypted_data, to dst. It returns the extended slice; when dst has room
// for the message nothing is allocated but the AES key schedule.
//
// plaintext is the inner message without padding: server_salt, session_id,
// message_id, seq_no, message_data_length and message_data. Its
// message_data_length field (a little-endian int32 at offset 28) must equal
// len(plaintext)-32 and be a multiple of 4; otherwise EncryptMessage returns
// an error wrapping ErrMessageLength. EncryptMessage reads 12 to 27 bytes of
// padding from random; an error from random is returned as is.
func EncryptMessage(dst []byte, k *AuthKey, d Direction, plaintext []byte, random io.Reader) ([]byte, error) {
	start := len(dst)
	dst = slices.Grow(dst, headerSize+len(plaintext)+minPadding+aes.BlockSize)
	dst = append(dst[:start], make([]byte, headerSize)...)
	dst = append(dst, plaintext...)
	out, err := SealMessage(dst, start, k, d, random)
	if err != nil {
		return dst[:start], err
	}
	return out, nil
}

// MessageHeaderSize is the room SealMessage needs before the plaintext:
// auth_key_id and msg_key.
const MessageHeaderSize = headerSize

// SealMessage is EncryptMessage without the copy of the plaintext, for big
// messages (file parts): buf[start:start+MessageHeaderSize] is room for the
// header and buf[start+MessageHeaderSize:] is the plaintext. It appends the
// padding, encrypts in place and returns buf extended; on an error, buf
// is returned unchanged.
func SealMessage(buf []byte, start int, k *AuthKey, d Direction, random io.Reader) ([]byte, error) {
	if start < 0 || len(buf) < start+headerSize {
		return buf, fmt.Errorf("crypto: no room for the message header: %w", ErrMessageLength)
	}
	plain := buf[start+headerSize:]
	if err := checkInner(plain); err != nil {
		return buf, err
	}
	pad := minPadding + (aes.BlockSize-(len(plain)+minPadding)%aes.BlockSize)%aes.BlockSize
	end := len(buf)
	out := slices.Grow(buf, pad)[:end+pad]
	if _, err := io.ReadFull(random, out[end:]); err != nil {
		return buf, err
	}
	seal(out[start:], k, d)
	return out, nil
}

// seal encrypts out[24:], a padded plaintext, in place and writes the
// external header to out[:24].
func seal(out []byte, k *AuthKey, d Direction) {
	body := out[headerSize:]
	mk := MsgKey(k, body, d)
	key, iv := KDF(k, mk, d)
	ige256(&key, false, loadIV(iv[:], false), body, body)
	copy(out[0:8], k.id[:])
	copy(out[8:24], mk[:])
}

func checkInner(p []byte) error {
	if len(p) < innerHeaderSize {
		return fmt.Errorf("crypto: message of %d bytes is shorter than its header: %w", len(p), ErrMessageLength)
	}
	n := int64(int32(binary.LittleEndian.Uint32(p[28:32])))
	if n != int64(len(p)-innerHeaderSize) || n%4 != 0 {
		return fmt.Errorf("crypto: message_data_length %d for %d bytes of message_data: %w", n, len(p)-innerHeaderSize, ErrMessageLength)
	}
	return nil
}

// DecryptMessage decrypts msg, an encrypted message (auth_key_id + msg_key
// + encrypted_data) sent in direction d, in place. It returns the plaintext
// without its padding: a subslice of msg holding server_salt, session_id,
// message_id, seq_no, message_data_length and message_data.
//
// All checks of the security guidelines that need no session state are
// made; a failure is a *SecurityError wrapping ErrPadding,
// ErrAuthKeyIDMismatch, ErrMsgKeyMismatch or ErrMessageLength. On a failure
// after decryption the decrypted bytes in msg are zeroed. Checking
// session_id and msg_id is left to the caller.
func DecryptMessage(k *AuthKey, d Direction, msg []byte) ([]byte, error) {
	if len(msg) < headerSize || (len(msg)-headerSize)%aes.BlockSize != 0 {
		return nil, &SecurityError{Check: "padding", Err: ErrPadding}
	}
	// auth_key_id is public, but compare it like the secrets anyway.
	if subtle.ConstantTimeCompare(msg[:8], k.id[:]) != 1 {
		return nil, &SecurityError{Check: "auth_key_id", Err: ErrAuthKeyIDMismatch}
	}
	var mk [16]byte
	copy(mk[:], msg[8:24])
	body := msg[headerSize:]
	key, iv := KDF(k, mk, d)
	ige256(&key, true, loadIV(iv[:], true), body, body)

	// Security guidelines, "Checking SHA256 hash value of msg_key": "After
	// decryption, the client MUST check that msg_key is indeed equal to
	// SHA256 of the plaintext obtained as the result of decryption
	// (including the final 12…1024 padding bytes), prepended with 32 bytes
	// taken from the auth_key". "If an error is encountered before this
	// check could be performed, the client must perform the msg_key check
	// anyway before returning any result."
	want := MsgKey(k, body, d)
	if subtle.ConstantTimeCompare(want[:], mk[:]) != 1 {
		clear(body)
		return nil, &SecurityError{Check: "msg_key", Err: ErrMsgKeyMismatch}
	}

	// "Checking message length": "The client must check that the length of
	// the message or container obtained from the decrypted message
	// (computed from its length field) does not exceed the total size of
	// the plaintext, and that the difference (i.e. the length of the random
	// padding) lies in the range from 12 to 1024 bytes. The length should be
	// always divisible by 4 and non-negative. On no account the client is to
	// access data past the end of the decryption buffer containing the
	// plaintext message."
	if len(body) < innerHeaderSize+minPadding {
		clear(body)
		return nil, &SecurityError{Check: "padding", Err: ErrPadding}
	}
	n := int64(int32(binary.LittleEndian.Uint32(body[28:32])))
	if n < 0 || n%4 != 0 || n > int64(len(body)-innerHeaderSize) {
		clear(body)
		return nil, &SecurityError{Check: "length", Err: ErrMessageLength}
	}
	if pad := int64(len(body)-innerHeaderSize) - n; pad < minPadding || pad > maxPadding {
		clear(body)
		return nil, &SecurityError{Check: "padding", Err: ErrPadding}
	}
	return body[:innerHeaderSize+n], nil
}
