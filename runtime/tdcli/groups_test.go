package tdcli

import (
	"context"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/tdconv"
	"github.com/luagram/luagram/tl/api"
)

// TestGroups runs testdata/groups.lua: basic groups, supergroups and
// channels.
func TestGroups(t *testing.T) {
	w := newWorld(t)
	me := w.user("Script", "script_user")
	friend := w.user("Friend", "friend_user")
	other := w.user("Other", "other_user")
	bot := w.bot("helper")
	files := testFiles(t)
	// The friend's supergroup, which the script joins by its link.
	res := call(t, friend, &api.ChannelsCreateChannelRequest{Title: "Friends", Megagroup: true})
	var friendsID int64
	for _, c := range res.(*api.Updates).Chats {
		friendsID = c.(*api.Channel).ID
	}
	inv := call(t, friend, &api.MessagesExportChatInviteRequest{Peer: friend.peer(t, tdconv.ChannelChatID(friendsID))})
	// The script's account must know the others before it names them.
	me.peer(t, "@friend_user")
	me.peer(t, "@other_user")
	me.peer(t, "@"+bot.info.Username)
	steps := map[string]func([]lua.LValue) any{
		"world": func([]lua.LValue) any {
			return map[string]any{"friend": friend.info.ID, "other": other.info.ID, "bot": bot.info.ID, "png": files["png"],
				"friend_link": inv.(*api.ChatInviteExported).Link}
		},
		"friend_says_in": func(a []lua.LValue) any {
			friend.say(t, waitPeer(t, friend, int64(a[0].(lua.LNumber))), a[1].String())
			return nil
		},
		"friend_views": func(a []lua.LValue) any {
			peer := waitPeer(t, friend, int64(a[0].(lua.LNumber)))
			call(t, friend, &api.MessagesGetMessagesViewsRequest{Peer: peer, ID: []int32{tdconv.ServerMessageID(int64(a[1].(lua.LNumber)))}, Increment: true})
			return nil
		},
	}
	r := me.start(t, "groups.lua", runConfig{}, steps)
	r.wait(60 * time.Second)
}

// waitPeer resolves a chat id the account learns about soon (an update on
// its way).
func waitPeer(t testing.TB, a *testAccount, chatID int64) api.InputPeerClass {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		p, err := a.c.InputPeer(context.Background(), chatID)
		if err == nil {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("peer %d: %v", chatID, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
