package handshake

import (
	"encoding/binary"
	"fmt"
	"sync"
	"time"

	"github.com/luagram/luagram/tl"
)

// A FrameConn carries whole transport frames. transport.Conn satisfies it
// through a small adapter in the session layer; tests use in-memory pipes.
// Deadlines, if any, are the caller's business.
type FrameConn interface {
	WriteFrame(payload []byte) error
	ReadFrame() ([]byte, error)
}

// plainHeaderLen is auth_key_id (8) + msg_id (8) + message_data_length (4).
const plainHeaderLen = 20

// encodePlain wraps a TL object in an unencrypted message:
// auth_key_id = 0, msg_id, message_data_length, message_data.
func encodePlain(msgID int64, o tl.Object) ([]byte, error) {
	var b tl.Buffer
	b.Buf = make([]byte, plainHeaderLen, 512)
	binary.LittleEndian.PutUint64(b.Buf[8:], uint64(msgID))
	b.Object(o, o.TypeName())
	if err := b.Err(); err != nil {
		return nil, err
	}
	binary.LittleEndian.PutUint32(b.Buf[16:], uint32(len(b.Buf)-plainHeaderLen))
	return b.Buf, nil
}

// decodePlain returns the msg_id and body of an unencrypted message. Bytes
// after message_data_length (padded intermediate transport padding) are
// ignored.
func decodePlain(frame []byte) (msgID int64, body []byte, err error) {
	if len(frame) < plainHeaderLen {
		return 0, nil, &CheckError{Check: "plain message", Detail: fmt.Sprintf("%d bytes", len(frame))}
	}
	if id := binary.LittleEndian.Uint64(frame); id != 0 {
		return 0, nil, &CheckError{Check: "auth_key_id", Detail: fmt.Sprintf("%#x in an unencrypted message", id)}
	}
	msgID = int64(binary.LittleEndian.Uint64(frame[8:]))
	n := binary.LittleEndian.Uint32(frame[16:])
	if n%4 != 0 || int64(n) > int64(len(frame)-plainHeaderLen) {
		return 0, nil, &CheckError{Check: "message_data_length", Detail: fmt.Sprintf("%d in a %d-byte frame", n, len(frame))}
	}
	return msgID, frame[plainHeaderLen : plainHeaderLen+int(n)], nil
}

// msgIDs generates message ids from a clock: unixtime * 2^32 plus a
// fraction, strictly increasing, with the low two bits set to kind (0 for
// client messages, 1 for server responses).
type msgIDs struct {
	mu   sync.Mutex
	last int64
	kind int64
}

func (g *msgIDs) next(now time.Time) int64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	id := now.Unix()<<32 | int64(now.Nanosecond())<<2&0xfffffffc
	id = id&^3 | g.kind
	if id <= g.last {
		id = g.last + 4
	}
	g.last = id
	return id
}
