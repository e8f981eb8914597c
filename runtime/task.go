package runtime

import (
	"errors"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// A task is a top-level coroutine of the host: the main chunk, one handler
// invocation, one timer callback. While it waits for the host (an API call,
// sleep, get_updates) it is in Script.tasks; the loop resumes it with the
// result.
type task struct {
	th    *lua.LState
	name  string // "main chunk", "on updateNewMessage", "timer", …
	wait  string // what it waits for, while suspended
	stop  func() // cancels the wait (a sleep's timer), if set
	trace string // the traceback of the error that ended it
	key   string // the chat key of the update it handles; see order.go
	done  func() // called when it ends (SpawnThen)
}

// maxPool is the number of finished threads a state keeps for reuse.
const maxPool = 16

// thread returns a fresh or recycled thread whose instructions the guard
// sees.
func (s *Script) thread() *lua.LState {
	if n := len(s.pool); n > 0 {
		th := s.pool[n-1]
		s.pool = s.pool[:n-1]
		return th
	}
	th, _ := s.L.NewThread()
	th.SetContext(&s.g)
	return th
}

// release recycles a thread that returned normally. gopher-lua marks it
// dead and leaves no frame on it, so Resume can start it again.
func (s *Script) release(th *lua.LState) {
	if _, busy := th.GetStack(0); busy || len(s.pool) >= maxPool {
		return
	}
	th.Dead = false
	s.pool = append(s.pool, th)
}

// spawn runs fn(args…) as a new task until it first waits or ends. It
// returns nil if the state has too many tasks already.
func (s *Script) spawn(name string, fn *lua.LFunction, args ...lua.LValue) *task {
	if s.closed {
		return nil
	}
	// The loop stops taking updates at MaxTasks (program.room); this
	// bound is for what else starts tasks, such as timers.
	if limit := 2 * s.p.h.cfg.MaxTasks; len(s.tasks) >= limit {
		s.p.overload("too many waiting coroutines; not running " + name)
		return nil
	}
	t := &task{th: s.thread(), name: name, key: s.spawnKey, done: s.onEnd}
	s.p.taskStarted(t.key)
	s.resume(t, s.pre.top, append([]lua.LValue{fn}, args...)...)
	return t
}

// resume runs t until it waits or ends. fn is the function to start a new
// task with, nil to continue a suspended one with args.
func (s *Script) resume(t *task, fn *lua.LFunction, args ...lua.LValue) {
	if s.closed {
		return
	}
	delete(s.tasks, t)
	t.wait, t.stop = "", nil
	prev := s.running
	s.running = t
	s.g.begin(s.p.h.cfg.ResumeTimeout)
	st, err, vals := s.L.Resume(t.th, fn, args...)
	why := s.g.end()
	s.running = prev
	switch st {
	case lua.ResumeYield:
		s.tasks[t] = true
		if len(vals) == 0 || vals[0] != s.yieldMark {
			// coroutine.yield() outside a coroutine of the script: let
			// what is queued run, then continue.
			t.wait = "yield"
			s.p.post(func() {
				if s.tasks[t] && t.wait == "yield" {
					s.resume(t, nil)
				}
			})
		}
	case lua.ResumeOK:
		s.release(t.th)
		s.finished(t, nil)
		s.p.taskEnded(t.key)
	default:
		s.finished(t, s.scriptError(t, err, why))
		s.p.taskEnded(t.key)
	}
	if st != lua.ResumeYield && t.done != nil {
		t.done()
	}
	var me *MemoryError
	if errors.As(why, &me) {
		s.p.fatal(s, &ScriptError{Script: s.p.name, Handler: t.name, Message: me.Error(), Err: me})
	}
	s.settle()
}

// finished records the end of t.
func (s *Script) finished(t *task, err *ScriptError) {
	if t == s.main {
		s.main = nil
		s.p.mainDone(s, err)
		return
	}
	if err != nil {
		s.p.report(s, err)
	}
}

// scriptError describes the error that ended t; nil when the script was
// stopping.
func (s *Script) scriptError(t *task, err error, why error) *ScriptError {
	if s.stopping || errors.Is(why, errStopped) {
		return nil
	}
	msg := err.Error()
	var ae *lua.ApiError
	if errors.As(err, &ae) {
		msg = s.tostring(ae.Object)
	}
	e := &ScriptError{Script: s.p.name, Handler: t.name, Message: msg, Traceback: t.trace}
	if why != nil && !errors.Is(why, errStopped) {
		e.Err = why
	}
	return e
}

// tostring converts v as Lua's tostring does, __tostring included, under
// the resume deadline like any other Lua code.
func (s *Script) tostring(v lua.LValue) (str string) {
	if _, ok := v.(lua.LString); ok {
		return string(v.(lua.LString))
	}
	s.g.begin(s.p.h.cfg.ResumeTimeout)
	defer func() {
		s.g.end()
		if recover() != nil {
			str = v.Type().String()
		}
	}()
	return s.L.ToStringMeta(v).String()
}

// arm is called by the prelude at the start of every top-level task: errors
// raised in it record a traceback.
func (s *Script) arm(L *lua.LState) int {
	L.Panic = s.panicHook
	return 0
}

func (s *Script) panicHook(L *lua.LState) {
	if t := s.running; t != nil && t.th == L {
		t.trace = traceback(L)
	}
	panic(&lua.ApiError{Type: lua.ApiErrorRun, Object: L.Get(-1)})
}

// traceback formats the frames of L as Lua's debug.traceback does, leaving
// out the host's prelude.
func traceback(L *lua.LState) string {
	var b strings.Builder
	b.WriteString("stack traceback:")
	for level := 0; level < 50; level++ {
		dbg, ok := L.GetStack(level)
		if !ok {
			break
		}
		if _, err := L.GetInfo("Sln", dbg, lua.LNil); err != nil || dbg.Source == preludeName {
			continue
		}
		name := dbg.Name
		if !strings.HasPrefix(name, "<") {
			name = "'" + name + "'"
		}
		if dbg.What == "G" {
			fmt.Fprintf(&b, "\n\t[G]: in function %s", name)
		} else {
			fmt.Fprintf(&b, "\n\t%s:%d: in function %s", dbg.Source, dbg.CurrentLine, name)
		}
	}
	return b.String()
}

// callable reports whether v can be called.
func callable(L *lua.LState, v lua.LValue) bool {
	if _, ok := v.(*lua.LFunction); ok {
		return true
	}
	_, ok := L.GetMetaField(v, "__call").(*lua.LFunction)
	return ok
}
