package tdconv

import (
	"context"
	"fmt"

	"github.com/luagram/luagram/tl/api"
)

// Start announces the account to the scripts, as TDLib did when it
// started: UpdateOption my_id, then UpdateChat for the chats of the dialog
// list (up to limit, newest first). Users and groups come before the chats
// they belong to (UpdateUser, UpdateGroup, UpdateChannel).
func (s *Layer) Start(ctx context.Context, limit int) error {
	me, err := s.getMe(ctx, &GetMeRequest{})
	if err != nil {
		return fmt.Errorf("tdconv: getting the account: %w", err)
	}
	s.emit(&UpdateOption{Name: "my_id", Value: &OptionInteger{Value: me.(*User).ID}})
	if limit <= 0 {
		return nil
	}
	if _, err := s.getChats(ctx, &GetChatsRequest{OffsetOrder: 1<<63 - 1, Limit: int64(limit)}); err != nil {
		return fmt.Errorf("tdconv: getting the chat list: %w", err)
	}
	return nil
}

// Update turns one MTProto update, with the users and chats that came with
// it, into TD updates, which it emits. Unknown updates are dropped.
func (s *Layer) Update(u api.UpdateClass, users []api.UserClass, chats []api.ChatClass) {
	s.learn(users, chats)
	s.mu.Lock()
	out, fetch := s.stickerUpdates(u)
	switch x := u.(type) {
	case *api.UpdateNewMessage:
		out = s.newMessage(x.Message)
	case *api.UpdateNewChannelMessage:
		out = s.newMessage(x.Message)
	case *api.UpdateEditMessage:
		out = s.editedMessage(x.Message)
	case *api.UpdateEditChannelMessage:
		out = s.editedMessage(x.Message)
	case *api.UpdateMessageID:
		if snd, ok := s.sends.byRandom[x.RandomID]; ok {
			s.sends.own.add(msgKey{snd.chat, x.ID})
		}
	case *api.UpdateDeleteMessages:
		byChat := map[int64][]int64{}
		var order []int64
		for _, id := range x.Messages {
			chat := s.places.chat[id]
			if s.sends.deleted.remove(msgKey{chat, id}) {
				continue // DeleteMessages: TDLib announced nothing
			}
			if _, seen := byChat[chat]; !seen {
				order = append(order, chat)
			}
			byChat[chat] = append(byChat[chat], MessageID(id))
		}
		for _, chat := range order {
			out = append(out, &UpdateDeleteMessages{ChatID: chat, MessageIDs: byChat[chat]})
		}
	case *api.UpdateDeleteChannelMessages:
		chat := ChannelChatID(x.ChannelID)
		var ids []int64
		for _, id := range x.Messages {
			if !s.sends.deleted.remove(msgKey{chat, id}) {
				ids = append(ids, MessageID(id))
			}
		}
		if len(ids) > 0 {
			out = append(out, &UpdateDeleteMessages{ChatID: chat, MessageIDs: ids})
		}
	case *api.UpdateReadHistoryInbox:
		out = s.readInbox(peerChatID(x.Peer), x.MaxID, x.StillUnreadCount)
	case *api.UpdateReadChannelInbox:
		out = s.readInbox(ChannelChatID(x.ChannelID), x.MaxID, x.StillUnreadCount)
	case *api.UpdateReadHistoryOutbox:
		out = s.readOutbox(peerChatID(x.Peer), x.MaxID)
	case *api.UpdateReadChannelOutbox:
		out = s.readOutbox(ChannelChatID(x.ChannelID), x.MaxID)
	case *api.UpdateUserStatus:
		if cu := s.users[x.UserID]; cu != nil {
			cp := *cu
			cp.Status = x.Status
			s.users[x.UserID] = &cp
		}
		out = append(out, &UpdateUserStatus{UserID: x.UserID, Status: userStatus(x.Status)})
	case *api.UpdateUserName:
		if cu := s.users[x.UserID]; cu != nil {
			cp := *cu
			cp.FirstName, cp.LastName = optString(x.FirstName), optString(x.LastName)
			cp.Username = optString("")
			for _, un := range x.Usernames {
				if un.Active {
					cp.Username = optString(un.Username)
					break
				}
			}
			cp.Usernames = x.Usernames
			s.users[x.UserID] = &cp
			out = append(out, &UpdateUser{User: s.user(&cp)})
		}
	case *api.UpdateUserPhone:
		if cu := s.users[x.UserID]; cu != nil {
			cp := *cu
			cp.Phone = optString(x.Phone)
			s.users[x.UserID] = &cp
			if cu.Self {
				s.self = &cp
			}
			out = append(out, &UpdateUser{User: s.user(&cp)})
		}
	case *api.UpdateDraftMessage:
		chat := peerChatID(x.Peer)
		d := draftTD(x.Draft)
		s.dialog(chat).draft = d
		out = append(out, &UpdateChatDraftMessage{ChatID: chat, DraftMessage: d})
	case *api.UpdateNotifySettings:
		n := s.notificationSettingsTD(&x.NotifySettings)
		var scope NotificationSettingsScopeClass
		switch p := x.Peer.(type) {
		case *api.NotifyPeer:
			chat := peerChatID(p.Peer)
			s.dialog(chat).notify = n
			scope = &NotificationSettingsForChat{ChatID: chat}
		case *api.NotifyUsers:
			scope = &NotificationSettingsForPrivateChats{}
		case *api.NotifyChats, *api.NotifyBroadcasts:
			scope = &NotificationSettingsForGroupChats{}
		}
		if scope != nil {
			out = append(out, &UpdateNotificationSettings{Scope: scope, NotificationSettings: n})
		}
	case *api.UpdatePrivacy:
		if k := privacyKeyTD(x.Key); k != nil {
			out = append(out, &UpdatePrivacy{Key: k, Rules: privacyRulesTD(x.Rules)})
		}
	case *api.UpdatePeerBlocked:
		if id := peerUserID(x.PeerID); id != 0 {
			out = append(out, &UpdateUserBlocked{UserID: id, IsBlocked: x.Blocked})
		}
	case *api.UpdateUserTyping:
		out = append(out, &UpdateUserAction{ChatID: x.UserID, UserID: x.UserID, Action: actionTD(x.Action)})
	case *api.UpdateChatUserTyping:
		out = append(out, &UpdateUserAction{ChatID: GroupChatID(x.ChatID), UserID: peerUserID(x.FromID), Action: actionTD(x.Action)})
	case *api.UpdateChannelUserTyping:
		out = append(out, &UpdateUserAction{ChatID: ChannelChatID(x.ChannelID), UserID: peerUserID(x.FromID), Action: actionTD(x.Action)})
	case *api.UpdateChannelMessageViews:
		out = append(out, &UpdateMessageViews{ChatID: ChannelChatID(x.ChannelID), MessageID: MessageID(x.ID), Views: int64(x.Views)})
	case *api.UpdateBotCallbackQuery:
		out = append(out, &UpdateNewCallbackQuery{ID: x.QueryID, SenderUserID: x.UserID, ChatID: peerChatID(x.Peer),
			MessageID: MessageID(x.MsgID), ChatInstance: x.ChatInstance, Payload: callbackPayload(x.Data, x.GameShortName.Value)})
	case *api.UpdateInlineBotCallbackQuery:
		out = append(out, &UpdateNewInlineCallbackQuery{ID: x.QueryID, SenderUserID: x.UserID, InlineMessageID: inlineMessageID(x.MsgID),
			ChatInstance: x.ChatInstance, Payload: callbackPayload(x.Data, x.GameShortName.Value)})
	case *api.UpdateBotInlineQuery:
		q := &UpdateNewInlineQuery{ID: x.QueryID, SenderUserID: x.UserID, Query: x.Query, Offset: x.Offset}
		if x.Geo != nil {
			q.UserLocation = location(x.Geo)
		}
		out = append(out, q)
	case *api.UpdateBotInlineSend:
		r := &UpdateNewChosenInlineResult{SenderUserID: x.UserID, Query: x.Query, ResultID: x.ID, InlineMessageID: inlineMessageID(x.MsgID)}
		if x.Geo != nil {
			r.UserLocation = location(x.Geo)
		}
		out = append(out, r)
	case *api.UpdateChannel:
		if c := s.channels[x.ChannelID]; c != nil && !s.announcedChannel(x.ChannelID, chats) {
			out = append(out, &UpdateChannel{Channel: s.channel(c)})
		}
	case *api.UpdatePinnedChannelMessages:
		if x.Pinned && len(x.Messages) > 0 {
			s.dialog(ChannelChatID(x.ChannelID)).pinned = x.Messages[len(x.Messages)-1]
		}
	}
	s.mu.Unlock()
	for _, o := range out {
		s.emit(o)
	}
	if fetch != nil {
		s.runStickerFetch(fetch)
	}
}

// announcedChannel reports whether the chats of an update hold the
// channel (learn has announced it then, if it changed).
func (s *Layer) announcedChannel(id int64, chats []api.ChatClass) bool {
	for _, c := range chats {
		if ch, ok := c.(*api.Channel); ok && ch.ID == id {
			return true
		}
	}
	return false
}

func callbackPayload(data []byte, game string) CallbackQueryPayloadClass {
	if game != "" {
		return &CallbackQueryGame{GameShortName: game}
	}
	return &CallbackQueryData{Data: data}
}

// newMessage turns a new message into UpdateChat (a chat seen for the
// first time), UpdateNewMessage, UpdateChatTopMessage and UpdateChatOrder.
// A message this Layer sent is announced by its send, not here. Call with
// s.mu held.
func (s *Layer) newMessage(mc api.MessageClass) []Object {
	chat, id := messageChat(mc)
	if s.sends.own.remove(msgKey{chat, id}) {
		return nil
	}
	m := s.message(mc)
	if m == nil {
		return nil
	}
	var out []Object
	if up := s.ensureChat(chat); up != nil {
		out = append(out, up)
	}
	silent := false
	if x, ok := mc.(*api.Message); ok {
		silent = x.Silent
	}
	_, incoming := m.SendState.(*MessageIsIncoming)
	out = append(out, &UpdateNewMessage{Message: m, DisableNotification: silent})
	if s.noteMessage(m, incoming) {
		d := s.dialogs[chat]
		out = append(out, &UpdateChatTopMessage{ChatID: chat, TopMessage: m}, &UpdateChatOrder{ChatID: chat, Order: d.order})
	}
	return out
}

// editedMessage announces an edit: UpdateMessageContent with the new
// content, then UpdateMessageEdited. Call with s.mu held.
func (s *Layer) editedMessage(mc api.MessageClass) []Object {
	m := s.message(mc)
	if m == nil {
		return nil
	}
	if d := s.dialogs[m.ChatID]; d != nil && d.top != nil && d.top.ID == m.ID {
		d.top = m
	}
	return []Object{
		&UpdateMessageContent{ChatID: m.ChatID, MessageID: m.ID, NewContent: m.Content},
		&UpdateMessageEdited{ChatID: m.ChatID, MessageID: m.ID, EditDate: m.EditDate, ReplyMarkup: m.ReplyMarkup},
	}
}

// readInbox records that incoming messages up to maxID were read. Call
// with s.mu held.
func (s *Layer) readInbox(chat int64, maxID, unread int32) []Object {
	d := s.dialog(chat)
	d.readInbox, d.unread = maxID, unread
	return []Object{&UpdateChatReadInbox{ChatID: chat, LastReadInboxMessageID: MessageID(maxID), UnreadCount: int64(unread)}}
}

// readOutbox records that the other side read our messages up to maxID.
// Call with s.mu held.
func (s *Layer) readOutbox(chat int64, maxID int32) []Object {
	s.dialog(chat).readOutbox = maxID
	return []Object{&UpdateChatReadOutbox{ChatID: chat, LastReadOutboxMessageID: MessageID(maxID)}}
}

// Snapshot returns what a script that starts now should learn first, as
// TDLib told a client at start: UpdateOption my_id, then UpdateChat for
// every chat announced so far, in chat list order.
func (s *Layer) Snapshot() []Object {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Object
	if s.self != nil {
		out = append(out, &UpdateOption{Name: "my_id", Value: &OptionInteger{Value: s.self.ID}})
	}
	var chats []*Chat
	for id := range s.known {
		if c := s.chat(id); c != nil {
			chats = append(chats, c)
		}
	}
	sortChats(chats)
	for _, c := range chats {
		out = append(out, &UpdateChat{Chat: c})
	}
	return out
}
