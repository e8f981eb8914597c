package main

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/storage"
	"github.com/luagram/luagram/tl/api"
)

// The simulated user of `luagram run --sandbox`.
const simulatedPhone = "9996610099"

// runSandboxed runs the scripts against an embedded sandbox: the script's
// account is a new bot (or user), and a simulated user talks to it — each
// line typed is sent as a message, or without a terminal a sample message
// every second — and both sides are printed as a transcript.
func runSandboxed(ctx context.Context, e *env, o runOptions, logger *slog.Logger) error {
	sb, err := sandbox.New(sandbox.Config{Listen: "127.0.0.1:0", Logger: logger})
	if err != nil {
		return err
	}
	defer sb.Close()
	pem := sandbox.PublicKeyPEM(sb.PublicKey())
	set := sandboxSettings(sb, pem)

	store, err := openOrMemory(o.session)
	if err != nil {
		return err
	}
	rt, err := startRuntime(ctx, set, store, o, logger)
	if err != nil {
		return err
	}
	defer rt.close()
	var peerName string
	if o.as == "bot" {
		bot, err := sb.CreateBot(scriptBotName(o.scripts[0]))
		if err != nil {
			return err
		}
		if _, err := rt.client.BotLogin(ctx, bot.Token); err != nil {
			return fmt.Errorf("logging the script's bot in: %w", err)
		}
		peerName = "@" + bot.Username
	} else {
		u, err := sb.CreateUser("9996610001", "Script", "User", "script_userbot", "")
		if err != nil {
			return err
		}
		if _, err := rt.client.PhoneLogin(ctx, u.Phone); err != nil {
			return err
		}
		if _, err := rt.client.CompletePhoneLogin(ctx, u.Code); err != nil {
			return err
		}
		peerName = "@" + u.Username
	}

	you, err := sb.CreateUser(simulatedPhone, "You", "", "", "")
	if err != nil {
		return err
	}
	sim := &simulatedUser{e: e, peerName: peerName}
	simClient, err := client.New(client.Config{Settings: set, Handler: sim, Logger: logger})
	if err != nil {
		return err
	}
	defer simClient.Close()
	sim.c = simClient
	if _, err := simClient.PhoneLogin(ctx, you.Phone); err != nil {
		return err
	}
	if _, err := simClient.CompletePhoneLogin(ctx, you.Code); err != nil {
		return err
	}
	if err := simClient.StartUpdates(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "sandbox: %s is %s; you are %s. ", o.scripts[0], peerName, "You")
	interactive := false
	if f, ok := e.stdin.(*os.File); ok && isTerminal(f) {
		interactive = true
		fmt.Fprintln(e.stdout, "Type a message and press Enter (!N presses button N; Ctrl-C quits).")
	} else {
		fmt.Fprintf(e.stdout, "Sending a sample message every %v.\n", o.interval)
	}
	errc := make(chan error, 1)
	go func() { errc <- rt.run(ctx, e, o.scripts...) }()
	go sim.talk(ctx, interactive, scriptSamples(o.scripts[0]), o.interval)
	return <-errc
}

func openOrMemory(path string) (*storage.Store, error) {
	if path == "" {
		return client.NewMemoryStore()
	}
	return storage.Open(path)
}

// simulatedUser is the other side of the sandbox conversation.
type simulatedUser struct {
	e        *env
	c        *client.Client
	peerName string
	mu       sync.Mutex
	buttons  []button // of the last bot message with an inline keyboard
	out      sync.Mutex
}

type button struct {
	text  string
	data  []byte
	msgID int32
}

func (s *simulatedUser) printf(format string, args ...any) {
	s.out.Lock()
	defer s.out.Unlock()
	fmt.Fprintf(s.e.stdout, format, args...)
}

// HandleUpdate prints what the script's account says.
func (s *simulatedUser) HandleUpdate(_ context.Context, u client.Update) {
	var m *api.Message
	switch x := u.Update.(type) {
	case *api.UpdateNewMessage:
		m, _ = x.Message.(*api.Message)
	case *api.UpdateEditMessage:
		if mm, ok := x.Message.(*api.Message); ok && !mm.Out {
			s.printf("bot (edited): %s\n", mm.Message)
		}
		return
	}
	if m == nil || m.Out {
		return
	}
	if media := describeMedia(m.Media); media != "" {
		s.printf("bot: [%s] %s\n", media, m.Message)
	} else {
		s.printf("bot: %s\n", m.Message)
	}
	if kb, ok := m.ReplyMarkup.(*api.ReplyInlineMarkup); ok {
		var bs []button
		var labels []string
		for _, row := range kb.Rows {
			for _, b := range row.Buttons {
				if cb, ok := b.(*api.KeyboardButtonCallback); ok {
					bs = append(bs, button{text: cb.Text, data: cb.Data, msgID: m.ID})
					labels = append(labels, fmt.Sprintf("[%d] %s", len(bs), cb.Text))
				}
			}
		}
		if len(bs) > 0 {
			s.printf("     buttons: %s\n", strings.Join(labels, "  "))
			s.mu.Lock()
			s.buttons = bs
			s.mu.Unlock()
		}
	}
}

// talk sends the user's side: typed lines, or samples every second.
func (s *simulatedUser) talk(ctx context.Context, interactive bool, samples []string, every time.Duration) {
	if interactive {
		lines := bufio.NewScanner(s.e.stdin)
		for lines.Scan() {
			if ctx.Err() != nil {
				return
			}
			s.say(ctx, strings.TrimSpace(lines.Text()))
		}
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		msg := samples[i%len(samples)]
		if i >= len(samples) {
			msg = fmt.Sprintf("sample message %d", i+1)
		}
		s.say(ctx, msg)
	}
}

// defaultSamples is what the simulated user says without a terminal,
// unless the script names its own samples.
var defaultSamples = []string{"/start", "hello", "how are you?", "!1", "luagram is live"}

// scriptSamples reads a "-- samples: a | b | c" line in the first lines of
// a script: the conversation its example should show.
func scriptSamples(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		return defaultSamples
	}
	for i, line := range strings.Split(string(data), "\n") {
		if i > 30 {
			break
		}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "-- samples:"); ok {
			var out []string
			for _, s := range strings.Split(rest, "|") {
				if s = strings.TrimSpace(s); s != "" {
					out = append(out, s)
				}
			}
			if len(out) > 0 {
				return out
			}
		}
	}
	return defaultSamples
}

// say sends one line: !N presses button N of the last keyboard.
func (s *simulatedUser) say(ctx context.Context, line string) {
	if line == "" {
		return
	}
	if strings.HasPrefix(line, "!") {
		var n int
		fmt.Sscanf(line[1:], "%d", &n)
		s.mu.Lock()
		bs := s.buttons
		s.mu.Unlock()
		if n < 1 || n > len(bs) {
			return // no such button (yet): nothing to press
		}
		b := bs[n-1]
		s.printf("you: (pressed %q)\n", b.text)
		peer, err := s.c.InputPeer(ctx, s.peerName)
		if err != nil {
			s.printf("error: %v\n", err)
			return
		}
		ans, err := client.Call(ctx, s.c, &api.MessagesGetBotCallbackAnswerRequest{Peer: peer, MsgID: b.msgID, Data: b.data})
		if err != nil {
			s.printf("error: %v\n", err)
			return
		}
		if msg, ok := ans.Message.Get(); ok {
			s.printf("bot (answer): %s\n", msg)
		}
		return
	}
	s.printf("you: %s\n", line)
	peer, err := s.c.InputPeer(ctx, s.peerName)
	if err == nil {
		_, err = client.Call(ctx, s.c, &api.MessagesSendMessageRequest{Peer: peer, Message: line, RandomID: time.Now().UnixNano()})
	}
	if err != nil && ctx.Err() == nil {
		s.printf("error: %v\n", err)
	}
}

// describeMedia names what a message carries, for the transcript: "photo"
// or "document report.csv, 2048 bytes"; "" for none.
func describeMedia(m api.MessageMediaClass) string {
	switch x := m.(type) {
	case *api.MessageMediaPhoto:
		return "photo"
	case *api.MessageMediaDocument:
		d, ok := x.Document.(*api.Document)
		if !ok {
			return "document"
		}
		name := "document"
		for _, a := range d.Attributes {
			if fn, ok := a.(*api.DocumentAttributeFilename); ok {
				name = "document " + fn.FileName
			}
		}
		return fmt.Sprintf("%s, %d bytes", name, d.Size)
	}
	return ""
}
