package sandbox

import (
	"sort"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	// Replaces the answer-only handler of messages.go: typing now reaches
	// the other side.
	handlers[api.MessagesSetTypingRequestTypeID] = (*call).tdMessagesSetTyping
	handlers[api.MessagesGetMessagesViewsRequestTypeID] = (*call).messagesGetMessagesViews
	handlers[api.MessagesDeleteHistoryRequestTypeID] = (*call).messagesDeleteHistory
	handlers[api.MessagesReadMessageContentsRequestTypeID] = (*call).messagesReadMessageContents
	handlers[api.ChannelsReadMessageContentsRequestTypeID] = (*call).channelsReadMessageContents
	handlers[api.MessagesStartBotRequestTypeID] = (*call).messagesStartBot
	handlers[api.MessagesGetCommonChatsRequestTypeID] = (*call).messagesGetCommonChats
	handlers[api.MessagesSearchGlobalRequestTypeID] = (*call).messagesSearchGlobal
	handlers[api.ChannelsDeleteChannelRequestTypeID] = (*call).channelsDeleteChannel
}

// tdMessagesSetTyping tells the other side of a chat what I am doing:
// updateUserTyping in private chats, updateChatUserTyping in groups,
// updateChannelUserTyping in supergroups.
func (c *call) tdMessagesSetTyping(q tl.Object) (any, error) {
	r := q.(*api.MessagesSetTypingRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		action := r.Action
		if action == nil {
			action = &api.SendMessageTypingAction{}
		}
		date := c.now()
		send := func(u *user, up api.UpdateClass, refs map[peerRef]bool) {
			if u == nil || u.id == me.id {
				return
			}
			users, chats := w.render(u, refs)
			w.push(u, &api.Updates{Updates: []api.UpdateClass{up}, Users: users, Chats: chats, Date: date})
		}
		switch ref.kind {
		case 'u':
			send(w.users[ref.id], &api.UpdateUserTyping{UserID: me.id, Action: action}, map[peerRef]bool{{'u', me.id}: true})
		case 'c':
			ch := w.chats[ref.id]
			for id := range ch.members {
				send(w.users[id], &api.UpdateChatUserTyping{ChatID: ch.id, FromID: &api.PeerUser{UserID: me.id}, Action: action},
					map[peerRef]bool{{'u', me.id}: true, ref: true})
			}
		case 'C':
			ch := w.channels[ref.id]
			if !ch.megagroup {
				return boolResult(true), nil
			}
			for id := range ch.members {
				send(w.users[id], &api.UpdateChannelUserTyping{ChannelID: ch.id, FromID: &api.PeerUser{UserID: me.id}, Action: action},
					map[peerRef]bool{{'u', me.id}: true, ref: true})
			}
		}
		return boolResult(true), nil
	})
}

// messagesGetMessagesViews returns the view counts of channel messages,
// counting my view first if increment is set; the members learn new
// counts by updateChannelMessageViews.
func (c *call) messagesGetMessagesViews(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetMessagesViewsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		res := &api.MessagesMessageViews{Views: []api.MessageViews{}, Chats: []api.ChatClass{}, Users: []api.UserClass{}}
		if ref.kind != 'C' {
			for range r.ID {
				res.Views = append(res.Views, api.MessageViews{})
			}
			return res, nil
		}
		ch := w.channels[ref.id]
		t := w.td()
		if t.views[ref] == nil {
			t.views[ref] = map[int32]int32{}
		}
		for _, id := range r.ID {
			m := ch.box.messages[id]
			if m == nil {
				res.Views = append(res.Views, api.MessageViews{})
				continue
			}
			if r.Increment {
				t.views[ref][id]++
				m.Views = tl.Some(t.views[ref][id])
				for uid := range ch.members {
					if uid != me.id {
						w.push(w.users[uid], &api.UpdateShort{Update: &api.UpdateChannelMessageViews{ChannelID: ch.id, ID: id,
							Views: t.views[ref][id]}, Date: c.now()})
					}
				}
			}
			res.Views = append(res.Views, api.MessageViews{Views: tl.Some(t.views[ref][id])})
		}
		_, res.Chats = w.render(me, map[peerRef]bool{ref: true})
		return res, nil
	})
}

// messagesDeleteHistory deletes my copy of a private chat or group.
func (c *call) messagesDeleteHistory(q tl.Object) (any, error) {
	r := q.(*api.MessagesDeleteHistoryRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		if ref.kind == 'C' {
			return nil, rpcError(400, "PEER_ID_INVALID")
		}
		var gone []int32
		for id, m := range me.box.messages {
			if refOf(m.PeerID) == ref && (r.MaxID == 0 || id <= r.MaxID) {
				delete(me.box.messages, id)
				gone = append(gone, id)
			}
		}
		sort.Slice(gone, func(i, j int) bool { return gone[i] < gone[j] })
		if !r.JustClear {
			delete(me.dialogs, ref)
		}
		n := int32(len(gone))
		if n == 0 {
			return &api.MessagesAffectedHistory{Pts: me.box.pts}, nil
		}
		pts := me.box.record(&api.UpdateDeleteMessages{Messages: gone, Pts: me.box.pts + n, PtsCount: n}, n, c.now())
		return &api.MessagesAffectedHistory{Pts: pts, PtsCount: n}, nil
	})
}

func (c *call) messagesReadMessageContents(q tl.Object) (any, error) {
	r := q.(*api.MessagesReadMessageContentsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		var read []int32
		for _, id := range r.ID {
			if m := me.box.messages[id]; m != nil && m.MediaUnread {
				m.MediaUnread = false
				w.readMentionIDs(me, refOf(m.PeerID), []int32{id}) // mentions.go
				read = append(read, id)
			}
		}
		n := int32(len(read))
		if n == 0 {
			return &api.MessagesAffectedMessages{Pts: me.box.pts}, nil
		}
		pts := me.box.record(&api.UpdateReadMessagesContents{Messages: read, Pts: me.box.pts + n, PtsCount: n}, n, c.now())
		return &api.MessagesAffectedMessages{Pts: pts, PtsCount: n}, nil
	})
}

func (c *call) channelsReadMessageContents(q tl.Object) (any, error) {
	r := q.(*api.ChannelsReadMessageContentsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		c.readMentions(w, me, peerRef{'C', ch.id}, r.ID) // mentions.go
		return boolResult(true), nil
	})
}

// messagesStartBot sends /start (with the parameter) to a bot, as a
// message from me.
func (c *call) messagesStartBot(q tl.Object) (any, error) {
	r := q.(*api.MessagesStartBotRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		bot, err := c.inputUser(me, r.Bot)
		if err != nil || !bot.bot {
			return nil, rpcError(400, "BOT_INVALID")
		}
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		if ref.kind == 'c' {
			if ch := w.chats[ref.id]; ch != nil && !ch.members[bot.id] {
				ch.members[bot.id] = true
				ch.version++
			}
		}
		text := "/start"
		if r.StartParam != "" {
			text += " " + r.StartParam
		}
		res, err := c.send(w, me, ref, draft{text: text}, r.RandomID)
		if err != nil {
			return nil, err
		}
		return toUpdates(res, me, w), nil
	})
}

// messagesGetCommonChats lists the groups and channels both I and a user
// are in.
func (c *call) messagesGetCommonChats(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetCommonChatsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		u, err := c.inputUser(me, r.UserID)
		if err != nil {
			return nil, err
		}
		refs := map[peerRef]bool{}
		for id, ch := range w.chats {
			if ch.members[me.id] && ch.members[u.id] && id > r.MaxID {
				refs[peerRef{'c', id}] = true
			}
		}
		for id, ch := range w.channels {
			_, a := ch.members[me.id]
			_, b := ch.members[u.id]
			if a && b && id > r.MaxID {
				refs[peerRef{'C', id}] = true
			}
		}
		_, chats := w.render(me, refs)
		return &api.MessagesChats{Chats: chats}, nil
	})
}

// messagesSearchGlobal searches the text of the messages of all my chats,
// newest first.
func (c *call) messagesSearchGlobal(q tl.Object) (any, error) {
	r := q.(*api.MessagesSearchGlobalRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		needle := strings.ToLower(r.Q)
		var hits []*api.Message
		for ref := range me.dialogs {
			for _, m := range w.history(me, ref) {
				if strings.Contains(strings.ToLower(m.Message), needle) && (r.OffsetRate == 0 || m.Date < r.OffsetRate) {
					hits = append(hits, m)
				}
			}
		}
		sort.Slice(hits, func(i, j int) bool {
			return hits[i].Date > hits[j].Date || hits[i].Date == hits[j].Date && hits[i].ID > hits[j].ID
		})
		limit := int(r.Limit)
		if limit <= 0 || limit > 100 {
			limit = 100
		}
		count := len(hits)
		if len(hits) > limit {
			hits = hits[:limit]
		}
		return w.messagesResult(me, hits, count), nil
	})
}

func (c *call) channelsDeleteChannel(q tl.Object) (any, error) {
	r := q.(*api.ChannelsDeleteChannelRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if ch.creator != me.id {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		forbidden := &api.ChannelForbidden{ID: ch.id, Title: ch.title, Megagroup: ch.megagroup, Broadcast: !ch.megagroup}
		for id := range ch.members {
			u := w.users[id]
			delete(u.dialogs, peerRef{'C', ch.id})
			f := *forbidden
			f.AccessHash = w.accessHash(id, 'C', ch.id)
			upd := &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{},
				Chats: []api.ChatClass{&f}, Date: c.now()}
			if id != me.id {
				w.push(u, upd)
			}
		}
		if ch.username != "" {
			w.setUsername(peerRef{'C', ch.id}, ch.username, "")
		}
		delete(w.channels, ch.id)
		forbidden.AccessHash = w.accessHash(me.id, 'C', ch.id)
		return &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{},
			Chats: []api.ChatClass{forbidden}, Date: c.now()}, nil
	})
}
