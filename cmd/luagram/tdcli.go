package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/bindings"
	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/runtime/clientlib"
	"github.com/luagram/luagram/runtime/tdcli"
)

// Legacy tdcli scripts in luagram run. A script is a tdcli script when it
// defines tdcli_update_callback (or with --tdcli); such scripts run in a
// host of their own with the tdcli environment (runtime/tdcli), next to
// the other scripts, on the same account.

// tdcliOptions are the options of luagram run for tdcli scripts.
type tdcliOptions struct {
	force   bool   // --tdcli: every script is a tdcli script
	dataDir string // --tdcli-data
	redis   string // --redis
	sandbox bool   // --tdcli-sandbox
	profile string // -p of the telegram-cli form
}

func addTDCLIFlags(fs *flag.FlagSet, o *tdcliOptions) {
	fs.BoolVar(&o.force, "tdcli", false, "run every script as a legacy tdcli script (tdcli_function, tdcli_update_callback); scripts defining tdcli_update_callback are anyway")
	fs.StringVar(&o.dataDir, "tdcli-data", "", "tdcli scripts: directory of downloaded files and of the embedded Redis store (default: next to the session, SESSION-tdcli)")
	fs.StringVar(&o.redis, "redis", "", "tdcli scripts: address of a Redis server for the redis module (host:port, redis://host:port/db, unix:/path); default: the embedded store")
	fs.BoolVar(&o.sandbox, "tdcli-sandbox", false, "tdcli scripts: confine io, os, loadfile, dofile and require to the script's directory, as luagram scripts are")
	fs.StringVar(&o.profile, "profile", "", "telegram-cli's -p: the session PROFILE.session and the data PROFILE-tdcli")
}

// telegramCLIFlags are the options of telegram-cli's command line that take
// a value; the others are switches. Only -s, -p, -l and --bot mean
// something here.
var telegramCLIFlags = map[string]bool{
	"-s": true, "--lua-script": true, "-p": true, "--profile": true, "-l": true, "--verbosity": true,
	"-u": true, "-k": true, "-c": true, "-f": true, "-L": true, "-U": true, "-G": true, "-P": true, "-S": true,
	"-e": true, "-Z": true, "-b": true, "--bot": true, "--rsa-key": true, "--config": true, "--logname": true,
	"--username": true, "--exec": true, "--port": true, "--udp-socket": true,
}

// telegramCLIArgs translates telegram-cli's command line (telegram-cli -s
// bot.lua -p profile -W -R …, as old launch scripts run it) into luagram
// run's, or returns args unchanged when they are not in that form. The
// notes say what was not kept.
func telegramCLIArgs(args []string) (out []string, notes []string) {
	form := false
	for _, a := range args {
		if a == "-s" || a == "--lua-script" || strings.HasPrefix(a, "--lua-script=") || strings.HasPrefix(a, "-s") && len(a) > 2 && !strings.HasPrefix(a, "--") {
			form = true
		}
	}
	if !form {
		return args, nil
	}
	var scripts []string
	out = []string{"--tdcli", "--no-watch"}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(a, "=")
		if !hasVal && len(a) > 2 && a[0] == '-' && a[1] != '-' && telegramCLIFlags[a[:2]] {
			name, val, hasVal = a[:2], a[2:], true // -sbot.lua
		}
		if !hasVal && telegramCLIFlags[name] && i+1 < len(args) {
			val, hasVal = args[i+1], true
			i++
		}
		switch name {
		case "-s", "--lua-script":
			scripts = append(scripts, val)
		case "-p", "--profile":
			out = append(out, "--profile", val)
		case "-l", "--verbosity":
			level := "warn"
			if val >= "2" {
				level = "debug"
			} else if val >= "1" {
				level = "info"
			}
			out = append(out, "--log", level)
		case "-b", "--bot":
			notes = append(notes, "telegram-cli's "+name+": log the bot in once with luagram login --bot TOKEN --session FILE")
		case "-e", "--exec", "-d", "--daemonize":
			notes = append(notes, "telegram-cli's "+name+" is not supported; ignored")
		default:
			if strings.HasPrefix(a, "-") {
				continue // -W, -R, -C, -N, -E, -k …: nothing to do here
			}
			scripts = append(scripts, a)
		}
	}
	return append(out, scripts...), notes
}

// tdcliFunctionRe finds the definition of tdcli_update_callback.
var tdcliFunctionRe = regexp.MustCompile(`(?m)(^|[^\w.:])(function\s+tdcli_update_callback\s*\(|tdcli_update_callback\s*=\s*function\b)`)

// isTDCLIScript reports whether a script is written for tdcli.
func isTDCLIScript(path string) (bool, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	return tdcliFunctionRe.Match(src), nil
}

// checkScripts refuses precompiled scripts and sorts the scripts into
// tdcli ones and others.
func checkScripts(o *runOptions) (td, plain []string, err error) {
	for _, s := range o.scripts {
		src, err := os.ReadFile(s)
		if err != nil {
			return nil, nil, err
		}
		if err := tdcli.CheckSource(s, src); err != nil {
			return nil, nil, err
		}
		if o.td.force || tdcliFunctionRe.Match(src) {
			td = append(td, s)
		} else {
			plain = append(plain, s)
		}
	}
	return td, plain, nil
}

// finishTDCLIOptions completes the options after parsing: the session and
// data directory of a profile, and — for the sandbox — a user account for
// tdcli scripts (they were userbots) unless --as says otherwise.
func finishTDCLIOptions(fs *flag.FlagSet, o *runOptions) {
	if o.td.profile != "" && o.session == "" {
		o.session = o.td.profile + ".session"
	}
	asSet := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "as" {
			asSet = true
		}
	})
	if o.sandbox && !asSet && len(o.scripts) > 0 {
		if td, _, err := checkScripts(o); err == nil && len(td) > 0 {
			o.as = "user"
		}
	}
}

// tdcliDataDir is where a run keeps tdcli's files.
func tdcliDataDir(o runOptions) string {
	switch {
	case o.td.dataDir != "":
		return o.td.dataDir
	case o.td.profile != "":
		return o.td.profile + "-tdcli"
	case o.session != "":
		return strings.TrimSuffix(o.session, filepath.Ext(o.session)) + "-tdcli"
	}
	return "tdcli-data"
}

// tdcliRuntime is the tdcli side of a run: the environment and the host
// of the tdcli scripts.
type tdcliRuntime struct {
	env     *tdcli.Env
	host    *runtime.Host
	started bool
}

// startTDCLI prepares the tdcli host when the run has tdcli scripts.
func (rt *scriptRuntime) startTDCLI(c *client.Client, o runOptions, logger *slog.Logger) error {
	td, _, err := checkScripts(&o)
	if err != nil || len(td) == 0 {
		return err
	}
	dataDir := tdcliDataDir(o)
	if o.sandbox && o.session == "" && o.td.dataDir == "" {
		if dataDir, err = os.MkdirTemp("", "luagram-tdcli"); err != nil {
			return err
		}
	}
	env, err := tdcli.New(tdcli.Config{Client: c, DataDir: dataDir, Redis: o.td.redis, Sandbox: o.td.sandbox, Logger: logger})
	if err != nil {
		return err
	}
	resolver := clientlib.Resolver{C: c}
	host := runtime.New(runtime.Config{
		Invoker: c,
		Prepare: func(L *lua.LState) { bindings.SetHooks(L, resolver.Hooks()) },
		KV:      c.Store().KV(),
		Logger:  logger,
		Watch:   o.watch,
		OnEvent: func(ev runtime.Event) { logEvent(logger, ev) },
	})
	env.Install(host)
	clientlib.Install(host, c)
	rt.td = &tdcliRuntime{env: env, host: host}
	return nil
}

// updates is the client's handler: every update goes to the host of the
// plain scripts and, as TD updates, to the tdcli scripts.
func (rt *scriptRuntime) updates() client.UpdateHandler {
	plain := clientlib.Updates(rt.host)
	return client.UpdateHandlerFunc(func(ctx context.Context, u client.Update) {
		plain.HandleUpdate(ctx, u)
		if td := rt.td; td != nil {
			td.env.HandleUpdate(ctx, u)
		}
	})
}

// startScript starts a script in its host; the tdcli environment loads
// the account and its chats before the first tdcli script.
func (rt *scriptRuntime) startScript(ctx context.Context, o runOptions, path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := tdcli.CheckSource(path, src); err != nil {
		return err
	}
	if rt.td == nil || !o.td.force && !tdcliFunctionRe.Match(src) {
		_, err := rt.host.Start(path)
		return err
	}
	if !rt.td.started {
		if err := rt.td.env.Start(ctx); err != nil {
			return err
		}
		rt.td.started = true
	}
	_, err = rt.td.host.Start(path)
	return err
}

// waitScripts waits until every script of both hosts has ended.
func (rt *scriptRuntime) waitScripts() error {
	err := rt.host.Wait()
	if rt.td != nil {
		err = errors.Join(err, rt.td.host.Wait())
	}
	return err
}

// closeTDCLI stops the tdcli scripts and saves the embedded Redis store.
func (rt *scriptRuntime) closeTDCLI() {
	if rt.td != nil {
		rt.td.host.Close()
		rt.td.env.Close()
	}
}

// printNotes tells what of telegram-cli's command line was not kept.
func printNotes(e *env, notes []string) {
	for _, n := range notes {
		fmt.Fprintln(e.stderr, "luagram run:", n)
	}
}
