package sandbox

import (
	"sort"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.ChannelsEditBannedRequestTypeID] = (*call).channelsEditBanned
	handlers[api.ChannelsEditAdminRequestTypeID] = (*call).channelsEditAdmin
	handlers[api.ChannelsGetParticipantRequestTypeID] = (*call).channelsGetParticipant
	handlers[api.ChannelsDeleteParticipantHistoryRequestTypeID] = (*call).channelsDeleteParticipantHistory
	handlers[api.MessagesAddChatUserRequestTypeID] = (*call).messagesAddChatUser
	handlers[api.MessagesDeleteChatUserRequestTypeID] = (*call).messagesDeleteChatUser
	handlers[api.MessagesEditChatAdminRequestTypeID] = (*call).messagesEditChatAdmin
	wrap(api.ChannelsGetParticipantsRequestTypeID, (*call).tdChannelsGetParticipants)
}

// channelsEditBanned bans (view_messages: removed from the channel),
// restricts, or with empty rights unbans a user. A removal is a service
// message of the channel, as on Telegram.
func (c *call) channelsEditBanned(q tl.Object) (any, error) {
	r := q.(*api.ChannelsEditBannedRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if !channelAdmin(ch, me) {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		ref, err := c.inputPeer(me, r.Participant)
		if err != nil || ref.kind != 'u' {
			return nil, rpcError(400, "PARTICIPANT_ID_INVALID")
		}
		target := w.users[ref.id]
		if target.id == ch.creator {
			return nil, rpcError(400, "USER_ADMIN_INVALID")
		}
		t := w.td()
		if t.bans[ch.id] == nil {
			t.bans[ch.id] = map[int64]ban{}
		}
		if r.BannedRights == (api.ChatBannedRights{}) {
			delete(t.bans[ch.id], target.id)
			delete(ch.banned, target.id)
			_, chats := w.render(target, map[peerRef]bool{{'C', ch.id}: true})
			w.push(target, &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: chats, Date: c.now()})
			_, mine := w.render(me, map[peerRef]bool{{'C', ch.id}: true})
			return &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: mine, Date: c.now()}, nil
		}
		t.bans[ch.id][target.id] = ban{by: me.id, date: c.now(), rights: r.BannedRights}
		if !r.BannedRights.ViewMessages {
			_, chats := w.render(me, map[peerRef]bool{{'C', ch.id}: true})
			return &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: chats, Date: c.now()}, nil
		}
		ch.banned[target.id] = true
		_, wasMember := ch.members[target.id]
		delete(ch.members, target.id)
		delete(t.adminRights[ch.id], target.id)
		if !wasMember {
			_, chats := w.render(me, map[peerRef]bool{{'C', ch.id}: true})
			return &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: chats, Date: c.now()}, nil
		}
		res := c.channelService(w, me, ch, &api.MessageActionChatDeleteUser{UserID: target.id}, 0, target.id)
		res.Updates = append(res.Updates, &api.UpdateChannel{ChannelID: ch.id})
		return res, nil
	})
}

// channelsEditAdmin gives a member administrator rights, or with no rights
// takes them back; a user not in a supergroup is added first.
func (c *call) channelsEditAdmin(q tl.Object) (any, error) {
	r := q.(*api.ChannelsEditAdminRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if !channelAdmin(ch, me) {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		target, err := c.inputUser(me, r.UserID)
		if err != nil {
			return nil, err
		}
		if target.id == ch.creator {
			return nil, rpcError(400, "USER_CREATOR")
		}
		t := w.td()
		p := ch.members[target.id]
		if p == nil {
			if r.AdminRights == (api.ChatAdminRights{}) {
				return nil, rpcError(400, "USER_NOT_PARTICIPANT")
			}
			if ch.banned[target.id] {
				return nil, rpcError(400, "USER_BANNED_IN_CHANNEL")
			}
			c.join(w, ch, target, me.id)
			p = ch.members[target.id]
		}
		if t.adminRights[ch.id] == nil {
			t.adminRights[ch.id] = map[int64]api.ChatAdminRights{}
		}
		if r.AdminRights == (api.ChatAdminRights{}) {
			p.admin = false
			delete(t.adminRights[ch.id], target.id)
		} else {
			p.admin = true
			t.adminRights[ch.id][target.id] = r.AdminRights
		}
		_, chats := w.render(target, map[peerRef]bool{{'C', ch.id}: true})
		w.push(target, &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: chats, Date: c.now()})
		_, mine := w.render(me, map[peerRef]bool{{'C', ch.id}: true})
		return &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: mine, Date: c.now()}, nil
	})
}

// participant renders one user's place in a channel, nil if none.
func (w *world) participant(ch *channel, id int64) api.ChannelParticipantClass {
	t := w.td()
	if b, banned := t.bans[ch.id][id]; banned {
		return &api.ChannelParticipantBanned{Peer: &api.PeerUser{UserID: id}, KickedBy: b.by, Date: b.date,
			BannedRights: b.rights, Left: b.rights.ViewMessages}
	}
	p := ch.members[id]
	switch {
	case p == nil:
		return nil
	case id == ch.creator:
		return &api.ChannelParticipantCreator{UserID: id, AdminRights: api.ChatAdminRights{ChangeInfo: true, PostMessages: true,
			EditMessages: true, DeleteMessages: true, BanUsers: true, InviteUsers: true, PinMessages: true, AddAdmins: true}}
	case p.admin:
		rights, ok := t.adminRights[ch.id][id]
		if !ok {
			rights = api.ChatAdminRights{DeleteMessages: true, BanUsers: true, PinMessages: true}
		}
		a := &api.ChannelParticipantAdmin{UserID: id, PromotedBy: ch.creator, Date: p.date, AdminRights: rights}
		if p.inviter != 0 {
			a.InviterID = tl.Some(p.inviter)
		}
		return a
	}
	return &api.ChannelParticipant{UserID: id, Date: p.date}
}

func (c *call) channelsGetParticipant(q tl.Object) (any, error) {
	r := q.(*api.ChannelsGetParticipantRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		ref, err := c.inputPeer(me, r.Participant)
		if err != nil || ref.kind != 'u' {
			return nil, rpcError(400, "PARTICIPANT_ID_INVALID")
		}
		p := w.participant(ch, ref.id)
		if p == nil {
			return nil, rpcError(400, "USER_NOT_PARTICIPANT")
		}
		users, _ := w.render(me, map[peerRef]bool{ref: true})
		return &api.ChannelsChannelParticipant{Participant: p, Users: users, Chats: []api.ChatClass{}}, nil
	})
}

// tdChannelsGetParticipants answers the kicked and banned filters, and
// renders administrators with the rights they were given.
func (c *call) tdChannelsGetParticipants(q tl.Object, next handler) (any, error) {
	r := q.(*api.ChannelsGetParticipantsRequest)
	switch r.Filter.(type) {
	case *api.ChannelParticipantsKicked, *api.ChannelParticipantsBanned:
	default:
		res, err := next(c, q)
		if err != nil {
			return nil, err
		}
		if ps, ok := res.(*api.ChannelsChannelParticipants); ok {
			w := c.dc.sb.world
			w.mu.Lock()
			if ch, err := c.inputChannel(c.user(), r.Channel); err == nil {
				for i, p := range ps.Participants {
					if a, ok := p.(*api.ChannelParticipantAdmin); ok {
						ps.Participants[i] = w.participant(ch, a.UserID)
					}
				}
			}
			w.mu.Unlock()
		}
		return res, nil
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		_, kicked := r.Filter.(*api.ChannelParticipantsKicked)
		var ids []int64
		for id, b := range w.td().bans[ch.id] {
			if b.rights.ViewMessages == kicked {
				ids = append(ids, id)
			}
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		total := len(ids)
		ids = ids[min(max(int(r.Offset), 0), len(ids)):]
		if r.Limit > 0 && len(ids) > int(r.Limit) {
			ids = ids[:r.Limit]
		}
		res := &api.ChannelsChannelParticipants{Count: int32(total), Participants: []api.ChannelParticipantClass{}, Chats: []api.ChatClass{}}
		refs := map[peerRef]bool{}
		for _, id := range ids {
			res.Participants = append(res.Participants, w.participant(ch, id))
			refs[peerRef{'u', id}] = true
		}
		res.Users, _ = w.render(me, refs)
		return res, nil
	})
}

// channelsDeleteParticipantHistory deletes every message of a user in a
// supergroup.
func (c *call) channelsDeleteParticipantHistory(q tl.Object) (any, error) {
	r := q.(*api.ChannelsDeleteParticipantHistoryRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if !channelAdmin(ch, me) {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		ref, err := c.inputPeer(me, r.Participant)
		if err != nil {
			return nil, rpcError(400, "PARTICIPANT_ID_INVALID")
		}
		var gone []int32
		for id, m := range ch.box.messages {
			if refOf(m.FromID) == ref {
				delete(ch.box.messages, id)
				gone = append(gone, id)
			}
		}
		sort.Slice(gone, func(i, j int) bool { return gone[i] < gone[j] })
		n := int32(len(gone))
		if n == 0 {
			return &api.MessagesAffectedHistory{Pts: ch.box.pts}, nil
		}
		pts := ch.box.record(&api.UpdateDeleteChannelMessages{ChannelID: ch.id, Messages: gone, Pts: ch.box.pts + n, PtsCount: n}, n, c.now())
		for id := range ch.members {
			if id != me.id {
				w.push(w.users[id], &api.UpdateShort{Update: &api.UpdateDeleteChannelMessages{ChannelID: ch.id, Messages: gone, Pts: pts, PtsCount: n}, Date: c.now()})
			}
		}
		return &api.MessagesAffectedHistory{Pts: pts, PtsCount: n}, nil
	})
}

// messagesAddChatUser adds a user to a basic group.
func (c *call) messagesAddChatUser(q tl.Object) (any, error) {
	r := q.(*api.MessagesAddChatUserRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch := w.chats[r.ChatID]
		if ch == nil || !ch.members[me.id] || ch.deactivated {
			return nil, rpcError(400, "CHAT_ID_INVALID")
		}
		u, err := c.inputUser(me, r.UserID)
		if err != nil {
			return nil, err
		}
		if ch.members[u.id] {
			return nil, rpcError(400, "USER_ALREADY_PARTICIPANT")
		}
		ch.members[u.id] = true
		ch.version++
		res := c.chatService(w, me, ch, &api.MessageActionChatAddUser{Users: []int64{u.id}}, 0, u.id)
		return &api.MessagesInvitedUsers{Updates: res, MissingInvitees: []api.MissingInvitee{}}, nil
	})
}

// messagesDeleteChatUser removes a user from a basic group (or lets me
// leave it).
func (c *call) messagesDeleteChatUser(q tl.Object) (any, error) {
	r := q.(*api.MessagesDeleteChatUserRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch := w.chats[r.ChatID]
		if ch == nil || !ch.members[me.id] {
			return nil, rpcError(400, "CHAT_ID_INVALID")
		}
		u, err := c.inputUser(me, r.UserID)
		if err != nil {
			return nil, err
		}
		if u.id != me.id && !chatAdmin(ch, me) {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		if !ch.members[u.id] {
			return nil, rpcError(400, "USER_NOT_PARTICIPANT")
		}
		res := c.chatService(w, me, ch, &api.MessageActionChatDeleteUser{UserID: u.id}, 0)
		delete(ch.members, u.id)
		delete(ch.admins, u.id)
		ch.version++
		return res, nil
	})
}

func (c *call) messagesEditChatAdmin(q tl.Object) (any, error) {
	r := q.(*api.MessagesEditChatAdminRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch := w.chats[r.ChatID]
		if ch == nil || !ch.members[me.id] {
			return nil, rpcError(400, "CHAT_ID_INVALID")
		}
		if ch.creator != me.id {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		u, err := c.inputUser(me, r.UserID)
		if err != nil {
			return nil, err
		}
		if !ch.members[u.id] {
			return nil, rpcError(400, "USER_NOT_PARTICIPANT")
		}
		if ch.admins[u.id] == r.IsAdmin {
			return nil, rpcError(400, "CHAT_NOT_MODIFIED")
		}
		ch.admins[u.id] = r.IsAdmin
		ch.version++
		for id := range ch.members {
			if m := w.users[id]; m != nil {
				_, chats := w.render(m, map[peerRef]bool{{'c', ch.id}: true})
				w.push(m, &api.Updates{Updates: []api.UpdateClass{&api.UpdateChatParticipantAdmin{ChatID: ch.id, UserID: u.id,
					IsAdmin: r.IsAdmin, Version: ch.version}}, Users: []api.UserClass{}, Chats: chats, Date: c.now()})
			}
		}
		return boolResult(true), nil
	})
}
