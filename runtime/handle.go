package runtime

import (
	lua "github.com/yuin/gopher-lua"
)

// A canceler is what a handle stands for: a handler or a timer.
type canceler interface {
	cancel()
	String() string
}

// newHandleMeta makes the metatable of handles: userdata with a cancel
// method, returned by on, timer and every.
func (s *Script) newHandleMeta() *lua.LTable {
	mt := s.L.CreateTable(0, 3)
	methods := s.L.CreateTable(0, 1)
	methods.RawSetString("cancel", s.L.NewFunction(func(L *lua.LState) int {
		ud := L.CheckUserData(1)
		if c, ok := ud.Value.(canceler); ok {
			c.cancel()
			return 0
		}
		L.ArgError(1, "handle expected")
		return 0
	}))
	mt.RawSetString("__index", methods)
	mt.RawSetString("__name", lua.LString("handle"))
	mt.RawSetString("__tostring", s.L.NewFunction(func(L *lua.LState) int {
		if c, ok := L.CheckUserData(1).Value.(canceler); ok {
			L.Push(lua.LString(c.String()))
			return 1
		}
		L.Push(lua.LString("handle"))
		return 1
	}))
	return mt
}

// handle returns a new handle for c.
func (s *Script) handle(c canceler) *lua.LUserData {
	ud := s.L.NewUserData()
	ud.Value = c
	ud.Metatable = s.handleMT
	return ud
}
