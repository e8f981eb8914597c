package runtime

import (
	"errors"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// TestCallNowAndSpawnThen: Go code answered by Lua at once (CallNow) gets
// the results, and a runaway function is stopped by the resume deadline
// without ending the script; SpawnThen's done runs after the coroutine
// ends, whether it waited, returned or raised.
func TestCallNowAndSpawnThen(t *testing.T) {
	hs := newHarness(t, Config{ResumeTimeout: 100 * time.Millisecond})
	type result struct {
		rets []lua.LValue
		err  error
	}
	calls := make(chan result, 3)
	ended := make(chan string, 2)
	hs.h.AddGlobal("probe", func(L *lua.LState) int {
		s := ScriptOf(L)
		double, loop, waits, fails := L.CheckFunction(1), L.CheckFunction(2), L.CheckFunction(3), L.CheckFunction(4)
		go func() {
			s.Post(func() {
				rets, err := s.CallNow(double, lua.LNumber(21))
				calls <- result{rets, err}
				rets, err = s.CallNow(loop)
				calls <- result{rets, err}
				rets, err = s.CallNow(double, lua.LNumber(1))
				calls <- result{rets, err}
				s.SpawnThen("waits", waits, func() { ended <- "waits" })
				s.SpawnThen("fails", fails, func() { ended <- "fails" })
			})
		}()
		return 0
	})
	path := writeScript(t, t.TempDir(), "p.lua", `
done = {}
probe(function(n) return n * 2, "two" end,
	function() while true do end end,
	function() sleep(0.05); done.waits = true end,
	function() error("boom", 0) end)
on("updateNewMessage", function() end) -- keeps the script alive
`)
	if _, err := hs.h.Start(path); err != nil {
		t.Fatal(err)
	}
	r := <-calls
	if r.err != nil || len(r.rets) != 2 || r.rets[0] != lua.LNumber(42) || r.rets[1] != lua.LString("two") {
		t.Fatalf("CallNow(double, 21) = %v, %v; want 42, two", r.rets, r.err)
	}
	r = <-calls
	if !errors.Is(r.err, errDeadline) {
		t.Fatalf("CallNow(endless loop) = %v, %v; want the deadline's error", r.rets, r.err)
	}
	r = <-calls
	if r.err != nil || len(r.rets) != 2 || r.rets[0] != lua.LNumber(2) {
		t.Fatalf("CallNow after the runaway call = %v, %v", r.rets, r.err)
	}
	var order []string
	for range 2 {
		select {
		case name := <-ended:
			order = append(order, name)
		case <-time.After(5 * time.Second):
			t.Fatalf("done calls: %v, want both", order)
		}
	}
	if order[0] != "fails" || order[1] != "waits" {
		t.Fatalf("done order %v, want fails (raised at once) then waits (after its sleep)", order)
	}
	waitFor(t, time.Second, "the failure reported", func() bool {
		hs.mu.Lock()
		defer hs.mu.Unlock()
		return len(hs.errs) == 1 && strings.Contains(hs.errs[0], "boom")
	})
}
