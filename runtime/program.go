package runtime

import (
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// A program is one script file for its whole life: the goroutine that runs
// its inbox, the version of it that serves updates, a new version being
// loaded and old versions finishing after a reload, and what outlives
// versions (update ids, the get_updates buffer).
//
// The hand-over of a reload: an update is delivered to the version that
// serves when the loop takes the update from the inbox. The swap runs on
// the same loop, between two inbox items, when the new version is ready:
// its main chunk has returned, or has entered a loop of its own — it calls
// get_updates or sleep. So every update
// goes to exactly one version; updates a get_updates call had returned to
// the old version count as delivered, and those still buffered go to the
// new one.
type program struct {
	h    *Host
	name string
	path string // cleaned, absolute
	dir  string
	log  *slog.Logger
	in   *inbox

	queued atomic.Int64          // updates in the inbox
	killed atomic.Pointer[error] // set by Host.Close; seen by the guards

	cur  *Script   // serves updates
	next *Script   // loading, after a file change
	old  []*Script // retired, finishing their coroutines
	gen  int

	nextID  int64    // the last update_id given
	buf     []queued // updates for get_updates
	lastOut int64    // the highest update_id get_updates returned

	w         *watcher
	changedAt time.Time // the first file change of the reload in progress

	lastWarn time.Time
	dropped  int

	chains map[string]*chain // per-chat order; see order.go

	over bool
	err  error
	done chan struct{}
}

func newProgram(h *Host, name, path string) *program {
	return &program{
		h:    h,
		name: name,
		path: path,
		dir:  filepath.Dir(path),
		log:  h.cfg.Logger.With("script", name),
		in:   newInbox(),
		done: make(chan struct{}),
	}
}

// start compiles and loads the first version and starts the loop, which
// runs the main chunk.
//
// With Config.Watch, a file that does not compile leaves the program
// waiting for a fix instead: start returns the error (with waiting true)
// and the first change of the file loads it again, as a reload does.
func (p *program) start() (waiting bool, err error) {
	proto, err := p.compile(p.path)
	if err != nil {
		if !p.h.cfg.Watch {
			return false, err
		}
		w, werr := newWatcher(p)
		if werr != nil {
			return false, err
		}
		p.w = w
		p.watch(p.path)
		p.log.Error("the script does not load; waiting for a fix", "err", err)
		go p.loop()
		return true, err
	}
	p.gen = 1
	s, err := newScript(p, p.gen)
	if err != nil {
		return false, err
	}
	s.phase = serving
	p.cur = s
	if p.h.cfg.Watch {
		if p.w, err = newWatcher(p); err != nil {
			s.close()
			return false, err
		}
		p.watch(p.path)
	}
	// Queued before the loop starts, the main chunk runs right after what
	// the modules posted while they opened, and before what those post.
	p.post(func() {
		p.event(Event{Kind: Started, Version: s.gen})
		p.runMain(s, proto)
	})
	go p.loop()
	return false, nil
}

// post queues fn on the loop.
func (p *program) post(fn func()) { p.in.put(fn) }

func (p *program) loop() {
	defer close(p.done)
	var spare []func()
	for !p.over {
		work := p.in.take(spare, p.room())
		for i, fn := range work {
			if p.over {
				break
			}
			fn()
			work[i] = nil
		}
		clear(work)
		spare = work
	}
}

// updateBatch is the number of updates the loop takes at a time, between
// which it looks for events.
const updateBatch = 16

// room returns how many updates the loop may take now: none while the
// serving version has Config.MaxTasks coroutines suspended.
func (p *program) room() int {
	if s := p.cur; s != nil && len(s.tasks) >= p.h.cfg.MaxTasks {
		return 0
	}
	return updateBatch
}

// runMain runs the main chunk of s as its first task.
func (p *program) runMain(s *Script, proto *lua.FunctionProto) {
	if s.closed {
		return
	}
	t := &task{th: s.thread(), name: "main chunk"}
	s.main = t
	s.resume(t, s.pre.top, s.L.NewFunctionFromProto(proto))
}

// mainDone is called when the main chunk of s returned (err nil) or
// failed.
func (p *program) mainDone(s *Script, err *ScriptError) {
	switch {
	case s == p.next:
		if err != nil {
			p.next = nil
			s.close()
			p.log.Error("reload failed; the previous version goes on", "err", err, "traceback", err.Traceback)
			p.event(Event{Kind: ReloadFailed, Version: s.gen, Err: err})
			return
		}
		p.ready(s)
	case s == p.cur && err != nil && p.w != nil:
		// The first version failed, and the file is watched: wait for a
		// fix rather than end, as a failed reload would.
		p.log.Error("main chunk failed; waiting for a fix", "err", err, "traceback", err.Traceback)
		p.event(Event{Kind: ReloadFailed, Version: s.gen, Err: err})
		p.cur = nil
		p.retire(s)
	case s == p.cur && err != nil:
		p.log.Error("main chunk failed", "err", err, "traceback", err.Traceback)
		p.end(err)
	case err != nil:
		p.report(s, err)
	}
}

// report logs the error of a handler and reports it.
func (p *program) report(s *Script, err *ScriptError) {
	p.log.Error("handler failed", "handler", err.Handler, "err", err.Message, "traceback", err.Traceback)
	p.event(Event{Kind: HandlerFailed, Version: s.gen, Err: err})
}

// fatal ends the version s, and the script unless s is an old or loading
// version, for an error that makes the state unusable.
func (p *program) fatal(s *Script, err *ScriptError) {
	p.log.Error("script stopped", "err", err.Message)
	switch {
	case s == p.next:
		p.next = nil
		s.close()
		p.event(Event{Kind: ReloadFailed, Version: s.gen, Err: err})
	case s == p.cur:
		p.end(err)
	default:
		p.closeOld(s)
	}
}

// settled looks at s after an event and ends what has nothing left to do.
func (p *program) settled(s *Script) {
	if p.over || s.closed || s.running != nil {
		return
	}
	switch {
	case s.phase == retired:
		if s.stopping || !s.busy() {
			p.closeOld(s)
		}
	case s == p.cur && (s.stopping || !s.alive()):
		p.end(nil)
	case s == p.next && s.stopping:
		// stop() in the main chunk of a new version: the script ends.
		p.end(nil)
	}
}

// onUpdate delivers u, run by the loop for every dispatched update.
func (p *program) onUpdate(u *Update) {
	p.queued.Add(-1)
	if p.ordered(u) {
		return // the chain delivers it when its turn comes
	}
	p.handleUpdate(u)
}

// handleUpdate delivers u to the current version.
func (p *program) handleUpdate(u *Update) {
	s := p.cur
	if s == nil || s.closed {
		p.taskEnded(u.Key) // nothing will run: let the chain go on
		return
	}
	p.nextID++
	if s.deliver(u) {
		s.settle()
		return
	}
	p.buffer(p.nextID, u)
	s.feedPolls()
	s.settle()
}

// reload loads the file again into a new version, run by the loop after a
// file change.
func (p *program) reload() {
	if p.over {
		return
	}
	proto, err := p.compile(p.path)
	if err != nil {
		if p.cur == nil {
			p.log.Error("the script still does not load; waiting for a fix", "err", err)
		} else {
			p.log.Error("reload failed; the previous version goes on", "err", err)
		}
		p.event(Event{Kind: ReloadFailed, Version: p.gen + 1, Err: err})
		return
	}
	if p.next != nil {
		// A newer edit supersedes the version still loading.
		p.next.close()
		p.next = nil
	}
	p.gen++
	s, err := newScript(p, p.gen)
	if err != nil {
		p.log.Error("reload failed", "err", err)
		p.event(Event{Kind: ReloadFailed, Version: p.gen, Err: err})
		return
	}
	s.phase = loading
	p.next = s
	time.AfterFunc(p.h.cfg.LoadTimeout, func() {
		p.post(func() {
			if p.next == s {
				p.fatal(s, &ScriptError{Script: p.name, Handler: "main chunk",
					Message: "the new version did not become ready within " + p.h.cfg.LoadTimeout.String()})
			}
		})
	})
	p.runMain(s, proto)
}

// ready swaps in s, a new version that loaded fully.
func (p *program) ready(s *Script) {
	if s != p.next || s.closed || p.over {
		return
	}
	old := p.cur
	s.phase = serving
	p.cur, p.next = s, nil
	p.ack(p.lastOut + 1) // what get_updates gave the old version was delivered
	latency := time.Since(p.changedAt)
	p.log.Info("reloaded", "version", s.gen, "latency", latency)
	p.event(Event{Kind: Reloaded, Version: s.gen, Latency: latency})
	if old != nil {
		p.retire(old)
	}
	s.feedPolls()
	s.settle()
}

// retire stops old from receiving anything new and lets it finish its
// coroutines within Config.Grace.
func (p *program) retire(s *Script) {
	s.phase = retired
	for t := range s.timers {
		t.stop()
	}
	clear(s.timers)
	for _, pl := range s.polls {
		if pl.timer != nil {
			pl.timer.Stop()
		}
	}
	if !s.busy() {
		s.close()
		return
	}
	p.old = append(p.old, s)
	time.AfterFunc(p.h.cfg.Grace, func() {
		p.post(func() {
			if !s.closed {
				p.log.Warn("closing the previous version with coroutines still waiting", "version", s.gen, "waiting", len(s.tasks)-len(s.polls))
				p.closeOld(s)
			}
		})
	})
}

func (p *program) closeOld(s *Script) {
	s.close()
	for i, o := range p.old {
		if o == s {
			p.old = append(p.old[:i], p.old[i+1:]...)
			break
		}
	}
}

// end ends the script: every version closes and the loop stops.
func (p *program) end(err error) {
	if p.over {
		return
	}
	p.over, p.err = true, err
	for _, s := range append([]*Script{p.cur, p.next}, p.old...) {
		if s != nil {
			s.close()
		}
	}
	p.old = nil
	p.in.close()
	if p.w != nil {
		p.w.close()
	}
	if err != nil {
		p.log.Error("script ended", "err", err)
	} else {
		p.log.Info("script ended")
	}
	p.event(Event{Kind: Ended, Version: p.gen, Err: err})
}

// stop ends the script from outside its loop (Host.Close), interrupting a
// running resume at its next instruction check.
func (p *program) stop() {
	err := errStopped
	p.killed.CompareAndSwap(nil, &err)
	p.post(func() { p.end(nil) })
}

// overload logs dropped work, at most once a second.
func (p *program) overload(msg string) {
	p.dropped++
	if time.Since(p.lastWarn) < time.Second {
		return
	}
	p.log.Warn(msg, "dropped", p.dropped)
	p.lastWarn, p.dropped = time.Now(), 0
}

func (p *program) event(e Event) {
	if f := p.h.cfg.OnEvent; f != nil {
		e.Script = p.name
		f(e)
	}
}

// watch adds a file to those whose change reloads the script.
func (p *program) watch(path string) {
	if p.w != nil {
		p.w.add(path)
	}
}
