// Command tlgen generates a Go package from a TL schema. It is run by
// `make generate` (through the //go:generate lines of tl/mt, tl/api and
// tl/e2e) and reads schemas from $LUAGRAM_SPEC, or from ../shared/spec next
// to the repository. It deletes and rewrites only *_gen.go files.
//
// Usage:
//
//	tlgen -schema FILE -pkg NAME [-out DIR] [-layer N] [-global=false] [-registry NAME]
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/luagram/luagram/tl/tlgen"
)

func main() {
	opts, err := tlgen.ParseArgs(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err == nil {
		var files map[string][]byte
		if files, err = tlgen.Run(opts, os.Stderr); err == nil {
			err = tlgen.WriteFiles(opts.Out, files)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
