package runtime

import (
	"os"
	"path/filepath"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// compile reads and compiles a Lua file; its chunk name (what error
// positions show) is its path relative to the script's directory. A first
// line starting with # (a shebang) is ignored.
func (p *program) compile(path string) (*lua.FunctionProto, error) {
	name := p.chunkName(path)
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, &LoadError{File: name, Msg: err.Error()}
	}
	if len(src) > 0 && src[0] == '#' {
		// Keep the line count: error positions must match the file.
		i := strings.IndexByte(string(src), '\n')
		if i < 0 {
			i = len(src)
		}
		src = append([]byte("--"), src[i:]...)
	}
	chunk, err := parse.Parse(strings.NewReader(string(src)), name)
	if err != nil {
		return nil, loadError(name, err)
	}
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, loadError(name, err)
	}
	return proto, nil
}

// chunkName returns path relative to the script's directory.
func (p *program) chunkName(path string) string {
	if rel, err := filepath.Rel(p.dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return path
}

// modulePath maps a module name to its file: "lib.util" and "lib/util" are
// lib/util.lua in the script's directory. Names are segments of letters,
// digits, '_' and '-'; the file, symbolic links resolved, must lie inside
// the script's directory.
func (p *program) modulePath(name string) (string, error) {
	segs := strings.FieldsFunc(name, func(r rune) bool { return r == '.' || r == '/' })
	if len(segs) == 0 || strings.Contains(name, "..") || strings.HasPrefix(name, "/") || strings.HasPrefix(name, ".") {
		return "", errBadModule
	}
	for _, seg := range segs {
		for _, r := range seg {
			if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				return "", errBadModule
			}
		}
	}
	path := filepath.Join(append([]string{p.dir}, segs...)...) + ".lua"
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	dir, err := filepath.EvalSymlinks(p.dir)
	if err != nil {
		return "", err
	}
	if rel, err := filepath.Rel(dir, real); err != nil || strings.HasPrefix(rel, "..") {
		return "", errOutside
	}
	return path, nil
}

type requireError string

func (e requireError) Error() string { return string(e) }

const (
	errBadModule = requireError("module names are words separated by '.' (lib.util)")
	errOutside   = requireError("module file is outside the script's directory")
)

// loadModule(name) is the Go half of require: it compiles the module's file
// and returns the chunk. Each file it loads is recorded for hot reload.
func (s *Script) loadModule(L *lua.LState) int {
	name := L.CheckString(1)
	path, err := s.p.modulePath(name)
	if err != nil {
		if os.IsNotExist(err) {
			L.RaiseError("module '%s' not found", name)
		}
		L.RaiseError("module '%s': %s", name, err.Error())
	}
	s.required = append(s.required, path)
	s.p.watch(path)
	proto, err := s.p.compile(path)
	if err != nil {
		msg := err.Error()
		if le, ok := err.(*LoadError); ok {
			msg = strings.TrimPrefix(le.Error(), "runtime: ")
		}
		L.Error(lua.LString(msg), 0) // the message has the file and line

	}
	L.Push(L.NewFunctionFromProto(proto))
	return 1
}
