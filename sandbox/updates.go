package sandbox

import (
	"math/rand/v2"
	"sync"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// A messageBox numbers messages: every user has one for private chats and
// basic groups (the same message has a different id for each member), and
// every channel has its own.
type messageBox struct {
	next     int32
	messages map[int32]*api.Message
	pts      int32
	qts      int32
	seq      int32
	log      []event
}

// An event is one step of a pts sequence: the update, and how many pts it
// took.
type event struct {
	pts      int32
	ptsCount int32
	update   api.UpdateClass
	date     int32
}

// newMessageBox starts a box. Like Telegram's, sequences start at 1, so
// that 0 can mean "no state" to a client.
func newMessageBox() *messageBox {
	return &messageBox{messages: map[int32]*api.Message{}, pts: 1, qts: 1, seq: 1}
}

// nextID allocates a message id.
func (b *messageBox) nextID() int32 {
	b.next++
	return b.next
}

// maxLog is how many events a box keeps for getDifference; older gaps get
// differenceTooLong.
const maxLog = 100000

// record appends an event, advancing pts by count, and returns the new pts.
func (b *messageBox) record(u api.UpdateClass, count int32, date int32) int32 {
	b.pts += count
	b.log = append(b.log, event{pts: b.pts, ptsCount: count, update: u, date: date})
	if len(b.log) > maxLog {
		b.log = append([]event(nil), b.log[len(b.log)-maxLog/2:]...)
	}
	return b.pts
}

// since returns the events after pts, and whether the log still reaches
// back that far.
func (b *messageBox) since(pts int32) ([]event, bool) {
	if pts >= b.pts {
		return nil, true
	}
	if len(b.log) == 0 {
		return nil, pts == b.pts
	}
	if b.log[0].pts-b.log[0].ptsCount > pts {
		return nil, false
	}
	lo, hi := 0, len(b.log)
	for lo < hi {
		mid := (lo + hi) / 2
		if b.log[mid].pts <= pts {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return b.log[lo:], true
}

// updateFaults drops a fraction of pushed updates (they stay in the log, so
// getDifference recovers them, as on Telegram when a push is lost).
type updateFaults struct {
	mu   sync.Mutex
	drop float64
}

// SetUpdateDropRate makes the sandbox drop this fraction of the updates it
// pushes to clients.
func (sb *Sandbox) SetUpdateDropRate(rate float64) {
	sb.world.faults.mu.Lock()
	sb.world.faults.drop = rate
	sb.world.faults.mu.Unlock()
}

func (f *updateFaults) dropped() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.drop > 0 && rand.Float64() < f.drop
}

// push sends an update message to every session of u. Call with w.mu held.
func (w *world) push(u *user, o tl.Object) {
	if len(u.sessions) == 0 {
		return
	}
	if w.faults.dropped() {
		return
	}
	var b tl.Buffer
	b.Object(o, o.TypeName())
	for ss := range u.sessions {
		if ss.Connected() {
			ss.Push(b.Buf)
		}
	}
}

// state is updates.state of u. Call with w.mu held.
func (w *world) state(u *user, now int32) api.UpdatesState {
	return api.UpdatesState{Pts: u.box.pts, Qts: u.box.qts, Date: now, Seq: u.box.seq, UnreadCount: w.unread(u)}
}

func (w *world) unread(u *user) int32 {
	var n int32
	for _, d := range u.dialogs {
		n += d.unreadCount
	}
	return n
}

// differenceLimit is how many events one getDifference returns before
// answering with a slice.
const differenceLimit = 100

// difference answers updates.getDifference for u from pts.
func (w *world) difference(u *user, pts int32, now int32) api.UpdatesDifferenceClass {
	if pts == u.box.pts {
		return &api.UpdatesDifferenceEmpty{Date: now, Seq: u.box.seq}
	}
	events, ok := u.box.since(pts)
	if !ok || pts > u.box.pts {
		return &api.UpdatesDifferenceTooLong{Pts: u.box.pts}
	}
	slice := len(events) > differenceLimit
	if slice {
		events = events[:differenceLimit]
	}
	var msgs []api.MessageClass
	var other []api.UpdateClass
	refs := map[peerRef]bool{}
	for _, e := range events {
		if nm, isNew := e.update.(*api.UpdateNewMessage); isNew {
			msgs = append(msgs, nm.Message)
		} else {
			other = append(other, e.update)
		}
		collectRefs(e.update, refs)
	}
	users, chats := w.render(u, refs)
	if msgs == nil {
		msgs = []api.MessageClass{}
	}
	if other == nil {
		other = []api.UpdateClass{}
	}
	st := w.state(u, now)
	if slice {
		st.Pts = events[len(events)-1].pts
		return &api.UpdatesDifferenceSlice{NewMessages: msgs, NewEncryptedMessages: []api.EncryptedMessageClass{},
			OtherUpdates: other, Chats: chats, Users: users, IntermediateState: st}
	}
	return &api.UpdatesDifference{NewMessages: msgs, NewEncryptedMessages: []api.EncryptedMessageClass{},
		OtherUpdates: other, Chats: chats, Users: users, State: st}
}

// collectRefs notes the peers an update mentions.
func collectRefs(u api.UpdateClass, refs map[peerRef]bool) {
	switch x := u.(type) {
	case *api.UpdateNewMessage:
		messageRefs(x.Message, refs)
	case *api.UpdateEditMessage:
		messageRefs(x.Message, refs)
	case *api.UpdateNewChannelMessage:
		messageRefs(x.Message, refs)
	case *api.UpdateEditChannelMessage:
		messageRefs(x.Message, refs)
	case *api.UpdateReadHistoryInbox:
		refs[refOf(x.Peer)] = true
	case *api.UpdateReadHistoryOutbox:
		refs[refOf(x.Peer)] = true
	}
}

func messageRefs(m api.MessageClass, refs map[peerRef]bool) {
	switch x := m.(type) {
	case *api.Message:
		refs[refOf(x.PeerID)] = true
		if x.FromID != nil {
			refs[refOf(x.FromID)] = true
		}
		if x.FwdFrom != nil && x.FwdFrom.FromID != nil {
			refs[refOf(x.FwdFrom.FromID)] = true
		}
	case *api.MessageService:
		refs[refOf(x.PeerID)] = true
		if x.FromID != nil {
			refs[refOf(x.FromID)] = true
		}
	}
}

func refOf(p api.PeerClass) peerRef {
	switch x := p.(type) {
	case *api.PeerUser:
		return peerRef{'u', x.UserID}
	case *api.PeerChat:
		return peerRef{'c', x.ChatID}
	case *api.PeerChannel:
		return peerRef{'C', x.ChannelID}
	}
	return peerRef{}
}

func (r peerRef) peer() api.PeerClass {
	switch r.kind {
	case 'u':
		return &api.PeerUser{UserID: r.id}
	case 'c':
		return &api.PeerChat{ChatID: r.id}
	default:
		return &api.PeerChannel{ChannelID: r.id}
	}
}

// render returns the users and chats of refs as viewer sees them.
func (w *world) render(viewer *user, refs map[peerRef]bool) ([]api.UserClass, []api.ChatClass) {
	users := []api.UserClass{}
	chats := []api.ChatClass{}
	for r := range refs {
		switch r.kind {
		case 'u':
			if u := w.users[r.id]; u != nil {
				users = append(users, w.userView(viewer, u))
			}
		case 'c':
			if c := w.chats[r.id]; c != nil {
				chats = append(chats, w.chatView(viewer, c))
			}
		case 'C':
			if c := w.channels[r.id]; c != nil {
				chats = append(chats, w.channelView(viewer, c))
			}
		}
	}
	return users, chats
}

// userView is u as viewer sees it.
func (w *world) userView(viewer, u *user) *api.User {
	v := &api.User{
		ID: u.id, AccessHash: tl.Some(w.accessHash(viewer.id, 'u', u.id)),
		FirstName: tl.Some(u.first), Bot: u.bot, Self: viewer.id == u.id,
		Contact: viewer.contacts[u.id], Status: &api.UserStatusRecently{},
	}
	if u.last != "" {
		v.LastName = tl.Some(u.last)
	}
	if u.username != "" {
		v.Username = tl.Some(u.username)
	}
	if u.phone != "" && (viewer.id == u.id || viewer.contacts[u.id]) {
		v.Phone = tl.Some(u.phone)
	}
	if u.bot {
		v.BotInfoVersion = tl.Some(int32(1))
		v.Status = nil
	}
	w.tdUserView(u, v)
	return v
}

func (w *world) chatView(viewer *user, c *chat) api.ChatClass {
	if !c.members[viewer.id] && c.creator != viewer.id {
		return &api.ChatForbidden{ID: c.id, Title: c.title}
	}
	v := &api.Chat{ID: c.id, Title: c.title, ParticipantsCount: int32(len(c.members)), Date: c.date, Version: c.version,
		Photo: &api.ChatPhotoEmpty{}, Creator: c.creator == viewer.id, Deactivated: c.deactivated}
	w.tdChatView(viewer, c, v)
	return v
}

func (w *world) channelView(viewer *user, c *channel) api.ChatClass {
	v := &api.Channel{ID: c.id, Title: c.title, AccessHash: tl.Some(w.accessHash(viewer.id, 'C', c.id)),
		Megagroup: c.megagroup, Broadcast: !c.megagroup, Date: c.date, Photo: &api.ChatPhotoEmpty{},
		Creator: c.creator == viewer.id, ParticipantsCount: tl.Some(int32(len(c.members)))}
	if c.username != "" {
		v.Username = tl.Some(c.username)
	}
	if _, member := c.members[viewer.id]; !member {
		v.Left = true
	}
	w.tdChannelView(viewer, c, v)
	return v
}
