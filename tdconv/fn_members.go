package tdconv

import (
	"context"
	"errors"

	"github.com/luagram/luagram/tl/api"
)

func init() {
	register("changeChatMemberStatus", (*Layer).changeChatMemberStatus)
	register("addChatMember", (*Layer).addChatMember)
	register("addChatMembers", (*Layer).addChatMembers)
	register("getChannelMembers", (*Layer).getChannelMembers)
	register("getChatMember", (*Layer).getChatMember)
}

// The rights of the two kinds of administrators of the schema's day:
// editors run the chat, moderators keep order.
var (
	editorRights = api.ChatAdminRights{ChangeInfo: true, PostMessages: true, EditMessages: true, DeleteMessages: true,
		BanUsers: true, InviteUsers: true, PinMessages: true, ManageCall: true}
	moderatorRights = api.ChatAdminRights{DeleteMessages: true, BanUsers: true}
)

// noteBotInfo remembers the descriptions and commands of bots. Call with
// s.mu held.
func (s *Layer) noteBotInfo(list []api.BotInfo) {
	for _, b := range list {
		if !b.UserID.Set {
			continue
		}
		bi := &BotInfo{Description: b.Description.Value, Commands: []*BotCommand{}}
		for _, c := range b.Commands {
			bi.Commands = append(bi.Commands, &BotCommand{Command: c.Command, Description: c.Description})
		}
		s.botInfo[b.UserID.Value] = bi
	}
}

// groupMember converts a basic group participant. Call with s.mu held.
func (s *Layer) groupMember(p api.ChatParticipantClass) *ChatMember {
	switch x := p.(type) {
	case *api.ChatParticipantCreator:
		return &ChatMember{UserID: x.UserID, Status: &ChatMemberStatusCreator{}, BotInfo: s.botInfo[x.UserID]}
	case *api.ChatParticipantAdmin:
		return &ChatMember{UserID: x.UserID, InviterUserID: x.InviterID, JoinDate: int64(x.Date),
			Status: &ChatMemberStatusEditor{}, BotInfo: s.botInfo[x.UserID]}
	case *api.ChatParticipant:
		return &ChatMember{UserID: x.UserID, InviterUserID: x.InviterID, JoinDate: int64(x.Date),
			Status: &ChatMemberStatusMember{}, BotInfo: s.botInfo[x.UserID]}
	}
	return &ChatMember{Status: &ChatMemberStatusLeft{}}
}

// channelMember converts a channel participant. Call with s.mu held.
func (s *Layer) channelMember(p api.ChannelParticipantClass) *ChatMember {
	var m *ChatMember
	switch x := p.(type) {
	case *api.ChannelParticipant:
		m = &ChatMember{UserID: x.UserID, JoinDate: int64(x.Date), Status: &ChatMemberStatusMember{}}
	case *api.ChannelParticipantSelf:
		m = &ChatMember{UserID: x.UserID, InviterUserID: x.InviterID, JoinDate: int64(x.Date), Status: &ChatMemberStatusMember{}}
	case *api.ChannelParticipantCreator:
		m = &ChatMember{UserID: x.UserID, Status: &ChatMemberStatusCreator{}}
	case *api.ChannelParticipantAdmin:
		m = &ChatMember{UserID: x.UserID, InviterUserID: x.PromotedBy, JoinDate: int64(x.Date), Status: adminStatus(&x.AdminRights)}
		if x.InviterID.Set {
			m.InviterUserID = x.InviterID.Value
		}
	case *api.ChannelParticipantBanned:
		m = &ChatMember{UserID: peerUserID(x.Peer), InviterUserID: x.KickedBy, JoinDate: int64(x.Date), Status: &ChatMemberStatusMember{}}
		if x.BannedRights.ViewMessages {
			m.Status = &ChatMemberStatusKicked{}
		}
	case *api.ChannelParticipantLeft:
		m = &ChatMember{UserID: peerUserID(x.Peer), Status: &ChatMemberStatusLeft{}}
	default:
		return &ChatMember{Status: &ChatMemberStatusLeft{}}
	}
	m.BotInfo = s.botInfo[m.UserID]
	return m
}

// changeChatMemberStatus makes a user creator (refused), editor,
// moderator (channels only), member, left (removed without a ban) or
// kicked (removed and banned) in a group or channel.
func (s *Layer) changeChatMemberStatus(ctx context.Context, r *ChangeChatMemberStatusRequest) (Object, error) {
	if r.Status == nil {
		return nil, tdError(400, "Chat member status must be non-empty")
	}
	if _, ok := r.Status.(*ChatMemberStatusCreator); ok {
		return nil, tdError(400, "Can't make a user the creator of a chat")
	}
	user, err := s.c.InputUser(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	switch kind, id := SplitChatID(r.ChatID); kind {
	case GroupChat:
		err = s.groupMemberStatus(ctx, id, r.UserID, user, r.Status)
	case ChannelChat:
		err = s.channelMemberStatus(ctx, id, r.UserID, user, r.Status)
	default:
		return nil, tdError(400, "Chat members are only in groups and channels")
	}
	if err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) groupMemberStatus(ctx context.Context, chat, userID int64, user api.InputUserClass, st ChatMemberStatusClass) error {
	var err error
	switch st.(type) {
	case *ChatMemberStatusEditor:
		_, err = call(ctx, s, &api.MessagesEditChatAdminRequest{ChatID: chat, UserID: user, IsAdmin: true})
	case *ChatMemberStatusModerator:
		return tdError(400, "Moderators are only in channels")
	case *ChatMemberStatusMember:
		_, err = call(ctx, s, &api.MessagesAddChatUserRequest{ChatID: chat, UserID: user})
		var re *RPCError
		if errors.As(err, &re) && re.Message == "USER_ALREADY_PARTICIPANT" {
			_, err = call(ctx, s, &api.MessagesEditChatAdminRequest{ChatID: chat, UserID: user, IsAdmin: false})
			if errors.As(err, &re) && re.Message == "USER_NOT_PARTICIPANT" || errors.As(err, &re) && re.Message == "CHAT_NOT_MODIFIED" {
				err = nil
			}
		}
	case *ChatMemberStatusLeft, *ChatMemberStatusKicked:
		_, err = call(ctx, s, &api.MessagesDeleteChatUserRequest{ChatID: chat, UserID: user})
	}
	return err
}

func (s *Layer) channelMemberStatus(ctx context.Context, channel, userID int64, user api.InputUserClass, st ChatMemberStatusClass) error {
	ch, err := s.c.InputChannel(ctx, channel)
	if err != nil {
		return err
	}
	peer, err := s.c.InputPeer(ctx, userID)
	if err != nil {
		return err
	}
	self := userID == s.selfID()
	switch st.(type) {
	case *ChatMemberStatusEditor:
		_, err = call(ctx, s, &api.ChannelsEditAdminRequest{Channel: ch, UserID: user, AdminRights: editorRights})
	case *ChatMemberStatusModerator:
		_, err = call(ctx, s, &api.ChannelsEditAdminRequest{Channel: ch, UserID: user, AdminRights: moderatorRights})
	case *ChatMemberStatusKicked:
		_, err = call(ctx, s, &api.ChannelsEditBannedRequest{Channel: ch, Participant: peer,
			BannedRights: api.ChatBannedRights{ViewMessages: true}})
	case *ChatMemberStatusLeft:
		if self {
			_, err = call(ctx, s, &api.ChannelsLeaveChannelRequest{Channel: ch})
			break
		}
		// Removed without a ban: banned, then let go.
		if _, err = call(ctx, s, &api.ChannelsEditBannedRequest{Channel: ch, Participant: peer,
			BannedRights: api.ChatBannedRights{ViewMessages: true}}); err == nil {
			_, err = call(ctx, s, &api.ChannelsEditBannedRequest{Channel: ch, Participant: peer})
		}
	case *ChatMemberStatusMember:
		err = s.makeChannelMember(ctx, ch, peer, user, self)
	}
	return err
}

// makeChannelMember makes a user a plain member: unbanned and added if not in
// the channel, or relieved of admin rights.
func (s *Layer) makeChannelMember(ctx context.Context, ch api.InputChannelClass, peer api.InputPeerClass, user api.InputUserClass, self bool) error {
	res, err := call(ctx, s, &api.ChannelsGetParticipantRequest{Channel: ch, Participant: peer})
	var re *RPCError
	member := err == nil
	if err != nil && !(errors.As(err, &re) && re.Message == "USER_NOT_PARTICIPANT") {
		return err
	}
	if member {
		switch res.Participant.(type) {
		case *api.ChannelParticipantAdmin:
			_, err = call(ctx, s, &api.ChannelsEditAdminRequest{Channel: ch, UserID: user})
			return err
		case *api.ChannelParticipantBanned:
			if _, err = call(ctx, s, &api.ChannelsEditBannedRequest{Channel: ch, Participant: peer}); err != nil {
				return err
			}
			member = false
		case *api.ChannelParticipantLeft:
			member = false
		default:
			return nil
		}
	}
	if !member {
		if self {
			_, err = call(ctx, s, &api.ChannelsJoinChannelRequest{Channel: ch})
		} else {
			_, err = call(ctx, s, &api.ChannelsInviteToChannelRequest{Channel: ch, Users: []api.InputUserClass{user}})
		}
	}
	return err
}

func (s *Layer) addChatMember(ctx context.Context, r *AddChatMemberRequest) (Object, error) {
	user, err := s.c.InputUser(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	switch kind, id := SplitChatID(r.ChatID); kind {
	case GroupChat:
		_, err = call(ctx, s, &api.MessagesAddChatUserRequest{ChatID: id, UserID: user, FwdLimit: int32(min(r.ForwardLimit, 100))})
	case ChannelChat:
		ch, cerr := s.c.InputChannel(ctx, id)
		if cerr != nil {
			return nil, cerr
		}
		_, err = call(ctx, s, &api.ChannelsInviteToChannelRequest{Channel: ch, Users: []api.InputUserClass{user}})
	default:
		return nil, tdError(400, "Can't add members to a private chat")
	}
	if err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) addChatMembers(ctx context.Context, r *AddChatMembersRequest) (Object, error) {
	kind, id := SplitChatID(r.ChatID)
	if kind == GroupChat {
		for _, u := range r.UserIDs {
			if _, err := s.addChatMember(ctx, &AddChatMemberRequest{ChatID: r.ChatID, UserID: u}); err != nil {
				return nil, err
			}
		}
		return &Ok{}, nil
	}
	if kind != ChannelChat {
		return nil, tdError(400, "Can't add members to a private chat")
	}
	users, err := s.inputUsers(ctx, r.UserIDs)
	if err != nil {
		return nil, err
	}
	ch, err := s.c.InputChannel(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.ChannelsInviteToChannelRequest{Channel: ch, Users: users}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// channelFilter maps a ChannelMembersFilter.
func channelFilter(f ChannelMembersFilterClass) api.ChannelParticipantsFilterClass {
	switch f.(type) {
	case *ChannelMembersAdministrators:
		return &api.ChannelParticipantsAdmins{}
	case *ChannelMembersKicked:
		return &api.ChannelParticipantsKicked{}
	case *ChannelMembersBots:
		return &api.ChannelParticipantsBots{}
	}
	return &api.ChannelParticipantsRecent{}
}

func (s *Layer) getChannelMembers(ctx context.Context, r *GetChannelMembersRequest) (Object, error) {
	ch, err := s.c.InputChannel(ctx, abs(r.ChannelID))
	if err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit <= 0 || limit > 200 {
		limit = 200
	}
	res, err := call(ctx, s, &api.ChannelsGetParticipantsRequest{Channel: ch, Filter: channelFilter(r.Filter),
		Offset: int32(max(r.Offset, 0)), Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	ps, ok := res.(*api.ChannelsChannelParticipants)
	if !ok {
		return &ChatMembers{Members: []*ChatMember{}}, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &ChatMembers{TotalCount: int64(ps.Count), Members: make([]*ChatMember, 0, len(ps.Participants))}
	for _, p := range ps.Participants {
		out.Members = append(out.Members, s.channelMember(p))
	}
	return out, nil
}

func (s *Layer) getChatMember(ctx context.Context, r *GetChatMemberRequest) (Object, error) {
	switch kind, id := SplitChatID(r.ChatID); kind {
	case ChannelChat:
		ch, err := s.c.InputChannel(ctx, id)
		if err != nil {
			return nil, err
		}
		peer, err := s.c.InputPeer(ctx, r.UserID)
		if err != nil {
			return nil, err
		}
		res, err := call(ctx, s, &api.ChannelsGetParticipantRequest{Channel: ch, Participant: peer})
		var re *RPCError
		if errors.As(err, &re) && re.Message == "USER_NOT_PARTICIPANT" {
			return &ChatMember{UserID: r.UserID, Status: &ChatMemberStatusLeft{}}, nil
		}
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.channelMember(res.Participant), nil
	case GroupChat:
		res, err := call(ctx, s, &api.MessagesGetFullChatRequest{ChatID: id})
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if cf, ok := res.FullChat.(*api.ChatFull); ok {
			if ps, ok := cf.Participants.(*api.ChatParticipants); ok {
				for _, p := range ps.Participants {
					if m := s.groupMember(p); m.UserID == r.UserID {
						return m, nil
					}
				}
			}
		}
		return &ChatMember{UserID: r.UserID, Status: &ChatMemberStatusLeft{}}, nil
	}
	self := s.selfID()
	if r.UserID == r.ChatID || r.UserID == self {
		return &ChatMember{UserID: r.UserID, Status: &ChatMemberStatusMember{}}, nil
	}
	return &ChatMember{UserID: r.UserID, Status: &ChatMemberStatusLeft{}}, nil
}
