package tdconv

import (
	"context"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	register("sendMessage", (*Layer).sendMessage)
	register("forwardMessages", (*Layer).forwardMessages)
	register("sendInlineQueryResultMessage", (*Layer).sendInlineQueryResultMessage)
	register("sendBotStartMessage", (*Layer).sendBotStartMessage)
}

// A sendSpec is one message on its way: what the pending message shows,
// and the call that sends it.
type sendSpec struct {
	chat    int64
	replyTo int64
	markup  ReplyMarkupClass
	silent  bool
	content MessageContentClass
	// exact says the pending content is what the server will show (text):
	// a short answer (updateShortSentMessage) is completed with it, and
	// otherwise the message is fetched.
	exact  bool
	invoke func(ctx context.Context, randomID int64) (api.UpdatesClass, error)
}

// sendMessage sends a message, as TDLib did: UpdateNewMessage announces the
// message being sent under a temporary id, then UpdateMessageSendSucceeded
// (or UpdateMessageSendFailed) the server's copy; the result is the sent
// message.
func (s *Layer) sendMessage(ctx context.Context, r *SendMessageRequest) (Object, error) {
	spec, err := s.sendSpecOf(ctx, r.ChatID, r.ReplyToMessageID, r.DisableNotification, r.FromBackground,
		r.ReplyMarkup, r.InputMessageContent)
	if err != nil {
		return nil, err
	}
	return s.send(ctx, spec)
}

// send runs a sendSpec.
func (s *Layer) send(ctx context.Context, spec *sendSpec) (*Message, error) {
	s.mu.Lock()
	randomID, tempID := s.beginSend(spec.chat)
	pending := &Message{ID: tempID, ChatID: spec.chat, SenderUserID: s.selfIDLocked(), SendState: &MessageIsBeingSent{},
		CanBeDeleted: true, Date: int64(s.now()), ReplyToMessageID: spec.replyTo, Content: spec.content,
		ReplyMarkup: spec.markup}
	s.mu.Unlock()
	s.emit(&UpdateNewMessage{Message: pending, DisableNotification: spec.silent})
	res, err := spec.invoke(ctx, randomID)
	var sent api.MessageClass
	if err == nil {
		s.absorb(res)
		sent = sentMessage(res, randomID, spec.chat, s.selfID(), pending)
		if short, ok := res.(*api.UpdateShortSentMessage); ok && !spec.exact {
			if got, ferr := s.fetch(ctx, spec.chat, []int32{short.ID}); ferr == nil && got[short.ID] != nil {
				sent = got[short.ID]
			}
		}
		if sent == nil {
			err = tdError(500, "the server's answer has no message")
		}
	}
	if err != nil {
		s.mu.Lock()
		s.endSend(randomID, spec.chat, 0)
		s.mu.Unlock()
		e := errorOf(err)
		s.emit(&UpdateMessageSendFailed{ChatID: spec.chat, MessageID: tempID, ErrorCode: e.Code, ErrorMessage: e.Message})
		return nil, err
	}
	s.mu.Lock()
	m := s.message(sent)
	s.endSend(randomID, spec.chat, ServerMessageID(m.ID))
	s.noteMessage(m, false)
	s.mu.Unlock()
	s.emit(&UpdateMessageSendSucceeded{Message: m, OldMessageID: tempID})
	return m, nil
}

// sentMessage finds the message a send with randomID produced in its
// answer. An updateShortSentMessage carries only the id, date and media:
// the rest comes from the pending message.
func sentMessage(u api.UpdatesClass, randomID, chat, self int64, pending *Message) api.MessageClass {
	var list []api.UpdateClass
	switch x := u.(type) {
	case *api.UpdateShortSentMessage:
		m := &api.Message{Out: true, ID: x.ID, Date: x.Date, Media: x.Media, Entities: x.Entities,
			FromID: &api.PeerUser{UserID: self}}
		m.PeerID = chatPeer(chat)
		if t, ok := pending.Content.(*MessageText); ok {
			m.Message = t.Text
			if m.Entities == nil {
				m.Entities = entitiesBack(t.Entities)
			}
		}
		if pending.ReplyToMessageID != 0 {
			m.ReplyTo = &api.MessageReplyHeader{ReplyToMsgID: someInt32(ServerMessageID(pending.ReplyToMessageID))}
		}
		return m
	case *api.Updates:
		list = x.Updates
	case *api.UpdatesCombined:
		list = x.Updates
	case *api.UpdateShort:
		list = []api.UpdateClass{x.Update}
	}
	var id int32
	for _, up := range list {
		if mid, ok := up.(*api.UpdateMessageID); ok && mid.RandomID == randomID {
			id = mid.ID
		}
	}
	var last api.MessageClass
	for _, up := range list {
		var m api.MessageClass
		switch x := up.(type) {
		case *api.UpdateNewMessage:
			m = x.Message
		case *api.UpdateNewChannelMessage:
			m = x.Message
		default:
			continue
		}
		if _, mid := messageChat(m); id == 0 || mid == id {
			last = m
			if id != 0 {
				break
			}
		}
	}
	return last
}

// entitiesBack converts TD entities back, for the local copy of a message
// sent in the short form (mentions by name keep the bare user id).
func entitiesBack(list []MessageEntityClass) []api.MessageEntityClass {
	out := make([]api.MessageEntityClass, 0, len(list))
	for _, e := range list {
		if m, ok := e.(*MessageEntityMentionName); ok {
			out = append(out, &api.MessageEntityMentionName{Offset: int32(m.Offset), Length: int32(m.Length), UserID: m.UserID})
			continue
		}
		if x := entityAPI(e); x != nil {
			out = append(out, x)
		}
	}
	return out
}

func someInt32(v int32) tl.Opt[int32] { return tl.Some(v) }

// chatPeer is the peer of a TD chat id.
func chatPeer(chat int64) api.PeerClass {
	switch kind, id := SplitChatID(chat); kind {
	case GroupChat:
		return &api.PeerChat{ChatID: id}
	case ChannelChat:
		return &api.PeerChannel{ChannelID: id}
	default:
		return &api.PeerUser{UserID: id}
	}
}

func (s *Layer) selfIDLocked() int64 {
	if s.self == nil {
		return 0
	}
	return s.self.ID
}

// replyTo is the reply header of a send.
func replyTo(id int64) api.InputReplyToClass {
	if id == 0 {
		return nil
	}
	return &api.InputReplyToMessage{ReplyToMsgID: ServerMessageID(id)}
}

// sendSpecOf prepares the sending of an InputMessageContent.
func (s *Layer) sendSpecOf(ctx context.Context, chat, reply int64, silent, background bool, markup ReplyMarkupClass,
	content InputMessageContentClass) (*sendSpec, error) {
	if content == nil {
		return nil, tdError(400, "Message content must be non-empty")
	}
	peer, err := s.c.InputPeer(ctx, chat)
	if err != nil {
		return nil, err
	}
	spec := &sendSpec{chat: chat, replyTo: reply, markup: markup, silent: silent}
	apiMarkup := replyMarkupAPI(markup)
	switch x := content.(type) {
	case *InputMessageText:
		text, entities, err := s.formatted(ctx, x.Text, x.Entities, x.ParseMode)
		if err != nil {
			return nil, err
		}
		spec.content = &MessageText{Text: text, Entities: entitiesTD(entities)}
		spec.exact = true
		spec.invoke = func(ctx context.Context, randomID int64) (api.UpdatesClass, error) {
			return call(ctx, s, &api.MessagesSendMessageRequest{Peer: peer, Message: text, Entities: entities,
				NoWebpage: x.DisableWebPagePreview, ClearDraft: x.ClearDraft, Silent: silent, Background: background,
				ReplyTo: replyTo(reply), ReplyMarkup: apiMarkup, RandomID: randomID})
		}
		return spec, nil
	case *InputMessageForwarded:
		from, err := s.c.InputPeer(ctx, x.FromChatID)
		if err != nil {
			return nil, err
		}
		spec.content = &MessageText{Entities: []MessageEntityClass{}}
		spec.invoke = func(ctx context.Context, randomID int64) (api.UpdatesClass, error) {
			return call(ctx, s, &api.MessagesForwardMessagesRequest{FromPeer: from, ID: []int32{ServerMessageID(x.MessageID)},
				RandomID: []int64{randomID}, ToPeer: peer, Silent: silent, Background: background, WithMyScore: x.InGameShare})
		}
		return spec, nil
	}
	media, caption, shown, err := s.inputMedia(ctx, content)
	if err != nil {
		return nil, err
	}
	spec.content = shown
	spec.invoke = func(ctx context.Context, randomID int64) (api.UpdatesClass, error) {
		return call(ctx, s, &api.MessagesSendMediaRequest{Peer: peer, Media: media, Message: caption, Silent: silent,
			Background: background, ReplyTo: replyTo(reply), ReplyMarkup: apiMarkup, RandomID: randomID})
	}
	return spec, nil
}

// formatted applies a parse mode, or converts the entities given.
func (s *Layer) formatted(ctx context.Context, text string, entities []MessageEntityClass, mode TextParseModeClass) (string, []api.MessageEntityClass, error) {
	switch mode.(type) {
	case *TextParseModeMarkdown:
		t, e, err := s.c.ParseMode("markdown", text)
		if err != nil {
			return "", nil, tdError(400, "Can't parse message text: %v", err)
		}
		return t, e, nil
	case *TextParseModeHTML:
		t, e, err := s.c.ParseMode("html", text)
		if err != nil {
			return "", nil, tdError(400, "Can't parse message text: %v", err)
		}
		return t, e, nil
	}
	e, err := s.entitiesAPI(ctx, entities)
	return text, e, err
}

// forwardMessages forwards messages one send each, so that every one gets
// its own temporary id and UpdateMessageSendSucceeded; the result lists
// them in order (a message that could not be forwarded is nil).
func (s *Layer) forwardMessages(ctx context.Context, r *ForwardMessagesRequest) (Object, error) {
	out := &Messages{Messages: make([]*Message, 0, len(r.MessageIDs))}
	for _, id := range r.MessageIDs {
		spec, err := s.sendSpecOf(ctx, r.ChatID, 0, r.DisableNotification, r.FromBackground, nil,
			&InputMessageForwarded{FromChatID: r.FromChatID, MessageID: id})
		if err != nil {
			return nil, err
		}
		m, err := s.send(ctx, spec)
		if err != nil && len(r.MessageIDs) == 1 {
			return nil, err
		}
		out.Messages = append(out.Messages, m)
	}
	out.TotalCount = int64(len(out.Messages))
	return out, nil
}

func (s *Layer) sendInlineQueryResultMessage(ctx context.Context, r *SendInlineQueryResultMessageRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	spec := &sendSpec{chat: r.ChatID, replyTo: r.ReplyToMessageID, silent: r.DisableNotification,
		content: &MessageText{Entities: []MessageEntityClass{}}}
	spec.invoke = func(ctx context.Context, randomID int64) (api.UpdatesClass, error) {
		return call(ctx, s, &api.MessagesSendInlineBotResultRequest{Peer: peer, QueryID: r.QueryID, ID: r.ResultID,
			RandomID: randomID, Silent: r.DisableNotification, Background: r.FromBackground, ReplyTo: replyTo(r.ReplyToMessageID)})
	}
	return s.send(ctx, spec)
}

func (s *Layer) sendBotStartMessage(ctx context.Context, r *SendBotStartMessageRequest) (Object, error) {
	bot, err := s.c.InputUser(ctx, r.BotUserID)
	if err != nil {
		return nil, err
	}
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	text := "/start"
	if r.Parameter != "" {
		text += " " + r.Parameter
	}
	spec := &sendSpec{chat: r.ChatID, content: &MessageText{Text: text, Entities: []MessageEntityClass{}}}
	spec.invoke = func(ctx context.Context, randomID int64) (api.UpdatesClass, error) {
		return call(ctx, s, &api.MessagesStartBotRequest{Bot: bot, Peer: peer, RandomID: randomID, StartParam: r.Parameter})
	}
	return s.send(ctx, spec)
}
