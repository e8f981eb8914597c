// Command tlgen generates a Go package from a TL schema. It is run by
// `make generate` (through the //go:generate lines of tl/mt, tl/api and
// tl/e2e) and reads schemas from $LUAGRAM_SPEC, or from ../shared/spec next
// to the repository. It deletes and rewrites only *_gen.go files.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/tlgen"
)

func main() {
	var (
		schema   = flag.String("schema", "", "schema file name, in the spec directory (or a path)")
		pkg      = flag.String("pkg", "", "Go package name")
		out      = flag.String("out", ".", "output directory")
		registry = flag.String("registry", "", "registry name (default: the package name)")
		global   = flag.Bool("global", true, "register the types in tl's global registry")
		layer    = flag.Int("layer", 0, "API layer, when the schema has no \"// LAYER N\" line")
	)
	flag.Parse()
	if *schema == "" || *pkg == "" {
		fmt.Fprintln(os.Stderr, "usage: tlgen -schema FILE -pkg NAME [-out DIR] [-layer N]")
		os.Exit(2)
	}
	if err := run(*schema, *pkg, *out, *registry, *global, *layer); err != nil {
		fmt.Fprintln(os.Stderr, "tlgen:", err)
		os.Exit(1)
	}
}

func run(schema, pkg, out, registry string, global bool, layer int) error {
	path, err := tlgen.SpecPath(schema)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s, err := tl.ParseFile(path, tl.ParseOptions{})
	if err != nil {
		return err
	}
	for _, m := range s.Mismatches {
		fmt.Fprintf(os.Stderr, "tlgen: warning: %v\n", m)
	}
	if s.Layer != 0 {
		layer = s.Layer
	}
	if registry == "" {
		registry = pkg
	}
	sum := sha256.Sum256(data)
	files, err := tlgen.Generate(s, tlgen.Config{
		Package: pkg, Schema: filepath.Base(path), SHA256: hex.EncodeToString(sum[:]),
		Layer: layer, Registry: registry, Global: global,
	})
	if err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(out, "*_gen.go"))
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
		if err := os.WriteFile(filepath.Join(out, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
