package sandbox_test

import (
	"math/rand/v2"
	"testing"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

// TestMentions: in a basic group and in a supergroup, Alice mentions Bob
// by @username, by a mention-name entity and by replying to his message;
// Bob's dialog counts three unread mentions, his copies are mentioned,
// messages.getUnreadMentions pages through them and messages.readMentions
// reads them. Alice's copies are not mentioned, and mentioning Carol, who
// is not a member, changes nothing.
func TestMentions(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	aliceInfo, err := sb.CreateUser("9996610501", "Alice", "", "ment_alice", "")
	if err != nil {
		t.Fatal(err)
	}
	bobInfo, err := sb.CreateUser("9996610502", "Bob", "", "ment_bob", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sb.CreateUser("9996610503", "Carol", "", "ment_carol", ""); err != nil {
		t.Fatal(err)
	}
	alice := loginWatched(t, sb, aliceInfo, nil)
	bob := loginWatched(t, sb, bobInfo, nil)
	ctx := testCtx(t)
	aliceBob, _ := resolve(t, alice, "ment_bob")
	_, _ = resolve(t, bob, "ment_alice")

	inv, err := dcs.Call(ctx, alice, &api.MessagesCreateChatRequest{Users: []api.InputUserClass{aliceBob}, Title: "Group"})
	if err != nil {
		t.Fatal(err)
	}
	chatID := inv.Updates.(*api.Updates).Chats[0].(*api.Chat).ID
	chatP := &api.InputPeerChat{ChatID: chatID}

	upd, err := dcs.Call(ctx, alice, &api.ChannelsCreateChannelRequest{Megagroup: true, Title: "Super"})
	if err != nil {
		t.Fatal(err)
	}
	ch := upd.(*api.Updates).Chats[0].(*api.Channel)
	aliceCh := &api.InputChannel{ChannelID: ch.ID, AccessHash: ch.AccessHash.Value}
	if _, err := dcs.Call(ctx, alice, &api.ChannelsInviteToChannelRequest{Channel: aliceCh, Users: []api.InputUserClass{aliceBob}}); err != nil {
		t.Fatal(err)
	}
	aliceChP := &api.InputPeerChannel{ChannelID: ch.ID, AccessHash: ch.AccessHash.Value}
	// Bob's own access hash for the channel.
	bd, err := dcs.Call(ctx, bob, &api.MessagesGetDialogsRequest{OffsetPeer: &api.InputPeerEmpty{}, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var bobChP *api.InputPeerChannel
	var chats []api.ChatClass
	switch x := bd.(type) {
	case *api.MessagesDialogs:
		chats = x.Chats
	case *api.MessagesDialogsSlice:
		chats = x.Chats
	}
	for _, c := range chats {
		if x, ok := c.(*api.Channel); ok && x.ID == ch.ID {
			bobChP = &api.InputPeerChannel{ChannelID: x.ID, AccessHash: x.AccessHash.Value}
		}
	}
	if bobChP == nil {
		t.Fatal("Bob has no dialog with the supergroup")
	}

	send := func(c *dcs.Client, peer api.InputPeerClass, text string, entities []api.MessageEntityClass, reply int32) int32 {
		t.Helper()
		req := &api.MessagesSendMessageRequest{Peer: peer, Message: text, Entities: entities, RandomID: rand.Int64()}
		if reply != 0 {
			req.ReplyTo = &api.InputReplyToMessage{ReplyToMsgID: reply}
		}
		res, err := dcs.Call(ctx, c, req)
		if err != nil {
			t.Fatal(err)
		}
		var m *api.Message
		if u, ok := res.(*api.Updates); ok {
			for _, x := range u.Updates {
				switch x := x.(type) {
				case *api.UpdateNewMessage:
					m = x.Message.(*api.Message)
				case *api.UpdateNewChannelMessage:
					m = x.Message.(*api.Message)
				}
			}
		}
		if m == nil {
			t.Fatalf("send answered %v", res)
		}
		if m.Mentioned {
			t.Errorf("%q: the sender's copy is mentioned", text)
		}
		return m.ID
	}
	dialogOf := func(c *dcs.Client, peer api.InputPeerClass) *api.Dialog {
		t.Helper()
		res, err := dcs.Call(ctx, c, &api.MessagesGetPeerDialogsRequest{Peers: []api.InputDialogPeerClass{&api.InputDialogPeer{Peer: peer}}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Dialogs[0].(*api.Dialog)
	}
	unread := func(c *dcs.Client, peer api.InputPeerClass, offset, add, limit int32) []*api.Message {
		t.Helper()
		res, err := dcs.Call(ctx, c, &api.MessagesGetUnreadMentionsRequest{Peer: peer, OffsetID: offset, AddOffset: add, Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		var out []*api.Message
		for _, m := range api.MessagesOf(res) {
			out = append(out, m.(*api.Message))
		}
		return out
	}
	history := func(c *dcs.Client, peer api.InputPeerClass) map[string]*api.Message {
		t.Helper()
		h, err := dcs.Call(ctx, c, &api.MessagesGetHistoryRequest{Peer: peer, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]*api.Message{}
		for _, m := range api.MessagesOf(h) {
			if x, ok := m.(*api.Message); ok {
				out[x.Message] = x
			}
		}
		return out
	}

	for _, tc := range []struct {
		name       string
		alicePeer  api.InputPeerClass
		bobPeer    api.InputPeerClass
		bobReplyOf func(bobsID int32) int32 // Alice's id of Bob's message
	}{
		{"group", chatP, chatP, nil},
		{"supergroup", aliceChP, bobChP, func(id int32) int32 { return id }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bobMsg := send(bob, tc.bobPeer, "hello from bob", nil, 0)
			// Alice's id for Bob's message: in the group, her own copy.
			replyTo := bobMsg
			if tc.bobReplyOf == nil {
				replyTo = history(alice, tc.alicePeer)["hello from bob"].ID
			}
			// Bob reads everything so far.
			if tc.bobPeer == chatP {
				if _, err := dcs.Call(ctx, bob, &api.MessagesReadHistoryRequest{Peer: chatP}); err != nil {
					t.Fatal(err)
				}
			}
			send(alice, tc.alicePeer, "hi @ment_bob", nil, 0)
			send(alice, tc.alicePeer, "hi Bob by name", []api.MessageEntityClass{&api.InputMessageEntityMentionName{Offset: 3, Length: 3, UserID: aliceBob}}, 0)
			send(alice, tc.alicePeer, "a reply", nil, replyTo)
			send(alice, tc.alicePeer, "hi @ment_carol", nil, 0)
			send(alice, tc.alicePeer, "hi @ment_alice", nil, 0)
			send(alice, tc.alicePeer, "plain", nil, 0)

			if got := dialogOf(bob, tc.bobPeer).UnreadMentionsCount; got != 3 {
				t.Errorf("Bob's unread_mentions_count %d, want 3", got)
			}
			if got := dialogOf(alice, tc.alicePeer).UnreadMentionsCount; got != 0 {
				t.Errorf("Alice's unread_mentions_count %d, want 0", got)
			}
			want := map[string]bool{"hi @ment_bob": true, "hi Bob by name": true, "a reply": true}
			for text, m := range history(bob, tc.bobPeer) {
				if m.Mentioned != want[text] || m.MediaUnread != want[text] {
					t.Errorf("Bob's %q: mentioned %v media_unread %v, want %v", text, m.Mentioned, m.MediaUnread, want[text])
				}
			}
			for text, m := range history(alice, tc.alicePeer) {
				if m.Mentioned {
					t.Errorf("Alice's %q is mentioned", text)
				}
			}
			all := unread(bob, tc.bobPeer, 0, 0, 10)
			if len(all) != 3 {
				t.Fatalf("getUnreadMentions: %d messages, want 3", len(all))
			}
			for i, m := range all {
				if !want[m.Message] || !m.Mentioned {
					t.Errorf("unread mention %q (mentioned %v)", m.Message, m.Mentioned)
				}
				if i > 0 && m.ID >= all[i-1].ID {
					t.Errorf("unread mentions not newest first")
				}
			}
			p1 := unread(bob, tc.bobPeer, 0, 0, 2)
			p2 := unread(bob, tc.bobPeer, p1[len(p1)-1].ID, 0, 2)
			if len(p1) != 2 || len(p2) != 1 || p1[0].ID != all[0].ID || p1[1].ID != all[1].ID || p2[0].ID != all[2].ID {
				t.Errorf("pages %d+%d", len(p1), len(p2))
			}

			res, err := dcs.Call(ctx, bob, &api.MessagesReadMentionsRequest{Peer: tc.bobPeer})
			if err != nil {
				t.Fatal(err)
			}
			if tc.bobPeer == chatP && (res.PtsCount != 3 || res.Pts == 0) {
				t.Errorf("readMentions answered %+v", res)
			}
			if got := dialogOf(bob, tc.bobPeer).UnreadMentionsCount; got != 0 {
				t.Errorf("after readMentions: unread_mentions_count %d", got)
			}
			if n := len(unread(bob, tc.bobPeer, 0, 0, 10)); n != 0 {
				t.Errorf("after readMentions: %d unread mentions", n)
			}
			for text, m := range history(bob, tc.bobPeer) {
				if m.Mentioned != want[text] || m.MediaUnread {
					t.Errorf("after reading, Bob's %q: mentioned %v media_unread %v", text, m.Mentioned, m.MediaUnread)
				}
			}
		})
	}
}
