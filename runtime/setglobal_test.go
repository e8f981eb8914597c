package runtime

import (
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// TestGlobalOverNamespace: a global named like an API namespace makes the
// namespace callable, so both the function and the namespace's methods
// stay reachable, and argument errors of host globals name the global and
// the script's line rather than the prelude's wrapper.
func TestGlobalOverNamespace(t *testing.T) {
	hs := newHarness(t, Config{})
	got := make(chan string, 4)
	hs.h.AddGlobal("upload", func(L *lua.LState) int {
		L.Push(lua.LString("called with " + L.CheckString(1)))
		return 1
	})
	hs.h.AddGlobal("report", func(L *lua.LState) int {
		got <- L.CheckString(1)
		return 0
	})
	path := writeScript(t, t.TempDir(), "ns.lua", `report(upload("x"))
report(type(upload.getFile) .. " " .. type(upload.saveFilePart))
local ok, err = pcall(upload)
report(tostring(err))
upload({})
`)
	if _, err := hs.h.Start(path); err != nil {
		t.Fatal(err)
	}
	want := []string{"called with x", "function function", "bad argument #1 to upload (string expected, got nil)"}
	for _, w := range want {
		select {
		case g := <-got:
			if g != w {
				t.Errorf("got %q, want %q", g, w)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no report; want %q", w)
		}
	}
	err := hs.wait(5 * time.Second)
	if err == nil || !strings.Contains(err.Error(), "ns.lua:5: bad argument #1 to upload (string expected, got table)") {
		t.Fatalf("main chunk error %v, want one naming ns.lua:5 and upload", err)
	}
}
