package client

import (
	"context"
	"time"

	"github.com/luagram/luagram/storage"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Info describes a peer the way MadelineProto's get_info does: its type,
// bot-API id and input forms, and the object itself.
type Info struct {
	Type         string // "user", "bot", "chat", "supergroup" or "channel"
	BotAPIID     int64
	InputPeer    api.InputPeerClass
	InputUser    api.InputUserClass    // users and bots
	InputChannel api.InputChannelClass // supergroups and channels
	User         *api.User
	Chat         api.ChatClass
}

// GetInfo resolves a peer (any form InputPeer accepts) and describes it.
func (c *Client) GetInfo(ctx context.Context, v any) (*Info, error) {
	in, err := c.InputPeer(ctx, v)
	if err != nil {
		return nil, err
	}
	info := &Info{InputPeer: in}
	switch x := in.(type) {
	case *api.InputPeerSelf:
		self, err := c.GetSelf(ctx)
		if err != nil {
			return nil, err
		}
		info.Type, info.BotAPIID, info.User, info.InputUser = userType(self), self.ID, self, &api.InputUserSelf{}
	case *api.InputPeerUser:
		users, err := Call(ctx, c, &api.UsersGetUsersRequest{ID: []api.InputUserClass{&api.InputUser{UserID: x.UserID, AccessHash: x.AccessHash}}})
		if err != nil {
			return nil, err
		}
		u, ok := first(users).(*api.User)
		if !ok {
			return nil, &PeerError{Query: "user", Reason: "not found"}
		}
		info.Type, info.BotAPIID, info.User = userType(u), u.ID, u
		info.InputUser = &api.InputUser{UserID: x.UserID, AccessHash: x.AccessHash}
	case *api.InputPeerChat:
		info.Type, info.BotAPIID = "chat", storage.MarkedID(storage.PeerChat, x.ChatID)
		if p, ok := c.peers.ByID(storage.PeerChat, x.ChatID); ok {
			info.Chat = &api.Chat{ID: p.ID, Title: p.Title}
		}
	case *api.InputPeerChannel:
		info.BotAPIID = storage.MarkedID(storage.PeerChannel, x.ChannelID)
		info.InputChannel = &api.InputChannel{ChannelID: x.ChannelID, AccessHash: x.AccessHash}
		chats, err := Call(ctx, c, &api.ChannelsGetChannelsRequest{ID: []api.InputChannelClass{info.InputChannel}})
		if err != nil {
			return nil, err
		}
		info.Type = "channel"
		if res, ok := chats.(*api.MessagesChats); ok && len(res.Chats) > 0 {
			info.Chat = res.Chats[0]
			if ch, ok := res.Chats[0].(*api.Channel); ok && ch.Megagroup {
				info.Type = "supergroup"
			}
		}
	}
	return info, nil
}

func first(list []api.UserClass) api.UserClass {
	if len(list) == 0 {
		return nil
	}
	return list[0]
}

func userType(u *api.User) string {
	if u.Bot {
		return "bot"
	}
	return "user"
}

// cachedFull is a users.getFullUser (or channel/chat full) answer kept for
// peer.full_info_cache_time.
type cachedFull struct {
	obj tl.Object
	at  time.Time
}

// GetFullInfo returns users.userFull, messages.chatFull (basic groups and
// channels), cached for peer.full_info_cache_time seconds.
func (c *Client) GetFullInfo(ctx context.Context, v any) (tl.Object, error) {
	info, err := c.GetInfo(ctx, v)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	cached, ok := c.full[info.BotAPIID]
	c.mu.Unlock()
	if ok && c.cfg.Now().Sub(cached.at) < time.Duration(c.set.Peer.FullInfoCacheTime)*time.Second {
		return cached.obj, nil
	}
	var obj tl.Object
	switch {
	case info.InputUser != nil:
		obj, err = Call(ctx, c, &api.UsersGetFullUserRequest{ID: info.InputUser})
	case info.InputChannel != nil:
		obj, err = Call(ctx, c, &api.ChannelsGetFullChannelRequest{Channel: info.InputChannel})
	default:
		obj, err = Call(ctx, c, &api.MessagesGetFullChatRequest{ChatID: -info.BotAPIID})
	}
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.full[info.BotAPIID] = cachedFull{obj: obj, at: c.cfg.Now()}
	c.mu.Unlock()
	return obj, nil
}

// GetDialogs returns every dialog, fetching pages of msg_array_limit.dialogs
// until the server has no more.
func (c *Client) GetDialogs(ctx context.Context) ([]api.DialogClass, error) {
	var all []api.DialogClass
	var offsetDate, offsetID int32
	var offsetPeer api.InputPeerClass = &api.InputPeerEmpty{}
	limit := int32(c.set.MsgArrayLimit.Dialogs)
	seen := map[int64]bool{}
	for range 10000 {
		res, err := Call(ctx, c, &api.MessagesGetDialogsRequest{OffsetDate: offsetDate, OffsetID: offsetID, OffsetPeer: offsetPeer, Limit: limit})
		if err != nil {
			return nil, err
		}
		var dialogs []api.DialogClass
		var msgs []api.MessageClass
		last := false
		switch d := res.(type) {
		case *api.MessagesDialogs:
			dialogs, msgs, last = d.Dialogs, d.Messages, true
		case *api.MessagesDialogsSlice:
			dialogs, msgs = d.Dialogs, d.Messages
		case *api.MessagesDialogsNotModified:
			return all, nil
		}
		added := 0
		for _, dl := range dialogs {
			if d, ok := dl.(*api.Dialog); ok {
				id := peerMarkedID(d.Peer)
				if seen[id] {
					continue
				}
				seen[id] = true
			}
			all = append(all, dl)
			added++
		}
		if last || len(dialogs) < int(limit) || added == 0 {
			return all, nil
		}
		// The next page starts after the last dialog's top message.
		lastDialog, _ := dialogs[len(dialogs)-1].(*api.Dialog)
		if lastDialog == nil {
			return all, nil
		}
		offsetID = lastDialog.TopMessage
		for _, m := range msgs {
			if mm, ok := m.(*api.Message); ok && mm.ID == lastDialog.TopMessage && peerMarkedID(mm.PeerID) == peerMarkedID(lastDialog.Peer) {
				offsetDate = mm.Date
			}
		}
		if p, err := c.inputPeerByID(peerMarkedID(lastDialog.Peer), "dialog"); err == nil {
			offsetPeer = p
		}
	}
	return all, nil
}

// PwrChat is get_pwr_chat's answer: a chat with its participants.
type PwrChat struct {
	Info         *Info
	Full         tl.Object // users.userFull or messages.chatFull
	Participants []api.ChannelParticipantClass
	Users        []api.UserClass
}

// GetPwrChat describes a chat fully: its info, full info and, for groups
// and channels, every participant (fetched in pages of
// msg_array_limit.participants).
func (c *Client) GetPwrChat(ctx context.Context, v any) (*PwrChat, error) {
	info, err := c.GetInfo(ctx, v)
	if err != nil {
		return nil, err
	}
	full, err := c.GetFullInfo(ctx, v)
	if err != nil {
		return nil, err
	}
	pc := &PwrChat{Info: info, Full: full}
	switch {
	case info.InputChannel != nil:
		limit := int32(c.set.MsgArrayLimit.Participants)
		for offset := int32(0); ; {
			res, err := Call(ctx, c, &api.ChannelsGetParticipantsRequest{Channel: info.InputChannel,
				Filter: &api.ChannelParticipantsRecent{}, Offset: offset, Limit: limit})
			if err != nil {
				return nil, err
			}
			page, ok := res.(*api.ChannelsChannelParticipants)
			if !ok || len(page.Participants) == 0 {
				break
			}
			pc.Participants = append(pc.Participants, page.Participants...)
			pc.Users = append(pc.Users, page.Users...)
			offset += int32(len(page.Participants))
			if offset >= page.Count {
				break
			}
		}
	case info.Type == "chat":
		if cf, ok := full.(*api.MessagesChatFull); ok {
			pc.Users = cf.Users
		}
	}
	return pc, nil
}
