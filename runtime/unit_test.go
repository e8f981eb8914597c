package runtime

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/session"
	lua "github.com/yuin/gopher-lua"
)

func TestRPCErrorOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want rpcFields
		ok   bool
	}{
		{"session", session.NewRPCError(420, "FLOOD_WAIT_30"), rpcFields{420, "FLOOD_WAIT", "FLOOD_WAIT_30", 30}, true},
		{"wrapped", fmt.Errorf("calling: %w", session.NewRPCError(400, "PEER_ID_INVALID")), rpcFields{400, "PEER_ID_INVALID", "PEER_ID_INVALID", 0}, true},
		{"joined", errors.Join(errors.New("x"), &codeError{403, "CHAT_WRITE_FORBIDDEN"}), rpcFields{403, "CHAT_WRITE_FORBIDDEN", "CHAT_WRITE_FORBIDDEN", 0}, true},
		{"methods", &codeError{500, "INTERNAL"}, rpcFields{500, "INTERNAL", "INTERNAL", 0}, true},
		{"plain", errors.New("connection reset"), rpcFields{}, false},
		{"nil pointer", (*session.RPCError)(nil), rpcFields{}, false},
	} {
		got, ok := rpcErrorOf(tc.err)
		if ok != tc.ok || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLoadError(t *testing.T) {
	hs := newHarness(t, Config{})
	dir := t.TempDir()
	for _, tc := range []struct {
		src  string
		line int
		msg  string
	}{
		{"local x = 1\nlocal y = = 2\n", 2, "near '='"},
		{"function f(\n", 0, "end of file"},
		{"x = 1\n\n\ngoto = 3\n", 4, ""},
	} {
		_, err := hs.h.Start(writeScript(t, dir, "bad.lua", tc.src))
		var le *LoadError
		if !errors.As(err, &le) || le.File != "bad.lua" || le.Line != tc.line || !strings.Contains(le.Msg, tc.msg) {
			t.Errorf("%q: got %v, want a LoadError at bad.lua:%d", tc.src, err, tc.line)
		}
	}
	if _, err := hs.h.Start(filepath.Join(dir, "missing.lua")); err == nil {
		t.Error("missing file started")
	}
	// A shebang line keeps the line numbers.
	_, err := hs.h.Start(writeScript(t, dir, "sb.lua", "#!/usr/bin/env luagram\nlocal x = = 1\n"))
	var le *LoadError
	if !errors.As(err, &le) || le.Line != 2 {
		t.Errorf("shebang: got %v, want line 2", err)
	}
}

func TestModulePath(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "lib"), 0o755)
	writeScript(t, dir, "lib/a.lua", "")
	outside := t.TempDir()
	writeScript(t, outside, "secret.lua", "")
	os.Symlink(filepath.Join(outside, "secret.lua"), filepath.Join(dir, "link.lua"))
	p := &program{dir: dir}
	for name, ok := range map[string]bool{
		"lib.a": true, "lib/a": true, "lib..a": false, "../x": false, "/etc/x": false,
		".lib.a": false, "lib.a ": false, "lib.missing": false, "link": false, "": false,
	} {
		_, err := p.modulePath(name)
		if (err == nil) != ok {
			t.Errorf("modulePath(%q): %v, want ok=%v", name, err, ok)
		}
	}
}

func TestJSONNumbers(t *testing.T) {
	for in, want := range map[string]lua.LValue{
		"0":                    lua.LNumber(0),
		"-7":                   lua.LNumber(-7),
		"9007199254740992":     lua.LNumber(1 << 53),
		"-9007199254740992":    lua.LNumber(-(1 << 53)),
		"9007199254740993":     lua.LString("9007199254740993"),
		"-9223372036854775808": lua.LString("-9223372036854775808"),
		"18446744073709551616": lua.LString("18446744073709551616"),
		"1.5":                  lua.LNumber(1.5),
		"1e3":                  lua.LNumber(1000),
	} {
		got, err := number(in)
		if err != nil || got != want {
			t.Errorf("number(%s) = %v (%v), want %v", in, got, err, want)
		}
	}
}

// testModule records its life.
type testModule struct {
	failOpen bool
	log      *[]string
}

func (m *testModule) Open(s *Script) (lua.LValue, error) {
	*m.log = append(*m.log, "open "+s.Name())
	if m.failOpen {
		return nil, errors.New("no")
	}
	t := s.State().NewTable()
	t.RawSetString("wait", s.Func(func(L *lua.LState) int {
		return ScriptOf(L).Await(L, "mod.wait", func(ctx context.Context) Finish {
			return func(L *lua.LState) (lua.LValue, error) { return lua.LString("waited"), nil }
		})
	}))
	return t, nil
}

func (m *testModule) Close() error {
	*m.log = append(*m.log, "close")
	return nil
}

func TestModule(t *testing.T) {
	var log []string
	hs := newHarness(t, Config{})
	hs.h.AddModule("mod", func() Module { return &testModule{log: &log} })
	path := writeScript(t, t.TempDir(), "m.lua", `assert(mod.wait() == "waited")
assert(require("mod") == mod)`)
	if _, err := hs.h.Start(path); err != nil {
		t.Fatal(err)
	}
	if err := hs.wait(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(log, ","); got != "open m,close" {
		t.Errorf("module life %q, want open m,close", got)
	}

	// Close follows a failed Open, and the script does not start.
	log = nil
	hs2 := newHarness(t, Config{})
	hs2.h.AddModule("mod", func() Module { return &testModule{failOpen: true, log: &log} })
	if _, err := hs2.h.Start(path); err == nil || !strings.Contains(err.Error(), "opening module mod") {
		t.Errorf("Start with a failing module: %v", err)
	}
	if got := strings.Join(log, ","); got != "open m,close" {
		t.Errorf("module life %q, want open m,close", got)
	}
}

func TestNamesAndStatus(t *testing.T) {
	hs := newHarness(t, Config{})
	dir := t.TempDir()
	path := writeScript(t, dir, "bot.lua", "on('*', function() end)")
	a, err1 := hs.h.Start(path)
	b, err2 := hs.h.Start(path)
	if err1 != nil || err2 != nil || a != "bot" || b != "bot#2" {
		t.Fatalf("names %q %q (%v %v), want bot and bot#2", a, b, err1, err2)
	}
	one := writeScript(t, dir, "one.lua", "error('fails')")
	hs.h.Start(one)
	waitFor(t, 2*time.Second, "one to end", func() bool {
		for _, st := range hs.h.Scripts() {
			if st.Name == "one" {
				return !st.Running
			}
		}
		return false
	})
	for _, st := range hs.h.Scripts() {
		switch st.Name {
		case "bot", "bot#2":
			if !st.Running {
				t.Errorf("%s ended: %v", st.Name, st.Err)
			}
		case "one":
			var se *ScriptError
			if !errors.As(st.Err, &se) || se.Handler != "main chunk" || se.Message != "one.lua:1: fails" {
				t.Errorf("one: %v, want main chunk error one.lua:1: fails", st.Err)
			}
		}
	}
	hs.h.Close()
	if err := hs.h.Wait(); err == nil || !strings.Contains(err.Error(), "one.lua:1: fails") {
		t.Errorf("Wait: %v", err)
	}
}

func TestNoInvoker(t *testing.T) {
	h := New(Config{Invoker: nil, Logger: testLogger(t)})
	defer h.Close()
	path := writeScript(t, t.TempDir(), "x.lua", `local ok, e = pcall(help.getConfig)
assert(not ok and e:find("no client"), e)`)
	if _, err := h.Start(path); err != nil {
		t.Fatal(err)
	}
	if err := h.Wait(); err != nil {
		t.Fatal(err)
	}
}
