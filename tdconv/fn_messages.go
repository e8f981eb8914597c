package tdconv

import (
	"context"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	register("getMessage", (*Layer).getMessage)
	register("getMessages", (*Layer).getMessages)
	register("deleteMessages", (*Layer).deleteMessages)
	register("deleteMessagesFromUser", (*Layer).deleteMessagesFromUser)
	register("editMessageText", (*Layer).editMessageText)
	register("editMessageCaption", (*Layer).editMessageCaption)
	register("editMessageReplyMarkup", (*Layer).editMessageReplyMarkup)
	register("getChatHistory", (*Layer).getChatHistory)
	register("searchChatMessages", (*Layer).searchChatMessages)
	register("searchMessages", (*Layer).searchMessages)
	register("viewMessages", (*Layer).viewMessages)
	register("openMessageContent", (*Layer).openMessageContent)
	register("sendChatAction", (*Layer).sendChatAction)
	register("deleteChatHistory", (*Layer).deleteChatHistory)
}

// countOf returns the total count of a messages.Messages answer.
func countOf(res api.MessagesMessagesClass) int64 {
	switch x := res.(type) {
	case *api.MessagesMessagesSlice:
		return int64(x.Count)
	case *api.MessagesChannelMessages:
		return int64(x.Count)
	}
	return int64(len(api.MessagesOf(res)))
}

// fetch gets messages of a chat by server id.
func (s *Layer) fetch(ctx context.Context, chat int64, ids []int32) (map[int32]api.MessageClass, error) {
	in := make([]api.InputMessageClass, len(ids))
	for i, id := range ids {
		in[i] = &api.InputMessageID{ID: id}
	}
	var res api.MessagesMessagesClass
	var err error
	if kind, id := SplitChatID(chat); kind == ChannelChat {
		ch, cerr := s.c.InputChannel(ctx, id)
		if cerr != nil {
			return nil, cerr
		}
		res, err = call(ctx, s, &api.ChannelsGetMessagesRequest{Channel: ch, ID: in})
	} else {
		res, err = call(ctx, s, &api.MessagesGetMessagesRequest{ID: in})
	}
	if err != nil {
		return nil, err
	}
	out := map[int32]api.MessageClass{}
	for _, m := range api.MessagesOf(res) {
		if c, id := messageChat(m); id != 0 && (c == chat || c == 0) {
			if _, empty := m.(*api.MessageEmpty); !empty {
				out[id] = m
			}
		}
	}
	return out, nil
}

// tdMessages converts a list of messages.
func (s *Layer) tdMessages(list []api.MessageClass, total int64) *Messages {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &Messages{TotalCount: total, Messages: make([]*Message, 0, len(list))}
	for _, m := range list {
		if t := s.message(m); t != nil {
			out.Messages = append(out.Messages, t)
		}
	}
	return out
}

func (s *Layer) getMessage(ctx context.Context, r *GetMessageRequest) (Object, error) {
	id := ServerMessageID(r.MessageID)
	got, err := s.fetch(ctx, r.ChatID, []int32{id})
	if err != nil {
		return nil, err
	}
	m := got[id]
	if m == nil {
		return nil, tdError(404, "Message not found")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.message(m), nil
}

// getMessages answers the messages in the order asked; a message not found
// leaves a hole (nil) at its position, as TDLib returned null.
func (s *Layer) getMessages(ctx context.Context, r *GetMessagesRequest) (Object, error) {
	ids := make([]int32, len(r.MessageIDs))
	for i, id := range r.MessageIDs {
		ids[i] = ServerMessageID(id)
	}
	got, err := s.fetch(ctx, r.ChatID, ids)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &Messages{Messages: make([]*Message, len(ids))}
	for i, id := range ids {
		if m := got[id]; m != nil {
			out.Messages[i] = s.message(m)
			out.TotalCount++
		}
	}
	return out, nil
}

func (s *Layer) deleteMessages(ctx context.Context, r *DeleteMessagesRequest) (Object, error) {
	ids := make([]int32, len(r.MessageIDs))
	s.mu.Lock()
	for i, id := range r.MessageIDs {
		ids[i] = ServerMessageID(id)
		s.sends.deleted.add(msgKey{r.ChatID, ids[i]})
	}
	s.mu.Unlock()
	if kind, id := SplitChatID(r.ChatID); kind == ChannelChat {
		ch, err := s.c.InputChannel(ctx, id)
		if err != nil {
			return nil, err
		}
		if _, err := call(ctx, s, &api.ChannelsDeleteMessagesRequest{Channel: ch, ID: ids}); err != nil {
			return nil, err
		}
		return &Ok{}, nil
	}
	if _, err := call(ctx, s, &api.MessagesDeleteMessagesRequest{Revoke: true, ID: ids}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) deleteMessagesFromUser(ctx context.Context, r *DeleteMessagesFromUserRequest) (Object, error) {
	kind, id := SplitChatID(r.ChatID)
	if kind != ChannelChat {
		return nil, tdError(400, "Chat is not a supergroup")
	}
	ch, err := s.c.InputChannel(ctx, id)
	if err != nil {
		return nil, err
	}
	user, err := s.c.InputPeer(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.ChannelsDeleteParticipantHistoryRequest{Channel: ch, Participant: user}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// edit edits a message and returns it as the server has it now.
func (s *Layer) edit(ctx context.Context, chat, id int64, req *api.MessagesEditMessageRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, chat)
	if err != nil {
		return nil, err
	}
	req.Peer, req.ID = peer, ServerMessageID(id)
	res, err := call(ctx, s, req)
	if err != nil {
		return nil, err
	}
	var list []api.UpdateClass
	switch x := res.(type) {
	case *api.Updates:
		list = x.Updates
	case *api.UpdatesCombined:
		list = x.Updates
	case *api.UpdateShort:
		list = []api.UpdateClass{x.Update}
	}
	for _, u := range list {
		var m api.MessageClass
		switch x := u.(type) {
		case *api.UpdateEditMessage:
			m = x.Message
		case *api.UpdateEditChannelMessage:
			m = x.Message
		default:
			continue
		}
		s.mu.Lock()
		t := s.message(m)
		s.mu.Unlock()
		return t, nil
	}
	return s.getMessage(ctx, &GetMessageRequest{ChatID: chat, MessageID: id})
}

func (s *Layer) editMessageText(ctx context.Context, r *EditMessageTextRequest) (Object, error) {
	in, ok := r.InputMessageContent.(*InputMessageText)
	if !ok {
		return nil, tdError(400, "Input message content type must be InputMessageText")
	}
	text, entities, err := s.formatted(ctx, in.Text, in.Entities, in.ParseMode)
	if err != nil {
		return nil, err
	}
	return s.edit(ctx, r.ChatID, r.MessageID, &api.MessagesEditMessageRequest{Message: tl.Some(text), Entities: entities,
		NoWebpage: in.DisableWebPagePreview, ReplyMarkup: replyMarkupAPI(r.ReplyMarkup)})
}

func (s *Layer) editMessageCaption(ctx context.Context, r *EditMessageCaptionRequest) (Object, error) {
	return s.edit(ctx, r.ChatID, r.MessageID, &api.MessagesEditMessageRequest{Message: tl.Some(r.Caption),
		ReplyMarkup: replyMarkupAPI(r.ReplyMarkup)})
}

func (s *Layer) editMessageReplyMarkup(ctx context.Context, r *EditMessageReplyMarkupRequest) (Object, error) {
	markup := replyMarkupAPI(r.ReplyMarkup)
	if markup == nil {
		markup = &api.ReplyInlineMarkup{Rows: []api.KeyboardButtonRow{}}
	}
	return s.edit(ctx, r.ChatID, r.MessageID, &api.MessagesEditMessageRequest{ReplyMarkup: markup})
}

// getChatHistory returns messages from from_message_id (included; 0 is the
// newest) towards older ones, newest first; a negative offset starts that
// many messages later.
func (s *Layer) getChatHistory(ctx context.Context, r *GetChatHistoryRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	from := ServerMessageID(r.FromMessageID)
	if from != 0 {
		from++
	}
	res, err := call(ctx, s, &api.MessagesGetHistoryRequest{Peer: peer, OffsetID: from, AddOffset: int32(r.Offset), Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	return s.tdMessages(api.MessagesOf(res), countOf(res)), nil
}

// searchFilter maps a SearchMessagesFilter.
func searchFilter(f SearchMessagesFilterClass) api.MessagesFilterClass {
	switch f.(type) {
	case *SearchMessagesFilterAnimation:
		return &api.InputMessagesFilterGIF{}
	case *SearchMessagesFilterAudio:
		return &api.InputMessagesFilterMusic{}
	case *SearchMessagesFilterDocument:
		return &api.InputMessagesFilterDocument{}
	case *SearchMessagesFilterPhoto:
		return &api.InputMessagesFilterPhotos{}
	case *SearchMessagesFilterVideo:
		return &api.InputMessagesFilterVideo{}
	case *SearchMessagesFilterVoice:
		return &api.InputMessagesFilterVoice{}
	case *SearchMessagesFilterPhotoAndVideo:
		return &api.InputMessagesFilterPhotoVideo{}
	case *SearchMessagesFilterURL:
		return &api.InputMessagesFilterURL{}
	case *SearchMessagesFilterChatPhoto:
		return &api.InputMessagesFilterChatPhotos{}
	}
	return &api.InputMessagesFilterEmpty{}
}

func (s *Layer) searchChatMessages(ctx context.Context, r *SearchChatMessagesRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	res, err := call(ctx, s, &api.MessagesSearchRequest{Peer: peer, Q: r.Query, Filter: searchFilter(r.Filter),
		OffsetID: ServerMessageID(r.FromMessageID), Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	return s.tdMessages(api.MessagesOf(res), countOf(res)), nil
}

func (s *Layer) searchMessages(ctx context.Context, r *SearchMessagesRequest) (Object, error) {
	offsetPeer := api.InputPeerClass(&api.InputPeerEmpty{})
	if r.OffsetChatID != 0 {
		p, err := s.c.InputPeer(ctx, r.OffsetChatID)
		if err != nil {
			return nil, err
		}
		offsetPeer = p
	}
	limit := r.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	res, err := call(ctx, s, &api.MessagesSearchGlobalRequest{Q: r.Query, Filter: &api.InputMessagesFilterEmpty{},
		OffsetRate: int32(r.OffsetDate), OffsetPeer: offsetPeer, OffsetID: ServerMessageID(r.OffsetMessageID), Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	return s.tdMessages(api.MessagesOf(res), countOf(res)), nil
}

// viewMessages marks messages as read; in channels it also counts the
// views, and announces the new counts with UpdateMessageViews.
func (s *Layer) viewMessages(ctx context.Context, r *ViewMessagesRequest) (Object, error) {
	if len(r.MessageIDs) == 0 {
		return &Ok{}, nil
	}
	ids := make([]int32, len(r.MessageIDs))
	var max int32
	for i, id := range r.MessageIDs {
		ids[i] = ServerMessageID(id)
		max = maxInt32(max, ids[i])
	}
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	if kind, id := SplitChatID(r.ChatID); kind == ChannelChat {
		ch, err := s.c.InputChannel(ctx, id)
		if err != nil {
			return nil, err
		}
		if _, err := call(ctx, s, &api.ChannelsReadHistoryRequest{Channel: ch, MaxID: max}); err != nil {
			return nil, err
		}
		views, err := call(ctx, s, &api.MessagesGetMessagesViewsRequest{Peer: peer, ID: ids, Increment: true})
		if err != nil {
			return nil, err
		}
		for i, v := range views.Views {
			if i < len(ids) && v.Views.Set {
				s.emit(&UpdateMessageViews{ChatID: r.ChatID, MessageID: MessageID(ids[i]), Views: int64(v.Views.Value)})
			}
		}
	} else if _, err := call(ctx, s, &api.MessagesReadHistoryRequest{Peer: peer, MaxID: max}); err != nil {
		return nil, err
	}
	s.mu.Lock()
	d := s.dialog(r.ChatID)
	changed := max > d.readInbox
	if changed {
		d.readInbox, d.unread = max, 0
	}
	s.mu.Unlock()
	if changed {
		s.emit(&UpdateChatReadInbox{ChatID: r.ChatID, LastReadInboxMessageID: MessageID(max)})
	}
	return &Ok{}, nil
}

func maxInt32(a, b int32) int32 {
	if a > b {
		return a
	}
	return b
}

func (s *Layer) openMessageContent(ctx context.Context, r *OpenMessageContentRequest) (Object, error) {
	id := ServerMessageID(r.MessageID)
	if kind, ch := SplitChatID(r.ChatID); kind == ChannelChat {
		in, err := s.c.InputChannel(ctx, ch)
		if err != nil {
			return nil, err
		}
		if _, err := call(ctx, s, &api.ChannelsReadMessageContentsRequest{Channel: in, ID: []int32{id}}); err != nil {
			return nil, err
		}
		return &Ok{}, nil
	}
	if _, err := call(ctx, s, &api.MessagesReadMessageContentsRequest{ID: []int32{id}}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// sendMessageAction maps a SendMessageAction.
func sendMessageAction(a SendMessageActionClass) api.SendMessageActionClass {
	switch x := a.(type) {
	case *SendMessageCancelAction:
		return &api.SendMessageCancelAction{}
	case *SendMessageRecordVideoAction:
		return &api.SendMessageRecordVideoAction{}
	case *SendMessageUploadVideoAction:
		return &api.SendMessageUploadVideoAction{Progress: int32(x.Progress)}
	case *SendMessageRecordVoiceAction:
		return &api.SendMessageRecordAudioAction{}
	case *SendMessageUploadVoiceAction:
		return &api.SendMessageUploadAudioAction{Progress: int32(x.Progress)}
	case *SendMessageUploadPhotoAction:
		return &api.SendMessageUploadPhotoAction{Progress: int32(x.Progress)}
	case *SendMessageUploadDocumentAction:
		return &api.SendMessageUploadDocumentAction{Progress: int32(x.Progress)}
	case *SendMessageGeoLocationAction:
		return &api.SendMessageGeoLocationAction{}
	case *SendMessageChooseContactAction:
		return &api.SendMessageChooseContactAction{}
	case *SendMessageStartPlayGameAction:
		return &api.SendMessageGamePlayAction{}
	}
	return &api.SendMessageTypingAction{}
}

// actionTD maps an MTProto chat action back.
func actionTD(a api.SendMessageActionClass) SendMessageActionClass {
	switch x := a.(type) {
	case *api.SendMessageCancelAction:
		return &SendMessageCancelAction{}
	case *api.SendMessageRecordVideoAction, *api.SendMessageRecordRoundAction:
		return &SendMessageRecordVideoAction{}
	case *api.SendMessageUploadVideoAction:
		return &SendMessageUploadVideoAction{Progress: int64(x.Progress)}
	case *api.SendMessageRecordAudioAction:
		return &SendMessageRecordVoiceAction{}
	case *api.SendMessageUploadAudioAction:
		return &SendMessageUploadVoiceAction{Progress: int64(x.Progress)}
	case *api.SendMessageUploadPhotoAction:
		return &SendMessageUploadPhotoAction{Progress: int64(x.Progress)}
	case *api.SendMessageUploadDocumentAction:
		return &SendMessageUploadDocumentAction{Progress: int64(x.Progress)}
	case *api.SendMessageGeoLocationAction:
		return &SendMessageGeoLocationAction{}
	case *api.SendMessageChooseContactAction:
		return &SendMessageChooseContactAction{}
	case *api.SendMessageGamePlayAction:
		return &SendMessageStartPlayGameAction{}
	}
	return &SendMessageTypingAction{}
}

func (s *Layer) sendChatAction(ctx context.Context, r *SendChatActionRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.MessagesSetTypingRequest{Peer: peer, Action: sendMessageAction(r.Action)}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) deleteChatHistory(ctx context.Context, r *DeleteChatHistoryRequest) (Object, error) {
	if kind, _ := SplitChatID(r.ChatID); kind == ChannelChat {
		return nil, tdError(400, "Can't delete chat history in a channel")
	}
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.MessagesDeleteHistoryRequest{Peer: peer, JustClear: !r.RemoveFromChatList}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}
