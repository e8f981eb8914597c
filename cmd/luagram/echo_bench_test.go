package main

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

// counter counts the bot's answers.
type counter struct {
	mu   sync.Mutex
	n    int
	want int
	done chan struct{}
}

func (c *counter) HandleUpdate(_ context.Context, u client.Update) {
	if nm, ok := u.Update.(*api.UpdateNewMessage); ok {
		if m, ok := nm.Message.(*api.Message); ok && !m.Out {
			c.mu.Lock()
			c.n++
			if c.n == c.want {
				close(c.done)
			}
			c.mu.Unlock()
		}
	}
}

// drive sends n messages from user to bot, 16 at a time, and waits for n
// answers.
func drive(b *testing.B, user *client.Client, bot string, c *counter) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	peer, err := user.InputPeer(ctx, bot)
	if err != nil {
		b.Fatal(err)
	}
	sem := make(chan struct{}, 16)
	for i := 0; i < c.want; i++ {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			if _, err := client.Call(ctx, user, &api.MessagesSendMessageRequest{Peer: peer, Message: fmt.Sprintf("m%d", i), RandomID: int64(i + 1)}); err != nil {
				b.Error(err)
			}
		}()
	}
	select {
	case <-c.done:
	case <-ctx.Done():
		b.Fatalf("%d of %d answers", c.n, c.want)
	}
}

// BenchmarkEcho compares the echo bot written in Lua (lua/examples/echo.lua
// on the runtime) with the same bot written in Go directly on the client,
// through the same sandbox in the same run: updates handled per second.
// All messages come from one user, and the runtime handles the updates of
// one chat in order, one handler after the other: go-ordered is the Go bot
// with that guarantee (the like-for-like baseline), go answers every
// message at once on a goroutine of its own.
func BenchmarkEcho(b *testing.B) {
	b.Run("lua", func(b *testing.B) {
		c := &counter{want: b.N, done: make(chan struct{})}
		user, bot, stop := echoSetup(b, c)
		defer stop()
		b.ResetTimer()
		drive(b, user, bot, c)
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
	})
	b.Run("go", func(b *testing.B) { benchGoEcho(b, false) })
	b.Run("go-ordered", func(b *testing.B) { benchGoEcho(b, true) })
}

// benchGoEcho runs the echo bot in Go; ordered answers one message after
// the other, as the runtime does within a chat.
func benchGoEcho(b *testing.B, ordered bool) {
	c := &counter{want: b.N, done: make(chan struct{})}
	sb := sandboxtest.Start(b, 3)
	bt, _ := sb.CreateBot("goecho")
	u, _ := sb.CreateUser("9996610061", "Tester", "", "", "")
	ctx := context.Background()
	var botClient *client.Client
	var err error
	// The user counts an answer when the server pushes it, which may be
	// before the bot's call returns: the bot's calls end before it
	// closes.
	var replies sync.WaitGroup
	answer := func(ctx context.Context, m *api.Message) {
		peer, err := botClient.InputPeer(ctx, m.PeerID)
		if err == nil {
			_, err = client.Call(ctx, botClient, &api.MessagesSendMessageRequest{Peer: peer, Message: m.Message, RandomID: time.Now().UnixNano()})
		}
		if err != nil {
			b.Error(err)
		}
	}
	// ordered: one worker answers the messages in turn, as the runtime
	// runs one chat's handlers.
	queue := make(chan *api.Message, 1<<16)
	defer close(queue)
	go func() {
		for m := range queue {
			answer(ctx, m)
			replies.Done()
		}
	}()
	botClient, err = client.New(client.Config{Settings: sandboxtest.Settings(sb), Handler: client.UpdateHandlerFunc(func(ctx context.Context, up client.Update) {
		nm, ok := up.Update.(*api.UpdateNewMessage)
		if !ok {
			return
		}
		m, ok := nm.Message.(*api.Message)
		if !ok || m.Out {
			return
		}
		replies.Add(1)
		if ordered {
			queue <- m
			return
		}
		go func() {
			defer replies.Done()
			answer(ctx, m)
		}()
	})})
	if err != nil {
		b.Fatal(err)
	}
	defer botClient.Close()
	defer replies.Wait()
	if _, err := botClient.BotLogin(ctx, bt.Token); err != nil {
		b.Fatal(err)
	}
	if err := botClient.StartUpdates(ctx); err != nil {
		b.Fatal(err)
	}
	user, err := client.New(client.Config{Settings: sandboxtest.Settings(sb), Handler: c})
	if err != nil {
		b.Fatal(err)
	}
	defer user.Close()
	user.PhoneLogin(ctx, u.Phone)
	if _, err := user.CompletePhoneLogin(ctx, u.Code); err != nil {
		b.Fatal(err)
	}
	if err := user.StartUpdates(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	drive(b, user, "@"+bt.Username, c)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}
