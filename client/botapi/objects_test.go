package botapi

import (
	"testing"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func TestMessageToBotAPI(t *testing.T) {
	c := NewConverter([]api.UserClass{&api.User{ID: 42, FirstName: tl.Some("Ann"), Username: tl.Some("ann")}},
		[]api.ChatClass{&api.Channel{ID: 777, Title: "Club", Megagroup: true}})
	m := c.Message(&api.Message{ID: 5, Date: 1700000000, FromID: &api.PeerUser{UserID: 42},
		PeerID: &api.PeerChannel{ChannelID: 777}, Message: "hi /start",
		Entities:    []api.MessageEntityClass{&api.MessageEntityBold{Offset: 0, Length: 2}, &api.MessageEntityBotCommand{Offset: 3, Length: 6}},
		ReplyMarkup: &api.ReplyInlineMarkup{Rows: []api.KeyboardButtonRow{{Buttons: []api.KeyboardButtonClass{&api.KeyboardButtonCallback{Text: "ok", Data: []byte("d")}}}}}})
	chat := m["chat"].(map[string]any)
	if chat["id"] != int64(-1000000000777) || chat["type"] != "supergroup" || chat["title"] != "Club" {
		t.Errorf("chat %v", chat)
	}
	from := m["from"].(map[string]any)
	if from["id"] != int64(42) || from["username"] != "ann" || from["is_bot"] != false {
		t.Errorf("from %v", from)
	}
	ents := m["entities"].([]any)
	if m["text"] != "hi /start" || len(ents) != 2 || ents[1].(map[string]any)["type"] != "bot_command" {
		t.Errorf("text %v entities %v", m["text"], ents)
	}
	if m["reply_markup"] == nil {
		t.Error("no reply_markup")
	}
	up := c.Update(&api.UpdateBotCallbackQuery{QueryID: 9, UserID: 42, Peer: &api.PeerUser{UserID: 42}, MsgID: 5, Data: []byte("d")})
	if q := up["callback_query"].(map[string]any); q["data"] != "d" || q["id"] != "9" {
		t.Errorf("callback %v", up)
	}
	if c.Update(&api.UpdateUserTyping{}) != nil {
		t.Error("typing has no Bot API form")
	}
}
