package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
)

// writeConfig writes the settings file `luagram sandbox --config-out` would.
func writeConfig(t *testing.T, dir string) (string, *sandbox.Sandbox) {
	t.Helper()
	sb := sandboxtest.Start(t, 3)
	path := filepath.Join(dir, "sandbox.lua")
	if err := os.WriteFile(path, []byte(sandboxtest.Settings(sb).Lua()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, sb
}

func TestLoginBot(t *testing.T) {
	dir := t.TempDir()
	cfg, sb := writeConfig(t, dir)
	bot, err := sb.CreateBot("cli")
	if err != nil {
		t.Fatal(err)
	}
	sess := filepath.Join(dir, "bot.session")
	code, out, errOut := runCLI(t, "", "login", "--config", cfg, "--session", sess, "--bot", bot.Token)
	if code != 0 || !strings.Contains(out, "logged in as @"+bot.Username) {
		t.Fatalf("status %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "", "login", "--config", cfg, "--session", sess)
	if code != 0 || !strings.Contains(out, "already logged in") {
		t.Fatalf("second login: status %d %s", code, out)
	}
	if st, err := os.Stat(sess); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("session file mode: %v %v", st.Mode(), err)
	}
}

func TestLoginUserScripted(t *testing.T) {
	dir := t.TempDir()
	cfg, sb := writeConfig(t, dir)
	sb.CreateUser("9996620040", "Cli", "User", "", "pw1")
	sess := filepath.Join(dir, "user.session")
	// Answers on standard input, one per line: phone, a wrong code, the
	// right one, a wrong password, the right one.
	code, out, errOut := runCLI(t, "9996620040\n11111\n22222\nnope\npw1\n", "login", "--config", cfg, "--session", sess)
	if code != 0 || !strings.Contains(out, "logged in as Cli User") {
		t.Fatalf("status %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"That code is wrong", "That password is wrong"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestLoginSignupAndErrors(t *testing.T) {
	dir := t.TempDir()
	cfg, _ := writeConfig(t, dir)
	code, out, errOut := runCLI(t, "9996610041\n11111\nNew\nPerson\n", "login", "--config", cfg, "--session", filepath.Join(dir, "n.session"))
	if code != 0 || !strings.Contains(out, "logged in as New Person") {
		t.Fatalf("signup: status %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "", "login", "--config", cfg, "--session", filepath.Join(dir, "b.session"), "--bot", "1:bad")
	if code != 1 || !strings.Contains(errOut, "bot token is not valid") {
		t.Fatalf("bad token: status %d %s", code, errOut)
	}
	bad := filepath.Join(dir, "bad.lua")
	os.WriteFile(bad, []byte("return { conection = {} }"), 0o600)
	code, _, errOut = runCLI(t, "", "login", "--config", bad, "--session", filepath.Join(dir, "c.session"))
	if code != 1 || !strings.Contains(errOut, "did you mean connection") {
		t.Fatalf("bad config: status %d %s", code, errOut)
	}
	os.WriteFile(bad, []byte("return { connection = "), 0o600)
	code, _, errOut = runCLI(t, "", "login", "--config", bad, "--session", filepath.Join(dir, "d.session"))
	if code != 1 || !strings.Contains(errOut, "bad.lua") {
		t.Fatalf("broken config: status %d %s", code, errOut)
	}
}
