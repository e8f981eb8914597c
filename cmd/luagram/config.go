package main

import (
	"fmt"
	"os"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/runtime/clientlib"
	"github.com/luagram/luagram/settings"
)

// loadSettings reads a Lua settings file: a chunk returning a table with
// only what differs from the defaults. The chunk may read environment
// variables with os.getenv (for secrets) and nothing else of the system.
// path "" means the defaults.
func loadSettings(path string) (*settings.Settings, error) {
	if path == "" {
		return settings.Decode(nil)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{{lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable}, {lua.StringLibName, lua.OpenString}, {lua.MathLibName, lua.OpenMath}} {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	for _, name := range []string{"dofile", "loadfile", "load", "loadstring", "require", "module"} {
		L.SetGlobal(name, lua.LNil)
	}
	osTable := L.NewTable()
	osTable.RawSetString("getenv", L.NewFunction(func(L *lua.LState) int {
		if v, ok := os.LookupEnv(L.CheckString(1)); ok {
			L.Push(lua.LString(v))
		} else {
			L.Push(lua.LNil)
		}
		return 1
	}))
	L.SetGlobal("os", osTable)
	fn, err := L.Load(strings.NewReader(string(src)), "@"+path)
	if err != nil {
		return nil, fmt.Errorf("settings file %s: %w", path, err)
	}
	L.Push(fn)
	if err := L.PCall(0, 1, nil); err != nil {
		return nil, fmt.Errorf("settings file %s: %w", path, err)
	}
	ret := L.Get(-1)
	t, ok := ret.(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("settings file %s: must return a table (return { ... }), got %s", path, ret.Type())
	}
	tree, ok := clientlib.LuaToGo(t).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("settings file %s: the returned table must have named keys", path)
	}
	s, err := settings.Decode(tree)
	if err != nil {
		return nil, fmt.Errorf("settings file %s: %w", path, err)
	}
	return s, nil
}
