package tdconv

import "math/rand/v2"

// msgKey names a message: its TD chat id and server id.
type msgKey struct {
	chat int64
	id   int32
}

// A ring is a bounded set of message keys: the oldest go first.
type ring struct {
	set  map[msgKey]bool
	keys []msgKey
	next int
}

func newRing(n int) *ring { return &ring{set: map[msgKey]bool{}, keys: make([]msgKey, n)} }

func (r *ring) add(k msgKey) {
	if r.set[k] {
		return
	}
	if old := r.keys[r.next]; old != (msgKey{}) {
		delete(r.set, old)
	}
	r.keys[r.next] = k
	r.next = (r.next + 1) % len(r.keys)
	r.set[k] = true
}

func (r *ring) remove(k msgKey) bool {
	if !r.set[k] {
		return false
	}
	delete(r.set, k)
	return true
}

// msgPlaces remembers the chat of recent messages outside channels:
// updateDeleteMessages names message ids without their chat.
type msgPlaces struct {
	chat map[int32]int64
	ids  []int32
	next int
}

func newMsgPlaces(n int) *msgPlaces {
	return &msgPlaces{chat: map[int32]int64{}, ids: make([]int32, n)}
}

func (p *msgPlaces) put(id int32, chat int64) {
	if _, ok := p.chat[id]; !ok {
		if old := p.ids[p.next]; old != 0 {
			delete(p.chat, old)
		}
		p.ids[p.next] = id
		p.next = (p.next + 1) % len(p.ids)
	}
	p.chat[id] = chat
}

// A send is a message of SendMessage (or ForwardMessages) on its way: it
// has a temporary TD id until the server numbers it.
type send struct {
	chat   int64
	tempID int64
}

// sends tracks the messages being sent, so that the server's copy of a
// message this session sent is announced as UpdateMessageSendSucceeded
// and not again as UpdateNewMessage.
type sends struct {
	byRandom map[int64]send
	own      *ring // messages this Layer sent, by server id
	deleted  *ring // messages this Layer deleted: no UpdateDeleteMessages for them
	seq      int64
}

func newSends() sends {
	return sends{byRandom: map[int64]send{}, own: newRing(4096), deleted: newRing(4096)}
}

// begin registers a send and returns its random id and temporary message
// id. TDLib numbered yet unsent messages after the chat's last server
// message, with low bits set; so does this. Call with s.mu held.
func (s *Layer) beginSend(chat int64) (randomID, tempID int64) {
	s.sends.seq++
	var last int32
	if d := s.dialogs[chat]; d != nil && d.top != nil {
		last = ServerMessageID(d.top.ID)
	}
	tempID = MessageID(last) + 1 + s.sends.seq%(1<<messageShift-1)
	randomID = rand.Int64N(1<<53) + 1
	s.sends.byRandom[randomID] = send{chat: chat, tempID: tempID}
	return randomID, tempID
}

// endSend forgets a send whose answer came; the message it produced (0 on
// failure) will not be announced as new. Call with s.mu held.
func (s *Layer) endSend(randomID int64, chat int64, id int32) {
	delete(s.sends.byRandom, randomID)
	if id != 0 {
		s.sends.own.add(msgKey{chat, id})
	}
}
