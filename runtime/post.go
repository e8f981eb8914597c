package runtime

import (
	lua "github.com/yuin/gopher-lua"
)

// Post runs fn on the script's goroutine, unless the state has closed by
// then. It may be called from any goroutine: modules deliver what arrives
// from elsewhere (answers, events of their own) through it, as the host
// delivers updates.
func (s *Script) Post(fn func()) {
	s.p.post(func() {
		if !s.closed {
			fn()
		}
	})
}

// Spawn calls fn(args…) in a new coroutine of the host, as the host runs a
// handler: it may wait, and an error it raises is reported without ending
// the script. It returns false if the state is closed or has too many
// coroutines waiting (Config.MaxTasks). Call it on the script's goroutine,
// from a function given to Post for example.
func (s *Script) Spawn(name string, fn *lua.LFunction, args ...lua.LValue) bool {
	return s.spawn(name, fn, args...) != nil
}
