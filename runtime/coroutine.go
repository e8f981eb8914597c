package runtime

import (
	lua "github.com/yuin/gopher-lua"
)

// The Go halves of the prelude's pcall, xpcall and coroutine functions.

// pstart(f, …) runs f(…) on a new thread: (thread, code, values…).
func (s *Script) pstart(L *lua.LState) int {
	f := L.Get(1)
	if !callable(L, f) {
		L.Push(lua.LNil)
		L.Push(lua.LNumber(1))
		L.Push(lua.LString("attempt to call a " + f.Type().String() + " value"))
		return 3
	}
	args := make([]lua.LValue, L.GetTop())
	for i := range args {
		args[i] = L.Get(i + 1)
	}
	th := s.thread()
	L.Push(th)
	return 1 + s.presumeWith(L, th, s.pre.run, args)
}

// presume(thread, …) continues a thread of pstart: (code, values…).
func (s *Script) presume(L *lua.LState) int {
	th := L.CheckThread(1)
	args := make([]lua.LValue, L.GetTop()-1)
	for i := range args {
		args[i] = L.Get(i + 2)
	}
	return s.presumeWith(L, th, nil, args)
}

// presumeWith resumes th and pushes (code, values…).
func (s *Script) presumeWith(L, th *lua.LState, fn *lua.LFunction, args []lua.LValue) int {
	st, err, vals := L.Resume(th, fn, args...)
	switch st {
	case lua.ResumeOK:
		s.release(th)
		L.Push(lua.LNumber(0))
		return 1 + pushCounted(L, vals)
	case lua.ResumeYield:
		L.Push(lua.LNumber(2))
		for _, v := range vals {
			L.Push(v)
		}
		return 1 + len(vals)
	}
	obj := errorObject(err)
	// The dead thread keeps its frames: debug.traceback in an xpcall
	// handler shows where the error was raised (see debugTraceback).
	s.lastError = caughtError{obj: obj, th: th}
	L.Push(lua.LNumber(1))
	L.Push(obj)
	return 2
}

// A caughtError is the last error a pcall or xpcall of the script caught,
// with the thread it ended, whose frames are those of the raise.
type caughtError struct {
	obj lua.LValue
	th  *lua.LState
}

// pushCounted pushes the results of a thread started by run, top or body:
// their number, then the values.
func pushCounted(L *lua.LState, vals []lua.LValue) int {
	if len(vals) == 0 {
		return 0
	}
	n, ok := vals[0].(lua.LNumber)
	if !ok || int(n) > len(vals)-1 {
		for _, v := range vals {
			L.Push(v)
		}
		return len(vals)
	}
	for _, v := range vals[1 : 1+int(n)] {
		L.Push(v)
	}
	return int(n)
}

// errorObject returns the Lua value of an error a thread ended with.
func errorObject(err error) lua.LValue {
	if ae, ok := err.(*lua.ApiError); ok {
		return ae.Object
	}
	return lua.LString(err.Error())
}

// cocreate is coroutine.create: the new thread starts in the prelude's body,
// parked until its first resume.
func (s *Script) cocreate(L *lua.LState) int {
	f := L.CheckFunction(1)
	th, _ := L.NewThread()
	th.SetContext(&s.g)
	if st, err, _ := L.Resume(th, s.pre.body, f); st != lua.ResumeYield {
		L.RaiseError("coroutine.create: %v", err)
	}
	L.Push(th)
	return 1
}

// coresume(co, …) resumes a coroutine: (code, values…), see the prelude.
func (s *Script) coresume(L *lua.LState) int {
	co := L.CheckThread(1)
	fail := func(msg string) int {
		L.Push(lua.LNumber(1))
		L.Push(lua.LString(msg))
		return 2
	}
	if co.Dead {
		return fail("cannot resume dead coroutine")
	}
	for p := L; p != nil; p = p.Parent {
		if p == co {
			return fail("cannot resume non-suspended coroutine")
		}
	}
	args := make([]lua.LValue, L.GetTop()-1)
	for i := range args {
		args[i] = L.Get(i + 2)
	}
	st, err, vals := L.Resume(co, nil, args...)
	switch st {
	case lua.ResumeOK:
		L.Push(lua.LNumber(0))
		return 1 + pushCounted(L, vals)
	case lua.ResumeYield:
		code := 2
		if len(vals) > 0 && vals[0] == s.yieldMark {
			code = 3
		}
		L.Push(lua.LNumber(code))
		for _, v := range vals {
			L.Push(v)
		}
		return 1 + len(vals)
	}
	L.Push(lua.LNumber(1))
	L.Push(errorObject(err))
	return 2
}

// check is the second half of the prelude's wrap: it raises the error a
// wait ended with, or returns its arguments.
func (s *Script) check(L *lua.LState) int {
	if L.GetTop() >= 1 && L.Get(1) == s.errMark {
		L.Error(L.Get(2), 1)
	}
	return L.GetTop()
}
