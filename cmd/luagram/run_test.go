package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

// TestExamples runs every example with --sandbox, as the README shows, and
// checks the conversation it prints.
func TestExamples(t *testing.T) {
	cases := []struct {
		script string
		as     string
		want   []string
	}{
		{"echo.lua", "bot", []string{"you: hello", "bot: hello", "you: how are you?", "bot: how are you?"}},
		{"keyboard.lua", "bot", []string{"bot: Do you like Lua?", "buttons: [1] Yes  [2] No", `you: (pressed "Yes")`,
			"bot (answer): You chose Yes", "bot (edited): Do you like Lua? Yes!", "bot: /ask shows the question again."}},
		{"poll.lua", "bot", []string{"bot: update 1: /start", "bot: update 2: hello"}},
		{"counter.lua", "bot", []string{"bot: That is message number 1 from you.", "bot: That is message number 2 from you."}},
		{"userbot.lua", "user", []string{"bot: I am Script", "bot: pong ("}},
		{"files.lua", "bot", []string{"bot (edited): Uploading report.csv: 100%",
			"bot: [document report.csv, 1836056 bytes] Your report", "bot: The last report has 60001 lines, 1836056 bytes."}},
	}
	for _, tc := range cases {
		t.Run(tc.script, func(t *testing.T) {
			t.Parallel()
			var out, errOut syncBuffer
			code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut},
				[]string{"run", "--sandbox", "--as", tc.as, "--no-watch", "--duration", "4s", "--sample-interval", "150ms", "../../lua/examples/" + tc.script})
			if code != 0 {
				t.Fatalf("status %d\n%s\n%s", code, out.String(), errOut.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("transcript lacks %q:\n%s\nstderr:\n%s", w, out.String(), errOut.String())
				}
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// echoSetup runs the echo example on a bot of a sandbox and returns a
// logged-in user client whose handler receives the bot's answers.
func echoSetup(t testing.TB, handler client.UpdateHandler) (user *client.Client, bot string, stop func()) {
	sb := sandboxtest.Start(t, 3)
	b, err := sb.CreateBot("echo")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := sb.CreateUser("9996610060", "Tester", "", "", "")
	ctx, cancel := context.WithCancel(context.Background())
	store, _ := client.NewMemoryStore()
	rt, err := startRuntime(ctx, sandboxtest.Settings(sb), store, runOptions{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rt.client.BotLogin(ctx, b.Token); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- rt.run(ctx, nil, "../../lua/examples/echo.lua") }()
	user, err = client.New(client.Config{Settings: sandboxtest.Settings(sb), Handler: handler})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := user.PhoneLogin(ctx, u.Phone); err != nil {
		t.Fatal(err)
	}
	if _, err := user.CompletePhoneLogin(ctx, u.Code); err != nil {
		t.Fatal(err)
	}
	if err := user.StartUpdates(ctx); err != nil {
		t.Fatal(err)
	}
	return user, "@" + b.Username, func() {
		user.Close()
		cancel()
		<-done
		rt.close()
	}
}

// replies collects the bot's answers in order.
type replies struct {
	mu   sync.Mutex
	got  []string
	want int
	done chan struct{}
}

func (r *replies) HandleUpdate(_ context.Context, u client.Update) {
	nm, ok := u.Update.(*api.UpdateNewMessage)
	if !ok {
		return
	}
	m, ok := nm.Message.(*api.Message)
	if !ok || m.Out {
		return
	}
	r.mu.Lock()
	r.got = append(r.got, m.Message)
	if len(r.got) == r.want {
		close(r.done)
	}
	r.mu.Unlock()
}

// TestEchoThousand: the echo example answers 1,000 messages from a user,
// in order, none lost.
func TestEchoThousand(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	r := &replies{want: n, done: make(chan struct{})}
	user, bot, stop := echoSetup(t, r)
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	peer, err := user.InputPeer(ctx, bot)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := client.Call(ctx, user, &api.MessagesSendMessageRequest{Peer: peer, Message: fmt.Sprintf("m%d", i), RandomID: int64(i + 1)}); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-r.done:
	case <-ctx.Done():
		t.Fatalf("%d of %d answers", len(r.got), n)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, m := range r.got {
		if m != fmt.Sprintf("m%d", i) {
			t.Fatalf("answer %d is %q", i, m)
		}
	}
}

// TestRunWaitsForFix: `luagram run` (watching, the default) on a script
// with a syntax error reports it and keeps running; once the file is
// fixed the script answers.
func TestRunWaitsForFix(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fixme.lua")
	if err := os.WriteFile(path, []byte("on(\"updateNewMessage\", function(u)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fixed := `on("updateNewMessage", function(u)
	if not u.message.out then
		messages.sendMessage{peer = u.message.peer_id, message = "fixed: " .. u.message.message}
	end
end)
`
	var out, errOut syncBuffer
	go func() {
		// The fix comes once the broken version was reported.
		for !strings.Contains(errOut.String(), "waiting for a fix") {
			time.Sleep(10 * time.Millisecond)
		}
		os.WriteFile(path+".tmp", []byte(fixed), 0o644)
		os.Rename(path+".tmp", path)
	}()
	code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut},
		[]string{"run", "--sandbox", "--duration", "3s", "--sample-interval", "300ms", path})
	if code != 0 {
		t.Fatalf("status %d\n%s\n%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(errOut.String(), "fixme.lua: syntax error") || !strings.Contains(out.String(), "bot: fixed: ") {
		t.Fatalf("want the syntax error reported and then answers:\n%s\n%s", out.String(), errOut.String())
	}
}
