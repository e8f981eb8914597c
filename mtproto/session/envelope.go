package session

import (
	"encoding/binary"
	"fmt"
	"io"
	"slices"

	"github.com/luagram/luagram/mtproto/crypto"
)

// innerHeader is server_salt, session_id, msg_id, seq_no, message_data_length.
const innerHeader = 32

// A Message is one decrypted message: the inner header fields and the body
// (aliasing the frame it came from).
type Message struct {
	Salt      int64
	SessionID int64
	MsgID     int64
	SeqNo     int32
	Body      []byte
}

// seal encrypts one message (body already TL-encoded) and appends the frame
// payload to dst, copying the body once: into dst, where it is encrypted.
func seal(dst []byte, key *crypto.AuthKey, d crypto.Direction, m Message, random io.Reader) ([]byte, error) {
	start := len(dst)
	// Room for the padding too, so that the body is copied once.
	dst = slices.Grow(dst, crypto.MessageHeaderSize+innerHeader+len(m.Body)+32)
	dst = append(dst, make([]byte, crypto.MessageHeaderSize)...)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(m.Salt))
	dst = binary.LittleEndian.AppendUint64(dst, uint64(m.SessionID))
	dst = binary.LittleEndian.AppendUint64(dst, uint64(m.MsgID))
	dst = binary.LittleEndian.AppendUint32(dst, uint32(m.SeqNo))
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(m.Body)))
	dst = append(dst, m.Body...)
	out, err := crypto.SealMessage(dst, start, key, d, random)
	if err != nil {
		return dst[:start], err
	}
	return out, nil
}

// open decrypts a frame payload in place. Trailing bytes that do not fill a
// 16-byte block (the padding of the padded intermediate transport) are
// dropped first.
func open(key *crypto.AuthKey, d crypto.Direction, payload []byte) (Message, error) {
	if len(payload) > 24 {
		payload = payload[:24+(len(payload)-24)/16*16]
	}
	plain, err := crypto.DecryptMessage(key, d, payload)
	if err != nil {
		return Message{}, err
	}
	if len(plain) < innerHeader {
		return Message{}, fmt.Errorf("session: decrypted message of %d bytes", len(plain))
	}
	return Message{
		Salt:      int64(binary.LittleEndian.Uint64(plain[0:])),
		SessionID: int64(binary.LittleEndian.Uint64(plain[8:])),
		MsgID:     int64(binary.LittleEndian.Uint64(plain[16:])),
		SeqNo:     int32(binary.LittleEndian.Uint32(plain[24:])),
		Body:      plain[innerHeader:],
	}, nil
}

// AuthKeyID returns the auth_key_id of a frame payload, 0 for an
// unencrypted message, and false when the payload is too short.
func AuthKeyID(payload []byte) ([8]byte, bool) {
	var id [8]byte
	if len(payload) < 8 {
		return id, false
	}
	copy(id[:], payload)
	return id, true
}
