package clientlib

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/client/botapi"
	"github.com/luagram/luagram/client/parsemode"
	"github.com/luagram/luagram/tl/api"
)

// Hooks returns the MadelineProto conveniences for API calls: peers by
// "@username" or bot-API id, parse_mode = "html" | "markdown" |
// "markdownv2", and bot-API reply_markup tables.
func (r Resolver) Hooks() bindings.Hooks {
	return bindings.Hooks{Peers: r, ParseMode: parseModer{}, Markup: markupConverter{}}
}

type parseModer struct{}

func (parseModer) ParseMode(_ *lua.LState, mode, text string) (string, []api.MessageEntityClass, error) {
	return parsemode.Parse(parsemode.Mode(mode), text)
}

type markupConverter struct{}

func (markupConverter) ReplyMarkup(_ *lua.LState, v lua.LValue) (api.ReplyMarkupClass, error) {
	m, ok := LuaToGo(v).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("reply_markup must be a table, got %s", v.Type())
	}
	return botapi.ReplyMarkup(m)
}

// LuaToGo converts a Lua value to a plain tree: tables with string keys
// become map[string]any, sequences []any, other tables map[any]any;
// numbers are float64.
func LuaToGo(v lua.LValue) any {
	switch x := v.(type) {
	case lua.LString:
		return string(x)
	case lua.LNumber:
		return float64(x)
	case lua.LBool:
		return bool(x)
	case *lua.LTable:
		n := x.Len()
		count := 0
		allStrings := true
		x.ForEach(func(k, _ lua.LValue) {
			count++
			if _, ok := k.(lua.LString); !ok {
				allStrings = false
			}
		})
		switch {
		case count == 0:
			return map[string]any{}
		case allStrings:
			m := make(map[string]any, count)
			x.ForEach(func(k, val lua.LValue) { m[string(k.(lua.LString))] = LuaToGo(val) })
			return m
		case n == count:
			list := make([]any, 0, n)
			for i := 1; i <= n; i++ {
				list = append(list, LuaToGo(x.RawGetInt(i)))
			}
			return list
		default:
			m := make(map[any]any, count)
			x.ForEach(func(k, val lua.LValue) { m[LuaToGo(k)] = LuaToGo(val) })
			return m
		}
	}
	return nil
}
