package tdconv

import (
	"context"
	"strings"

	"github.com/luagram/luagram/tl/api"
)

func init() {
	register("createNewGroupChat", (*Layer).createNewGroupChat)
	register("createNewChannelChat", (*Layer).createNewChannelChat)
	register("migrateGroupChatToChannelChat", (*Layer).migrateGroupChatToChannelChat)
	register("changeChatTitle", (*Layer).changeChatTitle)
	register("changeChatPhoto", (*Layer).changeChatPhoto)
	register("changeChannelAbout", (*Layer).changeChannelAbout)
	register("changeChannelUsername", (*Layer).changeChannelUsername)
	register("toggleChannelSignMessages", (*Layer).toggleChannelSignMessages)
	register("toggleChannelInvites", (*Layer).toggleChannelInvites)
	register("toggleGroupEditors", (*Layer).toggleGroupEditors)
	register("deleteChannel", (*Layer).deleteChannel)
	register("exportChatInviteLink", (*Layer).exportChatInviteLink)
	register("checkChatInviteLink", (*Layer).checkChatInviteLink)
	register("importChatInviteLink", (*Layer).importChatInviteLink)
	register("pinChannelMessage", (*Layer).pinChannelMessage)
	register("unpinChannelMessage", (*Layer).unpinChannelMessage)
	register("getChannelFull", (*Layer).getChannelFull)
	register("getGroupFull", (*Layer).getGroupFull)
}

// chatOfUpdates returns the TD chat id of the first group (channel if
// wantChannel) among the chats of an Updates.
func chatOfUpdates(u api.UpdatesClass, wantChannel bool) int64 {
	var chats []api.ChatClass
	switch x := u.(type) {
	case *api.Updates:
		chats = x.Chats
	case *api.UpdatesCombined:
		chats = x.Chats
	}
	for _, c := range chats {
		switch x := c.(type) {
		case *api.Chat:
			if !wantChannel {
				return GroupChatID(x.ID)
			}
		case *api.Channel:
			if wantChannel {
				return ChannelChatID(x.ID)
			}
		}
	}
	return 0
}

func (s *Layer) inputUsers(ctx context.Context, ids []int64) ([]api.InputUserClass, error) {
	out := make([]api.InputUserClass, 0, len(ids))
	for _, id := range ids {
		u, err := s.c.InputUser(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

func (s *Layer) createNewGroupChat(ctx context.Context, r *CreateNewGroupChatRequest) (Object, error) {
	users, err := s.inputUsers(ctx, r.UserIDs)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.MessagesCreateChatRequest{Users: users, Title: r.Title})
	if err != nil {
		return nil, err
	}
	return s.chatResult(chatOfUpdates(res.Updates, false))
}

func (s *Layer) createNewChannelChat(ctx context.Context, r *CreateNewChannelChatRequest) (Object, error) {
	res, err := call(ctx, s, &api.ChannelsCreateChannelRequest{Title: r.Title, About: r.About,
		Megagroup: r.IsSupergroup, Broadcast: !r.IsSupergroup})
	if err != nil {
		return nil, err
	}
	return s.chatResult(chatOfUpdates(res, true))
}

func (s *Layer) migrateGroupChatToChannelChat(ctx context.Context, r *MigrateGroupChatToChannelChatRequest) (Object, error) {
	kind, id := SplitChatID(r.ChatID)
	if kind != GroupChat {
		return nil, tdError(400, "Chat is not a group")
	}
	res, err := call(ctx, s, &api.MessagesMigrateChatRequest{ChatID: id})
	if err != nil {
		return nil, err
	}
	return s.chatResult(chatOfUpdates(res, true))
}

func (s *Layer) changeChatTitle(ctx context.Context, r *ChangeChatTitleRequest) (Object, error) {
	var err error
	switch kind, id := SplitChatID(r.ChatID); kind {
	case GroupChat:
		_, err = call(ctx, s, &api.MessagesEditChatTitleRequest{ChatID: id, Title: r.Title})
	case ChannelChat:
		ch, cerr := s.c.InputChannel(ctx, id)
		if cerr != nil {
			return nil, cerr
		}
		_, err = call(ctx, s, &api.ChannelsEditTitleRequest{Channel: ch, Title: r.Title})
	default:
		return nil, tdError(400, "Can't change private chat title")
	}
	if err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// changeChatPhoto sets a chat's photo from a local file or a known photo;
// an empty InputFile (InputFileId 0) deletes it.
func (s *Layer) changeChatPhoto(ctx context.Context, r *ChangeChatPhotoRequest) (Object, error) {
	var photo api.InputChatPhotoClass
	switch x := r.Photo.(type) {
	case nil:
		photo = &api.InputChatPhotoEmpty{}
	case *InputFileID:
		if x.ID == 0 {
			photo = &api.InputChatPhotoEmpty{}
		}
	case *InputFileLocal:
		f, err := s.c.UploadFile(ctx, x.Path)
		if err != nil {
			return nil, err
		}
		photo = &api.InputChatUploadedPhoto{File: f}
	}
	if photo == nil {
		arg, err := s.inputFileArg(r.Photo)
		if err != nil {
			return nil, err
		}
		m, err := s.c.InputMedia(ctx, arg, Media{Kind: "photo"})
		if err != nil {
			return nil, err
		}
		mp, ok := m.(*api.InputMediaPhoto)
		if !ok {
			return nil, tdError(400, "Photo must be a photo")
		}
		photo = &api.InputChatPhoto{ID: mp.ID}
	}
	var err error
	switch kind, id := SplitChatID(r.ChatID); kind {
	case GroupChat:
		_, err = call(ctx, s, &api.MessagesEditChatPhotoRequest{ChatID: id, Photo: photo})
	case ChannelChat:
		ch, cerr := s.c.InputChannel(ctx, id)
		if cerr != nil {
			return nil, cerr
		}
		_, err = call(ctx, s, &api.ChannelsEditPhotoRequest{Channel: ch, Photo: photo})
	default:
		return nil, tdError(400, "Can't change private chat photo")
	}
	if err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) channelPeer(ctx context.Context, channelID int64) (api.InputPeerClass, error) {
	return s.c.InputPeer(ctx, ChannelChatID(abs(channelID)))
}

func (s *Layer) changeChannelAbout(ctx context.Context, r *ChangeChannelAboutRequest) (Object, error) {
	peer, err := s.channelPeer(ctx, r.ChannelID)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.MessagesEditChatAboutRequest{Peer: peer, About: r.About}); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.dialog(ChannelChatID(abs(r.ChannelID))).about = r.About
	s.mu.Unlock()
	return &Ok{}, nil
}

func (s *Layer) changeChannelUsername(ctx context.Context, r *ChangeChannelUsernameRequest) (Object, error) {
	ch, err := s.c.InputChannel(ctx, abs(r.ChannelID))
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.ChannelsUpdateUsernameRequest{Channel: ch, Username: r.Username}); err != nil {
		return nil, err
	}
	// The answer is a Bool: the channel, asked again, comes as
	// UpdateChannel.
	if _, err := call(ctx, s, &api.ChannelsGetChannelsRequest{ID: []api.InputChannelClass{ch}}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) toggleChannelSignMessages(ctx context.Context, r *ToggleChannelSignMessagesRequest) (Object, error) {
	ch, err := s.c.InputChannel(ctx, abs(r.ChannelID))
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.ChannelsToggleSignaturesRequest{Channel: ch, SignaturesEnabled: r.SignMessages}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// toggleChannelInvites and toggleGroupEditors became default banned
// rights: who may invite, who may change the chat.
func (s *Layer) toggleChannelInvites(ctx context.Context, r *ToggleChannelInvitesRequest) (Object, error) {
	peer, err := s.channelPeer(ctx, r.ChannelID)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.MessagesEditChatDefaultBannedRightsRequest{Peer: peer,
		BannedRights: api.ChatBannedRights{InviteUsers: !r.AnyoneCanInvite}}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) toggleGroupEditors(ctx context.Context, r *ToggleGroupEditorsRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, GroupChatID(abs(r.GroupID)))
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.MessagesEditChatDefaultBannedRightsRequest{Peer: peer,
		BannedRights: api.ChatBannedRights{ChangeInfo: !r.AnyoneCanEdit, PinMessages: !r.AnyoneCanEdit}}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) deleteChannel(ctx context.Context, r *DeleteChannelRequest) (Object, error) {
	ch, err := s.c.InputChannel(ctx, abs(r.ChannelID))
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.ChannelsDeleteChannelRequest{Channel: ch}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) exportChatInviteLink(ctx context.Context, r *ExportChatInviteLinkRequest) (Object, error) {
	if kind, _ := SplitChatID(r.ChatID); kind == PrivateChat {
		return nil, tdError(400, "Can't export invite link of a private chat")
	}
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.MessagesExportChatInviteRequest{Peer: peer, LegacyRevokePermanent: true})
	if err != nil {
		return nil, err
	}
	inv, ok := res.(*api.ChatInviteExported)
	if !ok {
		return nil, tdError(500, "no invite link in the answer")
	}
	s.mu.Lock()
	s.dialog(r.ChatID).inviteLink = inv.Link
	s.mu.Unlock()
	return &ChatInviteLink{InviteLink: inv.Link}, nil
}

// inviteHash returns the hash of an invite link: what follows joinchat/
// or + in a t.me or telegram.me link, or the link itself.
func inviteHash(link string) string {
	link = strings.TrimSpace(link)
	for _, sep := range []string{"joinchat/", "/+", "+"} {
		if i := strings.LastIndex(link, sep); i >= 0 {
			link = link[i+len(sep):]
			break
		}
	}
	if i := strings.IndexAny(link, "/?#"); i >= 0 {
		link = link[:i]
	}
	return link
}

func (s *Layer) checkChatInviteLink(ctx context.Context, r *CheckChatInviteLinkRequest) (Object, error) {
	res, err := call(ctx, s, &api.MessagesCheckChatInviteRequest{Hash: inviteHash(r.InviteLink)})
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	info := &ChatInviteLinkInfo{Members: []*User{}}
	var chat api.ChatClass
	switch x := res.(type) {
	case *api.ChatInvite:
		info.Title, info.MemberCount = x.Title, int64(x.ParticipantsCount)
		info.IsChannel, info.IsPublicChannel, info.IsSupergroupChannel = x.Channel, x.Public, x.Megagroup
		info.IsGroup = !x.Channel
		for _, u := range x.Participants {
			if uu, ok := u.(*api.User); ok {
				info.Members = append(info.Members, s.user(uu))
			}
		}
		if p, ok := x.Photo.(*api.Photo); ok {
			ph := s.photo(p, p)
			if n := len(ph.Sizes); n > 0 {
				info.Photo = &ChatPhoto{Small: ph.Sizes[0].Photo, Big: ph.Sizes[n-1].Photo}
			}
		}
		return info, nil
	case *api.ChatInviteAlready:
		chat = x.Chat
	case *api.ChatInvitePeek:
		chat = x.Chat
	}
	switch c := chat.(type) {
	case *api.Chat:
		info.ChatID, info.Title, info.MemberCount, info.IsGroup = GroupChatID(c.ID), c.Title, int64(c.ParticipantsCount), true
		info.Photo = s.chatPhotoOf(info.ChatID, photoID(c.Photo))
	case *api.Channel:
		info.ChatID, info.Title, info.MemberCount = ChannelChatID(c.ID), c.Title, int64(c.ParticipantsCount.Value)
		info.IsChannel, info.IsSupergroupChannel, info.IsPublicChannel = true, c.Megagroup, c.Username.Set
		info.Photo = s.chatPhotoOf(info.ChatID, photoID(c.Photo))
	}
	return info, nil
}

func (s *Layer) importChatInviteLink(ctx context.Context, r *ImportChatInviteLinkRequest) (Object, error) {
	res, err := call(ctx, s, &api.MessagesImportChatInviteRequest{Hash: inviteHash(r.InviteLink)})
	if err != nil {
		return nil, err
	}
	ok, _ := res.(*api.MessagesChatInviteJoinResultOk)
	if ok == nil {
		return &Ok{}, nil
	}
	for _, want := range []bool{true, false} {
		if id := chatOfUpdates(ok.Updates, want); id != 0 {
			s.mu.Lock()
			up := s.ensureChat(id)
			s.mu.Unlock()
			if up != nil {
				s.emit(up)
			}
			break
		}
	}
	return &Ok{}, nil
}

func (s *Layer) pinChannelMessage(ctx context.Context, r *PinChannelMessageRequest) (Object, error) {
	peer, err := s.channelPeer(ctx, r.ChannelID)
	if err != nil {
		return nil, err
	}
	id := ServerMessageID(r.MessageID)
	if _, err := call(ctx, s, &api.MessagesUpdatePinnedMessageRequest{Peer: peer, ID: id, Silent: r.DisableNotification}); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.dialog(ChannelChatID(abs(r.ChannelID))).pinned = id
	s.mu.Unlock()
	return &Ok{}, nil
}

// unpinChannelMessage removes the pinned message; the server wants its id,
// which the full channel tells.
func (s *Layer) unpinChannelMessage(ctx context.Context, r *UnpinChannelMessageRequest) (Object, error) {
	peer, err := s.channelPeer(ctx, r.ChannelID)
	if err != nil {
		return nil, err
	}
	ch, err := s.c.InputChannel(ctx, abs(r.ChannelID))
	if err != nil {
		return nil, err
	}
	full, err := call(ctx, s, &api.ChannelsGetFullChannelRequest{Channel: ch})
	if err != nil {
		return nil, err
	}
	cf, _ := full.FullChat.(*api.ChannelFull)
	if cf == nil || !cf.PinnedMsgID.Set || cf.PinnedMsgID.Value == 0 {
		return &Ok{}, nil
	}
	if _, err := call(ctx, s, &api.MessagesUpdatePinnedMessageRequest{Peer: peer, ID: cf.PinnedMsgID.Value, Unpin: true}); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.dialog(ChannelChatID(abs(r.ChannelID))).pinned = 0
	s.mu.Unlock()
	return &Ok{}, nil
}

func inviteLinkOf(e api.ExportedChatInviteClass) string {
	if x, ok := e.(*api.ChatInviteExported); ok {
		return x.Link
	}
	return ""
}

func (s *Layer) getChannelFull(ctx context.Context, r *GetChannelFullRequest) (Object, error) {
	id := abs(r.ChannelID)
	ch, err := s.c.InputChannel(ctx, id)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.ChannelsGetFullChannelRequest{Channel: ch})
	if err != nil {
		return nil, err
	}
	cf, ok := res.FullChat.(*api.ChannelFull)
	if !ok {
		return nil, tdError(500, "not a channel")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[id]
	if c == nil {
		return nil, tdError(400, "Channel not found")
	}
	s.noteBotInfo(cf.BotInfo)
	d := s.dialog(ChannelChatID(id))
	d.about, d.pinned = cf.About, cf.PinnedMsgID.Value
	if link := inviteLinkOf(cf.ExportedInvite); link != "" {
		d.inviteLink = link
	}
	full := &ChannelFull{Channel: s.channel(c), About: cf.About, MemberCount: int64(cf.ParticipantsCount.Value),
		AdministratorCount: int64(cf.AdminsCount.Value), KickedCount: int64(cf.KickedCount.Value),
		CanGetMembers: cf.CanViewParticipants || c.Megagroup, CanSetUsername: cf.CanSetUsername || c.Creator,
		InviteLink: d.inviteLink, PinnedMessageID: MessageID(cf.PinnedMsgID.Value),
		MigratedFromGroupID: cf.MigratedFromChatID.Value, MigratedFromMaxMessageID: MessageID(cf.MigratedFromMaxID.Value)}
	return full, nil
}

func (s *Layer) getGroupFull(ctx context.Context, r *GetGroupFullRequest) (Object, error) {
	id := abs(r.GroupID)
	res, err := call(ctx, s, &api.MessagesGetFullChatRequest{ChatID: id})
	if err != nil {
		return nil, err
	}
	cf, ok := res.FullChat.(*api.ChatFull)
	if !ok {
		return nil, tdError(500, "not a group")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.groups[id]
	if g == nil {
		return nil, tdError(400, "Group not found")
	}
	s.noteBotInfo(cf.BotInfo)
	d := s.dialog(GroupChatID(id))
	if link := inviteLinkOf(cf.ExportedInvite); link != "" {
		d.inviteLink = link
	}
	full := &GroupFull{Group: s.group(g), Members: []*ChatMember{}, InviteLink: d.inviteLink}
	if ps, ok := cf.Participants.(*api.ChatParticipants); ok {
		for _, p := range ps.Participants {
			m := s.groupMember(p)
			if _, creator := m.Status.(*ChatMemberStatusCreator); creator {
				full.CreatorUserID = m.UserID
			}
			full.Members = append(full.Members, m)
		}
	}
	return full, nil
}
