package bindings

import (
	"testing"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

const sendMessageLua = `{
	peer = {_ = "inputPeerUser", user_id = 123456789, access_hash = "-8765432109876543210"},
	message = "Hello, world! This is a message from a Lua script.",
	random_id = 4321987654321,
	reply_to = {_ = "inputReplyToMessage", reply_to_msg_id = 1234},
	entities = {{_ = "messageEntityBold", offset = 0, length = 5}, {_ = "messageEntityItalic", offset = 7, length = 5}},
	silent = true,
}`

// BenchmarkCheckSendMessage converts a typical messages.sendMessage
// parameter table to the request.
func BenchmarkCheckSendMessage(b *testing.B) {
	L := newState(b, nil)
	if err := L.DoString("v = " + sendMessageLua); err != nil {
		b.Fatal(err)
	}
	v := L.GetGlobal("v")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Check(L, v, "messages.sendMessage"); err != nil {
			b.Fatal(err)
		}
	}
}

// nopCaller returns nothing and does not yield.
type nopCaller struct{}

func (nopCaller) Call(L *lua.LState, req tl.Object, conv ResultFunc) int { return 0 }

// BenchmarkCallSendMessage runs messages.sendMessage{…} in Lua: building
// the table in the VM, the call, and the conversion. Baseline: the same
// Lua loop calling a Go function that ignores its table.
func BenchmarkCallSendMessage(b *testing.B) {
	for _, bc := range []struct{ name, call string }{
		{"bindings", "messages.sendMessage"},
		{"baseline-nop", "nop"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			L := newState(b, nopCaller{})
			L.SetGlobal("nop", L.NewFunction(func(*lua.LState) int { return 0 }))
			if err := L.DoString("function f(n) for i = 1, n do " + bc.call + sendMessageLua + " end end"); err != nil {
				b.Fatal(err)
			}
			f := L.GetGlobal("f")
			b.ReportAllocs()
			b.ResetTimer()
			if err := L.CallByParam(lua.P{Fn: f, Protect: true}, lua.LNumber(b.N)); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// sentUpdates is what messages.sendMessage returns in a group: the new
// message with its id, the sender and the chat.
func sentUpdates() *api.Updates {
	return &api.Updates{
		Updates: []api.UpdateClass{
			&api.UpdateMessageID{ID: 5001, RandomID: 4321987654321},
			&api.UpdateNewMessage{Message: message(5001), Pts: 10001, PtsCount: 1},
		},
		Users: []api.UserClass{&api.User{ID: 123456789, AccessHash: tl.Some[int64](-8765432109876543210),
			FirstName: tl.Some("Ann"), Username: tl.Some("ann"), Status: &api.UserStatusRecently{}}},
		Chats: []api.ChatClass{&api.Chat{ID: 4242, Title: "Lua fans", Photo: &api.ChatPhotoEmpty{}, ParticipantsCount: 12, Date: 1700000000, Version: 3}},
		Date:  1700000000,
		Seq:   0,
	}
}

func message(id int32) *api.Message {
	return &api.Message{
		Out:      true,
		ID:       id,
		FromID:   &api.PeerUser{UserID: 123456789},
		PeerID:   &api.PeerChat{ChatID: 4242},
		Date:     1700000000 + id,
		Message:  "Hello, world! This is a message from a Lua script.",
		Entities: []api.MessageEntityClass{&api.MessageEntityBold{Offset: 0, Length: 5}},
		ReplyTo:  &api.MessageReplyHeader{ReplyToMsgID: tl.Some[int32](id - 1)},
	}
}

// messages100 is a messages.getHistory result: 100 messages, 10 users.
func messages100() *api.MessagesMessages {
	m := &api.MessagesMessages{}
	for i := range int32(100) {
		m.Messages = append(m.Messages, message(1000+i))
	}
	for i := range int64(10) {
		m.Users = append(m.Users, &api.User{ID: 100 + i, AccessHash: tl.Some(i << 40), FirstName: tl.Some("User")})
	}
	m.Chats = []api.ChatClass{&api.Chat{ID: 4242, Title: "Lua fans", Photo: &api.ChatPhotoEmpty{}}}
	return m
}

func BenchmarkPushUpdates(b *testing.B) {
	L := newState(b, nil)
	u := sentUpdates()
	b.ReportAllocs()
	for b.Loop() {
		Push(L, u)
	}
}

// BenchmarkPushMessages100 pushes a messages.messages of 100 messages.
func BenchmarkPushMessages100(b *testing.B) {
	L := newState(b, nil)
	m := messages100()
	b.ReportAllocs()
	for b.Loop() {
		Push(L, m)
	}
}

// BenchmarkResultMessages100 is the ResultFunc of messages.getHistory on
// the encoded 100 messages: decoding and pushing. Baseline: decoding alone.
func BenchmarkResultMessages100(b *testing.B) {
	data, err := tl.Encode(messages100())
	if err != nil {
		b.Fatal(err)
	}
	conv := ResultOf(&api.MessagesGetHistoryRequest{})
	b.Run("decode+push", func(b *testing.B) {
		L := newState(b, nil)
		var d tl.Decoder
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			d.Reset(data)
			if _, err := conv(L, &d); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline-decode", func(b *testing.B) {
		var d tl.Decoder
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			d.Reset(data)
			(*api.MessagesGetHistoryRequest)(nil).DecodeResult(&d)
			if d.Err() != nil {
				b.Fatal(d.Err())
			}
		}
	})
}

// BenchmarkOpen installs the 809 method functions into a fresh state.
// Baseline: the state alone.
func BenchmarkOpen(b *testing.B) {
	for _, open := range []bool{true, false} {
		name := "baseline-state"
		if open {
			name = "open"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				L := lua.NewState(lua.Options{SkipOpenLibs: true})
				if open {
					if err := Open(L, nopCaller{}); err != nil {
						b.Fatal(err)
					}
				}
				L.Close()
			}
		})
	}
}
