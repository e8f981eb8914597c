package runtime

import (
	_ "embed"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

//go:embed prelude.lua
var preludeSource string

// preludeName is the chunk name of the prelude; tracebacks leave its frames
// out.
const preludeName = "[runtime]"

// preludeProto is the compiled prelude, shared by every state (a
// FunctionProto is immutable).
var preludeProto = sync.OnceValue(func() *lua.FunctionProto {
	chunk, err := parse.Parse(strings.NewReader(preludeSource), preludeName)
	if err != nil {
		panic("runtime: prelude: " + err.Error())
	}
	proto, err := lua.Compile(chunk, preludeName)
	if err != nil {
		panic("runtime: prelude: " + err.Error())
	}
	return proto
})

// The functions the prelude returns.
type prelude struct {
	run, top, body *lua.LFunction
	wrap, lazy     *lua.LFunction
	loaded         *lua.LTable
}

// openPrelude runs the prelude in s's state.
func (s *Script) openPrelude() error {
	L := s.L
	co := L.GetGlobal("coroutine").(*lua.LTable)
	fn := L.NewFunctionFromProto(preludeProto())
	args := []lua.LValue{
		co.RawGetString("yield"),
		L.NewFunction(count),
		L.NewFunction(s.check),
		L.NewFunction(s.arm),
		L.NewFunction(s.pstart),
		L.NewFunction(s.presume),
		L.NewFunction(s.cocreate),
		L.NewFunction(s.coresume),
		L.NewFunction(s.loadModule),
	}
	if err := L.CallByParam(lua.P{Fn: fn, NRet: 6, Protect: true}, args...); err != nil {
		return err
	}
	s.pre.run = L.Get(-6).(*lua.LFunction)
	s.pre.top = L.Get(-5).(*lua.LFunction)
	s.pre.body = L.Get(-4).(*lua.LFunction)
	s.pre.wrap = L.Get(-3).(*lua.LFunction)
	s.pre.lazy = L.Get(-2).(*lua.LFunction)
	s.pre.loaded = L.Get(-1).(*lua.LTable)
	L.Pop(6)
	return nil
}

// count returns its arguments prefixed with their number.
func count(L *lua.LState) int {
	n := L.GetTop()
	L.Insert(lua.LNumber(n), 1)
	return n + 1
}

// call calls the Lua function f with args on the state's main thread and
// returns its first result. It is for the host's own helpers (wrap, lazy),
// which never wait.
func (s *Script) call(f *lua.LFunction, args ...lua.LValue) (lua.LValue, error) {
	if err := s.L.CallByParam(lua.P{Fn: f, NRet: 1, Protect: true}, args...); err != nil {
		return nil, err
	}
	v := s.L.Get(-1)
	s.L.Pop(1)
	return v, nil
}

// Func returns fn as a Lua function that may wait (Await, Call): the host
// resumes it with the result or raises the error it ended with. Functions a
// Module installs that wait must be made by Func.
func (s *Script) Func(fn lua.LGFunction) *lua.LFunction {
	v, err := s.call(s.pre.wrap, s.L.NewFunction(fn))
	if err != nil {
		panic("runtime: wrap: " + err.Error()) // the prelude's wrap cannot fail
	}
	return v.(*lua.LFunction)
}
