package runtime

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// handlerScript is a script whose handler records tag and the message id;
// with wait, it first makes an API call, so that some updates are in
// flight at a swap.
func handlerScript(tag string, wait bool) string {
	call := ""
	if wait {
		call = `messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "slow:5"}`
	}
	return fmt.Sprintf(`on("updateNewMessage", function(u)
	%s
	record(%q, u.message.id)
end)
`, call, tag)
}

// pollScript is a script that long-polls and records tag and the message
// id of each update.
func pollScript(tag string) string {
	return fmt.Sprintf(`local offset = 0
while true do
	for _, e in ipairs(get_updates{offset = offset, timeout = 1}) do
		record(%q, e.update.message.id)
		offset = e.update_id + 1
	end
end
`, tag)
}

// replace writes src to path the way editors do: a new file renamed over
// the old one.
func replace(t testing.TB, path, src string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// dispatcher sends updates with increasing ids every interval until
// stopped, and returns how many it sent.
func dispatcher(h *Host, interval time.Duration) (stop func() int) {
	var n atomic.Int64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				h.Dispatch(newMessage(int(n.Add(1)), "x"))
			}
		}
	}()
	return func() int {
		close(done)
		<-finished
		return int(n.Load())
	}
}

// checkExactlyOnce checks that ids 1..n were each recorded once.
func checkExactlyOnce(t *testing.T, rec *recorder, n int) {
	t.Helper()
	seen := map[int]int{}
	for _, r := range rec.all() {
		seen[r.n]++
	}
	for i := 1; i <= n; i++ {
		if seen[i] != 1 {
			t.Errorf("update %d handled %d times", i, seen[i])
		}
	}
	if len(seen) != n {
		t.Errorf("%d distinct updates handled, %d dispatched", len(seen), n)
	}
}

func TestReload(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  func(tag string) string
	}{
		{"handlers", func(tag string) string { return handlerScript(tag, false) }},
		{"handlers waiting", func(tag string) string { return handlerScript(tag, true) }},
		{"get_updates", pollScript},
		{"main loop", func(tag string) string {
			// Handlers, and a main chunk that never returns.
			return handlerScript(tag, false) + "while true do sleep(0.01) end\n"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testReload(t, tc.src)
		})
	}
}

func testReload(t *testing.T, src func(tag string) string) {
	dir := t.TempDir()
	events := make(chan Event, 100)
	hs := newHarness(t, Config{Watch: true, OnEvent: func(e Event) {
		if e.Kind == Reloaded || e.Kind == ReloadFailed {
			events <- e
		}
	}})
	rec := newRecorder(hs.h)
	path := writeScript(t, dir, "bot.lua", src("v1"))
	if _, err := hs.h.Start(path); err != nil {
		t.Fatal(err)
	}
	stop := dispatcher(hs.h, time.Millisecond)
	waitFor(t, 2*time.Second, "v1 to handle updates", func() bool { return rec.count("v1") > 20 })

	// A good edit: new behaviour within 200 ms.
	saved := time.Now()
	replace(t, path, src("v2"))
	waitFor(t, 2*time.Second, "v2 to handle updates", func() bool { return rec.count("v2") > 0 })
	live := time.Since(saved)
	e := <-events
	if e.Kind != Reloaded || e.Version != 2 {
		t.Fatalf("event %v (version %d, %v), want reloaded version 2", e.Kind, e.Version, e.Err)
	}
	t.Logf("v2 live %v after the save (swap %v after the first file event)", live, e.Latency)
	if live > 200*time.Millisecond {
		t.Errorf("v2 live %v after the save, want < 200ms", live)
	}

	// A broken edit: reported with file and line; v2 goes on.
	replace(t, path, "on('updateNewMessage', function(u)\n  record('v3', u.message.id\nend)\n")
	e = <-events
	var le *LoadError
	if e.Kind != ReloadFailed || !errors.As(e.Err, &le) || le.File != "bot.lua" || le.Line != 3 {
		t.Fatalf("event %v: %v, want reload failed at bot.lua:3", e.Kind, e.Err)
	}
	t.Logf("broken edit: %v", e.Err)
	before := rec.count("v2")
	waitFor(t, 2*time.Second, "v2 to go on", func() bool { return rec.count("v2") > before+20 })

	// Fixing it resumes reloading.
	replace(t, path, src("v4"))
	waitFor(t, 2*time.Second, "v4 to handle updates", func() bool { return rec.count("v4") > 20 })
	if e := <-events; e.Kind != Reloaded {
		t.Fatalf("event %v: %v, want reloaded", e.Kind, e.Err)
	}

	n := stop()
	waitFor(t, 3*time.Second, "every update to be handled", func() bool { return len(rec.all()) >= n })
	time.Sleep(50 * time.Millisecond) // would show duplicates
	checkExactlyOnce(t, rec, n)
	// After the first v2 record, v1 handles only what it had already
	// taken; v4 likewise after v2.
	t.Logf("%d updates: v1 %d, v2 %d, v4 %d", n, rec.count("v1"), rec.count("v2"), rec.count("v4"))
}

// TestReloadModule reloads when a required module changes, and reports a
// module's syntax error with its file and line.
func TestReloadModule(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "lib"), 0o755); err != nil {
		t.Fatal(err)
	}
	events := make(chan Event, 10)
	hs := newHarness(t, Config{Watch: true, OnEvent: func(e Event) {
		if e.Kind == Reloaded || e.Kind == ReloadFailed {
			events <- e
		}
	}})
	rec := newRecorder(hs.h)
	mod := writeScript(t, dir, "lib/tag.lua", `return "v1"`)
	path := writeScript(t, dir, "bot.lua", `local tag = require("lib.tag")
on("updateNewMessage", function(u) record(tag, u.message.id) end)`)
	if _, err := hs.h.Start(path); err != nil {
		t.Fatal(err)
	}
	stop := dispatcher(hs.h, 2*time.Millisecond)
	defer stop()
	waitFor(t, 2*time.Second, "v1", func() bool { return rec.count("v1") > 0 })
	replace(t, mod, `return "v2"`)
	waitFor(t, 2*time.Second, "v2", func() bool { return rec.count("v2") > 0 })
	<-events
	replace(t, mod, "return (\n")
	e := <-events
	if e.Kind != ReloadFailed {
		t.Fatalf("event %v, want reload failed", e.Kind)
	}
	var se *ScriptError
	if !errors.As(e.Err, &se) || !strings.Contains(se.Message, "lib/tag.lua") {
		t.Fatalf("reload error %v, want one naming lib/tag.lua", e.Err)
	}
	t.Logf("module error: %v", e.Err)
	replace(t, mod, `return "v3"`)
	waitFor(t, 2*time.Second, "v3", func() bool { return rec.count("v3") > 0 })
}

// TestReloadMainChunkError keeps the old version when the new main chunk
// fails, and reports the error with its position.
func TestReloadMainChunkError(t *testing.T) {
	dir := t.TempDir()
	events := make(chan Event, 10)
	hs := newHarness(t, Config{Watch: true, OnEvent: func(e Event) {
		if e.Kind == Reloaded || e.Kind == ReloadFailed {
			events <- e
		}
	}})
	rec := newRecorder(hs.h)
	path := writeScript(t, dir, "bot.lua", handlerScript("v1", false))
	if _, err := hs.h.Start(path); err != nil {
		t.Fatal(err)
	}
	replace(t, path, "local cfg = help.getConfig()\nerror('no ' .. cfg._)\n"+handlerScript("v2", false))
	e := <-events
	var se *ScriptError
	if e.Kind != ReloadFailed || !errors.As(e.Err, &se) || se.Message != "bot.lua:2: no config" {
		t.Fatalf("event %v: %v, want reload failed with bot.lua:2: no config", e.Kind, e.Err)
	}
	hs.h.Dispatch(newMessage(1, "x"))
	waitFor(t, 2*time.Second, "v1 to go on", func() bool { return rec.count("v1") == 1 })
}

// TestReloadLoadTimeout fails a reload whose new main chunk is not ready in
// time.
func TestReloadLoadTimeout(t *testing.T) {
	events := make(chan Event, 10)
	hs := newHarness(t, Config{Watch: true, LoadTimeout: 100 * time.Millisecond, OnEvent: func(e Event) {
		if e.Kind == Reloaded || e.Kind == ReloadFailed {
			events <- e
		}
	}})
	rec := newRecorder(hs.h)
	path := writeScript(t, t.TempDir(), "bot.lua", handlerScript("v1", false))
	if _, err := hs.h.Start(path); err != nil {
		t.Fatal(err)
	}
	replace(t, path, `messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "slow:5000"}`+"\n"+handlerScript("v2", false))
	e := <-events
	if e.Kind != ReloadFailed || !strings.Contains(e.Err.Error(), "did not become ready") {
		t.Fatalf("event %v: %v, want a failed reload", e.Kind, e.Err)
	}
	hs.h.Dispatch(newMessage(1, "x"))
	waitFor(t, 2*time.Second, "v1 to go on", func() bool { return rec.count("v1") == 1 })
}

// TestFirstLoadWaitsForFix: with Watch, a script whose file does not
// compile, or whose first main chunk fails, is not ended: Start reports
// the compile error, updates meanwhile go nowhere, and the fixed file
// loads as a reload would. Without Watch the script ends, as before.
func TestFirstLoadWaitsForFix(t *testing.T) {
	for _, c := range []struct {
		name, broken string
		startErr     bool
	}{
		{"syntax error", "on(\"updateNewMessage\", function(u)\n", true},
		{"main chunk error", "error('not configured', 0)\n", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			events := make(chan Event, 10)
			hs := newHarness(t, Config{Watch: true, OnEvent: func(e Event) {
				if e.Kind == Reloaded || e.Kind == ReloadFailed {
					events <- e
				}
			}})
			rec := newRecorder(hs.h)
			path := writeScript(t, dir, "bot.lua", c.broken)
			_, err := hs.h.Start(path)
			var le *LoadError
			if c.startErr != errors.As(err, &le) {
				t.Fatalf("Start: %v; want a LoadError: %v", err, c.startErr)
			}
			if !c.startErr {
				if e := <-events; e.Kind != ReloadFailed || !strings.Contains(e.Err.Error(), "not configured") {
					t.Fatalf("event %v: %v, want the main chunk's failure", e.Kind, e.Err)
				}
			}
			hs.h.Dispatch(newMessage(1, "lost"))
			replace(t, path, handlerScript("fixed", false))
			if e := <-events; e.Kind != Reloaded {
				t.Fatalf("event %v: %v, want the fixed version loaded", e.Kind, e.Err)
			}
			hs.h.Dispatch(newMessage(2, "x"))
			waitFor(t, 2*time.Second, "the fixed version to answer", func() bool { return rec.count("fixed") == 1 })
			if recs := rec.all(); recs[0].n != 2 {
				t.Fatalf("the fixed version handled message %d, want 2 (1 came while it did not load)", recs[0].n)
			}
		})
	}
	t.Run("without watch", func(t *testing.T) {
		hs := newHarness(t, Config{})
		path := writeScript(t, t.TempDir(), "bot.lua", "error('not configured', 0)\n")
		if _, err := hs.h.Start(path); err != nil {
			t.Fatal(err)
		}
		if err := hs.wait(5 * time.Second); err == nil || !strings.Contains(err.Error(), "not configured") {
			t.Fatalf("Wait: %v, want the main chunk's failure", err)
		}
	})
}
