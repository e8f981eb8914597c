package runtime

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sort"
	"strings"

	"github.com/luagram/luagram/bindings"
	lua "github.com/yuin/gopher-lua"
)

// A Script is one loaded version of a script file: a Lua state, the
// handlers, timers and coroutines it has, and the modules opened in it.
// Hot reload creates a new Script for the new version of the file; both are
// driven by the script's single goroutine, the only one that touches their
// states.
//
// Modules receive the Script being opened; its methods other than Name,
// Path and Logger must be called on the script's goroutine, that is from Lua
// functions, Module.Open and the Finish functions of Await.
type Script struct {
	spawnKey string // the key given to tasks spawn starts; see order.go
	onEnd    func() // the done function given to tasks spawn starts; see SpawnThen

	lastError caughtError // for debug.traceback in xpcall handlers
	p         *program
	L         *lua.LState
	g         guard
	log       *slog.Logger
	gen       int // version number: 1 for the first load, +1 per reload

	ctx    context.Context // cancelled when the state closes; for Await's work
	cancel context.CancelFunc

	yieldMark *lua.LUserData // yielded up to the host by a waiting call
	errMark   *lua.LUserData // resumed into a waiting call that failed
	handleMT  *lua.LTable
	rpcErrMT  *lua.LTable
	pre       prelude

	running *task           // the task the host is resuming, if any
	tasks   map[*task]bool  // suspended tasks
	pool    []*lua.LState   // finished threads, for reuse
	main    *task           // the main chunk while it runs
	timers  map[*timer]bool // armed timers
	polls   map[*task]*poll // tasks waiting in get_updates

	handlers map[string][]*handler // by update name; "*" for every update
	nhandler int

	modules  []Module
	required []string // files loaded by require, in order

	phase    phase
	stopping bool // stop() was called
	closed   bool
	mainErr  error
}

// A phase is where a Script stands in its script's life.
type phase int

const (
	loading phase = iota // running its main chunk; not yet receiving updates (except the first version)
	serving              // receives the updates
	retired              // replaced by a newer version; finishing its coroutines
)

// newScript creates the state for one version of p's file and opens every
// library in it. It does not run the main chunk.
func newScript(p *program, gen int) (*Script, error) {
	cfg := &p.h.cfg
	s := &Script{
		p:        p,
		gen:      gen,
		log:      p.log,
		tasks:    map[*task]bool{},
		timers:   map[*timer]bool{},
		polls:    map[*task]*poll{},
		handlers: map[string][]*handler{},
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.L = lua.NewState(lua.Options{
		SkipOpenLibs:        true,
		CallStackSize:       cfg.CallStackSize,
		RegistrySize:        registrySize,
		RegistryGrowStep:    registrySize,
		RegistryMaxSize:     cfg.RegistryMaxSize,
		MinimizeStackMemory: true,
	})
	if err := s.open(); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// open opens the libraries, the API and the modules in the new state.
func (s *Script) open() error {
	cfg, p := &s.p.h.cfg, s.p
	s.g.killed = &p.killed
	s.L.SetContext(&s.g)
	s.g.mem.init(cfg.MemoryLimit, s.size)
	ud := s.L.NewUserData()
	ud.Value = s
	s.L.G.Registry.RawSetString(registryKey, ud)
	s.yieldMark, s.errMark = s.L.NewUserData(), s.L.NewUserData()

	// The API namespaces first, while the globals are empty: every global
	// table after Open is one of them.
	if cfg.Prepare != nil {
		cfg.Prepare(s.L)
	}
	if err := bindings.Open(s.L, s); err != nil {
		return err
	}
	var namespaces []string
	s.L.G.Global.ForEach(func(k, v lua.LValue) {
		if _, ok := v.(*lua.LTable); ok {
			namespaces = append(namespaces, k.String())
		}
	})
	sort.Strings(namespaces)
	openLibs(s)
	if err := s.openPrelude(); err != nil {
		return fmt.Errorf("runtime: prelude: %w", err)
	}
	for _, name := range namespaces {
		if err := s.lazyNamespace(name); err != nil {
			return err
		}
	}
	s.handleMT = s.newHandleMeta()
	s.rpcErrMT = s.newRPCErrorMeta()
	s.openHostGlobals()
	p.h.mu.Lock()
	modules, globals := p.h.modules, p.h.globals
	p.h.mu.Unlock()
	for _, m := range modules {
		if err := s.openModule(m.name, m.new()); err != nil {
			return err
		}
	}
	for _, g := range globals {
		s.setGlobalFunc(g.name, g.fn)
	}
	return nil
}

// setGlobalFunc installs fn as the global name; where name is an API
// namespace (upload), the namespace becomes callable instead, so that
// upload(path) and upload.getFile{...} both work.
func (s *Script) setGlobalFunc(name string, fn lua.LGFunction) {
	fn = namedArgErrors(name, fn)
	ns, ok := s.L.GetGlobal(name).(*lua.LTable)
	if !ok {
		s.L.SetGlobal(name, s.Func(fn))
		return
	}
	mt, ok := s.L.GetMetatable(ns).(*lua.LTable)
	if !ok {
		mt = s.L.NewTable()
		s.L.SetMetatable(ns, mt)
	}
	mt.RawSetString("__call", s.Func(func(L *lua.LState) int {
		L.Remove(1) // the namespace table
		return fn(L)
	}))
}

// registrySize is the initial value-stack size of every thread, in slots;
// it grows by as much at a time up to Config.RegistryMaxSize.
const registrySize = 128

// registryKey is where a state's registry holds its *Script.
const registryKey = "luagram.runtime.script"

// ScriptOf returns the Script owning L (or any of its coroutines), or nil.
// Functions added with Host.AddGlobal use it to reach Await.
func ScriptOf(L *lua.LState) *Script {
	if ud, ok := L.G.Registry.RawGetString(registryKey).(*lua.LUserData); ok {
		s, _ := ud.Value.(*Script)
		return s
	}
	return nil
}

// Name returns the script's name, which is also its key-value namespace.
func (s *Script) Name() string { return s.p.name }

// Path returns the script's file.
func (s *Script) Path() string { return s.p.path }

// Dir returns the directory require loads modules from.
func (s *Script) Dir() string { return filepath.Dir(s.p.path) }

// Logger returns the script's logger.
func (s *Script) Logger() *slog.Logger { return s.log }

// State returns the script's Lua state. Only the script's goroutine may use
// it.
func (s *Script) State() *lua.LState { return s.L }

// lazyNamespace replaces the namespace table name by an empty table whose
// metatable wraps its methods on first use (see the prelude).
func (s *Script) lazyNamespace(name string) error {
	raw, ok := s.L.GetGlobal(name).(*lua.LTable)
	if !ok {
		return nil
	}
	proxy := s.L.NewTable()
	raw.ForEach(func(k, v lua.LValue) {
		if _, fn := v.(*lua.LFunction); !fn {
			proxy.RawSet(k, v)
		}
	})
	mt, err := s.call(s.pre.lazy, raw)
	if err != nil {
		return fmt.Errorf("runtime: namespace %s: %w", name, err)
	}
	s.L.SetMetatable(proxy, mt)
	s.L.SetGlobal(name, proxy)
	return nil
}

// openModule opens m and installs its value as the global name and as what
// require(name) returns.
func (s *Script) openModule(name string, m Module) error {
	s.modules = append(s.modules, m)
	v, err := m.Open(s)
	if err != nil {
		return fmt.Errorf("runtime: opening module %s: %w", name, err)
	}
	if v != nil && v != lua.LNil {
		s.L.SetGlobal(name, v)
		s.pre.loaded.RawSetString(name, v)
	}
	return nil
}

// close releases the state: timers stop, waits are abandoned, modules
// close. It is idempotent.
func (s *Script) close() {
	if s.closed {
		return
	}
	s.closed = true
	s.cancel()
	for t := range s.timers {
		t.stop()
	}
	for t := range s.tasks {
		if t.stop != nil {
			t.stop()
		}
		s.p.taskEnded(t.key) // it will never end on its own
	}
	clear(s.timers)
	clear(s.tasks)
	clear(s.polls)
	clear(s.handlers)
	for i := len(s.modules) - 1; i >= 0; i-- {
		if err := s.modules[i].Close(); err != nil {
			s.log.Warn("closing module", "err", err)
		}
	}
	s.modules = nil
	s.pool = nil
	s.L.Close()
}

// alive reports whether the state still has something to do: a running
// main chunk, handlers, timers, or coroutines waiting for the host.
func (s *Script) alive() bool {
	if s.closed || s.stopping {
		return false
	}
	if s.main != nil || s.nhandler > 0 || len(s.timers) > 0 || len(s.tasks) > 0 {
		return true
	}
	_, ok := s.L.GetGlobal(updateCallback).(*lua.LFunction)
	return ok
}

// busy reports whether a retired state still has coroutines to finish
// (waits in get_updates do not count: no update will come).
func (s *Script) busy() bool {
	return len(s.tasks) > len(s.polls)
}

// settle tells the script what the state's condition is after an event.
func (s *Script) settle() {
	if s.closed || s.running != nil {
		return
	}
	s.p.settled(s)
}

// namedArgErrors makes the argument errors of fn (L.ArgError, L.Check…)
// name the global and the script's line: gopher-lua would name the
// prelude's wrapper ("[runtime]:87: bad argument #1 to f").
func namedArgErrors(name string, fn lua.LGFunction) lua.LGFunction {
	return func(L *lua.LState) int {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if ae, ok := r.(*lua.ApiError); ok {
				if msg, ok := ae.Object.(lua.LString); ok {
					if i := strings.Index(string(msg), "bad argument #"); i >= 0 {
						rest := string(msg)[i:]
						if j := strings.Index(rest, " to f ("); j >= 0 {
							rest = rest[:j] + " to " + name + " (" + rest[j+len(" to f ("):]
						}
						ae.Object = lua.LString(scriptWhere(L) + rest)
					}
				}
			}
			panic(r)
		}()
		return fn(L)
	}
}

// scriptWhere returns "file:line: " of the innermost frame of the script's
// own code, past the prelude's wrappers (pcall, coroutines), or "".
func scriptWhere(L *lua.LState) string {
	for level := 1; level < 32; level++ {
		dbg, ok := L.GetStack(level)
		if !ok {
			break
		}
		if _, err := L.GetInfo("Sl", dbg, lua.LNil); err != nil {
			break
		}
		if dbg.CurrentLine > 0 && dbg.Source != preludeName {
			return fmt.Sprintf("%s:%d: ", dbg.Source, dbg.CurrentLine)
		}
	}
	return ""
}
