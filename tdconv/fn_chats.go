package tdconv

import (
	"context"
	"math"
	"strings"

	"github.com/luagram/luagram/tl/api"
)

func init() {
	register("getChats", (*Layer).getChats)
	register("getChat", (*Layer).getChat)
	register("searchPublicChat", (*Layer).searchPublicChat)
	register("searchPublicChats", (*Layer).searchPublicChats)
	register("searchChats", (*Layer).searchChats)
	register("getCommonChats", (*Layer).getCommonChats)
	register("createPrivateChat", (*Layer).createPrivateChat)
	register("createGroupChat", (*Layer).createGroupChat)
	register("createChannelChat", (*Layer).createChannelChat)
	register("getGroup", (*Layer).getGroup)
	register("getChannel", (*Layer).getChannel)
	register("openChat", (*Layer).openChat)
	register("closeChat", (*Layer).closeChat)
}

// ensureChat announces a chat with UpdateChat the first time it is seen,
// as TDLib did before any update about it. Call with s.mu held; the
// update is returned for the caller to emit after unlocking.
func (s *Layer) ensureChat(chatID int64) Object {
	if chatID == 0 || s.known[chatID] {
		return nil
	}
	c := s.chat(chatID)
	if c == nil {
		return nil
	}
	s.known[chatID] = true
	return &UpdateChat{Chat: c}
}

// chatResult returns a chat after announcing it if new.
func (s *Layer) chatResult(chatID int64) (Object, error) {
	s.mu.Lock()
	up := s.ensureChat(chatID)
	c := s.chat(chatID)
	s.mu.Unlock()
	if up != nil {
		s.emit(up)
	}
	if c == nil {
		return nil, tdError(400, "Chat not found")
	}
	return c, nil
}

// ingestDialogs records the state of dialogs (top message, read marks,
// unread counts) and returns their chat ids in order.
func (s *Layer) ingestDialogs(dialogs []api.DialogClass, msgs []api.MessageClass) []int64 {
	byKey := map[msgKey]api.MessageClass{}
	for _, m := range msgs {
		chat, id := messageChat(m)
		byKey[msgKey{chat, id}] = m
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	for _, dc := range dialogs {
		d, ok := dc.(*api.Dialog)
		if !ok {
			continue
		}
		chat := peerChatID(d.Peer)
		st := s.dialog(chat)
		st.readInbox, st.readOutbox, st.unread = d.ReadInboxMaxID, d.ReadOutboxMaxID, d.UnreadCount
		st.notify, st.draft = s.notificationSettingsTD(&d.NotifySettings), draftTD(d.Draft)
		if m := byKey[msgKey{chat, d.TopMessage}]; m != nil {
			if t := s.message(m); t != nil {
				st.top = t
				st.order = order(int32(t.Date), d.TopMessage)
			}
		}
		ids = append(ids, chat)
	}
	return ids
}

// getChats lists chats from the dialog list, newest first, from the chat
// order offset_order (2^63−1: the top).
func (s *Layer) getChats(ctx context.Context, r *GetChatsRequest) (Object, error) {
	limit := r.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	req := &api.MessagesGetDialogsRequest{Limit: int32(limit), OffsetPeer: &api.InputPeerEmpty{}}
	if r.OffsetOrder != math.MaxInt64 && r.OffsetOrder > 0 {
		req.OffsetDate, req.OffsetID = int32(r.OffsetOrder>>32), int32(uint32(r.OffsetOrder))
		if r.OffsetChatID != 0 {
			if p, err := s.c.InputPeer(ctx, r.OffsetChatID); err == nil {
				req.OffsetPeer = p
			}
		}
	}
	res, err := call(ctx, s, req)
	if err != nil {
		return nil, err
	}
	var ids []int64
	switch x := res.(type) {
	case *api.MessagesDialogs:
		ids = s.ingestDialogs(x.Dialogs, x.Messages)
	case *api.MessagesDialogsSlice:
		ids = s.ingestDialogs(x.Dialogs, x.Messages)
	}
	out := &Chats{Chats: make([]*Chat, 0, len(ids))}
	var ups []Object
	s.mu.Lock()
	for _, id := range ids {
		if up := s.ensureChat(id); up != nil {
			ups = append(ups, up)
		}
		if c := s.chat(id); c != nil {
			out.Chats = append(out.Chats, c)
		}
	}
	s.mu.Unlock()
	for _, up := range ups {
		s.emit(up)
	}
	return out, nil
}

// load makes sure the Layer knows a chat: users, groups and channels not
// cached are fetched, and a chat without a known dialog gets its top
// message and read marks.
func (s *Layer) load(ctx context.Context, chatID int64) error {
	s.mu.Lock()
	_, known := s.chatTitle(chatID)
	_, dialog := s.dialogs[chatID]
	s.mu.Unlock()
	if !known {
		switch kind, id := SplitChatID(chatID); kind {
		case PrivateChat:
			u, err := s.c.InputUser(ctx, id)
			if err != nil {
				return err
			}
			if _, err := call(ctx, s, &api.UsersGetUsersRequest{ID: []api.InputUserClass{u}}); err != nil {
				return err
			}
		case GroupChat:
			if _, err := call(ctx, s, &api.MessagesGetChatsRequest{ID: []int64{id}}); err != nil {
				return err
			}
		case ChannelChat:
			ch, err := s.c.InputChannel(ctx, id)
			if err != nil {
				return err
			}
			if _, err := call(ctx, s, &api.ChannelsGetChannelsRequest{ID: []api.InputChannelClass{ch}}); err != nil {
				return err
			}
		}
	}
	if !dialog {
		if peer, err := s.c.InputPeer(ctx, chatID); err == nil {
			if res, err := call(ctx, s, &api.MessagesGetPeerDialogsRequest{Peers: []api.InputDialogPeerClass{&api.InputDialogPeer{Peer: peer}}}); err == nil {
				s.ingestDialogs(res.Dialogs, res.Messages)
			}
		}
	}
	return nil
}

func (s *Layer) getChat(ctx context.Context, r *GetChatRequest) (Object, error) {
	if err := s.load(ctx, r.ChatID); err != nil {
		return nil, err
	}
	return s.chatResult(r.ChatID)
}

func (s *Layer) searchPublicChat(ctx context.Context, r *SearchPublicChatRequest) (Object, error) {
	name := strings.TrimPrefix(strings.TrimSpace(r.Username), "@")
	res, err := call(ctx, s, &api.ContactsResolveUsernameRequest{Username: name})
	if err != nil {
		return nil, err
	}
	return s.chatResult(peerChatID(res.Peer))
}

// searchPublicChats finds public chats and users by a username prefix of
// five characters or more.
func (s *Layer) searchPublicChats(ctx context.Context, r *SearchPublicChatsRequest) (Object, error) {
	out := &Chats{Chats: []*Chat{}}
	if len([]rune(r.UsernamePrefix)) < 5 {
		return out, nil
	}
	res, err := call(ctx, s, &api.ContactsSearchRequest{Q: r.UsernamePrefix, Limit: 50})
	if err != nil {
		return nil, err
	}
	var ups []Object
	s.mu.Lock()
	for _, p := range res.Results {
		id := peerChatID(p)
		if up := s.ensureChat(id); up != nil {
			ups = append(ups, up)
		}
		if c := s.chat(id); c != nil {
			out.Chats = append(out.Chats, c)
		}
	}
	s.mu.Unlock()
	for _, up := range ups {
		s.emit(up)
	}
	return out, nil
}

// searchChats searches the titles and usernames of the chats announced so
// far, as TDLib searched its chat list offline; an empty query answers the
// recently found chats (AddRecentlyFoundChat).
func (s *Layer) searchChats(_ context.Context, r *SearchChatsRequest) (Object, error) {
	q := strings.ToLower(strings.TrimSpace(r.Query))
	limit := int(r.Limit)
	if limit <= 0 {
		limit = 20
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &Chats{Chats: []*Chat{}}
	if q == "" {
		for _, id := range s.local.recentFound[:min(len(s.local.recentFound), limit)] {
			if c := s.chat(id); c != nil {
				out.Chats = append(out.Chats, c)
			}
		}
		return out, nil
	}
	for id := range s.known {
		c := s.chat(id)
		if c == nil {
			continue
		}
		name := strings.ToLower(c.Title)
		switch t := c.Type.(type) {
		case *PrivateChatInfo:
			name += " " + strings.ToLower(t.User.Username)
		case *ChannelChatInfo:
			name += " " + strings.ToLower(t.Channel.Username)
		}
		if strings.Contains(name, q) {
			out.Chats = append(out.Chats, c)
		}
	}
	sortChats(out.Chats)
	if len(out.Chats) > limit {
		out.Chats = out.Chats[:limit]
	}
	return out, nil
}

// sortChats orders chats as the chat list does: by order, then id,
// descending.
func sortChats(cs []*Chat) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && (cs[j].Order > cs[j-1].Order || cs[j].Order == cs[j-1].Order && cs[j].ID > cs[j-1].ID); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

func (s *Layer) getCommonChats(ctx context.Context, r *GetCommonChatsRequest) (Object, error) {
	u, err := s.c.InputUser(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	var maxID int64
	if _, id := SplitChatID(r.OffsetChatID); r.OffsetChatID != 0 {
		maxID = id
	}
	res, err := call(ctx, s, &api.MessagesGetCommonChatsRequest{UserID: u, MaxID: maxID, Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	var chats []api.ChatClass
	switch x := res.(type) {
	case *api.MessagesChats:
		chats = x.Chats
	case *api.MessagesChatsSlice:
		chats = x.Chats
	}
	out := &Chats{Chats: []*Chat{}}
	s.mu.Lock()
	for _, c := range chats {
		var id int64
		switch x := c.(type) {
		case *api.Chat:
			id = GroupChatID(x.ID)
		case *api.Channel:
			id = ChannelChatID(x.ID)
		default:
			continue
		}
		if t := s.chat(id); t != nil {
			out.Chats = append(out.Chats, t)
		}
	}
	s.mu.Unlock()
	return out, nil
}

func (s *Layer) createPrivateChat(ctx context.Context, r *CreatePrivateChatRequest) (Object, error) {
	return s.getChat(ctx, &GetChatRequest{ChatID: r.UserID})
}

func (s *Layer) createGroupChat(ctx context.Context, r *CreateGroupChatRequest) (Object, error) {
	return s.getChat(ctx, &GetChatRequest{ChatID: GroupChatID(abs(r.GroupID))})
}

func (s *Layer) createChannelChat(ctx context.Context, r *CreateChannelChatRequest) (Object, error) {
	return s.getChat(ctx, &GetChatRequest{ChatID: ChannelChatID(abs(r.ChannelID))})
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func (s *Layer) getGroup(ctx context.Context, r *GetGroupRequest) (Object, error) {
	id := abs(r.GroupID)
	if err := s.load(ctx, GroupChatID(id)); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.groups[id]
	if g == nil {
		return nil, tdError(400, "Group not found")
	}
	return s.group(g), nil
}

func (s *Layer) getChannel(ctx context.Context, r *GetChannelRequest) (Object, error) {
	id := abs(r.ChannelID)
	if err := s.load(ctx, ChannelChatID(id)); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[id]
	if c == nil {
		return nil, tdError(400, "Channel not found")
	}
	return s.channel(c), nil
}

// openChat and closeChat only tell TDLib what the user looks at; the
// updates of every chat come anyway.
func (s *Layer) openChat(context.Context, *OpenChatRequest) (Object, error)   { return &Ok{}, nil }
func (s *Layer) closeChat(context.Context, *CloseChatRequest) (Object, error) { return &Ok{}, nil }
