// Package tdcli is the environment of legacy tdcli scripts — Lua bots
// written for telegram-cli built on early TDLib — in luagram's script host:
// the global tdcli_function(request, cb, extra), the calls of the script's
// global tdcli_update_callback(data) for every update, and the Lua 5.1/5.2
// world those bots expect: io, os, loadfile, dofile, load of strings,
// package.path and require of files, and the modules they require (redis,
// serpent, dkjson, cjson, JSON, socket.http, ssl.https, ltn12, socket.url,
// mime, bit32, utf8, and lgi as a harmless stub).
//
// The TD layer itself — the objects, the requests as MTProto calls, the
// updates — is package tdconv. An Env connects one tdconv.Layer to the
// scripts of one runtime.Host.
package tdcli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/tdconv"
)

// Config configures an Env.
type Config struct {
	// Client is the account the scripts run on.
	Client *client.Client
	// DataDir holds downloaded files (DownloadFile) and the embedded Redis
	// store; default "tdcli-data".
	DataDir string
	// Redis is the address of a Redis server ("host:port",
	// "redis://host:port/db", "unix:/path") for the redis module; every
	// redis.connect goes there. Empty: the embedded store in DataDir.
	Redis string
	// Sandbox confines the Lua 5.1 world: see the package comment of
	// Sandbox in compat.go.
	Sandbox bool
	// Chats is how many chats of the dialog list Start announces with
	// UpdateChat; 0 means 100, a negative number none.
	Chats int
	// Stdin and Stdout are what io.read, io.write and print use; default
	// the process's.
	Stdin  io.Reader
	Stdout io.Writer
	Logger *slog.Logger
}

// An Env runs tdcli scripts on an account.
type Env struct {
	cfg    Config
	layer  *tdconv.Layer
	ctx    context.Context
	cancel context.CancelFunc
	kv     *kvStore // the embedded Redis store; nil with Config.Redis
	order  chain
	stdin  *bufio.Reader

	mu       sync.Mutex
	states   map[*runtime.Script]*state
	seq      int
	early    []emitted // updates before any script opened
	everLive bool
	updates  int64               // numbers the emitted updates
	handled  map[string]*seenSet // per script name: updates delivered to one of its versions
}

// An emitted update, numbered so that a script's versions never both
// handle it.
type emitted struct {
	o  tdconv.Object
	no int64
}

// A state is one opened Lua state of a tdcli script.
type state struct {
	s       *runtime.Script
	seq     int  // order of opening
	live    bool // receives updates: its main chunk has run
	pending []emitted
}

// maxPending bounds the updates kept for a state until it goes live, and
// those kept before any script opened.
const maxPending = 10000

// New returns an Env over cfg.Client. Close releases it.
func New(cfg Config) (*Env, error) {
	if cfg.DataDir == "" {
		cfg.DataDir = "tdcli-data"
	}
	if cfg.Chats == 0 {
		cfg.Chats = 100
	}
	if cfg.Stdin == nil {
		cfg.Stdin = os.Stdin
	}
	if cfg.Stdout == nil {
		cfg.Stdout = os.Stdout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	e := &Env{cfg: cfg, states: map[*runtime.Script]*state{}, order: chain{last: map[int64]chan struct{}{}}, handled: map[string]*seenSet{}}
	e.ctx, e.cancel = context.WithCancel(context.Background())
	if cfg.Redis == "" {
		kv, err := openKVStore(cfg.DataDir, cfg.Logger)
		if err != nil {
			return nil, err
		}
		e.kv = kv
	}
	var c tdconv.Client
	if cfg.Client != nil {
		c = account{cfg.Client}
	}
	e.layer = tdconv.NewLayer(tdconv.Config{Client: c, DataDir: cfg.DataDir, Emit: e.emit, Logger: cfg.Logger})
	return e, nil
}

// Layer returns the TD layer of the Env.
func (e *Env) Layer() *tdconv.Layer { return e.layer }

// Install makes every script the host starts after it a tdcli script.
func (e *Env) Install(h *runtime.Host) {
	h.AddModule("tdcli", func() runtime.Module { return &module{e: e} })
}

// Start loads the account and the chat list; scripts opened afterwards
// receive UpdateOption my_id and UpdateChat for those chats first.
func (e *Env) Start(ctx context.Context) error {
	if e.cfg.Client == nil {
		return errors.New("tdcli: no client")
	}
	err := e.layer.Start(ctx, max(e.cfg.Chats, 0))
	// What Start announced, scripts learn from the Layer's snapshot.
	e.mu.Lock()
	e.early = nil
	e.mu.Unlock()
	return err
}

// HandleUpdate gives an update of the account to the scripts as TD
// updates; it implements client.UpdateHandler.
func (e *Env) HandleUpdate(_ context.Context, u client.Update) {
	e.layer.Update(u.Update, u.Users, u.Chats)
}

// Close stops the calls in flight and saves the embedded Redis store.
func (e *Env) Close() error {
	e.cancel()
	if e.kv != nil {
		return e.kv.Close()
	}
	return nil
}

// emit gives a TD update to every script that receives updates. A state
// whose main chunk has not run yet gets it when it has; before any script
// opened, the first ones get it.
//
// During a reload the update goes both to the version that serves and to
// the one loading: the old version may close before what was posted to it
// runs. deliverOnce lets the first of them to run handle it, so each
// update is handled once by one version of a script.
func (e *Env) emit(o tdconv.Object) {
	e.mu.Lock()
	e.updates++
	u := emitted{o, e.updates}
	list := make([]*state, 0, len(e.states))
	for _, st := range e.states {
		switch {
		case st.live:
			list = append(list, st)
		case len(st.pending) < maxPending:
			st.pending = append(st.pending, u)
		}
	}
	if len(e.states) == 0 && !e.everLive && len(e.early) < maxPending {
		e.early = append(e.early, u)
	}
	e.mu.Unlock()
	for _, st := range list {
		st.s.Post(func() { e.deliverOnce(st.s, u) })
	}
}

// deliverOnce delivers u to s unless another version of its script has
// handled it. Run on the script's goroutine.
func (e *Env) deliverOnce(s *runtime.Script, u emitted) {
	e.mu.Lock()
	seen := e.handled[s.Name()]
	if seen == nil {
		seen = &seenSet{set: map[int64]bool{}}
		e.handled[s.Name()] = seen
	}
	first := seen.add(u.no)
	e.mu.Unlock()
	if first {
		deliver(s, u.o)
	}
}

// A seenSet holds the numbers of the updates one script handled, as far
// back as a version's pending updates can reach.
type seenSet struct {
	set map[int64]bool
	max int64
}

// add records no and reports whether it is new.
func (ss *seenSet) add(no int64) bool {
	if ss.set[no] || no <= ss.max-2*maxPending {
		return false
	}
	ss.set[no] = true
	ss.max = max(ss.max, no)
	if len(ss.set) > 4*maxPending {
		for k := range ss.set {
			if k <= ss.max-2*maxPending {
				delete(ss.set, k)
			}
		}
	}
	return true
}

// deliver calls the script's tdcli_update_callback(data) in a new
// coroutine. Run on the script's goroutine.
func deliver(s *runtime.Script, o tdconv.Object) {
	L := s.State()
	cb, ok := L.GetGlobal("tdcli_update_callback").(*lua.LFunction)
	if !ok {
		return
	}
	s.Spawn("tdcli_update_callback", cb, tdconv.Push(L, o))
}

// goLive makes a state receive updates, after its main chunk ran: first
// the start-up updates, then every update. An older state of the same
// script (a version replaced by a reload) stops receiving them. Run on the
// script's goroutine.
func (e *Env) goLive(s *runtime.Script) {
	e.mu.Lock()
	st := e.states[s]
	if st == nil {
		e.mu.Unlock()
		return
	}
	for _, other := range e.states {
		if other != st && other.s.Path() == s.Path() {
			other.live = false
		}
	}
	st.live, e.everLive, e.early = true, true, nil
	pending := st.pending
	st.pending = nil
	e.mu.Unlock()
	for _, o := range e.layer.Snapshot() {
		deliver(s, o)
	}
	for _, u := range pending {
		e.deliverOnce(s, u)
	}
}

func (e *Env) open(s *runtime.Script) {
	e.mu.Lock()
	e.seq++
	e.states[s] = &state{s: s, seq: e.seq, pending: append([]emitted(nil), e.early...)}
	e.mu.Unlock()
}

// closed forgets a state. If it received updates, the newest other state
// of the same script takes over (a reload whose new version failed after
// it went live hands back to the previous one).
func (e *Env) closed(s *runtime.Script) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.states[s]
	delete(e.states, s)
	if st == nil || !st.live {
		return
	}
	var next *state
	for _, other := range e.states {
		if other.s.Path() == s.Path() && (next == nil || other.seq > next.seq) {
			next = other
		}
	}
	if next != nil {
		next.live = true
	}
}

// printf writes to the scripts' standard output.
func (e *Env) printf(format string, args ...any) {
	fmt.Fprintf(e.cfg.Stdout, format, args...)
}
