package sandbox

import (
	"maps"
	"slices"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// What a user keeps per chat beside the messages: drafts, notification
// settings (in dialogs) and spam reports; and the public channels a user
// created.

func init() {
	handlers[api.MessagesSaveDraftRequestTypeID] = (*call).messagesSaveDraft
	handlers[api.MessagesGetPeerSettingsRequestTypeID] = (*call).messagesGetPeerSettings
	handlers[api.MessagesReportSpamRequestTypeID] = (*call).messagesReportSpam
	handlers[api.MessagesHidePeerSettingsBarRequestTypeID] = (*call).messagesHidePeerSettingsBar
	handlers[api.ChannelsReportSpamRequestTypeID] = (*call).channelsReportSpam
	handlers[api.ChannelsGetAdminedPublicChannelsRequestTypeID] = (*call).channelsGetAdminedPublicChannels
	wrap(api.MessagesGetDialogsRequestTypeID, (*call).tdDialogs)
	wrap(api.MessagesGetPeerDialogsRequestTypeID, (*call).tdDialogs)
}

// messagesSaveDraft saves my draft of a chat; an empty one deletes it.
func (c *call) messagesSaveDraft(q tl.Object) (any, error) {
	r := q.(*api.MessagesSaveDraftRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		a := w.td().account(me)
		var d api.DraftMessageClass = &api.DraftMessageEmpty{}
		if r.Message == "" && r.ReplyTo == nil {
			delete(a.drafts, ref)
		} else {
			dm := &api.DraftMessage{Message: r.Message, Entities: r.Entities, NoWebpage: r.NoWebpage, ReplyTo: r.ReplyTo, Date: c.now()}
			a.drafts[ref] = dm
			d = dm
		}
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateDraftMessage{Peer: ref.peer(), Draft: d}, Date: c.now()})
		return boolResult(true), nil
	})
}

// tdDialogs adds my drafts and notification settings to the dialogs
// served by next.
func (c *call) tdDialogs(q tl.Object, next handler) (any, error) {
	res, err := next(c, q)
	if err != nil {
		return nil, err
	}
	var dialogs []api.DialogClass
	switch x := res.(type) {
	case *api.MessagesDialogs:
		dialogs = x.Dialogs
	case *api.MessagesDialogsSlice:
		dialogs = x.Dialogs
	case *api.MessagesPeerDialogs:
		dialogs = x.Dialogs
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		a := w.td().account(me)
		for _, dc := range dialogs {
			d, ok := dc.(*api.Dialog)
			if !ok {
				continue
			}
			ref := refOf(d.Peer)
			d.NotifySettings = w.peerNotify(me, ref)
			if dm := a.drafts[ref]; dm != nil {
				d.Draft = dm
			}
		}
		return res, nil
	})
}

// canReportSpam reports whether the spam bar shows for a chat: a private
// chat with a user not in my contacts who wrote to me, until I report or
// hide it. Call with w.mu held.
func (w *world) canReportSpam(me *user, ref peerRef) bool {
	if ref.kind != 'u' || ref.id == me.id || me.contacts[ref.id] || w.td().account(me).noSpam[ref] {
		return false
	}
	d := me.dialogs[ref]
	return d != nil && d.top != 0
}

func (c *call) messagesGetPeerSettings(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetPeerSettingsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		res := &api.MessagesPeerSettings{Settings: api.PeerSettings{ReportSpam: w.canReportSpam(me, ref)}}
		res.Users, res.Chats = w.render(me, map[peerRef]bool{ref: true})
		return res, nil
	})
}

// messagesReportSpam reports a chat as spam; the bar is gone for good.
func (c *call) messagesReportSpam(q tl.Object) (any, error) {
	r := q.(*api.MessagesReportSpamRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		w.td().account(me).noSpam[ref] = true
		return boolResult(true), nil
	})
}

func (c *call) messagesHidePeerSettingsBar(q tl.Object) (any, error) {
	r := q.(*api.MessagesHidePeerSettingsBarRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		w.td().account(me).noSpam[ref] = true
		return boolResult(true), nil
	})
}

// channelsReportSpam reports messages of a member of a supergroup I
// administer or belong to.
func (c *call) channelsReportSpam(q tl.Object) (any, error) {
	r := q.(*api.ChannelsReportSpamRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ch, err := c.inputChannel(me, r.Channel)
		if err != nil {
			return nil, err
		}
		if !ch.megagroup || ch.members[me.id] == nil {
			return nil, rpcError(400, "CHANNEL_INVALID")
		}
		ref, err := c.inputPeer(me, r.Participant)
		if err != nil {
			return nil, err
		}
		if ref.kind != 'u' {
			return nil, rpcError(400, "PARTICIPANT_ID_INVALID")
		}
		for _, id := range r.ID {
			m := ch.box.messages[id]
			if m == nil || refOf(m.FromID) != ref {
				return nil, rpcError(400, "MESSAGE_ID_INVALID")
			}
		}
		return boolResult(true), nil
	})
}

// channelsGetAdminedPublicChannels lists the public channels I created.
func (c *call) channelsGetAdminedPublicChannels(tl.Object) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		res := &api.MessagesChats{Chats: []api.ChatClass{}}
		for _, id := range slices.Sorted(maps.Keys(w.channels)) {
			ch := w.channels[id]
			if ch.creator == me.id && ch.username != "" {
				res.Chats = append(res.Chats, w.channelView(me, ch))
			}
		}
		return res, nil
	})
}
