package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/e2e"
	_ "github.com/luagram/luagram/tl/mt" // registers the MTProto types
)

func init() {
	register(&command{
		name:    "tl",
		summary: "decode TL bytes to JSON (tl decode HEX), or look up a constructor (tl id NAME|ID)",
		usage:   "decode [--schema api|e2e] HEX|-  |  id NAME|#ID",
		run:     runTL,
	})
}

func runTL(e *env, args []string) error {
	if len(args) == 0 {
		return errUsage
	}
	switch args[0] {
	case "decode":
		return runTLDecode(e, args[1:])
	case "id":
		return runTLID(e, args[1:])
	case "-h", "--help":
		return flags(e, commands["tl"]).Parse(args)
	}
	return errUsage
}

func runTLDecode(e *env, args []string) error {
	fs := flags(e, commands["tl"])
	schema := fs.String("schema", "api", "which registry to decode with: api (Telegram API and MTProto) or e2e (secret-chat layer)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errUsage
	}
	text := fs.Arg(0)
	if text == "-" {
		b, err := io.ReadAll(e.stdin)
		if err != nil {
			return err
		}
		text = string(b)
	}
	text = strings.Join(strings.Fields(text), "")
	data, err := hex.DecodeString(text)
	if err != nil {
		return fmt.Errorf("input is not hex: %w", err)
	}
	d := tl.NewDecoder(data)
	var o tl.Object
	switch *schema {
	case "api":
		o = tl.DecodeObject(d)
	case "e2e":
		id := d.ID()
		if o = e2e.Types.New(id); o == nil {
			d.BadID(id, "e2e object")
		} else if d.Enter() {
			o.DecodeBare(d)
			d.Leave()
		}
	default:
		return fmt.Errorf("unknown schema %q (want api or e2e)", *schema)
	}
	if err := d.End(); err != nil {
		var de *tl.DecodeError
		if errors.As(err, &de) {
			if de.GzipOffset >= 0 {
				return fmt.Errorf("decoding failed at byte offset %d (inside gzip_packed, inflated byte %d): %s", de.Offset, de.GzipOffset, de.Reason())
			}
			return fmt.Errorf("decoding failed at byte offset %d: %s", de.Offset, de.Reason())
		}
		return err
	}
	fmt.Fprintln(e.stdout, tl.Format(o))
	return nil
}

func runTLID(e *env, args []string) error {
	if len(args) != 1 {
		return errUsage
	}
	q := strings.TrimPrefix(args[0], "#")
	found := false
	for _, r := range append(tl.Registries(), e2e.Types) {
		for _, ti := range r.All() {
			if ti.Name == q || fmt.Sprintf("%08x", ti.ID) == strings.ToLower(q) {
				kind := "constructor"
				if ti.Function {
					kind = "function"
				}
				fmt.Fprintf(e.stdout, "%s #%08x %s %s of %s\n", r.Name(), ti.ID, kind, ti.Name, ti.Type)
				found = true
			}
		}
	}
	if !found {
		return fmt.Errorf("no constructor or function %q", args[0])
	}
	return nil
}
