package runtime

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/bindings"
	lua "github.com/yuin/gopher-lua"
)

// A harness runs scripts in a Host with the fake invoker and the test
// globals:
//
//	emit(update)        dispatches update (a table naming an Update constructor)
//	handler_errors()    returns the messages of the handler errors reported
//	                    since the last call, and forgets them
//
// Handler errors a script does not collect fail the test.
type harness struct {
	t      testing.TB
	h      *Host
	inv    *fakeInvoker
	mu     sync.Mutex
	errs   []string
	events []Event
	onEv   func(Event)
}

func newHarness(t testing.TB, cfg Config) *harness {
	t.Helper()
	hs := &harness{t: t, inv: &fakeInvoker{}}
	if cfg.Invoker == nil {
		cfg.Invoker = hs.inv
	}
	if cfg.Logger == nil {
		cfg.Logger = testLogger(t)
	}
	user := cfg.OnEvent
	cfg.OnEvent = func(e Event) {
		hs.mu.Lock()
		hs.events = append(hs.events, e)
		if e.Kind == HandlerFailed {
			hs.errs = append(hs.errs, e.Err.(*ScriptError).Message)
		}
		f := hs.onEv
		hs.mu.Unlock()
		if user != nil {
			user(e)
		}
		if f != nil {
			f(e)
		}
	}
	hs.h = New(cfg)
	hs.h.AddGlobal("emit", func(L *lua.LState) int {
		o, err := bindings.Check(L, L.CheckTable(1), "Update")
		if err != nil {
			L.RaiseError("emit: %v", err)
		}
		hs.h.Dispatch(Update{Name: o.TypeName(), Object: o})
		return 0
	})
	hs.h.AddGlobal("handler_errors", func(L *lua.LState) int {
		hs.mu.Lock()
		errs := hs.errs
		hs.errs = nil
		hs.mu.Unlock()
		t := L.CreateTable(len(errs), 0)
		for i, e := range errs {
			t.RawSetInt(i+1, lua.LString(e))
		}
		L.Push(t)
		return 1
	})
	t.Cleanup(func() { hs.h.Close() })
	return hs
}

// testLogger logs through t when -v is given.
func testLogger(t testing.TB) *slog.Logger {
	if !testing.Verbose() {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return slog.New(slog.NewTextHandler(tlogWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tlogWriter struct{ t testing.TB }

func (w tlogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// wait waits for the host's scripts to end, at most d.
func (hs *harness) wait(d time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- hs.h.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		for _, st := range hs.h.Scripts() {
			if st.Running {
				hs.t.Errorf("%s still running after %v", st.Name, d)
			}
		}
		return errors.New("timeout")
	}
}

// TestLua runs every testdata/*.lua file; each must end without error and
// without uncollected handler errors.
func TestLua(t *testing.T) {
	files, err := filepath.Glob("testdata/*.lua")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Lua tests: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".lua"), func(t *testing.T) {
			t.Parallel()
			hs := newHarness(t, Config{ResumeTimeout: 2 * time.Second})
			if _, err := hs.h.Start(file); err != nil {
				t.Fatal(err)
			}
			if err := hs.wait(20 * time.Second); err != nil {
				t.Fatal(err)
			}
			for _, e := range hs.errs {
				t.Errorf("handler error not collected by the script: %s", e)
			}
		})
	}
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}
