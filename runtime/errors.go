package runtime

import (
	"errors"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

var (
	// ErrClosed is returned by a Host that was closed.
	ErrClosed = errors.New("runtime: host closed")
	// ErrNoInvoker is raised by API calls when the host has no Invoker.
	ErrNoInvoker = errors.New("runtime: no client to call the API")
	// errDeadline stops a resume that ran longer than Config.ResumeTimeout.
	// Its message is what the script sees; it must not contain '%' (the VM
	// formats it).
	errDeadline = errors.New("runtime: resume deadline exceeded (the script ran too long without waiting)")
	// errStopped unwinds a script that called stop() or was closed.
	errStopped = errors.New("runtime: script stopped")
)

// A ScriptError is an error raised by Lua code: by the main chunk, a
// handler, a timer callback or a coroutine the host runs. It is logged and
// reported through Config.OnEvent; only a failing main chunk ends the
// script.
type ScriptError struct {
	Script    string // the script's name
	Handler   string // "main chunk", "on updateNewMessage", "timer", …
	Message   string // the Lua error value, converted with tostring
	Traceback string // Lua traceback where the error was raised, if known
	Err       error  // the Go cause: a *MemoryError, or nil
}

func (e *ScriptError) Error() string {
	return "runtime: " + e.Script + ": " + e.Handler + ": " + e.Message
}

func (e *ScriptError) Unwrap() error { return e.Err }

// A LoadError reports a script or module that does not compile, with the
// file and line of the error.
type LoadError struct {
	File   string
	Line   int // 0 if unknown
	Column int
	Msg    string
}

func (e *LoadError) Error() string {
	if e.Line == 0 {
		return "runtime: " + e.File + ": " + e.Msg
	}
	return fmt.Sprintf("runtime: %s:%d: %s", e.File, e.Line, e.Msg)
}

// loadError converts what gopher-lua's parser and compiler return.
func loadError(file string, err error) *LoadError {
	var pe *parse.Error
	var ce *lua.CompileError
	switch {
	case errors.As(err, &pe):
		msg := strings.TrimSpace(pe.Message)
		if pe.Pos.Line == parse.EOF {
			return &LoadError{File: file, Msg: msg + " at end of file"}
		}
		if pe.Token != "" {
			msg = "near '" + pe.Token + "': " + msg
		}
		return &LoadError{File: file, Line: pe.Pos.Line, Column: pe.Pos.Column, Msg: msg}
	case errors.As(err, &ce):
		return &LoadError{File: file, Line: ce.Line, Msg: ce.Message}
	}
	return &LoadError{File: file, Msg: err.Error()}
}

// A MemoryError reports a script whose Lua data outgrew Config.MemoryLimit.
// Size is the estimate of the walk that found it (see memGuard).
type MemoryError struct {
	Size  int64
	Limit int64
}

func (e *MemoryError) Error() string {
	return fmt.Sprintf("runtime: memory limit exceeded: about %.1f MB of Lua data, limit %.1f MB",
		float64(e.Size)/(1<<20), float64(e.Limit)/(1<<20))
}
