package tdconv

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// FuzzRead reads tdcli tables written as Lua table constructors: Read
// must not panic, and what it reads must push and read back to the same
// object (the same table again).
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		`{ID = "SendMessage", chat_id_ = -1001000000005, reply_to_message_id_ = 0, disable_notification_ = 1, from_background_ = "1",
			input_message_content_ = {ID = "InputMessageText", text_ = "x", entities_ = {[0] = {ID = "MessageEntityBold", offset_ = 0, length_ = 1}},
			parse_mode_ = {ID = "TextParseModeMarkdown"}}}`,
		`{ID = "GetMessages", chat_id_ = "12", message_ids_ = {[0] = 1048576, 2097152}}`,
		`{ID = "ChangeChatMemberStatus", chat_id_ = -5, user_id_ = 7, status_ = {ID = "ChatMemberStatusKicked"}}`,
		`{ID = "AnswerInlineQuery", inline_query_id_ = "123", results_ = {[0] = {ID = "InputInlineQueryResultArticle", id_ = "a",
			input_message_content_ = {ID = "InputMessageText", text_ = "t"}}}}`,
		`{ID = "SendMessage", reply_markup_ = {ID = "ReplyMarkupInlineKeyboard", rows_ = {[0] = {[0] = {ID = "InlineKeyboardButton",
			text_ = "b", type_ = {ID = "InlineKeyboardButtonTypeCallback", data_ = "d"}}}}}}`,
		`{ID = "SetAlarm", seconds_ = 0.5}`,
		`{ID = "nope"}`,
		`{chat_id_ = 1}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		L := lua.NewState(lua.Options{SkipOpenLibs: true, CallStackSize: 100, RegistrySize: 1024, RegistryMaxSize: 1 << 16})
		defer L.Close()
		fn, err := L.LoadString("return " + src)
		if err != nil {
			return
		}
		L.Push(fn)
		if L.PCall(0, 1, nil) != nil {
			return
		}
		o, err := Read(L, L.Get(-1))
		if err != nil {
			return
		}
		again, err := Read(L, Push(L, o))
		if err != nil {
			t.Fatalf("pushed %s does not read back: %v", o.TDID(), err)
		}
		a, b := Push(L, o), Push(L, again)
		if !sameTable(a, b) {
			t.Fatalf("%s: round trip differs", o.TDID())
		}
	})
}

// sameTable compares two pushed values deeply.
func sameTable(a, b lua.LValue) bool {
	ta, ok1 := a.(*lua.LTable)
	tb, ok2 := b.(*lua.LTable)
	if !ok1 || !ok2 {
		if fa, ok := a.(lua.LNumber); ok {
			fb, ok := b.(lua.LNumber)
			return ok && (fa == fb || fa != fa && fb != fb)
		}
		return a == b || a.String() == b.String() && a.Type() == b.Type()
	}
	same := true
	n := 0
	ta.ForEach(func(k, v lua.LValue) {
		n++
		if !sameTable(v, tb.RawGet(k)) {
			same = false
		}
	})
	tb.ForEach(func(lua.LValue, lua.LValue) { n-- })
	return same && n == 0
}
