package tdcli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/tl/api"
)

// reloadBot is a tdcli bot as old bots were laid out: a helper loaded
// with dofile, a module found through package.path, a plugin loaded with
// loadfile and a data file read with io.open. It answers every message
// with a piece of each.
const reloadBot = `package.path = package.path .. ";./libs/?.lua"
local utils = dofile("./libs/utils.lua")
local greeting = require("greeting")
local plugin = loadfile("plugins/tag.lua")()
local f = assert(io.open(%s .. "/data.txt"))
local data = f:read("*a")
f:close()
local our_id = 0

function dl_cb(extra, result)
end

function tdcli_update_callback(msg)
	if msg.ID == "UpdateOption" and msg.name_ == "my_id" then
		our_id = msg.value_.value_
	elseif msg.ID == "UpdateNewMessage" then
		msg = msg.message_
		if msg.sender_user_id_ == our_id or msg.content_.ID ~= "MessageText" then
			return
		end
		local reply = table.concat({ utils.tag(), greeting.word(), plugin.tag, data }, " ")
		tdcli_function({ ID = "SendMessage", chat_id_ = msg.chat_id_, reply_to_message_id_ = 0,
			disable_notification_ = 0, from_background_ = 1, reply_markup_ = nil,
			input_message_content_ = { ID = "InputMessageText", text_ = reply, disable_web_page_preview_ = 1,
				clear_draft_ = 0, entities_ = {}, parse_mode_ = nil } }, dl_cb, nil)
	end
end
`

// utilsLua is the helper's source, a table of functions as such helpers
// are.
func utilsLua(tag string) string {
	return fmt.Sprintf("local utils = {}\nfunction utils.tag()\n\treturn %q\nend\nreturn utils\n", tag)
}

func greetingLua(word string) string {
	return fmt.Sprintf("local M = {}\nfunction M.word() return %q end\nreturn M\n", word)
}

func pluginLua(tag string) string { return fmt.Sprintf("return { tag = %q }\n", tag) }

// writeFiles writes files (path relative to dir → content).
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// replaceFile writes src to path the way editors save: a new file renamed
// over the old one.
func replaceFile(t *testing.T, path, src string) {
	t.Helper()
	if err := os.WriteFile(path+".tmp", []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		t.Fatal(err)
	}
}

// awaitReload waits for the next reload event of a run and checks its
// kind.
func awaitReload(t *testing.T, r *scriptRun, events chan runtime.Event, want runtime.EventKind) runtime.Event {
	t.Helper()
	select {
	case ev := <-events:
		if ev.Kind != want {
			t.Fatalf("event %v (%v), want %v\noutput:\n%s", ev.Kind, ev.Err, want, r.out.String())
		}
		return ev
	case msg := <-r.failed:
		t.Fatalf("script failed: %s\noutput:\n%s", msg, r.out.String())
	case <-time.After(5 * time.Second):
		t.Fatalf("no %v within 5s\noutput:\n%s", want, r.out.String())
	}
	return runtime.Event{}
}

// noReload checks that no reload started within quiet, many times the
// runs' debounce.
func noReload(t *testing.T, events chan runtime.Event, quiet time.Duration, why string) {
	t.Helper()
	select {
	case ev := <-events:
		t.Fatalf("%s: event %v (%v), want none", why, ev.Kind, ev.Err)
	case <-time.After(quiet):
	}
}

// TestReloadLoadedFiles edits the files a tdcli bot loaded itself —
// with dofile, require and loadfile — and checks that each edit reloads
// it as an edit of the bot does: the new version answers; a syntax error
// keeps the old version answering and is reported with the file and line;
// its fix reloads. Editing a data file the bot read with io.open does not
// reload it.
func TestReloadLoadedFiles(t *testing.T) {
	w := newWorld(t)
	me := w.user("Script", "script_user")
	friend := w.user("Friend", "friend_user")
	answers := make(chan string, 64)
	friend.handler.set(client.UpdateHandlerFunc(func(_ context.Context, u client.Update) {
		if x, ok := u.Update.(*api.UpdateNewMessage); ok {
			if m, ok := x.Message.(*api.Message); ok && !m.Out {
				answers <- m.Message
			}
		}
	}))
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"bot.lua":           fmt.Sprintf(reloadBot, strconv.Quote(dir)),
		"libs/utils.lua":    utilsLua("u1"),
		"libs/greeting.lua": greetingLua("g1"),
		"plugins/tag.lua":   pluginLua("p1"),
		"data.txt":          "d1",
	})
	events := make(chan runtime.Event, 16)
	r := me.start(t, filepath.Join(dir, "bot.lua"), runConfig{watch: true, events: events}, nil)
	start := time.Now()

	// ask sends a message and waits for the answer want; answers of a
	// version being replaced may come first.
	ask := func(want string) {
		t.Helper()
		friend.say(t, "@script_user", "q")
		deadline := time.After(10 * time.Second)
		var other []string
		for {
			select {
			case got := <-answers:
				if got == want {
					return
				}
				other = append(other, got)
			case msg := <-r.failed:
				t.Fatalf("script failed: %s\noutput:\n%s", msg, r.out.String())
			case <-deadline:
				t.Fatalf("no answer %q within 10s; got %q", want, other)
			}
		}
	}
	edit := func(file, src string) time.Time {
		replaceFile(t, filepath.Join(dir, file), src)
		return time.Now()
	}

	ask("u1 g1 p1 d1")
	// A data file is not Lua the bot loaded: no reload.
	edit("data.txt", "d2")
	noReload(t, events, 150*time.Millisecond, "data.txt edited")
	ask("u1 g1 p1 d1")

	for _, step := range []struct{ file, src, want string }{
		{"libs/utils.lua", utilsLua("u2"), "u2 g1 p1 d2"},       // dofile
		{"libs/greeting.lua", greetingLua("g2"), "u2 g2 p1 d2"}, // require
		{"plugins/tag.lua", pluginLua("p2"), "u2 g2 p2 d2"},     // loadfile
	} {
		saved := edit(step.file, step.src)
		ev := awaitReload(t, r, events, runtime.Reloaded)
		t.Logf("%s edited: reloaded after %v", step.file, time.Since(saved).Round(time.Millisecond))
		if ev.Version < 2 {
			t.Errorf("reload of %s: version %d", step.file, ev.Version)
		}
		ask(step.want)
	}

	// A broken helper: the old version goes on, the failure names the
	// helper's file and line.
	edit("libs/utils.lua", "local utils = {}\nfunction utils.tag()\n\treturn 'u3' +\nend\nreturn utils\n")
	ev := awaitReload(t, r, events, runtime.ReloadFailed)
	var se *runtime.ScriptError
	if !errors.As(ev.Err, &se) || !strings.Contains(se.Message, "libs/utils.lua:4:") {
		t.Fatalf("reload error %v, want one naming libs/utils.lua:4", ev.Err)
	}
	t.Logf("broken helper: %v", ev.Err)
	ask("u2 g2 p2 d2")

	// Its fix reloads.
	edit("libs/utils.lua", utilsLua("u3"))
	awaitReload(t, r, events, runtime.Reloaded)
	ask("u3 g2 p2 d2")
	t.Logf("%v from the start", time.Since(start).Round(time.Millisecond))
}

// TestReloadLoadedFilesSandboxed runs a bot under Config.Sandbox: the
// files it loaded inside its directory are watched; a file outside,
// which the sandbox refused to load, is not.
func TestReloadLoadedFilesSandboxed(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "bot")
	writeFiles(t, root, map[string]string{
		"bot/bot.lua": `package.path = package.path .. ";./libs/?.lua"
local utils = dofile("libs/utils.lua")
local greeting = require("greeting")
local plugin = assert(loadfile("plugins/tag.lua"))()
assert(not pcall(dofile, "../outside.lua"), "outside the sandbox")
assert(loadfile("../outside.lua") == nil, "outside the sandbox")
assert(require("serpent"), "an embedded library")
print("loaded", utils.tag(), greeting.word(), plugin.tag)
`,
		"bot/libs/utils.lua":    utilsLua("u1"),
		"bot/libs/greeting.lua": greetingLua("g1"),
		"bot/plugins/tag.lua":   pluginLua("p1"),
		"outside.lua":           "return 1\n",
	})
	events := make(chan runtime.Event, 16)
	r := startScript(t, nil, filepath.Join(dir, "bot.lua"), runConfig{sandbox: true, watch: true, events: events}, nil)
	loaded := func(want string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(r.out.String(), "loaded\t"+want+"\n") {
			if time.Now().After(deadline) {
				t.Fatalf("not loaded %q; output:\n%s", want, r.out.String())
			}
			time.Sleep(time.Millisecond)
		}
	}
	loaded("u1\tg1\tp1")
	replaceFile(t, filepath.Join(root, "outside.lua"), "return 2\n")
	noReload(t, events, 150*time.Millisecond, "a file outside the sandbox edited")
	replaceFile(t, filepath.Join(dir, "libs/utils.lua"), utilsLua("u2"))
	awaitReload(t, r, events, runtime.Reloaded)
	loaded("u2\tg1\tp1")
	replaceFile(t, filepath.Join(dir, "libs/greeting.lua"), greetingLua("g2"))
	awaitReload(t, r, events, runtime.Reloaded)
	loaded("u2\tg2\tp1")
	replaceFile(t, filepath.Join(dir, "plugins/tag.lua"), "return {\n")
	ev := awaitReload(t, r, events, runtime.ReloadFailed)
	if !strings.Contains(ev.Err.Error(), "plugins/tag.lua:2:") {
		t.Fatalf("reload error %v, want one naming plugins/tag.lua:2", ev.Err)
	}
	replaceFile(t, filepath.Join(dir, "plugins/tag.lua"), pluginLua("p2"))
	awaitReload(t, r, events, runtime.Reloaded)
	loaded("u2\tg2\tp2")
}

// versionBot answers every text message with its version tag and the
// text; its main chunk first spends busy seconds, so that a reload has a
// window where the old version serves while the new one loads.
const versionBot = `local t0 = os.clock()
while os.clock() - t0 < %v do end
local our_id = 0
function dl_cb(extra, result) end
function tdcli_update_callback(msg)
	if msg.ID == "UpdateOption" and msg.name_ == "my_id" then
		our_id = msg.value_.value_
	elseif msg.ID == "UpdateNewMessage" then
		msg = msg.message_
		if msg.sender_user_id_ == our_id or msg.content_.ID ~= "MessageText" then
			return
		end
		if msg.content_.text_ == "hold" then
			sleep(1.5) -- keeps this version busy across the reload
		end
		tdcli_function({ ID = "SendMessage", chat_id_ = msg.chat_id_, reply_to_message_id_ = 0,
			disable_notification_ = 0, from_background_ = 1, reply_markup_ = nil,
			input_message_content_ = { ID = "InputMessageText", text_ = %q .. ":" .. msg.content_.text_,
				disable_web_page_preview_ = 1, clear_draft_ = 0, entities_ = {}, parse_mode_ = nil } }, dl_cb, nil)
	end
end
`

// TestReloadDeliversOnce: messages that arrive while a new version loads
// are answered once, by the old version or the new one, never by both,
// even when the old version is still busy at the swap.
func TestReloadDeliversOnce(t *testing.T) {
	w := newWorld(t)
	me := w.user("Script", "once_user")
	friend := w.user("Friend", "once_friend")
	answers := make(chan string, 64)
	friend.handler.set(client.UpdateHandlerFunc(func(_ context.Context, u client.Update) {
		if x, ok := u.Update.(*api.UpdateNewMessage); ok {
			if m, ok := x.Message.(*api.Message); ok && !m.Out {
				answers <- m.Message
			}
		}
	}))
	dir := t.TempDir()
	path := filepath.Join(dir, "bot.lua")
	writeFiles(t, dir, map[string]string{"bot.lua": fmt.Sprintf(versionBot, 0, "v1")})
	events := make(chan runtime.Event, 16)
	r := me.start(t, path, runConfig{watch: true, events: events}, nil)
	friend.say(t, "@once_user", "m0")
	select {
	case a := <-answers:
		if a != "v1:m0" {
			t.Fatalf("first answer %q", a)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no first answer\n%s", r.out.String())
	}
	// The old version is busy (a handler sleeping) when the new one takes
	// over, so it is retired, not closed, and runs what was posted to it.
	friend.say(t, "@once_user", "hold")
	time.Sleep(100 * time.Millisecond)
	replaceFile(t, path, fmt.Sprintf(versionBot, 0.4, "v2"))
	// While v2's main chunk runs, messages come in.
	time.Sleep(50 * time.Millisecond)
	const n = 5
	for i := 1; i <= n; i++ {
		friend.say(t, "@once_user", fmt.Sprintf("m%d", i))
	}
	awaitReload(t, r, events, runtime.Reloaded)
	got := map[string]int{}
	deadline := time.After(3 * time.Second)
	for len(got) < n {
		select {
		case a := <-answers:
			if _, text, _ := strings.Cut(a, ":"); text != "hold" {
				got[text]++
			}
		case <-deadline:
			t.Fatalf("answers %v, want one to each of m1..m%d", got, n)
		}
	}
	// Give a duplicate time to come.
	quiet := time.After(300 * time.Millisecond)
	for done := false; !done; {
		select {
		case a := <-answers:
			if _, text, _ := strings.Cut(a, ":"); text != "hold" {
				got[text]++
			}
		case <-quiet:
			done = true
		}
	}
	for text, k := range got {
		if k != 1 {
			t.Errorf("%s answered %d times", text, k)
		}
	}
}

// TestSeenSet: numbers are new once; the set forgets numbers older than
// any pending update can be, and stays bounded.
func TestSeenSet(t *testing.T) {
	var ss seenSet
	ss.set = map[int64]bool{}
	if !ss.add(5) || ss.add(5) || !ss.add(3) || ss.add(3) {
		t.Fatal("a number must be new exactly once")
	}
	for no := int64(6); no < 6*maxPending; no++ {
		ss.add(no)
	}
	if len(ss.set) > 4*maxPending+1 {
		t.Fatalf("%d numbers kept", len(ss.set))
	}
	if ss.add(10) {
		t.Fatal("a number older than any pending update counted as new")
	}
}
