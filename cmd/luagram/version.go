package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/luagram/luagram/tl/api"
	"github.com/luagram/luagram/tl/e2e"
)

func init() {
	register(&command{
		name:    "version",
		summary: "print the version, the Telegram API layer and the secret-chat layer",
		run:     runVersion,
	})
}

func runVersion(e *env, args []string) error {
	fs := flags(e, commands["version"])
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return errUsage
	}
	version := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		version = bi.Main.Version
	}
	fmt.Fprintf(e.stdout, "luagram %s %s %s/%s\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(e.stdout, "layer %d\n", api.Layer)
	fmt.Fprintf(e.stdout, "secret chat layer %d\n", e2e.Layer)
	return nil
}
