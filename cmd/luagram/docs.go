package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/luagram/luagram/apidoc"
)

func init() {
	register(&command{
		name:    "docs",
		summary: "print the reference of a method (docs messages.sendMessage) or write all of it as Markdown",
		usage:   "[--out DIR] [METHOD|CONSTRUCTOR]",
		run:     runDocs,
	})
}

func runDocs(e *env, args []string) error {
	fs := flags(e, commands["docs"])
	out := fs.String("out", "docs/api", "directory to write one Markdown page per method into")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 1:
		name := fs.Arg(0)
		if m, ok := apidoc.Method(name); ok {
			fmt.Fprint(e.stdout, apidoc.Markdown(m))
			return nil
		}
		if c, ok := apidoc.Constructor(name); ok {
			fmt.Fprintf(e.stdout, "# %s\n\nA constructor of `%s` (id `#%08x`).\n\n", c.Name, c.Type, c.ID)
			for _, p := range c.Params {
				opt := ""
				if p.Optional() {
					opt = " (optional, " + p.Flag + ")"
				}
				fmt.Fprintf(e.stdout, "- `%s`: %s%s\n", p.Name, p.Type, opt)
			}
			return nil
		}
		return fmt.Errorf("no method or constructor %q (names are as in the schema, e.g. messages.sendMessage)", name)
	case 0:
		return writeDocs(e, *out)
	}
	return errUsage
}

func writeDocs(e *env, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var index strings.Builder
	fmt.Fprintf(&index, "# Telegram API methods (layer %d)\n\nEvery method can be called from Lua as `namespace.method{...}`.\n\n", apidoc.Layer())
	methods := apidoc.Methods()
	names := make([]string, 0, len(methods))
	for _, m := range methods {
		if err := os.WriteFile(filepath.Join(dir, m.Name+".md"), []byte(apidoc.Markdown(m)), 0o644); err != nil {
			return err
		}
		names = append(names, m.Name)
	}
	sort.Strings(names)
	for _, n := range names {
		mark := ""
		if apidoc.Implemented(n) {
			mark = " (sandbox)"
		}
		fmt.Fprintf(&index, "- [%s](%s.md)%s\n", n, n, mark)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.md"), []byte(index.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %d method pages and index.md to %s\n", len(methods), dir)
	return nil
}
