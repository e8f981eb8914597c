package tdconv

import (
	"reflect"

	"github.com/luagram/luagram/tl/api"
)

var (
	userClassType    = reflect.TypeFor[api.UserClass]()
	chatClassType    = reflect.TypeFor[api.ChatClass]()
	updatesClassType = reflect.TypeFor[api.UpdatesClass]()
)

// absorb learns the users and chats of a result: a vector of them, or the
// top-level fields (Users, Chats, User), and those of an Updates it holds.
func (s *Layer) absorb(o any) {
	switch x := o.(type) {
	case []api.UserClass: // users.getUsers
		s.learn(x, nil)
		return
	case []api.ChatClass:
		s.learn(nil, x)
		return
	}
	v := reflect.ValueOf(o)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	var users []api.UserClass
	var chats []api.ChatClass
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch {
		case f.Kind() == reflect.Slice && f.Type().Elem() == userClassType:
			users = append(users, f.Interface().([]api.UserClass)...)
		case f.Kind() == reflect.Slice && f.Type().Elem() == chatClassType:
			chats = append(chats, f.Interface().([]api.ChatClass)...)
		case f.Type() == userClassType && !f.IsNil():
			users = append(users, f.Interface().(api.UserClass))
		case f.Type() == updatesClassType && !f.IsNil():
			s.absorb(f.Interface())
		}
	}
	s.learn(users, chats)
}

// learn stores users and chats, and announces the new and the changed
// ones: UpdateUser, UpdateGroup, UpdateChannel, and UpdateChatTitle or
// UpdateChatPhoto for chats whose title or photo changed.
func (s *Layer) learn(users []api.UserClass, chats []api.ChatClass) {
	if len(users)+len(chats) == 0 {
		return
	}
	var out []Object
	s.mu.Lock()
	for _, uc := range users {
		u, ok := uc.(*api.User)
		if !ok {
			continue
		}
		old := s.users[u.ID]
		if old != nil && u.Min {
			continue // a min constructor knows less than what we have
		}
		if u.Self {
			s.self = u
		}
		s.users[u.ID] = u
		if old == nil || userChanged(old, u) {
			out = append(out, &UpdateUser{User: s.user(u)})
		}
		if old != nil && s.known[u.ID] {
			if n, o := fullName(u), fullName(old); n != o {
				out = append(out, &UpdateChatTitle{ChatID: u.ID, Title: n})
			}
		}
	}
	for _, cc := range chats {
		switch c := cc.(type) {
		case *api.Chat:
			old := s.groups[c.ID]
			s.groups[c.ID] = c
			if old == nil || groupChanged(old, c) {
				out = append(out, &UpdateGroup{Group: s.group(c)})
			}
			if old != nil {
				out = append(out, s.titlePhoto(GroupChatID(c.ID), old.Title, c.Title, photoID(old.Photo), photoID(c.Photo))...)
			}
		case *api.ChatForbidden:
			old := s.groups[c.ID]
			g := &api.Chat{ID: c.ID, Title: c.Title, Left: true, Photo: &api.ChatPhotoEmpty{}}
			if old != nil {
				cp := *old
				cp.Title, cp.Left = c.Title, true
				g = &cp
			}
			s.groups[c.ID] = g
			if old == nil || !old.Left {
				out = append(out, &UpdateGroup{Group: s.group(g)})
			}
		case *api.Channel:
			old := s.channels[c.ID]
			if old != nil && c.Min {
				continue
			}
			s.channels[c.ID] = c
			if old == nil || channelChanged(old, c) {
				out = append(out, &UpdateChannel{Channel: s.channel(c)})
			}
			if old != nil {
				out = append(out, s.titlePhoto(ChannelChatID(c.ID), old.Title, c.Title, photoID(old.Photo), photoID(c.Photo))...)
			}
		case *api.ChannelForbidden:
			old := s.channels[c.ID]
			ch := &api.Channel{ID: c.ID, Title: c.Title, Megagroup: c.Megagroup, Broadcast: c.Broadcast,
				Left: true, BannedRights: &api.ChatBannedRights{ViewMessages: true}, Photo: &api.ChatPhotoEmpty{}}
			s.channels[c.ID] = ch
			if old == nil || !old.Left {
				out = append(out, &UpdateChannel{Channel: s.channel(ch)})
			}
		}
	}
	s.mu.Unlock()
	for _, o := range out {
		s.emit(o)
	}
}

// titlePhoto announces a changed title or photo of a chat already
// announced. Call with s.mu held.
func (s *Layer) titlePhoto(chatID int64, oldTitle, title string, oldPhoto, photo int64) []Object {
	if !s.known[chatID] {
		return nil
	}
	var out []Object
	if oldTitle != title {
		out = append(out, &UpdateChatTitle{ChatID: chatID, Title: title})
	}
	if oldPhoto != photo {
		out = append(out, &UpdateChatPhoto{ChatID: chatID, Photo: s.chatPhotoOf(chatID, photo)})
	}
	return out
}

func userChanged(a, b *api.User) bool {
	return a.FirstName != b.FirstName || a.LastName != b.LastName || a.Username != b.Username ||
		a.Phone != b.Phone || a.Contact != b.Contact || a.MutualContact != b.MutualContact ||
		a.Deleted != b.Deleted || a.Verified != b.Verified || photoID(a.Photo) != photoID(b.Photo)
}

func groupChanged(a, b *api.Chat) bool {
	return a.Title != b.Title || a.ParticipantsCount != b.ParticipantsCount || a.Left != b.Left ||
		a.Deactivated != b.Deactivated || a.Creator != b.Creator || (a.AdminRights == nil) != (b.AdminRights == nil) ||
		(a.MigratedTo == nil) != (b.MigratedTo == nil)
}

func channelChanged(a, b *api.Channel) bool {
	return a.Title != b.Title || a.Username != b.Username || a.Left != b.Left || a.Creator != b.Creator ||
		a.Megagroup != b.Megagroup || a.Signatures != b.Signatures || a.Verified != b.Verified ||
		memberStatusName(channelStatus(a)) != memberStatusName(channelStatus(b))
}

// photoID returns the id of a user's or chat's photo, 0 if none.
func photoID(p any) int64 {
	switch x := p.(type) {
	case *api.UserProfilePhoto:
		return x.PhotoID
	case *api.ChatPhoto:
		return x.PhotoID
	}
	return 0
}

func memberStatusName(st ChatMemberStatusClass) string {
	if st == nil {
		return ""
	}
	return st.TDID()
}

// selfID returns the account's user id, 0 before it is known.
func (s *Layer) selfID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.self == nil {
		return 0
	}
	return s.self.ID
}
