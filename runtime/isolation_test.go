package runtime

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestIsolation runs a healthy script beside one whose handlers fail, one
// that loops forever and one that allocates without bound. The healthy one
// answers every update, the failing ones are reported, the allocating one
// is stopped, and the host stays up.
func TestIsolation(t *testing.T) {
	dir := t.TempDir()
	hs := newHarness(t, Config{ResumeTimeout: 300 * time.Millisecond, MemoryLimit: 16 << 20})
	rec := newRecorder(hs.h)
	scripts := map[string]string{
		"healthy.lua": `on("updateNewMessage", function(u)
			messages.sendMessage{peer = {_ = "inputPeerSelf"}, message = "ok"}
			record("healthy", u.message.id)
		end)`,
		"failing.lua": `on("updateNewMessage", function(u) error("failing " .. u.message.id) end)`,
		"looping.lua": `on("updateNewMessage", function(u) local n = 0 while true do n = n + 1 end end)`,
		"hog.lua": `local keep = {}
		on("updateNewMessage", function(u)
			while true do keep[#keep + 1] = string.rep("x", 1000) .. #keep end
		end)`,
		"pcall_loop.lua": `on("updateNewMessage", function(u)
			-- pcall must not catch the deadline: the handler is stopped
			while true do pcall(function() while true do end end) end
		end)`,
	}
	for name, src := range scripts {
		if _, err := hs.h.Start(writeScript(t, dir, name, src)); err != nil {
			t.Fatal(err)
		}
	}
	const n = 20
	start := time.Now()
	for i := 1; i <= n; i++ {
		hs.h.Dispatch(newMessage(i, "hi"))
		time.Sleep(5 * time.Millisecond)
	}
	waitFor(t, 5*time.Second, "the healthy script to answer every update", func() bool { return rec.count("healthy") == n })
	t.Logf("healthy script answered %d updates in %v beside the others", n, time.Since(start))

	// The hog is stopped with a memory error; the others go on.
	var hog, looping, failing, pcallLoop int
	var hogErr error
	waitFor(t, 10*time.Second, "the hog to be stopped", func() bool {
		for _, st := range hs.h.Scripts() {
			if st.Name == "hog" && !st.Running {
				hogErr = st.Err
				return true
			}
		}
		return false
	})
	var me *MemoryError
	if !errors.As(hogErr, &me) {
		t.Fatalf("hog ended with %v, want a *MemoryError", hogErr)
	}
	t.Logf("hog: %v", hogErr)
	waitFor(t, 10*time.Second, "handler errors of looping and failing", func() bool {
		hs.mu.Lock()
		defer hs.mu.Unlock()
		hog, looping, failing, pcallLoop = 0, 0, 0, 0
		for _, e := range hs.events {
			if e.Kind != HandlerFailed {
				continue
			}
			se := e.Err.(*ScriptError)
			switch e.Script {
			case "looping":
				if !errors.Is(se, errDeadline) || !strings.Contains(se.Traceback, "looping.lua:1") {
					t.Errorf("looping: %v (traceback %q), want a deadline error at looping.lua:1", se, se.Traceback)
				}
				looping++
			case "pcall_loop":
				pcallLoop++
			case "failing":
				failing++
			case "hog":
				hog++
			}
		}
		return failing == n && looping >= 2 && pcallLoop >= 2
	})
	t.Logf("reported: failing %d, looping %d, pcall_loop %d", failing, looping, pcallLoop)
	for _, st := range hs.h.Scripts() {
		if st.Name != "hog" && !st.Running {
			t.Errorf("%s ended: %v", st.Name, st.Err)
		}
	}
	// Still answering.
	hs.h.Dispatch(newMessage(n+1, "again"))
	waitFor(t, 5*time.Second, "one more answer", func() bool { return rec.count("healthy") == n+1 })
	hs.mu.Lock()
	hs.errs = nil
	hs.mu.Unlock()
}
