package main

import (
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/settings"
)

func init() {
	register(&command{
		name:    "sandbox",
		summary: "run a local Telegram-like server (several DCs) for development and tests",
		usage:   "[--listen 127.0.0.1:9443] [--dcs 3] [--data-dir DIR] [--key-out FILE] [--config-out FILE] [fault flags]",
		run:     runSandbox,
	})
}

func defaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "luagram", "sandbox")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "luagram", "sandbox")
	}
	return "luagram-sandbox"
}

func runSandbox(e *env, args []string) error {
	fs := flags(e, commands["sandbox"])
	listen := fs.String("listen", "127.0.0.1:9443", "address of DC 1; DC n listens on the following ports (port 0: any free ports)")
	numDCs := fs.Int("dcs", 3, "number of DCs")
	dataDir := fs.String("data-dir", defaultDataDir(), "directory keeping the sandbox's RSA key between starts")
	keyOut := fs.String("key-out", "", "write the server's public key to FILE (PKCS#1 PEM)")
	configOut := fs.String("config-out", "", "write a luagram settings file pointing a client at this sandbox")
	logLevel := fs.String("log", "warn", "log level: debug, info, warn, error")
	var faults session.FaultConfig
	fs.IntVar(&faults.DropEvery, "drop-every", 0, "fault: drop a connection after every N frames from clients")
	fs.Float64Var(&faults.DropRate, "drop-rate", 0, "fault: drop a connection after a frame with this probability")
	fs.DurationVar(&faults.Delay, "delay", 0, "fault: delay every frame the server sends")
	fs.Float64Var(&faults.FloodRate, "flood-rate", 0, "fault: answer this fraction of queries with FLOOD_WAIT_X")
	fs.IntVar(&faults.FloodWait, "flood-wait", 3, "fault: the X of FLOOD_WAIT_X, in seconds")
	fs.Float64Var(&faults.BadMsgRate, "bad-msg-rate", 0, "fault: refuse this fraction of queries with bad_msg_notification (16, 17, 32, 33)")
	updateDrop := fs.Float64("drop-updates", 0, "fault: drop this fraction of the updates pushed to clients (getDifference recovers them)")
	saltPeriod := fs.Duration("salt-period", 30*time.Minute, "fault: how often server salts rotate")
	cdn := fs.String("cdn", "public", "which documents the CDN DC serves: public (in public channels), everywhere, or off")
	cdnMinSize := fs.Int64("cdn-min-size", sandbox.DefaultCDNMinSize, "size in bytes from which documents go to the CDN DC")
	var bots, users repeated
	fs.Var(&bots, "bot", "create a bot @NAME and print its token (repeatable)")
	fs.Var(&users, "user", "create a user PHONE[:PASSWORD] (test numbers 99966XYYYY log in on DC X with code XXXXX; repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return errUsage
	}
	level := slog.LevelWarn
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("--log: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	policy := sandbox.CDNPolicy{MinSize: *cdnMinSize}
	switch *cdn {
	case "public":
	case "everywhere":
		policy.Everywhere = true
	case "off":
		policy.Off = true
	default:
		return fmt.Errorf("--cdn must be public, everywhere or off, not %q", *cdn)
	}
	sb, err := sandbox.New(sandbox.Config{Listen: *listen, DCs: *numDCs, DataDir: *dataDir, Logger: logger, CDN: policy})
	if err != nil {
		return err
	}
	defer sb.Close()
	for _, dc := range sb.DCs() {
		dc.Faults().Set(faults)
		dc.Salts().SetPeriod(*saltPeriod)
	}
	sb.SetUpdateDropRate(*updateDrop)
	for _, name := range bots {
		b, err := sb.CreateBot(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "bot @%s token=%s\n", b.Username, b.Token)
	}
	for _, spec := range users {
		phone, password, _ := strings.Cut(spec, ":")
		u, err := sb.CreateUser(phone, "User", phone[max(0, len(phone)-4):], "", password)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "user %s id=%d dc=%d code=%s\n", u.Phone, u.ID, u.HomeDC, u.Code)
	}
	pem := sandbox.PublicKeyPEM(sb.PublicKey())
	if *keyOut != "" {
		if err := os.WriteFile(*keyOut, pem, 0o644); err != nil {
			return err
		}
	}
	if *configOut != "" {
		if err := os.WriteFile(*configOut, []byte(sandboxSettings(sb, pem).Lua()), 0o600); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.stdout, sb.ReadyLine())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	select {
	case <-sig:
	case <-e.done:
	}
	return nil
}

// sandboxSettings are the client settings that point at sb.
func sandboxSettings(sb *sandbox.Sandbox, pem []byte) *settings.Settings {
	s := settings.Defaults()
	s.Connection.TestMode = true
	s.Connection.DefaultDC = 1
	s.Connection.DC = map[int]string{}
	for _, dc := range sb.DCs() {
		s.Connection.DC[dc.ID] = dc.Addr()
	}
	s.Authorization.RSAKeys = []string{string(pem)}
	// The sandbox accepts any app; these let luagram login work at once.
	s.AppInfo.APIID, s.AppInfo.APIHash = 17349, "sandbox-api-hash"
	return s
}

// repeated collects a repeatable string flag.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }
