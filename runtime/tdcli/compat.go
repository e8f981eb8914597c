package tdcli

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"github.com/luagram/luagram/runtime"
)

// The Lua 5.1/5.2 world of tdcli scripts.
//
// Unsandboxed (the default, as telegram-cli ran them): print and io.write
// go to Config.Stdout and io.read reads Config.Stdin (waiting without
// blocking other handlers); io.open, io.lines, io.popen and the whole os
// library are Lua's, except that os.exit ends the script (and luagram once
// every script ended) rather than the process at once; loadfile, dofile
// and require read files relative to the working directory, then to the
// script's directory, following package.path.
//
// With Config.Sandbox: io only writes to Config.Stdout (io.read returns
// nil), os keeps the host's safe subset (time, clock, date, difftime),
// and loadfile, dofile and require read files inside the script's
// directory only.
//
// Everywhere: load and loadstring compile strings, table.unpack and
// table.pack exist, bit32 is a global as in Lua 5.2, and precompiled
// bytecode is refused with a message saying so. Syntax errors read as
// Lua's (file:line: message near 'token'). Every file loadfile, dofile
// and require read is watched (runtime.Script.Watch): with the host's
// Config.Watch, editing it reloads the script as editing the script does.
// Files opened with io and the modules luagram provides are not watched.

//go:embed compat.lua
var compatSource string

var compatProto = sync.OnceValue(func() *lua.FunctionProto { return mustCompile(compatSource, "[tdcli]") })

func mustCompile(src, name string) *lua.FunctionProto {
	chunk, err := parse.Parse(strings.NewReader(src), name)
	if err != nil {
		panic("tdcli: " + name + ": " + err.Error())
	}
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		panic("tdcli: " + name + ": " + err.Error())
	}
	return proto
}

// bytecodeSignature starts every precompiled Lua chunk.
const bytecodeSignature = "\x1bLua"

// ErrBytecode is the error of a file or string of precompiled Lua.
type ErrBytecode struct{ Name string }

func (e *ErrBytecode) Error() string {
	return fmt.Sprintf("%s: precompiled Lua bytecode is not supported: luagram runs Lua source (Lua 5.1 with 5.2 additions, on gopher-lua), so use the .lua source of this file", e.Name)
}

// CheckSource returns an *ErrBytecode for precompiled Lua (luac output).
func CheckSource(name string, src []byte) error {
	if bytes.HasPrefix(src, []byte(bytecodeSignature)) {
		return &ErrBytecode{Name: name}
	}
	return nil
}

// compile compiles Lua source; a first line starting with # is skipped,
// keeping the line numbers.
func compile(L *lua.LState, src []byte, name string) (*lua.LFunction, error) {
	if err := CheckSource(name, src); err != nil {
		return nil, err
	}
	if len(src) > 0 && src[0] == '#' {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			i = len(src)
		}
		src = append([]byte("--"), src[i:]...)
	}
	chunk, err := parse.Parse(bytes.NewReader(src), name)
	if err != nil {
		return nil, sourceError(name, src, err)
	}
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, sourceError(name, src, err)
	}
	return L.NewFunctionFromProto(proto), nil
}

// sourceError gives a syntax error of gopher-lua's parser or compiler the
// form of Lua's, name:line: message near 'token', so that a script, its
// log and a failed reload show where the error is. An error at the end of
// the source is on its last line.
func sourceError(name string, src []byte, err error) error {
	var pe *parse.Error
	var ce *lua.CompileError
	switch {
	case errors.As(err, &pe):
		msg := strings.TrimSpace(pe.Message)
		if pe.Pos.Line == parse.EOF {
			return fmt.Errorf("%s:%d: %s near <eof>", name, bytes.Count(src, []byte("\n"))+1, msg)
		}
		if pe.Token != "" {
			msg += " near '" + pe.Token + "'"
		}
		return fmt.Errorf("%s:%d: %s", name, pe.Pos.Line, msg)
	case errors.As(err, &ce):
		return fmt.Errorf("%s:%d: %s", name, ce.Line, ce.Message)
	}
	return err
}

// openCompat installs the Lua 5.1/5.2 world in the state.
func (m *module) openCompat() error {
	L, e := m.s.State(), m.e
	g := L.G.Global
	g.RawSetString("print", L.NewFunction(m.print))
	stop := L.GetGlobal("stop")
	if e.cfg.Sandbox {
		iot := L.CreateTable(0, 2)
		iot.RawSetString("write", L.NewFunction(m.ioWrite))
		iot.RawSetString("read", L.NewFunction(func(*lua.LState) int { return 0 }))
		L.SetGlobal("io", iot)
	} else {
		for _, lib := range []struct {
			name string
			open lua.LGFunction
		}{{lua.IoLibName, lua.OpenIo}, {lua.OsLibName, lua.OpenOs}} {
			// The host kept a safe subset of os as the global; the full
			// library is what the loader returns (gopher-lua keeps it in
			// _LOADED).
			L.Push(L.NewFunction(lib.open))
			L.Push(lua.LString(lib.name))
			L.Call(1, 1)
			L.SetGlobal(lib.name, L.Get(-1))
			L.Pop(1)
		}
		iot := L.GetGlobal("io").(*lua.LTable)
		iot.RawSetString("write", L.NewFunction(m.ioWrite))
		iot.RawSetString("read", m.s.Func(m.ioRead))
		ost := L.GetGlobal("os").(*lua.LTable)
		ost.RawSetString("exit", L.NewFunction(func(L *lua.LState) int {
			if fn, ok := stop.(*lua.LFunction); ok {
				L.Push(fn)
				L.Call(0, 0)
			}
			return 0
		}))
	}
	g.RawSetString("loadfile", L.NewFunction(m.loadfile))
	g.RawSetString("loadstring", L.NewFunction(m.loadstring))
	g.RawSetString("load", L.NewFunction(m.load))
	bit, err := openBit32(L)
	if err != nil {
		return err
	}
	g.RawSetString("bit32", bit)
	names := make([]string, 0, len(preloads))
	for name := range preloads {
		names = append(names, name)
	}
	sort.Strings(names)
	list := L.CreateTable(len(names), 0)
	for _, n := range names {
		list.Append(lua.LString(n))
	}
	fn := L.NewFunctionFromProto(compatProto())
	return L.CallByParam(lua.P{Fn: fn, NRet: 1, Protect: true},
		L.NewFunction(m.find), L.GetGlobal("loadfile"), list, L.NewFunction(m.openPreload), lua.LBool(e.cfg.Sandbox))
}

// print writes its arguments, converted with tostring and separated by
// tabs, to Config.Stdout, as telegram-cli's print did.
func (m *module) print(L *lua.LState) int {
	var b strings.Builder
	for i := 1; i <= L.GetTop(); i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		b.WriteString(L.ToStringMeta(L.Get(i)).String())
	}
	b.WriteByte('\n')
	m.e.printf("%s", b.String())
	return 0
}

func (m *module) ioWrite(L *lua.LState) int {
	for i := 1; i <= L.GetTop(); i++ {
		switch v := L.Get(i).(type) {
		case lua.LString, lua.LNumber:
			m.e.printf("%s", v.String())
		default:
			L.ArgError(i, "string expected, got "+v.Type().String())
		}
	}
	return 0
}

// stdin is the Env's buffered standard input, shared by its scripts.
var stdinMu sync.Mutex

func (e *Env) stdinReader() *bufio.Reader {
	stdinMu.Lock()
	defer stdinMu.Unlock()
	if e.stdin == nil {
		e.stdin = bufio.NewReader(e.cfg.Stdin)
	}
	return e.stdin
}

// ioRead reads standard input as Lua's io.read does ("*l", "*L", "*n",
// "*a" or a byte count), waiting without blocking other handlers.
func (m *module) ioRead(L *lua.LState) int {
	format := "l"
	n := -1
	switch v := L.Get(1).(type) {
	case lua.LString:
		format = strings.TrimPrefix(string(v), "*")
	case lua.LNumber:
		n = int(v)
	}
	r := m.e.stdinReader()
	return m.s.Await(L, "io.read", func(context.Context) runtime.Finish {
		var val lua.LValue = lua.LNil
		stdinMu.Lock()
		defer stdinMu.Unlock()
		switch {
		case n >= 0:
			buf := make([]byte, n)
			k, _ := io.ReadFull(r, buf)
			if k > 0 || n == 0 {
				val = lua.LString(buf[:k])
			}
		case strings.HasPrefix(format, "a"):
			b, _ := io.ReadAll(r)
			val = lua.LString(b)
		case strings.HasPrefix(format, "n"):
			line, err := r.ReadString('\n')
			if f, perr := strconv.ParseFloat(strings.TrimSpace(line), 64); perr == nil && (err == nil || line != "") {
				val = lua.LNumber(f)
			}
		default:
			line, err := r.ReadString('\n')
			if err == nil || line != "" {
				if !strings.HasPrefix(format, "L") {
					line = strings.TrimRight(line, "\r\n")
				}
				val = lua.LString(line)
			}
		}
		return func(*lua.LState) (lua.LValue, error) { return val, nil }
	})
}

// resolve finds a file a script names: relative to the working directory,
// then to the script's directory; sandboxed, inside the script's directory
// only.
func (m *module) resolve(name string) (string, error) {
	dir := m.s.Dir()
	if m.e.cfg.Sandbox {
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			return "", err
		}
		root, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return "", err
		}
		if rel, err := filepath.Rel(root, real); err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
			return "", fmt.Errorf("%s: outside the script's directory (sandboxed)", name)
		}
		return real, nil
	}
	if _, err := os.Stat(name); err == nil || filepath.IsAbs(name) {
		return name, err
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		return "", &os.PathError{Op: "open", Path: name, Err: os.ErrNotExist}
	}
	return p, nil
}

// loadfile(path) compiles a file: the function, or nil and the error.
func (m *module) loadfile(L *lua.LState) int {
	name := L.CheckString(1)
	fn, err := m.loadFile(L, name)
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	L.Push(fn)
	return 1
}

func (m *module) loadFile(L *lua.LState, name string) (*lua.LFunction, error) {
	path, err := m.resolve(name)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s", name)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s", name)
	}
	// A change of what the script loaded reloads it, as a change of the
	// script does; also when it does not compile, so that a fix reloads.
	m.s.Watch(path)
	if isRedisLua(src) {
		// A copy of redis-lua shipped with the bot: it would need
		// LuaSocket; luagram's redis module has its API.
		return L.NewFunction(func(L *lua.LState) int {
			v, err := preloads["redis"](m)
			if err != nil {
				L.RaiseError("%s", err.Error())
			}
			L.Push(v)
			return 1
		}), nil
	}
	fn, err := compile(L, src, name)
	if err != nil {
		// Bots often call what loadfile returns at once, which then
		// fails without saying why: the log says it.
		m.s.Logger().Warn("a Lua file the script loads does not compile", "err", err)
	}
	return fn, err
}

// isRedisLua recognizes the source of redis-lua (github.com/nrk/redis-lua)
// by its version line.
func isRedisLua(src []byte) bool {
	head := src[:min(len(src), 512)]
	return bytes.Contains(head, []byte("'redis-lua 2.")) || bytes.Contains(head, []byte(`"redis-lua 2.`))
}

// loadstring(s [, name]) compiles a string.
func (m *module) loadstring(L *lua.LState) int {
	src := L.CheckString(1)
	name := L.OptString(2, src)
	return pushCompiled(L, []byte(src), name)
}

// load(chunk [, name]) compiles a string (Lua 5.2) or the pieces a
// function returns (Lua 5.1).
func (m *module) load(L *lua.LState) int {
	switch v := L.Get(1).(type) {
	case lua.LString:
		return pushCompiled(L, []byte(v), L.OptString(2, string(v)))
	case *lua.LFunction:
		var b strings.Builder
		for {
			L.Push(v)
			L.Call(0, 1)
			piece := L.Get(-1)
			L.Pop(1)
			s, ok := piece.(lua.LString)
			if !ok || s == "" {
				break
			}
			b.WriteString(string(s))
		}
		return pushCompiled(L, []byte(b.String()), L.OptString(2, "=(load)"))
	}
	L.ArgError(1, "string or function expected")
	return 0
}

func pushCompiled(L *lua.LState, src []byte, name string) int {
	if len(name) > 60 || strings.ContainsAny(name, "\n") {
		name = "[string]"
	}
	fn, err := compile(L, src, name)
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	L.Push(fn)
	return 1
}

// find(name, path) is the file search of require: it compiles the first
// file package.path names, or returns nil and where it looked.
func (m *module) find(L *lua.LState) int {
	name := L.CheckString(1)
	path := L.OptString(2, "./?.lua")
	base := strings.TrimSuffix(strings.TrimPrefix(name, "./"), ".lua")
	rel := strings.ReplaceAll(base, ".", "/")
	if strings.Contains(base, "/") {
		rel = base
	}
	var tried []string
	var templates []string
	for _, t := range strings.Split(path, ";") {
		if t = strings.TrimSpace(t); t != "" {
			templates = append(templates, t)
		}
	}
	templates = append(templates, "?.lua", "?/init.lua")
	for _, t := range templates {
		file := strings.ReplaceAll(t, "?", rel)
		fn, err := m.loadFile(L, file)
		if err == nil {
			L.Push(fn)
			return 1
		}
		if _, isBytecode := err.(*ErrBytecode); isBytecode || !strings.HasPrefix(err.Error(), "cannot open") {
			L.Push(lua.LNil)
			L.Push(lua.LString(fmt.Sprintf("error loading module '%s' from file '%s':\n\t%s", name, file, err)))
			return 2
		}
		tried = append(tried, "\n\tno file '"+file+"'")
	}
	L.Push(lua.LNil)
	L.Push(lua.LString("module '" + name + "' not found:\n\tno field package.preload['" + name + "']" + strings.Join(tried, "")))
	return 2
}

// openPreload(name) opens one of the modules luagram provides.
func (m *module) openPreload(L *lua.LState) int {
	name := L.CheckString(1)
	open := preloads[name]
	if open == nil {
		L.RaiseError("module '%s' not found", name)
	}
	v, err := open(m)
	if err != nil {
		L.RaiseError("module '%s': %s", name, err.Error())
	}
	L.Push(v)
	return 1
}

// preloads are the modules tdcli scripts require, by the names they use.
var preloads = map[string]func(m *module) (lua.LValue, error){}
