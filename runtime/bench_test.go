package runtime

import (
	"context"
	"io"
	"log/slog"
	goruntime "runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/tl"
	lua "github.com/yuin/gopher-lua"
)

func quietConfig(cfg Config) Config {
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	return cfg
}

// BenchmarkUpdates measures updates per second through a Lua handler that
// makes one (fake) API call per update: dispatch, conversion to Lua, a new
// coroutine, the call's encoding, the yield, the fake's answer on another
// goroutine, the resume and the result's conversion. The baseline calls
// the same handler body directly, without coroutines or the host.
func BenchmarkUpdates(b *testing.B) {
	b.Run("host", func(b *testing.B) {
		inv := &fakeInvoker{}
		h := New(quietConfig(Config{Invoker: inv, MaxQueued: 1 << 30}))
		defer h.Close()
		var handled atomic.Int64
		done := make(chan struct{}, 1)
		var want atomic.Int64
		h.AddGlobal("handled", func(L *lua.LState) int {
			if handled.Add(1) == want.Load() {
				done <- struct{}{}
			}
			return 0
		})
		path := writeScript(b, b.TempDir(), "bench.lua", `on("updateNewMessage", function(u)
			local r = messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = u.message.message}
			handled()
		end)`)
		if _, err := h.Start(path); err != nil {
			b.Fatal(err)
		}
		u := newMessage(1, "hello")
		b.ReportAllocs()
		b.ResetTimer()
		want.Store(int64(b.N))
		for range b.N {
			h.Dispatch(u)
		}
		<-done
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
	})
	b.Run("baseline", func(b *testing.B) {
		// The handler body in a plain state: the call answered in place.
		L := lua.NewState()
		defer L.Close()
		inv := &fakeInvoker{}
		if err := bindings.Open(L, directCaller{inv}); err != nil {
			b.Fatal(err)
		}
		fn, err := L.LoadString(`return function(u)
			local r = messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = u.message.message}
		end`)
		if err != nil {
			b.Fatal(err)
		}
		L.Push(fn)
		L.Call(0, 1)
		handler := L.Get(-1)
		u := newMessage(1, "hello")
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if err := L.CallByParam(lua.P{Fn: handler, Protect: true}, bindings.Push(L, u.Object)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
	})
}

// directCaller answers calls synchronously, for the baseline.
type directCaller struct{ inv *fakeInvoker }

func (c directCaller) Call(L *lua.LState, req tl.Object, conv bindings.ResultFunc) int {
	q, err := tl.Encode(req)
	if err != nil {
		L.RaiseError("%v", err)
	}
	res, err := c.inv.Invoke(context.Background(), q)
	if err != nil {
		L.RaiseError("%v", err)
	}
	v, err := conv(L, tl.NewDecoder(res))
	if err != nil {
		L.RaiseError("%v", err)
	}
	L.Push(v)
	return 1
}

// BenchmarkIdleScript measures the memory and creation time of an idle
// script: a state with the libraries, the API namespaces and one handler.
func BenchmarkIdleScript(b *testing.B) {
	h := New(quietConfig(Config{Invoker: &fakeInvoker{}}))
	defer h.Close()
	path := writeScript(b, b.TempDir(), "idle.lua", `on("updateNewMessage", function(u) end)`)
	var before, after goruntime.MemStats
	goruntime.GC()
	goruntime.ReadMemStats(&before)
	b.ResetTimer()
	for range b.N {
		if _, err := h.Start(path); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	time.Sleep(50 * time.Millisecond) // the main chunks run
	goruntime.GC()
	goruntime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(b.N), "heap-bytes/script")
}

// BenchmarkReload measures the time from saving a script to its new
// handler being live, with the default 50 ms debounce.
func BenchmarkReload(b *testing.B) {
	live := make(chan int, 1)
	h := New(quietConfig(Config{Invoker: &fakeInvoker{}, Watch: true}))
	defer h.Close()
	h.AddGlobal("loaded", func(L *lua.LState) int {
		live <- L.CheckInt(1)
		return 0
	})
	dir := b.TempDir()
	src := func(v int) string {
		return `on("updateNewMessage", function(u) end)
loaded(` + strconv.Itoa(v) + `)`
	}
	path := writeScript(b, dir, "bot.lua", src(0))
	if _, err := h.Start(path); err != nil {
		b.Fatal(err)
	}
	<-live
	var total time.Duration
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		start := time.Now()
		replace(b, path, src(i))
		for v := <-live; v != i; v = <-live {
		}
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/reload")
}
