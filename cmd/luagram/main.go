// Command luagram runs Lua scripts as Telegram bots and userbots on
// luagram's own MTProto client, and offers the tools around it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// A command is one subcommand of luagram.
type command struct {
	name    string
	summary string
	usage   string // arguments after the command name
	run     func(env *env, args []string) error
}

// env carries the process streams, so commands can be tested.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// done, when set, stops long-running commands (tests); otherwise they
	// run until interrupted.
	done <-chan struct{}
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// errUsage makes main print the command's usage and exit with status 2.
var errUsage = errors.New("usage")

func main() {
	os.Exit(run(&env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:]))
}

func run(e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" && len(args) == 1 {
		usage(e.stdout)
		return 0
	}
	name := args[0]
	if name == "help" {
		name, args = args[1], []string{args[1], "--help"}
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "luagram: unknown command %q\n\n", name)
		usage(e.stderr)
		return 2
	}
	err := c.run(e, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(e.stderr, "usage: luagram %s %s\n", c.name, c.usage)
		return 2
	default:
		fmt.Fprintf(e.stderr, "luagram %s: %v\n", c.name, err)
		return 1
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "luagram runs Lua scripts as Telegram bots and userbots.")
	fmt.Fprintln(w, "\nUsage:\n\n\tluagram <command> [arguments]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "\t%-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"luagram <command> --help\" for a command's options.")
}

// flags returns a FlagSet for c whose --help output names the command.
func flags(e *env, c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(e.stdout)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "usage: luagram %s %s\n\n%s.\n", c.name, c.usage, upperFirst(c.summary))
		var opts strings.Builder
		fs.SetOutput(&opts)
		fs.PrintDefaults()
		fs.SetOutput(e.stdout)
		if opts.Len() > 0 {
			fmt.Fprintf(e.stdout, "\nOptions:\n%s", opts.String())
		}
	}
	return fs
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
