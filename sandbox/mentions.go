package sandbox

import (
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Mentions (core.telegram.org/api/mentions): a message in a basic group
// or supergroup mentions a member when it has a messageEntityMention of
// the member's @username, a messageEntityMentionName of the member's id,
// or when it replies to one of the member's messages. The member's view
// of it has mentioned (and, while unread, media_unread) set, and the
// dialog counts it in unread_mentions_count until messages.readMentions
// or messages/channels.readMessageContents reads it. Reading the history
// does not read mentions.
//
// Basic groups keep a copy per member, whose flags are set directly;
// supergroups keep one shared copy, so the state is kept here per user
// and applied when a message is viewed (world.view).

func init() {
	handlers[api.MessagesGetUnreadMentionsRequestTypeID] = (*call).messagesGetUnreadMentions
	handlers[api.MessagesReadMentionsRequestTypeID] = (*call).messagesReadMentions
}

// mentionSet holds, per dialog, the ids of a user's mentions (in the box
// of the dialog's kind) and whether each one is still unread.
type mentionSet map[peerRef]map[int32]bool

// mentionsOf is u's mention state. Call with w.mu held.
func (w *world) mentionsOf(u *user) mentionSet {
	if w.mentions == nil {
		w.mentions = map[int64]mentionSet{}
	}
	s := w.mentions[u.id]
	if s == nil {
		s = mentionSet{}
		w.mentions[u.id] = s
	}
	return s
}

// addMention records an unread mention of u by message id in dialog ref.
func (w *world) addMention(u *user, ref peerRef, id int32) {
	s := w.mentionsOf(u)
	if s[ref] == nil {
		s[ref] = map[int32]bool{}
	}
	s[ref][id] = true
}

// unreadMentions counts u's unread mentions in dialog ref.
func (w *world) unreadMentions(u *user, ref peerRef) int32 {
	box := w.mentionBox(u, ref)
	n := int32(0)
	for id, unread := range w.mentions[u.id][ref] {
		if unread && box.messages[id] != nil {
			n++
		}
	}
	return n
}

// mentionTargets lists the users a draft sent by me mentions: @usernames,
// mention-name entities and the author of the replied message (replied,
// 0 if none). I am never among them.
func (w *world) mentionTargets(me *user, d draft, replied int64) map[int64]bool {
	out := map[int64]bool{}
	var text []uint16
	for _, e := range d.entities {
		switch x := e.(type) {
		case *api.MessageEntityMention:
			if text == nil {
				text = utf16.Encode([]rune(d.text))
			}
			if x.Offset < 0 || x.Length <= 1 || int(x.Offset+x.Length) > len(text) {
				continue
			}
			name := strings.TrimPrefix(string(utf16.Decode(text[x.Offset:x.Offset+x.Length])), "@")
			if ref, ok := w.byName[strings.ToLower(name)]; ok && ref.kind == 'u' {
				out[ref.id] = true
			}
		case *api.MessageEntityMentionName:
			out[x.UserID] = true
		}
	}
	if replied != 0 {
		out[replied] = true
	}
	delete(out, me.id)
	return out
}

// resolveMentionNames turns inputMessageEntityMentionName into
// messageEntityMentionName, as the servers store it; one naming an
// unknown user is dropped. Call with w.mu held.
func (c *call) resolveMentionNames(me *user, es []api.MessageEntityClass) []api.MessageEntityClass {
	has := false
	for _, e := range es {
		if _, ok := e.(*api.InputMessageEntityMentionName); ok {
			has = true
		}
	}
	if !has {
		return es
	}
	out := make([]api.MessageEntityClass, 0, len(es))
	for _, e := range es {
		x, ok := e.(*api.InputMessageEntityMentionName)
		if !ok {
			out = append(out, e)
			continue
		}
		if u, err := c.inputUser(me, x.UserID); err == nil {
			out = append(out, &api.MessageEntityMentionName{Offset: x.Offset, Length: x.Length, UserID: u.id})
		}
	}
	return out
}

// authorOf is the sender of a stored message as seen in owner's box.
func authorOf(owner int64, m *api.Message) int64 {
	if m == nil {
		return 0
	}
	if from, ok := m.FromID.(*api.PeerUser); ok {
		return from.UserID
	}
	if m.Out {
		return owner
	}
	return 0
}

// chatMentions lists whom a basic-group draft of mine mentions.
func (w *world) chatMentions(me *user, d draft) map[int64]bool {
	var replied int64
	if d.replyTo != 0 {
		replied = authorOf(me.id, me.box.messages[d.replyTo])
	}
	return w.mentionTargets(me, d, replied)
}

// markChatMention flags u's copy m of a basic-group message when it
// mentions u. Call with w.mu held.
func (w *world) markChatMention(u *user, ch *chat, m *api.Message, targets map[int64]bool) {
	if !targets[u.id] {
		return
	}
	m.Mentioned, m.MediaUnread = true, true
	w.addMention(u, peerRef{'c', ch.id}, m.ID)
}

// noteChannelMentions records the members a supergroup message m (from
// draft d of mine) mentions. Call with w.mu held.
func (w *world) noteChannelMentions(me *user, ch *channel, m *api.Message, d draft) {
	if !ch.megagroup {
		return
	}
	var replied int64
	if d.replyTo != 0 {
		replied = authorOf(0, ch.box.messages[d.replyTo])
	}
	for id := range w.mentionTargets(me, d, replied) {
		if ch.members[id] != nil {
			w.addMention(w.users[id], peerRef{'C', ch.id}, m.ID)
		}
	}
}

// viewMention sets the viewer's mention flags on cp, a viewer's copy of
// a channel message.
func (w *world) viewMention(viewer *user, cp *api.Message) {
	unread, ok := w.mentions[viewer.id][refOf(cp.PeerID)][cp.ID]
	if ok {
		cp.Mentioned = true
		cp.MediaUnread = cp.MediaUnread || unread
	}
}

// readMentionIDs marks u's mentions among ids in dialog ref read and
// returns those that were unread, ascending.
func (w *world) readMentionIDs(u *user, ref peerRef, ids []int32) []int32 {
	set := w.mentions[u.id][ref]
	var read []int32
	for _, id := range ids {
		if set[id] {
			set[id] = false
			read = append(read, id)
		}
	}
	sort.Slice(read, func(i, j int) bool { return read[i] < read[j] })
	return read
}

// unreadMentionIDs lists u's unread mentions in ref, newest first.
func (w *world) unreadMentionIDs(u *user, ref peerRef) []int32 {
	var ids []int32
	for id, unread := range w.mentions[u.id][ref] {
		if unread {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] > ids[j] })
	return ids
}

// mentionBox is the box ref's messages live in for u.
func (w *world) mentionBox(u *user, ref peerRef) *messageBox {
	if ref.kind == 'C' {
		if ch := w.channels[ref.id]; ch != nil {
			return ch.box
		}
	}
	return u.box
}

func (c *call) messagesGetUnreadMentions(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetUnreadMentionsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		box := w.mentionBox(me, ref)
		var all []*api.Message
		for _, id := range w.unreadMentionIDs(me, ref) {
			if m := box.messages[id]; m != nil {
				all = append(all, m)
			}
		}
		limit := int(r.Limit)
		if limit <= 0 || limit > 100 {
			limit = 100
		}
		// Newest first: start at the first message older than offset_id,
		// moved by add_offset (negative reaches newer messages).
		start := 0
		if r.OffsetID != 0 {
			start = len(all)
			for i, m := range all {
				if m.ID < r.OffsetID {
					start = i
					break
				}
			}
		}
		start += int(r.AddOffset)
		if start < 0 {
			limit += start
			start = 0
		}
		var page []*api.Message
		for i := start; i < len(all) && len(page) < limit; i++ {
			m := all[i]
			if r.MaxID != 0 && m.ID >= r.MaxID || r.MinID != 0 && m.ID <= r.MinID {
				continue
			}
			page = append(page, m)
		}
		res := w.messagesResult(me, page, len(all))
		if ref.kind != 'C' {
			return res, nil
		}
		out := &api.MessagesChannelMessages{Pts: box.pts, Count: int32(len(all)), Topics: []api.ForumTopicClass{}}
		switch x := res.(type) {
		case *api.MessagesMessages:
			out.Messages, out.Chats, out.Users = x.Messages, x.Chats, x.Users
		case *api.MessagesMessagesSlice:
			out.Messages, out.Chats, out.Users = x.Messages, x.Chats, x.Users
		}
		return out, nil
	})
}

func (c *call) messagesReadMentions(q tl.Object) (any, error) {
	r := q.(*api.MessagesReadMentionsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		return c.readMentions(w, me, ref, w.unreadMentionIDs(me, ref)), nil
	})
}

// readMentions reads my mentions among ids in dialog ref: in a basic
// group the copies lose media_unread with an updateReadMessagesContents
// in my box (whose pts the answer carries); in a supergroup my other
// sessions get updateChannelReadMessagesContents, which has no pts of
// mine (pts_count 0). Call with w.mu held.
func (c *call) readMentions(w *world, me *user, ref peerRef, ids []int32) *api.MessagesAffectedHistory {
	read := w.readMentionIDs(me, ref, ids)
	if len(read) == 0 {
		return &api.MessagesAffectedHistory{Pts: me.box.pts}
	}
	date := c.now()
	if ref.kind == 'C' {
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateChannelReadMessagesContents{ChannelID: ref.id, Messages: read}, Date: date})
		return &api.MessagesAffectedHistory{Pts: me.box.pts}
	}
	for _, id := range read {
		if m := me.box.messages[id]; m != nil {
			m.MediaUnread = false
		}
	}
	n := int32(len(read))
	u := &api.UpdateReadMessagesContents{Messages: read, Pts: me.box.pts + n, PtsCount: n}
	pts := me.box.record(u, n, date)
	c.pushOthers(w, me, &api.UpdateShort{Update: u, Date: date})
	return &api.MessagesAffectedHistory{Pts: pts, PtsCount: n}
}
