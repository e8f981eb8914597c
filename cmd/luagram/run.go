package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/runtime/clientlib"
	"github.com/luagram/luagram/settings"
	"github.com/luagram/luagram/storage"
	lua "github.com/yuin/gopher-lua"
)

func init() {
	register(&command{
		name:    "run",
		summary: "run Lua scripts as a bot or userbot (--sandbox: against a local server, with a simulated user to talk to)",
		usage:   "[--sandbox [--as bot|user]] [--watch|--no-watch] [--config FILE] [--session FILE] [--duration D] [--tdcli] [--redis ADDR] SCRIPT...\n       luagram run -s SCRIPT [-p PROFILE] (telegram-cli's form)",
		run:     runRun,
	})
}

type runOptions struct {
	sandbox  bool
	interval time.Duration
	as       string
	watch    bool
	config   string
	session  string
	duration time.Duration
	logLevel string
	scripts  []string
	td       tdcliOptions // tdcli.go
}

func runRun(e *env, args []string) error {
	args, notes := telegramCLIArgs(args) // telegram-cli -s bot.lua -p profile
	printNotes(e, notes)
	fs := flags(e, commands["run"])
	var o runOptions
	addTDCLIFlags(fs, &o.td)
	fs.BoolVar(&o.sandbox, "sandbox", false, "start an embedded sandbox, log the script in there and simulate a user talking to it")
	fs.StringVar(&o.as, "as", "bot", "with --sandbox: run the script as a \"bot\" or as a \"user\" (userbot)")
	fs.BoolVar(&o.watch, "watch", true, "reload a script when it or a module it required changes; a script that fails to start waits for a fix")
	noWatch := fs.Bool("no-watch", false, "do not reload scripts on changes")
	fs.StringVar(&o.config, "config", "", "settings file (Lua)")
	fs.StringVar(&o.session, "session", "", "session file written by luagram login (default luagram.session; with --sandbox, none)")
	fs.DurationVar(&o.duration, "duration", 0, "stop after this long (0: run until interrupted or every script ended)")
	fs.StringVar(&o.logLevel, "log", "warn", "log level: debug, info, warn, error")
	fs.DurationVar(&o.interval, "sample-interval", time.Second, "with --sandbox and no terminal: time between the simulated user's sample messages")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *noWatch {
		o.watch = false
	}
	o.scripts = fs.Args()
	if len(o.scripts) == 0 {
		return errUsage
	}
	if o.as != "bot" && o.as != "user" {
		return fmt.Errorf("--as must be bot or user, not %q", o.as)
	}
	for _, s := range o.scripts {
		if _, err := os.Stat(s); err != nil {
			return err
		}
	}
	finishTDCLIOptions(fs, &o)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if e.done != nil {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		go func() {
			select {
			case <-e.done:
				cancel()
			case <-ctx.Done():
			}
		}()
	}
	if o.duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.duration)
		defer cancel()
	}
	level := slog.LevelWarn
	if err := level.UnmarshalText([]byte(o.logLevel)); err != nil {
		return fmt.Errorf("--log: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	if o.sandbox {
		return runSandboxed(ctx, e, o, logger)
	}
	set, err := loadSettings(o.config)
	if err != nil {
		return err
	}
	if o.session == "" {
		o.session = defaultSessionPath()
	}
	if _, err := os.Stat(o.session); err != nil {
		return fmt.Errorf("no session %s: log in first with luagram login --session %s", o.session, o.session)
	}
	store, err := storage.Open(o.session)
	if err != nil {
		return err
	}
	rt, err := startRuntime(ctx, set, store, o, logger)
	if err != nil {
		return err
	}
	defer rt.close()
	if !rt.client.LoggedIn() {
		return fmt.Errorf("the session %s is not logged in: run luagram login --session %s", o.session, o.session)
	}
	return rt.run(ctx, e, o.scripts...)
}

// A scriptRuntime is a client with a script host on top.
type scriptRuntime struct {
	client *client.Client
	host   *runtime.Host
	opts   runOptions
	td     *tdcliRuntime // tdcli.go; nil without tdcli scripts
}

// invokerFunc adapts a function to runtime.Invoker.
type invokerFunc func(ctx context.Context, q []byte) ([]byte, error)

func (f invokerFunc) Invoke(ctx context.Context, q []byte) ([]byte, error) { return f(ctx, q) }

// startRuntime creates the client and the host; scripts start in run.
func startRuntime(ctx context.Context, set *settings.Settings, store *storage.Store, o runOptions, logger *slog.Logger) (*scriptRuntime, error) {
	rt := &scriptRuntime{opts: o}
	var resolver clientlib.Resolver
	rt.host = runtime.New(runtime.Config{
		Invoker: invokerFunc(func(ctx context.Context, q []byte) ([]byte, error) { return rt.client.Invoke(ctx, q) }),
		Prepare: func(L *lua.LState) { bindings.SetHooks(L, resolver.Hooks()) },
		KV:      store.KV(),
		Logger:  logger,
		Watch:   o.watch,
		OnEvent: func(ev runtime.Event) { logEvent(logger, ev) },
	})
	c, err := client.New(client.Config{Settings: set, Store: store, Handler: rt.updates(), Logger: logger})
	if err != nil {
		rt.host.Close()
		store.Close()
		return nil, err
	}
	rt.client, resolver.C = c, c
	clientlib.Install(rt.host, c)
	if err := rt.startTDCLI(c, o, logger); err != nil {
		rt.host.Close()
		c.Close()
		return nil, err
	}
	return rt, nil
}

func logEvent(logger *slog.Logger, ev runtime.Event) {
	switch ev.Kind {
	case runtime.ReloadFailed, runtime.HandlerFailed:
		logger.Error(ev.Kind.String(), "script", ev.Script, "err", ev.Err)
	case runtime.Reloaded:
		logger.Info("reloaded", "script", ev.Script)
	default:
		logger.Debug(ev.Kind.String(), "script", ev.Script)
	}
}

// run starts the updates and the scripts and waits until the scripts end
// or ctx does.
func (rt *scriptRuntime) run(ctx context.Context, e *env, scripts ...string) error {
	if err := rt.client.StartUpdates(ctx); err != nil {
		return fmt.Errorf("starting updates: %w", err)
	}
	for _, s := range scripts {
		if err := rt.startScript(ctx, rt.opts, s); err != nil {
			var le *runtime.LoadError
			if rt.opts.watch && errors.As(err, &le) {
				continue // logged; the script loads once its file is fixed
			}
			return err
		}
	}
	ended := make(chan error, 1)
	go func() { ended <- rt.waitScripts() }()
	select {
	case err := <-ended:
		return err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil // --duration is over
		}
		return nil
	}
}

func (rt *scriptRuntime) close() {
	rt.host.Close()
	rt.closeTDCLI()
	rt.client.Close()
}

func scriptBotName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b strings.Builder
	for _, r := range base {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if len(name) < 3 {
		name = "luagram"
	}
	return name + "_bot"
}
