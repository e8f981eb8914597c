package session

import (
	"context"
	"crypto/rand"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

func fuzzSeeds(f *testing.F) {
	enc := func(o tl.Object) []byte { return encode(o) }
	for _, b := range [][]byte{
		rpcResult(4, 1),
		enc(&mt.BadServerSalt{BadMsgID: 4, ErrorCode: 48, NewServerSalt: 9}),
		enc(&mt.BadMsgNotification{BadMsgID: 4, ErrorCode: 16}),
		enc(&mt.NewSessionCreated{FirstMsgID: 4, ServerSalt: 1}),
		enc(&mt.Pong{MsgID: 4, PingID: 1}),
		enc(&mt.MsgsAck{MsgIDs: []int64{4, 8}}),
		enc(&mt.MsgDetailedInfo{MsgID: 4, AnswerMsgID: 9}),
		enc(&mt.MsgsStateReq{MsgIDs: []int64{4}}),
		enc(&mt.FutureSalts{ReqMsgID: 4, Salts: []mt.FutureSalt{{Salt: 1}}}),
		enc(&mt.MsgContainer{Messages: []mt.Message{{MsgID: 5, Seqno: 1, Bytes: 16, Body: &mt.RPCResult{ReqMsgID: 4, Result: &mt.Pong{}}}}}),
		enc(&mt.RPCResult{ReqMsgID: 4, Result: &mt.RPCError{ErrorCode: 420, ErrorMessage: "FLOOD_WAIT_3"}}),
		enc(&mt.RPCResult{ReqMsgID: 4, Result: &mt.GzipPacked{PackedData: tl.Gzip([]byte{1, 2, 3, 4})}}),
		enc(&mt.PingDelayDisconnectRequest{PingID: 1, DisconnectDelay: 75}),
		enc(&mt.GetFutureSaltsRequest{Num: 3}),
		enc(&mt.MsgResendReq{MsgIDs: []int64{4}}),
		enc(&mt.RPCDropAnswerRequest{ReqMsgID: 4}),
		testQuery(3),
	} {
		f.Add(b)
	}
}

// FuzzClientHandle feeds arbitrary decrypted server messages to a client
// session: it must never panic, and no call may be answered twice.
func FuzzClientHandle(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		s := New(Config{Key: nil})
		c := &call{done: make(chan result, 1), query: testQuery(1)}
		c.msg = &outMsg{msgID: 4, seqNo: 1, body: c.query, call: c, content: true}
		s.calls[4] = c
		s.handle(serverMsgID(time.Now(), 1), 1, body)
		s.handle(serverMsgID(time.Now(), 3), 1, body)
	})
}

// FuzzServerProcess feeds arbitrary client messages to a server session.
func FuzzServerProcess(f *testing.F) {
	fuzzSeeds(f)
	srv := NewServer(ServerConfig{Handler: HandlerFunc(func(context.Context, *Request) ([]byte, error) { return []byte{0, 0, 0, 0}, nil })})
	key := randomKey()
	f.Fuzz(func(t *testing.T, body []byte) {
		ss := newServerSession(srv, &KeyInfo{Key: key}, 1)
		id := serverMsgID(time.Now(), 0)
		ss.process(id, 1, body, true)
		ss.process(id+4, 0, body, true)
	})
}

func randomKey() *crypto.AuthKey {
	b := make([]byte, 256)
	rand.Read(b)
	k, _ := crypto.NewAuthKey(b)
	return k
}
