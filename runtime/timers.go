package runtime

import (
	"fmt"
	"math"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// minEvery is the shortest period of every.
const minEvery = time.Millisecond

// seconds reads argument n, a number of seconds, as a duration.
func seconds(L *lua.LState, n int) time.Duration {
	f := float64(L.CheckNumber(n))
	if math.IsNaN(f) || f < 0 {
		L.ArgError(n, "non-negative number of seconds expected")
	}
	if f > 100*365*24*3600 {
		f = 100 * 365 * 24 * 3600
	}
	return time.Duration(f * float64(time.Second))
}

// sleep(seconds) suspends the calling coroutine; other handlers run
// meanwhile.
func (s *Script) sleep(L *lua.LState) int {
	d := seconds(L, 1)
	t := s.waiting(L, "sleep")
	tm := time.AfterFunc(d, func() {
		s.p.post(func() {
			if s.tasks[t] && t.wait == "sleep" {
				s.resume(t, nil)
			}
		})
	})
	t.stop = func() { tm.Stop() }
	if s.phase == loading && t == s.main {
		// A main chunk that sleeps has entered its own loop: the new
		// version is ready.
		s.p.post(func() { s.p.ready(s) })
	}
	return L.Yield(s.yieldMark)
}

// A timer is a callback registered with timer or every.
type timer struct {
	s      *Script
	fn     *lua.LFunction
	period time.Duration // 0 for a one-shot timer
	t      *time.Timer
	h      *lua.LUserData
}

func (t *timer) String() string {
	if t.period > 0 {
		return fmt.Sprintf("timer every %v", t.period)
	}
	return "timer"
}

// cancel stops the timer; a callback already running goes on.
func (t *timer) cancel() {
	if !t.s.timers[t] {
		return
	}
	t.stop()
	delete(t.s.timers, t)
	t.s.settle()
}

func (t *timer) stop() { t.t.Stop() }

func (t *timer) arm(d time.Duration) {
	t.t = time.AfterFunc(d, func() { t.s.p.post(t.fire) })
}

// fire runs the callback in a new task; every re-arms first, so a callback
// that waits does not delay the next one.
func (t *timer) fire() {
	s := t.s
	if s.closed || !s.timers[t] {
		return
	}
	if t.period > 0 {
		t.arm(t.period)
	} else {
		delete(s.timers, t)
	}
	s.spawn(t.String(), t.fn, t.h)
	s.settle()
}

// timer(seconds, fn) calls fn(handle) once after seconds; every(seconds, fn)
// calls it every seconds. Both return the handle, whose cancel method stops
// the timer.
func (s *Script) timer(L *lua.LState) int { return s.addTimer(L, false) }
func (s *Script) every(L *lua.LState) int { return s.addTimer(L, true) }
func (s *Script) addTimer(L *lua.LState, repeat bool) int {
	d := seconds(L, 1)
	fn := L.CheckFunction(2)
	if s.phase == retired {
		L.RaiseError("timer: this version of the script was replaced by a reload")
	}
	if limit := s.p.h.cfg.MaxTimers; len(s.timers) >= limit {
		L.RaiseError("timer: too many timers (%d)", limit)
	}
	t := &timer{s: s, fn: fn}
	if repeat {
		t.period = max(d, minEvery)
		d = t.period
	}
	t.h = s.handle(t)
	s.timers[t] = true
	t.arm(d)
	L.Push(t.h)
	return 1
}
