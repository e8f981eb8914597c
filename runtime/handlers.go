package runtime

import (
	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/tl"
	lua "github.com/yuin/gopher-lua"
)

// updateCallback is the global MadelineProto scripts define to receive
// every update.
const updateCallback = "madeline_update_callback"

// anyUpdate is the name on() takes for every update.
const anyUpdate = "*"

// A handler is one function registered with on.
type handler struct {
	s    *Script
	name string
	fn   *lua.LFunction
	off  bool
}

func (h *handler) cancel() {
	if h.off {
		return
	}
	h.off = true
	list := h.s.handlers[h.name]
	for i, x := range list {
		if x == h {
			h.s.handlers[h.name] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(h.s.handlers[h.name]) == 0 {
		delete(h.s.handlers, h.name)
	}
	h.s.nhandler--
	h.s.settle()
}

func (h *handler) String() string { return "handler of " + h.name }

// on(name, fn) calls fn(update) for every update whose constructor is name
// ("updateNewMessage"), or for every update if name is "*". It returns a
// handle whose cancel method removes the handler.
func (s *Script) on(L *lua.LState) int {
	name := L.CheckString(1)
	fn := L.CheckFunction(2)
	return s.addHandler(L, name, fn)
}

// onUpdate(fn) is on("*", fn).
func (s *Script) onUpdate(L *lua.LState) int {
	return s.addHandler(L, anyUpdate, L.CheckFunction(1))
}

func (s *Script) addHandler(L *lua.LState, name string, fn *lua.LFunction) int {
	h := &handler{s: s, name: name, fn: fn}
	s.handlers[name] = append(s.handlers[name], h)
	s.nhandler++
	L.Push(s.handle(h))
	return 1
}

// deliver runs the handlers of u, each in its own task, and reports whether
// there were any.
func (s *Script) deliver(u *Update) bool {
	named, all := s.handlers[u.Name], s.handlers[anyUpdate]
	cb, _ := s.L.GetGlobal(updateCallback).(*lua.LFunction)
	if len(named)+len(all) == 0 && cb == nil {
		return false
	}
	v := bindings.Push(s.L, u.Object)
	var extra lua.LValue = lua.LNil
	if len(u.Users)+len(u.Chats) > 0 {
		extra = s.entities(u)
	}
	// Copies: a handler may cancel handlers while the others run. The
	// tasks carry the update's key, for per-chat order (order.go).
	s.spawnKey = u.Key
	defer func() { s.spawnKey = "" }()
	for _, h := range append(append([]*handler(nil), named...), all...) {
		if !h.off {
			s.spawn("on "+u.Name, h.fn, v, extra)
		}
	}
	if cb != nil {
		s.spawn(updateCallback, cb, v, extra)
	}
	return true
}

// entities converts the users and chats that came with an update:
// {users = {…}, chats = {…}}.
func (s *Script) entities(u *Update) *lua.LTable {
	list := func(objs []tl.Object) *lua.LTable {
		t := s.L.CreateTable(len(objs), 0)
		for i, o := range objs {
			t.RawSetInt(i+1, bindings.Push(s.L, o))
		}
		return t
	}
	t := s.L.CreateTable(0, 2)
	t.RawSetString("users", list(u.Users))
	t.RawSetString("chats", list(u.Chats))
	return t
}
