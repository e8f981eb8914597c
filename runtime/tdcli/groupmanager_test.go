package tdcli

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/tdconv"
	"github.com/luagram/luagram/tl/api"
)

// TestGroupManager runs testdata/groupmanager, a group manager written
// for tdcli, in a supergroup: it answers commands, deletes links and
// warns, kicks after two warnings (counted in Redis), and pins the message
// an admin replies to. Its Redis is the embedded store (which must keep
// its data across a restart), then a real redis-server.
func TestGroupManager(t *testing.T) {
	t.Run("embedded", func(t *testing.T) {
		dataDir := t.TempDir()
		g := newGroupManager(t)
		g.run(t, runConfig{dataDir: dataDir})
		stats := g.afterRestart(t, runConfig{dataDir: dataDir})
		if stats != "messages: 8" {
			// The admin sent 7 messages before the restart and /stats after.
			t.Errorf("after a restart: got %q, want messages: 8 (the count kept in redis.json)", stats)
		}
		data, err := os.ReadFile(filepath.Join(dataDir, "redis.json"))
		if err != nil {
			t.Fatal(err)
		}
		var dbs map[string]map[string]*entry
		if err := json.Unmarshal(data, &dbs); err != nil {
			t.Fatal(err)
		}
		banned := dbs["1"][fmt.Sprintf("banned:%d", g.chat)]
		if banned == nil || !banned.Set[fmt.Sprint(g.spammer.info.ID)] {
			t.Errorf("redis.json db 1: banned set %+v lacks the spammer", banned)
		}
	})
	t.Run("redis-server", func(t *testing.T) {
		addr := redisServer(t)
		g := newGroupManager(t)
		g.run(t, runConfig{redis: addr})
		c, err := dialRedis(addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.close()
		c.do([]string{"SELECT", "1"})
		r, _ := c.do([]string{"SISMEMBER", fmt.Sprintf("banned:%d", g.chat), fmt.Sprint(g.spammer.info.ID)})
		if r.kind != ':' || r.n != 1 {
			t.Errorf("SISMEMBER banned:… spammer: got %+v, want 1", r)
		}
		r, _ = c.do([]string{"HGET", fmt.Sprintf("settings:%d", g.chat), "max_warns"})
		if r.str != "5" {
			t.Errorf("HGET settings max_warns: got %+v, want 5", r)
		}
	})
}

type groupManager struct {
	w                  *testWorld
	me, admin, spammer *testAccount
	chat               int64 // TD chat id of the supergroup
	channel            int64
	dir                string
	mu                 sync.Mutex
	seen               []string
	wake               chan struct{}
	run_               *scriptRun
}

func newGroupManager(t *testing.T) *groupManager {
	w := newWorld(t)
	g := &groupManager{w: w, wake: make(chan struct{}, 1)}
	g.me = w.user("Manager", "manager_user")
	g.admin = w.user("Admin", "admin_user")
	g.spammer = w.user("Spammer", "spammer_user")
	g.admin.handler.set(client.UpdateHandlerFunc(g.onAdminUpdate))
	res := call(t, g.me, &api.ChannelsCreateChannelRequest{Title: "Managed", Megagroup: true})
	g.channel = res.(*api.Updates).Chats[0].(*api.Channel).ID
	g.chat = tdconv.ChannelChatID(g.channel)
	ch, err := g.me.c.InputChannel(context.Background(), g.chat)
	if err != nil {
		t.Fatal(err)
	}
	call(t, g.me, &api.ChannelsInviteToChannelRequest{Channel: ch, Users: []api.InputUserClass{
		g.me.inputUser(t, "@admin_user"), g.me.inputUser(t, "@spammer_user")}})
	// The bot's directory, with its configuration.
	g.dir = t.TempDir()
	for _, f := range []string{"bot.lua", "lib/utils.lua"} {
		data, err := os.ReadFile(filepath.Join("testdata", "groupmanager", f))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(g.dir, f)), 0o755)
		if err := os.WriteFile(filepath.Join(g.dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := fmt.Sprintf("return { sudo_users = { %d }, max_warns = 2, redis_db = 1 }\n", g.admin.info.ID)
	if err := os.WriteFile(filepath.Join(g.dir, "config.lua"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return g
}

// onAdminUpdate records what the admin sees the manager say.
func (g *groupManager) onAdminUpdate(_ context.Context, u client.Update) {
	nm, ok := u.Update.(*api.UpdateNewChannelMessage)
	if !ok {
		return
	}
	m, ok := nm.Message.(*api.Message)
	if !ok {
		return
	}
	if from, _ := m.FromID.(*api.PeerUser); from == nil || from.UserID != g.me.info.ID {
		return
	}
	g.mu.Lock()
	g.seen = append(g.seen, m.Message)
	g.mu.Unlock()
	select {
	case g.wake <- struct{}{}:
	default:
	}
}

// expect waits for the manager to say something starting with prefix.
func (g *groupManager) expect(t *testing.T, prefix string) string {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		g.mu.Lock()
		for i, s := range g.seen {
			if strings.HasPrefix(s, prefix) {
				g.seen = append(g.seen[:i], g.seen[i+1:]...)
				g.mu.Unlock()
				return s
			}
		}
		g.mu.Unlock()
		select {
		case <-g.wake:
		case <-deadline:
			g.mu.Lock()
			defer g.mu.Unlock()
			var failures []string
			if g.run_ != nil {
			drain:
				for {
					select {
					case f := <-g.run_.failed:
						failures = append(failures, f)
					default:
						break drain
					}
				}
			}
			out := ""
			if g.run_ != nil {
				out = g.run_.out.String()
			}
			t.Fatalf("the manager did not say %q; it said %q; script errors: %q; output:\n%s", prefix, g.seen, failures, out)
		}
	}
}

// say sends a message to the group, optionally as a reply, and returns
// its id.
func (g *groupManager) say(t *testing.T, a *testAccount, text string, replyTo int32) int32 {
	t.Helper()
	req := &api.MessagesSendMessageRequest{Peer: waitPeer(t, a, g.chat), Message: text, RandomID: rand.Int64()}
	if replyTo != 0 {
		req.ReplyTo = &api.InputReplyToMessage{ReplyToMsgID: replyTo}
	}
	res := call(t, a, req)
	for _, u := range res.(*api.Updates).Updates {
		if nm, ok := u.(*api.UpdateNewChannelMessage); ok {
			return nm.Message.(*api.Message).ID
		}
	}
	return 0
}

func (g *groupManager) run(t *testing.T, rc runConfig) {
	r := g.me.start(t, filepath.Join(g.dir, "bot.lua"), rc, nil)
	g.run_ = r
	defer r.host.Close()
	g.say(t, g.admin, "/ping", 0)
	g.expect(t, "pong")
	g.say(t, g.spammer, "hello", 0)
	g.say(t, g.spammer, "hello again", 0)
	g.say(t, g.spammer, "/stats", 0)
	g.expect(t, "messages: 3")
	spam := g.say(t, g.spammer, "visit https://spam.example", 0)
	g.expect(t, "No links! Warning 1/2")
	got := call(t, g.admin, &api.ChannelsGetMessagesRequest{Channel: inputChannel(t, g.admin, g.chat),
		ID: []api.InputMessageClass{&api.InputMessageID{ID: spam}}})
	for _, m := range messagesOf(got) {
		if _, ok := m.(*api.Message); ok {
			t.Errorf("the link was not deleted")
		}
	}
	g.say(t, g.admin, fmt.Sprintf("/warns %d", g.spammer.info.ID), 0)
	g.expect(t, fmt.Sprintf("warnings of %d: 1", g.spammer.info.ID))
	g.say(t, g.spammer, "join t.me/joinchat/abcdef", 0)
	g.expect(t, fmt.Sprintf("User %d was kicked: too many links.", g.spammer.info.ID))
	p := call(t, g.admin, &api.ChannelsGetParticipantRequest{Channel: inputChannel(t, g.admin, g.chat),
		Participant: g.admin.peer(t, "@spammer_user")})
	if b, ok := p.Participant.(*api.ChannelParticipantBanned); !ok || !b.BannedRights.ViewMessages {
		t.Errorf("the spammer is %T, want banned", p.Participant)
	}
	important := g.say(t, g.admin, "read the rules", 0)
	g.say(t, g.admin, "/pin", important)
	g.expect(t, "pinned")
	full := call(t, g.admin, &api.ChannelsGetFullChannelRequest{Channel: inputChannel(t, g.admin, g.chat)})
	if id := full.FullChat.(*api.ChannelFull).PinnedMsgID; id.Value != important {
		t.Errorf("pinned: got %v, want %d", id, important)
	}
	g.say(t, g.admin, "/setwarn 5", 0)
	g.expect(t, "max warnings: 5")
	g.say(t, g.admin, "/settings", 0)
	g.expect(t, `{"max_warns":"5"}`)
	g.say(t, g.admin, "/id", 0)
	g.expect(t, fmt.Sprintf("chat %d, user %d, message ", g.chat, g.admin.info.ID))
	r.host.Close()
	r.env.Close()
}

// afterRestart starts the manager again and returns what /stats tells
// the admin.
func (g *groupManager) afterRestart(t *testing.T, rc runConfig) string {
	r := g.me.start(t, filepath.Join(g.dir, "bot.lua"), rc, nil)
	g.run_ = r
	defer r.host.Close()
	g.say(t, g.admin, "/stats", 0)
	return g.expect(t, "messages: ")
}

func inputChannel(t testing.TB, a *testAccount, chat int64) api.InputChannelClass {
	t.Helper()
	waitPeer(t, a, chat)
	ch, err := a.c.InputChannel(context.Background(), chat)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}
