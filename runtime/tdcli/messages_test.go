package tdcli

import (
	"math/rand/v2"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// TestMessages runs testdata/messages.lua: users, private chats, text,
// parse modes, media of every kind, downloads, edits, forwards, history,
// search, deletion, reading, chat actions and the updates of a friend's
// doings.
func TestMessages(t *testing.T) {
	w := newWorld(t)
	me := w.user("Script", "script_user")
	friend := w.user("Friend", "friend_user")
	friend.say(t, "@script_user", "hi")
	hist := call(t, me, &api.MessagesGetHistoryRequest{Peer: me.peer(t, "@friend_user"), Limit: 1})
	hiID := messagesOf(hist)[0].(*api.Message).ID
	files := testFiles(t)
	lastOut := func() int32 {
		h := call(t, friend, &api.MessagesGetHistoryRequest{Peer: friend.peer(t, "@script_user"), Limit: 10})
		for _, m := range messagesOf(h) {
			if x, ok := m.(*api.Message); ok && x.Out {
				return x.ID
			}
		}
		return 0
	}
	steps := map[string]func([]lua.LValue) any{
		"world": func([]lua.LValue) any {
			return map[string]any{"friend": friend.info.ID, "phone": me.info.Phone, "hi_id": int64(hiID),
				"png": files["png"], "doc": files["doc"], "ogg": files["ogg"], "mp3": files["mp3"], "mp4": files["mp4"],
				"gif": files["gif"], "webp": files["webp"]}
		},
		"friend_says": func(a []lua.LValue) any { friend.say(t, "@script_user", a[0].String()); return nil },
		"friend_reads": func([]lua.LValue) any {
			call(t, friend, &api.MessagesReadHistoryRequest{Peer: friend.peer(t, "@script_user")})
			return nil
		},
		"friend_types": func([]lua.LValue) any {
			call(t, friend, &api.MessagesSetTypingRequest{Peer: friend.peer(t, "@script_user"), Action: &api.SendMessageRecordAudioAction{}})
			return nil
		},
		"friend_says_alone": func(a []lua.LValue) any { friend.say(t, "@script_user", a[0].String()); return nil },
		"friend_deletes": func([]lua.LValue) any {
			call(t, friend, &api.MessagesDeleteMessagesRequest{Revoke: true, ID: []int32{lastOut()}})
			return nil
		},
		"friend_renames": func([]lua.LValue) any {
			call(t, friend, &api.AccountUpdateProfileRequest{FirstName: tl.Some("Renamed")})
			call(t, friend, &api.MessagesSendMessageRequest{Peer: friend.peer(t, "@script_user"), Message: "new name", RandomID: rand.Int64(),
				Entities: []api.MessageEntityClass{&api.MessageEntityBold{Offset: 0, Length: 3}}})
			call(t, friend, &api.AccountUpdateStatusRequest{Offline: true})
			return nil
		},
	}
	r := me.start(t, "messages.lua", runConfig{}, steps)
	r.wait(60 * time.Second)
}
