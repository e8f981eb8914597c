package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.MessagesEditChatTitleRequestTypeID] = (*call).messagesEditChatTitle
	handlers[api.ChannelsEditTitleRequestTypeID] = (*call).channelsEditTitle
	handlers[api.MessagesEditChatPhotoRequestTypeID] = (*call).messagesEditChatPhoto
	handlers[api.ChannelsEditPhotoRequestTypeID] = (*call).channelsEditPhoto
	handlers[api.MessagesEditChatAboutRequestTypeID] = (*call).messagesEditChatAbout
	handlers[api.MessagesUpdatePinnedMessageRequestTypeID] = (*call).messagesUpdatePinnedMessage
	handlers[api.MessagesExportChatInviteRequestTypeID] = (*call).messagesExportChatInvite
	handlers[api.MessagesCheckChatInviteRequestTypeID] = (*call).messagesCheckChatInvite
	handlers[api.MessagesImportChatInviteRequestTypeID] = (*call).messagesImportChatInvite
	handlers[api.MessagesMigrateChatRequestTypeID] = (*call).messagesMigrateChat
	handlers[api.ChannelsToggleSignaturesRequestTypeID] = (*call).channelsToggleSignatures
	handlers[api.MessagesEditChatDefaultBannedRightsRequestTypeID] = (*call).messagesEditChatDefaultBannedRights
	wrap(api.ChannelsGetFullChannelRequestTypeID, (*call).tdChannelsGetFullChannel)
	wrap(api.MessagesGetFullChatRequestTypeID, (*call).tdMessagesGetFullChat)
}

// groupOf resolves a basic group I am in.
func (c *call) groupOf(w *world, me *user, id int64) (*chat, error) {
	ch := w.chats[id]
	if ch == nil || !ch.members[me.id] {
		return nil, rpcError(400, "CHAT_ID_INVALID")
	}
	return ch, nil
}

func (c *call) messagesEditChatTitle(q tl.Object) (any, error) {
	r := q.(*api.MessagesEditChatTitleRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.groupOf(w, me, r.ChatID)
		if err != nil {
			return nil, err
		}
		title := strings.TrimSpace(r.Title)
		if title == "" {
			return nil, rpcError(400, "CHAT_TITLE_EMPTY")
		}
		if title == ch.title {
			return nil, rpcError(400, "CHAT_NOT_MODIFIED")
		}
		ch.title = title
		return c.chatService(w, me, ch, &api.MessageActionChatEditTitle{Title: title}, 0), nil
	})
}

func (c *call) channelsEditTitle(q tl.Object) (any, error) {
	r := q.(*api.ChannelsEditTitleRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if !channelAdmin(ch, me) {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		title := strings.TrimSpace(r.Title)
		if title == "" {
			return nil, rpcError(400, "CHAT_TITLE_EMPTY")
		}
		if title == ch.title {
			return nil, rpcError(400, "CHAT_NOT_MODIFIED")
		}
		ch.title = title
		return c.channelService(w, me, ch, &api.MessageActionChatEditTitle{Title: title}, 0), nil
	})
}

// chatPhoto makes the photo of an InputChatPhoto: a new upload, a photo
// sent before, or none (delete).
func (c *call) chatPhoto(in api.InputChatPhotoClass) (*photo, error) {
	fs := c.dc.sb.files
	switch x := in.(type) {
	case *api.InputChatPhotoEmpty:
		return nil, nil
	case *api.InputChatUploadedPhoto:
		if x.File == nil {
			return nil, rpcError(400, "PHOTO_FILE_MISSING")
		}
		sf, _, err := fs.finalize(uploadKey{dc: c.dc.ID, user: c.userID()}, x.File)
		if err != nil {
			return nil, err
		}
		return fs.newPhoto(sf, c.dc.ID, c.now())
	case *api.InputChatPhoto:
		return fs.inputPhoto(x.ID)
	}
	return nil, rpcError(400, "PHOTO_INVALID")
}

// photoAction is the service action of a new or deleted chat photo.
func (c *call) photoAction(p *photo) api.MessageActionClass {
	if p == nil {
		return &api.MessageActionChatDeletePhoto{}
	}
	return &api.MessageActionChatEditPhoto{Photo: c.dc.sb.files.photoObject(p)}
}

func (c *call) messagesEditChatPhoto(q tl.Object) (any, error) {
	r := q.(*api.MessagesEditChatPhotoRequest)
	p, err := c.chatPhoto(r.Photo)
	if err != nil {
		return nil, err
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.groupOf(w, me, r.ChatID)
		if err != nil {
			return nil, err
		}
		ref := peerRef{'c', ch.id}
		if p == nil && w.td().chatPhotos[ref] == nil {
			return nil, rpcError(400, "CHAT_NOT_MODIFIED")
		}
		w.td().chatPhotos[ref] = p
		if p == nil {
			delete(w.td().chatPhotos, ref)
		}
		return c.chatService(w, me, ch, c.photoAction(p), 0), nil
	})
}

func (c *call) channelsEditPhoto(q tl.Object) (any, error) {
	r := q.(*api.ChannelsEditPhotoRequest)
	p, err := c.chatPhoto(r.Photo)
	if err != nil {
		return nil, err
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if !channelAdmin(ch, me) {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		ref := peerRef{'C', ch.id}
		w.td().chatPhotos[ref] = p
		if p == nil {
			delete(w.td().chatPhotos, ref)
		}
		return c.channelService(w, me, ch, c.photoAction(p), 0), nil
	})
}

func (c *call) messagesEditChatAbout(q tl.Object) (any, error) {
	r := q.(*api.MessagesEditChatAboutRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if len([]rune(r.About)) > 255 {
			return nil, rpcError(400, "CHAT_ABOUT_TOO_LONG")
		}
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		switch ref.kind {
		case 'c':
			ch, err := c.groupOf(w, me, ref.id)
			if err != nil {
				return nil, err
			}
			if !chatAdmin(ch, me) {
				return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
			}
			w.td().about[ch.id] = r.About
		case 'C':
			ch := w.channels[ref.id]
			if !channelAdmin(ch, me) {
				return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
			}
			if ch.about == r.About {
				return nil, rpcError(400, "CHAT_ABOUT_NOT_MODIFIED")
			}
			ch.about = r.About
		default:
			return nil, rpcError(400, "PEER_ID_INVALID")
		}
		return boolResult(true), nil
	})
}

// messagesUpdatePinnedMessage pins (or unpins) a message of a group or
// channel; a pin is a service message replying to the pinned one.
func (c *call) messagesUpdatePinnedMessage(q tl.Object) (any, error) {
	r := q.(*api.MessagesUpdatePinnedMessageRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		t := w.td()
		switch ref.kind {
		case 'C':
			ch := w.channels[ref.id]
			if !channelAdmin(ch, me) {
				return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
			}
			if !r.Unpin && ch.box.messages[r.ID] == nil {
				return nil, rpcError(400, "MESSAGE_ID_INVALID")
			}
			if r.Unpin {
				if t.pinned[ref] == 0 {
					return nil, rpcError(400, "MESSAGE_NOT_MODIFIED")
				}
				delete(t.pinned, ref)
				date := c.now()
				up := &api.UpdatePinnedChannelMessages{ChannelID: ch.id, Messages: []int32{r.ID}}
				up.Pts = ch.box.record(&api.UpdatePinnedChannelMessages{ChannelID: ch.id, Messages: []int32{r.ID}, Pts: ch.box.pts + 1, PtsCount: 1}, 1, date)
				up.PtsCount = 1
				for id := range ch.members {
					if id != me.id {
						w.push(w.users[id], &api.UpdateShort{Update: up, Date: date})
					}
				}
				_, chats := w.render(me, map[peerRef]bool{ref: true})
				return &api.Updates{Updates: []api.UpdateClass{up}, Users: []api.UserClass{}, Chats: chats, Date: date}, nil
			}
			t.pinned[ref] = r.ID
			return c.channelService(w, me, ch, &api.MessageActionPinMessage{}, r.ID), nil
		case 'c':
			ch, err := c.groupOf(w, me, ref.id)
			if err != nil {
				return nil, err
			}
			if r.Unpin {
				delete(t.pinned, ref)
				_, chats := w.render(me, map[peerRef]bool{ref: true})
				return &api.Updates{Updates: []api.UpdateClass{}, Users: []api.UserClass{}, Chats: chats, Date: c.now()}, nil
			}
			if me.box.messages[r.ID] == nil {
				return nil, rpcError(400, "MESSAGE_ID_INVALID")
			}
			t.pinned[ref] = r.ID
			return c.chatService(w, me, ch, &api.MessageActionPinMessage{}, r.ID), nil
		}
		return nil, rpcError(400, "PEER_ID_INVALID")
	})
}

// inviteLink is the link of an invite hash, in the form old bots look
// for.
func inviteLink(hash string) string { return "https://t.me/joinchat/" + hash }

func newInviteHash() string {
	var b [12]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// messagesExportChatInvite makes a new link for a group or channel,
// revoking the previous one.
func (c *call) messagesExportChatInvite(q tl.Object) (any, error) {
	r := q.(*api.MessagesExportChatInviteRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		switch ref.kind {
		case 'c':
			ch, err := c.groupOf(w, me, ref.id)
			if err != nil {
				return nil, err
			}
			if !chatAdmin(ch, me) {
				return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
			}
		case 'C':
			if !channelAdmin(w.channels[ref.id], me) {
				return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
			}
		default:
			return nil, rpcError(400, "PEER_ID_INVALID")
		}
		t := w.td()
		if old := t.inviteOf[ref]; old != "" {
			delete(t.invites, old)
		}
		hash := newInviteHash()
		t.invites[hash], t.inviteOf[ref] = ref, hash
		return &api.ChatInviteExported{Link: inviteLink(hash), AdminID: me.id, Date: c.now(), Permanent: true}, nil
	})
}

func (c *call) messagesCheckChatInvite(q tl.Object) (any, error) {
	r := q.(*api.MessagesCheckChatInviteRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, ok := w.td().invites[r.Hash]
		if !ok {
			return nil, rpcError(400, "INVITE_HASH_INVALID")
		}
		_, chats := w.render(me, map[peerRef]bool{ref: true})
		inv := &api.ChatInvite{Photo: &api.PhotoEmpty{}}
		var members []int64
		switch ref.kind {
		case 'c':
			ch := w.chats[ref.id]
			if ch.members[me.id] {
				return &api.ChatInviteAlready{Chat: chats[0]}, nil
			}
			inv.Title, inv.ParticipantsCount = ch.title, int32(len(ch.members))
			members = keys(ch.members)
		case 'C':
			ch := w.channels[ref.id]
			if _, member := ch.members[me.id]; member {
				return &api.ChatInviteAlready{Chat: chats[0]}, nil
			}
			inv.Title, inv.ParticipantsCount = ch.title, int32(len(ch.members))
			inv.Channel, inv.Megagroup, inv.Broadcast, inv.Public = true, ch.megagroup, !ch.megagroup, ch.username != ""
			for id := range ch.members {
				members = append(members, id)
			}
		}
		if p := w.td().chatPhotos[ref]; p != nil {
			inv.Photo = c.dc.sb.files.photoObject(p)
		}
		for i, id := range members {
			if i == 5 {
				break
			}
			inv.Participants = append(inv.Participants, w.userView(me, w.users[id]))
		}
		return inv, nil
	})
}

func (c *call) messagesImportChatInvite(q tl.Object) (any, error) {
	r := q.(*api.MessagesImportChatInviteRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, ok := w.td().invites[r.Hash]
		if !ok {
			return nil, rpcError(400, "INVITE_HASH_INVALID")
		}
		switch ref.kind {
		case 'c':
			ch := w.chats[ref.id]
			if ch.members[me.id] {
				return nil, rpcError(400, "USER_ALREADY_PARTICIPANT")
			}
			ch.members[me.id] = true
			ch.version++
			res := c.chatService(w, me, ch, &api.MessageActionChatJoinedByLink{InviterID: ch.creator}, 0)
			return &api.MessagesChatInviteJoinResultOk{Updates: res}, nil
		default:
			ch := w.channels[ref.id]
			if _, member := ch.members[me.id]; member {
				return nil, rpcError(400, "USER_ALREADY_PARTICIPANT")
			}
			if ch.banned[me.id] {
				return nil, rpcError(400, "USER_BANNED_IN_CHANNEL")
			}
			c.join(w, ch, me, 0)
			_, chats := w.render(me, map[peerRef]bool{ref: true})
			return &api.MessagesChatInviteJoinResultOk{Updates: &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}},
				Users: []api.UserClass{}, Chats: chats, Date: c.now()}}, nil
		}
	})
}

// messagesMigrateChat turns a basic group into a supergroup with the same
// members: the group is deactivated with a service message pointing to
// the channel, which opens with one pointing back.
func (c *call) messagesMigrateChat(q tl.Object) (any, error) {
	r := q.(*api.MessagesMigrateChatRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		gr, err := c.groupOf(w, me, r.ChatID)
		if err != nil {
			return nil, err
		}
		if gr.creator != me.id {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		if gr.migratedTo != 0 {
			return nil, rpcError(400, "CHAT_ID_INVALID")
		}
		w.nextChan++
		ch := &channel{id: w.nextChan, title: gr.title, creator: me.id, megagroup: true, members: map[int64]*participant{},
			banned: map[int64]bool{}, date: c.now(), box: newMessageBox(), about: w.td().about[gr.id]}
		for id := range gr.members {
			ch.members[id] = &participant{userID: id, date: c.now(), admin: gr.admins[id] || id == me.id}
		}
		w.channels[ch.id] = ch
		gr.migratedTo, gr.deactivated = ch.id, true
		res := c.chatService(w, me, gr, &api.MessageActionChatMigrateTo{ChannelID: ch.id}, 0)
		from := c.channelService(w, me, ch, &api.MessageActionChannelMigrateFrom{Title: gr.title, ChatID: gr.id}, 0)
		for id := range ch.members {
			w.touchDialog(w.users[id], peerRef{'C', ch.id}, ch.box.next, c.now(), false)
		}
		res.Updates = append(res.Updates, from.Updates...)
		res.Chats = append(res.Chats, from.Chats...)
		return res, nil
	})
}

func (c *call) channelsToggleSignatures(q tl.Object) (any, error) {
	r := q.(*api.ChannelsToggleSignaturesRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if ch.creator != me.id {
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		w.td().signatures[ch.id] = r.SignaturesEnabled
		_, chats := w.render(me, map[peerRef]bool{{'C', ch.id}: true})
		return &api.Updates{Updates: []api.UpdateClass{&api.UpdateChannel{ChannelID: ch.id}}, Users: []api.UserClass{}, Chats: chats, Date: c.now()}, nil
	})
}

func (c *call) messagesEditChatDefaultBannedRights(q tl.Object) (any, error) {
	r := q.(*api.MessagesEditChatDefaultBannedRightsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		switch {
		case ref.kind == 'c' && chatAdmin(w.chats[ref.id], me), ref.kind == 'C' && channelAdmin(w.channels[ref.id], me):
		default:
			return nil, rpcError(403, "CHAT_ADMIN_REQUIRED")
		}
		w.td().defaults[ref] = r.BannedRights
		_, chats := w.render(me, map[peerRef]bool{ref: true})
		return &api.Updates{Updates: []api.UpdateClass{}, Users: []api.UserClass{}, Chats: chats, Date: c.now()}, nil
	})
}

// tdChannelsGetFullChannel adds what the tdcli features know: the pinned
// message, the invite link, the counts of administrators and banned users,
// and whether members can be listed.
func (c *call) tdChannelsGetFullChannel(q tl.Object, next handler) (any, error) {
	res, err := next(c, q)
	if err != nil {
		return nil, err
	}
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	mcf, ok := res.(*api.MessagesChatFull)
	if !ok {
		return res, nil
	}
	full, ok := mcf.FullChat.(*api.ChannelFull)
	if !ok {
		return res, nil
	}
	ch := w.channels[full.ID]
	if ch == nil {
		return res, nil
	}
	t := w.td()
	ref := peerRef{'C', ch.id}
	me := c.user()
	if id := t.pinned[ref]; id != 0 {
		full.PinnedMsgID = tl.Some(id)
	}
	if h := t.inviteOf[ref]; h != "" && channelAdmin(ch, me) {
		full.ExportedInvite = &api.ChatInviteExported{Link: inviteLink(h), AdminID: ch.creator, Permanent: true}
	}
	admins, kicked, banned := int32(0), int32(0), int32(0)
	for _, p := range ch.members {
		if p.admin || p.userID == ch.creator {
			admins++
		}
	}
	for _, b := range t.bans[ch.id] {
		if b.rights.ViewMessages {
			kicked++
		} else {
			banned++
		}
	}
	full.AdminsCount, full.KickedCount, full.BannedCount = tl.Some(admins), tl.Some(kicked), tl.Some(banned)
	full.CanViewParticipants = ch.megagroup || channelAdmin(ch, me)
	full.CanSetUsername = ch.creator == me.id
	if p := t.chatPhotos[ref]; p != nil {
		full.ChatPhoto = c.dc.sb.files.photoObject(p)
	}
	for _, gr := range w.chats {
		if gr.migratedTo == ch.id {
			full.MigratedFromChatID = tl.Some(gr.id)
			full.MigratedFromMaxID = tl.Some(me.box.next)
		}
	}
	return res, nil
}

// tdMessagesGetFullChat adds the description, the pinned message, the
// invite link, the photo and the administrators of a basic group.
func (c *call) tdMessagesGetFullChat(q tl.Object, next handler) (any, error) {
	res, err := next(c, q)
	if err != nil {
		return nil, err
	}
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	mcf, ok := res.(*api.MessagesChatFull)
	if !ok {
		return res, nil
	}
	full, ok := mcf.FullChat.(*api.ChatFull)
	if !ok {
		return res, nil
	}
	gr := w.chats[full.ID]
	if gr == nil {
		return res, nil
	}
	t := w.td()
	ref := peerRef{'c', gr.id}
	full.About = t.about[gr.id]
	if id := t.pinned[ref]; id != 0 {
		full.PinnedMsgID = tl.Some(id)
	}
	if h := t.inviteOf[ref]; h != "" {
		full.ExportedInvite = &api.ChatInviteExported{Link: inviteLink(h), AdminID: gr.creator, Permanent: true}
	}
	if p := t.chatPhotos[ref]; p != nil {
		full.ChatPhoto = c.dc.sb.files.photoObject(p)
	}
	if parts, ok := full.Participants.(*api.ChatParticipants); ok {
		for i, p := range parts.Participants {
			if x, ok := p.(*api.ChatParticipant); ok && gr.admins[x.UserID] {
				parts.Participants[i] = &api.ChatParticipantAdmin{UserID: x.UserID, InviterID: x.InviterID, Date: x.Date}
			}
		}
	}
	return res, nil
}
