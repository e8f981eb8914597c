package tdcli

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
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

// benchRounds is how many times the two bots take turns.
const benchRounds = 4

// BenchmarkEcho measures updates per second handled by an echo bot: a user
// message delivered to the script and answered with a message the user
// gets, from 8 users, 16 in flight. It runs the bot written with
// messages.sendMessage on the runtime (testdata/bench_plain.lua) and the
// same bot written for tdcli (testdata/echo.lua: tdcli_update_callback and
// SendMessage), each on a sandbox of its own, taking turns in rounds so
// that both see the same load of the machine; b.N messages go to each. It
// reports both rates and the tdcli one as a percentage of the other.
// (ns/op includes the setting up of both; read the rates.)
func BenchmarkEcho(b *testing.B) {
	plain := newEchoRig(b, false)
	td := newEchoRig(b, true)
	b.ResetTimer()
	var tPlain, tTD time.Duration
	sent := 0
	for r := range benchRounds {
		n := (b.N - sent) / (benchRounds - r)
		sent += n
		if n == 0 {
			continue
		}
		tPlain += plain.round(n)
		tTD += td.round(n)
	}
	rPlain := float64(b.N) / tPlain.Seconds()
	rTD := float64(b.N) / tTD.Seconds()
	b.ReportMetric(rPlain, "plain-updates/s")
	b.ReportMetric(rTD, "tdcli-updates/s")
	b.ReportMetric(100*rTD/rPlain, "%plain")
}

// An echoRig is an echo bot on a sandbox with the users who talk to it.
type echoRig struct {
	b       *testing.B
	users   []*testAccount
	peers   []api.InputPeerClass
	answers chan struct{} // one per answer a user got
	next    int           // the number of the next message
}

func newEchoRig(b *testing.B, tdcliBot bool) *echoRig {
	w := newWorld(b)
	bot := w.bot("bench")
	rig := &echoRig{b: b, answers: make(chan struct{}, b.N+benchSenders)}
	for i := 0; i < benchSenders; i++ {
		rig.users = append(rig.users, w.user(fmt.Sprintf("Sender%d", i), fmt.Sprintf("sender%d_user", i)))
	}
	logger := slog.New(slog.DiscardHandler)
	host := runtime.New(runtime.Config{Invoker: bot.c, Logger: logger, MaxQueued: 1 << 20, MaxTasks: 1 << 20,
		Prepare: func(L *lua.LState) { bindings.SetHooks(L, clientlib.Resolver{C: bot.c}.Hooks()) }})
	b.Cleanup(func() { host.Close() })
	script := "bench_plain.lua"
	if tdcliBot {
		env, err := New(Config{Client: bot.c, DataDir: b.TempDir(), Logger: logger})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { env.Close() })
		env.Install(host)
		bot.handler.set(env)
		if err := env.Start(context.Background()); err != nil {
			b.Fatal(err)
		}
		script = "echo.lua"
	} else {
		bot.handler.set(clientlib.Updates(host))
	}
	b.Cleanup(func() { bot.handler.set(nil) })
	if _, err := host.Start(filepath.Join("testdata", script)); err != nil {
		b.Fatal(err)
	}
	for _, u := range rig.users {
		u.handler.set(client.UpdateHandlerFunc(func(_ context.Context, up client.Update) {
			if x, ok := up.Update.(*api.UpdateNewMessage); ok {
				if m, ok := x.Message.(*api.Message); ok && !m.Out {
					rig.answers <- struct{}{}
				}
			}
		}))
		rig.peers = append(rig.peers, u.peer(b, "@"+bot.info.Username))
	}
	rig.round(len(rig.users)) // the bot learns the senders
	return rig
}

// round sends n messages and returns the time until every answer came.
func (rig *echoRig) round(n int) time.Duration {
	b := rig.b
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	sem := make(chan struct{}, 16)
	var sends sync.WaitGroup
	for range n {
		sem <- struct{}{}
		i := rig.next
		rig.next++
		u, p := rig.users[i%len(rig.users)], rig.peers[i%len(rig.users)]
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
	for got := 0; got < n; got++ {
		select {
		case <-rig.answers:
		case <-ctx.Done():
			b.Fatalf("%d of %d answers", got, n)
		}
	}
	return time.Since(start)
}
