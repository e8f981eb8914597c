package runtime

import (
	"context"
	"fmt"
	goruntime "runtime"

	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/tl"
	lua "github.com/yuin/gopher-lua"
)

// A Finish turns the outcome of the work of Await into the value the
// waiting Lua call returns. It runs on the script's goroutine. A non-nil
// error is raised in Lua instead: an RPC error (see errorValue) as a table
// with code, type, argument and message, anything else as a string.
type Finish func(L *lua.LState) (lua.LValue, error)

// Await runs work on a new goroutine and suspends the calling coroutine;
// when work returns, the script's goroutine resumes the coroutine with what
// the Finish makes of the result. The calling Lua function must have been
// installed with Func (Host.AddGlobal does that), and must return what
// Await returns:
//
//	func getSelf(L *lua.LState) int {
//		return runtime.ScriptOf(L).Await(L, "get_self", func(ctx context.Context) runtime.Finish {
//			u, err := client.Self(ctx)
//			return func(L *lua.LState) (lua.LValue, error) {
//				if err != nil {
//					return nil, err
//				}
//				return bindings.Push(L, u), nil
//			}
//		})
//	}
//
// ctx is cancelled when the state closes (stop, reload grace over, host
// closed); the result of work is then dropped. Await raises a Lua error if
// the call cannot wait: outside the host's coroutines, or inside a
// metamethod, an iterator of a generic for, or a Lua function called by Go
// (table.sort, string.gsub), which gopher-lua cannot suspend.
func (s *Script) Await(L *lua.LState, what string, work func(ctx context.Context) Finish) int {
	t := s.waiting(L, what)
	ctx := s.ctx
	go func() {
		fin := work(ctx)
		s.p.post(func() { s.finish(t, what, fin) })
	}()
	return L.Yield(s.yieldMark)
}

// finish resumes t with the outcome of an Await.
func (s *Script) finish(t *task, what string, fin Finish) {
	if s.closed || !s.tasks[t] || t.wait != what {
		return
	}
	v, err := s.finishValue(fin)
	if err != nil {
		s.resume(t, nil, s.errMark, s.errorValue(what, err))
		return
	}
	if v == nil {
		v = lua.LNil
	}
	s.resume(t, nil, v)
}

func (s *Script) finishValue(fin Finish) (v lua.LValue, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("runtime: converting the result: %v", r)
		}
	}()
	return fin(s.L)
}

// Call implements bindings.Caller: it encodes req, sends it through the
// host's Invoker and waits for the answer.
func (s *Script) Call(L *lua.LState, req tl.Object, conv bindings.ResultFunc) int {
	name := req.TypeName()
	inv := s.p.h.cfg.Invoker
	if inv == nil {
		L.RaiseError("%s: %s", name, ErrNoInvoker.Error())
	}
	query, err := tl.Encode(req)
	if err != nil {
		L.RaiseError("%s: encoding the request: %s", name, err.Error())
	}
	timeout := s.p.h.cfg.CallTimeout
	return s.Await(L, name, func(ctx context.Context) Finish {
		if timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
		res, err := inv.Invoke(ctx, query)
		return func(L *lua.LState) (lua.LValue, error) {
			if err != nil {
				return nil, err
			}
			return conv(L, tl.NewDecoder(res))
		}
	})
}

// waiting checks that the running coroutine can wait for the host and
// returns its task, marked as waiting for what.
func (s *Script) waiting(L *lua.LState, what string) *task {
	t := s.running
	switch {
	case t == nil || L == s.L:
		L.RaiseError("%s: cannot wait here: not in a coroutine of the host", what)
	case !yieldable():
		L.RaiseError("%s: cannot wait inside a metamethod, a for iterator or a function called from Go (table.sort, string.gsub, …)", what)
	}
	t.wait = what
	return t
}

// yieldable reports whether the Go function that called it (through one
// more frame) was called directly by a coroutine's own VM loop, the only
// place gopher-lua can yield from. A Lua function called from Go (a
// metamethod, a for iterator, a comparator of table.sort) runs in a nested
// loop; a yield there would return into the Go caller as if the function
// had returned, and corrupt the coroutine. gopher-lua does not expose the
// nesting, so this counts the VM loops on the Go stack down to the
// coroutine's entry; testdata/boundary.lua checks it still works.
func yieldable() bool {
	var pcs [64]uintptr
	n := goruntime.Callers(3, pcs[:])
	frames := goruntime.CallersFrames(pcs[:n])
	loops := 0
	for {
		f, more := frames.Next()
		switch f.Function {
		case "github.com/yuin/gopher-lua.mainLoop", "github.com/yuin/gopher-lua.mainLoopWithContext":
			loops++
		case "github.com/yuin/gopher-lua.threadRun":
			return loops == 1
		}
		if !more {
			return false
		}
	}
}
