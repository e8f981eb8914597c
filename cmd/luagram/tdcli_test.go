package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestTelegramCLIArgs(t *testing.T) {
	cases := []struct {
		in, want []string
		notes    int
	}{
		{[]string{"--sandbox", "bot.lua"}, []string{"--sandbox", "bot.lua"}, 0},
		{[]string{"-s", "bot.lua", "-p", "prof"}, []string{"--tdcli", "--no-watch", "--profile", "prof", "bot.lua"}, 0},
		{[]string{"-W", "-R", "-C", "-N", "-s", "./bot/bot.lua", "-p", "default", "-l", "1", "-E"},
			[]string{"--tdcli", "--no-watch", "--profile", "default", "--log", "info", "./bot/bot.lua"}, 0},
		{[]string{"-sbot.lua", "--profile=p2"}, []string{"--tdcli", "--no-watch", "--profile", "p2", "bot.lua"}, 0},
		{[]string{"--lua-script=x.lua", "-k", "tg-server.pub", "--bot=123:abc", "-e", "msg x y"}, []string{"--tdcli", "--no-watch", "x.lua"}, 2},
	}
	for _, tc := range cases {
		got, notes := telegramCLIArgs(tc.in)
		if !reflect.DeepEqual(got, tc.want) || len(notes) != tc.notes {
			t.Errorf("%q: got %q (notes %q), want %q (%d notes)", tc.in, got, notes, tc.want, tc.notes)
		}
	}
}

func TestIsTDCLIScript(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]bool{
		"function tdcli_update_callback(data)\nend\n":           true,
		"tdcli_update_callback = function(data) end\n":          true,
		"function  tdcli_update_callback (data) end":            true,
		"on('updateNewMessage', function(u) end)\n":             false,
		"-- mentions tdcli_update_callback in a comment only\n": false,
		"local t = {}\nfunction t.tdcli_update_callback() end":  false,
	}
	i := 0
	for src, want := range cases {
		i++
		p := filepath.Join(dir, "s"+string(rune('a'+i))+".lua")
		os.WriteFile(p, []byte(src), 0o644)
		got, err := isTDCLIScript(p)
		if err != nil || got != want {
			t.Errorf("%q: got %v, %v, want %v", src, got, err, want)
		}
	}
}

// TestRunTDCLISandbox runs a tdcli echo bot with luagram run --sandbox:
// detected as a tdcli script, it runs on a user account and answers the
// simulated user.
func TestRunTDCLISandbox(t *testing.T) {
	var out, errOut syncBuffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut},
		[]string{"run", "--sandbox", "--no-watch", "--duration", "3s", "--sample-interval", "150ms", "../../runtime/tdcli/testdata/echo.lua"})
	if code != 0 {
		t.Fatalf("status %d\n%s\n%s", code, out.String(), errOut.String())
	}
	for _, want := range []string{"you: hello", "bot: echo: hello", "you: ping", "bot: pong"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s\nstderr:\n%s", want, out.String(), errOut.String())
		}
	}
}

// TestRunTelegramCLIForm checks the telegram-cli form without a session:
// it names the session the profile stands for and how to log in.
func TestRunTelegramCLIForm(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	script := filepath.Join(wd, "../../runtime/tdcli/testdata/echo.lua")
	t.Chdir(dir)
	var out, errOut syncBuffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}, []string{"run", "-s", script, "-p", "mybot", "-W"})
	if code == 0 || !strings.Contains(errOut.String()+out.String(), "no session mybot.session: log in first with luagram login --session mybot.session") {
		t.Errorf("status %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	}
}

// TestRunRefusesBytecode checks that precompiled Lua is refused with a
// message that says so.
func TestRunRefusesBytecode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bot.lua")
	os.WriteFile(p, []byte("\x1bLuaR\x00\x01\x04\x08\x04\x08\x00"), 0o644)
	var out, errOut syncBuffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut},
		[]string{"run", "--sandbox", "--tdcli", "--no-watch", "--duration", "2s", p})
	if code == 0 || !strings.Contains(errOut.String()+out.String(), "precompiled Lua bytecode is not supported") {
		t.Errorf("status %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	}
}
