package session

import (
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

// noteAnswer records that the rpc_result of query queryID went out as
// message msgID (0: it was not sent).
func (ss *ServerSession) noteAnswer(msgID, queryID int64) {
	if msgID == 0 {
		return
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.sentAnswers == nil {
		ss.sentAnswers = map[int64]int64{}
	}
	ss.sentAnswers[msgID] = queryID
	if len(ss.sentAnswers) > 2*maxAnswers {
		// Answers never acknowledged, since evicted: forget them.
		for id, q := range ss.sentAnswers {
			if _, ok := ss.answers[q]; !ok {
				delete(ss.sentAnswers, id)
			}
		}
	}
}

// forgetAcked drops the answers a msgs_ack acknowledges: the client has
// them and will not ask again. Without this a session would hold on to its
// last maxAnswers answers whatever their size (a download's 512 KB parts).
func (ss *ServerSession) forgetAcked(body []byte) {
	var ack mt.MsgsAck
	if tl.DecodeBoxed(body, &ack) != nil {
		return
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for _, id := range ack.MsgIDs {
		if q, ok := ss.sentAnswers[id]; ok {
			delete(ss.sentAnswers, id)
			delete(ss.answers, q)
		}
	}
}
