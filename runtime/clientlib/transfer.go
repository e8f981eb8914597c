package clientlib

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/runtime"
)

// A progressRelay carries a transfer's progress to a Lua callback. The
// transfer reports from its own goroutines; the callback runs in a
// coroutine of the script, so it may wait (edit a message with the
// percentage, say). One call runs at a time: percentages reported while
// it runs are folded into the latest, so a slow callback skips values
// but never sees them out of order, and the last call is 100 once the
// transfer succeeded.
type progressRelay struct {
	s  *runtime.Script
	fn *lua.LFunction

	mu      sync.Mutex
	pending float64
	queued  bool          // pending is to be delivered
	running bool          // a callback runs or is about to
	idle    chan struct{} // closed when running turns false
}

// newProgressRelay returns a relay to fn, or nil if fn is nil.
func newProgressRelay(s *runtime.Script, fn *lua.LFunction) *progressRelay {
	if fn == nil {
		return nil
	}
	return &progressRelay{s: s, fn: fn}
}

// report is the transfer's client.ProgressFunc.
func (r *progressRelay) report(pct float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending, r.queued = pct, true
	if !r.running {
		r.running, r.idle = true, make(chan struct{})
		r.s.Post(r.deliver)
	}
}

// deliver starts the callback with the latest percentage, on the script's
// goroutine.
func (r *progressRelay) deliver() {
	r.mu.Lock()
	pct := r.pending
	r.queued = false
	r.mu.Unlock()
	if !r.s.SpawnThen("progress callback", r.fn, r.ended, lua.LNumber(pct)) {
		r.ended()
	}
}

// ended runs when a callback has returned (or failed: its error is
// reported like a handler's, and the transfer goes on).
func (r *progressRelay) ended() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.queued {
		r.s.Post(r.deliver)
		return
	}
	r.running = false
	close(r.idle)
}

// wait returns once every reported percentage has been delivered, so that
// a transfer returns to the script after its last progress call.
func (r *progressRelay) wait(ctx context.Context) {
	if r == nil {
		return
	}
	r.mu.Lock()
	if !r.running {
		r.mu.Unlock()
		return
	}
	idle := r.idle
	r.mu.Unlock()
	select {
	case <-idle:
	case <-ctx.Done():
	}
}

// progressFunc returns what the client's options take.
func (r *progressRelay) progressFunc() client.ProgressFunc {
	if r == nil {
		return nil
	}
	return r.report
}

// A StreamError reports a Lua stream's read or write method failing.
type StreamError struct {
	Op  string // "read" or "write"
	Err error
}

func (e *StreamError) Error() string { return fmt.Sprintf("stream %s: %v", e.Op, e.Err) }

func (e *StreamError) Unwrap() error { return e.Err }

// streamMethod returns the method name of v (a Lua file handle or any
// table or userdata with that method), or an error for the argument check.
func streamMethod(L *lua.LState, v lua.LValue, name string) (lua.LValue, error) {
	switch v.(type) {
	case *lua.LTable, *lua.LUserData:
	default:
		return nil, fmt.Errorf("a stream (a value with a %s method, such as a file handle) expected, got %s", name, v.Type())
	}
	m := L.GetField(v, name)
	if m == lua.LNil {
		return nil, fmt.Errorf("the stream has no %s method", name)
	}
	return m, nil
}

// luaStream calls a Lua stream's methods from a transfer's goroutines, on
// the script's goroutine, one call at a time.
type luaStream struct {
	s      *runtime.Script
	ctx    context.Context
	stream lua.LValue
	method lua.LValue
	op     string
	extra  []byte // read: what the last read returned beyond the buffer
}

// call runs stream:method(arg) on the script's goroutine and waits.
func (ls *luaStream) call(arg lua.LValue, use func(rets []lua.LValue) error) error {
	done := make(chan error, 1)
	ls.s.Post(func() {
		rets, err := ls.s.CallNow(ls.method, ls.stream, arg)
		if err == nil {
			err = use(rets)
		}
		done <- err
	})
	select {
	case err := <-done:
		if err != nil {
			var se *StreamError
			if !errors.As(err, &se) {
				err = &StreamError{Op: ls.op, Err: err}
			}
		}
		return err
	case <-ls.ctx.Done():
		return context.Cause(ls.ctx)
	}
}

// failure turns a (nil, message) answer of a stream method into an error.
func failure(op string, rets []lua.LValue) error {
	msg := "failed"
	if len(rets) > 1 && rets[1] != lua.LNil {
		msg = rets[1].String()
	}
	return &StreamError{Op: op, Err: errors.New(msg)}
}

// Read implements io.Reader with stream:read(n), which returns a string of
// at most n bytes, or nil at the end (file handles do), or nil and a
// message on failure.
func (ls *luaStream) Read(p []byte) (int, error) {
	if len(ls.extra) > 0 {
		n := copy(p, ls.extra)
		ls.extra = ls.extra[n:]
		return n, nil
	}
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	err := ls.call(lua.LNumber(len(p)), func(rets []lua.LValue) error {
		if len(rets) == 0 || rets[0] == lua.LNil {
			if len(rets) > 1 && rets[1] != lua.LNil {
				return failure("read", rets)
			}
			return io.EOF
		}
		s, ok := rets[0].(lua.LString)
		if !ok {
			return &StreamError{Op: "read", Err: fmt.Errorf("returned a %s, not a string", rets[0].Type())}
		}
		if len(s) == 0 {
			return io.EOF
		}
		n = copy(p, s)
		ls.extra = []byte(s[n:])
		return nil
	})
	return n, err
}

// Write implements io.Writer with stream:write(data), which fails by
// returning nil (or false) and a message, as file handles do.
func (ls *luaStream) Write(p []byte) (int, error) {
	err := ls.call(lua.LString(p), func(rets []lua.LValue) error {
		if len(rets) > 0 && (rets[0] == lua.LNil || rets[0] == lua.LFalse) {
			return failure("write", rets)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(p), nil
}
