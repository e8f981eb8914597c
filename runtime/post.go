package runtime

import (
	"errors"

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

// SpawnThen is Spawn, and calls done on the script's goroutine when the
// coroutine ends, whether it returned or raised an error. done is not
// called when Spawn fails (it returns false) or when the state closes
// while the coroutine waits. Modules use it to run one callback at a time,
// such as a transfer's progress callback, which may itself wait.
func (s *Script) SpawnThen(name string, fn *lua.LFunction, done func(), args ...lua.LValue) bool {
	if s.closed {
		return false
	}
	s.onEnd = done
	defer func() { s.onEnd = nil }()
	return s.spawn(name, fn, args...) != nil
}

// CallNow calls fn(args…) on the script's goroutine and returns its
// results: for Go code that needs an answer from Lua at once, such as the
// read method of a stream a transfer consumes. fn may be a function or any
// value with a __call metamethod. It runs under the resume deadline and
// must not wait; an error it raises is returned. Call it on the script's
// goroutine, from a function given to Post for example.
func (s *Script) CallNow(fn lua.LValue, args ...lua.LValue) (rets []lua.LValue, err error) {
	if s.closed {
		return nil, errStopped
	}
	if s.running == nil {
		s.g.begin(s.p.h.cfg.ResumeTimeout)
		defer func() {
			why := s.g.end()
			if why != nil && err != nil {
				err = why
			}
			var me *MemoryError
			if errors.As(why, &me) {
				s.p.fatal(s, &ScriptError{Script: s.p.name, Handler: "a call from Go", Message: me.Error(), Err: me})
			}
		}()
	}
	L := s.L
	top := L.GetTop()
	if err := L.CallByParam(lua.P{Fn: fn, NRet: lua.MultRet, Protect: true}, args...); err != nil {
		L.SetTop(top)
		return nil, err
	}
	for i := top + 1; i <= L.GetTop(); i++ {
		rets = append(rets, L.Get(i))
	}
	L.SetTop(top)
	return rets, nil
}
