package tdconv

import (
	"context"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// TestEveryFunction checks that every function of the schema is served or
// answers an Error that says why not, and not both.
func TestEveryFunction(t *testing.T) {
	served := map[string]bool{}
	for name := range functions {
		served[name] = true
	}
	n := 0
	for name, mk := range constructors {
		if _, ok := mk().(Function); !ok {
			continue
		}
		n++
		switch why := notServed[name]; {
		case served[name] && why != "":
			t.Errorf("%s is served and listed as not served", name)
		case !served[name] && why == "":
			t.Errorf("%s is neither served nor listed as not served", name)
		}
	}
	for name := range notServed {
		if !strings.HasPrefix(name, "test.") && constructors[name] == nil {
			t.Errorf("notServed lists %s, which is not in the schema", name)
		}
	}
	t.Logf("%d functions: %d served, %d not", n, len(functions), len(notServed))
	l, _ := newTestLayer()
	res := l.Call(context.Background(), &CreateNewSecretChatRequest{UserID: 5})
	if e, ok := res.(*Error); !ok || e.Message != "CreateNewSecretChat is not supported: "+reasonSecret {
		t.Errorf("CreateNewSecretChat: got %#v", res)
	}
}

// TestTestFunctions checks that a test function read from Lua is refused
// by name.
func TestTestFunctions(t *testing.T) {
	L := lua.NewState()
	defer L.Close()
	if err := L.DoString(`req = {ID = "TestSquareInt", x_ = 3}`); err != nil {
		t.Fatal(err)
	}
	_, err := Read(L, L.GetGlobal("req"))
	if err == nil || !strings.Contains(err.Error(), "TestSquareInt is not supported: "+reasonTest) {
		t.Errorf("got %v", err)
	}
}

func TestSettingsUpdates(t *testing.T) {
	l, rec := newTestLayer()
	now := time.Unix(1700000000, 0)
	l.cfg.Now = func() time.Time { return now }
	u := &api.User{ID: 5, FirstName: tl.Some("Ann"), AccessHash: tl.Some(int64(2))}
	l.Update(&api.UpdateDraftMessage{Peer: &api.PeerUser{UserID: 5}, Draft: &api.DraftMessage{Message: "later",
		ReplyTo: &api.InputReplyToMessage{ReplyToMsgID: 4}, Date: 1}}, []api.UserClass{u}, nil)
	l.Update(&api.UpdateNotifySettings{Peer: &api.NotifyPeer{Peer: &api.PeerUser{UserID: 5}},
		NotifySettings: api.PeerNotifySettings{MuteUntil: tl.Some(int32(now.Unix() + 60)), ShowPreviews: tl.Some(false),
			OtherSound: &api.NotificationSoundNone{}}}, nil, nil)
	l.Update(&api.UpdateNotifySettings{Peer: &api.NotifyChats{}, NotifySettings: api.PeerNotifySettings{}}, nil, nil)
	l.Update(&api.UpdatePrivacy{Key: &api.PrivacyKeyStatusTimestamp{}, Rules: []api.PrivacyRuleClass{
		&api.PrivacyValueAllowContacts{}, &api.PrivacyValueDisallowUsers{Users: []int64{9}}, &api.PrivacyValueAllowPremium{}}}, nil, nil)
	got := rec.take()
	if want := "UpdateUser,UpdateChatDraftMessage,UpdateNotificationSettings,UpdateNotificationSettings,UpdatePrivacy"; ids(got) != want {
		t.Fatalf("got %s, want %s", ids(got), want)
	}
	d := got[1].(*UpdateChatDraftMessage)
	if d.ChatID != 5 || d.DraftMessage.ReplyToMessageID != 4<<20 || d.DraftMessage.InputMessageText.(*InputMessageText).Text != "later" {
		t.Errorf("draft: %+v", d.DraftMessage)
	}
	n := got[2].(*UpdateNotificationSettings)
	if s, ok := n.Scope.(*NotificationSettingsForChat); !ok || s.ChatID != 5 ||
		*n.NotificationSettings != (NotificationSettings{MuteFor: 60, Sound: "", ShowPreview: false}) {
		t.Errorf("chat settings: %+v %+v", n.Scope, n.NotificationSettings)
	}
	g := got[3].(*UpdateNotificationSettings)
	if _, ok := g.Scope.(*NotificationSettingsForGroupChats); !ok ||
		*g.NotificationSettings != (NotificationSettings{Sound: "default", ShowPreview: true}) {
		t.Errorf("group settings: %+v %+v", g.Scope, g.NotificationSettings)
	}
	p := got[4].(*UpdatePrivacy)
	if _, ok := p.Key.(*PrivacyKeyUserStatus); !ok || len(p.Rules.Rules) != 2 ||
		p.Rules.Rules[1].(*PrivacyRuleDisallowUsers).UserIDs[0] != 9 {
		t.Errorf("privacy: %+v %+v", p.Key, p.Rules.Rules)
	}
	l.mu.Lock()
	c := l.chat(5)
	l.mu.Unlock()
	if c.DraftMessage == nil || c.NotificationSettings.MuteFor != 60 {
		t.Errorf("chat: draft %+v, settings %+v", c.DraftMessage, c.NotificationSettings)
	}
}
