package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// An Invoker sends an encoded TL query and returns the encoded result; the
// client implements it. Telegram errors are returned as errors with Code
// and Type (see RPCError), which scripts can catch with pcall.
type Invoker interface {
	Invoke(ctx context.Context, query []byte) ([]byte, error)
}

// Config configures a Host. The zero value of each field means its
// default.
type Config struct {
	Invoker Invoker      // the client; without it API calls raise ErrNoInvoker
	KV      KV           // the kv module's store; default a MemKV
	Logger  *slog.Logger // default slog.Default(); each script logs with script=name
	OnEvent func(Event)  // called on a script's goroutine; must not block

	// Prepare, if set, is called on every new Lua state before the API
	// namespaces are installed: the place for bindings.SetHooks (peer
	// resolution, parse modes, bot-API markup).
	Prepare func(L *lua.LState)

	ResumeTimeout time.Duration // longest run of Lua between two waits; default 5s
	CallTimeout   time.Duration // limit of one API call; default none (the client's own)
	MemoryLimit   int64         // bytes of Lua data per script; default 64 MiB; <0: none

	CallStackSize   int // Lua call depth per coroutine; default 200
	RegistryMaxSize int // value-stack slots per coroutine; default 65536 (1 MiB)
	MaxTasks        int // waiting coroutines per script, beyond which updates wait in the inbox; default 1000
	MaxTimers       int // timers per script; default 10000
	MaxQueued       int // updates waiting per script, in the inbox and for get_updates; default 10000

	Watch    bool          // reload scripts when their files change
	Debounce time.Duration // quiet time after a change before reloading; default 50ms
	Grace    time.Duration // time a replaced version has to finish; default 5s
	// LoadTimeout is how long a new version may take to become ready
	// before its reload fails; default 30s.
	LoadTimeout time.Duration
}

func (c *Config) setDefaults() {
	if c.KV == nil {
		c.KV = &MemKV{}
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.ResumeTimeout, 5*time.Second)
	def(&c.Debounce, 50*time.Millisecond)
	def(&c.Grace, 5*time.Second)
	def(&c.LoadTimeout, 30*time.Second)
	switch {
	case c.MemoryLimit == 0:
		c.MemoryLimit = 64 << 20
	case c.MemoryLimit < 0:
		c.MemoryLimit = 0
	}
	defInt := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defInt(&c.CallStackSize, 200)
	defInt(&c.RegistryMaxSize, 1<<16)
	defInt(&c.MaxTasks, 1000)
	defInt(&c.MaxTimers, 10000)
	defInt(&c.MaxQueued, 10000)
}

// A Host runs Lua scripts: each in its own Lua state driven by its own
// goroutine, fed with the updates given to Dispatch.
type Host struct {
	cfg     Config
	mu      sync.Mutex
	progs   []*program
	names   map[string]bool
	globals []globalEntry
	modules []moduleEntry
	closed  bool
}

// New returns a Host with the configuration cfg.
func New(cfg Config) *Host {
	cfg.setDefaults()
	return &Host{cfg: cfg, names: map[string]bool{}}
}

// AddGlobal installs fn as the global name of every script started after
// it. fn may wait (Script.Await; ScriptOf finds the Script).
func (h *Host) AddGlobal(name string, fn lua.LGFunction) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.globals = append(h.globals, globalEntry{name, fn})
}

// AddModule makes every script started after it open a new instance of a
// module, installed as the global name and returned by require(name).
func (h *Host) AddModule(name string, newModule func() Module) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.modules = append(h.modules, moduleEntry{name, newModule})
}

// Start loads the script in the file path and runs its main chunk on a new
// goroutine. It returns the script's name (the file's base name, made
// unique) or the error that kept it from loading, such as a *LoadError.
// With Config.Watch, a script that does not compile, or whose first main
// chunk fails, is not ended: it waits for its file to change and loads
// then, as after a failed reload (Start still returns the compile error).
func (h *Host) Start(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return "", ErrClosed
	}
	name := strings.TrimSuffix(filepath.Base(abs), ".lua")
	for i := 2; h.names[name]; i++ {
		name = fmt.Sprintf("%s#%d", strings.TrimSuffix(filepath.Base(abs), ".lua"), i)
	}
	h.names[name] = true
	p := newProgram(h, name, abs)
	h.progs = append(h.progs, p)
	h.mu.Unlock()
	waiting, err := p.start()
	if err != nil && !waiting {
		h.mu.Lock()
		p.over, p.err = true, err
		close(p.done)
		h.mu.Unlock()
	}
	return name, err
}

// Dispatch gives u to every running script. It never blocks: a script
// with Config.MaxQueued updates waiting loses the new one (and logs it).
func (h *Host) Dispatch(u Update) {
	h.mu.Lock()
	progs := h.progs
	h.mu.Unlock()
	up := &u
	for _, p := range progs {
		if p.queued.Load() >= int64(h.cfg.MaxQueued) {
			p.post(func() { p.overload("too many updates waiting; dropping one") })
			continue
		}
		p.queued.Add(1)
		if !p.in.putUpdate(func() { p.onUpdate(up) }) {
			p.queued.Add(-1)
		}
	}
}

// Wait waits until every script started so far has ended and returns the
// errors of those that failed, joined.
func (h *Host) Wait() error {
	h.mu.Lock()
	progs := append([]*program(nil), h.progs...)
	h.mu.Unlock()
	var errs []error
	for _, p := range progs {
		<-p.done
		if p.err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.name, p.err))
		}
	}
	return errors.Join(errs...)
}

// A Status describes a script.
type Status struct {
	Name    string
	Path    string
	Running bool
	Err     error // why it ended, once it has
}

// Scripts reports on every script started so far.
func (h *Host) Scripts() []Status {
	h.mu.Lock()
	progs := append([]*program(nil), h.progs...)
	h.mu.Unlock()
	out := make([]Status, len(progs))
	for i, p := range progs {
		out[i] = Status{Name: p.name, Path: p.path, Running: true}
		select {
		case <-p.done:
			out[i].Running, out[i].Err = false, p.err
		default:
		}
	}
	return out
}

// Close stops every script, interrupting Lua code that is running, and
// waits for them to end.
func (h *Host) Close() error {
	h.mu.Lock()
	h.closed = true
	progs := append([]*program(nil), h.progs...)
	h.mu.Unlock()
	for _, p := range progs {
		p.stop()
	}
	for _, p := range progs {
		<-p.done
	}
	return nil
}
