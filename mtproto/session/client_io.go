package session

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

// Limits of what one frame may carry.
const (
	maxContainerMessages = 1020
	maxContainerBytes    = 1 << 20
	maxAcksPerMessage    = 8192
	ackDelay             = 200 * time.Millisecond
)

// writeLoop writes queued messages until the connection fails or the
// session closes. Several small messages go out as one msg_container;
// acknowledgements ride along or leave after ackDelay; a ping leaves every
// PingInterval.
func (s *Session) writeLoop(conn Conn, readErr <-chan error) error {
	ping := time.NewTicker(s.pingInterval())
	defer ping.Stop()
	ackTimer := time.NewTimer(time.Hour)
	defer ackTimer.Stop()
	ackArmed := false
	var frame []byte
	for {
		select {
		case err := <-readErr:
			return err
		case <-s.closed:
			return ErrClosed
		case <-ping.C:
			s.mu.Lock()
			s.queue = append(s.queue, s.ping())
			s.mu.Unlock()
			s.maybeFetchSalts()
		case <-ackTimer.C:
			ackArmed = false
		case <-s.wake:
		}
		for {
			s.mu.Lock()
			if len(s.queue) == 0 && len(s.acks) > 0 && !ackArmed {
				// Let acknowledgements wait a little for company.
				s.mu.Unlock()
				ackTimer.Reset(ackDelay)
				ackArmed = true
				break
			}
			msgs := s.takeBatch(ackArmed)
			s.mu.Unlock()
			if msgs == nil {
				break
			}
			var err error
			frame, err = s.encode(frame[:0], msgs)
			if err != nil {
				return fmt.Errorf("session: encrypting: %w", err)
			}
			if err := conn.WriteFrame(frame); err != nil {
				return err
			}
			if ackArmed {
				ackTimer.Stop()
				ackArmed = false
			}
		}
	}
}

// takeBatch removes from the queue what goes into the next frame: queued
// messages (up to the container limits) and, unless holdAcks is set and no
// message leaves anyway, the pending acknowledgements. Call with s.mu held.
func (s *Session) takeBatch(holdAcks bool) []*outMsg {
	var msgs []*outMsg
	size := 0
	n := 0
	for n < len(s.queue) && len(msgs) < maxContainerMessages-1 {
		m := s.queue[n]
		if len(msgs) > 0 && size+len(m.body)+16 > maxContainerBytes {
			break
		}
		if m.call != nil && m.call.msg != m { // superseded by a resend under a new id
			n++
			continue
		}
		if m.call != nil {
			if _, pending := s.calls[m.msgID]; !pending {
				n++
				continue
			}
		}
		if m.call != nil {
			m.body = m.call.query
			if s.needInit && !m.call.noInit { // the first query on this connection
				m.body = s.cfg.Init(m.body)
				s.needInit = false
			}
		}
		msgs = append(msgs, m)
		size += len(m.body) + 16
		n++
	}
	s.queue = append(s.queue[:0], s.queue[n:]...)
	if len(s.acks) > 0 && (len(msgs) > 0 || !holdAcks) {
		k := min(len(s.acks), maxAcksPerMessage)
		var b tl.Buffer
		b.Object(&mt.MsgsAck{MsgIDs: s.acks[:k]}, "msgs_ack")
		s.acks = append(s.acks[:0], s.acks[k:]...)
		msgs = append(msgs, &outMsg{msgID: s.ids.New(0), seqNo: s.nextSeq(false), body: b.Buf})
	}
	if len(msgs) > 1 {
		var b tl.Buffer
		b.ID(mt.MsgContainerTypeID)
		b.Int32(int32(len(msgs)))
		inner := make([]int64, 0, len(msgs))
		for _, m := range msgs {
			b.Int64(m.msgID)
			b.Int32(m.seqNo)
			b.Int32(int32(len(m.body)))
			b.Raw(m.body)
			if m.call != nil {
				inner = append(inner, m.msgID)
			}
		}
		container := &outMsg{msgID: s.ids.New(0), seqNo: s.nextSeq(false), body: b.Buf}
		if len(inner) > 0 {
			s.containers[container.msgID] = inner
			for _, m := range msgs {
				if m.call != nil {
					prev := m.call.container
					m.call.container = container.msgID
					s.forgetContainer(prev)
				}
			}
		}
		return []*outMsg{container}
	}
	return msgs
}

// encode encrypts msgs (one message, or one container) into a frame.
func (s *Session) encode(dst []byte, msgs []*outMsg) ([]byte, error) {
	m := msgs[0]
	now := s.serverNow()
	s.mu.Lock()
	salt := s.saltFor(now)
	s.mu.Unlock()
	return seal(dst, s.cfg.Key, crypto.ClientToServer,
		Message{Salt: salt, SessionID: s.sessionID, MsgID: m.msgID, SeqNo: m.seqNo, Body: m.body}, s.random)
}

// readLoop reads, decrypts and checks frames, and dispatches their
// messages, until the connection fails.
func (s *Session) readLoop(conn Conn) error {
	buf := make([]byte, 64<<10)
	for {
		f, err := conn.ReadFrame(buf)
		if err != nil {
			return err
		}
		if f.QuickAck {
			continue
		}
		if s.received.Add(1) == 1 {
			s.maybeFetchSalts()
		}
		if len(f.Payload) > len(buf) {
			buf = f.Payload[:cap(f.Payload)]
		}
		msg, err := open(s.cfg.Key, crypto.ServerToClient, f.Payload)
		if err != nil {
			// A message that fails the security checks ends the connection;
			// nothing from it is used.
			return fmt.Errorf("session: %w", err)
		}
		if msg.SessionID != s.sessionID {
			return fmt.Errorf("%w: got %d, want %d", ErrUnknownSession, msg.SessionID, s.sessionID)
		}
		switch s.checkServerMsgID(msg.MsgID) {
		case msgOK:
			s.handle(msg.MsgID, msg.SeqNo, msg.Body)
		case msgOutOfWindow:
			// Our clock may be the one that is off: a bad_msg_notification
			// 16/17 about a message we are waiting on is how we learn the
			// server's time, so it is let through. Nothing else is.
			if s.isClockNotice(msg.Body) {
				s.handle(msg.MsgID, msg.SeqNo, msg.Body)
			}
		}
	}
}

type msgIDCheck int

const (
	msgOK msgIDCheck = iota
	msgRejected
	msgOutOfWindow
)

// checkServerMsgID applies the checks a client makes on server msg_ids:
// odd (1 or 3 mod 4), not seen before, and not far from the server clock as
// we know it. Rejected messages are ignored.
func (s *Session) checkServerMsgID(msgID int64) msgIDCheck {
	if msgID%4 != 1 && msgID%4 != 3 && msgID%4 != -1 && msgID%4 != -3 {
		s.log.Warn("session: ignoring server message with a client msg_id", "msg_id", msgID)
		return msgRejected
	}
	now := time.Now().Add(s.ids.Offset())
	if s.cfg.Now != nil {
		now = s.cfg.Now().Add(s.ids.Offset())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.seen.add(msgID) {
		s.log.Debug("session: ignoring duplicate server message", "msg_id", msgID)
		return msgRejected
	}
	t := Time(msgID)
	if t.Sub(now) > 30*time.Second || now.Sub(t) > 300*time.Second {
		s.log.Warn("session: server message outside the msg_id time window", "msg_id", msgID, "skew", t.Sub(now))
		return msgOutOfWindow
	}
	return msgOK
}

// isClockNotice reports whether body is bad_msg_notification 16 or 17
// about a query (or container of queries) still waiting for an answer.
func (s *Session) isClockNotice(body []byte) bool {
	var n mt.BadMsgNotification
	if tl.DecodeBoxed(body, &n) != nil || n.ErrorCode != 16 && n.ErrorCode != 17 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, pending := s.calls[n.BadMsgID]
	_, container := s.containers[n.BadMsgID]
	return pending || container
}

// handle dispatches one server message (possibly a container).
func (s *Session) handle(msgID int64, seqNo int32, body []byte) {
	if seqNo&1 == 1 {
		s.mu.Lock()
		s.acks = append(s.acks, msgID)
		s.mu.Unlock()
		s.kick()
	}
	if len(body) < 4 {
		return
	}
	switch id := binary.LittleEndian.Uint32(body); id {
	case mt.MsgContainerTypeID:
		s.handleContainer(body)
	case tl.GzipPackedID:
		inner, err := tl.UnwrapGzip(body)
		if err != nil {
			s.log.Warn("session: bad gzip_packed from the server", "err", err)
			return
		}
		s.handle(msgID, 0, inner)
	case mt.RPCResultTypeID:
		s.handleResult(body)
	case mt.BadServerSaltTypeID, mt.BadMsgNotificationTypeID:
		s.handleBadMsg(msgID, body)
	case mt.NewSessionCreatedTypeID:
		s.handleNewSession(body)
	case mt.PongTypeID:
		var p mt.Pong
		if tl.DecodeBoxed(body, &p) == nil {
			s.deliver(p.MsgID, result{body: append([]byte(nil), body...)})
		}
	case mt.FutureSaltsTypeID:
		var fs mt.FutureSalts
		if tl.DecodeBoxed(body, &fs) == nil {
			s.deliver(fs.ReqMsgID, result{body: append([]byte(nil), body...)})
		}
	case mt.MsgsAckTypeID:
		// Our messages were received; nothing to do until their answers come.
	case mt.MsgDetailedInfoTypeID, mt.MsgNewDetailedInfoTypeID:
		s.handleDetailedInfo(body)
	case mt.MsgsStateReqTypeID, mt.MsgResendReqTypeID:
		s.handleStateReq(msgID, body)
	case mt.DestroySessionOkTypeID, mt.DestroySessionNoneTypeID:
		// Answers to destroy_session carry no req_msg_id; nothing waits.
	default:
		if s.cfg.OnUpdates != nil {
			s.cfg.OnUpdates(append([]byte(nil), body...))
		}
	}
}

// handleContainer dispatches each message of a msg_container. The
// container is parsed by hand so that every body stays raw bytes.
func (s *Session) handleContainer(body []byte) {
	d := tl.NewDecoder(body[4:])
	n := d.BareVectorLen(16)
	for i := 0; i < n; i++ {
		id := d.Int64()
		seq := d.Int32()
		size := d.Int32()
		if d.Err() != nil || size < 0 || int(size) > d.Remaining() || size%4 != 0 {
			s.log.Warn("session: malformed msg_container from the server")
			return
		}
		inner := d.Rest()[:size]
		d.Skip(int(size))
		switch s.checkServerMsgID(id) {
		case msgOK:
			s.handle(id, seq, inner)
		case msgOutOfWindow:
			if s.isClockNotice(inner) {
				s.handle(id, seq, inner)
			}
		}
	}
}

// handleResult delivers an rpc_result to its query.
func (s *Session) handleResult(body []byte) {
	if len(body) < 12 {
		return
	}
	reqID := int64(binary.LittleEndian.Uint64(body[4:]))
	res := body[12:]
	if len(res) >= 4 {
		switch binary.LittleEndian.Uint32(res) {
		case mt.RPCErrorTypeID:
			var e mt.RPCError
			if err := tl.DecodeBoxed(res, &e); err != nil {
				s.deliver(reqID, result{err: fmt.Errorf("session: malformed rpc_error: %w", err)})
				return
			}
			s.deliver(reqID, result{err: NewRPCError(int(e.ErrorCode), e.ErrorMessage)})
			return
		case tl.GzipPackedID:
			inner, err := tl.UnwrapGzip(res)
			if err != nil {
				s.deliver(reqID, result{err: fmt.Errorf("session: bad gzip_packed result: %w", err)})
				return
			}
			s.deliver(reqID, result{body: inner})
			return
		}
	}
	s.deliver(reqID, result{body: append([]byte(nil), res...)})
}

// handleBadMsg reacts to bad_server_salt and bad_msg_notification.
func (s *Session) handleBadMsg(msgID int64, body []byte) {
	d := tl.NewDecoder(body)
	n := mt.DecodeBadMsgNotification(d)
	if d.Err() != nil {
		return
	}
	switch b := n.(type) {
	case *mt.BadServerSalt:
		s.mu.Lock()
		s.salt = b.NewServerSalt
		s.futureSalts = nil // they no longer match the server's schedule
		s.mu.Unlock()
		if s.cfg.OnSalt != nil {
			s.cfg.OnSalt(b.NewServerSalt)
		}
		s.resend(b.BadMsgID)
	case *mt.BadMsgNotification:
		err := &BadMsgError{Code: int(b.ErrorCode), MsgID: b.BadMsgID}
		switch b.ErrorCode {
		case 16, 17: // msg_id too low/high: our clock is off
			s.ids.SyncTo(msgID)
			s.resendNew(b.BadMsgID)
		case 32, 33: // seq_no out of step: move our counter past the server's view
			s.mu.Lock()
			if b.ErrorCode == 32 {
				s.contentSeq += 64
			}
			s.mu.Unlock()
			s.resendNew(b.BadMsgID)
		case 20:
			s.resendNew(b.BadMsgID)
		default:
			s.log.Error("session: bad_msg_notification", "code", b.ErrorCode, "msg_id", b.BadMsgID)
			s.failMsg(b.BadMsgID, err)
		}
	}
}

// handleNewSession takes the new salt and tells the layer above that
// updates may have been missed.
func (s *Session) handleNewSession(body []byte) {
	var ns mt.NewSessionCreated
	if tl.DecodeBoxed(body, &ns) != nil {
		return
	}
	s.mu.Lock()
	s.salt = ns.ServerSalt
	s.mu.Unlock()
	if s.cfg.OnSalt != nil {
		s.cfg.OnSalt(ns.ServerSalt)
	}
	if s.cfg.OnNewSession != nil {
		s.cfg.OnNewSession()
	}
}

// handleDetailedInfo: the server has an answer for us. If we still wait for
// it, ask for it again; otherwise acknowledge it so it is not sent again.
func (s *Session) handleDetailedInfo(body []byte) {
	d := tl.NewDecoder(body)
	info := mt.DecodeMsgDetailedInfo(d)
	if d.Err() != nil {
		return
	}
	var reqID, answerID int64
	switch i := info.(type) {
	case *mt.MsgDetailedInfo:
		reqID, answerID = i.MsgID, i.AnswerMsgID
	case *mt.MsgNewDetailedInfo:
		answerID = i.AnswerMsgID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, waiting := s.calls[reqID]; waiting && reqID != 0 {
		var b tl.Buffer
		b.Object(&mt.MsgResendReq{MsgIDs: []int64{answerID}}, "msg_resend_req")
		s.queue = append(s.queue, &outMsg{msgID: s.ids.New(0), seqNo: s.nextSeq(false), body: b.Buf})
	} else {
		s.acks = append(s.acks, answerID)
	}
	s.kickLocked()
}

// handleStateReq answers msgs_state_req (and msg_resend_req, which asks for
// messages a client never keeps) with msgs_state_info: for each id, 1
// ("nothing is known") unless we still wait for an answer to it (4).
func (s *Session) handleStateReq(msgID int64, body []byte) {
	d := tl.NewDecoder(body)
	d.ID()
	ids := d.Int64Vector()
	if d.Err() != nil {
		return
	}
	info := make([]byte, len(ids))
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, id := range ids {
		info[i] = 1
		if _, ok := s.calls[id]; ok {
			info[i] = 4
		}
	}
	var b tl.Buffer
	b.Object(&mt.MsgsStateInfo{ReqMsgID: msgID, Info: info}, "msgs_state_info")
	s.queue = append(s.queue, &outMsg{msgID: s.ids.New(0), seqNo: s.nextSeq(false), body: b.Buf})
	s.kickLocked()
}
