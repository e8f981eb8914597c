package tdconv

import (
	"context"
	"slices"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Settings of the account and of its chats: privacy, notifications,
// drafts, spam reports, and the lists TDLib kept on the client (recently
// found chats, recent inline bots, device tokens).

func init() {
	register("getPrivacy", (*Layer).getPrivacy)
	register("setPrivacy", (*Layer).setPrivacy)
	register("getNotificationSettings", (*Layer).getNotificationSettings)
	register("setNotificationSettings", (*Layer).setNotificationSettings)
	register("resetAllNotificationSettings", (*Layer).resetAllNotificationSettings)
	register("changeChatDraftMessage", (*Layer).changeChatDraftMessage)
	register("reportChannelSpam", (*Layer).reportChannelSpam)
	register("getChatReportSpamState", (*Layer).getChatReportSpamState)
	register("changeChatReportSpamState", (*Layer).changeChatReportSpamState)
	register("addRecentlyFoundChat", (*Layer).addRecentlyFoundChat)
	register("deleteRecentlyFoundChat", (*Layer).deleteRecentlyFoundChat)
	register("deleteRecentlyFoundChats", (*Layer).deleteRecentlyFoundChats)
	register("getRecentInlineBots", (*Layer).getRecentInlineBots)
}

// localState is what TDLib kept on the client alone.
type localState struct {
	devices     []DeviceTokenClass
	recentFound []int64 // chat ids, the latest first
	recentBots  []int64 // inline bots, the latest used first
}

// maxRecent is the length of the recently found chats and of the recent
// inline bots.
const maxRecent = 20

// pushRecent moves id to the front of list.
func pushRecent(list []int64, id int64) []int64 {
	list = slices.DeleteFunc(list, func(x int64) bool { return x == id })
	list = slices.Insert(list, 0, id)
	return list[:min(len(list), maxRecent)]
}

func privacyKeyAPI(k PrivacyKeyClass) (api.InputPrivacyKeyClass, error) {
	switch k.(type) {
	case *PrivacyKeyUserStatus:
		return &api.InputPrivacyKeyStatusTimestamp{}, nil
	case *PrivacyKeyChatInvite:
		return &api.InputPrivacyKeyChatInvite{}, nil
	}
	return nil, tdError(400, "Privacy key must not be empty")
}

func privacyKeyTD(k api.PrivacyKeyClass) PrivacyKeyClass {
	switch k.(type) {
	case *api.PrivacyKeyStatusTimestamp:
		return &PrivacyKeyUserStatus{}
	case *api.PrivacyKeyChatInvite:
		return &PrivacyKeyChatInvite{}
	}
	return nil
}

// privacyRulesTD converts rules; the kinds TD had no rule for are left
// out.
func privacyRulesTD(rules []api.PrivacyRuleClass) *PrivacyRules {
	out := &PrivacyRules{Rules: []PrivacyRuleClass{}}
	for _, r := range rules {
		var t PrivacyRuleClass
		switch x := r.(type) {
		case *api.PrivacyValueAllowAll:
			t = &PrivacyRuleAllowAll{}
		case *api.PrivacyValueAllowContacts:
			t = &PrivacyRuleAllowContacts{}
		case *api.PrivacyValueAllowUsers:
			t = &PrivacyRuleAllowUsers{UserIDs: slices.Clone(x.Users)}
		case *api.PrivacyValueDisallowAll:
			t = &PrivacyRuleDisallowAll{}
		case *api.PrivacyValueDisallowContacts:
			t = &PrivacyRuleDisallowContacts{}
		case *api.PrivacyValueDisallowUsers:
			t = &PrivacyRuleDisallowUsers{UserIDs: slices.Clone(x.Users)}
		}
		if t != nil {
			out.Rules = append(out.Rules, t)
		}
	}
	return out
}

func (s *Layer) privacyRulesAPI(ctx context.Context, rules []PrivacyRuleClass) ([]api.InputPrivacyRuleClass, error) {
	users := func(ids []int64) ([]api.InputUserClass, error) {
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
	out := make([]api.InputPrivacyRuleClass, 0, len(rules))
	for _, r := range rules {
		switch x := r.(type) {
		case *PrivacyRuleAllowAll:
			out = append(out, &api.InputPrivacyValueAllowAll{})
		case *PrivacyRuleAllowContacts:
			out = append(out, &api.InputPrivacyValueAllowContacts{})
		case *PrivacyRuleAllowUsers:
			us, err := users(x.UserIDs)
			if err != nil {
				return nil, err
			}
			out = append(out, &api.InputPrivacyValueAllowUsers{Users: us})
		case *PrivacyRuleDisallowAll:
			out = append(out, &api.InputPrivacyValueDisallowAll{})
		case *PrivacyRuleDisallowContacts:
			out = append(out, &api.InputPrivacyValueDisallowContacts{})
		case *PrivacyRuleDisallowUsers:
			us, err := users(x.UserIDs)
			if err != nil {
				return nil, err
			}
			out = append(out, &api.InputPrivacyValueDisallowUsers{Users: us})
		}
	}
	return out, nil
}

func (s *Layer) getPrivacy(ctx context.Context, r *GetPrivacyRequest) (Object, error) {
	key, err := privacyKeyAPI(r.Key)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.AccountGetPrivacyRequest{Key: key})
	if err != nil {
		return nil, err
	}
	return privacyRulesTD(res.Rules), nil
}

// setPrivacy changes the rules of a privacy key and announces them with
// UpdatePrivacy.
func (s *Layer) setPrivacy(ctx context.Context, r *SetPrivacyRequest) (Object, error) {
	key, err := privacyKeyAPI(r.Key)
	if err != nil {
		return nil, err
	}
	var rules []PrivacyRuleClass
	if r.Rules != nil {
		rules = r.Rules.Rules
	}
	in, err := s.privacyRulesAPI(ctx, rules)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.AccountSetPrivacyRequest{Key: key, Rules: in})
	if err != nil {
		return nil, err
	}
	s.emit(&UpdatePrivacy{Key: r.Key, Rules: privacyRulesTD(res.Rules)})
	return &Ok{}, nil
}

// notifyPeers returns the MTProto targets of a scope: all chats are the
// private chats, the groups and the channels.
func (s *Layer) notifyPeers(ctx context.Context, scope NotificationSettingsScopeClass) ([]api.InputNotifyPeerClass, error) {
	switch x := scope.(type) {
	case *NotificationSettingsForChat:
		p, err := s.c.InputPeer(ctx, x.ChatID)
		if err != nil {
			return nil, err
		}
		return []api.InputNotifyPeerClass{&api.InputNotifyPeer{Peer: p}}, nil
	case *NotificationSettingsForPrivateChats:
		return []api.InputNotifyPeerClass{&api.InputNotifyUsers{}}, nil
	case *NotificationSettingsForGroupChats:
		return []api.InputNotifyPeerClass{&api.InputNotifyChats{}, &api.InputNotifyBroadcasts{}}, nil
	case *NotificationSettingsForAllChats:
		return []api.InputNotifyPeerClass{&api.InputNotifyUsers{}, &api.InputNotifyChats{}, &api.InputNotifyBroadcasts{}}, nil
	}
	return nil, tdError(400, "Scope must not be empty")
}

// notificationSettingsTD converts settings; mute_for counts from now.
func (s *Layer) notificationSettingsTD(p *api.PeerNotifySettings) *NotificationSettings {
	out := &NotificationSettings{ShowPreview: true, Sound: "default"}
	if p == nil {
		return out
	}
	if v, ok := p.ShowPreviews.Get(); ok {
		out.ShowPreview = v
	}
	if until, ok := p.MuteUntil.Get(); ok && until > s.now() {
		out.MuteFor = int64(until - s.now())
	}
	sound := p.OtherSound
	if sound == nil {
		sound = p.IosSound
	}
	switch x := sound.(type) {
	case *api.NotificationSoundNone:
		out.Sound = ""
	case *api.NotificationSoundLocal:
		out.Sound = x.Data
	}
	return out
}

func (s *Layer) notificationSettingsAPI(n *NotificationSettings) api.InputPeerNotifySettings {
	out := api.InputPeerNotifySettings{ShowPreviews: tl.Some(n.ShowPreview), MuteUntil: tl.Some(int32(0))}
	if n.MuteFor > 0 {
		out.MuteUntil = tl.Some(int32(min(int64(s.now())+n.MuteFor, 1<<31-1)))
	}
	switch n.Sound {
	case "default":
		out.Sound = &api.NotificationSoundDefault{}
	case "":
		out.Sound = &api.NotificationSoundNone{}
	default:
		out.Sound = &api.NotificationSoundLocal{Title: n.Sound, Data: n.Sound}
	}
	return out
}

func (s *Layer) getNotificationSettings(ctx context.Context, r *GetNotificationSettingsRequest) (Object, error) {
	peers, err := s.notifyPeers(ctx, r.Scope)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.AccountGetNotifySettingsRequest{Peer: peers[0]})
	if err != nil {
		return nil, err
	}
	n := s.notificationSettingsTD(res)
	if x, ok := r.Scope.(*NotificationSettingsForChat); ok {
		s.mu.Lock()
		s.dialog(x.ChatID).notify = n
		s.mu.Unlock()
	}
	return n, nil
}

// setNotificationSettings changes the settings of a scope and announces
// them with UpdateNotificationSettings.
func (s *Layer) setNotificationSettings(ctx context.Context, r *SetNotificationSettingsRequest) (Object, error) {
	if r.NotificationSettings == nil {
		return nil, tdError(400, "New notification settings must not be empty")
	}
	peers, err := s.notifyPeers(ctx, r.Scope)
	if err != nil {
		return nil, err
	}
	in := s.notificationSettingsAPI(r.NotificationSettings)
	for _, p := range peers {
		if _, err := call(ctx, s, &api.AccountUpdateNotifySettingsRequest{Peer: p, Settings: in}); err != nil {
			return nil, err
		}
	}
	n := *r.NotificationSettings
	if x, ok := r.Scope.(*NotificationSettingsForChat); ok {
		s.mu.Lock()
		s.dialog(x.ChatID).notify = &n
		s.mu.Unlock()
	}
	s.emit(&UpdateNotificationSettings{Scope: r.Scope, NotificationSettings: &n})
	return &Ok{}, nil
}

func (s *Layer) resetAllNotificationSettings(ctx context.Context, _ *ResetAllNotificationSettingsRequest) (Object, error) {
	if _, err := call(ctx, s, &api.AccountResetNotifySettingsRequest{}); err != nil {
		return nil, err
	}
	s.mu.Lock()
	for _, d := range s.dialogs {
		d.notify = nil
	}
	s.mu.Unlock()
	s.emit(&UpdateNotificationSettings{Scope: &NotificationSettingsForAllChats{}, NotificationSettings: s.notificationSettingsTD(nil)})
	return &Ok{}, nil
}

// draftTD converts a draft; nil for none.
func draftTD(d api.DraftMessageClass) *DraftMessage {
	x, ok := d.(*api.DraftMessage)
	if !ok {
		return nil
	}
	out := &DraftMessage{InputMessageText: &InputMessageText{Text: x.Message, DisableWebPagePreview: x.NoWebpage,
		Entities: entitiesTD(x.Entities)}}
	if r, ok := x.ReplyTo.(*api.InputReplyToMessage); ok {
		out.ReplyToMessageID = MessageID(r.ReplyToMsgID)
	}
	return out
}

// changeChatDraftMessage saves the draft of a chat (a nil or empty draft
// clears it) and announces it with UpdateChatDraftMessage.
func (s *Layer) changeChatDraftMessage(ctx context.Context, r *ChangeChatDraftMessageRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	req := &api.MessagesSaveDraftRequest{Peer: peer}
	var saved *DraftMessage
	if d := r.DraftMessage; d != nil {
		t, ok := d.InputMessageText.(*InputMessageText)
		if d.InputMessageText != nil && !ok {
			return nil, tdError(400, "Draft message content must be InputMessageText")
		}
		if t != nil {
			text, entities, err := s.formatted(ctx, t.Text, t.Entities, t.ParseMode)
			if err != nil {
				return nil, err
			}
			req.Message, req.Entities, req.NoWebpage = text, entities, t.DisableWebPagePreview
			if len(entities) == 0 {
				req.Entities = nil
			}
		}
		if d.ReplyToMessageID != 0 {
			req.ReplyTo = &api.InputReplyToMessage{ReplyToMsgID: ServerMessageID(d.ReplyToMessageID)}
		}
		if req.Message != "" || req.ReplyTo != nil {
			saved = draftTD(&api.DraftMessage{Message: req.Message, Entities: req.Entities, NoWebpage: req.NoWebpage,
				ReplyTo: req.ReplyTo})
		}
	}
	if _, err := call(ctx, s, req); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.dialog(r.ChatID).draft = saved
	s.mu.Unlock()
	s.emit(&UpdateChatDraftMessage{ChatID: r.ChatID, DraftMessage: saved})
	return &Ok{}, nil
}

// reportChannelSpam reports messages of a user in a supergroup.
func (s *Layer) reportChannelSpam(ctx context.Context, r *ReportChannelSpamRequest) (Object, error) {
	ch, err := s.c.InputChannel(ctx, r.ChannelID)
	if err != nil {
		return nil, err
	}
	user, err := s.c.InputPeer(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	ids := make([]int32, 0, len(r.MessageIDs))
	for _, id := range r.MessageIDs {
		ids = append(ids, ServerMessageID(id))
	}
	if _, err := call(ctx, s, &api.ChannelsReportSpamRequest{Channel: ch, Participant: user, ID: ids}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) getChatReportSpamState(ctx context.Context, r *GetChatReportSpamStateRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.MessagesGetPeerSettingsRequest{Peer: peer})
	if err != nil {
		return nil, err
	}
	return &ChatReportSpamState{CanReportSpam: res.Settings.ReportSpam}, nil
}

// changeChatReportSpamState reports a chat as spam, or hides the spam
// report bar for it.
func (s *Layer) changeChatReportSpamState(ctx context.Context, r *ChangeChatReportSpamStateRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	if r.IsSpamChat {
		_, err = call(ctx, s, &api.MessagesReportSpamRequest{Peer: peer})
	} else {
		_, err = call(ctx, s, &api.MessagesHidePeerSettingsBarRequest{Peer: peer})
	}
	if err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// addRecentlyFoundChat puts a known chat first in the recently found
// chats, which SearchChats answers for an empty query.
func (s *Layer) addRecentlyFoundChat(ctx context.Context, r *AddRecentlyFoundChatRequest) (Object, error) {
	if err := s.load(ctx, r.ChatID); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.chat(r.ChatID) == nil {
		return nil, tdError(400, "Chat not found")
	}
	s.local.recentFound = pushRecent(s.local.recentFound, r.ChatID)
	return &Ok{}, nil
}

func (s *Layer) deleteRecentlyFoundChat(_ context.Context, r *DeleteRecentlyFoundChatRequest) (Object, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.local.recentFound = slices.DeleteFunc(s.local.recentFound, func(id int64) bool { return id == r.ChatID })
	return &Ok{}, nil
}

func (s *Layer) deleteRecentlyFoundChats(context.Context, *DeleteRecentlyFoundChatsRequest) (Object, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.local.recentFound = nil
	return &Ok{}, nil
}

// getRecentInlineBots lists the bots GetInlineQueryResults asked, the
// latest first.
func (s *Layer) getRecentInlineBots(context.Context, *GetRecentInlineBotsRequest) (Object, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &Users{Users: []*User{}}
	for _, id := range s.local.recentBots {
		if u := s.users[id]; u != nil {
			out.Users = append(out.Users, s.user(u))
		}
	}
	out.TotalCount = int64(len(out.Users))
	return out, nil
}
