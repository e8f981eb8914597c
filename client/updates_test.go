package client_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

// collector records the text of every new message, per chat, in order.
type collector struct {
	mu     sync.Mutex
	byChat map[string][]string
	notify chan struct{}
}

func newCollector() *collector {
	return &collector{byChat: map[string][]string{}, notify: make(chan struct{}, 1)}
}

func chatKey(p api.PeerClass) string {
	switch x := p.(type) {
	case *api.PeerUser:
		return fmt.Sprintf("user%d", x.UserID)
	case *api.PeerChat:
		return fmt.Sprintf("chat%d", x.ChatID)
	case *api.PeerChannel:
		return fmt.Sprintf("channel%d", x.ChannelID)
	}
	return "?"
}

func (c *collector) HandleUpdate(_ context.Context, u client.Update) {
	var m api.MessageClass
	switch x := u.Update.(type) {
	case *api.UpdateNewMessage:
		m = x.Message
	case *api.UpdateNewChannelMessage:
		m = x.Message
	default:
		return
	}
	msg, ok := m.(*api.Message)
	if !ok || msg.Out {
		return
	}
	c.mu.Lock()
	k := chatKey(msg.PeerID)
	c.byChat[k] = append(c.byChat[k], msg.Message)
	c.mu.Unlock()
	select {
	case c.notify <- struct{}{}:
	default:
	}
}

// waitFor waits until every chat has its last expected message.
func (c *collector) waitFor(t *testing.T, want map[string][]string) {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		c.mu.Lock()
		done := true
		for k, msgs := range want {
			got := c.byChat[k]
			if len(got) == 0 || got[len(got)-1] != msgs[len(msgs)-1] {
				done = false
			}
		}
		c.mu.Unlock()
		if done {
			return
		}
		select {
		case <-c.notify:
		case <-time.After(200 * time.Millisecond):
		case <-deadline:
			c.mu.Lock()
			defer c.mu.Unlock()
			for k, msgs := range want {
				t.Logf("%s: got %d of %d", k, len(c.byChat[k]), len(msgs))
			}
			t.Fatal("timed out waiting for messages")
		}
	}
}

func (c *collector) check(t *testing.T, want map[string][]string) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, msgs := range want {
		got := c.byChat[k]
		if len(got) != len(msgs) {
			t.Errorf("%s: %d messages, want %d", k, len(got), len(msgs))
			continue
		}
		for i := range msgs {
			if got[i] != msgs[i] {
				t.Errorf("%s: message %d is %q, want %q (order or duplicate)", k, i, got[i], msgs[i])
				break
			}
		}
	}
}

func send(t *testing.T, c *client.Client, peer any, text string) {
	t.Helper()
	in, err := c.InputPeer(ctx(t), peer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Call(ctx(t), c, &api.MessagesSendMessageRequest{Peer: in, Message: text, RandomID: time.Now().UnixNano()}); err != nil {
		t.Fatalf("sending %q: %v", text, err)
	}
}

func TestMessagesWhileStopped(t *testing.T) {
	n := 500
	if testing.Short() {
		n = 150
	}
	sb := sandboxtest.Start(t, 3)
	sb.CreateUser("9996610010", "Xena", "", "xena_sandbox", "")
	sb.CreateUser("9996610011", "Abe", "", "", "")
	path := filepath.Join(t.TempDir(), "x.session")
	x := newClient(t, sb, path, nil)
	loginUser(t, x, "9996610010")
	if err := x.StartUpdates(ctx(t)); err != nil {
		t.Fatal(err)
	}
	x.Close()

	a := newClient(t, sb, "", nil)
	loginUser(t, a, "9996610011")
	want := map[string][]string{}
	key := ""
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("while away %d", i)
		send(t, a, "@xena_sandbox", text)
		if key == "" {
			key = fmt.Sprintf("user%d", a.Self().ID)
		}
		want[key] = append(want[key], text)
	}
	col := newCollector()
	x2 := newClient(t, sb, path, col)
	if err := x2.StartUpdates(ctx(t)); err != nil {
		t.Fatal(err)
	}
	col.waitFor(t, want)
	col.check(t, want)
}

func TestDroppedUpdatesRecovered(t *testing.T) {
	perChat := 30
	sb := sandboxtest.Start(t, 3)
	sb.CreateUser("9996610020", "Xia", "", "xia_sandbox", "")
	sb.CreateUser("9996610021", "Ada", "", "ada_sandbox", "")
	sb.CreateUser("9996610022", "Bo", "", "bo_sandbox", "")
	col := newCollector()
	x := newClient(t, sb, "", col)
	loginUser(t, x, "9996610020")
	if err := x.StartUpdates(ctx(t)); err != nil {
		t.Fatal(err)
	}
	a := newClient(t, sb, "", nil)
	loginUser(t, a, "9996610021")
	b := newClient(t, sb, "", nil)
	loginUser(t, b, "9996610022")

	// A basic group of A and X, and three supergroups.
	xUser, _ := a.InputUser(ctx(t), "@xia_sandbox")
	bUser, _ := a.InputUser(ctx(t), "@bo_sandbox")
	created, err := client.Call(ctx(t), a, &api.MessagesCreateChatRequest{Users: []api.InputUserClass{xUser}, Title: "group"})
	if err != nil {
		t.Fatal(err)
	}
	groupID := created.Updates.(*api.Updates).Chats[0].(*api.Chat).ID
	type sender struct {
		c    *client.Client
		peer any
		key  string
	}
	senders := []sender{
		{a, "@xia_sandbox", ""},
		{b, "@xia_sandbox", ""},
		{a, -groupID, fmt.Sprintf("chat%d", groupID)},
	}
	for i := 0; i < 3; i++ {
		res, err := client.Call(ctx(t), a, &api.ChannelsCreateChannelRequest{Megagroup: true, Title: fmt.Sprintf("super %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ch := res.(*api.Updates).Chats[0].(*api.Channel)
		in := &api.InputChannel{ChannelID: ch.ID, AccessHash: ch.AccessHash.Value}
		if _, err := client.Call(ctx(t), a, &api.ChannelsInviteToChannelRequest{Channel: in, Users: []api.InputUserClass{xUser, bUser}}); err != nil {
			t.Fatal(err)
		}
		poster := a
		if i == 1 {
			poster = b
			time.Sleep(100 * time.Millisecond) // let B learn the channel from the invite push
		}
		senders = append(senders, sender{poster, -1000000000000 - ch.ID, fmt.Sprintf("channel%d", ch.ID)})
	}
	senders[0].key = fmt.Sprintf("user%d", a.Self().ID)
	senders[1].key = fmt.Sprintf("user%d", b.Self().ID)
	// B must know the channel it posts to.
	if _, err := b.GetDialogs(ctx(t)); err != nil {
		t.Fatal(err)
	}

	sb.SetUpdateDropRate(0.2)
	want := map[string][]string{}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i, s := range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < perChat; j++ {
				text := fmt.Sprintf("chat %d message %d", i, j)
				send(t, s.c, s.peer, text)
				mu.Lock()
				want[s.key] = append(want[s.key], text)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	// A last message per chat, delivered for sure, exposes any gap left at
	// the end of a sequence (a real client finds it with the next update).
	sb.SetUpdateDropRate(0)
	for i, s := range senders {
		text := fmt.Sprintf("chat %d end", i)
		send(t, s.c, s.peer, text)
		want[s.key] = append(want[s.key], text)
	}
	col.waitFor(t, want)
	time.Sleep(600 * time.Millisecond) // duplicates, if any, would arrive now
	col.check(t, want)
}

var _ = sandbox.Config{}
