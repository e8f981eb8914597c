package tdconv

import (
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// readLua runs src, which returns a table, and reads it.
func readLua(t *testing.T, src string) (Object, error) {
	t.Helper()
	L := lua.NewState()
	defer L.Close()
	if err := L.DoString("return " + src); err != nil {
		t.Fatal(err)
	}
	return Read(L, L.Get(-1))
}

func TestReadLoose(t *testing.T) {
	o, err := readLua(t, `{ID = "SendMessage", chat_id_ = "-1001000000005", reply_to_message_id_ = 3145728,
		disable_notification_ = 0, from_background_ = 1,
		input_message_content_ = {ID = "InputMessageText", text_ = 42, disable_web_page_preview_ = "0",
			clear_draft_ = true, entities_ = {}, parse_mode_ = {ID = "TextParseModeHTML"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	r := o.(*SendMessageRequest)
	if r.ChatID != -1001000000005 || r.ReplyToMessageID != 3145728 || r.DisableNotification || !r.FromBackground {
		t.Errorf("got %+v", r)
	}
	c := r.InputMessageContent.(*InputMessageText)
	if c.Text != "42" || c.DisableWebPagePreview || !c.ClearDraft || len(c.Entities) != 0 {
		t.Errorf("content: got %+v", c)
	}
	if _, ok := c.ParseMode.(*TextParseModeHTML); !ok {
		t.Errorf("parse mode: got %T", c.ParseMode)
	}
}

func TestReadVectors(t *testing.T) {
	cases := map[string][]int64{
		`{ID = "DeleteMessages", message_ids_ = {[0] = 1048576}}`:            {1048576},
		`{ID = "DeleteMessages", message_ids_ = {[0] = 1, 2, 3}}`:            {1, 2, 3},
		`{ID = "DeleteMessages", message_ids_ = {4, 5}}`:                     {4, 5},
		`{ID = "DeleteMessages", message_ids_ = "7"}`:                        {7},
		`{ID = "deleteMessages", message_ids_ = {[0] = "9007199254740993"}}`: {9007199254740993},
	}
	for src, want := range cases {
		o, err := readLua(t, src)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		got := o.(*DeleteMessagesRequest).MessageIDs
		if len(got) != len(want) {
			t.Errorf("%s: got %v, want %v", src, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: got %v, want %v", src, got, want)
			}
		}
	}
}

func TestReadChannelID(t *testing.T) {
	o, err := readLua(t, `{ID = "GetChannelFull", channel_id_ = -1001000000042}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := o.(*GetChannelFullRequest).ChannelID; got != 1000000042 {
		t.Errorf("got %d, want 1000000042", got)
	}
}

func TestReadErrors(t *testing.T) {
	cases := map[string]string{
		`{ID = "NoSuchThing"}`: `unknown ID "NoSuchThing"`,
		`{chat_id_ = 1}`:       "table without ID",
		`{ID = "SendMessage", input_message_content_ = {ID = "Ok"}}`:                           "input_message_content_: Ok is not a InputMessageContent",
		`{ID = "SendMessage", chat_id_ = {}}`:                                                  "chat_id_: number expected, got table",
		`{ID = "SendMessage", input_message_content_ = {ID = "InputMessageText", text_ = {}}}`: "input_message_content_.text_: string expected",
	}
	for src, want := range cases {
		_, err := readLua(t, src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", src, err, want)
		}
	}
}

func TestReadAlias(t *testing.T) {
	o, err := readLua(t, `{ID = "ChangeChatMemberStatus", chat_id_ = -5, user_id_ = 7, status_ = {ID = "ChatMemberStatusBanned"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := o.(*ChangeChatMemberStatusRequest).Status.(*ChatMemberStatusKicked); !ok {
		t.Errorf("Banned: got %T, want *ChatMemberStatusKicked", o.(*ChangeChatMemberStatusRequest).Status)
	}
}

func TestPush(t *testing.T) {
	L := lua.NewState()
	defer L.Close()
	m := &Message{ID: MessageID(5), ChatID: ChannelChatID(1000000001), SendState: &MessageIsIncoming{},
		Content: &MessageText{Text: "hi", Entities: []MessageEntityClass{&MessageEntityBold{Offset: 0, Length: 2}}}}
	L.SetGlobal("m", Push(L, &UpdateNewMessage{Message: m, DisableNotification: true}))
	for _, check := range []string{
		`m.ID == "UpdateNewMessage"`,
		`m.disable_notification_ == true`,
		`m.message_.id_ == 5 * 1048576`,
		`m.message_.id_ / 1048576 == 5`,
		`m.message_.chat_id_ == -1001000000001`,
		`tostring(m.message_.chat_id_) == "-1001000000001"`,
		`m.message_.send_state_.ID == "MessageIsIncoming"`,
		`m.message_.content_.text_ == "hi"`,
		`m.message_.content_.entities_[0].ID == "MessageEntityBold"`,
		`m.message_.content_.entities_[0].length_ == 2`,
		`#m.message_.content_.entities_ == 0`,
		`m.message_.forward_info_ == nil`,
		`m.message_.can_be_edited_ == false`,
	} {
		if err := L.DoString("assert(" + check + ")"); err != nil {
			t.Errorf("%s: failed", check)
		}
	}
	if v := Long(1 << 60); v.Type() != lua.LTString {
		t.Errorf("Long(2^60) is a %s, want a string", v.Type())
	}
}
