package tlgen

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/luagram/luagram/tl"
)

// Options are the command-line arguments of tlgen, as written in the
// //go:generate lines.
type Options struct {
	Schema   string // schema file name, in the spec directory (or a path)
	Package  string
	Registry string
	Global   bool
	Layer    int
	Out      string
	// Lua generates the Lua bindings of the schema (package bindings)
	// instead of its Go types; see GenerateLua.
	Lua bool
}

// ParseArgs reads tlgen's arguments: -schema FILE -pkg NAME [-out DIR]
// [-layer N] [-global=false] [-registry NAME] [-lua]. Usage errors go to w.
func ParseArgs(args []string, w io.Writer) (Options, error) {
	var o Options
	fs := flag.NewFlagSet("tlgen", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.StringVar(&o.Schema, "schema", "", "schema file name, in the spec directory (or a path)")
	fs.StringVar(&o.Package, "pkg", "", "Go package name")
	fs.StringVar(&o.Registry, "registry", "", "registry name (default: the package name)")
	fs.BoolVar(&o.Global, "global", true, "register the types in tl's global registry")
	fs.IntVar(&o.Layer, "layer", 0, "API layer, when the schema has no \"// LAYER N\" line")
	fs.StringVar(&o.Out, "out", ".", "output directory")
	fs.BoolVar(&o.Lua, "lua", false, "generate the Lua bindings of the schema instead of its Go types")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.Schema == "" || o.Package == "" {
		return o, fmt.Errorf("tlgen: -schema and -pkg are required")
	}
	return o, nil
}

// Run generates the package o describes and returns the files by name.
// Warnings (explicit ids that are not their CRC) go to warn.
func Run(o Options, warn io.Writer) (map[string][]byte, error) {
	path, err := SpecPath(o.Schema)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := tl.ParseFile(path, tl.ParseOptions{})
	if err != nil {
		return nil, err
	}
	for _, m := range s.Mismatches {
		fmt.Fprintf(warn, "tlgen: warning: %v\n", m)
	}
	layer := o.Layer
	if s.Layer != 0 {
		layer = s.Layer
	}
	registry := o.Registry
	if registry == "" {
		registry = o.Package
	}
	sum := sha256.Sum256(data)
	if o.Lua {
		return GenerateLua(s, LuaConfig{Package: o.Package, Schema: filepath.Base(path),
			SHA256: hex.EncodeToString(sum[:]), Layer: layer})
	}
	return Generate(s, Config{
		Package: o.Package, Schema: filepath.Base(path), SHA256: hex.EncodeToString(sum[:]),
		Layer: layer, Registry: registry, Global: o.Global,
	})
}

// WriteFiles replaces every *_gen.go file in dir with files.
func WriteFiles(dir string, files map[string][]byte) error {
	old, _ := filepath.Glob(filepath.Join(dir, "*_gen.go"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
