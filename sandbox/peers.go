package sandbox

import (
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.UsersGetUsersRequestTypeID] = (*call).usersGetUsers
	handlers[api.UsersGetFullUserRequestTypeID] = (*call).usersGetFullUser
	handlers[api.ContactsResolveUsernameRequestTypeID] = (*call).contactsResolveUsername
	handlers[api.AccountUpdateUsernameRequestTypeID] = (*call).accountUpdateUsername
	handlers[api.AccountUpdateProfileRequestTypeID] = (*call).accountUpdateProfile
}

// inputUser resolves an InputUser for viewer, checking access hashes as
// the real servers do. Call with w.mu held.
func (c *call) inputUser(viewer *user, in api.InputUserClass) (*user, error) {
	w := c.dc.sb.world
	switch x := in.(type) {
	case *api.InputUserSelf:
		return viewer, nil
	case *api.InputUser:
		u := w.users[x.UserID]
		if u == nil || x.AccessHash != w.accessHash(viewer.id, 'u', u.id) && u.id != viewer.id {
			return nil, rpcError(400, "USER_ID_INVALID")
		}
		return u, nil
	case *api.InputUserFromMessage:
		u := w.users[x.UserID]
		if u == nil {
			return nil, rpcError(400, "USER_ID_INVALID")
		}
		return u, nil
	}
	return nil, rpcError(400, "USER_ID_INVALID")
}

// inputPeer resolves an InputPeer. Call with w.mu held.
func (c *call) inputPeer(viewer *user, in api.InputPeerClass) (peerRef, error) {
	w := c.dc.sb.world
	switch x := in.(type) {
	case *api.InputPeerSelf:
		return peerRef{'u', viewer.id}, nil
	case *api.InputPeerUser:
		u := w.users[x.UserID]
		if u == nil || x.AccessHash != w.accessHash(viewer.id, 'u', u.id) && u.id != viewer.id {
			return peerRef{}, rpcError(400, "PEER_ID_INVALID")
		}
		return peerRef{'u', u.id}, nil
	case *api.InputPeerUserFromMessage:
		if w.users[x.UserID] == nil {
			return peerRef{}, rpcError(400, "PEER_ID_INVALID")
		}
		return peerRef{'u', x.UserID}, nil
	case *api.InputPeerChat:
		ch := w.chats[x.ChatID]
		if ch == nil || !ch.members[viewer.id] {
			return peerRef{}, rpcError(400, "CHAT_ID_INVALID")
		}
		return peerRef{'c', ch.id}, nil
	case *api.InputPeerChannel:
		ch := w.channels[x.ChannelID]
		if ch == nil || x.AccessHash != w.accessHash(viewer.id, 'C', ch.id) {
			return peerRef{}, rpcError(400, "CHANNEL_INVALID")
		}
		return peerRef{'C', ch.id}, nil
	case *api.InputPeerChannelFromMessage:
		if w.channels[x.ChannelID] == nil {
			return peerRef{}, rpcError(400, "CHANNEL_INVALID")
		}
		return peerRef{'C', x.ChannelID}, nil
	}
	return peerRef{}, rpcError(400, "PEER_ID_INVALID")
}

// inputChannel resolves an InputChannel. Call with w.mu held.
func (c *call) inputChannel(viewer *user, in api.InputChannelClass) (*channel, error) {
	w := c.dc.sb.world
	switch x := in.(type) {
	case *api.InputChannel:
		ch := w.channels[x.ChannelID]
		if ch == nil || x.AccessHash != w.accessHash(viewer.id, 'C', ch.id) {
			return nil, rpcError(400, "CHANNEL_INVALID")
		}
		return ch, nil
	case *api.InputChannelFromMessage:
		if ch := w.channels[x.ChannelID]; ch != nil {
			return ch, nil
		}
	}
	return nil, rpcError(400, "CHANNEL_INVALID")
}

// withUser runs f with the logged-in user and the world locked.
func (c *call) withUser(f func(w *world, me *user) (any, error)) (any, error) {
	w := c.dc.sb.world
	w.mu.Lock()
	defer w.mu.Unlock()
	me := c.user()
	if me == nil {
		return nil, rpcError(401, "AUTH_KEY_UNREGISTERED")
	}
	return f(w, me)
}

func (c *call) usersGetUsers(q tl.Object) (any, error) {
	r := q.(*api.UsersGetUsersRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		var out []byte
		var b tl.Buffer
		b.VectorHeader(len(r.ID))
		for _, in := range r.ID {
			u, err := c.inputUser(me, in)
			if err != nil {
				b.Object(&api.UserEmpty{}, "userEmpty")
				continue
			}
			b.Object(w.userView(me, u), "user")
		}
		out = b.Buf
		return rawResult(out), nil
	})
}

func (c *call) usersGetFullUser(q tl.Object) (any, error) {
	r := q.(*api.UsersGetFullUserRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		u, err := c.inputUser(me, r.ID)
		if err != nil {
			return nil, err
		}
		full := api.UserFull{ID: u.id, Settings: api.PeerSettings{}, NotifySettings: api.PeerNotifySettings{},
			Blocked: me.blocked[u.id], CommonChatsCount: 0}
		if u.about != "" {
			full.About = tl.Some(u.about)
		}
		if u.bot {
			full.BotInfo = &api.BotInfo{UserID: tl.Some(u.id), Description: tl.Some("A sandbox bot.")}
		}
		return &api.UsersUserFull{FullUser: full, Chats: []api.ChatClass{}, Users: []api.UserClass{w.userView(me, u)}}, nil
	})
}

func (c *call) contactsResolveUsername(q tl.Object) (any, error) {
	r := q.(*api.ContactsResolveUsernameRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, ok := w.byName[strings.ToLower(strings.TrimPrefix(r.Username, "@"))]
		if !ok {
			return nil, rpcError(400, "USERNAME_NOT_OCCUPIED")
		}
		users, chats := w.render(me, map[peerRef]bool{ref: true})
		return &api.ContactsResolvedPeer{Peer: ref.peer(), Users: users, Chats: chats}, nil
	})
}

func validUsername(s string) bool {
	if len(s) < 5 || len(s) > 32 {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case (r >= '0' && r <= '9' || r == '_') && i > 0:
		default:
			return false
		}
	}
	return true
}

func (c *call) accountUpdateUsername(q tl.Object) (any, error) {
	r := q.(*api.AccountUpdateUsernameRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if r.Username != "" && !validUsername(r.Username) {
			return nil, rpcError(400, "USERNAME_INVALID")
		}
		if strings.EqualFold(r.Username, me.username) && r.Username != "" {
			return nil, rpcError(400, "USERNAME_NOT_MODIFIED")
		}
		if !w.setUsername(peerRef{'u', me.id}, me.username, r.Username) {
			return nil, rpcError(400, "USERNAME_OCCUPIED")
		}
		me.username = r.Username
		return w.userView(me, me), nil
	})
}

func (c *call) accountUpdateProfile(q tl.Object) (any, error) {
	r := q.(*api.AccountUpdateProfileRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if v, ok := r.FirstName.Get(); ok {
			if strings.TrimSpace(v) == "" {
				return nil, rpcError(400, "FIRSTNAME_INVALID")
			}
			me.first = v
		}
		if v, ok := r.LastName.Get(); ok {
			me.last = v
		}
		if v, ok := r.About.Get(); ok {
			if len(v) > 70 {
				return nil, rpcError(400, "ABOUT_TOO_LONG")
			}
			me.about = v
		}
		return w.userView(me, me), nil
	})
}
