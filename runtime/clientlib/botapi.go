package clientlib

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/client/botapi"
	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// installBotAPI adds mtproto_to_botapi(obj [, entities]): a message,
// update, user or chat in its Bot API form. entities is the second
// argument handlers receive ({users = …, chats = …}), which names the
// senders and chats.
func installBotAPI(h *runtime.Host) {
	h.AddGlobal("mtproto_to_botapi", func(L *lua.LState) int {
		o, err := bindings.Check(L, L.CheckTable(1), "")
		if err != nil {
			L.ArgError(1, err.Error())
			return 0
		}
		var users []api.UserClass
		var chats []api.ChatClass
		if ent := L.OptTable(2, nil); ent != nil {
			users, chats = entityLists(L, ent)
		}
		conv := botapi.NewConverter(users, chats)
		var out map[string]any
		switch x := o.(type) {
		case api.UpdateClass:
			out = conv.Update(x)
		case api.MessageClass:
			out = conv.Message(x)
		case *api.User:
			out = botapi.User(x)
		case api.PeerClass:
			out = conv.Chat(x)
		case api.ReplyMarkupClass:
			out = botapi.FromReplyMarkup(x)
		default:
			L.ArgError(1, fmt.Sprintf("%s has no Bot API form", o.TypeName()))
			return 0
		}
		if out == nil {
			L.Push(lua.LNil)
			return 1
		}
		L.Push(GoToLua(L, out))
		return 1
	})
}

func entityLists(L *lua.LState, t *lua.LTable) ([]api.UserClass, []api.ChatClass) {
	var users []api.UserClass
	var chats []api.ChatClass
	each := func(field string, f func(tl.Object)) {
		list, ok := t.RawGetString(field).(*lua.LTable)
		if !ok {
			return
		}
		list.ForEach(func(_, v lua.LValue) {
			if o, err := bindings.Check(L, v, ""); err == nil {
				f(o)
			}
		})
	}
	each("users", func(o tl.Object) {
		if u, ok := o.(api.UserClass); ok {
			users = append(users, u)
		}
	})
	each("chats", func(o tl.Object) {
		if c, ok := o.(api.ChatClass); ok {
			chats = append(chats, c)
		}
	})
	return users, chats
}

// GoToLua converts a plain tree (maps, slices, strings, numbers, booleans)
// to Lua values; 64-bit integers follow the bindings' rule (numbers up to
// 2^53, decimal strings beyond).
func GoToLua(L *lua.LState, v any) lua.LValue {
	switch x := v.(type) {
	case nil:
		return lua.LNil
	case string:
		return lua.LString(x)
	case bool:
		return lua.LBool(x)
	case int:
		return long(int64(x))
	case int32:
		return lua.LNumber(x)
	case int64:
		return long(x)
	case float64:
		return lua.LNumber(x)
	case []any:
		t := L.CreateTable(len(x), 0)
		for _, e := range x {
			t.Append(GoToLua(L, e))
		}
		return t
	case map[string]any:
		t := L.CreateTable(0, len(x))
		for k, e := range x {
			t.RawSetString(k, GoToLua(L, e))
		}
		return t
	}
	return lua.LString(fmt.Sprint(v))
}
