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
	early    []tdconv.Object // updates before any script opened
	everLive bool
}

// A state is one opened Lua state of a tdcli script.
type state struct {
	s       *runtime.Script
	seq     int  // order of opening
	live    bool // receives updates: its main chunk has run
	pending []tdconv.Object
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
	e := &Env{cfg: cfg, states: map[*runtime.Script]*state{}, order: chain{last: map[int64]chan struct{}{}}}
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
func (e *Env) emit(o tdconv.Object) {
	e.mu.Lock()
	list := make([]*state, 0, len(e.states))
	for _, st := range e.states {
		switch {
		case st.live:
			list = append(list, st)
		case len(st.pending) < maxPending:
			st.pending = append(st.pending, o)
		}
	}
	if len(e.states) == 0 && !e.everLive && len(e.early) < maxPending {
		e.early = append(e.early, o)
	}
	e.mu.Unlock()
	for _, st := range list {
		st.s.Post(func() { deliver(st.s, o) })
	}
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
	for _, o := range pending {
		deliver(s, o)
	}
}

func (e *Env) open(s *runtime.Script) {
	e.mu.Lock()
	e.seq++
	e.states[s] = &state{s: s, seq: e.seq, pending: append([]tdconv.Object(nil), e.early...)}
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
