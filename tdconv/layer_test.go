package tdconv

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// fakeClient answers nothing: the tests here convert updates, which need
// no calls.
type fakeClient struct{}

var errFake = errors.New("fake client")

func (fakeClient) Invoke(context.Context, []byte) ([]byte, error) { return nil, errFake }
func (fakeClient) InputPeer(context.Context, int64) (api.InputPeerClass, error) {
	return nil, errFake
}
func (fakeClient) InputUser(context.Context, int64) (api.InputUserClass, error) {
	return nil, errFake
}
func (fakeClient) InputChannel(context.Context, int64) (api.InputChannelClass, error) {
	return nil, errFake
}
func (fakeClient) ParseMode(string, string) (string, []api.MessageEntityClass, error) {
	return "", nil, errFake
}
func (fakeClient) InputMedia(context.Context, string, Media) (api.InputMediaClass, error) {
	return nil, errFake
}
func (fakeClient) UploadFile(context.Context, string) (api.InputFileClass, error) {
	return nil, errFake
}
func (fakeClient) Download(context.Context, any, string, string) (string, int64, error) {
	return "", 0, errFake
}
func (fakeClient) FileID(any, string) string { return "" }
func (fakeClient) PasswordCheck(*api.AccountPassword, string) (api.InputCheckPasswordSRPClass, error) {
	return nil, errFake
}
func (fakeClient) NewPasswordHash(*api.AccountPassword, string) (api.PasswordKdfAlgoClass, []byte, error) {
	return nil, nil, errFake
}

// recorder collects what a Layer emits.
type recorder struct {
	mu   sync.Mutex
	list []Object
}

func (r *recorder) emit(o Object) {
	r.mu.Lock()
	r.list = append(r.list, o)
	r.mu.Unlock()
}

func (r *recorder) take() []Object {
	r.mu.Lock()
	defer r.mu.Unlock()
	l := r.list
	r.list = nil
	return l
}

func newTestLayer() (*Layer, *recorder) {
	r := &recorder{}
	return NewLayer(Config{Client: fakeClient{}, Emit: r.emit}), r
}

func ids(list []Object) string {
	var s []string
	for _, o := range list {
		s = append(s, o.TDID())
	}
	return strings.Join(s, ",")
}

func TestUpdateNewChannelMessage(t *testing.T) {
	l, rec := newTestLayer()
	ch := &api.Channel{ID: 77, Title: "Chan", Megagroup: true, AccessHash: tl.Some(int64(1)), Photo: &api.ChatPhotoEmpty{}}
	u := &api.User{ID: 5, FirstName: tl.Some("Ann"), AccessHash: tl.Some(int64(2))}
	m := &api.Message{ID: 3, FromID: &api.PeerUser{UserID: 5}, PeerID: &api.PeerChannel{ChannelID: 77}, Date: 1700000000,
		Message: "hi", Silent: true, Views: tl.Some(int32(9))}
	l.Update(&api.UpdateNewChannelMessage{Message: m, Pts: 2, PtsCount: 1}, []api.UserClass{u}, []api.ChatClass{ch})
	got := rec.take()
	if want := "UpdateUser,UpdateChannel,UpdateChat,UpdateNewMessage,UpdateChatTopMessage,UpdateChatOrder"; ids(got) != want {
		t.Fatalf("got %s, want %s", ids(got), want)
	}
	nm := got[3].(*UpdateNewMessage)
	if nm.Message.ChatID != -1000000000077 || nm.Message.ID != 3<<20 || nm.Message.SenderUserID != 5 || !nm.DisableNotification ||
		nm.Message.Views != 9 {
		t.Errorf("message: %+v", nm.Message)
	}
	if c := got[2].(*UpdateChat).Chat; c.Title != "Chan" || c.Type.(*ChannelChatInfo).Channel.IsSupergroup != true {
		t.Errorf("chat: %+v", c)
	}
	// A second message of the same chat: no UpdateChat again.
	l.Update(&api.UpdateNewChannelMessage{Message: &api.Message{ID: 4, PeerID: &api.PeerChannel{ChannelID: 77}, Date: 1700000001}}, nil, nil)
	if got := ids(rec.take()); got != "UpdateNewMessage,UpdateChatTopMessage,UpdateChatOrder" {
		t.Errorf("second message: %s", got)
	}
}

func TestUpdateConversions(t *testing.T) {
	inline := &api.InputBotInlineMessageID64{DCID: 2, OwnerID: 10, ID: 3, AccessHash: 4}
	cases := []struct {
		in   api.UpdateClass
		want string
		test func(t *testing.T, out []Object)
	}{
		{&api.UpdateInlineBotCallbackQuery{QueryID: 1, UserID: 5, MsgID: inline, ChatInstance: 8, Data: []byte("d")},
			"UpdateNewInlineCallbackQuery", func(t *testing.T, out []Object) {
				u := out[0].(*UpdateNewInlineCallbackQuery)
				back, err := parseInlineMessageID(u.InlineMessageID)
				if err != nil || back.(*api.InputBotInlineMessageID64).ID != 3 {
					t.Errorf("inline_message_id %q: %v %v", u.InlineMessageID, back, err)
				}
				if string(u.Payload.(*CallbackQueryData).Data) != "d" || u.ChatInstance != 8 || u.SenderUserID != 5 {
					t.Errorf("%+v", u)
				}
			}},
		{&api.UpdateBotCallbackQuery{QueryID: 2, UserID: 5, Peer: &api.PeerChat{ChatID: 9}, MsgID: 7, GameShortName: tl.Some("g")},
			"UpdateNewCallbackQuery", func(t *testing.T, out []Object) {
				u := out[0].(*UpdateNewCallbackQuery)
				if u.ChatID != -9 || u.MessageID != 7<<20 || u.Payload.(*CallbackQueryGame).GameShortName != "g" {
					t.Errorf("%+v", u)
				}
			}},
		{&api.UpdateBotInlineQuery{QueryID: 3, UserID: 5, Query: "q", Offset: "o", Geo: &api.GeoPoint{Lat: 1, Long: 2}},
			"UpdateNewInlineQuery", func(t *testing.T, out []Object) {
				u := out[0].(*UpdateNewInlineQuery)
				if u.UserLocation.Latitude != 1 || u.Query != "q" || u.Offset != "o" {
					t.Errorf("%+v", u)
				}
			}},
		{&api.UpdateBotInlineSend{UserID: 5, Query: "q", ID: "r1", MsgID: inline}, "UpdateNewChosenInlineResult", func(t *testing.T, out []Object) {
			if u := out[0].(*UpdateNewChosenInlineResult); u.ResultID != "r1" || u.InlineMessageID == "" || u.UserLocation != nil {
				t.Errorf("%+v", u)
			}
		}},
		{&api.UpdateUserTyping{UserID: 5, Action: &api.SendMessageUploadPhotoAction{Progress: 40}}, "UpdateUserAction", func(t *testing.T, out []Object) {
			u := out[0].(*UpdateUserAction)
			if u.ChatID != 5 || u.Action.(*SendMessageUploadPhotoAction).Progress != 40 {
				t.Errorf("%+v", u)
			}
		}},
		{&api.UpdateChatUserTyping{ChatID: 9, FromID: &api.PeerUser{UserID: 5}, Action: &api.SendMessageCancelAction{}}, "UpdateUserAction",
			func(t *testing.T, out []Object) {
				if u := out[0].(*UpdateUserAction); u.ChatID != -9 || u.UserID != 5 {
					t.Errorf("%+v", u)
				}
			}},
		{&api.UpdateChannelUserTyping{ChannelID: 77, FromID: &api.PeerUser{UserID: 5}, Action: &api.SendMessageTypingAction{}}, "UpdateUserAction",
			func(t *testing.T, out []Object) {
				if u := out[0].(*UpdateUserAction); u.ChatID != -1000000000077 {
					t.Errorf("%+v", u)
				}
			}},
		{&api.UpdateReadChannelInbox{ChannelID: 77, MaxID: 5, StillUnreadCount: 2}, "UpdateChatReadInbox", func(t *testing.T, out []Object) {
			if u := out[0].(*UpdateChatReadInbox); u.ChatID != -1000000000077 || u.LastReadInboxMessageID != 5<<20 || u.UnreadCount != 2 {
				t.Errorf("%+v", u)
			}
		}},
		{&api.UpdateReadHistoryOutbox{Peer: &api.PeerUser{UserID: 5}, MaxID: 6}, "UpdateChatReadOutbox", nil},
		{&api.UpdateChannelMessageViews{ChannelID: 77, ID: 3, Views: 12}, "UpdateMessageViews", func(t *testing.T, out []Object) {
			if u := out[0].(*UpdateMessageViews); u.Views != 12 || u.MessageID != 3<<20 {
				t.Errorf("%+v", u)
			}
		}},
		{&api.UpdateDeleteChannelMessages{ChannelID: 77, Messages: []int32{1, 2}}, "UpdateDeleteMessages", func(t *testing.T, out []Object) {
			if u := out[0].(*UpdateDeleteMessages); u.ChatID != -1000000000077 || len(u.MessageIDs) != 2 || u.MessageIDs[1] != 2<<20 {
				t.Errorf("%+v", u)
			}
		}},
		{&api.UpdatePeerBlocked{PeerID: &api.PeerUser{UserID: 5}, Blocked: true}, "UpdateUserBlocked", nil},
		{&api.UpdateUserStatus{UserID: 5, Status: &api.UserStatusOnline{Expires: 100}}, "UpdateUserStatus", func(t *testing.T, out []Object) {
			if u := out[0].(*UpdateUserStatus); u.Status.(*UserStatusOnline).Expires != 100 {
				t.Errorf("%+v", u)
			}
		}},
		{&api.UpdateEditChannelMessage{Message: &api.Message{ID: 3, PeerID: &api.PeerChannel{ChannelID: 77}, Message: "new",
			EditDate: tl.Some(int32(50)), ReplyMarkup: &api.ReplyKeyboardHide{}}}, "UpdateMessageContent,UpdateMessageEdited",
			func(t *testing.T, out []Object) {
				if c := out[0].(*UpdateMessageContent); c.NewContent.(*MessageText).Text != "new" {
					t.Errorf("%+v", c)
				}
				if e := out[1].(*UpdateMessageEdited); e.EditDate != 50 || e.ReplyMarkup.TDID() != "ReplyMarkupRemoveKeyboard" {
					t.Errorf("%+v", e)
				}
			}},
	}
	for _, tc := range cases {
		l, rec := newTestLayer()
		l.Update(tc.in, nil, nil)
		out := rec.take()
		if got := ids(out); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.in.TypeName(), got, tc.want)
			continue
		}
		if tc.test != nil {
			tc.test(t, out)
		}
	}
}

func TestUserNameUpdate(t *testing.T) {
	l, rec := newTestLayer()
	l.Update(&api.UpdateUserStatus{UserID: 5, Status: &api.UserStatusRecently{}}, []api.UserClass{&api.User{ID: 5, FirstName: tl.Some("A")}}, nil)
	rec.take()
	l.Update(&api.UpdateUserName{UserID: 5, FirstName: "B", Usernames: []api.Username{{Username: "bee", Active: true}}}, nil, nil)
	out := rec.take()
	if ids(out) != "UpdateUser" || out[0].(*UpdateUser).User.FirstName != "B" || out[0].(*UpdateUser).User.Username != "bee" {
		t.Errorf("got %s %+v", ids(out), out)
	}
	l.Update(&api.UpdateUserPhone{UserID: 5, Phone: "9996610777"}, nil, nil)
	out = rec.take()
	if ids(out) != "UpdateUser" || out[0].(*UpdateUser).User.PhoneNumber != "9996610777" || out[0].(*UpdateUser).User.FirstName != "B" {
		t.Errorf("updateUserPhone: got %s %+v", ids(out), out)
	}
}

// TestFunctions checks that the functions the legacy bots use have a
// handler, and that one without an MTProto counterpart answers an Error
// naming it.
func TestFunctions(t *testing.T) {
	have := map[string]bool{}
	for _, f := range Functions() {
		have[f] = true
	}
	for _, f := range strings.Fields(`SendMessage GetChats ChangeChatMemberStatus GetMessage GetMessages DeleteMessages GetUser
		GetUserFull SearchPublicChat PinChannelMessage UnpinChannelMessage ViewMessages GetChat AddChatMember AddChatMembers
		GetChannelMembers GetMe GetChannelFull GetGroupFull ChangeChatTitle ChangeChatPhoto ForwardMessages ChangeChannelAbout
		ChangeAbout ExportChatInviteLink CheckChatInviteLink ImportChatInviteLink EditMessageText EditMessageCaption
		EditMessageReplyMarkup DownloadFile DeleteMessagesFromUser ChangeUsername ChangeName CreateNewGroupChat
		CreateNewChannelChat MigrateGroupChatToChannelChat SendChatAction GetChatHistory SearchChatMessages
		GetUserProfilePhotos ImportContacts SearchContacts DeleteContacts BlockUser UnblockUser GetInlineQueryResults
		SendInlineQueryResultMessage AnswerCallbackQuery OpenChat GetChatMember SetAlarm`) {
		if !have[f] {
			t.Errorf("%s has no handler", f)
		}
	}
	l, _ := newTestLayer()
	res := l.Call(context.Background(), &CreateSecretChatRequest{})
	if e, ok := res.(*Error); !ok || !strings.Contains(e.Message, "CreateSecretChat") || e.Code != 400 {
		t.Errorf("CreateSecretChat: got %#v", res)
	}
}

func TestIDs(t *testing.T) {
	if k, id := SplitChatID(-1001234567890); k != ChannelChat || id != 1234567890 {
		t.Errorf("channel: %v %d", k, id)
	}
	if k, id := SplitChatID(-42); k != GroupChat || id != 42 {
		t.Errorf("group: %v %d", k, id)
	}
	if k, id := SplitChatID(42); k != PrivateChat || id != 42 {
		t.Errorf("user: %v %d", k, id)
	}
	if MessageID(5) != 5*1048576 || ServerMessageID(5*1048576) != 5 || ServerMessageID(7) != 7 {
		t.Error("message ids")
	}
}
