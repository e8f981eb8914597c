package tdcli

import (
	"context"
	"fmt"
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

// TestRealBots runs public tdcli bots, unchanged, against the sandbox. Their
// code is not part of luagram: set LUAGRAM_TDCLI_BOTS to a directory
// holding them, one directory per repository, as fetched:
//
//	tdcli.lua   github.com/rizaumami/tdcli.lua (example-script.lua)
//	newtg       github.com/MoonTeamDev/newtg (bot.lua)
//	TABCH       github.com/ashyi/TABCH (Base/Tabchi.lua)
//	strit       github.com/s4jj4d021/strit (tabchi.lua)
//	tab         github.com/hamid07ss/tab (bot-1.lua)
//
// Each bot runs from its directory, as its launch script did; a user
// talks to it and the test reports what it answered and every error.
func TestRealBots(t *testing.T) {
	root := os.Getenv("LUAGRAM_TDCLI_BOTS")
	if root == "" {
		t.Skip("set LUAGRAM_TDCLI_BOTS to a directory of fetched tdcli bots")
	}
	cases := []realBot{
		{name: "tdcli.lua example", dir: "tdcli.lua", script: "example-script.lua",
			talk: []exchange{{"ping", "pong"}, {"PING", "PONG"}}},
		{name: "newtg", dir: "newtg", script: "bot.lua", group: true,
			talk: []exchange{{"ping", "pong"}, {"PING", "PONG"}, {"/id", "Chat ID"}, {"!pin", "Done!"}}},
		{name: "TABCH", dir: "TABCH", script: "Base/Tabchi.lua", stdin: "{{admin}}\n", group: true,
			talk: []exchange{{"markread enable", "Done"}, {"setaddmsg hi there", "addmsg seted to"}}},
		{name: "strit", dir: "strit", script: "tabchi.lua",
			talk: []exchange{{"/answers", ""}, {"hello", ""}}}, // its sudo user is hard-coded: it answers nobody here
		{name: "tab", dir: "tab", script: "bot-1.lua", stdin: "{{admin}}\n",
			talk: []exchange{{"help", "help:"}, {"state", ""}}},
	}
	for _, b := range cases {
		t.Run(b.name, func(t *testing.T) { b.run(t, filepath.Join(root, b.dir)) })
	}
}

type exchange struct{ say, want string }

type realBot struct {
	name, dir, script, stdin string
	group                    bool
	talk                     []exchange
}

func (b realBot) run(t *testing.T, dir string) {
	if _, err := os.Stat(filepath.Join(dir, b.script)); err != nil {
		t.Skip(err)
	}
	w := newWorld(t)
	me := w.user("Bot", "real_bot")
	admin := w.user("Admin", "real_admin")
	var mu sync.Mutex
	var heard []string
	admin.handler.set(client.UpdateHandlerFunc(func(_ context.Context, u client.Update) {
		var m api.MessageClass
		switch x := u.Update.(type) {
		case *api.UpdateNewMessage:
			m = x.Message
		case *api.UpdateNewChannelMessage:
			m = x.Message
		}
		if x, ok := m.(*api.Message); ok && !x.Out {
			mu.Lock()
			heard = append(heard, x.Message)
			mu.Unlock()
		}
	}))
	var chat any = "@real_bot"
	if b.group {
		res := call(t, me, &api.ChannelsCreateChannelRequest{Title: "Real", Megagroup: true})
		id := tdconv.ChannelChatID(res.(*api.Updates).Chats[0].(*api.Channel).ID)
		ch, _ := me.c.InputChannel(context.Background(), id)
		call(t, me, &api.ChannelsInviteToChannelRequest{Channel: ch, Users: []api.InputUserClass{me.inputUser(t, "@real_admin")}})
		chat = waitPeer(t, admin, id)
	} else {
		admin.say(t, "@real_bot", "hi")
	}
	t.Chdir(dir)
	stdin := strings.ReplaceAll(b.stdin, "{{admin}}", fmt.Sprint(admin.info.ID))
	r := me.start(t, filepath.Join(dir, b.script), runConfig{stdin: stdin}, nil)
	time.Sleep(500 * time.Millisecond)
	var last int32
	for _, x := range b.talk {
		mu.Lock()
		heard = nil
		mu.Unlock()
		req := &api.MessagesSendMessageRequest{Message: x.say, RandomID: time.Now().UnixNano()}
		if p, ok := chat.(api.InputPeerClass); ok {
			req.Peer = p
		} else {
			req.Peer = admin.peer(t, chat)
		}
		if x.say == "!pin" && last != 0 {
			req.ReplyTo = &api.InputReplyToMessage{ReplyToMsgID: last}
		}
		res := call(t, admin, req)
		if u, ok := res.(*api.Updates); ok {
			for _, up := range u.Updates {
				if nm, ok := up.(*api.UpdateNewChannelMessage); ok {
					last = nm.Message.(*api.Message).ID
				}
			}
		}
		deadline := time.Now().Add(4 * time.Second)
		var got []string
		for time.Now().Before(deadline) {
			mu.Lock()
			got = append([]string(nil), heard...)
			mu.Unlock()
			if x.want != "" && strings.Contains(strings.Join(got, "\n"), x.want) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Logf("%s said %q, the bot answered %q", b.name, x.say, got)
		if x.want != "" && !strings.Contains(strings.Join(got, "\n"), x.want) {
			t.Errorf("%q: no answer containing %q", x.say, x.want)
		}
	}
	var errs []string
	for {
		select {
		case f := <-r.failed:
			errs = append(errs, f)
			continue
		default:
		}
		break
	}
	if len(errs) > 0 {
		t.Errorf("script errors:\n%s", strings.Join(errs, "\n"))
	}
	out := r.out.String()
	if len(out) > 2000 {
		out = out[:2000] + "…"
	}
	t.Logf("%s printed:\n%s", b.name, out)
}
