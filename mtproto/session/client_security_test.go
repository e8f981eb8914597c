package session

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/mtproto/transport"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

// rawServer is a hostile server for client tests: it decrypts what the
// client sends and lets the test answer with arbitrary messages.
type rawServer struct {
	addr    string
	key     *crypto.AuthKey
	accepts atomic.Int64
}

func startRawServer(t *testing.T, key *crypto.AuthKey, answer func(m Message, send func(Message))) *rawServer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rs := &rawServer{addr: l.Addr().String(), key: key}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			nc, err := l.Accept()
			if err != nil {
				return
			}
			rs.accepts.Add(1)
			go func() {
				defer nc.Close()
				tc, err := transport.Accept(nc)
				if err != nil {
					return
				}
				send := func(m Message) {
					frame, err := seal(nil, key, crypto.ServerToClient, m, rand.Reader)
					if err == nil {
						tc.WriteFrame(frame)
					}
				}
				for {
					f, err := tc.ReadFrame(nil)
					if err != nil {
						return
					}
					m, err := open(key, crypto.ClientToServer, f.Payload)
					if err != nil {
						return
					}
					answer(m, send)
				}
			}()
		}
	}()
	return rs
}

func testKey(t *testing.T) *crypto.AuthKey {
	b := make([]byte, 256)
	rand.Read(b)
	k, err := crypto.NewAuthKey(b)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func rpcResult(reqID int64, n int64) []byte {
	var b tl.Buffer
	b.ID(mt.RPCResultTypeID)
	b.Int64(reqID)
	b.Int64(n)
	return b.Buf
}

func serverMsgID(t time.Time, kind int64) int64 {
	return t.Unix()<<32 | int64(t.Nanosecond())<<2&0xfffffffc | kind
}

// queryIDs returns the msg_ids of the test queries in a client message.
func queryIDs(m Message) []int64 {
	if binary.LittleEndian.Uint32(m.Body) != mt.MsgContainerTypeID {
		if binary.LittleEndian.Uint32(m.Body) == testQueryID {
			return []int64{m.MsgID}
		}
		return nil
	}
	var ids []int64
	d := tl.NewDecoder(m.Body[4:])
	n := d.BareVectorLen(16)
	for i := 0; i < n; i++ {
		id := d.Int64()
		d.Int32()
		size := d.Int32()
		if d.Remaining() >= 4 && binary.LittleEndian.Uint32(d.Rest()) == testQueryID {
			ids = append(ids, id)
		}
		for range size / 4 {
			d.Int32()
		}
	}
	return ids
}

func clientFor(t *testing.T, rs *rawServer) *Session {
	s := New(Config{Key: rs.key, Dial: func(ctx context.Context) (Conn, error) {
		return transport.Dial(ctx, nil, rs.addr, transport.ClientConfig{})
	}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return s
}

func invokeShort(s *Session, n int64) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	return s.Invoke(ctx, testQuery(n))
}

func TestClientIgnoresReplayedServerMsgID(t *testing.T) {
	key := testKey(t)
	var fixed int64
	rs := startRawServer(t, key, func(m Message, send func(Message)) {
		for _, id := range queryIDs(m) {
			if fixed == 0 {
				fixed = serverMsgID(time.Now(), 1)
			}
			// Every answer reuses the first answer's msg_id: only the first
			// may be accepted.
			send(Message{SessionID: m.SessionID, MsgID: fixed, SeqNo: 1, Body: rpcResult(id, 42)})
		}
	})
	s := clientFor(t, rs)
	if res, err := invokeShort(s, 1); err != nil || binary.LittleEndian.Uint64(res) != 42 {
		t.Fatalf("first answer: %x %v", res, err)
	}
	if _, err := invokeShort(s, 2); err == nil {
		t.Fatal("a replayed server msg_id was accepted")
	}
}

func TestClientMsgIDWindow(t *testing.T) {
	for _, tc := range []struct {
		name string
		skew time.Duration
		kind int64
		ok   bool
	}{
		{"in window", 0, 1, true},
		{"301 s old", -301 * time.Second, 1, false},
		{"31 s ahead", 31 * time.Second, 1, false},
		{"client-kind msg_id", 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key := testKey(t)
			rs := startRawServer(t, key, func(m Message, send func(Message)) {
				for _, id := range queryIDs(m) {
					send(Message{SessionID: m.SessionID, MsgID: serverMsgID(time.Now().Add(tc.skew), tc.kind), SeqNo: 1, Body: rpcResult(id, 7)})
				}
			})
			_, err := invokeShort(clientFor(t, rs), 1)
			if (err == nil) != tc.ok {
				t.Fatalf("got %v, want accepted=%v", err, tc.ok)
			}
		})
	}
}

func TestClientDropsForeignSession(t *testing.T) {
	key := testKey(t)
	rs := startRawServer(t, key, func(m Message, send func(Message)) {
		for _, id := range queryIDs(m) {
			send(Message{SessionID: m.SessionID + 1, MsgID: serverMsgID(time.Now(), 1), SeqNo: 1, Body: rpcResult(id, 7)})
		}
	})
	s := clientFor(t, rs)
	if _, err := invokeShort(s, 1); err == nil {
		t.Fatal("answer from another session accepted")
	}
	// Each foreign-session message ended a connection, so the client dialled again.
	if rs.accepts.Load() < 2 {
		t.Fatalf("connection not dropped: %d accepts", rs.accepts.Load())
	}
}

func TestClientDropsTamperedMessage(t *testing.T) {
	key := testKey(t)
	other := testKey(t)
	// A server answering under another key: the answer fails the
	// auth_key_id check and must end the connection unread.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	defer l.Close()
	var accepts atomic.Int64
	go func() {
		for {
			nc, err := l.Accept()
			if err != nil {
				return
			}
			accepts.Add(1)
			go func() {
				defer nc.Close()
				tc, err := transport.Accept(nc)
				if err != nil {
					return
				}
				f, err := tc.ReadFrame(nil)
				if err != nil {
					return
				}
				m, _ := open(key, crypto.ClientToServer, f.Payload)
				frame, _ := seal(nil, other, crypto.ServerToClient,
					Message{SessionID: m.SessionID, MsgID: serverMsgID(time.Now(), 1), SeqNo: 1, Body: rpcResult(m.MsgID, 1)}, rand.Reader)
				tc.WriteFrame(frame)
				tc.ReadFrame(nil)
			}()
		}
	}()
	s := clientFor(t, &rawServer{addr: l.Addr().String(), key: key})
	if _, err := invokeShort(s, 1); err == nil {
		t.Fatal("message under another key accepted")
	}
	if accepts.Load() < 2 {
		t.Fatalf("connection not dropped: %d accepts", accepts.Load())
	}
}
