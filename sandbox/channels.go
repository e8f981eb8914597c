package sandbox

import (
	"sort"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.MessagesCreateChatRequestTypeID] = (*call).messagesCreateChat
	handlers[api.ChannelsCreateChannelRequestTypeID] = (*call).channelsCreateChannel
	handlers[api.ChannelsInviteToChannelRequestTypeID] = (*call).channelsInviteToChannel
	handlers[api.ChannelsJoinChannelRequestTypeID] = (*call).channelsJoinChannel
	handlers[api.ChannelsLeaveChannelRequestTypeID] = (*call).channelsLeaveChannel
	handlers[api.ChannelsGetParticipantsRequestTypeID] = (*call).channelsGetParticipants
	handlers[api.ChannelsGetMessagesRequestTypeID] = (*call).channelsGetMessages
	handlers[api.ChannelsReadHistoryRequestTypeID] = (*call).channelsReadHistory
	handlers[api.ChannelsDeleteMessagesRequestTypeID] = (*call).channelsDeleteMessages
	handlers[api.ChannelsUpdateUsernameRequestTypeID] = (*call).channelsUpdateUsername
	handlers[api.UpdatesGetChannelDifferenceRequestTypeID] = (*call).updatesGetChannelDifference
}

func (c *call) messagesCreateChat(q tl.Object) (any, error) {
	r := q.(*api.MessagesCreateChatRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		title := strings.TrimSpace(r.Title)
		if title == "" {
			return nil, rpcError(400, "CHAT_TITLE_EMPTY")
		}
		w.nextChat++
		ch := &chat{id: w.nextChat, title: title, creator: me.id, members: map[int64]bool{me.id: true},
			admins: map[int64]bool{me.id: true}, date: c.now()}
		for _, in := range r.Users {
			u, err := c.inputUser(me, in)
			if err != nil {
				return nil, err
			}
			ch.members[u.id] = true
		}
		w.chats[ch.id] = ch
		// A service message opens the chat for every member.
		date := c.now()
		var result *api.Updates
		for id := range ch.members {
			u := w.users[id]
			m := &api.MessageService{Out: id == me.id, ID: u.box.nextID(), FromID: &api.PeerUser{UserID: me.id},
				PeerID: &api.PeerChat{ChatID: ch.id}, Date: date, Action: &api.MessageActionChatCreate{Title: title, Users: keys(ch.members)}}
			pts := u.box.record(&api.UpdateNewMessage{Message: m, Pts: u.box.pts + 1, PtsCount: 1}, 1, date)
			w.touchDialog(u, peerRef{'c', ch.id}, m.ID, date, false)
			users, chats := w.render(u, map[peerRef]bool{{'c', ch.id}: true, {'u', me.id}: true})
			upd := &api.Updates{Updates: []api.UpdateClass{&api.UpdateNewMessage{Message: m, Pts: pts, PtsCount: 1}}, Users: users, Chats: chats, Date: date}
			if id == me.id {
				result = upd
			} else {
				w.push(u, upd)
			}
		}
		return &api.MessagesInvitedUsers{Updates: result, MissingInvitees: []api.MissingInvitee{}}, nil
	})
}

func keys(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func (c *call) channelsCreateChannel(q tl.Object) (any, error) {
	r := q.(*api.ChannelsCreateChannelRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		title := strings.TrimSpace(r.Title)
		if title == "" {
			return nil, rpcError(400, "CHAT_TITLE_EMPTY")
		}
		w.nextChan++
		ch := &channel{id: w.nextChan, title: title, about: r.About, creator: me.id, megagroup: r.Megagroup,
			members: map[int64]*participant{me.id: {userID: me.id, date: c.now(), admin: true}}, banned: map[int64]bool{},
			date: c.now(), box: newMessageBox()}
		w.channels[ch.id] = ch
		w.touchDialog(me, peerRef{'C', ch.id}, 0, c.now(), false)
		_, chats := w.render(me, map[peerRef]bool{{'C', ch.id}: true})
		return &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: chats, Date: c.now()}, nil
	})
}

// join adds u to ch and tells u. Call with w.mu held.
func (c *call) join(w *world, ch *channel, u *user, inviter int64) {
	if _, ok := ch.members[u.id]; ok {
		return
	}
	ch.members[u.id] = &participant{userID: u.id, date: c.now(), inviter: inviter}
	w.touchDialog(u, peerRef{'C', ch.id}, ch.box.next, c.now(), false)
	_, chats := w.render(u, map[peerRef]bool{{'C', ch.id}: true})
	w.push(u, &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: chats, Date: c.now()})
	// As on Telegram, the join is a service message of the channel: its
	// pts is where the new member's channel sequence starts.
	from := inviter
	var action api.MessageActionClass = &api.MessageActionChatAddUser{Users: []int64{u.id}}
	if inviter == 0 {
		from, action = u.id, &api.MessageActionChatJoinedByRequest{}
	}
	date := c.now()
	svc := &api.MessageService{ID: ch.box.nextID(), FromID: &api.PeerUser{UserID: from}, PeerID: &api.PeerChannel{ChannelID: ch.id},
		Date: date, Action: action}
	pts := ch.box.record(&api.UpdateNewChannelMessage{Message: svc, Pts: ch.box.pts + 1, PtsCount: 1}, 1, date)
	for id := range ch.members {
		m := w.users[id]
		users, chats := w.render(m, map[peerRef]bool{{'C', ch.id}: true, {'u', u.id}: true, {'u', from}: true})
		w.push(m, &api.Updates{Updates: []api.UpdateClass{&api.UpdateNewChannelMessage{Message: svc, Pts: pts, PtsCount: 1}},
			Users: users, Chats: chats, Date: date})
	}
}

func (c *call) channelsInviteToChannel(q tl.Object) (any, error) {
	r := q.(*api.ChannelsInviteToChannelRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if p := ch.members[me.id]; p == nil || !p.admin && !ch.megagroup {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		for _, in := range r.Users {
			u, err := c.inputUser(me, in)
			if err != nil {
				return nil, err
			}
			if ch.banned[u.id] {
				return nil, rpcError(400, "USER_BANNED_IN_CHANNEL")
			}
			c.join(w, ch, u, me.id)
		}
		_, chats := w.render(me, map[peerRef]bool{{'C', ch.id}: true})
		return &api.MessagesInvitedUsers{Updates: &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}},
			Users: []api.UserClass{}, Chats: chats, Date: c.now()}, MissingInvitees: []api.MissingInvitee{}}, nil
	})
}

func (c *call) channelsJoinChannel(q tl.Object) (any, error) {
	r := q.(*api.ChannelsJoinChannelRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if ch.banned[me.id] {
			return nil, rpcError(400, "CHANNEL_PRIVATE")
		}
		if _, member := ch.members[me.id]; member {
			return nil, rpcError(400, "USER_ALREADY_PARTICIPANT")
		}
		c.join(w, ch, me, 0)
		_, chats := w.render(me, map[peerRef]bool{{'C', ch.id}: true})
		return &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: chats, Date: c.now()}, nil
	})
}

func (c *call) channelsLeaveChannel(q tl.Object) (any, error) {
	r := q.(*api.ChannelsLeaveChannelRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if _, member := ch.members[me.id]; !member {
			return nil, rpcError(400, "USER_NOT_PARTICIPANT")
		}
		delete(ch.members, me.id)
		delete(me.dialogs, peerRef{'C', ch.id})
		_, chats := w.render(me, map[peerRef]bool{{'C', ch.id}: true})
		return &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: chats, Date: c.now()}, nil
	})
}

func (c *call) channelsGetParticipants(q tl.Object) (any, error) {
	r := q.(*api.ChannelsGetParticipantsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		ids := make([]int64, 0, len(ch.members))
		for id, p := range ch.members {
			switch f := r.Filter.(type) {
			case *api.ChannelParticipantsAdmins:
				if !p.admin {
					continue
				}
			case *api.ChannelParticipantsBots:
				if !w.users[id].bot {
					continue
				}
			case *api.ChannelParticipantsSearch:
				u := w.users[id]
				if f.Q != "" && !strings.Contains(strings.ToLower(u.first+" "+u.last+" "+u.username), strings.ToLower(f.Q)) {
					continue
				}
			case *api.ChannelParticipantsKicked, *api.ChannelParticipantsBanned:
				continue
			}
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		total := len(ids)
		off := min(max(int(r.Offset), 0), len(ids))
		ids = ids[off:]
		if r.Limit > 0 && len(ids) > int(r.Limit) {
			ids = ids[:r.Limit]
		}
		res := &api.ChannelsChannelParticipants{Count: int32(total), Chats: []api.ChatClass{}}
		refs := map[peerRef]bool{}
		for _, id := range ids {
			p := ch.members[id]
			switch {
			case id == ch.creator:
				res.Participants = append(res.Participants, &api.ChannelParticipantCreator{UserID: id, AdminRights: api.ChatAdminRights{ChangeInfo: true, PostMessages: true, EditMessages: true, DeleteMessages: true, BanUsers: true, InviteUsers: true, PinMessages: true, AddAdmins: true}})
			case p.admin:
				res.Participants = append(res.Participants, &api.ChannelParticipantAdmin{UserID: id, PromotedBy: ch.creator, Date: p.date, AdminRights: api.ChatAdminRights{DeleteMessages: true, BanUsers: true, PinMessages: true}})
			default:
				res.Participants = append(res.Participants, &api.ChannelParticipant{UserID: id, Date: p.date})
			}
			refs[peerRef{'u', id}] = true
		}
		if res.Participants == nil {
			res.Participants = []api.ChannelParticipantClass{}
		}
		res.Users, _ = w.render(me, refs)
		return res, nil
	})
}

// deliverChannel stores a channel message (one copy, the channel's pts)
// and pushes it to every member. Call with w.mu held.
func (c *call) deliverChannel(w *world, me *user, ch *channel, d draft, randomID int64) (any, error) {
	p := ch.members[me.id]
	if p == nil {
		return nil, rpcError(403, "CHAT_WRITE_FORBIDDEN")
	}
	if !ch.megagroup && !p.admin {
		return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
	}
	date := c.now()
	m := &api.Message{ID: ch.box.nextID(), PeerID: &api.PeerChannel{ChannelID: ch.id}, Date: date, Message: d.text,
		Entities: d.entities, ReplyMarkup: d.markup, FwdFrom: d.fwd, Media: d.media, Post: !ch.megagroup}
	if ch.megagroup {
		m.FromID = &api.PeerUser{UserID: me.id}
	}
	if d.replyTo != 0 {
		m.ReplyTo = &api.MessageReplyHeader{ReplyToMsgID: tl.Some(d.replyTo)}
	}
	ch.box.messages[m.ID] = m
	w.noteChannelMentions(me, ch, m, d) // mentions.go
	if !ch.megagroup && ch.username != "" {
		c.dc.sb.markPopular(m.Media) // served by a CDN DC (files_cdn.go)
	}
	pts := ch.box.record(&api.UpdateNewChannelMessage{Message: m, Pts: ch.box.pts + 1, PtsCount: 1}, 1, date)
	for id := range ch.members {
		u := w.users[id]
		w.touchDialog(u, peerRef{'C', ch.id}, m.ID, date, id != me.id)
		if id == me.id {
			continue
		}
		users, chats := w.render(u, map[peerRef]bool{{'C', ch.id}: true, {'u', me.id}: true})
		w.push(u, &api.Updates{Updates: []api.UpdateClass{&api.UpdateNewChannelMessage{Message: w.view(u, m), Pts: pts, PtsCount: 1}},
			Users: users, Chats: chats, Date: date})
	}
	users, chats := w.render(me, map[peerRef]bool{{'C', ch.id}: true, {'u', me.id}: true})
	return &api.Updates{Updates: []api.UpdateClass{
		&api.UpdateMessageID{ID: m.ID, RandomID: randomID},
		&api.UpdateNewChannelMessage{Message: w.view(me, m), Pts: pts, PtsCount: 1},
	}, Users: users, Chats: chats, Date: date}, nil
}

func (c *call) editChannelMessage(w *world, me *user, ch *channel, r *api.MessagesEditMessageRequest) (any, error) {
	m := ch.box.messages[r.ID]
	if m == nil {
		return nil, rpcError(400, "MESSAGE_ID_INVALID")
	}
	from, _ := m.FromID.(*api.PeerUser)
	if (from == nil || from.UserID != me.id) && !ch.members[me.id].admin {
		return nil, rpcError(403, "MESSAGE_AUTHOR_REQUIRED")
	}
	if _, game := m.Media.(*api.MessageMediaGame); game && r.ReplyMarkup != nil {
		if err := checkGameMarkup(r.ReplyMarkup); err != nil { // games.go
			return nil, err
		}
	}
	if text, ok := r.Message.Get(); ok {
		m.Message, m.Entities = text, withDetectedEntities(text, r.Entities)
	}
	if r.ReplyMarkup != nil {
		m.ReplyMarkup = r.ReplyMarkup
	}
	m.EditDate = tl.Some(c.now())
	pts := ch.box.record(&api.UpdateEditChannelMessage{Message: m, Pts: ch.box.pts + 1, PtsCount: 1}, 1, c.now())
	for id := range ch.members {
		if id != me.id {
			u := w.users[id]
			users, chats := w.render(u, map[peerRef]bool{{'C', ch.id}: true})
			w.push(u, &api.Updates{Updates: []api.UpdateClass{&api.UpdateEditChannelMessage{Message: w.view(u, m), Pts: pts, PtsCount: 1}},
				Users: users, Chats: chats, Date: c.now()})
		}
	}
	users, chats := w.render(me, map[peerRef]bool{{'C', ch.id}: true})
	return &api.Updates{Updates: []api.UpdateClass{&api.UpdateEditChannelMessage{Message: w.view(me, m), Pts: pts, PtsCount: 1}},
		Users: users, Chats: chats, Date: c.now()}, nil
}

func (c *call) channelsGetMessages(q tl.Object) (any, error) {
	r := q.(*api.ChannelsGetMessagesRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		var msgs []*api.Message
		for _, in := range r.ID {
			if x, ok := in.(*api.InputMessageID); ok {
				if m := ch.box.messages[x.ID]; m != nil {
					msgs = append(msgs, m)
				}
			}
		}
		res := w.messagesResult(me, msgs, 0).(*api.MessagesMessages)
		return &api.MessagesChannelMessages{Pts: ch.box.pts, Count: int32(len(msgs)), Messages: res.Messages,
			Chats: res.Chats, Users: res.Users, Topics: []api.ForumTopicClass{}}, nil
	})
}

func (c *call) channelsReadHistory(q tl.Object) (any, error) {
	r := q.(*api.ChannelsReadHistoryRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if d := me.dialogs[peerRef{'C', ch.id}]; d != nil {
			d.readInbox, d.unreadCount = r.MaxID, 0
		}
		return boolResult(true), nil
	})
}

func (c *call) channelsDeleteMessages(q tl.Object) (any, error) {
	r := q.(*api.ChannelsDeleteMessagesRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		var gone []int32
		for _, id := range r.ID {
			m := ch.box.messages[id]
			if m == nil {
				continue
			}
			from, _ := m.FromID.(*api.PeerUser)
			if (from == nil || from.UserID != me.id) && !ch.members[me.id].admin {
				return nil, rpcError(403, "MESSAGE_DELETE_FORBIDDEN")
			}
			delete(ch.box.messages, id)
			gone = append(gone, id)
		}
		n := int32(len(gone))
		if n == 0 {
			return &api.MessagesAffectedMessages{Pts: ch.box.pts}, nil
		}
		pts := ch.box.record(&api.UpdateDeleteChannelMessages{ChannelID: ch.id, Messages: gone, Pts: ch.box.pts + n, PtsCount: n}, n, c.now())
		for id := range ch.members {
			if id != me.id {
				w.push(w.users[id], &api.UpdateShort{Update: &api.UpdateDeleteChannelMessages{ChannelID: ch.id, Messages: gone, Pts: pts, PtsCount: n}, Date: c.now()})
			}
		}
		return &api.MessagesAffectedMessages{Pts: pts, PtsCount: n}, nil
	})
}

func (c *call) channelsUpdateUsername(q tl.Object) (any, error) {
	r := q.(*api.ChannelsUpdateUsernameRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if ch.creator != me.id {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		if r.Username != "" && !validUsername(r.Username) {
			return nil, rpcError(400, "USERNAME_INVALID")
		}
		if !w.setUsername(peerRef{'C', ch.id}, ch.username, r.Username) {
			return nil, rpcError(400, "USERNAME_OCCUPIED")
		}
		ch.username = r.Username
		return boolResult(true), nil
	})
}

// channelDifferenceLimit bounds one getChannelDifference.
const channelDifferenceLimit = 100

func (c *call) updatesGetChannelDifference(q tl.Object) (any, error) {
	r := q.(*api.UpdatesGetChannelDifferenceRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if _, member := ch.members[me.id]; !member && !r.Force {
			return nil, rpcError(400, "CHANNEL_PRIVATE")
		}
		if r.Pts <= 0 {
			return nil, rpcError(400, "PERSISTENT_TIMESTAMP_EMPTY")
		}
		if r.Pts == ch.box.pts {
			return &api.UpdatesChannelDifferenceEmpty{Final: true, Pts: ch.box.pts, Timeout: tl.Some(int32(30))}, nil
		}
		events, ok := ch.box.since(r.Pts)
		if !ok || r.Pts > ch.box.pts {
			// Too far behind: the client gets the dialog and recent messages.
			msgs := w.history(me, peerRef{'C', ch.id})
			if len(msgs) > 20 {
				msgs = msgs[:20]
			}
			res := w.messagesResult(me, msgs, 0).(*api.MessagesMessages)
			return &api.UpdatesChannelDifferenceTooLong{Final: true, Timeout: tl.Some(int32(30)),
				Dialog:   &api.Dialog{Peer: &api.PeerChannel{ChannelID: ch.id}, TopMessage: ch.box.next, Pts: tl.Some(ch.box.pts), NotifySettings: api.PeerNotifySettings{}},
				Messages: res.Messages, Chats: res.Chats, Users: res.Users}, nil
		}
		limit := int(r.Limit)
		if limit <= 0 || limit > channelDifferenceLimit {
			limit = channelDifferenceLimit
		}
		final := len(events) <= limit
		if !final {
			events = events[:limit]
		}
		res := &api.UpdatesChannelDifference{Final: final, Pts: events[len(events)-1].pts, Timeout: tl.Some(int32(30)),
			NewMessages: []api.MessageClass{}, OtherUpdates: []api.UpdateClass{}}
		refs := map[peerRef]bool{{'C', ch.id}: true}
		for _, e := range events {
			if nm, isNew := e.update.(*api.UpdateNewChannelMessage); isNew {
				if m, ok := nm.Message.(*api.Message); ok {
					res.NewMessages = append(res.NewMessages, w.view(me, m))
				} else {
					res.NewMessages = append(res.NewMessages, nm.Message)
				}
			} else {
				res.OtherUpdates = append(res.OtherUpdates, e.update)
			}
			collectRefs(e.update, refs)
		}
		res.Users, res.Chats = w.render(me, refs)
		return res, nil
	})
}
