package tdconv

import (
	"strings"

	"github.com/luagram/luagram/tl/api"
)

// The conversions of users, groups, channels and chats. They read the
// Layer's caches and must be called with s.mu held.

// user converts an MTProto user.
func (s *Layer) user(u *api.User) *User {
	if u == nil {
		return nil
	}
	t := &User{
		ID: u.ID, FirstName: u.FirstName.Value, LastName: u.LastName.Value, Username: u.Username.Value,
		PhoneNumber: u.Phone.Value, Status: userStatus(u.Status), IsVerified: u.Verified,
		RestrictionReason: restriction(u.RestrictionReason), HaveAccess: !u.Min,
		MyLink: &LinkStateNone{}, ForeignLink: &LinkStateNone{},
	}
	if t.Username == "" {
		for _, un := range u.Usernames {
			if un.Active {
				t.Username = un.Username
				break
			}
		}
	}
	switch {
	case u.Contact:
		t.MyLink = &LinkStateContact{}
	case u.Phone.Set:
		t.MyLink = &LinkStateKnowsPhoneNumber{}
	}
	if u.MutualContact {
		t.ForeignLink = &LinkStateContact{}
	}
	if p, ok := u.Photo.(*api.UserProfilePhoto); ok {
		t.ProfilePhoto = &ProfilePhoto{ID: p.PhotoID, Small: s.peerPhotoFile(u.ID, p.PhotoID, false),
			Big: s.peerPhotoFile(u.ID, p.PhotoID, true)}
	}
	switch {
	case u.Deleted:
		t.Type = &UserTypeDeleted{}
	case u.Bot:
		t.Type = &UserTypeBot{CanJoinGroupChats: !u.BotNochats, CanReadAllGroupChatMessages: u.BotChatHistory,
			IsInline: u.BotInlinePlaceholder.Set, InlineQueryPlaceholder: u.BotInlinePlaceholder.Value,
			NeedLocation: u.BotInlineGeo}
	default:
		t.Type = &UserTypeGeneral{}
	}
	return t
}

// userByID converts a cached user, or a user known only by id.
func (s *Layer) userByID(id int64) *User {
	if u := s.users[id]; u != nil {
		return s.user(u)
	}
	return &User{ID: id, Status: &UserStatusEmpty{}, MyLink: &LinkStateNone{}, ForeignLink: &LinkStateNone{},
		Type: &UserTypeUnknown{}}
}

func userStatus(st api.UserStatusClass) UserStatusClass {
	switch x := st.(type) {
	case *api.UserStatusOnline:
		return &UserStatusOnline{Expires: int64(x.Expires)}
	case *api.UserStatusOffline:
		return &UserStatusOffline{WasOnline: int64(x.WasOnline)}
	case *api.UserStatusRecently:
		return &UserStatusRecently{}
	case *api.UserStatusLastWeek:
		return &UserStatusLastWeek{}
	case *api.UserStatusLastMonth:
		return &UserStatusLastMonth{}
	}
	return &UserStatusEmpty{}
}

// restriction renders restriction reasons as "{type}-{platforms}: text".
func restriction(rs []api.RestrictionReason) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Reason+"-"+r.Platform+": "+r.Text)
	}
	return strings.Join(parts, "; ")
}

func fullName(u *api.User) string {
	return strings.TrimSpace(u.FirstName.Value + " " + u.LastName.Value)
}

// group converts a basic group.
func (s *Layer) group(c *api.Chat) *Group {
	g := &Group{ID: c.ID, MemberCount: int64(c.ParticipantsCount), IsActive: !c.Deactivated, Status: groupStatus(c)}
	if in, ok := c.MigratedTo.(*api.InputChannel); ok {
		g.MigratedToChannelID = in.ChannelID
	}
	if c.DefaultBannedRights != nil {
		// "All members are administrators" became the absence of
		// restrictions on changing the chat.
		g.AnyoneCanEdit = !c.DefaultBannedRights.ChangeInfo
	}
	return g
}

func groupStatus(c *api.Chat) ChatMemberStatusClass {
	switch {
	case c.Creator && !c.Left:
		return &ChatMemberStatusCreator{}
	case c.Left && c.Deactivated:
		return &ChatMemberStatusLeft{}
	case c.Left:
		return &ChatMemberStatusLeft{}
	case c.AdminRights != nil:
		return &ChatMemberStatusEditor{}
	}
	return &ChatMemberStatusMember{}
}

// channel converts a channel or supergroup.
func (s *Layer) channel(c *api.Channel) *Channel {
	t := &Channel{ID: c.ID, Username: c.Username.Value, Date: int64(c.Date), Status: channelStatus(c),
		SignMessages: c.Signatures, IsSupergroup: c.Megagroup, IsVerified: c.Verified,
		RestrictionReason: restriction(c.RestrictionReason)}
	if t.Username == "" {
		for _, un := range c.Usernames {
			if un.Active {
				t.Username = un.Username
				break
			}
		}
	}
	t.AnyoneCanInvite = c.Megagroup && (c.DefaultBannedRights == nil || !c.DefaultBannedRights.InviteUsers)
	return t
}

// channelStatus is the account's status in a channel. Administrators who
// may change the channel, post or add members are editors; those who may
// only delete messages and ban are moderators, as in the schema's day.
func channelStatus(c *api.Channel) ChatMemberStatusClass {
	switch {
	case c.Creator && !c.Left:
		return &ChatMemberStatusCreator{}
	case c.BannedRights != nil && c.BannedRights.ViewMessages:
		return &ChatMemberStatusKicked{}
	case c.Left:
		return &ChatMemberStatusLeft{}
	case c.AdminRights != nil:
		return adminStatus(c.AdminRights)
	}
	return &ChatMemberStatusMember{}
}

func adminStatus(r *api.ChatAdminRights) ChatMemberStatusClass {
	if r.ChangeInfo || r.PostMessages || r.InviteUsers || r.AddAdmins || r.EditMessages || r.PinMessages {
		return &ChatMemberStatusEditor{}
	}
	return &ChatMemberStatusModerator{}
}

// chatTitle returns the title of a chat and whether it is known.
func (s *Layer) chatTitle(chatID int64) (string, bool) {
	switch kind, id := SplitChatID(chatID); kind {
	case PrivateChat:
		if u := s.users[id]; u != nil {
			return fullName(u), true
		}
	case GroupChat:
		if g := s.groups[id]; g != nil {
			return g.Title, true
		}
	case ChannelChat:
		if c := s.channels[id]; c != nil {
			return c.Title, true
		}
	}
	return "", false
}

// chat converts what the Layer knows of a chat; nil if it knows
// nothing.
func (s *Layer) chat(chatID int64) *Chat {
	title, ok := s.chatTitle(chatID)
	if !ok {
		return nil
	}
	c := &Chat{ID: chatID, Title: title, NotificationSettings: s.notificationSettingsTD(nil)}
	switch kind, id := SplitChatID(chatID); kind {
	case PrivateChat:
		u := s.users[id]
		c.Type = &PrivateChatInfo{User: s.user(u)}
		if p, ok := u.Photo.(*api.UserProfilePhoto); ok {
			c.Photo = s.chatPhotoOf(chatID, p.PhotoID)
		}
	case GroupChat:
		g := s.groups[id]
		c.Type = &GroupChatInfo{Group: s.group(g)}
		c.Photo = s.chatPhotoOf(chatID, photoID(g.Photo))
	case ChannelChat:
		ch := s.channels[id]
		c.Type = &ChannelChatInfo{Channel: s.channel(ch)}
		c.Photo = s.chatPhotoOf(chatID, photoID(ch.Photo))
	}
	if d := s.dialogs[chatID]; d != nil {
		c.TopMessage, c.Order, c.UnreadCount = d.top, d.order, int64(d.unread)
		c.LastReadInboxMessageID = MessageID(d.readInbox)
		c.LastReadOutboxMessageID = MessageID(d.readOutbox)
		if d.notify != nil {
			n := *d.notify
			c.NotificationSettings = &n
		}
		c.DraftMessage = d.draft
		if d.top != nil && d.top.ReplyMarkup != nil {
			if _, inline := d.top.ReplyMarkup.(*ReplyMarkupInlineKeyboard); !inline {
				c.ReplyMarkupMessageID = d.top.ID
			}
		}
	}
	return c
}

// chatPhotoOf returns the photo of a chat, nil if it has none.
func (s *Layer) chatPhotoOf(chatID, photo int64) *ChatPhoto {
	if photo == 0 {
		return nil
	}
	return &ChatPhoto{Small: s.peerPhotoFile(chatID, photo, false), Big: s.peerPhotoFile(chatID, photo, true)}
}

// order is the position of a chat in the chat list: later last messages
// first, as TDLib ordered them (date, then message id).
func order(date, id int32) int64 { return int64(date)<<32 | int64(uint32(id)) }
