package runtime

import (
	"context"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// A guard is the context.Context of every thread of one Lua state. gopher-lua
// calls Done before each VM instruction of a thread that has a context, so
// the guard doubles as an instruction hook: every checkEvery instructions it
// checks the deadline of the running resume, the state's memory budget and
// requests to stop. Once tripped, Done returns a closed channel and the VM
// raises Err's message at the next instruction of whichever thread runs,
// including the instructions of the pcall wrappers that catch the error, so
// the error unwinds to the host; begin clears it before the next resume.
//
// Only the script's goroutine calls Done and Err; the stop request may be
// set from any goroutine.
type guard struct {
	n        int   // instructions left until the next check
	interval int   // instructions between checks, adapted to the allocation rate
	deadline int64 // nanoseconds (monotonic, see now) when the running resume must end
	done     chan struct{}
	err      error
	killed   *atomic.Pointer[error] // the script's stop request, shared by its versions

	mem memGuard
}

// The closed channel a tripped guard returns from Done.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// maxInterval is the number of instructions between two checks when the
// state allocates little.
const maxInterval = 1024

// epoch anchors now, a cheap monotonic clock.
var epoch = time.Now()

func now() int64 { return int64(time.Since(epoch)) }

// begin arms the guard for one resume that may run for d.
func (g *guard) begin(d time.Duration) {
	g.deadline = now() + int64(d)
	g.done, g.err = nil, nil
	if e := g.stopRequest(); e != nil {
		g.trip(e)
	}
}

// stopRequest returns the error the script was asked to stop with, if any.
func (g *guard) stopRequest() error {
	if g.killed == nil {
		return nil
	}
	if e := g.killed.Load(); e != nil {
		return *e
	}
	return nil
}

// end disarms the guard after a resume and reports why it tripped, if it
// did.
func (g *guard) end() error {
	err := g.err
	g.done, g.err, g.deadline = nil, nil, 0
	return err
}

// trip makes every following instruction raise err.
func (g *guard) trip(err error) {
	if g.err == nil {
		g.err, g.done = err, closedChan
	}
}

// Done is called by the VM before every instruction.
func (g *guard) Done() <-chan struct{} {
	if g.n--; g.n <= 0 {
		g.check()
	}
	return g.done
}

func (g *guard) check() {
	if g.interval == 0 {
		g.interval = maxInterval
	}
	g.n = g.interval
	if g.done != nil {
		return
	}
	if e := g.stopRequest(); e != nil {
		g.trip(e)
		return
	}
	if g.deadline != 0 && now() > g.deadline {
		g.trip(errDeadline)
		return
	}
	fast, err := g.mem.check()
	if err != nil {
		g.trip(err)
		return
	}
	// Check more often while the process allocates fast, so that a loop
	// that doubles a string is caught within a few instructions.
	if fast {
		g.interval = max(1, g.interval/8)
	} else {
		g.interval = min(maxInterval, g.interval*2)
	}
	g.n = g.interval
}

// Err reports why the guard tripped.
func (g *guard) Err() error {
	if g.err == nil {
		return nil
	}
	return g.err
}

func (g *guard) Deadline() (time.Time, bool) { return time.Time{}, false }
func (g *guard) Value(any) any               { return nil }

// AfterFunc lets context.WithCancel(g) (gopher-lua's NewThread) register
// without starting a goroutine. The host replaces the context of every
// thread it creates with g, so the children never need cancelling.
func (g *guard) AfterFunc(func()) func() bool { return func() bool { return false } }

var _ context.Context = (*guard)(nil)

// allocated returns the bytes the process has allocated on the Go heap since
// it started.
func allocated() uint64 {
	s := [1]metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s[:])
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
