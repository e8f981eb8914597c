package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/tl/api"
)

// TestSandboxCommand runs `luagram sandbox` as a user would, then a client
// configured only by the files it wrote logs its bot in and calls
// help.getConfig.
func TestSandboxCommand(t *testing.T) {
	dir := t.TempDir()
	cfgPath, keyPath := filepath.Join(dir, "sb.lua"), filepath.Join(dir, "sb.pem")
	pr, pw := io.Pipe()
	done := make(chan struct{})
	finished := make(chan int, 1)
	go func() {
		finished <- run(&env{stdin: strings.NewReader(""), stdout: pw, stderr: io.Discard, done: done},
			[]string{"sandbox", "--listen", "127.0.0.1:0", "--data-dir", filepath.Join(dir, "data"),
				"--config-out", cfgPath, "--key-out", keyPath, "--bot", "cli_test", "--user", "9996610050:pw"})
		pw.Close()
	}()
	defer func() {
		close(done)
		if code := <-finished; code != 0 {
			t.Errorf("sandbox exited with %d", code)
		}
	}()
	lines := bufio.NewScanner(pr)
	var token, ready string
	for lines.Scan() {
		line := lines.Text()
		if rest, ok := strings.CutPrefix(line, "bot @cli_test_bot token="); ok {
			token = rest
		}
		if strings.HasPrefix(line, "ready ") {
			ready = line
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if token == "" || !strings.Contains(ready, "dc=3 addr=127.0.0.1:") {
		t.Fatalf("token %q, ready line %q", token, ready)
	}
	if pem, err := os.ReadFile(keyPath); err != nil || !strings.HasPrefix(string(pem), "-----BEGIN RSA PUBLIC KEY-----") {
		t.Fatalf("key file: %v", err)
	}
	set, err := loadSettings(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(client.Config{Settings: set})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := c.BotLogin(ctx, token); err != nil {
		t.Fatal(err)
	}
	conf, err := client.Call(ctx, c, &api.HelpGetConfigRequest{})
	if err != nil || !conf.TestMode {
		t.Fatalf("config %v %v", conf, err)
	}
	if n := len(conf.DCOptions); n != 4 || !conf.DCOptions[3].CDN { // three DCs and a CDN DC
		t.Fatalf("config lists %v", conf.DCOptions)
	}
}

// TestSandboxCDNFlag: --cdn takes public, everywhere or off, and names the
// choices when given something else.
func TestSandboxCDNFlag(t *testing.T) {
	var errOut bytes.Buffer
	code := run(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errOut},
		[]string{"sandbox", "--listen", "127.0.0.1:0", "--data-dir", t.TempDir(), "--cdn", "sometimes"})
	if code == 0 || !strings.Contains(errOut.String(), "--cdn must be public, everywhere or off") {
		t.Fatalf("status %d, stderr %q", code, errOut.String())
	}
}
