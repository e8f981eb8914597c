package tdcli

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/runtime/clientlib"
	"github.com/luagram/luagram/tl/api"
)

// benchSenders is how many users talk to the bot at once.
const benchSenders = 8

// BenchmarkEcho measures updates per second handled by an echo bot: a user
// message delivered to the script and answered with a message the user
// gets, b.N of them from 8 users, 16 in flight. It runs the bot written
// with messages.sendMessage on the runtime (testdata/bench_plain.lua),
// then the same bot written for tdcli (testdata/echo.lua:
// tdcli_update_callback and SendMessage), each on a fresh sandbox, and
// reports both rates and the tdcli one as a percentage of the other.
// (ns/op includes the setting up of both; read the rates.)
func BenchmarkEcho(b *testing.B) {
	plain := benchEcho(b, false)
	td := benchEcho(b, true)
	b.ReportMetric(plain, "plain-updates/s")
	b.ReportMetric(td, "tdcli-updates/s")
	b.ReportMetric(100*td/plain, "%plain")
}

func benchEcho(b *testing.B, tdcliBot bool) float64 {
	w := newWorld(b)
	bot := w.bot("bench")
	var users []*testAccount
	for i := 0; i < benchSenders; i++ {
		users = append(users, w.user(fmt.Sprintf("Sender%d", i), fmt.Sprintf("sender%d_user", i)))
	}
	logger := slog.New(slog.DiscardHandler)
	host := runtime.New(runtime.Config{Invoker: bot.c, Logger: logger, MaxQueued: 1 << 20, MaxTasks: 1 << 20,
		Prepare: func(L *lua.LState) { bindings.SetHooks(L, clientlib.Resolver{C: bot.c}.Hooks()) }})
	defer host.Close()
	script := "bench_plain.lua"
	if tdcliBot {
		env, err := New(Config{Client: bot.c, DataDir: b.TempDir(), Logger: logger})
		if err != nil {
			b.Fatal(err)
		}
		defer env.Close()
		env.Install(host)
		bot.handler.set(env)
		if err := env.Start(context.Background()); err != nil {
			b.Fatal(err)
		}
		script = "echo.lua"
	} else {
		bot.handler.set(clientlib.Updates(host))
	}
	defer bot.handler.set(nil)
	if _, err := host.Start(filepath.Join("testdata", script)); err != nil {
		b.Fatal(err)
	}
	var answered atomic.Int64
	done := make(chan struct{})
	var once sync.Once
	for _, u := range users {
		u.handler.set(client.UpdateHandlerFunc(func(_ context.Context, up client.Update) {
			var m api.MessageClass
			switch x := up.Update.(type) {
			case *api.UpdateNewMessage:
				m = x.Message
			}
			if x, ok := m.(*api.Message); ok && !x.Out {
				if answered.Add(1) == int64(b.N) {
					once.Do(func() { close(done) })
				}
			}
		}))
	}
	peers := make([]api.InputPeerClass, len(users))
	for i, u := range users {
		peers[i] = u.peer(b, "@"+bot.info.Username)
		u.say(b, "@"+bot.info.Username, "warm up") // the bot learns the sender
	}
	deadline := time.Now().Add(10 * time.Second)
	for answered.Load() < int64(len(users)) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	answered.Store(0)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	b.ResetTimer()
	start := time.Now()
	sem := make(chan struct{}, 16)
	var sends sync.WaitGroup
	for i := 0; i < b.N; i++ {
		sem <- struct{}{}
		u, p := users[i%len(users)], peers[i%len(users)]
		sends.Add(1)
		go func() {
			defer sends.Done()
			defer func() { <-sem }()
			if _, err := client.Call(ctx, u.c, &api.MessagesSendMessageRequest{Peer: p, Message: fmt.Sprintf("m%d", i), RandomID: int64(i + 1)}); err != nil {
				b.Error(err)
			}
		}()
	}
	defer sends.Wait()
	select {
	case <-done:
	case <-ctx.Done():
		b.Fatalf("%d of %d answers", answered.Load(), b.N)
	}
	return float64(b.N) / time.Since(start).Seconds()
}
