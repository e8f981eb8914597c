package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFilesScript: a script sends a document with an HTML caption, takes
// its bot-API file id and downloads the file back by that id.
func TestFilesScript(t *testing.T) {
	script, err := filepath.Abs("testdata/files.lua")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	content := []byte("hello from luagram\n")
	if err := os.WriteFile(filepath.Join(dir, "hello.txt"), content, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var out, errOut syncBuffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut},
		[]string{"run", "--sandbox", "--no-watch", "--duration", "3s", "--sample-interval", "200ms", script})
	if code != 0 {
		t.Fatalf("status %d\n%s\n%s", code, out.String(), errOut.String())
	}
	want := "bot: downloaded 19 bytes; caption entity messageEntityBold"
	if !strings.Contains(out.String(), want) {
		t.Fatalf("transcript lacks %q:\n%s\n%s", want, out.String(), errOut.String())
	}
	got, err := os.ReadFile(filepath.Join(dir, "copy.txt"))
	if err != nil || string(got) != string(content) {
		t.Fatalf("downloaded %q (%v)", got, err)
	}
}

// TestBotAPIScript: a handler converts its update to the Bot API form.
func TestBotAPIScript(t *testing.T) {
	script, err := filepath.Abs("testdata/botapi.lua")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut syncBuffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut},
		[]string{"run", "--sandbox", "--no-watch", "--duration", "2s", "--sample-interval", "200ms", script})
	if code != 0 {
		t.Fatalf("status %d\n%s\n%s", code, out.String(), errOut.String())
	}
	if want := "bot: private from You: <b>hi</b> /start (message_id 1)"; !strings.Contains(out.String(), want) {
		t.Fatalf("transcript lacks %q:\n%s\n%s", want, out.String(), errOut.String())
	}
}
