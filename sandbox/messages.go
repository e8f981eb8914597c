package sandbox

import (
	"sort"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.MessagesSendMessageRequestTypeID] = (*call).messagesSendMessage
	handlers[api.MessagesGetHistoryRequestTypeID] = (*call).messagesGetHistory
	handlers[api.MessagesGetMessagesRequestTypeID] = (*call).messagesGetMessages
	handlers[api.MessagesGetDialogsRequestTypeID] = (*call).messagesGetDialogs
	handlers[api.MessagesReadHistoryRequestTypeID] = (*call).messagesReadHistory
	handlers[api.MessagesEditMessageRequestTypeID] = (*call).messagesEditMessage
	handlers[api.MessagesDeleteMessagesRequestTypeID] = (*call).messagesDeleteMessages
	handlers[api.MessagesForwardMessagesRequestTypeID] = (*call).messagesForwardMessages
	handlers[api.MessagesSearchRequestTypeID] = (*call).messagesSearch
	handlers[api.MessagesSetTypingRequestTypeID] = func(*call, tl.Object) (any, error) { return boolResult(true), nil }
	handlers[api.MessagesGetPeerDialogsRequestTypeID] = (*call).messagesGetPeerDialogs
	handlers[api.UpdatesGetStateRequestTypeID] = (*call).updatesGetState
	handlers[api.UpdatesGetDifferenceRequestTypeID] = (*call).updatesGetDifference
}

// maxMessageLength is the longest text message (config.message_length_max).
const maxMessageLength = 4096

func (c *call) now() int32 { return int32(c.dc.sb.cfg.Now().Unix()) }

// A draft is what a message is made of, before each recipient's copy.
type draft struct {
	text     string
	entities []api.MessageEntityClass
	markup   api.ReplyMarkupClass
	replyTo  int32 // in the sender's numbering
	fwd      *api.MessageFwdHeader
	media    api.MessageMediaClass
}

// deliverPrivate stores a message from me to peer (a user) in both boxes,
// pushes it to the recipient and to my other sessions, and returns my copy
// with its pts. Call with w.mu held.
func (c *call) deliverPrivate(w *world, me, to *user, d draft, randomID int64) (*api.Message, int32) {
	date := c.now()
	mine := &api.Message{Out: true, ID: me.box.nextID(), PeerID: &api.PeerUser{UserID: to.id}, Date: date,
		Message: d.text, Entities: d.entities, ReplyMarkup: d.markup, FwdFrom: d.fwd, Media: d.media}
	if d.replyTo != 0 {
		mine.ReplyTo = &api.MessageReplyHeader{ReplyToMsgID: tl.Some(d.replyTo)}
	}
	me.box.messages[mine.ID] = mine
	pts := me.box.record(&api.UpdateNewMessage{Message: mine, Pts: me.box.pts + 1, PtsCount: 1}, 1, date)
	w.touchDialog(me, peerRef{'u', to.id}, mine.ID, date, false)
	c.pushOthers(w, me, &api.Updates{Updates: []api.UpdateClass{&api.UpdateNewMessage{Message: mine, Pts: pts, PtsCount: 1}},
		Users: []api.UserClass{w.userView(me, to)}, Chats: []api.ChatClass{}, Date: date})
	if to.id == me.id {
		return mine, pts
	}
	theirs := &api.Message{ID: to.box.nextID(), PeerID: &api.PeerUser{UserID: me.id}, Date: date,
		Message: d.text, Entities: d.entities, ReplyMarkup: d.markup, FwdFrom: d.fwd, Media: d.media}
	if d.replyTo != 0 {
		if id := w.counterpart(me, to, d.replyTo); id != 0 {
			theirs.ReplyTo = &api.MessageReplyHeader{ReplyToMsgID: tl.Some(id)}
		}
	}
	to.box.messages[theirs.ID] = theirs
	w.linkCopies(copyRef{me.id, mine.ID}, copyRef{to.id, theirs.ID})
	tpts := to.box.record(&api.UpdateNewMessage{Message: theirs, Pts: to.box.pts + 1, PtsCount: 1}, 1, date)
	w.touchDialog(to, peerRef{'u', me.id}, theirs.ID, date, true)
	if foundOnly(d.entities) && d.markup == nil && d.fwd == nil && d.media == nil && theirs.ReplyTo == nil {
		// Plain text goes out in the short form, which the client expands;
		// it carries the entities the server found.
		w.push(to, &api.UpdateShortMessage{ID: theirs.ID, UserID: me.id, Message: d.text, Pts: tpts, PtsCount: 1, Date: date,
			Entities: d.entities})
	} else {
		w.push(to, &api.Updates{Updates: []api.UpdateClass{&api.UpdateNewMessage{Message: theirs, Pts: tpts, PtsCount: 1}},
			Users: []api.UserClass{w.userView(to, me)}, Chats: []api.ChatClass{}, Date: date})
	}
	return mine, pts
}

// counterpart finds, in to's box, the copy of my message id (private chats
// number messages per user). Call with w.mu held.
func (w *world) counterpart(me, to *user, id int32) int32 {
	if tid, ok := w.linkedCopy(me.id, id, to); ok {
		return tid
	}
	m := me.box.messages[id]
	if m == nil {
		return 0
	}
	for tid, tm := range to.box.messages {
		if tm.Date == m.Date && tm.Message == m.Message && refOf(tm.PeerID) == (peerRef{'u', me.id}) {
			return tid
		}
	}
	return 0
}

// pushOthers sends an update to my sessions other than the calling one.
// Call with w.mu held.
func (c *call) pushOthers(w *world, me *user, o tl.Object) {
	others := map[any]bool{}
	for ss := range me.sessions {
		if ss != c.req.Session {
			others[ss] = true
		}
	}
	if len(others) == 0 || w.faults.dropped() {
		return
	}
	var b tl.Buffer
	b.Object(o, o.TypeName())
	for ss := range me.sessions {
		if ss != c.req.Session && ss.Connected() {
			ss.Push(b.Buf)
		}
	}
}

// touchDialog moves a dialog to the top. Call with w.mu held.
func (w *world) touchDialog(u *user, peer peerRef, top int32, date int32, incoming bool) {
	d := u.dialogs[peer]
	if d == nil {
		d = &dialog{peer: peer}
		u.dialogs[peer] = d
	}
	d.top, d.date = top, date
	if incoming {
		d.unreadCount++
	}
}

func (c *call) messagesSendMessage(q tl.Object) (any, error) {
	r := q.(*api.MessagesSendMessageRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if strings.TrimSpace(r.Message) == "" {
			return nil, rpcError(400, "MESSAGE_EMPTY")
		}
		if len([]rune(r.Message)) > maxMessageLength {
			return nil, rpcError(400, "MESSAGE_TOO_LONG")
		}
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		d := draft{text: r.Message, entities: withDetectedEntities(r.Message, c.resolveMentionNames(me, r.Entities)), markup: r.ReplyMarkup}
		if rt, ok := r.ReplyTo.(*api.InputReplyToMessage); ok {
			d.replyTo = rt.ReplyToMsgID
		}
		return c.send(w, me, ref, d, r.RandomID)
	})
}

// send delivers a draft to a peer and returns the sender's answer. Call
// with w.mu held.
func (c *call) send(w *world, me *user, ref peerRef, d draft, randomID int64) (any, error) {
	switch ref.kind {
	case 'u':
		to := w.users[ref.id]
		if to.bot && me.bot {
			return nil, rpcError(400, "USER_IS_BOT")
		}
		if to.blocked[me.id] {
			return nil, rpcError(400, "USER_IS_BLOCKED")
		}
		mine, pts := c.deliverPrivate(w, me, to, d, randomID)
		if foundOnly(d.entities) && d.markup == nil && d.fwd == nil && d.media == nil && d.replyTo == 0 {
			// The entities the server found come back with the short answer.
			return &api.UpdateShortSentMessage{Out: true, ID: mine.ID, Pts: pts, PtsCount: 1, Date: mine.Date,
				Entities: d.entities}, nil
		}
		return c.sentUpdates(w, me, mine, pts, randomID, ref), nil
	case 'c':
		mine, pts, err := c.deliverChat(w, me, w.chats[ref.id], d)
		if err != nil {
			return nil, err
		}
		return c.sentUpdates(w, me, mine, pts, randomID, ref), nil
	default:
		return c.deliverChannel(w, me, w.channels[ref.id], d, randomID)
	}
}

// sentUpdates is the answer to the sender of a message in its own box.
func (c *call) sentUpdates(w *world, me *user, mine *api.Message, pts int32, randomID int64, ref peerRef) *api.Updates {
	users, chats := w.render(me, map[peerRef]bool{ref: true, {'u', me.id}: true})
	return &api.Updates{Updates: []api.UpdateClass{
		&api.UpdateMessageID{ID: mine.ID, RandomID: randomID},
		&api.UpdateNewMessage{Message: mine, Pts: pts, PtsCount: 1},
	}, Users: users, Chats: chats, Date: mine.Date}
}

// deliverChat stores a basic-group message in every member's box. Call
// with w.mu held.
func (c *call) deliverChat(w *world, me *user, ch *chat, d draft) (*api.Message, int32, error) {
	if ch == nil || !ch.members[me.id] || ch.deactivated {
		return nil, 0, rpcError(403, "CHAT_WRITE_FORBIDDEN")
	}
	date := c.now()
	var mine *api.Message
	var myPts int32
	refs := make([]copyRef, 0, len(ch.members))
	defer func() { w.linkCopies(refs...) }()
	targets := w.chatMentions(me, d) // mentions.go
	for id := range ch.members {
		u := w.users[id]
		m := &api.Message{Out: id == me.id, ID: u.box.nextID(), FromID: &api.PeerUser{UserID: me.id},
			PeerID: &api.PeerChat{ChatID: ch.id}, Date: date, Message: d.text, Entities: d.entities,
			ReplyMarkup: d.markup, FwdFrom: d.fwd, Media: d.media}
		u.box.messages[m.ID] = m
		w.markChatMention(u, ch, m, targets)
		refs = append(refs, copyRef{id, m.ID})
		pts := u.box.record(&api.UpdateNewMessage{Message: m, Pts: u.box.pts + 1, PtsCount: 1}, 1, date)
		w.touchDialog(u, peerRef{'c', ch.id}, m.ID, date, id != me.id)
		if id == me.id {
			mine, myPts = m, pts
			continue
		}
		users, chats := w.render(u, map[peerRef]bool{{'c', ch.id}: true, {'u', me.id}: true})
		w.push(u, &api.Updates{Updates: []api.UpdateClass{&api.UpdateNewMessage{Message: m, Pts: pts, PtsCount: 1}},
			Users: users, Chats: chats, Date: date})
	}
	return mine, myPts, nil
}

// history lists the messages u sees in a dialog, newest first.
func (w *world) history(u *user, ref peerRef) []*api.Message {
	var out []*api.Message
	box := u.box
	if ref.kind == 'C' {
		if ch := w.channels[ref.id]; ch != nil {
			box = ch.box
		}
	}
	for _, m := range box.messages {
		if refOf(m.PeerID) == ref {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out
}

// view adapts a stored message to the viewer (out flag in channels).
func (w *world) view(viewer *user, m *api.Message) *api.Message {
	if _, isChannel := m.PeerID.(*api.PeerChannel); !isChannel {
		return m
	}
	cp := *m
	from, _ := m.FromID.(*api.PeerUser)
	cp.Out = from != nil && from.UserID == viewer.id
	w.viewMention(viewer, &cp) // mentions.go
	return &cp
}

// messagesResult wraps messages with the peers they mention.
func (w *world) messagesResult(viewer *user, msgs []*api.Message, count int) api.MessagesMessagesClass {
	refs := map[peerRef]bool{}
	list := make([]api.MessageClass, 0, len(msgs))
	for _, m := range msgs {
		list = append(list, w.view(viewer, m))
		messageRefs(m, refs)
	}
	users, chats := w.render(viewer, refs)
	if count > len(msgs) {
		return &api.MessagesMessagesSlice{Count: int32(count), Messages: list, Chats: chats, Users: users}
	}
	return &api.MessagesMessages{Messages: list, Chats: chats, Users: users}
}

func (c *call) messagesGetHistory(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetHistoryRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		all := w.history(me, ref)
		limit := int(r.Limit)
		if limit <= 0 || limit > 100 {
			limit = 100
		}
		var page []*api.Message
		skip := int(r.AddOffset)
		for _, m := range all {
			if r.OffsetID != 0 && m.ID >= r.OffsetID || r.MaxID != 0 && m.ID >= r.MaxID || m.ID <= r.MinID {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			if len(page) == limit {
				break
			}
			page = append(page, m)
		}
		return w.messagesResult(me, page, len(all)), nil
	})
}

func (c *call) messagesGetMessages(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetMessagesRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		var msgs []*api.Message
		for _, in := range r.ID {
			if x, ok := in.(*api.InputMessageID); ok {
				if m := me.box.messages[x.ID]; m != nil {
					msgs = append(msgs, m)
				}
			}
		}
		return w.messagesResult(me, msgs, 0), nil
	})
}

func (c *call) messagesGetDialogs(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetDialogsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		all := make([]*dialog, 0, len(me.dialogs))
		for _, d := range me.dialogs {
			all = append(all, d)
		}
		sort.Slice(all, func(i, j int) bool {
			if all[i].date != all[j].date {
				return all[i].date > all[j].date
			}
			return all[i].top > all[j].top
		})
		limit := int(r.Limit)
		if limit <= 0 || limit > 100 {
			limit = 100
		}
		var page []*dialog
		for _, d := range all {
			if r.OffsetDate != 0 && (d.date > r.OffsetDate || d.date == r.OffsetDate && d.top >= r.OffsetID) {
				continue
			}
			if len(page) == limit {
				break
			}
			page = append(page, d)
		}
		res := &api.MessagesDialogsSlice{Count: int32(len(all))}
		refs := map[peerRef]bool{}
		for _, d := range page {
			dl, m := w.dialogView(me, d)
			res.Dialogs = append(res.Dialogs, dl)
			if m != nil {
				res.Messages = append(res.Messages, w.view(me, m))
				messageRefs(m, refs)
			}
			refs[d.peer] = true
		}
		res.Users, res.Chats = w.render(me, refs)
		if res.Dialogs == nil {
			res.Dialogs = []api.DialogClass{}
		}
		if res.Messages == nil {
			res.Messages = []api.MessageClass{}
		}
		if len(all) == len(page) {
			return &api.MessagesDialogs{Dialogs: res.Dialogs, Messages: res.Messages, Chats: res.Chats, Users: res.Users}, nil
		}
		return res, nil
	})
}

// dialogView renders one dialog of u (with the channel's pts).
func (w *world) dialogView(u *user, d *dialog) (*api.Dialog, *api.Message) {
	dl := &api.Dialog{Peer: d.peer.peer(), TopMessage: d.top, ReadInboxMaxID: d.readInbox,
		ReadOutboxMaxID: d.readOutbox, UnreadCount: d.unreadCount, NotifySettings: api.PeerNotifySettings{},
		UnreadMentionsCount: w.unreadMentions(u, d.peer)}
	box := u.box
	if d.peer.kind == 'C' {
		if ch := w.channels[d.peer.id]; ch != nil {
			box = ch.box
			dl.Pts = tl.Some(ch.box.pts)
		}
	}
	return dl, box.messages[d.top]
}

func (c *call) messagesGetPeerDialogs(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetPeerDialogsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		res := &api.MessagesPeerDialogs{Dialogs: []api.DialogClass{}, Messages: []api.MessageClass{}, State: w.state(me, c.now())}
		refs := map[peerRef]bool{}
		for _, in := range r.Peers {
			dp, ok := in.(*api.InputDialogPeer)
			if !ok {
				continue
			}
			ref, err := c.inputPeer(me, dp.Peer)
			if err != nil {
				return nil, err
			}
			d := me.dialogs[ref]
			if d == nil {
				d = &dialog{peer: ref}
			}
			dl, m := w.dialogView(me, d)
			res.Dialogs = append(res.Dialogs, dl)
			if m != nil {
				res.Messages = append(res.Messages, w.view(me, m))
				messageRefs(m, refs)
			}
			refs[ref] = true
		}
		res.Users, res.Chats = w.render(me, refs)
		return res, nil
	})
}

func (c *call) messagesReadHistory(q tl.Object) (any, error) {
	r := q.(*api.MessagesReadHistoryRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		d := me.dialogs[ref]
		if d == nil {
			return &api.MessagesAffectedMessages{Pts: me.box.pts, PtsCount: 0}, nil
		}
		max := r.MaxID
		if max == 0 || max > d.top {
			max = d.top
		}
		d.readInbox, d.unreadCount = max, 0
		pts := me.box.record(&api.UpdateReadHistoryInbox{Peer: ref.peer(), MaxID: max, Pts: me.box.pts + 1, PtsCount: 1}, 1, c.now())
		// The other side learns its messages were read.
		if ref.kind == 'u' && ref.id != me.id {
			if other := w.users[ref.id]; other != nil {
				if od := other.dialogs[peerRef{'u', me.id}]; od != nil {
					od.readOutbox = od.top
					opts := other.box.record(&api.UpdateReadHistoryOutbox{Peer: &api.PeerUser{UserID: me.id}, MaxID: od.top,
						Pts: other.box.pts + 1, PtsCount: 1}, 1, c.now())
					w.push(other, &api.UpdateShort{Update: &api.UpdateReadHistoryOutbox{Peer: &api.PeerUser{UserID: me.id},
						MaxID: od.top, Pts: opts, PtsCount: 1}, Date: c.now()})
				}
			}
		}
		return &api.MessagesAffectedMessages{Pts: pts, PtsCount: 1}, nil
	})
}

func (c *call) messagesEditMessage(q tl.Object) (any, error) {
	r := q.(*api.MessagesEditMessageRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		if ref.kind == 'C' {
			return c.editChannelMessage(w, me, w.channels[ref.id], r)
		}
		m := me.box.messages[r.ID]
		if m == nil || refOf(m.PeerID) != ref {
			return nil, rpcError(400, "MESSAGE_ID_INVALID")
		}
		if !m.Out {
			return nil, rpcError(403, "MESSAGE_AUTHOR_REQUIRED")
		}
		if _, game := m.Media.(*api.MessageMediaGame); game && r.ReplyMarkup != nil {
			if err := checkGameMarkup(r.ReplyMarkup); err != nil { // games.go
				return nil, err
			}
		}
		text, ok := r.Message.Get()
		if ok && text == m.Message && r.Entities == nil && r.ReplyMarkup == nil {
			return nil, rpcError(400, "MESSAGE_NOT_MODIFIED")
		}
		date := c.now()
		apply := func(x *api.Message) {
			if ok {
				x.Message, x.Entities = text, withDetectedEntities(text, r.Entities)
			}
			if r.ReplyMarkup != nil {
				x.ReplyMarkup = r.ReplyMarkup
			}
			x.EditDate = tl.Some(date)
		}
		apply(m)
		pts := me.box.record(&api.UpdateEditMessage{Message: m, Pts: me.box.pts + 1, PtsCount: 1}, 1, date)
		if ref.kind == 'u' && ref.id != me.id {
			other := w.users[ref.id]
			if id := w.counterpartByDate(other, me, m); id != 0 {
				om := other.box.messages[id]
				apply(om)
				opts := other.box.record(&api.UpdateEditMessage{Message: om, Pts: other.box.pts + 1, PtsCount: 1}, 1, date)
				w.push(other, &api.Updates{Updates: []api.UpdateClass{&api.UpdateEditMessage{Message: om, Pts: opts, PtsCount: 1}},
					Users: []api.UserClass{w.userView(other, me)}, Chats: []api.ChatClass{}, Date: date})
			}
		}
		users, chats := w.render(me, map[peerRef]bool{ref: true})
		return &api.Updates{Updates: []api.UpdateClass{&api.UpdateEditMessage{Message: m, Pts: pts, PtsCount: 1}},
			Users: users, Chats: chats, Date: date}, nil
	})
}

// counterpartByDate finds other's copy of my private message m.
func (w *world) counterpartByDate(other, me *user, m *api.Message) int32 {
	if id, ok := w.linkedCopy(me.id, m.ID, other); ok {
		return id
	}
	for id, om := range other.box.messages {
		if om.Date == m.Date && refOf(om.PeerID) == (peerRef{'u', me.id}) && !om.Out {
			return id
		}
	}
	return 0
}

func (c *call) messagesDeleteMessages(q tl.Object) (any, error) {
	r := q.(*api.MessagesDeleteMessagesRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		var gone []int32
		for _, id := range r.ID {
			if m := me.box.messages[id]; m != nil {
				if r.Revoke && m.Out {
					if to, isUser := m.PeerID.(*api.PeerUser); isUser && to.UserID != me.id {
						other := w.users[to.UserID]
						if oid := w.counterpartByDate(other, me, m); oid != 0 {
							delete(other.box.messages, oid)
							opts := other.box.record(&api.UpdateDeleteMessages{Messages: []int32{oid}, Pts: other.box.pts + 1, PtsCount: 1}, 1, c.now())
							w.push(other, &api.UpdateShort{Update: &api.UpdateDeleteMessages{Messages: []int32{oid}, Pts: opts, PtsCount: 1}, Date: c.now()})
						}
					}
				}
				delete(me.box.messages, id)
				gone = append(gone, id)
			}
		}
		if len(gone) == 0 {
			return &api.MessagesAffectedMessages{Pts: me.box.pts, PtsCount: 0}, nil
		}
		n := int32(len(gone))
		pts := me.box.record(&api.UpdateDeleteMessages{Messages: gone, Pts: me.box.pts + n, PtsCount: n}, n, c.now())
		return &api.MessagesAffectedMessages{Pts: pts, PtsCount: n}, nil
	})
}

func (c *call) messagesForwardMessages(q tl.Object) (any, error) {
	r := q.(*api.MessagesForwardMessagesRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		from, err := c.inputPeer(me, r.FromPeer)
		if err != nil {
			return nil, err
		}
		to, err := c.inputPeer(me, r.ToPeer)
		if err != nil {
			return nil, err
		}
		if len(r.RandomID) != len(r.ID) {
			return nil, rpcError(400, "RANDOM_ID_INVALID")
		}
		var result *api.Updates
		for i, id := range r.ID {
			box := me.box
			if from.kind == 'C' {
				box = w.channels[from.id].box
			}
			m := box.messages[id]
			if m == nil || refOf(m.PeerID) != from {
				return nil, rpcError(400, "MESSAGE_ID_INVALID")
			}
			origin := m.FromID
			if origin == nil {
				if m.Out {
					origin = &api.PeerUser{UserID: me.id}
				} else {
					origin = m.PeerID
				}
			}
			d := draft{text: m.Message, entities: m.Entities, media: m.Media}
			if !r.DropAuthor {
				d.fwd = &api.MessageFwdHeader{FromID: origin, Date: m.Date}
			}
			res, err := c.send(w, me, to, d, r.RandomID[i])
			if err != nil {
				return nil, err
			}
			u := toUpdates(res, me, w)
			if result == nil {
				result = u
			} else {
				result.Updates = append(result.Updates, u.Updates...)
			}
		}
		return result, nil
	})
}

// toUpdates turns any send result into a full Updates.
func toUpdates(res any, me *user, w *world) *api.Updates {
	switch x := res.(type) {
	case *api.Updates:
		return x
	case *api.UpdateShortSentMessage:
		m := me.box.messages[x.ID]
		users, chats := w.render(me, map[peerRef]bool{refOf(m.PeerID): true})
		return &api.Updates{Updates: []api.UpdateClass{&api.UpdateNewMessage{Message: m, Pts: x.Pts, PtsCount: 1}},
			Users: users, Chats: chats, Date: x.Date}
	}
	return &api.Updates{Updates: []api.UpdateClass{}, Users: []api.UserClass{}, Chats: []api.ChatClass{}}
}

func (c *call) messagesSearch(q tl.Object) (any, error) {
	r := q.(*api.MessagesSearchRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		needle := strings.ToLower(r.Q)
		var hits []*api.Message
		for _, m := range w.history(me, ref) {
			if strings.Contains(strings.ToLower(m.Message), needle) && (r.MinDate == 0 || m.Date >= r.MinDate) &&
				(r.MaxDate == 0 || m.Date <= r.MaxDate) && (r.OffsetID == 0 || m.ID < r.OffsetID) {
				hits = append(hits, m)
			}
		}
		limit := int(r.Limit)
		if limit <= 0 || limit > 100 {
			limit = 100
		}
		count := len(hits)
		if len(hits) > limit {
			hits = hits[:limit]
		}
		return w.messagesResult(me, hits, count), nil
	})
}

func (c *call) updatesGetState(tl.Object) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		st := w.state(me, c.now())
		return &st, nil
	})
}

func (c *call) updatesGetDifference(q tl.Object) (any, error) {
	r := q.(*api.UpdatesGetDifferenceRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if r.Pts <= 0 {
			return nil, rpcError(400, "PERSISTENT_TIMESTAMP_EMPTY")
		}
		return w.difference(me, r.Pts, c.now()), nil
	})
}
