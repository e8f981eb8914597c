package session

import (
	"sync"
	"time"
)

// A MsgIDSource makes message ids: unixtime*2^32 plus a fraction of the
// second, corrected by the offset to the server's clock, strictly
// increasing, with the low two bits set to the message kind (0 for client
// messages, 1 for server responses, 3 for other server messages).
//
// "Client message identifiers are divisible by 4, server message identifiers
// modulo 4 yield 1 if the message is a response to a client message, and 3
// otherwise" (core.telegram.org/mtproto/description#message-identifier-msg-id).
type MsgIDSource struct {
	mu     sync.Mutex
	now    func() time.Time
	offset time.Duration
	last   int64
}

// NewMsgIDSource returns a source reading the clock now (nil: time.Now).
func NewMsgIDSource(now func() time.Time, offset time.Duration) *MsgIDSource {
	if now == nil {
		now = time.Now
	}
	return &MsgIDSource{now: now, offset: offset}
}

// New returns the next id of the given kind (0, 1 or 3).
func (g *MsgIDSource) New(kind int64) int64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	t := g.now().Add(g.offset)
	id := t.Unix()<<32 | int64(uint32(t.Nanosecond()))<<2&0xfffffffc
	id = id&^3 | kind
	if id <= g.last {
		id = (g.last+4)&^3 | kind
	}
	g.last = id
	return id
}

// Offset returns the current correction to the local clock.
func (g *MsgIDSource) Offset() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.offset
}

// SyncTo sets the offset so that the local clock agrees with serverMsgID,
// a msg_id made by the server ("the server's time can be taken from its
// msg_id"); it is used after bad_msg_notification 16/17.
func (g *MsgIDSource) SyncTo(serverMsgID int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	server := time.Unix(serverMsgID>>32, 0)
	g.offset = server.Sub(g.now()).Truncate(time.Second)
}

// Time returns the time encoded in a msg_id.
func Time(msgID int64) time.Time {
	return time.Unix(msgID>>32, int64(uint32(msgID))*1e9>>32)
}
