package sandbox

import (
	"sync"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// What the features legacy tdcli bots need keep beside the world (the
// td_*.go files): bans with who banned, the rights of administrators,
// pinned messages, invite links, chat and profile photos, group
// descriptions, message views and inline queries waiting for a bot. It is
// guarded by the world's lock.
type tdWorld struct {
	bans        map[int64]map[int64]ban                 // channel → user
	adminRights map[int64]map[int64]api.ChatAdminRights // channel → user
	pinned      map[peerRef]int32                       // groups and channels
	invites     map[string]peerRef                      // invite hash → chat
	inviteOf    map[peerRef]string                      // a chat's current hash
	chatPhotos  map[peerRef]*photo
	userPhotos  map[int64][]*photo // newest first
	about       map[int64]string   // basic groups
	views       map[peerRef]map[int32]int32
	signatures  map[int64]bool
	defaults    map[peerRef]api.ChatBannedRights
	inline      map[int64]*inlineQuery // by query id
	status      map[int64]api.UserStatusClass
	accounts    map[int64]*tdAccount // see td_account.go
	deleted     map[int64]bool       // users who deleted their account
	stickers    *stickerWorld        // see stickers.go; made on first use
	games       *gameWorld           // see games.go; made on first use
	security    *securityWorld       // see account_password.go; made on first use
}

// A ban is a user banned from a channel.
type ban struct {
	by     int64
	date   int32
	rights api.ChatBannedRights
}

var (
	tdWorldsMu sync.Mutex
	tdWorlds   = map[*world]*tdWorld{}
)

// forgetTD drops the world's tdcli state, which would otherwise keep the
// world, and through its users' sessions the whole sandbox, alive after
// Close.
func (w *world) forgetTD() {
	tdWorldsMu.Lock()
	delete(tdWorlds, w)
	tdWorldsMu.Unlock()
}

// td returns the world's tdcli state. Call with w.mu held.
func (w *world) td() *tdWorld {
	tdWorldsMu.Lock()
	defer tdWorldsMu.Unlock()
	t := tdWorlds[w]
	if t == nil {
		t = &tdWorld{bans: map[int64]map[int64]ban{}, adminRights: map[int64]map[int64]api.ChatAdminRights{},
			pinned: map[peerRef]int32{}, invites: map[string]peerRef{}, inviteOf: map[peerRef]string{},
			chatPhotos: map[peerRef]*photo{}, userPhotos: map[int64][]*photo{}, about: map[int64]string{},
			views: map[peerRef]map[int32]int32{}, signatures: map[int64]bool{}, defaults: map[peerRef]api.ChatBannedRights{},
			inline: map[int64]*inlineQuery{}, status: map[int64]api.UserStatusClass{},
			accounts: map[int64]*tdAccount{}, deleted: map[int64]bool{}}
		tdWorlds[w] = t
	}
	return t
}

// wrap replaces the handler of a method by one that may serve it first:
// next is the handler registered before (in a file sorted earlier).
func wrap(id uint32, h func(c *call, q tl.Object, next handler) (any, error)) {
	next := handlers[id]
	if next == nil {
		panic("sandbox: wrapping a method with no handler")
	}
	handlers[id] = func(c *call, q tl.Object) (any, error) { return h(c, q, next) }
}

// channelService records a service message of a channel, pushes it to
// every member but me, and returns my answer.
func (c *call) channelService(w *world, me *user, ch *channel, action api.MessageActionClass, replyTo int32, also ...int64) *api.Updates {
	date := c.now()
	svc := &api.MessageService{ID: ch.box.nextID(), FromID: &api.PeerUser{UserID: me.id}, PeerID: &api.PeerChannel{ChannelID: ch.id},
		Date: date, Action: action}
	if replyTo != 0 {
		svc.ReplyTo = &api.MessageReplyHeader{ReplyToMsgID: tl.Some(replyTo)}
	}
	pts := ch.box.record(&api.UpdateNewChannelMessage{Message: svc, Pts: ch.box.pts + 1, PtsCount: 1}, 1, date)
	refs := map[peerRef]bool{{'C', ch.id}: true, {'u', me.id}: true}
	for _, id := range also {
		refs[peerRef{'u', id}] = true
	}
	recipients := map[int64]bool{}
	for id := range ch.members {
		recipients[id] = true
	}
	for _, id := range also {
		recipients[id] = true
	}
	for id := range recipients {
		u := w.users[id]
		if u == nil || id == me.id {
			continue
		}
		w.touchDialog(u, peerRef{'C', ch.id}, svc.ID, date, false)
		users, chats := w.render(u, refs)
		w.push(u, &api.Updates{Updates: []api.UpdateClass{&api.UpdateNewChannelMessage{Message: svc, Pts: pts, PtsCount: 1}},
			Users: users, Chats: chats, Date: date})
	}
	users, chats := w.render(me, refs)
	return &api.Updates{Updates: []api.UpdateClass{&api.UpdateNewChannelMessage{Message: svc, Pts: pts, PtsCount: 1}},
		Users: users, Chats: chats, Date: date}
}

// chatService delivers a service message to every member of a basic
// group (and to also, such as a member just removed), each in their own
// box, and returns my answer.
func (c *call) chatService(w *world, me *user, ch *chat, action api.MessageActionClass, replyTo int32, also ...int64) *api.Updates {
	date := c.now()
	refs := map[peerRef]bool{{'c', ch.id}: true, {'u', me.id}: true}
	recipients := map[int64]bool{me.id: true}
	for id := range ch.members {
		recipients[id] = true
	}
	for _, id := range also {
		recipients[id] = true
		refs[peerRef{'u', id}] = true
	}
	var mine *api.Updates
	for id := range recipients {
		u := w.users[id]
		if u == nil {
			continue
		}
		m := &api.MessageService{Out: id == me.id, ID: u.box.nextID(), FromID: &api.PeerUser{UserID: me.id},
			PeerID: &api.PeerChat{ChatID: ch.id}, Date: date, Action: action}
		if replyTo != 0 {
			if id == me.id {
				m.ReplyTo = &api.MessageReplyHeader{ReplyToMsgID: tl.Some(replyTo)}
			} else if theirs := w.counterpartIn(u, me, ch, replyTo); theirs != 0 {
				m.ReplyTo = &api.MessageReplyHeader{ReplyToMsgID: tl.Some(theirs)}
			}
		}
		pts := u.box.record(&api.UpdateNewMessage{Message: m, Pts: u.box.pts + 1, PtsCount: 1}, 1, date)
		w.touchDialog(u, peerRef{'c', ch.id}, m.ID, date, false)
		users, chats := w.render(u, refs)
		upd := &api.Updates{Updates: []api.UpdateClass{&api.UpdateNewMessage{Message: m, Pts: pts, PtsCount: 1}},
			Users: users, Chats: chats, Date: date}
		if id == me.id {
			mine = upd
		} else {
			w.push(u, upd)
		}
	}
	return mine
}

// counterpartIn finds, in u's box, the copy of my group message id.
func (w *world) counterpartIn(u, me *user, ch *chat, id int32) int32 {
	if tid, ok := w.linkedCopy(me.id, id, u); ok {
		return tid
	}
	m := me.box.messages[id]
	if m == nil {
		return 0
	}
	for tid, tm := range u.box.messages {
		if tm.Date == m.Date && tm.Message == m.Message && refOf(tm.PeerID) == (peerRef{'c', ch.id}) {
			return tid
		}
	}
	return 0
}

// channelAdmin reports whether u may manage ch: its creator or an
// administrator.
func channelAdmin(ch *channel, u *user) bool {
	p := ch.members[u.id]
	return ch.creator == u.id || p != nil && p.admin
}

// chatAdmin reports whether u may manage a basic group.
func chatAdmin(ch *chat, u *user) bool { return ch.creator == u.id || ch.admins[u.id] }
