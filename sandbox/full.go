package sandbox

import (
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.ChannelsGetChannelsRequestTypeID] = (*call).channelsGetChannels
	handlers[api.ChannelsGetFullChannelRequestTypeID] = (*call).channelsGetFullChannel
	handlers[api.MessagesGetFullChatRequestTypeID] = (*call).messagesGetFullChat
	handlers[api.MessagesGetChatsRequestTypeID] = (*call).messagesGetChats
}

func (c *call) channelsGetChannels(q tl.Object) (any, error) {
	r := q.(*api.ChannelsGetChannelsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		refs := map[peerRef]bool{}
		for _, in := range r.ID {
			ch, err := c.inputChannel(me, in)
			if err != nil {
				return nil, err
			}
			refs[peerRef{'C', ch.id}] = true
		}
		_, chats := w.render(me, refs)
		return &api.MessagesChats{Chats: chats}, nil
	})
}

func (c *call) messagesGetChats(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetChatsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		refs := map[peerRef]bool{}
		for _, id := range r.ID {
			if w.chats[id] == nil {
				return nil, rpcError(400, "CHAT_ID_INVALID")
			}
			refs[peerRef{'c', id}] = true
		}
		_, chats := w.render(me, refs)
		return &api.MessagesChats{Chats: chats}, nil
	})
}

func (c *call) channelsGetFullChannel(q tl.Object) (any, error) {
	r := q.(*api.ChannelsGetFullChannelRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		full := &api.ChannelFull{ID: ch.id, About: ch.about, ChatPhoto: &api.PhotoEmpty{}, NotifySettings: api.PeerNotifySettings{},
			BotInfo: []api.BotInfo{}, Pts: ch.box.pts, ParticipantsCount: tl.Some(int32(len(ch.members)))}
		if d := me.dialogs[peerRef{'C', ch.id}]; d != nil {
			full.ReadInboxMaxID, full.UnreadCount = d.readInbox, d.unreadCount
		}
		refs := map[peerRef]bool{{'C', ch.id}: true}
		users, chats := w.render(me, refs)
		return &api.MessagesChatFull{FullChat: full, Chats: chats, Users: users}, nil
	})
}

func (c *call) messagesGetFullChat(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetFullChatRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch := w.chats[r.ChatID]
		if ch == nil || !ch.members[me.id] {
			return nil, rpcError(400, "CHAT_ID_INVALID")
		}
		parts := &api.ChatParticipants{ChatID: ch.id, Version: ch.version}
		refs := map[peerRef]bool{{'c', ch.id}: true}
		for _, id := range keys(ch.members) {
			if id == ch.creator {
				parts.Participants = append(parts.Participants, &api.ChatParticipantCreator{UserID: id})
			} else {
				parts.Participants = append(parts.Participants, &api.ChatParticipant{UserID: id, InviterID: ch.creator, Date: ch.date})
			}
			refs[peerRef{'u', id}] = true
		}
		users, chats := w.render(me, refs)
		return &api.MessagesChatFull{FullChat: &api.ChatFull{ID: ch.id, Participants: parts, NotifySettings: api.PeerNotifySettings{}},
			Chats: chats, Users: users}, nil
	})
}
