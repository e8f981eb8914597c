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

// TestTransferScript: a script uploads from a string and from a stream
// with progress callbacks (one that waits), downloads byte ranges at the
// API's alignment edges into a stream, and sees failing streams as errors;
// the script checks the bytes and the progress calls and reports.
func TestTransferScript(t *testing.T) {
	script, err := filepath.Abs("testdata/transfer.lua")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	var out, errOut syncBuffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut},
		[]string{"run", "--sandbox", "--no-watch", "--log", "info", "--duration", "30s", "--sample-interval", "300ms", script})
	if code != 0 {
		t.Fatalf("status %d\n%s\n%s", code, out.String(), errOut.String())
	}
	want := "TRANSFER upload inputFile progress ok; 9 ranges ok; stream ok; read error: stream read: no more data; " +
		"write error: stream write: disk full; no method: the stream has no write method"
	if !strings.Contains(errOut.String(), want) {
		t.Fatalf("transcript lacks %q:\n%s\n%s", want, out.String(), errOut.String())
	}
}

// TestLuaReferenceCoversGlobals: every global a script sees beyond Lua's
// standard libraries and the API namespaces is documented in docs/lua.md.
func TestLuaReferenceCoversGlobals(t *testing.T) {
	script, err := filepath.Abs("testdata/globals.lua")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/lua.md")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut syncBuffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut},
		[]string{"run", "--sandbox", "--no-watch", "--log", "info", "--duration", "20s", script})
	if code != 0 {
		t.Fatalf("status %d\n%s\n%s", code, out.String(), errOut.String())
	}
	_, list, ok := strings.Cut(errOut.String(), "GLOBALS ")
	if !ok {
		t.Fatalf("no GLOBALS line:\n%s", errOut.String())
	}
	list, _, _ = strings.Cut(list, "\"")
	names := strings.Fields(list)
	if len(names) < 20 {
		t.Fatalf("only %d globals: %v", len(names), names)
	}
	t.Logf("%d globals: %v", len(names), names)
	for _, name := range names {
		if !strings.Contains(string(doc), "`"+name) {
			t.Errorf("docs/lua.md does not document the global %s", name)
		}
	}
}
