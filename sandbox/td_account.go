package sandbox

import (
	"bytes"
	"encoding/binary"
	"maps"
	"slices"
	"strings"

	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Account settings and sessions: profile photo deletion, authorizations,
// privacy rules, notification settings, the account's time to live,
// devices, the bot updates status and account deletion.

func init() {
	handlers[api.PhotosDeletePhotosRequestTypeID] = (*call).photosDeletePhotos
	handlers[api.AccountGetAuthorizationsRequestTypeID] = (*call).accountGetAuthorizations
	handlers[api.AccountResetAuthorizationRequestTypeID] = (*call).accountResetAuthorization
	handlers[api.AuthResetAuthorizationsRequestTypeID] = (*call).authResetAuthorizations
	handlers[api.AccountGetPrivacyRequestTypeID] = (*call).accountGetPrivacy
	handlers[api.AccountSetPrivacyRequestTypeID] = (*call).accountSetPrivacy
	handlers[api.AccountGetNotifySettingsRequestTypeID] = (*call).accountGetNotifySettings
	handlers[api.AccountUpdateNotifySettingsRequestTypeID] = (*call).accountUpdateNotifySettings
	handlers[api.AccountResetNotifySettingsRequestTypeID] = (*call).accountResetNotifySettings
	handlers[api.AccountGetAccountTTLRequestTypeID] = (*call).accountGetAccountTTL
	handlers[api.AccountSetAccountTTLRequestTypeID] = (*call).accountSetAccountTTL
	handlers[api.AccountRegisterDeviceRequestTypeID] = (*call).accountRegisterDevice
	handlers[api.AccountDeleteAccountRequestTypeID] = (*call).accountDeleteAccount
	handlers[api.HelpSetBotUpdatesStatusRequestTypeID] = (*call).helpSetBotUpdatesStatus
}

// A tdAccount is what the sandbox keeps of one user's settings.
type tdAccount struct {
	privacy  map[string][]api.PrivacyRuleClass // by key type name
	notify   map[string]api.PeerNotifySettings // by notifyKey
	drafts   map[peerRef]*api.DraftMessage
	ttlDays  int32
	devices  map[string]int32 // token → type
	created  map[[8]byte]int32
	botQueue int32 // the pending updates a bot reported
	noSpam   map[peerRef]bool
}

// account returns the settings of u. Call with w.mu held.
func (t *tdWorld) account(u *user) *tdAccount {
	a := t.accounts[u.id]
	if a == nil {
		a = &tdAccount{privacy: map[string][]api.PrivacyRuleClass{}, notify: map[string]api.PeerNotifySettings{},
			drafts: map[peerRef]*api.DraftMessage{}, ttlDays: 365, devices: map[string]int32{},
			created: map[[8]byte]int32{}, noSpam: map[peerRef]bool{}}
		t.accounts[u.id] = a
	}
	return a
}

// photosDeletePhotos deletes my profile photos among the ones given and
// returns the ids deleted.
func (c *call) photosDeletePhotos(q tl.Object) (any, error) {
	r := q.(*api.PhotosDeletePhotosRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		t := w.td()
		var deleted []int64
		for _, in := range r.ID {
			p, ok := in.(*api.InputPhoto)
			if !ok {
				continue
			}
			list := t.userPhotos[me.id]
			for i, ph := range list {
				if ph.id == p.ID && ph.accessHash == p.AccessHash {
					t.userPhotos[me.id] = append(list[:i:i], list[i+1:]...)
					deleted = append(deleted, p.ID)
					break
				}
			}
		}
		var b tl.Buffer
		b.VectorHeader(len(deleted))
		for _, id := range deleted {
			b.Int64(id)
		}
		return rawResult(b.Buf), nil
	})
}

// permOf returns the permanent key id behind a session's key.
func (c *call) permOf(ss *session.ServerSession) [8]byte {
	k := ss.Key
	if cur, ok := c.dc.srv.Keys().Get(k.Key.ID(), c.dc.sb.cfg.Now()); ok {
		k = cur
	}
	if k.Perm != nil {
		return k.Perm.ID()
	}
	return k.Key.ID()
}

func authHash(key [8]byte) int64 { return int64(binary.LittleEndian.Uint64(key[:]) &^ (1 << 63)) }

// accountGetAuthorizations lists the keys logged in as me, described by
// the initConnection of one of their sessions.
func (c *call) accountGetAuthorizations(tl.Object) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		a := w.td().account(me)
		info := map[[8]byte]*api.InitConnectionRequest{}
		for ss := range me.sessions {
			if in, ok := ss.Value(valInit).(*api.InitConnectionRequest); ok {
				info[c.permOf(ss)] = in
			}
		}
		cur := c.permKeyID()
		res := &api.AccountAuthorizations{AuthorizationTTLDays: 180, Authorizations: []api.Authorization{}}
		for _, key := range sortedKeys(w.auths) {
			if w.auths[key] != me {
				continue
			}
			if a.created[key] == 0 {
				a.created[key] = c.now()
			}
			au := api.Authorization{Current: key == cur, Hash: authHash(key), DateCreated: a.created[key],
				DateActive: c.now(), IP: "127.0.0.1", Country: "Sandbox", Region: "Local",
				DeviceModel: "unknown", Platform: "unknown", SystemVersion: "unknown", AppName: "unknown", AppVersion: "unknown"}
			if in := info[key]; in != nil {
				au.APIID, au.DeviceModel, au.SystemVersion, au.AppVersion = in.APIID, in.DeviceModel, in.SystemVersion, in.AppVersion
				if in.LangPack != "" {
					au.AppName = in.LangPack
				}
			}
			if au.Current {
				au.Hash = 0 // as Telegram: the current authorization has hash 0
			}
			res.Authorizations = append(res.Authorizations, au)
		}
		return res, nil
	})
}

func sortedKeys(m map[[8]byte]*user) [][8]byte {
	out := slices.Collect(maps.Keys(m))
	slices.SortFunc(out, func(a, b [8]byte) int { return bytes.Compare(a[:], b[:]) })
	return out
}

// logOutKey logs a key out: its sessions stop receiving my updates. Call
// with w.mu held.
func (c *call) logOutKey(w *world, me *user, key [8]byte) {
	delete(w.auths, key)
	for ss := range me.sessions {
		if c.permOf(ss) == key {
			delete(me.sessions, ss)
		}
	}
}

func (c *call) accountResetAuthorization(q tl.Object) (any, error) {
	r := q.(*api.AccountResetAuthorizationRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		for key, u := range w.auths {
			if u == me && authHash(key) == r.Hash && key != c.permKeyID() {
				c.logOutKey(w, me, key)
				return boolResult(true), nil
			}
		}
		return nil, rpcError(400, "HASH_INVALID")
	})
}

func (c *call) authResetAuthorizations(tl.Object) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		cur := c.permKeyID()
		for key, u := range w.auths {
			if u == me && key != cur {
				c.logOutKey(w, me, key)
			}
		}
		return boolResult(true), nil
	})
}

func privacyKeyName(k api.InputPrivacyKeyClass) (string, api.PrivacyKeyClass, error) {
	switch k.(type) {
	case *api.InputPrivacyKeyStatusTimestamp:
		return "status", &api.PrivacyKeyStatusTimestamp{}, nil
	case *api.InputPrivacyKeyChatInvite:
		return "chat_invite", &api.PrivacyKeyChatInvite{}, nil
	case *api.InputPrivacyKeyPhoneCall:
		return "phone_call", &api.PrivacyKeyPhoneCall{}, nil
	case *api.InputPrivacyKeyProfilePhoto:
		return "profile_photo", &api.PrivacyKeyProfilePhoto{}, nil
	case *api.InputPrivacyKeyPhoneNumber:
		return "phone_number", &api.PrivacyKeyPhoneNumber{}, nil
	case *api.InputPrivacyKeyForwards:
		return "forwards", &api.PrivacyKeyForwards{}, nil
	}
	return "", nil, rpcError(400, "PRIVACY_KEY_INVALID")
}

// privacyResult renders rules with their users.
func (w *world) privacyResult(me *user, rules []api.PrivacyRuleClass) *api.AccountPrivacyRules {
	if rules == nil {
		rules = []api.PrivacyRuleClass{&api.PrivacyValueAllowAll{}}
	}
	refs := map[peerRef]bool{}
	for _, r := range rules {
		var ids []int64
		switch x := r.(type) {
		case *api.PrivacyValueAllowUsers:
			ids = x.Users
		case *api.PrivacyValueDisallowUsers:
			ids = x.Users
		}
		for _, id := range ids {
			refs[peerRef{'u', id}] = true
		}
	}
	res := &api.AccountPrivacyRules{Rules: rules}
	res.Users, res.Chats = w.render(me, refs)
	return res
}

func (c *call) accountGetPrivacy(q tl.Object) (any, error) {
	r := q.(*api.AccountGetPrivacyRequest)
	name, _, err := privacyKeyName(r.Key)
	if err != nil {
		return nil, err
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		return w.privacyResult(me, w.td().account(me).privacy[name]), nil
	})
}

func (c *call) accountSetPrivacy(q tl.Object) (any, error) {
	r := q.(*api.AccountSetPrivacyRequest)
	name, key, err := privacyKeyName(r.Key)
	if err != nil {
		return nil, err
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		rules := []api.PrivacyRuleClass{}
		users := func(in []api.InputUserClass) ([]int64, error) {
			ids := []int64{}
			for _, iu := range in {
				u, err := c.inputUser(me, iu)
				if err != nil {
					return nil, err
				}
				ids = append(ids, u.id)
			}
			return ids, nil
		}
		for _, ir := range r.Rules {
			switch x := ir.(type) {
			case *api.InputPrivacyValueAllowAll:
				rules = append(rules, &api.PrivacyValueAllowAll{})
			case *api.InputPrivacyValueAllowContacts:
				rules = append(rules, &api.PrivacyValueAllowContacts{})
			case *api.InputPrivacyValueDisallowAll:
				rules = append(rules, &api.PrivacyValueDisallowAll{})
			case *api.InputPrivacyValueDisallowContacts:
				rules = append(rules, &api.PrivacyValueDisallowContacts{})
			case *api.InputPrivacyValueAllowUsers:
				ids, err := users(x.Users)
				if err != nil {
					return nil, err
				}
				rules = append(rules, &api.PrivacyValueAllowUsers{Users: ids})
			case *api.InputPrivacyValueDisallowUsers:
				ids, err := users(x.Users)
				if err != nil {
					return nil, err
				}
				rules = append(rules, &api.PrivacyValueDisallowUsers{Users: ids})
			}
		}
		w.td().account(me).privacy[name] = rules
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdatePrivacy{Key: key, Rules: rules}, Date: c.now()})
		return w.privacyResult(me, rules), nil
	})
}

// notifyKey names the target of notification settings, and returns the
// peer the update about them names.
func (c *call) notifyKey(me *user, in api.InputNotifyPeerClass) (string, api.NotifyPeerClass, error) {
	switch x := in.(type) {
	case *api.InputNotifyPeer:
		ref, err := c.inputPeer(me, x.Peer)
		if err != nil {
			return "", nil, err
		}
		return "peer:" + string(ref.kind) + ":" + string(binary.LittleEndian.AppendUint64(nil, uint64(ref.id))),
			&api.NotifyPeer{Peer: ref.peer()}, nil
	case *api.InputNotifyUsers:
		return "users", &api.NotifyUsers{}, nil
	case *api.InputNotifyChats:
		return "chats", &api.NotifyChats{}, nil
	case *api.InputNotifyBroadcasts:
		return "broadcasts", &api.NotifyBroadcasts{}, nil
	}
	return "", nil, rpcError(400, "PEER_ID_INVALID")
}

// peerNotify returns my settings for a chat. Call with w.mu held.
func (w *world) peerNotify(me *user, ref peerRef) api.PeerNotifySettings {
	key := "peer:" + string(ref.kind) + ":" + string(binary.LittleEndian.AppendUint64(nil, uint64(ref.id)))
	return w.td().account(me).notify[key]
}

func (c *call) accountGetNotifySettings(q tl.Object) (any, error) {
	r := q.(*api.AccountGetNotifySettingsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		key, _, err := c.notifyKey(me, r.Peer)
		if err != nil {
			return nil, err
		}
		s := w.td().account(me).notify[key]
		return &s, nil
	})
}

func (c *call) accountUpdateNotifySettings(q tl.Object) (any, error) {
	r := q.(*api.AccountUpdateNotifySettingsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		key, peer, err := c.notifyKey(me, r.Peer)
		if err != nil {
			return nil, err
		}
		in := r.Settings
		s := api.PeerNotifySettings{ShowPreviews: in.ShowPreviews, Silent: in.Silent, MuteUntil: in.MuteUntil, OtherSound: in.Sound}
		w.td().account(me).notify[key] = s
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateNotifySettings{Peer: peer, NotifySettings: s}, Date: c.now()})
		return boolResult(true), nil
	})
}

func (c *call) accountResetNotifySettings(tl.Object) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		w.td().account(me).notify = map[string]api.PeerNotifySettings{}
		return boolResult(true), nil
	})
}

func (c *call) accountGetAccountTTL(tl.Object) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		return &api.AccountDaysTTL{Days: w.td().account(me).ttlDays}, nil
	})
}

func (c *call) accountSetAccountTTL(q tl.Object) (any, error) {
	r := q.(*api.AccountSetAccountTTLRequest)
	if r.TTL.Days < 30 || r.TTL.Days > 730 {
		return nil, rpcError(400, "TTL_DAYS_INVALID")
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		w.td().account(me).ttlDays = r.TTL.Days
		return boolResult(true), nil
	})
}

func (c *call) accountRegisterDevice(q tl.Object) (any, error) {
	r := q.(*api.AccountRegisterDeviceRequest)
	if r.Token == "" || r.TokenType < 1 || r.TokenType > 13 {
		return nil, rpcError(400, "TOKEN_INVALID")
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		w.td().account(me).devices[r.Token] = r.TokenType
		return boolResult(true), nil
	})
}

func (c *call) helpSetBotUpdatesStatus(q tl.Object) (any, error) {
	r := q.(*api.HelpSetBotUpdatesStatusRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if !me.bot {
			return nil, rpcError(400, "BOT_METHOD_INVALID")
		}
		w.td().account(me).botQueue = r.PendingUpdatesCount
		return boolResult(true), nil
	})
}

// accountDeleteAccount deletes me: every key logged in as me is logged
// out, my phone number and username are free again, and others see a
// deleted account.
func (c *call) accountDeleteAccount(tl.Object) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		if me.bot {
			return nil, rpcError(400, "BOT_METHOD_INVALID")
		}
		for key, u := range w.auths {
			if u == me {
				delete(w.auths, key)
			}
		}
		clear(me.sessions)
		if w.byPhone[me.phone] == me {
			delete(w.byPhone, me.phone)
		}
		if me.username != "" {
			delete(w.byName, strings.ToLower(me.username))
		}
		w.td().deleted[me.id] = true
		return boolResult(true), nil
	})
}
