package client_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

// inbox hands over the incoming messages of a client.
type inbox chan *api.Message

func (in inbox) HandleUpdate(_ context.Context, u client.Update) {
	if x, ok := u.Update.(*api.UpdateNewMessage); ok {
		if m, ok := x.Message.(*api.Message); ok && !m.Out {
			in <- m
		}
	}
}

func describeEntities(es []api.MessageEntityClass) string {
	var parts []string
	for _, e := range es {
		switch x := e.(type) {
		case *api.MessageEntityBotCommand:
			parts = append(parts, fmt.Sprintf("botCommand %d+%d", x.Offset, x.Length))
		case *api.MessageEntityMention:
			parts = append(parts, fmt.Sprintf("mention %d+%d", x.Offset, x.Length))
		case *api.MessageEntityURL:
			parts = append(parts, fmt.Sprintf("url %d+%d", x.Offset, x.Length))
		default:
			parts = append(parts, e.TypeName())
		}
	}
	return strings.Join(parts, ", ")
}

// A message sent without entities reaches a bot with the entities the
// server found in it, as Telegram's servers do, and the sender's answer
// carries them too.
func TestPlainTextEntitiesReachBot(t *testing.T) {
	sb := sandboxtest.Start(t, 3)
	bot, err := sb.CreateBot("greeter")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sb.CreateUser("9996610040", "Eve", "", "", ""); err != nil {
		t.Fatal(err)
	}
	got := make(inbox, 4)
	b := newClient(t, sb, "", got)
	if _, err := b.BotLogin(ctx(t), bot.Token); err != nil {
		t.Fatal(err)
	}
	if err := b.StartUpdates(ctx(t)); err != nil {
		t.Fatal(err)
	}
	a := newClient(t, sb, "", nil)
	loginUser(t, a, "9996610040")
	peer, err := a.InputPeer(ctx(t), "@"+bot.Username)
	if err != nil {
		t.Fatal(err)
	}

	const text = "/start hello @someone https://example.com"
	const want = "botCommand 0+6, mention 13+8, url 22+19"
	res, err := client.Call(ctx(t), a, &api.MessagesSendMessageRequest{Peer: peer, Message: text, RandomID: 1})
	if err != nil {
		t.Fatal(err)
	}
	// A private text message is answered in the short form, which brings
	// the entities the server found.
	short, ok := res.(*api.UpdateShortSentMessage)
	if !ok {
		t.Fatalf("the answer is %T, want updateShortSentMessage", res)
	}
	if d := describeEntities(short.Entities); d != want {
		t.Errorf("the answer has entities %s, want %s", d, want)
	}

	select {
	case m := <-got:
		if m.Message != text {
			t.Fatalf("the bot got %q, want %q", m.Message, text)
		}
		if d := describeEntities(m.Entities); d != want {
			t.Errorf("the bot got entities %s, want %s", d, want)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the bot got no message")
	}
}
