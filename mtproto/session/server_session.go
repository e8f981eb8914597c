package session

import (
	"context"
	"encoding/binary"
	"errors"
	"sync"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

// maxAnswers is how many answers a session keeps for resending.
const maxAnswers = 4096

// A ServerSession is the server's side of one client session: it survives
// reconnects (the client may come back on a new connection with the same
// session id) and remembers the answers it gave, so a query resent with
// the same msg_id is answered again, never executed again.
type ServerSession struct {
	srv *Server
	// Key is the auth key of the session.
	Key *KeyInfo
	// ID is the client's session id.
	ID  int64
	ids *MsgIDSource

	mu         sync.Mutex
	conn       *serverConn
	contentSeq int32
	seen       *idWindow
	answers    map[int64][]byte // rpc_result bodies by query msg_id
	order      []int64
	running    map[int64]bool
	values     map[string]any
	// sentAnswers maps the msg_id of each rpc_result sent to its query's
	// msg_id, to forget answers the client acknowledges (server_acks.go).
	sentAnswers map[int64]int64
}

func newServerSession(srv *Server, ki *KeyInfo, id int64) *ServerSession {
	return &ServerSession{
		srv: srv, Key: ki, ID: id, ids: NewMsgIDSource(srv.cfg.Now, 0),
		seen: newIDWindow(8192), answers: map[int64][]byte{}, running: map[int64]bool{},
		values: map[string]any{},
	}
}

// Value returns what the application stored under key.
func (ss *ServerSession) Value(key string) any {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.values[key]
}

// SetValue stores application state in the session (the sandbox keeps the
// logged-in user and the initConnection layer here).
func (ss *ServerSession) SetValue(key string, v any) {
	ss.mu.Lock()
	ss.values[key] = v
	ss.mu.Unlock()
}

// Connected reports whether the session has a live connection.
func (ss *ServerSession) Connected() bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.conn != nil && !isClosed(ss.conn.done)
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func (ss *ServerSession) attach(c *serverConn) {
	ss.mu.Lock()
	ss.conn = c
	ss.mu.Unlock()
}

// send encrypts body as a server message and queues it on the session's
// connection. kind is 1 for answers, 3 for other messages. Without a live
// connection the message is dropped: answers are resent on request,
// updates are recovered by getDifference. It returns the message's
// msg_id, 0 if it was dropped.
func (ss *ServerSession) send(body []byte, kind int64, content bool) int64 {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	c := ss.conn
	if c == nil || isClosed(c.done) {
		return 0
	}
	seq := ss.contentSeq * 2
	if content {
		ss.contentSeq++
		seq = ss.contentSeq*2 - 1
	}
	m := Message{Salt: ss.srv.cfg.Salts.Current(ss.srv.cfg.Now()), SessionID: ss.ID, MsgID: ss.ids.New(kind), SeqNo: seq, Body: body}
	frame, err := seal(frames.get(len(body)), ss.Key.Key, crypto.ServerToClient, m, ss.srv.cfg.Random)
	if err != nil {
		ss.srv.cfg.Logger.Error("session: encrypting a server message", "err", err)
		return 0
	}
	c.enqueue(frame)
	return m.MsgID
}

// Push sends an unsolicited message (updates) to the client.
func (ss *ServerSession) Push(body []byte) { ss.send(body, 3, true) }

func encode(o tl.Object) []byte {
	var b tl.Buffer
	b.Object(o, o.TypeName())
	return b.Buf
}

func (ss *ServerSession) sendNewSession(firstMsgID int64) {
	ss.send(encode(&mt.NewSessionCreated{
		FirstMsgID: firstMsgID, UniqueID: ss.srv.randomInt64(),
		ServerSalt: ss.srv.cfg.Salts.Current(ss.srv.cfg.Now()),
	}), 3, true)
}

func (ss *ServerSession) sendBadMsg(msgID int64, seqNo int32, code int32) {
	if code == 48 {
		ss.send(encode(&mt.BadServerSalt{BadMsgID: msgID, BadMsgSeqno: seqNo, ErrorCode: 48,
			NewServerSalt: ss.srv.cfg.Salts.Current(ss.srv.cfg.Now())}), 1, false)
		return
	}
	ss.send(encode(&mt.BadMsgNotification{BadMsgID: msgID, BadMsgSeqno: seqNo, ErrorCode: code}), 1, false)
}

// answer records and sends the rpc_result for query msgID.
func (ss *ServerSession) answer(msgID int64, result []byte) {
	b := tl.Buffer{Buf: make([]byte, 0, 12+len(result))}
	b.ID(mt.RPCResultTypeID)
	b.Int64(msgID)
	b.Raw(result)
	ss.mu.Lock()
	delete(ss.running, msgID)
	ss.answers[msgID] = b.Buf
	ss.order = append(ss.order, msgID)
	if len(ss.order) > maxAnswers {
		delete(ss.answers, ss.order[0])
		ss.order = ss.order[1:]
	}
	ss.mu.Unlock()
	ss.noteAnswer(ss.send(b.Buf, 1, true), msgID)
}

// process checks and executes one client message (top is false for the
// messages of a container).
func (ss *ServerSession) process(msgID int64, seqNo int32, body []byte, top bool) {
	now := ss.srv.cfg.Now()
	if msgID%4 != 0 {
		ss.sendBadMsg(msgID, seqNo, 18)
		return
	}
	// "msg_id ... must not be more than 300 seconds in the past or 30
	// seconds in the future" relative to the server's clock.
	t := Time(msgID)
	if now.Sub(t) > 300*time.Second {
		ss.sendBadMsg(msgID, seqNo, 16)
		return
	}
	if t.Sub(now) > 30*time.Second {
		ss.sendBadMsg(msgID, seqNo, 17)
		return
	}
	if len(body) < 4 {
		ss.sendBadMsg(msgID, seqNo, 64)
		return
	}
	id := binary.LittleEndian.Uint32(body)
	ss.mu.Lock()
	if !ss.seen.add(msgID) {
		cached, answered := ss.answers[msgID]
		ss.mu.Unlock()
		if answered {
			ss.noteAnswer(ss.send(cached, 1, true), msgID) // the answer was lost; never execute twice
		}
		return
	}
	ss.mu.Unlock()
	// seq_no parity: containers and acks must be even (34: "an even
	// msg_seqno expected, but odd received"); API queries must be odd (35:
	// "odd msg_seqno expected, but even received"). Service queries (ping,
	// get_future_salts, msg_resend_req...) are taken either way, as the real
	// servers do: clients such as gotd send them with even seq_no.
	switch {
	case (id == mt.MsgContainerTypeID || id == mt.MsgsAckTypeID) && seqNo&1 == 1:
		ss.sendBadMsg(msgID, seqNo, 34)
		return
	case !isServiceQuery(id) && id != mt.MsgContainerTypeID && id != mt.MsgsAckTypeID && seqNo&1 == 0:
		ss.sendBadMsg(msgID, seqNo, 35)
		return
	}
	switch id {
	case mt.MsgContainerTypeID:
		if !top {
			ss.sendBadMsg(msgID, seqNo, 64)
			return
		}
		ss.processContainer(msgID, seqNo, body)
	case mt.MsgsAckTypeID:
		ss.forgetAcked(body)
	case tl.GzipPackedID:
		inner, err := tl.UnwrapGzip(body)
		if err != nil || len(inner) < 4 {
			ss.sendBadMsg(msgID, seqNo, 64)
			return
		}
		ss.dispatch(msgID, inner)
	default:
		ss.dispatch(msgID, body)
	}
}

// isServiceQuery reports whether id is an MTProto service message the
// session answers itself.
func isServiceQuery(id uint32) bool {
	switch id {
	case mt.PingRequestTypeID, mt.PingDelayDisconnectRequestTypeID, mt.GetFutureSaltsRequestTypeID,
		mt.DestroySessionRequestTypeID, mt.MsgResendReqTypeID, mt.MsgsStateReqTypeID,
		mt.MsgsStateInfoTypeID, mt.RPCDropAnswerRequestTypeID, tl.GzipPackedID:
		return true
	}
	return false
}

func (ss *ServerSession) processContainer(msgID int64, seqNo int32, body []byte) {
	d := tl.NewDecoder(body[4:])
	n := d.BareVectorLen(16)
	type inner struct {
		id   int64
		seq  int32
		body []byte
	}
	msgs := make([]inner, 0, n)
	for i := 0; i < n; i++ {
		id := d.Int64()
		seq := d.Int32()
		size := d.Int32()
		if d.Err() != nil || size < 0 || size%4 != 0 || int(size) > d.Remaining() {
			ss.sendBadMsg(msgID, seqNo, 64)
			return
		}
		msgs = append(msgs, inner{id, seq, d.Rest()[:size]})
		d.Skip(int(size))
	}
	if d.Err() != nil || d.Remaining() != 0 {
		ss.sendBadMsg(msgID, seqNo, 64)
		return
	}
	for _, m := range msgs {
		ss.process(m.id, m.seq, m.body, false)
	}
}

// dispatch handles the service queries here and hands the rest to the
// Handler.
func (ss *ServerSession) dispatch(msgID int64, body []byte) {
	now := ss.srv.cfg.Now()
	switch binary.LittleEndian.Uint32(body) {
	case mt.PingRequestTypeID:
		var p mt.PingRequest
		if tl.DecodeBoxed(body, &p) == nil {
			ss.send(encode(&mt.Pong{MsgID: msgID, PingID: p.PingID}), 1, true)
		}
		return
	case mt.PingDelayDisconnectRequestTypeID:
		var p mt.PingDelayDisconnectRequest
		if tl.DecodeBoxed(body, &p) == nil {
			ss.mu.Lock()
			c := ss.conn
			ss.mu.Unlock()
			if c != nil && p.DisconnectDelay > 0 {
				c.disconnectAfter(time.Duration(p.DisconnectDelay) * time.Second)
			}
			ss.send(encode(&mt.Pong{MsgID: msgID, PingID: p.PingID}), 1, true)
		}
		return
	case mt.GetFutureSaltsRequestTypeID:
		var g mt.GetFutureSaltsRequest
		if tl.DecodeBoxed(body, &g) == nil {
			n := min(max(int(g.Num), 1), 64)
			fs := &mt.FutureSalts{ReqMsgID: msgID, Now: int32(now.Unix())}
			for _, f := range ss.srv.cfg.Salts.Future(now, n) {
				fs.Salts = append(fs.Salts, mt.FutureSalt{ValidSince: int32(f.ValidSince.Unix()), ValidUntil: int32(f.ValidUntil.Unix()), Salt: f.Salt})
			}
			ss.send(encode(fs), 1, true)
		}
		return
	case mt.DestroySessionRequestTypeID:
		var r mt.DestroySessionRequest
		if tl.DecodeBoxed(body, &r) == nil {
			if ss.srv.dropSession(ss.Key.Key.ID(), r.SessionID) {
				ss.answer(msgID, encode(&mt.DestroySessionOk{SessionID: r.SessionID}))
			} else {
				ss.answer(msgID, encode(&mt.DestroySessionNone{SessionID: r.SessionID}))
			}
		}
		return
	case mt.MsgResendReqTypeID, mt.MsgsStateReqTypeID:
		d := tl.NewDecoder(body)
		d.ID()
		ids := d.Int64Vector()
		if d.Err() != nil {
			return
		}
		resend := binary.LittleEndian.Uint32(body) == mt.MsgResendReqTypeID
		info := make([]byte, len(ids))
		for i, id := range ids {
			ss.mu.Lock()
			cached, answered := ss.answers[id]
			seen := ss.seen.has(id)
			ss.mu.Unlock()
			switch {
			case answered && resend:
				ss.noteAnswer(ss.send(cached, 1, true), id)
			case answered:
				info[i] = 4 | 32 // received; answer sent
			case seen:
				info[i] = 4
			default:
				info[i] = 1
			}
		}
		if !resend {
			ss.send(encode(&mt.MsgsStateInfo{ReqMsgID: msgID, Info: info}), 1, false)
		}
		return
	case mt.MsgsStateInfoTypeID, mt.MsgsAllInfoTypeID, mt.MsgDetailedInfoTypeID, mt.MsgNewDetailedInfoTypeID:
		return // information for us; nothing to answer
	case mt.RPCDropAnswerRequestTypeID:
		var r mt.RPCDropAnswerRequest
		if tl.DecodeBoxed(body, &r) == nil {
			ss.mu.Lock()
			running := ss.running[r.ReqMsgID]
			_, answered := ss.answers[r.ReqMsgID]
			ss.mu.Unlock()
			var res tl.Object = &mt.RPCAnswerUnknown{}
			if running {
				res = &mt.RPCAnswerDroppedRunning{}
			} else if answered {
				res = &mt.RPCAnswerDropped{MsgID: r.ReqMsgID}
			}
			ss.answer(msgID, encode(res))
		}
		return
	}
	if code := ss.srv.cfg.Faults.badMsgCode(); code != 0 {
		ss.sendBadMsg(msgID, 0, code) // refused: the client sends it again, corrected
		return
	}
	if wait, ok := ss.srv.cfg.Faults.flood(); ok {
		ss.answer(msgID, encode(&mt.RPCError{ErrorCode: 420, ErrorMessage: "FLOOD_WAIT_" + itoa(wait)}))
		return
	}
	ss.mu.Lock()
	ss.running[msgID] = true
	ss.mu.Unlock()
	req := &Request{Session: ss, MsgID: msgID, Body: append([]byte(nil), body...)}
	go func() {
		res, err := ss.srv.cfg.Handler.ServeRPC(context.Background(), req)
		if err != nil {
			var rpcErr *RPCError
			if !errors.As(err, &rpcErr) {
				ss.srv.cfg.Logger.Error("session: handler failed", "err", err)
				rpcErr = &RPCError{Code: 500, Message: "INTERNAL"}
			}
			res = encode(&mt.RPCError{ErrorCode: int32(rpcErr.Code), ErrorMessage: rpcErr.Message})
		}
		ss.answer(msgID, res)
	}()
}
