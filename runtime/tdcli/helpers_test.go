package tdcli

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/runtime/clientlib"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/settings"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// A testWorld is a sandbox with accounts on it.
type testWorld struct {
	t   testing.TB
	sb  *sandbox.Sandbox
	set *settings.Settings
	n   int
}

func newWorld(t testing.TB) *testWorld {
	sb := sandboxtest.Start(t, 1)
	return &testWorld{t: t, sb: sb, set: sandboxtest.Settings(sb)}
}

// A testAccount is a logged-in client of the sandbox.
type testAccount struct {
	info    sandbox.UserInfo
	c       *client.Client
	handler *forward
}

// forward passes a client's updates to a handler set later.
type forward struct {
	mu sync.Mutex
	h  client.UpdateHandler
}

func (f *forward) HandleUpdate(ctx context.Context, u client.Update) {
	f.mu.Lock()
	h := f.h
	f.mu.Unlock()
	if h != nil {
		h.HandleUpdate(ctx, u)
	}
}

func (f *forward) set(h client.UpdateHandler) {
	f.mu.Lock()
	f.h = h
	f.mu.Unlock()
}

// user creates and logs in a user.
func (w *testWorld) user(first, username string) *testAccount {
	w.t.Helper()
	w.n++
	phone := fmt.Sprintf("99966100%02d", w.n)
	info, err := w.sb.CreateUser(phone, first, "", username, "")
	if err != nil {
		w.t.Fatal(err)
	}
	a := w.client()
	ctx := context.Background()
	if _, err := a.c.PhoneLogin(ctx, info.Phone); err != nil {
		w.t.Fatal(err)
	}
	if _, err := a.c.CompletePhoneLogin(ctx, info.Code); err != nil {
		w.t.Fatal(err)
	}
	a.info = info
	if err := a.c.StartUpdates(ctx); err != nil {
		w.t.Fatal(err)
	}
	return a
}

// bot creates and logs in a bot.
func (w *testWorld) bot(name string) *testAccount {
	w.t.Helper()
	info, err := w.sb.CreateBot(name)
	if err != nil {
		w.t.Fatal(err)
	}
	a := w.client()
	if _, err := a.c.BotLogin(context.Background(), info.Token); err != nil {
		w.t.Fatal(err)
	}
	a.info = info
	if err := a.c.StartUpdates(context.Background()); err != nil {
		w.t.Fatal(err)
	}
	return a
}

func (w *testWorld) client() *testAccount {
	f := &forward{}
	c, err := client.New(client.Config{Settings: w.set, Handler: f})
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { c.Close() })
	return &testAccount{c: c, handler: f}
}

// call invokes an API method on the account.
func call[R any](t testing.TB, a *testAccount, m tl.Method[R]) R {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := client.Call(ctx, a.c, m)
	if err != nil {
		t.Fatalf("%s: %v", m.TypeName(), err)
	}
	return r
}

// peer resolves a peer for the account.
func (a *testAccount) peer(t testing.TB, v any) api.InputPeerClass {
	t.Helper()
	p, err := a.c.InputPeer(context.Background(), v)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (a *testAccount) inputUser(t testing.TB, v any) api.InputUserClass {
	t.Helper()
	u, err := a.c.InputUser(context.Background(), v)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// say sends a text message.
func (a *testAccount) say(t testing.TB, to any, text string) {
	t.Helper()
	call(t, a, &api.MessagesSendMessageRequest{Peer: a.peer(t, to), Message: text, RandomID: rand.Int64()})
}

// A scriptRun is a tdcli script running on an account, with the globals
// tests use: done() ends the test, fail(msg) fails it, step(name, …)
// asks the Go side to act and returns what it answers.
type scriptRun struct {
	t      testing.TB
	host   *runtime.Host
	env    *Env
	done   chan struct{}
	failed chan string
	out    *syncBuffer
	steps  map[string]func(args []lua.LValue) any
	mu     sync.Mutex
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runConfig adjusts the Env of a run.
type runConfig struct {
	redis   string
	dataDir string
	sandbox bool
	stdin   string
	// watch reloads the script when its files change (quickly: the
	// debounce is short); events then receives every Reloaded and
	// ReloadFailed event.
	watch  bool
	events chan runtime.Event
}

// start runs the script file (in testdata, or a path) on the account.
func (a *testAccount) start(t testing.TB, script string, rc runConfig, steps map[string]func([]lua.LValue) any) *scriptRun {
	t.Helper()
	return startScript(t, a, script, rc, steps)
}

// startScript runs a script on an account, or without one (a nil
// account: the Lua world alone, no tdcli_function calls).
func startScript(t testing.TB, a *testAccount, script string, rc runConfig, steps map[string]func([]lua.LValue) any) *scriptRun {
	t.Helper()
	if rc.dataDir == "" {
		rc.dataDir = t.TempDir()
	}
	r := &scriptRun{t: t, done: make(chan struct{}), failed: make(chan string, 16), out: &syncBuffer{}, steps: steps}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	var c *client.Client
	if a != nil {
		c = a.c
	}
	env, err := New(Config{Client: c, DataDir: rc.dataDir, Redis: rc.redis, Sandbox: rc.sandbox,
		Stdin: strings.NewReader(rc.stdin), Stdout: r.out, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	r.env = env
	cfg := runtime.Config{Logger: logger, ResumeTimeout: 20 * time.Second}
	if rc.watch {
		cfg.Watch, cfg.Debounce = true, 10*time.Millisecond
	}
	if c != nil {
		resolver := clientlib.Resolver{C: c}
		cfg.Invoker = c
		cfg.Prepare = func(L *lua.LState) { bindings.SetHooks(L, resolver.Hooks()) }
	}
	cfg.OnEvent = func(ev runtime.Event) {
		if rc.events != nil && (ev.Kind == runtime.Reloaded || ev.Kind == runtime.ReloadFailed) {
			rc.events <- ev
		}
		if ev.Kind == runtime.HandlerFailed || ev.Kind == runtime.Ended && ev.Err != nil {
			select {
			case r.failed <- fmt.Sprintf("%s: %v", ev.Kind, ev.Err):
			default:
			}
		}
	}
	r.host = runtime.New(cfg)
	env.Install(r.host)
	var once sync.Once
	r.host.AddGlobal("done", func(L *lua.LState) int {
		once.Do(func() { close(r.done) })
		return 0
	})
	r.host.AddGlobal("fail", func(L *lua.LState) int {
		r.failed <- L.OptString(1, "fail()")
		return 0
	})
	r.host.AddGlobal("step", func(L *lua.LState) int {
		name := L.CheckString(1)
		var args []lua.LValue
		for i := 2; i <= L.GetTop(); i++ {
			args = append(args, L.Get(i))
		}
		fn := r.steps[name]
		if fn == nil {
			L.RaiseError("no step %q", name)
		}
		return runtime.ScriptOf(L).Await(L, "step "+name, func(context.Context) runtime.Finish {
			v := fn(args)
			return func(L *lua.LState) (lua.LValue, error) { return goToLua(L, v), nil }
		})
	})
	if a != nil {
		a.handler.set(env)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := env.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	path := script
	if !filepath.IsAbs(path) && !strings.Contains(path, "/") {
		path = filepath.Join("testdata", script)
	}
	if _, err := r.host.Start(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a != nil {
			a.handler.set(nil)
		}
		r.host.Close()
		env.Close()
	})
	return r
}

// wait waits for done() or a failure.
func (r *scriptRun) wait(timeout time.Duration) {
	r.t.Helper()
	select {
	case <-r.done:
	case msg := <-r.failed:
		r.t.Fatalf("script failed: %s\noutput:\n%s", msg, r.out.String())
	case <-time.After(timeout):
		r.t.Fatalf("script did not finish within %v\noutput:\n%s", timeout, r.out.String())
	}
	select {
	case msg := <-r.failed:
		r.t.Fatalf("script failed: %s\noutput:\n%s", msg, r.out.String())
	default:
	}
}

// goToLua converts what a step returns.
func goToLua(L *lua.LState, v any) lua.LValue {
	switch x := v.(type) {
	case nil:
		return lua.LNil
	case bool:
		return lua.LBool(x)
	case int:
		return lua.LNumber(x)
	case int32:
		return lua.LNumber(x)
	case int64:
		return lua.LNumber(x)
	case float64:
		return lua.LNumber(x)
	case string:
		return lua.LString(x)
	case []any:
		t := L.CreateTable(len(x), 0)
		for _, e := range x {
			t.Append(goToLua(L, e))
		}
		return t
	case map[string]any:
		t := L.CreateTable(0, len(x))
		for k, e := range x {
			t.RawSetString(k, goToLua(L, e))
		}
		return t
	}
	return lua.LString(fmt.Sprint(v))
}

// messagesOf returns the messages of a messages.Messages answer.
func messagesOf(res api.MessagesMessagesClass) []api.MessageClass {
	switch x := res.(type) {
	case *api.MessagesMessages:
		return x.Messages
	case *api.MessagesMessagesSlice:
		return x.Messages
	case *api.MessagesChannelMessages:
		return x.Messages
	}
	return nil
}
