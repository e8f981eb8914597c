package bindings

import (
	"strconv"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

// Push converts o, a value of tl/api (constructor or request), to a Lua
// table with "_" holding its TL name; nil becomes nil. Objects of other
// schemas become a table holding only "_".
func Push(L *lua.LState, o tl.Object) lua.LValue { return pushAny(L, o) }

// Check converts the Lua value v to a value of tl/api. typeName is
//
//   - a TL type ("InputPeer", "messages.Messages", "Config"): v names one of
//     its constructors in "_" (which may be left out if it has only one);
//     the state's hooks apply (see SetHooks);
//   - a method ("messages.sendMessage"): v holds its parameters, and the
//     result is the request;
//   - a constructor ("inputPeerUser"): v holds its fields ("_" optional);
//   - "": v names any constructor or method in "_".
//
// Errors are *ArgError values whose Func is typeName (or the name in "_").
func Check(L *lua.LState, v lua.LValue, typeName string) (tl.Object, error) {
	c := &cx{L: L, h: hooksOf(L)}
	o, err := check(c, v, typeName)
	if err != nil {
		if e, ok := err.(*ArgError); ok && e.Func == "" {
			e.Func = typeName
			if typeName == "" {
				e.Func = "Check"
			}
		}
		return nil, err
	}
	return o, nil
}

func check(c *cx, v lua.LValue, typeName string) (tl.Object, error) {
	switch typeName {
	case "":
		t, ok := v.(*lua.LTable)
		if !ok {
			return nil, expected("table", v)
		}
		o, k, err := newByName(t, "")
		if err != nil {
			return nil, err
		}
		return o, k.check(c, t, o)
	case "InputPeer":
		return inputPeer(c, v)
	case "InputUser":
		return inputUser(c, v)
	case "InputChannel":
		return inputChannel(c, v)
	}
	if info, ok := api.Types.ByName(typeName); ok {
		o := api.Types.New(info.ID)
		return o, checkAny(c, v, o)
	}
	switch cs := constructorsOf(typeName); len(cs) {
	case 0:
		return nil, &ArgError{Msg: "no such type or method in layer " + strconv.Itoa(Layer)}
	case 1:
		info, _ := api.Types.ByName(cs[0])
		o := api.Types.New(info.ID)
		return o, checkAny(c, v, o)
	}
	return c.boxed(v, typeName)
}
