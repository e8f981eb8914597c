package tdconv

import (
	"github.com/luagram/luagram/tl/api"
)

// peerChatID returns the TD chat id of a peer.
func peerChatID(p api.PeerClass) int64 {
	switch x := p.(type) {
	case *api.PeerUser:
		return x.UserID
	case *api.PeerChat:
		return GroupChatID(x.ChatID)
	case *api.PeerChannel:
		return ChannelChatID(x.ChannelID)
	}
	return 0
}

// peerUserID returns the user of a peer, 0 for chats and channels.
func peerUserID(p api.PeerClass) int64 {
	if u, ok := p.(*api.PeerUser); ok {
		return u.UserID
	}
	return 0
}

// messageChat returns the TD chat id and server id of a message.
func messageChat(m api.MessageClass) (int64, int32) {
	switch x := m.(type) {
	case *api.Message:
		return peerChatID(x.PeerID), x.ID
	case *api.MessageService:
		return peerChatID(x.PeerID), x.ID
	case *api.MessageEmpty:
		if x.PeerID != nil {
			return peerChatID(x.PeerID), x.ID
		}
	}
	return 0, 0
}

// message converts an MTProto message; nil for an empty one. Call with
// s.mu held.
func (s *Layer) message(mc api.MessageClass) *Message {
	switch m := mc.(type) {
	case *api.Message:
		return s.textMessage(m)
	case *api.MessageService:
		return s.serviceMessage(m)
	}
	return nil
}

func (s *Layer) textMessage(m *api.Message) *Message {
	chat := peerChatID(m.PeerID)
	t := &Message{
		ID: MessageID(m.ID), ChatID: chat, SenderUserID: s.sender(m.Out, m.FromID, m.PeerID, m.Post),
		IsPost: m.Post, Date: int64(m.Date), EditDate: int64(m.EditDate.Value), Views: int64(m.Views.Value),
		ViaBotUserID: m.ViaBotID.Value, TTL: int64(m.TTLPeriod.Value),
		ForwardInfo: s.forwardInfo(m.FwdFrom), Content: s.content(m), ReplyMarkup: replyMarkupTD(m.ReplyMarkup),
	}
	if rh, ok := m.ReplyTo.(*api.MessageReplyHeader); ok && rh.ReplyToMsgID.Set {
		t.ReplyToMessageID = MessageID(rh.ReplyToMsgID.Value)
	}
	if m.Out {
		t.SendState = &MessageIsSuccessfullySent{}
	} else {
		t.SendState = &MessageIsIncoming{}
	}
	t.CanBeEdited, t.CanBeDeleted = s.rights(chat, m.Out, m.FromID, m.Date, m.Media)
	if !isChannel(chat) {
		s.places.put(m.ID, chat)
	}
	return t
}

func (s *Layer) serviceMessage(m *api.MessageService) *Message {
	chat := peerChatID(m.PeerID)
	t := &Message{
		ID: MessageID(m.ID), ChatID: chat, SenderUserID: s.sender(m.Out, m.FromID, m.PeerID, m.Post),
		IsPost: m.Post, Date: int64(m.Date), Content: s.actionContent(chat, m),
	}
	if rh, ok := m.ReplyTo.(*api.MessageReplyHeader); ok && rh.ReplyToMsgID.Set {
		t.ReplyToMessageID = MessageID(rh.ReplyToMsgID.Value)
	}
	if m.Out {
		t.SendState = &MessageIsSuccessfullySent{}
	} else {
		t.SendState = &MessageIsIncoming{}
	}
	_, t.CanBeDeleted = s.rights(chat, m.Out, m.FromID, m.Date, nil)
	if !isChannel(chat) {
		s.places.put(m.ID, chat)
	}
	return t
}

func isChannel(chat int64) bool { return chat < -channelOffset }

// sender is the user who sent a message: its from_id, or the other party
// of a private chat, or the account itself for its own messages; 0 for
// unsigned channel posts.
func (s *Layer) sender(out bool, from, peer api.PeerClass, post bool) int64 {
	if id := peerUserID(from); id != 0 {
		return id
	}
	if out && s.self != nil && !post {
		return s.self.ID
	}
	if !post {
		return peerUserID(peer)
	}
	return 0
}

// editWindow is how long a user may edit its messages (config
// edit_time_limit).
const editWindow = 48 * 3600

// rights says whether the account may edit and delete a message: its own
// messages within the edit window (channels: editors at any time), and in
// groups and channels what an administrator may delete.
func (s *Layer) rights(chat int64, out bool, from api.PeerClass, date int32, media api.MessageMediaClass) (edit, del bool) {
	bot := s.self != nil && s.self.Bot
	fresh := bot || s.now()-date < editWindow
	kind, id := SplitChatID(chat)
	switch kind {
	case PrivateChat:
		return out && fresh && editable(media), !bot || out
	case GroupChat:
		admin := false
		if g := s.groups[id]; g != nil {
			admin = g.Creator || g.AdminRights != nil
		}
		return out && fresh && editable(media), out || admin
	}
	ch := s.channels[id]
	if ch == nil {
		return out && fresh, out
	}
	canEdit := ch.Creator || ch.AdminRights != nil && ch.AdminRights.EditMessages
	canDelete := ch.Creator || ch.AdminRights != nil && ch.AdminRights.DeleteMessages
	if !ch.Megagroup {
		return (out || canEdit) && editable(media), out || canDelete
	}
	return out && fresh && editable(media), out || canDelete
}

// editable reports whether a message with this media can have its text or
// caption edited.
func editable(m api.MessageMediaClass) bool {
	switch m.(type) {
	case nil, *api.MessageMediaPhoto, *api.MessageMediaDocument, *api.MessageMediaWebPage, *api.MessageMediaGame, *api.MessageMediaEmpty:
		return true
	}
	return false
}

func (s *Layer) forwardInfo(f *api.MessageFwdHeader) MessageForwardInfoClass {
	if f == nil {
		return nil
	}
	switch from := f.FromID.(type) {
	case *api.PeerChannel:
		return &MessageForwardedPost{ChatID: ChannelChatID(from.ChannelID), Date: int64(f.Date),
			MessageID: MessageID(f.ChannelPost.Value)}
	case *api.PeerUser:
		return &MessageForwardedFromUser{SenderUserID: from.UserID, Date: int64(f.Date)}
	case *api.PeerChat:
		return &MessageForwardedPost{ChatID: GroupChatID(from.ChatID), Date: int64(f.Date)}
	}
	// A hidden sender ("from_name" only): TDLib's day knew no such thing;
	// the closest is a user it cannot name.
	return &MessageForwardedFromUser{Date: int64(f.Date)}
}

// Message converts an MTProto message for a caller outside the package
// (tests, tools).
func (s *Layer) Message(m api.MessageClass) *Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.message(m)
}
